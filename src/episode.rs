//! Episodes (SPEC §2 v2): isolation and contact observation last over days
//! and hold as of a day from the person's latest record on or before it,
//! whether or not they reported that day. This is the one place that says,
//! as of day D, who is isolated (kind, since, ends, day N), who is under
//! observation (opened on, day N, ends) and whose period is complete; every
//! report, `template` and the interactive entry ask it.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Duration, NaiveDate};

use crate::person::Person;
use crate::record::{Isolation, Record, Work};
use crate::store::{Config, DayRecords, Store};

/// The day an observation opened on `since` has run out: it is open on
/// `since .. end` and complete on `end`.
pub fn observation_end(since: NaiveDate, days: u32) -> NaiveDate {
    since + Duration::days(i64::from(days))
}

/// An isolation as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Isolated {
    pub kind: Isolation,
    pub since: NaiveDate,
    pub ends: NaiveDate,
    /// Day 1 is `since`.
    pub day: i64,
}

impl Isolated {
    /// The period is over: the person may be released.
    pub fn complete(&self, on: NaiveDate) -> bool {
        self.ends <= on
    }
}

/// A contact observation (医学观察) as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
    pub since: NaiveDate,
    pub ends: NaiveDate,
    /// Day 1 is `since`.
    pub day: i64,
}

impl Observation {
    /// Still running on the day (not yet on its end day).
    pub fn open(&self, on: NaiveDate) -> bool {
        on < self.ends
    }
}

/// Where a person stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Episode {
    pub isolated: Option<Isolated>,
    /// An observation open on the day, or ending on it (`!open`).
    pub observation: Option<Observation>,
    /// Counts under contact on the day: observed, or the day's own
    /// record says contact (with an isolation that closed the observation).
    pub contact: bool,
    /// Work as last recorded (for "isolated but working").
    pub work: Option<Work>,
    /// The date of the latest record on or before the day.
    pub last_record: Option<NaiveDate>,
}

impl Episode {
    pub fn observing(&self, on: NaiveDate) -> bool {
        self.observation.is_some_and(|o| o.open(on))
    }

    pub fn is_isolated(&self) -> bool {
        self.isolated.is_some()
    }
}

/// The fields of a person's latest record that their episode is read from:
/// what `trend` keeps per person instead of the whole record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Basis {
    pub date: NaiveDate,
    pub contact: bool,
    pub isolation: Isolation,
    pub isolation_since: Option<NaiveDate>,
    pub work: Option<Work>,
}

impl Basis {
    pub fn of(r: &Record) -> Basis {
        Basis {
            date: r.date,
            contact: r.contact,
            isolation: r.isolation,
            isolation_since: r.isolation_since,
            work: r.work,
        }
    }
}

/// The fields of a record that say whether it opens an observation.
#[derive(Debug, Clone, Copy)]
pub struct Exposure<'a> {
    pub date: NaiveDate,
    pub contact: bool,
    pub location: Option<&'a str>,
    pub isolation: Isolation,
    pub observation_since: Option<NaiveDate>,
}

impl Exposure<'_> {
    pub fn of(r: &Record) -> Exposure<'_> {
        Exposure {
            date: r.date,
            contact: r.contact,
            location: r.location.as_deref(),
            isolation: r.isolation,
            observation_since: r.observation_since,
        }
    }
}

/// The episode as of `on` from the person's latest record on or before it.
/// `opener_stands` says whether the record that opened its observation is
/// still the standing record of that day with contact or a high-risk area.
pub fn as_of(
    latest: Option<&Record>,
    on: NaiveDate,
    config: &Config,
    opener_stands: bool,
) -> Episode {
    let since = latest.and_then(|r| observation_since(&Exposure::of(r), config));
    episode_of(latest, on, config, since.filter(|_| opener_stands))
}

