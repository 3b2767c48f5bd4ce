//! Full-domain generalisation: the search of the lattice of generalisation levels.
//!
//! A node gives one level per quasi-identifier. It is *feasible* when, with every value recoded to
//! its level, the records in classes smaller than k (or with fewer than l distinct sensitive values)
//! are at most the allowed share. Feasibility is monotone — a node above a feasible node is feasible
//! — so, as in ARX's Flash, the search walks paths upward from the bottom and binary-searches each
//! path, tagging every node above a feasible node feasible and every node below an infeasible one
//! infeasible without evaluating them (predictive tagging).
//!
//! Among the feasible nodes it picks the one losing least information (see [`Evaluation::loss`]).
//! That loss is not monotone (more generalisation, fewer outliers), but its generalisation part is
//! monotone and computable from the marginals alone, so it is a lower bound: candidates are taken in
//! increasing order of that bound and the search stops once the bound reaches the best loss found.

use std::cell::RefCell;

use super::keys::{key_map, Frequencies, KeyMap, Layout};

/// A class of records sharing one generalised quasi-identifier key.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClassStat {
    pub count: u64,
    /// Distinct sensitive values (only counted when l-diversity is required).
    pub distinct: u32,
}

/// What a node costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// Records in classes smaller than k or less than l-diverse.
    pub outliers: u64,
    /// Information loss in [0, 1]: the mean, over every quasi-identifier value of every record, of
    /// the value's loss — `(merged categories − 1) / (known categories − 1)` for a published value
    /// (Iyengar's loss metric), 1 for a value of an outlier (counted as suppressed), 0 for an
    /// Unknown, which held no information to lose.
    pub loss: f64,
}

/// The distinct generalised keys (quasi-identifiers and sensitive value) of one node, with counts.
struct Snapshot {
    node: Vec<u8>,
    keys: Vec<u64>,
    counts: Vec<u32>,
}

/// Evaluates lattice nodes. A node's snapshot is rolled up from the smallest snapshot already
/// computed below it (as ARX does), falling back to the bottom node's frequencies.
pub struct Classifier<'a> {
    pub layout: &'a Layout,
    pub freq: &'a Frequencies,
    pub k: u64,
    pub l: Option<u32>,
    /// Total records, part of the loss's denominator.
    pub records: u64,
    cache: RefCell<Vec<Snapshot>>,
}

