//! Line charts over the years (the first on the left, or on the right on a right-to-left page).

use std::fmt::Write;

use super::marks::{marker, n, series_dash, text_lines, wrap};
use super::{
    nice_scale, Plan, Writing, AXIS, CHAR_W, GRID, LINE_H, PALETTE, SUPPRESSED_MARKER, TEXT, WIDTH,
};
use crate::html;
use crate::privacy::CellValue;

/// The most lines whose points are labelled with their values.
const MAX_LABELLED_SERIES: usize = 2;

/// Lines over the years: counts up the side, one line per series, broken at suppressed points.
pub(super) fn line_body(
    plan: &Plan,
    writing: Writing,
    values: &[Vec<CellValue>],
    max_published: u64,
    prefix: &str,
    suppressed_text: &str,
    top: f64,
) -> (String, f64) {
    let Writing { flow, numbers } = writing;
    let labels = plan.axis_labels();
    let series = plan.series_labels();
    let n_series = values.first().map_or(1, Vec::len);
    let (scale_top, step) = nice_scale(max_published);
    let count = |v: u64| html::escape(&numbers.count(v));
    let x0 = 16.0 + numbers.count(scale_top).chars().count() as f64 * CHAR_W;
    let x1 = WIDTH - 20.0;
    let y0 = top + 16.0;
    let y1 = y0 + 240.0;
    let slot = (x1 - x0) / labels.len() as f64;
    let x_at = |a: usize| x0 + (a as f64 + 0.5) * slot;
    let y_at = |v: u64| y1 - v as f64 / scale_top as f64 * (y1 - y0);
    // Every `label_every`-th year is named (counting back from the last, so the latest year always
    // is), as often as the labels fit side by side.
    let widest_label = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    let label_every = (((widest_label as f64 * CHAR_W + 6.0) / slot).ceil() as usize).max(1);
    let last = labels.len() - 1;
    // The same for the value labels at the points.
    let widest_value = values
        .iter()
        .flatten()
        .filter_map(|v| v.published())
        .map(|v| numbers.count(v).chars().count())
        .max()
        .unwrap_or(1);
    let value_every = (((widest_value as f64 * CHAR_W + 4.0) / slot).ceil() as usize).max(1);

    let mut out = String::from("<g class=\"axis\">");
    let mut tick = 0;
    while tick <= scale_top {
        let y = y_at(tick);
        let label = count(tick);
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\"/>\
             <text x=\"{}\" y=\"{}\"{} fill=\"{TEXT}\">{label}</text>",
            n(flow.x(x0)),
            n(flow.x(x1)),
            if tick == 0 { AXIS } else { GRID },
            n(flow.x(x0 - 6.0)),
            n(y + 4.5),
            flow.anchor(&label, Some("end")),
            y = n(y),
        );
        tick += step;
    }
    for (a, label) in labels.iter().enumerate() {
        if (last - a) % label_every == 0 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\"{} fill=\"{TEXT}\">{}</text>",
                n(flow.x(x_at(a))),
                n(y1 + 18.0),
                flow.anchor(label, Some("middle")),
                html::escape(label)
            );
        }
    }
    out.push_str("</g><g class=\"marks\">");
    for s in 0..n_series {
        let colour = PALETTE[s % PALETTE.len()];
        let mut path = String::new();
        let mut previous_published = false;
        for (a, row) in values.iter().enumerate() {
            match row[s] {
                CellValue::Published(v) => {
                    let cmd = if previous_published { 'L' } else { 'M' };
                    let _ = write!(path, "{cmd}{} {}", n(flow.x(x_at(a))), n(y_at(v)));
                    previous_published = true;
                }
                CellValue::Suppressed => previous_published = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(
                out,
                "<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{}/>",
                series_dash(s)
            );
        }
        for (a, row) in values.iter().enumerate() {
            if let CellValue::Published(v) = row[s] {
                let name = if plan.series.is_some() {
                    format!("{}, {}", series[s], labels[a])
                } else {
                    labels[a].to_string()
                };
                let _ = write!(
                    out,
                    "<g>{}<title>{}: {}</title></g>",
                    marker(s, flow.x(x_at(a)), y_at(v), colour, colour),
                    html::escape(&name),
                    count(v),
                );
            }
        }
    }
    // Value labels, top to bottom at each labelled year: above the point, or below it when the
    // label above would overlap the previous one. With more than two lines the labels would cover
    // each other at this width: the values are then in the points' tooltips and the table only.
    for (a, row) in values.iter().enumerate() {
        if n_series > MAX_LABELLED_SERIES || (last - a) % value_every != 0 {
            continue;
        }
        let mut points: Vec<u64> = row.iter().filter_map(|v| v.published()).collect();
        points.sort_unstable_by(|p, q| q.cmp(p));
        let mut previous = f64::NEG_INFINITY;
        for v in points {
            let y = y_at(v);
            let label_y = if y - 10.0 - previous >= 15.0 {
                y - 10.0
            } else {
                y + 20.0
            };
            previous = label_y;
            let label = count(v);
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\"{} fill=\"{TEXT}\">{label}</text>",
                n(flow.x(x_at(a))),
                n(label_y),
                flow.anchor(&label, Some("middle")),
            );
        }
    }
    out.push_str("</g>");

    let mut height = y1 + 28.0;
    let rows: Vec<usize> = (0..n_series)
        .filter(|&s| values.iter().any(|row| row[s] == CellValue::Suppressed))
        .collect();
    if !rows.is_empty() {
        let _ = write!(
            out,
            "<g class=\"suppressed\"><text x=\"{}\" y=\"{}\"{} fill=\"{TEXT}\" font-style=\"italic\">{}:</text>",
            n(flow.x(8.0)),
            n(height + 11.0),
            flow.anchor(suppressed_text, None),
            html::escape(suppressed_text)
        );
        height += 18.0;
        for s in rows {
            if plan.series.is_some() {
                let lines = wrap(series[s], ((WIDTH - 16.0) / CHAR_W) as usize);
                let attributes = flow.anchor(series[s], None);
                out.push_str(&text_lines(flow.x(8.0), height + 10.0, &lines, &attributes));
                height += lines.len() as f64 * LINE_H;
            }
            for (a, row) in values.iter().enumerate() {
                if row[s] == CellValue::Suppressed {
                    let name = if plan.series.is_some() {
                        format!("{}, {}", series[s], labels[a])
                    } else {
                        labels[a].to_string()
                    };
                    let _ = write!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{m}\" height=\"{m}\" fill=\"url(#{prefix}-hatch)\" stroke=\"{}\" stroke-width=\"1.5\">\
                         <title>{}: {}</title></rect>",
                        n(flow.left(x_at(a) - SUPPRESSED_MARKER / 2.0, SUPPRESSED_MARKER)),
                        n(height),
                        PALETTE[s % PALETTE.len()],
                        html::escape(&name),
                        html::escape(suppressed_text),
                        m = n(SUPPRESSED_MARKER),
                    );
                }
            }
            height += 18.0;
        }
        out.push_str("</g>");
        height += 4.0;
    }
    (out, height)
}
