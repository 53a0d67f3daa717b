//! `category: 满意度指标` — 一级指标：给符合条件的指标定类别（表中没有类别时标为推断）。
//!
//! `when:` 只能读指标名称和已有的类别（推断类别时只知道这些）。
//!
//! 例：`when: indicator ~ "满意度"`，`category: 满意度指标`。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, CategoryChoice, Decided, Partial};

fields! {
    /// Category (一级指标) given to matching indicators; marked inferred where the table had none.
    category: String,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "category",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: super::CLASSIFYING,
    compile: None,
    decide,
    value_help: &[("category", ValueHelp::Text("`category` 的值是一段文字"))],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("category.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// The category a rule gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value(pub String);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "一级指标 category: {}", self.0)
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(
        KIND,
        Value(f.category.clone().unwrap_or_default()),
    ))
}

impl<'r> Applied<'r, '_> {
    /// The category from the rules: for an indicator without one (`inferred`), or where a rule
    /// re-assigns it.
    pub fn category(&self) -> Option<Decided<'r, CategoryChoice<'r>>> {
        let r = self.first(KIND)?;
        let name = &r.choice.get::<Value>()?.0;
        let inferred = self.facts().category.is_none_or(|c| c.trim().is_empty());
        Some(Decided {
            value: CategoryChoice { name, inferred },
            rule: &r.rref,
        })
    }
}
