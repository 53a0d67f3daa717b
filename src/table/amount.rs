//! Reading amounts and other numbers written in a cell, exactly.
//!
//! `12,748.27`, `12，748.27`, full-width digits, a leading `+`/`-`, spaces are accepted; `-`,
//! `—` or `/` alone mean an empty cell. The result is an exact [`Decimal`]; nothing is rounded.
//!
//! A number past what a budget form can hold — magnitude 10^15 or more, or nonzero below
//! 10^-10 — is refused like text (the cell's row gets its finding): sums, shares and quotients
//! of such numbers (two 分值 of 79228162514264337593543950335, a budget of 1e-28) would leave
//! the decimal range, and no 万元 amount, 分值 or 得分 comes near either bound.

use rust_decimal::Decimal;

/// Half a unit of the last of `scale` decimal places (0.5 for none, 0.05 for one): how far a
/// figure printed so may be from the exact one it rounds. For 28 places, past which half a
/// unit is not a decimal, the least decimal (a 得分 or 总分 printed with 28 decimals panicked
/// where `Decimal::new(5, 29)` was asked for).
pub fn half_unit_at(scale: u32) -> Decimal {
    Decimal::try_new(5, scale + 1).unwrap_or(Decimal::new(1, 28))
}

/// Why a cell is not read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotANumber {
    /// Not a number at all.
    Text,
    /// A number outside `(-10^15, 10^15)`, or nonzero and within `(-10^-10, 10^-10)`.
    OutOfRange,
}

/// A number read from a cell: `Ok(None)` for an empty (or dash-only) cell, `Err(())` when the
/// cell is not a number or out of range ([`parse_number_why`] says which).
pub(crate) fn parse_number(text: &str) -> Result<Option<Decimal>, ()> {
    parse_number_why(text).map_err(|_| ())
}

/// [`parse_number`], saying why a cell is refused.
#[inline(always)]
pub(crate) fn parse_number_why(text: &str) -> Result<Option<Decimal>, NotANumber> {
    // a plain figure (`258.00`, most number cells) read here, without the call, the trim and
    // the dash words of the general reading (it has no space to trim and is no dash): the
    // plain path inline again since the separator rule made `parse_unbounded` a function of its
    // own (+1.1 M instructions on the 1/20 streamed sheet, the twentieth session)
    if let Some(d) = plain_decimal(text.as_bytes()) {
        return if in_range(d) {
            Ok(Some(d))
        } else {
            Err(NotANumber::OutOfRange)
        };
    }
    match parse_unbounded(text) {
        Ok(Some(d)) if !in_range(d) => Err(NotANumber::OutOfRange),
        Ok(v) => Ok(v),
        Err(()) => Err(NotANumber::Text),
    }
}

/// An amount cell's text without a trailing `万元`: a workbook cell formatted `0.00"万元"` is
/// read as shown (`12.00万元`), and 万元 is the unit a form's amounts are in. A cell of `万元`
/// alone, or saying `元`, is left as it is (and is then no number).
pub(crate) fn without_wanyuan(text: &str) -> &str {
    let text = text.trim();
    text.strip_suffix("万元")
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(text)
}

/// Whether `d` is within what a form's numbers can be (see the module docs).
pub(crate) fn in_range(d: Decimal) -> bool {
    // on the digits and the scale (`m` × 10^-s): two decimal comparisons cost some hundred
    // instructions, and every amount of a sheet is checked
    let (m, s) = (d.mantissa().unsigned_abs(), d.scale() as usize);
    // |d| < 10^15 ⟺ m < 10^(15+s) (a mantissa is below 2^96 < 10^29); |d| ≥ 10^-10 ⟺
    // m ≥ 10^(s-10)
    m == 0 || ((15 + s >= 29 || m < POW10[15 + s]) && (s <= 10 || m >= POW10[s - 10]))
}

