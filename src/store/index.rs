//! `latest.index`: for each person, the newest day whose file holds a line
//! naming them (SPEC §6, §7 v2 "silent for years"). Derived data only:
//! rebuilt from the day files by `repair`, compared with them by `check`,
//! never the source of truth. It lets a lookup of someone's latest record
//! start at that day instead of walking back through every day file: a
//! person silent for nine years made `residents` 7.5x, `template` 22x and
//! `record` of them 26x slower than the normal ten-year store.
//!
//! ```text
//! {"index":"latest","format":1,"stamp":<write id>}
//! "S001"\t2030-01-19
//! ```
//!
//! The stale rule: `stamp` is the id of the newest journal write the index
//! holds. A reader trusts it only when that is the journal's newest write
//! and no write is open (`Store::open` reads the journal's tail anyway);
//! otherwise, or if the file is missing or garbled, every lookup is the
//! plain scan. Every committed write brings a fresh index up to date under
//! the writers' lock, after its journal `commit` (a crash in between leaves
//! it stale, never wrong); a stale index is left alone until `repair`
//! rebuilds it. Even fresh, it only says where a scan may start: a day it
//! names is still read, and a person it does not list is scanned for as
//! before. Day files edited by hand are outside this promise: `check`
//! reports the difference and `repair` rebuilds.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Store, fsutil};
use crate::t;

pub const INDEX_FILE: &str = "latest.index";
const FORMAT: u64 = 1;

/// Each person's newest day with a line naming them, and the journal write
/// it is up to date with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LatestIndex {
    pub stamp: u64,
    pub days: rustc_hash::FxHashMap<String, NaiveDate>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    index: String,
    format: u64,
    stamp: u64,
}

impl LatestIndex {
    /// `None` for anything but a whole index of this format.
    pub fn parse(bytes: &[u8]) -> Option<LatestIndex> {
        let text = std::str::from_utf8(bytes).ok()?;
        // A file cut short would lose people: only whole files count.
        let body = text.strip_suffix('\n')?;
        let mut lines = body.split('\n');
        let header: Header = serde_json::from_str(lines.next()?).ok()?;
        if header.index != "latest" || header.format != FORMAT {
            return None;
        }
        // Sized up front: growing the map rehashed it again and again.
        let mut days = rustc_hash::FxHashMap::with_capacity_and_hasher(
            memchr::memchr_iter(b'\n', bytes).count(),
            Default::default(),
        );
        for line in lines {
            let (id, day) = line.rsplit_once('\t')?;
            // Ids are plain text almost always: no JSON decoding for them.
            let id = match id.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
                Some(plain) if !plain.contains(['\\', '"']) => plain.to_string(),
                _ => serde_json::from_str(id).ok()?,
            };
            let day = parse_day(day)?;
            days.insert(id, day);
        }
        Some(LatestIndex {
            stamp: header.stamp,
            days,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 * self.days.len() + 64);
        let header = Header {
            index: "latest".into(),
            format: FORMAT,
            stamp: self.stamp,
        };
        // Serializing a string and a date into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &header);
        let mut sorted: Vec<(&String, &NaiveDate)> = self.days.iter().collect();
        sorted.sort_unstable();
        for (id, day) in sorted {
            out.push(b'\n');
            let _ = serde_json::to_writer(&mut out, id);
            let _ = write!(out, "\t{day}");
        }
        out.push(b'\n');
        out
    }

    /// Notes a line naming `person` on `day`.
    pub fn note(&mut self, person: &str, day: NaiveDate) {
        match self.days.get_mut(person) {
            Some(d) => *d = (*d).max(day),
            None => {
                self.days.insert(person.to_string(), day);
            }
        }
    }

    /// The index file of the store at `root`, if there is a whole one.
    pub fn read(root: &Path) -> Option<LatestIndex> {
        let bytes = fsutil::read_if_exists(&root.join(INDEX_FILE)).ok()??;
        LatestIndex::parse(&bytes)
    }

