//! Numbers as written in targets: Arabic digits (ASCII or full-width, with thousands separators
//! and a decimal point), Chinese numerals (`两`, `一万二千`, `百分之九十五`), and magnitudes
//! (`518万`), all read into exact decimals with checked arithmetic.
//!
//! Each reader is a nom parser over `&str` returning the value (or [`Overflow`]) and leaving the
//! rest of the input; overflow is a value, not a parse failure, so the caller can report it.

use nom::{IResult, Parser};
use rust_decimal::Decimal;

use super::lexicon;

/// A number too large for an exact decimal (about 7.9 × 10²⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// A number's value, or the overflow that stopped it.
pub type Value = Result<Decimal, Overflow>;

fn fail(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))
}

/// Digits with an optional leading `-`, thousands separators between groups of three and a
/// decimal point: `12,748.27`, `９５`, `-3`, `0.5`.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn arabic(input: &str) -> IResult<&str, Value> {
    let mut rest = input;
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-').or_else(|| rest.strip_prefix('－')) {
        negative = true;
        rest = r;
    }
    if let Some((end, value)) = plain_ascii(rest, negative)
        && !exponent_follows(&rest[end..])
    {
        return Ok((&rest[end..], Ok(value)));
    }
    general_arabic(input, rest, negative)
}

/// [`arabic`]'s general reading of `rest` (the text after its sign, `input` whole for the
/// error): full-width digits and points, thousands separators, more than 18 digits, overflow.
/// Its answer and [`plain_ascii`]'s are the same wherever the latter reads (a test holds them).
fn general_arabic<'a>(input: &'a str, rest: &'a str, negative: bool) -> IResult<&'a str, Value> {
    let mut mantissa: Option<i128> = Some(0);
    let mut scale: u32 = 0;
    let mut digits = 0usize;
    let mut in_fraction = false;
    let mut chars = rest.char_indices().peekable();
    let mut end = 0usize;
    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = lexicon::digit_value(c) {
            mantissa = mantissa
                .and_then(|m| m.checked_mul(10))
                .and_then(|m| m.checked_add(d as i128));
            if in_fraction {
                scale += 1;
            }
            digits += 1;
            chars.next();
            end = i + c.len_utf8();
        } else if !in_fraction && digits > 0 && lexicon::is_decimal_point(c) {
            // A decimal point needs a digit after it.
            let after = &rest[i + c.len_utf8()..];
            if after
                .chars()
                .next()
                .and_then(lexicon::digit_value)
                .is_none()
            {
                break;
            }
            in_fraction = true;
            chars.next();
            end = i + c.len_utf8();
        } else if !in_fraction && digits > 0 && lexicon::is_thousands_separator(c) {
            // Only a separator followed by exactly three digits and then no further digit.
            let after = &rest[i + c.len_utf8()..];
            let mut it = after.chars();
            let three = (0..3).all(|_| it.next().and_then(lexicon::digit_value).is_some());
            let fourth = it.next().and_then(lexicon::digit_value).is_some();
            if !three || fourth {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if digits == 0 || exponent_follows(&rest[end..]) {
        return Err(fail(input));
    }
    let value = match mantissa {
        Some(m) if scale <= 28 => {
            Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale)
                .map_err(|_| Overflow)
        }
        _ => Err(Overflow),
    };
    Ok((&rest[end..], value))
}

/// The common figure (`95`, `1831.3`) read byte by byte: ASCII digits, at most one `.` with
/// ASCII digits after it, at most 18 digits in all, and a next byte that cannot go on a
/// figure (no digit, `,`, `.`, nor the first byte of a full-width digit, point or comma).
/// Where it cannot be sure, `None`, and [`arabic`]'s general reading decides (the answer is
/// the same: a test holds the two equal).
fn plain_ascii(rest: &str, negative: bool) -> Option<(usize, Decimal)> {
    let b = rest.as_bytes();
    let mut i = 0;
    let mut m: i64 = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        if i == 18 {
            return None;
        }
        m = m * 10 + i64::from(b[i] - b'0');
        i += 1;
    }
    if i == 0 {
        return None;
    }
    let mut scale = 0u32;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let int_digits = i;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            if int_digits + scale as usize == 18 {
                return None;
            }
            m = m * 10 + i64::from(b[i] - b'0');
            scale += 1;
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'0'..=b'9' | b',' | b'.' | 0xEF)) {
        return None;
    }
    Some((i, Decimal::new(if negative { -m } else { m }, scale)))
}

