//! A table the user gives (SPEC §3, §9): a CSV file, or the first sheet (or
//! `--sheet NAME`) of a workbook read with calamine. Either way it becomes
//! the same header and numbered text rows, so `roster import` and `record
//! --batch` have one path after the cells are read.

use crate::t;
use std::path::Path;

use crate::fold::same_header;

use anyhow::{Context, Result, bail};
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use crate::batch::{CsvRow, read_csv};
use crate::csvio::{CsvEncoding, decode_input};

/// Workbook extensions calamine reads.
const WORKBOOK: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

/// The header and the data rows (numbered as the spreadsheet numbers them)
/// of a CSV file or a workbook's sheet.
pub fn read_table(
    path: &Path,
    encoding: Option<&str>,
    sheet: Option<&str>,
) -> Result<(Vec<String>, Vec<CsvRow>)> {
    let what = path.display().to_string();
    let bytes =
        std::fs::read(path).with_context(|| t!("sheet-cannot-read", what = what.to_string()))?;
    // By its contents, not its name: a workbook saved as `x.csv` is still
    // a workbook (zip for .xlsx and .ods, OLE for .xls).
    if is_workbook(path)
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0")
    {
        return read_workbook(bytes, &what, sheet);
    }
    if sheet.is_some() {
        bail!(t!("sheet-is-csv-sheet-is", what = what.to_string()));
    }
    let forced = encoding.map(CsvEncoding::parse).transpose()?;
    let text = decode_input(&bytes, forced, &what)?;
    read_csv(&text, &what)
}

fn read_workbook(
    bytes: Vec<u8>,
    what: &str,
    sheet: Option<&str>,
) -> Result<(Vec<String>, Vec<CsvRow>)> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .with_context(|| t!("sheet-cannot-read-the-workbook", what = what.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
            })
            .with_context(|| {
                t!(
                    "sheet-has-no-sheet-its",
                    what = what.to_string(),
                    s = s.to_string(),
                    names = crate::i18n::join_list(&names)
                )
            })?
            .clone(),
        None => names
            .first()
            .with_context(|| t!("sheet-has-no-sheets", what = what.to_string()))?
            .clone(),
    };
    let range = book.worksheet_range(&name).with_context(|| {
        t!(
            "sheet-cannot-read-sheet-of",
            name = name.to_string(),
            what = what.to_string()
        )
    })?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let lead_cols = range.start().map_or(0, |(_, c)| c as usize);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let number = first_row + i + 1;
        let mut texts = vec![String::new(); lead_cols];
        for (j, c) in cells.iter().enumerate() {
            texts.push(cell_text(c).with_context(|| {
                t!(
                    "sheet-sheet-row-column",
                    what = what.to_string(),
                    name = name.to_string(),
                    number = number.to_string(),
                    j = column_name(lead_cols + j).to_string()
                )
            })?);
        }
        let filled = texts.iter().filter(|t| !t.trim().is_empty()).count();
        match header {
            // A title row above the header (one merged cell) is skipped.
            None if filled >= 2 => header = Some(texts),
            None => {}
            Some(_) if filled == 0 => {}
            Some(_) => rows.push((number, texts)),
        }
    }
    let header = header.with_context(|| {
        t!(
            "sheet-sheet-is-empty-it",
            what = what.to_string(),
            name = name.to_string()
        )
    })?;
    Ok((header, rows))
}

/// `A`, `B`, … `AA` as a spreadsheet names columns.
fn column_name(mut i: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            return name;
        }
        i = i / 26 - 1;
    }
}

/// A cell as the text a CSV would hold: a phone typed as a number keeps
/// all its digits, a date cell reads as 2020-02-18.
fn cell_text(c: &Data) -> Result<String> {
    Ok(match c {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_duration() => number_text(dt.as_f64()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => number_text(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => bail!(t!("sheet-the-cell-holds-the", e = e.to_string())),
    })
}

/// Whole numbers without `.0` (13800010001, not 1.3800010001e10), others
/// as typed (36.5).
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Headers of ID-card numbers: never read, never stored (SPEC §9).
const ID_CARD: [&str; 6] = [
    "身份证号",
    "身份证",
    "身份证号码",
    "公民身份号码",
    "证件号码",
    "ID card",
];

pub fn is_id_card(header: &str) -> bool {
    ID_CARD.iter().any(|w| same_header(header, w))
}

/// Columns a roster workbook often has that this tool does not use. A
/// batch file may carry them; any other unknown column there is an error,
/// since a misspelt 体温 must not pass as "did not report".
const COMMON_UNUSED: [&str; 16] = [
    "序号",
    "性别",
    "出生日期",
    "民族",
    "年龄",
    "籍贯",
    "学历",
    "职务",
    "职称",
    "住址",
    "家庭住址",
    "现住址",
    "工作单位",
    "单位",
    "No.",
    "邮箱",
];

pub fn is_common_unused(header: &str) -> bool {
    is_id_card(header) || COMMON_UNUSED.iter().any(|w| same_header(header, w))
}

/// The one note about ignored columns, naming the ID-card column apart.
pub fn note_ignored(what: &str, ignored: &[&str]) {
    let (ids, others): (Vec<&str>, Vec<&str>) = ignored
        .iter()
        .filter(|h| !h.trim().is_empty())
        .partition(|h| is_id_card(h));
    if !others.is_empty() {
        crate::output::note(t!(
            "sheet-columns-not-used-ignored",
            what = what.to_string(),
            others = crate::i18n::join_list(&others)
        ));
    }
    if !ids.is_empty() {
        crate::output::note(t!(
            "sheet-ignored-id-card-numbers",
            what = what.to_string(),
            ids = crate::i18n::join_list(&ids)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text(13800010001.0), "13800010001");
        assert_eq!(number_text(36.5), "36.5");
        assert_eq!(number_text(37.0), "37");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(27), "AB");
    }

    #[test]
    fn id_cards_are_known_by_their_headers() {
        assert!(is_id_card(" 身份证号 "));
        assert!(is_common_unused("序号"));
        assert!(!is_common_unused("体温"));
    }
}
