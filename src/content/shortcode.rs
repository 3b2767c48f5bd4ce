//! Shortcodes in Markdown: `{{ name(key="value", year=2024) }}` on one line is replaced by what the
//! shortcode named `name` returns, before the Markdown is parsed. This is how prose quotes a
//! protected figure (`{{ stat(table="victims-by-year", year="2024") }}`): the figure comes from a
//! table, never from the writer's keyboard.
//!
//! Calls inside code (fenced blocks, `inline code`) are left alone, and `{{/* name() */}}` writes a
//! call literally. Text between `{{ }}` that does not start like a call (`name(`) is left as it is.
//!
//! Never does: know any shortcode. They are supplied through [`Shortcodes`] by the caller.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The arguments of a call, by name; every value is given as text (`year=2024` → `"2024"`).
pub type Args = BTreeMap<String, String>;

/// The shortcodes a site knows.
pub trait Shortcodes: Sync {
    /// The replacement text of one call, or a message saying what is wrong with it.
    fn expand(&self, name: &str, args: &Args) -> Result<String, String>;

    /// Like [`Shortcodes::expand`], for the `call`-th call (from 1) of the body being expanded, so
    /// that a shortcode embedding HTML can give each embed on a page its own element ids.
    fn expand_call(&self, name: &str, args: &Args, call: usize) -> Result<String, String> {
        let _ = call;
        self.expand(name, args)
    }

    /// The shortcodes of pages written in language `code`, when they print differently there
    /// (a figure's digits, the words of a suppressed cell); `None`: these.
    fn language(&self, code: &str) -> Option<&dyn Shortcodes> {
        let _ = code;
        None
    }
}

/// A site without shortcodes: every call is an error.
pub struct NoShortcodes;

impl Shortcodes for NoShortcodes {
    fn expand(&self, name: &str, _args: &Args) -> Result<String, String> {
        Err(format!("unknown shortcode `{name}`"))
    }
}

/// A failed call: its byte offset in the body and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeError {
    pub offset: usize,
    pub message: String,
}

/// Expands every call in `body`. Replacement text is kept on one line (newlines become spaces) so
/// that line numbers of later errors still point at the source.
pub fn expand<'a>(
    body: &'a str,
    shortcodes: &dyn Shortcodes,
) -> Result<Cow<'a, str>, Vec<ShortcodeError>> {
    if !body.contains("{{") {
        return Ok(Cow::Borrowed(body));
    }
    let mut out = String::with_capacity(body.len());
    let mut errors = Vec::new();
    let mut fence: Option<String> = None;
    let mut line_start = 0;
    let mut calls = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence = indent < 4
            && marker.len() >= 3
            && marker
                .chars()
                .all(|c| c == marker.chars().next().unwrap_or('`'));
        match &fence {
            Some(open) => {
                if is_fence && marker.starts_with(open.as_str()) {
                    fence = None;
                }
                out.push_str(line);
            }
            None if is_fence => {
                fence = Some(marker);
                out.push_str(line);
            }
            None => expand_line(
                line,
                line_start,
                shortcodes,
                &mut calls,
                &mut out,
                &mut errors,
            ),
        }
        line_start += line.len();
    }
    if errors.is_empty() {
        Ok(Cow::Owned(out))
    } else {
        Err(errors)
    }
}

fn expand_line(
    line: &str,
    line_start: usize,
    shortcodes: &dyn Shortcodes,
    calls: &mut usize,
    out: &mut String,
    errors: &mut Vec<ShortcodeError>,
) {
    // `i` only ever stops on an ASCII byte (a backtick or `{`), or on the byte after a run of
    // them, so every slice of `line` below starts and ends on a character boundary.
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            let closing = "`".repeat(run);
            match line[i + run..].find(&closing) {
                Some(end) => i += run + end + run,
                None => i += run,
            }
            continue;
        }
        if !bytes[i..].starts_with(b"{{") {
            i += 1;
            continue;
        }
        let Some(close) = line[i..].find("}}") else {
            break;
        };
        let inner = &line[i + 2..i + close];
        let end = i + close + 2;
        let trimmed = inner.trim();
        if let Some(literal) = trimmed
            .strip_prefix("/*")
            .and_then(|t| t.strip_suffix("*/"))
        {
            out.push_str(&line[copied..i]);
            out.push_str("{{ ");
            out.push_str(literal.trim());
            out.push_str(" }}");
            copied = end;
        } else if looks_like_call(trimmed) {
            out.push_str(&line[copied..i]);
            *calls += 1;
            let result = parse_call(trimmed)
                .and_then(|(name, args)| shortcodes.expand_call(&name, &args, *calls));
            match result {
                Ok(text) => out.push_str(&text.replace(['\r', '\n'], " ")),
                Err(message) => errors.push(ShortcodeError {
                    offset: line_start + i,
                    message,
                }),
            }
            copied = end;
        }
        i = end;
    }
    out.push_str(&line[copied..]);
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn looks_like_call(text: &str) -> bool {
    let name_len = text.chars().take_while(|&c| is_ident(c)).count();
    name_len > 0 && text[name_len..].trim_start().starts_with('(')
}

