//! CSV as Excel on Chinese Windows reads and writes it (SPEC §3, §4):
//! encodings in and out, and cells a spreadsheet must never run as formulas.

use crate::t;
use std::borrow::Cow;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

/// How CSV output is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, which Excel needs to see UTF-8.
    #[default]
    #[serde(rename = "utf8-bom")]
    Utf8Bom,
    #[serde(rename = "utf8")]
    Utf8,
    /// Written as GB18030, a superset of GBK, so no rare name is ever lost.
    #[serde(rename = "gbk")]
    Gbk,
}

impl CsvEncoding {
    pub fn as_str(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "utf8-bom",
            CsvEncoding::Utf8 => "utf8",
            CsvEncoding::Gbk => "gbk",
        }
    }

    pub fn parse(text: &str) -> Result<CsvEncoding> {
        Ok(
            match text.trim().to_lowercase().replace('_', "-").as_str() {
                "utf8-bom" | "utf-8-bom" | "bom" => CsvEncoding::Utf8Bom,
                "utf8" | "utf-8" => CsvEncoding::Utf8,
                "gbk" | "gb18030" | "gb2312" => CsvEncoding::Gbk,
                _ => bail!(t!("csvio-bad-csv-encoding-use", text = text.to_string())),
            },
        )
    }

    /// The text as bytes in this encoding, reusing its buffer for UTF-8
    /// (a copy held a second district-sized file at once).
    pub fn encode(self, text: String) -> Vec<u8> {
        match self {
            CsvEncoding::Utf8Bom => {
                let mut out = text.into_bytes();
                out.splice(0..0, *b"\xEF\xBB\xBF");
                out
            }
            CsvEncoding::Utf8 => text.into_bytes(),
            CsvEncoding::Gbk => encode_gb18030(&text),
        }
    }
}

/// GB18030 bytes of `text`. The WHATWG encoder behind encoding_rs refuses
/// the private-use U+E5E5 (it would write the text `&#58853;`); we write
/// A3 A0, its GB18030-2005 code, which Windows (and so Excel) reads back as
/// U+E5E5. (WHATWG decoders, ours included, read A3 A0 as U+3000.)
fn encode_gb18030(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for (i, piece) in text.split('\u{E5E5}').enumerate() {
        if i > 0 {
            out.extend_from_slice(&[0xA3, 0xA0]);
        }
        out.extend_from_slice(&encoding_rs::GB18030.encode(piece).0);
    }
    out
}

/// Decodes an input CSV: UTF-8 (with or without BOM) when the bytes are
/// UTF-8, else GB18030 (what Excel on Chinese Windows saves), unless
/// `forced` names the encoding.
pub fn decode_input(bytes: &[u8], forced: Option<CsvEncoding>, what: &str) -> Result<String> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let utf8 = |b: &[u8]| -> Result<String> {
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => bail!(t!(
                "csvio-is-not-valid-utf",
                what = what.to_string(),
                valid_up_to = e.valid_up_to().to_string()
            )),
        }
    };
    match forced {
        Some(CsvEncoding::Utf8 | CsvEncoding::Utf8Bom) => {
            utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        }
        Some(CsvEncoding::Gbk) => gb18030(bytes, what),
        None if bom => utf8(&bytes[3..]),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => {
                // A file that is UTF-8 but for a stray byte or two would
                // "decode" as GB18030 into nonsense (北京 as 鍖椾含): only a
                // file that does not read as UTF-8 at all is GB18030.
                let stats = utf8_stats(bytes);
                if let Some(bad) = stats.first_bad
                    && stats.multibyte >= stats.bad
                {
                    let row = bytes[..bad].iter().filter(|b| **b == b'\n').count() + 1;
                    bail!(t!(
                        "csvio-row-byte-offset-byte",
                        what = what.to_string(),
                        row = row.to_string(),
                        bad = bad.to_string(),
                        bad2 = format!("{:02X}", bytes[bad])
                    ));
                }
                gb18030(bytes, what)
            }
        },
    }
}

/// How far `bytes` reads as UTF-8: its multi-byte characters, the bytes
/// that are not UTF-8, and the first of them.
struct Utf8Stats {
    multibyte: usize,
    bad: usize,
    first_bad: Option<usize>,
}

