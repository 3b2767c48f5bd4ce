//! Rendering: the Tera engine (parsed once, default theme embedded, site overrides by name), the
//! template functions, and the plan of every file the site consists of, rendered in parallel.
//!
//! Owns: what is written where — pages, paginated sections, taxonomy pages, Atom feeds, the sitemap,
//! `robots.txt`, `404.html`, alias redirects, copies of `static/` and content assets — and the
//! check that no two sources claim the same output path.
//!
//! Never does: read case data. Statistics arrive only as [`ProtectedTable`]s.
//!
//! # Template context
//!
//! Every template: `lang`, `lang_name` (the language's name in itself), `dir` (`ltr` or `rtl`),
//! `config` (title and description in the page's language, base_url, default_language, author,
//! organisation, licence, data_licence, extra, taxonomies (list of name, label, permalink)),
//! `base_url` (the site's root), `home_url` (the language's root: `base_url` or `base_url` + `ar/`),
//! `languages` (every language of the site: lang, name, dir, is_default, permalink of its home),
//! `translations` (this page in every language it is published in, itself included: lang, name,
//! dir, is_default, permalink; empty for files without translations such as term pages),
//! `menu` (list of name, url), `feed_url` (the language's Atom feed, or null), `build_year`,
//! `current_url`, `current_path`, `statistics_url` (the `statistics/` section's permalink, or null),
//! `methodology_url` (the permalink of the page rendered with `methodology.html`, or null),
//! `search_url` (the language's search page, or null unless `[search] enabled = true`).
//!
//! Each language is rendered like a site of its own under its prefix (`/ar/`): its pages,
//! sections, taxonomies, feeds and statistics pages; the sitemap, `robots.txt`, `404.html`,
//! `style.css`, `static/` and the downloads exist once, at the root.
//!
//! - A page summary (list items, `paginator.pages`, `section.pages`, `latest_news`): title,
//!   description, date, updated (`2024-05-02` or RFC 3339), permalink, path, slug, summary (HTML
//!   above `<!-- more -->`, or null), location, taxonomies (map of name to terms), reading_time,
//!   word_count, authors, extra.
//! - `page.html` (or the section's `page_template`): `page` = summary + content, toc
//!   (list of level, id, title, permalink, children), contacts (list of name, office, phone, tel, email), terms
//!   (per taxonomy: name, label, and terms with name and permalink), lower/higher {title, permalink}, section {title,
//!   permalink}, assets, relative_path.
//! - `index.html` (root) and `section.html`: `section` {title, description, permalink, path,
//!   content, toc, extra, subsections (list of title, description, permalink, page_count), page_count,
//!   relative_path, feed_url, pages}; `paginator` {paginate_by, current_index, number_pagers,
//!   total_pages, first, last, previous, next, pages} when the section paginates (then
//!   `section.pages` is empty). Every section also gets `statistics_tables` (list of id, title,
//!   description, filter, permalink, downloads {csv, xlsx, json, datapackage}); the embedded
//!   `statistics.html` section template lists them. The root also gets `latest_news` (5 summaries)
//!   and `key_figures` (list of id, title, value, display, permalink) — the `[[key_figures]]` of
//!   `config.toml`, or each protected table's grand total when none are configured — inside
//!   `{% block key_figures %}`, which a site's `index.html` can override.
//! - `statistics_table.html` (one page per protected table, at `/statistics/<table-id>/`): `table` =
//!   a `statistics_tables` item plus chart (inline SVG or null), table_html, element_id (the
//!   table's HTML id, which the chart's `aria-describedby` names), data_date, has_suppressed,
//!   citation, privacy {k, suppressed_text, other_label, unknown_label}.
//! - `methodology.html` (a page's `template`): the page values plus `methodology` (HTML: the privacy
//!   settings in plain language, from `publish::methodology_markdown`) and `statistics_tables`.
//! - `search.html` (at `/search/` in each language): `search` {index (whether the index was
//!   built: false in the preview), bundle_path (the URL path of Pagefind's files, `/pagefind/`),
//!   base_path (the URL path of `base_url`), browse (the home section's subsections: title,
//!   permalink), sitemap_url}.
//! - `taxonomy_list.html`: `taxonomy` {name, label, permalink}, `terms` (list of name, slug, permalink,
//!   page_count). `taxonomy_single.html`: `taxonomy`, `term` {name, slug, permalink, page_count,
//!   feed_url, pages} and `paginator`.
//! - `atom.xml`: `feed` {title, url, alternate, updated, author, entries (list of title,
//!   permalink, published, updated, description, content, authors)}. `sitemap.xml`: `entries` (list of
//!   permalink, lastmod). `alias.html`: `target`. `robots.txt`, `404.html`, `style.css`: the common values.
//!
//! Functions: `get_url(path)` (also `@/page.md#anchor`, `@/page.ar.md`), `get_taxonomy_url(kind,
//! name, lang)` (`lang` defaults to the default language),
//! `get_table(id)` (a protected table as JSON; an unknown id is a build error), `get_tables()`, and
//! the figures of [`figures`] under the names of the Markdown shortcodes ([`shortcodes`]):
//! `stat(table=…, <dim>=…)`, `percent(table=…, <dim>=…, of=…, decimals=…)`, `chart(id=…)`,
//! `table(id=…)` (HTML: print them with `| safe`).

