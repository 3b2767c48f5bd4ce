//! Local suppression after generalisation, in the manner of sdcMicro's `localSuppression`: the
//! records still in classes smaller than k (or not l-diverse) get individual values blanked until
//! they fall into a class that is large and diverse enough.
//!
//! A blank is a value of its own: a record with its age blanked matches only records whose age is
//! blank too (Unknown in the data, or suppressed), never a record with a real age. So blanking a
//! value helps when it moves the record into an existing class with that blank (records whose value
//! was never recorded), or when enough outlying records share the same values elsewhere.
//!
//! Greedy, cheapest first: patterns of blanks (sets of quasi-identifiers) are tried by increasing
//! number of blanks; among patterns of one size, the one that brings the most records to a safe
//! class is applied first, ties going to the pattern that blanks the quasi-identifiers with the most
//! categories (the least informative single values — sdcMicro's default importance). A group of
//! records moves only if its new class reaches k (and l) — so a published class only ever grows.
//! Records that no pattern saves, not even blanking every quasi-identifier, are removed.

use super::keys::{key_map, KeyMap};
use super::lattice::{ClassStat, Classifier};

/// Records, grouped by their generalised key, that are in a class too small.
struct Group {
    key: u64,
    count: u64,
    sensitive: Vec<u32>,
}

/// A published class while suppression runs.
#[derive(Default, Clone)]
struct Class {
    count: u64,
    /// Distinct sensitive values, kept only up to `l` (enough to decide "at least l").
    sensitive: Vec<u32>,
}

/// Groups (by index) moving to each target key.
type Moves = Vec<(u64, Vec<usize>)>;

/// The outcome of local suppression.
pub struct Suppression {
    /// Generalised key of each outlying class → the key its records are published under, or
    /// `None` when they are removed.
    pub remap: KeyMap<Option<u64>>,
    pub values_suppressed: u64,
    /// Values blanked, per quasi-identifier.
    pub values_suppressed_by_column: Vec<u64>,
    pub records_fully_suppressed: u64,
    pub records_removed: u64,
}

fn merge(into: &mut Vec<u32>, from: &[u32], cap: usize) {
    for &s in from {
        if into.len() >= cap {
            return;
        }
        if !into.contains(&s) {
            into.push(s);
        }
    }
}

/// Suppresses values of the outlying classes of `node` (whose classes are `classes`).
/// `category_counts[qi]` is the number of categories of each quasi-identifier at its chosen level.
pub fn suppress(
    classifier: &Classifier<'_>,
    node: &[u8],
    classes: &KeyMap<ClassStat>,
    category_counts: &[usize],
) -> Suppression {
    let layout = classifier.layout;
    let qi_mask = layout.qi_mask();
    let cap = classifier.l.unwrap_or(0) as usize;
    let mut published: KeyMap<Class> = key_map(classes.len());
    let mut outlying: KeyMap<Class> = key_map(64);
    for (&key, &count) in classifier.freq.keys.iter().zip(&classifier.freq.counts) {
        let general = layout.generalise(key, node);
        let class_key = general & qi_mask;
        let target = if classifier.is_outlier(&classes[&class_key]) {
            &mut outlying
        } else {
            &mut published
        };
        let class = target.entry(class_key).or_default();
        class.count += u64::from(count);
        merge(&mut class.sensitive, &[layout.sensitive(general)], cap);
    }
    let mut groups: Vec<Group> = outlying
        .into_iter()
        .map(|(key, c)| Group {
            key,
            count: c.count,
            sensitive: c.sensitive,
        })
        .collect();
    groups.sort_unstable_by_key(|g| g.key);

    let qis = layout.quasi_identifiers();
    let mut masks: Vec<u32> = (0..1u32 << qis).collect();
    let width = |m: u32| -> usize {
        (0..qis)
            .filter(|q| m & (1 << q) != 0)
            .map(|q| category_counts[q])
            .sum()
    };
    masks.sort_by(|&a, &b| {
        a.count_ones()
            .cmp(&b.count_ones())
            .then(width(b).cmp(&width(a)))
            .then(a.cmp(&b))
    });

    let mut outcome = Suppression {
        remap: key_map(groups.len()),
        values_suppressed: 0,
        values_suppressed_by_column: vec![0; qis],
        records_fully_suppressed: 0,
        records_removed: 0,
    };
    let mut unresolved: Vec<usize> = (0..groups.len()).collect();
    for size in 1..=qis as u32 {
        loop {
            // The empty pattern (no new blank) is tried first each round: a group may have become
            // joinable as it is because other groups grew its class.
            let mut best: Option<(u32, u64, Moves)> = None;
            for &mask in masks.iter().filter(|m| m.count_ones() == size || **m == 0) {
                let moves = resolvable(&groups, &unresolved, &published, layout, mask, classifier);
                let moved: u64 = moves
                    .iter()
                    .flat_map(|(_, members)| members.iter().map(|&g| groups[g].count))
                    .sum();
                let better = match &best {
                    None => moved > 0,
                    Some((m, b, _)) => *m != 0 && moved > *b,
                };
                if better || (mask == 0 && moved > 0) {
                    best = Some((mask, moved, moves));
                }
            }
            let Some((mask, _, moves)) = best else {
                break;
            };
            for (target, members) in moves {
                let class = published.entry(target).or_default();
                for &g in &members {
                    let group = &groups[g];
                    class.count += group.count;
                    merge(&mut class.sensitive, &group.sensitive, cap);
                    let mut blanked = 0;
                    for q in 0..qis {
                        if mask & (1 << q) != 0 && layout.field(group.key, q) != 0 {
                            blanked += 1;
                            outcome.values_suppressed_by_column[q] += group.count;
                        }
                    }
                    outcome.values_suppressed += blanked * group.count;
                    if blanked > 0 && layout.known_values(target) == 0 {
                        outcome.records_fully_suppressed += group.count;
                    }
                    outcome.remap.insert(group.key, Some(target));
                }
            }
            unresolved.retain(|g| !outcome.remap.contains_key(&groups[*g].key));
            if unresolved.is_empty() {
                break;
            }
        }
    }
    for g in unresolved {
        outcome.records_removed += groups[g].count;
        outcome.remap.insert(groups[g].key, None);
    }
    outcome
}

/// The groups that blanking `mask` would bring into a safe class, by target key.
fn resolvable(
    groups: &[Group],
    unresolved: &[usize],
    published: &KeyMap<Class>,
    layout: &super::keys::Layout,
    mask: u32,
    classifier: &Classifier<'_>,
) -> Moves {
    let cap = classifier.l.unwrap_or(0) as usize;
    let mut targets: KeyMap<(Class, Vec<usize>)> = key_map(unresolved.len());
    for &g in unresolved {
        let group = &groups[g];
        let entry = targets.entry(layout.blank(group.key, mask)).or_default();
        entry.0.count += group.count;
        merge(&mut entry.0.sensitive, &group.sensitive, cap);
        entry.1.push(g);
    }
    let mut moves: Moves = targets
        .into_iter()
        .filter_map(|(target, (mut class, members))| {
            if let Some(existing) = published.get(&target) {
                class.count += existing.count;
                merge(&mut class.sensitive, &existing.sensitive, cap);
            }
            let stat = ClassStat {
                count: class.count,
                distinct: class.sensitive.len() as u32,
            };
            (!classifier.is_outlier(&stat)).then_some((target, members))
        })
        .collect();
    moves.sort_unstable_by_key(|m| m.0);
    moves
}
