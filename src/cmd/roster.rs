//! `roster`: list the households active on a day, or everyone; `roster
//! import FILE` adds and updates people from the same CSV, all or nothing.

use crate::t;
use anyhow::{Result, bail};

use super::batch::fail_rows;
use super::{
    Globals, check_window, clerk, date_or_today, emit_report, open_for_report, say_changed_days,
};
use crate::Status;
use crate::cli::{ImportArgs, Lang, RosterAction, RosterArgs};
use crate::csvio::unescape_cell;
use crate::dates::parse_date;
use crate::fold::same_header;
use crate::i18n::L;
use crate::output::say;
use crate::person::{
    Kind, Person, Relation, next_family_id, next_staff_id, validate_id, validate_name,
};
use crate::record::parse_bool;
use crate::report::roster::{COLUMNS, RosterReport};
use crate::sheet::{note_ignored, read_table};
use crate::store::journal::WriteKind;
use crate::store::{Roster, RosterOp};

pub fn run(g: &Globals, args: RosterArgs) -> Result<Status> {
    if let Some(RosterAction::Import(import_args)) = args.action {
        return import(g, import_args);
    }
    let (store, roster) = open_for_report(g)?;
    let period = if args.all {
        None
    } else {
        Some(date_or_today(&store, args.date.as_deref())?)
    };
    let mut people: Vec<Person> = roster
        .all()
        .iter()
        .filter(|p| period.is_none_or(|d| p.active_on(d)))
        .cloned()
        .collect();
    // Everyone ever added: the removed too, marked, in household order.
    if period.is_none() {
        people.extend(roster.removed().iter().cloned());
        people.sort_by(crate::store::roster::household_order);
    }
    let report = RosterReport {
        org: store.config.org.clone(),
        period,
        people,
    };
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}

/// The JSON key of each roster column, also accepted as a header.
fn column_key(l: L) -> &'static str {
    match l {
        L::Id => "id",
        L::Name => "name",
        L::Kind => "kind",
        L::Of => "of",
        L::Relation => "relation",
        L::Dept => "dept",
        L::Phone => "phone",
        L::PartyMember => "party_member",
        L::Veteran => "veteran",
        L::Since => "since",
        L::Until => "until",
        L::Removed => "removed",
        _ => "",
    }
}

/// Header words bureaus' own roster workbooks use for our columns.
const SYNONYMS: [(&str, L); 17] = [
    ("联系电话", L::Phone),
    ("手机", L::Phone),
    ("电话", L::Phone),
    ("手机号", L::Phone),
    ("手机号码", L::Phone),
    ("科室", L::Dept),
    ("处室", L::Dept),
    ("部门", L::Dept),
    ("关系", L::Relation),
    ("与职工关系", L::Relation),
    ("与本人关系", L::Relation),
    ("与户主关系", L::Relation),
    ("所属职工", L::Of),
    ("职工姓名", L::Of),
    ("户主", L::Of),
    (POLITICAL_STATUS, L::PartyMember),
    ("是否退役军人", L::Veteran),
];

/// 政治面貌: 中共党员 or 预备党员 means a Party member.
const POLITICAL_STATUS: &str = "政治面貌";

fn column_of(header: &str) -> Option<L> {
    COLUMNS
        .into_iter()
        .chain([L::Removed])
        .find(|l| {
            same_header(header, column_key(*l))
                || same_header(header, l.text(Lang::Zh))
                || same_header(header, l.text(Lang::En))
        })
        .or_else(|| {
            SYNONYMS
                .iter()
                .find(|(w, _)| same_header(header, w))
                .map(|(_, l)| *l)
        })
}

