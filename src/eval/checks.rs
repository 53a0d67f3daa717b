//! What the rules ask once an indicator's actual is known (SPEC §6): `require:` checks that
//! read the actual, and vetoes (一票否决, a `veto:` whose `when:` holds). Both end beside the
//! project's total in every report format (the project's `findings`); a veto also sets the
//! project's grade and, where it says so, its total.

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

/// A veto that holds.
#[derive(Debug, Clone)]
pub struct VetoHit {
    pub rule: Cow<'static, str>,
    pub grade: String,
    pub total: Option<Decimal>,
    pub message: String,
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
        })
        .collect();
    (flags, vetoes)
}

/// A flag as a finding of its project.
pub fn finding(flag: &Flag, file: &str, unit: &str, project: &str, indicator: &str) -> Finding {
    Finding::new(flag.code.clone(), flag.severity, file, flag.message.clone())
        .in_project(unit, project)
        .indicator(indicator)
}

/// A veto as a finding of its project (severity error: it decides the grade).
pub fn veto_finding(v: &VetoHit, file: &str, unit: &str, project: &str) -> Finding {
    let total = v
        .total
        .map(|t| format!("，总分记为 {}", t.normalize()))
        .unwrap_or_default();
    Finding::new(
        v.rule.clone(),
        Severity::Error,
        file,
        format!("{}；等级定为{}{total}", v.message, v.grade),
    )
    .in_project(unit, project)
}