    /// Replaces the index file (under the writers' lock). Not synced: a
    /// crash that loses it leaves an older stamp or a garbled file, both
    /// seen as stale, and the journal says nothing is lost.
    pub fn write(&self, root: &Path) -> Result<()> {
        write_file(root, &self.to_bytes())
    }

    /// The index the day files give, for a store whose journal's newest
    /// write is `stamp`: the people named by every visible line.
    pub fn build(store: &Store, stamp: u64) -> Result<LatestIndex> {
        let days = store.days_between(None, None)?;
        // Folded per thread: each holds at most one entry a person (the
        // days' name lists collected first took a 30,000-person repair to
        // 80 MB).
        let mut index = days
            .par_iter()
            .try_fold(
                LatestIndex::default,
                |mut acc, &day| -> Result<LatestIndex> {
                    let mut bytes = Vec::new();
                    store.read_visible_into(&store.day_path(day), &mut bytes)?;
                    each_person_named(&bytes, |id| acc.note(id, day));
                    Ok(acc)
                },
            )
            .try_reduce(LatestIndex::default, |mut a, b| {
                for (id, day) in b.days {
                    a.note(&id, day);
                }
                Ok(a)
            })?;
        index.stamp = stamp;
        Ok(index)
    }
}

/// Replaces the index file with `bytes` (temp file, rename; see
/// `LatestIndex::write`).
fn write_file(root: &Path, bytes: &[u8]) -> Result<()> {
    let path = root.join(INDEX_FILE);
    let mut tmp = fsutil::temp_beside(&path, fsutil::FILE_MODE)?;
    tmp.write_all(bytes)
        .with_context(|| t!("output-cannot-write", path = path.display().to_string()))?;
    fsutil::adopt_owner(tmp.path())?;
    tmp.persist(&path)
        .map_err(|e| e.error)
        .with_context(|| t!("output-cannot-replace", path = path.display().to_string()))?;
    Ok(())
}

/// The index file as read, for a few lookups or a small update: at
/// 30,000 people parsing every line to find one (or to change one) was
/// most of a `record` (109 M instructions, 2.5x the 300-person store).
/// After `MANY` lookups the lines are parsed once into a map.
#[derive(Debug)]
pub struct RawIndex {
    pub stamp: u64,
    /// The whole file; the people's lines start at `body`.
    bytes: Vec<u8>,
    body: usize,
    lookups: std::sync::atomic::AtomicUsize,
    map: std::sync::OnceLock<Option<LatestIndex>>,
}

const MANY: usize = 8;

impl RawIndex {
    /// The index file of the store at `root`, if it is whole and of this
    /// format (its lines are judged as they are looked up).
    pub fn read(root: &Path) -> Option<RawIndex> {
        let bytes = fsutil::read_if_exists(&root.join(INDEX_FILE)).ok()??;
        let end = memchr::memchr(b'\n', &bytes)?;
        let header: Header = serde_json::from_slice(&bytes[..end]).ok()?;
        if header.index != "latest" || header.format != FORMAT || !bytes.ends_with(b"\n") {
            return None;
        }
        Some(RawIndex {
            stamp: header.stamp,
            bytes,
            body: end + 1,
            lookups: Default::default(),
            map: Default::default(),
        })
    }

    /// Where `id`'s day starts, if the index lists them.
    fn day_at(&self, id: &str) -> Option<usize> {
        let needle = format!("\n{}\t", serde_json::to_string(id).ok()?);
        // The header's newline starts the first person's line.
        let at = memchr::memmem::find(&self.bytes[self.body - 1..], needle.as_bytes())?;
        Some(self.body - 1 + at + needle.len())
    }

    /// The newest day the index gives `id`.
    pub fn get(&self, id: &str) -> Option<NaiveDate> {
        use std::sync::atomic::Ordering;
        if self.lookups.fetch_add(1, Ordering::Relaxed) >= MANY {
            let map = self.map.get_or_init(|| LatestIndex::parse(&self.bytes));
            return map.as_ref()?.days.get(id).copied();
        }
        let at = self.day_at(id)?;
        let day = std::str::from_utf8(self.bytes.get(at..at + 10)?).ok()?;
        (self.bytes.get(at + 10) == Some(&b'\n'))
            .then(|| parse_day(day))
            .flatten()
    }

