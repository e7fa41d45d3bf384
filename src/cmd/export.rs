//! `export`: the records themselves, day by day, streamed so memory stays
//! flat whatever the store's size.
//!
//! CSV takes a fast path (SPEC §7: ten years in under half the time of
//! `sqlite3 -csv`): day files are read by the borrowed scanner
//! (`store::scan`), cells are written straight into the output buffer, and
//! batches of days are done on rayon's threads with the output kept in day
//! order. Any day the scanner will not take (an unusual line, a torn tail,
//! a wrong entry, a person missing from the roster) is done by the simple
//! path, `simple_day`, which is the reference the tests compare against.

use crate::t;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::{Globals, open_for_report, opt_date};
use crate::Status;
use crate::batch::{Col, entry_cells, header};
use crate::cli::{ExportArgs, ExportFormat, ExportWhat, Lang};
use crate::csvio::{CsvEncoding, escape_cell};
use crate::i18n;
use crate::output::{Sink, note};
use crate::person::id_order;
use crate::progress::Progress;
use crate::store::scan::{self, EntryRef, IdHash};
use crate::store::{Entry, Op, Roster, Store, jsonl};

pub fn run(g: &Globals, args: ExportArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let lang = g.lang(&store);
    let from = opt_date(&store, args.from.as_deref())?;
    let to = opt_date(&store, args.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        bail!(t!(
            "export-from-is-after-to",
            f = f.to_string(),
            t = t.to_string()
        ));
    }
    let format = match (
        args.format,
        args.file.output.as_deref().and_then(|p| p.extension()),
    ) {
        (Some(f), _) => f,
        (None, Some(ext))
            if ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("json") =>
        {
            ExportFormat::Jsonl
        }
        (None, Some(ext)) if ext.eq_ignore_ascii_case("xlsx") => ExportFormat::Xlsx,
        _ => ExportFormat::Csv,
    };
    let encoding = args.file.csv_encoding(store.config.csv_encoding)?;
    if args.what != ExportWhat::Records {
        return export_events(&store, &args, format, lang, encoding, (from, to));
    }
    let opts = Options {
        cols: columns(args.all_versions),
        all_versions: args.all_versions,
        lang,
        encoding,
    };
    if format == ExportFormat::Xlsx {
        return export_xlsx(
            &store,
            &roster,
            from,
            to,
            &opts,
            args.file.output.as_deref(),
        );
    }
    let mut sink = Sink::open(args.file.output.as_deref())?;
    if format == ExportFormat::Csv {
        sink.write(&csv_header(&opts)?)?;
    }
    let days = store.days_between(from, to)?;
    let mut progress = Progress::new(days.len() as u64, "export");
    let count = match format {
        ExportFormat::Csv => export_csv(&store, &roster, &days, &opts, &mut |chunk, n| {
            progress.inc(n);
            sink.write(chunk)
        })?,
        ExportFormat::Xlsx => 0,
        ExportFormat::Jsonl => {
            let mut count = 0;
            for &day in &days {
                progress.inc(1);
                let (chunk, n) = simple_day(&store, &roster, day, &opts, ExportFormat::Jsonl)?;
                count += n;
                sink.write(&chunk)?;
            }
            count
        }
    };
    sink.finish()?;
    if let Some(path) = args
        .file
        .output
        .as_deref()
        .filter(|p| !crate::output::is_stdout(p))
    {
        note(t!(
            "export-wrote-entries",
            path = path.display().to_string(),
            count = count.to_string()
        ));
    }
    Ok(Status::Done)
}

