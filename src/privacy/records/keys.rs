//! Packed integer keys: a record's quasi-identifiers (and its sensitive value) in one `u64`, so
//! equivalence classes are found by hashing integers, never strings.
//!
//! A quasi-identifier's field holds 0 for a blank (Unknown or suppressed) and `index + 1` for a
//! category of the current generalisation level; the sensitive value, if any, sits above them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::hierarchy::BLANK;
use super::spec::ResolvedReleaseSpec;
use super::ReleaseError;
use crate::data::CaseTable;

/// The splitmix64 finaliser: a fast, well-mixing bijection on `u64`.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A hasher for packed keys (the std SipHash is several times slower and buys nothing here: the
/// keys are not attacker-chosen).
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = mix(self.0 ^ u64::from(*b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = mix(self.0 ^ x);
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

pub fn key_map<V>(capacity: usize) -> KeyMap<V> {
    HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

/// Where each field sits in a packed key, and how each generalisation level rewrites it.
pub struct Layout {
    shifts: Vec<u32>,
    masks: Vec<u64>,
    /// Bits taken by the quasi-identifiers; the sensitive value sits above them.
    qi_bits: u32,
    /// `recode[qi][from][to][field]`: the field value at level `to` of a field value at level
    /// `from` (for `from <= to`; a hierarchy is a tree, so this is well defined).
    recode: Vec<Vec<Vec<Vec<u64>>>>,
    /// `merged[qi][level][field]`: for a field value at `level`, the number of known categories its
    /// category covers, minus one (0 for a blank).
    merged: Vec<Vec<Vec<u64>>>,
    /// Known (non-Unknown) categories of each quasi-identifier.
    known: Vec<u32>,
}

fn bits_for(max_value: u64) -> u32 {
    64 - max_value.leading_zeros()
}

impl Layout {
    pub fn new(
        table: &CaseTable,
        spec: &ResolvedReleaseSpec,
    ) -> std::result::Result<Layout, ReleaseError> {
        let mut shifts = Vec::new();
        let mut masks = Vec::new();
        let mut recode = Vec::new();
        let mut merged = Vec::new();
        let mut known = Vec::new();
        let mut bits = 0;
        for qi in &spec.quasi_identifiers {
            let h = &qi.hierarchy;
            let base = &h.levels[0];
            let width = bits_for(base.categories.len() as u64);
            shifts.push(bits);
            masks.push((1u64 << width) - 1);
            bits += width;
            known.push(h.known);
            let field_at = |level: usize, code: usize| -> u64 {
                match h.levels[level].map[code] {
                    BLANK => 0,
                    c => u64::from(c) + 1,
                }
            };
            let mut from_levels = Vec::new();
            for from in 0..h.levels.len() {
                let mut to_levels = Vec::new();
                for to in 0..h.levels.len() {
                    let mut r = vec![0u64; h.levels[from].categories.len() + 1];
                    if from <= to {
                        for code in 0..base.map.len() {
                            r[field_at(from, code) as usize] = field_at(to, code);
                        }
                    }
                    to_levels.push(r);
                }
                from_levels.push(to_levels);
            }
            recode.push(from_levels);
            merged.push(
                h.levels
                    .iter()
                    .map(|level| {
                        std::iter::once(0)
                            .chain(level.covers.iter().map(|&c| u64::from(c) - 1))
                            .collect()
                    })
                    .collect(),
            );
        }
        let qi_bits = bits;
        if let Some(s) = spec.sensitive {
            bits += bits_for(table.columns[s].categories.len() as u64);
        }
        if bits > 64 {
            return Err(ReleaseError::KeyTooWide {
                dataset: table.dataset.clone(),
                bits,
            });
        }
        Ok(Layout {
            shifts,
            masks,
            qi_bits,
            recode,
            merged,
            known,
        })
    }

    pub fn quasi_identifiers(&self) -> usize {
        self.shifts.len()
    }

    /// Mask of the quasi-identifier part of a key.
    pub fn qi_mask(&self) -> u64 {
        if self.qi_bits == 64 {
            u64::MAX
        } else {
            (1u64 << self.qi_bits) - 1
        }
    }

    /// The level-0 key of every record.
    pub fn record_keys(&self, table: &CaseTable, spec: &ResolvedReleaseSpec) -> Vec<u64> {
        let mut keys = vec![0u64; table.len];
        for (i, qi) in spec.quasi_identifiers.iter().enumerate() {
            let map = &qi.hierarchy.levels[0].map;
            let shift = self.shifts[i];
            for (key, &code) in keys.iter_mut().zip(&table.columns[qi.column].codes) {
                let i0 = map[code as usize];
                if i0 != BLANK {
                    *key |= (u64::from(i0) + 1) << shift;
                }
            }
        }
        if let Some(s) = spec.sensitive {
            for (key, &code) in keys.iter_mut().zip(&table.columns[s].codes) {
                *key |= u64::from(code) << self.qi_bits;
            }
        }
        keys
    }

    pub fn field(&self, key: u64, qi: usize) -> u64 {
        (key >> self.shifts[qi]) & self.masks[qi]
    }

    pub fn sensitive(&self, key: u64) -> u32 {
        if self.qi_bits == 64 {
            0
        } else {
            (key >> self.qi_bits) as u32
        }
    }

    /// The key with the fields in `mask` (bit i = quasi-identifier i) blanked.
    pub fn blank(&self, key: u64, mask: u32) -> u64 {
        let mut out = key;
        for qi in 0..self.shifts.len() {
            if mask & (1 << qi) != 0 {
                out &= !(self.masks[qi] << self.shifts[qi]);
            }
        }
        out
    }

    /// A level-0 key generalised to `node` (one level per quasi-identifier); the sensitive part is kept.
    pub fn generalise(&self, key: u64, node: &[u8]) -> u64 {
        let mut out = key & !self.qi_mask();
        for (qi, &level) in node.iter().enumerate() {
            let field = self.field(key, qi);
            out |= self.recode[qi][0][level as usize][field as usize] << self.shifts[qi];
        }
        out
    }

    /// A key at `from` generalised further to `to` (`from <= to` level by level).
    pub fn regeneralise(&self, key: u64, from: &[u8], to: &[u8]) -> u64 {
        let mut out = key & !self.qi_mask();
        for (qi, (&f, &t)) in from.iter().zip(to).enumerate() {
            let field = self.field(key, qi);
            out |= self.recode[qi][f as usize][t as usize][field as usize] << self.shifts[qi];
        }
        out
    }

    /// For field value `field` of `qi` at `level`: known categories merged into it, minus one.
    pub fn merged(&self, qi: usize, level: u8, field: u64) -> u64 {
        self.merged[qi][level as usize][field as usize]
    }

    /// The information lost by publishing one value whose category merges `merged + 1` known
    /// categories of `qi`: `merged / (known − 1)`, in [0, 1].
    pub fn value_loss(&self, qi: usize, merged: u64) -> f64 {
        if self.known[qi] > 1 {
            merged as f64 / f64::from(self.known[qi] - 1)
        } else {
            0.0
        }
    }

    /// The number of known (non-blank) quasi-identifier values in a key.
    pub fn known_values(&self, key: u64) -> u32 {
        (0..self.shifts.len())
            .filter(|&qi| self.field(key, qi) != 0)
            .count() as u32
    }

    /// Number of generalisation levels of each quasi-identifier.
    pub fn heights(&self) -> Vec<u8> {
        self.merged.iter().map(|m| m.len() as u8).collect()
    }
}

/// The distinct level-0 keys of the dataset with their record counts (ARX's "snapshot" of the
/// bottom of the lattice): every node is evaluated from this, not from the records.
pub struct Frequencies {
    pub keys: Vec<u64>,
    pub counts: Vec<u32>,
}

impl Frequencies {
    pub fn new(record_keys: &[u64]) -> Frequencies {
        let mut counts: KeyMap<u32> = key_map(1024);
        for &k in record_keys {
            *counts.entry(k).or_insert(0) += 1;
        }
        let mut pairs: Vec<(u64, u32)> = counts.into_iter().collect();
        pairs.sort_unstable();
        Frequencies {
            keys: pairs.iter().map(|p| p.0).collect(),
            counts: pairs.iter().map(|p| p.1).collect(),
        }
    }
}
