//! `residents`: 常住人口统计表 as of a day, one row per staff household,
//! from each person's latest record on or before the day; contact and
//! isolation are episodes as of the day (SPEC §2 v2).

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::{Ctx, Report};
use crate::cli::Lang;
use crate::i18n::L;
use crate::person::Person;
use crate::render::{Cell, Document, Table};
use crate::rules;
use crate::store::Op;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdCounts {
    pub household: usize,
    pub local: usize,
    pub away: usize,
    /// Where away members are: (place, name).
    pub away_places: Vec<(String, String)>,
    pub returned: usize,
    pub contact: usize,
    pub isolated: usize,
}

impl HouseholdCounts {
    fn add(&mut self, other: &HouseholdCounts) {
        self.household += other.household;
        self.local += other.local;
        self.away += other.away;
        self.away_places.extend(other.away_places.iter().cloned());
        self.returned += other.returned;
        self.contact += other.contact;
        self.isolated += other.isolated;
    }

    fn places(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.away_places
            .iter()
            .filter(|(place, _)| seen.insert(place.clone()))
            .map(|(place, _)| place.clone())
            .collect()
    }

    /// `湖北省武汉市（王秀兰）、…`: each place with who is there.
    fn places_cell(&self, lang: Lang) -> String {
        self.away_places
            .iter()
            .map(|(place, name)| format!("{place}{}", crate::i18n::parenthesized(name, lang)))
            .collect::<Vec<_>>()
            .join("、")
    }

    fn json(&self) -> CountsJson {
        CountsJson {
            household: self.household,
            local: self.local,
            away: self.away,
            away_places: self.places(),
            returned: self.returned,
            contact: self.contact,
            isolated: self.isolated,
        }
    }
}

/// `residents --format json` (SPEC §4), written straight from the rows: a
/// tree of values for 10,000 households was 12 MB more at the peak.
#[derive(Serialize)]
struct ResidentsJson<'a> {
    date: NaiveDate,
    org: &'a str,
    rows: RowsJson<'a>,
    total: CountsJson,
}

struct RowsJson<'a>(&'a [ResidentsRow]);

impl Serialize for RowsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| RowJson {
            staff: &r.staff.id,
            name: &r.staff.name,
            dept: r.staff.dept.as_deref(),
            counts: r.counts.json(),
        }))
    }
}

#[derive(Serialize)]
struct RowJson<'a> {
    staff: &'a str,
    name: &'a str,
    dept: Option<&'a str>,
    #[serde(flatten)]
    counts: CountsJson,
}

#[derive(Serialize)]
struct CountsJson {
    household: usize,
    local: usize,
    away: usize,
    away_places: Vec<String>,
    returned: usize,
    contact: usize,
    isolated: usize,
}

impl Residents {
    fn json(&self) -> ResidentsJson<'_> {
        ResidentsJson {
            date: self.date,
            org: &self.org,
            rows: RowsJson(&self.rows),
            total: self.total.json(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ResidentsRow {
    pub staff: Person,
    pub counts: HouseholdCounts,
}

#[derive(Debug, Clone)]
pub struct Residents {
    pub date: NaiveDate,
    pub org: String,
    pub rows: Vec<ResidentsRow>,
    pub total: HouseholdCounts,
}

impl Residents {
    pub fn compute(ctx: &Ctx, date: NaiveDate) -> Result<Residents> {
        let active: Vec<&Person> = ctx.roster.active_on(date).collect();
        // Who was away on any day of the isolation period before `date`.
        let window_start = date - Duration::days(i64::from(ctx.config.isolation_days));
        // One day at a time, and only the day's standing entries, not a
        // map of its records: fourteen days of a 30,000-person district
        // read two at a time held 60 MB.
        let mut away_recently: HashSet<String> = HashSet::new();
        for day in crate::dates::days(window_start, date - Duration::days(1)) {
            let log = ctx.store.day(day)?;
            away_recently.extend(
                log.standing()
                    .into_iter()
                    .filter(|(_, e)| {
                        e.op == Op::Record
                            && e.temperature.is_some()
                            && e.location
                                .as_deref()
                                .is_some_and(|l| !l.is_empty() && !ctx.config.place(l).local)
                    })
                    .map(|(id, _)| id.to_string()),
            );
        }
        // After the window's days: a day file is not held beside them.
        let standings = crate::episode::standings(ctx.store, ctx.config, &active, date)?;
        let mut rows: Vec<ResidentsRow> = Vec::new();
        // Households by staff id: one row each, found without a search.
        let mut row_of: HashMap<&str, usize> = HashMap::new();
        for p in &active {
            let staff_id = p.household();
            let i = match row_of.get(staff_id) {
                Some(&i) => i,
                None => {
                    let Some(staff) = ctx.roster.get(staff_id) else {
                        continue;
                    };
                    rows.push(ResidentsRow {
                        staff: staff.clone(),
                        counts: HouseholdCounts::default(),
                    });
                    row_of.insert(staff_id, rows.len() - 1);
                    rows.len() - 1
                }
            };
            let c = &mut rows[i].counts;
            c.household += 1;
            let Some((r, episode)) = standings.get(&p.id) else {
                continue;
            };
            let d = rules::derive(r, ctx.config);
            c.local += usize::from(d.local);
            if d.away {
                c.away += 1;
                c.away_places
                    .push((r.location.clone().unwrap_or_default(), p.name.clone()));
            }
            c.returned += usize::from(d.local && away_recently.contains(&p.id));
            c.contact += usize::from(episode.contact);
            c.isolated += usize::from(episode.is_isolated());
        }
        let mut total = HouseholdCounts::default();
        for r in &rows {
            total.add(&r.counts);
        }
        Ok(Residents {
            date,
            org: ctx.config.org.clone(),
            rows,
            total,
        })
    }
}

const COLUMNS: [L; 10] = [
    L::No,
    L::Name,
    L::Dept,
    L::HouseholdSize,
    L::LocalCount,
    L::AwayCount,
    L::AwayPlaces,
    L::Returned,
    L::ContactCount,
    L::IsolatedCount,
];

fn count_cells(c: &HouseholdCounts, lang: Lang) -> [Cell; 7] {
    [
        Cell::int(c.household),
        Cell::int(c.local),
        Cell::int(c.away),
        Cell::text(c.places_cell(lang)),
        Cell::int(c.returned),
        Cell::int(c.contact),
        Cell::int(c.isolated),
    ]
}

impl Report for Residents {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(self.json()).unwrap_or(Value::Null)
    }

    fn json_bytes(&self, _lang: Lang) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec_pretty(&self.json())
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(&self.org, L::ResidentsTitle, self.date, lang);
        doc.portrait = true;
        let mut table = Table::labelled(&COLUMNS, lang);
        for (i, r) in self.rows.iter().enumerate() {
            let mut cells = vec![
                Cell::int(i + 1),
                Cell::text(&r.staff.name),
                Cell::opt(r.staff.dept.as_deref()),
            ];
            cells.extend(count_cells(&r.counts, lang));
            table.push(cells);
        }
        let mut total = vec![Cell::Empty, Cell::text(L::Total.text(lang)), Cell::Empty];
        total.extend(count_cells(&self.total, lang));
        table.push_total(total);
        doc.table(table);
        doc
    }
}