    /// Notes a line naming `person` on `day`, in place: a later day takes
    /// the place of the old one (dates are all ten bytes), a person not
    /// listed gets a line at the end.
    fn note(&mut self, person: &str, day: NaiveDate) {
        let text = day.to_string();
        match self.day_at(person) {
            Some(at) => {
                let Some(old) = self.bytes.get_mut(at..at + 10) else {
                    return;
                };
                let older = std::str::from_utf8(old)
                    .ok()
                    .and_then(parse_day)
                    .is_none_or(|old| old < day);
                if older && text.len() == 10 {
                    old.copy_from_slice(text.as_bytes());
                }
            }
            None => {
                let _ = serde_json::to_writer(&mut self.bytes, person);
                let _ = writeln!(self.bytes, "\t{text}");
            }
        }
    }

    /// `note` for many people in one pass over the lines (a batch): each
    /// listed person's day is changed in place, the others get lines at
    /// the end. Parsing the whole index into a map, sorting and writing it
    /// again was a fifth of a 3,000-row batch at 30,000 people. False, and
    /// nothing changed, if a line is garbled (the index is then left stale).
    fn note_many(&mut self, noted: &[(String, NaiveDate)]) -> bool {
        let mut newest: rustc_hash::FxHashMap<&str, NaiveDate> = Default::default();
        for (person, day) in noted {
            let d = newest.entry(person.as_str()).or_insert(*day);
            *d = (*d).max(*day);
        }
        let mut changes: Vec<(usize, NaiveDate)> = Vec::new();
        let mut at = self.body;
        while at < self.bytes.len() {
            let Some(len) = memchr::memchr(b'\n', &self.bytes[at..]) else {
                return false;
            };
            let line = &self.bytes[at..at + len];
            let Some(tab) = len.checked_sub(11).filter(|&t| line[t] == b'\t') else {
                return false;
            };
            let Some(old) = std::str::from_utf8(&line[tab + 1..])
                .ok()
                .and_then(parse_day)
            else {
                return false;
            };
            let quoted = &line[..tab];
            let id = match quoted
                .strip_prefix(b"\"")
                .and_then(|q| q.strip_suffix(b"\""))
            {
                Some(plain) if !plain.contains(&b'\\') && !plain.contains(&b'"') => {
                    std::str::from_utf8(plain)
                        .ok()
                        .map(std::borrow::Cow::Borrowed)
                }
                _ => serde_json::from_slice::<String>(quoted)
                    .ok()
                    .map(std::borrow::Cow::Owned),
            };
            let Some(id) = id else {
                return false;
            };
            if let Some(day) = newest.remove(id.as_ref())
                && old < day
            {
                changes.push((at + tab + 1, day));
            }
            at += len + 1;
        }
        for (at, day) in changes {
            let text = day.to_string();
            if text.len() == 10 {
                self.bytes[at..at + 10].copy_from_slice(text.as_bytes());
            }
        }
        let mut added: Vec<(&str, NaiveDate)> = newest.into_iter().collect();
        added.sort_unstable();
        for (person, day) in added {
            let _ = serde_json::to_writer(&mut self.bytes, person);
            let _ = writeln!(self.bytes, "\t{day}");
        }
        true
    }

    /// The file with `stamp` in its header.
    fn with_stamp(&self, stamp: u64) -> Vec<u8> {
        let header = Header {
            index: "latest".into(),
            format: FORMAT,
            stamp,
        };
        let mut out = serde_json::to_vec(&header).unwrap_or_default();
        out.push(b'\n');
        out.extend_from_slice(&self.bytes[self.body..]);
        out
    }
}

