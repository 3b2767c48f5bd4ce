//! Protected tables shared by the `publish_*` tests. Values are what `privacy` would hand over:
//! published counts are 0 or ≥ k (11), and suppressed cells carry no value.

use safestat::config::{Config, PrivacyConfig};
use safestat::privacy::{CellValue, ProtectedTable, PublishedCategory, PublishedDimension};
use safestat::render::i18n::Locale;

pub use CellValue::{Published as P, Suppressed as S};

pub fn dim(id: &str, label: &str, kind: &str, cats: &[(&str, &str)]) -> PublishedDimension {
    PublishedDimension {
        id: id.into(),
        label: label.into(),
        kind: kind.into(),
        categories: cats
            .iter()
            .map(|(code, label)| PublishedCategory {
                code: (*code).into(),
                label: (*label).into(),
            })
            .collect(),
    }
}

pub fn table(
    id: &str,
    title: &str,
    dims: Vec<PublishedDimension>,
    values: Vec<CellValue>,
) -> ProtectedTable {
    ProtectedTable::from_grid(
        id.into(),
        title.into(),
        format!("{title}, all registered cases."),
        "cases".into(),
        "registration year 2021–2024".into(),
        dims,
        values,
    )
    .unwrap()
}

/// The theme's words and numbers in language `code` (its embedded translation file).
pub fn locale(code: &str) -> Locale {
    Locale::new(code, None).unwrap()
}

/// English, the language of most `publish_*` tests.
pub fn en() -> Locale {
    locale("en")
}

pub fn config() -> Config {
    let privacy = PrivacyConfig {
        data_date: Some("2024-12-31".into()),
        ..PrivacyConfig::default()
    };
    Config {
        title: "Counter-Trafficking Statistics".into(),
        organisation: "Example Organisation".into(),
        base_url: "https://stats.example.org/".into(),
        privacy,
        ..Config::default()
    }
}

pub fn country() -> PublishedDimension {
    dim(
        "country",
        "Country of citizenship",
        "category",
        &[
            ("LB", "Lebanon"),
            ("SY", "Syria"),
            ("ET", "Ethiopia"),
            ("OTH", "Other"),
            ("UNK", "Unknown"),
        ],
    )
}

pub fn sex() -> PublishedDimension {
    dim("sex", "Sex", "category", &[("f", "Female"), ("m", "Male")])
}

pub fn year() -> PublishedDimension {
    dim(
        "year",
        "Year of registration",
        "year",
        &[
            ("2021", "2021"),
            ("2022", "2022"),
            ("2023", "2023"),
            ("2024", "2024"),
        ],
    )
}

pub fn exploitation() -> PublishedDimension {
    dim(
        "exploitation",
        "Type of exploitation",
        "category",
        &[
            ("labour", "Forced labour"),
            ("sexual", "Sexual exploitation"),
            ("other", "Other"),
        ],
    )
}

/// One dimension: two suppressed countries (one primary, one secondary — indistinguishable).
pub fn by_country() -> ProtectedTable {
    table(
        "victims-by-country",
        "Victims by country of citizenship",
        vec![country()],
        vec![P(12345), P(1480), S, S, P(0), P(13890)],
    )
}

/// Two dimensions: sex × type of exploitation.
pub fn by_sex_and_exploitation() -> ProtectedTable {
    table(
        "victims-by-sex-and-exploitation",
        "Victims by sex and type of exploitation",
        vec![sex(), exploitation()],
        vec![
            P(420),
            P(310),
            S,
            P(741), //
            P(655),
            P(12),
            S,
            P(690), //
            P(1075),
            P(322),
            P(34),
            P(1431),
        ],
    )
}

/// A year dimension: a line per sex, with one point not published.
pub fn by_year_and_sex() -> ProtectedTable {
    table(
        "victims-by-year-and-sex",
        "Victims by year of registration and sex",
        vec![year(), sex()],
        vec![
            P(120),
            P(95),
            P(215), //
            P(140),
            S,
            P(251), //
            P(133),
            S,
            P(260), //
            P(348),
            P(410),
            P(758), //
            P(741),
            P(743),
            P(1484),
        ],
    )
}

/// Three dimensions, for the long-format table and the chart of the first two.
pub fn three_dims() -> ProtectedTable {
    let dims = vec![
        sex(),
        dim(
            "age",
            "Age group",
            "category",
            &[("child", "Child"), ("adult", "Adult")],
        ),
        dim(
            "route",
            "Route",
            "category",
            &[("in", "Internal"), ("out", "Cross-border")],
        ),
    ];
    // 3 × 3 × 3 = 27 cells, suppressing the cells of female children.
    let mut values = Vec::new();
    for s in 0..3 {
        for a in 0..3 {
            for r in 0..3 {
                if s == 0 && a == 0 {
                    values.push(S);
                } else {
                    values.push(P(20 + (s * 9 + a * 3 + r) as u64 * 11));
                }
            }
        }
    }
    table(
        "victims-3d",
        "Victims by sex, age group and route",
        dims,
        values,
    )
}

pub fn all_tables() -> Vec<ProtectedTable> {
    vec![
        by_country(),
        by_sex_and_exploitation(),
        by_year_and_sex(),
        three_dims(),
    ]
}
