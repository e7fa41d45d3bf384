//! The language catalog (SPEC §8): every word the tool says, one Fluent
//! catalog per language under `locales/` (Project Fluent's `fluent-bundle`,
//! the catalog files compiled into the binary). Messages are looked up by
//! key with `t!`; report labels keep the `L` enum, whose variant `Foo` is
//! the catalog key `l-Foo`. JSON keys never come from here; they stay
//! English.
//!
//! Start-up cost is why each language's catalog is three files, each parsed
//! on its first lookup: a report needs only `labels.ftl`, a message
//! `messages.ftl`, and only help and usage errors `cli.ftl`. Parsing both
//! languages' whole catalog up front cost 0.8 ms a run (release build), half
//! of what `summary` takes. And `build.rs` takes every message that is text
//! only (no argument, no attribute) out into a sorted table, so Fluent parses
//! at run time only the messages with arguments: a one-day summary's labels
//! cost 0.43 M instructions of Fluent parsing before.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use fluent_bundle::FluentValue;

use crate::cli::Lang;
use crate::person::{Kind, Relation};
use crate::record::{Isolation, Work};

/// A language's catalog, one file per part.
const PARTS: usize = 3;
const LABELS: usize = 0;
const MESSAGES: usize = 1;
const CLI: usize = 2;

// `PLAIN` and `DYNAMIC`, written by build.rs from the files below.
include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The catalog files, `[language][part]`, in `Lang` order, as written: the
/// tests check that `PLAIN` and `DYNAMIC` say what they say.
#[cfg(test)]
const SOURCES: [[&str; PARTS]; 2] = [
    [
        include_str!("../locales/zh/labels.ftl"),
        include_str!("../locales/zh/messages.ftl"),
        include_str!("../locales/zh/cli.ftl"),
    ],
    [
        include_str!("../locales/en/labels.ftl"),
        include_str!("../locales/en/messages.ftl"),
        include_str!("../locales/en/cli.ftl"),
    ],
];

/// Which file holds `key`: labels are `l-…`, help and clap's words `cli…`
/// and the manual page's headings `man-…`.
fn part_of(key: &str) -> usize {
    // The episode sentences are in labels.ftl: a one-day report then parses
    // no other file (messages.ftl alone was 12% of `summary`'s instructions).
    if key.starts_with("l-")
        || key.starts_with("alert-")
        || key == "observation-day"
        || key == "episode-day"
    {
        LABELS
    } else if key.starts_with("cli") || key.starts_with("man-") || key == "error-prefix" {
        CLI
    } else {
        MESSAGES
    }
}

/// The bundle of one part of one language, parsed on first use.
fn bundle(lang: Lang, part: usize) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [[OnceLock<FluentBundle<FluentResource>>; PARTS]; 2] = [
        [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        [OnceLock::new(), OnceLock::new(), OnceLock::new()],
    ];
    BUNDLES[lang as usize][part].get_or_init(|| {
        let id = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let mut bundle = FluentBundle::new_concurrent(id.parse().into_iter().collect());
        // Unicode isolation marks around arguments would end up in CSV
        // cells and terminals that show them as boxes.
        bundle.set_use_isolating(false);
        // A syntax error drops only the entry it is in (the catalog tests
        // forbid them); the rest of the file is kept.
        let resource = FluentResource::try_new(DYNAMIC[lang as usize][part].to_string())
            .unwrap_or_else(|(resource, _)| resource);
        // Errors here are ids defined twice, which the catalog tests forbid.
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The language of this process's messages: set once the command line (and
/// the store, if any) has said which; `zh` until then.
static CURRENT: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

/// The message `key` in `lang`, with its arguments. A key missing from the
/// catalog (the catalog tests forbid it) shows as the key, never a panic.
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    lookup(lang, key, args).unwrap_or_else(|| key.to_string())
}

/// The message `key` if it is text only (no arguments): no Fluent needed.
fn plain(lang: Lang, key: &str) -> Option<&'static str> {
    let table = PLAIN[lang as usize];
    let at = table.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    Some(table[at].1)
}

/// The message, if the catalog has it.
pub fn lookup(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
    if let Some(text) = plain(lang, key) {
        return Some(text.to_string());
    }
    let bundle = bundle(lang, part_of(key));
    let pattern = bundle.get_message(key)?.value()?;
    let args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        a
    });
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args.as_ref(), &mut errors)
            .into_owned(),
    )
}

