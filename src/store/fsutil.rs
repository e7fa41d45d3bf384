//! File primitives that keep the store's promises (SPEC §6): private
//! permissions, appends that are whole or absent, fsync before "done",
//! atomic replacement, no symlink followed, and files a root process adds
//! to another user's store owned by that user.

use crate::t;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

use anyhow::{Context, Result, anyhow};

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// The error for a store file that is a symbolic link (`O_NOFOLLOW` gives
/// ELOOP): the store never writes or reads through one.
fn link_error(path: &Path) -> anyhow::Error {
    anyhow!(t!(
        "fsutil-is-a-symbolic-link",
        path = path.display().to_string()
    ))
}

fn is_link_error(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

/// Opens a store file for reading without following a symlink.
pub fn open_read(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// `open_read`, `None` if the file does not exist; a symlink or any other
/// failure is an error naming the file.
fn open_existing(path: &Path) -> Result<Option<File>> {
    match open_read(path) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if is_link_error(&e) => Err(link_error(path)),
        Err(e) => {
            Err(e).with_context(|| t!("output-cannot-read", path = path.display().to_string()))
        }
    }
}

/// Gives `path` (just created by us) the owner and group of its folder when
/// they differ from ours: root running from cron on a clerk's store must
/// leave files the clerk can still write. Only root can do this; for
/// anyone else the new file is theirs, which is the folder's anyway.
pub fn adopt_owner(path: &Path) -> Result<()> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(());
    }
    let dir = parent_dir(path);
    let Ok(folder) = fs::metadata(dir) else {
        return Ok(());
    };
    let meta = fs::symlink_metadata(path)
        .with_context(|| t!("output-cannot-read", path = path.display().to_string()))?;
    if meta.uid() == folder.uid() && meta.gid() == folder.gid() {
        return Ok(());
    }
    std::os::unix::fs::lchown(path, Some(folder.uid()), Some(folder.gid())).with_context(|| {
        t!(
            "fsutil-cannot-give-the-owner",
            path = path.display().to_string(),
            dir = dir.display().to_string()
        )
    })
}

/// Creates `dir` and any missing parents, each 0700 and owned like its
/// parent, and makes the new entries durable.
pub fn create_private_dir_all(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    // A relative path ends in "" (the current folder), which is no folder
    // to create or adopt.
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.is_dir())
        .collect();
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
    // Oldest first, so each takes its parent's (already adopted) owner.
    for new in missing.iter().rev() {
        adopt_owner(new)?;
    }
    // The parents of every new folder must record it.
    for new in &missing {
        sync_dir(parent_dir(new))?;
    }
    Ok(())
}

pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .with_context(|| t!("fsutil-cannot-sync-folder", dir = dir.display().to_string()))
}

/// Appends `bytes` (whole lines) to `path` and syncs it. If the write fails
/// part way (disk full, file size limit), the file is cut back to its old
/// length so no partial line stays behind, and a file this call created is
/// removed again: a failed first write leaves no empty file.
pub fn append(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_private_dir_all(parent)?;
    }
    let (mut file, created) = match OpenOptions::new()
        .append(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
    {
        Ok(f) => (f, false),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let f = OpenOptions::new()
                .append(true)
                .create_new(true)
                .custom_flags(libc::O_NOFOLLOW)
                .mode(FILE_MODE)
                .open(path)
                .with_context(|| t!("fsutil-cannot-create", path = path.display().to_string()))?;
            (f, true)
        }
        Err(e) if is_link_error(&e) => return Err(link_error(path)),
        Err(e) => {
            return Err(e).with_context(|| {
                t!(
                    "fsutil-cannot-open-for-writing",
                    path = path.display().to_string()
                )
            });
        }
    };
    if !file
        .metadata()
        .with_context(|| t!("output-cannot-read", path = path.display().to_string()))?
        .is_file()
    {
        anyhow::bail!(t!(
            "fsutil-is-not-a-regular",
            path = path.display().to_string()
        ));
    }
    let before = file
        .metadata()
        .with_context(|| t!("batch-cannot-read", path = path.display().to_string()))?
        .len();
    let written = file.write_all(bytes).and_then(|()| file.sync_data());
    if let Err(err) = written {
        if created {
            drop(file);
            let _ = fs::remove_file(path);
            return Err(err)
                .with_context(|| t!("fsutil-cannot-write", path = path.display().to_string()));
        }
        let undone = file.set_len(before).and_then(|()| file.sync_all());
        return Err(err).with_context(|| match undone {
            Ok(()) => t!("fsutil-cannot-write", path = path.display().to_string()),
            Err(_) => t!(
                "fsutil-cannot-write-partial",
                path = path.display().to_string()
            ),
        });
    }
    if created {
        adopt_owner(path)?;
        sync_dir(parent_dir(path))?;
    }
    Ok(())
}

