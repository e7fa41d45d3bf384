//! Dates as users type them (SPEC §4) and "now" in the store's timezone.

use crate::t;
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate, Offset, Timelike, Utc};

/// The store's idea of time: `local` or a fixed UTC offset such as `+08:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    /// `local`, `+08:00`, `+0800`, `UTC+8`, `-05:30`, `UTC`.
    pub fn parse(text: &str) -> Result<Zone> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("local") {
            return Ok(Zone::Local);
        }
        if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") {
            return Ok(Zone::Fixed(Utc.fix()));
        }
        let t = t
            .strip_prefix("UTC")
            .or_else(|| t.strip_prefix("utc"))
            .or_else(|| t.strip_prefix("GMT"))
            .unwrap_or(t);
        let bad = || t!("dates-bad-timezone-use-local", text = text.to_string());
        let (sign, rest) = match t.chars().next() {
            Some('+') => (1, &t[1..]),
            Some('-') => (-1, &t[1..]),
            _ => bail!(bad()),
        };
        let (h, m) = match rest.split_once(':') {
            Some((h, m)) => (h, m),
            None if rest.len() == 4 => rest.split_at(2),
            None => (rest, "0"),
        };
        let h: i32 = h.parse().with_context(bad)?;
        let m: i32 = m.parse().with_context(bad)?;
        if !(0..=14).contains(&h) || !(0..60).contains(&m) {
            bail!(bad());
        }
        let offset = FixedOffset::east_opt(sign * (h * 3600 + m * 60)).with_context(bad)?;
        Ok(Zone::Fixed(offset))
    }

    /// The current time in this zone. `HEALTHREPORT_NOW` (RFC 3339) stands in
    /// for the clock, for back-filling and for tests of the timezone rules.
    pub fn now(self) -> Result<DateTime<FixedOffset>> {
        let utc = match std::env::var("HEALTHREPORT_NOW") {
            Ok(fake) if !fake.is_empty() => DateTime::parse_from_rfc3339(&fake)
                .with_context(|| t!("dates-bad-healthreport-now-use", fake = fake.to_string()))?
                .with_timezone(&Utc),
            // Whole seconds: enough for a record's time, and readable.
            _ => Utc::now().with_nanosecond(0).unwrap_or_else(Utc::now),
        };
        Ok(match self {
            Zone::Local => utc.with_timezone(&Local).fixed_offset(),
            Zone::Fixed(offset) => utc.with_timezone(&offset),
        })
    }

    pub fn today(self) -> Result<NaiveDate> {
        Ok(self.now()?.date_naive())
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Zone::Local => f.write_str("local"),
            Zone::Fixed(o) => write!(f, "{o}"),
        }
    }
}

/// Parses `2020-02-18`, `2020/2/18`, `2020.2.18`, `20200218`, `2020年2月18日`,
/// `today`/`今天`, `yesterday`/`昨天`.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let t = text.trim();
    match t.to_lowercase().as_str() {
        "today" | "今天" => return Ok(today),
        "yesterday" | "昨天" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    let bad = || t!("dates-bad-date-use-today", text = text.to_string());
    let parts: Vec<&str> = if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        vec![&t[0..4], &t[4..6], &t[6..8]]
    } else {
        t.trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .collect()
    };
    let [y, m, d] = parts.as_slice() else {
        bail!(bad());
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        bail!(bad());
    };
    if y < 1900 {
        bail!(bad());
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .with_context(|| t!("dates-no-such-day", text = text.to_string()))
}

/// A date for a record: parsed, and not after today.
pub fn parse_record_date(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    let date = match text {
        Some(t) => parse_date(t, today)?,
        None => today,
    };
    if date > today {
        bail!(t!(
            "dates-is-in-the-future",
            date = date.to_string(),
            today = today.to_string()
        ));
    }
    Ok(date)
}

/// Each day from `from` to `to`, both included.
pub fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn accepts_every_documented_form() {
        let today = d(2020, 2, 20);
        for text in [
            "2020-02-18",
            "2020/2/18",
            "20200218",
            "2020.2.18",
            "2020年2月18日",
            " 2020-2-18 ",
        ] {
            assert_eq!(parse_date(text, today).unwrap(), d(2020, 2, 18), "{text}");
        }
        assert_eq!(parse_date("today", today).unwrap(), today);
        assert_eq!(parse_date("Yesterday", today).unwrap(), d(2020, 2, 19));
        assert_eq!(parse_date("昨天", today).unwrap(), d(2020, 2, 19));
    }

    #[test]
    fn rejects_nonsense_and_impossible_days() {
        let today = d(2020, 2, 20);
        for text in [
            "",
            "2020-02",
            "2020-13-01",
            "2019-02-29",
            "18/2/2020",
            "tomorrow",
            "2020-02-18x",
            "0020-01-01",
        ] {
            assert!(parse_date(text, today).is_err(), "{text}");
        }
        let err = parse_date("2020-02-30", today).unwrap_err().to_string();
        assert!(err.contains("没有这一天"), "{err}");
    }

    #[test]
    fn record_dates_may_not_be_in_the_future() {
        let today = d(2020, 2, 20);
        assert_eq!(parse_record_date(None, today).unwrap(), today);
        let err = parse_record_date(Some("2020-02-21"), today)
            .unwrap_err()
            .to_string();
        assert!(err.contains("将来"), "{err}");
    }

    #[test]
    fn zones() {
        assert_eq!(Zone::parse("local").unwrap(), Zone::Local);
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        for t in ["+08:00", "+0800", "UTC+8", "+8"] {
            assert_eq!(Zone::parse(t).unwrap(), Zone::Fixed(east8), "{t}");
        }
        assert_eq!(
            Zone::parse("-05:30").unwrap(),
            Zone::Fixed(FixedOffset::west_opt(5 * 3600 + 1800).unwrap())
        );
        for t in ["Asia/Shanghai", "+25:00", "+08:99", ""] {
            assert!(Zone::parse(t).is_err(), "{t}");
        }
    }
}
