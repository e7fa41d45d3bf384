//! SPEC §9: spreadsheets in and out, and printed forms checked in a real
//! browser (headless Chromium) and real readers (pdfinfo, pdftotext,
//! calamine, the workbook's own XML).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const DEPTS: [&str; 12] = [
    "办公室",
    "综合科",
    "财务科",
    "人事科",
    "后勤科",
    "信息中心",
    "法规科",
    "审计科",
    "宣传科",
    "机关党委",
    "工会",
    "档案室",
];
const SURNAMES: [char; 10] = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN: &str = "伟芳强洋静磊敏涛杰霞军丽勇艳超娟明华平刚桂英建国秀兰玉梅志红松柏竹";
const SPOUSE: &str = "琳波鹏飞雪婷健辉慧颖斌宁凯晶琦航瑶晨宇欣然雨萱梓涵浩轩博文岚蕾";

fn staff_name(i: usize) -> String {
    format!("{}{}", SURNAMES[i % 10], GIVEN.chars().nth(i).unwrap())
}

fn child_name(i: usize) -> String {
    format!("{}小{}", SURNAMES[i % 10], GIVEN.chars().nth(i).unwrap())
}

/// A roster workbook as a bureau keeps it: a title row, columns the tool
/// does not use, phones typed as numbers, ID-card numbers, 政治面貌, a
/// start date typed as a date, and a household head's own row under 户主.
fn roster_workbook(path: &Path, staff: usize) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("花名册").unwrap();
    ws.write_string(0, 0, "某区机关事务管理局职工及家属花名册")
        .unwrap();
    let header = [
        "序号",
        "姓名",
        "性别",
        "科室",
        "联系电话",
        "身份证号",
        "政治面貌",
        "是否退役军人",
        "户主",
        "与户主关系",
        "起始日期",
    ];
    for (j, h) in header.iter().enumerate() {
        ws.write_string(1, j as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy/m/d");
    let since = ExcelDateTime::from_ymd(2020, 1, 1).unwrap();
    let mut row = 2;
    let mut n = 0;
    for i in 0..staff {
        let name = staff_name(i);
        let people = [
            (name.clone(), "男", "本人"),
            (
                format!("孙{}", SPOUSE.chars().nth(i).unwrap()),
                "女",
                "配偶",
            ),
            (child_name(i), "男", "子女"),
        ];
        for (k, (person, sex, relation)) in people.iter().enumerate() {
            n += 1;
            ws.write_number(row, 0, n as f64).unwrap();
            ws.write_string(row, 1, person).unwrap();
            ws.write_string(row, 2, *sex).unwrap();
            ws.write_string(row, 3, DEPTS[i % DEPTS.len()]).unwrap();
            ws.write_number(row, 4, (13_800_010_000_u64 + n as u64) as f64)
                .unwrap();
            ws.write_string(row, 5, format!("11010519800101{n:04}"))
                .unwrap();
            let party = if k == 0 && i % 3 == 0 {
                "中共党员"
            } else {
                "群众"
            };
            ws.write_string(row, 6, party).unwrap();
            ws.write_string(row, 7, if k == 0 && i % 7 == 0 { "是" } else { "否" })
                .unwrap();
            ws.write_string(row, 8, &name).unwrap();
            ws.write_string(row, 9, *relation).unwrap();
            ws.write_datetime_with_format(row, 10, &since, &date)
                .unwrap();
            row += 1;
        }
    }
    book.save(path).unwrap();
}

/// The cells of a workbook's sheet as text, numbers and dates kept apart.
fn sheet(path: &Path, name: Option<&str>) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).expect("a workbook");
    let name = name.map_or_else(|| book.sheet_names()[0].clone(), str::to_string);
    let range = book.worksheet_range(&name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn column(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| text(h) == header)
        .unwrap_or_else(|| panic!("no column {header} in {:?}", rows[0]))
}

/// A file of the workbook's zip, as text.
fn xml(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    zip.by_name(part)
        .unwrap_or_else(|_| panic!("{part} in {}", path.display()))
        .read_to_string(&mut out)
        .unwrap();
    out
}

