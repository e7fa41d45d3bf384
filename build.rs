//! Work done once at build time instead of at every start (SPEC §7, start-up):
//! - the traditional-to-simplified character table `src/fold.rs` uses, from
//!   zhconv's MediaWiki table (0.5 ms of a 2.3 ms one-day summary);
//! - the language catalog split for `src/i18n.rs`: every message without
//!   arguments becomes a table entry, and only the rest (messages with
//!   arguments, terms) is left for Fluent to parse at run time. Parsing
//!   labels.ftl for a one-day summary's labels was 0.43 M of its 7.9 M
//!   instructions.

use std::fmt::Write as _;

fn main() {
    t2s();
    catalog();
    println!("cargo:rerun-if-changed=build.rs");
}

fn t2s() {
    let mut pairs: Vec<(char, char)> = zhconv::tables::expand_table(zhconv::tables::ZH_HANS_TABLE)
        .filter_map(|(from, to)| {
            let mut f = from.chars();
            let mut t = to.chars();
            match (f.next(), f.next(), t.next(), t.next()) {
                // Characters only: the table also turns 「」 into “”.
                (Some(a), None, Some(b), None) if a != b && a.is_alphabetic() => Some((a, b)),
                _ => None,
            }
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    let mut out = String::from("/// Traditional character to simplified, sorted by the first.\n");
    let _ = writeln!(out, "static T2S: [(char, char); {}] = [", pairs.len());
    for (a, b) in &pairs {
        let _ = writeln!(out, "    ({a:?}, {b:?}),");
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("t2s.rs"), out).expect("write t2s.rs");
}

/// The catalog files, in the order of `Lang` and of `i18n`'s parts.
const LANGS: [&str; 2] = ["zh", "en"];
const PARTS: [&str; 3] = ["labels.ftl", "messages.ftl", "cli.ftl"];

/// Writes `catalog.rs`: `PLAIN`, per language the messages that are text
/// only, sorted by key; `DYNAMIC`, per language and part the Fluent source
/// of everything else. A message is text only when its value has no
/// placeable and it has no attributes: Fluent formats such a value as the
/// concatenation of its text, which is what the table holds.
fn catalog() {
    use fluent_syntax::ast::{Entry, PatternElement, Resource};
    println!("cargo:rerun-if-changed=locales");
    let mut out = String::new();
    let mut plain_tables = Vec::new();
    let mut dynamic = Vec::new();
    for lang in LANGS {
        let mut plain: Vec<(String, String)> = Vec::new();
        let mut sources = Vec::new();
        for part in PARTS {
            let path = format!("locales/{lang}/{part}");
            let text = std::fs::read_to_string(&path).expect("read a catalog file");
            // A syntax error keeps the rest of the file, as Fluent does at
            // run time; the catalog tests forbid them.
            let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(r, e)| {
                println!("cargo:warning={path}: {} syntax errors", e.len());
                r
            });
            let mut rest = Vec::new();
            for entry in resource.body {
                match entry {
                    Entry::Message(m)
                        if m.attributes.is_empty()
                            && m.value.as_ref().is_some_and(|v| {
                                v.elements
                                    .iter()
                                    .all(|e| matches!(e, PatternElement::TextElement { .. }))
                            }) =>
                    {
                        let value: String = m
                            .value
                            .iter()
                            .flat_map(|v| &v.elements)
                            .map(|e| match e {
                                PatternElement::TextElement { value } => *value,
                                PatternElement::Placeable { .. } => "",
                            })
                            .collect();
                        plain.push((m.id.name.to_string(), value));
                    }
                    Entry::Message(mut m) => {
                        m.comment = None;
                        rest.push(Entry::Message(m));
                    }
                    Entry::Term(mut t) => {
                        t.comment = None;
                        rest.push(Entry::Term(t));
                    }
                    Entry::Comment(_)
                    | Entry::GroupComment(_)
                    | Entry::ResourceComment(_)
                    | Entry::Junk { .. } => {}
                }
            }
            sources.push(fluent_syntax::serializer::serialize(&Resource {
                body: rest,
            }));
        }
        plain.sort();
        plain.dedup_by(|a, b| a.0 == b.0);
        plain_tables.push(plain);
        dynamic.push(sources);
    }
    out.push_str("/// Messages that are text only, per language, sorted by key.\n");
    let _ = writeln!(out, "static PLAIN: [&[(&str, &str)]; {}] = [", LANGS.len());
    for table in &plain_tables {
        out.push_str("    &[\n");
        for (k, v) in table {
            let _ = writeln!(out, "        ({k:?}, {v:?}),");
        }
        out.push_str("    ],\n");
    }
    out.push_str("];\n");
    out.push_str("/// The rest of each catalog file, for Fluent: `[language][part]`.\n");
    let _ = writeln!(
        out,
        "static DYNAMIC: [[&str; {}]; {}] = [",
        PARTS.len(),
        LANGS.len()
    );
    for sources in &dynamic {
        out.push_str("    [\n");
        for s in sources {
            let _ = writeln!(out, "        {s:?},");
        }
        out.push_str("    ],\n");
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("catalog.rs"), out).expect("write catalog.rs");
}
