//! Generalisation hierarchies: for one quasi-identifier, a chain of ever coarser recodings of its
//! categories (age band → minor/adult, country → M49 sub-region → region, year → period).
//!
//! Each level is built from the one below it, so a level is always a function of the previous one —
//! the property that makes the generalisation lattice monotone (merging categories can only merge
//! equivalence classes, never split them).

use std::collections::HashMap;

use super::m49;
use crate::data::{Builtin, CaseColumn, Category, HierarchySpec};
use anyhow::{bail, Result};

/// Marks a missing value (the column's Unknown category, or a locally suppressed value) in a code
/// vector. It is a value of its own: it only ever matches another blank.
pub const BLANK: u32 = u32::MAX;

/// One level of a hierarchy, resolved against a column.
#[derive(Debug, Clone)]
pub struct Level {
    /// What the level is called in reports ("original", "M49 sub-region", …).
    pub name: String,
    /// The categories at this level in display order; the column's Unknown is never among them.
    pub categories: Vec<Category>,
    /// For each code of the column: the index of its category at this level, or [`BLANK`] for the
    /// column's Unknown category.
    pub map: Vec<u32>,
    /// For each category at this level: how many of the column's known categories it covers.
    pub covers: Vec<u32>,
}

/// A quasi-identifier's hierarchy: `levels[0]` is the column as recorded.
#[derive(Debug, Clone)]
pub struct Hierarchy {
    pub levels: Vec<Level>,
    /// Number of known (non-Unknown) categories of the column.
    pub known: u32,
}

impl Hierarchy {
    /// Only the column as recorded (a quasi-identifier without a declared hierarchy).
    pub fn identity(column: &CaseColumn) -> Hierarchy {
        let mut categories = Vec::new();
        let map = (0..column.categories.len())
            .map(|code| {
                if column.unknown == Some(code as u32) {
                    BLANK
                } else {
                    categories.push(column.categories[code].clone());
                    (categories.len() - 1) as u32
                }
            })
            .collect();
        let covers = vec![1; categories.len()];
        let known = categories.len() as u32;
        Hierarchy {
            levels: vec![Level {
                name: "original".into(),
                categories,
                map,
                covers,
            }],
            known,
        }
    }

