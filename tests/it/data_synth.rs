//! `safestat synth`: deterministic output that the example schema reads.

use std::process::Command;

use safestat::data::synth::{self, COUNTRIES};

use crate::data_support::{column, count_of, example_data_dir, DataDir};

fn example_schema() -> Vec<u8> {
    std::fs::read(example_data_dir().join("cases.toml")).unwrap()
}

#[test]
fn data_synth_output_is_read_by_the_example_schema() {
    let mut csv = Vec::new();
    synth::write_cases(&mut csv, 3_000, 42).unwrap();
    let dir = DataDir::new(&[("cases.toml", &example_schema()), ("cases.csv", &csv)]);
    let input = dir.load().unwrap();
    let cases = &input.datasets[0];
    assert_eq!(cases.len, 3_000);
    let gender = column(cases, "gender");
    let female = count_of(gender, "F");
    assert!((1_950..2_250).contains(&female), "{female} women");
}

#[test]
fn data_synth_every_value_is_in_the_example_schema() {
    let mut csv = String::from(&synth::COLUMNS.join(","));
    csv.push('\n');
    for (i, (code, _, _, _)) in COUNTRIES.iter().enumerate() {
        csv.push_str(&format!(
            "C{i},2015,hotline,M,48+,{code},{code},both,fishing,stranger\n"
        ));
    }
    let dir = DataDir::new(&[
        ("cases.toml", &example_schema()),
        ("cases.csv", csv.as_bytes()),
    ]);
    let input = dir.load().unwrap();
    let citizenship = column(&input.datasets[0], "citizenship");
    assert_eq!(citizenship.categories.len(), COUNTRIES.len());
    assert_eq!(count_of(citizenship, "NA"), 1);
}

#[test]
fn data_synth_command_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let path = dir.path().join(name);
        let status = Command::new(env!("CARGO_BIN_EXE_safestat"))
            .args(["synth", "--rows", "1000", "--seed", seed, "-o"])
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(path).unwrap()
    };
    let first = run("a.csv", "5");
    assert_eq!(first, run("b.csv", "5"));
    assert_ne!(first, run("c.csv", "6"));
    assert_eq!(first.iter().filter(|&&b| b == b'\n').count(), 1001);
    let mut in_process = Vec::new();
    synth::write_cases(&mut in_process, 1000, 5).unwrap();
    assert_eq!(first, in_process);
}

#[test]
fn data_synth_example_csv_is_the_committed_seed_1_output() {
    let committed = std::fs::read(example_data_dir().join("cases.csv")).unwrap();
    let mut generated = Vec::new();
    synth::write_cases(&mut generated, 20_000, 1).unwrap();
    assert!(
        committed == generated,
        "data/cases.csv is `safestat synth --rows 20000 --seed 1`"
    );
}
