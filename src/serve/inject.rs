//! What the preview adds to HTML responses: its reload script, its stylesheet and, after a failed
//! build, the error overlay — and the error page shown while no build has succeeded yet.
//!
//! Owns: the reserved paths under `/__safestat/`, the script and stylesheet served there, and the
//! escaping of build errors into HTML. Never does: change files on disk (so `safestat build`'s
//! output never contains any of this) or load anything from another origin.

use super::live::{BuildError, LiveState};
use crate::html::escape;

/// Everything the preview serves itself lives under this prefix.
pub const RESERVED_PREFIX: &str = "/__safestat/";
pub const SCRIPT_PATH: &str = "/__safestat/live.js";
pub const STYLE_PATH: &str = "/__safestat/live.css";
pub const EVENTS_PATH: &str = "/__safestat/events";

/// Connects to [`EVENTS_PATH`], reloads the page after a good build and shows or clears the
/// overlay after a failed or fixed one.
pub const SCRIPT: &str = include_str!("live.js");
/// Styles the overlay; a stylesheet (not inline styles) so that a site's Content-Security-Policy
/// that allows only its own origin still shows it.
pub const STYLE: &str = include_str!("live.css");

/// The id of the overlay element, shared with the script.
pub const OVERLAY_ID: &str = "safestat-overlay";

/// Inserts the preview's stylesheet, the overlay (if the state has an error) and the script just
/// before the page's last `</body>` (or at the end when there is none).
pub fn inject(html: &str, state: &LiveState) -> String {
    let mut snippet = format!(r#"<link rel="stylesheet" href="{STYLE_PATH}">"#);
    if let Some(error) = &state.error {
        let hint = if state.last_good {
            LAST_GOOD_HINT
        } else {
            NO_SITE_HINT
        };
        snippet.push_str(&overlay(error, hint));
    }
    snippet.push_str(&format!(
        r#"<script src="{SCRIPT_PATH}" data-site="{}"></script>"#,
        escape(&state.site)
    ));
    let at = find_last_ignore_ascii_case(html, "</body>").unwrap_or(html.len());
    let mut page = String::with_capacity(html.len() + snippet.len());
    page.push_str(&html[..at]);
    page.push_str(&snippet);
    page.push_str(&html[at..]);
    page
}

/// The overlay's last line, with and without a last good site behind it (also in `live.js`).
const LAST_GOOD_HINT: &str =
    "Still showing the last good version. Fix the file and save: this page updates by itself.";
const NO_SITE_HINT: &str = "Fix the file and save: this page updates by itself.";

/// The page served while no build has succeeded: the overlay alone, still live.
pub fn error_page(state: &LiveState) -> String {
    let body = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
                <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                <title>The site does not build yet — safestat serve</title>\n</head>\n\
                <body>\n<main>\n<h1>The site does not build yet</h1>\n\
                <p>This page reloads by itself as soon as the site builds.</p>\n</main>\n\
                </body>\n</html>\n";
    inject(body, state)
}

/// The overlay, with every piece of the error escaped. The script builds the same markup.
fn overlay(error: &BuildError, hint: &str) -> String {
    let location = error
        .location
        .as_deref()
        .map(|l| format!(r#"<p class="safestat-overlay-location">{}</p>"#, escape(l)))
        .unwrap_or_default();
    format!(
        r#"<div id="{OVERLAY_ID}" class="safestat-overlay" role="alert"><p class="safestat-overlay-title">The site did not build</p>{location}<pre class="safestat-overlay-message">{}</pre><p class="safestat-overlay-hint">{}</p></div>"#,
        escape(&error.message),
        escape(hint)
    )
}

fn find_last_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(error: Option<BuildError>) -> LiveState {
        LiveState {
            site: "a1-2".into(),
            last_good: true,
            error,
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_tag() {
        let page = inject(
            "<html><body><p>x</p><!-- </body> --></BODY></html>",
            &state(None),
        );
        assert_eq!(
            page,
            "<html><body><p>x</p><!-- </body> --><link rel=\"stylesheet\" \
             href=\"/__safestat/live.css\"><script src=\"/__safestat/live.js\" \
             data-site=\"a1-2\"></script></BODY></html>"
        );
        assert!(!page.contains(OVERLAY_ID));
    }

    #[test]
    fn a_page_without_body_end_tag_gets_the_script_at_the_end() {
        let page = inject("<p>fragment", &state(None));
        assert!(page.starts_with("<p>fragment<link"));
        assert!(page.ends_with("</script>"));
    }

    #[test]
    fn the_overlay_escapes_the_error() {
        let page = inject(
            "<body></body>",
            &state(Some(BuildError {
                location: Some("content/<a>.md:3:1".into()),
                message: "unexpected `<script>alert(\"x\")</script>` & more".into(),
            })),
        );
        assert!(page.contains(
            "content/&lt;a&gt;.md:3:1</p><pre class=\"safestat-overlay-message\">unexpected \
             `&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;` &amp; more</pre>"
        ));
        assert!(!page.contains("<script>alert"));
    }

    #[test]
    fn the_script_loads_nothing_from_elsewhere() {
        for text in [SCRIPT, STYLE] {
            assert!(!text.contains("http:") && !text.contains("https:") && !text.contains("//cdn"));
        }
        assert!(SCRIPT.contains(EVENTS_PATH));
        assert!(SCRIPT.contains(OVERLAY_ID));
    }
}