    /// Resolves `spec` against `column`; errors name `release.hierarchy.<column>`.
    pub fn build(column: &CaseColumn, spec: &HierarchySpec) -> Result<Hierarchy> {
        let at = format!("[release.hierarchy.{}]", column.id);
        let mut hierarchy = Hierarchy::identity(column);
        let given = [
            spec.levels.is_some(),
            spec.builtin.is_some(),
            spec.periods.is_some(),
            spec.width.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            bail!("{at}: give exactly one of `levels`, `builtin`, `periods` or `width`");
        }
        if spec.origin.is_some() && spec.width.is_none() {
            bail!("{at}: `origin` only goes with `width`");
        }
        let unmatched = spec.unmatched.as_deref();
        if let Some(levels) = &spec.levels {
            if levels.is_empty() {
                bail!("{at}: `levels` is empty");
            }
            for (i, rules) in levels.iter().enumerate() {
                let prev = hierarchy.top();
                for key in rules.keys() {
                    if !prev
                        .categories
                        .iter()
                        .any(|c| &c.code == key || &c.label == key)
                    {
                        let known: Vec<&str> =
                            prev.categories.iter().map(|c| c.code.as_str()).collect();
                        bail!(
                            "{at}: levels[{i}] maps `{key}`, which is not a category of the level \
                             below; those are: {}",
                            known.join(", ")
                        );
                    }
                }
                hierarchy.coarsen(&at, format!("level {}", i + 1), unmatched, |c| {
                    rules.get(&c.code).or_else(|| rules.get(&c.label)).cloned()
                })?;
            }
        } else if let Some(builtin) = spec.builtin {
            // Each level is built from the names of the level below: M49 is a tree, so an area's
            // parent is the same whichever country led to it.
            let placements = m49::placements();
            let intermediate_to_sub: HashMap<&str, &str> = placements
                .iter()
                .map(|p| (p.intermediate, p.sub_region))
                .collect();
            let sub_to_region: HashMap<&str, &str> = placements
                .iter()
                .map(|p| (p.sub_region, p.region))
                .collect();
            let up = |map: &HashMap<&str, &str>, c: &Category| {
                map.get(c.code.as_str()).map(|s| s.to_string())
            };
            if builtin == Builtin::M49Intermediate {
                hierarchy.coarsen(&at, "M49 intermediate region".into(), unmatched, |c| {
                    m49::placement(&c.code).map(|p| p.intermediate.to_string())
                })?;
                hierarchy.coarsen(&at, "M49 sub-region".into(), unmatched, |c| {
                    up(&intermediate_to_sub, c)
                })?;
            } else {
                hierarchy.coarsen(&at, "M49 sub-region".into(), unmatched, |c| {
                    m49::placement(&c.code).map(|p| p.sub_region.to_string())
                })?;
            }
            hierarchy.coarsen(&at, "M49 region".into(), unmatched, |c| {
                up(&sub_to_region, c)
            })?;
        } else if let Some(periods) = &spec.periods {
            let mut sorted = periods.clone();
            sorted.sort();
            for [from, to] in &sorted {
                if from > to {
                    bail!("{at}: period [{from}, {to}] ends before it starts");
                }
            }
            for pair in sorted.windows(2) {
                if pair[1][0] <= pair[0][1] {
                    bail!("{at}: periods {:?} and {:?} overlap", pair[0], pair[1]);
                }
            }
            let at2 = at.clone();
            hierarchy.coarsen(&at, "periods".into(), unmatched, move |c| {
                let year = year_of(&c.code).ok()?;
                sorted
                    .iter()
                    .find(|[from, to]| (*from..=*to).contains(&year))
                    .map(|[from, to]| period_label(*from, *to))
            })?;
            check_years(&at2, &hierarchy.levels[0])?;
        } else if let Some(width) = spec.width {
            if width < 2 {
                bail!("{at}: `width` must be at least 2 years");
            }
            check_years(&at, &hierarchy.levels[0])?;
            let years: Vec<i64> = hierarchy.levels[0]
                .categories
                .iter()
                .filter_map(|c| year_of(&c.code).ok())
                .collect();
            let origin = spec
                .origin
                .or_else(|| years.iter().copied().min())
                .unwrap_or(0);
            let width = i64::from(width);
            hierarchy.coarsen(&at, format!("{width}-year periods"), unmatched, |c| {
                let year = year_of(&c.code).ok()?;
                let from = origin + (year - origin).div_euclid(width) * width;
                Some(period_label(from, from + width - 1))
            })?;
        }
        Ok(hierarchy)
    }

    /// The coarsest level.
    pub fn top(&self) -> &Level {
        self.levels.last().expect("a hierarchy has level 0")
    }

    /// Adds a level above the current top: `group` names the coarser category of each category of
    /// the top level, or `None` if no rule covers it (then `unmatched`, or an error).
    fn coarsen(
        &mut self,
        at: &str,
        name: String,
        unmatched: Option<&str>,
        group: impl Fn(&Category) -> Option<String>,
    ) -> Result<()> {
        let prev = self.top();
        let mut categories: Vec<Category> = Vec::new();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut lift = Vec::with_capacity(prev.categories.len());
        let mut uncovered = Vec::new();
        for category in &prev.categories {
            let Some(target) = group(category).or_else(|| unmatched.map(str::to_string)) else {
                uncovered.push(category.code.clone());
                continue;
            };
            let next = *index.entry(target.clone()).or_insert_with(|| {
                categories.push(Category {
                    code: target.clone(),
                    label: target,
                });
                (categories.len() - 1) as u32
            });
            lift.push(next);
        }
        if !uncovered.is_empty() {
            bail!(
                "{at}: {name}: no rule covers {}; add them or set `unmatched = \"Other\"`",
                uncovered.join(", ")
            );
        }
        let mut covers = vec![0; categories.len()];
        for (from, to) in lift.iter().enumerate() {
            covers[*to as usize] += prev.covers[from];
        }
        let map = prev
            .map
            .iter()
            .map(|&c| if c == BLANK { BLANK } else { lift[c as usize] })
            .collect();
        self.levels.push(Level {
            name,
            categories,
            map,
            covers,
        });
        Ok(())
    }
}

fn year_of(code: &str) -> Result<i64> {
    code.trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("`{code}` is not a year"))
}

fn check_years(at: &str, level: &Level) -> Result<()> {
    for c in &level.categories {
        year_of(&c.code).map_err(|e| anyhow::anyhow!("{at}: periods need years: {e}"))?;
    }
    Ok(())
}

