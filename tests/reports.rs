//! The head of the unit's reports (SPEC §4, §5): summary, residents,
//! missing, alerts and trend, in every format.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::*;
use serde_json::Value;

const FORMATS: [&str; 5] = ["text", "csv", "json", "markdown", "html"];

/// 测试局 with two households: 张三 (fever, frontline, party member) and his
/// wife 李四 (not reported), 王五 (in Wuhan, not isolated).
fn tiny() -> TestStore {
    let s = TestStore::init(&w("--org 测试局 --home-city 北京"));
    let p = s.path();
    ok(
        p,
        &w("staff add --since 2019-01-01 张三 --dept 办公室 --phone 13800000001 --party-member"),
    );
    ok(
        p,
        &w("family add --since 2019-01-01 李四 --of 张三 --relation 配偶"),
    );
    ok(p, &w("staff add --since 2019-01-01 王五 --dept 财务科"));
    ok(
        p,
        &w("record 张三 --temp 37.5 --location 北京市 --work 一线 --post 东城社区"),
    );
    ok(
        p,
        &w("record 王五 --temp 36.5 --location 湖北武汉 --work remote"),
    );
    s
}

fn flexible_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| r.expect("CSV row").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn every_report_renders_in_every_format() {
    let s = TestStore::example();
    let reports: [&[&str]; 6] = [
        &["daily", "--date", "2020-02-18"],
        &["residents", "--date", "2020-02-18"],
        &["summary", "--date", "2020-02-18"],
        &["missing", "--date", "2020-02-18"],
        &["alerts", "--date", "2020-02-18"],
        &["trend", "--from", "2020-02-15", "--to", "2020-02-18"],
    ];
    for report in reports {
        for format in FORMATS {
            let mut args = report.to_vec();
            args.extend(["--format", format]);
            let out = ok_bytes(s.path(), &args);
            let context = args.join(" ");
            assert!(!out.is_empty(), "{context}");
            match format {
                "json" => {
                    parse_json(&text(&out));
                }
                "csv" => {
                    assert!(out.starts_with(BOM), "{context}");
                    let rows = flexible_csv(&out);
                    assert!(rows.len() >= 2, "{context}");
                }
                "html" => {
                    let html = text(&out);
                    assert!(html.starts_with("<!DOCTYPE html>"), "{context}");
                    assert!(html.contains("某区机关事务管理局"), "{context}");
                }
                "markdown" => assert!(text(&out).starts_with("# 某区机关事务管理局 "), "{context}"),
                _ => assert!(text(&out).starts_with("某区机关事务管理局 "), "{context}"),
            }
        }
    }
}

#[test]
fn summary_json_has_the_spec_keys_and_counts() {
    let s = TestStore::example();
    let v = parse_json(&ok(s.path(), &w("summary --date 2020-02-18 --format json")));
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "date",
            "org",
            "expected",
            "reported",
            "missing",
            "staff_expected",
            "staff_reported",
            "family_expected",
            "family_reported",
            "local",
            "away",
            "fever",
            "contact",
            "isolated",
            "on_site",
            "remote",
            "frontline",
            "leave",
            "party_frontline",
            "by_dept",
            "alerts",
            "missing_people"
        ]
    );
    let n = |k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"));
    assert_eq!(
        [
            n("expected"),
            n("reported"),
            n("missing"),
            n("staff_expected"),
            n("staff_reported")
        ],
        [26, 24, 2, 10, 10]
    );
    assert_eq!([n("family_expected"), n("family_reported")], [16, 14]);
    assert_eq!(
        [
            n("local"),
            n("away"),
            n("fever"),
            n("contact"),
            n("isolated")
        ],
        // v2: 王秀兰, in Wuhan, is under observation and counts under
        // contact with 黄涛, whose own record says contact.
        [23, 1, 1, 2, 2]
    );
    assert_eq!(
        [n("on_site"), n("remote"), n("frontline"), n("leave")],
        [5, 1, 3, 1]
    );
    assert_eq!(n("party_frontline"), 3);
    let by_dept = array(&v["by_dept"]);
    assert_eq!(by_dept.len(), 4);
    for d in by_dept {
        let keys: Vec<&str> = d
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "dept", "expected", "reported", "fever", "contact", "isolated"
            ]
        );
    }
    let sum = |k: &str| {
        by_dept
            .iter()
            .map(|d| d[k].as_u64().expect("count"))
            .sum::<u64>()
    };
    assert_eq!(
        [
            sum("expected"),
            sum("reported"),
            sum("fever"),
            sum("isolated")
        ],
        [26, 24, 1, 2]
    );
    let logistics = by_dept
        .iter()
        .find(|d| d["dept"] == "后勤科")
        .expect("后勤科");
    assert_eq!(
        logistics["expected"], 5,
        "family count under their staff member's dept"
    );
    let kinds: BTreeSet<&str> = array(&v["alerts"])
        .iter()
        .map(|a| str_of(a, "kind"))
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            "contact_not_isolated",
            "fever",
            "isolated_working",
            "isolation_complete"
        ])
    );
    for a in array(&v["alerts"]) {
        let keys: Vec<&str> = a
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["person", "name", "kind", "detail"]);
    }
    let fever = array(&v["alerts"])
        .iter()
        .find(|a| a["kind"] == "fever")
        .expect("fever");
    assert_eq!(str_of(fever, "name"), "黄小宝");
    let missing: Vec<&str> = array(&v["missing_people"])
        .iter()
        .map(|m| str_of(m, "person"))
        .collect();
    assert_eq!(missing, ["S005-2", "S010-2"]);
}