mod context;
pub mod figures;
pub mod i18n;
mod jobs;
pub(crate) use jobs::edition_date;
mod plan;
pub mod shortcodes;
mod statistics;
mod theme;
pub mod translate;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Result};
use serde_json::{Map, Value};
use tera::Tera;

use crate::config::{Config, PrivacyConfig};
use crate::content::shortcode::Args;
use crate::content::Library;
use crate::data::labels::LabelTranslations;
use crate::language::{language_file, Language};
use crate::output::Sink;
use crate::privacy::records::RecordRelease;
use crate::privacy::ProtectedTable;
use fluent_bundle::{FluentArgs, FluentValue};
use i18n::{Locale, Translations};

pub use context::group_thousands;
use figures::Figures;
use jobs::render_site;
pub use theme::ThemeCache;

/// The parsed templates and where each came from.
pub struct Engine {
    tera: Tera,
    origins: theme::Origins,
}

impl Engine {
    /// Loads and parses the theme and overrides, and registers the template functions.
    pub fn new(
        root: &Path,
        base_url: &str,
        libraries: &[Library],
        tables: &[ProtectedTable],
        figures: &BTreeMap<String, Arc<Figures>>,
        translations: &Arc<Translations>,
        theme_cache: Option<&ThemeCache>,
    ) -> Result<Engine> {
        let (mut tera, origins) = theme::load(root, theme_cache)?;
        let mut links: BTreeMap<String, String> = BTreeMap::new();
        for library in libraries {
            let language = &library.language;
            for s in &library.sections {
                links.insert(language_file(&s.relative, language), s.permalink.clone());
            }
            for p in &library.pages {
                links.insert(language_file(&p.relative, language), p.permalink.clone());
            }
        }
        let base = base_url.to_string();
        tera.register_function(
            "get_url",
            move |args: &HashMap<String, Value>| -> tera::Result<Value> {
                let path = string_arg(args, "get_url", "path")?;
                if let Some(target) = path.strip_prefix("@/") {
                    let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                    let Some(url) = links.get(file) else {
                        return Err(format!("get_url: there is no page content/{file}").into());
                    };
                    let anchor = if anchor.is_empty() {
                        String::new()
                    } else {
                        format!("#{anchor}")
                    };
                    return Ok(Value::String(format!("{url}{anchor}")));
                }
                Ok(Value::String(context::absolute(&base, &path)))
            },
        );
        // (language, taxonomy, term name or slug) → the term page's permalink.
        let mut terms: BTreeMap<(String, String, String), String> = BTreeMap::new();
        for library in libraries {
            let language_base = library.language.base_url(base_url);
            let code = &library.language.code;
            for taxonomy in &library.taxonomies {
                let kind = &taxonomy.config.name;
                for term in &taxonomy.terms {
                    let url = crate::content::slug::permalink(
                        &language_base,
                        &context::term_path(kind, &term.slug),
                    );
                    terms.insert((code.clone(), kind.clone(), term.name.clone()), url.clone());
                    terms.insert((code.clone(), kind.clone(), term.slug.clone()), url);
                }
            }
        }
        let default_language = libraries
            .first()
            .map(|l| l.language.code.clone())
            .unwrap_or_default();
        let taxonomy_default = default_language.clone();
        tera.register_function(
            "get_taxonomy_url",
            move |args: &HashMap<String, Value>| -> tera::Result<Value> {
                let kind = string_arg(args, "get_taxonomy_url", "kind")?;
                let name = string_arg(args, "get_taxonomy_url", "name")?;
                let lang = match args.get("lang") {
                    Some(_) => string_arg(args, "get_taxonomy_url", "lang")?,
                    None => taxonomy_default.clone(),
                };
                let slug = crate::content::slug::slugify(&name);
                terms
                    .get(&(lang.clone(), kind.clone(), name.clone()))
                    .or_else(|| terms.get(&(lang.clone(), kind.clone(), slug)))
                    .map(|u| Value::String(u.clone()))
                    .ok_or_else(|| {
                        format!("get_taxonomy_url: no {kind} term {name:?} in language {lang}")
                            .into()
                    })
            },
        );
        let table_values: Arc<BTreeMap<String, Value>> = Arc::new(
            tables
                .iter()
                .map(|t| {
                    (
                        t.id.clone(),
                        serde_json::to_value(t).expect("tables serialise"),
                    )
                })
                .collect(),
        );
        let by_id = Arc::clone(&table_values);
        tera.register_function(
            "get_table",
            move |args: &HashMap<String, Value>| -> tera::Result<Value> {
                let id = string_arg(args, "get_table", "id")?;
                by_id.get(&id).cloned().ok_or_else(|| {
                    let known: Vec<&str> = by_id.keys().map(String::as_str).collect();
                    format!(
                        "get_table: no protected table `{id}` (tables: {})",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    )
                    .into()
                })
            },
        );
        tera.register_function(
            "get_tables",
            move |_: &HashMap<String, Value>| -> tera::Result<Value> {
                Ok(Value::Array(table_values.values().cloned().collect()))
            },
        );
        let t = Arc::clone(translations);
        let default = default_language.clone();
        tera.register_function(
            "trans",
            move |args: &HashMap<String, Value>| -> tera::Result<Value> {
                let key = string_arg(args, "trans", "key")?;
                let locale = t.get(&lang_arg(args, "trans", &default)?);
                let mut fluent = FluentArgs::new();
                let mut names: Vec<&String> = args
                    .keys()
                    .filter(|k| *k != "key" && *k != "lang")
                    .collect();
                names.sort();
                for name in names {
                    let text = match &args[name] {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => match n.as_u64() {
                            Some(n) => locale.count(n),
                            None => n.to_string(),
                        },
                        other => other.to_string(),
                    };
                    fluent.set(name.clone(), FluentValue::from(text));
                }
                locale
                    .message(&key, Some(&fluent))
                    .map(Value::String)
                    .map_err(tera::Error::msg)
            },
        );
        let t = Arc::clone(translations);
        let default = default_language.clone();
        tera.register_filter(
            "local_date",
            move |value: &Value, args: &HashMap<String, Value>| -> tera::Result<Value> {
                let locale = t.get(&lang_arg(args, "local_date", &default)?);
                match value {
                    Value::String(date) => locale
                        .date(date)
                        .map(Value::String)
                        .map_err(tera::Error::msg),
                    other => Err(format!("local_date: {other} is not a date").into()),
                }
            },
        );
        let t = Arc::clone(translations);
        let default = default_language.clone();
        tera.register_filter(
            "local_number",
            move |value: &Value, args: &HashMap<String, Value>| -> tera::Result<Value> {
                let locale = t.get(&lang_arg(args, "local_number", &default)?);
                match value.as_u64() {
                    Some(n) => Ok(Value::String(locale.count(n))),
                    None => Err(format!("local_number: {value} is not a count").into()),
                }
            },
        );
        let figures = Arc::new(figures.clone());
        type Figure = fn(&Figures, &Args) -> Result<String, String>;
        let functions: [(&str, Figure); 4] = [
            ("stat", Figures::stat),
            ("percent", Figures::percent),
            ("chart", |f, args| f.chart(args, None)),
            ("table", |f, args| f.table_embed(args, None)),
        ];
        for (name, function) in functions {
            let figures = Arc::clone(&figures);
            let default = default_language.clone();
            tera.register_function(
                name,
                move |args: &HashMap<String, Value>| -> tera::Result<Value> {
                    let lang = lang_arg(args, name, &default)?;
                    let figures = figures
                        .get(&lang)
                        .ok_or_else(|| format!("{name}: the site has no language `{lang}`"))?;
                    let args: Args = args
                        .iter()
                        .filter(|(k, _)| *k != "lang")
                        .map(|(k, v)| {
                            let text = match v {
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            };
                            (k.clone(), text)
                        })
                        .collect();
                    function(figures, &args)
                        .map(Value::String)
                        .map_err(tera::Error::msg)
                },
            );
        }
        Ok(Engine { tera, origins })
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Renders `name` with `context`; errors name the template's file.
    pub fn render(&self, name: &str, context: Map<String, Value>) -> Result<String> {
        let context = tera::Context::from_value(Value::Object(context))
            .expect("a JSON object is a valid context");
        self.tera.render(name, &context).map_err(|e| {
            let origin = self.origins.get(name).map_or(name, String::as_str);
            anyhow::anyhow!("{}", theme::located(origin, &e))
        })
    }
}

/// The `lang` argument of a template function, or the default language.
fn lang_arg(args: &HashMap<String, Value>, function: &str, default: &str) -> tera::Result<String> {
    match args.get("lang") {
        Some(_) => string_arg(args, function, "lang"),
        None => Ok(default.to_string()),
    }
}

fn string_arg(args: &HashMap<String, Value>, function: &str, name: &str) -> tera::Result<String> {
    match args.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!("{function}: `{name}` must be a string, not {other}").into()),
        None => Err(format!("{function}: missing argument `{name}`").into()),
    }
}

