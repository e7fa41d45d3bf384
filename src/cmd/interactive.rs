//! `record --interactive`: the clerk's morning. Everyone not yet reported
//! on the day, household by household, with their last record shown:
//! type the temperature and Enter to keep the rest, `36.5+` to change
//! them, Enter alone to skip (said aloud, and listed at the end), `q` to
//! stop, `?` for the keys. A fever, a low reading or a three-digit slip
//! (`365`) is asked back before it is saved. Each record is saved (and
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
    Isolation, MAX_TEMP, MIN_TEMP, Record, RecordInput, Work, parse_bool, parse_symptoms,
    parse_temperature,
};
use crate::report::daily::{contact_cell, role};
use crate::store::Store;
use crate::store::config::Config;
use crate::store::journal::WriteKind;
use crate::t;

/// Below this a reading is more likely a slip or a cold thermometer than a
/// body; it is asked back like a fever.
const LOW_TEMP: f64 = 35.5;

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

    /// Asks until `parse` accepts the answer; Enter keeps `None`. A refused
    /// answer prints `choices` (the allowed values) when there are some.
    fn ask_parsed<T>(
        &mut self,
        question: &str,
        choices: Option<&str>,
        parse: impl Fn(&str) -> Result<T>,
    ) -> Result<Option<Option<T>>> {
        loop {
            match self.ask(question)? {
                Answer::Quit => return Ok(None),
                Answer::Text(t) if t.is_empty() => return Ok(Some(None)),
                Answer::Text(t) => match (parse(&t), choices) {
                    (Ok(v), _) => return Ok(Some(Some(v))),
                    (Err(_), Some(choices)) => {
                        crate::errln!("  {}", t!("ia-bad-choice", value = t, choices = choices));
                    }
                    (Err(e), None) => {
                        crate::errln!("  {}", t!("ia-try-again", error = crate::one_line(&e)));
                    }
                },
            }
        }
    }

    /// A `[Y/n]` question: Enter or yes is yes. `None` if the clerk quit.
    fn confirm(&mut self, question: &str) -> Result<Option<bool>> {
        loop {
            match self.ask(question)? {
                Answer::Quit => return Ok(None),
                Answer::Text(t) if t.is_empty() => return Ok(Some(true)),
                Answer::Text(t) => match parse_bool(&t) {
                    Ok(yes) => return Ok(Some(yes)),
                    Err(_) => crate::errln!("  {}", t!("ia-yes-or-no")),
                },
            }
        }
    }
}

/// What the temperature prompt settled on.
enum Reading {
    /// A temperature, and whether the clerk asked to change the other values.
    Value(f64, bool),
    Skip,
    Quit,
}

/// Asks for the temperature until it is a reading the clerk stands by.
fn read_temperature<I: BufRead>(
    prompt: &mut Prompt<I>,
    label: L,
    lang: Lang,
    config: &Config,
) -> Result<Reading> {
    loop {
        let text = match prompt.ask(&format!("  {}> ", label.text(lang)))? {
            Answer::Quit => return Ok(Reading::Quit),
            Answer::Text(t) if t.is_empty() => return Ok(Reading::Skip),
            Answer::Text(t) if t == "?" || t == "？" => {
                crate::errln!("{}", t!("ia-keys"));
                continue;
            }
            Answer::Text(t) => t,
        };
        let (text, edit) = match text.strip_suffix('+') {
            Some(t) => (t.trim().to_string(), true),
            None => (text, false),
        };
        let (value, slip) = match three_digits(&text) {
            Some(v) => (v, true),
            None => match parse_temperature(&text) {
                Ok(v) => (v, false),
                Err(e) => {
                    crate::errln!("  {}", t!("ia-try-again", error = crate::one_line(&e)));
                    continue;
                }
            },
        };
        let shown = format!("{value:.1}");
        let question = if value >= config.fever_threshold - 1e-9 {
            Some(t!("ia-confirm-fever", temp = shown))
        } else if value < LOW_TEMP {
            Some(t!("ia-confirm-low", temp = shown))
        } else if slip {
            Some(t!("ia-confirm-digits", temp = shown))
        } else {
            None
        };
        if let Some(q) = question {
            match prompt.confirm(&format!("  {q} "))? {
                None => return Ok(Reading::Quit),
                Some(false) => continue,
                Some(true) => {}
            }
        }
        return Ok(Reading::Value(value, edit));
    }
}

