//! Inline SVG charts, drawn at build time (no JavaScript).
//!
//! Which chart: a line chart when one of the first two dimensions is a year (the year on the
//! horizontal axis, the other dimension as one line per category); otherwise a horizontal bar chart
//! for one dimension, and a grouped bar chart for two (the first dimension on the axis, one bar per
//! category of the second in each group). A table with more dimensions is charted on its first two,
//! at the total of the others. A table without dimensions gets no chart. Totals are never drawn as
//! bars or points: they are in the table.
//!
//! Drawn for a phone first: the chart is [`WIDTH`] units wide, about the width of a 360 px screen,
//! so that its 13-unit text is rendered at 11 CSS px or more on such a screen (the theme caps how
//! wide it grows on a large one). Bar labels go on lines of their own above their bars, wrapped at
//! word boundaries, never cut.
//!
//! A bar chart of one unordered dimension (categories whose labels do not start with a number, such
//! as countries) lists its categories by size, largest first; categories without a published count
//! follow in their table order, and the "Other" and "Unknown" categories come last. The order uses
//! published counts only, so it says nothing about a suppressed cell.
//!
//! Rules that keep a chart honest and accessible:
//! - the scale comes from published cells only; a suppressed cell in a bar chart is one small fixed
//!   marker at the axis (a crossed circle of radius [`SUPPRESSED_MARKER_RADIUS`], unlike any bar)
//!   beside the configured words; in a line chart it breaks the line and is marked in a "not
//!   published" row under the axis; the marker is the same for every suppressed cell;
//! - every mark carries its value as text (a tooltip; bars, and the points of up to two lines, also
//!   print it beside them), series differ by pattern or by dash and marker shape as
//!   well as by colour, and a legend names them;
//! - colours are Okabe–Ito hues with at least 3:1 contrast against white ([`PALETTE`]);
//! - `role="img"`, a `<title>` and a `<desc>`, and `aria-describedby` pointing at the table that
//!   holds every value (its element id is a parameter);
//! - sized by `viewBox` only, so it scales to its container.
//!
//! In the page's language: its words (the description), its numbers ([`Wording::numbers`]:
//! `1,234`, `1 234`) and its direction. On a right-to-left page the chart reads right to left
//! ([`Flow`]): the layout is mirrored, so bars grow leftwards from an axis on the right and a line
//! chart's first year is on the right; words are anchored at their start (the right, under the
//! chart's `direction="rtl"`), and numbers, codes and labels without a right-to-left letter are
//! written left to right (`direction="ltr"`) so that their digits and signs keep their order.

mod bar;
mod line;
mod marks;

use std::fmt::Write;

use crate::config::PrivacyConfig;
use crate::html;
use crate::privacy::{CellValue, ProtectedTable, PublishedCategory, PublishedDimension};
use crate::publish::format::Wording;

use bar::bar_body;
use line::line_body;
use marks::{defs, id_safe, legend, n};

/// Series colours: Okabe–Ito blue, vermillion, bluish green, reddish purple and black — the hues of
/// that palette with at least 3:1 contrast against a white background.
pub const PALETTE: [&str; 5] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"];
/// Radius of the crossed circle drawn at the axis for a suppressed cell in a bar chart, whatever its
/// value.
pub const SUPPRESSED_MARKER_RADIUS: f64 = 6.0;
/// Side of the hatched marker drawn for a suppressed point in a line chart.
const SUPPRESSED_MARKER: f64 = 12.0;

/// Width of every chart in SVG units: drawn at about the width of a phone's screen.
pub const WIDTH: f64 = 360.0;
/// The chart's font size in SVG units (one size for all of its text).
const FONT_SIZE: f64 = 13.0;
const TEXT: &str = "#1a1a1a";
const GRID: &str = "#d0d0d0";
const AXIS: &str = "#595959";
const HATCH: &str = "#595959";
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/// Approximate advance of one character at 13 units, for layout (generous, so that text measured
/// by it fits in most fonts).
const CHAR_W: f64 = 7.0;
/// Distance between two lines of wrapped text.
const LINE_H: f64 = 16.0;

/// Which way a chart reads. The layout is computed left to right; on a right-to-left page every
/// horizontal coordinate is mirrored (x → [`WIDTH`] − x).
#[derive(Debug, Clone, Copy)]
pub(super) struct Flow {
    rtl: bool,
}

impl Flow {
    /// `x` of the left-to-right layout, on this chart.
    pub(super) fn x(self, x: f64) -> f64 {
        if self.rtl {
            WIDTH - x
        } else {
            x
        }
    }

