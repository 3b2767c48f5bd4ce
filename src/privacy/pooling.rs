//! Pooling of rare categories into `Other`, per dimension, over the whole dataset.
//!
//! The rules are stated in the module doc of [`crate::privacy`]; this file implements them.

use serde::Serialize;

use crate::config::PrivacyConfig;
use crate::data::CaseColumn;

use super::table::PublishedCategory;

/// A dimension column after pooling: the categories that may be published, and where each of the
/// column's original codes is counted.
#[derive(Debug, Clone)]
pub(crate) struct PooledColumn {
    /// The published categories in display order.
    pub categories: Vec<PublishedCategory>,
    /// `published_of[original code]`: the index in `categories` the code is counted in, or `None`
    /// for a code that occurs in no case and is not published.
    pub published_of: Vec<Option<u32>>,
    /// What was pooled, for the audit report (holds rare labels: never published).
    pub pooled: Option<PoolingAudit>,
}

/// The pooling done on one dimension, as shown in the audit report.
#[derive(Debug, Clone, Serialize)]
pub struct PoolingAudit {
    /// Column id.
    pub dimension: String,
    /// Labels of the categories counted in `Other` (only those with at least one case).
    pub pooled_labels: Vec<String>,
    /// Cases counted in `Other`.
    pub other_total: u64,
}

/// The code given to a new `Other` category: `other`, or with underscores appended until it is
/// not one of the column's own codes.
fn other_code(column: &CaseColumn) -> String {
    let mut code = "other".to_string();
    while column.categories.iter().any(|c| c.code == code) {
        code.push('_');
    }
    code
}

