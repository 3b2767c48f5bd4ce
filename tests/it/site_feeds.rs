//! Atom feeds (parsed back with feed-rs), the sitemap, robots.txt, 404, and links under a sub-path.

use crate::site_fixture::{Fixture, BASE};

fn news_site() -> Fixture {
    let f = Fixture::new();
    f.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\nsort_by = \"date\"\n+++\n",
    );
    f.news_section("sort_by = \"date\"\npaginate_by = 2");
    for (i, day) in ["2024-01-10", "2024-03-05", "2024-02-20"]
        .iter()
        .enumerate()
    {
        f.news(
            &format!("story-{i}"),
            day,
            "location = \"Tripoli, Lebanon\"\n[taxonomies]\ntags = [\"Training & capacity\"]\ncountries = [\"Lebanon\"]",
        );
    }
    f.file(
        "content/about.md",
        "+++\ntitle = \"About <us>\"\n+++\n## A & B\n\n[News](/news/) ![Logo](/logo.svg)\n",
    );
    f.file("static/logo.svg", "<svg/>");
    f
}

fn parse(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}: {xml}"))
}

#[test]
fn site_section_and_term_feeds_are_valid_atom() {
    let f = news_site();
    f.build().unwrap();
    let site = parse(&f.read("atom.xml"));
    assert_eq!(site.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(site.title.unwrap().content, "Test site");
    let links: Vec<String> = site
        .entries
        .iter()
        .map(|e| e.links[0].href.clone())
        .collect();
    assert_eq!(
        links,
        [
            format!("{BASE}news/story-1/"),
            format!("{BASE}news/story-2/"),
            format!("{BASE}news/story-0/")
        ]
    );
    assert_eq!(
        site.updated.unwrap().to_rfc3339(),
        "2024-03-05T00:00:00+00:00"
    );
    let first = &site.entries[0];
    assert_eq!(first.title.as_ref().unwrap().content, "story-1");
    let content = first.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(content.contains("Tripoli, Lebanon"), "{content}");
    let news = parse(&f.read("news/atom.xml"));
    assert_eq!(news.entries.len(), 3);
    assert!(news
        .links
        .iter()
        .any(|l| l.href == format!("{BASE}news/atom.xml")));
    let term = parse(&f.read("tags/training-capacity/atom.xml"));
    assert_eq!(term.entries.len(), 3);
    assert_eq!(
        term.title.unwrap().content,
        "Training &amp; capacity — Test site".replace("&amp;", "&")
    );
}

#[test]
fn feed_limit_caps_entries() {
    let f = news_site();
    f.file(
        "config.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\nfeed_limit = 2\n"),
    );
    f.build().unwrap();
    assert_eq!(parse(&f.read("atom.xml")).entries.len(), 2);
}

#[test]
fn sitemap_lists_every_page_and_robots_points_to_it() {
    let f = news_site();
    f.with_search();
    f.build().unwrap();
    let sitemap = f.read("sitemap.xml");
    for url in [
        String::from(BASE),
        format!("{BASE}about/"),
        format!("{BASE}news/"),
        format!("{BASE}news/page/2/"),
        format!("{BASE}news/story-0/"),
        format!("{BASE}tags/"),
        format!("{BASE}tags/training-capacity/"),
        format!("{BASE}countries/lebanon/"),
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} missing in {sitemap}"
        );
    }
    assert!(sitemap.contains("<lastmod>2024-03-05T00:00:00Z</lastmod>"));
    assert!(!sitemap.contains("page/1/"), "redirects are not listed");
    let html_files = f
        .files()
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .count();
    let redirects = f
        .files()
        .iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains("http-equiv=\"refresh\""))
        .count();
    assert!(f.exists("search/index.html"));
    assert!(
        !sitemap.contains("/search/"),
        "the search page is not listed"
    );
    assert_eq!(
        sitemap.matches("<loc>").count(),
        html_files - redirects - 2,
        "all but 404, the search page and redirects"
    );
    assert_eq!(
        f.read("robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n")
    );
    assert!(f.read("404.html").contains("Page not found"));
}

#[test]
fn every_link_and_asset_works_under_a_sub_path() {
    let f = news_site();
    f.file("static/extra.css", "p{}");
    f.build().unwrap();
    let checked = check_links_under_base(&f);
    assert!(checked > 100, "only {checked} links checked");
}

/// Checks that every link of every HTML and XML output lives under `BASE` and, when local, points
/// at an output file; returns how many were checked.
pub fn check_links_under_base(f: &Fixture) -> usize {
    let mut checked = 0;
    for (path, bytes) in f.files() {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\"", "<loc>", "<id>"] {
            for piece in text.split(attr).skip(1) {
                let url = &piece[..piece.find(['"', '<']).unwrap()];
                checked += 1;
                let ok = url.starts_with(BASE)
                    || url.starts_with('#')
                    || url.starts_with("mailto:")
                    || url.starts_with("tel:")
                    || url.starts_with("data:")
                    || url.starts_with("http://www.w3.org/");
                assert!(ok, "{path}: {url} does not live under {BASE}");
                if let Some(local) = url.strip_prefix(BASE) {
                    let local = local.split('#').next().unwrap();
                    let file = if local.is_empty() || local.ends_with('/') {
                        format!("{local}index.html")
                    } else {
                        local.to_string()
                    };
                    assert!(f.exists(&file), "{path}: {url} points to a missing {file}");
                }
            }
        }
    }
    checked
}

#[test]
fn base_url_override_from_the_command_line() {
    let f = news_site();
    let mut options = f.options();
    options.base_url = Some("https://mirror.example.net/ct".into());
    safestat::site::build(&options).unwrap();
    assert!(f
        .read("news/story-0/index.html")
        .contains("href=\"https://mirror.example.net/ct/style.css\""));
}

#[test]
fn text_is_escaped() {
    let f = news_site();
    f.build().unwrap();
    let about = f.read("about/index.html");
    assert!(about.contains("<h1>About &lt;us&gt;</h1>"));
    assert!(about.contains("<h2 id=\"a-b\">A &amp; B</h2>"), "{about}");
}
