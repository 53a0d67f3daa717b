//! Rule tests an auditor writes: a YAML list of cases (indicator + target, optionally category,
//! actual, weight) with what the rules should make of them, run by `jixiao rules test FILE`.
//!
//! Checkable: `op`, `op_from`, `kind`, `canonical`, `direction`, `category`, `checks`, and —
//! where the caller passes [`Scorers`] (the evaluation stage; `jixiao rules test` does, scoring
//! each case as `jixiao evaluate` would) — `verdict` and `score`, and for a project case
//! (`indicators`, `budget`, `spent`) its `total`, `grade` and `veto`. Without scorers those are
//! reported as unchecked: a case never passes on an expectation it did not check.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::conditions::Facts;
use super::set::RuleSet;
use crate::lang::{self, Target};

/// A rule test file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// A name for the report (default: indicator and target).
    pub name: Option<String>,
    pub indicator: Option<String>,
    /// The target (a single-indicator case); a project case gives `indicators` instead.
    pub target: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub project: Option<String>,
    pub actual: Option<String>,
    pub weight: Option<super::model::Number>,
    pub year: Option<i32>,
    /// A project case: its indicators (scored together, with the budget below).
    pub indicators: Option<Vec<IndicatorCase>>,
    /// 全年预算数 of the case's project.
    pub budget: Option<super::model::Number>,
    /// 全年执行数.
    pub spent: Option<super::model::Number>,
    /// The budget row's 分值, where the sheet gives one.
    pub budget_weight: Option<super::model::Number>,
    pub expect: Expect,
}

/// One indicator of a project case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCase {
    pub indicator: Option<String>,
    pub target: String,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub actual: Option<String>,
    pub weight: Option<super::model::Number>,
}

/// What the rules should make of a case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub op: Option<String>,
    pub op_from: Option<String>,
    pub kind: Option<String>,
    pub canonical: Option<String>,
    pub direction: Option<String>,
    pub category: Option<String>,
    /// Ids of the `require:` checks that fire, exactly (empty list: none).
    pub checks: Option<Vec<String>>,
    pub verdict: Option<String>,
    pub score: Option<String>,
    /// A project case's total as shown (`66.10`).
    pub total: Option<String>,
    /// A project case's grade (`中`).
    pub grade: Option<String>,
    /// The ids of the vetoes that hold, exactly (empty list: none).
    pub veto: Option<Vec<String>>,
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOutcome {
    Pass,
    /// What differed: `field: got …, want …`.
    Fail(Vec<String>),
    /// Only expectations that cannot be checked yet.
    Pending,
}

/// One case's result, with the expectations left unchecked.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    pub outcome: CaseOutcome,
    pub unchecked: Vec<&'static str>,
}

/// Scores cases as evaluation does (the rules layer does not score): a single indicator →
/// (verdict, score as shown); a project case → (total as shown, grade, vetoes that hold).
pub struct Scorers<'a> {
    pub indicator: &'a dyn Fn(&Case) -> (String, Option<String>),
    pub project: &'a dyn Fn(&Case) -> ProjectScore,
}

/// A project case as evaluation scores it: total as shown, grade, ids of the vetoes that hold.
pub type ProjectScore = (String, String, Vec<String>);

/// Run every case against a rule set, scoring with `scorer` where given.
pub fn run(rules: &RuleSet, file: &CaseFile, scorer: Option<&Scorers<'_>>) -> Vec<CaseResult> {
    file.cases
        .iter()
        .map(|c| run_one(rules, c, scorer))
        .collect()
}

