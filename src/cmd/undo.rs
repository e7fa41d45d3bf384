//! `undo [--yes]`: takes back this clerk's last write (a record, a
//! correction, a batch or a void). It is shown first; nothing is deleted:
//! undo entries are appended and `history` still shows what was undone.

use crate::t;
use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use super::record::summary;
use super::{Globals, clerk};
use crate::output::say;
use crate::store::journal::{self, JournalLine, WriteKind};
use crate::store::{Entry, Op, Store, new_entry_id};
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: crate::cli::UndoArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(args.by.as_deref());
    let lock = store.lock()?;
    let Some(write) = last_write(&store, &by)? else {
        bail!(t!(
            "undo-has-no-write-left",
            by = by.to_string(),
            root = store.root.display().to_string()
        ));
    };
    let targets = load_targets(&store, &write)?;
    if targets.is_empty() {
        bail!(t!("undo-the-last-write-of", by = by.to_string()));
    }
    let roster = store.roster()?;
    let kind = match write.kind {
        WriteKind::Record => t!("undo-kind-record"),
        WriteKind::Batch => t!("undo-kind-batch"),
        WriteKind::Void => t!("undo-kind-void"),
        WriteKind::Undo => t!("undo-kind-undo"),
    };
    say(t!(
        "undo-preview",
        by = by.as_str(),
        at = write.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        kind = kind,
        count = targets.len()
    ))?;
    for e in targets.iter().take(20) {
        let name = roster
            .get(&e.person)
            .map(|p| p.name.as_str())
            .unwrap_or("?");
        let what = match e.op {
            Op::Record => e.record().map(|r| summary(&r)).unwrap_or_default(),
            Op::Void => t!(
                "undo-withdrawal",
                reason = e.reason.as_deref().unwrap_or("")
            ),
            Op::Undo => t!("undo-kind-undo"),
        };
        say(t!(
            "undo-preview-line",
            id = e.person.as_str(),
            name = name,
            date = e.date.to_string(),
            what = what
        ))?;
    }
    if targets.len() > 20 {
        say(t!(
            "undo-and-more",
            targets = (targets.len() - 20).to_string()
        ))?;
    }
    if !args.yes && !confirm()? {
        say(t!("undo-nothing-undone"))?;
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
    say(t!("undo-undone-the-entries-stay"))?;
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
        return Err(UsageError(t!("undo-needs-yes")).into());
    }
    let mut err = std::io::stderr();
    write!(err, "{} ", t!("undo-ask"))?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "是"
    ))
}
