//! The `[release]` table of a dataset schema, as written: parsed here with the schema, resolved
//! and carried out by `privacy::records`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `[release]` in a dataset schema: a k-anonymous record-level download of the dataset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseSpec {
    /// Whether the release is published (default: true once `[release]` is present).
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// Every combination of quasi-identifiers in the file is shared by at least `k` records.
    /// Default: `[privacy] k`. It may be raised, never set below 2.
    pub k: Option<u32>,
    /// The columns an attacker could know about a victim (year, gender, age band, citizenship, …).
    pub quasi_identifiers: Vec<String>,
    /// The column whose values must be diverse within each class (e.g. exploitation type).
    pub sensitive: Option<String>,
    /// Each class holds at least `l` distinct values of `sensitive` (distinct l-diversity).
    pub l: Option<u32>,
    /// The largest share of records (0 ≤ share < 1) that may remain in classes smaller than k after
    /// generalisation; local suppression then rescues as many of them as it can. Default 0.05.
    #[serde(default = "default_max_suppressed_records")]
    pub max_suppressed_records: f64,
    /// Generalisation hierarchy per quasi-identifier. A quasi-identifier without one is only ever
    /// suppressed locally, never generalised.
    #[serde(default)]
    pub hierarchy: BTreeMap<String, HierarchySpec>,
}

fn enabled_by_default() -> bool {
    true
}

fn default_max_suppressed_records() -> f64 {
    0.05
}

/// How a quasi-identifier is generalised: `[release.hierarchy.<column>]`. Exactly one of
/// `levels`, `builtin`, `periods` or `width`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HierarchySpec {
    /// Explicit levels, each mapping the categories of the level below (by code or label) to a
    /// coarser category: `levels = [{ "0–8" = "Minor", "9–17" = "Minor", "18–20" = "Adult" }]`.
    pub levels: Option<Vec<BTreeMap<String, String>>>,
    /// A hierarchy shipped with safestat: `m49` (country → sub-region → region) or
    /// `m49_intermediate` (country → intermediate region → sub-region → region), both keyed by
    /// ISO 3166-1 alpha-2 codes.
    pub builtin: Option<Builtin>,
    /// One level of explicit year periods, inclusive: `periods = [[2015, 2019], [2020, 2025]]`.
    pub periods: Option<Vec<[i64; 2]>>,
    /// One level of periods of `width` years, counted from `origin` (default: the first year).
    pub width: Option<u32>,
    pub origin: Option<i64>,
    /// The category that values no rule covers fall into (e.g. a pooled `Other`). Without it such
    /// a value is an error that names it.
    pub unmatched: Option<String>,
}

/// A built-in hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    M49,
    M49Intermediate,
}