/// `export --what posts|supplies`: the posts as they stand, or every
/// supply report and resolution not undone (corrections included, in the
/// order written), as CSV or a workbook with headers in the report
/// language, or as the stored JSON lines. `--from`/`--to` pick supply
/// events by their day.
fn export_events(
    store: &Store,
    args: &ExportArgs,
    format: ExportFormat,
    lang: Lang,
    encoding: CsvEncoding,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<Status> {
    use crate::cli::Format;
    use crate::i18n::L;
    use crate::post::{SupplyEvent, SupplyOp};
    use crate::render::{self, Cell, Document, Table};
    if args.all_versions {
        // Supply exports always hold every version; posts have one each.
        return Err(crate::UsageError(crate::t!("export-all-versions-records")).into());
    }
    if format == ExportFormat::Xlsx {
        crate::output::check_binary_to_terminal(Format::Xlsx, args.file.output.as_deref())?;
    }
    let mut jsonl = Vec::new();
    let (title, table) = if args.what == ExportWhat::Posts {
        let mut table = Table::labelled(
            &[
                L::PostId,
                L::PostName,
                L::PostCommunity,
                L::PostContact,
                L::Phone,
            ],
            lang,
        );
        for p in store.posts()?.all() {
            serde_json::to_writer(&mut jsonl, p)?;
            jsonl.push(b'\n');
            table.push(vec![
                Cell::text(p.id.clone()),
                Cell::text(p.name.clone()),
                Cell::opt(p.community.clone()),
                Cell::opt(p.contact.clone()),
                Cell::opt(p.phone.clone()),
            ]);
        }
        (L::PostsTitle, table)
    } else {
        let mut table = Table::labelled(
            &[
                L::Op,
                L::Date,
                L::PostId,
                L::SupplyPost,
                L::ItemName,
                L::Unit,
                L::Need,
                L::Have,
                L::SolvedBy,
                L::Note,
                L::RecordedAt,
                L::RecordedBy,
            ],
            lang,
        );
        let posts = store.posts()?;
        let events = store.events::<SupplyEvent>()?;
        for e in events.iter().filter(|e| {
            e.date
                .is_some_and(|d| from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t))
        }) {
            serde_json::to_writer(&mut jsonl, e)?;
            jsonl.push(b'\n');
            let op = if e.op == SupplyOp::Report {
                L::OpReport
            } else {
                L::OpResolve
            };
            let post = e.post.clone().unwrap_or_default();
            let name = posts
                .get(&post)
                .map_or_else(|| post.clone(), |p| p.name.clone());
            let num = |n: Option<u64>| n.map_or(Cell::Empty, Cell::Int);
            table.push(vec![
                Cell::text(op.text(lang)),
                e.date.map_or(Cell::Empty, Cell::Date),
                Cell::text(post),
                Cell::text(name),
                Cell::opt(e.item.clone()),
                Cell::opt(e.unit.clone()),
                num(e.need),
                num(e.have),
                Cell::opt(e.resolved_by.clone()),
                Cell::opt(e.note.clone()),
                Cell::text(e.at.to_rfc3339()),
                Cell::text(e.by.clone()),
            ]);
        }
        (L::SupplyExportTitle, table)
    };
    let count = table.rows.len();
    let mut doc = Document::new(&store.config.org, title, "", lang);
    doc.sign_off = false;
    doc.table(table);
    let bytes = match format {
        ExportFormat::Csv => encoding.encode(render::csv::render(&doc)),
        ExportFormat::Xlsx => render::xlsx::render(&doc)?,
        ExportFormat::Jsonl => jsonl,
    };
    crate::output::emit(&bytes, args.file.output.as_deref())?;
    if let Some(path) = &args.file.output {
        note(t!(
            "export-wrote-entries",
            path = path.display().to_string(),
            count = count.to_string()
        ));
    }
    Ok(Status::Done)
}

/// What an export writes, beyond which days.
pub struct Options {
    pub cols: Vec<Col>,
    pub all_versions: bool,
    pub lang: Lang,
    pub encoding: CsvEncoding,
}

/// The batch columns, and with `--all-versions` the op and reason.
pub fn columns(all_versions: bool) -> Vec<Col> {
    if all_versions {
        Col::BATCH
            .iter()
            .chain(Col::VERSIONS.iter())
            .copied()
            .collect()
    } else {
        Col::BATCH.to_vec()
    }
}

pub fn csv_header(opts: &Options) -> Result<Vec<u8>> {
    let mut head = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    head.write_record(header(&opts.cols, opts.lang))?;
    let text = String::from_utf8(head.into_inner().map_err(|e| e.into_error())?)?;
    Ok(opts.encoding.encode(text))
}

/// One day the simple way: the day's log, the standing entries sorted by
/// person, `entry_cells` through the csv crate. The reference for the
/// fast path, and what it falls back to.
pub fn simple_day(
    store: &Store,
    roster: &Roster,
    day: NaiveDate,
    opts: &Options,
    format: ExportFormat,
) -> Result<(Vec<u8>, usize)> {
    let log = store.day(day)?;
    let entries = chosen(&log, opts.all_versions);
    let chunk = match format {
        ExportFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            for e in &entries {
                let name = roster.get(&e.person).map(|p| p.name.as_str()).unwrap_or("");
                w.write_record(entry_cells(e, name, &opts.cols, opts.lang))?;
            }
            let text = String::from_utf8(w.into_inner().map_err(|e| e.into_error())?)?;
            match opts.encoding {
                CsvEncoding::Gbk => CsvEncoding::Gbk.encode(text),
                _ => text.into_bytes(),
            }
        }
        ExportFormat::Jsonl | ExportFormat::Xlsx => {
            let mut out = Vec::new();
            for e in &entries {
                out.extend_from_slice(&e.to_line());
            }
            out
        }
    };
    Ok((chunk, entries.len()))
}

