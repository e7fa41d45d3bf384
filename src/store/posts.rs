//! `posts.jsonl` and `supplies.jsonl`: the frontline posts and the supply
//! shortages, as append-only events (SPEC §9 under §6). Each write appends
//! its events (synced, under the lock) and then notes them in the journal,
//! so `undo` can take them back; nothing is ever rewritten.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::journal::{self, WriteKind, WrittenEvent};
use super::{Store, WriteLock, fsutil, jsonl};
use crate::post::{PostEvent, Posts, SupplyEvent};

pub const POSTS_FILE: &str = "posts.jsonl";
pub const SUPPLIES_FILE: &str = "supplies.jsonl";

/// An event that `undo` can take back.
pub trait Event: Serialize + DeserializeOwned + Clone {
    /// The store file the events live in.
    const FILE: &'static str;
    /// The journal kind of a write of these events.
    const KIND: WriteKind;
    fn id(&self) -> &str;
    /// The id of the event an undo event takes back.
    fn target(&self) -> Option<&str>;
    /// An undo event taking back `self`.
    fn undo(&self, id: String, at: chrono::DateTime<chrono::FixedOffset>, by: &str) -> Self;
    fn validate(&self) -> Result<()>;
}

impl Event for PostEvent {
    const FILE: &'static str = POSTS_FILE;
    const KIND: WriteKind = WriteKind::Post;
    fn id(&self) -> &str {
        &self.id
    }
    fn target(&self) -> Option<&str> {
        self.target.as_deref()
    }
    fn undo(&self, id: String, at: chrono::DateTime<chrono::FixedOffset>, by: &str) -> Self {
        PostEvent {
            id,
            op: crate::post::PostOp::Undo,
            post: None,
            target: Some(self.id.clone()),
            at,
            by: by.to_string(),
        }
    }
    fn validate(&self) -> Result<()> {
        PostEvent::validate(self)
    }
}

impl Event for SupplyEvent {
    const FILE: &'static str = SUPPLIES_FILE;
    const KIND: WriteKind = WriteKind::Supplies;
    fn id(&self) -> &str {
        &self.id
    }
    fn target(&self) -> Option<&str> {
        self.target.as_deref()
    }
    fn undo(&self, id: String, at: chrono::DateTime<chrono::FixedOffset>, by: &str) -> Self {
        SupplyEvent {
            id,
            op: crate::post::SupplyOp::Undo,
            date: None,
            post: None,
            item: None,
            unit: None,
            need: None,
            have: None,
            resolved_by: None,
            note: None,
            target: Some(self.id.clone()),
            at,
            by: by.to_string(),
        }
    }
    fn validate(&self) -> Result<()> {
        SupplyEvent::validate(self)
    }
}

impl Store {
    pub fn event_path<E: Event>(&self) -> PathBuf {
        self.root.join(E::FILE)
    }

    /// Every event of one event file, in the order written. A corrupt line
    /// is an error naming file and line; a torn last line is left out with
    /// a warning (`repair` quarantines it).
    pub fn events<E: Event>(&self) -> Result<Vec<E>> {
        let path = self.event_path::<E>();
        let Some(bytes) = fsutil::read_if_exists(&path)? else {
            return Ok(Vec::new());
        };
        let (events, torn) = jsonl::parse_all::<E>(&path, &bytes)?;
        for (i, e) in events.iter().enumerate() {
            if let Err(err) = e.validate() {
                bail_line(&path, &bytes, i, &err)?;
            }
        }
        if let Some(torn) = &torn {
            self.warn_torn(&path, torn);
        }
        Ok(events)
    }

    pub fn posts(&self) -> Result<Posts> {
        Ok(Posts::from_events(&self.events::<PostEvent>()?))
    }

    /// The one write of posts or supplies: appends `events` to their file
    /// (synced), then notes them in the journal so `undo` can take them back.
    pub fn write_events<E: Event>(&self, lock: &WriteLock, by: &str, events: &[E]) -> Result<()> {
        self.append_events(lock, events)?;
        self.log_events(lock, E::KIND, by, events, Vec::new())
    }

    /// Appends events to their file and syncs; a torn tail left by a crash
    /// is quarantined first.
    pub fn append_events<E: Event>(&self, _lock: &WriteLock, events: &[E]) -> Result<()> {
        let path = self.event_path::<E>();
        self.cut_torn_tail(&path)?;
        let mut bytes = Vec::new();
        for e in events {
            serde_json::to_writer(&mut bytes, e)?;
            bytes.push(b'\n');
        }
        fsutil::append(&path, &bytes)
    }

    /// Notes a write of events in the journal, after they are durable.
    pub fn log_events<E: Event>(
        &self,
        _lock: &WriteLock,
        kind: WriteKind,
        by: &str,
        events: &[E],
        undoes: Vec<String>,
    ) -> Result<()> {
        let line = journal::JournalLine {
            at: self.now()?,
            by: by.to_string(),
            kind,
            entries: Vec::new(),
            events: events
                .iter()
                .map(|e| WrittenEvent {
                    file: E::FILE.to_string(),
                    id: e.id().to_string(),
                })
                .collect(),
            undoes,
        };
        let mut bytes = serde_json::to_vec(&line)?;
        bytes.push(b'\n');
        fsutil::append(&self.journal_path(), &bytes)
    }
}

fn bail_line(path: &Path, bytes: &[u8], index: usize, err: &anyhow::Error) -> Result<()> {
    let line = jsonl::split_lines(bytes)
        .0
        .get(index)
        .map_or(index + 1, |(number, _)| *number);
    anyhow::bail!(
        "{}:{line}: wrong event ({err}); run `healthreport check`, then `healthreport repair` to quarantine it",
        path.display()
    )
}
