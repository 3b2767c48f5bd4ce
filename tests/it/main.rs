//! The one integration-test binary; each area adds its modules here.

mod publish_charts;
mod publish_downloads;
mod publish_fixtures;
mod publish_frictionless;
mod publish_leaks;
mod publish_tables;
mod records_props;
mod records_release;
mod records_support;
#[cfg(feature = "serve")]
mod serve_browser;
#[cfg(feature = "serve")]
mod serve_http;
#[cfg(feature = "serve")]
mod serve_live;
#[cfg(feature = "serve")]
mod serve_support;
#[cfg(feature = "serve")]
mod serve_webdriver;
