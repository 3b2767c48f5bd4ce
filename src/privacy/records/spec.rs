//! The resolution of a dataset's `[release]` ([`ReleaseSpec`], parsed by `data`) against its
//! [`CaseTable`].

use std::collections::BTreeSet;

use super::hierarchy::Hierarchy;
use crate::data::{CaseTable, ReleaseSpec};
use anyhow::{bail, Result};

/// Local suppression tries every pattern of blanks, 2^n of them.
const MAX_QUASI_IDENTIFIERS: usize = 12;
/// The lattice search keeps every node in memory.
const MAX_LATTICE: usize = 100_000;

/// One quasi-identifier, resolved.
#[derive(Debug, Clone)]
pub struct QuasiIdentifier {
    /// Index of the column in the [`CaseTable`].
    pub column: usize,
    pub hierarchy: Hierarchy,
}

/// A [`ReleaseSpec`] checked against its dataset: columns are indices, hierarchies are resolved.
#[derive(Debug, Clone)]
pub struct ResolvedReleaseSpec {
    pub k: u32,
    pub l: Option<u32>,
    pub quasi_identifiers: Vec<QuasiIdentifier>,
    /// Index of the sensitive column.
    pub sensitive: Option<usize>,
    pub max_suppressed_records: f64,
    /// Label of the Unknown category that blanks are counted in when the release is read back as
    /// a case table (`[privacy] unknown_label`), for columns that have no Unknown category of their own.
    pub unknown_label: String,
}

impl ReleaseSpec {
    /// Checks the spec against `table`. `default_k` and `unknown_label` come from `[privacy]`.
    /// Errors name the offending `[release]` key; the caller prefixes the schema's path.
    pub fn resolve(
        &self,
        table: &CaseTable,
        default_k: u32,
        unknown_label: &str,
    ) -> Result<ResolvedReleaseSpec> {
        let k = self.k.unwrap_or(default_k);
        if k < 2 {
            bail!("[release] k = {k} is not allowed: k must be at least 2");
        }
        if k < default_k {
            bail!("[release] k = {k} is below [privacy] k = {default_k}; it may only be raised");
        }
        if !(0.0..1.0).contains(&self.max_suppressed_records) {
            bail!(
                "[release] max_suppressed_records = {} must be a share in [0, 1)",
                self.max_suppressed_records
            );
        }
        let column = |key: &str, id: &str| -> Result<usize> {
            table.column_index(id).ok_or_else(|| {
                let known: Vec<&str> = table.columns.iter().map(|c| c.id.as_str()).collect();
                anyhow::anyhow!(
                    "[release] {key}: dataset `{}` has no dimension column `{id}`; it has: {}",
                    table.dataset,
                    known.join(", ")
                )
            })
        };
        if self.quasi_identifiers.is_empty() {
            bail!("[release] quasi_identifiers is empty: name the columns an attacker could know");
        }
        if self.quasi_identifiers.len() > MAX_QUASI_IDENTIFIERS {
            bail!(
                "[release] quasi_identifiers names {} columns; at most {MAX_QUASI_IDENTIFIERS} are \
                 supported (and with that many, little survives k-anonymity)",
                self.quasi_identifiers.len()
            );
        }
        let mut seen = BTreeSet::new();
        let mut quasi_identifiers = Vec::new();
        for id in &self.quasi_identifiers {
            if !seen.insert(id.as_str()) {
                bail!("[release] quasi_identifiers names `{id}` twice");
            }
            let index = column("quasi_identifiers", id)?;
            let col = &table.columns[index];
            let hierarchy = match self.hierarchy.get(id) {
                Some(h) => Hierarchy::build(col, h)?,
                None => Hierarchy::identity(col),
            };
            quasi_identifiers.push(QuasiIdentifier {
                column: index,
                hierarchy,
            });
        }
        let lattice: usize = quasi_identifiers
            .iter()
            .map(|q| q.hierarchy.levels.len())
            .product();
        if lattice > MAX_LATTICE {
            bail!(
                "[release.hierarchy]: the hierarchies give {lattice} combinations of levels to \
                 search, more than {MAX_LATTICE}; declare fewer levels"
            );
        }
        for id in self.hierarchy.keys() {
            if !seen.contains(id.as_str()) {
                bail!("[release.hierarchy.{id}]: `{id}` is not one of the quasi_identifiers");
            }
        }
        let sensitive = match &self.sensitive {
            Some(id) => {
                if seen.contains(id.as_str()) {
                    bail!("[release] sensitive = `{id}` is also a quasi-identifier");
                }
                Some(column("sensitive", id)?)
            }
            None => None,
        };
        if let Some(l) = self.l {
            if sensitive.is_none() {
                bail!("[release] l = {l} needs a `sensitive` column");
            }
            if l < 2 {
                bail!("[release] l = {l}: l-diversity needs l of at least 2 (or leave `l` out)");
            }
        }
        Ok(ResolvedReleaseSpec {
            k,
            l: self.l,
            quasi_identifiers,
            sensitive,
            max_suppressed_records: self.max_suppressed_records,
            unknown_label: unknown_label.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `[release]` example in the module documentation is a valid spec.
    #[test]
    fn documented_example_parses() {
        let docs = include_str!("mod.rs");
        let example: String = docs
            .lines()
            .skip_while(|l| *l != "//! ```toml")
            .skip(1)
            .take_while(|l| *l != "//! ```")
            .map(|l| format!("{}\n", l.trim_start_matches("//!").trim_start()))
            .collect();
        assert!(example.contains("[release]"));
        let mut schema: toml::Table = toml::from_str(&example).unwrap();
        let spec: ReleaseSpec = schema.remove("release").unwrap().try_into().unwrap();
        assert!(spec.enabled);
        assert_eq!(spec.k, Some(11));
        assert_eq!(spec.l, Some(2));
        assert_eq!(spec.hierarchy.len(), 3);
        assert!(spec.hierarchy["citizenship"].unmatched.is_some());
    }
}
