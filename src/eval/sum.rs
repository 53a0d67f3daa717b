//! A project's running sums (its total, the points it is scored on), kept as an integer
//! mantissa at the largest scale added so far: adding a row is an integer multiply and add,
//! not a `Decimal` addition (which aligns the scales and checks for overflow afresh each time,
//! the most a varied sheet's rows pay for their sums).
//!
//! Decided here: the sum is exactly what adding the same decimals one by one with `Decimal`'s
//! `+` gives, value, scale and sign, never a more exact sum that would show otherwise. While
//! every aligned operand and every partial sum fits the 96 bits of a decimal's mantissa, `+`
//! is exact at the larger scale, and so is this; the first addition that would not fit (where
//! `Decimal` rounds) is left to `Decimal` from there on. A test holds the two equal on sums of
//! scores of every scale, negative values and zeros among them.

use rust_decimal::Decimal;

/// A running sum of decimals ([module docs](self)).
#[derive(Debug, Clone, Copy)]
pub(super) enum Sum {
    /// The sum's mantissa at `scale` (it fits 96 bits).
    Exact { mantissa: i128, scale: u32 },
    /// Past where integers keep it exactly as `Decimal` does: `Decimal` adds on.
    Decimal(Decimal),
}

impl Default for Sum {
    fn default() -> Self {
        Sum::Exact {
            mantissa: 0,
            scale: 0,
        }
    }
}

/// 10^k for the scales a decimal has (0..=28).
const POW10: [i128; 29] = {
    let mut p = [1i128; 29];
    let mut k = 1;
    while k < 29 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// The largest magnitude that times 10^k still fits a decimal's 96-bit mantissa.
const LIMIT: [u128; 29] = {
    let mut l = [0u128; 29];
    let mut k = 0;
    while k < 29 {
        l[k] = ((1u128 << 96) - 1) / (POW10[k] as u128);
        k += 1;
    }
    l
};

/// Whether `m` fits a decimal's 96-bit mantissa.
fn fits(m: i128) -> bool {
    m.unsigned_abs() >> 96 == 0
}

/// `m` × 10^k where that fits a decimal's mantissa (`m` fits one, and `k` ≤ 28).
#[inline]
fn aligned(m: i128, k: u32) -> Option<i128> {
    let k = k as usize;
    // within the limit the product is below 2^96: no overflow of an i128
    (m.unsigned_abs() <= LIMIT[k]).then(|| m * POW10[k])
}

impl Sum {
    /// Adds `d`, as `Decimal`'s `+=` would.
    #[inline]
    pub fn add(&mut self, d: Decimal) {
        match self {
            Sum::Exact { mantissa, scale } => {
                let (dm, ds) = (d.mantissa(), d.scale());
                let s = (*scale).max(ds);
                // both sides fit 96 bits: their sum fits an i128
                match (aligned(*mantissa, s - *scale), aligned(dm, s - ds)) {
                    (Some(a), Some(b)) if fits(a + b) => {
                        *mantissa = a + b;
                        *scale = s;
                    }
                    _ => *self = Sum::Decimal(self.value() + d),
                }
            }
            Sum::Decimal(x) => *x += d,
        }
    }

    /// The sum.
    pub fn value(&self) -> Decimal {
        match *self {
            // fits 96 bits at a scale of at most 28: always a decimal
            Sum::Exact { mantissa, scale } => Decimal::from_i128_with_scale(mantissa, scale),
            Sum::Decimal(d) => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Decimal`'s own sum, one by one (`None` past its range, where `+` panics: a sum of
    /// scores never gets there).
    fn decimal_sum(values: &[Decimal]) -> Option<Decimal> {
        let mut s = Decimal::ZERO;
        for v in values {
            s = s.checked_add(*v)?;
        }
        Some(s)
    }

    #[test]
    fn sums_are_decimals_added_one_by_one() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let fixed = [
            vec![],
            vec![d("50"), d("27.906976744186046511627906977"), d("10")],
            vec![
                d("9.4855555555555555555555555556"),
                d("77.906976744186046511627906977"),
                d("30.00"),
            ],
            vec![d("-0.5"), d("0.5")],
            vec![d("-0"), d("-0.00")],
            vec![d("0.00"), d("-1.5"), d("1.50")],
            vec![d("79228162514264337593543950334"), d("1")],
            vec![d("7.9228162514264337593543950335"), d("0.1")],
            vec![d("-79228162514264337593543950335"), d("-0.4"), d("0.6")],
        ];
        let mut cases = fixed.to_vec();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut values = Vec::new();
            // short sums (exact all along) and long ones (past 96 bits at the scores' scale)
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = if x & 16 == 0 { x % 4 } else { x % 12 + 4 };
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x & 3 != 0 {
                    // a score as scored: weight × actual ÷ target, at a decimal's precision
                    let (w, a, t) = (x % 60 + 1, (x >> 6) % 9999 + 1, (x >> 20) % 997 + 1);
                    values.push(Decimal::from(w) * Decimal::new(a as i64, 2) / Decimal::from(t));
                    continue;
                }
                let m = (x >> (x % 64)) as i128 * if x & 4 == 0 { -1 } else { 1 };
                let wide = if x & 4 == 0 { 1 } else { (x >> 30) as i128 };
                if let Ok(v) = Decimal::try_from_i128_with_scale(m * wide, (x >> 8) as u32 % 29) {
                    values.push(v);
                }
            }
            cases.push(values);
        }
        let (mut exact_all_along, mut compared) = (0, 0);
        for values in &cases {
            let Some(theirs) = decimal_sum(values) else {
                continue;
            };
            let mut s = Sum::default();
            for v in values {
                s.add(*v);
            }
            exact_all_along += usize::from(matches!(s, Sum::Exact { .. }));
            compared += 1;
            let ours = s.value();
            // the same value, scale and sign (the bytes of the decimal), and the same text
            assert_eq!(ours.serialize(), theirs.serialize(), "{values:?}");
            assert_eq!(ours.to_string(), theirs.to_string(), "{values:?}");
        }
        // both ways are taken
        assert!(exact_all_along > 300, "{exact_all_along}");
        assert!(
            exact_all_along + 300 < compared,
            "{exact_all_along} of {compared}"
        );
    }
}