/// Pools the rare categories of `column` (if it asks for pooling) given the privacy settings.
pub(crate) fn pool_column(column: &CaseColumn, config: &PrivacyConfig) -> PooledColumn {
    let n = column.categories.len();
    let mut totals = vec![0u64; n];
    for &code in &column.codes {
        totals[code as usize] += 1;
    }
    let identity = || PooledColumn {
        categories: column
            .categories
            .iter()
            .map(|c| PublishedCategory {
                code: c.code.clone(),
                label: c.label.clone(),
            })
            .collect(),
        published_of: (0..n as u32).map(Some).collect(),
        pooled: None,
    };
    if !column.pool_rare {
        return identity();
    }
    let k = u64::from(config.k);
    let unknown = column.unknown.map(|u| u as usize);
    // A category of the domain already labelled like `Other` is the pool itself.
    let existing_other = (0..n).find(|&c| {
        Some(c) != unknown
            && (column.categories[c]
                .label
                .eq_ignore_ascii_case(&config.other_label)
                || column.categories[c].code.eq_ignore_ascii_case("other"))
    });
    let poolable = |c: usize| Some(c) != unknown && Some(c) != existing_other;
    let mut pooled: Vec<bool> = (0..n).map(|c| poolable(c) && totals[c] < k).collect();
    let mut other_total: u64 = (0..n)
        .filter(|&c| pooled[c])
        .map(|c| totals[c])
        .sum::<u64>()
        + existing_other.map_or(0, |c| totals[c]);
    // `Other` itself must not be rare: pool the next-smallest category in until it reaches k, or
    // until nothing is left to pool (then `Other` is an ordinary small cell, suppressed as usual).
    let any_rare = (0..n).any(|c| pooled[c] && totals[c] > 0);
    while any_rare && other_total < k {
        let next = (0..n)
            .filter(|&c| poolable(c) && !pooled[c])
            .min_by_key(|&c| (totals[c], c));
        let Some(c) = next else { break };
        pooled[c] = true;
        other_total += totals[c];
    }
    if !pooled.iter().any(|&p| p) {
        return identity();
    }

    let mut categories = Vec::with_capacity(n + 1);
    let mut published_of = vec![None; n];
    let mut other_index: Option<u32> = None;
    let new_other_needed = existing_other.is_none() && other_total > 0;
    let unknown_is_last = unknown == Some(n - 1);
    for c in 0..n {
        if new_other_needed && unknown_is_last && Some(c) == unknown {
            other_index = Some(categories.len() as u32);
            categories.push(PublishedCategory {
                code: other_code(column),
                label: config.other_label.clone(),
            });
        }
        if pooled[c] {
            continue;
        }
        if Some(c) == existing_other {
            other_index = Some(categories.len() as u32);
        }
        published_of[c] = Some(categories.len() as u32);
        categories.push(PublishedCategory {
            code: column.categories[c].code.clone(),
            label: column.categories[c].label.clone(),
        });
    }
    if new_other_needed && other_index.is_none() {
        other_index = Some(categories.len() as u32);
        categories.push(PublishedCategory {
            code: other_code(column),
            label: config.other_label.clone(),
        });
    }
    let mut pooled_labels = Vec::new();
    for c in 0..n {
        if pooled[c] {
            if totals[c] > 0 {
                published_of[c] = other_index;
                pooled_labels.push(column.categories[c].label.clone());
            } else {
                // No case has this code; it is simply not listed.
                published_of[c] = None;
            }
        }
    }
    PooledColumn {
        categories,
        published_of,
        pooled: Some(PoolingAudit {
            dimension: column.id.clone(),
            pooled_labels,
            other_total,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Category, ColumnKind};

    fn column(labels: &[&str], codes: Vec<u32>, unknown: Option<u32>) -> CaseColumn {
        CaseColumn {
            id: "country".into(),
            label: "Country".into(),
            kind: ColumnKind::Category,
            categories: labels
                .iter()
                .map(|l| Category {
                    code: l.to_lowercase(),
                    label: (*l).into(),
                })
                .collect(),
            unknown,
            pool_rare: true,
            codes,
        }
    }

    fn repeat(spec: &[(u32, usize)]) -> Vec<u32> {
        spec.iter()
            .flat_map(|&(c, n)| std::iter::repeat(c).take(n))
            .collect()
    }

    fn config(k: u32) -> PrivacyConfig {
        PrivacyConfig {
            k,
            ..PrivacyConfig::default()
        }
    }

    fn labels(p: &PooledColumn) -> Vec<&str> {
        p.categories.iter().map(|c| c.label.as_str()).collect()
    }

    #[test]
    fn rare_categories_go_to_other_before_unknown_and_unknown_stays() {
        // A: 20, B: 6, C: 7, D: 0, Unknown: 2
        let col = column(
            &["A", "B", "C", "D", "Unknown"],
            repeat(&[(0, 20), (1, 6), (2, 7), (4, 2)]),
            Some(4),
        );
        let p = pool_column(&col, &config(11));
        assert_eq!(labels(&p), vec!["A", "Other", "Unknown"]);
        assert_eq!(
            p.published_of,
            vec![Some(0), Some(1), Some(1), None, Some(2)]
        );
        let audit = p.pooled.unwrap();
        assert_eq!(audit.pooled_labels, vec!["B", "C"]);
        assert_eq!(audit.other_total, 13);
    }

    #[test]
    fn other_below_k_takes_in_the_next_smallest_category() {
        // A: 30, B: 12, C: 3 → Other would hold 3 < 11, so B (the next smallest) joins it.
        let col = column(&["A", "B", "C"], repeat(&[(0, 30), (1, 12), (2, 3)]), None);
        let p = pool_column(&col, &config(11));
        assert_eq!(labels(&p), vec!["A", "Other"]);
        assert_eq!(p.pooled.unwrap().other_total, 15);
    }

    #[test]
    fn an_existing_other_category_is_the_pool() {
        let col = column(
            &["A", "Other", "B"],
            repeat(&[(0, 30), (1, 4), (2, 8)]),
            None,
        );
        let p = pool_column(&col, &config(11));
        assert_eq!(labels(&p), vec!["A", "Other"]);
        assert_eq!(p.published_of, vec![Some(0), Some(1), Some(1)]);
    }

    #[test]
    fn pooling_off_or_nothing_rare_keeps_the_domain() {
        let mut col = column(&["A", "B"], repeat(&[(0, 30), (1, 2)]), None);
        col.pool_rare = false;
        assert_eq!(labels(&pool_column(&col, &config(11))), vec!["A", "B"]);
        col.pool_rare = true;
        assert_eq!(labels(&pool_column(&col, &config(2))), vec!["A", "B"]);
    }
}
