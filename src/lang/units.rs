//! Conversions between units of one dimension (万人↔人↔名↔位, GB↔TB, 秒↔分钟↔小时, 元↔万元↔亿元,
//! % ↔ ratio), as a table of exact factors to each dimension's base unit.
//!
//! Comparisons go through [`to_base`], which only multiplies, so they stay exact; [`convert`]
//! divides and is for display. Days and months do not convert here (a month is not a fixed number
//! of days): a rule has to say so. A day is 24 hours (`24小时内` against `1天`); a 工作日 is
//! not a day (a unit of its own, converting into nothing). Two spellings of one unit do (`天`
//! and `日`, `周` and `星期`: `≤5天` against `4日`); weeks are a dimension of their own, so
//! that nothing else converts into them. Data sizes use 1024 (1 TB = 1024 GB), as IT budgets write them.
//! Areas use 亩 as their base so that 平方米, 公顷 and 亩 all convert exactly (1 平方米 = 0.0015 亩).
//! Compound units (`元/人·月`) convert part by part where every part does; [`common`] compares
//! them exactly by multiplying each side by the other's denominators.

use rust_decimal::Decimal;

use super::ast::Unit;

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Ratio,
    Money,
    People,
    Time,
    Calendar,
    Data,
    Length,
    Area,
    Volume,
    Mass,
    /// 周 and 星期: one unit in two spellings (never converted into days: a target in weeks
    /// may count working weeks).
    Week,
}

/// `(unit, dimension, factor mantissa, factor scale)`: one unit is `mantissa × 10^-scale` base units.
const TABLE: &[(&str, Dimension, i64, u32)] = &[
    ("%", Dimension::Ratio, 1, 2),
    ("‰", Dimension::Ratio, 1, 3),
    ("百分点", Dimension::Ratio, 1, 2),
    ("元", Dimension::Money, 1, 0),
    ("千元", Dimension::Money, 1000, 0),
    ("万元", Dimension::Money, 10_000, 0),
    ("亿元", Dimension::Money, 100_000_000, 0),
    ("人", Dimension::People, 1, 0),
    ("万人", Dimension::People, 10_000, 0),
    // 名 and 位 count people as 人 does (`320名` against `≥300人`); 人次 counts visits, not here
    ("名", Dimension::People, 1, 0),
    ("位", Dimension::People, 1, 0),
    ("毫秒", Dimension::Time, 1, 3),
    ("秒", Dimension::Time, 1, 0),
    ("分钟", Dimension::Time, 60, 0),
    ("小时", Dimension::Time, 3600, 0),
    // 天 and 日: one unit in two spellings, 24 hours (never months: a month is not a fixed
    // number of days; 工作日, a unit of its own, is not here: a working day is no span of hours)
    ("天", Dimension::Time, 86_400, 0),
    ("日", Dimension::Time, 86_400, 0),
    ("月", Dimension::Calendar, 1, 0),
    ("季度", Dimension::Calendar, 3, 0),
    ("年", Dimension::Calendar, 12, 0),
    ("B", Dimension::Data, 1, 0),
    ("KB", Dimension::Data, 1024, 0),
    ("MB", Dimension::Data, 1_048_576, 0),
    ("GB", Dimension::Data, 1_073_741_824, 0),
    ("TB", Dimension::Data, 1_099_511_627_776, 0),
    ("PB", Dimension::Data, 1_125_899_906_842_624, 0),
    ("毫米", Dimension::Length, 1, 3),
    ("厘米", Dimension::Length, 1, 2),
    ("米", Dimension::Length, 1, 0),
    ("公里", Dimension::Length, 1000, 0),
    ("平方米", Dimension::Area, 15, 4),
    ("亩", Dimension::Area, 1, 0),
    ("公顷", Dimension::Area, 15, 0),
    ("平方公里", Dimension::Area, 1500, 0),
    ("升", Dimension::Volume, 1, 3),
    ("立方米", Dimension::Volume, 1, 0),
    ("克", Dimension::Mass, 1, 3),
    ("千克", Dimension::Mass, 1, 0),
    ("吨", Dimension::Mass, 1000, 0),
    // last: looked up after every unit that converts by a factor (a miss scans the table)
    ("周", Dimension::Week, 1, 0),
    ("星期", Dimension::Week, 1, 0),
];

/// The dimension of a unit and its factor to the base unit.
pub fn dimension(unit: &Unit) -> Option<(Dimension, Decimal)> {
    TABLE
        .iter()
        .find(|(u, ..)| *u == unit.as_str())
        .map(|&(_, d, m, s)| (d, Decimal::new(m, s)))
}

/// A value in its dimension's base unit; exact (multiplication only), `None` on overflow or for
/// units outside the table.
pub fn to_base(value: Decimal, unit: &Unit) -> Option<(Dimension, Decimal)> {
    let (d, factor) = dimension(unit)?;
    Some((d, value.checked_mul(factor)?))
}