pub fn tr(lang: Lang, key: &str) -> String {
    tr_args(lang, key, &[])
}

/// `t!("key")` or `t!("key", name = value, …)`: a message in the process's
/// language. Values go to Fluent as they are (numbers for plurals) or as
/// text (`.to_string()` them first).
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr($crate::i18n::lang(), $key)
    };
    ($key:literal, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::i18n::tr_args(
            $crate::i18n::lang(),
            $key,
            &[$((stringify!($name), $crate::i18n::FluentValue::from($val))),+],
        )
    };
}

macro_rules! labels {
    ($($(#[$doc:meta])* $key:ident;)*) => {
        /// A label key; `text` gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum L { $($key),* }

        impl L {
            pub const ALL: &'static [L] = &[$(L::$key),*];

            /// The catalog key: `l-` and the variant's name.
            pub fn key(self) -> &'static str {
                match self {
                    $(L::$key => concat!("l-", stringify!($key)),)*
                }
            }
        }
    };
}

impl L {
    /// The label in `lang`. Labels are looked up once per language and
    /// kept, so a report's thousands of cells cost one lookup each label.
    pub fn text(self, lang: Lang) -> &'static str {
        // Each label on its first use: a one-day report uses a few dozen of
        // them, and looking up all of them first was 1% of its instructions.
        const N: usize = L::ALL.len();
        static CACHE: [[OnceLock<std::borrow::Cow<'static, str>>; N]; 2] =
            [const { [const { OnceLock::new() }; N] }; 2];
        CACHE[lang as usize][self as usize].get_or_init(|| match plain(lang, self.key()) {
            Some(text) => text.into(),
            None => tr(lang, self.key()).into(),
        })
    }
}

labels! {
    // Report titles.
    DailyTitle;
    ResidentsTitle;
    SummaryTitle;
    MissingTitle;
    AlertsTitle;
    TrendTitle;
    RosterTitle;
    HistoryTitle;
    // Columns.
    No;
    MorningTitle;
    ExportTitle;
    TemplateTitle;
    Org;
    PageOfPages;
    MarkLegend;
    Id;
    Name;
    Role;
    Kind;
    Of;
    Household;
    Relation;
    Dept;
    Phone;
    PartyMember;
    Veteran;
    Since;
    Until;
    Date;
    Location;
    Local;
    Temperature;
    TemperatureAm;
    TemperaturePm;
    ObservationSince;
    Symptoms;
    Contact;
    Isolation;
    IsolationSince;
    IsolationEnds;
    Work;
    Post;
    Note;
    RecordedAt;
    RecordedBy;
    Version;
    Status;
    Reason;
    Removed;
    Op;
    DaysMissed;
    LastReport;
    NeverReported;
    HouseholdSize;
    LocalCount;
    AwayCount;
    AwayPlaces;
    Returned;
    ContactCount;
    IsolatedCount;
    Item;
    Count;
    Staff;
    Family;
    All;
    AlertKind;
    Detail;
    Expected;
    Reported;
    Missing;
    Fever;
    Isolated;
    OnSite;
    Remote;
    Frontline;
    Leave;
    PartyFrontline;
    Total;
    // Values.
    SelfRole;
    Spouse;
    Child;
    Parent;
    OtherRelation;
    StaffKind;
    FamilyKind;
    Yes;
    NoValue;
    NotReported;
    IsolationNone;
    IsolationHome;
    IsolationCentral;
    Until_;
    Current;
    Replaced;
    Voided;
    Undone;
    UndoEntry;
    // Alerts.
    AlertFever;
    AlertContact;
    AlertIsolatedWorking;
    AlertIsolationComplete;
    FeverDetail;
    ContactDetail;
    AlertObservationComplete;
    // Sections and sentences.
    Counts;
    ByDept;
    NoAlerts;
    NobodyMissing;
    ZeroReport;
    SignFiller;
    SignReviewer;
    SignDate;
    NoDept;
    TotalsLine;
    PeopleUnit;
    InAll;
    ListSep;
    /// Between the items of a list of names or columns: 、 in Chinese.
    ItemSep;
    GroupSep;
    Colon;
    OpenParen;
    CloseParen;
    FullStop;
    NoEarlierRecord;
    // Posts, the vanguard ledger and the supply table (SPEC §9).
    FrontlineTitle;
    SuppliesTitle;
    PostsTitle;
    PostId;
    PostName;
    PostCommunity;
    PostContact;
    Registered;
    Unregistered;
    NoPost;
    ByPost;
    PostPeople;
    ByPerson;
    PeopleServed;
    PartyCount;
    PersonDays;
    DaysStaffed;
    ServedOn;
    DaysCount;
    FirstDay;
    LastDay;
    PostsServed;
    ServedPeopleTotal;
    PartyAmong;
    PersonDaysTotal;
    PostsUsed;
    PostsUnit;
    UnregisteredPosts;
    NoService;
    SupplyPost;
    ItemName;
    Need;
    Have;
    Gap;
    ReportedOn;
    SolvedBy;
    Unsolved;
    Solved;
    Corrected;
    ItemTotals;
    GapTotal;
    OpenGap;
    UnsolvedCount;
    SolvedCount;
    ShortagesLead;
    ItemsUnit;
    NoShortages;
    SolvedOn;
    Unit;
    OpReport;
    OpResolve;
    SupplyExportTitle;
    // record --chat: the preview of a roll-call.
    ChatTitle;
    SourceLine;
    Remark;
    ChatNotUnderstood;
    ChatChase;
    ChatMissing;
    ChatAlerts;
    ChatNothing;
}

pub fn kind(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::Staff => L::StaffKind.text(lang),
        Kind::Family => L::FamilyKind.text(lang),
    }
}

pub fn relation(r: Relation, lang: Lang) -> &'static str {
    match r {
        Relation::Spouse => L::Spouse.text(lang),
        Relation::Child => L::Child.text(lang),
        Relation::Parent => L::Parent.text(lang),
        Relation::Other => L::OtherRelation.text(lang),
    }
}

