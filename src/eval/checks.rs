//! What the rules ask once an indicator's actual is known (contract §6): `require:` checks that
//! read the actual, vetoes (一票否决, a `veto:` whose `when:` holds) and grade caps (`cap:`).
//! All end beside the project's total in every report format (the project's `findings`); a
//! veto or a cap also lowers the project's grade ([`limit_grade`]) and a veto, where it says so,
//! sets its total.
//!
//! Decided here: the harshest grade wins (the lowest `min_score` of the bands), whatever the
//! order of the rows; a veto or cap never raises a grade; of several veto totals the lowest
//! stands; a grade that is no band (no grade yet) is left as it is.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::finding::{Finding, Severity};
use crate::rules::{Facts, RuleSet};

/// A finding about one indicator, before its project is known (outcomes are shared).
#[derive(Debug, Clone)]
pub struct Flag {
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
}

/// A veto (or a cap) that holds.
#[derive(Debug, Clone)]
pub struct VetoHit {
    pub rule: Cow<'static, str>,
    pub grade: String,
    pub total: Option<Decimal>,
    pub message: String,
    /// A grade cap (`cap:`), not a veto: a warning, and no total.
    pub cap: bool,
}

/// The checks on the actual that fail and the vetoes that hold, for `facts` (with the actual).
pub fn on_actual(rules: &RuleSet, facts: Facts<'_>) -> (Vec<Flag>, Vec<VetoHit>) {
    let applied = rules.apply(facts);
    let indicator = facts.indicator.unwrap_or_default();
    let flags = applied
        .checks_on_actual()
        .into_iter()
        .map(|h| Flag {
            code: h.rule.id.clone(),
            severity: h.severity,
            message: format!("指标“{indicator}”：{}", h.message),
        })
        .collect();
    let vetoes = applied
        .vetoes()
        .into_iter()
        .map(|v| VetoHit {
            rule: v.rule.id.clone(),
            grade: v.value.grade.clone(),
            total: v.value.total,
            message: format!("指标“{indicator}”：{}", v.value.message),
            cap: false,
        })
        .chain(applied.caps().into_iter().map(|c| VetoHit {
            rule: c.rule.id.clone(),
            grade: c.value.grade.clone(),
            total: None,
            message: format!("指标“{indicator}”：{}", c.value.message),
            cap: true,
        }))
        .collect();
    (flags, vetoes)
}

/// A flag as a finding of its project.
pub fn finding(flag: &Flag, file: &str, unit: &str, project: &str, indicator: &str) -> Finding {
    Finding::of_rule(flag.code.clone(), flag.severity, file, flag.message.clone())
        .in_project(unit, project)
        .indicator(indicator)
}

/// The project's grade once the vetoes and caps that hold are applied: the harshest of
/// `grade` and theirs (by the bands of `m`), and the total a veto sets (the lowest written).
pub fn limit_grade(
    m: &super::methodology::Methodology,
    grade: &str,
    hits: &[VetoHit],
) -> (String, Option<Decimal>) {
    let rank = |g: &str| {
        m.bands
            .value
            .iter()
            .filter(|b| b.name == g)
            .map(|b| b.min)
            .min()
    };
    let mut out = grade.to_owned();
    if let Some(mut current) = rank(grade) {
        for h in hits {
            if let Some(r) = rank(&h.grade)
                && r < current
            {
                current = r;
                out = h.grade.clone();
            }
        }
    }
    let total = hits.iter().filter(|h| !h.cap).filter_map(|h| h.total).min();
    (out, total)
}

/// A veto or a cap as a finding of its project: its message, and what it did to the grade
/// (`graded`: the grade by the total alone; `final_grade`: after every veto and cap) and to
/// the total (`earned`: the total before any veto; a veto's higher total leaves it).
pub fn veto_finding(
    v: &VetoHit,
    earned: Decimal,
    graded: &str,
    final_grade: &str,
    file: &str,
    unit: &str,
    project: &str,
) -> Finding {
    let total = match v.total {
        Some(t) if t > earned => format!(
            "，所记总分 {} 高于所得 {}：总分不因否决而提高",
            t.normalize(),
            earned.round_dp(2).normalize()
        ),
        Some(t) => format!("，总分记为 {}", t.normalize()),
        None => String::new(),
    };
    let effect = if v.cap {
        if final_grade == v.grade && graded != v.grade {
            format!("等级不得高于{}：由{graded}降为{}", v.grade, v.grade)
        } else if final_grade == v.grade {
            format!("等级不得高于{}：等级{graded}不变", v.grade)
        } else {
            format!("等级不得高于{}；最终等级为{final_grade}", v.grade)
        }
    } else if final_grade == v.grade {
        format!("等级定为{}{total}", v.grade)
    } else {
        format!(
            "一票否决：等级不高于{}{total}；最终等级为{final_grade}",
            v.grade
        )
    };
    Finding::of_rule(
        v.rule.clone(),
        if v.cap {
            Severity::Warning
        } else {
            Severity::Error
        },
        file,
        format!("{}；{effect}", v.message),
    )
    .in_project(unit, project)
}
