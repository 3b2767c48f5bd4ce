//! The audit report: its contents, its text form, and where it may (not) be written.

use safestat::config::ZeroPolicy;
use safestat::data::DataInput;
use safestat::privacy::{protect, Suppression};

use crate::privacy_oracle::{column, dataset, privacy, rows, table};

fn small_site() -> DataInput {
    let data = dataset(
        vec![
            column("sex", &["F", "M"]),
            column("year", &["2019", "2020", "2021"]),
        ],
        &rows(&[
            (&[0, 0], 3),
            (&[0, 1], 25),
            (&[0, 2], 30),
            (&[1, 0], 18),
            (&[1, 1], 22),
            (&[1, 2], 40),
        ]),
    );
    DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![
            table("sex_year", &[0, 1], vec![]),
            table("year", &[1], vec![]),
        ],
    }
}

#[test]
fn privacy_report_lists_every_suppressed_cell_with_its_interval() {
    let protection = protect(&small_site(), &privacy(11, ZeroPolicy::Publish)).unwrap();
    let report = &protection.report;
    let t = &report.tables[0];
    assert_eq!(t.cells, 12);
    assert_eq!(t.primary, 1);
    assert!(t.secondary >= 3, "a rectangle at least");
    let primary = t
        .suppressed
        .iter()
        .find(|s| s.suppression == Suppression::Primary)
        .unwrap();
    assert_eq!(primary.value, 3);
    assert_eq!(primary.labels, vec!["sex: F", "year: 2019"]);
    assert!(
        primary.hi >= 11 && primary.hi - primary.lo >= 11,
        "{primary:?}"
    );
    let hidden: u64 = t.suppressed.iter().map(|s| s.value).sum();
    assert_eq!(t.cases_hidden, hidden);
    assert_eq!(t.cases_hidden - t.cases_hidden_secondary, 3);
    assert_eq!(report.totals.tables, 2);

    let text = report.to_text();
    assert!(text.contains("Table `sex_year`"), "{text}");
    assert!(
        text.contains(&format!("feasible [{}, {}]", primary.lo, primary.hi)),
        "{text}"
    );
    assert!(text.contains("do not publish"), "{text}");
}

#[test]
fn privacy_report_json_is_refused_inside_published_folders() {
    let protection = protect(&small_site(), &privacy(11, ZeroPolicy::Publish)).unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("public")).unwrap();
    for inside in [
        "public/audit.json",
        "static/audit.json",
        "public/../public/x/audit.json",
    ] {
        let err = protection
            .report
            .write_json(&site.path().join(inside), site.path(), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("refusing"), "{inside}: {err}");
    }
    let out = tempfile::tempdir().unwrap();
    let err = protection
        .report
        .write_json(&out.path().join("a.json"), site.path(), Some(out.path()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("refusing"), "{err}");

    let path = site.path().join("audit.json");
    protection
        .report
        .write_json(&path, site.path(), None)
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["k"], 11);
    assert_eq!(json["tables"][0]["primary"], 1);
    assert!(json["tables"][0]["suppressed"][0]["lo"].is_u64());
}
