//! A flat sheet's own total row: `总分`, `合计`, `总计` (or `得分合计`, `小计`…) in the 三级指标 column
//! (or the 一级指标 column with no 三级指标), no target and no actual. It is the form's printed
//! sum, never an indicator (read as one, its 分值 100 doubled the project's points and its 得分
//! was scored as an indicator of its own): kept as the project's printed total, as a form's
//! 总分 row is (`FormFacts::total`, the published total the recomputed one is compared with),
//! and checked against the sheet's rows: its 得分 against the sum of the 得分 and its 分值
//! against the sum of the 分值, the budget row's included or — where only that reading agrees
//! — not. A sum no reading makes agree is a warning naming both figures
//! (`table.form-total-mismatch`, the forms' code) and leaves the project 未核对, as a form's
//! does. A `小计` row is a subtotal, not the total: checked the same way against the rows since
//! the project's last subtotal ([`Subtotal`]), as offices print one under each 一级指标.

use rust_decimal::Decimal;

use crate::finding::{Finding, Severity, codes};
use crate::table::Ctx;
use crate::table::amount::half_unit_at;
use crate::table::model::{FormFacts, FormKind, FormTotal, Project};
use crate::table::source::Location;

/// Whether the name `text` (a 三级指标 or 一级指标 cell) is a total row's: `总分`, `合计`,
/// `总计`, `小计`, `得分合计`, `分值合计`, `总得分`, `自评总分`, `综合得分`, spaces and a
/// trailing colon aside. Cheap where it is not (most names do not start with 总, 合, 小, 得, 分,
/// 自 or 综).
pub(crate) fn is_total_name(text: &str) -> bool {
    // (a name that starts with no space is not trimmed: most, asked once a project)
    let first = match text.chars().next() {
        Some(c) if c.is_whitespace() => text.trim_start().chars().next(),
        first => first,
    };
    if !matches!(
        first,
        Some('总' | '合' | '小' | '得' | '分' | '自' | '综' | '總')
    ) {
        return false;
    }
    let name: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let name = name.trim_end_matches([':', '：']);
    matches!(
        name,
        "总分"
            | "总计"
            | "合计"
            | "小计"
            | "總分"
            | "總計"
            | "合計"
            | "得分合计"
            | "分值合计"
            | "总得分"
            | "自评总分"
            | "自评得分合计"
            | "综合得分"
            | "总分值"
    )
}

/// Whether the total row named `text` is a subtotal's (`小计`): the sum of the rows above it
/// since the project's last subtotal (a category's, as offices print one under each 一级指标),
/// never the project's total (taken for it, the first 小计 was the project's printed total and
/// the real 合计 row "a second total, not used": a false mismatch on a sheet whose sums all agree).
pub(crate) fn is_subtotal_name(text: &str) -> bool {
    let name: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    name.trim_end_matches([':', '：']) == "小计"
}

/// Whether a cell's text names a subtotal row: `小计`, or a category's (`产出指标小计`, at most
/// twelve characters), a trailing colon aside; a form's first cell or indicator cell, a flat
/// sheet's 一级指标 or 三级指标 cell with no target and no actual.
pub(crate) fn names_subtotal(text: &str) -> bool {
    // (asked of every form row's first cell: most have no 计, told by one character's search)
    if !text.contains('计') || !text.contains("小计") {
        return false;
    }
    let n = crate::table::columns::normalize(text);
    let n = n.trim_end_matches([':', '：']);
    n.ends_with("小计") && n.chars().count() <= 12
}

/// A subtotal row (`小计`) of a project: its 分值 and 得分, and the project's indicators it sums
/// (`from..to`, the rows since its last subtotal).
#[derive(Debug, Clone)]
pub(crate) struct Subtotal {
    pub from: usize,
    pub to: usize,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub at: Location,
}

