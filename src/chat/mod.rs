//! The WeChat group roll-call (接龙, SPEC §3 v2): numbered lines of a staff
//! member's name and temperature, family members by relation word or name
//! with theirs, and words for symptoms, whereabouts, isolation and work.
//! Pure: text + roster + home city in, records to make (with their source
//! lines), lines not understood and people to chase out. The command in
//! `cmd/chat.rs` carries, previews and writes them.
//!
//! Choices where a chat is ambiguous, always towards writing nothing false:
//! - a line with anything not understood (a bad temperature, a name not on
//!   the roster, a relation word two people fit) gives no records at all;
//! - a temperature goes to the first person before it still without one;
//!   only 均/都 or a group word (家属, 全家, 父母) spreads it over several;
//! - a family member named without a temperature (全家正常) is listed for
//!   chasing and not recorded; the line's own person without one is a line
//!   not understood;
//! - when a person appears on two lines, the later line wins.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::cli::Lang;
use crate::person::{Person, Relation};
use crate::record::{Isolation, MAX_TEMP, MIN_TEMP, TempHint, Work};

mod lexicon;
mod post;

use lexicon::{Kw, Lexicon, Tok, read_temperature};
pub use post::{reminder, starter};

/// Where a line says someone is.
#[derive(Debug, Clone, PartialEq)]
pub enum Whereabouts {
    /// 在家, 在本地, 在沈 (the home city): keep a local location, else the home city.
    Home,
    /// 在武汉: this place.
    Place(String),
}

/// One record the text asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatEntry {
    /// The line of the text it comes from (1-based, as an editor numbers it).
    pub line: usize,
    pub person: String,
    pub temperature: f64,
    /// A second, afternoon reading (`早36.5 晚36.8`).
    pub temperature_pm: Option<f64>,
    pub symptoms: Vec<String>,
    pub whereabouts: Option<Whereabouts>,
    /// `Some(true)`: 有接触史; `Some(false)`: 无接触; `None`: not said.
    pub contact: Option<bool>,
    pub isolation: Option<Isolation>,
    pub work: Option<Work>,
    pub note: Option<String>,
    /// The name as written, when it was matched to the closest roster name.
    pub written_as: Option<String>,
    /// The earlier line this person was also on (the later line wins).
    pub replaces_line: Option<usize>,
}

/// Why a line was not understood.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// No name on the roster and nothing close to one.
    NoName,
    UnknownName {
        written: String,
        closest: Vec<String>,
    },
    /// Two or more people fit equally well (same name, or equally close).
    AmbiguousName {
        written: String,
        candidates: Vec<String>,
    },
    NoTemperature {
        name: String,
    },
    BadTemperature {
        written: String,
        hint: Option<TempHint>,
    },
    /// `36.`: the number stops short.
    IncompleteTemperature {
        written: String,
    },
    /// A relation word before any name on the line.
    RelationWithoutName {
        word: String,
    },
    NoSuchRelation {
        word: String,
        staff: String,
    },
    AmbiguousRelation {
        word: String,
        names: Vec<String>,
    },
    TwoTemperatures {
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct NotUnderstood {
    pub line: usize,
    pub text: String,
    pub reason: Reason,
    /// The last line of the text, ending mid-entry: the paste was cut off.
    pub cut_off: bool,
}

/// A family member named without a temperature: chase, do not record.
#[derive(Debug, Clone, PartialEq)]
pub struct Chase {
    pub line: usize,
    pub person: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub entries: Vec<ChatEntry>,
    pub not_understood: Vec<NotUnderstood>,
    pub chase: Vec<Chase>,
    /// Titles, #接龙, example lines, talk in the group: skipped on purpose.
    pub skipped: Vec<usize>,
    /// Lines of the starter still holding only names: not reported yet.
    pub unfilled: Vec<usize>,
}

/// A date in a title line that does not exist (2月30日).
#[derive(Debug, Clone, PartialEq)]
pub struct BadHeaderDate {
    pub line: usize,
    pub text: String,
}

// ---------------------------------------------------------------- cleaning

/// What a chat line never keeps: what the store refuses in any text value
/// (`text::forbidden`, SPEC §6 v2), and the invisible format characters a
/// paste carries (zero-width spaces and joiners, marks, the byte-order mark,
/// emoji variation selectors).
pub fn is_unclean(c: char) -> bool {
    crate::text::forbidden(c, false)
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2065}' | '\u{061C}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
}

/// Emoji and pictographs people add to their line.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{E0020}'..='\u{E007F}')
}

/// One line as the parser reads it: full-width ASCII folded to half-width,
/// ideographic space to space, unclean characters, emoji and WeChat's
/// `[微笑]` codes removed.
pub fn clean_line(raw: &str) -> String {
    let folded: String = raw
        .chars()
        .filter(|c| !is_unclean(*c) && !is_emoji(*c))
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    strip_sticker_codes(&folded).trim().to_string()
}

/// Removes `[微笑]`, `[OK]`: a bracket of one to four characters with no
/// digit inside (so `[36.5]` stays).
fn strip_sticker_codes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '['
            && let Some(len) = chars[i + 1..].iter().take(5).position(|c| *c == ']')
            && (1..=4).contains(&len)
            && chars[i + 1..i + 1 + len]
                .iter()
                .all(|c| !c.is_ascii_digit() && *c != '[')
        {
            i += len + 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The text's lines with their numbers; CRLF, CR and LF all end a line.
pub fn lines(text: &str) -> Vec<(usize, String)> {
    let text = text.trim_start_matches('\u{feff}');
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, clean_line(l)))
        .collect()
}

// ---------------------------------------------------------------- numbering, titles, dates

/// The line without its number: `1.`, `1、`, `1)`, `(1)`, `1 `, `1张伟`.
/// `None` when the line has no number.
fn strip_number(line: &str) -> Option<&str> {
    let s = line.trim_start();
    let s = s.strip_prefix('(').unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &s[digits..];
    let mut chars = rest.chars();
    match chars.next() {
        Some('.' | '、' | ')' | ',' | '，' | '．' | '。') => {
            let after = chars.as_str();
            // `2.18`: a date or a temperature, not a number.
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                None
            } else {
                Some(after.trim_start())
            }
        }
        Some(c) if c.is_whitespace() => Some(rest.trim_start()),
        Some(c) if !c.is_ascii() && c != '月' && c != '年' && c != '度' && c != '℃' => {
            Some(rest)
        }
        _ => None,
    }
}

fn is_example(line: &str) -> bool {
    let l = line.trim_start_matches(['(', '【', '[']);
    ["例", "示例", "格式", "举例", "范例", "模板"]
        .iter()
        .any(|w| l.starts_with(w))
        || l.to_lowercase().starts_with("e.g")
        || l.to_lowercase().starts_with("example")
}

