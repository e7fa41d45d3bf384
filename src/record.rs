//! A person's status on one day (SPEC §2), the values it takes in English
//! and Chinese, and how a new record is built on the person's previous one.

use crate::t;
use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::person::{Person, normalize};
use crate::store::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Isolation {
    #[default]
    None,
    Home,
    Central,
}

impl Isolation {
    pub fn as_str(self) -> &'static str {
        match self {
            Isolation::None => "none",
            Isolation::Home => "home",
            Isolation::Central => "central",
        }
    }

    pub fn is_isolated(self) -> bool {
        self != Isolation::None
    }

    pub fn parse(text: &str) -> Result<Isolation> {
        Ok(match normalize(text).as_str() {
            "none" | "no" | "无" | "否" | "未隔离" | "不隔离" => Isolation::None,
            "home" | "居家隔离" | "居家" | "居家观察" | "居家医学观察" => {
                Isolation::Home
            }
            "central" | "centralized" | "centralised" | "集中隔离" | "集中" | "集中观察"
            | "集中医学观察" => Isolation::Central,
            _ => bail!(t!("record-bad-isolation-use-none", text = text.to_string())),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    OnSite,
    Remote,
    Frontline,
    Leave,
}

impl Work {
    pub const ALL: [Work; 4] = [Work::OnSite, Work::Remote, Work::Frontline, Work::Leave];

    pub fn as_str(self) -> &'static str {
        match self {
            Work::OnSite => "on_site",
            Work::Remote => "remote",
            Work::Frontline => "frontline",
            Work::Leave => "leave",
        }
    }

    pub fn parse(text: &str) -> Result<Work> {
        Ok(match normalize(text).as_str() {
            "on_site" | "onsite" | "office" | "在岗" | "上班" | "到岗" | "单位" => {
                Work::OnSite
            }
            "remote" | "flexible" | "home" | "居家" | "弹性" | "居家/弹性" | "居家办公"
            | "弹性办公" | "弹性工作" => Work::Remote,
            "frontline" | "front_line" | "一线" | "社区一线" | "下沉" | "下沉社区" => {
                Work::Frontline
            }
            "leave" | "休假" | "请假" | "假" => Work::Leave,
            _ => bail!(t!("record-bad-work-use-on", text = text.to_string())),
        })
    }
}

/// Yes/no as people type it in a spreadsheet.
pub fn parse_bool(text: &str) -> Result<bool> {
    Ok(match normalize(text).as_str() {
        "yes" | "y" | "true" | "1" | "是" | "有" | "√" | "✓" => true,
        "no" | "n" | "false" | "0" | "否" | "无" | "没有" | "×" | "" => false,
        _ => bail!(t!("record-bad-yes-no-use", text = text.to_string())),
    })
}

pub const MIN_TEMP: f64 = 34.0;
pub const MAX_TEMP: f64 = 43.0;

/// A body temperature in °C, rounded to one decimal, 34.0 to 43.0. Typing
/// slips get a hint: `365` (did you mean 36.5?) and Fahrenheit.
pub fn parse_temperature(text: &str) -> Result<f64> {
    let t = text
        .trim()
        .trim_end_matches(['℃', 'C', 'c'])
        .trim_end_matches('°')
        .trim()
        .replace(['，', ','], ".");
    let value: f64 = match t.parse() {
        Ok(v) if f64::is_finite(v) => v,
        _ => bail!(t!("record-bad-temperature-give-c", text = text.to_string())),
    };
    let rounded = (value * 10.0).round() / 10.0;
    if (MIN_TEMP..=MAX_TEMP).contains(&rounded) {
        return Ok(rounded);
    }
    let (min, max) = (format!("{MIN_TEMP:.1}"), format!("{MAX_TEMP:.1}"));
    match temperature_hint(rounded) {
        Some(TempHint::Decimal(v)) => bail!(t!(
            "record-temp-outside-digits",
            text = text,
            min = min,
            max = max,
            meant = format!("{v:.1}")
        )),
        Some(TempHint::Fahrenheit(c)) => bail!(t!(
            "record-temp-outside-fahrenheit",
            text = text,
            min = min,
            max = max,
            celsius = format!("{c:.1}")
        )),
        None => bail!(t!("record-temp-outside", text = text, min = min, max = max)),
    }
}

/// What a temperature out of range probably meant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TempHint {
    /// `365`: the decimal point was left out.
    Decimal(f64),
    /// `98.6`: Fahrenheit, given here in °C.
    Fahrenheit(f64),
}

