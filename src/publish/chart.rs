//! Inline SVG charts, drawn at build time (no JavaScript).
//!
//! Which chart: a line chart when one of the first two dimensions is a year (the year on the
//! horizontal axis, the other dimension as one line per category); otherwise a horizontal bar chart
//! for one dimension, and a grouped bar chart for two (the first dimension on the axis, one bar per
//! category of the second in each group). A table with more dimensions is charted on its first two,
//! at the total of the others. A table without dimensions gets no chart. Totals are never drawn as
//! bars or points: they are in the table.
//!
//! Rules that keep a chart honest and accessible:
//! - the scale comes from published cells only; a suppressed cell is drawn as one hatched
//!   placeholder of a fixed size ([`SUPPRESSED_STUB_WIDTH`]) labelled with the configured words, and
//!   in a line chart it breaks the line and is marked in a "not published" row under the axis;
//! - every mark carries its value as text, series differ by pattern or by dash and marker shape as
//!   well as by colour, and a legend names them;
//! - colours are Okabe–Ito hues with at least 3:1 contrast against white ([`PALETTE`]);
//! - `role="img"`, a `<title>` and a `<desc>`, and `aria-describedby` pointing at the table that
//!   holds every value (its element id is a parameter);
//! - sized by `viewBox` only, so it scales to its container.

use std::fmt::Write;

use crate::config::PrivacyConfig;
use crate::privacy::{CellValue, ProtectedTable};

use super::format::{escape_html, format_count};

/// Series colours: Okabe–Ito blue, vermillion, bluish green, reddish purple and black — the hues of
/// that palette with at least 3:1 contrast against a white background.
pub const PALETTE: [&str; 5] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"];
/// Width of the hatched placeholder drawn for a suppressed cell in a bar chart, whatever its value.
pub const SUPPRESSED_STUB_WIDTH: f64 = 24.0;
/// Side of the hatched marker drawn for a suppressed point in a line chart.
const SUPPRESSED_MARKER: f64 = 12.0;

const WIDTH: f64 = 640.0;
const TEXT: &str = "#1a1a1a";
const GRID: &str = "#d0d0d0";
const AXIS: &str = "#595959";
const HATCH: &str = "#595959";
const FONT: &str =
    "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"13\"";
/// Approximate advance of one character at 13px, for layout.
const CHAR_W: f64 = 7.0;

/// The kind of chart drawn for a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bar,
    GroupedBar,
    Line,
}

/// What to draw: the axis dimension, the optional series dimension, and the grid of values with the
/// other dimensions at their totals.
struct Plan<'a> {
    kind: ChartKind,
    table: &'a ProtectedTable,
    axis: usize,
    series: Option<usize>,
}

impl Plan<'_> {
    fn axis_labels(&self) -> Vec<&str> {
        self.table.dimensions[self.axis]
            .categories
            .iter()
            .map(|c| c.label.as_str())
            .collect()
    }

    fn series_labels(&self) -> Vec<&str> {
        match self.series {
            Some(s) => self.table.dimensions[s]
                .categories
                .iter()
                .map(|c| c.label.as_str())
                .collect(),
            None => vec![self.table.title.as_str()],
        }
    }

    /// The value at axis category `a` and series category `s`, other dimensions at their totals.
    fn value(&self, a: usize, s: usize) -> CellValue {
        let mut key = vec![None; self.table.dimensions.len()];
        key[self.axis] = Some(a);
        if let Some(sd) = self.series {
            key[sd] = Some(s);
        }
        self.table.cell(&key).value
    }

    fn values(&self) -> Vec<Vec<CellValue>> {
        let n_series = self.series_labels().len();
        (0..self.axis_labels().len())
            .map(|a| (0..n_series).map(|s| self.value(a, s)).collect())
            .collect()
    }
}

fn plan(table: &ProtectedTable) -> Option<Plan<'_>> {
    let dims = &table.dimensions;
    let first_two = dims.len().min(2);
    let year = (0..first_two).find(|&d| dims[d].kind == "year" && dims[d].categories.len() >= 2);
    let (kind, axis, series) = match (year, first_two) {
        (_, 0) => return None,
        (Some(y), 1) => (ChartKind::Line, y, None),
        (Some(y), _) => (ChartKind::Line, y, Some(1 - y)),
        (None, 1) => (ChartKind::Bar, 0, None),
        (None, _) => (ChartKind::GroupedBar, 0, Some(1)),
    };
    if dims[axis].categories.is_empty() || series.is_some_and(|s| dims[s].categories.is_empty()) {
        return None;
    }
    Some(Plan {
        kind,
        table,
        axis,
        series,
    })
}

