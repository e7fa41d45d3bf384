//! `trend`: counts per day over a period, with a chart.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::daily::Daily;
use super::{Ctx, Report};
use crate::cli::Lang;
use crate::i18n::L;
use crate::render::{Cell, Chart, Document, Series, Table};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DayCounts {
    pub date: NaiveDate,
    pub expected: usize,
    pub reported: usize,
    pub missing: usize,
    pub fever: usize,
    pub contact: usize,
    pub isolated: usize,
}

#[derive(Debug, Clone)]
pub struct Trend {
    pub org: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<DayCounts>,
}

impl Trend {
    /// Reads each day's file of the period once.
    pub fn compute(
        ctx: &Ctx,
        from: NaiveDate,
        to: NaiveDate,
        mut progress: impl FnMut(),
    ) -> Result<Trend> {
        let mut days = Vec::new();
        for date in crate::dates::days(from, to) {
            let t = Daily::compute(ctx, date)?.totals;
            days.push(DayCounts {
                date,
                expected: t.expected,
                reported: t.reported,
                missing: t.expected - t.reported,
                fever: t.fever,
                contact: t.contact,
                isolated: t.isolated,
            });
            progress();
        }
        Ok(Trend {
            org: ctx.config.org.clone(),
            from,
            to,
            days,
        })
    }
}

impl Report for Trend {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(&self.days).unwrap_or(Value::Null)
    }

    fn document(&self, lang: Lang) -> Document {
        let period = format!("{} ~ {}", self.from, self.to);
        let mut doc = Document::new(&self.org, L::TrendTitle, &period, lang);
        let mut table = Table::labelled(
            &[
                L::Date,
                L::Expected,
                L::Reported,
                L::Missing,
                L::Fever,
                L::ContactCount,
                L::Isolated,
            ],
            lang,
        );
        for d in &self.days {
            table.push(vec![
                Cell::text(d.date.to_string()),
                Cell::int(d.expected),
                Cell::int(d.reported),
                Cell::int(d.missing),
                Cell::int(d.fever),
                Cell::int(d.contact),
                Cell::int(d.isolated),
            ]);
        }
        doc.table(table);
        let series = |label: L, f: fn(&DayCounts) -> usize| Series {
            name: label.text(lang).to_string(),
            values: self.days.iter().map(|d| f(d) as u64).collect(),
        };
        doc.chart(Chart {
            days: self.days.iter().map(|d| d.date).collect(),
            series: vec![
                series(L::Reported, |d| d.reported),
                series(L::Fever, |d| d.fever),
                series(L::ContactCount, |d| d.contact),
                series(L::Isolated, |d| d.isolated),
            ],
        });
        doc
    }
}
