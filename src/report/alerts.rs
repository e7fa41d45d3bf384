//! `alerts`: who needs the head of the unit on the day: fever (the day's
//! record); as of the day (episodes, SPEC §2 v2): contact or a high-risk
//! area under observation and not isolated, isolated but working, isolation
//! or observation period complete.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Report;
use super::daily::Daily;
use crate::cli::Lang;
use crate::i18n::L;
use crate::person::Person;
use crate::render::{Cell, Document, Table};
use crate::rules::{self, Alert, AlertKind};

#[derive(Debug, Clone)]
pub struct AlertRow {
    pub person: Person,
    pub household_name: String,
    pub dept: Option<String>,
    pub alert: Alert,
}

impl AlertRow {
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({
            "person": self.person.id,
            "name": self.person.name,
            "kind": self.alert.kind,
            "detail": self.alert.detail(lang),
        })
    }
}

/// Every alert of the day, in household order, by kind within a person.
pub fn alert_rows(daily: &Daily) -> Vec<AlertRow> {
    daily
        .rows
        .iter()
        .flat_map(|row| {
            let day_record = row.record.as_ref().map(|(r, _)| &**r);
            rules::alerts(
                day_record,
                row.latest(),
                &row.episode,
                daily.date,
                daily.config,
            )
            .into_iter()
            .map(move |alert| AlertRow {
                person: row.person.clone(),
                household_name: row.household_name.to_string(),
                dept: row.dept.map(str::to_string),
                alert,
            })
        })
        .collect()
}

pub fn alerts_table(rows: &[AlertRow], lang: Lang) -> Table {
    let mut t = Table::labelled(
        &[
            L::No,
            L::Id,
            L::Name,
            L::Household,
            L::Dept,
            L::AlertKind,
            L::Detail,
        ],
        lang,
    );
    for (i, a) in rows.iter().enumerate() {
        let row = vec![
            Cell::int(i + 1),
            Cell::text(&a.person.id),
            Cell::text(&a.person.name),
            Cell::text(&a.household_name),
            Cell::opt(a.dept.as_deref()),
            Cell::text(a.alert.kind.label(lang)),
            Cell::text(a.alert.detail(lang)),
        ];
        if a.alert.kind == AlertKind::Fever {
            t.push_marked(row);
        } else {
            t.push(row);
        }
    }
    t
}

pub struct AlertsReport {
    pub date: NaiveDate,
    pub org: String,
    pub rows: Vec<AlertRow>,
}

impl AlertsReport {
    pub fn from_daily(daily: &Daily) -> AlertsReport {
        AlertsReport {
            date: daily.date,
            org: daily.org.to_string(),
            rows: alert_rows(daily),
        }
    }
}

impl Report for AlertsReport {
    fn to_json(&self, lang: Lang) -> Value {
        Value::Array(self.rows.iter().map(|a| a.to_json(lang)).collect())
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(&self.org, L::AlertsTitle, self.date, lang);
        if self.rows.is_empty() {
            doc.lines(vec![L::NoAlerts.text(lang).to_string()]);
        } else {
            doc.table(alerts_table(&self.rows, lang));
        }
        doc
    }
}
