//! The served site and the state of the last build, shared by the rebuild thread and the HTTP
//! handlers.
//!
//! Owns: the preview's temporary folder, one numbered subfolder per rebuild, the swap to a new
//! subfolder after a successful build (a failed build leaves the served one in place), and the
//! broadcast of every change of state to open pages. A build that panics (a bug in the engine) is
//! a failed build like any other: shown on the terminal and in the overlay, and the next change
//! rebuilds. Never does: decide *when* to rebuild.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, Context, Result};
use serde::Serialize;
use tokio::sync::broadcast;

use super::Rebuild;

/// What a page needs to know about the preview: which site it shows and the current error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveState {
    /// Names the served build: changes with every successful build (and every server start).
    pub site: String,
    /// Whether a build has succeeded, so that a last good site is shown behind an error.
    pub last_good: bool,
    /// The last build's error, when it failed.
    pub error: Option<BuildError>,
}

/// A failed build's error, split into the place (`path:line:column`, when the message starts
/// with one) and the rest, for the overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuildError {
    pub location: Option<String>,
    pub message: String,
}

impl BuildError {
    fn from_anyhow(err: &anyhow::Error) -> BuildError {
        let mut text = err.to_string();
        for cause in err.chain().skip(1) {
            text.push_str("\n  caused by: ");
            text.push_str(&cause.to_string());
        }
        match split_location(&text) {
            Some((location, message)) => BuildError {
                location: Some(location.to_string()),
                message: message.to_string(),
            },
            None => BuildError {
                location: None,
                message: text,
            },
        }
    }
}

/// Finds the place of the first problem: at the start of the text (`path:line:column: message`,
/// or `path:line: message`), the rest being the message; or else at the start of a later line
/// (a list of problems), the whole text being the message.
fn split_location(text: &str) -> Option<(&str, &str)> {
    let mut lines = text.lines();
    let first = lines.next()?;
    if let Some(end) = location_end(first) {
        return Some((&first[..end], &text[end + 2..]));
    }
    lines.find_map(|line| {
        let line = line.trim_start();
        location_end(line).map(|end| (&line[..end], text))
    })
}

/// The length of a `path:line[:column]` prefix followed by `: `.
fn location_end(line: &str) -> Option<usize> {
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    line.match_indices(": ").map(|(i, _)| i).find(|&i| {
        let mut parts = line[..i].rsplitn(3, ':');
        let last = parts.next().unwrap_or_default();
        numeric(last) && parts.next().is_some_and(|p| !p.is_empty())
    })
}

/// The outcome of one build, as the terminal and the tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOutcome {
    /// How many builds have run, counting this one.
    pub number: u64,
    pub took: Duration,
    pub error: Option<String>,
}

struct Served {
    /// The last good build's folder; `None` until a build has succeeded.
    dir: Option<PathBuf>,
    /// The good build before it, kept until the next swap so that requests already reading it
    /// finish.
    previous: Option<PathBuf>,
    state: LiveState,
    last_build: BuildOutcome,
}

pub struct Live {
    /// The preview's temporary folder; deleted with `Live`.
    workspace: tempfile::TempDir,
    base_url: String,
    /// Different on every start, so that a page left open across a restart reloads.
    instance: String,
    served: RwLock<Served>,
    /// Serialises builds; holds the number of the last one.
    builds: Mutex<u64>,
    changes: broadcast::Sender<LiveState>,
}

impl Live {
    pub fn new(base_url: String) -> Result<Live> {
        let workspace = workspace().context("cannot create the preview's temporary folder")?;
        let instance = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_micros();
        let instance = format!("{instance:x}");
        let (changes, _) = broadcast::channel(16);
        Ok(Live {
            workspace,
            base_url,
            served: RwLock::new(Served {
                dir: None,
                previous: None,
                state: LiveState {
                    site: format!("{instance}-0"),
                    last_good: false,
                    error: None,
                },
                last_build: BuildOutcome {
                    number: 0,
                    took: Duration::ZERO,
                    error: None,
                },
            }),
            instance,
            builds: Mutex::new(0),
            changes,
        })
    }

    /// Builds into a fresh folder; on success serves it, on failure keeps the last good site.
    /// Either way tells open pages and the terminal.
    pub fn rebuild(&self, builder: &dyn Rebuild) {
        let mut builds = self.builds.lock().unwrap_or_else(PoisonError::into_inner);
        *builds += 1;
        let number = *builds;
        let dir = self.workspace.path().join(format!("site-{number}"));
        let started = Instant::now();
        let result = rebuild_catching_panics(builder, &dir, &self.base_url);
        let took = started.elapsed();

        let mut served = self.served.write().unwrap_or_else(PoisonError::into_inner);
        let stale = match result {
            Ok(()) => {
                println!("Built the site in {} ms.", took.as_millis());
                let stale = served.previous.take();
                served.previous = served.dir.replace(dir);
                served.state = LiveState {
                    site: format!("{}-{number}", self.instance),
                    last_good: true,
                    error: None,
                };
                served.last_build = BuildOutcome {
                    number,
                    took,
                    error: None,
                };
                stale
            }
            Err(err) => {
                let error = BuildError::from_anyhow(&err);
                let text = match &error.location {
                    Some(location) => format!("{location}: {}", error.message),
                    None => error.message.clone(),
                };
                eprintln!(
                    "Error: the build failed ({} ms); still serving the last good site.\n{text}",
                    took.as_millis()
                );
                served.state.error = Some(error);
                served.last_build = BuildOutcome {
                    number,
                    took,
                    error: Some(text),
                };
                dir.exists().then_some(dir)
            }
        };
        let state = served.state.clone();
        drop(served);
        if let Some(stale) = stale {
            remove_quietly(&stale);
        }
        // No page listening is fine.
        let _ = self.changes.send(state);
    }

