//! The batch CSV of records: what `export` and `template` write and
//! `record --batch` reads (SPEC §3, §4). Headers are the report labels in
//! Chinese or English, or the English JSON keys. A cell of a column that is
//! present means what it says (empty is empty); a column that is absent
//! carries forward as on the command line.

use crate::t;
use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::cli::Lang;
use crate::csvio::{escape_cell, unescape_cell};
use crate::dates::parse_date;
use crate::episode::Episode;
use crate::fold::same_header;
use crate::i18n::{self, L};
use crate::record::{
    Isolation, Record, RecordInput, Work, parse_bool, parse_symptoms, parse_temperature,
};
use crate::render::{Cell, Table};
use crate::store::{Entry, Op};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Date,
    Person,
    Name,
    Temperature,
    TemperaturePm,
    Symptoms,
    Location,
    Contact,
    ObservationSince,
    Isolation,
    IsolationSince,
    Work,
    Post,
    Note,
    RecordedAt,
    RecordedBy,
    Op,
    Reason,
}

impl Col {
    /// The columns of `export` and `template`, in order.
    pub const BATCH: [Col; 16] = [
        Col::Date,
        Col::Person,
        Col::Name,
        Col::Temperature,
        Col::TemperaturePm,
        Col::Symptoms,
        Col::Location,
        Col::Contact,
        Col::ObservationSince,
        Col::Isolation,
        Col::IsolationSince,
        Col::Work,
        Col::Post,
        Col::Note,
        Col::RecordedAt,
        Col::RecordedBy,
    ];
    /// Added by `export --all-versions`.
    pub const VERSIONS: [Col; 2] = [Col::Op, Col::Reason];

    pub fn key(self) -> &'static str {
        match self {
            Col::Date => "date",
            Col::Person => "person",
            Col::Name => "name",
            Col::Temperature => "temperature",
            Col::TemperaturePm => "temperature_pm",
            Col::ObservationSince => "observation_since",
            Col::Symptoms => "symptoms",
            Col::Location => "location",
            Col::Contact => "contact",
            Col::Isolation => "isolation",
            Col::IsolationSince => "isolation_since",
            Col::Work => "work",
            Col::Post => "post",
            Col::Note => "note",
            Col::RecordedAt => "recorded_at",
            Col::RecordedBy => "recorded_by",
            Col::Op => "op",
            Col::Reason => "reason",
        }
    }

    pub fn label(self) -> L {
        match self {
            Col::Date => L::Date,
            Col::Person => L::Id,
            Col::Name => L::Name,
            Col::Temperature => L::TemperatureAm,
            Col::TemperaturePm => L::TemperaturePm,
            Col::ObservationSince => L::ObservationSince,
            Col::Symptoms => L::Symptoms,
            Col::Location => L::Location,
            Col::Contact => L::Contact,
            Col::Isolation => L::Isolation,
            Col::IsolationSince => L::IsolationSince,
            Col::Work => L::Work,
            Col::Post => L::Post,
            Col::Note => L::Note,
            Col::RecordedAt => L::RecordedAt,
            Col::RecordedBy => L::RecordedBy,
            Col::Op => L::Op,
            Col::Reason => L::Reason,
        }
    }

    /// The column a header names: a label in either language or a JSON key.
    pub fn from_header(header: &str) -> Option<Col> {
        let names =
            |l: L| same_header(header, l.text(Lang::Zh)) || same_header(header, l.text(Lang::En));
        // Files written before twice-daily readings head the morning one 体温(℃).
        if names(L::Temperature) {
            return Some(Col::Temperature);
        }
        Col::BATCH
            .into_iter()
            .chain(Col::VERSIONS)
            .find(|c| same_header(header, c.key()) || names(c.label()))
    }
}

pub fn header(cols: &[Col], lang: Lang) -> Vec<String> {
    cols.iter()
        .map(|c| c.label().text(lang).to_string())
        .collect()
}

