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

/// `file:line:column` of the first `needle` in `text` (column in characters, from 1).
fn located(file: &str, text: &str, needle: &str) -> String {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {text}"));
    let column = line[..line.find(needle).unwrap()].chars().count() + 1;
    format!("{file}:{}:{column}", n + 1)
}

#[test]
fn a_label_in_an_undeclared_language_is_an_error_naming_line_and_column() {
    // A column's label, a value's label and a table's title or description, each in Spanish,
    // which the site does not declare.
    let cases = [
        (
            "data/cases.toml",
            "fr = \"Sexe\"",
            "es = \"Sexo\"",
            "column \"gender\"",
        ),
        (
            "data/cases.toml",
            "fr = \"Femme\"",
            "es = \"Mujer\"",
            "column \"gender\", value \"F\"",
        ),
        (
            "data/tables.toml",
            "fr = \"Victimes par année et sexe\"",
            "es = \"Víctimas por año y sexo\"",
            "table \"by-year-gender\" titles",
        ),
    ];
    for (file, from, to, place) in cases {
        let f = translated_labels();
        let text = f.read_source(file).replace(from, to);
        f.file(file, &text);
        for err in [f.build_err(), format!("{:#}", f.check().unwrap_err())] {
            let at = located(file, &text, to);
            assert!(
                err.contains(&format!("{at}: {place}: a label in language `es`")),
                "{at} in {err}"
            );
        }
        assert!(!f.out().exists(), "nothing is published");
    }
}

#[test]
fn tables_and_charts_write_numbers_and_read_in_the_pages_language() {
    let f = multilingual();
    // 900 more women in 2022 (1,197 cases), so that counts have thousands.
    let mut csv = f.read_source("data/cases.csv");
    for i in 0..900 {
        csv.push_str(&format!("SR-8{i:04},2022,F,LB\n"));
    }
    f.file("data/cases.csv", &csv);
    f.build().unwrap();
    let fr = f.read("fr/statistics/by-year/index.html");
    assert!(
        fr.contains(">1\u{202F}197</strong>"),
        "the total in the French table: {fr}"
    );
    assert!(
        fr.contains(">1\u{202F}000</text>"),
        "a tick of the French chart: {fr}"
    );
    assert!(!fr.contains("1,197") && !fr.contains(">1,000<"), "{fr}");
    assert!(
        fr.contains("Graphique à barres") || fr.contains("Graphique linéaire"),
        "{fr}"
    );
    let en = f.read("statistics/by-year/index.html");
    assert!(en.contains(">1,197</strong>"), "{en}");
    let ar = f.read("ar/statistics/by-year-gender/index.html");
    assert!(
        ar.contains(" direction=\"rtl\">"),
        "the Arabic chart reads right to left: {ar}"
    );
    assert!(ar.contains("<strong>المجموع</strong>"), "{ar}");
    assert!(!en.contains("direction=\"rtl\""));
    // The downloads keep plain numbers in every language.
    for csv in [
        "data/by-year.csv",
        "fr/data/by-year.csv",
        "ar/data/by-year.csv",
    ] {
        let text = f.read(csv);
        assert!(text.contains(",1197,"), "{csv}: {text}");
        assert!(!text.contains('\u{202F}'), "{csv}: {text}");
    }
    let json = f.read("fr/data/by-year.json");
    assert!(
        json.contains("1197") && !json.contains('\u{202F}'),
        "{json}"
    );
}

#[test]
fn the_methodology_page_is_written_in_each_language() {
    let f = multilingual();
    f.file(
        "content/methodology.fr.md",
        "+++\ntitle = \"Méthodologie\"\ntemplate = \"methodology.html\"\n+++\nComment nous comptons.\n",
    );
    f.file(
        "content/methodology.ar.md",
        "+++\ntitle = \"المنهجية\"\ntemplate = \"methodology.html\"\n+++\nكيف نعدّ.\n",
    );
    f.build().unwrap();
    let fr = f.read("fr/methodology/index.html");
    for needle in [
        "<h2>Comment nous protégeons les personnes derrière ces chiffres</h2>",
        "nous écrivons « non publié »",
        "Les chiffres décrivent les données au <strong>31 mars 2025</strong>.",
        "(297 cas au total ;",
    ] {
        assert!(fr.contains(needle), "{needle} in {fr}");
    }
    let ar = f.read("ar/methodology/index.html");
    for needle in [
        "<h2>كيف نحمي الأشخاص الذين تمثّلهم هذه الأرقام</h2>",
        "نكتب مكانه «غير منشور»",
        "(مجموع الحالات: 297؛",
    ] {
        assert!(ar.contains(needle), "{needle} in {ar}");
    }
    for page in [&fr, &ar] {
        assert!(!page.contains("How we protect"), "{page}");
        assert!(!page.contains("cases in total"), "{page}");
    }
    let en = f.read("methodology/index.html");
    assert!(en.contains("<h2>How we protect the people behind these numbers</h2>"));
    assert!(en.contains("as of <strong>31 March 2025</strong>"), "{en}");
}

