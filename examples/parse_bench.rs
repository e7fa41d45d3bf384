//! Measures the three ways to read a day file's lines (issue 14): the
//! hand-written scanner of `store/scan.rs`, serde_json with borrowed
//! fields (`#[serde(borrow)] Cow<str>`), and sonic-rs with the same serde
//! types; plus serde_json into the owned `Entry` (the scanner's fallback).
//! One thread, every line of every day file of a store, held in memory
//! first so only parsing is timed.
//!
//!     cargo run --release --features parse-bench --example parse_bench -- STORE [ROUNDS [ONLY]]
//!
//! `ONLY` (1-5) runs one reader, for counting its instructions with
//! `valgrind --tool=callgrind`, which a busy machine does not disturb
//! (`ONLY` 0 reads the files and parses nothing: the base to subtract).

use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use healthreport::record::{Isolation, Work};
use healthreport::store::records::{Entry, Op};
use healthreport::store::scan;
use serde::Deserialize;

/// A string borrowed from the line unless it has escapes (read to be
/// parsed, not used).
#[derive(Deserialize)]
#[allow(dead_code)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

/// An entry line with its text borrowed: what serde reads in place of the
/// scanner's `EntryRef`.
#[derive(Deserialize)]
#[allow(dead_code)] // Read to be parsed, not used.
struct Borrowed<'a> {
    #[serde(default)]
    tx: Option<u64>,
    #[serde(borrow)]
    id: Cow<'a, str>,
    op: Op,
    date: NaiveDate,
    #[serde(borrow)]
    person: Cow<'a, str>,
    temperature: Option<f64>,
    temperature_pm: Option<f64>,
    #[serde(borrow, default)]
    symptoms: Vec<Text<'a>>,
    #[serde(borrow)]
    location: Option<Text<'a>>,
    contact: Option<bool>,
    observation_since: Option<NaiveDate>,
    isolation: Option<Isolation>,
    isolation_since: Option<NaiveDate>,
    work: Option<Work>,
    #[serde(borrow)]
    post: Option<Text<'a>>,
    #[serde(borrow)]
    note: Option<Text<'a>>,
    #[serde(borrow)]
    reason: Option<Text<'a>>,
    #[serde(borrow)]
    target: Option<Text<'a>>,
    recorded_at: DateTime<FixedOffset>,
    #[serde(borrow)]
    recorded_by: Cow<'a, str>,
}

/// A way to read a line, giving its temperature.
type Reader<'a> = Box<dyn Fn(&[u8]) -> Option<f64> + 'a>;

fn files(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "jsonl") {
            out.push(std::fs::read(&p).unwrap_or_default());
        }
    }
}

/// The best of `rounds` passes over every line; the sum of temperatures
/// read shows each variant read the same values.
fn time(lines: &[&[u8]], rounds: usize, parse: impl Fn(&[u8]) -> Option<f64>) -> (Duration, f64) {
    let mut best = Duration::MAX;
    let mut sum = 0.0;
    for _ in 0..rounds {
        let start = Instant::now();
        sum = 0.0;
        for line in lines {
            sum += parse(line).unwrap_or(f64::NAN);
        }
        best = best.min(start.elapsed());
    }
    (best, sum)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let store = args.next().expect("usage: parse_bench STORE [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let only: Option<usize> = args.next().and_then(|r| r.parse().ok());
    let mut data = Vec::new();
    files(&Path::new(&store).join("records"), &mut data);
    let lines: Vec<&[u8]> = data
        .iter()
        .flat_map(|f| f.split(|&b| b == b'\n').filter(|l| !l.is_empty()))
        .collect();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    println!(
        "{} lines, {:.0} MB, best of {rounds} passes on one thread",
        lines.len(),
        bytes as f64 / 1e6
    );
    println!("| reader | ms | ns/line | MB/s | vs scan.rs |");
    println!("|---|---|---|---|---|");
    let t = |e: Option<f64>| Some(e.unwrap_or(0.0));
    let variants: Vec<(&str, Reader<'_>)> = vec![
        (
            "store/scan.rs (EntryRef, borrowed)",
            Box::new(|l| t(scan::parse_line(l)?.temperature)),
        ),
        (
            "store/scan.rs + to_entry (owned Entry)",
            Box::new(|l| t(scan::parse_line(l)?.to_entry().temperature)),
        ),
        (
            "serde_json, #[serde(borrow)] Cow<str>",
            Box::new(|l| t(serde_json::from_slice::<Borrowed>(l).ok()?.temperature)),
        ),
        (
            "serde_json, owned Entry",
            Box::new(|l| t(serde_json::from_slice::<Entry>(l).ok()?.temperature)),
        ),
        (
            "sonic-rs, #[serde(borrow)] Cow<str>",
            Box::new(|l| t(sonic_rs::from_slice::<Borrowed>(l).ok()?.temperature)),
        ),
    ];
    let mut base = None;
    for (n, (name, parse)) in variants.iter().enumerate() {
        if only.is_some_and(|only| only != n + 1) {
            continue;
        }
        let (d, sum) = time(&lines, rounds, parse);
        let ms = d.as_secs_f64() * 1e3;
        let base_ms = *base.get_or_insert(ms);
        println!(
            "| {name} | {ms:.0} | {:.0} | {:.0} | {:.2}x |  (sum {sum:.1})",
            d.as_nanos() as f64 / lines.len() as f64,
            bytes as f64 / 1e6 / d.as_secs_f64(),
            ms / base_ms
        );
    }
}
