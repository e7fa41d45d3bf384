//! `person edit`, `person leave` and `person remove`: new roster events;
//! earlier ones and every record stay as they were.

use crate::t;
use anyhow::{Result, bail};

use super::{Globals, check_window, clerk, date_or_today, say_changed_days};
use crate::Status;
use crate::cli::{PersonCommand, PersonEditArgs, PersonLeaveArgs, PersonRemoveArgs};
use crate::dates::parse_date;
use crate::output::say;
use crate::person::{Relation, validate_name};
use crate::store::RosterOp;
use crate::store::journal::WriteKind;

pub fn run(g: &Globals, cmd: PersonCommand) -> Result<Status> {
    match cmd {
        PersonCommand::Edit(args) => edit(g, args),
        PersonCommand::Leave(args) => leave(g, args),
        PersonCommand::Remove(args) => remove(g, args),
    }
}

/// `person remove`: a person entered by mistake leaves every report; the
/// records stay in the store and `undo` brings the person back.
fn remove(g: &Globals, args: PersonRemoveArgs) -> Result<Status> {
    let store = g.open()?;
    let reason = validate_name(&args.reason)
        .map_err(|_| anyhow::anyhow!(t!("person-give-the-reason-with")))?;
    let by = clerk(&store, None);
    let mut tx = store.begin(WriteKind::PersonRemove, &by)?;
    let roster = store.roster()?;
    let person = roster.find(&args.person)?;
    if person.is_staff() {
        let family: Vec<String> = roster
            .all()
            .iter()
            .filter(|p| p.of.as_deref() == Some(person.id.as_str()))
            .map(|p| format!("{} {}", p.id, p.name))
            .collect();
        if !family.is_empty() {
            bail!(t!(
                "person-has-family-on-the",
                id = person.id.to_string(),
                name = person.name.to_string(),
                family = crate::i18n::join_list(&family)
            ));
        }
    }
    let mut p = person.clone();
    p.removed = Some(reason);
    let today = store.today()?;
    let event = store.roster_event(RosterOp::Remove, p, &by)?;
    tx.append_roster(std::slice::from_ref(&event))?;
    say_changed_days(Some(person), &event.person, today);
    tx.commit()?;
    say(t!(
        "person-removed-from-every-report",
        id = person.id.to_string(),
        name = person.name.to_string()
    ))?;
    Ok(Status::Done)
}

/// `Some("")` clears a field, `Some(text)` sets it, `None` keeps it.
fn update(field: &mut Option<String>, given: Option<String>) {
    if let Some(v) = given {
        let v = v.trim().to_string();
        *field = (!v.is_empty()).then_some(v);
    }
}

fn edit(g: &Globals, args: PersonEditArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let mut tx = store.begin(WriteKind::PersonEdit, &by)?;
    let roster = store.roster()?;
    let before = roster.find(&args.person)?;
    let mut p = before.clone();
    let who = format!("{} {}", p.id, p.name);
    if let Some(name) = &args.name {
        p.name = validate_name(name)?;
    }
    if args.dept.is_some() && !p.is_staff() {
        bail!(t!("person-is-family-and-counts", who = who.to_string()));
    }
    update(&mut p.dept, args.dept);
    update(&mut p.phone, args.phone);
    if let Some(rel) = &args.relation {
        if p.is_staff() {
            bail!(t!("person-is-staff-a-relation", who = who.to_string()));
        }
        p.relation = Some(Relation::parse(rel)?);
    }
    if args.party_member {
        p.party_member = true;
    }
    if args.no_party_member {
        p.party_member = false;
    }
    if args.veteran {
        p.veteran = true;
    }
    if args.no_veteran {
        p.veteran = false;
    }
    let today = store.today()?;
    let date = |text: &str| -> Result<Option<chrono::NaiveDate>> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(text, today).map(Some)
        }
    };
    if let Some(s) = &args.since {
        p.since = date(s)?;
    }
    if let Some(u) = &args.until {
        p.until = date(u)?;
    }
    if let (Some(s), Some(u)) = (p.since, p.until)
        && u < s
    {
        bail!(t!(
            "person-until-is-before-since",
            who = who.to_string(),
            u = u.to_string(),
            s = s.to_string()
        ));
    }
    if p == *before {
        say(t!("person-nothing-to-change", who = who.to_string()))?;
        return Ok(Status::Done);
    }
    check_window(&store, before, &p, args.force)?;
    let event = store.roster_event(RosterOp::Edit, p.clone(), &by)?;
    tx.append_roster(&[event])?;
    say_changed_days(Some(before), &p, today);
    tx.commit()?;
    say(t!(
        "person-updated",
        id = p.id.to_string(),
        name = p.name.to_string()
    ))?;
    Ok(Status::Done)
}

/// The person is expected up to and including `--on`. A staff member who
/// leaves takes their household along: the bureau stops tracking it.
fn leave(g: &Globals, args: PersonLeaveArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let mut tx = store.begin(WriteKind::PersonLeave, &by)?;
    let roster = store.roster()?;
    let person = roster.find(&args.person)?;
    let on = date_or_today(&store, args.on.as_deref())?;
    if person.since.is_some_and(|s| on < s) {
        bail!(t!(
            "person-only-starts-on-cannot",
            id = person.id.to_string(),
            name = person.name.to_string(),
            on = person.since.unwrap_or(on).to_string(),
            on_3 = on.to_string()
        ));
    }
    let mut leaving = vec![person];
    if person.is_staff() {
        leaving.extend(
            roster
                .all()
                .iter()
                .filter(|p| p.of.as_deref() == Some(person.id.as_str()))
                .filter(|p| p.until.is_none_or(|u| u > on)),
        );
    }
    let today = store.today()?;
    let mut events = Vec::new();
    for p in &leaving {
        let mut after = (*p).clone();
        after.until = Some(on);
        check_window(&store, p, &after, args.force)?;
        events.push(store.roster_event(RosterOp::Leave, after, &by)?);
    }
    tx.append_roster(&events)?;
    for (before, e) in leaving.iter().zip(&events) {
        say_changed_days(Some(before), &e.person, today);
    }
    tx.commit()?;
    for e in &events {
        say(t!(
            "person-is-expected-up-to",
            id = e.person.id.to_string(),
            name = e.person.name.to_string(),
            on = e.person.until.unwrap_or(on).to_string()
        ))?;
    }
    Ok(Status::Done)
}
