//! The example site's search pages in headless Chromium, served over HTTP (Pagefind's script
//! fetches the index) by the preview server with the full build, index included: the Arabic page
//! finds the training release by an Arabic word, the French page by a French word, each language
//! searches only its own pages, the interface speaks the page's language (from the Fluent
//! files), and the pages pass axe-core.
//!
//! Needs Chromium, chromedriver and axe-core (`bash .ci/install-browser-tools`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use safestat::serve::{ServeOptions, Server};
use safestat::site::BuildOptions;
use serde_json::json;

use crate::serve_browser::{assert_accessible, assert_errors_free, copy_example};
use crate::serve_support::artifact_dir;
use crate::serve_webdriver::{axe_source, Chromedriver, Session};

const WAIT: Duration = Duration::from_secs(20);
const RELEASE: &str = "news/frontline-officers-trained-to-identify-victims/";

/// Where the search box's magnifier and clear button are, as `[magnifier, clear]`, each
/// `"start"` or `"end"` of the reading direction: nearer the box's right edge on a
/// right-to-left page is its start.
fn search_box_sides(browser: &Session) -> serde_json::Value {
    browser.execute(
        "const input = document.querySelector('.pagefind-ui__search-input').getBoundingClientRect(); \
         const form = document.querySelector('.pagefind-ui__form'); \
         const before = getComputedStyle(form, '::before'); \
         const box = form.getBoundingClientRect(); \
         const iconLeft = box.left + parseFloat(before.left); \
         const clear = document.querySelector('.pagefind-ui__search-clear').getBoundingClientRect(); \
         const rtl = document.documentElement.dir === 'rtl'; \
         const middle = input.left + input.width / 2; \
         const side = x => ((x > middle) === rtl) ? 'start' : 'end'; \
         return [side(iconLeft), side(clear.left + clear.width / 2)];",
        json!([]),
    )
}

/// Types `words` into the search box of the open search page and returns the pages found, once
/// Pagefind has answered, with its message (the count, or its "no results" words).
fn search(browser: &Session, words: &str) -> (Vec<String>, String) {
    browser.wait_until(
        WAIT,
        "Pagefind's search box",
        "return document.querySelector('.pagefind-ui__search-input') !== null;",
    );
    browser.execute(
        "const input = document.querySelector('.pagefind-ui__search-input'); \
         input.value = arguments[0]; \
         input.dispatchEvent(new Event('input', { bubbles: true }));",
        json!([words]),
    );
    browser.wait_until(
        WAIT,
        &format!("results for {words:?}"),
        "const m = document.querySelector('.pagefind-ui__message'); \
         return m !== null && m.textContent.trim() !== '' \
           && !document.querySelector('.pagefind-ui__results-area .pagefind-ui__loading');",
    );
    // The message comes before the results are drawn; wait for the count it announces.
    std::thread::sleep(Duration::from_millis(500));
    let found = browser.execute(
        "return { links: [...document.querySelectorAll('.pagefind-ui__result-link')] \
                   .map(a => a.getAttribute('href')), \
                 message: document.querySelector('.pagefind-ui__message').textContent };",
        json!([]),
    );
    // The pages found (a result's sections are links to its headings: `page/#heading`).
    let mut links: Vec<String> = Vec::new();
    for link in found["links"].as_array().unwrap() {
        let page = link
            .as_str()
            .unwrap()
            .split('#')
            .next()
            .unwrap()
            .to_string();
        if !links.contains(&page) {
            links.push(page);
        }
    }
    (links, found["message"].as_str().unwrap().to_string())
}

/// Serves the site at `root` built as `safestat build` builds it, index included (the preview's
/// own build leaves it out), in parts of at most `part_pages` when given.
fn serve_built(root: PathBuf, part_pages: Option<usize>) -> Server {
    let options = ServeOptions {
        addr: ([127, 0, 0, 1], 0).into(),
        ..ServeOptions::new(&root)
    };
    Server::start(&options, move |output: &Path, base_url: &str| {
        safestat::site::build(&BuildOptions {
            root: root.clone(),
            output_dir: Some(output.to_path_buf()),
            base_url: Some(base_url.to_string()),
            search_part_pages: part_pages,
            ..Default::default()
        })
    })
    .unwrap()
}

