//! Putting the staged site in the output folder's place, and cleaning up after a build that was
//! killed while doing so. Called only while the build lock is held.
//!
//! The swap is one atomic exchange of the two folders: `renameat2(RENAME_EXCHANGE)` on Linux,
//! `renameatx_np(RENAME_SWAP)` on macOS, through `rustix`. Where that is refused (a file system
//! without it, another system), two renames with the old site kept at `.public.old` until the
//! new one is in place; a warning says so.

use std::path::{Path, PathBuf};
use std::sync::Once;

use anyhow::{bail, Context, Result};

use super::failpoint;

/// Removes what a killed build left beside `output`: its staging folder (a partial site, or the
/// old site it was removing), and the old site of a fallback swap — put back as `output` if the
/// build was stopped before the new site was in place.
pub fn clean_up_after_a_killed_build(staging: &Path, old: &Path, output: &Path) -> Result<()> {
    if exists(staging)? {
        remove_tree(staging).with_context(|| {
            format!(
                "cannot remove {}, left by a build that was stopped",
                staging.display()
            )
        })?;
    }
    if exists(old)? {
        if exists(output)? {
            remove_tree(old).with_context(|| {
                format!(
                    "cannot remove {}, left by a build that was stopped",
                    old.display()
                )
            })?;
        } else {
            std::fs::rename(old, output).with_context(|| {
                format!(
                    "cannot put the previous site {} back as {}",
                    old.display(),
                    output.display()
                )
            })?;
        }
    }
    Ok(())
}

/// Puts the complete site at `staging` in the place of `output`. Returns where the old site now
/// is, to be removed, if there was one.
pub fn replace(staging: &Path, output: &Path, old: &Path) -> Result<Option<PathBuf>> {
    if !exists(output)? {
        // Nothing to replace: one rename, atomic.
        std::fs::rename(staging, output)
            .with_context(|| format!("cannot move the new site into {}", output.display()))?;
        return Ok(None);
    }
    if !output.is_dir() {
        bail!("{} exists and is not a folder", output.display());
    }
    if exchange(staging, output)? {
        return Ok(Some(staging.to_path_buf()));
    }
    std::fs::rename(output, old)
        .with_context(|| format!("cannot move {} out of the way", output.display()))?;
    failpoint("old-moved");
    if let Err(err) = std::fs::rename(staging, output) {
        std::fs::rename(old, output).ok();
        return Err(err)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    Ok(Some(old.to_path_buf()))
}

/// Exchanges the two folders atomically; `false` when this file system or system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(staging: &Path, output: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;

    if cfg!(debug_assertions) && std::env::var_os("SAFESTAT_TEST_NO_EXCHANGE").is_some() {
        warn_no_exchange(output, "SAFESTAT_TEST_NO_EXCHANGE is set");
        return Ok(false);
    }
    match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(err @ (Errno::INVAL | Errno::NOSYS | Errno::NOTSUP)) => {
            warn_no_exchange(output, &std::io::Error::from(err).to_string());
            Ok(false)
        }
        Err(err) => Err(std::io::Error::from(err)).with_context(|| {
            format!(
                "cannot exchange {} with the new site {}",
                output.display(),
                staging.display()
            )
        }),
    }
}

/// Exchanges the two folders atomically; `false` when this file system or system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_staging: &Path, output: &Path) -> Result<bool> {
    warn_no_exchange(output, "this system has no atomic exchange of two folders");
    Ok(false)
}

fn warn_no_exchange(output: &Path, why: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        eprintln!(
            "Warning: cannot swap the new site into {} in one step ({why}); replacing it by two \
             renames instead: a build stopped between them leaves no {} until the next build \
             puts the previous site back.",
            output.display(),
            output.display()
        );
    });
}

fn exists(path: &Path) -> Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Removes a folder tree, its top-level entries in parallel (a site has thousands of files); a
/// symbolic link is removed, never followed.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    if !std::fs::symlink_metadata(dir)?.is_dir() {
        return std::fs::remove_file(dir);
    }
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
        failpoint("old-removed-partly");
        Ok::<(), std::io::Error>(())
    })?;
    std::fs::remove_dir(dir)
}
