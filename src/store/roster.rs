//! `roster.jsonl`: append-only events, each carrying the person as they are
//! after it. The latest event per id is the person now; nothing is deleted.

use crate::t;
use std::borrow::Cow;
use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::scan::IdHash;
use crate::person::{self, Kind, Person, id_order};

pub const ROSTER_FILE: &str = "roster.jsonl";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterOp {
    Add,
    Edit,
    Leave,
    Import,
    /// `person remove`: entered by mistake, out of every report.
    Remove,
}

/// Each roster event's person and the day it was made, in file order.
pub type Versions = (Vec<Person>, Vec<NaiveDate>);

pub fn versions(events: impl IntoIterator<Item = RosterEvent>) -> Versions {
    events
        .into_iter()
        .map(|e| (e.person, e.at.date_naive()))
        .unzip()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RosterEvent {
    pub op: RosterOp,
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub person: Person,
}

/// The roster as it stands: one entry per id, in household order.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    people: Vec<Person>,
    /// People taken out as entered by mistake: in no report, but their ids
    /// stay taken so `undo` can bring them back.
    removed: Vec<Person>,
    /// Earlier versions of people whose details were edited, with the day
    /// each took effect (the day of the edit), oldest first.
    versions: HashMap<String, Vec<(NaiveDate, Person)>>,
    /// Places in `people` sorted by id, for `get` by binary search: it is
    /// called once per record, and a linear find made a district's reports
    /// grow with people². (A map from copied ids was 3 MB at 30,000.)
    by_id: Vec<u32>,
}

impl Roster {
    pub fn from_events(events: impl IntoIterator<Item = RosterEvent>) -> Roster {
        Roster::from_versions(versions(events))
    }

    /// `from_events` of the events' people and days.
    pub fn from_versions((mut people, days): Versions) -> Roster {
        // The latest version of each person, in the order first added: the
        // file is then mostly in household order already and the sort has
        // almost nothing to do (a hash map's order made it a full sort,
        // most of the cost of reading a roster for a one-day report). Ids
        // are borrowed, not copied, to find the versions.
        let mut latest: Vec<usize> = (0..people.len()).collect();
        let mut first_seen = vec![true; people.len()];
        let mut edited = false;
        let mut versions: HashMap<String, Vec<(NaiveDate, Person)>> = HashMap::new();
        {
            let mut first: HashMap<&str, usize, IdHash> =
                HashMap::with_capacity_and_hasher(people.len(), IdHash::default());
            for (i, p) in people.iter().enumerate() {
                if let Some(&f) = first.get(p.id.as_str()) {
                    if !same_details(&people[latest[f]], p) {
                        let list = versions
                            .entry(p.id.clone())
                            .or_insert_with(|| vec![(days[latest[f]], people[latest[f]].clone())]);
                        list.push((days[i], p.clone()));
                    }
                    latest[f] = i;
                    first_seen[i] = false;
                    edited = true;
                } else {
                    first.insert(p.id.as_str(), i);
                }
            }
        }
        if edited {
            let mut all: Vec<Option<Person>> = people.into_iter().map(Some).collect();
            people = (0..all.len())
                .filter(|&i| first_seen[i])
                .filter_map(|i| all[latest[i]].take())
                .collect();
        }
        let mut roster = Roster::from_people(people);
        roster.versions = versions;
        roster
    }

