//! Helpers of the fuzz targets (`fuzz_inputs`): mutations of the example site's files, a runner
//! that turns a panic or a hang into a failure, and the check that an error names a file and a
//! position.
//!
//! Case counts: `PROPTEST_CASES` (the default keeps the whole set under a minute in `cargo test`);
//! `benches/fuzz-long.sh` runs them longer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use safestat::content::ContentErrors;
use safestat::diagnostic::LocatedError;

/// The cases of each fuzz target: `PROPTEST_CASES`, or `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A file of the example site (the repository root).
pub fn example(path: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The first `lines` lines of a file of the example site.
pub fn example_head(path: &str, lines: usize) -> Vec<u8> {
    let bytes = example(path);
    let end = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(lines - 1)
        .map_or(bytes.len(), |(i, _)| i + 1);
    bytes[..end].to_vec()
}

/// Pieces that matter to the parsers: their syntax, text in other scripts, and bytes that are not
/// text.
const TOKENS: &[&[u8]] = &[
    b"{{",
    b"}}",
    b"{{ stat(table=\"victims-by-year\") }}",
    b"{{/* x() */}}",
    b"(",
    b")",
    b"+++",
    b"\n+++\n",
    b"---\n",
    b"\"",
    b"'",
    b"\"\"\"",
    b"=",
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"\n",
    b"\r\n",
    b"\r",
    b",",
    b";",
    b"\t",
    b" ",
    b"#",
    b"`",
    b"```",
    b"~~~",
    b"<!-- more -->",
    b"@/",
    b"@/news/x.md#a",
    b"\\",
    b"\\u0000",
    b"0",
    b"-1",
    b"99999999999999999999",
    b"inf",
    b"nan",
    b"1979-05-27",
    b"2025-13-45",
    b"true",
    b"unknown",
    b"Other",
    b"..",
    b"/",
    b"../x",
    "é".as_bytes(),
    "بيروت".as_bytes(),
    "—".as_bytes(),
    "\u{feff}".as_bytes(),
    b"\0",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"<script>",
    b"&amp;",
    b"*",
    b"_",
    b"|",
];

fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(|t| t.to_vec()),
        1 => prop::collection::vec(any::<u8>(), 1..6),
    ]
}

/// Text made of [`TOKENS`] and words: the shape of an input, none of its sense.
pub fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![token(), "[a-z_]{1,8}".prop_map(String::into_bytes)],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Arbitrary bytes.
pub fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..400)
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Replace(Index, u8),
    DuplicateLine(Index),
    DeleteLine(Index),
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<Index>(), token()).prop_map(|(at, t)| Edit::Insert(at, t)),
        3 => (any::<Index>(), 1usize..24).prop_map(|(at, n)| Edit::Delete(at, n)),
        3 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        2 => any::<Index>().prop_map(Edit::DuplicateLine),
        2 => any::<Index>().prop_map(Edit::DeleteLine),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn line_around(bytes: &[u8], at: usize) -> (usize, usize) {
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1);
    (start, end)
}

fn apply(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = base.to_vec();
    for edit in edits {
        let at = |i: &Index| i.index(out.len() + 1);
        match edit {
            Edit::Insert(i, t) => {
                let at = at(i);
                out.splice(at..at, t.iter().copied());
            }
            Edit::Delete(i, n) => {
                let at = at(i);
                let end = (at + n).min(out.len());
                out.drain(at..end);
            }
            Edit::Replace(i, b) if !out.is_empty() => {
                let at = i.index(out.len());
                out[at] = *b;
            }
            Edit::DuplicateLine(i) | Edit::DeleteLine(i) if !out.is_empty() => {
                let (start, end) = line_around(&out, i.index(out.len()));
                if matches!(edit, Edit::DeleteLine(_)) {
                    out.drain(start..end);
                } else {
                    let line = out[start..end].to_vec();
                    out.splice(start..start, line);
                }
            }
            Edit::Truncate(i) => {
                let at = at(i);
                out.truncate(at);
            }
            _ => {}
        }
    }
    out
}

/// `base` with 1 to 6 random edits.
pub fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(edit(), 1..7).prop_map(move |edits| apply(&base, &edits))
}

/// Runs `f` on its own thread: a panic or a run longer than `limit` is an `Err`.
pub fn guarded<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => Ok(value),
        Err(RecvTimeoutError::Timeout) => Err(format!("no answer within {limit:?}: a hang")),
        Err(RecvTimeoutError::Disconnected) => Err("panicked".to_string()),
    }
}

/// How long one case may take (a debug build, a shared machine).
pub const LIMIT: Duration = Duration::from_secs(20);

/// Checks that `err` consists of located errors, each naming one of `files` (under `root`) and a
/// line and column.
pub fn check_located(err: &anyhow::Error, root: &Path, files: &[&str]) -> Result<(), String> {
    let located: Vec<LocatedError> = err
        .chain()
        .find_map(|cause| {
            cause
                .downcast_ref::<LocatedError>()
                .map(|e| vec![e.clone()])
                .or_else(|| {
                    cause
                        .downcast_ref::<ContentErrors>()
                        .map(|list| list.0.clone())
                })
        })
        .unwrap_or_default();
    let shown = format!("{err:#}");
    if located.is_empty() {
        return Err(format!("an error without a file and position: {shown}"));
    }
    let names: Vec<PathBuf> = files
        .iter()
        .flat_map(|f| [PathBuf::from(f), root.join(f)])
        .collect();
    for e in &located {
        if !names.contains(&e.path) {
            return Err(format!("an error naming another file: {e} (in {shown})"));
        }
        match e.position {
            Some(p) if p.line >= 1 && p.column >= 1 => {}
            _ => return Err(format!("an error without a line and column: {e}")),
        }
    }
    Ok(())
}
