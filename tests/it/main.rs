//! The one integration-test binary. Each area of safestat has its own modules here.

mod site_build;
mod site_cli;
mod site_content;
mod site_errors;
mod site_feeds;
mod site_fixture;
mod site_props;
mod site_snapshots;
