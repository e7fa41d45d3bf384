//! `trend`: counts per day over a period.

use crate::t;
use anyhow::{Result, bail};
use chrono::Duration;

use super::{Globals, ctx, date_or_today, emit_report, open_for_report, opt_date};
use crate::Status;
use crate::cli::TrendArgs;
use crate::progress::Progress;
use crate::report::trend::Trend;

/// The longest trend: ten years and some (SPEC §7 measures a ten-year
/// one). Each day costs a pass over its file and the roster, and a row of
/// output, so a range of centuries would run for minutes for nothing.
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
        bail!(t!(
            "trend-from-is-after-to",
            from = from.to_string(),
            to = to.to_string()
        ));
    }
    let days = (to - from).num_days() as u64 + 1;
    if days > MAX_DAYS {
        bail!(t!(
            "trend-from-to-spans-days",
            from = from.to_string(),
            to = to.to_string(),
            days = days.to_string(),
            MAX_DAYS = MAX_DAYS.to_string()
        ));
    }
    let mut progress = Progress::new(days, "trend");
    let report = Trend::compute(&ctx(&store, &roster), from, to, || progress.inc(1))?;
    drop(progress);
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}
