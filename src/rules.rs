//! The bureau's rules (SPEC §0, §2, §4): what a record means and which
//! records need the head of the unit's attention.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::cli::Lang;
use crate::episode::Episode;
use crate::i18n::{self, L, tr_args};
use crate::record::{Record, Work};
use crate::render::long_date;
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
    // 武漢 = 武汉, Ｗｕｈａｎ = wuhan (see `fold`).
    let flags = c.place(location);
    let (local, high_risk_area) = (flags.local, flags.high_risk);
    Derived {
        local,
        away: !location.is_empty() && !local,
        high_risk_area,
        fever: is_fever(r, c),
        isolation_ends: isolation_ends(r, c),
    }
}

/// Either reading at or over the threshold (SPEC §2 v2).
pub fn is_fever(r: &Record, c: &Config) -> bool {
    is_fever_reading(r.temperature, r.temperature_pm, c)
}

/// `is_fever` of a day's readings.
pub fn is_fever_reading(temperature: f64, temperature_pm: Option<f64>, c: &Config) -> bool {
    std::iter::once(temperature)
        .chain(temperature_pm)
        .any(|t| t >= c.fever_threshold - 1e-9)
}

/// The higher reading of the day.
pub fn highest(r: &Record) -> f64 {
    r.temperature_pm
        .map_or(r.temperature, |pm| pm.max(r.temperature))
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
    ObservationComplete,
}

impl AlertKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AlertKind::Fever => L::AlertFever.text(lang),
            AlertKind::ContactNotIsolated => L::AlertContact.text(lang),
            AlertKind::IsolatedWorking => L::AlertIsolatedWorking.text(lang),
            AlertKind::IsolationComplete => L::AlertIsolationComplete.text(lang),
            AlertKind::ObservationComplete => L::AlertObservationComplete.text(lang),
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
    /// For an open observation: its day number and end day.
    pub observation: Option<(i64, NaiveDate)>,
}

impl Alert {
    pub fn detail(&self, lang: Lang) -> String {
        match self.kind {
            AlertKind::Fever => format!("{} {:.1}℃", L::FeverDetail.text(lang), self.temperature),
            AlertKind::ContactNotIsolated => {
                let place = self.location.as_deref().unwrap_or("");
                match (self.contact, self.observation) {
                    (true, Some((day, ends))) => format!(
                        "{}{}",
                        L::ContactDetail.text(lang),
                        i18n::observation_day(day, ends, lang)
                    ),
                    (true, None) => L::ContactDetail.text(lang).to_string(),
                    (false, Some((day, ends))) => tr_args(
                        lang,
                        "alert-high-risk-observing",
                        &[
                            ("place", place.into()),
                            ("day", day.into()),
                            ("ends", long_date(ends, lang).into()),
                        ],
                    ),
                    (false, None) => tr_args(lang, "alert-high-risk", &[("place", place.into())]),
                }
            }
            AlertKind::ObservationComplete => tr_args(
                lang,
                "alert-observation-complete",
                &[(
                    "ends",
                    self.observation
                        .map(|(_, ends)| long_date(ends, lang))
                        .unwrap_or_default()
                        .into(),
                )],
            ),
            AlertKind::IsolatedWorking => tr_args(
                lang,
                "alert-isolated-working",
                &[(
                    "work",
                    self.work.map(|w| i18n::work(w, lang)).unwrap_or("").into(),
                )],
            ),
            AlertKind::IsolationComplete => tr_args(
                lang,
                "alert-isolation-complete",
                &[(
                    "ends",
                    self.isolation_ends
                        .map(|d| long_date(d, lang))
                        .unwrap_or_default()
                        .into(),
                )],
            ),
        }
    }
}

/// Every alert a person raises on `day` (SPEC §4 `alerts`): fever from
/// the day's own record; the rest from the episode as of the day, from
/// `latest`, their latest record on or before it.
pub fn alerts(
    day_record: Option<&Record>,
    latest: Option<&Record>,
    episode: &Episode,
    day: NaiveDate,
    c: &Config,
) -> Vec<Alert> {
    let Some(latest) = latest else {
        return Vec::new();
    };
    let alert = |kind| Alert {
        person: latest.person.clone(),
        kind,
        temperature: day_record.map(highest).unwrap_or(latest.temperature),
        contact: latest.contact,
        location: latest.location.clone(),
        work: latest.work,
        isolation_ends: episode.isolated.map(|i| i.ends),
        observation: episode.observation.map(|o| (o.day, o.ends)),
    };
    let mut out = Vec::new();
    if day_record.is_some_and(|r| is_fever(r, c)) {
        out.push(alert(AlertKind::Fever));
    }
    if episode.observing(day) && !episode.is_isolated() {
        out.push(alert(AlertKind::ContactNotIsolated));
    }
    if episode.is_isolated() && matches!(latest.work, Some(Work::OnSite | Work::Frontline)) {
        out.push(alert(AlertKind::IsolatedWorking));
    }
    if episode.isolated.is_some_and(|i| i.complete(day)) {
        out.push(alert(AlertKind::IsolationComplete));
    }
    if episode.observation.is_some_and(|o| !o.open(day)) {
        out.push(alert(AlertKind::ObservationComplete));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Isolation;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    fn rec(temp: f64, location: &str) -> Record {
        Record {
            temperature: temp,
            location: Some(location.into()),
            ..crate::record::sample_record(d(2, 18))
        }
    }

    fn config() -> Config {
        Config {
            home_city: "北京".into(),
            ..Config::default()
        }
    }

    fn kinds(r: &Record, day: NaiveDate) -> Vec<AlertKind> {
        let c = config();
        let mut r = r.clone();
        // What `build` sets: contact or a high-risk area opens an observation.
        if !r.isolation.is_isolated() && (r.contact || derive(&r, &c).high_risk_area) {
            r.observation_since = Some(r.date);
        }
        let e = crate::episode::as_of(Some(&r), day, &c, true);
        alerts(Some(&r), Some(&r), &e, day, &c)
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
