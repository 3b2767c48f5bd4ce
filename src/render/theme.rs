//! The default theme, embedded in the binary, and the site's overrides from `templates/`.
//!
//! Owns: which template source wins for each name (the site's file over the embedded one), and
//! parsing every template once, with errors naming the file, line and column.
//!
//! Never does: render.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result};
use tera::Tera;

use crate::diagnostic::{LocatedError, Position};
use crate::walk::{self, Hidden};

/// The embedded default theme: (template name, source).
const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("theme/base.html")),
    ("index.html", include_str!("theme/index.html")),
    ("section.html", include_str!("theme/section.html")),
    ("page.html", include_str!("theme/page.html")),
    (
        "taxonomy_list.html",
        include_str!("theme/taxonomy_list.html"),
    ),
    (
        "taxonomy_single.html",
        include_str!("theme/taxonomy_single.html"),
    ),
    (
        "statistics_table.html",
        include_str!("theme/statistics_table.html"),
    ),
    ("statistics.html", include_str!("theme/statistics.html")),
    ("methodology.html", include_str!("theme/methodology.html")),
    ("404.html", include_str!("theme/404.html")),
    ("search.html", include_str!("theme/search.html")),
    ("alias.html", include_str!("theme/alias.html")),
    ("atom.xml", include_str!("theme/atom.xml")),
    ("sitemap.xml", include_str!("theme/sitemap.xml")),
    ("robots.txt", include_str!("theme/robots.txt")),
    ("style.css", include_str!("theme/style.css")),
    (
        "partials/header.html",
        include_str!("theme/partials/header.html"),
    ),
    (
        "partials/footer.html",
        include_str!("theme/partials/footer.html"),
    ),
    (
        "partials/summary.html",
        include_str!("theme/partials/summary.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("theme/partials/pagination.html"),
    ),
    (
        "partials/contacts.html",
        include_str!("theme/partials/contacts.html"),
    ),
    (
        "partials/languages.html",
        include_str!("theme/partials/languages.html"),
    ),
];

/// Where a template came from, for error messages: `templates/page.html` or
/// `page.html (default theme)`.
pub type Origins = BTreeMap<String, String>;

/// Every template's source by name: (origin, text).
type Sources = BTreeMap<String, (String, String)>;

/// Loads the embedded theme and the site's `templates/` (which override by name), parses each
/// template once, and returns the engine with each template's origin. With a `cache`, the
/// templates parsed by an earlier build are reused when every source is the same.
pub fn load(root: &Path, cache: Option<&ThemeCache>) -> Result<(Tera, Origins)> {
    let sources = sources(root)?;
    let Some(cache) = cache else {
        return parse(sources);
    };
    let mut slot = cache
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((cached, tera, origins)) = slot.as_ref() {
        if *cached == sources {
            return Ok((tera.clone(), origins.clone()));
        }
    }
    let (tera, origins) = parse(sources.clone())?;
    *slot = Some((sources, tera.clone(), origins.clone()));
    Ok((tera, origins))
}

/// The templates parsed by an earlier build (the preview's), with the sources they were parsed
/// from; their functions are registered by each build anew.
#[derive(Default)]
pub struct ThemeCache(Mutex<Option<(Sources, Tera, Origins)>>);

impl std::fmt::Debug for ThemeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ThemeCache")
    }
}

fn sources(root: &Path) -> Result<Sources> {
    let mut sources: Sources = EMBEDDED
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                (format!("{name} (default theme)"), text.to_string()),
            )
        })
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for file in walk::files(root, &dir, Hidden::Skip)? {
            let text = std::fs::read_to_string(&file.path)
                .with_context(|| format!("cannot read {}", file.path.display()))?;
            let name = file.relative;
            sources.insert(name.clone(), (format!("templates/{name}"), text));
        }
    }
    Ok(sources)
}

/// Parses every template; when one does not parse, fails listing every template that does not,
/// each at its file, line and column.
fn parse(sources: Sources) -> Result<(Tera, Origins)> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::html::escape);
    if let Err(err) =
        tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
    {
        let errors: Vec<String> = sources
            .iter()
            .filter_map(|(name, (origin, text))| {
                tera::Template::new(name, None, text)
                    .err()
                    .map(|e| located(origin, &e).to_string())
            })
            .collect();
        if !errors.is_empty() {
            anyhow::bail!("template error(s):\n  {}", errors.join("\n  "));
        }
        return Err(anyhow::anyhow!("{}", chain(&err))
            .context("templates do not fit together (check `extends` and `include` names)"));
    }
    let origins = sources.into_iter().map(|(n, (o, _))| (n, o)).collect();
    Ok((tera, origins))
}

/// Every message in a Tera error's chain, joined.
pub fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// A template error located at `origin:line:column` when Tera's parser gives a position.
pub fn located(origin: &str, err: &tera::Error) -> LocatedError {
    let message = chain(err);
    let position = message.find("--> ").and_then(|at| {
        let rest = &message[at + 4..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some(Position {
            line: line.parse().ok()?,
            column: column.parse().ok()?,
        })
    });
    let short: String = message
        .lines()
        .map(|l| l.trim().trim_start_matches("= "))
        .filter(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
        .filter(|l| !l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ");
    LocatedError::new(Path::new(origin), position, short)
}