/// The two measure words of a unit written with an alternative (`台（套）` → `台`, `套`).
fn alternatives(u: &Unit) -> Option<(&str, &str)> {
    let (first, rest) = u.as_str().split_once('（')?;
    Some((first, rest.strip_suffix('）')?))
}

/// Units of visits written with a bracket (`人（次）` is `人次`, never `人`: 320 visits are
/// not 320 people).
const VISITS: &[(&str, &str)] = &[("人", "次"), ("户", "次"), ("人", "天")];

/// Whether `a` and `b` are one count where either is written with an alternative: `台（套）`
/// is `台`, `套`, both written together (`台套`) or itself; `人（次）` is `人次` only.
fn one_count(a: &Unit, b: &Unit) -> bool {
    let fits = |alt: &Unit, other: &Unit| {
        alternatives(alt).is_some_and(|(x, y)| {
            let o = other.as_str();
            let together = o.len() == x.len() + y.len() && o.starts_with(x) && o.ends_with(y);
            together || (!VISITS.contains(&(x, y)) && (o == x || o == y))
        })
    };
    fits(a, b) || fits(b, a)
}

/// Whether `a` and `b` are 天 and 日, the two spellings of a day: compared as written (`≤7日`
/// against `5天` is 5 against 7, not in seconds).
fn one_day(a: &Unit, b: &Unit) -> bool {
    matches!((a.as_str(), b.as_str()), ("天", "日") | ("日", "天"))
}

/// Whether two units measure the same thing (equal units always do).
pub fn same_dimension(a: &Unit, b: &Unit) -> bool {
    a == b
        || one_count(a, b)
        || matches!((dimension(a), dimension(b)), (Some((x, _)), Some((y, _))) if x == y)
        || ((is_compound(a) || is_compound(b)) && compound_factors(a, b).is_some())
}

/// Convert a value between units of one dimension (rounded to 28 significant digits where the
/// quotient does not terminate). Compound units convert where each part does (`万元/人·年` to
/// `元/人·月`).
pub fn convert(value: Decimal, from: &Unit, to: &Unit) -> Option<Decimal> {
    if from == to || one_count(from, to) {
        return Some(value);
    }
    if is_compound(from) || is_compound(to) {
        let (f_from, f_to) = compound_factors(from, to)?;
        return value.checked_mul(f_from)?.checked_div(f_to);
    }
    let (d1, f1) = dimension(from)?;
    let (d2, f2) = dimension(to)?;
    (d1 == d2).then(|| value.checked_mul(f1)?.checked_div(f2))?
}

fn is_compound(u: &Unit) -> bool {
    u.as_str().contains('/')
}

/// The parts of a compound unit: numerator and denominators (`元/人·月` → `元`, [`人`, `月`]).
fn parts(u: &Unit) -> (&str, Vec<&str>) {
    match u.as_str().split_once('/') {
        Some((num, dens)) => (num, dens.split('·').collect()),
        None => (u.as_str(), Vec::new()),
    }
}

/// The factor of one part to the other: equal parts 1 each; else both in the table, of one
/// dimension.
fn part_factors(a: &str, b: &str) -> Option<(Decimal, Decimal)> {
    if a == b {
        return Some((Decimal::ONE, Decimal::ONE));
    }
    let (da, fa) = dimension(&Unit(std::borrow::Cow::Owned(a.to_owned())))?;
    let (db, fb) = dimension(&Unit(std::borrow::Cow::Owned(b.to_owned())))?;
    (da == db).then_some((fa, fb))
}

/// Factors `(fa, fb)` such that `x a` equals `y b` exactly when `x × fa = y × fb`: the numerators'
/// factors times the other side's denominators', so that only multiplication is needed.
fn compound_factors(a: &Unit, b: &Unit) -> Option<(Decimal, Decimal)> {
    let (na, da) = parts(a);
    let (nb, db) = parts(b);
    if da.len() != db.len() {
        return None;
    }
    let (mut fa, mut fb) = part_factors(na, nb)?;
    for (x, y) in da.iter().zip(&db) {
        let (fx, fy) = part_factors(x, y)?;
        // A denominator divides: its factor multiplies the other side.
        fa = fa.checked_mul(fy)?;
        fb = fb.checked_mul(fx)?;
    }
    Some((fa, fb))
}

