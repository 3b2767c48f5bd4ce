//! The theme's words in every language of the site, from Fluent translation files
//! (<https://projectfluent.org/>): `en`, `ar` and `fr` are embedded in the binary like the theme
//! (`theme/i18n/<code>.ftl`), and a site overrides any message in `i18n/<code>.ftl` at its root.
//! A language without an embedded file starts from the English one. A message the site adds in
//! the default language's file (a word its own templates use) and leaves out of another
//! language's file is taken from the default language's, and `safestat check` warns, as for a
//! category label without a translation. Numbers and dates are
//! formatted from messages of the same files (`number-digits`, `number-group-separator`,
//! `number-decimal-separator`, `percent`, `date`, `month-1` … `month-12`), so a site changes them
//! the same way. The digits and separators become a [`NumberFormat`] (`publish::format`, the one
//! place that writes a count), and a [`Locale`] is the [`Wording`] that tables, charts, the
//! methodology and the data package are written with.
//!
//! Owns: loading, checking and formatting messages; percentages and dates per language.
//! Never does: decide which words a template shows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{source_text, LocatedError, Position};
use crate::language::Language;
use crate::publish::Wording;
pub use crate::publish::{Digits, NumberFormat};

/// The embedded translation files, by language code.
const EMBEDDED: [(&str, &str); 3] = [
    ("en", include_str!("theme/i18n/en.ftl")),
    ("ar", include_str!("theme/i18n/ar.ftl")),
    ("fr", include_str!("theme/i18n/fr.ftl")),
];

/// The folder of a site's own translation files.
pub const SITE_DIR: &str = "i18n";

/// One language's messages.
pub struct Locale {
    code: String,
    bundle: FluentBundle<FluentResource>,
    pub numbers: NumberFormat,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("code", &self.code)
            .field("numbers", &self.numbers)
            .finish()
    }
}

impl Locale {
    /// The message `key` with `args`, or an error naming the key and the language.
    pub fn message(&self, key: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let pattern = self
            .bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| {
                format!(
                    "trans: no message `{key}` in language {} (the theme's translation files and i18n/{}.ftl)",
                    self.code, self.code
                )
            })?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(e) => Err(format!("trans: message `{key}` ({}): {e}", self.code)),
        }
    }

    /// A message without arguments that every language has (the embedded files are complete).
    pub fn text(&self, key: &str) -> String {
        self.message(key, None).unwrap_or_else(|e| e)
    }

    /// A message with string arguments.
    pub fn text_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.message(key, Some(&arguments(args)))
            .unwrap_or_else(|e| e)
    }

    /// A message with string arguments and the number `$count`, whose plural category
    /// (`[one]`, `[few]`, `*[other]` …) chooses a variant.
    pub fn text_with_count(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        let mut fluent = arguments(args);
        fluent.set("count", FluentValue::from(count));
        self.message(key, Some(&fluent)).unwrap_or_else(|e| e)
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        crate::language::text_direction(&self.code) == "rtl"
    }

    /// A count as this language writes it.
    pub fn count(&self, n: u64) -> String {
        self.numbers.count(n)
    }

    /// A share (0–1) as a percentage with `decimals` decimals: `12.5%`, `12,5 %`.
    pub fn percent(&self, share: f64, decimals: usize) -> String {
        let number = self.numbers.decimal(share * 100.0, decimals);
        self.text_with("percent", &[("number", &number)])
    }

    /// A date (`2024-05-02`, or RFC 3339 starting with one) as this language writes it: `2 May
    /// 2024`, `2 mai 2024`.
    pub fn date(&self, date: &str) -> Result<String, String> {
        let parsed = date
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(|| format!("local_date: `{date}` is not a date (YYYY-MM-DD)"))?;
        use chrono::Datelike;
        let month = self.text(&format!("month-{}", parsed.month()));
        let day = self.numbers.localise_digits(&parsed.day().to_string());
        let year = self.numbers.localise_digits(&parsed.year().to_string());
        Ok(self.text_with("date", &[("day", &day), ("month", &month), ("year", &year)]))
    }
}

fn arguments<'a>(args: &[(&'a str, &'a str)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, FluentValue::from(*value));
    }
    fluent
}