/// The chart drawn for `table`, or `None` when it has none (no dimension, or no category).
pub fn chart_kind(table: &ProtectedTable) -> Option<ChartKind> {
    plan(table).map(|p| p.kind)
}

/// A "nice" scale for counts up to `max`: a step of 1, 2 or 5 × 10ⁿ giving at most 5 intervals, and
/// the top of the axis as a multiple of the step. `max` must come from published cells only.
pub(crate) fn nice_scale(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let mut magnitude: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if step.saturating_mul(5) >= max {
                return (max.div_ceil(step) * step, step);
            }
        }
        magnitude *= 10;
    }
}

/// A coordinate with at most one decimal, without a trailing `.0`.
fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Shortens `label` to at most `max_chars` characters, ending with `…` when cut.
fn fit(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max_chars.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn id_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The fill of series `s` in bar charts: the colour, with a white pattern from the second series on.
fn series_fill(prefix: &str, s: usize) -> String {
    if s % 4 == 0 {
        PALETTE[s % PALETTE.len()].to_string()
    } else {
        format!("url(#{prefix}-s{s})")
    }
}

/// `<pattern>` definitions: the suppressed hatch, and one per patterned bar series.
fn defs(prefix: &str, n_series: usize, bars: bool) -> String {
    let mut d = String::from("<defs>");
    let _ = write!(
        d,
        "<pattern id=\"{prefix}-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{HATCH}\" stroke-width=\"2\"/></pattern>"
    );
    if bars {
        for s in (0..n_series).filter(|s| s % 4 != 0) {
            let colour = PALETTE[s % PALETTE.len()];
            let mark = match s % 4 {
                1 => "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
                2 => "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#ffffff\"/>",
                _ => "<line x1=\"0\" y1=\"3\" x2=\"6\" y2=\"3\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
            };
            let rotate = if s % 4 == 1 {
                " patternTransform=\"rotate(-45)\""
            } else {
                ""
            };
            let _ = write!(
                d,
                "<pattern id=\"{prefix}-s{s}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"{rotate}>\
                 <rect width=\"6\" height=\"6\" fill=\"{colour}\"/>{mark}</pattern>"
            );
        }
    }
    d.push_str("</defs>");
    d
}

/// The dash pattern of line series `s` (solid, dashed, dotted, dash-dot).
fn series_dash(s: usize) -> &'static str {
    [
        "",
        " stroke-dasharray=\"8 4\"",
        " stroke-dasharray=\"2 3\"",
        " stroke-dasharray=\"8 3 2 3\"",
    ][s % 4]
}

/// A marker of series `s` centred at (x, y): circle, square, triangle, diamond, then hollow ones.
fn marker(s: usize, x: f64, y: f64, fill: &str, stroke: &str) -> String {
    let r = 4.5;
    let shape = match s % 4 {
        0 => format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\"", n(x), n(y), n(r)),
        1 => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            n(x - r),
            n(y - r),
            n(2.0 * r),
            n(2.0 * r)
        ),
        2 => format!(
            "<path d=\"M{} {}L{} {}L{} {}Z\"",
            n(x),
            n(y - r - 1.0),
            n(x + r + 0.5),
            n(y + r),
            n(x - r - 0.5),
            n(y + r)
        ),
        _ => format!(
            "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\"",
            n(x),
            n(y - r - 1.0),
            n(x + r + 1.0),
            n(y),
            n(x),
            n(y + r + 1.0),
            n(x - r - 1.0),
            n(y)
        ),
    };
    let fill = if (s / 4) % 2 == 1 { "#ffffff" } else { fill };
    format!("{shape} fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>")
}