/// The entries of a day an export writes: every version, or the standing
/// records in person order.
fn chosen(log: &crate::store::DayLog, all_versions: bool) -> Vec<&Entry> {
    if all_versions {
        log.written().collect()
    } else {
        let mut standing: Vec<&Entry> = log
            .standing()
            .into_values()
            .filter(|e| e.op == Op::Record)
            .collect();
        standing.sort_by(|a, b| id_order(&a.person, &b.person));
        standing
    }
}

/// The records as a workbook: one sheet of the batch columns, dates as
/// dates, that `record --batch` reads back like the CSV. Rows are written
/// a day at a time (constant-memory sheet) and the zipped workbook straight
/// into the output file. A sheet holds at most 1,048,575 records: more is
/// an error that says to export in parts (`--from`/`--to`) or as CSV, not
/// a second sheet, which `record --batch` would not read back.
fn export_xlsx(
    store: &Store,
    roster: &Roster,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    opts: &Options,
    output: Option<&Path>,
) -> Result<Status> {
    use crate::cli::Format;
    use crate::render::{Document, xlsx};
    crate::output::check_binary_to_terminal(Format::Xlsx, output)?;
    let days = store.days_between(from, to)?;
    let mut doc = match (days.first(), days.last()) {
        (Some(a), Some(b)) => {
            Document::for_days(&store.config.org, i18n::L::ExportTitle, *a, *b, opts.lang)
        }
        _ => Document::new(&store.config.org, i18n::L::ExportTitle, "", opts.lang),
    };
    doc.sign_off = false;
    doc.table(crate::batch::batch_table(&opts.cols, opts.lang));
    // The rows go into the sheet a day at a time, never held as a table.
    let mut count = 0;
    let mut sink = crate::output::Sink::open(output)?;
    xlsx::write_with_rows(
        &doc,
        &mut |push| {
            for &day in &days {
                let log = store.day(day)?;
                for e in chosen(&log, opts.all_versions) {
                    let name = roster.get(&e.person).map(|p| p.name.as_str()).unwrap_or("");
                    push(crate::batch::entry_row(e, name, &opts.cols, opts.lang))?;
                    count += 1;
                }
            }
            Ok(())
        },
        &mut sink,
    )?;
    sink.finish()?;
    if let Some(path) = output {
        note(t!(
            "export-wrote-entries",
            path = path.display().to_string(),
            count = count.to_string()
        ));
    }
    Ok(Status::Done)
}

/// Rows per batch: big enough that handing batches between threads costs
/// nothing, small enough that the batches in flight stay well under a
/// megabyte each (SPEC §7: export under 16 MB whatever the store's size).
/// Counted in rows, not days: sixteen days of a 30,000-person district
/// were 53 MB a batch, and the batches in flight 157 MB.
const BATCH_ROWS: usize = 16 * 300;

/// How many workers the memory allows: each holds a day file and its
/// parsed entries, about 600 bytes a person (a 30,000-person district's
/// day is 18 MB, and two at once took export past 64 MB).
fn workers_for(people: usize) -> usize {
    const WORKERS_MEMORY: usize = 24 << 20;
    (WORKERS_MEMORY / (600 * people.max(1))).max(1)
}

/// Whole days per batch for a roster of `people`: at least one.
fn batch_days(people: usize) -> usize {
    (BATCH_ROWS / people.max(1)).clamp(1, 16)
}

