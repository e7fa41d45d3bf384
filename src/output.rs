//! Where results go: standard output, or `--output FILE` written
//! atomically, with the format picked from the file's extension.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::UsageError;
use crate::cli::Format;
use crate::store::fsutil;

/// `--format` if given, else the `--output` extension, else text.
pub fn pick_format(format: Option<Format>, output: Option<&Path>) -> Result<Format> {
    if let Some(f) = format {
        return Ok(f);
    }
    let Some(path) = output else {
        return Ok(Format::Text);
    };
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
            return Err(UsageError(format!(
                "cannot tell the format of {} from its extension: add --format text|csv|json|markdown|html|xlsx|pdf",
                path.display()
            ))
            .into());
        }
    })
}

/// Refuses to pour a workbook or a PDF onto a terminal.
pub fn check_binary_to_terminal(format: Format, output: Option<&Path>) -> Result<()> {
    if matches!(format, Format::Xlsx | Format::Pdf) && output.is_none() && stdout_is_terminal() {
        return Err(UsageError(
            "a workbook or PDF is not for the terminal: write it to a file with -o FILE.xlsx or -o FILE.pdf"
                .into(),
        )
        .into());
    }
    Ok(())
}

/// True when standard output is a terminal (tables may then fit its width).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Writes the finished bytes to the file (atomically) or to standard output.
pub fn emit(bytes: &[u8], output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => fsutil::atomic_write(path, bytes)
            .with_context(|| format!("cannot write the report to {}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
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
        eprintln!("{text}");
    }
}

/// A destination written piece by piece: standard output, or a temporary
/// file beside `--output` that replaces it only when `finish` is called.
pub enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File {
        tmp: std::io::BufWriter<tempfile::NamedTempFile>,
        path: std::path::PathBuf,
    },
}

impl Sink {
    pub fn open(output: Option<&Path>) -> Result<Sink> {
        Ok(match output {
            None => Sink::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )),
            Some(path) => {
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".healthreport-")
                    .tempfile_in(dir)
                    .with_context(|| {
                        format!("cannot create a temporary file in {}", dir.display())
                    })?;
                Sink::File {
                    tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
                    path: path.to_path_buf(),
                }
            }
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(bytes)?,
            Sink::File { tmp, path } => tmp
                .write_all(bytes)
                .with_context(|| format!("cannot write {}", path.display()))?,
        }
        Ok(())
    }

    /// Flushes; for a file: fsync, rename over the target, sync the folder.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush()?,
            Sink::File { tmp, path } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                tmp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write {}", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot replace {}", path.display()))?;
                if let Some(dir) = path.parent() {
                    fsutil::sync_dir(dir)?;
                }
            }
        }
        Ok(())
    }
}
