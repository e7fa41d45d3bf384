//! `undo [--yes]`: takes back this clerk's last write (a record, a
//! correction, a batch, a void, a post or a supplies write). It is shown first; nothing is deleted:
//! undo entries are appended and `history` still shows what was undone.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use super::record::summary;
use super::{Globals, clerk};
use crate::output::say;
use crate::post::{PostEvent, PostOp, SupplyEvent, SupplyOp};
use crate::store::WriteLock;
use crate::store::journal::{self, JournalLine, WriteKind};
use crate::store::posts::Event;
use crate::store::{Entry, Op, Store, new_entry_id};
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: crate::cli::UndoArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(args.by.as_deref());
    let lock = store.lock()?;
    let Some(write) = last_write(&store, &by)? else {
        bail!("{by} has no write left to undo in {}", store.root.display());
    };
    match write.kind {
        WriteKind::Post => return undo_events::<PostEvent>(&store, &lock, &by, &write, args.yes),
        WriteKind::Supplies => {
            return undo_events::<SupplyEvent>(&store, &lock, &by, &write, args.yes);
        }
        _ => {}
    }
    let targets = load_targets(&store, &write)?;
    if targets.is_empty() {
        bail!("the last write of {by} is already undone");
    }
    let roster = store.roster()?;
    let kind = kind_name(write.kind);
    say(format_args!(
        "last write of {by}, {} ({kind}, {} entr{}):",
        write.at.format("%Y-%m-%d %H:%M:%S"),
        targets.len(),
        if targets.len() == 1 { "y" } else { "ies" }
    ))?;
    for e in targets.iter().take(20) {
        let name = roster
            .get(&e.person)
            .map(|p| p.name.as_str())
            .unwrap_or("?");
        let what = match e.op {
            Op::Record => e.record().map(|r| summary(&r)).unwrap_or_default(),
            Op::Void => format!("withdrawal: {}", e.reason.as_deref().unwrap_or("")),
            Op::Undo => "undo".into(),
        };
        say(format_args!("  {} {name} on {}: {what}", e.person, e.date))?;
    }
    if targets.len() > 20 {
        say(format_args!("  … and {} more", targets.len() - 20))?;
    }
    if !args.yes && !confirm()? {
        say("nothing undone")?;
        return Ok(Status::Done);
    }
    let now = store.now()?;
    let undos: Vec<Entry> = targets
        .iter()
        .map(|t| Entry::undo(new_entry_id(now), t, now, by.clone()))
        .collect();
    let mut days: Vec<chrono::NaiveDate> = undos.iter().map(|u| u.date).collect();
    days.dedup();
    for day in days {
        let of_day: Vec<Entry> = undos.iter().filter(|u| u.date == day).cloned().collect();
        store.append_entries(&lock, day, &of_day)?;
    }
    let refs: Vec<&Entry> = undos.iter().collect();
    store.log_write(
        &lock,
        WriteKind::Undo,
        &by,
        &refs,
        targets.iter().map(|t| t.id.clone()).collect(),
    )?;
    say(format_args!(
        "undone; the entries stay in the store (see `healthreport history`)"
    ))?;
    Ok(Status::Done)
}

/// The newest journal line of `by` that is not itself an undo and whose
/// entries are not all undone already.
fn last_write(store: &Store, by: &str) -> Result<Option<JournalLine>> {
    let mut undone: HashSet<String> = HashSet::new();
    for line in journal::newest_first(&store.journal_path())? {
        if line.kind == WriteKind::Undo {
            undone.extend(line.undoes.iter().cloned());
            continue;
        }
        if line.by == by
            && (line.entries.iter().any(|w| !undone.contains(&w.id))
                || line.events.iter().any(|w| !undone.contains(&w.id)))
        {
            return Ok(Some(line));
        }
    }
    Ok(None)
}

