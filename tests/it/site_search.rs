//! Search (`[search]`, `src/search/`): a search page per language, Pagefind's index built from
//! the rendered pages into `pagefind/`, one index per language, tables found by title and
//! category label, chrome left out; off, none of it exists; the same input gives the same bytes.

use std::collections::BTreeMap;
use std::io::Read;

use serde_json::Value;

use crate::site_fixture::{Fixture, BASE};
use crate::site_languages::three_languages;
use crate::site_statistics::statistics_site;

/// A file of Pagefind's index as text: its fragments and indexes are gzipped, with a
/// `pagefind_dcd` signature before the data.
pub fn index_text(bytes: &[u8]) -> String {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut data)
        .expect("a gzipped index file");
    let data = data.strip_prefix(b"pagefind_dcd").unwrap_or(&data[..]);
    String::from_utf8_lossy(data).into_owned()
}

/// Pagefind's program files (scripts, styles, WebAssembly), by path: those of an empty site,
/// everything under `pagefind/` but the index (`pagefind-entry.json`, `*.pf_*`) and
/// `search-page.js` (which names the site's languages), of a site with one page in English.
pub fn pagefind_program() -> BTreeMap<String, Vec<u8>> {
    let f = Fixture::new();
    f.with_search().news("hello", "2024-01-01", "");
    f.build().unwrap();
    let program: BTreeMap<String, Vec<u8>> = f
        .files()
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with("pagefind/")
                && !path.ends_with("pagefind-entry.json")
                && !path.ends_with("search-page.js")
                && !path.contains(".pf_")
        })
        .collect();
    for file in ["pagefind-ui.js", "wasm.en.pagefind"] {
        assert!(
            program.contains_key(&format!("pagefind/{file}")),
            "{file}: {:?}",
            program.keys()
        );
    }
    program
}

/// Every page fragment of the index (url, content, meta…), by URL.
fn fragments(f: &Fixture) -> BTreeMap<String, Value> {
    f.files()
        .into_iter()
        .filter(|(path, _)| path.starts_with("pagefind/fragment/"))
        .map(|(path, bytes)| {
            let fragment: Value =
                serde_json::from_str(&index_text(&bytes)).unwrap_or_else(|e| panic!("{path}: {e}"));
            (fragment["url"].as_str().unwrap().to_string(), fragment)
        })
        .collect()
}

/// The languages of the index and the page count of each (`pagefind-entry.json`).
fn indexed_languages(f: &Fixture) -> BTreeMap<String, u64> {
    let entry: Value = serde_json::from_str(&f.read("pagefind/pagefind-entry.json")).unwrap();
    entry["languages"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, l)| (code.clone(), l["page_count"].as_u64().unwrap()))
        .collect()
}

#[test]
fn each_language_has_its_search_page_and_its_own_index() {
    let f = three_languages();
    f.with_search();
    f.build().unwrap();
    // One index per language: en has two releases, ar and fr the one translated.
    assert_eq!(
        indexed_languages(&f),
        BTreeMap::from([("ar".into(), 1), ("en".into(), 2), ("fr".into(), 1)])
    );
    let fragments = fragments(&f);
    assert_eq!(
        fragments.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "/ar/news/training/",
            "/fr/news/training/",
            "/news/hotline/",
            "/news/training/"
        ],
        "only pages with main content are indexed (no lists, home, term or search pages)"
    );
    assert!(fragments["/fr/news/training/"]["content"]
        .as_str()
        .unwrap()
        .contains("Texte du communiqué"));
    assert_eq!(
        fragments["/ar/news/training/"]["meta"]["title"],
        "تدريب الضباط"
    );
    // Each language's words are in its own index files (named `<lang>_<hash>`).
    let files = f.files();
    for (path, bytes) in &files {
        if let Some(name) = path.strip_prefix("pagefind/index/") {
            let text = index_text(bytes);
            if name.starts_with("en_") {
                assert!(!text.contains("communiqu"), "{path}: a French word");
            }
            if name.starts_with("fr_") {
                assert!(!text.contains("hotline"), "{path}: an English word");
            }
        }
    }
    for (prefix, lang, dir) in [
        ("", "en", "ltr"),
        ("ar/", "ar", "rtl"),
        ("fr/", "fr", "ltr"),
    ] {
        let page = f.read(&format!("{prefix}search/index.html"));
        assert!(
            page.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")),
            "{prefix}search/: {page}"
        );
        assert!(
            page.contains(&format!("src=\"{BASE}pagefind/pagefind-ui.js\"")),
            "{page}"
        );
        assert!(
            page.contains(&format!("src=\"{BASE}pagefind/search-page.js\"")),
            "{page}"
        );
        assert!(
            page.contains("data-bundle-path=\"/lebanon/pagefind/\""),
            "{page}"
        );
        assert!(page.contains("data-base-url=\"/lebanon/\""), "{page}");
        assert!(page.contains("<noscript>"), "{page}");
        assert!(
            page.contains(&format!("href=\"{BASE}sitemap.xml\"")),
            "the search page links the sitemap: {page}"
        );
        assert!(
            page.contains(&format!("href=\"{BASE}{prefix}news/\"")),
            "the search page links the news list: {page}"
        );
        // Every page's header links the language's search page.
        for path in [
            format!("{prefix}index.html"),
            format!("{prefix}news/training/index.html"),
        ] {
            assert!(
                f.read(&path)
                    .contains(&format!("<a href=\"{BASE}{prefix}search/\"")),
                "{path} links the search page"
            );
        }
    }
    // The words come from each language's Fluent file.
    let ar = f.read("ar/search/index.html");
    assert!(
        ar.contains("data-placeholder=\"ابحث في الأخبار والإحصاءات\""),
        "{ar}"
    );
    assert!(ar.contains(">بحث</a>"), "{ar}");
    let fr = f.read("fr/search/index.html");
    assert!(
        fr.contains("data-zero-results=\"Aucun résultat pour [SEARCH_TERM]\""),
        "{fr}"
    );
    assert!(fr.contains("désactivé dans ce navigateur"), "{fr}");
    for file in [
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind.js",
        "wasm.ar.pagefind",
    ] {
        assert!(f.exists(&format!("pagefind/{file}")), "pagefind/{file}");
    }
}

