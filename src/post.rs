//! Frontline posts (党员先锋岗) and the supply shortages reported for the
//! communities they support (SPEC §9). Both are kept as append-only events
//! (`posts.jsonl`, `supplies.jsonl`); the state is computed from them, with
//! what `undo` took back masked by the store, so history is never lost.

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::fold::fold;

/// A registered post: a community or compound staff are sent to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Stable id (P001, P002…), so a renamed post keeps its shortages.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Former names: records written before a rename still match the post.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostOp {
    Add,
    Edit,
}

/// One line of `posts.jsonl`: the post as it is after an add or edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostEvent {
    pub id: String,
    pub op: PostOp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<Post>,
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

impl PostEvent {
    /// What `check` requires of a line beyond its JSON shape.
    pub fn validate(&self) -> Result<()> {
        match self.op {
            PostOp::Add | PostOp::Edit => match &self.post {
                Some(p) if !p.id.trim().is_empty() && !p.name.trim().is_empty() => Ok(()),
                _ => bail!(crate::t!("post-event-incomplete")),
            },
        }
    }
}

/// The posts as they stand: the latest version of each, in id order.
#[derive(Debug, Clone, Default)]
pub struct Posts {
    posts: Vec<Post>,
}

impl Posts {
    pub fn from_events(events: &[PostEvent]) -> Posts {
        let mut posts: Vec<Post> = Vec::new();
        for e in events {
            let Some(p) = &e.post else { continue };
            match posts.iter_mut().find(|q| q.id == p.id) {
                Some(q) => *q = p.clone(),
                None => posts.push(p.clone()),
            }
        }
        posts.sort_by(|a, b| crate::person::id_order(&a.id, &b.id));
        Posts { posts }
    }

    pub fn all(&self) -> &[Post] {
        &self.posts
    }

    pub fn get(&self, id: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.id == id)
    }

    /// The registered post whose name, or a former name, folds to the
    /// same text as `name`.
    pub fn by_name(&self, name: &str) -> Option<&Post> {
        let key = fold(name);
        self.posts
            .iter()
            .find(|p| fold(&p.name) == key)
            .or_else(|| {
                self.posts
                    .iter()
                    .find(|p| p.aliases.iter().any(|a| fold(a) == key))
            })
    }

    /// POST as the user typed it: an id, else a name (NFKC and case
    /// folded). An unknown one suggests the closest names.
    pub fn find(&self, query: &str) -> Result<&Post> {
        let q = query.trim();
        if let Some(p) = self.posts.iter().find(|p| p.id.eq_ignore_ascii_case(q)) {
            return Ok(p);
        }
        if let Some(p) = self.by_name(q) {
            return Ok(p);
        }
        let close = closest(self.posts.iter().map(|p| p.name.as_str()), q);
        if close.is_empty() {
            bail!(crate::t!("post-unknown", post = q));
        }
        bail!(crate::t!(
            "post-unknown-close",
            post = q,
            close = crate::i18n::join_list(&close)
        ));
    }

    /// The id for the next new post.
    pub fn next_id(&self) -> String {
        let highest = self
            .posts
            .iter()
            .filter_map(|p| p.id.strip_prefix('P').and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        format!("P{:03}", highest + 1)
    }
}

