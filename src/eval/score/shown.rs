//! A missed target's points as shown (issue 27, session 27): never the whole weight.
//!
//! The partial credit of a row that misses is exact (`10 × 9.999 ÷ 10` for `6666平方米` against
//! `≥10亩`, 9.999 亩), and shown rounded half-up (contract §8.9): 9.999 shows as 10.00, the
//! whole weight, beside 未达标 — a verdict and points that disagree on the page. Such a row is
//! given the largest shown figure below the weight (9.99 at two decimals) and the formula says
//! what the rounding did. A row whose points round below the weight is left as it was.

use rust_decimal::Decimal;

use super::{Outcome, n};
use crate::eval::methodology::Methodology;

/// Whether `exact` may be within one shown step of `weight` (a test on the mantissas, ~10
/// instructions a missed row, before the two roundings: the varied sheet misses a third of its
/// rows); `true` where the scales or signs leave it to the exact test. Where the gap is wider
/// than a step the shown points are below the weight's (rounding is monotone).
fn near_weight(exact: Decimal, weight: Decimal, dp: u32) -> bool {
    use crate::eval::methodology::POWERS_OF_TEN;
    let (s, ws) = (exact.scale(), weight.scale());
    if exact.is_sign_negative() || weight.is_sign_negative() || s < ws || s < dp {
        return true;
    }
    let Some(w) = weight
        .mantissa()
        .unsigned_abs()
        .checked_mul(POWERS_OF_TEN[(s - ws) as usize])
    else {
        return true;
    };
    w.checked_sub(exact.mantissa().unsigned_abs())
        .is_none_or(|gap| gap <= POWERS_OF_TEN[(s - dp) as usize])
}

/// `o`, a miss, with its points brought below the weight where they would show the whole
/// weight (see the module doc); unchanged otherwise.
#[inline(never)]
pub(super) fn below_weight(o: &mut Outcome, weight: Decimal, m: &Methodology) {
    let Some(exact) = o.score else {
        return;
    };
    if exact >= weight || !near_weight(exact, weight, m.precision.value.min(28)) {
        return;
    }
    let full = m.show(weight);
    if m.show(exact) != full || full <= Decimal::ZERO {
        return;
    }
    let step = Decimal::new(1, m.precision.value.min(28));
    let shown = (full - step).max(Decimal::ZERO);
    o.formula = format!(
        "{}（按比例得 {}，四舍五入后等于满分；未达标不记满分，记 {} 分）",
        o.formula,
        n(exact),
        shown.normalize()
    );
    o.score = Some(shown);
}

#[cfg(test)]
mod tests {
    use super::near_weight;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn only_a_gap_wider_than_a_step_is_far() {
        assert!(near_weight(d("9.999"), d("10"), 2));
        assert!(near_weight(d("9.99"), d("10"), 2));
        assert!(!near_weight(d("9.989"), d("10"), 2));
        assert!(!near_weight(
            d("6.0000000000000000000000000001"),
            d("10"),
            2
        ));
        assert!(near_weight(d("9.9999999999999999999999999999"), d("10"), 2));
        assert!(near_weight(d("9.9"), d("10.005"), 2));
    }
}
