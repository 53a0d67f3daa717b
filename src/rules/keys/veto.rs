//! `veto: {grade, total, message}` — 一票否决：规则的 `when:` 成立时（可以读 `actual`），项目的
//! 等级定为 `grade`（不高于按总分评出的等级），写了 `total` 时总分也定为它，`message` 在每种格式里
//! 列在总分旁（代码是规则的 id，级别为错误）。
//!
//! 几条一票否决同时成立时，最严的等级胜出（按 `band` 的 `min_score`：低的更严），与行的先后无关；
//! 写了 `total` 的取其中最低的总分；每条成立的否决都列出它的说明。`grade` 必须是某个 `band` 的
//! 名字。

use std::fmt;
use std::sync::Arc;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::method::{self, Veto};
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// 一票否决 where `when:` holds (it may read `actual`).
    veto: crate::rules::model::VetoSpec,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "veto",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: true,
    names_grade: Some(grade),
    doc: include_str!("veto.rs"),
};

pub(crate) const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Veto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "一票否决 veto: {}（{}）", self.grade, self.message)
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    match f.veto.as_ref().map(|v| method::veto(v, &p.rref.id)) {
        Some(Ok(v)) => Ok(Choice::new(KIND, Arc::new(v))),
        Some(Err(why)) => Err(p.bad_value(KEY.name, &why)),
        None => Ok(Choice::nothing()),
    }
}

/// The grade a veto rule names (checked against the bands when the rules load).
pub(crate) fn grade(c: &Choice) -> Option<&str> {
    c.get::<Arc<Veto>>().map(|v| v.grade.as_str())
}

impl<'r> Applied<'r, '_> {
    /// Every veto whose `when:` holds.
    pub fn vetoes(&self) -> Vec<Decided<'r, &'r Veto>> {
        self.all_values::<Arc<Veto>, _>(KIND, |v| &**v).collect()
    }
}
