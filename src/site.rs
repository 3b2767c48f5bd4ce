//! The one place that wires the stages together:
//! config → data → privacy → (content, render) → output.
//! A site without `data/` has no protected tables; its pages still build. A site with tables also
//! gets their downloads (`data/<id>.csv`, `data/<id>.json`, `data/datapackage.json`), made by
//! `publish` from the protected tables — nothing under `data/` is ever copied.
//!
//! Owns: the order of the stages and the options of a build. Never does: the work of any stage.

mod cache;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Result};

use crate::config::{is_absolute_http_url, Config};
use crate::output::{Discard, Sink, Staging};
use crate::privacy::Protection;
use crate::{content, data, privacy, publish, render, search};

pub use cache::BuildCache;

/// Options of `safestat build` and `safestat check`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root folder (holding `config.toml`).
    pub root: PathBuf,
    /// Where to write; `<root>/public` when `None`.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Build draft pages too.
    pub drafts: bool,
    /// What an earlier build of the same site (the preview's) made and this one may reuse where
    /// its inputs are unchanged: the protected tables and the downloads (see [`BuildCache`]).
    pub cache: Option<Arc<BuildCache>>,
    /// Leave the search index out (the preview, whose rebuilds must stay fast): the search
    /// pages then say that search works in the built site.
    pub skip_search_index: bool,
    /// How many pages one part of the search index takes at most (see
    /// [`search::PART_PAGES`], the default): tests set it low to cover a site indexed in parts.
    pub search_part_pages: Option<usize>,
}

/// Loads `config.toml` under `root`.
pub fn load_config(root: &Path) -> Result<Config> {
    Config::load(&root.join("config.toml"))
}

/// Reads `data/` and protects every declared table together.
pub fn protect_data(root: &Path, config: &Config) -> Result<Protection> {
    let input = data::load(&root.join("data"), config)?;
    privacy::protect(&input, &config.privacy)
}

/// What `safestat audit` was asked for.
#[derive(Debug, Clone, Default)]
pub struct AuditRequest {
    /// Also write the report as JSON there (never under the site's published folders).
    pub json: Option<PathBuf>,
    /// Also bound each small cell's maximum as an integer program.
    pub integer: bool,
    /// Audit the pattern in this CSV instead of choosing one.
    pub check_pattern: Option<PathBuf>,
}

/// `safestat audit`: protects the site's data as a build would and returns the audit report.
pub fn audit(root: &Path, request: &AuditRequest) -> Result<privacy::AuditReport> {
    let mut config = load_config(root)?;
    config.privacy.audit.integer = request.integer;
    if let Some(path) = &request.check_pattern {
        config.privacy.audit.pattern = Some(crate::config::read_pattern(path)?);
    }
    let protection = protect_data(root, &config)?;
    if let Some(path) = &request.json {
        protection.report.write_json(path, root, None)?;
    }
    Ok(protection.report)
}

/// Builds the site into the output folder, replacing it only when the whole build succeeded.
pub fn build(options: &BuildOptions) -> Result<()> {
    let output = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    refuse_to_replace_sources(&options.root, &output)?;
    let staging = Staging::new(&output)?;
    run(options, &staging, Check::Build)?;
    staging.commit()
}

/// The output folder is replaced wholesale, so it must not be (or hold) the site's own sources.
fn refuse_to_replace_sources(root: &Path, output: &Path) -> Result<()> {
    let absolute = |p: &Path| -> Result<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()?.join(p)
        };
        let mut normal = PathBuf::new();
        for part in p.components() {
            match part {
                std::path::Component::ParentDir => {
                    normal.pop();
                }
                std::path::Component::CurDir => {}
                other => normal.push(other),
            }
        }
        Ok(normal)
    };
    let root = absolute(root)?;
    let output = absolute(output)?;
    let sources = ["content", "static", "templates", "data"].map(|d| root.join(d));
    if root.starts_with(&output) || sources.iter().any(|s| output.starts_with(s)) {
        bail!(
            "refusing to build into {}: it would replace the site's own files (choose a folder like {})",
            output.display(),
            root.join("public").display()
        );
    }
    Ok(())
}

/// Does everything `build` does except writing and building the search index, and returns what may be a mistake without
/// being an error (e.g. a page without a translation), one warning per line.
pub fn check(options: &BuildOptions) -> Result<Vec<String>> {
    run(options, &Discard, Check::Only)
}

/// Whether a run writes the site or only checks it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Render and write everything, the search index too.
    Build,
    /// Render everything and write nothing: the search index is checked for clashes with the
    /// site's files but not built (it reads only what the pages show, and takes longer than
    /// the rest of a large site).
    Only,
}

