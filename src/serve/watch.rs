//! Turns changes to the site's sources into rebuilds.
//!
//! Owns: watching `content/`, `templates/`, `static/`, `data/` (recursively) and `config.toml`
//! under the site root, debouncing bursts of changes (an editor's save is often several events),
//! and running one rebuild per burst on a dedicated thread. Never does: watch anything else
//! under the root — above all not `public/` or `target/`, whose churn would rebuild forever.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::live::Live;
use super::Rebuild;

/// The source folders a rebuild reads, watched recursively.
const SOURCE_DIRS: [&str; 4] = ["content", "templates", "static", "data"];
const CONFIG_FILE: &str = "config.toml";

type FileDebouncer = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Watches the sources; dropping it ends the rebuild thread.
pub struct Watcher {
    debouncer: Arc<Mutex<Option<FileDebouncer>>>,
}

/// A burst of changes that touched the sources, and the watcher to extend when a source folder
/// appears.
pub struct Changes {
    root: PathBuf,
    bursts: Receiver<DebounceEventResult>,
    debouncer: Arc<Mutex<Option<FileDebouncer>>>,
}

impl Watcher {
    pub fn start(root: &Path, debounce: Duration) -> Result<(Watcher, Changes)> {
        let (sender, bursts) = mpsc::channel();
        let mut debouncer = new_debouncer(debounce, None, sender)
            .context("cannot start watching the site's files")?;
        // The root itself, not recursively: sees `config.toml` (also when an editor replaces
        // it) and source folders that are created later.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        for name in SOURCE_DIRS {
            let dir = root.join(name);
            if dir.is_dir() {
                debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch {}", dir.display()))?;
            }
        }
        let debouncer = Arc::new(Mutex::new(Some(debouncer)));
        let changes = Changes {
            root: root.to_path_buf(),
            bursts,
            debouncer: Arc::clone(&debouncer),
        };
        Ok((Watcher { debouncer }, changes))
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let debouncer = self
            .debouncer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(debouncer) = debouncer {
            debouncer.stop();
        }
    }
}

/// Runs one rebuild per burst of relevant changes until the watcher stops.
pub fn spawn_rebuilder(
    changes: Changes,
    live: Arc<Live>,
    builder: Arc<dyn Rebuild>,
) -> Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("safestat-rebuild".into())
        .spawn(move || {
            while let Ok(burst) = changes.bursts.recv() {
                let mut relevant = changes.take(burst);
                // Changes that arrived during the last build: one more build covers them all.
                while let Ok(burst) = changes.bursts.try_recv() {
                    relevant |= changes.take(burst);
                }
                if relevant {
                    live.rebuild(builder.as_ref());
                }
            }
        })
        .context("cannot start the rebuild thread")
}

impl Changes {
    /// Whether the burst touched a source; starts watching source folders it created.
    fn take(&self, burst: DebounceEventResult) -> bool {
        let events = match burst {
            Ok(events) => events,
            Err(errors) => {
                for err in errors {
                    eprintln!("Warning: watching the site's files: {err}");
                }
                // Something changed that we could not follow: rebuild to be safe.
                return true;
            }
        };
        let mut relevant = false;
        for event in events {
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if !is_source(&self.root, path) {
                    continue;
                }
                relevant = true;
                if event.kind.is_create() && path.parent() == Some(self.root.as_path()) {
                    self.watch_new_source_dir(path);
                }
            }
        }
        relevant
    }

    fn watch_new_source_dir(&self, dir: &Path) {
        if !dir.is_dir() {
            return;
        }
        let mut debouncer = self
            .debouncer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(debouncer) = debouncer.as_mut() {
            if let Err(err) = debouncer.watch(dir, RecursiveMode::Recursive) {
                eprintln!("Warning: cannot watch {}: {err}", dir.display());
            }
        }
    }
}

/// Whether a rebuild reads `path`: `config.toml`, or a file under a source folder that is not an
/// editor's scratch file.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str();
    if parts.clone().next().is_none() && first == CONFIG_FILE {
        return true;
    }
    if !SOURCE_DIRS.iter().any(|dir| first == *dir) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !is_editor_scratch(&name)
}

/// Swap, backup and lock files that editors write next to the file being edited.
fn is_editor_scratch(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sources_trigger_a_rebuild() {
        let root = Path::new("/site");
        for source in [
            "/site/config.toml",
            "/site/content/news/a.md",
            "/site/templates/page.html",
            "/site/static/logo.svg",
            "/site/data/cases.csv",
            "/site/content",
        ] {
            assert!(is_source(root, Path::new(source)), "{source}");
        }
        for other in [
            "/site/public/index.html",
            "/site/target/debug/safestat",
            "/site/README.md",
            "/site/content/news/.a.md.swp",
            "/site/content/news/a.md~",
            "/site/templates/4913",
            "/elsewhere/content/a.md",
            "/site/nested/config.toml",
        ] {
            assert!(!is_source(root, Path::new(other)), "{other}");
        }
    }
}
