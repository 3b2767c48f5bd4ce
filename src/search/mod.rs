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
//! - A large site is indexed in parts of at most [`PART_PAGES`] pages (in the order of their
//!   paths), each its own Pagefind index in its own folder, built in parallel: `pagefind/` for
//!   the first, `pagefind/part-2/` and on for the others. `search-page.js` names each language's
//!   parts, and the search page searches them together (Pagefind's `mergeIndex`). A site of up
//!   to [`PART_PAGES`] indexed pages has one part, Pagefind's usual layout.
//! - Same input, same bytes: pages are indexed in the order of their paths, the parts are cut
//!   by a fixed number of pages (not by the machine's cores), Pagefind's files are named by
//!   hashes of their contents, and they are written in the order of their names.
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
    /// Whether [`Indexer::finish`] builds the index (`safestat check` only checks for clashes).
    build: bool,
    /// The most pages one part of the index takes ([`PART_PAGES`] but in tests).
    part_pages: usize,
    /// (output path, HTML) of each page with an indexed part.
    pages: Mutex<Vec<(String, String)>>,
    /// The site's own files under [`BUNDLE_DIR`], which the index would overwrite.
    clashes: Mutex<Vec<String>>,
}

impl<'a> Indexer<'a> {
    /// An indexer writing into `inner`; without `build`, it only checks that nothing of the
    /// site is written where the index goes.
    pub fn new(inner: &'a dyn Sink, build: bool, part_pages: usize) -> Indexer<'a> {
        Indexer {
            inner,
            build,
            part_pages: part_pages.max(1),
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
        if !self.build {
            return Ok(());
        }
        let mut pages = self.pages.into_inner().unwrap_or_else(|p| p.into_inner());
        pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut files = index(pages, self.part_pages)?;
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (path, bytes) in &files {
            self.inner.write(&format!("{BUNDLE_DIR}{path}"), bytes)?;
        }
        Ok(())
    }
}

impl Sink for Indexer<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.claim(path);
        if path.ends_with(".html") {
            if let Ok(html) = std::str::from_utf8(bytes) {
                if self.build && html.contains(BODY_MARK) {
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

/// How many pages one Pagefind index takes at most. A site with more is indexed in parts, each
/// part its own index (its own bundle folder), built on its own thread; the search page searches
/// the parts of its language together (Pagefind's `mergeIndex`). Pagefind's API indexes the
/// pages of one index one at a time (behind a lock) and looks each new page up among those
/// already in it, so parts are what let a large site's index use every core. Smaller parts
/// balance the cores better and hold less in memory at once; larger ones mean fewer files for a
/// reader's browser to fetch per search (on the 10,000-page benchmark site, 1,250 built in 7–8 s
/// and 2,000 in 8 s, 600 MB against 815 MB). A fixed number, so that the same pages give the
/// same parts on every machine.
pub const PART_PAGES: usize = 1_250;

/// Pagefind's interfaces, which the search page loads from the first part only: the other
/// parts keep what searching them needs (`pagefind.js`, its worker, the WebAssembly, the index).
const INTERFACE_FILES: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Files of the index: (path under [`BUNDLE_DIR`] or a part's folder, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// Pagefind's files for these pages (path under [`BUNDLE_DIR`], bytes), pages indexed in the
/// order given in parts of at most `part_pages`, and `search-page.js`, which names each
/// language's parts.
fn index(pages: Vec<(String, String)>, part_pages: usize) -> Result<Files> {
    let parts = split(pages, part_pages);
    let count = parts.len();
    let queue = Mutex::new(parts.into_iter().enumerate().collect::<Vec<_>>());
    let built: Mutex<Vec<(usize, Result<Files>)>> = Mutex::new(Vec::new());
    // Threads of our own, not rayon's: Pagefind runs rayon inside, and rayon workers blocked on
    // parts could leave Pagefind's own work without a worker. (A caller that runs the build on
    // rayon workers filling the pool could still starve it; nothing does: the preview, which
    // builds on its own thread, leaves the index out.)
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(count)
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let next = lock(&queue).pop();
                let Some((number, pages)) = next else { break };
                let files = index_part(pages);
                lock(&built).push((number, files));
            });
        }
    });
    let mut built = built.into_inner().unwrap_or_else(|p| p.into_inner());
    built.sort_unstable_by_key(|(number, _)| *number);
    let mut files = Vec::new();
    // Each language's part folders, in order: the first is the one the search page opens.
    let mut languages: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (number, part) in built {
        let folder = part_folder(number);
        for (path, bytes) in part? {
            if number > 0 && INTERFACE_FILES.contains(&path.as_str()) {
                continue;
            }
            if path == "pagefind-entry.json" {
                for language in entry_languages(&bytes)? {
                    languages.entry(language).or_default().push(folder.clone());
                }
            }
            files.push((format!("{folder}{path}"), bytes));
        }
    }
    let parts = serde_json::to_string(&languages).context("search parts")?;
    files.push((
        "search-page.js".to_string(),
        format!("var SAFESTAT_SEARCH_PARTS = {parts};\n{SEARCH_PAGE_JS}").into_bytes(),
    ));
    Ok(files)
}

/// The pages, in order, in as few parts of at most `most` pages as can hold them, their sizes
/// differing by one page at most (the larger first).
fn split<T>(pages: Vec<T>, most: usize) -> Vec<Vec<T>> {
    let count = pages.len().div_ceil(most.max(1)).max(1);
    let (size, larger) = (pages.len() / count, pages.len() % count);
    let mut pages = pages.into_iter();
    (0..count)
        .map(|part| {
            pages
                .by_ref()
                .take(size + usize::from(part < larger))
                .collect()
        })
        .collect()
}

/// The folder of part `number` (from 0) under [`BUNDLE_DIR`]: the first part is the bundle
/// folder itself, so that a site of one part has Pagefind's usual layout.
fn part_folder(number: usize) -> String {
    if number == 0 {
        String::new()
    } else {
        format!("part-{}/", number + 1)
    }
}

/// The languages a part's `pagefind-entry.json` lists.
fn entry_languages(bytes: &[u8]) -> Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Entry {
        languages: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
    }
    let entry: Entry =
        serde_json::from_slice(bytes).context("cannot read Pagefind's pagefind-entry.json")?;
    Ok(entry.languages.into_keys().collect())
}

