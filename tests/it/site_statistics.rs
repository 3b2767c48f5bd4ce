//! A site with data: statistics pages, the statistics index, the methodology page, downloads in the
//! build (validated by `frictionless`), figures quoted in press releases, and key figures.
//!
//! The fixture's data is small (297 cases) and has planted rare records: one person from Comoros
//! and three from Chad (pooled into `Other`, itself below k), and two men registered in 2023.

use std::collections::BTreeSet;

use crate::publish_frictionless::{frictionless_validate, report};
use crate::site_feeds::check_links_under_base;
use crate::site_fixture::{Fixture, BASE};

/// Cases per (year, gender), the planted combination being (2023, M) = 2.
const CASES: [(u32, &str, usize); 6] = [
    (2022, "F", 60),
    (2022, "M", 40),
    (2023, "F", 90),
    (2023, "M", 2),
    (2024, "F", 55),
    (2024, "M", 50),
];

/// Rows (by position) whose citizenship is rare: Comoros once, Chad three times.
pub const RARE: [(usize, &str); 4] = [(5, "KM"), (17, "TD"), (33, "TD"), (71, "TD")];

/// Labels of the rare countries, which must appear nowhere in the output.
pub const RARE_LABELS: [&str; 2] = ["Comoros", "Chad"];

/// The raw case file: `case_ref,year,gender,citizenship`.
pub fn cases_csv() -> String {
    let common = ["LB", "SY", "ET", "BD"];
    let mut csv = String::from("case_ref,year,gender,citizenship\n");
    let mut i = 0;
    for (year, gender, n) in CASES {
        for _ in 0..n {
            let citizenship = RARE
                .iter()
                .find(|(row, _)| *row == i)
                .map_or(common[i % common.len()], |(_, code)| code);
            csv.push_str(&format!(
                "SR-{:05},{year},{gender},{citizenship}\n",
                7919 + i * 13
            ));
            i += 1;
        }
    }
    csv
}

const SCHEMA: &str = r#"[dataset]
title = "Registered cases (fixture)"
file = "cases.csv"

[[column]]
id = "case_ref"
role = "drop"

[[column]]
id = "year"
kind = "year"
label = "Year of registration"
from = 2022
to = 2024
pool_rare = false

[[column]]
id = "gender"
label = "Gender"
pool_rare = false
[column.values]
F = "Female"
M = "Male"

[[column]]
id = "citizenship"
label = "Citizenship"
[column.values]
LB = "Lebanon"
SY = "Syria"
ET = "Ethiopia"
BD = "Bangladesh"
KM = "Comoros"
TD = "Chad"
"#;

const TABLES: &str = r#"[[table]]
id = "by-year"
title = "Victims by year"
description = "Registered victims by year of registration."
dimensions = ["year"]

[[table]]
id = "by-year-gender"
title = "Victims by year and gender"
description = "Registered victims by year of registration and gender."
dimensions = ["year", "gender"]

[[table]]
id = "by-citizenship"
title = "Victims by citizenship"
description = "Registered victims by country of citizenship."
dimensions = ["citizenship"]
"#;

/// A press release quoting figures through every shortcode, two embeds of one table included.
pub const PRESS_RELEASE: &str = r#"+++
title = "Annual figures"
date = 2025-06-30
+++
We registered {{ stat(table="by-year") }} victims, {{ stat(table="by-year", year="2024") }} of them in 2024.

Women and girls were {{ percent(table="by-year-gender", gender="F") }} of all victims, and
{{ percent(table="by-year-gender", year="2024", gender="F", of="gender") }} of those registered in 2024.
Men registered in 2023: {{ stat(table="by-year-gender", year="2023", gender="M") }}; their share:
{{ percent(table="by-year-gender", year="2023", gender="M", of="gender") }}.

{{ chart(id="by-year-gender") }}

{{ table(id="by-year-gender") }}

{{ chart(id="by-year-gender") }}

{{ chart(id="by-citizenship") }}
"#;

