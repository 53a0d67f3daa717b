//! `floor: {ratio_below, share}` — 下限：完成率低于 `ratio_below` 时，指标至多得分值的 `share`
//! （“完成率低于60%不得分”：`floor: {ratio_below: 60%, share: 0}`）。

use std::fmt;

use super::{Choice, KeyInfo, pct};
use crate::rules::error::RuleError;
use crate::rules::method::{self, Floor};
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// A completion ratio below which matching indicators earn a fixed share.
    floor: crate::rules::model::FloorSpec,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "floor",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("floor.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Floor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "下限 floor: 完成率低于 {} 得 {}",
            pct(self.ratio_below),
            pct(self.share)
        )
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    match f.floor.as_ref().map(method::floor) {
        Some(Ok(f)) => Ok(Choice::new(KIND, f)),
        Some(Err(why)) => Err(p.bad_value(KEY.name, &why)),
        None => Ok(Choice::nothing()),
    }
}

impl<'r> Applied<'r, '_> {
    /// A completion floor, where a rule gives one.
    pub fn floor(&self) -> Option<Decided<'r, &'r Floor>> {
        self.first_value::<Floor, _>(KIND, |v| v)
    }
}
