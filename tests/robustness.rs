//! Never lose a record (SPEC §6): `check` and `repair`, corrupt and torn
//! lines, concurrent writers, `kill -9` mid-write, a file-size limit, a
//! read-only store, a newer format, and private permissions. Every test
//! drives the real binary on its own store and is bounded in time.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use common::*;

// ---------------------------------------------------------------- helpers

/// A store with two staff members and a family member: S001 张伟, S001-1
/// 孙丽, S002 李娜.
fn store_with_people() -> TestStore {
    let store = TestStore::init(&["--org", "测试局", "--home-city", "北京"]);
    let p = store.path();
    ok(
        p,
        &w("staff add --since 2019-01-01 张伟 --dept 办公室 --phone 13800010001"),
    );
    ok(
        p,
        &w("family add --since 2019-01-01 孙丽 --of 张伟 --relation 配偶"),
    );
    ok(p, &w("staff add --since 2019-01-01 李娜 --dept 财务科"));
    store
}

fn day_file(store: &Path, date: &str) -> PathBuf {
    store
        .join("records")
        .join(&date[..4])
        .join(format!("{date}.jsonl"))
}

/// `check` as it ran.
fn check(store: &Path) -> Output {
    run(store, &["check"])
}

/// Asserts `check` finds the store clean and returns its line.
fn check_ok(store: &Path) -> String {
    let out = ok(store, &["check"]);
    assert!(out.starts_with("存储完好："), "{out}");
    out
}

/// Asserts `check` found problems: exit 1, one problem per stdout line,
/// one error line on stderr naming the count and `healthreport repair`.
/// Returns the problem lines.
fn check_problems(store: &Path) -> Vec<String> {
    let out = check(store);
    let context = describe(&["check"], &out);
    assert_eq!(out.status.code(), Some(1), "{context}");
    let err = text(&out.stderr);
    assert_one_error_line(&err, &context);
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    assert!(
        err.contains(&format!("有 {} 个问题", lines.len())),
        "{context}"
    );
    lines
}

/// The problem lines about `file` (a path inside the store), with their line numbers.
fn problems_in<'a>(problems: &'a [String], file: &Path) -> Vec<&'a str> {
    let prefix = file.display().to_string();
    problems
        .iter()
        .filter(|p| p.starts_with(&prefix))
        .map(String::as_str)
        .collect()
}

/// The lines of `quarantine.jsonl`, parsed.
fn quarantined(store: &Path) -> Vec<Value> {
    let path = store.join("quarantine.jsonl");
    let Ok(bytes) = fs::read(&path) else {
        return Vec::new();
    };
    text(&bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("quarantine line {l}: {e}")))
        .collect()
}

/// Every day file of the store (relative path -> bytes).
fn day_files(store: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(&store.join("records"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "jsonl"))
        .collect()
}

/// The notes of every entry in every day file, asserting that each line
/// is whole JSON (a torn tail is allowed only if `allow_torn`).
fn notes_in_day_files(store: &Path, allow_torn: bool) -> Vec<String> {
    let mut notes = Vec::new();
    for (path, bytes) in day_files(store) {
        let body = text(&bytes);
        let (whole, tail) = match body.rfind('\n') {
            Some(i) => (&body[..=i], &body[i + 1..]),
            None => ("", body.as_str()),
        };
        assert!(
            allow_torn || tail.is_empty(),
            "{}: torn tail {tail:?}",
            path.display()
        );
        for line in whole.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}: bad line {line:?}: {e}", path.display()));
            if let Some(n) = v["note"].as_str() {
                notes.push(n.to_string());
            }
        }
    }
    notes
}

/// The notes of every version `export --all-versions` lists.
fn exported_notes(store: &Path) -> Vec<String> {
    let out = ok(store, &w("export --format jsonl --all-versions"));
    out.lines()
        .map(parse_json)
        .filter_map(|v| v["note"].as_str().map(str::to_string))
        .collect()
}

/// How often each string occurs.
fn counts(items: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i.as_str()).or_insert(0) += 1;
    }
    m
}

fn append(path: &Path, bytes: &[u8]) {
    let mut f = OpenOptions::new()
        .append(true)
        .open(path)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    f.write_all(bytes).expect("append by hand");
}

/// A small deterministic pseudo-random sequence (xorshift), so a failing
/// run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Walks the store asserting every file is 0600 and every folder 0700.
fn assert_private(store: &Path) {
    assert_eq!(mode(store), 0o700, "{}", store.display());
    for (rel, _) in snapshot(store) {
        let name = rel.to_string_lossy();
        let path = store.join(name.trim_end_matches('/'));
        let want = if name.ends_with('/') { 0o700 } else { 0o600 };
        assert_eq!(mode(&path), want, "mode of {}", path.display());
    }
}

