//! `records/YYYY/YYYY-MM-DD.jsonl`: one append-only file per day. Each line
//! is an entry: a record (a first version or a correction), a void (the
//! day's record withdrawn) or an undo (an earlier entry taken back).

use crate::t;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::record::{Isolation, Record, Work};

use super::jsonl::TornTail;
use super::scan::IdHash;

pub const RECORDS_DIR: &str = "records";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Record,
    Void,
    Undo,
}

/// One line of a day file. Record fields are set for `op: record`;
/// `reason` for a void; `target` (the id of the entry taken back) for an undo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub op: Op,
    pub date: NaiveDate,
    pub person: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_pm: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation_since: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isolation: Option<Isolation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isolation_since: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<Work>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    pub recorded_at: DateTime<FixedOffset>,
    pub recorded_by: String,
}

impl Entry {
    pub fn from_record(id: String, r: &Record) -> Entry {
        Entry {
            id,
            op: Op::Record,
            date: r.date,
            person: r.person.clone(),
            temperature: Some(r.temperature),
            temperature_pm: r.temperature_pm,
            symptoms: r.symptoms.clone(),
            location: r.location.clone(),
            contact: Some(r.contact),
            observation_since: r.observation_since,
            isolation: Some(r.isolation),
            isolation_since: r.isolation_since,
            work: r.work,
            post: r.post.clone(),
            note: r.note.clone(),
            reason: None,
            target: None,
            recorded_at: r.recorded_at,
            recorded_by: r.recorded_by.clone(),
        }
    }

    pub fn void(
        id: String,
        date: NaiveDate,
        person: &str,
        reason: String,
        recorded_at: DateTime<FixedOffset>,
        recorded_by: String,
    ) -> Entry {
        Entry {
            op: Op::Void,
            reason: Some(reason),
            ..Entry::bare(id, date, person, recorded_at, recorded_by)
        }
    }

    /// Takes back the entry `target` of the same day.
    pub fn undo(
        id: String,
        target: &Entry,
        recorded_at: DateTime<FixedOffset>,
        recorded_by: String,
    ) -> Entry {
        Entry {
            op: Op::Undo,
            target: Some(target.id.clone()),
            ..Entry::bare(id, target.date, &target.person, recorded_at, recorded_by)
        }
    }

    fn bare(
        id: String,
        date: NaiveDate,
        person: &str,
        recorded_at: DateTime<FixedOffset>,
        recorded_by: String,
    ) -> Entry {
        Entry {
            id,
            op: Op::Record,
            date,
            person: person.to_string(),
            temperature: None,
            temperature_pm: None,
            symptoms: Vec::new(),
            location: None,
            contact: None,
            observation_since: None,
            isolation: None,
            isolation_since: None,
            work: None,
            post: None,
            note: None,
            reason: None,
            target: None,
            recorded_at,
            recorded_by,
        }
    }

    /// A record entry for tests: its temperature and nothing else said,
    /// recorded by "x" at `at`.
    #[cfg(test)]
    pub fn test_record(
        id: String,
        date: NaiveDate,
        person: &str,
        temperature: f64,
        at: DateTime<FixedOffset>,
    ) -> Entry {
        Entry {
            temperature: Some(temperature),
            ..Entry::bare(id, date, person, at, "x".into())
        }
    }

    /// The record this entry holds, if it is one.
    pub fn record(&self) -> Option<Record> {
        if self.op != Op::Record {
            return None;
        }
        Some(Record {
            date: self.date,
            person: self.person.clone(),
            temperature: self.temperature?,
            temperature_pm: self.temperature_pm,
            symptoms: self.symptoms.clone(),
            location: self.location.clone(),
            contact: self.contact.unwrap_or(false),
            observation_since: self.observation_since,
            isolation: self.isolation.unwrap_or_default(),
            isolation_since: self.isolation_since,
            work: self.work,
            post: self.post.clone(),
            note: self.note.clone(),
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by.clone(),
        })
    }