/// Writes the CSV rows of `days` in order through `write(chunk, days in
/// it)`; returns how many rows. Batches of days are made on rayon's
/// threads, as many at once as there are cores and the memory allows
/// (`workers_for`), and written in batch order before the next ones start,
/// so output order and memory are both fixed.
pub fn export_csv(
    store: &Store,
    roster: &Roster,
    days: &[NaiveDate],
    opts: &Options,
    write: &mut dyn FnMut(&[u8], u64) -> Result<()>,
) -> Result<usize> {
    use rayon::prelude::*;
    let plan = Plan::new(store, roster, opts);
    let batches: Vec<&[NaiveDate]> = days.chunks(batch_days(roster.all().len())).collect();
    let in_flight = rayon::current_num_threads()
        .clamp(1, 8)
        .min(workers_for(roster.all().len()));
    let mut count = 0;
    // Written buffers are handed to the next batches: a fresh
    // half-megabyte (and its page faults) per batch showed in ten years.
    let mut spare: Vec<Vec<u8>> = Vec::new();
    for group in batches.chunks(in_flight) {
        let buffers: Vec<Vec<u8>> = group
            .iter()
            .map(|_| spare.pop().unwrap_or_default())
            .collect();
        let chunks: Vec<Chunk> = group
            .par_iter()
            .zip(buffers)
            .map_init(|| Worker::new(&plan), |w, (batch, out)| w.batch(batch, out))
            .collect();
        for (batch, chunk) in group.iter().zip(chunks) {
            count += chunk.rows;
            write(&chunk.bytes, batch.len() as u64)?;
            if let Some(e) = chunk.error {
                return Err(e);
            }
            spare.push(chunk.bytes);
        }
    }
    Ok(count)
}

/// A batch's rows; on an error, the rows of the days before it (what the
/// day-by-day loop would have written) and the error.
struct Chunk {
    bytes: Vec<u8>,
    rows: usize,
    error: Option<anyhow::Error>,
}

/// What every worker shares: the options and the roster, ready to write.
struct Plan<'a> {
    store: &'a Store,
    roster: &'a Roster,
    opts: &'a Options,
    /// Roster id to its place in id order.
    rank: HashMap<&'a str, u32, IdHash>,
    /// By rank: the name cell, CSV-ready.
    names: Vec<Vec<u8>>,
}

impl<'a> Plan<'a> {
    fn new(store: &'a Store, roster: &'a Roster, opts: &'a Options) -> Plan<'a> {
        // `roster.get` finds the first person with an id: keep the first.
        let mut people: Vec<&crate::person::Person> = Vec::new();
        let mut seen = HashSet::new();
        for p in roster.all() {
            if seen.insert(p.id.as_str()) {
                people.push(p);
            }
        }
        people.sort_by(|a, b| id_order(&a.id, &b.id));
        let rank = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let names = people
            .iter()
            .map(|p| {
                let mut cell = Vec::new();
                text_cell(&mut cell, &p.name);
                cell
            })
            .collect();
        Plan {
            store,
            roster,
            opts,
            rank,
            names,
        }
    }
}

/// One thread's reusable buffers.
struct Worker<'p, 'a> {
    plan: &'p Plan<'a>,
    file: Vec<u8>,
    /// By rank: the index of the person's standing entry of the day.
    slot: Vec<u32>,
    touched: Vec<u32>,
    scratch: String,
}

const EMPTY: u32 = u32::MAX;

impl<'p, 'a> Worker<'p, 'a> {
    fn new(plan: &'p Plan<'a>) -> Self {
        Worker {
            plan,
            file: Vec::new(),
            slot: vec![EMPTY; plan.names.len()],
            touched: Vec::new(),
            scratch: String::new(),
        }
    }

    /// The rows of `days`, written into `out` (a used buffer, or a new one).
    fn batch(&mut self, days: &[NaiveDate], mut out: Vec<u8>) -> Chunk {
        out.clear();
        let mut rows = 0;
        for &day in days {
            match self.day(day, &mut out) {
                Ok(n) => rows += n,
                Err(e) => {
                    return Chunk {
                        bytes: self.encode(out),
                        rows,
                        error: Some(e),
                    };
                }
            }
        }
        Chunk {
            bytes: self.encode(out),
            rows,
            error: None,
        }
    }

    /// GB18030 has no state between characters, so encoding a batch is
    /// encoding its days one by one.
    fn encode(&self, out: Vec<u8>) -> Vec<u8> {
        match self.plan.opts.encoding {
            CsvEncoding::Gbk => match String::from_utf8(out) {
                Ok(text) => CsvEncoding::Gbk.encode(text),
                // Rows are built from &str: never reached.
                Err(e) => e.into_bytes(),
            },
            _ => out,
        }
    }