/// Fails when `name` is not a template, naming the content file that asked for it.
fn require_template(engine: &Engine, name: &str, asked_by: &Path) -> Result<()> {
    if !engine.has(name) {
        bail!(
            "{}: template {name:?} does not exist (not in templates/ nor in the default theme)",
            asked_by.display()
        );
    }
    Ok(())
}

/// A file made by another stage (e.g. a protected table's CSV download), written as it is.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    /// Output path relative to the site root, e.g. `data/victims-by-year.csv`.
    pub path: String,
    /// Who made it, for error messages (e.g. `download of table victims-by-year`).
    pub source: String,
    pub bytes: Vec<u8>,
}

/// Everything a build renders from.
pub struct SiteInput<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    /// `base_url` with one trailing slash.
    pub base_url: &'a str,
    /// One library per language, the default language first.
    pub libraries: &'a [Library],
    pub tables: &'a [ProtectedTable],
    /// The k-anonymous record-level releases (their files are among `generated`): described on
    /// the methodology page and listed in the statistics section.
    pub releases: &'a [RecordRelease],
    /// Files from other stages; their paths are checked like every other output path.
    pub generated: &'a [GeneratedFile],
    /// The theme's words in every language.
    pub translations: &'a Arc<Translations>,
    /// The labels of the tables in other languages.
    pub labels: &'a LabelTranslations,
    /// The templates parsed by an earlier build (the preview's), reused while their sources are
    /// unchanged.
    pub theme_cache: Option<&'a ThemeCache>,
    /// Whether the search index is built with this site (not in the preview): the search page
    /// then loads it, else it says that search works in the built site.
    pub search_index: bool,
}

