//! `config.json`: the store's settings and format version (SPEC §1, §6).

use crate::t;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::cli::Lang;
use crate::csvio::CsvEncoding;
use crate::dates::Zone;

/// The store layout this binary writes. A newer one is refused, never rewritten.
pub const FORMAT_VERSION: u32 = 1;

pub const KEYS: [&str; 10] = [
    "org",
    "home_city",
    "high_risk",
    "fever_threshold",
    "isolation_days",
    "lang",
    "csv_encoding",
    "timezone",
    "clerk",
    "report_mode",
];

/// The Chinese names `config show` gives the settings, taken by `config
/// set` as well as the keys (`config set 本地城市 北京`).
const CHINESE_NAMES: [(&str, &str); 12] = [
    ("单位", "org"),
    ("单位名称", "org"),
    ("本地城市", "home_city"),
    ("高风险地区", "high_risk"),
    ("发热标准", "fever_threshold"),
    ("隔离天数", "isolation_days"),
    ("语言", "lang"),
    ("CSV文件编码", "csv_encoding"),
    ("时区", "timezone"),
    ("填报人", "clerk"),
    ("报表文件的权限", "report_mode"),
    ("报表权限", "report_mode"),
];

/// The key a setting's name stands for: a key as it is, or its Chinese
/// name (spaces and full-width letters folded).
pub fn key_named(name: &str) -> &str {
    let name = name.trim();
    CHINESE_NAMES
        .iter()
        .find(|(zh, _)| crate::fold::same_header(name, zh))
        .map_or(name, |(_, key)| key)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    pub format_version: u32,
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub home_city: String,
    #[serde(default = "default_high_risk")]
    pub high_risk: Vec<String>,
    #[serde(default = "default_fever")]
    pub fever_threshold: f64,
    #[serde(default = "default_isolation_days")]
    pub isolation_days: u32,
    #[serde(default = "default_lang")]
    pub lang: Lang,
    #[serde(default)]
    pub csv_encoding: CsvEncoding,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Who records on this machine when `--by` is not given (before `$USER`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clerk: Option<String>,
    /// What each place means under these settings, worked out once.
    #[serde(skip)]
    pub places: crate::fold::Places,
    /// Permission bits of report files `--output` creates (SPEC §6, v2):
    /// 0600 unless an outbox collected by another account needs e.g. 0640.
    #[serde(default = "default_report_mode", with = "octal")]
    pub report_mode: u32,
}

/// `report_mode` is kept as its octal text (`"0640"`), as people write it.
mod octal {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(mode: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{mode:04o}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_report_mode(&text).map_err(D::Error::custom)
    }
}

fn default_report_mode() -> u32 {
    crate::store::fsutil::FILE_MODE
}

/// Parses a report file mode: octal, owner may read and write, nobody may
/// execute, no special bits.
pub fn parse_report_mode(value: &str) -> Result<u32> {
    let v = value.trim();
    let mode = u32::from_str_radix(v.trim_start_matches("0o"), 8).ok();
    match mode {
        Some(m) if m & !0o666 == 0 && m & 0o600 == 0o600 && !v.is_empty() => Ok(m),
        _ => bail!(t!("config-bad-report-mode-give", value = value.to_string())),
    }
}

fn default_high_risk() -> Vec<String> {
    vec!["湖北".into(), "武汉".into(), "温州".into()]
}
fn default_fever() -> f64 {
    37.3
}
fn default_isolation_days() -> u32 {
    14
}
fn default_lang() -> Lang {
    Lang::Zh
}
fn default_timezone() -> String {
    "local".into()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            format_version: FORMAT_VERSION,
            org: String::new(),
            home_city: String::new(),
            high_risk: default_high_risk(),
            fever_threshold: default_fever(),
            isolation_days: default_isolation_days(),
            lang: default_lang(),
            csv_encoding: CsvEncoding::default(),
            timezone: default_timezone(),
            clerk: None,
            places: crate::fold::Places::default(),
            report_mode: default_report_mode(),
        }
    }
}

fn plain_text(key: &str, value: &str) -> Result<String> {
    let v = value.trim();
    crate::text::check_text(key, v)?;
    Ok(v.to_string())
}

impl Config {
    /// Whether a place is local and whether it lies in a high-risk area.
    pub fn place(&self, place: &str) -> crate::fold::PlaceFlags {
        self.places.flags(place, &self.home_city, &self.high_risk)
    }

    pub fn zone(&self) -> Zone {
        // Validated on `config set`; a hand-edited bad value falls back to local.
        Zone::parse(&self.timezone).unwrap_or(Zone::Local)
    }

    /// Parses a `config.json`, refusing a format this binary does not know.
    pub fn from_json(bytes: &[u8], path: &str) -> Result<Config> {
        #[derive(Deserialize)]
        struct Version {
            format_version: Option<u32>,
        }
        let version: Version = serde_json::from_slice(bytes)
            .with_context(|| t!("config-is-not-valid-json", path = path.to_string()))?;
        match version.format_version {
            Some(v) if v > FORMAT_VERSION => bail!(t!(
                "config-has-store-format-newer",
                path = path.to_string(),
                v = v.to_string(),
                FORMAT_VERSION = FORMAT_VERSION.to_string()
            )),
            Some(_) => {}
            None => bail!(t!("config-has-no-format-version", path = path.to_string())),
        }
        let config: Config = serde_json::from_slice(bytes)
            .with_context(|| t!("config-holds-a-bad-setting", path = path.to_string()))?;
        config
            .validate()
            .with_context(|| t!("config-in-file", path = path))?;
        Ok(config)
    }

