//! The integration tests: one binary, one module per area.

mod records_props;
mod records_release;
mod records_support;
