//! Leak-oriented tests: whatever a table looks like (CSV, JSON, XLSX, HTML, SVG), a suppressed cell
//! contributes nothing to any output but the fixed placeholder — no number, no size, no `data-` attribute — and primary and
//! secondary suppressions cannot be told apart (they are one `CellValue::Suppressed`).

use proptest::prelude::*;
use safestat::privacy::{CellValue, ProtectedTable};
use safestat::publish::{chart_svg, format_count, table_csv, table_html, table_json, table_xlsx};

use crate::publish_fixtures::*;
use crate::xlsx_support::{xlsx_sheets, XlsxCell};

/// The text content of every `<text>` element of an SVG, without nested `<title>`s.
fn svg_texts(svg: &str) -> Vec<&str> {
    svg.split("<text ")
        .skip(1)
        .map(|rest| {
            let start = rest.find('>').unwrap() + 1;
            let end = rest[start..].find('<').unwrap() + start;
            &rest[start..end]
        })
        .collect()
}

fn arbitrary_table() -> impl Strategy<Value = ProtectedTable> {
    let kinds = prop::sample::select(vec!["category", "year"]);
    prop::collection::vec((1usize..5, kinds), 1..4)
        .prop_flat_map(|shape| {
            let cells: usize = shape.iter().map(|(n, _)| n + 1).product();
            let value = prop_oneof![
                1 => Just(S),
                1 => Just(P(0)),
                3 => (11u64..250_000).prop_map(P),
            ];
            (Just(shape), prop::collection::vec(value, cells))
        })
        .prop_map(|(shape, values)| {
            let dims = shape
                .iter()
                .enumerate()
                .map(|(d, (n, kind))| {
                    let cats: Vec<(String, String)> = (0..*n)
                        .map(|c| (format!("c{d}{c}"), format!("Category {d}.{c}")))
                        .collect();
                    let cats: Vec<(&str, &str)> =
                        cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                    dim(&format!("d{d}"), &format!("Dimension {d}"), kind, &cats)
                })
                .collect();
            table("prop", "Property table", dims, values)
        })
}

