//! `frontline`: the vanguard ledger (党员先锋岗台账, SPEC §9). Computed from
//! the records themselves: each person's standing record of each day
//! (corrections, voids and undos applied) with `work = frontline` is one
//! person-day at its post. Posts match registered ones after NFKC and case
//! folding; a post used in records but never registered is still listed,
//! flagged as unregistered.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::{Ctx, Report};
use crate::cli::Lang;
use crate::fold::fold;
use crate::i18n::{L, yes_no};
use crate::person::id_order;
use crate::post::Posts;
use crate::record::Work;
use crate::render::{Cell, Document, Table};
use crate::store::Store;

/// One person-day at the front: the person's standing record of the day.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub date: NaiveDate,
    pub person: String,
    /// The post as written in the record (none if it was left out).
    pub post: Option<String>,
}

/// Every frontline person-day from `from` (else the first recorded day) to
/// `to`. Day files without frontline work are passed over unparsed.
pub fn services(store: &Store, from: Option<NaiveDate>, to: NaiveDate) -> Result<Vec<Service>> {
    let needle = memchr::memmem::Finder::new(b"\"frontline\"");
    let mut out = Vec::new();
    for day in store.days_between(from, Some(to))? {
        let Some(log) = store.day_if(day, |bytes| needle.find(bytes).is_some())? else {
            continue;
        };
        for r in log.into_records().into_values() {
            if r.work == Some(Work::Frontline) {
                out.push(Service {
                    date: day,
                    person: r.person,
                    post: r.post,
                });
            }
        }
    }
    Ok(out)
}

