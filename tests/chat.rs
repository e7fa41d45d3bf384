//! `record --chat` (SPEC §3 v2): a WeChat 接龙 pasted as text, previewed,
//! written as one undoable write; `template --format chat` and
//! `missing --format chat`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::*;
use serde_json::Value;

/// The example bureau's next morning: its records run to 2020-02-18.
const NEXT_MORNING: &str = "2020-02-19T09:00:00+08:00";

fn run_at(store: &Path, now: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = hr(store, args);
    cmd.env("HEALTHREPORT_NOW", now);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    cmd.output().expect("run healthreport")
}

fn ok_at(store: &Path, args: &[&str]) -> String {
    let out = run_at(store, NEXT_MORNING, args, None);
    assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
    text(&out.stdout)
}

/// `daily --format json` rows by person id.
fn daily(store: &Path, date: &str) -> Vec<Value> {
    array(&parse_json(&ok_at(
        store,
        &["daily", "--date", date, "--format", "json"],
    )))
    .clone()
}

fn reported(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .filter(|r| r["reported"] == Value::Bool(true))
        .map(|r| str_of(r, "person").to_string())
        .collect()
}

/// Every fixture is a roll-call as the bureau's staff type it, with the
/// records it must give beside it (`NAME.json`: per person id the fields
/// `daily --format json` must show; everyone else stays unreported), and
/// what the preview must say.
#[test]
fn every_fixture_gives_its_records() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chat");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 15, "{names:?}");
    for name in names {
        let expect: Value =
            parse_json(&fs::read_to_string(dir.join(format!("{name}.json"))).expect("expectation"));
        let store = TestStore::example();
        let file = dir.join(format!("{name}.txt"));
        let file = file.to_str().expect("path");
        let preview = ok_at(store.path(), &["record", "--chat", file, "--yes"]);
        let rows = daily(store.path(), "2020-02-19");
        let records = expect["records"].as_object().expect("records");
        let mut want: Vec<String> = records.keys().cloned().collect();
        want.sort();
        let mut got = reported(&rows);
        got.sort();
        assert_eq!(got, want, "{name}: who was recorded\n{preview}");
        for (id, fields) in records {
            let row = rows
                .iter()
                .find(|r| str_of(r, "person") == id)
                .unwrap_or_else(|| panic!("{name}: no row for {id}"));
            for (key, value) in fields.as_object().expect("fields") {
                assert_eq!(&row[key], value, "{name}: {id} {key}\n{preview}");
            }
        }
        let section = |heading: &str| -> String {
            preview
                .split("\n\n")
                .find(|b| b.starts_with(heading))
                .unwrap_or("")
                .to_string()
        };
        let not_understood = section("没看懂的行");
        let lines: Vec<u64> = expect["not_understood"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        for line in &lines {
            assert!(
                not_understood.contains(&format!("第 {line} 行")),
                "{name}: line {line} not understood\n{preview}"
            );
        }
        assert_eq!(
            not_understood.matches("  第 ").count(),
            lines.len(),
            "{name}: lines not understood\n{preview}"
        );
        let chase = section("提到了但没有体温");
        let chased: Vec<&str> = expect["chase"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for who in &chased {
            assert!(chase.contains(who), "{name}: chase {who}\n{preview}");
        }
        if chased.is_empty() {
            assert!(
                chase.ends_with("（无）"),
                "{name}: nobody to chase\n{preview}"
            );
        }
        let alerts = section("预警");
        for who in expect["alerts"].as_array().into_iter().flatten() {
            let who = who.as_str().expect("name");
            assert!(alerts.contains(who), "{name}: alert for {who}\n{preview}");
        }
        for text in expect["preview"].as_array().into_iter().flatten() {
            let text = text.as_str().expect("text");
            assert!(
                preview.contains(text),
                "{name}: preview says {text}\n{preview}"
            );
        }
    }
}

fn small_store() -> TestStore {
    let store = TestStore::init(&["--org", "测试局", "--home-city", "沈阳"]);
    let p = store.path();
    ok(p, &w("staff add 王大明 --dept 办公室 --since 2020-02-01"));
    ok(
        p,
        &w("family add 李秀英 --of 王大明 --relation 配偶 --since 2020-02-01"),
    );
    ok(
        p,
        &w("family add 王小雨 --of 王大明 --relation 子女 --since 2020-02-01"),
    );
    ok(p, &w("staff add 周航 --dept 办公室 --since 2020-02-01"));
    ok(
        p,
        &w("family add 周建国 --of 周航 --relation 父母 --since 2020-02-01"),
    );
    ok(p, &w("staff add 陈静 --dept 财务科 --since 2020-02-01"));
    store
}

const SMALL_CHAT: &str = "#接龙\n2月18日体温接龙\n例：张三 36.5 爱人 36.4\n\n1. 王大明 36.5 爱人 36.4 在沈\n2. 周杭 37.4 咳嗽 全家正常\n3. 陈静 365\n";

fn write_chat(store: &TestStore, text: &str) -> String {
    let path = store.scratch().join("接龙.txt");
    fs::write(&path, text).expect("write chat");
    path.to_str().expect("path").to_string()
}

#[test]
fn the_preview_shows_records_lines_not_understood_chase_missing_and_alerts() {
    let store = small_store();
    let file = write_chat(&store, SMALL_CHAT);
    let before = snapshot(store.path());
    let out = ok(store.path(), &["record", "--chat", &file, "--dry-run"]);
    assert_eq!(
        out,
        "\
测试局 接龙预览 2020-02-18

+----+--------+--------+------+---------+------+--------+----------+----------+------+----------------------------+
| 行 | 编号   | 姓名   | 身份 | 体温(℃) | 症状 | 所在地 | 隔离情况 | 工作状态 | 备注 | 说明                       |
+=================================================================================================================+
|  5 | S001   | 王大明 | 本人 |    36.5 |      |        | 无       |          |      |                            |
|  5 | S001-1 | 李秀英 | 配偶 |    36.4 |      | 沈阳   | 无       |          |      |                            |
|  6 | S002   | 周航   | 本人 |    37.4 | 咳嗽 |        | 无       |          |      | 原文“周杭”，按最接近的名字 |
+----+--------+--------+------+---------+------+--------+----------+----------+------+----------------------------+

共 3 条记录，其中 0 条更正当天已有的记录。

没看懂的行（未记录）：
  第 7 行“3. 陈静 365”：体温 365 超出 34.0～43.0℃，是 36.5 吗？

提到了但没有体温（未记录，请追问）：
  第 6 行 周建国：“2. 周杭 37.4 咳嗽 全家正常”

名册上还没有报送的人：
  王大明家：王小雨
  陈静家：陈静

预警：
  周航 发热：体温 37.4℃
试运行：什么也没写
"
    );
    assert_same_snapshot(&before, &snapshot(store.path()), "--dry-run");
}

#[test]
fn the_preview_is_english_with_lang_en() {
    let store = small_store();
    let file = write_chat(&store, SMALL_CHAT);
    let out = ok(
        store.path(),
        &["--lang", "en", "record", "--chat", &file, "--dry-run"],
    );
    for text in [
        "Roll-call preview 2020-02-18",
        "| Line | ID ",
        "Lines not understood (not recorded):",
        "line 7 '3. 陈静 365': temperature 365 is outside 34.0 to 43.0 °C; did you mean 36.5?",
        "Named without a temperature (not recorded; ask them):",
        "On the roster and not reported yet:",
        "written '周杭', taken as the closest name",
        "Alerts:\n  周航 fever: temperature 37.4℃\n",
        "dry run: nothing was written",
    ] {
        assert!(out.contains(text), "{text}\n{out}");
    }
}

#[test]
fn off_a_terminal_nothing_is_written_without_yes() {
    let store = small_store();
    let file = write_chat(&store, SMALL_CHAT);
    let before = snapshot(store.path());
    let args = ["record", "--chat", &file];
    let out = run(store.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&args, &out));
    let err = text(&out.stderr);
    assert!(err.starts_with("错误：") && err.contains("--yes"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        text(&out.stdout).contains("接龙预览"),
        "the preview is shown first"
    );
    assert_same_snapshot(&before, &snapshot(store.path()), "refused without --yes");
}

#[test]
fn yes_writes_one_undoable_write() {
    let store = small_store();
    let file = write_chat(&store, SMALL_CHAT);
    let before = snapshot(store.path());
    let out = ok(store.path(), &["record", "--chat", &file, "--yes"]);
    assert!(
        out.ends_with("已记录 3 条（2020-02-18）；写错了可以用 healthreport undo 撤销\n"),
        "{out}"
    );
    let rows = daily(store.path(), "2020-02-18");
    let mut got = reported(&rows);
    got.sort();
    assert_eq!(got, ["S001", "S001-1", "S002"]);
    let journal = fs::read_to_string(store.path().join("journal.jsonl")).expect("journal");
    let writes: Vec<Value> = journal
        .lines()
        .map(parse_json)
        .filter(|l| l["begin"] == "chat")
        .collect();
    assert_eq!(writes.len(), 1, "one write\n{journal}");
    let tx = &writes[0]["tx"];
    assert!(
        journal
            .lines()
            .map(parse_json)
            .any(|l| l["tx"] == *tx && l["end"] == "commit"),
        "committed\n{journal}"
    );
    let undo = ok(store.path(), &w("undo --yes"));
    assert!(undo.contains("（接龙，3 条）"), "{undo}");
    assert!(reported(&daily(store.path(), "2020-02-18")).is_empty());
    // The store only grew: the undo is appended, nothing was rewritten.
    let after = snapshot(store.path());
    for (path, bytes) in &before {
        // latest.index is derived, replaced by every write (README "The store").
        if path.ends_with("latest.index") {
            continue;
        }
        if let Some(now) = after.get(path) {
            assert!(now.starts_with(bytes), "{} was rewritten", path.display());
        }
    }
}

#[test]
fn a_title_for_another_day_than_date_is_refused() {
    let store = small_store();
    let file = write_chat(&store, SMALL_CHAT.replace("2月18日", "2月17日").as_str());
    let before = snapshot(store.path());
    let err = fail(
        store.path(),
        &["record", "--chat", &file, "--date", "2020-02-18", "--yes"],
    );
    assert!(
        err.contains("2020-02-17") && err.contains("--date"),
        "{err}"
    );
    assert_same_snapshot(&before, &snapshot(store.path()), "wrong day");
    // Without --date the title's day is the day of the records.
    ok(store.path(), &["record", "--chat", &file, "--yes"]);
    assert_eq!(reported(&daily(store.path(), "2020-02-17")).len(), 3);
    assert!(reported(&daily(store.path(), "2020-02-18")).is_empty());
}

#[test]
fn a_title_date_that_does_not_exist_is_an_error() {
    let store = small_store();
    let file = write_chat(&store, "2月30日接龙\n1. 王大明 36.5\n");
    let err = fail(store.path(), &["record", "--chat", &file, "--yes"]);
    assert!(err.contains("第 1 行"), "{err}");
}

#[test]
fn nothing_understood_is_an_error_and_writes_nothing() {
    let store = small_store();
    let file = write_chat(&store, "#接龙\n2月18日\n1. 赵六 36.5\n");
    let before = snapshot(store.path());
    let out = run(store.path(), &["record", "--chat", &file, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("当天的名册上没有“赵六”"));
    assert_same_snapshot(&before, &snapshot(store.path()), "nothing to record");
}

#[test]
fn standard_input_and_gbk() {
    let store = small_store();
    let out = run_at(
        store.path(),
        common::NOW,
        &["record", "--chat", "-", "--yes"],
        Some("1. 王大明 36.5\r\n2. 周航 36.6 父亲 36.7\r\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&[], &out));
    assert_eq!(reported(&daily(store.path(), "2020-02-18")).len(), 3);
    // Notepad on Chinese Windows saves GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode("1. 陈静 36.4\n");
    let path = store.scratch().join("gbk.txt");
    fs::write(&path, &gbk).expect("write");
    ok(
        store.path(),
        &["record", "--chat", path.to_str().unwrap(), "--yes"],
    );
    let rows = daily(store.path(), "2020-02-18");
    let row = rows.iter().find(|r| str_of(r, "person") == "S003").unwrap();
    assert_eq!(row["temperature"], 36.4);
}

#[test]
fn a_chat_on_a_day_already_recorded_is_a_correction() {
    let store = TestStore::example();
    let file = write_chat(&store, "2月18日\n1. 王芳 36.9\n");
    let out = ok(store.path(), &["record", "--chat", &file, "--yes"]);
    assert!(out.contains("更正当天已有记录"), "{out}");
    let rows = daily(store.path(), "2020-02-18");
    let row = rows.iter().find(|r| str_of(r, "person") == "S002").unwrap();
    assert_eq!(row["temperature"], 36.9);
    assert_eq!(row["work"], "on_site", "carried from the replaced version");
}

#[test]
fn the_template_filled_in_reads_back() {
    let store = TestStore::example();
    let starter = ok_at(store.path(), &["template", "--format", "chat"]);
    assert!(
        starter.starts_with("#接龙\n2020年2月19日 体温接龙（本人及家属）\n例："),
        "{starter}"
    );
    assert!(starter.contains("\n1. 张伟 孙丽 张一鸣\n"), "{starter}");
    assert!(starter.ends_with("\n10. 吴霞 吴建 吴小满\n"), "{starter}");
    // Each staff member fills in their line: a temperature after every name.
    let mut filled = String::new();
    let mut want: Vec<(String, f64)> = Vec::new();
    let mut t = 36.0;
    for line in starter.lines() {
        let Some((number, names)) = line
            .split_once(". ")
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        else {
            filled.push_str(line);
            filled.push('\n');
            continue;
        };
        filled.push_str(number);
        filled.push_str(". ");
        for name in names.split(' ') {
            t = if t >= 37.0 { 36.0 } else { t + 0.1 };
            filled.push_str(&format!("{name} {t:.1} "));
            want.push((name.to_string(), (t * 10.0_f64).round() / 10.0));
        }
        filled.push('\n');
    }
    let file = write_chat(&store, &filled);
    ok_at(store.path(), &["record", "--chat", &file, "--yes"]);
    let rows = daily(store.path(), "2020-02-19");
    assert_eq!(reported(&rows).len(), rows.len(), "everyone reported");
    for (name, temp) in want {
        let row = rows.iter().find(|r| str_of(r, "name") == name).unwrap();
        assert_eq!(row["temperature"].as_f64(), Some(temp), "{name}");
    }
}

#[test]
fn missing_as_a_chat_reminder() {
    let store = TestStore::example();
    let out = ok(store.path(), &w("missing --format chat"));
    assert_eq!(out, "@陈静 @吴霞 请尽快接龙报送本人及家属体温（2月18日）\n");
    let out = ok(store.path(), &w("--lang en missing --format chat"));
    assert_eq!(
        out,
        "@陈静 @吴霞 please add your line to the roll-call with your own and your family's temperatures (18 Feb)\n"
    );
    let err = usage_fail(store.path(), &w("daily --format chat"));
    assert!(err.contains("missing"), "{err}");
}

/// rexpect reads the terminal byte by byte as Latin-1, so a needle with
/// Chinese in it is matched in that form.
fn l1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn pty_cmd(store: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .env("HEALTHREPORT_NOW", common::NOW)
        .env("USER", "clerk")
        .env("TZ", "UTC")
        .env_remove("HEALTHREPORT_STORE");
    cmd
}

#[test]
fn at_a_terminal_it_asks_before_writing() {
    let store = small_store();
    let file = write_chat(&store, SMALL_CHAT);
    let before = snapshot(store.path());
    let mut p = rexpect::session::spawn_command(
        pty_cmd(store.path(), &["record", "--chat", &file]),
        Some(10_000),
    )
    .expect("spawn in a pty");
    p.exp_string(&l1("写入以上 3 条记录？[y/N] "))
        .expect("asks");
    p.send_line("n").expect("no");
    p.exp_string(&l1("未写入")).expect("kept");
    p.exp_eof().expect("ends");
    assert_same_snapshot(&before, &snapshot(store.path()), "answered no");
    let mut p = rexpect::session::spawn_command(
        pty_cmd(store.path(), &["record", "--chat", &file]),
        Some(10_000),
    )
    .expect("spawn in a pty");
    p.exp_string(&l1("[y/N] ")).expect("asks");
    p.send_line("y").expect("yes");
    p.exp_string(&l1("已记录 3 条")).expect("written");
    p.exp_eof().expect("ends");
    assert_eq!(reported(&daily(store.path(), "2020-02-18")).len(), 3);
}

#[test]
fn a_paste_at_the_terminal_ends_with_ctrl_d_and_is_then_confirmed() {
    let store = small_store();
    let mut p = rexpect::session::spawn_command(
        pty_cmd(store.path(), &["record", "--chat", "-"]),
        Some(10_000),
    )
    .expect("spawn in a pty");
    p.send_line("1. 王大明 36.5 爱人 36.4").expect("paste");
    p.send_line("2. 周航 36.6").expect("paste");
    p.send_control('d').expect("end of input");
    p.exp_string(&l1("写入以上 3 条记录？[y/N] "))
        .expect("asks");
    p.send_line("y").expect("yes");
    p.exp_string(&l1("已记录 3 条")).expect("written");
    p.exp_eof().expect("ends");
    assert_eq!(reported(&daily(store.path(), "2020-02-18")).len(), 3);
}

#[test]
fn text_through_a_pipe_needs_yes() {
    let store = small_store();
    let before = snapshot(store.path());
    let out = run_at(
        store.path(),
        common::NOW,
        &["record", "--chat", "-"],
        Some("1. 王大明 36.5\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&[], &out));
    assert!(text(&out.stderr).contains("--yes"));
    assert_same_snapshot(&before, &snapshot(store.path()), "piped without --yes");
}
