//! `check`: verify the whole store and report every problem with its file
//! and line (SPEC §6). It never writes, so it is safe on any store.

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
        writeln!(out, "{p}").context("cannot write the report")?;
    }
    out.flush().context("cannot write the report")?;
    bail!("{}", failure(&scan, &g.store_dir.display().to_string()))
}

/// The line a clean store gets.
pub fn ok_line(scan: &Scan) -> String {
    format!(
        "store OK: {} days, {} entries, {} people",
        scan.days, scan.entries, scan.people
    )
}

/// The error line that closes a report of problems.
fn failure(scan: &Scan, root: &str) -> String {
    if scan.newer_format {
        return format!(
            "1 problem(s) in the store {root}: its format is newer than this healthreport knows; upgrade healthreport (nothing past config.json was checked, nothing was changed)"
        );
    }
    let n = scan.problems.len();
    match scan.counts() {
        (_, 0) => format!(
            "{n} problem(s) in the store {root}: run `healthreport repair` to fix them (bad lines go to quarantine.jsonl; nothing is deleted)"
        ),
        (0, by_hand) => format!(
            "{by_hand} problem(s) in the store {root}, to fix by hand as said above; `healthreport repair` leaves them"
        ),
        (fixable, by_hand) => format!(
            "{n} problem(s) in the store {root}: run `healthreport repair` for the {fixable} it fixes (bad lines go to quarantine.jsonl; nothing is deleted); the other {by_hand} are to fix by hand as said above"
        ),
    }
}
