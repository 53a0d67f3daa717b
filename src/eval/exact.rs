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
            let m = scaled_up(ma, sb - sa)?;
            (m < LIMIT).then_some((m, mb, sb))
        }
        Ordering::Greater => {
            let m = scaled_up(mb, sa - sb)?;
            (m < LIMIT).then_some((ma, m, sa))
        }
    }
}

/// `m` (a mantissa, below 2^96) times 10^`d`, where it fits 128 bits: two 64-bit products
/// where 10^`d` fits 64 bits (a 128-bit `checked_mul` is several), else `checked_mul`.
#[inline]
fn scaled_up(m: u128, d: u32) -> Option<u128> {
    if d == 0 {
        return Some(m);
    }
    if d <= 19 {
        let p = POW10[d as usize];
        let lo = u128::from(m as u64) * p;
        // (m >> 64 is below 2^32 and p below 2^64: no overflow here)
        let hi = (m >> 64) * p;
        if hi >> 64 != 0 {
            return None;
        }
        return (hi << 64).checked_add(lo);
    }
    m.checked_mul(POW10[d as usize])
}

/// `*acc += x`, exactly as rust_decimal adds: inlined for the common case (both non-negative
/// at one scale, the sum within 96 bits; a zero there too, as rust_decimal gives the other
/// value, at that scale), the rest out of line ([`add_apart`]). Added up some three times a
/// row; out of line whole, its call and checks were ~57 instructions each.
#[inline(always)]
pub(super) fn add_to(acc: &mut Decimal, x: Decimal) {
    let a = *acc;
    if !a.is_sign_negative() && !x.is_sign_negative() && a.scale() == x.scale() {
        let sum = a.mantissa() as u128 + x.mantissa() as u128;
        if sum < LIMIT {
            *acc = from_mantissa(sum, a.scale());
            return;
        }
    }
    add_apart(acc, x);
}

/// A non-negative decimal of the mantissa `m` (below 2^96) and `scale` (at most 28).
#[inline(always)]
fn from_mantissa(m: u128, scale: u32) -> Decimal {
    Decimal::from_parts(m as u32, (m >> 32) as u32, (m >> 64) as u32, false, scale)
}

/// [`add_to`] of values at two scales, a negative one, or a sum past 96 bits. A zero added to,
/// or added, gives the other value as it is (its scale and sign, not the larger scale):
/// rust_decimal's every path returns the other operand there, and a project's sums start at
/// zero (two or three such adds a project, each a call into rust_decimal's slower path where
/// the other value has 28 decimals).
#[inline(never)]
fn add_apart(acc: &mut Decimal, x: Decimal) {
    if acc.is_zero() {
        *acc = x;
        return;
    }
    if x.is_zero() {
        return;
    }
    match aligned(*acc, x) {
        Some((a, b, scale)) if a + b < LIMIT => *acc = from_mantissa(a + b, scale),
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
        let a = scaled_up(acc.mantissa() as u128, scale - sa);
        let b = scaled_up(x.mantissa() as u128, scale - sb);
        if let (Some(a), Some(b)) = (a, b)
            && let Some(sum) = a.checked_add(b)
            && let Some((m, scale)) = fitted(sum, scale)
        {
            *acc = from_mantissa(m, scale);
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
        return from_mantissa(m, scale);
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
    // the fewest decimals to drop: at least those past 28, and at least rust_decimal's own
    // estimate from the bits past 96 (never more than needed: log10(2) > 77/256), so that
    // one division nearly always finds it
    let mut k = scale.saturating_sub(28) as usize;
    if m >= LIMIT {
        let past = 128 - m.leading_zeros() - 97;
        k = k.max(((past * 77) >> 8) as usize + 1);
    }
    if k > 38 {
        return None;
    }
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
/// fit 96: a share of 28 decimals against `10` or `100` is compared here too). Always inlined:
/// out of line, the call and its spills were a third of its cost (a grade's bands, a budget's
/// share, a row's score against its weight).
#[inline(always)]
pub(super) fn cmp(a: Decimal, b: Decimal) -> Ordering {
    if a.is_sign_negative() || b.is_sign_negative() {
        return a.cmp(&b);
    }
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa() as u128, b.mantissa() as u128);
    let together = match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb)),
        Ordering::Less => scaled_up(ma, sb - sa).map(|m| (m, mb)),
        Ordering::Greater => scaled_up(mb, sa - sb).map(|m| (ma, m)),
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
    Some(from_mantissa(m, scale))
}