#[test]
fn residents_uses_the_latest_record_on_or_before_the_day() {
    let s = TestStore::example();
    let v = parse_json(&ok(
        s.path(),
        &w("residents --date 2020-02-18 --format json"),
    ));
    let rows = array(&v["rows"]);
    assert_eq!(rows.len(), 10);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "staff",
            "name",
            "dept",
            "household",
            "local",
            "away",
            "away_places",
            "returned",
            "contact",
            "isolated"
        ]
    );
    let wang = rows
        .iter()
        .find(|r| r["staff"] == "S002")
        .expect("王芳's household");
    assert_eq!(wang["household"], 3);
    assert_eq!(wang["away"], 1);
    assert_eq!(wang["away_places"], serde_json::json!(["湖北省武汉市"]));
    // The table names who is away where, in Chinese punctuation.
    let (header, csv) = parse_csv(&ok_bytes(
        s.path(),
        &w("residents --date 2020-02-18 --format csv --encoding utf8"),
    ));
    let places = header
        .iter()
        .position(|h| h == "外地人员所在地")
        .expect("column");
    let wang = csv
        .iter()
        .find(|r| r.contains(&"王芳".to_string()))
        .expect("王芳");
    assert_eq!(wang[places], "湖北省武汉市（王秀兰）");
    // 赵大海 came back from Shanghai on 02-18, within the isolation period.
    let zhao = rows
        .iter()
        .find(|r| r["staff"] == "S007")
        .expect("赵敏's household");
    assert_eq!(zhao["returned"], 1);
    // 陈思 did not report on 02-18: her 02-17 record still counts her as local.
    let chen = rows
        .iter()
        .find(|r| r["staff"] == "S005")
        .expect("陈静's household");
    assert_eq!(chen["local"], 3);
    let total = &v["total"];
    assert_eq!(
        [
            &total["household"],
            &total["local"],
            &total["away"],
            &total["returned"],
            &total["contact"],
            &total["isolated"]
        ],
        [26, 25, 1, 1, 2, 2]
    );
    // On the 16th, 赵大海 was still in Shanghai.
    let v16 = parse_json(&ok(
        s.path(),
        &w("residents --date 2020-02-16 --format json"),
    ));
    assert_eq!(v16["total"]["away"], 2);
    assert_eq!(v16["total"]["returned"], 0);
}

#[test]
fn missing_gives_a_phone_to_chase() {
    let s = TestStore::example();
    let v = parse_json(&ok(s.path(), &w("missing --date 2020-02-18 --format json")));
    let rows = array(&v);
    assert_eq!(rows.len(), 2);
    assert_eq!(str_of(&rows[0], "name"), "陈思");
    assert_eq!(
        str_of(&rows[0], "phone"),
        "13800010005",
        "her staff member's phone"
    );
    assert_eq!(str_of(&rows[0], "phone_of"), "陈静");
    let t = tiny();
    ok(t.path(), &w("person edit 李四 --phone 13900000002"));
    let v = parse_json(&ok(t.path(), &w("missing --format json")));
    assert_eq!(
        str_of(&array(&v)[0], "phone"),
        "13900000002",
        "her own phone first"
    );
    assert!(array(&v)[0]["phone_of"].is_null());
    let csv = ok_bytes(t.path(), &w("missing --format csv"));
    let (headers, rows) = parse_csv(&csv);
    assert_eq!(
        headers,
        [
            "序号",
            "编号",
            "姓名",
            "身份",
            "所属职工",
            "部门",
            "电话",
            "连续未报天数",
            "最近填报"
        ]
    );
    assert_eq!(
        rows,
        [[
            "1",
            "S001-1",
            "李四",
            "配偶",
            "张三",
            "办公室",
            "13900000002",
            // On the roster since 2019-01-01 and never reported.
            "414",
            "从未填报"
        ]]
    );
}

