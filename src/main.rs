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
        None => claimlens::archive::startup_dataset(),
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

/// Writes to standard output; a reader that went away (`| head`) ends the output quietly.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("standard output", e))
        }
        _ => Ok(()),
    }
}

/// Options given before the subcommand still count (`claimlens --data DIR show Japan`).
fn merge_data(top: &cli::DataArg, sub: cli::DataArg) -> Option<std::path::PathBuf> {
    sub.data.or_else(|| top.data.clone())
}

fn merge_look(top: &cli::LookArgs, sub: cli::LookArgs) -> cli::LookArgs {
    cli::LookArgs {
        ascii: sub.ascii || top.ascii,
        theme: sub.theme.or(top.theme),
        config: sub.config.or_else(|| top.config.clone()),
    }
}

fn run(cli: Cli) -> Result<()> {
    let tui = |data: &Option<std::path::PathBuf>,
               look: &cli::LookArgs,
               no_mouse: bool,
               case: Option<&std::path::Path>| {
        tui_app(
            data,
            case,
            look.ascii,
            no_mouse,
            look.theme,
            look.config.as_deref(),
        )
    };
    match cli.command {
        Some(Command::Import { from, out }) => {
            let summary = claimlens::data::import::import_dir(&from, &out)?;
            for w in &summary.warnings {
                eprintln!("claimlens: warning: {w}");
            }
            let mut text = String::new();
            for (name, rows) in summary.tables {
                text.push_str(&format!("{:>8} rows  {}\n", rows, out.join(name).display()));
            }
            emit(&text)
        }
        Some(Command::Update { from }) => {
            if cli.offline {
                return Err(Error::Usage(
                    "--offline: `update` fetches files over the network; nothing was fetched"
                        .into(),
                ));
            }
            let dir = archive_dir()?;
            let report = claimlens::update::run(&dir, from.as_deref())?;
            for w in &report.warnings {
                eprintln!("claimlens: warning: {w}");
            }
            emit(&(report.lines.join("\n") + "\n"))
        }
        Some(Command::Vintages) => emit(&claimlens::update::vintages_text(
            claimlens::archive::default_dir().as_deref(),
        )?),
        Some(Command::Changes {
            since,
            format,
            case,
        }) => {
            let dir = archive_dir()?;
            let changes =
                claimlens::report::changes::from_archive(&dir, since.as_deref(), case.as_deref())?;
            match changes {
                None if matches!(format, cli::ChangesFormat::Json) => {
                    emit(&claimlens::report::changes::json_none())
                }
                None => emit(
                    "no vintages archived yet: nothing to compare (claimlens update fetches the newest data)\n",
                ),
                Some(c) => emit(&match format {
                    cli::ChangesFormat::Text => claimlens::report::changes::text(&c),
                    cli::ChangesFormat::Json => claimlens::report::changes::json(&c),
                }),
            }
        }
        Some(Command::Show {
            entity,
            data,
            measure,
            source,
            from,
            to,
            all_vintages,
            long,
        }) => {
            let ds = load(&merge_data(&cli.data, data))?;
            let q = ShowQuery {
                entity,
                measure,
                source,
                from: parse_period("from", &from)?,
                to: parse_period("to", &to)?,
                all_vintages,
                long,
            };
            // A bloc (`G7`, `bloc:BRICS`, a config file's own) unless the data name an entity so.
            let config = claimlens::config::load(cli.look.config.as_deref())?;
            let blocs = claimlens::claims::user_blocs(ds, config.as_ref(), None)?;
            let table = match claimlens::report::show_bloc::bloc_named(ds, &blocs, &q.entity) {
                Some(bloc) => claimlens::report::show_bloc::show_bloc(ds, bloc, &q),
                None => show(ds, &q).map_err(|e| {
                    // No entity near the name: the blocs may be what was meant.
                    if ds
                        .match_entity(&q.entity)
                        .is_err_and(|n| n.suggestion.is_none())
                    {
                        let ids: Vec<&str> = blocs.blocs.iter().map(|b| b.id.as_str()).collect();
                        format!("{e}; or a bloc: {}", ids.join(", "))
                    } else {
                        e
                    }
                }),
            }
            .map_err(Error::Usage)?;
            emit(&table)
        }
        Some(Command::Series { data }) => {
            let ds = load(&merge_data(&cli.data, data))?;
            emit(&claimlens::report::series::text(ds))
        }
        Some(Command::Blocs {
            data,
            id,
            series,
            from,
            to,
            case,
        }) => {
            use claimlens::report::blocs;
            let ds = load(&merge_data(&cli.data, data))?;
            let config = claimlens::config::load(cli.look.config.as_deref())?;
            let all = claimlens::claims::user_blocs(ds, config.as_ref(), case.as_deref())?;
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
            emit(&out)
        }
        Some(Command::Check { data, format, case }) => {
            let ds = load(&merge_data(&cli.data, data))?;
            let case = claimlens::claims::load_case(ds, case.as_deref())?;
            let out = match format {
                cli::Format::Text => claimlens::report::check::text(&case),
                cli::Format::Markdown => claimlens::report::check::markdown(&case),
                cli::Format::Json => claimlens::report::check::json(&case),
            };
            emit(&out)
        }
        Some(Command::Export {
            data,
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
            let ds = load(&merge_data(&cli.data, data))?;
            let case = claimlens::claims::load_case(ds, case.as_deref())?;
            let req = export::Request {
                format,
                claim,
                section,
                review_date,
            };
            let text = export::render(ds, &case, &req)?;
            match out {
                None => emit(&text),
                Some(path) => export::write_output(Some(&path), &text, force),
            }
        }
        Some(Command::Draft {
            data,
            article,
            date,
            check,
            format,
        }) => {
            let ds = load(&merge_data(&cli.data, data))?;
            let format = match format {
                cli::Format::Json => claimlens::draft::score::Format::Json,
                _ => claimlens::draft::score::Format::Text,
            };
            emit(&claimlens::draft::run(
                ds,
                &article,
                date.as_deref(),
                check.as_deref(),
                format,
            )?)
        }
        Some(Command::Render {
            data,
            look,
            case,
            width,
            height,
            section,
            claim,
            keys,
            present,
        }) => {
            let data = merge_data(&cli.data, data);
            let look = merge_look(&cli.look, look);
            let app = tui(&data, &look, cli.no_mouse, case.as_deref())?;
            let spec = claimlens::tui::RenderSpec {
                width,
                height,
                section,
                claim,
                keys,
                present,
            };
            emit(&claimlens::tui::render_spec(app, &spec).map_err(Error::Usage)?)
        }
        Some(Command::Present {
            data,
            look,
            no_mouse,
            section,
            claim,
            case,
            data_claims,
        }) => {
            use claimlens::tui::Start;
            let data = merge_data(&cli.data, data);
            let look = merge_look(&cli.look, look);
            let mut app = tui(&data, &look, no_mouse || cli.no_mouse, case.as_deref())?;
            if data_claims {
                app.set_data_claims_only(true);
            }
            let start = match (claim, section) {
                (Some(c), _) => Start::Claim(c),
                (None, Some(s)) => Start::Section(s),
                (None, None) => Start::First,
            };
            app.start_presentation(start).map_err(Error::Usage)?;
            run_tui(app)
        }
        None => {
            let app = tui(&cli.data.data, &cli.look, cli.no_mouse, cli.case.as_deref())?;
            run_tui(app)
        }
    }
}

/// The archive folder, or a usage error when there is none.
fn archive_dir() -> Result<std::path::PathBuf> {
    claimlens::archive::default_dir().ok_or_else(|| {
        Error::Usage(
            "no folder for the archive: set XDG_DATA_HOME or HOME (an absolute path)".into(),
        )
    })
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
    case_dir: Option<&std::path::Path>,
    ascii: bool,
    no_mouse: bool,
    theme: Option<claimlens::config::ThemeName>,
    config: Option<&std::path::Path>,
) -> Result<claimlens::tui::App> {
    let config = claimlens::config::load(config)?;
    let env = claimlens::tui::Options::from_env(ascii, no_mouse);
    let (opts, keymap) = claimlens::tui::settings(env, theme, config.as_ref())?;
    let ds = std::sync::Arc::new(load_owned(data)?);
    // The browser's first grid and blocs are made on another thread while the
    // claims are evaluated.
    let (side, case) = std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let mut grids = claimlens::browse::GridCache::default();
            grids.full(&ds, claimlens::tui::App::FIRST_MEASURE);
            // The browser's blocs: bundled, then the config file's [[bloc]] tables, then the case folder's.
            let blocs = claimlens::claims::user_blocs(&ds, config.as_ref(), case_dir);
            (grids, blocs)
        });
        // A case folder whose claims file holds drafts opens for review.
        let case = match case_dir {
            Some(dir) => claimlens::draft::review::open(&ds, dir),
            None => claimlens::claims::load_case(&ds, None).map(|c| (c, None)),
        };
        (side.join(), case)
    });
    let (grids, blocs) = side.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let blocs = blocs?;
    let (case, review) = case?;
    let case = std::sync::Arc::new(case);
    // Never freed, as in `load`: the explorer's data live until the process ends.
    std::mem::forget((ds.clone(), case.clone()));
    let blocs = std::sync::Arc::new(blocs);
    let mut app = claimlens::tui::App::with_grids(ds, case.clone(), opts, grids, blocs);
    app.shared.keymap = std::sync::Arc::new(keymap);
    if data.is_none() {
        // The case just evaluated is the newest side, unless a case folder
        // opened for review (made otherwise).
        let now = case_dir.is_none().then_some(&*case);
        let changed = claimlens::report::changes::newest_verdicts(case_dir, now)?;
        app.shared.changed = std::sync::Arc::new(changed);
    }
    app.review = review.map(claimlens::tui::review::State::new);
    Ok(app)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let load = match cli.data_dir() {
        Some(_) => claimlens::heap::Load::Tables,
        None => claimlens::heap::Load::Small,
    };
    // SAFETY: no other thread has started yet (parsing the command line starts none).
    unsafe { claimlens::heap::tune(load) };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: with the terminal gone, a failed write must not panic.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "claimlens: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