    /// `record`, moving the text instead of copying it.
    pub fn into_record(self) -> Option<Record> {
        if self.op != Op::Record {
            return None;
        }
        Some(Record {
            date: self.date,
            person: self.person,
            temperature: self.temperature?,
            temperature_pm: self.temperature_pm,
            symptoms: self.symptoms,
            location: self.location,
            contact: self.contact.unwrap_or(false),
            observation_since: self.observation_since,
            isolation: self.isolation.unwrap_or_default(),
            isolation_since: self.isolation_since,
            work: self.work,
            post: self.post,
            note: self.note,
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by,
        })
    }

    /// What makes a parsed line wrong even though it is JSON.
    pub fn validate(&self, file_date: NaiveDate) -> Result<()> {
        if self.date != file_date {
            bail!(t!(
                "records-entry-for-in-the",
                date = self.date.to_string(),
                file_date = file_date.to_string()
            ));
        }
        // The values input takes, no more: `check` must find what `record`
        // would have refused (a temperature of 1e308, an isolation that
        // starts after its day).
        if let Some(t) = self.temperature
            && !temperature_ok(t)
        {
            bail!(t!(
                "records-temperature-is-outside-to",
                t = t.to_string(),
                min_temp = format!("{:.1}", crate::record::MIN_TEMP),
                max_temp = format!("{:.1}", crate::record::MAX_TEMP)
            ));
        }
        if let Some(since) = self.isolation_since
            && since > self.date
        {
            bail!(t!(
                "records-isolation-starts-after-the",
                since = since.to_string()
            ));
        }
        match self.op {
            Op::Record if self.temperature.is_none() => {
                bail!(t!("records-record-without-temperature"))
            }
            Op::Undo if self.target.is_none() => bail!(t!("records-undo-without-target")),
            _ => Ok(()),
        }
    }

    pub fn to_line(&self) -> Vec<u8> {
        // Serializing plain data into a Vec cannot fail.
        let mut line = serde_json::to_vec(self).unwrap_or_default();
        line.push(b'\n');
        line
    }
}

/// A temperature `record` would take.
pub fn temperature_ok(t: f64) -> bool {
    (crate::record::MIN_TEMP..=crate::record::MAX_TEMP).contains(&t)
}

pub fn day_path(root: &Path, date: NaiveDate) -> PathBuf {
    root.join(RECORDS_DIR)
        .join(format!("{:04}", date.year()))
        .join(format!("{date}.jsonl"))
}

/// The date a day file is named for, if it is one. Only the exact name
/// `day_path` gives counts: chrono also reads `2020-2-18`, and a second file
/// for the same day would be listed twice and never written to.
pub fn date_of_file(name: &str) -> Option<NaiveDate> {
    let stem = name.strip_suffix(".jsonl")?;
    NaiveDate::parse_from_str(stem, "%Y-%m-%d")
        .ok()
        .filter(|d| d.to_string() == stem)
}

/// Each person's standing record of a day, by person id. Boxed: the map
/// and a report's rows then hold pointers, and the records themselves fill
/// the small holes parsing the command line leaves in the heap, where the
/// map of whole records (115 KB at 300 people) and the rows holding them
/// (96 KB) each took new pages (`summary`: 218 -> 176 page faults, 1.26
/// -> 1.14 ms of CPU).
pub type DayRecords = HashMap<String, Box<Record>, IdHash>;

/// Every entry of one day, in the order written.
#[derive(Debug, Clone)]
pub struct DayLog {
    pub date: NaiveDate,
    pub entries: Vec<Entry>,
    pub torn: Option<TornTail>,
}

impl DayLog {
    pub fn empty(date: NaiveDate) -> DayLog {
        DayLog {
            date,
            entries: Vec::new(),
            torn: None,
        }
    }

    fn undone(&self) -> HashSet<&str> {
        self.entries
            .iter()
            .filter(|e| e.op == Op::Undo)
            .filter_map(|e| e.target.as_deref())
            .collect()
    }

    /// Every record and void in the order written, leaving out undos and
    /// what they took back: what `export --all-versions` lists.
    pub fn written(&self) -> impl Iterator<Item = &Entry> {
        let undone = self.undone();
        self.entries
            .iter()
            .filter(move |e| e.op != Op::Undo && !undone.contains(e.id.as_str()))
    }

