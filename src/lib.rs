//! healthreport: daily health status of staff and their households, kept in a
//! local append-only store and rendered as the resident-count table and the
//! daily report (SPEC §0).

pub mod batch;
pub mod chat;
pub mod cli;
pub mod cli_lang;
pub mod cmd;
pub mod csvio;
pub mod dates;
pub mod episode;
pub mod fold;
pub mod i18n;
pub mod output;
pub mod person;
pub mod plan;
pub mod post;
pub mod progress;
pub mod record;
pub mod render;
pub mod report;
pub mod rules;
pub mod sheet;
pub mod store;
pub mod text;

use std::io;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

/// Exit codes of SPEC §5.
pub mod exit {
    pub const OK: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const STRICT: u8 = 3;
}

/// What a command that ran to the end found: `Strict` asks for exit code 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Done,
    Strict,
}

/// An error that is the user's way of calling us rather than bad data: exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// `eprintln!` that never panics: a message that cannot be written to a
/// closed or full standard error is dropped rather than turned into a
/// crash (exit 101). Use it instead of `eprintln!`; a test below keeps
/// `eprintln!`/`println!` out of `src/`.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

static QUIET: AtomicBool = AtomicBool::new(false);

/// A warning on stderr, unless `--quiet`.
pub fn warn(msg: impl std::fmt::Display) {
    if !QUIET.load(Ordering::Relaxed) {
        crate::errln!("{}", t!("warning", message = msg.to_string()));
    }
}

pub fn is_quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// The binary's entry point: parse, run, map the outcome to an exit code.
pub fn main() -> ExitCode {
    // A write past RLIMIT_FSIZE must fail with EFBIG, not kill us mid-line.
    // SAFETY: setting a signal disposition to SIG_IGN has no preconditions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let (text, to_stderr) = cli_lang::render(&e, &args);
            // Printing help into a closed pipe is not worth an error.
            let _ = if to_stderr {
                io::Write::write_all(&mut io::stderr(), text.as_bytes())
            } else {
                io::Write::write_all(&mut io::stdout(), text.as_bytes())
            };
            return ExitCode::from(if to_stderr { exit::USAGE } else { exit::OK });
        }
    };
    QUIET.store(cli.quiet, Ordering::Relaxed);
    // Until the store says otherwise (cmd::Globals::open), messages are in
    // the language asked for, else Chinese.
    i18n::set_lang(cli.lang.unwrap_or(cli::Lang::Zh));
    match cmd::run(cli) {
        Ok(Status::Done) => ExitCode::from(exit::OK),
        Ok(Status::Strict) => ExitCode::from(exit::STRICT),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(exit::OK);
            }
            crate::errln!("{}", t!("error", message = one_line(&err)));
            let code = if err.chain().any(|c| c.is::<UsageError>()) {
                exit::USAGE
            } else {
                exit::ERROR
            };
            ExitCode::from(code)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The whole context chain on one line: "what: where: why", each part in
/// the message language. Our own contexts come from the catalog already;
/// the system's and libraries' errors are put in words here.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = foreign_error(cause)
            .unwrap_or_else(|| cause.to_string())
            .replace('\n', " ");
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(&t!("error-chain-sep"))
}

/// One error (not its chain) in the message language.
pub fn error_text(cause: &(dyn std::error::Error + 'static)) -> String {
    foreign_error(cause).unwrap_or_else(|| cause.to_string())
}

/// An error from the system or a library, in the message language: the
/// kind of I/O failure, where JSON or CSV went wrong.
fn foreign_error(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(e) = cause.downcast_ref::<io::Error>() {
        use io::ErrorKind as K;
        let key = match e.kind() {
            K::NotFound => "io-not-found",
            K::PermissionDenied => "io-permission-denied",
            K::AlreadyExists => "io-already-exists",
            K::WouldBlock => "io-would-block",
            K::InvalidData | K::InvalidInput => "io-invalid-data",
            K::UnexpectedEof => "io-unexpected-eof",
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => "io-storage-full",
            K::ReadOnlyFilesystem => "io-read-only",
            K::NotADirectory => "io-not-a-directory",
            K::IsADirectory => "io-is-a-directory",
            K::DirectoryNotEmpty => "io-directory-not-empty",
            K::BrokenPipe => "io-broken-pipe",
            K::Interrupted => "io-interrupted",
            _ => {
                return Some(t!(
                    "io-other",
                    code = e.raw_os_error().unwrap_or(0),
                    text = e.to_string()
                ));
            }
        };
        return Some(i18n::tr(i18n::lang(), key));
    }
    if let Some(e) = cause.downcast_ref::<serde_json::Error>() {
        return Some(t!(
            "json-error",
            line = e.line(),
            column = e.column(),
            detail = e.to_string()
        ));
    }
    if let Some(e) = cause.downcast_ref::<csv::Error>() {
        return Some(match e.position() {
            Some(p) => t!("csv-error-at", line = p.line()),
            None => t!("csv-error"),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    /// `println!` and `eprintln!` panic when their stream cannot be written
    /// (a full disk, a closed descriptor): exit 101, which must never
    /// happen. The binary writes through `output::say` and `errln!`.
    #[test]
    fn no_printing_macro_that_can_panic_in_src() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("list src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("read");
                    for (i, line) in text.lines().enumerate() {
                        let code = line.split("//").next().unwrap_or("");
                        // Built here so this line does not find itself.
                        for name in ["println", "print", "eprintln", "eprint"] {
                            let mac = format!("{name}!(");
                            let mac = mac.as_str();
                            let hit = code.match_indices(mac).any(|(at, _)| {
                                !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                            });
                            if hit {
                                found.push(format!("{}:{}: {mac}", path.display(), i + 1));
                            }
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(
            found.is_empty(),
            "use output::say / errln! instead:\n{}",
            found.join("\n")
        );
    }
}
