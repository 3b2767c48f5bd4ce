//! The preview's caches (`safestat serve` keeps the protection and the downloads between builds):
//! a build through them writes exactly what a build without them writes, whatever changed.

use std::sync::Arc;

use safestat::site::{build, BuildCache, BuildOptions};

use crate::site_fixture::{files_under, Fixture};
use crate::site_i18n::translated_labels;

/// Builds `f` through `cache` and without any cache, and checks that both wrote the same files,
/// byte for byte; returns them.
fn build_both(f: &Fixture, cache: &Arc<BuildCache>) -> Vec<(String, Vec<u8>)> {
    let cached = f.root().join("public-cached");
    let fresh = f.root().join("public-fresh");
    build(&BuildOptions {
        output_dir: Some(cached.clone()),
        cache: Some(Arc::clone(cache)),
        ..f.options()
    })
    .unwrap();
    build(&BuildOptions {
        output_dir: Some(fresh.clone()),
        ..f.options()
    })
    .unwrap();
    let (cached, fresh) = (files_under(&cached), files_under(&fresh));
    assert_eq!(
        cached.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        fresh.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in cached.iter().zip(&fresh) {
        assert!(a == b, "{path} differs from a build without the cache");
    }
    cached
}

fn bytes<'a>(files: &'a [(String, Vec<u8>)], path: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("{path} was not written"))
        .1
}

/// Each input the kept results are made from — the data, a privacy setting, a label in `data/`,
/// the theme's words in `i18n/` (which `data/` and `config.toml` do not hold), the configuration,
/// the edition's date and a template — changes the file named beside it, and the cached build
/// follows it; a page edit changes no download.
#[test]
fn a_cached_build_writes_what_a_build_without_the_cache_writes_after_each_change() {
    let f = translated_labels();
    let cache = Arc::new(BuildCache::default());
    let mut before = build_both(&f, &cache);

    type Change = fn(&Fixture);
    let changes: [(&str, Change, &str); 9] = [
        (
            "a page edit",
            |f| {
                let page = f.read_source("content/news/annual-figures.md");
                f.file(
                    "content/news/annual-figures.md",
                    &page.replace("victims", "people"),
                );
            },
            "",
        ),
        (
            "new cases",
            |f| {
                let mut csv = f.read_source("data/cases.csv");
                for i in 0..20 {
                    csv.push_str(&format!("SR-{:05},2024,F,LB\n", 90_000 + i));
                }
                f.file("data/cases.csv", &csv);
            },
            "data/by-year.csv",
        ),
        (
            "a privacy setting",
            |f| {
                let config = f.read_source("config.toml");
                f.file(
                    "config.toml",
                    &config.replace("[privacy]\n", "[privacy]\nsuppressed_text = \"withheld\"\n"),
                );
            },
            "data/by-year-gender.xlsx",
        ),
        (
            "a label",
            |f| {
                let schema = f.read_source("data/cases.toml");
                f.file(
                    "data/cases.toml",
                    &schema.replace("ar = \"أنثى\"", "ar = \"إناث\""),
                );
            },
            "ar/data/by-year-gender.json",
        ),
        (
            "the theme's words",
            |f| {
                f.file("i18n/ar.ftl", "category-other = بلدان أخرى\n");
            },
            "ar/data/by-citizenship.csv",
        ),
        (
            "the configuration",
            |f| {
                let config = f.read_source("config.toml");
                f.file(
                    "config.toml",
                    &config.replace("title = \"Test site\"", "title = \"Another site\""),
                );
            },
            "data/datapackage.json",
        ),
        (
            "the edition's date (a newer page)",
            |f| {
                f.news("later", "2025-09-01", "");
            },
            "data/by-year.xlsx",
        ),
        (
            "a template",
            |f| {
                f.file("templates/robots.txt", "User-agent: *\nDisallow: /\n");
            },
            "robots.txt",
        ),
        (
            "a page edit after all that",
            |f| {
                let page = f.read_source("content/news/later.md");
                f.file("content/news/later.md", &page.replace("Text", "The text"));
            },
            "",
        ),
    ];
    for (what, change, changed) in changes {
        change(&f);
        let after = build_both(&f, &cache);
        let downloads = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
            files
                .iter()
                .filter(|(p, _)| p.starts_with("data/") || p.contains("/data/"))
                .cloned()
                .collect()
        };
        if changed.is_empty() {
            assert!(
                downloads(&after) == downloads(&before),
                "{what} changed a download"
            );
        } else {
            assert!(
                bytes(&after, changed) != bytes(&before, changed),
                "{what} did not change {changed}"
            );
        }
        before = after;
    }
}
