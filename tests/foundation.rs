//! Integration tests of the foundation: store set-up, settings, roster,
//! records with carry-forward and corrections, the daily report, exit codes
//! and error lines. Every test drives the real binary on its own store.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};

use common::*;

// ---------------------------------------------------------------- helpers

/// Runs `daily --date DATE --format json` and returns its rows.
fn daily_rows(store: &Path, date: &str) -> Vec<Value> {
    let out = ok(store, &["daily", "--date", date, "--format", "json"]);
    array(&parse_json(&out)).clone()
}

/// The row of `id` among daily rows (`person`) or roster rows (`id`).
fn row<'a>(rows: &'a [Value], id: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["person"] == id || r["id"] == id)
        .unwrap_or_else(|| panic!("no row for {id} in {rows:?}"))
}

fn ids(rows: &[Value], key: &str) -> Vec<String> {
    rows.iter().map(|r| str_of(r, key).to_string()).collect()
}

/// `roster --format json` (plus `extra`) as rows.
fn roster_rows(store: &Path, extra: &str) -> Vec<Value> {
    let mut args = w("roster --format json");
    args.extend(w(extra));
    array(&parse_json(&ok(store, &args))).clone()
}

/// `history PERSON --format json` as rows.
fn history_rows(store: &Path, person: &str) -> Vec<Value> {
    let out = ok(store, &["history", person, "--format", "json"]);
    array(&parse_json(&out)).clone()
}

/// `config show --json` as a map of strings.
fn config_json(store: &Path) -> BTreeMap<String, String> {
    let v = parse_json(&ok(store, &w("config show --json")));
    v.as_object()
        .expect("config show --json is an object")
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

/// A store of 测试局 with home city 北京: 张伟 (S001, 办公室) with his spouse
/// 孙丽 (S001-1), and 王芳 (S002, 财务科).
fn small_store() -> TestStore {
    let s = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let p = s.path();
    ok(p, &w("-q staff add --since 2019-01-01 张伟 --dept 办公室"));
    ok(p, &w("-q staff add --since 2019-01-01 王芳 --dept 财务科"));
    ok(
        p,
        &w("-q family add --since 2019-01-01 孙丽 --of 张伟 --relation 配偶"),
    );
    s
}

/// Runs each command line in `lines`, each of which must fail with exit 1
/// and one error line, leaving the store exactly as it was.
fn each_fails_unchanged(store: &Path, lines: &[&str]) {
    let before = snapshot(store);
    for line in lines {
        fail(store, &w(line));
        assert_same_snapshot(&before, &snapshot(store), line);
    }
}

/// SPEC §4's keys, and v2's afternoon reading and observation.
const DAILY_KEYS: [&str; 21] = [
    "person",
    "name",
    "kind",
    "relation",
    "of",
    "dept",
    "reported",
    "temperature",
    "temperature_pm",
    "symptoms",
    "location",
    "local",
    "contact",
    "observation_since",
    "observation_ends",
    "isolation",
    "isolation_since",
    "isolation_ends",
    "work",
    "post",
    "note",
];

// ------------------------------------------------------------------ init

#[test]
fn init_creates_a_private_store_even_under_umask_022() {
    let s = TestStore::fresh();
    let p = s.path();
    let out = ok_umask_022(p, &w("init --org 测试局"));
    assert!(out.contains("新建存储"), "{out}");
    assert!(p.join("config.json").is_file());
    assert_eq!(mode(p), 0o700, "store folder");
    assert_eq!(mode(&p.join("config.json")), 0o600, "config.json");
    let config = parse_json(&fs::read_to_string(p.join("config.json")).unwrap());
    assert_eq!(config["format_version"], 1, "{config}");
    assert_eq!(config["org"], "测试局", "{config}");
    if p.join("roster.jsonl").exists() {
        assert_eq!(mode(&p.join("roster.jsonl")), 0o600, "roster.jsonl");
    }

    // Every later write keeps the store private too.
    ok_umask_022(p, &w("staff add --since 2019-01-01 张伟"));
    ok_umask_022(
        p,
        &w("family add --since 2019-01-01 孙丽 --of S001 --relation 配偶"),
    );
    ok_umask_022(p, &w("record S001 --temp 36.5 --location 北京"));
    ok_umask_022(p, &w("record S001-1 --date 2019-12-31 --temp 36.6"));
    ok_umask_022(p, &w("config set home_city 北京"));

    let roster = fs::read_to_string(p.join("roster.jsonl")).unwrap();
    let events: Vec<Value> = roster.lines().map(parse_json).collect();
    assert_eq!(events.len(), 2, "{roster}");
    let day = fs::read_to_string(p.join("records/2020/2020-02-18.jsonl")).unwrap();
    let lines: Vec<Value> = day.lines().map(parse_json).collect();
    assert_eq!(lines.len(), 1, "{day}");
    assert_eq!(lines[0]["person"], "S001");
    assert_eq!(lines[0]["temperature"], 36.5);
    assert!(p.join("records/2019/2019-12-31.jsonl").is_file());

    let mut checked = 0;
    for rel in snapshot(p).keys() {
        let name = rel.to_string_lossy().to_string();
        let (path, want) = match name.strip_suffix('/') {
            Some(dir) => (p.join(dir), 0o700),
            None => (p.join(rel), 0o600),
        };
        assert_eq!(mode(&path), want, "mode of {}", path.display());
        checked += 1;
    }
    // config.json, roster.jsonl, two day files and their folders at least.
    assert!(checked >= 8, "only {checked} entries in the store");
}

#[test]
fn init_takes_org_home_city_and_lang() {
    let s = TestStore::init(&w("--org 某区机关事务管理局 --home-city 北京 --lang en"));
    let c = config_json(s.path());
    assert_eq!(c["org"], "某区机关事务管理局");
    assert_eq!(c["home_city"], "北京");
    assert_eq!(c["lang"], "en");
    let report = ok(s.path(), &w("daily"));
    assert!(
        report.starts_with("某区机关事务管理局 Daily report of staff and families 2020-02-18\n"),
        "{report}"
    );
}

#[test]
fn init_on_an_existing_store_fails_and_leaves_it_alone() {
    let s = small_store();
    let before = snapshot(s.path());
    let err = fail(s.path(), &w("init"));
    assert!(err.contains(&s.path().display().to_string()), "{err}");
    let err = fail(s.path(), &w("init --org other --lang en"));
    assert!(err.contains("already"), "{err}");
    assert_same_snapshot(&before, &snapshot(s.path()), "init twice");

    // A folder holding something else is not taken over either.
    let other = TestStore::fresh();
    fs::create_dir_all(other.path()).unwrap();
    fs::write(other.path().join("notes.txt"), "mine").unwrap();
    let before = snapshot(other.path());
    fail(other.path(), &w("init"));
    assert_same_snapshot(&before, &snapshot(other.path()), "init in a busy folder");
}

#[test]
fn every_other_command_on_a_missing_store_names_the_path_and_init() {
    let s = TestStore::fresh();
    let p = s.path();
    let where_ = p.display().to_string();
    for line in [
        "config show",
        "config set org x",
        "staff add --since 2019-01-01 张伟",
        "family add --since 2019-01-01 孙丽 --of S001 --relation 配偶",
        "person edit S001 --phone 1",
        "person leave S001",
        "roster",
        "record S001 --temp 36.5",
        "history S001",
        "daily",
        "daily --format json",
    ] {
        let err = fail(p, &w(line));
        assert!(err.contains(&where_), "{line}: {err}");
        assert!(err.contains("init"), "{line}: {err}");
        assert!(!p.exists(), "{line} created {where_}");
    }
}

#[test]
fn the_store_comes_from_healthreport_store_without_the_flag() {
    let s = small_store();
    let out = base_cmd()
        .env("HEALTHREPORT_STORE", s.path())
        .args(w("roster --format json"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["roster"], &out)
    );
    let rows = parse_json(&text(&out.stdout));
    assert_eq!(ids(array(&rows), "id"), ["S001", "S001-1", "S002"]);
}

// ---------------------------------------------------------------- config

#[test]
fn config_show_lists_every_setting_with_its_default() {
    let s = TestStore::init(&[]);
    let shown = ok(s.path(), &w("config show"));
    // Each setting under a line saying what it is, in Chinese.
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines.len().is_multiple_of(2), "{shown}");
    for pair in lines.chunks(2) {
        assert!(pair[0].starts_with("# "), "{shown}");
        assert!(
            pair[0]
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{shown}"
        );
    }
    assert!(
        shown.contains("# 本地城市：所在地含有它即算在本地\nhome_city = \n"),
        "{shown}"
    );
    let pairs: Vec<(String, String)> = shown
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l.split_once(" = ").unwrap_or_else(|| panic!("line {l:?}"));
            (k.to_string(), v.to_string())
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("org", ""),
        ("home_city", ""),
        ("high_risk", "湖北,武汉,温州"),
        ("fever_threshold", "37.3"),
        ("isolation_days", "14"),
        ("lang", "zh"),
        ("csv_encoding", "utf8-bom"),
        ("timezone", "local"),
        ("clerk", ""),
        ("report_mode", "0600"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(pairs, want, "{shown}");
    let want: BTreeMap<String, String> = want.into_iter().collect();
    assert_eq!(config_json(s.path()), want);
}

#[test]
fn config_set_changes_every_key() {
    let s = TestStore::init(&[]);
    let p = s.path();
    for (key, value, shown) in [
        ("org", "某区机关事务管理局", "某区机关事务管理局"),
        ("home_city", "北京", "北京"),
        ("high_risk", "湖北，温州, 上海", "湖北,温州,上海"),
        ("fever_threshold", "37.5", "37.5"),
        ("isolation_days", "21", "21"),
        ("lang", "en", "en"),
        ("csv_encoding", "gbk", "gbk"),
        ("csv_encoding", "utf8", "utf8"),
        ("timezone", "+08:00", "+08:00"),
        ("timezone", "UTC+8", "+08:00"),
    ] {
        let out = ok(p, &["config", "set", key, value]);
        assert_eq!(out, format!("{key} = {shown}\n"), "set {key} {value}");
        assert_eq!(config_json(p)[key], shown, "show after set {key} {value}");
    }
    let c = config_json(p);
    assert_eq!(c["org"], "某区机关事务管理局");
    assert_eq!(c["home_city"], "北京");
    assert_eq!(c["high_risk"], "湖北,温州,上海");
    assert_eq!(c["lang"], "en");
    let on_disk = parse_json(&fs::read_to_string(p.join("config.json")).unwrap());
    assert_eq!(on_disk["isolation_days"], 21, "{on_disk}");
    assert_eq!(on_disk["fever_threshold"], 37.5, "{on_disk}");
    // By the Chinese names config show gives them too.
    for (name, value, key) in [
        ("本地城市", "上海", "home_city"),
        ("隔离天数", "14", "isolation_days"),
        ("CSV 文件编码", "utf8-bom", "csv_encoding"),
        ("填报人", "小李", "clerk"),
    ] {
        let out = ok(p, &["config", "set", name, value]);
        assert_eq!(out, format!("{key} = {value}\n"), "set {name} {value}");
        assert_eq!(config_json(p)[key], value);
    }
}

#[test]
fn config_refuses_bad_keys_and_values_and_changes_nothing() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("config set timezone +08:00"));
    let before = snapshot(p);
    for (key, value) in [
        ("colour", "red"),
        ("format_version", "2"),
        ("Org", "x"),
        ("", "x"),
        ("org", "a\nb"),
        ("fever_threshold", "hot"),
        ("fever_threshold", "45"),
        ("fever_threshold", "34.9"),
        ("fever_threshold", "NaN"),
        ("isolation_days", "0"),
        ("isolation_days", "61"),
        ("isolation_days", "two weeks"),
        ("isolation_days", "1.5"),
        ("lang", "fr"),
        ("csv_encoding", "latin1"),
        ("timezone", "Mars/Olympus"),
        ("timezone", "+25:00"),
        ("timezone", "+08:99"),
    ] {
        let err = fail(p, &["config", "set", key, value]);
        assert!(
            err.contains(key) || err.contains(value),
            "the error for {key}={value:?} names neither: {err}"
        );
        let context = format!("config set {key} {value:?}");
        assert_same_snapshot(&before, &snapshot(p), &context);
    }
    assert_eq!(config_json(p)["timezone"], "+08:00");
}

