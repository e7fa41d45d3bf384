//! `daily`: the daily report.

use anyhow::Result;

use super::{Globals, day_report};
use crate::Status;
use crate::cli::ReportArgs;

pub fn run(g: &Globals, args: ReportArgs) -> Result<Status> {
    day_report(g, &args, |daily| (Box::new(daily), false))
}
