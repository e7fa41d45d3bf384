//! Plain text for a terminal or a pipe, CJK text aligned by display width.
//! Borders are ASCII: box-drawing characters are of ambiguous width and
//! break the alignment in many CJK terminals.
//!
//! Tables are written here rather than by comfy-table: it copied every
//! cell into its own cells, lines and padded strings before writing, and a
//! 30,000-person `daily` peaked at 175 MB (SPEC §7 asks under 64 MB). Here
//! one pass over the document's cells measures the columns and a second
//! writes each line straight into the output.

use std::borrow::Cow;
use std::fmt::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Block, Cell, Chart, Document, Table};
use crate::text::visible;

const BAR_WIDTH: u64 = 40;

pub fn render(doc: &Document, terminal: bool) -> String {
    let mut text = String::new();
    let _ = write(doc, terminal, &mut |part| {
        text.push_str(part);
        Ok(())
    });
    text
}

/// The text handed to `out` a piece at a time (a table every few hundred
/// rows), so a district's table is never held whole as text as well.
pub fn write(
    doc: &Document,
    terminal: bool,
    out: &mut dyn FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut buf = String::new();
    buf.push_str(&visible(&doc.title));
    buf.push('\n');
    for block in doc.flat_blocks() {
        buf.push('\n');
        match block {
            Block::Heading(h) => {
                buf.push_str(&visible(h));
                buf.push('\n');
            }
            Block::Table(t) => {
                let width = if terminal { terminal_width() } else { None };
                write_table(&mut buf, t, width, out)?;
                buf.push('\n');
            }
            Block::Lines(lines) => {
                for line in lines {
                    buf.push_str(&visible(line));
                    buf.push('\n');
                }
            }
            Block::Chart(c) => buf.push_str(&chart(c)),
            // Flattened by `flat_blocks`.
            Block::Columns(_) => {}
            Block::Part(part) => {
                buf.push('\n');
                buf.push_str(&part.title);
                buf.push('\n');
            }
        }
    }
    out(&buf)
}

/// The table as text without a final newline (`None`: as wide as its
/// content; else fitted to that many terminal columns where it can be).
pub fn table(t: &Table, width: Option<usize>) -> String {
    let (mut text, mut rest) = (String::new(), String::new());
    let _ = write_table(&mut rest, t, width, &mut |piece| {
        text.push_str(piece);
        Ok(())
    });
    text + &rest
}

/// How much text gathers before it is handed on.
const PIECE: usize = 1 << 16;

/// The longest line of a cell, in display columns, in a terminal or not:
/// one long cell (a district's away places in the total row, 20,700
/// columns) padded every row to its width, 206 MB of text for 30,000
/// people.
const PREWRAP: usize = 200;

/// A cell as shown: control characters escaped, long lines cut.
fn shown(c: &Cell) -> Cow<'_, str> {
    let text: Cow<str> = match c {
        Cell::Text(s) => visible(s),
        Cell::Empty => Cow::Borrowed(""),
        other => Cow::Owned(other.display()),
    };
    match prewrap(&text, PREWRAP) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cut) => Cow::Owned(cut),
    }
}

/// The display width of the widest line of `text`.
fn widest_line(text: &str) -> usize {
    text.split('\n')
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Writes the table into `out`, handing full pieces of it to `flush`
/// (which then gets `out`'s text and `out` starts again).
fn write_table(
    out: &mut String,
    t: &Table,
    fit: Option<usize>,
    flush: &mut dyn FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let columns = t
        .rows
        .iter()
        .map(Vec::len)
        .chain([t.headers.len()])
        .max()
        .unwrap_or(0);
    // A column is at least one character wide, as a blank one was.
    let mut widths = vec![1usize; columns];
    let headers: Vec<Cow<str>> = t.headers.iter().map(|h| visible(h)).collect();
    for (w, h) in widths.iter_mut().zip(&headers) {
        *w = (*w).max(widest_line(h));
    }
    for row in &t.rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(widest_line(&shown(c)));
        }
    }
    if let Some(fit) = fit {
        narrow(&mut widths, fit);
    }
    let numeric = t.numeric_columns();
    border(out, &widths, '-', '+');
    out.push('\n');
    let header_cells: Vec<&str> = headers.iter().map(|h| h.as_ref()).collect();
    write_row(out, &header_cells, &widths, &[]);
    out.push('\n');
    border(out, &widths, '=', '=');
    for row in &t.rows {
        out.push('\n');
        let cells: Vec<Cow<str>> = row.iter().map(shown).collect();
        let cells: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
        write_row(out, &cells, &widths, &numeric);
        if out.len() >= PIECE {
            flush(out)?;
            out.clear();
        }
    }
    out.push('\n');
    border(out, &widths, '-', '+');
    Ok(())
}

