//! `deduct: {per, points, beyond, whole_steps}` — 扣分：实际值比目标差（或用 `beyond` 时超过该值）
//! 多少，除以 `per`，乘 `points`，从指标分值中扣除，不低于 0。默认按比例，`whole_steps: true` 只数
//! 整步。达到目标不扣分。
//!
//! 例：“每减少1个百分点扣1分”：`deduct: {per: 1%, points: 1}`（`1分` 同 `1`）。`points` 写成
//! 百分数是该指标分值的比例：“每超出1%扣该项分值的10%”：`deduct: {per: 1%, points: 10%}`（分值
//! 10 分时每步扣 1 分；分值折算时随分值折算）。

use std::fmt;
use std::sync::Arc;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::method::{self, Deduct};
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// 扣分 scoring of matching indicators.
    deduct: crate::rules::model::DeductSpec,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "deduct",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("deduct.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Deduct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = self.per.value.normalize();
        let unit = self.per.unit.as_ref().map_or("", |u| u.as_str());
        if self.of_points {
            let share = (self.points * rust_decimal::Decimal::ONE_HUNDRED).normalize();
            write!(f, "扣分 deduct: 每 {per}{unit} 扣分值的 {share}%")
        } else {
            write!(f, "扣分 deduct: 每 {per}{unit} 扣 {} 分", self.points.normalize())
        }
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    match f.deduct.as_ref().map(method::deduct) {
        Some(Ok(d)) => Ok(Choice::new(KIND, Arc::new(d))),
        Some(Err(why)) => Err(p.bad_value(KEY.name, &why)),
        None => Ok(Choice::nothing()),
    }
}

impl<'r> Applied<'r, '_> {
    /// 扣分 scoring, where a rule gives it.
    pub fn deduct(&self) -> Option<Decided<'r, &'r Deduct>> {
        self.first_value::<Arc<Deduct>, _>(KIND, |v| &**v)
    }
}
