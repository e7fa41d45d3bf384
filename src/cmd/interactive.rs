//! `record --interactive [--pm]`: the clerk's morning (and, with `--pm`,
//! the afternoon round of second readings). Everyone not yet reported
//! on the day, household by household, with their carried values shown:
//! type the temperature and Enter to keep the rest, `36.5+` to change
//! them, Enter alone to skip, `q` to stop. Each record is saved (and
//! synced) as soon as it is typed, so Ctrl-C keeps everything before it.

use std::io::{BufRead, Write};

use anyhow::Result;
use chrono::NaiveDate;

use super::record::{save, summary};
use super::{Globals, clerk};
use crate::Status;
use crate::cli::Lang;
use crate::dates::{parse_date, parse_record_date};
use crate::episode::Episode;
use crate::i18n::{self, L};
use crate::person::Person;
use crate::record::{
    Isolation, Record, RecordInput, Work, parse_bool, parse_symptoms, parse_temperature,
};
use crate::report::daily::{contact_cell, role};
use crate::store::Store;
use crate::store::journal::WriteKind;

/// What the clerk typed at a prompt.
enum Answer {
    Text(String),
    /// End of input (Ctrl-D) or `q`.
    Quit,
}

struct Prompt<I: BufRead> {
    input: I,
}

impl<I: BufRead> Prompt<I> {
    fn ask(&mut self, question: &str) -> Result<Answer> {
        let mut err = std::io::stderr();
        write!(err, "{question}")?;
        err.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(err)?;
            return Ok(Answer::Quit);
        }
        let text = line.trim().to_string();
        if text.eq_ignore_ascii_case("q") {
            return Ok(Answer::Quit);
        }
        Ok(Answer::Text(text))
    }

    /// Asks until `parse` accepts the answer; Enter keeps `None`.
    fn ask_parsed<T>(
        &mut self,
        question: &str,
        parse: impl Fn(&str) -> Result<T>,
    ) -> Result<Option<Option<T>>> {
        loop {
            match self.ask(question)? {
                Answer::Quit => return Ok(None),
                Answer::Text(t) if t.is_empty() => return Ok(Some(None)),
                Answer::Text(t) => match parse(&t) {
                    Ok(v) => return Ok(Some(Some(v))),
                    Err(e) => crate::errln!("  {e:#}; try again"),
                },
            }
        }
    }
}

fn shown(r: Option<&Record>, episode: &Episode, date: NaiveDate, lang: Lang) -> String {
    let Some(r) = r else {
        return L::NoEarlierRecord.text(lang).to_string();
    };
    let mut parts = vec![r.date.to_string()];
    parts.push(r.location.clone().unwrap_or_else(|| "—".into()));
    // Contact carries while the observation is open: shown as carried.
    if episode.observing(date) {
        parts.push(format!(
            "{}: {}",
            L::Contact.text(lang),
            contact_cell(episode, date, lang)
        ));
    }
    let mut iso = i18n::isolation(r.isolation, lang).to_string();
    if let Some(s) = r.isolation_since {
        iso.push_str(&format!(" {s}"));
    }
    parts.push(format!("{}: {iso}", L::Isolation.text(lang)));
    if let Some(w) = r.work {
        let mut work = i18n::work(w, lang).to_string();
        if let Some(p) = &r.post {
            work.push_str(&format!("({p})"));
        }
        parts.push(format!("{}: {work}", L::Work.text(lang)));
    }
    parts.join(" · ")
}

