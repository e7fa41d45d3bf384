//! `journal.jsonl`: the write-ahead log of every write (SPEC §6, v2). A
//! write is a transaction (`store::tx`): a `begin` line naming the files it
//! will touch, fsynced before any data; the data lines, each tagged with
//! the write's id; an `end` line (`commit`, or `rollback` when it was taken
//! back before it ever counted). Lines of the older format (one line per
//! finished write listing its entries) are still read, for `undo`.

use crate::t;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub const JOURNAL_FILE: &str = "journal.jsonl";

/// What a write was: one command. A new kind of write is a new variant
/// here (its name in the journal and its label in `undo`); how it is taken
/// back follows from the files it touched (see `store::tx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteKind {
    Record,
    Batch,
    Void,
    Undo,
    StaffAdd,
    FamilyAdd,
    PersonEdit,
    PersonLeave,
    RosterImport,
    ConfigSet,
    PersonRemove,
    /// `record --chat`: a WeChat roll-call.
    Chat,
    /// `post add` / `post edit`.
    Post,
    /// `supplies report` / `supplies resolve`.
    Supplies,
}

impl WriteKind {
    pub const ALL: [WriteKind; 14] = [
        WriteKind::Record,
        WriteKind::Batch,
        WriteKind::Void,
        WriteKind::Undo,
        WriteKind::StaffAdd,
        WriteKind::FamilyAdd,
        WriteKind::PersonEdit,
        WriteKind::PersonLeave,
        WriteKind::RosterImport,
        WriteKind::ConfigSet,
        WriteKind::PersonRemove,
        WriteKind::Chat,
        WriteKind::Post,
        WriteKind::Supplies,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WriteKind::Record => "record",
            WriteKind::Batch => "batch",
            WriteKind::Void => "void",
            WriteKind::Undo => "undo",
            WriteKind::StaffAdd => "staff_add",
            WriteKind::FamilyAdd => "family_add",
            WriteKind::PersonEdit => "person_edit",
            WriteKind::PersonLeave => "person_leave",
            WriteKind::RosterImport => "roster_import",
            WriteKind::ConfigSet => "config_set",
            WriteKind::PersonRemove => "person_remove",
            WriteKind::Chat => "chat",
            WriteKind::Post => "post",
            WriteKind::Supplies => "supplies",
        }
    }

    pub fn parse(name: &str) -> Option<WriteKind> {
        WriteKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// How `undo` names it to the clerk, in the message language.
    pub fn label(name: &str) -> String {
        match WriteKind::parse(name) {
            Some(WriteKind::Record) => t!("undo-kind-record"),
            Some(WriteKind::Batch) => t!("undo-kind-batch"),
            Some(WriteKind::Void) => t!("undo-kind-void"),
            Some(WriteKind::Undo) => t!("undo-kind-undo"),
            Some(WriteKind::StaffAdd) => t!("undo-kind-staff-add"),
            Some(WriteKind::FamilyAdd) => t!("undo-kind-family-add"),
            Some(WriteKind::PersonEdit) => t!("undo-kind-person-edit"),
            Some(WriteKind::PersonLeave) => t!("undo-kind-person-leave"),
            Some(WriteKind::RosterImport) => t!("undo-kind-roster-import"),
            Some(WriteKind::PersonRemove) => t!("undo-kind-person-remove"),
            Some(WriteKind::ConfigSet) => t!("undo-kind-config-set"),
            Some(WriteKind::Chat) => t!("undo-kind-chat"),
            Some(WriteKind::Post) => t!("undo-kind-post"),
            Some(WriteKind::Supplies) => t!("undo-kind-supplies"),
            None => name.to_string(),
        }
    }
}

/// How a write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    Commit,
    Rollback,
}

