//! The formula a rule names (`formula:`, contract §6, §8.3–§8.7), applied to the outcome of the
//! target's own kind ([`super::score()`]):
//!
//! - `all_or_nothing`, `yes_no`: met → full points, else 0;
//! - `graded`: a person's grade (a grade word or share in the actual) decides, else it waits;
//! - `proportional`, `range_distance`, `deadline`, `plan`, `execution_rate`: the formula of the
//!   kind they name, which is the kind's own; named on a kind they do not fit, the kind's own
//!   formula scores and the note says so (never silently).

use rust_decimal::Decimal;

use super::actual::Actual;
use super::methodology::{Grade, Methodology};
use super::score::{Outcome, Verdict};
use crate::lang::Target;
use crate::rules::Formula;

/// The outcome under `formula`, from the kind's own `o`.
pub fn apply(
    formula: Formula,
    target: &Target,
    actual: &Actual,
    weight: Decimal,
    m: &Methodology,
    mut o: Outcome,
) -> Outcome {
    let name = crate::rules::model::formula_name(formula);
    match formula {
        Formula::AllOrNothing | Formula::YesNo => {
            if o.verdict == Verdict::Fail && o.score.is_some_and(|s| !s.is_zero()) {
                o.score = Some(Decimal::ZERO);
                o.formula = format!("未达标，全有或全无（formula: {name}），得 0");
            } else if o.verdict == Verdict::Pass {
                o.score = Some(weight);
            }
            o
        }
        Formula::Graded => {
            if matches!(target, Target::Qualitative { .. }) {
                return o;
            }
            let share = match actual {
                Actual::Grade(g) => Some((m.grade(*g).default_share, Some(*g))),
                Actual::Share(s) => Some((*s, None)),
                _ => None,
            };
            match share {
                Some((share, grade)) => {
                    let achieved = m.grade(Grade::Achieved);
                    let share = share.max(Decimal::ZERO).min(Decimal::ONE);
                    Outcome {
                        verdict: if share >= achieved.min_share {
                            Verdict::Pass
                        } else {
                            Verdict::Fail
                        },
                        score: Some(weight * share),
                        formula: format!(
                            "按等级评定（formula: graded）：{} {}% × {}",
                            grade.map(Grade::as_str).unwrap_or("评定比例"),
                            super::score::n(share * Decimal::ONE_HUNDRED),
                            weight.normalize()
                        ),
                        rules: o.rules,
                        remarks: o.remarks,
                    }
                }
                None => Outcome {
                    verdict: Verdict::Review,
                    score: None,
                    formula: "按等级评定（formula: graded）：待评定人给出等级".into(),
                    rules: o.rules,
                    remarks: o.remarks,
                },
            }
        }
        _ => {
            if !fits(formula, target) && !matches!(target, Target::Empty | Target::Error { .. }) {
                o.remarks
                    .push("规则所定公式与目标类型不符，按目标类型本身的公式计分");
            }
            o
        }
    }
}

/// Whether a formula is the one of the target's kind (it then changes nothing).
fn fits(formula: Formula, target: &Target) -> bool {
    match formula {
        Formula::Proportional | Formula::ExecutionRate => {
            matches!(
                target,
                Target::Compare { .. } | Target::Approximate { .. } | Target::Plan { .. }
            )
        }
        Formula::RangeDistance => {
            matches!(target, Target::Range { .. } | Target::Approximate { .. })
        }
        Formula::Deadline => matches!(target, Target::Deadline { .. }),
        Formula::Plan => matches!(target, Target::Plan { .. }),
        Formula::AllOrNothing | Formula::YesNo | Formula::Graded => true,
    }
}
