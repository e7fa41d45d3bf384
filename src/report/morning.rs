//! `print`: the head's morning in one file (SPEC §9): the summary (alerts
//! and missing on its first page), the daily report and the resident
//! table, each a part that starts a new page (a sheet of its own in a
//! workbook).

use serde_json::{Value, json};

use super::Report;
use super::daily::Daily;
use super::residents::Residents;
use super::summary::Summary;
use crate::cli::Lang;
use crate::i18n::L;
use crate::render::Document;

pub struct Morning<'a> {
    pub summary: Summary,
    pub daily: Daily<'a>,
    pub residents: Residents,
}

impl Report for Morning<'_> {
    fn to_json(&self, lang: Lang) -> Value {
        json!({
            "summary": self.summary.to_json(lang),
            "daily": self.daily.to_json(lang),
            "residents": self.residents.to_json(lang),
        })
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(self.daily.org, L::MorningTitle, self.daily.date, lang);
        doc.append_part(self.summary.document(lang));
        doc.append_part(self.daily.document(lang));
        doc.append_part(self.residents.document(lang));
        doc
    }
}
