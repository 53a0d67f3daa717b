//! A relative target scored (contract §2 `relative`): the value it asks for is worked out from the
//! baseline given with the actuals (`baseline:`, 上年实际), then scored as a comparison (§8.3).
//! Without a baseline the target waits for a person (`review`), never guessed.
//!
//! A change in `%` scales the baseline (`较上年增长10%`: baseline × 1.10); a change in any other
//! unit adds to it (`比上年提高2个百分点`: a rate in % plus 2 points; `比上年增加100人`).

use rust_decimal::Decimal;

use super::{Outcome, comparable, compare, n, op_symbol};
use crate::eval::actual::Actual;
use crate::lang::{Op, Quantity, Unit};

/// The value a relative target asks for, from its baseline; `Err` says why there is none.
pub fn required(
    change: Decimal,
    unit: Option<&Unit>,
    baseline: &Quantity,
) -> Result<Quantity, &'static str> {
    let overflow = "上年实际值与变化幅度的计算超出精确范围";
    let b = baseline.value;
    match unit.map(Unit::as_str) {
        None => Ok(Quantity::new(
            b.checked_add(change).ok_or(overflow)?,
            baseline.unit.clone(),
        )),
        Some("%") => {
            let factor =
                Decimal::ONE_HUNDRED.checked_add(change).ok_or(overflow)? / Decimal::ONE_HUNDRED;
            Ok(Quantity::new(
                b.checked_mul(factor).ok_or(overflow)?,
                baseline.unit.clone(),
            ))
        }
        Some("百分点") => match baseline.unit.as_ref() {
            Some(u) if !u.is_percent() => Err("按百分点变化的指标，上年实际值应为百分比"),
            _ => Ok(Quantity::new(
                b.checked_add(change).ok_or(overflow)?,
                Some(Unit::PERCENT),
            )),
        },
        Some(_) => match (&baseline.unit, unit) {
            (Some(bu), Some(u)) if bu != u => Err("上年实际值与变化量单位不同，不能相加"),
            _ => Ok(Quantity::new(
                b.checked_add(change).ok_or(overflow)?,
                unit.cloned(),
            )),
        },
    }
}

/// `较上年提高5%` of a rate (上年 80%): 5 % of the rate (84%) or 5 points (85%), as such
/// targets are often written for 就业率、覆盖率. Where the actual meets one reading and misses
/// the other, the words naming both (with the actual's verdict under each); `None` where the
/// change is not in `%`, the baseline not a percentage, or the two readings agree.
pub fn share_or_points(
    op: Op,
    change: Decimal,
    unit: Option<&Unit>,
    actual: &Quantity,
    baseline: &Quantity,
) -> Option<String> {
    if !unit.is_some_and(Unit::is_percent) || !baseline.unit.as_ref().is_some_and(Unit::is_percent)
    {
        return None;
    }
    let share = required(change, unit, baseline).ok()?;
    let points = Quantity::new(baseline.value.checked_add(change)?, Some(Unit::PERCENT));
    let (s, a) = comparable(&share, actual).ok()?;
    let (p, _) = comparable(&points, actual).ok()?;
    let (by_share, by_points) = (op.holds(a, s), op.holds(a, p));
    let word = |met: bool| if met { "达标" } else { "未达标" };
    let op = op_symbol(op);
    (by_share != by_points).then(|| {
        format!(
            "上年实际 {}%，变化 {}% 可读作上年的 {}%（目标 {op} {}%，{}），也可读作 {} 个百分点（目标 {op} {}%，{}）",
            n(baseline.value),
            n(change),
            n(change),
            n(s),
            word(by_share),
            n(change),
            n(p),
            word(by_points),
        )
    })
}

