//! The canonical printed form of a target: one spelling per meaning, accepted back by the parser.
//!
//! `>= 5180000 人`, `[90, 95] %`, `≈ 100 人`, `是`, `>= 计划`, `< 2023-09`, `>= 上年 + 10 %`,
//! `"正常开展"`.
//! Values are printed exactly, magnitudes applied, trailing zeros dropped (`28.40` → `28.4`).
//!
//! Everything is written by hand into a `String` ([`Target::write_canonical`]), not through the
//! formatter: `jixiao parse` prints one canonical form a line, and the formatter's call per
//! piece (and per character of a qualitative text) cost more than reading the target. `Display`
//! goes through the same writer, so there is one spelling.

use std::fmt;

use rust_decimal::Decimal;

use super::ast::{CalendarDate, Quantity, Target};

/// `d` as `d.normalize().to_string()` writes it (`28.40` → `28.4`, `-0` → `0`, `0.050` →
/// `0.05`), appended to `s` without the formatter.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn push_decimal(s: &mut String, d: Decimal) {
    let mut buf = itoa::Buffer::new();
    let m = d.mantissa();
    // a mantissa that fits 64 bits, as nearly all do, is normalised here (the fraction's
    // trailing zeros dropped, a zero unsigned and unscaled: what `normalize` does, without its
    // 96-bit steps) and written without 128-bit division
    let (negative, digits, scale) = match u64::try_from(m.unsigned_abs()) {
        Ok(mut u) => {
            let mut scale = d.scale();
            while scale > 0 && u % 10 == 0 {
                u /= 10;
                scale -= 1;
            }
            if u == 0 {
                scale = 0;
            }
            (m < 0, buf.format(u), scale as usize)
        }
        Err(_) => {
            let n = d.normalize();
            let m = n.mantissa();
            (m < 0, buf.format(m.unsigned_abs()), n.scale() as usize)
        }
    };
    if negative {
        s.push('-');
    }
    if scale == 0 {
        push(s, digits);
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        push(s, int);
        s.push('.');
        push(s, frac);
    } else {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', scale - digits.len()));
        s.push_str(digits);
    }
}

/// `t` appended to `s` as [`crate::json_text::append`] copies bytes: a short text without a
/// call to `memcpy` (a canonical form is a few pieces of a few bytes each).
#[inline]
fn push(s: &mut String, t: &str) {
    // SAFETY: the bytes appended are the whole of a `str`: `s` stays UTF-8.
    unsafe { crate::json_text::append(s.as_mut_vec(), t.as_bytes()) }
}

/// A number at least two digits wide (`{:02}`).
fn push_two(s: &mut String, n: u8) {
    if n < 10 {
        s.push('0');
    }
    s.push_str(itoa::Buffer::new().format(n));
}

impl CalendarDate {
    /// The date as its `Display` writes it (`2023-09`, `2023-12-31`, `--09`), appended to `s`.
    pub fn write_to(&self, s: &mut String) {
        match self.year {
            Some(y) if (0..10_000).contains(&y) => {
                let y = y as u16;
                for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                    s.push(char::from(b'0' + d as u8));
                }
            }
            Some(y) => {
                use std::fmt::Write;
                let _ = write!(s, "{y:04}");
            }
            None => s.push('-'),
        }
        s.push('-');
        push_two(s, self.month);
        if let Some(d) = self.day {
            s.push('-');
            push_two(s, d);
        }
    }
}

/// The quantity appended to `s`; where its value's digits are in `s`.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn write_quantity(s: &mut String, q: &Quantity) -> std::ops::Range<usize> {
    let at = s.len();
    push_decimal(s, q.value);
    let value = at..s.len();
    if let Some(u) = &q.unit {
        s.push(' ');
        push(s, u.as_str());
    }
    value
}

impl Target {
    /// The canonical form appended to `s` (nothing for the kinds that have none: empty, and
    /// error's `!code`, which `Display` writes).
    pub fn write_canonical(&self, s: &mut String) {
        self.write_canonical_noting_value(s);
    }

