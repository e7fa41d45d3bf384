//! `alerts`: records that need the head of the unit.

use anyhow::Result;

use super::{Globals, day_report};
use crate::Status;
use crate::cli::StrictReportArgs;
use crate::report::alerts::AlertsReport;

pub fn run(g: &Globals, args: StrictReportArgs) -> Result<Status> {
    day_report(g, &args.report, |daily| {
        let report = AlertsReport::from_daily(&daily);
        let found = args.strict && !report.rows.is_empty();
        (Box::new(report), found)
    })
}
