//! The content tree: walking `content/`, front matter, Markdown, sections, pages, internal links and
//! taxonomies, into a [`Library`] the renderer reads.
//!
//! Owns: everything about `content/` — which files are sections (`_index.md`) and pages (`*.md`,
//! `name/index.md` with co-located assets), their URLs, their order, drafts, and every content
//! error, each named by file, line and column. All problems of a build are reported together.
//!
//! Never does: touch case data or write files.

mod front_matter;
mod markdown;
pub mod slug;
mod taxonomy;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

pub use front_matter::{Contact, PageDate, SortBy};
pub use markdown::{escape_html, TocEntry};
pub use taxonomy::{Taxonomy, Term};

use crate::config::Config;
use crate::diagnostic::LocatedError;
use front_matter::{PageFrontMatter, SectionFrontMatter, Split};

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

/// The whole content tree, ready to render.
#[derive(Debug, Clone, Default)]
pub struct Library {
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

/// A page file's outcome: parsed (or skipped as a draft), or its errors.
type ParsedPage = Result<Option<(Page, Body)>, Vec<LocatedError>>;

/// Reads `content/` under `root`. `drafts` includes pages marked `draft = true`.
/// `base_url` ends with `/`.
pub fn load(root: &Path, config: &Config, base_url: &str, drafts: bool) -> Result<Library> {
    let content_dir = root.join("content");
    let mut section_files: Vec<(String, PathBuf)> = Vec::new();
    let mut page_files: Vec<(String, PathBuf)> = Vec::new();
    let mut other_files: Vec<(String, PathBuf)> = Vec::new();
    if content_dir.is_dir() {
        for entry in WalkDir::new(&content_dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("cannot walk {}", content_dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(&content_dir)
                .expect("walked under content/")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if relative.split('/').any(|s| s.starts_with('.')) {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            let target = if name == "_index.md" {
                &mut section_files
            } else if name.ends_with(".md") {
                &mut page_files
            } else {
                &mut other_files
            };
            target.push((relative, entry.path().to_path_buf()));
        }
    }
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut errors: Vec<LocatedError> = Vec::new();

    // Sections, by folder ("" is the root, which always exists).
    if !section_files.iter().any(|(r, _)| r == "_index.md") {
        section_files.insert(0, ("_index.md".into(), content_dir.join("_index.md")));
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut section_bodies: Vec<Body> = Vec::new();
    let mut section_dirs: BTreeMap<String, usize> = BTreeMap::new();
    for (relative, file) in &section_files {
        let text = if file.exists() {
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?
        } else {
            String::new()
        };
        match parse_section(relative, &shown(file), &text, base_url) {
            Ok((_, _, true)) if !drafts && relative != "_index.md" => {}
            Ok((section, body, _)) => {
                section_dirs.insert(dir_of(relative).to_string(), sections.len());
                sections.push(section);
                section_bodies.push(body);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !section_dirs.contains_key("") {
        return Err(ContentErrors(errors).into());
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
            let text = std::fs::read_to_string(file).map_err(|e| {
                vec![LocatedError::new(
                    &shown(file),
                    None,
                    format!("cannot read: {e}"),
                )]
            })?;
            let is_bundle = relative.ends_with("/index.md") || relative == "index.md";
            let section = if is_bundle {
                nearest_section(parent_of(dir_of(relative)))
            } else {
                nearest_section(dir_of(relative))
            };
            let (page, body) =
                parse_page(relative, &shown(file), &text, section, config, base_url)?;
            Ok((drafts || !page.draft).then_some((page, body)))
        })
        .collect();
    let mut pages: Vec<Page> = Vec::new();
    let mut page_bodies: Vec<Body> = Vec::new();
    for result in parsed {
        match result {
            Ok(Some((page, body))) => {
                pages.push(page);
                page_bodies.push(body);
            }
            Ok(None) => {}
            Err(mut e) => errors.append(&mut e),
        }
    }

    // Other files: assets of a `name/index.md` page, or copied where they are.
    let bundles: BTreeMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.relative.ends_with("index.md") && !p.relative.ends_with("_index.md"))
        .map(|(i, p)| (dir_of(&p.relative).to_string(), i))
        .collect();
    let mut files = Vec::new();
    for (relative, source) in other_files {
        let mut dir = dir_of(&relative);
        let owner = loop {
            if let Some(&i) = bundles.get(dir) {
                break Some(i);
            }
            if dir.is_empty() {
                break None;
            }
            dir = parent_of(dir);
        };
        match owner {
            Some(i) => pages[i].assets.push(source),
            None => files.push(ContentFile {
                source,
                output: relative,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors).into());
    }
    let library = Library {
        sections,
        pages,
        files,
        taxonomies: Vec::new(),
        by_date: Vec::new(),
    };
    finish(library, section_bodies, page_bodies, config)
}

/// The folder of a content path: `news` for `news/a.md`, `""` for `about.md`.
fn dir_of(relative: &str) -> &str {
    relative.rfind('/').map_or("", |i| &relative[..i])
}

fn parent_of(dir: &str) -> &str {
    dir_of(dir)
}

fn located(
    file: &Path,
    split: &Split,
    span: std::ops::Range<usize>,
    message: String,
) -> LocatedError {
    LocatedError::new(
        file,
        Some(front_matter::span_position(split, span)),
        message,
    )
}

fn aliases(
    file: &Path,
    split: &Split,
    given: &[toml::Spanned<String>],
    errors: &mut Vec<LocatedError>,
) -> Vec<String> {
    let mut out = Vec::new();
    for alias in given {
        match slug::normalise_path(alias.get_ref(), "alias") {
            Ok(a) => out.push(a),
            Err(m) => errors.push(located(file, split, alias.span(), m)),
        }
    }
    out
}

fn parse_section(
    relative: &str,
    file: &Path,
    text: &str,
    base_url: &str,
) -> Result<(Section, Body, bool), Vec<LocatedError>> {
    let split = front_matter::split(file, text).map_err(|e| vec![e])?;
    let fm: SectionFrontMatter = front_matter::parse(file, &split).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    if fm.paginate_by == Some(0) {
        errors.push(LocatedError::new(
            file,
            None,
            "paginate_by must be at least 1",
        ));
    }
    if let Err(m) = slug::check_slug(&fm.paginate_path) {
        errors.push(LocatedError::new(file, None, format!("paginate_path: {m}")));
    }
    let aliases = aliases(file, &split, &fm.aliases, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let dir = dir_of(relative);
    let path = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let draft = fm.draft;
    let section = Section {
        file: file.to_path_buf(),
        relative: relative.to_string(),
        permalink: format!("{base_url}{path}"),
        path,
        title: fm.title.unwrap_or_default(),
        description: fm.description.unwrap_or_default(),
        sort_by: fm.sort_by,
        weight: fm.weight,
        paginate_by: fm.paginate_by,
        paginate_path: fm.paginate_path,
        template: fm.template,
        page_template: fm.page_template,
        render: fm.render,
        transparent: fm.transparent,
        generate_feed: fm.generate_feeds.unwrap_or(fm.sort_by == SortBy::Date),
        aliases,
        extra: fm.extra,
        content: String::new(),
        toc: Vec::new(),
        parent: None,
        subsections: Vec::new(),
        pages: Vec::new(),
    };
    let body = Body {
        text: split.body.to_string(),
        line: split.body_line,
    };
    Ok((section, body, draft))
}

fn parse_page(
    relative: &str,
    file: &Path,
    text: &str,
    section: usize,
    config: &Config,
    base_url: &str,
) -> Result<(Page, Body), Vec<LocatedError>> {
    let split = front_matter::split(file, text).map_err(|e| vec![e])?;
    let fm: PageFrontMatter = front_matter::parse(file, &split).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let is_bundle = relative == "index.md" || relative.ends_with("/index.md");
    let stem = if is_bundle {
        dir_of(relative).rsplit('/').next().unwrap_or("")
    } else {
        relative
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md")
    };
    let (file_date, stem) = match front_matter::date_prefix(stem) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, stem),
    };
    let mut date_of = |value: &Option<toml::Spanned<toml::Value>>| {
        value
            .as_ref()
            .and_then(|v| match PageDate::from_toml(v.get_ref()) {
                Ok(d) => Some(d),
                Err(m) => {
                    errors.push(located(file, &split, v.span(), m));
                    None
                }
            })
    };
    let date = date_of(&fm.date).or(file_date);
    let updated = date_of(&fm.updated);
    let slug = match &fm.slug {
        Some(given) => match slug::check_slug(given.get_ref()) {
            Ok(()) => given.get_ref().clone(),
            Err(m) => {
                errors.push(located(file, &split, given.span(), m));
                String::new()
            }
        },
        None => slug::slugify(stem),
    };
    let page_dir = if is_bundle {
        parent_of(dir_of(relative))
    } else {
        dir_of(relative)
    };
    let path = match &fm.path {
        Some(given) => match slug::normalise_path(given.get_ref(), "path") {
            Ok(p) => p,
            Err(m) => {
                errors.push(located(file, &split, given.span(), m));
                String::new()
            }
        },
        None if slug.is_empty() => {
            errors.push(LocatedError::new(
                file,
                None,
                "the file name gives an empty slug: set `slug` in the front matter",
            ));
            String::new()
        }
        None if page_dir.is_empty() => format!("{slug}/"),
        None => format!("{page_dir}/{slug}/"),
    };
    let aliases = aliases(file, &split, &fm.aliases, &mut errors);
    let mut taxonomies = BTreeMap::new();
    for (name, terms) in fm.taxonomies {
        if !config.taxonomies.iter().any(|t| t.name == name) {
            let known: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
            errors.push(located(
                file,
                &split,
                terms.span(),
                format!(
                    "taxonomy `{name}` is not declared in config.toml (declared: {})",
                    known.join(", ")
                ),
            ));
            continue;
        }
        if let Some(empty) = terms.get_ref().iter().find(|t| slug::slugify(t).is_empty()) {
            errors.push(located(
                file,
                &split,
                terms.span(),
                format!("{name} term {empty:?} has no letters or digits"),
            ));
        }
        taxonomies.insert(name, terms.into_inner());
    }
    for (i, contact) in fm.contacts.iter().enumerate() {
        if contact.name.trim().is_empty() {
            errors.push(LocatedError::new(
                file,
                None,
                format!("contacts[{i}] has no name"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let word_count = split.body.split_whitespace().count();
    let page = Page {
        file: file.to_path_buf(),
        relative: relative.to_string(),
        section,
        title: fm.title.unwrap_or_default(),
        description: fm.description.unwrap_or_default(),
        date,
        updated,
        draft: fm.draft,
        slug,
        permalink: format!("{base_url}{path}"),
        path,
        aliases,
        weight: fm.weight,
        template: fm.template,
        authors: fm.authors,
        location: fm.location.filter(|l| !l.trim().is_empty()),
        contacts: fm.contacts,
        taxonomies,
        extra: fm.extra,
        content: String::new(),
        summary: None,
        toc: Vec::new(),
        word_count,
        reading_time: word_count.div_ceil(200).max(1),
        assets: Vec::new(),
        lower: None,
        higher: None,
    };
    let body = Body {
        text: split.body.to_string(),
        line: split.body_line,
    };
    Ok((page, body))
}

/// Renders Markdown, checks anchors, orders sections and collects taxonomies.
fn finish(
    mut library: Library,
    section_bodies: Vec<Body>,
    page_bodies: Vec<Body>,
    config: &Config,
) -> Result<Library> {
    let mut links: BTreeMap<String, String> = BTreeMap::new();
    for s in &library.sections {
        links.insert(s.relative.clone(), s.permalink.clone());
    }
    for p in &library.pages {
        links.insert(p.relative.clone(), p.permalink.clone());
    }
    let section_rendered: Vec<markdown::Rendered> = library
        .sections
        .par_iter()
        .zip(section_bodies.par_iter())
        .map(|(s, body)| {
            markdown::render(
                &markdown::Source {
                    path: &s.file,
                    body_line: body.line,
                    body: &body.text,
                    permalink: &s.permalink,
                    location: None,
                },
                &links,
            )
        })
        .collect();
    let page_rendered: Vec<markdown::Rendered> = library
        .pages
        .par_iter()
        .zip(page_bodies.par_iter())
        .map(|(p, body)| {
            markdown::render(
                &markdown::Source {
                    path: &p.file,
                    body_line: body.line,
                    body: &body.text,
                    permalink: &p.permalink,
                    location: p.location.as_deref(),
                },
                &links,
            )
        })
        .collect();
    drop(page_bodies);

    let mut errors = Vec::new();
    let mut anchors: BTreeMap<&str, &HashSet<String>> = BTreeMap::new();
    for (s, r) in library.sections.iter().zip(&section_rendered) {
        anchors.insert(&s.relative, &r.heading_ids);
    }
    for (p, r) in library.pages.iter().zip(&page_rendered) {
        anchors.insert(&p.relative, &r.heading_ids);
    }
    let files = library
        .sections
        .iter()
        .map(|s| &s.file)
        .zip(&section_rendered)
        .chain(library.pages.iter().map(|p| &p.file).zip(&page_rendered));
    for (file, rendered) in files {
        errors.extend(rendered.errors.iter().cloned());
        for check in &rendered.anchor_checks {
            let known = anchors.get(check.target.as_str());
            if !known.is_some_and(|ids| ids.contains(&check.anchor)) {
                errors.push(LocatedError::new(
                    file,
                    Some(check.position),
                    format!(
                        "internal link @/{}#{}: content/{} has no heading with id `{}`",
                        check.target, check.anchor, check.target, check.anchor
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors).into());
    }
    for (s, r) in library.sections.iter_mut().zip(section_rendered) {
        s.content = r.html;
        s.toc = r.toc;
    }
    for (p, r) in library.pages.iter_mut().zip(page_rendered) {
        p.content = r.html;
        p.summary = r.summary;
        p.toc = r.toc;
    }

    order(&mut library);
    library.by_date = (0..library.pages.len())
        .filter(|&i| library.pages[i].date.is_some())
        .collect();
    sort_pages(&library.pages, &mut library.by_date, SortBy::Date);
    library.taxonomies = taxonomy::collect(&config.taxonomies, &library.pages, &library.by_date);
    Ok(library)
}

/// Lists each section's pages (through transparent sub-sections), sorts them and links neighbours.
fn order(library: &mut Library) {
    for i in 0..library.pages.len() {
        let mut s = library.pages[i].section;
        library.sections[s].pages.push(i);
        while library.sections[s].transparent {
            match library.sections[s].parent {
                Some(parent) => {
                    s = parent;
                    library.sections[s].pages.push(i);
                }
                None => break,
            }
        }
    }
    for s in 0..library.sections.len() {
        let mut pages = std::mem::take(&mut library.sections[s].pages);
        sort_pages(&library.pages, &mut pages, library.sections[s].sort_by);
        let mut subsections = std::mem::take(&mut library.sections[s].subsections);
        subsections.sort_by(|&a, &b| {
            let (a, b) = (&library.sections[a], &library.sections[b]);
            a.weight.cmp(&b.weight).then_with(|| a.path.cmp(&b.path))
        });
        for (k, &p) in pages.iter().enumerate() {
            if library.pages[p].section == s {
                library.pages[p].higher = k.checked_sub(1).map(|k| pages[k]);
                library.pages[p].lower = pages.get(k + 1).copied();
            }
        }
        library.sections[s].pages = pages;
        library.sections[s].subsections = subsections;
    }
}

/// Sorts page indices: dates newest first, weights lightest first, titles alphabetically; pages
/// without the key come last; ties are broken by path so the order is always the same.
fn sort_pages(pages: &[Page], list: &mut [usize], by: SortBy) {
    list.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        let key = match by {
            SortBy::Date => match (a.date, b.date) {
                (Some(x), Some(y)) => y.at.cmp(&x.at),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
            SortBy::Weight => match (a.weight, b.weight) {
                (Some(x), Some(y)) => x.cmp(&y),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
            SortBy::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            SortBy::None => std::cmp::Ordering::Equal,
        };
        key.then_with(|| a.relative.cmp(&b.relative))
    });
}