    /// [`Target::write_canonical`], saying where in `s` a compare's or an approximate's value
    /// is (written as [`push_decimal`] writes it): `jixiao parse` writes the value beside the
    /// canonical form and so prints the number once.
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    pub fn write_canonical_noting_value(&self, s: &mut String) -> Option<std::ops::Range<usize>> {
        match self {
            Target::Compare { op, quantity } => {
                push(s, op.as_str());
                s.push(' ');
                return Some(write_quantity(s, quantity));
            }
            Target::Range { low, high, unit } => {
                s.push(if low.inclusive { '[' } else { '(' });
                push_decimal(s, low.value);
                s.push_str(", ");
                push_decimal(s, high.value);
                s.push(if high.inclusive { ']' } else { ')' });
                if let Some(u) = unit {
                    s.push(' ');
                    s.push_str(u.as_str());
                }
            }
            Target::Approximate { quantity } => {
                s.push_str("≈ ");
                return Some(write_quantity(s, quantity));
            }
            Target::Boolean { expected } => s.push_str(if *expected { "是" } else { "否" }),
            Target::Plan { op } => {
                s.push_str(op.as_str());
                s.push_str(" 计划");
            }
            Target::Deadline { op, date } => {
                s.push_str(op.as_str());
                s.push(' ');
                date.write_to(s);
            }
            Target::Relative { op, change, unit } => {
                s.push_str(op.as_str());
                s.push(' ');
                s.push_str(super::lexicon::CANONICAL_BASE);
                if change.is_zero() && unit.is_none() {
                    return None;
                }
                let negative = change.is_sign_negative() && !change.is_zero();
                s.push_str(if negative { " - " } else { " + " });
                push_decimal(s, change.abs());
                if let Some(u) = unit {
                    s.push(' ');
                    s.push_str(u.as_str());
                }
            }
            Target::Qualitative { text } => {
                s.reserve(text.len() + 2);
                s.push('"');
                // most texts have nothing to escape: copied whole
                // (bytes searched by memchr: a search for a set of chars decodes every
                // character, some 500 instructions for a short sentence)
                let mut rest: &str = text;
                while let Some(at) = memchr::memchr2(b'"', b'\\', rest.as_bytes()) {
                    s.push_str(&rest[..at]);
                    s.push('\\');
                    s.push_str(&rest[at..at + 1]);
                    rest = &rest[at + 1..];
                }
                s.push_str(rest);
                s.push('"');
            }
            Target::Empty | Target::Error { .. } => {}
        }
        None
    }

