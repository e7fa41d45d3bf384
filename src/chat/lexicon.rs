//! The words of a roll-call: relation, health, place, isolation and work
//! words, temperatures as people write them, and roster names (with spaces
//! inside allowed), read into tokens longest match first.

use std::collections::HashMap;

use crate::person::{Person, Relation};
use crate::record::{Isolation, MAX_TEMP, MIN_TEMP, TempHint, Work, temperature_hint};

// ---------------------------------------------------------------- words

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kw {
    /// A relation word; `true` when it may name several (父母, 孩子).
    Rel(Relation, bool),
    Family,
    Household,
    /// 均, 都: what follows is for everyone named so far on the line.
    Each,
    SelfWord,
    Normal,
    Symptom(&'static str),
    Not,
    /// 下午, 晚: the next temperature is the afternoon one.
    Afternoon,
    /// 早, 上午: the morning one.
    Morning,
    /// 有: ends a negation (`无发热 有咳嗽`).
    Affirm,
    Home,
    Isolation(Isolation),
    HomeIsolation,
    Work(Work),
    Contact,
    Filler,
}

const WORDS: &[(&str, Kw)] = &[
    // Relations.
    ("爱人", Kw::Rel(Relation::Spouse, false)),
    ("配偶", Kw::Rel(Relation::Spouse, false)),
    ("老婆", Kw::Rel(Relation::Spouse, false)),
    ("媳妇", Kw::Rel(Relation::Spouse, false)),
    ("妻子", Kw::Rel(Relation::Spouse, false)),
    ("老公", Kw::Rel(Relation::Spouse, false)),
    ("丈夫", Kw::Rel(Relation::Spouse, false)),
    ("对象", Kw::Rel(Relation::Spouse, false)),
    ("先生", Kw::Rel(Relation::Spouse, false)),
    ("太太", Kw::Rel(Relation::Spouse, false)),
    ("spouse", Kw::Rel(Relation::Spouse, false)),
    ("wife", Kw::Rel(Relation::Spouse, false)),
    ("husband", Kw::Rel(Relation::Spouse, false)),
    ("儿子", Kw::Rel(Relation::Child, false)),
    ("女儿", Kw::Rel(Relation::Child, false)),
    ("闺女", Kw::Rel(Relation::Child, false)),
    ("大宝", Kw::Rel(Relation::Child, false)),
    ("二宝", Kw::Rel(Relation::Child, false)),
    ("宝宝", Kw::Rel(Relation::Child, true)),
    ("孩子", Kw::Rel(Relation::Child, true)),
    ("小孩", Kw::Rel(Relation::Child, true)),
    ("子女", Kw::Rel(Relation::Child, true)),
    ("son", Kw::Rel(Relation::Child, false)),
    ("daughter", Kw::Rel(Relation::Child, false)),
    ("child", Kw::Rel(Relation::Child, true)),
    ("父亲", Kw::Rel(Relation::Parent, false)),
    ("母亲", Kw::Rel(Relation::Parent, false)),
    ("爸爸", Kw::Rel(Relation::Parent, false)),
    ("妈妈", Kw::Rel(Relation::Parent, false)),
    ("老爸", Kw::Rel(Relation::Parent, false)),
    ("老妈", Kw::Rel(Relation::Parent, false)),
    ("公公", Kw::Rel(Relation::Parent, false)),
    ("婆婆", Kw::Rel(Relation::Parent, false)),
    ("岳父", Kw::Rel(Relation::Parent, false)),
    ("岳母", Kw::Rel(Relation::Parent, false)),
    ("父母", Kw::Rel(Relation::Parent, true)),
    ("老人", Kw::Rel(Relation::Parent, true)),
    ("father", Kw::Rel(Relation::Parent, false)),
    ("mother", Kw::Rel(Relation::Parent, false)),
    ("parents", Kw::Rel(Relation::Parent, true)),
    // Groups.
    ("家属", Kw::Family),
    ("家人", Kw::Family),
    ("家里人", Kw::Family),
    ("家庭成员", Kw::Family),
    ("family", Kw::Family),
    ("全家", Kw::Household),
    ("全家人", Kw::Household),
    ("一家人", Kw::Household),
    ("均", Kw::Each),
    ("都", Kw::Each),
    ("全部", Kw::Each),
    ("all", Kw::Each),
    ("本人", Kw::SelfWord),
    ("自己", Kw::SelfWord),
    // Health.
    ("正常", Kw::Normal),
    ("无症状", Kw::Normal),
    ("无异常", Kw::Normal),
    ("无不适", Kw::Normal),
    ("健康", Kw::Normal),
    ("良好", Kw::Normal),
    ("normal", Kw::Normal),
    ("ok", Kw::Normal),
    ("咳嗽", Kw::Symptom("咳嗽")),
    ("干咳", Kw::Symptom("咳嗽")),
    ("发热", Kw::Symptom("发热")),
    ("发烧", Kw::Symptom("发热")),
    ("低烧", Kw::Symptom("发热")),
    ("乏力", Kw::Symptom("乏力")),
    ("头痛", Kw::Symptom("头痛")),
    ("头疼", Kw::Symptom("头痛")),
    ("咽痛", Kw::Symptom("咽痛")),
    ("嗓子疼", Kw::Symptom("咽痛")),
    ("喉咙痛", Kw::Symptom("咽痛")),
    ("流涕", Kw::Symptom("流涕")),
    ("流鼻涕", Kw::Symptom("流涕")),
    ("鼻塞", Kw::Symptom("鼻塞")),
    ("腹泻", Kw::Symptom("腹泻")),
    ("拉肚子", Kw::Symptom("腹泻")),
    ("胸闷", Kw::Symptom("胸闷")),
    ("气短", Kw::Symptom("呼吸困难")),
    ("呼吸困难", Kw::Symptom("呼吸困难")),
    ("感冒", Kw::Symptom("感冒")),
    ("呕吐", Kw::Symptom("呕吐")),
    ("cough", Kw::Symptom("咳嗽")),
    ("无", Kw::Not),
    ("没有", Kw::Not),
    ("没", Kw::Not),
    ("未", Kw::Not),
    ("不", Kw::Not),
    // Whereabouts.
    ("在家", Kw::Home),
    ("在本地", Kw::Home),
    ("在本市", Kw::Home),
    ("本地", Kw::Home),
    ("居家", Kw::Home),
    // Isolation.
    ("居家隔离", Kw::Isolation(Isolation::Home)),
    ("在家隔离", Kw::HomeIsolation),
    ("居家观察", Kw::Isolation(Isolation::Home)),
    ("居家医学观察", Kw::Isolation(Isolation::Home)),
    ("医学观察", Kw::Isolation(Isolation::Home)),
    ("集中隔离", Kw::Isolation(Isolation::Central)),
    ("集中观察", Kw::Isolation(Isolation::Central)),
    ("解除隔离", Kw::Isolation(Isolation::None)),
    ("已解除隔离", Kw::Isolation(Isolation::None)),
    ("隔离期满", Kw::Isolation(Isolation::None)),
    // Work.
    ("在岗", Kw::Work(Work::OnSite)),
    ("到岗", Kw::Work(Work::OnSite)),
    ("上班", Kw::Work(Work::OnSite)),
    ("在单位", Kw::Work(Work::OnSite)),
    ("值班", Kw::Work(Work::OnSite)),
    ("居家办公", Kw::Work(Work::Remote)),
    ("在家办公", Kw::Work(Work::Remote)),
    ("弹性", Kw::Work(Work::Remote)),
    ("弹性办公", Kw::Work(Work::Remote)),
    ("远程办公", Kw::Work(Work::Remote)),
    ("一线", Kw::Work(Work::Frontline)),
    ("下沉", Kw::Work(Work::Frontline)),
    ("下沉社区", Kw::Work(Work::Frontline)),
    ("社区值守", Kw::Work(Work::Frontline)),
    ("休假", Kw::Work(Work::Leave)),
    ("请假", Kw::Work(Work::Leave)),
    // Contact.
    ("接触", Kw::Contact),
    ("接触史", Kw::Contact),
    ("密接", Kw::Contact),
    ("密切接触", Kw::Contact),
    // Said, and meaning nothing here.
    ("体温", Kw::Filler),
    ("测温", Kw::Filler),
    ("温度", Kw::Filler),
    ("今日", Kw::Filler),
    ("下午", Kw::Afternoon),
    ("午后", Kw::Afternoon),
    ("傍晚", Kw::Afternoon),
    ("晚上", Kw::Afternoon),
    ("晚", Kw::Afternoon),
    ("pm", Kw::Afternoon),
    ("上午", Kw::Morning),
    ("早", Kw::Morning),
    ("晨", Kw::Morning),
    ("am", Kw::Morning),
    ("今天", Kw::Filler),
    ("早上", Kw::Morning),
    ("晨检", Kw::Filler),
    ("情况", Kw::Filler),
    ("高风险地区人员", Kw::Filler),
    ("湖北人员", Kw::Filler),
    ("史", Kw::Filler),
    ("和", Kw::Filler),
    ("及", Kw::Filler),
    ("与", Kw::Filler),
    ("也", Kw::Filler),
    ("人员", Kw::Filler),
    ("家", Kw::Filler),
    ("症状", Kw::Filler),
    ("等症状", Kw::Filler),
    ("等", Kw::Filler),
    ("明显", Kw::Filler),
    ("一切", Kw::Filler),
    ("身体", Kw::Filler),
    ("状况", Kw::Filler),
    ("状态", Kw::Filler),
    ("未见异常", Kw::Normal),
    ("无任何症状", Kw::Normal),
    ("已", Kw::Filler),
    ("有", Kw::Affirm),
];

/// Words after 在 that are not places.
const NOT_PLACES: [&str; 10] = ["职", "线", "内", "外", "此", "这", "校", "班", "办", "忙"];

/// Short names of cities people write after 在 (在京, 在沪).
const CITY_SHORT: [(&str, &str); 8] = [
    ("北京", "京"),
    ("上海", "沪"),
    ("天津", "津"),
    ("重庆", "渝"),
    ("广州", "穗"),
    ("沈阳", "沈"),
    ("南京", "宁"),
    ("杭州", "杭"),
];

/// What follows a number that is not a temperature: `3人`, `8点`, `2月18日`.
const COUNT_UNITS: [char; 17] = [
    '人', '口', '个', '名', '位', '点', '时', ':', '月', '日', '号', '年', '天', '岁', '次', '周',
    '分',
];

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '-'
                | '~'
                | '/'
                | '|'
                | '+'
                | '*'
                | '"'
                | '\''
                | '，'
                | '。'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '（'
                | '）'
                | '【'
                | '】'
                | '《'
                | '》'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '…'
                | '—'
                | '·'
                | '～'
                | '_'
                | '='
                | '<'
                | '>'
                | '&'
        )
}

