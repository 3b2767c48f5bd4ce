//! Stress benchmark of disclosure control: 12 sparse linked tables over long country lists (9
//! columns, two 3-way tables), protection + audit, 5,000 synthetic cases by default.
//!
//! A hard case for the pattern search: about 40 % of the cells are primary, and the two 3-way
//! tables link long country lists. (The attacker's LP is sized by the tables' categories, not by
//! the rows; see "How long protection takes" in `docs/data.md`.) `benches/office-tables.sh`
//! measures the ten office tables at up to 1,000,000 rows, beside τ-Argus.
//!
//! Run: `cargo bench --bench protect` (options after `--`: `--rows N`, `--runs N`).
//! Prints the median wall time of `privacy::protect` (pooling, aggregation, suppression search and
//! the audit of record) over the runs, and the size of the problem. Peak memory: run the bench
//! binary under `/usr/bin/time -v`.

use std::time::Instant;

use safestat::config::PrivacyConfig;
use safestat::data::{
    CaseColumn, CaseTable, Category, ColumnKind, DataInput, FilterSelection, TableFilter, TableSpec,
};
use safestat::privacy::protect;

/// xorshift64*: a small deterministic generator, so the bench needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A code drawn with the given weights.
    fn pick(&mut self, cumulative: &[f64]) -> u32 {
        let x = self.unit() * cumulative.last().unwrap();
        cumulative.partition_point(|&c| c <= x) as u32
    }
}

fn cumulative(weights: &[f64]) -> Vec<f64> {
    weights
        .iter()
        .scan(0.0, |acc, w| {
            *acc += w;
            Some(*acc)
        })
        .collect()
}

/// A long-tailed domain of `n` countries (weights ∝ 1 / rank^1.6), with Unknown last.
fn countries(n: usize) -> (Vec<String>, Vec<f64>) {
    let mut labels: Vec<String> = (0..n).map(|i| format!("C{i:03}")).collect();
    let mut weights: Vec<f64> = (0..n).map(|i| 1.0 / ((i + 1) as f64).powf(1.6)).collect();
    labels.push("Unknown".into());
    weights.push(0.03);
    (labels, weights)
}

fn column(
    id: &str,
    labels: Vec<String>,
    kind: ColumnKind,
    unknown: bool,
    codes: Vec<u32>,
) -> CaseColumn {
    let n = labels.len();
    CaseColumn {
        id: id.into(),
        label: id.into(),
        kind,
        categories: labels
            .into_iter()
            .map(|l| Category {
                code: l.to_lowercase(),
                label: l,
            })
            .collect(),
        unknown: unknown.then_some(n as u32 - 1),
        pool_rare: kind == ColumnKind::Category,
        codes,
    }
}

