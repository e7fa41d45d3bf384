//! One write, one unit (SPEC §6, v2). Every command that writes — record,
//! batch, void, undo, staff/family add, person edit/leave, roster import,
//! config set — goes through one `Tx`: `Store::begin` takes the writers'
//! lock and finishes any write a crash left open; the command reads what it
//! needs and stages its lines (`append`, `append_entries`,
//! `append_roster`) and settings (`replace_config`); `commit` writes them:
//!
//! 1. a `begin` line in `journal.jsonl` with the write's id, its kind, who,
//!    the files it will touch and, for `config.json`, the file as it was;
//!    fsynced before any data;
//! 2. the data, each line tagged `{"tx":<id>,…}`, appended and fsynced;
//!    `config.json` replaced atomically;
//! 3. an `end: commit` line, fsynced. Only now does the write count.
//!
//! If any step fails the write is rolled back at once; if the process dies,
//! the next writer (or `repair`) rolls it back before doing anything else.
//! A rollback deletes nothing: it appends `{"mark":"rollback","of":<id>}`
//! to each file the write touched, puts the old `config.json` back, and
//! ends the write in the journal with `end: rollback`.
//!
//! Readers never see part of a write: `Store::open` reads the journal's
//! last line once, before any data, and every line tagged with an id not
//! committed by then is left out (`mask`), as are the lines of rolled-back
//! and undone writes. Only the tail of the journal is read, so a one-day
//! report stays one day file plus one small read.
//!
//! `undo` is a write too: it takes back the newest committed write of the
//! clerk not yet undone, by a rule that depends only on the file (`Rule`):
//! day files get `undo` entries for each entry of the write (so `history`
//! still shows them), `config.json` gets the file as it was before, and any
//! other file of lines (roster, and files later kinds add) an
//! `{"mark":"undo","of":<id>}` line that hides the write's lines. A new
//! kind of write is a `WriteKind` variant; if it writes a new file of lines
//! that file is undone by the mark with nothing more to do.

use crate::t;
use std::collections::HashSet;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use super::journal::{self, End, Line, TxLine, WriteKind};
use super::records::{self, Entry, Op};
use super::roster::RosterEvent;
use super::{CONFIG_FILE, Store, WriteLock, fsutil, new_entry_id};

/// Every line a write appends starts with this, then the id and a comma.
const TAG: &[u8] = b"{\"tx\":";
/// Marks (rollback, undo) are found by this text, which a string value
/// cannot hold unescaped.
const MARK: &[u8] = b"\"mark\":\"";

/// An open write: holds the lock; nothing is on disk until `commit`.
pub struct Tx<'s> {
    store: &'s Store,
    _lock: WriteLock,
    kind: WriteKind,
    by: String,
    /// Files to append to (relative to the store), each with its lines
    /// (JSON objects, untagged).
    appends: Vec<(String, Vec<Vec<u8>>)>,
    config: Option<Vec<u8>>,
    undoes: Option<u64>,
    undoes_entries: Vec<String>,
    last_tx: u64,
    /// What `begin` found and put right: a write cut off, a torn line.
    pub recovered: Vec<String>,
}

/// How a file's part of a write is taken back by `undo`.
enum Rule {
    Day(NaiveDate),
    Config,
    Lines,
}

fn rule(rel: &str) -> Rule {
    if rel == CONFIG_FILE {
        return Rule::Config;
    }
    if let Some(rest) = rel.strip_prefix(records::RECORDS_DIR)
        && let Some(name) = Path::new(rest).file_name().and_then(|n| n.to_str())
        && let Some(date) = records::date_of_file(name)
    {
        return Rule::Day(date);
    }
    Rule::Lines
}

impl Store {
    /// Starts a write: takes the lock and finishes a write left open.
    pub fn begin(&self, kind: WriteKind, by: &str) -> Result<Tx<'_>> {
        let lock = self.lock()?;
        // `undo` reports what was put right in its own error instead.
        let (last_tx, recovered) = recover(self, &lock, kind != WriteKind::Undo)?;
        // The lock holder sees every committed line.
        self.set_visible_below(u64::MAX);
        self.set_committed(last_tx);
        Ok(Tx {
            store: self,
            _lock: lock,
            kind,
            by: by.to_string(),
            appends: Vec::new(),
            config: None,
            undoes: None,
            undoes_entries: Vec::new(),
            last_tx,
            recovered,
        })
    }
}

