//! `formula: proportional` — 计分公式：`proportional`、`range_distance`、`all_or_nothing`、
//! `yes_no`、`deadline`、`plan`、`graded`、`execution_rate`（见 docs/rules.md 的 Formulas）。
//!
//! 附带键：`late_penalty: 10%`（每逾期一月扣的比例，只用于 `deadline`）。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo, pct};
use crate::rules::error::RuleError;
use crate::rules::model::{Formula, formula_name};
use crate::rules::set::{Applied, Decided, FormulaChoice, Partial};

fields! {
    /// Scoring formula for matching indicators (usually `when: kind == "..."`).
    formula: crate::rules::model::Formula,
    /// With `formula: deadline`: share of the weight lost per month late (`10%`); absent: late
    /// scores 0.
    late_penalty: String,
    ; compiled:
    /// `late_penalty` as a fraction.
    late_penalty_value: rust_decimal::Decimal,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "formula",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: Some(compile),
    decide,
    value_help: &[(
        "formula",
        ValueHelp::Choices(&[
            "proportional",
            "range_distance",
            "all_or_nothing",
            "yes_no",
            "deadline",
            "plan",
            "graded",
            "execution_rate",
        ]),
    )],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("formula.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for FormulaChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "公式 formula: {}", formula_name(self.formula))?;
        if let Some(p) = self.late_penalty {
            write!(f, "（每逾期一月扣 {}）", pct(p))?;
        }
        Ok(())
    }
}

/// As the rule's file is read: its `late_penalty` read (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get_mut::<Fields>() {
        f.late_penalty_value = cx.percent(f.late_penalty.as_deref(), "late_penalty");
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = p.fields::<Fields>();
    if s.late_penalty.is_some() && s.formula.is_some_and(|f| f != Formula::Deadline) {
        return Err(p.derr(
            "late_penalty",
            "`late_penalty` 只对 `formula: deadline` 起作用".into(),
            "这个键在这里不起作用",
            "逾期扣分写在 `formula: deadline` 的规则里",
        ));
    }
    Ok(Choice::new(
        KIND,
        FormulaChoice {
            formula: s.formula.unwrap_or(Formula::Proportional),
            late_penalty: s.late_penalty_value,
        },
    ))
}

impl<'r> Applied<'r, '_> {
    /// The scoring formula for the indicator (rules usually test `kind`).
    pub fn formula(&self) -> Option<Decided<'r, FormulaChoice>> {
        self.first_value::<FormulaChoice, _>(KIND, |v| *v)
    }
}
