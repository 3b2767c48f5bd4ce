use std::process::ExitCode;

use clap::Parser;

use safestat::cli::{Cli, Command, NewKind};
use safestat::site::BuildOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
        } => safestat::site::build(&BuildOptions {
            root,
            output_dir,
            base_url,
            drafts,
        }),
        Command::Check { root, drafts } => safestat::site::check(&BuildOptions {
            root,
            drafts,
            ..Default::default()
        }),
        Command::Init { dir } => anyhow::bail!("init {} is not built yet", dir.display()),
        Command::New {
            kind: NewKind::News { title, root },
        } => {
            anyhow::bail!("new news {title:?} in {} is not built yet", root.display())
        }
        Command::Audit { root, json } => {
            let report = safestat::site::audit(&root, json.as_deref())?;
            print!("{}", report.to_text());
            Ok(())
        }
        Command::Synth { rows, seed, output } => {
            anyhow::bail!("synth {rows} {seed} {output:?} is not built yet")
        }
    }
}