#[test]
fn serve_browser_search_finds_the_training_release_in_arabic_and_in_french() {
    let files = copy_example();
    let root = files.path().to_path_buf();
    let server = serve_built(root, None);
    let url = |path: &str| format!("http://{}/{path}", server.addr());
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());
    let shots = artifact_dir("serve_browser_search");
    println!("screenshots in {}", shots.display());
    let axe = axe_source();

    browser.goto(&url("ar/search/"));
    let page = browser.execute(
        "return { lang: document.documentElement.lang, dir: document.documentElement.dir, \
                  label: document.querySelector('.pagefind-ui__search-input')?.getAttribute('placeholder') };",
        json!([]),
    );
    assert_eq!(page["lang"], "ar", "{page}");
    assert_eq!(page["dir"], "rtl", "{page}");
    // "الأمامية" (frontline), a word of the Arabic release only.
    let (links, message) = search(&browser, "الأمامية");
    assert_eq!(links, [format!("/ar/{RELEASE}")], "{message}");
    browser.screenshot(&shots.join("ar.png"));
    // The box mirrors: the magnifier at the start (right), the clear button at the end (left).
    assert_eq!(search_box_sides(&browser), json!(["start", "end"]), "ar");
    assert_errors_free(&browser, "/ar/search/");
    assert_accessible(&browser, "/ar/search/", &axe);
    let placeholder = browser.execute(
        "return document.querySelector('.pagefind-ui__search-input').getAttribute('placeholder');",
        json!([]),
    );
    assert_eq!(placeholder, "ابحث في الأخبار والإحصاءات", "the Fluent words");

    browser.goto(&url("fr/search/"));
    let (links, message) = search(&browser, "formation");
    assert_eq!(links, [format!("/fr/{RELEASE}")], "{message}");
    browser.screenshot(&shots.join("fr.png"));
    assert_eq!(search_box_sides(&browser), json!(["start", "end"]), "fr");
    assert_errors_free(&browser, "/fr/search/");
    assert_accessible(&browser, "/fr/search/", &axe);
    // The French page searches the French index only: the Arabic word is not found, and the
    // answer is in the French words of the Fluent file.
    let (links, message) = search(&browser, "الأمامية");
    assert!(links.is_empty(), "{links:?}");
    assert!(message.contains("Aucun résultat pour"), "{message}");

    // The English page finds the English release, never a translation.
    browser.goto(&url("search/"));
    let (links, message) = search(&browser, "frontline");
    assert!(
        links.contains(&format!("/{RELEASE}")),
        "{links:?} {message}"
    );
    assert!(
        links
            .iter()
            .all(|l| !l.starts_with("/ar/") && !l.starts_with("/fr/")),
        "{links:?}"
    );
    assert_accessible(&browser, "/search/", &axe);
}

/// The example site indexed in parts of at most 10 pages (a large site's layout, see
/// `search::PART_PAGES`): each language's search page opens the first part holding its pages
/// and merges the others, so a release is found whichever part it is in, and still only in the
/// page's language.
#[test]
fn serve_browser_search_finds_the_release_across_the_parts_of_the_index() {
    let files = copy_example();
    let root = files.path().to_path_buf();
    let server = serve_built(root, Some(10));
    let url = |path: &str| format!("http://{}/{path}", server.addr());
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());

    // The parts each language's pages are in (the French first part is not the bundle's root).
    browser.goto(&url("search/"));
    let script = browser.execute(
        "const r = new XMLHttpRequest(); r.open('GET', '/pagefind/search-page.js', false); \
         r.send(); return r.responseText;",
        json!([]),
    );
    let script = script.as_str().unwrap();
    assert!(script.contains("\"fr\":[\"part-"), "{script}");
    assert!(script.contains("\"en\":[\"\",\"part-"), "{script}");

    for (lang, word) in [("ar", "الأمامية"), ("fr", "formation")] {
        browser.goto(&url(&format!("{lang}/search/")));
        let (links, message) = search(&browser, word);
        assert_eq!(links, [format!("/{lang}/{RELEASE}")], "{lang}: {message}");
        assert_errors_free(&browser, &format!("/{lang}/search/"));
    }
    browser.goto(&url("search/"));
    let (links, message) = search(&browser, "frontline");
    assert!(
        links.contains(&format!("/{RELEASE}")),
        "{links:?} {message}"
    );
    assert!(
        links
            .iter()
            .all(|l| !l.starts_with("/ar/") && !l.starts_with("/fr/")),
        "{links:?}"
    );
    // A table page, found by its title in the English parts.
    let (links, message) = search(&browser, "exploitation");
    assert!(
        links.iter().any(|l| l.starts_with("/statistics/")),
        "{links:?} {message}"
    );
}

/// A language none of whose pages is indexed (only its home page is translated): its search page
/// says there is nothing to search in it and keeps the browse list, rather than searching
/// another language's pages.
#[test]
fn serve_browser_search_says_when_a_language_has_nothing_to_search() {
    let f = crate::site_fixture::Fixture::new();
    f.file(
        "config.toml",
        &format!(
            "title = \"Test site\"\nbase_url = \"{}\"\ndefault_language = \"en\"\n\n\
             [languages.ar]\ntitle = \"موقع الاختبار\"\n\n[search]\nenabled = true\n",
            crate::site_fixture::BASE
        ),
    );
    f.file(
        "content/_index.ar.md",
        "+++\ntitle = \"الرئيسية\"\n+++\nمرحبا.\n",
    );
    f.news("training", "2024-03-01", "");
    let root = f.root().to_path_buf();
    let server = serve_built(root, None);
    let url = |path: &str| format!("http://{}/{path}", server.addr());
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());

    browser.goto(&url("ar/search/"));
    browser.wait_until(
        WAIT,
        "the note that there is nothing to search",
        "return document.querySelector('#search .search-nothing') !== null;",
    );
    let page = browser.execute(
        "return { note: document.querySelector('#search .search-nothing').textContent, \
                  box: document.querySelector('.pagefind-ui__search-input') !== null, \
                  browse: document.querySelectorAll('.browse a').length };",
        json!([]),
    );
    assert_eq!(
        page["note"], "لا يوجد بعد ما يمكن البحث فيه بهذه اللغة. تصفّح الموقع بدلًا من ذلك:",
        "{page}"
    );
    assert_eq!(page["box"], false, "{page}");
    assert!(page["browse"].as_u64().unwrap() >= 1, "{page}");
    assert_errors_free(&browser, "/ar/search/");
    // The English page searches as before.
    browser.goto(&url("search/"));
    let (links, message) = search(&browser, "training");
    assert!(!links.is_empty(), "{message}");
}