#[test]
fn each_languages_data_package_is_described_in_that_language_and_validates() {
    let f = translated_labels();
    f.build().unwrap();
    let package =
        |path: &str| -> serde_json::Value { serde_json::from_str(&f.read(path)).unwrap() };
    let (en, fr, ar) = (
        package("data/datapackage.json"),
        package("fr/data/datapackage.json"),
        package("ar/data/datapackage.json"),
    );
    assert_eq!(en["languages"], serde_json::json!(["en"]));
    assert_eq!(fr["languages"], serde_json::json!(["fr"]));
    assert_eq!(ar["languages"], serde_json::json!(["ar"]));
    assert_eq!(en["title"], "Test site");
    assert_eq!(fr["title"], "Site de test");
    assert_eq!(ar["title"], "موقع الاختبار");
    let description = |p: &serde_json::Value| p["description"].as_str().unwrap().to_string();
    assert!(
        description(&en).starts_with("Counts of cases, protected"),
        "{en}"
    );
    assert!(
        description(&fr).starts_with("Nombres de cas, protégés"),
        "{fr}"
    );
    assert!(
        description(&fr).contains("« non publié »") || description(&fr).contains("`suppressed`")
    );
    assert!(description(&ar).starts_with("أعداد حالات محمية"), "{ar}");
    // Each table's resource: its title, its description and its fields' titles in the language.
    let resource = |p: &serde_json::Value, name: &str| -> serde_json::Value {
        p["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    let table = resource(&fr, "by-year-gender");
    assert_eq!(table["title"], "Victimes par année et sexe");
    assert!(
        table["description"]
            .as_str()
            .unwrap()
            .contains("Une ligne par cellule, totaux compris"),
        "{table}"
    );
    let fields = table["schema"]["fields"].as_array().unwrap();
    let titles: Vec<&str> = fields
        .iter()
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Sexe") && titles.contains(&"Sexe (libellé)"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Nombre") && titles.contains(&"Indicateur"),
        "{titles:?}"
    );
    let spreadsheet = resource(&ar, "by-year-gender-xlsx");
    assert_eq!(
        spreadsheet["title"],
        "الضحايا حسب السنة والجنس (جدول بيانات)"
    );
    // Machine-readable parts stay as they are: names, codes, the flag.
    assert_eq!(
        resource(&ar, "by-year-gender")["schema"]["fields"]
            .as_array()
            .unwrap()
            .len(),
        fields.len()
    );
    assert!(!f
        .read("fr/data/datapackage.json")
        .contains("One row per cell"));
    for path in [
        "data/datapackage.json",
        "fr/data/datapackage.json",
        "ar/data/datapackage.json",
    ] {
        let output = crate::publish_frictionless::frictionless_validate(&f.out().join(path));
        assert!(
            output.status.success(),
            "{path}: {}",
            crate::publish_frictionless::report(&output)
        );
    }
}

