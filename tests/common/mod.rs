//! Helpers shared by the integration tests: a fresh store per test, the
//! binary run with a fixed clock and clerk, store snapshots, CSV and JSON
//! parsing of reports.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The healthreport binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_healthreport");

/// "Now" for every command unless a test says otherwise: 2020-02-18, 09:00 in Beijing.
pub const NOW: &str = "2020-02-18T09:00:00+08:00";

/// The day `NOW` falls on, in Beijing and in the tests' local zone (`TZ=UTC`).
pub const TODAY: &str = "2020-02-18";

/// A store folder inside its own temporary directory, removed on drop.
pub struct TestStore {
    tmp: TempDir,
    path: PathBuf,
}

impl TestStore {
    /// A path where no store exists yet (the folder itself does not exist).
    pub fn fresh() -> TestStore {
        let tmp = TempDir::new().expect("temporary directory");
        let path = tmp.path().join("store");
        TestStore { tmp, path }
    }

    /// A new store made by `healthreport init` with `args`.
    pub fn init(args: &[&str]) -> TestStore {
        let store = TestStore::fresh();
        let mut all = vec!["init"];
        all.extend_from_slice(args);
        ok(store.path(), &all);
        store
    }

    /// A copy of the checked-in `examples/bureau` store, so tests never
    /// write into the repository.
    pub fn example() -> TestStore {
        let store = TestStore::fresh();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bureau");
        copy_dir(&src, store.path());
        store
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A scratch folder next to the store (for `--output` files).
    pub fn scratch(&self) -> &Path {
        self.tmp.path()
    }
}

/// The binary with `--store`, a fixed clock (`HEALTHREPORT_NOW`), `USER=clerk`,
/// `TZ=UTC`, and no `HEALTHREPORT_STORE` from the environment.
pub fn hr(store: &Path, args: &[&str]) -> Command {
    let mut cmd = base_cmd();
    cmd.arg("--store").arg(store).args(args);
    cmd
}

/// The binary with the test environment but no `--store`.
pub fn base_cmd() -> Command {
    let mut cmd = Command::new(BIN);
    test_env(&mut cmd);
    cmd
}

fn test_env(cmd: &mut Command) {
    cmd.env("HEALTHREPORT_NOW", NOW)
        .env("USER", "clerk")
        .env("TZ", "UTC")
        .env_remove("HEALTHREPORT_STORE")
        .env_remove("HEALTHREPORT_LOCK_TIMEOUT");
}

/// Runs the binary under `umask 022` (through `sh`), as a careless login
/// shell would, and asserts it succeeded.
pub fn ok_umask_022(store: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"umask 022 && exec "$0" "$@""#)
        .arg(BIN)
        .arg("--store")
        .arg(store)
        .args(args);
    test_env(&mut cmd);
    let out = cmd.output().expect("run sh");
    assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
    text(&out.stdout)
}

/// Splits a command line on whitespace: `w("record S001 --temp 36.5")`.
/// Arguments holding spaces or empty ones are written as arrays instead.
pub fn w(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// Runs the binary and returns whatever it did.
pub fn run(store: &Path, args: &[&str]) -> Output {
    hr(store, args).output().expect("run healthreport")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Describes a run for assertion messages.
pub fn describe(args: &[&str], out: &Output) -> String {
    format!(
        "healthreport {}\nstatus: {:?}\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Asserts the command succeeded (exit 0) and returns its stdout.
pub fn ok(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
    text(&out.stdout)
}

/// Like `ok`, returning the raw stdout bytes.
pub fn ok_bytes(store: &Path, args: &[&str]) -> Vec<u8> {
    let out = run(store, args);
    assert_eq!(out.status.code(), Some(0), "{}", describe(args, &out));
    out.stdout
}

/// Asserts the command failed as a data error: exit 1, nothing on stdout,
/// and exactly one line on stderr starting with `错误：` (the default
/// language is Chinese). Returns that line.
pub fn fail(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert_error_output(args, &out)
}

/// The checks of `fail` on a finished run.
pub fn assert_error_output(args: &[&str], out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", describe(args, out));
    assert!(out.stdout.is_empty(), "{}", describe(args, out));
    let err = text(&out.stderr);
    assert_one_error_line(&err, &describe(args, out));
    err.trim_end_matches('\n').to_string()
}

/// Exactly one line, ending in a newline, starting with `错误：`.
pub fn assert_one_error_line(stderr: &str, context: &str) {
    assert!(
        stderr.starts_with(ERROR) || stderr.starts_with("error: "),
        "stderr must start with '{ERROR}' (or 'error: ' with --lang en)\n{context}"
    );
    assert!(
        stderr.ends_with('\n'),
        "stderr must end with a newline\n{context}"
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "stderr must be exactly one line\n{context}"
    );
}

/// How an error line starts in the default language.
pub const ERROR: &str = "错误：";

/// Asserts a usage error: exit 2 and stderr starting with `错误：`.
pub fn usage_fail(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert_eq!(out.status.code(), Some(2), "{}", describe(args, &out));
    let err = text(&out.stderr);
    assert!(err.starts_with(ERROR), "{}", describe(args, &out));
    err
}

/// Every file under `dir` (relative path -> bytes); folders appear with
/// a trailing `/` and no bytes, so a new folder is a difference too.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("list store folder") {
            let entry = entry.expect("store entry");
            let path = entry.path();
            let rel = path.strip_prefix(root).expect("inside root").to_path_buf();
            if entry.file_type().expect("file type").is_dir() {
                let mut marker = rel.into_os_string();
                marker.push("/");
                out.insert(PathBuf::from(marker), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, fs::read(&path).expect("read store file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Asserts two snapshots are equal, naming the files that differ.
pub fn assert_same_snapshot(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    context: &str,
) {
    if before == after {
        return;
    }
    let mut diffs = Vec::new();
    for (path, bytes) in before {
        match after.get(path) {
            None => diffs.push(format!("removed {}", path.display())),
            Some(b) if b != bytes => diffs.push(format!(
                "changed {} ({} -> {} bytes)",
                path.display(),
                bytes.len(),
                b.len()
            )),
            Some(_) => {}
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) {
            diffs.push(format!("added {}", path.display()));
        }
    }
    panic!(
        "store changed by a command that failed: {}\n{context}",
        diffs.join("; ")
    );
}

/// Permission bits of a file or folder.
pub fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("stat {}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Copies a folder tree.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).expect("create copy folder");
    for entry in fs::read_dir(src).expect("list source folder") {
        let entry = entry.expect("source entry");
        let to = dst.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), &to).expect("copy file");
        }
    }
}

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses CSV output (a leading BOM is skipped): the header row and the rows.
pub fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let headers = reader
        .headers()
        .expect("CSV header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("CSV row")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    (headers, rows)
}

/// Parses JSON output.
pub fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("bad JSON ({e}):\n{text}"))
}

/// A JSON array's elements.
pub fn array(v: &Value) -> &Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a JSON array, got {v}"))
}

/// `row[key]` as a string, panicking with the row if it is not one.
/// The row of `person` in a report's JSON rows (`daily --format json`).
pub fn row_of<'a>(rows: &'a Value, person: &str) -> &'a Value {
    array(rows)
        .iter()
        .find(|r| r["person"] == person)
        .unwrap_or_else(|| panic!("no row for {person}"))
}

