//! Exact sums and comparisons of the decimals evaluation adds up row by row (a project's
//! points, its total, the points waiting; the streamed run's sums) and compares (a score
//! against its weight): the same values as rust_decimal's `+=`, `*` and `cmp`, worked out on
//! the mantissas in 128 bits where both values are non-negative (nearly every figure of a
//! sheet: `30.00`, a share `22.2222…`), a sum or product past 96 bits rounded as rust_decimal
//! rounds it, else by rust_decimal itself.
//! rust_decimal rescales through a 192-bit buffer on every add whose scales differ (~250
//! instructions where these take ~40); its results are kept exactly, scale and all (a test
//! compares the bytes).

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// 10^0 … 10^38 (a decimal's scale is at most 28; a product's at most 56, brought back by up
/// to 38 digits in 128 bits).
const POW10: [u128; 39] = {
    let mut p = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// A decimal's mantissa is below 2^96.
const LIMIT: u128 = 1 << 96;

/// The mantissas of `a` and `b` at the larger of their scales, and that scale, where both are
/// non-negative and each fits in 96 bits there.
#[inline]
fn aligned(a: Decimal, b: Decimal) -> Option<(u128, u128, u32)> {
    if a.is_sign_negative() || b.is_sign_negative() {
        return None;
    }
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa() as u128, b.mantissa() as u128);
    match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb, sa)),
        Ordering::Less => {
            let m = ma.checked_mul(POW10[(sb - sa) as usize])?;
            (m < LIMIT).then_some((m, mb, sb))
        }
        Ordering::Greater => {
            let m = mb.checked_mul(POW10[(sa - sb) as usize])?;
            (m < LIMIT).then_some((ma, m, sa))
        }
    }
}

/// `*acc += x`, exactly as rust_decimal adds. A zero added to, or added, gives the other value
/// as it is (its scale and sign, not the larger scale): rust_decimal's every path returns the
/// other operand there, and a project's sums start at zero (two or three such adds a project,
/// each a call into rust_decimal's slower path where the other value has 28 decimals).
#[inline]
pub(super) fn add_to(acc: &mut Decimal, x: Decimal) {
    if acc.is_zero() {
        *acc = x;
        return;
    }
    if x.is_zero() {
        return;
    }
    match aligned(*acc, x) {
        Some((a, b, scale)) if a + b < LIMIT => {
            *acc = Decimal::from_i128_with_scale((a + b) as i128, scale);
        }
        _ => add_rounded(acc, x),
    }
}

/// `*acc += x` where the exact sum does not fit 96 bits at the larger scale (a share of 28
/// decimals added to a sum of points): rust_decimal keeps it by dropping the fewest decimals
/// it must, rounded half to even ([`fitted`]); worked out here in 128 bits where both values
/// are non-negative, else (or where the rounding itself would carry past 96 bits) by
/// rust_decimal.
#[inline(never)]
fn add_rounded(acc: &mut Decimal, x: Decimal) {
    if !acc.is_sign_negative() && !x.is_sign_negative() {
        let (sa, sb) = (acc.scale(), x.scale());
        let scale = sa.max(sb);
        let a = (acc.mantissa() as u128).checked_mul(POW10[(scale - sa) as usize]);
        let b = (x.mantissa() as u128).checked_mul(POW10[(scale - sb) as usize]);
        if let (Some(a), Some(b)) = (a, b)
            && let Some(sum) = a.checked_add(b)
            && let Some((m, scale)) = fitted(sum, scale)
        {
            *acc = Decimal::from_i128_with_scale(m as i128, scale);
            return;
        }
    }
    *acc += x;
}

/// `a * b`, exactly as rust_decimal multiplies (value, scale and all): the product of the
/// mantissas in 128 bits kept as rust_decimal keeps it ([`fitted`]) where both values are
/// positive and the product fits 128 bits, else rust_decimal's. Budget execution's score is
/// its weight times a share of 28 decimals, once a project (~370 instructions through the
/// decimal's 192-bit buffer).
#[inline]
pub(super) fn mul(a: Decimal, b: Decimal) -> Decimal {
    let positive = |d: Decimal| !d.is_sign_negative() && !d.is_zero();
    if positive(a)
        && positive(b)
        && let Some(p) = (a.mantissa() as u128).checked_mul(b.mantissa() as u128)
        && let Some((m, scale)) = fitted(p, a.scale() + b.scale())
    {
        return Decimal::from_i128_with_scale(m as i128, scale);
    }
    a * b
}

