//! Reading JSON Lines files: whole lines only, a torn last line set aside
//! (never silently dropped), a corrupt line an error naming file and line.

use crate::t;
use std::path::Path;

use anyhow::{Result, bail};
use serde::de::DeserializeOwned;

/// A last line without its newline: what a crash mid-write leaves behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    pub line: usize,
    /// Where the torn bytes start in the file.
    pub offset: usize,
    pub len: usize,
}

/// One bad line found while checking a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub offset: usize,
    pub len: usize,
    pub error: String,
}

/// The complete lines of `bytes` with their 1-based numbers (blank lines
/// skipped), and the torn tail if the last line has no newline.
pub fn split_lines(bytes: &[u8]) -> (Vec<(usize, &[u8])>, Option<TornTail>) {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut number = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        number += 1;
        let line = &bytes[start..end];
        if !line.iter().all(u8::is_ascii_whitespace) {
            lines.push((number, line));
        }
        start = end + 1;
    }
    let torn =
        (start < bytes.len() && !bytes[start..].iter().all(u8::is_ascii_whitespace)).then(|| {
            TornTail {
                line: number + 1,
                offset: start,
                len: bytes.len() - start,
            }
        });
    (lines, torn)
}

/// Parses every complete line of `bytes` as a `T`; the first bad one is an
/// error naming `path` and its line.
pub fn parse_all<T: DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
) -> Result<(Vec<T>, Option<TornTail>)> {
    let (lines, torn) = split_lines(bytes);
    let mut items = Vec::with_capacity(lines.len());
    for (number, line) in lines {
        match serde_json::from_slice(line) {
            Ok(item) => items.push(item),
            Err(e) => bail!(t!(
                "jsonl-corrupt-line-run-healthreport",
                path = path.display().to_string(),
                number = number.to_string(),
                e = crate::error_text(&e)
            )),
        }
    }
    Ok((items, torn))
}

/// Every bad line of `bytes` as `T`, for `check` and `repair`.
pub fn bad_lines<T: DeserializeOwned>(
    bytes: &[u8],
    valid: impl Fn(&T) -> Result<()>,
) -> Vec<BadLine> {
    let (lines, _) = split_lines(bytes);
    let mut bad = Vec::new();
    for (number, line) in lines {
        let offset = line.as_ptr() as usize - bytes.as_ptr() as usize;
        let error = match serde_json::from_slice::<T>(line) {
            Ok(item) => match valid(&item) {
                Ok(()) => continue,
                Err(e) => e.to_string(),
            },
            Err(e) => e.to_string(),
        };
        bad.push(BadLine {
            line: number,
            offset,
            len: line.len(),
            error,
        });
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torn_tail_is_set_apart() {
        let (lines, torn) = split_lines(b"{\"a\":1}\n\n{\"a\":2}\n{\"a\"");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].0, 3);
        assert_eq!(
            torn,
            Some(TornTail {
                line: 4,
                offset: 17,
                len: 4
            })
        );
        let (_, torn) = split_lines(b"{\"a\":1}\n");
        assert_eq!(torn, None);
        let (lines, torn) = split_lines(b"");
        assert!(lines.is_empty() && torn.is_none());
    }

    #[test]
    fn corrupt_line_names_file_and_line() {
        let err = parse_all::<serde_json::Value>(Path::new("x.jsonl"), b"{}\nnot json\n{}\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.jsonl:2：损坏的行"), "{err}");
    }
}
