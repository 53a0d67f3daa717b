//! Rule tests an auditor writes: a YAML list of cases (indicator + target, optionally category,
//! actual, weight) with what the rules should make of them, run by `jixiao rules test FILE`.
//!
//! Checkable: `op`, `op_from`, `kind`, `canonical`, `direction`, `category`, `checks`, and —
//! where the caller passes a [`Scorer`] (the evaluation stage; `jixiao rules test` does) —
//! `verdict` and `score`. Without a scorer those two are reported as unchecked: a case never
//! passes on an expectation it did not check.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::eval::Facts;
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
    pub target: String,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub project: Option<String>,
    pub actual: Option<String>,
    pub weight: Option<super::model::Number>,
    pub year: Option<i32>,
    pub expect: Expect,
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
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
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
    pub outcome: Outcome,
    pub unchecked: Vec<&'static str>,
}

/// Scores one case: (target as read, category, actual as written, weight) → (verdict, score as
/// shown). Evaluation provides it; the rules layer does not score.
pub type Scorer<'a> =
    &'a dyn Fn(&lang::Parsed, Option<&str>, Option<&str>, Decimal) -> (String, Option<String>);

/// Run every case against a rule set, scoring with `scorer` where given.
pub fn run(rules: &RuleSet, file: &CaseFile, scorer: Option<Scorer<'_>>) -> Vec<CaseResult> {
    file.cases
        .iter()
        .map(|c| run_one(rules, c, scorer))
        .collect()
}

fn run_one(rules: &RuleSet, case: &Case, scorer: Option<Scorer<'_>>) -> CaseResult {
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
        &case.target,
        indicator,
        category.as_deref(),
        case.subcategory.as_deref(),
        case.year,
    );
    let actual_q = case.actual.as_deref().and_then(|a| {
        match lang::parse(a, &lang::Context::unruled()).target {
            Target::Compare { quantity, .. } => Some(quantity),
            _ => None,
        }
    });
    let weight: Option<Decimal> = case.weight.as_ref().and_then(|w| w.decimal());
    let facts = Facts {
        indicator,
        category: category.as_deref(),
        subcategory: case.subcategory.as_deref(),
        project: case.project.as_deref(),
        target_text: Some(&case.target),
        target: Some(&parsed.target),
        actual_text: case.actual.as_deref(),
        actual: actual_q.as_ref(),
        weight,
        ..Facts::default()
    };
    let on = rules.apply(facts);
    let e = &case.expect;
    let mut fails = Vec::new();
    let mut checked = 0;
    let mut check = |what: &str, got: Option<String>, want: &Option<String>| {
        if let Some(want) = want {
            checked += 1;
            if got.as_deref() != Some(want.as_str()) {
                fails.push(format!(
                    "{what}: 得到 {}，期望 {want}",
                    got.as_deref().unwrap_or("（无）")
                ));
            }
        }
    };
    let op = match &parsed.target {
        Target::Compare { op, .. } | Target::Plan { op } | Target::Deadline { op, .. } => {
            Some(op.as_str().to_owned())
        }
        _ => None,
    };
    check("op", op, &e.op);
    check(
        "op_from",
        parsed.provenance.op.as_ref().map(|o| o.to_string()),
        &e.op_from,
    );
    check("kind", Some(parsed.target.kind().to_owned()), &e.kind);
    check("canonical", parsed.target.canonical(), &e.canonical);
    check(
        "direction",
        on.direction().map(|d| d.value.0.as_str().to_owned()),
        &e.direction,
    );
    check("category", category.clone(), &e.category);
    if let Some(want) = &e.checks {
        let mut got: Vec<String> = on.checks().iter().map(|h| h.rule.id.to_string()).collect();
        got.sort();
        let mut want = want.clone();
        want.sort();
        check("checks", Some(got.join(", ")), &Some(want.join(", ")));
    }
    let mut unchecked = Vec::new();
    match scorer {
        Some(score) if e.verdict.is_some() || e.score.is_some() => {
            let (verdict, shown) = score(
                &parsed,
                category.as_deref(),
                case.actual.as_deref(),
                weight.unwrap_or(Decimal::TEN),
            );
            check("verdict", Some(verdict), &e.verdict);
            // Scores compare as numbers: `10` and `10.00` are the same score.
            let same = |a: &str, b: &str| match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
                (Ok(x), Ok(y)) => x == y,
                _ => a == b,
            };
            let shown = match (&shown, &e.score) {
                (Some(got), Some(want)) if same(got, want) => Some(want.clone()),
                _ => shown,
            };
            check("score", shown, &e.score);
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
    let name = case.name.clone().unwrap_or_else(|| {
        let mut n = String::new();
        if let Some(i) = indicator {
            let _ = write!(n, "{i} ");
        }
        n.push_str(&case.target);
        n
    });
    let outcome = if !fails.is_empty() {
        Outcome::Fail(fails)
    } else if checked == 0 && unchecked.is_empty() {
        Outcome::Fail(vec!["expect 中没有任何期望".to_owned()])
    } else if checked == 0 {
        Outcome::Pending
    } else {
        Outcome::Pass
    };
    CaseResult {
        name,
        outcome,
        unchecked,
    }
}
