//! `record --chat FILE|-`: a WeChat group roll-call (接龙, SPEC §3 v2). The
//! text is parsed by `crate::chat`; the records are carried and written
//! through the batch's path (one write, one journal line, one `undo`).
//! Every record is previewed with its source line before anything is
//! written: `--dry-run` stops there, a terminal is asked [y/N], anything
//! else needs `--yes`.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use super::record::check_active;
use super::{Globals, clerk};
use crate::batch::Present;
use crate::chat::{self, ChatEntry, Whereabouts};
use crate::cli::Lang;
use crate::csvio::{CsvEncoding, decode_input};
use crate::dates::parse_record_date;
use crate::i18n::{self, L};
use crate::output::say;
use crate::person::Person;
use crate::plan::Planner;
use crate::record::{Record, RecordInput};
use crate::render::{Cell, Document, Table};
use crate::report::daily::role;
use crate::rules;
use crate::store::journal::WriteKind;
use crate::store::{Config, Entry, Roster};
use crate::{Status, UsageError};

pub struct ChatOptions<'a> {
    pub file: &'a Path,
    pub date: Option<&'a str>,
    pub dry_run: bool,
    pub yes: bool,
    pub encoding: Option<&'a str>,
    pub by: Option<&'a str>,
}

fn from_stdin(file: &Path) -> bool {
    file.as_os_str() == "-"
}

fn read_text(file: &Path, encoding: Option<&str>) -> Result<String> {
    let forced = encoding.map(CsvEncoding::parse).transpose()?;
    if !from_stdin(file) {
        let what = file.display().to_string();
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {what}"))?;
        return decode_input(&bytes, forced, &what);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .context("cannot read the roll-call from standard input")?;
    decode_input(&bytes, forced, "standard input")
}

/// One record the roll-call makes, planned on what carries forward.
struct Planned<'r> {
    chat: ChatEntry,
    person: &'r Person,
    record: Record,
    corrects: bool,
    entry: Entry,
}

/// A line not understood, with why, in the report language.
struct Problem {
    line: usize,
    text: String,
    why: String,
}

