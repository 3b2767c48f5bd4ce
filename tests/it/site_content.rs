//! Content: front matter, press-release fields, sections, pagination, taxonomies, links, aliases.

use crate::site_fixture::{Fixture, BASE};

#[test]
fn press_release_fields_render_dateline_and_contacts() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"");
    f.file(
        "content/news/2024-05-02-training.md",
        r#"+++
title = "IOM trains frontline officers"
description = "Training on identifying victims."
location = "Beirut, Lebanon"
[[contacts]]
name = "Jane Doe"
office = "IOM Lebanon"
phone = "+961 1 234 567"
email = "jdoe@example.org"
+++
Forty officers completed the course.

Second paragraph.
"#,
    );
    f.build().unwrap();
    let html = f.read("news/training/index.html");
    assert!(
        html.contains(&format!(
            "<a href=\"{BASE}news/\" aria-current=\"true\">News</a>"
        )),
        "{html}"
    );
    assert!(f.read("news/index.html").contains(&format!(
        "<a href=\"{BASE}news/\" aria-current=\"page\">News</a>"
    )));
    assert!(html.contains("<title>IOM trains frontline officers — Test site</title>"));
    assert!(
        html.contains("<p><span class=\"dateline\">Beirut, Lebanon — </span>Forty officers"),
        "{html}"
    );
    assert_eq!(html.matches("class=\"dateline\"").count(), 1);
    assert!(html.contains("For more information, please contact"));
    assert!(html.contains("href=\"mailto:jdoe@example.org\""));
    assert!(html.contains("href=\"tel:+9611234567\""));
    assert!(
        html.contains("<time datetime=\"2024-05-02\">2 May 2024</time>"),
        "{html}"
    );
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"));
    assert!(html.contains("<main id=\"main\""));
}

#[test]
fn sections_sort_by_date_weight_and_title() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"");
    f.news("old", "2023-01-01", "");
    f.news("new", "2024-01-01", "");
    f.news("mid", "2023-06-01", "");
    f.file(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\nsort_by = \"weight\"\n+++\n",
    );
    f.file(
        "content/guide/b.md",
        "+++\ntitle = \"B\"\nweight = 1\n+++\n",
    );
    f.file(
        "content/guide/a.md",
        "+++\ntitle = \"A\"\nweight = 2\n+++\n",
    );
    f.file("content/Zebra/_index.md", "+++\ntitle = \"Zebra\"\n+++\n");
    f.file(
        "content/faq/_index.md",
        "+++\ntitle = \"FAQ\"\nsort_by = \"title\"\n+++\n",
    );
    f.file("content/faq/z.md", "+++\ntitle = \"alpha\"\n+++\n");
    f.file("content/faq/y.md", "+++\ntitle = \"Beta\"\n+++\n");
    f.build().unwrap();
    let order = |html: &str, titles: &[&str]| {
        let positions: Vec<usize> = titles
            .iter()
            .map(|t| {
                html.find(&format!(">{t}</a></h2>"))
                    .unwrap_or_else(|| panic!("{t} missing"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{titles:?} in {html}"
        );
    };
    order(&f.read("news/index.html"), &["new", "mid", "old"]);
    let home = f.read("index.html");
    assert!(
        home.contains("<h1>Home</h1>") && home.contains("Latest news"),
        "{home}"
    );
    assert!(!f.read("Zebra/index.html").contains("Latest news"));
    order(&f.read("guide/index.html"), &["B", "A"]);
    order(&f.read("faq/index.html"), &["alpha", "Beta"]);
    let mid = f.read("news/mid/index.html");
    assert!(
        mid.contains(&format!("rel=\"prev\" href=\"{BASE}news/new/\"")),
        "{mid}"
    );
    assert!(mid.contains(&format!("rel=\"next\" href=\"{BASE}news/old/\"")));
}

#[test]
fn transparent_render_false_and_page_template() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"\npage_template = \"press.html\"");
    f.file(
        "content/news/2024/_index.md",
        "+++\ntitle = \"2024\"\ntransparent = true\nrender = false\n+++\n",
    );
    f.file(
        "content/news/2024/deep.md",
        "+++\ntitle = \"Deep\"\ndate = 2024-02-02\n+++\nDeep text.\n",
    );
    f.file(
        "templates/press.html",
        "PRESS {{ page.title }} {{ page.section.title }}",
    );
    f.build().unwrap();
    assert!(f.read("news/index.html").contains(">Deep</a>"));
    assert!(!f.exists("news/2024/index.html"));
    assert_eq!(f.read("news/2024/deep/index.html"), "PRESS Deep 2024");
}

