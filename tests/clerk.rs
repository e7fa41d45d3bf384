//! The clerk's morning and the shell: `record --interactive` in a real
//! pseudo-terminal, `undo`, completions and the manual page.

mod common;

use std::process::Command as StdCommand;

use common::*;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

const TOMORROW: &str = "2020-02-19T08:00:00+08:00";

/// rexpect reads the terminal byte by byte as Latin-1, so a needle with
/// Chinese in it is matched in that form.
fn l1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn std_cmd(store: &std::path::Path, args: &[&str]) -> StdCommand {
    let mut cmd = StdCommand::new(BIN);
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .env("HEALTHREPORT_NOW", TOMORROW)
        .env("USER", "clerk")
        .env("TZ", "UTC")
        .env_remove("HEALTHREPORT_STORE");
    cmd
}

/// How long a wait for the program's next words may last. Every wait
/// returns as soon as the words appear; the bound only stops a test that
/// would otherwise hang, so it is generous for a loaded machine.
const PATIENCE: u64 = 120_000;

/// Sends Ctrl-C and polls until the program has exited. A Ctrl-C that
/// reaches the terminal while the program is busy is sent again, and the
/// program's output is drained so it never blocks writing it.
fn interrupt(p: &mut rexpect::session::PtySession) {
    use rexpect::process::WaitStatus;
    use std::time::{Duration, Instant};
    let start = Instant::now();
    let mut sent: Option<Instant> = None;
    loop {
        // None: already reaped, nothing left to wait for.
        if !matches!(p.process().status(), Some(WaitStatus::StillAlive)) {
            return;
        }
        if sent.is_none_or(|t| t.elapsed() > Duration::from_secs(5)) {
            p.send_control('c').expect("Ctrl-C");
            sent = Some(Instant::now());
        }
        while p.try_read().is_some() {}
        assert!(
            start.elapsed() < Duration::from_millis(PATIENCE),
            "still running long after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn daily_19(store: &std::path::Path) -> Vec<Value> {
    array(&parse_json(&ok(
        store,
        &w("daily --date 2020-02-19 --format json"),
    )))
    .clone()
}

fn row<'a>(rows: &'a [Value], id: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["person"] == id)
        .unwrap_or_else(|| panic!("{id}"))
}

/// Waits until the terminal shows `needle`. A slow machine only makes
/// this take longer: a timeout while the program is still running is
/// polled again, and only the program ending without it fails.
fn expect(p: &mut PtySession, needle: &str) {
    let latin = l1(needle);
    for _ in 0..POLLS {
        match p.exp_string(&latin) {
            Ok(_) => return,
            Err(rexpect::error::Error::Timeout { .. }) => continue,
            Err(e) => panic!("waiting for {needle:?}: {e}"),
        }
    }
    panic!("waiting for {needle:?}: still not shown");
}

/// Waits until the program has ended, polling like `expect`.
fn expect_end(p: &mut PtySession) {
    for _ in 0..POLLS {
        match p.exp_eof() {
            Ok(_) => return,
            Err(rexpect::error::Error::Timeout { .. }) => continue,
            Err(e) => panic!("waiting for the end: {e}"),
        }
    }
    panic!("the program did not end");
}

/// How many times a wait is polled (each up to `POLL_MS`) before it
/// gives up: a safety net for a hung program, not a time limit.
const POLLS: usize = 60;
const POLL_MS: u64 = 5_000;

fn spawn(store: &std::path::Path, args: &str) -> PtySession {
    spawn_command(std_cmd(store, &w(args)), Some(POLL_MS)).expect("spawn in a pty")
}

