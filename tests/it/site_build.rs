//! Whole builds: the embedded theme, overrides, data/ handling, and the example site at the root.

use crate::site_fixture::{Fixture, BASE};

#[test]
fn a_site_with_only_a_config_builds_the_whole_theme() {
    let f = Fixture::new();
    f.with_search();
    f.build().unwrap();
    for path in [
        "index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "tags/index.html",
        "countries/index.html",
        "search/index.html",
        "pagefind/pagefind-ui.js",
    ] {
        assert!(f.exists(path), "{path}");
    }
    let css = f.read("style.css");
    assert!(css.contains("@media print"));
    assert!(css.contains(":focus-visible"));
    for file in f.files() {
        // The search page and Pagefind's files are the only scripts (docs/content.md#search).
        if file.0 == "search/index.html" || file.0.starts_with("pagefind/") {
            continue;
        }
        let text = String::from_utf8_lossy(&file.1);
        assert!(!text.contains("<script"), "{}: no scripts", file.0);
        assert!(
            !text.contains("@import") && !text.contains("fonts.googleapis"),
            "{}",
            file.0
        );
    }
}

#[test]
fn arabic_sites_are_right_to_left() {
    let f = Fixture::new();
    f.file(
        "config.toml",
        "title = \"الهجرة\"\nbase_url = \"https://example.org/\"\ndefault_language = \"ar\"\n",
    );
    f.file(
        "content/about.md",
        "+++\ntitle = \"من نحن\"\n+++\n## الأرقام الرئيسية\n",
    );
    f.build().unwrap();
    let html = f.read("about/index.html");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("<h2 id=\"الأرقام-الرئيسية\">"), "{html}");
}

#[test]
fn site_templates_override_the_theme_by_name() {
    let f = Fixture::new();
    f.file(
        "templates/partials/header.html",
        "<header><nav aria-label=\"Main\"><a href=\"{{ get_url(path='about/') }}\">About us</a></nav></header>",
    );
    f.file("content/about.md", "+++\ntitle = \"About\"\n+++\n");
    f.build().unwrap();
    let html = f.read("about/index.html");
    assert!(
        html.contains(&format!("<a href=\"{BASE}about/\">About us</a>")),
        "{html}"
    );
    assert!(
        html.contains("<main id=\"main\""),
        "the rest of the theme is kept"
    );
}

#[test]
fn home_lists_latest_news_and_has_a_key_figures_block() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"");
    for i in 1..=7 {
        f.news(&format!("n{i}"), &format!("2024-04-0{i}"), "");
    }
    f.file("templates/index.html", "{% extends \"base.html\" %}{% block content %}{% for item in latest_news %}[{{ item.title }}]{% endfor %}{{ key_figures | length }}{% endblock content %}");
    f.build().unwrap();
    let html = f.read("index.html");
    assert!(html.contains("[n7][n6][n5][n4][n3]0"), "{html}");
}

#[test]
fn protected_tables_are_reachable_from_templates_and_unknown_ids_fail() {
    let f = Fixture::new();
    f.file(
        "templates/page.html",
        "{% set t = get_table(id=\"victims_by_year\") %}{{ t.title }}",
    );
    f.file("content/a.md", "+++\ntitle = \"A\"\n+++\n");
    let err = f.build_err();
    assert!(
        err.contains("no protected table `victims_by_year` (tables: none)"),
        "{err}"
    );
}

#[test]
fn a_site_without_data_builds_and_data_is_never_an_input_to_copying() {
    let f = Fixture::new();
    f.file("static/downloads/readme.txt", "ok");
    f.build().unwrap();
    assert!(f.files().iter().all(|(p, _)| !p.starts_with("data")));
    assert_eq!(f.read("downloads/readme.txt"), "ok");
}