    /// Appends one day's rows (UTF-8) to `out`.
    fn day(&mut self, day: NaiveDate, out: &mut Vec<u8>) -> Result<usize> {
        let path = self.plan.store.day_path(day);
        if !self.plan.store.read_visible_into(&path, &mut self.file)? {
            return Ok(0);
        }
        let mark = out.len();
        if let Some(rows) = self.fast_day(day, out) {
            return Ok(rows);
        }
        out.truncate(mark);
        let (chunk, rows) = simple_day(
            self.plan.store,
            self.plan.roster,
            day,
            &Options {
                cols: self.plan.opts.cols.clone(),
                all_versions: self.plan.opts.all_versions,
                lang: self.plan.opts.lang,
                // Encoded by the batch.
                encoding: CsvEncoding::Utf8,
            },
            ExportFormat::Csv,
        )?;
        out.extend_from_slice(&chunk);
        Ok(rows)
    }

    /// The day from `self.file`, or `None` to leave it to `simple_day`.
    fn fast_day(&mut self, day: NaiveDate, out: &mut Vec<u8>) -> Option<usize> {
        let (lines, torn) = jsonl::split_lines(&self.file);
        // A torn line is for `Store::day` to warn about.
        if torn.is_some() {
            return None;
        }
        let mut entries: Vec<EntryRef<'_>> = Vec::with_capacity(lines.len());
        let mut undos = false;
        for (_, line) in lines {
            let e = scan::parse_line(line)?;
            if !e.is_valid(day) {
                return None;
            }
            undos |= e.op == Op::Undo;
            entries.push(e);
        }
        let undone: HashSet<&str> = if undos {
            entries
                .iter()
                .filter(|e| e.op == Op::Undo)
                .filter_map(|e| e.target.as_deref())
                .collect()
        } else {
            HashSet::new()
        };
        let stands = |e: &EntryRef<'_>| e.op != Op::Undo && !undone.contains(e.id.as_ref());
        let plan = self.plan;
        let mut rows = 0;
        if plan.opts.all_versions {
            for e in entries.iter().filter(|e| stands(e)) {
                let name = match plan.rank.get(e.person.as_ref()) {
                    Some(&r) => plan.names[r as usize].as_slice(),
                    None => b"",
                };
                write_row(out, e, name, plan.opts, &mut self.scratch);
                rows += 1;
            }
            return Some(rows);
        }
        // The newest standing entry per person, in id order: a slot per
        // roster place instead of a hash map and a sort per day.
        self.touched.clear();
        let mut unknown = false;
        for (i, e) in entries.iter().enumerate() {
            if !stands(e) {
                continue;
            }
            let Some(&r) = plan.rank.get(e.person.as_ref()) else {
                unknown = true;
                break;
            };
            if self.slot[r as usize] == EMPTY {
                self.touched.push(r);
            }
            self.slot[r as usize] = i as u32;
        }
        self.touched.sort_unstable();
        for &r in &self.touched {
            let i = std::mem::replace(&mut self.slot[r as usize], EMPTY);
            let e = &entries[i as usize];
            if !unknown && e.op == Op::Record {
                write_row(
                    out,
                    e,
                    &plan.names[r as usize],
                    plan.opts,
                    &mut self.scratch,
                );
                rows += 1;
            }
        }
        // Someone not on the roster has no place in the order: the simple
        // path sorts the day by id instead.
        (!unknown).then_some(rows)
    }
}

/// Reads `path` into `buf`; false if it does not exist (an empty day, as
/// `Store::day` has it).
/// One row as `entry_cells` and the csv crate write it.
fn write_row(
    out: &mut Vec<u8>,
    e: &EntryRef<'_>,
    name: &[u8],
    opts: &Options,
    scratch: &mut String,
) {
    let lang = opts.lang;
    for (i, col) in opts.cols.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match col {
            Col::Date => out.extend_from_slice(e.date_text.as_bytes()),
            Col::Person => text_cell(out, &e.person),
            Col::Name => out.extend_from_slice(name),
            Col::Temperature => {
                if let (Some(t), Some(text)) = (e.temperature, e.temperature_text) {
                    temperature_cell(out, t, text, scratch);
                }
            }
            Col::TemperaturePm => {
                if let (Some(t), Some(text)) = (e.temperature_pm, e.temperature_pm_text) {
                    temperature_cell(out, t, text, scratch);
                }
            }
            Col::ObservationSince => {
                if let Some(text) = e.observation_since_text {
                    out.extend_from_slice(text.as_bytes());
                }
            }
            Col::Symptoms => match e.symptoms.as_slice() {
                [] => {}
                [one] => text_cell(out, one),
                many => {
                    scratch.clear();
                    for (k, s) in many.iter().enumerate() {
                        if k > 0 {
                            scratch.push(';');
                        }
                        scratch.push_str(s);
                    }
                    text_cell(out, scratch);
                }
            },
            Col::Location => opt_text_cell(out, &e.location),
            Col::Contact => {
                if let Some(b) = e.contact {
                    csv_field(out, i18n::yes_no(b, lang).as_bytes());
                }
            }
            Col::Isolation => {
                if let Some(iso) = e.isolation {
                    csv_field(out, i18n::isolation(iso, lang).as_bytes());
                }
            }
            Col::IsolationSince => {
                if let Some(text) = e.isolation_since_text {
                    out.extend_from_slice(text.as_bytes());
                }
            }
            Col::Work => {
                if let Some(w) = e.work {
                    csv_field(out, i18n::work(w, lang).as_bytes());
                }
            }
            Col::Post => opt_text_cell(out, &e.post),
            Col::Note => opt_text_cell(out, &e.note),
            Col::RecordedAt => {
                let (local, offset) = e.recorded_at_text;
                out.extend_from_slice(local.as_bytes());
                out.extend_from_slice(offset.as_bytes());
            }
            Col::RecordedBy => text_cell(out, &e.recorded_by),
            Col::Op => out.extend_from_slice(op_key(e.op).as_bytes()),
            Col::Reason => opt_text_cell(out, &e.reason),
        }
    }
    out.extend_from_slice(b"\r\n");
}

