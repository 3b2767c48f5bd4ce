//! Escaping text into HTML: the one rule for every place that writes text into a page, an SVG
//! chart, a feed or the preview's error overlay — in element content and in quoted attribute
//! values alike — so that a fix to it lands everywhere at once.
//!
//! Never does: sanitise HTML (an author's raw HTML is sanitised by `content::sanitise`).

/// Escapes text for HTML, SVG and XML, in element content and in quoted attribute values: `&`, `<`,
/// `>`, `"` and `'` become entities; every other character is kept as it is.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_html_reads_as_markup() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn leaves_other_text_as_it_is() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape(""), "");
        assert_eq!(escape("Beyrouth — café, الأرقام"), "Beyrouth — café, الأرقام");
        assert_eq!(escape("a<b>&\"c'é"), "a&lt;b&gt;&amp;&quot;c&#39;é");
    }

    #[test]
    fn escaped_text_is_never_read_as_markup_again() {
        let attack = "\"><script>alert(1)</script><img src=x onerror='y'>";
        let escaped = escape(attack);
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert_eq!(escape(&escaped), escaped.replace('&', "&amp;"));
    }
}