/// `as_of`, given the start of the record's observation if it stands.
fn episode_of(
    latest: Option<&Record>,
    on: NaiveDate,
    config: &Config,
    observed_since: Option<NaiveDate>,
) -> Episode {
    episode_from(latest.map(Basis::of).as_ref(), on, config, observed_since)
}

/// The episode as of `on` from the latest record's `Basis`, given the
/// start of its observation if the opening record stands.
pub fn episode_from(
    latest: Option<&Basis>,
    on: NaiveDate,
    config: &Config,
    observed_since: Option<NaiveDate>,
) -> Episode {
    let Some(r) = latest else {
        return Episode::default();
    };
    let days = i64::from(config.isolation_days);
    let isolated = match (r.isolation.is_isolated(), r.isolation_since) {
        (true, Some(since)) => Some(Isolated {
            kind: r.isolation,
            since,
            ends: since + Duration::days(days),
            day: (on - since).num_days() + 1,
        }),
        _ => None,
    };
    let observation = observed_since
        .filter(|_| isolated.is_none())
        .map(|since| Observation {
            since,
            ends: observation_end(since, config.isolation_days),
            day: (on - since).num_days() + 1,
        })
        // Past its end day the observation is over and says nothing more.
        .filter(|o| on <= o.ends);
    let observing = observation.is_some_and(|o| o.open(on));
    let own_contact = r.date == on && r.contact && r.isolation.is_isolated();
    Episode {
        isolated,
        observation,
        contact: observing || own_contact,
        work: r.work,
        last_record: Some(r.date),
    }
}

/// Whether a record's observation still has its opening record: the
/// standing record of the opening day names the same start and has contact
/// or a high-risk-area location. Looks each opening day up once.
pub struct Openers<'a> {
    store: &'a Store,
    config: &'a Config,
    days: HashMap<NaiveDate, DayRecords>,
}

impl<'a> Openers<'a> {
    pub fn new(store: &'a Store, config: &'a Config) -> Openers<'a> {
        Openers {
            store,
            config,
            days: HashMap::new(),
        }
    }

    /// The start of `r`'s observation, if it has one whose opening record
    /// still stands (a record written before starts were kept opened one
    /// on its own day): what a new record carries.
    pub fn observation_start(&mut self, r: &Record) -> Result<Option<NaiveDate>> {
        let since = observation_since(&Exposure::of(r), self.config);
        self.standing_since(r, since)
    }

    /// `since`, `r`'s observation start, if its opening record stands.
    fn standing_since(
        &mut self,
        r: &Record,
        since: Option<NaiveDate>,
    ) -> Result<Option<NaiveDate>> {
        let Some(since) = since else {
            return Ok(None);
        };
        // The record opened it itself (its own start, or one written
        // before starts were kept).
        if since == r.date {
            return Ok(Some(since));
        }
        let config = self.config;
        let stands = self
            .load(since)?
            .get(&r.person)
            .is_some_and(|opener| opens(&Exposure::of(opener), since, config));
        Ok(stands.then_some(since))
    }

    /// The episode of `latest` as of `on`.
    pub fn episode(&mut self, latest: Option<&Record>, on: NaiveDate) -> Result<Episode> {
        let since = match latest {
            Some(r) => {
                let since = observation_since(&Exposure::of(r), self.config);
                self.standing_since(r, since)?
            }
            None => None,
        };
        Ok(episode_of(latest, on, self.config, since))
    }

    fn load(&mut self, day: NaiveDate) -> Result<&mut DayRecords> {
        if !self.days.contains_key(&day) {
            let records = self.store.day_records(day)?;
            self.days.insert(day, records);
        }
        Ok(self.days.entry(day).or_default())
    }

    /// Takes `r` as its day's standing record (a batch's row before it is
    /// written), or withdraws `person`'s record of `day` when `r` is `None`.
    pub fn note(&mut self, person: &str, day: NaiveDate, r: Option<&Record>) -> Result<()> {
        let records = self.load(day)?;
        match r {
            Some(r) => records.insert(person.to_string(), Box::new(r.clone())),
            None => records.remove(person),
        };
        Ok(())
    }
}