/// Brings a workbook's ways of saying things to ours: 政治面貌 to yes/no,
/// and a household head's own row (户主 is themself, or relation 本人) to
/// a staff row.
fn normalize_row(header: &[String], cols: &[Option<L>], cells: &mut [String]) {
    let at = |l: L| cols.iter().position(|c| *c == Some(l));
    if let Some(i) = header.iter().position(|h| same_header(h, POLITICAL_STATUS))
        && let Some(v) = cells.get_mut(i)
    {
        let member = v.contains("党员") && !v.contains("非");
        *v = if member { "是" } else { "否" }.to_string();
    }
    let name = at(L::Name)
        .and_then(|i| cells.get(i))
        .map(|s| s.trim().to_string());
    let own_row = at(L::Relation)
        .and_then(|i| cells.get(i))
        .is_some_and(|r| matches!(r.trim(), "本人" | "户主" | "职工本人" | "职工" | "self"))
        || at(L::Of)
            .and_then(|i| cells.get(i))
            .is_some_and(|of| Some(of.trim()) == name.as_deref())
            && at(L::Relation)
                .and_then(|i| cells.get(i))
                .is_none_or(|r| r.trim().is_empty());
    if own_row {
        for l in [L::Of, L::Relation] {
            if let Some(i) = at(l)
                && let Some(v) = cells.get_mut(i)
            {
                v.clear();
            }
        }
    }
}

fn import(g: &Globals, args: ImportArgs) -> Result<Status> {
    let store = g.open()?;
    let today = store.today()?;
    // The people the file adds start on --date, default today (SPEC §2 v2).
    let start = date_or_today(&store, args.date.as_deref())?;
    let what = args.file.display().to_string();
    let (header, mut rows) =
        read_table(&args.file, args.encoding.as_deref(), args.sheet.as_deref())?;
    let cols: Vec<Option<L>> = header.iter().map(|h| column_of(h)).collect();
    for (i, c) in cols.iter().enumerate() {
        if let Some(c) = c
            && cols[..i].contains(&Some(*c))
        {
            bail!(t!(
                "roster-row-columns-and-another",
                what = what.to_string(),
                i = header[i].to_string(),
                zh = c.text(Lang::Zh).to_string()
            ));
        }
    }
    let ignored: Vec<&str> = header
        .iter()
        .zip(&cols)
        .filter(|(_, c)| c.is_none())
        .map(|(h, _)| h.as_str())
        .collect();
    note_ignored(&what, &ignored);
    for (_, cells) in &mut rows {
        normalize_row(&header, &cols, cells);
    }
    if !cols.contains(&Some(L::Name)) {
        bail!(t!("roster-row-no-name-column", what = what.to_string()));
    }
    let mut tx = if args.dry_run {
        None
    } else {
        Some(store.begin(WriteKind::RosterImport, &clerk(&store, None))?)
    };
    let roster = store.roster()?;
    let mut working: Vec<Person> = roster.all().to_vec();
    let mut changes: Vec<(RosterOp, Person)> = Vec::new();
    let mut errors = Vec::new();
    // Staff first, so family rows may name a staff member of the same file.
    let mut ordered: Vec<&(usize, Vec<String>)> = rows.iter().collect();
    let is_family = |cells: &[String]| {
        let kind = cell(&cols, cells, L::Kind);
        let of = cell(&cols, cells, L::Of);
        kind.map(|k| Kind::parse(k).ok() == Some(Kind::Family))
            .unwrap_or(of.is_some())
    };
    ordered.sort_by_key(|(_, cells)| is_family(cells));
    // Ids of the roster this file's rows have matched or added so far.
    let mut claimed: Vec<String> = Vec::new();
    let ctx = RowCtx {
        cols: &cols,
        roster: &roster,
        today,
        start,
        same_name: args.same_name,
    };
    // Who each added person shares a name with, to say so.
    let mut namesakes: Vec<(String, String)> = Vec::new();
    for (row, cells) in ordered {
        let checked = import_row(&ctx, cells, &working, &claimed).and_then(|r| {
            if let Outcome::Change(_, p) = &r {
                crate::person::check_person_text(p)?;
            }
            Ok(r)
        });
        match checked {
            Ok(Outcome::Change(op, p)) => {
                claimed.push(p.id.clone());
                let others: Vec<String> = working
                    .iter()
                    .filter(|w| w.name == p.name && w.id != p.id)
                    .map(|w| crate::person::describe(&working, w))
                    .collect();
                if op == RosterOp::Add && !others.is_empty() {
                    namesakes.push((p.id.clone(), others.join("; ")));
                }
                match working.iter_mut().find(|w| w.id == p.id) {
                    Some(w) => *w = p.clone(),
                    None => working.push(p.clone()),
                }
                changes.push((op, p));
            }
            Ok(Outcome::Unchanged(id)) => claimed.push(id),
            Ok(Outcome::Skipped) => {}
            Err(e) => errors.push(t!(
                "batch-row",
                row = row.to_string(),
                e = format!("{:#}", e)
            )),
        }
    }
    fail_rows(&args.file, &errors)?;
    let added = changes
        .iter()
        .filter(|(op, _)| *op == RosterOp::Add)
        .count();
    let updated = changes.len() - added;
    let unchanged = rows.len() - changes.len();
    // Windows that leave records out are refused before anything is said.
    for (_, p) in &changes {
        if let Some(before) = roster.any(&p.id) {
            check_window(&store, before, p, args.force)?;
        }
    }
    for (op, p) in &changes {
        let (id, name) = (p.id.as_str(), p.name.as_str());
        let line = if *op == RosterOp::Add {
            t!("roster-line-add", id = id, name = name)
        } else {
            t!("roster-line-update", id = id, name = name)
        };
        match namesakes.iter().find(|(nid, _)| *nid == p.id) {
            Some((_, others)) => say(t!(
                "roster-line-namesake",
                line = line,
                others = others.to_string()
            ))?,
            None => say(line)?,
        }
        say_changed_days(roster.any(&p.id), p, today);
    }
    if let Some(mut tx) = tx.take() {
        let by = clerk(&store, None);
        let events = changes
            .into_iter()
            .map(|(op, p)| store.roster_event(op, p, &by))
            .collect::<Result<Vec<_>>>()?;
        tx.append_roster(&events)?;
        tx.commit()?;
    }
    if args.dry_run {
        say(t!(
            "roster-would-add-update-unchanged",
            what = what.to_string(),
            added = added.to_string(),
            updated = updated.to_string(),
            unchanged = unchanged.to_string()
        ))?;
    } else {
        say(t!(
            "roster-added-updated-unchanged",
            what = what.to_string(),
            added = added.to_string(),
            updated = updated.to_string(),
            unchanged = unchanged.to_string()
        ))?;
    }
    if args.dry_run {
        say(t!("batch-dry-run-nothing-was"))?;
    }
    Ok(Status::Done)
}