#[test]
fn config_settings_change_the_reports() {
    let s = small_store();
    let p = s.path();
    ok(
        p,
        &w("-q record 张伟 --temp 37.4 --location 上海市 --isolation home"),
    );
    ok(p, &w("-q record 孙丽 --temp 36.5 --location 北京市"));
    let rows = daily_rows(p, TODAY);
    assert_eq!(row(&rows, "S001")["local"], false);
    assert_eq!(row(&rows, "S001-1")["local"], true);
    assert_eq!(row(&rows, "S001")["isolation_ends"], "2020-03-03");
    let text = ok(p, &w("daily"));
    assert!(text.contains("发热 1 人"), "{text}");
    assert!(text.contains("在本地 1 人，在外地 1 人"), "{text}");

    ok(p, &w("config set home_city 上海"));
    ok(p, &w("config set isolation_days 7"));
    ok(p, &w("config set fever_threshold 37.5"));
    let rows = daily_rows(p, TODAY);
    assert_eq!(row(&rows, "S001")["local"], true);
    assert_eq!(row(&rows, "S001-1")["local"], false);
    assert_eq!(row(&rows, "S001")["isolation_ends"], "2020-02-25");
    let text = ok(p, &w("daily"));
    assert!(text.contains("发热 0 人"), "{text}");

    // lang: the store's default language, overridden by --lang.
    ok(p, &w("config set lang en"));
    let text = ok(p, &w("daily"));
    assert!(
        text.contains("Daily report of staff and families"),
        "{text}"
    );
    assert!(text.contains("Totals: Expected 3"), "{text}");
    let text = ok(p, &w("--lang zh daily"));
    assert!(text.contains("工作人员及家人动态情况日报表"), "{text}");

    // csv_encoding: utf8 has no BOM; gbk is GB18030 bytes.
    ok(p, &w("config set csv_encoding utf8"));
    let bytes = ok_bytes(p, &w("daily --format csv"));
    assert!(!bytes.starts_with(BOM));
    let (headers, rows) = parse_daily_csv(&bytes);
    assert_eq!(headers[1], "Name");
    assert_eq!(rows[0][1], "张伟");
    ok(p, &w("config set csv_encoding gbk"));
    ok(p, &w("config set lang zh"));
    let bytes = ok_bytes(p, &w("daily --format csv"));
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "GBK output is not UTF-8"
    );
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    let (headers, rows) = parse_daily_csv(decoded.as_bytes());
    assert_eq!(headers[1], "姓名");
    assert_eq!(rows[0][1], "张伟");
}

