//! Taxonomies (`tags`, `countries`, …): which pages carry which term.
//!
//! Never does: I/O or rendering. Terms whose names slugify alike are one term (first spelling wins,
//! in page order), so `/tags/<slug>/` is unique.

use std::collections::BTreeMap;

use super::slug::slugify;
use super::Page;
use crate::config::TaxonomyConfig;

/// A term and the pages carrying it, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub pages: Vec<usize>,
}

/// One taxonomy with its terms in slug order.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    pub terms: Vec<Term>,
}

/// Groups `pages` (indices in `order`: newest first, undated pages last) by term for each taxonomy.
pub fn collect(configs: &[TaxonomyConfig], pages: &[Page], order: &[usize]) -> Vec<Taxonomy> {
    configs
        .iter()
        .map(|config| {
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for &i in order {
                let Some(names) = pages[i].taxonomies.get(&config.name) else {
                    continue;
                };
                for name in names {
                    let slug = slugify(name);
                    let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                        name: name.clone(),
                        slug,
                        pages: Vec::new(),
                    });
                    if term.pages.last() != Some(&i) {
                        term.pages.push(i);
                    }
                }
            }
            Taxonomy {
                config: config.clone(),
                terms: terms.into_values().collect(),
            }
        })
        .collect()
}
