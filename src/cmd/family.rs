//! `family add`.

use crate::t;
use anyhow::Result;

use super::{Globals, clerk, commit_added, date_or_today, refuse_same_name};
use crate::Status;
use crate::cli::{FamilyAddArgs, FamilyCommand};
use crate::output::say;
use crate::person::{Kind, Person, Relation, next_family_id, validate_name};
use crate::record::non_empty;
use crate::store::journal::WriteKind;

pub fn run(g: &Globals, cmd: FamilyCommand) -> Result<Status> {
    let FamilyCommand::Add(args) = cmd;
    add(g, args)
}

fn add(g: &Globals, args: FamilyAddArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let tx = store.begin(WriteKind::FamilyAdd, &by)?;
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
    commit_added(&store, tx, &person, &by)?;
    say(t!(
        "family-added-of",
        id = person.id.to_string(),
        name = person.name.to_string(),
        relation = crate::i18n::relation(relation, crate::i18n::lang()),
        id2 = staff.id.to_string(),
        name2 = staff.name.to_string()
    ))?;
    Ok(Status::Done)
}
