//! `undo [--yes]`: takes back the store's last complete write of any kind
//! (record, correction, batch, void, staff/family add, person edit/leave,
//! roster import, config set, posts, supplies, roll-call), whoever made
//! it: the preview names them. It is shown first; nothing is deleted: the
//! undo is itself a write (`store::tx`), and `history` still shows what was
//! undone. A write cut off by a crash is rolled back, said, and nothing
//! else taken back.

use crate::t;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use super::record::summary;
use super::{Globals, clerk};
use crate::i18n::L;
use crate::output::say;
use crate::post::{Post, PostEvent, PostOp, Posts, SupplyEvent, SupplyOp};
use crate::store::journal::WriteKind;
use crate::store::tx;
use crate::store::{Op, RosterEvent};
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: crate::cli::UndoArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, args.by.as_deref());
    let mut tx = store.begin(WriteKind::Undo, &by)?;
    if !tx.recovered.is_empty() {
        // The journal's end was not what the clerk last saw: say what was
        // put right and take nothing else back, rather than guess.
        bail!(t!(
            "undo-nothing-undone-run-healthreport",
            recovered = tx
                .recovered
                .join(crate::i18n::L::GroupSep.text(crate::i18n::lang()))
        ));
    }
    let Some(write) = tx::last_write(&store)? else {
        bail!(t!(
            "undo-has-no-write-left",
            root = store.root.display().to_string()
        ));
    };
    // The preview names whoever made the write, so a clerk taking back
    // another's sees it before confirming.
    let writer = match write.by() {
        "" => t!("undo-unnamed"),
        by => by.to_string(),
    };
    let taking = tx.undo(&write)?;
    if taking.is_empty() {
        bail!(t!("undo-the-last-write-of", by = writer.clone()));
    }
    let preview = preview(&store, &write, &writer, &taking)?;
    if args.yes {
        // Committed before a word is printed: with --yes the clerk has
        // already said yes, and a reader that closes the pipe early
        // (`undo --yes | head -1`) must not cancel the undo.
        tx.commit()?;
        for line in &preview {
            say(line)?;
        }
    } else {
        for line in &preview {
            say(line)?;
        }
        if !confirm()? {
            say(t!("undo-nothing-undone"))?;
            return Ok(Status::Done);
        }
        tx.commit()?;
    }
    // `history` shows undone records; a roster, post or settings write has
    // no history to point to, only the promise that nothing was deleted.
    say(if taking.entries.is_empty() {
        t!("undo-undone-nothing-deleted")
    } else {
        t!("undo-undone-the-entries-stay")
    })?;
    Ok(Status::Done)
}

/// One roster, post or supply line as the clerk knows it (名册：S003 王五),
/// read as the event it is, not shown as the file holds it; a line of any
/// other file (or one that does not read) as it is.
fn line_taken_back(file: &str, line: &serde_json::Value, posts: &Posts) -> String {
    use crate::store::posts::{POSTS_FILE, SUPPLIES_FILE};
    use crate::store::roster::ROSTER_FILE;
    use serde::Deserialize;
    let shown = match file {
        ROSTER_FILE => RosterEvent::deserialize(line)
            .ok()
            .map(|e| t!("undo-line-roster", id = e.person.id, name = e.person.name)),
        POSTS_FILE => PostEvent::deserialize(line)
            .ok()
            .and_then(|e| Some((e.op, e.post?)))
            .map(|(op, post)| post_taken_back(op, &post)),
        SUPPLIES_FILE => SupplyEvent::deserialize(line)
            .ok()
            .map(|e| supply_taken_back(&e, posts)),
        _ => None,
    };
    shown.unwrap_or_else(|| t!("undo-line-other", file = file, line = line.to_string()))
}

/// `岗位修改：P003 A小区（电话 123）`: the post as the write left it.
fn post_taken_back(op: PostOp, post: &Post) -> String {
    let details: Vec<String> = [
        (&post.community, t!("undo-post-community")),
        (&post.contact, t!("undo-post-contact")),
        (&post.phone, t!("undo-post-phone")),
    ]
    .into_iter()
    .filter_map(|(value, label)| {
        value
            .as_deref()
            .filter(|v| !v.is_empty())
            .map(|v| format!("{label} {v}"))
    })
    .collect();
    t!(
        "undo-line-post",
        op = match op {
            PostOp::Add => "add",
            PostOp::Edit => "edit",
        },
        id = post.id.as_str(),
        name = post.name.as_str(),
        details = details.join(L::ListSep.text(crate::i18n::lang())),
        shown = details.len()
    )
}

/// `物资：东城社区 口罩，2020-02-12 欠缺：需求 800，现有 0`, or its solving.
fn supply_taken_back(e: &SupplyEvent, posts: &Posts) -> String {
    let post = e.post.as_deref().unwrap_or_default();
    t!(
        "undo-line-supply",
        op = match e.op {
            SupplyOp::Report => "report",
            SupplyOp::Resolve => "resolve",
        },
        post = posts.get(post).map_or(post, |p| p.name.as_str()),
        item = e.item.as_deref().unwrap_or_default(),
        date = e.date.map(|d| d.to_string()).unwrap_or_default(),
        need = e.need.unwrap_or(0).to_string(),
        have = e.have.unwrap_or(0).to_string(),
        unit = e.unit.as_deref().unwrap_or_default(),
        by = e.resolved_by.as_deref().unwrap_or_default(),
        named = usize::from(e.resolved_by.is_some())
    )
}

/// What the undo takes back, line by line: the writer, then up to 20 of
/// the entries, lines and settings it takes back.
fn preview(
    store: &crate::store::Store,
    write: &tx::Undoable,
    writer: &str,
    taking: &tx::Taking,
) -> Result<Vec<String>> {
    let roster = store.roster()?;
    let count =
        taking.entries.len() + taking.lines.len() + usize::from(taking.config_before.is_some());
    let mut out = vec![t!(
        "undo-preview",
        by = writer,
        at = write
            .at()
            .map(|a| a.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        kind = write.kind_label(),
        count = count
    )];
    for e in taking.entries.iter().take(20) {
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
        out.push(t!(
            "undo-preview-line",
            id = e.person.as_str(),
            name = name,
            date = e.date.to_string(),
            what = what
        ));
    }
    // Names only: a post file that does not read leaves the ids.
    let posts = store.posts().unwrap_or_default();
    for (file, line) in taking.lines.iter().take(21 - out.len()) {
        out.push(line_taken_back(file, line, &posts));
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
        out.push(t!("undo-settings-back-to", was = was.to_string()));
    }
    let shown = out.len() - 1;
    if count > shown {
        out.push(t!("undo-and-more", targets = (count - shown).to_string()));
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
