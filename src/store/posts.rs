//! `posts.jsonl` and `supplies.jsonl`: the frontline posts and the supply
//! shortages, as append-only events (SPEC §9 under §6). They are written
//! through the store's one transaction (`Tx`, kinds `post` and `supplies`),
//! so a write lands whole or not at all and `undo` takes it back with a mark;
//! readers see only committed, not undone lines.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::tx::Tx;
use super::{Store, jsonl};
use crate::post::{PostEvent, Posts, SupplyEvent};

pub const POSTS_FILE: &str = "posts.jsonl";
pub const SUPPLIES_FILE: &str = "supplies.jsonl";

/// A line of an event file.
pub trait Event: Serialize + DeserializeOwned + Clone {
    /// The store file the events live in.
    const FILE: &'static str;
    fn validate(&self) -> Result<()>;
}

impl Event for PostEvent {
    const FILE: &'static str = POSTS_FILE;
    fn validate(&self) -> Result<()> {
        PostEvent::validate(self)
    }
}

impl Event for SupplyEvent {
    const FILE: &'static str = SUPPLIES_FILE;
    fn validate(&self) -> Result<()> {
        SupplyEvent::validate(self)
    }
}

impl Store {
    pub fn event_path<E: Event>(&self) -> PathBuf {
        self.root.join(E::FILE)
    }

    /// Every visible event of one event file, in the order written. A
    /// corrupt line is an error naming file and line; a torn last line is
    /// left out with a warning (`repair` quarantines it).
    pub fn events<E: Event>(&self) -> Result<Vec<E>> {
        let path = self.event_path::<E>();
        let mut bytes = Vec::new();
        if !self.read_visible_into(&path, &mut bytes)? {
            return Ok(Vec::new());
        }
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
}

/// Stages events for their file in a write.
pub fn stage<E: Event>(tx: &mut Tx<'_>, events: &[E]) -> Result<()> {
    tx.append(E::FILE, events)
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
