//! Where results go: standard output, or `--output FILE` with the format
//! picked from the file's extension. `-o -` is standard output; a device,
//! FIFO or socket is written in place like the shell's `>`; a symlink is
//! followed to its regular file, which is replaced atomically keeping its
//! mode; a dangling link or a read-only file is refused; a new report file
//! gets the store's `report_mode` (0600 by default). SPEC §4, §6 (v2).

use crate::t;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, Result, bail};

use crate::UsageError;
use crate::cli::Format;
use crate::store::fsutil;

/// `--format` if given, else the `--output` extension, else text.
pub fn pick_format(format: Option<Format>, output: Option<&Path>) -> Result<Format> {
    if let Some(f) = format {
        return Ok(f);
    }
    let Some(path) = output.filter(|p| !is_stdout(p)) else {
        return Ok(Format::Text);
    };
    // A device or pipe (`-o /dev/null`) has no extension to go by.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Ok(Format::Text);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "csv" => Format::Csv,
        "json" => Format::Json,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        "xlsx" => Format::Xlsx,
        "pdf" => Format::Pdf,
        "txt" | "text" => Format::Text,
        _ => {
            return Err(UsageError(t!(
                "output-cannot-tell-the-format",
                path = path.display().to_string()
            ))
            .into());
        }
    })
}

/// `-o -`: standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses to pour a workbook or a PDF onto a terminal.
pub fn check_binary_to_terminal(format: Format, output: Option<&Path>) -> Result<()> {
    if matches!(format, Format::Xlsx | Format::Pdf)
        && output.is_none_or(is_stdout)
        && stdout_is_terminal()
    {
        return Err(UsageError(t!("output-binary-to-terminal")).into());
    }
    Ok(())
}

/// True when standard output is a terminal (tables may then fit its width).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Writes the finished bytes to the file (see `Sink`) or to standard output.
pub fn emit(bytes: &[u8], output: Option<&Path>) -> Result<()> {
    let mut sink = Sink::open(output)?;
    sink.write(bytes)?;
    sink.finish()
}

static REPORT_MODE: AtomicU32 = AtomicU32::new(fsutil::FILE_MODE);

/// The mode of report files `--output` creates: the store's `report_mode`,
/// set when the store is opened (0600 before that).
pub fn set_report_mode(mode: u32) {
    REPORT_MODE.store(mode, Ordering::Relaxed);
}

/// Where `--output` goes, decided before anything is written (SPEC §6, v2).
#[derive(Debug, PartialEq, Eq)]
enum Dest {
    Stdout,
    /// A device, FIFO or socket: written in place, as the shell's `>` does.
    InPlace(PathBuf),
    /// A regular file (new, or where a symlink points): replaced
    /// atomically, keeping an existing file's mode and owner.
    Replace {
        path: PathBuf,
        mode: u32,
        owner: Option<(u32, u32)>,
    },
}

fn resolve(path: &Path) -> Result<Dest> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    if path.as_os_str() == "-" {
        return Ok(Dest::Stdout);
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Dest::Replace {
                path: path.to_path_buf(),
                mode: REPORT_MODE.load(Ordering::Relaxed),
                owner: None,
            });
        }
        Err(e) => {
            return Err(e)
                .with_context(|| t!("output-cannot-read", path = path.display().to_string()));
        }
    };
    let (path, meta) = if meta.file_type().is_symlink() {
        let dangling = || {
            anyhow::anyhow!(t!(
                "output-is-a-symbolic-link",
                path = path.display().to_string()
            ))
        };
        let meta = std::fs::metadata(path).map_err(|_| dangling())?;
        if !meta.is_file() {
            // A link to a device or pipe (`/proc/self/fd/1`): opened through
            // the link, written in place.
            return Ok(Dest::InPlace(path.to_path_buf()));
        }
        let target = std::fs::canonicalize(path).map_err(|_| dangling())?;
        (target, meta)
    } else {
        (path.to_path_buf(), meta)
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        bail!(t!(
            "output-is-a-folder-give",
            path = path.display().to_string()
        ));
    }
    if kind.is_char_device() || kind.is_block_device() || kind.is_fifo() || kind.is_socket() {
        return Ok(Dest::InPlace(path));
    }
    let mode = meta.mode() & 0o7777;
    // SAFETY: `c` is a NUL-terminated path that lives across the call.
    let writable = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .is_ok_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0);
    if mode & 0o222 == 0 || !writable {
        bail!(t!(
            "output-is-read-only-it",
            path = path.display().to_string()
        ));
    }
    Ok(Dest::Replace {
        path,
        mode,
        owner: Some((meta.uid(), meta.gid())),
    })
}

