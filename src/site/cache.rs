//! What the preview keeps from one build to the next, so that saving a page does not protect the
//! tables, make their downloads or parse the templates again.
//!
//! The rule: a kept result is reused only when everything it was made from is unchanged, compared
//! in full or through a SHA-256 of it — never by a file's time, which a copy or a checkout can
//! keep while the bytes change. A result is never patched: it is either reused whole or made
//! again by the same call a build without a cache makes, so the preview publishes what
//! `safestat build` would.
//!
//! Owns: the keys and the kept results. Never does: decide what is published.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::{Context, Result};

use crate::config::Config;
use crate::privacy::records::RecordRelease;
use crate::privacy::{ProtectedTable, Protection};
use crate::publish::{self, Download, EditionDate};
use crate::render::ThemeCache;

/// The caches of one site, kept between the preview's builds.
#[derive(Debug, Default)]
pub struct BuildCache {
    protection: ProtectionCache,
    downloads: DownloadCache,
    theme: ThemeCache,
}

impl BuildCache {
    /// The protection of the site's data, with its key (see [`ProtectionCache`]).
    pub(super) fn protect(&self, root: &Path, config: &Config) -> Result<(Key, Arc<Protection>)> {
        self.protection.protect(root, config)
    }

    /// The downloads of one language (see [`DownloadCache`]).
    pub(super) fn downloads(&self, input: &DownloadInput) -> Result<Arc<Vec<Download>>> {
        self.downloads.downloads(input)
    }

    /// The parsed templates, reused while every template's source is the same.
    pub(super) fn theme(&self) -> &ThemeCache {
        &self.theme
    }
}

/// A SHA-256.
pub(super) type Key = [u8; 32];

/// The protection of one site: reused while its key — a SHA-256 of every file under `data/`
/// (path and bytes) and of the whole configuration — is unchanged.
#[derive(Debug, Default)]
struct ProtectionCache(Mutex<Option<(Key, Arc<Protection>)>>);

impl ProtectionCache {
    fn protect(&self, root: &Path, config: &Config) -> Result<(Key, Arc<Protection>)> {
        let key = data_key(root, config)?;
        let mut slot = lock(&self.0);
        if let Some((cached, protection)) = slot.as_ref() {
            if *cached == key {
                return Ok((key, Arc::clone(protection)));
            }
        }
        let protection = Arc::new(super::protect_data(root, config)?);
        *slot = Some((key, Arc::clone(&protection)));
        Ok((key, protection))
    }
}

/// The key of [`ProtectionCache`]: everything protection reads.
fn data_key(root: &Path, config: &Config) -> Result<Key> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(serde_json::to_vec(config)?);
    hash_folder(&mut hash, &root.join("data"))?;
    Ok(hash.finalize().into())
}

/// The site's own message files (`i18n/`), which the downloads' descriptions come from beside
/// the embedded ones (fixed in the binary).
fn messages_key(root: &Path) -> Result<Key> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash_folder(&mut hash, &root.join(crate::render::i18n::SITE_DIR))?;
    Ok(hash.finalize().into())
}

/// Every file under `folder` (none if it does not exist), path and bytes, in name order.
fn hash_folder(hash: &mut sha2::Sha256, folder: &Path) -> Result<()> {
    use sha2::Digest;
    if !folder.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(folder).unwrap_or(path);
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        hash.update(relative.to_string_lossy().as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(())
}

/// Everything [`publish::downloads`] is called with for one language, and the protection the
/// tables and releases came from.
pub(super) struct DownloadInput<'a> {
    /// The key of the protection the tables were translated from and the releases belong to.
    pub protection: Key,
    /// Where the files go (`""` or `ar/`): one kept result per prefix.
    pub prefix: &'a str,
    pub tables: &'a [ProtectedTable],
    pub releases: &'a [RecordRelease],
    pub config: &'a Config,
    pub edition: Option<EditionDate>,
    /// The site's folder, whose `i18n/` the language's wording reads.
    pub root: &'a Path,
    /// The language's words and numbers.
    pub wording: &'a dyn publish::Wording,
}

/// The downloads of each language (CSV, JSON and XLSX per table, the record-level CSV and
/// `datapackage.json`): reused while the tables as translated, the releases, the whole
/// configuration as the downloads see it, the site's message files and the edition's date are
/// all unchanged.
#[derive(Debug, Default)]
struct DownloadCache(Mutex<BTreeMap<String, KeptDownloads>>);

/// One language's downloads and what they were made from.
type KeptDownloads = (DownloadKey, Arc<Vec<Download>>);

/// What a language's downloads are made from. The tables are kept whole and compared cell by
/// cell; a release is named by the protection it came from (a SHA-256 of `data/` and the
/// configuration, which fix its records) and its dataset.
#[derive(Debug, PartialEq)]
struct DownloadKey {
    protection: Key,
    tables: Vec<ProtectedTable>,
    releases: Vec<String>,
    config: Vec<u8>,
    messages: Key,
    edition: Option<EditionDate>,
}

impl DownloadCache {
    fn downloads(&self, input: &DownloadInput) -> Result<Arc<Vec<Download>>> {
        let key = DownloadKey {
            protection: input.protection,
            tables: input.tables.to_vec(),
            releases: input.releases.iter().map(|r| r.dataset.clone()).collect(),
            config: serde_json::to_vec(input.config)?,
            messages: messages_key(input.root)?,
            edition: input.edition,
        };
        if let Some((cached, files)) = lock(&self.0).get(input.prefix) {
            if *cached == key {
                return Ok(Arc::clone(files));
            }
        }
        let files = Arc::new(publish::downloads(
            input.tables,
            input.releases,
            input.config,
            input.edition,
            input.wording,
        )?);
        lock(&self.0).insert(input.prefix.to_string(), (key, Arc::clone(&files)));
        Ok(files)
    }
}

/// A poisoned cache only means a build panicked while holding it: what it holds is either a whole
/// earlier result or nothing, so the next build may use it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
