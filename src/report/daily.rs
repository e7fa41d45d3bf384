//! `daily`: 工作人员及家人动态情况日报表, one row per person active on the
//! day, households together, people without a record shown as missing.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::{Ctx, Report};
use crate::cli::Lang;
use crate::episode::{Episode, Openers};
use crate::i18n::{self, L};
use crate::person::{Kind, Person};
use crate::record::{Record, Work};
use crate::render::{Cell, Document, Table};
use crate::rules::{self, Derived};
use crate::store::{Config, DayRecords};

/// One person's row. People and settings are borrowed from the roster and
/// the store: a report of 300 rows copies no names.
#[derive(Debug, Clone)]
pub struct DailyRow<'a> {
    pub person: &'a Person,
    pub household_name: &'a str,
    pub dept: Option<&'a str>,
    /// The staff member's phone, to chase a family member without one.
    pub staff_phone: Option<&'a str>,
    /// The day's record, boxed as `DayRecords` holds it (a row is then
    /// 128 bytes, not 312).
    pub record: Option<(Box<Record>, Derived)>,
    /// The latest record before the day, for someone who has not reported
    /// (boxed: most rows have none, and a row is then half the size).
    pub earlier: Option<Box<Record>>,
    /// Isolation and observation as of the day (SPEC §2 v2).
    pub episode: Episode,
}

impl DailyRow<'_> {
    /// The latest record on or before the day.
    pub fn latest(&self) -> Option<&Record> {
        self.record
            .as_ref()
            .map(|(r, _)| &**r)
            .or(self.earlier.as_deref())
    }
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
        // Episodes count as of the day, reported or not.
        self.contact += usize::from(daily_row.episode.contact);
        self.isolated += usize::from(daily_row.episode.is_isolated());
        let Some((r, d)) = &daily_row.record else {
            return;
        };
        self.reported += 1;
        self.local += usize::from(d.local);
        self.away += usize::from(d.away);
        self.fever += usize::from(d.fever);
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
    /// The report of `date`: the day's records, and each person's latest
    /// earlier record for their episodes.
    pub fn compute(ctx: &Ctx<'a>, date: NaiveDate) -> Result<Daily<'a>> {
        let active: Vec<&Person> = ctx.roster.active_on(date).collect();
        let mut latest = ctx.store.latest_records(&active, date)?;
        let mut openers = Openers::new(ctx.store, ctx.config);
        Daily::build(ctx, date, &mut latest, &mut openers)
    }

    /// The report of `date` from `latest`, each person's latest record on
    /// or before it; the records of the people on the report are moved out
    /// of `latest` into the rows (`give_back` returns them).
    pub fn build(
        ctx: &Ctx<'a>,
        date: NaiveDate,
        latest: &mut DayRecords,
        openers: &mut Openers,
    ) -> Result<Daily<'a>> {
        let mut rows: Vec<DailyRow> = Vec::with_capacity(ctx.roster.all().len());
        for p in ctx.roster.active_on(date) {
            let last = latest.remove(&p.id);
            let episode = openers.episode(last.as_deref(), date)?;
            let (record, earlier) = match last {
                Some(r) if r.date == date => {
                    let derived = rules::derive(&r, ctx.config);
                    (Some((r, derived)), None)
                }
                other => (None, other),
            };
            let staff = ctx.roster.staff_of(p);
            rows.push(DailyRow {
                person: p,
                household_name: staff.map(|s| s.name.as_str()).unwrap_or_default(),
                // `dept_of`, without looking the staff member up again.
                dept: staff.and_then(|s| s.dept.as_deref()),
                staff_phone: staff.and_then(|s| s.phone.as_deref()),
                record,
                earlier,
                episode,
            });
        }
        let mut totals = Counts::default();
        for row in &rows {
            totals.add(row);
        }
        Ok(Daily {
            date,
            org: &ctx.config.org,
            rows,
            totals,
            config: ctx.config,
        })
    }

    /// Puts the rows' records back into `latest` (for the next day of a trend).
    pub fn give_back(self, latest: &mut DayRecords) {
        for row in self.rows {
            if let Some(r) = row.record.map(|(r, _)| r).or(row.earlier) {
                latest.insert(r.person.clone(), r);
            }
        }
    }
}

/// The contact cell: yes or no, with the observation's day while it is open.
pub fn contact_cell(e: &Episode, date: NaiveDate, lang: Lang) -> String {
    let yes = i18n::yes_no(e.contact, lang);
    match e.observation {
        Some(o) if o.open(date) => format!("{yes}{}", i18n::observation_day(o.day, o.ends, lang)),
        _ => yes.to_string(),
    }
}

/// The isolation cell as of the day: `居家隔离（至 2020年3月2日，第3天）`.
pub fn episode_isolation_cell(e: &Episode, lang: Lang) -> String {
    match e.isolated {
        Some(i) => format!(
            "{}{}{} {}{}{}{}",
            i18n::isolation(i.kind, lang),
            L::OpenParen.text(lang),
            L::Until_.text(lang),
            crate::render::long_date(i.ends, lang),
            L::ListSep.text(lang),
            i18n::episode_day(i.day, lang),
            L::CloseParen.text(lang)
        ),
        None => i18n::isolation(crate::record::Isolation::None, lang).to_string(),
    }
}