/// The legend: one entry per series (when there are several) and the placeholder for suppressed
/// cells (when the chart has any). Returns the markup and its height.
fn legend(
    prefix: &str,
    kind: ChartKind,
    series: &[&str],
    any_suppressed: bool,
    suppressed_text: &str,
    top: f64,
) -> (String, f64) {
    let mut items: Vec<(String, String)> = Vec::new();
    if series.len() > 1 {
        for (s, label) in series.iter().enumerate() {
            let colour = PALETTE[s % PALETTE.len()];
            let swatch = match kind {
                ChartKind::Line => format!(
                    "<line x1=\"0\" y1=\"7\" x2=\"24\" y2=\"7\" stroke=\"{colour}\" stroke-width=\"2.5\"{}/>{}",
                    series_dash(s),
                    marker(s, 12.0, 7.0, colour, colour)
                ),
                _ => format!(
                    "<rect width=\"24\" height=\"14\" fill=\"{}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
                    series_fill(prefix, s)
                ),
            };
            items.push((swatch, fit(label, 30)));
        }
    }
    if any_suppressed {
        let swatch = match kind {
            ChartKind::Line => format!(
                "<rect x=\"7\" y=\"2\" width=\"{m}\" height=\"{m}\" fill=\"url(#{prefix}-hatch)\" stroke=\"{HATCH}\" stroke-dasharray=\"2 1\"/>",
                m = n(SUPPRESSED_MARKER)
            ),
            _ => format!(
                "<rect width=\"24\" height=\"14\" fill=\"url(#{prefix}-hatch)\" stroke=\"{HATCH}\" stroke-dasharray=\"3 2\"/>"
            ),
        };
        items.push((swatch, fit(suppressed_text, 30)));
    }
    if items.is_empty() {
        return (String::new(), 0.0);
    }
    let mut out = String::from("<g class=\"legend\">");
    let (mut x, mut y) = (8.0, top);
    for (swatch, label) in items {
        let w = 24.0 + 6.0 + label.chars().count() as f64 * CHAR_W + 18.0;
        if x > 8.0 && x + w > WIDTH - 8.0 {
            x = 8.0;
            y += 22.0;
        }
        let _ = write!(
            out,
            "<g transform=\"translate({},{})\">{swatch}<text x=\"30\" y=\"11.5\" fill=\"{TEXT}\">{}</text></g>",
            n(x),
            n(y),
            escape_html(&label)
        );
        x += w;
    }
    out.push_str("</g>");
    (out, y + 22.0 - top + 6.0)
}

fn desc(plan: &Plan, suppressed: usize, suppressed_text: &str) -> String {
    let dims = &plan.table.dimensions;
    let axis = &dims[plan.axis].label;
    let mut d = match (plan.kind, plan.series) {
        (ChartKind::Line, None) => format!("Line chart of {} by {axis}.", plan.table.title),
        (ChartKind::Line, Some(s)) => format!(
            "Line chart of {} by {axis}, one line per {}.",
            plan.table.title, dims[s].label
        ),
        (ChartKind::Bar, _) => format!("Bar chart of {} by {axis}.", plan.table.title),
        (ChartKind::GroupedBar, s) => format!(
            "Grouped bar chart of {} by {axis}, one bar per {} in each group.",
            plan.table.title,
            s.map(|s| dims[s].label.as_str()).unwrap_or_default()
        ),
    };
    let others: Vec<&str> = (0..dims.len())
        .filter(|&d| d != plan.axis && Some(d) != plan.series)
        .map(|d| dims[d].label.as_str())
        .collect();
    if !others.is_empty() {
        let _ = write!(d, " Shown for all {} together.", others.join(" and "));
    }
    if suppressed > 0 {
        let _ = write!(
            d,
            " {suppressed} value{} marked “{suppressed_text}” {} drawn as a hatched placeholder of one fixed size, not to scale.",
            if suppressed == 1 { "" } else { "s" },
            if suppressed == 1 { "is" } else { "are" }
        );
    }
    d.push_str(" Every value is in the table that goes with this chart.");
    d
}

/// The chart for `table` as an inline `<svg>` element, or `None` when the table has no chart.
/// `table_element_id` is the HTML id of the table that holds every value (the long description).
pub fn chart_svg(
    table: &ProtectedTable,
    privacy: &PrivacyConfig,
    table_element_id: &str,
) -> Option<String> {
    let plan = plan(table)?;
    let prefix = format!("chart-{}", id_safe(&table.id));
    let values = plan.values();
    let max_published = values
        .iter()
        .flatten()
        .filter_map(|v| v.published())
        .max()
        .unwrap_or(0);
    let suppressed = values
        .iter()
        .flatten()
        .filter(|v| **v == CellValue::Suppressed)
        .count();
    let series = plan.series_labels();
    let (legend, legend_h) = legend(
        &prefix,
        plan.kind,
        if plan.series.is_some() { &series } else { &[] },
        suppressed > 0,
        &privacy.suppressed_text,
        8.0,
    );
    let top = 8.0 + legend_h;
    let (body, height) = match plan.kind {
        ChartKind::Line => line_body(
            &plan,
            &values,
            max_published,
            &prefix,
            &privacy.suppressed_text,
            top,
        ),
        _ => bar_body(
            &plan,
            &values,
            max_published,
            &prefix,
            &privacy.suppressed_text,
            top,
        ),
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" class=\"chart\" \
         aria-labelledby=\"{prefix}-title {prefix}-desc\" aria-describedby=\"{table_id}\" {FONT}>\
         <title id=\"{prefix}-title\">{title}</title><desc id=\"{prefix}-desc\">{desc}</desc>{defs}{legend}{body}</svg>",
        w = n(WIDTH),
        h = n(height),
        table_id = escape_html(table_element_id),
        title = escape_html(&table.title),
        desc = escape_html(&desc(&plan, suppressed, &privacy.suppressed_text)),
        defs = defs(&prefix, series.len(), plan.kind != ChartKind::Line),
    );
    Some(svg)
}