/// The hint for a temperature outside 34.0 to 43.0 °C, if one fits.
pub fn temperature_hint(value: f64) -> Option<TempHint> {
    if (MIN_TEMP..=MAX_TEMP).contains(&(value / 10.0)) {
        Some(TempHint::Decimal(value / 10.0))
    } else if (93.0..=109.0).contains(&value) {
        Some(TempHint::Fahrenheit(
            ((value - 32.0) * 5.0 / 9.0 * 10.0).round() / 10.0,
        ))
    } else {
        None
    }
}

/// Symptoms from one cell or flag: split on `;`, `；`, `、`, `，`, `,`;
/// "无"/"none" means no symptoms.
pub fn parse_symptoms<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    items
        .into_iter()
        .flat_map(|item| item.split([';', '；', '、', '，', ',']))
        .map(str::trim)
        .filter(|s| !s.is_empty() && !matches!(normalize(s).as_str(), "无" | "none" | "no"))
        .map(str::to_string)
        .collect()
}

/// The stored record of one person's day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub date: NaiveDate,
    pub person: String,
    pub temperature: f64,
    /// The afternoon reading, for people taken twice a day (SPEC §2 v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_pm: Option<f64>,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub contact: bool,
    /// The day the open contact observation began (see `episode`); set on
    /// every record of the observation, its end day included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation_since: Option<NaiveDate>,
    #[serde(default)]
    pub isolation: Isolation,
    #[serde(default)]
    pub isolation_since: Option<NaiveDate>,
    #[serde(default)]
    pub work: Option<Work>,
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub recorded_at: DateTime<FixedOffset>,
    pub recorded_by: String,
}

/// What the clerk gave for a day; `None` means "as last recorded" for the
/// carried fields (location, isolation and its start, work, post, contact
/// within an open observation). `temperature: None` is a correction that
/// keeps the replaced version's readings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordInput {
    pub temperature: Option<f64>,
    pub temperature_pm: Option<f64>,
    pub symptoms: Vec<String>,
    pub location: Option<String>,
    /// `Some(true)`: contact said; `Some(false)`: no contact said; `None`: as carried.
    pub contact: Option<bool>,
    /// A contact given on the command line is a new contact: it restarts
    /// an open observation. A batch or interactive "yes" only keeps it.
    pub new_contact: bool,
    /// An observation start given outright (a batch column), as exported.
    pub observation_since: Option<NaiveDate>,
    /// The batch file has the observation column, so an empty cell says no
    /// observation stood: `export` writes one on every record that carried
    /// it, and a record made before an earlier day's contact was entered
    /// carries none (export → batch must give the same records back).
    pub observation_given: bool,
    pub isolation: Option<Isolation>,
    pub isolation_since: Option<NaiveDate>,
    pub work: Option<Work>,
    pub post: Option<String>,
    pub note: Option<String>,
}

/// The values a new record of this person takes when nothing is given:
/// those of their latest earlier record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Carried {
    pub location: Option<String>,
    pub isolation: Isolation,
    pub isolation_since: Option<NaiveDate>,
    pub work: Option<Work>,
    pub post: Option<String>,
    /// The previous record's contact flag and its observation, when that
    /// observation still stands (its opener not corrected away).
    pub contact: bool,
    pub observation_since: Option<NaiveDate>,
    /// For a correction: the replaced version's readings, kept when no
    /// temperature is given.
    pub temperature: Option<f64>,
    pub temperature_pm: Option<f64>,
}

