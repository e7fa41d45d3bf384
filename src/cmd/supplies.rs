//! `supplies [--date D]`, `supplies report`, `supplies resolve`: the
//! supply-shortage table and the two writes that keep it (SPEC §9).

use anyhow::{Result, bail};

use super::{Globals, clerk, date_or_today, emit_report};
use crate::Status;
use crate::cli::{SuppliesAction, SuppliesArgs, SupplyReportArgs, SupplyResolveArgs};
use crate::dates::parse_record_date;
use crate::output::say;
use crate::post::{SupplyEvent, SupplyOp, clean_text, parse_quantity, shortages_as_of, standing};
use crate::report::supplies::SupplyTable;
use crate::store::journal::WriteKind;
use crate::store::new_entry_id;
use crate::store::posts::stage;

pub fn run(g: &Globals, args: SuppliesArgs) -> Result<Status> {
    match args.action {
        Some(SuppliesAction::Report(a)) => report(g, a),
        Some(SuppliesAction::Resolve(a)) => resolve(g, a),
        None => {
            let store = g.open()?;
            let date = date_or_today(&store, args.date.as_deref())?;
            let shortages = shortages_as_of(&store.events::<SupplyEvent>()?, date);
            let table = SupplyTable::new(&store.config.org, &store.posts()?, shortages, date);
            emit_report(&store, g.lang(&store), &args.out, &table)?;
            Ok(if args.strict && table.unsolved() > 0 {
                Status::Strict
            } else {
                Status::Done
            })
        }
    }
}

fn item_name(text: &str) -> Result<String> {
    match clean_text("item", Some(text))? {
        Some(item) => Ok(item),
        None => bail!("--item may not be empty: name the item, e.g. --item 口罩"),
    }
}

fn report(g: &Globals, args: SupplyReportArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let date = parse_record_date(args.date.as_deref(), store.today()?)?;
    let item = item_name(&args.item)?;
    let need = parse_quantity("--need", &args.need)?;
    let have = args
        .have
        .as_deref()
        .map(|h| parse_quantity("--have", h))
        .transpose()?;
    let unit = clean_text("unit", args.unit.as_deref())?;
    let note = clean_text("note", args.note.as_deref())?;
    let mut tx = store.begin(WriteKind::Supplies, &by)?;
    let posts = store.posts()?;
    let post = posts.find(&args.post)?;
    let events = store.events::<SupplyEvent>()?;
    let before = shortages_as_of(&events, date);
    let replaced = standing(&before, &post.id, &item).filter(|s| s.reported == date);
    let now = store.now()?;
    let event = SupplyEvent {
        id: new_entry_id(now),
        op: SupplyOp::Report,
        date: Some(date),
        post: Some(post.id.clone()),
        item: Some(item.clone()),
        unit,
        need: Some(need),
        have,
        resolved_by: None,
        note,
        at: now,
        by: by.clone(),
    };
    stage(&mut tx, &[event])?;
    tx.commit()?;
    let gap = need.saturating_sub(have.unwrap_or(0));
    match replaced {
        Some(old) => say(format_args!(
            "corrected the shortage of {item} at {} on {date}: need {need}, have {}, short {gap} (was need {}, have {})",
            post.name,
            have.unwrap_or(0),
            old.need,
            old.have
        ))?,
        None => say(format_args!(
            "recorded the shortage of {item} at {} on {date}: need {need}, have {}, short {gap}",
            post.name,
            have.unwrap_or(0)
        ))?,
    }
    if gap == 0 {
        crate::warn(format_args!(
            "what is on hand covers the need: the table lists it with a shortage of 0"
        ));
    }
    Ok(Status::Done)
}

fn resolve(g: &Globals, args: SupplyResolveArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let date = parse_record_date(args.date.as_deref(), store.today()?)?;
    let item = item_name(&args.item)?;
    let solver = clean_text("--by", args.by.as_deref())?;
    let note = clean_text("note", args.note.as_deref())?;
    let mut tx = store.begin(WriteKind::Supplies, &by)?;
    let posts = store.posts()?;
    let post = posts.find(&args.post)?;
    let events = store.events::<SupplyEvent>()?;
    let shortages = shortages_as_of(&events, date);
    let Some(shortage) = standing(&shortages, &post.id, &item) else {
        bail!(
            "no shortage of {item} was reported for {} on or before {date}, so there is nothing to resolve; see `healthreport supplies --date {date}`",
            post.name
        );
    };
    if let Some(done) = &shortage.resolved {
        bail!(
            "the shortage of {item} at {} was already resolved on {}; report it again with `healthreport supplies report` if it is short again",
            post.name,
            done.date
        );
    }
    let now = store.now()?;
    let event = SupplyEvent {
        id: new_entry_id(now),
        op: SupplyOp::Resolve,
        date: Some(date),
        post: Some(post.id.clone()),
        item: Some(shortage.item.clone()),
        unit: None,
        need: None,
        have: None,
        resolved_by: solver,
        note,
        at: now,
        by: by.clone(),
    };
    stage(&mut tx, &[event])?;
    tx.commit()?;
    say(format_args!(
        "resolved the shortage of {} at {} on {date}",
        shortage.item, post.name
    ))?;
    Ok(Status::Done)
}