/// Keeps the total row at `at` (its 分值 `weight`, 得分 `score`) as `project`'s printed total;
/// a second one is named and not used (the first stands, as a table's second 合计 row).
/// Whether it was kept (a second one is checked never, nor its project twice).
pub(crate) fn keep(
    ctx: &mut Ctx<'_>,
    project: &mut Project,
    weight: Option<Decimal>,
    score: Option<Decimal>,
    at: Location,
) -> bool {
    if let Some(first) = project.form.as_ref().and_then(|f| f.total.as_ref()) {
        let f = ctx
            .finding(
                codes::DUPLICATE_TOTAL,
                Severity::Warning,
                at,
                format!(
                    "项目“{}”又有一行总分（第 {} 行已有一行），以第一行为准，这一行未用",
                    project.name, first.at.line
                ),
            )
            .label("第二个总分行")
            .help("删除重复的总分行");
        ctx.findings.push(f);
        return false;
    }
    facts(project).total = Some(FormTotal {
        weight,
        score,
        grade: None,
        at,
    });
    true
}

/// `project`'s form facts, made empty (a self-evaluation's) where it has none yet.
pub(super) fn facts(project: &mut Project) -> &mut FormFacts {
    project.form.get_or_insert_with(|| {
        Box::new(FormFacts {
            kind: FormKind::SelfEvaluation,
            title: None,
            year: None,
            department: None,
            money_unit: None,
            budget_initial: None,
            execution_rate: None,
            goal_actual: None,
            category_points: Vec::new(),
            total: None,
            breakdowns: Vec::new(),
            unchecked: Vec::new(),
            budget_outside: false,
        })
    })
}

/// Checks a subtotal row against the indicators it sums (its 得分 against their 得分, its 分值
/// against their 分值): a sum that disagrees is a warning naming both figures and one of the
/// form's `unchecked` sums (the project 未核对), as the total row's.
pub(crate) fn check_subtotal(ctx: &mut Ctx<'_>, project: &mut Project, sub: &Subtotal) {
    let Some(rows) = project.indicators.get(sub.from..sub.to) else {
        return;
    };
    if rows.is_empty() {
        return;
    }
    let scores: Vec<Decimal> = rows.iter().filter_map(|i| i.published_score).collect();
    let points: Option<Vec<Decimal>> = rows.iter().map(|i| i.weight).collect();
    let mut unchecked = Vec::new();
    for (what, printed, rows) in [
        ("得分", sub.score, Some(scores)),
        ("分值", sub.weight, points),
    ] {
        let (Some(printed), Some(rows)) = (printed, rows) else {
            continue;
        };
        if rows.is_empty() {
            continue;
        }
        let (sum, near) = summed(&printed, &rows, None);
        if near(sum) {
            continue;
        }
        let (f, sum_unchecked) = subtotal_mismatch(ctx, sub.at, what, printed, rows.len(), sum);
        ctx.findings.push(f.project(&project.name));
        unchecked.push(sum_unchecked);
    }
    if !unchecked.is_empty() {
        facts(project).unchecked.extend(unchecked);
    }
}

/// A subtotal at `at` whose printed `what` (得分 or 分值) is not `sum`, that of the `n`
/// indicators it sums: the warning naming both figures (`table.form-total-mismatch`) and the
/// form's unchecked sum it makes; a flat sheet's 小计 and a form's alike (`form::subtotal`).
pub(crate) fn subtotal_mismatch(
    ctx: &Ctx<'_>,
    at: Location,
    what: &str,
    printed: Decimal,
    n: usize,
    sum: Decimal,
) -> (Finding, String) {
    let f = ctx
        .finding(
            codes::FORM_TOTAL_MISMATCH,
            Severity::Warning,
            at,
            format!(
                "原表小计{what} {} 与其上 {n} 项指标的{what}之和 {} 不一致",
                printed.normalize(),
                sum.normalize()
            ),
        )
        .label(format!("小计{what}"))
        .help(format!("核对小计行以上各项{what}的加总"));
    let unchecked = format!(
        "小计{what} {} ≠ 其上各项{what}之和 {}",
        printed.normalize(),
        sum.normalize()
    );
    (f, unchecked)
}

