//! The methodology text, generated from the `[privacy]` settings and the published tables, in
//! plain language for readers who are not statisticians, in the page's language: every sentence
//! is a message of the theme's translation files (`methodology-*`), with the settings, labels and
//! counts as its arguments (counts and dates written as the language writes them).

use std::fmt::Write;

use crate::config::{PrivacyConfig, ZeroPolicy};
use crate::privacy::records::{ColumnRole, RecordRelease};
use crate::privacy::{CellValue, ProtectedTable};

use super::format::{escape_markdown as md_text, Wording};

/// The methodology as Markdown in `wording`'s language: the threshold k, what is suppressed and
/// why, how totals and the `Other`/`Unknown` categories work, the date of the data, what each
/// record-level release publishes (its file at `data_url` + file name, k, l, the generalisation,
/// what a blank means), and a list of the tables.
pub fn methodology_markdown(
    tables: &[ProtectedTable],
    releases: &[RecordRelease],
    privacy: &PrivacyConfig,
    data_url: &str,
    wording: &dyn Wording,
) -> String {
    let say = |key: &str, args: &[(&str, &str)]| wording.words(key, args);
    let number = |n: u64| wording.numbers().count(n);
    let k = number(privacy.k as u64);
    let below = number(privacy.k.saturating_sub(1) as u64);
    let span = number(privacy.k as u64 + 1);
    let hidden = md_text(&privacy.suppressed_text);
    let hidden = hidden.as_str();
    let mut md = String::new();
    let section = |md: &mut String, heading: String, paragraphs: &[String]| {
        let _ = write!(md, "### {heading}\n\n");
        for paragraph in paragraphs {
            let _ = write!(md, "{paragraph}\n\n");
        }
    };
    let _ = write!(
        md,
        "## {}\n\n{}\n\n",
        say("methodology-heading", &[]),
        say("methodology-intro", &[])
    );
    let zeros = match privacy.zeros {
        ZeroPolicy::Publish => "methodology-zeros-published",
        ZeroPolicy::Suppress => "methodology-zeros-suppressed",
    };
    section(
        &mut md,
        say("methodology-threshold-heading", &[("k", &k)]),
        &[format!(
            "{} {}",
            say(
                "methodology-threshold",
                &[("k", &k), ("below", &below), ("suppressed", hidden)]
            ),
            say(zeros, &[])
        )],
    );
    section(
        &mut md,
        say("methodology-secondary-heading", &[]),
        &[
            say("methodology-secondary", &[]),
            say("methodology-one-marker", &[("suppressed", hidden)]),
        ],
    );
    section(
        &mut md,
        say("methodology-audit-heading", &[]),
        &[say("methodology-audit", &[("k", &k), ("span", &span)])],
    );
    let total = md_text(&say("table-total", &[]));
    section(
        &mut md,
        say("methodology-totals-heading", &[]),
        &[say("methodology-totals", &[("total", &total)])],
    );
    let (other, unknown) = (
        md_text(&privacy.other_label),
        md_text(&privacy.unknown_label),
    );
    let pooled = [("other", other.as_str()), ("unknown", unknown.as_str())];
    section(
        &mut md,
        say("methodology-pooling-heading", &pooled),
        &[say("methodology-pooling", &pooled)],
    );
    let as_of = match &privacy.data_date {
        Some(date) => say(
            "methodology-data-as-of",
            &[("date", &md_text(&wording.long_date(date)))],
        ),
        None => say("methodology-data-at-build", &[]),
    };
    section(
        &mut md,
        say("methodology-data-heading", &[]),
        &[format!("{as_of} {}", say("methodology-data-editions", &[]))],
    );
    for release in releases {
        record_release(&mut md, release, data_url, wording);
    }
    if !tables.is_empty() {
        let separator = say("list-separator", &[]);
        let _ = write!(md, "### {}\n\n", say("methodology-tables-heading", &[]));
        for table in tables {
            let total = match table.grand_total().value {
                CellValue::Published(n) => {
                    wording.words_for_count("methodology-table-total", n, &[("number", &number(n))])
                }
                CellValue::Suppressed => {
                    say("methodology-table-total-hidden", &[("suppressed", hidden)])
                }
            };
            let _ = write!(md, "- **{}**", md_text(&table.title));
            if !table.dimensions.is_empty() {
                let by: Vec<String> = table.dimensions.iter().map(|d| md_text(&d.label)).collect();
                let dimensions = by.join(&separator);
                let _ = write!(
                    md,
                    " {}",
                    say("methodology-table-by", &[("dimensions", &dimensions)])
                );
            }
            if !table.filter.is_empty() {
                md.push_str(&say(
                    "methodology-table-filter",
                    &[("filter", &md_text(&table.filter))],
                ));
            }
            let hidden_cells = table
                .cells
                .iter()
                .filter(|c| c.value == CellValue::Suppressed)
                .count();
            let _ = writeln!(
                md,
                " {}",
                say(
                    "methodology-table-cells",
                    &[
                        ("total", &total),
                        ("hidden", &number(hidden_cells as u64)),
                        ("cells", &number(table.cells.len() as u64)),
                        ("suppressed", hidden),
                    ]
                )
            );
        }
        md.push('\n');
    }
    md
}

