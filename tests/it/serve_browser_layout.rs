//! Every page type of the example site in headless Chromium on a 360 px phone and a 1280 px
//! desktop screen: the page never scrolls sideways (a wide table scrolls inside its own labelled
//! region, with a hint that says so), chart text is at least 11 CSS px as rendered, and axe-core
//! finds no serious or critical violations. A screenshot of each page at each width goes to a
//! folder of this run (its path is printed).
//!
//! Needs Chromium, chromedriver and axe-core (`bash .ci/install-browser-tools`).

use serde_json::{json, Value};

use crate::serve_browser::{assert_accessible, assert_errors_free, Target};
use crate::serve_support::artifact_dir;
use crate::serve_webdriver::{axe_source, Chromedriver, Session};

/// One page of each type: home, news list, a press release (footnote, contacts, tags), the tags
/// list and one tag, the statistics index, table pages (a line chart, a long bar chart sorted by
/// size, a grouped bar chart with suppressed cells, a wide table), the methodology and the 404.
const PAGES: [(&str, &str); 12] = [
    ("home", "/"),
    ("news", "/news/"),
    (
        "release",
        "/news/frontline-officers-trained-to-identify-victims/",
    ),
    ("release-figures", "/news/annual-figures-2025/"),
    ("tags", "/tags/"),
    ("tag", "/tags/training/"),
    ("statistics", "/statistics/"),
    ("table-line", "/statistics/exploitation-by-year/"),
    ("table-bars", "/statistics/victims-by-citizenship/"),
    ("table-grouped", "/statistics/exploitation-by-gender-age/"),
    ("methodology", "/methodology/"),
    ("not-found", "/no-such-page/"),
];

/// The smallest chart text any reader may get, in CSS px.
const MIN_CHART_TEXT_PX: f64 = 11.0;

#[test]
fn serve_browser_every_page_type_fits_phone_and_desktop() {
    let target = Target::example();
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());
    let shots = artifact_dir("serve_browser_layout");
    println!("screenshots in {}", shots.display());
    let axe = axe_source();
    for width in [360, 1280] {
        browser.set_viewport(width, 800);
        for (name, path) in PAGES {
            let context = format!("{path} at {width} px");
            browser.goto(&target.url(path));
            browser.wait_until(
                std::time::Duration::from_secs(15),
                "the page loads",
                "return document.readyState === 'complete';",
            );
            if name == "not-found" {
                // The one error expected: the page's own status, 404.
                let url = target.url(path);
                for entry in browser.console() {
                    assert!(
                        entry.level != "SEVERE"
                            || (entry.message.starts_with(&url) && entry.message.contains("404")),
                        "{context}: {entry}"
                    );
                }
            } else {
                assert_errors_free(&browser, &context);
            }
            let layout = measure(&browser);
            assert_eq!(layout["innerWidth"], width, "{context}: the viewport");
            check_no_sideways_scroll(&layout, &context);
            check_scroll_regions(&layout, &context);
            check_chart_text(&layout, &context);
            if name.starts_with("table-") {
                assert!(
                    !layout["charts"].as_array().unwrap().is_empty(),
                    "{context}: the table's chart"
                );
            }
            if name == "not-found" {
                assert!(
                    layout["h1"].as_str().unwrap().contains("not found"),
                    "{context}: the site's 404 page: {}",
                    layout["h1"]
                );
            }
            assert_accessible(&browser, &context, &axe);
            browser.screenshot(&shots.join(format!("{width}-{name}.png")));
        }
    }
}

#[test]
fn serve_browser_table_pages_print_whole_header_rows_and_charts_in_the_pages_font() {
    let target = Target::example();
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path());
    browser.goto(&target.url("/statistics/exploitation-by-gender-age/"));
    browser.wait_until(
        std::time::Duration::from_secs(15),
        "the page loads",
        "return document.readyState === 'complete';",
    );
    let script = "const s = e => getComputedStyle(document.querySelector(e)); \
                  return { body: s('body').fontFamily, chart: s('svg.chart text').fontFamily, \
                           thead: s('.stat-table thead').display, \
                           theadAfter: s('.stat-table thead').breakAfter, \
                           caption: s('.stat-table caption').breakAfter, \
                           heading: s('.statistics-table h2').breakAfter };";
    let screen = browser.execute(script, json!([]));
    browser.emulate_media("print");
    let print = browser.execute(script, json!([]));
    browser.emulate_media("");
    assert_ne!(
        print["body"], screen["body"],
        "the test sees the print style"
    );
    assert_eq!(
        print["chart"], print["body"],
        "charts print in the page's font"
    );
    assert_eq!(print["thead"], "table-header-group", "{print}");
    for key in ["theadAfter", "caption", "heading"] {
        assert_eq!(print[key], "avoid", "{key}: {print}");
    }
}