/// One person's days at one post.
#[derive(Debug, Clone, Serialize)]
pub struct Served {
    pub person: String,
    pub name: String,
    pub party_member: bool,
    pub days: usize,
    /// Runs of consecutive days, first and last day of each.
    pub ranges: Vec<Range>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostRow {
    /// The registered name, else the name as first written in a record.
    pub post: String,
    /// The registered post's id; none if unregistered.
    pub post_id: Option<String>,
    pub community: Option<String>,
    pub registered: bool,
    pub people: Vec<Served>,
    pub person_days: usize,
    pub party_members: usize,
    /// Days on which anyone served at the post.
    pub days: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub person: String,
    pub name: String,
    pub dept: Option<String>,
    pub party_member: bool,
    pub days: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub posts: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub people: usize,
    pub party_members: usize,
    pub person_days: usize,
    /// Posts at which anyone served.
    pub posts: usize,
}

#[derive(Debug, Clone)]
pub struct Ledger {
    pub org: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub posts: Vec<PostRow>,
    pub people: Vec<PersonRow>,
    pub totals: Totals,
}

impl Ledger {
    /// The ledger of `from..=to`; `from` none means from the first record.
    pub fn compute(
        ctx: &Ctx,
        posts: &Posts,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Ledger> {
        let services = services(ctx.store, from, to)?;
        let from = from
            .or_else(|| services.iter().map(|s| s.date).min())
            .unwrap_or(to);
        Ok(Ledger::from_services(ctx, posts, &services, from, to))
    }

    pub fn from_services(
        ctx: &Ctx,
        posts: &Posts,
        services: &[Service],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Ledger {
        // Post key (folded name, "" for none) -> person -> days.
        let mut by_post: HashMap<String, HashMap<&str, BTreeSet<NaiveDate>>> = HashMap::new();
        let mut first_text: HashMap<String, &str> = HashMap::new();
        for s in services {
            // People not on the roster are left out, as in every report.
            if ctx.roster.get(&s.person).is_none() {
                continue;
            }
            let text = s.post.as_deref().map(str::trim).unwrap_or("");
            let key = match posts.by_name(text) {
                Some(p) => fold(&p.name),
                None => fold(text),
            };
            first_text.entry(key.clone()).or_insert(text);
            by_post
                .entry(key)
                .or_default()
                .entry(s.person.as_str())
                .or_default()
                .insert(s.date);
        }

        let mut rows: Vec<PostRow> = Vec::new();
        // Registered posts first, in id order (with nobody, too), then the
        // unregistered ones by name.
        for p in posts.all() {
            let key = fold(&p.name);
            let served = by_post.remove(&key).unwrap_or_default();
            rows.push(post_row(ctx, p.name.clone(), Some(p), served));
        }
        let mut rest: Vec<(String, HashMap<&str, BTreeSet<NaiveDate>>)> =
            by_post.into_iter().collect();
        rest.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
        for (key, served) in rest {
            let name = first_text.get(&key).copied().unwrap_or("").to_string();
            rows.push(post_row(ctx, name, None, served));
        }

        // Per person, across posts.
        type Posted = (BTreeSet<NaiveDate>, Vec<(NaiveDate, String)>);
        let mut people: HashMap<&str, Posted> = HashMap::new();
        for row in &rows {
            for s in &row.people {
                let entry = people.entry(s.person.as_str()).or_default();
                for r in &s.ranges {
                    entry.0.extend(crate::dates::days(r.from, r.to));
                }
                if let Some(first) = s.ranges.first() {
                    entry.1.push((first.from, row.post.clone()));
                }
            }
        }
        let mut people: Vec<PersonRow> = people
            .into_iter()
            .filter_map(|(id, (days, mut posts))| {
                let p = ctx.roster.get(id)?;
                // In the order first served at.
                posts.sort();
                let posts = posts.into_iter().map(|(_, name)| name).collect();
                Some(PersonRow {
                    person: p.id.clone(),
                    name: p.name.clone(),
                    dept: ctx.roster.dept_of(p).map(str::to_string),
                    party_member: p.party_member,
                    days: days.len(),
                    first: *days.first()?,
                    last: *days.last()?,
                    posts,
                })
            })
            .collect();
        people.sort_by(|a, b| {
            b.days
                .cmp(&a.days)
                .then(a.first.cmp(&b.first))
                .then_with(|| id_order(&a.person, &b.person))
        });
        let totals = Totals {
            people: people.len(),
            party_members: people.iter().filter(|p| p.party_member).count(),
            person_days: people.iter().map(|p| p.days).sum(),
            posts: rows.iter().filter(|r| r.person_days > 0).count(),
        };
        Ledger {
            org: ctx.config.org.clone(),
            from,
            to,
            posts: rows,
            people,
            totals,
        }
    }

    pub fn unregistered(&self) -> impl Iterator<Item = &PostRow> {
        self.posts.iter().filter(|r| !r.registered)
    }
}

fn post_row(
    ctx: &Ctx,
    name: String,
    registered: Option<&crate::post::Post>,
    served: HashMap<&str, BTreeSet<NaiveDate>>,
) -> PostRow {
    let mut all_days = BTreeSet::new();
    let mut people: Vec<Served> = served
        .into_iter()
        .filter_map(|(id, days)| {
            let p = ctx.roster.get(id)?;
            all_days.extend(days.iter().copied());
            Some(Served {
                person: p.id.clone(),
                name: p.name.clone(),
                party_member: p.party_member,
                days: days.len(),
                ranges: ranges(&days),
            })
        })
        .collect();
    people.sort_by(|a, b| {
        a.ranges
            .first()
            .map(|r| r.from)
            .cmp(&b.ranges.first().map(|r| r.from))
            .then_with(|| id_order(&a.person, &b.person))
    });
    PostRow {
        post: name,
        post_id: registered.map(|p| p.id.clone()),
        community: registered.and_then(|p| p.community.clone()),
        registered: registered.is_some(),
        person_days: people.iter().map(|s| s.days).sum(),
        party_members: people.iter().filter(|s| s.party_member).count(),
        days: all_days.len(),
        people,
    }
}

/// Runs of consecutive days.
pub fn ranges(days: &BTreeSet<NaiveDate>) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for &d in days {
        match out.last_mut() {
            Some(r) if r.to.succ_opt() == Some(d) => r.to = d,
            _ => out.push(Range { from: d, to: d }),
        }
    }
    out
}

/// A day as the ledger shows it: 2月12日 / Feb 12, with the year when the
/// period spans more than one.
pub fn day_label(d: NaiveDate, lang: Lang, with_year: bool) -> String {
    match (lang, with_year) {
        (Lang::Zh, false) => format!("{}月{}日", d.month(), d.day()),
        (Lang::Zh, true) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        (Lang::En, false) => d.format("%b %-d").to_string(),
        (Lang::En, true) => d.format("%b %-d, %Y").to_string(),
    }
}

/// Ranges as 2月12日–3月2日、3月5日.
pub fn ranges_label(ranges: &[Range], lang: Lang, with_year: bool) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    ranges
        .iter()
        .map(|r| {
            if r.from == r.to {
                day_label(r.from, lang, with_year)
            } else {
                format!(
                    "{}–{}",
                    day_label(r.from, lang, with_year),
                    day_label(r.to, lang, with_year)
                )
            }
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// `posts[].people[]` of the JSON.
#[derive(Serialize)]
struct PostJson<'a> {
    post: &'a str,
    post_id: Option<&'a str>,
    community: Option<&'a str>,
    registered: bool,
    people: &'a [Served],
    person_days: usize,
    party_members: usize,
    days: usize,
}

impl Report for Ledger {
    fn to_json(&self, lang: Lang) -> Value {
        let posts: Vec<PostJson> = self
            .posts
            .iter()
            .map(|r| PostJson {
                post: if r.post.is_empty() {
                    L::NoPost.text(lang)
                } else {
                    &r.post
                },
                post_id: r.post_id.as_deref(),
                community: r.community.as_deref(),
                registered: r.registered,
                people: &r.people,
                person_days: r.person_days,
                party_members: r.party_members,
                days: r.days,
            })
            .collect();
        serde_json::json!({
            "org": self.org,
            "from": self.from,
            "to": self.to,
            "posts": posts,
            "people": self.people,
            "totals": self.totals,
        })
    }

    fn document(&self, lang: Lang) -> Document {
        let mut doc = Document::for_days(&self.org, L::FrontlineTitle, self.from, self.to, lang);
        let with_year = self.from.year() != self.to.year();
        let post_name = |r: &PostRow| {
            if r.post.is_empty() {
                L::NoPost.text(lang).to_string()
            } else {
                r.post.clone()
            }
        };

        doc.heading(L::ByPost.text(lang));
        let mut table = Table::labelled(
            &[
                L::No,
                L::PostName,
                L::PostCommunity,
                L::Registered,
                L::PeopleServed,
                L::PartyCount,
                L::PersonDays,
                L::DaysStaffed,
            ],
            lang,
        );
        for (i, r) in self.posts.iter().enumerate() {
            table.push(vec![
                Cell::int(i + 1),
                Cell::text(post_name(r)),
                Cell::opt(r.community.clone()),
                Cell::text(if r.registered {
                    L::Yes.text(lang)
                } else {
                    L::Unregistered.text(lang)
                }),
                Cell::int(r.people.len()),
                Cell::int(r.party_members),
                Cell::int(r.person_days),
                Cell::int(r.days),
            ]);
        }
        table.push_total(vec![
            Cell::Empty,
            Cell::text(L::Total.text(lang)),
            Cell::Empty,
            Cell::Empty,
            // People at two posts count once in the totals line below, so
            // only the person-days, which add up, are summed here.
            Cell::Empty,
            Cell::Empty,
            Cell::int(self.totals.person_days),
            Cell::Empty,
        ]);
        doc.table(table);

        doc.heading(L::PostPeople.text(lang));
        let mut table = Table::labelled(
            &[
                L::PostName,
                L::Name,
                L::PartyMember,
                L::ServedOn,
                L::DaysCount,
            ],
            lang,
        );
        for r in &self.posts {
            for s in &r.people {
                table.push(vec![
                    Cell::text(post_name(r)),
                    Cell::text(s.name.clone()),
                    Cell::text(yes_no(s.party_member, lang)),
                    Cell::text(ranges_label(&s.ranges, lang, with_year)),
                    Cell::int(s.days),
                ]);
            }
        }
        doc.table(table);

        doc.heading(L::ByPerson.text(lang));
        let mut table = Table::labelled(
            &[
                L::No,
                L::Name,
                L::Dept,
                L::PartyMember,
                L::DaysCount,
                L::FirstDay,
                L::LastDay,
                L::PostsServed,
            ],
            lang,
        );
        for (i, p) in self.people.iter().enumerate() {
            let posts: Vec<String> = p
                .posts
                .iter()
                .map(|n| {
                    if n.is_empty() {
                        L::NoPost.text(lang).to_string()
                    } else {
                        n.clone()
                    }
                })
                .collect();
            table.push(vec![
                Cell::int(i + 1),
                Cell::text(p.name.clone()),
                Cell::opt(p.dept.clone()),
                Cell::text(yes_no(p.party_member, lang)),
                Cell::int(p.days),
                Cell::Date(p.first),
                Cell::Date(p.last),
                Cell::text(posts.join(L::ListSep.text(lang))),
            ]);
        }
        doc.table(table);

        let mut lines = Vec::new();
        if self.totals.people == 0 {
            lines.push(L::NoService.text(lang).to_string());
        }
        lines.push(format!(
            "{}{}{} {}{}{}{} {}{}{}{} {}{}{} {}{}{}",
            L::TotalsLine.text(lang),
            L::Colon.text(lang),
            L::ServedPeopleTotal.text(lang),
            self.totals.people,
            L::PeopleUnit.text(lang),
            L::ListSep.text(lang),
            L::PartyAmong.text(lang),
            self.totals.party_members,
            L::PeopleUnit.text(lang),
            L::GroupSep.text(lang),
            L::PersonDaysTotal.text(lang),
            self.totals.person_days,
            L::GroupSep.text(lang),
            L::PostsUsed.text(lang),
            self.totals.posts,
            L::PostsUnit.text(lang),
            L::FullStop.text(lang),
        ));
        let unregistered: Vec<String> = self.unregistered().map(post_name).collect();
        if !unregistered.is_empty() {
            lines.push(format!(
                "{}{}{}",
                L::UnregisteredPosts.text(lang),
                L::Colon.text(lang),
                unregistered.join(L::ListSep.text(lang))
            ));
        }
        doc.lines(lines);
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    #[test]
    fn consecutive_days_make_one_range() {
        let days: BTreeSet<NaiveDate> = [d(2, 12), d(2, 13), d(2, 14), d(2, 16), d(3, 1), d(3, 2)]
            .into_iter()
            .collect();
        let r = ranges(&days);
        assert_eq!(
            ranges_label(&r, Lang::Zh, false),
            "2月12日–2月14日、2月16日、3月1日–3月2日"
        );
        assert_eq!(
            ranges_label(&r[..1], Lang::En, true),
            "Feb 12, 2020–Feb 14, 2020"
        );
        // Across the month end.
        let days: BTreeSet<NaiveDate> = [d(2, 28), d(2, 29), d(3, 1)].into_iter().collect();
        assert_eq!(ranges(&days).len(), 1);
    }
}