#[test]
fn timezone_decides_what_today_is() {
    let s = small_store();
    let p = s.path();
    // 23:30 UTC on the 17th is 07:30 on the 18th in Beijing; the tests'
    // local zone is UTC.
    let late = "2020-02-17T23:30:00Z";
    let args = w("record S001 --temp 36.5");
    let out = hr(p, &args).env("HEALTHREPORT_NOW", late).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", describe(&args, &out));
    assert!(
        text(&out.stdout).contains("张伟 2020-02-17："),
        "{}",
        describe(&args, &out)
    );
    let args = w("record S002 --temp 36.5 --date 2020-02-18");
    let out = hr(p, &args).env("HEALTHREPORT_NOW", late).output().unwrap();
    let err = assert_error_output(&args, &out);
    assert!(err.contains("将来"), "{err}");

    ok(p, &w("config set timezone +08:00"));
    let args = w("record S002 --temp 36.6");
    let out = hr(p, &args).env("HEALTHREPORT_NOW", late).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", describe(&args, &out));
    assert!(
        text(&out.stdout).contains("王芳 2020-02-18："),
        "{}",
        describe(&args, &out)
    );
    let rows = daily_rows(p, "2020-02-18");
    assert_eq!(row(&rows, "S002")["temperature"], 36.6);
    let hist = history_rows(p, "S002");
    assert_eq!(hist.len(), 1);
    assert!(
        str_of(&hist[0], "recorded_at").starts_with("2020-02-18T07:30:00+08:00"),
        "{}",
        hist[0]
    );
}

// ---------------------------------------------------------------- roster

#[test]
fn staff_and_family_ids_are_assigned_in_order() {
    let s = TestStore::init(&[]);
    let p = s.path();
    assert_eq!(
        ok(p, &w("staff add --since 2019-01-01 张伟")),
        "已添加职工 S001 张伟\n"
    );
    assert_eq!(
        ok(p, &w("staff add --since 2019-01-01 王芳")),
        "已添加职工 S002 王芳\n"
    );
    let out = ok(
        p,
        &w("family add --since 2019-01-01 孙丽 --of S001 --relation 配偶"),
    );
    assert!(out.starts_with("已添加 S001-1 孙丽"), "{out}");
    let out = ok(
        p,
        &w("family add --since 2019-01-01 张一鸣 --of 张伟 --relation child"),
    );
    assert!(out.starts_with("已添加 S001-2 张一鸣"), "{out}");
    let out = ok(
        p,
        &w("family add --since 2019-01-01 马建国 --of S002 --relation spouse"),
    );
    assert!(out.starts_with("已添加 S002-1 马建国"), "{out}");
    assert_eq!(
        ok(p, &w("staff add --since 2019-01-01 李强")),
        "已添加职工 S003 李强\n"
    );
    let rows = roster_rows(p, "");
    assert_eq!(
        ids(&rows, "id"),
        ["S001", "S001-1", "S001-2", "S002", "S002-1", "S003"]
    );
    assert_eq!(row(&rows, "S001-2")["of"], "S001");
    assert_eq!(row(&rows, "S002-1")["of"], "S002");
    assert_eq!(row(&rows, "S002-1")["kind"], "family");
    assert_eq!(row(&rows, "S003")["kind"], "staff");
}

#[test]
fn given_ids_are_used_and_duplicates_refused() {
    let s = TestStore::init(&[]);
    let p = s.path();
    assert_eq!(
        ok(p, &w("staff add --since 2019-01-01 张伟 --id A7")),
        "已添加职工 A7 张伟\n"
    );
    ok(p, &w("staff add --since 2019-01-01 王芳"));
    let out = ok(
        p,
        &w("family add --since 2019-01-01 孙丽 --of A7 --relation 配偶 --id F1"),
    );
    assert!(out.starts_with("已添加 F1 孙丽"), "{out}");
    let rows = roster_rows(p, "");
    assert_eq!(row(&rows, "F1")["of"], "A7");
    assert_eq!(row(&rows, "S001")["name"], "王芳");

    each_fails_unchanged(
        p,
        &[
            "staff add --since 2019-01-01 李强 --id S001",
            "staff add --since 2019-01-01 李强 --id s001",
            "staff add --since 2019-01-01 李强 --id A7",
            "staff add --since 2019-01-01 李强 --id F1",
            "family add --since 2019-01-01 何静 --of S001 --relation 配偶 --id F1",
            "family add --since 2019-01-01 何静 --of S001 --relation 配偶 --id A7",
            "staff add --since 2019-01-01 李强 --id S/1",
            "staff add --since 2019-01-01 李强 --id 张",
        ],
    );
    let err = fail(p, &w("staff add --since 2019-01-01 李强 --id S001"));
    assert!(err.contains("S001") && err.contains("王芳"), "{err}");
    let before = snapshot(p);
    let err = fail(
        p,
        &[
            "staff",
            "add",
            "--since",
            "2019-01-01",
            "李强",
            "--id",
            "bad id",
        ],
    );
    assert!(err.contains("id"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "--id with a space");
}

#[test]
fn family_must_belong_to_a_known_staff_member_with_a_known_relation() {
    let s = small_store();
    let p = s.path();
    let before = snapshot(p);
    for (line, needle) in [
        (
            "family add --since 2019-01-01 何静 --of S009 --relation 配偶",
            "S009",
        ),
        (
            "family add --since 2019-01-01 何静 --of 赵六 --relation 配偶",
            "赵六",
        ),
        (
            "family add --since 2019-01-01 何静 --of S001-1 --relation 配偶",
            "是家属",
        ),
        (
            "family add --since 2019-01-01 何静 --of 孙丽 --relation 配偶",
            "是家属",
        ),
        (
            "family add --since 2019-01-01 何静 --of S001 --relation friend",
            "friend",
        ),
        (
            "family add --since 2019-01-01 何静 --of S001 --relation 邻居",
            "邻居",
        ),
    ] {
        let err = fail(p, &w(line));
        assert!(err.contains(needle), "{line}: {err}");
        assert_same_snapshot(&before, &snapshot(p), line);
    }
    let err = fail(
        p,
        &[
            "family",
            "add",
            "--since",
            "2019-01-01",
            "",
            "--of",
            "S001",
            "--relation",
            "配偶",
        ],
    );
    assert!(err.contains("姓名"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "empty name");
}

#[test]
fn relations_take_chinese_and_english_names() {
    let s = TestStore::init(&[]);
    let p = s.path();
    ok(p, &w("-q staff add --since 2019-01-01 张伟"));
    let cases = [
        ("配偶", "spouse"),
        ("spouse", "spouse"),
        ("子女", "child"),
        ("child", "child"),
        ("父母", "parent"),
        ("parent", "parent"),
        ("其他", "other"),
        ("other", "other"),
    ];
    for (i, (given, _)) in cases.iter().enumerate() {
        let name = format!("家属{i}");
        ok(
            p,
            &[
                "-q",
                "family",
                "add",
                &name,
                "--of",
                "S001",
                "--relation",
                given,
            ],
        );
    }
    let rows = roster_rows(p, "");
    for (i, (given, stored)) in cases.iter().enumerate() {
        let id = format!("S001-{}", i + 1);
        assert_eq!(row(&rows, &id)["relation"], *stored, "{given}");
        assert_eq!(row(&rows, &id)["name"], format!("家属{i}"));
    }
    // The daily report shows the relation as the role.
    let (_, csv_rows) = parse_daily_csv(&ok_bytes(p, &w("daily --format csv")));
    let roles: Vec<&str> = csv_rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(roles, w("本人 配偶 配偶 子女 子女 父母 父母 其他 其他"));
}

#[test]
fn roster_in_text_csv_and_json() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q person edit S001 --phone 13800010001"));

    let text = ok(p, &w("roster"));
    assert!(text.starts_with("测试局 人员名册 2020-02-18\n"), "{text}");
    for needle in w("张伟 孙丽 王芳 S001-1 13800010001 合计：职工 2 人，家属 1 人，共 3 人。")
    {
        assert!(text.contains(needle), "{needle}: {text}");
    }

    let bytes = ok_bytes(p, &w("roster --format csv"));
    assert!(bytes.starts_with(BOM));
    let (headers, rows) = parse_csv(&bytes);
    assert_eq!(
        headers,
        w("编号 姓名 类别 所属职工 关系 部门 电话 党员 退役军人 起始日期 截止日期")
    );
    let got: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r[..5].iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        got,
        [
            ["S001", "张伟", "职工", "", ""],
            ["S001-1", "孙丽", "家属", "S001", "配偶"],
            ["S002", "王芳", "职工", "", ""],
        ]
    );
    assert_eq!(rows[0][5], "办公室");
    assert_eq!(rows[0][6], "13800010001");

    let (headers, rows) = parse_csv(&ok_bytes(p, &w("--lang en roster --format csv")));
    assert_eq!(headers[..3], ["ID", "Name", "Kind"]);
    assert_eq!(rows[1][2], "family");
    assert_eq!(rows[1][4], "spouse");

    let rows = roster_rows(p, "");
    let got: Vec<[&str; 3]> = rows
        .iter()
        .map(|r| [str_of(r, "id"), str_of(r, "name"), str_of(r, "kind")])
        .collect();
    assert_eq!(
        got,
        [
            ["S001", "张伟", "staff"],
            ["S001-1", "孙丽", "family"],
            ["S002", "王芳", "staff"],
        ]
    );
    assert_eq!(row(&rows, "S001")["dept"], "办公室");
    assert_eq!(row(&rows, "S001")["phone"], "13800010001");
    assert_eq!(row(&rows, "S001-1")["of"], "S001");
    assert_eq!(row(&rows, "S001-1")["relation"], "spouse");
}

