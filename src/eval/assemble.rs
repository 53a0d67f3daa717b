//! What a project's report shows (contract §5), put together once it is scored: each indicator's
//! line (its actual, weight, score, the rules that decided it, its note, its grade word and
//! where it came from), and the project's (budget execution, total, grade, points, findings).
//! Nothing here decides a number; scores are shown to the method's precision (§8.9).

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::budget::Budget;
use super::indicator::{Scored, Scoring};
use super::memo::ParseCache;
use super::methodology::Methodology;
use super::project::Tally;
use super::score::{Outcome, Verdict};
use crate::finding::{Finding, Severity};
use crate::report_model::{
    IndicatorLine, IndicatorReport, ProjectReport, Shown, SourceRef, TotalStatus,
};
use crate::table::model::{Document, Project, UnitRow};

/// Where a cell of the sheet is.
pub(super) fn source_ref(
    file: &Arc<str>,
    source: &crate::table::source::SourceText,
    loc: &crate::table::source::Location,
) -> SourceRef {
    SourceRef {
        file: file.clone(),
        line: loc.line,
        column: Some(loc.column),
        cell: loc.cell.map(|c| c.a1()),
        // the sheet only where the cell is named (a text input has neither)
        sheet: loc
            .cell
            .and_then(|_| source.sheet_at(loc.offset))
            .map(Arc::from),
    }
}

/// An indicator's score as shown (none where it is open or does not apply).
pub(super) fn shown_score(outcome: &Outcome, dp: u32) -> Option<Shown> {
    outcome
        .score
        .filter(|_| outcome.verdict != Verdict::NotApplicable)
        .map(|v| Shown::new(v, dp))
}

/// The rules that decided an indicator, in the order a reader follows them: the target's
/// operator, the inferred category, the subcategory, the weight, then the scoring's. One list
/// for all the lines that list the same rules (`memo`), not one built a row; kept with the
/// reading for the weight's and scoring's rules it was last listed with, so that rows read
/// alike find it by comparing those (rows whose actuals never repeat too).
pub(super) fn rules(
    s: &Scored<'_>,
    scoring: &Scoring,
    cache: &mut ParseCache,
) -> Arc<[Cow<'static, str>]> {
    let outcome_rules = &scoring.outcome.rules;
    let r = &s.reading;
    // the reading's own rules, then the weight's
    let before = usize::from(r.op_rule.is_some())
        + usize::from(r.inferred.is_some())
        + usize::from(r.subcategory.is_some())
        + usize::from(s.weight_rule.is_some());
    let mut last = r.memo.last_rules.borrow_mut();
    if let Some((weight_rule, list)) = &*last
        && same_rule(weight_rule.as_ref(), s.weight_rule.as_ref())
        && list.len() == before + outcome_rules.len()
        && list[before..]
            .iter()
            .zip(outcome_rules)
            .all(|(a, b)| same_rule(Some(a), Some(b)))
    {
        return list.clone();
    }
    let listed = s
        .reading
        .op_rule
        .iter()
        .chain(&s.reading.inferred)
        .chain(s.reading.subcategory.iter().map(|(_, r)| r))
        .chain(&s.weight_rule)
        .chain(outcome_rules);
    let list = cache.rule_list(listed);
    *last = Some((s.weight_rule.clone(), list.clone()));
    list
}

/// Whether two rule ids are the same: by address first (rows read alike share their rules'
/// ids), then by their text.
#[inline]
fn same_rule(a: Option<&Cow<'static, str>>, b: Option<&Cow<'static, str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            (std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()) || **a == **b
        }
        (None, None) => true,
        _ => false,
    }
}

/// Where an indicator's line says it was read: the cell's file, line and column, and for a
/// workbook the cell and its sheet (`cell`: the cell's name, made by the caller, who holds it).
pub(super) struct Place<'a> {
    pub file: &'a Arc<str>,
    pub at: &'a crate::table::source::Location,
    pub cell: Option<&'a str>,
    pub sheet: Option<&'a str>,
}

