//! `history PERSON`: every version the store holds for one person.

use anyhow::Result;

use super::{Globals, emit_report, open_for_report, opt_date};
use crate::Status;
use crate::cli::HistoryArgs;
use crate::report::history::{HistoryReport, VersionState};
use crate::store::{Entry, Op, person_finder};
use rayon::prelude::*;

pub fn run(g: &Globals, args: HistoryArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    // A person removed as entered by mistake keeps their history.
    let person = roster.find_any(&args.person)?.clone();
    let from = opt_date(&store, args.from.as_deref())?;
    let to = opt_date(&store, args.to.as_deref())?;
    let finder = person_finder(&person.id)?;
    // Days in parallel (rayon keeps their order): reading ten years of day
    // files was most of a ten-year `history`.
    let days = store.days_between(from, to)?;
    let per_day = days
        .par_iter()
        .map(|&day| -> Result<Vec<(Entry, VersionState)>> {
            let Some(log) = store.person_day(day, &finder)? else {
                return Ok(Vec::new());
            };
            let standing = log.standing_of(&person.id).map(|e| e.id.clone());
            Ok(log
                .versions_of(&person.id)
                .map(|(entry, undone)| {
                    // An undo stands as written; a record or void stands if it is the newest.
                    let state = if undone {
                        VersionState::Undone
                    } else if entry.op == Op::Undo || standing.as_deref() == Some(entry.id.as_str())
                    {
                        VersionState::Current
                    } else {
                        VersionState::Replaced
                    };
                    (entry.clone(), state)
                })
                .collect())
        })
        .collect::<Result<Vec<_>>>()?;
    let versions = per_day.into_iter().flatten().collect();
    let report = HistoryReport {
        org: store.config.org.clone(),
        person,
        versions,
    };
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}
