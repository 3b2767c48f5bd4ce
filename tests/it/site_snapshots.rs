//! Golden HTML of the pages communications staff care most about, reviewed like code
//! (`cargo insta review` after an intended change).

use crate::site_fixture::Fixture;

fn press_site() -> Fixture {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"\npaginate_by = 10");
    f.file(
        "content/news/2024-05-02-frontline-officers.md",
        r#"+++
title = "IOM Trains Frontline Officers in Lebanon to Identify Victims of Trafficking"
description = "Forty officers completed a five-day course."
location = "Beirut, Lebanon"
[taxonomies]
tags = ["Training", "Victim identification"]
countries = ["Lebanon"]
[[contacts]]
name = "Jane Doe"
office = "IOM Lebanon, Media and Communications"
phone = "+961 1 234 567"
email = "jdoe@example.org"
+++
Forty immigration, police and labour officers completed a five-day course on identifying victims
of trafficking[^1].

<!-- more -->

## What the course covered

| Module | Days |
|---|---|
| Indicators of trafficking | 2 |
| Referral to assistance | 3 |

[^1]: Organised with the Ministry of Labour.
"#,
    );
    f
}

#[test]
fn press_release_page() {
    let f = press_site();
    f.build().unwrap();
    let html = f.read("news/frontline-officers/index.html");
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap() + 7];
    insta::assert_snapshot!(main);
}

#[test]
fn news_list_page() {
    let f = press_site();
    f.build().unwrap();
    let html = f.read("news/index.html");
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap() + 7];
    insta::assert_snapshot!(main);
}

#[test]
fn page_head_and_header() {
    let f = press_site();
    f.with_search();
    f.build().unwrap();
    let html = f.read("news/frontline-officers/index.html");
    insta::assert_snapshot!(&html[..html.find("<main").unwrap()]);
}
