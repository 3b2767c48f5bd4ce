//! Walking a folder of the site (`content/`, `templates/`, `static/`) into its files, each with
//! its path relative to the folder written with `/`, in a fixed order (by file name, folder by
//! folder), so that the same folder gives the same build on every machine.
//!
//! Only regular files are listed, and a symbolic link, the folder itself or anything under it, is
//! an error naming it ([`crate::walk_rules`]). Never does: read a file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use walkdir::WalkDir;

/// One file found under the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// The path relative to the folder, with `/` between its parts (`news/2024/a.md`).
    pub relative: String,
    /// The path to read it from (the folder joined with `relative`).
    pub path: PathBuf,
}

/// Whether files and folders whose name starts with `.` are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Listed, like any other file (`static/.well-known/`, `static/.nojekyll` must reach the site).
    Keep,
    /// Left out, with everything under a hidden folder (editor and system files in `content/`).
    Skip,
}

/// Every regular file under `dir` (a folder of the site at `root`), ordered by name folder by
/// folder.
pub fn files(root: &Path, dir: &Path, hidden: Hidden) -> Result<Vec<SiteFile>> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot walk {}", dir.display()))?;
        crate::walk_rules::check_entry(root, &entry)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(dir)
            .expect("walked under the folder")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if hidden == Hidden::Skip && relative.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        out.push(SiteFile {
            relative,
            path: entry.into_path(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            "b.md",
            "a/z.md",
            "a/b/c.txt",
            ".hidden/x.md",
            "a/.draft.md",
            "A.md",
        ] {
            let target = dir.path().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, path).unwrap();
        }
        dir
    }

    fn relatives(files: &[SiteFile]) -> Vec<&str> {
        files.iter().map(|f| f.relative.as_str()).collect()
    }

    #[test]
    fn lists_files_by_name_folder_by_folder() {
        let dir = folder();
        let files = files(dir.path(), dir.path(), Hidden::Keep).unwrap();
        assert_eq!(
            relatives(&files),
            [
                ".hidden/x.md",
                "A.md",
                "a/.draft.md",
                "a/b/c.txt",
                "a/z.md",
                "b.md"
            ]
        );
        for f in &files {
            assert_eq!(f.path, dir.path().join(&f.relative));
        }
    }

    #[test]
    fn hidden_files_and_folders_can_be_skipped() {
        let dir = folder();
        let files = files(dir.path(), dir.path(), Hidden::Skip).unwrap();
        assert_eq!(relatives(&files), ["A.md", "a/b/c.txt", "a/z.md", "b.md"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let err = format!(
            "{:#}",
            files(dir.path(), &missing, Hidden::Keep).unwrap_err()
        );
        assert!(err.contains("nope"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_an_error_naming_it() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        for (name, target) in [
            ("linked-dir", outside.path().to_path_buf()),
            ("linked-file.txt", outside.path().join("secret.txt")),
        ] {
            let dir = folder();
            std::os::unix::fs::symlink(&target, dir.path().join(name)).unwrap();
            let err = format!(
                "{:#}",
                files(dir.path(), dir.path(), Hidden::Skip).unwrap_err()
            );
            assert!(err.contains(name) && err.contains("symbolic link"), "{err}");
        }
        // The folder itself.
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("root-link");
        std::os::unix::fs::symlink(outside.path(), &link).unwrap();
        let err = format!("{:#}", files(dir.path(), &link, Hidden::Keep).unwrap_err());
        assert!(err.contains("root-link"), "{err}");
    }
}
