//! `tiers: {on, bands}` — 分档：第一个成立的档给出指标分值的一个比例（`share`）或分数（`points`）。
//!
//! `on: actual`（实际值）、`ratio`（完成率 = 实际 ÷ 目标；越低越好时目标 ÷ 实际）、`deviation`
//! （|实际 − 目标|）或 `lateness`（期限目标的逾期长短）。每档至多一个界：`up_to`（≤）、`below`
//! （<）、`at_least`（≥），不写界即“其余”。没有档成立得 0。
//!
//! 例：`tiers: {on: deviation, bands: [{up_to: 10%, share: 100%}, {up_to: 15%, share: 60%}]}`。
//!
//! 一档也可按完成率计分：`by_ratio: 100%` 得“完成率 × 分值”，`by_ratio: 80%` 得“完成率 × 分值 ×
//! 80%”（完成率至多按 100% 计；逾期分档没有完成率，不能用）。“完成率100%以上得满分，80%–100%按完成
//! 率计分，60%–80%按完成率计分再乘0.8，60%以下不得分”：`tiers: {on: ratio, bands: [{at_least: 100%,
//! share: 100%}, {at_least: 80%, by_ratio: 100%}, {at_least: 60%, by_ratio: 80%}, {points: 0}]}`。

use std::fmt;
use std::sync::Arc;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::method::{self, Tiers};
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// 分档 scoring of matching indicators.
    tiers: crate::rules::model::TiersSpec,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "tiers",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("tiers.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Tiers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "分档 tiers: {} 档", self.bands.len())
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    match f.tiers.as_ref().map(method::tiers) {
        Some(Ok(t)) => Ok(Choice::new(KIND, Arc::new(t))),
        Some(Err(why)) => Err(p.bad_value(KEY.name, &why)),
        None => Ok(Choice::nothing()),
    }
}

impl<'r> Applied<'r, '_> {
    /// 分档 scoring, where a rule gives it.
    pub fn tiers(&self) -> Option<Decided<'r, &'r Tiers>> {
        self.first_value::<Arc<Tiers>, _>(KIND, |v| &**v)
    }
}
