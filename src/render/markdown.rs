//! GitHub-flavoured Markdown: pipe tables, numbers right-aligned.

use super::{Block, Document};

/// Markdown passes HTML through, so `<`, `>` and `&` become entities;
/// control characters show as visible escapes (`crate::text::visible`).
fn escape(text: &str) -> String {
    crate::text::visible(&text.replace(['\r', '\n'], " "))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n", escape(&doc.title));
    for block in doc.flat_blocks() {
        out.push('\n');
        match block {
            Block::Heading(h) => out.push_str(&format!("## {}\n", escape(h))),
            Block::Table(t) => {
                let numeric = t.numeric_columns();
                out.push_str(&format!(
                    "| {} |\n",
                    t.headers
                        .iter()
                        .map(|h| escape(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!(
                    "|{}|\n",
                    numeric
                        .iter()
                        .map(|n| if *n { " ---: " } else { " --- " })
                        .collect::<Vec<_>>()
                        .join("|")
                ));
                let first_total = t.rows.len() - t.total_rows;
                for (i, row) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| {
                            let text = escape(&c.display());
                            if i >= first_total && !text.is_empty() {
                                format!("**{text}**")
                            } else {
                                text
                            }
                        })
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
            }
            Block::Lines(lines) => {
                for line in lines {
                    out.push_str(&format!("{}  \n", escape(line)));
                }
            }
            // Flattened by `flat_blocks`.
            Block::Columns(_) => {}
            Block::Part(part) => {
                out.push_str(&format!("# {}\n", escape(&part.title)));
            }
            Block::Chart(c) => {
                out.push_str(&format!(
                    "| {} | {} |\n",
                    "",
                    c.series
                        .iter()
                        .map(|s| escape(&s.name))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("| --- |{}\n", " ---: |".repeat(c.series.len())));
                for (i, day) in c.days.iter().enumerate() {
                    let values: Vec<String> = c
                        .series
                        .iter()
                        .map(|s| s.values.get(i).copied().unwrap_or(0).to_string())
                        .collect();
                    out.push_str(&format!("| {day} | {} |\n", values.join(" | ")));
                }
            }
        }
    }
    out
}