/// A line of the transaction journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxLine {
    /// The write's id: larger than every id before it in the journal.
    pub tx: u64,
    /// On a begin line: the kind of write (`WriteKind::as_str`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<End>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The store files the write appends to (relative to the store).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// For a write that replaces `config.json`: the file as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_before: Option<String>,
    /// For an undo: the write it takes back (a tx id, or for a write of the
    /// older format its position as `legacy:<at>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<u64>,
    /// For an undo of an older-format write: the entry ids it took back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undoes_entries: Vec<String>,
}

/// One entry an older-format write appended: where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub date: NaiveDate,
    pub id: String,
    pub person: String,
}

/// A journal line of the older format: one per finished write of records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub kind: WriteKind,
    /// For an undo: the entries it appended, whose targets are in `undoes`.
    pub entries: Vec<Written>,
    /// For an undo: the ids of the entries it took back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undoes: Vec<String>,
    /// For a roster write: each person it changed as they were before
    /// (`None`: added by it), so `undo` can put them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<(String, Option<crate::person::Person>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Tx(TxLine),
    Legacy(JournalLine),
}

impl Line {
    pub fn parse(bytes: &[u8]) -> Option<Line> {
        let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        if value.get("tx").is_some() {
            serde_json::from_value(value).ok().map(Line::Tx)
        } else {
            serde_json::from_value(value).ok().map(Line::Legacy)
        }
    }
}

/// A raw journal line read from the end, with its 1-based number counted
/// from the end (1 = the last line) and whether it lacks its newline.
#[derive(Debug, Clone)]
pub struct RawLine {
    pub bytes: Vec<u8>,
    pub from_end: usize,
    pub torn: bool,
}

/// Reads start with a small block, since readers want only the last line,
/// and double up to the large one for walks back through the history
/// (splitting a first 64 KiB block was 7% of a one-day `summary`).
const FIRST_BLOCK: u64 = 4 * 1024;
const BLOCK: u64 = 64 * 1024;

/// The journal's lines from the newest back, read in blocks from the end so
/// a long history costs nothing until it is needed. Blank lines are passed
/// over; a last line without its newline comes first, marked `torn`.
pub fn raw_newest_first(path: &Path) -> Result<impl Iterator<Item = Result<RawLine>>> {
    let file = match super::fsutil::open_read(path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(e)
                .with_context(|| t!("batch-cannot-read", path = path.display().to_string()));
        }
    };
    let len = match &file {
        Some(f) => f
            .metadata()
            .with_context(|| t!("output-cannot-read", path = path.display().to_string()))?
            .len(),
        None => 0,
    };
    let mut reader = Backwards {
        path: path.display().to_string(),
        len,
        at_end: true,
        file,
        carry: Vec::new(),
        carry_torn: false,
        lines: Vec::new(),
        count: 0,
        block: FIRST_BLOCK,
    };
    Ok(std::iter::from_fn(move || reader.next_line()))
}

/// The journal's complete lines from the newest back, parsed; a line that
/// does not parse is an error naming it.
pub fn newest_first(path: &Path) -> Result<impl Iterator<Item = Result<Line>>> {
    let shown = path.display().to_string();
    Ok(raw_newest_first(path)?.filter_map(move |raw| match raw {
        Err(e) => Some(Err(e)),
        Ok(raw) if raw.torn => None,
        Ok(raw) => Some(Line::parse(&raw.bytes).with_context(|| {
            t!(
                "journal-line-from-the-end",
                shown = shown.to_string(),
                from_end = raw.from_end.to_string()
            )
        })),
    }))
}

struct Backwards {
    path: String,
    file: Option<File>,
    /// How much of the file is still unread (from its start).
    len: u64,
    /// Nothing read yet.
    at_end: bool,
    /// The start of a line whose beginning is in the unread part.
    carry: Vec<u8>,
    /// `carry` is the file's last line and has no newline.
    carry_torn: bool,
    /// Whole lines of the last block read, oldest first, with whether torn.
    lines: Vec<(Vec<u8>, bool)>,
    count: usize,
    /// The size of the next read.
    block: u64,
}