impl<'a> Classifier<'a> {
    pub fn new(
        layout: &'a Layout,
        freq: &'a Frequencies,
        k: u64,
        l: Option<u32>,
        records: u64,
    ) -> Classifier<'a> {
        Classifier {
            layout,
            freq,
            k,
            l,
            records,
            cache: RefCell::new(Vec::new()),
        }
    }

    pub fn is_outlier(&self, class: &ClassStat) -> bool {
        class.count < self.k || self.l.is_some_and(|l| class.distinct < l)
    }

    fn snapshot(&self, node: &[u8]) -> Snapshot {
        let cache = self.cache.borrow();
        let bottom = vec![0u8; node.len()];
        let (from, keys, counts) = cache
            .iter()
            .filter(|s| dominates(node, &s.node))
            .min_by_key(|s| s.keys.len())
            .map_or((&bottom, &self.freq.keys, &self.freq.counts), |s| {
                (&s.node, &s.keys, &s.counts)
            });
        let mut rolled: KeyMap<u32> = key_map(keys.len() / 2 + 16);
        for (&key, &count) in keys.iter().zip(counts) {
            *rolled
                .entry(self.layout.regeneralise(key, from, node))
                .or_insert(0) += count;
        }
        let (keys, counts) = rolled.into_iter().unzip();
        Snapshot {
            node: node.to_vec(),
            keys,
            counts,
        }
    }

    /// Keeps a snapshot for later roll-ups, within a memory budget of twice the bottom's size.
    fn remember(&self, snapshot: Snapshot) {
        let budget = 2 * self.freq.keys.len();
        if snapshot.keys.len() * 2 > budget {
            return;
        }
        let mut cache = self.cache.borrow_mut();
        cache.push(snapshot);
        cache.sort_by_key(|s| s.keys.len());
        while cache.iter().map(|s| s.keys.len()).sum::<usize>() > budget {
            cache.pop();
        }
    }

    fn classes_of(&self, snapshot: &Snapshot) -> KeyMap<ClassStat> {
        let qi_mask = self.layout.qi_mask();
        let mut classes: KeyMap<ClassStat> = key_map(snapshot.keys.len() / 2 + 16);
        for (&key, &count) in snapshot.keys.iter().zip(&snapshot.counts) {
            let class = classes.entry(key & qi_mask).or_default();
            class.count += u64::from(count);
            class.distinct += 1;
        }
        classes
    }

    /// The classes of `node`, keyed by generalised quasi-identifier key.
    pub fn classes(&self, node: &[u8]) -> KeyMap<ClassStat> {
        self.classes_of(&self.snapshot(node))
    }

    pub fn evaluate(&self, node: &[u8]) -> Evaluation {
        let snapshot = self.snapshot(node);
        let classes = self.classes_of(&snapshot);
        let qi_mask = self.layout.qi_mask();
        let mut outliers = 0u64;
        let mut outlier_values = 0u64;
        let mut merged = vec![0u64; node.len()];
        for (&key, &count) in snapshot.keys.iter().zip(&snapshot.counts) {
            let count = u64::from(count);
            if self.is_outlier(&classes[&(key & qi_mask)]) {
                outliers += count;
                outlier_values += count * u64::from(self.layout.known_values(key));
            } else {
                for (qi, &level) in node.iter().enumerate() {
                    merged[qi] += count * self.layout.merged(qi, level, self.layout.field(key, qi));
                }
            }
        }
        drop(classes);
        self.remember(snapshot);
        Evaluation {
            outliers,
            loss: (self.merged_loss(&merged) + outlier_values as f64) / self.denominator(),
        }
    }

    /// Summed loss of per-quasi-identifier sums of merged categories.
    fn merged_loss(&self, merged: &[u64]) -> f64 {
        merged
            .iter()
            .enumerate()
            .map(|(qi, &m)| self.layout.value_loss(qi, m))
            .sum()
    }

    fn denominator(&self) -> f64 {
        (self.records.max(1) * self.layout.quasi_identifiers() as u64) as f64
    }

    /// `bound[qi][level]`: merged categories summed over all records for that quasi-identifier
    /// at that level, from the marginals — the generalisation part of the loss.
    fn bounds(&self) -> Vec<Vec<u64>> {
        let heights = self.layout.heights();
        let mut bound: Vec<Vec<u64>> = heights.iter().map(|&h| vec![0; h as usize]).collect();
        let bottom = vec![0u8; heights.len()];
        for (&key, &count) in self.freq.keys.iter().zip(&self.freq.counts) {
            for (qi, levels) in bound.iter_mut().enumerate() {
                for (level, sum) in levels.iter_mut().enumerate() {
                    let mut to = bottom.clone();
                    to[qi] = level as u8;
                    let field = self
                        .layout
                        .field(self.layout.regeneralise(key, &bottom, &to), qi);
                    *sum += u64::from(count) * self.layout.merged(qi, level as u8, field);
                }
            }
        }
        bound
    }
}

/// The chosen node and what the search did.
#[derive(Debug, Clone)]
pub struct SearchOutcome {
    /// The chosen levels, or `None` if no node is feasible.
    pub node: Option<Vec<u8>>,
    pub evaluation: Option<Evaluation>,
    pub lattice_size: usize,
    pub evaluated: usize,
    /// Outliers at the top node (the most any generalisation can do), for error messages.
    pub top_outliers: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Unknown,
    Feasible,
    Infeasible,
}

