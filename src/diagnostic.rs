//! Error messages that point at a place in a file: `path:line:column: message`.
//!
//! Owns: turning byte offsets and parser errors into the `file:line:column` form that every input error
//! of safestat uses (invariant 7 of the architecture). Never does: I/O.

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
    LocatedError::new(path, position, err.message().trim().to_string())
}

/// A TOML error in a whole file.
pub fn toml_error(path: &Path, text: &str, err: &toml::de::Error) -> LocatedError {
    toml_error_at(path, text, err, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
