//! One module per subcommand; this one dispatches and holds what they share.

pub mod alerts;
pub mod batch;
pub mod chat;
pub mod check;
pub mod config;
pub mod daily;
pub mod export;
pub mod family;
pub mod frontline;
pub mod history;
pub mod init;
pub mod interactive;
pub mod missing;
pub mod person;
pub mod post;
pub mod print;
pub mod record;
pub mod repair;
pub mod residents;
pub mod roster;
pub mod shell;
pub mod staff;
pub mod summary;
pub mod supplies;
pub mod template;
pub mod trend;
pub mod undo;
pub mod void;

use crate::t;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::Status;
use crate::cli::{Cli, Command, Lang, OutputArgs, ReportArgs};
use crate::dates::parse_date;
use crate::output;
use crate::person::{Person, changed_days};
use crate::report::daily::Daily;
use crate::report::{self, Ctx, Report};
use crate::store::{self, Roster, Store};

/// The global flags every command sees.
pub struct Globals {
    pub store_dir: PathBuf,
    pub lang: Option<Lang>,
}

impl Globals {
    /// Opens the store; from here on messages are in its language unless
    /// `--lang` or `HEALTHREPORT_LANG` chose one.
    pub fn open(&self) -> Result<Store> {
        let store = Store::open(&self.store_dir)?;
        crate::i18n::set_lang(self.lang(&store));
        Ok(store)
    }

    pub fn lang(&self, store: &Store) -> Lang {
        self.lang.unwrap_or(store.config.lang)
    }
}

pub fn run(cli: Cli) -> Result<Status> {
    keep_big_buffers_apart();
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
        Command::Template(args) => template::run(&g, args),
        Command::Void(args) => void::run(&g, args),
        Command::Export(args) => export::run(&g, args),
        Command::Post(args) => post::run(&g, args),
        Command::Frontline(args) => frontline::run(&g, args),
        Command::Supplies(args) => supplies::run(&g, args),
        Command::Undo(args) => undo::run(&g, args),
        Command::Completions { shell } => {
            // A store is not needed; if there is one, it gives the language.
            let _ = g.open();
            shell::completions(shell)
        }
        Command::Manpage => {
            let _ = g.open();
            shell::manpage()
        }
        Command::History(args) => history::run(&g, args),
        Command::Daily(args) => daily::run(&g, args),
        Command::Residents(args) => residents::run(&g, args),
        Command::Summary(args) => summary::run(&g, args),
        Command::Missing(args) => missing::run(&g, args),
        Command::Alerts(args) => alerts::run(&g, args),
        Command::Trend(args) => trend::run(&g, args),
        Command::Print(args) => print::run(&g, args),
        Command::Check => check::run(&g),
        Command::Repair => repair::run(&g),
    }
}