// ------------------------------------------------------------ check basics

#[test]
fn check_on_a_clean_store_counts_days_entries_people() {
    let store = store_with_people();
    let p = store.path();
    ok(p, &w("record S001 --temp 36.5 --date 2020-02-17"));
    ok(p, &w("record S001 --temp 36.6"));
    ok(p, &w("record S001 --temp 36.7"));
    ok(p, &w("record S002 --temp 36.4"));
    assert_eq!(
        check_ok(p),
        "存储完好：2 天，4 条记录，3 人\n",
        "days with files, every entry (corrections too), people on the roster"
    );
    // Quiet: nothing to say, the exit code tells.
    assert_eq!(ok(p, &w("check --quiet")), "");
    assert!(ok(p, &["repair"]).starts_with("无需修复：存储完好：2 天"));
    // A fresh store is clean too.
    let empty = TestStore::init(&[]);
    assert_eq!(check_ok(empty.path()), "存储完好：0 天，0 条记录，0 人\n");
}

#[test]
fn check_and_repair_on_a_missing_store_say_to_run_init() {
    let store = TestStore::fresh();
    for cmd in ["check", "repair"] {
        let err = fail(store.path(), &[cmd]);
        assert!(err.contains("healthreport init"), "{err}");
        assert!(!store.path().exists(), "{cmd} created the store folder");
    }
}

// ------------------------------------------- corrupt lines in a day file

/// A day file of five whole entries, and the store around it.
fn store_with_a_day() -> (TestStore, PathBuf, Vec<u8>) {
    let store = store_with_people();
    let p = store.path();
    ok(p, &w("record S001 --temp 36.5 --note one"));
    ok(p, &w("record S001-1 --temp 36.6 --note two"));
    ok(p, &w("record S002 --temp 36.7 --note three"));
    ok(p, &w("record S001 --temp 36.8 --note four"));
    ok(p, &w("record S002 --temp 36.9 --note five"));
    let path = day_file(p, TODAY);
    let good = fs::read(&path).expect("day file");
    assert_eq!(text(&good).lines().count(), 5);
    (store, path, good)
}

#[test]
fn corrupt_lines_at_start_middle_and_end_of_a_day_file() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    let good_text = text(&good);
    let good_lines: Vec<&str> = good_text.lines().collect();
    // Line 1 garbage, line 4 half a line followed by a newline (JSON cut
    // short), line 8 an entry of the wrong day at the end.
    let wrong_day = good_lines[0].replace(TODAY, "2020-02-17");
    let mut bad = String::new();
    bad.push_str("this is not json\n");
    bad.push_str(good_lines[0]);
    bad.push('\n');
    bad.push_str(good_lines[1]);
    bad.push('\n');
    bad.push_str(&good_lines[2][..40]);
    bad.push('\n');
    for l in &good_lines[2..] {
        bad.push_str(l);
        bad.push('\n');
    }
    bad.push_str(&wrong_day);
    bad.push('\n');
    fs::write(&path, &bad).expect("write corrupt day file");
    let before = snapshot(p);

    // Reports fail naming the file and the first bad line; nothing is written.
    let err = fail(p, &w("daily --date 2020-02-18"));
    assert!(
        err.contains(&format!("{}:1：损坏的行", path.display())),
        "{err}"
    );
    assert!(err.contains("healthreport check"), "{err}");
    let err = fail(p, &w("record S001 --temp 37.0"));
    assert!(err.contains(&format!("{}:1：", path.display())), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "a refused record");

    // With the first line fixed by hand, the report names the next one.
    let mut hand = bad.clone().into_bytes();
    hand.drain(..b"this is not json\n".len());
    fs::write(&path, &hand).expect("write");
    let err = fail(p, &w("summary --date 2020-02-18"));
    assert!(
        err.contains(&format!("{}:3：损坏的行", path.display())),
        "{err}"
    );
    fs::write(&path, &bad).expect("write");

    // check names every bad line and changes nothing.
    let problems = check_problems(p);
    let mine = problems_in(&problems, &path);
    assert_eq!(mine.len(), 3, "{problems:#?}");
    assert!(mine[0].starts_with(&format!("{}:1: 损坏的行", path.display())));
    assert!(mine[1].starts_with(&format!("{}:4: 损坏的行", path.display())));
    assert!(mine[2].starts_with(&format!("{}:8: 记录有误", path.display())));
    assert!(mine.iter().all(|m| m.contains("quarantine.jsonl")));
    assert_same_snapshot(&before, &snapshot(p), "check");

    // repair moves exactly those three lines; the good ones stay, in order,
    // byte for byte.
    let out = ok(p, &["repair"]);
    for n in [1, 4, 8] {
        assert!(
            out.contains(&format!("已移走 {}:{n}（", path.display())),
            "{out}"
        );
    }
    assert!(out.contains("3 行移到"), "{out}");
    assert_eq!(fs::read(&path).expect("day file"), good);
    let q = quarantined(p);
    assert_eq!(q.len(), 3);
    let rel = format!("records/2020/{TODAY}.jsonl");
    assert_eq!(q[0]["file"], rel.as_str());
    assert_eq!(q[0]["line"], 1);
    assert_eq!(q[0]["text"], "this is not json");
    assert!(str_of(&q[0], "why").starts_with("损坏的行"));
    assert_eq!(q[1]["line"], 4);
    assert_eq!(q[1]["text"], &good_lines[2][..40]);
    assert_eq!(q[2]["line"], 8);
    assert_eq!(q[2]["text"], wrong_day.as_str());
    assert!(str_of(&q[2], "why").starts_with("记录有误"));
    assert_eq!(mode(&p.join("quarantine.jsonl")), 0o600);
    assert_eq!(mode(&path), 0o600);

    check_ok(p);
    ok(p, &w("daily --date 2020-02-18"));
    ok(p, &w("record S001 --temp 37.0"));
    check_ok(p);
}

