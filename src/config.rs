//! `config.toml` → a typed [`Config`].
//!
//! Owns: parsing and validating the site's settings, including the `[privacy]` settings that drive
//! disclosure control. Every struct denies unknown fields, so a misspelt key is an error that names the
//! key, the line and the column instead of being silently ignored.
//!
//! Never does: any I/O beyond reading `config.toml` itself.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{shorten, source_text, toml_error, toml_value_position, LocatedError};

/// The whole of `config.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and in feeds.
    pub title: String,
    /// One-sentence description, used in `<meta name="description">` and feeds.
    pub description: String,
    /// Absolute URL the site is served from; may carry a path (`https://example.org/lebanon/`).
    pub base_url: String,
    /// BCP 47 language tag of the content of `page.md` files, used for `<html lang>`.
    pub default_language: String,
    /// The other languages the site is written in (`[languages.ar]`): their pages are
    /// `page.ar.md` beside `page.md`, published under `/ar/`.
    pub languages: BTreeMap<String, LanguageConfig>,
    /// Default author of pages and feed entries.
    pub author: String,
    /// The publishing organisation (e.g. "IOM Lebanon").
    pub organisation: String,
    /// Licence of the written content (e.g. "CC BY 4.0").
    pub licence: String,
    /// Licence of the published data downloads (SPDX-like id, e.g. "CC-BY-4.0").
    pub data_licence: String,
    /// Build drafts too (normally only with `--drafts`).
    pub build_drafts: bool,
    /// Disclosure-control settings.
    pub privacy: PrivacyConfig,
    /// Taxonomies pages may use in `[taxonomies]` (Zola's `taxonomies = [{ name = "tags" }]`).
    pub taxonomies: Vec<TaxonomyConfig>,
    /// The site's navigation, in order (the default header lists it).
    pub menu: Vec<MenuItem>,
    /// How many entries each Atom feed holds (newest first).
    pub feed_limit: usize,
    /// Figures shown on the home page, each a cell of a protected table. When none are given, the
    /// home page shows each table's grand total.
    pub key_figures: Vec<KeyFigure>,
    /// How Markdown is turned into HTML: what happens to raw HTML an author writes.
    pub markdown: MarkdownConfig,
    /// The search page and its index (`[search]`).
    pub search: SearchConfig,
    /// Free table handed to templates as `config.extra`.
    pub extra: toml::Table,
}

/// One `[languages.<code>]` table: what differs in that language. Absent values are the
/// default language's (the top-level `title`, `description`, `menu`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language.
    pub title: Option<String>,
    /// The site's description in this language.
    pub description: Option<String>,
    /// The navigation in this language; a relative `url` is taken under `/<code>/`.
    pub menu: Option<Vec<MenuItem>>,
    /// Whether this language has its Atom feeds (`/<code>/atom.xml`, and per section and term).
    #[serde(alias = "generate_feeds")]
    pub feed: bool,
    /// The language's name in itself, for the language switcher (`العربية`); known languages
    /// have one already.
    pub name: Option<String>,
}

impl Default for LanguageConfig {
    fn default() -> Self {
        LanguageConfig {
            title: None,
            description: None,
            menu: None,
            feed: true,
            name: None,
        }
    }
}

/// Whether `code` looks like a BCP 47 language tag: a 2–3 letter lowercase language, then
/// optional subtags of letters and digits (`ar`, `fr`, `pt-BR`, `zh-Hant`).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The `[search]` table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Whether the site has a search page per language (`/search/`, `/ar/search/`) and the
    /// index it searches (`/pagefind/`), linked from every page's header. Off, neither exists.
    /// Off unless a site asks for it, as in Zola (`build_search_index`): the index takes several
    /// times the rest of a large site's build. `safestat init` writes it on.
    pub enabled: bool,
}

/// The `[markdown]` table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownConfig {
    /// What happens to HTML written in the Markdown of pages (`<iframe>`, `<details>`, `<script>`).
    pub raw_html: RawHtml,
}

/// What happens to HTML an author writes in Markdown (`[markdown] raw_html`). Shortcode output and
/// the theme's own HTML are never changed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept when it can only format (emphasis, tables, images, figures, details, video embeds
    /// from the allowed hosts in a sandbox); anything that could run a script, send a form,
    /// restyle the site or load from another host is removed, and so are `javascript:` and
    /// `data:` links in Markdown links too.
    #[default]
    Safe,
    /// Printed as text, tag by tag (links are cleaned as with `Safe`).
    Escape,
    /// Passed through as written, scripts included: for sites whose every author is trusted.
    Trusted,
}

/// One `[[key_figures]]` entry: a label and a cell of a protected table, looked up like the `stat`
/// shortcode (`cell = { gender = "F" }`; dimensions not named are taken at their total).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// The label in the default language.
    pub label: String,
    /// The label in other languages, by code (`labels = { ar = "…", fr = "…" }`); a language
    /// without one shows `label`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The table's id in `data/tables.toml`.
    pub table: String,
    /// Dimension id → category code (or label, or `Total`).
    #[serde(default)]
    pub cell: std::collections::BTreeMap<String, String>,
}

