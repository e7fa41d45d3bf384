//! One write, one unit (SPEC §6, v2): every write lands whole or not at
//! all, also under `kill -9`; `undo` takes back exactly the last complete
//! write of any kind, and says so instead of guessing; the store never
//! follows a link or loses its lock; `--output` treats what is there as the
//! shell's `>` would.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::*;

/// Everything a report can show of the store: every version of every
/// record, the whole roster, and the settings.
fn state(store: &Path) -> String {
    format!(
        "{}\n--\n{}\n--\n{}",
        ok(store, &w("export --all-versions")),
        ok(store, &w("roster --all --format csv")),
        ok(store, &w("config show"))
    )
}

fn store_with_a_household() -> TestStore {
    let s = TestStore::init(&w("--home-city 北京"));
    ok(
        s.path(),
        &w("staff add --since 2019-01-01 张伟 --dept 办公室 --phone 13800000001"),
    );
    ok(
        s.path(),
        &w("staff add --since 2019-01-01 李娜 --dept 财务科"),
    );
    ok(
        s.path(),
        &w("family add --since 2019-01-01 王芳 --of S001 --relation spouse"),
    );
    ok(
        s.path(),
        &w("record S001 --date 2020-02-17 --temp 36.5 --location 北京市东城区"),
    );
    s
}

// ------------------------------------------------------------ undo

#[test]
fn undo_takes_back_exactly_the_last_write_of_every_kind() {
    let s = store_with_a_household();
    let p = s.path();
    let batch = write(
        s.scratch(),
        "b.csv",
        "日期,编号,体温(℃)\n2020-02-17,S002,36.6\n2020-02-18,S001-1,36.7\n2020-02-18,S001,37.9\n",
    );
    let roster = write(
        s.scratch(),
        "r.csv",
        "编号,姓名,类别,部门,电话\nS002,李娜,staff,财务科,13900000002\n,赵强,staff,办公室,\n",
    );
    let writes: Vec<Vec<String>> = [
        "record S001 --temp 37.0",
        "record S001 --date 2020-02-17 --temp 36.9",
        "void S001 --date 2020-02-17 --reason 误报",
        "staff add --since 2019-01-01 孙丽",
        "family add --since 2019-01-01 小宝 --of S002 --relation child",
        "person edit S002 --phone 13700000000 --dept 人事科",
        "person leave S001-1 --on 2020-02-18",
        "config set fever_threshold 37.5",
        "config set report_mode 0640",
    ]
    .iter()
    .map(|l| l.split_whitespace().map(str::to_string).collect())
    .chain([
        vec!["record".into(), "--batch".into(), batch.clone()],
        vec!["roster".into(), "import".into(), roster.clone()],
    ])
    .collect();
    for args in &writes {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let before = state(p);
        ok(p, &args);
        assert_ne!(state(p), before, "{args:?} changed nothing");
        let said = ok(p, &w("undo --yes"));
        assert!(said.contains("已撤销"), "{said}");
        // What is taken back is named as the clerk knows it, not as a file.
        assert!(!said.contains(".jsonl") && !said.contains('{'), "{said}");
        if args[0] == "roster" {
            assert!(said.contains("名册：S003 赵强"), "{said}");
        }
        // Only records have a history to point to.
        let records = args[0] == "record" || args[0] == "void";
        assert_eq!(said.contains("healthreport history"), records, "{said}");
        assert_eq!(said.contains("没有删除任何内容"), !records, "{said}");
        assert_eq!(state(p), before, "undo after {args:?}");
    }
    // Two writes, two undos: the newest first, then the one before.
    let before = state(p);
    ok(p, &w("staff add --since 2019-01-01 周杰"));
    let middle = state(p);
    ok(p, &w("record S001 --temp 36.4"));
    ok(p, &w("undo --yes"));
    assert_eq!(state(p), middle);
    ok(p, &w("undo --yes"));
    assert_eq!(state(p), before);
    check_clean(p);
}

#[test]
fn undo_takes_back_the_last_write_whoever_made_it() {
    let s = store_with_a_household();
    let p = s.path();
    ok(p, &w("record S001 --temp 37.0 --by 小王"));
    let after_wang = state(p);
    ok(p, &w("record S002 --temp 36.2 --by 小李"));
    // 小王 asks, but 小李's write is the last: it goes, 小王's stays.
    ok(p, &w("undo --yes --by 小王"));
    assert_eq!(state(p), after_wang);
    let daily = parse_json(&ok(p, &w("daily --format json")));
    let reported: Vec<bool> = array(&daily)
        .iter()
        .filter(|r| r["person"] == "S001" || r["person"] == "S002")
        .map(|r| r["reported"] == true)
        .collect();
    assert_eq!(reported, [true, false]);
}

