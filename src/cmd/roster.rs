//! `roster`: list the households active on a day, or everyone; `roster
//! import FILE` adds and updates people from the same CSV, all or nothing.

use anyhow::{Result, bail};

use super::batch::fail_rows;
use super::{
    Globals, check_window, clerk, date_or_today, emit_report, open_for_report, say_changed_days,
};
use crate::Status;
use crate::cli::{ImportArgs, Lang, RosterAction, RosterArgs};
use crate::csvio::unescape_cell;
use crate::dates::parse_date;
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
    let people = roster
        .all()
        .iter()
        .filter(|p| period.is_none_or(|d| p.active_on(d)))
        .cloned()
        .collect();
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
    let h = header.trim().trim_start_matches('\u{feff}');
    COLUMNS
        .into_iter()
        .find(|l| {
            column_key(*l).eq_ignore_ascii_case(h)
                || l.text(Lang::Zh) == h
                || l.text(Lang::En).eq_ignore_ascii_case(h)
        })
        .or_else(|| SYNONYMS.iter().find(|(w, _)| *w == h).map(|(_, l)| *l))
}

/// Brings a workbook's ways of saying things to ours: 政治面貌 to yes/no,
/// and a household head's own row (户主 is themself, or relation 本人) to
/// a staff row.
fn normalize_row(header: &[String], cols: &[Option<L>], cells: &mut [String]) {
    let at = |l: L| cols.iter().position(|c| *c == Some(l));
    if let Some(i) = header.iter().position(|h| h.trim() == POLITICAL_STATUS)
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
    let what = args.file.display().to_string();
    let (header, mut rows) =
        read_table(&args.file, args.encoding.as_deref(), args.sheet.as_deref())?;
    let cols: Vec<Option<L>> = header.iter().map(|h| column_of(h)).collect();
    for (i, c) in cols.iter().enumerate() {
        if let Some(c) = c
            && cols[..i].contains(&Some(*c))
        {
            bail!(
                "{what}: row 1: columns '{}' and another mean the same ({}); keep one",
                header[i],
                c.text(Lang::Zh)
            );
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
        bail!("{what}: row 1: no 姓名/name column");
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
    for (row, cells) in ordered {
        let checked =
            import_row(&cols, cells, &roster, &working, today, args.same_name).and_then(|r| {
                if let Some((_, p)) = &r {
                    crate::person::check_person_text(p)?;
                }
                Ok(r)
            });
        match checked {
            Ok(Some((op, p))) => {
                match working.iter_mut().find(|w| w.id == p.id) {
                    Some(w) => *w = p.clone(),
                    None => working.push(p.clone()),
                }
                changes.push((op, p));
            }
            Ok(None) => {}
            Err(e) => errors.push(format!("row {row}: {e:#}")),
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
        let what = if *op == RosterOp::Add {
            "add"
        } else {
            "update"
        };
        say(format_args!("  {what} {} {}", p.id, p.name))?;
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
        say(format_args!(
            "{what}: would add {added}, update {updated}; {unchanged} unchanged"
        ))?;
    } else {
        say(format_args!(
            "{what}: added {added}, updated {updated}; {unchanged} unchanged"
        ))?;
    }
    if args.dry_run {
        say("dry run: nothing was written")?;
    }
    Ok(Status::Done)
}

fn cell<'a>(cols: &[Option<L>], cells: &'a [String], col: L) -> Option<&'a str> {
    let i = cols.iter().position(|c| *c == Some(col))?;
    let text = unescape_cell(cells.get(i)?.as_str()).trim();
    (!text.is_empty()).then_some(text)
}

/// The person a row describes, and whether that adds or updates; `None`
/// when the row matches the roster already.
fn import_row(
    cols: &[Option<L>],
    cells: &[String],
    roster: &Roster,
    working: &[Person],
    today: chrono::NaiveDate,
    same_name: bool,
) -> Result<Option<(RosterOp, Person)>> {
    let get = |col| cell(cols, cells, col);
    let name = validate_name(get(L::Name).unwrap_or(""))?;
    let mut staff_dept: Option<String> = None;
    let of = match get(L::Of) {
        Some(q) => {
            let staff = crate::person::find(working, q)?;
            if !staff.is_staff() {
                bail!(
                    "{} {} is family, not staff: 所属职工/of must be a staff member",
                    staff.id,
                    staff.name
                );
            }
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
        Kind::Family if of.is_none() => bail!("{name} is family: fill in 所属职工/of"),
        Kind::Family if relation.is_none() => bail!("{name} is family: fill in 关系/relation"),
        Kind::Staff if of.is_some() || relation.is_some() => {
            bail!("{name} is staff: 所属职工/of and 关系/relation are for family")
        }
        _ => {}
    }
    let mut dept = get(L::Dept).map(str::to_string);
    // A workbook often repeats the staff member's department on family rows.
    if kind == Kind::Family && dept.is_some() && dept == staff_dept {
        dept = None;
    }
    if kind == Kind::Family && dept.is_some() {
        bail!(
            "{name} is family and counts under their staff member's department: leave 部门/dept empty"
        );
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
        bail!("until {u} is before since {s}");
    }
    match get(L::Id) {
        Some(id) => {
            validate_id(id)?;
            match working.iter().find(|p| p.id.eq_ignore_ascii_case(id)) {
                Some(existing) => {
                    if existing.kind != person.kind {
                        bail!(
                            "{} is {} on the roster: the kind cannot change",
                            existing.id,
                            existing.kind.as_str()
                        );
                    }
                    if roster.get(&existing.id).is_none() {
                        bail!("id {} appears on an earlier row of this file", existing.id);
                    }
                    person.id = existing.id.clone();
                    // An empty 起始日期 keeps the start already on the roster.
                    if person.since.is_none() {
                        person.since = existing.since;
                    }
                    if *existing == person {
                        return Ok(None);
                    }
                    Ok(Some((RosterOp::Import, person)))
                }
                None => {
                    person.id = id.to_string();
                    person.since = person.since.or(Some(today));
                    Ok(Some((RosterOp::Add, person)))
                }
            }
        }
        None => {
            if !same_name && let Some(same) = working.iter().find(|p| p.name == person.name) {
                bail!(
                    "{} is on the roster already as {}: fill in 编号/id to update them, or import with --same-name if this is another person",
                    person.name,
                    same.id
                );
            }
            // A new person without 起始日期 starts today (SPEC §2 v2).
            person.since = person.since.or(Some(today));
            person.id = match &person.of {
                Some(staff) => next_family_id(staff, working.iter().map(|p| p.id.as_str())),
                None => next_staff_id(working.iter().map(|p| p.id.as_str())),
            };
            Ok(Some((RosterOp::Add, person)))
        }
    }
}