#[test]
fn pagination_splits_lists_and_redirects_page_one() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"\npaginate_by = 10");
    for i in 1..=25 {
        f.news(&format!("n{i:02}"), &format!("2024-01-{i:02}"), "");
    }
    f.build().unwrap();
    let first = f.read("news/index.html");
    assert_eq!(first.matches("class=\"summary\"").count(), 10);
    assert!(first.contains(">n25</a>") && !first.contains(">n15</a>"));
    assert!(first.contains(&format!("rel=\"next\" href=\"{BASE}news/page/2/\"")));
    assert!(first.contains("Page 1 of 3"));
    let last = f.read("news/page/3/index.html");
    assert_eq!(last.matches("class=\"summary\"").count(), 5);
    assert!(last.contains(&format!("rel=\"prev\" href=\"{BASE}news/page/2/\"")));
    assert!(!last.contains("rel=\"next\""));
    assert!(!f.exists("news/page/4/index.html"));
    assert!(f
        .read("news/page/1/index.html")
        .contains(&format!("url={BASE}news/\"")));
}

#[test]
fn taxonomies_have_list_paginated_terms_and_feeds() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"");
    for i in 1..=12 {
        let countries = if i % 2 == 0 {
            "[\"Lebanon\", \"Syria\"]"
        } else {
            "[\"Lebanon\"]"
        };
        f.news(
            &format!("n{i:02}"),
            &format!("2024-02-{i:02}"),
            &format!("[taxonomies]\ntags = [\"Victim identification\"]\ncountries = {countries}"),
        );
    }
    f.build().unwrap();
    let list = f.read("countries/index.html");
    assert!(
        list.contains(&format!(
            "href=\"{BASE}countries/lebanon/\">Lebanon</a> <span class=\"count\">(12)</span>"
        )),
        "{list}"
    );
    assert!(list.contains("Syria</a> <span class=\"count\">(6)</span>"));
    let term = f.read("tags/victim-identification/index.html");
    assert_eq!(term.matches("class=\"summary\"").count(), 10);
    assert!(term.contains(">n12</a>"));
    let second = f.read("tags/victim-identification/page/2/index.html");
    assert_eq!(second.matches("class=\"summary\"").count(), 2);
    assert!(second.contains(">n01</a>"));
    assert!(f.exists("tags/victim-identification/atom.xml"));
    assert!(f.exists("countries/syria/atom.xml"));
    f.file(
        "content/about.md",
        "+++\ntitle = \"Undated\"\n[taxonomies]\ncountries = [\"Syria\"]\n+++\n",
    );
    f.build().unwrap();
    let syria = f.read("countries/syria/index.html");
    let syria = &syria[syria.find("<main").unwrap()..];
    assert!(
        syria.contains(">Undated</a>"),
        "undated pages are listed last: {syria}"
    );
    assert!(syria.find(">n12</a>").unwrap() < syria.find(">Undated</a>").unwrap());
    let page = f.read("news/n02/index.html");
    assert!(page.contains(&format!("<a href=\"{BASE}countries/syria/\">Syria</a>")));
    f.file(
        "content/ci.md",
        "+++\ntitle = \"CI\"\n[taxonomies]\ncountries = [\"Côte d'Ivoire\"]\n+++\n",
    );
    f.build().unwrap();
    assert!(f.exists("countries/côte-d-ivoire/index.html"));
    assert!(f
        .read("sitemap.xml")
        .contains(&format!("<loc>{BASE}countries/c%C3%B4te-d-ivoire/</loc>")));
}

#[test]
fn internal_links_resolve_with_anchors() {
    let f = Fixture::new();
    f.file(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n## Our mandate\n\nText.\n",
    );
    f.file(
        "content/news/a.md",
        "+++\ntitle = \"A\"\n+++\nSee [about](@/about.md#our-mandate) and [home](@/_index.md).\n",
    );
    f.build().unwrap();
    let html = f.read("news/a/index.html");
    assert!(
        html.contains(&format!("href=\"{BASE}about/#our-mandate\"")),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"{BASE}\">home</a>")));
}