pub fn run(g: &Globals, date: Option<&str>, by: Option<&str>, pm: bool) -> Result<Status> {
    let store = g.open()?;
    let lang = g.lang(&store);
    let today = store.today()?;
    let date = parse_record_date(date, today)?;
    let by = clerk(&store, by);
    let roster = store.roster()?;
    let active: Vec<&Person> = roster.active_on(date).collect();
    let standings = crate::episode::standings(&store, &store.config, &active, date)?;
    // The morning round: everyone not yet reported. The afternoon round
    // (`--pm`): those in an episode (taken twice a day) whose record of the
    // day has no afternoon reading yet.
    let needs_pm = |p: &Person| {
        standings.get(&p.id).is_some_and(|(r, e)| {
            r.date == date && r.temperature_pm.is_none() && (e.observing(date) || e.is_isolated())
        })
    };
    let reported_today = |p: &Person| standings.get(&p.id).is_some_and(|(r, _)| r.date == date);
    let todo: Vec<&Person> = active
        .iter()
        .copied()
        .filter(|p| if pm { needs_pm(p) } else { !reported_today(p) })
        .collect();
    if pm {
        crate::errln!(
            "{date}: {} of {} need an afternoon temperature (under observation or isolated). Type it and Enter; \
             Enter alone skips; q stops. Each reading is saved at once.",
            todo.len(),
            active.len()
        );
    } else {
        crate::errln!(
            "{date}: {} of {} not yet reported. Type the temperature and Enter to keep the values shown; \
             `36.5+` to change them; Enter alone skips; q stops. Each record is saved at once.",
            todo.len(),
            active.len()
        );
    }
    let mut prompt = Prompt {
        input: std::io::stdin().lock(),
    };
    let (mut saved, mut skipped) = (0, 0);
    'people: for (i, p) in todo.iter().enumerate() {
        let staff_name = roster.staff_of(p).map(|s| s.name.as_str()).unwrap_or("");
        let (carried, episode) = match standings.get(&p.id) {
            Some((r, e)) => (Some(r), *e),
            None => (None, Episode::default()),
        };
        let afternoon = pm;
        crate::errln!(
            "\n[{}/{}] {} {} ({}, {staff_name}) — {}",
            i + 1,
            todo.len(),
            p.id,
            p.name,
            role(p, lang),
            shown(carried, &episode, date, lang)
        );
        let label = if afternoon {
            L::TemperaturePm
        } else {
            L::Temperature
        };
        loop {
            let temp = match prompt.ask(&format!("  {}> ", label.text(lang)))? {
                Answer::Quit => break 'people,
                Answer::Text(t) if t.is_empty() => {
                    skipped += 1;
                    continue 'people;
                }
                Answer::Text(t) => t,
            };
            let (temp, edit) = match temp.strip_suffix('+') {
                Some(t) => (t.trim().to_string(), true),
                None => (temp, false),
            };
            let temperature = match parse_temperature(&temp) {
                Ok(t) => t,
                Err(e) => {
                    crate::errln!("  {e:#}; try again");
                    continue;
                }
            };
            // The afternoon round adds the reading to the day's record.
            let mut input = if afternoon {
                RecordInput {
                    temperature_pm: Some(temperature),
                    ..Default::default()
                }
            } else {
                RecordInput {
                    temperature: Some(temperature),
                    ..Default::default()
                }
            };
            if edit
                && !edit_fields(
                    &mut prompt,
                    p,
                    (carried, &episode),
                    date,
                    today,
                    lang,
                    &mut input,
                )?
            {
                break 'people;
            }
            match save_one(&store, p, date, input, &by) {
                Ok(r) => {
                    saved += 1;
                    crate::output::say(format_args!(
                        "  recorded {} {}: {}",
                        p.id,
                        p.name,
                        summary(&r)
                    ))?;
                    continue 'people;
                }
                Err(e) => crate::errln!("  {}; try again", crate::one_line(&e)),
            }
        }
    }
    let left = todo.len() - saved;
    if pm {
        crate::errln!(
            "\nrecorded {saved}, skipped {skipped}; {left} still without an afternoon temperature on {date}"
        );
    } else {
        crate::errln!(
            "\nrecorded {saved}, skipped {skipped}; {left} still not reported on {date} (see `healthreport missing`)"
        );
    }
    Ok(Status::Done)
}

fn save_one(
    store: &Store,
    p: &Person,
    date: NaiveDate,
    input: RecordInput,
    by: &str,
) -> Result<Record> {
    // The lock is held for one record only, so other clerks are not kept waiting.
    let mut tx = store.begin(WriteKind::Record, by)?;
    let saved = save(&mut tx, p, date, input, by.to_string())?;
    tx.commit()?;
    Ok(saved.record)
}

/// A typed answer as text: clean, or asked again.
fn typed(field: &'static str) -> impl Fn(&str) -> Result<String> {
    move |s: &str| {
        crate::text::check_text(field, s)?;
        Ok(s.to_string())
    }
}

/// Asks for each carried value and the daily ones; Enter keeps what is
/// shown. Returns false if the clerk quit.
fn edit_fields<I: BufRead>(
    prompt: &mut Prompt<I>,
    p: &Person,
    (carried, episode): (Option<&Record>, &Episode),
    date: NaiveDate,
    today: NaiveDate,
    lang: Lang,
    input: &mut RecordInput,
) -> Result<bool> {
    let keep = |v: Option<String>| v.unwrap_or_default();
    let q = |label: L, current: String| format!("  {} [{current}]> ", label.text(lang));
    macro_rules! ask {
        ($label:expr, $current:expr, $parse:expr) => {
            match prompt.ask_parsed(&q($label, $current), $parse)? {
                None => return Ok(false),
                Some(v) => v,
            }
        };
    }
    input.location = ask!(
        L::Location,
        keep(carried.and_then(|r| r.location.clone())),
        typed("location")
    );
    // Enter keeps contact as carried (yes while an observation is open).
    let carried_contact =
        i18n::yes_no(episode.observing(date) && episode.contact, lang).to_string();
    input.contact = ask!(L::Contact, carried_contact, parse_bool);
    input.symptoms = parse_symptoms(ask!(L::Symptoms, String::new(), typed("symptoms")).as_deref());
    let iso_now = carried.map(|r| r.isolation).unwrap_or_default();
    input.isolation = ask!(
        L::Isolation,
        i18n::isolation(iso_now, lang).to_string(),
        Isolation::parse
    );
    if input.isolation.unwrap_or(iso_now).is_isolated() {
        let since = carried
            .and_then(|r| r.isolation_since)
            .map(|d| d.to_string())
            .unwrap_or_else(|| date.to_string());
        input.isolation_since = ask!(L::IsolationSince, since, |s: &str| parse_date(s, today));
    }
    if p.is_staff() {
        let work_now = carried.and_then(|r| r.work);
        input.work = ask!(
            L::Work,
            work_now
                .map(|w| i18n::work(w, lang))
                .unwrap_or("")
                .to_string(),
            Work::parse
        );
        if input.work.or(work_now) == Some(Work::Frontline) {
            input.post = ask!(
                L::Post,
                keep(carried.and_then(|r| r.post.clone())),
                typed("post")
            );
        }
    }
    input.note = ask!(L::Note, String::new(), typed("note"));
    Ok(true)
}
