//! The one place that wires the stages together:
//! config → data → privacy → (content, render) → output.
//!
//! Owns: the order of the stages and the options of a build. Never does: the work of any stage.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::config::Config;
use crate::privacy::Protection;
use crate::{data, privacy};

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
    let input = data::load(&root.join("data"), config)?;
    privacy::protect(&input, &config.privacy)
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
    let _ = options;
    bail!("the site engine is not built yet")
}

/// Does everything `build` does except writing.
pub fn check(options: &BuildOptions) -> Result<()> {
    let _ = options;
    bail!("the site engine is not built yet")
}
