//! One folding for place names and post names (SPEC §2 v2): NFKC, case
//! folding and traditional to simplified Chinese, so 武漢 = 武汉 and
//! Ｗｕｈａｎ = wuhan. Matching is done on folded text on both sides.
//!
//! Characters are converted one by one with the single-character entries
//! of zhconv's MediaWiki table (traditional to simplified), taken at build
//! time (build.rs): place and post names need no phrase rules, and loading
//! the phrase converter cost a one-day report more than the report.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

// `T2S`: traditional character to simplified, sorted (see build.rs).
include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// The simplified form of one character.
fn simplified(c: char) -> char {
    // Every traditional character is past the ASCII and Latin ranges.
    if (c as u32) < 0x2E80 {
        return c;
    }
    T2S.binary_search_by_key(&c, |(t, _)| *t)
        .map_or(c, |i| T2S[i].1)
}

/// `s` folded for matching: NFKC (full-width letters and digits become
/// plain), lower case, simplified characters.
pub fn fold(s: &str) -> String {
    let lower = if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        s.to_lowercase()
    } else {
        s.nfkc().collect::<String>().to_lowercase()
    };
    // Plain ASCII has nothing to convert: the table is not even built.
    if lower.is_ascii() {
        return lower;
    }
    lower.chars().map(simplified).collect()
}

/// Whether a column header as typed names `label`: folded as places are
/// (so 体温（℃） typed with a Chinese input method, 體溫(℃) and
/// `TEMP (°C)` all match 体温(℃)) and with every space dropped
/// (`体温 (上午)`, a BOM from Excel).
pub fn same_header(typed: &str, label: &str) -> bool {
    let squeeze = |s: &str| -> String {
        fold(s)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
            .collect()
    };
    squeeze(typed) == squeeze(label)
}

/// What a place means under the settings: local (contains the home city)
/// and in a high-risk area, both after folding. Each distinct place is
/// worked out once per process: a report asks it for every record (and
/// again for every episode), for a few dozen places in all.
#[derive(Default)]
pub struct Places {
    /// The folded home city and high-risk areas, taken on first use.
    words: OnceLock<(String, Vec<String>)>,
    seen: Mutex<HashMap<String, PlaceFlags, crate::store::scan::IdHash>>,
}

/// Where a place lies, as `Places` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlaceFlags {
    pub local: bool,
    pub high_risk: bool,
}

impl Places {
    /// The flags of `place` under `home_city` and `high_risk` (always the
    /// same settings for one `Places`: the config that holds it).
    pub fn flags(&self, place: &str, home_city: &str, high_risk: &[String]) -> PlaceFlags {
        if place.is_empty() {
            return PlaceFlags::default();
        }
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(flags) = seen.get(place) {
            return *flags;
        }
        let (home, areas) = self.words.get_or_init(|| {
            let words = |w: &str| Some(fold(w.trim())).filter(|f| !f.is_empty());
            (
                words(home_city).unwrap_or_default(),
                high_risk.iter().filter_map(|a| words(a)).collect(),
            )
        });
        let folded = fold(place);
        let flags = PlaceFlags {
            local: !home.is_empty() && folded.contains(home.as_str()),
            high_risk: areas.iter().any(|a| folded.contains(a.as_str())),
        };
        seen.insert(place.to_string(), flags);
        flags
    }
}

// A cache, not a setting: settings compare, copy and print without it.
impl Clone for Places {
    fn clone(&self) -> Places {
        Places::default()
    }
}

impl PartialEq for Places {
    fn eq(&self, _: &Places) -> bool {
        true
    }
}

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Places")
    }
}

#[cfg(test)]
mod tests {
    use super::{Places, fold, same_header};

    #[test]
    fn places_fold_to_one_form() {
        for (a, b) in [
            ("武漢", "武汉"),
            ("湖北省武漢市", "湖北省武汉市"),
            ("溫州", "温州"),
            ("臺灣", "台湾"),
            ("Wuhan", "wuhan"),
            ("ＷＵＨＡＮ", "wuhan"),
            ("北京", "北京"),
            ("和平裡社區", "和平里社区"),
        ] {
            assert_eq!(fold(a), b, "{a}");
        }
        let places = Places::default();
        let areas = ["湖北".to_string(), " 武汉 ".to_string(), "".to_string()];
        let flags = places.flags("湖北省武漢市", "北京", &areas);
        assert!(flags.high_risk && !flags.local);
        let flags = places.flags("北京市朝陽區", "北京", &areas);
        assert!(!flags.high_risk && flags.local);
    }

    #[test]
    fn headers_match_as_a_chinese_input_method_types_them() {
        for typed in [
            "体温(℃)",
            "体温（℃）",
            " 体温 (℃) ",
            "體溫(℃)",
            "\u{feff}体温(℃)",
        ] {
            assert!(same_header(typed, "体温(℃)"), "{typed}");
        }
        assert!(same_header("TEMP (°C)", "Temp (°C)"));
        assert!(same_header("体温（上午）", "体温(上午)"));
        assert!(!same_header("体温(下午)", "体温(上午)"));
        assert!(!same_header("体温", "体温(℃)"));
    }
}