impl Carried {
    /// What carries from `previous`; `observation` is the start of its
    /// observation if its opening record still stands (see
    /// `episode::Openers::observation_start`).
    pub fn from_previous(previous: Option<&Record>, observation: Option<NaiveDate>) -> Carried {
        previous
            .map(|r| Carried {
                location: r.location.clone(),
                isolation: r.isolation,
                isolation_since: r.isolation_since,
                work: r.work,
                post: r.post.clone(),
                contact: r.contact && observation.is_some(),
                observation_since: observation,
                temperature: None,
                temperature_pm: None,
            })
            .unwrap_or_default()
    }

    /// What a correction of `replaced` keeps: the carried fields and, when
    /// no temperature is given, both readings.
    pub fn from_replaced(replaced: &Record, observation: Option<NaiveDate>) -> Carried {
        Carried {
            temperature: Some(replaced.temperature),
            temperature_pm: replaced.temperature_pm,
            ..Carried::from_previous(Some(replaced), observation)
        }
    }
}

/// Trimmed text, `None` when empty.
pub fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The free text of a record is clean text; a tab may stay, as a CSV cell
/// may hold one (typed values are checked strictly before they get here).
pub fn check_input_text(input: &RecordInput, recorded_by: &str) -> Result<()> {
    use crate::text::check_cell;
    for s in &input.symptoms {
        check_cell("symptoms", s)?;
    }
    for (field, value) in [
        ("location", &input.location),
        ("post", &input.post),
        ("note", &input.note),
    ] {
        if let Some(v) = value {
            check_cell(field, v)?;
        }
    }
    check_cell("recorded_by", recorded_by)
}