    /// The folder of the last good build, if any, and the state to show with it.
    pub fn current(&self) -> (Option<PathBuf>, LiveState) {
        let served = self.served.read().unwrap_or_else(PoisonError::into_inner);
        (served.dir.clone(), served.state.clone())
    }

    pub fn state(&self) -> LiveState {
        self.current().1
    }

    pub fn last_build(&self) -> BuildOutcome {
        let served = self.served.read().unwrap_or_else(PoisonError::into_inner);
        served.last_build.clone()
    }

    pub fn workspace(&self) -> &Path {
        self.workspace.path()
    }

    /// Deletes the preview's temporary folder with every build in it.
    pub fn remove_workspace(&self) {
        let path = self.workspace.path();
        if path.exists() {
            remove_quietly(path);
        }
    }

    /// Changes of state from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveState> {
        self.changes.subscribe()
    }
}

/// Runs the builder, turning a panic into an error, so that the preview keeps serving and
/// watching (the panic hook has already printed where it happened). Needs the default
/// `panic = "unwind"`.
fn rebuild_catching_panics(builder: &dyn Rebuild, dir: &Path, base_url: &str) -> Result<()> {
    let payload =
        match std::panic::catch_unwind(AssertUnwindSafe(|| builder.rebuild(dir, base_url))) {
            Ok(result) => return result,
            Err(payload) => payload,
        };
    let message = match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(message), _) => message.to_string(),
        (None, Some(message)) => message.clone(),
        (None, None) => "(no message)".to_string(),
    };
    Err(anyhow!(
        "the build panicked: {message} (a bug in safestat: please report it, with the change \
         that caused it)"
    ))
}

/// The preview's folder: in memory (`/dev/shm`) where Linux has it with room to spare (a
/// container's is often 64 MB) and `$TMPDIR` does not choose another place, since every save
/// writes the whole site again; else in the temporary folder.
fn workspace() -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("safestat-serve-");
    let shm = Path::new("/dev/shm");
    if cfg!(target_os = "linux")
        && std::env::var_os("TMPDIR").is_none()
        && free_bytes(shm).is_some_and(|free| free >= SHM_ROOM)
    {
        if let Ok(dir) = builder.tempdir_in(shm) {
            return Ok(dir);
        }
    }
    builder.tempdir()
}

/// How much room `/dev/shm` must have free for the preview to build there.
const SHM_ROOM: u64 = 1 << 30;

#[cfg(unix)]
fn free_bytes(dir: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(dir).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(unix))]
fn free_bytes(_: &Path) -> Option<u64> {
    None
}

fn remove_quietly(dir: &Path) {
    if let Err(err) = std::fs::remove_dir_all(dir) {
        eprintln!(
            "Warning: cannot remove the old preview folder {}: {err}",
            dir.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_is_split_from_the_message() {
        assert_eq!(
            split_location("content/news/a.md:3:14: unknown shortcode `figure`"),
            Some(("content/news/a.md:3:14", "unknown shortcode `figure`"))
        );
        assert_eq!(
            split_location("templates/page.html:7: unexpected `}}`\n  caused by: x"),
            Some(("templates/page.html:7", "unexpected `}}`\n  caused by: x"))
        );
        assert_eq!(split_location("config.toml: missing field `title`"), None);
        let list =
            "2 problem(s) in content:\n  content/a.md:5:1: unknown field\n  content/b.md:1:1: x";
        assert_eq!(split_location(list), Some(("content/a.md:5:1", list)));
        assert_eq!(split_location("the build failed: 3: odd"), None);
    }

    #[test]
    fn a_panic_is_a_failed_build() {
        let panics = |_: &Path, _: &str| -> Result<()> { panic!("index 3 out of range") };
        let err = rebuild_catching_panics(&panics, Path::new("out"), "http://127.0.0.1/")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the build panicked: index 3 out of range"),
            "{err}"
        );
        let formatted = |_: &Path, _: &str| -> Result<()> { panic!("page {}", 7) };
        let err = rebuild_catching_panics(&formatted, Path::new("out"), "http://127.0.0.1/")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("the build panicked: page 7"), "{err}");
    }

    #[test]
    fn an_error_keeps_its_causes() {
        let err = anyhow::anyhow!("disk full").context("data/cases.csv:2:1: cannot read");
        let error = BuildError::from_anyhow(&err);
        assert_eq!(error.location.as_deref(), Some("data/cases.csv:2:1"));
        assert_eq!(error.message, "cannot read\n  caused by: disk full");
    }
}
