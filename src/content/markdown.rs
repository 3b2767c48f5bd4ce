//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough and heading attributes;
//! unique heading ids that keep non-Latin letters; a table of contents; the summary cut at
//! `<!-- more -->`; the press-release dateline; and internal links `@/path.md#anchor`. The
//! author's raw HTML is sanitised, escaped or trusted as `[markdown] raw_html` says (see
//! [`super::raw_html`]).
//!
//! Never does: I/O. Anchors of other pages are only known once every page is rendered, so they are
//! returned as [`AnchorCheck`]s for the caller to verify.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::raw_html::Embeds;
use super::shortcode::{self, Shortcodes};
use super::slug::slugify;
use crate::config::RawHtml;
use crate::diagnostic::{LocatedError, Position};

/// The marker that ends a page's summary.
const MORE: &str = "<!-- more -->";
const CONTINUE_READING: &str = "<span id=\"continue-reading\"></span>";
/// What a table is wrapped in: wide tables scroll inside a focusable region instead of changing
/// the table's display (which would hide its table semantics from screen readers).
/// The opening of the region a table scrolls in; `{hint}` is the id of the hint after it.
fn table_scroll(hint: &str) -> String {
    format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\" aria-describedby=\"{hint}\">")
}

/// The end of that region, and the hint (shown on narrow screens) that the table scrolls.
fn table_scroll_end(hint: &str) -> String {
    format!("</div>\n<p class=\"scroll-hint\" id=\"{hint}\">Where the table is wider than the screen, scroll it sideways to see every column.</p>\n")
}

/// Ids the default theme uses on every page; headings never take them, so ids stay unique.
const RESERVED_IDS: &[&str] = &[
    "main",
    "continue-reading",
    "contacts-heading",
    "latest-heading",
    "key-figures-heading",
];

/// One entry of a table of contents; `children` are the headings nested under it.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u32,
    pub id: String,
    pub title: String,
    pub permalink: String,
    pub children: Vec<TocEntry>,
}

/// A link to `@/target#anchor` whose anchor must exist in the target once it is rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target: String,
    pub anchor: String,
    pub position: Position,
}

/// What rendering one Markdown body produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub summary: Option<String>,
    pub toc: Vec<TocEntry>,
    pub heading_ids: HashSet<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    pub errors: Vec<LocatedError>,
}

/// What the renderer needs to know about the page being rendered.
pub struct Source<'a> {
    /// The file, for error messages.
    pub path: &'a Path,
    /// 0-based line of the file on which `body` starts.
    pub body_line: usize,
    pub body: &'a str,
    /// The page's permalink, for table-of-contents links.
    pub permalink: &'a str,
    /// `base_url` (ending with `/`): root-relative links (`/about/`) are made absolute with it, so
    /// they work when the site is served from a sub-path.
    pub base_url: &'a str,
    /// Press-release dateline put in front of the first paragraph.
    pub location: Option<&'a str>,
    /// The shortcodes `{{ name(...) }}` calls may use.
    pub shortcodes: &'a dyn Shortcodes,
    /// What happens to the raw HTML the author writes.
    pub raw_html: RawHtml,
}

