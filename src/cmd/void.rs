//! `void PERSON --date D --reason TEXT`: withdraws a day's record. The
//! record stays in the store; a withdrawal entry is appended after it.

use anyhow::{Result, bail};

use super::record::summary;
use super::{Globals, clerk};
use crate::Status;
use crate::dates::parse_date;
use crate::output::say;
use crate::store::journal::WriteKind;
use crate::store::{Entry, new_entry_id};

pub fn run(g: &Globals, args: crate::cli::VoidArgs) -> Result<Status> {
    let store = g.open()?;
    let date = parse_date(&args.date, store.today()?)?;
    let reason = args.reason.trim().to_string();
    crate::text::check_text("reason", &reason)?;
    if let Some(by) = &args.by {
        crate::text::check_text("by", by)?;
    }
    if reason.is_empty() {
        bail!("--reason may not be empty: say why the record is withdrawn");
    }
    let by = clerk(&store, args.by.as_deref());
    let mut tx = store.begin(WriteKind::Void, &by)?;
    let roster = store.roster()?;
    let person = roster.find(&args.person)?;
    let Some(old) = store.day(date)?.record_of(&person.id) else {
        bail!(
            "{} {} has no record on {date} to withdraw",
            person.id,
            person.name
        );
    };
    let now = store.now()?;
    let entry = Entry::void(new_entry_id(now), date, &person.id, reason, now, by);
    tx.append_entries(std::slice::from_ref(&entry))?;
    tx.commit()?;
    say(format_args!(
        "withdrew the record of {} {} on {date} ({}); it stays in `healthreport history`",
        person.id,
        person.name,
        summary(&old)
    ))?;
    Ok(Status::Done)
}
