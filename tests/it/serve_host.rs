//! The preview answers only requests addressed to this computer: a `Host` of a loopback name or
//! of the bound address. Any other name gets 403, so that a web page cannot read the preview
//! (drafts included) through DNS rebinding.

use crate::serve_support::*;

fn status(response: &str) -> u16 {
    let line = response.lines().next().unwrap_or_default();
    line.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn serve_answers_for_the_loopback_names_with_or_without_the_port() {
    let site = FixtureSite::new();
    let server = site.serve();
    let port = server.addr().port();
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        "LocalHost".to_string(),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
        format!("{}", server.addr()),
    ] {
        let response = raw_request(&server, "/", Some(&host));
        assert_eq!(status(&response), 200, "Host: {host}\n{response}");
        assert!(body(&response).contains("Welcome home."), "Host: {host}");
    }
}

#[test]
fn serve_refuses_any_other_host() {
    let site = FixtureSite::new();
    let server = site.serve();
    let port = server.addr().port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        "localhost.evil.example".to_string(),
        format!("127.0.0.1.evil.example:{port}"),
        "evil.localhost".to_string(),
        "192.168.1.20".to_string(),
        "localhost:notaport".to_string(),
        "localhost@evil.example".to_string(),
        String::new(),
    ] {
        for path in [
            "/",
            "/news/first-release/",
            "/style.css",
            "/__safestat/events",
        ] {
            let response = raw_request(&server, path, Some(&host));
            assert_eq!(status(&response), 403, "Host: {host:?} {path}\n{response}");
            let body = body(&response);
            assert!(
                body.contains("only answers requests for this computer"),
                "Host: {host:?} {path}: {body}"
            );
            assert!(!body.contains("Welcome home."), "Host: {host:?} {path}");
            assert!(!body.contains("Figures for 2025."), "Host: {host:?} {path}");
            assert!(
                response
                    .to_ascii_lowercase()
                    .contains("content-type: text/plain"),
                "{response}"
            );
        }
    }
    let without_host = raw_request(&server, "/", None);
    assert_eq!(status(&without_host), 403, "{without_host}");
    let absolute = raw_request(&server, "http://evil.example/", Some("localhost"));
    assert_eq!(status(&absolute), 403, "{absolute}");
}
