//! The local store (SPEC §6):
//!
//! ```text
//! <store>/config.json                 settings and format_version (replaced atomically)
//! <store>/roster.jsonl                roster events, append-only
//! <store>/records/YYYY/YYYY-MM-DD.jsonl  one file per day of entries, append-only
//! <store>/posts.jsonl                frontline posts, append-only events
//! <store>/supplies.jsonl             supply shortages, append-only events
//! <store>/lock                        the writers' lock
//! ```
//!
//! Writers hold the lock across read-check-append; every append is synced
//! before a command says done; a one-day report reads one day file.

pub mod check;
pub mod config;
pub mod fsutil;
pub mod index;
pub mod journal;
pub mod jsonl;
pub mod lock;
pub mod posts;
pub mod records;
pub mod roster;
pub mod scan;
pub mod tx;

use crate::t;
use std::fs;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

pub use config::Config;
pub use lock::WriteLock;
pub use records::{DayLog, DayRecords, Entry, Op};
pub use roster::{Roster, RosterEvent, RosterOp};

use crate::person::Person;
use crate::record::Record;

pub const CONFIG_FILE: &str = "config.json";
/// Where `repair` (and a writer finding a torn line) moves bad lines.
pub const QUARANTINE_FILE: &str = "quarantine.jsonl";

#[derive(Debug)]
pub struct Store {
    pub root: PathBuf,
    pub config: Config,
    /// Lines tagged with a write id at or above this were not committed
    /// when the store was opened and are left out (`tx::mask`).
    visible_below: AtomicU64,
    /// The journal's newest write when the store was opened (or the lock
    /// taken), `u64::MAX` while a write was open: what a fresh
    /// `latest.index` is stamped with (`store::index`).
    committed: AtomicU64,
    /// `latest.index` as read, once per write seen.
    latest: std::sync::Mutex<Option<Option<std::sync::Arc<index::RawIndex>>>>,
}