#[test]
fn corrupt_lines_at_start_middle_and_end_of_the_roster() {
    let store = store_with_people();
    let p = store.path();
    ok(p, &w("record S001 --temp 36.5"));
    let roster = p.join("roster.jsonl");
    let good = fs::read(&roster).expect("roster");
    let good_text = text(&good);
    let lines: Vec<&str> = good_text.lines().collect();
    assert_eq!(lines.len(), 3);
    let bad = format!(
        "{{\"op\":\"add\"}}\n{}\n[1,2,3]\n{}\n{}\n\u{0}\u{1}binary\n",
        lines[0], lines[1], lines[2]
    );
    fs::write(&roster, &bad).expect("write roster");
    let before = snapshot(p);

    // Every command reads the roster; each fails naming file and line.
    for args in [
        w("daily"),
        w("record S001 --temp 36.6"),
        w("staff add --since 2019-01-01 王强"),
    ] {
        let err = fail(p, &args);
        assert!(
            err.contains(&format!("{}:1：损坏的行", roster.display())),
            "{err}"
        );
    }
    assert_same_snapshot(&before, &snapshot(p), "commands over a corrupt roster");

    let problems = check_problems(p);
    let mine = problems_in(&problems, &roster);
    assert_eq!(mine.len(), 3, "{problems:#?}");
    for (m, n) in mine.iter().zip([1, 3, 6]) {
        assert!(
            m.starts_with(&format!("{}:{n}: 损坏的行", roster.display())),
            "{m}"
        );
    }
    assert_same_snapshot(&before, &snapshot(p), "check");

    let out = ok(p, &["repair"]);
    assert!(out.contains("3 行移到"), "{out}");
    assert_eq!(fs::read(&roster).expect("roster"), good);
    let q = quarantined(p);
    assert_eq!(
        q.iter()
            .map(|v| v["line"].as_u64().unwrap_or(0))
            .collect::<Vec<_>>(),
        [1, 3, 6]
    );
    assert!(q.iter().all(|v| v["file"] == "roster.jsonl"));
    assert_eq!(q[2]["text"], "\u{0}\u{1}binary");
    check_ok(p);
    ok(p, &w("staff add --since 2019-01-01 王强"));
}

#[test]
fn bytes_that_are_not_utf8_are_quarantined_exactly() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    let mut bad = good.clone();
    bad.extend_from_slice(b"\xff\xfe{\"id\":\x80}\n");
    fs::write(&path, &bad).expect("write");
    let problems = check_problems(p);
    assert!(problems[0].starts_with(&format!("{}:6: 损坏的行", path.display())));
    ok(p, &["repair"]);
    assert_eq!(fs::read(&path).expect("day file"), good);
    let q = quarantined(p);
    assert_eq!(q[0]["bytes_hex"], "fffe7b226964223a807d");
    check_ok(p);
}

// ------------------------------------------------- torn and truncated files