    /// The canonical form, or `None` for the kinds that have none (empty, error).
    pub fn canonical(&self) -> Option<String> {
        match self {
            Target::Empty | Target::Error { .. } => None,
            t => {
                let mut s = String::with_capacity(24);
                t.write_canonical(&mut s);
                Some(s)
            }
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Empty => Ok(()),
            Target::Error { message } => write!(f, "!{}", message.code()),
            t => {
                let mut s = String::with_capacity(24);
                t.write_canonical(&mut s);
                f.write_str(&s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written decimals are the formatter's, on values of every scale and sign.
    #[test]
    fn decimals_print_as_display_prints_them() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values = vec![
            Decimal::ZERO,
            -Decimal::ZERO,
            Decimal::new(0, 5),
            Decimal::new(-0, 3),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(2840, 2),
            Decimal::new(-50, 3),
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
        ];
        for _ in 0..20_000 {
            let digits = next() % 20;
            let m = (next() % 10u64.pow(digits as u32).max(1)) as i64;
            let m = if next() % 3 == 0 { -m } else { m };
            values.push(Decimal::new(m, (next() % 29) as u32));
            let wide = i128::from(next()) << (next() % 32) | i128::from(next());
            if let Ok(d) =
                Decimal::try_from_i128_with_scale(wide % 10i128.pow(28), (next() % 29) as u32)
            {
                values.push(d);
            }
        }
        for d in values {
            let mut s = String::new();
            push_decimal(&mut s, d);
            assert_eq!(s, d.normalize().to_string(), "{d:?}");
        }
    }

    /// The formatter-based printer this module had before (kept as the reference): the
    /// hand-written one prints every target of the fixtures as it did.
    struct Reference<'a>(&'a Target);

    impl fmt::Display for Reference<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fn quantity(f: &mut fmt::Formatter<'_>, q: &Quantity) -> fmt::Result {
                write!(f, "{}", q.value.normalize())?;
                if let Some(u) = &q.unit {
                    write!(f, " {u}")?;
                }
                Ok(())
            }
            match self.0 {
                Target::Compare { op, quantity: q } => {
                    write!(f, "{op} ")?;
                    quantity(f, q)
                }
                Target::Range { low, high, unit } => {
                    write!(
                        f,
                        "{}{}, {}{}",
                        if low.inclusive { '[' } else { '(' },
                        low.value.normalize(),
                        high.value.normalize(),
                        if high.inclusive { ']' } else { ')' },
                    )?;
                    if let Some(u) = unit {
                        write!(f, " {u}")?;
                    }
                    Ok(())
                }
                Target::Approximate { quantity: q } => {
                    f.write_str("≈ ")?;
                    quantity(f, q)
                }
                Target::Boolean { expected } => f.write_str(if *expected { "是" } else { "否" }),
                Target::Plan { op } => write!(f, "{op} 计划"),
                Target::Deadline { op, date } => write!(f, "{op} {date}"),
                Target::Relative { op, change, unit } => {
                    write!(f, "{op} {}", crate::lang::lexicon::CANONICAL_BASE)?;
                    if change.is_zero() && unit.is_none() {
                        return Ok(());
                    }
                    let sign = if change.is_sign_negative() && !change.is_zero() {
                        '-'
                    } else {
                        '+'
                    };
                    write!(f, " {sign} {}", change.abs().normalize())?;
                    if let Some(u) = unit {
                        write!(f, " {u}")?;
                    }
                    Ok(())
                }
                Target::Qualitative { text } => {
                    f.write_str("\"")?;
                    for c in text.chars() {
                        if matches!(c, '"' | '\\') {
                            f.write_str("\\")?;
                        }
                        write!(f, "{c}")?;
                    }
                    f.write_str("\"")
                }
                Target::Empty => Ok(()),
                Target::Error { message } => write!(f, "!{}", message.code()),
            }
        }
    }

    #[test]
    fn canonical_forms_print_as_the_formatter_printed_them() {
        let rules = crate::lang::Context::default().directions;
        let mut targets: Vec<(Option<String>, String)> = crate::lang::test_targets::all()
            .into_iter()
            .map(|f| (f.indicator, f.target))
            .collect();
        for (i, t) in [
            ("引号", "\"正常\\开展\"的\""),
            ("变化", "较上年下降0.50%"),
            ("零", "-0"),
            ("空", ""),
            ("数量", "999999999999999999999999999999999999个"),
        ] {
            targets.push((Some(i.to_owned()), t.to_owned()));
        }
        let mut kinds = std::collections::BTreeSet::new();
        for (indicator, text) in &targets {
            for year in [None, Some(2023)] {
                let t =
                    crate::lang::record::parse_line(indicator.as_deref(), text, rules, year).target;
                assert_eq!(t.to_string(), Reference(&t).to_string(), "{text}");
                kinds.insert(t.kind());
            }
        }
        assert_eq!(kinds.len(), 10, "{kinds:?}");
    }

    /// Dates as the formatter writes them (`{y:04}-{m:02}-{d:02}`), odd years too.
    #[test]
    fn dates_print_as_the_formatter_does() {
        for year in [
            None,
            Some(2023),
            Some(5),
            Some(0),
            Some(-5),
            Some(12_345),
            Some(9_999),
        ] {
            for month in [1, 9, 10, 12, 200] {
                for day in [None, Some(1), Some(31), Some(123)] {
                    let date = CalendarDate { year, month, day };
                    let mut s = String::new();
                    date.write_to(&mut s);
                    assert_eq!(s, date.to_string(), "{date:?}");
                }
            }
        }
    }
}
