//! Exact sums and comparisons of the decimals evaluation adds up row by row (a project's
//! points, its total, the points waiting; the streamed run's sums) and compares (a score
//! against its weight): the same values as rust_decimal's `+=` and `cmp`, worked out on the
//! mantissas where both values are non-negative and fit in 96 bits once brought to one scale
//! (nearly every figure of a sheet: `30.00`, a share `22.2222…`), else by rust_decimal itself.
//! rust_decimal rescales through a 192-bit buffer on every add whose scales differ (~250
//! instructions where these take ~40); its results are kept exactly, scale and all (a test
//! compares the bytes).

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// 10^0 … 10^28 (a decimal's scale is at most 28).
const POW10: [u128; 29] = {
    let mut p = [1u128; 29];
    let mut k = 1;
    while k < 29 {
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

/// `*acc += x`, exactly as rust_decimal adds (a zero added, or added to, is rust_decimal's
/// to add: it keeps the other value's scale, not the larger).
#[inline]
pub(super) fn add_to(acc: &mut Decimal, x: Decimal) {
    match aligned(*acc, x) {
        Some((a, b, scale)) if a != 0 && b != 0 && a + b < LIMIT => {
            *acc = Decimal::from_i128_with_scale((a + b) as i128, scale);
        }
        _ => *acc += x,
    }
}

/// `a.cmp(&b)`, as rust_decimal compares.
#[inline]
pub(super) fn cmp(a: Decimal, b: Decimal) -> Ordering {
    match aligned(a, b) {
        Some((a, b, _)) => a.cmp(&b),
        None => a.cmp(&b),
    }
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
}