/// `2020-02-18`, without chrono's format machinery (most of reading a
/// 300-person index went to it).
fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// After write `id` committed, under the lock: a fresh index (stamped
/// `before`, the journal's newest write when the lock was taken) notes the
/// people of the day-file lines `named` and takes the new stamp. A stale or
/// missing index is left as it is, and a failure to write it leaves it
/// stale: either way readers scan, and `repair` rebuilds it.
pub(crate) fn after_commit<'a>(
    store: &Store,
    before: u64,
    id: u64,
    named: impl Iterator<Item = (NaiveDate, &'a Vec<Vec<u8>>)>,
) {
    store.forget_index();
    let Some(mut raw) = RawIndex::read(&store.root) else {
        return;
    };
    if raw.stamp != before {
        return;
    }
    let mut noted: Vec<(String, NaiveDate)> = Vec::new();
    for (day, lines) in named {
        for line in lines {
            if let Some(person) = person_of_line(line) {
                noted.push((person, day));
            }
        }
    }
    // A few people (a record, a void): their lines changed in place; a
    // batch: the whole index read and written again.
    let bytes = if noted.len() <= MANY {
        for (person, day) in &noted {
            raw.note(person, *day);
        }
        raw.with_stamp(id)
    } else {
        if !raw.note_many(&noted) {
            return;
        }
        raw.with_stamp(id)
    };
    if write_file(&store.root, &bytes).is_ok() {
        store.set_committed(id);
    }
}

/// After write `of` was rolled back, under the lock: its lines are hidden
/// and the index never noted them (it follows commits only), so an index
/// up to date with the write before it is up to date with the rollback
/// too and takes its stamp. Without this every `kill -9` would leave the
/// index stale until `repair`.
pub(crate) fn after_rollback(store: &Store, of: u64) {
    store.forget_index();
    let Some(mut index) = LatestIndex::read(&store.root) else {
        return;
    };
    // The journal's newest lines are this write's end and begin; the one
    // before them ends the write before.
    let journal = store.journal_path();
    let Ok(lines) = super::journal::newest_first(&journal) else {
        return;
    };
    let before = lines
        .map_while(|l| l.ok())
        .find_map(|l| match l {
            super::journal::Line::Tx(t) if t.tx != of => Some(t.tx),
            super::journal::Line::Tx(_) => None,
            // Only lines of the older format before: no write id to match.
            super::journal::Line::Legacy(_) => Some(0),
        })
        .unwrap_or(0);
    if index.stamp != before {
        return;
    }
    index.stamp = of;
    if index.write(&store.root).is_ok() {
        store.set_committed(of);
    }
}

/// A line a write appends to a day file (no newline yet) names this person.
pub fn person_of_line(line: &[u8]) -> Option<String> {
    let mut first = None;
    each_named(line, |id| {
        if first.is_none() {
            first = Some(id.to_string());
        }
    });
    first
}

/// `"S001"` at the start of `rest`, when it has no escape or control
/// character: as the store writes ids. Anything else is left to serde.
fn plain_id(rest: &[u8]) -> Option<&str> {
    let body = rest.strip_prefix(b"\"")?;
    let end = memchr::memchr2(b'"', b'\\', body)?;
    let id = &body[..end];
    if body[end] != b'"' || id.iter().any(|&b| b < 0x20) {
        return None;
    }
    std::str::from_utf8(id).ok()
}

/// Calls `f` with the person of every whole line in `bytes` that names one
/// (`"person":"<id>"`, which the store writes in every entry; a string
/// value holding those characters has its quotes escaped, so it never
/// looks like this),
/// as often as they are named: `check` notes a district's day this way
/// without a string per line. A last line without its newline (a write cut
/// off, never committed) is left out.
pub fn each_person_named(bytes: &[u8], f: impl FnMut(&str)) {
    let whole = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    each_named(&bytes[..whole], f);
}

fn each_named(bytes: &[u8], mut f: impl FnMut(&str)) {
    for (at, id) in person_keys(bytes) {
        if let Some(id) = id {
            f(id);
            continue;
        }
        let rest = &bytes[at + PERSON_KEY.len()..];
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<String>();
        if let Some(Ok(id)) = values.next() {
            f(&id);
        }
    }
}

