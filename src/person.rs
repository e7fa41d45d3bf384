//! People on the roster: staff members and the members of their households
//! (SPEC §2), and finding a person by id or name.

use crate::t;
use std::cmp::Ordering;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Staff,
    Family,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Staff => "staff",
            Kind::Family => "family",
        }
    }

    pub fn parse(text: &str) -> Result<Kind> {
        match normalize(text).as_str() {
            "staff" | "本人" | "职工" | "工作人员" | "员工" => Ok(Kind::Staff),
            "family" | "家属" | "家人" | "家庭成员" => Ok(Kind::Family),
            _ => bail!(t!("person-bad-kind-use-staff", text = text.to_string())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Spouse,
    Child,
    Parent,
    Other,
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Spouse,
        Relation::Child,
        Relation::Parent,
        Relation::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Spouse => "spouse",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Other => "other",
        }
    }

    /// English and Chinese names, including the everyday words for each.
    pub fn parse(text: &str) -> Result<Relation> {
        Ok(match normalize(text).as_str() {
            "spouse" | "wife" | "husband" | "配偶" | "爱人" | "妻子" | "丈夫" | "夫妻" => {
                Relation::Spouse
            }
            "child" | "son" | "daughter" | "子女" | "儿子" | "女儿" | "孩子" => {
                Relation::Child
            }
            "parent" | "father" | "mother" | "父母" | "父亲" | "母亲" | "岳父" | "岳母"
            | "公公" | "婆婆" => Relation::Parent,
            "other" | "其他" | "其它" => Relation::Other,
            _ => bail!(t!(
                "person-bad-relation-use-spouse",
                text = text.to_string()
            )),
        })
    }
}

/// Lower-cased, trimmed, with `-` and spaces folded to `_`, for alias lookup.
pub fn normalize(text: &str) -> String {
    text.trim().to_lowercase().replace(['-', ' '], "_")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// For family: the staff member's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// Staff only; family count under their staff member's department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dept: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default)]
    pub party_member: bool,
    #[serde(default)]
    pub veteran: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Why the person was taken out (entered by mistake): out of every report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
}

impl Person {
    /// A person with nothing but an id, a name, a kind and, for family,
    /// the staff member's id.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        kind: Kind,
        of: Option<String>,
    ) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            kind,
            of,
            relation: None,
            dept: None,
            phone: None,
            party_member: false,
            veteran: false,
            since: None,
            until: None,
            removed: None,
        }
    }

    /// Expected to report on `day`: `since <= day` and (`until` unset or `day <= until`).
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day) && self.until.is_none_or(|u| day <= u)
    }

    pub fn is_staff(&self) -> bool {
        self.kind == Kind::Staff
    }

    /// The id of the household's staff member (the person's own id for staff).
    pub fn household(&self) -> &str {
        match self.kind {
            Kind::Staff => &self.id,
            Kind::Family => self.of.as_deref().unwrap_or(&self.id),
        }
    }
}

/// Expected on `day` by a version of a person that may be absent or removed.
fn expected(p: Option<&Person>, day: NaiveDate) -> bool {
    p.is_some_and(|p| p.removed.is_none() && p.active_on(day))
}

/// The past days (before `today`) whose reports change when a person goes
/// from `before` to `after` (either absent: added or not there), as spans
/// `(from, to)`; `from` is `None` for "every day up to `to`" (SPEC §3 v2:
/// a roster change that alters past days' reports says which days first).
pub fn changed_days(
    before: Option<&Person>,
    after: Option<&Person>,
    today: NaiveDate,
) -> Vec<(Option<NaiveDate>, NaiveDate)> {
    let Some(last) = today.pred_opt() else {
        return Vec::new();
    };
    // Whether a day is expected changes only at the windows' edges.
    let mut edges: Vec<NaiveDate> = [before, after]
        .into_iter()
        .flatten()
        .flat_map(|p| [p.since, p.until.and_then(|u| u.succ_opt())])
        .flatten()
        .filter(|d| *d <= last)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut spans = Vec::new();
    // Before the first edge (or always, with none): every day back.
    let first_end = edges.first().and_then(|d| d.pred_opt()).unwrap_or(last);
    if edges.first().is_none_or(|d| *d > NaiveDate::MIN)
        && expected(before, NaiveDate::MIN) != expected(after, NaiveDate::MIN)
    {
        spans.push((None, first_end));
    }
    for (i, start) in edges.iter().enumerate() {
        let end = edges.get(i + 1).and_then(|d| d.pred_opt()).unwrap_or(last);
        if expected(before, *start) != expected(after, *start) {
            spans.push((Some(*start), end));
        }
    }
    spans
}

