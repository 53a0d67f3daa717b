//! The roll-up of a pile as one web page ([`render_html`]): the summary line, 各表 with each
//! form linked to its table's 自评表 further down (`#t1`, `#t2`, … by file), 按单位, 按主管部门,
//! the files not read, the copies, 复核意见, then each table's report as the single report's page
//! shows it ([`crate::report::html::body`]). Self-contained: no script, the single report's
//! style.

use std::fmt::Write as _;

use crate::eval::methodology::ScoreBand;
use crate::report::html::{STYLE, body, escape};

use super::render::{summary, text_sections};
use super::rollup::Rollup;

/// The anchor of the table at `i` (by file).
pub fn anchor(i: usize) -> String {
    format!("t{}", i + 1)
}

/// The roll-up as a web page.
pub fn render_html(r: &Rollup, bands: &[ScoreBand]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>绩效自评表复核汇总</title>\n");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str("<h1>绩效自评表复核汇总</h1>\n");
    let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(&summary(r)));
    let index = r.report_index();
    for (title, header, rows) in text_sections(r) {
        let _ = writeln!(out, "<h2>{}</h2>", escape(title));
        if rows.is_empty() {
            out.push_str("<p>（无）</p>\n");
            continue;
        }
        out.push_str("<table>\n<thead><tr>");
        for h in &header {
            let _ = write!(out, "<th>{}</th>", escape(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let file_col = header.iter().position(|h| *h == "文件");
        for row in rows {
            out.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                // a form's file links to its table's 自评表 below
                match (title, Some(c) == file_col, index.get(cell.as_str())) {
                    ("各表" | "复核意见", true, Some(i)) => {
                        let _ = write!(
                            out,
                            "<td><a href=\"#{}\">{}</a></td>",
                            anchor(*i),
                            escape(cell)
                        );
                    }
                    _ => {
                        let _ = write!(out, "<td>{}</td>", escape(cell));
                    }
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for (i, (name, report)) in r.reports.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>",
            anchor(i),
            escape(name)
        );
        out.push_str(&body(report, bands));
        out.push_str("</section>\n");
    }
    out.push_str(
        "<footer>由 jixiao 生成：分数按精确值计算，显示时四舍五入（半进位）；合计为精确值之和。</footer>\n",
    );
    out.push_str("</body>\n</html>\n");
    out
}