    /// The entry that stands for each person: their newest record or void
    /// not taken back by an undo.
    pub fn standing(&self) -> HashMap<&str, &Entry> {
        self.entries
            .iter()
            .zip(stands(self.keys()))
            .filter(|(_, stands)| *stands)
            .map(|(e, _)| (e.person.as_str(), e))
            .collect()
    }

    /// Each entry's (id, op, person, target), for `stands`.
    fn keys(&self) -> impl Iterator<Item = (&str, Op, &str, Option<&str>)> + Clone {
        self.entries
            .iter()
            .map(|e| (e.id.as_str(), e.op, e.person.as_str(), e.target.as_deref()))
    }

    /// Each person's record of the day: the newest version, unless withdrawn.
    pub fn records(&self) -> HashMap<String, Record> {
        self.standing()
            .into_values()
            .filter_map(Entry::record)
            .map(|r| (r.person.clone(), r))
            .collect()
    }

    /// `records`, moving the entries' text instead of copying it, for a
    /// report that needs the log no longer (a copy per field per person
    /// was a good part of a one-day report's time).
    pub fn into_records(self) -> DayRecords {
        let stands = stands(self.keys());
        // Sized up front: growing a district's map rehashed it, the old
        // and new tables held at once (22 MB at 30,000 people).
        let mut records = DayRecords::with_capacity_and_hasher(
            stands.iter().filter(|s| **s).count(),
            IdHash::default(),
        );
        records.extend(
            self.entries
                .into_iter()
                .zip(stands)
                .filter(|(_, stands)| *stands)
                .filter_map(|(e, _)| e.into_record())
                .map(|r| (r.person.clone(), Box::new(r))),
        );
        records
    }

    /// The standing entry of one person (a record or a void), if any. A
    /// pass over the day: for many people, `standing` or `into_records`.
    pub fn standing_of(&self, person: &str) -> Option<&Entry> {
        let undone = self.undone();
        self.entries
            .iter()
            .rev()
            .find(|e| e.person == person && e.op != Op::Undo && !undone.contains(e.id.as_str()))
    }

    pub fn record_of(&self, person: &str) -> Option<Record> {
        self.standing_of(person).and_then(Entry::record)
    }

    /// Every entry about one person, oldest first, with whether it was taken back.
    pub fn versions_of<'a>(
        &'a self,
        person: &'a str,
    ) -> impl Iterator<Item = (&'a Entry, bool)> + 'a {
        let undone = self.undone();
        self.entries
            .iter()
            .filter(move |e| e.person == person)
            .map(move |e| (e, undone.contains(e.id.as_str())))
    }
}

/// A day's standing record with the fields a count of the day needs,
/// borrowed from the file's bytes where the scanner reads it (`trend` over
/// ten years or 30,000 people reads every record without copying its text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordView<'a> {
    pub person: &'a str,
    pub temperature: f64,
    pub temperature_pm: Option<f64>,
    pub location: Option<&'a str>,
    pub contact: bool,
    pub observation_since: Option<NaiveDate>,
    pub isolation: Isolation,
    pub isolation_since: Option<NaiveDate>,
    pub work: Option<Work>,
}

/// What `day_records_with` keeps of a line: what decides whether it
/// stands, and the record if it is one. A few words, not the whole entry:
/// a day of 30,000 people is 30,000 of them.
struct Line<'a> {
    id: &'a str,
    op: Op,
    person: &'a str,
    target: Option<&'a str>,
    record: Option<RecordView<'a>>,
}

/// The lines that stand, as `DayLog::standing` picks them (per person the
/// newest record or void not taken back), in the order written.
fn standing<'a>(lines: &[Line<'a>]) -> Vec<RecordView<'a>> {
    let stands = stands(lines.iter().map(|l| (l.id, l.op, l.person, l.target)));
    lines
        .iter()
        .zip(stands)
        .filter(|(_, stands)| *stands)
        .filter_map(|(l, _)| l.record)
        .collect()
}

