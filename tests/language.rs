//! SPEC §8: with `--lang zh` every word the tool says is Chinese. Each
//! command's success path and its usual error paths run here, and any
//! English word in stdout or stderr fails the test, except what is not
//! prose: ids, file names, flags, command and setting names, format and
//! encoding names, and values the user typed.

mod common;

use std::collections::BTreeSet;

use common::*;

/// Words that may appear in Chinese output: the tool's own name and
/// commands, flags' words, settings, formats and encodings, product and
/// standard names, environment variables.
const ALLOWED: &[&str] = &[
    "healthreport",
    "report_mode",
    "remove",
    "HEALTHREPORT_LOCK_TIMEOUT",
    "init",
    "config",
    "show",
    "set",
    "staff",
    "family",
    "add",
    "person",
    "edit",
    "leave",
    "roster",
    "import",
    "record",
    "template",
    "void",
    "undo",
    "post",
    "supplies",
    "report",
    "resolve",
    "frontline",
    "list",
    "posts",
    "records",
    "chat",
    "history",
    "daily",
    "residents",
    "summary",
    "missing",
    "alerts",
    "trend",
    "export",
    "check",
    "repair",
    "completions",
    "manpage",
    "print",
    "help",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "elvish",
    "org",
    "home_city",
    "high_risk",
    "fever_threshold",
    "isolation_days",
    "lang",
    "csv_encoding",
    "timezone",
    "format_version",
    "zh",
    "en",
    "local",
    "text",
    "csv",
    "json",
    "jsonl",
    "markdown",
    "html",
    "xlsx",
    "pdf",
    "utf8",
    "utf8-bom",
    "bom",
    "gbk",
    "CSV",
    "JSON",
    "Lines",
    "HTML",
    "PDF",
    "Markdown",
    "UTF-8",
    "UTF",
    "GBK",
    "GB18030",
    "BOM",
    "RFC",
    "Excel",
    "Chromium",
    "Chrome",
    "Edge",
    "USER",
    "HEALTHREPORT_STORE",
    "HEALTHREPORT_LANG",
    "HEALTHREPORT_NOW",
    "roff",
    "today",
    "yesterday",
    "quarantine",
    "records",
    "YYYY",
    "YYYY-MM-DD",
    "MM",
    "DD",
    "local",
    "share",
    "tmp",
    "store",
    // The tests' clerk ($USER), shown as who recorded.
    "clerk",
];

/// The English words in `text` that are not allowed and not in `typed`
/// (values the user gave) or a path or flag.
fn english_words(text: &str, typed: &[&str]) -> BTreeSet<String> {
    let allowed: BTreeSet<&str> = ALLOWED.iter().chain(typed).copied().collect();
    let mut found = BTreeSet::new();
    for token in
        text.split(|c: char| c.is_whitespace() || "，。：；（）“”、,;()'\"`<>[]|=".contains(c))
    {
        // Paths (the temporary store), flags and ids carry no prose.
        if token.contains('/') || token.starts_with('-') || token.contains('.') {
            continue;
        }
        for word in token.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')) {
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            // An id (S001, S001-1, A7) has digits; one letter is a unit or key.
            if letters < 2 || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            if !allowed.contains(word) {
                found.insert(word.to_string());
            }
        }
    }
    found
}

/// Runs `args` with `--lang zh` and fails on any English word in its output.
fn chinese(store: &std::path::Path, args: &[&str], typed: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", "zh"];
    all.extend_from_slice(args);
    let out = run(store, &all);
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    let english = english_words(&said, typed);
    assert!(
        english.is_empty(),
        "English words {english:?} in the output of {args:?}:\n{said}"
    );
    out
}

fn succeeds(store: &std::path::Path, args: &[&str], typed: &[&str]) {
    let out = chinese(store, args, typed);
    assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
}