/// Buffers of a megabyte or more (a day file, its entries, a district's
/// maps) get pages of their own, returned to the system when dropped. By
/// default glibc raises that threshold to the largest buffer freed so far,
/// and after the first 8 MB day file the rest went to the heap, which kept
/// their pages: `residents` at 30,000 people peaked at 57 MB of memory for
/// 33 MB in use, and at 45 MB with the threshold held.
fn keep_big_buffers_apart() {
    #[cfg(target_env = "gnu")]
    // SAFETY: mallopt only changes an allocator setting; called before
    // any large allocation, on the one thread there is.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Who is writing: `--by`, else the store's `clerk` setting, else
/// `$USER`, else `$LOGNAME`, else nobody: 填报人 is left blank rather
/// than showing a made-up name such as `unknown` (SPEC §2 `recorded_by`).
pub fn clerk(store: &Store, by: Option<&str>) -> String {
    by.map(str::trim)
        .filter(|s| !s.is_empty())
        .or(store.config.clerk.as_deref().map(str::trim))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| {
            ["USER", "LOGNAME"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .map(|s| s.trim().to_string())
                .find(|s| !s.is_empty())
        })
        .unwrap_or_default()
}

/// A date option: parsed, or today in the store's timezone.
pub fn date_or_today(store: &Store, text: Option<&str>) -> Result<NaiveDate> {
    let today = store.today()?;
    match text {
        Some(t) => parse_date(t, today),
        None => Ok(today),
    }
}

/// Adding a name already on the roster is refused unless `same_name`
/// (SPEC §3 v2): a second 王伟 is more often a slip than a new person.
pub fn refuse_same_name(roster: &Roster, name: &str, same_name: bool) -> Result<()> {
    if same_name {
        return Ok(());
    }
    let same: Vec<String> = roster
        .all()
        .iter()
        .filter(|p| p.name == name)
        .map(|p| crate::person::describe(roster.all(), p))
        .collect();
    if !same.is_empty() {
        anyhow::bail!(t!(
            "cmd-is-on-the-roster-2",
            name = name.to_string(),
            same = same.join("; ").to_string()
        ));
    }
    Ok(())
}

/// Refuses a window that leaves out days the person has records on,
/// listing them, unless `force` (SPEC §3 v2).
pub fn check_window(store: &Store, before: &Person, after: &Person, force: bool) -> Result<()> {
    if before.since == after.since && before.until == after.until {
        return Ok(());
    }
    let outside: Vec<String> = store
        .records_outside(after)?
        .iter()
        .map(NaiveDate::to_string)
        .collect();
    if outside.is_empty() {
        return Ok(());
    }
    if !force {
        anyhow::bail!(t!(
            "cmd-has-records-outside-the",
            id = after.id.to_string(),
            name = after.name.to_string(),
            outside = crate::i18n::join_list(&outside)
        ));
    }
    crate::warn(t!(
        "cmd-records-of-are-now",
        id = after.id.to_string(),
        name = after.name.to_string(),
        outside = crate::i18n::join_list(&outside)
    ));
    Ok(())
}

/// Writes a new person as the whole write (`staff add`, `family add`).
pub fn commit_added(
    store: &Store,
    mut tx: crate::store::tx::Tx<'_>,
    person: &Person,
    by: &str,
) -> Result<()> {
    let event = store.roster_event(crate::store::RosterOp::Add, person.clone(), by)?;
    tx.append_roster(&[event])?;
    say_changed_days(None, person, store.today()?);
    tx.commit()
}

/// Says on stderr which past days' reports a roster change alters, before
/// it is written (SPEC §3 v2).
pub fn say_changed_days(before: Option<&Person>, after: &Person, today: NaiveDate) {
    let spans = changed_days(before, Some(after), today);
    if spans.is_empty() {
        return;
    }
    let spans: Vec<String> = spans
        .iter()
        .map(|(from, to)| match from {
            None => t!("cmd-every-day-up-to", to = to.to_string()),
            Some(f) if f == to => f.to_string(),
            Some(f) => t!("cmd-day-span", from = f.to_string(), to = to.to_string()),
        })
        .collect();
    output::note(t!(
        "cmd-this-changes-the-past",
        id = after.id.to_string(),
        name = after.name.to_string(),
        spans = crate::i18n::join_list(&spans)
    ));
}

/// An optional date option.
pub fn opt_date(store: &Store, text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(|t| parse_date(t, store.today()?)).transpose()
}

/// Renders a computed report as `out` asks and writes it.
pub fn emit_report(store: &Store, lang: Lang, out: &OutputArgs, report: &dyn Report) -> Result<()> {
    let format = output::pick_format(out.format, out.file.output.as_deref())?;
    let encoding = out.file.csv_encoding(store.config.csv_encoding)?;
    let terminal =
        out.file.output.as_deref().is_none_or(output::is_stdout) && output::stdout_is_terminal();
    output::check_binary_to_terminal(format, out.file.output.as_deref())?;
    // Opened first so a long table goes out as it is written; a file is
    // a temporary one until `finish`, so a failure leaves nothing behind.
    let mut sink = output::Sink::open(out.file.output.as_deref())?;
    report::render(
        report,
        format,
        lang,
        encoding,
        terminal,
        out.browser.as_deref(),
        &mut |bytes| sink.write(bytes),
    )?;
    sink.finish()?;
    if let Some(path) = out.file.output.as_deref().filter(|p| !output::is_stdout(p)) {
        crate::output::note(t!("cmd-wrote", path = path.display().to_string()));
    }
    Ok(())
}

/// A report of one day computed from the daily view: `make` builds the
/// report and says whether `--strict` found something (exit 3).
pub fn day_report(
    g: &Globals,
    args: &ReportArgs,
    make: impl for<'a> FnOnce(Daily<'a>) -> (Box<dyn Report + 'a>, bool),
) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let date = date_or_today(&store, args.date.as_deref())?;
    let then = roster.as_of(date);
    let daily = Daily::compute(&ctx(&store, &then), date)?;
    let (report, found) = make(daily);
    emit_report(&store, g.lang(&store), &args.out, report.as_ref())?;
    // The process ends here: freeing every person's and record's strings
    // one by one was 5% of a one-day report's instructions.
    std::mem::forget(report);
    std::mem::forget(then);
    std::mem::forget(roster);
    Ok(if found { Status::Strict } else { Status::Done })
}

/// Opens the store and its roster for a report.
pub fn open_for_report(g: &Globals) -> Result<(Store, Roster)> {
    let store = g.open()?;
    let roster = store.roster().with_context(|| {
        t!(
            "cmd-cannot-read-the-roster",
            root = store.root.display().to_string()
        )
    })?;
    Ok((store, roster))
}

pub fn ctx<'a>(store: &'a Store, roster: &'a Roster) -> Ctx<'a> {
    Ctx {
        store,
        roster,
        config: &store.config,
    }
}
