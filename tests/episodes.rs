//! SPEC §2 v2 episodes and the day's readings: isolation and contact
//! observation hold as of a day from the person's latest record on or
//! before it, and every report agrees on them at any hour; twice-daily
//! temperatures through the flag, the batch and the interactive round;
//! places folded (武漢 = 武汉); corrections without a temperature.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// 张伟 (home, Beijing) and 王芳, who comes back from 武漢 on the 10th.
fn bureau() -> TestStore {
    let s = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let p = s.path();
    ok(p, &w("-q staff add 张伟 --dept 办公室 --since 2020-02-01"));
    ok(p, &w("-q staff add 王芳 --dept 财务科 --since 2020-02-01"));
    s
}

fn json(p: &Path, line: &str) -> Value {
    parse_json(&ok(p, &w(line)))
}

/// What every report says of 王芳 (S002) on `day`: counted under contact,
/// counted isolated, her alert kinds.
#[derive(Debug, PartialEq)]
struct Seen {
    summary: (u64, u64),
    daily: (bool, String),
    residents: (u64, u64),
    trend: (u64, u64),
    alerts: Vec<String>,
}

fn seen(p: &Path, day: &str) -> Seen {
    let s = json(p, &format!("summary --date {day} --format json"));
    let d = json(p, &format!("daily --date {day} --format json"));
    let wang = row_of(&d, "S002");
    let r = json(p, &format!("residents --date {day} --format json"));
    let t = json(p, &format!("trend --from {day} --to {day} --format json"));
    let a = json(p, &format!("alerts --date {day} --format json"));
    let n = |v: &Value| v.as_u64().expect("count");
    Seen {
        summary: (n(&s["contact"]), n(&s["isolated"])),
        daily: (
            wang["contact"] == true,
            str_of(wang, "isolation").to_string(),
        ),
        residents: (n(&r["total"]["contact"]), n(&r["total"]["isolated"])),
        trend: (n(&array(&t)[0]["contact"]), n(&array(&t)[0]["isolated"])),
        alerts: array(&a)
            .iter()
            .filter(|x| x["person"] == "S002")
            .map(|x| str_of(x, "kind").to_string())
            .collect(),
    }
}