impl<'a> Place<'a> {
    /// The place of `at` in `source` (`cell`: `at`'s cell named, where it has one).
    pub fn of(
        file: &'a Arc<str>,
        source: &'a crate::table::source::SourceText,
        at: &'a crate::table::source::Location,
        cell: Option<&'a str>,
    ) -> Self {
        Place {
            file,
            at,
            cell,
            // the sheet only where the cell is named (a text input has neither)
            sheet: at.cell.and_then(|_| source.sheet_at(at.offset)),
        }
    }
}

/// The line of an indicator (what its report line holds but for the grade word and plan),
/// borrowed from its row, its reading and its `scoring`: the streamed formats write it as it
/// is, the report keeps it as an [`IndicatorReport`] ([`indicator`]); `rules` is the list
/// [`rules`] gives.
pub(super) fn line<'a>(
    s: &'a Scored<'_>,
    scoring: &'a Scoring,
    (score, differs): (Option<Shown>, bool),
    place: &Place<'a>,
    rules: &'a Arc<[Cow<'static, str>]>,
    dp: u32,
) -> IndicatorLine<'a> {
    let r = &*s.reading;
    IndicatorLine {
        seq: s.row.seq,
        category: r.category.as_ref(),
        // the reading's texts (equal to the row's): rows read alike share them
        subcategory: r
            .written_subcategory
            .as_ref()
            .or(r.subcategory.as_ref().map(|(c, _)| c)),
        indicator: &r.name,
        target: &r.target,
        canonical: r.canonical.as_ref(),
        actual: s.actual_text,
        verdict: scoring.outcome.verdict,
        weight: Shown::new(s.weight, dp),
        score,
        published_score: s.row.published_score,
        rules,
        note: &scoring.note,
        file: place.file,
        line: place.at.line,
        column: Some(place.at.column),
        cell: place.cell,
        sheet: place.sheet,
        category_inferred: r.inferred.is_some(),
        deviation_note: s
            .entry
            .and_then(|a| a.note.as_deref())
            .or(s.row.deviation_note.as_deref()),
        differs_from_published: differs,
        subcategory_inferred: s.row.subcategory.is_none() && r.subcategory.is_some(),
        texts_kept: Some(&r.memo.rendered),
        middle_kept: Some(&scoring.rendered),
    }
}

/// The report line of an indicator: its [`line`] kept, with the grade word and the plan.
pub(super) fn indicator(
    s: &Scored<'_>,
    line: &IndicatorLine<'_>,
    outcome: &Outcome,
    m: &Methodology,
) -> IndicatorReport {
    IndicatorReport::from_line(
        line,
        s.actual(),
        super::grades::word(s, outcome, m),
        s.plan_text().map(Arc::from),
    )
}

/// Budget execution as scored: its figures, weight, the rules that gave its weight and
/// formula, its score and execution rate.
pub(super) struct BudgetScored {
    pub budget: Budget,
    pub weight: Decimal,
    pub rules: Vec<Cow<'static, str>>,
    /// How a method rule scored it (tiers, deductions, a floor), where one did.
    pub note: Option<String>,
    pub score: Option<Decimal>,
    pub execution_rate: Option<Shown>,
}