fn date_cell(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One entry as batch CSV cells (text defused against formulas).
pub fn entry_cells(e: &Entry, name: &str, cols: &[Col], lang: Lang) -> Vec<String> {
    cols.iter()
        .map(|c| match c {
            Col::Date => e.date.to_string(),
            Col::Person => escape_cell(&e.person).into_owned(),
            Col::Name => escape_cell(name).into_owned(),
            Col::Temperature => e.temperature.map(|t| format!("{t:.1}")).unwrap_or_default(),
            Col::TemperaturePm => e
                .temperature_pm
                .map(|t| format!("{t:.1}"))
                .unwrap_or_default(),
            Col::ObservationSince => date_cell(e.observation_since),
            Col::Symptoms => escape_cell(&e.symptoms.join(";")).into_owned(),
            Col::Location => escape_cell(e.location.as_deref().unwrap_or("")).into_owned(),
            Col::Contact => e
                .contact
                .map(|b| i18n::yes_no(b, lang))
                .unwrap_or("")
                .into(),
            Col::Isolation => e
                .isolation
                .map(|i| i18n::isolation(i, lang))
                .unwrap_or("")
                .into(),
            Col::IsolationSince => date_cell(e.isolation_since),
            Col::Work => e.work.map(|w| i18n::work(w, lang)).unwrap_or("").into(),
            Col::Post => escape_cell(e.post.as_deref().unwrap_or("")).into_owned(),
            Col::Note => escape_cell(e.note.as_deref().unwrap_or("")).into_owned(),
            Col::RecordedAt => e.recorded_at.to_rfc3339(),
            Col::RecordedBy => escape_cell(&e.recorded_by).into_owned(),
            Col::Op => op_key(e.op).into(),
            Col::Reason => escape_cell(e.reason.as_deref().unwrap_or("")).into_owned(),
        })
        .collect()
}

/// A template row: the carried values of a person's latest record, no
/// temperature; contact as carried while an observation is open on `date`.
pub fn template_cells(
    date: NaiveDate,
    id: &str,
    name: &str,
    carried: Option<&Record>,
    episode: &Episode,
    staff: bool,
    lang: Lang,
) -> Vec<Cell> {
    let isolation = carried.map(|r| r.isolation).unwrap_or_default();
    let observing = episode.observing(date);
    Col::BATCH
        .iter()
        .map(|c| match c {
            Col::Date => Cell::Date(date),
            Col::Person => Cell::text(id),
            Col::Name => Cell::text(name),
            Col::Contact => Cell::text(i18n::yes_no(observing && episode.contact, lang)),
            Col::ObservationSince if observing => episode
                .observation
                .map_or(Cell::Empty, |o| Cell::Date(o.since)),
            Col::Location => Cell::opt(carried.and_then(|r| r.location.as_deref())),
            Col::Isolation => Cell::text(i18n::isolation(isolation, lang)),
            Col::IsolationSince => carried
                .and_then(|r| r.isolation_since)
                .map_or(Cell::Empty, Cell::Date),
            Col::Work if staff => {
                Cell::opt(carried.and_then(|r| r.work).map(|w| i18n::work(w, lang)))
            }
            Col::Post if staff => Cell::opt(carried.and_then(|r| r.post.as_deref())),
            _ => Cell::Empty,
        })
        .collect()
}

/// An empty table of batch columns, with the drop-downs a workbook offers
/// for 接触, 隔离情况 and 工作状态.
pub fn batch_table(cols: &[Col], lang: Lang) -> Table {
    let mut t = Table::new(header(cols, lang));
    for (i, c) in cols.iter().enumerate() {
        let values: Vec<String> = match c {
            Col::Contact => [true, false]
                .iter()
                .map(|b| i18n::yes_no(*b, lang).to_string())
                .collect(),
            Col::Isolation => [Isolation::None, Isolation::Home, Isolation::Central]
                .iter()
                .map(|i| i18n::isolation(*i, lang).to_string())
                .collect(),
            Col::Work => Work::ALL
                .iter()
                .map(|w| i18n::work(*w, lang).to_string())
                .collect(),
            _ => continue,
        };
        t.choices.push((i, values));
    }
    t
}

/// An entry as typed cells (for a workbook): dates as dates, the
/// temperature as a number, text as written by `entry_cells`.
pub fn entry_row(e: &Entry, name: &str, cols: &[Col], lang: Lang) -> Vec<Cell> {
    entry_cells(e, name, cols, lang)
        .into_iter()
        .zip(cols)
        .map(|(text, c)| match c {
            Col::Date => Cell::Date(e.date),
            Col::IsolationSince => e.isolation_since.map_or(Cell::Empty, Cell::Date),
            Col::Temperature => e.temperature.map_or(Cell::Empty, Cell::Temp),
            _ => Cell::text(unescape_cell(&text)),
        })
        .collect()
}

fn op_key(op: Op) -> &'static str {
    match op {
        Op::Record => "record",
        Op::Void => "void",
        Op::Undo => "undo",
    }
}