/// Score `actual` against `op 上年 ± change` with the baseline given (or not) with the actuals.
pub fn score(
    op: Op,
    change: Decimal,
    unit: Option<&Unit>,
    actual: &Quantity,
    baseline: Option<&Actual>,
    weight: Decimal,
) -> Outcome {
    let (baseline, bare) = match baseline {
        Some(Actual::Quantity {
            quantity,
            unit_from_target,
            ..
        }) => (quantity, *unit_from_target || quantity.unit.is_none()),
        None | Some(Actual::Missing) => {
            return Outcome::review(
                "相对指标（较上年变化）需在 actuals 文件中给出上年实际值（baseline），给出前待人工核对",
            );
        }
        Some(_) => return Outcome::review("上年实际值（baseline）无法读取为数值，需人工核对"),
    };
    // `0.8` against `提高2个百分点`: a fraction of 1 (80%) as readily as 0.8%, never read
    // silently as the one (2.8% wanted) where the other (82%) was meant
    let b = baseline.value;
    if unit.is_some_and(|u| u.as_str() == "百分点")
        && bare
        && b > Decimal::ZERO
        && b <= Decimal::ONE
    {
        return Outcome::review(&format!(
            "上年实际值 {} 未写单位，看起来是 1 的分数（即 {}%），按百分点变化时不按 {}% 计；需人工核对，或在上年实际值中写明 %",
            n(b),
            n(b * Decimal::ONE_HUNDRED),
            n(b)
        ));
    }
    let target = match required(change, unit, baseline) {
        Ok(t) => t,
        Err(why) => return Outcome::invalid(why),
    };
    match comparable(&target, actual) {
        Ok((t, a)) => {
            let mut o = compare(op, t, a, weight);
            o.formula = format!(
                "上年实际 {}，目标 {} {}：{}",
                n(baseline.value),
                op,
                n(t),
                o.formula
            );
            o
        }
        Err(why) => Outcome::invalid(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Verdict;
    use std::borrow::Cow;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn q(v: &str, u: Option<&'static str>) -> Quantity {
        Quantity::new(d(v), u.map(|u| Unit(Cow::Borrowed(u))))
    }
    fn base(v: &str, u: Option<&'static str>) -> Actual {
        Actual::Quantity {
            quantity: q(v, u),
            unit_from_target: false,
            copied_comparator: false,
            approximate: false,
        }
    }
    const PCT: Option<&Unit> = Some(&Unit::PERCENT);

    #[test]
    fn growth_in_percent_scales_the_baseline() {
        // 较上年增长10%: last year 200 人, so at least 220 人.
        let o = score(
            Op::Ge,
            d("10"),
            PCT,
            &q("231", Some("人")),
            Some(&base("200", Some("人"))),
            d("5"),
        );
        assert_eq!(o.verdict, Verdict::Pass);
        let o = score(
            Op::Ge,
            d("10"),
            PCT,
            &q("209", Some("人")),
            Some(&base("200", Some("人"))),
            d("5"),
        );
        assert_eq!(o.verdict, Verdict::Fail);
        assert_eq!(o.score, Some(d("5") * d("209") / d("220")));
        assert!(
            o.formula.starts_with("上年实际 200，目标 >= 220"),
            "{}",
            o.formula
        );
    }

    #[test]
    fn points_add_to_a_rate_and_falls_lower_the_baseline() {
        let pts = Unit(Cow::Borrowed("百分点"));
        let o = score(
            Op::Ge,
            d("2"),
            Some(&pts),
            &q("93", Some("%")),
            Some(&base("90", Some("%"))),
            d("4"),
        );
        assert_eq!(o.verdict, Verdict::Pass);
        // 同比下降5%: at most 95 when last year was 100.
        let o = score(
            Op::Le,
            d("-5"),
            PCT,
            &q("96", None),
            Some(&base("100", None)),
            d("4"),
        );
        assert_eq!(o.verdict, Verdict::Fail);
        // 不低于上年.
        let o = score(
            Op::Ge,
            d("0"),
            None,
            &q("100", None),
            Some(&base("100", None)),
            d("4"),
        );
        assert_eq!(o.verdict, Verdict::Pass);
    }

    #[test]
    fn no_baseline_waits_for_a_person() {
        let o = score(Op::Ge, d("10"), PCT, &q("231", None), None, d("5"));
        assert_eq!(o.verdict, Verdict::Review);
        assert_eq!(o.score, None);
        let o = score(
            Op::Ge,
            d("10"),
            PCT,
            &q("231", None),
            Some(&Actual::Text("不详".into())),
            d("5"),
        );
        assert_eq!(o.verdict, Verdict::Review);
    }
}
