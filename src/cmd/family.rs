//! `family add`.

use anyhow::Result;

use super::{Globals, clerk, date_or_today, refuse_same_name, say_changed_days};
use crate::Status;
use crate::cli::{FamilyAddArgs, FamilyCommand};
use crate::output::say;
use crate::person::{Kind, Person, Relation, next_family_id, validate_name};
use crate::record::non_empty;
use crate::store::RosterOp;
use crate::store::journal::WriteKind;

pub fn run(g: &Globals, cmd: FamilyCommand) -> Result<Status> {
    let FamilyCommand::Add(args) = cmd;
    add(g, args)
}

fn add(g: &Globals, args: FamilyAddArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let mut tx = store.begin(WriteKind::FamilyAdd, &by)?;
    let roster = store.roster()?;
    let staff = roster.find_staff(&args.of)?;
    let relation = Relation::parse(&args.relation)?;
    let id = roster.claim_id(args.id.as_deref(), || {
        next_family_id(&staff.id, roster.all_ids())
    })?;
    let name = validate_name(&args.name)?;
    refuse_same_name(&roster, &name, args.same_name)?;
    let person = Person {
        id,
        name,
        kind: Kind::Family,
        of: Some(staff.id.clone()),
        relation: Some(relation),
        dept: None,
        phone: non_empty(args.phone),
        party_member: args.party_member,
        veteran: args.veteran,
        // Without --since a person starts today: adding someone never
        // changes a past day's report (SPEC §2 v2).
        since: Some(date_or_today(&store, args.since.as_deref())?),
        until: None,
        removed: None,
    };
    let event = store.roster_event(RosterOp::Add, person.clone(), &by)?;
    tx.append_roster(&[event])?;
    say_changed_days(None, &person, store.today()?);
    tx.commit()?;
    say(format_args!(
        "added {} {} ({} of {} {})",
        person.id,
        person.name,
        relation.as_str(),
        staff.id,
        staff.name
    ))?;
    Ok(Status::Done)
}
