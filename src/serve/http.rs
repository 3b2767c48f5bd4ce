//! Answers the preview's HTTP requests.
//!
//! Owns: mapping a URL path to a file of the last good build (pretty URLs: `/news/slug/` is
//! `news/slug/index.html`), content types, the site's own `404.html`, refusing any path that
//! would leave the build folder, and the reserved `/__safestat/` paths (script, stylesheet,
//! event stream). Never does: serve a file from outside the last good build, or cache anything.
//!
//! Every request, whatever its path, must name this computer as its host — `localhost`, a
//! loopback address (`127.0.0.1`, `[::1]`) or the bound address, with or without a port; when
//! bound to every address (`0.0.0.0`, only with `--allow-non-loopback`), any IP address. Anything
//! else gets 403: a web page that points its own name at 127.0.0.1 (DNS rebinding) must not be
//! able to read the preview and its drafts. A name can be rebound, an IP address cannot.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use super::inject::{self, EVENTS_PATH, RESERVED_PREFIX, SCRIPT_PATH, STYLE_PATH};
use super::live::{Live, LiveState};

/// The preview's routes, for a server bound to `bound`.
pub fn router(live: Arc<Live>, bound: IpAddr) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(STYLE_PATH, get(style))
        .route(EVENTS_PATH, get(events))
        .fallback(site_file)
        .with_state(live)
        .layer(middleware::from_fn_with_state(bound, only_this_computer))
}

/// Answers only requests whose `Host` (and absolute URL, if any) names this computer.
async fn only_this_computer(State(bound): State<IpAddr>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    let allowed = host.is_some_and(|host| is_this_computer(host, bound))
        && request.uri().authority().map_or(true, |authority| {
            is_this_computer(authority.as_str(), bound)
        });
    if allowed {
        return next.run(request).await;
    }
    respond(
        StatusCode::FORBIDDEN,
        "text/plain; charset=utf-8",
        "The safestat preview only answers requests for this computer: open it at localhost, \
         127.0.0.1 or [::1] (it shows drafts, so other host names are refused).\n",
    )
}

/// Whether a `Host` value (`name` or `name:port`) names this computer: `localhost`, a loopback
/// address, the bound address, or any IP address when bound to every address.
pub fn is_this_computer(host: &str, bound: IpAddr) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inside, port)) => (inside, port),
            None => return false,
        },
        None => host.split_at(host.find(':').unwrap_or(host.len())),
    };
    let port_is_valid = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    if !port_is_valid {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") && !host.starts_with('[') {
        return true;
    }
    let ip = if host.starts_with('[') {
        name.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
    } else {
        name.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
    };
    ip.is_some_and(|ip| ip.is_loopback() || ip == bound || bound.is_unspecified())
}

async fn script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        inject::SCRIPT,
    )
}

async fn style() -> Response {
    respond(StatusCode::OK, "text/css; charset=utf-8", inject::STYLE)
}

/// Server-Sent Events: the current state at once, then every change.
async fn events(
    State(live): State<Arc<Live>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so that no change falls between the two.
    let receiver = live.subscribe();
    let now = stream::once(std::future::ready(live.state()));
    let later = stream::unfold((receiver, live), |(mut receiver, live)| async move {
        let state = match receiver.recv().await {
            Ok(state) => state,
            // Missed some changes: only the latest state matters.
            Err(RecvError::Lagged(_)) => live.state(),
            Err(RecvError::Closed) => return None,
        };
        Some((state, (receiver, live)))
    });
    let events = now.chain(later).map(|state| Ok(state_event(&state)));
    Sse::new(events).keep_alive(KeepAlive::default())
}

fn state_event(state: &LiveState) -> Event {
    let json = serde_json::to_string(state).expect("the live state serialises to JSON");
    Event::default().event("state").data(json)
}

/// A file of the last good build.
async fn site_file(State(live): State<Arc<Live>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "The preview only answers GET and HEAD.\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let (site, state) = live.current();
    let Some(site) = site else {
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            inject::error_page(&state),
        );
    };
    let path = uri.path();
    if path.starts_with(RESERVED_PREFIX) {
        return not_found(&site, &state).await;
    }
    let Some(relative) = site_relative_path(path) else {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "This path is not a path of the site.\n",
        );
    };
    let mut file = site.join(&relative);
    if tokio::fs::metadata(&file)
        .await
        .is_ok_and(|meta| meta.is_dir())
    {
        if !path.ends_with('/') {
            let location = match uri.query() {
                Some(query) => format!("{path}/?{query}"),
                None => format!("{path}/"),
            };
            return redirect(&location);
        }
        file.push("index.html");
    }
    match read_inside(&site, &file).await {
        Some(bytes) => file_response(StatusCode::OK, &file, bytes, &state),
        None => not_found(&site, &state).await,
    }
}

