//! Records planned before a write, on what carries forward (SPEC §3):
//! `record --batch` and `record --chat` build every record here against
//! the store as it will be once the records before it are written, so both
//! carry values exactly alike; each writes them in one `store::Tx`.

use std::collections::hash_map::Entry as Slot;
use std::collections::{HashMap, HashSet};

use anyhow::Result;
use chrono::NaiveDate;

use crate::batch::Present;
use crate::cmd::record::keep_daily;
use crate::episode::Openers;
use crate::person::Person;
use crate::record::{self, Carried, Record, RecordInput, Work};
use crate::store::{DayRecords, Entry, Store, new_entry_id};

/// The standing record of each person and day a write touches, as it will
/// be once the records planned before are written.
pub struct Planner<'a> {
    store: &'a Store,
    /// Which observation each earlier record opened (SPEC §2 v2 episodes).
    openers: Openers<'a>,
    /// Each day read so far: the standing record of each person. Parsed
    /// once per day, not once per row (a row per person on days already
    /// holding everyone's entries made a batch quadratic).
    days: HashMap<NaiveDate, DayRecords>,
    touched: HashMap<(String, NaiveDate), Option<Record>>,
    /// Who has a record planned here, on any day.
    touched_people: HashSet<String>,
    /// The store's latest record on or before a day, found for many people
    /// in one pass (`prefetch`): without it each record re-read the days
    /// before: a batch of 3,000 took 186 s in a debug build, now 0.8 s.
    known: HashMap<(String, NaiveDate), Option<Record>>,
}

/// A record planned for writing, with the version it replaces.
pub struct PlannedRecord {
    pub entry: Entry,
    pub record: Record,
    pub replaced: Option<Record>,
}

impl<'a> Planner<'a> {
    pub fn new(store: &'a Store) -> Planner<'a> {
        Planner {
            store,
            openers: Openers::new(store, &store.config),
            days: HashMap::new(),
            touched: HashMap::new(),
            touched_people: HashSet::new(),
            known: HashMap::new(),
        }
    }

    /// Looks up the latest records of `people` on or before `date` in one
    /// backward pass over the day files, for the records planned next.
    pub fn prefetch(&mut self, people: &[&Person], date: NaiveDate) -> Result<()> {
        let mut found = self.store.latest_records(people, date)?;
        for p in people {
            self.known
                .insert((p.id.clone(), date), found.remove(&p.id).map(|r| *r));
        }
        Ok(())
    }

    /// Builds the record of `person` on `date` on what carries forward: a
    /// correction on the version it replaces, else on the latest earlier
    /// record. `input` sees that base; `present` says which carried columns
    /// were given (even empty).
    pub fn plan_record(
        &mut self,
        person: &Person,
        date: NaiveDate,
        input: impl FnOnce(Option<&Record>) -> Result<RecordInput>,
        present: Present,
        at: chrono::DateTime<chrono::FixedOffset>,
        by: String,
    ) -> Result<PlannedRecord> {
        let standing = self.standing(&person.id, date)?;
        let before = match &standing {
            Some(_) => None,
            None => self.latest_before(person, date)?,
        };
        let mut input = input(standing.as_ref().or(before.as_ref()))?;
        let mut carried = match &standing {
            Some(r) => {
                // A correction without a temperature keeps the day's readings.
                if input.temperature.is_none() {
                    keep_daily(&mut input, r);
                }
                Carried::from_replaced(r, self.openers.observation_start(r)?)
            }
            None => {
                let start = match &before {
                    Some(r) => self.openers.observation_start(r)?,
                    None => None,
                };
                Carried::from_previous(before.as_ref(), start)
            }
        };
        // A post left in its column when the work is no longer frontline
        // is the old one: dropping frontline clears it.
        if input.work.is_some_and(|w| w != Work::Frontline)
            && input.post.is_some()
            && input.post == carried.post
        {
            input.post = None;
        }
        // A column that is present says what it says, even when empty.
        if present.location {
            carried.location = None;
        }
        if present.work {
            carried.work = None;
        }
        if present.post {
            carried.post = None;
        }
        let record = record::build(person, date, input, &carried, &self.store.config, at, by)?;
        self.openers.note(&person.id, date, Some(&record))?;
        let entry = Entry::from_record(new_entry_id(at), &record);
        self.touched
            .insert((person.id.clone(), date), Some(record.clone()));
        self.touched_people.insert(person.id.clone());
        Ok(PlannedRecord {
            entry,
            record,
            replaced: standing,
        })
    }

    /// Plans a withdrawal: the day has no standing record of the person after it.
    pub fn withdraw(&mut self, key: (String, NaiveDate)) -> Result<()> {
        self.openers.note(&key.0, key.1, None)?;
        self.touched_people.insert(key.0.clone());
        self.touched.insert(key, None);
        Ok(())
    }

    /// The record of `person` on `date` as it will stand.
    pub fn standing(&mut self, person: &str, date: NaiveDate) -> Result<Option<Record>> {
        if let Some(r) = self.touched.get(&(person.to_string(), date)) {
            return Ok(r.clone());
        }
        if !self.days.contains_key(&date) {
            self.days.insert(date, self.store.day_records(date)?);
        }
        Ok(self
            .days
            .get(&date)
            .and_then(|day| day.get(person).map(|r| Record::clone(r))))
    }

    /// The latest record before `date`: from this write's records or the
    /// store. Days are read as `Store::latest_between` reads them (only
    /// files that name the person are parsed), and kept once parsed.
    fn latest_before(&mut self, person: &Person, date: NaiveDate) -> Result<Option<Record>> {
        // Nothing planned for the person yet: the store's answer, if known.
        if !self.touched_people.contains(&person.id)
            && let Some(known) = self.known.get(&(person.id.clone(), date))
        {
            return Ok(known.clone());
        }
        let in_batch = self
            .touched
            .iter()
            .filter(|((p, d), r)| *p == person.id && *d < date && r.is_some())
            .max_by_key(|((_, d), _)| *d)
            .and_then(|(_, r)| r.clone());
        let after = in_batch.as_ref().map(|r| r.date);
        let store = self.store;
        let finder = crate::store::person_finder(&person.id)?;
        for day in store.days_before(date) {
            let day = day?;
            if person.since.is_some_and(|s| day < s) || after.is_some_and(|a| day <= a) {
                break;
            }
            let records = match self.days.entry(day) {
                Slot::Occupied(e) => e.into_mut(),
                Slot::Vacant(e) => {
                    let Some(log) = store.day_if(day, |bytes| finder.find(bytes).is_some())? else {
                        continue;
                    };
                    e.insert(log.into_records())
                }
            };
            if let Some(r) = records.get(&person.id) {
                return Ok(Some(Record::clone(r)));
            }
        }
        Ok(in_batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Kind;
    use crate::store::Config;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 2, d).unwrap()
    }

    fn at() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339("2020-02-20T08:00:00+08:00").unwrap()
    }

