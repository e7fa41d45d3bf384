//! SPEC §9 (issue 15): frontline posts, the vanguard ledger (`frontline`)
//! and the supply-shortage table (`supplies`), in the store under §6.

mod common;

use common::*;
use serde_json::Value;

/// Four staff (two Party members) on the roster since 2020-02-01, and three
/// registered posts.
fn post_store() -> TestStore {
    let s = TestStore::init(&["--org", "某局"]);
    let p = s.path();
    ok(
        p,
        &w("-q staff add 甲 --dept 办公室 --party-member --since 2020-02-01"),
    );
    ok(
        p,
        &w("-q staff add 乙 --dept 财务科 --party-member --since 2020-02-01"),
    );
    ok(p, &w("-q staff add 丙 --dept 办公室 --since 2020-02-01"));
    ok(p, &w("-q staff add 丁 --dept 后勤科 --since 2020-02-01"));
    ok(p, &w("-q post add 东城社区 --community 东城街道"));
    ok(p, &w("-q post add 西城社区"));
    ok(p, &w("-q post add A小区"));
    s
}

fn front(p: &std::path::Path, who: &str, day: u32, post: &str) {
    let date = format!("2020-02-{day:02}");
    ok(
        p,
        &[
            "-q", "record", who, "-d", &date, "-t", "36.5", "-w", "一线", "-p", post,
        ],
    );
}

/// The hand-checked scenario:
/// - 甲 (Party) at 东城 10–12, then moves to 西城 13–14;
/// - 乙 (Party) at 东城 10–11, a gap on 12, back 13–14;
/// - 丙 (not Party) at 西城 on 12, corrected to 东城; at 西城 on 13, voided;
///   at 南城社区 (never registered) on 14;
/// - 丁 (not Party) on site on 11; at "ａ小区" (full-width, lower case) on 12.
fn scenario() -> TestStore {
    let s = post_store();
    let p = s.path();
    for d in 10..=12 {
        front(p, "甲", d, "东城社区");
    }
    for d in 13..=14 {
        front(p, "甲", d, "西城社区");
    }
    for d in [10, 11, 13, 14] {
        front(p, "乙", d, "东城社区");
    }
    front(p, "丙", 12, "西城社区");
    front(p, "丙", 12, "东城社区");
    front(p, "丙", 13, "西城社区");
    ok(p, &w("-q void 丙 --date 2020-02-13 --reason 误报"));
    front(p, "丙", 14, "南城社区");
    ok(p, &w("-q record 丁 -d 2020-02-11 -t 36.5 -w 在岗"));
    front(p, "丁", 12, "ａ小区");
    s
}

/// A CSV of several tables: every record, blank separator rows included.
fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| r.expect("CSV row").iter().map(str::to_string).collect())
        .collect()
}

/// The table after the one-cell row `heading` (or from the start), up to
/// the blank row that ends it: header and rows.
fn csv_section(records: &[Vec<String>], heading: Option<&str>) -> (Vec<String>, Vec<Vec<String>>) {
    let start = match heading {
        Some(h) => records.iter().position(|r| r == &[h]).expect("heading") + 1,
        None => 0,
    };
    let mut table = records[start..]
        .iter()
        .take_while(|r| !(r.len() == 1 && r[0].is_empty()))
        .cloned();
    let header = table.next().expect("header row");
    (header, table.collect())
}

fn ledger(p: &std::path::Path, args: &str) -> Value {
    parse_json(&ok(p, &w(&format!("frontline --format json {args}"))))
}

fn post_of<'a>(v: &'a Value, name: &str) -> &'a Value {
    array(&v["posts"])
        .iter()
        .find(|r| r["post"] == name)
        .unwrap_or_else(|| panic!("no post {name} in {v}"))
}

