//! Parsing one content file into a [`Page`] or [`Section`]: its URL, date, slug, aliases and
//! taxonomies, with every problem located by file, line and column.
//!
//! Never does: read files or render Markdown.

use std::collections::BTreeMap;
use std::path::Path;

use super::front_matter::{self, PageFrontMatter, SectionFrontMatter, Split};
use super::{dir_of, parent_of, slug, Body, Page, PageDate, Section, SortBy};
use crate::config::Config;
use crate::diagnostic::LocatedError;

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

pub(super) fn parse_section(
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
            front_matter::key_position(&split, &["paginate_by"]),
            "paginate_by must be at least 1",
        ));
    }
    if let Err(m) = slug::check_slug(&fm.paginate_path) {
        errors.push(LocatedError::new(
            file,
            front_matter::key_position(&split, &["paginate_path"]),
            format!("paginate_path: {m}"),
        ));
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
        permalink: slug::permalink(base_url, &path),
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
        // The root's feed is the site feed (`atom.xml`), written anyway.
        generate_feed: !dir.is_empty() && fm.generate_feeds.unwrap_or(fm.sort_by == SortBy::Date),
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

pub(super) fn parse_page(
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
                front_matter::key_position(&split, &["contacts", &i.to_string(), "name"]),
                format!("contacts[{i}] has no name"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let word_count = count_words(split.body);
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
        permalink: slug::permalink(base_url, &path),
        path,
        path_position: fm
            .path
            .as_ref()
            .map(|given| front_matter::span_position(&split, given.span())),
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

/// Words in a Markdown body, for reading time: runs of non-whitespace bytes (a byte loop, as this
/// runs over every page).
fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            count += 1;
        }
        in_word = !space;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn words() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  one two\n\tthree  "), 3);
        assert_eq!(count_words("données clés"), 2);
    }
}