    fn validate(&self) -> Result<()> {
        Zone::parse(&self.timezone)?;
        if !(35.0..=42.0).contains(&self.fever_threshold) {
            bail!(t!(
                "config-fever-threshold-is-outside",
                fever_threshold = self.fever_threshold.to_string()
            ));
        }
        if !(1..=60).contains(&self.isolation_days) {
            bail!(t!(
                "config-isolation-days-is-outside",
                isolation_days = self.isolation_days.to_string()
            ));
        }
        parse_report_mode(&format!("{:o}", self.report_mode))?;
        Ok(())
    }

    /// Sets one key from its text form; the whole value is checked first.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        // Places are judged anew under the new settings.
        self.places = crate::fold::Places::default();
        match key {
            "org" => self.org = plain_text(key, value)?,
            "home_city" => self.home_city = plain_text(key, value)?,
            "high_risk" => {
                self.high_risk = plain_text(key, value)?
                    .split([',', '，', '、', ';', '；'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "fever_threshold" => {
                let v: f64 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite())
                    .with_context(|| {
                        t!("config-bad-fever-threshold-give", value = value.to_string())
                    })?;
                if !(35.0..=42.0).contains(&v) {
                    bail!(t!(
                        "config-bad-fever-threshold-give-2",
                        value = value.to_string()
                    ));
                }
                self.fever_threshold = (v * 10.0).round() / 10.0;
            }
            "isolation_days" => {
                let v: u32 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v| (1..=60).contains(v))
                    .with_context(|| {
                        t!("config-bad-isolation-days-give", value = value.to_string())
                    })?;
                self.isolation_days = v;
            }
            "lang" => {
                self.lang = match value.trim().to_lowercase().as_str() {
                    "zh" | "中文" | "cn" => Lang::Zh,
                    "en" | "english" => Lang::En,
                    _ => bail!(t!("config-bad-lang-use-zh", value = value.to_string())),
                }
            }
            "csv_encoding" => self.csv_encoding = CsvEncoding::parse(value)?,
            "timezone" => {
                let zone = Zone::parse(value)?;
                self.timezone = zone.to_string();
            }
            "clerk" => {
                let v = plain_text(key, value)?;
                self.clerk = (!v.is_empty()).then_some(v);
            }
            "report_mode" => self.report_mode = parse_report_mode(value)?,
            "format_version" => bail!(t!("config-format-version-is-the")),
            _ => bail!(t!(
                "config-unknown-setting-the-settings",
                key = key.to_string(),
                keys = crate::i18n::join_list(&KEYS)
            )),
        }
        Ok(())
    }

    /// Every setting as (key, text) pairs, in the order of `KEYS`.
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        vec![
            ("org", self.org.clone()),
            ("home_city", self.home_city.clone()),
            ("high_risk", self.high_risk.join(",")),
            ("fever_threshold", format!("{:.1}", self.fever_threshold)),
            ("isolation_days", self.isolation_days.to_string()),
            (
                "lang",
                match self.lang {
                    Lang::Zh => "zh".into(),
                    Lang::En => "en".into(),
                },
            ),
            ("csv_encoding", self.csv_encoding.as_str().into()),
            ("timezone", self.timezone.clone()),
            ("clerk", self.clerk.clone().unwrap_or_default()),
            ("report_mode", format!("{:04o}", self.report_mode)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_checks_every_key() {
        let mut c = Config::default();
        c.set("high_risk", "湖北，温州, 上海").unwrap();
        assert_eq!(c.high_risk, ["湖北", "温州", "上海"]);
        c.set("fever_threshold", "37.5").unwrap();
        assert_eq!(c.fever_threshold, 37.5);
        c.set("timezone", "UTC+8").unwrap();
        assert_eq!(c.timezone, "+08:00");
        c.set("csv_encoding", "GBK").unwrap();
        assert_eq!(c.csv_encoding, CsvEncoding::Gbk);
        let before = c.clone();
        for (k, v) in [
            ("fever_threshold", "hot"),
            ("fever_threshold", "45"),
            ("isolation_days", "0"),
            ("isolation_days", "two weeks"),
            ("lang", "fr"),
            ("csv_encoding", "latin1"),
            ("timezone", "Mars/Olympus"),
            ("report_mode", "0755"),
            ("report_mode", "0400"),
            ("report_mode", "rw"),
            ("colour", "red"),
            ("format_version", "2"),
        ] {
            assert!(c.set(k, v).is_err(), "{k}={v}");
        }
        assert_eq!(c, before);
    }

    #[test]
    fn newer_format_is_refused() {
        let err = Config::from_json(br#"{"format_version": 99}"#, "config.json")
            .unwrap_err()
            .to_string();
        assert!(err.contains("新"), "{err}");
        let ok = Config::from_json(br#"{"format_version": 1, "org": "x"}"#, "c").unwrap();
        assert_eq!(ok.org, "x");
        assert_eq!(ok.isolation_days, 14);
    }
}