/// `undo --yes | head -0`: the reader is gone before the preview is
/// written. The clerk said yes, so the undo is done all the same, and the
/// closed pipe is a silent exit 0. (Before, the preview's broken pipe
/// ended the command before the undo was written.)
#[test]
fn undo_yes_into_a_closed_pipe_still_undoes() {
    let s = store_with_a_household();
    let p = s.path();
    let before = state(p);
    ok(p, &w("record S001 --temp 37.0"));
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = std_cmd(p, &w("undo --yes"))
        .stdout(writer)
        .output()
        .expect("run undo");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(state(p), before);
}

fn journal(store: &Path) -> std::path::PathBuf {
    store.join("journal.jsonl")
}

fn append(path: &Path, bytes: &[u8]) {
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open for append");
    f.write_all(bytes).expect("append");
}

#[test]
fn undo_with_a_torn_journal_line_says_so_and_takes_nothing_back() {
    let s = store_with_a_household();
    let p = s.path();
    ok(p, &w("record S002 --temp 36.8"));
    let before = state(p);
    // A write cut off while its begin line was written.
    append(&journal(p), b"{\"tx\":99999999999999999,\"begin\":\"rec");
    let err = fail(p, &w("undo --yes"));
    assert!(
        err.contains("没有撤销任何内容") && err.contains("截断"),
        "{err}"
    );
    assert_eq!(state(p), before);
    // Kept, not dropped.
    let q = fs::read_to_string(p.join("quarantine.jsonl")).expect("quarantine");
    assert!(q.contains("journal.jsonl"), "{q}");
    // The next undo takes back the last complete write, and only it.
    ok(p, &w("undo --yes"));
    let daily = parse_json(&ok(p, &w("daily --format json")));
    assert_eq!(row(array(&daily), "S002")["reported"], false);
    assert_eq!(
        ok(p, &w("history S001")).matches("36.5").count(),
        1,
        "the record before stands"
    );
}

/// A `kill -9` in the middle of a data append can cut its last line inside
/// the tag, `{"tx":1`: that reads as an old write's tag, and readers once
/// took it as the end of the open write and showed the lines before it.
#[test]
fn a_write_cut_off_inside_a_tag_shows_none_of_its_lines() {
    let s = store_with_a_household();
    let p = s.path();
    let before = state(p);
    let csv =
        "日期,编号,体温(℃)\n2020-02-18,S001,36.6\n2020-02-18,S002,36.7\n2020-02-18,S001-1,36.8\n";
    let file = write(s.scratch(), "b.csv", csv);
    ok(p, &["record", "--batch", &file]);
    assert_ne!(state(p), before);
    // The write as a kill leaves it: begun, no end, its last line cut.
    let text = fs::read_to_string(journal(p)).expect("journal");
    let end = text.trim_end().rfind('\n').expect("an end line") + 1;
    fs::write(journal(p), &text[..end]).expect("journal without its end");
    let day = p.join("records/2020/2020-02-18.jsonl");
    let text = fs::read_to_string(&day).expect("day file");
    let last = text.trim_end().rfind('\n').expect("three lines") + 1;
    assert!(text[last..].starts_with("{\"tx\":1"), "{text}");
    fs::write(&day, &text[..last + "{\"tx\":1".len()]).expect("cut the day file");
    assert_eq!(state(p), before, "a reader before recovery");
    repair(p);
    assert_eq!(state(p), before, "after repair");
    check_clean(p);
}

#[test]
fn undo_with_a_corrupt_journal_line_takes_nothing_back() {
    let s = store_with_a_household();
    let p = s.path();
    ok(p, &w("record S002 --temp 36.8"));
    let before = state(p);
    append(&journal(p), b"this is not json\n");
    // Reports still read the store as it was.
    assert_eq!(state(p), before);
    let err = fail(p, &w("undo --yes"));
    assert!(err.contains("损坏") && err.contains("repair"), "{err}");
    assert_eq!(state(p), before);
    // Every other write refuses too rather than guess what the line was.
    fail(p, &w("record S001 --temp 36.1"));
    assert_eq!(state(p), before);
    // `repair` quarantines the line; then undo works again.
    repair(p);
    ok(p, &w("undo --yes"));
    assert_ne!(state(p), before);
}

#[test]
fn a_journal_that_cannot_be_written_fails_the_write_and_undo_stays_exact() {
    let s = store_with_a_household();
    let p = s.path();
    ok(p, &w("staff add --since 2019-01-01 孙丽"));
    let before = state(p);
    let files = snapshot(p);
    // The journal is the longest file: a limit just under it stops its
    // append while the day file (new) would fit.
    let limit = fs::metadata(journal(p)).expect("journal").len() + 10;
    let args = w("record S001 --temp 37.0");
    let out = run_with_file_limit(p, &args, limit);
    let err = assert_error_output(&args, &out);
    assert!(err.contains("journal"), "{err}");
    assert_eq!(
        state(p),
        before,
        "the data of a failed write does not stand"
    );
    assert_same_snapshot(&files, &snapshot(p), "a failed journal write");
    // Undo takes back the last write that did complete: the staff add.
    ok(p, &w("undo --yes"));
    assert!(!ok(p, &w("roster --all")).contains("孙丽"));
}

