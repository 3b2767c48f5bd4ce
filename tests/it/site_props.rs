//! Properties that hold for every input: no `path`, alias or generated file can escape the output
//! folder, slugs are single URL segments, and permalinks are plain ASCII URLs.

use proptest::prelude::*;
use safestat::content::slug::{normalise_file_path, normalise_path, permalink, slugify};

fn stays_inside(normal: &str) -> bool {
    !normal.starts_with('/')
        && !normal.contains('\\')
        && !normal.contains(':')
        && normal.split('/').all(|s| s != ".." && s != ".")
}

proptest! {
    #[test]
    fn normalised_paths_never_escape(path in "[a-z./\\\\:~%-]{0,24}") {
        if let Ok(normal) = normalise_path(&path, "path") {
            prop_assert!(stays_inside(&normal), "{path:?} -> {normal:?}");
            prop_assert!(normal.ends_with('/') || normal.ends_with(".html") || normal.ends_with(".htm"));
        }
        if let Ok(normal) = normalise_file_path(&path, "file") {
            prop_assert!(stays_inside(&normal), "{path:?} -> {normal:?}");
        }
    }

    #[test]
    fn slugs_are_one_segment_of_letters_digits_and_dashes(text in "\\PC{0,40}") {
        let slug = slugify(&text);
        prop_assert!(slug.chars().all(|c| c == '-' || c.is_alphanumeric()), "{slug:?}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    }

    #[test]
    fn permalinks_are_ascii_without_spaces(text in "\\PC{0,40}") {
        let url = permalink("https://example.org/", &format!("{}/", slugify(&text)));
        prop_assert!(url.is_ascii() && !url.contains(' '), "{url}");
    }
}