    fn input(location: Option<&str>) -> RecordInput {
        RecordInput {
            temperature: Some(36.5),
            location: location.map(str::to_string),
            ..RecordInput::default()
        }
    }

    #[test]
    fn a_record_planned_earlier_in_the_write_carries_over_what_was_prefetched() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::init(&dir.path().join("s"), Config::default()).unwrap();
        let p = Person::new("S001", "张三", Kind::Staff, None);
        let mut first = Planner::new(&store);
        let planned = first
            .plan_record(
                &p,
                day(16),
                |_| Ok(input(Some("北京"))),
                Present::default(),
                at(),
                "t".into(),
            )
            .unwrap();
        let mut tx = store
            .begin(crate::store::journal::WriteKind::Batch, "t")
            .unwrap();
        tx.append_entries(&[planned.entry]).unwrap();
        tx.commit().unwrap();

        let mut plan = Planner::new(&store);
        plan.prefetch(&[&p], day(18)).unwrap();
        // Prefetched: the store's latest before the 18th is the 16th.
        let mut seen = None;
        plan.plan_record(
            &p,
            day(17),
            |base| {
                seen = base.and_then(|b| b.location.clone());
                Ok(input(Some("武汉")))
            },
            Present::default(),
            at(),
            "t".into(),
        )
        .unwrap();
        assert_eq!(seen.as_deref(), Some("北京"));
        // The 18th carries the 17th planned in this write, not the prefetched 16th.
        let r = plan
            .plan_record(
                &p,
                day(18),
                |_| Ok(input(None)),
                Present::default(),
                at(),
                "t".into(),
            )
            .unwrap();
        assert_eq!(r.record.location.as_deref(), Some("武汉"));
        assert!(r.replaced.is_none());
    }
}
