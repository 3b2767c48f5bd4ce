//! The plan of a build: every output file with the source that asked for it, so duplicates are
//! found before anything is rendered.
//!
//! Never does: parse content or templates.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;

use super::context::term_path;
use super::figures::statistics_path;
use super::SiteInput;
use crate::content::slug::normalise_file_path;
use crate::content::slug::permalink;
use crate::content::PageDate;
use crate::walk::{self, Hidden};

/// Which Atom feed.
#[derive(Debug, Clone, Copy)]
pub(super) enum Feed {
    Site,
    Section(usize),
    Term(usize, usize),
}

/// What produces one output file.
#[derive(Debug, Clone)]
pub(super) enum Job<'a> {
    Page(usize),
    SectionPager {
        section: usize,
        pager: usize,
    },
    TaxonomyList(usize),
    TermPager {
        taxonomy: usize,
        term: usize,
        pager: usize,
    },
    Feed(Feed),
    Redirect(String),
    Template(&'static str),
    Sitemap,
    /// The language's search page (`[search] enabled`).
    Search,
    /// The statistics page of table `n` of the build.
    StatisticsTable(usize),
    Copy(PathBuf),
    Generated(&'a [u8]),
}

#[derive(Debug)]
pub(super) struct Planned<'a> {
    /// Output path relative to the output root (under the language's prefix).
    pub path: String,
    pub source: String,
    pub job: Job<'a>,
    /// Index of the language (in [`crate::language::languages`] order) the file is in.
    pub language: usize,
    /// The page's permalink and last modification, when it is listed in the sitemap.
    pub listed: Option<(String, Option<String>)>,
    /// What the file is the same in every language (a page's default-language path, a table's
    /// id): files with the same key are each other's translations.
    pub key: Option<String>,
}

/// The output path of a URL path: `news/a/` → `news/a/index.html`; `old.html` stays.
pub(super) fn file_of(url_path: &str) -> String {
    if url_path.is_empty() || url_path.ends_with('/') {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}

/// The URL path of pager `k` (0-based) of a listing at `base` (a URL path ending with `/` or empty).
pub(super) fn pager_path(base: &str, paginate_path: &str, k: usize) -> String {
    if k == 0 {
        base.to_string()
    } else {
        format!("{base}{paginate_path}/{}/", k + 1)
    }
}

pub(super) fn pager_count(items: usize, paginate_by: Option<usize>) -> usize {
    match paginate_by {
        Some(n) => items.div_ceil(n).max(1),
        None => 1,
    }
}

/// The output files of one language.
pub(super) struct Plan<'a> {
    pub outputs: Vec<Planned<'a>>,
    /// The language's URL prefix (`""` or `ar/`), put before every output path.
    prefix: &'a str,
    language: usize,
}

impl<'a> Plan<'a> {
    fn add(&mut self, path: String, source: String, job: Job<'a>) {
        self.outputs.push(Planned {
            path: format!("{}{path}", self.prefix),
            source,
            job,
            language: self.language,
            listed: None,
            key: None,
        });
    }

    /// Adds a page listed in the sitemap; `base_url` is the language's.
    fn add_listed(
        &mut self,
        url_path: &str,
        base_url: &str,
        lastmod: Option<String>,
        source: String,
        job: Job<'a>,
        key: Option<String>,
    ) {
        self.add(file_of(url_path), source, job);
        let planned = self.outputs.last_mut().expect("just added");
        planned.listed = Some((permalink(base_url, url_path), lastmod));
        planned.key = key;
    }
}

fn lastmod(updated: Option<PageDate>, date: Option<PageDate>) -> Option<String> {
    updated.or(date).map(|d| d.rfc3339())
}

