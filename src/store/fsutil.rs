//! File primitives that keep the store's promises (SPEC §6): private
//! permissions, appends that are whole or absent, fsync before "done",
//! atomic replacement.

use crate::t;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use anyhow::{Context, Result};

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, each 0700, and makes the new
/// entries durable.
pub fn create_private_dir_all(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let missing_from = dir.ancestors().find(|a| a.is_dir()).map(Path::to_path_buf);
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .with_context(|| {
            t!(
                "fsutil-cannot-create-folder",
                dir = dir.display().to_string()
            )
        })?;
    // The parents of every new folder must record it.
    let mut cur = dir;
    while let Some(parent) = cur.parent() {
        sync_dir(parent)?;
        if Some(parent.to_path_buf()) == missing_from {
            break;
        }
        cur = parent;
    }
    Ok(())
}

pub fn sync_dir(dir: &Path) -> Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    File::open(dir)
        .and_then(|f| f.sync_all())
        .with_context(|| t!("fsutil-cannot-sync-folder", dir = dir.display().to_string()))
}

/// Appends `bytes` (whole lines) to `path` and syncs it. If the write fails
/// part way (disk full, file size limit), the file is cut back to its old
/// length so no partial line stays behind.
pub fn append(path: &Path, bytes: &[u8]) -> Result<()> {
    let existed = path.exists();
    if let Some(parent) = path.parent() {
        create_private_dir_all(parent)?;
    }
    let mut file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(FILE_MODE)
        .open(path)
        .with_context(|| {
            t!(
                "fsutil-cannot-open-for-writing",
                path = path.display().to_string()
            )
        })?;
    let before = file
        .metadata()
        .with_context(|| t!("batch-cannot-read", path = path.display().to_string()))?
        .len();
    let written = file.write_all(bytes).and_then(|()| file.sync_data());
    if let Err(err) = written {
        let undone = file.set_len(before).and_then(|()| file.sync_all());
        return Err(err).with_context(|| match undone {
            Ok(()) => t!("fsutil-cannot-write", path = path.display().to_string()),
            Err(_) => t!(
                "fsutil-cannot-write-partial",
                path = path.display().to_string()
            ),
        });
    }
    if !existed && let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

/// Replaces `path` with `bytes` so a reader sees the old file or the new
/// one, never half: a temporary file in the same folder, fsync, rename.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".healthreport-")
        .tempfile_in(dir)
        .with_context(|| {
            t!(
                "output-cannot-create-a-temporary",
                dir = dir.display().to_string()
            )
        })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| t!("output-cannot-write", path = path.display().to_string()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| t!("output-cannot-replace", path = path.display().to_string()))?;
    sync_dir(dir)
}

/// True when `path` is missing, empty, or ends with a newline: what is
/// appended next starts a line of its own.
pub fn ends_with_newline(path: &Path) -> Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(e) => {
            return Err(e)
                .with_context(|| t!("batch-cannot-read", path = path.display().to_string()));
        }
    };
    let mut last = [0u8; 1];
    let read = file
        .seek(SeekFrom::End(0))
        .and_then(|len| {
            if len == 0 {
                return Ok(0);
            }
            file.seek(SeekFrom::End(-1))?;
            file.read(&mut last)
        })
        .with_context(|| t!("batch-cannot-read", path = path.display().to_string()))?;
    Ok(read == 0 || last[0] == b'\n')
}

/// Reads a file, `None` if it does not exist.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            Err(e).with_context(|| t!("batch-cannot-read", path = path.display().to_string()))
        }
    }
}
