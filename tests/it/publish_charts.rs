//! Inline SVG charts.

use safestat::publish::{chart_kind, chart_svg, ChartKind, CHART_WIDTH};

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
            svg.starts_with(&format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_WIDTH} "
            )),
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
    assert_eq!(svg.matches("<g class=\"suppressed\"").count(), 2);
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
    assert_eq!(svg.matches("<g class=\"suppressed\"").count(), 2);
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
    assert_eq!(svg.matches("<g class=\"suppressed\"").count(), 1);
}

/// Every suppressed cell's marker in a bar chart: (its `translate(x,y)`, the markup of its shape).
fn suppressed_marks(svg: &str) -> Vec<(f64, f64, String)> {
    svg.split("<g class=\"suppressed\" transform=\"translate(")
        .skip(1)
        .map(|rest| {
            let (xy, rest) = rest.split_once(")\">").unwrap();
            let (x, y) = xy.split_once(',').unwrap();
            let shape = &rest[..rest.find("<title>").unwrap()];
            (x.parse().unwrap(), y.parse().unwrap(), shape.to_string())
        })
        .collect()
}

#[test]
fn publish_chart_suppressed_marker_is_one_fixed_shape_at_the_axis() {
    // Suppressed cells beside published counts of every size, in single and grouped bars: each
    // marker has the same shape and sits at the same x (the axis); only its row differs.
    let mut tables = vec![by_country(), by_sex_and_exploitation(), three_dims()];
    for scale in [11, 500, 90_000, 4_000_000] {
        tables.push(table(
            "t",
            "T",
            vec![country()],
            vec![P(scale), S, P(scale * 2), S, S, P(scale * 4)],
        ));
    }
    let mut shapes = Vec::new();
    for t in &tables {
        let svg = chart_svg(t, &config().privacy, "t").unwrap();
        let marks = suppressed_marks(&svg);
        let expected = t
            .cells
            .iter()
            .filter(|c| c.value == S && c.key.iter().take(2).all(Option::is_some))
            .filter(|c| t.dimensions.len() < 3 || c.key[2].is_none())
            .count();
        assert_eq!(marks.len(), expected, "{}", t.id);
        shapes.extend(marks);
    }
    let (x, _, shape) = &shapes[0];
    for (other_x, _, other_shape) in &shapes {
        assert_eq!(other_x, x, "every marker at the axis");
        assert_eq!(other_shape, shape, "every marker the same shape");
    }
    // Short and unlike a bar: a crossed circle, not a rectangle, no larger than the text.
    assert!(shape.starts_with("<circle r=\"6\""), "{shape}");
    assert!(!shape.contains("<rect"), "{shape}");
}

/// The category labels of a bar chart, top to bottom, with their lines.
fn category_labels(svg: &str) -> Vec<Vec<String>> {
    svg.split("<text ")
        .skip(1)
        .filter(|rest| rest.contains("class=\"category\""))
        .map(|rest| {
            let inner = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
            if inner.contains("<tspan") {
                inner
                    .split("<tspan")
                    .skip(1)
                    .map(|t| t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()].to_string())
                    .collect()
            } else {
                vec![inner.to_string()]
            }
        })
        .collect()
}

#[test]
fn publish_chart_long_labels_wrap_whole_onto_lines_of_their_own() {
    let long = "Sexual exploitation and forced labour combined, in private households";
    let t = table(
        "t",
        "T",
        vec![dim(
            "e",
            "Type",
            "category",
            &[("a", long), ("b", "Forced labour")],
        )],
        vec![P(290), S, P(300)],
    );
    let svg = chart_svg(&t, &config().privacy, "t").unwrap();
    assert!(!svg.contains('…'), "nothing is cut");
    let labels = category_labels(&svg);
    assert_eq!(labels.len(), 2);
    assert!(labels[0].len() > 1, "the long label wraps: {labels:?}");
    assert_eq!(labels[0].join(" "), long);
    assert_eq!(labels[1], vec!["Forced labour"]);
    // Each line fits the chart's width at the layout's character advance.
    for line in labels.iter().flatten() {
        assert!(
            line.chars().count() as f64 * 7.0 <= CHART_WIDTH - 16.0,
            "{line}"
        );
    }
}

#[test]
fn publish_chart_one_unordered_dimension_is_sorted_by_size_other_and_unknown_last() {
    let countries = dim(
        "c",
        "Citizenship",
        "category",
        &[
            ("other", "Other"),
            ("AF", "Afghanistan"),
            ("BD", "Bangladesh"),
            ("unknown", "Unknown"),
            ("ET", "Ethiopia"),
            ("KH", "Cambodia"),
            ("LB", "Lebanon"),
        ],
    );
    let t = table(
        "t",
        "T",
        vec![countries],
        vec![P(900), P(77), S, P(5000), P(311), S, P(1014), P(8000)],
    );
    let svg = chart_svg(&t, &config().privacy, "t").unwrap();
    let order: Vec<String> = category_labels(&svg).into_iter().flatten().collect();
    assert_eq!(
        order,
        [
            "Lebanon",
            "Ethiopia",
            "Afghanistan",
            "Bangladesh",
            "Cambodia",
            "Other",
            "Unknown"
        ],
        "published largest first, then the unpublished in table order, Other and Unknown last"
    );

    // Ordered categories (age groups, years) keep their own order.
    let ages = dim(
        "a",
        "Age",
        "category",
        &[("0-17", "0–17"), ("18-29", "18–29"), ("30+", "30 and over")],
    );
    let t = table("t", "T", vec![ages], vec![P(20), P(90), P(40), P(150)]);
    let svg = chart_svg(&t, &config().privacy, "t").unwrap();
    let order: Vec<String> = category_labels(&svg).into_iter().flatten().collect();
    assert_eq!(order, ["0–17", "18–29", "30 and over"]);

    // Groups of a grouped bar chart keep the table's order too.
    let svg = chart_svg(&by_sex_and_exploitation(), &config().privacy, "t").unwrap();
    let order: Vec<String> = category_labels(&svg).into_iter().flatten().collect();
    assert_eq!(order, ["Female", "Male"]);
}

#[test]
fn publish_chart_year_labels_are_whole_and_never_overlap() {
    let years: Vec<(String, String)> = (2005..2025)
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let cats: Vec<(&str, &str)> = years
        .iter()
        .map(|(c, l)| (c.as_str(), l.as_str()))
        .collect();
    let t = table(
        "t",
        "T",
        vec![dim("year", "Year", "year", &cats)],
        (0..21).map(|i| P(1000 + i * 50)).collect(),
    );
    let svg = chart_svg(&t, &config().privacy, "t").unwrap();
    assert!(!svg.contains('…'));
    let xs: Vec<f64> = svg
        .split("text-anchor=\"middle\"")
        .zip(svg.split("text-anchor=\"middle\"").skip(1))
        .filter(|(_, after)| {
            let text = &after[after.find('>').unwrap() + 1..after.find('<').unwrap()];
            text.len() == 4 && text.starts_with("20")
        })
        .map(|(before, _)| {
            let x = &before[before.rfind("x=\"").unwrap() + 3..];
            x[..x.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(xs.len() >= 5, "{xs:?}");
    assert!(svg.contains(">2024</text>"), "the latest year is named");
    for pair in xs.windows(2) {
        assert!(pair[1] - pair[0] >= 4.0 * 7.0, "{xs:?}");
    }
}
