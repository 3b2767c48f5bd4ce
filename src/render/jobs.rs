//! Rendering the plan: each output file's context and template, all in parallel, into a sink.
//!
//! Never does: decide which files exist (that is the plan) or read content.

use anyhow::{Context, Result};
use chrono::Datelike;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::context::{self, term_path};
use super::figures::{statistics_path, STATISTICS_DIR};
use super::plan::{duplicates, make_plan, pager_count, pager_path, Feed, Job, Planned};
use super::statistics;
use super::{require_template, Engine, SiteInput};
use crate::config::Config;
use crate::content::slug::permalink;
use crate::content::Library;
use crate::output::Sink;
use crate::privacy::ProtectedTable;
use std::collections::BTreeMap;

/// What every job of one language reads: the inputs and the values computed once for all its
/// jobs.
struct Site<'a> {
    engine: &'a Engine,
    config: &'a Config,
    /// The language's root URL (`base_url`, or `base_url` + `ar/`).
    base_url: String,
    library: &'a Library,
    /// The protected tables, labelled in this language.
    tables: Vec<ProtectedTable>,
    globals: Map<String, Value>,
    summaries: Vec<Value>,
    build_year: Option<i32>,
    /// Every table as listed (`statistics_tables` in section templates).
    statistics_tables: Value,
    key_figures: Value,
    /// The privacy settings in words, for `methodology.html`.
    methodology: String,
    fallback_time: String,
    sitemap: Vec<Value>,
    /// Every translation key's versions (see [`translations`]).
    translations: &'a BTreeMap<String, Value>,
    /// The privacy settings as printed in this language.
    privacy: crate::config::PrivacyConfig,
    locale: std::sync::Arc<super::i18n::Locale>,
    /// Whether the search index is built with the site (see [`SiteInput::search_index`]).
    search_index: bool,
}

