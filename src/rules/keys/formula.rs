//! `formula: proportional` — 计分公式：`proportional`、`range_distance`、`all_or_nothing`、
//! `yes_no`、`deadline`、`plan`、`graded`、`execution_rate`（见 docs/rules.md 的 Formulas）。
//!
//! 附带键：`late_penalty: 10%`（每逾期一月扣的比例，只用于 `deadline`）。

use std::fmt;

use super::{Choice, KeyInfo, pct};
use crate::rules::error::RuleError;
use crate::rules::model::{Formula, formula_name};
use crate::rules::set::{Applied, Decided, FormulaChoice, Partial};

pub const KEY: KeyInfo = KeyInfo {
    name: "formula",
    present: |s| s.formula.is_some(),
    attached: &[("late_penalty", |s| s.late_penalty.is_some())],
    when_fields: None,
    decide,
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

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = &p.spec;
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
            late_penalty: p.late_penalty,
        },
    ))
}

impl<'r> Applied<'r, '_> {
    /// The scoring formula for the indicator (rules usually test `kind`).
    pub fn formula(&self) -> Option<Decided<'r, FormulaChoice>> {
        self.first_value::<FormulaChoice, _>(KIND, |v| *v)
    }
}
