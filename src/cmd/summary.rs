//! `summary`: the head of the unit's table.

use anyhow::Result;

use super::{Globals, day_report};
use crate::Status;
use crate::cli::StrictReportArgs;
use crate::report::summary::Summary;

pub fn run(g: &Globals, args: StrictReportArgs) -> Result<Status> {
    day_report(g, &args.report, |daily| {
        let summary = Summary::from_daily(&daily);
        let found = args.strict && summary.needs_action();
        (Box::new(summary), found)
    })
}
