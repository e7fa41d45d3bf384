//! SPEC §2–§3 v2, the roster over time: a person added without `--since`
//! starts today, so adding, importing, editing or removing someone never
//! changes a past day's report unless it says which days first; windows
//! that leave records out are refused without `--force`; the same name is
//! refused without `--same-name`; `person remove` is undoable.

mod common;

use std::path::Path;

use common::*;

/// A store with two staff on the roster since February and a week of records.
fn bureau() -> TestStore {
    let s = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let p = s.path();
    ok(p, &w("-q staff add 张伟 --dept 办公室 --since 2020-02-01"));
    ok(
        p,
        &w("-q family add 孙丽 --of 张伟 --relation 配偶 --since 2020-02-01"),
    );
    ok(p, &w("-q staff add 王芳 --dept 财务科 --since 2020-02-01"));
    for day in ["2020-02-10", "2020-02-11", "2020-02-12"] {
        ok(
            p,
            &[
                "-q",
                "record",
                "S001",
                "--date",
                day,
                "--temp",
                "36.5",
                "--location",
                "北京",
            ],
        );
        ok(
            p,
            &[
                "-q",
                "record",
                "S002",
                "--date",
                day,
                "--temp",
                "36.6",
                "--location",
                "北京",
            ],
        );
    }
    s
}

/// Every past report of the week, in every shape a reader gets.
fn past_reports(p: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for day in ["2020-02-12", "2020-02-17"] {
        for report in ["daily", "summary", "residents", "missing", "alerts"] {
            for format in ["text", "json"] {
                out.push(ok(p, &[report, "--date", day, "--format", format]));
            }
        }
    }
    out.push(ok(
        p,
        &w("trend --from 2020-02-10 --to 2020-02-17 --format json"),
    ));
    out
}

#[test]
fn past_reports_stay_byte_identical_after_roster_changes_of_today() {
    let table: [(&str, &[&str]); 6] = [
        ("staff add", &["staff", "add", "李强", "--dept", "办公室"]),
        (
            "family add",
            &[
                "family",
                "add",
                "张一鸣",
                "--of",
                "S001",
                "--relation",
                "子女",
            ],
        ),
        (
            "person edit (name, dept, phone)",
            &[
                "person",
                "edit",
                "S002",
                "--name",
                "王芳芳",
                "--dept",
                "后勤科",
                "--phone",
                "13900000000",
            ],
        ),
        (
            "person edit (relation, party)",
            &[
                "person",
                "edit",
                "S001-1",
                "--relation",
                "其他",
                "--party-member",
            ],
        ),
        ("roster import", &["roster", "import", "IMPORT"]),
        (
            "person remove of today's slip",
            &["person", "remove", "S003", "--reason", "录入重复"],
        ),
    ];
    for (what, args) in table {
        let s = bureau();
        let p = s.path();
        // Someone added today by mistake, for the removal.
        ok(p, &w("-q staff add 赵六 --same-name"));
        let import = s.scratch().join("import.csv");
        std::fs::write(&import, "姓名,部门\n陈静,办公室\n").expect("write import");
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "IMPORT" {
                    import.to_str().expect("path")
                } else {
                    a
                }
            })
            .collect();
        let before = past_reports(p);
        let out = run(p, &args);
        assert_eq!(out.status.code(), Some(0), "{}", describe(&args, &out));
        let said = text(&out.stderr);
        assert!(!said.contains("changes the past reports"), "{what}: {said}");
        assert_eq!(past_reports(p), before, "{what} changed a past report");
    }
}

#[test]
fn a_change_that_alters_past_reports_says_which_days_first() {
    let table: [(&str, &str, &str); 4] = [
        (
            "staff add --since",
            "staff add 李强 --since 2020-02-15",
            "2020-02-15 to 2020-02-17",
        ),
        (
            "person leave",
            "person leave S002 --on 2020-02-14",
            "2020-02-15 to 2020-02-17",
        ),
        (
            "person edit --since",
            "person edit S002 --since 2020-02-05",
            "2020-02-01 to 2020-02-04",
        ),
        (
            "person remove",
            "person remove S002 --reason 录入错误 ",
            "2020-02-01 to 2020-02-17",
        ),
    ];
    for (what, line, days) in table {
        let s = bureau();
        let out = run(s.path(), &w(line));
        assert_eq!(out.status.code(), Some(0), "{}", describe(&w(line), &out));
        let said = text(&out.stderr);
        assert!(
            said.contains(&format!("this changes the past reports of {days}")),
            "{what}: {said}"
        );
    }
    // And the reports do change: 王芳 is gone from the 16th after leaving on the 14th.
    let s = bureau();
    ok(s.path(), &w("-q person leave S002 --on 2020-02-14"));
    let v = parse_json(&ok(s.path(), &w("summary --date 2020-02-16 --format json")));
    assert_eq!(v["expected"], 2);
}

