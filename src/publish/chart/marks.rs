//! Marks shared by the chart kinds: patterns, markers, the legend, and coordinate formatting.

use std::fmt::Write;

use super::{ChartKind, CHAR_W, HATCH, PALETTE, SUPPRESSED_MARKER, TEXT, WIDTH};
use crate::html;

/// A coordinate with at most one decimal, without a trailing `.0`.
pub(super) fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Shortens `label` to at most `max_chars` characters, ending with `…` when cut.
pub(super) fn fit(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max_chars.saturating_sub(1)).collect();
        s.push('…');
        s
    }
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

/// The legend: one entry per series (when there are several) and the placeholder for suppressed
/// cells (when the chart has any). Returns the markup and its height.
pub(super) fn legend(
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
            html::escape(&label)
        );
        x += w;
    }
    out.push_str("</g>");
    (out, y + 22.0 - top + 6.0)
}
