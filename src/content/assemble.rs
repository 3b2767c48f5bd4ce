//! Assembling the parsed trees of every language: Markdown of every page in parallel, anchors of
//! internal links (across languages), each section's sorted page list and neighbours, and the
//! taxonomies.
//!
//! Never does: read files.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;

use super::shortcode::Shortcodes;
use super::{markdown, taxonomy, ContentErrors, Gathered, Library, Page, SortBy};
use crate::config::Config;
use crate::diagnostic::LocatedError;
use crate::language::language_file;

/// Renders the Markdown of every language, checks the anchors of internal links across them
/// (a page may link its translation: `@/news/a.ar.md#section`), then orders each language's
/// sections and collects its taxonomies.
pub(super) fn finish(
    gathered: Vec<Gathered>,
    config: &Config,
    shortcodes: &dyn Shortcodes,
) -> Result<Vec<Library>> {
    let mut links: BTreeMap<String, String> = BTreeMap::new();
    for g in &gathered {
        let language = &g.library.language;
        for s in &g.library.sections {
            links.insert(language_file(&s.relative, language), s.permalink.clone());
        }
        for p in &g.library.pages {
            links.insert(language_file(&p.relative, language), p.permalink.clone());
        }
    }
    let rendered: Vec<(Vec<markdown::Rendered>, Vec<markdown::Rendered>)> = gathered
        .iter()
        .map(|g| render_language(g, config, shortcodes, &links))
        .collect();

    let mut errors = Vec::new();
    let mut anchors: BTreeMap<String, &HashSet<String>> = BTreeMap::new();
    for (g, (sections, pages)) in gathered.iter().zip(&rendered) {
        let language = &g.library.language;
        for (s, r) in g.library.sections.iter().zip(sections) {
            anchors.insert(language_file(&s.relative, language), &r.heading_ids);
        }
        for (p, r) in g.library.pages.iter().zip(pages) {
            anchors.insert(language_file(&p.relative, language), &r.heading_ids);
        }
    }
    for (g, (sections, pages)) in gathered.iter().zip(&rendered) {
        let library = &g.library;
        let files = library
            .sections
            .iter()
            .map(|s| &s.file)
            .zip(sections)
            .chain(library.pages.iter().map(|p| &p.file).zip(pages));
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
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors).into());
    }
    Ok(gathered
        .into_iter()
        .zip(rendered)
        .map(|(g, (sections, pages))| complete(g.library, sections, pages, config))
        .collect())
}

/// The Markdown of one language's sections and pages, rendered in parallel.
fn render_language(
    g: &Gathered,
    config: &Config,
    shortcodes: &dyn Shortcodes,
    links: &BTreeMap<String, String>,
) -> (Vec<markdown::Rendered>, Vec<markdown::Rendered>) {
    let library = &g.library;
    let shortcodes = shortcodes
        .language(&library.language.code)
        .unwrap_or(shortcodes);
    // Root-relative links (`/images/a.jpg`) are the site's, whatever the language.
    let root = &library.sections[0].permalink;
    let base_url = root
        .strip_suffix(library.language.prefix.as_str())
        .unwrap_or(root)
        .to_string();
    let sections = library
        .sections
        .par_iter()
        .zip(g.section_bodies.par_iter())
        .map(|(s, body)| {
            markdown::render(
                &markdown::Source {
                    path: &s.file,
                    body_line: body.line,
                    body: &body.text,
                    permalink: &s.permalink,
                    base_url: &base_url,
                    location: None,
                    shortcodes,
                    raw_html: config.markdown.raw_html,
                },
                links,
            )
        })
        .collect();
    let pages = library
        .pages
        .par_iter()
        .zip(g.page_bodies.par_iter())
        .map(|(p, body)| {
            markdown::render(
                &markdown::Source {
                    path: &p.file,
                    body_line: body.line,
                    body: &body.text,
                    permalink: &p.permalink,
                    base_url: &base_url,
                    location: p.location.as_deref(),
                    shortcodes,
                    raw_html: config.markdown.raw_html,
                },
                links,
            )
        })
        .collect();
    (sections, pages)
}

/// One language's tree with its rendered Markdown: sections ordered, taxonomies collected.
fn complete(
    mut library: Library,
    section_rendered: Vec<markdown::Rendered>,
    page_rendered: Vec<markdown::Rendered>,
    config: &Config,
) -> Library {
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
    let mut all: Vec<usize> = (0..library.pages.len()).collect();
    sort_pages(&library.pages, &mut all, SortBy::Date);
    library.taxonomies = taxonomy::collect(&config.taxonomies, &library.pages, &all);
    library
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
