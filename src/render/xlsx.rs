//! A workbook (SPEC §9): one sheet per table, numbers as numbers, dates as
//! dates, a frozen header, widths fitted to the content, marked rows
//! filled, and print setup for A4: the header row repeated, fit to the page
//! width, the title in the page header, page numbers in the footer, and the
//! 填报人 / 审核人 / 日期 lines below the table.

use crate::t;
use anyhow::{Context, Result};
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet,
};
use unicode_width::UnicodeWidthStr;

use super::{Block, Cell, Document, Table};
use crate::i18n::L;
use crate::output::Sink;

/// Wider than this (in half-width characters) prints landscape.
const PORTRAIT_WIDTH: f64 = 110.0;
const MAX_COLUMN: f64 = 50.0;
const A4: u8 = 9;

/// One sheet: its name, its printed title, the table and the lines around it.
struct Sheet<'a> {
    name: String,
    title: &'a str,
    table: Option<&'a Table>,
    lines: Vec<&'a str>,
    sign_off: bool,
}

pub fn render(doc: &Document) -> Result<Vec<u8>> {
    build(doc, None)?
        .save_to_buffer()
        .with_context(|| t!("xlsx-cannot-build-the-workbook"))
}

/// Rows handed over one at a time to a workbook's first table, after the
/// rows it already has: `export -o x.xlsx` writes a district's month of
/// records this way instead of holding them all as a table (676 MB for
/// 30,000 people and 30 days).
pub type MoreRows<'a> = &'a mut dyn FnMut(&mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()>;

/// `render`, with `more` rows streamed into the first table, the zipped
/// workbook written straight into `sink` (a file is not held in memory
/// first: 63 MB for a district's month of records).
pub fn write_with_rows(doc: &Document, more: MoreRows<'_>, sink: &mut Sink) -> Result<()> {
    let mut workbook = build(doc, Some(more))?;
    sink.write_with(|out| {
        workbook
            .save_to_writer(out)
            .with_context(|| t!("xlsx-cannot-build-the-workbook"))
    })
}

/// Rows a sheet holds, its header included (Excel's limit).
#[cfg(not(test))]
const ROW_LIMIT: u32 = 1_048_576;
/// Small in unit tests, so the limit's message can be seen.
#[cfg(test)]
const ROW_LIMIT: u32 = 100;

/// The workbook, its sheets written (row data in temporary files).
fn build(doc: &Document, mut more: Option<MoreRows<'_>>) -> Result<Workbook> {
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    let footer = format!(
        "&C{}",
        L::PageOfPages
            .text(doc.lang)
            .replace("{page}", "&P")
            .replace("{pages}", "&N")
    );
    let mut used: Vec<String> = Vec::new();
    for sheet in sheets(doc) {
        let name = unique_name(&sheet.name, &used);
        used.push(name.clone());
        // Rows go to a temporary file as they are written (they are written
        // in order): a 30,000-row daily workbook held every cell, 139 MB.
        let ws = workbook
            .add_worksheet_with_constant_memory()
            .with_context(|| t!("xlsx-cannot-build-the-workbook"))?;
        ws.set_name(&name)
            .with_context(|| t!("xlsx-cannot-name-the-sheet", name = name.to_string()))?;
        let rows = if sheet.table.is_some() {
            more.take()
        } else {
            None
        };
        write_sheet(ws, &sheet, &styles, doc, rows)?;
        ws.set_footer(&footer);
    }
    Ok(workbook)
}

/// The row after `row`, if a sheet has room for it: past Excel's limit
/// rust_xlsxwriter's own error is in English and names no way out.
fn next_row(row: u32) -> Result<u32> {
    match row.checked_add(1).filter(|r| *r < ROW_LIMIT) {
        Some(next) => Ok(next),
        None => anyhow::bail!(t!("xlsx-too-many-rows", max = (ROW_LIMIT - 1).to_string())),
    }
}

/// Splits the document into sheets: a heading, a part or a second table
/// starts a new one.
fn sheets(doc: &Document) -> Vec<Sheet<'_>> {
    let mut out: Vec<Sheet> = Vec::new();
    let mut name = doc.name.clone();
    let mut title = doc.print_title.as_str();
    let mut heading: Option<String> = None;
    let mut current: Option<Sheet> = None;
    let new = |name: &str, heading: &Option<String>, title| Sheet {
        name: heading.clone().unwrap_or_else(|| name.to_string()),
        title,
        table: None,
        lines: Vec::new(),
        sign_off: doc.sign_off,
    };
    for block in doc.flat_blocks() {
        match block {
            Block::Part(p) => {
                out.extend(current.take());
                name = p.name.clone();
                title = p.print_title.as_str();
                heading = None;
            }
            Block::Heading(h) => {
                out.extend(current.take());
                heading = Some(sheet_name(h));
            }
            Block::Table(t) => {
                if current.as_ref().is_some_and(|s| s.table.is_some()) {
                    out.extend(current.take());
                }
                let sheet = current.get_or_insert_with(|| new(&name, &heading, title));
                sheet.table = Some(t);
            }
            Block::Lines(lines) => {
                let sheet = current.get_or_insert_with(|| new(&name, &heading, title));
                sheet.lines.extend(lines.iter().map(String::as_str));
            }
            // A chart's numbers are in the table beside it; groups are flattened.
            Block::Chart(_) | Block::Columns(_) => {}
        }
    }
    out.extend(current);
    if out.is_empty() {
        out.push(new(&name, &None, title));
    }
    out
}