/// One parsed row of a batch file, before the person is looked up.
#[derive(Debug, Clone)]
pub struct BatchRow {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    pub date: NaiveDate,
    /// The id cell, else the name cell: what to look the person up by.
    pub person: String,
    /// The name cell when an id was given too, to check they agree.
    pub name_check: Option<String>,
    pub op: Op,
    /// `None`: the row has no temperature (the person did not report).
    pub input: Option<RecordInput>,
    pub recorded_at: Option<DateTime<FixedOffset>>,
    pub recorded_by: Option<String>,
    pub reason: Option<String>,
}

/// Which carried columns the file has: absent ones carry forward.
#[derive(Debug, Clone, Copy, Default)]
pub struct Present {
    pub location: bool,
    pub work: bool,
    pub post: bool,
}

/// The columns of a batch file, found from its header.
pub struct Layout {
    cols: Vec<Option<Col>>,
    /// The headers as the file has them, to name a column in an error.
    names: Vec<String>,
    pub present: Present,
}

impl Layout {
    pub fn from_header(header: &[String]) -> Result<Layout> {
        let cols: Vec<Option<Col>> = header.iter().map(|h| Col::from_header(h)).collect();
        let has = |c: Col| cols.contains(&Some(c));
        for (i, c) in cols.iter().enumerate() {
            if let Some(c) = c
                && cols[..i].contains(&Some(*c))
            {
                bail!(t!(
                    "batch-row-column-appears-twice",
                    i = header[i].to_string()
                ));
            }
        }
        if !has(Col::Person) && !has(Col::Name) {
            bail!(t!("batch-row-no-person-column"));
        }
        check_known_columns(header, &cols, "healthreport template")?;
        Ok(Layout {
            names: header
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
                .collect(),
            present: Present {
                location: has(Col::Location),
                work: has(Col::Work),
                post: has(Col::Post),
            },
            cols,
        })
    }

