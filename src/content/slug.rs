//! Slugs and URL paths: turning titles and file names into URL segments, and rejecting `path` /
//! `slug` values that would write outside the output folder.
//!
//! Never does: I/O.

/// A URL segment from free text: letters and digits of any script are kept (lower-cased), so
/// Arabic or accented French headings stay readable; every other run of characters becomes one `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Checks a front-matter `slug`: one URL segment, nothing that could climb out of its section.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("slug must not be empty".into());
    }
    if slug.contains(['/', '\\']) || slug == "." || slug == ".." {
        return Err(format!(
            "slug {slug:?} must be a single URL segment (no `/`, `\\`, `.` or `..`)"
        ));
    }
    check_characters(slug).map_err(|c| format!("slug {slug:?} must not contain {c:?}"))
}

/// Checks and normalises a front-matter `path` (or an alias) into a relative URL path without
/// leading slash: `"news/old-url/"`. Absolute paths, `..` segments and backslashes are rejected
/// because they would write outside the output folder.
pub fn normalise_path(path: &str, what: &str) -> Result<String, String> {
    let segments = safe_segments(path, what)?;
    let mut normal = segments.join("/");
    let is_file = segments
        .last()
        .is_some_and(|s| s.ends_with(".html") || s.ends_with(".htm"));
    if !is_file {
        normal.push('/');
    }
    Ok(normal)
}

/// Checks and normalises the path of a file to write (`data/table.csv`), like [`normalise_path`].
pub fn normalise_file_path(path: &str, what: &str) -> Result<String, String> {
    if path.ends_with('/') {
        return Err(format!("{what} {path:?} must name a file, not a folder"));
    }
    Ok(safe_segments(path, what)?.join("/"))
}

fn safe_segments<'a>(path: &'a str, what: &str) -> Result<Vec<&'a str>, String> {
    if path.starts_with('/') || path.contains("://") || path.contains(':') {
        return Err(format!(
            "{what} {path:?} must be relative to the site root (write \"news/x/\", not \"/news/x/\")"
        ));
    }
    if path.contains('\\') {
        return Err(format!("{what} {path:?} must not contain `\\`"));
    }
    if let Err(c) = check_characters(path) {
        return Err(format!("{what} {path:?} must not contain {c:?}"));
    }
    let mut segments = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                return Err(format!(
                    "{what} {path:?} must not contain `..`: it would escape the output folder"
                ))
            }
            s => segments.push(s),
        }
    }
    if segments.is_empty() {
        return Err(format!("{what} {path:?} names no page"));
    }
    Ok(segments)
}

/// The absolute URL of a URL path: `base_url` (ending with `/`) followed by the path, with every
/// byte outside the URL-safe set percent-encoded (so `côte-d-ivoire/` is valid in a sitemap too).
pub fn permalink(base_url: &str, path: &str) -> String {
    let mut url = String::with_capacity(base_url.len() + path.len());
    url.push_str(base_url);
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn check_characters(text: &str) -> Result<(), char> {
    match text
        .chars()
        .find(|c| c.is_control() || matches!(c, '?' | '#' | '%' | '"' | '<' | '>' | '*' | '|'))
    {
        Some(c) => Err(c),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_non_latin_letters() {
        assert_eq!(slugify("Données clés 2024"), "données-clés-2024");
        assert_eq!(slugify("  Hello, World!  "), "hello-world");
        assert_eq!(slugify("الأرقام الرئيسية"), "الأرقام-الرئيسية");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn paths_that_escape_are_rejected() {
        assert!(normalise_path("../etc/passwd", "path").is_err());
        assert!(normalise_path("news/../../x", "path").is_err());
        assert!(normalise_path("/abs", "path").is_err());
        assert!(normalise_path("C:/x", "path").is_err());
        assert!(normalise_path("a\\b", "path").is_err());
        assert_eq!(normalise_path("news/x", "path").unwrap(), "news/x/");
        assert_eq!(
            normalise_path("old/page.html", "alias").unwrap(),
            "old/page.html"
        );
        assert!(check_slug("../x").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("ok-slug").is_ok());
    }

    #[test]
    fn permalinks_are_percent_encoded() {
        assert_eq!(
            permalink("https://x.org/a/", "news/b/"),
            "https://x.org/a/news/b/"
        );
        assert_eq!(
            permalink("https://x.org/", "countries/côte-d-ivoire/"),
            "https://x.org/countries/c%C3%B4te-d-ivoire/"
        );
        assert_eq!(
            permalink("https://x.org/", "my news/"),
            "https://x.org/my%20news/"
        );
    }
}