    /// The left edge, on this chart, of a box from `x` to `x + w` in the left-to-right layout.
    pub(super) fn left(self, x: f64, w: f64) -> f64 {
        if self.rtl {
            WIDTH - x - w
        } else {
            x
        }
    }

    /// The anchoring attributes of a `<text>` holding `text` that is anchored at `anchor`
    /// (`start`, `middle`, `end`; `None`: its start, unwritten) in the left-to-right layout. On a
    /// right-to-left chart, text with a right-to-left letter keeps its logical anchor (the chart's
    /// `direction="rtl"` mirrors it); anything else — a number, a year, a code, an English
    /// fallback label — is written left to right (`direction="ltr"`), with the mirrored anchor.
    pub(super) fn anchor(self, text: &str, anchor: Option<&str>) -> String {
        let written =
            |a: Option<&str>| a.map_or(String::new(), |a| format!(" text-anchor=\"{a}\""));
        if !self.rtl || has_rtl_letter(text) {
            return written(anchor);
        }
        let mirrored = match anchor.unwrap_or("start") {
            "start" => "end",
            "end" => "start",
            other => other,
        };
        format!("{} direction=\"ltr\"", written(Some(mirrored)))
    }
}

/// Whether `text` has a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko
/// and their presentation forms).
fn has_rtl_letter(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
            && c.is_alphabetic()
    })
}

/// How the page's language writes a chart: its direction and its numbers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Writing<'a> {
    pub flow: Flow,
    pub numbers: &'a crate::publish::format::NumberFormat,
}

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
    /// The axis categories (indices into the axis dimension) in the order drawn.
    order: Vec<usize>,
}

impl Plan<'_> {
    fn axis_labels(&self) -> Vec<&str> {
        let categories = &self.table.dimensions[self.axis].categories;
        self.order
            .iter()
            .map(|&a| categories[a].label.as_str())
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

    /// The values in drawing order: one row per axis category, one column per series.
    fn values(&self) -> Vec<Vec<CellValue>> {
        let n_series = self.series_labels().len();
        self.order
            .iter()
            .map(|&a| (0..n_series).map(|s| self.value(a, s)).collect())
            .collect()
    }
}

/// Whether the categories of `dimension` have an order of their own (years, integers, and
/// categories whose labels all start with a digit, such as age groups).
fn is_ordered(dimension: &PublishedDimension) -> bool {
    dimension.kind != "category"
        || dimension
            .categories
            .iter()
            .all(|c| c.label.starts_with(|ch: char| ch.is_ascii_digit()))
}

/// Where category `c` goes when sorted by size: 0 for a category of its own, 1 for the pooled
/// "Other", 2 for "Unknown" (those two go last, in that order).
fn residual_rank(c: &PublishedCategory, privacy: &PrivacyConfig) -> u8 {
    let code = c.code.to_ascii_lowercase();
    if code == "other" || c.label == privacy.other_label {
        1
    } else if code == "unknown" || c.label == privacy.unknown_label {
        2
    } else {
        0
    }
}

/// The drawing order of a one-dimension bar chart of an unordered dimension: published counts
/// largest first (ties in table order), then the categories without a published count in table
/// order, then Other and Unknown. Only published values decide it.
fn by_size(table: &ProtectedTable, privacy: &PrivacyConfig) -> Vec<usize> {
    let categories = &table.dimensions[0].categories;
    let mut order: Vec<usize> = (0..categories.len()).collect();
    order.sort_by_key(|&a| {
        let rank = residual_rank(&categories[a], privacy);
        let count = table.cell(&[Some(a)]).value.published();
        let size = if rank == 0 { count } else { None };
        (
            rank,
            size.is_none(),
            std::cmp::Reverse(size.unwrap_or(0)),
            a,
        )
    });
    order
}

fn plan<'a>(table: &'a ProtectedTable, privacy: &PrivacyConfig) -> Option<Plan<'a>> {
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
    let order = if kind == ChartKind::Bar && !is_ordered(&dims[axis]) {
        by_size(table, privacy)
    } else {
        (0..dims[axis].categories.len()).collect()
    };
    Some(Plan {
        kind,
        table,
        axis,
        series,
        order,
    })
}