// ---------------------------------------------------------------- tokens

/// A temperature as read: the value, or what was written and the hint.
pub(super) type TempRead = Result<f64, (String, Option<TempHint>)>;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Name {
        people: Vec<usize>,
        written: String,
    },
    /// A person's id (`S001`), written after a name two people share.
    Id(usize),
    Word(Kw, String),
    Place(String),
    Temp(TempRead),
    Other(String),
    Sep,
}

/// Reads a temperature at `i`: `36.5`, `36.5℃`, `36.5°C`, `36.5度`,
/// `36度5`, `37`; `Err` holds what was written and the hint `record` gives.
/// Returns the characters used.
pub(super) fn read_temperature(chars: &[char], i: usize) -> Option<(usize, TempRead)> {
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let whole = digits(i);
    if whole == 0 {
        return None;
    }
    let mut j = i + whole;
    let mut frac = String::new();
    let mut unit = false;
    if j < chars.len() && matches!(chars[j], '.' | ',') {
        let n = digits(j + 1);
        if n > 0 {
            frac = chars[j + 1..j + 1 + n].iter().collect();
            j += 1 + n;
        } else if j + 1 == chars.len() {
            // `36.` ending the line: cut off mid-number.
            let written: String = chars[i..].iter().collect();
            return Some((chars.len() - i, Err((written, None))));
        }
    } else if j < chars.len() && chars[j] == '度' {
        let n = digits(j + 1);
        j += 1;
        unit = true;
        if n > 0 {
            frac = chars[j..j + n].iter().collect();
            j += n;
        }
    }
    if !unit {
        if chars.get(j) == Some(&'℃') || chars.get(j) == Some(&'度') {
            j += 1;
        } else if chars.get(j) == Some(&'°') {
            j += 1;
            if matches!(chars.get(j), Some('C' | 'c')) {
                j += 1;
            }
        } else if matches!(chars.get(j), Some('C' | 'c'))
            && !chars.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic())
        {
            j += 1;
        }
    }
    let int: String = chars[i..i + whole].iter().collect();
    let written: String = chars[i..j].iter().collect();
    let value: Option<f64> = if frac.is_empty() {
        int.parse().ok()
    } else {
        format!("{int}.{frac}").parse().ok()
    };
    let result = match value {
        Some(v) if v.is_finite() => {
            let rounded = (v * 10.0).round() / 10.0;
            if (MIN_TEMP..=MAX_TEMP).contains(&rounded) {
                Ok(rounded)
            } else {
                Err((written, temperature_hint(rounded)))
            }
        }
        _ => Err((written, None)),
    };
    Some((j - i, result))
}

