//! The language catalog (SPEC §8): every word the tool says, one Fluent
//! catalog per language under `locales/` (kept by `fluent-templates`,
//! compiled into the binary). Messages are looked up by key with `t!`;
//! report labels keep the `L` enum, whose variant `Foo` is the catalog key
//! `l-Foo`. JSON keys never come from here; they stay English.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_templates::{LanguageIdentifier, StaticLoader, langid};

pub use fluent_templates::fluent_bundle::FluentValue;

use crate::cli::Lang;
use crate::person::{Kind, Relation};
use crate::record::{Isolation, Work};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "zh",
        // Unicode isolation marks around arguments would end up in CSV
        // cells and terminals that show them as boxes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn loader() -> &'static StaticLoader {
    &LOCALES
}

fn id(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Zh => langid!("zh"),
        Lang::En => langid!("en"),
    }
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
/// catalog (the catalog test forbids it) shows as the key, never a panic.
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let map: Option<HashMap<&str, FluentValue<'_>>> = if args.is_empty() {
        None
    } else {
        Some(args.iter().map(|(k, v)| (*k, v.clone())).collect())
    };
    loader()
        .lookup_single_language(&id(lang), key, map.as_ref())
        .unwrap_or_else(|_| key.to_string())
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
        static CACHE: [OnceLock<Vec<String>>; 2] = [OnceLock::new(), OnceLock::new()];
        let table = CACHE[lang as usize].get_or_init(|| {
            L::ALL.iter().map(|l| tr(lang, l.key())).collect()
        });
        &table[self as usize]
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
    Op;
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
    HighRiskAreaDetail;
    IsolatedWorkingDetail;
    IsolationCompleteDetail;
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
    GroupSep;
    Colon;
    FullStop;
    NoEarlierRecord;
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
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        for l in L::ALL {
            assert!(!l.text(Lang::Zh).is_empty(), "{l:?}");
            // English counts need no unit word.
            if *l != L::PeopleUnit {
                assert!(!l.text(Lang::En).is_empty(), "{l:?}");
            }
        }
    }

    #[test]
    fn header_lookup_in_either_language() {
        assert_eq!(key_of("姓名", &[L::Id, L::Name]), Some(L::Name));
        assert_eq!(key_of("name", &[L::Id, L::Name]), Some(L::Name));
        assert_eq!(key_of("nom", &[L::Id, L::Name]), None);
    }
}
