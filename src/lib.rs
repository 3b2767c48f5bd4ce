//! safestat: a static-site generator for organisations that publish statistics on human
//! trafficking. It turns `content/` (Markdown), `data/` (de-identified case records) and
//! `templates/` (Tera) into a static site, and no published number, chart, download or sentence
//! may single out a victim: every figure comes from a table protected by `privacy`.
//!
//! Data flows one way (see `ARCHITECTURE.md`):
//! `config` → `data` → `privacy` → `render` → (`search`) → `output`, wired together in [`site`].

pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostic;
pub mod html;
pub mod language;
pub mod output;
pub mod privacy;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod walk;
pub mod walk_rules;
