//! The shortcodes of a build, by name. Prose quotes figures through them, so every number in a
//! press release is a cell of a protected table (invariant 2): an unknown table, dimension or
//! category is a build error naming the file and line of the call.
//!
//! Built in (see [`super::figures`]):
//! - `stat(table="id", <dimension>="<category code or label>", …)` — the cell's published count
//!   (`1,234`) or the suppression text. Dimensions not named are taken at their total.
//! - `percent(table="id", <dimension>="<code>", …, of="<dimension>", decimals=1)` — the cell's share
//!   of the same selection with `of` at its total (of the grand total without `of`), printed only
//!   when both cells are published.
//! - `chart(id="…")` and `table(id="…")` — the table's chart or HTML table, each embed on a page
//!   with its own element ids. Write them on a line of their own.
//!
//! More shortcodes are added with [`Registry::register`].
//!
//! Never does: read case data; it sees only [`ProtectedTable`](crate::privacy::ProtectedTable)s.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::figures::Figures;
use crate::content::shortcode::{Args, Shortcodes};

/// A shortcode: its arguments and which call of the page it is (from 1).
type Shortcode = Box<dyn Fn(&Args, usize) -> Result<String, String> + Send + Sync>;

/// Shortcodes by name, and the same shortcodes in each other language of the site.
#[derive(Default)]
pub struct Registry {
    shortcodes: BTreeMap<String, Shortcode>,
    languages: BTreeMap<String, Registry>,
}

impl Registry {
    /// The built-in shortcodes over the build's protected figures.
    pub fn new(figures: Arc<Figures>) -> Registry {
        let mut registry = Registry::default();
        let f = Arc::clone(&figures);
        registry.register("stat", move |args, _| f.stat(args));
        let f = Arc::clone(&figures);
        registry.register("percent", move |args, _| f.percent(args));
        let f = Arc::clone(&figures);
        registry.register("chart", move |args, call| f.chart(args, Some(call)));
        registry.register("table", move |args, call| {
            figures.table_embed(args, Some(call))
        });
        registry
    }

    /// The shortcodes of pages in language `code` (e.g. figures over `Figures` in that language).
    pub fn add_language(&mut self, code: &str, registry: Registry) {
        self.languages.insert(code.to_string(), registry);
    }

    /// Adds (or replaces) the shortcode `name`; it gets the call's arguments and its number on
    /// the page (from 1).
    pub fn register(
        &mut self,
        name: &str,
        shortcode: impl Fn(&Args, usize) -> Result<String, String> + Send + Sync + 'static,
    ) {
        self.shortcodes
            .insert(name.to_string(), Box::new(shortcode));
    }
}

impl Shortcodes for Registry {
    fn expand(&self, name: &str, args: &Args) -> Result<String, String> {
        self.expand_call(name, args, 1)
    }

    fn language(&self, code: &str) -> Option<&dyn Shortcodes> {
        self.languages.get(code).map(|r| r as &dyn Shortcodes)
    }

    fn expand_call(&self, name: &str, args: &Args, call: usize) -> Result<String, String> {
        match self.shortcodes.get(name) {
            Some(shortcode) => shortcode(args, call),
            None => Err(format!(
                "unknown shortcode `{name}` (known: {})",
                self.shortcodes
                    .keys()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PrivacyConfig;
    use crate::privacy::{CellValue, ProtectedTable, PublishedCategory, PublishedDimension};

    fn table() -> ProtectedTable {
        let dim = PublishedDimension {
            id: "year".into(),
            label: "Year".into(),
            kind: "year".into(),
            categories: ["2023", "2024"]
                .iter()
                .map(|c| PublishedCategory {
                    code: (*c).into(),
                    label: (*c).into(),
                })
                .collect(),
        };
        ProtectedTable::from_grid(
            "victims-by-year".into(),
            "Victims by year".into(),
            String::new(),
            "cases".into(),
            String::new(),
            vec![dim],
            vec![
                CellValue::Suppressed,
                CellValue::Published(1234),
                CellValue::Published(1300),
            ],
        )
        .unwrap()
    }

    fn registry() -> Registry {
        Registry::new(Arc::new(Figures::new(
            &[table()],
            &PrivacyConfig::default(),
            "https://example.org/",
        )))
    }

    fn args(pairs: &[(&str, &str)]) -> Args {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn stat_quotes_published_cells_and_the_suppression_text() {
        let r = registry();
        let stat = |a: &[(&str, &str)]| r.expand("stat", &args(a));
        assert_eq!(
            stat(&[("table", "victims-by-year"), ("year", "2024")]).unwrap(),
            "1,234"
        );
        assert_eq!(stat(&[("table", "victims-by-year")]).unwrap(), "1,300");
        assert_eq!(
            stat(&[("table", "victims-by-year"), ("year", "2023")]).unwrap(),
            "not published"
        );
        assert!(stat(&[("table", "nope")])
            .unwrap_err()
            .contains("victims-by-year"));
        assert!(stat(&[("table", "victims-by-year"), ("year", "1999")]).is_err());
        assert!(stat(&[("year", "2024")])
            .unwrap_err()
            .contains("missing argument `table`"));
        assert!(r
            .expand("graph", &Args::new())
            .unwrap_err()
            .contains("known: chart, percent, stat, table"));
    }

    #[test]
    fn percent_needs_both_cells_published() {
        let r = registry();
        let percent = |a: &[(&str, &str)]| r.expand("percent", &args(a));
        assert_eq!(
            percent(&[("table", "victims-by-year"), ("year", "2024")]).unwrap(),
            "94.9%"
        );
        assert_eq!(
            percent(&[
                ("table", "victims-by-year"),
                ("year", "2024"),
                ("of", "year"),
                ("decimals", "0")
            ])
            .unwrap(),
            "95%"
        );
        assert_eq!(
            percent(&[("table", "victims-by-year"), ("year", "2023")]).unwrap(),
            "not published"
        );
        assert!(percent(&[("table", "victims-by-year"), ("of", "gender")])
            .unwrap_err()
            .contains("no dimension `gender`"));
    }

    #[test]
    fn two_embeds_on_a_page_have_distinct_ids() {
        let r = Registry::new(Arc::new(Figures::new(
            &[table()],
            &PrivacyConfig::default(),
            "https://example.org/",
        )));
        let args: Args = [("id".to_string(), "victims-by-year".to_string())].into();
        let first = r.expand_call("chart", &args, 1).unwrap();
        let second = r.expand_call("chart", &args, 2).unwrap();
        let table = r.expand_call("table", &args, 3).unwrap();
        let ids = |html: &str| -> Vec<String> {
            html.split(" id=\"")
                .skip(1)
                .map(|rest| rest[..rest.find('"').unwrap()].to_string())
                .collect()
        };
        let mut all: Vec<String> = [&first, &second, &table]
            .iter()
            .flat_map(|h| ids(h))
            .collect();
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count, "duplicate ids: {all:?}");
        assert!(first.contains("aria-describedby=\"table-victims-by-year-data-e1\""));
        assert!(first.contains("id=\"table-victims-by-year-data-e1\""));
        assert!(first.contains("https://example.org/statistics/victims-by-year/"));
        assert!(r
            .expand("table", &[("id".to_string(), "nope".to_string())].into())
            .unwrap_err()
            .contains("no protected table `nope`"));
    }
}
