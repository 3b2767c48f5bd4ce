//! The integration tests, as one binary (one link step on a 2-core machine).

mod privacy_audit;
mod privacy_guarantee;
mod privacy_oracle;
mod privacy_props;
