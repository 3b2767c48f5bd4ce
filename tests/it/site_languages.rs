//! Sites in several languages (`[languages.<code>]`, `page.<code>.md`): URLs under `/<code>/`,
//! `<html lang dir>`, hreflang links and the language switcher, the sitemap's alternates, one
//! Atom feed per language, and `safestat check`'s warning about a missing translation.

use crate::site_fixture::{Fixture, BASE};

/// A site in English (default), Arabic and French: a release in all three, one only in English.
pub fn three_languages() -> Fixture {
    let f = Fixture::new();
    f.file(
        "config.toml",
        &format!(
            r#"title = "Test site"
base_url = "{BASE}"
default_language = "en"

[[menu]]
name = "News"
url = "news/"

[languages.ar]
title = "موقع الاختبار"
description = "بيانات صحفية وإحصاءات"

[[languages.ar.menu]]
name = "الأخبار"
url = "news/"

[languages.fr]
title = "Site de test"
"#
        ),
    );
    f.file(
        "content/_index.ar.md",
        "+++\ntitle = \"الرئيسية\"\n+++\nمرحبا.\n",
    );
    f.file(
        "content/_index.fr.md",
        "+++\ntitle = \"Accueil\"\n+++\nBienvenue.\n",
    );
    f.news_section("sort_by = \"date\"");
    f.file(
        "content/news/_index.ar.md",
        "+++\ntitle = \"الأخبار\"\nsort_by = \"date\"\n+++\n",
    );
    f.file(
        "content/news/_index.fr.md",
        "+++\ntitle = \"Actualités\"\nsort_by = \"date\"\n+++\n",
    );
    f.news(
        "training",
        "2024-03-05",
        "[taxonomies]\ntags = [\"Training\"]",
    );
    f.file(
        "content/news/training.ar.md",
        "+++\ntitle = \"تدريب الضباط\"\ndate = 2024-03-05\n[taxonomies]\ntags = [\"تدريب\"]\n+++\nنص البيان. [English](@/news/training.md)\n",
    );
    f.file(
        "content/news/training.fr.md",
        "+++\ntitle = \"Formation des agents\"\ndate = 2024-03-05\n+++\nTexte du communiqué. [Arabe](@/news/training.ar.md)\n",
    );
    f.news("hotline", "2024-04-01", "");
    f
}