#[test]
fn roster_date_follows_since_and_until() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q staff add 新人 --since 2020-02-20"));
    ok(p, &w("-q person edit 王芳 --until 2020-02-16"));
    let on = |d: &str| ids(&roster_rows(p, &format!("--date {d}")), "id");
    assert_eq!(on("2020-02-16"), ["S001", "S001-1", "S002"]);
    assert_eq!(on("2020-02-17"), ["S001", "S001-1"]);
    assert_eq!(on("2020-02-19"), ["S001", "S001-1"]);
    assert_eq!(on("2020-02-20"), ["S001", "S001-1", "S003"]);
    assert_eq!(
        ids(&roster_rows(p, ""), "id"),
        ["S001", "S001-1"],
        "today is the 18th"
    );
    let all = roster_rows(p, "--all");
    assert_eq!(ids(&all, "id"), ["S001", "S001-1", "S002", "S003"]);
    assert_eq!(row(&all, "S003")["since"], "2020-02-20");
    assert_eq!(row(&all, "S002")["until"], "2020-02-16");
    // The daily report expects the same people.
    assert_eq!(
        ids(&daily_rows(p, "2020-02-16"), "person"),
        ["S001", "S001-1", "S002"]
    );
    assert_eq!(
        ids(&daily_rows(p, "2020-02-20"), "person"),
        ["S001", "S001-1", "S003"]
    );
}

#[test]
fn person_edit_changes_name_phone_and_dept() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q record 孙丽 --temp 36.5"));
    let out = ok(p, &w("person edit 孙丽 --name 孙莉 --phone 13900020001"));
    assert!(out.contains("S001-1") && out.contains("孙莉"), "{out}");
    ok(p, &w("person edit S001 --dept 综合科 --phone 13800010001"));
    let rows = roster_rows(p, "");
    assert_eq!(row(&rows, "S001-1")["name"], "孙莉");
    assert_eq!(row(&rows, "S001-1")["phone"], "13900020001");
    assert_eq!(row(&rows, "S001")["dept"], "综合科");
    assert_eq!(row(&rows, "S001")["phone"], "13800010001");
    // The new name finds the person; family count under the new dept.
    ok(p, &w("-q record 孙莉 --temp 36.6"));
    let daily = daily_rows(p, TODAY);
    assert_eq!(row(&daily, "S001-1")["name"], "孙莉");
    assert_eq!(row(&daily, "S001-1")["dept"], "综合科");
    assert_eq!(row(&daily, "S001-1")["temperature"], 36.6);
    // "" clears the phone.
    ok(p, &["-q", "person", "edit", "S001", "--phone", ""]);
    let rows = roster_rows(p, "");
    let phone = &row(&rows, "S001")["phone"];
    assert!(phone.is_null(), "{phone}");

    each_fails_unchanged(
        p,
        &[
            "person edit 孙莉 --dept 财务科",
            "person edit S001-1 --dept 财务科",
            "person edit S009 --name x",
            "person edit S001 --relation 配偶",
            "person edit S001-1 --relation friend",
        ],
    );
    let err = fail(p, &w("person edit 孙莉 --dept 财务科"));
    assert!(err.contains("是家属"), "{err}");
    let before = snapshot(p);
    fail(p, &["person", "edit", "S001", "--name", ""]);
    assert_same_snapshot(&before, &snapshot(p), "empty name");
}

#[test]
fn person_leave_of_staff_ends_the_household() {
    let s = small_store();
    let p = s.path();
    ok(
        p,
        &w("-q family add --since 2019-01-01 张一鸣 --of S001 --relation 子女"),
    );
    let out = ok(p, &w("person leave 张伟 --on 2020-02-17"));
    for id in ["S001 ", "S001-1 ", "S001-2 "] {
        assert!(out.contains(id), "{id}: {out}");
    }
    assert_eq!(ids(&roster_rows(p, ""), "id"), ["S002"]);
    assert_eq!(
        ids(&roster_rows(p, "--date 2020-02-17"), "id"),
        ["S001", "S001-1", "S001-2", "S002"]
    );
    let all = roster_rows(p, "--all");
    assert_eq!(ids(&all, "id"), ["S001", "S001-1", "S001-2", "S002"]);
    for id in ["S001", "S001-1", "S001-2"] {
        assert_eq!(row(&all, id)["until"], "2020-02-17", "{id}");
    }
    assert!(row(&all, "S002")["until"].is_null());
    assert_eq!(ids(&daily_rows(p, TODAY), "person"), ["S002"]);
    assert_eq!(daily_rows(p, "2020-02-17").len(), 4);
    // After leaving, a record for a later day is refused.
    each_fails_unchanged(p, &["record S001 --temp 36.5", "record S001-2 --temp 36.5"]);

    // A family member leaving alone leaves the rest of the household.
    ok(
        p,
        &w("-q family add --since 2019-01-01 马建国 --of S002 --relation 配偶"),
    );
    ok(
        p,
        &w("-q family add --since 2019-01-01 王秀兰 --of S002 --relation 父母"),
    );
    ok(p, &w("-q person leave 马建国 --on 2020-02-17"));
    assert_eq!(ids(&roster_rows(p, ""), "id"), ["S002", "S002-2"]);
}

// ---------------------------------------------------------------- record

#[test]
fn record_takes_every_flag() {
    let s = small_store();
    let p = s.path();
    let out = ok(
        p,
        &w(
            "record S001 --date 2020-02-17 --temp 37.6 --symptom 咳嗽 --symptom 乏力 \
            --location 湖北省武汉市 --contact --isolation 居家隔离 --isolation-since 2020-02-16 \
            --work 一线 --post 和平里社区 --note 复测 --by 办公室小刘",
        ),
    );
    assert!(out.starts_with("已保存 S001 张伟 2020-02-17："), "{out}");
    let rows = daily_rows(p, "2020-02-17");
    let r = row(&rows, "S001");
    assert_eq!(r["reported"], true);
    assert_eq!(r["temperature"], 37.6);
    assert_eq!(r["symptoms"], json!(["咳嗽", "乏力"]));
    assert_eq!(r["location"], "湖北省武汉市");
    assert_eq!(r["local"], false);
    assert_eq!(r["contact"], true);
    assert_eq!(r["isolation"], "home");
    assert_eq!(r["isolation_since"], "2020-02-16");
    assert_eq!(r["isolation_ends"], "2020-03-01");
    assert_eq!(r["work"], "frontline");
    assert_eq!(r["post"], "和平里社区");
    assert_eq!(r["note"], "复测");
    let hist = history_rows(p, "S001");
    assert_eq!(hist.len(), 1);
    assert_eq!(hist[0]["recorded_by"], "办公室小刘");
    assert_eq!(hist[0]["date"], "2020-02-17");

    // Short flags, --no-contact, and $USER as the clerk.
    ok(
        p,
        &w(
            "record S002 -d 2020-02-17 -t 36.4 -s 头痛 -l 北京市朝阳区 --no-contact -i central \
            -w leave -n 在家",
        ),
    );
    let r = row(&daily_rows(p, "2020-02-17"), "S002").clone();
    assert_eq!(r["temperature"], 36.4);
    assert_eq!(r["symptoms"], json!(["头痛"]));
    assert_eq!(r["location"], "北京市朝阳区");
    assert_eq!(r["local"], true);
    assert_eq!(r["contact"], false);
    assert_eq!(r["isolation"], "central");
    assert_eq!(r["isolation_since"], "2020-02-17");
    assert_eq!(r["work"], "leave");
    assert_eq!(r["post"], Value::Null);
    assert_eq!(r["note"], "在家");
    assert_eq!(history_rows(p, "S002")[0]["recorded_by"], "clerk");
}

