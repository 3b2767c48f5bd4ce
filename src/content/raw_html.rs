//! The HTML an author writes in Markdown (`[markdown] raw_html`), and nothing else: what the site's
//! own code writes — shortcode output (charts, tables), the theme, the table wrappers and dateline
//! of [`super::markdown`] — is never changed here.
//!
//! The rules, for `safe` (the default) and `escape`:
//! - The author's Markdown is rendered to HTML and the whole of it — body, and the summary on its
//!   own — goes through one sanitiser, `ammonia` (html5ever parses it as a browser would). What
//!   can only format is kept: emphasis, lists, tables, images, links, `<figure>`, `<details>`,
//!   `<abbr>`, `<time>`, ids, classes, `role` and `aria-*`. Removed: `<script>` and `<style>` with
//!   their content, event handlers (`onerror=`), `style=` (except `text-align` on table cells, which
//!   Markdown tables use), forms, `<object>`, `<embed>`, `<svg>`, `<base>`, `<meta>`, `<link>`,
//!   comments, and every URL whose scheme is not an ordinary one (`javascript:`, `data:`,
//!   `vbscript:`), in Markdown links as well as in HTML.
//! - `<iframe>` is kept only for a video player of an allowed host ([`VIDEO_EMBEDS`], `https://`
//!   only); any other source is removed. Every iframe gets a fixed `sandbox`, `allow` and
//!   `referrerpolicy`, whatever the author wrote.
//! - Shortcode output that contains HTML is kept out of the sanitiser: during the expansion each
//!   such output is replaced by a placeholder element carrying a nonce (a hash of the page's
//!   Markdown, which the page cannot contain), and put back after sanitising.
//! - `escape` prints every tag the author wrote as text before the same sanitiser runs.
//! - Text inside an `<iframe>` is kept as written, as the browser's parser reads it: as text, never
//!   as markup (ammonia parses iframes like the browser does).
//!
//! `trusted` skips all of this: the author's HTML is published as written, scripts included.
//!
//! Never does: sanitise by hand. Deciding what HTML is safe is the sanitiser's.

use std::sync::{LazyLock, Mutex};

use pulldown_cmark::Event;
use sha2::{Digest, Sha256};

use super::shortcode::{Args, Shortcodes};

/// The video players an `<iframe>` may show: `https://` + host + path prefix.
pub const VIDEO_EMBEDS: &[&str] = &[
    "https://www.youtube.com/embed/",
    "https://www.youtube-nocookie.com/embed/",
    "https://player.vimeo.com/video/",
];

/// The sandbox of every embedded player: its scripts run in its own origin, never in the site's;
/// it cannot navigate the page, open forms or download.
const SANDBOX: &str = "allow-scripts allow-same-origin allow-popups allow-presentation";
const ALLOW: &str = "fullscreen; picture-in-picture; encrypted-media";
/// Players refuse to play without the site's origin as referrer.
const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The attribute of a shortcode placeholder.
const EMBED_ATTRIBUTE: &str = "data-safestat-embed";

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["iframe", "tfoot"])
        .add_generic_attributes(["id", "class", "dir", "role", "tabindex"])
        .add_generic_attribute_prefixes(["aria-"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(["text-align"].into())
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("div", [EMBED_ATTRIBUTE])
        .add_tag_attributes("span", [EMBED_ATTRIBUTE])
        .add_tag_attributes(
            "iframe",
            [
                "src",
                "width",
                "height",
                "sandbox",
                "allow",
                "allowfullscreen",
                "referrerpolicy",
                "loading",
            ],
        )
        .set_tag_attribute_value("iframe", "sandbox", SANDBOX)
        .set_tag_attribute_value("iframe", "allow", ALLOW)
        .set_tag_attribute_value("iframe", "allowfullscreen", "")
        .set_tag_attribute_value("iframe", "referrerpolicy", REFERRER_POLICY)
        .set_tag_attribute_value("iframe", "loading", "lazy")
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("iframe", "src") if !is_video_embed(value) => None,
            _ => Some(value.into()),
        })
        // Links open in the same tab (`target` is removed), so no `rel="noopener"` is needed.
        .link_rel(None);
    builder
});

/// Whether `src` is the player of an allowed video host.
pub fn is_video_embed(src: &str) -> bool {
    VIDEO_EMBEDS.iter().any(|prefix| {
        src.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty())
    })
}

/// Sanitises HTML rendered from an author's Markdown (see the module's rules).
pub fn sanitise(html: &str) -> String {
    SANITISER.clean(html).to_string()
}

/// The shortcodes of one page, with every output that contains HTML held back and replaced by a
/// placeholder, so that [`Embeds::finish`] can sanitise the page around them.
pub struct Embeds<'a> {
    shortcodes: &'a dyn Shortcodes,
    nonce: String,
    /// (placeholder, output), in the order of the calls.
    held: Mutex<Vec<(String, String)>>,
}