fn cell<'a>(cols: &[Option<L>], cells: &'a [String], col: L) -> Option<&'a str> {
    let i = cols.iter().position(|c| *c == Some(col))?;
    let text = unescape_cell(cells.get(i)?.as_str()).trim();
    (!text.is_empty()).then_some(text)
}

/// What one row of the file does to the roster.
enum Outcome {
    /// Adds a person or updates one.
    Change(RosterOp, Person),
    /// Matches this person on the roster as they are.
    Unchanged(String),
    /// A row `roster --all` marks as removed: left as it is.
    Skipped,
}

/// What every row is read against.
struct RowCtx<'a> {
    cols: &'a [Option<L>],
    roster: &'a Roster,
    today: chrono::NaiveDate,
    /// Where the people added start, unless their row says.
    start: chrono::NaiveDate,
    same_name: bool,
}

/// The staff member a row's 所属职工 names: an id or a name; a name two
/// staff share is told apart by the row's 部门/dept.
fn staff_of_row<'a>(working: &'a [Person], query: &str, dept: Option<&str>) -> Result<&'a Person> {
    let found = match crate::person::find(working, query) {
        Ok(p) => p,
        Err(e) => {
            let q = query.trim();
            let mut same = working.iter().filter(|p| {
                p.is_staff() && p.name == q && dept.is_some() && p.dept.as_deref() == dept
            });
            match (same.next(), same.next()) {
                (Some(one), None) => one,
                _ => return Err(e),
            }
        }
    };
    if !found.is_staff() {
        bail!(t!(
            "roster-is-family-not-staff",
            id = found.id.to_string(),
            name = found.name.to_string()
        ));
    }
    Ok(found)
}