#[test]
fn aliases_become_redirect_pages() {
    let f = Fixture::new();
    f.file(
        "content/about.md",
        "+++\ntitle = \"About\"\naliases = [\"who-we-are/\", \"old/about.html\"]\n+++\n",
    );
    f.build().unwrap();
    for path in ["who-we-are/index.html", "old/about.html"] {
        let html = f.read(path);
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={BASE}about/\">"
            )),
            "{html}"
        );
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}about/\">")));
    }
}

#[test]
fn drafts_only_with_the_flag() {
    let f = Fixture::new();
    f.file(
        "content/secret.md",
        "+++\ntitle = \"Embargoed\"\ndraft = true\n+++\n",
    );
    f.file(
        "content/news/visit/index.md",
        "+++\ntitle = \"Visit\"\ndraft = true\n+++\n",
    );
    f.file("content/news/visit/photo.jpg", "JPEG");
    f.file(
        "content/news/myindex.md",
        "+++\ntitle = \"Not a bundle\"\n+++\n",
    );
    f.file("content/news/report.pdf", "PDF");
    f.file(
        "content/embargo/_index.md",
        "+++\ntitle = \"Embargo\"\ndraft = true\n+++\n",
    );
    f.file(
        "content/embargo/launch.md",
        "+++\ntitle = \"Launch\"\n+++\n",
    );
    f.file("content/embargo/figures.csv", "a,b\n");
    f.build().unwrap();
    assert!(
        !f.exists("embargo/launch/index.html"),
        "pages of a draft section are drafts"
    );
    assert!(!f.exists("embargo/figures.csv"));
    assert!(!f.exists("secret/index.html"));
    assert!(
        !f.exists("news/visit/photo.jpg"),
        "a draft's files are not published"
    );
    assert_eq!(f.read("news/report.pdf"), "PDF");
    assert!(!f.read("sitemap.xml").contains("secret"));
    let mut options = f.options();
    options.drafts = true;
    safestat::site::build(&options).unwrap();
    assert!(f.exists("secret/index.html"));
    assert_eq!(f.read("news/visit/photo.jpg"), "JPEG");
}

#[test]
fn colocated_assets_static_and_content_files_are_copied() {
    let f = Fixture::new();
    f.file(
        "content/news/visit/index.md",
        "+++\ntitle = \"Visit\"\n+++\n![Officers](photo.jpg)\n",
    );
    f.file("content/news/visit/photo.jpg", "JPEGBYTES");
    f.file("content/news/report.pdf", "PDF");
    f.file("static/img/logo.svg", "<svg/>");
    f.file("static/.well-known/security.txt", "Contact: x");
    f.build().unwrap();
    assert_eq!(f.read("news/visit/photo.jpg"), "JPEGBYTES");
    assert!(f
        .read("news/visit/index.html")
        .contains("src=\"photo.jpg\""));
    assert_eq!(f.read("news/report.pdf"), "PDF");
    assert_eq!(f.read("img/logo.svg"), "<svg/>");
    assert_eq!(f.read(".well-known/security.txt"), "Contact: x");
}

#[test]
fn custom_path_and_slug() {
    let f = Fixture::new();
    f.file(
        "content/news/x.md",
        "+++\ntitle = \"X\"\nslug = \"custom\"\n+++\n",
    );
    f.file(
        "content/y.md",
        "+++\ntitle = \"Y\"\npath = \"elsewhere/deep\"\n+++\n",
    );
    f.file(
        "content/news/2024-03-04_dated.md",
        "+++\ntitle = \"Dated\"\n+++\n",
    );
    f.build().unwrap();
    assert!(f.exists("news/custom/index.html"));
    assert!(f.exists("elsewhere/deep/index.html"));
    assert!(f
        .read("news/dated/index.html")
        .contains("datetime=\"2024-03-04\""));
}

/// A translation's redirect pages speak its language.
#[test]
fn a_translations_aliases_redirect_in_its_language() {
    let f = crate::site_languages::three_languages();
    f.file("content/about.md", "+++\ntitle = \"About\"\n+++\n");
    f.file(
        "content/about.fr.md",
        "+++\ntitle = \"À propos\"\naliases = [\"qui-sommes-nous/\"]\n+++\n",
    );
    f.build().unwrap();
    let html = f.read("fr/qui-sommes-nous/index.html");
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("Cette page a été déplacée vers"), "{html}");
    assert!(!html.contains("moved"), "{html}");
}