const TITLE_WORDS: [&str; 10] = [
    "接龙",
    "体温",
    "报送",
    "统计",
    "上报",
    "填报",
    "打卡",
    "日报",
    "健康",
    "roll-call",
];

/// Year, month, day of the first date in a line: `2020年2月18日`,
/// `2月18日`/`2月18号`, `2020-02-18`, `2020/2/18`, `2020.2.18`, `2.18`, `2/18`.
fn find_date(line: &str) -> Option<(Option<i32>, u32, u32)> {
    // Numbers and the separators between them.
    let mut parts: Vec<(String, char)> = Vec::new();
    let mut num = String::new();
    for c in line.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            num.push(c);
        } else {
            parts.push((std::mem::take(&mut num), c));
        }
    }
    for i in 0..parts.len() {
        let n = |k: usize| -> Option<u32> {
            parts
                .get(k)
                .filter(|(s, _)| !s.is_empty() && s.len() <= 4)
                .and_then(|(s, _)| s.parse().ok())
        };
        let (Some(a), sep_a) = (n(i), parts[i].1) else {
            continue;
        };
        // A number glued to the one before (`36.5`) is not a date's start.
        if i > 0 && !parts[i - 1].0.is_empty() && matches!(parts[i - 1].1, '.' | '/' | '-') {
            continue;
        }
        let b = n(i + 1);
        let sep_b = parts.get(i + 1).map(|p| p.1);
        let c = n(i + 2);
        if a >= 1900 && matches!(sep_a, '年' | '-' | '/' | '.') {
            if let (Some(m), Some(d)) = (b, c)
                && matches!(
                    (sep_a, sep_b),
                    ('年', Some('月')) | ('-', Some('-')) | ('/', Some('/')) | ('.', Some('.'))
                )
            {
                return Some((Some(a as i32), m, d));
            }
            continue;
        }
        if let Some(d) = b {
            match sep_a {
                // `2月18日`, `2月18号`, `2月18`: a day that does not exist is
                // an error later, not a line without a date.
                '月' => return Some((None, a, d)),
                // `2.18`, `2/18`, only where it cannot be a temperature.
                '.' | '/'
                    if (1..=12).contains(&a)
                        && (1..=31).contains(&d)
                        && parts[i + 1].0.len() <= 2
                        && !matches!(sep_b, Some('.' | '/' | '℃' | '°' | '度')) =>
                {
                    return Some((None, a, d));
                }
                _ => {}
            }
        }
    }
    None
}

/// The day a title line names, the year taken as the latest one that does
/// not put it after `today`.
fn resolve_date((year, m, d): (Option<i32>, u32, u32), today: NaiveDate) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => {
            let this = NaiveDate::from_ymd_opt(today.year(), m, d);
            match this {
                Some(day) if day <= today => Some(day),
                _ => NaiveDate::from_ymd_opt(today.year() - 1, m, d).or(this),
            }
        }
    }
}

/// True for a line that heads the list rather than reporting: `#接龙`,
/// a title, an example. Numbered lines are never titles.
fn is_title(line: &str) -> bool {
    line.starts_with('#')
        || is_example(line)
        || (strip_number(line).is_none()
            && (find_date(line).is_some() || TITLE_WORDS.iter().any(|w| line.contains(w)))
            && !has_temperature(line))
}

fn has_temperature(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).any(|i| {
        (i == 0 || !chars[i - 1].is_ascii_digit())
            && matches!(read_temperature(&chars, i), Some((_, Ok(_))))
    })
}

