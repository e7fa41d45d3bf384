//! `post list`: the registered posts, then the posts used in frontline
//! records without being registered (flagged), with the person-days each
//! has in the records.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::Report;
use super::frontline::Service;
use crate::cli::Lang;
use crate::fold::fold;
use crate::i18n::L;
use crate::post::Posts;
use crate::render::{Cell, Document, Table};

#[derive(Debug, Clone, Serialize)]
pub struct PostLine {
    /// None for a post used in records but not registered.
    pub id: Option<String>,
    pub name: String,
    pub community: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub registered: bool,
    /// Frontline person-days recorded at the post.
    pub person_days: usize,
}

#[derive(Debug, Clone)]
pub struct PostList {
    pub org: String,
    pub posts: Vec<PostLine>,
}

impl PostList {
    pub fn new(org: &str, posts: &Posts, services: &[Service]) -> PostList {
        let mut used: HashMap<String, (String, usize)> = HashMap::new();
        for s in services {
            let Some(text) = s.post.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
                continue;
            };
            // A former name counts for the post that now has it.
            let key = posts
                .by_name(text)
                .map_or_else(|| fold(text), |p| fold(&p.name));
            used.entry(key).or_insert_with(|| (text.to_string(), 0)).1 += 1;
        }
        let mut lines: Vec<PostLine> = posts
            .all()
            .iter()
            .map(|p| PostLine {
                id: Some(p.id.clone()),
                name: p.name.clone(),
                community: p.community.clone(),
                contact: p.contact.clone(),
                phone: p.phone.clone(),
                registered: true,
                person_days: used.remove(&fold(&p.name)).map_or(0, |u| u.1),
            })
            .collect();
        let mut rest: Vec<(String, usize)> = used.into_values().collect();
        rest.sort();
        lines.extend(rest.into_iter().map(|(name, days)| PostLine {
            id: None,
            name,
            community: None,
            contact: None,
            phone: None,
            registered: false,
            person_days: days,
        }));
        PostList {
            org: org.to_string(),
            posts: lines,
        }
    }
}

impl Report for PostList {
    fn to_json(&self, _lang: Lang) -> Value {
        serde_json::to_value(&self.posts).unwrap_or(Value::Null)
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::new(&self.org, L::PostsTitle, "", lang);
        let mut table = Table::labelled(
            &[
                L::No,
                L::PostId,
                L::PostName,
                L::PostCommunity,
                L::PostContact,
                L::Phone,
                L::Registered,
                L::PersonDays,
            ],
            lang,
        );
        for (i, p) in self.posts.iter().enumerate() {
            table.push(vec![
                Cell::int(i + 1),
                Cell::opt(p.id.clone()),
                Cell::text(p.name.clone()),
                Cell::opt(p.community.clone()),
                Cell::opt(p.contact.clone()),
                Cell::opt(p.phone.clone()),
                Cell::text(if p.registered {
                    L::Yes.text(lang)
                } else {
                    L::Unregistered.text(lang)
                }),
                Cell::int(p.person_days),
            ]);
        }
        doc.table(table);
        let unregistered: Vec<&str> = self
            .posts
            .iter()
            .filter(|p| !p.registered)
            .map(|p| p.name.as_str())
            .collect();
        if !unregistered.is_empty() {
            doc.lines(vec![format!(
                "{}{}{}",
                L::UnregisteredPosts.text(lang),
                L::Colon.text(lang),
                unregistered.join(L::ListSep.text(lang))
            )]);
        }
        doc
    }
}