/// `预警（3）` or `Alerts (3)` → `预警`, `Alerts`: the count is in the
/// sheet; Excel forbids `[]:*?/\` and more than 31 characters.
fn sheet_name(heading: &str) -> String {
    let count = |open: &str, close: char| {
        heading.rsplit_once(open).filter(|(_, n)| {
            n.strip_suffix(close)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
    };
    let base = match count(" (", ')').or_else(|| count("（", '）')) {
        Some((base, _)) => base,
        None => heading,
    };
    base.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

fn unique_name(name: &str, used: &[String]) -> String {
    let name = if name.trim().is_empty() {
        "Sheet"
    } else {
        name
    };
    let mut candidate = name.to_string();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&candidate)) {
        let suffix = format!(" {n}");
        candidate = name.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    candidate
}

struct Styles {
    header: Format,
    text: Format,
    int: Format,
    temp: Format,
    date: Format,
    marked: Format,
    marked_int: Format,
    marked_temp: Format,
    marked_date: Format,
    total: Format,
    total_int: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let mark = |f: Format| f.set_bold().set_background_color(Color::RGB(0xFFD7D7));
        let int = cell.clone().set_num_format("0");
        let temp = cell.clone().set_num_format("0.0");
        let date = cell.clone().set_num_format("yyyy-mm-dd");
        Styles {
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xE8E8E8)),
            marked: mark(cell.clone()),
            marked_int: mark(int.clone()),
            marked_temp: mark(temp.clone()),
            marked_date: mark(date.clone()),
            total: cell.clone().set_bold(),
            total_int: int.clone().set_bold(),
            text: cell,
            int,
            temp,
            date,
        }
    }
}