/// Searches the lattice for the feasible node of least loss; `max_outliers` is the allowed number
/// of records in classes smaller than k.
pub fn search(classifier: &Classifier<'_>, max_outliers: u64) -> SearchOutcome {
    let heights = classifier.layout.heights();
    let size: usize = heights.iter().map(|&h| h as usize).product();
    let nodes: Vec<Vec<u8>> = (0..size).map(|i| decode(i, &heights)).collect();
    let bounds = classifier.bounds();
    let denominator = classifier.denominator();
    let bound = |node: &[u8]| -> f64 {
        let merged: Vec<u64> = node
            .iter()
            .enumerate()
            .map(|(qi, &l)| bounds[qi][l as usize])
            .collect();
        classifier.merged_loss(&merged) / denominator
    };
    let height = |node: &[u8]| -> u32 { node.iter().map(|&l| u32::from(l)).sum() };
    let bounds_of: Vec<f64> = nodes.iter().map(|n| bound(n)).collect();

    let mut tags = vec![Tag::Unknown; size];
    let mut evaluations: Vec<Option<Evaluation>> = vec![None; size];
    let mut evaluated = 0;
    let mut evaluate = |i: usize, evaluations: &mut Vec<Option<Evaluation>>| -> Evaluation {
        if let Some(e) = evaluations[i] {
            return e;
        }
        evaluated += 1;
        let e = classifier.evaluate(&nodes[i]);
        evaluations[i] = Some(e);
        e
    };
    let tag = |tags: &mut Vec<Tag>, i: usize, feasible: bool| {
        for j in 0..size {
            if tags[j] != Tag::Unknown {
                continue;
            }
            if feasible && dominates(&nodes[j], &nodes[i]) {
                tags[j] = Tag::Feasible;
            } else if !feasible && dominates(&nodes[i], &nodes[j]) {
                tags[j] = Tag::Infeasible;
            }
        }
    };

    // Phase 1 (Flash): classify every node, evaluating as few as possible.
    let mut order: Vec<usize> = (0..size).collect();
    order.sort_by(|&a, &b| {
        height(&nodes[a])
            .cmp(&height(&nodes[b]))
            .then(bounds_of[a].total_cmp(&bounds_of[b]))
            .then(a.cmp(&b))
    });
    for &start in &order {
        if tags[start] != Tag::Unknown {
            continue;
        }
        let mut path = vec![start];
        loop {
            let current = &nodes[*path.last().expect("non-empty path")];
            let next = (0..current.len())
                .filter(|&qi| current[qi] + 1 < heights[qi])
                .map(|qi| {
                    let mut up = current.clone();
                    up[qi] += 1;
                    encode(&up, &heights)
                })
                .filter(|&j| tags[j] == Tag::Unknown)
                .min_by(|&a, &b| bounds_of[a].total_cmp(&bounds_of[b]).then(a.cmp(&b)));
            match next {
                Some(j) => path.push(j),
                None => break,
            }
        }
        let (mut lo, mut hi) = (0usize, path.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let i = path[mid];
            if tags[i] == Tag::Unknown {
                let feasible = evaluate(i, &mut evaluations).outliers <= max_outliers;
                tags[i] = if feasible {
                    Tag::Feasible
                } else {
                    Tag::Infeasible
                };
                tag(&mut tags, i, feasible);
            }
            if tags[i] == Tag::Feasible {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
    }

    // Phase 2: the feasible node of least loss, by increasing lower bound.
    let mut candidates: Vec<usize> = (0..size).filter(|&i| tags[i] == Tag::Feasible).collect();
    candidates.sort_by(|&a, &b| {
        bounds_of[a]
            .total_cmp(&bounds_of[b])
            .then(height(&nodes[a]).cmp(&height(&nodes[b])))
            .then(a.cmp(&b))
    });
    let mut best: Option<(usize, Evaluation)> = None;
    for i in candidates {
        if let Some((_, b)) = best {
            if bounds_of[i] >= b.loss {
                break;
            }
        }
        let e = evaluate(i, &mut evaluations);
        if best.map_or(true, |(_, b)| e.loss < b.loss) {
            best = Some((i, e));
        }
    }
    SearchOutcome {
        node: best.map(|(i, _)| nodes[i].clone()),
        evaluation: best.map(|(_, e)| e),
        lattice_size: size,
        evaluated,
        top_outliers: evaluations[size - 1].map(|e| e.outliers),
    }
}

fn dominates(upper: &[u8], lower: &[u8]) -> bool {
    upper.iter().zip(lower).all(|(u, l)| u >= l)
}

fn decode(mut index: usize, heights: &[u8]) -> Vec<u8> {
    let mut node = vec![0u8; heights.len()];
    for qi in (0..heights.len()).rev() {
        node[qi] = (index % heights[qi] as usize) as u8;
        index /= heights[qi] as usize;
    }
    node
}

fn encode(node: &[u8], heights: &[u8]) -> usize {
    node.iter()
        .zip(heights)
        .fold(0, |acc, (&l, &h)| acc * h as usize + l as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ReleaseSpec;
    use crate::data::{CaseColumn, CaseTable, Category, ColumnKind};
    use proptest::prelude::*;

    fn column(id: &str, codes: &[&str], values: Vec<u32>) -> CaseColumn {
        CaseColumn {
            id: id.into(),
            label: id.into(),
            kind: ColumnKind::Category,
            categories: codes
                .iter()
                .map(|c| Category {
                    code: (*c).into(),
                    label: (*c).into(),
                })
                .collect(),
            unknown: Some(codes.len() as u32 - 1),
            pool_rare: true,
            codes: values,
        }
    }

    proptest! {
        /// The Flash search with pruning and roll-ups picks a node as good as trying every node
        /// from scratch, and rolled-up evaluations equal evaluations from the bottom.
        #[test]
        fn search_matches_exhaustive_evaluation(
            rows in prop::collection::vec((0u32..5, 0u32..4, 0u32..7, 0u32..3), 1..120),
            k in 2u64..6,
            l in prop::option::of(2u32..3),
            limit in 0u64..40,
        ) {
            let table = CaseTable {
                dataset: "t".into(),
                title: "t".into(),
                source: "t.csv".into(),
                len: rows.len(),
                columns: vec![
                    column("a", &["a1", "a2", "a3", "a4", "?"], rows.iter().map(|r| r.0).collect()),
                    column("b", &["b1", "b2", "b3", "?"], rows.iter().map(|r| r.1).collect()),
                    column("c", &["LB", "SY", "NG", "GH", "FR", "DE", "?"], rows.iter().map(|r| r.2).collect()),
                    column("s", &["x", "y", "?"], rows.iter().map(|r| r.3).collect()),
                ],
            };
            let spec: ReleaseSpec = toml::from_str(
                r#"quasi_identifiers = ["a", "b", "c"]
                sensitive = "s"
                [hierarchy.a]
                levels = [{ a1 = "A", a2 = "A", a3 = "B", a4 = "B" }, { A = "*", B = "*" }]
                [hierarchy.c]
                builtin = "m49"
                "#,
            )
            .unwrap();
            let spec = spec.resolve(&table, 2, "Unknown").unwrap();
            let layout = Layout::new(&table, &spec).unwrap();
            let freq = Frequencies::new(&layout.record_keys(&table, &spec));
            let n = rows.len() as u64;
            let warm = Classifier::new(&layout, &freq, k, l, n);
            let outcome = search(&warm, limit);
            let heights = layout.heights();
            let size: usize = heights.iter().map(|&h| h as usize).product();
            let mut best: Option<f64> = None;
            for i in 0..size {
                let node = decode(i, &heights);
                let cold = Classifier::new(&layout, &freq, k, l, n).evaluate(&node);
                prop_assert_eq!(warm.evaluate(&node), cold);
                if cold.outliers <= limit && best.map_or(true, |b| cold.loss < b) {
                    best = Some(cold.loss);
                }
            }
            prop_assert_eq!(outcome.evaluation.map(|e| e.loss), best);
            if let (Some(node), Some(e)) = (&outcome.node, outcome.evaluation) {
                prop_assert!(e.outliers <= limit);
                prop_assert_eq!(Classifier::new(&layout, &freq, k, l, n).evaluate(node), e);
            }
            prop_assert!(outcome.evaluated <= size);
        }
    }

    #[test]
    fn encode_decode_round_trip() {
        let heights = [2u8, 1, 3, 4];
        for i in 0..24 {
            assert_eq!(encode(&decode(i, &heights), &heights), i);
        }
        assert_eq!(decode(23, &heights), vec![1, 0, 2, 3]);
        assert!(dominates(&[1, 0, 2], &[1, 0, 1]));
        assert!(!dominates(&[1, 0, 2], &[0, 1, 1]));
    }
}
