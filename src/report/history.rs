//! `history PERSON`: every version of every day of one person, corrections,
//! withdrawals and undos included, oldest first.

use serde_json::{Value, json};

use super::Report;
use crate::cli::Lang;
use crate::i18n::{self, L};
use crate::person::Person;
use crate::render::{Cell, Document, Table};
use crate::store::{Entry, Op};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionState {
    /// The version that stands for its day.
    Current,
    /// A later version replaced it.
    Replaced,
    /// Taken back with `undo`.
    Undone,
}

pub struct HistoryReport {
    pub org: String,
    pub person: Person,
    pub versions: Vec<(Entry, VersionState)>,
}

impl VersionState {
    fn label(self, op: Op, lang: Lang) -> &'static str {
        match (self, op) {
            (VersionState::Undone, _) => L::Undone.text(lang),
            (VersionState::Current, Op::Void) => L::Voided.text(lang),
            (VersionState::Current, _) => L::Current.text(lang),
            (VersionState::Replaced, _) => L::Replaced.text(lang),
        }
    }

    fn key(self) -> &'static str {
        match self {
            VersionState::Current => "current",
            VersionState::Replaced => "replaced",
            VersionState::Undone => "undone",
        }
    }
}

const COLUMNS: [L; 12] = [
    L::Date,
    L::Status,
    L::Temperature,
    L::Symptoms,
    L::Location,
    L::Contact,
    L::Isolation,
    L::Work,
    L::Note,
    L::Reason,
    L::RecordedAt,
    L::RecordedBy,
];

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Record => "record",
        Op::Void => "void",
        Op::Undo => "undo",
    }
}

impl Report for HistoryReport {
    fn to_json(&self, _lang: Lang) -> Value {
        Value::Array(
            self.versions
                .iter()
                .map(|(e, state)| {
                    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
                    if let Value::Object(map) = &mut v {
                        map.insert("state".into(), json!(state.key()));
                        map.insert("op".into(), json!(op_name(e.op)));
                    }
                    v
                })
                .collect(),
        )
    }

    fn document(&self, lang: Lang) -> Document {
        let who = format!("{} {}", self.person.id, self.person.name);
        let mut doc = Document::new(&self.org, L::HistoryTitle, &who, lang);
        let mut table = Table::labelled(&COLUMNS, lang);
        for (e, state) in &self.versions {
            let status = match e.op {
                Op::Undo => L::UndoEntry.text(lang).to_string(),
                _ => state.label(e.op, lang).to_string(),
            };
            table.push(vec![
                Cell::text(e.date.to_string()),
                Cell::text(status),
                match (e.temperature, e.temperature_pm) {
                    (Some(am), Some(pm)) => Cell::text(format!("{am:.1} / {pm:.1}")),
                    (t, _) => t.map(Cell::Temp).unwrap_or(Cell::Empty),
                },
                Cell::text(e.symptoms.join("、")),
                Cell::opt(e.location.as_deref()),
                Cell::opt(e.contact.map(|c| i18n::yes_no(c, lang))),
                Cell::opt(e.isolation.map(|i| i18n::isolation(i, lang))),
                Cell::opt(e.work.map(|w| i18n::work(w, lang))),
                Cell::opt(e.note.as_deref()),
                Cell::opt(e.reason.as_deref()),
                Cell::text(e.recorded_at.format("%Y-%m-%d %H:%M:%S%:z").to_string()),
                Cell::text(&e.recorded_by),
            ]);
        }
        doc.table(table);
        if let Some(reason) = &self.person.removed {
            doc.lines(vec![format!(
                "{}{}{reason}",
                L::Removed.text(lang),
                L::Colon.text(lang)
            )]);
        }
        doc
    }
}