#[test]
fn translations_are_published_under_their_language_with_lang_and_dir() {
    let f = three_languages();
    f.build().unwrap();
    let en = f.read("news/training/index.html");
    let ar = f.read("ar/news/training/index.html");
    let fr = f.read("fr/news/training/index.html");
    assert!(en.contains(r#"<html lang="en" dir="ltr">"#), "{en}");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#), "{ar}");
    assert!(fr.contains(r#"<html lang="fr" dir="ltr">"#), "{fr}");
    assert!(ar.contains("تدريب الضباط — موقع الاختبار"), "{ar}");
    assert!(
        fr.contains("<title>Formation des agents — Site de test</title>"),
        "{fr}"
    );
    // Internal links reach the other language's file.
    assert!(
        ar.contains(&format!(r#"href="{BASE}news/training/""#)),
        "{ar}"
    );
    assert!(
        fr.contains(&format!(r#"href="{BASE}ar/news/training/""#)),
        "{fr}"
    );
    // The Arabic menu and its home page; a language's section lists only its own pages.
    assert!(ar.contains(&format!(r#"href="{BASE}ar/news/""#)), "{ar}");
    assert!(ar.contains("الأخبار"), "{ar}");
    let ar_news = f.read("ar/news/index.html");
    assert!(ar_news.contains("تدريب الضباط"), "{ar_news}");
    assert!(!ar_news.contains("hotline"), "{ar_news}");
    assert!(f.read("ar/index.html").contains("مرحبا."));
    // Taxonomies are per language.
    assert!(f.exists("ar/tags/تدريب/index.html") || f.exists("ar/tags/tdryb/index.html"));
    assert!(f.exists("tags/training/index.html"));
    assert!(!f.exists("ar/news/hotline/index.html"));
    // Shared files exist once.
    assert!(!f.exists("ar/sitemap.xml"));
    assert!(!f.exists("ar/style.css"));
}

#[test]
fn every_version_links_its_translations_and_the_switcher_names_each_language_in_itself() {
    let f = three_languages();
    f.build().unwrap();
    for path in [
        "news/training/index.html",
        "ar/news/training/index.html",
        "fr/news/training/index.html",
    ] {
        let html = f.read(path);
        for (lang, url) in [
            ("en", format!("{BASE}news/training/")),
            ("ar", format!("{BASE}ar/news/training/")),
            ("fr", format!("{BASE}fr/news/training/")),
            ("x-default", format!("{BASE}news/training/")),
        ] {
            let link = format!(r#"<link rel="alternate" hreflang="{lang}" href="{url}">"#);
            assert!(html.contains(&link), "{path} lacks {link}:\n{html}");
        }
        for (lang, name) in [("en", "English"), ("ar", "العربية"), ("fr", "Français")] {
            let link = format!(r#"hreflang="{lang}" lang="{lang}""#);
            assert!(html.contains(&link), "{path} lacks {link}");
            assert!(
                html.contains(&format!(">{name}</a>")),
                "{path} lacks {name}"
            );
        }
    }
    let ar = f.read("ar/news/training/index.html");
    assert!(
        ar.contains(&format!(
            r#"<a href="{BASE}ar/news/training/" hreflang="ar" lang="ar" dir="rtl" aria-current="page">العربية</a>"#
        )),
        "{ar}"
    );
    // A page in one language only has no alternates and no switcher.
    let hotline = f.read("news/hotline/index.html");
    assert!(!hotline.contains("hreflang"), "{hotline}");
    assert!(!hotline.contains("language-switcher"), "{hotline}");
    // Home pages are each other's translations.
    assert!(f
        .read("fr/index.html")
        .contains(&format!(r#"hreflang="ar" href="{BASE}ar/""#)));
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let f = three_languages();
    f.build().unwrap();
    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap.contains(r#"xmlns:xhtml="http://www.w3.org/1999/xhtml""#),
        "{sitemap}"
    );
    let entry = |loc: &str| -> String {
        let start = sitemap
            .find(&format!("<loc>{loc}</loc>"))
            .unwrap_or_else(|| panic!("no entry {loc}: {sitemap}"));
        let end = start + sitemap[start..].find("</url>").unwrap();
        sitemap[start..end].to_string()
    };
    for loc in [
        format!("{BASE}news/training/"),
        format!("{BASE}ar/news/training/"),
        format!("{BASE}fr/news/training/"),
    ] {
        let e = entry(&loc);
        for (lang, url) in [
            ("en", format!("{BASE}news/training/")),
            ("ar", format!("{BASE}ar/news/training/")),
            ("fr", format!("{BASE}fr/news/training/")),
            ("x-default", format!("{BASE}news/training/")),
        ] {
            let link = format!(r#"<xhtml:link rel="alternate" hreflang="{lang}" href="{url}"/>"#);
            assert!(e.contains(&link), "{loc} lacks {link}: {e}");
        }
    }
    assert!(!entry(&format!("{BASE}news/hotline/")).contains("xhtml:link"));
}

#[test]
fn each_language_has_its_own_atom_feed() {
    let f = three_languages();
    f.build().unwrap();
    let feed = |path: &str| {
        let xml = f.read(path);
        (
            feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}: {xml}")),
            xml,
        )
    };
    let (en, _) = feed("atom.xml");
    let (ar, ar_xml) = feed("ar/atom.xml");
    let (fr, _) = feed("fr/atom.xml");
    assert_eq!(en.entries.len(), 2);
    assert_eq!(ar.entries.len(), 1);
    assert_eq!(fr.entries.len(), 1);
    assert_eq!(ar.title.unwrap().content, "موقع الاختبار");
    assert!(ar_xml.contains(r#"xml:lang="ar""#), "{ar_xml}");
    assert_eq!(
        ar.entries[0].links[0].href,
        format!("{BASE}ar/news/training/")
    );
    assert_eq!(
        fr.entries[0].title.as_ref().unwrap().content,
        "Formation des agents"
    );
    // Each page announces its own language's feed.
    let ar_page = f.read("ar/news/training/index.html");
    assert!(
        ar_page.contains(&format!(r#"href="{BASE}ar/atom.xml""#)),
        "{ar_page}"
    );
    assert!(f.exists("ar/news/atom.xml"));
}

#[test]
fn a_language_without_feeds_has_none() {
    let f = three_languages();
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &config.replace(
            "title = \"Site de test\"",
            "title = \"Site de test\"\nfeed = false",
        ),
    );
    f.build().unwrap();
    assert!(!f.exists("fr/atom.xml"));
    assert!(!f.exists("fr/news/atom.xml"));
    assert!(f.exists("ar/atom.xml"));
    assert!(!f.read("fr/index.html").contains("atom.xml"));
}

#[test]
fn a_missing_translation_builds_and_check_warns_about_it() {
    let f = three_languages();
    let warnings = f.check().unwrap();
    let hotline: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("content/news/hotline.md"))
        .collect();
    assert_eq!(hotline.len(), 2, "{warnings:?}");
    assert!(
        hotline[0].contains("العربية") && hotline[0].contains("news/hotline.ar.md"),
        "{hotline:?}"
    );
    assert!(
        hotline[1].contains("Français") && hotline[1].contains("news/hotline.fr.md"),
        "{hotline:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("training")),
        "{warnings:?}"
    );
    f.build().unwrap();
    assert!(f.exists("news/hotline/index.html"));
}

#[test]
fn an_undeclared_language_in_a_file_name_is_an_error_naming_the_file() {
    let f = three_languages();
    f.file(
        "content/news/training.es.md",
        "+++\ntitle = \"Formación\"\n+++\n",
    );
    let err = f.build_err();
    assert!(err.contains("content/news/training.es.md"), "{err}");
    assert!(err.contains("[languages.es]"), "{err}");
}

#[test]
fn language_settings_are_checked_with_line_and_column() {
    let f = Fixture::new();
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n[languages.fr]\ntitel = \"x\"\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:3:1"), "{err}");
    assert!(err.contains("titel"), "{err}");
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n[languages.en]\ntitle = \"x\"\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:2:1"), "{err}");
    assert!(err.contains("default language"), "{err}");
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n[languages.French]\ntitle = \"x\"\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:2:1"), "{err}");
    assert!(err.contains("not a language code"), "{err}");
    // A [languages.<code>] header does not hide the place of other values' errors.
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n[languages.fr]\ntitle = \"x\"\n[privacy]\nk = 1\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:5:5"), "{err}");
    f.file(
        "config.toml",
        &format!("base_url = \"{BASE}\"\n[languages.fr]\n[[key_figures]]\nlabel = \"x\"\ntable = \"t\"\nlabels = {{ es = \"y\" }}\n"),
    );
    let err = f.build_err();
    assert!(err.contains("config.toml:6:"), "{err}");
    assert!(err.contains("labels.es"), "{err}");
}

#[test]
fn the_example_site_is_published_in_arabic_and_french() {
    let out = tempfile::tempdir().unwrap();
    let options = safestat::site::BuildOptions {
        root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output_dir: Some(out.path().join("public")),
        ..Default::default()
    };
    let warnings = safestat::site::check(&options).unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("2026-06-30-annual-figures-2025.md has no العربية translation")),
        "{warnings:?}"
    );
    safestat::site::build(&options).unwrap();
    let read = |path: &str| {
        std::fs::read_to_string(out.path().join("public").join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let release = "news/frontline-officers-trained-to-identify-victims/index.html";
    for home in ["ar/index.html", &format!("ar/{release}")] {
        let html = read(home);
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{home}");
        assert!(
            html.contains(">English</a>") && html.contains(">Français</a>"),
            "{home}"
        );
    }
    let ar = read(&format!("ar/{release}"));
    assert!(ar.contains("لمزيد من المعلومات، يُرجى التواصل مع"), "{ar}");
    assert!(
        ar.contains("12 آذار 2026"),
        "Levantine months from i18n/ar.ftl: {ar}"
    );
    assert!(
        ar.contains("المنظمة الدولية للهجرة في العالم"),
        "the site's own words: {ar}"
    );
    let fr = read(&format!("fr/{release}"));
    assert!(fr.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(
        fr.contains("Pour plus d’informations, veuillez contacter"),
        "{fr}"
    );
    assert!(fr.contains("12 mars 2026"), "{fr}");
    let table = read("ar/statistics/victims-by-gender-age/index.html");
    assert!(table.contains("الضحايا حسب الجنس والعمر"), "{table}");
    assert!(
        table.contains("أنثى") && table.contains("48 فأكثر"),
        "{table}"
    );
    let hidden = read("ar/statistics/citizenship-by-year/index.html");
    assert!(
        hidden.matches("غير منشور").count() >= 20,
        "not published, in Arabic"
    );
    assert!(read("fr/statistics/victims-by-year/index.html")
        .contains("Victimes par année d’enregistrement"));
    assert!(read("ar/data/victims-by-gender-age.json").contains("أنثى"));
    assert!(read("fr/index.html").contains("Chiffres clés"));
    assert!(read("ar/index.html").contains("النساء والفتيات من بينهم"));
}
