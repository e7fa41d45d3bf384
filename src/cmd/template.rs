//! `template [--date D]`: the batch CSV for a day, one row per person
//! expected, with their carried values filled in (contact while an
//! observation is open) and temperature empty.

use anyhow::Result;

use super::{Globals, date_or_today, open_for_report};
use crate::Status;
use crate::batch::{Col, header, template_cells};
use crate::cli::TemplateArgs;
use crate::output::{Sink, note};
use crate::person::Person;

pub fn run(g: &Globals, args: TemplateArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let lang = g.lang(&store);
    let date = date_or_today(&store, args.date.as_deref())?;
    let encoding = args.file.csv_encoding(store.config.csv_encoding)?;
    let roster = roster.as_of(date);
    let people: Vec<&Person> = roster.active_on(date).collect();
    let standings = crate::episode::standings(&store, &store.config, &people, date)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header(&Col::BATCH, lang))?;
    for p in &people {
        let standing = standings.get(&p.id);
        writer.write_record(template_cells(
            date,
            &p.id,
            &p.name,
            standing.map(|(r, _)| r),
            &standing.map(|(_, e)| *e).unwrap_or_default(),
            p.is_staff(),
            lang,
        ))?;
    }
    let text = String::from_utf8(writer.into_inner().map_err(|e| e.into_error())?)?;
    let mut sink = Sink::open(args.file.output.as_deref())?;
    sink.write(&encoding.encode(&text))?;
    sink.finish()?;
    if let Some(path) = &args.file.output {
        note(format_args!(
            "wrote {} ({} people)",
            path.display(),
            people.len()
        ));
    }
    Ok(Status::Done)
}
