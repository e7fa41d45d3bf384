//! Reading day files fast (SPEC §7): a borrowed view of an entry line that
//! points into the file's bytes, so reports and `export` read ten years of
//! records without an allocation per field.
//!
//! The scanner takes only the plain form `Entry::to_line` writes: keys it
//! knows, each once; strings (escapes decoded by serde_json itself); plain
//! decimal numbers; `YYYY-MM-DD` dates; `YYYY-MM-DDTHH:MM:SS+HH:MM` times.
//! Anything else — an unknown or repeated key, an exponent, a control
//! character, bytes that are not UTF-8, a torn line — makes it give up
//! (`None`), and the caller reads the file with serde as before, which
//! either reads it the same way or fails with the usual message. So the
//! scanner never accepts a line serde would refuse, and reads every line
//! it accepts to the same values (the tests compare the two).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::jsonl::{self, TornTail};
use super::records::{Entry, Op};
use super::roster::{RosterEvent, RosterOp, Versions};
use crate::person::{Kind, Person, Relation};
use crate::record::{Isolation, Work};

/// FxHash (rustc-hash) for maps keyed by person or entry ids: short, not
/// chosen to collide, and looked up once per record, where SipHash's set-up
/// would cost more than the rest of the lookup.
pub type IdHash = rustc_hash::FxBuildHasher;

/// One entry line, its text borrowed from the file where it needs no
/// unescaping.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryRef<'a> {
    pub id: Cow<'a, str>,
    pub op: Op,
    pub date: NaiveDate,
    /// `date` as written, which is how it prints (`YYYY-MM-DD`).
    pub date_text: &'a str,
    pub person: Cow<'a, str>,
    pub temperature: Option<f64>,
    /// `temperature` as written in the line.
    pub temperature_text: Option<&'a str>,
    pub temperature_pm: Option<f64>,
    pub temperature_pm_text: Option<&'a str>,
    pub symptoms: Vec<Cow<'a, str>>,
    pub location: Option<Cow<'a, str>>,
    pub contact: Option<bool>,
    pub observation_since: Option<NaiveDate>,
    pub observation_since_text: Option<&'a str>,
    pub isolation: Option<Isolation>,
    pub isolation_since: Option<NaiveDate>,
    /// `isolation_since` as written (`YYYY-MM-DD`).
    pub isolation_since_text: Option<&'a str>,
    pub work: Option<Work>,
    pub post: Option<Cow<'a, str>>,
    pub note: Option<Cow<'a, str>>,
    pub reason: Option<Cow<'a, str>>,
    pub target: Option<Cow<'a, str>>,
    pub recorded_at: DateTime<FixedOffset>,
    /// `recorded_at` as `to_rfc3339()` prints it, in two pieces: the local
    /// date and time as written, and the offset (`Z` prints as `+00:00`).
    pub recorded_at_text: (&'a str, &'a str),
    pub recorded_by: Cow<'a, str>,
}

impl EntryRef<'_> {
    /// The owned entry serde would have read from the same line.
    pub fn to_entry(&self) -> Entry {
        let own = |s: &Option<Cow<'_, str>>| s.as_deref().map(str::to_string);
        Entry {
            id: self.id.to_string(),
            op: self.op,
            date: self.date,
            person: self.person.to_string(),
            temperature: self.temperature,
            temperature_pm: self.temperature_pm,
            symptoms: self.symptoms.iter().map(|s| s.to_string()).collect(),
            location: own(&self.location),
            contact: self.contact,
            observation_since: self.observation_since,
            isolation: self.isolation,
            isolation_since: self.isolation_since,
            work: self.work,
            post: own(&self.post),
            note: own(&self.note),
            reason: own(&self.reason),
            target: own(&self.target),
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by.to_string(),
        }
    }

    /// The record this line holds, if it is one (`Entry::into_record` of
    /// `to_entry`, without the entry).
    pub fn to_record(&self) -> Option<crate::record::Record> {
        if self.op != Op::Record {
            return None;
        }
        let own = |s: &Option<Cow<'_, str>>| s.as_deref().map(str::to_string);
        Some(crate::record::Record {
            date: self.date,
            person: self.person.to_string(),
            temperature: self.temperature?,
            temperature_pm: self.temperature_pm,
            symptoms: self.symptoms.iter().map(|s| s.to_string()).collect(),
            location: own(&self.location),
            contact: self.contact.unwrap_or(false),
            observation_since: self.observation_since,
            isolation: self.isolation.unwrap_or_default(),
            isolation_since: self.isolation_since,
            work: self.work,
            post: own(&self.post),
            note: own(&self.note),
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by.to_string(),
        })
    }

    /// What `Entry::validate` checks, without building the entry.
    pub fn is_valid(&self, file_date: NaiveDate) -> bool {
        self.date == file_date
            && self.temperature.is_none_or(super::records::temperature_ok)
            && self.isolation_since.is_none_or(|s| s <= self.date)
            && match self.op {
                Op::Record => self.temperature.is_some(),
                Op::Undo => self.target.is_some(),
                Op::Void => true,
            }
    }
}

/// Every entry of a day file's bytes, if the scanner takes every line;
/// `None` sends the caller to the serde reader (`jsonl::parse_all`), which
/// gives the same entries or the error.
pub fn parse_entries(bytes: &[u8]) -> Option<(Vec<Entry>, Option<TornTail>)> {
    let (lines, torn) = jsonl::split_lines(bytes);
    let mut entries = Vec::with_capacity(lines.len());
    for (_, line) in lines {
        entries.push(parse_line(line)?.to_entry());
    }
    Some((entries, torn))
}

/// Reads one line (without its newline), or `None` if it is not in the
/// plain form (see the module's comment).
pub fn parse_line(line: &[u8]) -> Option<EntryRef<'_>> {
    scanner(line)?.entry()
}