/// Renders the whole site into `sink`, every language, or fails listing every problem (a
/// staging sink is then thrown away by its owner, so nothing is published).
pub fn render_site(engine: &Engine, input: &SiteInput, sink: &dyn Sink) -> Result<()> {
    let SiteInput {
        config,
        base_url,
        libraries,
        tables,
        releases,
        ..
    } = *input;
    let mut outputs: Vec<Planned> = Vec::new();
    for language in 0..libraries.len() {
        outputs.extend(make_plan(input, language)?.outputs);
    }
    let mut errors = duplicates(&outputs);
    for library in libraries {
        for page in &library.pages {
            let name = page_template(library, page.section, page.template.as_deref());
            if let Err(e) = require_template(engine, &name, &page.file) {
                errors.push(e.to_string());
            }
        }
        for section in &library.sections {
            if let Some(name) = &section.template {
                if let Err(e) = require_template(engine, name, &section.file) {
                    errors.push(e.to_string());
                }
            }
        }
    }
    if !errors.is_empty() {
        anyhow::bail!(
            "{} problem(s) in the site:\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }
    let source_date = source_date_epoch()?;
    // The edition's year, as the downloads date it (the default language's newest page).
    let build_year = edition_date(&libraries[0])?.map(|d| d.year());
    let languages: Vec<crate::language::Language> =
        libraries.iter().map(|l| l.language.clone()).collect();
    let figures = super::figures_by_language(
        tables,
        input.labels,
        config,
        base_url,
        &languages,
        input.translations,
    );
    let translations = translations(&outputs, libraries);
    let sitemap = sitemap(&outputs, &translations);
    let sites: Vec<Site> = libraries
        .iter()
        .map(|library| {
            let language_base = library.language.base_url(base_url);
            let locale =
                std::sync::Arc::clone(input.translations.get_shared(&library.language.code));
            let privacy = super::privacy_in(&config.privacy, &library.language, &locale);
            let (tables, _) = super::translate::tables_in(
                tables,
                input.labels,
                &library.language,
                &locale,
                &config.privacy,
            );
            let summaries: Vec<Value> = library.pages.par_iter().map(context::summary).collect();
            let mut globals =
                context::globals(config, base_url, build_year, library, libraries, &locale);
            globals.insert(
                "methodology_url".into(),
                json!(statistics::methodology_url(library)),
            );
            let statistics_url = library
                .sections
                .iter()
                .find(|s| s.path == format!("{STATISTICS_DIR}/") && s.render)
                .map(|s| s.permalink.clone());
            globals.insert("statistics_url".into(), json!(statistics_url));
            let search_url = config
                .search
                .enabled
                .then(|| permalink(&language_base, super::SEARCH_PATH));
            globals.insert("search_url".into(), json!(search_url));
            // The record-level release is published once, in the default language's data/.
            let language_releases = if library.language.is_default {
                releases
            } else {
                &[]
            };
            globals.insert(
                "statistics_records".into(),
                language_releases
                    .iter()
                    .map(|r| statistics::record_summary(r, base_url, &locale))
                    .collect(),
            );
            let methodology = statistics::methodology_html(
                &tables,
                language_releases,
                &privacy,
                &locale,
                base_url,
            );
            Ok(Site {
                engine,
                config,
                statistics_tables: tables
                    .iter()
                    .map(|t| statistics::table_summary(t, &tables, config, &locale, &language_base))
                    .collect(),
                key_figures: statistics::key_figures(
                    &tables,
                    config,
                    &figures[&library.language.code],
                    &library.language.code,
                    &locale,
                )?,
                base_url: language_base,
                library,
                tables,
                globals,
                summaries,
                build_year,
                methodology,
                fallback_time: source_date.map_or_else(
                    || "1970-01-01T00:00:00Z".to_string(),
                    |d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ),
                sitemap: sitemap.clone(),
                translations: &translations,
                privacy,
                locale,
                search_index: input.search_index,
            })
        })
        .collect::<Result<_>>()?;
    let mut failures: Vec<String> = outputs
        .par_iter()
        .filter_map(|o| {
            sites[o.language]
                .run(o, sink)
                .err()
                .map(|e| format!("{e:#}"))
        })
        .collect();
    if failures.is_empty() {
        return Ok(());
    }
    failures.sort();
    failures.dedup();
    let total = failures.len();
    failures.truncate(20);
    anyhow::bail!(
        "{total} problem(s) while rendering:\n  {}{}",
        failures.join("\n  "),
        if total > 20 { "\n  …" } else { "" }
    )
}

/// The date of this edition of the site: `SOURCE_DATE_EPOCH` (in UTC), else the newest page's
/// date as written. It gives the citation's year and the spreadsheets' dates; no clock is read.
pub(crate) fn edition_date(library: &Library) -> Result<Option<chrono::NaiveDateTime>> {
    Ok(match source_date_epoch()? {
        Some(at) => Some(at.naive_utc()),
        None => library
            .by_date
            .first()
            .and_then(|&i| library.pages[i].date)
            .map(|d| d.at.naive_local()),
    })
}

/// For each translation key, the versions of that file in every language it is published in,
/// in the site's language order: a list of lang, name, dir and permalink.
fn translations(outputs: &[Planned], libraries: &[Library]) -> BTreeMap<String, Value> {
    let mut versions: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for o in outputs {
        if let (Some(key), Some((link, _))) = (&o.key, &o.listed) {
            versions.entry(key).or_default().push((o.language, link));
        }
    }
    versions
        .into_iter()
        .map(|(key, mut list)| {
            list.sort();
            let list: Vec<Value> = list
                .into_iter()
                .map(|(l, link)| {
                    let language = &libraries[l].language;
                    json!({
                        "lang": language.code,
                        "name": language.name,
                        "dir": language.dir,
                        "is_default": language.is_default,
                        "permalink": link,
                    })
                })
                .collect();
            (key.to_string(), Value::Array(list))
        })
        .collect()
}

/// The sitemap's entries, by permalink: permalink, lastmod, and `alternates` (the entry's
/// translations, itself included) when it has any.
fn sitemap(outputs: &[Planned], translations: &BTreeMap<String, Value>) -> Vec<Value> {
    let mut entries: BTreeMap<&str, Value> = BTreeMap::new();
    for o in outputs {
        let Some((link, lastmod)) = &o.listed else {
            continue;
        };
        let alternates = o
            .key
            .as_ref()
            .and_then(|k| translations.get(k))
            .filter(|list| list.as_array().is_some_and(|l| l.len() > 1))
            .cloned()
            .unwrap_or_else(|| json!([]));
        entries.insert(
            link,
            json!({"permalink": link, "lastmod": lastmod, "alternates": alternates}),
        );
    }
    entries.into_values().collect()
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970), the one way wall-clock-like time enters a build.
fn source_date_epoch() -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            let secs: i64 = s
                .trim()
                .parse()
                .with_context(|| format!("SOURCE_DATE_EPOCH={s:?} is not a number of seconds"))?;
            let at = chrono::DateTime::from_timestamp(secs, 0)
                .with_context(|| format!("SOURCE_DATE_EPOCH={s} is out of range"))?;
            Ok(Some(at))
        }
        Err(_) => Ok(None),
    }
}

