//! HTML table fragments, number formatting for prose and the methodology text.

use safestat::publish::{format_percent, methodology_markdown, table_element_id, table_html};

use crate::publish_fixtures::*;

#[test]
fn publish_html_table_snapshot_two_dimensions() {
    let html = table_html(
        &by_sex_and_exploitation(),
        &config().privacy,
        "table-victims-by-sex-and-exploitation",
        &en(),
    );
    insta::assert_snapshot!(html);
}

#[test]
fn publish_html_table_one_dimension_rows_and_total() {
    let html = table_html(&by_country(), &config().privacy, "t1", &en());
    assert!(html.starts_with("<table id=\"t1\" class=\"stat-table\">\n<caption>Victims by country of citizenship</caption>"));
    assert_eq!(
        html.matches("<th scope=\"row\"").count(),
        6,
        "5 categories + Total"
    );
    assert!(html.contains("<td class=\"num\" style=\"text-align:right\">12,345</td>"));
    assert!(html.contains(
        "<tr class=\"total\"><th scope=\"row\" class=\"total\"><strong>Total</strong></th><td class=\"num total\" style=\"text-align:right\"><strong>13,890</strong></td></tr>"
    ));
    assert_eq!(
        html.matches("<td class=\"num suppressed\" style=\"text-align:right\">not published</td>")
            .count(),
        2
    );
}

#[test]
fn publish_html_table_long_format_for_three_dimensions() {
    let table = three_dims();
    let html = table_html(&table, &config().privacy, "t3", &en());
    assert_eq!(html.matches("<tr").count(), 1 + table.cells.len());
    assert_eq!(html.matches("<th scope=\"col\"").count(), 4);
    assert_eq!(html.matches(">not published<").count(), 3);
    assert_eq!(html.matches("<tr class=\"total\">").count(), 27 - 8);
}