#[test]
fn temperatures_from_34_to_43_only() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q record S001 --temp 34.0 --date 2020-02-16"));
    ok(p, &w("-q record S001 --temp 43.0 --date 2020-02-17"));
    ok(p, &w("-q record S001 --temp 36.5"));
    assert_eq!(
        row(&daily_rows(p, "2020-02-16"), "S001")["temperature"],
        34.0
    );
    assert_eq!(
        row(&daily_rows(p, "2020-02-17"), "S001")["temperature"],
        43.0
    );
    assert_eq!(row(&daily_rows(p, TODAY), "S001")["temperature"], 36.5);
    // A unit and a decimal comma are understood; one decimal is kept.
    ok(p, &["-q", "record", "S001-1", "--temp", "37.3℃"]);
    ok(
        p,
        &[
            "-q",
            "record",
            "S001-1",
            "--temp",
            "36,8",
            "-d",
            "2020-02-17",
        ],
    );
    ok(
        p,
        &[
            "-q",
            "record",
            "S001-1",
            "--temp",
            "36.54",
            "-d",
            "2020-02-16",
        ],
    );
    assert_eq!(row(&daily_rows(p, TODAY), "S001-1")["temperature"], 37.3);
    assert_eq!(
        row(&daily_rows(p, "2020-02-17"), "S001-1")["temperature"],
        36.8
    );
    assert_eq!(
        row(&daily_rows(p, "2020-02-16"), "S001-1")["temperature"],
        36.5
    );

    let before = snapshot(p);
    for t in ["33.9", "43.1", "365", "0", "-36.5", "hot", "", "NaN"] {
        let err = fail(p, &["record", "S002", "--temp", t]);
        assert!(err.contains("体温"), "{t}: {err}");
        assert_same_snapshot(&before, &snapshot(p), &format!("--temp {t:?}"));
    }
    let err = fail(p, &w("record S002 --temp 365"));
    assert!(err.contains("是不是 36.5"), "{err}");
    assert_eq!(row(&daily_rows(p, TODAY), "S002")["reported"], false);
}

#[test]
fn record_dates_in_every_form_and_never_in_the_future() {
    let s = small_store();
    let p = s.path();
    for (person, given, day) in [
        ("S001", "2020-02-14", "2020-02-14"),
        ("S001", "2020/2/15", "2020-02-15"),
        ("S001", "20200216", "2020-02-16"),
        ("S001", "yesterday", "2020-02-17"),
        ("S001", "today", "2020-02-18"),
        ("S002", "2020年2月16日", "2020-02-16"),
    ] {
        let out = ok(p, &["record", person, "--date", given, "--temp", "36.5"]);
        assert!(out.contains(&format!(" {day}：")), "{given}: {out}");
        assert_eq!(
            row(&daily_rows(p, day), person)["reported"],
            true,
            "{given}"
        );
    }
    ok(p, &w("-q record S002 --temp 36.7"));
    assert_eq!(row(&daily_rows(p, TODAY), "S002")["temperature"], 36.7);
    let days = ids(&history_rows(p, "S001"), "date");
    assert_eq!(
        days,
        [
            "2020-02-14",
            "2020-02-15",
            "2020-02-16",
            "2020-02-17",
            "2020-02-18"
        ]
    );
    // Reports take the same forms.
    assert_eq!(daily_rows(p, "2020/2/16"), daily_rows(p, "2020-02-16"));
    assert_eq!(daily_rows(p, "20200217"), daily_rows(p, "yesterday"));
    assert_eq!(daily_rows(p, "today"), daily_rows(p, "2020-02-18"));

    each_fails_unchanged(
        p,
        &[
            "record S001-1 --date 2020-02-19 --temp 36.5",
            "record S001-1 --date 20200219 --temp 36.5",
            "record S001-1 --date 2021-01-01 --temp 36.5",
            "record S001-1 --date tomorrow --temp 36.5",
            "record S001-1 --date 2020-02-30 --temp 36.5",
            "record S001-1 --date 18/2/2020 --temp 36.5",
        ],
    );
    let err = fail(p, &w("record S001-1 --date 2020-02-19 --temp 36.5"));
    assert!(err.contains("将来"), "{err}");
}

#[test]
fn records_outside_a_persons_roster_window_are_refused() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q staff add 新人 --since 2020-02-17"));
    ok(p, &w("-q record 新人 --temp 36.5 -d 2020-02-17"));
    each_fails_unchanged(p, &["record 新人 --temp 36.5 -d 2020-02-16"]);
    let err = fail(p, &w("record S003 --temp 36.5 -d 2020-02-16"));
    assert!(err.contains("S003") && err.contains("2020-02-16"), "{err}");
    assert_eq!(ids(&history_rows(p, "S003"), "date"), ["2020-02-17"]);
}

#[test]
fn global_flags_go_before_or_after_the_command() {
    let s = TestStore::init(&[]);
    let p = s.path();
    assert_eq!(ok(p, &w("-q staff add --since 2019-01-01 张伟")), "");
    assert_eq!(ok(p, &w("staff add --since 2019-01-01 王芳 --quiet")), "");
    assert_eq!(ok(p, &w("record S001 --temp 36.5 -q")), "");
    let out = base_cmd()
        .args(w("roster --format json --store"))
        .arg(p)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["roster"], &out)
    );
    assert_eq!(
        ids(array(&parse_json(&text(&out.stdout))), "id"),
        ["S001", "S002"]
    );
    let (headers, rows) = parse_daily_csv(&ok_bytes(p, &w("daily --format csv --lang en")));
    assert_eq!(headers[1], "Name");
    assert_eq!(rows[1][5], "missing");
    // --quiet keeps results and errors.
    assert!(!ok(p, &w("-q daily")).is_empty());
    let err = fail(p, &w("-q record S009 --temp 36.5"));
    assert!(err.contains("S009"), "{err}");
}

