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
use crate::finding::{Finding, Severity};
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
    /// given, shared by its other indicators), where it is above 0 and differs from the share
    /// the row is scored on: the row keeps it as its points on the method's scale.
    pub method_weight: Vec<Option<Decimal>>,
    /// The rule that gives each category its points.
    pub rules: Vec<Cow<'static, str>>,
    /// Each group whose given weights reach its points on the project's scale while some of
    /// its rows wait for a share (they get 0), or pass them (the project's points past 100):
    /// its index and those points. Empty for nearly every project.
    pub overdrawn: Vec<(usize, Decimal)>,
}

/// One pool of points of a project, for [`shares`]: the rule that gives the points
/// (categories whose points come from one rule share them), its points, the weights given to
/// some of its indicators (added up) and how many indicators share the rest.
#[derive(Clone)]
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
    // the 分值 written on rows of no pool of points (a category no rule gives points, or
    // none) are kept as written, beside the budget's: the categories share what is left
    let fixed: Decimal = groups
        .iter()
        .filter(|g| g.points.is_zero())
        .map(|g| g.given)
        .sum();
    let factor = if present > Decimal::ZERO {
        (Decimal::ONE_HUNDRED - budget_points - fixed).max(Decimal::ZERO) / present
    } else {
        Decimal::ONE
    };
    let overdrawn = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.points > Decimal::ZERO && g.given > Decimal::ZERO)
        .map(|(k, g)| (k, g.points * factor))
        .filter(|(k, room)| {
            let g = &groups[*k];
            let slack = Decimal::new(1, 9);
            g.given - *room > slack || (g.open > 0 && *room - g.given < slack)
        })
        .collect();
    let per_indicator: Vec<Decimal> = groups
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
    let method_weight = groups
        .iter()
        .zip(&per_indicator)
        .map(|(g, scored)| {
            let own = if g.open == 0 {
                Decimal::ZERO
            } else {
                (g.points - g.given).max(Decimal::ZERO) / Decimal::from(g.open)
            };
            (own != *scored && own > Decimal::ZERO).then_some(own)
        })
        .collect();
    Shares {
        budget: budget_points,
        per_indicator,
        method_weight,
        rules: groups.iter().map(|g| g.pool.clone()).collect(),
        overdrawn,
    }
}