#[test]
fn the_example_site_at_the_repository_root_builds() {
    let out = tempfile::tempdir().unwrap();
    let options = safestat::site::BuildOptions {
        root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output_dir: Some(out.path().join("public")),
        ..Default::default()
    };
    safestat::site::build(&options).unwrap();
    let public = out.path().join("public");
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("IOM Lebanon"));
    assert!(home.contains("logo.svg"), "the header override is used");
    assert!(public.join("logo.svg").exists());

    // The tables of a country office, by single year and by country, each with its page and
    // downloads; small counts of citizenship by year show as not published.
    let office = crate::data_support::OFFICE_TABLES;
    for id in office.iter().chain(&["referrals-by-year"]) {
        assert!(
            public.join(format!("statistics/{id}/index.html")).is_file(),
            "no page for {id}"
        );
        assert!(
            public.join(format!("data/{id}.csv")).is_file(),
            "no CSV of {id}"
        );
    }
    let by_year = std::fs::read_to_string(public.join("data/victims-by-year.csv")).unwrap();
    for year in 2015..=2025 {
        assert!(
            by_year.contains(&format!("\n{year},")),
            "{year} in:\n{by_year}"
        );
    }
    let citizenship_by_year =
        std::fs::read_to_string(public.join("statistics/citizenship-by-year/index.html")).unwrap();
    assert!(
        citizenship_by_year.matches("not published").count() >= 20,
        "citizenship by year hides small counts"
    );
    let children =
        std::fs::read_to_string(public.join("news/children-in-trafficking/index.html")).unwrap();
    assert!(
        children.contains("aged 9 to 17"),
        "the age bands are quoted"
    );
    assert!(
        !public.join("data/cases-records.csv").exists(),
        "the root example publishes no case records"
    );
}

fn render_with(f: &Fixture, generated: &[safestat::render::GeneratedFile]) -> anyhow::Result<()> {
    let config = safestat::site::load_config(f.root())?;
    let base_url = config.base_url_slash();
    let figures = safestat::render::figures::Figures::new(&[], &config.privacy, &base_url);
    let shortcodes = safestat::render::shortcodes::Registry::new(std::sync::Arc::new(figures));
    let content = safestat::content::load(f.root(), &config, &base_url, false, &shortcodes)?;
    let staging = safestat::output::Staging::new(&f.out())?;
    let languages = safestat::language::languages(&config);
    let translations = std::sync::Arc::new(safestat::render::i18n::Translations::load(
        f.root(),
        &languages,
    )?);
    let input = safestat::render::SiteInput {
        root: f.root(),
        config: &config,
        base_url: &base_url,
        libraries: &content.libraries,
        tables: &[],
        releases: &[],
        generated,
        translations: &translations,
        labels: &Default::default(),
        theme_cache: None,
        search_index: false,
    };
    safestat::render::render(&input, &staging)?;
    staging.commit()
}

#[test]
fn files_from_other_stages_are_written_and_checked_like_any_output() {
    let f = Fixture::new();
    f.file("content/about.md", "+++\ntitle = \"About\"\n+++\n");
    let file = |path: &str| safestat::render::GeneratedFile {
        path: path.into(),
        source: format!("download {path}"),
        bytes: b"year,count\n2024,1234\n".to_vec(),
    };
    render_with(&f, &[file("data/victims-by-year.csv")]).unwrap();
    assert_eq!(
        f.read("data/victims-by-year.csv"),
        "year,count\n2024,1234\n"
    );
    let err = format!(
        "{:#}",
        render_with(&f, &[file("about/index.html")]).unwrap_err()
    );
    assert!(
        err.contains(
            "two sources write about/index.html: content/about.md and download about/index.html"
        ),
        "{err}"
    );
    let err = format!(
        "{:#}",
        render_with(&f, &[file("../escape.csv")]).unwrap_err()
    );
    assert!(
        err.contains("download ../escape.csv: generated file"),
        "{err}"
    );
    assert_eq!(
        f.read("data/victims-by-year.csv"),
        "year,count\n2024,1234\n",
        "failed renders change nothing"
    );
}
