//! `staff add`.

use anyhow::Result;

use super::{Globals, clerk, opt_date};
use crate::Status;
use crate::cli::{StaffAddArgs, StaffCommand};
use crate::output::say;
use crate::person::{Kind, Person, next_staff_id, validate_name};
use crate::record::non_empty;
use crate::store::RosterOp;
use crate::store::journal::WriteKind;

pub fn run(g: &Globals, cmd: StaffCommand) -> Result<Status> {
    let StaffCommand::Add(args) = cmd;
    add(g, args)
}

fn add(g: &Globals, args: StaffAddArgs) -> Result<Status> {
    let store = g.open()?;
    let mut tx = store.begin(WriteKind::StaffAdd, &clerk(None))?;
    let roster = store.roster()?;
    let id = roster.claim_id(args.id.as_deref(), || {
        next_staff_id(roster.all().iter().map(|p| p.id.as_str()))
    })?;
    let person = Person {
        id,
        name: validate_name(&args.name)?,
        kind: Kind::Staff,
        of: None,
        relation: None,
        dept: non_empty(args.dept),
        phone: non_empty(args.phone),
        party_member: args.party_member,
        veteran: args.veteran,
        since: opt_date(&store, args.since.as_deref())?,
        until: None,
    };
    let event = store.roster_event(RosterOp::Add, person.clone(), &clerk(None))?;
    tx.append_roster(&[event])?;
    tx.commit()?;
    say(format_args!("added staff {} {}", person.id, person.name))?;
    Ok(Status::Done)
}
