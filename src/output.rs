//! Writing the site: into a staging folder beside the output folder, swapped into place in one step
//! at the end, so a failed build leaves the previous `public/` exactly as it was (invariant 5).
//!
//! Owns: the file system side of a build. Never does: decide what is written.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

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

/// A staging folder beside the output folder. Dropped without [`Staging::commit`], it is removed
/// and the output folder is untouched.
pub struct Staging {
    staging: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder for `output` (which need not exist yet).
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
        let staging = parent.join(format!(".{name}.staging"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).with_context(|| {
                format!("cannot remove a stale staging folder {}", staging.display())
            })?;
        }
        std::fs::create_dir(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        Ok(Staging {
            staging,
            output: output.to_path_buf(),
            committed: false,
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

    /// Replaces the output folder with the staged site.
    pub fn commit(mut self) -> Result<()> {
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .expect("staging has a name")
                .to_string_lossy()
                .trim_end_matches(".staging")
        ));
        if old.exists() {
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("cannot remove {}", old.display()))?;
        }
        if self.output.exists() {
            if !self.output.is_dir() {
                bail!("{} exists and is not a folder", self.output.display());
            }
            std::fs::rename(&self.output, &old)
                .with_context(|| format!("cannot move {} out of the way", self.output.display()))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.output) {
            if old.exists() {
                std::fs::rename(&old, &self.output).ok();
            }
            return Err(e).with_context(|| {
                format!("cannot move the new site into {}", self.output.display())
            });
        }
        self.committed = true;
        if old.exists() {
            remove_in_parallel(&old)
                .with_context(|| format!("cannot remove the previous site {}", old.display()))?;
        }
        Ok(())
    }
}

/// Removes a folder tree, its top-level entries in parallel (a site has thousands of files).
fn remove_in_parallel(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
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
