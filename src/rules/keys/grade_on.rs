//! `grade_on: shown|exact` — 评级依据：等级按显示的总分（`shown`，默认：显示为 90.00 即为优）还是
//! 按精确总分（`exact`：89.996 为良）。对整个评价适用。

use std::fmt;

use super::{Choice, KeyInfo, WHOLE_EVALUATION};
use crate::rules::error::RuleError;
use crate::rules::model::GradeOn;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// Which total the grade band reads: `shown` (default: as printed) or `exact`.
    grade_on: crate::rules::model::GradeOn,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "grade_on",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: WHOLE_EVALUATION,
    compile: None,
    decide,
    value_help: &[],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("grade_on.rs"),
};

const KIND: usize = super::kind(KEY.name);

/// Whether grade bands read the exact total (`true`) or the total as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(pub bool);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "评级依据 grade_on: {}",
            if self.0 { "exact" } else { "shown" }
        )
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    Ok(Choice::new(
        KIND,
        Value(f.grade_on == Some(GradeOn::Exact)),
    ))
}

impl<'r> Applied<'r, '_> {
    /// Whether grade bands read the exact total (`true`) or the total as shown (`false`).
    pub fn grade_on(&self) -> Option<Decided<'r, bool>> {
        self.first_value::<Value, _>(KIND, |v| v.0)
    }
}