pub fn work(w: Work, lang: Lang) -> &'static str {
    match w {
        Work::OnSite => L::OnSite.text(lang),
        Work::Remote => L::Remote.text(lang),
        Work::Frontline => L::Frontline.text(lang),
        Work::Leave => L::Leave.text(lang),
    }
}

pub fn isolation(i: Isolation, lang: Lang) -> &'static str {
    match i {
        Isolation::None => L::IsolationNone.text(lang),
        Isolation::Home => L::IsolationHome.text(lang),
        Isolation::Central => L::IsolationCentral.text(lang),
    }
}

pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        L::Yes.text(lang)
    } else {
        L::NoValue.text(lang)
    }
}

/// A sentence of counts in groups: `合计：应报 3 人，已报 2 人；发热 1 人。` /
/// `Totals: Expected 3, Reported 2; Fever 1.`
pub fn counts_line(lead: L, groups: &[&[(L, usize)]], lang: Lang) -> String {
    let groups: Vec<String> = groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|(label, n)| format!("{} {n}{}", label.text(lang), L::PeopleUnit.text(lang)))
                .collect::<Vec<_>>()
                .join(L::ListSep.text(lang))
        })
        .collect();
    format!(
        "{}{}{}{}",
        lead.text(lang),
        L::Colon.text(lang),
        groups.join(L::GroupSep.text(lang)),
        L::FullStop.text(lang)
    )
}

/// `（医学观察第3天，至2020年2月15日）`: an open observation's day and end,
/// the end written as the isolation cell writes its own.
pub fn observation_day(day: i64, ends: chrono::NaiveDate, lang: Lang) -> String {
    tr_args(
        lang,
        "observation-day",
        &[
            ("day", day.into()),
            ("ends", crate::render::long_date(ends, lang).into()),
        ],
    )
}

/// `第3天`: an episode's day number.
pub fn episode_day(day: i64, lang: Lang) -> String {
    tr_args(lang, "episode-day", &[("day", day.into())])
}