#[test]
fn each_languages_spreadsheets_name_their_sheets_and_notes_in_that_language() {
    let f = translated_labels();
    // A site's own message overrides the theme's, for the spreadsheets as for the pages.
    f.file("i18n/ar.ftl", "xlsx-sheet-notes = ملاحظات المنهجية\n");
    f.build().unwrap();
    let sheets = |path: &str| -> Vec<(String, crate::xlsx_support::Cells)> {
        crate::xlsx_support::xlsx_sheets(&std::fs::read(f.out().join(path)).unwrap())
    };
    let names = |path: &str| -> Vec<String> { sheets(path).into_iter().map(|(n, _)| n).collect() };
    assert_eq!(names("data/by-year-gender.xlsx"), ["Table", "Notes"]);
    assert_eq!(names("fr/data/by-year-gender.xlsx"), ["Tableau", "Notes"]);
    assert_eq!(
        names("ar/data/by-year-gender.xlsx"),
        ["الجدول", "ملاحظات المنهجية"]
    );
    let headings = |path: &str| -> Vec<String> {
        let (_, notes) = sheets(path).pop().unwrap();
        notes
            .iter()
            .filter(|((_, c), _)| *c == 0)
            .map(|(_, v)| match v {
                crate::xlsx_support::XlsxCell::Text(t) => t.clone(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let ar = headings("ar/data/by-year-gender.xlsx");
    assert_eq!(ar.first().map(String::as_str), Some("الجدول"), "{ar:?}");
    assert!(ar.iter().any(|h| h == "الحدّ الأدنى (k)"), "{ar:?}");
    assert!(
        !ar.iter().any(|h| h.is_ascii()),
        "an English heading: {ar:?}"
    );
    let fr = headings("fr/data/by-year-gender.xlsx");
    assert!(fr.iter().any(|h| h == "Seuil (k)"), "{fr:?}");
    // The data package names the sheets as the spreadsheet does.
    let package = f.read("ar/data/datapackage.json");
    assert!(package.contains("«ملاحظات المنهجية»"), "{package}");
}

#[test]
fn every_languages_data_package_has_the_default_languages_name() {
    let f = translated_labels();
    f.build().unwrap();
    let name = |path: &str| -> String {
        let package: serde_json::Value = serde_json::from_str(&f.read(path)).unwrap();
        package["name"].as_str().unwrap().to_string()
    };
    // The Arabic title does not slug to ASCII: the package is still the same package.
    assert_eq!(name("data/datapackage.json"), "test-site");
    assert_eq!(name("ar/data/datapackage.json"), "test-site");
    assert_eq!(name("fr/data/datapackage.json"), "test-site");
    let title = |path: &str| -> String {
        let package: serde_json::Value = serde_json::from_str(&f.read(path)).unwrap();
        package["title"].as_str().unwrap().to_string()
    };
    assert_eq!(title("ar/data/datapackage.json"), "موقع الاختبار");
}

/// The translated fixture with the year column's label translated, a table filtered by a range of
/// years and one filtered by a list of genders.
fn filtered_tables() -> Fixture {
    let f = translated_labels();
    let schema = f.read_source("data/cases.toml").replace(
        "label = \"Year of registration\"\n",
        "label = \"Year of registration\"\nlabels = { ar = \"سنة التسجيل\", fr = \"Année d’enregistrement\" }\n",
    );
    f.file("data/cases.toml", &schema);
    let tables = f.read_source("data/tables.toml");
    f.file(
        "data/tables.toml",
        &format!(
            "{tables}\n[[table]]\nid = \"gender-early\"\ntitle = \"Victims by gender, early years\"\n\
             dimensions = [\"gender\"]\nfilter = {{ year = {{ from = 2022, to = 2023 }} }}\n\n\
             [[table]]\nid = \"women-by-year\"\ntitle = \"Women by year\"\n\
             dimensions = [\"year\"]\nfilter = {{ gender = [\"F\"] }}\n"
        ),
    );
    f
}

#[test]
fn what_a_table_covers_and_its_period_are_written_in_the_pages_language() {
    let f = filtered_tables();
    // Arabic-Indic digits with a group separator: years take the digits, never the separator.
    f.file(
        "i18n/ar.ftl",
        "number-digits = arabic-indic\nnumber-group-separator = ٬\n",
    );
    f.build().unwrap();
    let page = |path: &str| f.read(&format!("{path}statistics/gender-early/index.html"));
    assert!(
        page("").contains("<dd>Year of registration 2022–2023</dd>"),
        "{}",
        page("")
    );
    assert!(
        page("fr/").contains("<dd>Année d’enregistrement 2022–2023</dd>"),
        "{}",
        page("fr/")
    );
    let ar = page("ar/");
    assert!(ar.contains("<dd>سنة التسجيل ٢٠٢٢–٢٠٢٣</dd>"), "{ar}");
    assert!(!ar.contains("Year of registration"), "{ar}");
    assert!(!ar.contains('٬'), "a year is not grouped: {ar}");
    // A list of categories: the column's and the categories' labels in the language.
    let women = |path: &str| f.read(&format!("{path}statistics/women-by-year/index.html"));
    assert!(
        women("").contains("<dd>Gender: Female</dd>"),
        "{}",
        women("")
    );
    assert!(
        women("fr/").contains("<dd>Sexe : Femme</dd>"),
        "{}",
        women("fr/")
    );
    assert!(
        women("ar/").contains("<dd>الجنس: أنثى</dd>"),
        "{}",
        women("ar/")
    );
    // The period of an unfiltered table, under the language's heading.
    let by_year = |path: &str| f.read(&format!("{path}statistics/by-year/index.html"));
    assert!(by_year("").contains("<dt>Period</dt>"), "{}", by_year(""));
    assert!(
        by_year("fr/").contains("<dt>Période</dt>"),
        "{}",
        by_year("fr/")
    );
    let ar = by_year("ar/");
    assert!(ar.contains("<dt>الفترة</dt>"), "{ar}");
    assert!(!ar.contains(">Period<"), "{ar}");
    // The scrolling table's name for assistive technology, in the language too.
    assert!(!ar.contains(", table\""), "{ar}");
    assert!(ar.contains("، جدول\""), "{ar}");
    assert!(by_year("fr/").contains(", tableau\""), "{}", by_year("fr/"));
    // The downloads say the same.
    let xlsx = std::fs::read(f.out().join("ar/data/gender-early.xlsx")).unwrap();
    let text = crate::xlsx_support::xlsx_text(&xlsx);
    assert!(text.contains("النطاق: سنة التسجيل ٢٠٢٢–٢٠٢٣"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&f.read("fr/data/gender-early.json")).unwrap();
    assert_eq!(json["filter"], "Année d’enregistrement 2022–2023");
    let package = f.read("ar/data/datapackage.json");
    assert!(package.contains("سنة التسجيل ٢٠٢٢–٢٠٢٣"), "{package}");
}

/// A message the site adds in the default language's file and leaves out of another
/// language's is shown in the default language's words there, and `safestat check` says so; a
/// message the other language has (the theme's own) keeps its words even where the default
/// language's file overrides it.
#[test]
fn a_sites_message_missing_in_a_language_falls_back_to_the_default_languages_and_check_warns() {
    let f = crate::site_languages::three_languages();
    f.file(
        "i18n/en.ftl",
        "office-motto = Protection first\nnot-published = withheld\n",
    );
    f.file("i18n/ar.ftl", "office-motto = الحماية أولًا\n");
    f.file(
        "templates/motto.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"motto\">{{ trans(key=\"office-motto\", lang=lang) }} · {{ trans(key=\"not-published\", lang=lang) }}</p>{% endblock content %}",
    );
    f.file(
        "content/about.md",
        "+++\ntitle = \"About\"\ntemplate = \"motto.html\"\n+++\n",
    );
    f.file(
        "content/about.fr.md",
        "+++\ntitle = \"À propos\"\ntemplate = \"motto.html\"\n+++\n",
    );
    f.file(
        "content/about.ar.md",
        "+++\ntitle = \"من نحن\"\ntemplate = \"motto.html\"\n+++\n",
    );
    f.build().unwrap();
    let motto = |path: &str| {
        let html = f.read(path);
        let start = html
            .find("<p class=\"motto\">")
            .unwrap_or_else(|| panic!("{html}"));
        let end = start + html[start..].find("</p>").unwrap();
        html[start + "<p class=\"motto\">".len()..end].to_string()
    };
    assert_eq!(motto("about/index.html"), "Protection first · withheld");
    assert_eq!(motto("ar/about/index.html"), "الحماية أولًا · غير منشور");
    assert_eq!(
        motto("fr/about/index.html"),
        "Protection first · non publié"
    );
    let warnings = f.check().unwrap();
    let about_motto: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("office-motto"))
        .collect();
    assert_eq!(about_motto.len(), 1, "{warnings:?}");
    assert!(about_motto[0].contains("i18n/fr.ftl"), "{warnings:?}");
    assert!(about_motto[0].contains("i18n/en.ftl"), "{warnings:?}");
    assert!(
        !warnings.iter().any(|w| w.contains("`not-published`")),
        "{warnings:?}"
    );
}
