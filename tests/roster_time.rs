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
        assert!(!said.contains("历史报表"), "{what}: {said}");
        assert_eq!(past_reports(p), before, "{what} changed a past report");
    }
}

#[test]
fn a_change_that_alters_past_reports_says_which_days_first() {
    let table: [(&str, &str, &str); 4] = [
        (
            "staff add --since",
            "staff add 李强 --since 2020-02-15",
            "2020-02-15 至 2020-02-17",
        ),
        (
            "person leave",
            "person leave S002 --on 2020-02-14",
            "2020-02-15 至 2020-02-17",
        ),
        (
            "person edit --since",
            "person edit S002 --since 2020-02-05",
            "2020-02-01 至 2020-02-04",
        ),
        (
            "person remove",
            "person remove S002 --reason 录入错误 ",
            "2020-02-01 至 2020-02-17",
        ),
    ];
    for (what, line, days) in table {
        let s = bureau();
        let out = run(s.path(), &w(line));
        assert_eq!(out.status.code(), Some(0), "{}", describe(&w(line), &out));
        let said = text(&out.stderr);
        assert!(
            said.contains(&format!("这会改变 {days} 的历史报表")),
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
        assert!(err.contains("在新的在册期间之外有记录"), "{what}: {err}");
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
            err.contains("已在名册上") && err.contains("--same-name"),
            "{line}: {err}"
        );
    }
    let import = s.scratch().join("same.csv");
    // The same name in the same department: the roster's 张伟 already,
    // so the row of another 张伟 needs --same-name.
    std::fs::write(&import, "姓名,部门\n张伟,办公室\n").expect("write");
    assert_eq!(
        ok(p, &["roster", "import", import.to_str().expect("path")]),
        format!(
            "{}：已添加 0 人，更新 0 人；1 人不变\n",
            import.to_str().expect("path")
        )
    );
    assert_same_snapshot(&before, &snapshot(p), "refused adds");
    assert_eq!(
        ok(p, &w("staff add 张伟 --same-name")),
        "已添加职工 S003 张伟\n"
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
fn the_same_name_refusal_lists_the_person_with_id_dept_and_household() {
    let s = bureau();
    let p = s.path();
    let err = fail(p, &w("staff add 张伟 --dept 后勤科"));
    assert!(
        err.contains("S001 张伟（部门 办公室，所属职工 S001 张伟）"),
        "{err}"
    );
    let err = fail(p, &w("family add 孙丽 --of S002 --relation 子女"));
    assert!(
        err.contains("S001-1 孙丽（部门 办公室，所属职工 S001 张伟）"),
        "{err}"
    );
}

/// Writes `body` as a CSV next to the store and returns its path.
fn csv_file(s: &TestStore, name: &str, body: &str) -> String {
    let path = s.scratch().join(name);
    std::fs::write(&path, body).expect("write csv");
    path.to_str().expect("path").to_string()
}

fn roster_json(p: &Path) -> Vec<serde_json::Value> {
    array(&parse_json(&ok(p, &w("roster --all --format json")))).clone()
}

#[test]
fn roster_import_tells_same_names_apart_by_household_and_dept() {
    let s = bureau();
    let p = s.path();
    // Two new 李红 in two households, and a new 张伟 in another department.
    let file = csv_file(
        &s,
        "two.csv",
        "姓名,所属职工,关系,部门\n李红,张伟,子女,办公室\n李红,王芳,配偶,\n张伟,,,后勤科\n",
    );
    let out = ok(p, &["roster", "import", &file]);
    assert!(out.contains("已添加 3 人，更新 0 人；0 人不变"), "{out}");
    let li: Vec<(String, String)> = roster_json(p)
        .iter()
        .filter(|r| r["name"] == "李红")
        .map(|r| (str_of(r, "id").into(), str_of(r, "of").into()))
        .collect();
    assert_eq!(
        li,
        [
            ("S001-2".into(), "S001".into()),
            ("S002-1".into(), "S002".into())
        ]
    );
    // The same file again matches each row to its person: nothing changes.
    let again = ok(p, &["roster", "import", &file]);
    assert!(
        again.contains("已添加 0 人，更新 0 人；3 人不变"),
        "{again}"
    );
    // A row naming a 李红 of 张伟's household updates her, found by household.
    let phone = csv_file(
        &s,
        "phone.csv",
        "姓名,所属职工,关系,电话\n李红,王芳,配偶,13800000000\n",
    );
    ok(p, &["roster", "import", &phone]);
    let roster = roster_json(p);
    let s002_1 = roster.iter().find(|r| r["id"] == "S002-1").expect("S002-1");
    assert_eq!(s002_1["phone"], "13800000000");
    // 张伟 without a department is now two people: the row asks for an id.
    let before = snapshot(p);
    let vague = csv_file(&s, "vague.csv", "姓名,电话\n张伟,13900000000\n");
    let out = run(p, &["roster", "import", &vague]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&[], &out));
    let err = text(&out.stderr);
    assert!(
        err.contains("有 2 人叫 张伟") && err.contains("编号"),
        "{err}"
    );
    assert_same_snapshot(&before, &snapshot(p), "refused imports");
    // 所属职工 naming one of two staff of that name: the department decides.
    let family = csv_file(
        &s,
        "family.csv",
        "姓名,所属职工,关系,部门\n赵敏,张伟,配偶,后勤科\n",
    );
    ok(p, &["roster", "import", &family]);
    let roster = roster_json(p);
    let zhao = roster.iter().find(|r| r["name"] == "赵敏").expect("赵敏");
    assert_eq!(zhao["of"], "S003");
    // Two rows of one household and one name in one file: ask for ids.
    let twice = csv_file(
        &s,
        "twice.csv",
        "姓名,所属职工,关系\n周杰,S001,子女\n周杰,S001,子女\n",
    );
    let before = snapshot(p);
    let out = run(p, &["roster", "import", &twice]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&[], &out));
    assert!(
        text(&out.stderr).contains("在本文件前面的行中已出现"),
        "{}",
        text(&out.stderr)
    );
    assert_same_snapshot(&before, &snapshot(p), "refused imports");
    // Unless the clerk says they are two people.
    let out = ok(p, &["roster", "import", &twice, "--same-name"]);
    assert!(out.contains("已添加 2 人"), "{out}");
}

