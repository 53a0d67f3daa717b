//! Who holds a project's points where the sheet gives no 分值 (SPEC §8.1, §8.2): the
//! `category_weight` rule that holds for an indicator (with its project, unit and department
//! known, so a `when:` on them applies) gives its category points; categories whose points
//! come from one rule share them (成本指标 inside 产出指标 by default); any first-level
//! category a sheet writes can carry points (投入, 过程, 决策, 效果 of 部门整体 sheets).
//! Budget execution's points come from the `budget_weight` rule that holds for the project.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::evaluate::scoring_category;
use crate::rules::set::Applied;
use crate::rules::{Facts, RuleSet};

/// The pool (the id of the rule that gives the points) and points of an indicator's category,
/// where a rule gives them. `applied` holds the rules applied to `facts`.
pub fn category_points(
    rules: &RuleSet,
    applied: &Applied<'_, '_>,
    facts: Facts<'_>,
) -> Option<(Cow<'static, str>, Decimal)> {
    let written = facts.category?.trim();
    if written.is_empty() {
        return None;
    }
    // the category as written first (`产出` of a 部门整体 sheet may have its own rule), then a
    // written variant of the four (`產出目標`, `产出指标（50分）`) as its standard name
    let decided = applied
        .category_weight()
        .map(|d| (d.rule.id.clone(), d.value));
    if decided.is_some() {
        return decided;
    }
    match scoring_category(written) {
        Some(standard) if standard != written => rules
            .apply(Facts {
                category: Some(standard),
                ..facts
            })
            .category_weight()
            .map(|d| (d.rule.id.clone(), d.value)),
        _ => None,
    }
}

/// The points of budget execution for a project: the `budget_weight` rule that holds with its
/// project, unit and department, with the rule's id.
pub fn budget_points(
    rules: &RuleSet,
    project: &str,
    unit: &str,
    department: Option<&str>,
) -> Option<(Decimal, Cow<'static, str>)> {
    rules
        .apply(Facts {
            project: Some(project),
            unit_name: Some(unit),
            department,
            ..Facts::default()
        })
        .budget_weight()
        .map(|d| (d.value, d.rule.id.clone()))
}
