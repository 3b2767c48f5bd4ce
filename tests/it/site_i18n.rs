//! The theme's words, dates and numbers in each language (Fluent files embedded in the theme,
//! overridden by the site's `i18n/<code>.ftl`), and figures quoted in Arabic and French pages.

use crate::site_fixture::Fixture;
use crate::site_statistics::statistics_site;

const RELEASE_AR: &str = r#"+++
title = "الأرقام السنوية"
date = 2025-06-30
[[contacts]]
name = "ريم خوري"
office = "المنظمة الدولية للهجرة في لبنان"
phone = "+961 1 752 250"
email = "rkhoury@example.org"
+++
سجّلنا {{ stat(table="by-year") }} ضحية. الرجال المسجلون في 2023: {{ stat(table="by-year-gender", year="2023", gender="M") }}.

{{ chart(id="by-year-gender") }}
"#;

const RELEASE_FR: &str = r#"+++
title = "Chiffres annuels"
date = 2025-06-30
+++
Les femmes et les filles représentent {{ percent(table="by-year-gender", gender="F") }} des victimes ; hommes en 2023 : {{ stat(table="by-year-gender", year="2023", gender="M") }}.
"#;

/// The statistics fixture in English, Arabic and French, with the release in all three.
fn multilingual() -> Fixture {
    let f = statistics_site();
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &format!("{config}\n[languages.ar]\ntitle = \"موقع الاختبار\"\n\n[languages.fr]\ntitle = \"Site de test\"\n"),
    );
    f.file(
        "content/news/2025-06-30-annual.md",
        "+++\ntitle = \"Annual figures\"\n[[contacts]]\nname = \"Rim Khoury\"\n+++\nWe registered {{ stat(table=\"by-year\") }} victims.\n",
    );
    f.file("content/news/2025-06-30-annual.ar.md", RELEASE_AR);
    f.file("content/news/2025-06-30-annual.fr.md", RELEASE_FR);
    f
}