/// A store of `staff` households (three people each) imported from the
/// bureau's workbook, and the day's records entered through the template
/// workbook: one fever of 37.8, one home isolation, three not reported.
fn bureau(staff: usize) -> TestStore {
    let s = TestStore::init(&w("--org 某区机关事务管理局 --home-city 北京"));
    let p = s.path();
    let roster = s.scratch().join("花名册.xlsx");
    roster_workbook(&roster, staff);
    ok(p, &["roster", "import", path(&roster)]);
    let template = s.scratch().join("template.xlsx");
    ok(p, &["template", "-o", path(&template)]);
    let filled = s.scratch().join("filled.xlsx");
    fill(&template, &filled);
    ok(p, &["record", "--batch", path(&filled)]);
    s
}

/// What a clerk does to the template: temperatures typed as numbers, a
/// fever, an isolation from a date cell, three left empty (not reported).
fn fill(template: &Path, filled: &Path) {
    let rows = sheet(template, None);
    let temp = column(&rows, "体温(上午)");
    let isolation = column(&rows, "隔离情况");
    let since = column(&rows, "隔离开始");
    let location = column(&rows, "所在地");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (i, row) in rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            match cell {
                Data::DateTime(d) => {
                    let when = ExcelDateTime::from_serial_datetime(d.as_f64()).unwrap();
                    ws.write_datetime_with_format(
                        i as u32,
                        j as u16,
                        &when,
                        &Format::new().set_num_format("yyyy-mm-dd"),
                    )
                    .unwrap();
                }
                other => {
                    ws.write_string(i as u32, j as u16, text(other)).unwrap();
                }
            }
        }
        if i == 0 {
            continue;
        }
        let (r, c) = (i as u32, temp as u16);
        match i {
            5 => ws.write_number(r, c, 37.8).unwrap(),
            10 | 20 | 30 => continue,
            _ => ws.write_number(r, c, 36.5).unwrap(),
        };
        ws.write_string(r, location as u16, "北京市西城区").unwrap();
        if i == 7 {
            ws.write_string(r, isolation as u16, "居家隔离").unwrap();
            let when = ExcelDateTime::from_ymd(2020, 2, 10).unwrap();
            ws.write_datetime_with_format(
                r,
                since as u16,
                &when,
                &Format::new().set_num_format("yyyy/m/d"),
            )
            .unwrap();
        }
    }
    book.save(filled).unwrap();
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---- .xlsx in ----------------------------------------------------------

#[test]
fn a_roster_workbook_imports_with_unused_columns_noted_and_id_cards_never_stored() {
    let s = TestStore::init(&w("--home-city 北京"));
    let p = s.path();
    let roster = s.scratch().join("花名册.xlsx");
    roster_workbook(&roster, 4);
    let out = hr(p, &["roster", "import", path(&roster)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&["roster"], &out));
    let err = String::from_utf8_lossy(&out.stderr);
    // One note for the unused columns, one for the ID card.
    assert_eq!(err.matches("序号、性别").count(), 1, "{err}");
    assert!(
        err.contains("身份证号") && err.contains("从不读取"),
        "{err}"
    );
    let people = parse_json(&ok(p, &w("roster --all --format json")));
    let people = array(&people);
    assert_eq!(people.len(), 12);
    let zhang = people.iter().find(|v| str_of(v, "name") == "张伟").unwrap();
    // A phone typed as a number keeps all its digits; 政治面貌 and the date
    // cell read right; a household head's own row is a staff row.
    assert_eq!(str_of(zhang, "phone"), "13800010001");
    assert_eq!(zhang["party_member"], true);
    assert_eq!(zhang["veteran"], true);
    assert_eq!(str_of(zhang, "since"), "2020-01-01");
    assert_eq!(str_of(zhang, "kind"), "staff");
    assert_eq!(str_of(zhang, "dept"), "办公室");
    let spouse = people.iter().find(|v| str_of(v, "name") == "孙琳").unwrap();
    assert_eq!(str_of(spouse, "kind"), "family");
    assert_eq!(str_of(spouse, "relation"), "spouse");
    assert_eq!(spouse["party_member"], false);
    // No ID-card number anywhere in the store.
    for (file, bytes) in snapshot(p) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("110105198001010001"), "{}", file.display());
    }
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_named() {
    let s = TestStore::init(&w("--home-city 北京"));
    let p = s.path();
    let roster = s.scratch().join("r.xlsx");
    roster_workbook(&roster, 2);
    ok(
        p,
        &[
            "roster",
            "import",
            "--dry-run",
            "--sheet",
            "花名册",
            path(&roster),
        ],
    );
    let err = fail(p, &["roster", "import", "--sheet", "Sheet9", path(&roster)]);
    assert!(
        err.contains("没有工作表“Sheet9”") && err.contains("花名册"),
        "{err}"
    );
}

