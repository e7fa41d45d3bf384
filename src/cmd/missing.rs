//! `missing`: who has not reported.

use anyhow::Result;

use super::{Globals, day_report};
use crate::Status;
use crate::cli::StrictReportArgs;
use crate::report::missing::MissingReport;

pub fn run(g: &Globals, args: StrictReportArgs) -> Result<Status> {
    day_report(g, &args.report, |daily| {
        let report = MissingReport::from_daily(&daily);
        let found = args.strict && !report.rows.is_empty();
        (Box::new(report), found)
    })
}