fn check_outputs(table: &ProtectedTable) {
    let privacy = config().privacy;
    let suppressed = table
        .cells
        .iter()
        .filter(|c| c.value == CellValue::Suppressed)
        .count();
    let published: Vec<u64> = table
        .cells
        .iter()
        .filter_map(|c| c.value.published())
        .collect();

    // CSV: a suppressed row holds no count; every count is a published cell's.
    let csv = String::from_utf8(table_csv(table).unwrap()).unwrap();
    let mut suppressed_rows = 0;
    for line in csv.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let (count, flag) = (fields[fields.len() - 2], fields[fields.len() - 1]);
        if flag == "suppressed" {
            assert_eq!(count, "");
            suppressed_rows += 1;
        } else {
            assert!(published.contains(&count.parse().unwrap()), "{count}");
        }
    }
    assert_eq!(suppressed_rows, suppressed);

    // JSON: null counts, exactly one per suppressed cell.
    let json: serde_json::Value = serde_json::from_slice(&table_json(table).unwrap()).unwrap();
    let nulls = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["count"].is_null())
        .count();
    assert_eq!(nulls, suppressed);

    // XLSX, decoded: every number cell a published cell's, the configured words once per
    // suppressed cell, and no text that reads as a number unless it is a category's label (a year).
    let labels: Vec<&str> = table
        .dimensions
        .iter()
        .flat_map(|d| d.categories.iter().map(|c| c.label.as_str()))
        .collect();
    let xlsx = table_xlsx(table, &config(), None, &en()).unwrap();
    let mut words = 0;
    for (_, cells) in xlsx_sheets(&xlsx) {
        for cell in cells.values() {
            match cell {
                XlsxCell::Number(n) => assert!(published.contains(&(*n as u64)), "xlsx {n}"),
                XlsxCell::Text(t) if *t == privacy.suppressed_text => words += 1,
                XlsxCell::Text(t) => assert!(
                    t.replace(',', "").parse::<f64>().is_err() || labels.contains(&t.as_str()),
                    "xlsx text {t:?} reads as a number"
                ),
            }
        }
    }
    assert_eq!(words, suppressed);

    // HTML: the configured words once per suppressed cell; every number a published cell's.
    let html = table_html(table, &privacy, "t", &en());
    assert_eq!(html.matches(&privacy.suppressed_text).count(), suppressed);
    assert!(!html.contains("data-"));
    for td in html.split("<td class=\"num").skip(1) {
        let content = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()];
        let content = content
            .trim_start_matches("<strong>")
            .trim_end_matches("</strong>");
        if content != privacy.suppressed_text {
            let n: u64 = content.replace(',', "").parse().unwrap();
            assert!(published.contains(&n), "{content}");
        }
    }

    // SVG: placeholders all of one size; value labels only of published cells; the scale's top
    // is the nice ceiling of the largest published cell drawn; no data- attributes.
    if let Some(svg) = chart_svg(table, &privacy, "t", &en()) {
        assert!(!svg.contains("data-"));
        let first_marker =
            |g: &str| g[g.find(")\">").unwrap()..g.find("<title>").unwrap()].to_string();
        let markers: Vec<String> = svg
            .split("<g class=\"suppressed\" transform=\"translate(")
            .skip(1)
            .map(first_marker)
            .collect();
        assert!(markers.windows(2).all(|w| w[0] == w[1]), "one marker shape");
        // The drawn values, as the marks' tooltips name them: each a published cell's.
        let mut drawn = Vec::new();
        let mut placeholders = 0;
        for title in svg.split("<title>").skip(1) {
            let title = &title[..title.find("</title>").unwrap()];
            let Some((_, value)) = title.rsplit_once(": ") else {
                continue;
            };
            if value == privacy.suppressed_text {
                placeholders += 1;
            } else {
                let n: u64 = value.replace(',', "").parse().unwrap();
                assert!(published.contains(&n), "drawn {n} is not a published cell");
                drawn.push(n);
            }
        }
        // Every hatched mark or bar-chart marker with a tooltip is a placeholder (the legend's
        // swatches have none).
        let hatched = markers.len()
            + svg
                .split("<rect ")
                .skip(1)
                .map(|rest| &rest[..rest.find('>').unwrap()])
                .filter(|element| element.contains("-hatch)") && !element.ends_with('/'))
                .count();
        assert_eq!(hatched, placeholders);
        // The axis: 0 up to the first multiple of a 1-2-5 step (at most 5 steps) at or above the
        // largest drawn value — nothing else can set the scale.
        let max = drawn.iter().copied().max().unwrap_or(0).max(1);
        let step = [1u64, 2, 5]
            .iter()
            .flat_map(|m| (0..17).map(move |e| m * 10u64.pow(e)))
            .filter(|step| step * 5 >= max)
            .min()
            .unwrap();
        let top = max.div_ceil(step) * step;
        for text in svg_texts(&svg) {
            let is_label = table
                .dimensions
                .iter()
                .any(|d| d.categories.iter().any(|c| c.label == text));
            if is_label || text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == ',')
            {
                continue;
            }
            let n: u64 = text.replace(',', "").parse().unwrap();
            let tick = n % step == 0 && n <= top;
            assert!(
                tick || drawn.contains(&n),
                "number {text} is neither a drawn value nor a tick"
            );
        }
        assert!(
            svg_texts(&svg).contains(&format_count(top).as_str()),
            "top tick {top}"
        );
    }
}

#[test]
fn publish_fixture_tables_leak_nothing() {
    for table in all_tables() {
        check_outputs(&table);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn publish_no_output_carries_a_suppressed_value(table in arbitrary_table()) {
        check_outputs(&table);
    }
}

#[test]
fn publish_suppressed_placeholder_is_one_size_at_every_scale() {
    // The same suppressed position beside small and huge published counts: the placeholder is the
    // same, while the published bars follow their own scale.
    let small = table("t", "T", vec![sex()], vec![P(20), S, P(40)]);
    let large = table("t", "T", vec![sex()], vec![P(200_000), S, P(200_040)]);
    let privacy = config().privacy;
    let (a, b) = (
        chart_svg(&small, &privacy, "t", &en()).unwrap(),
        chart_svg(&large, &privacy, "t", &en()).unwrap(),
    );
    let placeholder = |svg: &str| {
        let start = svg.find("<g class=\"suppressed\"").unwrap();
        svg[start..start + svg[start..].find("</g>").unwrap()].to_string()
    };
    assert_eq!(placeholder(&a), placeholder(&b));
    assert!(placeholder(&a).contains("<circle r=\"6\""));
    assert!(a.contains(">20</text>") && b.contains(">200,000</text>"));
    assert!(
        !a.contains(">40<") && !b.contains("200,040"),
        "totals are not drawn"
    );
}
