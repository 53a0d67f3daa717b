//! `not_applicable: true|false` — 不适用：`true` 时符合条件的指标不计分，项目按其余分值折算为
//! 100；`false` 时符合条件的指标照常计分，哪怕别的不适用规则也成立（和其他决定一样，第一条 `when:`
//! 成立的规则决定：后加载的文件在前）。
//!
//! 实际完成值写作 不适用 / 本年不适用 / 不涉及 / 无此项 / `/` 的指标不计分，也只是一条内置规则
//! （`default.not-applicable.marked`）：停用它或写一条 `not_applicable: false` 的规则，这些词就
//! 照常计分（例如“没有……的按满分计算”）。实际值文件里的 `not_applicable: true` 不受规则影响。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Partial, RuleRef};

fields! {
    /// `true`: matching indicators do not apply (dropped, project rescaled to 100).
    not_applicable: bool,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "not_applicable",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[("not_applicable", ValueHelp::Text("`not_applicable` 的值是 true 或 false"))],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("not_applicable.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Whether matching indicators do not apply (`true`) or apply (`false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotApplicable(pub bool);

impl fmt::Display for NotApplicable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 {
            f.write_str("不适用 not_applicable: true")
        } else {
            f.write_str("适用 not_applicable: false")
        }
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(
        KIND,
        NotApplicable(f.not_applicable == Some(true)),
    ))
}

impl<'r> Applied<'r, '_> {
    /// The rule that makes the indicator not applicable, if the first not-applicable rule whose
    /// `when:` holds says `true` (one that says `false` keeps it applicable).
    pub fn not_applicable(&self) -> Option<&'r RuleRef> {
        let r = self.first(KIND)?;
        r.choice
            .get::<NotApplicable>()
            .is_some_and(|n| n.0)
            .then_some(&r.rref)
    }
}
