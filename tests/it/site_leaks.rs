//! Leak tests over a whole built site (issue 4): the fixture's data has planted rare records (one
//! person from Comoros, three from Chad, two men registered in 2023). The true values of the
//! suppressed cells come from the `AuditReport` of the same data, and every output file — HTML,
//! SVG, CSV, JSON, feeds, sitemap — is searched in every context where a number is a count:
//!
//! - HTML table cells (`<td class="num…">`), in pages and embedded in feeds;
//! - chart marks (`<title>label: value</title>` of each mark) and the geometry of placeholders;
//! - `data-` attributes;
//! - the `count` column of CSV downloads and the `count` of JSON cells;
//! - the number cells of XLSX downloads (decoded with calamine; their text is searched too);
//! - prose figures quoted through shortcodes;
//! - the search index (`pagefind/`): its page fragments decoded (the text it shows in results),
//!   and its word lists; Pagefind's program files (scripts, styles, WebAssembly) must be the
//!   same bytes as an empty site's, so that they carry nothing of this one.
//!
//! Each such number must be a published cell's (so 0 or at least k), and never a suppressed cell's
//! true value; the labels and codes of categories pooled into `Other` (from the audit: the planted
//! rare countries and whatever was pooled with them) and the raw case file appear nowhere.

use std::collections::BTreeSet;

use safestat::privacy::CellValue;
use safestat::site::{load_config, protect_data};

use crate::site_statistics::{cases_csv, statistics_site, RARE, RARE_LABELS};
use crate::xlsx_support::{xlsx_sheets, xlsx_text, XlsxCell};

/// Text as a reader sees it: XML/HTML entities of feeds and sitemaps decoded.
fn decoded(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `1,234` → 1234; `None` when the text is not a count.
fn count(text: &str) -> Option<u64> {
    let digits = text.trim().replace(',', "");
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().unwrap())
}

/// The contents of every `<td class="num…">…</td>`, without `<strong>`.
fn number_cells(html: &str) -> Vec<String> {
    html.split("<td class=\"num")
        .skip(1)
        .map(|td| {
            let content = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()];
            content
                .trim_start_matches("<strong>")
                .trim_end_matches("</strong>")
                .to_string()
        })
        .collect()
}

