//! `trend`: counts per day over a period, with a chart.
//!
//! One forward pass over the days: each person's episode (SPEC §2 v2) is
//! carried from day to day in a few bytes (`Basis`), so a day costs a pass
//! over its own records and the roster, never a whole `daily` report.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::daily::COUNT_COLUMNS;
use super::{Ctx, Report};
use crate::cli::Lang;
use crate::episode::{self, Basis, Exposure};
use crate::i18n::L;
use crate::person::Person;
use crate::render::{Cell, Chart, Document, Series, Table};
use crate::rules;
use crate::store::records::RecordView;
use crate::store::scan::IdHash;
use crate::store::{Config, Store};
use rayon::prelude::*;

/// A day's totals, as `daily` of that day counts them (the columns trend
/// shows); also a day of `trend --format json`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct DayCounts {
    pub date: NaiveDate,
    pub expected: usize,
    pub reported: usize,
    pub missing: usize,
    pub fever: usize,
    pub contact: usize,
    pub isolated: usize,
}

#[derive(Debug, Clone)]
pub struct Trend {
    pub org: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<DayCounts>,
}

/// A person's standing record of a day, as much as trend keeps of it.
#[derive(Debug, Clone, Copy)]
struct Fact {
    /// The person's place in the trend's list of people.
    who: usize,
    basis: Basis,
    fever: bool,
    /// The start of the observation the record is in, if any.
    since: Option<NaiveDate>,
    /// The record opens an observation on its own day (`episode::opens`).
    opens: bool,
}

/// What is carried from day to day per person: their latest record's
/// `Basis`, whether it had a fever, and its observation start if the
/// record that opened it still stands.
#[derive(Debug, Clone, Copy)]
struct Latest {
    basis: Basis,
    fever: bool,
    observed: Option<NaiveDate>,
}

/// Records per batch of days read side by side: a batch is one day at
/// 30,000 people (its lines are read in parallel instead, so one day's
/// file is in memory at a time: SPEC §7, 64 MB) and a few months at 300.
const FACTS_PER_BATCH: usize = 40_000;

impl Trend {
    pub fn compute(
        ctx: &Ctx,
        from: NaiveDate,
        to: NaiveDate,
        mut progress: impl FnMut(),
    ) -> Result<Trend> {
        let config = ctx.config;
        let people: Vec<&Person> = ctx
            .roster
            .all()
            .iter()
            .filter(|p| p.since.is_none_or(|s| s <= to) && p.until.is_none_or(|u| from <= u))
            .collect();
        let index: HashMap<&str, usize, IdHash> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut openers = OpenersBefore::new(ctx.store, config);
        // Everyone's latest record before the period, their observation
        // judged as `Openers` judges it.
        let mut latest: Vec<Option<Latest>> = vec![None; people.len()];
        for (id, r) in ctx
            .store
            .latest_records(&people, from - Duration::days(1))?
        {
            let Some(&who) = index.get(id.as_str()) else {
                continue;
            };
            // A record from before the person's start does not count.
            if people[who].since.is_some_and(|s| r.date < s) {
                continue;
            }
            let exposure = Exposure::of(&r);
            let since = episode::observation_since(&exposure, config);
            let observed = match since {
                Some(s) if s != r.date && openers.opened(s, &r.person)? => Some(s),
                Some(s) if s == r.date => Some(s),
                _ => None,
            };
            latest[who] = Some(Latest {
                basis: Basis::of(&r),
                fever: rules::is_fever_reading(r.temperature, r.temperature_pm, config),
                observed,
            });
        }
        // (person, day) for each record of the period that opened an
        // observation on its day.
        let mut opened: HashSet<(usize, NaiveDate), IdHash> = HashSet::default();
        let dates: Vec<NaiveDate> = crate::dates::days(from, to).collect();
        let batch = (FACTS_PER_BATCH / people.len().max(1)).max(1);
        let mut days = Vec::with_capacity(dates.len());
        for window in dates.chunks(batch) {
            // Reading and parsing the files is most of a trend; it runs in
            // parallel, and the walk forward stays in order.
            let facts: Vec<Result<Vec<Fact>>> = window
                .par_iter()
                .map(|&date| {
                    ctx.store.day_records_with(date, |views| {
                        views
                            .iter()
                            .filter_map(|v| fact(v, date, &index, config))
                            .collect()
                    })
                })
                .collect();
            for (&date, facts) in window.iter().zip(facts) {
                let facts = facts?;
                for f in facts.iter().filter(|f| f.opens) {
                    opened.insert((f.who, date));
                }
                for f in &facts {
                    // A record from before the person's start does not
                    // count (as for `latest_records`).
                    if people[f.who].since.is_some_and(|s| date < s) {
                        continue;
                    }
                    let observed = match f.since {
                        Some(s) if s == date => Some(s),
                        Some(s) if from <= s && s < date => {
                            opened.contains(&(f.who, s)).then_some(s)
                        }
                        Some(s) => openers.opened(s, &people[f.who].id)?.then_some(s),
                        None => None,
                    };
                    latest[f.who] = Some(Latest {
                        basis: f.basis,
                        fever: f.fever,
                        observed,
                    });
                }
                days.push(count(date, &people, &latest, config));
                progress();
            }
        }
        Ok(Trend {
            org: config.org.clone(),
            from,
            to,
            days,
        })
    }
}