impl Backwards {
    fn next_line(&mut self) -> Option<Result<RawLine>> {
        loop {
            if let Some((bytes, torn)) = self.lines.pop() {
                self.count += 1;
                return Some(Ok(RawLine {
                    bytes,
                    from_end: self.count,
                    torn,
                }));
            }
            if self.len == 0 {
                let rest = std::mem::take(&mut self.carry);
                if rest.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
                self.count += 1;
                return Some(Ok(RawLine {
                    bytes: rest,
                    from_end: self.count,
                    torn: std::mem::take(&mut self.carry_torn),
                }));
            }
            let file = self.file.as_mut()?;
            let start = self.len.saturating_sub(self.block);
            self.block = (self.block * 2).min(BLOCK);
            let mut block = vec![0; (self.len - start) as usize];
            if let Err(e) = file
                .seek(SeekFrom::Start(start))
                .and_then(|_| file.read_exact(&mut block))
            {
                self.len = 0;
                self.file = None;
                return Some(
                    Err(e).with_context(|| t!("output-cannot-read", path = self.path.to_string())),
                );
            }
            self.len = start;
            // The last part of the file's last block is its last line, torn
            // unless empty; in a block before, it ends where the carry does.
            let last_torn = std::mem::take(&mut self.at_end) || self.carry_torn;
            self.carry_torn = false;
            block.extend_from_slice(&std::mem::take(&mut self.carry));
            let mut parts: Vec<Vec<u8>> =
                block.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let last = parts.pop().unwrap_or_default();
            if start > 0 && parts.is_empty() {
                self.carry = last;
                self.carry_torn = last_torn;
                continue;
            }
            if start > 0 {
                self.carry = parts.remove(0);
            }
            let mut lines: Vec<(Vec<u8>, bool)> = parts.into_iter().map(|p| (p, false)).collect();
            lines.push((last, last_torn));
            lines.retain(|(p, _)| !p.iter().all(u8::is_ascii_whitespace));
            self.lines = lines;
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
        let mut text = String::new();
        for i in 0..3000u64 {
            let line = TxLine {
                tx: i,
                begin: Some("record".into()),
                end: None,
                at: None,
                by: Some(format!("clerk{i}-{}", "x".repeat(i as usize % 50))),
                files: vec![],
                config_before: None,
                undoes: None,
                undoes_entries: vec![],
            };
            text.push_str(&serde_json::to_string(&line).unwrap());
            text.push('\n');
        }
        text.push_str("{\"torn");
        std::fs::write(&path, text).unwrap();
        let raw: Vec<RawLine> = raw_newest_first(&path)
            .unwrap()
            .map(|l| l.unwrap())
            .collect();
        assert_eq!(raw.len(), 3001);
        assert!(raw[0].torn && !raw[1].torn);
        let txs: Vec<u64> = newest_first(&path)
            .unwrap()
            .map(|l| match l.unwrap() {
                Line::Tx(t) => t.tx,
                Line::Legacy(_) => u64::MAX,
            })
            .collect();
        assert_eq!(txs.len(), 3000);
        assert_eq!(txs[0], 2999);
        assert_eq!(txs[2999], 0);
        assert_eq!(newest_first(&dir.path().join("none")).unwrap().count(), 0);
    }

    #[test]
    fn a_corrupt_line_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, "{\"tx\":1,\"end\":\"commit\"}\nnot json\n").unwrap();
        let first = newest_first(&path).unwrap().next().unwrap();
        assert!(first.unwrap_err().to_string().contains("倒数第 1 行"));
    }

    #[test]
    fn legacy_lines_still_read() {
        let line = br#"{"at":"2020-02-18T08:00:00+08:00","by":"x","kind":"batch","entries":[{"date":"2020-02-18","id":"a","person":"S001"}]}"#;
        assert!(matches!(Line::parse(line), Some(Line::Legacy(_))));
    }
}