/// Which entries of a day stand (`DayLog::standing`, by index): per person
/// the newest record or void not taken back by an undo. `keys` are each
/// entry's (id, op, person, target), in the order written.
fn stands<'a>(
    keys: impl Iterator<Item = (&'a str, Op, &'a str, Option<&'a str>)> + Clone,
) -> Vec<bool> {
    let undone: HashSet<&str, IdHash> = keys
        .clone()
        .filter(|k| k.1 == Op::Undo)
        .filter_map(|k| k.3)
        .collect();
    let mut stands = Vec::new();
    let mut newest: HashMap<&str, usize, IdHash> = HashMap::default();
    for (i, (id, op, person, _)) in keys.enumerate() {
        stands.push(false);
        if op != Op::Undo && !undone.contains(id) {
            newest.insert(person, i);
        }
    }
    for i in newest.into_values() {
        stands[i] = true;
    }
    stands
}

/// The line of an entry, its text borrowed from `e` (an `Entry` or the
/// scanner's `EntryRef`, whose fields have the same names); `$text` turns
/// a field's text into a `&str`, or gives up.
macro_rules! line_of {
    ($e:expr, $text:expr) => {{
        let e = $e;
        let person: &str = $text(&e.person)?;
        let record = match (e.op, e.temperature) {
            (Op::Record, Some(temperature)) => Some(RecordView {
                person,
                temperature,
                temperature_pm: e.temperature_pm,
                location: match &e.location {
                    Some(l) => Some($text(l)?),
                    None => None,
                },
                contact: e.contact.unwrap_or(false),
                observation_since: e.observation_since,
                isolation: e.isolation.unwrap_or_default(),
                isolation_since: e.isolation_since,
                work: e.work,
            }),
            _ => None,
        };
        Some(Line {
            id: $text(&e.id)?,
            op: e.op,
            person,
            target: match &e.target {
                Some(t) => Some($text(t)?),
                None => None,
            },
            record,
        })
    }};
}

/// Text the scanner borrowed from the file (an escaped string it had to
/// decode is owned, and sends the file to the serde reader).
fn in_file<'a>(text: &std::borrow::Cow<'a, str>) -> Option<&'a str> {
    match text {
        std::borrow::Cow::Borrowed(s) => Some(s),
        std::borrow::Cow::Owned(_) => None,
    }
}

/// Lines a thread reads at a time.
const LINES_PER_TASK: usize = 2048;

/// Text of an entry read by serde.
fn owned(text: &str) -> Option<&str> {
    Some(text)
}

/// `DayLog::into_records` of a day's lines, read newest first: the first
/// line met of a person stands, and only that line's record is copied out
/// of the file. `None` for a day with an undo (what stands then depends on
/// every line) or with a line the scanner does not take or `check` would
/// refuse: the caller reads that day with `Store::day`.
fn newest_first(lines: &[(usize, &[u8])], date: NaiveDate) -> Option<DayRecords> {
    let mut records = DayRecords::with_capacity_and_hasher(lines.len(), IdHash::default());
    let mut voided: HashSet<String, IdHash> = HashSet::default();
    for (_, line) in lines.iter().rev() {
        let e = super::scan::parse_line(line).filter(|e| e.is_valid(date))?;
        let person: &str = &e.person;
        if e.op == Op::Undo {
            return None;
        }
        if records.contains_key(person) || voided.contains(person) {
            continue;
        }
        match e.to_record() {
            Some(r) => {
                records.insert(r.person.clone(), Box::new(r));
            }
            None => {
                voided.insert(person.to_string());
            }
        }
    }
    Some(records)
}

impl super::Store {
    /// Each person's standing record of `date`: `day(date)?.into_records()`
    /// without building the day's entries, which a one-day report paid
    /// for in allocations and copies (a fifth of `summary`'s instructions).
    pub fn day_records(&self, date: NaiveDate) -> Result<DayRecords> {
        let path = self.day_path(date);
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? {
            return Ok(DayRecords::default());
        }
        let (lines, torn) = super::jsonl::split_lines(&bytes);
        if let Some(records) = newest_first(&lines, date) {
            if let Some(torn) = &torn {
                self.warn_torn(&path, torn);
            }
            return Ok(records);
        }
        drop(lines);
        Ok(self.parse_day(date, &path, &bytes)?.into_records())
    }