#[test]
fn a_truncated_day_file_is_a_torn_tail_reports_warn_and_repair_quarantines_it() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    let last_start = good[..good.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let cut = last_start + 30;
    let f = OpenOptions::new().write(true).open(&path).expect("open");
    f.set_len(cut as u64).expect("truncate");
    drop(f);
    let before = snapshot(p);

    // Reports still work, without the torn line, and warn naming it.
    let out = run(p, &w("daily --date 2020-02-18 --format json"));
    assert_eq!(out.status.code(), Some(0), "{}", describe(&["daily"], &out));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("{}:5：最后一行残缺", path.display())),
        "{err}"
    );
    assert!(err.contains("healthreport repair"), "{err}");
    let rows = parse_json(&text(&out.stdout));
    let s002 = array(&rows)
        .iter()
        .find(|r| r["person"] == "S002")
        .expect("S002 row")
        .clone();
    assert_eq!(s002["temperature"], 36.7, "the torn correction is left out");
    assert_same_snapshot(&before, &snapshot(p), "a report over a torn tail");

    let problems = check_problems(p);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(&format!("{}:5: 最后一行残缺（30 字节", path.display())),
        "{problems:?}"
    );
    let out = ok(p, &["repair"]);
    assert!(
        out.contains(&format!("已移走 {}:5（最后一行残缺）→ ", path.display())),
        "{out}"
    );
    assert_eq!(fs::read(&path).expect("day"), &good[..last_start]);
    let q = quarantined(p);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["why"], "最后一行残缺");
    assert_eq!(q[0]["text"], text(&good[last_start..cut]));
    check_ok(p);
}

#[test]
fn a_writer_after_a_torn_tail_quarantines_it_first() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    append(&path, b"{\"id\":\"half");
    let out = run(p, &w("record S001-1 --temp 36.2 --note after"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["record"], &out)
    );
    assert!(text(&out.stderr).contains("最后一行残缺"));
    let now = text(&fs::read(&path).expect("day"));
    assert!(now.starts_with(&text(&good)));
    assert_eq!(now.lines().count(), 6);
    assert!(now.ends_with("\n") && now.lines().last().is_some_and(|l| l.contains("after")));
    assert_eq!(quarantined(p)[0]["text"], "{\"id\":\"half");
    check_ok(p);
}

#[test]
fn a_truncated_roster_reads_with_a_warning_and_repairs() {
    let store = store_with_people();
    let p = store.path();
    let roster = p.join("roster.jsonl");
    let good = fs::read(&roster).expect("roster");
    let f = OpenOptions::new().write(true).open(&roster).expect("open");
    f.set_len(good.len() as u64 - 20).expect("truncate");
    drop(f);
    let out = run(p, &w("roster --format json"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["roster"], &out)
    );
    assert!(text(&out.stderr).contains(&format!("{}:3：最后一行残缺", roster.display())));
    assert_eq!(array(&parse_json(&text(&out.stdout))).len(), 2);
    let problems = check_problems(p);
    assert_eq!(problems.len(), 1, "{problems:?}");
    ok(p, &["repair"]);
    check_ok(p);
    assert_eq!(quarantined(p)[0]["file"], "roster.jsonl");
}

#[test]
fn a_torn_line_in_the_quarantine_file_is_ended_not_moved() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    let q = p.join("quarantine.jsonl");
    fs::write(&q, b"{\"file\":\"x\",\"li").expect("write");
    fs::set_permissions(&q, fs::Permissions::from_mode(0o600)).expect("chmod");
    let problems = check_problems(p);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with(&format!("{}:1: 最后一行残缺", q.display())));
    append(&path, b"garbage\n");
    let out = ok(p, &["repair"]);
    assert!(out.contains("已给残缺的最后一行"), "{out}");
    let body = text(&fs::read(&q).expect("quarantine"));
    assert!(body.starts_with("{\"file\":\"x\",\"li\n{"), "{body}");
    assert_eq!(
        body.lines().nth(1).map(parse_json).expect("line 2")["text"],
        "garbage"
    );
    assert_eq!(fs::read(&path).expect("day"), good);
    check_ok(p);
}

// ------------------------------------------- what repair leaves to a person

#[test]
fn an_entry_for_someone_not_on_the_roster_is_reported_not_moved() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    let line = text(&good)
        .lines()
        .next()
        .expect("a line")
        .replace("\"S001\"", "\"S999\"");
    append(&path, format!("{line}\n").as_bytes());
    let problems = check_problems(p);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(&format!("{}:6: 记录 ", path.display())));
    assert!(problems[0].contains("属于 S999，此人不在名册上"));
    assert!(problems[0].contains("repair 不处理"));
    assert!(problems[0].contains("--id S999"));
    let before = snapshot(p);
    let out = run(p, &["repair"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        describe(&["repair"], &out)
    );
    assert_one_error_line(&text(&out.stderr), "repair");
    assert!(text(&out.stdout).contains("未处理："));
    assert_same_snapshot(&before, &snapshot(p), "repair of an unknown person");
    // Adding the person back fixes it.
    ok(p, &w("staff add --since 2019-01-01 赵六 --id S999"));
    check_ok(p);
}

