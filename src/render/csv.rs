//! CSV, RFC 4180: the document's tables only (titles and totals lines are
//! for people). Several tables are separated by a blank line, each after a
//! one-cell row naming it. Text cells are defused against formulas;
//! numbers are written as numbers.

use super::{Block, Cell, Document};
use crate::csvio::escape_cell;

pub fn render(doc: &Document) -> String {
    let several = doc.tables().count() > 1;
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut heading: Option<&str> = None;
    let mut first = true;
    for block in doc.flat_blocks() {
        match block {
            Block::Heading(h) => heading = Some(h),
            Block::Table(t) => {
                if several {
                    if !first {
                        let _ = writer.write_record(None::<&[u8]>);
                    }
                    if let Some(h) = heading.take() {
                        let _ = writer.write_record([escape_cell(h).as_ref()]);
                    }
                }
                first = false;
                let _ = writer.write_record(t.full_headers().map(|h| escape_cell(h).into_owned()));
                for row in &t.rows {
                    let _ = writer.write_record(t.full_row(row).map(cell));
                }
            }
            Block::Part(_) => heading = None,
            // Flattened by `flat_blocks`.
            Block::Columns(_) => {}
            Block::Lines(_) | Block::Chart(_) => {}
        }
    }
    // Writing CSV into memory cannot fail.
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

pub fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => escape_cell(s).into_owned(),
        other => other.display(),
    }
}