/// Where the store is: `--store`, else `HEALTHREPORT_STORE`, else the
/// platform data folder. An empty `HEALTHREPORT_STORE` is an error, not a
/// store in the current folder.
pub fn locate(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = given {
        if dir.as_os_str().is_empty() {
            bail!(t!("store-store-is-empty-give"));
        }
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os("HEALTHREPORT_STORE") {
        if dir.is_empty() {
            bail!(t!("store-healthreport-store-is-set"));
        }
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "healthreport")
        .map(|d| d.data_dir().to_path_buf())
        .with_context(|| t!("store-cannot-find-a-home"))
}

impl Store {
    /// Creates a new store at `root`; an existing store is left alone.
    pub fn init(root: &Path, config: Config) -> Result<Store> {
        let config_path = root.join(CONFIG_FILE);
        if config_path.exists() {
            bail!(t!(
                "store-a-store-already-exists",
                root = root.display().to_string()
            ));
        }
        if root.is_dir()
            && fs::read_dir(root)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false)
        {
            bail!(t!(
                "store-is-not-empty-and",
                root = root.display().to_string()
            ));
        }
        if root.is_dir() {
            // An existing empty folder becomes private like a new one.
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(root, fs::Permissions::from_mode(fsutil::DIR_MODE)).with_context(
                || {
                    t!(
                        "store-cannot-make-private",
                        root = root.display().to_string()
                    )
                },
            )?;
        }
        fsutil::create_private_dir_all(root)?;
        fsutil::create_private_dir_all(&root.join(records::RECORDS_DIR))?;
        let store = Store {
            root: root.to_path_buf(),
            config,
            visible_below: AtomicU64::new(0),
            committed: AtomicU64::new(0),
            latest: Default::default(),
        };
        let mut json = serde_json::to_vec_pretty(&store.config)?;
        json.push(b'\n');
        fsutil::atomic_write(&root.join(CONFIG_FILE), &json)?;
        // The lock file exists from the start, so no later command (not
        // even a refused one) adds a file to the store just by locking it.
        drop(store.lock()?);
        // An empty index, up to date with the empty journal.
        index::LatestIndex::default().write(root)?;
        Ok(store)
    }

    pub fn open(root: &Path) -> Result<Store> {
        let config_path = root.join(CONFIG_FILE);
        let bytes = fsutil::read_if_exists(&config_path)?
            .with_context(|| t!("check-no-store-at-run", root = root.display().to_string()))?;
        // The journal is read after the settings and before any data: a
        // write not committed by now is left out, settings included.
        let tail = tx::journal_tail(&root.join(journal::JOURNAL_FILE))?;
        let shown = config_path.display().to_string();
        let config = match tail.open.as_ref().and_then(|o| o.config_before.as_ref()) {
            Some(before) => Config::from_json(before.as_bytes(), &shown)?,
            None => Config::from_json(&bytes, &shown)?,
        };
        crate::output::set_report_mode(config.report_mode);
        Ok(Store {
            root: root.to_path_buf(),
            config,
            visible_below: AtomicU64::new(tail.visible_below()),
            committed: AtomicU64::new(match tail.open {
                Some(_) => u64::MAX,
                None => tail.last_tx,
            }),
            latest: Default::default(),
        })
    }

    /// Under the lock: `last` is the journal's newest write, and whatever
    /// index was read before may be out of date.
    pub(crate) fn set_committed(&self, last: u64) {
        self.committed.store(last, Ordering::Relaxed);
        self.forget_index();
    }

    pub(crate) fn forget_index(&self) {
        if let Ok(mut cached) = self.latest.lock() {
            *cached = None;
        }
    }

    /// The newest day with a line naming `id`, from `latest.index` if it
    /// is up to date with the journal (`store::index`); `None` when it is
    /// not, is missing, or does not list the person.
    pub fn indexed_last(&self, id: &str) -> Option<NaiveDate> {
        let mut cached = self.latest.lock().ok()?;
        let index = cached
            .get_or_insert_with(|| index::RawIndex::read(&self.root).map(std::sync::Arc::new))
            .as_ref()?;
        if index.stamp != self.committed.load(Ordering::Relaxed) {
            return None;
        }
        index.get(id)
    }

    pub(crate) fn set_visible_below(&self, below: u64) {
        self.visible_below.store(below, Ordering::Relaxed);
    }

    /// Reads a store file of lines as a reader may see it: lines of writes
    /// not committed, rolled back or undone blanked out (`tx::mask`).
    /// False if the file does not exist.
    pub fn read_visible_into(&self, path: &Path, buf: &mut Vec<u8>) -> Result<bool> {
        if !fsutil::read_into(path, buf)? {
            return Ok(false);
        }
        tx::mask(buf, self.visible_below.load(Ordering::Relaxed));
        Ok(true)
    }

    /// `read_visible_into` for a file named relative to the store (for
    /// files other kinds of write add, e.g. `posts.jsonl`).
    pub fn read_visible(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        let mut buf = Vec::new();
        Ok(self
            .read_visible_into(&self.root.join(rel), &mut buf)?
            .then_some(buf))
    }

    pub fn lock(&self) -> Result<WriteLock> {
        WriteLock::acquire(&self.root)
    }

    pub fn now(&self) -> Result<DateTime<FixedOffset>> {
        self.config.zone().now()
    }

    pub fn today(&self) -> Result<NaiveDate> {
        self.config.zone().today()
    }

    fn warn_torn(&self, path: &Path, torn: &jsonl::TornTail) {
        if !lock::writer_active(&self.root) {
            crate::warn(t!(
                "store-torn-last-line-bytes",
                path = path.display().to_string(),
                line = torn.line.to_string(),
                torn = torn.len.to_string()
            ));
        }
    }

    // ---- roster ----

    pub fn roster_path(&self) -> PathBuf {
        self.root.join(roster::ROSTER_FILE)
    }

    pub fn roster(&self) -> Result<Roster> {
        let path = self.roster_path();
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? {
            return Ok(Roster::default());
        }
        // As for day files: the scanner for the usual lines, else serde.
        let (versions, torn) = match scan::parse_roster(&bytes) {
            Some(parsed) => parsed,
            None => {
                let (events, torn) = jsonl::parse_all::<RosterEvent>(&path, &bytes)?;
                (roster::versions(events), torn)
            }
        };
        if let Some(torn) = &torn {
            self.warn_torn(&path, torn);
        }
        Ok(Roster::from_versions(versions))
    }

    /// The person `query` names when it is the id of someone on the roster,
    /// read from that id's roster lines only. `record` of one person at
    /// 30,000 people spent 240 M of its 272 M instructions building the
    /// whole roster to find one. `None` when `query` is not such an id (a
    /// name, an id in another case, a removed person, a torn or odd line):
    /// the caller then reads the whole roster, which reports all of those.
    /// The caller holds the write lock (the roster is mapped, see
    /// `fsutil::map_copy`).
    pub fn roster_person(&self, query: &str) -> Result<Option<Person>> {
        let id = query.trim();
        let path = self.roster_path();
        if id.is_empty() {
            return Ok(None);
        }
        let Some(mut bytes) = fsutil::map_copy(&path)? else {
            return Ok(None);
        };
        tx::mask(&mut bytes, self.visible_below.load(Ordering::Relaxed));
        if !bytes.ends_with(b"\n") {
            return Ok(None);
        }
        let needle = format!("\"id\":{}", serde_json::to_string(id)?);
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        // Every other line must still be an event: a corrupt line anywhere
        // is the whole roster's error (SPEC §6), reported by `roster()`.
        if !all_events(&bytes) {
            return Ok(None);
        }
        let mine = lines_with(&bytes, &finder);
        let (people, days) = match scan::parse_roster(&mine) {
            Some((versions, _)) => versions,
            None => match jsonl::parse_all::<RosterEvent>(&path, &mine) {
                Ok((events, _)) => roster::versions(events),
                Err(_) => return Ok(None),
            },
        };
        let theirs = people.into_iter().zip(days).filter(|(p, _)| p.id == id);
        let roster = Roster::from_versions(theirs.unzip());
        Ok(roster.get(id).cloned())
    }

    pub fn roster_event(&self, op: RosterOp, person: Person, by: &str) -> Result<RosterEvent> {
        Ok(RosterEvent {
            op,
            at: self.now()?,
            by: by.to_string(),
            person,
        })
    }

    // ---- records ----

    pub fn day_path(&self, date: NaiveDate) -> PathBuf {
        records::day_path(&self.root, date)
    }

    /// Every entry of one day: reads that day's file only.
    pub fn day(&self, date: NaiveDate) -> Result<DayLog> {
        let path = self.day_path(date);
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? {
            return Ok(DayLog::empty(date));
        }
        self.parse_day(date, &path, &bytes)
    }

    fn parse_day(&self, date: NaiveDate, path: &Path, bytes: &[u8]) -> Result<DayLog> {
        // The scanner reads the usual lines without serde's per-field
        // overhead; for anything else serde reads the file as before.
        let (entries, torn) = match scan::parse_entries(bytes) {
            Some(parsed) => parsed,
            None => jsonl::parse_all::<Entry>(path, bytes)?,
        };
        for (i, e) in entries.iter().enumerate() {
            if let Err(err) = e.validate(date) {
                // The entries are the file's non-blank lines, in order.
                let line = jsonl::split_lines(bytes)
                    .0
                    .get(i)
                    .map_or(i + 1, |(number, _)| *number);
                bail!(t!(
                    "store-wrong-entry-run-healthreport",
                    path = path.display().to_string(),
                    line = line.to_string(),
                    id = e.id.to_string(),
                    err = err.to_string()
                ));
            }
        }
        if let Some(torn) = &torn {
            self.warn_torn(path, torn);
        }
        Ok(DayLog {
            date,
            entries,
            torn,
        })
    }

    /// Under the writers' lock a line without a newline can only be left by
    /// a crash. Before appending after it, it is moved to the quarantine
    /// file (never dropped) so the new line does not join it.
    /// Returns whether a torn line was moved.
    pub(crate) fn cut_torn_tail(&self, path: &Path) -> Result<bool> {
        let cut = self.cut_torn_tail_quietly(path)?;
        if cut {
            crate::warn(t!(
                "store-a-torn-last-line-2",
                path = path.display().to_string(),
                quarantine_path = self.quarantine_path().display().to_string()
            ));
        }
        Ok(cut)
    }

    /// `cut_torn_tail` without the warning, for a caller that reports it.
    pub(crate) fn cut_torn_tail_quietly(&self, path: &Path) -> Result<bool> {
        let Some(bytes) = fsutil::read_if_exists(path)? else {
            return Ok(false);
        };
        let (_, torn) = jsonl::split_lines(&bytes);
        let Some(torn) = torn else {
            // A last line of blanks only: the new line must still start fresh.
            if !bytes.is_empty() && !bytes.ends_with(b"\n") {
                fsutil::append(path, b"\n")?;
            }
            return Ok(false);
        };
        self.quarantine(
            path,
            torn.line,
            &bytes[torn.offset..],
            &t!("check-torn-why"),
        )?;
        let file = fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
            .with_context(|| t!("store-cannot-open", path = path.display().to_string()))?;
        file.set_len(torn.offset as u64)
            .and_then(|()| file.sync_all())
            .with_context(|| {
                t!(
                    "store-cannot-cut-the-torn",
                    path = path.display().to_string()
                )
            })?;
        Ok(true)
    }

    pub fn quarantine_path(&self) -> PathBuf {
        self.root.join(QUARANTINE_FILE)
    }

    /// Saves bad bytes of a store file to `quarantine.jsonl`, with where
    /// they came from, before anything removes them from the file.
    pub fn quarantine(&self, from: &Path, line: usize, bytes: &[u8], why: &str) -> Result<()> {
        self.quarantine_many(from, &[(line, bytes, why)])
    }

    /// Like `quarantine`, for several lines of one file (line number, bytes,
    /// why) in one synced append.
    pub fn quarantine_many(&self, from: &Path, lines: &[(usize, &[u8], &str)]) -> Result<()> {
        let rel = from.strip_prefix(&self.root).unwrap_or(from);
        let at = self.now()?.to_rfc3339();
        let path = self.quarantine_path();
        let mut out = Vec::new();
        // A quarantine line cut off by a crash must not swallow the next one.
        if !fsutil::ends_with_newline(&path)? {
            out.push(b'\n');
        }
        for (line, bytes, why) in lines {
            let mut entry = serde_json::json!({
                "file": rel.display().to_string(),
                "line": line,
                "why": why,
                "at": at,
                "text": String::from_utf8_lossy(bytes),
            });
            // `text` replaces bytes that are not UTF-8; keep them exactly too.
            if std::str::from_utf8(bytes).is_err() {
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                entry["bytes_hex"] = serde_json::Value::String(hex);
            }
            serde_json::to_writer(&mut out, &entry)?;
            out.push(b'\n');
        }
        fsutil::append(&path, &out)
    }

    /// Days before `date` that have a day file, newest first. Lists one
    /// year's folder at a time, so looking back a day or two stays cheap
    /// however long the store's history is.
    pub fn days_before(&self, date: NaiveDate) -> impl Iterator<Item = Result<NaiveDate>> + '_ {
        let records = self.root.join(records::RECORDS_DIR);
        let years: Vec<i32> = match fs::read_dir(&records) {
            Ok(dir) => {
                let mut years: Vec<i32> = dir
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse().ok()))
                    .filter(|y| *y <= date.year())
                    .collect();
                years.sort_unstable_by(|a, b| b.cmp(a));
                years
            }
            Err(_) => Vec::new(),
        };
        years.into_iter().flat_map(move |year| {
            let dir = records.join(format!("{year:04}"));
            let listed = fs::read_dir(&dir)
                .with_context(|| t!("store-cannot-list", dir = dir.display().to_string()))
                .map(|entries| {
                    let mut days: Vec<NaiveDate> = entries
                        .filter_map(|e| e.ok())
                        .filter_map(|e| e.file_name().to_str().and_then(records::date_of_file))
                        // A day file in another year's folder is never
                        // read as that day's (`check` reports it).
                        .filter(|d| d.year() == year && *d < date)
                        .collect();
                    days.sort_unstable_by(|a, b| b.cmp(a));
                    days
                });
            let items: Vec<Result<NaiveDate>> = match listed {
                Ok(days) => days.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            items
        })
    }

    /// Every day that has a day file, oldest first, within `from..=to`.
    pub fn days_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<NaiveDate>> {
        let records = self.root.join(records::RECORDS_DIR);
        let mut days = Vec::new();
        let Ok(years) = fs::read_dir(&records) else {
            return Ok(days);
        };
        for year in years.filter_map(|e| e.ok()) {
            let Some(y) = year
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok())
            else {
                continue;
            };
            if from.is_some_and(|f| y < f.year()) || to.is_some_and(|t| y > t.year()) {
                continue;
            }
            let dir = year.path();
            for e in fs::read_dir(&dir)
                .with_context(|| t!("store-cannot-list", dir = dir.display().to_string()))?
            {
                let e =
                    e.with_context(|| t!("store-cannot-list", dir = dir.display().to_string()))?;
                if let Some(d) = e.file_name().to_str().and_then(records::date_of_file)
                    && d.year() == y
                    && from.is_none_or(|f| f <= d)
                    && to.is_none_or(|t| d <= t)
                {
                    days.push(d);
                }
            }
        }
        days.sort_unstable();
        Ok(days)
    }

    /// The person's latest record before `date`: what carries forward. Day
    /// files that do not name the person are passed over without parsing;
    /// the search stops at the person's `since`.
    pub fn latest_before(&self, person: &Person, date: NaiveDate) -> Result<Option<Record>> {
        self.latest_between(person, None, date)
    }

    /// Like `latest_before`, looking only at days after `after`.
    pub fn latest_between(
        &self,
        person: &Person,
        after: Option<NaiveDate>,
        date: NaiveDate,
    ) -> Result<Option<Record>> {
        let finder = person_finder(&person.id)?;
        // No line names the person after their indexed day: start there.
        let date = match self.indexed_last(&person.id) {
            Some(last) if last < date => last.succ_opt().unwrap_or(date),
            _ => date,
        };
        for day in self.days_before(date) {
            let day = day?;
            if person.since.is_some_and(|s| day < s) || after.is_some_and(|a| day <= a) {
                break;
            }
            let log = self.person_day(day, &finder)?;
            if let Some(record) = log.and_then(|log| log.record_of(&person.id)) {
                return Ok(Some(record));
            }
        }
        Ok(None)
    }

    /// The days the person has a standing record on outside their window
    /// (before `since`, after `until`): only those days' files are looked at.
    pub fn records_outside(&self, person: &Person) -> Result<Vec<NaiveDate>> {
        let finder = person_finder(&person.id)?;
        let mut days = Vec::new();
        if let Some(before) = person.since.and_then(|s| s.pred_opt()) {
            days.extend(self.days_between(None, Some(before))?);
        }
        if let Some(after) = person.until.and_then(|u| u.succ_opt()) {
            days.extend(self.days_between(Some(after), None)?);
        }
        let mut outside = Vec::new();
        for day in days {
            let log = self.day_if(day, |bytes| finder.find(bytes).is_some())?;
            if log.and_then(|l| l.record_of(&person.id)).is_some() {
                outside.push(day);
            }
        }
        Ok(outside)
    }

    /// The entries of a day whose file `wanted` accepts: the file is read
    /// once and parsed only if wanted (a quick byte search, usually).
    pub fn day_if(
        &self,
        date: NaiveDate,
        wanted: impl Fn(&[u8]) -> bool,
    ) -> Result<Option<DayLog>> {
        let path = self.day_path(date);
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? || !wanted(&bytes) {
            return Ok(None);
        }
        self.parse_day(date, &path, &bytes).map(Some)
    }

    /// `person_day` for several people: the entries of a day naming any of
    /// `people`, if it names one. A 3,000-row `record --batch` at 30,000
    /// people parsed all 30,000 entries of the day before to carry 3,000.
    pub fn people_day(
        &self,
        date: NaiveDate,
        people: &std::collections::HashSet<&str, scan::IdHash>,
    ) -> Result<Option<DayLog>> {
        let path = self.day_path(date);
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? {
            return Ok(None);
        }
        if !bytes.ends_with(b"\n") {
            return self.parse_day(date, &path, &bytes).map(Some);
        }
        let mine = lines_of_people(&bytes, people);
        if mine.is_empty() {
            return Ok(None);
        }
        match self.parse_day(date, &path, &mine) {
            Ok(log) => Ok(Some(log)),
            Err(_) => self.parse_day(date, &path, &bytes).map(Some),
        }
    }

    /// One person's entries of a day (their records, voids and the undos of
    /// them, which name the same person), if the file names them: only
    /// their lines are parsed. A ten-year `history` parsed every person's
    /// entries of every day. Anything wrong is reported from the whole file,
    /// so the error names the file's own line.
    pub fn person_day(
        &self,
        date: NaiveDate,
        finder: &memchr::memmem::Finder<'_>,
    ) -> Result<Option<DayLog>> {
        let path = self.day_path(date);
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? || finder.find(&bytes).is_none() {
            return Ok(None);
        }
        // A torn last line is the whole file's business (its warning).
        if !bytes.ends_with(b"\n") {
            return self.parse_day(date, &path, &bytes).map(Some);
        }
        let mine = lines_with(&bytes, finder);
        match self.parse_day(date, &path, &mine) {
            Ok(log) => Ok(Some(log)),
            Err(_) => self.parse_day(date, &path, &bytes).map(Some),
        }
    }
}