impl Wording for Locale {
    fn words(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.text_with(key, args)
    }

    fn words_for_count(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        self.text_with_count(key, count, args)
    }

    fn numbers(&self) -> &NumberFormat {
        &self.numbers
    }

    fn long_date(&self, date: &str) -> String {
        self.date(date).unwrap_or_else(|_| date.to_string())
    }

    fn is_rtl(&self) -> bool {
        Locale::is_rtl(self)
    }

    fn language(&self) -> &str {
        &self.code
    }
}

/// The messages of every language of a site.
#[derive(Debug)]
pub struct Translations {
    locales: BTreeMap<String, Arc<Locale>>,
    default: String,
    /// The site's messages a language has only in the default language's words.
    pub warnings: Vec<String>,
}

impl Translations {
    /// Loads the embedded files and the site's `i18n/<code>.ftl` for each language; a file that
    /// does not parse is an error naming its line and column.
    pub fn load(root: &Path, languages: &[Language]) -> Result<Translations> {
        let site_file = |code: &str| -> Result<Option<(PathBuf, String)>> {
            let file = root.join(SITE_DIR).join(format!("{code}.ftl"));
            if !file.is_file() {
                return Ok(None);
            }
            let shown = file.strip_prefix(root).unwrap_or(&file);
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            Ok(Some((shown.to_path_buf(), source_text(shown, bytes)?)))
        };
        let default = languages
            .first()
            .map(|l| l.code.clone())
            .unwrap_or_else(|| "en".to_string());
        let default_site = site_file(&default)?;
        let mut locales = BTreeMap::new();
        let mut warnings = Vec::new();
        for language in languages {
            let site = site_file(&language.code)?;
            let site = site.as_ref().map(|(p, t)| (p.as_path(), t.as_str()));
            let fallback = match &default_site {
                Some((path, text)) if language.code != default => {
                    Some((path.as_path(), text.as_str()))
                }
                _ => None,
            };
            let (locale, borrowed) = Locale::with_fallback(&language.code, site, fallback)?;
            warnings.extend(borrowed.into_iter().map(|key| {
                format!(
                    "{SITE_DIR}/{code}.ftl: no message `{key}`; pages in {code} show the default \
                     language's ({SITE_DIR}/{default}.ftl)",
                    code = language.code
                )
            }));
            locales.insert(language.code.clone(), Arc::new(locale));
        }
        Ok(Translations {
            locales,
            default,
            warnings,
        })
    }

    /// The locale of `code`; the default language's for a code the site does not have.
    pub fn get(&self, code: &str) -> &Locale {
        self.get_shared(code).as_ref()
    }

    /// Like [`Translations::get`], shared.
    pub fn get_shared(&self, code: &str) -> &Arc<Locale> {
        self.locales
            .get(code)
            .or_else(|| self.locales.get(&self.default))
            .expect("the default language is loaded")
    }
}

impl Locale {
    /// The embedded file of `code` (English when there is none), then `site` (path, text) over it.
    pub fn new(code: &str, site: Option<(&Path, &str)>) -> Result<Locale> {
        Ok(Self::with_fallback(code, site, None)?.0)
    }

