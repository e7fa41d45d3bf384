//! What the tool posts in the group: the 接龙 starter (`template --format
//! chat`) and the reminder (`missing --format chat`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::cli::Lang;
use crate::i18n::{tr, tr_args};
use crate::person::Person;

/// `2月18日` / `18 Feb`.
fn short_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}月{}日", date.month(), date.day()),
        Lang::En => date.format("%-d %b").to_string(),
    }
}

/// The reminder `missing --format chat` prints: one @ per staff member
/// whose household is not complete.
pub fn reminder(staff: &[&str], date: NaiveDate, lang: Lang) -> String {
    let day = short_date(date, lang);
    if staff.is_empty() {
        return format!(
            "{}\n",
            tr_args(lang, "chat-reminder-done", &[("day", day.into())])
        );
    }
    let at: Vec<String> = staff.iter().map(|s| format!("@{s}")).collect();
    format!(
        "{}\n",
        tr_args(
            lang,
            "chat-reminder",
            &[("at", at.join(" ").into()), ("day", day.into())]
        )
    )
}

/// The starter `template --format chat` prints: a title with the date, an
/// example line, then one numbered line per staff member in roster order
/// with their household's names after theirs; a name two of `people` share
/// is followed by its id (`王伟（S001）`). Every line of it reads back
/// through `parse`: the title gives the date, the example is skipped, and
/// a line nobody filled in counts as not reported.
pub fn starter(date: NaiveDate, people: &[&Person], lang: Lang) -> String {
    let mut out = String::from("#接龙\n");
    // The title gives the date back to `parse`; the example is skipped.
    let title = tr_args(
        lang,
        "chat-starter-title",
        &[
            ("date", date.to_string().into()),
            ("year", date.year().to_string().into()),
            ("month", date.month().to_string().into()),
            ("day", date.day().to_string().into()),
        ],
    );
    out.push_str(&title);
    out.push('\n');
    out.push_str(&tr(lang, "chat-starter-example"));
    out.push('\n');
    out.push('\n');
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in people {
        *count.entry(p.name.as_str()).or_default() += 1;
    }
    let shown = |p: &Person| {
        if count.get(p.name.as_str()).copied().unwrap_or(0) > 1 {
            format!("{}（{}）", p.name, p.id)
        } else {
            p.name.clone()
        }
    };
    for (i, staff) in people.iter().filter(|p| p.is_staff()).enumerate() {
        out.push_str(&format!("{}. {}", i + 1, shown(staff)));
        for f in people
            .iter()
            .filter(|p| !p.is_staff() && p.household() == staff.id)
        {
            out.push(' ');
            out.push_str(&shown(f));
        }
        out.push('\n');
    }
    out
}