/// The start of the observation a record is in. A record written before
/// observations were kept (no start, yet contact or a high-risk area and
/// no isolation) opens one on its own day.
pub fn observation_since(r: &Exposure, config: &Config) -> Option<NaiveDate> {
    if r.observation_since.is_some() || r.isolation.is_isolated() {
        return r.observation_since;
    }
    exposed(r, config).then_some(r.date)
}

fn exposed(r: &Exposure, config: &Config) -> bool {
    r.contact || r.location.is_some_and(|l| config.place(l).high_risk)
}

/// Whether `r`, the standing record of day `since`, opened an observation
/// on that day (so a later record carrying `since` is still in it).
pub fn opens(r: &Exposure, since: NaiveDate, config: &Config) -> bool {
    observation_since(r, config) == Some(since) && exposed(r, config)
}

/// Each person's latest record on or before `on` and their episode.
pub fn standings(
    store: &Store,
    config: &Config,
    people: &[&Person],
    on: NaiveDate,
) -> Result<Standings> {
    let records = store.latest_records(people, on)?;
    let mut openers = Openers::new(store, config);
    let mut episodes = HashMap::with_capacity(records.len());
    for (id, r) in &records {
        episodes.insert(id.clone(), openers.episode(Some(r), on)?);
    }
    Ok(Standings { records, episodes })
}

/// Each person's latest record and episode, kept in two maps: the records
/// are not moved into a second map of (record, episode) pairs, which held
/// both at once (18 MB more at 30,000 people).
#[derive(Debug, Default)]
pub struct Standings {
    records: DayRecords,
    episodes: HashMap<String, Episode>,
}

impl Standings {
    pub fn get(&self, id: &str) -> Option<(&Record, &Episode)> {
        Some((self.records.get(id)?, self.episodes.get(id)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    fn rec(date: NaiveDate) -> Record {
        crate::record::sample_record(date)
    }

    #[test]
    fn an_observation_runs_fourteen_days_then_is_complete_on_its_end_day() {
        let c = Config::default();
        let mut r = rec(d(2, 1));
        r.contact = true;
        r.observation_since = Some(d(2, 1));
        let table = [
            (d(2, 1), true, Some(1)),
            (d(2, 10), true, Some(10)),
            (d(2, 14), true, Some(14)),
            (d(2, 15), false, Some(15)),
            (d(2, 16), false, None),
        ];
        for (on, observing, day) in table {
            let e = as_of(Some(&r), on, &c, true);
            assert_eq!(e.observing(on), observing, "{on}");
            assert_eq!(e.contact, observing, "{on}");
            assert_eq!(e.observation.map(|o| o.day), day, "{on}");
        }
        let gone = as_of(Some(&r), d(2, 5), &c, false);
        assert!(!gone.contact && gone.observation.is_none());
    }

    #[test]
    fn an_isolation_holds_until_a_record_releases_it() {
        let c = Config::default();
        let mut r = rec(d(2, 1));
        r.isolation = Isolation::Home;
        r.isolation_since = Some(d(2, 1));
        for (on, day, complete) in [
            (d(2, 1), 1, false),
            (d(2, 14), 14, false),
            (d(2, 15), 15, true),
            (d(3, 1), 30, true),
        ] {
            let e = as_of(Some(&r), on, &c, true);
            let iso = e.isolated.unwrap();
            assert_eq!((iso.day, iso.complete(on)), (day, complete), "{on}");
            assert_eq!(iso.ends, d(2, 15));
        }
    }

    #[test]
    fn places_match_folded() {
        let c = Config {
            high_risk: vec!["湖北".into(), "武汉".into(), "Wenzhou".into()],
            ..Config::default()
        };
        for (place, hit) in [
            ("武漢市", true),
            ("湖北省", true),
            ("WENZHOU", true),
            ("北京", false),
        ] {
            assert_eq!(c.place(place).high_risk, hit, "{place}");
        }
    }
}