fn period_label(from: i64, to: i64) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}-{to}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ColumnKind;

    fn column(id: &str, codes: &[&str], unknown: Option<u32>) -> CaseColumn {
        CaseColumn {
            id: id.into(),
            label: id.into(),
            kind: ColumnKind::Category,
            categories: codes
                .iter()
                .map(|c| Category {
                    code: (*c).into(),
                    label: format!("label {c}"),
                })
                .collect(),
            unknown,
            pool_rare: true,
            codes: Vec::new(),
        }
    }

    fn spec(toml_text: &str) -> HierarchySpec {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn explicit_levels_chain_and_keep_unknown_blank() {
        let col = column("age", &["0-8", "9-17", "18-20", "21+", "Unknown"], Some(4));
        let h = Hierarchy::build(
            &col,
            &spec(
                r#"levels = [{ "0-8" = "Minor", "label 9-17" = "Minor", "18-20" = "Adult", "21+" = "Adult" },
                             { Minor = "Any", Adult = "Any" }]"#,
            ),
        )
        .unwrap();
        assert_eq!(h.levels.len(), 3);
        assert_eq!(h.known, 4);
        assert_eq!(h.levels[1].map, vec![0, 0, 1, 1, BLANK]);
        assert_eq!(h.levels[1].covers, vec![2, 2]);
        assert_eq!(h.levels[2].map, vec![0, 0, 0, 0, BLANK]);
        assert_eq!(h.levels[2].categories[0].code, "Any");
    }

    #[test]
    fn uncovered_and_unknown_keys_are_errors() {
        let col = column("age", &["a", "b"], None);
        let err = Hierarchy::build(&col, &spec(r#"levels = [{ a = "X" }]"#))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("[release.hierarchy.age]") && err.contains("covers b"),
            "{err}"
        );
        let err = Hierarchy::build(&col, &spec(r#"levels = [{ a = "X", c = "X", b = "X" }]"#))
            .unwrap_err()
            .to_string();
        assert!(err.contains("maps `c`"), "{err}");
        let ok = Hierarchy::build(
            &col,
            &spec(
                r#"levels = [{ a = "X" }]
unmatched = "Other""#,
            ),
        )
        .unwrap();
        assert_eq!(ok.levels[1].map, vec![0, 1]);
        assert!(Hierarchy::build(&col, &spec("")).is_err());
        assert!(Hierarchy::build(&col, &spec("width = 5\nbuiltin = \"m49\"")).is_err());
    }

    #[test]
    fn m49_builtin_with_pooled_other() {
        let col = column("country", &["LB", "SY", "KE", "NG", "Other", "ZZ"], Some(5));
        let h = Hierarchy::build(
            &col,
            &spec("builtin = \"m49_intermediate\"\nunmatched = \"Other\""),
        )
        .unwrap();
        let codes = |l: &Level| -> Vec<String> {
            l.map
                .iter()
                .map(|&c| {
                    if c == BLANK {
                        "-".into()
                    } else {
                        l.categories[c as usize].code.clone()
                    }
                })
                .collect()
        };
        assert_eq!(
            codes(&h.levels[1]),
            [
                "Western Asia",
                "Western Asia",
                "Eastern Africa",
                "Western Africa",
                "Other",
                "-"
            ]
        );
        assert_eq!(
            codes(&h.levels[2])[2..4],
            ["Sub-Saharan Africa", "Sub-Saharan Africa"]
        );
        assert_eq!(
            codes(&h.levels[3]),
            ["Asia", "Asia", "Africa", "Africa", "Other", "-"]
        );
        let err = Hierarchy::build(&col, &spec("builtin = \"m49\""))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no rule covers Other"), "{err}");
    }

    #[test]
    fn year_periods_and_widths() {
        let col = column("year", &["2015", "2016", "2019", "2020", "2024"], None);
        let h = Hierarchy::build(&col, &spec("periods = [[2020, 2025], [2015, 2019]]")).unwrap();
        assert_eq!(h.levels[1].map, vec![0, 0, 0, 1, 1]);
        assert_eq!(h.levels[1].categories[0].code, "2015-2019");
        let h = Hierarchy::build(&col, &spec("width = 5\norigin = 2010")).unwrap();
        let labels: Vec<&str> = h.levels[1]
            .categories
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(labels, ["2015-2019", "2020-2024"]);
        assert!(Hierarchy::build(&col, &spec("periods = [[2015, 2020], [2020, 2025]]")).is_err());
        let err = Hierarchy::build(&col, &spec("periods = [[2015, 2019]]"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("2020, 2024"), "{err}");
    }
}