    /// The headers this file has that no column takes (ignored).
    pub fn ignored<'a>(&self, header: &'a [String]) -> Vec<&'a str> {
        header
            .iter()
            .zip(&self.cols)
            .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.as_str())
            .collect()
    }

    fn cell<'a>(&self, record: &'a [String], col: Col) -> Option<&'a str> {
        let i = self.cols.iter().position(|c| *c == Some(col))?;
        let text = unescape_cell(record.get(i).map(String::as_str).unwrap_or("")).trim();
        Some(text)
    }

    /// Parses one data row; `default_date` fills an absent or empty date.
    pub fn parse(
        &self,
        row: usize,
        record: &[String],
        default_date: NaiveDate,
        today: NaiveDate,
    ) -> Result<BatchRow> {
        // Every cell read is clean text (a tab may stay in a cell).
        for (i, col) in self.cols.iter().enumerate() {
            if let Some(col) = col {
                let text = unescape_cell(record.get(i).map(String::as_str).unwrap_or(""));
                crate::text::check_cell(col.key(), text)?;
            }
        }
        let cell = |c| self.cell(record, c).filter(|s| !s.is_empty());
        // Errors name the column as the file heads it.
        let col = |c: Col| {
            self.cols
                .iter()
                .position(|x| *x == Some(c))
                .and_then(|i| self.names.get(i))
                .map_or(c.label().text(crate::i18n::lang()), String::as_str)
        };
        let date = match cell(Col::Date) {
            Some(d) => {
                parse_date(d, today).with_context(|| t!("batch-column", column = col(Col::Date)))?
            }
            None => default_date,
        };
        if date > today {
            bail!(t!(
                "batch-is-in-the-future",
                date = date.to_string(),
                today = today.to_string()
            ));
        }
        let (person, name_check) = match (cell(Col::Person), cell(Col::Name)) {
            (Some(id), name) => (id.to_string(), name.map(str::to_string)),
            (None, Some(name)) => (name.to_string(), None),
            (None, None) => bail!(t!("batch-no-person-fill-in")),
        };
        let op = match cell(Col::Op).map(|s| s.to_lowercase()) {
            None => Op::Record,
            Some(op) => match op.as_str() {
                "record" | "记录" => Op::Record,
                "void" | "撤回" => Op::Void,
                "undo" | "撤销" => Op::Undo,
                _ => {
                    return Err(anyhow::anyhow!(t!(
                        "batch-bad-op-use-record",
                        op = op.to_string()
                    )))
                    .with_context(|| t!("batch-column", column = col(Col::Op)));
                }
            },
        };
        let recorded_at = cell(Col::RecordedAt)
            .map(|t| {
                DateTime::parse_from_rfc3339(t)
                    .with_context(|| t!("batch-bad-recorded-at-use", t = t.to_string()))
                    .with_context(|| t!("batch-column", column = col(Col::RecordedAt)))
            })
            .transpose()?;
        let reason = cell(Col::Reason).map(str::to_string);
        let temperature_pm = cell(Col::TemperaturePm)
            .map(parse_temperature)
            .transpose()
            .with_context(|| t!("batch-column", column = col(Col::TemperaturePm)))?;
        let temperature = cell(Col::Temperature)
            .map(parse_temperature)
            .transpose()
            .with_context(|| t!("batch-column", column = col(Col::Temperature)))?;
        let input = match (temperature, temperature_pm) {
            (None, None) => None,
            _ if op != Op::Record => None,
            (temperature, temperature_pm) => Some(RecordInput {
                temperature,
                temperature_pm,
                symptoms: parse_symptoms(cell(Col::Symptoms)),
                location: cell(Col::Location).map(str::to_string),
                contact: cell(Col::Contact)
                    .map(parse_bool)
                    .transpose()
                    .with_context(|| t!("batch-column", column = col(Col::Contact)))?,
                new_contact: false,
                observation_since: cell(Col::ObservationSince)
                    .map(|d| parse_date(d, today))
                    .transpose()
                    .with_context(|| t!("batch-column", column = col(Col::ObservationSince)))?,
                observation_given: self.cell(record, Col::ObservationSince).is_some(),
                isolation: match self.cell(record, Col::Isolation) {
                    Some("") => Some(Isolation::None),
                    Some(text) => Some(
                        Isolation::parse(text)
                            .with_context(|| t!("batch-column", column = col(Col::Isolation)))?,
                    ),
                    None => None,
                },
                isolation_since: cell(Col::IsolationSince)
                    .map(|d| parse_date(d, today))
                    .transpose()
                    .with_context(|| t!("batch-column", column = col(Col::IsolationSince)))?,
                work: cell(Col::Work)
                    .map(Work::parse)
                    .transpose()
                    .with_context(|| t!("batch-column", column = col(Col::Work)))?,
                post: cell(Col::Post).map(str::to_string),
                note: cell(Col::Note).map(str::to_string),
            }),
        };
        Ok(BatchRow {
            row,
            date,
            person,
            name_check,
            op,
            input,
            recorded_at,
            recorded_by: cell(Col::RecordedBy).map(str::to_string),
            reason,
        })
    }
}

