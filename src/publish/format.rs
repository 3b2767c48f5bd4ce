//! Number and text formatting shared by tables, charts, the methodology and the prose
//! shortcodes: the one home of how a count is written ([`NumberFormat`]), and what publishing
//! needs to know of the page's language ([`Wording`]).
//!
//! The downloads (CSV, JSON, XLSX) never use it: they carry plain machine-readable numbers.

use crate::privacy::CellValue;

/// Which digits numbers are written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// 0123456789
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669)
    ArabicIndic,
}

/// How one language writes numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    pub digits: Digits,
    /// Between groups of three digits: `,` (en), U+202F (fr).
    pub group: String,
    /// Before the decimals: `.` (en), `,` (fr).
    pub decimal: String,
}

impl Default for NumberFormat {
    /// English: `1,234.5`.
    fn default() -> Self {
        NumberFormat {
            digits: Digits::Latin,
            group: ",".to_string(),
            decimal: ".".to_string(),
        }
    }
}

impl NumberFormat {
    /// `12345` → `12,345` (en), `12 345` (fr, narrow no-break space).
    pub fn count(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() * 2);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        self.localise_digits(&out)
    }

    /// `x` with `decimals` decimals (no grouping: shares stay below 1,000).
    pub fn decimal(&self, x: f64, decimals: usize) -> String {
        let text = format!("{x:.decimals$}").replace('.', &self.decimal);
        self.localise_digits(&text)
    }

    /// `text` with its ASCII digits written in this format's digits (a year, a day).
    pub fn localise_digits(&self, text: &str) -> String {
        match self.digits {
            Digits::Latin => text.to_string(),
            Digits::ArabicIndic => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x0660 + d).expect("Arabic-Indic digits exist"),
                    None => c,
                })
                .collect(),
        }
    }
}

/// What tables, charts and the methodology need of the page's language: its words (the theme's
/// translation messages, by key), how it writes numbers, and which way it reads. The render
/// stage's `Locale` provides it; publishing never reads a translation file itself.
pub trait Wording {
    /// The message `key` with string arguments (`{ $name }`).
    fn words(&self, key: &str, args: &[(&str, &str)]) -> String;
    /// The message `key` whose variants are chosen by the plural category of `count` (passed as
    /// the number `$count`), with string arguments.
    fn words_for_count(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String;
    /// How the language writes numbers.
    fn numbers(&self) -> &NumberFormat;
    /// A date (`YYYY-MM-DD`) as the language writes it (`31 December 2024`, `31 décembre 2024`);
    /// anything else as written.
    fn long_date(&self, date: &str) -> String;
    /// Whether the language is written right to left.
    fn is_rtl(&self) -> bool;
    /// The language's BCP 47 code (`en`, `ar`, `pt-BR`).
    fn language(&self) -> &str;
}

/// A count with English thousands separators: `12345` → `"12,345"`.
pub fn format_count(n: u64) -> String {
    NumberFormat::default().count(n)
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