#[test]
fn a_multi_day_batch_that_fails_part_way_leaves_nothing() {
    let s = store_with_a_household();
    let p = s.path();
    let before = state(p);
    // The first days fit under the limit, a later one does not.
    let mut csv = String::from("日期,编号,体温(℃),备注\n");
    for day in ["2020-02-14", "2020-02-15", "2020-02-16"] {
        for who in ["S001", "S002", "S001-1"] {
            csv.push_str(&format!("{day},{who},36.5,{}\n", "备注".repeat(20)));
        }
    }
    csv.push_str(&format!("2020-02-16,S002,36.9,{}\n", "长".repeat(3000)));
    let file = write(s.scratch(), "b.csv", &csv);
    let args = ["record", "--batch", file.as_str()];
    let out = run_with_file_limit(p, &args, 4000);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&args, &out));
    assert_eq!(state(p), before);
    check_clean(p);
    // Without the limit it goes through, then undo takes all of it back.
    ok(p, &args);
    assert_ne!(state(p), before);
    ok(p, &w("undo --yes"));
    assert_eq!(state(p), before);
}

/// `repair`, which must succeed; what it said.
fn repair(p: &Path) -> std::process::Output {
    let out = run(p, &["repair"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        describe(&["repair"], &out)
    );
    out
}

fn check_clean(p: &Path) {
    let out = run(p, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&["check"], &out));
}

fn row<'a>(rows: &'a [serde_json::Value], person: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["person"] == person)
        .unwrap_or_else(|| panic!("no row for {person}"))
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).expect("write input");
    path.display().to_string()
}

// ------------------------------------------------------------ kill -9

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// What the reports show: every version and the roster, as the issue asks.
fn shown(p: &Path) -> String {
    format!(
        "{}\n--\n{}",
        ok(p, &w("export --all-versions")),
        ok(p, &w("roster --all --format csv"))
    )
}

