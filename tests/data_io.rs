//! Data in and out (SPEC §3, §4): roster import, batch records, template,
//! export, void, encodings and formula-safe CSV.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use proptest::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// A store holding the Excel fixtures: the GBK roster and the BOM batch.
fn excel_store() -> TestStore {
    let s = TestStore::init(&w("--home-city 北京"));
    ok(
        s.path(),
        &["roster", "import", arg(&fixture("roster-excel-gbk.csv"))],
    );
    ok(
        s.path(),
        &["record", "--batch", arg(&fixture("batch-excel-bom.csv"))],
    );
    s
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write file");
    path
}

#[test]
fn excel_files_in_gbk_and_with_a_bom_are_read() {
    let s = excel_store();
    let roster = parse_json(&ok(s.path(), &w("roster --format json")));
    let names: Vec<&str> = array(&roster).iter().map(|p| str_of(p, "name")).collect();
    assert_eq!(names, ["王大明", "=1+1", "龙𠀀", "王,大明"]);
    let wang2 = &array(&roster)[3];
    assert_eq!(str_of(wang2, "phone"), "+86 13800000002");
    assert_eq!(wang2["veteran"], true);
    assert_eq!(str_of(wang2, "since"), "2020-02-01");
    let daily = parse_json(&ok(s.path(), &w("daily --format json")));
    let rows = array(&daily);
    let by_name = |n: &str| {
        rows.iter()
            .find(|r| r["name"] == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    assert_eq!(by_name("王大明")["note"], "说\"好的\",明天 再报");
    assert_eq!(
        by_name("王,大明")["symptoms"],
        serde_json::json!(["咳嗽", "乏力"])
    );
    assert_eq!(
        by_name("王,大明")["note"],
        "=SUM(A1)",
        "the defusing quote is taken off"
    );
    assert_eq!(by_name("王,大明")["isolation_since"], "2020-02-17");
    assert_eq!(
        by_name("龙𠀀")["reported"],
        false,
        "an empty temperature is not reported"
    );
    // The same files with the encoding given.
    let t = TestStore::init(&[]);
    ok(
        t.path(),
        &[
            "roster",
            "import",
            "--encoding",
            "gbk",
            arg(&fixture("roster-excel-gbk.csv")),
        ],
    );
    let out = run(
        t.path(),
        &[
            "roster",
            "import",
            "--encoding",
            "utf8",
            arg(&fixture("roster-excel-gbk.csv")),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是有效的 UTF-8"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn csv_output_encodings() {
    let s = excel_store();
    let bom = ok_bytes(s.path(), &w("export"));
    assert!(bom.starts_with(BOM));
    let utf8 = ok_bytes(s.path(), &w("export --encoding utf8"));
    assert_eq!(&bom[3..], &utf8[..]);
    let gbk = ok_bytes(s.path(), &w("export --encoding gbk"));
    assert!(!gbk.starts_with(BOM));
    let (decoded, _, errors) = encoding_rs::GB18030.decode(&gbk);
    assert!(!errors);
    assert_eq!(
        decoded,
        text(&utf8),
        "GB18030 keeps every name, 𠀀 included"
    );
    ok(s.path(), &w("config set csv_encoding gbk"));
    assert_eq!(
        ok_bytes(s.path(), &w("daily --format csv")),
        ok_bytes(s.path(), &w("daily --format csv --encoding gbk"))
    );
    let daily_gbk = ok_bytes(s.path(), &w("daily --format csv"));
    let (text_gbk, _, _) = encoding_rs::GB18030.decode(&daily_gbk);
    assert!(text_gbk.contains("龙𠀀"));
}

#[test]
fn formula_cells_are_defused_and_numbers_left_alone() {
    let s = excel_store();
    ok(
        s.path(),
        &[
            "record",
            "王大明",
            "--temp",
            "36.6",
            "--note",
            "@SUM(1)",
            "--location",
            "＋北京",
        ],
    );
    let (headers, rows) = parse_csv(&ok_bytes(s.path(), &w("export")));
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let wang = rows
        .iter()
        .find(|r| r[col("编号")] == "S001")
        .expect("S001");
    assert_eq!(wang[col("备注")], "'@SUM(1)");
    assert_eq!(wang[col("所在地")], "'＋北京");
    assert_eq!(wang[col("体温(上午)")], "36.6");
    let eq = rows
        .iter()
        .find(|r| r[col("编号")] == "S001-1")
        .expect("S001-1");
    assert_eq!(eq[col("姓名")], "'=1+1");
    let (rh, rrows) = parse_csv(&ok_bytes(s.path(), &w("roster --format csv")));
    let phone = rh.iter().position(|h| h == "电话").expect("phone");
    assert!(
        rrows.iter().any(|r| r[phone] == "'+86 13800000002"),
        "{rrows:?}"
    );
    // Reports defuse too.
    let daily = ok_bytes(s.path(), &w("daily --format csv"));
    // After the 单位 and 日期 columns.
    let (_, drows) = parse_csv(&daily);
    assert!(drows.iter().any(|r| r[3] == "'=1+1"));
    assert!(
        drows.iter().all(|r| !r[2].starts_with('\'')),
        "numbers are not escaped"
    );
}

#[test]
fn export_then_batch_into_a_fresh_store_gives_the_same_records() {
    let a = excel_store();
    // The imported roster starts today (SPEC §2 v2): open it to the day before.
    ok(a.path(), &w("-q person edit S001 --since 2020-02-01"));
    ok(a.path(), &w("-q person edit S001-1 --since 2020-02-01"));
    ok(
        a.path(),
        &[
            "record",
            "王大明",
            "--date",
            "2020-02-17",
            "--temp",
            "37.0",
            "--note",
            "+1 \"q\" x",
            "--symptom",
            "发热",
        ],
    );
    ok(
        a.path(),
        &w(
            "record S001-1 --date 2020-02-17 --temp 36.1 --isolation 集中隔离 --isolation-since 2020-02-10",
        ),
    );
    ok(a.path(), &w("record S001-1 --date 2020-02-17 --temp 36.2"));
    let export = ok_bytes(a.path(), &w("export"));
    let roster = ok_bytes(a.path(), &w("roster --all --format csv"));
    let b = TestStore::init(&w("--home-city 北京"));
    let roster_file = write(b.scratch(), "roster.csv", &roster);
    let export_file = write(b.scratch(), "export.csv", &export);
    ok(b.path(), &["roster", "import", arg(&roster_file)]);
    ok(b.path(), &["record", "--batch", arg(&export_file)]);
    assert_eq!(text(&ok_bytes(b.path(), &w("export"))), text(&export));
    assert_eq!(
        ok(b.path(), &w("roster --all --format json")),
        ok(a.path(), &w("roster --all --format json"))
    );
    let jsonl = |s: &Path| -> Vec<Value> {
        ok(s, &w("export --format jsonl"))
            .lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).expect("JSON line");
                v.as_object_mut().expect("object").remove("id");
                v
            })
            .collect()
    };
    assert_eq!(jsonl(b.path()), jsonl(a.path()));
    // Roster import again changes nothing.
    let again = ok(b.path(), &["roster", "import", arg(&roster_file)]);
    assert!(
        again.contains("已添加 0 人，更新 0 人；4 人不变"),
        "{again}"
    );
}

#[test]
fn all_versions_round_trip_corrections_and_withdrawals() {
    let a = excel_store();
    ok(a.path(), &w("record 王大明 --temp 37.9"));
    ok(a.path(), &w("void S001-1 --date 2020-02-18 --reason 重复"));
    let all = ok_bytes(a.path(), &w("export --all-versions --lang en"));
    let (headers, rows) = parse_csv(&all);
    assert_eq!(headers.last().map(String::as_str), Some("Reason"));
    let ops: Vec<&str> = rows.iter().map(|r| r[headers.len() - 2].as_str()).collect();
    assert_eq!(ops, ["record", "record", "record", "record", "void"]);
    let newest = parse_csv(&ok_bytes(a.path(), &w("export"))).1;
    assert_eq!(
        newest.len(),
        2,
        "the withdrawn record and the replaced version are left out"
    );
    let b = TestStore::init(&w("--home-city 北京"));
    let roster_file = write(
        b.scratch(),
        "r.csv",
        &ok_bytes(a.path(), &w("roster --all --format csv")),
    );
    let all_file = write(b.scratch(), "all.csv", &all);
    ok(b.path(), &["roster", "import", arg(&roster_file)]);
    ok(b.path(), &["record", "--batch", arg(&all_file)]);
    assert_eq!(
        ok_bytes(b.path(), &w("export --all-versions --lang en")),
        all
    );
    assert_eq!(
        ok(b.path(), &w("daily --format json")),
        ok(a.path(), &w("daily --format json"))
    );
}

#[test]
fn a_batch_with_bad_rows_writes_nothing_and_names_every_row() {
    let s = excel_store();
    let before = snapshot(s.path());
    let batch = "编号,体温(℃),工作状态\r\nS001,36.5,在岗\r\nS001-1,365,\r\nS009,36.5,\r\nS001-2,36.6,在岗\r\nS002,36.7,sleeping\r\n";
    let file = write(s.scratch(), "bad.csv", batch.as_bytes());
    let out = run(s.path(), &["record", "--batch", arg(&file)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        describe(&["record --batch"], &out)
    );
    let err = text(&out.stderr);
    for expected in [
        "bad.csv：第 3 行：体温(℃) 列：体温 365 不在 34.0～43.0℃ 之间；是不是 36.5？",
        "bad.csv：第 4 行：名册上没有“S009”",
        "第 5 行：S001-2 龙𠀀 是家属：工作状态和岗位只记录职工的",
        "第 6 行：工作状态 列：工作状态“sleeping”无效",
        "错误：",
        "有 4 行有误",
        "什么也没有写入",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains("第 2 行"), "row 2 is good:\n{err}");
    assert_eq!(
        err.lines().last().map(|l| l.starts_with("错误：")),
        Some(true)
    );
    assert_same_snapshot(&before, &snapshot(s.path()), "bad batch");
    // Unknown columns are named too.
    let file = write(
        s.scratch(),
        "cols.csv",
        "编号,体温(℃),鞋码\nS001,36.5,42\n".as_bytes(),
    );
    let err = fail(s.path(), &["record", "--batch", arg(&file)]);
    assert!(err.contains("第 1 行：无法识别的列 鞋码"), "{err}");
    assert_same_snapshot(&before, &snapshot(s.path()), "bad columns");
}

#[test]
fn dry_runs_validate_and_write_nothing() {
    let s = TestStore::init(&w("--home-city 北京"));
    let before = snapshot(s.path());
    let out = ok(
        s.path(),
        &[
            "roster",
            "import",
            "--dry-run",
            arg(&fixture("roster-excel-gbk.csv")),
        ],
    );
    assert!(out.contains("将添加 4 人，更新 0 人"), "{out}");
    assert!(out.contains("添加 S001-2 龙𠀀"), "{out}");
    assert_same_snapshot(&before, &snapshot(s.path()), "roster dry run");
    ok(
        s.path(),
        &["roster", "import", arg(&fixture("roster-excel-gbk.csv"))],
    );
    let before = snapshot(s.path());
    let out = ok(
        s.path(),
        &[
            "record",
            "--dry-run",
            "--batch",
            arg(&fixture("batch-excel-bom.csv")),
        ],
    );
    assert!(out.contains("将记录 3 条（2020-02-18）"), "{out}");
    assert!(out.contains("跳过 1 行没有体温的"), "{out}");
    assert_same_snapshot(&before, &snapshot(s.path()), "batch dry run");
}

/// A clerk who retypes a header types it with a Chinese input method:
/// full-width parentheses, a space, traditional characters. They name the
/// same columns; a header that names none is still refused.
#[test]
fn headers_typed_with_a_chinese_input_method_are_read() {
    let s = TestStore::init(&w("--home-city 北京"));
    let roster = "編號,姓名 ,類別,部門,身份證號\nS001,张伟,职工,办公室,110101199001011234\nS002,李娜,职工,财务科,110101199001011235\n";
    let file = write(s.scratch(), "roster.csv", roster.as_bytes());
    ok(s.path(), &["roster", "import", arg(&file)]);
    let listed = parse_json(&ok(s.path(), &w("roster --format json")));
    let depts: Vec<&str> = array(&listed).iter().map(|p| str_of(p, "dept")).collect();
    assert_eq!(depts, ["办公室", "财务科"]);
    let batch = "日期,编号,体温（上午）,体温 （下午）,所在地\n2020-02-18,S001,36.5,37.4,北京市\n2020-02-18,S002,36.6,,北京市\n";
    let file = write(s.scratch(), "batch.csv", batch.as_bytes());
    ok(s.path(), &["record", "--batch", arg(&file)]);
    let daily = parse_json(&ok(s.path(), &w("daily --date 2020-02-18 --format json")));
    let s001 = array(&daily)
        .iter()
        .find(|r| r["person"] == "S001")
        .expect("S001");
    assert_eq!(s001["temperature"], 36.5);
    assert_eq!(s001["temperature_pm"], 37.4);
    let misspelt = "日期,编号,休温（上午）\n2020-02-18,S001,36.5\n";
    let file = write(s.scratch(), "misspelt.csv", misspelt.as_bytes());
    let out = run(s.path(), &["record", "--batch", arg(&file)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("休温（上午）"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn roster_import_is_all_or_nothing_and_updates_by_id() {
    let s = excel_store();
    let before = snapshot(s.path());
    let bad = "编号,姓名,类别,所属职工,关系,部门\r\n,新人,职工,,,办公室\r\n,孩子,家属,S404,子女,\r\nS001,王大明,家属,S002,子女,\r\n,孤儿,家属,,,\r\n";
    let file = write(s.scratch(), "bad-roster.csv", bad.as_bytes());
    let out = run(s.path(), &["roster", "import", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for row in ["第 3 行：", "第 4 行：", "第 5 行："] {
        assert!(err.contains(row), "{row} in {err}");
    }
    assert!(!err.contains("第 2 行"), "{err}");
    assert_same_snapshot(&before, &snapshot(s.path()), "bad roster");
    let update = "id,name,phone,dept\nS001,王大明,13811111111,综合科\n,新人,,办公室\n";
    let file = write(s.scratch(), "update.csv", update.as_bytes());
    let out = ok(s.path(), &["roster", "import", arg(&file)]);
    assert!(out.contains("已添加 1 人，更新 1 人；0 人不变"), "{out}");
    let roster = parse_json(&ok(s.path(), &w("roster --format json")));
    let wang = array(&roster)
        .iter()
        .find(|p| p["id"] == "S001")
        .expect("S001");
    assert_eq!(wang["phone"], "13811111111");
    assert_eq!(wang["dept"], "综合科");
    assert!(
        array(&roster)
            .iter()
            .any(|p| p["id"] == "S003" && p["name"] == "新人")
    );
}

#[test]
fn template_fills_carried_values_and_feeds_the_batch() {
    let s = TestStore::example();
    let tomorrow = |cmd: &mut assert_cmd::Command| {
        cmd.env("HEALTHREPORT_NOW", "2020-02-19T08:00:00+08:00");
    };
    let mut cmd = hr(s.path(), &w("template"));
    tomorrow(&mut cmd);
    let out = cmd.output().expect("template");
    assert_eq!(out.status.code(), Some(0));
    let (headers, rows) = parse_csv(&out.stdout);
    assert_eq!(
        headers,
        [
            "日期",
            "编号",
            "姓名",
            "体温(上午)",
            "体温(下午)",
            "症状",
            "所在地",
            "接触高风险地区人员",
            "医学观察开始",
            "隔离情况",
            "隔离开始",
            "工作状态",
            "一线岗位",
            "备注",
            "填报时间",
            "填报人"
        ]
    );
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    assert_eq!(rows.len(), 26);
    assert!(rows.iter().all(|r| r[0] == "2020-02-19" && r[3].is_empty()));
    let zhang = &rows[0];
    assert_eq!(
        (
            &zhang[col("所在地")][..],
            &zhang[col("工作状态")][..],
            &zhang[col("一线岗位")][..]
        ),
        ("北京市东城区", "一线", "和平里社区")
    );
    let huang = rows.iter().find(|r| r[1] == "S008").expect("黄涛");
    assert_eq!(
        (&huang[col("隔离情况")][..], &huang[col("隔离开始")][..]),
        ("居家隔离", "2020-02-18")
    );
    let chen = rows
        .iter()
        .find(|r| r[1] == "S005-2")
        .expect("陈思, not reported on the 18th");
    assert_eq!(
        chen[col("所在地")],
        "北京市丰台区",
        "carried from her latest record, the 17th"
    );
    // The clerk fills in three temperatures and feeds it back.
    let mut filled = csv::Writer::from_writer(Vec::new());
    filled.write_record(&headers).expect("header");
    for (i, mut r) in rows.into_iter().enumerate() {
        if i < 3 {
            r[3] = "36.5".into();
        }
        filled.write_record(&r).expect("row");
    }
    let file = write(
        s.scratch(),
        "filled.csv",
        &filled.into_inner().expect("csv"),
    );
    let mut cmd = hr(s.path(), &["record", "--batch", arg(&file)]);
    tomorrow(&mut cmd);
    let out = cmd.output().expect("batch");
    assert_eq!(out.status.code(), Some(0), "{}", describe(&["batch"], &out));
    assert!(text(&out.stdout).contains("已记录 3 条（2020-02-19）"));
    let daily = parse_json(&ok(s.path(), &w("daily --date 2020-02-19 --format json")));
    let first = &array(&daily)[0];
    assert_eq!(
        (first["reported"].clone(), first["post"].clone()),
        (Value::Bool(true), Value::from("和平里社区"))
    );
    assert_eq!(
        array(&daily)
            .iter()
            .filter(|r| r["reported"] == true)
            .count(),
        3
    );
}

#[test]
fn void_withdraws_and_keeps_the_record_in_history() {
    let s = TestStore::example();
    let before = snapshot(s.path());
    let err = fail(s.path(), &w("void 陈思 --date 2020-02-18 --reason x"));
    assert!(err.contains("在 2020-02-18 没有可撤回的记录"), "{err}");
    assert_same_snapshot(&before, &snapshot(s.path()), "void of nothing");
    let out = ok(
        s.path(),
        &w("void 黄小宝 --date 2020-02-18 --reason 重复填报"),
    );
    assert!(
        out.contains("已撤回 S008-1 黄小宝 2020-02-18 的记录"),
        "{out}"
    );
    let daily = parse_json(&ok(s.path(), &w("daily --date 2020-02-18 --format json")));
    let huang = array(&daily)
        .iter()
        .find(|r| r["person"] == "S008-1")
        .expect("row");
    assert_eq!(huang["reported"], false);
    let history = parse_json(&ok(
        s.path(),
        &w("history 黄小宝 --from 2020-02-18 --format json"),
    ));
    let states: Vec<(&str, &str)> = array(&history)
        .iter()
        .map(|e| (str_of(e, "op"), str_of(e, "state")))
        .collect();
    // The morning round, the 37.9 and its correction, then the withdrawal.
    assert_eq!(
        states,
        [
            ("record", "replaced"),
            ("record", "replaced"),
            ("record", "replaced"),
            ("void", "current")
        ]
    );
    assert_eq!(str_of(&array(&history)[3], "reason"), "重复填报");
}

fn staff_ids() -> Vec<&'static str> {
    vec!["S001", "S002"]
}

/// A text value as a careful generator writes it: trimmed, possibly with
/// commas, quotes, newlines, formula starts, full-width signs and CJK.
fn text_value() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[a王,\"=+@'＝－ 1-]{1,8}")
        .prop_map(|o| o.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
}

#[derive(Debug, Clone)]
struct Gen {
    person: usize,
    day: u32,
    temp: u32,
    location: Option<String>,
    note: Option<String>,
    symptom: Option<String>,
    contact: bool,
    isolation: usize,
    work: usize,
}

fn generated() -> impl Strategy<Value = Gen> {
    (
        0..4usize,
        10..19u32,
        340..430u32,
        text_value(),
        text_value(),
        proptest::option::of("[咳嗽乏力a-z]{1,4}"),
        any::<bool>(),
        0..3usize,
        0..5usize,
    )
        .prop_map(
            |(person, day, temp, location, note, symptom, contact, isolation, work)| Gen {
                person,
                day,
                temp,
                location,
                note,
                symptom,
                contact,
                isolation,
                work,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_records_exported_and_reimported_come_back_equal(records in proptest::collection::vec(generated(), 1..6)) {
        let a = TestStore::init(&w("--home-city 王"));
        ok(a.path(), &w("staff add --since 2019-01-01 甲"));
        ok(a.path(), &["staff", "add", "--since", "2019-01-01", "=乙,\"丙\""]);
        ok(a.path(), &w("family add --since 2019-01-01 丁 --of S001 --relation child"));
        ok(a.path(), &["family", "add", "--since", "2019-01-01", "'戊", "--of", "S002", "--relation", "spouse"]);
        let people = [staff_ids()[0], staff_ids()[1], "S001-1", "S002-1"];
        for r in &records {
            let date = format!("2020-02-{:02}", r.day);
            let temp = format!("{}.{}", r.temp / 10, r.temp % 10);
            let mut args: Vec<String> = vec!["record".into(), people[r.person].into(), "--date".into(), date.clone(), "--temp".into(), temp];
            if let Some(l) = &r.location { args.push(format!("--location={l}")); }
            if let Some(n) = &r.note { args.push(format!("--note={n}")); }
            if let Some(s) = &r.symptom { args.push(format!("--symptom={s}")); }
            if r.contact { args.push("--contact".into()); }
            args.push(format!("--isolation={}", ["none", "home", "central"][r.isolation]));
            if r.person < 2 && r.work < 4 {
                args.push(format!("--work={}", ["on_site", "remote", "frontline", "leave"][r.work]));
                if r.work == 2 { args.push("--post=A,\"社区\"".into()); }
            }
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            ok(a.path(), &refs);
        }
        let export = ok_bytes(a.path(), &w("export"));
        let b = TestStore::init(&w("--home-city 王"));
        let roster_file = write(b.scratch(), "r.csv", &ok_bytes(a.path(), &w("roster --all --format csv")));
        let export_file = write(b.scratch(), "e.csv", &export);
        ok(b.path(), &["roster", "import", arg(&roster_file)]);
        ok(b.path(), &["record", "--batch", arg(&export_file)]);
        prop_assert_eq!(text(&ok_bytes(b.path(), &w("export"))), text(&export));
        let strip = |s: String| -> Vec<Value> {
            s.lines().map(|l| {
                let mut v: Value = serde_json::from_str(l).expect("line");
                v.as_object_mut().expect("object").remove("id");
                v
            }).collect()
        };
        prop_assert_eq!(strip(ok(b.path(), &w("export --format jsonl"))), strip(ok(a.path(), &w("export --format jsonl"))));
    }
}
