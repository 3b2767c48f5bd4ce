//! Error messages that point at a place in a file: `path:line:column: message`.
//!
//! Owns: turning byte offsets and parser errors into the `file:line:column` form that every input error
//! of safestat uses (invariant 7 of the architecture), and what a text file a user writes may
//! contain ([`source_text`]: UTF-8, no NUL). Never does: I/O.

use std::fmt;
use std::path::{Path, PathBuf};

/// The first `max_chars` characters of `text`: how any value from a user's file is quoted in a
/// message.
pub fn shorten(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The line and column (in characters) of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// An error located in a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LocatedError {
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                p.line,
                p.column,
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl LocatedError {
    pub fn new(path: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        LocatedError {
            path: path.to_path_buf(),
            position,
            message: message.into(),
        }
    }
}

/// The text of a file a user writes (Markdown, TOML) from its bytes, read from `path`: invalid
/// UTF-8 and NUL bytes (which no text needs, and which would be written into pages) are errors at
/// their line and column.
pub fn source_text(path: &Path, bytes: Vec<u8>) -> Result<String, LocatedError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).expect("valid up to here");
        LocatedError::new(
            path,
            Some(Position::of_offset(before, valid)),
            format!(
                "invalid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                bytes[valid]
            ),
        )
    })?;
    if let Some(nul) = text.find('\0') {
        return Err(LocatedError::new(
            path,
            Some(Position::of_offset(&text, nul)),
            "a NUL byte (U+0000) is not text: remove it",
        ));
    }
    Ok(text)
}

/// A TOML parse or type error from `text` (read from `path`), located.
/// `line_offset` is added to the line (for TOML front matter that starts below line 1).
pub fn toml_error_at(
    path: &Path,
    text: &str,
    err: &toml::de::Error,
    line_offset: usize,
) -> LocatedError {
    let position = err.span().map(|span| {
        let mut p = Position::of_offset(text, span.start);
        p.line += line_offset;
        p
    });
    let message = match err.message().trim() {
        // The parser has nothing to say when the text stops where a value must come.
        "" if err.span().is_some_and(|s| s.start >= text.trim_end().len()) => {
            "the text ends where a value is expected".to_string()
        }
        "" => "invalid TOML here".to_string(),
        message => message.to_string(),
    };
    LocatedError::new(path, position, message)
}

/// Where the value at `keys` is written in the TOML `text` (`["privacy", "k"]`; an array of
/// tables is entered by index, `["taxonomies", "1", "name"]`), for an error about a value that
/// parsed but is not allowed. `None` if the text does not set it.
pub fn toml_value_position(text: &str, keys: &[&str]) -> Option<Position> {
    // A table only implied by a dotted header (`[languages.ar]` without `[languages]`) has no
    // span, which fails the spanned parse: declare such tables after the text (which moves no
    // position of it) and parse again.
    let mut node: toml::Spanned<SpannedNode> = match toml::from_str(text) {
        Ok(node) => node,
        Err(_) => toml::from_str(&with_implied_tables(text)).ok()?,
    };
    for key in keys {
        let next = match node.into_inner() {
            SpannedNode::Table(entries) => entries.into_iter().find(|(k, _)| k == key)?.1,
            SpannedNode::Array(items) => items.into_iter().nth(key.parse().ok()?)?,
            SpannedNode::Leaf => return None,
        };
        node = next;
    }
    Some(Position::of_offset(text, node.span().start))
}

/// `text` followed by an explicit header for each top-level table that a dotted header
/// (`[languages.ar]`) only implies.
fn with_implied_tables(text: &str) -> String {
    let mut implied: Vec<&str> = Vec::new();
    let mut declared: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("[[") || !line.starts_with('[') {
            continue;
        }
        let Some(end) = line.find(']') else { continue };
        let name = line[1..end].trim();
        match name.split_once('.') {
            Some((first, _)) => implied.push(first.trim()),
            None => declared.push(name),
        }
    }
    let mut out = text.to_string();
    let mut added: Vec<&str> = Vec::new();
    for name in implied {
        if !declared.contains(&name) && !added.contains(&name) {
            out.push_str(&format!("\n[{name}]\n"));
            added.push(name);
        }
    }
    out
}

/// A TOML document with the span of every value, for [`toml_value_position`].
enum SpannedNode {
    Table(Vec<(String, toml::Spanned<SpannedNode>)>),
    Array(Vec<toml::Spanned<SpannedNode>>),
    Leaf,
}

impl<'de> serde::Deserialize<'de> for SpannedNode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SpannedNodeVisitor)
    }
}

struct SpannedNodeVisitor;

impl<'de> serde::de::Visitor<'de> for SpannedNodeVisitor {
    type Value = SpannedNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Leaf)
    }

    fn visit_i64<E>(self, _: i64) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Leaf)
    }

    fn visit_u64<E>(self, _: u64) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Leaf)
    }

    fn visit_f64<E>(self, _: f64) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Leaf)
    }

    fn visit_str<E>(self, _: &str) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Leaf)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<SpannedNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(SpannedNode::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<SpannedNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // A date is a map of one private key to its text, which has no span of its own.
            if key.starts_with("$__toml_private") {
                map.next_value::<serde::de::IgnoredAny>()?;
                return Ok(SpannedNode::Leaf);
            }
            entries.push((key, map.next_value()?));
        }
        Ok(SpannedNode::Table(entries))
    }
}

/// A TOML error in a whole file.
pub fn toml_error(path: &Path, text: &str, err: &toml::de::Error) -> LocatedError {
    toml_error_at(path, text, err, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_by_their_keys() {
        let text = "title = \"é\"\n[privacy]\nk = 1\n[[taxonomies]]\nname = \"a\"\n[[taxonomies]]\nname = \"B\"\n";
        let at = |keys: &[&str]| toml_value_position(text, keys);
        assert_eq!(at(&["privacy", "k"]), Some(Position { line: 3, column: 5 }));
        assert_eq!(
            at(&["taxonomies", "1", "name"]),
            Some(Position { line: 7, column: 8 })
        );
        assert_eq!(at(&["feed_limit"]), None);
        assert_eq!(at(&["title", "x"]), None);
        // A date anywhere in the document does not hide the other values.
        let dated = "date = 2026-06-30\ntitle = \"a\"\n";
        assert_eq!(
            toml_value_position(dated, &["title"]),
            Some(Position { line: 2, column: 9 })
        );
    }

    #[test]
    fn text_is_utf8_without_nul() {
        let path = Path::new("a.md");
        assert_eq!(source_text(path, b"ok".to_vec()).unwrap(), "ok");
        let err = source_text(path, b"a\n\xc3\xa9x\xff".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:2:3: invalid UTF-8 (byte 0xFF): save the file as UTF-8"
        );
        let err = source_text(path, b"a\0".to_vec()).unwrap_err();
        assert_eq!(err.position, Some(Position { line: 1, column: 2 }));
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\nçé x";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            Position::of_offset(text, x),
            Position { line: 2, column: 4 }
        );
    }
}
