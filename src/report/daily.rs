//! `daily`: 工作人员及家人动态情况日报表, one row per person active on the
//! day, households together, people without a record shown as missing.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::{Ctx, Report};
use crate::cli::Lang;
use crate::i18n::{self, L};
use crate::person::{Kind, Person};
use crate::record::{Record, Work};
use crate::render::{Cell, Document, Table};
use crate::rules::{self, Derived};
use crate::store::{Config, DayLog};

/// One person's row. People and settings are borrowed from the roster and
/// the store: a report of 300 rows copies no names.
#[derive(Debug, Clone)]
pub struct DailyRow<'a> {
    pub person: &'a Person,
    pub household_name: &'a str,
    pub dept: Option<&'a str>,
    /// The staff member's phone, to chase a family member without one.
    pub staff_phone: Option<&'a str>,
    pub record: Option<(Record, Derived)>,
}

/// Counts over a set of rows: everything but expected and missing is over
/// the records of the day.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub expected: usize,
    pub reported: usize,
    pub local: usize,
    pub away: usize,
    pub fever: usize,
    pub contact: usize,
    pub isolated: usize,
    pub on_site: usize,
    pub remote: usize,
    pub frontline: usize,
    pub leave: usize,
    pub party_frontline: usize,
}

/// The columns of a table of counts after its first (a department, a day).
pub const COUNT_COLUMNS: [L; 6] = [
    L::Expected,
    L::Reported,
    L::Missing,
    L::Fever,
    L::ContactCount,
    L::Isolated,
];

impl Counts {
    /// A row of a table of counts: `first`, then the `COUNT_COLUMNS`.
    pub fn row(&self, first: Cell) -> Vec<Cell> {
        vec![
            first,
            Cell::int(self.expected),
            Cell::int(self.reported),
            Cell::int(self.missing()),
            Cell::int(self.fever),
            Cell::int(self.contact),
            Cell::int(self.isolated),
        ]
    }

    pub fn missing(&self) -> usize {
        self.expected - self.reported
    }

    pub fn add(&mut self, daily_row: &DailyRow) {
        self.expected += 1;
        let Some((r, d)) = &daily_row.record else {
            return;
        };
        self.reported += 1;
        self.local += usize::from(d.local);
        self.away += usize::from(d.away);
        self.fever += usize::from(d.fever);
        self.contact += usize::from(r.contact);
        self.isolated += usize::from(r.isolation.is_isolated());
        match r.work {
            Some(Work::OnSite) => self.on_site += 1,
            Some(Work::Remote) => self.remote += 1,
            Some(Work::Frontline) => {
                self.frontline += 1;
                self.party_frontline += usize::from(daily_row.person.party_member);
            }
            Some(Work::Leave) => self.leave += 1,
            None => {}
        }
    }
}

#[derive(Debug, Clone)]
pub struct Daily<'a> {
    pub date: NaiveDate,
    pub org: &'a str,
    pub rows: Vec<DailyRow<'a>>,
    pub totals: Counts,
    /// The settings the rows were judged by (fever, isolation days…).
    pub config: &'a Config,
}

impl<'a> Daily<'a> {
    pub fn compute(ctx: &Ctx<'a>, date: NaiveDate) -> Result<Daily<'a>> {
        Ok(Daily::from_day(ctx, ctx.store.day(date)?))
    }

    /// The report of the day whose entries are `day`.
    pub fn from_day(ctx: &Ctx<'a>, day: DayLog) -> Daily<'a> {
        let date = day.date;
        // Each record is moved into its row, not copied: an active id is on
        // the roster once.
        let mut records = day.into_records();
        let rows: Vec<DailyRow> = ctx
            .roster
            .active_on(date)
            .map(|p| {
                let record = records.remove(&p.id).map(|r| {
                    let derived = rules::derive(&r, ctx.config);
                    (r, derived)
                });
                let staff = ctx.roster.staff_of(p);
                DailyRow {
                    person: p,
                    household_name: staff.map(|s| s.name.as_str()).unwrap_or_default(),
                    // `dept_of`, without looking the staff member up again.
                    dept: staff.and_then(|s| s.dept.as_deref()),
                    staff_phone: staff.and_then(|s| s.phone.as_deref()),
                    record,
                }
            })
            .collect();
        let mut totals = Counts::default();
        for row in &rows {
            totals.add(row);
        }
        Daily {
            date,
            org: &ctx.config.org,
            rows,
            totals,
            config: ctx.config,
        }
    }
}

/// `居家隔离(至 2020年3月2日)`: the isolation with its end.
pub fn isolation_cell(r: &Record, d: &Derived, lang: Lang) -> String {
    let label = i18n::isolation(r.isolation, lang);
    match d.isolation_ends {
        Some(ends) => format!(
            "{label}({} {})",
            L::Until_.text(lang),
            crate::render::long_date(ends, lang)
        ),
        None => label.to_string(),
    }
}

/// `一线(东城社区)`: the work with its post.
pub fn work_cell(r: &Record, lang: Lang) -> String {
    match (r.work, &r.post) {
        (Some(w @ Work::Frontline), Some(post)) => format!("{}({post})", i18n::work(w, lang)),
        (Some(w), _) => i18n::work(w, lang).to_string(),
        (None, _) => String::new(),
    }
}

pub fn role(p: &Person, lang: Lang) -> &'static str {
    match (p.kind, p.relation) {
        (Kind::Staff, _) => L::SelfRole.text(lang),
        (Kind::Family, Some(rel)) => i18n::relation(rel, lang),
        (Kind::Family, None) => L::FamilyKind.text(lang),
    }
}

impl Counts {
    pub fn line(&self, lang: Lang) -> String {
        i18n::counts_line(
            L::TotalsLine,
            &[
                &[
                    (L::Expected, self.expected),
                    (L::Reported, self.reported),
                    (L::Missing, self.missing()),
                ],
                &[(L::LocalCount, self.local), (L::AwayCount, self.away)],
                &[(L::Fever, self.fever)],
                &[(L::Contact, self.contact)],
                &[(L::Isolated, self.isolated)],
            ],
            lang,
        )
    }
}

const COLUMNS: [L; 13] = [
    L::No,
    L::Name,
    L::Role,
    L::Household,
    L::Dept,
    L::Location,
    L::Local,
    L::Temperature,
    L::Symptoms,
    L::Contact,
    L::Isolation,
    L::Work,
    L::Note,
];

/// A row of `daily --format json`: the keys of SPEC §4, borrowed.
#[derive(Serialize)]
struct JsonRow<'a> {
    person: &'a str,
    name: &'a str,
    kind: &'static str,
    relation: Option<&'static str>,
    of: Option<&'a str>,
    dept: Option<&'a str>,
    reported: bool,
    temperature: Option<f64>,
    symptoms: Option<&'a [String]>,
    location: Option<&'a str>,
    local: Option<bool>,
    contact: Option<bool>,
    isolation: Option<&'static str>,
    isolation_since: Option<NaiveDate>,
    isolation_ends: Option<NaiveDate>,
    work: Option<&'static str>,
    post: Option<&'a str>,
    note: Option<&'a str>,
}