/// Fails naming every header that matched no column (`found[i]` is `None`)
/// other than the common roster columns this tool ignores (序号, 身份证号…);
/// `writer` is the command whose CSV has the right columns.
pub fn check_known_columns<T>(header: &[String], found: &[Option<T>], writer: &str) -> Result<()> {
    let unknown: Vec<&str> = header
        .iter()
        .zip(found)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty() && !crate::sheet::is_common_unused(h))
        .map(|(h, _)| h.as_str())
        .collect();
    if !unknown.is_empty() {
        bail!(t!(
            "batch-row-unknown-column-s",
            unknown = crate::i18n::join_list(&unknown),
            writer = writer.to_string()
        ));
    }
    Ok(())
}

/// A data row with its number as a spreadsheet shows it.
pub type CsvRow = (usize, Vec<String>);

/// Reads a CSV file's header and rows (decoded, BOM removed), numbering
/// rows as a spreadsheet does.
pub fn read_csv(text: &str, what: &str) -> Result<(Vec<String>, Vec<CsvRow>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    let mut header: Option<Vec<String>> = None;
    // Rows are numbered as a spreadsheet numbers them: blank lines count
    // (the csv crate skips them), a line break inside a quoted cell does not.
    let body = text.trim_start_matches('\u{feff}').as_bytes();
    let mut breaks_in_cells = 0u64;
    let mut last_row = 0u64;
    // Lines before `counted` (a byte offset), counted once.
    let (mut counted, mut lines_before) = (0usize, 0u64);
    for result in reader.records() {
        let record = result.with_context(|| {
            t!(
                "batch-row-not-valid-csv-2",
                what = what.to_string(),
                last_row = (last_row + 1).to_string()
            )
        })?;
        // The position is where the reader began, before the blank lines
        // it passed over: the record starts after them.
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        while start < body.len() && matches!(body[start], b'\n' | b'\r') {
            start += 1;
        }
        let start = start.max(counted).min(body.len());
        lines_before += memchr::memchr_iter(b'\n', &body[counted..start]).count() as u64;
        counted = start;
        let row = (lines_before + 1).saturating_sub(breaks_in_cells);
        last_row = row;
        breaks_in_cells += record
            .iter()
            .map(|c| c.bytes().filter(|b| *b == b'\n').count() as u64)
            .sum::<u64>();
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match header {
            None => header = Some(cells),
            Some(_) => rows.push((row as usize, cells)),
        }
    }
    let header = header.with_context(|| t!("batch-is-empty-it-needs", what = what.to_string()))?;
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        let (_, rows) = read_csv("a,b\n\n1,\"x\ny\"\n\n2,z\n", "t").unwrap();
        let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [3, 5]);
    }

    #[test]
    fn headers_in_either_language_or_keys() {
        for h in [
            "体温(上午)",
            "体温(℃)",
            "Temp (°C)",
            "temperature",
            " TEMPERATURE ",
        ] {
            assert_eq!(Col::from_header(h), Some(Col::Temperature), "{h}");
        }
        assert_eq!(Col::from_header("\u{feff}日期"), Some(Col::Date));
        assert_eq!(Col::from_header("编号"), Some(Col::Person));
        assert_eq!(Col::from_header("体温(下午)"), Some(Col::TemperaturePm));
        assert_eq!(Col::from_header("temperature_pm"), Some(Col::TemperaturePm));
        assert_eq!(Col::from_header("shoe size"), None);
    }

    #[test]
    fn layout_rejects_unknown_and_duplicate_columns() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(Layout::from_header(&h(&["编号", "体温(℃)"])).is_ok());
        assert!(Layout::from_header(&h(&["编号", "体温(℃)", "shoe"])).is_err());
        assert!(Layout::from_header(&h(&["编号", "person"])).is_err());
        assert!(Layout::from_header(&h(&["体温(℃)"])).is_err());
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_does() {
        let (header, rows) = read_csv(
            "\u{feff}编号,备注\nS001,a\n\"S002\",\"two\nlines\"\nS003,c\n",
            "f",
        )
        .unwrap();
        assert_eq!(header, ["编号", "备注"]);
        let numbers: Vec<usize> = rows.iter().map(|r| r.0).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert_eq!(rows[1].1[1], "two\nlines");
    }
}