#[test]
fn work_and_isolation_values_in_english_and_chinese() {
    let s = small_store();
    let p = s.path();
    for (day, (work, want_work), (isolation, want_isolation)) in [
        ("2020-02-11", ("在岗", "on_site"), ("居家隔离", "home")),
        ("2020-02-12", ("居家", "remote"), ("集中隔离", "central")),
        ("2020-02-13", ("一线", "frontline"), ("无", "none")),
        ("2020-02-14", ("休假", "leave"), ("home", "home")),
        ("2020-02-15", ("on_site", "on_site"), ("none", "none")),
        ("2020-02-16", ("remote", "remote"), ("central", "central")),
        ("2020-02-17", ("frontline", "frontline"), ("无", "none")),
        ("2020-02-18", ("弹性", "remote"), ("居家隔离", "home")),
    ] {
        let staff = ["-q", "record", "S001", "-d", day, "--temp", "36.5"];
        let mut args = staff.to_vec();
        args.extend(["--work", work, "--isolation", isolation]);
        ok(p, &args);
        let mut args = w("-q record S001-1 --temp 36.5 -d");
        args.extend([day, "--isolation", isolation]);
        ok(p, &args);
        let rows = daily_rows(p, day);
        assert_eq!(row(&rows, "S001")["work"], want_work, "{day} --work {work}");
        let got = &row(&rows, "S001")["isolation"];
        assert_eq!(*got, want_isolation, "{day} --isolation {isolation}");
        let got = &row(&rows, "S001-1")["isolation"];
        assert_eq!(*got, want_isolation, "{day} --isolation {isolation}");
        assert!(row(&rows, "S001-1")["work"].is_null());
    }
    // Labels follow --lang.
    let (_, rows) = parse_daily_csv(&ok_bytes(p, &w("daily --format csv")));
    assert_eq!(rows[0][11], "居家/弹性");
    assert!(rows[0][10].starts_with("居家隔离"), "{:?}", rows[0]);
    let (_, rows) = parse_daily_csv(&ok_bytes(p, &w("--lang en daily --format csv")));
    assert_eq!(rows[0][11], "Remote");
    assert!(rows[0][10].starts_with("home"), "{:?}", rows[0]);

    each_fails_unchanged(
        p,
        &[
            "record S002 --temp 36.5 --work sleeping",
            "record S002 --temp 36.5 --isolation maybe",
            "record S002 --temp 36.5 --work 在岗 --post 和平里社区",
            "record S002 --temp 36.5 --isolation home --isolation-since 2020-02-19",
            "record S002 --temp 36.5 --isolation-since 2020-02-17",
        ],
    );
}

#[test]
fn work_is_for_staff_only() {
    let s = small_store();
    let p = s.path();
    let before = snapshot(p);
    for line in [
        "record S001-1 --temp 36.5 --work 在岗",
        "record 孙丽 --temp 36.5 --work on_site",
        "record 孙丽 --temp 36.5 --work 一线 --post 和平里社区",
        "record 孙丽 --temp 36.5 --post 和平里社区",
    ] {
        let err = fail(p, &w(line));
        assert!(err.contains("职工"), "{line}: {err}");
        assert_same_snapshot(&before, &snapshot(p), line);
    }
    assert_eq!(row(&daily_rows(p, TODAY), "S001-1")["reported"], false);
}

#[test]
fn carried_fields_come_forward_and_daily_ones_do_not() {
    let s = small_store();
    let p = s.path();
    ok(
        p,
        &w(
            "-q record S001 -d 2020-02-16 --temp 37.5 --symptom 咳嗽 --location 湖北省武汉市 \
            --contact --isolation home --isolation-since 2020-02-15 --work frontline \
            --post 和平里社区 --note n1",
        ),
    );
    ok(
        p,
        &w(
            "-q record 孙丽 -d 2020-02-16 --temp 36.9 --location 上海 --isolation 集中隔离 --contact",
        ),
    );
    ok(p, &w("-q record S001 -d 2020-02-17 --temp 36.5"));
    ok(p, &w("-q record 孙丽 -d 2020-02-17 --temp 36.6"));
    let rows = daily_rows(p, "2020-02-17");
    let r = row(&rows, "S001");
    assert_eq!(r["temperature"], 36.5);
    assert_eq!(r["symptoms"], json!([]));
    assert_eq!(r["contact"], false);
    assert_eq!(r["location"], "湖北省武汉市");
    assert_eq!(r["isolation"], "home");
    assert_eq!(r["isolation_since"], "2020-02-15");
    assert_eq!(r["isolation_ends"], "2020-02-29");
    assert_eq!(r["work"], "frontline");
    assert_eq!(r["post"], "和平里社区");
    assert_eq!(r["note"], Value::Null);
    let f = row(&rows, "S001-1");
    assert_eq!(f["temperature"], 36.6);
    assert_eq!(f["location"], "上海");
    assert_eq!(f["isolation"], "central");
    assert_eq!(f["isolation_since"], "2020-02-16");
    assert_eq!(f["contact"], false);
    assert_eq!(f["work"], Value::Null);

    // What is given replaces what would carry.
    ok(
        p,
        &w("-q record S001 --temp 36.4 --work 在岗 --isolation 无"),
    );
    let r = row(&daily_rows(p, TODAY), "S001").clone();
    assert_eq!(r["location"], "湖北省武汉市");
    assert_eq!(r["work"], "on_site");
    assert_eq!(r["post"], Value::Null, "post stops with frontline work");
    assert_eq!(r["isolation"], "none");
    assert_eq!(r["isolation_since"], Value::Null);
    // Central to home isolation is the same episode: the start stays.
    ok(p, &w("-q record 孙丽 --temp 36.5 --isolation 居家隔离"));
    let f = row(&daily_rows(p, TODAY), "S001-1").clone();
    assert_eq!(f["isolation"], "home");
    assert_eq!(f["isolation_since"], "2020-02-16");
    assert_eq!(f["isolation_ends"], "2020-03-01");
    assert_eq!(f["location"], "上海");

    // Back-filling carries from the latest *earlier* record (its newest
    // version), across a gap, never from a later one.
    ok(
        p,
        &w("-q record S002 -d 2020-02-14 --temp 36.5 --location A"),
    );
    ok(
        p,
        &w("-q record S002 -d 2020-02-14 --temp 36.5 --location B"),
    );
    ok(
        p,
        &w("-q record S002 -d 2020-02-18 --temp 36.5 --location C --work leave"),
    );
    ok(p, &w("-q record S002 -d 2020-02-16 --temp 36.5"));
    let r = row(&daily_rows(p, "2020-02-16"), "S002").clone();
    assert_eq!(r["location"], "B");
    assert_eq!(r["work"], Value::Null);
    assert_eq!(row(&daily_rows(p, TODAY), "S002")["location"], "C");
}

