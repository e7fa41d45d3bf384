//! Plain text for a terminal or a pipe: comfy-table measures CJK text by
//! display width. Borders are ASCII: box-drawing characters are of
//! ambiguous width and break the alignment in many CJK terminals.

use comfy_table::{Cell as TableCell, CellAlignment, ContentArrangement, presets};
use unicode_width::UnicodeWidthStr;

use super::{Block, Chart, Document, Table};
use crate::text::visible;

const BAR_WIDTH: u64 = 40;

pub fn render(doc: &Document, terminal: bool) -> String {
    let mut out = String::new();
    out.push_str(&visible(&doc.title));
    out.push('\n');
    for block in doc.flat_blocks() {
        out.push('\n');
        match block {
            Block::Heading(h) => {
                out.push_str(&visible(h));
                out.push('\n');
            }
            Block::Table(t) => {
                out.push_str(&table(t, terminal));
                out.push('\n');
            }
            Block::Lines(lines) => {
                for line in lines {
                    out.push_str(&visible(line));
                    out.push('\n');
                }
            }
            Block::Chart(c) => out.push_str(&chart(c)),
            // Flattened by `flat_blocks`.
            Block::Columns(_) => {}
            Block::Part(part) => {
                out.push('\n');
                out.push_str(&part.title);
                out.push('\n');
            }
        }
    }
    out
}

pub fn table(t: &Table, terminal: bool) -> String {
    let mut table = comfy_table::Table::new();
    table.load_style(presets::ASCII_FULL_CONDENSED);
    if terminal {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.force_no_tty();
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    table.set_header(t.headers.iter().map(|h| TableCell::new(visible(h))));
    let numeric = t.numeric_columns();
    for row in &t.rows {
        table.add_row(row.iter().enumerate().map(|(i, c)| {
            // A value an older store holds must not drive the terminal.
            // Cut in a pipe too: one long cell (a district's away places
            // in the total row, 20,700 columns) padded every row to its
            // width, 206 MB of text for 30,000 people.
            let text = prewrap(&visible(&c.display()), PREWRAP);
            let cell = TableCell::new(text);
            if numeric.get(i).copied().unwrap_or(false) {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    table.to_string()
}

/// The longest line of a cell, in display columns, in a terminal or not;
/// in a terminal also what the cell hands to the table's wrapping, as
/// comfy-table wraps a line in time that grows with the square of
/// its length (a 20 KB note took seconds), so long lines are cut first, in
/// one pass, and the table only rewraps short ones.
const PREWRAP: usize = 200;

/// Breaks every line of `text` longer than `width` display columns into
/// lines of at most `width`, in one pass.
fn prewrap(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if text.len() <= width {
        return text.to_string();
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
        if col + w > width {
            out.push('\n');
            col = 0;
        }
        out.push(c);
        col += w;
    }
    out
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
    #[test]
    fn prewrap_cuts_long_lines_by_display_width() {
        assert_eq!(super::prewrap("abcdef", 4), "abcd\nef");
        assert_eq!(super::prewrap("一二三", 4), "一二\n三");
        assert_eq!(super::prewrap("ab\ncd", 4), "ab\ncd");
    }
}