/// At least 100 `kill -9`s at random points of three-day batches of
/// thousands of rows, roster imports of hundreds of people and undos. After
/// each, `repair` or the next writer recovers, and what the reports show is
/// exactly the state before the killed command or the state after it:
/// never a part, and the reports before recovery show no part either. The
/// kill points are fractions of each command's own
/// uninterrupted run, so the loop adapts to a slow machine.
#[test]
fn kill_9_at_any_point_leaves_the_state_before_or_after() {
    const PEOPLE: usize = 700;
    let started = Instant::now();
    let s = TestStore::init(&w("--home-city 北京"));
    let p = s.path();
    // On the roster from before the batch's days (SPEC §2 v2: a new row
    // without 起始日期 starts today).
    let mut roster = String::from("编号,姓名,类别,部门,电话,起始日期\n");
    let mut changed = roster.clone();
    for i in 1..=PEOPLE {
        roster.push_str(&format!(
            "S{i:04},职工{i},staff,办公室,13800{i:06},2020-02-01\n"
        ));
        changed.push_str(&format!(
            "S{i:04},职工{i},staff,后勤科,13900{i:06},2020-02-01\n"
        ));
    }
    let roster = write(s.scratch(), "roster.csv", &roster);
    let changed = write(s.scratch(), "changed.csv", &changed);
    let mut batch = String::from("日期,编号,体温(℃),所在地,备注\n");
    for day in ["2020-02-15", "2020-02-16", "2020-02-17"] {
        for i in 1..=PEOPLE {
            batch.push_str(&format!("{day},S{i:04},36.{},北京市,第{i}号\n", i % 10));
        }
    }
    let batch = write(s.scratch(), "batch.csv", &batch);
    ok(p, &["roster", "import", &roster]);

    // The store as it starts, put back at the start of every cycle: an
    // append-only store grows with every write and undo, and the loop must
    // not slow down as it goes. What the reports show is the same.
    let pristine = s.scratch().join("pristine");
    let cp = |from: &Path, to: &Path| {
        let status = StdCommand::new("cp")
            .arg("-a")
            .arg(from)
            .arg(to)
            .status()
            .expect("cp");
        assert!(status.success());
    };
    cp(p, &pristine);
    // The states, and how long each step takes when nothing stops it.
    let base = shown(p);
    let steps: [(&[&str], usize); 4] = [
        (&["record", "--batch", &batch], 1),
        (&["undo", "--yes"], 0),
        (&["roster", "import", &changed], 2),
        (&["undo", "--yes"], 0),
    ];
    let mut states = [base.clone(), String::new(), String::new()];
    let mut took = Vec::new();
    for (args, after) in &steps {
        let start = Instant::now();
        ok(p, args);
        took.push(start.elapsed());
        let now = shown(p);
        if *after != 0 {
            states[*after] = now;
        } else {
            assert!(now == base, "undo after {:?} gave another state", args);
        }
    }
    // (Compared with `==`: the states are too long to print.)
    assert!(states[1] != states[0] && states[2] != states[0] && states[1] != states[2]);

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut kills, mut at, mut current, mut rounds) = (0, 0usize, 0usize, 0);
    let mut landed = [0usize; 2];
    // Kills that caught a write between its begin and its commit.
    let mut rolled_back = 0;
    while kills < 100 {
        rounds += 1;
        assert!(rounds < 2_000, "only {kills} kills in {rounds} rounds");
        let (args, after) = steps[at];
        if at == 0 {
            fs::remove_dir_all(p).expect("remove store");
            cp(&pristine, p);
        }
        let mut child = std_cmd(p, args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Anywhere in the command's run, more often near its end, where
        // it writes.
        let full = took[at].as_micros() as u64;
        let delay = if rng.below(3) == 0 {
            rng.below(full)
        } else {
            full * 3 / 4 + rng.below(full * 2 / 5)
        };
        thread::sleep(Duration::from_micros(delay));
        let running = child.try_wait().expect("poll").is_none();
        if running {
            child.kill().expect("kill -9");
            kills += 1;
        }
        child.wait().expect("wait");
        let target = if at % 2 == 1 { 0 } else { after };
        // Readers need no recovery first: a write not committed is left
        // out of every report even while it is still open.
        if rounds % 4 == 0 {
            let seen = shown(p);
            assert!(
                seen == states[current] || seen == states[target],
                "before recovery, after a kill of {args:?}: a report showed part of a write"
            );
        }
        // Recovery by `repair`, or by the next writer: `undo` off a
        // terminal rolls back what was left open (exit 1, saying so) or
        // stops at its question (exit 2); either way it writes nothing else.
        if rounds % 2 == 0 {
            let out = repair(p);
            rolled_back += usize::from(text(&out.stdout).contains("rolled back"));
        } else {
            let out = std_cmd(p, &["undo"]).output().expect("undo");
            let code = out.status.code();
            assert!(
                code == Some(1) || code == Some(2),
                "{}",
                describe(&["undo"], &out)
            );
            if code == Some(1) {
                assert!(
                    text(&out.stderr).contains("没有撤销任何内容"),
                    "{}",
                    describe(&["undo"], &out)
                );
                rolled_back += 1;
            }
        }
        // The estimate follows the machine: a kill too early pushes the
        // next one later, a command that finished first pulls it earlier,
        // so about as many land before the write counts as after.
        took[at] = if running {
            took[at] * 11 / 10
        } else {
            took[at] * 9 / 10
        };
        let now = shown(p);
        if now == states[target] {
            landed[1] += usize::from(running);
            current = target;
            at = (at + 1) % steps.len();
        } else {
            assert!(
                now == states[current],
                "after a kill of {args:?}: neither the state before nor after"
            );
            landed[0] += 1;
        }
    }
    eprintln!(
        "{kills} kills in {rounds} rounds, {:?}: {} left the state before ({rolled_back} rolled back mid-write), {} the state after",
        started.elapsed(),
        landed[0],
        landed[1]
    );
    check_clean(p);
}

// ------------------------------------------------------- the store's files

#[test]
fn a_symlinked_day_file_is_an_error_and_nothing_outside_is_touched() {
    let s = store_with_a_household();
    let p = s.path();
    let outside = s.scratch().join("outside.jsonl");
    fs::write(&outside, "").expect("outside file");
    fs::set_permissions(&outside, fs::Permissions::from_mode(0o644)).expect("chmod");
    let day = p.join("records/2020/2020-02-18.jsonl");
    std::os::unix::fs::symlink(&outside, &day).expect("symlink");
    let err = fail(p, &w("record S001 --temp 36.5"));
    assert!(
        err.contains("符号链接") && err.contains("2020-02-18.jsonl"),
        "{err}"
    );
    let err = fail(p, &w("daily --date 2020-02-18"));
    assert!(err.contains("符号链接"), "{err}");
    assert_eq!(fs::read(&outside).expect("outside"), b"");
    // The failed write left nothing open: once the link is gone, writes go on.
    fs::remove_file(&day).expect("remove link");
    ok(p, &w("record S001 --temp 36.5"));
    ok(p, &w("undo --yes"));
    check_clean(p);
}

