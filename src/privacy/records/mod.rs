//! k-anonymous record-level releases: one row per case, safe to publish as
//! `<dataset>-records.csv`.
//!
//! Owns: choosing how far to generalise each quasi-identifier, suppressing the values and records
//! that still stand out, and handing back the released records (columnar codes), their CSV bytes,
//! a case-table view of them, and a [`ReleaseReport`].
//!
//! Never does: file I/O, rendering, or reading anything but the [`CaseTable`] it is given. The
//! released records are not `Serialize`; [`records_csv`] is the only way to bytes.
//!
//! # The guarantee
//!
//! In the released file, every combination of the quasi-identifier columns — compared as written,
//! with a blank a value of its own that matches only other blanks — is shared by at least `k` rows,
//! and, when `l` is set, those rows hold at least `l` distinct values of the sensitive column (a
//! blank counting as one value). A blank is the dataset's Unknown: a value that was never recorded
//! and a suppressed value look the same. [`release`] re-checks the guarantee on its own output and
//! fails rather than return a release that breaks it.
//!
//! # The spec: `[release]` in a dataset schema
//!
//! ```toml
//! [release]
//! enabled = true                 # default once [release] is present; false: declared, not published
//! k = 11                         # default: [privacy] k; may only be raised
//! quasi_identifiers = ["year", "gender", "age_band", "citizenship", "country_of_exploitation"]
//! sensitive = "exploitation_type"
//! l = 2                          # optional: distinct l-diversity of `sensitive`
//! max_suppressed_records = 0.05  # share of records allowed in too-small classes after generalising
//!
//! [release.hierarchy.age_band]   # explicit levels, each mapping the level below (code or label)
//! levels = [{ "0–8" = "Minor", "9–17" = "Minor", "18–20" = "Adult", "21–29" = "Adult", "30+" = "Adult" }]
//!
//! [release.hierarchy.citizenship]
//! builtin = "m49"                # ISO alpha-2 → M49 sub-region → region ("m49_intermediate" adds
//! unmatched = "Other"            # intermediate regions); `unmatched` catches a pooled `Other`
//!
//! [release.hierarchy.year]
//! periods = [[2015, 2019], [2020, 2025]]   # or: width = 5 (origin = 2015)
//! ```
//!
//! The release holds every dimension column of the dataset (direct identifiers are `drop` columns,
//! which a [`CaseTable`] never holds). A quasi-identifier without a hierarchy is never generalised,
//! only suppressed locally. Columns that are neither quasi-identifiers nor sensitive are published
//! as they are: declare every column an attacker could know as a quasi-identifier.
//!
//! # Using it
//!
//! ```text
//! ReleaseSpec (serde, from the schema's [release])
//!   .resolve(&case_table, privacy.k, &privacy.unknown_label) -> ResolvedReleaseSpec
//! release(&case_table, &resolved)            -> RecordRelease (records + ReleaseReport)
//! records_csv(&record_release)               -> bytes of <dataset>-records.csv
//! record_release.case_table()                -> the CaseTable every table of the dataset is
//!                                               computed from (blanks counted as Unknown)
//! record_release.view_filter(&table_filter)  -> that table filter, carried over to the view
//! ```
//!
//! # The algorithm
//!
//! 1. Full-domain generalisation (`lattice.rs`): a search of the lattice of generalisation levels in
//!    the spirit of ARX's Flash (monotonicity and predictive tagging to evaluate few nodes), for the
//!    node of least information loss among those leaving at most `max_suppressed_records` of the
//!    records in classes smaller than k (or less than l-diverse).
//! 2. Local suppression (`suppress.rs`) of those records' values, sdcMicro-style, fewest blanks first;
//!    records that no pattern of blanks can save are removed.
//! 3. Rows are put in a pseudo-random order seeded from the released content (never the input order,
//!    which can follow registration order): the same data gives the same bytes.
//!
//! Information loss is the mean over all quasi-identifier values of: 0 for a value published as is
//! (or an Unknown), `(merged categories − 1) / (known categories − 1)` for a generalised value, and 1
//! for a suppressed value or a value of a removed record.

mod hierarchy;
mod keys;
mod lattice;
mod m49;
mod output;
mod spec;
mod suppress;

pub use crate::data::{Builtin, HierarchySpec, ReleaseSpec};
pub use hierarchy::{Hierarchy, Level, BLANK};
pub use output::records_csv;
pub use spec::{QuasiIdentifier, ResolvedReleaseSpec};

use serde::Serialize;

use crate::data::{CaseTable, Category, ColumnKind};
use keys::{key_map, Frequencies, KeyMap, Layout};
use lattice::Classifier;