/// Appends to `out` the whole line of `bytes` that holds offset `at`, with
/// its newline; returns where the next line starts.
fn push_line_around(out: &mut Vec<u8>, bytes: &[u8], at: usize) -> usize {
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
    out.extend_from_slice(&bytes[start..end]);
    end
}

/// The whole lines of `bytes` (which ends with a newline) whose
/// `"person":"<id>"` names someone in `people`, in order; a line whose id
/// has escapes is kept (the parser decides). One search over the file
/// (`index::person_keys`).
fn lines_of_people(
    bytes: &[u8],
    people: &std::collections::HashSet<&str, scan::IdHash>,
) -> Vec<u8> {
    let mut mine = Vec::new();
    let mut done = 0;
    for (at, id) in index::person_keys(bytes) {
        if at < done || id.is_some_and(|id| !people.contains(id)) {
            continue;
        }
        done = push_line_around(&mut mine, bytes, at);
    }
    mine
}

/// Whether every non-blank line of a roster file is shaped like an event
/// as the store writes it (`{"tx":…,"op":"…",…,"person":{…}}`), without
/// parsing it: the corrupt lines a crash, a disk or an editor leave (not
/// JSON, not an object, an event cut short, binary) make `record` read the
/// whole roster, which names file and line. A full check of every line
/// (serde, fields ignored) cost 185 M instructions at 30,000 people; this
/// costs next to nothing. A well-shaped line with a wrong value inside is
/// left to the reports and `check`, which parse every line.
fn all_events(bytes: &[u8]) -> bool {
    let shaped = |line: &[u8]| {
        let l = line.trim_ascii();
        if l.is_empty() {
            return true;
        }
        let rest = match l.strip_prefix(b"{\"tx\":") {
            Some(tagged) => {
                let digits = tagged.iter().take_while(|b| b.is_ascii_digit()).count();
                tagged[digits..].strip_prefix(b",")
            }
            None => l.strip_prefix(b"{"),
        };
        rest.is_some_and(|r| r.starts_with(b"\"op\":\"")) && l.ends_with(b"}}")
    };
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        if !shaped(&bytes[start..end]) {
            return false;
        }
        start = end + 1;
    }
    shaped(&bytes[start..])
}