/// Up to three of `names` closest to `query` by edit distance over folded
/// characters, or containing it.
pub fn closest<'a>(names: impl Iterator<Item = &'a str>, query: &str) -> Vec<String> {
    let q = fold(query);
    let q_len = q.chars().count().max(1);
    let mut scored: Vec<(usize, &str)> = names
        .map(|n| (strsim::levenshtein(&fold(n), &q), n))
        .filter(|(dist, n)| {
            let f = fold(n);
            let len = f.chars().count().max(q_len);
            *dist * 2 <= len + 1 || f.contains(&q) || q.contains(&f)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_string())
        .collect()
}

/// A text value the user typed: trimmed, empty is none, control and
/// bidi-override characters refused (SPEC §6 v2).
pub fn clean_text(what: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().any(|c| {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }) {
        bail!(crate::t!(
            "text-control",
            what = what,
            text = t.escape_debug().to_string()
        ));
    }
    Ok(Some(t.to_string()))
}

// ---- supplies ----

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyOp {
    /// A shortage as of `date` (again on the same day: a correction).
    Report,
    /// The shortage was filled.
    Resolve,
}

/// One line of `supplies.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplyEvent {
    pub id: String,
    pub op: SupplyOp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The post's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub have: Option<u64>,
    /// For a resolve: who filled it (e.g. 机关工委).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

impl SupplyEvent {
    /// What `check` requires of a line beyond its JSON shape.
    pub fn validate(&self) -> Result<()> {
        match self.op {
            SupplyOp::Report | SupplyOp::Resolve => {
                if self.date.is_none() || self.post.is_none() || self.item.is_none() {
                    bail!(crate::t!("supply-event-incomplete"));
                }
                if self.op == SupplyOp::Report && self.need.is_none() {
                    bail!(crate::t!("supply-event-no-need"));
                }
                Ok(())
            }
        }
    }

    fn key(&self) -> Option<(String, String)> {
        Some((self.post.clone()?, fold(self.item.as_deref()?)))
    }
}

/// How a shortage was filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub date: NaiveDate,
    pub by: Option<String>,
    pub note: Option<String>,
}

/// One shortage (a post and an item) as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortage {
    pub post: String,
    pub item: String,
    pub unit: Option<String>,
    pub need: u64,
    pub have: u64,
    /// The day of the report that stands.
    pub reported: NaiveDate,
    pub note: Option<String>,
    pub resolved: Option<Resolution>,
    /// Reports of the standing day, corrections included.
    pub versions: usize,
}

impl Shortage {
    pub fn gap(&self) -> u64 {
        self.need.saturating_sub(self.have)
    }
}

/// Every shortage as of `date`, in the order first reported. For one post
/// and item (item names folded): a report on the standing report's day is a
/// correction (the newest wins, its resolution stays); a report on a later
/// day is a new shortage; a resolve marks the standing one solved.
pub fn shortages_as_of(events: &[SupplyEvent], date: NaiveDate) -> Vec<Shortage> {
    let mut live: Vec<&SupplyEvent> = events
        .iter()
        .filter(|e| e.date.is_some_and(|d| d <= date))
        .collect();
    // By day; within a day, in the order written.
    live.sort_by_key(|e| e.date);
    let mut order: Vec<(String, String)> = Vec::new();
    let mut state: HashMap<(String, String), Shortage> = HashMap::new();
    for e in live {
        let (Some(key), Some(day)) = (e.key(), e.date) else {
            continue;
        };
        match e.op {
            SupplyOp::Report => {
                let item = e.item.clone().unwrap_or_default();
                let fresh = Shortage {
                    post: key.0.clone(),
                    item,
                    unit: e.unit.clone(),
                    need: e.need.unwrap_or(0),
                    have: e.have.unwrap_or(0),
                    reported: day,
                    note: e.note.clone(),
                    resolved: None,
                    versions: 1,
                };
                match state.get_mut(&key) {
                    Some(s) if s.reported == day => {
                        let resolved = s.resolved.take();
                        let versions = s.versions + 1;
                        *s = Shortage {
                            resolved,
                            versions,
                            ..fresh
                        };
                    }
                    Some(s) => *s = fresh,
                    None => {
                        order.push(key.clone());
                        state.insert(key, fresh);
                    }
                }
            }
            SupplyOp::Resolve => {
                if let Some(s) = state.get_mut(&key) {
                    s.resolved = Some(Resolution {
                        date: day,
                        by: e.resolved_by.clone(),
                        note: e.note.clone(),
                    });
                }
            }
        }
    }
    order.into_iter().filter_map(|k| state.remove(&k)).collect()
}

