//! The languages of a site, resolved once from `config.toml`: the default language first, then
//! each `[languages.<code>]` in code order, with its name in itself, its writing direction, its
//! URL prefix and its settings (a value it does not set is the default language's).
//!
//! Never does: read files or decide what a page says.

use crate::config::{Config, MenuItem};

/// One language the site is published in.
#[derive(Debug, Clone)]
pub struct Language {
    /// The BCP 47 code (`ar`, `fr`, `pt-BR`).
    pub code: String,
    /// Whether it is `default_language` (published at the site's root, not under `/<code>/`).
    pub is_default: bool,
    /// The language's name in itself (`العربية`), for the language switcher.
    pub name: String,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// URL path of the language's root relative to `base_url`: `""` or `ar/`.
    pub prefix: String,
    pub title: String,
    pub description: String,
    pub menu: Vec<MenuItem>,
    /// Whether the language has Atom feeds.
    pub feed: bool,
}

impl Language {
    /// The language's root URL: `base_url` (ending with `/`) plus its prefix.
    pub fn base_url(&self, base_url: &str) -> String {
        format!("{base_url}{}", self.prefix)
    }
}

/// Every language of the site, the default language first.
pub fn languages(config: &Config) -> Vec<Language> {
    let default = Language {
        code: config.default_language.clone(),
        is_default: true,
        name: endonym(&config.default_language),
        dir: text_direction(&config.default_language),
        prefix: String::new(),
        title: config.title.clone(),
        description: config.description.clone(),
        menu: config.menu.clone(),
        feed: true,
    };
    let others = config.languages.iter().map(|(code, l)| Language {
        code: code.clone(),
        is_default: false,
        name: l.name.clone().unwrap_or_else(|| endonym(code)),
        dir: text_direction(code),
        prefix: format!("{code}/"),
        title: config.title_in(code).to_string(),
        description: l
            .description
            .clone()
            .unwrap_or_else(|| config.description.clone()),
        menu: l.menu.clone().unwrap_or_else(|| config.menu.clone()),
        feed: l.feed,
    });
    std::iter::once(default).chain(others).collect()
}

/// A language's name in itself, as CLDR writes it (capitalised as at the start of a list item),
/// for the languages an office is likely to publish in; the code itself for others (set
/// `name` in `[languages.<code>]` then).
pub fn endonym(code: &str) -> String {
    let primary = code.split('-').next().unwrap_or(code);
    let name = match primary {
        "en" => "English",
        "ar" => "العربية",
        "fr" => "Français",
        "es" => "Español",
        "pt" => "Português",
        "ru" => "Русский",
        "zh" => "中文",
        "de" => "Deutsch",
        "it" => "Italiano",
        "tr" => "Türkçe",
        "fa" => "فارسی",
        "ur" => "اردو",
        "he" => "עברית",
        "uk" => "Українська",
        "am" => "አማርኛ",
        "sw" => "Kiswahili",
        "ha" => "Hausa",
        "hi" => "हिन्दी",
        "bn" => "বাংলা",
        "id" => "Indonesia",
        "th" => "ไทย",
        "vi" => "Tiếng Việt",
        "ne" => "नेपाली",
        "ti" => "ትግርኛ",
        "so" => "Soomaali",
        _ => code,
    };
    name.to_string()
}

/// `rtl` for languages written right to left (Arabic, Hebrew, Persian, Urdu, …), else `ltr`.
pub fn text_direction(language: &str) -> &'static str {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" => "rtl",
        _ => "ltr",
    }
}

/// Splits a content file's language off its name: `news/a.ar.md` → (`news/a.md`, `Some("ar")`)
/// when `ar` is one of `codes`; `news/a.md` → (`news/a.md`, `None`). A suffix that looks like a
/// language code but is not one of the site's is `Err(code)` (as in Zola: an undeclared
/// language is a mistake, not part of the page's name).
pub fn split_language<'a>(
    relative: &str,
    codes: &[&'a str],
) -> Result<(String, Option<&'a str>), String> {
    let Some(stem) = relative.strip_suffix(".md") else {
        return Ok((relative.to_string(), None));
    };
    let name_start = stem.rfind('/').map_or(0, |i| i + 1);
    let Some(dot) = stem[name_start..].rfind('.').map(|i| name_start + i) else {
        return Ok((relative.to_string(), None));
    };
    let suffix = &stem[dot + 1..];
    if let Some(code) = codes.iter().find(|c| **c == suffix) {
        return Ok((format!("{}.md", &stem[..dot]), Some(code)));
    }
    if crate::config::is_language_code(suffix) {
        return Err(suffix.to_string());
    }
    Ok((relative.to_string(), None))
}

/// The content path of `key` (a default-language path, `news/a.md`) in language `code`:
/// `news/a.ar.md`, or `key` itself for the default language.
pub fn language_file(key: &str, language: &Language) -> String {
    if language.is_default {
        key.to_string()
    } else {
        format!("{}.{}.md", key.trim_end_matches(".md"), language.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_known_codes_only() {
        let codes = ["ar", "fr"];
        assert_eq!(
            split_language("news/a.ar.md", &codes),
            Ok(("news/a.md".to_string(), Some("ar")))
        );
        assert_eq!(
            split_language("_index.fr.md", &codes),
            Ok(("_index.md".to_string(), Some("fr")))
        );
        assert_eq!(
            split_language("news/v1.2.md", &codes),
            Ok(("news/v1.2.md".to_string(), None))
        );
        assert_eq!(
            split_language("news/b/index.es.md", &codes),
            Err("es".to_string())
        );
        assert_eq!(
            split_language("news/report.es.md", &codes),
            Err("es".to_string())
        );
    }

    #[test]
    fn names_and_directions() {
        assert_eq!(endonym("ar"), "العربية");
        assert_eq!(endonym("fr-CA"), "Français");
        assert_eq!(text_direction("ar-LB"), "rtl");
        assert_eq!(text_direction("fr"), "ltr");
    }
}
