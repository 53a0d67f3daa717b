//! Texts past Excel's limit of 32,767 characters a cell, made to fit the xlsx report: the
//! text is cut (and says so at its end), and its row carries a finding
//! (`report.xlsx-cell-cut`) in its 说明 — so one long cell no longer stops the workbook, the
//! page or its downloads, and nothing is cut silently. The other formats keep the whole text.
//!
//! Decision where the spec is silent: the cut keeps the first [`KEEP`] characters, well under
//! the limit, so the notice and a 说明 that quotes part of it still fit; the texts looked at
//! are those the workbook writes from the input (names, targets, actuals, notes, goals).
//! A report with no long text is used as it is (no copy).

use std::borrow::Cow;
use std::sync::Arc;

use super::model::{Difference, IndicatorReport, ProjectReport, Report};
use crate::finding::{Finding, Severity};

/// Excel's limit, in characters.
pub const EXCEL_CELL: usize = 32_767;

/// Characters kept of a text past the limit.
pub const KEEP: usize = 30_000;

fn too_long(s: &str) -> bool {
    // a text of at most EXCEL_CELL bytes has at most as many characters
    s.len() > EXCEL_CELL && s.chars().count() > EXCEL_CELL
}

/// `s` cut to [`KEEP`] characters with a notice at its end.
pub fn cut(s: &str) -> String {
    let mut out: String = s.chars().take(KEEP).collect();
    out.push_str("……（超过 Excel 每格 32767 字的上限，以下已截断；全文见 csv 或 json 报告）");
    out
}

/// A text for a cell: as it is, or cut when past the limit.
pub fn fit(s: &str) -> Cow<'_, str> {
    if too_long(s) {
        Cow::Owned(cut(s))
    } else {
        Cow::Borrowed(s)
    }
}

fn fit_arc(s: &mut Arc<str>, what: &'static str, cut_fields: &mut Vec<&'static str>) {
    if too_long(s) {
        *s = Arc::from(cut(s));
        cut_fields.push(what);
    }
}

fn fit_string(s: &mut String, what: &'static str, cut_fields: &mut Vec<&'static str>) {
    if too_long(s) {
        *s = cut(s);
        cut_fields.push(what);
    }
}

fn message(fields: &[&str]) -> String {
    format!(
        "{}超过 Excel 每格 32767 字的上限，xlsx 中已截断（保留前 {KEEP} 字）；全文见 csv 或 json 报告",
        fields.join("、")
    )
}

fn finding_too_long(f: &Finding) -> bool {
    too_long(&f.message) || f.help.as_deref().is_some_and(too_long)
}

fn fit_finding(f: &mut Finding) {
    if too_long(&f.message) {
        f.message = cut(&f.message).into_boxed_str();
    }
    if let Some(h) = &mut f.help
        && too_long(h)
    {
        *h = cut(h).into();
    }
}

/// The report with every text past Excel's limit cut, and a finding on each row (or project)
/// that had one; borrowed as it is when there is none.
pub fn fit_report(r: &Report) -> Cow<'_, Report> {
    if !any_long(r) {
        return Cow::Borrowed(r);
    }
    let mut r = r.clone();
    fit_quoting(&mut r);
    for p in &mut r.projects {
        fit_project(p);
    }
    for d in &mut r.differences {
        fit_difference(d);
    }
    Cow::Owned(r)
}

/// Whether any text the workbook writes is past the limit.
fn any_long(r: &Report) -> bool {
    r.projects.iter().any(|p| {
        [&p.unit, &p.project]
            .into_iter()
            .chain(p.goal.iter())
            .chain(p.goal_actual.iter())
            .any(|s| too_long(s))
            || p.indicators.iter().any(indicator_long)
            || p.findings.iter().any(finding_too_long)
            || p.budget_note.as_deref().is_some_and(too_long)
    }) || r.differences.iter().any(|d| {
        [&*d.unit, &*d.project, &d.indicator, &d.target, &d.formula]
            .into_iter()
            .chain(d.actual.as_deref())
            .any(too_long)
    }) || r.units.iter().any(|u| too_long(&u.unit))
        || r.department.as_deref().is_some_and(too_long)
        || r.findings.iter().any(finding_too_long)
}