fn scanner(line: &[u8]) -> Option<Scanner<'_>> {
    // A raw control character is an error in a JSON string and never in
    // what we write; refusing the line once here spares a check per string.
    if has_control(line) {
        return None;
    }
    // simdutf8: std's check was a tenth of reading a day file, whose
    // Chinese places and names defeat its ASCII fast path.
    let text = simdutf8::basic::from_utf8(line).ok()?;
    Some(Scanner { s: text, i: 0 })
}

struct Scanner<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scanner<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.i).copied()
    }

    /// Skips spaces (the only whitespace left once control bytes are out).
    fn ws(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    fn word(&mut self, w: &str) -> bool {
        let hit = self.bytes()[self.i..].starts_with(w.as_bytes());
        if hit {
            self.i += w.len();
        }
        hit
    }

    /// `null` (for an optional field), with whitespace before it.
    fn null(&mut self) -> bool {
        self.ws();
        self.word("null")
    }

    /// A string without escapes, borrowed.
    fn plain(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let len = quote_or_backslash(&self.bytes()[start..])?;
        if self.bytes()[start + len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        Some(&self.s[start..start + len])
    }

    /// A string, borrowed when it has no escapes; escapes are decoded by
    /// serde_json so they mean exactly what they mean to serde.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.i;
        let bytes = self.bytes();
        let mut at = start;
        let mut escaped = false;
        loop {
            let k = at + quote_or_backslash(&bytes[at..])?;
            if bytes[k] == b'"' {
                self.i = k + 1;
                break;
            }
            escaped = true;
            // The escaped byte is never the closing quote.
            at = k + 2;
            if at > bytes.len() {
                return None;
            }
        }
        if !escaped {
            return Some(Cow::Borrowed(&self.s[start..self.i - 1]));
        }
        serde_json::from_str::<String>(&self.s[start - 1..self.i])
            .ok()
            .map(Cow::Owned)
    }

    fn opt_string(&mut self) -> Option<Option<Cow<'a, str>>> {
        if self.null() {
            return Some(None);
        }
        self.string().map(Some)
    }

    fn strings(&mut self) -> Option<Vec<Cow<'a, str>>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(items);
        }
        loop {
            items.push(self.string()?);
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    fn opt_bool(&mut self) -> Option<Option<bool>> {
        self.ws();
        if self.word("true") {
            Some(Some(true))
        } else if self.word("false") {
            Some(Some(false))
        } else if self.word("null") {
            Some(None)
        } else {
            None
        }
    }

    /// A non-negative decimal without exponent and at most 15 digits, read
    /// as serde_json reads it: the digits as an integer over a power of ten
    /// (both exact, so one rounding, the same as any correct parser).
    fn number(&mut self) -> Option<(f64, &'a str)> {
        const POW10: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        self.ws();
        let start = self.i;
        let bytes = self.bytes();
        let mut significand: u64 = 0;
        let mut digits = 0usize;
        while let Some(d) = bytes.get(self.i).filter(|b| b.is_ascii_digit()) {
            significand = significand * 10 + u64::from(d - b'0');
            digits += 1;
            self.i += 1;
            if digits > 15 {
                return None;
            }
        }
        // JSON allows no leading zero before other digits.
        if digits == 0 || (digits > 1 && bytes[start] == b'0') {
            return None;
        }
        let mut decimals = 0usize;
        if bytes.get(self.i) == Some(&b'.') {
            self.i += 1;
            while let Some(d) = bytes.get(self.i).filter(|b| b.is_ascii_digit()) {
                significand = significand * 10 + u64::from(d - b'0');
                decimals += 1;
                self.i += 1;
                if digits + decimals > 15 {
                    return None;
                }
            }
            if decimals == 0 {
                return None;
            }
        }
        // An exponent or anything else glued on: not the plain form.
        if matches!(bytes.get(self.i), Some(b'e' | b'E' | b'.' | b'-' | b'+')) {
            return None;
        }
        let value = significand as f64 / POW10[decimals];
        Some((value, &self.s[start..self.i]))
    }

    /// A quoted `YYYY-MM-DD`: ten bytes between quotes, or not a date
    /// (`parse_date` takes no quote or backslash inside).
    fn date(&mut self) -> Option<(NaiveDate, &'a str)> {
        self.ws();
        let at = self.i;
        let b = self.bytes().get(at..at + 12)?;
        if b[0] != b'"' || b[11] != b'"' {
            return None;
        }
        // Both ends are next to a quote, so on character boundaries.
        let text = &self.s[at + 1..at + 11];
        let date = parse_date(text)?;
        self.i = at + 12;
        Some((date, text))
    }

    /// An object: `field` reads the value of each key (and refuses
    /// repeated ones); `of` names the field of a key, refusing unknown ones.
    /// The store writes keys in the order of `order` (its struct's order,
    /// some left out), so the next key is first matched against the keys
    /// after the last one as they are written (`"op":`), and only read as a
    /// string when it is none of them: the key was half the time of a line.
    fn object<F: Copy>(
        &mut self,
        order: &[(&[u8], F)],
        of: impl Fn(&str) -> Option<F>,
        mut field: impl FnMut(&mut Self, F) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        // The write id a line starts with (`store::tx`) is for the reader
        // of the file, not part of the entry.
        if self.i == 1 && self.word("\"tx\":") {
            let digits = digit_run(&self.bytes()[self.i..]);
            if digits == 0 {
                return None;
            }
            self.i += digits;
            self.eat(b',')?;
        }
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut next = 0;
        loop {
            self.ws();
            let key = match self.known_key(order, &mut next) {
                Some(key) => key,
                None => {
                    let key = self.plain()?;
                    self.eat(b':')?;
                    of(key)?
                }
            };
            field(self, key)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The key at the cursor if it is written as one of `order`'s from
    /// `next` on, quote to colon; `next` moves past it.
    fn known_key<F: Copy>(&mut self, order: &[(&[u8], F)], next: &mut usize) -> Option<F> {
        let rest = &self.bytes()[self.i..];
        let at = order
            .get(*next..)?
            .iter()
            .position(|(key, _)| starts(rest, key))?;
        let (key, field) = order[*next + at];
        self.i += key.len();
        *next += at + 1;
        Some(field)
    }

    /// One of an enum's texts, quoted: the same as reading the string with
    /// `plain` and comparing it whole (a text with an escape is none of them).
    fn choice<T: Copy>(&mut self, options: &[(&[u8], T)]) -> Option<T> {
        self.ws();
        let rest = &self.bytes()[self.i..];
        let &(text, value) = options.iter().find(|(text, _)| starts(rest, text))?;
        self.i += text.len();
        Some(value)
    }

    /// Nothing but spaces left: serde refuses trailing characters.
    fn end(&mut self) -> Option<()> {
        self.ws();
        (self.i == self.s.len()).then_some(())
    }

    fn entry(mut self) -> Option<EntryRef<'a>> {
        let mut seen = 0u32;
        let mut id = None;
        let mut op = None;
        let mut date = None;
        let mut person = None;
        let mut recorded_at = None;
        let mut recorded_by = None;
        let mut temperature = None;
        let mut temperature_pm = None;
        let mut observation_since = None;
        let mut symptoms = Vec::new();
        let mut location = None;
        let mut contact = None;
        let mut isolation = None;
        let mut isolation_since = None;
        let mut work = None;
        let mut post = None;
        let mut note = None;
        let mut reason = None;
        let mut target = None;
        self.object(EntryField::ORDER, EntryField::of, |sc, field| {
            // Each key once: serde refuses a repeated field.
            let bit = 1u32 << field as u32;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            match field {
                EntryField::Id => id = Some(sc.string()?),
                EntryField::Op => {
                    op = Some(sc.choice(&[
                        (b"\"record\"", Op::Record),
                        (b"\"void\"", Op::Void),
                        (b"\"undo\"", Op::Undo),
                    ])?)
                }
                EntryField::Date => date = Some(sc.date()?),
                EntryField::Person => person = Some(sc.string()?),
                EntryField::RecordedAt => recorded_at = Some(parse_rfc3339(sc.plain()?)?),
                EntryField::RecordedBy => recorded_by = Some(sc.string()?),
                EntryField::Temperature => {
                    if !sc.null() {
                        temperature = Some(sc.number()?);
                    }
                }
                EntryField::TemperaturePm => {
                    if !sc.null() {
                        temperature_pm = Some(sc.number()?);
                    }
                }
                EntryField::ObservationSince => {
                    if !sc.null() {
                        observation_since = Some(sc.date()?);
                    }
                }
                EntryField::Symptoms => symptoms = sc.strings()?,
                EntryField::Location => location = sc.opt_string()?,
                EntryField::Contact => contact = sc.opt_bool()?,
                EntryField::Isolation => {
                    if !sc.null() {
                        isolation = Some(sc.choice(&[
                            (b"\"none\"", Isolation::None),
                            (b"\"home\"", Isolation::Home),
                            (b"\"central\"", Isolation::Central),
                        ])?);
                    }
                }
                EntryField::IsolationSince => {
                    if !sc.null() {
                        isolation_since = Some(sc.date()?);
                    }
                }
                EntryField::Work => {
                    if !sc.null() {
                        work = Some(sc.choice(&[
                            (b"\"on_site\"", Work::OnSite),
                            (b"\"remote\"", Work::Remote),
                            (b"\"frontline\"", Work::Frontline),
                            (b"\"leave\"", Work::Leave),
                        ])?);
                    }
                }
                EntryField::Post => post = sc.opt_string()?,
                EntryField::Note => note = sc.opt_string()?,
                EntryField::Reason => reason = sc.opt_string()?,
                EntryField::Target => target = sc.opt_string()?,
            }
            Some(())
        })?;
        self.end()?;
        let (date, date_text) = date?;
        let (recorded_at, recorded_at_text) = recorded_at?;
        Some(EntryRef {
            id: id?,
            op: op?,
            date,
            date_text,
            person: person?,
            temperature: temperature.map(|(t, _)| t),
            temperature_text: temperature.map(|(_, text)| text),
            temperature_pm: temperature_pm.map(|(t, _)| t),
            temperature_pm_text: temperature_pm.map(|(_, text)| text),
            symptoms,
            location,
            contact,
            observation_since: observation_since.map(|(d, _)| d),
            observation_since_text: observation_since.map(|(_, text)| text),
            isolation,
            isolation_since: isolation_since.map(|(d, _)| d),
            isolation_since_text: isolation_since.map(|(_, text)| text),
            work,
            post,
            note,
            reason,
            target,
            recorded_at,
            recorded_at_text,
            recorded_by: recorded_by?,
        })
    }

    fn opt_date(&mut self) -> Option<Option<NaiveDate>> {
        if self.null() {
            return Some(None);
        }
        Some(Some(self.date()?.0))
    }

    fn bool(&mut self) -> Option<bool> {
        self.opt_bool()?
    }

    fn person(&mut self) -> Option<Person> {
        let mut seen = 0u32;
        let (mut id, mut name, mut kind) = (None, None, None);
        let mut p = Person::new(String::new(), String::new(), Kind::Staff, None);
        let own = |s: Option<Cow<'_, str>>| s.map(Cow::into_owned);
        self.object(PersonField::ORDER, PersonField::of, |sc, field| {
            let bit = 1u32 << field as u32;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            match field {
                PersonField::Id => id = Some(sc.string()?.into_owned()),
                PersonField::Name => name = Some(sc.string()?.into_owned()),
                PersonField::Kind => {
                    kind =
                        Some(sc.choice(&[
                            (b"\"staff\"", Kind::Staff),
                            (b"\"family\"", Kind::Family),
                        ])?)
                }
                PersonField::Of => p.of = own(sc.opt_string()?),
                PersonField::Relation => {
                    if !sc.null() {
                        p.relation = Some(sc.choice(&[
                            (b"\"spouse\"", Relation::Spouse),
                            (b"\"child\"", Relation::Child),
                            (b"\"parent\"", Relation::Parent),
                            (b"\"other\"", Relation::Other),
                        ])?);
                    }
                }
                PersonField::Dept => p.dept = own(sc.opt_string()?),
                PersonField::Phone => p.phone = own(sc.opt_string()?),
                PersonField::PartyMember => p.party_member = sc.bool()?,
                PersonField::Veteran => p.veteran = sc.bool()?,
                PersonField::Since => p.since = sc.opt_date()?,
                PersonField::Until => p.until = sc.opt_date()?,
            }
            Some(())
        })?;
        p.id = id?;
        p.name = name?;
        p.kind = kind?;
        Some(p)
    }

    fn roster_event(mut self) -> Option<RosterEvent> {
        let mut seen = 0u32;
        let (mut op, mut at, mut by, mut person) = (None, None, None, None);
        let of = |key: &str| match key {
            "op" => Some((1, 0)),
            "at" => Some((2, 1)),
            "by" => Some((4, 2)),
            "person" => Some((8, 3)),
            _ => None,
        };
        let order: &[(&[u8], (u32, u8))] = &[
            (b"\"op\":", (1, 0)),
            (b"\"at\":", (2, 1)),
            (b"\"by\":", (4, 2)),
            (b"\"person\":", (8, 3)),
        ];
        self.object(order, of, |sc, (bit, field)| {
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            match field {
                0 => {
                    op = Some(sc.choice(&[
                        (b"\"add\"", RosterOp::Add),
                        (b"\"edit\"", RosterOp::Edit),
                        (b"\"leave\"", RosterOp::Leave),
                        (b"\"import\"", RosterOp::Import),
                        (b"\"remove\"", RosterOp::Remove),
                    ])?)
                }
                1 => at = Some(parse_rfc3339(sc.plain()?)?.0),
                2 => by = Some(sc.string()?.into_owned()),
                _ => person = Some(sc.person()?),
            }
            Some(())
        })?;
        self.end()?;
        Some(RosterEvent {
            op: op?,
            at: at?,
            by: by?,
            person: person?,
        })
    }
}

/// The fields of a roster line's person: a key is found by its length and
/// first letter, then checked whole once.
macro_rules! fields {
    ($name:ident { $($variant:ident = $key:literal,)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum $name { $($variant),* }

        impl $name {
            const TABLE: &[(usize, u8, $name)] =
                &[$(($key.len(), $key.as_bytes()[0], $name::$variant)),*];

            /// The keys quoted with their colon, in the order written.
            const ORDER: &[(&[u8], $name)] =
                &[$((concat!("\"", $key, "\":").as_bytes(), $name::$variant)),*];

            fn of(key: &str) -> Option<$name> {
                let first = *key.as_bytes().first()?;
                $name::TABLE
                    .iter()
                    .find(|(len, b, f)| *len == key.len() && *b == first && same(f.key(), key))
                    .map(|(_, _, f)| *f)
            }

            fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }
        }
    };
}

/// The fields of an entry line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryField {
    Id,
    Op,
    Date,
    Person,
    RecordedAt,
    RecordedBy,
    Temperature,
    Symptoms,
    Location,
    Contact,
    Isolation,
    IsolationSince,
    Work,
    Post,
    Note,
    Reason,
    Target,
    TemperaturePm,
    ObservationSince,
}