/// What the checks need of the open page, measured in the browser.
fn measure(browser: &Session) -> Value {
    browser.execute(
        r#"
        const region = e => e.closest('[role="region"]');
        const scrollsSideways = e => {
          const s = getComputedStyle(e);
          return (s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1;
        };
        const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
          + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
          + ' ' + JSON.stringify((e.textContent || '').trim().slice(0, 50));
        // Elements reaching past the right edge of the screen, outside any scroll region.
        const outside = [...document.body.querySelectorAll('*')]
          .filter(e => !region(e) && e.getBoundingClientRect().right > innerWidth + 0.5
                       && e.getBoundingClientRect().width > 1)
          .slice(0, 8).map(describe);
        const regions = [...document.querySelectorAll('*')].filter(scrollsSideways).map(e => {
          const hints = (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
            .map(id => document.getElementById(id)).filter(Boolean);
          return {
            what: describe(e),
            role: e.getAttribute('role'),
            tabindex: e.getAttribute('tabindex'),
            label: e.getAttribute('aria-label')
              || (e.getAttribute('aria-labelledby') || '').split(' ')
                   .map(id => document.getElementById(id)).filter(Boolean)
                   .map(l => l.textContent.trim()).join(' '),
            hint: hints.filter(h => h.getBoundingClientRect().height > 0
                                    && getComputedStyle(h).visibility === 'visible')
                       .map(h => h.textContent.trim()).join(' '),
            inPage: e.getBoundingClientRect().right <= innerWidth + 0.5,
          };
        });
        const charts = [...document.querySelectorAll('svg.chart')]
          .filter(svg => svg.getBoundingClientRect().width > 0)
          .map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text, tspan')]
              .filter(t => t.textContent.trim() !== '')
              .map(t => ({ text: t.textContent.trim().slice(0, 40),
                           px: parseFloat(getComputedStyle(t).fontSize) * scale }));
            return { id: svg.getAttribute('aria-labelledby'), scale, count: sizes.length,
                     smallest: sizes.reduce((a, b) => (b.px < a.px ? b : a),
                                            { text: '', px: Infinity }) };
          });
        const h1 = document.querySelector('h1');
        return {
          innerWidth: innerWidth,
          scrollWidth: document.documentElement.scrollWidth,
          bodyScrollWidth: document.body.scrollWidth,
          outside, regions, charts,
          h1: h1 ? h1.textContent : '',
        };
        "#,
        json!([]),
    )
}

/// The page is no wider than the screen.
fn check_no_sideways_scroll(layout: &Value, context: &str) {
    let inner = layout["innerWidth"].as_f64().unwrap();
    for key in ["scrollWidth", "bodyScrollWidth"] {
        assert!(
            layout[key].as_f64().unwrap() <= inner,
            "{context}: the page scrolls sideways ({key} {} > {inner}); past the edge: {:#}",
            layout[key],
            layout["outside"]
        );
    }
    assert_eq!(
        layout["outside"],
        json!([]),
        "{context}: elements past the screen's edge"
    );
}

/// Whatever scrolls sideways is a labelled, focusable region with a visible hint, inside the page.
fn check_scroll_regions(layout: &Value, context: &str) {
    for region in layout["regions"].as_array().unwrap() {
        assert_eq!(region["role"], "region", "{context}: {region}");
        assert_eq!(region["tabindex"], "0", "{context}: {region}");
        assert!(
            !region["label"].as_str().unwrap().is_empty(),
            "{context}: unlabelled scroll region {region}"
        );
        assert!(
            !region["hint"].as_str().unwrap().is_empty(),
            "{context}: no visible hint that it scrolls: {region}"
        );
        assert_eq!(region["inPage"], true, "{context}: {region}");
    }
}

/// Every chart's text is rendered at 11 CSS px or more.
fn check_chart_text(layout: &Value, context: &str) {
    for chart in layout["charts"].as_array().unwrap() {
        assert!(chart["count"].as_u64().unwrap() > 0, "{context}: {chart}");
        let smallest = chart["smallest"]["px"].as_f64().unwrap();
        assert!(
            smallest >= MIN_CHART_TEXT_PX,
            "{context}: chart text at {smallest:.1} px: {chart}"
        );
    }
}