#[test]
fn residents_text_table_in_chinese() {
    let t = tiny();
    let expected = "\
测试局 常住人口统计表 2020-02-18

+------+------+--------+----------+--------+--------+------------------+----------------+----------+----------+
| 序号 | 姓名 | 部门   | 家庭人数 | 在本地 | 在外地 | 外地人员所在地   | 返回未满隔离期 | 接触人数 | 隔离人数 |
+=============================================================================================================+
|    1 | 张三 | 办公室 |        2 |      1 |      0 |                  |              0 |        0 |        0 |
|    2 | 王五 | 财务科 |        1 |      0 |      1 | 湖北武汉（王五） |              0 |        1 |        0 |
|      | 合计 |        |        3 |      1 |      1 | 湖北武汉（王五） |              0 |        1 |        0 |
+------+------+--------+----------+--------+--------+------------------+----------------+----------+----------+
";
    assert_eq!(ok(t.path(), &["residents"]), expected);
}

#[test]
fn alerts_text_table_in_english() {
    let t = tiny();
    let expected = "\
测试局 Alerts 2020-02-18

+-----+------+------+--------------+--------+----------------------+-----------------------------------------------------------------------------+
| No. | ID   | Name | Staff member | Dept   | Alert                | Detail                                                                      |
+================================================================================================================================================+
|   1 | S001 | 张三 | 张三         | 办公室 | fever                | temperature 37.5℃                                                           |
|   2 | S002 | 王五 | 王五         | 财务科 | contact not isolated | located in a high-risk area (湖北武汉), observation day 1, until 2020-03-03 |
+-----+------+------+--------------+--------+----------------------+-----------------------------------------------------------------------------+
";
    assert_eq!(ok(t.path(), &w("--lang en alerts")), expected);
}

/// The same alerts in Chinese: each detail one sentence with full-width
/// punctuation (it was pieced together with ASCII " (…)").
#[test]
fn alerts_text_table_in_chinese() {
    let t = tiny();
    let expected = "\
测试局 预警 2020-02-18

+------+------+------+----------+--------+------------+-----------------------------------------------------------+
| 序号 | 编号 | 姓名 | 所属职工 | 部门   | 预警类型   | 详情                                                      |
+=================================================================================================================+
|    1 | S001 | 张三 | 张三     | 办公室 | 发热       | 体温 37.5℃                                                |
|    2 | S002 | 王五 | 王五     | 财务科 | 接触未隔离 | 位于高风险地区（湖北武汉），医学观察第1天，至2020年3月3日 |
+------+------+------+----------+--------+------------+-----------------------------------------------------------+
";
    assert_eq!(ok(t.path(), &w("alerts")), expected);
}

#[test]
fn labels_follow_lang_and_json_keys_do_not() {
    let t = tiny();
    let zh = flexible_csv(&ok_bytes(t.path(), &w("summary --format csv")));
    assert_eq!(zh[0], ["人数统计"]);
    assert_eq!(zh[1], ["项目", "职工", "家属", "合计"]);
    assert_eq!(zh[2], ["应报", "2", "1", "3"]);
    let en = flexible_csv(&ok_bytes(t.path(), &w("summary --format csv --lang en")));
    assert_eq!(en[1], ["Item", "Staff", "Family", "All"]);
    ok(t.path(), &w("config set lang en"));
    let md = ok(t.path(), &w("daily --format markdown"));
    assert!(md.contains("| No. | Name | Role |"), "{md}");
    let json_zh = parse_json(&ok(t.path(), &w("--lang zh summary --format json")));
    let json_en = parse_json(&ok(t.path(), &w("--lang en summary --format json")));
    assert_eq!(
        json_zh
            .as_object()
            .expect("object")
            .keys()
            .collect::<Vec<_>>(),
        json_en
            .as_object()
            .expect("object")
            .keys()
            .collect::<Vec<_>>()
    );
    assert_eq!(json_zh["alerts"][0]["kind"], "fever");
    assert!(str_of(&json_zh["alerts"][0], "detail").contains("体温"));
}