pub fn run(g: &Globals, opts: ChatOptions) -> Result<Status> {
    let store = g.open()?;
    let lang = g.lang(&store);
    let today = store.today()?;
    let text = read_text(opts.file, opts.encoding)?;
    let what = if from_stdin(opts.file) {
        "-".to_string()
    } else {
        opts.file.display().to_string()
    };
    let date = pick_date(&text, opts.date, today, lang, &what)?;
    // As for a batch: the write (and its lock) is open from the first read
    // to the commit; nothing is on disk unless it is committed.
    let by = clerk(&store, opts.by);
    let mut tx = if opts.dry_run {
        None
    } else {
        Some(store.begin(WriteKind::Chat, &by)?)
    };
    let roster = store.roster()?;
    let people: Vec<&Person> = roster.active_on(date).collect();
    let parsed = chat::parse(&text, &people, &store.config.home_city);

    let now = store.now()?;
    let mut state = Planner::new(&store);
    let named: Vec<&Person> = parsed
        .entries
        .iter()
        .filter_map(|e| roster.get(&e.person))
        .collect();
    state.prefetch(&named, date)?;
    let mut planned: Vec<Planned> = Vec::new();
    let mut problems: Vec<Problem> = parsed
        .not_understood
        .iter()
        .map(|n| Problem {
            line: n.line,
            text: n.text.clone(),
            why: if n.cut_off {
                match lang {
                    Lang::Zh => format!("{}（接龙可能被截断，请复制完整）", n.reason.text(lang)),
                    Lang::En => format!(
                        "{} (the list seems cut off here; copy all of it)",
                        n.reason.text(lang)
                    ),
                }
            } else {
                n.reason.text(lang)
            },
        })
        .collect();
    for e in &parsed.entries {
        let Some(person) = roster.get(&e.person) else {
            continue;
        };
        let home_city = store.config.home_city.clone();
        let result = check_active(person, date).and_then(|()| {
            state.plan_record(
                person,
                date,
                |base| Ok(input_of(e, base, &home_city, &store.config)),
                Present::default(),
                now,
                by.clone(),
            )
        });
        match result {
            Ok(p) => planned.push(Planned {
                chat: e.clone(),
                person,
                record: p.record,
                corrects: p.replaced.is_some(),
                entry: p.entry,
            }),
            Err(err) => problems.push(Problem {
                line: e.line,
                text: line_text(&text, e.line),
                why: crate::one_line(&err),
            }),
        }
    }
    // A line gives all its records or none, like a line not understood.
    let failed: HashSet<usize> = problems.iter().map(|p| p.line).collect();
    planned.retain(|p| !failed.contains(&p.chat.line));
    problems.sort_by_key(|p| p.line);

    let day_log = store.day(date)?;
    let recorded_today: HashSet<String> = people
        .iter()
        .filter(|p| day_log.record_of(&p.id).is_some())
        .map(|p| p.id.clone())
        .collect();
    let preview = Preview {
        org: &store.config.org,
        date,
        lang,
        planned: &planned,
        problems: &problems,
        chase: &parsed.chase,
        roster: &roster,
        people: &people,
        recorded_today: &recorded_today,
        config: &store.config,
    };
    let terminal = std::io::stdout().is_terminal();
    let shown = crate::render::text::render(&preview.document(), terminal);
    let mut out = std::io::stdout().lock();
    out.write_all(shown.as_bytes())?;
    out.flush()?;
    drop(out);

    if planned.is_empty() {
        bail!(match lang {
            Lang::Zh => format!("{what}：没有可以记录的内容（见上面的预览），什么也没写"),
            Lang::En =>
                format!("{what}: nothing to record (see the preview above); nothing was written"),
        });
    }
    if opts.dry_run {
        say(match lang {
            Lang::Zh => "试运行：什么也没写".to_string(),
            Lang::En => "dry run: nothing was written".to_string(),
        })?;
        return Ok(Status::Done);
    }
    if !opts.yes && !confirm(planned.len(), lang)? {
        say(match lang {
            Lang::Zh => "未写入".to_string(),
            Lang::En => "nothing was written".to_string(),
        })?;
        return Ok(Status::Done);
    }
    if let Some(mut tx) = tx.take() {
        let entries: Vec<Entry> = planned.iter().map(|p| p.entry.clone()).collect();
        tx.append_entries(&entries)?;
        tx.commit()?;
    }
    say(match lang {
        Lang::Zh => format!(
            "已记录 {} 条（{date}）；写错了可以用 healthreport undo 撤销",
            planned.len()
        ),
        Lang::En => format!(
            "recorded {} record(s) for {date}; `healthreport undo` takes them back",
            planned.len()
        ),
    })?;
    Ok(Status::Done)
}

/// The day of the roll-call: `--date`, else the title's date, else today.
/// A title naming another day than `--date` is an error: the clerk may
/// have pasted yesterday's list.
fn pick_date(
    text: &str,
    given: Option<&str>,
    today: NaiveDate,
    lang: Lang,
    what: &str,
) -> Result<NaiveDate> {
    let header = chat::header_date(text, today).map_err(|bad| {
        anyhow::anyhow!(match lang {
            Lang::Zh => format!(
                "{what} 第 {} 行“{}”的日期不存在；改正后再试",
                bad.line, bad.text
            ),
            Lang::En => format!(
                "{what}:{}: '{}' names a day that does not exist; correct it and run again",
                bad.line, bad.text
            ),
        })
    })?;
    let date = match (given, header) {
        (Some(g), _) => parse_record_date(Some(g), today)?,
        (None, Some((d, _))) => d,
        (None, None) => today,
    };
    if let Some((h, line)) = header
        && h != date
    {
        bail!(match lang {
            Lang::Zh => format!(
                "{what} 第 {line} 行写的是 {h} 的接龙，但 --date 是 {date}；是不是贴错了日子？改 --date 或换成当天的接龙"
            ),
            Lang::En => format!(
                "{what}:{line}: the roll-call is for {h} but --date says {date}; was another day's list pasted? Fix --date or paste that day's list"
            ),
        });
    }
    parse_record_date(Some(&date.to_string()), today)
}

