//! `review: true` — 内置审核检查：规则的 id 是 `jixiao review` 的一项内置检查
//! （`review.punctuation`）；附带键 `severity` 定其级别。用 `disable: true` 关掉一项检查。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo, WHOLE_EVALUATION};
use crate::rules::error::RuleError;
use crate::rules::model::Severity;
use crate::rules::set::Partial;

fields! {
    /// `true`: the id names a built-in check of `jixiao review` (`review.punctuation`); with
    /// `severity`, its severity. Switch one off with `disable: true`.
    review: bool,
    /// With `require` or `review`: error | warning | info (default warning).
    severity: crate::rules::model::Severity,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "review",
    fields: super::FieldSet::of::<Fields>(),
    present: Some(|s| s.get::<Fields>().is_some_and(|f| f.review == Some(true))),
    when_fields: WHOLE_EVALUATION,
    compile: None,
    decide,
    value_help: &[("severity", ValueHelp::Choices(&["error", "warning", "info"]))],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("review_switch.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// A built-in check of `jixiao review`, named by the rule's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub severity: Severity,
}

impl fmt::Display for Review {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "审核检查（{}）", self.severity.zh())
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(
        KIND,
        Review {
            severity: f.severity.unwrap_or(Severity::Warning),
        },
    ))
}
