//! The lock that makes builds into one output folder take turns: a lock file beside it
//! (`.public.lock`), held for the whole build and removed when the build is done.
//!
//! On Unix it is an exclusive `flock`: a second build waits (saying so once), and the kernel
//! releases the lock of a killed build, so a lock file left behind never blocks anyone.
//! Elsewhere the lock is the file's exclusive creation: a second build fails, naming the file,
//! and a killed build's file has to be removed by hand.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Held while a build writes; dropping it removes the lock file and releases the lock.
pub struct BuildLock {
    path: PathBuf,
    _file: File,
}

impl BuildLock {
    /// Takes the lock at `path` for a build into `output`.
    #[cfg(unix)]
    pub fn take(path: &Path, output: &Path) -> Result<BuildLock> {
        use rustix::fs::{flock, FlockOperation};
        use std::os::unix::fs::MetadataExt;

        let cannot = || format!("cannot take the build lock {}", path.display());
        let mut waiting = false;
        loop {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .with_context(cannot)?;
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(rustix::io::Errno::WOULDBLOCK) => {
                    if !waiting {
                        eprintln!(
                            "Waiting for another build into {} to finish…",
                            output.display()
                        );
                        waiting = true;
                    }
                    flock(&file, FlockOperation::LockExclusive)
                        .map_err(std::io::Error::from)
                        .with_context(cannot)?;
                }
                Err(err) => return Err(std::io::Error::from(err)).with_context(cannot),
            }
            // The build before us removes the file when it is done: if it did so after we opened
            // it, what we locked is no longer the lock (a third build may hold the new file).
            let locked = file.metadata().with_context(cannot)?;
            match std::fs::metadata(path) {
                Ok(now) if now.dev() == locked.dev() && now.ino() == locked.ino() => {
                    return Ok(BuildLock {
                        path: path.to_path_buf(),
                        _file: file,
                    });
                }
                _ => continue,
            }
        }
    }

    /// Takes the lock at `path` for a build into `output`.
    #[cfg(not(unix))]
    pub fn take(path: &Path, output: &Path) -> Result<BuildLock> {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(file) => Ok(BuildLock {
                path: path.to_path_buf(),
                _file: file,
            }),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
                "another build into {} is running (it holds {}); if none is, a build was \
                 stopped before it finished: remove {} and build again",
                output.display(),
                path.display(),
                path.display()
            ),
            Err(err) => {
                Err(err).with_context(|| format!("cannot take the build lock {}", path.display()))
            }
        }
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Removed while still held (the file closes after this), so no build can lock the
        // file and then see it vanish; one that opened it already sees it is stale.
        std::fs::remove_file(&self.path).ok();
    }
}
