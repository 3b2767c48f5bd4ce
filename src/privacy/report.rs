//! The [`AuditReport`]: what was pooled and suppressed, and the interval the attacker is left with
//! for every suppressed cell. It holds true values, so it is for `safestat audit` only and is never
//! written under the site's output.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use serde::Serialize;

use crate::config::ZeroPolicy;

use super::records::ReleaseReport;

pub use super::pooling::PoolingAudit;

/// The audit of one build. Contains true values: for `safestat audit` only.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditReport {
    /// The threshold: every published count is 0 or at least `k`.
    pub k: u32,
    /// Whether zeros are published or suppressed.
    pub zeros: ZeroPolicy,
    /// The rules the audit proved, in words.
    pub rules: Vec<String>,
    /// Per dataset and dimension, what was pooled into `Other`.
    pub pooling: Vec<DatasetPooling>,
    /// One entry per declared table, in declaration order.
    pub tables: Vec<TableAudit>,
    /// Over all tables, counting each distinct cell once.
    pub totals: AuditTotals,
    /// One entry per enabled record-level release, in dataset order.
    pub releases: Vec<ReleaseReport>,
    /// Whether each primary cell was also bounded as an integer program.
    pub integer: bool,
    /// Whether the pattern was given (`--check-pattern`) rather than chosen.
    pub checked_pattern: bool,
    /// Under a given pattern: every cell that breaks the guarantee.
    pub pattern_failures: Vec<PatternFailure>,
}

/// The pooling of one dataset.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetPooling {
    pub dataset: String,
    pub dimensions: Vec<PoolingAudit>,
}

/// Why a cell is suppressed. Never shown to readers (invariant 3), only in the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Suppression {
    /// The cell itself is small (1 ≤ count < k), or a zero under `zeros = "suppress"`.
    Primary,
    /// Suppressed to protect other cells.
    Secondary,
}

/// A suppressed cell in the audit.
#[derive(Debug, Clone, Serialize)]
pub struct SuppressedCellAudit {
    /// The cell's key in the table (`None` = that dimension's total), as in `ProtectedTable`.
    pub key: Vec<Option<usize>>,
    /// `Dimension: Category` per dimension, e.g. `["Year: 2019", "Gender: Total"]`.
    pub labels: Vec<String>,
    /// The true count.
    pub value: u64,
    pub suppression: Suppression,
    /// The smallest value the attacker cannot rule out (certified by the audit LP).
    pub lo: u64,
    /// The largest value the attacker cannot rule out (certified by the audit LP; the audit stops
    /// looking above the dataset's size plus k).
    pub hi: u64,
    /// The attacker's LP interval before rounding to integers: `[min, max]`.
    pub lp: [f64; 2],
    /// With `safestat audit --integer`, for a primary cell: whether the attacker, reasoning in
    /// whole numbers of cases, still cannot rule out a value of k or more (`Some(false)`: the
    /// integer program proved the cell below k). `None` when not asked or not proved in time.
    pub integer_reaches_k: Option<bool>,
}

/// A cell that breaks the guarantee under a pattern given to `safestat audit --check-pattern`.
#[derive(Debug, Clone, Serialize)]
pub struct PatternFailure {
    pub table: String,
    pub cell: String,
    /// The true count.
    pub value: u64,
    pub reason: String,
}

/// The audit of one table.
#[derive(Debug, Clone, Serialize)]
pub struct TableAudit {
    pub id: String,
    pub title: String,
    pub dataset: String,
    /// Grid cells, margins and grand total included.
    pub cells: usize,
    /// Distinct suppressed cells of the table by kind.
    pub primary: usize,
    pub secondary: usize,
    /// Distinct suppressed cells of the table that are a margin (a total in some dimension) in
    /// some table.
    pub margins_suppressed: usize,
    /// Cases in the secondary suppressions of the table.
    pub cases_hidden_secondary: u64,
    /// Cases in all suppressions of the table.
    pub cases_hidden: u64,
    /// Every suppressed grid cell, in grid order.
    pub suppressed: Vec<SuppressedCellAudit>,
}

/// Totals over the build, each distinct cell counted once however many tables show it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditTotals {
    pub tables: usize,
    pub cells: usize,
    pub primary: usize,
    pub secondary: usize,
    /// Distinct suppressed cells that are a margin somewhere.
    pub margins_suppressed: usize,
    pub cases_hidden_secondary: u64,
    pub cases_hidden: u64,
}

