//! Clean text in, safe text out (SPEC §6, v2): no text value the store
//! keeps may hold a control character or a bidi override, from any path
//! (flags, CSV, spreadsheets, the interactive entry, a chat paste). One
//! check for all of them, so every path refuses the same characters; and
//! one escape for output, for what an older store may still hold.

use std::borrow::Cow;

use anyhow::{Result, bail};

/// Where a value came from: a CSV cell may hold a tab (spreadsheets put
/// them in free text), nothing else may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Typed,
    Cell,
}

/// True for what a text value may never hold: C0 controls (tab only where
/// `tab_ok`), DEL, C1 controls, the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) that make text display in another order
/// than it reads.
pub fn forbidden(c: char, tab_ok: bool) -> bool {
    match c {
        '\t' => !tab_ok,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The name of a character `check_text` refuses, for the message.
fn describe(c: char) -> String {
    match c {
        '\t' => "a tab".into(),
        '\n' => "a line break (LF)".into(),
        '\r' => "a carriage return (CR)".into(),
        '\u{1b}' => "an escape character (ESC)".into(),
        '\u{0}' => "a NUL character".into(),
        '\u{7f}' => "a DEL character".into(),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            format!("a bidi control U+{:04X}", u32::from(c))
        }
        _ => format!("a control character U+{:04X}", u32::from(c)),
    }
}

/// Refuses a typed value (flag, prompt answer) holding a character
/// `forbidden`, naming the field and the character.
pub fn check_text(field: &str, value: &str) -> Result<()> {
    check(field, value, Source::Typed)
}

/// `check_text` for a value from a CSV or spreadsheet cell: a tab may stay.
pub fn check_cell(field: &str, value: &str) -> Result<()> {
    check(field, value, Source::Cell)
}

pub fn check(field: &str, value: &str, source: Source) -> Result<()> {
    let tab_ok = source == Source::Cell;
    if let Some((at, c)) = value.char_indices().find(|(_, c)| forbidden(*c, tab_ok)) {
        let chars = value[..at].chars().count() + 1;
        bail!(
            "bad {field}: it holds {} (character {chars}); type it without",
            describe(c)
        );
    }
    Ok(())
}

/// Shows every forbidden character as a visible escape (`\u{1b}`), and a
/// tab as a space, for text output: a value an older store holds must not
/// move the cursor, blank a line or reorder the table on the head's
/// terminal.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| forbidden(c, false)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if forbidden(c, false) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_class_is_refused_and_named() {
        for (value, what) in [
            ("a\u{1b}[2K", "ESC"),
            ("a\rb", "CR"),
            ("a\u{7}", "U+0007"),
            ("a\u{0}", "NUL"),
            ("a\u{7f}", "DEL"),
            ("a\u{85}", "U+0085"),
            ("a\u{9b}", "U+009B"),
            ("a\u{202e}b", "U+202E"),
            ("a\u{2066}b", "U+2066"),
            ("a\nb", "LF"),
        ] {
            let err = check_text("note", value).unwrap_err().to_string();
            assert!(err.starts_with("bad note:") && err.contains(what), "{err}");
            assert!(check_cell("note", value).is_err());
        }
        assert!(check_text("note", "a\tb").is_err());
        assert!(check_cell("note", "a\tb").is_ok());
        assert!(check_text("note", "北京市 东城区 ‏ok").is_ok());
    }

    #[test]
    fn output_escapes_are_visible() {
        assert_eq!(visible("ok"), "ok");
        assert_eq!(visible("a\u{1b}[8m\tb\u{202e}"), "a\\u{1b}[8m b\\u{202e}");
    }
}