#[test]
fn an_arabic_release_quoting_figures_builds_with_arabic_words() {
    let f = multilingual();
    f.build().unwrap();
    let ar = f.read("ar/news/annual/index.html");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#), "{ar}");
    assert!(ar.contains("سجّلنا <bdi>297</bdi> ضحية"), "{ar}");
    assert!(
        ar.contains("الرجال المسجلون في 2023: <bdi>غير منشور</bdi>"),
        "{ar}"
    );
    assert!(ar.contains("لمزيد من المعلومات، يُرجى التواصل مع"), "{ar}");
    assert!(!ar.contains("For more information"), "{ar}");
    assert!(ar.contains("الهاتف:"), "{ar}");
    // Phone numbers and addresses read left to right inside the Arabic text.
    assert!(ar.contains(r#"dir="ltr">+961 1 752 250</a>"#), "{ar}");
    assert!(ar.contains(r#"dir="ltr">rkhoury@example.org</a>"#), "{ar}");
    assert!(ar.contains("30 يونيو 2025"), "{ar}");
    assert!(ar.contains("الانتقال إلى المحتوى الرئيسي"), "{ar}");
    // The embedded chart speaks Arabic too: its link, and its legend's suppressed words.
    assert!(ar.contains("الجدول والملاحظات والتنزيلات"), "{ar}");
    assert!(!ar.contains(">not published<"), "{ar}");
    // The English release keeps its words.
    let en = f.read("news/annual/index.html");
    assert!(en.contains("For more information, please contact"), "{en}");
    assert!(en.contains("30 June 2025"), "{en}");
}

#[test]
fn a_french_release_prints_numbers_the_french_way() {
    let f = multilingual();
    f.build().unwrap();
    let fr = f.read("fr/news/annual/index.html");
    assert!(
        fr.contains("représentent 69,0\u{202F}% des victimes"),
        "{fr}"
    );
    assert!(fr.contains("hommes en 2023 : non publié"), "{fr}");
    assert!(fr.contains("30 juin 2025"), "{fr}");
    let en = f.read("news/annual/index.html");
    assert!(en.contains("We registered 297 victims"), "{en}");
}

#[test]
fn statistics_pages_and_the_home_page_exist_in_each_language() {
    let f = multilingual();
    f.build().unwrap();
    let ar = f.read("ar/statistics/by-year-gender/index.html");
    assert!(ar.contains("تنزيل البيانات"), "{ar}");
    assert!(ar.contains("«غير منشور»"), "{ar}");
    let fr = f.read("fr/statistics/by-year-gender/index.html");
    assert!(fr.contains("Télécharger les données"), "{fr}");
    assert!(fr.contains("données au 31 mars 2025"), "{fr}");
    let home = f.read("ar/index.html");
    assert!(home.contains("أرقام رئيسية"), "{home}");
    assert!(f.read("fr/index.html").contains("Chiffres clés"));
    assert!(f.read("index.html").contains("Key figures"));
}

#[test]
fn the_site_overrides_the_themes_words_and_digits() {
    let f = multilingual();
    f.file(
        "i18n/ar.ftl",
        "# IOM Lebanon: Levantine month names\nmonth-6 = حزيران\ncontact-heading = للاستفسار\n",
    );
    f.build().unwrap();
    let ar = f.read("ar/news/annual/index.html");
    assert!(ar.contains("30 حزيران 2025"), "{ar}");
    assert!(ar.contains(">للاستفسار<"), "{ar}");
    assert!(ar.contains("غير منشور"), "{ar}");
    f.file("i18n/ar.ftl", "number-digits = arabic-indic\n");
    f.build().unwrap();
    let ar = f.read("ar/news/annual/index.html");
    assert!(ar.contains("سجّلنا <bdi>٢٩٧</bdi> ضحية"), "{ar}");
    assert!(ar.contains("٣٠ يونيو ٢٠٢٥"), "{ar}");
}

#[test]
fn a_broken_translation_file_fails_naming_its_line_and_column() {
    let f = multilingual();
    f.build().unwrap();
    let before = f.read("fr/index.html");
    f.file("i18n/fr.ftl", "key-figures = Chiffres\n  clés\n-bad\n");
    let err = f.build_err();
    assert!(err.contains("i18n/fr.ftl:3:"), "{err}");
    assert_eq!(
        f.read("fr/index.html"),
        before,
        "a failed build changes nothing"
    );
    f.file("i18n/fr.ftl", "number-digits = roman\n");
    let err = f.build_err();
    assert!(err.contains("number-digits"), "{err}");
}

#[test]
fn templates_translate_with_trans_and_an_unknown_message_is_an_error() {
    let f = multilingual();
    f.file(
        "templates/404.html",
        "{{ trans(key=\"pagination-page\", lang=\"fr\", current=1, total=12) }}|{{ 1234567 | local_number(lang=\"fr\") }}|{{ trans(key=\"not-published\", lang=\"ar\") }}",
    );
    f.build().unwrap();
    assert_eq!(
        f.read("404.html"),
        "Page 1 sur 12|1\u{202F}234\u{202F}567|غير منشور"
    );
    f.file(
        "templates/404.html",
        "{{ trans(key=\"no-such-words\", lang=lang) }}",
    );
    let err = f.build_err();
    assert!(err.contains("no-such-words"), "{err}");
}

/// The fixture with the gender column, its values and one table translated (Arabic fully,
/// French without a label for `M`).
pub(crate) fn translated_labels() -> Fixture {
    let f = multilingual();
    let schema = f.read_source("data/cases.toml");
    let schema = schema
        .replace(
            "label = \"Gender\"\n",
            "label = \"Gender\"\nlabels = { ar = \"الجنس\", fr = \"Sexe\" }\n",
        )
        .replace(
            "F = \"Female\"\nM = \"Male\"",
            "F = { label = \"Female\", labels = { ar = \"أنثى\", fr = \"Femme\" } }\nM = { label = \"Male\", labels = { ar = \"ذكر\" } }",
        );
    f.file("data/cases.toml", &schema);
    let tables = f.read_source("data/tables.toml").replace(
        "title = \"Victims by year and gender\"\n",
        "title = \"Victims by year and gender\"\ntitles = { ar = \"الضحايا حسب السنة والجنس\", fr = \"Victimes par année et sexe\" }\n",
    );
    f.file("data/tables.toml", &tables);
    f
}

#[test]
fn category_labels_are_translated_in_pages_charts_and_downloads() {
    let f = translated_labels();
    f.build().unwrap();
    let ar = f.read("ar/statistics/by-year-gender/index.html");
    assert!(ar.contains("<h1>الضحايا حسب السنة والجنس</h1>"), "{ar}");
    for label in ["أنثى", "ذكر", "الجنس"] {
        assert!(ar.contains(label), "{label} missing in {ar}");
    }
    assert!(!ar.contains(">Female<"), "{ar}");
    // The Arabic downloads carry the Arabic labels, the same codes and the same cells.
    let json: serde_json::Value =
        serde_json::from_str(&f.read("ar/data/by-year-gender.json")).unwrap();
    let english: serde_json::Value =
        serde_json::from_str(&f.read("data/by-year-gender.json")).unwrap();
    assert_eq!(json["title"], "الضحايا حسب السنة والجنس");
    let gender = |doc: &serde_json::Value| -> Vec<(String, String)> {
        let dims = doc["dimensions"].as_array().unwrap();
        let d = dims.iter().find(|d| d["id"] == "gender").unwrap();
        d["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["code"].as_str().unwrap().to_string(),
                    c["label"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        gender(&json),
        vec![
            ("F".to_string(), "أنثى".to_string()),
            ("M".to_string(), "ذكر".to_string())
        ]
    );
    assert_eq!(gender(&english)[0].1, "Female");
    assert_eq!(
        json["cells"], english["cells"],
        "a translation changes no cell"
    );
    let package = f.read("ar/data/datapackage.json");
    assert!(package.contains("أنثى"), "{package}");
    assert!(f.read("ar/data/by-year-gender.csv").contains("F"));
    // The Arabic statistics page links the Arabic downloads.
    assert!(ar.contains("/lebanon/ar/data/by-year-gender.csv"), "{ar}");
}

#[test]
fn a_missing_label_falls_back_to_the_default_language_and_check_warns() {
    let f = translated_labels();
    let warnings = f.check().unwrap();
    let male: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("1 value(s) of column \"gender\" in data/cases.toml (\"M\")"))
        .collect();
    assert_eq!(male.len(), 1, "{warnings:?}");
    assert!(male[0].contains("Français"), "{male:?}");
    f.build().unwrap();
    let fr = f.read("fr/statistics/by-year-gender/index.html");
    assert!(fr.contains("Femme"), "{fr}");
    assert!(fr.contains("Male"), "{fr}");
    assert!(fr.contains("Victimes par année et sexe"), "{fr}");
}

#[test]
fn a_label_in_an_undeclared_language_is_an_error() {
    let f = translated_labels();
    let schema = f
        .read_source("data/cases.toml")
        .replace("fr = \"Sexe\"", "es = \"Sexo\"");
    f.file("data/cases.toml", &schema);
    let err = f.build_err();
    assert!(err.contains("data/cases.toml"), "{err}");
    assert!(err.contains("`es`"), "{err}");
}