/// Replaces `path` with `bytes` so a reader sees the old file or the new
/// one, never half: a temporary file in the same folder, fsync, rename.
/// The new file is 0600 and owned like its folder.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    atomic_write_mode(path, bytes, FILE_MODE)
}

/// `atomic_write` with the given permission bits.
pub fn atomic_write_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let dir = parent_dir(path);
    let mut tmp = temp_beside(path, mode)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| t!("output-cannot-write", path = path.display().to_string()))?;
    adopt_owner(tmp.path())?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| t!("output-cannot-replace", path = path.display().to_string()))?;
    sync_dir(dir)
}

/// The folder `path` is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temporary file in `path`'s folder with exactly `mode` (whatever the
/// umask), to be renamed over `path` once written.
pub fn temp_beside(path: &Path, mode: u32) -> Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    let dir = parent_dir(path);
    let tmp = tempfile::Builder::new()
        .prefix(".healthreport-")
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .with_context(|| {
            t!(
                "output-cannot-create-a-temporary",
                dir = dir.display().to_string()
            )
        })?;
    // The umask may have taken bits off; the mode asked for is the mode.
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(mode))
        .with_context(|| {
            t!(
                "output-cannot-set-the-mode",
                path = path.display().to_string()
            )
        })?;
    Ok(tmp)
}

/// True when `path` is missing, empty, or ends with a newline: what is
/// appended next starts a line of its own.
pub fn ends_with_newline(path: &Path) -> Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let Some(mut file) = open_existing(path)? else {
        return Ok(true);
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

/// Reads a store file, `None` if it does not exist; a symlink is an error.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    Ok(read_into(path, &mut bytes)?.then_some(bytes))
}

/// Reads a store file into `buf` (reusing its allocation); false if the
/// file does not exist. A symlink is an error.
pub fn read_into(path: &Path, buf: &mut Vec<u8>) -> Result<bool> {
    use std::io::Read;
    buf.clear();
    let Some(mut file) = open_existing(path)? else {
        return Ok(false);
    };
    if let Ok(meta) = file.metadata() {
        // Exact: a reused buffer a little short of the next day file
        // doubled (a district's 8.5 MB day took 17 MB per reader).
        buf.reserve_exact(meta.len() as usize);
    }
    file.read_to_end(buf)
        .with_context(|| t!("output-cannot-read", path = path.display().to_string()))?;
    Ok(true)
}

/// `path` mapped copy-on-write (changes stay in this process), or None if
/// it does not exist. For one large file read once, e.g. the roster a
/// `record` searches: reading 6.5 MB into fresh memory cost ~4 ms of page
/// faults and copying, the mapping shares the page cache. The file must not
/// shrink while mapped (a read past its end is SIGBUS): only a caller
/// holding the write lock may use it, since store files only grow outside
/// recovery, which runs under that lock.
pub fn map_copy(path: &Path) -> Result<Option<memmap2::MmapMut>> {
    let Some(file) = open_existing(path)? else {
        return Ok(None);
    };
    // SAFETY: private mapping (our writes never reach the file); the file
    // does not shrink while mapped (see above).
    let map = unsafe { memmap2::MmapOptions::new().map_copy(&file) }
        .with_context(|| t!("output-cannot-read", path = path.display().to_string()))?;
    Ok(Some(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlinked_file_is_neither_read_nor_appended() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::write(&outside, "x\n").unwrap();
        let link = dir.path().join("day.jsonl");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let err = append(&link, b"y\n").unwrap_err().to_string();
        assert!(err.contains("符号链接"), "{err}");
        assert!(
            read_if_exists(&link)
                .unwrap_err()
                .to_string()
                .contains("符号链接")
        );
        assert_eq!(fs::read(&outside).unwrap(), b"x\n");
    }
}
