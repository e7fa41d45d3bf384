//! `roster`: list the households active on a day, or everyone.

use anyhow::Result;

use super::{Globals, date_or_today, emit_report, open_for_report};
use crate::Status;
use crate::cli::RosterArgs;
use crate::report::roster::RosterReport;

pub fn run(g: &Globals, args: RosterArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let period = if args.all {
        None
    } else {
        Some(date_or_today(&store, args.date.as_deref())?)
    };
    let people = roster
        .all()
        .iter()
        .filter(|p| period.is_none_or(|d| p.active_on(d)))
        .cloned()
        .collect();
    let report = RosterReport {
        org: store.config.org.clone(),
        period,
        people,
    };
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}
