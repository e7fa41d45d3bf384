//! `frontline`: the vanguard ledger over a period.

use anyhow::{Result, bail};

use super::{Globals, ctx, date_or_today, emit_report, open_for_report, opt_date};
use crate::Status;
use crate::cli::FrontlineArgs;
use crate::report::frontline::Ledger;

pub fn run(g: &Globals, args: FrontlineArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let to = date_or_today(&store, args.to.as_deref())?;
    let from = opt_date(&store, args.from.as_deref())?;
    if let Some(from) = from
        && from > to
    {
        bail!("--from {from} is after --to {to}");
    }
    let posts = store.posts()?;
    let ledger = Ledger::compute(&ctx(&store, &roster), &posts, from, to)?;
    emit_report(&store, g.lang(&store), &args.out, &ledger)?;
    Ok(Status::Done)
}
