//! `template [--date D]`: the batch CSV for a day, one row per person
//! expected, with their carried values filled in and temperature empty.

use anyhow::Result;
use chrono::NaiveDate;

use super::{Globals, date_or_today, open_for_report};
use crate::batch::{Col, header, template_cells};
use crate::cli::TemplateArgs;
use crate::cli::{Format, Lang};
use crate::output::{Sink, note};
use crate::person::Person;
use crate::{Status, UsageError};

pub fn run(g: &Globals, args: TemplateArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let lang = g.lang(&store);
    let date = date_or_today(&store, args.date.as_deref())?;
    let encoding = args.file.csv_encoding(store.config.csv_encoding)?;
    let people: Vec<&Person> = roster.active_on(date).collect();
    match args.format.unwrap_or(Format::Csv) {
        Format::Csv => {}
        Format::Chat => return chat_starter(&people, date, lang, &args),
        _ => {
            return Err(UsageError(match lang {
                Lang::Zh => "template 只写 csv（批量表格）或 chat（接龙）".to_string(),
                Lang::En => "template writes csv (the batch CSV) or chat (the roll-call starter)"
                    .to_string(),
            })
            .into());
        }
    }
    let latest = store.latest_records(&people, date)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header(&Col::BATCH, lang))?;
    for p in &people {
        writer.write_record(template_cells(
            date,
            &p.id,
            &p.name,
            latest.get(&p.id),
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

/// The 接龙 starter (see `chat::starter`).
fn chat_starter(
    people: &[&Person],
    date: NaiveDate,
    lang: Lang,
    args: &TemplateArgs,
) -> Result<Status> {
    let text = crate::chat::starter(date, people, lang);
    let mut sink = Sink::open(args.file.output.as_deref())?;
    sink.write(text.as_bytes())?;
    sink.finish()?;
    if let Some(path) = &args.file.output {
        note(format_args!("wrote {}", path.display()));
    }
    Ok(Status::Done)
}
