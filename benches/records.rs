//! Benchmark of the k-anonymous record release: 1,000,000 synthetic cases, 5 quasi-identifiers.
//!
//! `cargo bench --bench records` prints the median of 5 runs of release + CSV + table view.
//! Peak memory: `/usr/bin/time -v target/release/deps/records-* --bench` ("Maximum resident set size").

use std::path::PathBuf;
use std::time::{Duration, Instant};

use safestat::data::{CaseColumn, CaseTable, Category, ColumnKind};
use safestat::privacy::records::{records_csv, release, ReleaseSpec};

const RECORDS: usize = 1_000_000;
const RUNS: usize = 5;

const COUNTRIES: &str = "LB SY IQ NG GH UA RO BG PH TH VN ID MM KH LA NP BD IN PK AF ET ER SO KE UG \
    TZ CD CM SN ML BF NE TD SD EG LY TN MA DZ MX GT HN SV NI CO VE BR PE BO EC HT DO CU JM US CA GB \
    IE FR DE IT ES PT NL BE AT CH PL CZ SK HU RS AL MK MD BY RU KZ UZ KG TJ TM CN MN KR JP MY SG LK \
    YE SA AE QA KW OM JO IL TR GE AM AZ ZA NA BW ZW ZM MW MZ AO";

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// Index with weight 1 / (rank + 1): a long tail of rare categories.
    fn zipf(&mut self, cumulative: &[f64]) -> u32 {
        let x = (self.next() as f64 / (1u64 << 31) as f64) * cumulative[cumulative.len() - 1];
        cumulative.partition_point(|&c| c < x) as u32
    }
}

fn cumulative(weights: &[f64]) -> Vec<f64> {
    weights
        .iter()
        .scan(0.0, |s, w| {
            *s += w;
            Some(*s)
        })
        .collect()
}

fn column(id: &str, kind: ColumnKind, codes: &[&str], unknown: bool) -> CaseColumn {
    let mut categories: Vec<Category> = codes
        .iter()
        .map(|c| Category {
            code: (*c).into(),
            label: (*c).into(),
        })
        .collect();
    if unknown {
        categories.push(Category {
            code: "Unknown".into(),
            label: "Unknown".into(),
        });
    }
    CaseColumn {
        id: id.into(),
        label: id.into(),
        kind,
        unknown: unknown.then_some((categories.len() - 1) as u32),
        categories,
        pool_rare: true,
        codes: Vec::with_capacity(RECORDS),
    }
}

fn synthetic() -> CaseTable {
    let years: Vec<String> = (2015..=2025).map(|y| y.to_string()).collect();
    let years: Vec<&str> = years.iter().map(String::as_str).collect();
    let countries: Vec<&str> = COUNTRIES.split_whitespace().collect();
    let ages = [
        "0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+",
    ];
    let mut columns = vec![
        column("year", ColumnKind::Year, &years, false),
        column("gender", ColumnKind::Category, &["F", "M"], true),
        column("age_band", ColumnKind::Category, &ages, true),
        column("citizenship", ColumnKind::Category, &countries, true),
        column(
            "country_of_exploitation",
            ColumnKind::Category,
            &countries,
            true,
        ),
        column(
            "exploitation_type",
            ColumnKind::Category,
            &["sexual", "labour", "both", "marriage", "other"],
            true,
        ),
        column(
            "labour_sector",
            ColumnKind::Category,
            &[
                "none",
                "agriculture",
                "construction",
                "domestic",
                "fishing",
                "manufacturing",
            ],
            true,
        ),
    ];
    let year_w = cumulative(&[3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 9.0, 10.0, 10.0, 9.0]);
    let gender_w = cumulative(&[70.0, 28.0, 2.0]);
    let age_w = cumulative(&[5.0, 20.0, 12.0, 14.0, 12.0, 10.0, 15.0, 7.0, 3.0, 2.0]);
    let mut country_w: Vec<f64> = (0..countries.len())
        .map(|r| 1.0 / (r as f64 + 1.0))
        .collect();
    country_w.push(0.05);
    let country_w = cumulative(&country_w);
    let type_w = cumulative(&[45.0, 38.0, 5.0, 4.0, 5.0, 3.0]);
    let sector_w = cumulative(&[50.0, 12.0, 10.0, 15.0, 5.0, 5.0, 3.0]);
    let weights = [
        year_w,
        gender_w,
        age_w,
        country_w.clone(),
        country_w,
        type_w,
        sector_w,
    ];
    let mut rng = Lcg(2026);
    for _ in 0..RECORDS {
        for (c, w) in columns.iter_mut().zip(&weights) {
            let code = rng.zipf(w);
            c.codes.push(code);
        }
    }
    CaseTable {
        dataset: "cases".into(),
        title: "Cases".into(),
        source: PathBuf::from("data/cases.csv"),
        len: RECORDS,
        columns,
    }
}

const SPEC: &str = r#"
k = 11
quasi_identifiers = ["year", "gender", "age_band", "citizenship", "country_of_exploitation"]
sensitive = "exploitation_type"
l = 2
max_suppressed_records = 0.05

[hierarchy.year]
width = 3
[hierarchy.age_band]
levels = [
  { "0-8" = "0-17", "9-17" = "0-17", "18-20" = "18-29", "21-23" = "18-29", "24-26" = "18-29", "27-29" = "18-29", "30-38" = "30+", "39-47" = "30+", "48+" = "30+" },
  { "0-17" = "Minor", "18-29" = "Adult", "30+" = "Adult" },
]
[hierarchy.citizenship]
builtin = "m49_intermediate"
[hierarchy.country_of_exploitation]
builtin = "m49"
"#;

fn main() {
    let table = synthetic();
    let spec: ReleaseSpec = toml::from_str(SPEC).expect("spec");
    let spec = spec.resolve(&table, 11, "Unknown").expect("resolve");
    let mut times: Vec<Duration> = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let released = release(&table, &spec).expect("release");
        let csv = records_csv(&released).expect("csv");
        let view = released.case_table();
        times.push(start.elapsed());
        last = Some((released.report, csv.len(), view.len));
    }
    times.sort();
    let (report, bytes, view_len) = last.expect("at least one run");
    println!(
        "records release, {RECORDS} records, 5 QIs, k = 11, l = 2: median {:.3} s (min {:.3} s, max {:.3} s)",
        times[RUNS / 2].as_secs_f64(),
        times[0].as_secs_f64(),
        times[RUNS - 1].as_secs_f64()
    );
    println!("CSV {bytes} bytes, view {view_len} records");
    println!("{}", serde_json::to_string_pretty(&report).expect("report"));
}