fn fails(store: &std::path::Path, args: &[&str], typed: &[&str]) {
    let out = chinese(store, args, typed);
    assert_ne!(out.status.code(), Some(0), "{}", describe(args, &out));
    assert!(
        text(&out.stderr).lines().any(|l| l.starts_with(ERROR)),
        "{}",
        describe(args, &out)
    );
}

#[test]
fn the_word_finder_finds_english_and_lets_ids_paths_and_flags_pass() {
    assert_eq!(
        english_words("错误：no store at /tmp/x: run `healthreport init`", &[]),
        ["at", "no", "run"].iter().map(|s| s.to_string()).collect()
    );
    assert!(english_words("已保存 S003 张海涛：35.6℃，在岗；见 --help", &[]).is_empty());
    assert!(english_words("“maybe”不是可选值", &["maybe"]).is_empty());
}

#[test]
fn a_new_store_and_its_settings_speak_chinese() {
    let s = TestStore::fresh();
    let p = s.path();
    fails(p, &w("summary"), &[]);
    fails(p, &w("record 张伟 --temp 36.5"), &[]);
    succeeds(p, &w("init --org 某局"), &[]);
    fails(p, &w("init"), &[]);
    succeeds(p, &w("config show"), &[]);
    succeeds(p, &w("config set home_city 北京"), &[]);
    fails(p, &w("config set colour red"), &["colour"]);
    fails(p, &w("config set fever_threshold hot"), &["hot"]);
    succeeds(p, &w("staff add 张伟 --dept 办公室"), &[]);
    succeeds(p, &w("family add 孙丽 --of 张伟 --relation 配偶"), &[]);
    fails(
        p,
        &w("family add 何静 --of 张伟 --relation friend"),
        &["friend"],
    );
    fails(p, &w("family add 何静 --of 孙丽 --relation 配偶"), &[]);
    succeeds(p, &w("person edit 张伟 --phone 13800000000"), &[]);
    fails(p, &w("person edit 孙丽 --dept 财务科"), &[]);
    succeeds(p, &w("person leave 孙丽"), &[]);
    fails(p, &w("person leave 无名氏"), &[]);
    succeeds(p, &w("check"), &[]);
    succeeds(p, &w("repair"), &[]);
}

#[test]
fn recording_and_its_mistakes_speak_chinese() {
    let s = TestStore::example();
    let p = s.path();
    succeeds(
        p,
        &w("record 张伟 --temp 37.8 --symptom 咳嗽 --contact --isolation 居家隔离"),
        &[],
    );
    succeeds(p, &w("record 张伟 --temp 36.6"), &[]);
    fails(p, &w("record 张伟 --temp 365"), &[]);
    fails(p, &w("record 张伟 --temp hot"), &["hot"]);
    fails(p, &w("record 张玮 --temp 36.5"), &[]);
    fails(p, &w("record 张伟 --temp 36.5 --date 2020-03-01"), &[]);
    fails(
        p,
        &w("record 张伟 --temp 36.5 --work sleeping"),
        &["sleeping"],
    );
    fails(p, &w("record 孙丽 --temp 36.5 --work 在岗"), &[]);
    succeeds(p, &w("void 张伟 --date 2020-02-18 --reason 重复"), &[]);
    fails(p, &w("void 陈思 --date 2020-02-18 --reason x"), &[]);
    succeeds(p, &w("undo --yes"), &[]);
    succeeds(p, &w("history 张伟"), &[]);
    let out = run(p, &w("--lang zh record --interactive --date 2020-02-18"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["record -I"], &out)
    );
    let english = english_words(&text(&out.stderr), &[]);
    assert!(english.is_empty(), "{english:?}\n{}", text(&out.stderr));
}