/// The shortage of `item` at `post` standing on `date`, if any.
pub fn standing<'a>(shortages: &'a [Shortage], post: &str, item: &str) -> Option<&'a Shortage> {
    let item = fold(item);
    shortages
        .iter()
        .find(|s| s.post == post && fold(&s.item) == item)
}

/// A quantity as typed: a whole number, 0 or more (full-width digits fine).
pub fn parse_quantity(flag: &str, text: &str) -> Result<u64> {
    let t = fold(text.trim());
    if let Ok(n) = t.parse::<u64>() {
        return Ok(n);
    }
    if t.parse::<f64>().is_ok_and(|v| v < 0.0) {
        bail!(crate::t!("quantity-negative", flag = flag, text = text));
    }
    if t.parse::<f64>().is_ok_and(f64::is_finite) {
        bail!(crate::t!("quantity-whole", flag = flag, text = text));
    }
    bail!(crate::t!("quantity-not-number", flag = flag, text = text));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 2, d).unwrap()
    }

    fn report(id: &str, d: u32, item: &str, need: u64, have: u64) -> SupplyEvent {
        SupplyEvent {
            id: id.into(),
            op: SupplyOp::Report,
            date: Some(day(d)),
            post: Some("P001".into()),
            item: Some(item.into()),
            unit: None,
            need: Some(need),
            have: Some(have),
            resolved_by: None,
            note: None,
            at: at(),
            by: "clerk".into(),
        }
    }

    fn resolve(id: &str, d: u32, item: &str) -> SupplyEvent {
        SupplyEvent {
            op: SupplyOp::Resolve,
            need: None,
            have: None,
            resolved_by: Some("机关工委".into()),
            ..report(id, d, item, 0, 0)
        }
    }

    #[test]
    fn a_same_day_report_corrects_and_a_later_one_reopens() {
        let events = vec![
            report("a", 12, "口罩", 500, 100),
            report("b", 12, "ＫＮ95口罩", 50, 0),
            report("c", 12, "口罩", 600, 100),
            resolve("d", 14, "口罩"),
            report("e", 16, "口罩", 300, 0),
        ];
        let s = shortages_as_of(&events, day(13));
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].need, s[0].gap(), s[0].versions), (600, 500, 2));
        assert!(s[0].resolved.is_none());
        let s = shortages_as_of(&events, day(15));
        assert_eq!(s[0].resolved.as_ref().map(|r| r.date), Some(day(14)));
        let s = shortages_as_of(&events, day(16));
        assert_eq!((s[0].need, s[0].reported), (300, day(16)));
        assert!(s[0].resolved.is_none());
        assert!(standing(&s, "P001", "kn95口罩").is_some());
    }

    #[test]
    fn quantities_are_whole_and_not_negative() {
        assert_eq!(parse_quantity("--need", "１２").unwrap(), 12);
        assert_eq!(parse_quantity("--need", " 0 ").unwrap(), 0);
        assert!(
            parse_quantity("--need", "-5")
                .unwrap_err()
                .to_string()
                .contains("负数")
        );
        assert!(
            parse_quantity("--need", "很多")
                .unwrap_err()
                .to_string()
                .contains("不是数字")
        );
        assert!(parse_quantity("--need", "1.5").is_err());
    }

    #[test]
    fn posts_match_folded_and_suggest_close_names() {
        let ev = |id: &str, pid: &str, name: &str| PostEvent {
            id: id.into(),
            op: PostOp::Add,
            post: Some(Post {
                id: pid.into(),
                name: name.into(),
                community: None,
                contact: None,
                phone: None,
                aliases: vec![],
            }),
            at: at(),
            by: "x".into(),
        };
        let posts = Posts::from_events(&[ev("1", "P001", "东城社区"), ev("2", "P002", "Ａ小区")]);
        assert_eq!(posts.find("a小区").unwrap().id, "P002");
        assert_eq!(posts.find("p001").unwrap().name, "东城社区");
        let err = posts.find("东成社区").unwrap_err().to_string();
        assert!(err.contains("是否要找 东城社区"), "{err}");
        assert_eq!(posts.next_id(), "P003");
    }
}