/// The person a row describes, and whether that adds or updates them.
/// A row without 编号/id is matched by name within its household
/// (所属职工) and, for staff, department: so two 李红 of different
/// households are two people, and a name still ambiguous asks for an id.
fn import_row(
    ctx: &RowCtx,
    cells: &[String],
    working: &[Person],
    claimed: &[String],
) -> Result<Outcome> {
    let cols = ctx.cols;
    let today = ctx.today;
    let get = |col| cell(cols, cells, col);
    if get(L::Removed).is_some() {
        return Ok(Outcome::Skipped);
    }
    let name = validate_name(get(L::Name).unwrap_or(""))?;
    let mut staff_dept: Option<String> = None;
    let of = match get(L::Of) {
        Some(q) => {
            let staff = staff_of_row(working, q, get(L::Dept))?;
            staff_dept = staff.dept.clone();
            Some(staff.id.clone())
        }
        None => None,
    };
    let kind = match get(L::Kind) {
        Some(k) => Kind::parse(k)?,
        None if of.is_some() => Kind::Family,
        None => Kind::Staff,
    };
    let relation = get(L::Relation).map(Relation::parse).transpose()?;
    match kind {
        Kind::Family if of.is_none() => {
            bail!(t!("roster-is-family-fill-in", name = name.to_string()))
        }
        Kind::Family if relation.is_none() => {
            bail!(t!("roster-is-family-fill-in-2", name = name.to_string()))
        }
        Kind::Staff if of.is_some() || relation.is_some() => {
            bail!(t!("roster-is-staff-of-and", name = name.to_string()))
        }
        _ => {}
    }
    let mut dept = get(L::Dept).map(str::to_string);
    // A workbook often repeats the staff member's department on family rows.
    if kind == Kind::Family && dept.is_some() && dept == staff_dept {
        dept = None;
    }
    if kind == Kind::Family && dept.is_some() {
        bail!(t!("roster-is-family-and-counts", name = name.to_string()));
    }
    let flag = |col| -> Result<bool> { Ok(get(col).map(parse_bool).transpose()?.unwrap_or(false)) };
    let date = |col| get(col).map(|d| parse_date(d, today)).transpose();
    let mut person = Person {
        id: String::new(),
        name,
        kind,
        of,
        relation,
        dept,
        phone: get(L::Phone).map(str::to_string),
        party_member: flag(L::PartyMember)?,
        veteran: flag(L::Veteran)?,
        since: date(L::Since)?,
        until: date(L::Until)?,
        removed: None,
    };
    if let (Some(s), Some(u)) = (person.since, person.until)
        && u < s
    {
        bail!(t!(
            "roster-until-is-before-since",
            u = u.to_string(),
            s = s.to_string()
        ));
    }
    let existing = match get(L::Id) {
        Some(id) => {
            validate_id(id)?;
            if let Some(gone) = ctx
                .roster
                .removed()
                .iter()
                .find(|p| p.id.eq_ignore_ascii_case(id))
            {
                bail!(t!(
                    "roster-id-is-removed-as",
                    id = gone.id.to_string(),
                    name = gone.name.to_string()
                ));
            }
            match working.iter().find(|p| p.id.eq_ignore_ascii_case(id)) {
                Some(existing) => Some(existing),
                None => {
                    person.id = id.to_string();
                    None
                }
            }
        }
        None if ctx.same_name => None,
        None => same_person(working, &person)?,
    };
    let Some(existing) = existing else {
        // A new person without 起始日期 starts on --date (SPEC §2 v2).
        person.since = person.since.or(Some(ctx.start));
        if person.id.is_empty() {
            person.id = match &person.of {
                Some(staff) => next_family_id(staff, working.iter().map(|p| p.id.as_str())),
                None => next_staff_id(working.iter().map(|p| p.id.as_str())),
            };
        }
        return Ok(Outcome::Change(RosterOp::Add, person));
    };
    if existing.kind != person.kind {
        bail!(t!(
            "roster-is-on-the-roster",
            id = existing.id.to_string(),
            kind = existing.kind.as_str().to_string()
        ));
    }
    if claimed.contains(&existing.id) {
        bail!(t!(
            "roster-is-on-an-earlier",
            existing = crate::person::describe(working, existing).to_string()
        ));
    }
    person.id = existing.id.clone();
    // An empty 起始日期 keeps the start already on the roster.
    if person.since.is_none() {
        person.since = existing.since;
    }
    if *existing == person {
        return Ok(Outcome::Unchanged(person.id));
    }
    Ok(Outcome::Change(RosterOp::Import, person))
}

