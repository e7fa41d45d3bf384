//! A computed report becomes a `Document` (title, tables, lines, charts) in
//! one language; each format here renders any document. JSON is the
//! exception: it is the report's own data with English keys.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod text;

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
}

impl Table {
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Table {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            total_rows: 0,
        }
    }

    /// Headers from labels in one language.
    pub fn labelled(labels: &[L], lang: Lang) -> Table {
        Table::new(labels.iter().map(|l| l.text(lang)))
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Org, report name and date.
    pub title: String,
    pub blocks: Vec<Block>,
    pub lang: Lang,
}

impl Document {
    pub fn new(org: &str, report: L, period: &str, lang: Lang) -> Document {
        let title = [org, report.text(lang), period]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        Document {
            title,
            blocks: Vec::new(),
            lang,
        }
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

    pub fn chart(&mut self, chart: Chart) {
        self.blocks.push(Block::Chart(chart));
    }

    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}