impl EntryField {
    /// The keys as `Entry` writes them (quoted, with the colon), in its
    /// fields' order.
    const ORDER: &[(&[u8], EntryField)] = &[
        (b"\"id\":", EntryField::Id),
        (b"\"op\":", EntryField::Op),
        (b"\"date\":", EntryField::Date),
        (b"\"person\":", EntryField::Person),
        (b"\"temperature\":", EntryField::Temperature),
        (b"\"temperature_pm\":", EntryField::TemperaturePm),
        (b"\"symptoms\":", EntryField::Symptoms),
        (b"\"location\":", EntryField::Location),
        (b"\"contact\":", EntryField::Contact),
        (b"\"observation_since\":", EntryField::ObservationSince),
        (b"\"isolation\":", EntryField::Isolation),
        (b"\"isolation_since\":", EntryField::IsolationSince),
        (b"\"work\":", EntryField::Work),
        (b"\"post\":", EntryField::Post),
        (b"\"note\":", EntryField::Note),
        (b"\"reason\":", EntryField::Reason),
        (b"\"target\":", EntryField::Target),
        (b"\"recorded_at\":", EntryField::RecordedAt),
        (b"\"recorded_by\":", EntryField::RecordedBy),
    ];

    /// The field a key names: its length and first letter pick one (a
    /// jump table, where a chain of string comparisons per key would cost
    /// more than the rest of the line), then the whole key is checked.
    fn of(key: &str) -> Option<EntryField> {
        use EntryField::*;
        let b = key.as_bytes();
        let field = match (b.len(), *b.first()?) {
            (2, b'i') => Id,
            (2, b'o') => Op,
            (4, b'd') => Date,
            (4, b'w') => Work,
            (4, b'p') => Post,
            (4, b'n') => Note,
            (6, b'p') => Person,
            (6, b't') => Target,
            (6, b'r') => Reason,
            (7, b'c') => Contact,
            (8, b's') => Symptoms,
            (8, b'l') => Location,
            (9, b'i') => Isolation,
            (11, b't') => Temperature,
            (11, b'r') if b[9] == b'a' => RecordedAt,
            (11, b'r') => RecordedBy,
            (15, b'i') => IsolationSince,
            (14, b't') => TemperaturePm,
            (17, b'o') => ObservationSince,
            _ => return None,
        };
        same(field.key(), key).then_some(field)
    }

