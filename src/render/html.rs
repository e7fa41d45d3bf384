//! One self-contained HTML file (no external fonts, scripts or styles) that
//! prints as a form on A4 from Chromium, Chrome or Edge (SPEC §4, §9): the
//! header row repeats on every page, each page says 第 N 页 共 M 页 (CSS
//! `@page` margin boxes), marked rows are bold with a ▲ so they survive
//! black-and-white printing, and the last rows stay on one page with the
//! 填报人 / 审核人 / 日期 lines. A bundle's parts each start a new page.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::{Block, Cell, Chart, Document, Series, Table, long_date};
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

// Sizes are chosen so that `daily` prints at least 25 rows on a landscape
// page and `summary` for 12 departments fits one portrait page (checked by
// tests/paper.rs in a real browser).
const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm 10mm 13mm; }
@page portrait { size: A4 portrait; margin: 12mm 10mm 13mm; }
section.portrait { page: portrait; }
section + section { break-before: page; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
       font-size: 9pt; line-height: 1.3; color: #000; margin: 0 auto; max-width: 277mm; padding: 6mm; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 3mm; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
thead { display: table-header-group; }
tr, tbody.tail { break-inside: avoid; }
th, td { border: 0.6pt solid #333; padding: 0.5mm 1.2mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.short { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f4f4f4; }
tr.mark td { font-weight: bold; background: #ffe0e0; }
td.end { border: none; padding: 1mm 0 0; }
p.line { margin: 1mm 0; }
.cols { display: flex; gap: 5mm; align-items: flex-start; }
.cols > div { flex: 1 1 auto; }
.sign { display: flex; justify-content: space-between; margin-top: 6mm; break-inside: avoid; }
.sign span { flex: 1; }
.sign b { display: inline-block; width: 40mm; border-bottom: 0.8pt solid #000; margin-left: 2mm; }
svg { width: 100%; height: auto; margin: 2mm 0; break-inside: avoid; }
svg text { font-size: 11px; }
@media print { body { padding: 0; max-width: none; }
  th, tr.mark td, tr.total td { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"#;

const COLOURS: [&str; 6] = [
    "#1f5fa8", "#c0392b", "#d68910", "#7d3c98", "#117a65", "#555555",
];

/// The mark before the first cell of a marked row.
const MARK: &str = "▲ ";

/// `@page` margin box with 第 N 页 共 M 页 in the report's language.
fn page_numbers(lang: Lang) -> String {
    let text = L::PageOfPages.text(lang);
    let mut content = String::new();
    for (i, piece) in text.split("{pages}").enumerate() {
        if i > 0 {
            content.push_str(" counter(pages) ");
        }
        for (k, part) in piece.split("{page}").enumerate() {
            if k > 0 {
                content.push_str(" counter(page) ");
            }
            if !part.is_empty() {
                let _ = write!(content, "\"{}\"", part.replace('"', "\\\""));
            }
        }
    }
    format!(
        "@page {{ @bottom-center {{ content: {content}; font-size: 9pt; font-family: \"Noto Sans CJK SC\", \"Microsoft YaHei\", sans-serif; }} }}\n"
    )
}

/// One section of the output: a report, or a part of a bundle.
struct Section<'a> {
    title: &'a str,
    portrait: bool,
    blocks: Vec<&'a Block>,
}

fn sections(doc: &Document) -> Vec<Section<'_>> {
    let mut out = vec![Section {
        title: &doc.print_title,
        portrait: doc.portrait,
        blocks: Vec::new(),
    }];
    for block in &doc.blocks {
        match block {
            Block::Part(p) => out.push(Section {
                title: &p.print_title,
                portrait: p.portrait,
                blocks: Vec::new(),
            }),
            other => {
                if let Some(s) = out.last_mut() {
                    s.blocks.push(other);
                }
            }
        }
    }
    // A bundle's own (empty) head is not a page.
    if out.len() > 1 && out[0].blocks.is_empty() {
        out.remove(0);
    }
    out
}

pub fn render(doc: &Document) -> String {
    let mut html = String::new();
    let _ = write(doc, &mut |piece| {
        html.push_str(piece);
        Ok(())
    });
    html
}

/// Bytes of HTML gathered before they are handed on.
const PIECE: usize = 1 << 16;

/// The page handed to `sink` a piece at a time, so a district's daily
/// table is never held whole as HTML as well (`print` of 30,000 people
/// peaked at 66 MB).
pub fn write(
    doc: &Document,
    sink: &mut dyn FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let lang = match doc.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut failed: Option<anyhow::Error> = None;
    let mut flush = |buf: &mut String| {
        if failed.is_none()
            && let Err(e) = sink(buf)
        {
            failed = Some(e);
        }
        buf.clear();
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}{pages}</style>\n</head>\n<body>\n",
        title = escape(&doc.print_title),
        pages = page_numbers(doc.lang),
    );
    for section in sections(doc) {
        render_section(&mut out, &section, doc, &mut flush);
    }
    out.push_str("</body>\n</html>\n");
    flush(&mut out);
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn render_section(
    out: &mut String,
    section: &Section,
    doc: &Document,
    flush: &mut dyn FnMut(&mut String),
) {
    let class = if section.portrait {
        "portrait"
    } else {
        "landscape"
    };
    let _ = writeln!(
        out,
        "<section class=\"{class}\">\n<h1>{}</h1>",
        escape(section.title)
    );
    // The last table carries what follows it (totals lines) and the
    // sign-off in its own last rows, so they print on one page together.
    let last_table = section
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Table(_)))
        .filter(|&i| {
            section.blocks[i + 1..]
                .iter()
                .all(|b| matches!(b, Block::Lines(_)))
        });
    for (i, block) in section.blocks.iter().enumerate() {
        match block {
            Block::Table(t) => {
                let tail = (Some(i) == last_table).then(|| {
                    let mut tail = String::new();
                    for b in &section.blocks[i + 1..] {
                        if let Block::Lines(lines) = b {
                            lines_html(&mut tail, lines);
                        }
                    }
                    if doc.sign_off {
                        sign_off(&mut tail, doc.lang);
                    }
                    tail
                });
                table(out, t, doc.lang, tail.as_deref(), flush);
            }
            Block::Lines(_) if last_table.is_some_and(|t| i > t) => {}
            other => simple_block(out, other, doc.lang),
        }
    }
    if last_table.is_none() && doc.sign_off {
        sign_off(out, doc.lang);
    }
    out.push_str("</section>\n");
}

/// A block other than the table that carries the sign-off.
fn simple_block(out: &mut String, block: &Block, lang: Lang) {
    match block {
        Block::Heading(h) => {
            let _ = writeln!(out, "<h2>{}</h2>", escape(h));
        }
        Block::Table(t) => table(out, t, lang, None, &mut |_| {}),
        Block::Lines(lines) => lines_html(out, lines),
        Block::Chart(c) => chart(out, c, lang),
        Block::Columns(groups) => {
            out.push_str("<div class=\"cols\">\n");
            for group in groups {
                out.push_str("<div>\n");
                for b in group {
                    simple_block(out, b, lang);
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
        Block::Part(_) => {}
    }
}

fn lines_html(out: &mut String, lines: &[String]) {
    for line in lines {
        let _ = writeln!(out, "<p class=\"line\">{}</p>", escape(line));
    }
}

fn sign_off(out: &mut String, lang: Lang) {
    let _ = writeln!(
        out,
        "<div class=\"sign\"><span>{}{colon}<b></b></span><span>{}{colon}<b></b></span><span>{}{colon}<b></b></span></div>",
        L::SignFiller.text(lang),
        L::SignReviewer.text(lang),
        L::SignDate.text(lang),
        colon = L::Colon.text(lang),
    );
}

/// Cells up to this display width (a Chinese character counts two) never
/// wrap: names, roles, places, a post (一线（和平里社区） is 18). Longer
/// text wraps, an isolation with its end and day among it
/// (居家隔离（至 2020年3月3日，第1天） is 35).
const SHORT_CELL: usize = 28;

/// How many last rows stay on the page of the sign-off lines.
const KEEP_ROWS: usize = 3;

fn cell_text(c: &Cell, lang: Lang) -> String {
    match c {
        Cell::Date(d) => long_date(*d, lang),
        other => other.display(),
    }
}

fn table(
    out: &mut String,
    t: &Table,
    lang: Lang,
    tail: Option<&str>,
    flush: &mut dyn FnMut(&mut String),
) {
    let numeric = t.numeric_columns();
    let short: Vec<bool> = (0..t.headers.len())
        .map(|j| {
            t.rows.iter().all(|r| {
                r.get(j)
                    .is_none_or(|c| cell_text(c, lang).width() <= SHORT_CELL)
            })
        })
        .collect();
    out.push_str("<table>\n<thead><tr>");
    for h in &t.headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let first_total = t.rows.len() - t.total_rows;
    let keep_from = match tail {
        Some(_) => t.rows.len().saturating_sub(KEEP_ROWS),
        None => t.rows.len(),
    };
    for (i, row) in t.rows.iter().enumerate() {
        if i == keep_from && i > 0 {
            out.push_str("</tbody>\n<tbody class=\"tail\">\n");
        }
        let marked = t.is_marked(i);
        out.push_str(if marked {
            "<tr class=\"mark\">"
        } else if i >= first_total {
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
            let mark = if marked && j == 0 { MARK } else { "" };
            let _ = write!(out, "<td{class}>{mark}{}</td>", escape(&cell_text(c, lang)));
        }
        out.push_str("</tr>\n");
        if out.len() >= PIECE {
            flush(out);
        }
    }
    if let Some(tail) = tail {
        let legend = if t.marked.is_empty() {
            String::new()
        } else {
            format!("<p class=\"line\">{}</p>", escape(L::MarkLegend.text(lang)))
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"end\" colspan=\"{}\">{legend}{tail}</td></tr>",
            t.headers.len().max(1)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if tail.is_none() && !t.marked.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"line\">{}</p>",
            escape(L::MarkLegend.text(lang))
        );
    }
}

/// Whole-number gridlines: a step of 1, 2 or 5 times a power of ten, so
/// that about four steps reach the maximum.
fn axis(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let raw = max.div_ceil(4).max(1);
    let mut pow = 1;
    while pow * 10 <= raw {
        pow *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10 * pow);
    (step, max.div_ceil(step) * step)
}

/// A series with its place in the chart (its colour and dash).
type Indexed<'a> = (usize, &'a Series);

/// A line chart. Series much smaller than the largest (fever, contact,
/// isolated beside 已报) get a second panel with their own scale, so they
/// do not lie flat on zero.
fn chart(out: &mut String, c: &Chart, lang: Lang) {
    let peak = |s: &Series| s.values.iter().copied().max().unwrap_or(0);
    let top = c.series.iter().map(peak).max().unwrap_or(0);
    let (big, small): (Vec<Indexed>, Vec<Indexed>) = c
        .series
        .iter()
        .enumerate()
        .partition(|(_, s)| peak(s) * 4 > top || top < 8);
    let panels: Vec<&Vec<(usize, &Series)>> = [&big, &small]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    let (w, panel_h) = (1200.0_f64, 210.0_f64);
    let h = panel_h * panels.len() as f64;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\">"
    );
    for (k, panel_series) in panels.iter().enumerate() {
        panel(out, c, panel_series, k as f64 * panel_h, w, panel_h, lang);
    }
    out.push_str("</svg>\n");
}

fn panel(
    out: &mut String,
    c: &Chart,
    series: &[(usize, &Series)],
    y0: f64,
    w: f64,
    h: f64,
    lang: Lang,
) {
    let (left, right, top, bottom) = (50.0, 150.0, 26.0, 30.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max = series
        .iter()
        .flat_map(|(_, s)| s.values.iter().copied())
        .max()
        .unwrap_or(0);
    let (step, axis_max) = axis(max);
    let n = c.days.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: u64| y0 + top + plot_h - plot_h * v as f64 / axis_max as f64;
    let mut v = 0;
    while v <= axis_max {
        let yy = y(v);
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            left + plot_w,
            left - 6.0,
            yy + 4.0
        );
        v += step;
    }
    let label_every = n.div_ceil(12).max(1);
    for (i, day) in c.days.iter().enumerate() {
        // The last day too, unless it would crowd the label before it.
        let last = i + 1 == n && i % label_every >= label_every.div_ceil(2);
        if i % label_every == 0 || last {
            let label = match lang {
                Lang::Zh => day.format("%-m月%-d日").to_string(),
                Lang::En => day.format("%m-%d").to_string(),
            };
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text>",
                x(i),
                y0 + top + plot_h + 16.0,
            );
        }
    }
    for (row, (k, s)) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        // Dashes tell the lines apart in black and white.
        let dash = [
            "",
            " stroke-dasharray=\"8 4\"",
            " stroke-dasharray=\"2 3\"",
            " stroke-dasharray=\"10 3 2 3\"",
        ][k % 4];
        let points: Vec<(f64, f64)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (x(i), y(*v)))
            .collect();
        let path: Vec<String> = points
            .iter()
            .map(|(a, b)| format!("{a:.1},{b:.1}"))
            .collect();
        let _ = writeln!(
            out,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
            path.join(" ")
        );
        for (px, py) in &points {
            let _ = write!(
                out,
                "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"2.5\" fill=\"{colour}\"/>"
            );
        }
        let ly = y0 + top + 10.0 + 20.0 * row as f64;
        let _ = writeln!(
            out,
            "\n<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            w - right + 15.0,
            ly - 4.0,
            w - right + 35.0,
            ly - 4.0,
            w - right + 40.0,
            ly + 1.0,
            escape(&s.name)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_whole_numbers() {
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(3), (1, 3));
        assert_eq!(axis(7), (2, 8));
        assert_eq!(axis(90), (50, 100));
        assert_eq!(axis(37), (10, 40));
    }

    #[test]
    fn small_series_get_their_own_panel_and_whole_number_axis() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2020, 2, d).unwrap();
        let series = |name: &str, values: Vec<u64>| Series {
            name: name.into(),
            values,
        };
        let c = Chart {
            days: vec![day(16), day(17), day(18)],
            series: vec![
                series("已报", vec![90, 88, 90]),
                series("发热", vec![0, 1, 3]),
                series("隔离", vec![1, 1, 2]),
            ],
        };
        let mut out = String::new();
        chart(&mut out, &c, Lang::Zh);
        // Two panels: 0..100 by 50, and 0..3 by 1.
        assert!(out.contains("viewBox=\"0 0 1200 420\""), "{out}");
        let labels: Vec<&str> = out
            .split("text-anchor=\"end\">")
            .skip(1)
            .filter_map(|s| s.split('<').next())
            .collect();
        assert_eq!(labels, ["0", "50", "100", "0", "1", "2", "3"]);
        assert!(out.contains(">2月18日<"));
    }

    #[test]
    fn page_numbers_use_both_counters() {
        let css = page_numbers(Lang::Zh);
        assert!(
            css.contains("\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""),
            "{css}"
        );
    }
}
