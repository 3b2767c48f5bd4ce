//! The command line: clap-derive subcommands that call the library. No logic lives here.

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
    /// Do everything `build` does except writing; list every problem found.
    Check {
        /// The site's root folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