/// One `[[taxonomies]]` entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// The key used in page front matter (`[taxonomies] tags = [...]`) and the URL (`/tags/`).
    pub name: String,
    /// Terms listed per page on each term's page; no pagination when absent.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Whether each term gets its own Atom feed (`/tags/<term>/atom.xml`).
    #[serde(default = "yes")]
    pub feed: bool,
}

fn yes() -> bool {
    true
}

/// One `[[menu]]` entry: a label and a path relative to `base_url` (`"news/"`) or an absolute URL.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

fn default_taxonomies() -> Vec<TaxonomyConfig> {
    ["tags", "countries"]
        .into_iter()
        .map(|name| TaxonomyConfig {
            name: name.to_string(),
            paginate_by: Some(10),
            feed: true,
        })
        .collect()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::new(),
            description: String::new(),
            base_url: "http://127.0.0.1:1111/".to_string(),
            default_language: "en".to_string(),
            languages: BTreeMap::new(),
            author: String::new(),
            organisation: String::new(),
            licence: String::new(),
            data_licence: "CC-BY-4.0".to_string(),
            build_drafts: false,
            privacy: PrivacyConfig::default(),
            taxonomies: default_taxonomies(),
            menu: Vec::new(),
            feed_limit: 20,
            key_figures: Vec::new(),
            markdown: MarkdownConfig::default(),
            search: SearchConfig::default(),
            extra: toml::Table::new(),
        }
    }
}

/// How zero counts are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ZeroPolicy {
    /// Zeros are published as zeros (the usual choice: an empty cell discloses nobody).
    #[default]
    Publish,
    /// Zeros are treated like small counts and suppressed.
    Suppress,
}

/// The `[privacy]` table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Threshold: every published count is 0 or at least `k`.
    pub k: u32,
    /// Whether zero counts are published or suppressed.
    pub zeros: ZeroPolicy,
    /// The words printed wherever a suppressed cell appears (tables, prose, charts).
    pub suppressed_text: String,
    /// Label of the category that rare categories are pooled into.
    pub other_label: String,
    /// Label of the category that missing values are counted in.
    pub unknown_label: String,
    /// Date of the data (ISO 8601), printed on statistics pages and in the methodology.
    pub data_date: Option<String>,
    /// How `safestat audit` was asked to audit; never read from `config.toml`.
    #[serde(skip)]
    pub audit: AuditOptions,
}

/// Options of `safestat audit`, carried to disclosure control with the privacy settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditOptions {
    /// Also bound each small cell's maximum as an integer program.
    pub integer: bool,
    /// Audit this suppression pattern (from another tool) instead of choosing one: each entry a
    /// table id and, per dimension id, a category code (`None`: the total). Its failures are
    /// reported, not raised.
    pub pattern: Option<Vec<PatternCell>>,
}

/// Reads a pattern for `safestat audit --check-pattern`: CSV with the header `table,key`, one row
/// per suppressed cell, `key` as `dim=code;dim=code` (`Total` for a margin). Errors name the
/// file and line.
pub fn read_pattern(path: &Path) -> Result<Vec<PatternCell>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut cells = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let place = format!("{}:{}", path.display(), i + 1);
        let line = line.trim_end_matches('\r');
        if i == 0 {
            if line != "table,key" {
                bail!("{place}:1: the header must be `table,key`");
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let Some((table, key)) = line.split_once(',') else {
            bail!("{place}:1: expected `table,key`");
        };
        let key = key
            .split(';')
            .map(|part| match part.split_once('=') {
                Some((dim, "Total")) => Ok((dim.to_string(), None)),
                Some((dim, code)) => Ok((dim.to_string(), Some(code.to_string()))),
                None => bail!(
                    "{place}:{}: expected `dim=code`, found `{}`",
                    table.len() + 2,
                    shorten(part, 60)
                ),
            })
            .collect::<Result<Vec<_>>>()?;
        cells.push(PatternCell {
            table: table.to_string(),
            key,
            place,
        });
    }
    Ok(cells)
}

/// One suppressed cell of a pattern given to `safestat audit --check-pattern`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternCell {
    pub table: String,
    pub key: Vec<(String, Option<String>)>,
    /// Where it was read, for messages (`file:line`).
    pub place: String,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            k: 11,
            zeros: ZeroPolicy::Publish,
            suppressed_text: "not published".to_string(),
            other_label: "Other".to_string(),
            unknown_label: "Unknown".to_string(),
            data_date: None,
            audit: AuditOptions::default(),
        }
    }
}