/// Takes a column at a time from the widest until the table fits `fit`
/// terminal columns (or every column is down to a few characters); cells
/// then wrap at their column's width.
fn narrow(widths: &mut [usize], fit: usize) {
    const NARROWEST: usize = 4;
    let total = |w: &[usize]| w.iter().map(|w| w + 3).sum::<usize>() + 1;
    while total(widths) > fit {
        let Some(widest) = widths
            .iter_mut()
            .filter(|w| **w > NARROWEST)
            .max_by_key(|w| **w)
        else {
            break;
        };
        *widest -= 1;
    }
}

/// `+-----+------+`, or the line under the header with `=`.
fn border(out: &mut String, widths: &[usize], fill: char, junction: char) {
    out.push('+');
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            out.push(junction);
        }
        out.extend(std::iter::repeat_n(fill, w + 2));
    }
    out.push('+');
}

/// The lines of one row, without the last newline: each cell's lines side
/// by side, numbers on the right, a missing cell or line left blank.
fn write_row(out: &mut String, cells: &[&str], widths: &[usize], numeric: &[bool]) {
    let lines: Vec<Vec<Cow<str>>> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| {
            c.split('\n')
                .flat_map(|line| match prewrap(line, w) {
                    Cow::Borrowed(line) => vec![Cow::Borrowed(line)],
                    Cow::Owned(cut) => cut.split('\n').map(|l| Cow::Owned(l.to_string())).collect(),
                })
                .collect()
        })
        .collect();
    let height = lines.iter().map(Vec::len).max().unwrap_or(0);
    for n in 0..height {
        if n > 0 {
            out.push('\n');
        }
        out.push('|');
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            let Some(line) = lines.get(i).and_then(|l| l.get(n)) else {
                out.extend(std::iter::repeat_n(' ', w + 2));
                continue;
            };
            let gap = w.saturating_sub(line.width());
            let right = numeric.get(i).copied().unwrap_or(false);
            let _ = write!(
                out,
                " {:lead$}{line}{:trail$} ",
                "",
                "",
                lead = if right { gap } else { 0 },
                trail = if right { 0 } else { gap }
            );
        }
        out.push('|');
    }
}

/// The terminal's width in columns, if standard output is one.
fn terminal_width() -> Option<usize> {
    // SAFETY: TIOCGWINSZ only fills the `winsize` it is given.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
}

/// Breaks every line of `text` longer than `width` display columns into
/// lines of at most `width`, in one pass.
fn prewrap(text: &str, width: usize) -> Cow<'_, str> {
    if text.len() <= width || text.split('\n').all(|l| l.width() <= width) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    let mut col = 0;
    for c in text.chars() {
        if c == '\n' {
            col = 0;
            out.push(c);
            continue;
        }
        let w = c.width().unwrap_or(0);
        if col + w > width && col > 0 {
            out.push('\n');
            col = 0;
        }
        out.push(c);
        col += w;
    }
    Cow::Owned(out)
}

/// One block of bars per series: `MM-DD ####### 12`.
fn chart(c: &Chart) -> String {
    let mut out = String::new();
    for s in &c.series {
        let max = s.values.iter().copied().max().unwrap_or(0).max(1);
        out.push_str(&s.name);
        out.push('\n');
        for (day, value) in c.days.iter().zip(&s.values) {
            let len = (value * BAR_WIDTH).div_ceil(max) as usize;
            out.push_str(&format!(
                "{} {:<w$} {value}\n",
                day.format("%m-%d"),
                "#".repeat(len),
                w = BAR_WIDTH as usize
            ));
        }
    }
    out
}

