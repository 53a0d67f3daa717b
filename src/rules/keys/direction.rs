//! `direction: higher|lower` — 方向：正向指标（越高越好，裸值读作 `>=`）或反向指标（越低越好，裸值读作
//! `<=`）。
//!
//! 附带键：`bare_op: "="`（裸值按另一个运算符读）。
//! `when:` 只能读指标、类别和目标本身（读目标时只知道这些）。
//!
//! 例：`when: indicator ~ "时延|延迟"`，`direction: lower`：`4秒` 读作 `<= 4 秒`。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo};
use crate::lang::{Direction, Op};
use crate::rules::error::RuleError;
use crate::rules::model::{BareOp, DirectionSpec};
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Direction of matching indicators: how a bare target reads and is scored.
    direction: crate::rules::model::DirectionSpec,
    /// The operator a bare value reads with, where it is not the direction's (`=`).
    bare_op: crate::rules::model::BareOp,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "direction",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: Some((
        {
            use crate::rules::expr::Field::*;
            &[Indicator, Category, Subcategory, Target, Kind, Unit]
        },
        "读目标时只知道指标、类别和目标本身",
    )),
    compile: None,
    decide,
    value_help: &[
        ("direction", ValueHelp::Choices(&["higher", "lower"])),
        ("bare_op", ValueHelp::Choices(&[">=", ">", "<=", "<", "="])),
    ],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("direction.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// A direction and the operator a bare value reads with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    pub direction: Direction,
    pub op: Op,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let zh = match self.direction {
            Direction::Higher => "越高越好",
            Direction::Lower => "越低越好",
        };
        write!(
            f,
            "方向：{zh} direction: {}（裸值 {}）",
            self.direction.as_str(),
            self.op
        )
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = p.fields::<Fields>();
    let direction = match s.direction {
        Some(DirectionSpec::Lower) => Direction::Lower,
        _ => Direction::Higher,
    };
    let op = match s.bare_op {
        Some(BareOp::Ge) => Op::Ge,
        Some(BareOp::Gt) => Op::Gt,
        Some(BareOp::Le) => Op::Le,
        Some(BareOp::Lt) => Op::Lt,
        Some(BareOp::Eq) => Op::Eq,
        None => direction.bare_op(),
    };
    Ok(Choice::new(KIND, Value { direction, op }))
}

impl<'r> Applied<'r, '_> {
    /// Direction and the operator of a bare value.
    pub fn direction(&self) -> Option<Decided<'r, (Direction, Op)>> {
        let r = self.first(KIND)?;
        let v = r.choice.get::<Value>()?;
        Some(Decided {
            value: (v.direction, v.op),
            rule: &r.rref,
        })
    }
}
