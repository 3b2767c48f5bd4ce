//! Assembling the parsed tree: Markdown of every page in parallel, anchors of internal links,
//! each section's sorted page list and neighbours, and the taxonomies.
//!
//! Never does: read files.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;

use super::shortcode::Shortcodes;
use super::{markdown, taxonomy, Body, ContentErrors, Library, Page, SortBy};
use crate::config::Config;
use crate::diagnostic::LocatedError;

/// Renders Markdown, checks anchors, orders sections and collects taxonomies.
pub(super) fn finish(
    mut library: Library,
    section_bodies: Vec<Body>,
    page_bodies: Vec<Body>,
    config: &Config,
    shortcodes: &dyn Shortcodes,
) -> Result<Library> {
    let base_url = library.sections[0].permalink.clone();
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
                    base_url: &base_url,
                    location: None,
                    shortcodes,
                    raw_html: config.markdown.raw_html,
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
                    base_url: &base_url,
                    location: p.location.as_deref(),
                    shortcodes,
                    raw_html: config.markdown.raw_html,
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
    let mut all: Vec<usize> = (0..library.pages.len()).collect();
    sort_pages(&library.pages, &mut all, SortBy::Date);
    library.taxonomies = taxonomy::collect(&config.taxonomies, &library.pages, &all);
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
