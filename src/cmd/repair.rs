//! `repair`: under the writers' lock, move torn and corrupt lines to
//! `quarantine.jsonl` (nothing is deleted), rewrite each affected file
//! atomically with its good lines in their order, and make files 0600 and
//! folders 0700 (SPEC §6). What only a person can fix is left and listed.

use crate::t;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use super::Globals;
use crate::Status;
use crate::output::say;
use crate::store::check::{self, Fix};
use crate::store::index::{INDEX_FILE, LatestIndex};
use crate::store::{fsutil, tx};

pub fn run(g: &Globals) -> Result<Status> {
    // Opening refuses a store of a newer format (never rewritten) and one
    // whose config.json is broken: that one is fixed by hand first.
    let store = g.open()?;
    let lock = store.lock()?;
    // A write a crash left open is rolled back first (`store::tx`); if the
    // journal's own last line is corrupt, that waits until it is moved.
    let recovered = tx::recover(&store, &lock, false);
    if let Ok((_, notes)) = &recovered {
        for n in notes {
            say(n)?;
        }
    }
    let scan = check::scan(&store.root, true)?;

    // A torn line at the end of the quarantine file is ended first, so the
    // lines moved below start lines of their own.
    let mut ended = 0;
    for p in scan.problems.iter().filter(|p| p.fix == Fix::EndLine) {
        fsutil::append(&p.path, b"\n")?;
        say(t!(
            "repair-ended-the-torn-last",
            path = p.path.display().to_string(),
            line = p.line.unwrap_or(0).to_string()
        ))?;
        ended += 1;
    }

    let mut by_file: BTreeMap<PathBuf, Vec<(usize, usize, usize, &str)>> = BTreeMap::new();
    for p in &scan.problems {
        if let Fix::Quarantine { offset, len, why } = &p.fix {
            by_file.entry(p.path.clone()).or_default().push((
                p.line.unwrap_or(0),
                *offset,
                *len,
                why.as_str(),
            ));
        }
    }
    let quarantine = store.quarantine_path();
    let mut moved = 0;
    for (path, bad) in &by_file {
        let bytes = fs::read(path)
            .with_context(|| t!("batch-cannot-read", path = path.display().to_string()))?;
        if bad
            .iter()
            .any(|(_, offset, len, _)| offset + len > bytes.len())
        {
            // Cannot happen under the lock; refuse rather than cut blindly.
            bail!(t!(
                "repair-changed-while-it-was",
                path = path.display().to_string()
            ));
        }
        let lines: Vec<(usize, &[u8], &str)> = bad
            .iter()
            .map(|(line, offset, len, why)| (*line, &bytes[*offset..offset + len], *why))
            .collect();
        // Saved in the quarantine file (synced) before the file loses them:
        // a crash in between leaves a line in both places, never in neither.
        store.quarantine_many(path, &lines)?;
        let ranges: Vec<(usize, usize)> = bad.iter().map(|(_, o, l, _)| (*o, *l)).collect();
        let owner = fs::metadata(path)
            .map(|m| (m.uid(), m.gid()))
            .with_context(|| t!("batch-cannot-read", path = path.display().to_string()))?;
        fsutil::atomic_write(path, &check::without(&bytes, &ranges)).with_context(|| {
            t!(
                "repair-the-bad-lines-are",
                quarantine = quarantine.display().to_string()
            )
        })?;
        keep_owner(path, owner);
        for (line, _, _, why) in bad {
            let why = why.split(':').next().unwrap_or(why);
            say(t!(
                "repair-moved",
                path = path.display().to_string(),
                line = line.to_string(),
                why = why.to_string(),
                quarantine = quarantine.display().to_string()
            ))?;
        }
        moved += bad.len();
    }

    let mut chmods = 0;
    for p in &scan.problems {
        let Fix::Chmod { from, to } = p.fix else {
            continue;
        };
        // A file rewritten above is private already.
        let now = fs::symlink_metadata(&p.path)
            .with_context(|| t!("batch-cannot-read", path = p.path.display().to_string()))?
            .permissions()
            .mode()
            & 0o7777;
        if now != to {
            fs::set_permissions(&p.path, fs::Permissions::from_mode(to)).with_context(|| {
                t!(
                    "repair-cannot-change-the-mode",
                    path = p.path.display().to_string()
                )
            })?;
        }
        say(t!(
            "repair-chmod-was",
            to = format!("{:04o}", to),
            path = p.path.display().to_string(),
            from = format!("{:04o}", from)
        ))?;
        chmods += 1;
    }

    if recovered.is_err() {
        for n in tx::recover(&store, &lock, false)?.1 {
            say(n)?;
        }
    }
    // The index is derived: built again from the day files as they now
    // are when it was found wrong, is stale or missing, or lines moved.
    let index_path = store.root.join(INDEX_FILE);
    let tail = tx::journal_tail(&store.journal_path())?;
    let fresh = LatestIndex::read(&store.root).is_some_and(|i| i.stamp == tail.last_tx);
    let rebuild = moved > 0 || !fresh || scan.problems.iter().any(|p| p.fix == Fix::RebuildIndex);
    if rebuild && tail.open.is_none() {
        store.set_visible_below(u64::MAX);
        LatestIndex::build(&store, tail.last_tx)?.write(&store.root)?;
        say(t!(
            "repair-rebuilt-index",
            path = index_path.display().to_string()
        ))?;
    }
    let after = check::scan(&store.root, true)?;
    if moved + chmods + ended == 0 {
        if after.problems.is_empty() && rebuild {
            say(super::check::ok_line(&after))?;
        } else if after.problems.is_empty() {
            say(t!(
                "repair-nothing-to-repair",
                after = super::check::ok_line(&after).to_string()
            ))?;
        }
    } else {
        let (root, quarantine) = (
            store.root.display().to_string(),
            quarantine.display().to_string(),
        );
        say(if ended > 0 {
            t!(
                "repair-repaired-and-ended",
                root = root,
                moved = moved,
                quarantine = quarantine,
                chmods = chmods
            )
        } else {
            t!(
                "repair-repaired-line-s-moved",
                root = root,
                moved = moved,
                quarantine = quarantine,
                chmods = chmods
            )
        })?;
        if after.problems.is_empty() {
            say(super::check::ok_line(&after))?;
        }
    }
    if after.problems.is_empty() {
        return Ok(Status::Done);
    }
    // Printed even with --quiet: they explain the error below.
    let mut out = std::io::stdout().lock();
    for p in &after.problems {
        writeln!(out, "{}", t!("repair-left-as-is", problem = p.to_string()))
            .with_context(|| t!("check-cannot-write-the-report"))?;
    }
    out.flush()
        .with_context(|| t!("check-cannot-write-the-report"))?;
    bail!(t!(
        "repair-problem-s-left-in",
        problems = after.problems.len().to_string(),
        root = store.root.display().to_string()
    ))
}

/// A rewritten file is a new file, owned by whoever runs `repair`: give it
/// back to its owner, so a store repaired by root stays readable by the
/// clerk whose store it is.
fn keep_owner(path: &Path, (uid, gid): (u32, u32)) {
    let now = fs::metadata(path).map(|m| (m.uid(), m.gid()));
    if now.is_ok_and(|o| o == (uid, gid)) {
        return;
    }
    if let Err(e) = std::os::unix::fs::chown(path, Some(uid), Some(gid)) {
        crate::warn(t!(
            "repair-is-now-owned-by",
            path = path.display().to_string(),
            uid = uid.to_string(),
            e = e.to_string(),
            gid = gid.to_string()
        ));
    }
}
