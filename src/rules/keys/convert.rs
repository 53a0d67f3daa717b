//! `convert: 1 月 = 30 天` — 单位换算：一条额外的换算，处处适用（条件里和计分时都用：`1.5月` 对
//! `≤30天` 是 45 天）。不能带 `when:`。

use std::fmt;

use super::{Choice, KeyInfo};
use crate::rules::conditions::Conversion;
use crate::rules::error::RuleError;
use crate::rules::set::Partial;

pub const KEY: KeyInfo = KeyInfo {
    name: "convert",
    present: |s| s.convert.is_some(),
    attached: &[],
    when_fields: None,
    decide,
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

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    if p.spec.when.is_some() {
        return Err(p.derr(
            "when",
            "换算规则处处适用，不能带 `when`".into(),
            "删去 when",
            "单位换算对所有指标都一样",
        ));
    }
    Ok(match &p.convert {
        Some(c) => Choice::new(KIND, c.clone()),
        None => Choice::nothing(),
    })
}