/// Checks an id someone chose: letters, digits, `-` and `_`, so it is safe in
/// file names, CSV cells and shell arguments.
pub fn validate_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!(t!("person-bad-id-use-up", id = id.to_string()));
    }
    Ok(())
}

pub fn validate_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        bail!(t!("person-a-name-may-not"));
    }
    crate::text::check_text("name", name)?;
    Ok(name.to_string())
}

/// Every text field of a person is clean text (`crate::text`): checked
/// wherever a person is written, whatever path they came by.
pub fn check_person_text(p: &Person) -> Result<()> {
    use crate::text::check_text;
    check_text("id", &p.id)?;
    check_text("name", &p.name)?;
    if let Some(of) = &p.of {
        check_text("of", of)?;
    }
    if let Some(dept) = &p.dept {
        check_text("dept", dept)?;
    }
    if let Some(phone) = &p.phone {
        check_text("phone", phone)?;
    }
    Ok(())
}

/// Orders ids so that S2 < S10 and S001 < S001-1 < S001-2 < S002.
/// Compares part by part without allocating: sorting a roster or a day's
/// records compares ids thousands of times on every report.
pub fn id_order(a: &str, b: &str) -> Ordering {
    // By bytes, parts split at `-` (ASCII, so each part is whole
    // characters and orders as its `str` would): `str::split` and
    // `parse` cost ~700 instructions a comparison, a fifth of reading a
    // roster.
    let mut pa = a.as_bytes().split(|&c| c == b'-');
    let mut pb = b.as_bytes().split(|&c| c == b'-');
    loop {
        match (pa.next(), pb.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match id_part_key(x).cmp(&id_part_key(y)) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
}

/// One `-`-separated part of an id as it sorts: its letters and its
/// number (`S012` is `("S", 12)`); a part whose digits are not all digits,
/// or are all zeros, sorts as text.
fn id_part_key(part: &[u8]) -> (&[u8], u64) {
    let digits_at = part
        .iter()
        .position(|b| b.is_ascii_digit())
        .unwrap_or(part.len());
    let (prefix, digits) = part.split_at(digits_at);
    // What `parse::<u64>` gives, `u64::MAX` when too long.
    let number = if digits.iter().all(|b| b.is_ascii_digit()) {
        digits
            .iter()
            .try_fold(0u64, |n, b| {
                n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
            })
            .unwrap_or(u64::MAX)
    } else {
        0
    };
    if number == 0 && !digits.is_empty() {
        (part, 0)
    } else {
        (prefix, number)
    }
}

/// The next free staff id: one past the highest `S<number>`, three digits at least.
pub fn next_staff_id<'a>(existing: impl Iterator<Item = &'a str>) -> String {
    let highest = existing
        .filter_map(|id| id.strip_prefix('S'))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|rest| rest.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("S{:03}", highest + 1)
}

/// The next free family id under a staff member: `S001-1`, `S001-2`…
pub fn next_family_id<'a>(staff: &str, existing: impl Iterator<Item = &'a str>) -> String {
    let prefix = format!("{staff}-");
    let highest = existing
        .filter_map(|id| id.strip_prefix(&prefix))
        .filter_map(|rest| rest.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{staff}-{}", highest + 1)
}

/// Finds PERSON among `people`: an exact id (any case), else an exact name.
/// A shared name lists the ids; an unknown one suggests the closest names.
pub fn find<'a>(people: &'a [Person], query: &str) -> Result<&'a Person> {
    let q = query.trim();
    if let Some(p) = people.iter().find(|p| p.id.eq_ignore_ascii_case(q)) {
        return Ok(p);
    }
    let named: Vec<&Person> = people.iter().filter(|p| p.name == q).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => {
            let close = closest_names(people, q);
            if close.is_empty() {
                bail!(t!("person-no-person-on-the", q = q.to_string()));
            }
            bail!(t!(
                "person-no-person-on-the-2",
                q = q.to_string(),
                close = crate::i18n::join_list(&close)
            ));
        }
        many => {
            let ids: Vec<String> = many
                .iter()
                .map(|p| {
                    format!(
                        "{}{}",
                        p.id,
                        crate::i18n::parenthesized(
                            describe_household(people, p),
                            crate::i18n::lang()
                        )
                    )
                })
                .collect();
            bail!(t!(
                "person-people-are-named-give",
                many = many.len().to_string(),
                q = q.to_string(),
                ids = crate::i18n::join_list(&ids)
            ))
        }
    }
}