#[test]
fn files_in_and_out_speak_chinese() {
    let s = TestStore::example();
    let p = s.path();
    let dir = s.scratch();
    let template = dir.join("t.csv");
    let t = template.to_str().expect("path");
    succeeds(p, &["template", "--date", "2020-02-18", "-o", t], &[]);
    succeeds(p, &["record", "--batch", t, "--dry-run"], &[]);
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "编号,体温(℃),工作状态\nS001,365,在岗\nS002,36.5,sleeping\nS999,36.5,\n",
    )
    .expect("write");
    fails(
        p,
        &["record", "--batch", bad.to_str().expect("path")],
        &["sleeping"],
    );
    let cols = dir.join("cols.csv");
    std::fs::write(&cols, "编号,体温(℃),鞋码\nS001,36.5,42\n").expect("write");
    fails(p, &["record", "--batch", cols.to_str().expect("path")], &[]);
    let roster = dir.join("r.csv");
    succeeds(
        p,
        &[
            "roster",
            "--format",
            "csv",
            "-o",
            roster.to_str().expect("path"),
        ],
        &[],
    );
    succeeds(
        p,
        &[
            "roster",
            "import",
            "--dry-run",
            roster.to_str().expect("path"),
        ],
        &[],
    );
    let export = dir.join("e.csv");
    succeeds(p, &["export", "-o", export.to_str().expect("path")], &[]);
    fails(p, &w("export --from 2020-02-18 --to 2020-02-01"), &[]);
    fails(
        p,
        &["daily", "-o", dir.join("x.xyz").to_str().expect("path")],
        &[],
    );
}

#[test]
fn every_report_speaks_chinese() {
    let s = TestStore::example();
    let p = s.path();
    for report in [
        "daily",
        "residents",
        "summary",
        "missing",
        "alerts",
        "roster",
    ] {
        succeeds(p, &[report, "--date", "2020-02-18"], &[]);
    }
    succeeds(p, &w("trend --from 2020-02-10 --to 2020-02-18"), &[]);
    fails(p, &w("trend --from 2020-02-18 --to 2020-02-01"), &[]);
    fails(p, &w("daily --date 2020-02-30"), &[]);
}