/// Weighs the rows of `project` (their `weight` and `weight_rule`) and returns budget
/// execution's weight and the rule that gives it (zero where the project has no budget), and
/// the finding where the 分值 written on some rows leave the others of their category nothing
/// or pass its points (`eval.points-overdrawn`, in `file`).
pub(super) fn assign(
    rows: &mut [Scored<'_>],
    project: &Project,
    around: &Around<'_>,
    budget_applicable: bool,
    opts: &Options<'_>,
    cache: &mut ParseCache,
    file: &str,
) -> (Decimal, Cow<'static, str>, Option<Finding>) {
    let m = opts.methodology;
    // the rows that apply are walked where needed, not listed (no vector a project)
    let mut applicable = rows.iter().filter(|s| !s.not_applicable).peekable();
    let sheet_weights =
        applicable.peek().is_some() && applicable.all(|s| s.given_weight().is_some());
    // the budget's points: the rule that holds for this project (a `when:` on its unit,
    // project or department), read per project only where some rule reads those fields
    let (method_budget, rule) = match cache.reads_project(opts.rules) {
        true => budget_points(opts.rules, around.project, around.unit, around.department)
            .unwrap_or((m.budget_weight.value, m.budget_weight.rule.clone())),
        false => (m.budget_weight.value, m.budget_weight.rule.clone()),
    };
    // a form whose own sums leave the budget row out (contract §4.4): it is not scored
    let outside = project.form.as_deref().is_some_and(|f| f.budget_outside);
    let sheet_budget = project.budget.as_ref().and_then(|b| b.weight);
    if sheet_weights {
        by_sheet(rows);
        if !budget_applicable {
            return (Decimal::ZERO, rule, None);
        }
        if outside {
            return (Decimal::ZERO, table_rules::FORM_BUDGET_OUTSIDE.into(), None);
        }
        match sheet_budget {
            Some(w) => (w, table_rules::SHEET_WEIGHT.into(), None),
            None => (method_budget, rule, None),
        }
    } else {
        // the budget row's 分值 as written, where the sheet gives one: the categories share
        // the rest (before, the method's 10 was taken and the 分值 written dropped unsaid)
        let (budget_weight, rule) = match sheet_budget {
            Some(w) if !outside => (w, table_rules::SHEET_WEIGHT.into()),
            _ => (method_budget, rule),
        };
        let (budget, overdrawn) =
            by_method(rows, budget_applicable.then_some(budget_weight), cache);
        let finding = overdrawn.map(|message| {
            Finding::new(
                crate::codes::EVAL_POINTS_OVERDRAWN,
                Severity::Warning,
                file,
                message,
            )
            .help("为每个指标都填写分值（连同预算执行率合计 100 分），或都不填写（按评分方法分配）")
            .in_project(around.unit, around.project)
        });
        (budget, rule, finding)
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
/// of appearance, shared ([`shares`]); returns budget execution's weight, and what the finding
/// says where a category's 分值 written reach or pass its points ([`overdrawn`]).
///
/// Each row's group is found once (the group of the row before asked first: a project's rows
/// come category by category) and kept for the second walk, which only copies the shares
/// worked out once for projects divided alike; both lists are `cache`'s buffers, reused.
fn by_method(
    rows: &mut [Scored<'_>],
    budget: Option<Decimal>,
    cache: &mut ParseCache,
) -> (Decimal, Option<String>) {
    // the groups present (pools compared by address first), in order of appearance
    let (mut groups, mut of_row) = cache.take_weighing();
    let mut last = NONE;
    for r in rows.iter() {
        if r.not_applicable {
            of_row.push(NONE);
            continue;
        }
        let given = r.given_weight();
        let k = if last != NONE && in_group(&groups[last as usize], r, given.is_some()) {
            Some(last as usize)
        } else {
            group_of_given(&groups, r, given.is_some())
        };
        let k = match k {
            Some(k) => k,
            None => {
                // a row of no pool with a 分值 written keeps it: the loose group, of no points
                let (pool, points) = match (&r.reading.pool, given) {
                    (Some((pool, points)), _) => (pool.clone(), *points),
                    (None, Some(_)) => (Cow::Borrowed(LOOSE), Decimal::ZERO),
                    (None, None) => {
                        of_row.push(NONE);
                        continue;
                    }
                };
                groups.push(Group {
                    pool,
                    points,
                    given: Decimal::ZERO,
                    open: 0,
                });
                groups.len() - 1
            }
        };
        match given {
            Some(w) => super::exact::add_to(&mut groups[k].given, w),
            None => groups[k].open += 1,
        }
        // (a project has fewer groups than u32 holds: one a row at most)
        last = k as u32;
        of_row.push(last);
    }
    // the shares, and each group's share before rescaling, worked out once for projects
    // divided alike
    let shares = cache.shares(budget, &groups);
    for (r, &k) in rows.iter_mut().zip(&of_row) {
        if k == NONE {
            continue;
        }
        let k = k as usize;
        match r.given() {
            Some((wt, rule)) => {
                r.weight = wt;
                r.weight_rule = Some(rule);
            }
            None => {
                r.weight = shares.per_indicator[k];
                r.weight_rule = Some(shares.rules[k].clone());
                // the same share of the category's points before they were rescaled (a
                // group with a row here has `open` > 0), where it differs
                r.method_weight = shares.method_weight[k];
            }
        }
    }
    let overdrawn = (!shares.overdrawn.is_empty()).then(|| overdrawn(rows, &groups, &shares));
    cache.give_back_weighing((groups, of_row));
    (shares.budget, overdrawn)
}

/// No group (a row that does not apply, or of no pool and no 分值).
const NONE: u32 = u32::MAX;

/// The pool of the rows of no category's points that have a 分值 written (kept as written).
const LOOSE: &str = "";

/// What `eval.points-overdrawn` says: for each group of `shares.overdrawn`, its category as
/// written, the 分值 written on its rows against its points on the project's scale, and the
/// rows without one left 0 (or the project's points past 100).
fn overdrawn(rows: &[Scored<'_>], groups: &[Group], shares: &Shares) -> String {
    let mut parts = Vec::with_capacity(shares.overdrawn.len());
    for &(k, room) in &shares.overdrawn {
        let g = &groups[k];
        let in_group = || {
            rows.iter()
                .filter(move |r| !r.not_applicable && group_of(groups, r) == Some(k))
        };
        let category = in_group()
            .find_map(|r| r.row.category.as_deref())
            .unwrap_or("未写一级指标");
        let open: Vec<&str> = in_group()
            .filter(|r| r.given().is_none())
            .map(|r| &*r.row.name)
            .collect();
        let room_text = room.round_dp(2).normalize();
        let mut part = format!(
            "「{category}」已填分值的指标合计 {} 分，{}评分方法给该类的 {room_text} 分",
            g.given.normalize(),
            if g.given > room { "超过" } else { "用尽" },
        );
        if g.points != room {
            part.push_str(&format!(
                "（方法 {} 分，按本项目实有的类别折算）",
                g.points.normalize()
            ));
        }
        if !open.is_empty() {
            let shown = open.iter().take(3).copied().collect::<Vec<_>>().join("、");
            let more = if open.len() > 3 { "等" } else { "" };
            part.push_str(&format!(
                "：未填分值的 {} 个指标（{shown}{more}）分值为 0，不计分",
                open.len()
            ));
        }
        parts.push(part);
    }
    format!(
        "部分指标填了分值、部分没有，未填的按评分方法补足其类别余下的分值：{}",
        parts.join("；")
    )
}

/// The group of `groups` that `r`'s pool of points belongs to (by the rule's address first,
/// then its id, and the points), if any.
fn group_of(groups: &[Group], r: &Scored<'_>) -> Option<usize> {
    group_of_given(groups, r, r.given_weight().is_some())
}

/// [`group_of`], where whether `r` has a 分值 given is known (`given`).
fn group_of_given(groups: &[Group], r: &Scored<'_>, given: bool) -> Option<usize> {
    // a row of no pool is in the loose group where it has a 分值 written
    if r.reading.pool.is_none() && !given {
        return None;
    }
    groups.iter().position(|g| in_group(g, r, given))
}

/// Whether `r` (with a 分值 given where `given`) is in group `g` ([`group_of`]).
#[inline]
fn in_group(g: &Group, r: &Scored<'_>, given: bool) -> bool {
    match r.reading.pool.as_ref() {
        Some((pool, points)) => {
            (std::ptr::eq(g.pool.as_ptr(), pool.as_ptr()) && g.pool.len() == pool.len()
                || g.pool == *pool)
                // (compared on the mantissas: `exact`; asked for every row)
                && super::exact::cmp(g.points, *points).is_eq()
        }
        None => given && g.pool == LOOSE && g.points.is_zero(),
    }
}