/// What a chat entry gives, on the values that carry. 在家/在本地/在沈 keep
/// a local location as it was, else the home city.
fn input_of(e: &ChatEntry, base: Option<&Record>, home_city: &str, config: &Config) -> RecordInput {
    let location = match &e.whereabouts {
        None => None,
        Some(Whereabouts::Place(p)) => Some(p.clone()),
        Some(Whereabouts::Home) => {
            let local =
                base.is_some_and(|b| b.location.is_some() && rules::derive(b, config).local);
            if local || home_city.is_empty() {
                None
            } else {
                Some(home_city.to_string())
            }
        }
    };
    RecordInput {
        temperature: Some(e.temperature),
        temperature_pm: e.temperature_pm,
        symptoms: e.symptoms.clone(),
        location,
        // 有接触史 in a roll-call is a yes, as in a batch: it keeps an open
        // observation rather than restarting it.
        contact: e.contact,
        new_contact: false,
        observation_since: None,
        isolation: e.isolation,
        isolation_since: None,
        work: e.work,
        post: None,
        note: e.note.clone(),
    }
}

fn line_text(text: &str, line: usize) -> String {
    chat::lines(text)
        .into_iter()
        .find(|(n, _)| *n == line)
        .map(|(_, l)| l)
        .unwrap_or_default()
}

/// Asks at a terminal (also after a paste into `--chat -` ended with
/// Ctrl-D: a terminal reads on after end of input); off a terminal, or when
/// the text came through a pipe, `--yes` is required.
fn confirm(n: usize, lang: Lang) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(UsageError(match lang {
            Lang::Zh => "接龙要确认后才写入：不在终端上（或接龙经管道传入）时加 --yes".to_string(),
            Lang::En => "a roll-call is written only when confirmed: add --yes when not at a terminal (or when the text comes through a pipe)".to_string(),
        })
        .into());
    }
    let mut err = std::io::stderr();
    match lang {
        Lang::Zh => write!(err, "写入以上 {n} 条记录？[y/N] ")?,
        Lang::En => write!(err, "Write these {n} record(s)? [y/N] ")?,
    }
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "是" | "好"
    ))
}

struct Preview<'a> {
    org: &'a str,
    date: NaiveDate,
    lang: Lang,
    planned: &'a [Planned<'a>],
    problems: &'a [Problem],
    chase: &'a [chat::Chase],
    roster: &'a Roster,
    people: &'a [&'a Person],
    recorded_today: &'a HashSet<String>,
    config: &'a Config,
}

