//! `summary`: what the head of the unit reads: counts (staff and family
//! apart), the same per department, the alerts, then who is missing.
//! Every count but expected and missing is over the records of the day.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::Report;
use super::alerts::{AlertRow, alert_rows, alerts_table};
use super::daily::{COUNT_COLUMNS, Counts, Daily};
use super::missing::{MissingRow, missing_rows, missing_table};
use crate::cli::Lang;
use crate::i18n::L;
use crate::person::Kind;
use crate::render::{Block, Cell, Document, Table};

#[derive(Debug, Clone, Serialize)]
pub struct DeptCounts {
    pub dept: Option<String>,
    pub expected: usize,
    pub reported: usize,
    pub fever: usize,
    pub contact: usize,
    pub isolated: usize,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub date: NaiveDate,
    pub org: String,
    pub staff: Counts,
    pub family: Counts,
    pub by_dept: Vec<(Option<String>, Counts)>,
    pub alerts: Vec<AlertRow>,
    pub missing: Vec<MissingRow>,
}

impl Summary {
    pub fn from_daily(daily: &Daily) -> Summary {
        let mut staff = Counts::default();
        let mut family = Counts::default();
        // Departments in roster order, people without one last.
        let mut by_dept: Vec<(Option<String>, Counts)> = Vec::new();
        for row in &daily.rows {
            match row.person.kind {
                Kind::Staff => staff.add(row),
                Kind::Family => family.add(row),
            }
            match by_dept.iter_mut().find(|(d, _)| d.as_deref() == row.dept) {
                Some((_, c)) => c.add(row),
                None => {
                    let mut c = Counts::default();
                    c.add(row);
                    by_dept.push((row.dept.map(str::to_string), c));
                }
            }
        }
        by_dept.sort_by_key(|(d, _)| d.is_none());
        Summary {
            date: daily.date,
            org: daily.org.to_string(),
            staff,
            family,
            by_dept,
            alerts: alert_rows(daily),
            missing: missing_rows(daily),
        }
    }

    pub fn all(&self) -> Counts {
        let (s, f) = (&self.staff, &self.family);
        Counts {
            expected: s.expected + f.expected,
            reported: s.reported + f.reported,
            local: s.local + f.local,
            away: s.away + f.away,
            fever: s.fever + f.fever,
            contact: s.contact + f.contact,
            isolated: s.isolated + f.isolated,
            on_site: s.on_site + f.on_site,
            remote: s.remote + f.remote,
            frontline: s.frontline + f.frontline,
            leave: s.leave + f.leave,
            party_frontline: s.party_frontline + f.party_frontline,
        }
    }

    /// Nothing needs attention: no fever, contact, isolation or alert.
    pub fn is_zero_report(&self) -> bool {
        let all = self.all();
        all.fever == 0 && all.contact == 0 && all.isolated == 0 && self.alerts.is_empty()
    }

    /// For `--strict`: alerts or missing people were found.
    pub fn needs_action(&self) -> bool {
        !self.alerts.is_empty() || !self.missing.is_empty()
    }
}

impl Report for Summary {
    fn to_json(&self, lang: Lang) -> Value {
        let all = self.all();
        serde_json::json!({
            "date": self.date,
            "org": self.org,
            "expected": all.expected,
            "reported": all.reported,
            "missing": all.missing(),
            "staff_expected": self.staff.expected,
            "staff_reported": self.staff.reported,
            "family_expected": self.family.expected,
            "family_reported": self.family.reported,
            "local": all.local,
            "away": all.away,
            "fever": all.fever,
            "contact": all.contact,
            "isolated": all.isolated,
            "on_site": all.on_site,
            "remote": all.remote,
            "frontline": all.frontline,
            "leave": all.leave,
            "party_frontline": all.party_frontline,
            "by_dept": self.by_dept.iter().map(|(dept, c)| DeptCounts {
                dept: dept.clone(),
                expected: c.expected,
                reported: c.reported,
                fever: c.fever,
                contact: c.contact,
                isolated: c.isolated,
            }).collect::<Vec<_>>(),
            "alerts": self.alerts.iter().map(|a| a.to_json(lang)).collect::<Vec<_>>(),
            "missing_people": self.missing.iter().map(|m| serde_json::json!({
                "person": m.person.id,
                "name": m.person.name,
            })).collect::<Vec<_>>(),
        })
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(&self.org, L::SummaryTitle, self.date, lang);
        // The head's one page (SPEC §9).
        doc.portrait = true;
        let all = self.all();
        let mut counts = Table::labelled(&[L::Item, L::Staff, L::Family, L::All], lang);
        let row = |label: L, f: fn(&Counts) -> usize| {
            vec![
                Cell::text(label.text(lang)),
                Cell::int(f(&self.staff)),
                Cell::int(f(&self.family)),
                Cell::int(f(&all)),
            ]
        };
        counts.push(row(L::Expected, |c| c.expected));
        counts.push(row(L::Reported, |c| c.reported));
        counts.push(row(L::Missing, Counts::missing));
        counts.push(row(L::LocalCount, |c| c.local));
        counts.push(row(L::AwayCount, |c| c.away));
        counts.push(row(L::Fever, |c| c.fever));
        counts.push(row(L::ContactCount, |c| c.contact));
        counts.push(row(L::Isolated, |c| c.isolated));
        // Work is recorded for staff only.
        let staff_only = |label: L, f: fn(&Counts) -> usize| {
            vec![
                Cell::text(label.text(lang)),
                Cell::int(f(&self.staff)),
                Cell::Empty,
                Cell::int(f(&self.staff)),
            ]
        };
        counts.push(staff_only(L::OnSite, |c| c.on_site));
        counts.push(staff_only(L::Remote, |c| c.remote));
        counts.push(staff_only(L::Frontline, |c| c.frontline));
        counts.push(staff_only(L::Leave, |c| c.leave));
        counts.push(staff_only(L::PartyFrontline, |c| c.party_frontline));
        let mut first = vec![
            Block::Heading(L::Counts.text(lang).to_string()),
            Block::Table(counts),
        ];
        if self.is_zero_report() {
            first.push(Block::Lines(vec![L::ZeroReport.text(lang).to_string()]));
        }
        let mut depts = Table::labelled(&[&[L::Dept][..], &COUNT_COLUMNS].concat(), lang);
        for (dept, c) in &self.by_dept {
            depts.push(c.row(Cell::text(dept.as_deref().unwrap_or(L::NoDept.text(lang)))));
        }
        depts.push_total(all.row(Cell::text(L::Total.text(lang))));
        // Side by side on paper, so the alerts and who is missing stay on
        // the first page for a unit of up to 12 departments.
        doc.columns(vec![
            first,
            vec![
                Block::Heading(L::ByDept.text(lang).to_string()),
                Block::Table(depts),
            ],
        ]);

        doc.heading(format!(
            "{}{}",
            L::AlertsTitle.text(lang),
            crate::i18n::parenthesized(self.alerts.len(), lang)
        ));
        if self.alerts.is_empty() {
            doc.lines(vec![L::NoAlerts.text(lang).to_string()]);
        } else {
            doc.table(alerts_table(&self.alerts, lang));
        }

        doc.heading(format!(
            "{}{}",
            L::MissingTitle.text(lang),
            crate::i18n::parenthesized(self.missing.len(), lang)
        ));
        if self.missing.is_empty() {
            doc.lines(vec![L::NobodyMissing.text(lang).to_string()]);
        } else {
            doc.table(missing_table(&self.missing, lang));
        }
        doc
    }
}
