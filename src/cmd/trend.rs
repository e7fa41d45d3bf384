//! `trend`: counts per day over a period.

use anyhow::{Result, bail};
use chrono::Duration;

use super::{Globals, ctx, date_or_today, emit_report, open_for_report, opt_date};
use crate::Status;
use crate::cli::TrendArgs;
use crate::progress::Progress;
use crate::report::trend::Trend;

/// The longest trend: ten years and some (SPEC §7 measures a ten-year
/// one). Each day costs a one-day report, so a range of centuries would
/// run for minutes and hold gigabytes (SPEC §6, bounded resources).
const MAX_DAYS: u64 = 3700;

pub fn run(g: &Globals, args: TrendArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let to = date_or_today(&store, args.to.as_deref())?;
    // By default the last 14 days, but not before the first day with records.
    let from = match opt_date(&store, args.from.as_deref())? {
        Some(from) => from,
        None => {
            let first = store.days_between(None, Some(to))?.first().copied();
            let fortnight = to - Duration::days(13);
            first.map_or(to, |first| first.max(fortnight))
        }
    };
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    let days = (to - from).num_days() as u64 + 1;
    if days > MAX_DAYS {
        bail!(
            "--from {from} --to {to} spans {days} days; a trend covers at most {MAX_DAYS} days (ten years): narrow the range"
        );
    }
    let mut progress = Progress::new(days, "trend");
    let report = Trend::compute(&ctx(&store, &roster), from, to, || progress.inc(1))?;
    drop(progress);
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}
