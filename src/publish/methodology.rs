//! The methodology text, generated from the `[privacy]` settings and the published tables, in
//! plain language for readers who are not statisticians.

use std::fmt::Write;

use crate::config::{PrivacyConfig, ZeroPolicy};
use crate::privacy::records::{ColumnRole, RecordRelease};
use crate::privacy::{CellValue, ProtectedTable};

use super::format::{escape_markdown as md_text, format_count};

/// The methodology as Markdown: the threshold k, what is suppressed and why, how totals and the
/// `Other`/`Unknown` categories work, the date of the data, what each record-level release
/// publishes (its file at `data_url` + file name, k, l, the generalisation, what a blank means),
/// and a list of the tables.
pub fn methodology_markdown(
    tables: &[ProtectedTable],
    releases: &[RecordRelease],
    privacy: &PrivacyConfig,
    data_url: &str,
) -> String {
    let k = privacy.k;
    let hidden = &md_text(&privacy.suppressed_text);
    let mut md = String::new();
    md.push_str("## How we protect the people behind these numbers\n\n");
    md.push_str(
        "Every figure on this site is a count of cases. Behind each case is a person, and a very small count \
         can be enough to recognise someone — a family, a community or a trafficker who knows the story may be \
         able to tell who is meant. Before anything is published, every table goes through statistical \
         disclosure control.\n\n",
    );
    let _ = write!(
        md,
        "### The threshold: {k}\n\nEvery count we publish is either 0 or at least **{k}**. A count from 1 to {} \
         is not published; where it would appear we write “{hidden}”.",
        k.saturating_sub(1)
    );
    match privacy.zeros {
        ZeroPolicy::Publish => md.push_str(
            " A zero is published as 0: an empty cell describes nobody.\n\n",
        ),
        ZeroPolicy::Suppress => md.push_str(
            " Zeros are treated like small counts and are not published either, because here even knowing \
             that nobody is in a group can reveal something about the others.\n\n",
        ),
    }
    let _ = write!(
        md,
        "### Why some larger counts are hidden too\n\nHiding the small counts alone is not enough: if a table shows \
         a total and all but one of the counts that add up to it, anyone can subtract and recover the hidden one. \
         So we also hide some other counts — often larger ones — chosen so that no hidden count can be worked out \
         from the totals, from the other counts, or by combining several tables. All tables on this site are \
         protected together, as one system: a count that appears in two tables is either shown in both or hidden \
         in both.\n\n\
         Every hidden count looks the same — “{hidden}” — whether it was small or hidden to protect another \
         one. Telling them apart would point at the small ones, so we never do. Charts draw a hidden count as a \
         small crossed circle at the axis (in a line chart, a gap in the line and a hatched mark below it), the \
         same for every hidden count: never at its true size and never as zero. In the downloads a hidden \
         count is an empty `count` with the `flag` `suppressed`; in the spreadsheets it reads “{hidden}”.\n\n"
    );
    let _ = write!(
        md,
        "### How the protection is checked\n\nEvery time the site is built, a check assumes someone who knows every \
         number published on this site exactly, knows that the tables add up (a total is the sum of its counts, and \
         the same cases counted in two tables are the same cases) and that no count is negative — but not which \
         combinations of characteristics actually occur among the cases. For every hidden count it works out the \
         smallest and largest value that person could still believe, by solving the same equations they could \
         solve. A hidden small count must be able to be {k} or more, and the range must span at least {k1} \
         values; no other hidden count may be pinned down exactly. If any check fails, nothing is published.\n\n",
        k = privacy.k,
        k1 = privacy.k + 1,
    );
    md.push_str(
        "### Totals\n\nEvery table has totals: a row or column marked **Total** is the sum over all categories \
         of that dimension, computed from the full data before anything was hidden. A total may therefore be \
         larger than the sum of the counts shown next to it, and a total can itself be hidden.\n\n",
    );
    let _ = write!(
        md,
        "### “{other}” and “{unknown}”\n\nCategories with very few cases — a rare nationality, say — are not shown \
         on their own: they are pooled into one category called “{other}”, so a rare category cannot single \
         anyone out. Cases for which a value was not recorded are counted under “{unknown}”, so the categories \
         of a table still add up to its total.\n\n",
        other = md_text(&privacy.other_label),
        unknown = md_text(&privacy.unknown_label),
    );
    md.push_str("### The data\n\n");
    match &privacy.data_date {
        Some(date) => {
            let _ = write!(
                md,
                "The figures describe the data as of **{}**. ",
                md_text(date)
            );
        }
        None => md.push_str("The figures describe the data at the time this site was last built. "),
    }
    md.push_str(
        "Cases registered later, or corrected since, are not included, so figures may change between \
         editions.\n\n",
    );
    for release in releases {
        record_release(&mut md, release, data_url);
    }
    if !tables.is_empty() {
        md.push_str("### The tables\n\n");
        for table in tables {
            let total = match table.grand_total().value {
                CellValue::Published(n) => format!("{} cases in total", format_count(n)),
                CellValue::Suppressed => format!("total {hidden}"),
            };
            let by: Vec<String> = table.dimensions.iter().map(|d| md_text(&d.label)).collect();
            let _ = write!(md, "- **{}**", md_text(&table.title));
            if !by.is_empty() {
                let _ = write!(md, " — by {}", by.join(", "));
            }
            if !table.filter.is_empty() {
                let _ = write!(md, "; {}", md_text(&table.filter));
            }
            let hidden_cells = table
                .cells
                .iter()
                .filter(|c| c.value == CellValue::Suppressed)
                .count();
            let _ = writeln!(
                md,
                " ({total}; {} of {} cells {hidden}).",
                hidden_cells,
                table.cells.len()
            );
        }
        md.push('\n');
    }
    md
}

