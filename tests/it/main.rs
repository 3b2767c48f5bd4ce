//! The one integration-test binary (to keep link time low); one module per area.

mod data_errors;
mod data_ingest;
mod data_leaks;
mod data_props;
mod data_support;
mod data_synth;
mod data_tables;
mod fuzz_inputs;
mod fuzz_support;
mod input_errors;
mod input_text;
mod privacy_audit;
mod privacy_guarantee;
mod privacy_linked;
mod privacy_optimum;
mod privacy_oracle;
mod privacy_props;
mod publish_charts;
mod publish_downloads;
mod publish_fixtures;
mod publish_frictionless;
mod publish_leaks;
mod publish_spreadsheets;
mod publish_tables;
mod records_props;
mod records_release;
mod records_support;
mod release_site;
#[cfg(feature = "serve")]
mod serve_browser;
#[cfg(feature = "serve")]
mod serve_browser_layout;
#[cfg(feature = "serve")]
mod serve_browser_search;
#[cfg(feature = "serve")]
mod serve_host;
#[cfg(feature = "serve")]
mod serve_http;
#[cfg(feature = "serve")]
mod serve_live;
#[cfg(feature = "serve")]
mod serve_support;
#[cfg(feature = "serve")]
mod serve_webdriver;
mod site_build;
mod site_cache;
mod site_cli;
mod site_content;
mod site_errors;
mod site_feeds;
mod site_fixture;
mod site_i18n;
mod site_languages;
mod site_leaks;
mod site_props;
mod site_raw_html;
mod site_search;
mod site_snapshots;
mod site_spreadsheets;
mod site_statistics;
mod site_swap;
mod xlsx_support;