/// The fixture site: config with key figures, data, a statistics section, a methodology page and a
/// press release.
pub fn statistics_site() -> Fixture {
    let f = Fixture::new();
    f.file(
        "config.toml",
        &format!(
            r#"title = "Test site"
base_url = "{BASE}"
organisation = "IOM Lebanon"
author = "Press office"

[privacy]
data_date = "2025-03-31"

[[key_figures]]
label = "Victims registered"
table = "by-year"

[[key_figures]]
label = "Women and girls"
table = "by-year-gender"
cell = {{ gender = "F" }}

[[key_figures]]
label = "Men registered in 2023"
table = "by-year-gender"
cell = {{ year = "2023", gender = "M" }}
"#
        ),
    );
    f.file("data/cases.csv", &cases_csv());
    f.file("data/cases.toml", SCHEMA);
    f.file("data/tables.toml", TABLES);
    f.file(
        "content/statistics/_index.md",
        "+++\ntitle = \"Statistics\"\ntemplate = \"statistics.html\"\n+++\nOur protected tables.\n",
    );
    f.file(
        "content/methodology.md",
        "+++\ntitle = \"Methodology\"\ntemplate = \"methodology.html\"\n+++\nHow we count.\n",
    );
    f.file("content/news/_index.md", "+++\ntitle = \"News\"\n+++\n");
    f.file("content/news/annual-figures.md", PRESS_RELEASE);
    f
}

