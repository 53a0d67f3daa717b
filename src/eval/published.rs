//! The re-check of the scores a sheet printed (contract §4, §5: the unit's own 得分 kept beside
//! the recomputed score): every difference larger than the sheet's rounding is listed, for
//! each indicator, the budget row and the project's 总分. A printed 得分 that cannot be
//! re-checked is listed too, with the reason.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::budget::Budget;
use super::indicator::Scored;
use super::score::{Outcome, Verdict};
use crate::report_model::{Difference, Shown, SourceRef};
use crate::table::model::{BudgetLine, Project, UnitRow};

/// Whether the score of `s` differs from the 得分 the sheet printed for it, beyond
/// `tolerance` (half the last decimal the sheet printed its scores with).
pub(super) fn indicator_differs(
    s: &Scored<'_>,
    outcome: &Outcome,
    tolerance: Option<Decimal>,
) -> bool {
    match (s.row.published_score, outcome.score, tolerance) {
        (Some(p), Some(sc), Some(tol)) => (sc - p).abs() > tol,
        // a printed 得分 that cannot be re-checked is listed, with the reason
        (Some(_), None, _) => outcome.verdict != Verdict::NotApplicable,
        _ => false,
    }
}

/// The difference listed for an indicator whose score differs from the printed one.
pub(super) fn indicator_difference(
    unit: &UnitRow,
    project: &Project,
    s: &Scored<'_>,
    outcome: &Outcome,
    score: Option<Shown>,
    dp: u32,
    source: SourceRef,
) -> Difference {
    Difference {
        unit: crate::finding::shared_unit(&unit.name),
        project: crate::finding::shared_project(&project.name),
        seq: s.row.seq,
        indicator: s.row.name.to_string(),
        target: s.row.target.to_string(),
        actual: s.actual_text.map(str::to_owned),
        weight: Shown::new(s.weight, dp),
        published_score: s.row.published_score,
        score,
        formula: outcome.formula.clone(),
        source,
    }
}

/// The difference listed for the budget row, where it printed a 得分 that differs from the
/// score of budget execution (or that cannot be re-checked).
#[allow(clippy::too_many_arguments)]
pub(super) fn budget_difference(
    unit: &UnitRow,
    project: &Project,
    budget: &Budget,
    weight: Decimal,
    (score, note): (Option<Decimal>, Option<&str>),
    tolerance: Option<Decimal>,
    dp: u32,
    (file, source): (&Arc<str>, &crate::table::source::SourceText),
) -> Option<Difference> {
    let line: &BudgetLine = project.budget.as_ref()?;
    let p = line.published_score?;
    // left out of the total by the form's own sums: shown as printed, not re-scored
    if project.form.as_deref().is_some_and(|f| f.budget_outside) {
        return None;
    }
    let tol = tolerance.unwrap_or_else(|| crate::table::half_unit_at(p.normalize().scale()));
    if score.is_some_and(|b| (b - p).abs() <= tol) {
        return None;
    }
    Some(Difference {
        unit: crate::finding::shared_unit(&unit.name),
        project: crate::finding::shared_project(&project.name),
        seq: 0,
        indicator: "预算执行率".to_owned(),
        target: budget
            .budget
            .map(|b| format!("预算 {}", b.normalize()))
            .unwrap_or_default(),
        actual: budget
            .spent
            .map(|s| format!("执行 {}", s.normalize()))
            .or_else(|| {
                let r = budget.rate?.checked_mul(Decimal::ONE_HUNDRED)?;
                Some(format!("执行率 {}%", r.normalize()))
            }),
        weight: Shown::new(weight, dp),
        published_score: Some(p),
        score: score.map(|b| Shown::new(b, dp)),
        formula: match score {
            Some(_) => format!("{} × 执行率（至多 100%）", weight.normalize()),
            None => waiting(budget, note),
        },
        source: super::assemble::source_ref(file, source, &line.at),
    })
}

/// Why the budget line's points wait, as the difference's formula says it: the line's own
/// note where it has one (a rate no budget reaches gives both readings and the unit to check),
/// else what is missing or cannot be computed.
fn waiting(budget: &Budget, note: Option<&str>) -> String {
    match (note, budget.budget, budget.spent) {
        (Some(n), ..) => format!("未复核：{n}"),
        (None, Some(_), Some(_)) => {
            "预算数和执行数都已填写，但执行率无法计算（预算为 0 或超出可计算的范围），无法复核"
                .to_owned()
        }
        (None, ..) => "预算或执行数缺失，无法复核".to_owned(),
    }
}

/// Whether a project's total differs from the 总分 its form printed, beyond that figure's
/// rounding.
pub(super) fn total_differs(published: Option<Decimal>, total: Decimal) -> bool {
    published.is_some_and(|p| {
        let tol = crate::table::half_unit_at(p.normalize().scale());
        (total - p).abs() > tol
    })
}

/// A form's printed grade against its printed total (`总分 97.67`, `自评等级 良`), graded by the
/// method's bands where the form's points add up to 100 (its printed 分值, else the rows'): the
/// form's two facts disagree, and the report showed them side by side without a word. A grade
/// word the bands do not name (`合格`) is not compared; `优秀`, `良好`, `中等`, `较差` are read by
/// their band's character.
pub(super) fn grade_finding(
    m: &super::methodology::Methodology,
    source: &crate::table::source::SourceText,
    unit: &str,
    project: &Project,
    points: Decimal,
) -> Option<crate::finding::Finding> {
    let total = project.form.as_deref()?.total.as_ref()?;
    let (score, printed) = (total.score?, total.grade.as_deref()?.trim());
    if total.weight.unwrap_or(points) != Decimal::ONE_HUNDRED {
        return None;
    }
    let band = m.grade_of(score);
    let word = |g: &str| -> Option<char> {
        let c = g.chars().next()?;
        let known = matches!(
            g,
            "优" | "优秀" | "良" | "良好" | "中" | "中等" | "一般" | "差" | "较差"
        );
        known.then_some(match g {
            "一般" => '中',
            "较差" => '差',
            _ => c,
        })
    };
    let (Some(a), Some(b)) = (word(printed), band.chars().next()) else {
        return None;
    };
    if a == b {
        return None;
    }
    Some(
        crate::finding::Finding::at_location(
            crate::codes::EVAL_GRADE_PRINTED,
            crate::finding::Severity::Warning,
            source,
            total.at,
            format!(
                "原表等级「{printed}」与原表总分 {} 不符：按评分方法，{} 分为{band}",
                score.normalize(),
                score.normalize()
            ),
        )
        .label("原表总分与等级")
        .help("核对原表的总分和自评等级")
        .in_project(unit, &project.name),
    )
}