fn all(contact: u64, isolated: u64, daily_isolation: &str, alerts: &[&str]) -> Seen {
    Seen {
        summary: (contact, isolated),
        daily: (contact == 1, daily_isolation.into()),
        residents: (contact, isolated),
        trend: (contact, isolated),
        alerts: alerts.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn an_observation_holds_every_day_whether_or_not_she_reported() {
    let s = bureau();
    let p = s.path();
    // 武漢 is 武汉 once folded: a high-risk area opens the observation.
    ok(
        p,
        &w("record 王芳 --date 2020-02-10 --temp 36.5 --location 湖北省武漢市"),
    );
    let table = [
        ("2020-02-09", all(0, 0, "none", &[])),
        ("2020-02-10", all(1, 0, "none", &["contact_not_isolated"])),
        ("2020-02-15", all(1, 0, "none", &["contact_not_isolated"])),
        ("2020-02-23", all(1, 0, "none", &["contact_not_isolated"])),
        ("2020-02-24", all(0, 0, "none", &["observation_complete"])),
        ("2020-02-25", all(0, 0, "none", &[])),
    ];
    for (day, want) in table {
        assert_eq!(seen(p, day), want, "{day}");
    }
    // The alert gives the day of the observation.
    let a = json(p, "alerts --date 2020-02-15 --format json");
    assert!(str_of(&array(&a)[0], "detail").contains("第6天"), "{a}");
}

#[test]
fn the_day_s_record_changes_nothing_but_what_it_says() {
    let s = bureau();
    let p = s.path();
    ok(
        p,
        &w("record 王芳 --date 2020-02-10 --temp 36.5 --location 北京 --contact"),
    );
    // Before and after her record of the 12th: the same episode.
    let before = seen(p, "2020-02-12");
    ok(p, &w("record 王芳 --date 2020-02-12 --temp 36.6"));
    assert_eq!(seen(p, "2020-02-12"), before);
    assert_eq!(before, all(1, 0, "none", &["contact_not_isolated"]));
    // Contact carried onto the new record, within the observation.
    let d = json(p, "daily --date 2020-02-12 --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(wang["observation_since"], "2020-02-10");
    // Isolation closes the observation and holds as an isolation.
    ok(
        p,
        &w("record 王芳 --date 2020-02-13 --temp 36.6 --isolation home --work remote"),
    );
    let table = [
        ("2020-02-13", all(0, 1, "home", &[])),
        ("2020-02-20", all(0, 1, "home", &[])),
        ("2020-02-27", all(0, 1, "home", &["isolation_complete"])),
        ("2020-03-05", all(0, 1, "home", &["isolation_complete"])),
    ];
    for (day, want) in table {
        assert_eq!(seen(p, day), want, "{day}");
    }
    // Working while isolated is flagged as of the day, reported or not.
    ok(
        p,
        &w("record 王芳 --date 2020-02-14 --temp 36.6 --work on_site"),
    );
    assert_eq!(seen(p, "2020-02-16").alerts, ["isolated_working"]);
    // A record that releases her ends it.
    ok(
        p,
        &w("record 王芳 --date 2020-02-17 --temp 36.6 --isolation none --work on_site"),
    );
    assert_eq!(seen(p, "2020-02-18"), all(0, 0, "none", &[]));
}

#[test]
fn a_correction_of_the_opening_record_closes_the_observation() {
    let s = bureau();
    let p = s.path();
    ok(
        p,
        &w("record 王芳 --date 2020-02-10 --temp 36.5 --location 北京 --contact"),
    );
    ok(p, &w("record 王芳 --date 2020-02-11 --temp 36.5"));
    assert_eq!(seen(p, "2020-02-12").summary, (1, 0));
    // Entered against the wrong person: the opening record is corrected.
    ok(p, &w("record 王芳 --date 2020-02-10 --no-contact"));
    for day in ["2020-02-10", "2020-02-11", "2020-02-12"] {
        assert_eq!(seen(p, day), all(0, 0, "none", &[]), "{day}");
    }
    // The next record carries no contact.
    ok(p, &w("record 王芳 --date 2020-02-13 --temp 36.5"));
    let d = json(p, "daily --date 2020-02-13 --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(wang["contact"], false);
}

#[test]
fn template_and_interactive_show_contact_as_carried() {
    let s = bureau();
    let p = s.path();
    ok(
        p,
        &w("record 王芳 --date 2020-02-17 --temp 36.5 --location 北京 --contact"),
    );
    let (headers, rows) = parse_csv(&ok_bytes(p, &w("template")));
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let wang = rows
        .iter()
        .find(|r| r[col("编号")] == "S002")
        .expect("S002");
    assert_eq!(
        (
            &wang[col("接触高风险地区人员")][..],
            &wang[col("医学观察开始")][..]
        ),
        ("是", "2020-02-17")
    );
    let zhang = rows
        .iter()
        .find(|r| r[col("编号")] == "S001")
        .expect("S001");
    assert_eq!(&zhang[col("接触高风险地区人员")][..], "否");
    let mut cmd = hr(p, &w("record --interactive"));
    let out = cmd.write_stdin("\n36.6\n").output().expect("run");
    let err = text(&out.stderr);
    assert!(
        err.contains("接触 是（医学观察第2天，至2020年3月2日）"),
        "{err}"
    );
    // Enter kept it: the record of the 18th has contact, in the same observation.
    let d = json(p, "daily --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(
        (wang["contact"].clone(), wang["observation_since"].clone()),
        (Value::Bool(true), Value::from("2020-02-17"))
    );
}

#[test]
fn twice_daily_through_the_flag_the_batch_and_the_afternoon_round() {
    let s = bureau();
    let p = s.path();
    ok(
        p,
        &w("record 王芳 --temp 36.5 --location 温州 --symptom 咳嗽"),
    );
    // Only the afternoon reading: added to the morning record, which stays.
    let said = ok(p, &w("record 王芳 --temp-pm 37.5"));
    assert!(said.contains("36.5℃ / 37.5℃"), "{said}");
    let d = json(p, "daily --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(
        (
            &wang["temperature"],
            &wang["temperature_pm"],
            &wang["symptoms"]
        ),
        (
            &Value::from(36.5),
            &Value::from(37.5),
            &serde_json::json!(["咳嗽"])
        )
    );
    // Either reading over the threshold is fever.
    assert_eq!(json(p, "summary --format json")["fever"], 1);
    // A correction without --temp keeps both readings.
    ok(p, &w("record 王芳 --note 复测"));
    let d = json(p, "daily --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(
        (&wang["temperature"], &wang["temperature_pm"]),
        (&Value::from(36.5), &Value::from(37.5))
    );
    // Export → batch into a fresh store keeps both.
    let export = ok_bytes(p, &w("export"));
    let roster = ok_bytes(p, &w("roster --all --format csv"));
    let b = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let rf = b.scratch().join("roster.csv");
    let ef = b.scratch().join("export.csv");
    std::fs::write(&rf, roster).expect("write");
    std::fs::write(&ef, &export).expect("write");
    ok(b.path(), &["roster", "import", rf.to_str().expect("path")]);
    ok(b.path(), &["record", "--batch", ef.to_str().expect("path")]);
    assert_eq!(ok_bytes(b.path(), &w("export")), export);
    // A batch of afternoon readings only adds them.
    ok(p, &w("record 张伟 --temp 36.4"));
    let batch = s.scratch().join("pm.csv");
    std::fs::write(&batch, "编号,体温(下午)\nS001,36.9\n").expect("write");
    ok(p, &["record", "--batch", batch.to_str().expect("path")]);
    let d = json(p, "daily --format json");
    let zhang = row_of(&d, "S001");
    assert_eq!(
        (&zhang["temperature"], &zhang["temperature_pm"]),
        (&Value::from(36.4), &Value::from(36.9))
    );
    // The afternoon round asks only those in an episode without one yet.
    let c = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let q = c.path();
    ok(q, &w("-q staff add 张伟 --since 2020-02-01"));
    ok(q, &w("-q staff add 王芳 --since 2020-02-01"));
    ok(q, &w("-q record 张伟 --temp 36.4 --location 北京"));
    ok(q, &w("-q record 王芳 --temp 36.5 --location 武汉"));
    let mut cmd = hr(q, &w("record --interactive --pm"));
    let out = cmd.write_stdin("37.6\ny\n").output().expect("run");
    let err = text(&out.stderr);
    assert!(err.contains("共 2 人，1 人需要测下午体温"), "{err}");
    assert!(
        err.contains("[1/1] S002 王芳") && err.contains("体温(下午)> "),
        "{err}"
    );
    let d = json(q, "daily --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(
        (&wang["temperature"], &wang["temperature_pm"]),
        (&Value::from(36.5), &Value::from(37.6))
    );
}

#[test]
fn places_match_folded() {
    // (location, in a high-risk area, local to 北京)
    let table = [
        ("武漢市", true, false),
        ("湖北省武汉市", true, false),
        ("ＷＵＨＡＮ", true, false),
        ("wuhan city", true, false),
        ("浙江溫州", true, false),
        ("北京市朝陽區", false, true),
        ("上海", false, false),
    ];
    let s = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let p = s.path();
    ok(p, &w("config set high_risk 湖北,武汉,温州,Wuhan"));
    for (i, (place, high_risk, local)) in table.into_iter().enumerate() {
        let id = format!("S{:03}", i + 1);
        ok(
            p,
            &[
                "-q",
                "staff",
                "add",
                &format!("人{i}"),
                "--since",
                "2020-02-01",
            ],
        );
        ok(
            p,
            &["-q", "record", &id, "--temp", "36.5", "--location", place],
        );
        let d = json(p, "daily --format json");
        let r = array(&d)
            .iter()
            .find(|r| r["person"] == id.as_str())
            .expect("row");
        assert_eq!(
            (r["contact"] == true, r["local"] == true),
            (high_risk, local),
            "{place}"
        );
    }
}

#[test]
fn dropping_frontline_clears_the_post_on_every_path() {
    let s = bureau();
    let p = s.path();
    let post_of = |p: &Path, day: &str| -> Value {
        let d = json(p, &format!("daily --date {day} --format json"));
        array(&d)
            .iter()
            .find(|r| r["person"] == "S001")
            .map(|r| r["post"].clone())
            .expect("S001")
    };
    ok(
        p,
        &w("-q record 张伟 --date 2020-02-15 --temp 36.5 --work 一线 --post 和平里社区"),
    );
    // The flag.
    ok(
        p,
        &w("-q record 张伟 --date 2020-02-16 --temp 36.5 --work 在岗"),
    );
    assert_eq!(post_of(p, "2020-02-16"), Value::Null);
    ok(
        p,
        &w("-q record 张伟 --date 2020-02-17 --temp 36.5 --work 一线 --post 和平里社区"),
    );
    // The batch: the template filled in, work changed, the post left in its column.
    let (headers, rows) = parse_csv(&ok_bytes(p, &w("template")));
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let mut filled = csv::Writer::from_writer(Vec::new());
    filled.write_record(&headers).expect("header");
    for mut r in rows {
        r[col("体温(上午)")] = "36.5".into();
        if r[col("编号")] == "S001" {
            assert_eq!(r[col("一线岗位")], "和平里社区");
            r[col("工作状态")] = "在岗".into();
        }
        filled.write_record(&r).expect("row");
    }
    let file = s.scratch().join("filled.csv");
    std::fs::write(&file, filled.into_inner().expect("csv")).expect("write");
    ok(p, &["record", "--batch", file.to_str().expect("path")]);
    assert_eq!(post_of(p, TODAY), Value::Null);
}

/// rexpect reads the terminal byte by byte as Latin-1, so a needle with
/// Chinese in it is matched in that form.
fn l1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn in_terminal(store: &Path, args: &[&str]) -> rexpect::session::PtySession {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .env("HEALTHREPORT_NOW", NOW)
        .env("USER", "clerk")
        .env("TZ", "UTC")
        .env_remove("HEALTHREPORT_STORE");
    rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawn in a pty")
}

#[test]
fn in_a_terminal_contact_shows_as_carried_and_the_afternoon_round_adds_readings() {
    let s = bureau();
    let p = s.path();
    ok(
        p,
        &w("-q record 王芳 --date 2020-02-17 --temp 36.5 --location 北京 --contact"),
    );
    ok(
        p,
        &w("-q record 张伟 --date 2020-02-17 --temp 36.5 --location 北京"),
    );
    // The morning: 王芳's contact is shown as carried and Enter keeps it.
    let mut t = in_terminal(p, &w("record --interactive"));
    t.exp_string(&l1("[1/2] S001 张伟")).expect("first");
    t.exp_string(&l1("体温(℃)> ")).expect("prompt");
    t.send_line("36.4").expect("send");
    t.exp_string(&l1("[2/2] S002 王芳")).expect("second");
    t.exp_string(&l1("接触 是（医学观察第2天，至2020年3月2日）"))
        .expect("contact shown as carried");
    t.exp_string(&l1("体温(℃)> ")).expect("prompt");
    t.send_line("36.6+").expect("edit");
    t.exp_string(&l1("所在地 [北京]> ")).expect("location");
    t.send_line("").expect("keep");
    t.exp_string(&l1("接触高风险地区人员 [是/否]（现为 是）> "))
        .expect("contact as carried");
    t.send_line("").expect("keep");
    for _ in 0..4 {
        // symptoms, isolation, work, note: Enter keeps each.
        t.exp_string("> ").expect("next question");
        t.send_line("").expect("keep");
    }
    t.exp_string(&l1("已保存 S002 王芳")).expect("saved");
    t.exp_eof().expect("ends");
    // The afternoon: only 王芳, under observation, is asked again.
    let mut t = in_terminal(p, &w("record --interactive --pm"));
    t.exp_string(&l1("共 2 人，1 人需要测下午体温"))
        .expect("header");
    t.exp_string(&l1("[1/1] S002 王芳")).expect("only her");
    t.exp_string(&l1("体温(下午)> ")).expect("afternoon prompt");
    t.send_line("37.4").expect("send");
    t.exp_string(&l1("37.4℃ 发热，确认？[Y/n] "))
        .expect("fever asked back");
    t.send_line("").expect("yes");
    t.exp_string(&l1("已保存 S002 王芳：36.6℃ / 37.4℃"))
        .expect("added");
    t.exp_eof().expect("ends");
    let d = json(p, "daily --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(
        (
            &wang["contact"],
            &wang["observation_since"],
            &wang["temperature_pm"]
        ),
        (
            &Value::Bool(true),
            &Value::from("2020-02-17"),
            &Value::from(37.4)
        )
    );
}

#[test]
fn a_record_written_before_observations_were_kept_carries_its_observation() {
    // The example store's records hold no observation start: 王秀兰's record
    // of the 18th in 湖北省武汉市 opened one on its own day.
    let s = TestStore::example();
    let p = s.path();
    let mut cmd = hr(p, &w("record 王秀兰 --temp 36.5"));
    cmd.env("HEALTHREPORT_NOW", "2020-02-19T09:00:00+08:00");
    let out = cmd.output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["record"], &out)
    );
    assert!(
        text(&out.stdout).contains("自 2020-02-18 起医学观察"),
        "carried, not restarted: {}",
        text(&out.stdout)
    );
    let a = json(p, "alerts --date 2020-02-19 --format json");
    let wang = array(&a)
        .iter()
        .find(|r| r["person"] == "S002-2")
        .expect("王秀兰");
    assert!(str_of(wang, "detail").contains("第2天"), "{wang}");
}

#[test]
fn daily_shows_both_readings_of_a_person_in_an_episode_in_every_format() {
    let s = bureau();
    let p = s.path();
    ok(p, &w("-q record 王芳 --temp 36.5 --location 武汉"));
    ok(p, &w("-q record 王芳 --temp-pm 37.5"));
    ok(p, &w("-q record 张伟 --temp 36.6 --location 北京"));
    let (header, rows) = parse_daily_csv(&ok_bytes(p, &w("daily --format csv")));
    let temp = header
        .iter()
        .position(|h| h.starts_with("体温"))
        .expect("体温 column");
    let cells: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[temp].as_str()))
        .collect();
    assert_eq!(cells, [("张伟", "36.6"), ("王芳", "36.5 / 37.5")]);
    for format in ["text", "html", "markdown"] {
        let shown = ok(p, &w(&format!("daily --format {format}")));
        assert!(shown.contains("36.5 / 37.5"), "{format}: {shown}");
    }
    let d = json(p, "daily --format json");
    let wang = row_of(&d, "S002");
    assert_eq!(
        (&wang["temperature"], &wang["temperature_pm"]),
        (&Value::from(36.5), &Value::from(37.5))
    );
}
