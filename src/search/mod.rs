//! The search index: [Pagefind](https://pagefind.app), embedded in safestat, indexes the pages a
//! build has just rendered, and its files are written into the same staging folder as the rest
//! of the site, under `pagefind/`, so that search needs no service and fetches nothing from
//! elsewhere.
//!
//! The rules:
//! - Only rendered pages are indexed: the HTML that `render` hands to the output, never `data/`
//!   nor the content files. The index can hold nothing that a page does not show, so the true
//!   value of a suppressed cell, which no page shows, cannot be in it.
//! - Only what a page marks with `data-pagefind-body` is indexed: the main content of pages
//!   (press releases, the methodology) and of statistics tables (title, description, category
//!   labels, figures), without what it marks `data-pagefind-ignore` (the table of contents,
//!   links to the neighbouring pages, the notes, downloads and citation every table repeats).
//!   Menus, headers, footers, the home page, lists, term pages and the search pages themselves
//!   are not. A site whose own templates replace these pages keeps the attribute on their main
//!   content to have them found.
//! - Pagefind reads each page's `<html lang>` and builds one index per language; each
//!   language's search page searches its own.
//! - Same input, same bytes: pages are indexed in the order of their paths, Pagefind's files are
//!   named by hashes of their contents, and they are written in the order of their names.
//! - A file of the site that would be written under `pagefind/` (from `static/`, a page) is an
//!   error, not overwritten.
//!
//! Owns: the index, Pagefind's files (its interface's script and styles, the WebAssembly search)
//! and `search-page.js`, which starts the interface with the search page's own words.
//!
//! Never does: decide which pages exist or what they say (that is `render`), read case data, or
//! run in the preview, whose rebuilds must stay fast (`safestat serve` builds without the index,
//! and its search page says so).

use std::path::Path;
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::output::Sink;

/// Where Pagefind's files are, under the site's root (a URL path and an output folder).
pub const BUNDLE_DIR: &str = "pagefind/";

/// Starts Pagefind's interface on the search page, in the page's words.
const SEARCH_PAGE_JS: &str = include_str!("search-page.js");

/// What marks the part of a page that is indexed.
const BODY_MARK: &str = "data-pagefind-body";

/// A sink that passes every file on to the build's own sink and keeps the pages to index;
/// [`Indexer::finish`] then writes the index beside them.
pub struct Indexer<'a> {
    inner: &'a dyn Sink,
    /// (output path, HTML) of each page with an indexed part.
    pages: Mutex<Vec<(String, String)>>,
    /// The site's own files under [`BUNDLE_DIR`], which the index would overwrite.
    clashes: Mutex<Vec<String>>,
}

impl<'a> Indexer<'a> {
    pub fn new(inner: &'a dyn Sink) -> Indexer<'a> {
        Indexer {
            inner,
            pages: Mutex::new(Vec::new()),
            clashes: Mutex::new(Vec::new()),
        }
    }

    fn claim(&self, path: &str) {
        if path.starts_with(BUNDLE_DIR) {
            lock(&self.clashes).push(path.to_string());
        }
    }

    /// Indexes the pages written so far and writes the index and Pagefind's files into the
    /// build's sink.
    pub fn finish(self) -> Result<()> {
        let mut clashes = self.clashes.into_inner().unwrap_or_else(|p| p.into_inner());
        if !clashes.is_empty() {
            clashes.sort();
            bail!(
                "{} is where the search index is written, but the site has files there: {} \
                 (move them, or turn search off with `[search] enabled = false` in config.toml)",
                BUNDLE_DIR,
                clashes.join(", ")
            );
        }
        let mut pages = self.pages.into_inner().unwrap_or_else(|p| p.into_inner());
        pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut files = index(pages)?;
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (path, bytes) in &files {
            self.inner.write(&format!("{BUNDLE_DIR}{path}"), bytes)?;
        }
        self.inner.write(
            &format!("{BUNDLE_DIR}search-page.js"),
            SEARCH_PAGE_JS.as_bytes(),
        )
    }
}

impl Sink for Indexer<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.claim(path);
        if path.ends_with(".html") {
            if let Ok(html) = std::str::from_utf8(bytes) {
                if html.contains(BODY_MARK) {
                    lock(&self.pages).push((path.to_string(), html.to_string()));
                }
            }
        }
        self.inner.write(path, bytes)
    }

    fn copy(&self, source: &Path, path: &str) -> Result<()> {
        self.claim(path);
        self.inner.copy(source, path)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Pagefind's files for these pages, (path under [`BUNDLE_DIR`], bytes), pages indexed in the
/// order given.
fn index(pages: Vec<(String, String)>) -> Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the search indexer")?;
    runtime.block_on(async {
        let mut index = PagefindIndex::new(Some(PagefindServiceConfig::builder().build()))
            .context("cannot start the search indexer")?;
        for (path, html) in pages {
            index
                .add_html_file(Some(path.clone()), None, html)
                .await
                .with_context(|| format!("cannot index {path} for search"))?;
        }
        let files = index
            .get_files()
            .await
            .context("cannot build the search index")?;
        files
            .into_iter()
            .map(|file| {
                let path = file
                    .filename
                    .to_str()
                    .with_context(|| format!("search index file {:?}", file.filename))?
                    .replace('\\', "/");
                Ok((path, file.contents))
            })
            .collect()
    })
}
