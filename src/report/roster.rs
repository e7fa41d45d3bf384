//! `roster`: the households, as a table that `roster import` reads back.

use serde_json::Value;

use super::Report;
use crate::cli::Lang;
use crate::i18n::{self, L};
use crate::person::Person;
use crate::render::{Cell, Document, Table};

pub struct RosterReport {
    pub org: String,
    /// The day listed, or `None` for everyone ever added.
    pub period: Option<chrono::NaiveDate>,
    pub people: Vec<Person>,
}

/// The roster's columns; `roster import` takes the same headers.
pub const COLUMNS: [L; 11] = [
    L::Id,
    L::Name,
    L::Kind,
    L::Of,
    L::Relation,
    L::Dept,
    L::Phone,
    L::PartyMember,
    L::Veteran,
    L::Since,
    L::Until,
];

impl Report for RosterReport {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(&self.people).unwrap_or(Value::Null)
    }

    fn document(&self, lang: Lang) -> Document {
        let period = match self.period {
            Some(d) => d.to_string(),
            None => L::All.text(lang).to_string(),
        };
        let mut doc = Document::new(&self.org, L::RosterTitle, &period, lang);
        // `roster --all` also lists the people removed as entered by
        // mistake, with the reason; `roster import` leaves such rows alone.
        let with_removed = self.period.is_none();
        let mut labels = COLUMNS.to_vec();
        if with_removed {
            labels.push(L::Removed);
        }
        let mut table = Table::labelled(&labels, lang);
        for p in &self.people {
            let mut row = vec![
                Cell::text(&p.id),
                Cell::text(&p.name),
                Cell::text(i18n::kind(p.kind, lang)),
                Cell::opt(p.of.as_deref()),
                Cell::opt(p.relation.map(|r| i18n::relation(r, lang))),
                Cell::opt(p.dept.as_deref()),
                Cell::opt(p.phone.as_deref()),
                Cell::text(i18n::yes_no(p.party_member, lang)),
                Cell::text(i18n::yes_no(p.veteran, lang)),
                Cell::opt(p.since.map(|d| d.to_string())),
                Cell::opt(p.until.map(|d| d.to_string())),
            ];
            if with_removed {
                row.push(Cell::opt(p.removed.as_deref()));
            }
            table.push(row);
        }
        doc.table(table);
        let (removed, people): (Vec<&Person>, Vec<&Person>) =
            self.people.iter().partition(|p| p.removed.is_some());
        let staff = people.iter().filter(|p| p.is_staff()).count();
        let mut counts = vec![
            (L::Staff, staff),
            (L::Family, people.len() - staff),
            (L::InAll, people.len()),
        ];
        if !removed.is_empty() {
            counts.push((L::Removed, removed.len()));
        }
        doc.lines(vec![i18n::counts_line(L::TotalsLine, &[&counts], lang)]);
        doc
    }
}