/// Whether `url` can serve as `base_url`: an absolute `http://` or `https://` URL.
pub fn is_absolute_http_url(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

impl Config {
    /// The site's title in the language `code`: its `[languages.<code>] title`, else the default
    /// language's (`title`).
    pub fn title_in(&self, code: &str) -> &str {
        self.languages
            .get(code)
            .and_then(|l| l.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// Reads and validates `config.toml` at `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let text = source_text(path, bytes)?;
        Config::parse(&text, path)
    }

    /// Parses the text of a `config.toml`; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| anyhow::Error::new(toml_error(path, text, &e)))?;
        config.validate(path, text)?;
        Ok(config)
    }

    /// Checks the values that parsed but are not allowed; each error points at the value in `text`.
    fn validate(&self, path: &Path, text: &str) -> Result<()> {
        let fail = |keys: &[&str], message: String| -> Result<()> {
            Err(anyhow::Error::new(LocatedError::new(
                path,
                toml_value_position(text, keys),
                message,
            )))
        };
        if self.privacy.k < 2 {
            return fail(
                &["privacy", "k"],
                format!(
                    "[privacy] k = {} is not allowed: k must be at least 2 (11 is the usual choice)",
                    self.privacy.k
                ),
            );
        }
        if !is_absolute_http_url(&self.base_url) {
            return fail(
                &["base_url"],
                format!(
                    "base_url = {:?} must be an absolute http:// or https:// URL",
                    shorten(&self.base_url, 60)
                ),
            );
        }
        let mut names = std::collections::BTreeSet::new();
        for (i, taxonomy) in self.taxonomies.iter().enumerate() {
            let index = i.to_string();
            let key = |field: &'static str| ["taxonomies", index.as_str(), field];
            let valid = !taxonomy.name.is_empty()
                && taxonomy
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !valid {
                return fail(
                    &key("name"),
                    format!(
                        "taxonomy name {:?} must be lowercase letters, digits, - or _",
                        shorten(&taxonomy.name, 60)
                    ),
                );
            }
            if !names.insert(taxonomy.name.as_str()) {
                return fail(
                    &key("name"),
                    format!("taxonomy {:?} is declared twice", taxonomy.name),
                );
            }
            if taxonomy.paginate_by == Some(0) {
                return fail(
                    &key("paginate_by"),
                    format!(
                        "taxonomy {:?}: paginate_by must be at least 1",
                        taxonomy.name
                    ),
                );
            }
        }
        if !is_language_code(&self.default_language) {
            return fail(
                &["default_language"],
                format!(
                    "default_language = {:?} is not a language code (like \"en\", \"ar\" or \"pt-BR\")",
                    shorten(&self.default_language, 60)
                ),
            );
        }
        // A `[languages.xx]` header gives its table no span of its own: point at the header.
        let language_fail = |code: &str, message: String| -> Result<()> {
            let header = text
                .lines()
                .position(|line| {
                    let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
                    line.starts_with(&format!("[languages.{code}]"))
                        || line.starts_with(&format!("[languages.\"{code}\"]"))
                })
                .map(|i| crate::diagnostic::Position {
                    line: i + 1,
                    column: 1,
                });
            let position = toml_value_position(text, &["languages", code])
                .or(header)
                .or_else(|| toml_value_position(text, &["languages"]));
            Err(anyhow::Error::new(LocatedError::new(
                path, position, message,
            )))
        };
        for code in self.languages.keys() {
            if !is_language_code(code) {
                return language_fail(
                    code,
                    format!(
                        "[languages.{}]: {:?} is not a language code (like \"ar\", \"fr\" or \"pt-BR\")",
                        shorten(code, 60),
                        shorten(code, 60)
                    ),
                );
            }
            if *code == self.default_language {
                return language_fail(
                    code,
                    format!(
                        "[languages.{code}] is the default language: its title, description and menu are the top-level ones"
                    ),
                );
            }
        }
        for (i, figure) in self.key_figures.iter().enumerate() {
            for code in figure.labels.keys() {
                if !self.languages.contains_key(code) {
                    let index = i.to_string();
                    // Inline tables do not always give their values a span: the nearest that has one.
                    let position = [
                        &["key_figures", &index, "labels", code][..],
                        &["key_figures", &index, "labels"],
                        &["key_figures", &index],
                        &["key_figures"],
                    ]
                    .into_iter()
                    .find_map(|keys| toml_value_position(text, keys));
                    return Err(anyhow::Error::new(LocatedError::new(
                        path,
                        position,
                        format!(
                            "[[key_figures]] {:?}: labels.{code} names a language the site does not have (add [languages.{code}])",
                            shorten(&figure.label, 60)
                        ),
                    )));
                }
            }
        }
        if self.feed_limit == 0 {
            return fail(&["feed_limit"], "feed_limit must be at least 1".to_string());
        }
        Ok(())
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url_slash(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_key_names_key_line_and_column() {
        let err = Config::parse(
            "title = \"x\"\n[privacy]\nkk = 5\n",
            Path::new("config.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("config.toml:3:1"), "{err}");
        assert!(err.contains("kk"), "{err}");
    }

    #[test]
    fn k_below_two_is_rejected() {
        let err = Config::parse("[privacy]\nk = 1\n", Path::new("config.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("at least 2"), "{err}");
    }

    #[test]
    fn defaults() {
        let c = Config::parse("", Path::new("config.toml")).unwrap();
        assert_eq!(c.privacy.k, 11);
        assert_eq!(c.privacy.zeros, ZeroPolicy::Publish);
    }
}
