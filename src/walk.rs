//! Walking a folder of the site (`content/`, `templates/`, `static/`) into its files, each with
//! its path relative to the folder written with `/`, in a fixed order (by file name, folder by
//! folder), so that the same folder gives the same build on every machine.
//!
//! Only regular files are listed: a symbolic link is neither followed nor listed (the folder
//! itself is read even when it is a link). Never does: read a file.

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

/// Every regular file under `dir`, ordered by name folder by folder.
pub fn files(dir: &Path, hidden: Hidden) -> Result<Vec<SiteFile>> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot walk {}", dir.display()))?;
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
        let files = files(dir.path(), Hidden::Keep).unwrap();
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
        let files = files(dir.path(), Hidden::Skip).unwrap();
        assert_eq!(relatives(&files), ["A.md", "a/b/c.txt", "a/z.md", "b.md"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let err = format!("{:#}", files(&missing, Hidden::Keep).unwrap_err());
        assert!(err.contains("nope"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_neither_followed_nor_listed() {
        let dir = folder();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked-dir")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("linked-file.txt"),
        )
        .unwrap();
        let files = files(dir.path(), Hidden::Skip).unwrap();
        assert_eq!(relatives(&files), ["A.md", "a/b/c.txt", "a/z.md", "b.md"]);
        let through_link = files_of_link(&outside, &dir);
        assert_eq!(through_link, ["secret.txt"]);
    }

    /// The folder itself may be a link: it is read.
    #[cfg(unix)]
    fn files_of_link(outside: &tempfile::TempDir, dir: &tempfile::TempDir) -> Vec<String> {
        let link = dir.path().join("root-link");
        std::os::unix::fs::symlink(outside.path(), &link).unwrap();
        files(&link, Hidden::Keep)
            .unwrap()
            .into_iter()
            .map(|f| f.relative)
            .collect()
    }
}
