//! A target set per period against a year's count (issue 27, session 25): `每季度1次`,
//! `1次/月`, `4次/年` against `4次`. The self-evaluation is the year's, so an actual in the
//! count's own unit (`次`) is the year's count; the target is brought to the year where the
//! number of periods in a year is certain — a year (1), a half year (2), a quarter (4), a month
//! (12) — and the conversion is shown at the head of the formula. A week or a day is not
//! certain (52 or 53 weeks, 365 or 366 days, and whether holidays count): a person decides.
//!
//! A bare figure (`4` against `每季度1次`) is the period's count as readily as the year's: both
//! readings are scored, and where they differ a person decides with both in the note.
//!
//! A 工作日 against hours or days (`2个工作日` against `48小时`) is here too: a working day is
//! no span of hours, so the two go to a person with the reason, never "无法换算" alone.
//!
//! Only counts (`次`, `场`, `期`, `人` …: `eval::actual::is_counted`) are converted:
//! money or a measure per month (`每月300元`) is a rate or a standard as readily as a sum.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Actual, Methodology, Outcome, n, reading, score_as_read};
use crate::lang::{Quantity, Target, Unit, units};

/// The periods a year holds of each period a count may be set per, where that is certain.
const PERIODS: &[(&str, u32, &str)] = &[
    ("年", 1, "年"),
    ("半年", 2, "个半年"),
    ("季度", 4, "个季度"),
    ("月", 12, "个月"),
];

/// Periods whose number in a year is not certain.
const UNCERTAIN: &[(&str, &str)] = &[
    (
        "周",
        "一年有 52 周又 1 至 2 天，按周的次数可能是 52 或 53 次，节假日所在的周是否计入也不定",
    ),
    (
        "星期",
        "一年有 52 周又 1 至 2 天，按周的次数可能是 52 或 53 次，节假日所在的周是否计入也不定",
    ),
    ("天", "一年有 365 或 366 天，按天的次数是否含节假日不定"),
    ("日", "一年有 365 或 366 天，按天的次数是否含节假日不定"),
    ("工作日", "一年的工作日数因年份和调休而不同"),
];

/// The count and the period of a unit set per period (`次/季度` → `次`, `季度`); none for any
/// other unit (a compound of more parts, `元/人·月`, or a numerator that is not a count).
fn count_per(unit: &Unit) -> Option<(&str, &str)> {
    let (count, period) = unit.as_str().split_once('/')?;
    (crate::eval::actual::is_counted(count) && !period.contains('·')).then_some((count, period))
}

/// The target's figures, each multiplied by `k`, in `unit` (`≥1 次/季度` × 4 → `≥4 次`); none
/// for a target with no figure.
fn scaled(target: &Target, k: Decimal, unit: &Unit) -> Option<Target> {
    let q = |v: Decimal| Some(Quantity::new(v.checked_mul(k)?, Some(unit.clone())));
    Some(match target {
        Target::Compare { op, quantity } => Target::Compare {
            op: *op,
            quantity: q(quantity.value)?,
        },
        Target::Approximate { quantity } => Target::Approximate {
            quantity: q(quantity.value)?,
        },
        Target::Range { low, high, .. } => {
            let (mut low, mut high) = (low.clone(), high.clone());
            low.value = low.value.checked_mul(k)?;
            high.value = high.value.checked_mul(k)?;
            Target::Range {
                low,
                high,
                unit: Some(unit.clone()),
            }
        }
        _ => return None,
    })
}

/// The target's unit where it has a figure.
fn unit_of(target: &Target) -> Option<&Unit> {
    match target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            quantity.unit.as_ref()
        }
        Target::Range { unit, .. } => unit.as_ref(),
        _ => None,
    }
}

/// The target's figure (a range's two: `2–3`), as the formula's head writes it.
fn first_figure(target: &Target) -> Option<String> {
    match target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            Some(n(quantity.value).to_string())
        }
        Target::Range { low, high, .. } => Some(format!("{}–{}", n(low.value), n(high.value))),
        _ => None,
    }
}

/// Whether [`per_period`] may give an outcome for `target` whatever the actual: its unit is set
/// per period (has a `/`), is 工作日, or is a span of time (against which an actual in 工作日
/// goes to a person). Worked out once when the target is read (`eval::reading`), so that a row
/// of any other target (most rows) is scored with no per-period step at all; a unit test holds
/// it to `per_period` over targets and actuals of every unit it reads.
pub(crate) fn may_apply(target: &Target) -> bool {
    unit_of(target).is_some_and(|u| {
        u.as_str().contains('/')
            || u.as_str() == "工作日"
            || matches!(units::dimension(u), Some((units::Dimension::Time, _)))
    })
}