/// 10^0 … 10^28.
const POW10: [u128; 29] = {
    let mut p = [1u128; 29];
    let mut i = 1;
    while i < 29 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// [`parse_number`] without the range check (an actuals file's amount past it is scored as such).
pub(crate) fn parse_unbounded(text: &str) -> Result<Option<Decimal>, ()> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "－" | "/" | "／" | "——" | "--") {
        return Ok(None);
    }
    // most amounts are plain digits with at most one point: read as written
    let b = t.as_bytes();
    if let Some(d) = plain_decimal(b) {
        return Ok(Some(d));
    }
    if b.iter().all(|&c| c.is_ascii_digit() || c == b'.')
        && b.iter().filter(|&&c| c == b'.').count() <= 1
        && b.iter().any(u8::is_ascii_digit)
    {
        return Decimal::from_str_exact(t).map(Some).map_err(|_| ());
    }
    let mut s = String::with_capacity(t.len());
    // a separator groups three digits of the whole part (`12,748.27`, `1 000`): the digits
    // since the last one (`None` before the first). `10,5` (a decimal comma, 10.5) or `1,0`
    // is no number, never 105 or 10; `'` is also Excel's text prefix (`'123`)
    let mut group: Option<u32> = None;
    let grouped = |g: Option<u32>| g.is_none_or(|g| g == 3);
    for c in t.strip_prefix('\'').unwrap_or(t).chars() {
        match c {
            '0'..='9' | '０'..='９' => {
                s.push(match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    _ => c,
                });
                group = group.map(|g| g + 1);
            }
            '.' | '．' if grouped(group) => {
                s.push('.');
                group = None;
            }
            '-' | '+' => s.push(c),
            '－' => s.push('-'),
            '＋' => s.push('+'),
            ',' | '，' | ' ' | '\u{3000}' | '\u{a0}' | '\''
                if grouped(group)
                    && s.ends_with(|c: char| c.is_ascii_digit())
                    && !s.contains('.') =>
            {
                group = Some(0);
            }
            _ => return Err(()),
        }
    }
    if !grouped(group) {
        return Err(());
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    if s.is_empty() || s == "-" || s.matches('.').count() > 1 || s[1..].contains('-') {
        return Err(());
    }
    Decimal::from_str_exact(s).map(Some).map_err(|_| ())
}

/// A plain number (`258.00`, `12`, `0.5`: at most 18 ASCII digits, at most one point, with
/// digits on both sides of it) read without the decimal parser, as it reads it (the same value
/// and scale: `258.00` keeps its two places); `None` for anything else. Most amounts of a
/// sheet look like this, and the general reading costs several hundred instructions each.
/// Also the figure of a plain actual (`eval::actual`'s `95.4%`).
#[inline]
pub(crate) fn plain_decimal(b: &[u8]) -> Option<Decimal> {
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let (mut mantissa, mut digits, mut scale) = (0i64, 0u32, None);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                // (19 digits may wrap: they are refused below)
                mantissa = mantissa.wrapping_mul(10).wrapping_add(i64::from(c - b'0'));
                digits += 1;
            }
            b'.' if scale.is_none() && i > 0 && i + 1 < b.len() => {
                scale = Some((b.len() - i - 1) as u32);
            }
            _ => return None,
        }
    }
    (digits <= 18).then(|| Decimal::new(mantissa, scale.unwrap_or(0)))
}