impl AuditReport {
    /// The report as plain text, for the terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let zeros = match self.zeros {
            ZeroPolicy::Publish => "published",
            ZeroPolicy::Suppress => "suppressed",
        };
        let _ = writeln!(
            out,
            "Disclosure-control audit (k = {}, zeros {zeros}) — contains true values: do not publish",
            self.k
        );
        for rule in &self.rules {
            let _ = writeln!(out, "  • {rule}");
        }
        for dataset in &self.pooling {
            for dim in &dataset.dimensions {
                let _ = writeln!(
                    out,
                    "Pooled into Other in {}/{}: {} categories, {} cases ({})",
                    dataset.dataset,
                    dim.dimension,
                    dim.pooled_labels.len(),
                    dim.other_total,
                    dim.pooled_labels.join(", ")
                );
            }
        }
        for table in &self.tables {
            let _ = writeln!(
                out,
                "\nTable `{}` — {} (dataset {})",
                table.id, table.title, table.dataset
            );
            let _ = writeln!(
                out,
                "  cells {}, primary {}, secondary {}, margins suppressed {}, cases hidden {} (by secondary {})",
                table.cells,
                table.primary,
                table.secondary,
                table.margins_suppressed,
                table.cases_hidden,
                table.cases_hidden_secondary
            );
            for cell in &table.suppressed {
                let kind = match cell.suppression {
                    Suppression::Primary => "primary",
                    Suppression::Secondary => "secondary",
                };
                let integer = match cell.integer_reaches_k {
                    Some(true) => "  integer: reaches k".to_string(),
                    Some(false) => "  integer: max below k".to_string(),
                    None if self.integer && cell.suppression == Suppression::Primary => {
                        "  integer: not proved".to_string()
                    }
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "    {:<50} true {:>6}  {:<9}  feasible [{}, {}]{integer}",
                    cell.labels.join(" × "),
                    cell.value,
                    kind,
                    cell.lo,
                    cell.hi
                );
            }
        }
        let t = &self.totals;
        let _ = writeln!(
            out,
            "\nTotal: {} tables, {} distinct cells, primary {}, secondary {}, margins suppressed {}, cases hidden {} (by secondary {})",
            t.tables,
            t.cells,
            t.primary,
            t.secondary,
            t.margins_suppressed,
            t.cases_hidden,
            t.cases_hidden_secondary
        );
        if self.integer {
            let cells = self.tables.iter().flat_map(|t| &t.suppressed);
            let below = cells
                .clone()
                .filter(|c| c.integer_reaches_k == Some(false))
                .count();
            let open = cells
                .filter(|c| c.suppression == Suppression::Primary && c.integer_reaches_k.is_none())
                .count();
            let _ = writeln!(
                out,
                "Integer audit: {below} primary cells whose maximum over whole numbers of cases is below k = {}; {open} not proved either way in time",
                self.k
            );
        }
        if self.checked_pattern {
            let _ = writeln!(
                out,
                "\nGiven pattern: {} cells break the guarantee",
                self.pattern_failures.len()
            );
            for f in &self.pattern_failures {
                let _ = writeln!(
                    out,
                    "    {} — {} (true {}): {}",
                    f.table, f.cell, f.value, f.reason
                );
            }
        }
        for release in &self.releases {
            release_text(&mut out, release);
        }
        out
    }
}

/// The text of one record-level release's report.
fn release_text(out: &mut String, r: &ReleaseReport) {
    let _ = writeln!(
        out,
        "\nRecord release `{}-records.csv` (dataset {})",
        r.dataset, r.dataset
    );
    let l = |v: Option<u32>| v.map_or("-".to_string(), |v| v.to_string());
    let _ = writeln!(
        out,
        "  k = {} (achieved {}), l = {} (achieved {})",
        r.k,
        r.k_achieved,
        l(r.l),
        l(r.l_achieved)
    );
    let _ = writeln!(
        out,
        "  records {}, released {}, removed {}, all quasi-identifiers blanked {}",
        r.records, r.records_released, r.records_removed, r.records_fully_suppressed
    );
    let _ = writeln!(
        out,
        "  lattice: {} nodes, {} evaluated; records outlying after generalisation {} (limit {})",
        r.lattice_nodes, r.nodes_evaluated, r.records_outlying, r.records_suppression_limit
    );
    for g in &r.generalisation {
        let _ = writeln!(
            out,
            "    {:<28} level {}/{} {:<24} {:>5} categories, {:>7} values suppressed",
            g.column, g.level, g.max_level, g.name, g.categories, g.values_suppressed
        );
    }
    let _ = writeln!(
        out,
        "  values suppressed {} ({:.3}% of quasi-identifier values), {} classes, average class size {:.1}, information loss {:.4}",
        r.values_suppressed,
        r.suppressed_value_share * 100.0,
        r.equivalence_classes,
        r.average_class_size,
        r.information_loss
    );
}

/// Folders of a site whose contents can end up published: the output, and the files copied or
/// rendered into it.
const PUBLISHED_FOLDERS: [&str; 3] = ["public", "static", "content"];

impl AuditReport {
    /// Writes the report as JSON to `path`, refusing any place under `site_root` from which it
    /// could be published (`public/`, `static/`, `content/`) or under `output_dir`.
    pub fn write_json(
        &self,
        path: &Path,
        site_root: &Path,
        output_dir: Option<&Path>,
    ) -> Result<()> {
        let target = resolve(path).with_context(|| format!("cannot write {}", path.display()))?;
        let root = resolve(site_root)
            .with_context(|| format!("cannot find the site at {}", site_root.display()))?;
        let mut forbidden: Vec<PathBuf> = PUBLISHED_FOLDERS.iter().map(|f| root.join(f)).collect();
        if let Some(out) = output_dir {
            forbidden.push(resolve(out).with_context(|| format!("cannot find {}", out.display()))?);
        }
        if let Some(folder) = forbidden.iter().find(|f| target.starts_with(f)) {
            bail!(
                "refusing to write the audit report to {}: it holds true values and {} is published; write it outside the site's published folders",
                path.display(),
                folder.display()
            );
        }
        let json =
            serde_json::to_string_pretty(self).context("cannot serialise the audit report")?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write {}", path.display()))
    }
}

/// An absolute path with symbolic links resolved, for a path that may not exist yet: its deepest
/// existing ancestor is canonicalised and the rest appended.
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut resolved = canonical;
            for part in rest.iter().rev() {
                if *part == ".." {
                    resolved.pop();
                } else if *part != "." {
                    resolved.push(part);
                }
            }
            return Ok(resolved);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => bail!("{} has no existing ancestor", path.display()),
        }
    }
}
