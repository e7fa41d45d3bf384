//! One self-contained HTML file (no external fonts, scripts or styles),
//! printable on A4 landscape: the header row repeats on every printed page,
//! and the form ends with lines for 填报人 / 审核人 / 日期.

use std::fmt::Write;

use super::{Block, Chart, Document, Table};
use crate::cli::Lang;
use crate::i18n::L;

pub fn escape(text: &str) -> String {
    let text = crate::text::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
       font-size: 10pt; color: #000; margin: 0 auto; max-width: 277mm; padding: 6mm; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 1px solid #333; padding: 1mm 1.4mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.short { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f4f4f4; }
p.line { margin: 1mm 0; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; page-break-inside: avoid; }
.sign span { flex: 1; }
.sign b { display: inline-block; width: 45mm; border-bottom: 1px solid #000; margin-left: 2mm; }
svg { width: 100%; height: auto; margin: 2mm 0; }
svg text { font-size: 11px; }
@media print { body { padding: 0; max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"#;

const COLOURS: [&str; 6] = [
    "#1f5fa8", "#c0392b", "#d68910", "#7d3c98", "#117a65", "#555555",
];

pub fn render(doc: &Document) -> String {
    let lang = match doc.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        title = escape(&doc.title)
    );
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(h));
            }
            Block::Table(t) => table(&mut out, t),
            Block::Lines(lines) => {
                for line in lines {
                    let _ = writeln!(out, "<p class=\"line\">{}</p>", escape(line));
                }
            }
            Block::Chart(c) => chart(&mut out, c),
        }
    }
    let _ = writeln!(
        out,
        "<div class=\"sign\"><span>{}：<b></b></span><span>{}：<b></b></span><span>{}：<b></b></span></div>\n</body>\n</html>",
        L::SignFiller.text(doc.lang),
        L::SignReviewer.text(doc.lang),
        L::SignDate.text(doc.lang)
    );
    out
}

/// Columns of short values (names, roles, numbers) never wrap, so a name
/// is not broken over two lines; long free text wraps.
const SHORT_CELL: usize = 10;

fn table(out: &mut String, t: &Table) {
    let numeric = t.numeric_columns();
    let short: Vec<bool> = (0..t.headers.len())
        .map(|j| {
            t.rows.iter().all(|r| {
                r.get(j)
                    .is_none_or(|c| c.display().chars().count() <= SHORT_CELL)
            })
        })
        .collect();
    out.push_str("<table>\n<thead><tr>");
    for h in &t.headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let first_total = t.rows.len() - t.total_rows;
    for (i, row) in t.rows.iter().enumerate() {
        out.push_str(if i >= first_total {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for (j, c) in row.iter().enumerate() {
            let class = match (
                numeric.get(j).copied().unwrap_or(false),
                short.get(j).copied().unwrap_or(false),
            ) {
                (true, _) => " class=\"num short\"",
                (false, true) => " class=\"short\"",
                (false, false) => "",
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(&c.display()));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A line chart of every series over the days, with axes and a legend.
fn chart(out: &mut String, c: &Chart) {
    let (w, h) = (1000.0_f64, 300.0_f64);
    let (left, right, top, bottom) = (50.0, 150.0, 15.0, 40.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = c.days.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: u64| top + plot_h - plot_h * v as f64 / max;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\">"
    );
    // Axes and gridlines at quarters of the maximum.
    for q in 0..=4 {
        let v = (max * q as f64 / 4.0).round() as u64;
        let yy = y(v);
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            left + plot_w,
            left - 6.0,
            yy + 4.0
        );
    }
    let label_every = n.div_ceil(12).max(1);
    for (i, day) in c.days.iter().enumerate() {
        if i % label_every == 0 || i + 1 == n {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x(i),
                top + plot_h + 18.0,
                day.format("%m-%d")
            );
        }
    }
    for (k, s) in c.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        );
        for p in &points {
            if let Some((px, py)) = p.split_once(',') {
                let _ = write!(
                    out,
                    "<circle cx=\"{px}\" cy=\"{py}\" r=\"2.5\" fill=\"{colour}\"/>"
                );
            }
        }
        let ly = top + 10.0 + 20.0 * k as f64;
        let _ = writeln!(
            out,
            "\n<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"4\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            w - right + 15.0,
            ly - 4.0,
            w - right + 35.0,
            ly + 1.0,
            escape(&s.name)
        );
    }
    out.push_str("</svg>\n");
}
