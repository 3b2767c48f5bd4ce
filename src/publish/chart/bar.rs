//! Horizontal bar charts, single or grouped.

use std::fmt::Write;

use super::marks::{fit, n, series_fill};
use super::{
    nice_scale, Plan, AXIS, CHAR_W, GRID, HATCH, PALETTE, SUPPRESSED_STUB_WIDTH, TEXT, WIDTH,
};
use crate::html;
use crate::privacy::CellValue;
use crate::publish::format::format_count;

/// Horizontal bars: categories down the side, counts along the top axis.
pub(super) fn bar_body(
    plan: &Plan,
    values: &[Vec<CellValue>],
    max_published: u64,
    prefix: &str,
    suppressed_text: &str,
    top: f64,
) -> (String, f64) {
    let labels = plan.axis_labels();
    let series = plan.series_labels();
    let n_series = values.first().map_or(1, Vec::len);
    let bar_h = if n_series == 1 { 22.0 } else { 18.0 };
    let group_h = n_series as f64 * (bar_h + 2.0) - 2.0;
    let group_gap = if n_series == 1 { 8.0 } else { 14.0 };
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let label_w = (longest as f64 * CHAR_W + 16.0).clamp(80.0, 220.0);
    let label_chars = ((label_w - 16.0) / CHAR_W) as usize;
    let x0 = label_w;
    let x1 = WIDTH - 80.0;
    let plot_w = x1 - x0;
    let (scale_top, step) = nice_scale(max_published);
    let axis_y = top + 14.0;
    let y_start = axis_y + 10.0;
    let y_end = y_start + labels.len() as f64 * (group_h + group_gap) - group_gap;

    let mut out = String::from("<g class=\"axis\">");
    let mut tick = 0;
    while tick <= scale_top {
        let x = x0 + tick as f64 / scale_top as f64 * plot_w;
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{GRID}\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" fill=\"{TEXT}\">{label}</text>",
            x = n(x),
            y1 = n(y_start - 4.0),
            y2 = n(y_end + 4.0),
            ty = n(axis_y),
            label = format_count(tick)
        );
        tick += step;
    }
    let _ = write!(
        out,
        "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{AXIS}\"/></g><g class=\"marks\">",
        x = n(x0),
        y1 = n(y_start - 4.0),
        y2 = n(y_end + 4.0)
    );
    for (a, label) in labels.iter().enumerate() {
        let gy = y_start + a as f64 * (group_h + group_gap);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}<title>{}</title></text>",
            n(x0 - 8.0),
            n(gy + group_h / 2.0 + 4.5),
            html::escape(&fit(label, label_chars)),
            html::escape(label)
        );
        for (s, value) in values[a].iter().enumerate() {
            let y = gy + s as f64 * (bar_h + 2.0);
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
                    let _ = write!(
                        out,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\">\
                         <title>{name}: {count}</title></rect>\
                         <text x=\"{tx}\" y=\"{text_y}\" fill=\"{TEXT}\">{count}</text>",
                        x = n(x0),
                        y = n(y),
                        w = n(w),
                        h = n(bar_h),
                        fill = series_fill(prefix, s),
                        name = html::escape(&name),
                        count = format_count(*v),
                        tx = n(x0 + w + 5.0),
                    );
                }
                CellValue::Suppressed => {
                    let _ = write!(
                        out,
                        "<rect class=\"suppressed\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"url(#{prefix}-hatch)\" stroke=\"{HATCH}\" stroke-dasharray=\"3 2\">\
                         <title>{name}: {text}</title></rect>\
                         <text x=\"{tx}\" y=\"{text_y}\" fill=\"{TEXT}\" font-style=\"italic\">{text}</text>",
                        x = n(x0),
                        y = n(y),
                        w = n(SUPPRESSED_STUB_WIDTH),
                        h = n(bar_h),
                        name = html::escape(&name),
                        text = html::escape(suppressed_text),
                        tx = n(x0 + SUPPRESSED_STUB_WIDTH + 5.0),
                    );
                }
            }
        }
    }
    out.push_str("</g>");
    (out, y_end + 12.0)
}
