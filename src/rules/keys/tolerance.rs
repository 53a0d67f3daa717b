//! `tolerance: 10%` — 容差：约数目标（`约100人`）允许的偏差，相对目标值。
//!
//! 对整个评价适用，不能带 `when:`。

use std::fmt;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo, WHOLE_EVALUATION, pct};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Tolerance of approximate targets (`约100人`), relative to the value: `10%`.
    tolerance: String,
    ; compiled:
    /// `tolerance` as a fraction.
    value: Decimal,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "tolerance",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: WHOLE_EVALUATION,
    compile: Some(compile),
    decide,
    value_help: &[],
    on_actuals: false,
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

/// As the rule's file is read: its percentage read (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get_mut::<Fields>() {
        f.value = cx.percent(f.tolerance.as_deref(), KEY.name);
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(KIND, Value(f.value.unwrap_or_default())))
}

impl<'r> Applied<'r, '_> {
    /// Tolerance of an approximate target, as a fraction of its value (0.1 = ±10%).
    pub fn tolerance(&self) -> Option<Decided<'r, Decimal>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
