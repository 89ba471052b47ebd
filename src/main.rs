//! claimlens binary: parse the command line, dispatch, map errors to exit codes.

mod cli;

use claimlens::data::{Dataset, Period};
use claimlens::error::{Error, Result};
use claimlens::report::show::{ShowQuery, show};
use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

/// Loads the dataset for the rest of the process. It is never freed: every
/// command ends with the process, and skipping the teardown of some 190,000
/// values saves a few milliseconds on each short command.
fn load(data: &Option<std::path::PathBuf>) -> Result<&'static Dataset> {
    Ok(Box::leak(Box::new(load_owned(data)?)))
}

fn load_owned(data: &Option<std::path::PathBuf>) -> Result<Dataset> {
    match data {
        Some(dir) => Dataset::load_dir(dir),
        None => Ok(Dataset::embedded()?),
    }
}

fn parse_period(flag: &str, s: &Option<String>) -> Result<Option<Period>> {
    s.as_deref()
        .map(|s| {
            s.parse::<Period>()
                .map_err(|e| Error::Usage(format!("--{flag}: {e}")))
        })
        .transpose()
}

fn run(cli: Cli) -> Result<()> {
    let tui = |case: Option<&std::path::Path>| {
        tui_app(
            &cli.data,
            case,
            cli.ascii,
            cli.no_mouse,
            cli.theme,
            cli.config.as_deref(),
        )
    };
    match cli.command {
        Some(Command::Import { from, out }) => {
            let summary = claimlens::data::import::import_dir(&from, &out)?;
            for w in &summary.warnings {
                eprintln!("claimlens: warning: {w}");
            }
            for (name, rows) in summary.tables {
                println!("{:>8} rows  {}", rows, out.join(name).display());
            }
            Ok(())
        }
        Some(Command::Show {
            entity,
            measure,
            source,
            from,
            to,
            all_vintages,
        }) => {
            let ds = load(&cli.data)?;
            let q = ShowQuery {
                entity,
                measure,
                source,
                from: parse_period("from", &from)?,
                to: parse_period("to", &to)?,
                all_vintages,
            };
            let table = show(ds, &q).map_err(Error::Usage)?;
            print!("{table}");
            Ok(())
        }
        Some(Command::Series) => {
            let ds = load(&cli.data)?;
            print!("{}", claimlens::report::series::text(ds));
            Ok(())
        }
        Some(Command::Blocs {
            id,
            series,
            from,
            to,
            case,
        }) => {
            use claimlens::report::blocs;
            let ds = load(&cli.data)?;
            let all = claimlens::claims::case_blocs(ds, case.as_deref())?;
            let out = match id {
                None => blocs::list(&all),
                Some(id) => {
                    let bloc = blocs::find(&all, &id).map_err(Error::Usage)?;
                    match series {
                        None => blocs::detail(ds, bloc),
                        Some(sm) => {
                            let (f, t) = (parse_period("from", &from)?, parse_period("to", &to)?);
                            blocs::series(ds, bloc, &sm, f, t).map_err(Error::Usage)?
                        }
                    }
                }
            };
            print!("{out}");
            Ok(())
        }
        Some(Command::Check { format, case }) => {
            let ds = load(&cli.data)?;
            let case = claimlens::claims::load_case(ds, case.as_deref())?;
            let out = match format {
                cli::Format::Text => claimlens::report::check::text(&case),
                cli::Format::Markdown => claimlens::report::check::markdown(&case),
                cli::Format::Json => claimlens::report::check::json(&case),
            };
            print!("{out}");
            Ok(())
        }
        Some(Command::Export {
            format,
            claim,
            section,
            out,
            force,
            case,
            review_date,
        }) => {
            use claimlens::report::export;
            let review_date = match review_date {
                Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| {
                        Error::Usage(format!("--review-date: expected YYYY-MM-DD, found {d:?}"))
                    })?
                    .to_string(),
                None => chrono::Local::now().date_naive().to_string(),
            };
            let format = match format {
                cli::ExportFormat::Markdown => export::Format::Markdown,
                cli::ExportFormat::ClaimReview => export::Format::ClaimReview,
                cli::ExportFormat::Csv => export::Format::Csv,
                cli::ExportFormat::Svg => export::Format::Svg,
            };
            let ds = load(&cli.data)?;
            let case = claimlens::claims::load_case(ds, case.as_deref())?;
            let req = export::Request {
                format,
                claim,
                section,
                review_date,
            };
            let text = export::render(ds, &case, &req)?;
            export::write_output(out.as_deref(), &text, force)
        }
        Some(Command::Render {
            case,
            width,
            height,
            section,
            claim,
            keys,
            present,
        }) => {
            let app = tui(case.as_deref())?;
            let spec = claimlens::tui::RenderSpec {
                width,
                height,
                section,
                claim,
                keys,
                present,
            };
            print!(
                "{}",
                claimlens::tui::render_spec(app, &spec).map_err(Error::Usage)?
            );
            Ok(())
        }
        Some(Command::Present {
            section,
            claim,
            case,
        }) => {
            use claimlens::tui::Start;
            let mut app = tui(case.as_deref())?;
            let start = match (claim, section) {
                (Some(c), _) => Start::Claim(c),
                (None, Some(s)) => Start::Section(s),
                (None, None) => Start::First,
            };
            app.start_presentation(start).map_err(Error::Usage)?;
            run_tui(app)
        }
        None => {
            let app = tui(cli.case.as_deref())?;
            run_tui(app)
        }
    }
}

/// Runs the TUI; ended by a signal, the process exits with 128 + the signal
/// (the terminal is already restored then).
fn run_tui(app: claimlens::tui::App) -> Result<()> {
    let ended = claimlens::tui::run(app).map_err(|e| Error::io("the terminal", e))?;
    if let Some(status) = ended.exit_status() {
        std::process::exit(status);
    }
    Ok(())
}

/// The TUI's state over the loaded data and the case (bundled, or from a
/// folder), with the theme and keys of the config file (and `--theme`).
fn tui_app(
    data: &Option<std::path::PathBuf>,
    case: Option<&std::path::Path>,
    ascii: bool,
    no_mouse: bool,
    theme: Option<claimlens::config::ThemeName>,
    config: Option<&std::path::Path>,
) -> Result<claimlens::tui::App> {
    let config = claimlens::config::load(config)?;
    let env = claimlens::tui::Options::from_env(ascii, no_mouse);
    let (opts, keymap) = claimlens::tui::settings(env, theme, config.as_ref())?;
    let ds = std::sync::Arc::new(load_owned(data)?);
    let case = std::sync::Arc::new(claimlens::claims::load_case(&ds, case)?);
    // Never freed, as in `load`: the explorer's data live until the process ends.
    std::mem::forget((ds.clone(), case.clone()));
    let mut app = claimlens::tui::App::new(ds, case, opts);
    app.keymap = std::sync::Arc::new(keymap);
    Ok(app)
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
