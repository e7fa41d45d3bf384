//! Reports are computed once into a value; `render` turns that value into
//! any format. Computation reads only the days a report needs.

pub mod alerts;
pub mod daily;
pub mod frontline;
pub mod history;
pub mod missing;
pub mod morning;
pub mod posts;
pub mod residents;
pub mod roster;
pub mod summary;
pub mod supplies;
pub mod trend;

use std::path::Path;

use anyhow::Result;
use serde_json::Value;

use crate::cli::{Format, Lang};
use crate::csvio::CsvEncoding;
use crate::render::{self, Document};
use crate::store::{Config, Roster, Store};

/// A computed report.
pub trait Report {
    /// The report's data with the English keys of SPEC §4.
    fn to_json(&self, lang: Lang) -> Value;
    /// The JSON as text. A report of many rows writes them straight from
    /// its data instead of building a `Value` first.
    fn json_bytes(&self, lang: Lang) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec_pretty(&self.to_json(lang))
    }
    /// The report laid out for people, in one language.
    fn document(&self, lang: Lang) -> Document;
    /// The text to post in the WeChat group, for reports that have one.
    fn chat(&self, _lang: Lang) -> Option<String> {
        None
    }
}

/// What every report computation needs.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub roster: &'a Roster,
    pub config: &'a Config,
}

/// One computed report in one format, handed to `out` in pieces (text a
/// few hundred rows at a time; other formats whole).
pub fn render(
    report: &dyn Report,
    format: Format,
    lang: Lang,
    encoding: CsvEncoding,
    terminal: bool,
    browser: Option<&Path>,
    out: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let bytes = match format {
        Format::Json => {
            let mut bytes = report.json_bytes(lang)?;
            bytes.push(b'\n');
            bytes
        }
        Format::Text => {
            return render::text::write(&report.document(lang), terminal, &mut |text| {
                out(text.as_bytes())
            });
        }
        Format::Csv => encoding.encode(render::csv::render(&report.document(lang))),
        Format::Markdown => render::markdown::render(&report.document(lang)).into_bytes(),
        Format::Html => {
            return render::html::write(&report.document(lang), &mut |html| out(html.as_bytes()));
        }
        Format::Xlsx => render::xlsx::render(&report.document(lang))?,
        Format::Pdf => render::pdf::render(&report.document(lang), browser)?,
        Format::Chat => report
            .chat(lang)
            .ok_or_else(|| crate::UsageError(crate::i18n::tr(lang, "report-chat-format-only")))?
            .into_bytes(),
    };
    out(&bytes)
}
