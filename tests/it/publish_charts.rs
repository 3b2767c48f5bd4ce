//! Inline SVG charts.

use safestat::publish::{chart_kind, chart_svg, ChartKind, SUPPRESSED_STUB_WIDTH};

use crate::publish_fixtures::*;

/// The chart with one element per line, for reviewable snapshots.
fn lines(svg: &str) -> String {
    svg.replace("><", ">\n<")
}

/// The value of attribute `name` in every element that starts with `tag`.
pub fn attrs<'a>(svg: &'a str, tag: &str, name: &str) -> Vec<&'a str> {
    svg.split(tag)
        .skip(1)
        .filter_map(|rest| {
            let element = &rest[..rest.find('>').unwrap()];
            let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(&element[start..start + element[start..].find('"').unwrap()])
        })
        .collect()
}

#[test]
fn publish_chart_snapshot_grouped_bar() {
    let svg = chart_svg(&by_sex_and_exploitation(), &config().privacy, "table-1").unwrap();
    insta::assert_snapshot!(lines(&svg));
}

#[test]
fn publish_chart_snapshot_line() {
    let svg = chart_svg(&by_year_and_sex(), &config().privacy, "table-2").unwrap();
    insta::assert_snapshot!(lines(&svg));
}

#[test]
fn publish_chart_kind_follows_the_dimensions() {
    assert_eq!(chart_kind(&by_country()), Some(ChartKind::Bar));
    assert_eq!(
        chart_kind(&by_sex_and_exploitation()),
        Some(ChartKind::GroupedBar)
    );
    assert_eq!(chart_kind(&by_year_and_sex()), Some(ChartKind::Line));
    assert_eq!(chart_kind(&three_dims()), Some(ChartKind::GroupedBar));
    let sex_by_year = table(
        "t",
        "T",
        vec![sex(), year()],
        (0..15).map(|i| P(20 + i)).collect(),
    );
    assert_eq!(
        chart_kind(&sex_by_year),
        Some(ChartKind::Line),
        "a year on the second dimension goes on the axis"
    );
    let one_year = table(
        "t",
        "T",
        vec![dim("year", "Year", "year", &[("2024", "2024")])],
        vec![P(20), P(20)],
    );
    assert_eq!(
        chart_kind(&one_year),
        Some(ChartKind::Bar),
        "one year is no line"
    );
    let no_dims = table("t", "T", vec![], vec![P(20)]);
    assert_eq!(chart_kind(&no_dims), None);
    assert_eq!(chart_svg(&no_dims, &config().privacy, "x"), None);
}

#[test]
fn publish_chart_is_accessible() {
    for table in all_tables() {
        let svg = chart_svg(&table, &config().privacy, "the-table").unwrap();
        let prefix = format!("chart-{}", table.id);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 "),
            "{svg}"
        );
        assert!(svg.contains(" role=\"img\""));
        assert!(svg.contains(&format!("aria-labelledby=\"{prefix}-title {prefix}-desc\"")));
        assert!(svg.contains("aria-describedby=\"the-table\""));
        assert!(svg.contains(&format!(
            "<title id=\"{prefix}-title\">{}</title>",
            table.title
        )));
        assert!(svg.contains(&format!("<desc id=\"{prefix}-desc\">")));
        let root = &svg[..svg.find('>').unwrap()];
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "sized by viewBox only"
        );
        assert!(!svg.contains("<script"), "no script");
        for (i, _) in svg.match_indices(" on") {
            let name: String = svg[i + 1..]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            assert!(
                !svg[i + 1 + name.len()..].starts_with("=\""),
                "event handler {name}"
            );
        }
    }
}

#[test]
fn publish_chart_bars_scale_from_published_cells_with_value_labels() {
    let svg = chart_svg(&by_country(), &config().privacy, "t").unwrap();
    // Largest drawn published cell 12,345 → axis to 15,000 in steps of 5,000.
    for tick in ["0", "5,000", "10,000", "15,000"] {
        assert!(svg.contains(&format!("\">{tick}</text>")), "tick {tick}");
    }
    assert!(!svg.contains(">20,000<"));
    for label in ["12,345", "1,480", "0"] {
        assert!(
            svg.contains(&format!("\">{label}</text>")),
            "value label {label}"
        );
    }
    assert!(!svg.contains("13,890"), "totals are not drawn");
    let widths = attrs(&svg, "<rect class=\"suppressed\"", "width");
    assert_eq!(widths, vec!["24", "24"]);
    assert_eq!(
        svg.matches("font-style=\"italic\">not published</text>")
            .count(),
        2
    );
}

#[test]
fn publish_chart_grouped_bars_distinguish_series_without_colour() {
    let svg = chart_svg(&by_sex_and_exploitation(), &config().privacy, "t").unwrap();
    // Three series: solid, then two patterns, each named in the legend.
    assert!(svg.contains("id=\"chart-victims-by-sex-and-exploitation-s1\""));
    assert!(svg.contains("id=\"chart-victims-by-sex-and-exploitation-s2\""));
    for label in [
        "Forced labour",
        "Sexual exploitation",
        "Other",
        "not published",
    ] {
        assert!(
            svg.contains(&format!(">{label}</text></g>")),
            "legend {label}"
        );
    }
    assert_eq!(attrs(&svg, "<rect class=\"suppressed\"", "width").len(), 2);
}

#[test]
fn publish_chart_lines_break_at_suppressed_points() {
    let svg = chart_svg(&by_year_and_sex(), &config().privacy, "t").unwrap();
    let paths = attrs(&svg, "<path d=", "stroke");
    assert_eq!(paths.len(), 2, "one line per sex");
    let d: Vec<&str> = svg
        .split("<path d=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|d| !d.ends_with('Z'))
        .collect();
    assert_eq!(
        d[0].matches('M').count(),
        1,
        "female line is whole: {}",
        d[0]
    );
    assert_eq!(d[0].matches('L').count(), 3);
    assert_eq!(d[1].matches('M').count(), 2, "male line breaks: {}", d[1]);
    assert_eq!(d[1].matches('L').count(), 0);
    assert!(svg.contains("<title>Male, 2022: not published</title>"));
    assert!(svg.contains("<title>Male, 2023: not published</title>"));
}

#[test]
fn publish_chart_of_three_dimensions_uses_totals_of_the_rest() {
    let table = three_dims();
    let svg = chart_svg(&table, &config().privacy, "t").unwrap();
    assert!(svg.contains("Shown for all Route together."));
    // Female × Child at the route total is suppressed; Male × Adult at the route total is drawn.
    let male_adult = table
        .cell(&[Some(1), Some(1), None])
        .value
        .published()
        .unwrap();
    assert!(svg.contains(&format!("<title>Male, Adult: {male_adult}</title>")));
    assert!(svg.contains("<title>Female, Child: not published</title>"));
    assert_eq!(
        attrs(&svg, "<rect class=\"suppressed\"", "width"),
        vec![&*SUPPRESSED_STUB_WIDTH.to_string()]
    );
}