#[test]
fn interactive_in_a_terminal_guards_the_clerk_and_keeps_what_was_saved_on_ctrl_c() {
    let s = TestStore::example();
    // 王芳's last record: isolated at home since the 12th, a cough, contact.
    ok(
        s.path(),
        &w(
            "record 王芳 --temp 37.6 --isolation 居家隔离 --isolation-since 2020-02-12 --symptom 咳嗽 --contact",
        ),
    );
    let mut p = spawn(s.path(), "record --interactive");
    expect(&mut p, "共 26 人，26 人尚未填报");
    expect(&mut p, "[1/26] S001 张伟（本人，张伟）");
    expect(
        &mut p,
        "上次 2020-02-18：体温 36.5℃；症状 无；接触 否；隔离 无；所在地 北京市东城区；工作状态 一线（和平里社区）",
    );
    expect(&mut p, "体温(℃)> ");
    p.send_line("36.5").expect("send");
    expect(
        &mut p,
        "已保存 S001 张伟：36.5℃，北京市东城区，一线（和平里社区）",
    );
    expect(&mut p, "[2/26] S001-1 孙丽");
    expect(&mut p, "体温(℃)> ");
    p.send_line("365").expect("three digits");
    expect(&mut p, "36.5℃？[Y/n] ");
    p.send_line("").expect("Enter is yes");
    expect(&mut p, "已保存 S001-1 孙丽：36.5℃");
    expect(&mut p, "[3/26] S001-2 张一鸣");
    expect(&mut p, "体温(℃)> ");
    p.send_line("").expect("skip");
    expect(&mut p, "已跳过 S001-2 张一鸣");
    expect(&mut p, "[4/26] S002 王芳");
    expect(
        &mut p,
        "体温 37.6℃；症状 咳嗽；接触 否；隔离 居家隔离，2020-02-12 起，2020-02-26 期满，今天第 8 天；所在地 北京市朝阳区；工作状态 在岗",
    );
    expect(&mut p, "体温(℃)> ");
    p.send_line("37.8").expect("fever");
    expect(&mut p, "37.8℃ 发热，确认？[Y/n] ");
    p.send_line("n").expect("declined");
    expect(&mut p, "体温(℃)> ");
    p.send_line("37.8+").expect("fever, and edit");
    expect(&mut p, "37.8℃ 发热，确认？[Y/n] ");
    p.send_line("y").expect("accepted");
    expect(&mut p, "所在地 [北京市朝阳区]> ");
    p.send_line("").expect("keep");
    expect(&mut p, "接触高风险地区人员 [是/否]（现为 否）> ");
    p.send_line("maybe").expect("bad");
    expect(&mut p, "“maybe”不是可选值，请输入：是/否");
    p.send_line("是").expect("yes");
    expect(&mut p, "症状 []> ");
    p.send_line("咳嗽").expect("send");
    expect(&mut p, "隔离情况 [无/居家隔离/集中隔离]（现为 居家隔离）> ");
    p.send_line("").expect("keep");
    expect(&mut p, "隔离开始 [2020-02-12]> ");
    p.send_line("").expect("keep");
    expect(&mut p, "工作状态 [在岗/居家/一线/休假]（现为 在岗）> ");
    p.send_line("休").expect("bad");
    expect(&mut p, "“休”不是可选值，请输入：在岗/居家/一线/休假");
    p.send_line("居家").expect("send");
    expect(&mut p, "备注 []> ");
    p.send_line("发热就医").expect("send");
    expect(&mut p, "已保存 S002 王芳：37.8℃，北京市朝阳区，症状：咳嗽");
    expect(&mut p, "[5/26]");
    expect(&mut p, "体温(℃)> ");
    p.send_line("?").expect("keys");
    expect(&mut p, "回车     跳过此人");
    expect(&mut p, "体温(℃)> ");
    interrupt(&mut p);
    let rows = daily_19(s.path());
    assert_eq!(rows.iter().filter(|r| r["reported"] == true).count(), 3);
    assert_eq!(row(&rows, "S001")["post"], "和平里社区");
    assert_eq!(row(&rows, "S001-1")["temperature"], 36.5);
    assert_eq!(row(&rows, "S001-2")["reported"], false);
    let wang = row(&rows, "S002");
    assert_eq!(
        (
            &wang["temperature"],
            &wang["contact"],
            &wang["isolation"],
            &wang["work"],
            &wang["note"]
        ),
        (
            &Value::from(37.8),
            &Value::Bool(true),
            &Value::from("home"),
            &Value::from("remote"),
            &Value::from("发热就医")
        )
    );
    assert_eq!(wang["symptoms"], serde_json::json!(["咳嗽"]));
    assert_eq!(wang["location"], "北京市朝阳区");
}

#[test]
fn interactive_low_reading_is_asked_back_and_a_no_asks_again() {
    let s = TestStore::example();
    let mut p = spawn(s.path(), "record --interactive");
    expect(&mut p, "[1/26] S001 张伟");
    expect(&mut p, "体温(℃)> ");
    p.send_line("35.1").expect("low");
    expect(&mut p, "35.1℃ 偏低，确认？[Y/n] ");
    p.send_line("否").expect("no");
    expect(&mut p, "体温(℃)> ");
    p.send_line("36.1").expect("normal");
    expect(&mut p, "已保存 S001 张伟：36.1℃");
    expect(&mut p, "[2/26]");
    expect(&mut p, "体温(℃)> ");
    p.send_line("q").expect("quit");
    expect(&mut p, "已保存 1 人；2020-02-19 还有 25 人未报");
    expect_end(&mut p);
    assert_eq!(row(&daily_19(s.path()), "S001")["temperature"], 36.1);
}