/// The outcome of a per-period target against a year's count, or of a 工作日 against hours or
/// days (see the module doc); none for any other pair, which is scored as before.
pub(super) fn per_period(
    target: &Target,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    let Actual::Quantity {
        quantity: a,
        unit_from_target,
        copied_comparator,
        approximate,
    } = actual
    else {
        return None;
    };
    let tu = unit_of(target)?;
    // most rows end here: a unit with no `/` and no 工作日 on either side (a byte test)
    if !tu.as_str().contains('/') {
        return working_day(tu, a);
    }
    let (count, period) = count_per(tu)?;
    let bare = *unit_from_target;
    // the actual in the count's own unit (`4次`), or bare (`4`, the target's unit borrowed)
    if !bare && a.unit.as_ref().is_none_or(|u| u.as_str() != count) {
        return None;
    }
    let Some(&(_, k, periods)) = PERIODS.iter().find(|(p, ..)| *p == period) else {
        let why = UNCERTAIN.iter().find(|(p, _)| *p == period)?.1;
        if bare {
            // read as the target's own period's count, as before: no conversion asked
            return None;
        }
        return Some(Outcome::review(&format!(
            "目标按每{period}计（{}{count}/{period}），实际值 {}{count} 是全年合计：{why}，折算不确定，需人工核对；或在实际值中写明每{period}的次数（如 1{count}/{period}）",
            first_figure(target)?,
            n(a.value),
        )));
    };
    let count_unit = Unit(Cow::Owned(count.to_owned()));
    let year_target = scaled(target, Decimal::from(k), &count_unit)?;
    let year_actual = Actual::Quantity {
        quantity: Quantity::new(a.value, Some(count_unit)),
        unit_from_target: false,
        copied_comparator: *copied_comparator,
        approximate: *approximate,
    };
    let head = if k == 1 {
        format!(
            "实际值是全年合计，与每年的目标同计（全年 {}{count}）",
            first_figure(&year_target)?
        )
    } else {
        format!(
            "目标每{period} {}{count}，全年 {k} {periods}折算为全年 {}{count}",
            first_figure(target)?,
            first_figure(&year_target)?
        )
    };
    let mut year = score_as_read(&year_target, &year_actual, plan, weight, m);
    if bare {
        let as_period = score_as_read(target, actual, plan, weight, m);
        if (as_period.verdict, as_period.score) != (year.verdict, year.score) {
            return Some(Outcome::review(&format!(
                "实际值 {} 未写单位：按每{period}的次数读（{}{count}/{period}）{}；按全年合计读（{head}）{}。两种读法结论不同，需人工核对，或在实际值中写明单位（如 {}{count} 或 {}{count}/{period}）",
                n(a.value),
                n(a.value),
                reading(&as_period),
                reading(&year),
                n(a.value),
                n(a.value),
            )));
        }
        year.remarks.push(BARE_BOTH_WAYS);
    }
    year.formula = format!("{head}：{}", year.formula);
    Some(year)
}

/// The remark on a bare figure against a per-period target where both readings agree.
const BARE_BOTH_WAYS: &str = "实际值未写单位：按每期的次数或按全年合计读，结论相同";

/// `2个工作日` against `48小时` (or the other way): a working day is no span of hours.
fn working_day(target: &Unit, actual: &Quantity) -> Option<Outcome> {
    let au = actual.unit.as_ref()?;
    let a = actual.value;
    const WD: &str = "工作日";
    if tu_is_not(target, WD) && tu_is_not(au, WD) {
        return None;
    }
    let is_time = |u: &Unit| matches!(units::dimension(u), Some((units::Dimension::Time, _)));
    if !(is_time(au) || is_time(target)) {
        return None;
    }
    Some(Outcome::review(&format!(
        "目标以{target}计，实际值以{au}计（{}{au}）：工作日不是固定的小时数或天数（周末、节假日和每天的工作时间都不计入或不定），不能换算，需人工核对；或把实际值写成与目标相同的单位",
        n(a)
    )))
}

/// Whether `u` is not `word`.
fn tu_is_not(u: &Unit, word: &str) -> bool {
    u.as_str() != word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &'static str) -> Unit {
        Unit(Cow::Borrowed(s))
    }

    #[test]
    fn only_a_count_set_per_one_period_is_read_apart() {
        assert_eq!(count_per(&u("次/季度")), Some(("次", "季度")));
        assert_eq!(count_per(&u("期/年")), Some(("期", "年")));
        assert_eq!(count_per(&u("元/月")), None);
        assert_eq!(count_per(&u("次/人·月")), None);
        assert_eq!(count_per(&u("次")), None);
    }

    /// `may_apply`, worked out once a target, holds wherever `per_period` gives an outcome:
    /// targets of every unit the step reads (per period, per week or day, 工作日, hours, days)
    /// and of none, against actuals in the count's unit, bare, in 工作日, hours and days.
    #[test]
    fn may_apply_holds_wherever_the_per_period_step_gives_an_outcome() {
        use crate::eval::actual::read;
        use crate::lang::{Context, parse};
        let targets = [
            "每季度1次",
            "1次/月",
            "4次/年",
            "每半年2次",
            "每周1次",
            "每天3次",
            "每月300元",
            "≥1次/人·月",
            "2个工作日",
            "≤3个工作日",
            "48小时",
            "≤2天",
            "4秒",
            "12次",
            "≥95%",
            "≤50000元",
            "长期",
            "是",
            "每季度2-3次",
            "约4次/季度",
        ];
        let actuals = [
            "4次",
            "4",
            "12次",
            "1次/季度",
            "2个工作日",
            "3工作日",
            "48小时",
            "2天",
            "5秒",
            "96%",
            "达成",
        ];
        let m = Methodology::default();
        let mut given = 0;
        for target in targets {
            let t = parse(target, &Context::default().with_indicator(Some("指标"))).target;
            for actual in actuals {
                let a = read(actual, &t, Some("指标"), Some(2023));
                if per_period(&t, &a, None, Decimal::TEN, &m).is_some() {
                    given += 1;
                    assert!(may_apply(&t), "{target} against {actual}");
                }
            }
        }
        // the step gave outcomes (per period, 工作日 against time both ways)
        assert!(given >= 10, "{given}");
        for target in ["12次", "≥95%", "≤50000元", "长期", "是", "每月300元"] {
            let t = parse(target, &Context::default().with_indicator(Some("指标"))).target;
            assert_eq!(
                may_apply(&t),
                target == "每月300元",
                "{target}: only a unit with a period, 工作日 or time"
            );
        }
    }
}