/// The entries of a write that still stand un-undone, read from their day files.
fn load_targets(store: &Store, write: &JournalLine) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut days: Vec<chrono::NaiveDate> = write.entries.iter().map(|w| w.date).collect();
    days.sort_unstable();
    days.dedup();
    for day in days {
        let log = store.day(day)?;
        let undone: HashSet<&str> = log
            .entries
            .iter()
            .filter(|e| e.op == Op::Undo)
            .filter_map(|e| e.target.as_deref())
            .collect();
        for w in write.entries.iter().filter(|w| w.date == day) {
            if let Some(e) = log.entries.iter().find(|e| e.id == w.id)
                && !undone.contains(e.id.as_str())
            {
                out.push(e.clone());
            }
        }
    }
    Ok(out)
}

fn kind_name(kind: WriteKind) -> &'static str {
    match kind {
        WriteKind::Record => "record",
        WriteKind::Batch => "batch",
        WriteKind::Void => "withdrawal",
        WriteKind::Undo => "undo",
        WriteKind::Post => "post",
        WriteKind::Supplies => "supplies",
    }
}

/// Undoes a write of events (posts or supplies): shows them, asks, then
/// appends one undo event per target and notes it in the journal.
fn undo_events<E: Event + Describe>(
    store: &Store,
    lock: &WriteLock,
    by: &str,
    write: &JournalLine,
    yes: bool,
) -> Result<Status> {
    let all = store.events::<E>()?;
    let undone: HashSet<&str> = all.iter().filter_map(Event::target).collect();
    let targets: Vec<&E> = write
        .events
        .iter()
        .filter(|w| w.file == E::FILE && !undone.contains(w.id.as_str()))
        .filter_map(|w| all.iter().find(|e| e.id() == w.id))
        .collect();
    if targets.is_empty() {
        bail!("the last write of {by} is already undone");
    }
    say(format_args!(
        "last write of {by}, {} ({}, {} entr{}):",
        write.at.format("%Y-%m-%d %H:%M:%S"),
        kind_name(write.kind),
        targets.len(),
        if targets.len() == 1 { "y" } else { "ies" }
    ))?;
    for e in &targets {
        say(format_args!("  {}", e.describe()))?;
    }
    if !yes && !confirm()? {
        say("nothing undone")?;
        return Ok(Status::Done);
    }
    let now = store.now()?;
    let undos: Vec<E> = targets
        .iter()
        .map(|t| t.undo(new_entry_id(now), now, by))
        .collect();
    store.append_events(lock, &undos)?;
    store.log_events(
        lock,
        WriteKind::Undo,
        by,
        &undos,
        targets.iter().map(|t| t.id().to_string()).collect(),
    )?;
    say(format_args!(
        "undone; the events stay in {} as taken back",
        E::FILE
    ))?;
    Ok(Status::Done)
}

/// One line saying what an event wrote, for `undo` to show.
trait Describe {
    fn describe(&self) -> String;
}

impl Describe for PostEvent {
    fn describe(&self) -> String {
        let op = match self.op {
            PostOp::Add => "post add",
            PostOp::Edit => "post edit",
            PostOp::Undo => "undo",
        };
        match &self.post {
            Some(p) => format!("{op} {} {}", p.id, p.name),
            None => op.to_string(),
        }
    }
}

impl Describe for SupplyEvent {
    fn describe(&self) -> String {
        let date = self.date.map(|d| d.to_string()).unwrap_or_default();
        let post = self.post.as_deref().unwrap_or("");
        let item = self.item.as_deref().unwrap_or("");
        match self.op {
            SupplyOp::Report => format!(
                "supplies report {post} {item} on {date}: need {}, have {}",
                self.need.unwrap_or(0),
                self.have.unwrap_or(0)
            ),
            SupplyOp::Resolve => format!("supplies resolve {post} {item} on {date}"),
            SupplyOp::Undo => "undo".into(),
        }
    }
}

fn confirm() -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(UsageError(
            "undo asks before it withdraws anything: add --yes to confirm when not at a terminal"
                .into(),
        )
        .into());
    }
    let mut err = std::io::stderr();
    write!(err, "Undo it? [y/N] ")?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "是"
    ))
}
