//! Who holds a project's points where the sheet gives no 分值 (contract §8.1, §8.2): the
//! `category_weight` rule that holds for an indicator (with its project, unit and department
//! known, so a `when:` on them applies) gives its category points; categories whose points
//! come from one rule share them (成本指标 inside 产出指标 by default); any first-level
//! category a sheet writes can carry points (投入, 过程, 决策, 效果 of 部门整体 sheets).
//! Budget execution's points come from the `budget_weight` rule that holds for the project.
//!
//! `assign` weighs a project's rows: where the sheet (or a rule) gives 分值 for every row
//! that applies, those are the weights, the points of rows that do not apply shared among the
//! rest (§8.8); otherwise budget execution keeps its points and the categories present share
//! the rest of the 100 (`shares`; kept per worker by `memo`).

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::evaluate::{Options, scoring_category};
use super::indicator::Scored;
use super::memo::ParseCache;
use super::reading::Around;
use crate::report_model::table_rules;
use crate::rules::set::Applied;
use crate::rules::{Facts, RuleSet};
use crate::table::model::Project;

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
    let standard = standard_category(&facts)?;
    rules
        .apply(Facts {
            category: Some(standard),
            ..facts
        })
        .category_weight()
        .map(|d| (d.rule.id.clone(), d.value))
}