/// Every `id="…"` of an HTML text.
fn element_ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn every_table_gets_a_statistics_page_with_chart_table_notes_downloads_and_citation() {
    let f = statistics_site();
    f.build().unwrap();
    let page = f.read("statistics/by-year-gender/index.html");
    for expected in [
        "<h1>Victims by year and gender</h1>",
        "Registered victims by year of registration and gender.",
        "<time datetime=\"2025-03-31\">",
        "role=\"img\"",
        "aria-describedby=\"table-by-year-gender\"",
        "<table id=\"table-by-year-gender\"",
        "<caption>",
        "th scope=\"col\"",
        "“not published” marks a count",
        "below 11",
        &format!("href=\"{BASE}data/by-year-gender.csv\""),
        &format!("href=\"{BASE}data/by-year-gender.json\""),
        &format!("href=\"{BASE}data/datapackage.json\""),
        &format!("IOM Lebanon (2025). Victims by year and gender, data as of 31 March 2025. Test site. {BASE}statistics/by-year-gender/"),
        &format!("href=\"{BASE}methodology/\""),
        &format!("href=\"{BASE}statistics/\""),
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
    let ids = element_ids(&page);
    assert_eq!(
        ids.len(),
        ids.iter().collect::<BTreeSet<_>>().len(),
        "duplicate ids: {ids:?}"
    );
    for table in ["by-year", "by-citizenship"] {
        assert!(f.exists(&format!("statistics/{table}/index.html")));
        assert!(f.exists(&format!("data/{table}.csv")));
        assert!(f.exists(&format!("data/{table}.json")));
    }
    let index = f.read("statistics/index.html");
    for table in ["by-year", "by-year-gender", "by-citizenship"] {
        assert!(
            index.contains(&format!("href=\"{BASE}statistics/{table}/\"")),
            "{table} listed"
        );
        assert!(index.contains(&format!("href=\"{BASE}data/{table}.csv\"")));
    }
    assert!(index.contains("Victims by citizenship</a>"));
    assert!(index.contains("Registered victims by country of citizenship."));
    let sitemap = f.read("sitemap.xml");
    for table in ["by-year", "by-year-gender", "by-citizenship"] {
        assert!(sitemap.contains(&format!("<loc>{BASE}statistics/{table}/</loc>")));
    }
    assert!(
        !f.exists("data/cases.csv")
            && !f.exists("data/cases.toml")
            && !f.exists("data/tables.toml"),
        "nothing from data/ is copied"
    );
}

#[test]
fn the_methodology_page_explains_the_privacy_settings_and_is_linked_from_every_page() {
    let f = statistics_site();
    f.build().unwrap();
    let methodology = f.read("methodology/index.html");
    assert!(methodology.contains("How we count."), "the page's own text");
    assert!(methodology.contains("11"), "k is stated:\n{methodology}");
    assert!(methodology.contains("not published"));
    assert!(methodology.contains("Other"));
    assert!(methodology.contains(&format!("href=\"{BASE}statistics/by-citizenship/\"")));
    for page in [
        "index.html",
        "news/annual-figures/index.html",
        "statistics/by-year/index.html",
    ] {
        assert!(
            f.read(page)
                .contains(&format!("<a href=\"{BASE}methodology/\">Methodology</a>")),
            "{page} links the methodology in its footer"
        );
    }
}

#[test]
fn press_releases_quote_protected_figures_and_embed_charts_and_tables() {
    let f = statistics_site();
    f.build().unwrap();
    let page = f.read("news/annual-figures/index.html");
    assert!(
        page.contains("We registered 297 victims, 105 of them in 2024."),
        "{page}"
    );
    // 205 women of 297; in 2024, 55 of 105.
    assert!(
        page.contains("Women and girls were 69.0% of all victims"),
        "{page}"
    );
    assert!(page.contains("52.4% of those registered in 2024"), "{page}");
    assert!(
        page.contains("Men registered in 2023: not published; their share:\nnot published."),
        "{page}"
    );
    assert_eq!(page.matches("<svg").count(), 3, "three charts");
    assert_eq!(
        page.matches("<table id=").count(),
        4,
        "three chart data tables and one table"
    );
    let ids = element_ids(&page);
    assert_eq!(
        ids.len(),
        ids.iter().collect::<BTreeSet<_>>().len(),
        "duplicate ids: {ids:?}"
    );
    for described in page.split("aria-describedby=\"").skip(1) {
        let target = &described[..described.find('"').unwrap()];
        assert!(ids.contains(&target), "{target} is on the page");
    }
    assert!(page.contains(&format!("href=\"{BASE}statistics/by-year-gender/\"")));
}

#[test]
fn template_functions_quote_the_same_figures() {
    let f = statistics_site();
    f.file(
        "templates/index.html",
        "{{ stat(table=\"by-year-gender\", year=2024) }}|{{ stat(table=\"by-year-gender\", year=\"2023\", gender=\"M\") }}|{{ percent(table=\"by-year\", year=2024) }}|{{ table(id=\"by-year\") | safe }}",
    );
    f.build().unwrap();
    let home = f.read("index.html");
    assert!(home.starts_with("105|not published|35.4%|"), "{home}");
    assert!(home.contains("<table id=\"table-by-year\""));
}

#[test]
fn unknown_tables_and_cells_in_prose_fail_naming_the_file_and_line() {
    let f = statistics_site();
    f.file(
        "content/news/wrong.md",
        "+++\ntitle = \"Wrong\"\n+++\nFine: {{ stat(table=\"by-year\") }}.\n\nIn 1999: {{ stat(table=\"by-year\", year=\"1999\") }}.\n{{ percent(table=\"by-year\", sex=\"F\") }}\n{{ chart(id=\"no-such-table\") }}\n",
    );
    let err = f.build_err();
    for expected in [
        "content/news/wrong.md:6:10: stat: table `by-year`: dimension `year` has no category `1999`",
        "content/news/wrong.md:7:1: percent: table `by-year` has no dimension `sex`",
        "content/news/wrong.md:8:1: chart: no protected table `no-such-table` (tables: by-citizenship, by-year, by-year-gender)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in {err}");
    }
    assert!(!f.out().exists(), "nothing is published");
}

#[test]
fn key_figures_come_from_the_config_through_the_same_lookup() {
    let f = statistics_site();
    f.build().unwrap();
    let home = f.read("index.html");
    for expected in [
        "<span class=\"figure\">297</span> <span class=\"figure-label\">Victims registered</span>",
        "<span class=\"figure\">205</span> <span class=\"figure-label\">Women and girls</span>",
        "<span class=\"figure\">not published</span> <span class=\"figure-label\">Men registered in 2023</span>",
    ] {
        assert!(home.contains(expected), "missing {expected:?} in\n{home}");
    }
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &config.replace("cell = { gender = \"F\" }", "cell = { gender = \"X\" }"),
    );
    let err = f.build_err();
    assert!(
        err.contains("config.toml: [[key_figures]] number 2 (\"Women and girls\"): key_figures: table `by-year-gender`: dimension `gender` has no category `X`"),
        "{err}"
    );
}

