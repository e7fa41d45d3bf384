//! `supplies`: the supply-shortage table (《"共产党员先锋岗"包保小区防控疫情
//! 物资欠缺情况统计表》, SPEC §9) as of a day: one row per post and item
//! (the standing report, corrections applied), then the total shortage per
//! item. The HTML form ends with the sign-off lines like every form.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::Report;
use crate::cli::Lang;
use crate::fold::fold;
use crate::i18n::L;
use crate::post::{Posts, Shortage};
use crate::render::{Cell, Document, Table, long_date};

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The post's name (its id if it is no longer registered).
    pub post: String,
    pub post_id: String,
    pub item: String,
    pub unit: Option<String>,
    pub need: u64,
    pub have: u64,
    pub gap: u64,
    pub reported: NaiveDate,
    /// `unsolved` or `solved`.
    pub status: &'static str,
    pub resolved_by: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// Reports of the standing day: more than one means it was corrected.
    pub versions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemTotal {
    pub item: String,
    pub unit: Option<String>,
    pub gap: u64,
    pub unsolved_gap: u64,
}

#[derive(Debug, Clone)]
pub struct SupplyTable {
    pub org: String,
    pub date: NaiveDate,
    pub rows: Vec<Row>,
    pub totals: Vec<ItemTotal>,
}

impl SupplyTable {
    pub fn new(org: &str, posts: &Posts, shortages: Vec<Shortage>, date: NaiveDate) -> SupplyTable {
        let rows: Vec<Row> = shortages
            .into_iter()
            .map(|s| Row {
                post: posts
                    .get(&s.post)
                    .map_or_else(|| s.post.clone(), |p| p.name.clone()),
                gap: s.gap(),
                status: if s.resolved.is_some() {
                    "solved"
                } else {
                    "unsolved"
                },
                resolved_by: s.resolved.as_ref().and_then(|r| r.by.clone()),
                resolved_on: s.resolved.as_ref().map(|r| r.date),
                note: join_notes(
                    s.note.as_deref(),
                    s.resolved.as_ref().and_then(|r| r.note.as_deref()),
                ),
                post_id: s.post,
                item: s.item,
                unit: s.unit,
                need: s.need,
                have: s.have,
                reported: s.reported,
                versions: s.versions,
            })
            .collect();
        // Items (folded, with their unit) in the order first listed.
        let mut totals: Vec<ItemTotal> = Vec::new();
        let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
        for r in &rows {
            let key = (fold(&r.item), r.unit.as_deref().map(fold));
            let i = *index.entry(key).or_insert_with(|| {
                totals.push(ItemTotal {
                    item: r.item.clone(),
                    unit: r.unit.clone(),
                    gap: 0,
                    unsolved_gap: 0,
                });
                totals.len() - 1
            });
            totals[i].gap += r.gap;
            if r.status == "unsolved" {
                totals[i].unsolved_gap += r.gap;
            }
        }
        SupplyTable {
            org: org.to_string(),
            date,
            rows,
            totals,
        }
    }

    pub fn unsolved(&self) -> usize {
        self.rows.iter().filter(|r| r.status == "unsolved").count()
    }
}

fn join_notes(a: Option<&str>, b: Option<&str>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}；{b}")),
        (Some(x), None) | (None, Some(x)) => Some(x.to_string()),
        (None, None) => None,
    }
}

/// 口罩（个） / masks (box).
fn item_label(item: &str, unit: Option<&str>, lang: Lang) -> String {
    match (unit, lang) {
        (Some(u), Lang::Zh) => format!("{item}（{u}）"),
        (Some(u), Lang::En) => format!("{item} ({u})"),
        (None, _) => item.to_string(),
    }
}

impl Report for SupplyTable {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::json!({
            "org": self.org,
            "date": self.date,
            "rows": self.rows,
            "totals": self.totals,
            "unsolved": self.unsolved(),
        })
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_day(&self.org, L::SuppliesTitle, self.date, lang);
        let mut table = Table::labelled(
            &[
                L::No,
                L::SupplyPost,
                L::ItemName,
                L::Need,
                L::Have,
                L::Gap,
                L::ReportedOn,
                L::Status,
                L::SolvedBy,
                L::Note,
            ],
            lang,
        );
        for (i, r) in self.rows.iter().enumerate() {
            let status = if r.status == "solved" {
                L::Solved
            } else {
                L::Unsolved
            };
            let mut note = r.note.clone().unwrap_or_default();
            if r.versions > 1 {
                if !note.is_empty() {
                    note.push_str(L::GroupSep.text(lang));
                }
                note.push_str(L::Corrected.text(lang));
            }
            let solved_by = match (&r.resolved_by, r.resolved_on) {
                (Some(by), _) => by.clone(),
                (None, Some(on)) => format!("{} {}", L::SolvedOn.text(lang), long_date(on, lang)),
                (None, None) => String::new(),
            };
            let row = vec![
                Cell::int(i + 1),
                Cell::text(r.post.clone()),
                Cell::text(item_label(&r.item, r.unit.as_deref(), lang)),
                Cell::Int(r.need),
                Cell::Int(r.have),
                Cell::Int(r.gap),
                Cell::Date(r.reported),
                Cell::text(status.text(lang)),
                Cell::text(solved_by),
                Cell::text(note),
            ];
            // Not marked: the paper's mark is explained as fever or alert;
            // 状态 says which shortages are open.
            table.push(row);
        }
        doc.table(table);

        // No shortages: the form and its "none" line, without an empty
        // second table.
        if !self.rows.is_empty() {
            doc.heading(L::ItemTotals.text(lang));
        }
        let mut totals = Table::labelled(&[L::ItemName, L::GapTotal, L::OpenGap], lang);
        for t in &self.totals {
            totals.push(vec![
                Cell::text(item_label(&t.item, t.unit.as_deref(), lang)),
                Cell::Int(t.gap),
                Cell::Int(t.unsolved_gap),
            ]);
        }
        if !self.rows.is_empty() {
            doc.table(totals);
        }

        let line = if self.rows.is_empty() {
            L::NoShortages.text(lang).to_string()
        } else {
            format!(
                "{}{}{} {}{}{}{} {}{}{}{} {}{}{}",
                L::TotalsLine.text(lang),
                L::Colon.text(lang),
                L::ShortagesLead.text(lang),
                self.rows.len(),
                L::ItemsUnit.text(lang),
                L::ListSep.text(lang),
                L::UnsolvedCount.text(lang),
                self.unsolved(),
                L::ItemsUnit.text(lang),
                L::ListSep.text(lang),
                L::SolvedCount.text(lang),
                self.rows.len() - self.unsolved(),
                L::ItemsUnit.text(lang),
                L::FullStop.text(lang),
            )
        };
        doc.lines(vec![line]);
        doc
    }
}
