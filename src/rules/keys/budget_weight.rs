//! `budget_weight: 10` — 预算执行分值：预算执行率（全年预算数 / 全年执行数）的分值。
//!
//! `when:` 只能读 `project`、`unit_name`、`department`（分值按项目决定）。

use std::fmt;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Points of budget execution (预算执行率).
    budget_weight: crate::rules::model::Number,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "budget_weight",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: Some((
        {
            use crate::rules::expr::Field::*;
            &[Project, UnitName, Department]
        },
        "预算执行率的分值按项目决定，只知道项目、单位和部门",
    )),
    compile: Some(compile),
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("budget_weight.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Points of budget execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(pub Decimal);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "预算执行分值 budget_weight: {}", self.0.normalize())
    }
}

/// As the rule's file is read: its number checked (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get::<Fields>() {
        cx.number(f.budget_weight.as_ref(), KEY.name);
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    let w = f.budget_weight.as_ref().and_then(|n| n.decimal());
    Ok(Choice::new(KIND, Value(w.unwrap_or_default())))
}

impl<'r> Applied<'r, '_> {
    /// Points of budget execution.
    pub fn budget_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
