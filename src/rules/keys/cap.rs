//! `cap: {grade, message}` — 等级上限：规则的 `when:` 成立时（可以读 `actual`），项目的等级不得
//! 高于 `grade`；等级本来就更低时不变（从不提高等级）。`message` 在每种格式里列在总分旁（代码是
//! 规则的 id）。等级的高低按 `band` 的 `min_score` 比较；`grade` 必须是某个 `band` 的名字。
//!
//! 例：“有问责或2次以上约谈的，不得评定为优秀”：`when: indicator == "约谈次数" and actual >= 2`，
//! `cap: {grade: 良好, message: 2次以上约谈，不得评定为优秀}`。

use std::fmt;
use std::sync::Arc;

use super::{Choice, KeyInfo};
use crate::rules::error::RuleError;
use crate::rules::method;
use crate::rules::set::{Applied, Decided, Partial};

/// `cap:` — 等级上限: where the rule's `when:` holds, the project's grade may not exceed `grade`
/// (it never raises a lower grade).
#[derive(Debug, Clone, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Cap")]
pub struct CapSpec {
    /// The highest grade the project may have (`良好`).
    pub grade: String,
    /// The message shown beside the total.
    pub message: Option<String>,
}

/// `cap:` compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub grade: String,
    pub message: String,
}

/// `cap:` read: its grade there, its message (or one naming the rule).
pub fn cap(c: &CapSpec, id: &str) -> Result<Cap, method::Why> {
    if c.grade.trim().is_empty() {
        return Err("`cap` 要写出项目等级的上限，如 `grade: 良好`".into());
    }
    Ok(Cap {
        grade: c.grade.trim().to_owned(),
        message: c
            .message
            .clone()
            .unwrap_or_else(|| format!("等级上限（{id}）")),
    })
}

fields! {
    /// 等级上限 where `when:` holds (it may read `actual`): the grade may not exceed it.
    cap: CapSpec,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "cap",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: true,
    names_grade: Some(grade),
    doc: include_str!("cap.rs"),
};

pub(crate) const KIND: usize = super::kind(KEY.name);

impl fmt::Display for Cap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "等级上限 cap: {}（{}）", self.grade, self.message)
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    match f.cap.as_ref().map(|c| cap(c, &p.rref.id)) {
        Some(Ok(c)) => Ok(Choice::new(KIND, Arc::new(c))),
        Some(Err(why)) => Err(p.bad_value(KEY.name, &why)),
        None => Ok(Choice::nothing()),
    }
}

/// The grade a cap rule names (checked against the bands when the rules load).
pub(crate) fn grade(c: &Choice) -> Option<&str> {
    c.get::<Arc<Cap>>().map(|c| c.grade.as_str())
}

impl<'r> Applied<'r, '_> {
    /// Every cap whose `when:` holds.
    pub fn caps(&self) -> Vec<Decided<'r, &'r Cap>> {
        self.all_values::<Arc<Cap>, _>(KIND, |v| &**v).collect()
    }
}