/// A summing row (`合计` in the 项目 column) over several projects of a unit
/// (`projects`, their places in its list), its 分值 and 得分: a check of their sums, never a
/// project of its own.
#[derive(Debug, Clone)]
pub(crate) struct ProjectsSum {
    pub ui: usize,
    pub projects: std::ops::Range<usize>,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub at: Location,
}

/// Checks a summing row over several `projects` ([`ProjectsSum`]): its 得分 against the sum
/// of their 得分 and its 分值 against the sum of their 分值, each with the budget rows' or —
/// where only that agrees — without them. Each sum that agrees is said (info), one that does
/// not is a warning naming both figures; no project's own total is touched (which project a
/// difference is in, the row cannot say).
pub(crate) fn check_projects_sum(ctx: &mut Ctx<'_>, projects: &[Project], sum: &ProjectsSum) {
    let n = projects.len();
    let rows = projects.iter().flat_map(|p| p.indicators.iter());
    let budgets = projects.iter().filter_map(|p| p.budget.as_ref());
    let scores: Vec<Decimal> = rows.clone().filter_map(|i| i.published_score).collect();
    let points: Vec<Decimal> = rows.filter_map(|i| i.weight).collect();
    let budget_scores: Decimal = budgets.clone().filter_map(|b| b.published_score).sum();
    let budget_points: Decimal = budgets.filter_map(|b| b.weight).sum();
    for (what, printed, rows, budget) in [
        ("得分", sum.score, scores, budget_scores),
        ("分值", sum.weight, points, budget_points),
    ] {
        let Some(printed) = printed else {
            continue;
        };
        if rows.is_empty() {
            continue;
        }
        let (own, near) = summed(&printed, &rows, Some(budget));
        let with = own + budget;
        let (severity, message) = if near(with) || near(own) {
            (
                Severity::Info,
                format!(
                    "项目列的合计行：{what} {} 等于其上 {n} 个项目的{what}之和，按合计行核对，不作为项目",
                    printed.normalize()
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "项目列的合计行：{what} {} 与其上 {n} 个项目的{what}之和 {} 不一致",
                    printed.normalize(),
                    with.normalize()
                ),
            )
        };
        let code = match severity {
            Severity::Info => codes::FORM_READING,
            _ => codes::FORM_TOTAL_MISMATCH,
        };
        let f = ctx
            .finding(code, severity, sum.at, message)
            .label(format!("合计{what}"))
            .help(format!("合计行不是项目；核对其上各项目的{what}与合计行"));
        ctx.findings.push(f);
    }
}

/// The sum of `rows`, and whether a sum (theirs, or with `budget` added) is the `printed` one
/// to within half a unit of the last digit of each figure added and of the printed one (each
/// was rounded where it was written).
pub(super) fn summed(
    printed: &Decimal,
    rows: &[Decimal],
    budget: Option<Decimal>,
) -> (Decimal, impl Fn(Decimal) -> bool) {
    let printed = *printed;
    let tol = half_unit(&printed)
        + rows
            .iter()
            .chain(budget.iter())
            .map(half_unit)
            .sum::<Decimal>();
    (rows.iter().sum(), move |x: Decimal| {
        (x - printed).abs() <= tol
    })
}

/// Half a unit of the last digit `d` is written to.
fn half_unit(d: &Decimal) -> Decimal {
    half_unit_at(d.normalize().scale())
}

/// [`half_unit`], for the rows summed block by block (`sheet_carry`).
pub(super) fn half_unit_of(d: &Decimal) -> Decimal {
    half_unit(d)
}

/// [`summed`] of rows summed already (`sheet_carry`): their `sum` and the half units of their
/// last digits, `rows_tol`.
pub(super) fn summed_with(
    printed: &Decimal,
    sum: Decimal,
    rows_tol: Decimal,
    budget: Option<Decimal>,
) -> (Decimal, impl Fn(Decimal) -> bool) {
    let printed = *printed;
    let tol = half_unit(&printed) + rows_tol + budget.iter().map(half_unit).sum::<Decimal>();
    (sum, move |x: Decimal| (x - printed).abs() <= tol)
}