#[test]
fn roster_import_date_is_the_start_of_the_people_it_adds() {
    let s = bureau();
    let p = s.path();
    let file = csv_file(
        &s,
        "new.csv",
        "姓名,部门,起始日期\n李强,办公室,\n赵六,办公室,2020-02-12\n",
    );
    let out = run(p, &["roster", "import", &file, "--date", "2020-02-10"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&[], &out));
    // Starting in the past changes those days' reports: said first.
    assert!(
        text(&out.stderr).contains("这会改变 2020-02-10 至 2020-02-17 的历史报表"),
        "{}",
        text(&out.stderr)
    );
    let roster = roster_json(p);
    let since = |name: &str| {
        roster
            .iter()
            .find(|r| r["name"] == name)
            .map(|r| str_of(r, "since").to_string())
            .expect(name)
    };
    assert_eq!(
        (since("李强"), since("赵六")),
        ("2020-02-10".into(), "2020-02-12".into())
    );
    let v = parse_json(&ok(p, &w("summary --date 2020-02-11 --format json")));
    assert_eq!(v["expected"], 4);
    // Without --date they start today.
    let today = csv_file(&s, "today.csv", "姓名,部门\n钱七,办公室\n");
    ok(p, &["roster", "import", &today]);
    assert_eq!(
        roster_json(p)
            .iter()
            .find(|r| r["name"] == "钱七")
            .map(|r| str_of(r, "since").to_string()),
        Some(TODAY.to_string())
    );
    let err = fail(p, &["roster", "import", &today, "--date", "2020-13-01"]);
    assert!(err.contains("2020-13-01"), "{err}");
}

