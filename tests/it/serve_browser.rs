//! End-to-end in headless Chromium, as a press officer uses the preview: each page opens without
//! console errors, shows a visible keyboard focus, and passes axe-core without serious or critical
//! violations; an edit reloads the open page with the new text; a broken build shows the overlay
//! over the last good page; the fix clears it. A screenshot of each page goes to the test's
//! temporary folder (its path is printed).
//!
//! Needs Chromium, chromedriver and axe-core (`bash .ci/install-browser-tools`): without them the
//! test fails and says so.

use std::path::{Path, PathBuf};
use std::time::Duration;

use safestat::serve::{ServeOptions, Server, SiteBuilder};
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::serve_support::{artifact_dir, FixtureSite, BROKEN};
use crate::serve_webdriver::{axe_source, Chromedriver, Session};
use crate::site_statistics::statistics_site;

/// The site under test, unless `$SAFESTAT_BROWSER_SITE` names another: `fixture` (static HTML
/// through the fake builder), `statistics` (the small data site of the statistics tests — home, a
/// press release quoting and embedding figures, the statistics index and a table's page — built by
/// `site::build`) or `example` (the repository's example site through `site::build`, the default).
const DEFAULT_SITE: &str = "example";

const WAIT: Duration = Duration::from_secs(15);
const TAB: &str = "\u{E004}";

/// A served site and what the test does to it.
pub(crate) struct Target {
    server: Server,
    pub(crate) root: PathBuf,
    /// URL paths to open and check (home, a press release, a statistics page).
    pages: Vec<&'static str>,
    /// The page to keep open while editing, and the edit: in `file`, `from` becomes `to`, and
    /// `to` must then show on the page.
    edited_page: &'static str,
    edit: (&'static str, &'static str, &'static str),
    /// A file whose text breaks the build (created, or replaced and restored after).
    breakage: (&'static str, &'static str),
    _files: TempDir,
}

impl Target {
    fn start() -> Target {
        let name = std::env::var("SAFESTAT_BROWSER_SITE").unwrap_or_else(|_| DEFAULT_SITE.into());
        match name.as_str() {
            "fixture" => Target::fixture(),
            "statistics" => Target::statistics(),
            "example" => Target::example(),
            other => panic!(
                "SAFESTAT_BROWSER_SITE={other}: expected `fixture`, `statistics` or `example`"
            ),
        }
    }

    fn fixture() -> Target {
        let site = FixtureSite::new();
        let server = site.serve();
        let root = site.root().to_path_buf();
        Target {
            server,
            root,
            pages: vec!["/", "/news/first-release/"],
            edited_page: "/news/first-release/",
            edit: (
                "content/news/first-release/index.html",
                "Figures for 2025.",
                "Figures for 2026, revised.",
            ),
            breakage: ("content/news/first-release/broken.html", BROKEN),
            _files: site.into_dir(),
        }
    }

    /// The statistics tests' site (planted rare records, suppressed cells in charts and tables),
    /// built by the real engine.
    fn statistics() -> Target {
        let site = statistics_site();
        let root = site.root().to_path_buf();
        let server = serve_site(&root);
        Target {
            server,
            root,
            pages: vec![
                "/",
                "/news/annual-figures/",
                "/statistics/",
                "/statistics/by-year-gender/",
            ],
            edited_page: "/news/annual-figures/",
            edit: (
                "content/news/annual-figures.md",
                "Women and girls were",
                "Women and girls (edited in the preview) were",
            ),
            breakage: ("templates/partials/footer.html", BROKEN),
            _files: site.dir,
        }
    }

    /// The repository's example site, copied to a temporary folder (tests never write into the
    /// repository) and built by the real engine.
    pub(crate) fn example() -> Target {
        let files = copy_example();
        let root = files.path().to_path_buf();
        let server = serve_site(&root);
        Target {
            server,
            root,
            pages: vec![
                "/",
                "/news/frontline-officers-trained-to-identify-victims/",
                "/news/annual-figures-2025/",
                "/statistics/",
                "/statistics/exploitation-by-year/",
            ],
            edited_page: "/news/frontline-officers-trained-to-identify-victims/",
            edit: (
                "content/news/2026-03-12-frontline-officers-trained-to-identify-victims.md",
                "IOM Trains 120 Frontline Officers",
                "IOM Trains 120 Frontline Officers (edited in the preview)",
            ),
            breakage: ("templates/partials/footer.html", BROKEN),
            _files: files,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.server.addr())
    }

