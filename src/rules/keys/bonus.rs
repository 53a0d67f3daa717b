//! `bonus: {per, points, max, whole_steps}` — 加分：实际值每比目标好 `per`，加 `points` 分，一个项目
//! 里这条规则最多加 `max` 分（几行共用，先到先得，总分与行序无关）；这一行的得分（和项目总分）因此
//! 可以超过分值，但至多超过 `max`，报告里写明加了多少。
//! 默认按比例（1.5 步加 1.5 × points），`whole_steps: true` 只数整步。达不到目标不加分；实际值或
//! 目标不是数值的行不加分并在说明里写明。
//!
//! 例：“每增加1个百分点加1分，最高加2分”：`bonus: {per: 1%, points: 1, max: 2, whole_steps: true}`。

use std::fmt;
use std::sync::Arc;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::method::{self, Bonus};
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// 加分 of matching indicators past their target, up to a maximum.
    bonus: crate::rules::model::BonusSpec,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "bonus",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("bonus.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Bonus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "加分 bonus: 每 {}{} 加 {} 分，最高 {} 分",
            self.per.value.normalize(),
            self.per.unit.as_ref().map_or("", |u| u.as_str()),
            self.points.normalize(),
            self.max.normalize()
        )
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    match f.bonus.as_ref().map(method::bonus) {
        Some(Ok(b)) => Ok(Choice::new(KIND, Arc::new(b))),
        Some(Err(why)) => Err(p.bad_value(KEY.name, &why)),
        None => Ok(Choice::nothing()),
    }
}

impl<'r> Applied<'r, '_> {
    /// 加分, where a rule gives it.
    pub fn bonus(&self) -> Option<Decided<'r, &'r Bonus>> {
        self.first_value::<Arc<Bonus>, _>(KIND, |v| &**v)
    }
}
