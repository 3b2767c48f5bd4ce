//! How a value of the case file may appear in an error message: the one place that decides.
//!
//! Build logs end up in CI logs and chat, so a message quotes a cell only if its column is a
//! declared `dimension` (values that are tabulated anyway), and then at most
//! [`SHOWN_CHARS`] characters of it. A value of a `drop` column (an identifier, "never read") or of
//! a column the schema does not declare is never printed: the message names the column instead,
//! and the position (`file:line:column`) lets the author find the cell.
//!
//! Never does: read files.

use super::schema::{ColumnSchema, Role};
use crate::diagnostic::shorten;

/// The most characters of a value a message shows.
pub(crate) const SHOWN_CHARS: usize = 60;

/// Enough bytes of a value to decode its first [`SHOWN_CHARS`] characters (4 bytes each at most).
const SHOWN_BYTES: usize = SHOWN_CHARS * 4 + 4;

/// A cell `raw` of the column declared as `column` (`None`: a column the schema does not
/// declare), as a message may quote it: `"F"`, `"XXX…"… (209716111 bytes)`, or a note saying
/// why it is not shown.
pub(crate) fn quote_cell(column: Option<&ColumnSchema>, raw: &[u8]) -> String {
    match column {
        None => "a value of a column the schema does not declare: its values are never shown"
            .to_string(),
        Some(c) if c.role == Role::Drop => format!(
            "a value of column {:?}, which is declared role = \"drop\": its values are never shown",
            c.id
        ),
        Some(_) => {
            let head = String::from_utf8_lossy(&raw[..raw.len().min(SHOWN_BYTES)]);
            let shown = shorten(&head, SHOWN_CHARS);
            if raw.len() <= SHOWN_BYTES && shown.len() == head.len() {
                format!("{shown:?}")
            } else {
                format!("{shown:?}… ({} bytes)", raw.len())
            }
        }
    }
}