/// The exact non-negative `m` × 10^-`scale` as rust_decimal keeps a result past its 96 bits or
/// 28 decimals: the fewest decimals dropped that bring it within both, the last kept rounded
/// half to even on the exact remainder (its `Buf24::rescale` and `reduce_scale`, whose sticky
/// bit makes their rounding the exact one). `None` where rust_decimal would overflow, where
/// the rounding carries past 96 bits (rust_decimal then rounds a second time), or past 38
/// decimals to drop, and where the product of two 32-bit mantissas drops more than 19
/// (rust_decimal gives zero there): rust_decimal decides those.
#[inline]
fn fitted(m: u128, scale: u32) -> Option<(u128, u32)> {
    if m < LIMIT && scale <= 28 {
        return Some((m, scale));
    }
    if scale > 28 + 19 {
        return None;
    }
    let mut k = scale.saturating_sub(28) as usize;
    let mut q = m / POW10[k];
    while q >= LIMIT {
        k += 1;
        if k > 38 {
            return None;
        }
        q = m / POW10[k];
    }
    if k as u32 > scale {
        return None;
    }
    let r = m - q * POW10[k];
    let half = POW10[k] / 2;
    if r > half || (r == half && q & 1 == 1) {
        q += 1;
    }
    (q < LIMIT).then_some((q, scale - k as u32))
}

/// `a.cmp(&b)`, as rust_decimal compares: on the mantissas brought to one scale where both
/// values are non-negative and the product fits 128 bits (a compare, unlike a sum, need not
/// fit 96: a share of 28 decimals against `10` or `100` is compared here too).
#[inline]
pub(super) fn cmp(a: Decimal, b: Decimal) -> Ordering {
    if a.is_sign_negative() || b.is_sign_negative() {
        return a.cmp(&b);
    }
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa() as u128, b.mantissa() as u128);
    let together = match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb)),
        Ordering::Less => ma.checked_mul(POW10[(sb - sa) as usize]).map(|m| (m, mb)),
        Ordering::Greater => mb.checked_mul(POW10[(sa - sb) as usize]).map(|m| (ma, m)),
    };
    match together {
        Some((x, y)) => x.cmp(&y),
        None => a.cmp(&b),
    }
}

