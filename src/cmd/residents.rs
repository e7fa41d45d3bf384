//! `residents`: the resident-count table.

use anyhow::Result;

use super::{Globals, ctx, date_or_today, emit_report, open_for_report};
use crate::Status;
use crate::cli::ReportArgs;
use crate::report::residents::Residents;

pub fn run(g: &Globals, args: ReportArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let date = date_or_today(&store, args.date.as_deref())?;
    let roster = roster.as_of(date);
    let report = Residents::compute(&ctx(&store, &roster), date)?;
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}