/// The whole lines of `bytes` (which ends with a newline) holding
/// `finder`'s needle, in order. One search over the file, not one per line:
/// a search per line was half of a ten-year `history`.
fn lines_with(bytes: &[u8], finder: &memchr::memmem::Finder<'_>) -> Vec<u8> {
    let mut mine = Vec::new();
    let mut done = 0;
    for at in finder.find_iter(bytes) {
        if at < done {
            continue;
        }
        done = push_line_around(&mut mine, bytes, at);
    }
    mine
}

/// Finds the lines of one person in a day file's bytes, without parsing:
/// the store writes `"person":"<id>"` in every entry.
pub fn person_finder(id: &str) -> Result<memchr::memmem::Finder<'static>> {
    let needle = format!("\"person\":{}", serde_json::to_string(id)?);
    Ok(memchr::memmem::Finder::new(needle.as_bytes()).into_owned())
}

impl Store {
    /// Each person's record on `date`, else their latest before it. One
    /// backward pass over the day files serves everyone; a file is parsed
    /// only if it names someone still unresolved.
    pub fn latest_records(&self, people: &[&Person], date: NaiveDate) -> Result<DayRecords> {
        let wanted: std::collections::HashSet<&str, scan::IdHash> =
            people.iter().map(|p| p.id.as_str()).collect();
        let mut found = self.day_records(date)?;
        found.retain(|id, _| wanted.contains(id.as_str()));
        // Each open person with the day before which their lines are
        // looked for: `date`, or the day after their indexed newest.
        let mut open: Vec<(&Person, memchr::memmem::Finder<'static>, NaiveDate)> = Vec::new();
        for p in people.iter().filter(|p| !found.contains_key(&p.id)) {
            let before = match self.indexed_last(&p.id) {
                Some(last) if last < date => last.succ_opt().unwrap_or(date),
                _ => date,
            };
            open.push((p, person_finder(&p.id)?, before));
        }
        // Everyone reported on the day: no folder is even listed.
        let mut top = open.iter().map(|o| o.2).max();
        // After a jump, the day before `from` is known to have a file: it
        // is read before any folder is listed.
        let mut jumped = false;
        while let Some(from) = top.take() {
            let known = jumped.then(|| from.pred_opt()).flatten();
            let listed = self.days_before(known.unwrap_or(from));
            for day in known.map(Ok).into_iter().chain(listed) {
                let day = day?;
                open.retain(|(p, _, _)| p.since.is_none_or(|s| s <= day));
                if open.is_empty() {
                    break;
                }
                // Nobody left has a line this recent: go straight to the
                // newest day one of them has (a person silent for nine
                // years was nine years of day files read for nothing).
                if open.iter().all(|o| o.2 <= day) {
                    top = open.iter().map(|o| o.2).max();
                    jumped = true;
                    break;
                }
                let mut awake = open.iter().filter(|(_, _, before)| day < *before);
                let log = match (awake.next(), awake.next()) {
                    // One person left (the silent one): only their lines
                    // are parsed, not the whole day.
                    (Some((_, f, _)), None) => self.person_day(day, f)?,
                    _ => {
                        let awake: std::collections::HashSet<&str, scan::IdHash> = open
                            .iter()
                            .filter(|(_, _, before)| day < *before)
                            .map(|(p, _, _)| p.id.as_str())
                            .collect();
                        self.people_day(day, &awake)?
                    }
                };
                let Some(log) = log else {
                    continue;
                };
                // One pass over the day, then a lookup per open person:
                // `record_of` per person scanned the whole day each time.
                let mut day_records = log.into_records();
                open.retain(|(p, _, before)| {
                    if day >= *before {
                        return true;
                    }
                    match day_records.remove(&p.id) {
                        Some(r) => {
                            found.insert(p.id.clone(), r);
                            false
                        }
                        None => true,
                    }
                });
            }
        }
        Ok(found)
    }
}

impl Store {
    pub fn journal_path(&self) -> PathBuf {
        self.root.join(journal::JOURNAL_FILE)
    }
}

/// A new entry id: unique across processes and within one.
pub fn new_entry_id(at: DateTime<FixedOffset>) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let micros = at.timestamp_micros();
    let real = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{micros:x}-{:x}{real:x}-{n}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Kind;
    use crate::store::records::Entry;
    use chrono::Duration;
    use proptest::prelude::*;