#[test]
fn misplaced_and_misnamed_day_files_are_reported_and_left() {
    let (store, path, _) = store_with_a_day();
    let p = store.path();
    let wrong_year = p.join("records/2019");
    fs::create_dir(&wrong_year).expect("mkdir");
    fs::set_permissions(&wrong_year, fs::Permissions::from_mode(0o700)).expect("chmod");
    let misplaced = wrong_year.join("2020-02-18.jsonl");
    fs::copy(&path, &misplaced).expect("copy");
    let misnamed = p.join("records/2020/2020-2-18.jsonl");
    fs::copy(&path, &misnamed).expect("copy");
    let stray = p.join("records/notes");
    fs::write(&stray, "x").expect("write");
    fs::set_permissions(&stray, fs::Permissions::from_mode(0o600)).expect("chmod");
    let problems = check_problems(p);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems_in(&problems, &misplaced)[0].contains("放错了年份文件夹"));
    assert!(problems_in(&problems, &misplaced)[0].contains(&path.display().to_string()));
    assert!(problems_in(&problems, &misnamed)[0].contains("不是日文件"));
    assert!(problems_in(&problems, &stray)[0].contains("不是年份文件夹"));
    let err = text(&check(p).stderr);
    assert!(err.contains("手工"), "{err}");
    // Neither copy is read as a second file of 2020-02-18: export lists
    // each entry once.
    let exported = ok(p, &w("export --format jsonl --all-versions"));
    assert_eq!(exported.lines().count(), 5);
    let before = snapshot(p);
    let out = run(p, &["repair"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).matches("未处理：").count(), 3);
    assert_same_snapshot(&before, &snapshot(p), "repair of misplaced files");
}

// ------------------------------------------------------------- permissions

#[test]
fn bad_permissions_are_reported_by_check_and_fixed_by_repair() {
    let (store, path, _) = store_with_a_day();
    let p = store.path();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let year = p.join("records/2020");
    fs::set_permissions(&year, fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(p.join("config.json"), fs::Permissions::from_mode(0o640)).expect("chmod");
    let problems = check_problems(p);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems_in(&problems, &path)[0].contains("权限是 0644，应为 0600"));
    assert!(problems_in(&problems, &year)[0].contains("权限是 0755，应为 0700"));
    // check reports; it does not fix.
    assert_eq!(mode(&path), 0o644);
    assert_eq!(mode(&year), 0o755);
    let out = ok(p, &["repair"]);
    assert!(
        out.contains(&format!("权限改为 0600：{}（原为 0644）", path.display())),
        "{out}"
    );
    assert!(
        out.contains(&format!("权限改为 0700：{}（原为 0755）", year.display())),
        "{out}"
    );
    assert!(out.contains("改正 3 处权限"), "{out}");
    assert_private(p);
    check_ok(p);
}

#[test]
fn everything_is_created_private_under_umask_022() {
    let store = TestStore::fresh();
    let p = store.path();
    ok_umask_022(p, &w("init --org 测试局"));
    ok_umask_022(p, &w("staff add --since 2019-01-01 张伟"));
    ok_umask_022(
        p,
        &w("family add --since 2019-01-01 孙丽 --of S001 --relation 配偶"),
    );
    ok_umask_022(p, &w("config set home_city 北京"));
    ok_umask_022(p, &w("record S001 --temp 36.5"));
    // A new year folder.
    ok_umask_022(p, &w("record S001 --temp 36.5 --date 2019-12-31"));
    // The quarantine file, made by a writer that finds a torn tail…
    append(&day_file(p, "2019-12-31"), b"{\"torn");
    ok_umask_022(p, &w("record S001-1 --temp 36.5 --date 2019-12-31"));
    assert!(p.join("quarantine.jsonl").exists());
    // …and by repair.
    append(&p.join("roster.jsonl"), b"junk\n");
    ok_umask_022(p, &["repair"]);
    ok_umask_022(p, &w("config set org 新名"));
    assert_private(p);
    check_ok(p);
}

// ------------------------------------------------------ newer store format