/// Two values in units that convert, scaled exactly (multiplication only) to be compared:
/// `(a', b')` with `a' ⋚ b'` exactly when `a ua ⋚ b ub`. Simple units go through their base
/// unit; compound units (`元/人·月` against `元/人·年`) part by part.
pub fn common(a: Decimal, ua: &Unit, b: Decimal, ub: &Unit) -> Option<(Decimal, Decimal)> {
    if ua == ub || one_count(ua, ub) || one_day(ua, ub) {
        return Some((a, b));
    }
    if is_compound(ua) || is_compound(ub) {
        let (fa, fb) = compound_factors(ua, ub)?;
        return Some((a.checked_mul(fa)?, b.checked_mul(fb)?));
    }
    let (da, a0) = to_base(a, ua)?;
    let (db, b0) = to_base(b, ub)?;
    (da == db).then_some((a0, b0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::str::FromStr;

    fn u(s: &'static str) -> Unit {
        Unit(Cow::Borrowed(s))
    }
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn same_dimension_conversions() {
        assert_eq!(convert(d("518"), &u("万人"), &u("人")), Some(d("5180000")));
        assert_eq!(convert(d("2"), &u("TB"), &u("GB")), Some(d("2048")));
        assert_eq!(convert(d("1.5"), &u("小时"), &u("分钟")), Some(d("90")));
        assert_eq!(convert(d("90"), &u("秒"), &u("分钟")), Some(d("1.5")));
        assert_eq!(convert(d("3"), &u("亿元"), &u("万元")), Some(d("30000")));
        assert_eq!(convert(d("95"), &u("%"), &u("‰")), Some(d("950")));
        assert_eq!(convert(d("1"), &u("公顷"), &u("亩")), Some(d("15")));
        assert_eq!(convert(d("10000"), &u("平方米"), &u("公顷")), Some(d("1")));
    }

    #[test]
    fn two_spellings_of_one_unit_are_one_unit() {
        assert_eq!(convert(d("4"), &u("日"), &u("天")), Some(d("4")));
        assert_eq!(
            common(d("4"), &u("日"), d("5"), &u("天")),
            Some((d("4"), d("5")))
        );
        assert_eq!(convert(d("2"), &u("星期"), &u("周")), Some(d("2")));
        assert!(same_dimension(&u("天"), &u("日")));
        assert!(same_dimension(&u("元/人·日"), &u("元/人·天")));
    }

    #[test]
    fn a_day_is_twenty_four_hours_and_a_working_day_is_no_day() {
        assert_eq!(convert(d("1"), &u("天"), &u("小时")), Some(d("24")));
        assert_eq!(convert(d("36"), &u("小时"), &u("日")), Some(d("1.5")));
        assert_eq!(
            common(d("24"), &u("小时"), d("1"), &u("天")),
            Some((d("86400"), d("86400")))
        );
        assert_eq!(convert(d("1"), &u("工作日"), &u("小时")), None);
        assert_eq!(convert(d("30"), &u("天"), &u("月")), None);
        assert_eq!(convert(d("7"), &u("天"), &u("周")), None);
    }

    #[test]
    fn compound_units_convert_part_by_part() {
        assert_eq!(
            convert(d("300"), &u("元/人·月"), &u("元/人·年")),
            Some(d("3600"))
        );
        assert_eq!(
            convert(d("1.2"), &u("万元/人"), &u("元/人")),
            Some(d("12000"))
        );
        assert_eq!(convert(d("12"), &u("次/年"), &u("次/月")), Some(d("1")));
        assert_eq!(
            convert(d("3"), &u("元/平方米"), &u("元/亩")),
            Some(d("2000"))
        );
        // Exact comparison: 1 元/月 against 12 元/年, no division.
        assert_eq!(
            common(d("1"), &u("元/月"), d("12"), &u("元/年")),
            Some((d("12"), d("12")))
        );
        assert_eq!(
            common(d("100"), &u("元/生·年"), d("8"), &u("元/生·月")),
            Some((d("100"), d("96")))
        );
        // Parts that do not convert: none.
        assert_eq!(convert(d("1"), &u("元/人"), &u("元/户")), None);
        assert_eq!(convert(d("1"), &u("元/人·月"), &u("元/人")), None);
        assert!(same_dimension(&u("元/人·月"), &u("万元/人·年")));
        assert!(!same_dimension(&u("元/人·月"), &u("人/月")));
    }

    #[test]
    fn different_dimensions_do_not_convert() {
        assert_eq!(convert(d("1"), &u("秒"), &u("%")), None);
        assert_eq!(convert(d("30"), &u("天"), &u("月")), None);
        assert_eq!(convert(d("1"), &u("周"), &u("天")), None);
        assert_eq!(convert(d("1"), &u("工作日"), &u("天")), None);
        assert!(!same_dimension(&u("人"), &u("人次")));
        assert!(same_dimension(&u("名"), &u("人")) && same_dimension(&u("位"), &u("万人")));
        assert_eq!(convert(d("2"), &u("万人"), &u("名")), Some(d("20000")));
        assert!(!same_dimension(&u("名"), &u("人次")));
        assert!(!same_dimension(&u("人（次）"), &u("人")));
        assert!(same_dimension(&u("人（次）"), &u("人次")));
        assert!(same_dimension(&u("台（套）"), &u("台")));
        assert!(same_dimension(&u("株"), &u("株")));
    }
}
