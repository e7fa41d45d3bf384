//! `family add`.

use anyhow::{Result, bail};

use super::{Globals, clerk, opt_date};
use crate::Status;
use crate::cli::{FamilyAddArgs, FamilyCommand};
use crate::output::say;
use crate::person::{Kind, Person, Relation, next_family_id, validate_id, validate_name};
use crate::store::RosterOp;

pub fn run(g: &Globals, cmd: FamilyCommand) -> Result<Status> {
    let FamilyCommand::Add(args) = cmd;
    add(g, args)
}

fn add(g: &Globals, args: FamilyAddArgs) -> Result<Status> {
    let store = g.open()?;
    let lock = store.lock()?;
    let roster = store.roster()?;
    let staff = roster.find_staff(&args.of)?;
    let relation = Relation::parse(&args.relation)?;
    let id = match args.id {
        Some(id) => {
            let id = id.trim().to_string();
            validate_id(&id)?;
            if let Some(p) = roster.all().iter().find(|p| p.id.eq_ignore_ascii_case(&id)) {
                bail!(
                    "id {} is taken by {}; choose another or leave --id out",
                    p.id,
                    p.name
                );
            }
            id
        }
        None => next_family_id(&staff.id, roster.all().iter().map(|p| p.id.as_str())),
    };
    let person = Person {
        id,
        name: validate_name(&args.name)?,
        kind: Kind::Family,
        of: Some(staff.id.clone()),
        relation: Some(relation),
        dept: None,
        phone: args
            .phone
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        party_member: args.party_member,
        veteran: args.veteran,
        since: opt_date(&store, args.since.as_deref())?,
        until: None,
    };
    let event = store.roster_event(RosterOp::Add, person.clone(), &clerk(None))?;
    store.append_roster(&lock, &[event])?;
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
