//! `tolerance: 10%` — 容差：约数目标（`约100人`）允许的偏差，相对目标值。
//!
//! 对整个评价适用，不能带 `when:`。

use std::fmt;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo, WHOLE_EVALUATION, pct};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

pub const KEY: KeyInfo = KeyInfo {
    name: "tolerance",
    present: |s| s.tolerance.is_some(),
    attached: &[],
    when_fields: WHOLE_EVALUATION,
    decide,
    names_grade: None,
    doc: include_str!("tolerance.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// A tolerance as a fraction (0.1 = ±10%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(pub Decimal);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "容差 tolerance: ±{}", pct(self.0))
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    Ok(Choice::new(KIND, Value(p.tolerance.unwrap_or_default())))
}

impl<'r> Applied<'r, '_> {
    /// Tolerance of an approximate target, as a fraction of its value (0.1 = ±10%).
    pub fn tolerance(&self) -> Option<Decided<'r, Decimal>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