/// The URL path of each language's search page, under the language's prefix.
pub const SEARCH_PATH: &str = "search/";

/// The privacy settings as printed in `language`: its words for a suppressed cell (in the
/// default language, the configured `suppressed_text`).
pub fn privacy_in(privacy: &PrivacyConfig, language: &Language, locale: &Locale) -> PrivacyConfig {
    let mut privacy = privacy.clone();
    if !language.is_default {
        privacy.suppressed_text = locale.text("not-published");
        privacy.other_label = locale.text("category-other");
        privacy.unknown_label = locale.text("category-unknown");
    }
    privacy
}

/// The figures of the build in each language, by language code.
pub fn figures_by_language(
    tables: &[ProtectedTable],
    labels: &LabelTranslations,
    config: &Config,
    base_url: &str,
    languages: &[Language],
    translations: &Translations,
) -> BTreeMap<String, Arc<Figures>> {
    languages
        .iter()
        .map(|language| {
            let locale = Arc::clone(translations.get_shared(&language.code));
            let privacy = privacy_in(&config.privacy, language, &locale);
            let (tables, _) =
                translate::tables_in(tables, labels, language, &locale, &config.privacy);
            let figures =
                Figures::new(&tables, &privacy, &language.base_url(base_url)).with_locale(locale);
            (language.code.clone(), Arc::new(figures))
        })
        .collect()
}

/// Renders into `sink`: everything, or nothing with an error listing every problem.
pub fn render(input: &SiteInput, sink: &dyn Sink) -> Result<()> {
    let languages: Vec<Language> = input.libraries.iter().map(|l| l.language.clone()).collect();
    let figures = figures_by_language(
        input.tables,
        input.labels,
        input.config,
        input.base_url,
        &languages,
        input.translations,
    );
    let engine = Engine::new(
        input.root,
        input.base_url,
        input.libraries,
        input.tables,
        &figures,
        input.translations,
        input.theme_cache,
    )?;
    render_site(&engine, input, sink)
}
