//! One folding for place names and post names (SPEC §2 v2): NFKC, case
//! folding and traditional to simplified Chinese, so 武漢 = 武汉 and
//! Ｗｕｈａｎ = wuhan. Matching is done on folded text on both sides.
//!
//! Characters are converted one by one with the single-character entries
//! of zhconv's MediaWiki table (traditional to simplified), taken at build
//! time (build.rs): place and post names need no phrase rules, and loading
//! the phrase converter cost a one-day report more than the report.

use std::cell::RefCell;
use std::collections::HashMap;

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

thread_local! {
    /// Folded places by their text: a report folds the same few dozen
    /// places over and over, for hundreds of people.
    static PLACES: RefCell<HashMap<String, String, crate::store::scan::IdHash>> =
        RefCell::new(HashMap::default());
    /// Folded settings (home city, high-risk areas) beside their text: a
    /// handful, matched against every place, so found by a short scan.
    static WORDS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// `f` of `s` folded, folding each distinct place once per process.
pub fn with_folded<T>(s: &str, f: impl FnOnce(&str) -> T) -> T {
    PLACES.with(|c| {
        if let Some(folded) = c.borrow().get(s) {
            return f(folded);
        }
        let folded = fold(s);
        let out = f(&folded);
        c.borrow_mut().insert(s.to_string(), folded);
        out
    })
}

/// Whether `folded` (already folded) contains `word` once folded; an empty
/// word matches nothing.
pub fn contains_folded(folded: &str, word: &str) -> bool {
    let word = word.trim();
    if word.is_empty() {
        return false;
    }
    WORDS.with(|c| {
        if let Some((_, needle)) = c.borrow().iter().find(|(w, _)| w == word) {
            return folded.contains(needle.as_str());
        }
        let needle = fold(word);
        let out = folded.contains(needle.as_str());
        c.borrow_mut().push((word.to_string(), needle));
        out
    })
}

#[cfg(test)]
mod tests {
    use super::{contains_folded, fold};

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
        assert!(contains_folded(&fold("湖北省武漢市"), " 武汉 "));
        assert!(!contains_folded(&fold("北京"), ""));
    }
}
