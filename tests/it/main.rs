//! The integration tests: one binary (to keep link time low), one module per area.

mod data_errors;
mod data_ingest;
mod data_props;
mod data_support;
mod data_synth;
mod data_tables;