/// What a record-level release publishes and how it is protected, for readers.
fn record_release(md: &mut String, release: &RecordRelease, data_url: &str) {
    let file = release.file_name();
    let labels = |role: fn(&ColumnRole) -> bool| -> Vec<String> {
        release
            .columns
            .iter()
            .filter(|c| role(&c.role))
            .map(|c| md_text(&c.label))
            .collect()
    };
    let quasi = labels(|r| matches!(r, ColumnRole::QuasiIdentifier { .. }));
    let others = labels(|r| *r == ColumnRole::Other);
    let _ = write!(
        md,
        "### The case records: {}\n\nBesides the tables, the case records of *{}* are published \
         themselves, one row per case in a random order, as [{}]({data_url}{file}) ({} records). \
         Before release they were k-anonymised: every combination of {} — what someone who knows a \
         victim might know — is shared by at least **{}** records",
        md_text(&file),
        md_text(&release.title),
        md_text(&file),
        format_count(release.len as u64),
        quasi.join(", "),
        release.report.k,
    );
    match (release.report.l, release.sensitive_column()) {
        (Some(l), Some(sensitive)) => {
            let _ = write!(
                md,
                ", and those records hold at least **{l}** different values of {} (l-diversity), so \
                 knowing someone's group does not tell which of them applies.\n\n",
                md_text(&sensitive.label)
            );
        }
        _ => md.push_str(".\n\n"),
    }
    md.push_str("How each of those characteristics is released:\n\n");
    for column in &release.columns {
        if matches!(column.role, ColumnRole::QuasiIdentifier { .. }) {
            let _ = writeln!(
                md,
                "- {}: {}",
                md_text(&column.label),
                md_text(&release.generalisation(column))
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
    match recorded.len() {
        0 => {}
        1 => {
            let _ = write!(md, "{} is published as recorded. ", recorded[0]);
        }
        _ => {
            let _ = write!(md, "{} are published as recorded. ", recorded.join(", "));
        }
    }
    md.push_str(
        "**A blank means unknown or not released**: the value was either never recorded or left \
         out to protect the record. The two look the same on purpose, and a blank matches only other \
         blanks. Records that no blanking could protect are left out of the file. The tables of \
         this data are counted from the released records, not from the case records: they show the \
         same periods, groups and regions, count a blank as unknown, and are then protected like \
         any other table, so a table tells nothing the file does not.\n\n",
    );
}