    fn key(self) -> &'static str {
        use EntryField::*;
        match self {
            Id => "id",
            Op => "op",
            Date => "date",
            Person => "person",
            RecordedAt => "recorded_at",
            RecordedBy => "recorded_by",
            Temperature => "temperature",
            Symptoms => "symptoms",
            Location => "location",
            Contact => "contact",
            Isolation => "isolation",
            IsolationSince => "isolation_since",
            Work => "work",
            Post => "post",
            Note => "note",
            Reason => "reason",
            Target => "target",
            TemperaturePm => "temperature_pm",
            ObservationSince => "observation_since",
        }
    }
}

fields!(PersonField {
    Id = "id",
    Name = "name",
    Kind = "kind",
    Of = "of",
    Relation = "relation",
    Dept = "dept",
    Phone = "phone",
    PartyMember = "party_member",
    Veteran = "veteran",
    Since = "since",
    Until = "until",
});

/// Every event of `roster.jsonl`'s bytes, if the scanner takes every line
/// (as `parse_entries`).
pub fn parse_roster(bytes: &[u8]) -> Option<(Versions, Option<TornTail>)> {
    let (lines, torn) = jsonl::split_lines(bytes);
    // Each event's person and day, not the events: a list of events was
    // the heap's topmost 62 KB in a one-day report at 300 people.
    let mut versions = (
        Vec::with_capacity(lines.len()),
        Vec::with_capacity(lines.len()),
    );
    for (_, line) in lines {
        let e = scanner(line)?.roster_event()?;
        versions.0.push(e.person);
        versions.1.push(e.at.date_naive());
    }
    Some((versions, torn))
}

