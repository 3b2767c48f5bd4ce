//! Marks shared by the chart kinds: patterns, markers, the legend, and coordinate formatting.

use std::fmt::Write;

use super::{
    ChartKind, Flow, CHAR_W, HATCH, LINE_H, PALETTE, SUPPRESSED_MARKER, SUPPRESSED_MARKER_RADIUS,
    TEXT, WIDTH,
};
use crate::html;

/// A coordinate with at most one decimal, without a trailing `.0`.
pub(super) fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Breaks `label` into lines of at most `max_chars` characters at spaces; a word longer than a
/// line is split. Nothing is cut: the lines hold every word of the label.
pub(super) fn wrap(label: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        let used = line.chars().count();
        if used > 0 && used + 1 + word.len() <= max_chars {
            line.push(' ');
            line.extend(&word);
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > max_chars {
            lines.push(word.drain(..max_chars).collect());
        }
        line = word.into_iter().collect();
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A `<text>` of one or more lines starting at (x, y) (the first line's baseline), each further
/// line [`LINE_H`] lower; `attributes` go on the `<text>` element.
pub(super) fn text_lines(x: f64, y: f64, lines: &[String], attributes: &str) -> String {
    let mut out = format!(
        "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\"{attributes}>",
        n(x),
        n(y)
    );
    if let [line] = lines {
        out.push_str(&html::escape(line));
    } else {
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                n(x),
                n(y + i as f64 * LINE_H),
                html::escape(line)
            );
        }
    }
    out.push_str("</text>");
    out
}

/// The marker of a suppressed cell in a bar chart, centred at the origin: a crossed circle, the
/// same for every suppressed cell. Placed by a `translate` on its group.
pub(super) fn suppressed_mark() -> String {
    let r = SUPPRESSED_MARKER_RADIUS;
    let d = r * std::f64::consts::FRAC_1_SQRT_2;
    format!(
        "<circle r=\"{r}\" fill=\"#ffffff\" stroke=\"{HATCH}\" stroke-width=\"1.5\"/>\
         <line x1=\"{a}\" y1=\"{b}\" x2=\"{b}\" y2=\"{a}\" stroke=\"{HATCH}\" stroke-width=\"1.5\"/>",
        r = n(r),
        a = n(-d),
        b = n(d),
    )
}

pub(super) fn id_safe(id: &str) -> String {
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
pub(super) fn series_fill(prefix: &str, s: usize) -> String {
    if s % 4 == 0 {
        PALETTE[s % PALETTE.len()].to_string()
    } else {
        format!("url(#{prefix}-s{s})")
    }
}

/// `<pattern>` definitions: the suppressed hatch, and one per patterned bar series.
pub(super) fn defs(prefix: &str, n_series: usize, bars: bool) -> String {
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
pub(super) fn series_dash(s: usize) -> &'static str {
    [
        "",
        " stroke-dasharray=\"8 4\"",
        " stroke-dasharray=\"2 3\"",
        " stroke-dasharray=\"8 3 2 3\"",
    ][s % 4]
}

/// A marker of series `s` centred at (x, y): circle, square, triangle, diamond, then hollow ones.
pub(super) fn marker(s: usize, x: f64, y: f64, fill: &str, stroke: &str) -> String {
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

/// The legend: one entry per series (when there are several) and the marker of suppressed cells
/// (when the chart has any), wrapped onto as many rows as the width needs; a long name wraps onto
/// lines of its own; on a right-to-left chart the entries run from the right, each swatch right of
/// its name. Returns the markup and its height.
pub(super) fn legend(
    flow: Flow,
    prefix: &str,
    kind: ChartKind,
    series: &[&str],
    any_suppressed: bool,
    suppressed_text: &str,
    top: f64,
) -> (String, f64) {
    let mut items: Vec<(String, &str)> = Vec::new();
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
            items.push((swatch, label));
        }
    }
    if any_suppressed {
        let swatch = match kind {
            ChartKind::Line => format!(
                "<rect x=\"7\" y=\"2\" width=\"{m}\" height=\"{m}\" fill=\"url(#{prefix}-hatch)\" stroke=\"{HATCH}\" stroke-dasharray=\"2 1\"/>",
                m = n(SUPPRESSED_MARKER)
            ),
            _ => format!(
                "<g transform=\"translate(12,7)\">{}</g>",
                suppressed_mark()
            ),
        };
        items.push((swatch, suppressed_text));
    }
    if items.is_empty() {
        return (String::new(), 0.0);
    }
    let mut out = String::from("<g class=\"legend\">");
    let text_room = WIDTH - 16.0 - 30.0;
    let (mut x, mut y, mut row_h) = (8.0, top, 0.0_f64);
    for (swatch, label) in items {
        let lines = wrap(label, (text_room / CHAR_W) as usize);
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let w = 30.0 + longest as f64 * CHAR_W + 18.0;
        let h = 22.0 + (lines.len() - 1) as f64 * LINE_H;
        if x > 8.0 && x + w > WIDTH - 8.0 {
            x = 8.0;
            y += row_h;
            row_h = 0.0;
        }
        // The swatch spans 0–24 and the name starts at 30 in the group; mirrored, the group
        // starts where the swatch does and the name starts 6 units left of it.
        let (group_x, text_x) = (flow.left(x, 24.0), flow.x(x + 30.0) - flow.left(x, 24.0));
        let _ = write!(
            out,
            "<g transform=\"translate({},{})\">{swatch}{}</g>",
            n(group_x),
            n(y),
            text_lines(text_x, 11.5, &lines, &flow.anchor(label, None))
        );
        x += w;
        row_h = row_h.max(h);
    }
    out.push_str("</g>");
    (out, y + row_h - top + 6.0)
}