impl Preview<'_> {
    fn document(&self) -> Document {
        let lang = self.lang;
        let mut doc = Document::new(self.org, L::ChatTitle, &self.date.to_string(), lang);
        let mut t = Table::labelled(
            &[
                L::SourceLine,
                L::Id,
                L::Name,
                L::Role,
                L::Temperature,
                L::Symptoms,
                L::Location,
                L::Isolation,
                L::Work,
                L::Note,
                L::Remark,
            ],
            lang,
        );
        for p in self.planned {
            let r = &p.record;
            t.push(vec![
                Cell::int(p.chat.line),
                Cell::text(&p.person.id),
                Cell::text(&p.person.name),
                Cell::text(role(p.person, lang)),
                Cell::Temp(r.temperature),
                Cell::text(r.symptoms.join("、")),
                Cell::opt(r.location.as_deref()),
                Cell::text(isolation_cell(r, lang)),
                Cell::text(work_cell(r, lang)),
                Cell::opt(r.note.as_deref()),
                Cell::text(self.remark(p)),
            ]);
        }
        doc.table(t);
        doc.lines(vec![match lang {
            Lang::Zh => {
                let corrections = self.planned.iter().filter(|p| p.corrects).count();
                format!(
                    "共 {} 条记录，其中 {corrections} 条更正当天已有的记录。",
                    self.planned.len()
                )
            }
            Lang::En => {
                let corrections = self.planned.iter().filter(|p| p.corrects).count();
                format!(
                    "{} record(s), {corrections} of them correcting a record already in the store for the day.",
                    self.planned.len()
                )
            }
        }]);
        doc.lines(self.section(L::ChatNotUnderstood, self.problem_lines()));
        doc.lines(self.section(L::ChatChase, self.chase_lines()));
        doc.lines(self.section(L::ChatMissing, self.missing_lines()));
        doc.lines(self.section(L::ChatAlerts, self.alert_lines()));
        doc
    }

    fn section(&self, heading: L, mut lines: Vec<String>) -> Vec<String> {
        if lines.is_empty() {
            let space = match self.lang {
                Lang::Zh => "",
                Lang::En => " ",
            };
            return vec![format!(
                "{}{space}{}",
                heading.text(self.lang),
                L::ChatNothing.text(self.lang)
            )];
        }
        lines.insert(0, heading.text(self.lang).to_string());
        lines
    }

    fn remark(&self, p: &Planned) -> String {
        let mut parts = Vec::new();
        if let Some(w) = &p.chat.written_as {
            parts.push(match self.lang {
                Lang::Zh => format!("原文“{w}”，按最接近的名字"),
                Lang::En => format!("written '{w}', taken as the closest name"),
            });
        }
        if let Some(l) = p.chat.replaces_line {
            parts.push(match self.lang {
                Lang::Zh => format!("取代第 {l} 行"),
                Lang::En => format!("replaces line {l}"),
            });
        }
        if p.corrects {
            parts.push(match self.lang {
                Lang::Zh => "更正当天已有记录".to_string(),
                Lang::En => "corrects the day's record".to_string(),
            });
        }
        parts.join(L::GroupSep.text(self.lang))
    }

    fn problem_lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| match self.lang {
                Lang::Zh => format!("  第 {} 行“{}”：{}", p.line, p.text, p.why),
                Lang::En => format!("  line {} '{}': {}", p.line, p.text, p.why),
            })
            .collect()
    }

    fn name(&self, id: &str) -> String {
        self.roster
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn chase_lines(&self) -> Vec<String> {
        // One line per source line: the names, then what was written.
        let mut by_line: Vec<(usize, Vec<String>, &str)> = Vec::new();
        // Whoever already has a record for the day needs no chasing.
        for c in self
            .chase
            .iter()
            .filter(|c| !self.recorded_today.contains(&c.person))
        {
            match by_line.iter_mut().find(|(l, _, _)| *l == c.line) {
                Some((_, names, _)) => names.push(self.name(&c.person)),
                None => by_line.push((c.line, vec![self.name(&c.person)], &c.text)),
            }
        }
        by_line
            .into_iter()
            .map(|(line, names, text)| match self.lang {
                Lang::Zh => format!("  第 {line} 行 {}：“{text}”", names.join("、")),
                Lang::En => format!("  line {line} {}: '{text}'", names.join(", ")),
            })
            .collect()
    }

    /// Households with someone neither in the text nor already recorded.
    fn missing_lines(&self) -> Vec<String> {
        let covered: HashSet<&str> = self
            .planned
            .iter()
            .map(|p| p.person.id.as_str())
            .chain(self.chase.iter().map(|c| c.person.as_str()))
            .collect();
        // By household id: two staff members may share a name.
        let mut households: Vec<(&str, &str, Vec<&str>)> = Vec::new();
        for p in self.people {
            if covered.contains(p.id.as_str()) || self.recorded_today.contains(&p.id) {
                continue;
            }
            let head = self
                .roster
                .staff_of(p)
                .map_or(p.name.as_str(), |s| s.name.as_str());
            match households.iter_mut().find(|(h, _, _)| *h == p.household()) {
                Some((_, _, names)) => names.push(&p.name),
                None => households.push((p.household(), head, vec![&p.name])),
            }
        }
        households
            .into_iter()
            .map(|(_, head, names)| match self.lang {
                Lang::Zh => format!("  {head}家：{}", names.join("、")),
                Lang::En => format!("  {head}'s household: {}", names.join(", ")),
            })
            .collect()
    }

    fn alert_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in self.planned {
            // The record as it will stand: it may open an observation itself.
            let episode = crate::episode::as_of(Some(&p.record), self.date, self.config, true);
            for a in rules::alerts(
                Some(&p.record),
                Some(&p.record),
                &episode,
                self.date,
                self.config,
            ) {
                out.push(format!(
                    "  {} {}{}{}",
                    p.person.name,
                    a.kind.label(self.lang),
                    L::Colon.text(self.lang),
                    a.detail(self.lang)
                ));
            }
        }
        out
    }
}

fn isolation_cell(r: &Record, lang: Lang) -> String {
    if !r.isolation.is_isolated() {
        return i18n::isolation(r.isolation, lang).to_string();
    }
    match r.isolation_since {
        Some(since) => format!("{} {since}", i18n::isolation(r.isolation, lang)),
        None => i18n::isolation(r.isolation, lang).to_string(),
    }
}

fn work_cell(r: &Record, lang: Lang) -> String {
    match (r.work, &r.post) {
        (Some(w), Some(post)) => format!("{} {post}", i18n::work(w, lang)),
        (Some(w), None) => i18n::work(w, lang).to_string(),
        (None, _) => String::new(),
    }
}
