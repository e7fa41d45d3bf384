//! The writers' lock: one exclusive `flock` on the store folder itself,
//! held across read-check-append so two clerks and cron never interleave or
//! lose lines. Locking the folder rather than a file in it means nobody can
//! break the lock by deleting a file (SPEC §6, v2).

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The lock file of older versions; still known to `check` and never
/// written to a store as a new file of its own.
pub const LOCK_FILE: &str = "lock";

/// Proof that the holder may append to the store. Released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _dir: File,
}

/// The longest wait `HEALTHREPORT_LOCK_TIMEOUT` may ask for: a day.
const MAX_WAIT_SECS: f64 = 86_400.0;

/// How long a writer waits for another: `HEALTHREPORT_LOCK_TIMEOUT` seconds,
/// default 5. A value that is not a number of seconds from 0 to a day is
/// an error, not a panic or a silent default.
pub fn wait_limit() -> Result<Duration> {
    let Some(raw) = std::env::var_os("HEALTHREPORT_LOCK_TIMEOUT") else {
        return Ok(Duration::from_secs(5));
    };
    let text = raw.to_string_lossy();
    match text.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && (0.0..=MAX_WAIT_SECS).contains(&s) => {
            Ok(Duration::from_secs_f64(s))
        }
        _ => bail!(
            "HEALTHREPORT_LOCK_TIMEOUT={text} is not a number of seconds from 0 to {MAX_WAIT_SECS:.0}; set it to e.g. 5 or unset it"
        ),
    }
}

fn open_dir(root: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY)
        .open(root)
}

impl WriteLock {
    pub fn acquire(root: &Path) -> Result<WriteLock> {
        let limit = wait_limit()?;
        let dir = open_dir(root)
            .with_context(|| format!("cannot open the store folder {}", root.display()))?;
        let start = Instant::now();
        loop {
            match dir.try_lock() {
                Ok(()) => return Ok(WriteLock { _dir: dir }),
                Err(TryLockError::WouldBlock) if start.elapsed() < limit => {
                    sleep(Duration::from_millis(10))
                }
                Err(TryLockError::WouldBlock) => bail!(
                    "the store {} is busy: another healthreport has been writing for {:.0} s; try again, or look for a hung process",
                    root.display(),
                    limit.as_secs_f64()
                ),
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", root.display()));
                }
            }
        }
    }
}

/// True when some process holds the writers' lock right now: a line without
/// its newline may then be a write in progress rather than a torn one.
pub fn writer_active(root: &Path) -> bool {
    let Ok(dir) = open_dir(root) else {
        return false;
    };
    match dir.try_lock_shared() {
        Ok(()) => {
            let _ = dir.unlock();
            false
        }
        Err(_) => true,
    }
}
