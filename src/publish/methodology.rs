//! The methodology text, generated from the `[privacy]` settings and the published tables, in
//! plain language for readers who are not statisticians.

use std::fmt::Write;

use crate::config::{PrivacyConfig, ZeroPolicy};
use crate::privacy::{CellValue, ProtectedTable};

use super::format::{escape_markdown as md_text, format_count};

/// The methodology as Markdown: the threshold k, what is suppressed and why, how totals and the
/// `Other`/`Unknown` categories work, the date of the data, and a list of the tables.
pub fn methodology_markdown(tables: &[ProtectedTable], privacy: &PrivacyConfig) -> String {
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
         small hatched box of a fixed size, never at its true size and never as zero. In the downloads a hidden \
         count is an empty `count` with the `flag` `suppressed`.\n\n"
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
