//! The bureau's rules (SPEC §0, §2, §4): what a record means and which
//! records need the head of the unit's attention.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::cli::Lang;
use crate::i18n::{self, L};
use crate::record::{Record, Work};
use crate::store::Config;

/// Values derived from a record and the settings, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derived {
    /// The location contains the home city.
    pub local: bool,
    /// A location is known and it is not the home city.
    pub away: bool,
    /// The location contains a high-risk area.
    pub high_risk_area: bool,
    pub fever: bool,
    pub isolation_ends: Option<NaiveDate>,
}

pub fn derive(r: &Record, c: &Config) -> Derived {
    let location = r.location.as_deref().unwrap_or("");
    let local = !location.is_empty() && !c.home_city.is_empty() && contains(location, &c.home_city);
    Derived {
        local,
        away: !location.is_empty() && !local,
        high_risk_area: !location.is_empty()
            && c.high_risk
                .iter()
                .any(|area| !area.is_empty() && contains(location, area)),
        fever: r.temperature >= c.fever_threshold - 1e-9,
        isolation_ends: isolation_ends(r, c),
    }
}

/// `haystack.contains(needle)` for the short texts of a record, where
/// checking each place the first byte matches beats setting up `str`'s
/// general search (four searches per record, a good part of a report).
fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    h.len() >= n.len()
        && (0..=h.len() - n.len())
            .any(|i| h[i] == first && h[i + 1..i + n.len()].iter().zip(rest).all(|(a, b)| a == b))
}

pub fn isolation_ends(r: &Record, c: &Config) -> Option<NaiveDate> {
    if !r.isolation.is_isolated() {
        return None;
    }
    r.isolation_since
        .map(|since| since + Duration::days(i64::from(c.isolation_days)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    Fever,
    ContactNotIsolated,
    IsolatedWorking,
    IsolationComplete,
}

impl AlertKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AlertKind::Fever => L::AlertFever.text(lang),
            AlertKind::ContactNotIsolated => L::AlertContact.text(lang),
            AlertKind::IsolatedWorking => L::AlertIsolatedWorking.text(lang),
            AlertKind::IsolationComplete => L::AlertIsolationComplete.text(lang),
        }
    }
}

/// Why a record needs attention, with the facts to say so in any language.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub person: String,
    pub kind: AlertKind,
    pub temperature: f64,
    pub contact: bool,
    pub location: Option<String>,
    pub work: Option<Work>,
    pub isolation_ends: Option<NaiveDate>,
}

impl Alert {
    pub fn detail(&self, lang: Lang) -> String {
        match self.kind {
            AlertKind::Fever => format!("{} {:.1}℃", L::FeverDetail.text(lang), self.temperature),
            AlertKind::ContactNotIsolated => {
                let mut parts = Vec::new();
                if self.contact {
                    parts.push(L::ContactDetail.text(lang).to_string());
                }
                if !self.contact {
                    parts.push(format!(
                        "{} ({})",
                        L::HighRiskAreaDetail.text(lang),
                        self.location.as_deref().unwrap_or("")
                    ));
                }
                parts.join("; ")
            }
            AlertKind::IsolatedWorking => format!(
                "{} ({})",
                L::IsolatedWorkingDetail.text(lang),
                self.work.map(|w| i18n::work(w, lang)).unwrap_or("")
            ),
            AlertKind::IsolationComplete => format!(
                "{} ({})",
                L::IsolationCompleteDetail.text(lang),
                self.isolation_ends
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
        }
    }
}

/// Every alert a record of day `day` raises (SPEC §4 `alerts`).
pub fn alerts(r: &Record, day: NaiveDate, c: &Config) -> Vec<Alert> {
    let d = derive(r, c);
    let alert = |kind| Alert {
        person: r.person.clone(),
        kind,
        temperature: r.temperature,
        contact: r.contact,
        location: r.location.clone(),
        work: r.work,
        isolation_ends: d.isolation_ends,
    };
    let mut out = Vec::new();
    if d.fever {
        out.push(alert(AlertKind::Fever));
    }
    if (r.contact || d.high_risk_area) && !r.isolation.is_isolated() {
        out.push(alert(AlertKind::ContactNotIsolated));
    }
    if r.isolation.is_isolated() && matches!(r.work, Some(Work::OnSite | Work::Frontline)) {
        out.push(alert(AlertKind::IsolatedWorking));
    }
    if d.isolation_ends.is_some_and(|ends| ends <= day) {
        out.push(alert(AlertKind::IsolationComplete));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Isolation;
    use chrono::DateTime;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn contains_is_str_contains(h in "[北京武汉a-c]{0,8}", n in "[北京武汉a-c]{0,3}") {
            proptest::prop_assert_eq!(contains(&h, &n), h.contains(n.as_str()));
        }
    }

    fn rec(temp: f64, location: &str) -> Record {
        Record {
            date: d(2, 18),
            person: "S001".into(),
            temperature: temp,
            symptoms: vec![],
            location: Some(location.into()),
            contact: false,
            isolation: Isolation::None,
            isolation_since: None,
            work: Some(Work::OnSite),
            post: None,
            note: None,
            recorded_at: DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap(),
            recorded_by: "clerk".into(),
        }
    }

    fn config() -> Config {
        Config {
            home_city: "北京".into(),
            ..Config::default()
        }
    }

    fn kinds(r: &Record, day: NaiveDate) -> Vec<AlertKind> {
        alerts(r, day, &config())
            .into_iter()
            .map(|a| a.kind)
            .collect()
    }

    #[test]
    fn derived_values() {
        let c = config();
        let home = derive(&rec(36.5, "北京市朝阳区"), &c);
        assert!(home.local && !home.away && !home.high_risk_area && !home.fever);
        let wuhan = derive(&rec(37.3, "湖北省武汉市"), &c);
        assert!(!wuhan.local && wuhan.away && wuhan.high_risk_area && wuhan.fever);
        let mut unknown = rec(37.2, "");
        unknown.location = None;
        let u = derive(&unknown, &c);
        assert!(!u.local && !u.away && !u.fever);
    }

    #[test]
    fn fever_at_the_threshold() {
        assert_eq!(kinds(&rec(37.3, "北京"), d(2, 18)), [AlertKind::Fever]);
        assert!(kinds(&rec(37.2, "北京"), d(2, 18)).is_empty());
    }

    #[test]
    fn contact_or_high_risk_area_must_be_isolated() {
        let mut r = rec(36.5, "北京");
        r.contact = true;
        assert_eq!(kinds(&r, d(2, 18)), [AlertKind::ContactNotIsolated]);
        r.isolation = Isolation::Home;
        r.isolation_since = Some(d(2, 18));
        r.work = Some(Work::Remote);
        assert!(kinds(&r, d(2, 18)).is_empty());
        assert_eq!(
            kinds(&rec(36.5, "温州"), d(2, 18)),
            [AlertKind::ContactNotIsolated]
        );
    }

    #[test]
    fn isolated_may_not_work_and_may_be_released_after_the_period() {
        let mut r = rec(36.5, "北京");
        r.isolation = Isolation::Central;
        r.isolation_since = Some(d(2, 4));
        r.work = Some(Work::Frontline);
        assert_eq!(kinds(&r, d(2, 17)), [AlertKind::IsolatedWorking]);
        assert_eq!(
            kinds(&r, d(2, 18)),
            [AlertKind::IsolatedWorking, AlertKind::IsolationComplete]
        );
        r.work = Some(Work::Leave);
        assert_eq!(kinds(&r, d(2, 18)), [AlertKind::IsolationComplete]);
    }
}