/// `S001 张伟 (dept 办公室, household S001 张伟)`: enough to tell two
/// people of one name apart.
pub fn describe(people: &[Person], p: &Person) -> String {
    let staff = match p.kind {
        Kind::Staff => Some(p),
        Kind::Family => {
            p.of.as_deref()
                .and_then(|of| people.iter().find(|s| s.id == of))
        }
    };
    let dept = staff.and_then(|s| s.dept.as_deref()).unwrap_or("-");
    let household = staff.map_or_else(
        || p.of.clone().unwrap_or_default(),
        |s| format!("{} {}", s.id, s.name),
    );
    t!(
        "person-dept-household",
        id = p.id.to_string(),
        name = p.name.to_string(),
        dept = dept.to_string(),
        household = household.to_string()
    )
}

fn describe_household(people: &[Person], p: &Person) -> String {
    match p.kind {
        Kind::Staff => p
            .dept
            .clone()
            .unwrap_or_else(|| crate::i18n::L::StaffKind.text(crate::i18n::lang()).into()),
        Kind::Family => {
            let staff =
                p.of.as_deref()
                    .and_then(|of| people.iter().find(|s| s.id == of))
                    .map(|s| s.name.as_str())
                    .unwrap_or("?");
            t!("person-family-of", staff = staff.to_string())
        }
    }
}