#[test]
fn tables_are_found_by_title_and_category_label_and_chrome_is_not_indexed() {
    let f = statistics_site();
    f.with_search();
    f.build().unwrap();
    let fragments = fragments(&f);
    let tables: Vec<&Value> = fragments
        .iter()
        .filter(|(url, _)| url.starts_with("/statistics/") && url.len() > "/statistics/".len())
        .map(|(_, fragment)| fragment)
        .collect();
    assert!(!tables.is_empty(), "{:?}", fragments.keys());
    let gender = fragments
        .get("/statistics/by-year-gender/")
        .unwrap_or_else(|| panic!("{:?}", fragments.keys()));
    let page = f.read("statistics/by-year-gender/index.html");
    let title = gender["meta"]["title"].as_str().unwrap();
    assert!(page.contains(&format!("<h1>{title}</h1>")), "{title}");
    let content = gender["content"].as_str().unwrap();
    for label in ["Female", "Male"] {
        assert!(content.contains(label), "{label}: {content}");
    }
    for fragment in fragments.values() {
        let content = fragment["content"].as_str().unwrap();
        for chrome in ["Skip to main content", "News feed (Atom)", "Sitemap"] {
            assert!(
                !content.contains(chrome),
                "{}: {chrome:?} is the site's chrome: {content}",
                fragment["url"]
            );
        }
    }
}

#[test]
fn search_off_leaves_out_the_page_the_index_and_the_link() {
    // Off by default, and when a site says so.
    let default = three_languages();
    default.build().unwrap();
    let f = three_languages();
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &format!("{config}\n[search]\nenabled = false\n"),
    );
    f.build().unwrap();
    assert_eq!(default.files(), f.files(), "off is the default");
    for (path, bytes) in f.files() {
        assert!(!path.starts_with("pagefind/"), "{path}");
        assert!(!path.ends_with("search/index.html"), "{path}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("/search/"), "{path} links a search page");
        assert!(!text.contains("pagefind/"), "{path} loads the search index");
    }
    assert!(f.exists("ar/news/training/index.html"));
}

#[test]
fn the_index_is_the_same_bytes_from_two_builds() {
    let f = three_languages();
    f.with_search();
    f.file(
        "content/news/more.md",
        "+++\ntitle = \"More training\"\ndate = 2024-05-01\n+++\nTraining of officers, labour inspectors and social workers on victim identification.\n",
    );
    f.build().unwrap();
    let first = f.files();
    assert!(first.iter().any(|(p, _)| p.starts_with("pagefind/index/")));
    for _ in 0..2 {
        f.build().unwrap();
        let again = f.files();
        assert_eq!(
            first.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            again.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
        for ((path, a), (_, b)) in first.iter().zip(&again) {
            assert!(a == b, "{path} differs between two builds");
        }
    }
}

#[test]
fn the_preview_builds_without_the_index_and_its_search_page_says_so() {
    let f = three_languages();
    f.with_search();
    safestat::site::build(&safestat::site::BuildOptions {
        skip_search_index: true,
        ..f.options()
    })
    .unwrap();
    assert!(!f.exists("pagefind"));
    let page = f.read("search/index.html");
    assert!(
        page.contains("Search is not built in the preview"),
        "{page}"
    );
    assert!(!page.contains("pagefind-ui.js"), "{page}");
    assert!(page.contains(&format!("href=\"{BASE}news/\"")), "{page}");
}

#[test]
fn search_settings_are_checked_with_line_and_column() {
    let f = Fixture::new();
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n\n[search]\nenable = false\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:4:1"), "{err}");
    assert!(err.contains("enable"), "{err}");
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n[search]\nenabled = \"no\"\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:3:11"), "{err}");
}

#[test]
fn a_site_file_where_the_index_goes_is_an_error() {
    let f = Fixture::new();
    f.with_search();
    f.file("static/pagefind/pagefind.js", "// the site's own\n");
    let err = f.build_err();
    assert!(err.contains("pagefind/pagefind.js"), "{err}");
    assert!(err.contains("enabled = false"), "{err}");
    assert!(!f.exists("index.html"), "nothing is published");
}

/// `safestat check` does not build the index (it writes nothing), but it does find a site file
/// where the index would go.
#[test]
fn check_finds_a_site_file_where_the_index_goes() {
    let f = Fixture::new();
    f.with_search();
    f.file("static/pagefind/part-2/pagefind.js", "// the site's own\n");
    let err = safestat::site::check(&f.options()).unwrap_err();
    let err = format!("{err:#}");
    assert!(err.contains("pagefind/part-2/pagefind.js"), "{err}");
}