/// Whether a text of the indicator's row is past the limit.
fn indicator_long(i: &IndicatorReport) -> bool {
    [&i.indicator, &i.target, &i.note]
        .into_iter()
        .chain(i.category.iter())
        .chain(i.subcategory.iter())
        .chain(i.actual.iter())
        .chain(i.plan.iter())
        .any(|s| too_long(s))
        || i.deviation_note.as_deref().is_some_and(too_long)
}

/// Texts of the report itself that quote the input (a finding naming a long project), cut
/// with the same notice; the cell they quote carries the finding.
fn fit_quoting(r: &mut Report) {
    let mut ignored = Vec::new();
    for u in &mut r.units {
        fit_string(&mut u.unit, "", &mut ignored);
    }
    if let Some(d) = &mut r.department {
        fit_string(d, "", &mut ignored);
    }
    for f in &mut r.findings {
        fit_finding(f);
    }
    for p in &mut r.projects {
        for f in &mut p.findings {
            fit_finding(f);
        }
        if let Some(n) = &mut p.budget_note {
            fit_string(n, "", &mut ignored);
        }
    }
}

/// A project's own texts and its rows' cut, with a finding for each row that had one and one
/// for the project's own texts.
fn fit_project(p: &mut ProjectReport) {
    let mut general = Vec::new();
    fit_string(&mut p.unit, "单位名称", &mut general);
    fit_string(&mut p.project, "项目名称", &mut general);
    if let Some(g) = &mut p.goal {
        fit_string(g, "绩效目标", &mut general);
    }
    if let Some(g) = &mut p.goal_actual {
        fit_string(g, "目标实际完成情况", &mut general);
    }
    let mut findings = Vec::new();
    for i in &mut p.indicators {
        findings.extend(fit_indicator(i, &mut p.findings));
    }
    if !general.is_empty() {
        findings.push(Finding::new(
            crate::codes::REPORT_XLSX_CELL_CUT,
            Severity::Warning,
            "",
            message(&general),
        ));
    }
    p.findings.extend(findings);
}

/// An indicator row's texts cut, and its finding if any was; the project's `findings` on the
/// row keep finding it by its new name.
fn fit_indicator(i: &mut IndicatorReport, findings: &mut [Finding]) -> Option<Finding> {
    let mut fields = Vec::new();
    let name_before = i.indicator.clone();
    fit_arc(&mut i.indicator, "三级指标", &mut fields);
    fit_arc(&mut i.target, "年度指标值", &mut fields);
    fit_arc(&mut i.note, "说明", &mut fields);
    for (s, what) in [
        (&mut i.category, "一级指标"),
        (&mut i.subcategory, "二级指标"),
        (&mut i.actual, "实际完成值"),
        (&mut i.plan, "计划数"),
    ] {
        if let Some(s) = s {
            fit_arc(s, what, &mut fields);
        }
    }
    if let Some(d) = &mut i.deviation_note {
        fit_string(d, "偏差原因", &mut fields);
    }
    if fields.is_empty() {
        return None;
    }
    for f in findings {
        if f.indicator_name() == Some(&*name_before) {
            f.set_indicator(i.indicator.to_string());
        }
    }
    Some(
        Finding::new(
            crate::codes::REPORT_XLSX_CELL_CUT,
            Severity::Warning,
            &*i.source.file,
            message(&fields),
        )
        .indicator(i.indicator.to_string()),
    )
}

/// A row of 复核差异 cut (its texts quote the rows, which carry the findings).
fn fit_difference(d: &mut Difference) {
    let mut ignored = Vec::new();
    for s in [&mut d.unit, &mut d.project] {
        if too_long(s) {
            *s = cut(s).into();
        }
    }
    for s in [&mut d.indicator, &mut d.target, &mut d.formula] {
        fit_string(s, "", &mut ignored);
    }
    if let Some(a) = &mut d.actual {
        fit_string(a, "", &mut ignored);
    }
}