#[test]
fn the_lock_holds_when_its_file_is_deleted() {
    let s = store_with_a_household();
    let p = s.path();
    // Held the way a writer holds it, then every file named lock removed.
    let held = fs::File::open(p).expect("open the store folder");
    held.lock().expect("lock");
    let _ = fs::remove_file(p.join("lock"));
    let before = snapshot(p);
    let out = hr(p, &w("record S001 --temp 37.0"))
        .env("HEALTHREPORT_LOCK_TIMEOUT", "0.3")
        .output()
        .expect("run");
    let err = assert_error_output(&["record"], &out);
    assert!(err.contains("正忙"), "{err}");
    assert_same_snapshot(&before, &snapshot(p), "a writer kept out");
    drop(held);
    ok(p, &w("record S001 --temp 37.0"));
}

#[test]
fn init_makes_an_existing_empty_folder_private() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("store");
    fs::create_dir(&dir).expect("mkdir");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
    ok(&dir, &["init"]);
    assert_eq!(mode(&dir), 0o700);
}

/// `--store 本单位` from the folder the clerk is in (as root, a cron job:
/// the new folders' owners are put right, and "" above a relative path
/// was taken for a folder to adopt: "无法读取 ：").
#[test]
fn init_and_write_a_store_named_relative_to_the_current_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let rel = |args: &[&str]| {
        let out = base_cmd()
            .current_dir(tmp.path())
            .args(["--store", "本单位/数据"])
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
    };
    rel(&w("init --home-city 北京"));
    rel(&w("staff add 张伟"));
    rel(&w("record S001 --temp 36.6"));
    let p = tmp.path().join("本单位/数据");
    assert_eq!(mode(&p), 0o700);
    assert!(ok(&p, &w("daily")).contains("36.6"));
}

#[test]
fn files_root_adds_to_a_users_store_stay_that_users() {
    if !is_root() {
        eprintln!("skipped: needs root to write as root and then as another user");
        return;
    }
    let s = store_with_a_household();
    let p = s.path();
    let (uid, gid) = (65534u32, 65534u32);
    fs::set_permissions(s.scratch(), fs::Permissions::from_mode(0o711)).expect("chmod");
    let status = StdCommand::new("chown")
        .args(["-R", &format!("{uid}:{gid}")])
        .arg(p)
        .status()
        .expect("chown");
    assert!(status.success());
    // Root (cron) writes: a new day folder, a new day file, the journal.
    ok(p, &w("record S001 --date 2019-12-31 --temp 36.5"));
    ok(p, &w("config set org 区卫健局"));
    for (rel, _) in snapshot(p) {
        let path = p.join(rel.to_string_lossy().trim_end_matches('/'));
        let meta = fs::metadata(&path).expect("meta");
        assert_eq!((meta.uid(), meta.gid()), (uid, gid), "{}", path.display());
    }
    // The clerk's own next write works.
    let out = std_cmd(p, &w("record S002 --temp 36.6"))
        .uid(uid)
        .gid(gid)
        .output();
    match out {
        Ok(out) => assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            describe(&["record"], &out)
        ),
        Err(e) => eprintln!("skipped the clerk's write: cannot run the binary as nobody: {e}"),
    }
    let status = StdCommand::new("chown")
        .args(["-R", "0:0"])
        .arg(s.scratch())
        .status()
        .expect("chown back");
    assert!(status.success());
}

// ------------------------------------------------------------ --output

#[test]
fn output_to_a_fifo_a_device_and_stdout_writes_in_place() {
    let s = store_with_a_household();
    let p = s.path();
    let out = ok(p, &w("daily --date 2020-02-17 --format csv -o -"));
    assert!(out.contains("张伟"), "{out}");
    let fifo = s.scratch().join("pipe");
    let status = StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let reader = {
        let fifo = fifo.clone();
        thread::spawn(move || fs::read(&fifo).expect("read fifo"))
    };
    ok(
        p,
        &[
            "daily",
            "--date",
            "2020-02-17",
            "--format",
            "csv",
            "-o",
            fifo.to_str().expect("path"),
        ],
    );
    let got = reader.join().expect("reader");
    assert!(text(&got).contains("张伟"));
    let meta = fs::symlink_metadata(&fifo).expect("fifo");
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()),
        "still a FIFO"
    );
    if !is_root() {
        eprintln!("skipped the device part: mknod needs root");
        return;
    }
    let dnull = s.scratch().join("dnull");
    let status = StdCommand::new("mknod")
        .arg(&dnull)
        .args(["c", "1", "3"])
        .status()
        .expect("mknod");
    assert!(status.success());
    ok(p, &["daily", "-o", dnull.to_str().expect("path")]);
    let meta = fs::symlink_metadata(&dnull).expect("dnull");
    assert!(
        std::os::unix::fs::FileTypeExt::is_char_device(&meta.file_type()),
        "still a device"
    );
}

