//! `not_applicable: true` — 不适用：符合条件的指标不计分，项目按其余分值折算为 100。
//! `not_applicable: false` 时符合条件的指标照常计分（用来覆盖先加载的不适用规则）。

use std::fmt;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Partial, RuleRef};

pub const KEY: KeyInfo = KeyInfo {
    name: "not_applicable",
    present: |s| s.not_applicable.is_some(),
    attached: &[],
    when_fields: None,
    decide,
    names_grade: None,
    doc: include_str!("not_applicable.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Matching indicators do not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotApplicable;

impl fmt::Display for NotApplicable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("不适用 not_applicable")
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    Ok(if p.spec.not_applicable == Some(true) {
        Choice::new(KIND, NotApplicable)
    } else {
        Choice::nothing()
    })
}

impl<'r> Applied<'r, '_> {
    /// The rule that makes the indicator not applicable, if one does.
    pub fn not_applicable(&self) -> Option<&'r RuleRef> {
        self.first(KIND).map(|r| &r.rref)
    }
}
