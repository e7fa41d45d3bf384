//! `trend`: counts per day over a period, with a chart.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::daily::{COUNT_COLUMNS, Counts, Daily};
use super::{Ctx, Report};
use crate::cli::Lang;
use crate::episode::Openers;
use crate::i18n::L;
use crate::person::Person;
use crate::record::Record;
use crate::render::{Cell, Chart, Document, Series, Table};
use rayon::prelude::*;

/// A day of `trend --format json`.
#[derive(Serialize)]
struct DayCounts {
    date: NaiveDate,
    expected: usize,
    reported: usize,
    missing: usize,
    fever: usize,
    contact: usize,
    isolated: usize,
}

#[derive(Debug, Clone)]
pub struct Trend {
    pub org: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Each day's totals, as `daily` counts them.
    pub days: Vec<(NaiveDate, Counts)>,
}

impl Trend {
    /// Reads each day's file of the period once, walking forward from
    /// everyone's latest record before it, so each day's episodes are as
    /// `daily` of that day counts them.
    pub fn compute(
        ctx: &Ctx,
        from: NaiveDate,
        to: NaiveDate,
        mut progress: impl FnMut(),
    ) -> Result<Trend> {
        let people: Vec<&Person> = ctx
            .roster
            .all()
            .iter()
            .filter(|p| p.since.is_none_or(|s| s <= to) && p.until.is_none_or(|u| from <= u))
            .collect();
        let mut latest = ctx
            .store
            .latest_records(&people, from - Duration::days(1))?;
        let mut openers = Openers::new(ctx.store, ctx.config);
        let mut days = Vec::new();
        let dates: Vec<NaiveDate> = crate::dates::days(from, to).collect();
        // Reading and parsing the day files is most of a trend: rayon reads
        // a few days at a time in parallel (a chunk, so memory stays a few
        // days of records, not the period's); the walk forward, which
        // carries each day into the next, stays in order.
        let chunk = rayon::current_num_threads().max(1) * 2;
        for window in dates.chunks(chunk) {
            let parsed: Vec<Result<HashMap<String, Record>>> = window
                .par_iter()
                .map(|&date| Ok(ctx.store.day(date)?.into_records()))
                .collect();
            for (&date, records) in window.iter().zip(parsed) {
                latest.extend(records?);
                // Each day with the roster as it stood (see `Roster::as_of`).
                let roster = ctx.roster.as_of(date);
                let day_ctx = Ctx {
                    roster: &roster,
                    ..*ctx
                };
                let daily = Daily::build(&day_ctx, date, &mut latest, &mut openers)?;
                days.push((date, daily.totals.clone()));
                daily.give_back(&mut latest);
                progress();
            }
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
        let days: Vec<DayCounts> = self
            .days
            .iter()
            .map(|(date, c)| DayCounts {
                date: *date,
                expected: c.expected,
                reported: c.reported,
                missing: c.missing(),
                fever: c.fever,
                contact: c.contact,
                isolated: c.isolated,
            })
            .collect();
        serde_json::to_value(days).unwrap_or(Value::Null)
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_days(&self.org, L::TrendTitle, self.from, self.to, lang);
        let mut table = Table::labelled(&[&[L::Date][..], &COUNT_COLUMNS].concat(), lang);
        for (date, c) in &self.days {
            table.push(c.row(Cell::Date(*date)));
        }
        doc.table(table);
        let series = |label: L, f: fn(&Counts) -> usize| Series {
            name: label.text(lang).to_string(),
            values: self.days.iter().map(|(_, c)| f(c) as u64).collect(),
        };
        doc.chart(Chart {
            days: self.days.iter().map(|(date, _)| *date).collect(),
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
