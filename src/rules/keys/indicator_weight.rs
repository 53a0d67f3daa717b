//! `indicator_weight: 5` — 指标分值：每个符合条件的指标的分值（而不是平分其类别的分值）。

use std::fmt;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

pub const KEY: KeyInfo = KeyInfo {
    name: "indicator_weight",
    present: |s| s.indicator_weight.is_some(),
    attached: &[],
    when_fields: None,
    decide,
    names_grade: None,
    doc: include_str!("indicator_weight.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Points of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(pub Decimal);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "指标分值 indicator_weight: {}", self.0.normalize())
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let w = p.spec.indicator_weight.as_ref().and_then(|n| n.decimal());
    Ok(Choice::new(KIND, Value(w.unwrap_or_default())))
}

impl<'r> Applied<'r, '_> {
    /// Points of the indicator itself, where a rule fixes them.
    pub fn indicator_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
