//! Finding where a field of a CSV record starts, as `line:column`, for error messages.
//!
//! Only called on the way to an error, so it re-reads the file rather than slow down ingest by
//! tracking positions: the line is counted from the bytes (the csv crate's own count misses skipped
//! blank lines), the column in characters from the start of the line.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use anyhow::{Context, Result};
use csv::ByteRecord;

use super::schema::DatasetSchema;
use crate::diagnostic::Position;

/// A UTF-8 byte-order mark, which is not part of the first line's text.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The 1-based line that byte `byte` of the file is on.
pub(crate) fn line_at(path: &Path, byte: u64) -> Result<usize> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut input = BufReader::with_capacity(1 << 16, file.take(byte));
    let mut line = 1;
    loop {
        let buffer = input
            .fill_buf()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if buffer.is_empty() {
            return Ok(line);
        }
        line += buffer.iter().filter(|&&b| b == b'\n').count();
        let consumed = buffer.len();
        input.consume(consumed);
    }
}

/// The line and column (in characters) where field `field` of `record` starts in the file.
pub(crate) fn locate_field(
    path: &Path,
    record: &ByteRecord,
    field: usize,
    schema: &DatasetSchema,
) -> Result<Position> {
    let byte = record.position().map_or(0, |p| p.byte());
    let mut line = line_at(path, byte)?;
    let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    file.seek(SeekFrom::Start(byte))
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut input = BufReader::new(file.take(1 << 24));
    if byte == 0 && input.fill_buf().ok().is_some_and(|b| b.starts_with(BOM)) {
        input.consume(BOM.len());
    }
    let mut column = 1;
    let mut current = 0;
    let mut in_quotes = false;
    let mut started = false;
    loop {
        let buffer = input
            .fill_buf()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if buffer.is_empty() {
            return Ok(Position { line, column });
        }
        for &b in buffer {
            if !started {
                // The csv reader's record offset can point at blank lines it skipped.
                if b == b'\n' {
                    line += 1;
                }
                if b == b'\n' || b == b'\r' {
                    continue;
                }
                started = true;
            }
            if current == field {
                return Ok(Position { line, column });
            }
            if in_quotes {
                in_quotes = b != b'"';
            } else if schema.quoting && b == b'"' {
                in_quotes = true;
            } else if b == schema.delimiter {
                current += 1;
            } else if b == b'\n' {
                return Ok(Position { line, column });
            }
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        let consumed = buffer.len();
        input.consume(consumed);
    }
}
