//! `template [--date D]`: the batch file for a day, one row per person
//! expected, with their carried values filled in (contact while an
//! observation is open) and temperature empty: CSV, or a workbook with
//! drop-downs that `record --batch` reads the same; or, with `--format
//! chat`, the 接龙 starter that `record --chat` reads.

use crate::t;
use anyhow::Result;

use super::{Globals, date_or_today, open_for_report};
use crate::Status;
use crate::batch::{Col, batch_table, template_cells};
use crate::cli::{Format, SheetFormat, TemplateArgs};
use crate::i18n::L;
use crate::output::{Sink, check_binary_to_terminal, note};
use crate::person::Person;
use crate::render::{self, Document};

pub fn run(g: &Globals, args: TemplateArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let lang = g.lang(&store);
    let date = date_or_today(&store, args.date.as_deref())?;
    let encoding = args.file.csv_encoding(store.config.csv_encoding)?;
    let output = args.file.output.as_deref();
    let format = args.format.unwrap_or_else(|| match output {
        Some(p) if crate::sheet::is_workbook(p) => SheetFormat::Xlsx,
        _ => SheetFormat::Csv,
    });
    let roster = roster.as_of(date);
    let people: Vec<&Person> = roster.active_on(date).collect();
    let standings = crate::episode::standings(&store, &store.config, &people, date)?;
    let mut doc = Document::for_day(&store.config.org, L::TemplateTitle, date, lang);
    // A file to fill in and read back: nothing below the rows.
    doc.sign_off = false;
    let mut table = batch_table(&Col::BATCH, lang);
    for p in &people {
        let standing = standings.get(&p.id);
        table.push(template_cells(
            date,
            &p.id,
            &p.name,
            standing.map(|(r, _)| r),
            &standing.map(|(_, e)| *e).unwrap_or_default(),
            p.is_staff(),
            lang,
        ));
    }
    doc.table(table);
    // The rows hold what they need: the records go before the file is made.
    drop(standings);
    let bytes = match format {
        SheetFormat::Csv => encoding.encode(render::csv::render(&doc)),
        SheetFormat::Xlsx => {
            check_binary_to_terminal(Format::Xlsx, output)?;
            render::xlsx::render(&doc)?
        }
        SheetFormat::Chat => crate::chat::starter(date, &people, lang).into_bytes(),
    };
    let mut sink = Sink::open(output)?;
    sink.write(&bytes)?;
    sink.finish()?;
    if let Some(path) = output.filter(|p| !crate::output::is_stdout(p)) {
        note(t!(
            "template-wrote-people",
            path = path.display().to_string(),
            people = people.len().to_string()
        ));
    }
    Ok(Status::Done)
}