#[test]
fn output_through_a_symlink_replaces_the_file_and_keeps_its_mode() {
    let s = store_with_a_household();
    let p = s.path();
    let file = s.scratch().join("outbox.csv");
    fs::write(&file, "old").expect("write");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = s.scratch().join("today.csv");
    std::os::unix::fs::symlink(&file, &link).expect("symlink");
    ok(
        p,
        &[
            "daily",
            "--date",
            "2020-02-17",
            "-o",
            link.to_str().expect("path"),
        ],
    );
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&file).expect("file").contains("张伟"));
    assert_eq!(mode(&file), 0o640);
    // A dangling link and a read-only file are refused and left alone.
    let dangling = s.scratch().join("dangling.csv");
    std::os::unix::fs::symlink(s.scratch().join("nowhere.csv"), &dangling).expect("symlink");
    let err = fail(p, &["daily", "-o", dangling.to_str().expect("path")]);
    assert!(err.contains("dangling"), "{err}");
    assert!(!s.scratch().join("nowhere.csv").exists());
    let ro = s.scratch().join("ro.csv");
    fs::write(&ro, "keep").expect("write");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).expect("chmod");
    let err = fail(p, &["daily", "-o", ro.to_str().expect("path")]);
    assert!(err.contains("只读"), "{err}");
    assert_eq!(fs::read_to_string(&ro).expect("ro"), "keep");
}

#[test]
fn new_report_files_are_0600_unless_report_mode_says_otherwise() {
    let s = store_with_a_household();
    let p = s.path();
    let a = s.scratch().join("a.csv");
    ok(p, &["daily", "-o", a.to_str().expect("path")]);
    assert_eq!(mode(&a), 0o600);
    ok(p, &w("config set report_mode 0640"));
    let b = s.scratch().join("b.csv");
    ok(p, &["daily", "-o", b.to_str().expect("path")]);
    assert_eq!(mode(&b), 0o640);
    let err = fail(p, &w("config set report_mode 0777"));
    assert!(err.contains("report_mode"), "{err}");
}

// ------------------------------------------------------------ clean text

/// A field as the Chinese error names it: its column label.
fn label(field: &str) -> &str {
    match field {
        "note" => "备注",
        "location" => "所在地",
        "symptom" => "症状",
        "post" => "一线岗位",
        "reason" => "原因",
        "dept" => "部门",
        "phone" => "电话",
        "name" => "姓名",
        "by" => "填报人",
        other => other,
    }
}

const BAD: [(&str, &str); 8] = [
    ("\u{1b}[2K\r\u{1b}[8m", "ESC"),
    ("a\rb", "CR"),
    ("a\u{7}", "U+0007"),
    ("a\u{0}b", "NUL"),
    ("a\u{7f}", "DEL"),
    ("a\u{9b}b", "U+009B"),
    ("a\u{202e}b", "U+202E"),
    ("a\u{2067}b", "U+2067"),
];

#[test]
fn control_characters_are_refused_in_every_flag() {
    let s = store_with_a_household();
    let p = s.path();
    let before = snapshot(p);
    // A NUL cannot be passed in an argument at all; the CSV test has it.
    for (bad, what) in BAD.iter().filter(|(b, _)| !b.contains('\0')) {
        let (bad, what) = (*bad, *what);
        for (args, field) in [
            (
                vec!["record", "S001", "--temp", "36.5", "--note", bad],
                "note",
            ),
            (
                vec!["record", "S001", "--temp", "36.5", "--location", bad],
                "location",
            ),
            (
                vec!["record", "S001", "--temp", "36.5", "--symptom", bad],
                "symptom",
            ),
            (vec!["record", "S001", "--temp", "36.5", "--by", bad], "by"),
            (
                vec![
                    "record",
                    "S001",
                    "--temp",
                    "36.5",
                    "--work",
                    "frontline",
                    "--post",
                    bad,
                ],
                "post",
            ),
            (
                vec!["void", "S001", "--date", "2020-02-17", "--reason", bad],
                "reason",
            ),
            (
                vec![
                    "staff",
                    "add",
                    "--since",
                    "2019-01-01",
                    "赵六",
                    "--dept",
                    bad,
                ],
                "dept",
            ),
            (
                vec![
                    "staff",
                    "add",
                    "--since",
                    "2019-01-01",
                    "赵六",
                    "--phone",
                    bad,
                ],
                "phone",
            ),
            (vec!["staff", "add", "--since", "2019-01-01", bad], "name"),
            (vec!["person", "edit", "S002", "--dept", bad], "dept"),
            (vec!["config", "set", "org", bad], "org"),
        ] {
            let err = fail(p, &args);
            assert!(
                err.contains(&format!("{}无效", label(field))) && err.contains(what),
                "{args:?}: {err}"
            );
        }
    }
    // A tab is no cell here: refused in a flag too.
    fail(p, &["record", "S001", "--temp", "36.5", "--note", "a\tb"]);
    assert_same_snapshot(&before, &snapshot(p), "refused input");
}