/// Pads `text` to `width` terminal columns.
pub fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Table};

    /// Column widths come from every row, a wide one late in the table
    /// included; numbers go right, text left, CJK by display width, a
    /// short row is padded with blanks.
    #[test]
    fn a_table_is_as_wide_as_its_widest_cell_anywhere() {
        let mut t = Table::new(["姓名", "n", "note"]);
        t.push(vec![Cell::text("王伟"), Cell::int(7), Cell::text("a")]);
        t.push(vec![Cell::text("Li"), Cell::int(12)]);
        t.push(vec![
            Cell::text("欧阳娜娜"),
            Cell::int(1234),
            Cell::text("长长的备注"),
        ]);
        let want = "\
+----------+------+------------+
| 姓名     | n    | note       |
+==============================+
| 王伟     |    7 | a          |
| Li       |   12 |            |
| 欧阳娜娜 | 1234 | 长长的备注 |
+----------+------+------------+";
        assert_eq!(super::table(&t, None), want);
    }

    /// A line longer than the cut (200 columns) continues on the next line
    /// of its cell; the other cells of the row are blank there.
    #[test]
    fn a_long_cell_wraps_instead_of_widening_the_table() {
        let mut t = Table::new(["a", "b"]);
        t.push(vec![Cell::text("x".repeat(205)), Cell::int(1)]);
        let got = super::table(&t, None);
        let lines: Vec<&str> = got.lines().collect();
        let x200 = "x".repeat(200);
        assert_eq!(lines[3], format!("| {x200} | 1 |"));
        assert_eq!(lines[4], format!("| xxxxx{} |   |", " ".repeat(195)));
        assert_eq!(lines.len(), 6);
    }

    /// A table longer than a piece is handed on in pieces, every row once
    /// and in order, the same text as whole.
    #[test]
    fn a_long_table_goes_out_in_pieces_in_order() {
        let mut t = Table::new(["n", "text"]);
        for i in 0..8000 {
            t.push(vec![Cell::int(i), Cell::text(format!("第{i}行的内容"))]);
        }
        let mut doc = crate::render::Document::new(
            "局",
            crate::i18n::L::DailyTitle,
            "2020-02-18",
            crate::cli::Lang::Zh,
        );
        doc.table(t.clone());
        let mut pieces = Vec::new();
        super::write(&doc, false, &mut |p| {
            pieces.push(p.to_string());
            Ok(())
        })
        .unwrap();
        assert!(pieces.len() > 2, "{} pieces", pieces.len());
        let whole = pieces.concat();
        assert_eq!(whole, super::render(&doc, false));
        let table = super::table(&t, None);
        assert!(whole.contains(&table));
        let rows: Vec<&str> = table.lines().skip(3).take(8000).collect();
        for (i, row) in rows.iter().enumerate() {
            assert!(row.contains(&format!("第{i}行的内容")), "{row}");
        }
    }

    /// In a narrow terminal the widest columns give way and their cells wrap.
    #[test]
    fn a_table_fits_a_narrow_terminal() {
        let mut t = Table::new(["a", "b"]);
        t.push(vec![Cell::text("abcdefghij"), Cell::text("xy")]);
        let got = super::table(&t, Some(16));
        assert_eq!(
            got,
            "\
+---------+----+
| a       | b  |
+==============+
| abcdefg | xy |
| hij     |    |
+---------+----+"
        );
    }

    #[test]
    fn prewrap_cuts_long_lines_by_display_width() {
        assert_eq!(super::prewrap("abcdef", 4), "abcd\nef");
        assert_eq!(super::prewrap("一二三", 4), "一二\n三");
        assert_eq!(super::prewrap("ab\ncd", 4), "ab\ncd");
    }
}
