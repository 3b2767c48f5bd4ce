//! Disclosure control: aggregation, pooling of rare categories, primary and secondary suppression,
//! and the audit that proves the result safe.
//!
//! Owns: turning [`CaseTable`](crate::data::CaseTable)s and [`TableSpec`](crate::data::TableSpec)s into
//! [`ProtectedTable`]s and an [`AuditReport`].
//!
//! Never does: rendering. A [`ProtectedTable`] carries no true value of a suppressed cell, so nothing
//! downstream can leak one.

pub mod records;
mod table;

pub use table::{CellValue, ProtectedCell, ProtectedTable, PublishedCategory, PublishedDimension};

use anyhow::Result;
use serde::Serialize;

use crate::config::PrivacyConfig;
use crate::data::DataInput;

/// The output of protection: what may be published, and the report that proves it (which holds true
/// values and must never be written under `public/`).
#[derive(Debug)]
pub struct Protection {
    pub tables: Vec<ProtectedTable>,
    pub report: AuditReport,
}

/// The audit of one build. Contains true values: for `safestat audit` only.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditReport {}

/// Aggregates, suppresses and audits every declared table together.
pub fn protect(input: &DataInput, config: &PrivacyConfig) -> Result<Protection> {
    let _ = (input, config);
    anyhow::bail!("disclosure control is not built yet")
}