// ---- .xlsx out ---------------------------------------------------------

#[test]
fn template_workbook_round_trips_through_batch_exactly_like_its_csv() {
    let s = bureau(30);
    let p = s.path();
    // The same records through the CSV template into a second store.
    let export = s.scratch().join("export.xlsx");
    ok(p, &["export", "-o", path(&export)]);
    let rows = sheet(&export, None);
    assert_eq!(rows.len(), 1 + 87, "87 people reported");
    let t = column(&rows, "体温(上午)");
    let d = column(&rows, "日期");
    assert!(
        rows[1..].iter().all(|r| matches!(r[t], Data::Float(_))),
        "temperatures are numbers"
    );
    assert!(
        rows[1..].iter().all(|r| matches!(r[d], Data::DateTime(_))),
        "dates are dates"
    );
    assert!(rows[1..].iter().any(|r| r[t] == Data::Float(37.8)));
    // The export reads back into a fresh store and gives the same CSV.
    let b = TestStore::init(&w("--home-city 北京"));
    let roster_csv = b.scratch().join("roster.csv");
    std::fs::write(&roster_csv, ok_bytes(p, &w("roster --all --format csv"))).unwrap();
    ok(b.path(), &["roster", "import", path(&roster_csv)]);
    ok(b.path(), &["record", "--batch", path(&export)]);
    let csv = |store: &Path| parse_csv(&ok_bytes(store, &w("export --format csv"))).1;
    assert_eq!(csv(p), csv(b.path()));
    // The template's drop-downs and a CSV template read the same.
    let template = s.scratch().join("t.xlsx");
    ok(p, &["template", "-o", path(&template)]);
    let sheet1 = xml(&template, "xl/worksheets/sheet1.xml");
    for list in ["\"是,否\"", "\"无,居家隔离,集中隔离\"", "在岗"] {
        assert!(sheet1.contains(list), "drop-down {list}: {sheet1}");
    }
    assert_eq!(sheet1.matches("<dataValidation ").count(), 3, "{sheet1}");
    let dry_xlsx = ok(p, &["record", "--dry-run", "--batch", path(&template)]);
    let template_csv = s.scratch().join("t.csv");
    ok(p, &["template", "-o", path(&template_csv)]);
    let dry_csv = ok(p, &["record", "--dry-run", "--batch", path(&template_csv)]);
    assert_eq!(
        dry_xlsx.replace("t.xlsx", "t.*"),
        dry_csv.replace("t.csv", "t.*")
    );
}

#[test]
fn summary_workbook_has_a_sheet_per_table_and_print_setup() {
    let s = bureau(30);
    let p = s.path();
    let file = s.scratch().join("summary.xlsx");
    ok(p, &["summary", "-o", path(&file)]);
    let book = open_workbook_auto(&file).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["人数统计", "各部门情况", "预警", "未报人员"]
    );
    let depts = sheet(&file, Some("各部门情况"));
    assert_eq!(
        depts.len(),
        1 + 12 + 1 + 3,
        "12 departments, 合计, then sign-off lines"
    );
    assert_eq!(depts[1][1], Data::Float(9.0), "counts are numbers");
    let sheet1 = xml(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("paperSize=\"9\""), "A4: {sheet1}");
    assert!(sheet1.contains("fitToPage=\"1\"") && sheet1.contains("fitToHeight=\"0\""));
    assert!(sheet1.contains("state=\"frozen\""), "frozen header");
    assert!(sheet1.contains("第 &amp;P 页 共 &amp;N 页"), "{sheet1}");
    assert!(sheet1.contains("某区机关事务管理局 疫情防控情况汇总 2020年2月18日"));
    let workbook = xml(&file, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header row repeated"
    );
    let missing = sheet(&file, Some("未报人员"));
    let texts: Vec<String> = missing.iter().flatten().map(text).collect();
    assert!(texts.iter().any(|t| t == "填报人："), "{texts:?}");
}

