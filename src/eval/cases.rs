//! `jixiao rules test` scores through evaluation itself (contract §6): a case becomes a one-project
//! sheet — its indicators (or the one indicator), budget and spent — and is evaluated exactly as
//! `jixiao evaluate` would evaluate it, rules, formulas, tiers, deductions, vetoes and all.

use rust_decimal::Decimal;

use crate::report_model::Report;
use crate::rules::RuleSet;
use crate::rules::cases::{Case, IndicatorCase};
use crate::table::{self, ReadOptions};

/// The one-project sheet of a case, as CSV (the table readers read it like any sheet).
fn sheet(case: &Case) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
        "全年预算数",
        "全年执行数",
    ]);
    let project = case.project.as_deref().unwrap_or("测试项目");
    let n = |v: &Option<crate::rules::model::Number>| {
        v.as_ref()
            .and_then(|v| v.decimal_as_written())
            .map(|d| d.normalize().to_string())
            .unwrap_or_default()
    };
    if case.budget.is_some() {
        let _ = w.write_record([
            project,
            "",
            "",
            "",
            "",
            "",
            &n(&case.budget_weight),
            &n(&case.budget),
            &n(&case.spent),
        ]);
    }
    let one;
    let rows: &[IndicatorCase] = match &case.indicators {
        Some(list) => list,
        None => {
            one = [IndicatorCase {
                indicator: case.indicator.clone(),
                target: case.target.clone().unwrap_or_default(),
                category: case.category.clone(),
                subcategory: case.subcategory.clone(),
                actual: case.actual.clone(),
                // a single indicator is scored on its own points (10 unless given)
                weight: Some(
                    case.weight
                        .clone()
                        .unwrap_or(crate::rules::model::Number::Int(10)),
                ),
            }];
            &one
        }
    };
    for r in rows {
        let _ = w.write_record([
            project,
            r.category.as_deref().unwrap_or(""),
            r.subcategory.as_deref().unwrap_or(""),
            r.indicator.as_deref().unwrap_or(""),
            &r.target,
            r.actual.as_deref().unwrap_or(""),
            &n(&r.weight),
            "",
            "",
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Evaluates a case as `jixiao evaluate` would; `Err` with the reader's message where the
/// case does not make a sheet.
pub fn evaluate_case(rules: &RuleSet, case: &Case) -> Result<Report, String> {
    let text = sheet(case);
    let doc =
        table::read_str("case.csv", &text, &ReadOptions::default()).map_err(|e| e.to_string())?;
    Ok(super::evaluate_with_rules(&doc, None, rules, case.year, None).0)
}

/// The verdict and shown score of a single-indicator case, through evaluation.
pub fn score_indicator(rules: &RuleSet, case: &Case) -> (String, Option<String>) {
    match evaluate_case(rules, case) {
        Ok(r) => match r.projects.first().and_then(|p| p.indicators.first()) {
            Some(i) => (
                i.verdict.as_str().to_owned(),
                i.score.map(|s| s.to_string()),
            ),
            None => ("invalid".into(), None),
        },
        Err(e) => (format!("invalid（{e}）"), None),
    }
}

/// A project case's total as shown, its grade, and the ids of the vetoes that hold.
pub fn score_project(rules: &RuleSet, case: &Case) -> (String, String, Vec<String>) {
    match evaluate_case(rules, case) {
        Ok(r) => match r.projects.first() {
            Some(p) => (
                p.score.to_string(),
                p.grade.clone(),
                p.findings
                    .iter()
                    .filter(|f| {
                        rules
                            .rule(&f.code)
                            .is_some_and(|r| r.choice.key() == Some("veto"))
                    })
                    .map(|f| f.code.to_string())
                    .collect(),
            ),
            None => (Decimal::ZERO.to_string(), String::new(), Vec::new()),
        },
        Err(e) => (format!("（{e}）"), String::new(), Vec::new()),
    }
}
