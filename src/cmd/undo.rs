//! `undo [--yes]`: takes back this clerk's last complete write of any kind
//! (record, correction, batch, void, staff/family add, person edit/leave,
//! roster import, config set). It is shown first; nothing is deleted: the
//! undo is itself a write (`store::tx`), and `history` still shows what was
//! undone. A write cut off by a crash is rolled back, said, and nothing
//! else taken back.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use super::record::summary;
use super::{Globals, clerk};
use crate::output::say;
use crate::store::Op;
use crate::store::journal::WriteKind;
use crate::store::tx;
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: crate::cli::UndoArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, args.by.as_deref());
    let mut tx = store.begin(WriteKind::Undo, &by)?;
    if !tx.recovered.is_empty() {
        // The journal's end was not what the clerk last saw: say what was
        // put right and take nothing else back, rather than guess.
        bail!(
            "nothing undone: {}; run `healthreport undo` again to take back the write before it",
            tx.recovered.join("; ")
        );
    }
    let Some(write) = tx::last_write(&store, &by)? else {
        bail!("{by} has no write left to undo in {}", store.root.display());
    };
    let taking = tx.undo(&write)?;
    if taking.is_empty() {
        bail!("the last write of {by} is already undone");
    }
    let roster = store.roster()?;
    let count =
        taking.entries.len() + taking.lines.len() + usize::from(taking.config_before.is_some());
    say(format_args!(
        "last write of {by}, {} ({}, {count} entr{}):",
        write
            .at()
            .map(|a| a.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        write.kind_label(),
        if count == 1 { "y" } else { "ies" }
    ))?;
    let mut shown = 0;
    for e in taking.entries.iter().take(20) {
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
        shown += 1;
    }
    for (file, line) in taking.lines.iter().take(20 - shown) {
        let person = line.get("person");
        let id = person.and_then(|p| p.get("id")).and_then(|v| v.as_str());
        let name = person.and_then(|p| p.get("name")).and_then(|v| v.as_str());
        match (id, name) {
            (Some(id), Some(name)) => say(format_args!("  {file}: {id} {name}"))?,
            _ => say(format_args!("  {file}: {line}"))?,
        }
        shown += 1;
    }
    if let Some(before) = &taking.config_before {
        let was = crate::store::Config::from_json(before.as_bytes(), "config.json")
            .map(|c| {
                c.entries()
                    .into_iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        say(format_args!("  settings back to: {was}"))?;
        shown += 1;
    }
    if count > shown {
        say(format_args!("  … and {} more", count - shown))?;
    }
    if !args.yes && !confirm()? {
        say("nothing undone")?;
        return Ok(Status::Done);
    }
    tx.commit()?;
    say(format_args!(
        "undone; the entries stay in the store (see `healthreport history`)"
    ))?;
    Ok(Status::Done)
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