/// The temperature cell: one reading, or both as `36.5 / 37.4`.
pub fn temperature_cell(r: &Record) -> Cell {
    match r.temperature_pm {
        Some(pm) => Cell::text(format!("{:.1} / {pm:.1}", r.temperature)),
        None => Cell::Temp(r.temperature),
    }
}

/// `一线（东城社区）`: the work with its post.
pub fn work_cell(r: &Record, lang: Lang) -> String {
    match (r.work, &r.post) {
        (Some(w @ Work::Frontline), Some(post)) => {
            format!("{}{}", i18n::work(w, lang), i18n::parenthesized(post, lang))
        }
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
    temperature_pm: Option<f64>,
    symptoms: Option<&'a [String]>,
    location: Option<&'a str>,
    local: Option<bool>,
    contact: bool,
    observation_since: Option<NaiveDate>,
    observation_ends: Option<NaiveDate>,
    isolation: &'static str,
    isolation_since: Option<NaiveDate>,
    isolation_ends: Option<NaiveDate>,
    work: Option<&'static str>,
    post: Option<&'a str>,
    note: Option<&'a str>,
}

/// The rows of `daily --format json`, made one at a time as they are
/// written rather than gathered into a list first.
struct JsonRows<'r, 'a>(&'r Daily<'a>);

impl Serialize for JsonRows<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.rows.iter().map(|row| self.0.json_row(row)))
    }
}

impl Daily<'_> {
    fn json_row<'r>(&'r self, row: &'r DailyRow<'_>) -> JsonRow<'r> {
        let p = row.person;
        let r = row.record.as_ref().map(|(r, _)| r);
        let d = row.record.as_ref().map(|(_, d)| d);
        let e = &row.episode;
        JsonRow {
            person: &p.id,
            name: &p.name,
            kind: p.kind.as_str(),
            relation: p.relation.map(|r| r.as_str()),
            of: p.of.as_deref(),
            dept: row.dept,
            reported: r.is_some(),
            temperature: r.map(|r| r.temperature),
            temperature_pm: r.and_then(|r| r.temperature_pm),
            symptoms: r.map(|r| r.symptoms.as_slice()),
            location: r.and_then(|r| r.location.as_deref()),
            local: d.map(|d| d.local),
            contact: e.contact,
            observation_since: e.observation.filter(|o| o.open(self.date)).map(|o| o.since),
            observation_ends: e.observation.filter(|o| o.open(self.date)).map(|o| o.ends),
            isolation: e.isolated.map_or("none", |i| i.kind.as_str()),
            isolation_since: e.isolated.map(|i| i.since),
            isolation_ends: e.isolated.map(|i| i.ends),
            work: r.and_then(|r| r.work.map(Work::as_str)),
            post: r.and_then(|r| r.post.as_deref()),
            note: r.and_then(|r| r.note.as_deref()),
        }
    }
}

impl Report for Daily<'_> {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(JsonRows(self)).unwrap_or(Value::Null)
    }

    fn json_bytes(&self, _lang: Lang) -> serde_json::Result<Vec<u8>> {
        // A row is about 520 bytes pretty-printed: sized up front, the
        // buffer is not copied as it grows (a tenth of a 300-row report).
        let mut out = Vec::with_capacity(self.rows.len() * 600 + 64);
        serde_json::to_writer_pretty(&mut out, &JsonRows(self))?;
        Ok(out)
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
            // Marked on paper: whoever the alerts name that day.
            let day_record = row.record.as_ref().map(|(r, _)| &**r);
            let marked = !rules::alerts(
                day_record,
                row.latest(),
                &row.episode,
                self.date,
                self.config,
            )
            .is_empty();
            match &row.record {
                Some((r, d)) => cells.extend([
                    Cell::opt(r.location.as_deref()),
                    Cell::text(if r.location.is_some() {
                        i18n::yes_no(d.local, lang)
                    } else {
                        ""
                    }),
                    temperature_cell(r),
                    Cell::text(r.symptoms.join("、")),
                    Cell::text(contact_cell(&row.episode, self.date, lang)),
                    Cell::text(episode_isolation_cell(&row.episode, lang)),
                    Cell::text(work_cell(r, lang)),
                    Cell::opt(r.note.as_deref()),
                ]),
                None => {
                    // Episodes hold whether or not the person reported.
                    cells.push(Cell::text(L::NotReported.text(lang)));
                    cells.extend(std::iter::repeat_n(Cell::Empty, 3));
                    let e = &row.episode;
                    cells.push(if e.contact {
                        Cell::text(contact_cell(e, self.date, lang))
                    } else {
                        Cell::Empty
                    });
                    cells.push(if e.is_isolated() {
                        Cell::text(episode_isolation_cell(e, lang))
                    } else {
                        Cell::Empty
                    });
                    cells.extend(std::iter::repeat_n(Cell::Empty, 2));
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
