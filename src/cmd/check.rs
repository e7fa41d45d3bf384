//! `check`: verify the whole store and report every problem with its file
//! and line (SPEC §6). It never writes, so it is safe on any store.

use crate::t;
use std::io::Write;

use anyhow::{Context, Result, bail};

use super::Globals;
use crate::Status;
use crate::output::say;
use crate::store::check::{self, Scan};

pub fn run(g: &Globals) -> Result<Status> {
    let scan = check::scan(&g.store_dir, false)?;
    if scan.problems.is_empty() {
        say(ok_line(&scan))?;
        return Ok(Status::Done);
    }
    // The problems are the command's result: printed even with --quiet.
    let mut out = std::io::stdout().lock();
    for p in &scan.problems {
        writeln!(out, "{p}").with_context(|| t!("check-cannot-write-the-report"))?;
    }
    out.flush()
        .with_context(|| t!("check-cannot-write-the-report"))?;
    bail!("{}", failure(&scan, &g.store_dir.display().to_string()))
}

/// The line a clean store gets.
pub fn ok_line(scan: &Scan) -> String {
    t!(
        "check-store-ok-days-entries",
        days = scan.days.to_string(),
        entries = scan.entries.to_string(),
        people = scan.people.to_string()
    )
}

/// The error line that closes a report of problems.
fn failure(scan: &Scan, root: &str) -> String {
    if scan.newer_format {
        return t!("check-problem-s-in-the", root = root.to_string());
    }
    let n = scan.problems.len();
    match scan.counts() {
        (_, 0) => t!(
            "check-problem-s-in-the-2",
            n = n.to_string(),
            root = root.to_string()
        ),
        (0, by_hand) => t!(
            "check-problem-s-in-the-3",
            by_hand = by_hand.to_string(),
            root = root.to_string()
        ),
        (fixable, by_hand) => t!(
            "check-problem-s-in-the-4",
            n = n.to_string(),
            root = root.to_string(),
            fixable = fixable.to_string(),
            by_hand = by_hand.to_string()
        ),
    }
}