/// One indicator case (a project case: [`run_project`]). The steps: the case's target read
/// with the rules' directions, its category inferred where it has none (`read_case`); what the
/// rules decide checked against each expectation written (`Checked`, `check_decisions`); its
/// verdict and score where a scorer is given (`check_score`); the outcome (`outcome`).
fn run_one(rules: &RuleSet, case: &Case, scorer: Option<&Scorers<'_>>) -> CaseResult {
    if case.indicators.is_some() || case.target.is_none() {
        return run_project(case, scorer);
    }
    let read = read_case(rules, case);
    let mut checked = Checked::default();
    check_decisions(rules, case, &read, &mut checked);
    let unchecked = check_score(case, scorer, &mut checked);
    let name = case.name.clone().unwrap_or_else(|| {
        let mut n = String::new();
        if let Some(i) = &case.indicator {
            let _ = write!(n, "{i} ");
        }
        n.push_str(read.target_text);
        n
    });
    CaseResult {
        name,
        outcome: checked.outcome(&unchecked),
        unchecked,
    }
}

/// An indicator case read: its target parsed, its category (written or inferred), its actual
/// as a quantity.
struct ReadCase<'c> {
    target_text: &'c str,
    category: Option<String>,
    parsed: lang::Parsed,
    actual: Option<lang::Quantity>,
}

/// Step 1: the case's category (inferred by the rules where it has none), its target parsed
/// with the rules' directions, its actual read as a quantity.
fn read_case<'c>(rules: &RuleSet, case: &'c Case) -> ReadCase<'c> {
    let target_text = case.target.as_deref().unwrap_or_default();
    let indicator = case.indicator.as_deref();
    let inferred = rules
        .apply(Facts {
            indicator,
            category: case.category.as_deref(),
            subcategory: case.subcategory.as_deref(),
            project: case.project.as_deref(),
            ..Facts::default()
        })
        .category()
        .map(|d| d.value.name.to_owned());
    let category = case.category.clone().or(inferred);
    let parsed = rules.parse_target(
        target_text,
        indicator,
        category.as_deref(),
        case.subcategory.as_deref(),
        case.year,
    );
    let actual = case.actual.as_deref().and_then(|a| {
        match lang::parse(a, &lang::Context::unruled()).target {
            Target::Compare { quantity, .. } => Some(quantity),
            _ => None,
        }
    });
    ReadCase {
        target_text,
        category,
        parsed,
        actual,
    }
}

/// The expectations checked so far and those that failed.
#[derive(Default)]
struct Checked {
    fails: Vec<String>,
    count: usize,
}

impl Checked {
    /// One expectation, where written: `got` must be `want`.
    fn check(&mut self, what: &str, got: Option<String>, want: &Option<String>) {
        if let Some(want) = want {
            self.count += 1;
            if got.as_deref() != Some(want.as_str()) {
                self.fails.push(format!(
                    "{what}: 得到 {}，期望 {want}",
                    got.as_deref().unwrap_or("（无）")
                ));
            }
        }
    }