/// Column id, category labels, weights, kind, whether the last category is Unknown.
type ColumnSpec = (&'static str, Vec<String>, Vec<f64>, ColumnKind, bool);

fn synthetic(rows: usize) -> DataInput {
    let mut rng = Rng(0x5afe_57a7);
    let years: Vec<String> = (2015..=2025).map(|y| y.to_string()).collect();
    let specs: Vec<ColumnSpec> = vec![
        (
            "year",
            years,
            (0..11).map(|i| 1.0 + i as f64 * 0.15).collect(),
            ColumnKind::Year,
            false,
        ),
        (
            "source",
            vec!["Case management".into(), "Hotline".into()],
            vec![0.8, 0.2],
            ColumnKind::Category,
            false,
        ),
        (
            "gender",
            vec!["Female".into(), "Male".into(), "Unknown".into()],
            vec![0.7, 0.28, 0.02],
            ColumnKind::Category,
            true,
        ),
        (
            "age",
            [
                "0–8", "9–17", "18–20", "21–23", "24–26", "27–29", "30–38", "39–47", "48+",
                "Unknown",
            ]
            .map(String::from)
            .to_vec(),
            vec![0.06, 0.19, 0.12, 0.12, 0.11, 0.1, 0.15, 0.08, 0.04, 0.03],
            ColumnKind::Category,
            true,
        ),
        (
            "citizenship",
            countries(120).0,
            countries(120).1,
            ColumnKind::Category,
            true,
        ),
        (
            "exploitation_country",
            countries(90).0,
            countries(90).1,
            ColumnKind::Category,
            true,
        ),
        (
            "exploitation",
            [
                "Sexual",
                "Forced labour",
                "Both",
                "Forced marriage",
                "Other",
            ]
            .map(String::from)
            .to_vec(),
            vec![0.45, 0.38, 0.07, 0.05, 0.05],
            ColumnKind::Category,
            false,
        ),
        (
            "sector",
            [
                "Agriculture",
                "Construction",
                "Domestic work",
                "Fishing",
                "Manufacturing",
                "Hospitality",
                "Begging",
                "Other",
                "Unknown",
            ]
            .map(String::from)
            .to_vec(),
            vec![0.1, 0.1, 0.2, 0.03, 0.1, 0.08, 0.04, 0.05, 0.3],
            ColumnKind::Category,
            true,
        ),
        (
            "recruiter",
            ["Intimate partner", "Friend", "Family", "Other", "Unknown"]
                .map(String::from)
                .to_vec(),
            vec![0.15, 0.25, 0.2, 0.15, 0.25],
            ColumnKind::Category,
            true,
        ),
    ];
    let columns = specs
        .into_iter()
        .map(|(id, labels, weights, kind, unknown)| {
            let cum = cumulative(&weights);
            let codes = (0..rows).map(|_| rng.pick(&cum)).collect();
            column(id, labels, kind, unknown, codes)
        })
        .collect();
    let data = CaseTable {
        dataset: "cases".into(),
        title: "Cases".into(),
        source: "synthetic".into(),
        len: rows,
        columns,
    };
    let recent = TableFilter {
        column: 0,
        allowed: (0..11).map(|y| y < 10).collect(),
        description: "registration year 2015–2024".into(),
        selection: FilterSelection::Range {
            from: Some(2015),
            to: Some(2024),
        },
    };
    let t = |id: &str, dims: &[usize], filters: Vec<TableFilter>| TableSpec {
        id: id.into(),
        title: id.into(),
        description: String::new(),
        dataset: 0,
        dimensions: dims.to_vec(),
        filters,
    };
    let tables = vec![
        t("year", &[0], vec![]),
        t("year_gender", &[0, 2], vec![]),
        t("year_exploitation", &[0, 6], vec![recent.clone()]),
        t("gender_age", &[2, 3], vec![]),
        t("citizenship", &[4], vec![]),
        t("citizenship_gender", &[4, 2], vec![]),
        t("citizenship_year", &[4, 0], vec![recent]),
        t("exploitation_country", &[5, 6], vec![]),
        t("exploitation_sector", &[6, 7], vec![]),
        t("recruiter_gender_age", &[8, 2, 3], vec![]),
        t("source_year", &[1, 0], vec![]),
        t("gender_exploitation_age", &[2, 6, 3], vec![]),
    ];
    DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let rows = arg("--rows", 5_000);
    let runs = arg("--runs", 3);
    let input = synthetic(rows);
    let config = PrivacyConfig::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let protection = protect(&input, &config).expect("protection succeeds");
        times.push(start.elapsed().as_secs_f64());
        last = Some(protection);
    }
    times.sort_by(f64::total_cmp);
    let protection = last.expect("at least one run");
    let t = &protection.report.totals;
    println!(
        "protect: {rows} rows, {} tables, {} distinct cells, primary {}, secondary {}, cases hidden {} (by secondary {})",
        t.tables, t.cells, t.primary, t.secondary, t.cases_hidden, t.cases_hidden_secondary
    );
    println!(
        "protect + audit: median {:.3} s over {runs} runs (min {:.3} s, max {:.3} s)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