#[test]
fn help_usage_and_usage_errors_speak_chinese() {
    let s = TestStore::example();
    let p = s.path();
    succeeds(p, &["--help"], &[]);
    succeeds(p, &["-h"], &[]);
    succeeds(p, &["help", "record"], &[]);
    // Headings end as the usage line does, with a full-width colon.
    let help = text(&chinese(p, &["--help"], &[]).stdout);
    assert!(
        help.contains("\n命令：\n") && help.contains("\n选项：\n"),
        "{help}"
    );
    let help = text(&chinese(p, &["history", "--help"], &[]).stdout);
    assert!(help.contains("\n参数：\n"), "{help}");
    assert!(!help.contains(':'), "{help}");
    for command in [
        "init",
        "config",
        "staff",
        "family",
        "person",
        "roster",
        "record",
        "template",
        "void",
        "undo",
        "history",
        "daily",
        "residents",
        "summary",
        "missing",
        "alerts",
        "trend",
        "export",
        "check",
        "repair",
        "completions",
        "manpage",
        "print",
    ] {
        succeeds(p, &[command, "--help"], &[]);
    }
    for nested in [
        ["config", "set"],
        ["staff", "add"],
        ["family", "add"],
        ["person", "edit"],
        ["roster", "import"],
    ] {
        succeeds(p, &[nested[0], nested[1], "--help"], &[]);
    }
    // A value is named for what it is: a person's name is 姓名, a post's
    // or a sheet's is not.
    for (args, wanted) in [
        (w("post add --help"), "<名称>"),
        (w("post edit --help"), "--name <名称>"),
        (w("supplies report --help"), "--item <物资>"),
        (w("record --help"), "--sheet <工作表>"),
        (w("roster import --help"), "--sheet <工作表>"),
        (w("staff add --help"), "<姓名>"),
    ] {
        let help = text(&chinese(p, &args, &[]).stdout);
        assert!(help.contains(wanted), "{args:?}: {help}");
    }
    let out = chinese(p, &w("recrd"), &["recrd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("无法识别的子命令“recrd”"),
        "{}",
        text(&out.stderr)
    );
    let out = chinese(p, &w("record 张伟 --tmp 36.5"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("提示：是否要用“--temp”"),
        "{}",
        text(&out.stderr)
    );
    let out = chinese(p, &w("record 张伟"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("缺少必需的参数")
            || text(&out.stderr).contains("record 需要人员"),
        "{}",
        text(&out.stderr)
    );
    let out = chinese(p, &w("daily --format xx"), &["xx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("可选值：text"),
        "{}",
        text(&out.stderr)
    );
    let out = chinese(p, &w("config"), &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_language_comes_from_the_flag_the_environment_the_store_then_chinese() {
    let s = TestStore::init(&["--lang", "en"]);
    let p = s.path();
    // The store says English.
    let out = run(p, &w("record nobody --temp 36.5"));
    assert!(
        text(&out.stderr).starts_with("error: no person 'nobody'"),
        "{}",
        text(&out.stderr)
    );
    let help = run(p, &w("summary --help"));
    assert!(
        text(&help.stdout).contains("Usage:"),
        "{}",
        text(&help.stdout)
    );
    // The environment beats the store, the flag beats both.
    let out = hr(p, &w("record nobody --temp 36.5"))
        .env("HEALTHREPORT_LANG", "zh")
        .output()
        .expect("run");
    assert!(
        text(&out.stderr).starts_with("错误：名册上没有“nobody”"),
        "{}",
        text(&out.stderr)
    );
    let out = hr(p, &w("--lang en record nobody --temp 36.5"))
        .env("HEALTHREPORT_LANG", "zh")
        .output()
        .expect("run");
    assert!(
        text(&out.stderr).starts_with("error: "),
        "{}",
        text(&out.stderr)
    );
    // No store yet: Chinese.
    let nowhere = TestStore::fresh();
    let out = run(nowhere.path(), &w("summary"));
    assert!(
        text(&out.stderr).starts_with("错误："),
        "{}",
        text(&out.stderr)
    );
    let help = run(nowhere.path(), &w("summary --help"));
    assert!(
        text(&help.stdout).contains("用法："),
        "{}",
        text(&help.stdout)
    );
}

#[test]
fn completions_and_the_manual_page_are_in_the_language() {
    let nowhere = std::path::Path::new("/nonexistent/store");
    let fish = ok(nowhere, &w("--lang zh completions fish"));
    assert!(fish.contains("新建存储"), "{fish:.300}");
    assert!(!fish.contains("Create a new store"), "{fish:.300}");
    let fish = ok(nowhere, &w("--lang en completions fish"));
    assert!(fish.contains("Create a new store"), "{fish:.300}");
    let man = ok(nowhere, &w("--lang zh manpage"));
    assert!(
        man.contains(".SH 名称") && man.contains(".SH 选项"),
        "{man:.400}"
    );
    assert!(
        !man.contains(".SH NAME") && !man.contains("Print help"),
        "{man:.400}"
    );
    assert!(man.contains("显示帮助"), "{man:.400}");
}

#[test]
fn english_still_works_end_to_end() {
    let s = TestStore::example();
    let p = s.path();
    let said = ok(p, &w("--lang en record 张伟 --temp 36.6 --work 在岗"));
    assert!(
        said.starts_with("saved S001 张伟 on 2020-02-18: 36.6℃, 北京市东城区, On site\n"),
        "{said}"
    );
    let err = fail(p, &w("--lang en record 张伟 --temp 365"));
    assert!(
        err.contains("temperature 365 is outside 34.0 to 43.0 °C; did you mean 36.5?"),
        "{err}"
    );
    let help = ok(p, &w("--lang en record --help"));
    assert!(
        help.contains("Usage: healthreport record [OPTIONS] [PERSON]"),
        "{help}"
    );
    assert!(help.contains("Temperature in °C, 34.0 to 43.0"), "{help}");
    let out = run(p, &w("--lang en record 张伟 --tmp 36.5"));
    assert!(
        text(&out.stderr).contains("error: unexpected argument '--tmp' found"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn posts_supplies_frontline_and_roll_calls_speak_chinese() {
    let s = TestStore::init(&["--org", "测试局", "--home-city", "沈阳"]);
    let p = s.path();
    ok(p, &w("staff add 王大明 --dept 办公室 --since 2020-02-01"));
    ok(
        p,
        &w("family add 李秀英 --of 王大明 --relation 配偶 --since 2020-02-01"),
    );
    ok(p, &w("staff add 周航 --dept 办公室 --since 2020-02-01"));
    succeeds(
        p,
        &w("post add 东城社区 --community 东城 --contact 李明"),
        &[],
    );
    fails(p, &w("post add 东城社区"), &[]);
    succeeds(p, &w("post edit 东城社区 --phone 13800000000"), &[]);
    fails(p, &w("post edit 东城社区"), &[]);
    fails(p, &w("post edit 东城社"), &[]);
    succeeds(p, &w("post list"), &[]);
    let report = "supplies report 东城社区 --item 口罩 --need 500 --have 100 --date 2020-02-17";
    succeeds(p, &w(report), &[]);
    succeeds(p, &w(report), &[]);
    fails(
        p,
        &w("supplies report 东城社区 --item 口罩 --need -5 --date 2020-02-17"),
        &[],
    );
    fails(
        p,
        &w("supplies report 东城社区 --item 口罩 --need 1.5 --date 2020-02-17"),
        &[],
    );
    fails(
        p,
        &w("supplies resolve 东城社区 --item 手套 --by 住建局 --date 2020-02-18"),
        &[],
    );
    let resolve = "supplies resolve 东城社区 --item 口罩 --by 住建局 --date 2020-02-18";
    succeeds(p, &w(resolve), &[]);
    fails(p, &w(resolve), &[]);
    succeeds(p, &w("supplies --date 2020-02-18"), &[]);
    succeeds(
        p,
        &w("record 王大明 --date 2020-02-18 --temp 36.5 --work 一线 --post 东城社区"),
        &[],
    );
    succeeds(p, &w("frontline --from 2020-02-10 --to 2020-02-18"), &[]);
    fails(p, &w("frontline --from 2020-02-18 --to 2020-02-01"), &[]);
    let chat = s.scratch().join("接龙.txt");
    std::fs::write(
        &chat,
        "#接龙\n2月18日体温接龙\n\n1. 王大明 36.5 爱人 36.4\n2. 周杭 37.4 咳嗽\n3. 赵六 36.6\n4. 周航 365\n",
    )
    .expect("write");
    let chat = chat.to_str().expect("path");
    succeeds(p, &["record", "--chat", chat, "--dry-run"], &[]);
    fails(p, &["record", "--chat", chat], &[]);
    fails(p, &["record", "--chat", chat, "--date", "2020-02-17"], &[]);
    succeeds(p, &["record", "--chat", chat, "--yes"], &[]);
    succeeds(p, &w("undo --yes"), &[]);
    succeeds(p, &w("template --format chat --date 2020-02-18"), &[]);
}

/// A usage error ends with the help that answers it: the command the user
/// ran, not a bare '--help' (which, typed alone, shows the top level).
#[test]
fn a_usage_error_names_the_commands_help() {
    let s = TestStore::fresh();
    let err = usage_fail(s.path(), &w("record --bogus"));
    assert_eq!(
        err.lines().last(),
        Some("更多信息请运行 healthreport record --help")
    );
    let out = run(s.path(), &w("--lang en roster import"));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(
        err.lines().last(),
        Some("For more information, try 'healthreport roster import --help'.")
    );
    let err = usage_fail(s.path(), &w("frobnicate"));
    assert_eq!(
        err.lines().last(),
        Some("更多信息请运行 healthreport --help")
    );
}