/// config → data → privacy → content → render, into `sink`; returns the warnings.
fn run(options: &BuildOptions, sink: &dyn Sink, check: Check) -> Result<Vec<String>> {
    let root = &options.root;
    let mut config = load_config(root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    if !is_absolute_http_url(&config.base_url) {
        bail!(
            "base_url {:?} must be an absolute http:// or https:// URL",
            config.base_url
        );
    }
    let base_url = config.base_url_slash();
    let languages = crate::language::languages(&config);
    let other_codes: std::collections::BTreeSet<&str> = languages
        .iter()
        .filter(|l| !l.is_default)
        .map(|l| l.code.as_str())
        .collect();
    let labels = data::labels::load(&root.join("data"), &other_codes)?;
    // The protection, and its key when it came through the cache.
    let (tables, releases, protection_key) = if root.join("data").is_dir() {
        let (key, protection) = match &options.cache {
            Some(cache) => {
                let (key, protection) = cache.protect(root, &config)?;
                (Some(key), protection)
            }
            None => (None, Arc::new(protect_data(root, &config)?)),
        };
        (protection.tables.clone(), protection.releases.clone(), key)
    } else {
        (Vec::new(), Vec::new(), None)
    };
    let translations = Arc::new(render::i18n::Translations::load(root, &languages)?);
    let drafts = options.drafts || config.build_drafts;
    let mut figures = render::figures_by_language(
        &tables,
        &labels,
        &config,
        &base_url,
        &languages,
        &translations,
    );
    let default = figures
        .remove(&config.default_language)
        .expect("the default language has figures");
    let mut shortcodes = render::shortcodes::Registry::new(default);
    for (code, figures) in figures {
        shortcodes.add_language(&code, render::shortcodes::Registry::new(figures));
    }
    let content = content::load(root, &config, &base_url, drafts, &shortcodes)?;
    let edition = render::edition_date(&content.libraries[0])?.map(edition_date);
    // The downloads (dated by the edition: the default language's newest page), and in each
    // other language the same tables labelled in that language under /<code>/data/ (the
    // record-level release is published once).
    let mut generated = Vec::new();
    let mut label_warnings = Vec::new();
    if !tables.is_empty() || !releases.is_empty() {
        for language in &languages {
            let locale = translations.get(&language.code);
            let (translated, warnings) =
                render::translate::tables_in(&tables, &labels, language, locale, &config.privacy);
            label_warnings.extend(warnings);
            let mut language_config = config.clone();
            language_config.privacy = render::privacy_in(&config.privacy, language, locale);
            let language_releases = if language.is_default {
                &releases[..]
            } else {
                &[]
            };
            let files = match (&options.cache, protection_key) {
                (Some(cache), Some(protection)) => cache.downloads(&cache::DownloadInput {
                    protection,
                    prefix: &language.prefix,
                    tables: &translated,
                    releases: language_releases,
                    config: &language_config,
                    edition,
                    root,
                    wording: locale,
                })?,
                _ => Arc::new(publish::downloads(
                    &translated,
                    language_releases,
                    &language_config,
                    edition,
                    locale,
                )?),
            };
            generated.extend(files.iter().map(|d| {
                let path = format!("{}{}", language.prefix, d.path);
                render::GeneratedFile {
                    source: format!("download {path}"),
                    path,
                    bytes: d.bytes.clone(),
                }
            }));
        }
    }
    let input = render::SiteInput {
        root,
        config: &config,
        base_url: &base_url,
        libraries: &content.libraries,
        tables: &tables,
        releases: &releases,
        generated: &generated,
        translations: &translations,
        labels: &labels,
        theme_cache: options.cache.as_deref().map(BuildCache::theme),
        search_index: config.search.enabled && !options.skip_search_index,
    };
    if input.search_index {
        let part_pages = options.search_part_pages.unwrap_or(search::PART_PAGES);
        let indexer = search::Indexer::new(sink, check == Check::Build, part_pages);
        render::render(&input, &indexer)?;
        indexer.finish()?;
    } else {
        render::render(&input, sink)?;
    }
    let mut warnings = content.warnings;
    warnings.extend(label_warnings);
    warnings.extend(translations.warnings.iter().cloned());
    Ok(warnings)
}

/// The edition's date and time as the spreadsheets write it.
fn edition_date(at: chrono::NaiveDateTime) -> publish::EditionDate {
    use chrono::{Datelike, Timelike};
    publish::EditionDate {
        year: u16::try_from(at.year()).unwrap_or(0),
        month: at.month() as u8,
        day: at.day() as u8,
        hour: at.hour() as u8,
        minute: at.minute() as u8,
        second: at.second() as u8,
    }
}