#[test]
fn a_removed_person_stays_in_roster_all_and_history() {
    let s = bureau();
    let p = s.path();
    ok(p, &w("-q person remove S002 --reason 录入错误"));
    // Out of the plain roster, in roster --all with the reason.
    let plain = ok(p, &w("roster --format json"));
    assert!(!plain.contains("S002"), "{plain}");
    let all = roster_json(p);
    let wang = all
        .iter()
        .find(|r| r["id"] == "S002")
        .expect("S002 in --all");
    assert_eq!(wang["removed"], "录入错误");
    let (header, rows) = parse_csv(&ok_bytes(p, &w("roster --all --format csv")));
    assert_eq!(header.last().map(String::as_str), Some("已删除(误录)"));
    let row = rows.iter().find(|r| r[0] == "S002").expect("S002 row");
    assert_eq!(row.last().map(String::as_str), Some("录入错误"));
    let table = ok(p, &w("roster --all"));
    assert!(table.contains("已删除(误录) 1 人"), "{table}");
    // History by id and by name, with the removal said.
    let hist = parse_json(&ok(p, &w("history S002 --format json")));
    assert_eq!(array(&hist).len(), 3);
    let shown = ok(p, &w("history 王芳"));
    assert!(shown.contains("已删除(误录)：录入错误"), "{shown}");
    // Commands that need someone on the roster say they were removed.
    let err = fail(p, &w("record 王芳 --temp 36.5"));
    assert!(err.contains("已作为误录从名册删除"), "{err}");
    // roster --all read back leaves the removed row alone; an id of a
    // removed person given in a file is refused.
    let exported = s.scratch().join("all.csv");
    ok(
        p,
        &["roster", "--all", "-o", exported.to_str().expect("path")],
    );
    let out = ok(p, &["roster", "import", exported.to_str().expect("path")]);
    assert!(out.contains("已添加 0 人，更新 0 人"), "{out}");
    let file = csv_file(&s, "back.csv", "编号,姓名,部门\nS002,王芳,财务科\n");
    let out = run(p, &["roster", "import", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&[], &out));
    let err = text(&out.stderr);
    assert!(err.contains("编号 S002 是 王芳，已作为误录删除"), "{err}");
    // Undo brings the person back into every report.
    ok(p, &w("undo --yes"));
    let back = roster_json(p);
    let wang = back.iter().find(|r| r["id"] == "S002").expect("S002");
    assert!(wang.get("removed").is_none(), "{wang}");
    assert!(ok(p, &w("roster --format json")).contains("S002"));
}

#[test]
fn init_clerk_names_who_fills_in_and_nothing_says_unknown() {
    let s = TestStore::init(&w("--org 测试局 --clerk 小李"));
    let p = s.path();
    assert!(ok(p, &w("config show")).contains("小李"));
    ok(p, &w("-q staff add 张伟 --since 2020-02-01"));
    ok(p, &w("-q staff add 王芳 --since 2020-02-01"));
    ok(p, &w("-q record S001 --temp 36.5"));
    // No clerk set and no login name: 填报人 is left blank, not `unknown`.
    ok(p, &["config", "set", "clerk", ""]);
    let nobody = |line: &str| {
        let out = hr(p, &w(line))
            .env_remove("USER")
            .env_remove("LOGNAME")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", describe(&[], &out));
        text(&out.stdout)
    };
    nobody("record S002 --temp 36.7");
    // A correction names nobody rather than an empty "by".
    let said = nobody("record S002 --temp 36.6");
    assert!(
        said.contains("已替换 2020-02-18 01:00 填报的版本（36.7℃）"),
        "{said}"
    );
    let rows: Vec<serde_json::Value> = ok(p, &w("export --format jsonl"))
        .lines()
        .map(parse_json)
        .collect();
    let by: Vec<&str> = rows.iter().map(|r| str_of(r, "recorded_by")).collect();
    assert_eq!(by, ["小李", ""]);
    let all = ok(p, &w("export --all-versions --format jsonl"));
    assert!(!all.contains("unknown"), "{all}");
    for report in ["history S002", "export", "daily", "summary"] {
        let shown = ok(p, &w(report));
        assert!(!shown.contains("unknown"), "{report}: {shown}");
    }
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
    assert!(err.contains("在 2020-02-17 不需填报"), "{err}");
    ok(p, &w("record 李强 --temp 36.5"));
}

#[test]
fn person_remove_takes_a_slip_out_of_every_report_and_undo_brings_it_back() {
    let s = bureau();
    let p = s.path();
    let before = ok(p, &w("summary --date 2020-02-12 --format json"));
    let err = fail(p, &w("person remove S001 --reason 测试"));
    assert!(err.contains("在名册上还有家属"), "{err}");
    ok(p, &w("person remove S002 --reason 录入错误"));
    let v = parse_json(&ok(p, &w("summary --date 2020-02-12 --format json")));
    assert_eq!(v["expected"], 2);
    let daily = parse_json(&ok(p, &w("daily --date 2020-02-12 --format json")));
    assert!(array(&daily).iter().all(|r| r["person"] != "S002"));
    // The id stays taken; a new staff member gets the next one.
    assert_eq!(ok(p, &w("staff add 李强")), "已添加职工 S003 李强\n");
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
