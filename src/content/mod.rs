//! The content tree: walking `content/`, front matter, Markdown, sections, pages, internal links and
//! taxonomies, into a [`Library`] the renderer reads.
//!
//! Owns: everything about `content/` — which files are sections (`_index.md`) and pages (`*.md`,
//! `name/index.md` with co-located assets), their URLs, their order, drafts, and every content
//! error, each named by file, line and column. All problems of a build are reported together.
//! What becomes of the HTML an author writes in Markdown (`[markdown] raw_html`) is `raw_html`'s.
//!
//! Never does: touch case data or write files.

mod assemble;
mod front_matter;
mod markdown;
mod parse;
mod raw_html;
pub mod shortcode;
pub mod slug;
mod taxonomy;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

pub use front_matter::{Contact, PageDate, SortBy};
pub use markdown::TocEntry;
pub use taxonomy::{Taxonomy, Term};

use crate::config::Config;
use crate::diagnostic::{source_text, LocatedError, Position};
use crate::language::Language;
use crate::walk::{self, Hidden};

/// A page: one Markdown file that becomes one HTML page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The source file (for messages).
    pub file: PathBuf,
    /// Path under `content/` with `/` separators: `news/a.md`, `news/b/index.md`.
    pub relative: String,
    /// Index of the section the page belongs to.
    pub section: usize,
    pub title: String,
    pub description: String,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub draft: bool,
    pub slug: String,
    /// URL path relative to `base_url`, ending with `/`: `news/a/`.
    pub path: String,
    /// Where the front matter sets `path`, if it does (for messages about the page's URL).
    pub path_position: Option<Position>,
    pub permalink: String,
    /// Old URL paths (normalised like `path`) that redirect here.
    pub aliases: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub authors: Vec<String>,
    pub location: Option<String>,
    pub contacts: Vec<Contact>,
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub extra: toml::Table,
    pub content: String,
    pub summary: Option<String>,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_time: usize,
    /// Files co-located with a `name/index.md` page, copied next to its HTML.
    pub assets: Vec<PathBuf>,
    /// Neighbours in the section's order: `lower` comes after this page, `higher` before it.
    pub lower: Option<usize>,
    pub higher: Option<usize>,
}

impl Page {
    /// Where the page's URL comes from, for messages about its output file: `content/a.md:3:8`
    /// (its `path` in the front matter) or the file, `content/news/a.md`.
    pub fn url_source(&self) -> String {
        match self.path_position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }
}

/// A section: a folder with an `_index.md` (the root section always exists).
#[derive(Debug, Clone)]
pub struct Section {
    pub file: PathBuf,
    /// `_index.md`, `news/_index.md`.
    pub relative: String,
    /// URL path relative to `base_url`: `""` for the root, `news/` otherwise.
    pub path: String,
    pub permalink: String,
    pub title: String,
    pub description: String,
    pub sort_by: SortBy,
    pub weight: i64,
    pub paginate_by: Option<usize>,
    pub paginate_path: String,
    pub template: Option<String>,
    pub page_template: Option<String>,
    pub render: bool,
    pub transparent: bool,
    /// Whether the section has its own Atom feed (never the root: the site feed covers it).
    pub generate_feed: bool,
    pub aliases: Vec<String>,
    pub extra: toml::Table,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub parent: Option<usize>,
    /// Sub-sections in weight, then path order.
    pub subsections: Vec<usize>,
    /// Pages listed by this section (its own, plus those of transparent sub-sections), sorted.
    pub pages: Vec<usize>,
}

/// Non-Markdown files under `content/` that are not page assets: copied at the same place.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub source: PathBuf,
    /// Output path relative to the output root.
    pub output: String,
}

/// The whole content tree of one language, ready to render. Paths (`relative`) are the
/// default language's (`news/a.md` also for `news/a.ar.md`), so a page and its translations
/// share them; URLs are under the language's prefix.
#[derive(Debug, Clone)]
pub struct Library {
    /// The language of every page and section in it.
    pub language: Language,
    /// Every section; `sections[0]` is the root (`content/_index.md`).
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub files: Vec<ContentFile>,
    pub taxonomies: Vec<Taxonomy>,
    /// Every dated page, newest first (feeds, latest news).
    pub by_date: Vec<usize>,
}

/// Every problem found, one per line, each naming its file.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in content:\n{}", .0.len(), list(.0))]
pub struct ContentErrors(pub Vec<LocatedError>);

