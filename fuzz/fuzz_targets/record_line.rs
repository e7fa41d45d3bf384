//! Day-file lines as the store reads them: the JSON Lines split, an
//! `Entry` per line, its validation, and the day built from the good ones.
//! Any panic is a bug: a day file is user-editable input.

#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use healthreport::store::{DayLog, Entry, RosterEvent, jsonl};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(day) = NaiveDate::from_ymd_opt(2020, 2, 18) else {
        return;
    };
    let (lines, torn) = jsonl::split_lines(data);
    if let Some(t) = &torn {
        // The torn tail is the file's end, after every whole line.
        assert_eq!(t.offset + t.len, data.len());
        assert!(lines.iter().all(|(n, _)| *n < t.line));
    }
    let mut good = Vec::new();
    for (_, line) in &lines {
        assert!(!line.contains(&b'\n'));
        if let Ok(entry) = serde_json::from_slice::<Entry>(line) {
            let _ = entry.record();
            // What the store writes back reads back as the same line.
            let once = entry.to_line();
            let again: Entry = match serde_json::from_slice(&once) {
                Ok(e) => e,
                Err(e) => panic!("own line does not read back ({e}): {once:?}"),
            };
            assert_eq!(again.to_line(), once);
            if entry.validate(day).is_ok() {
                good.push(entry);
            }
        }
        let _ = serde_json::from_slice::<RosterEvent>(line);
    }
    let bad = jsonl::bad_lines::<Entry>(data, |e| e.validate(day));
    assert_eq!(bad.len() + good.len(), lines.len());
    for b in &bad {
        assert_eq!(data.get(b.offset + b.len), Some(&b'\n'));
    }
    let parsed = jsonl::parse_all::<Entry>(Path::new("f.jsonl"), data);
    if let Ok((entries, _)) = &parsed {
        assert_eq!(entries.len(), lines.len());
    }
    let log = DayLog {
        date: day,
        entries: good,
        torn,
    };
    let _ = log.records();
    let _ = log.standing();
    let _ = log.written().count();
    for e in &log.entries {
        let _ = log.record_of(&e.person);
        let _ = log.versions_of(&e.person).count();
    }
});
