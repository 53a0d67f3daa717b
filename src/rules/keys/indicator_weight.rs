//! `indicator_weight: 5` — 指标分值：每个符合条件的指标的分值（而不是平分其类别的分值）。

use std::fmt;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Points of each matching indicator (instead of an even share of its category).
    indicator_weight: crate::rules::model::Number,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "indicator_weight",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: Some(compile),
    decide,
    value_help: &[],
    on_actuals: false,
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

/// As the rule's file is read: its number checked (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get::<Fields>() {
        cx.number(f.indicator_weight.as_ref(), KEY.name);
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    let w = f.indicator_weight.as_ref().and_then(|n| n.decimal());
    Ok(Choice::new(KIND, Value(w.unwrap_or_default())))
}

impl<'r> Applied<'r, '_> {
    /// Points of the indicator itself, where a rule fixes them.
    pub fn indicator_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