#[test]
fn ledger_counts_the_hand_checked_scenario() {
    let s = scenario();
    let v = ledger(s.path(), "--from 2020-02-10 --to 2020-02-18");

    let east = post_of(&v, "东城社区");
    assert_eq!(east["person_days"], 8);
    assert_eq!(east["party_members"], 2);
    assert_eq!(east["days"], 5);
    assert_eq!(east["registered"], true);
    let people: Vec<(&str, u64)> = array(&east["people"])
        .iter()
        .map(|s| (str_of(s, "name"), s["days"].as_u64().expect("days")))
        .collect();
    assert_eq!(people, [("甲", 3), ("乙", 4), ("丙", 1)]);
    let yi = &array(&east["people"])[1];
    assert_eq!(
        yi["ranges"],
        serde_json::json!([
            {"from": "2020-02-10", "to": "2020-02-11"},
            {"from": "2020-02-13", "to": "2020-02-14"}
        ])
    );

    // The corrected and the voided days are not at 西城.
    let west = post_of(&v, "西城社区");
    assert_eq!(west["person_days"], 2);
    assert_eq!(west["party_members"], 1);
    assert_eq!(array(&west["people"]).len(), 1);

    // Matched after NFKC and case folding.
    let a = post_of(&v, "A小区");
    assert_eq!(
        (a["person_days"].as_u64(), a["party_members"].as_u64()),
        (Some(1), Some(0))
    );

    let south = post_of(&v, "南城社区");
    assert_eq!(south["registered"], false);
    assert_eq!(south["person_days"], 1);

    let people: Vec<(&str, u64, &str, &str, bool)> = array(&v["people"])
        .iter()
        .map(|r| {
            (
                str_of(r, "name"),
                r["days"].as_u64().expect("days"),
                str_of(r, "first"),
                str_of(r, "last"),
                r["party_member"].as_bool().expect("bool"),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("甲", 5, "2020-02-10", "2020-02-14", true),
            ("乙", 4, "2020-02-10", "2020-02-14", true),
            ("丙", 2, "2020-02-12", "2020-02-14", false),
            ("丁", 1, "2020-02-12", "2020-02-12", false),
        ]
    );
    assert_eq!(
        array(&v["people"])[0]["posts"],
        serde_json::json!(["东城社区", "西城社区"])
    );
    assert_eq!(
        array(&v["people"])[2]["posts"],
        serde_json::json!(["东城社区", "南城社区"])
    );
    assert_eq!(v["totals"]["people"], 4);
    assert_eq!(v["totals"]["party_members"], 2);
    assert_eq!(v["totals"]["person_days"], 12);
}

#[test]
fn ledger_json_keys_are_the_issues() {
    let s = scenario();
    let v = ledger(s.path(), "");
    let keys =
        |o: &Value| -> Vec<String> { o.as_object().expect("object").keys().cloned().collect() };
    for k in ["posts", "people", "totals"] {
        assert!(keys(&v).contains(&k.to_string()), "{k}");
    }
    for k in ["post", "people", "person_days", "party_members", "days"] {
        assert!(keys(&array(&v["posts"])[0]).contains(&k.to_string()), "{k}");
    }
    assert_eq!(
        keys(&array(&v["people"])[0]),
        [
            "person",
            "name",
            "dept",
            "party_member",
            "days",
            "first",
            "last",
            "posts"
        ]
    );
    // Without --from: from the first record on.
    assert_eq!(v["from"], "2020-02-10");
    assert_eq!(v["to"], TODAY);
}

#[test]
fn ledger_period_counts_only_its_days() {
    let s = scenario();
    let v = ledger(s.path(), "--from 2020-02-11 --to 2020-02-13");
    assert_eq!(v["totals"]["person_days"], 7);
    assert_eq!(post_of(&v, "东城社区")["person_days"], 5);
    let err = fail(s.path(), &w("frontline --from 2020-02-13 --to 2020-02-11"));
    assert!(err.contains("晚于"), "{err}");
}

#[test]
fn ledger_text_shows_ranges_and_flags_unregistered_posts() {
    let s = scenario();
    let text = ok(s.path(), &w("frontline --to 2020-02-18"));
    assert!(
        text.starts_with("某局 党员先锋岗台账 2020-02-10 ~ 2020-02-18"),
        "{text}"
    );
    assert!(text.contains("2月10日–2月11日、2月13日–2月14日"), "{text}");
    assert!(
        text.contains("合计：在岗人员 4 人，其中党员 2 人；累计人天 12"),
        "{text}"
    );
    assert!(text.contains("未登记的岗位"), "{text}");
    assert!(text.contains("南城社区"), "{text}");
    let en = ok(s.path(), &w("frontline --lang en"));
    assert!(en.contains("Feb 10–Feb 11, Feb 13–Feb 14"), "{en}");
    assert!(en.contains("not registered"), "{en}");
}

#[test]
fn ledger_in_every_format() {
    let s = scenario();
    let p = s.path();
    let records = csv_records(&ok_bytes(p, &w("frontline --format csv")));
    let (headers, rows) = csv_section(&records, Some("各岗位情况"));
    assert_eq!(
        headers,
        [
            "序号",
            "岗位",
            "所在社区",
            "是否登记",
            "在岗人数",
            "党员人数",
            "人天",
            "有人在岗天数"
        ]
    );
    let east = rows.iter().find(|r| r[1] == "东城社区").expect("东城 row");
    assert_eq!(east[4..8], ["3", "2", "8", "5"]);
    let (headers, rows) = csv_section(&records, Some("个人在岗台账"));
    assert_eq!(headers[1], "姓名");
    assert_eq!(rows[0][1..5], ["甲", "办公室", "是", "5"]);
    let md = ok(p, &w("frontline --format markdown"));
    assert!(md.contains("| 东城社区 |"), "{md}");
    let html = ok(p, &w("frontline --format html"));
    for part in [
        "<table>",
        "党员先锋岗台账",
        "填报人",
        "审核人",
        "2月10日–2月12日",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let out = s.scratch().join("ledger.html");
    ok(p, &["frontline", "-o", out.to_str().expect("utf-8 path")]);
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .contains("<html")
    );
}

#[test]
fn post_list_flags_posts_used_but_not_registered() {
    let s = scenario();
    let rows = parse_json(&ok(s.path(), &w("post list --format json")));
    let got: Vec<(Option<&str>, &str, bool, u64)> = array(&rows)
        .iter()
        .map(|r| {
            (
                r["id"].as_str(),
                str_of(r, "name"),
                r["registered"].as_bool().expect("bool"),
                r["person_days"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("P001"), "东城社区", true, 8),
            (Some("P002"), "西城社区", true, 2),
            (Some("P003"), "A小区", true, 1),
            (None, "南城社区", false, 1),
        ]
    );
    let text = ok(s.path(), &w("post list"));
    assert!(text.contains("未登记"), "{text}");
}

#[test]
fn a_post_name_is_unique_after_folding_and_a_rename_keeps_its_records() {
    let s = scenario();
    let p = s.path();
    let before = snapshot(p);
    let err = fail(p, &w("post add ａ小区"));
    assert!(err.contains("已登记为 P003"), "{err}");
    let err = fail(p, &w("post edit 北城社区 --phone 1"));
    assert!(err.contains("没有登记名为“北城社区”的岗位"), "{err}");
    let err = fail(p, &w("post edit P001 --name 西城社区"));
    assert!(err.contains("已有岗位名为"), "{err}");
    let err = fail(p, &w("post edit P001 --community 东城街道"));
    assert!(err.contains("没有要修改的内容"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "refused post commands");

    ok(p, &w("post edit P001 --name 东城社区一号岗 --contact 老王"));
    let v = ledger(p, "");
    let east = post_of(&v, "东城社区一号岗");
    assert_eq!(east["person_days"], 8);
    assert_eq!(east["registered"], true);
}

// ---- supplies ----

fn supplies_json(p: &std::path::Path, args: &str) -> Value {
    parse_json(&ok(p, &w(&format!("supplies --format json {args}"))))
}

fn rows(v: &Value) -> Vec<(&str, &str, u64, u64, u64, &str)> {
    array(&v["rows"])
        .iter()
        .map(|r| {
            (
                str_of(r, "post"),
                str_of(r, "item"),
                r["need"].as_u64().expect("need"),
                r["have"].as_u64().expect("have"),
                r["gap"].as_u64().expect("gap"),
                str_of(r, "status"),
            )
        })
        .collect()
}

#[test]
fn a_same_day_report_is_a_correction_and_history_is_kept() {
    let s = post_store();
    let p = s.path();
    let out = ok(
        p,
        &w(
            "supplies report 东城社区 --item 口罩 --need 500 --have 100 --unit 个 --date 2020-02-12",
        ),
    );
    assert!(out.contains("已登记"), "{out}");
    let out = ok(
        p,
        &w("supplies report 东城社区 --item 口罩 --need 600 --have 100 --date 2020-02-12"),
    );
    assert!(
        out.contains("已更正") && out.contains("原为需求 500"),
        "{out}"
    );
    ok(
        p,
        &w("-q supplies report 西城社区 --item 消毒液 --need 20 --unit 瓶 --date 2020-02-13"),
    );
    let v = supplies_json(p, "");
    assert_eq!(
        rows(&v),
        [
            ("东城社区", "口罩", 600, 100, 500, "unsolved"),
            ("西城社区", "消毒液", 20, 0, 20, "unsolved"),
        ]
    );
    assert_eq!(array(&v["rows"])[0]["versions"], 2);
    // Before the second report's day, only the first.
    assert_eq!(rows(&supplies_json(p, "--date 2020-02-12")).len(), 1);
    // Every version stays in the store, and export shows them.
    let (_, exported) = parse_csv(&ok_bytes(p, &w("export --what supplies")));
    let needs: Vec<&str> = exported.iter().map(|r| r[6].as_str()).collect();
    assert_eq!(needs, ["500", "600", "20"]);
}

#[test]
fn resolve_marks_it_solved_from_its_day_and_strict_exits_3_while_any_is_open() {
    let s = post_store();
    let p = s.path();
    ok(
        p,
        &w("-q supplies report 东城社区 --item 口罩 --need 500 --have 100 --date 2020-02-12"),
    );
    let out = run(p, &w("supplies --strict"));
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        describe(&["supplies"], &out)
    );
    assert!(text(&out.stdout).contains("未解决"));
    ok(
        p,
        &w(
            "-q supplies resolve 东城社区 --item 口罩 --by 机关工委 --date 2020-02-14 --note 已调拨",
        ),
    );
    let v = supplies_json(p, "--strict");
    let row = &array(&v["rows"])[0];
    assert_eq!(row["status"], "solved");
    assert_eq!(row["resolved_by"], "机关工委");
    assert_eq!(row["resolved_on"], "2020-02-14");
    assert_eq!(v["unsolved"], 0);
    // As of the day before the resolve it was still open.
    let out = run(p, &w("supplies --strict --date 2020-02-13"));
    assert_eq!(out.status.code(), Some(3));
    let v = supplies_json(p, "--date 2020-02-13");
    assert_eq!(array(&v["rows"])[0]["status"], "unsolved");
}

#[test]
fn supply_table_columns_totals_and_formats() {
    let s = post_store();
    let p = s.path();
    ok(
        p,
        &w(
            "-q supplies report 东城社区 --item 口罩 --need 500 --have 100 --unit 个 --date 2020-02-12",
        ),
    );
    ok(
        p,
        &w("-q supplies report 西城社区 --item 口罩 --need 300 --unit 个 --date 2020-02-12"),
    );
    ok(
        p,
        &w(
            "-q supplies report 西城社区 --item 消毒液 --need 20 --have 5 --unit 瓶 --date 2020-02-13",
        ),
    );
    ok(
        p,
        &w("-q supplies resolve 西城社区 --item 口罩 --by 住建局 --date 2020-02-14"),
    );

    let text = ok(p, &w("supplies"));
    let expected_head = "| 序号 | 社区/小区 | 物资名称     | 需求数量 | 现有数量 | 缺口数量 | 上报日期   | 状态   | 解决单位 | 备注 |";
    assert!(text.contains(expected_head), "{text}");
    assert!(
        text.contains("|    2 | 西城社区  | 口罩（个）   |      300 |        0 |      300 | 2020-02-12 | 已解决 | 住建局   |      |"),
        "{text}"
    );
    assert!(text.contains("各物资缺口合计"), "{text}");
    assert!(
        text.contains("| 口罩（个）   |      700 |        400 |"),
        "{text}"
    );

    let records = csv_records(&ok_bytes(p, &w("supplies --format csv")));
    let (headers, rows) = csv_section(&records, None);
    assert_eq!(
        headers,
        [
            "序号",
            "社区/小区",
            "物资名称",
            "需求数量",
            "现有数量",
            "缺口数量",
            "上报日期",
            "状态",
            "解决单位",
            "备注"
        ]
    );
    assert_eq!(
        rows[0][..8],
        [
            "1",
            "东城社区",
            "口罩（个）",
            "500",
            "100",
            "400",
            "2020-02-12",
            "未解决"
        ]
    );
    assert_eq!(rows.len(), 3);
    let (headers, totals) = csv_section(&records, Some("各物资缺口合计"));
    assert_eq!(headers, ["物资名称", "缺口合计", "其中未解决"]);
    assert_eq!(totals[0], ["口罩（个）", "700", "400"]);
    let v = supplies_json(p, "");
    assert_eq!(
        v["totals"],
        serde_json::json!([
            {"item": "口罩", "unit": "个", "gap": 700, "unsolved_gap": 400},
            {"item": "消毒液", "unit": "瓶", "gap": 15, "unsolved_gap": 15}
        ])
    );
    let md = ok(p, &w("supplies --format markdown"));
    assert!(md.contains("| 东城社区 |"), "{md}");
    let html = ok(p, &w("supplies --format html"));
    for part in [
        "物资欠缺情况统计表",
        "<table>",
        "填报人",
        "审核人",
        "已解决",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let en = ok(p, &w("supplies --lang en"));
    assert!(
        en.contains("Community (post)") && en.contains("unsolved"),
        "{en}"
    );
}

#[test]
fn bad_supply_input_is_refused_and_changes_nothing() {
    let s = post_store();
    let p = s.path();
    ok(
        p,
        &w("-q supplies report 东城社区 --item 口罩 --need 500 --date 2020-02-12"),
    );
    ok(
        p,
        &w("-q supplies resolve 东城社区 --item 口罩 --date 2020-02-13"),
    );
    let before = snapshot(p);
    let cases: [(&str, &str); 9] = [
        (
            "supplies report 东城社区 --item 口罩 --need -5",
            "数量不能为负数",
        ),
        (
            "supplies report 东城社区 --item 口罩 --need 10 --have -1",
            "数量不能为负数",
        ),
        (
            "supplies report 东城社区 --item 口罩 --need 很多",
            "不是数字",
        ),
        (
            "supplies report 东城社区 --item 口罩 --need 1.5",
            "请填整数",
        ),
        (
            "supplies report 东成社区 --item 口罩 --need 5",
            "是否要找 东城社区",
        ),
        (
            "supplies report 东城社区 --item 口罩 --need 5 --date 2020-02-19",
            "将来的日期",
        ),
        ("supplies resolve 西城社区 --item 口罩", "无可解决"),
        (
            "supplies resolve 东城社区 --item 口罩 --date 2020-02-11",
            "无可解决",
        ),
        (
            "supplies resolve 东城社区 --item 口罩",
            "已于 2020-02-13 解决",
        ),
    ];
    for (cmd, want) in cases {
        let err = fail(p, &w(cmd));
        assert!(err.contains(want), "{cmd}: {err}");
        assert_same_snapshot(&before, &snapshot(p), cmd);
    }
    let err = fail(
        p,
        &[
            "supplies",
            "report",
            "东城社区",
            "--item",
            " ",
            "--need",
            "5",
        ],
    );
    assert!(err.contains("--item"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "empty item");
}

#[test]
fn undo_takes_back_post_and_supplies_writes() {
    let s = post_store();
    let p = s.path();
    ok(
        p,
        &w("-q supplies report 东城社区 --item 口罩 --need 500 --date 2020-02-12"),
    );
    ok(
        p,
        &w("-q supplies report 东城社区 --item 口罩 --need 800 --date 2020-02-12"),
    );
    ok(
        p,
        &w("-q supplies resolve 东城社区 --item 口罩 --date 2020-02-13"),
    );

    let out = ok(p, &w("undo --yes"));
    assert!(
        out.contains("（物资，") && out.contains("物资：东城社区 口罩，2020-02-13 已解决"),
        "{out}"
    );
    assert_eq!(rows(&supplies_json(p, ""))[0].5, "unsolved");
    let out = ok(p, &w("undo --yes"));
    assert!(
        out.contains("物资：东城社区 口罩，2020-02-12 欠缺：需求 800，现有 0"),
        "{out}"
    );
    assert!(!out.contains(".jsonl") && !out.contains('{'), "{out}");
    assert_eq!(rows(&supplies_json(p, ""))[0].2, 500);
    ok(p, &w("-q undo --yes"));
    assert!(rows(&supplies_json(p, "")).is_empty());

    // Then the posts, newest first.
    ok(p, &w("-q post edit A小区 --phone 123"));
    let out = ok(p, &w("undo --yes"));
    assert!(
        out.contains("（岗位，") && out.contains("岗位修改：P003 A小区（电话 123）"),
        "{out}"
    );
    let list = parse_json(&ok(p, &w("post list --format json")));
    assert_eq!(array(&list)[2]["phone"], Value::Null);
    let out = ok(p, &w("undo --yes"));
    assert!(out.contains("岗位登记：P003 A小区"), "{out}");
    let list = parse_json(&ok(p, &w("post list --format json")));
    assert_eq!(array(&list).len(), 2);
    // Undone events stay in the store.
    let lines = std::fs::read_to_string(p.join("supplies.jsonl")).expect("supplies file");
    assert_eq!(lines.lines().count(), 6);
    assert!(lines.contains(r#""mark":"undo""#));
}

#[test]
fn post_and_supplies_files_are_private_checked_and_repaired() {
    let s = post_store();
    let p = s.path();
    ok(
        p,
        &w("-q supplies report 东城社区 --item 口罩 --need 5 --date 2020-02-12"),
    );
    for f in ["posts.jsonl", "supplies.jsonl"] {
        assert_eq!(mode(&p.join(f)), 0o600, "{f}");
    }
    assert!(ok(p, &w("check")).starts_with("存储完好"));
    // A line of the wrong shape, and a torn tail.
    let path = p.join("supplies.jsonl");
    let mut bytes = std::fs::read(&path).expect("read");
    bytes.extend_from_slice(b"{\"id\":\"x\",\"op\":\"report\",\"at\":\"2020-02-18T09:00:00+08:00\",\"by\":\"a\"}\n{\"id\":");
    std::fs::write(&path, &bytes).expect("write");
    let out = run(p, &w("check"));
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("supplies.jsonl:2: 记录有误"), "{report}");
    assert!(
        report.contains("supplies.jsonl:3: 最后一行残缺"),
        "{report}"
    );
    let err = fail(p, &w("supplies"));
    assert!(err.contains("supplies.jsonl:2"), "{err}");
    ok(p, &w("repair"));
    assert!(ok(p, &w("check")).starts_with("存储完好"));
    assert_eq!(rows(&supplies_json(p, "")).len(), 1);
}

#[test]
fn a_newer_store_format_is_refused_for_posts_and_supplies() {
    let s = post_store();
    let p = s.path();
    let config = p.join("config.json");
    let mut v = parse_json(&std::fs::read_to_string(&config).expect("config"));
    v["format_version"] = 99.into();
    std::fs::write(&config, serde_json::to_vec_pretty(&v).expect("json")).expect("write");
    let before = snapshot(p);
    for cmd in [
        "post add 北城社区",
        "supplies report 东城社区 --item 口罩 --need 5",
        "supplies",
        "frontline",
    ] {
        let err = fail(p, &w(cmd));
        assert!(err.contains("请升级"), "{cmd}: {err}");
        assert_same_snapshot(&before, &snapshot(p), cmd);
    }
}

#[test]
fn export_writes_posts_and_supplies() {
    let s = post_store();
    let p = s.path();
    ok(p, &w("-q post edit 东城社区 --contact 老王 --phone 010-1"));
    ok(
        p,
        &w("-q supplies report 东城社区 --item 口罩 --need 5 --unit 个 --date 2020-02-12"),
    );
    ok(
        p,
        &w("-q supplies resolve 东城社区 --item 口罩 --by 机关工委 --date 2020-02-13"),
    );
    let (headers, posts) = parse_csv(&ok_bytes(p, &w("export --what posts")));
    assert_eq!(headers, ["岗位编号", "岗位", "所在社区", "联系人", "电话"]);
    assert_eq!(posts[0], ["P001", "东城社区", "东城街道", "老王", "010-1"]);
    assert_eq!(posts.len(), 3);
    let (_, supplies) = parse_csv(&ok_bytes(p, &w("export --what supplies --from 2020-02-13")));
    assert_eq!(supplies.len(), 1);
    assert_eq!(
        supplies[0][..5],
        ["解决", "2020-02-13", "P001", "东城社区", "口罩"]
    );
    let jsonl = ok(p, &w("export --what supplies --format jsonl"));
    let ops: Vec<String> = jsonl
        .lines()
        .map(|l| str_of(&parse_json(l), "op").to_string())
        .collect();
    assert_eq!(ops, ["report", "resolve"]);
}

#[test]
fn the_example_bureau_prints_both_forms() {
    let s = TestStore::example();
    let p = s.path();
    let v = ledger(p, "");
    assert_eq!(v["totals"]["people"], 3);
    assert_eq!(v["totals"]["person_days"], 18);
    assert_eq!(post_of(&v, "东四社区")["registered"], false);
    let v = supplies_json(p, "");
    let statuses: Vec<&str> = rows(&v).iter().map(|r| r.5).collect();
    assert_eq!(statuses, ["solved", "unsolved"]);
    for cmd in ["frontline --format html", "supplies --format html"] {
        let html = ok(p, &w(cmd));
        assert!(html.contains("填报人") && html.contains("<td"), "{cmd}");
    }
}

#[test]
fn supply_table_and_export_as_workbooks() {
    use calamine::{Data, Reader, open_workbook_auto};
    let s = post_store();
    let p = s.path();
    ok(
        p,
        &w(
            "-q supplies report 东城社区 --item 口罩 --need 500 --have 100 --unit 个 --date 2020-02-12",
        ),
    );
    let first_sheet = |path: &std::path::Path| -> Vec<Vec<Data>> {
        let mut book = open_workbook_auto(path).expect("a workbook");
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).expect("the sheet");
        range.rows().map(<[Data]>::to_vec).collect()
    };
    let find_row = |rows: &[Vec<Data>], first: Data| -> Vec<Data> {
        rows.iter()
            .find(|r| r.first() == Some(&first))
            .unwrap_or_else(|| panic!("no row starting {first} in {rows:?}"))
            .clone()
    };

    let table = s.scratch().join("物资.xlsx");
    ok(p, &["supplies", "-o", table.to_str().expect("utf-8 path")]);
    let rows = first_sheet(&table);
    let header = find_row(&rows, Data::String("序号".into()));
    assert_eq!(header[5].to_string(), "缺口数量");
    let row = find_row(&rows, Data::Float(1.0));
    assert_eq!(row[1].to_string(), "东城社区");
    assert_eq!(row[5], Data::Float(400.0));

    let export = s.scratch().join("上报记录.xlsx");
    ok(
        p,
        &[
            "export",
            "--what",
            "supplies",
            "-o",
            export.to_str().expect("utf-8 path"),
        ],
    );
    let rows = first_sheet(&export);
    let report = find_row(&rows, Data::String("上报".into()));
    assert_eq!(report[4].to_string(), "口罩");
    assert_eq!(report[6], Data::Float(500.0));
}

/// `record --post`: a registered post given by id or another spelling is
/// recorded under its registered name; one not registered is recorded as
/// typed and said at once, with the closest registered names.
#[test]
fn record_post_names_the_registered_post_or_warns_at_once() {
    let s = post_store();
    let p = s.path();
    let record = |post: &str| {
        let out = run(
            p,
            &[
                "record",
                "甲",
                "-d",
                "2020-02-10",
                "-t",
                "36.5",
                "-w",
                "一线",
                "-p",
                post,
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let history = parse_json(&ok(p, &w("history 甲 --format json")));
        let post = array(&history)
            .iter()
            .rev()
            .find_map(|e| e["post"].as_str().map(str::to_string))
            .unwrap_or_default();
        (post, text(&out.stderr))
    };
    assert_eq!(record("p002"), ("西城社区".to_string(), String::new()));
    assert_eq!(record("ａ小区"), ("A小区".to_string(), String::new()));
    let (post, said) = record("东城社");
    assert_eq!(post, "东城社");
    assert!(
        said.contains("东城社") && said.contains("尚未登记"),
        "{said}"
    );
    assert!(said.contains("是否要找 东城社区"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
}
