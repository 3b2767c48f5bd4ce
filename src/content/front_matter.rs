//! TOML front matter between `+++` lines: splitting it from the Markdown body and parsing it into
//! typed, Zola-compatible page and section fields. Errors name the file, line and column.
//!
//! Never does: I/O or Markdown rendering.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::{shorten, toml_error_at, toml_value_position, LocatedError, Position};

/// A content file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines (empty when the file has none).
    pub front_matter: &'a str,
    /// 0-based line of the file on which the front matter starts.
    pub front_matter_line: usize,
    /// The Markdown after the closing `+++`.
    pub body: &'a str,
    /// 0-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `text` at its `+++` fences. A file without front matter is all body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, LocatedError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() == "---" {
        return Err(LocatedError::new(
            path,
            Some(Position { line: 1, column: 1 }),
            "YAML front matter (---) is not supported: use TOML between +++ lines",
        ));
    }
    if first_line.trim_end() != "+++" {
        return Ok(Split {
            front_matter: "",
            front_matter_line: 0,
            body: text,
            body_line: 0,
        });
    }
    let start = first_line.len() + usize::from(text[first_line.len()..].starts_with("\r\n")) + 1;
    let start = start.min(text.len());
    let mut offset = start;
    for (line, raw) in (1..).zip(text[start..].split_inclusive('\n')) {
        if raw.trim_end() == "+++" {
            let body_start = offset + raw.len();
            return Ok(Split {
                front_matter: &text[start..offset],
                front_matter_line: 1,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err(LocatedError::new(
        path,
        Some(Position { line: 1, column: 1 }),
        "front matter opened with +++ is never closed by a +++ line",
    ))
}

/// A press-release contact: rendered as the "For more information, please contact" block.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// Front matter of a page (`*.md`, `name/index.md`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Spanned<toml::Value>>,
    pub updated: Option<Spanned<toml::Value>>,
    pub draft: bool,
    pub slug: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    pub aliases: Vec<Spanned<String>>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub authors: Vec<String>,
    /// Dateline of a press release ("Beirut, Lebanon").
    pub location: Option<String>,
    pub contacts: Vec<Contact>,
    pub taxonomies: BTreeMap<String, Spanned<Vec<String>>>,
    pub extra: toml::Table,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lightest first.
    Weight,
    /// Alphabetical.
    Title,
    /// By file path.
    #[default]
    None,
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub sort_by: SortBy,
    pub weight: i64,
    pub paginate_by: Option<usize>,
    pub paginate_path: String,
    pub template: Option<String>,
    pub page_template: Option<String>,
    pub render: bool,
    pub transparent: bool,
    pub draft: bool,
    pub aliases: Vec<Spanned<String>>,
    /// An Atom feed for this section; by default, sections sorted by date get one.
    pub generate_feeds: Option<bool>,
    pub extra: toml::Table,
}

impl Default for SectionFrontMatter {
    fn default() -> Self {
        SectionFrontMatter {
            title: None,
            description: None,
            sort_by: SortBy::None,
            weight: 0,
            paginate_by: None,
            paginate_path: "page".into(),
            template: None,
            page_template: None,
            render: true,
            transparent: false,
            draft: false,
            aliases: Vec::new(),
            generate_feeds: None,
            extra: toml::Table::new(),
        }
    }
}

/// Parses front matter text taken from `split`. A NUL written as an escape (`"\u0000"`) is an
/// error at its value, like a NUL byte anywhere in the file: it would reach the page.
pub fn parse<T: for<'de> Deserialize<'de>>(path: &Path, split: &Split) -> Result<T, LocatedError> {
    let located =
        |e: toml::de::Error| toml_error_at(path, split.front_matter, &e, split.front_matter_line);
    let value: toml::Value = toml::from_str(split.front_matter).map_err(located)?;
    if let Some(keys) = nul_in(&value) {
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        return Err(LocatedError::new(
            path,
            key_position(split, &keys),
            format!(
                "`{}` holds a NUL character (U+0000); remove it",
                shorten(&keys.join("."), 60)
            ),
        ));
    }
    toml::from_str(split.front_matter).map_err(located)
}

/// The keys of the first string in `value` that holds a NUL character.
fn nul_in(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => s.contains('\0').then(Vec::new),
        toml::Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let mut keys = nul_in(v)?;
            keys.insert(0, i.to_string());
            Some(keys)
        }),
        toml::Value::Table(table) => table.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(vec![k.clone()]);
            }
            let mut keys = nul_in(v)?;
            keys.insert(0, k.clone());
            Some(keys)
        }),
        _ => None,
    }
}