    /// The roster as the reports of `day` show it: each person's details
    /// (name, department, phone, relation, Party member, veteran) as they
    /// stood that day, so an edit never changes a past day's report; the
    /// window (since, until) and removals as they stand now, since they
    /// say which days a person belongs to.
    pub fn as_of(&self, day: NaiveDate) -> Cow<'_, Roster> {
        if !self
            .versions
            .values()
            .any(|v| v.iter().any(|(from, _)| *from > day))
        {
            return Cow::Borrowed(self);
        }
        let mut then = self.clone();
        for p in &mut then.people {
            let Some(list) = self.versions.get(&p.id) else {
                continue;
            };
            let version = list
                .iter()
                .rev()
                .find(|(from, _)| *from <= day)
                .or(list.first())
                .map(|(_, v)| v);
            if let Some(v) = version {
                p.name.clone_from(&v.name);
                p.dept.clone_from(&v.dept);
                p.phone.clone_from(&v.phone);
                p.relation = v.relation;
                p.party_member = v.party_member;
                p.veteran = v.veteran;
            }
        }
        Cow::Owned(then)
    }

    pub fn from_people(people: Vec<Person>) -> Roster {
        // Split only when someone was removed: `partition` grew two new
        // lists by pushing, a fifth of a one-day report's heap pages.
        let (removed, mut people): (Vec<Person>, Vec<Person>) =
            if people.iter().any(|p| p.removed.is_some()) {
                people.into_iter().partition(|p| p.removed.is_some())
            } else {
                (Vec::new(), people)
            };
        people.sort_by(household_order);
        // Stable and by bytes: a roster in household order is already
        // sorted, and of two people with one id the later stands.
        let mut by_id: Vec<u32> = (0..people.len() as u32).collect();
        by_id.sort_by(|&a, &b| people[a as usize].id.cmp(&people[b as usize].id));
        Roster {
            people,
            removed,
            versions: HashMap::new(),
            by_id,
        }
    }

    /// A person as they stand, removed or not.
    pub fn any(&self, id: &str) -> Option<&Person> {
        self.get(id)
            .or_else(|| self.removed.iter().find(|p| p.id == id))
    }

    /// Every id ever given, removed people's included.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.people
            .iter()
            .chain(&self.removed)
            .map(|p| p.id.as_str())
    }

    pub fn all(&self) -> &[Person] {
        &self.people
    }

    /// The people taken out as entered by mistake (`person remove`).
    pub fn removed(&self) -> &[Person] {
        &self.removed
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Person> {
        let end = self
            .by_id
            .partition_point(|&i| self.people[i as usize].id.as_str() <= id);
        let p = &self.people[*self.by_id.get(end.checked_sub(1)?)? as usize];
        (p.id == id).then_some(p)
    }

    /// The id for a new person: the one given (checked and free), else `next`.
    pub fn claim_id(&self, given: Option<&str>, next: impl FnOnce() -> String) -> Result<String> {
        let Some(id) = given else {
            return Ok(next());
        };
        let id = id.trim();
        person::validate_id(id)?;
        if let Some(p) = self
            .people
            .iter()
            .chain(&self.removed)
            .find(|p| p.id.eq_ignore_ascii_case(id))
        {
            bail!(t!(
                "roster-id-is-taken-by",
                id = p.id.to_string(),
                name = p.name.to_string()
            ));
        }
        Ok(id.to_string())
    }

    /// PERSON as the user typed it: id or name.
    /// A person removed as entered by mistake is named as such, not as
    /// unknown.
    /// An exact id is looked up, not searched for: `record --batch` finds
    /// every row's person, a linear search each was a quarter of a
    /// 3,000-row batch at 30,000 people. (Ids differ in more than case, see
    /// `claim_id`, so the exact id is the one a search would find.)
    pub fn find(&self, query: &str) -> Result<&Person> {
        if let Some(p) = self.get(query.trim()) {
            return Ok(p);
        }
        person::find(&self.people, query).or_else(|e| match person::find(&self.removed, query) {
            Ok(gone) => bail!(t!(
                "roster-was-removed-from-the",
                id = gone.id.to_string(),
                name = gone.name.to_string(),
                unwrap_or_default = gone.removed.as_deref().unwrap_or_default().to_string()
            )),
            Err(_) => Err(e),
        })
    }

    /// Like `find`, but a person taken out by `person remove` is found
    /// too (for `history`): on the roster first, then among the removed.
    pub fn find_any(&self, query: &str) -> Result<&Person> {
        if let Some(p) = self.get(query.trim()) {
            return Ok(p);
        }
        person::find(&self.people, query)
            .or_else(|e| person::find(&self.removed, query).map_err(|_| e))
    }

    /// Like `find`, but the person must be staff.
    pub fn find_staff(&self, query: &str) -> Result<&Person> {
        let p = self.find(query)?;
        if !p.is_staff() {
            bail!(t!(
                "roster-is-family-not-staff-2",
                id = p.id.to_string(),
                name = p.name.to_string()
            ));
        }
        Ok(p)
    }

    /// Everyone expected to report on `day`, households together.
    pub fn active_on(&self, day: NaiveDate) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(move |p| p.active_on(day))
    }

    pub fn staff_of<'a>(&'a self, p: &'a Person) -> Option<&'a Person> {
        match p.kind {
            Kind::Staff => Some(p),
            Kind::Family => p.of.as_deref().and_then(|of| self.get(of)),
        }
    }

    /// The department a person counts under: their own, or their staff member's.
    pub fn dept_of<'a>(&'a self, p: &'a Person) -> Option<&'a str> {
        self.staff_of(p).and_then(|s| s.dept.as_deref())
    }

    /// The phone to chase a person on: theirs, else their staff member's.
    pub fn phone_for<'a>(&'a self, p: &'a Person) -> Option<&'a str> {
        p.phone
            .as_deref()
            .or_else(|| self.staff_of(p).and_then(|s| s.phone.as_deref()))
    }
}