/// The date the text's title lines give, with its line; `Err` for a title
/// date that does not exist. Lines after the first entry are not looked at.
pub fn header_date(
    text: &str,
    today: NaiveDate,
) -> Result<Option<(NaiveDate, usize)>, BadHeaderDate> {
    for (n, line) in lines(text) {
        if line.is_empty() {
            continue;
        }
        if !is_title(&line) {
            if strip_number(&line).is_some() || has_temperature(&line) {
                break;
            }
            continue;
        }
        if is_example(&line) {
            continue;
        }
        if let Some(found) = find_date(&line) {
            return match resolve_date(found, today) {
                Some(d) => Ok(Some((d, n))),
                None => Err(BadHeaderDate {
                    line: n,
                    text: line,
                }),
            };
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------- lines

/// What one line says about one person.
#[derive(Debug, Clone, Default)]
struct Slot {
    person: usize,
    temperature: Option<f64>,
    temperature_pm: Option<f64>,
    symptoms: Vec<String>,
    whereabouts: Option<Whereabouts>,
    contact: Option<bool>,
    isolation: Option<Isolation>,
    work: Option<Work>,
    note: Vec<String>,
    written_as: Option<String>,
    /// Named by their own name (not a relation or a group word).
    named: bool,
}

enum LineResult {
    Skip,
    Unfilled,
    Entries { slots: Vec<Slot>, chase: Vec<usize> },
    NotUnderstood(Reason),
}

struct LineState<'l, 'a> {
    lex: &'l Lexicon<'a>,
    slots: Vec<Slot>,
    /// Groups of slots named so far; a temperature goes to the first that
    /// still lacks one.
    pending: Vec<Vec<usize>>,
    /// The slots words apply to.
    current: Vec<usize>,
    each: bool,
    negate: bool,
    /// 下午/晚: the next temperature is the afternoon reading.
    afternoon: bool,
    household: Option<String>,
}

impl LineState<'_, '_> {
    fn slot_of(&mut self, person: usize) -> usize {
        if let Some(s) = self.slots.iter().position(|s| s.person == person) {
            return s;
        }
        self.slots.push(Slot {
            person,
            ..Slot::default()
        });
        self.slots.len() - 1
    }

    fn name_subject(&mut self, people: Vec<usize>, written_as: Option<String>, group: bool) {
        if self.household.is_none()
            && let Some(&p) = people.first()
        {
            self.household = Some(self.lex.people[p].household().to_string());
        }
        let slots: Vec<usize> = people.iter().map(|&p| self.slot_of(p)).collect();
        if !group {
            // `家属：爱人36.4 儿子36.6`: the group word was a heading; its
            // members now come one by one.
            let slots_ref = &slots;
            let temps: Vec<bool> = self.slots.iter().map(|s| s.temperature.is_some()).collect();
            self.pending.retain(|g| {
                g.len() < 2
                    || g.iter().any(|s| temps[*s])
                    || !g.iter().any(|s| slots_ref.contains(s))
            });
            for &s in &slots {
                self.slots[s].named = true;
                if self.slots[s].written_as.is_none() {
                    self.slots[s].written_as.clone_from(&written_as);
                }
            }
        }
        self.pending.push(slots.clone());
        self.current = slots;
        self.each = group;
        self.negate = false;
    }

    fn members(&self, rel: Option<Relation>) -> Vec<usize> {
        let Some(h) = &self.household else {
            return Vec::new();
        };
        (0..self.lex.people.len())
            .filter(|&k| {
                let p = self.lex.people[k];
                p.household() == h && !p.is_staff() && (rel.is_none() || p.relation == rel)
            })
            .collect()
    }

    fn staff_slot(&mut self) -> Option<usize> {
        let h = self.household.clone()?;
        let k = self.lex.people.iter().position(|p| p.id == h)?;
        Some(self.slot_of(k))
    }

    fn targets(&self) -> Vec<usize> {
        if self.each {
            let mut all: Vec<usize> = self.pending.iter().flatten().copied().collect();
            all.extend(self.current.iter().copied());
            all.sort_unstable();
            all.dedup();
            all
        } else {
            self.current.clone()
        }
    }

    fn apply(&mut self, kw: Kw, text: &str) {
        // `无发热、咳嗽等症状`: a negation holds over a run of symptoms.
        let negate = if matches!(kw, Kw::Symptom(_)) {
            self.negate
        } else {
            std::mem::take(&mut self.negate)
        };
        if let Kw::Work(w) = kw {
            if let Some(s) = self.staff_slot() {
                self.slots[s].work = Some(w);
            } else {
                self.note(text);
            }
            return;
        }
        for s in self.targets() {
            let slot = &mut self.slots[s];
            match kw {
                Kw::Normal => {}
                Kw::Symptom(sym) if !negate && !slot.symptoms.iter().any(|x| x == sym) => {
                    slot.symptoms.push(sym.to_string());
                }
                Kw::Home => slot.whereabouts = Some(Whereabouts::Home),
                Kw::HomeIsolation => {
                    slot.whereabouts = Some(Whereabouts::Home);
                    slot.isolation = Some(Isolation::Home);
                }
                Kw::Isolation(i) => slot.isolation = Some(i),
                Kw::Contact => slot.contact = Some(!negate),
                _ => {}
            }
        }
    }

    /// Words not understood are a note on the line's own person (its
    /// first): a trailing note is about the line as a whole far more often
    /// than about the last relative named.
    fn note(&mut self, text: &str) {
        if let Some(slot) = self.slots.first_mut() {
            slot.note.push(text.to_string());
        }
    }

    fn temperature(&mut self, t: f64) -> Result<(), Reason> {
        // 晚36.8 after 早36.5: the afternoon reading of whoever has a
        // morning one; alone, it is the day's reading.
        if std::mem::take(&mut self.afternoon) {
            let mut given = false;
            for s in self.targets() {
                let slot = &mut self.slots[s];
                if slot.temperature.is_some() && slot.temperature_pm.is_none() {
                    slot.temperature_pm = Some(t);
                    given = true;
                }
            }
            if given {
                self.each = false;
                return Ok(());
            }
        }
        let open = self
            .pending
            .iter()
            .position(|g| g.iter().any(|&s| self.slots[s].temperature.is_none()));
        match open {
            Some(g) => {
                // 均/都: everyone named since the last temperature.
                let group: Vec<usize> = if self.each {
                    self.pending[g..].iter().flatten().copied().collect()
                } else {
                    self.pending[g].clone()
                };
                let spread = self.each || group.len() > 1;
                for s in group {
                    if self.slots[s].temperature.is_none() {
                        self.slots[s].temperature = Some(t);
                        if !spread {
                            break;
                        }
                    }
                }
                self.each = false;
                Ok(())
            }
            None => {
                let name = self
                    .current
                    .first()
                    .map(|&s| self.lex.people[self.slots[s].person].name.clone())
                    .unwrap_or_default();
                Err(if self.slots.is_empty() {
                    Reason::NoName
                } else {
                    Reason::TwoTemperatures { name }
                })
            }
        }
    }
}

/// The people whose name is closest to `written`: the household's first.
fn closest(
    lex: &Lexicon,
    written: &str,
    household: Option<&str>,
) -> Result<(usize, String), Reason> {
    let n = written.chars().count();
    let scored: Vec<(usize, usize)> = lex
        .people
        .iter()
        .enumerate()
        .map(|(k, p)| (strsim::levenshtein(&p.name, written), k))
        .collect();
    let pick = |pool: Vec<(usize, usize)>| -> Option<Result<usize, Vec<usize>>> {
        let best = pool.iter().map(|(d, _)| *d).min()?;
        if best > 1 || n < 2 {
            return None;
        }
        let at: Vec<usize> = pool
            .iter()
            .filter(|(d, _)| *d == best)
            .map(|(_, k)| *k)
            .collect();
        Some(if at.len() == 1 { Ok(at[0]) } else { Err(at) })
    };
    let in_household: Vec<(usize, usize)> = scored
        .iter()
        .copied()
        .filter(|(_, k)| Some(lex.people[*k].household()) == household)
        .collect();
    // The first name on a line is usually the staff member's own.
    let first_pool: Vec<(usize, usize)> = match household {
        Some(_) => in_household,
        None => scored
            .iter()
            .copied()
            .filter(|(_, k)| lex.people[*k].is_staff())
            .collect(),
    };
    let found = pick(first_pool).or_else(|| pick(scored.clone()));
    match found {
        Some(Ok(k)) => Ok((k, written.to_string())),
        Some(Err(ks)) => Err(Reason::AmbiguousName {
            written: written.to_string(),
            candidates: ks
                .iter()
                .map(|&k| format!("{} {}", lex.people[k].id, lex.people[k].name))
                .collect(),
        }),
        None => {
            let mut near: Vec<(usize, usize)> =
                scored.into_iter().filter(|(d, _)| *d <= 2).collect();
            near.sort();
            Err(Reason::UnknownName {
                written: written.to_string(),
                closest: near
                    .iter()
                    .take(3)
                    .map(|(_, k)| lex.people[*k].name.clone())
                    .collect(),
            })
        }
    }
}

/// A run of 2 to 4 CJK characters: what a mistyped name looks like.
fn looks_like_name(text: &str) -> bool {
    let n = text.chars().count();
    (2..=4).contains(&n)
        && text
            .chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '·')
}

fn parse_line(lex: &Lexicon, line: &str) -> LineResult {
    if line.is_empty() || line.starts_with('#') || is_example(line) {
        return LineResult::Skip;
    }
    let numbered = strip_number(line);
    let body = numbered.unwrap_or(line);
    let toks = lex.tokens(body);
    let has_name = toks
        .iter()
        .any(|t| matches!(t, Tok::Name { .. } | Tok::Id(_)));
    // A title, or an unnumbered line with no name and no number: talk in
    // the group (收到, 好的), not an entry. `张伟 体温正常` is an entry.
    if !has_name && (is_title(line) || (numbered.is_none() && !has_digit(line))) {
        return LineResult::Skip;
    }
    let mut st = LineState {
        lex,
        slots: Vec::new(),
        pending: Vec::new(),
        current: Vec::new(),
        each: false,
        negate: false,
        afternoon: false,
        household: None,
    };
    // A starter line nobody filled in yet: names and nothing else.
    if toks
        .iter()
        .all(|t| matches!(t, Tok::Name { .. } | Tok::Id(_) | Tok::Sep))
        && has_name
    {
        return LineResult::Unfilled;
    }
    let mut orphan_temp: Option<f64> = None;
    let significant: Vec<&Tok> = toks.iter().filter(|t| **t != Tok::Sep).collect();
    for (idx, tok) in significant.iter().enumerate() {
        let next_is_temp = matches!(significant.get(idx + 1), Some(Tok::Temp(_)));
        match tok {
            Tok::Sep => {}
            Tok::Name { people, written } => {
                let chosen = if people.len() == 1 {
                    people[0]
                } else {
                    let mine: Vec<usize> = people
                        .iter()
                        .copied()
                        .filter(|&k| Some(lex.people[k].household()) == st.household.as_deref())
                        .collect();
                    let by_id = match significant.get(idx + 1) {
                        Some(Tok::Id(k)) if people.contains(k) => Some(*k),
                        _ => None,
                    };
                    if let Some(k) = by_id {
                        k
                    } else if mine.len() == 1 {
                        mine[0]
                    } else {
                        return LineResult::NotUnderstood(Reason::AmbiguousName {
                            written: written.clone(),
                            candidates: people
                                .iter()
                                .map(|&k| format!("{} {}", lex.people[k].id, lex.people[k].name))
                                .collect(),
                        });
                    }
                };
                st.name_subject(vec![chosen], None, false);
            }
            Tok::Id(k) => {
                // Right after the name it settles (`王伟（S001）`), it is done.
                let just_named = st.current.len() == 1 && st.slots[st.current[0]].person == *k;
                if !just_named {
                    st.name_subject(vec![*k], None, false);
                }
            }
            Tok::Other(text) if (st.slots.is_empty() || next_is_temp) && looks_like_name(text) => {
                match closest(lex, text, st.household.as_deref()) {
                    Ok((k, written)) => st.name_subject(vec![k], Some(written), false),
                    // Mid-line, words near no name are a note (`（办公室）`).
                    Err(Reason::UnknownName { .. }) if !st.slots.is_empty() => st.note(text),
                    Err(reason) => return LineResult::NotUnderstood(reason),
                }
            }
            Tok::Other(text) => {
                if st.slots.is_empty() && orphan_temp.is_none() {
                    return LineResult::NotUnderstood(Reason::NoName);
                }
                st.note(text);
            }
            Tok::Temp(Err((written, None))) if written.ends_with('.') => {
                return LineResult::NotUnderstood(Reason::IncompleteTemperature {
                    written: written.clone(),
                });
            }
            Tok::Temp(Err((written, hint))) => {
                return LineResult::NotUnderstood(Reason::BadTemperature {
                    written: written.clone(),
                    hint: *hint,
                });
            }
            Tok::Temp(Ok(t)) => {
                st.negate = false;
                if st.slots.is_empty() {
                    if orphan_temp.is_some() {
                        return LineResult::NotUnderstood(Reason::NoName);
                    }
                    orphan_temp = Some(*t);
                } else if let Err(reason) = st.temperature(*t) {
                    return LineResult::NotUnderstood(reason);
                }
            }
            Tok::Place(place) => {
                if st.slots.is_empty() {
                    return LineResult::NotUnderstood(Reason::NoName);
                }
                for s in st.targets() {
                    st.slots[s].whereabouts = Some(Whereabouts::Place(place.clone()));
                }
                st.negate = false;
            }
            Tok::Word(kw, text) => match *kw {
                Kw::Rel(rel, plural) => {
                    if st.household.is_none() {
                        return LineResult::NotUnderstood(Reason::RelationWithoutName {
                            word: text.clone(),
                        });
                    }
                    let members = st.members(Some(rel));
                    let staff_name = st
                        .staff_slot()
                        .map(|s| lex.people[st.slots[s].person].name.clone())
                        .unwrap_or_default();
                    match members.len() {
                        0 => {
                            return LineResult::NotUnderstood(Reason::NoSuchRelation {
                                word: text.clone(),
                                staff: staff_name,
                            });
                        }
                        1 => st.name_subject(members, None, false),
                        _ if plural => st.name_subject(members, None, true),
                        _ => {
                            return LineResult::NotUnderstood(Reason::AmbiguousRelation {
                                word: text.clone(),
                                names: members
                                    .iter()
                                    .map(|&k| lex.people[k].name.clone())
                                    .collect(),
                            });
                        }
                    }
                    // The relation word named them, not their name.
                    for &s in &st.current {
                        st.slots[s].named = false;
                    }
                }
                Kw::Family => {
                    if st.household.is_none() {
                        return LineResult::NotUnderstood(Reason::RelationWithoutName {
                            word: text.clone(),
                        });
                    }
                    let members = st.members(None);
                    st.name_subject(members, None, true);
                }
                Kw::Household => {
                    if st.household.is_none() {
                        return LineResult::NotUnderstood(Reason::RelationWithoutName {
                            word: text.clone(),
                        });
                    }
                    let mut members: Vec<usize> = st
                        .staff_slot()
                        .map(|s| st.slots[s].person)
                        .into_iter()
                        .collect();
                    members.extend(st.members(None));
                    // Those with a temperature already keep it; the rest wait for one.
                    st.name_subject(members, None, true);
                }
                Kw::Each => st.each = true,
                Kw::SelfWord => {
                    if let Some(s) = st.staff_slot() {
                        st.current = vec![s];
                        if st.slots[s].temperature.is_none()
                            && !st.pending.iter().any(|g| g == &vec![s])
                        {
                            st.pending.push(vec![s]);
                        }
                    }
                }
                Kw::Not => st.negate = true,
                Kw::Afternoon => st.afternoon = true,
                Kw::Morning => st.afternoon = false,
                Kw::Affirm => st.negate = false,
                Kw::Filler => {}
                other => {
                    if st.slots.is_empty() {
                        return LineResult::NotUnderstood(Reason::NoName);
                    }
                    st.apply(other, text);
                }
            },
        }
        if let Some(t) = orphan_temp
            && !st.slots.is_empty()
        {
            orphan_temp = None;
            if let Err(reason) = st.temperature(t) {
                return LineResult::NotUnderstood(reason);
            }
        }
    }
    if st.slots.is_empty() {
        // An unnumbered line with no name and no temperature is talk in
        // the group, not an entry.
        return if numbered.is_none() && orphan_temp.is_none() && !has_digit(line) {
            LineResult::Skip
        } else {
            LineResult::NotUnderstood(Reason::NoName)
        };
    }
    // The line's own person (its first) must have a temperature.
    let owner = &st.slots[0];
    if owner.temperature.is_none() && owner.named {
        return LineResult::NotUnderstood(Reason::NoTemperature {
            name: lex.people[owner.person].name.clone(),
        });
    }
    let chase = st
        .slots
        .iter()
        .filter(|s| s.temperature.is_none())
        .map(|s| s.person)
        .collect();
    let slots = st
        .slots
        .into_iter()
        .filter(|s| s.temperature.is_some())
        .collect();
    LineResult::Entries { slots, chase }
}

/// The line stops where a temperature should follow: after a name, a
/// relation word or part of a name (`3. 陈静 36.5 爱人`, `3. 陈静 36.5 李`).
fn ends_open(lex: &Lexicon, line: &str) -> bool {
    let toks = lex.tokens(strip_number(line).unwrap_or(line));
    matches!(
        toks.iter().rev().find(|t| **t != Tok::Sep),
        Some(
            Tok::Name { .. }
                | Tok::Other(_)
                | Tok::Word(
                    Kw::Rel(..) | Kw::Family | Kw::Household | Kw::SelfWord | Kw::Each,
                    _
                )
        )
    )
}

fn has_digit(line: &str) -> bool {
    line.chars().any(|c| c.is_ascii_digit())
}

/// Parses a roll-call against the people expected on its day. `home_city`
/// tells 在沈/在京 from a place away.
pub fn parse(text: &str, people: &[&Person], home_city: &str) -> Parsed {
    let lex = Lexicon::new(people, home_city);
    let all = lines(text);
    let last_line = all
        .iter()
        .rev()
        .find(|(_, l)| !l.is_empty())
        .map_or(0, |(n, _)| *n);
    let mut parsed = Parsed::default();
    let mut by_person: HashMap<String, usize> = HashMap::new();
    for (n, line) in &all {
        match parse_line(&lex, line) {
            LineResult::Skip => {
                if !line.is_empty() {
                    parsed.skipped.push(*n);
                }
            }
            LineResult::Unfilled => parsed.unfilled.push(*n),
            LineResult::NotUnderstood(reason) => {
                let cut_off = *n == last_line
                    && (matches!(reason, Reason::IncompleteTemperature { .. })
                        || (matches!(reason, Reason::NoTemperature { .. })
                            && ends_open(&lex, line)));
                parsed.not_understood.push(NotUnderstood {
                    line: *n,
                    text: line.clone(),
                    reason,
                    cut_off,
                });
            }
            LineResult::Entries { slots, chase } => {
                for s in slots {
                    let person = people[s.person].id.clone();
                    let note = (!s.note.is_empty()).then(|| s.note.join(" "));
                    let mut entry = ChatEntry {
                        line: *n,
                        person: person.clone(),
                        temperature: s.temperature.unwrap_or_default(),
                        symptoms: s.symptoms,
                        whereabouts: s.whereabouts,
                        contact: s.contact,
                        temperature_pm: s.temperature_pm,
                        isolation: s.isolation,
                        work: s.work,
                        note,
                        written_as: s.written_as,
                        replaces_line: None,
                    };
                    parsed.chase.retain(|c| c.person != person);
                    match by_person.get(&person) {
                        Some(&i) => {
                            entry.replaces_line = Some(parsed.entries[i].line);
                            parsed.entries[i] = entry;
                        }
                        None => {
                            by_person.insert(person, parsed.entries.len());
                            parsed.entries.push(entry);
                        }
                    }
                }
                for k in chase {
                    let id = &people[k].id;
                    if !by_person.contains_key(id) && !parsed.chase.iter().any(|c| c.person == *id)
                    {
                        parsed.chase.push(Chase {
                            line: *n,
                            person: id.clone(),
                            text: line.clone(),
                        });
                    }
                }
            }
        }
    }
    parsed
}

impl Reason {
    /// Why, in the report language.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Reason::NoName, Lang::Zh) => "没有找到名册上的姓名".into(),
            (Reason::NoName, Lang::En) => "no name from the roster".into(),
            (Reason::UnknownName { written, closest }, Lang::Zh) if closest.is_empty() => {
                format!("当天的名册上没有“{written}”")
            }
            (Reason::UnknownName { written, closest }, Lang::Zh) => {
                format!(
                    "当天的名册上没有“{written}”，最接近的是：{}",
                    closest.join("、")
                )
            }
            (Reason::UnknownName { written, closest }, Lang::En) if closest.is_empty() => {
                format!("'{written}' is not on the day's roster")
            }
            (Reason::UnknownName { written, closest }, Lang::En) => format!(
                "'{written}' is not on the day's roster; closest: {}",
                closest.join(", ")
            ),
            (
                Reason::AmbiguousName {
                    written,
                    candidates,
                },
                Lang::Zh,
            ) => format!(
                "“{written}”可能是几个人：{}；请写全名，同名的在名字后写编号，如“{written}（S001）”",
                candidates.join("、")
            ),
            (
                Reason::AmbiguousName {
                    written,
                    candidates,
                },
                Lang::En,
            ) => format!(
                "'{written}' could be several people: {}; write the full name, and for people of the same name their id after it, e.g. '{written} (S001)'",
                candidates.join(", ")
            ),
            (Reason::NoTemperature { name }, Lang::Zh) => format!("{name}没有体温"),
            (Reason::NoTemperature { name }, Lang::En) => format!("no temperature for {name}"),
            (Reason::BadTemperature { written, hint }, Lang::Zh) => match hint {
                Some(TempHint::Decimal(v)) => {
                    format!("体温 {written} 超出 {MIN_TEMP:.1}～{MAX_TEMP:.1}℃，是 {v:.1} 吗？")
                }
                Some(TempHint::Fahrenheit(v)) => {
                    format!("体温 {written} 像是华氏度，约合 {v:.1}℃")
                }
                None => format!("体温 {written} 超出 {MIN_TEMP:.1}～{MAX_TEMP:.1}℃"),
            },
            (Reason::BadTemperature { written, hint }, Lang::En) => match hint {
                Some(TempHint::Decimal(v)) => format!(
                    "temperature {written} is outside {MIN_TEMP:.1} to {MAX_TEMP:.1} °C; did you mean {v:.1}?"
                ),
                Some(TempHint::Fahrenheit(v)) => {
                    format!("temperature {written} looks like °F, which is {v:.1} °C")
                }
                None => {
                    format!("temperature {written} is outside {MIN_TEMP:.1} to {MAX_TEMP:.1} °C")
                }
            },
            (Reason::IncompleteTemperature { written }, Lang::Zh) => {
                format!("体温 {written} 不完整")
            }
            (Reason::IncompleteTemperature { written }, Lang::En) => {
                format!("temperature {written} is incomplete")
            }
            (Reason::RelationWithoutName { word }, Lang::Zh) => {
                format!("“{word}”前面没有职工姓名")
            }
            (Reason::RelationWithoutName { word }, Lang::En) => {
                format!("'{word}' comes before any staff name")
            }
            (Reason::NoSuchRelation { word, staff }, Lang::Zh) => {
                format!("名册上{staff}家没有“{word}”")
            }
            (Reason::NoSuchRelation { word, staff }, Lang::En) => {
                format!("the roster has no '{word}' in {staff}'s household")
            }
            (Reason::AmbiguousRelation { word, names }, Lang::Zh) => {
                format!("“{word}”可能是{}，请写姓名", names.join("或"))
            }
            (Reason::AmbiguousRelation { word, names }, Lang::En) => {
                format!("'{word}' could be {}; write the name", names.join(" or "))
            }
            (Reason::TwoTemperatures { name }, Lang::Zh) => format!("{name}有两个体温"),
            (Reason::TwoTemperatures { name }, Lang::En) => {
                format!("two temperatures for {name}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Kind;

    fn roster() -> Vec<Person> {
        let staff = |id: &str, name: &str| Person::new(id, name, Kind::Staff, None);
        let fam = |id: &str, name: &str, of: &str, rel| Person {
            relation: Some(rel),
            ..Person::new(id, name, Kind::Family, Some(of.into()))
        };
        vec![
            staff("S001", "王大明"),
            fam("S001-1", "李秀英", "S001", Relation::Spouse),
            fam("S001-2", "王小雨", "S001", Relation::Child),
            staff("S002", "周航"),
            fam("S002-1", "周建国", "S002", Relation::Parent),
            fam("S002-2", "刘桂兰", "S002", Relation::Parent),
            staff("S003", "陈静"),
            staff("S004", "张伟"),
            staff("S005", "张玮"),
        ]
    }

    fn run(text: &str) -> Parsed {
        let people = roster();
        let refs: Vec<&Person> = people.iter().collect();
        parse(text, &refs, "沈阳")
    }

    fn temps(p: &Parsed) -> Vec<(String, f64)> {
        p.entries
            .iter()
            .map(|e| (e.person.clone(), e.temperature))
            .collect()
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, d).unwrap()
    }

    #[test]
    fn numbering_styles() {
        for n in ["1. ", "1、", "1)", "１．", "(1)", "1 ", ""] {
            let p = run(&format!("{n}王大明 36.5"));
            assert_eq!(temps(&p), [("S001".to_string(), 36.5)], "{n}");
        }
        assert_eq!(strip_number("2.18体温"), None);
    }

    #[test]
    fn temperature_spellings() {
        for t in [
            "36.5",
            "36.5℃",
            "36.5°",
            "36.5°C",
            "36.5度",
            "36度5",
            "３６．５",
            "36.5c",
        ] {
            let p = run(&format!("1. 王大明{t}正常"));
            assert_eq!(temps(&p), [("S001".to_string(), 36.5)], "{t}");
            assert!(p.not_understood.is_empty(), "{t}: {p:?}");
        }
        let p = run("1. 王大明 37");
        assert_eq!(temps(&p), [("S001".to_string(), 37.0)]);
    }

    #[test]
    fn out_of_range_temperature_gives_the_record_hint() {
        let p = run("1. 王大明 365\n2. 周航 36.5");
        assert_eq!(temps(&p), [("S002".to_string(), 36.5)]);
        let bad = &p.not_understood[0];
        assert_eq!(bad.line, 1);
        assert!(!bad.cut_off);
        assert_eq!(
            bad.reason.text(Lang::Zh),
            "体温 365 超出 34.0～43.0℃，是 36.5 吗？"
        );
        assert!(bad.reason.text(Lang::En).contains("did you mean 36.5?"));
    }

    #[test]
    fn relation_words_and_family_names() {
        let p = run("1. 王大明36.5爱人36.4孩子36.6\n2. 周航 36.3 周建国36.8 刘桂兰 36.7");
        assert!(p.not_understood.is_empty(), "{p:?}");
        assert!(p.not_understood.is_empty());
        let mut t = temps(&p);
        t.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            t,
            [
                ("S001".into(), 36.5),
                ("S001-1".into(), 36.4),
                ("S001-2".into(), 36.6),
                ("S002".into(), 36.3),
                ("S002-1".into(), 36.8),
                ("S002-2".into(), 36.7)
            ]
        );
        // Two parents: 爸爸 fits one only if the roster says which; it does not.
        let p = run("2. 周航 36.3 爸爸 36.8");
        assert!(matches!(
            p.not_understood[0].reason,
            Reason::AmbiguousRelation { .. }
        ));
        let p = run("1. 王大明 36.5 李秀英 36.4 王小雨 36.6");
        assert_eq!(p.entries.len(), 3);
        let p = run("2. 周航 36.5 父母均36.6");
        assert_eq!(p.entries.len(), 3);
    }

    #[test]
    fn family_without_temperature_is_chased_not_recorded() {
        let p = run("1. 王大明 36.5 全家正常");
        assert_eq!(temps(&p), [("S001".to_string(), 36.5)]);
        let chased: Vec<&str> = p.chase.iter().map(|c| c.person.as_str()).collect();
        assert_eq!(chased, ["S001-1", "S001-2"]);
        let p = run("1. 王大明 36.5 爱人正常");
        assert_eq!(p.chase.len(), 1);
        // A later line with the temperature settles it.
        let p = run("1. 王大明 36.5 全家正常\n2. 王大明 36.5 爱人 36.4 孩子 36.6");
        assert!(p.chase.is_empty());
        assert_eq!(p.entries[0].replaces_line, Some(1));
    }

    #[test]
    fn words_for_health_place_isolation_work() {
        let p = run("1. 王大明 36.5 咳嗽 在武汉 居家隔离 休假，爱人36.4在沈 无发热");
        let me = &p.entries[0];
        assert_eq!(me.symptoms, ["咳嗽"]);
        assert_eq!(me.whereabouts, Some(Whereabouts::Place("武汉".into())));
        assert_eq!(me.isolation, Some(Isolation::Home));
        assert_eq!(me.work, Some(Work::Leave));
        let wife = &p.entries[1];
        assert_eq!(wife.whereabouts, Some(Whereabouts::Home));
        assert!(wife.symptoms.is_empty());
        let p = run("3. 陈静 36.6 正常 在家 在岗");
        assert_eq!(p.entries[0].whereabouts, Some(Whereabouts::Home));
        assert_eq!(p.entries[0].work, Some(Work::OnSite));
        assert!(p.entries[0].note.is_none(), "{p:?}");
        let p = run("2. 周航 36.5 下沉社区 有接触史");
        assert_eq!(p.entries[0].work, Some(Work::Frontline));
        assert_eq!(p.entries[0].contact, Some(true));
        let p = run("2. 周航 36.5 无接触");
        assert_eq!(p.entries[0].contact, Some(false));
        let p = run("2. 周航 36.5");
        assert_eq!(p.entries[0].contact, None);
    }

    #[test]
    fn headings_counts_and_asides() {
        let p = run("1. 王大明：本人36.5，家属：爱人36.4 孩子36.6");
        assert!(p.not_understood.is_empty(), "{p:?}");
        assert_eq!(temps(&p).len(), 3);
        assert_eq!(p.entries[1].temperature, 36.4);
        let p = run("1. 王大明 36.5 家属2人均正常 早8点测");
        assert!(p.not_understood.is_empty(), "{p:?}");
        assert_eq!(p.chase.len(), 2);
        let p = run("1. 王大明 36.5 居家隔离第3天 已隔离5天");
        assert!(p.not_understood.is_empty(), "{p:?}");
        assert_eq!(p.entries[0].isolation, Some(Isolation::Home));
        let p = run("1. 王大明（办公室）36.5");
        assert_eq!(temps(&p), [("S001".to_string(), 36.5)]);
        assert_eq!(p.entries[0].note.as_deref(), Some("办公室"));
    }

    #[test]
    fn everyday_phrases() {
        let p = run("1. 王大明 36.5℃ 体温正常，无发热、咳嗽等症状");
        assert!(p.not_understood.is_empty(), "{p:?}");
        assert!(p.entries[0].symptoms.is_empty(), "{p:?}");
        assert_eq!(p.entries[0].note, None, "{p:?}");
        let p = run("1. 王大明 36.5 无发热 有咳嗽");
        assert_eq!(p.entries[0].symptoms, ["咳嗽"]);
        let p = run("王大明家：王大明36.5 李秀英36.4 王小雨36.6（在校）");
        assert!(p.not_understood.is_empty(), "{p:?}");
        assert_eq!(p.entries.len(), 3);
        assert!(p.entries.iter().all(|e| e.whereabouts.is_none()), "{p:?}");
        let p = run("1. 王大明 早36.5 晚36.7 爱人 上午36.4 下午36.6，孩子36.5");
        assert!(p.not_understood.is_empty(), "{p:?}");
        let readings: Vec<(f64, Option<f64>)> = p
            .entries
            .iter()
            .map(|e| (e.temperature, e.temperature_pm))
            .collect();
        assert_eq!(
            readings,
            [(36.5, Some(36.7)), (36.4, Some(36.6)), (36.5, None)]
        );
        let p = run("1. 王大明 下午36.7");
        assert_eq!(
            (p.entries[0].temperature, p.entries[0].temperature_pm),
            (36.7, None)
        );
        let p = run("1. 王大明 36.5 36.7");
        assert!(matches!(
            p.not_understood[0].reason,
            Reason::TwoTemperatures { .. }
        ));
    }

    #[test]
    fn a_line_with_a_name_is_never_a_title() {
        let p = run("2月18日体温接龙\n王大明 体温正常");
        assert_eq!(p.skipped, [1]);
        assert!(!p.not_understood[0].cut_off);
        assert!(matches!(
            p.not_understood[0].reason,
            Reason::NoTemperature { .. }
        ));
    }

    #[test]
    fn each_word_spreads_over_the_line() {
        let p = run("1. 王大明36.5、爱人36.4、孩子36.6，均正常在沈");
        assert!(
            p.entries
                .iter()
                .all(|e| e.whereabouts == Some(Whereabouts::Home))
        );
    }

    #[test]
    fn emoji_stickers_punctuation_and_notes() {
        let p = run("1．王大明　３６．５℃ [微笑]👍 爱人：36.4，孩子：36.6。今天值班到晚上");
        assert_eq!(p.entries.len(), 3, "{p:?}");
        assert!(p.not_understood.is_empty());
        let p = run("3. 陈静 36.6 明天请假半天回老家");
        assert_eq!(p.entries[0].work, Some(Work::Leave));
        assert!(p.entries[0].note.is_some());
    }

    #[test]
    fn names_with_spaces_and_closest_match() {
        let p = run("3. 陈 静 36.6");
        assert_eq!(temps(&p), [("S003".to_string(), 36.6)]);
        let p = run("1. 王大民 36.5");
        assert_eq!(p.entries[0].person, "S001");
        assert_eq!(p.entries[0].written_as.as_deref(), Some("王大民"));
        // 张伟 and 张玮 are both one step from 张炜.
        let p = run("4. 张炜 36.5");
        assert!(matches!(
            p.not_understood[0].reason,
            Reason::AmbiguousName { .. }
        ));
        let p = run("9. 赵六 36.5");
        assert!(matches!(
            p.not_understood[0].reason,
            Reason::UnknownName { .. }
        ));
    }

    #[test]
    fn skipped_lines_and_line_ends() {
        let text = "#接龙\r\n2月18日体温接龙\r\n例：张三 36.5 爱人 36.4\r\n\r\n1. 王大明 36.5\r2. 周航 36.4\n3. 陈静 正常";
        let p = run(text);
        assert_eq!(p.skipped, [1, 2, 3]);
        assert_eq!(
            temps(&p),
            [("S001".to_string(), 36.5), ("S002".to_string(), 36.4)]
        );
        assert_eq!(p.entries[1].line, 6);
        let p = run("1. 王大明 36.5\n2. 周航\n3. 陈静 李");
        assert_eq!(p.unfilled, [2]);
        let cut = &p.not_understood[0];
        assert_eq!(cut.line, 3);
        assert!(cut.cut_off);
        let p = run(text);
        let done = &p.not_understood[0];
        assert_eq!(done.line, 7);
        assert!(!done.cut_off, "a whole line without a temperature");
        let p = run("1. 王大明 36.5\n2. 周航 36.");
        assert!(p.not_understood[0].cut_off);
    }

    #[test]
    fn header_dates() {
        let today = day(2, 20);
        for (text, want) in [
            ("#接龙\n2月18日体温接龙\n1. 王大明 36.5", day(2, 18)),
            ("2020年2月18日 体温报送\n1. 王大明 36.5", day(2, 18)),
            ("2.18体温接龙\n1. 王大明 36.5", day(2, 18)),
            ("【2月18号】接龙", day(2, 18)),
            ("接龙 2020-02-18", day(2, 18)),
            (
                "12月30日接龙",
                NaiveDate::from_ymd_opt(2019, 12, 30).unwrap(),
            ),
        ] {
            assert_eq!(
                header_date(text, today).unwrap().map(|d| d.0),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(header_date("1. 王大明 36.5\n2月17日", today).unwrap(), None);
        assert_eq!(header_date("1. 王大明 36.5", today).unwrap(), None);
        assert!(header_date("2月30日接龙", today).is_err());
    }

    #[test]
    fn the_starter_reads_back() {
        let people = roster();
        let refs: Vec<&Person> = people.iter().collect();
        let text = starter(day(2, 18), &refs, Lang::Zh);
        assert_eq!(
            text,
            "#接龙\n2020年2月18日 体温接龙（本人及家属）\n例：张三 36.5 爱人 36.4 儿子 36.6 正常 在家 在岗\n\n\
             1. 王大明 李秀英 王小雨\n2. 周航 周建国 刘桂兰\n3. 陈静\n4. 张伟\n5. 张玮\n"
        );
        assert_eq!(
            header_date(&text, day(2, 20)).unwrap(),
            Some((day(2, 18), 2))
        );
        let p = run(&text);
        assert!(p.entries.is_empty() && p.not_understood.is_empty(), "{p:?}");
        assert_eq!(p.unfilled, [5, 6, 7, 8, 9]);
        let en = starter(day(2, 18), &refs, Lang::En);
        assert_eq!(header_date(&en, day(2, 20)).unwrap(), Some((day(2, 18), 2)));
        assert_eq!(run(&en).unfilled, [5, 6, 7, 8, 9]);
        assert_eq!(
            reminder(&["王大明", "周航"], day(2, 18), Lang::Zh),
            "@王大明 @周航 请尽快接龙报送本人及家属体温（2月18日）\n"
        );
    }

    #[test]
    fn a_shared_name_is_told_apart_by_its_id() {
        let mut people = roster();
        people.push(Person::new(
            "S006",
            "王大明",
            crate::person::Kind::Staff,
            None,
        ));
        let refs: Vec<&Person> = people.iter().collect();
        let text = starter(day(2, 18), &refs, Lang::Zh);
        assert!(
            text.contains("\n1. 王大明（S001） 李秀英 王小雨\n"),
            "{text}"
        );
        assert!(text.contains("\n6. 王大明（S006）\n"), "{text}");
        let p = parse(
            "1. 王大明（S001） 36.5 爱人 36.4\n6. 王大明(s006)36.6",
            &refs,
            "",
        );
        assert!(p.not_understood.is_empty(), "{p:?}");
        let got: Vec<(&str, f64)> = p
            .entries
            .iter()
            .map(|e| (e.person.as_str(), e.temperature))
            .collect();
        assert_eq!(got, [("S001", 36.5), ("S001-1", 36.4), ("S006", 36.6)]);
        let p = parse("1. 王大明 36.5", &refs, "");
        let why = p.not_understood[0].reason.text(Lang::Zh);
        assert!(why.contains("S001 王大明、S006 王大明"), "{why}");
    }

    #[test]
    fn unclean_characters_never_reach_a_value() {
        let p = run("1. 王大明 36.5 备注\u{202E}abc\u{0007}");
        let note = p.entries[0].note.clone().unwrap();
        assert!(!note.chars().any(is_unclean), "{note:?}");
    }

    #[test]
    fn talk_in_the_group_is_skipped_but_numbered_nonsense_is_not() {
        let p = run("收到\n1. 王大明 36.5\n2. 好的");
        assert_eq!(p.skipped, [1]);
        assert_eq!(p.not_understood.len(), 1);
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::person::Kind;
    use proptest::prelude::*;

    fn people() -> Vec<Person> {
        let mut out = vec![
            Person::new("S001", "王大明", Kind::Staff, None),
            Person::new("S002", "周航", Kind::Staff, None),
            Person::new("S003", "王 芳", Kind::Staff, None),
        ];
        for (id, name, of, rel) in [
            ("S001-1", "李秀英", "S001", Relation::Spouse),
            ("S001-2", "王小雨", "S001", Relation::Child),
            ("S002-1", "周建国", "S002", Relation::Parent),
            ("S002-2", "刘桂兰", "S002", Relation::Parent),
        ] {
            out.push(Person {
                relation: Some(rel),
                ..Person::new(id, name, Kind::Family, Some(of.into()))
            });
        }
        out
    }

    /// Pieces a roll-call is made of, glued at random, and any text at all.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("王大明".to_string()),
            Just("周航".to_string()),
            Just("李秀英".to_string()),
            Just("爱人".to_string()),
            Just("父母".to_string()),
            Just("全家".to_string()),
            Just("均".to_string()),
            Just("正常".to_string()),
            Just("在武汉".to_string()),
            Just("在".to_string()),
            Just("居家隔离".to_string()),
            Just("无".to_string()),
            Just("[微笑]".to_string()),
            Just("#接龙".to_string()),
            Just("2月18日".to_string()),
            Just("例".to_string()),
            Just("℃".to_string()),
            Just("度".to_string()),
            "[0-9.．、)(]{1,4}",
            "[ \r\n\t，。：]{1,2}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn any_text_parses_without_panic_and_names_only_roster_people(
            pieces in proptest::collection::vec(piece(), 0..40)
        ) {
            let text: String = pieces.concat();
            let roster = people();
            let refs: Vec<&Person> = roster.iter().collect();
            let today = NaiveDate::from_ymd_opt(2020, 2, 18).unwrap();
            let _ = header_date(&text, today);
            let parsed = parse(&text, &refs, "沈阳");
            for e in &parsed.entries {
                prop_assert!(roster.iter().any(|p| p.id == e.person), "{e:?}");
                prop_assert!((MIN_TEMP..=MAX_TEMP).contains(&e.temperature));
                let note = e.note.clone().unwrap_or_default();
                prop_assert!(crate::text::check_text("note", &note).is_ok());
                if let Some(Whereabouts::Place(p)) = &e.whereabouts {
                    prop_assert!(!p.chars().any(is_unclean));
                }
            }
            for c in &parsed.chase {
                prop_assert!(roster.iter().any(|p| p.id == c.person));
            }
        }
    }
}