impl<'a> Embeds<'a> {
    /// The embeds of the page whose Markdown is `body`.
    pub fn new(shortcodes: &'a dyn Shortcodes, body: &str) -> Embeds<'a> {
        let hash = Sha256::digest(body.as_bytes());
        let nonce = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        Embeds {
            shortcodes,
            nonce,
            held: Mutex::new(Vec::new()),
        }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Vec<(String, String)>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `html` (the author's raw HTML) as text, placeholders kept as HTML.
    pub fn escape(&self, html: &str) -> Vec<Event<'static>> {
        let held = self.held();
        let mut out = Vec::new();
        let mut rest = html;
        loop {
            let next = held
                .iter()
                .filter_map(|(placeholder, _)| {
                    Some((rest.find(placeholder.as_str())?, placeholder))
                })
                .min_by_key(|(at, _)| *at);
            let Some((at, placeholder)) = next else {
                break;
            };
            if at > 0 {
                out.push(Event::Text(rest[..at].to_string().into()));
            }
            out.push(Event::Html(placeholder.clone().into()));
            rest = &rest[at + placeholder.len()..];
        }
        if !rest.is_empty() {
            out.push(Event::Text(rest.to_string().into()));
        }
        out
    }

    /// Sanitises `html` and puts the held shortcode output back in place of its placeholders.
    pub fn finish(&self, html: &str) -> String {
        let mut clean = sanitise(html);
        for (placeholder, output) in self.held().iter() {
            clean = clean.replace(placeholder.as_str(), output);
        }
        clean
    }
}

impl Shortcodes for Embeds<'_> {
    fn expand(&self, name: &str, args: &Args) -> Result<String, String> {
        self.expand_call(name, args, 1)
    }

    fn expand_call(&self, name: &str, args: &Args, call: usize) -> Result<String, String> {
        let output = self.shortcodes.expand_call(name, args, call)?;
        if !output.contains('<') {
            return Ok(output);
        }
        let mut held = self.held();
        // The placeholder reads to Markdown like the output: a block when the output starts
        // with a block element (it then stands on a line of its own), inline otherwise.
        let element = if starts_block(&output) { "div" } else { "span" };
        let placeholder = format!(
            "<{element} {EMBED_ATTRIBUTE}=\"{}-{}\"></{element}>",
            self.nonce,
            held.len() + 1
        );
        // Put back exactly as the expansion writes an output: on one line.
        held.push((placeholder.clone(), output.replace(['\r', '\n'], " ")));
        Ok(placeholder)
    }
}

/// Whether `html` starts with an element that starts an HTML block in CommonMark (kinds 1 and 6).
fn starts_block(html: &str) -> bool {
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "pre",
        "script",
        "search",
        "section",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ];
    let Some(rest) = html.trim_start().strip_prefix('<') else {
        return false;
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces an author's HTML is made of, dangerous ones included.
    const PIECES: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">",
        "<a href=\"jav&#x09;ascript:alert(1)\">",
        "<a href=\"data:text/html,x\">",
        "</a>",
        "<svg><script>alert(1)</script></svg>",
        "<math><style><img src=x onerror=alert(1)></style></math>",
        "<style>*{}</style>",
        "<iframe src=\"https://www.youtube.com/embed/x\">",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "</iframe>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<form action=x><input name=y>",
        "<div style=\"position:fixed\" onclick=\"alert(1)\">",
        "</div>",
        "<details open><summary>s</summary>",
        "<!-- <script>alert(1)</script> -->",
        "<textarea><script>alert(1)</script></textarea>",
        "<p>text & more</p>",
        "\"'><",
    ];

    /// `html` without the text inside its iframes, which a browser reads as text, never as
    /// markup (the sanitiser keeps it as written, like the browser's parser).
    fn without_frame_text(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(open) = rest.find("<iframe") {
            let content = open + rest[open..].find('>').expect("a whole tag") + 1;
            out.push_str(&rest[..content]);
            let close = rest[content..].find("</iframe>").expect("a closed iframe");
            assert!(!rest[content..content + close].contains("</iframe"));
            rest = &rest[content + close..];
        }
        out.push_str(rest);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever order the pieces come in, nothing that runs a script is left.
        #[test]
        fn no_mix_of_pieces_leaves_a_script(picks in proptest::collection::vec(0..PIECES.len(), 1..12)) {
            let html: String = picks.iter().map(|&i| PIECES[i]).collect();
            let clean = without_frame_text(&sanitise(&html).to_ascii_lowercase());
            for bad in ["<script", "onerror", "onclick", "javascript:", "data:", "<style", "srcdoc", "<form", "<input", "<noscript", "position:fixed"] {
                prop_assert!(!clean.contains(bad), "{bad} in {clean} from {html}");
            }
        }
    }

    #[test]
    fn only_the_players_of_the_allowed_hosts_are_embeds() {
        assert!(is_video_embed(
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
        ));
        assert!(is_video_embed(
            "https://player.vimeo.com/video/76979871?h=1"
        ));
        for src in [
            "https://www.youtube.com/embed/",
            "http://www.youtube.com/embed/x",
            "https://www.youtube.com.evil.example/embed/x",
            "https://www.youtube.com@evil.example/embed/x",
            "https://evil.example/?https://www.youtube.com/embed/x",
            " https://www.youtube.com/embed/x",
            "https://www.youtube.com/watch?v=x",
            "javascript:alert(1)//https://www.youtube.com/embed/x",
        ] {
            assert!(!is_video_embed(src), "{src}");
        }
    }

    #[test]
    fn block_outputs_get_a_block_placeholder() {
        assert!(starts_block(
            "<figure class=\"stat-chart\"><svg></svg></figure>"
        ));
        assert!(starts_block("<DIV>x</DIV>"));
        assert!(!starts_block("<svg></svg>"));
        assert!(!starts_block("<span>1,234</span>"));
        assert!(!starts_block("1,234 <b>x</b>"));
    }

    #[test]
    fn the_sanitiser_keeps_formatting_and_removes_scripts() {
        assert_eq!(
            sanitise("<p onclick=\"x()\">A <b>b</b><script>alert(1)</script></p>"),
            "<p>A <b>b</b></p>"
        );
        assert_eq!(
            sanitise("<a href=\"javascript:alert(1)\">x</a><a href=\"/about/\">y</a>"),
            "<a>x</a><a href=\"/about/\">y</a>"
        );
    }
}
