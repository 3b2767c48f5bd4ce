//! Ordinary text in any script never crashes a build: French and Arabic prose beside shortcodes,
//! and bytes that are not text (NUL, invalid UTF-8) are errors naming file, line and column.

use crate::site_fixture::Fixture;
use crate::site_statistics::statistics_site;

#[test]
fn french_and_arabic_prose_beside_shortcodes_builds() {
    let f = statistics_site();
    f.file(
        "content/news/beyrouth.md",
        "+++\ntitle = \"Beyrouth\"\ndate = 2025-07-01\n+++\n\
         Nous avons enregistré {{ stat(table=\"by-year\") }} victimes.\n\n\
         Beyrouth — café.\n\n\
         سجّلنا {{ stat(table=\"by-year\", year=\"2024\") }} ضحية في بيروت — «{{ ليس }}».\n\n\
         Une accolade seule : {{ é\n",
    );
    f.build().unwrap();
    let page = f.read("news/beyrouth/index.html");
    assert!(
        page.contains("Nous avons enregistré 297 victimes."),
        "{page}"
    );
    assert!(page.contains("سجّلنا 105 ضحية في بيروت"), "{page}");
    assert!(page.contains("Beyrouth — café."), "{page}");
}

#[test]
fn a_wrong_call_on_an_arabic_line_is_located_in_characters() {
    let f = statistics_site();
    f.file(
        "content/news/ar.md",
        "+++\ntitle = \"ar\"\ndate = 2025-07-01\n+++\nبيروت — {{ stat(table=\"لا\") }}\n",
    );
    let err = f.build_err();
    assert!(err.contains("content/news/ar.md:5:9:"), "{err}");
}

#[test]
fn the_example_news_page_with_a_french_line_builds() {
    let f = Fixture::new();
    f.file(
        "content/news/a.md",
        "+++\ntitle = \"A\"\n+++\nUn appel littéral : {{/* stat(table=\"x\") */}}\n\nBeyrouth — café.\n",
    );
    f.build().unwrap();
    assert!(f
        .read("news/a/index.html")
        .contains("{{ stat(table=\"x\") }}"));
}