#[test]
fn html_is_one_printable_self_contained_file() {
    let t = tiny();
    let out = t.scratch().join("daily.html");
    ok(t.path(), &["daily", "-o", out.to_str().expect("path")]);
    let html = fs::read_to_string(&out).expect("html written");
    // On paper the date is written out (SPEC §9).
    assert!(html.contains("<title>测试局 工作人员及家人动态情况日报表 2020年2月18日</title>"));
    assert!(html.contains("<h1>测试局 工作人员及家人动态情况日报表 2020年2月18日</h1>"));
    assert!(html.contains("size: A4 landscape"));
    assert!(html.contains("<thead>") && html.contains("display: table-header-group"));
    for sign in ["填报人：", "审核人：", "日期："] {
        assert!(html.contains(sign), "signature line {sign}");
    }
    assert!(
        html.contains("合计：应报 3 人，已报 2 人，未报 1 人"),
        "totals"
    );
    for external in [
        "http://", "https://", "<link", "<script", "src=", "@import", "url(",
    ] {
        assert!(!html.contains(external), "external resource {external}");
    }
    let trend = ok(
        t.path(),
        &w("trend --from 2020-02-16 --to 2020-02-18 --format html --lang en"),
    );
    assert!(
        trend.contains("<svg") && trend.contains("<polyline"),
        "inline SVG chart"
    );
    for series in ["Reported", "Fever", "Contact", "Isolated"] {
        assert!(
            trend.contains(&format!(">{series}</text>")),
            "legend {series}"
        );
    }
    assert!(!trend.contains("<script") && !trend.contains("https://"));
}

#[test]
fn escaping_in_html_and_markdown() {
    let t = tiny();
    ok(
        t.path(),
        &[
            "record",
            "王五",
            "--temp",
            "36.5",
            "--note",
            "<b>a|b</b> & \"c\"",
        ],
    );
    let html = ok(t.path(), &w("daily --format html"));
    assert!(
        html.contains("&lt;b&gt;a|b&lt;/b&gt; &amp; &quot;c&quot;"),
        "{html}"
    );
    let md = ok(t.path(), &w("daily --format markdown"));
    // Markdown renders HTML it meets: none may get through raw.
    assert!(md.contains(r"&lt;b&gt;a\|b&lt;/b&gt; &amp; "), "{md}");
    assert!(!md.contains("<b>"), "{md}");
}

#[test]
fn strict_exits_3_after_printing() {
    let s = TestStore::example();
    for report in ["summary", "alerts", "missing"] {
        let out = run(
            s.path(),
            &[
                report,
                "--date",
                "2020-02-18",
                "--strict",
                "--format",
                "json",
            ],
        );
        assert_eq!(out.status.code(), Some(3), "{}", describe(&[report], &out));
        parse_json(&text(&out.stdout));
        let plain = run(s.path(), &[report, "--date", "2020-02-18"]);
        assert_eq!(plain.status.code(), Some(0), "without --strict");
    }
    // 02-16: everyone reported, but an isolated person raises no alert…
    let missing = run(s.path(), &w("missing --date 2020-02-16 --strict"));
    assert_eq!(
        missing.status.code(),
        Some(0),
        "{}",
        describe(&["missing"], &missing)
    );
    // …while 王秀兰 in Wuhan does.
    let alerts = run(s.path(), &w("alerts --date 2020-02-16 --strict"));
    assert_eq!(alerts.status.code(), Some(3));
    // A clean day is exit 0 with --strict.
    let t = TestStore::init(&w("--home-city 北京"));
    ok(t.path(), &w("staff add --since 2019-01-01 赵六"));
    ok(t.path(), &w("record 赵六 --temp 36.4 --location 北京"));
    for report in ["summary", "alerts", "missing"] {
        let out = run(t.path(), &[report, "--strict"]);
        assert_eq!(out.status.code(), Some(0), "{}", describe(&[report], &out));
    }
}