/// The template of a page: its own, else the nearest section's `page_template`, else `page.html`.
fn page_template(library: &Library, mut section: usize, own: Option<&str>) -> String {
    if let Some(t) = own {
        return t.to_string();
    }
    loop {
        let s = &library.sections[section];
        if let Some(t) = &s.page_template {
            return t.clone();
        }
        match s.parent {
            Some(p) => section = p,
            None => return "page.html".to_string(),
        }
    }
}

impl Site<'_> {
    /// The `search` value of `search.html`.
    fn search_page(&self) -> Value {
        let base_url = self.config.base_url_slash();
        let base_path = base_path(&base_url);
        let root = &self.library.sections[0];
        let browse: Vec<Value> = root
            .subsections
            .iter()
            .map(|&i| {
                let s = &self.library.sections[i];
                json!({"title": s.title, "permalink": s.permalink})
            })
            .collect();
        json!({
            "index": self.search_index,
            "bundle_path": format!("{base_path}{}", crate::search::BUNDLE_DIR),
            "base_path": base_path,
            "browse": browse,
            "sitemap_url": permalink(&base_url, "sitemap.xml"),
        })
    }

    fn context(&self, url_path: &str) -> Map<String, Value> {
        let mut map = self.globals.clone();
        map.insert(
            "current_url".into(),
            json!(permalink(&self.base_url, url_path)),
        );
        map.insert(
            "current_path".into(),
            json!(format!("/{}{url_path}", self.library.language.prefix)),
        );
        map.insert("translations".into(), json!([]));
        map
    }

    fn paginator(
        &self,
        base: &str,
        paginate_path: &str,
        items: &[usize],
        by: Option<usize>,
        k: usize,
    ) -> Value {
        let by = by.unwrap_or(items.len().max(1));
        let pagers = pager_count(items.len(), Some(by));
        let url = |k: usize| permalink(&self.base_url, &pager_path(base, paginate_path, k));
        let slice = &items[(k * by).min(items.len())..((k + 1) * by).min(items.len())];
        json!({
            "paginate_by": by,
            "current_index": k + 1,
            "number_pagers": pagers,
            "total_pages": items.len(),
            "first": url(0),
            "last": url(pagers - 1),
            "previous": if k > 0 { Some(url(k - 1)) } else { None },
            "next": if k + 1 < pagers { Some(url(k + 1)) } else { None },
            "pages": slice.iter().map(|&i| self.summaries[i].clone()).collect::<Vec<_>>(),
        })
    }

    fn run(&self, o: &Planned, sink: &dyn Sink) -> Result<()> {
        let lib = self.library;
        let (template, mut context) = match &o.job {
            Job::Copy(source) => return sink.copy(source, &o.path),
            Job::Generated(bytes) => return sink.write(&o.path, bytes),
            Job::Page(i) => {
                let page = &lib.pages[*i];
                let mut ctx = self.context(&page.path);
                ctx.insert(
                    "page".into(),
                    context::page(lib, *i, &self.summaries, &self.base_url, &self.locale),
                );
                let template = page_template(lib, page.section, page.template.as_deref());
                if template == statistics::METHODOLOGY_TEMPLATE {
                    ctx.insert("methodology".into(), json!(self.methodology));
                    ctx.insert("statistics_tables".into(), self.statistics_tables.clone());
                }
                (template, ctx)
            }
            Job::SectionPager { section, pager } => {
                let s = &lib.sections[*section];
                let url_path = pager_path(&s.path, &s.paginate_path, *pager);
                let mut ctx = self.context(&url_path);
                let feed = (s.generate_feed && lib.language.feed)
                    .then(|| format!("{}atom.xml", s.permalink));
                let mut value = context::section(lib, *section, feed);
                if s.paginate_by.is_some() {
                    ctx.insert(
                        "paginator".into(),
                        self.paginator(&s.path, &s.paginate_path, &s.pages, s.paginate_by, *pager),
                    );
                } else {
                    value["pages"] = s.pages.iter().map(|&i| self.summaries[i].clone()).collect();
                }
                ctx.insert("section".into(), value);
                ctx.insert("statistics_tables".into(), self.statistics_tables.clone());
                let default = if *section == 0 {
                    "index.html"
                } else {
                    "section.html"
                };
                if *section == 0 {
                    let latest: Vec<Value> = lib
                        .by_date
                        .iter()
                        .take(5)
                        .map(|&i| self.summaries[i].clone())
                        .collect();
                    ctx.insert("latest_news".into(), Value::Array(latest));
                    ctx.insert("key_figures".into(), self.key_figures.clone());
                }
                (
                    s.template.clone().unwrap_or_else(|| default.to_string()),
                    ctx,
                )
            }
            Job::TaxonomyList(t) => {
                let taxonomy = &lib.taxonomies[*t];
                let name = &taxonomy.config.name;
                let mut ctx = self.context(&format!("{name}/"));
                ctx.insert("taxonomy".into(), self.taxonomy_value(*t));
                let terms: Vec<Value> = taxonomy
                    .terms
                    .iter()
                    .map(|term| {
                        json!({
                            "name": term.name,
                            "slug": term.slug,
                            "permalink": permalink(&self.base_url, &term_path(name, &term.slug)),
                            "page_count": term.pages.len(),
                        })
                    })
                    .collect();
                ctx.insert("terms".into(), Value::Array(terms));
                ("taxonomy_list.html".to_string(), ctx)
            }
            Job::TermPager {
                taxonomy: t,
                term: k,
                pager,
            } => {
                let taxonomy = &lib.taxonomies[*t];
                let term = &taxonomy.terms[*k];
                let base = term_path(&taxonomy.config.name, &term.slug);
                let mut ctx = self.context(&pager_path(&base, "page", *pager));
                ctx.insert("taxonomy".into(), self.taxonomy_value(*t));
                let mut term_value = json!({
                    "name": term.name,
                    "slug": term.slug,
                    "permalink": permalink(&self.base_url, &base),
                    "page_count": term.pages.len(),
                    "feed_url": (taxonomy.config.feed && lib.language.feed).then(|| permalink(&self.base_url, &format!("{base}atom.xml"))),
                    "pages": [],
                });
                if taxonomy.config.paginate_by.is_some() {
                    ctx.insert(
                        "paginator".into(),
                        self.paginator(
                            &base,
                            "page",
                            &term.pages,
                            taxonomy.config.paginate_by,
                            *pager,
                        ),
                    );
                } else {
                    term_value["pages"] = term
                        .pages
                        .iter()
                        .map(|&i| self.summaries[i].clone())
                        .collect();
                }
                ctx.insert("term".into(), term_value);
                ("taxonomy_single.html".to_string(), ctx)
            }
            Job::Feed(feed) => ("atom.xml".to_string(), self.feed(*feed)),
            Job::Redirect(target) => {
                let mut ctx = self.context(&o.path);
                ctx.insert("target".into(), json!(target));
                ("alias.html".to_string(), ctx)
            }
            Job::Template(name) => (name.to_string(), self.context(name)),
            Job::Search => {
                let mut ctx = self.context(super::SEARCH_PATH);
                ctx.insert("search".into(), self.search_page());
                ("search.html".to_string(), ctx)
            }
            Job::StatisticsTable(t) => {
                let table = &self.tables[*t];
                let mut ctx = self.context(&statistics_path(&table.id));
                ctx.insert(
                    "table".into(),
                    statistics::table_page(
                        table,
                        &self.tables,
                        self.config,
                        &self.privacy,
                        &self.locale,
                        &self.base_url,
                        self.build_year,
                    ),
                );
                (statistics::TABLE_TEMPLATE.to_string(), ctx)
            }
            Job::Sitemap => {
                let mut ctx = self.context("sitemap.xml");
                ctx.insert("entries".into(), Value::Array(self.sitemap.clone()));
                ("sitemap.xml".to_string(), ctx)
            }
        };
        if let Some(list) = o.key.as_ref().and_then(|k| self.translations.get(k)) {
            context.insert("translations".into(), list.clone());
        }
        let html = self
            .engine
            .render(&template, context)
            .with_context(|| format!("rendering {} for {}", o.path, o.source))?;
        sink.write(&o.path, html.as_bytes())
    }

    fn taxonomy_value(&self, t: usize) -> Value {
        let name = &self.library.taxonomies[t].config.name;
        json!({
            "name": name,
            "label": context::taxonomy_label_in(name, &self.locale),
            "permalink": permalink(&self.base_url, &format!("{name}/")),
        })
    }

    fn feed(&self, feed: Feed) -> Map<String, Value> {
        let lib = self.library;
        let dated = |list: &[usize]| -> Vec<usize> {
            let mut v: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| lib.pages[i].date.is_some())
                .collect();
            v.sort_by(|&a, &b| {
                lib.pages[b]
                    .date
                    .cmp(&lib.pages[a].date)
                    .then(lib.pages[a].relative.cmp(&lib.pages[b].relative))
            });
            v
        };
        let (title, path, alternate, entries) = match feed {
            Feed::Site => (
                lib.language.title.clone(),
                "atom.xml".to_string(),
                self.base_url.to_string(),
                lib.by_date.clone(),
            ),
            Feed::Section(s) => {
                let section = &lib.sections[s];
                (
                    format!("{} — {}", section.title, lib.language.title),
                    format!("{}atom.xml", section.path),
                    section.permalink.clone(),
                    dated(&section.pages),
                )
            }
            Feed::Term(t, k) => {
                let taxonomy = &lib.taxonomies[t];
                let term = &taxonomy.terms[k];
                let base = term_path(&taxonomy.config.name, &term.slug);
                (
                    format!("{} — {}", term.name, lib.language.title),
                    format!("{base}atom.xml"),
                    permalink(&self.base_url, &base),
                    dated(&term.pages),
                )
            }
        };
        let entries: Vec<usize> = entries.into_iter().take(self.config.feed_limit).collect();
        let updated = entries
            .iter()
            .filter_map(|&i| lib.pages[i].updated.or(lib.pages[i].date))
            .max()
            .map_or_else(|| self.fallback_time.clone(), |d| d.rfc3339());
        let author = [
            &self.config.author,
            &self.config.organisation,
            &self.config.title,
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| "safestat".to_string());
        let entries: Vec<Value> = entries
            .iter()
            .map(|&i| {
                let p = &lib.pages[i];
                let published = p.date.map(|d| d.rfc3339());
                json!({
                    "title": p.title,
                    "permalink": p.permalink,
                    "published": published,
                    "updated": p.updated.map(|d| d.rfc3339()).or(published),
                    "description": p.description,
                    "content": p.content,
                    "authors": p.authors,
                })
            })
            .collect();
        let mut ctx = self.context(&path);
        ctx.insert(
            "feed".into(),
            json!({
                "title": title,
                "url": permalink(&self.base_url, &path),
                "alternate": alternate,
                "updated": updated,
                "author": author,
                "entries": entries,
            }),
        );
        ctx
    }
}

/// The path of a URL (`https://example.org/lebanon/` → `/lebanon/`): where the site's files are
/// on its host, for the scripts that fetch them.
fn base_path(base_url: &str) -> &str {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}