#[test]
fn control_characters_are_refused_in_every_csv_cell_with_the_row() {
    let s = store_with_a_household();
    let p = s.path();
    let before = snapshot(p);
    for (bad, what) in BAD {
        let cell = format!("\"{}\"", bad.replace('"', "\"\""));
        for column in ["所在地", "备注", "症状", "填报人"] {
            let csv = format!("编号,体温(℃),{column}\n\nS002,36.5,ok\nS001,36.5,{cell}\n");
            let file = write(s.scratch(), "bad.csv", &csv);
            let out = run(p, &["record", "--batch", &file]);
            assert_eq!(out.status.code(), Some(1));
            let err = text(&out.stderr);
            assert!(
                err.contains("第 4 行") && err.contains(what),
                "{column}: {err}"
            );
        }
        let csv = format!("编号,姓名,类别,部门\nS002,李娜,staff,\"{}\"\n", bad);
        let file = write(s.scratch(), "r.csv", &csv);
        let out = run(p, &["roster", "import", &file]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("第 2 行"),
            "{}",
            text(&out.stderr)
        );
    }
    // A tab may stay in a cell.
    let file = write(
        s.scratch(),
        "tab.csv",
        "编号,体温(℃),备注\nS002,36.5,\"a\tb\"\n",
    );
    ok(p, &["record", "--batch", &file]);
    assert_eq!(snapshot(p).len(), before.len() + 1, "one new day file");
}