#[test]
fn recording_the_same_day_again_is_a_correction() {
    let s = small_store();
    let p = s.path();
    ok(
        p,
        &w("-q record S001 -d 2020-02-17 --temp 36.5 --location 北京"),
    );
    let first = ok(
        p,
        &w(
            "record S001 --temp 37.6 --location 北京市东城区 --work 一线 --post 和平里社区 --contact",
        ),
    );
    assert!(!first.contains("已替换"), "{first}");
    let args = w("record 张伟 --temp 36.6");
    let out = hr(p, &args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", describe(&args, &out));
    let said = text(&out.stdout);
    assert!(said.contains("已替换"), "{said}");
    assert!(said.contains("37.6"), "says what it replaced: {said}");
    // v2: contact carries within the observation the first version opened,
    // so a correction that only fixes the temperature keeps it.
    let warned = text(&out.stderr);
    assert!(!warned.contains("contact"), "{warned}");

    let r = row(&daily_rows(p, TODAY), "S001").clone();
    assert_eq!(r["temperature"], 36.6);
    assert_eq!(r["contact"], true);
    assert_eq!(
        r["location"], "北京市东城区",
        "carried from the replaced version"
    );
    assert_eq!(r["work"], "frontline");
    assert_eq!(r["post"], "和平里社区");

    let hist = history_rows(p, "S001");
    let got: Vec<(&str, f64, &str)> = hist
        .iter()
        .map(|h| {
            let t = h["temperature"].as_f64().unwrap();
            (str_of(h, "date"), t, str_of(h, "state"))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2020-02-17", 36.5, "current"),
            ("2020-02-18", 37.6, "replaced"),
            ("2020-02-18", 36.6, "current"),
        ]
    );
    // Every version stays in the store.
    let day = fs::read_to_string(p.join("records/2020/2020-02-18.jsonl")).unwrap();
    assert_eq!(day.lines().count(), 2, "{day}");

    // A third version replaces the second; the text history shows them all.
    ok(p, &w("-q record S001 --temp 36.7"));
    let states: Vec<String> = history_rows(p, "S001")
        .iter()
        .map(|h| format!("{}:{}", str_of(h, "date"), str_of(h, "state")))
        .collect();
    assert_eq!(
        states,
        [
            "2020-02-17:current",
            "2020-02-18:replaced",
            "2020-02-18:replaced",
            "2020-02-18:current"
        ]
    );
    assert_eq!(row(&daily_rows(p, TODAY), "S001")["temperature"], 36.7);
    let text = ok(p, &w("history S001"));
    assert_eq!(text.matches("已更正").count(), 2, "{text}");
}

#[test]
fn person_is_an_id_or_a_name() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q staff add --since 2019-01-01 李娜"));
    ok(p, &w("-q staff add --since 2019-01-01 李娜 --same-name"));
    let out = ok(p, &w("record S001 --temp 36.5"));
    assert!(out.contains("S001 张伟"), "{out}");
    let out = ok(p, &w("record 王芳 --temp 36.6"));
    assert!(out.contains("S002 王芳"), "{out}");
    let out = ok(p, &w("record s001-1 --temp 36.7"));
    assert!(out.contains("S001-1 孙丽"), "{out}");
    let out = ok(p, &w("record S004 --temp 36.8"));
    assert!(out.contains("S004 李娜"), "{out}");
    let rows = daily_rows(p, TODAY);
    assert_eq!(row(&rows, "S001")["temperature"], 36.5);
    assert_eq!(row(&rows, "S002")["temperature"], 36.6);
    assert_eq!(row(&rows, "S001-1")["temperature"], 36.7);
    assert_eq!(row(&rows, "S004")["temperature"], 36.8);
    assert_eq!(row(&rows, "S003")["reported"], false);

    let before = snapshot(p);
    for line in [
        "record 李娜 --temp 36.5",
        "history 李娜",
        "person edit 李娜 --phone 1",
    ] {
        let err = fail(p, &w(line));
        assert!(
            err.contains("S003") && err.contains("S004"),
            "{line}: {err}"
        );
    }
    for (line, near) in [
        ("record 张玮 --temp 36.5", "张伟"),
        ("person edit 王方 --phone 1", "王芳"),
        ("history 孙莉", "孙丽"),
    ] {
        let err = fail(p, &w(line));
        assert!(
            err.contains("是不是") && err.contains(near),
            "{line}: {err}"
        );
    }
    let err = fail(p, &w("record Smith --temp 36.5"));
    assert!(err.contains("Smith"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "unknown or shared names");
}

// ---------------------------------------------------------------- daily

#[test]
fn daily_has_one_row_per_active_person_households_together() {
    let s = small_store();
    let p = s.path();
    // Added after S002, with a chosen id: still under 张伟.
    ok(
        p,
        &w("-q family add --since 2019-01-01 张一鸣 --of S001 --relation 子女 --id ZZ9"),
    );
    ok(
        p,
        &w("-q family add --since 2019-01-01 马建国 --of S002 --relation 配偶"),
    );
    ok(
        p,
        &w("-q staff add --since 2019-01-01 李强 --dept 财务科 --id A01"),
    );
    ok(p, &w("-q record 孙丽 --temp 37.5 --location 北京市"));
    ok(
        p,
        &w("-q record S002 --temp 36.5 --location 上海市 --work 在岗"),
    );

    let rows = daily_rows(p, TODAY);
    assert_eq!(
        ids(&rows, "person"),
        ["A01", "S001", "S001-1", "ZZ9", "S002", "S002-1"]
    );
    let want_keys: BTreeSet<&str> = DAILY_KEYS.into_iter().collect();
    for r in &rows {
        let keys: BTreeSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, want_keys, "{r}");
    }
    let reported: Vec<&Value> = rows.iter().map(|r| &r["reported"]).collect();
    assert_eq!(reported, [false, false, true, false, true, false]);
    let missing = row(&rows, "S001");
    for key in ["temperature", "location", "isolation_since", "work"] {
        assert!(
            missing[key].is_null(),
            "{key} of a missing person: {missing}"
        );
    }
    let f = row(&rows, "ZZ9");
    assert_eq!(f["kind"], "family");
    assert_eq!(f["relation"], "child");
    assert_eq!(f["of"], "S001");
    assert_eq!(f["dept"], "办公室");
    let st = row(&rows, "S002");
    assert_eq!(st["kind"], "staff");
    assert!(st["relation"].is_null() && st["of"].is_null(), "{st}");
    assert_eq!(st["dept"], "财务科");
    assert_eq!(st["local"], false);
    assert_eq!(st["work"], "on_site");
    assert_eq!(row(&rows, "S001-1")["temperature"], 37.5);
    assert_eq!(row(&rows, "S001-1")["local"], true);

    let (headers, csv_rows) = parse_daily_csv(&ok_bytes(p, &w("daily --format csv")));
    assert_eq!(headers[5], "所在地");
    let column = |i: usize| -> Vec<&str> { csv_rows.iter().map(|r| r[i].as_str()).collect() };
    assert_eq!(column(0), w("1 2 3 4 5 6"));
    assert_eq!(column(1), w("李强 张伟 孙丽 张一鸣 王芳 马建国"));
    assert_eq!(column(2), w("本人 本人 配偶 子女 本人 配偶"));
    assert_eq!(column(3), w("李强 张伟 张伟 张伟 王芳 王芳"));
    assert_eq!(column(5), w("未报 未报 北京市 未报 上海市 未报"));

    let text = ok(p, &w("daily"));
    assert_eq!(
        text.matches("未报").count(),
        5,
        "4 rows and the totals: {text}"
    );
    assert!(
        text.contains("合计：应报 6 人，已报 2 人，未报 4 人"),
        "{text}"
    );
}

#[test]
fn daily_csv_has_a_bom_parses_and_follows_lang() {
    let s = small_store();
    let p = s.path();
    ok(
        p,
        &w("-q record 张伟 --temp 36.5 --location =1+2 --note=-3"),
    );
    let bytes = ok_bytes(p, &["daily", "--date", TODAY, "--format", "csv"]);
    assert!(bytes.starts_with(BOM), "UTF-8 BOM by default");
    let (headers, rows) = parse_daily_csv(&bytes);
    assert_eq!(
        headers,
        w(
            "序号 姓名 身份 所属职工 部门 所在地 是否在本地 体温(℃) 症状 接触高风险地区人员 隔离情况 工作状态 备注"
        )
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0][..8],
        ["1", "张伟", "本人", "张伟", "办公室", "'=1+2", "否", "36.5"]
    );
    assert_eq!(rows[0][12], "'-3");
    assert_eq!(
        rows[1][..6],
        ["2", "孙丽", "配偶", "张伟", "办公室", "未报"]
    );
    assert_eq!(
        rows[2][..6],
        ["3", "王芳", "本人", "王芳", "财务科", "未报"]
    );

    let (headers, rows) = parse_daily_csv(&ok_bytes(p, &w("daily --lang en --format csv")));
    assert_eq!(
        headers,
        [
            "No.",
            "Name",
            "Role",
            "Staff member",
            "Dept",
            "Location",
            "Local",
            "Temp (°C)",
            "Symptoms",
            "High-risk contact",
            "Isolation",
            "Work",
            "Note"
        ]
    );
    assert_eq!(rows[0][2], "self");
    assert_eq!(rows[1][2], "spouse");
    assert_eq!(rows[1][5], "missing");

    // -o picks CSV from the extension and writes the file, nothing on stdout.
    let file = s.scratch().join("2020-02-18.csv");
    let out = ok(p, &["daily", "-o", file.to_str().unwrap()]);
    assert!(out.is_empty(), "{out}");
    let written = fs::read(&file).unwrap();
    assert_eq!(written, bytes, "-o file.csv is the CSV of --format csv");
    let json_file = s.scratch().join("day.json");
    ok(p, &["daily", "--output", json_file.to_str().unwrap()]);
    let v = parse_json(&fs::read_to_string(&json_file).unwrap());
    assert_eq!(array(&v).len(), 3);
    // An unknown extension without --format is a usage error.
    let odd = s.scratch().join("day.xyz");
    usage_fail(p, &["daily", "-o", odd.to_str().unwrap()]);
    assert!(!odd.exists());
}

