//! Budget execution (contract §8.7): a project's budget and spending (the actuals file's first,
//! else the sheet's), and its score: weight × min(spent ÷ budget, 1), or the formula a rule
//! names for it (`when: not indicator`, `all_or_nothing`). A budget of zero or less cannot be
//! divided by: budget execution keeps its weight and waits for review, and so does a rate no
//! budget reaches (over 1,000 %, or under 0.1 % but above nothing: spending more than ten
//! times the budget or less than a thousandth of it), which is what a budget and a spending in
//! different money units give (元 against 万元: 979,591 %); the note gives both readings, as
//! written and with the 10,000 between the units (`project::implausible_execution`).
//!
//! Published methods score it in steps or bands too (执行率每降低1个百分点扣0.5分; 90%以上得满分):
//! `tiers`, `deduct` and `floor` rules that hold for the indicator 预算执行率 (with the
//! project, unit and department known) score it as the indicator `≥100%` with the execution
//! rate as its actual, through the same code as every indicator ([`super::method::apply`]).

use std::borrow::Cow;

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::actual::Actual;
use super::actuals_file::ProjectActuals;
use super::method::{MethodRules, Written};
use super::reading::Around;
use super::score::{Outcome, Verdict};
use crate::lang::{Op, Quantity, Target, Unit};
use crate::rules::{Facts, Formula, RuleSet};
use crate::table::model::Project;

/// The name the budget row answers to in rules' conditions (`when: indicator == "预算执行率"`).
pub const INDICATOR: &str = "预算执行率";

/// A project's budget and spending.
pub(super) struct Budget {
    pub budget: Option<Decimal>,
    pub spent: Option<Decimal>,
    /// The execution rate a form prints with no amounts (a share), where neither the actuals
    /// file nor the sheet gives a budget or a spending.
    pub rate: Option<Decimal>,
    /// The rate a form prints with no amounts reads two ways (`table.form-rate-doubt`): the
    /// points wait for a person.
    pub rate_doubt: bool,
}

impl Budget {
    /// The budget and spending of `project`: its entry in the actuals file first, else the
    /// sheet's budget row, else (for the budget) the project's total amount.
    pub fn of(entry: Option<&ProjectActuals>, project: &Project) -> Self {
        let budget = entry
            .and_then(|e| e.budget.map(|a| a.0))
            .or(project.budget.as_ref().and_then(|b| b.budget))
            .or(project.amounts.total.as_ref().map(|a| a.value));
        let spent = entry
            .and_then(|e| e.spent.map(|a| a.0))
            .or(project.budget.as_ref().and_then(|b| b.spent));
        let rate = match (budget, spent) {
            (None, None) => project.budget.as_ref().and_then(|b| b.rate),
            _ => None,
        };
        let rate_doubt = budget.is_none()
            && spent.is_none()
            && project.budget.as_ref().is_some_and(|b| b.rate_doubt);
        Budget {
            budget,
            spent,
            rate,
            rate_doubt,
        }
    }

    /// Whether budget execution is scored (a budget is known, or the rate a form prints).
    pub fn applicable(&self) -> bool {
        self.budget.is_some() || self.rate.is_some() || self.rate_doubt
    }

    /// A budget of zero or less, or a printed rate of two readings: budget execution keeps its
    /// weight and waits for review (a finding says why), never dropped to raise the other
    /// indicators.
    pub fn impossible(&self) -> bool {
        self.budget.is_some_and(|b| !positive(b)) || self.rate_doubt
    }

    /// spent ÷ budget, divided once for the budget's score and its execution rate.
    pub fn spent_share(&self) -> Option<Decimal> {
        match (self.budget, self.spent) {
            // checked: amounts are bounded when read, but a budget given by actuals or a rule
            // may not be; past the decimal range the share is unknown (never a panic)
            (Some(b), Some(sp)) if positive(b) => super::exact::div(sp, b),
            (None, None) => self.rate,
            _ => None,
        }
    }