/// The location of a span of the front matter, for errors about a value that parsed but is wrong.
pub fn span_position(split: &Split, span: std::ops::Range<usize>) -> Position {
    let mut p = Position::of_offset(split.front_matter, span.start);
    p.line += split.front_matter_line;
    p
}

/// Where the front matter sets the value at `keys` (see [`toml_value_position`]), for errors about
/// a value that parsed but is not allowed.
pub fn key_position(split: &Split, keys: &[&str]) -> Option<Position> {
    let mut p = toml_value_position(split.front_matter, keys)?;
    p.line += split.front_matter_line;
    Some(p)
}

/// A publication date: a TOML date (`2024-05-01`), date-time (`2024-05-01T10:00:00+03:00`) or a
/// string holding one of those.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageDate {
    pub at: DateTime<FixedOffset>,
    pub date_only: bool,
}

impl PageDate {
    /// Parses the TOML value of `date` / `updated`.
    pub fn from_toml(value: &toml::Value) -> Result<PageDate, String> {
        let text = match value {
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => {
                return Err(format!(
                    "expected a date like 2024-05-01, found {}",
                    shorten(&other.to_string(), 60)
                ))
            }
        };
        PageDate::parse(&text)
    }

    /// Parses `YYYY-MM-DD`, RFC 3339, or a local date-time (taken as UTC).
    pub fn parse(text: &str) -> Result<PageDate, String> {
        let text = text.trim();
        let utc = FixedOffset::east_opt(0).expect("zero offset");
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            let at = d
                .and_hms_opt(0, 0, 0)
                .expect("midnight")
                .and_local_timezone(utc);
            return Ok(PageDate {
                at: at.single().expect("UTC has no gaps"),
                date_only: true,
            });
        }
        if let Ok(at) = DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)) {
            return Ok(PageDate {
                at,
                date_only: false,
            });
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(PageDate {
                    at: naive
                        .and_local_timezone(utc)
                        .single()
                        .expect("UTC has no gaps"),
                    date_only: false,
                });
            }
        }
        Err(format!(
            "{:?} is not a date: write 2024-05-01 or 2024-05-01T10:00:00+03:00",
            shorten(text, 60)
        ))
    }

    /// `2024-05-01` for dates, RFC 3339 for date-times: what templates receive as `page.date`.
    pub fn display(&self) -> String {
        if self.date_only {
            self.at.format("%Y-%m-%d").to_string()
        } else {
            self.at.to_rfc3339()
        }
    }

    /// Always RFC 3339 (for Atom and the sitemap).
    pub fn rfc3339(&self) -> String {
        self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// A `YYYY-MM-DD-` or `YYYY-MM-DD_` prefix of a file stem: its date and the rest (Zola's convention).
pub fn date_prefix(stem: &str) -> Option<(PageDate, &str)> {
    let (head, rest) = (stem.get(..10)?, stem.get(10..)?);
    let rest = rest.strip_prefix(['-', '_'])?;
    let date = PageDate::parse(head).ok()?;
    Some((date, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_reports_lines() {
        let text = "+++\ntitle = \"x\"\n+++\nbody\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 3);
        assert!(split(Path::new("a.md"), "+++\ntitle = 1\n").is_err());
        assert!(split(Path::new("a.md"), "---\ntitle: x\n---\n").is_err());
    }

    #[test]
    fn dates() {
        let d = PageDate::parse("2024-05-01").unwrap();
        assert_eq!(d.display(), "2024-05-01");
        assert_eq!(d.rfc3339(), "2024-05-01T00:00:00Z");
        let t = PageDate::parse("2024-05-01T10:00:00+03:00").unwrap();
        assert_eq!(t.rfc3339(), "2024-05-01T10:00:00+03:00");
        assert!(PageDate::parse("May 1st").is_err());
        let (d, rest) = date_prefix("2024-05-01-training").unwrap();
        assert_eq!((d.display().as_str(), rest), ("2024-05-01", "training"));
        assert!(date_prefix("training").is_none());
    }
}