    /// Each person's standing record of `date` (voids and undos applied, as
    /// `DayLog::into_records`), handed to `f` as borrowed views. Lines in
    /// the scanner's plain form are read in place; any other file goes
    /// through `parse_day`, which reads it with serde or gives its error.
    pub fn day_records_with<T>(
        &self,
        date: NaiveDate,
        f: impl FnOnce(&[RecordView<'_>]) -> T,
    ) -> Result<T> {
        // Each thread reads its days into the same buffer: a fresh one per
        // day is an 8 MB mapping at 30,000 people (the mmap threshold is
        // 1 MiB), faulted in page by page every day of a `trend`.
        thread_local! {
            static DAY_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let mut bytes = DAY_BUFFER.with(|b| std::mem::take(&mut *b.borrow_mut()));
        let result = self.day_records_in(date, &mut bytes, f);
        DAY_BUFFER.with(|b| *b.borrow_mut() = bytes);
        result
    }

    fn day_records_in<T>(
        &self,
        date: NaiveDate,
        bytes: &mut Vec<u8>,
        f: impl FnOnce(&[RecordView<'_>]) -> T,
    ) -> Result<T> {
        let path = self.day_path(date);
        if !self.read_visible_into(&path, bytes)? {
            return Ok(f(&[]));
        }
        let bytes: &[u8] = bytes;
        let (lines, torn) = super::jsonl::split_lines(bytes);
        // A district's day (30,000 lines) is read on every core; a small
        // one is one task (`trend` reads small days side by side).
        // Collected with its length known (in place, no regrowing), then
        // checked: a line the scanner leaves sends the file to serde.
        let scanned: Vec<Option<Line>> = lines
            .par_iter()
            .with_min_len(LINES_PER_TASK)
            .map(|(_, line)| {
                let e = super::scan::parse_line(line).filter(|e| e.is_valid(date))?;
                line_of!(&e, in_file)
            })
            .collect();
        let scanned: Option<Vec<Line>> = scanned.into_iter().collect();
        drop(lines);
        if let Some(lines) = scanned {
            if let Some(torn) = &torn {
                self.warn_torn(&path, torn);
            }
            return Ok(f(&standing(&lines)));
        }
        let log = self.parse_day(date, &path, bytes)?;
        let lines: Vec<Line> = log
            .entries
            .iter()
            .filter_map(|e| line_of!(e, owned))
            .collect();
        Ok(f(&standing(&lines)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn into_records_is_records() {
        let date = NaiveDate::from_ymd_opt(2020, 2, 18).unwrap();
        let at = DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap();
        let rec = |id: &str, person: &str, t: f64| Entry {
            id: id.into(),
            op: Op::Record,
            date,
            person: person.into(),
            temperature: Some(t),
            temperature_pm: None,
            symptoms: vec!["咳嗽".into()],
            location: Some("北京".into()),
            contact: Some(true),
            observation_since: None,
            isolation: None,
            isolation_since: None,
            work: None,
            post: None,
            note: Some(id.into()),
            reason: None,
            target: None,
            recorded_at: at,
            recorded_by: "x".into(),
        };
        let undo = |id: &str, person: &str, target: &str| Entry {
            op: Op::Undo,
            temperature: None,
            target: Some(target.into()),
            ..rec(id, person, 36.0)
        };
        let log = DayLog {
            date,
            entries: vec![
                rec("a", "S001", 36.5),
                rec("b", "S001", 36.6),
                rec("c", "S002", 36.7),
                Entry::void("d".into(), date, "S002", "r".into(), at, "x".into()),
                rec("e", "S003", 36.8),
                rec("f", "S003", 36.9),
                undo("g", "S003", "f"),
                Entry::void("h".into(), date, "S004", "r".into(), at, "x".into()),
                rec("i", "S004", 37.0),
                rec("j", "S005", 37.1),
                Entry::void("k".into(), date, "S005", "r".into(), at, "x".into()),
                undo("l", "S005", "k"),
            ],
            torn: None,
        };
        let want = log.records();
        assert_eq!(want.len(), 4);
        assert_eq!(
            log.into_records()
                .into_iter()
                .map(|(id, r)| (id, *r))
                .collect::<HashMap<_, _>>(),
            want
        );
    }

    /// A new store in a temporary folder, the day these tests write, and a
    /// time on it.
    fn store_of_a_day() -> (
        tempfile::TempDir,
        crate::store::Store,
        NaiveDate,
        DateTime<FixedOffset>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store =
            crate::store::Store::init(&dir.path().join("s"), crate::store::Config::default())
                .unwrap();
        let date = NaiveDate::from_ymd_opt(2020, 2, 18).unwrap();
        let at = DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap();
        (dir, store, date, at)
    }

    /// `day_records_with` (in place, or through serde for a line the
    /// scanner leaves) gives each person's record as `into_records` does.
    #[test]
    fn day_records_with_is_into_records() {
        let (_dir, store, date, at) = store_of_a_day();
        let rec = |id: &str, person: &str, place: &str| {
            let mut e = Entry::test_record(id.into(), date, person, 36.6, at);
            (e.location, e.contact) = (Some(place.into()), Some(true));
            e
        };
        let plain = vec![
            rec("a", "S001", "北京"),
            rec("b", "S001", "武汉"),
            rec("c", "S002", "上海"),
            Entry::void("d".into(), date, "S002", "r".into(), at, "x".into()),
            rec("e", "S003", "广州"),
        ];
        let undo = Entry::undo("f".into(), &plain[4], at, "x".into());
        let escaped = vec![rec("g", "S004", "\"北京\""), undo];
        for (entries, extra) in [
            (plain.clone(), ""),
            ([plain.clone(), escaped].concat(), ""),
            (
                plain,
                "{\"id\":\"h\",\"op\":\"record\",\"date\":\"2020-02-18\",\"person\":\"S005\",\"temperature\":3.66e1,\"recorded_at\":\"2020-02-18T08:00:00+08:00\",\"recorded_by\":\"x\"}\n",
            ),
        ] {
            let path = store.day_path(date);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut bytes: Vec<u8> = entries.iter().flat_map(|e| e.to_line()).collect();
            bytes.extend_from_slice(extra.as_bytes());
            std::fs::write(&path, bytes).unwrap();
            let want = store.day(date).unwrap().into_records();
            let got = store
                .day_records_with(date, |views| {
                    views
                        .iter()
                        .map(|v| {
                            (
                                v.person.to_string(),
                                (v.temperature, v.location.map(str::to_string)),
                            )
                        })
                        .collect::<HashMap<_, _>>()
                })
                .unwrap();
            let want: HashMap<_, _> = want
                .into_iter()
                .map(|(id, r)| (id, (r.temperature, r.location)))
                .collect();
            assert_eq!(got, want, "{extra}");
        }
    }

    proptest::proptest! {
        /// `day_records` (newest line first, undos sent to `day`) gives
        /// what `day(..).into_records()` gives: corrections, voids,
        /// undos of records, voids and undos, and text with escapes.
        #[test]
        fn day_records_is_into_records(
            ops in proptest::collection::vec((0u8..4, 0usize..4, 0usize..16), 0..24)
        ) {
            let (_dir, store, date, at) = store_of_a_day();
            let mut entries: Vec<Entry> = Vec::new();
            for (n, (op, person, k)) in ops.into_iter().enumerate() {
                let (id, person) = (format!("e{n}"), format!("S00{person}"));
                let e = match op {
                    0 | 1 => {
                        let mut e = Entry::test_record(id, date, &person, 36.0 + k as f64 / 10.0, at);
                        e.location = Some(if k == 7 { "\"北京\"".into() } else { format!("地{k}") });
                        e
                    }
                    2 => Entry::void(id, date, &person, "r".into(), at, "x".into()),
                    _ => match entries.get(k % entries.len().max(1)) {
                        Some(target) => Entry::undo(id, target, at, "x".into()),
                        None => continue,
                    },
                };
                entries.push(e);
            }
            let path = store.day_path(date);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let bytes: Vec<u8> = entries.iter().flat_map(|e| e.to_line()).collect();
            std::fs::write(&path, bytes).unwrap();
            let want = store.day(date).unwrap().into_records();
            proptest::prop_assert_eq!(store.day_records(date).unwrap(), want);
        }
    }
}