/// Up to three names closest to `query` (by edit distance over characters),
/// with their ids.
fn closest_names(people: &[Person], query: &str) -> Vec<String> {
    let q_len = query.chars().count().max(1);
    let mut scored: Vec<(usize, &Person)> = people
        .iter()
        .map(|p| (strsim::levenshtein(&p.name, query), p))
        .filter(|(dist, p)| {
            let len = p.name.chars().count().max(q_len);
            *dist * 2 <= len + 1 || p.name.contains(query) || query.contains(&p.name)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| id_order(&a.1.id, &b.1.id)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, p)| {
            format!(
                "{}{}",
                p.name,
                crate::i18n::parenthesized(&p.id, crate::i18n::lang())
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str) -> Person {
        Person::new(id, name, Kind::Staff, None)
    }

    #[test]
    fn relations_in_both_languages() {
        assert_eq!(Relation::parse("配偶").unwrap(), Relation::Spouse);
        assert_eq!(Relation::parse(" Spouse ").unwrap(), Relation::Spouse);
        assert_eq!(Relation::parse("女儿").unwrap(), Relation::Child);
        assert_eq!(Relation::parse("父母").unwrap(), Relation::Parent);
        assert_eq!(Relation::parse("其它").unwrap(), Relation::Other);
        assert!(Relation::parse("friend").is_err());
    }

    /// The first, allocating form of the id key, kept verbatim as the
    /// reference the allocation-free `id_order` must agree with.
    fn id_key(id: &str) -> Vec<(String, u64)> {
        id.split('-')
            .map(|part| {
                let digits_at = part
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(part.len());
                let (prefix, digits) = part.split_at(digits_at);
                let number = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    digits.parse().unwrap_or(u64::MAX)
                } else {
                    0
                };
                let prefix = if number == 0 && !digits.is_empty() {
                    part.to_string()
                } else {
                    prefix.to_string()
                };
                (prefix, number)
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn id_order_matches_the_allocating_key(a in "[Sa-c0-9_-]{0,8}|[0-9]{18,22}", b in "[Sa-c0-9_-]{0,8}|S[0-9]{18,22}") {
            proptest::prop_assert_eq!(id_order(&a, &b), id_key(&a).cmp(&id_key(&b)));
        }
    }

    #[test]
    fn ids_sort_naturally() {
        let mut ids = vec!["S010", "S002-10", "S002", "S002-2", "S001", "S002-1"];
        ids.sort_by(|a, b| id_order(a, b));
        assert_eq!(ids, ["S001", "S002", "S002-1", "S002-2", "S002-10", "S010"]);
    }

    #[test]
    fn next_ids() {
        assert_eq!(next_staff_id([].into_iter()), "S001");
        assert_eq!(
            next_staff_id(["S001", "S009", "S003-1", "X99"].into_iter()),
            "S010"
        );
        assert_eq!(next_staff_id(["S999"].into_iter()), "S1000");
        assert_eq!(
            next_family_id("S002", ["S002-1", "S002-3", "S001-7"].into_iter()),
            "S002-4"
        );
        assert_eq!(next_family_id("S005", ["S002-1"].into_iter()), "S005-1");
    }

    #[test]
    fn active_window() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
        let mut p = person("S001", "张三");
        assert!(p.active_on(d(1, 1)));
        p.since = Some(d(2, 1));
        p.until = Some(d(2, 10));
        assert!(!p.active_on(d(1, 31)));
        assert!(p.active_on(d(2, 1)));
        assert!(p.active_on(d(2, 10)));
        assert!(!p.active_on(d(2, 11)));
    }

    #[test]
    fn find_by_id_name_and_near_miss() {
        let people = vec![
            person("S001", "王小明"),
            person("S002", "李娜"),
            person("S003", "李娜"),
        ];
        assert_eq!(find(&people, "s001").unwrap().id, "S001");
        assert_eq!(find(&people, "王小明").unwrap().id, "S001");
        let shared = find(&people, "李娜").unwrap_err().to_string();
        assert!(
            shared.contains("S002") && shared.contains("S003"),
            "{shared}"
        );
        let near = find(&people, "王晓明").unwrap_err().to_string();
        assert!(near.contains("是不是 王小明（S001）？"), "{near}");
        let far = find(&people, "Smith").unwrap_err().to_string();
        assert!(!far.contains("是不是"), "{far}");
    }

    #[test]
    fn the_past_days_a_roster_change_alters() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
        let today = d(2, 18);
        let mut added_today = person("S001", "张三");
        added_today.since = Some(today);
        let mut from_feb = added_today.clone();
        from_feb.since = Some(d(2, 1));
        let mut left = from_feb.clone();
        left.until = Some(d(2, 10));
        let always = person("S001", "张三");
        let mut removed = from_feb.clone();
        removed.removed = Some("twice".into());
        type Span = (Option<NaiveDate>, NaiveDate);
        let table: [(Option<&Person>, Option<&Person>, Vec<Span>); 6] = [
            (None, Some(&added_today), vec![]),
            (None, Some(&from_feb), vec![(Some(d(2, 1)), d(2, 17))]),
            (
                Some(&from_feb),
                Some(&left),
                vec![(Some(d(2, 11)), d(2, 17))],
            ),
            (
                Some(&from_feb),
                Some(&removed),
                vec![(Some(d(2, 1)), d(2, 17))],
            ),
            (Some(&always), Some(&added_today), vec![(None, d(2, 17))]),
            (Some(&from_feb), Some(&from_feb), vec![]),
        ];
        for (before, after, want) in table {
            assert_eq!(
                changed_days(before, after, today),
                want,
                "{before:?} -> {after:?}"
            );
        }
    }

    #[test]
    fn ids_are_checked() {
        assert!(validate_id("S012-1").is_ok());
        for bad in ["", "S 1", "S1/2", "a,b", "张三"] {
            assert!(validate_id(bad).is_err(), "{bad}");
        }
    }
}
