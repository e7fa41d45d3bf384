//! The clerk's morning and the shell: `record --interactive` in a real
//! pseudo-terminal, `undo`, completions and the manual page.

mod common;

use std::process::Command as StdCommand;

use common::*;
use rexpect::session::spawn_command;
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

#[test]
fn interactive_in_a_terminal_keeps_what_was_saved_on_ctrl_c() {
    let s = TestStore::example();
    let mut p = spawn_command(
        std_cmd(s.path(), &w("record --interactive")),
        Some(PATIENCE),
    )
    .expect("spawn in a pty");
    p.exp_string(&l1("26 of 26 not yet reported"))
        .expect("header");
    p.exp_string(&l1("[1/26] S001 张伟")).expect("first person");
    p.exp_string(&l1("北京市东城区"))
        .expect("carried location shown");
    p.exp_string(&l1("体温(℃)> ")).expect("prompt");
    p.send_line("36.5").expect("send");
    p.exp_string(&l1(
        "recorded S001 张伟: 36.5℃, 北京市东城区, frontline at 和平里社区",
    ))
    .expect("saved");
    p.exp_string(&l1("[2/26] S001-1 孙丽")).expect("next");
    p.exp_string(&l1("体温(℃)> ")).expect("prompt");
    p.send_line("365").expect("send");
    p.exp_string(&l1("did you mean 36.5?"))
        .expect("asked again, not fatal");
    p.exp_string(&l1("体温(℃)> ")).expect("prompt again");
    p.send_line("36.4").expect("send");
    p.exp_string(&l1("recorded S001-1 孙丽")).expect("saved");
    p.exp_string(&l1("[3/26] S001-2 张一鸣")).expect("next");
    p.exp_string(&l1("体温(℃)> ")).expect("prompt");
    p.send_line("").expect("skip");
    p.exp_string(&l1("[4/26] S002 王芳"))
        .expect("next household");
    p.exp_string(&l1("体温(℃)> ")).expect("prompt");
    p.send_line("37.5+").expect("edit");
    p.exp_string(&l1("所在地 [北京市朝阳区]> "))
        .expect("location kept by Enter");
    p.send_line("").expect("keep");
    p.exp_string(&l1("接触高风险地区人员 [否]> "))
        .expect("contact");
    p.send_line("maybe").expect("bad");
    p.exp_string(&l1("bad yes/no")).expect("asked again");
    p.exp_string(&l1("接触高风险地区人员 [否]> "))
        .expect("contact again");
    p.send_line("是").expect("yes");
    p.exp_string(&l1("症状 []> ")).expect("symptoms");
    p.send_line("咳嗽").expect("send");
    p.exp_string(&l1("隔离情况 [无]> ")).expect("isolation");
    p.send_line("居家隔离").expect("send");
    p.exp_string(&l1("隔离开始 [2020-02-19]> ")).expect("since");
    p.send_line("").expect("keep");
    p.exp_string(&l1("工作状态 [在岗]> ")).expect("work");
    p.send_line("居家").expect("send");
    p.exp_string(&l1("备注 []> ")).expect("note");
    p.send_line("发热就医").expect("send");
    p.exp_string(&l1("recorded S002 王芳")).expect("saved");
    p.exp_string(&l1("[5/26]")).expect("next");
    p.exp_string(&l1("体温(℃)> ")).expect("prompt");
    interrupt(&mut p);
    let rows = daily_19(s.path());
    assert_eq!(rows.iter().filter(|r| r["reported"] == true).count(), 3);
    assert_eq!(row(&rows, "S001")["post"], "和平里社区");
    assert_eq!(row(&rows, "S001-1")["temperature"], 36.4);
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
            &Value::from(37.5),
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
    assert!(err.contains("2 of 26 not yet reported"), "{err}");
    assert!(err.contains("[1/2] S005-2 陈思"), "{err}");
    assert!(
        err.contains("recorded 1, skipped 1; 1 still not reported"),
        "{err}"
    );
    assert!(text(&out.stdout).contains("recorded S005-2 陈思: 36.6℃, 北京市丰台区"));
}

#[test]
fn undo_takes_back_the_clerks_last_write_and_deletes_nothing() {
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
    okay(&w("record 张伟 --temp 36.5"));
    okay(&w("record 张伟 --temp 38.5"));
    okay(&["record", "王芳", "--temp", "36.6", "--by", "另一位"]);
    // Not at a terminal, undo needs --yes, and changes nothing without it.
    let before = snapshot(s.path());
    let out = run19(&w("undo"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains("38.5℃"),
        "shown before: {}",
        text(&out.stdout)
    );
    assert_same_snapshot(&before, &snapshot(s.path()), "undo without --yes");
    let size = std::fs::metadata(&day).expect("day file").len();
    let out = okay(&w("undo --yes"));
    assert!(out.contains("S001 张伟 on 2020-02-19: 38.5℃"), "{out}");
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
        "another clerk's record stays"
    );
    okay(&w("undo --yes"));
    assert_eq!(row(&daily_19(s.path()), "S001")["reported"], false);
    let err = run19(&w("undo --yes"));
    assert_eq!(err.status.code(), Some(1));
    assert!(
        text(&err.stderr).contains("clerk has no write left to undo"),
        "{}",
        text(&err.stderr)
    );
    // The other clerk can undo theirs.
    okay(&w("undo --yes --by 另一位"));
    assert_eq!(row(&daily_19(s.path()), "S002")["reported"], false);
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
    assert!(out.contains("(batch, 2 entries)"), "{out}");
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
    let mut p = spawn_command(cmd, Some(PATIENCE)).expect("spawn");
    p.exp_string(&l1("39.0℃")).expect("shown");
    p.exp_string(&l1("Undo it? [y/N] ")).expect("asks");
    p.send_line("n").expect("no");
    p.exp_string(&l1("nothing undone")).expect("kept");
    p.exp_eof().expect("ends");
    let mut cmd = std_cmd(s.path(), &w("undo"));
    cmd.env("HEALTHREPORT_NOW", NOW);
    let mut p = spawn_command(cmd, Some(PATIENCE)).expect("spawn");
    p.exp_string(&l1("Undo it? [y/N] ")).expect("asks");
    p.send_line("y").expect("yes");
    p.exp_string(&l1("undone")).expect("undone");
    p.exp_eof().expect("ends");
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