/// Builds the record of `person` on `date` from what was given and what
/// carries forward. Rules beyond SPEC §3:
/// - a new isolation starts on `date` unless `isolation_since` is given; a
///   change of kind (home to central) keeps the start of the episode;
/// - `post` belongs to frontline work: it carries only while the work stays
///   frontline, and giving one for other work is an error;
/// - work is for staff; a family member's record never has one;
/// - dropping frontline work drops the post, however the work was given;
/// - a record with contact or a high-risk-area location opens an
///   observation unless one is open; a contact given on the command line
///   restarts it; isolation closes it; on its end day the record still
///   names it (so the end shows all that day) with contact off.
pub fn build(
    person: &Person,
    date: NaiveDate,
    input: RecordInput,
    carried: &Carried,
    config: &Config,
    recorded_at: DateTime<FixedOffset>,
    recorded_by: String,
) -> Result<Record> {
    let who = format!("{} {}", person.id, person.name);
    check_input_text(&input, &recorded_by)?;
    // A second reading alone on a day already recorded adds to it.
    let (temperature, temperature_pm) = match input.temperature {
        Some(t) => (t, input.temperature_pm),
        None => match carried.temperature {
            Some(t) => (t, input.temperature_pm.or(carried.temperature_pm)),
            None => bail!(t!(
                "record-has-no-record-on-2",
                who = who.to_string(),
                date = date.to_string()
            )),
        },
    };
    for t in std::iter::once(temperature).chain(temperature_pm) {
        if !(MIN_TEMP..=MAX_TEMP).contains(&t) {
            bail!(t!(
                "record-temperature-is-outside-to",
                who = who.to_string(),
                t = t.to_string(),
                MIN_TEMP = format!("{:.1}", MIN_TEMP),
                MAX_TEMP = format!("{:.1}", MAX_TEMP)
            ));
        }
    }
    let (isolation, isolation_since) = match input.isolation {
        Some(Isolation::None) => {
            if input.isolation_since.is_some() {
                bail!(t!("record-an-isolation-start-was", who = who.to_string()));
            }
            (Isolation::None, None)
        }
        Some(kind) => {
            let since = input
                .isolation_since
                .or(if carried.isolation.is_isolated() {
                    carried.isolation_since
                } else {
                    None
                });
            (kind, Some(since.unwrap_or(date)))
        }
        None => {
            if input.isolation_since.is_some() && !carried.isolation.is_isolated() {
                bail!(t!("record-an-isolation-start-was-3", who = who.to_string()));
            }
            (
                carried.isolation,
                input.isolation_since.or(carried.isolation_since),
            )
        }
    };
    if let Some(since) = isolation_since
        && since > date
    {
        bail!(t!(
            "record-isolation-starts-after-the",
            who = who.to_string(),
            since = since.to_string(),
            date = date.to_string()
        ));
    }
    let given_post = non_empty(input.post.clone());
    let (work, post) = if person.is_staff() {
        let work = input.work.or(carried.work);
        let post = match (work, given_post) {
            (Some(Work::Frontline), Some(p)) => Some(p),
            (Some(Work::Frontline), None) if carried.work == Some(Work::Frontline) => {
                carried.post.clone()
            }
            (_, Some(p)) => bail!(t!(
                "record-post-is-for-frontline-2",
                who = who.to_string(),
                p = p.to_string(),
                recorded = work
                    .map(|w| crate::i18n::work(w, crate::i18n::lang()).to_string())
                    .unwrap_or_else(|| t!("record-work-not-recorded"))
            )),
            (_, None) => None,
        };
        (work, post)
    } else {
        if input.work.is_some() || given_post.is_some() {
            bail!(t!("record-is-family-work-and", who = who.to_string()));
        }
        (None, None)
    };
    let location = non_empty(input.location.clone()).or_else(|| carried.location.clone());
    let (contact, observation_since) = observation(
        date,
        &input,
        carried,
        isolation.is_isolated(),
        location.as_deref(),
        config,
    );
    if let Some(since) = observation_since
        && since > date
    {
        bail!(t!(
            "record-observation-starts-after-the",
            who = who.to_string(),
            since = since.to_string(),
            date = date.to_string()
        ));
    }
    Ok(Record {
        date,
        person: person.id.clone(),
        temperature,
        temperature_pm,
        symptoms: input.symptoms,
        location,
        contact,
        observation_since,
        isolation,
        isolation_since,
        work,
        post,
        note: non_empty(input.note),
        recorded_at,
        recorded_by,
    })
}

/// The contact flag and observation start of a new record (see `build`).
fn observation(
    date: NaiveDate,
    input: &RecordInput,
    carried: &Carried,
    isolated: bool,
    location: Option<&str>,
    config: &Config,
) -> (bool, Option<NaiveDate>) {
    let said = input.contact;
    if isolated {
        // Isolation closes the observation; the day's own word on contact stays.
        return (said.unwrap_or(false), None);
    }
    if let Some(since) = input.observation_since {
        let open = date < crate::episode::observation_end(since, config.isolation_days);
        return (said.unwrap_or(open), Some(since));
    }
    let in_area = location.is_some_and(|l| config.place(l).high_risk);
    let exposed = said == Some(true) || in_area;
    if input.observation_given {
        // Nothing carries: only the day's own exposure opens one.
        return (said.unwrap_or(false), exposed.then_some(date));
    }
    let restart = input.new_contact && said == Some(true);
    match carried.observation_since {
        // A correction of the record that opened the observation: it
        // stands only if the corrected record still has contact or a
        // high-risk area.
        Some(since) if since == date => {
            let contact = said.unwrap_or(carried.contact);
            if contact || in_area {
                (contact, Some(date))
            } else {
                (false, None)
            }
        }
        Some(since) if !restart => {
            let end = crate::episode::observation_end(since, config.isolation_days);
            if date < end {
                (said.unwrap_or(carried.contact), Some(since))
            } else if date == end && !exposed {
                (false, Some(since))
            } else if exposed {
                (said.unwrap_or(false), Some(date))
            } else {
                (false, None)
            }
        }
        _ if exposed => (said.unwrap_or(false), Some(date)),
        _ => (said.unwrap_or(false), None),
    }
}

