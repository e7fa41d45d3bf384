//! `record`: one person's status for a day. Recording the same day again
//! is a correction: a new version is appended and the newest wins.

use crate::t;
use anyhow::{Result, bail};

use super::{Globals, clerk};
use crate::cli::RecordArgs;
use crate::dates::{parse_date, parse_record_date};
use crate::episode::Openers;
use crate::i18n::{self, L};
use crate::output::say;
use crate::person::Person;
use crate::record::{
    self, Carried, Isolation, Record, RecordInput, Work, parse_symptoms, parse_temperature,
};
use crate::store::journal::WriteKind;
use crate::store::tx::Tx;
use crate::store::{Entry, new_entry_id};
use crate::text::check_text;
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: RecordArgs) -> Result<Status> {
    if let Some(file) = &args.batch {
        return super::batch::run(
            g,
            super::batch::BatchOptions {
                file,
                date: args.date.as_deref(),
                dry_run: args.dry_run,
                encoding: args.encoding.as_deref(),
                sheet: args.sheet.as_deref(),
                by: args.by.as_deref(),
            },
        );
    }
    if let Some(file) = &args.chat {
        return super::chat::run(
            g,
            super::chat::ChatOptions {
                file,
                date: args.date.as_deref(),
                dry_run: args.dry_run,
                yes: args.yes,
                encoding: args.encoding.as_deref(),
                by: args.by.as_deref(),
            },
        );
    }
    if args.interactive {
        return super::interactive::run(g, args.date.as_deref(), args.by.as_deref(), args.pm);
    }
    let changes_something = args.temp.is_some()
        || args.temp_pm.is_some()
        || args.location.is_some()
        || args.contact
        || args.no_contact
        || args.isolation.is_some()
        || args.isolation_since.is_some()
        || args.work.is_some()
        || args.post.is_some()
        || args.note.is_some()
        || !args.symptoms.is_empty();
    let (Some(query), true) = (&args.person, changes_something) else {
        return Err(UsageError(t!("record-needs-args")).into());
    };
    // Typed values: no control character, not even a tab.
    for s in &args.symptoms {
        check_text("symptom", s)?;
    }
    for (field, value) in [
        ("location", &args.location),
        ("post", &args.post),
        ("note", &args.note),
        ("by", &args.by),
    ] {
        if let Some(v) = value {
            check_text(field, v)?;
        }
    }
    let store = g.open()?;
    let today = store.today()?;
    let date = parse_record_date(args.date.as_deref(), today)?;
    // Every value is checked before the lock is taken or anything is read.
    let contact = match (args.contact, args.no_contact) {
        (true, false) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let mut input = RecordInput {
        temperature: args.temp.as_deref().map(parse_temperature).transpose()?,
        temperature_pm: args.temp_pm.as_deref().map(parse_temperature).transpose()?,
        symptoms: parse_symptoms(args.symptoms.iter().map(String::as_str)),
        location: args.location,
        contact,
        new_contact: contact == Some(true),
        observation_since: None,
        observation_given: false,
        isolation: args
            .isolation
            .as_deref()
            .map(Isolation::parse)
            .transpose()?,
        isolation_since: args
            .isolation_since
            .as_deref()
            .map(|d| parse_date(d, today))
            .transpose()?,
        work: args.work.as_deref().map(Work::parse).transpose()?,
        post: args.post,
        note: args.note,
    };
    let by = clerk(&store, args.by.as_deref());
    let mut tx = store.begin(WriteKind::Record, &by)?;
    let person = match store.roster_person(query)? {
        Some(p) => p,
        None => store.roster()?.find(query)?.clone(),
    };
    let person = &person;
    // Posts are read only when one is given: a record without --post costs
    // what it did.
    let mut unregistered = None;
    if let Some(typed) = input.post.clone() {
        let posts = store.posts()?;
        match posts.find(&typed) {
            // `--post P002` or a folded spelling records the registered
            // name, which the ledger counts under.
            Ok(post) => input.post = Some(post.name.clone()),
            Err(_) if !posts.all().is_empty() => unregistered = Some((typed, posts)),
            Err(_) => {}
        }
    }
    let outcome = save(&mut tx, person, date, input, by)?;
    tx.commit()?;
    say(describe(person, &outcome.record))?;
    if let Some((post, posts)) = &unregistered {
        warn_unregistered_post(posts, post);
    }
    if let Some(old) = &outcome.replaced {
        // Nobody known (no --by, clerk or login): no empty "by".
        if old.recorded_by.is_empty() {
            say(t!(
                "record-replaced-the-version-recorded",
                m = old.recorded_at.format("%Y-%m-%d %H:%M").to_string(),
                old = summary(old).to_string()
            ))?;
        } else {
            say(t!(
                "record-replaced-the-version-recorded-2",
                m = old.recorded_at.format("%Y-%m-%d %H:%M").to_string(),
                recorded_by = old.recorded_by.to_string(),
                old = summary(old).to_string()
            ))?;
        }
        warn_dropped(old, &outcome.record);
    }
    Ok(Status::Done)
}

pub struct Saved {
    pub record: Record,
    pub replaced: Option<Record>,
}

/// Checks that `person` is expected on `date`, builds the record on their
/// previous one and stages it in `tx`; the caller commits.
pub fn save(
    tx: &mut Tx<'_>,
    person: &Person,
    date: chrono::NaiveDate,
    input: RecordInput,
    by: String,
) -> Result<Saved> {
    check_active(person, date)?;
    let store = tx.store();
    let replaced = store.day(date)?.record_of(&person.id);
    let mut openers = Openers::new(store, &store.config);
    // A correction keeps what the replaced version carried (and its
    // readings when none are given); a first record of the day carries
    // from the latest earlier day.
    let carried = match &replaced {
        Some(r) => Carried::from_replaced(r, openers.observation_start(r)?),
        None => {
            let before = store.latest_before(person, date)?;
            let start = match &before {
                Some(r) => openers.observation_start(r)?,
                None => None,
            };
            Carried::from_previous(before.as_ref(), start)
        }
    };
    let mut input = input;
    if let Some(r) = &replaced
        && input.temperature.is_none()
    {
        keep_daily(&mut input, r);
    }
    if replaced.is_none() && input.temperature.is_none() {
        bail!(t!(
            "record-has-no-record-on",
            id = person.id.to_string(),
            name = person.name.to_string(),
            date = date.to_string()
        ));
    }
    let now = store.now()?;
    let record = record::build(person, date, input, &carried, &store.config, now, by)?;
    let entry = Entry::from_record(new_entry_id(now), &record);
    tx.append_entries(std::slice::from_ref(&entry))?;
    Ok(Saved { record, replaced })
}

/// A correction without a temperature (an afternoon reading added, a
/// place fixed) keeps the replaced version's symptoms and note unless new
/// ones are given, as it keeps its readings.
pub fn keep_daily(input: &mut RecordInput, replaced: &Record) {
    if input.symptoms.is_empty() {
        input.symptoms = replaced.symptoms.clone();
    }
    if input.note.is_none() {
        input.note = replaced.note.clone();
    }
}

/// Symptoms never carry, even into a correction, and contact only within
/// an open observation: say so when a correction drops them, in case the
/// clerk only meant to fix the temperature.
pub fn warn_dropped(old: &Record, new: &Record) {
    if old.contact && !new.contact && new.observation_since.is_none() {
        crate::warn(t!(
            "record-dropped-contact",
            id = new.person.as_str(),
            date = new.date.to_string()
        ));
    }
    if !old.symptoms.is_empty() && new.symptoms.is_empty() {
        crate::warn(t!(
            "record-dropped-symptoms",
            id = new.person.as_str(),
            date = new.date.to_string(),
            symptoms = old.symptoms.join("、")
        ));
    }
}

pub fn check_active(person: &Person, date: chrono::NaiveDate) -> Result<()> {
    if !person.active_on(date) {
        let window = match (person.since, person.until) {
            (Some(s), Some(u)) => t!("window-from-to", from = s.to_string(), to = u.to_string()),
            (Some(s), None) => t!("window-from", from = s.to_string()),
            (None, Some(u)) => t!("window-to", to = u.to_string()),
            (None, None) => String::new(),
        };
        bail!(t!(
            "record-not-expected",
            id = person.id.as_str(),
            name = person.name.as_str(),
            date = date.to_string(),
            window = window
        ));
    }
    Ok(())
}

/// `35.6℃，沈阳市沈北新区，在岗`: a record in words, each value by its
/// label in the message language, never by its stored name.
pub fn summary(r: &Record) -> String {
    let lang = crate::i18n::lang();
    let mut parts = vec![match r.temperature_pm {
        Some(pm) => format!("{:.1}℃ / {pm:.1}℃", r.temperature),
        None => format!("{:.1}℃", r.temperature),
    }];
    if let Some(l) = &r.location {
        parts.push(l.clone());
    }
    if !r.symptoms.is_empty() {
        parts.push(t!("sum-symptoms", symptoms = r.symptoms.join("、")));
    }
    if r.contact {
        parts.push(t!("sum-contact"));
    }
    if let Some(since) = r.observation_since {
        parts.push(t!(
            "record-under-observation-since",
            since = since.to_string()
        ));
    }
    if r.isolation.is_isolated() {
        parts.push(t!(
            "sum-isolation",
            kind = i18n::isolation(r.isolation, lang),
            since = r.isolation_since.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    if let Some(w) = r.work {
        parts.push(match &r.post {
            Some(p) => t!(
                "sum-work-post",
                work = i18n::work(w, lang),
                post = p.as_str()
            ),
            None => i18n::work(w, lang).to_string(),
        });
    }
    if let Some(n) = &r.note {
        parts.push(t!("sum-note", note = n.as_str()));
    }
    parts.join(L::ListSep.text(lang))
}

fn describe(p: &Person, r: &Record) -> String {
    t!(
        "saved-on",
        id = p.id.as_str(),
        name = p.name.as_str(),
        date = r.date.to_string(),
        what = summary(r)
    )
}

/// A post typed at `record --post` that is not registered is recorded as
/// typed (the ledger flags it 未登记), but said at once, with the closest
/// registered names: a typo found the next morning is a day's ledger wrong.
fn warn_unregistered_post(posts: &crate::post::Posts, post: &str) {
    let close = crate::post::closest(posts.all().iter().map(|p| p.name.as_str()), post);
    crate::warn(if close.is_empty() {
        t!("post-recorded-unregistered", post = post)
    } else {
        t!(
            "post-recorded-unregistered-close",
            post = post,
            close = crate::i18n::join_list(&close)
        )
    });
}
