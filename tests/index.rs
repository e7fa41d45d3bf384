//! `latest.index` (SPEC §6, §7 v2 "silent for years"): derived from the
//! day files, kept by every write, checked by `check`, rebuilt by `repair`,
//! and never the reason for a wrong answer.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The batch template's location of `id` on `date` (English headers).
fn carried_location(store: &Path, id: &str, date: &str) -> String {
    let csv = ok_bytes(
        store,
        &w(&format!("--lang en template --date {date} --encoding utf8")),
    );
    let (header, rows) = parse_csv(&csv);
    let id_col = header.iter().position(|h| h == "ID").unwrap();
    let loc_col = header.iter().position(|h| h == "Location").unwrap();
    let row = rows.iter().find(|r| r[id_col] == id).unwrap();
    row[loc_col].clone()
}

fn index_text(store: &Path) -> String {
    fs::read_to_string(store.join("latest.index")).unwrap()
}

/// A store with one person who last reported nine years ago and one who
/// reports every day.
fn silent_store() -> TestStore {
    let store = TestStore::init(&[]);
    let p = store.path();
    ok(p, &w("staff add 静默 --since 2011-02-18"));
    ok(p, &w("staff add 每天 --since 2020-02-10"));
    ok(
        p,
        &w("record S001 --date 2011-02-18 --temp 36.5 --location 沈阳市"),
    );
    for day in 10..=17 {
        ok(
            p,
            &w(&format!(
                "record S002 --date 2020-02-{day} --temp 36.6 --location 北京市"
            )),
        );
    }
    store
}

#[test]
fn a_person_silent_for_nine_years_carries_their_last_record() {
    let store = silent_store();
    let p = store.path();
    let index = index_text(p);
    assert!(index.contains("\"S001\"\t2011-02-18\n"), "{index}");
    assert!(index.contains("\"S002\"\t2020-02-17\n"), "{index}");
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "沈阳市");
    ok(p, &w("record S001 --temp 36.4"));
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "沈阳市");
    assert!(index_text(p).contains("\"S001\"\t2020-02-18\n"));
    assert!(ok(p, &w("check")).contains("存储完好"));
}

#[test]
fn undo_and_void_leave_the_index_an_upper_bound_that_still_answers_right() {
    let store = silent_store();
    let p = store.path();
    ok(
        p,
        &w("record S001 --date 2020-02-10 --temp 36.5 --location 温州市"),
    );
    ok(p, &w("undo --yes"));
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "沈阳市");
    ok(
        p,
        &w("record S001 --date 2020-02-12 --temp 36.5 --location 温州市"),
    );
    ok(p, &w("void S001 --date 2020-02-12 --reason 填错"));
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "沈阳市");
    // The index names the newest day with a line, voided or undone.
    assert!(index_text(p).contains("\"S001\"\t2020-02-12\n"));
    assert!(ok(p, &w("check")).contains("存储完好"));
}

#[test]
fn an_index_behind_the_journal_is_not_used_and_repair_rebuilds_it() {
    let store = silent_store();
    let p = store.path();
    // A write whose index update was lost (as if killed right after its
    // commit): the index still says 2011 for S001.
    let before = fs::read(p.join("latest.index")).unwrap();
    ok(
        p,
        &w("record S001 --date 2020-02-15 --temp 36.5 --location 武汉市"),
    );
    fs::write(p.join("latest.index"), &before).unwrap();
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "武汉市");
    // Not used, so no problem; repair brings it up to date.
    assert!(ok(p, &w("check")).contains("存储完好"));
    let repaired = ok(p, &w("repair"));
    assert!(repaired.contains("已根据日文件重建索引"), "{repaired}");
    assert!(index_text(p).contains("\"S001\"\t2020-02-15\n"));
    assert!(ok(p, &w("check")).contains("存储完好"));
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "武汉市");
}

#[test]
fn an_index_that_disagrees_with_the_day_files_is_a_finding() {
    let store = silent_store();
    let p = store.path();
    let edited = index_text(p).replace("\"S002\"\t2020-02-17", "\"S002\"\t2020-02-11");
    fs::write(p.join("latest.index"), edited).unwrap();
    let out = run(p, &w("--lang en check"));
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(
        said.contains("first S002: index 2020-02-11, day files 2020-02-17"),
        "{said}"
    );
    ok(p, &w("repair"));
    assert!(index_text(p).contains("\"S002\"\t2020-02-17\n"));
}

#[test]
fn a_garbled_or_missing_index_is_never_trusted() {
    let store = silent_store();
    let p = store.path();
    fs::write(p.join("latest.index"), "{\"index\":\"latest\",\"form").unwrap();
    assert_eq!(carried_location(p, "S001", "2020-02-18"), "沈阳市");
    ok(p, &w("record S001 --temp 36.4"));
    let out = run(p, &w("check"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("索引文件不完整"));
    fs::remove_file(p.join("latest.index")).unwrap();
    // No index at all is a store like any made before there was one.
    assert!(ok(p, &w("check")).contains("存储完好"));
    assert_eq!(carried_location(p, "S001", "2020-02-19"), "沈阳市");
    assert!(ok(p, &w("repair")).contains("已根据日文件重建索引"));
    assert!(index_text(p).contains("\"S001\"\t2020-02-18\n"));
}