impl Tx<'_> {
    pub fn store(&self) -> &Store {
        self.store
    }

    pub fn kind(&self) -> WriteKind {
        self.kind
    }

    /// Stages `items` (each a JSON object) to be appended to the store file
    /// `rel` (a path relative to the store, e.g. `posts.jsonl`).
    pub fn append<T: Serialize>(&mut self, rel: &str, items: &[T]) -> Result<()> {
        check_rel(rel)?;
        let mut lines = Vec::with_capacity(items.len());
        for item in items {
            let line = serde_json::to_vec(item)?;
            if !line.starts_with(b"{") {
                bail!(t!("tx-a-store-line-must"));
            }
            lines.push(line);
        }
        self.stage(rel.to_string(), lines);
        Ok(())
    }

    fn stage(&mut self, rel: String, lines: Vec<Vec<u8>>) {
        if lines.is_empty() {
            return;
        }
        match self.appends.iter_mut().find(|(f, _)| *f == rel) {
            Some((_, have)) => have.extend(lines),
            None => self.appends.push((rel, lines)),
        }
    }

    /// Stages entries for their day files.
    pub fn append_entries(&mut self, entries: &[Entry]) -> Result<()> {
        for e in entries {
            check_entry_text(e)?;
        }
        for e in entries {
            let mut line = e.to_line();
            line.pop();
            let rel = rel_of(self.store, &self.store.day_path(e.date));
            self.stage(rel, vec![line]);
        }
        Ok(())
    }

    /// Stages roster events.
    pub fn append_roster(&mut self, events: &[RosterEvent]) -> Result<()> {
        for e in events {
            crate::person::check_person_text(&e.person)
                .and_then(|()| crate::text::check_text("by", &e.by))
                .with_context(|| format!("{} {}", e.person.id, e.person.name))?;
        }
        self.append(super::roster::ROSTER_FILE, events)
    }

    /// Stages the store's settings to replace `config.json`.
    pub fn replace_config(&mut self, config: &super::Config) -> Result<()> {
        let mut json = serde_json::to_vec_pretty(config)?;
        json.push(b'\n');
        self.config = Some(json);
        Ok(())
    }

    /// True when nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.appends.is_empty() && self.config.is_none()
    }

    /// Writes what is staged as one unit (see the module comment). On an
    /// error nothing of it stands.
    pub fn commit(self) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let store = self.store;
        let now = store.now()?;
        let id = (self.last_tx + 1).max(now.timestamp_micros().max(0) as u64);
        let mut files: Vec<String> = self.appends.iter().map(|(f, _)| f.clone()).collect();
        let config_before = match &self.config {
            Some(_) => {
                files.push(CONFIG_FILE.to_string());
                let bytes =
                    fsutil::read_if_exists(&store.root.join(CONFIG_FILE))?.unwrap_or_default();
                Some(String::from_utf8(bytes).with_context(|| t!("tx-config-json-is-not"))?)
            }
            None => None,
        };
        let begin = TxLine {
            tx: id,
            begin: Some(self.kind.as_str().to_string()),
            end: None,
            at: Some(now),
            by: Some(self.by.clone()),
            files,
            config_before,
            undoes: self.undoes,
            undoes_entries: self.undoes_entries.clone(),
        };
        let journal_len = std::fs::symlink_metadata(store.journal_path())
            .ok()
            .map(|m| m.len());
        journal_append(store, &begin).with_context(|| t!("tx-cannot-write-the-journal"))?;
        let written = self
            .write_data(id)
            .and_then(|()| journal_append(store, &end_line(id, End::Commit, None)));
        if let Err(err) = written {
            return Err(match abandon(store, &begin, journal_len) {
                Ok(()) => err.context(t!("tx-nothing-of-this-write")),
                Err(again) => err.context(t!(
                    "tx-what-was-written-is",
                    again = crate::one_line(&again).to_string()
                )),
            });
        }
        // The write counts now; the index follows it (`store::index`).
        let named = self
            .appends
            .iter()
            .filter_map(|(rel, lines)| match rule(rel) {
                Rule::Day(day) => Some((day, lines)),
                _ => None,
            });
        super::index::after_commit(store, self.last_tx, id, named);
        Ok(())
    }

    fn write_data(&self, id: u64) -> Result<()> {
        let store = self.store;
        for (rel, lines) in &self.appends {
            let path = store.root.join(rel);
            store.cut_torn_tail(&path)?;
            let mut bytes = Vec::with_capacity(lines.iter().map(|l| l.len() + 32).sum());
            for line in lines {
                tag_into(&mut bytes, id, line);
            }
            fsutil::append(&path, &bytes)?;
        }
        if let Some(config) = &self.config {
            fsutil::atomic_write(&store.root.join(CONFIG_FILE), config)?;
        }
        Ok(())
    }
}