/// The report of a project: its budget execution, its indicators as tallied, its total and
/// `grade`, and what the form printed.
pub(super) fn project(
    doc: &Document,
    unit: &UnitRow,
    project: &Project,
    tally: Tally,
    budget: BudgetScored,
    grade: String,
    dp: u32,
) -> ProjectReport {
    let form = project.form.as_deref();
    let printed = form.and_then(|f| f.total.as_ref());
    let published_score = printed.and_then(|t| t.score);
    let money_unit: Cow<'static, str> = match form
        .and_then(|f| f.money_unit.as_deref())
        .or(doc.money_unit.as_deref())
    {
        None | Some("万元") => Cow::Borrowed("万元"),
        Some(u) => Cow::Owned(u.to_owned()),
    };
    let (status, mismatches, finding) = standing(doc, unit, project, &tally, &budget, dp);
    let grade = if status == TotalStatus::Scored {
        grade
    } else {
        String::new()
    };
    let mut findings = tally.findings.close();
    if status != TotalStatus::Scored {
        // a project with no total has no grade: the note that grades its total on its points
        // (`等级按折合分评定为优`) would contradict the 待评定 / 未核对 in its place
        findings.retain(|f| f.code != crate::codes::EVAL_POINTS_NOT_100);
    }
    crate::finding::put_first(&mut findings, finding);
    ProjectReport {
        unit: unit.name.clone(),
        project: project.name.clone(),
        budget: budget.budget.budget,
        spent: budget.budget.spent,
        execution_rate: budget.execution_rate,
        score: Shown::new(tally.total, dp),
        grade,
        indicators: tally.indicators,
        budget_weight: Shown::new(budget.weight, dp),
        budget_score: budget.score.map(|b| Shown::new(b, dp)),
        budget_published_score: project.budget.as_ref().and_then(|b| b.published_score),
        budget_rules: budget.rules,
        budget_note: budget.note,
        pending: Shown::new(tally.pending, dp),
        counts: tally.counts,
        money_unit,
        weights: Shown::new(tally.weights, dp),
        published_score,
        published_grade: printed.and_then(|t| t.grade.clone()),
        // no recomputed total (待评定, 未核对): nothing to differ from the printed one
        total_differs: status == TotalStatus::Scored
            && super::published::total_differs(published_score, tally.total),
        goal: project.goal.as_ref().map(|g| g.text.clone()),
        goal_actual: form
            .and_then(|f| f.goal_actual.as_ref())
            .map(|g| g.text.clone()),
        findings,
        status,
        mismatches,
    }
}

/// Whether a project has a total (contract §8.1): 待评定 where no row was scored (its points all
/// wait: pending points are not zero points), 未核对 where its form's own sums disagree under
/// every reading; else scored. A veto decides a grade whatever was scored. The finding that
/// says why, first among the project's.
fn standing(
    doc: &Document,
    unit: &UnitRow,
    project: &Project,
    tally: &Tally,
    budget: &BudgetScored,
    dp: u32,
) -> (TotalStatus, Vec<String>, Option<Finding>) {
    let file = &*doc.source.name;
    let mismatches = project
        .form
        .as_deref()
        .map(|f| f.unchecked.clone())
        .unwrap_or_default();
    if !tally.vetoes.is_empty() {
        return (TotalStatus::Scored, mismatches, None);
    }
    // scored: an indicator that passed or failed, or — a project of no indicators — its
    // budget execution; rows waiting for review or for their actual score nothing yet
    // (counted as the rows were scored: `Tally::add`)
    let scored = tally.decided || (tally.applicable == 0 && budget.score.is_some());
    if !scored {
        let waiting: Decimal = tally.undecided
            + if budget.score.is_none() {
                budget.weight
            } else {
                Decimal::ZERO
            };
        let f = Finding::new(
            crate::codes::EVAL_TOTAL_PENDING,
            Severity::Warning,
            file,
            format!(
                "项目“{}”没有已评定的指标（都待复核或缺实际值）：不给出总分和等级（待评定），{} 分待评定",
                project.name,
                Shown::new(waiting, dp)
            ),
        )
        .help("为待复核的指标补充实际完成值或人工评定后再评分")
        .in_project(&unit.name, &project.name);
        return (TotalStatus::Pending, mismatches, Some(f));
    }
    if !mismatches.is_empty() {
        let f = Finding::new(
            crate::codes::EVAL_TOTAL_UNCHECKED,
            Severity::Warning,
            file,
            format!(
                "项目“{}”的表内加总不符（{}）：未核对，不给出总分和等级",
                project.name,
                mismatches.join("；")
            ),
        )
        .help("核对原表的分值与得分；改正后再评分")
        .in_project(&unit.name, &project.name);
        return (TotalStatus::Unchecked, mismatches, Some(f));
    }
    (TotalStatus::Scored, mismatches, None)
}