/// Renders `source`; `links` maps content paths (`news/a.md`) to permalinks.
pub fn render(source: &Source, links: &BTreeMap<String, String>) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Rendered::default();
    let reserved: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let located = |text: &str, offset: usize| {
        let mut p = Position::of_offset(text, offset);
        p.line += source.body_line;
        p
    };
    // Outside `trusted`, shortcode output is held back from the sanitiser (see `raw_html`).
    let embeds =
        (source.raw_html != RawHtml::Trusted).then(|| Embeds::new(source.shortcodes, source.body));
    let shortcodes: &dyn Shortcodes = match &embeds {
        Some(embeds) => embeds,
        None => source.shortcodes,
    };
    let body = match shortcode::expand(source.body, shortcodes) {
        Ok(text) => text,
        Err(errors) => {
            for e in errors {
                let at = located(source.body, e.offset);
                out.errors
                    .push(LocatedError::new(source.path, Some(at), e.message));
            }
            std::borrow::Cow::Borrowed(source.body)
        }
    };
    let position = |offset: usize| located(&body, offset);
    let mut events: Vec<Event> = Vec::new();
    let mut headings: Vec<(usize, u32, String)> = Vec::new();
    let mut open_heading: Option<usize> = None;
    let mut dateline_done = source.location.is_none();
    let mut footnotes = Footnotes::default();
    let mut tables = 0;
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: resolve(&dest_url, links, position(range.start), source, &mut out),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: resolve(&dest_url, links, position(range.start), source, &mut out),
                title,
                id,
            }),
            Event::Html(h) | Event::InlineHtml(h) if h.trim() == MORE => {
                Event::Html(CONTINUE_READING.into())
            }
            other => other,
        };
        let pieces = match (&event, &embeds) {
            (Event::Html(h) | Event::InlineHtml(h), Some(embeds))
                if source.raw_html == RawHtml::Escape && h.as_ref() != CONTINUE_READING =>
            {
                embeds.escape(h)
            }
            _ => vec![event],
        };
        for event in pieces {
            let event = match event {
                Event::FootnoteReference(label) => {
                    Event::Html(footnotes.reference(&label, source.permalink).into())
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    Event::Html(footnotes.definition(&label).into())
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    footnotes.close(&mut events);
                    continue;
                }
                other => other,
            };
            match &event {
                Event::Start(Tag::Heading { level, .. }) => {
                    open_heading = Some(events.len());
                    headings.push((events.len(), heading_level(*level), String::new()));
                }
                Event::End(TagEnd::Heading(_)) => open_heading = None,
                Event::Text(t) | Event::Code(t) if open_heading.is_some() => {
                    if let Some(h) = headings.last_mut() {
                        h.2.push_str(t);
                    }
                }
                _ => {}
            }
            let first_paragraph = matches!(event, Event::Start(Tag::Paragraph)) && !dateline_done;
            let table_end = matches!(event, Event::End(TagEnd::Table));
            if matches!(event, Event::Start(Tag::Table(_))) {
                tables += 1;
                let hint = format!("table-hint-{tables}");
                events.push(Event::Html(table_scroll(&hint).into()));
                out.heading_ids.insert(hint);
            }
            events.push(event);
            if table_end {
                events.push(Event::Html(
                    table_scroll_end(&format!("table-hint-{tables}")).into(),
                ));
            }
            if first_paragraph {
                dateline_done = true;
                let location = source.location.unwrap_or_default();
                events.push(Event::Html(
                    format!(
                        "<span class=\"dateline\">{} — </span>",
                        crate::html::escape(location)
                    )
                    .into(),
                ));
            }
        }
    }
    let mut flat_toc = Vec::new();
    for (index, level, title) in headings {
        let Event::Start(Tag::Heading { id, .. }) = &mut events[index] else {
            unreachable!("heading index points at a heading start");
        };
        let wanted = match id {
            Some(given) => given.to_string(),
            None => {
                let s = slugify(&title);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let mut unique = wanted.clone();
        let mut n = 1;
        while out.heading_ids.contains(&unique) || reserved.contains(&unique) {
            unique = format!("{wanted}-{n}");
            n += 1;
        }
        out.heading_ids.insert(unique.clone());
        *id = Some(unique.clone().into());
        flat_toc.push(TocEntry {
            level,
            permalink: format!("{}#{}", source.permalink, unique),
            id: unique,
            title: title.trim().to_string(),
            children: Vec::new(),
        });
    }
    out.toc = nest(flat_toc);
    let mut html_out = String::with_capacity(source.body.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    let cut = html_out.find(CONTINUE_READING);
    match &embeds {
        // The summary is sanitised on its own, so that it is whole HTML (what the author opened
        // before `<!-- more -->` is closed in it).
        Some(embeds) => {
            out.summary =
                cut.map(|cut| without_reference_ids(&embeds.finish(html_out[..cut].trim_end())));
            out.html = embeds.finish(&html_out);
        }
        None => {
            out.summary = cut.map(|cut| without_reference_ids(html_out[..cut].trim_end()));
            out.html = html_out;
        }
    }
    out
}

/// Footnotes numbered in the order they first appear, each reference with an id its note links
/// back to: `<sup class="footnote-reference" id="fnref-1"><a href="#fn-1">1</a></sup>`, and the
/// note `<div class="footnote-definition" id="fn-1">` ending in a "↩" link to its first
/// reference.
#[derive(Default)]
struct Footnotes {
    numbers: Vec<String>,
    references: HashMap<String, usize>,
    open: Option<(String, usize)>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> (String, usize) {
        let n = match self.numbers.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.numbers.push(label.to_string());
                self.numbers.len()
            }
        };
        (n.to_string(), n)
    }

    /// A reference to note `label`: a link to the note on the page at `permalink`, so that it
    /// also leads there from the page's summary on a list page.
    fn reference(&mut self, label: &str, permalink: &str) -> String {
        let (id, n) = self.number(label);
        let seen = self.references.entry(id.clone()).or_insert(0);
        *seen += 1;
        let own = if *seen == 1 {
            format!("fnref-{id}")
        } else {
            format!("fnref-{id}-{seen}")
        };
        format!(
            "<sup class=\"footnote-reference\" id=\"{own}\"><a href=\"{permalink}#fn-{id}\" aria-label=\"Note {n}\">{n}</a></sup>",
            permalink = crate::html::escape(permalink)
        )
    }

    fn definition(&mut self, label: &str) -> String {
        let (id, n) = self.number(label);
        let html = format!(
            "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
        );
        self.open = Some((id, n));
        html
    }

    /// Ends the open note: its back link goes inside its last paragraph when it ends with one.
    fn close(&mut self, events: &mut Vec<Event>) {
        let Some((id, n)) = self.open.take() else {
            return;
        };
        let back = if self.references.contains_key(&id) {
            format!(
                " <a href=\"#fnref-{id}\" class=\"footnote-backref\" aria-label=\"Back to the text of note {n}\">↩</a>"
            )
        } else {
            String::new()
        };
        if matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
            let end = events.pop().expect("the paragraph's end");
            events.push(Event::Html(back.into()));
            events.push(end);
            events.push(Event::Html("</div>\n".into()));
        } else {
            events.push(Event::Html(format!("{back}</div>\n").into()));
        }
    }
}

