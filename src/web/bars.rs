//! The chart of project scores as the page draws it for a narrow screen: one bar a project in
//! the page's own markup (an ordered list), its label above the bar and wrapping, so it stays
//! readable at 400 px where the report's SVG chart, scaled down to the width, shrinks its
//! labels to a few pixels. The page's style shows one or the other by width; each bar links to
//! its project's 自评表, as the SVG's do. Drawn for the projects the SVG draws (it is left out
//! where the report leaves the chart out).

use std::fmt::Write as _;

use crate::report::html::escape;
use crate::report::model::Report;

/// What marks the report's chart in its HTML.
const CHART: &str = "aria-label=\"项目得分条形图\"";

/// `body` (the report's HTML sections) with the bars after its chart; unchanged where it has
/// no chart. `prefix` goes before the projects' anchors (`project-3` → `f2-project-3` on a
/// page of several tables).
pub fn with_bars(body: &str, report: &Report, prefix: &str) -> String {
    let Some(at) = body.find(CHART) else {
        return body.to_owned();
    };
    let Some(end) = body[at..]
        .find("</svg>\n")
        .map(|e| at + e + "</svg>\n".len())
    else {
        return body.to_owned();
    };
    let mut out = String::with_capacity(body.len() + report.projects.len() * 240);
    out.push_str(&body[..end]);
    bars(&mut out, report, prefix);
    out.push_str(&body[end..]);
    out
}

fn bars(out: &mut String, report: &Report, prefix: &str) {
    out.push_str("<ol class=\"bars\" aria-label=\"项目得分\">\n");
    for (n, p) in report.projects.iter().enumerate() {
        let name = if p.unit.is_empty() {
            p.project.clone()
        } else {
            format!("{} / {}", p.unit, p.project)
        };
        // a project with no total (待评定, 未核对) has no bar: its state is written instead
        let (width, grade) = if p.has_total() {
            let score = p.score.rounded().clamp(
                rust_decimal::Decimal::ZERO,
                rust_decimal::Decimal::ONE_HUNDRED,
            );
            (score.round_dp(2).to_string(), p.grade.as_str())
        } else {
            ("0".to_owned(), "")
        };
        let value = if grade.is_empty() {
            p.total_text()
        } else {
            format!("{}（{grade}）", p.total_text())
        };
        let _ = writeln!(
            out,
            "<li><a href=\"#{prefix}project-{n}\"><span class=\"label\">{n}. {name}</span><span class=\"track\"><span class=\"fill g-{g}\" style=\"width:{width}%\"></span></span><span class=\"value grade-{g}\">{value}</span></a></li>",
            n = n + 1,
            prefix = escape(prefix),
            name = escape(&name),
            g = escape(grade),
            value = escape(&value),
        );
    }
    out.push_str("</ol>\n");
}