/// A line of text on standard output (a command's confirmation).
pub fn say(text: impl std::fmt::Display) -> Result<()> {
    if crate::is_quiet() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(())
}

/// A notice on standard error (what a command did besides its output).
pub fn note(text: impl std::fmt::Display) {
    if !crate::is_quiet() {
        crate::errln!("{text}");
    }
}

/// A destination written piece by piece: standard output; a device, FIFO
/// or socket written in place; or a temporary file beside the target that
/// replaces it only when `finish` is called (see `resolve`).
pub enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    InPlace {
        out: std::io::BufWriter<std::fs::File>,
        path: PathBuf,
    },
    File {
        tmp: std::io::BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
        owner: Option<(u32, u32)>,
    },
}

impl Sink {
    pub fn open(output: Option<&Path>) -> Result<Sink> {
        let dest = match output {
            None => Dest::Stdout,
            Some(path) => resolve(path)?,
        };
        Ok(match dest {
            Dest::Stdout => Sink::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )),
            Dest::InPlace(path) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(&path)
                    .with_context(|| {
                        t!("output-cannot-write", path = path.display().to_string())
                    })?;
                Sink::InPlace {
                    out: std::io::BufWriter::with_capacity(1 << 16, file),
                    path,
                }
            }
            Dest::Replace { path, mode, owner } => {
                let tmp = crate::store::fsutil::temp_beside(&path, mode)?;
                Sink::File {
                    tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
                    path,
                    owner,
                }
            }
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(bytes)?,
            Sink::InPlace { out, path } => out
                .write_all(bytes)
                .with_context(|| t!("output-cannot-write", path = path.display().to_string()))?,
            Sink::File { tmp, path, .. } => tmp
                .write_all(bytes)
                .with_context(|| t!("output-cannot-write", path = path.display().to_string()))?,
        }
        Ok(())
    }

    /// Hands the destination to `write` as a plain writer (a workbook's
    /// zip goes straight into the file); standard output, whose lock
    /// stays on this thread, gets what `write` puts in a buffer.
    pub fn write_with(
        &mut self,
        write: impl FnOnce(&mut (dyn Write + Send)) -> Result<()>,
    ) -> Result<()> {
        match self {
            Sink::Stdout(_) => {
                let mut buffer = Vec::new();
                write(&mut buffer)?;
                self.write(&buffer)
            }
            Sink::InPlace { out, path } => write(out)
                .with_context(|| t!("output-cannot-write", path = path.display().to_string())),
            Sink::File { tmp, path, .. } => write(tmp)
                .with_context(|| t!("output-cannot-write", path = path.display().to_string())),
        }
    }

    /// Flushes; for a file: fsync, rename over the target, sync the folder.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush()?,
            Sink::InPlace { mut out, path } => out
                .flush()
                .with_context(|| t!("output-cannot-write", path = path.display().to_string()))?,
            Sink::File { tmp, path, owner } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| {
                        t!("output-cannot-write", path = path.display().to_string())
                    })?;
                tmp.as_file().sync_all().with_context(|| {
                    t!("output-cannot-write", path = path.display().to_string())
                })?;
                if let Some((uid, gid)) = owner {
                    // Root replacing the clerk's file leaves it the clerk's.
                    use std::os::unix::fs::MetadataExt;
                    let mine = tmp.as_file().metadata().map(|m| (m.uid(), m.gid()));
                    if mine.is_ok_and(|m| m != (uid, gid)) {
                        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(uid), Some(gid));
                    }
                }
                tmp.persist(&path).map_err(|e| e.error).with_context(|| {
                    t!("output-cannot-replace", path = path.display().to_string())
                })?;
                fsutil::sync_dir(fsutil::parent_dir(&path))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_targets_are_resolved_as_the_shell_would() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(resolve(Path::new("-")).unwrap(), Dest::Stdout);
        assert!(matches!(
            resolve(Path::new("/dev/null")).unwrap(),
            Dest::InPlace(_)
        ));
        let file = dir.path().join("r.csv");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        match resolve(&link).unwrap() {
            Dest::Replace { path, mode, .. } => {
                assert_eq!(path, std::fs::canonicalize(&file).unwrap());
                assert_eq!(mode, 0o640);
            }
            other => panic!("{other:?}"),
        }
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink(dir.path().join("none"), &dangling).unwrap();
        assert!(
            resolve(&dangling)
                .unwrap_err()
                .to_string()
                .contains("dangling")
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o440)).unwrap();
        assert!(resolve(&file).unwrap_err().to_string().contains("只读"));
    }
}