/// Horizontal bars: categories down the side, counts along the top axis.
fn bar_body(
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
            escape_html(&fit(label, label_chars)),
            escape_html(label)
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
                        name = escape_html(&name),
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
                        name = escape_html(&name),
                        text = escape_html(suppressed_text),
                        tx = n(x0 + SUPPRESSED_STUB_WIDTH + 5.0),
                    );
                }
            }
        }
    }
    out.push_str("</g>");
    (out, y_end + 12.0)
}

/// Lines over the years: counts up the side, one line per series, broken at suppressed points.
fn line_body(
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
    let (scale_top, step) = nice_scale(max_published);
    let x0 = 16.0 + format_count(scale_top).len() as f64 * CHAR_W;
    let x1 = WIDTH - 24.0;
    let y0 = top + 16.0;
    let y1 = y0 + 240.0;
    let slot = (x1 - x0) / labels.len() as f64;
    let x_at = |a: usize| x0 + (a as f64 + 0.5) * slot;
    let y_at = |v: u64| y1 - v as f64 / scale_top as f64 * (y1 - y0);
    let label_every = labels.len().div_ceil(12);

    let mut out = String::from("<g class=\"axis\">");
    let mut tick = 0;
    while tick <= scale_top {
        let y = y_at(tick);
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}</text>",
            n(x0),
            n(x1),
            if tick == 0 { AXIS } else { GRID },
            n(x0 - 6.0),
            n(y + 4.5),
            format_count(tick),
            y = n(y),
        );
        tick += step;
    }
    for (a, label) in labels.iter().enumerate() {
        if a % label_every == 0 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>",
                n(x_at(a)),
                n(y1 + 18.0),
                escape_html(&fit(label, (slot * label_every as f64 / CHAR_W) as usize))
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
                    let _ = write!(path, "{cmd}{} {}", n(x_at(a)), n(y_at(v)));
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
                    marker(s, x_at(a), y_at(v), colour, colour),
                    escape_html(&name),
                    format_count(v),
                );
            }
        }
    }
    // Value labels, top to bottom at each year: above the point, or below it when the label above
    // would overlap the previous one.
    for (a, row) in values.iter().enumerate() {
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
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>",
                n(x_at(a)),
                n(label_y),
                format_count(v)
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
            "<g class=\"suppressed\"><text x=\"{}\" y=\"{}\" fill=\"{TEXT}\" font-style=\"italic\">{}:</text>",
            n(8.0),
            n(height + 11.0),
            escape_html(suppressed_text)
        );
        height += 18.0;
        for s in rows {
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
                        n(x_at(a) - SUPPRESSED_MARKER / 2.0),
                        n(height),
                        PALETTE[s % PALETTE.len()],
                        escape_html(&name),
                        escape_html(suppressed_text),
                        m = n(SUPPRESSED_MARKER),
                    );
                }
            }
            if plan.series.is_some() {
                let room = x_at(0) - SUPPRESSED_MARKER / 2.0 - 16.0;
                let _ = write!(
                    out,
                    "<text x=\"8\" y=\"{}\" fill=\"{TEXT}\">{}</text>",
                    n(height + 10.0),
                    escape_html(&fit(series[s], (room / CHAR_W) as usize))
                );
            }
            height += 18.0;
        }
        out.push_str("</g>");
        height += 4.0;
    }
    (out, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn palette_has_three_to_one_contrast_on_white() {
        for colour in PALETTE.iter().chain([&HATCH, &AXIS, &TEXT]) {
            let contrast = 1.05 / (luminance(colour) + 0.05);
            assert!(contrast >= 3.0, "{colour}: {contrast:.2}");
        }
    }

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(4), (4, 1));
        assert_eq!(nice_scale(7), (8, 2));
        assert_eq!(nice_scale(50), (50, 10));
        assert_eq!(nice_scale(51), (60, 20));
        assert_eq!(nice_scale(1234), (1500, 500));
        assert_eq!(nice_scale(98765), (100000, 20000));
        for max in [1, 3, 9, 11, 99, 101, 4999, 123_456_789] {
            let (top, step) = nice_scale(max);
            assert!(top >= max && top % step == 0 && top / step <= 5, "{max}");
        }
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