/// What a record-level release publishes and how it is protected, for readers.
fn record_release(md: &mut String, release: &RecordRelease, data_url: &str, wording: &dyn Wording) {
    let say = |key: &str, args: &[(&str, &str)]| wording.words(key, args);
    let separator = say("list-separator", &[]);
    let file = md_text(&release.file_name());
    let labels = |role: fn(&ColumnRole) -> bool| -> Vec<String> {
        release
            .columns
            .iter()
            .filter(|c| role(&c.role))
            .map(|c| md_text(&c.label))
            .collect()
    };
    let quasi = labels(|r| matches!(r, ColumnRole::QuasiIdentifier { .. })).join(&separator);
    let others = labels(|r| *r == ColumnRole::Other);
    let url = format!("{data_url}{}", release.file_name());
    let records = wording.numbers().count(release.len as u64);
    let k = wording.numbers().count(release.report.k as u64);
    let title = md_text(&release.title);
    let mut args = vec![
        ("title", title.as_str()),
        ("file", file.as_str()),
        ("url", url.as_str()),
        ("number", records.as_str()),
        ("quasi", quasi.as_str()),
        ("k", k.as_str()),
    ];
    let diverse = release
        .report
        .l
        .zip(release.sensitive_column())
        .map(|(l, sensitive)| (wording.numbers().count(l as u64), md_text(&sensitive.label)));
    let paragraph = match &diverse {
        Some((l, sensitive)) => {
            args.push(("l", l));
            args.push(("sensitive", sensitive));
            say("methodology-records-l-diverse", &args)
        }
        None => say("methodology-records", &args),
    };
    let _ = write!(
        md,
        "### {}\n\n{paragraph}\n\n{}\n\n",
        say("methodology-records-heading", &[("file", &file)]),
        say("methodology-records-generalised", &[])
    );
    for column in &release.columns {
        if matches!(column.role, ColumnRole::QuasiIdentifier { .. }) {
            let _ = writeln!(
                md,
                "- {}: {}",
                md_text(&column.label),
                md_text(&super::records::generalisation(release, column, wording))
            );
        }
    }
    md.push('\n');
    let recorded: Vec<String> = release
        .sensitive_column()
        .map(|c| md_text(&c.label))
        .into_iter()
        .chain(others)
        .collect();
    if !recorded.is_empty() {
        let columns = recorded.join(&separator);
        let _ = write!(
            md,
            "{} ",
            wording.words_for_count(
                "methodology-records-as-recorded",
                recorded.len() as u64,
                &[("columns", &columns)]
            )
        );
    }
    let _ = write!(md, "{}\n\n", say("methodology-records-blank", &[]));
}
