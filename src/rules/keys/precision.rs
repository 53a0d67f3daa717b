//! `precision: 2` — 小数位数：得分显示的小数位数（计算始终精确）。对整个评价适用。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo, WHOLE_EVALUATION};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Decimals shown for scores (computation stays exact).
    precision: u32,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "precision",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: WHOLE_EVALUATION,
    compile: None,
    decide,
    value_help: &[("precision", ValueHelp::Text("`precision` 的值是小数位数，如 2"))],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("precision.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Decimals shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(pub u32);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "小数位数 precision: {}", self.0)
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(KIND, Value(f.precision.unwrap_or(2))))
}

impl<'r> Applied<'r, '_> {
    /// Decimals shown for scores.
    pub fn precision(&self) -> Option<Decided<'r, u32>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