/// The roster's person a row without 编号/id describes: the one of that
/// name in the same household (所属职工) and, for staff, the same
/// department when the row gives one. None: a new person. Two: ask for
/// the id.
fn same_person<'a>(working: &'a [Person], row: &Person) -> Result<Option<&'a Person>> {
    let same: Vec<&Person> = working
        .iter()
        .filter(|p| p.name == row.name && p.kind == row.kind && p.of == row.of)
        .filter(|p| row.kind == Kind::Family || row.dept.is_none() || p.dept == row.dept)
        .collect();
    match same.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        many => {
            let who: Vec<String> = many
                .iter()
                .map(|p| crate::person::describe(working, p))
                .collect();
            bail!(t!(
                "roster-people-are-named-fill",
                many = many.len().to_string(),
                name = row.name.to_string(),
                who = who.join("; ").to_string()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(id: &str, name: &str, dept: Option<&str>) -> Person {
        let mut p = Person::new(id, name, Kind::Staff, None);
        p.dept = dept.map(str::to_string);
        p
    }

    fn family(id: &str, name: &str, of: &str) -> Person {
        Person::new(id, name, Kind::Family, Some(of.to_string()))
    }

    fn found(working: &[Person], row: &Person) -> Option<String> {
        same_person(working, row)
            .expect("not ambiguous")
            .map(|p| p.id.clone())
    }

    #[test]
    fn a_row_without_id_is_the_namesake_of_its_household_and_dept() {
        let working = [
            staff("S001", "张伟", Some("办公室")),
            family("S001-1", "李红", "S001"),
            staff("S002", "王芳", Some("财务科")),
        ];
        // The same household: that person.
        assert_eq!(
            found(&working, &family("", "李红", "S001")),
            Some("S001-1".into())
        );
        // Another household: a new person.
        assert_eq!(found(&working, &family("", "李红", "S002")), None);
        // Staff: the department tells apart; none given matches the one.
        assert_eq!(
            found(&working, &staff("", "张伟", Some("办公室"))),
            Some("S001".into())
        );
        assert_eq!(found(&working, &staff("", "张伟", Some("后勤科"))), None);
        assert_eq!(
            found(&working, &staff("", "张伟", None)),
            Some("S001".into())
        );
    }

    #[test]
    fn a_name_still_ambiguous_asks_for_the_id() {
        let working = [
            staff("S001", "张伟", Some("办公室")),
            staff("S002", "张伟", Some("办公室")),
        ];
        let err = same_person(&working, &staff("", "张伟", None))
            .expect_err("ambiguous")
            .to_string();
        assert!(
            err.contains("有 2 人叫 张伟") && err.contains("S002 张伟（部门 办公室"),
            "{err}"
        );
    }
}