/// A standing record of `date` as a `Fact`, if it is about someone the
/// trend counts.
fn fact(
    v: &RecordView,
    date: NaiveDate,
    index: &HashMap<&str, usize, IdHash>,
    config: &Config,
) -> Option<Fact> {
    let who = *index.get(v.person)?;
    let exposure = Exposure {
        date,
        contact: v.contact,
        location: v.location,
        isolation: v.isolation,
        observation_since: v.observation_since,
    };
    let since = episode::observation_since(&exposure, config);
    Some(Fact {
        who,
        basis: Basis {
            date,
            contact: v.contact,
            isolation: v.isolation,
            isolation_since: v.isolation_since,
            work: v.work,
        },
        fever: rules::is_fever_reading(v.temperature, v.temperature_pm, config),
        since,
        opens: since == Some(date) && episode::opens(&exposure, date, config),
    })
}

/// The day's totals over the people active on it (`Counts::add`).
fn count(
    date: NaiveDate,
    people: &[&Person],
    latest: &[Option<Latest>],
    config: &Config,
) -> DayCounts {
    let mut c = DayCounts {
        date,
        ..DayCounts::default()
    };
    for (p, l) in people.iter().zip(latest) {
        if !p.active_on(date) {
            continue;
        }
        c.expected += 1;
        let Some(l) = l else {
            continue;
        };
        let e = episode::episode_from(Some(&l.basis), date, config, l.observed);
        c.contact += usize::from(e.contact);
        c.isolated += usize::from(e.is_isolated());
        if l.basis.date == date {
            c.reported += 1;
            c.fever += usize::from(l.fever);
        }
    }
    c.missing = c.expected - c.reported;
    c
}

/// Who opened an observation on a day outside the part of the period
/// walked so far, read from that day's file once (as `episode::Openers`,
/// keeping only the ids).
struct OpenersBefore<'a> {
    store: &'a Store,
    config: &'a Config,
    days: HashMap<NaiveDate, HashSet<String, IdHash>>,
}

impl<'a> OpenersBefore<'a> {
    fn new(store: &'a Store, config: &'a Config) -> OpenersBefore<'a> {
        OpenersBefore {
            store,
            config,
            days: HashMap::new(),
        }
    }

    fn opened(&mut self, day: NaiveDate, person: &str) -> Result<bool> {
        if !self.days.contains_key(&day) {
            let config = self.config;
            let ids = self.store.day_records_with(day, |views| {
                views
                    .iter()
                    .filter(|v| {
                        let exposure = Exposure {
                            date: day,
                            contact: v.contact,
                            location: v.location,
                            isolation: v.isolation,
                            observation_since: v.observation_since,
                        };
                        episode::opens(&exposure, day, config)
                    })
                    .map(|v| v.person.to_string())
                    .collect()
            })?;
            self.days.insert(day, ids);
        }
        Ok(self.days.get(&day).is_some_and(|ids| ids.contains(person)))
    }
}