    /// Like [`Locale::new`], and the messages of `fallback` (the default language's site file)
    /// that neither the embedded file nor `site` has; returns them too, sorted, for a warning.
    pub fn with_fallback(
        code: &str,
        site: Option<(&Path, &str)>,
        fallback: Option<(&Path, &str)>,
    ) -> Result<(Locale, Vec<String>)> {
        let primary = code.split('-').next().unwrap_or(code);
        let embedded = EMBEDDED
            .iter()
            .find(|(c, _)| *c == primary)
            .unwrap_or(&EMBEDDED[0])
            .1;
        let id: LanguageIdentifier = code
            .parse()
            .or_else(|_| primary.parse())
            .with_context(|| format!("language code {code:?}"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks would land inside attributes and URLs; the theme isolates figures
        // itself where the direction may differ (<bdi>).
        bundle.set_use_isolating(false);
        let theme = parse(Path::new("theme i18n"), &format!("{code}.ftl"), embedded)?;
        bundle
            .add_resource(theme)
            .map_err(|e| anyhow::anyhow!("the embedded {code}.ftl: {e:?}"))?;
        if let Some((path, text)) = site {
            bundle.add_resource_overriding(parse(path, "", text)?);
        }
        let mut borrowed = Vec::new();
        if let Some((path, text)) = fallback {
            let resource = parse(path, "", text)?;
            borrowed = message_ids(&resource)
                .filter(|id| !bundle.has_message(id))
                .map(str::to_string)
                .collect();
            borrowed.sort();
            borrowed.dedup();
            // Adds only what is missing: the duplicates `add_resource` refuses (and reports,
            // ignored here) are the language's own messages, which stay.
            let _ = bundle.add_resource(resource);
        }
        let mut locale = Locale {
            code: code.to_string(),
            bundle,
            numbers: NumberFormat::default(),
        };
        let digits = match locale.text("number-digits").as_str() {
            "latin" => Digits::Latin,
            "arabic-indic" => Digits::ArabicIndic,
            other => anyhow::bail!(
                "i18n/{code}.ftl: number-digits = {other:?} must be \"latin\" or \"arabic-indic\""
            ),
        };
        locale.numbers = NumberFormat {
            digits,
            group: locale.text("number-group-separator"),
            decimal: locale.text("number-decimal-separator"),
        };
        Ok((locale, borrowed))
    }
}

/// The ids of the messages (not terms) of a Fluent file.
fn message_ids(resource: &FluentResource) -> impl Iterator<Item = &str> {
    resource.entries().filter_map(|entry| match entry {
        fluent_syntax::ast::Entry::Message(message) => Some(message.id.name),
        _ => None,
    })
}

/// Parses a Fluent file; the first error names its line and column.
fn parse(path: &Path, name: &str, text: &str) -> Result<FluentResource> {
    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        let first = &errors[0];
        let shown = if name.is_empty() {
            path.to_path_buf()
        } else {
            path.join(name)
        };
        anyhow::Error::new(LocatedError::new(
            &shown,
            Some(Position::of_offset(text, first.pos.start)),
            format!("not a Fluent message here: {}", first.kind),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(text: &str) -> BTreeSet<String> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.to_string()))
            .collect()
    }

    #[test]
    fn every_embedded_file_has_every_message() {
        let english = ids(EMBEDDED[0].1);
        for (code, text) in EMBEDDED {
            assert_eq!(ids(text), english, "{code}.ftl");
            Locale::new(code, None).unwrap();
        }
    }

    #[test]
    fn numbers_and_dates_per_language() {
        let en = Locale::new("en", None).unwrap();
        let fr = Locale::new("fr", None).unwrap();
        let ar = Locale::new("ar", None).unwrap();
        assert_eq!(en.count(1234567), "1,234,567");
        assert_eq!(fr.count(1234567), "1\u{202F}234\u{202F}567");
        assert_eq!(ar.count(1234), "1,234");
        assert_eq!(en.percent(0.125, 1), "12.5%");
        assert_eq!(fr.percent(0.125, 1), "12,5\u{202F}%");
        assert_eq!(en.date("2024-05-02").unwrap(), "2 May 2024");
        assert_eq!(fr.date("2024-05-02T10:00:00Z").unwrap(), "2 mai 2024");
        assert_eq!(ar.date("2024-05-02").unwrap(), "2 مايو 2024");
        assert!(en.date("May 2").is_err());
    }

    #[test]
    fn a_site_file_overrides_messages_and_digits() {
        let ar = Locale::new(
            "ar",
            Some((
                Path::new("i18n/ar.ftl"),
                "number-digits = arabic-indic\nnumber-group-separator = ٬\nmonth-5 = أيار\n",
            )),
        )
        .unwrap();
        assert_eq!(ar.count(1234), "١٬٢٣٤");
        assert_eq!(ar.date("2024-05-02").unwrap(), "٢ أيار ٢٠٢٤");
        assert_eq!(ar.text("not-published"), "غير منشور");
        let err = Locale::new("fr", Some((Path::new("i18n/fr.ftl"), "ok = a\n= b\n")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("i18n/fr.ftl:2:1"), "{err}");
        let es = Locale::new("es", None).unwrap();
        assert_eq!(es.text("key-figures"), "Key figures");
    }
}
