//! `floor: {ratio_below, share}` — 下限：完成率低于 `ratio_below` 时，指标至多得分值的 `share`
//! （“完成率低于60%不得分”：`floor: {ratio_below: 60%, share: 0}`）。
//!
//! `ratio_below` 高于 100%（如写成 `60`，即 6000%）时，达到目标的指标也只得 `share`：
//! 载入时给出警告，指明文件、行和列（规则照写的值执行）。

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
    compile: Some(compile),
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

/// As the rule's file is read: a `ratio_below` above 100 % warned of at the value (a met
/// target's ratio, 100 %, is below it: every indicator the rule holds for gets `share`).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    let Some(Ok(f)) = s.get::<Fields>().and_then(|f| f.floor.as_ref()).map(method::floor) else {
        return;
    };
    if f.ratio_below <= rust_decimal::Decimal::ONE {
        return;
    }
    let shown = f
        .ratio_below
        .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
        .map_or_else(|| "极大的值".to_owned(), |_| pct(f.ratio_below));
    cx.doubtful(
        KEY.name,
        format!(
            "`floor` 的 `ratio_below` 为 {shown}，高于 100%：完成率达到 100% 的指标也低于它，只得分值的 {}",
            pct(f.share)
        ),
        "完成率下限高于 100%",
        "完成率下限应在 0%–100% 之间，写作百分数，如 `ratio_below: 60%`（只写 `60` 即 6000%）"
            .to_owned(),
    );
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