fn utf8_stats(bytes: &[u8]) -> Utf8Stats {
    let mut stats = Utf8Stats {
        multibyte: 0,
        bad: 0,
        first_bad: None,
    };
    let mut at = 0;
    while at < bytes.len() {
        let (good, skip) = match std::str::from_utf8(&bytes[at..]) {
            Ok(_) => (bytes.len() - at, 0),
            Err(e) => (
                e.valid_up_to(),
                e.error_len().unwrap_or(bytes.len() - at - e.valid_up_to()),
            ),
        };
        stats.multibyte += bytes[at..at + good].iter().filter(|b| **b >= 0xC0).count();
        if skip > 0 {
            stats.bad += skip;
            stats.first_bad.get_or_insert(at + good);
        }
        at += good + skip;
    }
    stats
}

fn gb18030(bytes: &[u8], what: &str) -> Result<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        bail!(t!("csvio-is-neither-utf-nor", what = what.to_string()));
    }
    Ok(text.into_owned())
}

fn is_formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠'
    )
}

/// A text cell as written to CSV: one that a spreadsheet could run as a
/// formula gets a leading `'`. A cell that already begins with `'` gets one
/// more, so `unescape_cell` always gives back the original.
pub fn escape_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if is_formula_start(c) || c == '\'' => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The inverse of `escape_cell`, for reading our own CSV back.
pub fn unescape_cell(text: &str) -> &str {
    text.strip_prefix('\'').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_come_back() {
        for (raw, written) in [
            ("=1+1", "'=1+1"),
            ("+86 138", "'+86 138"),
            ("-3", "'-3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("＝1", "'＝1"),
            ("'quoted", "''quoted"),
            ("王,大明", "王,大明"),
            ("36.5", "36.5"),
            ("", ""),
        ] {
            assert_eq!(escape_cell(raw), written, "{raw:?}");
            assert_eq!(unescape_cell(&escape_cell(raw)), raw, "{raw:?}");
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_is_an_error_not_gb18030() {
        let bytes = "姓名,所在地\n张三,北京市东城区\n李四,Z\u{1}rich\n"
            .replace('\u{1}', "\u{fc}")
            .into_bytes();
        // Make the ü a single Latin-1 byte, as a stray one would be.
        let mut stray = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i..].starts_with("\u{fc}".as_bytes()) {
                stray.push(0xFC);
                i += 2;
            } else {
                stray.push(bytes[i]);
                i += 1;
            }
        }
        let err = decode_input(&stray, None, "x.csv").unwrap_err().to_string();
        assert!(err.contains("第 3 行") && err.contains("0xFC"), "{err}");
        let gbk = encoding_rs::GB18030
            .encode("姓名,所在地\n张三,北京市东城区\n")
            .0;
        assert_eq!(
            decode_input(&gbk, None, "x.csv").unwrap(),
            "姓名,所在地\n张三,北京市东城区\n"
        );
    }

    #[test]
    fn input_encodings_are_detected() {
        let text = "姓名,体温\n王大明,36.5\n";
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        assert_eq!(decode_input(&gbk, None, "f").unwrap(), text);
        let bom = CsvEncoding::Utf8Bom.encode(text.into());
        assert_eq!(decode_input(&bom, None, "f").unwrap(), text);
        assert_eq!(decode_input(text.as_bytes(), None, "f").unwrap(), text);
        assert!(decode_input(&gbk, Some(CsvEncoding::Utf8), "f").is_err());
        // The one private-use character the WHATWG encoder refuses is
        // written with its GB18030-2005 code, as Windows expects.
        assert_eq!(
            CsvEncoding::Gbk.encode("\u{E5E5}王".into()),
            [0xA3, 0xA0, 0xCD, 0xF5]
        );
        // A rare character outside GBK survives through GB18030.
        let rare = "𠀀 王";
        let bytes = CsvEncoding::Gbk.encode(rare.into());
        assert_eq!(
            decode_input(&bytes, Some(CsvEncoding::Gbk), "f").unwrap(),
            rare
        );
    }
}