#[test]
fn a_newer_format_is_refused_by_every_command_byte_for_byte() {
    let store = store_with_people();
    let p = store.path();
    ok(p, &w("record S001 --temp 36.5 --note x"));
    let config = p.join("config.json");
    let body = text(&fs::read(&config).expect("config"));
    assert!(body.contains("\"format_version\": 1"), "{body}");
    fs::write(
        &config,
        body.replace("\"format_version\": 1", "\"format_version\": 2"),
    )
    .expect("write");
    // Damage that repair would otherwise touch: it must still not.
    append(&day_file(p, TODAY), b"garbage\n");
    fs::set_permissions(day_file(p, TODAY), fs::Permissions::from_mode(0o644)).expect("chmod");
    let before = snapshot(p);
    let batch = store.scratch().join("b.csv");
    fs::write(&batch, "编号,体温(℃)\nS001,36.6\n").expect("write");
    let batch = batch.display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        w("config set org 新名"),
        w("config show"),
        w("staff add --since 2019-01-01 王强"),
        w("family add --since 2019-01-01 小王 --of S001 --relation 子女"),
        w("person edit S001 --phone 1"),
        w("person leave S002"),
        w("roster"),
        w("record S001 --temp 36.6"),
        vec!["record", "--batch", &batch],
        w("template"),
        w("void S001 --date 2020-02-18 --reason x"),
        w("undo --yes"),
        w("export"),
        w("history S001"),
        w("daily"),
        w("residents"),
        w("summary"),
        w("missing"),
        w("alerts"),
        w("trend"),
        w("repair"),
    ];
    for args in &commands {
        let err = fail(p, args);
        assert!(err.contains("新"), "{args:?}: {err}");
        assert!(err.contains("升级 healthreport"), "{args:?}: {err}");
        assert_same_snapshot(&before, &snapshot(p), &args.join(" "));
    }
    // check reports it as its problem, and nothing else.
    let problems = check_problems(p);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(&format!("{}: 存储格式 2 比本程序所知的", config.display())));
    let err = text(&check(p).stderr);
    assert!(
        err.contains("升级 healthreport") && err.contains("没有改动"),
        "{err}"
    );
    assert_same_snapshot(&before, &snapshot(p), "check");
    // init does not take it over either.
    let err = fail(p, &["init"]);
    assert!(err.contains("已有存储"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "init");
}

// ------------------------------------------------------- the writers' lock

#[test]
fn a_held_lock_makes_writers_say_busy_and_change_nothing() {
    let (store, _, _) = store_with_a_day();
    let p = store.path();
    // The writers lock the store folder itself (a lock file could be deleted).
    let lock = fs::File::open(p).expect("open the store folder");
    lock.lock().expect("take the writers' lock");
    let before = snapshot(p);
    for args in [
        w("record S001 --temp 37.0"),
        w("staff add --since 2019-01-01 王强"),
        w("config set org x"),
        vec!["repair"],
    ] {
        let start = Instant::now();
        let out = hr(p, &args)
            .env("HEALTHREPORT_LOCK_TIMEOUT", "0.5")
            .output()
            .expect("run");
        let took = start.elapsed();
        let err = assert_error_output(&args, &out);
        assert!(err.contains("正忙"), "{err}");
        assert!(
            took >= Duration::from_millis(450),
            "{args:?} gave up after {took:?}"
        );
        assert!(took < Duration::from_secs(4), "{args:?} waited {took:?}");
        assert_same_snapshot(&before, &snapshot(p), &args.join(" "));
    }
    // Readers do not wait for the lock; check waits at most the timeout.
    ok(p, &w("daily --date 2020-02-18"));
    let out = hr(p, &["check"])
        .env("HEALTHREPORT_LOCK_TIMEOUT", "0.5")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", describe(&["check"], &out));
    lock.unlock().expect("unlock");
    ok(p, &w("record S001 --temp 37.0"));
}

#[test]
fn eight_writers_at_once_lose_nothing_and_interleave_nothing() {
    let store = store_with_people();
    let p = store.path().to_path_buf();
    let children: Vec<_> = (0..8)
        .map(|c| {
            let p = p.clone();
            thread::spawn(move || {
                let mut acked = Vec::new();
                for i in 0..10 {
                    // Every child writes the same ten days, so their lines
                    // meet in the same files; December 2019 adds a year folder.
                    let date = if i == 0 {
                        "2019-12-31".to_string()
                    } else {
                        format!("2020-02-{:02}", i)
                    };
                    let who = ["S001", "S001-1", "S002"][(c + i) % 3];
                    let note = format!("c{c}-{i}");
                    let out = std_cmd(
                        &p,
                        &[
                            "record", who, "--temp", "36.5", "--date", &date, "--note", &note,
                        ],
                    )
                    .env("HEALTHREPORT_LOCK_TIMEOUT", "60")
                    .output()
                    .expect("run record");
                    if out.status.success() {
                        acked.push(note);
                    } else {
                        panic!("{}", describe(&["record", who, &date], &out));
                    }
                }
                acked
            })
        })
        .collect();
    let mut acked = Vec::new();
    for child in children {
        acked.extend(child.join().expect("writer thread"));
    }
    assert_eq!(acked.len(), 80);
    let exported = exported_notes(&p);
    let in_files = notes_in_day_files(&p, false);
    for notes in [&exported, &in_files] {
        let c = counts(notes);
        for note in &acked {
            assert_eq!(c.get(note.as_str()), Some(&1), "{note}");
        }
        assert_eq!(notes.len(), 80);
    }
    assert_eq!(check_ok(&p), "存储完好：10 天，80 条记录，3 人\n");
}

