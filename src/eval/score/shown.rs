//! A missed target's points as shown (issue 27, session 27): never the whole weight.
//!
//! The partial credit of a row that misses is exact (`10 × 9.999 ÷ 10` for `6666平方米` against
//! `≥10亩`, 9.999 亩), and shown rounded half-up (contract §8.9): 9.999 shows as 10.00, the
//! whole weight, beside 未达标 — a verdict and points that disagree on the page. Such a row is
//! given the largest shown figure below the weight (9.99 at two decimals) and the formula says
//! what the rounding did. A row whose points round below the weight is left as it was.

use rust_decimal::Decimal;

use super::{Outcome, Verdict, n};
use crate::eval::methodology::Methodology;

/// `o` with its points brought below the weight where it misses yet would show the whole
/// weight (see the module doc); any other outcome unchanged (one comparison for most rows).
pub(super) fn below_weight(mut o: Outcome, weight: Decimal, m: &Methodology) -> Outcome {
    if o.verdict != Verdict::Fail {
        return o;
    }
    let Some(exact) = o.score else {
        return o;
    };
    let full = m.show(weight);
    if exact >= weight || m.show(exact) != full || full <= Decimal::ZERO {
        return o;
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
    o
}
