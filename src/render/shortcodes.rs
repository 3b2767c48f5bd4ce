//! The shortcodes of a build, by name. Prose quotes figures through them, so every number in a
//! press release is a cell of a protected table (invariant 2): an unknown table, dimension or
//! category is a build error naming the file and line of the call.
//!
//! Built in: `stat(table="id", <dimension>="<category code or label>", …)` — the cell's published
//! count (`1,234`) or the suppression text. Dimensions not named are taken at their total.
//! More shortcodes (percentages, charts) are added with [`Registry::register`].
//!
//! Never does: read case data; it sees only [`ProtectedTable`]s.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::shortcode::{Args, Shortcodes};
use crate::privacy::{CellValue, ProtectedTable};

type Shortcode = Box<dyn Fn(&Args) -> Result<String, String> + Send + Sync>;

/// Shortcodes by name.
#[derive(Default)]
pub struct Registry {
    shortcodes: BTreeMap<String, Shortcode>,
}

impl Registry {
    /// The built-in shortcodes over the build's protected tables.
    pub fn new(tables: &[ProtectedTable], suppressed_text: &str) -> Registry {
        let mut registry = Registry::default();
        let tables: Arc<BTreeMap<String, ProtectedTable>> =
            Arc::new(tables.iter().map(|t| (t.id.clone(), t.clone())).collect());
        let suppressed = suppressed_text.to_string();
        registry.register("stat", move |args| {
            let table = find_table(&tables, args)?;
            let selection: Vec<(&str, &str)> = args
                .iter()
                .filter(|(k, _)| k.as_str() != "table")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let cell = table.lookup(&selection).map_err(|e| format!("stat: {e}"))?;
            Ok(match cell.value {
                CellValue::Published(n) => super::group_thousands(n),
                CellValue::Suppressed => suppressed.clone(),
            })
        });
        registry
    }

    /// Adds (or replaces) the shortcode `name`.
    pub fn register(
        &mut self,
        name: &str,
        shortcode: impl Fn(&Args) -> Result<String, String> + Send + Sync + 'static,
    ) {
        self.shortcodes
            .insert(name.to_string(), Box::new(shortcode));
    }
}

impl Shortcodes for Registry {
    fn expand(&self, name: &str, args: &Args) -> Result<String, String> {
        match self.shortcodes.get(name) {
            Some(shortcode) => shortcode(args),
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

fn find_table<'a>(
    tables: &'a BTreeMap<String, ProtectedTable>,
    args: &Args,
) -> Result<&'a ProtectedTable, String> {
    let Some(id) = args.get("table") else {
        return Err("stat: missing argument `table`".to_string());
    };
    tables.get(id).ok_or_else(|| {
        let known: Vec<&str> = tables.keys().map(String::as_str).collect();
        format!(
            "stat: no protected table `{id}` (tables: {})",
            if known.is_empty() {
                "none: the site has no data/".to_string()
            } else {
                known.join(", ")
            }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::{PublishedCategory, PublishedDimension};

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

    #[test]
    fn stat_quotes_published_cells_and_the_suppression_text() {
        let r = Registry::new(&[table()], "not published");
        let args = |pairs: &[(&str, &str)]| -> Args {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
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
            .expand("chart", &Args::new())
            .unwrap_err()
            .contains("known: stat"));
    }
}
