//! Writing the site: into a staging folder beside the output folder, swapped into place in one
//! step at the end, so that a failed, a killed or a concurrent build never leaves a half-written
//! `public/`: at every instant `public/` is a complete site, the old or the new one
//! (invariant 5).
//!
//! The rules, for an output folder `public/`:
//! - A build holds the lock `.public.lock` from before it writes anything until it is done
//!   ([`lock`]); a second build into the same folder waits for it. The lock goes with the
//!   process, so a killed build never blocks the next one.
//! - Holding the lock, a build first cleans up after a build that was killed: it removes a
//!   `.public.staging` left behind, and puts a `.public.old` back as `public/` when `public/` is
//!   missing (the fallback swap below was stopped half-way), or removes it otherwise.
//! - The site is written into `.public.staging` and, once complete, exchanged with `public/`
//!   in one atomic step ([`swap`]); the old site, now at `.public.staging`, is then removed.
//! - Where the file system cannot exchange two folders, the swap falls back, with a warning, to
//!   two renames (`public/` → `.public.old`, `.public.staging` → `public/`): a build killed
//!   between them leaves no `public/` until the next build puts the old site back.
//!
//! Owns: the file system side of a build. Never does: decide what is written.

mod lock;
mod swap;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use lock::BuildLock;

/// Where rendered files go. `path` is relative to the output root, with `/` separators, and has
/// already been checked not to escape it.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;
    fn copy(&self, source: &Path, path: &str) -> Result<()>;
}

/// Renders everything and writes nothing: `safestat check`.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, _bytes: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, source: &Path, _path: &str) -> Result<()> {
        std::fs::metadata(source).with_context(|| format!("cannot read {}", source.display()))?;
        Ok(())
    }
}

/// A staging folder beside the output folder, and the lock on both. Dropped without
/// [`Staging::commit`], the staging folder is removed and the output folder is untouched.
pub struct Staging {
    staging: PathBuf,
    /// Where the fallback swap moves the old site.
    old: PathBuf,
    output: PathBuf,
    committed: bool,
    /// Released last, after the staging folder is gone.
    _lock: BuildLock,
}

impl Staging {
    /// Takes the lock of `output` (which need not exist yet), waiting for another build into it
    /// to finish, cleans up after a killed build and creates an empty staging folder.
    pub fn new(output: &Path) -> Result<Staging> {
        let name = output
            .file_name()
            .with_context(|| format!("output folder {} has no name", output.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let lock = BuildLock::take(&parent.join(format!(".{name}.lock")), output)?;
        let staging = parent.join(format!(".{name}.staging"));
        let old = parent.join(format!(".{name}.old"));
        swap::clean_up_after_a_killed_build(&staging, &old, output)?;
        failpoint("locked");
        std::fs::create_dir(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        Ok(Staging {
            staging,
            old,
            output: output.to_path_buf(),
            committed: false,
            _lock: lock,
        })
    }

    fn target(&self, path: &str) -> Result<PathBuf> {
        let target = self.staging.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(target)
    }

    /// Replaces the output folder with the staged site, then removes the old site.
    pub fn commit(mut self) -> Result<()> {
        failpoint("staged");
        let previous = swap::replace(&self.staging, &self.output, &self.old)?;
        self.committed = true;
        failpoint("swapped");
        if let Some(previous) = previous {
            swap::remove_tree(&previous).with_context(|| {
                format!("cannot remove the previous site {}", previous.display())
            })?;
        }
        failpoint("old-removed");
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes)
            .with_context(|| format!("cannot write {}", target.display()))?;
        failpoint("file-written");
        Ok(())
    }

    fn copy(&self, source: &Path, path: &str) -> Result<()> {
        let target = self.target(path)?;
        std::fs::copy(source, &target)
            .with_context(|| format!("cannot copy {} to {}", source.display(), target.display()))?;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            std::fs::remove_dir_all(&self.staging).ok();
        }
    }
}

/// A test hook of debug builds: `SAFESTAT_TEST_ABORT_AT=<step>` stops the process dead at that
/// step of writing the site — no destructor runs, as with `kill -9` — so that the tests can check
/// what each step leaves behind. Release builds never read the variable.
fn failpoint(step: &str) {
    if cfg!(debug_assertions)
        && std::env::var_os("SAFESTAT_TEST_ABORT_AT").is_some_and(|at| at == step)
    {
        eprintln!("safestat: stopped at {step} (SAFESTAT_TEST_ABORT_AT)");
        std::process::abort();
    }
}