pub fn str_of<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {row}"))
}

/// A daily CSV without its leading 单位 and 日期 columns (SPEC §9: so units'
/// files stack), after checking they are there and the same on every row.
pub fn parse_daily_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let (headers, rows) = parse_csv(bytes);
    assert!(
        matches!(
            (headers[0].as_str(), headers[1].as_str()),
            ("单位", "日期") | ("Unit", "Date")
        ),
        "{headers:?}"
    );
    for r in &rows {
        assert_eq!(r[..2], rows[0][..2], "every row names the unit and day");
    }
    (
        headers[2..].to_vec(),
        rows.into_iter().map(|r| r[2..].to_vec()).collect(),
    )
}

/// The binary as a plain `std` command with the test environment, for
/// what `assert_cmd` cannot do (spawn and kill, resource limits, users).
pub fn std_cmd(store: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.env("HEALTHREPORT_NOW", NOW)
        .env("USER", "clerk")
        .env("TZ", "UTC")
        .env_remove("HEALTHREPORT_STORE")
        .env_remove("HEALTHREPORT_LOCK_TIMEOUT")
        .arg("--store")
        .arg(store)
        .args(args)
        .stdin(std::process::Stdio::null());
    cmd
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Runs the binary with RLIMIT_FSIZE set to `limit` bytes.
pub fn run_with_file_limit(store: &Path, args: &[&str], limit: u64) -> Output {
    let mut cmd = std_cmd(store, args);
    // SAFETY: only setrlimit, which is async-signal-safe, runs between
    // fork and exec.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut cmd, move || {
            let lim = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run with a file-size limit")
}