/// Whether a figure's digits are followed by a scientific exponent (`1E-3`, `2.5e+4`, `1E3`):
/// such a figure is not read at all, never as its digits alone (`1E-3` would be the range 1–3
/// in a unit `E`). Spreadsheets write tiny or huge values so; the target is left to a person.
/// The sign may be any dash a copy through a word processor or a Chinese input method makes of
/// it (`1e－3`, `1e–3`, `1e−3`: `－` `–` `—` are range separators, so those read as 1–3 too), and
/// the exponent's digit a full-width one (`1e-３`).
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn exponent_follows(rest: &str) -> bool {
    // most figures are followed by a unit or nothing: one byte tells (`ｅ`, `Ｅ` start 0xEF)
    if !matches!(rest.as_bytes().first(), Some(b'e' | b'E' | 0xEF)) {
        return false;
    }
    let Some(after_e) = rest.strip_prefix(['e', 'E', 'ｅ', 'Ｅ']) else {
        return false;
    };
    let digits = after_e
        .strip_prefix(['+', '-', '＋', '－', '−', '–', '—'])
        .unwrap_or(after_e);
    digits
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A Chinese numeral: `两`, `三`, `十五`, `一百零五`, `一万二千`, `三亿`.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn chinese(input: &str) -> IResult<&str, Value> {
    let mut total: Option<u128> = Some(0);
    let mut section: u128 = 0;
    let mut number: u128 = 0;
    let mut seen = false;
    let mut end = 0usize;
    for (i, c) in input.char_indices() {
        if let Some(d) = lexicon::cn_digit(c) {
            number = d as u128;
        } else if let Some(u) = lexicon::cn_small_unit(c) {
            let n = if number == 0 && !seen { 1 } else { number };
            section += n * u as u128;
            number = 0;
        } else if let Some(u) = lexicon::cn_big_unit(c) {
            if !seen {
                break;
            }
            let s = section + number;
            total = if u == 10_000 {
                total.and_then(|t| t.checked_add(s.checked_mul(10_000)?))
            } else {
                total.and_then(|t| t.checked_add(s)?.checked_mul(100_000_000))
            };
            section = 0;
            number = 0;
        } else {
            break;
        }
        seen = true;
        end = i + c.len_utf8();
    }
    if !seen {
        return Err(fail(input));
    }
    let value = total
        .and_then(|t| t.checked_add(section + number))
        .and_then(|t| i128::try_from(t).ok())
        .ok_or(Overflow)
        .and_then(|t| Decimal::try_from_i128_with_scale(t, 0).map_err(|_| Overflow));
    Ok((&input[end..], value))
}

/// A magnitude written after an Arabic number (`万`, `亿`, `十万`), as its factor.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn magnitude(input: &str) -> IResult<&str, u64> {
    match lexicon::MAGNITUDE_INDEX.longest(input) {
        Some((word, factor)) => Ok((&input[word.len()..], factor)),
        None => Err(fail(input)),
    }
}

/// Apply a magnitude factor with checked arithmetic.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn scale_by(value: Value, factor: u64) -> Value {
    value.and_then(|v| {
        v.checked_mul(lexicon::magnitude_decimal(factor))
            .ok_or(Overflow)
    })
}