/// No entry is written with text `crate::text` refuses, whatever path it
/// came by (a tab may stay, as a CSV cell may hold one).
fn check_entry_text(e: &Entry) -> Result<()> {
    use crate::text::check_cell;
    let who = || format!("{} {}", e.person, e.date);
    for s in &e.symptoms {
        check_cell("symptoms", s).with_context(who)?;
    }
    for (field, value) in [
        ("location", &e.location),
        ("post", &e.post),
        ("note", &e.note),
        ("reason", &e.reason),
    ] {
        if let Some(v) = value {
            check_cell(field, v).with_context(who)?;
        }
    }
    check_cell("recorded_by", &e.recorded_by).with_context(who)
}

fn tag_into(out: &mut Vec<u8>, id: u64, line: &[u8]) {
    out.extend_from_slice(TAG);
    out.extend_from_slice(id.to_string().as_bytes());
    if line.len() > 2 {
        out.push(b',');
    }
    out.extend_from_slice(&line[1..]);
    out.push(b'\n');
}

fn end_line(id: u64, end: End, at: Option<chrono::DateTime<chrono::FixedOffset>>) -> TxLine {
    TxLine {
        tx: id,
        begin: None,
        end: Some(end),
        at,
        by: None,
        files: Vec::new(),
        config_before: None,
        undoes: None,
        undoes_entries: Vec::new(),
    }
}

fn check_rel(rel: &str) -> Result<()> {
    let path = Path::new(rel);
    let plain = path
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let own = [
        journal::JOURNAL_FILE,
        super::QUARANTINE_FILE,
        super::lock::LOCK_FILE,
        CONFIG_FILE,
    ];
    if rel.is_empty() || !plain || own.contains(&rel) {
        bail!(t!("tx-is-not-a-store", rel = rel.to_string()));
    }
    Ok(())
}