    fn replace(&self, file: &str, from: &str, to: &str) {
        let path = self.root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

/// The repository's example site (its sources, not its output) copied into a temporary folder:
/// tests never write into the repository.
pub(crate) fn copy_example() -> tempfile::TempDir {
    let files = tempfile::tempdir().unwrap();
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "config.toml",
        "content",
        "templates",
        "static",
        "data",
        "i18n",
    ] {
        copy_tree(&repository.join(name), &files.path().join(name));
    }
    files
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    if !from.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn serve_browser_pages_reload_and_overlay() {
    let target = Target::start();
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());
    let shots = artifact_dir("serve_browser");
    println!("screenshots in {}", shots.display());
    let axe = axe_source();

    for (i, path) in target.pages.iter().enumerate() {
        browser.goto(&target.url(path));
        check_page(&browser, path, &axe);
        browser.screenshot(&shots.join(format!("page-{i}.png")));
    }

    // An edit reloads the open page with the new text.
    browser.goto(&target.url(target.edited_page));
    browser.execute("window.__safestatBeforeEdit = true;", json!([]));
    wait_for_live_connection(&browser);
    let (file, from, to) = target.edit;
    target.replace(file, from, to);
    browser.wait_until(
        WAIT,
        "the page reloads with the edited text",
        &format!(
            "return !window.__safestatBeforeEdit && document.body.innerText.includes({});",
            json!(to)
        ),
    );
    browser.screenshot(&shots.join("edited.png"));

    // A broken build: the overlay names the file over the last good page.
    let (broken_file, broken_text) = target.breakage;
    let broken_path = target.root.join(broken_file);
    let original = std::fs::read_to_string(&broken_path).ok();
    wait_for_live_connection(&browser);
    std::fs::create_dir_all(broken_path.parent().unwrap()).unwrap();
    std::fs::write(&broken_path, broken_text).unwrap();
    let file_name = Path::new(broken_file)
        .file_name()
        .unwrap()
        .to_string_lossy();
    browser.wait_until(
        WAIT,
        "the error overlay appears",
        &format!(
            "const o = document.getElementById('safestat-overlay'); \
             return !!o && o.innerText.includes({});",
            json!(file_name)
        ),
    );
    let overlay = browser.execute(
        "const o = document.getElementById('safestat-overlay'); \
         const r = o.getBoundingClientRect(); \
         return { role: o.getAttribute('role'), visible: r.width > 0 && r.height > 0, \
                  text: o.innerText, page: document.body.innerText };",
        json!([]),
    );
    assert_eq!(overlay["role"], "alert");
    assert_eq!(overlay["visible"], true);
    assert!(
        overlay["page"].as_str().unwrap().contains(to),
        "the last good page stays"
    );
    browser.screenshot(&shots.join("overlay.png"));
    assert_accessible(&browser, "the overlay", &axe);
    // A fresh load of a page shows the overlay too.
    browser.goto(&target.url(target.pages[0]));
    browser.wait_until(
        WAIT,
        "the overlay on a freshly loaded page",
        "return !!document.getElementById('safestat-overlay');",
    );

    // The fix clears it.
    wait_for_live_connection(&browser);
    match original {
        Some(text) => std::fs::write(&broken_path, text).unwrap(),
        None => std::fs::remove_file(&broken_path).unwrap(),
    }
    browser.wait_until(
        WAIT,
        "the overlay goes after the fix",
        "return document.readyState === 'complete' && !document.getElementById('safestat-overlay');",
    );
    assert_errors_free(&browser, "after the fix");
}

/// Waits until the page's event stream is open, so that a change made next is seen live.
fn wait_for_live_connection(browser: &Session) {
    browser.wait_until(
        WAIT,
        "the live-reload connection",
        "return document.readyState === 'complete' && !!window.__safestatLiveState;",
    );
}

fn check_page(browser: &Session, path: &str, axe: &str) {
    browser.wait_until(
        WAIT,
        "the page loads",
        "return document.readyState === 'complete';",
    );
    let injected = browser.execute(
        "return !!document.querySelector('script[src=\"/__safestat/live.js\"]');",
        json!([]),
    );
    assert_eq!(injected, true, "{path}: the live-reload script");
    assert_errors_free(browser, path);

    // Charts (inline SVG images) are drawn at a visible size.
    let hidden_charts = browser.execute(
        "return [...document.querySelectorAll('svg[role=\"img\"]')] \
           .filter(svg => { const r = svg.getBoundingClientRect(); \
                            return r.width < 1 || r.height < 1 \
                              || getComputedStyle(svg).visibility !== 'visible'; }) \
           .map(svg => svg.getAttribute('aria-labelledby') || svg.outerHTML.slice(0, 80));",
        json!([]),
    );
    assert_eq!(hidden_charts, json!([]), "{path}: charts not visible");

    // Keyboard focus is visible: the first Tab stop has an outline or a focus shadow.
    browser.press(TAB);
    let focus = browser.execute(
        "const e = document.activeElement; const s = getComputedStyle(e); \
         return { tag: e.tagName, outlineStyle: s.outlineStyle, \
                  outlineWidth: parseFloat(s.outlineWidth), boxShadow: s.boxShadow };",
        json!([]),
    );
    assert_ne!(focus["tag"], "BODY", "{path}: Tab focuses nothing");
    let outlined = focus["outlineStyle"] != "none" && focus["outlineWidth"].as_f64() > Some(0.0);
    assert!(
        outlined || focus["boxShadow"] != "none",
        "{path}: no visible focus: {focus}"
    );

    assert_accessible(browser, path, axe);
}

/// The example site's Arabic home page and training release, in a browser of their own: right
/// to left, in Arabic, the Arabic contact block, and axe without serious or critical violations.
#[test]
fn serve_browser_arabic_pages_are_right_to_left_and_accessible() {
    let target = Target::example();
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());
    let axe = axe_source();
    for path in [
        "/ar/",
        "/ar/news/frontline-officers-trained-to-identify-victims/",
    ] {
        browser.goto(&target.url(path));
        check_page(&browser, path, &axe);
        check_arabic(&browser, path);
    }
}

/// An Arabic page is right to left, in Arabic, and a release shows the Arabic contact block.
fn check_arabic(browser: &Session, path: &str) {
    let root = browser.execute(
        "const h = document.documentElement; \
         return { lang: h.lang, dir: h.dir, direction: getComputedStyle(document.body).direction, \
                  contacts: document.querySelector('#contacts-heading')?.textContent ?? null };",
        json!([]),
    );
    assert_eq!(root["lang"], "ar", "{path}: {root}");
    assert_eq!(root["dir"], "rtl", "{path}: {root}");
    assert_eq!(root["direction"], "rtl", "{path}: {root}");
    if path.contains("/news/") {
        assert_eq!(
            root["contacts"], "لمزيد من المعلومات، يُرجى التواصل مع",
            "{path}: {root}"
        );
    }
}

/// axe-core finds no serious or critical violations.
pub(crate) fn assert_accessible(browser: &Session, path: &str, axe: &str) {
    browser.execute(&format!("{axe}\nreturn true;"), json!([]));
    let violations = browser.execute_async(
        "const done = arguments[arguments.length - 1]; \
         axe.run(document, { resultTypes: ['violations'] }) \
           .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, \
                 targets: v.nodes.map(n => n.target.join(' ')) })))) \
           .catch(e => done({ error: String(e) }));",
        json!([]),
    );
    let violations = violations
        .as_array()
        .unwrap_or_else(|| panic!("{path}: axe failed: {violations}"));
    let grave: Vec<&Value> = violations
        .iter()
        .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
        .collect();
    assert!(
        grave.is_empty(),
        "{path}: serious or critical accessibility violations: {grave:#?}"
    );
}

pub(crate) fn assert_errors_free(browser: &Session, context: &str) {
    let errors: Vec<_> = browser
        .console()
        .into_iter()
        .filter(|entry| entry.level == "SEVERE")
        .map(|entry| entry.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{context}: console errors:\n{}",
        errors.join("\n")
    );
}

/// `safestat serve` on a real site at `root`, on an ephemeral loopback port.
fn serve_site(root: &Path) -> Server {
    let options = ServeOptions {
        addr: ([127, 0, 0, 1], 0).into(),
        debounce: Duration::from_millis(50),
        ..ServeOptions::new(root)
    };
    let builder = SiteBuilder {
        root: root.to_path_buf(),
        drafts: false,
        cache: Default::default(),
    };
    Server::start(&options, builder).unwrap()
}