#[test]
fn a_day_without_records_is_a_full_summary_of_zeros() {
    let s = TestStore::example();
    let v = parse_json(&ok(s.path(), &w("summary --date 2020-01-01 --format json")));
    assert_eq!(v["expected"], 26);
    assert_eq!(v["missing"], 26);
    for key in [
        "reported",
        "staff_reported",
        "family_reported",
        "local",
        "away",
        "fever",
        "contact",
        "isolated",
        "on_site",
        "remote",
        "frontline",
        "leave",
        "party_frontline",
    ] {
        assert_eq!(v[key], 0, "{key}");
    }
    assert_eq!(array(&v["alerts"]).len(), 0);
    assert_eq!(array(&v["missing_people"]).len(), 26);
    let text = ok(s.path(), &w("summary --date 2019-01-01"));
    assert!(text.contains("零报告"), "{text}");
    assert!(
        text.contains("| 发热       |    0 |    0 |    0 |"),
        "{text}"
    );
    // An empty store too.
    let empty = TestStore::init(&[]);
    let v = parse_json(&ok(empty.path(), &w("summary --format json")));
    assert_eq!(v["expected"], 0);
    assert_eq!(array(&v["by_dept"]).len(), 0);
    assert!(ok(empty.path(), &["summary"]).contains("零报告"));
}

#[test]
fn today_follows_the_configured_timezone() {
    let t = TestStore::init(&w("--home-city 北京"));
    ok(t.path(), &w("staff add --since 2019-01-01 赵六"));
    // 07:00 in Beijing is still the day before in UTC, the server's zone.
    let early = "2020-02-17T23:00:00Z";
    let record = |store: &std::path::Path| {
        hr(store, &w("record 赵六 --temp 36.6"))
            .env("HEALTHREPORT_NOW", early)
            .output()
            .expect("run")
    };
    let out = record(t.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains(" 2020-02-17："),
        "local zone is UTC"
    );
    ok(t.path(), &w("config set timezone +08:00"));
    let out = record(t.path());
    assert!(
        text(&out.stdout).contains(" 2020-02-18："),
        "{}",
        text(&out.stdout)
    );
    assert!(t.path().join("records/2020/2020-02-18.jsonl").exists());
    let line =
        fs::read_to_string(t.path().join("records/2020/2020-02-18.jsonl")).expect("day file");
    let entry: Value = serde_json::from_str(line.trim()).expect("entry");
    assert_eq!(entry["recorded_at"], "2020-02-18T07:00:00+08:00");
    let summary = hr(t.path(), &w("summary --format json"))
        .env("HEALTHREPORT_NOW", early)
        .output()
        .expect("run");
    assert_eq!(parse_json(&text(&summary.stdout))["date"], "2020-02-18");
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let s = TestStore::example();
    for (name, check) in [
        ("s.json", "{"),
        ("s.csv", "\u{feff}人数统计"),
        ("s.md", "# "),
        ("s.html", "<!DOCTYPE html>"),
        ("s.txt", "某区"),
    ] {
        let path = s.scratch().join(name);
        ok(
            s.path(),
            &[
                "summary",
                "--date",
                "2020-02-18",
                "-o",
                path.to_str().expect("path"),
            ],
        );
        let written = fs::read_to_string(&path).expect("written");
        assert!(written.starts_with(check), "{name}: {written:.40}");
    }
    let json_file = fs::read_to_string(s.scratch().join("s.json")).expect("json");
    assert_eq!(
        json_file,
        ok(s.path(), &w("summary --date 2020-02-18 --format json"))
    );
    let bad = s.scratch().join("s.docx");
    let out = run(s.path(), &["summary", "-o", bad.to_str().expect("path")]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "unknown extension is a usage error"
    );
    assert!(!bad.exists());
}

#[test]
fn trend_counts_each_day() {
    let s = TestStore::example();
    let v = parse_json(&ok(
        s.path(),
        &w("trend --from 2020-02-15 --to 2020-02-18 --format json"),
    ));
    let days = array(&v);
    let counts: Vec<(String, u64, u64, u64)> = days
        .iter()
        .map(|d| {
            (
                str_of(d, "date").to_string(),
                d["reported"].as_u64().expect("n"),
                d["fever"].as_u64().expect("n"),
                d["isolated"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("2020-02-15".to_string(), 0, 0, 0),
            ("2020-02-16".to_string(), 26, 0, 1),
            ("2020-02-17".to_string(), 26, 1, 1),
            ("2020-02-18".to_string(), 24, 1, 2),
        ]
    );
    let text = ok(s.path(), &w("trend --from 2020-02-17 --to 2020-02-18"));
    assert!(
        text.contains("02-17 ######################################## 26"),
        "{text}"
    );
    assert!(
        text.contains("02-18 #####################################    24"),
        "{text}"
    );
    let err = fail(s.path(), &w("trend --from 2020-02-18 --to 2020-02-01"));
    assert!(err.contains("晚于"), "{err}");
}
