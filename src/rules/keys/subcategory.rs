//! `subcategory: 时效指标` — 二级指标：给符合条件的指标定二级指标。
//!
//! `when:` 只能读指标名称和已有的类别。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Subcategory (二级指标) given to matching indicators.
    subcategory: String,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "subcategory",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: super::CLASSIFYING,
    compile: None,
    decide,
    value_help: &[("subcategory", ValueHelp::Text("`subcategory` 的值是一段文字"))],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("subcategory.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// The subcategory a rule gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value(pub String);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "二级指标 subcategory: {}", self.0)
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(
        KIND,
        Value(f.subcategory.clone().unwrap_or_default()),
    ))
}

impl<'r> Applied<'r, '_> {
    /// The subcategory a rule gives the indicator.
    pub fn subcategory(&self) -> Option<Decided<'r, &'r str>> {
        self.first_value::<Value, _>(KIND, |v| v.0.as_str())
    }
}