impl Report for Trend {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(&self.days).unwrap_or(Value::Null)
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_days(&self.org, L::TrendTitle, self.from, self.to, lang);
        let mut table = Table::labelled(&[&[L::Date][..], &COUNT_COLUMNS].concat(), lang);
        for c in &self.days {
            table.push(vec![
                Cell::Date(c.date),
                Cell::int(c.expected),
                Cell::int(c.reported),
                Cell::int(c.missing),
                Cell::int(c.fever),
                Cell::int(c.contact),
                Cell::int(c.isolated),
            ]);
        }
        doc.table(table);
        let series = |label: L, f: fn(&DayCounts) -> usize| Series {
            name: label.text(lang).to_string(),
            values: self.days.iter().map(|c| f(c) as u64).collect(),
        };
        doc.chart(Chart {
            days: self.days.iter().map(|c| c.date).collect(),
            series: vec![
                series(L::Reported, |d| d.reported),
                series(L::Fever, |d| d.fever),
                series(L::ContactCount, |d| d.contact),
                series(L::Isolated, |d| d.isolated),
            ],
        });
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Kind;
    use crate::record::{Isolation, Record};
    use crate::report::daily::Daily;
    use crate::store::Roster;
    use crate::store::records::Entry;
    use chrono::DateTime;
    use proptest::prelude::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 2, 1).unwrap() + Duration::days(n)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        /// The forward pass gives, day by day, the totals of that day's
        /// `daily` report computed on its own: over corrections, voids,
        /// undos, people who came later or left, silent people, and
        /// isolations and observations (opened, carried, corrected away)
        /// that span days and the start of the period.
        #[test]
        fn trend_is_each_days_daily_totals(
            ops in proptest::collection::vec(
                (0..12i64, 0..6usize, 0..8u8, 0..30u32, any::<u8>(), 0..5i64), 0..70),
            windows in proptest::collection::vec(
                (proptest::option::of(0..10i64), proptest::option::of(0..12i64)), 6),
            from in 0..8i64,
            len in 0..8i64,
            isolation_days in 1..5u32,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let config = Config {
                home_city: "北京".into(),
                high_risk: vec!["武汉".into()],
                isolation_days,
                ..Config::default()
            };
            let store = Store::init(&dir.path().join("s"), config.clone()).unwrap();
            let people: Vec<Person> = (0..6)
                .map(|i| {
                    let mut p = Person::new(format!("S00{i}"), "x", Kind::Staff, None);
                    p.since = windows[i].0.map(day);
                    p.until = windows[i].1.map(day);
                    p
                })
                .collect();
            let at = DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap();
            let mut days: std::collections::BTreeMap<i64, Vec<Entry>> = Default::default();
            for (n, &(d, who, kind, t, flags, back)) in ops.iter().enumerate() {
                let date = day(d);
                let entries = days.entry(d).or_default();
                let id = format!("e{n}");
                let person = &people[who].id;
                let isolation = match flags % 4 {
                    1 => Isolation::Home,
                    2 => Isolation::Central,
                    _ => Isolation::None,
                };
                let e = match kind {
                    0..=4 => Entry::from_record(id, &Record {
                        date,
                        person: person.clone(),
                        temperature: 36.0 + f64::from(t) / 10.0,
                        temperature_pm: (flags & 64 != 0).then_some(37.3),
                        symptoms: vec![],
                        location: match (flags >> 2) % 4 {
                            0 => None,
                            1 => Some("武汉市".into()),
                            _ => Some("北京市".into()),
                        },
                        contact: flags & 16 != 0,
                        observation_since: (flags & 32 != 0).then(|| date - Duration::days(back)),
                        isolation,
                        isolation_since: isolation
                            .is_isolated()
                            .then(|| date - Duration::days(back))
                            .filter(|_| flags & 128 == 0),
                        work: None,
                        post: None,
                        note: None,
                        recorded_at: at,
                        recorded_by: "x".into(),
                    }),
                    5 | 6 => Entry::void(id, date, person, "r".into(), at, "x".into()),
                    _ => match entries.last() {
                        Some(last) => Entry::undo(id, last, at, "x".into()),
                        None => continue,
                    },
                };
                entries.push(e);
            }
            for (d, entries) in &days {
                let path = store.day_path(day(*d));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let bytes: Vec<u8> = entries.iter().flat_map(|e| e.to_line()).collect();
                std::fs::write(&path, bytes).unwrap();
            }
            let roster = Roster::from_people(people);
            let ctx = Ctx { store: &store, roster: &roster, config: &config };
            let (from, to) = (day(from), day(from + len));
            let trend = Trend::compute(&ctx, from, to, || ()).unwrap();
            let want: Vec<DayCounts> = crate::dates::days(from, to)
                .map(|date| {
                    let c = Daily::compute(&ctx, date).unwrap().totals;
                    DayCounts {
                        date,
                        expected: c.expected,
                        reported: c.reported,
                        missing: c.missing(),
                        fever: c.fever,
                        contact: c.contact,
                        isolated: c.isolated,
                    }
                })
                .collect();
            prop_assert_eq!(trend.days, want);
        }
    }
}
