//! Verifying the whole store, for `check`, and what `repair` may do about
//! each problem found (SPEC §6). Nothing here writes: `check` must be safe
//! on any store, even one of a newer format.

use crate::t;
use std::collections::HashSet;
use std::fmt;
use std::fs::{self, Metadata};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Deserialize;

use super::config::{Config, FORMAT_VERSION};
use super::fsutil::{self, DIR_MODE, FILE_MODE};
use super::index::{INDEX_FILE, LatestIndex, each_person_named};
use super::jsonl;
use super::lock;
use super::posts::{Event, POSTS_FILE, SUPPLIES_FILE};
use super::records::{self, Entry, RECORDS_DIR};
use super::roster::{ROSTER_FILE, RosterEvent};
use super::{CONFIG_FILE, QUARANTINE_FILE, journal, tx};
use crate::post::{PostEvent, SupplyEvent};

/// What `repair` can do about a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Move the bytes `offset..offset + len` (and the newline after them,
    /// if any) to the quarantine file, saying `why`.
    Quarantine {
        offset: usize,
        len: usize,
        why: String,
    },
    /// Give the file or folder mode `to` (it has `from`).
    Chmod { from: u32, to: u32 },
    /// End the quarantine file's own torn last line with a newline: every
    /// byte stays, and the next quarantined line cannot join it.
    EndLine,
    /// Only a person can fix it; `repair` leaves it.
    ByHand,
    /// Build `latest.index` again from the day files (`store::index`).
    RebuildIndex,
}

/// One problem, with where it is.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub what: String,
    pub fix: Fix,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.what),
            None => write!(f, "{}: {}", self.path.display(), self.what),
        }
    }
}

/// What a scan of the store found.
#[derive(Debug, Default)]
pub struct Scan {
    pub problems: Vec<Problem>,
    pub days: usize,
    pub entries: usize,
    pub people: usize,
    /// The store is of a newer format: nothing past `config.json` was read,
    /// and nothing may be changed.
    pub newer_format: bool,
    /// Each person's newest day with a visible line naming them, from the
    /// day files: what `latest.index` must say.
    pub named: LatestIndex,
}

impl Scan {
    /// Problems `repair` fixes, and those it leaves.
    pub fn counts(&self) -> (usize, usize) {
        let by_hand = self
            .problems
            .iter()
            .filter(|p| p.fix == Fix::ByHand)
            .count();
        (self.problems.len() - by_hand, by_hand)
    }
}

/// What a line of a JSON Lines file turned out to be.
enum Verdict {
    Good,
    /// Good, but something a person must look at (`Fix::ByHand`).
    Note(String),
    /// Not the kind of line the file holds: to be quarantined.
    Bad {
        what: String,
        why: String,
    },
}

/// Checks the store at `root`. `holding_lock` says the caller (`repair`)
/// holds the writers' lock; otherwise a line without its newline may be a
/// write in progress, and the file is read again once writers are done.
///
/// Only a missing store is an error: every other finding is a problem.
pub fn scan(root: &Path, holding_lock: bool) -> Result<Scan> {
    let config_path = root.join(CONFIG_FILE);
    let mut scan = Scan::default();
    let config_bytes = match fsutil::read_if_exists(&config_path) {
        Ok(Some(bytes)) => Some(bytes),
        Ok(None) => bail!(t!(
            "check-no-store-at-run",
            root = root.display().to_string()
        )),
        Err(e) => {
            // The rest can still be checked; the settings are not needed.
            scan.problems
                .push(by_hand(&config_path, None, crate::one_line(&e)));
            None
        }
    };
    if let Some(v) = config_bytes.as_deref().and_then(newer_format) {
        scan.newer_format = true;
        scan.problems.push(Problem {
            path: config_path,
            line: None,
            what: t!(
                "check-store-format-is-newer",
                v = v.to_string(),
                FORMAT_VERSION = FORMAT_VERSION.to_string()
            ),
            fix: Fix::ByHand,
        });
        return Ok(scan);
    }
    let mut checker = Checker {
        root,
        holding_lock,
        scan,
    };
    checker.run(config_bytes.as_deref());
    Ok(checker.scan)
}

/// The format version if it is newer than this binary's.
fn newer_format(config: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Version {
        format_version: Option<u32>,
    }
    serde_json::from_slice::<Version>(config)
        .ok()
        .and_then(|v| v.format_version)
        .filter(|v| *v > FORMAT_VERSION)
}

