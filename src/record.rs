//! A person's status on one day (SPEC §2), the values it takes in English
//! and Chinese, and how a new record is built on the person's previous one.

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::person::{Person, normalize};

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
            _ => bail!("bad isolation '{text}': use none/无, home/居家隔离 or central/集中隔离"),
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
            _ => bail!(
                "bad work '{text}': use on_site/在岗, remote/居家/弹性, frontline/一线 or leave/休假"
            ),
        })
    }
}

/// Yes/no as people type it in a spreadsheet.
pub fn parse_bool(text: &str) -> Result<bool> {
    Ok(match normalize(text).as_str() {
        "yes" | "y" | "true" | "1" | "是" | "有" | "√" | "✓" => true,
        "no" | "n" | "false" | "0" | "否" | "无" | "没有" | "×" | "" => false,
        _ => bail!("bad yes/no '{text}': use yes/是 or no/否"),
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
        _ => bail!("bad temperature '{text}': give °C with one decimal, e.g. 36.5"),
    };
    let rounded = (value * 10.0).round() / 10.0;
    if (MIN_TEMP..=MAX_TEMP).contains(&rounded) {
        return Ok(rounded);
    }
    let hint = match temperature_hint(rounded) {
        Some(TempHint::Decimal(v)) => format!("; did you mean {v:.1}?"),
        Some(TempHint::Fahrenheit(c)) => format!("; that looks like °F, which is {c:.1} °C"),
        None => String::new(),
    };
    bail!("temperature {text} is outside {MIN_TEMP:.1} to {MAX_TEMP:.1} °C{hint}")
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
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub contact: bool,
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
/// carried fields (location, isolation and its start, work, post).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordInput {
    pub temperature: f64,
    pub symptoms: Vec<String>,
    pub location: Option<String>,
    pub contact: bool,
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
}

impl Carried {
    pub fn from_previous(previous: Option<&Record>) -> Carried {
        previous
            .map(|r| Carried {
                location: r.location.clone(),
                isolation: r.isolation,
                isolation_since: r.isolation_since,
                work: r.work,
                post: r.post.clone(),
            })
            .unwrap_or_default()
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
/// - work is for staff; a family member's record never has one.
pub fn build(
    person: &Person,
    date: NaiveDate,
    input: RecordInput,
    carried: &Carried,
    recorded_at: DateTime<FixedOffset>,
    recorded_by: String,
) -> Result<Record> {
    let who = format!("{} {}", person.id, person.name);
    check_input_text(&input, &recorded_by)?;
    if !(MIN_TEMP..=MAX_TEMP).contains(&input.temperature) {
        bail!(
            "{who}: temperature {} is outside {MIN_TEMP:.1} to {MAX_TEMP:.1} °C",
            input.temperature
        );
    }
    let (isolation, isolation_since) = match input.isolation {
        Some(Isolation::None) => {
            if input.isolation_since.is_some() {
                bail!("{who}: an isolation start was given with isolation none");
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
                bail!(
                    "{who}: an isolation start was given but the person is not isolated; add --isolation home or central"
                );
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
        bail!("{who}: isolation starts {since}, after the day of the record {date}");
    }
    let given_post = non_empty(input.post);
    let (work, post) = if person.is_staff() {
        let work = input.work.or(carried.work);
        let post = match (work, given_post) {
            (Some(Work::Frontline), Some(p)) => Some(p),
            (Some(Work::Frontline), None) if carried.work == Some(Work::Frontline) => {
                carried.post.clone()
            }
            (_, Some(p)) => bail!(
                "{who}: post '{p}' is for frontline work, but work is {}; add --work frontline",
                work.map(Work::as_str).unwrap_or("not recorded")
            ),
            (_, None) => None,
        };
        (work, post)
    } else {
        if input.work.is_some() || given_post.is_some() {
            bail!("{who} is family: work and post are recorded for staff only");
        }
        (None, None)
    };
    Ok(Record {
        date,
        person: person.id.clone(),
        temperature: input.temperature,
        symptoms: input.symptoms,
        location: non_empty(input.location).or_else(|| carried.location.clone()),
        contact: input.contact,
        isolation,
        isolation_since,
        work,
        post,
        note: non_empty(input.note),
        recorded_at,
        recorded_by,
    })
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
            temperature: temp,
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
            &Carried::from_previous(prev),
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
        assert!(e.contains("did you mean 36.5?"), "{e}");
        let e = parse_temperature("98.6").unwrap_err().to_string();
        assert!(e.contains("°F") && e.contains("37.0"), "{e}");
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
                temperature: 37.5,
                symptoms: vec!["咳嗽".into()],
                location: Some("武汉".into()),
                contact: true,
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
        assert!(err.to_string().contains("not isolated"), "{err}");
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
        assert!(err.to_string().contains("after the day"), "{err}");
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
        assert!(err.to_string().contains("frontline"), "{err}");
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
        assert!(err.to_string().contains("staff only"), "{err}");
        assert_eq!(
            build_on(&family(), d(2, 10), input(36.6), None)
                .unwrap()
                .work,
            None
        );
    }
}