fn op_key(op: Op) -> &'static str {
    match op {
        Op::Record => "record",
        Op::Void => "void",
        Op::Undo => "undo",
    }
}

/// `{:.1}` of the value; a one-decimal number as written (`36.5`) prints
/// as itself, so it is copied without formatting a float.
fn temperature_cell(out: &mut Vec<u8>, t: f64, text: &str, scratch: &mut String) {
    let b = text.as_bytes();
    let one_decimal = b.len() >= 3
        && b.len() <= 5
        && b[b.len() - 2] == b'.'
        && b.iter().filter(|c| c.is_ascii_digit()).count() == b.len() - 1;
    if one_decimal {
        out.extend_from_slice(b);
    } else {
        scratch.clear();
        // Writing to a String cannot fail.
        let _ = write!(scratch, "{t:.1}");
        out.extend_from_slice(scratch.as_bytes());
    }
}

fn opt_text_cell(out: &mut Vec<u8>, text: &Option<Cow<'_, str>>) {
    if let Some(t) = text {
        text_cell(out, t);
    }
}

/// A text cell: defused against formulas as `escape_cell` does, then
/// quoted as the csv crate quotes.
fn text_cell(out: &mut Vec<u8>, text: &str) {
    csv_field(out, escape_cell(text).as_bytes());
}