/// The standard name of the written variant of the four categories `facts` holds (`產出目標`,
/// `产出指标（50分）` → `产出指标`), where it differs from what is written: [`category_points`]
/// asks the rules again with it.
pub(super) fn standard_category(facts: &Facts<'_>) -> Option<&'static str> {
    let written = facts.category?.trim();
    scoring_category(written).filter(|standard| !written.is_empty() && *standard != written)
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

/// How a project's points are shared where the sheet and the rules give no weight: the budget
/// execution's weight, and each category's share per indicator (in the order of the groups
/// asked for).
pub(super) struct Shares {
    pub budget: Decimal,
    pub per_indicator: Vec<Decimal>,
    /// Each category's share per indicator before rescaling (its own points less the weights
    /// given, shared by its other indicators): a row scored on another weight keeps it as its
    /// points on the method's scale.
    pub own: Vec<Decimal>,
    /// The rule that gives each category its points.
    pub rules: Vec<Cow<'static, str>>,
}

/// One pool of points of a project, for [`shares`]: the rule that gives the points
/// (categories whose points come from one rule share them), its points, the weights given to
/// some of its indicators (added up) and how many indicators share the rest.
pub(super) struct Group {
    pub pool: Cow<'static, str>,
    pub points: Decimal,
    pub given: Decimal,
    pub open: usize,
}

/// The weights of a project's categories, `groups` (and of its budget execution where
/// `budget` is scored): budget execution keeps its points whatever categories a project has
/// (§8.1), category points are rescaled so that the categories present share the rest of the
/// 100, in proportion to their points, and each category's points less the weights given are
/// shared evenly by its other indicators (§8.2).
pub(super) fn shares(budget: Option<Decimal>, groups: &[Group]) -> Shares {
    let budget_points = budget.map_or(Decimal::ZERO, |b| b.min(Decimal::ONE_HUNDRED));
    let present: Decimal = groups.iter().map(|g| g.points).sum();
    let factor = if present > Decimal::ZERO {
        (Decimal::ONE_HUNDRED - budget_points) / present
    } else {
        Decimal::ONE
    };
    let per_indicator = groups
        .iter()
        .map(|g| {
            let points = g.points * factor;
            if g.open == 0 {
                Decimal::ZERO
            } else {
                ((points - g.given).max(Decimal::ZERO)) / Decimal::from(g.open)
            }
        })
        .collect();
    let own = groups
        .iter()
        .map(|g| {
            if g.open == 0 {
                Decimal::ZERO
            } else {
                (g.points - g.given).max(Decimal::ZERO) / Decimal::from(g.open)
            }
        })
        .collect();
    Shares {
        budget: budget_points,
        per_indicator,
        own,
        rules: groups.iter().map(|g| g.pool.clone()).collect(),
    }
}

/// Weighs the rows of `project` (their `weight` and `weight_rule`) and returns budget
/// execution's weight and the rule that gives it (zero where the project has no budget).
pub(super) fn assign(
    rows: &mut [Scored<'_>],
    project: &Project,
    around: &Around<'_>,
    budget_applicable: bool,
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> (Decimal, Cow<'static, str>) {
    let m = opts.methodology;
    // the rows that apply are walked where needed, not listed (no vector a project)
    let mut applicable = rows.iter().filter(|s| !s.not_applicable).peekable();
    let sheet_weights = applicable.peek().is_some() && applicable.all(|s| s.given().is_some());
    // the budget's points: the rule that holds for this project (a `when:` on its unit,
    // project or department), read per project only where some rule reads those fields
    let (method_budget, rule) = match cache.reads_project(opts.rules) {
        true => budget_points(opts.rules, around.project, around.unit, around.department)
            .unwrap_or((m.budget_weight.value, m.budget_weight.rule.clone())),
        false => (m.budget_weight.value, m.budget_weight.rule.clone()),
    };
    if sheet_weights {
        by_sheet(rows);
        if !budget_applicable {
            return (Decimal::ZERO, rule);
        }
        // a form whose own sums leave the budget row out (contract §4.4): it is not scored
        if project.form.as_deref().is_some_and(|f| f.budget_outside) {
            return (Decimal::ZERO, table_rules::FORM_BUDGET_OUTSIDE.into());
        }
        match project.budget.as_ref().and_then(|b| b.weight) {
            Some(w) => (w, table_rules::SHEET_WEIGHT.into()),
            None => (method_budget, rule),
        }
    } else {
        let budget = by_method(rows, budget_applicable.then_some(method_budget), cache);
        (budget, rule)
    }
}

/// The weights the sheet (or a rule) gives every applicable row; §8.8: the points of rows
/// that do not apply are shared among the rest, in proportion to their 分值 (the budget row
/// keeps its own).
fn by_sheet(rows: &mut [Scored<'_>]) {
    let given = |na: bool| {
        rows.iter()
            .filter(move |s| s.not_applicable == na)
            .filter_map(|s| s.given().map(|(w, _)| w))
            .sum::<Decimal>()
    };
    let (dropped, kept) = (given(true), given(false));
    let share = (dropped > Decimal::ZERO && kept > Decimal::ZERO).then(|| (kept + dropped) / kept);
    for s in rows.iter_mut().filter(|s| !s.not_applicable) {
        if let Some((w, rule)) = s.given() {
            match share {
                Some(f) => {
                    s.weight = w * f;
                    s.weight_rule = Some(Cow::Borrowed("sheet.weight.not-applicable-shared"));
                    s.method_weight = Some(w);
                }
                None => {
                    s.weight = w;
                    s.weight_rule = Some(rule);
                }
            }
        }
    }
}

/// The weights of the method where some row has none: the pools of points present, in order
/// of appearance, shared ([`shares`]); returns budget execution's weight.
fn by_method(rows: &mut [Scored<'_>], budget: Option<Decimal>, cache: &mut ParseCache) -> Decimal {
    // the groups present (pools compared by address first), in order of appearance; each
    // row's group is found again below rather than listed (a project has a few groups)
    let mut groups: Vec<Group> = Vec::with_capacity(4);
    for r in rows.iter().filter(|s| !s.not_applicable) {
        let Some(k) = group_of(&groups, r) else {
            if let Some((pool, points)) = &r.reading.pool {
                groups.push(Group {
                    pool: pool.clone(),
                    points: *points,
                    given: Decimal::ZERO,
                    open: 0,
                });
                let g = groups.last_mut().expect("just pushed");
                match r.given() {
                    Some((w, _)) => g.given += w,
                    None => g.open += 1,
                }
            }
            continue;
        };
        match r.given() {
            Some((w, _)) => groups[k].given += w,
            None => groups[k].open += 1,
        }
    }
    // the shares, and each group's share before rescaling, worked out once for projects
    // divided alike
    let shares = cache.shares(budget, &groups);
    for r in rows.iter_mut().filter(|s| !s.not_applicable) {
        let Some(k) = group_of(&groups, r) else {
            continue;
        };
        match r.given() {
            Some((wt, rule)) => {
                r.weight = wt;
                r.weight_rule = Some(rule);
            }
            None => {
                r.weight = shares.per_indicator[k];
                r.weight_rule = Some(shares.rules[k].clone());
                // the same share of the category's points before they were rescaled (a
                // group with a row here has `open` > 0)
                let own = shares.own[k];
                if own != r.weight && own > Decimal::ZERO {
                    r.method_weight = Some(own);
                }
            }
        }
    }
    shares.budget
}

/// The group of `groups` that `r`'s pool of points belongs to (by the rule's address first,
/// then its id, and the points), if any.
fn group_of(groups: &[Group], r: &Scored<'_>) -> Option<usize> {
    let (pool, points) = r.reading.pool.as_ref()?;
    groups.iter().position(|g| {
        (std::ptr::eq(g.pool.as_ptr(), pool.as_ptr()) || g.pool == *pool) && g.points == *points
    })
}