/// A plain record of S001 on `date` for unit tests: 36.5℃ in 北京, no
/// contact, no isolation, on site.
#[cfg(test)]
pub fn sample_record(date: NaiveDate) -> Record {
    Record {
        date,
        person: "S001".into(),
        temperature: 36.5,
        temperature_pm: None,
        symptoms: vec![],
        location: Some("北京".into()),
        contact: false,
        observation_since: None,
        isolation: Isolation::None,
        isolation_since: None,
        work: Some(Work::OnSite),
        post: None,
        note: None,
        recorded_at: DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00")
            .expect("a fixed time"),
        recorded_by: "clerk".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Kind;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2020-02-18T08:00:00+08:00").unwrap()
    }

    fn staff() -> Person {
        Person::new("S001", "张三", Kind::Staff, None)
    }

    fn family() -> Person {
        Person {
            id: "S001-1".into(),
            kind: Kind::Family,
            of: Some("S001".into()),
            ..staff()
        }
    }

    fn input(temp: f64) -> RecordInput {
        RecordInput {
            temperature: Some(temp),
            ..Default::default()
        }
    }

    fn build_on(
        p: &Person,
        date: NaiveDate,
        i: RecordInput,
        prev: Option<&Record>,
    ) -> Result<Record> {
        build(
            p,
            date,
            i,
            &Carried::from_previous(prev, prev.and_then(|r| r.observation_since)),
            &Config::default(),
            at(),
            "clerk".into(),
        )
    }

    #[test]
    fn temperatures() {
        assert_eq!(parse_temperature("36.5").unwrap(), 36.5);
        assert_eq!(parse_temperature("36.54").unwrap(), 36.5);
        assert_eq!(parse_temperature("37.3℃").unwrap(), 37.3);
        assert_eq!(parse_temperature("36,8").unwrap(), 36.8);
        assert_eq!(parse_temperature("34").unwrap(), 34.0);
        assert_eq!(parse_temperature("43.0").unwrap(), 43.0);
        let e = parse_temperature("365").unwrap_err().to_string();
        assert!(e.contains("是不是 36.5？"), "{e}");
        let e = parse_temperature("98.6").unwrap_err().to_string();
        assert!(e.contains("华氏度") && e.contains("37.0"), "{e}");
        for bad in ["", "abc", "NaN", "inf", "33.9", "43.1", "-36.5"] {
            assert!(parse_temperature(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn aliases() {
        assert_eq!(Work::parse("在岗").unwrap(), Work::OnSite);
        assert_eq!(Work::parse("on-site").unwrap(), Work::OnSite);
        assert_eq!(Work::parse("居家/弹性").unwrap(), Work::Remote);
        assert_eq!(Work::parse("一线").unwrap(), Work::Frontline);
        assert_eq!(Work::parse("休假").unwrap(), Work::Leave);
        assert!(Work::parse("sleeping").is_err());
        assert_eq!(Isolation::parse("居家隔离").unwrap(), Isolation::Home);
        assert_eq!(Isolation::parse("集中隔离").unwrap(), Isolation::Central);
        assert_eq!(Isolation::parse("无").unwrap(), Isolation::None);
        assert_eq!(Isolation::parse("NONE").unwrap(), Isolation::None);
        assert!(Isolation::parse("maybe").is_err());
        assert!(parse_bool("是").unwrap());
        assert!(!parse_bool("否").unwrap());
        assert!(parse_bool("perhaps").is_err());
        assert_eq!(parse_symptoms(["咳嗽、乏力", " ", "无"]), ["咳嗽", "乏力"]);
    }

    #[test]
    fn carried_fields_come_forward_and_daily_ones_do_not() {
        let first = build_on(
            &staff(),
            d(2, 17),
            RecordInput {
                temperature: Some(37.5),
                symptoms: vec!["咳嗽".into()],
                location: Some("武汉".into()),
                contact: Some(true),
                isolation: Some(Isolation::Home),
                work: Some(Work::Frontline),
                post: Some("东城社区".into()),
                note: Some("note".into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        assert_eq!(first.isolation_since, Some(d(2, 17)));
        let next = build_on(&staff(), d(2, 18), input(36.5), Some(&first)).unwrap();
        assert_eq!(next.location.as_deref(), Some("武汉"));
        assert_eq!(next.isolation, Isolation::Home);
        assert_eq!(next.isolation_since, Some(d(2, 17)));
        assert_eq!(next.work, Some(Work::Frontline));
        assert_eq!(next.post.as_deref(), Some("东城社区"));
        assert!(next.symptoms.is_empty());
        assert!(!next.contact);
        assert_eq!(next.note, None);
        assert_eq!(next.temperature, 36.5);
    }

    /// (day, what was given, contact and observation start of the record)
    /// for a person who reports every day, in order.
    #[test]
    fn an_observation_opens_carries_restarts_and_ends() {
        let contact = |said: Option<bool>, new: bool| RecordInput {
            contact: said,
            new_contact: new,
            ..input(36.5)
        };
        let isolate = RecordInput {
            isolation: Some(Isolation::Home),
            ..input(36.5)
        };
        let table: Vec<(NaiveDate, RecordInput, bool, Option<NaiveDate>)> = vec![
            (d(2, 1), input(36.5), false, None),
            (d(2, 2), contact(Some(true), true), true, Some(d(2, 2))),
            (d(2, 3), input(36.5), true, Some(d(2, 2))),
            // A "yes" from the batch or the interactive entry keeps it.
            (d(2, 4), contact(Some(true), false), true, Some(d(2, 2))),
            // A later "no" does not end it: only its days, an isolation or
            // a correction of its first record do.
            (d(2, 5), contact(Some(false), false), false, Some(d(2, 2))),
            (d(2, 6), input(36.5), false, Some(d(2, 2))),
            // A new contact given on the command line restarts it.
            (d(2, 7), contact(Some(true), true), true, Some(d(2, 7))),
            (d(2, 20), input(36.5), true, Some(d(2, 7))),
            // Its end day still names it (complete), with contact off.
            (d(2, 21), input(36.5), false, Some(d(2, 7))),
            (d(2, 22), input(36.5), false, None),
            (d(2, 23), contact(Some(true), true), true, Some(d(2, 23))),
            (d(2, 24), isolate, false, None),
        ];
        let mut prev: Option<Record> = None;
        for (day, given, want_contact, want_since) in table {
            let r = build_on(&staff(), day, given, prev.as_ref()).unwrap();
            assert_eq!(
                (r.contact, r.observation_since),
                (want_contact, want_since),
                "{day}"
            );
            prev = Some(r);
        }
    }

    #[test]
    fn an_empty_observation_cell_in_a_batch_carries_no_observation() {
        // The proptest regression: a record made before an earlier day's
        // contact was entered exports with no observation; importing it
        // after that day's row must not pick up the observation again.
        let opened = build_on(
            &staff(),
            d(2, 10),
            RecordInput {
                contact: Some(true),
                new_contact: true,
                ..input(36.5)
            },
            None,
        )
        .unwrap();
        assert_eq!(opened.observation_since, Some(d(2, 10)));
        let row = |contact| RecordInput {
            contact: Some(contact),
            observation_given: true,
            ..input(36.5)
        };
        let r = build_on(&staff(), d(2, 18), row(false), Some(&opened)).unwrap();
        assert_eq!((r.contact, r.observation_since), (false, None));
        let r = build_on(&staff(), d(2, 18), row(true), Some(&opened)).unwrap();
        assert_eq!((r.contact, r.observation_since), (true, Some(d(2, 18))));
        // Without the column the observation carries as before.
        let carried = RecordInput {
            contact: Some(false),
            ..input(36.5)
        };
        let r = build_on(&staff(), d(2, 18), carried, Some(&opened)).unwrap();
        assert_eq!(r.observation_since, Some(d(2, 10)));
    }

    #[test]
    fn a_high_risk_area_opens_an_observation_and_a_correction_can_close_it() {
        let wuhan = RecordInput {
            location: Some("湖北省武漢市".into()),
            ..input(36.5)
        };
        let first = build_on(&staff(), d(2, 10), wuhan, None).unwrap();
        assert_eq!(
            (first.contact, first.observation_since),
            (false, Some(d(2, 10)))
        );
        // The same day again, now in Beijing: the opening record is corrected.
        let corrected = build(
            &staff(),
            d(2, 10),
            RecordInput {
                location: Some("北京".into()),
                temperature: None,
                ..input(36.5)
            },
            &Carried::from_replaced(&first, first.observation_since),
            &Config::default(),
            at(),
            "clerk".into(),
        )
        .unwrap();
        assert_eq!(corrected.observation_since, None);
        assert_eq!(corrected.temperature, 36.5, "kept without a temperature");
    }

    #[test]
    fn isolation_episodes() {
        let home = build_on(
            &staff(),
            d(2, 10),
            RecordInput {
                isolation: Some(Isolation::Home),
                ..input(36.5)
            },
            None,
        )
        .unwrap();
        let central = build_on(
            &staff(),
            d(2, 12),
            RecordInput {
                isolation: Some(Isolation::Central),
                ..input(36.5)
            },
            Some(&home),
        )
        .unwrap();
        assert_eq!(central.isolation_since, Some(d(2, 10)));
        let released = build_on(
            &staff(),
            d(2, 24),
            RecordInput {
                isolation: Some(Isolation::None),
                ..input(36.5)
            },
            Some(&central),
        )
        .unwrap();
        assert_eq!(released.isolation_since, None);
        let again = build_on(
            &staff(),
            d(2, 26),
            RecordInput {
                isolation: Some(Isolation::Home),
                ..input(36.5)
            },
            Some(&released),
        )
        .unwrap();
        assert_eq!(again.isolation_since, Some(d(2, 26)));
        let err = build_on(
            &staff(),
            d(2, 26),
            RecordInput {
                isolation_since: Some(d(2, 20)),
                ..input(36.5)
            },
            Some(&released),
        )
        .unwrap_err();
        assert!(err.to_string().contains("没有隔离"), "{err}");
        let err = build_on(
            &staff(),
            d(2, 26),
            RecordInput {
                isolation: Some(Isolation::Home),
                isolation_since: Some(d(2, 27)),
                ..input(36.5)
            },
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("晚于记录日期"), "{err}");
    }

    #[test]
    fn post_follows_frontline_work() {
        let front = build_on(
            &staff(),
            d(2, 10),
            RecordInput {
                work: Some(Work::Frontline),
                post: Some("A社区".into()),
                ..input(36.5)
            },
            None,
        )
        .unwrap();
        let back = build_on(
            &staff(),
            d(2, 11),
            RecordInput {
                work: Some(Work::OnSite),
                ..input(36.5)
            },
            Some(&front),
        )
        .unwrap();
        assert_eq!(back.post, None);
        let err = build_on(
            &staff(),
            d(2, 12),
            RecordInput {
                post: Some("B社区".into()),
                ..input(36.5)
            },
            Some(&back),
        )
        .unwrap_err();
        assert!(err.to_string().contains("只用于一线"), "{err}");
    }

    #[test]
    fn family_have_no_work() {
        let err = build_on(
            &family(),
            d(2, 10),
            RecordInput {
                work: Some(Work::OnSite),
                ..input(36.5)
            },
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("只记录职工"), "{err}");
        assert_eq!(
            build_on(&family(), d(2, 10), input(36.6), None)
                .unwrap()
                .work,
            None
        );
    }
}
