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
    let svg = chart_svg(
        &by_sex_and_exploitation(),
        &config().privacy,
        "table-1",
        &en(),
    )
    .unwrap();
    insta::assert_snapshot!(lines(&svg));
}

#[test]
fn publish_chart_snapshot_line() {
    let svg = chart_svg(&by_year_and_sex(), &config().privacy, "table-2", &en()).unwrap();
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
    assert_eq!(chart_svg(&no_dims, &config().privacy, "x", &en()), None);
}

#[test]
fn publish_chart_is_accessible() {
    for table in all_tables() {
        let svg = chart_svg(&table, &config().privacy, "the-table", &en()).unwrap();
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
    let svg = chart_svg(&by_country(), &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&by_sex_and_exploitation(), &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&by_year_and_sex(), &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&table, &config().privacy, "t", &en()).unwrap();
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
        let svg = chart_svg(t, &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&t, &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&t, &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&t, &config().privacy, "t", &en()).unwrap();
    let order: Vec<String> = category_labels(&svg).into_iter().flatten().collect();
    assert_eq!(order, ["0–17", "18–29", "30 and over"]);

    // Groups of a grouped bar chart keep the table's order too.
    let svg = chart_svg(&by_sex_and_exploitation(), &config().privacy, "t", &en()).unwrap();
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
    let svg = chart_svg(&t, &config().privacy, "t", &en()).unwrap();
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

/// `by_country` with Arabic labels (as `render::translate` gives them on an Arabic page).
fn by_country_in_arabic() -> safestat::privacy::ProtectedTable {
    let mut t = by_country();
    t.title = "الضحايا حسب بلد الجنسية".into();
    t.dimensions[0].label = "بلد الجنسية".into();
    for (category, label) in t.dimensions[0].categories.iter_mut().zip([
        "لبنان",
        "سوريا",
        "إثيوبيا",
        "أخرى",
        "غير معروف",
    ]) {
        category.label = label.into();
    }
    t
}

/// `(x, width)` of every bar (`<rect>` with a `<title>`: bars, not legend swatches).
fn bars(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<rect ")
        .skip(1)
        .filter(|r| !r[..r.find('>').unwrap()].ends_with('/'))
        .map(|r| {
            let element = format!(" {}", &r[..r.find('>').unwrap()]);
            let attr = |name: &str| -> f64 {
                let v = &element[element.find(&format!(" {name}=\"")).unwrap()..];
                let v = &v[v.find('"').unwrap() + 1..];
                v[..v.find('"').unwrap()].parse().unwrap()
            };
            (attr("x"), attr("width"))
        })
        .collect()
}

#[test]
fn publish_an_arabic_bar_chart_reads_right_to_left() {
    let privacy = config().privacy;
    let english = chart_svg(&by_country(), &privacy, "t", &en()).unwrap();
    let arabic = chart_svg(&by_country_in_arabic(), &privacy, "t", &locale("ar")).unwrap();
    assert!(arabic.contains(" direction=\"rtl\">"), "{arabic}");
    assert!(!english.contains("direction="), "{english}");
    // Every bar is the mirror image of the English one: it grows leftwards from the axis at
    // the right edge (x = 352), and the categories keep their order.
    let (en_bars, ar_bars) = (bars(&english), bars(&arabic));
    assert_eq!(en_bars.len(), 3, "{english}");
    assert_eq!(en_bars.len(), ar_bars.len());
    for ((ex, ew), (ax, aw)) in en_bars.iter().zip(&ar_bars) {
        assert_eq!(ew, aw);
        assert!(
            (ax + aw - (CHART_WIDTH - ex)).abs() < 0.11,
            "{ex} {ew} → {ax} {aw}"
        );
        assert!(
            (ax + aw - 352.0).abs() < 0.11,
            "bars start at the right-hand axis"
        );
    }
    // The axis and the category labels are on the right; an Arabic label is anchored at its
    // start, which the chart's direction puts on the right.
    assert!(arabic.contains("<line x1=\"352\""), "{arabic}");
    assert!(
        arabic.contains("<text x=\"352\" y=\"")
            && arabic.contains(" class=\"category\">لبنان</text>"),
        "{arabic}"
    );
    // Numbers are written left to right and anchored at their right end, left of their bar.
    assert!(
        arabic.contains(" text-anchor=\"end\" direction=\"ltr\" fill=\"#1a1a1a\">12,345</text>"),
        "{arabic}"
    );
    // The suppressed marker is the English one, at the right-hand axis.
    let marker = |svg: &str| -> Vec<String> {
        svg.split("<g class=\"suppressed\" transform=\"translate(")
            .skip(1)
            .map(|g| g[..g.find("</g>").unwrap()].to_string())
            .collect()
    };
    let (en_markers, ar_markers) = (marker(&english), marker(&arabic));
    assert_eq!(ar_markers.len(), 2);
    for (e, a) in en_markers.iter().zip(&ar_markers) {
        assert!(e.starts_with("14,") && a.starts_with("346,"), "{e} {a}");
        let shape = |m: &str| m[m.find(")\">").unwrap()..m.find("<title>").unwrap()].to_string();
        assert_eq!(shape(e), shape(a));
    }
    // Its words are Arabic.
    assert!(arabic.contains("<desc id=\"chart-victims-by-country-desc\">رسم بياني بالأعمدة: الضحايا حسب بلد الجنسية، حسب بلد الجنسية."), "{arabic}");
    assert!(!arabic.contains("Bar chart"), "{arabic}");
}

#[test]
fn publish_an_arabic_suppressed_marker_is_the_same_at_every_scale() {
    // Whatever the published counts around it, the marker in the mirrored chart does not move or
    // change.
    let privacy = config().privacy;
    let ar = locale("ar");
    let chart = |values: Vec<safestat::privacy::CellValue>| {
        let mut t = table("t", "ت", vec![sex()], values);
        t.dimensions[0].categories[0].label = "أنثى".into();
        t.dimensions[0].categories[1].label = "ذكر".into();
        chart_svg(&t, &privacy, "t", &ar).unwrap()
    };
    let placeholder = |svg: &str| {
        let start = svg.find("<g class=\"suppressed\"").unwrap();
        svg[start..start + svg[start..].find("</g>").unwrap()].to_string()
    };
    let (a, b) = (
        chart(vec![P(20), S, P(40)]),
        chart(vec![P(200_000), S, P(200_040)]),
    );
    assert_eq!(placeholder(&a), placeholder(&b));
    assert!(placeholder(&a).starts_with("<g class=\"suppressed\" transform=\"translate(346,"));
}

#[test]
fn publish_an_arabic_line_chart_puts_the_first_year_on_the_right() {
    let privacy = config().privacy;
    let english = chart_svg(&by_year_and_sex(), &privacy, "t", &en()).unwrap();
    let arabic = chart_svg(&by_year_and_sex(), &privacy, "t", &locale("ar")).unwrap();
    // Year labels: centred, written left to right, in mirrored places.
    let year_x = |svg: &str, year: &str| -> f64 {
        let end = svg.find(&format!(">{year}</text>")).unwrap();
        let start = svg[..end].rfind("<text x=\"").unwrap() + 9;
        svg[start..start + svg[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    assert!(year_x(&english, "2021") < year_x(&english, "2024"));
    assert!(year_x(&arabic, "2021") > year_x(&arabic, "2024"));
    assert!((year_x(&arabic, "2021") - (CHART_WIDTH - year_x(&english, "2021"))).abs() < 0.11);
    assert!(
        arabic.contains(" text-anchor=\"middle\" direction=\"ltr\" fill=\"#1a1a1a\">2021</text>"),
        "{arabic}"
    );
    // The count axis is on the right, its numbers anchored at their left end.
    assert!(
        arabic.contains(" text-anchor=\"start\" direction=\"ltr\" fill=\"#1a1a1a\">500</text>"),
        "{arabic}"
    );
    // The lines run from the right: each line's points go leftwards (marker paths end in Z).
    let lines: Vec<&str> = arabic
        .split("<path d=\"")
        .skip(1)
        .map(|p| &p[..p.find('"').unwrap()])
        .filter(|d| !d.ends_with('Z'))
        .collect();
    assert_eq!(lines.len(), 2, "{arabic}");
    for path in lines {
        let xs: Vec<f64> = path
            .split(['M', 'L'])
            .filter(|p| !p.is_empty())
            .map(|p| p.split(' ').next().unwrap().parse().unwrap())
            .collect();
        assert!(
            xs.len() >= 2 && xs.windows(2).all(|w| w[0] > w[1]),
            "{path}"
        );
    }
}

#[test]
fn publish_chart_numbers_follow_the_language() {
    let privacy = config().privacy;
    let french = chart_svg(&by_country(), &privacy, "t", &locale("fr")).unwrap();
    assert!(french.contains(">12\u{202F}345</text>"), "{french}");
    assert!(!french.contains("12,345"), "{french}");
    assert!(
        french.contains("Graphique à barres : Victims by country of citizenship"),
        "{french}"
    );
    assert!(
        french.contains("2 valeurs marquées « not published »"),
        "{french}"
    );
    let english = chart_svg(&by_country(), &privacy, "t", &en()).unwrap();
    assert!(english.contains(">12,345</text>"), "{english}");
    assert!(
        english.contains("2 values marked “not published” are drawn"),
        "{english}"
    );
}