const PERSON_KEY: &[u8] = b"\"person\":";

/// Where each `"person":` key of `bytes` is, with the id after it when it
/// is plain (`plain_id`); `None` leaves the value to a parser. One search
/// over the bytes for the index, `check` and the line pickers of
/// `Store::people_day`.
pub(crate) fn person_keys(bytes: &[u8]) -> impl Iterator<Item = (usize, Option<&str>)> {
    memchr::memmem::find_iter(bytes, PERSON_KEY)
        .map(move |at| (at, plain_id(&bytes[at + PERSON_KEY.len()..])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_reads_back_as_written() {
        let mut index = LatestIndex {
            stamp: 42,
            ..LatestIndex::default()
        };
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        index.note("S001", d("2020-02-03"));
        index.note("S001", d("2020-02-01"));
        index.note("S\"2\t", d("2020-01-01"));
        let bytes = index.to_bytes();
        assert_eq!(LatestIndex::parse(&bytes), Some(index.clone()));
        assert_eq!(index.days["S001"], d("2020-02-03"));
        // Cut short, or of another format: not an index at all.
        assert_eq!(LatestIndex::parse(&bytes[..bytes.len() - 1]), None);
        let other = String::from_utf8(bytes)
            .unwrap()
            .replace("\"format\":1", "\"format\":2");
        assert_eq!(LatestIndex::parse(other.as_bytes()), None);
    }

    use crate::person::{Kind, Person};
    use crate::store::journal::WriteKind;
    use crate::store::records::Entry;
    use crate::store::{Config, tx};
    use chrono::{DateTime, Duration, FixedOffset};
    use proptest::prelude::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap()
    }

    fn entry(n: usize, day: NaiveDate, person: &str, void: bool) -> Entry {
        if void {
            Entry::void(format!("e{n}"), day, person, "r".into(), at(), "x".into())
        } else {
            Entry::test_record(
                format!("e{n}"),
                day,
                person,
                36.0 + (n % 20) as f64 / 10.0,
                at(),
            )
        }
    }

    /// The straightforward answer: each day from `date` back, read whole.
    fn reference(store: &Store, p: &Person, date: NaiveDate) -> Option<crate::record::Record> {
        let days = store.days_between(None, Some(date)).unwrap();
        for day in days.into_iter().rev() {
            if p.since.is_some_and(|s| day < s) {
                break;
            }
            if let Some(r) = store.day(day).unwrap().record_of(&p.id) {
                return Some(r);
            }
        }
        None
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        /// Over random stores written through the one write transaction
        /// (records, corrections, voids, undos, silent people, windows that
        /// change, an index update lost as in a crash), the index-backed
        /// lookups give what the plain scan gives, and a fresh index is
        /// exactly the one the day files give.
        #[test]
        fn index_backed_lookups_equal_the_scan(
            // (day, person, kind): 0-5 record, 6 void, 7 undo, 8 a record
            // whose index update is lost.
            ops in proptest::collection::vec((0..60i64, 0..5usize, 0..9u8), 1..30),
            since in proptest::collection::vec(proptest::option::of(0..60i64), 5),
            on in proptest::collection::vec(0..64i64, 4),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("s");
            Store::init(&root, Config::default()).unwrap();
            let start = NaiveDate::from_ymd_opt(2020, 2, 1).unwrap();
            let ids = ["S001", "S002", "S002-1", "S003", "S004"];
            for (n, &(d, who, kind)) in ops.iter().enumerate() {
                let store = Store::open(&root).unwrap();
                let day = start + Duration::days(d);
                if kind == 7 {
                    let Some(w) = tx::last_write(&store).unwrap() else { continue };
                    let mut t = store.begin(WriteKind::Undo, "x").unwrap();
                    if t.undo(&w).is_ok() {
                        t.commit().unwrap();
                    }
                    continue;
                }
                let saved = std::fs::read(root.join(INDEX_FILE)).unwrap();
                let mut t = store.begin(WriteKind::Record, "x").unwrap();
                t.append_entries(&[entry(n, day, ids[who], kind == 6)]).unwrap();
                t.commit().unwrap();
                if kind == 8 {
                    std::fs::write(root.join(INDEX_FILE), saved).unwrap();
                }
            }
            let store = Store::open(&root).unwrap();
            let people: Vec<Person> = ids
                .iter()
                .zip(&since)
                .map(|(id, s)| {
                    let mut p = Person::new(id.to_string(), "x", Kind::Staff, None);
                    p.since = s.map(|d| start + Duration::days(d));
                    p
                })
                .collect();
            let refs: Vec<&Person> = people.iter().collect();
            for &o in &on {
                let date = start + Duration::days(o);
                let got = store.latest_records(&refs, date).unwrap();
                let log = store.day(date).unwrap();
                for p in &people {
                    let before = reference(&store, p, date - Duration::days(1));
                    prop_assert_eq!(store.latest_before(p, date).unwrap(), before.clone());
                    let want = log.record_of(&p.id).or(before);
                    prop_assert_eq!(got.get(&p.id).map(|r| crate::record::Record::clone(r)), want);
                }
            }
            // Fresh means exact; stale is only ever what a lost update leaves.
            let index = LatestIndex::read(&root).unwrap();
            let last = tx::journal_tail(&store.journal_path()).unwrap().last_tx;
            store.set_visible_below(u64::MAX);
            let built = LatestIndex::build(&store, last).unwrap();
            if index.stamp == last {
                prop_assert_eq!(index, built);
            } else {
                prop_assert!(ops.iter().any(|o| o.2 == 8));
            }
        }
    }

    #[test]
    fn many_noted_in_place_equal_the_map_noted() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut index = LatestIndex::default();
        index.note("S001", d("2020-02-03"));
        index.note("S\"2\t", d("2020-01-01"));
        index.note("S003", d("2020-02-05"));
        let bytes = index.to_bytes();
        let mut raw = RawIndex {
            stamp: 0,
            body: memchr::memchr(b'\n', &bytes).unwrap() + 1,
            bytes,
            lookups: Default::default(),
            map: Default::default(),
        };
        let noted: Vec<(String, NaiveDate)> = [
            ("S001", "2020-02-04"),
            ("S\"2\t", "2020-02-04"),
            ("S003", "2020-02-01"),
            ("S004", "2020-02-04"),
            ("S004", "2020-02-02"),
        ]
        .iter()
        .map(|(p, day)| (p.to_string(), d(day)))
        .collect();
        for (p, day) in &noted {
            index.note(p, *day);
        }
        index.stamp = 7;
        assert!(raw.note_many(&noted));
        assert_eq!(LatestIndex::parse(&raw.with_stamp(7)), Some(index));
        // A garbled line: nothing noted, the caller leaves the index stale.
        let mut garbled = RawIndex {
            stamp: 0,
            body: 0,
            bytes: b"\"S001\"\t2020-02-3\n".to_vec(),
            lookups: Default::default(),
            map: Default::default(),
        };
        assert!(!garbled.note_many(&noted));
    }

    #[test]
    fn people_are_found_by_their_key_only() {
        let bytes = br#"{"tx":1,"person":"S001","note":"\"person\":\"S009\""}
{"tx":2,"person":"S002-1"}
{"tx":3,"person":"S001"}
{"tx":4,"person":"S003""#;
        let mut each = Vec::new();
        each_person_named(bytes, |id| each.push(id.to_string()));
        assert_eq!(each, ["S001", "S002-1", "S001"]);
        assert_eq!(
            person_of_line(b"{\"tx\":4,\"person\":\"S003\""),
            Some("S003".into())
        );
    }

    #[test]
    fn an_escaped_id_is_read_by_serde() {
        let bytes = b"{\"person\":\"S\\u0030\\\"1\"}\n{\"person\":\"S002\"}\n";
        let mut each = Vec::new();
        each_person_named(bytes, |id| each.push(id.to_string()));
        assert_eq!(each, ["S0\"1", "S002"]);
    }
}