/// The value named by each chart mark's tooltip (`<title>2023, Male: 90</title>`).
fn mark_values(html: &str) -> Vec<String> {
    html.split("<svg")
        .skip(1)
        .flat_map(|svg| {
            let svg = &svg[..svg.find("</svg>").unwrap()];
            svg.split("<title>")
                .skip(2)
                .filter_map(|t| {
                    let t = &t[..t.find("</title>").unwrap()];
                    t.rsplit_once(": ").map(|(_, v)| v.to_string())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Values of `data-…="…"` attributes.
fn data_attributes(text: &str) -> Vec<String> {
    text.match_indices(" data-")
        .filter_map(|(i, _)| {
            let rest = &text[i..];
            let eq = rest.find("=\"")?;
            let value = &rest[eq + 2..];
            Some(value[..value.find('"')?].to_string())
        })
        .collect()
}

/// An attribute of an element's attribute text.
fn attr<'a>(element: &'a str, name: &str) -> &'a str {
    let at = element
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {element}"));
    let v = &element[at + name.len() + 3..];
    &v[..v.find('"').unwrap()]
}

/// (width, height) of every mark of a chart whose tooltip says it is suppressed.
fn placeholder_sizes(svg: &str, suppressed_text: &str) -> Vec<(String, String)> {
    svg.split("<rect ")
        .skip(1)
        .filter_map(|rest| {
            let element = &rest[..rest.find('>').unwrap()];
            let title = rest[element.len() + 1..].strip_prefix("<title>")?;
            let title = &title[..title.find("</title>").unwrap()];
            title.ends_with(&format!(": {suppressed_text}")).then(|| {
                (
                    attr(element, "width").to_string(),
                    attr(element, "height").to_string(),
                )
            })
        })
        .collect()
}

/// Whether `needle` occurs in `text` as a whole word (not inside a longer run of letters/digits).
fn has_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

#[test]
fn no_suppressed_value_rare_label_or_case_data_reaches_any_output_file() {
    let f = statistics_site();
    f.with_search();
    f.build().unwrap();
    let config = load_config(f.root()).unwrap();
    let k = u64::from(config.privacy.k);
    let suppressed_text = config.privacy.suppressed_text.clone();
    let protection = protect_data(f.root(), &config).unwrap();

    let published: BTreeSet<u64> = protection
        .tables
        .iter()
        .flat_map(|t| t.cells.iter().filter_map(|c| c.value.published()))
        .collect();
    assert!(published.iter().all(|&n| n == 0 || n >= k), "{published:?}");
    let hidden: BTreeSet<u64> = protection
        .report
        .tables
        .iter()
        .flat_map(|t| t.suppressed.iter().map(|c| c.value))
        .filter(|v| !published.contains(v))
        .collect();
    // The planted combination is really suppressed: (2023, Male) = 2.
    assert!(hidden.contains(&2), "{hidden:?}");
    let pooled: Vec<&String> = protection
        .report
        .pooling
        .iter()
        .flat_map(|d| &d.dimensions)
        .flat_map(|d| &d.pooled_labels)
        .collect();
    for label in RARE_LABELS {
        assert!(
            pooled.iter().any(|l| l.as_str() == label),
            "{label} is pooled: {pooled:?}"
        );
    }
    let schema = f.read_source("data/cases.toml");
    let pooled_codes: Vec<&str> = schema
        .lines()
        .filter_map(|l| l.split_once(" = \""))
        .filter(|(_, label)| {
            pooled
                .iter()
                .any(|p| label.trim_end_matches('"') == p.as_str())
        })
        .map(|(code, _)| code.trim())
        .collect();
    assert_eq!(pooled_codes.len(), pooled.len(), "{pooled_codes:?}");
    for (_, code) in RARE {
        assert!(pooled_codes.contains(&code));
    }

    let raw = cases_csv();
    let case_refs: Vec<&str> = raw
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let is_count_ok = |where_: &str, text: &str| {
        if text == suppressed_text {
            return;
        }
        let n = count(text).unwrap_or_else(|| panic!("{where_}: {text:?} is not a count"));
        assert!(
            !hidden.contains(&n),
            "{where_}: {n} is the true value of a suppressed cell"
        );
        assert!(
            published.contains(&n),
            "{where_}: {n} is not a published cell"
        );
    };

    let program = crate::site_search::pagefind_program();
    let files = f.files();
    let mut checked = [0usize; 8];
    let mut placeholders = 0;
    for (path, bytes) in &files {
        if let Some(empty_site) = program.get(path) {
            assert!(
                empty_site == bytes,
                "{path} differs from an empty site's: Pagefind's program is the same for every site"
            );
            checked[6] += 1;
            continue;
        }
        // A spreadsheet is a zip: search what a reader sees in it, decoded by calamine; the
        // search index is gzipped.
        let text = if path.ends_with(".xlsx") {
            xlsx_text(bytes)
        } else if path.starts_with("pagefind/") {
            checked[7] += 1;
            let text = crate::site_search::index_text(bytes);
            // Its word lists hold words in lower case.
            let lower = text.to_lowercase();
            for label in &pooled {
                assert!(
                    !lower.contains(&label.to_lowercase()),
                    "{path}: the search index holds the pooled {label}"
                );
            }
            text
        } else {
            decoded(bytes)
        };
        if path.ends_with(".xlsx") {
            for (sheet, cells) in xlsx_sheets(bytes) {
                for cell in cells.values() {
                    if let XlsxCell::Number(n) = cell {
                        is_count_ok(&format!("{path}: sheet {sheet}"), &format!("{n}"));
                        checked[5] += 1;
                    }
                }
            }
        }
        for label in &pooled {
            assert!(
                !text.contains(label.as_str()),
                "{path} names the pooled {label}"
            );
        }
        for code in &pooled_codes {
            assert!(
                !has_word(&text, code),
                "{path} holds the pooled code {code}"
            );
        }
        for case_ref in &case_refs {
            assert!(!text.contains(case_ref), "{path} holds case {case_ref}");
        }
        for line in raw.lines() {
            assert!(!text.contains(line), "{path} holds the raw line {line:?}");
        }
        for cell in number_cells(&text) {
            is_count_ok(&format!("{path}: table cell"), &cell);
            checked[0] += 1;
        }
        for value in mark_values(&text) {
            is_count_ok(&format!("{path}: chart mark"), &value);
            checked[1] += 1;
        }
        for value in data_attributes(&text) {
            if let Some(n) = count(&value) {
                assert!(!hidden.contains(&n), "{path}: data- attribute {n}");
            }
        }
        for svg in text.split("<svg").skip(1) {
            let sizes = placeholder_sizes(&svg[..svg.find("</svg>").unwrap()], &suppressed_text);
            assert!(
                sizes.iter().collect::<BTreeSet<_>>().len() <= 1,
                "{path}: suppressed cells are drawn in one fixed size: {sizes:?}"
            );
            placeholders += sizes.len();
        }
        if path.starts_with("data/") && path.ends_with(".csv") {
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap().split(',').collect();
            let at = header.iter().position(|h| *h == "count").unwrap();
            let flag = header.iter().position(|h| *h == "flag").unwrap();
            for line in lines {
                let fields: Vec<&str> = line.split(',').collect();
                if fields[flag] == "suppressed" {
                    assert_eq!(fields[at], "", "{path}: {line}");
                } else {
                    is_count_ok(&format!("{path}: {line}"), fields[at]);
                }
                checked[2] += 1;
            }
        }
        if path.starts_with("data/")
            && path.ends_with(".json")
            && !path.ends_with("datapackage.json")
        {
            let json: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            for cell in json["cells"].as_array().unwrap() {
                match &cell["count"] {
                    serde_json::Value::Null => {}
                    serde_json::Value::Number(n) => {
                        is_count_ok(&format!("{path}: {cell}"), &n.to_string());
                    }
                    other => panic!("{path}: count {other}"),
                }
                checked[3] += 1;
            }
        }
    }
    assert!(placeholders > 0, "the charts draw suppressed placeholders");

    // The figures quoted in prose: each published or the suppressed words.
    let news = decoded(
        &files
            .iter()
            .find(|(p, _)| p == "news/annual-figures/index.html")
            .unwrap()
            .1,
    );
    let prose = &news[news.find("We registered").unwrap()..news.find("<figure").unwrap()];
    for word in prose.split(|c: char| c.is_whitespace() || c == ';' || c == ':') {
        let word = word.trim_end_matches(['.', ',']);
        if ["2022", "2023", "2024"].contains(&word) {
            continue; // a year, written by the author
        }
        if let Some(n) = count(word) {
            is_count_ok("prose", &n.to_string());
            checked[4] += 1;
        }
    }
    assert!(prose.contains(&suppressed_text));

    assert!(
        checked.iter().all(|&n| n > 0),
        "every kind of context was checked at least once: {checked:?}"
    );
    for (path, _) in &files {
        assert!(
            !["data/cases.csv", "data/cases.toml", "data/tables.toml"].contains(&path.as_str()),
            "{path} is copied from data/"
        );
    }
}

#[test]
fn a_suppressed_cell_prints_the_configured_words_everywhere() {
    let f = statistics_site();
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &config.replace("[privacy]\n", "[privacy]\nsuppressed_text = \"withheld\"\n"),
    );
    f.build().unwrap();
    let config = load_config(f.root()).unwrap();
    let protection = protect_data(f.root(), &config).unwrap();
    let by_year_gender = protection
        .tables
        .iter()
        .find(|t| t.id == "by-year-gender")
        .unwrap();
    let suppressed = by_year_gender
        .cells
        .iter()
        .filter(|c| c.value == CellValue::Suppressed)
        .count();
    assert!(suppressed >= 2);
    let page = f.read("statistics/by-year-gender/index.html");
    let cells = number_cells(&page);
    assert_eq!(
        cells.iter().filter(|c| *c == "withheld").count(),
        suppressed
    );
    assert!(!page.contains("not published"));
    let news = f.read("news/annual-figures/index.html");
    assert!(news.contains("Men registered in 2023: withheld"));
    assert!(f
        .read("index.html")
        .contains("<span class=\"figure\">withheld</span>"));
    assert!(f.read("data/datapackage.json").contains("withheld"));
}