#[test]
fn daily_workbook_is_landscape_with_unit_and_date_first_and_fever_marked() {
    let s = bureau(30);
    let p = s.path();
    let file = s.scratch().join("daily.xlsx");
    ok(p, &["daily", "-o", path(&file)]);
    let rows = sheet(&file, None);
    assert_eq!(text(&rows[0][0]), "单位");
    assert_eq!(text(&rows[0][1]), "日期");
    assert_eq!(text(&rows[1][0]), "某区机关事务管理局");
    assert!(matches!(rows[1][1], Data::DateTime(_)));
    let sheet1 = xml(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("orientation=\"landscape\""));
    let styles = xml(&file, "xl/styles.xml");
    assert!(styles.contains("FFFFD7D7"), "a fill for marked rows");
    // The CSV for the district has the same leading columns.
    let (headers, csv_rows) = parse_csv(&ok_bytes(p, &w("daily --format csv")));
    assert_eq!(headers[..3], ["单位", "日期", "序号"]);
    assert!(csv_rows.iter().all(|r| r[1] == TODAY));
}

// ---- paper -------------------------------------------------------------

/// A Chromium or Chrome to print with; `None` skips (never under CI).
fn browser() -> Option<PathBuf> {
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|d| names.map(|n| d.join(n)))
            .find(|p| p.is_file())
    });
    let tools = ["pdfinfo", "pdftotext"]
        .iter()
        .all(|t| Command::new(t).arg("-v").output().is_ok());
    if found.is_none() || !tools {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI needs chromium and poppler-utils: .ci/run installs them");
        }
        eprintln!("skipped: no chromium or no pdfinfo/pdftotext on this machine");
        return None;
    }
    found
}

/// The pages' text of a report printed to PDF.
fn print_pdf(s: &TestStore, report: &str, browser: &Path) -> Vec<String> {
    let file = s.scratch().join(format!("{report}.pdf"));
    ok(
        s.path(),
        &[report, "--browser", path(browser), "-o", path(&file)],
    );
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("a page count");
    let out = Command::new("pdftotext")
        .args(["-layout", path(&file), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let texts: Vec<String> = text
        .split('\u{c}')
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(
        texts.len(),
        pages,
        "{report}: pdftotext pages agree with pdfinfo"
    );
    texts
}

/// Every page says 第 N 页 共 M 页.
fn assert_page_numbers(pages: &[String]) {
    let m = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains(&format!("第{}页共{m}页", i + 1)),
            "page {}: {page}",
            i + 1
        );
    }
}

#[test]
fn daily_for_90_people_prints_at_least_25_rows_a_page_with_the_sign_off_beside_the_last_row() {
    let Some(browser) = browser() else { return };
    let s = bureau(30);
    let pages = print_pdf(&s, "daily", &browser);
    assert!(pages.len() <= 4, "90 rows on {} pages", pages.len());
    // Every page but the last holds at least 25 rows (a row starts with
    // its number, or ▲ and its number).
    for page in &pages[..pages.len() - 1] {
        let rows = page
            .lines()
            .filter(|l| {
                let l = l.trim_start().trim_start_matches('▲').trim_start();
                l.split_whitespace()
                    .next()
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            })
            .count();
        assert!(rows >= 25, "{rows} rows: {page}");
    }
    assert_page_numbers(&pages);
    assert!(pages[0].contains("2020年2月18日"), "{}", pages[0]);
    let last = pages.last().unwrap();
    // The last household's child is the last row.
    assert!(last.contains(&child_name(29)), "{last}");
    assert!(last.contains("填报人") && last.contains("审核人"), "{last}");
    // The fever row is marked for black-and-white printing.
    let all = pages.concat();
    assert!(all.contains("▲"), "marked fever row");
    assert!(all.contains("37.8"));
    // Short headers are never broken over lines.
    assert!(pages[0].contains("序号"), "{}", pages[0]);
}