#[test]
fn key_figures_show_their_period_and_date_and_link_to_their_table() {
    let f = statistics_site();
    f.build().unwrap();
    let home = f.read("index.html");
    let figures = &home[home.find("class=\"key-figures\"").unwrap()..];
    let figures = &figures[..figures.find("</section>").unwrap()];
    let items: Vec<&str> = figures.split("<li>").skip(1).collect();
    assert_eq!(items.len(), 3, "{figures}");
    for (item, (table, period)) in items.iter().zip([
        ("by-year", "2022–2024"),
        ("by-year-gender", "2022–2024"),
        ("by-year-gender", "2023"),
    ]) {
        assert!(
            item.contains(&format!(
                "<a class=\"figure-link\" href=\"{BASE}statistics/{table}/\">"
            )),
            "{item}"
        );
        assert!(
            item.contains(&format!(
                "<span class=\"figure-context\">{period} · data as of <time datetime=\"2025-03-31\">31 March 2025</time></span>"
            )),
            "{item}"
        );
    }
}

#[test]
fn the_statistics_index_groups_tables_by_dataset_with_period_date_and_named_downloads() {
    let f = statistics_site();
    f.build().unwrap();
    let index = f.read("statistics/index.html");
    assert_eq!(
        index.matches("<section class=\"statistics-group\"").count(),
        1
    );
    assert!(
        index.contains("<h2 id=\"dataset-cases\">Cases</h2>"),
        "{index}"
    );
    // Every table under its group's h2, as an h3, with its period and date; every download link
    // says which table it is for, so a screen reader's list of links is not "CSV, CSV, CSV".
    for title in [
        "Victims by year",
        "Victims by year and gender",
        "Victims by citizenship",
    ] {
        assert!(index.contains(&format!("\">{title}</a></h3>")), "{title}");
        for format in ["CSV", "JSON"] {
            assert!(
                index.contains(&format!(
                    ">{format}<span class=\"visually-hidden\"> of {title}</span></a>"
                )),
                "{format} of {title}"
            );
        }
    }
    assert_eq!(
        index
            .matches("2022–2024 · data as of <time datetime=\"2025-03-31\">31 March 2025</time>")
            .count(),
        3,
        "a table without a year dimension has its dataset's period"
    );
    assert!(
        !index.contains("<h2><a"),
        "no table heading skips the group's level"
    );
}

/// The bar chart markers of suppressed cells on a built table page.
fn suppressed_markers(page: &str) -> Vec<String> {
    page.split("<g class=\"suppressed\" transform=\"translate(")
        .skip(1)
        .map(|rest| rest[..rest.find("<title>").unwrap()].to_string())
        .collect()
}