#[test]
fn daily_text_table_for_a_small_store() {
    let s = small_store();
    let p = s.path();
    ok(
        p,
        &w("-q record 张伟 --temp 36.5 --location 北京市东城区 --work 一线 --post 和平里社区"),
    );
    ok(
        p,
        &w(
            "-q record 孙丽 --temp 37.4 --symptom 咳嗽 --location 上海 --contact \
            --isolation 居家隔离 --note 复测",
        ),
    );
    let expected = concat!(
        "测试局 工作人员及家人动态情况日报表 2020-02-18\n",
        "\n",
        "+------+------+------+----------+--------+--------------+------------+---------+------+--------------------+------------------------------------+--------------------+------+\n",
        "| 序号 | 姓名 | 身份 | 所属职工 | 部门   | 所在地       | 是否在本地 | 体温(℃) | 症状 | 接触高风险地区人员 | 隔离情况                           | 工作状态           | 备注 |\n",
        "+===========================================================================================================================================================================+\n",
        "|    1 | 张伟 | 本人 | 张伟     | 办公室 | 北京市东城区 | 是         |    36.5 |      | 否                 | 无                                 | 一线（和平里社区） |      |\n",
        "|    2 | 孙丽 | 配偶 | 张伟     | 办公室 | 上海         | 否         |    37.4 | 咳嗽 | 是                 | 居家隔离（至 2020年3月3日，第1天） |                    | 复测 |\n",
        "|    3 | 王芳 | 本人 | 王芳     | 财务科 | 未报         |            |         |      |                    |                                    |                    |      |\n",
        "+------+------+------+----------+--------+--------------+------------+---------+------+--------------------+------------------------------------+--------------------+------+\n",
        "\n",
        "合计：应报 3 人，已报 2 人，未报 1 人；在本地 1 人，在外地 1 人；发热 1 人；接触高风险地区人员 1 人；隔离 1 人。\n",
    );
    assert_eq!(ok(p, &["daily", "--date", TODAY]), expected);
    assert_eq!(ok(p, &w("daily --format text")), expected);
}

#[test]
fn the_example_bureau_on_2020_02_18() {
    let s = TestStore::example();
    let p = s.path();
    let before = snapshot(p);
    let rows = daily_rows(p, "2020-02-18");
    assert_eq!(rows.len(), 26);
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| r["reported"] == false)
        .map(|r| str_of(r, "name"))
        .collect();
    assert_eq!(missing, ["陈思", "吴小满"]);
    let fever: Vec<(&str, f64)> = rows
        .iter()
        .filter_map(|r| {
            let t = r["temperature"].as_f64()?;
            (t >= 37.3).then(|| (str_of(r, "name"), t))
        })
        .collect();
    assert_eq!(fever, [("黄小宝", 37.5)]);
    assert_eq!(rows.iter().filter(|r| r["kind"] == "staff").count(), 10);
    assert_eq!(
        rows[0]["kind"], "staff",
        "a household starts with its staff member"
    );
    let text = ok(p, &w("daily --date 2020-02-18"));
    assert!(
        text.contains("合计：应报 26 人，已报 24 人，未报 2 人"),
        "{text}"
    );
    assert_same_snapshot(&before, &snapshot(p), "reports only read");
}

// ------------------------------------------------------- errors and exits

#[test]
fn usage_errors_exit_2() {
    let s = small_store();
    let p = s.path();
    let before = snapshot(p);
    for line in [
        "record S001 --temp 36.5 --bogus",
        "record S001",
        "record --temp 36.5",
        "staff add --since 2019-01-01",
        "family add --since 2019-01-01 何静 --of S001",
        "frobnicate",
        "daily --format docx",
        "--lang fr daily",
        "config set org",
        "",
    ] {
        usage_fail(p, &w(line));
        assert_same_snapshot(&before, &snapshot(p), line);
    }
}

#[test]
fn bad_input_is_one_error_line_exit_1_and_changes_no_file() {
    let s = small_store();
    let p = s.path();
    ok(p, &w("-q record S001 --temp 36.5 --location 北京"));
    ok(p, &w("-q record S001-1 -d 2020-02-17 --temp 36.5"));
    each_fails_unchanged(
        p,
        &[
            "record S001 --temp 365",
            "record S001 --temp abc",
            "record S009 --temp 36.5",
            "record 张玮 --temp 36.5",
            "record S001 --temp 36.5 --date 2020-02-19",
            "record S001 --temp 36.5 --date 2020-02-30",
            "record S001-1 --temp 36.5 --work 在岗",
            "config set fever_threshold hot",
            "config set colour red",
            "staff add --since 2019-01-01 李强 --id S001",
            "family add --since 2019-01-01 何静 --of S001 --relation 配偶 --id S001-1",
            "family add --since 2019-01-01 何静 --of S009 --relation 配偶",
            "family add --since 2019-01-01 何静 --of S001 --relation friend",
            "person edit S001-1 --dept 财务科",
            "person leave S009",
            "init",
            "history S009",
            "daily --date 2020-13-01",
            "daily --format csv --encoding latin1",
            "roster --date someday",
        ],
    );
}

#[test]
fn refused_commands_on_a_fresh_store_add_no_file() {
    // Nothing but `init` has run: a refused command must not even leave a
    // lock file or a records folder behind.
    let s = TestStore::init(&w("--home-city 北京"));
    each_fails_unchanged(
        s.path(),
        &[
            "config set fever_threshold hot",
            "config set isolation_days 0",
            "config set colour red",
            "staff add --since 2019-01-01 张伟 --id bad/id",
            "family add --since 2019-01-01 孙丽 --of S001 --relation 配偶",
            "record S001 --temp 36.5",
            "record S001 --temp 365",
            "person edit S001 --phone 1",
            "person leave S001",
            "history S001",
            "init",
        ],
    );
    // Reports of an empty store succeed and write nothing either.
    let before = snapshot(s.path());
    assert!(daily_rows(s.path(), TODAY).is_empty());
    assert!(roster_rows(s.path(), "--all").is_empty());
    assert_same_snapshot(&before, &snapshot(s.path()), "reports of an empty store");
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    let s = TestStore::init(&[]);
    let p = s.path();
    let dept = "综合管理".repeat(60);
    for i in 0..300 {
        let name = format!("职工{i:03}");
        ok(
            p,
            &[
                "-q",
                "staff",
                "add",
                "--since",
                "2019-01-01",
                &name,
                "--dept",
                &dept,
            ],
        );
    }
    for line in [
        "daily --format json",
        "daily",
        "daily --format csv",
        "roster --all --format json",
    ] {
        let args = w(line);
        let full = ok_bytes(p, &args);
        assert!(full.len() > 200_000, "{line}: only {} bytes", full.len());
        let mut child = std::process::Command::new(BIN)
            .arg("--store")
            .arg(p)
            .args(&args)
            .env("HEALTHREPORT_NOW", NOW)
            .env("USER", "clerk")
            .env("TZ", "UTC")
            .env_remove("HEALTHREPORT_STORE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        assert_eq!(first[0], full[0]);
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", describe(&args, &out));
        assert!(out.stderr.is_empty(), "{}", describe(&args, &out));
    }
}