/// The site's own `404.html` (with the script), or a plain page when it has none.
async fn not_found(site: &Path, state: &LiveState) -> Response {
    let file = site.join("404.html");
    match read_inside(site, &file).await {
        Some(bytes) => file_response(StatusCode::NOT_FOUND, &file, bytes, state),
        None => {
            let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
                        <title>Not found</title></head><body><main><h1>Not found</h1>\
                        <p>The site has no page at this address.</p></main></body></html>\n";
            respond(
                StatusCode::NOT_FOUND,
                "text/html; charset=utf-8",
                inject::inject(page, state),
            )
        }
    }
}

/// The file's bytes, if it is a regular file that really lies inside `site` (symbolic links
/// included).
async fn read_inside(site: &Path, file: &Path) -> Option<Vec<u8>> {
    let real_site = tokio::fs::canonicalize(site).await.ok()?;
    let real_file = tokio::fs::canonicalize(file).await.ok()?;
    if !real_file.starts_with(&real_site) {
        return None;
    }
    if !tokio::fs::metadata(&real_file).await.ok()?.is_file() {
        return None;
    }
    tokio::fs::read(&real_file).await.ok()
}

fn file_response(status: StatusCode, file: &Path, bytes: Vec<u8>, state: &LiveState) -> Response {
    let content_type = content_type(file);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        return respond(status, content_type, inject::inject(&html, state));
    }
    respond(status, content_type, bytes)
}

fn respond(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = (status, body.into()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn redirect(location: &str) -> Response {
    let mut response = respond(
        StatusCode::PERMANENT_REDIRECT,
        "text/plain; charset=utf-8",
        "",
    );
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The relative file path named by a URL path, or `None` if it is malformed or would climb out
/// of the site (`..`, also percent-encoded) or holds characters no site file name has.
pub fn site_relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    if !decoded.starts_with('/') {
        return None;
    }
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0']) => return None,
            s => relative.push(s),
        }
    }
    Some(relative)
}

/// The content type of a site file, by extension.
pub fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_map_to_relative_files() {
        assert_eq!(site_relative_path("/"), Some(PathBuf::new()));
        assert_eq!(
            site_relative_path("/news/a-b/"),
            Some(PathBuf::from("news/a-b"))
        );
        assert_eq!(
            site_relative_path("/caf%C3%A9/./x.css"),
            Some(PathBuf::from("café/x.css"))
        );
    }

    #[test]
    fn paths_that_climb_out_are_refused() {
        for path in [
            "/../etc/passwd",
            "/news/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%2f..%2f..%2fx",
            "/a\\..\\x",
            "/a%5c..",
            "/a%00b",
            "/%ff",
            "relative",
        ] {
            assert_eq!(site_relative_path(path), None, "{path}");
        }
    }

    #[test]
    fn only_names_of_this_computer_are_hosts() {
        let loopback = IpAddr::from([127, 0, 0, 1]);
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:80",
            "127.1.2.3:1111",
            "[::1]",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]:1",
        ] {
            assert!(is_this_computer(host, loopback), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "evil.localhost",
            "localhost:",
            "localhost:x",
            "localhost:1111:1",
            "[localhost]",
            "::1",
            "[::1",
            "[::1]x",
            "192.168.1.20",
            "[fe80::1]:1111",
        ] {
            assert!(!is_this_computer(host, loopback), "{host}");
        }
        let lan = IpAddr::from([192, 168, 1, 20]);
        assert!(is_this_computer("192.168.1.20:1111", lan));
        assert!(!is_this_computer("192.168.1.21:1111", lan));
        let every = IpAddr::from([0, 0, 0, 0]);
        assert!(is_this_computer("192.168.1.21:1111", every));
        assert!(is_this_computer("[fe80::1]", every));
        assert!(!is_this_computer("evil.example", every));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("chart.SVG")), "image/svg+xml");
        assert_eq!(
            content_type(Path::new("data.csv")),
            "text/csv; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("datapackage.json")),
            "application/json"
        );
        assert_eq!(
            content_type(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }
}