// ----------------------------------------------------------------- kill -9

#[test]
fn kill_9_during_record_loses_no_acknowledged_record() {
    let store = store_with_people();
    let p = store.path();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut acked = Vec::new();
    let mut killed = 0;
    for i in 0..30 {
        let note = format!("k{i}");
        let date = ["2020-02-18", "2020-02-17", "2019-12-30"][i % 3];
        let who = ["S001", "S001-1", "S002"][i % 3];
        let mut child = std_cmd(
            p,
            &[
                "record", who, "--temp", "36.5", "--date", date, "--note", &note,
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn record");
        thread::sleep(Duration::from_micros(rng.below(25_000)));
        // The kill may come after the process ended; that is fine.
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if status.success() {
            acked.push(note);
        } else {
            killed += 1;
        }
    }
    eprintln!("{} acknowledged, {killed} killed", acked.len());
    let notes = notes_in_day_files(p, true);
    let c = counts(&notes);
    for note in &acked {
        assert_eq!(c.get(note.as_str()), Some(&1), "acknowledged {note}");
    }
    assert!(c.values().all(|n| *n == 1), "a record twice: {c:?}");
    // The store reads; a torn tail would only be a warning.
    for date in ["2020-02-18", "2020-02-17", "2019-12-30"] {
        ok(p, &["daily", "--date", date]);
    }
    // Force a torn tail, as a kill in the middle of a line leaves it.
    let path = day_file(p, "2020-02-17");
    append(&path, b"{\"id\":\"cut-off\",\"op\":\"rec");
    let out = run(p, &w("daily --date 2020-02-17"));
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("最后一行残缺"));
    let problems = check_problems(p);
    assert!(
        problems
            .iter()
            .any(|l| l.starts_with(&path.display().to_string()) && l.contains("最后一行残缺")),
        "{problems:?}"
    );
    ok(p, &["repair"]);
    check_ok(p);
    let after = counts(&notes_in_day_files(p, false))
        .into_keys()
        .map(str::to_string)
        .collect::<BTreeSet<_>>();
    for note in &acked {
        assert!(after.contains(note), "{note} lost by repair");
    }
}

#[test]
fn kill_9_during_a_big_batch_leaves_a_readable_store() {
    let store = store_with_people();
    let p = store.path();
    // 300 days of three people: one append per day.
    let mut csv = String::from("日期,编号,体温(℃),备注\n");
    let first = chrono::NaiveDate::from_ymd_opt(2019, 4, 25).expect("date");
    for d in 0..300 {
        let date = first + chrono::Days::new(d);
        for who in ["S001", "S001-1", "S002"] {
            csv.push_str(&format!("{date},{who},36.5,b{d}-{who}\n"));
        }
    }
    let file = store.scratch().join("big.csv");
    fs::write(&file, csv).expect("write CSV");
    let file = file.display().to_string();
    let mut rng = Rng(42);
    let mut finished = false;
    for round in 0..4 {
        let mut child = std_cmd(p, &["record", "--batch", &file])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn batch");
        thread::sleep(Duration::from_millis(100 + rng.below(400) + 200 * round));
        let _ = child.kill();
        finished |= child.wait().expect("wait").success();
        // Whatever was written is whole lines (a torn tail at most), and
        // the store reads.
        notes_in_day_files(p, true);
        ok(p, &w("daily --date 2019-06-01"));
        ok(p, &w("export --format jsonl --all-versions"));
        let out = check(p);
        if out.status.code() != Some(0) {
            // Only torn tails may be found, and repair clears them.
            let report = text(&out.stdout);
            assert!(
                report.lines().all(|l| l.contains("最后一行残缺")),
                "{report}"
            );
            ok(p, &["repair"]);
        }
        check_ok(p);
    }
    eprintln!("a batch finished before its kill: {finished}");
}

// ---------------------------------------------------- failed writes

#[test]
fn a_write_past_the_file_size_limit_fails_cleanly_with_nothing_partial() {
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    let before = snapshot(p);
    // Room for 20 more bytes: the line starts, then the limit stops it.
    let limit = good.len() as u64 + 20;
    let args = w("record S001 --temp 37.1 --note toolong");
    let out = run_with_file_limit(p, &args, limit);
    let err = assert_error_output(&args, &out);
    // The journal's begin line goes first, then the day file: either may
    // be the one the limit stops.
    let journal = p.join("journal.jsonl").display().to_string();
    assert!(
        err.contains(&path.display().to_string()) || err.contains(&journal),
        "{err}"
    );
    assert!(err.contains("什么也没有写入"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "a write past the size limit");
    check_ok(p);

    // A new day file: no file is left, empty or partial.
    let args = w("record S001 --temp 37.1 --date 2020-02-10");
    let out = run_with_file_limit(p, &args, 20);
    assert_error_output(&args, &out);
    let new = day_file(p, "2020-02-10");
    assert!(!new.exists(), "a failed first write left {}", new.display());
    assert_same_snapshot(&before, &snapshot(p), "a failed first write");
    notes_in_day_files(p, false);
    check_ok(p);

    // Without the limit the same command works.
    ok(p, &w("record S001 --temp 37.1 --note fits"));
    check_ok(p);
}

#[test]
fn a_read_only_store_refuses_writes_and_keeps_every_byte() {
    let (store, path, _) = store_with_a_day();
    let p = store.path();
    // As root, permissions do not stop writes: run as `nobody`, owning a
    // read-only store, so the kernel refuses as it would any user.
    let as_nobody = is_root();
    let (uid, gid) = (65534u32, 65534u32);
    if as_nobody {
        fs::set_permissions(store.scratch(), fs::Permissions::from_mode(0o711)).expect("chmod");
        let mut chown = StdCommand::new("chown");
        let status = chown
            .args(["-R", &format!("{uid}:{gid}")])
            .arg(p)
            .status()
            .expect("chown");
        assert!(status.success());
    }
    // The lock stays writable so the write itself is what fails.
    for (rel, _) in snapshot(p) {
        let name = rel.to_string_lossy();
        let full = p.join(name.trim_end_matches('/'));
        let m = if name.ends_with('/') {
            0o500
        } else if name == "lock" {
            0o600
        } else {
            0o400
        };
        fs::set_permissions(&full, fs::Permissions::from_mode(m)).expect("chmod");
    }
    fs::set_permissions(p, fs::Permissions::from_mode(0o500)).expect("chmod");
    let before = snapshot(p);
    let args = w("record S001 --temp 37.2");
    let mut cmd = std_cmd(p, &args);
    if as_nobody {
        cmd.uid(uid).gid(gid);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            // The binary itself is not reachable by `nobody` here.
            eprintln!("skipped: cannot run the binary as nobody: {e}");
            restore(p);
            return;
        }
    };
    let err = assert_error_output(&args, &out);
    // The journal is the first file a write touches.
    let journal = p.join("journal.jsonl").display().to_string();
    assert!(
        err.contains(&path.display().to_string()) || err.contains(&journal),
        "{err}"
    );
    assert_same_snapshot(&before, &snapshot(p), "a write to a read-only store");
    // Reports still read it.
    let mut cmd = std_cmd(p, &w("daily --date 2020-02-18"));
    if as_nobody {
        cmd.uid(uid).gid(gid);
    }
    let out = cmd.output().expect("run daily");
    assert_eq!(out.status.code(), Some(0), "{}", describe(&["daily"], &out));
    restore(p);
}

/// Makes every folder of the store writable again, so it can be removed.
fn restore(store: &Path) {
    fs::set_permissions(store, fs::Permissions::from_mode(0o700)).expect("chmod");
    for (rel, _) in snapshot(store) {
        let name = rel.to_string_lossy();
        if name.ends_with('/') {
            let dir = store.join(name.trim_end_matches('/'));
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).expect("chmod");
        }
    }
}

#[test]
fn repair_as_root_gives_a_rewritten_file_back_to_its_owner() {
    if !is_root() {
        eprintln!("skipped: needs root to own files as another user");
        return;
    }
    use std::os::unix::fs::MetadataExt;
    let (store, path, good) = store_with_a_day();
    let p = store.path();
    append(&path, b"garbage\n");
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).expect("chown");
    ok(p, &["repair"]);
    assert_eq!(fs::read(&path).expect("day"), good);
    let meta = fs::metadata(&path).expect("stat");
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(mode(&path), 0o600);
}