    #[test]
    fn lines_of_people_keeps_the_named_and_the_escaped() {
        let day = concat!(
            "{\"id\":\"a\",\"person\":\"S001\"}\n",
            "{\"id\":\"b\",\"person\":\"S002\",\"note\":\"\\\"person\\\":\\\"S001\"}\n",
            "\n",
            "{\"id\":\"c\",\"person\":\"S\\u0030\"}\n",
            "{\"id\":\"d\",\"person\":\"S003\"}\n",
            "{\"id\":\"e\",\"person\":\"S001\",\"op\":\"undo\"}\n",
        );
        let people: std::collections::HashSet<&str, scan::IdHash> =
            ["S001", "S003"].into_iter().collect();
        let got = String::from_utf8(lines_of_people(day.as_bytes(), &people)).unwrap();
        let ids: Vec<&str> = got.lines().map(|l| &l[7..8]).collect();
        // S002's note quotes S001 escaped: not a key, not kept.
        assert_eq!(ids, ["a", "c", "d", "e"]);
    }

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap()
    }

    fn record(id: String, day: NaiveDate, person: &str, t: f64) -> Entry {
        Entry::test_record(id, day, person, t, at())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        /// `latest_records` (a pass per day) gives what the straightforward
        /// reference gives: each person's standing record of the day, else
        /// their latest before it, one person at a time; over corrections,
        /// voids, undos, silent people and people who came later.
        #[test]
        fn latest_records_is_each_persons_latest(
            ops in proptest::collection::vec((0..8i64, 0..6usize, 0..4u8), 0..60),
            since in proptest::collection::vec(proptest::option::of(0..8i64), 6),
            on in 0..10i64,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::init(&dir.path().join("s"), Config::default()).unwrap();
            let start = NaiveDate::from_ymd_opt(2020, 2, 1).unwrap();
            let people: Vec<Person> = (0..6)
                .map(|i| {
                    let mut p = Person::new(format!("S00{i}"), "x", Kind::Staff, None);
                    p.since = since[i].map(|d| start + Duration::days(d));
                    p
                })
                .collect();
            let mut days: std::collections::BTreeMap<i64, Vec<Entry>> = Default::default();
            for (n, &(d, who, kind)) in ops.iter().enumerate() {
                let day = start + Duration::days(d);
                let entries = days.entry(d).or_default();
                let id = format!("e{n}");
                let person = &people[who].id;
                let e = match kind {
                    0 | 1 => record(id, day, person, 36.0 + n as f64 / 10.0),
                    2 => Entry::void(id, day, person, "r".into(), at(), "x".into()),
                    _ => match entries.last() {
                        Some(last) => Entry::undo(id, last, at(), "x".into()),
                        None => continue,
                    },
                };
                entries.push(e);
            }
            for (d, entries) in &days {
                let path = store.day_path(start + Duration::days(*d));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let bytes: Vec<u8> = entries.iter().flat_map(|e| e.to_line()).collect();
                std::fs::write(&path, bytes).unwrap();
            }
            let date = start + Duration::days(on);
            let refs: Vec<&Person> = people.iter().collect();
            let got = store.latest_records(&refs, date).unwrap();
            let log = store.day(date).unwrap();
            let mut want = DayRecords::default();
            for p in &people {
                let r = match log.record_of(&p.id) {
                    Some(r) => Some(r),
                    None => store.latest_before(p, date).unwrap(),
                };
                if let Some(r) = r {
                    want.insert(p.id.clone(), Box::new(r));
                }
            }
            prop_assert_eq!(got, want);
            // One person's lines of a day say of them what the whole day says.
            for d in 0..9 {
                let day = start + Duration::days(d);
                let whole = store.day(day).unwrap();
                for p in &people {
                    let finder = person_finder(&p.id).unwrap();
                    let mine = store.person_day(day, &finder).unwrap();
                    let mine = mine.as_ref();
                    prop_assert_eq!(mine.and_then(|l| l.standing_of(&p.id)), whole.standing_of(&p.id));
                    let versions: Vec<_> = mine.map(|l| l.versions_of(&p.id).collect()).unwrap_or_default();
                    prop_assert_eq!(versions, whole.versions_of(&p.id).collect::<Vec<_>>());
                }
            }
        }
    }
}
