//! `safestat init` and `safestat new news`: new sites and new press releases, ready to edit.
//!
//! Owns: the skeleton files. Never does: build.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;

use crate::content::slug::slugify;

const CONFIG: &str = r#"# Site settings. Every key is checked: a misspelt key is an error naming its line.
title = "My organisation — Counter-Trafficking"
description = "News and statistics on counter-trafficking work."
base_url = "https://example.org/"
default_language = "en"
organisation = "My organisation"
licence = "CC BY 4.0"

[[menu]]
name = "Home"
url = ""

[[menu]]
name = "News"
url = "news/"

[[menu]]
name = "About"
url = "about/"

# HTML written in Markdown: "safe" keeps formatting and YouTube/Vimeo players and removes scripts;
# "escape" prints it as text; "trusted" publishes it as written, scripts included.
[markdown]
raw_html = "safe"

# A search page per language (/search/), its index built with the site by Pagefind. The index
# takes time on large sites: several times the rest of the build of 10,000 pages.
[search]
enabled = true
"#;

const HOME: &str = r#"+++
title = "Counter-Trafficking"
+++
Welcome. This site publishes news and statistics on our counter-trafficking work.
"#;

const NEWS: &str = r#"+++
title = "News"
sort_by = "date"
paginate_by = 10
+++
"#;

const ABOUT: &str = r#"+++
title = "About"
description = "Who we are and how we publish."
+++
Write who you are here.
"#;

/// Creates a new site in `dir` (which must be empty or not exist) that builds as it is.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!("{} is not empty: choose a new folder", dir.display());
        }
    }
    for folder in ["templates", "static"] {
        std::fs::create_dir_all(dir.join(folder))
            .with_context(|| format!("cannot create {}", dir.join(folder).display()))?;
    }
    let files: [(&str, &str); 5] = [
        ("config.toml", CONFIG),
        ("content/_index.md", HOME),
        ("content/news/_index.md", NEWS),
        ("content/about.md", ABOUT),
        (".gitignore", "/public\n"),
    ];
    for (path, text) in files {
        let target = dir.join(path);
        let parent = target.parent().expect("files are in a folder");
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        std::fs::write(&target, text)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}

/// Creates `content/news/<date>-<slug>.md` under `root` with a press-release skeleton and
/// returns its path. Refuses to overwrite an existing file.
pub fn new_news(root: &Path, title: &str, date: NaiveDate) -> Result<PathBuf> {
    let slug = slugify(title);
    if slug.is_empty() {
        bail!("the title {title:?} has no letters or digits to make a file name from");
    }
    let dir = root.join("content").join("news");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    if path.exists() {
        bail!("{} already exists", path.display());
    }
    let title_toml = toml::Value::String(title.to_string()).to_string();
    let text = format!(
        r#"+++
title = {title_toml}
description = ""
date = {date}
# Remove this line (or set it to false) to publish.
draft = true
# The dateline, printed before the first paragraph.
location = "City, Country"

[taxonomies]
tags = []
countries = []

# Who journalists should contact: one [[contacts]] table per person.
# [[contacts]]
# name = "Full Name"
# office = "Media and Communications, Office name"
# phone = "+961 1 234 567"
# email = "name@example.org"
+++
First paragraph: who, what, where, when.

<!-- more -->

The rest of the press release.
"#,
        date = date.format("%Y-%m-%d"),
    );
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}