/// Reads a file; a failure becomes a problem (and `None`).
fn read(path: &Path, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match fsutil::read_if_exists(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.push(by_hand(path, None, crate::one_line(&e)));
            None
        }
    }
}

fn by_hand(path: &Path, line: Option<usize>, what: String) -> Problem {
    Problem {
        path: path.to_path_buf(),
        line,
        what,
        fix: Fix::ByHand,
    }
}

struct Checker<'a> {
    root: &'a Path,
    holding_lock: bool,
    scan: Scan,
}

impl Checker<'_> {
    fn run(&mut self, config_bytes: Option<&[u8]>) {
        let root = self.root;
        self.wait_for_writers();
        self.check_mode(root, DIR_MODE);
        let config_path = root.join(CONFIG_FILE);
        self.check_mode(&config_path, FILE_MODE);
        if let Some(Err(e)) = config_bytes.map(|b| Config::from_json(b, &t!("check-the-file"))) {
            let what = t!(
                "check-repair-leaves-it",
                error = crate::one_line(&e).to_string()
            );
            self.scan.problems.push(by_hand(&config_path, None, what));
        }

        let people = self.check_roster(&root.join(ROSTER_FILE));
        self.scan.people = people.len();
        self.check_records(&people);
        self.check_rest_of_root();
        self.check_index();
    }

    /// `latest.index`, if there is one, is whole and, when it is up to date
    /// with the journal, never names a day earlier than the day files show
    /// for someone: that is the one way it could mislead a lookup. A day
    /// later than theirs (lines quarantined since) or a person it does not
    /// list only make a lookup read more. A stale index (behind the
    /// journal: a write cut off, an older healthreport) is not used at all,
    /// so it is no problem; `repair` rebuilds it. A store without one is
    /// fine too: lookups scan the day files.
    fn check_index(&mut self) {
        let path = self.root.join(INDEX_FILE);
        let Some(bytes) = read(&path, &mut self.scan.problems) else {
            return;
        };
        let what = match LatestIndex::parse(&bytes) {
            None => Some(t!("check-index-garbled")),
            Some(index) => {
                let tail = tx::journal_tail(&self.root.join(journal::JOURNAL_FILE));
                if !tail.is_ok_and(|t| t.open.is_none() && t.last_tx == index.stamp) {
                    return;
                }
                let named = &self.scan.named.days;
                let mut behind: Vec<(&String, &NaiveDate, &NaiveDate)> = index
                    .days
                    .iter()
                    .filter_map(|(id, day)| {
                        named
                            .get(id)
                            .filter(|actual| *actual > day)
                            .map(|actual| (id, day, actual))
                    })
                    .collect();
                behind.sort_unstable();
                behind.first().map(|(id, indexed, actual)| {
                    t!(
                        "check-index-differs",
                        person = id.as_str(),
                        indexed = indexed.to_string(),
                        actual = actual.to_string()
                    )
                })
            }
        };
        if let Some(what) = what {
            self.scan.problems.push(Problem {
                path,
                line: None,
                what,
                fix: Fix::RebuildIndex,
            });
        }
    }

    /// Waits (up to the writers' own lock timeout) until no writer holds the
    /// lock, so a write in progress is not taken for a torn line.
    fn wait_for_writers(&self) {
        if self.holding_lock {
            return;
        }
        let start = Instant::now();
        while lock::writer_active(self.root)
            && start.elapsed() < lock::wait_limit().unwrap_or(Duration::from_secs(5))
        {
            sleep(Duration::from_millis(10));
        }
    }

    /// Reads a JSON Lines file again if it has a torn tail while a writer
    /// is at work: the "torn" line may be a write in progress.
    fn settled_read(&mut self, path: &Path) -> Option<Vec<u8>> {
        let bytes = read(path, &mut self.scan.problems)?;
        if self.holding_lock || jsonl::split_lines(&bytes).1.is_none() {
            return Some(bytes);
        }
        if !lock::writer_active(self.root) {
            return Some(bytes);
        }
        self.wait_for_writers();
        read(path, &mut self.scan.problems)
    }

    fn check_mode(&mut self, path: &Path, want: u32) -> Option<Metadata> {
        let meta = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                let what = t!("check-cannot-read-its-details", e = e.to_string());
                self.scan.problems.push(by_hand(path, None, what));
                return None;
            }
        };
        if meta.file_type().is_symlink() {
            let what = t!("check-symlink");
            self.scan.problems.push(by_hand(path, None, what));
            return None;
        }
        let mode = meta.permissions().mode() & 0o7777;
        if mode != want {
            let kind = if meta.is_dir() {
                t!("check-kind-folder")
            } else {
                t!("check-kind-file")
            };
            self.scan.problems.push(Problem {
                path: path.to_path_buf(),
                line: None,
                what: t!(
                    "check-mode-is-should-be",
                    kind = kind.to_string(),
                    mode = format!("{:04o}", mode),
                    want = format!("{:04o}", want)
                ),
                fix: Fix::Chmod {
                    from: mode,
                    to: want,
                },
            });
        }
        Some(meta)
    }

    /// `roster.jsonl`: every line a roster event. Returns the ids of
    /// everyone on the roster.
    fn check_roster(&mut self, path: &Path) -> HashSet<String> {
        let mut ids = HashSet::new();
        if self.check_mode(path, FILE_MODE).is_none() {
            return ids;
        }
        let Some(bytes) = self.settled_read(path) else {
            return ids;
        };
        self.check_lines(path, &bytes, |line| {
            match serde_json::from_slice::<RosterEvent>(line) {
                Ok(event) => {
                    ids.insert(event.person.id);
                    Verdict::Good
                }
                Err(e) => corrupt(&e),
            }
        });
        ids
    }

    fn check_records(&mut self, people: &HashSet<String>) {
        let dir = self.root.join(RECORDS_DIR);
        if self.check_mode(&dir, DIR_MODE).is_none_or(|m| !m.is_dir()) {
            if dir.exists() && !dir.is_symlink() {
                let what = t!("check-records-not-a-folder");
                self.scan.problems.push(by_hand(&dir, None, what));
            }
            return;
        }
        for (name, path, meta) in self.list(&dir) {
            let year = name
                .to_str()
                .filter(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<i32>().ok());
            match year {
                Some(year) if meta.is_dir() => self.check_year(year, &path, people),
                _ => {
                    if meta.is_dir() {
                        self.check_mode(&path, DIR_MODE);
                    } else {
                        self.check_mode(&path, FILE_MODE);
                    }
                    let what = t!("check-not-a-year-folder");
                    self.scan.problems.push(by_hand(&path, None, what));
                }
            }
        }
    }

    fn check_year(&mut self, year: i32, dir: &Path, people: &HashSet<String>) {
        if self.check_mode(dir, DIR_MODE).is_none() {
            return;
        }
        // The day files of a year are judged on every core (serde on a
        // line is most of `check`: 1.45 s for ten years of 300 people on
        // one thread); each file's findings are kept in listing order.
        let (root, holding_lock) = (self.root, self.holding_lock);
        let listed = self.list(dir);
        // Files are judged a batch at a time, merged before the next: each
        // file's part holds everyone it names, and a 30,000-person year
        // collected whole took `check` to 134 MB. About 240,000 names in
        // flight: a whole year at 300 people, 8 files at 30,000.
        let at_once = (240_000 / people.len().max(1)).clamp(2 * rayon::current_num_threads(), 366);
        for files in listed.chunks(at_once) {
            let parts: Vec<Scan> = files
                .par_iter()
                .map(|(name, path, meta)| {
                    let mut part = Checker {
                        root,
                        holding_lock,
                        scan: Scan::default(),
                    };
                    part.check_year_entry(year, name, path, meta, people);
                    part.scan
                })
                .collect();
            for part in parts {
                self.scan.problems.extend(part.problems);
                self.scan.days += part.days;
                self.scan.entries += part.entries;
                for (id, day) in part.named.days {
                    self.scan.named.note(&id, day);
                }
            }
        }
    }

    /// One thing listed in a year folder: a day file is checked line by line.
    fn check_year_entry(
        &mut self,
        year: i32,
        name: &std::ffi::OsStr,
        path: &Path,
        meta: &Metadata,
        people: &HashSet<String>,
    ) {
        if meta.is_dir() {
            self.check_mode(path, DIR_MODE);
            let what = t!("check-folder-in-year-folder");
            self.scan.problems.push(by_hand(path, None, what));
            return;
        }
        if self.check_mode(path, FILE_MODE).is_none() {
            return;
        }
        let date = name.to_str().and_then(records::date_of_file);
        match date {
            Some(date) if date.year() == year => self.check_day(date, path, people),
            Some(date) => {
                let home = records::day_path(self.root, date);
                let what = t!("check-day-file-in-the", home = home.display().to_string());
                self.scan.problems.push(by_hand(path, None, what));
            }
            None => {
                let what = t!("check-not-a-day-file");
                self.scan.problems.push(by_hand(path, None, what));
            }
        }
    }

    fn check_day(&mut self, date: NaiveDate, path: &Path, people: &HashSet<String>) {
        let Some(bytes) = self.settled_read(path) else {
            return;
        };
        self.scan.days += 1;
        // What the index must hold: the people of the lines a reader sees.
        // Copied and masked only when marks may hide lines: a copy of each
        // 8 MB day of a district was a third of `check`'s memory.
        let masked;
        let visible = if tx::has_marks(&bytes) {
            let mut copy = bytes.clone();
            tx::mask(&mut copy, u64::MAX);
            masked = copy;
            &masked
        } else {
            &bytes
        };
        each_person_named(visible, |id| self.scan.named.note(id, date));
        let good = self.check_lines(path, &bytes, |line| {
            let entry = match serde_json::from_slice::<Entry>(line) {
                Ok(e) => e,
                Err(e) => return corrupt(&e),
            };
            if let Err(e) = entry.validate(date) {
                return Verdict::Bad {
                    what: t!("check-wrong-entry", e = e.to_string()),
                    why: t!("check-wrong-entry-2", e = e.to_string()),
                };
            }
            if !people.contains(&entry.person) {
                return Verdict::Note(t!(
                    "check-entry-is-for-who",
                    id = entry.id.to_string(),
                    person = entry.person.to_string()
                ));
            }
            Verdict::Good
        });
        self.scan.entries += good;
    }

    /// The root's other files: the quarantine file, the lock, and anything
    /// else (such as other JSON Lines files of the store) all hold health
    /// data or point to it, so all must be private.
    fn check_rest_of_root(&mut self) {
        let known = [CONFIG_FILE, ROSTER_FILE, RECORDS_DIR];
        for (name, path, meta) in self.list(self.root) {
            let Some(name) = name.to_str() else {
                continue;
            };
            if known.contains(&name) {
                continue;
            }
            let want = if meta.is_dir() { DIR_MODE } else { FILE_MODE };
            if self.check_mode(&path, want).is_none() || meta.is_dir() {
                continue;
            }
            if name == QUARANTINE_FILE {
                self.check_quarantine(&path);
            } else if name == POSTS_FILE {
                self.check_events::<PostEvent>(&path);
            } else if name == SUPPLIES_FILE {
                self.check_events::<SupplyEvent>(&path);
            } else if name.ends_with(".jsonl") {
                // Another append-only file of the store (such as the
                // journal): its lines must be whole JSON.
                let Some(bytes) = self.settled_read(&path) else {
                    continue;
                };
                self.check_lines(&path, &bytes, |line| {
                    match serde_json::from_slice::<serde_json::Value>(line) {
                        Ok(_) => Verdict::Good,
                        Err(e) => corrupt(&e),
                    }
                });
            }
        }
    }

    /// An event file (posts, supplies): every line an event of its kind.
    fn check_events<E: Event>(&mut self, path: &Path) {
        let Some(bytes) = self.settled_read(path) else {
            return;
        };
        self.check_lines(path, &bytes, |line| {
            match serde_json::from_slice::<E>(line) {
                Ok(e) => match e.validate() {
                    Ok(()) => Verdict::Good,
                    Err(err) => Verdict::Bad {
                        what: t!("check-wrong-event", error = err.to_string()),
                        why: t!("check-wrong-event-why", error = err.to_string()),
                    },
                },
                Err(e) => corrupt(&e),
            }
        });
    }

    /// The quarantine file holds bad lines by design; only a torn last line
    /// matters, since the next quarantined line would join it.
    fn check_quarantine(&mut self, path: &Path) {
        let Some(bytes) = self.settled_read(path) else {
            return;
        };
        if let (_, Some(torn)) = jsonl::split_lines(&bytes) {
            self.scan.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(torn.line),
                what: t!("check-torn-end-line"),
                fix: Fix::EndLine,
            });
        }
    }

    /// The entries of a folder, sorted by name, with their own (not
    /// followed) details.
    fn list(&mut self, dir: &Path) -> Vec<(std::ffi::OsString, PathBuf, Metadata)> {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                let what = t!("check-cannot-list-the-folder", e = e.to_string());
                self.scan.problems.push(by_hand(dir, None, what));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for entry in entries {
            match entry.and_then(|e| Ok((e.file_name(), e.path(), e.metadata()?))) {
                Ok(item) => out.push(item),
                Err(e) => {
                    let what = t!("check-cannot-list-the-folder", e = e.to_string());
                    self.scan.problems.push(by_hand(dir, None, what));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Judges every line of a JSON Lines file; returns how many are good.
    fn check_lines(
        &mut self,
        path: &Path,
        bytes: &[u8],
        mut judge: impl FnMut(&[u8]) -> Verdict,
    ) -> usize {
        let (lines, torn) = jsonl::split_lines(bytes);
        let mut good = 0;
        for (number, line) in lines {
            // `split_lines` hands out slices of `bytes`.
            let offset = line.as_ptr() as usize - bytes.as_ptr() as usize;
            // A rollback or undo mark of a write (`store::tx`) is no entry.
            if super::tx::is_mark(line) {
                continue;
            }
            match judge(line) {
                Verdict::Good => good += 1,
                Verdict::Note(what) => {
                    good += 1;
                    self.scan.problems.push(by_hand(path, Some(number), what));
                }
                Verdict::Bad { what, why } => self.scan.problems.push(Problem {
                    path: path.to_path_buf(),
                    line: Some(number),
                    what: t!(
                        "check-repair-moves-it-to",
                        what = what.to_string(),
                        QUARANTINE_FILE = QUARANTINE_FILE.to_string()
                    ),
                    fix: Fix::Quarantine {
                        offset,
                        len: line.len(),
                        why,
                    },
                }),
            }
        }
        if let Some(torn) = torn {
            let tail = &bytes[torn.offset..];
            // A tail that is a whole line but for its newline was perhaps
            // typed by hand; say so, since repair will set it aside.
            let whole = serde_json::from_slice::<serde_json::Value>(tail).is_ok();
            self.scan.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(torn.line),
                what: if whole {
                    t!(
                        "check-torn-whole-line",
                        bytes = torn.len,
                        quarantine = QUARANTINE_FILE
                    )
                } else {
                    t!(
                        "check-torn-last-line-bytes",
                        bytes = torn.len,
                        quarantine = QUARANTINE_FILE
                    )
                },
                fix: Fix::Quarantine {
                    offset: torn.offset,
                    len: torn.len,
                    why: t!("check-torn-why"),
                },
            });
        }
        good
    }
}

fn corrupt(e: &serde_json::Error) -> Verdict {
    Verdict::Bad {
        what: t!("check-corrupt-line", e = crate::error_text(e)),
        why: t!("check-corrupt-line-2", e = crate::error_text(e)),
    }
}

/// `bytes` without the ranges to quarantine (each with the newline after
/// it), every other byte kept in order.
pub fn without(bytes: &[u8], ranges: &[(usize, usize)]) -> Vec<u8> {
    let mut sorted: Vec<(usize, usize)> = ranges.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for (offset, len) in sorted {
        if offset < at || offset > bytes.len() {
            continue;
        }
        out.extend_from_slice(&bytes[at..offset]);
        let mut end = (offset + len).min(bytes.len());
        if bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        at = end;
    }
    out.extend_from_slice(&bytes[at.min(bytes.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_keeps_every_other_byte_in_order() {
        let bytes = b"a\nBAD\nb\n\nc\nTORN";
        assert_eq!(without(bytes, &[(11, 4), (2, 3)]), b"a\nb\n\nc\n");
        assert_eq!(without(bytes, &[]), bytes);
        assert_eq!(without(b"X\n", &[(0, 1)]), b"");
        // Ranges past the end or overlapping are ignored, never a panic.
        assert_eq!(without(b"ab", &[(5, 1), (0, 9), (1, 1)]), b"");
    }

    #[test]
    fn only_the_exact_day_file_name_is_a_day() {
        let d = NaiveDate::from_ymd_opt(2020, 2, 18);
        assert_eq!(records::date_of_file("2020-02-18.jsonl"), d);
        for name in [
            "2020-2-18.jsonl",
            "2020-02-18.json",
            "+2020-02-18.jsonl",
            "x.jsonl",
        ] {
            assert_eq!(records::date_of_file(name), None, "{name}");
        }
    }

    #[test]
    fn newer_format_is_seen_without_reading_the_rest() {
        assert_eq!(newer_format(br#"{"format_version": 2}"#), Some(2));
        assert_eq!(newer_format(br#"{"format_version": 1}"#), None);
        assert_eq!(newer_format(b"not json"), None);
    }
}