/// The plan of language `language` (an index into `input.libraries`); the files every
/// language shares (sitemap, `robots.txt`, `404.html`, `style.css`, `static/`, downloads) are
/// in the default language's plan.
pub(super) fn make_plan<'a>(input: &SiteInput<'a>, language: usize) -> Result<Plan<'a>> {
    let SiteInput {
        root,
        tables,
        generated: generated_files,
        ..
    } = *input;
    let library = &input.libraries[language];
    let base_url = &library.language.base_url(input.base_url);
    let mut plan = Plan {
        outputs: Vec::new(),
        prefix: &library.language.prefix,
        language,
    };
    for (i, page) in library.pages.iter().enumerate() {
        let file = page.file.display().to_string();
        plan.add_listed(
            &page.path,
            base_url,
            lastmod(page.updated, page.date),
            page.url_source(),
            Job::Page(i),
            Some(page.relative.clone()),
        );
        for alias in &page.aliases {
            plan.add(
                file_of(alias),
                format!("alias in {file}"),
                Job::Redirect(page.permalink.clone()),
            );
        }
        let bundle = root
            .join("content")
            .join(page.relative.trim_end_matches("index.md"));
        let dir = match page.path.rfind('/') {
            Some(i) => &page.path[..=i],
            None => "",
        };
        for asset in &page.assets {
            let inner = asset.strip_prefix(&bundle).unwrap_or(asset);
            let inner = inner
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            plan.add(
                format!("{dir}{inner}"),
                asset.display().to_string(),
                Job::Copy(asset.clone()),
            );
        }
    }
    for (s, section) in library.sections.iter().enumerate() {
        let file = section.file.display().to_string();
        if section.render {
            let pagers = pager_count(section.pages.len(), section.paginate_by);
            for k in 0..pagers {
                let url_path = pager_path(&section.path, &section.paginate_path, k);
                let source = if k == 0 {
                    file.clone()
                } else {
                    format!("{file} (page {})", k + 1)
                };
                plan.add_listed(
                    &url_path,
                    base_url,
                    None,
                    source,
                    Job::SectionPager {
                        section: s,
                        pager: k,
                    },
                    (k == 0).then(|| section.relative.clone()),
                );
            }
            if section.paginate_by.is_some() {
                plan.add(
                    file_of(&format!("{}{}/1/", section.path, section.paginate_path)),
                    format!("{file} (page 1)"),
                    Job::Redirect(section.permalink.clone()),
                );
            }
        }
        for alias in &section.aliases {
            plan.add(
                file_of(alias),
                format!("alias in {file}"),
                Job::Redirect(section.permalink.clone()),
            );
        }
        if section.generate_feed && library.language.feed {
            plan.add(
                format!("{}atom.xml", section.path),
                format!("feed of {file}"),
                Job::Feed(Feed::Section(s)),
            );
        }
    }
    for (t, taxonomy) in library.taxonomies.iter().enumerate() {
        let name = &taxonomy.config.name;
        plan.add_listed(
            &format!("{name}/"),
            base_url,
            None,
            format!("taxonomy {name}"),
            Job::TaxonomyList(t),
            Some(format!("taxonomy {name}")),
        );
        for (k, term) in taxonomy.terms.iter().enumerate() {
            let base = term_path(name, &term.slug);
            let pagers = pager_count(term.pages.len(), taxonomy.config.paginate_by);
            for p in 0..pagers {
                plan.add_listed(
                    &pager_path(&base, "page", p),
                    base_url,
                    None,
                    format!("{name} term {:?} (page {})", term.name, p + 1),
                    Job::TermPager {
                        taxonomy: t,
                        term: k,
                        pager: p,
                    },
                    None,
                );
            }
            if taxonomy.config.paginate_by.is_some() {
                plan.add(
                    file_of(&format!("{base}page/1/")),
                    format!("{name} term {:?} (page 1)", term.name),
                    Job::Redirect(permalink(base_url, &base)),
                );
            }
            if taxonomy.config.feed && library.language.feed {
                plan.add(
                    format!("{base}atom.xml"),
                    format!("feed of {name} term {:?}", term.name),
                    Job::Feed(Feed::Term(t, k)),
                );
            }
        }
    }
    for (t, table) in tables.iter().enumerate() {
        plan.add_listed(
            &statistics_path(&table.id),
            base_url,
            None,
            format!("statistics page of table {}", table.id),
            Job::StatisticsTable(t),
            Some(format!("table {}", table.id)),
        );
    }
    if input.config.search.enabled {
        plan.add(
            file_of(super::SEARCH_PATH),
            "the search page ([search] in config.toml)".into(),
            Job::Search,
        );
    }
    let generated = "generated by safestat".to_string();
    if library.language.feed {
        plan.add("atom.xml".into(), generated.clone(), Job::Feed(Feed::Site));
    }
    if !library.language.is_default {
        return Ok(plan);
    }
    plan.add("sitemap.xml".into(), generated.clone(), Job::Sitemap);
    plan.add(
        "robots.txt".into(),
        generated.clone(),
        Job::Template("robots.txt"),
    );
    plan.add(
        "404.html".into(),
        generated.clone(),
        Job::Template("404.html"),
    );
    plan.add("style.css".into(), generated, Job::Template("style.css"));
    for file in &library.files {
        plan.add(
            file.output.clone(),
            file.source.display().to_string(),
            Job::Copy(file.source.clone()),
        );
    }
    for file in generated_files {
        let path = normalise_file_path(&file.path, "generated file")
            .map_err(|m| anyhow::anyhow!("{}: {m}", file.source))?;
        plan.add(path, file.source.clone(), Job::Generated(&file.bytes));
    }
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        for file in walk::files(root, &static_dir, Hidden::Keep)? {
            let shown = file.path.strip_prefix(root).unwrap_or(&file.path);
            plan.add(
                file.relative,
                shown.display().to_string(),
                Job::Copy(file.path.clone()),
            );
        }
    }
    Ok(plan)
}

/// Lists every output path claimed by two sources, whether both write it as a file or one
/// writes a file inside it (`atom.xml/index.html` beside the feed `atom.xml`).
pub(super) fn duplicates(outputs: &[Planned]) -> Vec<String> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut errors = Vec::new();
    for o in outputs {
        if let Some(first) = seen.insert(&o.path, &o.source) {
            errors.push(format!(
                "two sources write {}: {first} and {}",
                o.path, o.source
            ));
        }
    }
    for o in outputs {
        let folders = o.path.match_indices('/').map(|(i, _)| &o.path[..i]);
        for folder in folders {
            if let Some(file) = seen.get(folder) {
                errors.push(format!(
                    "two sources claim {folder}: {} writes {} inside it, and {file} writes it as a file",
                    o.source, o.path
                ));
            }
        }
    }
    errors
}
