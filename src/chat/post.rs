//! What the tool posts in the group: the 接龙 starter (`template --format
//! chat`) and the reminder (`missing --format chat`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::cli::Lang;
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
        return match lang {
            Lang::Zh => format!("{day}接龙已全部报送，谢谢大家\n"),
            Lang::En => format!("Everyone has reported for {day}, thank you\n"),
        };
    }
    let at: Vec<String> = staff.iter().map(|s| format!("@{s}")).collect();
    match lang {
        Lang::Zh => format!("{} 请尽快接龙报送本人及家属体温（{day}）\n", at.join(" ")),
        Lang::En => format!(
            "{} please add your line to the roll-call with your own and your family's temperatures ({day})\n",
            at.join(" ")
        ),
    }
}

/// The starter `template --format chat` prints: a title with the date, an
/// example line, then one numbered line per staff member in roster order
/// with their household's names after theirs; a name two of `people` share
/// is followed by its id (`王伟（S001）`). Every line of it reads back
/// through `parse`: the title gives the date, the example is skipped, and
/// a line nobody filled in counts as not reported.
pub fn starter(date: NaiveDate, people: &[&Person], lang: Lang) -> String {
    let mut out = String::from("#接龙\n");
    match lang {
        Lang::Zh => {
            out.push_str(&format!(
                "{}年{}月{}日 体温接龙（本人及家属）\n",
                date.year(),
                date.month(),
                date.day()
            ));
            out.push_str("例：张三 36.5 爱人 36.4 儿子 36.6 正常 在家 在岗\n");
        }
        Lang::En => {
            out.push_str(&format!(
                "{date} temperature roll-call (you and your family)\n"
            ));
            out.push_str("e.g. 张三 36.5 spouse 36.4 son 36.6 normal\n");
        }
    }
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