/// Why a release could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReleaseError {
    #[error(
        "dataset `{dataset}`: no generalisation reaches k = {k}{} with at most {limit} records \
         suppressed ({outliers} would be at the coarsest levels); add hierarchy levels or raise \
         `max_suppressed_records`",
        l.map(|l| format!(", l = {l}")).unwrap_or_default()
    )]
    Infeasible {
        dataset: String,
        k: u32,
        l: Option<u32>,
        limit: u64,
        outliers: u64,
    },
    #[error(
        "dataset `{dataset}`: the quasi-identifiers need {bits} bits to pack, more than 64; \
         declare fewer quasi-identifiers or generalise categories in the schema"
    )]
    KeyTooWide { dataset: String, bits: u32 },
    #[error(
        "dataset `{dataset}`: internal error: the release would publish a class {what}; \
         nothing is released"
    )]
    Unsafe { dataset: String, what: String },
}

/// What a released column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// Generalised to this level of its hierarchy (0 = as recorded).
    QuasiIdentifier {
        level: u8,
    },
    Sensitive,
    /// Published as recorded.
    Other,
}

/// One column of the released records.
#[derive(Debug, Clone)]
pub struct ReleasedColumn {
    pub id: String,
    pub label: String,
    /// The column's kind after generalisation (a year generalised to periods is a category).
    pub kind: ColumnKind,
    pub role: ColumnRole,
    /// The released categories in display order; never the Unknown category.
    pub categories: Vec<Category>,
    /// One code per released record: an index into `categories`, or [`BLANK`].
    pub codes: Vec<u32>,
    /// The category blanks are counted in when the release is read back as a case table, and where
    /// it sits in that table's category list (where the dataset had it, or last).
    pub unknown: Category,
    pub unknown_position: usize,
    pub pool_rare: bool,
    /// For each category code of the dataset's column: its code in `categories`, or [`BLANK`]
    /// (the column's Unknown). Suppression aside, this is how a recorded value is released.
    pub recode: Vec<u32>,
}

impl ReleasedColumn {
    /// The code in the case-table view ([`RecordRelease::case_table`]) of a released code.
    pub fn view_code(&self, code: u32) -> u32 {
        let at = self.unknown_position as u32;
        match code {
            BLANK => at,
            code if code >= at => code + 1,
            code => code,
        }
    }
}

/// A k-anonymous record-level release of one dataset. Rows are already in their published order.
#[derive(Debug, Clone)]
pub struct RecordRelease {
    pub dataset: String,
    pub title: String,
    /// The CSV the records were read from, for messages.
    pub source: std::path::PathBuf,
    pub len: usize,
    pub columns: Vec<ReleasedColumn>,
    pub report: ReleaseReport,
}

/// The generalisation chosen for one quasi-identifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeneralisationLevel {
    pub column: String,
    pub level: u8,
    /// The highest level its hierarchy offers.
    pub max_level: u8,
    pub name: String,
    /// Categories at this level (Unknown not counted).
    pub categories: usize,
    /// Values of this column blanked by local suppression.
    pub values_suppressed: u64,
}

/// What a release did, for `safestat audit`. Holds no record and no true value of anything
/// suppressed, but says how much was suppressed: keep it beside the audit, not in `public/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleaseReport {
    pub dataset: String,
    pub k: u32,
    pub l: Option<u32>,
    /// The smallest class in the released file (0 when nothing is released).
    pub k_achieved: u64,
    /// The fewest distinct sensitive values in a class, when a sensitive column is declared.
    pub l_achieved: Option<u32>,
    pub records: u64,
    pub records_released: u64,
    pub generalisation: Vec<GeneralisationLevel>,
    pub lattice_nodes: usize,
    pub nodes_evaluated: usize,
    /// Records in classes smaller than k (or not l-diverse) after generalisation, before local
    /// suppression.
    pub records_outlying: u64,
    /// Records published with every quasi-identifier blanked.
    pub records_fully_suppressed: u64,
    /// The most records `max_suppressed_records` let stay in too-small classes after generalisation.
    pub records_suppression_limit: u64,
    /// Records left out of the release: no pattern of blanks made them safe.
    pub records_removed: u64,
    /// Quasi-identifier values blanked by local suppression.
    pub values_suppressed: u64,
    /// `values_suppressed` over all quasi-identifier values of all records.
    pub suppressed_value_share: f64,
    pub equivalence_classes: u64,
    pub average_class_size: f64,
    /// See the module documentation: 0 is the data as recorded, 1 is nothing left.
    pub information_loss: f64,
}

