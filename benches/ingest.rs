//! Ingest benchmark: `cargo bench --bench ingest [-- ROWS [RUNS]]`.
//!
//! Writes ROWS (default 1,000,000) synthetic cases with `safestat synth`'s generator into a
//! temporary `data/` folder beside the example site's schemas and tables (its `referrals` dataset
//! at the example's 8,000 rows), then times
//! `data::load` (CSV ingest into a `CaseTable` plus resolving `tables.toml`) RUNS times (default 7)
//! and prints the median throughput in MB/s, by the wall clock and per second of CPU time (on a
//! shared machine the wall clock also measures the other processes). Target: at least 200 MB/s.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

use safestat::config::Config;
use safestat::data::{self, synth};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rows: usize = args.first().map_or(Ok(1_000_000), |a| a.parse())?;
    let runs: usize = args.get(1).map_or(Ok(7), |a| a.parse())?;

    let site = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir()?;
    let data_dir = dir.path().join("data");
    std::fs::create_dir(&data_dir)?;
    for name in ["cases.toml", "referrals.toml", "tables.toml"] {
        std::fs::copy(site.join("data").join(name), data_dir.join(name))?;
    }
    // `cases` at ROWS rows; `referrals` (the example's other dataset) at its own size.
    let mut bytes = 0.0;
    for (name, rows, seed) in [("cases.csv", rows, 1), ("referrals.csv", 8_000, 2)] {
        let csv = data_dir.join(name);
        synth::write_cases(&mut BufWriter::new(File::create(&csv)?), rows, seed)?;
        bytes += std::fs::metadata(&csv)?.len() as f64;
    }

    let config = Config::default();
    let mut wall_rates = Vec::with_capacity(runs);
    let mut cpu_rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let cpu_start = cpu_seconds();
        let start = Instant::now();
        let input = data::load(&data_dir, &config)?;
        let seconds = start.elapsed().as_secs_f64();
        assert_eq!(input.datasets[0].len, rows);
        wall_rates.push(bytes / 1e6 / seconds);
        if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
            cpu_rates.push(bytes / 1e6 / (b - a));
        }
    }
    println!(
        "ingest: {rows} rows, {:.1} MB, {runs} runs: median {}",
        bytes / 1e6,
        summary(&mut wall_rates)
    );
    if !cpu_rates.is_empty() {
        println!(
            "        per second of CPU time, all threads (what the machine's load does not change): median {}",
            summary(&mut cpu_rates)
        );
    }
    Ok(())
}

fn summary(rates: &mut [f64]) -> String {
    rates.sort_by(f64::total_cmp);
    format!(
        "{:.0} MB/s (min {:.0}, max {:.0})",
        rates[rates.len() / 2],
        rates[0],
        rates[rates.len() - 1]
    )
}

/// The process's time on a CPU so far, all threads, ended ones included (Linux: `utime + stime`
/// from `/proc/self/stat`, in clock ticks of 1/100 s), so a run on a busy shared machine can still
/// be judged.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
