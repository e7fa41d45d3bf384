//! Folding text for matching names (SPEC §2 v2): NFKC, then case folding,
//! so `ＡＢ社区` = `ab社区` and full-width digits match ASCII ones.

use unicode_normalization::UnicodeNormalization;

/// The form two names are compared in.
pub fn fold(s: &str) -> String {
    s.trim().nfkc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_case_fold_away() {
        assert_eq!(fold(" ＡＢ社区１号 "), fold("ab社区1号"));
        assert_eq!(fold("Wuhan"), "wuhan");
        assert_ne!(fold("东城社区"), fold("西城社区"));
    }
}
