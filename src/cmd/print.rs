//! `print`: the summary, the daily report and the resident table in one
//! file to print: HTML, PDF (through Chromium or Chrome) or a workbook.

use anyhow::Result;

use super::{Globals, ctx, date_or_today, emit_report, open_for_report};
use crate::Status;
use crate::cli::PrintArgs;
use crate::report::daily::Daily;
use crate::report::morning::Morning;
use crate::report::residents::Residents;
use crate::report::summary::Summary;

pub fn run(g: &Globals, args: PrintArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let date = date_or_today(&store, args.report.date.as_deref())?;
    let ctx = ctx(&store, &roster);
    let daily = Daily::compute(&ctx, date)?;
    let report = Morning {
        summary: Summary::from_daily(&daily),
        residents: Residents::compute(&ctx, date)?,
        daily,
    };
    let mut out = args.report.out;
    if out.format.is_none() && out.file.output.is_none() {
        out.format = Some(crate::cli::Format::Html);
    }
    emit_report(&store, g.lang(&store), &out, &report)?;
    Ok(Status::Done)
}
