//! A computed report becomes a `Document` (title, tables, lines, charts) in
//! one language; each format here renders any document. JSON is the
//! exception: it is the report's own data with English keys.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod text;
pub mod xlsx;

use chrono::NaiveDate;

use crate::cli::Lang;
use crate::i18n::L;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count: right-aligned, never formula-escaped.
    Int(u64),
    /// A temperature, one decimal.
    Temp(f64),
    /// A day: ISO in data formats, a date cell in a workbook, written out
    /// (2020年2月18日) on paper.
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn opt(s: Option<impl Into<String>>) -> Cell {
        s.map(Cell::text).unwrap_or(Cell::Empty)
    }

    pub fn int(n: usize) -> Cell {
        Cell::Int(n as u64)
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Temp(_))
    }

    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Temp(t) => format!("{t:.1}"),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// How many of the last rows are totals (shown in bold where possible).
    pub total_rows: usize,
    /// Rows that need the reader's eye (fever, alerts): bold with a mark on
    /// paper, so they survive black-and-white printing; filled in a workbook.
    pub marked: Vec<usize>,
    /// Columns repeated in front of every row in files meant to be stacked
    /// (CSV, workbook), e.g. 单位 and 日期; people read them in the title.
    pub context: Vec<(String, Cell)>,
    /// The values a column allows, offered as a drop-down in a workbook.
    pub choices: Vec<(usize, Vec<String>)>,
}

impl Table {
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Table {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            total_rows: 0,
            marked: Vec::new(),
            context: Vec::new(),
            choices: Vec::new(),
        }
    }

    /// Headers from labels in one language.
    pub fn labelled(labels: &[L], lang: Lang) -> Table {
        Table::new(labels.iter().map(|l| l.text(lang)))
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// A row marked for attention (see `marked`).
    pub fn push_marked(&mut self, row: Vec<Cell>) {
        self.marked.push(self.rows.len());
        self.rows.push(row);
    }

    pub fn is_marked(&self, row: usize) -> bool {
        self.marked.contains(&row)
    }

    /// Headers with the context columns first.
    pub fn full_headers(&self) -> impl Iterator<Item = &str> {
        self.context
            .iter()
            .map(|(h, _)| h.as_str())
            .chain(self.headers.iter().map(String::as_str))
    }

    /// A row with the context cells first.
    pub fn full_row<'a>(&'a self, row: &'a [Cell]) -> impl Iterator<Item = &'a Cell> {
        self.context.iter().map(|(_, c)| c).chain(row.iter())
    }

    pub fn push_total(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
        self.total_rows += 1;
    }

    /// True for columns whose cells are all numbers (or empty).
    pub fn numeric_columns(&self) -> Vec<bool> {
        (0..self.headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(Cell::is_number))
                    && self
                        .rows
                        .iter()
                        .all(|r| r.get(i).is_none_or(|c| c.is_number() || *c == Cell::Empty))
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<u64>,
}

/// Counts per day, drawn as bars in text and as an SVG chart in HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub days: Vec<NaiveDate>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    Table(Table),
    /// Sentences such as totals, one per line.
    Lines(Vec<String>),
    Chart(Chart),
    /// Groups of blocks printed side by side (two short tables on one
    /// page); every other format shows them one after another.
    Columns(Vec<Vec<Block>>),
    /// The start of a part of a bundle (the morning's summary, daily,
    /// residents): a new printed page, a new title, its own sign-off lines.
    Part(Part),
}

/// A report inside a bundle: its titles and page orientation.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The report name alone.
    pub name: String,
    pub title: String,
    pub print_title: String,
    pub portrait: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Org, report name and date.
    pub title: String,
    /// The title as printed on paper: dates written out (2020年2月18日).
    pub print_title: String,
    /// The report name alone (a sheet name, a page header).
    pub name: String,
    pub blocks: Vec<Block>,
    pub lang: Lang,
    /// Printed on A4 portrait (a short form), else landscape.
    pub portrait: bool,
    /// Ends with lines for 填报人 / 审核人 / 日期 (a form, not a data file).
    pub sign_off: bool,
}

impl Document {
    pub fn new(org: &str, report: L, period: &str, lang: Lang) -> Document {
        let title = join_title(org, report.text(lang), period);
        Document {
            print_title: title.clone(),
            title,
            name: report.text(lang).to_string(),
            blocks: Vec::new(),
            lang,
            portrait: false,
            sign_off: true,
        }
    }

    /// A report of one day: the date written out on paper.
    pub fn for_day(org: &str, report: L, date: NaiveDate, lang: Lang) -> Document {
        let mut doc = Document::new(org, report, &date.to_string(), lang);
        doc.print_title = join_title(org, report.text(lang), &long_date(date, lang));
        doc
    }

    /// A report over days: the dates written out on paper.
    pub fn for_days(org: &str, report: L, from: NaiveDate, to: NaiveDate, lang: Lang) -> Document {
        let mut doc = Document::new(org, report, &format!("{from} ~ {to}"), lang);
        let period = format!("{} ~ {}", long_date(from, lang), long_date(to, lang));
        doc.print_title = join_title(org, report.text(lang), &period);
        doc
    }

    /// Appends `other` as a part of this bundle, starting on a new page.
    pub fn append_part(&mut self, other: Document) {
        self.blocks.push(Block::Part(Part {
            name: other.name,
            title: other.title,
            print_title: other.print_title,
            portrait: other.portrait,
        }));
        self.blocks.extend(other.blocks);
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    pub fn table(&mut self, table: Table) {
        self.blocks.push(Block::Table(table));
    }

    pub fn lines(&mut self, lines: Vec<String>) {
        self.blocks.push(Block::Lines(lines));
    }

    /// Groups of blocks side by side on paper (see `Block::Columns`).
    pub fn columns(&mut self, groups: Vec<Vec<Block>>) {
        self.blocks.push(Block::Columns(groups));
    }

    pub fn chart(&mut self, chart: Chart) {
        self.blocks.push(Block::Chart(chart));
    }

    /// The blocks with side-by-side groups laid one after another.
    pub fn flat_blocks(&self) -> Vec<&Block> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
            for b in blocks {
                match b {
                    Block::Columns(groups) => groups.iter().for_each(|g| walk(g, out)),
                    other => out.push(other),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }

    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.flat_blocks().into_iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

fn join_title(org: &str, report: &str, period: &str) -> String {
    [org, report, period]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A date as people write it: 2020年2月18日 in Chinese, ISO in English.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_chinese() {
        let d = NaiveDate::from_ymd_opt(2020, 2, 8).unwrap();
        assert_eq!(long_date(d, Lang::Zh), "2020年2月8日");
        assert_eq!(long_date(d, Lang::En), "2020-02-08");
        let doc = Document::for_day("局", L::DailyTitle, d, Lang::Zh);
        assert_eq!(doc.title, "局 工作人员及家人动态情况日报表 2020-02-08");
        assert_eq!(
            doc.print_title,
            "局 工作人员及家人动态情况日报表 2020年2月8日"
        );
    }
}