/// Whether any byte is below 0x20, eight bytes at a time: subtracting 0x20
/// from a byte below it borrows and sets its top bit where it was clear
/// (a borrow into the next byte only happens after such a byte).
fn has_control(line: &[u8]) -> bool {
    const ONES: u64 = u64::MAX / 255;
    let mut words = line.chunks_exact(8);
    let mut found = 0u64;
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let x = u64::from_le_bytes(word);
        found |= x.wrapping_sub(ONES * 0x20) & !x & (ONES * 0x80);
    }
    found != 0 || words.remainder().iter().any(|&b| b < 0x20)
}

/// How many ASCII digits `bytes` starts with, eight at a time (a write id
/// is 16): a byte below `0` has its top bit set by subtracting `0`, one
/// above `9` by adding `0x46`, one of 0x80 or more has it already. Borrows
/// and carries only reach bytes after such a byte, so the lowest mark is
/// exact.
fn digit_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::MAX / 255;
    first_marked(
        bytes,
        |x| (x | x.wrapping_sub(ONES * 0x30) | x.wrapping_add(ONES * 0x46)) & (ONES * 0x80),
        |b| !b.is_ascii_digit(),
    )
    .unwrap_or(bytes.len())
}

/// The first byte `marks` sets the top bit of, eight bytes at a time (a
/// mark may be wrong only after the first true one); `stop` judges the
/// last few bytes one by one.
#[inline(always)]
fn first_marked(
    bytes: &[u8],
    marks: impl Fn(u64) -> u64,
    stop: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let found = marks(u64::from_le_bytes(word));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| stop(b))
        .map(|i| at + i)
}

/// `a == b` for short strings, inline: a `memcmp` call per key and enum
/// value costs more than comparing a few bytes.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Whether `hay` starts with `needle`, inline (see `same`): eight bytes
/// at a time, the last word overlapping, for keys like `"recorded_at":`.
fn starts(hay: &[u8], needle: &[u8]) -> bool {
    let n = needle.len();
    if hay.len() < n {
        return false;
    }
    if n < 8 {
        return hay.iter().zip(needle).all(|(x, y)| x == y);
    }
    let word = |b: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let mut at = 0;
    while at + 8 < n {
        if word(hay, at) != word(needle, at) {
            return false;
        }
        at += 8;
    }
    word(hay, n - 8) == word(needle, n - 8)
}

/// Where a string's text ends or its first escape starts, eight bytes at a
/// time. Strings in the store are short, where `memchr`'s set-up costs
/// more than the search.
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    // A byte equal to `b` becomes zero; a zero byte borrows when one is
    // subtracted and sets its top bit. Borrows can mark bytes after the
    // first match too, but never before it, so the lowest mark is exact.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES * 0x80);
    first_marked(
        bytes,
        |x| zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))),
        |b| b == b'"' || b == b'\\',
    )
}