/// An amount for display: thousands separators, at least two decimals (万元 as tables print).
pub fn format_amount(value: Decimal) -> String {
    let mut v = value;
    if v.scale() < 2 {
        v.rescale(2);
    }
    let s = v.to_string();
    let (sign, s) = s
        .strip_prefix('-')
        .map(|r| ("-", r))
        .unwrap_or(("", s.as_str()));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn half_a_unit_of_every_scale_a_decimal_holds_is_a_decimal() {
        assert_eq!(half_unit_at(0), d("0.5"));
        assert_eq!(half_unit_at(2), d("0.005"));
        assert_eq!(half_unit_at(27), Decimal::new(5, 28));
        // half of the 28th place is past the range: the least decimal, never a panic
        assert_eq!(half_unit_at(28), Decimal::new(1, 28));
    }

    #[test]
    fn reads_amounts() {
        assert_eq!(parse_number("12,748.27"), Ok(Some(d("12748.27"))));
        assert_eq!(parse_number("１２，７４８．２７"), Ok(Some(d("12748.27"))));
        assert_eq!(parse_number(" -3.5 "), Ok(Some(d("-3.5"))));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("—"), Ok(None));
        assert_eq!(parse_number("12.3.4"), Err(()));
        assert_eq!(parse_number("abc"), Err(()));
        assert_eq!(parse_number("1-2"), Err(()));
        assert_eq!(parse_number("99999999999999999999999999999999"), Err(()));
        // separators group three digits of the whole part: a decimal comma is no number
        assert_eq!(parse_number("1 234 567"), Ok(Some(d("1234567"))));
        assert_eq!(parse_number("'1,234"), Ok(Some(d("1234"))));
        assert_eq!(parse_number("-1,234,567.5"), Ok(Some(d("-1234567.5"))));
        for text in [
            "10,5", "1,0", "95,5", "1,2345", "12,34", "1.234,5", ",123", "1 0", "1,23.4",
        ] {
            assert_eq!(parse_number(text), Err(()), "{text}");
        }
    }

    #[test]
    fn plain_numbers_read_as_the_decimal_parser_reads_them() {
        let mut cases: Vec<String> = [
            "0",
            "00",
            "007",
            "0.0",
            "0.000",
            "1.",
            ".5",
            "1..2",
            "1.2.3",
            "258.00",
            "12748.27",
            "999999999999999999",
            "9999999999999999999",
            "123456789012345678.9",
            "0.000000000000000001",
            "1e5",
            "+1",
            "-1",
            "１",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // digits and points in every arrangement up to six bytes
        let alphabet = ['0', '1', '9', '.'];
        let mut frontier = vec![String::new()];
        for _ in 0..6 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            cases.extend(next.iter().cloned());
            frontier = next;
        }
        for s in &cases {
            let exact = Decimal::from_str_exact(s).ok();
            if let Some(fast) = plain_decimal(s.as_bytes()) {
                let exact =
                    exact.unwrap_or_else(|| panic!("{s:?}: read plain, refused by the parser"));
                assert_eq!(
                    (fast.mantissa(), fast.scale()),
                    (exact.mantissa(), exact.scale()),
                    "{s:?}"
                );
            }
        }
        // the plain reading takes the common amounts (else the test above proves nothing)
        for s in ["258.00", "7079.29", "12", "0.5", "999999999999999999"] {
            assert!(plain_decimal(s.as_bytes()).is_some(), "{s}");
        }
        // and what the general reading is for stays with it
        assert_eq!(parse_number("1,258.00"), Ok(Some(d("1258.00"))));
        assert_eq!(
            parse_number("1."),
            Decimal::from_str_exact("1.").map(Some).map_err(|_| ())
        );
    }

    #[test]
    fn the_range_is_checked_on_digits_as_on_values() {
        let by_value = |d: Decimal| {
            let a = d.abs();
            a.is_zero() || (a < Decimal::new(1_000_000_000_000_000, 0) && a >= Decimal::new(1, 10))
        };
        let mut cases = vec![
            Decimal::MAX,
            Decimal::MIN,
            Decimal::ZERO,
            Decimal::new(0, 28),
        ];
        for s in 0..=28u32 {
            for m in [
                1i64,
                9,
                10,
                99_999,
                100_000,
                999_999_999_999_999,
                1_000_000_000_000_000,
            ] {
                for m in [m, m - 1, m + 1, -m] {
                    cases.push(Decimal::new(m, s));
                }
            }
            cases.push(Decimal::from_i128_with_scale(10i128.pow(28), s));
            cases.push(Decimal::from_i128_with_scale(10i128.pow(15 + s.min(13)), s));
        }
        for d in cases {
            assert_eq!(in_range(d), by_value(d), "{d} (scale {})", d.scale());
        }
    }

    #[test]
    fn formats_amounts() {
        assert_eq!(format_amount(d("12748.27")), "12,748.27");
        assert_eq!(format_amount(d("918.7")), "918.70");
        assert_eq!(format_amount(d("207.4538")), "207.4538");
        assert_eq!(format_amount(d("-1000")), "-1,000.00");
    }
}