/// The details a report shows are the same (see `Roster::as_of`).
fn same_details(a: &Person, b: &Person) -> bool {
    a.name == b.name
        && a.dept == b.dept
        && a.phone == b.phone
        && a.relation == b.relation
        && a.party_member == b.party_member
        && a.veteran == b.veteran
}

/// Staff in id order, each followed by their family in id order.
pub fn household_order(a: &Person, b: &Person) -> std::cmp::Ordering {
    // Neighbours are mostly of one household: equal ids need no parsing.
    let (ha, hb) = (a.household(), b.household());
    let households = if ha == hb {
        std::cmp::Ordering::Equal
    } else {
        id_order(ha, hb)
    };
    households
        .then_with(|| (a.kind == Kind::Family).cmp(&(b.kind == Kind::Family)))
        .then_with(|| id_order(&a.id, &b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_version_of_each_person_stands() {
        let at = DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap();
        let event = |id: &str, name: &str| RosterEvent {
            op: RosterOp::Add,
            at,
            by: "x".into(),
            person: match id.split_once('-') {
                Some((staff, _)) => Person::new(id, name, Kind::Family, Some(staff.into())),
                None => Person::new(id, name, Kind::Staff, None),
            },
        };
        let roster = Roster::from_events([
            event("S002", "b1"),
            event("S001", "a1"),
            event("S002", "b2"),
            event("S001-1", "c1"),
            event("S002", "b3"),
            event("S001", "a2"),
        ]);
        let got: Vec<(&str, &str)> = roster
            .all()
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(got, [("S001", "a2"), ("S001-1", "c1"), ("S002", "b3")]);
    }

    #[test]
    fn find_by_exact_id_is_what_the_search_finds() {
        let roster = Roster::from_people(vec![
            Person::new("S002", "王伟", Kind::Staff, None),
            Person::new("S001", "S002", Kind::Staff, None),
            Person::new("S001-1", "李磊", Kind::Family, Some("S001".into())),
        ]);
        for q in ["S001", " S001-1 ", "s002", "王伟", "S002"] {
            let searched = person::find(roster.all(), q).unwrap();
            assert_eq!(roster.find(q).unwrap(), searched, "{q}");
            assert_eq!(roster.find_any(q).unwrap(), searched, "{q}");
        }
        assert!(roster.find("S003").is_err());
    }

    proptest::proptest! {
        /// The id map finds what a search of the list finds, after edits,
        /// removals and re-adds, and nothing for an id never given.
        #[test]
        fn get_by_id_is_a_search_of_the_roster(
            events in proptest::collection::vec((0..12usize, 0..3u8, 0..3u8), 0..40),
            probe in 0..14usize,
        ) {
            let at = DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap();
            let id = |n: usize| if n.is_multiple_of(3) { format!("S{n:03}") } else { format!("S{:03}-{}", n / 3 * 3, n % 3) };
            let roster = Roster::from_events(events.iter().map(|&(n, name, removed)| {
                let mut person = match n % 3 {
                    0 => Person::new(id(n), format!("n{name}"), Kind::Staff, None),
                    _ => Person::new(id(n), format!("n{name}"), Kind::Family, Some(id(n / 3 * 3))),
                };
                if removed == 0 {
                    person.removed = Some("2020-02-18".into());
                }
                RosterEvent { op: RosterOp::Add, at, by: "x".into(), person }
            }));
            let wanted = id(probe);
            let searched = roster.all().iter().find(|p| p.id == wanted);
            proptest::prop_assert_eq!(roster.get(&wanted), searched);
        }
    }
}
