//! `convert: 1 月 = 30 天` — 单位换算：一条额外的换算，处处适用（条件里和计分时都用：`1.5月` 对
//! `≤30天` 是 45 天）。不能带 `when:`。

use std::fmt;

use super::{Choice, KeyInfo};
use crate::rules::conditions::Conversion;
use crate::rules::error::RuleError;
use crate::rules::set::Partial;

fields! {
    /// An extra unit conversion: `1 月 = 30 天`.
    convert: String,
    ; compiled:
    /// `convert` read.
    conversion: crate::rules::conditions::Conversion,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "convert",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: Some(compile),
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("convert.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Conversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "单位换算 convert: 1 {} = {} {}",
            self.from,
            self.factor.normalize(),
            self.to
        )
    }
}

/// As the rule's file is read: its conversion read (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get_mut::<Fields>() {
        f.conversion = cx.conversion(f.convert.as_deref());
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    if p.spec.when.is_some() {
        return Err(p.derr(
            "when",
            "换算规则处处适用，不能带 `when`".into(),
            "删去 when",
            "单位换算对所有指标都一样",
        ));
    }
    Ok(match &f.conversion {
        Some(c) => Choice::new(KIND, c.clone()),
        None => Choice::nothing(),
    })
}