#[test]
fn controls_in_an_older_store_show_as_escapes_and_markdown_escapes_html() {
    let s = store_with_a_household();
    let p = s.path();
    // As a store written before the check would hold it.
    let day = p.join("records/2020/2020-02-16.jsonl");
    fs::write(
        &day,
        "{\"id\":\"x\",\"op\":\"record\",\"date\":\"2020-02-16\",\"person\":\"S001\",\"temperature\":38.5,\"note\":\"\\u001b[2K\\r\\u001b[8m<script>\",\"recorded_at\":\"2020-02-16T08:00:00+08:00\",\"recorded_by\":\"x\"}\n",
    )
    .expect("write day");
    fs::set_permissions(&day, fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = ok(p, &w("daily --date 2020-02-16"));
    assert!(!out.contains('\u{1b}') && !out.contains('\r'), "{out:?}");
    assert!(out.contains("\\u{1b}[2K\\u{d}\\u{1b}[8m"), "{out}");
    assert!(out.contains("38.5"), "{out}");
    let md = ok(p, &w("daily --date 2020-02-16 --format markdown"));
    assert!(
        md.contains("&lt;script&gt;") && !md.contains("<script>"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'), "{md:?}");
}

// ------------------------------------------------------------ encodings

#[test]
fn a_utf8_file_with_a_stray_byte_is_an_error_naming_row_and_offset() {
    let s = store_with_a_household();
    let p = s.path();
    let mut bytes = "编号,体温(℃),所在地\nS001,36.5,北京市东城区\nS002,36.6,Z"
        .as_bytes()
        .to_vec();
    let offset = bytes.len();
    bytes.push(0xFC);
    bytes.extend_from_slice(b"rich\n");
    let file = s.scratch().join("mixed.csv");
    fs::write(&file, &bytes).expect("write");
    let err = fail(p, &["record", "--batch", file.to_str().expect("path")]);
    assert!(
        err.contains("第 3 行") && err.contains(&format!("字节位置 {offset}")),
        "{err}"
    );
    assert!(!ok(p, &w("export")).contains("鍖椾含"));
}

// ------------------------------------------------------ bounded resources

#[test]
fn a_huge_trend_range_is_refused_with_a_clear_message() {
    let s = store_with_a_household();
    let err = fail(s.path(), &w("trend --from 1900-01-01 --to 9999-12-31"));
    assert!(err.contains("最多") && err.contains("天"), "{err}");
    // Ten years still works.
    ok(
        s.path(),
        &w("trend --from 2010-02-18 --to 2020-02-17 --format json"),
    );
}

#[test]
fn a_one_megabyte_note_is_stored_and_shown() {
    let s = store_with_a_household();
    let p = s.path();
    let note = "很长的备注 abc ".repeat(60_000);
    let file = write(
        s.scratch(),
        "big.csv",
        &format!("编号,体温(℃),备注\nS001,36.5,{note}\n"),
    );
    ok(p, &["record", "--batch", &file]);
    for format in ["text", "markdown", "html", "json"] {
        let out = ok(p, &["daily", "--format", format]);
        assert!(out.len() > note.len() / 2, "{format}");
    }
}

#[test]
fn bad_environment_values_are_clear_errors() {
    let s = store_with_a_household();
    for value in ["1e20", "abc", "-1", "NaN", "inf", ""] {
        let out = hr(s.path(), &w("record S001 --temp 36.5"))
            .env("HEALTHREPORT_LOCK_TIMEOUT", value)
            .output()
            .expect("run");
        let err = assert_error_output(&["record"], &out);
        assert!(err.contains("HEALTHREPORT_LOCK_TIMEOUT"), "{value}: {err}");
    }
    let out = base_cmd()
        .args(w("daily"))
        .env("HEALTHREPORT_STORE", "")
        .output()
        .expect("run");
    assert!(assert_error_output(&["daily"], &out).contains("HEALTHREPORT_STORE"));
    let out = base_cmd()
        .args(w("daily"))
        .env("HEALTHREPORT_STORE", s.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", describe(&["daily"], &out));
    let out = hr(s.path(), &w("daily"))
        .env("HEALTHREPORT_NOW", "soon")
        .output()
        .expect("run");
    assert!(assert_error_output(&["daily"], &out).contains("HEALTHREPORT_NOW"));
}

#[test]
fn an_error_with_stderr_unwritable_is_still_exit_1() {
    let s = store_with_a_household();
    let full = fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    let out = std_cmd(s.path(), &w("record nobody --temp 36.5"))
        .stderr(full)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let out = std_cmd(s.path(), &w("daily"))
        .stdout(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("full"),
        )
        .stderr(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
}

// ------------------------------------------------------------ check

#[test]
fn check_finds_values_input_would_refuse() {
    let s = store_with_a_household();
    let p = s.path();
    let day = p.join("records/2020/2020-02-16.jsonl");
    fs::write(
        &day,
        concat!(
            "{\"id\":\"a\",\"op\":\"record\",\"date\":\"2020-02-16\",\"person\":\"S001\",\"temperature\":1e308,\"recorded_at\":\"2020-02-16T08:00:00+08:00\",\"recorded_by\":\"x\"}\n",
            "{\"id\":\"b\",\"op\":\"record\",\"date\":\"2020-02-16\",\"person\":\"S002\",\"temperature\":36.5,\"isolation\":\"home\",\"isolation_since\":\"2020-03-01\",\"recorded_at\":\"2020-02-16T08:00:00+08:00\",\"recorded_by\":\"x\"}\n",
        ),
    )
    .expect("write day");
    fs::set_permissions(&day, fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = run(p, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("2020-02-16.jsonl:1") && report.contains("体温"),
        "{report}"
    );
    assert!(
        report.contains("2020-02-16.jsonl:2") && report.contains("隔离开始日期"),
        "{report}"
    );
}

// ------------------------------------------------------------ exit 101

mod never_101 {
    use super::*;
    use proptest::prelude::*;

    /// Words from the command tree and values good and bad for them.
    const WORDS: &[&str] = &[
        "init",
        "staff",
        "add",
        "family",
        "person",
        "edit",
        "leave",
        "roster",
        "import",
        "record",
        "void",
        "undo",
        "history",
        "daily",
        "summary",
        "residents",
        "missing",
        "alerts",
        "trend",
        "export",
        "template",
        "check",
        "repair",
        "config",
        "set",
        "show",
        "completions",
        "manpage",
        "--date",
        "--from",
        "--to",
        "--temp",
        "--format",
        "-o",
        "--output",
        "--encoding",
        "--batch",
        "--by",
        "--yes",
        "--dry-run",
        "--all",
        "--all-versions",
        "--strict",
        "--lang",
        "--quiet",
        "--of",
        "--relation",
        "--id",
        "--since",
        "--until",
        "--on",
        "--reason",
        "--note",
        "--isolation",
        "--work",
        "--post",
        "--contact",
        "S001",
        "S001-1",
        "张伟",
        "36.5",
        "1e308",
        "-1",
        "NaN",
        "9999-12-31",
        "1900-01-01",
        "0000-00-00",
        "today",
        "=abc",
        "-",
        "",
        " ",
        "\u{1b}",
        "csv",
        "json",
        "html",
        "markdown",
        "text",
        "gbk",
        "zh",
        "en",
        "org",
        "report_mode",
        "fever_threshold",
        "timezone",
        "+14:00",
        "18446744073709551616",
        "/dev/null",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn no_argument_vector_makes_the_binary_panic(
            picks in proptest::collection::vec(0..WORDS.len(), 0..7)
        ) {
            let s = store_with_a_household();
            let args: Vec<&str> = picks.iter().map(|i| WORDS[*i]).collect();
            let mut cmd = std_cmd(s.path(), &args);
            cmd.current_dir(s.scratch())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .env("HEALTHREPORT_LOCK_TIMEOUT", "0.2");
            let out = cmd.output().expect("run");
            prop_assert_ne!(out.status.code(), Some(101), "{:?}: {}", args, text(&out.stderr));
            prop_assert!(out.status.code().is_some(), "{:?} died by a signal", args);
        }
    }
}
