//! Number and text formatting shared by tables, charts and the prose shortcodes.

use crate::privacy::CellValue;

/// A count with English thousands separators: `12345` → `"12,345"`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A cell as printed in tables and prose: the formatted count, or `suppressed_text`.
pub fn format_cell(value: CellValue, suppressed_text: &str) -> String {
    match value {
        CellValue::Published(n) => format_count(n),
        CellValue::Suppressed => suppressed_text.to_string(),
    }
}

/// `numerator / denominator` as a fraction, only when both are published and the denominator is not
/// zero. A share computed with a suppressed cell would publish a function of a hidden count.
pub fn share(numerator: CellValue, denominator: CellValue) -> Option<f64> {
    match (numerator, denominator) {
        (CellValue::Published(n), CellValue::Published(d)) if d > 0 => Some(n as f64 / d as f64),
        _ => None,
    }
}

/// A percentage with `decimals` decimal places (`"12.5%"`), printed only when numerator and
/// denominator are both published; otherwise `suppressed_text`. A share of a published zero total
/// has no meaning and prints as an en dash (`"–"`), the usual sign for "not applicable".
pub fn format_percent(
    numerator: CellValue,
    denominator: CellValue,
    decimals: usize,
    suppressed_text: &str,
) -> String {
    match (numerator, denominator) {
        (CellValue::Suppressed, _) | (_, CellValue::Suppressed) => suppressed_text.to_string(),
        _ => match share(numerator, denominator) {
            Some(s) => format!("{:.*}%", decimals, s * 100.0),
            None => "–".to_string(),
        },
    }
}

/// Escapes text for Markdown: every ASCII punctuation character that Markdown or inline HTML could
/// read as syntax gets a backslash, so a title or label prints as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '!'
                | '&'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use CellValue::{Published, Suppressed};

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(12345), "12,345");
        assert_eq!(format_count(1234567), "1,234,567");
        assert_eq!(format_count(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn cells_print_count_or_the_configured_words() {
        assert_eq!(format_cell(Published(4321), "not published"), "4,321");
        assert_eq!(format_cell(Suppressed, "not published"), "not published");
    }

    #[test]
    fn percent_needs_both_cells_published() {
        assert_eq!(
            format_percent(Published(1), Published(8), 1, "n/p"),
            "12.5%"
        );
        assert_eq!(format_percent(Published(2), Published(3), 0, "n/p"), "67%");
        assert_eq!(format_percent(Suppressed, Published(8), 1, "n/p"), "n/p");
        assert_eq!(format_percent(Published(1), Suppressed, 1, "n/p"), "n/p");
        assert_eq!(format_percent(Suppressed, Suppressed, 1, "n/p"), "n/p");
        assert_eq!(format_percent(Published(0), Published(0), 1, "n/p"), "–");
        assert_eq!(share(Published(1), Published(4)), Some(0.25));
        assert_eq!(share(Suppressed, Published(4)), None);
    }

    #[test]
    fn markdown_escapes_render_as_plain_text() {
        let text = "<script>x</script> *bold* [link](y) &amp; {{ stat() }} \\";
        let mut html = String::new();
        let md = escape_markdown(text);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert_eq!(
            html,
            "<p>&lt;script&gt;x&lt;/script&gt; *bold* [link](y) &amp;amp; {{ stat() }} \\</p>\n"
        );
    }
}