    /// The score of budget execution with `weight` (none where it is not scored or waits for
    /// review), by §8.7 or the `formula` a rule names.
    pub fn score(
        &self,
        spent_share: Option<Decimal>,
        weight: Decimal,
        formula: Option<Formula>,
    ) -> Option<Decimal> {
        let all_or_nothing = matches!(formula, Some(Formula::AllOrNothing | Formula::YesNo));
        (self.applicable() && !self.impossible()).then(|| match spent_share {
            // (compared on the mantissas where the scales allow: `exact`; `min` and `max` as
            // `Ord`'s, which keep the first and the second of two equal values)
            Some(r) if all_or_nothing => {
                if super::exact::cmp(r, Decimal::ONE) != Ordering::Less {
                    weight
                } else {
                    Decimal::ZERO
                }
            }
            Some(r) => {
                let r = match super::exact::cmp(r, Decimal::ONE) {
                    Ordering::Greater => Decimal::ONE,
                    _ => r,
                };
                let r = match super::exact::cmp(Decimal::ZERO, r) {
                    Ordering::Less => r,
                    _ => Decimal::ZERO,
                };
                // (multiplied on the mantissas: `exact`)
                super::exact::mul(weight, r)
            }
            None => Decimal::ZERO,
        })
    }
}

/// `d > 0`, told by its sign and mantissa (a decimal's `cmp` is a call, asked several times a
/// project).
#[inline]
pub(super) fn positive(d: Decimal) -> bool {
    !d.is_sign_negative() && !d.is_zero()
}

/// The formula a rule names for budget execution: the rule that holds without an indicator.
pub(super) fn formula(rules: &RuleSet) -> Option<(Formula, Cow<'static, str>)> {
    rules
        .apply(Facts::default())
        .formula()
        .map(|f| (f.value.formula, f.rule.id.clone()))
}

/// How a method rule scored budget execution: the score, how it was reached, and the ids of
/// the rules that decided.
pub(super) struct ByMethods {
    pub score: Decimal,
    pub how: String,
    pub rules: Vec<Cow<'static, str>>,
}

/// Budget execution of the project `around` names, scored by the `tiers`, `deduct` and `floor`
/// rules that hold for it (none: `None`): the rules for the indicator [`INDICATOR`], its target
/// `≥100%`, its actual the execution rate (`spent_share` in percent) and its points `weight`,
/// so that a `when:` reads them as on any indicator (`actual < 90%`); applied, as on any
/// indicator, to `score`, what §8.7 gives.
pub(super) fn by_methods(
    rules: &RuleSet,
    around: &Around<'_>,
    spent_share: Decimal,
    weight: Decimal,
    score: Decimal,
) -> Option<ByMethods> {
    let percent = Some(Unit(Cow::Borrowed("%")));
    let target = Target::Compare {
        op: Op::Ge,
        quantity: Quantity::new(Decimal::ONE_HUNDRED, percent.clone()),
    };
    // saturating: a rate past the decimal range (spending 10^27 times a budget of 1) is past
    // every step and band, as H31's differences and ratios are (`eval::method`)
    let rate = spent_share.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(
        if spent_share.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        },
    );
    let rate = Quantity::new(rate, percent);
    let methods = MethodRules::from_applied(&rules.apply(Facts {
        indicator: Some(INDICATOR),
        project: Some(around.project),
        unit_name: Some(around.unit),
        department: around.department,
        target_text: Some(TARGET_TEXT),
        target: Some(&target),
        actual: Some(&rate),
        weight: Some(weight),
        ..Facts::default()
    }));
    if methods.is_empty() {
        return None;
    }
    let actual = Actual::Quantity {
        quantity: rate,
        unit_from_target: false,
        copied_comparator: false,
        approximate: false,
    };
    let outcome = Outcome {
        verdict: if spent_share >= Decimal::ONE {
            Verdict::Pass
        } else {
            Verdict::Fail
        },
        score: Some(score),
        formula: String::new(),
        rules: Vec::new(),
        remarks: Vec::new(),
    };
    let written = Written {
        indicator: INDICATOR,
        target: TARGET_TEXT,
        ..Written::default()
    };
    let (o, _) = super::method::apply(&methods, &target, &actual, written, weight, outcome);
    Some(ByMethods {
        score: o.score.unwrap_or(score),
        how: o.formula,
        rules: o.rules,
    })
}

/// The budget row's target as written.
const TARGET_TEXT: &str = "≥100%";
