//! The one place that wires the stages together:
//! config → data → privacy → (content, render) → output.
//! A site without `data/` has no protected tables; its pages still build. A site with tables also
//! gets their downloads (`data/<id>.csv`, `data/<id>.json`, `data/datapackage.json`), made by
//! `publish` from the protected tables — nothing under `data/` is ever copied.
//!
//! Owns: the order of the stages and the options of a build. Never does: the work of any stage.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Result};

use crate::config::{is_absolute_http_url, Config};
use crate::output::{Discard, Sink, Staging};
use crate::privacy::Protection;
use crate::{content, data, privacy, publish, render};

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
}

/// Loads `config.toml` under `root`.
pub fn load_config(root: &Path) -> Result<Config> {
    Config::load(&root.join("config.toml"))
}

/// Reads `data/` and protects every declared table together.
pub fn protect_data(root: &Path, config: &Config) -> Result<Protection> {
    let (input, releases) = data::load_with_releases(&root.join("data"), config)?;
    privacy::protect_with_releases(&input, &releases, &config.privacy)
}

/// `safestat audit`: protects the site's data as a build would and returns the audit report; with
/// `json`, also writes it there (never under the site's published folders).
pub fn audit(root: &Path, json: Option<&Path>) -> Result<privacy::AuditReport> {
    let config = load_config(root)?;
    let protection = protect_data(root, &config)?;
    if let Some(path) = json {
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
    run(options, &staging)?;
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

/// Does everything `build` does except writing.
pub fn check(options: &BuildOptions) -> Result<()> {
    run(options, &Discard)
}

/// config → data → privacy → content → render, into `sink`.
fn run(options: &BuildOptions, sink: &dyn Sink) -> Result<()> {
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
    let (tables, releases) = if root.join("data").is_dir() {
        let protection = protect_data(root, &config)?;
        (protection.tables, protection.releases)
    } else {
        (Vec::new(), Vec::new())
    };
    let generated = if tables.is_empty() && releases.is_empty() {
        Vec::new()
    } else {
        publish::downloads_with_records(&tables, &releases, &config)?
            .into_iter()
            .map(|d| render::GeneratedFile {
                source: format!("download {}", d.path),
                path: d.path,
                bytes: d.bytes,
            })
            .collect()
    };
    let drafts = options.drafts || config.build_drafts;
    let figures = Arc::new(render::figures::Figures::new(
        &tables,
        &config.privacy,
        &base_url,
    ));
    let shortcodes = render::shortcodes::Registry::new(figures);
    let library = content::load(root, &config, &base_url, drafts, &shortcodes)?;
    let input = render::SiteInput {
        root,
        config: &config,
        base_url: &base_url,
        library: &library,
        tables: &tables,
        generated: &generated,
    };
    render::render(&input, sink)
}
