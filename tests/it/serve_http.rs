//! The preview server answers like a static host (pretty URLs, content types, the site's 404
//! page), injects its script into HTML only, refuses paths that leave the site, and listens on
//! loopback only unless told otherwise.

use std::net::SocketAddr;
use std::process::Command;

use safestat::serve::{ServeOptions, Server};

use crate::serve_support::*;

const SCRIPT_TAG: &str = "<script src=\"/__safestat/live.js\"";

#[test]
fn serve_pretty_urls_content_types_and_injected_script() {
    let site = FixtureSite::new();
    let server = site.serve();

    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html");
    assert_eq!(home.cache_control.as_deref(), Some("no-store"));
    assert!(home.body.contains("Welcome home."));
    assert_eq!(home.body.matches(SCRIPT_TAG).count(), 1);
    let script_at = home.body.find(SCRIPT_TAG).unwrap();
    assert!(script_at < home.body.rfind("</body>").unwrap());
    assert!(!home.body.contains("safestat-overlay\""), "no overlay");

    let release = get(&server, "/news/first-release/");
    assert_eq!(release.status, 200);
    assert!(release.body.contains("Figures for 2025."));
    assert!(release.body.contains(SCRIPT_TAG));

    let without_slash = get(&server, "/news/first-release?x=1");
    assert_eq!(without_slash.status, 308);
    assert_eq!(
        without_slash.location.as_deref(),
        Some("/news/first-release/?x=1")
    );

    let explicit = get(&server, "/news/first-release/index.html");
    assert_eq!(explicit.status, 200);
    assert!(explicit.body.contains("Figures for 2025."));

    let css = get(&server, "/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.content_type, "text/css");
    assert!(!css.body.contains("__safestat"), "CSS is served as it is");
    assert_eq!(css.body, site.read("content/style.css"));

    let script = get(&server, "/__safestat/live.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.content_type, "text/javascript");
    assert!(script
        .body
        .contains("new EventSource(\"/__safestat/events\")"));

    let style = get(&server, "/__safestat/live.css");
    assert_eq!(style.content_type, "text/css");
}

#[test]
fn serve_missing_pages_get_the_sites_404_page() {
    let site = FixtureSite::new();
    let server = site.serve();
    for path in [
        "/no-such-page/",
        "/news/none",
        "/__safestat/other",
        "/style.css/x",
    ] {
        let missing = get(&server, path);
        assert_eq!(missing.status, 404, "{path}");
        assert!(
            missing.body.contains("Fixture 404: nothing here."),
            "{path}"
        );
        assert!(missing.body.contains(SCRIPT_TAG), "{path}");
    }

    let without_404 = FixtureSite::new();
    std::fs::remove_file(without_404.root().join("content/404.html")).unwrap();
    let server = without_404.serve();
    let missing = get(&server, "/nothing/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<h1>Not found</h1>"));
}

#[test]
fn serve_refuses_paths_that_leave_the_site() {
    let site = FixtureSite::new();
    site.write("secret.txt", "SECRET-OUTSIDE-THE-SITE");
    let server = site.serve();
    for target in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/news/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/%2E%2E/secret.txt",
    ] {
        let response = raw_get(&server, target);
        let status_line = response.lines().next().unwrap_or_default().to_string();
        assert!(
            status_line.contains(" 400 ") || status_line.contains(" 404 "),
            "{target}: {status_line}"
        );
        assert!(!response.contains("SECRET-OUTSIDE"), "{target}");
        assert!(!response.contains("root:x:0"), "{target}");
    }
}

#[test]
fn serve_refuses_a_non_loopback_address() {
    let site = FixtureSite::new();
    for addr in ["0.0.0.0:0", "[::]:0"] {
        let options = ServeOptions {
            addr: addr.parse::<SocketAddr>().unwrap(),
            ..ServeOptions::new(site.root())
        };
        let refused = Server::start(&options, |_: &std::path::Path, _: &str| Ok(()));
        let err = refused.err().expect("a non-loopback address is refused");
        assert!(err.to_string().contains("--allow-non-loopback"), "{err}");
    }

    let output = Command::new(env!("CARGO_BIN_EXE_safestat"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a loopback address"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn serve_refuses_symbolic_links_out_of_the_build() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET-BEHIND-A-LINK").unwrap();
    let site = FixtureSite::new();
    let options = ServeOptions {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..ServeOptions::new(site.root())
    };
    let server = Server::start(&options, move |output: &std::path::Path, _: &str| {
        std::fs::create_dir_all(output)?;
        std::fs::write(output.join("index.html"), "<p>home</p>")?;
        std::os::unix::fs::symlink(&secret, output.join("leak.txt"))?;
        std::os::unix::fs::symlink(secret.parent().unwrap(), output.join("dir"))?;
        Ok(())
    })
    .unwrap();
    assert_eq!(get(&server, "/").status, 200);
    for path in ["/leak.txt", "/dir/secret.txt"] {
        let response = get(&server, path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("SECRET"), "{path}");
    }
}

#[test]
fn serve_answers_head_and_refuses_other_methods() {
    let site = FixtureSite::new();
    let server = site.serve();
    let agent = ureq::agent();
    let url = format!("http://{}/style.css", server.addr());
    let head = agent.head(&url).call().unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.content_type(), "text/css");
    assert_eq!(head.into_string().unwrap(), "");
    match agent.post(&url).send_string("x") {
        Err(ureq::Error::Status(405, response)) => {
            assert_eq!(response.header("allow"), Some("GET, HEAD"));
        }
        other => panic!("POST answered {other:?}"),
    }
}
