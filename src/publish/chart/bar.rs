//! Horizontal bar charts, single or grouped, laid out for a narrow screen: each category's label
//! on lines of its own above its bars (wrapped, never cut), the bars below it from the axis at the
//! left (the right on a right-to-left page), the counts on a scale along the top.

use std::fmt::Write;

use super::marks::{n, series_fill, suppressed_mark, text_lines, wrap};
use super::{
    nice_scale, Plan, Writing, AXIS, CHAR_W, GRID, LINE_H, PALETTE, SUPPRESSED_MARKER_RADIUS, TEXT,
    WIDTH,
};
use crate::html;
use crate::privacy::CellValue;

/// Left edge of the labels and of the axis the bars start from (in the left-to-right layout).
const X0: f64 = 8.0;

/// Horizontal bars: each category's label above its bars, counts along the top axis.
pub(super) fn bar_body(
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
    let bar_h = if n_series == 1 { 20.0 } else { 16.0 };
    let bar_gap = 3.0;
    let group_gap = if n_series == 1 { 10.0 } else { 14.0 };
    let (scale_top, step) = nice_scale(max_published);
    // Room at the right for the longest value label (and the top tick's half).
    let widest_value = values
        .iter()
        .flatten()
        .filter_map(|v| v.published())
        .chain([scale_top])
        .map(|v| numbers.count(v).chars().count())
        .max()
        .unwrap_or(1);
    let x1 = WIDTH - 8.0 - widest_value as f64 * CHAR_W - 6.0;
    let plot_w = x1 - X0;
    let label_chars = ((WIDTH - 2.0 * X0) / CHAR_W) as usize;
    let axis_y = top + 14.0;
    let y_start = axis_y + 10.0;

    let mut marks = String::from("<g class=\"marks\">");
    let mut y = y_start;
    for (a, label) in labels.iter().enumerate() {
        if a > 0 {
            y += group_gap;
        }
        let lines = wrap(label, label_chars);
        y += 12.0;
        let attributes = format!(" class=\"category\"{}", flow.anchor(label, None));
        let _ = write!(marks, "{}", text_lines(flow.x(X0), y, &lines, &attributes));
        y += (lines.len() - 1) as f64 * LINE_H + 6.0;
        for (s, value) in values[a].iter().enumerate() {
            if s > 0 {
                y += bar_gap;
            }
            let text_y = n(y + bar_h / 2.0 + 4.5);
            let name = if plan.series.is_some() {
                format!("{label}, {}", series[s])
            } else {
                label.to_string()
            };
            match value {
                CellValue::Published(v) => {
                    let w = *v as f64 / scale_top as f64 * plot_w;
                    let colour = PALETTE[s % PALETTE.len()];
                    let count = html::escape(&numbers.count(*v));
                    let _ = write!(
                        marks,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\">\
                         <title>{name}: {count}</title></rect>\
                         <text x=\"{tx}\" y=\"{text_y}\"{anchor} fill=\"{TEXT}\">{count}</text>",
                        x = n(flow.left(X0, w)),
                        y = n(y),
                        w = n(w),
                        h = n(bar_h),
                        fill = series_fill(prefix, s),
                        name = html::escape(&name),
                        tx = n(flow.x(X0 + w + 5.0)),
                        anchor = flow.anchor(&count, None),
                    );
                }
                CellValue::Suppressed => {
                    // One marker at the axis, the same for every suppressed cell: only its row
                    // (the category's place in the list) decides where it is.
                    let _ = write!(
                        marks,
                        "<g class=\"suppressed\" transform=\"translate({x},{cy})\">{mark}<title>{name}: {text}</title></g>\
                         <text x=\"{tx}\" y=\"{text_y}\"{anchor} fill=\"{TEXT}\" font-style=\"italic\">{text}</text>",
                        x = n(flow.x(X0 + SUPPRESSED_MARKER_RADIUS)),
                        cy = n(y + bar_h / 2.0),
                        mark = suppressed_mark(),
                        name = html::escape(&name),
                        text = html::escape(suppressed_text),
                        tx = n(flow.x(X0 + 2.0 * SUPPRESSED_MARKER_RADIUS + 6.0)),
                        anchor = flow.anchor(suppressed_text, None),
                    );
                }
            }
            y += bar_h;
        }
    }
    marks.push_str("</g>");
    let y_end = y;

    let mut out = String::from("<g class=\"axis\">");
    let mut tick = 0;
    while tick <= scale_top {
        let x = X0 + tick as f64 / scale_top as f64 * plot_w;
        let label = html::escape(&numbers.count(tick));
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{GRID}\"/>\
             <text x=\"{x}\" y=\"{ty}\"{anchor} fill=\"{TEXT}\">{label}</text>",
            x = n(flow.x(x)),
            y1 = n(y_start - 4.0),
            y2 = n(y_end + 4.0),
            ty = n(axis_y),
            anchor = flow.anchor(&label, Some(if tick == 0 { "start" } else { "middle" })),
        );
        tick += step;
    }
    let _ = write!(
        out,
        "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{AXIS}\"/></g>{marks}",
        x = n(flow.x(X0)),
        y1 = n(y_start - 4.0),
        y2 = n(y_end + 4.0)
    );
    (out, y_end + 12.0)
}