#[test]
fn interactive_skips_who_reported_and_reads_piped_answers() {
    let s = TestStore::example();
    let mut cmd = hr(s.path(), &w("record --interactive --date 2020-02-18"));
    let out = cmd.write_stdin("36.6\n\nq\n").output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["record -I"], &out)
    );
    let err = text(&out.stderr);
    assert!(err.contains("共 26 人，2 人尚未填报"), "{err}");
    assert!(err.contains("[1/2] S005-2 陈思（子女，陈静）"), "{err}");
    assert!(err.contains("已跳过 S010-2 吴小满"), "{err}");
    assert!(
        err.contains("已保存 1 人，跳过 1 人：S010-2 吴小满；2020-02-18 还有 1 人未报"),
        "{err}"
    );
    assert_eq!(
        text(&out.stdout),
        "  已保存 S005-2 陈思：36.6℃，北京市丰台区\n"
    );
}

#[test]
fn interactive_in_english_end_to_end() {
    let s = TestStore::example();
    let mut cmd = hr(
        s.path(),
        &w("--lang en record --interactive --date 2020-02-18"),
    );
    let out = cmd.write_stdin("37.9\n\n\nq\n").output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["record -I"], &out)
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("2020-02-18: 2 of 26 not yet reported"),
        "{err}"
    );
    assert!(err.contains("[1/2] S005-2 陈思 (child, 陈静)"), "{err}");
    assert!(
        err.contains("last 2020-02-17: 36.6℃; symptoms none; contact no"),
        "{err}"
    );
    assert!(err.contains("37.9℃ is a fever, right? [Y/n]"), "{err}");
    assert!(err.contains("skipped S010-2 吴小满"), "{err}");
    assert!(
        err.contains(
            "saved 1, skipped 1: S010-2 吴小满; one person is still not reported on 2020-02-18"
        ),
        "{err}"
    );
    assert_eq!(
        text(&out.stdout),
        "  saved S005-2 陈思: 37.9℃, 北京市丰台区\n"
    );
}

