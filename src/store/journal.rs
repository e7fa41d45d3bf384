//! `journal.jsonl`: one line per write (a record, a batch, a void, an
//! undo) saying who wrote which entries, so `undo` can find a clerk's last
//! write without scanning the day files. Append-only like the rest.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub const JOURNAL_FILE: &str = "journal.jsonl";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteKind {
    Record,
    Batch,
    Void,
    Undo,
    /// `post add` / `post edit`.
    Post,
    /// `supplies report` / `supplies resolve`.
    Supplies,
}

/// One event a write appended to an event file (posts.jsonl, supplies.jsonl).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenEvent {
    /// The file's name in the store's root.
    pub file: String,
    pub id: String,
}

/// One entry a write appended: where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub date: NaiveDate,
    pub id: String,
    pub person: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub kind: WriteKind,
    /// For an undo: the entries it appended, whose targets are in `undoes`.
    pub entries: Vec<Written>,
    /// Events appended to event files (posts, supplies).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<WrittenEvent>,
    /// For an undo: the ids of the entries it took back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undoes: Vec<String>,
}

const BLOCK: u64 = 64 * 1024;

/// The journal's lines from the newest back, read in blocks from the end so
/// a long history costs nothing until it is needed. Lines that do not parse
/// (a torn tail) are passed over.
pub fn newest_first(path: &Path) -> Result<impl Iterator<Item = JournalLine>> {
    let file = match File::open(path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut reader = Backwards {
        len: match &file {
            Some(f) => f
                .metadata()
                .with_context(|| format!("cannot read {}", path.display()))?
                .len(),
            None => 0,
        },
        file,
        carry: Vec::new(),
        lines: Vec::new(),
    };
    Ok(std::iter::from_fn(move || reader.next_line())
        .filter_map(|l| serde_json::from_slice(&l).ok()))
}

struct Backwards {
    file: Option<File>,
    /// How much of the file is still unread (from its start).
    len: u64,
    /// The start of a line whose beginning is in the unread part.
    carry: Vec<u8>,
    /// Whole lines of the last block read, oldest first.
    lines: Vec<Vec<u8>>,
}

impl Backwards {
    fn next_line(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(line) = self.lines.pop() {
                return Some(line);
            }
            if self.len == 0 {
                let rest = std::mem::take(&mut self.carry);
                return (!rest.is_empty()).then_some(rest);
            }
            let file = self.file.as_mut()?;
            let start = self.len.saturating_sub(BLOCK);
            let mut block = vec![0; (self.len - start) as usize];
            file.seek(SeekFrom::Start(start)).ok()?;
            file.read_exact(&mut block).ok()?;
            self.len = start;
            block.extend_from_slice(&std::mem::take(&mut self.carry));
            let mut parts: Vec<Vec<u8>> =
                block.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            // The first part may continue in the block before.
            self.carry = if start > 0 {
                parts.remove(0)
            } else {
                Vec::new()
            };
            parts.retain(|p| !p.is_empty());
            self.lines = parts;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_newest_first_across_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let at = DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap();
        let mut text = String::new();
        for i in 0..3000 {
            let line = JournalLine {
                at,
                by: format!("clerk{i}"),
                kind: WriteKind::Record,
                entries: vec![Written {
                    date: NaiveDate::from_ymd_opt(2020, 2, 18).unwrap(),
                    id: format!("id-{i}-{}", "x".repeat(i % 50)),
                    person: "S001".into(),
                }],
                events: vec![],
                undoes: vec![],
            };
            text.push_str(&serde_json::to_string(&line).unwrap());
            text.push('\n');
        }
        text.push_str("{\"torn");
        std::fs::write(&path, text).unwrap();
        let bys: Vec<String> = newest_first(&path).unwrap().map(|l| l.by).collect();
        assert_eq!(bys.len(), 3000);
        assert_eq!(bys[0], "clerk2999");
        assert_eq!(bys[2999], "clerk0");
        assert_eq!(newest_first(&dir.path().join("none")).unwrap().count(), 0);
    }
}