/// Checks `project`'s printed total (kept by [`keep`]) against its rows: the 得分 and the 分值
/// each with the budget row's, or — where only that agrees — without it (the budget row then
/// read as outside the total, said so); a sum no reading makes agree is a warning naming both
/// figures and one of the form's `unchecked` sums (the project 未核对).
pub(crate) fn check(ctx: &mut Ctx<'_>, project: &mut Project) {
    let Some(total) = project.form.as_ref().and_then(|f| f.total.clone()) else {
        return;
    };
    let budget = project.budget.as_ref();
    let budget_score = budget.and_then(|b| b.published_score);
    let budget_weight = budget.and_then(|b| b.weight);
    let mut unchecked = Vec::new();
    let mut outside = [None, None];
    let mut told = Vec::new();
    let scores: Vec<Decimal> = project
        .indicators
        .iter()
        .filter_map(|i| i.published_score)
        .collect();
    let points: Option<Vec<Decimal>> = project.indicators.iter().map(|i| i.weight).collect();
    let sums = [
        ("得分", "原表总分", total.score, Some(scores), budget_score),
        ("分值", "原表分值合计", total.weight, points, budget_weight),
    ];
    for (k, (what, name, printed, rows, budget)) in sums.into_iter().enumerate() {
        let (Some(printed), Some(rows)) = (printed, rows) else {
            continue;
        };
        if rows.is_empty() {
            continue;
        }
        let (own, near) = summed(&printed, &rows, budget);
        let with = own + budget.unwrap_or_default();
        if near(with) {
            outside[k] = Some(false);
            continue;
        }
        if budget.is_some_and(|b| !b.is_zero()) && near(own) {
            outside[k] = Some(true);
            told.push(format!(
                "{name} {} 等于各指标{what}之和，不含预算执行{what} {}",
                printed.normalize(),
                budget.unwrap_or_default().normalize()
            ));
            continue;
        }
        let f = ctx
            .finding(
                codes::FORM_TOTAL_MISMATCH,
                Severity::Warning,
                total.at,
                format!(
                    "{name} {} 与表中各项{what}之和 {} 不一致",
                    printed.normalize(),
                    with.normalize()
                ),
            )
            .label(name)
            .help(format!("核对各项{what}与总分行的加总"))
            .project(&project.name);
        ctx.findings.push(f);
        unchecked.push(format!(
            "{name} {} ≠ 各项{what}之和 {}",
            printed.normalize(),
            with.normalize()
        ));
    }
    // the budget row outside the total by one sum and inside by the other: no reading
    if outside.contains(&Some(true)) && outside.contains(&Some(false)) {
        unchecked.push("原表总分与分值合计对预算执行是否计入总分的读法不一".to_owned());
        told.clear();
    }
    let budget_outside = outside.contains(&Some(true)) && unchecked.is_empty();
    for message in told.into_iter().filter(|_| budget_outside) {
        let f = ctx
            .finding(codes::FORM_READING, Severity::Info, total.at, message)
            .label("按表内加总选定的读法");
        ctx.findings.push(f);
    }
    if let Some(form) = project.form.as_mut() {
        form.unchecked.extend(unchecked);
        form.budget_outside |= budget_outside;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_names_are_told_and_indicators_are_not() {
        for name in [
            "总分",
            "合计",
            "总计",
            " 合 计 ",
            "总分：",
            "得分合计",
            "小计",
            "總分",
        ] {
            assert!(is_total_name(name), "{name}");
        }
        assert!(is_subtotal_name(" 小 计："));
        assert!(!is_subtotal_name("合计"));
        for name in [
            "总体满意度",
            "合计完成率",
            "分值",
            "得分率",
            "总分数达标",
            "培训人次",
            "",
        ] {
            assert!(!is_total_name(name), "{name}");
        }
    }
}