/// Any number: Arabic first, then Chinese.
pub fn any(input: &str) -> IResult<&str, (Value, bool)> {
    nom::branch::alt((arabic.map(|v| (v, false)), chinese.map(|v| (v, true)))).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(arabic("12,748.27万").unwrap(), ("万", Ok(d("12748.27"))));
        assert_eq!(arabic("９５％").unwrap(), ("％", Ok(d("95"))));
        assert_eq!(arabic("1831.3平方米").unwrap(), ("平方米", Ok(d("1831.3"))));
        assert_eq!(arabic("3,5").unwrap(), (",5", Ok(d("3"))));
        assert_eq!(arabic("95.").unwrap(), (".", Ok(d("95"))));
        assert_eq!(arabic("-3").unwrap(), ("", Ok(d("-3"))));
        assert!(arabic("abc").is_err());
    }

    /// The ASCII fast path reads as the general reading does, on figures at and around its
    /// limits (digits, points, separators, full-width characters after, signs, exponents).
    #[test]
    fn plain_figures_read_as_the_general_reading() {
        let heads = [
            "0",
            "95",
            "-3",
            "-0",
            "0.5",
            "1831.3",
            "007",
            "12.",
            "1.2.3",
            "3,5",
            "12,748.27",
            "1,000",
            "1.5,000",
            "999999999999999999",
            "1000000000000000000",
            "99999999.9999999999",
            "9999999999.99999999",
            "123456789012345678.9",
            "79228162514264337593543950335",
            "1E-3",
            "2.5e+4",
            "3E级",
        ];
        let tails = [
            "", "%", "万元", "９", "．５", "，000", "个", " ", "-5", "e", "E3",
        ];
        let mut n = 0;
        for h in heads {
            for t in tails {
                let text = format!("{h}{t}");
                let (negative, rest) = match text.strip_prefix('-') {
                    Some(r) => (true, r),
                    None => (false, text.as_str()),
                };
                let general = general_arabic(&text);
                if let Some((end, value)) = plain_ascii(rest, negative)
                    && !exponent_follows(&rest[end..])
                {
                    assert_eq!(general, Some((&rest[end..], Ok(value))), "{text}");
                    let (g, v) = (general.unwrap().1.unwrap(), value);
                    assert_eq!(
                        (g.mantissa(), g.scale()),
                        (v.mantissa(), v.scale()),
                        "{text}"
                    );
                    n += 1;
                }
                assert_eq!(arabic(&text).ok(), general, "{text}");
            }
        }
        assert!(n > 60, "{n}");
    }

    /// [`arabic`] without its fast path.
    fn general_arabic(input: &str) -> Option<(&str, Value)> {
        let (negative, rest) = match input.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, input),
        };
        super::general_arabic(input, rest, negative).ok()
    }

    #[test]
    fn a_figure_with_a_scientific_exponent_is_not_read() {
        for s in [
            "1E-3", "1e-3", "2.5E+4", "1E3", "１E-3", "1e－3", "2.5e－4", "1e–3", "1e—3", "1E−3",
            "1e-３", "1ｅ-3", "1Ｅ＋3",
        ] {
            assert!(arabic(s).is_err(), "{s}");
        }
        // a Latin letter that is no exponent still ends the figure
        assert_eq!(arabic("3E级").unwrap().0, "E级");
        assert_eq!(arabic("3E-").unwrap().0, "E-");
        assert_eq!(arabic("1-3").unwrap().0, "-3");
    }

    #[test]
    fn arabic_overflow_is_reported() {
        let forty = "1".repeat(40);
        assert_eq!(arabic(&forty).unwrap().1, Err(Overflow));
        let near = "79228162514264337593543950336"; // 2^96, one past the maximum
        assert_eq!(arabic(near).unwrap().1, Err(Overflow));
        assert_eq!(
            arabic("79228162514264337593543950335").unwrap().1,
            Ok(Decimal::MAX)
        );
    }

    #[test]
    fn chinese_forms() {
        for (text, want) in [
            ("两", "2"),
            ("三", "3"),
            ("十", "10"),
            ("十五", "15"),
            ("二十", "20"),
            ("一百零五", "105"),
            ("九十五", "95"),
            ("一万二千", "12000"),
            ("三亿", "300000000"),
            ("一亿二千万", "120000000"),
        ] {
            assert_eq!(chinese(text).unwrap(), ("", Ok(d(want))), "{text}");
        }
        assert!(chinese("万").is_err());
    }

    #[test]
    fn magnitudes_scale_exactly() {
        assert_eq!(scale_by(Ok(d("518")), 10_000), Ok(d("5180000")));
        assert_eq!(scale_by(Ok(d("0.5")), 10_000), Ok(d("5000")));
        assert_eq!(scale_by(Ok(Decimal::MAX), 10_000), Err(Overflow));
        assert_eq!(magnitude("十万人").unwrap(), ("人", 100_000));
    }
}
