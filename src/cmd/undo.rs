//! `undo [--yes]`: takes back this clerk's last write (a record, a
//! correction, a batch or a void). It is shown first; nothing is deleted:
//! undo entries are appended and `history` still shows what was undone.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use super::record::summary;
use super::{Globals, clerk};
use crate::output::say;
use crate::store::journal::{self, JournalLine, WriteKind};
use crate::store::{Entry, Op, RosterOp, Store, new_entry_id};
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: crate::cli::UndoArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, args.by.as_deref());
    let lock = store.lock()?;
    let Some(write) = last_write(&store, &by)? else {
        bail!("{by} has no write left to undo in {}", store.root.display());
    };
    if write.kind == WriteKind::Roster {
        return undo_roster(&store, &lock, &write, &by, args.yes);
    }
    let targets = load_targets(&store, &write)?;
    if targets.is_empty() {
        bail!("the last write of {by} is already undone");
    }
    let roster = store.roster()?;
    let kind = match write.kind {
        WriteKind::Record => "record",
        WriteKind::Batch => "batch",
        WriteKind::Void => "withdrawal",
        WriteKind::Undo => "undo",
        WriteKind::Roster => "roster",
    };
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

/// Takes back a roster write: each person it changed is put back as they
/// were (one added by it is removed), as new roster events.
fn undo_roster(
    store: &Store,
    lock: &crate::store::WriteLock,
    write: &JournalLine,
    by: &str,
    yes: bool,
) -> Result<Status> {
    let roster = store.roster()?;
    say(format_args!(
        "last write of {by}, {} (roster, {} people):",
        write.at.format("%Y-%m-%d %H:%M:%S"),
        write.before.len()
    ))?;
    let mut events = Vec::new();
    for (id, before) in &write.before {
        let Some(now) = roster.any(id) else {
            continue;
        };
        let back = match before {
            Some(p) => p.clone(),
            None => {
                let mut p = now.clone();
                p.removed = Some("undo".into());
                p
            }
        };
        let what = match (before, &back.removed) {
            (None, _) => "added: taken out again",
            (Some(_), None) => "put back as before",
            (Some(_), Some(_)) => "taken out again",
        };
        say(format_args!("  {} {}: {what}", back.id, back.name))?;
        events.push(store.roster_event(RosterOp::Undo, back, by)?);
    }
    if !yes && !confirm()? {
        say("nothing undone")?;
        return Ok(Status::Done);
    }
    store.append_roster(lock, &events)?;
    store.log_write(
        lock,
        WriteKind::Undo,
        by,
        &[],
        write.entries.iter().map(|w| w.id.clone()).collect(),
    )?;
    say("undone; the roster keeps every version")?;
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
        if line.by == by && line.entries.iter().any(|w| !undone.contains(&w.id)) {
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