fn rel_of(store: &Store, path: &Path) -> String {
    path.strip_prefix(&store.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn journal_append(store: &Store, line: &TxLine) -> Result<()> {
    let mut bytes = serde_json::to_vec(line)?;
    bytes.push(b'\n');
    fsutil::append(&store.journal_path(), &bytes)
}

/// The id a line was written by, if it is tagged.
pub fn tag_of(line: &[u8]) -> Option<u64> {
    let rest = line.strip_prefix(TAG)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 19 {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// Whether a line is a rollback or undo mark (not data).
pub fn is_mark(line: &[u8]) -> bool {
    memchr::memmem::find(line, MARK).is_some()
        && serde_json::from_slice::<serde_json::Value>(line).is_ok_and(|v| {
            v.get("mark").is_some_and(|m| m.is_string()) && v.get("of").is_some_and(|o| o.is_u64())
        })
}

/// Whether `bytes` holds a whole line tagged `id`.
fn has_tag(bytes: &[u8], id: u64) -> bool {
    let needle = format!("{{\"tx\":{id},");
    let needle2 = format!("{{\"tx\":{id}}}");
    memchr::memmem::find_iter(bytes, needle.as_bytes())
        .chain(memchr::memmem::find_iter(bytes, needle2.as_bytes()))
        .any(|at| at == 0 || bytes[at - 1] == b'\n')
}

/// Whether a file holds rollback or undo marks: without them, `mask` with
/// every write committed changes nothing.
pub fn has_marks(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, MARK).is_some()
}

/// Blanks out (with spaces, so line numbers and offsets stay) every line a
/// reader must not see: lines of writes with an id `>= below` (not
/// committed when the reader looked), of rolled-back and undone writes, and
/// the marks themselves. Returns whether anything was blanked.
pub fn mask(bytes: &mut [u8], below: u64) -> bool {
    let mut changed = false;
    // Writes not yet committed are always at the end of a file. A torn last
    // line decides nothing about the lines before it: cut inside its tag,
    // `{"tx":16` reads as an old write and would let the whole lines of the
    // write it belongs to through. (Blanked if its tag says so, else left
    // for the parser, which skips a torn line.)
    let mut end = bytes.len();
    if end > 0 && bytes[end - 1] == b'\n' {
        end -= 1;
    } else {
        let start = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
        if tag_of(&bytes[start..]).is_some_and(|t| t >= below) {
            bytes[start..].fill(b' ');
            changed = true;
        }
        end = start.saturating_sub(1);
    }
    loop {
        let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
        let line = &bytes[start..end];
        if !line.iter().all(u8::is_ascii_whitespace) {
            match tag_of(line) {
                Some(t) if t >= below => {
                    bytes[start..end].fill(b' ');
                    changed = true;
                }
                _ => break,
            }
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    if memchr::memmem::find(bytes, MARK).is_none() {
        return changed;
    }
    let mut hidden: HashSet<u64> = HashSet::new();
    let mut undone: Vec<(u64, u64)> = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        if memchr::memmem::find(line, MARK).is_some()
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(line)
            && let (Some(mark), Some(of)) = (
                v.get("mark").and_then(|m| m.as_str()),
                v.get("of").and_then(|m| m.as_u64()),
            )
        {
            match (mark, tag_of(line)) {
                ("rollback", _) => {
                    hidden.insert(of);
                }
                ("undo", Some(by)) if by < below => undone.push((by, of)),
                _ => {}
            }
            bytes[start..end].fill(b' ');
            changed = true;
        }
        start = end + 1;
    }
    for (by, of) in undone {
        if !hidden.contains(&by) {
            hidden.insert(of);
        }
    }
    if hidden.is_empty() {
        return changed;
    }
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if tag_of(&bytes[start..end]).is_some_and(|t| hidden.contains(&t)) {
            bytes[start..end].fill(b' ');
            changed = true;
        }
        start = end + 1;
    }
    changed
}

/// What the journal's end says, for readers and writers.
#[derive(Debug, Default)]
pub struct JournalTail {
    /// The id of the newest write the journal names.
    pub last_tx: u64,
    /// A write begun and not ended: cut off, or still being written.
    pub open: Option<TxLine>,
    /// The last line has no newline (a journal write cut off).
    pub torn: bool,
    /// The newest complete line does not parse.
    pub corrupt: Option<String>,
}

impl JournalTail {
    /// Lines tagged with an id at or above this are not committed.
    pub fn visible_below(&self) -> u64 {
        match &self.open {
            Some(open) => open.tx,
            None if self.last_tx == 0 => 0,
            None => self.last_tx + 1,
        }
    }
}

/// Reads the journal's newest complete line (and its torn tail, if any).
pub fn journal_tail(path: &Path) -> Result<JournalTail> {
    let mut tail = JournalTail::default();
    for raw in journal::raw_newest_first(path)? {
        let raw = raw?;
        if raw.torn {
            tail.torn = true;
            continue;
        }
        match Line::parse(&raw.bytes) {
            Some(Line::Tx(line)) => {
                tail.last_tx = line.tx;
                if line.end.is_none() {
                    tail.open = Some(line);
                }
            }
            Some(Line::Legacy(_)) => {}
            None => {
                // Readers go on to the line before; writers stop (`recover`).
                tail.corrupt.get_or_insert_with(|| {
                    t!("tx-the-last-line-is", path = path.display().to_string())
                });
                continue;
            }
        }
        break;
    }
    Ok(tail)
}

/// Under the lock: quarantines a torn journal line and rolls back a write
/// left open. Returns the newest write id and what was done.
pub fn recover(store: &Store, _lock: &WriteLock, announce: bool) -> Result<(u64, Vec<String>)> {
    let mut notes = Vec::new();
    let path = store.journal_path();
    if store.cut_torn_tail_quietly(&path)? {
        notes.push(t!(
            "tx-the-last-line-of",
            path = path.display().to_string(),
            quarantine_path = store.quarantine_path().display().to_string()
        ));
    }
    let tail = journal_tail(&path)?;
    if let Some(corrupt) = tail.corrupt {
        bail!(corrupt);
    }
    if let Some(open) = &tail.open {
        rollback(store, open)?;
        let what = t!(
            "tx-the-write-begun-by",
            unwrap_or_default = open
                .at
                .map(|a| a.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default()
                .to_string(),
            as_deref = open.by.as_deref().unwrap_or("?").to_string(),
            as_deref2 = WriteKind::label(open.begin.as_deref().unwrap_or("?")).to_string()
        );
        notes.push(what);
    }
    if announce {
        for n in &notes {
            crate::warn(n);
        }
    }
    Ok((tail.last_tx, notes))
}

/// After a failed commit: if nothing of the write reached any file, its
/// begin line is taken off the journal again (it is ours, under the lock,
/// and no line names it), so a failed write leaves no trace; else it is
/// rolled back like a write cut off.
fn abandon(store: &Store, begin: &TxLine, journal_len: Option<u64>) -> Result<()> {
    let mut landed = false;
    for rel in &begin.files {
        let path = store.root.join(rel);
        if is_link(&path) {
            continue;
        }
        let bytes = fsutil::read_if_exists(&path)?.unwrap_or_default();
        landed |= match rule(rel) {
            Rule::Config => begin
                .config_before
                .as_ref()
                .is_some_and(|b| b.as_bytes() != bytes.as_slice()),
            _ => has_tag(&bytes, begin.tx) || super::jsonl::split_lines(&bytes).1.is_some(),
        };
    }
    if landed {
        return rollback(store, begin);
    }
    let path = store.journal_path();
    let Some(journal_len) = journal_len else {
        // The begin line made the journal: a failed first write leaves none.
        return std::fs::remove_file(&path)
            .with_context(|| t!("tx-cannot-remove", path = path.display().to_string()));
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .with_context(|| t!("store-cannot-open", path = path.display().to_string()))?;
    let len = file
        .metadata()
        .with_context(|| t!("output-cannot-read", path = path.display().to_string()))?
        .len();
    if len < journal_len {
        bail!(t!(
            "tx-is-shorter-than-before",
            path = path.display().to_string()
        ));
    }
    file.set_len(journal_len)
        .and_then(|()| file.sync_all())
        .with_context(|| {
            t!(
                "tx-cannot-take-the-unfinished",
                path = path.display().to_string()
            )
        })
}

/// Takes back a write that never committed: appends a rollback mark to
/// every file holding its lines, puts `config.json` back, ends it.
fn rollback(store: &Store, open: &TxLine) -> Result<()> {
    let at = store.now()?;
    for rel in &open.files {
        let path = store.root.join(rel);
        // Never written through, so nothing of the write is there.
        if is_link(&path) {
            continue;
        }
        if matches!(rule(rel), Rule::Config) {
            if let Some(before) = &open.config_before {
                let now = fsutil::read_if_exists(&path)?.unwrap_or_default();
                if now != before.as_bytes() {
                    fsutil::atomic_write(&path, before.as_bytes())?;
                }
            }
            continue;
        }
        let Some(bytes) = fsutil::read_if_exists(&path)? else {
            continue;
        };
        let (_, torn) = super::jsonl::split_lines(&bytes);
        if torn.is_some() {
            store.cut_torn_tail(&path)?;
        }
        if has_tag(&bytes, open.tx) {
            let mut mark = serde_json::to_vec(&serde_json::json!({
                "mark": "rollback",
                "of": open.tx,
                "at": at,
            }))?;
            mark.push(b'\n');
            fsutil::append(&path, &mark)?;
        }
    }
    journal_append(store, &end_line(open.tx, End::Rollback, Some(at)))?;
    super::index::after_rollback(store, open.tx);
    Ok(())
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A write `undo` can take back.
#[derive(Debug, Clone)]
pub enum Undoable {
    Tx(TxLine),
    Legacy(journal::JournalLine),
}

impl Undoable {
    pub fn at(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        match self {
            Undoable::Tx(t) => t.at,
            Undoable::Legacy(l) => Some(l.at),
        }
    }

    /// Who made the write.
    pub fn by(&self) -> &str {
        match self {
            Undoable::Tx(t) => t.by.as_deref().unwrap_or(""),
            Undoable::Legacy(l) => &l.by,
        }
    }

    pub fn kind_label(&self) -> String {
        match self {
            Undoable::Tx(t) => WriteKind::label(t.begin.as_deref().unwrap_or("?")),
            Undoable::Legacy(l) => WriteKind::label(l.kind.as_str()),
        }
    }
}

/// The store's newest committed write that is not an undo and not undone,
/// whoever made it (SPEC §3 v2: exactly the last complete write, never an
/// older one of the same clerk past a newer one of another, which might
/// build on it). A corrupt journal line on the way is an error: `undo`
/// never guesses.
pub fn last_write(store: &Store) -> Result<Option<Undoable>> {
    let mut committed: HashSet<u64> = HashSet::new();
    let mut undone: HashSet<u64> = HashSet::new();
    let mut undone_entries: HashSet<String> = HashSet::new();
    for line in journal::newest_first(&store.journal_path())? {
        match line? {
            Line::Tx(t) => {
                if t.end == Some(End::Commit) {
                    committed.insert(t.tx);
                    continue;
                }
                let Some(kind) = &t.begin else { continue };
                if !committed.contains(&t.tx) {
                    continue;
                }
                if kind == WriteKind::Undo.as_str() {
                    undone.extend(t.undoes);
                    undone_entries.extend(t.undoes_entries.iter().cloned());
                    continue;
                }
                if !undone.contains(&t.tx) {
                    return Ok(Some(Undoable::Tx(t)));
                }
            }
            Line::Legacy(l) => {
                if l.kind == WriteKind::Undo {
                    undone_entries.extend(l.undoes.iter().cloned());
                    continue;
                }
                if l.entries.iter().any(|w| !undone_entries.contains(&w.id)) {
                    return Ok(Some(Undoable::Legacy(l)));
                }
            }
        }
    }
    Ok(None)
}

/// What an undo will take back, for the preview.
#[derive(Debug, Default)]
pub struct Taking {
    /// Entries of day files.
    pub entries: Vec<Entry>,
    /// Lines of other files: (file, the line as JSON).
    pub lines: Vec<(String, serde_json::Value)>,
    /// The settings file goes back to this.
    pub config_before: Option<String>,
}

impl Taking {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.lines.is_empty() && self.config_before.is_none()
    }
}

impl Tx<'_> {
    /// Stages the undo of `write` and says what it takes back.
    pub fn undo(&mut self, write: &Undoable) -> Result<Taking> {
        let store = self.store;
        let now = store.now()?;
        let mut taking = Taking::default();
        match write {
            Undoable::Legacy(l) => {
                let mut days: Vec<NaiveDate> = l.entries.iter().map(|w| w.date).collect();
                days.sort_unstable();
                days.dedup();
                for day in days {
                    let log = store.day(day)?;
                    let undone: HashSet<&str> = log
                        .entries
                        .iter()
                        .filter(|e| e.op == Op::Undo)
                        .filter_map(|e| e.target.as_deref())
                        .collect();
                    for w in l.entries.iter().filter(|w| w.date == day) {
                        if let Some(e) = log.entries.iter().find(|e| e.id == w.id)
                            && !undone.contains(e.id.as_str())
                        {
                            taking.entries.push(e.clone());
                        }
                    }
                }
                self.undoes_entries = taking.entries.iter().map(|e| e.id.clone()).collect();
            }
            Undoable::Tx(t) => {
                for rel in &t.files {
                    match rule(rel) {
                        Rule::Config => taking.config_before = t.config_before.clone(),
                        Rule::Day(date) => {
                            for line in lines_of(store, rel, t.tx)? {
                                let e: Entry =
                                    serde_json::from_slice(&line).with_context(|| {
                                        t!("tx-a-line-of-the", rel = rel.to_string())
                                    })?;
                                if e.date == date && e.op != Op::Undo {
                                    taking.entries.push(e);
                                }
                            }
                        }
                        Rule::Lines => {
                            let lines = lines_of(store, rel, t.tx)?;
                            if !lines.is_empty() {
                                self.append(
                                    rel,
                                    &[serde_json::json!({"mark": "undo", "of": t.tx})],
                                )?;
                            }
                            for line in lines {
                                if let Ok(v) = serde_json::from_slice(&line) {
                                    taking.lines.push((rel.clone(), v));
                                }
                            }
                        }
                    }
                }
                self.undoes = Some(t.tx);
                if let Some(before) = &taking.config_before {
                    self.config = Some(before.clone().into_bytes());
                }
            }
        }
        let undos: Vec<Entry> = taking
            .entries
            .iter()
            .map(|e| Entry::undo(new_entry_id(now), e, now, self.by.clone()))
            .collect();
        self.append_entries(&undos)?;
        Ok(taking)
    }
}

/// The lines of `rel` written by write `id`, as written (tag left in).
fn lines_of(store: &Store, rel: &str, id: u64) -> Result<Vec<Vec<u8>>> {
    let path: PathBuf = store.root.join(rel);
    let Some(bytes) = fsutil::read_if_exists(&path)? else {
        return Ok(Vec::new());
    };
    Ok(bytes
        .split(|b| *b == b'\n')
        .filter(|l| tag_of(l) == Some(id))
        .map(<[u8]>::to_vec)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_from_the_line_start_only() {
        assert_eq!(tag_of(b"{\"tx\":42,\"id\":\"a\"}"), Some(42));
        assert_eq!(tag_of(b"{\"id\":\"a\"}"), None);
        assert_eq!(tag_of(b"{\"tx\":,"), None);
        let mut out = Vec::new();
        tag_into(&mut out, 7, b"{\"a\":1}");
        tag_into(&mut out, 7, b"{}");
        assert_eq!(out, b"{\"tx\":7,\"a\":1}\n{\"tx\":7}\n");
        assert!(has_tag(&out, 7) && !has_tag(&out, 1));
    }

    fn masked(text: &str, below: u64) -> String {
        let mut bytes = text.as_bytes().to_vec();
        mask(&mut bytes, below);
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn readers_see_committed_lines_only() {
        let file = "{\"a\":0}\n{\"tx\":5,\"a\":1}\n{\"tx\":9,\"a\":2}\n{\"tx\":9,\"a\":3";
        assert_eq!(
            masked(file, 10),
            "{\"a\":0}|{\"tx\":5,\"a\":1}|{\"tx\":9,\"a\":2}|{\"tx\":9,\"a\":3"
        );
        assert_eq!(masked(file, 9), "{\"a\":0}|{\"tx\":5,\"a\":1}");
        // Cut inside its tag, the torn line does not let the write through.
        for torn in ["{\"tx\":1", "{\"tx\":", "{\"t"] {
            let file = format!("{{\"tx\":5,\"a\":1}}\n{{\"tx\":9,\"a\":2}}\n{torn}");
            assert_eq!(masked(&file, 9), format!("{{\"tx\":5,\"a\":1}}|{torn}"));
        }
        assert_eq!(masked(file, 0), "{\"a\":0}");
        let rolled = "{\"tx\":5,\"a\":1}\n{\"mark\":\"rollback\",\"of\":5}\n{\"tx\":6,\"a\":2}\n";
        assert_eq!(masked(rolled, 10), "{\"tx\":6,\"a\":2}");
        let undone = "{\"tx\":5,\"a\":1}\n{\"tx\":6,\"mark\":\"undo\",\"of\":5}\n";
        assert_eq!(masked(undone, 10), "");
        // An undo not yet committed takes nothing back yet.
        assert_eq!(masked(undone, 6), "{\"tx\":5,\"a\":1}");
        // An undo rolled back takes nothing back.
        let undo_rolled = "{\"tx\":5,\"a\":1}\n{\"tx\":6,\"mark\":\"undo\",\"of\":5}\n{\"mark\":\"rollback\",\"of\":6}\n";
        assert_eq!(masked(undo_rolled, 10), "{\"tx\":5,\"a\":1}");
    }

    #[test]
    fn undo_rules_follow_the_file() {
        assert!(matches!(rule("config.json"), Rule::Config));
        assert!(matches!(
            rule("records/2020/2020-02-18.jsonl"),
            Rule::Day(_)
        ));
        assert!(matches!(rule("roster.jsonl"), Rule::Lines));
        assert!(matches!(rule("posts.jsonl"), Rule::Lines));
        assert!(check_rel("../x").is_err() && check_rel("journal.jsonl").is_err());
        assert!(check_rel("posts.jsonl").is_ok());
    }
}
