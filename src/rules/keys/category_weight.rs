//! `category_weight: 50` — 一级指标分值：符合条件的一级指标（表中写的任何一级名称：产出指标、投入、
//! 过程……）的分值；分值来自同一条规则的几个类别共用它。`when:` 可以读项目、单位和部门。
//!
//! 分值是比例：预算执行保留自己的 10 分，项目有的类别按各自分值分其余 90 分。

use std::fmt;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Points of the matching categories; categories whose weight comes from one rule share it.
    category_weight: crate::rules::model::Number,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "category_weight",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: Some(compile),
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("category_weight.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Points of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(pub Decimal);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "一级指标分值 category_weight: {}", self.0.normalize())
    }
}

/// As the rule's file is read: its number checked (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get::<Fields>() {
        cx.number(f.category_weight.as_ref(), KEY.name);
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    let w = f.category_weight.as_ref().and_then(|n| n.decimal());
    Ok(Choice::new(KIND, Value(w.unwrap_or_default())))
}

impl<'r> Applied<'r, '_> {
    /// Points of the indicator's category. Categories whose weight comes from one rule share it
    /// (rule id = the pool).
    pub fn category_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