/// Matches `name` at `i`, allowing spaces between its characters (`王 芳`).
fn match_name(chars: &[char], i: usize, name: &[char]) -> Option<usize> {
    let mut j = i;
    for (k, c) in name.iter().enumerate() {
        if k > 0 {
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
        }
        if chars.get(j) != Some(c) {
            return None;
        }
        j += 1;
    }
    Some(j - i)
}

pub(super) struct Lexicon<'a> {
    pub(super) people: &'a [&'a Person],
    names: Vec<Vec<char>>,
    /// Names by their first character: a district's roster is 30,000 names.
    by_first: HashMap<char, Vec<usize>>,
    /// Ids, upper-cased.
    ids: HashMap<String, usize>,
    words: Vec<(Vec<char>, Kw)>,
    home_aliases: Vec<String>,
}

impl<'a> Lexicon<'a> {
    pub(super) fn new(people: &'a [&'a Person], home_city: &str) -> Lexicon<'a> {
        let mut home_aliases = Vec::new();
        let city = home_city.trim();
        if !city.is_empty() {
            home_aliases.push(city.to_string());
            let bare = city.trim_end_matches(['市', '省']);
            home_aliases.push(bare.to_string());
            if let Some(first) = bare.chars().next() {
                home_aliases.push(first.to_string());
            }
            for (full, short) in CITY_SHORT {
                if city.contains(full) {
                    home_aliases.push(short.to_string());
                }
            }
        }
        let names: Vec<Vec<char>> = people.iter().map(|p| p.name.chars().collect()).collect();
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (k, name) in names.iter().enumerate() {
            if let Some(c) = name.first() {
                by_first.entry(*c).or_default().push(k);
            }
        }
        let ids = people
            .iter()
            .enumerate()
            .map(|(k, p)| (p.id.to_uppercase(), k))
            .collect();
        Lexicon {
            people,
            names,
            by_first,
            ids,
            words: WORDS
                .iter()
                .map(|(w, k)| (w.chars().collect(), *k))
                .collect(),
            home_aliases,
        }
    }

    pub(super) fn tokens(&self, line: &str) -> Vec<Tok> {
        let chars: Vec<char> = line.chars().collect();
        let lower: Vec<char> = line.to_lowercase().chars().collect();
        // Lower-casing can change the length of a few scripts; then only
        // exact-case English words match.
        let lower = if lower.len() == chars.len() {
            lower
        } else {
            chars.clone()
        };
        let mut out = Vec::new();
        let mut other = String::new();
        let mut i = 0;
        let flush = |other: &mut String, out: &mut Vec<Tok>| {
            if !other.is_empty() {
                out.push(Tok::Other(std::mem::take(other)));
            }
        };
        while i < chars.len() {
            let c = chars[i];
            if is_separator(c) {
                flush(&mut other, &mut out);
                if out.last() != Some(&Tok::Sep) {
                    out.push(Tok::Sep);
                }
                i += 1;
                continue;
            }
            if c.is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '-')
                    .count();
                let word: String = chars[i..i + len].iter().collect();
                if let Some(&k) = self.ids.get(&word.to_uppercase()) {
                    flush(&mut other, &mut out);
                    out.push(Tok::Id(k));
                    i += len;
                    continue;
                }
            }
            if c.is_ascii_digit() {
                flush(&mut other, &mut out);
                // `3人`, `8点`, `2月`: a count, a time or a date, not a temperature.
                let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                // `第3天`: an ordinal.
                let ordinal = i > 0 && chars[i - 1] == '第';
                if let Some(unit) = chars.get(i + digits)
                    && (COUNT_UNITS.contains(unit) || ordinal)
                {
                    out.push(Tok::Word(
                        Kw::Filler,
                        chars[i..=i + digits].iter().collect(),
                    ));
                    i += digits + 1;
                    continue;
                }
                if let Some((len, t)) = read_temperature(&chars, i) {
                    out.push(Tok::Temp(t));
                    i += len;
                    continue;
                }
            }
            // The longest name here, then the longest word.
            let mut best_name: Option<(usize, Vec<usize>)> = None;
            for &k in self.by_first.get(&c).map_or(&[][..], Vec::as_slice) {
                let name = &self.names[k];
                if let Some(len) = match_name(&chars, i, name) {
                    match &mut best_name {
                        Some((l, ks)) if *l == len && self.names[ks[0]] == *name => ks.push(k),
                        Some((l, _)) if *l >= len => {}
                        _ => best_name = Some((len, vec![k])),
                    }
                }
            }
            let best_word = self
                .words
                .iter()
                .filter(|(w, _)| lower[i..].starts_with(w))
                .max_by_key(|(w, _)| w.len());
            let word_len = best_word.map_or(0, |(w, _)| w.len());
            if let Some((len, people)) = best_name
                && len >= word_len
            {
                flush(&mut other, &mut out);
                out.push(Tok::Name {
                    people,
                    written: chars[i..i + len].iter().collect(),
                });
                i += len;
                continue;
            }
            if c == '在'
                && word_len <= 1
                && let Some((len, place)) = self.place(&chars, &lower, i + 1)
            {
                flush(&mut other, &mut out);
                if self.home_aliases.contains(&place) {
                    out.push(Tok::Word(Kw::Home, format!("在{place}")));
                } else {
                    out.push(Tok::Place(place));
                }
                i += 1 + len;
                continue;
            }
            if let Some((w, kw)) = best_word {
                // An ASCII word only counts as a whole word (`ok`, not `book`).
                let ascii = w[0].is_ascii_alphabetic();
                let whole = !ascii
                    || ((i == 0 || !chars[i - 1].is_ascii_alphabetic())
                        && !chars
                            .get(i + w.len())
                            .is_some_and(|c| c.is_ascii_alphabetic()));
                if whole {
                    flush(&mut other, &mut out);
                    out.push(Tok::Word(*kw, chars[i..i + w.len()].iter().collect()));
                    i += w.len();
                    continue;
                }
            }
            other.push(c);
            i += 1;
        }
        flush(&mut other, &mut out);
        out
    }

    /// The place after 在: CJK characters up to a separator, a digit, a
    /// name or a word.
    fn place(&self, chars: &[char], lower: &[char], from: usize) -> Option<(usize, String)> {
        let mut j = from;
        while j < chars.len() && j - from < 10 {
            let c = chars[j];
            if is_separator(c) || c.is_ascii_digit() || c.is_ascii() {
                break;
            }
            if j > from
                && (self
                    .words
                    .iter()
                    .any(|(w, _)| w.len() > 1 && lower[j..].starts_with(w))
                    || self.by_first.get(&chars[j]).is_some_and(|ks| {
                        ks.iter().any(|&k| chars[j..].starts_with(&self.names[k]))
                    }))
            {
                break;
            }
            j += 1;
        }
        let place: String = chars[from..j].iter().collect();
        if place.is_empty() || NOT_PLACES.iter().any(|p| place.starts_with(p)) {
            return None;
        }
        Some((j - from, place))
    }
}
