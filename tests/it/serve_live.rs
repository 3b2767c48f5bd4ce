//! The preview rebuilds after a change to the sources, tells open pages over Server-Sent Events,
//! keeps serving the last good site after a failed build with the error as an (escaped) overlay,
//! and clears it after the fix — also when the build panics.

use std::time::Duration;

use serde_json::Value;

use crate::serve_support::*;

const WAIT: Duration = Duration::from_secs(10);

fn site_of(state: &Value) -> String {
    state["site"].as_str().unwrap().to_string()
}

#[test]
fn serve_reloads_open_pages_after_a_change() {
    let site = FixtureSite::new();
    let server = site.serve();
    let events = LiveEvents::open(&server);
    let first = events.next(WAIT);
    assert!(first["error"].is_null());
    let home = get(&server, "/");
    assert!(home
        .body
        .contains(&format!("data-site=\"{}\"", site_of(&first))));

    site.edit("content/index.html", "Welcome home.", "Welcome back.");
    let after = events.next(WAIT);
    assert_ne!(site_of(&after), site_of(&first), "a new site to reload to");
    assert!(after["error"].is_null());
    let home = get(&server, "/");
    assert!(home.body.contains("Welcome back."));
    assert!(home
        .body
        .contains(&format!("data-site=\"{}\"", site_of(&after))));
    assert_eq!(server.last_build().error, None);
}

#[test]
fn serve_failed_rebuild_keeps_the_last_good_site_and_shows_the_error() {
    let site = FixtureSite::new();
    let server = site.serve();
    let events = LiveEvents::open(&server);
    let good = events.next(WAIT);

    site.edit(
        "content/news/first-release/index.html",
        "<p>Figures for 2025.</p>",
        &format!("<p>Figures <script>x</script> for 2026.</p>\n  {BROKEN}"),
    );
    let failed = events.next(WAIT);
    let place = site.broken_at("content/news/first-release/index.html");
    assert_eq!(place, "content/news/first-release/index.html:15:3");
    assert_eq!(
        site_of(&failed),
        site_of(&good),
        "no reload to a broken site"
    );
    let error = &failed["error"];
    assert_eq!(error["location"], place.as_str());
    assert_eq!(
        error["message"],
        "unknown tag `broken` (expected <endblock>)"
    );
    let outcome = server.last_build();
    assert_eq!(
        outcome.error.as_deref(),
        Some(format!("{place}: unknown tag `broken` (expected <endblock>)").as_str())
    );

    let release = get(&server, "/news/first-release/");
    assert_eq!(release.status, 200);
    assert!(
        release.body.contains("Figures for 2025."),
        "the last good page"
    );
    assert!(release.body.contains("id=\"safestat-overlay\""));
    assert!(release
        .body
        .contains("Still showing the last good version."));
    assert!(release.body.contains(&place));
    assert!(release
        .body
        .contains("unknown tag `broken` (expected &lt;endblock&gt;)"));
    let home = get(&server, "/");
    assert!(
        home.body.contains("id=\"safestat-overlay\""),
        "on every page"
    );

    site.edit(
        "content/news/first-release/index.html",
        &format!("\n  {BROKEN}"),
        "",
    );
    let fixed = events.next(WAIT);
    assert!(fixed["error"].is_null());
    assert_ne!(site_of(&fixed), site_of(&good));
    let release = get(&server, "/news/first-release/");
    assert!(release
        .body
        .contains("Figures <script>x</script> for 2026."));
    assert!(!release.body.contains("id=\"safestat-overlay\""));
}

