//! `export`: the records themselves, day by day, streamed so memory stays
//! flat whatever the store's size.

use anyhow::{Result, bail};

use super::{Globals, open_for_report, opt_date};
use crate::Status;
use crate::batch::{Col, entry_cells, header};
use crate::cli::{ExportArgs, ExportFormat};
use crate::csvio::CsvEncoding;
use crate::output::{Sink, note};
use crate::person::id_order;
use crate::progress::Progress;
use crate::store::{Entry, Op};

pub fn run(g: &Globals, args: ExportArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let lang = g.lang(&store);
    let from = opt_date(&store, args.from.as_deref())?;
    let to = opt_date(&store, args.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        bail!("--from {f} is after --to {t}");
    }
    let format = match (
        args.format,
        args.output.as_deref().and_then(|p| p.extension()),
    ) {
        (Some(f), _) => f,
        (None, Some(ext))
            if ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("json") =>
        {
            ExportFormat::Jsonl
        }
        _ => ExportFormat::Csv,
    };
    let encoding = match &args.encoding {
        Some(e) => CsvEncoding::parse(e)?,
        None => store.config.csv_encoding,
    };
    let cols: Vec<Col> = if args.all_versions {
        Col::BATCH
            .iter()
            .chain(Col::VERSIONS.iter())
            .copied()
            .collect()
    } else {
        Col::BATCH.to_vec()
    };
    let mut sink = Sink::open(args.output.as_deref())?;
    if format == ExportFormat::Csv {
        let mut head = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        head.write_record(header(&cols, lang))?;
        let text = String::from_utf8(head.into_inner().map_err(|e| e.into_error())?)?;
        sink.write(&encoding.encode(&text))?;
    }
    let mut count = 0usize;
    let days = store.days_between(from, to)?;
    let mut progress = Progress::new(days.len() as u64, "export");
    for day in days {
        progress.inc(1);
        let log = store.day(day)?;
        let entries: Vec<&Entry> = if args.all_versions {
            log.written().collect()
        } else {
            let mut standing: Vec<&Entry> = log
                .standing()
                .into_values()
                .filter(|e| e.op == Op::Record)
                .collect();
            standing.sort_by(|a, b| id_order(&a.person, &b.person));
            standing
        };
        count += entries.len();
        let chunk = match format {
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(Vec::new());
                for e in &entries {
                    let name = roster.get(&e.person).map(|p| p.name.as_str()).unwrap_or("");
                    w.write_record(entry_cells(e, name, &cols, lang))?;
                }
                let text = String::from_utf8(w.into_inner().map_err(|e| e.into_error())?)?;
                match encoding {
                    CsvEncoding::Gbk => CsvEncoding::Gbk.encode(&text),
                    _ => text.into_bytes(),
                }
            }
            ExportFormat::Jsonl => {
                let mut out = Vec::new();
                for e in &entries {
                    out.extend_from_slice(&e.to_line());
                }
                out
            }
        };
        sink.write(&chunk)?;
    }
    sink.finish()?;
    if let Some(path) = &args.output {
        note(format_args!("wrote {} ({count} entries)", path.display()));
    }
    Ok(Status::Done)
}
