//! `missing`: who has not reported on the day, with a phone number to
//! chase (the person's own, else their staff member's), the days missed in
//! a row and the date of the last report.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Report;
use super::daily::{Daily, role};
use crate::cli::Lang;
use crate::i18n::{self, L};
use crate::person::Person;
use crate::render::{Cell, Document, Table};

#[derive(Debug, Clone)]
pub struct MissingRow {
    pub person: Person,
    pub household_name: String,
    pub dept: Option<String>,
    pub phone: Option<String>,
    /// Whose phone it is when it is not the person's own: the staff member's name.
    pub phone_of: Option<String>,
    /// The day of the person's last report, if any (SPEC §4 v2).
    pub last_report: Option<NaiveDate>,
    /// Days missed in a row up to the day: since the last report, else
    /// since the person joined the roster.
    pub days_missed: Option<i64>,
}

pub fn missing_rows(daily: &Daily) -> Vec<MissingRow> {
    daily
        .rows
        .iter()
        .filter(|row| row.record.is_none())
        .map(|row| {
            let (phone, phone_of) = match (&row.person.phone, row.staff_phone) {
                (Some(own), _) => (Some(own.clone()), None),
                (None, Some(staff)) => (
                    Some(staff.to_string()),
                    Some(row.household_name.to_string()),
                ),
                (None, None) => (None, None),
            };
            let last_report = row.earlier.as_ref().map(|r| r.date);
            let days_missed = match (last_report, row.person.since) {
                (Some(last), _) => Some((daily.date - last).num_days()),
                (None, Some(since)) => Some((daily.date - since).num_days() + 1),
                (None, None) => None,
            };
            MissingRow {
                last_report,
                days_missed,
                person: row.person.clone(),
                household_name: row.household_name.to_string(),
                dept: row.dept.map(str::to_string),
                phone,
                phone_of,
            }
        })
        .collect()
}

pub fn missing_table(rows: &[MissingRow], lang: Lang) -> Table {
    let mut t = Table::labelled(
        &[
            L::No,
            L::Id,
            L::Name,
            L::Role,
            L::Household,
            L::Dept,
            L::Phone,
            L::DaysMissed,
            L::LastReport,
        ],
        lang,
    );
    for (i, m) in rows.iter().enumerate() {
        let phone = match (&m.phone, &m.phone_of) {
            (Some(p), Some(of)) => format!("{p}{}", crate::i18n::parenthesized(of, lang)),
            (Some(p), None) => p.clone(),
            (None, _) => String::new(),
        };
        t.push(vec![
            Cell::int(i + 1),
            Cell::text(&m.person.id),
            Cell::text(&m.person.name),
            Cell::text(role(&m.person, lang)),
            Cell::text(&m.household_name),
            Cell::opt(m.dept.as_deref()),
            Cell::text(phone),
            m.days_missed
                .map_or(Cell::Empty, |n| Cell::int(usize::try_from(n).unwrap_or(0))),
            Cell::text(m.last_report.map_or_else(
                || L::NeverReported.text(lang).to_string(),
                |d| d.to_string(),
            )),
        ]);
    }
    t
}

pub struct MissingReport {
    pub date: NaiveDate,
    pub org: String,
    pub expected: usize,
    pub rows: Vec<MissingRow>,
}

impl MissingReport {
    pub fn from_daily(daily: &Daily) -> MissingReport {
        MissingReport {
            date: daily.date,
            org: daily.org.to_string(),
            expected: daily.rows.len(),
            rows: missing_rows(daily),
        }
    }
}

impl Report for MissingReport {
    fn to_json(&self, _lang: Lang) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|m| {
                    json!({
                        "person": m.person.id,
                        "name": m.person.name,
                        "kind": m.person.kind.as_str(),
                        "of": m.person.of,
                        "dept": m.dept,
                        "phone": m.phone,
                        "phone_of": m.phone_of,
                        "days_missed": m.days_missed,
                        "last_report": m.last_report,
                    })
                })
                .collect(),
        )
    }

    /// `@王大明 @周航 请尽快接龙报送本人及家属体温（2月18日）`: one @ per
    /// staff member whose household is not complete.
    fn chat(&self, lang: Lang) -> Option<String> {
        let mut staff: Vec<&str> = Vec::new();
        for m in &self.rows {
            if !staff.contains(&m.household_name.as_str()) {
                staff.push(&m.household_name);
            }
        }
        Some(crate::chat::reminder(&staff, self.date, lang))
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(&self.org, L::MissingTitle, self.date, lang);
        if self.rows.is_empty() {
            doc.lines(vec![L::NobodyMissing.text(lang).to_string()]);
        } else {
            doc.table(missing_table(&self.rows, lang));
        }
        doc.lines(vec![i18n::counts_line(
            L::TotalsLine,
            &[&[(L::Expected, self.expected), (L::Missing, self.rows.len())]],
            lang,
        )]);
        doc
    }
}