/// Pagefind's files for one part's pages, (path in the part's folder, bytes).
fn index_part(pages: Vec<(String, String)>) -> Result<Files> {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn page(lang: &str, words: &str) -> String {
        format!(
            "<!doctype html><html lang=\"{lang}\"><head><title>{words}</title></head>\
             <body><nav>menu</nav><main data-pagefind-body><h1>{words}</h1><p>{words}</p>\
             </main></body></html>"
        )
    }

    #[test]
    fn split_makes_even_parts_in_order() {
        assert_eq!(
            split(vec![1, 2, 3, 4, 5], 2),
            vec![vec![1, 2], vec![3, 4], vec![5]]
        );
        assert_eq!(
            split(vec![1, 2, 3, 4, 5], 4),
            vec![vec![1, 2, 3], vec![4, 5]]
        );
        assert_eq!(
            split((1..=10).collect(), 4),
            vec![vec![1, 2, 3, 4], vec![5, 6, 7], vec![8, 9, 10]]
        );
        assert_eq!(split(vec![1, 2, 3], 3), vec![vec![1, 2, 3]]);
        assert_eq!(split(Vec::<u8>::new(), 3), vec![Vec::<u8>::new()]);
    }

    /// A site larger than a part: each part is its own index in its own folder, and
    /// `search-page.js` names, per language, the parts that hold its pages, first part first.
    #[test]
    fn a_large_site_is_indexed_in_parts_that_the_search_page_names_per_language() {
        let pages = vec![
            ("a/index.html".to_string(), page("en", "shelter referral")),
            ("b/index.html".to_string(), page("en", "border training")),
            ("c/index.html".to_string(), page("en", "labour inspection")),
            (
                "fr/a/index.html".to_string(),
                page("fr", "formation frontière"),
            ),
            (
                "fr/b/index.html".to_string(),
                page("fr", "refuge orientation"),
            ),
        ];
        let files: BTreeMap<String, Vec<u8>> =
            index(pages.clone(), 2).unwrap().into_iter().collect();
        let script = String::from_utf8(files["search-page.js"].clone()).unwrap();
        assert!(
            script.starts_with(
                "var SAFESTAT_SEARCH_PARTS = {\"en\":[\"\",\"part-2/\"],\"fr\":[\"part-2/\",\"part-3/\"]};\n"
            ),
            "{script}"
        );
        for (folder, languages) in [
            ("", vec!["en"]),
            ("part-2/", vec!["en", "fr"]),
            ("part-3/", vec!["fr"]),
        ] {
            let entry: serde_json::Value =
                serde_json::from_slice(&files[&format!("{folder}pagefind-entry.json")]).unwrap();
            let listed: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
            assert_eq!(listed, languages, "{folder}");
            assert!(
                files.contains_key(&format!("{folder}pagefind.js")),
                "{folder}"
            );
        }
        assert!(!files.keys().any(|path| path.starts_with("part-4/")));
        // The same pages give the same bytes; one part holds a site no larger than a part.
        let again: BTreeMap<String, Vec<u8>> =
            index(pages.clone(), 2).unwrap().into_iter().collect();
        assert_eq!(files, again);
        let whole: BTreeMap<String, Vec<u8>> = index(pages, 5).unwrap().into_iter().collect();
        assert!(!whole.keys().any(|path| path.starts_with("part-")));
        let script = String::from_utf8(whole["search-page.js"].clone()).unwrap();
        assert!(script.starts_with("var SAFESTAT_SEARCH_PARTS = {\"en\":[\"\"],\"fr\":[\"\"]};\n"));
    }
}
