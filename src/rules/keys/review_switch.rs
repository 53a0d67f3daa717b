//! `review: true` — 内置审核检查：规则的 id 是 `jixiao review` 的一项内置检查
//! （`review.punctuation`）；附带键 `severity` 定其级别。用 `disable: true` 关掉一项检查。

use std::fmt;

use super::{Choice, KeyInfo, WHOLE_EVALUATION};
use crate::rules::error::RuleError;
use crate::rules::model::Severity;
use crate::rules::set::Partial;

pub const KEY: KeyInfo = KeyInfo {
    name: "review",
    present: |s| s.review == Some(true),
    attached: &[("severity", |s| s.severity.is_some())],
    when_fields: WHOLE_EVALUATION,
    decide,
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
    Ok(Choice::new(
        KIND,
        Review {
            severity: p.spec.severity.unwrap_or(Severity::Warning),
        },
    ))
}
