//! A fixture site in a temporary folder: write files, build, read the output.

use std::path::{Path, PathBuf};

use safestat::site::{build, check, BuildOptions};

pub const BASE: &str = "https://example.org/lebanon/";

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with a config and a root section, served from a sub-path.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        f.file(
            "config.toml",
            &format!(
                "title = \"Test site\"\nbase_url = \"{BASE}\"\norganisation = \"IOM Lebanon\"\nauthor = \"Press office\"\n"
            ),
        );
        f.file(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
        );
        f
    }

    /// Turns the search page and its index on (`[search] enabled = true`; off by default).
    pub fn with_search(&self) -> &Fixture {
        let config = std::fs::read_to_string(self.root().join("config.toml")).unwrap();
        self.file(
            "config.toml",
            &format!("{config}\n[search]\nenabled = true\n"),
        )
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, path: &str, text: &str) -> &Fixture {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
        self
    }

    /// A dated news page with the given extra front matter lines.
    pub fn news(&self, name: &str, date: &str, extra: &str) -> &Fixture {
        self.file(
            &format!("content/news/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\ndate = {date}\n{extra}\n+++\nText of {name}.\n"),
        )
    }

    pub fn news_section(&self, front: &str) -> &Fixture {
        self.file(
            "content/news/_index.md",
            &format!("+++\ntitle = \"News\"\n{front}\n+++\n"),
        )
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            ..Default::default()
        }
    }

    pub fn build(&self) -> anyhow::Result<()> {
        build(&self.options())
    }

    /// `safestat check`: the warnings, or the error.
    pub fn check(&self) -> anyhow::Result<Vec<String>> {
        check(&self.options())
    }

    /// Builds and returns the error's full chain, panicking if the build succeeds.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(()) => panic!("the build should have failed"),
            Err(e) => format!("{e:#}"),
        }
    }

    pub fn read(&self, path: &str) -> String {
        let p = self.out().join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// A source file of the site (not of the output).
    pub fn read_source(&self, path: &str) -> String {
        let p = self.root().join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out().join(path).exists()
    }

    /// Every output file (relative path, bytes), sorted.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        files_under(&self.out())
    }
}

pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}