    /// Step 4: failed where one failed; else pending where only unchecked ones were written,
    /// and a failure where none at all.
    fn outcome(self, unchecked: &[&'static str]) -> CaseOutcome {
        if !self.fails.is_empty() {
            CaseOutcome::Fail(self.fails)
        } else if self.count == 0 && unchecked.is_empty() {
            CaseOutcome::Fail(vec!["expect 中没有任何期望".to_owned()])
        } else if self.count == 0 {
            CaseOutcome::Pending
        } else {
            CaseOutcome::Pass
        }
    }
}

/// Step 2: the target as read (operator, where it came from, kind, canonical form) and the
/// rules' decisions (direction, category, checks) against the expectations.
fn check_decisions(rules: &RuleSet, case: &Case, read: &ReadCase<'_>, checked: &mut Checked) {
    let e = &case.expect;
    let weight: Option<Decimal> = case.weight.as_ref().and_then(|w| w.decimal_as_written());
    let parsed = &read.parsed;
    let on = rules.apply(Facts {
        indicator: case.indicator.as_deref(),
        category: read.category.as_deref(),
        subcategory: case.subcategory.as_deref(),
        project: case.project.as_deref(),
        target_text: Some(read.target_text),
        target: Some(&parsed.target),
        actual_text: case.actual.as_deref(),
        actual: read.actual.as_ref(),
        weight,
        ..Facts::default()
    });
    let op = match &parsed.target {
        Target::Compare { op, .. } | Target::Plan { op } | Target::Deadline { op, .. } => {
            Some(op.as_str().to_owned())
        }
        _ => None,
    };
    checked.check("op", op, &e.op);
    checked.check(
        "op_from",
        parsed.provenance.op.as_ref().map(|o| o.to_string()),
        &e.op_from,
    );
    checked.check("kind", Some(parsed.target.kind().to_owned()), &e.kind);
    checked.check("canonical", parsed.target.canonical(), &e.canonical);
    checked.check(
        "direction",
        on.direction().map(|d| d.value.0.as_str().to_owned()),
        &e.direction,
    );
    checked.check("category", read.category.clone(), &e.category);
    if let Some(want) = &e.checks {
        let mut got: Vec<String> = on.checks().iter().map(|h| h.rule.id.to_string()).collect();
        got.sort();
        let mut want = want.clone();
        want.sort();
        checked.check("checks", Some(got.join(", ")), &Some(want.join(", ")));
    }
}

/// Step 3: the verdict and score as `jixiao evaluate` gives them, where a scorer is given;
/// without one, the expectations left unchecked.
fn check_score(
    case: &Case,
    scorer: Option<&Scorers<'_>>,
    checked: &mut Checked,
) -> Vec<&'static str> {
    let e = &case.expect;
    let mut unchecked = Vec::new();
    match scorer {
        Some(scorers) if e.verdict.is_some() || e.score.is_some() => {
            let (verdict, shown) = (scorers.indicator)(case);
            checked.check("verdict", Some(verdict), &e.verdict);
            // Scores compare as numbers: `10` and `10.00` are the same score.
            let same = |a: &str, b: &str| match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
                (Ok(x), Ok(y)) => x == y,
                _ => a == b,
            };
            let shown = match (&shown, &e.score) {
                (Some(got), Some(want)) if same(got, want) => Some(want.clone()),
                _ => shown,
            };
            checked.check("score", shown, &e.score);
        }
        _ => {
            if e.verdict.is_some() {
                unchecked.push("verdict");
            }
            if e.score.is_some() {
                unchecked.push("score");
            }
        }
    }
    unchecked
}

/// A project case: its total, grade and vetoes, scored as `jixiao evaluate` scores.
fn run_project(case: &Case, scorer: Option<&Scorers<'_>>) -> CaseResult {
    let e = &case.expect;
    let name = case
        .name
        .clone()
        .or_else(|| case.project.clone())
        .unwrap_or_else(|| "项目".to_owned());
    let wants = e.total.is_some() || e.grade.is_some() || e.veto.is_some();
    let Some(scorers) = scorer.filter(|_| wants) else {
        let outcome = if wants {
            CaseOutcome::Pending
        } else {
            CaseOutcome::Fail(vec![
                "项目用例的 expect 应写 total、grade 或 veto".to_owned(),
            ])
        };
        return CaseResult {
            name,
            outcome,
            unchecked: if wants { vec!["total"] } else { vec![] },
        };
    };
    let (total, grade, vetoes) = (scorers.project)(case);
    let mut fails = Vec::new();
    if let Some(want) = &e.total {
        let same = match (total.parse::<Decimal>(), want.parse::<Decimal>()) {
            (Ok(x), Ok(y)) => x == y,
            _ => total == *want,
        };
        if !same {
            fails.push(format!("total: 得到 {total}，期望 {want}"));
        }
    }
    if let Some(want) = &e.grade
        && grade != *want
    {
        fails.push(format!("grade: 得到 {grade}，期望 {want}"));
    }
    if let Some(want) = &e.veto {
        let (mut got, mut want) = (vetoes.clone(), want.clone());
        got.sort();
        want.sort();
        if got != want {
            fails.push(format!(
                "veto: 得到 {}，期望 {}",
                got.join(", "),
                want.join(", ")
            ));
        }
    }
    CaseResult {
        name,
        outcome: if fails.is_empty() {
            CaseOutcome::Pass
        } else {
            CaseOutcome::Fail(fails)
        },
        unchecked: Vec::new(),
    }
}