/// `text` in the language's parentheses: `（吴刚）` in Chinese, ` (Wu Gang)`
/// in English, so a Chinese table never mixes in ASCII ones.
pub fn parenthesized(text: impl std::fmt::Display, lang: Lang) -> String {
    format!(
        "{}{text}{}",
        L::OpenParen.text(lang),
        L::CloseParen.text(lang)
    )
}

/// Names, ids or columns as a list in the message language: `S001、S002`
/// in Chinese, `S001, S002` in English.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let sep = L::ItemSep.text(lang());
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<&str>>()
        .join(sep)
}

/// The label key whose text in either language is `text`, for reading
/// headers written by `roster --format csv` or `export` in any language.
pub fn key_of(text: &str, candidates: &[L]) -> Option<L> {
    let t = text.trim();
    candidates
        .iter()
        .copied()
        .find(|l| l.text(Lang::Zh) == t || l.text(Lang::En).eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The message ids of one language's catalog files.
    fn catalog_keys(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                let Some((id, _)) = line.split_once(" =") else {
                    continue;
                };
                if id.starts_with(|c: char| c.is_ascii_alphabetic())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    assert!(keys.insert(id.to_string()), "{id} twice in {lang}");
                }
            }
        }
        keys
    }

    /// Every Rust source file's text.
    fn sources() -> String {
        fn walk(dir: &Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut out = String::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        out
    }

    /// The keys the code asks for: the first literal of each `t!(`, `tr(`
    /// and `tr_args(` call.
    fn keys_in_code(src: &str) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for call in [
            "t!(",
            "tr(lang, ",
            "tr(crate::i18n::lang(), ",
            "tr(i18n::lang(), ",
            "tr_args(",
        ] {
            for (at, _) in src.match_indices(call) {
                let before = src[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == ':' && call == "t!(" {
                    continue;
                }
                let rest = &src[at + call.len()..];
                let mut rest = rest.trim_start();
                // `tr_args(lang, "key", …)`: the key follows the language.
                if call == "tr_args(" {
                    rest = rest.split_once(',').map_or("", |(_, r)| r.trim_start());
                }
                if let Some(rest) = rest.strip_prefix('"')
                    && let Some(end) = rest.find('"')
                {
                    keys.insert(rest[..end].to_string());
                }
            }
        }
        keys.retain(|k| {
            k.starts_with(|c: char| c.is_ascii_alphabetic())
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        keys.remove("key");
        keys
    }

    /// The catalog keys the command tree needs (src/cli_lang.rs).
    fn cli_keys() -> (BTreeSet<String>, BTreeSet<String>) {
        use crate::cli_lang::{arg_keys, command_key, walk};
        use clap::CommandFactory;
        let zh = catalog_keys("zh");
        let mut cmd = crate::cli::CliTree::command();
        cmd.build();
        let (mut needed, mut used) = (BTreeSet::new(), BTreeSet::new());
        walk(&cmd, &mut Vec::new(), &mut |c, path| {
            if path.contains(&"help") {
                return;
            }
            needed.insert(command_key(path));
            for a in c
                .get_arguments()
                .filter(|a| !crate::cli_lang::is_builtin(a))
            {
                let keys = arg_keys(path, a.get_id().as_str());
                match keys.iter().find(|k| zh.contains(*k)) {
                    Some(k) => used.insert(k.clone()),
                    None => needed.insert(keys[0].clone()),
                };
                if a.get_action().takes_values() {
                    for n in a.get_value_names().unwrap_or_default() {
                        needed.insert(format!("cli-value-{n}"));
                    }
                }
            }
        });
        used.extend(needed.iter().cloned());
        (needed, used)
    }

    #[test]
    fn every_catalog_file_parses_without_errors() {
        for (lang, parts) in SOURCES.iter().enumerate() {
            for (part, text) in parts.iter().enumerate() {
                if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
                    panic!("language {lang}, part {part}: {errors:?}");
                }
            }
        }
    }

    /// The table of text-only messages and the Fluent rest that build.rs
    /// writes give every message exactly as Fluent gives it from the file
    /// as written (arguments missing: both show them as `{$name}`).
    #[test]
    fn the_split_catalog_says_what_the_files_say() {
        for (l, lang) in [Lang::Zh, Lang::En].into_iter().enumerate() {
            let mut whole = FluentBundle::new_concurrent(Vec::new());
            whole.set_use_isolating(false);
            for text in SOURCES[l] {
                let resource = FluentResource::try_new(text.to_string()).expect("parses");
                whole.add_resource(resource).expect("no key twice");
            }
            let mut seen = 0;
            for text in SOURCES[l] {
                let resource = FluentResource::try_new(text.to_string()).expect("parses");
                for entry in resource.entries() {
                    let fluent_syntax::ast::Entry::Message(m) = entry else {
                        continue;
                    };
                    let key = m.id.name;
                    let Some(pattern) = whole.get_message(key).and_then(|m| m.value()) else {
                        continue;
                    };
                    let want = whole.format_pattern(pattern, None, &mut Vec::new());
                    assert_eq!(lookup(lang, key, &[]).as_deref(), Some(&*want), "{key}");
                    seen += 1;
                }
            }
            assert!(seen > 500, "only {seen} messages in {lang:?}");
            assert!(PLAIN[l].len() > 400, "text-only table of {lang:?}");
        }
    }

    #[test]
    fn every_key_lives_in_the_file_its_prefix_names() {
        for lang in ["zh", "en"] {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            for (part, file) in ["labels.ftl", "messages.ftl", "cli.ftl"].iter().enumerate() {
                let text = std::fs::read_to_string(dir.join(file)).unwrap();
                for line in text.lines() {
                    if let Some((id, _)) = line.split_once(" =")
                        && !id.starts_with(['#', ' '])
                        && !id.is_empty()
                    {
                        assert_eq!(part_of(id), part, "{lang}/{file}: {id}");
                    }
                }
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let (zh, en) = (catalog_keys("zh"), catalog_keys("en"));
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
        assert!(only_en.is_empty(), "missing in zh: {only_en:?}");
    }

    #[test]
    fn every_key_the_code_asks_for_is_in_the_catalog() {
        let zh = catalog_keys("zh");
        let mut wanted = keys_in_code(&sources());
        wanted.extend(L::ALL.iter().map(|l| l.key().to_string()));
        wanted.extend(cli_keys().0);
        let missing: Vec<_> = wanted.iter().filter(|k| !zh.contains(*k)).collect();
        assert!(missing.is_empty(), "not in the catalog: {missing:?}");
    }

    #[test]
    fn every_catalog_key_is_used() {
        let src = sources();
        let (_, cli_used) = cli_keys();
        let unused: Vec<String> = catalog_keys("zh")
            .into_iter()
            .filter(|k| {
                if k.starts_with("l-") {
                    !L::ALL.iter().any(|l| l.key() == k)
                } else if k.starts_with("cli-") && (k.contains("--") || k.starts_with("cli-value-"))
                {
                    !cli_used.contains(k) && !src.contains(&format!("\"{k}\""))
                } else if k == "cli" || cli_used.contains(k) {
                    false
                } else {
                    !src.contains(&format!("\"{k}\""))
                }
            })
            .collect();
        assert!(unused.is_empty(), "unused keys: {unused:?}");
    }

    #[test]
    fn every_label_has_text_in_both_languages() {
        for l in L::ALL {
            assert_ne!(l.text(Lang::Zh), l.key(), "{l:?}");
            assert_ne!(l.text(Lang::En), l.key(), "{l:?}");
        }
        assert_eq!(L::PeopleUnit.text(Lang::Zh), " 人");
        assert_eq!(L::ListSep.text(Lang::En), ", ");
    }

    #[test]
    fn arguments_reach_the_message() {
        let text = tr_args(
            Lang::Zh,
            "cli-err-unknown-argument",
            &[("arg", "--tmp".into())],
        );
        assert_eq!(text, "无法识别的参数“--tmp”");
    }

    #[test]
    fn header_lookup_in_either_language() {
        assert_eq!(key_of("姓名", &[L::Id, L::Name]), Some(L::Name));
        assert_eq!(key_of("name", &[L::Id, L::Name]), Some(L::Name));
        assert_eq!(key_of("nom", &[L::Id, L::Name]), None);
    }
}
