//! Budget execution (SPEC §8.7): a project's budget and spending (the actuals file's first,
//! else the sheet's), and its score: weight × min(spent ÷ budget, 1), or the formula a rule
//! names for it (`when: not indicator`, `all_or_nothing`). A budget of zero or less cannot be
//! divided by: budget execution keeps its weight and waits for review.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::actuals_file::ProjectActuals;
use crate::rules::{Facts, Formula, RuleSet};
use crate::table::model::Project;

/// A project's budget and spending.
pub(super) struct Budget {
    pub budget: Option<Decimal>,
    pub spent: Option<Decimal>,
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
        Budget { budget, spent }
    }

    /// Whether budget execution is scored (a budget is known).
    pub fn applicable(&self) -> bool {
        self.budget.is_some()
    }

    /// A budget of zero or less: budget execution keeps its weight and waits for review (a
    /// finding says why), never dropped to raise the other indicators.
    pub fn impossible(&self) -> bool {
        self.budget.is_some_and(|b| b <= Decimal::ZERO)
    }

    /// spent ÷ budget, divided once for the budget's score and its execution rate.
    pub fn spent_share(&self) -> Option<Decimal> {
        match (self.budget, self.spent) {
            (Some(b), Some(sp)) if b > Decimal::ZERO => Some(sp / b),
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
            Some(r) if all_or_nothing => {
                if r >= Decimal::ONE {
                    weight
                } else {
                    Decimal::ZERO
                }
            }
            Some(r) => weight * r.min(Decimal::ONE).max(Decimal::ZERO),
            None => Decimal::ZERO,
        })
    }
}

/// The formula a rule names for budget execution: the rule that holds without an indicator.
pub(super) fn formula(rules: &RuleSet) -> Option<(Formula, Cow<'static, str>)> {
    rules
        .apply(Facts::default())
        .formula()
        .map(|f| (f.value.formula, f.rule.id.clone()))
}
