//! What the walks of a site's own folders (`content/`, `templates/`, `static/`) do with symbolic
//! links: a link is an error naming it, whether it is the folder itself or anything under it.
//!
//! Followed, a link can publish what nobody meant to publish: a `static/` linked to a shared
//! folder put an outside file on the site, and a link into `data/` would publish case records.
//! Skipped, it hides a mistake: a linked template override silently disappeared. Refusing every
//! link is the one rule that is the same on every system and needs no judgement of where a link
//! leads; the message says to put the file itself there. (`data/` is only read, never copied, so a
//! CSV linked from an encrypted volume is fine there.)
//!
//! Never does: walk a folder. Each walk calls [`check_entry`] on every entry it meets.

use std::path::Path;

use crate::diagnostic::LocatedError;

/// Fails if `entry` of a walk of a folder of the site at `root` is a symbolic link (for the walk's
/// own folder, entry 0, whether that folder is one).
pub fn check_entry(root: &Path, entry: &walkdir::DirEntry) -> Result<(), LocatedError> {
    let is_link = if entry.depth() == 0 {
        // walkdir follows a link given as the folder to walk; ask the file system itself.
        std::fs::symlink_metadata(entry.path()).is_ok_and(|m| m.file_type().is_symlink())
    } else {
        entry.path_is_symlink()
    };
    if !is_link {
        return Ok(());
    }
    let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
    Err(LocatedError::new(
        shown,
        None,
        "is a symbolic link: safestat follows no links in content/, templates/ and static/, as \
         they could publish files from outside the site; put the file or folder itself here",
    ))
}