#[test]
fn undo_takes_back_the_stores_last_write_and_deletes_nothing() {
    let s = TestStore::example();
    let day = s.path().join("records/2020/2020-02-19.jsonl");
    let at = |cmd: &mut assert_cmd::Command| {
        cmd.env("HEALTHREPORT_NOW", TOMORROW);
    };
    let run19 = |args: &[&str]| {
        let mut cmd = hr(s.path(), args);
        at(&mut cmd);
        cmd.output().expect("run")
    };
    let okay = |args: &[&str]| {
        let out = run19(args);
        assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
        text(&out.stdout)
    };
    okay(&w("record 王芳 --temp 36.6"));
    okay(&w("record 张伟 --temp 36.5"));
    okay(&["record", "张伟", "--temp", "38.5", "--by", "另一位"]);
    // Not at a terminal, undo needs --yes, and changes nothing without it.
    let before = snapshot(s.path());
    let out = run19(&w("undo"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains("38.5℃") && text(&out.stdout).contains("另一位"),
        "shown before, with who made it: {}",
        text(&out.stdout)
    );
    assert_same_snapshot(&before, &snapshot(s.path()), "undo without --yes");
    let size = std::fs::metadata(&day).expect("day file").len();
    // The store's last write goes first, though another clerk made it: an
    // older write of this clerk is never taken back past it.
    let out = okay(&w("undo --yes"));
    assert!(out.contains("S001 张伟 2020-02-19：38.5℃"), "{out}");
    assert!(
        std::fs::metadata(&day).expect("day file").len() > size,
        "appended, not rewritten"
    );
    let rows = daily_19(s.path());
    assert_eq!(
        row(&rows, "S001")["temperature"],
        36.5,
        "the correction is undone"
    );
    assert_eq!(
        row(&rows, "S002")["temperature"],
        36.6,
        "the older write stays"
    );
    okay(&w("undo --yes"));
    assert_eq!(row(&daily_19(s.path()), "S001")["reported"], false);
    assert_eq!(row(&daily_19(s.path()), "S002")["reported"], true);
    okay(&w("undo --yes"));
    assert_eq!(row(&daily_19(s.path()), "S002")["reported"], false);
    // A new store has nothing to take back, and says so.
    let fresh = TestStore::init(&[]);
    let err = hr(fresh.path(), &w("undo --yes")).output().expect("run");
    assert_eq!(err.status.code(), Some(1));
    assert!(
        text(&err.stderr).contains("没有可撤销的写入"),
        "{}",
        text(&err.stderr)
    );
    let history = parse_json(&ok(
        s.path(),
        &w("history 张伟 --from 2020-02-19 --format json"),
    ));
    let states: Vec<&str> = array(&history).iter().map(|e| str_of(e, "state")).collect();
    assert_eq!(
        states,
        ["undone", "undone", "current", "current"],
        "{history}"
    );
}

#[test]
fn undo_of_a_void_and_of_a_batch() {
    let s = TestStore::example();
    ok(s.path(), &w("void 黄小宝 --date 2020-02-18 --reason 误报"));
    ok(s.path(), &w("undo --yes"));
    let rows = array(&parse_json(&ok(
        s.path(),
        &w("daily --date 2020-02-18 --format json"),
    )))
    .clone();
    assert_eq!(
        row(&rows, "S008-1")["temperature"],
        37.5,
        "the withdrawn record is back"
    );
    let batch = s.scratch().join("b.csv");
    std::fs::write(
        &batch,
        "日期,编号,体温(℃)\n2020-02-17,S001,37.0\n2020-02-18,S005-2,36.5\n",
    )
    .expect("write");
    ok(
        s.path(),
        &["record", "--batch", batch.to_str().expect("path")],
    );
    let out = ok(s.path(), &w("undo --yes"));
    assert!(out.contains("（批量导入，2 条）"), "{out}");
    let rows = array(&parse_json(&ok(
        s.path(),
        &w("daily --date 2020-02-18 --format json"),
    )))
    .clone();
    assert_eq!(row(&rows, "S005-2")["reported"], false);
    let rows = array(&parse_json(&ok(
        s.path(),
        &w("daily --date 2020-02-17 --format json"),
    )))
    .clone();
    assert_eq!(row(&rows, "S001")["temperature"], 36.5);
}

#[test]
fn undo_asks_at_a_terminal() {
    let s = TestStore::example();
    ok(s.path(), &w("record 张伟 --date 2020-02-18 --temp 39.0"));
    let mut cmd = std_cmd(s.path(), &w("undo"));
    cmd.env("HEALTHREPORT_NOW", NOW);
    let mut p = spawn_command(cmd, Some(POLL_MS)).expect("spawn");
    expect(&mut p, "39.0℃");
    expect(&mut p, "确定撤销？[y/N] ");
    p.send_line("n").expect("no");
    expect(&mut p, "没有撤销任何内容");
    expect_end(&mut p);
    let mut cmd = std_cmd(s.path(), &w("undo"));
    cmd.env("HEALTHREPORT_NOW", NOW);
    let mut p = spawn_command(cmd, Some(POLL_MS)).expect("spawn");
    expect(&mut p, "确定撤销？[y/N] ");
    p.send_line("y").expect("yes");
    expect(&mut p, "已撤销");
    expect_end(&mut p);
    let rows = array(&parse_json(&ok(
        s.path(),
        &w("daily --date 2020-02-18 --format json"),
    )))
    .clone();
    assert_eq!(row(&rows, "S001")["temperature"], 36.5);
}

#[test]
fn completions_for_every_shell_and_bash_sources_them() {
    let nowhere = std::path::Path::new("/nonexistent/store");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = ok(nowhere, &["completions", shell]);
        assert!(out.contains("healthreport"), "{shell}");
        assert!(out.contains("residents"), "{shell} knows the subcommands");
    }
    let script = ok(nowhere, &w("completions bash"));
    let file = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(file.path(), script).expect("write");
    let out = StdCommand::new("bash")
        .arg("-c")
        .arg("source \"$1\" && complete -p healthreport")
        .arg("bash")
        .arg(file.path())
        .output()
        .expect("bash");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text(&out.stdout).contains("-F _healthreport healthreport"));
    let out = run(nowhere, &w("completions tcsh"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn manpage_lists_every_command() {
    let man = ok(std::path::Path::new("/nonexistent"), &["manpage"]);
    assert!(man.contains(".TH healthreport 1"), "{man:.200}");
    for cmd in [
        "init",
        "record",
        "daily",
        "summary",
        "residents",
        "undo",
        "export",
        "template",
    ] {
        assert!(man.contains(cmd), "{cmd}");
    }
}