/// `a.checked_div(b)`, exactly as rust_decimal divides (value, scale and all) where `a` is
/// positive, `b` positive with a mantissa of 32 bits and no more decimals than `a` (a budget
/// execution's spent ÷ budget, once a project: ~416 instructions through rust_decimal's
/// buffers): its 32-bit divisor's long division taken in steps of up to nine decimals, each as
/// many as the quotient takes within 96 bits and 28 decimals, stopped where the remainder is
/// zero, the last decimal rounded half to even on the remainder, and its trailing zeros then
/// dropped as rust_decimal drops them (eight at a time while the low 32 bits are zero, then
/// four, two, one: not always all). Anything else is rust_decimal's own, as is a quotient
/// whose last step or rounding would pass 96 bits (rust_decimal then drops a decimal).
/// (Not for a score's weight × x ÷ y: most are 7.93 or more, whose quotient at 28 decimals
/// passes 96 bits and goes to rust_decimal after the division: slower than rust_decimal alone.)
#[inline]
pub(super) fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (ma, mb) = (a.mantissa() as u128, b.mantissa() as u128);
    let (sa, sb) = (a.scale(), b.scale());
    if a.is_sign_negative()
        || b.is_sign_negative()
        || ma == 0
        || mb == 0
        || mb > u128::from(u32::MAX)
        || sa < sb
    {
        return a.checked_div(b);
    }
    let d = mb as u64;
    let (q, r) = if ma <= u128::from(u64::MAX) {
        let m = ma as u64;
        (u128::from(m / d), m % d)
    } else {
        (ma / mb, (ma % mb) as u64)
    };
    let first = sa - sb;
    if r == 0 {
        // (the quotient is at most the dividend: within 96 bits)
        return Some(from_mantissa(q, first));
    }
    // The quotient at 28 decimals in one division: where it is within 96 bits, every step
    // took its nine decimals (or those left to 28), and the steps stopped early only where the
    // division ends, at the first step whose decimals leave it whole
    let Some(n) = ma.checked_mul(POW10[(28 - first) as usize]) else {
        return a.checked_div(b);
    };
    let mut q = n / mb;
    if q >= LIMIT {
        // (a step took fewer than nine decimals, or the last passed 96 bits)
        return a.checked_div(b);
    }
    // (below 2^32)
    let r = (n - q * mb) as u64;
    let mut scale = 28;
    if r != 0 {
        if 2 * r > d || (2 * r == d && q & 1 == 1) {
            q += 1;
        }
    } else {
        scale = (1..)
            .map(|k| (first + 9 * k).min(28))
            .find(|&s| q.is_multiple_of(POW10[(28 - s) as usize]))
            .unwrap_or(28);
        q /= POW10[(28 - scale) as usize];
    }
    if q >= LIMIT {
        return a.checked_div(b);
    }
    Some(from_mantissa(unscaled(&mut q, &mut scale), scale))
}

/// rust_decimal's `unscale` after a division with a remainder: trailing zeros dropped eight at
/// a time while the low 32 bits are zero, then four, two and one once each where they divide
/// exactly; returns the mantissa (and lowers `scale`).
#[inline]
fn unscaled(q: &mut u128, scale: &mut u32) -> u128 {
    while *q as u32 == 0 && *scale >= 8 && (*q).is_multiple_of(POW10[8]) {
        *q /= POW10[8];
        *scale -= 8;
    }
    for (k, low) in [(4usize, 0xF), (2, 0x3), (1, 0x1)] {
        if *q as u32 & low == 0 && *scale >= k as u32 && (*q).is_multiple_of(POW10[k]) {
            *q /= POW10[k];
            *scale -= k as u32;
        }
    }
    *q
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

    #[test]
    fn quotients_are_rust_decimals_to_the_byte() {
        let mut all = values();
        all.extend(random(400));
        // amounts as a budget gives them (spent and budget, two decimals and whole), divisors
        // of 32 bits at every scale, quotients that end (trailing zeros dropped or kept),
        // ties at the 28th decimal, and quotients near the 96-bit edge
        for m in [
            1u64,
            2,
            3,
            7,
            8,
            16,
            25,
            80,
            125,
            625,
            1024,
            3125,
            21285,
            25800,
            99_999,
            100_000,
            4_294_967_295,
            4_294_967_296,
            123_456_789_012,
        ] {
            for scale in [0, 1, 2, 4, 9, 18, 27, 28] {
                all.push(Decimal::from_i128_with_scale(m as i128, scale));
            }
        }
        for scale in [0, 2, 20, 28] {
            for m in [LIMIT - 1, LIMIT / 8, LIMIT / 10 - 1, (LIMIT / 7) | 1] {
                all.push(Decimal::from_i128_with_scale(m as i128, scale));
            }
        }
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let spent = Decimal::new((x % 100_000_000) as i64, 2);
            let budget = Decimal::new((x >> 32) as i64 % 100_000_000 + 1, (x % 3) as u32);
            all.push(spent);
            all.push(budget);
        }
        for &a in &all {
            for &b in &all {
                let theirs = a.checked_div(b).map(|d| d.serialize());
                assert_eq!(div(a, b).map(|d| d.serialize()), theirs, "{a} ÷ {b}");
            }
        }
    }
}