#[test]
fn publish_html_table_escapes_text() {
    let t = table(
        "esc",
        "Victims <script>alert(1)</script> & co",
        vec![dim(
            "x",
            "X \"quoted\"",
            "category",
            &[("a", "<b>bold</b>")],
        )],
        vec![P(20), P(20)],
    );
    let mut privacy = config().privacy;
    privacy.suppressed_text = "<i>n/p</i>".into();
    let html = table_html(&t, &privacy, "id\"><script>", &en());
    assert!(
        !html.contains("<script>") && !html.contains("<b>") && !html.contains("\"quoted\""),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
}

#[test]
fn publish_percent_only_from_published_cells() {
    let t = by_country();
    let total = t.lookup(&[]).unwrap().value;
    let lebanon = t.lookup(&[("country", "LB")]).unwrap().value;
    let ethiopia = t.lookup(&[("country", "ET")]).unwrap().value;
    assert_eq!(format_percent(lebanon, total, 1, "not published"), "88.9%");
    assert_eq!(
        format_percent(ethiopia, total, 1, "not published"),
        "not published"
    );
}

#[test]
fn publish_methodology_from_the_privacy_settings() {
    let mut privacy = config().privacy;
    privacy.k = 5;
    privacy.other_label = "Elsewhere".into();
    let md = methodology_markdown(
        &all_tables(),
        &[],
        &privacy,
        "https://stats.example.org/data/",
        &en(),
    );
    for needle in [
        "at least **5**",
        "from 1 to 4",
        "“not published”",
        "“Elsewhere”",
        "“Unknown”",
        "as of **31 December 2024**",
        "protected together",
        "**Total**",
        "Victims by country of citizenship** — by Country of citizenship; registration year 2021–2024 (13,890 cases in total; 2 of 6 cells not published).",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    insta::assert_snapshot!(md);
}

#[test]
fn publish_methodology_escapes_names_from_the_data() {
    let hostile = table(
        "x",
        "<img src=x onerror=alert(1)> *really*",
        vec![dim("d", "[link](javascript:x)", "category", &[("a", "A")])],
        vec![P(20), P(20)],
    );
    let md = methodology_markdown(
        &[hostile],
        &[],
        &config().privacy,
        "https://stats.example.org/data/",
        &en(),
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
    assert!(
        !html.contains("<img") && !html.contains("<a ") && !html.contains("<em>really"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt; *really*"),
        "{html}"
    );
}

#[test]
fn publish_table_element_ids_are_safe_and_stable() {
    assert_eq!(
        table_element_id("victims-by-country"),
        "table-victims-by-country"
    );
    assert_eq!(table_element_id("a b\"<c"), "table-a-b--c");
}

#[test]
fn publish_methodology_describes_a_record_release_truthfully() {
    let release = crate::publish_frictionless::records();
    let data_url = "https://stats.example.org/data/";
    let md = methodology_markdown(
        &all_tables(),
        &[release],
        &config().privacy,
        data_url,
        &en(),
    );
    for needle in [
        "### The case records: cases-records.csv",
        "as [cases-records.csv](https://stats.example.org/data/cases-records.csv) (40 records)",
        "every combination of YEAR, GENDER — what someone who knows a victim might know — is shared by at least **3** records",
        "at least **2** different values of EXPLOITATION\\_TYPE (l-diversity)",
        "- YEAR: as recorded\n- GENDER: as recorded\n",
        "EXPLOITATION\\_TYPE is published as recorded.",
        "**A blank means unknown or not released**",
        "Records that no blanking could protect are left out of the file.",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    assert!(!md.contains("never published"));
    // Without a release, nothing is said about records.
    let without = methodology_markdown(&all_tables(), &[], &config().privacy, data_url, &en());
    assert!(!without.contains("case records"));
    insta::assert_snapshot!(
        &md[md.find("### The case records").unwrap()..md.find("### The tables").unwrap()]
    );
}

#[test]
fn publish_html_table_numbers_and_words_follow_the_language() {
    let privacy = config().privacy;
    let english = table_html(&by_country(), &privacy, "t", &en());
    assert!(english.contains(">12,345</td>"), "{english}");
    assert!(english.contains(">Count</th>") && english.contains("<strong>Total</strong>"));
    let french = table_html(&by_country(), &privacy, "t", &locale("fr"));
    assert!(french.contains(">12\u{202F}345</td>"), "{french}");
    assert!(
        french.contains("<strong>13\u{202F}890</strong>"),
        "{french}"
    );
    assert!(french.contains(">Nombre</th>"), "{french}");
    assert!(
        !french.contains("12,345") && !french.contains(">Count<"),
        "{french}"
    );
    let arabic = table_html(&by_sex_and_exploitation(), &privacy, "t", &locale("ar"));
    assert!(arabic.contains("<strong>1,431</strong>"), "{arabic}");
    assert!(arabic.contains("<strong>المجموع</strong>"), "{arabic}");
    assert!(!arabic.contains("Total"), "{arabic}");
    let long = table_html(&three_dims(), &privacy, "t", &locale("ar"));
    assert!(
        long.contains(">العدد</th>") && !long.contains("Total"),
        "{long}"
    );
}

#[test]
fn publish_methodology_in_french_and_arabic() {
    let mut privacy = config().privacy;
    privacy.suppressed_text = "non publié".into();
    let release = crate::publish_frictionless::records();
    let url = "https://stats.example.org/fr/data/";
    let fr = methodology_markdown(&all_tables(), &[release], &privacy, url, &locale("fr"));
    for needle in [
        "## Comment nous protégeons les personnes derrière ces chiffres",
        "### Le seuil : 11",
        "Tout nombre que nous publions vaut 0 ou au moins **11**. Un nombre compris entre 1 et 10 n’est pas publié ; à sa place, nous écrivons « non publié ». Un zéro est publié tel quel",
        "l’intervalle doit couvrir au moins 12 valeurs",
        "une ligne ou une colonne marquée **Total**",
        "Les chiffres décrivent les données au **31 décembre 2024**.",
        "- **Victims by country of citizenship** — par Country of citizenship ; registration year 2021–2024 (13\u{202F}890 cas au total ; 2 cellules sur 6 « non publié »).",
        "### Les dossiers individuels : cases-records.csv",
        "dans le fichier [cases-records.csv](https://stats.example.org/fr/data/cases-records.csv) (40 dossiers)",
        "EXPLOITATION\\_TYPE est publié tel qu’il a été enregistré.",
        "**Une case vide signifie « inconnu ou non publié »**",
    ] {
        assert!(fr.contains(needle), "missing {needle:?} in\n{fr}");
    }
    let ar = methodology_markdown(&all_tables(), &[], &privacy, url, &locale("ar"));
    for needle in [
        "## كيف نحمي الأشخاص الذين تمثّلهم هذه الأرقام",
        "### الحدّ الأدنى: 11",
        "لا يقلّ عن **11**",
        "فالصف أو العمود الذي عنوانه **المجموع**",
        "- **Victims by sex and type of exploitation** — حسب Sex، Type of exploitation؛ ",
        "(مجموع الحالات: 1,431؛ الخلايا «non publié»: 2 من أصل 12).",
    ] {
        assert!(ar.contains(needle), "missing {needle:?} in\n{ar}");
    }
    // No English sentence is left in either.
    for md in [&fr, &ar] {
        for english in [
            "How we",
            "Every ",
            "The figures",
            "cases in total",
            " cells ",
            "The tables",
        ] {
            assert!(!md.contains(english), "{english:?} in\n{md}");
        }
    }
}