fn digits<const N: usize>(b: &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for &c in b.get(..N)? {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

/// `YYYY-MM-DD` exactly: what a `NaiveDate` prints and chrono reads the same.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits::<4>(b)?;
    let m = digits::<2>(&b[5..])?;
    let d = digits::<2>(&b[8..])?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `YYYY-MM-DDTHH:MM:SS+HH:MM` or `…SSZ` exactly, the forms serde writes
/// for a whole second, with the text as `to_rfc3339` prints the value.
/// `-00:00` and leap seconds are left to chrono.
#[allow(clippy::type_complexity)]
fn parse_rfc3339(text: &str) -> Option<(DateTime<FixedOffset>, (&str, &str))> {
    let b = text.as_bytes();
    if b.len() < 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_date(&text[..10])?;
    let (h, m, s) = (
        digits::<2>(&b[11..])?,
        digits::<2>(&b[14..])?,
        digits::<2>(&b[17..])?,
    );
    let time = NaiveTime::from_hms_opt(h, m, s)?;
    let (local, zone) = text.split_at(19);
    let (offset, printed) = if zone == "Z" {
        (FixedOffset::east_opt(0)?, "+00:00")
    } else {
        let z = zone.as_bytes();
        if z.len() != 6 || z[3] != b':' {
            return None;
        }
        let sign = match z[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (oh, om) = (digits::<2>(&z[1..])?, digits::<2>(&z[4..])?);
        if oh > 23 || om > 59 || (sign < 0 && oh == 0 && om == 0) {
            return None;
        }
        let seconds = i32::try_from(oh * 3600 + om * 60).ok()?;
        (FixedOffset::east_opt(sign * seconds)?, zone)
    };
    let at = offset.from_local_datetime(&date.and_time(time)).single()?;
    Some((at, (local, printed)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde_read(line: &[u8]) -> Option<Entry> {
        serde_json::from_slice(line).ok()
    }

    /// The scanner either gives up or agrees with serde, offset included.
    fn agrees(line: &str) -> std::result::Result<bool, String> {
        let fast = parse_line(line.as_bytes()).map(|e| e.to_entry());
        let slow = serde_read(line.as_bytes());
        match (fast, slow) {
            (None, _) => Ok(false),
            (Some(f), Some(s)) => {
                if f != s || f.to_line() != s.to_line() {
                    return Err(format!("{line}\nfast {f:?}\nslow {s:?}"));
                }
                Ok(true)
            }
            (Some(f), None) => Err(format!("{line}\nscanner took what serde refuses: {f:?}")),
        }
    }

    const PLAIN: &str = r#"{"id":"59ece5a5c4000-174635f14dc3-0","op":"record","date":"2020-02-18","person":"S001","temperature":36.5,"symptoms":["咳嗽","发热"],"location":"北京市东城区","contact":false,"isolation":"home","isolation_since":"2020-02-10","work":"frontline","post":"和平里社区","note":"自述\"无不适\", 好\n第二行","recorded_at":"2020-02-18T08:00:00+08:00","recorded_by":"办公室小刘"}"#;

    #[test]
    fn quotes_and_backslashes_are_found_first() {
        for len in 0..30 {
            for at in 0..=len {
                for (c, other) in [(b'"', b'\\'), (b'\\', b'"')] {
                    let mut bytes = vec![b'a'; len];
                    if at < len {
                        bytes[at] = c;
                        // A later match of either kind must not win.
                        for (later, b) in bytes.iter_mut().enumerate().skip(at + 1) {
                            *b = if later % 2 == 0 { c } else { other };
                        }
                        bytes.iter_mut().take(at).for_each(|b| *b = 0xe5);
                    }
                    let want = bytes.iter().position(|&b| b == b'"' || b == b'\\');
                    assert_eq!(quote_or_backslash(&bytes), want, "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn digit_runs_end_at_the_first_other_byte() {
        for len in 0..30 {
            for at in 0..=len {
                for other in [0u8, b' ', b'/', b':', b'"', 0x7f, 0x80, 0xb9, 0xba, 0xff] {
                    let mut bytes: Vec<u8> = (0..len).map(|i| b'0' + (i % 10) as u8).collect();
                    if at < len {
                        bytes[at] = other;
                    }
                    let want = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
                    assert_eq!(digit_run(&bytes), want, "{len} {at} {other}");
                }
            }
        }
        // Every byte value after every digit, in one word.
        for b in 0..=255u8 {
            let bytes = [b'9', b'0', b, b'5', b'5', b'5', b'5', b'5'];
            let want = if b.is_ascii_digit() { 8 } else { 2 };
            assert_eq!(digit_run(&bytes), want, "{b}");
        }
    }

    #[test]
    fn control_bytes_are_found_anywhere() {
        for len in 1..40 {
            let clean = vec![b'a'; len];
            assert!(!has_control(&clean));
            for at in 0..len {
                for bad in [0u8, 0x0a, 0x1f] {
                    let mut line = clean.clone();
                    line[at] = bad;
                    assert!(has_control(&line), "{len} {at} {bad}");
                }
                let mut line = clean.clone();
                line[at] = 0x20;
                line[len - 1 - at] = 0xe5;
                assert!(!has_control(&line), "{len} {at}");
            }
        }
        assert!(!has_control(b""));
    }

    #[test]
    fn reads_what_to_line_writes() {
        assert_eq!(agrees(PLAIN), Ok(true));
        let e = parse_line(PLAIN.as_bytes()).unwrap();
        assert!(matches!(e.person, Cow::Borrowed("S001")));
        assert_eq!(e.note.as_deref(), Some("自述\"无不适\", 好\n第二行"));
        assert_eq!(e.temperature_text, Some("36.5"));
        let (local, offset) = e.recorded_at_text;
        assert_eq!(format!("{local}{offset}"), e.recorded_at.to_rfc3339());
        let void = r#"{"id":"a","op":"void","date":"2020-02-18","person":"S001","reason":"重复","recorded_at":"2020-02-18T08:00:00-05:30","recorded_by":"x"}"#;
        assert_eq!(agrees(void), Ok(true));
        let undo = r#"{"id":"b","op":"undo","date":"2020-02-18","person":"S001","target":"a","recorded_at":"2020-02-18T08:00:00+00:00","recorded_by":"x"}"#;
        assert_eq!(agrees(undo), Ok(true));
    }

    #[test]
    fn reads_lines_tagged_with_their_write() {
        // Every line a write appends starts with its id (`store::tx`).
        let tagged = format!("{{\"tx\":1795980183000002,{}", &PLAIN[1..]);
        assert_eq!(agrees(&tagged), Ok(true));
        let staff = r#"{"tx":7,"op":"add","at":"2020-01-22T07:00:00+08:00","by":"x","person":{"id":"S001","name":"王伟","kind":"staff"}}"#;
        let ((people, days), _) = parse_roster(format!("{staff}\n").as_bytes()).expect("scanned");
        assert_eq!(
            (people[0].id.as_str(), days[0].to_string()),
            ("S001", "2020-01-22".into())
        );
        // Only at the start: a tag further in is an unknown key.
        let inside = PLAIN.replacen("\"op\"", "\"tx\":1,\"op\"", 1);
        assert!(parse_line(inside.as_bytes()).is_none());
        assert!(parse_line(br#"{"tx":,"id":"a"}"#).is_none());
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        let base = r#"{"id":"a","op":"record","date":"2020-02-18","person":"S001","temperature":36.5,"recorded_at":"2020-02-18T08:00:00+08:00","recorded_by":"x"}"#;
        assert_eq!(agrees(base), Ok(true));
        let variants = [
            // serde reads these, the scanner leaves them to it
            base.replace("36.5", "3.65e1"),
            base.replace("\"x\"}", "\"x\",\"extra\":1}"),
            base.replace("+08:00", "-00:00"),
            base.replace("08:00:00+", "08:00:00.5+"),
            format!("{base}\r"),
            // serde refuses these too
            base.replace("36.5", "036.5"),
            base.replace("36.5", "36."),
            base.replace("36.5", "-36.5"),
            base.replace(
                ",\"temperature\":36.5",
                ",\"temperature\":36.5,\"temperature\":36.6",
            ),
            base.replace("\"op\":\"record\",", ""),
            base.replace("2020-02-18T", "2020-02-30T"),
            base.replace("08:00:00+", "24:00:00+"),
            base.replace("}", "} x"),
            base.replace("\"x\"", "\"\tx\""),
            base.replace("record", "recorded"),
            base.replace("\"S001\"", "\"S\\ud800\""),
            base[..base.len() - 1].to_string(),
        ];
        for v in &variants {
            assert_eq!(agrees(v), Ok(false), "{v}");
        }
        assert!(parse_line(b"{\"id\":\"\xff\"}").is_none());
        // Escapes, `Z` and spaces between tokens are fine for both.
        assert_eq!(agrees(&base.replace("\"S001\"", "\"S\\u0030\"")), Ok(true));
        assert_eq!(agrees(&base.replace("+08:00", "Z")), Ok(true));
        let spaced = base
            .replace(",", " , ")
            .replace(":", " : ")
            .replace("{", "{ ");
        assert_eq!(
            agrees(&spaced.replace("T08 : 00 : 00+08 : 00", "T08:00:00+08:00")),
            Ok(true)
        );
    }

    #[test]
    fn a_file_with_an_unusual_line_goes_to_serde() {
        let plain = format!("{PLAIN}\n\n{PLAIN}\n");
        let (entries, torn) = parse_entries(plain.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        assert!(torn.is_none());
        let torn_file = format!("{PLAIN}\n{{\"id\":");
        let (_, torn) = parse_entries(torn_file.as_bytes()).unwrap();
        assert_eq!(torn.map(|t| t.line), Some(2));
        let odd = format!("{PLAIN}\n{}\n", PLAIN.replace("36.5", "3.65e1"));
        assert!(parse_entries(odd.as_bytes()).is_none());
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ]{0,6}",
            "[\\PC]{0,6}",
            "[\"\\\\/\n\r\t\u{0}-\u{1f},'=+@－]{0,4}",
            Just("北京市东城区".to_string()),
        ]
    }

    fn entry() -> impl Strategy<Value = Entry> {
        let date = (1i32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        // Mostly whole seconds and minutes of offset, as `record` writes;
        // sometimes a fraction or an offset with seconds.
        let at = (0i64..86_400, -1439i32..1440, 0u32..8).prop_map(|(secs, minutes, odd)| {
            let seconds = if odd == 1 { 17 } else { 0 };
            let offset = FixedOffset::east_opt(minutes * 60 + seconds).unwrap();
            let nanos = if odd == 2 { 500_000_000 } else { 0 };
            offset
                .timestamp_opt(1_580_000_000 + secs * 1_000, nanos)
                .unwrap()
        });
        let temp = prop_oneof![
            (340u32..=430).prop_map(|t| f64::from(t) / 10.0),
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
            (0u32..100).prop_map(f64::from),
        ];
        (
            (
                "[a-z0-9-]{1,12}",
                prop_oneof![Just(Op::Record), Just(Op::Void), Just(Op::Undo)],
                date.clone(),
                text(),
                proptest::option::of(temp),
                proptest::collection::vec(text(), 0..3),
                proptest::option::of(text()),
                proptest::option::of(any::<bool>()),
            ),
            (
                proptest::option::of(prop_oneof![
                    Just(Isolation::None),
                    Just(Isolation::Home),
                    Just(Isolation::Central)
                ]),
                proptest::option::of(date),
                proptest::option::of(prop_oneof![
                    Just(Work::OnSite),
                    Just(Work::Remote),
                    Just(Work::Frontline),
                    Just(Work::Leave)
                ]),
                proptest::option::of(text()),
                proptest::option::of(text()),
                proptest::option::of(text()),
                at,
                text(),
            ),
        )
            .prop_map(
                |(
                    (id, op, date, person, temperature, symptoms, location, contact),
                    (isolation, isolation_since, work, post, note, reason, recorded_at, by),
                )| Entry {
                    id,
                    op,
                    date,
                    person,
                    temperature,
                    // The afternoon reading and the observation start go
                    // the same way as the morning one and isolation_since.
                    temperature_pm: temperature.filter(|_| contact == Some(true)),
                    symptoms,
                    location,
                    contact,
                    observation_since: isolation_since.filter(|_| contact == Some(false)),
                    isolation,
                    isolation_since,
                    work,
                    post,
                    note: note.clone(),
                    reason,
                    target: note,
                    recorded_at,
                    recorded_by: by,
                },
            )
    }

    fn roster_agrees(line: &str) -> std::result::Result<bool, String> {
        let fast = scanner(line.as_bytes()).and_then(|s| s.roster_event());
        // What a roster keeps of the line: its person and its day.
        let kept = parse_roster(format!("{line}\n").as_bytes())
            .map(|((mut people, days), _)| (people.remove(0), days[0]));
        if kept != fast.as_ref().map(|f| (f.person.clone(), f.at.date_naive())) {
            return Err(format!("{line}\nparse_roster {kept:?}, the line {fast:?}"));
        }
        let slow: Option<RosterEvent> = serde_json::from_str(line).ok();
        match (fast, slow) {
            (None, _) => Ok(false),
            (Some(f), Some(s)) => {
                let same = f.op == s.op
                    && f.at == s.at
                    && f.at.offset() == s.at.offset()
                    && f.by == s.by
                    && f.person == s.person;
                if !same {
                    return Err(format!("{line}\nfast {f:?}\nslow {s:?}"));
                }
                Ok(true)
            }
            (Some(f), None) => Err(format!("{line}\nscanner took what serde refuses: {f:?}")),
        }
    }

    #[test]
    fn reads_roster_events() {
        let staff = r#"{"op":"add","at":"2020-01-22T07:00:00+08:00","by":"synth","person":{"id":"S001","name":"王伟","kind":"staff","dept":"办公室","phone":"13800010001","party_member":true,"veteran":false}}"#;
        let family = r#"{"op":"edit","at":"2020-01-22T07:00:00Z","by":"x","person":{"id":"S001-1","name":"李\"磊\"","kind":"family","of":"S001","relation":"spouse","since":"2020-01-01","until":"2020-12-31"}}"#;
        assert_eq!(roster_agrees(staff), Ok(true));
        assert_eq!(roster_agrees(family), Ok(true));
        for odd in [
            staff.replace("\"veteran\":false", "\"veteran\":null"),
            staff.replace("\"veteran\":false", "\"veteran\":false,\"veteran\":true"),
            staff.replace("\"veteran\":false", "\"shoe\":1"),
            staff.replace("\"kind\":\"staff\",", ""),
            staff.replace("add", "added"),
            staff.replace("}}", "}} x"),
        ] {
            assert_eq!(roster_agrees(&odd), Ok(false), "{odd}");
        }
    }

    fn person() -> impl Strategy<Value = Person> {
        let date = (1i32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        (
            (text(), text(), any::<bool>(), proptest::option::of(text())),
            (
                proptest::option::of(prop_oneof![
                    Just(Relation::Spouse),
                    Just(Relation::Child),
                    Just(Relation::Parent),
                    Just(Relation::Other)
                ]),
                proptest::option::of(text()),
                proptest::option::of(text()),
                any::<(bool, bool)>(),
                proptest::option::of(date.clone()),
                proptest::option::of(date),
            ),
        )
            .prop_map(
                |((id, name, staff, of), (relation, dept, phone, (party, vet), since, until))| {
                    Person {
                        id,
                        name,
                        kind: if staff { Kind::Staff } else { Kind::Family },
                        of,
                        relation,
                        dept,
                        phone,
                        party_member: party,
                        veteran: vet,
                        since,
                        until,
                        removed: None,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_serde_on_roster_lines(p in person(), op in 0usize..4, mangle in any::<prop::sample::Index>(), junk in "[ -~]{0,2}") {
            let event = RosterEvent {
                op: [RosterOp::Add, RosterOp::Edit, RosterOp::Leave, RosterOp::Import][op],
                at: DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap(),
                by: "办公室".into(),
                person: p,
            };
            let line = serde_json::to_string(&event).unwrap();
            prop_assert_eq!(roster_agrees(&line), Ok(true), "{}", line);
            let mut pos = mangle.index(line.len() + 1);
            while !line.is_char_boundary(pos) {
                pos -= 1;
            }
            let mangled = format!("{}{junk}{}", &line[..pos], &line[pos..]);
            prop_assert!(roster_agrees(&mangled).is_ok(), "{}", roster_agrees(&mangled).unwrap_err());
        }

        /// Every line `to_line` writes: taken when plain, and read the same.
        #[test]
        fn agrees_with_serde_on_written_lines(e in entry()) {
            let line = e.to_line();
            let line = std::str::from_utf8(&line[..line.len() - 1]).unwrap().to_string();
            prop_assert!(agrees(&line).is_ok(), "{}", agrees(&line).unwrap_err());
            // The usual records are always taken.
            let plain = e.recorded_at.timestamp_subsec_nanos() == 0
                && e.recorded_at.offset().local_minus_utc() % 60 == 0
                && e.temperature.is_none_or(|t| (34.0..=43.0).contains(&t) && (t * 10.0).fract() == 0.0);
            if plain {
                prop_assert_eq!(agrees(&line), Ok(true), "{}", line);
                let scanned = parse_line(line.as_bytes()).unwrap();
                let (local, offset) = scanned.recorded_at_text;
                prop_assert_eq!(format!("{local}{offset}"), e.recorded_at.to_rfc3339());
                prop_assert_eq!(scanned.date_text, e.date.to_string());
            }
        }

        /// Lines changed at random: the scanner never takes what serde refuses
        /// nor reads anything differently.
        #[test]
        fn agrees_with_serde_on_mangled_lines(e in entry(), at in any::<prop::sample::Index>(), cut in 0usize..4, junk in "[ -~]{0,3}") {
            let line = e.to_line();
            let line = String::from_utf8_lossy(&line[..line.len() - 1]).to_string();
            let mut pos = at.index(line.len() + 1);
            while !line.is_char_boundary(pos) {
                pos -= 1;
            }
            let end = (pos + cut).min(line.len());
            let end = (end..=line.len()).find(|&i| line.is_char_boundary(i)).unwrap_or(line.len());
            let mangled = format!("{}{junk}{}", &line[..pos], &line[end..]);
            prop_assert!(agrees(&mangled).is_ok(), "{}", agrees(&mangled).unwrap_err());
        }
    }
}