impl Daily<'_> {
    fn json_rows(&self) -> Vec<JsonRow<'_>> {
        self.rows
            .iter()
            .map(|row| {
                let p = row.person;
                let r = row.record.as_ref().map(|(r, _)| r);
                let d = row.record.as_ref().map(|(_, d)| d);
                JsonRow {
                    person: &p.id,
                    name: &p.name,
                    kind: p.kind.as_str(),
                    relation: p.relation.map(|r| r.as_str()),
                    of: p.of.as_deref(),
                    dept: row.dept,
                    reported: r.is_some(),
                    temperature: r.map(|r| r.temperature),
                    symptoms: r.map(|r| r.symptoms.as_slice()),
                    location: r.and_then(|r| r.location.as_deref()),
                    local: d.map(|d| d.local),
                    contact: r.map(|r| r.contact),
                    isolation: r.map(|r| r.isolation.as_str()),
                    isolation_since: r.and_then(|r| r.isolation_since),
                    isolation_ends: d.and_then(|d| d.isolation_ends),
                    work: r.and_then(|r| r.work.map(Work::as_str)),
                    post: r.and_then(|r| r.post.as_deref()),
                    note: r.and_then(|r| r.note.as_deref()),
                }
            })
            .collect()
    }
}

impl Report for Daily<'_> {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(self.json_rows()).unwrap_or(Value::Null)
    }

    fn json_bytes(&self, _lang: Lang) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec_pretty(&self.json_rows())
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(self.org, L::DailyTitle, self.date, lang);
        let mut table = Table::labelled(&COLUMNS, lang);
        // The district stacks units' files: each row says whose and which day.
        table.context = vec![
            (L::Org.text(lang).to_string(), Cell::text(self.org)),
            (L::Date.text(lang).to_string(), Cell::Date(self.date)),
        ];
        for (i, row) in self.rows.iter().enumerate() {
            let p = &row.person;
            let mut cells = vec![
                Cell::int(i + 1),
                Cell::text(&p.name),
                Cell::text(role(p, lang)),
                Cell::text(row.household_name),
                Cell::opt(row.dept),
            ];
            let marked = row.record.as_ref().is_some_and(|(r, d)| {
                d.fever || !rules::alerts(r, self.date, self.config).is_empty()
            });
            match &row.record {
                Some((r, d)) => cells.extend([
                    Cell::opt(r.location.as_deref()),
                    Cell::text(if r.location.is_some() {
                        i18n::yes_no(d.local, lang)
                    } else {
                        ""
                    }),
                    Cell::Temp(r.temperature),
                    Cell::text(r.symptoms.join("、")),
                    Cell::text(i18n::yes_no(r.contact, lang)),
                    Cell::text(isolation_cell(r, d, lang)),
                    Cell::text(work_cell(r, lang)),
                    Cell::opt(r.note.as_deref()),
                ]),
                None => {
                    cells.push(Cell::text(L::NotReported.text(lang)));
                    cells.extend(std::iter::repeat_n(Cell::Empty, 7));
                }
            }
            if marked {
                table.push_marked(cells);
            } else {
                table.push(cells);
            }
        }
        doc.table(table);
        doc.lines(vec![self.totals.line(lang)]);
        doc
    }
}