/// `d.checked_mul(100)`, exactly as rust_decimal multiplies (value, scale and all): the
/// mantissa times 100 at the same scale where it fits 96 bits, else brought back by the
/// fewest tens it needs (exact: the product ends in two zeros), as rust_decimal rescales an
/// overflowing product; a negative value, a zero, or one with too few decimals to drop, is
/// rust_decimal's. An execution rate is a share of 28 decimals shown in percent, once a
/// project (~250 instructions through the decimal's multiplication and rescaling).
#[inline]
pub(super) fn times_100(d: Decimal) -> Option<Decimal> {
    let (m, scale) = (d.mantissa() as u128, d.scale());
    // (a zero's product is rust_decimal's: `0.00 × 100` is `0`, its scale dropped)
    if d.is_sign_negative() || m == 0 {
        return d.checked_mul(Decimal::ONE_HUNDRED);
    }
    let p = m * 100;
    let (m, scale) = if p < LIMIT {
        (p, scale)
    } else if p / 10 < LIMIT && scale >= 1 {
        (p / 10, scale - 1)
    } else if scale >= 2 {
        (m, scale - 2)
    } else {
        return d.checked_mul(Decimal::ONE_HUNDRED);
    };
    Some(Decimal::from_i128_with_scale(m as i128, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values of every kind a sheet gives and the edges of the range: whole points, shares of
    /// 28 decimals, zeros at several scales, negative values and zero, the largest mantissas.
    fn values() -> Vec<Decimal> {
        let mut v: Vec<Decimal> = [
            "0",
            "0.00",
            "0.0000000000000000000000000000",
            "-0",
            "-0.00",
            "1",
            "30.00",
            "15",
            "22.2222",
            "7.5",
            "0.001",
            "10",
            "100",
            "-5",
            "-22.22",
            "3.3333333333333333333333333333",
            "33.333333333333333333333333333",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7922816251426433759354395033.5",
            "39614081257132168796771975168",
            "1000000000000000000000000000",
            "999999999999.999999",
        ]
        .iter()
        .map(|s| s.parse().expect("a decimal"))
        .collect();
        v.push(Decimal::ONE_HUNDRED / Decimal::from(3));
        v.push(Decimal::from(50) / Decimal::from(7));
        v.push(Decimal::new(-0, 3));
        v.push(Decimal::MAX);
        v.push(Decimal::MIN);
        v
    }

    /// Pseudo-random values (a fixed sequence): mantissas of every width, every scale.
    fn random(n: usize) -> Vec<Decimal> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let bits = next() % 97;
                let m = ((u128::from(next()) << 64) | u128::from(next())) >> (128 - bits.max(1));
                let scale = (next() % 29) as u32;
                Decimal::from_i128_with_scale(m as i128, scale)
            })
            .collect()
    }

    #[test]
    fn sums_and_comparisons_are_rust_decimals_to_the_byte() {
        let mut all = values();
        all.extend(random(300));
        // shares of 28 decimals and sums of points, whose sums drop decimals (rounded half to
        // even: a sum ending in 5 at the digit dropped, odd and even)
        for k in 1..120u32 {
            all.push(Decimal::from(k * 104_729) / Decimal::from(k * 17 + 7));
        }
        for m in [
            LIMIT - 5,
            LIMIT - 15,
            LIMIT / 2 + 5,
            LIMIT / 2 + 15,
            LIMIT / 2 + 25,
            LIMIT / 2 - 1,
        ] {
            for scale in [1, 2, 27, 28] {
                all.push(Decimal::from_i128_with_scale(m as i128, scale));
            }
        }
        for &a in &all {
            for &b in &all {
                let theirs = std::panic::catch_unwind(|| {
                    let mut t = a;
                    t += b;
                    t
                });
                let ours = std::panic::catch_unwind(|| {
                    let mut o = a;
                    add_to(&mut o, b);
                    o
                });
                match (theirs, ours) {
                    (Ok(t), Ok(o)) => assert_eq!(t.serialize(), o.serialize(), "{a} + {b}"),
                    (Err(_), Err(_)) => {}
                    (t, o) => panic!("{a} + {b}: {t:?} against {o:?}"),
                }
                assert_eq!(cmp(a, b), a.cmp(&b), "{a} against {b}");
            }
        }
    }

    #[test]
    fn products_are_rust_decimals_to_the_byte() {
        let mut all = values();
        all.extend(random(300));
        // weights and shares as budget execution multiplies them
        for w in [
            "10", "10.00", "15", "7.5", "20", "2.5", "0.5", "100", "33.33",
        ] {
            all.push(w.parse().expect("a weight"));
        }
        for k in 1..200u32 {
            all.push(Decimal::from(k * 7919) / Decimal::from(k * 13 + 3));
        }
        // (a product past the decimal range is rust_decimal's own `*`: `mul` falls back to it)
        for &a in &all {
            for &b in &all {
                if let Some(theirs) = a.checked_mul(b) {
                    assert_eq!(mul(a, b).serialize(), theirs.serialize(), "{a} × {b}");
                }
            }
        }
    }

    #[test]
    fn times_100_is_rust_decimals_to_the_byte() {
        let mut all = values();
        all.extend(random(20_000));
        // shares near the 96-bit edge at every scale (an execution rate divided out)
        for scale in 0..=28 {
            for m in [
                LIMIT - 1,
                LIMIT / 10,
                LIMIT / 10 + 1,
                LIMIT / 100,
                LIMIT / 100 + 1,
            ] {
                all.push(Decimal::from_i128_with_scale(m as i128, scale));
            }
        }
        for &a in &all {
            let theirs = a.checked_mul(Decimal::ONE_HUNDRED).map(|d| d.serialize());
            assert_eq!(times_100(a).map(|d| d.serialize()), theirs, "{a} × 100");
        }
    }
}