#[test]
fn summary_for_12_departments_is_one_page_with_alerts_and_missing() {
    let Some(browser) = browser() else { return };
    let s = bureau(30);
    let pages = print_pdf(&s, "summary", &browser);
    assert_eq!(pages.len(), 1, "{pages:?}");
    let page = &pages[0];
    assert_page_numbers(&pages);
    for word in [
        "档案室",
        "预警",
        "37.8",
        "未报人员",
        "填报人",
        "2020年2月18日",
    ] {
        assert!(page.contains(word), "{word}: {page}");
    }
}

#[test]
fn residents_for_30_households_is_one_page() {
    let Some(browser) = browser() else { return };
    let s = bureau(30);
    let pages = print_pdf(&s, "residents", &browser);
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_page_numbers(&pages);
    assert!(pages[0].contains("合计") && pages[0].contains("填报人"));
}

#[test]
fn print_bundles_the_morning_each_part_on_new_pages() {
    let Some(browser) = browser() else { return };
    let s = bureau(30);
    let pages = print_pdf(&s, "print", &browser);
    assert_page_numbers(&pages);
    assert!(pages[0].contains("疫情防控情况汇总") && pages[0].contains("未报人员"));
    assert!(
        pages[1].contains("工作人员及家人动态情况日报表"),
        "{}",
        pages[1]
    );
    assert!(pages.last().unwrap().contains("常住人口统计表"));
    // The summary and the resident table portrait, the daily landscape.
    let file = s.scratch().join("print.pdf");
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99", path(&file)])
        .output()
        .unwrap();
    let sizes: Vec<bool> = String::from_utf8_lossy(&info.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| l.contains("594.96 x 841.92"))
        .collect();
    assert_eq!(sizes.len(), pages.len());
    assert!(sizes[0] && *sizes.last().unwrap(), "portrait: {sizes:?}");
    assert!(!sizes[1], "the daily report is landscape: {sizes:?}");
    // The workbook version: a sheet per part.
    let file = s.scratch().join("晨报.xlsx");
    ok(s.path(), &["print", "-o", path(&file)]);
    let names = open_workbook_auto(&file).unwrap().sheet_names();
    assert!(
        names.contains(&"工作人员及家人动态情况日报表".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"常住人口统计表".to_string()), "{names:?}");
}

#[test]
fn pdf_without_a_browser_says_what_to_do() {
    let s = TestStore::init(&w("--home-city 北京"));
    let file = s.scratch().join("x.pdf");
    let err = fail(
        s.path(),
        &[
            "daily",
            "--browser",
            "/nonexistent/chrome",
            "-o",
            path(&file),
        ],
    );
    assert!(err.contains("--browser"), "{err}");
    assert!(!file.exists());
}

#[test]
fn a_workbook_is_known_by_its_contents_and_a_broken_one_changes_nothing() {
    let s = TestStore::init(&w("--home-city 北京"));
    let p = s.path();
    // Saved as .xlsx but named .csv: read as the workbook it is.
    let misnamed = s.scratch().join("名册.csv");
    roster_workbook(&misnamed, 2);
    ok(p, &["roster", "import", path(&misnamed)]);
    let people = parse_json(&ok(p, &w("roster --all --format json")));
    assert_eq!(array(&people).len(), 6);
    // A truncated workbook: one clear error line, the store untouched.
    let before = snapshot(p);
    let broken = s.scratch().join("broken.xlsx");
    let bytes = std::fs::read(&misnamed).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let out = run(p, &["record", "--batch", path(&broken)]);
    let err = assert_error_output(&["record", "--batch"], &out);
    assert!(err.contains("broken.xlsx"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "broken workbook");
}

/// `print` writes HTML when given neither a format nor a file name, and its
/// help says so (it said "else text", the other reports' default).
#[test]
fn print_help_names_its_own_default() {
    let s = TestStore::example();
    let help = ok(s.path(), &w("print --help"));
    let line = help
        .lines()
        .find(|l| l.contains("输出格式"))
        .unwrap_or_default();
    assert!(line.contains("否则为 html"), "{help}");
    let page = ok(s.path(), &w("print --date 2020-02-18"));
    assert!(page.trim_start().starts_with("<!DOCTYPE html>"), "{page}");
}
