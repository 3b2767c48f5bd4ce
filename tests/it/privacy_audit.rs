//! The audit report: its contents, its text form, and where it may (not) be written.

use safestat::config::{PatternCell, ZeroPolicy};
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

/// The suppressed cells of a report as a pattern for `--check-pattern`, keeping those `keep` allows.
fn pattern_of(
    protection: &safestat::privacy::Protection,
    keep: impl Fn(&safestat::privacy::SuppressedCellAudit) -> bool,
) -> Vec<PatternCell> {
    let mut cells = Vec::new();
    for (audit, table) in protection.report.tables.iter().zip(&protection.tables) {
        for s in audit.suppressed.iter().filter(|s| keep(s)) {
            let key = table
                .dimensions
                .iter()
                .zip(&s.key)
                .map(|(d, k)| (d.id.clone(), k.map(|i| d.categories[i].code.clone())))
                .collect();
            cells.push(PatternCell {
                table: audit.id.clone(),
                key,
                place: "test".into(),
            });
        }
    }
    cells
}

#[test]
fn privacy_a_given_pattern_is_audited_and_every_unsafe_cell_listed() {
    let input = small_site();
    let mut config = privacy(11, ZeroPolicy::Publish);
    let own = protect(&input, &config).unwrap();

    // safestat's own pattern, given back, passes.
    config.audit.pattern = Some(pattern_of(&own, |_| true));
    let again = protect(&input, &config).unwrap();
    assert!(again.report.checked_pattern);
    assert!(
        again.report.pattern_failures.is_empty(),
        "{:?}",
        again.report.pattern_failures
    );
    assert_eq!(again.report.totals.secondary, own.report.totals.secondary);

    // The small cell alone is recovered from its row and column totals: a failure, not an error.
    config.audit.pattern = Some(pattern_of(&own, |s| s.suppression == Suppression::Primary));
    let bare = protect(&input, &config).unwrap();
    let failures = &bare.report.pattern_failures;
    assert!(
        failures
            .iter()
            .any(|f| f.table == "sex_year" && f.cell.contains("2019") && f.value == 3),
        "{failures:?}"
    );
    assert!(bare.report.to_text().contains("Given pattern:"));

    // A cell listed in one table but not in the other, where it counts the same cases (the year
    // 2019 is a row of `year` and the 2019 total of `sex_year`), is a failure too: the attacker
    // reads it where it is shown.
    let mut given = pattern_of(&own, |_| true);
    given.push(PatternCell {
        table: "year".into(),
        key: vec![("year".into(), Some("2019".into()))],
        place: "test".into(),
    });
    config.audit.pattern = Some(given);
    let split = protect(&input, &config).unwrap();
    assert!(
        split
            .report
            .pattern_failures
            .iter()
            .any(|f| f.table == "sex_year"
                && f.cell.contains("2019")
                && f.reason.contains("suppresses it in another table")),
        "{:?}",
        split.report.pattern_failures
    );
}

#[test]
fn privacy_integer_audit_answers_for_every_small_cell() {
    let input = small_site();
    let mut config = privacy(11, ZeroPolicy::Publish);
    config.audit.integer = true;
    let protection = protect(&input, &config).unwrap();
    assert!(protection.report.integer);
    for cell in protection.report.tables.iter().flat_map(|t| &t.suppressed) {
        match cell.suppression {
            // A two-way table is totally unimodular: the LP's maximum is a whole number.
            Suppression::Primary => assert_eq!(cell.integer_reaches_k, Some(true), "{cell:?}"),
            Suppression::Secondary => assert_eq!(cell.integer_reaches_k, None),
        }
    }
    assert!(protection
        .report
        .to_text()
        .contains("Integer audit: 0 primary cells"));
}

#[test]
fn privacy_a_given_pattern_naming_an_unknown_dimension_is_an_error() {
    let mut config = privacy(11, ZeroPolicy::Publish);
    config.audit.pattern = Some(vec![PatternCell {
        table: "year".into(),
        key: vec![("year".into(), Some("2019".into())), ("sexx".into(), None)],
        place: "pattern.csv:2".into(),
    }]);
    let err = format!("{:#}", protect(&small_site(), &config).unwrap_err());
    assert!(
        err.contains("pattern.csv:2") && err.contains("no dimension `sexx`"),
        "{err}"
    );
}