/// The chart drawn for `table`, or `None` when it has none (no dimension, or no category).
pub fn chart_kind(table: &ProtectedTable) -> Option<ChartKind> {
    plan(table, &PrivacyConfig::default()).map(|p| p.kind)
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
fn desc(plan: &Plan, suppressed: usize, suppressed_text: &str, wording: &dyn Wording) -> String {
    let dims = &plan.table.dimensions;
    let title = plan.table.title.as_str();
    let axis = dims[plan.axis].label.as_str();
    let series = plan
        .series
        .map(|s| dims[s].label.as_str())
        .unwrap_or_default();
    let key = match (plan.kind, plan.series) {
        (ChartKind::Line, None) => "chart-desc-line",
        (ChartKind::Line, Some(_)) => "chart-desc-lines",
        (ChartKind::Bar, _) => "chart-desc-bar",
        (ChartKind::GroupedBar, _) => "chart-desc-grouped-bar",
    };
    let mut d = wording.words(key, &[("title", title), ("axis", axis), ("series", series)]);
    let others = (0..dims.len())
        .filter(|&d| d != plan.axis && Some(d) != plan.series)
        .map(|d| dims[d].label.clone())
        .reduce(|first, second| {
            wording.words("list-pair", &[("first", &first), ("second", &second)])
        });
    if let Some(others) = others {
        d.push(' ');
        d.push_str(&wording.words("chart-desc-others", &[("others", &others)]));
    }
    if suppressed > 0 {
        let key = if plan.kind == ChartKind::Line {
            "chart-desc-suppressed-line"
        } else {
            "chart-desc-suppressed-bar"
        };
        let number = wording.numbers().count(suppressed as u64);
        d.push(' ');
        d.push_str(&wording.words_for_count(
            key,
            suppressed as u64,
            &[("number", &number), ("suppressed", suppressed_text)],
        ));
    }
    d.push(' ');
    d.push_str(&wording.words("chart-desc-table", &[]));
    d
}

/// The chart for `table` as an inline `<svg>` element in `wording`'s language, or `None` when
/// the table has no chart. `table_element_id` is the HTML id of the table that holds every value
/// (the long description).
pub fn chart_svg(
    table: &ProtectedTable,
    privacy: &PrivacyConfig,
    table_element_id: &str,
    wording: &dyn Wording,
) -> Option<String> {
    let plan = plan(table, privacy)?;
    let flow = Flow {
        rtl: wording.is_rtl(),
    };
    let writing = Writing {
        flow,
        numbers: wording.numbers(),
    };
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
        flow,
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
            writing,
            &values,
            max_published,
            &prefix,
            &privacy.suppressed_text,
            top,
        ),
        _ => bar_body(
            &plan,
            writing,
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
         aria-labelledby=\"{prefix}-title {prefix}-desc\" aria-describedby=\"{table_id}\" \
         font-family=\"{FONT_FAMILY}\" font-size=\"{font_size}\"{direction}>\
         <title id=\"{prefix}-title\">{title}</title><desc id=\"{prefix}-desc\">{desc}</desc>{defs}{legend}{body}</svg>",
        w = n(WIDTH),
        h = n(height),
        font_size = n(FONT_SIZE),
        table_id = html::escape(table_element_id),
        title = html::escape(&table.title),
        desc = html::escape(&desc(&plan, suppressed, &privacy.suppressed_text, wording)),
        direction = if flow.rtl { " direction=\"rtl\"" } else { "" },
        defs = defs(&prefix, series.len(), plan.kind != ChartKind::Line),
    );
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use marks::wrap;

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
    }

    #[test]
    fn labels_wrap_at_words_and_keep_every_character() {
        assert_eq!(wrap("abc", 4), vec!["abc"]);
        assert_eq!(
            wrap("Sexual exploitation and forced labour", 20),
            vec!["Sexual exploitation", "and forced labour"]
        );
        assert_eq!(wrap("Sexual exploitation", 19), vec!["Sexual exploitation"]);
        // A word longer than a line is split, not cut.
        assert_eq!(wrap("abcdefghij xy", 4), vec!["abcd", "efgh", "ij", "xy"]);
        assert_eq!(wrap("", 4), vec![""]);
        for label in [
            "Bosnia and Herzegovina",
            "Domestic work in private households",
            "a  b",
        ] {
            for width in 1..30 {
                let lines = wrap(label, width);
                assert!(
                    lines.iter().all(|l| l.chars().count() <= width),
                    "{label} {width}"
                );
                assert_eq!(
                    lines.join(" ").split_whitespace().collect::<String>(),
                    label.split_whitespace().collect::<String>()
                );
            }
        }
    }
}