/// `365` read as 36.5: three digits with the point left out, when that
/// makes a temperature.
fn three_digits(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.len() != 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = f64::from(t.parse::<u16>().ok()?) / 10.0;
    (MIN_TEMP..=MAX_TEMP).contains(&v).then_some(v)
}

/// The last record in words, for a follow-up typed with it in view: its
/// temperature (both readings where there are two), symptoms, contact (and
/// the observation it opened), isolation with the day it ends and the day
/// of the episode the new record falls on, place and work.
fn last_record(r: Option<&Record>, episode: &Episode, date: NaiveDate, lang: Lang) -> String {
    let Some(r) = r else {
        return L::NoEarlierRecord.text(lang).to_string();
    };
    let temp = match r.temperature_pm {
        Some(pm) => t!(
            "ia-last-temps",
            am = format!("{:.1}", r.temperature),
            pm = format!("{pm:.1}")
        ),
        None => t!("ia-last-temp", temp = format!("{:.1}", r.temperature)),
    };
    let symptoms = if r.symptoms.is_empty() {
        L::IsolationNone.text(lang).to_string()
    } else {
        r.symptoms.join("、")
    };
    let isolation = match episode.isolated {
        Some(i) => t!(
            "ia-last-isolation",
            kind = i18n::isolation(i.kind, lang),
            since = i.since.to_string(),
            ends = i.ends.to_string(),
            day = i.day
        ),
        None => i18n::isolation(r.isolation, lang).to_string(),
    };
    let work = match (r.work, &r.post) {
        (Some(w), Some(p)) => t!(
            "ia-last-work-post",
            work = i18n::work(w, lang),
            post = p.as_str()
        ),
        (Some(w), None) => i18n::work(w, lang).to_string(),
        (None, _) => "—".to_string(),
    };
    t!(
        "ia-last",
        date = r.date.to_string(),
        temp = temp,
        symptoms = symptoms,
        contact = contact_cell(episode, date, lang),
        isolation = isolation,
        location = r.location.as_deref().unwrap_or("—"),
        work = work
    )
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
    let opening = if pm {
        t!(
            "ia-opening-pm",
            date = date.to_string(),
            todo = todo.len(),
            total = active.len()
        )
    } else {
        t!(
            "ia-opening",
            date = date.to_string(),
            todo = todo.len(),
            total = active.len()
        )
    };
    crate::errln!("{opening}");
    let mut prompt = Prompt {
        input: std::io::stdin().lock(),
    };
    let mut saved = 0;
    let mut skipped: Vec<&Person> = Vec::new();
    'people: for (i, p) in todo.iter().enumerate() {
        let staff_name = roster.staff_of(p).map(|s| s.name.as_str()).unwrap_or("");
        let (carried, episode) = match standings.get(&p.id) {
            Some((r, e)) => (Some(r), *e),
            None => (None, Episode::default()),
        };
        let afternoon = pm;
        crate::errln!(
            "\n{}\n  {}",
            t!(
                "ia-person",
                n = i + 1,
                of = todo.len(),
                id = p.id.as_str(),
                name = p.name.as_str(),
                role = role(p, lang),
                staff = staff_name
            ),
            last_record(carried, &episode, date, lang)
        );
        let label = if afternoon {
            L::TemperaturePm
        } else {
            L::Temperature
        };
        loop {
            let (temperature, edit) =
                match read_temperature(&mut prompt, label, lang, &store.config)? {
                    Reading::Quit => break 'people,
                    Reading::Skip => {
                        crate::errln!(
                            "  {}",
                            t!("ia-skipped", id = p.id.as_str(), name = p.name.as_str())
                        );
                        skipped.push(p);
                        continue 'people;
                    }
                    Reading::Value(t, edit) => (t, edit),
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
                        "  {}",
                        t!(
                            "saved",
                            id = p.id.as_str(),
                            name = p.name.as_str(),
                            what = summary(&r)
                        )
                    ))?;
                    continue 'people;
                }
                Err(e) => crate::errln!("  {}", t!("ia-try-again", error = crate::one_line(&e))),
            }
        }
    }
    let left = todo.len() - saved;
    let names: Vec<String> = skipped
        .iter()
        .map(|p| format!("{} {}", p.id, p.name))
        .collect();
    let end = if pm {
        t!(
            "ia-end-pm",
            saved = saved,
            skipped = names.len(),
            names = names.join(L::ListSep.text(lang)),
            left = left,
            date = date.to_string()
        )
    } else if names.is_empty() {
        t!(
            "ia-end",
            saved = saved,
            left = left,
            date = date.to_string()
        )
    } else {
        t!(
            "ia-end-skipped",
            saved = saved,
            skipped = names.len(),
            names = names.join(L::ListSep.text(lang)),
            left = left,
            date = date.to_string()
        )
    };
    crate::errln!("\n{end}");
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
/// shown. A choice lists its allowed values. Returns false if the clerk quit.
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
    let choice = |label: L, choices: &str, current: &str| {
        format!(
            "  {} [{choices}]{}> ",
            label.text(lang),
            t!("ia-current", value = current)
        )
    };
    macro_rules! ask {
        ($question:expr, $choices:expr, $parse:expr) => {
            match prompt.ask_parsed(&$question, $choices, $parse)? {
                None => return Ok(false),
                Some(v) => v,
            }
        };
    }
    input.location = ask!(
        q(L::Location, keep(carried.and_then(|r| r.location.clone()))),
        None,
        typed("location")
    );
    // Enter keeps contact as carried (yes while an observation is open).
    let yes_no = t!("ia-choices-yes-no");
    let carried_contact = i18n::yes_no(episode.observing(date) && episode.contact, lang);
    input.contact = ask!(
        choice(L::Contact, &yes_no, carried_contact),
        Some(&yes_no),
        parse_bool
    );
    input.symptoms =
        parse_symptoms(ask!(q(L::Symptoms, String::new()), None, typed("symptoms")).as_deref());
    let iso_now = carried.map(|r| r.isolation).unwrap_or_default();
    let isolations = t!("ia-choices-isolation");
    input.isolation = ask!(
        choice(L::Isolation, &isolations, i18n::isolation(iso_now, lang)),
        Some(&isolations),
        Isolation::parse
    );
    if input.isolation.unwrap_or(iso_now).is_isolated() {
        let since = carried
            .and_then(|r| r.isolation_since)
            .map(|d| d.to_string())
            .unwrap_or_else(|| date.to_string());
        input.isolation_since = ask!(q(L::IsolationSince, since), None, |s: &str| parse_date(
            s, today
        ));
    }
    if p.is_staff() {
        let work_now = carried.and_then(|r| r.work);
        let works = t!("ia-choices-work");
        input.work = ask!(
            choice(
                L::Work,
                &works,
                work_now.map(|w| i18n::work(w, lang)).unwrap_or("—")
            ),
            Some(&works),
            Work::parse
        );
        if input.work.or(work_now) == Some(Work::Frontline) {
            input.post = ask!(
                q(L::Post, keep(carried.and_then(|r| r.post.clone()))),
                None,
                typed("post")
            );
        }
    }
    input.note = ask!(q(L::Note, String::new()), None, typed("note"));
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_digits_read_with_the_point_left_out() {
        assert_eq!(three_digits("365"), Some(36.5));
        assert_eq!(three_digits(" 378 "), Some(37.8));
        assert_eq!(three_digits("36.5"), None);
        assert_eq!(three_digits("999"), None);
        assert_eq!(three_digits("3650"), None);
    }
}
