//! `record --batch FILE`: a CSV of records, all rows or none. Every bad row
//! is reported with its number and nothing is written unless all are good.

use crate::t;
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use super::record::{check_active, warn_dropped};
use super::{Globals, clerk};
use crate::Status;
use crate::batch::{BatchRow, Layout};
use crate::dates::parse_record_date;
use crate::output::say;
use crate::person::Person;
use crate::plan::Planner;
use crate::progress::Progress;
use crate::sheet::{note_ignored, read_table};
use crate::store::journal::WriteKind;
use crate::store::{Entry, Op, Roster, Store, new_entry_id};

pub struct BatchOptions<'a> {
    pub file: &'a Path,
    pub date: Option<&'a str>,
    pub dry_run: bool,
    pub encoding: Option<&'a str>,
    /// The sheet of a workbook [default: the first].
    pub sheet: Option<&'a str>,
    pub by: Option<&'a str>,
}

/// Prints every bad row, then fails saying nothing was written.
pub fn fail_rows(file: &Path, errors: &[String]) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    for e in errors {
        crate::errln!(
            "{}",
            t!(
                "batch-bad-row-line",
                file = file.display().to_string(),
                e = e.to_string()
            )
        );
    }
    bail!(t!(
        "batch-bad-row-s-listed",
        file = file.display().to_string(),
        errors = errors.len().to_string()
    ))
}

/// What the batch will do, built and checked before anything is written.
#[derive(Default)]
struct Plan {
    entries: BTreeMap<NaiveDate, Vec<Entry>>,
    records: usize,
    corrections: usize,
    voids: usize,
    skipped: Vec<String>,
}

pub fn run(g: &Globals, opts: BatchOptions) -> Result<Status> {
    let store = g.open()?;
    let today = store.today()?;
    let default_date = parse_record_date(opts.date, today)?;
    let what = opts.file.display().to_string();
    let (header, rows) = read_table(opts.file, opts.encoding, opts.sheet)?;
    let layout = Layout::from_header(&header).with_context(|| what.clone())?;
    note_ignored(&what, &layout.ignored(&header));
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (row, cells) in &rows {
        match layout.parse(*row, cells, default_date, today) {
            Ok(r) => parsed.push(r),
            Err(e) => errors.push(t!(
                "batch-row",
                row = row.to_string(),
                e = crate::one_line(&e)
            )),
        }
    }
    // Readers do not need the lock; a real import holds it from the first
    // read to the last append.
    let by = clerk(&store, opts.by);
    let mut tx = if opts.dry_run {
        None
    } else {
        Some(store.begin(WriteKind::Batch, &by)?)
    };
    let roster = store.roster()?;
    let plan = plan(&store, &roster, &layout, parsed, &by, &mut errors)?;
    fail_rows(opts.file, &errors)?;
    let days: Vec<String> = plan.entries.keys().map(|d| d.to_string()).collect();
    let (from, to) = (
        days.first().cloned().unwrap_or_default(),
        days.last().cloned().unwrap_or_default(),
    );
    let span_days: usize = if days.is_empty() {
        0
    } else if from == to {
        1
    } else {
        2
    };
    if let Some(mut tx) = tx.take() {
        for entries in plan.entries.values() {
            tx.append_entries(entries)?;
        }
        tx.commit()?;
    }
    say(t!(
        "batch-done",
        dry = if opts.dry_run { "yes" } else { "no" },
        records = plan.records,
        days = span_days,
        from = from,
        to = to,
        corrections = plan.corrections,
        voids = plan.voids
    ))?;
    if !plan.skipped.is_empty() {
        let mut shown: Vec<&str> = plan.skipped.iter().take(10).map(String::as_str).collect();
        if plan.skipped.len() > shown.len() {
            shown.push("…");
        }
        say(t!(
            "batch-skipped-row-s-without",
            skipped = plan.skipped.len(),
            shown = shown.join(crate::i18n::L::ListSep.text(crate::i18n::lang()))
        ))?;
    }
    if opts.dry_run {
        say(t!("batch-dry-run-nothing-was"))?;
    }
    Ok(Status::Done)
}

fn plan(
    store: &Store,
    roster: &Roster,
    layout: &Layout,
    rows: Vec<BatchRow>,
    by: &str,
    errors: &mut Vec<String>,
) -> Result<Plan> {
    let now = store.now()?;
    let mut plan = Plan::default();
    let mut state = Planner::new(store);
    // Everyone's latest record before each day of the batch, in one pass a day.
    let mut by_day: BTreeMap<NaiveDate, Vec<&Person>> = BTreeMap::new();
    for row in &rows {
        if let Ok(p) = roster.find(&row.person) {
            by_day.entry(row.date).or_default().push(p);
        }
    }
    for (date, people) in &by_day {
        state.prefetch(people, *date)?;
    }
    let mut progress = Progress::new(rows.len() as u64, &t!("batch-checking-rows"));
    for row in rows {
        progress.inc(1);
        let n = row.row;
        match plan_row(&mut state, roster, layout, &row, by, now) {
            Ok(Planned::Entry { entry, corrected }) => {
                match entry.op {
                    Op::Void => plan.voids += 1,
                    _ => plan.records += 1,
                }
                plan.corrections += usize::from(corrected);
                plan.entries.entry(entry.date).or_default().push(*entry);
            }
            Ok(Planned::Skipped(who)) => plan.skipped.push(who),
            Err(e) => errors.push(t!(
                "batch-row-2",
                n = n.to_string(),
                e = crate::one_line(&e)
            )),
        }
    }
    Ok(plan)
}

enum Planned {
    Entry { entry: Box<Entry>, corrected: bool },
    Skipped(String),
}

fn plan_row(
    state: &mut Planner,
    roster: &Roster,
    layout: &Layout,
    row: &BatchRow,
    by: &str,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Planned> {
    let person = roster.find(&row.person)?;
    if let Some(name) = &row.name_check
        && *name != person.name
    {
        bail!(t!(
            "batch-is-not-is-the",
            id = person.id.to_string(),
            name = person.name.to_string(),
            name_2 = name.to_string()
        ));
    }
    check_active(person, row.date)?;
    let at = row.recorded_at.unwrap_or(now);
    let by = row.recorded_by.clone().unwrap_or_else(|| by.to_string());
    let standing = state.standing(&person.id, row.date)?;
    let key = (person.id.clone(), row.date);
    match row.op {
        Op::Record => {
            let Some(input) = row.input.clone() else {
                return Ok(Planned::Skipped(format!("{} {}", person.id, person.name)));
            };
            let planned =
                state.plan_record(person, row.date, |_| Ok(input), layout.present, at, by)?;
            if let Some(old) = &planned.replaced {
                warn_dropped(old, &planned.record);
            }
            Ok(Planned::Entry {
                entry: Box::new(planned.entry),
                corrected: planned.replaced.is_some(),
            })
        }
        Op::Void => {
            if standing.is_none() {
                bail!(t!(
                    "batch-has-no-record-on",
                    id = person.id.to_string(),
                    name = person.name.to_string(),
                    date = row.date.to_string()
                ));
            }
            let Some(reason) = row.reason.clone() else {
                bail!(t!("batch-a-withdrawal-needs-a"));
            };
            state.withdraw(key)?;
            Ok(Planned::Entry {
                entry: Box::new(Entry::void(
                    new_entry_id(at),
                    row.date,
                    &person.id,
                    reason,
                    at,
                    by,
                )),
                corrected: false,
            })
        }
        Op::Undo => bail!(t!("batch-undo-rows-are-not")),
    }
}