/// Display width in half-width characters: a Chinese character counts two.
fn width(text: &str) -> f64 {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    s: &Styles,
    doc: &Document,
    more: Option<MoreRows<'_>>,
) -> Result<()> {
    let header = format!("&C&\"-,Bold\"{}", sheet.title.replace('&', "&&"));
    ws.set_paper_size(A4).set_header(&header);
    let mut row: u32 = 0;
    let mut widths: Vec<f64> = Vec::new();
    if let Some(t) = sheet.table {
        let headers: Vec<&str> = t.full_headers().collect();
        widths = headers.iter().map(|h| width(h)).collect();
        for (j, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, *h, &s.header)?;
        }
        let first_total = t.rows.len() - t.total_rows;
        for (i, cells) in t.rows.iter().enumerate() {
            row = next_row(row)?;
            let marked = t.is_marked(i);
            let total = i >= first_total;
            for (j, c) in t.full_row(cells).enumerate() {
                let col = j as u16;
                if let Some(w) = widths.get_mut(j) {
                    *w = w.max(width(&c.display()));
                }
                write_cell(ws, row, col, c, s, marked, total)?;
            }
        }
        if let Some(more) = more {
            more(&mut |cells| {
                row = next_row(row)?;
                for (j, c) in t.full_row(&cells).enumerate() {
                    if let Some(w) = widths.get_mut(j) {
                        *w = w.max(width(&c.display()));
                    }
                    write_cell(ws, row, j as u16, c, s, false, false)?;
                }
                Ok(())
            })?;
        }
        for (col, values) in &t.choices {
            let col = (col + t.context.len()) as u16;
            let list = DataValidation::new()
                .allow_list_strings(values)
                .with_context(|| t!("xlsx-cannot-build-a-drop"))?;
            // Rows to fill in later, not only those written now.
            let last = row.max(1) + 500;
            ws.add_data_validation(1, col, last, col, &list)?;
        }
        let total_width: f64 = widths.iter().map(|w| w.min(MAX_COLUMN) + 2.0).sum();
        for (j, w) in widths.iter().enumerate() {
            ws.set_column_width(j as u16, w.clamp(4.0, MAX_COLUMN) + 2.0)?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.set_repeat_rows(0, 0)?;
        if total_width > PORTRAIT_WIDTH {
            ws.set_landscape();
        } else {
            ws.set_portrait();
        }
        // One page wide, as many pages tall as it takes.
        ws.set_print_fit_to_pages(1, 0);
        row += 2;
    }
    for line in &sheet.lines {
        ws.write_string(row, 0, *line)?;
        row += 1;
    }
    if sheet.sign_off {
        row += 1;
        let cols = widths.len().max(3) as u16;
        let step = cols / 3;
        for (k, label) in [L::SignFiller, L::SignReviewer, L::SignDate]
            .iter()
            .enumerate()
        {
            let text = format!("{}{}", label.text(doc.lang), L::Colon.text(doc.lang));
            ws.write_string(row, k as u16 * step, text)?;
        }
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &Cell,
    s: &Styles,
    marked: bool,
    total: bool,
) -> Result<()> {
    let pick = |plain: &Format, mark: &Format, tot: &Format| -> Format {
        if marked {
            mark.clone()
        } else if total {
            tot.clone()
        } else {
            plain.clone()
        }
    };
    match c {
        Cell::Text(t) => {
            ws.write_string_with_format(row, col, t, &pick(&s.text, &s.marked, &s.total))?;
        }
        Cell::Int(n) => {
            ws.write_number_with_format(
                row,
                col,
                *n as f64,
                &pick(&s.int, &s.marked_int, &s.total_int),
            )?;
        }
        Cell::Temp(t) => {
            ws.write_number_with_format(row, col, *t, &pick(&s.temp, &s.marked_temp, &s.temp))?;
        }
        Cell::Date(d) => {
            let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                .with_context(|| t!("xlsx-cannot-write-the-date", d = d.to_string()))?;
            ws.write_datetime_with_format(
                row,
                col,
                &when,
                &pick(&s.date, &s.marked_date, &s.date),
            )?;
        }
        Cell::Empty => {
            ws.write_blank(row, col, &pick(&s.text, &s.marked, &s.total))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_drop_counts_and_forbidden_characters() {
        assert_eq!(sheet_name("预警 (3)"), "预警");
        assert_eq!(sheet_name("预警（3）"), "预警");
        assert_eq!(sheet_name("一线（东城）"), "一线（东城）");
        assert_eq!(sheet_name("a/b [c]"), "ab c");
        assert_eq!(sheet_name("(x) y"), "(x) y");
        let used = vec!["日报".to_string()];
        assert_eq!(unique_name("日报", &used), "日报 2");
    }

    /// Past the sheet's last row the error says what to do, from the
    /// catalog (rust_xlsxwriter's own is English); up to it, the workbook
    /// is written. `ROW_LIMIT` is 100 here. The language is the process's
    /// (Chinese unless a test sets it), so only what both say is checked.
    #[test]
    fn a_sheet_too_long_is_refused_with_a_way_out() {
        let doc = |rows: u32| {
            let mut t = Table::new(["序号"]);
            for i in 0..rows {
                t.push(vec![Cell::int(i as usize)]);
            }
            let mut doc = Document::new("测试局", L::ExportTitle, "", crate::cli::Lang::Zh);
            doc.table(t);
            doc
        };
        assert!(render(&doc(ROW_LIMIT - 1)).is_ok());
        let err = render(&doc(ROW_LIMIT)).unwrap_err().to_string();
        assert!(
            err.contains("99") && err.contains("--from") && err.contains("CSV"),
            "{err}"
        );
    }

    #[test]
    fn chinese_counts_double() {
        assert_eq!(width("序号"), 4.0);
        assert_eq!(width("No."), 3.0);
    }
}
