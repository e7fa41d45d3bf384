//! One module per subcommand; this one dispatches and holds what they share.

pub mod config;
pub mod daily;
pub mod family;
pub mod history;
pub mod init;
pub mod person;
pub mod record;
pub mod roster;
pub mod staff;

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::Status;
use crate::cli::{Cli, Command, Lang, OutputArgs};
use crate::csvio::CsvEncoding;
use crate::dates::parse_date;
use crate::output;
use crate::report::{self, Ctx, Report};
use crate::store::{self, Roster, Store};

/// The global flags every command sees.
pub struct Globals {
    pub store_dir: PathBuf,
    pub lang: Option<Lang>,
}

impl Globals {
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.store_dir)
    }

    pub fn lang(&self, store: &Store) -> Lang {
        self.lang.unwrap_or(store.config.lang)
    }
}

pub fn run(cli: Cli) -> Result<Status> {
    let g = Globals {
        store_dir: store::locate(cli.store)?,
        lang: cli.lang,
    };
    match cli.command {
        Command::Init(args) => init::run(&g, args),
        Command::Config(args) => config::run(&g, args),
        Command::Staff(args) => staff::run(&g, args),
        Command::Family(args) => family::run(&g, args),
        Command::Person(args) => person::run(&g, args),
        Command::Roster(args) => roster::run(&g, args),
        Command::Record(args) => record::run(&g, args),
        Command::History(args) => history::run(&g, args),
        Command::Daily(args) => daily::run(&g, args),
    }
}

/// Who is writing: `--by`, else `$USER`, else `unknown`.
pub fn clerk(by: Option<&str>) -> String {
    by.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// A date option: parsed, or today in the store's timezone.
pub fn date_or_today(store: &Store, text: Option<&str>) -> Result<NaiveDate> {
    let today = store.today()?;
    match text {
        Some(t) => parse_date(t, today),
        None => Ok(today),
    }
}

/// An optional date option.
pub fn opt_date(store: &Store, text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(|t| parse_date(t, store.today()?)).transpose()
}

/// Renders a computed report as `out` asks and writes it.
pub fn emit_report(store: &Store, lang: Lang, out: &OutputArgs, report: &dyn Report) -> Result<()> {
    let format = output::pick_format(out.format, out.output.as_deref())?;
    let encoding = match &out.encoding {
        Some(e) => CsvEncoding::parse(e)?,
        None => store.config.csv_encoding,
    };
    let terminal = out.output.is_none() && output::stdout_is_terminal();
    let bytes = report::render(report, format, lang, encoding, terminal)?;
    output::emit(&bytes, out.output.as_deref())?;
    if let Some(path) = &out.output {
        crate::output::note(format_args!("wrote {}", path.display()));
    }
    Ok(())
}

/// Opens the store and its roster for a report.
pub fn open_for_report(g: &Globals) -> Result<(Store, Roster)> {
    let store = g.open()?;
    let roster = store
        .roster()
        .with_context(|| format!("cannot read the roster of {}", store.root.display()))?;
    Ok((store, roster))
}

pub fn ctx<'a>(store: &'a Store, roster: &'a Roster) -> Ctx<'a> {
    Ctx {
        store,
        roster,
        config: &store.config,
    }
}