fn list(errors: &[LocatedError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A parsed file's Markdown body and the 0-based line it starts on.
struct Body {
    text: String,
    line: usize,
}

/// A page file's outcome: parsed, or its errors.
type ParsedPage = Result<(Page, Body), Vec<LocatedError>>;

/// The content of every language of the site.
#[derive(Debug, Clone)]
pub struct Content {
    /// One library per language, the default language first (the order of
    /// [`crate::language::languages`]).
    pub libraries: Vec<Library>,
    /// What is not wrong but may be a mistake (a page with no translation), for `safestat check`.
    pub warnings: Vec<String>,
}

/// The markdown files of one language, by their default-language path (`news/a.md` for
/// `news/a.ar.md`), and the file itself.
#[derive(Default)]
struct LanguageFiles {
    sections: Vec<(String, PathBuf)>,
    pages: Vec<(String, PathBuf)>,
}

/// Reads `content/` under `root`, every language of `config`. `drafts` includes pages marked
/// `draft = true`. `base_url` ends with `/`.
pub fn load(
    root: &Path,
    config: &Config,
    base_url: &str,
    drafts: bool,
    shortcodes: &dyn shortcode::Shortcodes,
) -> Result<Content> {
    let content_dir = root.join("content");
    let languages = crate::language::languages(config);
    let codes: Vec<&str> = languages.iter().skip(1).map(|l| l.code.as_str()).collect();
    let mut by_language: Vec<LanguageFiles> =
        languages.iter().map(|_| LanguageFiles::default()).collect();
    let mut other_files: Vec<(String, PathBuf)> = Vec::new();
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut errors: Vec<LocatedError> = Vec::new();
    if content_dir.is_dir() {
        for file in walk::files(root, &content_dir, Hidden::Skip)? {
            if !file.relative.ends_with(".md") {
                other_files.push((file.relative, file.path));
                continue;
            }
            let (key, code) = match crate::language::split_language(&file.relative, &codes) {
                Ok(split) => split,
                Err(code) => {
                    errors.push(LocatedError::new(
                        &shown(&file.path),
                        None,
                        format!(
                            "the file name says language `{code}`, which config.toml does not declare: add [languages.{code}] or rename the file"
                        ),
                    ));
                    continue;
                }
            };
            let l = code.map_or(0, |c| 1 + codes.iter().position(|x| *x == c).unwrap_or(0));
            let name = key.rsplit('/').next().unwrap_or_default();
            let target = if name == "_index.md" {
                &mut by_language[l].sections
            } else {
                &mut by_language[l].pages
            };
            target.push((key, file.path));
        }
    }
    let mut gathered = Vec::new();
    for (language, files) in languages.iter().zip(by_language) {
        let language_base = language.base_url(base_url);
        match gather(
            root,
            config,
            &language_base,
            drafts,
            language,
            files,
            &other_files,
        ) {
            Ok(g) => gathered.push(g),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors).into());
    }
    let warnings = missing_translations(&gathered);
    let libraries = assemble::finish(gathered, config, shortcodes)?;
    Ok(Content {
        libraries,
        warnings,
    })
}

/// One language's tree before its Markdown is rendered.
struct Gathered {
    library: Library,
    section_bodies: Vec<Body>,
    page_bodies: Vec<Body>,
}

/// A warning for each default-language page or section that another language lacks.
fn missing_translations(gathered: &[Gathered]) -> Vec<String> {
    let Some((default, others)) = gathered.split_first() else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    let items = default
        .library
        .sections
        .iter()
        .filter(|s| s.file.exists())
        .map(|s| (&s.relative, &s.file))
        .chain(default.library.pages.iter().map(|p| (&p.relative, &p.file)));
    for (relative, file) in items {
        for other in others {
            let language = &other.library.language;
            let has = other
                .library
                .sections
                .iter()
                .any(|s| &s.relative == relative && s.file.exists())
                || other.library.pages.iter().any(|p| &p.relative == relative);
            if !has {
                warnings.push(format!(
                    "{} has no {} translation (content/{}): it is published in the languages it is written in",
                    file.display(),
                    language.name,
                    crate::language::language_file(relative, language)
                ));
            }
        }
    }
    warnings
}

/// Parses one language's files (its sections and pages; `other_files` are every language's
/// assets) into a tree whose Markdown is not yet rendered.
fn gather(
    root: &Path,
    config: &Config,
    base_url: &str,
    drafts: bool,
    language: &Language,
    files: LanguageFiles,
    other_files: &[(String, PathBuf)],
) -> Result<Gathered, Vec<LocatedError>> {
    let content_dir = root.join("content");
    let LanguageFiles {
        sections: mut section_files,
        pages: page_files,
    } = files;
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut errors: Vec<LocatedError> = Vec::new();

    // Sections, by folder ("" is the root, which always exists).
    // The root section is always `sections[0]`.
    if !section_files.iter().any(|(r, _)| r == "_index.md") {
        let name = crate::language::language_file("_index.md", language);
        section_files.push(("_index.md".into(), content_dir.join(name)));
    }
    section_files.sort_by_key(|(relative, _)| relative != "_index.md");
    let mut sections: Vec<Section> = Vec::new();
    let mut section_bodies: Vec<Body> = Vec::new();
    let mut section_dirs: BTreeMap<String, usize> = BTreeMap::new();
    // Folders of draft sections: nothing under them is published without --drafts.
    let mut draft_dirs: Vec<String> = Vec::new();
    for (relative, file) in &section_files {
        let text = if file.exists() {
            let bytes = read(file, &shown(file))?;
            match source_text(&shown(file), bytes) {
                Ok(text) => text,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            }
        } else {
            String::new()
        };
        match parse::parse_section(relative, &shown(file), &text, base_url) {
            Ok((_, _, true)) if !drafts && relative != "_index.md" => {
                draft_dirs.push(format!("{}/", dir_of(relative)));
            }
            Ok((section, body, _)) => {
                section_dirs.insert(dir_of(relative).to_string(), sections.len());
                sections.push(section);
                section_bodies.push(body);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !section_dirs.contains_key("") {
        return Err(errors);
    }
    let nearest_section = |dir: &str| -> usize {
        let mut d = dir;
        loop {
            if let Some(&i) = section_dirs.get(d) {
                return i;
            }
            d = d.rfind('/').map_or("", |i| &d[..i]);
        }
    };
    for i in 0..sections.len() {
        let dir = dir_of(&sections[i].relative);
        if !dir.is_empty() {
            let parent = nearest_section(parent_of(dir));
            sections[i].parent = Some(parent);
            sections[parent].subsections.push(i);
        }
    }

    // Pages: read and parse in parallel, then keep those that are published.
    let parsed: Vec<ParsedPage> = page_files
        .par_iter()
        .map(|(relative, file)| {
            let bytes = read(file, &shown(file))?;
            let text = source_text(&shown(file), bytes).map_err(|e| vec![e])?;
            let is_bundle = relative.ends_with("/index.md") || relative == "index.md";
            let section = if is_bundle {
                nearest_section(parent_of(dir_of(relative)))
            } else {
                nearest_section(dir_of(relative))
            };
            parse::parse_page(relative, &shown(file), &text, section, config, base_url)
        })
        .collect();
    let mut pages: Vec<Page> = Vec::new();
    let mut page_bodies: Vec<Body> = Vec::new();
    // Folders of `name/index.md` pages → the page's index, or `None` for an unpublished draft
    // (whose files are not published either).
    let mut bundles: BTreeMap<String, Option<usize>> = BTreeMap::new();
    for result in parsed {
        match result {
            Ok((page, body)) => {
                let in_draft_section = draft_dirs.iter().any(|d| page.relative.starts_with(d));
                let published = drafts || !(page.draft || in_draft_section);
                if page.relative == "index.md" || page.relative.ends_with("/index.md") {
                    let dir = dir_of(&page.relative).to_string();
                    bundles.insert(dir, published.then_some(pages.len()));
                }
                if published {
                    pages.push(page);
                    page_bodies.push(body);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }

    // Other files: assets of a `name/index.md` page, or copied where they are.
    let mut files = Vec::new();
    for (relative, source) in other_files {
        let source = source.clone();
        if draft_dirs.iter().any(|d| relative.starts_with(d)) {
            continue;
        }
        let mut dir = dir_of(relative);
        let owner = loop {
            if let Some(&page) = bundles.get(dir) {
                break Some(page);
            }
            if dir.is_empty() {
                break None;
            }
            dir = parent_of(dir);
        };
        match owner {
            Some(Some(i)) => pages[i].assets.push(source),
            Some(None) => {}
            // Files outside page bundles are published once, at their place.
            None if language.is_default => files.push(ContentFile {
                source,
                output: relative.clone(),
            }),
            None => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let library = Library {
        language: language.clone(),
        sections,
        pages,
        files,
        taxonomies: Vec::new(),
        by_date: Vec::new(),
    };
    Ok(Gathered {
        library,
        section_bodies,
        page_bodies,
    })
}

/// The folder of a content path: `news` for `news/a.md`, `""` for `about.md`.
fn dir_of(relative: &str) -> &str {
    relative.rfind('/').map_or("", |i| &relative[..i])
}

fn parent_of(dir: &str) -> &str {
    dir_of(dir)
}

/// The bytes of a content file; an error names it as `shown`.
fn read(file: &Path, shown: &Path) -> Result<Vec<u8>, Vec<LocatedError>> {
    std::fs::read(file)
        .map_err(|e| vec![LocatedError::new(shown, None, format!("cannot read: {e}"))])
}
