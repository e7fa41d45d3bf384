//! `frontline`: the vanguard ledger over a period.

use anyhow::{Result, bail};

use super::{Globals, ctx, date_or_today, emit_report, open_for_report, opt_date};
use crate::cli::FrontlineArgs;
use crate::report::frontline::Ledger;
use crate::{Status, t};

pub fn run(g: &Globals, args: FrontlineArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let to = date_or_today(&store, args.to.as_deref())?;
    let from = opt_date(&store, args.from.as_deref())?;
    if let Some(from) = from
        && from > to
    {
        bail!(t!(
            "frontline-from-is-after-to",
            from = from.to_string(),
            to = to.to_string()
        ));
    }
    let posts = store.posts()?;
    let ledger = Ledger::compute(&ctx(&store, &roster), &posts, from, to)?;
    emit_report(&store, g.lang(&store), &args.out, &ledger)?;
    Ok(Status::Done)
}