#[test]
fn a_suppressed_cells_marker_is_the_same_whatever_its_true_value() {
    // Victims registered in 2023 by gender: 2 men (planted), so the men's count is suppressed and
    // the women's with it (the total is published). With 3 or 6 more men, still below k, the
    // chart's markers must not change by a single character, in English and in the mirrored
    // Arabic chart.
    let mut charts = Vec::new();
    for more_men in [0, 3, 6] {
        let f = statistics_site();
        let config = f.read_source("config.toml");
        f.file("config.toml", &format!("{config}\n[languages.ar]\n"));
        f.file(
            "data/tables.toml",
            &format!(
                "{TABLES}\n[[table]]\nid = \"gender-2023\"\ntitle = \"Victims registered in 2023, by gender\"\n\
                 dimensions = [\"gender\"]\nfilter = {{ year = {{ from = 2023, to = 2023 }} }}\n"
            ),
        );
        let mut csv = cases_csv();
        for i in 0..more_men {
            csv.push_str(&format!("SR-9{i:04},2023,M,LB\n"));
        }
        f.file("data/cases.csv", &csv);
        f.build().unwrap();
        let page = f.read("statistics/gender-2023/index.html");
        let markers = suppressed_markers(&page);
        assert_eq!(
            markers.len(),
            2,
            "both genders suppressed with {} men",
            2 + more_men
        );
        let arabic = suppressed_markers(&f.read("ar/statistics/gender-2023/index.html"));
        assert_eq!(arabic.len(), 2);
        // The same marker, at the axis on the right (x = 360 − 14, mirroring 14).
        assert!(markers.iter().all(|m| m.starts_with("14,")), "{markers:?}");
        assert!(arabic.iter().all(|m| m.starts_with("346,")), "{arabic:?}");
        assert_eq!(
            markers[0].split_once(')').unwrap().1,
            arabic[0].split_once(')').unwrap().1
        );
        charts.push((markers, arabic));
    }
    assert_eq!(charts[0], charts[1]);
    assert_eq!(charts[1], charts[2]);
}

#[test]
fn without_configured_key_figures_the_home_page_shows_each_grand_total() {
    let f = statistics_site();
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &config[..config.find("[[key_figures]]").unwrap()],
    );
    f.build().unwrap();
    let home = f.read("index.html");
    for title in [
        "Victims by year",
        "Victims by year and gender",
        "Victims by citizenship",
    ] {
        assert!(
            home.contains(&format!(
                "<span class=\"figure\">297</span> <span class=\"figure-label\">{title}</span>"
            )),
            "{title} in\n{home}"
        );
    }
}

#[test]
fn every_link_of_the_statistics_pages_and_downloads_resolves() {
    let f = statistics_site();
    f.build().unwrap();
    assert!(check_links_under_base(&f) > 100);
}

#[test]
fn the_built_sites_data_package_passes_frictionless_validate() {
    let f = statistics_site();
    f.build().unwrap();
    let output = frictionless_validate(&f.out().join("data/datapackage.json"));
    assert!(output.status.success(), "{}", report(&output));
}

#[test]
fn build_output_never_carries_the_live_reload_marker() {
    let f = statistics_site();
    f.build().unwrap();
    for (path, bytes) in f.files() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__safestat"),
            "{path} carries serve's live-reload marker"
        );
    }
}

/// The preview keeps the protection between builds, but never past a change to `data/` or to
/// `config.toml`: a stale table would publish numbers the audit never saw.
#[test]
fn a_kept_protection_is_used_only_while_data_and_config_are_unchanged() {
    let f = statistics_site();
    let options = safestat::site::BuildOptions {
        cache: Some(std::sync::Arc::default()),
        ..f.options()
    };
    let by_year = || std::fs::read_to_string(f.out().join("data/by-year.csv")).unwrap();
    safestat::site::build(&options).unwrap();
    let before = by_year();
    assert!(before.contains("2024,105"), "{before}");

    // A page edit: the same tables.
    f.file(
        "content/news/annual-figures.md",
        &PRESS_RELEASE.replace("victims", "people"),
    );
    safestat::site::build(&options).unwrap();
    assert_eq!(by_year(), before);

    // New cases: the tables are protected again.
    let mut csv = cases_csv();
    for i in 0..20 {
        csv.push_str(&format!("SR-{:05},2024,F,LB\n", 90_000 + i));
    }
    f.file("data/cases.csv", &csv);
    safestat::site::build(&options).unwrap();
    assert!(by_year().contains("2024,125"), "{}", by_year());

    // A privacy setting: protected again (at k = 200 the 2024 count of 125 is hidden).
    let config = std::fs::read_to_string(f.root().join("config.toml")).unwrap();
    f.file(
        "config.toml",
        &config.replace("[privacy]\n", "[privacy]\nk = 200\n"),
    );
    safestat::site::build(&options).unwrap();
    assert!(!by_year().contains("2024,125"), "{}", by_year());
}
