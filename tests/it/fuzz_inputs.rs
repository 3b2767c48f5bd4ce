//! Fuzz targets, on stable Rust, for every parser a user's file reaches: `config.toml`, a page's
//! front matter and Markdown with shortcodes, a section's `_index.md`, a dataset schema,
//! `tables.toml` and the CSV ingest. Each is fed arbitrary bytes, a soup of the parsers' tokens,
//! and mutations of the example site's own files, and must answer within [`LIMIT`] without a
//! panic: either a result, or errors that each name the file, a line and a column.
//!
//! Run longer with `benches/fuzz-long.sh` (or `PROPTEST_CASES=N cargo test --test it fuzz_`).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use safestat::config::Config;
use safestat::content::shortcode::{Args, Shortcodes};
use safestat::diagnostic::source_text;

use crate::fuzz_support::{
    bytes, cases, check_located, example, example_head, guarded, mutated, token_soup, LIMIT,
};

/// Cases per strategy and target in `cargo test`.
const CASES: u32 = 160;

fn config_result(bytes: Vec<u8>) -> Result<(), String> {
    let path = Path::new("config.toml");
    let result = guarded(LIMIT, move || {
        source_text(path, bytes)
            .map_err(anyhow::Error::new)
            .and_then(|text| Config::parse(&text, path))
            .map(drop)
    })?;
    match result {
        Ok(()) => Ok(()),
        Err(e) => check_located(&e, Path::new(""), &["config.toml"]),
    }
}

/// Shortcodes that know the example's table ids and nothing else.
struct ExampleShortcodes;

impl Shortcodes for ExampleShortcodes {
    fn expand(&self, name: &str, args: &Args) -> Result<String, String> {
        match (
            name,
            args.get("table").or(args.get("id")).map(String::as_str),
        ) {
            ("stat" | "percent" | "chart" | "table", Some("victims-by-year")) => Ok("42".into()),
            _ => Err(format!("unknown shortcode `{name}` or table")),
        }
    }
}

const PAGE: &str = "content/news/2026-06-30-annual-figures-2025.md";
const SECTION: &str = "content/news/_index.md";

/// Loads the example's content with `page` and `section` as the two news files.
fn content_result(page: Vec<u8>, section: Vec<u8>) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    for (path, bytes) in [
        ("content/_index.md", example("content/_index.md")),
        (PAGE, page),
        (SECTION, section),
    ] {
        let target = root.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let inner = root.clone();
    let result = guarded(LIMIT, move || {
        let config = Config::parse(
            std::str::from_utf8(&example("config.toml")).unwrap(),
            Path::new("config.toml"),
        )
        .unwrap();
        safestat::content::load(
            &inner,
            &config,
            &config.base_url_slash(),
            false,
            &ExampleShortcodes,
        )
        .map(drop)
    })?;
    match result {
        Ok(()) => Ok(()),
        Err(e) => check_located(&e, &root, &[PAGE, SECTION, "content/_index.md"]),
    }
}

const DATA_FILES: [&str; 5] = [
    "cases.toml",
    "cases.csv",
    "referrals.toml",
    "referrals.csv",
    "tables.toml",
];

/// The example's `data/`, its CSVs cut to their first rows.
fn example_data() -> Vec<(&'static str, Vec<u8>)> {
    DATA_FILES
        .iter()
        .map(|&name| {
            let path = format!("data/{name}");
            let bytes = if name.ends_with(".csv") {
                example_head(&path, 300)
            } else {
                example(&path)
            };
            (name, bytes)
        })
        .collect()
}

/// Loads the example's `data/` with `name` replaced by `bytes`.
fn data_result(name: &'static str, bytes: Vec<u8>) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for (file, example_bytes) in example_data() {
        let bytes = if file == name {
            bytes.clone()
        } else {
            example_bytes
        };
        std::fs::write(data.join(file), bytes).unwrap();
    }
    let inner: PathBuf = data.clone();
    let result = guarded(LIMIT, move || {
        safestat::data::load(&inner, &Config::default()).map(drop)
    })?;
    match result {
        Ok(()) => Ok(()),
        Err(e) => check_located(&e, &data, &DATA_FILES),
    }
}

#[test]
fn fuzz_the_example_inputs_themselves_load() {
    config_result(example("config.toml")).unwrap();
    content_result(example(PAGE), example(SECTION)).unwrap();
    data_result("cases.csv", example_head("data/cases.csv", 300)).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(CASES), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_config_bytes(input in bytes()) {
        config_result(input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_config_tokens(input in token_soup()) {
        config_result(input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_config_mutations(input in mutated(example("config.toml"))) {
        config_result(input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_page_bytes(input in bytes()) {
        content_result(input, example(SECTION)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_page_tokens(input in token_soup()) {
        content_result(input, example(SECTION)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_page_mutations(input in mutated(example(PAGE))) {
        content_result(input, example(SECTION)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_section_mutations(input in mutated(example(SECTION))) {
        content_result(example(PAGE), input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_schema_tokens(input in token_soup()) {
        data_result("cases.toml", input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_schema_mutations(input in mutated(example("data/cases.toml"))) {
        data_result("cases.toml", input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_tables_tokens(input in token_soup()) {
        data_result("tables.toml", input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_tables_mutations(input in mutated(example("data/tables.toml"))) {
        data_result("tables.toml", input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_csv_bytes(input in bytes()) {
        data_result("cases.csv", input).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fuzz_csv_mutations(input in mutated(example_head("data/cases.csv", 300))) {
        data_result("cases.csv", input).map_err(TestCaseError::fail)?;
    }
}
