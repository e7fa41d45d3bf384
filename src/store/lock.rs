//! The writers' lock: one exclusive `flock` on `<store>/lock`, held across
//! read-check-append so two clerks and cron never interleave or lose lines.

use crate::t;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::fsutil::FILE_MODE;

pub const LOCK_FILE: &str = "lock";

/// Proof that the holder may append to the store. Released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// How long a writer waits for another: `HEALTHREPORT_LOCK_TIMEOUT` seconds, default 5.
pub fn wait_limit() -> Duration {
    std::env::var("HEALTHREPORT_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(Duration::from_secs(5))
}

impl WriteLock {
    pub fn acquire(root: &Path) -> Result<WriteLock> {
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(FILE_MODE)
            .open(&path)
            .with_context(|| {
                t!(
                    "lock-cannot-open-the-lock",
                    path = path.display().to_string()
                )
            })?;
        let limit = wait_limit();
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriteLock { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < limit => {
                    sleep(Duration::from_millis(10))
                }
                Err(TryLockError::WouldBlock) => bail!(t!(
                    "lock-the-store-is-busy",
                    root = root.display().to_string(),
                    as_secs_f64 = format!("{:.0}", limit.as_secs_f64())
                )),
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| {
                        t!("lock-cannot-lock", path = path.display().to_string())
                    });
                }
            }
        }
    }
}

/// True when some process holds the writers' lock right now: a line without
/// its newline may then be a write in progress rather than a torn one.
pub fn writer_active(root: &Path) -> bool {
    let Ok(file) = File::open(root.join(LOCK_FILE)) else {
        return false;
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(_) => true,
    }
}
