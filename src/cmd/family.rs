//! `family add`.

use anyhow::Result;

use super::{Globals, clerk, opt_date};
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
    let mut tx = store.begin(WriteKind::FamilyAdd, &clerk(None))?;
    let roster = store.roster()?;
    let staff = roster.find_staff(&args.of)?;
    let relation = Relation::parse(&args.relation)?;
    let id = roster.claim_id(args.id.as_deref(), || {
        next_family_id(&staff.id, roster.all().iter().map(|p| p.id.as_str()))
    })?;
    let person = Person {
        id,
        name: validate_name(&args.name)?,
        kind: Kind::Family,
        of: Some(staff.id.clone()),
        relation: Some(relation),
        dept: None,
        phone: non_empty(args.phone),
        party_member: args.party_member,
        veteran: args.veteran,
        since: opt_date(&store, args.since.as_deref())?,
        until: None,
    };
    let event = store.roster_event(RosterOp::Add, person.clone(), &clerk(None))?;
    tx.append_roster(&[event])?;
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
