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

/// Where `exact` lies against `weight`, told from the mantissas where the scales allow (~10
/// instructions a missed row, before any `Decimal` comparison or rounding: the varied sheet
/// misses a third of its rows).
#[derive(Debug, PartialEq)]
enum Gap {
    /// At or past the weight, or below it by more than one shown step: the shown points are
    /// already below the weight's or the row is not this module's (rounding is monotone).
    Far,
    /// Below the weight by at most one shown step: the roundings decide.
    Near,
    /// Scales or signs the mantissa test does not take: the exact comparisons decide.
    Unsure,
}

/// [`Gap`] of `exact` below `weight` at `dp` shown decimals: both mantissas brought to one
/// scale (the larger of theirs and `dp`'s), so a gap of one shown step is `10^(scale − dp)`.
fn gap(exact: Decimal, weight: Decimal, dp: u32) -> Gap {
    use crate::eval::methodology::POWERS_OF_TEN;
    if exact.is_sign_negative() || weight.is_sign_negative() {
        return Gap::Unsure;
    }
    let (s, ws) = (exact.scale(), weight.scale());
    let t = s.max(ws).max(dp);
    let at = |d: Decimal, from: u32| {
        d.mantissa()
            .unsigned_abs()
            .checked_mul(POWERS_OF_TEN[(t - from) as usize])
    };
    let (Some(e), Some(w)) = (at(exact, s), at(weight, ws)) else {
        return Gap::Unsure;
    };
    match w.checked_sub(e) {
        Some(g) if g > 0 && g <= POWERS_OF_TEN[(t - dp) as usize] => Gap::Near,
        _ => Gap::Far,
    }
}

/// `o`, a miss, with its points brought below the weight where they would show the whole
/// weight (see the module doc); unchanged otherwise.
#[inline(never)]
pub(super) fn below_weight(o: &mut Outcome, weight: Decimal, m: &Methodology) {
    let Some(exact) = o.score else {
        return;
    };
    let dp = m.precision.value.min(28);
    match gap(exact, weight, dp) {
        Gap::Far => return,
        Gap::Near => {}
        Gap::Unsure if exact >= weight => return,
        Gap::Unsure => {}
    }
    let full = m.show(weight);
    if m.show(exact) != full || full <= Decimal::ZERO {
        return;
    }
    let step = Decimal::new(1, dp);
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
    use super::{Gap, gap};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn only_a_gap_wider_than_a_step_is_far() {
        assert_eq!(gap(d("9.999"), d("10"), 2), Gap::Near);
        assert_eq!(gap(d("9.99"), d("10"), 2), Gap::Near);
        assert_eq!(gap(d("9.989"), d("10"), 2), Gap::Far);
        let far = d("6.0000000000000000000000000001");
        assert_eq!(gap(far, d("10"), 2), Gap::Far);
        let near = d("9.999999999999999999999999999");
        assert_eq!(gap(near, d("10"), 2), Gap::Near);
        assert_eq!(gap(d("10.000"), d("10"), 2), Gap::Far);
        assert_eq!(gap(d("10.5"), d("10"), 1), Gap::Far);
        // scales apart: brought to one
        assert_eq!(gap(d("9.9"), d("10.005"), 2), Gap::Far);
        assert_eq!(gap(d("9.996"), d("10.005"), 2), Gap::Near);
        assert_eq!(gap(d("9"), d("10"), 2), Gap::Far);
        assert_eq!(gap(d("9.9"), d("10"), 0), Gap::Near);
        // signs the mantissa test does not take
        assert_eq!(gap(d("-1.000"), d("10"), 2), Gap::Unsure);
    }
}