/// Parses `name(key="value", other=3)`.
fn parse_call(text: &str) -> Result<(String, Args), String> {
    let open = text.find('(').expect("looks_like_call found a parenthesis");
    let name = text[..open].trim().to_string();
    let rest = text[open + 1..].trim_end();
    let Some(inner) = rest.strip_suffix(')') else {
        return Err(format!(
            "shortcode `{name}`: missing `)` at the end of the call"
        ));
    };
    let mut args = Args::new();
    let mut chars = inner.trim().chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let key: String = std::iter::from_fn(|| chars.next_if(|&c| is_ident(c))).collect();
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if key.is_empty() || chars.next() != Some('=') {
            return Err(format!(
                "shortcode `{name}`: arguments are written key=\"value\", separated by commas"
            ));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let value = match chars.peek() {
            Some(&quote) if quote == '"' || quote == '\'' => {
                chars.next();
                let mut value = String::new();
                loop {
                    match chars.next() {
                        Some('\\') => value.extend(chars.next()),
                        Some(c) if c == quote => break,
                        Some(c) => value.push(c),
                        None => {
                            return Err(format!(
                                "shortcode `{name}`: the value of `{key}` has no closing {quote}"
                            ))
                        }
                    }
                }
                value
            }
            _ => {
                std::iter::from_fn(|| chars.next_if(|&c| c != ',' && !c.is_whitespace())).collect()
            }
        };
        if args.insert(key.clone(), value).is_some() {
            return Err(format!("shortcode `{name}`: `{key}` is given twice"));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some(',') => {}
            Some(c) => {
                return Err(format!(
                    "shortcode `{name}`: expected `,` between arguments, found `{c}`"
                ))
            }
        }
    }
    Ok((name, args))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;

    impl Shortcodes for Echo {
        fn expand(&self, name: &str, args: &Args) -> Result<String, String> {
            match name {
                "echo" => Ok(args
                    .iter()
                    .map(|(k, v)| format!("{k}:{v}"))
                    .collect::<Vec<_>>()
                    .join("|")),
                "block" => Ok("<figure>\n<svg></svg>\n</figure>".into()),
                _ => Err(format!("unknown shortcode `{name}`")),
            }
        }
    }

    #[test]
    fn calls_are_expanded_outside_code() {
        let body = "A {{ echo(table=\"t-1\", year=2024, q='it\\'s') }} B.\n`{{ echo(x=1) }}`\n```\n{{ echo(y=2) }}\n```\n{{/* echo(z=3) */}} {{ not a call }}\n";
        let out = expand(body, &Echo).unwrap();
        assert_eq!(
            out,
            "A q:it's|table:t-1|year:2024 B.\n`{{ echo(x=1) }}`\n```\n{{ echo(y=2) }}\n```\n{{ echo(z=3) }} {{ not a call }}\n"
        );
        assert_eq!(
            expand("{{ block() }}\n", &Echo).unwrap(),
            "<figure> <svg></svg> </figure>\n"
        );
        assert!(matches!(
            expand("no calls", &Echo).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn non_ascii_text_beside_calls_is_kept() {
        let body = "Beyrouth — café. {{ echo(a=1) }} « {{ x\n\
                    سجّلنا {{ echo(t=\"ضحايا\") }} ضحية — {{ ليس }}\n`é` {{ echo(b=2) }} ü}}\n";
        let out = expand(body, &Echo).unwrap();
        assert_eq!(
            out,
            "Beyrouth — café. a:1 « {{ x\nسجّلنا t:ضحايا ضحية — {{ ليس }}\n`é` b:2 ü}}\n"
        );
        let errors = expand("é {{ nope() }}", &Echo).unwrap_err();
        assert_eq!(errors[0].offset, "é ".len());
    }

    #[test]
    fn errors_carry_offsets() {
        let body = "ok\nsee {{ nope(a=1) }} and {{ echo(a=1 b=2) }} and {{ echo(a=\"x) }}";
        let errors = expand(body, &Echo).unwrap_err();
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].offset, 7);
        assert!(errors[0].message.contains("unknown shortcode `nope`"));
        assert!(errors[1].message.contains("expected `,`"));
        assert!(errors[2].message.contains("no closing"));
    }
}