#[test]
fn serve_first_build_failure_shows_an_error_page_until_fixed() {
    let site = FixtureSite::new();
    site.edit("content/index.html", "Welcome home.", BROKEN);
    let place = site.broken_at("content/index.html");
    let server = site.serve();
    let page = get(&server, "/news/first-release/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("id=\"safestat-overlay\""));
    assert!(page.body.contains(&place));
    assert!(!page.body.contains("last good version"), "there is none");
    assert!(page.body.contains("<script src=\"/__safestat/live.js\""));
    let events = LiveEvents::open(&server);
    let broken = events.next(WAIT);
    assert_eq!(broken["error"]["location"], place.as_str());

    site.edit("content/index.html", BROKEN, "Fixed at last.");
    let fixed = events.next(WAIT);
    assert!(fixed["error"].is_null());
    assert_ne!(site_of(&fixed), site_of(&broken));
    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Fixed at last."));
}

#[test]
fn serve_watches_sources_only() {
    let site = FixtureSite::new();
    let server = site.serve();
    let events = LiveEvents::open(&server);
    events.next(WAIT);

    site.write("public/index.html", "output of `safestat build`");
    site.write("README.md", "not a source");
    site.write("content/.index.html.swp", "an editor's swap file");
    assert_eq!(events.any_within(Duration::from_millis(600)), None);

    site.write("config.toml", "title = \"Changed\"\n");
    events.next(WAIT);

    // A source folder created while serving is watched from then on.
    std::fs::create_dir(site.root().join("templates")).unwrap();
    events.next(WAIT);
    site.write("templates/page.html", "{{ page.content }}");
    events.next(WAIT);
    drop(server);
}

#[test]
fn serve_keeps_one_previous_build_and_removes_all_when_stopped() {
    let site = FixtureSite::new();
    let server = site.serve();
    let events = LiveEvents::open(&server);
    events.next(WAIT);
    for year in 2026..2030 {
        site.write("content/year.txt", &year.to_string());
        events.next(WAIT);
    }
    let workspace = server.workspace().to_path_buf();
    let builds: Vec<_> = std::fs::read_dir(&workspace)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        builds.len(),
        2,
        "the served build and the one before: {builds:?}"
    );
    assert_eq!(get(&server, "/year.txt").body, "2029");
    drop(events);
    drop(server);
    assert!(!workspace.exists());
}

#[test]
fn serve_a_panicking_rebuild_is_shown_and_the_next_save_rebuilds() {
    let site = FixtureSite::new();
    let server = site.serve();
    let events = LiveEvents::open(&server);
    let good = events.next(WAIT);

    site.edit("content/index.html", "Welcome home.", PANIC);
    let panicked = events.next(WAIT);
    assert_eq!(
        site_of(&panicked),
        site_of(&good),
        "no reload to a broken site"
    );
    let message = panicked["error"]["message"].as_str().unwrap();
    assert!(message.contains("the build panicked"), "{message}");
    assert!(
        message.contains("the fake builder panics on content/index.html"),
        "{message}"
    );
    let outcome = server.last_build();
    assert!(
        outcome
            .error
            .as_deref()
            .is_some_and(|e| e.contains("panicked")),
        "{outcome:?}"
    );
    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Welcome home."), "the last good page");
    assert!(home.body.contains("id=\"safestat-overlay\""));
    assert!(home
        .body
        .contains("the fake builder panics on content/index.html"));

    site.edit("content/index.html", PANIC, "Welcome after the panic.");
    let fixed = events.next(WAIT);
    assert!(fixed["error"].is_null(), "{fixed}");
    assert_ne!(site_of(&fixed), site_of(&good));
    let home = get(&server, "/");
    assert!(home.body.contains("Welcome after the panic."));
    assert!(!home.body.contains("id=\"safestat-overlay\""));
}

#[test]
fn serve_a_panicking_first_build_still_serves_and_watches() {
    let site = FixtureSite::new();
    site.edit("content/index.html", "Welcome home.", PANIC);
    let server = site.serve();
    let page = get(&server, "/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("id=\"safestat-overlay\""));
    assert!(page.body.contains("the build panicked"));
    let events = LiveEvents::open(&server);
    events.next(WAIT);

    site.edit("content/index.html", PANIC, "Fixed at last.");
    let fixed = events.next(WAIT);
    assert!(fixed["error"].is_null(), "{fixed}");
    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Fixed at last."));
}