#[test]
fn a_window_that_leaves_records_out_is_refused_unless_forced() {
    let table: [(&str, &str); 4] = [
        ("since after records", "person edit S002 --since 2020-02-12"),
        (
            "until before records",
            "person edit S002 --until 2020-02-10",
        ),
        ("leave before records", "person leave S002 --on 2020-02-11"),
        (
            "leave of the staff member takes the household",
            "person leave S001 --on 2020-02-09",
        ),
    ];
    for (what, line) in table {
        let s = bureau();
        let p = s.path();
        let before = snapshot(p);
        let err = fail(p, &w(line));
        assert!(
            err.contains("records outside the new window"),
            "{what}: {err}"
        );
        assert!(err.contains("2020-02-1"), "{what} lists the days: {err}");
        assert!(err.contains("--force"), "{what}: {err}");
        assert_same_snapshot(&before, &snapshot(p), what);
        let mut forced = w(line);
        forced.push("--force");
        ok(p, &forced);
    }
}

#[test]
fn the_same_name_is_refused_unless_said_on_add_and_import() {
    let s = bureau();
    let p = s.path();
    let before = snapshot(p);
    for line in [
        "staff add 张伟",
        "family add 孙丽 --of S002 --relation 配偶",
    ] {
        let err = fail(p, &w(line));
        assert!(
            err.contains("on the roster already") && err.contains("--same-name"),
            "{line}: {err}"
        );
    }
    let import = s.scratch().join("same.csv");
    std::fs::write(&import, "姓名,部门\n张伟,后勤科\n").expect("write");
    let out = run(p, &["roster", "import", import.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--same-name"),
        "{}",
        text(&out.stderr)
    );
    assert_same_snapshot(&before, &snapshot(p), "refused adds");
    assert_eq!(
        ok(p, &w("staff add 张伟 --same-name")),
        "added staff S003 张伟\n"
    );
    ok(
        p,
        &[
            "roster",
            "import",
            import.to_str().expect("path"),
            "--same-name",
        ],
    );
    let roster = parse_json(&ok(p, &w("roster --all --format json")));
    let zhang: Vec<&str> = array(&roster)
        .iter()
        .filter(|r| r["name"] == "张伟")
        .map(|r| str_of(r, "id"))
        .collect();
    assert_eq!(zhang, ["S001", "S003", "S004"]);
}

#[test]
fn a_person_added_without_since_starts_today() {
    let s = bureau();
    let p = s.path();
    ok(p, &w("-q staff add 李强"));
    let roster = parse_json(&ok(p, &w("roster --all --format json")));
    let li = array(&roster)
        .iter()
        .find(|r| r["name"] == "李强")
        .expect("李强");
    assert_eq!(li["since"], TODAY);
    let err = fail(p, &w("record 李强 --date 2020-02-17 --temp 36.5"));
    assert!(err.contains("not expected on 2020-02-17"), "{err}");
    ok(p, &w("record 李强 --temp 36.5"));
}

#[test]
fn person_remove_takes_a_slip_out_of_every_report_and_undo_brings_it_back() {
    let s = bureau();
    let p = s.path();
    let before = ok(p, &w("summary --date 2020-02-12 --format json"));
    let err = fail(p, &w("person remove S001 --reason 测试"));
    assert!(err.contains("has family on the roster"), "{err}");
    ok(p, &w("person remove S002 --reason 录入错误"));
    let v = parse_json(&ok(p, &w("summary --date 2020-02-12 --format json")));
    assert_eq!(v["expected"], 2);
    let daily = parse_json(&ok(p, &w("daily --date 2020-02-12 --format json")));
    assert!(array(&daily).iter().all(|r| r["person"] != "S002"));
    // The id stays taken; a new staff member gets the next one.
    assert_eq!(ok(p, &w("staff add 李强")), "added staff S003 李强\n");
    // The records are still in the store.
    let hist = ok(p, &w("export --format jsonl"));
    assert!(hist.contains("\"person\":\"S002\""), "{hist}");
    // undo takes back the last write: first the add, then the removal.
    ok(p, &w("undo --yes"));
    ok(p, &w("undo --yes"));
    assert_eq!(ok(p, &w("summary --date 2020-02-12 --format json")), before);
}

#[test]
fn the_clerk_setting_names_who_recorded() {
    let s = bureau();
    let p = s.path();
    ok(p, &w("config set clerk 小李"));
    ok(p, &w("record S001 --temp 36.5"));
    ok(p, &w("record S001-1 --temp 36.5 --by 老王"));
    let rows: Vec<serde_json::Value> = ok(p, &w("export --from 2020-02-18 --format jsonl"))
        .lines()
        .map(parse_json)
        .collect();
    let by = |id: &str| {
        rows.iter()
            .find(|r| r["person"] == id)
            .map(|r| str_of(r, "recorded_by").to_string())
            .expect(id)
    };
    assert_eq!((by("S001"), by("S001-1")), ("小李".into(), "老王".into()));
    let shown = ok(p, &w("config show"));
    assert!(shown.contains("小李"), "{shown}");
}
