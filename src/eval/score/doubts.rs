//! Figures that read two ways where the two give different verdicts or scores (issue 27, the
//! quiet readings): sent to a person with both readings in the note, never decided silently.
//!
//! - **A change in points against a level in percent**: a target in 百分点 (`≥5个百分点`, a rise
//!   of five points) against an actual written in `%` (`5%`) compares a change with a level. It
//!   is compared only where the actual is a change in points too (`6个百分点`, or bare: the
//!   target's unit), else a person decides.
//! - **A percentage that looks a hundred times too small**: `0.95%` against `≥95%` (a floor).
//!   Read as written it scores almost nothing; read as the fraction of 1 it most likely was
//!   (95 %) it meets the target. Taken so where the figure a hundred times over is within a
//!   factor of three of the target and the figure as written is not, and the two readings
//!   differ: a person decides. A ceiling (`≤5%` against `0.5%`) is read as written.
//! - **Exactly at a strict target** (`98%` against `>98%`): the comparison says 未达标, the
//!   method's partial credit (measured against the target's value, contract §8.3) says the whole
//!   weight. A verdict and points that disagree are no answer: a person decides whether `>` was
//!   meant as `≥`.
//!
//! Each is asked of rows of its own shape only; other rows pay one match.

use rust_decimal::Decimal;

use super::{Actual, Methodology, Outcome, n, reading, readings_differ};
use crate::lang::{Op, Quantity, Target, Unit};

/// The factor of the target within which a reading is taken to be the one meant.
const NEAR: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// Whether a target in percentage points is set against an actual written as a percentage
/// (`≥5个百分点` against `5%`): a change against a level.
pub(super) fn points_against_level(target: Option<&Unit>, actual: Option<&Unit>) -> bool {
    target.is_some_and(|t| t.as_str() == "百分点") && actual.is_some_and(Unit::is_percent)
}

/// The outcome for a figure in `%` against a target in 百分点 ([`points_against_level`]).
pub(super) fn points_outcome(target: &Quantity, actual: &Quantity) -> Outcome {
    Outcome::review(&format!(
        "目标是变化的百分点数（{}个百分点），实际值 {}% 是百分比水平，不是变化的百分点数，两者不能直接比较：需人工核对，或在实际值中写明提高了几个百分点",
        n(target.value),
        n(actual.value)
    ))
}

/// `0.95%` against `≥95%`: both readings where they differ, for a person (see the module doc).
pub(super) fn hundredfold_too_small(
    target: &Target,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    let (
        Target::Compare {
            op: Op::Ge | Op::Gt,
            quantity: t,
        },
        Actual::Quantity {
            quantity: a,
            unit_from_target: false,
            ..
        },
    ) = (target, actual)
    else {
        return None;
    };
    let percent = |q: &Quantity| q.unit.as_ref().is_some_and(Unit::is_percent);
    if !(percent(t) && percent(a) && above_zero_to_one(a.value)) {
        return None;
    }
    let hundred = a.value * Decimal::ONE_HUNDRED;
    let near = |x: Decimal| {
        x.checked_mul(NEAR).is_none_or(|x3| x3 >= t.value)
            && t.value.checked_mul(NEAR).is_none_or(|t3| x <= t3)
    };
    if !near(hundred) || near(a.value) {
        return None;
    }
    let (as_read, as_fraction) = readings_differ(target, actual, hundred, plan, weight, m)?;
    Some(Outcome::review(&format!(
        "实际值 {}% 不到目标 {}% 的三分之一，而 {}% 与目标相称：可能是把 {}（即 {}%）写成了 {}%。按所写读取，{}；按 {}% 读取，{}。两种读法结果不同，需人工核对",
        n(a.value),
        n(t.value),
        n(hundred),
        n(a.value),
        n(hundred),
        n(a.value),
        reading(&as_read),
        n(hundred),
        reading(&as_fraction)
    )))
}

/// Whether `v` is above 0 and at most 1, asked of every figure in `%` against a floor: told
/// by its sign and zero bits, then its mantissa against 10 to its scale (`0.95` is 95 of
/// 10², `95` is 95 of 10⁰), with no [`Decimal`] comparison (issue 28: two comparisons a row
/// cost the streamed sheet).
fn above_zero_to_one(v: Decimal) -> bool {
    // a scale is at most 28, and 10^28 < 2^127
    !v.is_sign_negative() && !v.is_zero() && v.mantissa() <= 10i128.pow(v.scale())
}

/// A strict comparison missed only by being exactly at the target (`98%` against `>98%`),
/// whose partial credit (`formula`, measured against the target's value) is the whole weight:
/// for a person (see the module doc).
pub(super) fn exactly_at_strict(op: Op, t: Decimal, formula: &str) -> Outcome {
    let meant = match op {
        Op::Gt => "≥",
        _ => "≤",
    };
    Outcome::review(&format!(
        "实际值恰等于目标值 {}，未满足“{op}”：按比较符为未达标，而按目标值计算的部分得分（{formula}）是满分，结论与得分相矛盾；需人工核对“{op}”是否本意为“{meant}”，再定得分",
        n(t)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// The cheap test answers as the two comparisons it stands for, on figures of every
    /// sign, scale and size round 0 and 1.
    #[test]
    fn above_zero_to_one_is_the_two_comparisons() {
        let texts = [
            "0",
            "-0",
            "0.0",
            "-0.00",
            "1",
            "-1",
            "1.0",
            "1.00000",
            "1.0001",
            "0.9999",
            "0.5",
            "-0.5",
            "2",
            "95",
            "100",
            "0.001",
            "10.0",
            "0.10",
            "1e-28",
            "-1e-28",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
        ];
        for t in texts {
            let v = Decimal::from_str(t)
                .or_else(|_| Decimal::from_scientific(t))
                .unwrap();
            assert_eq!(
                above_zero_to_one(v),
                v > Decimal::ZERO && v <= Decimal::ONE,
                "{t}"
            );
        }
    }
}