/// A summary without the ids of its footnote references: a list page shows many summaries, and
/// their notes' back links belong to the pages themselves.
fn without_reference_ids(summary: &str) -> String {
    const OPEN: &str = "<sup class=\"footnote-reference\" id=\"fnref-";
    let mut out = String::with_capacity(summary.len());
    let mut rest = summary;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        out.push_str("<sup class=\"footnote-reference\"");
        rest = &rest[at + OPEN.len()..];
        rest = &rest[rest.find('"').map_or(0, |q| q + 1)..];
    }
    out.push_str(rest);
    out
}

fn resolve<'a>(
    dest: &CowStr<'a>,
    links: &BTreeMap<String, String>,
    position: Position,
    source: &Source,
    out: &mut Rendered,
) -> CowStr<'a> {
    let Some(rest) = dest.strip_prefix("@/") else {
        return match dest.strip_prefix('/') {
            Some(path) if !path.starts_with('/') => format!("{}{path}", source.base_url).into(),
            _ => dest.clone(),
        };
    };
    let (target, anchor) = match rest.split_once('#') {
        Some((t, a)) => (t, Some(a)),
        None => (rest, None),
    };
    match links.get(target) {
        Some(permalink) => match anchor {
            Some(anchor) => {
                out.anchor_checks.push(AnchorCheck {
                    target: target.to_string(),
                    anchor: anchor.to_string(),
                    position,
                });
                format!("{permalink}#{anchor}").into()
            }
            None => permalink.clone().into(),
        },
        None => {
            out.errors.push(LocatedError::new(
                source.path,
                Some(position),
                format!("internal link \"{dest}\": there is no page content/{target}"),
            ));
            dest.clone()
        }
    }
}

fn heading_level(level: HeadingLevel) -> u32 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Nests a flat list of headings: each heading holds the deeper ones that follow it.
fn nest(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert(&mut roots, entry);
    }
    roots
}

fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => list.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Rendered {
        md_as(body, RawHtml::Safe, &shortcode::NoShortcodes)
    }

    fn md_as(body: &str, raw_html: RawHtml, shortcodes: &dyn Shortcodes) -> Rendered {
        let mut links = BTreeMap::new();
        links.insert("news/a.md".to_string(), "https://x.org/news/a/".to_string());
        render(
            &Source {
                path: Path::new("content/p.md"),
                body_line: 4,
                body,
                permalink: "https://x.org/p/",
                base_url: "https://x.org/sub/",
                location: None,
                shortcodes,
                raw_html,
            },
            &links,
        )
    }

    /// A shortcode whose output holds what the sanitiser would remove from an author's HTML.
    struct Figure;

    const FIGURE: &str = "<figure class=\"stat-chart\"><svg onload=\"x\"><title>T</title></svg><script>s()</script></figure>";

    impl Shortcodes for Figure {
        fn expand(&self, name: &str, _args: &shortcode::Args) -> Result<String, String> {
            match name {
                "figure" => Ok(FIGURE.to_string()),
                "n" => Ok("1,234".to_string()),
                _ => Err(format!("unknown shortcode `{name}`")),
            }
        }
    }

    #[test]
    fn safe_sanitises_the_authors_html_and_never_the_shortcodes() {
        let body = "A <b onclick=\"x\">{{ n() }}</b> <script>alert(1)</script>\n\n{{ figure() }}\n\n<div data-safestat-embed=\"0-1\"></div>\n";
        let r = md_as(body, RawHtml::Safe, &Figure);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(
            r.html,
            format!("<p>A <b>1,234</b> </p>\n{FIGURE}\n<div data-safestat-embed=\"0-1\"></div>\n")
        );
        let trusted = md_as(body, RawHtml::Trusted, &Figure);
        assert!(trusted.html.contains("<script>alert(1)</script>"));
        assert!(trusted.html.contains(FIGURE));
    }

    #[test]
    fn escape_prints_the_authors_html_as_text() {
        let r = md_as(
            "A <b>bold</b> {{ n() }}.\n\n{{ figure() }}\n\n<div>\n{{ figure() }}\n</div>\n",
            RawHtml::Escape,
            &Figure,
        );
        assert_eq!(
            r.html,
            format!("<p>A &lt;b&gt;bold&lt;/b&gt; 1,234.</p>\n{FIGURE}\n&lt;div&gt;\n{FIGURE}\n&lt;/div&gt;\n")
        );
    }

    #[test]
    fn the_summary_is_sanitised_on_its_own_and_closes_what_it_opened() {
        let r = md("<details>\n<summary>S</summary>\n\nIntro <img src=x onerror=y>.\n\n<!-- more -->\n\nRest.\n\n</details>\n");
        assert_eq!(
            r.summary.as_deref(),
            Some("<details>\n<summary>S</summary>\n<p>Intro <img src=\"x\">.</p></details>")
        );
        assert!(r.html.contains(CONTINUE_READING), "{}", r.html);
        assert!(r.html.ends_with("<p>Rest.</p>\n</details>\n"), "{}", r.html);
    }

    #[test]
    fn heading_ids_are_unique_and_keep_letters() {
        let r =
            md("# Données clés\n\n## Données clés\n\n## الأرقام\n\n### Custom {#mine}\n\n# Main\n");
        assert!(r.html.contains("id=\"main-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"données-clés\""), "{}", r.html);
        assert!(r.html.contains("id=\"données-clés-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"الأرقام\""), "{}", r.html);
        assert!(r.html.contains("id=\"mine\""), "{}", r.html);
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children.len(), 2);
        assert_eq!(r.toc[0].children[1].children[0].id, "mine");
    }

    #[test]
    fn extensions_summary_and_links() {
        let r = md("Intro ~~old~~ text[^1].\n\n<!-- more -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[A](@/news/a.md#x) [B](@/nope.md)\n\n[^1]: Note.\n");
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\" aria-describedby=\"table-hint-1\"><table>"), "{}", r.html);
        assert!(
            r.html
                .contains("</table>\n</div>\n<p class=\"scroll-hint\" id=\"table-hint-1\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>Note. <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Back to the text of note 1\">↩</a></p>\n</div>"), "{}", r.html);
        assert_eq!(r.summary.as_deref().unwrap().trim(), "<p>Intro <del>old</del> text<sup class=\"footnote-reference\"><a href=\"https://x.org/p/#fn-1\" aria-label=\"Note 1\">1</a></sup>.</p>");
        assert!(r.html.contains("href=\"https://x.org/news/a/#x\""));
        let rooted = md("[a](/about/) ![l](/logo.svg) [b](//cdn.example/x) [c](https://y.org/)");
        assert!(
            rooted.html.contains("href=\"https://x.org/sub/about/\""),
            "{}",
            rooted.html
        );
        assert!(rooted.html.contains("src=\"https://x.org/sub/logo.svg\""));
        assert!(rooted.html.contains("href=\"//cdn.example/x\""));
        assert!(rooted.html.contains("href=\"https://y.org/\""));
        assert_eq!(r.anchor_checks.len(), 1);
        assert_eq!(r.errors.len(), 1);
        let e = r.errors[0].to_string();
        assert!(e.starts_with("content/p.md:13:"), "{e}");
        assert!(e.contains("nope.md"), "{e}");
    }
}
