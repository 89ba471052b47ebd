//! claimlens binary: parse the command line, dispatch, map errors to exit codes.

mod cli;

use clap::Parser;
use claimlens::data::{Dataset, Period};
use claimlens::error::{Error, Result};
use claimlens::report::show::{ShowQuery, show};
use cli::{Cli, Command};
use std::process::ExitCode;

fn load(data: &Option<std::path::PathBuf>) -> Result<Dataset> {
    match data {
        Some(dir) => Dataset::load_dir(dir),
        None => Ok(Dataset::embedded()?),
    }
}

fn parse_period(flag: &str, s: &Option<String>) -> Result<Option<Period>> {
    s.as_deref()
        .map(|s| s.parse::<Period>().map_err(|e| Error::Usage(format!("--{flag}: {e}"))))
        .transpose()
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Import { from, out }) => {
            let summary = claimlens::data::import::import_dir(&from, &out)?;
            for (name, rows) in summary.tables {
                println!("{:>8} rows  {}", rows, out.join(name).display());
            }
            Ok(())
        }
        Some(Command::Show { entity, measure, source, from, to, all_vintages }) => {
            let ds = load(&cli.data)?;
            let q = ShowQuery {
                entity,
                measure,
                source,
                from: parse_period("from", &from)?,
                to: parse_period("to", &to)?,
                all_vintages,
            };
            let table = show(&ds, &q).map_err(Error::Usage)?;
            print!("{table}");
            Ok(())
        }
        Some(Command::Check { format, case }) => {
            let ds = load(&cli.data)?;
            let case = claimlens::claims::load_case(&ds, case.as_deref())?;
            let out = match format {
                cli::Format::Text => claimlens::report::check::text(&case),
                cli::Format::Markdown => claimlens::report::check::markdown(&case),
                cli::Format::Json => claimlens::report::check::json(&case),
            };
            print!("{out}");
            Ok(())
        }
        None => {
            let ds = load(&cli.data)?;
            println!("claimlens: {} values in {} series from {} sources ({}).", ds.len(), ds.all_series().len(), ds.sources().len(), ds.sources().join(", "));
            println!("Try: claimlens show Japan --from 2024-06 --to 2024-09");
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimlens: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
