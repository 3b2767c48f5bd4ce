//! The command line: clap-derive subcommands that call the library. No logic lives here.

#[cfg(feature = "serve")]
use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// safestat — a static-site generator for statistics on human trafficking,
/// with disclosure control built in.
#[derive(Debug, Parser)]
#[command(name = "safestat", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (replaced only if the whole build succeeds).
    Build {
        /// The site's root folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/public).
        #[arg(long, short)]
        output_dir: Option<PathBuf>,
        /// Override base_url from config.toml.
        #[arg(long, short = 'u')]
        base_url: Option<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Do everything `build` does except writing and building the search index; list every
    /// problem found.
    Check {
        /// The site's root folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site at http://127.0.0.1:1111/: rebuilds on every change to content/,
    /// templates/, static/, data/ or config.toml and reloads open pages; a failed build keeps the
    /// last good site and shows the error in the browser. Never writes into public/.
    #[cfg(feature = "serve")]
    Serve {
        /// The site's root folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only loopback addresses are accepted without
        /// --allow-non-loopback.
        #[arg(long, short, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Accept a --bind address other than loopback. The preview shows drafts, which may
        /// quote figures that are not yet published, to anyone who can reach that address.
        #[arg(long)]
        allow_non_loopback: bool,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site skeleton that builds as it is.
    Init {
        /// Folder to create the site in (must be empty or not exist).
        dir: PathBuf,
    },
    /// Create a new content file.
    New {
        #[command(subcommand)]
        kind: NewKind,
    },
    /// Print the disclosure-control audit: per table, cells, suppressions and each suppressed
    /// cell's feasible interval. Contains true values: never publish it.
    Audit {
        /// The site's root folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also write the report as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Also bound each small cell's maximum as an integer program (whole numbers of cases),
        /// which can be tighter than the LP in three-way and linked tables, and report any that
        /// falls below k.
        #[arg(long)]
        integer: bool,
        /// Audit this suppression pattern (e.g. another tool's) instead of choosing one, and
        /// report every cell it leaves unsafe. CSV with a header `table,key`; one row per
        /// suppressed cell, key `dim=code;dim=code` with `Total` for a margin.
        #[arg(long, value_name = "FILE")]
        check_pattern: Option<PathBuf>,
    },
    /// Write a realistic synthetic case file (for the example site and benchmarks).
    Synth {
        /// Number of case rows.
        #[arg(long, default_value_t = 20_000)]
        rows: usize,
        /// Random seed; the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// A press release: content/news/<yyyy-mm-dd>-<slug>.md
    News {
        /// The press release's title.
        title: String,
        /// The site's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}