/// Releases `table` under `spec`: generalises, suppresses, orders, and checks the result.
pub fn release(
    table: &CaseTable,
    spec: &ResolvedReleaseSpec,
) -> Result<RecordRelease, ReleaseError> {
    let n = table.len;
    let layout = Layout::new(table, spec)?;
    let record_keys = layout.record_keys(table, spec);
    let freq = Frequencies::new(&record_keys);
    let classifier = Classifier::new(&layout, &freq, u64::from(spec.k), spec.l, n as u64);
    let limit = (spec.max_suppressed_records * n as f64).floor() as u64;
    let outcome = lattice::search(&classifier, limit);
    let Some(node) = outcome.node else {
        let top: Vec<u8> = layout.heights().iter().map(|h| h - 1).collect();
        return Err(ReleaseError::Infeasible {
            dataset: table.dataset.clone(),
            k: spec.k,
            l: spec.l,
            limit,
            outliers: outcome
                .top_outliers
                .unwrap_or_else(|| classifier.evaluate(&top).outliers),
        });
    };
    let levels: Vec<&Level> = spec
        .quasi_identifiers
        .iter()
        .zip(&node)
        .map(|(qi, &l)| &qi.hierarchy.levels[l as usize])
        .collect();
    let classes = classifier.classes(&node);
    let category_counts: Vec<usize> = levels.iter().map(|l| l.categories.len()).collect();
    let suppression = suppress::suppress(&classifier, &node, &classes, &category_counts);
    drop(classes);

    // Each record's published key, or none if removed; and the information it loses.
    let qi_mask = layout.qi_mask();
    let mut kept: Vec<u32> = Vec::with_capacity(n);
    let mut published: Vec<u64> = Vec::with_capacity(n);
    let mut lost = 0.0;
    for (r, &key) in record_keys.iter().enumerate() {
        let general = layout.generalise(key, &node) & qi_mask;
        let target = match suppression.remap.get(&general) {
            Some(Some(target)) => *target,
            Some(None) => {
                lost += f64::from(layout.known_values(key));
                continue;
            }
            None => general,
        };
        for (qi, &level) in node.iter().enumerate() {
            let field = layout.field(key, qi);
            let published = layout.field(target, qi);
            if published == 0 {
                lost += if field == 0 { 0.0 } else { 1.0 };
            } else {
                lost += layout.value_loss(qi, layout.merged(qi, level, published));
            }
        }
        kept.push(r as u32);
        published.push(target | (key & !qi_mask));
    }
    drop(record_keys);

    let (k_achieved, l_achieved, equivalence_classes) =
        class_sizes(&published, qi_mask, spec.sensitive.is_some());
    if !published.is_empty() {
        let unsafe_class = |what: String| ReleaseError::Unsafe {
            dataset: table.dataset.clone(),
            what,
        };
        if k_achieved < u64::from(spec.k) {
            return Err(unsafe_class(format!("of {k_achieved} < k = {}", spec.k)));
        }
        if let (Some(l), Some(achieved)) = (spec.l, l_achieved) {
            if achieved < l {
                return Err(unsafe_class(format!(
                    "with {achieved} < l = {l} sensitive values"
                )));
            }
        }
    }

    let columns = output::columns(table, spec, &layout, &node, &kept, &published);
    drop(published);
    let released = kept.len();
    let columns = output::shuffle(columns, released);
    let qis = spec.quasi_identifiers.len();
    let report = ReleaseReport {
        dataset: table.dataset.clone(),
        k: spec.k,
        l: spec.l,
        k_achieved,
        l_achieved,
        records: n as u64,
        records_released: released as u64,
        generalisation: spec
            .quasi_identifiers
            .iter()
            .zip(&node)
            .zip(&suppression.values_suppressed_by_column)
            .map(|((qi, &level), &values_suppressed)| {
                let l = &qi.hierarchy.levels[level as usize];
                GeneralisationLevel {
                    column: table.columns[qi.column].id.clone(),
                    level,
                    max_level: (qi.hierarchy.levels.len() - 1) as u8,
                    name: l.name.clone(),
                    categories: l.categories.len(),
                    values_suppressed,
                }
            })
            .collect(),
        lattice_nodes: outcome.lattice_size,
        nodes_evaluated: outcome.evaluated,
        records_suppression_limit: limit,
        records_outlying: outcome.evaluation.map_or(0, |e| e.outliers),
        records_fully_suppressed: suppression.records_fully_suppressed,
        records_removed: suppression.records_removed,
        values_suppressed: suppression.values_suppressed,
        suppressed_value_share: ratio(suppression.values_suppressed as f64, (n * qis) as f64),
        equivalence_classes,
        average_class_size: ratio(released as f64, equivalence_classes as f64),
        information_loss: ratio(lost, (n * qis) as f64),
    };
    Ok(RecordRelease {
        dataset: table.dataset.clone(),
        title: table.title.clone(),
        source: table.source.clone(),
        len: released,
        columns,
        report,
    })
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// The smallest class, the fewest distinct sensitive values in a class, and the number of classes.
fn class_sizes(published: &[u64], qi_mask: u64, sensitive: bool) -> (u64, Option<u32>, u64) {
    let mut classes: KeyMap<(u64, u32)> = key_map(1024);
    let mut seen: KeyMap<()> = key_map(if sensitive { 1024 } else { 0 });
    for &key in published {
        let class = classes.entry(key & qi_mask).or_default();
        class.0 += 1;
        if sensitive && seen.insert(key, ()).is_none() {
            class.1 += 1;
        }
    }
    let k = classes.values().map(|c| c.0).min().unwrap_or(0);
    let l = sensitive.then(|| classes.values().map(|c| c.1).min().unwrap_or(0));
    (k, l, classes.len() as u64)
}