/// A field as the csv crate writes it with its defaults: quoted only if it
/// holds a comma, a quote, CR or LF; quotes doubled inside.
fn csv_field(out: &mut Vec<u8>, field: &[u8]) {
    if !field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    for &b in field {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{Kind, Person};
    use crate::record::{Isolation, Work};
    use crate::store::{Config, RosterEvent, RosterOp};
    use chrono::{DateTime, Duration, FixedOffset};

    fn person(id: &str, name: &str) -> Person {
        match id.split_once('-') {
            Some((staff, _)) => Person::new(id, name, Kind::Family, Some(staff.into())),
            None => Person::new(id, name, Kind::Staff, None),
        }
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn record(id: &str, day: NaiveDate, person: &str, n: u32) -> Entry {
        let texts = [
            "北京市东城区",
            "王,大明",
            "说\"好\"",
            "两行\n第二行",
            "=1+1",
            "-3",
            "@SUM(A1)",
            "＝全角",
            "'quoted",
            "\tTab",
            "湖北省武汉市, \"中心\"",
        ];
        let pick = |k: u32| texts[(n as usize * 7 + k as usize) % texts.len()].to_string();
        Entry {
            id: id.into(),
            op: Op::Record,
            date: day,
            person: person.into(),
            temperature: Some([36.5, 37.3, 38.0, 35.9, 36.55, 40.0][n as usize % 6]),
            symptoms: match n % 4 {
                0 => vec![],
                1 => vec!["咳嗽".into()],
                2 => vec!["=HYPERLINK".into(), "发热,乏力".into()],
                _ => vec!["".into(), "x".into()],
            },
            location: (!n.is_multiple_of(5)).then(|| pick(1)),
            contact: Some(n.is_multiple_of(3)),
            temperature_pm: None,
            observation_since: None,
            isolation: [
                None,
                Some(Isolation::None),
                Some(Isolation::Home),
                Some(Isolation::Central),
            ][n as usize % 4],
            isolation_since: (n % 4 >= 2).then(|| day - Duration::days(3)),
            work: [
                None,
                Some(Work::OnSite),
                Some(Work::Frontline),
                Some(Work::Leave),
            ][n as usize % 4],
            post: (n % 4 == 2).then(|| pick(2)),
            note: n.is_multiple_of(2).then(|| pick(3)),
            reason: None,
            target: None,
            recorded_at: [
                at("2020-02-18T08:00:00+08:00"),
                at("2020-02-18T00:00:00Z"),
                at("2020-02-17T19:00:00-05:30"),
            ][n as usize % 3],
            recorded_by: pick(4),
        }
    }

    /// A store with everything `export` must get exactly right.
    fn tricky_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        let store = Store::init(&root, Config::default()).unwrap();
        let people = [
            ("S001", "张伟"),
            ("S001-1", "孙,丽"),
            ("S001-2", "=cmd"),
            ("S002", "王\"芳\""),
            ("S010", "-李"),
            ("S002-10", "赵\n六"),
            ("S002-2", "'钱"),
        ];
        let events: Vec<RosterEvent> = people
            .iter()
            .map(|(id, name)| RosterEvent {
                op: RosterOp::Add,
                at: at("2020-02-01T08:00:00+08:00"),
                by: "t".into(),
                person: person(id, name),
            })
            .collect();
        // Text no writer takes now (a line break, controls): as an older
        // store may hold it, so the files are written as such a store was.
        let mut roster = Vec::new();
        for e in &events {
            roster.extend(serde_json::to_vec(e).unwrap());
            roster.push(b'\n');
        }
        std::fs::write(store.roster_path(), roster).unwrap();
        let start = NaiveDate::from_ymd_opt(2020, 2, 1).unwrap();
        let mut n = 0;
        for d in 0..40 {
            let day = start + Duration::days(d);
            let mut entries = Vec::new();
            for (id, _) in people.iter().rev() {
                n += 1;
                entries.push(record(&format!("e{n}"), day, id, n));
            }
            // A correction, a withdrawal, an undo of a correction, an
            // undo of a withdrawal, a void then a new record.
            n += 1;
            entries.push(record(&format!("e{n}"), day, "S001", n));
            let mut void = Entry::void(
                format!("v{d}"),
                day,
                "S001-1",
                "报错了, \"重复\"".into(),
                at("2020-02-18T09:00:00+08:00"),
                "=x".into(),
            );
            entries.push(void.clone());
            let mut undo = void.clone();
            undo.id = format!("u{d}");
            undo.op = Op::Undo;
            undo.reason = None;
            undo.target = Some(if d % 2 == 0 {
                format!("v{d}")
            } else {
                format!("e{n}")
            });
            entries.push(undo);
            void.id = format!("w{d}");
            void.person = "S002".into();
            entries.push(void);
            if d % 3 == 0 {
                n += 1;
                entries.push(record(&format!("e{n}"), day, "S002", n));
            }
            if d == 11 {
                // A fraction of a second: for serde and the simple path.
                n += 1;
                let mut e = record(&format!("e{n}"), day, "S010", n);
                e.recorded_at = at("2020-02-18T08:00:00.250+08:00");
                entries.push(e);
            }
            let path = store.day_path(day);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut bytes = std::fs::read(&path).unwrap_or_default();
            for e in &entries {
                bytes.extend(e.to_line());
            }
            std::fs::write(&path, bytes).unwrap();
        }
        // Days the scanner leaves to serde or the simple path: an exponent,
        // an unknown field, someone not on the roster, a blank line.
        let odd = |d: i64, line: &str| {
            let path = store.day_path(start + Duration::days(d));
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.extend_from_slice(line.as_bytes());
            std::fs::write(&path, bytes).unwrap();
        };
        odd(
            5,
            "{\"id\":\"x1\",\"op\":\"record\",\"date\":\"2020-02-06\",\"person\":\"S001\",\"temperature\":3.65e1,\"recorded_at\":\"2020-02-06T08:00:00+08:00\",\"recorded_by\":\"x\"}\n",
        );
        odd(
            6,
            "{\"id\":\"x2\",\"op\":\"record\",\"date\":\"2020-02-07\",\"person\":\"S001\",\"temperature\":36.5,\"recorded_at\":\"2020-02-07T08:00:00+08:00\",\"recorded_by\":\"x\",\"new\":1}\n",
        );
        odd(
            7,
            "{\"id\":\"x3\",\"op\":\"record\",\"date\":\"2020-02-08\",\"person\":\"S099\",\"temperature\":36.5,\"recorded_at\":\"2020-02-08T08:00:00+08:00\",\"recorded_by\":\"x\"}\n",
        );
        odd(8, "\n   \n");
        odd(9, "{\"id\":\"torn");
        (dir, store)
    }

    fn reference(store: &Store, roster: &Roster, days: &[NaiveDate], opts: &Options) -> Vec<u8> {
        let mut out = csv_header(opts).unwrap();
        for &day in days {
            out.extend(
                simple_day(store, roster, day, opts, ExportFormat::Csv)
                    .unwrap()
                    .0,
            );
        }
        out
    }

    fn fast(store: &Store, roster: &Roster, days: &[NaiveDate], opts: &Options) -> Vec<u8> {
        let mut out = csv_header(opts).unwrap();
        export_csv(store, roster, days, opts, &mut |chunk, _| {
            out.extend_from_slice(chunk);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn fast_csv_is_the_simple_csv_byte_for_byte() {
        let (_dir, store) = tricky_store();
        let roster = store.roster().unwrap();
        let days = store.days_between(None, None).unwrap();
        assert_eq!(days.len(), 40);
        // The fast path takes every day but the five odd ones.
        let opts = Options {
            cols: columns(false),
            all_versions: false,
            lang: Lang::Zh,
            encoding: CsvEncoding::Utf8,
        };
        let plan = Plan::new(&store, &roster, &opts);
        let mut worker = Worker::new(&plan);
        let mut slow_days = Vec::new();
        for &day in &days {
            store
                .read_visible_into(&store.day_path(day), &mut worker.file)
                .unwrap();
            if worker.fast_day(day, &mut Vec::new()).is_none() {
                slow_days.push(day.to_string());
            }
        }
        assert_eq!(
            slow_days,
            [
                "2020-02-06",
                "2020-02-07",
                "2020-02-08",
                "2020-02-10",
                "2020-02-12"
            ]
        );
        for all_versions in [false, true] {
            for lang in [Lang::Zh, Lang::En] {
                for encoding in [CsvEncoding::Utf8Bom, CsvEncoding::Utf8, CsvEncoding::Gbk] {
                    let opts = Options {
                        cols: columns(all_versions),
                        all_versions,
                        lang,
                        encoding,
                    };
                    let want = reference(&store, &roster, &days, &opts);
                    let got = fast(&store, &roster, &days, &opts);
                    assert!(
                        want == got,
                        "all_versions {all_versions} {lang:?} {encoding:?}:\n{}\n---\n{}",
                        String::from_utf8_lossy(&want),
                        String::from_utf8_lossy(&got)
                    );
                    // And a range that is not a whole number of batches.
                    let some = &days[3..22];
                    assert!(
                        reference(&store, &roster, some, &opts)
                            == fast(&store, &roster, some, &opts)
                    );
                }
            }
        }
    }

    #[test]
    fn an_error_stops_the_export_after_the_days_before_it() {
        let (_dir, store) = tricky_store();
        let roster = store.roster().unwrap();
        let days = store.days_between(None, None).unwrap();
        let bad = store.day_path(days[20]);
        let mut bytes = std::fs::read(&bad).unwrap();
        bytes.extend_from_slice(b"not json\n");
        std::fs::write(&bad, bytes).unwrap();
        let opts = Options {
            cols: columns(false),
            all_versions: false,
            lang: Lang::Zh,
            encoding: CsvEncoding::Utf8,
        };
        let mut out = Vec::new();
        let err = export_csv(&store, &roster, &days, &opts, &mut |chunk, _| {
            out.extend_from_slice(chunk);
            Ok(())
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("损坏的行"), "{err}");
        let mut want = Vec::new();
        for &day in &days[..20] {
            want.extend(
                simple_day(&store, &roster, day, &opts, ExportFormat::Csv)
                    .unwrap()
                    .0,
            );
        }
        assert!(out == want);
    }

    /// A 300-person store goes sixteen days a batch on every core; a
    /// 30,000-person district one day a batch on one worker, so at most a
    /// few days' rows are held at once.
    #[test]
    fn batches_and_workers_shrink_with_the_roster() {
        assert_eq!((batch_days(300), workers_for(300) >= 8), (16, true));
        assert_eq!((batch_days(3_000), workers_for(3_000) >= 8), (1, true));
        assert_eq!((batch_days(30_000), workers_for(30_000)), (1, 1));
        assert_eq!((batch_days(0), workers_for(0) >= 8), (16, true));
    }
}
