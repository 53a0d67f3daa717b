//! One indicator's verdict and score (contract §8.3–§8.6, §8.11): the target against the actual,
//! in exact decimals after unit conversion, with the formula written out and the rules named.
//!
//! The verdict follows the comparison alone; the score gives partial credit (a fail still earns
//! points). A score is `None` while a person must decide (review, invalid).

use std::borrow::Cow;
use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::actual::{Actual, Answered, is_percent};
use super::methodology::{Grade, Methodology};
use crate::lang::{CalendarDate, Op, Quantity, Target, units};

pub(super) mod distributive;
mod doubts;
mod per_head;
mod periods;
pub(crate) use periods::may_apply as may_be_per_period;
mod qualifiers;
mod relative;
mod shown;
mod texts;
pub(in crate::eval) use relative::share_or_points;

pub use crate::report_model::Verdict;

/// The outcome of one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Points earned (exact); `None` while a person must decide.
    pub score: Option<Decimal>,
    /// How the score was reached, in words and numbers.
    pub formula: String,
    /// Rules that decided it (method numbers; the target's own op rule is added by the caller).
    pub rules: Vec<Cow<'static, str>>,
    /// Remarks on how the actual was read.
    pub remarks: Vec<&'static str>,
}

/// Units whose quantities are never below zero: counts, money, durations, lengths, areas and
/// weights (a share in `%` can fall, so it is not here).
fn cannot_be_negative(unit: Option<&crate::lang::Unit>) -> bool {
    const UNITS: &[&str] = &[
        "人",
        "人次",
        "万人",
        "个",
        "次",
        "件",
        "户",
        "家",
        "台",
        "套",
        "项",
        "册",
        "场",
        "所",
        "篇",
        "份",
        "辆",
        "条",
        "元",
        "万元",
        "亿元",
        "秒",
        "分钟",
        "小时",
        "天",
        "工作日",
        "周",
        "月",
        "年",
        "米",
        "公里",
        "平方米",
        "亩",
        "公顷",
        "吨",
        "千克",
        "GB",
        "TB",
    ];
    unit.is_some_and(|u| UNITS.contains(&u.as_str()))
}

impl Outcome {
    fn new(verdict: Verdict, score: Option<Decimal>, formula: impl Into<String>) -> Self {
        Outcome {
            verdict,
            score,
            formula: formula.into(),
            rules: Vec::new(),
            remarks: Vec::new(),
        }
    }
    fn review(why: &str) -> Self {
        Outcome::new(Verdict::Review, None, why)
    }
    fn invalid(why: &str) -> Self {
        Outcome::new(Verdict::Invalid, None, why)
    }
}

/// A number as a formula shows it: at most four decimals, trailing zeros dropped (the score
/// itself is computed from the exact values).
pub(super) fn n(d: Decimal) -> Four {
    Four(d)
}

/// A number shown as a formula shows it ([`n`]): rounded half away from zero to four decimals,
/// trailing zeros dropped, written as `Decimal`'s `Display` writes that value. Written from
/// the mantissa's digits where it fits 64 bits (most figures), without rounding a decimal and
/// its formatter (a varied sheet writes two or three a row); a test holds it to the decimal's
/// own rounding and `Display`.
pub(super) struct Four(Decimal);

impl Four {
    /// The value shown, as a decimal.
    pub(super) fn value(&self) -> Decimal {
        self.0
            .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    }
}

impl Four {
    /// The shown value's text where the mantissa fits 64 bits: a buffer and where the text
    /// starts in it.
    fn digits(&self) -> Option<([u8; 24], usize)> {
        let d = self.0;
        let wide = d.mantissa().unsigned_abs();
        let mut scale = d.scale();
        // half away from zero on the magnitude: up where the rest is at least half a unit
        let mut m = match u64::try_from(wide) {
            Ok(m) if scale > 4 => match 10u64.checked_pow(scale - 4) {
                Some(unit) => {
                    let (q, r) = (m / unit, m % unit);
                    q + u64::from(r >= unit - r)
                }
                // a unit past 64 bits is more than twice any 64-bit mantissa: rounds to 0
                None => 0,
            },
            Ok(m) => m,
            // a quotient's 28 digits (a score, a weight's share): rounded in 128 bits
            Err(_) if scale > 4 => {
                let unit = 10u128.pow(scale - 4);
                let (q, r) = (wide / unit, wide % unit);
                u64::try_from(q + u128::from(r >= unit - r)).ok()?
            }
            Err(_) => return None,
        };
        scale = scale.min(4);
        while scale > 0 && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
        let mut buf = [0u8; 24];
        let mut at = buf.len();
        if m == 0 {
            at -= 1;
            buf[at] = b'0';
            return Some((buf, at));
        }
        let mut k = 0;
        while m > 0 || k <= scale {
            if k == scale && scale > 0 {
                at -= 1;
                buf[at] = b'.';
            }
            at -= 1;
            buf[at] = b'0' + (m % 10) as u8;
            m /= 10;
            k += 1;
        }
        if d.is_sign_negative() {
            at -= 1;
            buf[at] = b'-';
        }
        Some((buf, at))
    }

    /// Appends the shown value to `out` (as `Display` writes it, without a formatter).
    pub(super) fn push_to(&self, out: &mut String) {
        match self.digits() {
            // ASCII digits, a point and a sign only
            Some((buf, at)) => out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default()),
            None => out.push_str(&self.value().to_string()),
        }
    }
}

impl std::fmt::Display for Four {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.digits() {
            Some((buf, at)) => f.write_str(std::str::from_utf8(&buf[at..]).unwrap_or_default()),
            None => self.value().fmt(f),
        }
    }
}

/// `text` followed by `d` as a formula shows it.
fn said(text: &str, d: Decimal) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(text);
    n(d).push_to(&mut out);
    out
}

/// `w × x ÷ y`, each as a formula shows it (the partial credit of most rows that miss).
fn product(w: Decimal, x: Decimal, y: Decimal) -> String {
    let mut out = String::with_capacity(32);
    n(w).push_to(&mut out);
    out.push_str(" × ");
    n(x).push_to(&mut out);
    out.push_str(" ÷ ");
    n(y).push_to(&mut out);
    out
}

/// `weight × x ÷ y` (y ≠ 0), checked: past the decimal range the product is taken the other
/// way round (`x ÷ y × weight`), and a ratio that is past the range either way is the largest
/// decimal of its sign, which [`clamp`] turns into the score it tends to (0 or the weight): an
/// actual of 10^28 or a budget of 10^-28 is scored, never a panic.
fn scaled(weight: Decimal, x: Decimal, y: Decimal) -> Decimal {
    weight
        .checked_mul(x)
        .and_then(|p| p.checked_div(y))
        .or_else(|| x.checked_div(y).and_then(|q| q.checked_mul(weight)))
        .unwrap_or(
            if (x.is_sign_negative() != y.is_sign_negative()) != weight.is_sign_negative() {
                Decimal::MIN
            } else {
                Decimal::MAX
            },
        )
}

fn clamp(score: Decimal, weight: Decimal) -> Decimal {
    score.max(Decimal::ZERO).min(weight)
}

/// A zero target (`0`, `≤0`, `0例`, `0起`) read in the actual's unit, where its own unit is
/// missing or cannot be brought to the actual's: zero is zero in any unit, so `≤0` against
/// `4%` is `≤0%` (never a bare 0 against which a step in `%` is a share of nothing), and `0起`
/// against `0.5%` is `0%`. `None` where the target is not a zero or the units agree or convert.
pub fn zero_in_actual_unit(target: &Target, actual: &Actual) -> Option<Target> {
    let (quantity, approximate) = match target {
        Target::Compare { quantity, .. } => (quantity, false),
        Target::Approximate { quantity } => (quantity, true),
        _ => return None,
    };
    if !quantity.value.is_zero() {
        return None;
    }
    let Actual::Quantity {
        quantity: a,
        unit_from_target: false,
        ..
    } = actual
    else {
        return None;
    };
    let au = a.unit.as_ref()?;
    if let Some(tu) = &quantity.unit
        && (tu == au || units::convert(Decimal::ZERO, tu, au).is_some())
    {
        return None;
    }
    let zero = Quantity::new(Decimal::ZERO, Some(au.clone()));
    Some(match target {
        Target::Compare { op, .. } if !approximate => Target::Compare {
            op: *op,
            quantity: zero,
        },
        _ => Target::Approximate { quantity: zero },
    })
}

/// The remark beside `无` read as zero against a zero target.
const NONE_AS_ZERO: &str = "实际值写“无”，按 0 读取";

/// The remark beside a zero target read in the actual's unit.
pub(super) const ZERO_IN_ACTUAL_UNIT: &str =
    "目标值为 0，按实际值的单位读取（0 在任何单位下都是 0）";

/// Target and actual values in one unit, or why they cannot be compared.
pub(in crate::eval) fn comparable(
    target: &Quantity,
    actual: &Quantity,
) -> Result<(Decimal, Decimal), &'static str> {
    match (&target.unit, &actual.unit) {
        (None, _) => Ok((target.value, actual.value)),
        (Some(t), Some(a)) if t == a => Ok((target.value, actual.value)),
        (Some(t), Some(a)) => units::common(target.value, t, actual.value, a)
            .ok_or("实际值与目标值单位不同且无法换算，不能比较"),
        (Some(_), None) => Ok((target.value, actual.value)),
    }
}

/// Whether `score` gives `actual` against `target` the outcome of a plain figure that meets a
/// comparison (`98.137%` against `≥95%`): a quantity written with a unit of its own or none
/// borrowed (no remark for a unit taken from the target or a comparator copied), not a
/// negative count, comparable with the target, the target not a zero read in the actual's
/// unit, and the comparison holding. That outcome is `compare`'s met one, `达标，得满分 W`:
/// it depends on the weight alone, not on the figure, so evaluation keeps one per reading and
/// weight for every such actual (a varied sheet's actuals are mostly such figures, each of
/// its own). Follows [`score`]'s steps for this case; anything else is `false`.
pub fn meets_plainly(target: &Target, actual: &Actual) -> bool {
    let (
        Target::Compare { op, quantity },
        Actual::Quantity {
            quantity: a,
            unit_from_target: false,
            copied_comparator: false,
            approximate: false,
        },
    ) = (target, actual)
    else {
        return false;
    };
    if zero_in_actual_unit(target, actual).is_some()
        || (a.value < Decimal::ZERO && cannot_be_negative(a.unit.as_ref()))
        || doubts::points_against_level(quantity.unit.as_ref(), a.unit.as_ref())
    {
        return false;
    }
    matches!(comparable(quantity, a), Ok((t, a)) if op.holds(a, t))
}

/// Score of a comparison target (also used for plan values).
fn compare(op: Op, t: Decimal, a: Decimal, weight: Decimal) -> Outcome {
    let met = op.holds(a, t);
    if met {
        return Outcome::new(Verdict::Pass, Some(weight), said("达标，得满分 ", weight));
    }
    let (score, formula) = match op {
        Op::Ge | Op::Gt => {
            if t <= Decimal::ZERO {
                (Decimal::ZERO, format!("未达标，目标为 {}，得 0", n(t)))
            } else {
                let s = scaled(weight, a, t);
                (s, product(weight, a, t))
            }
        }
        Op::Le | Op::Lt => {
            if t <= Decimal::ZERO || a <= Decimal::ZERO {
                (Decimal::ZERO, format!("未达标，目标为 {}，得 0", n(t)))
            } else {
                let s = scaled(weight, t, a);
                (s, product(weight, t, a))
            }
        }
        Op::Eq => {
            let (lo, hi) = if a < t { (a, t) } else { (t, a) };
            if lo <= Decimal::ZERO {
                (Decimal::ZERO, format!("未达标，目标为 {}，得 0", n(t)))
            } else {
                (scaled(weight, lo, hi), product(weight, lo, hi))
            }
        }
    };
    // `>800` against exactly 800: missed (the operator excludes the target itself), yet the
    // partial credit measured against the target value is the whole weight (contract §8.3): a
    // verdict and points that disagree go to a person
    if matches!(op, Op::Gt | Op::Lt) && a == t && clamp(score, weight) == weight {
        return doubts::exactly_at_strict(op, t, &formula);
    }
    Outcome::new(Verdict::Fail, Some(clamp(score, weight)), formula)
}

/// Score of a range `[low, high]` (also used for approximate values).
fn range(
    (low, low_inc): (Decimal, bool),
    (high, high_inc): (Decimal, bool),
    a: Decimal,
    weight: Decimal,
) -> Outcome {
    let above_low = if low_inc { a >= low } else { a > low };
    let below_high = if high_inc { a <= high } else { a < high };
    if above_low && below_high {
        return Outcome::new(
            Verdict::Pass,
            Some(weight),
            said("在区间内，得满分 ", weight),
        );
    }
    // Below zero (a tolerance around 0, `±10%` against -12 %) the distance reads the same way
    // mirrored: the nearer bound and the actual by size.
    let (score, formula) = if !above_low && low < Decimal::ZERO && a < Decimal::ZERO {
        (
            scaled(weight, low, a),
            format!("{} × |{}| ÷ |{}|", n(weight), n(low), n(a)),
        )
    } else if above_low && high < Decimal::ZERO && a < Decimal::ZERO {
        (
            scaled(weight, a, high),
            format!("{} × |{}| ÷ |{}|", n(weight), n(a), n(high)),
        )
    } else if !above_low {
        if low <= Decimal::ZERO || a <= Decimal::ZERO {
            (Decimal::ZERO, "低于下限，得 0".to_owned())
        } else {
            (scaled(weight, a, low), product(weight, a, low))
        }
    } else if a <= Decimal::ZERO || high <= Decimal::ZERO {
        (Decimal::ZERO, "高于上限，得 0".to_owned())
    } else {
        (scaled(weight, high, a), product(weight, high, a))
    };
    let mut o = Outcome::new(Verdict::Fail, Some(clamp(score, weight)), formula);
    o.rules.push("default.formula.range".into());
    o
}

/// Months from `target` to `done` (positive: late), comparing year and month.
fn months_late(done: CalendarDate, target: CalendarDate) -> i64 {
    // A date without a year is in the year of the other one.
    let done_year = done.year.or(target.year).unwrap_or(0) as i64;
    let target_year = target.year.or(done.year).unwrap_or(0) as i64;
    (done_year * 12 + done.month as i64) - (target_year * 12 + target.month as i64)
}

/// Whether a date in `order` to a deadline meets the deadline's comparison `op`.
pub(in crate::eval) fn in_time(op: Op, order: Ordering) -> bool {
    match op {
        Op::Lt => order == Ordering::Less,
        Op::Le => order != Ordering::Greater,
        Op::Eq => order == Ordering::Equal,
        Op::Ge => order != Ordering::Less,
        Op::Gt => order == Ordering::Greater,
    }
}

fn deadline(
    op: Op,
    target: CalendarDate,
    done: CalendarDate,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    let months = months_late(done, target);
    let day_order = match (done.day, target.day) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => None,
    };
    // The order of the done date against the target date, where the precision allows.
    let order = match months.cmp(&0) {
        Ordering::Equal if target.day.is_some() => match day_order {
            Some(o) => o,
            None => return Outcome::review("完成日期只写到月份，无法判断是否在规定日期前完成"),
        },
        o => o,
    };
    // `12月前` (`<` a month) is read as "before December begins" (contract §3), but offices
    // write it for "by December" as often (the corpus labels it either way): a date inside
    // that month is late by one reading and on time by the other, so a person decides (the
    // tenth probe: 2023年12月31日 against `2023年12月前` scored 0 as 逾期, with no word)
    if op == Op::Lt && target.day.is_none() && months == 0 {
        return Outcome::review(&format!(
            "目标“{m}月前”可读作{m}月开始之前，也可读作{m}月底之前；实际在{m}月内完成，是否逾期需人工核对",
            m = target.month
        ));
    }
    if in_time(op, order) {
        return Outcome::new(
            Verdict::Pass,
            Some(weight),
            format!("按期完成，得满分 {}", n(weight)),
        );
    }
    match &m.deadline_penalty_per_month {
        Some(p) => {
            let late = Decimal::from(months.max(1));
            let share = (Decimal::ONE - p.value * late).max(Decimal::ZERO);
            let mut o = Outcome::new(
                Verdict::Fail,
                Some(clamp(weight * share, weight)),
                format!(
                    "逾期 {late} 个月，{} × (1 − {} × {late})",
                    n(weight),
                    n(p.value)
                ),
            );
            o.rules.push(p.rule.clone());
            o
        }
        None => Outcome::new(Verdict::Fail, Some(Decimal::ZERO), "逾期完成，得 0"),
    }
}

fn grade_outcome(
    share: Decimal,
    grade: Option<Grade>,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    let achieved = m.grade(Grade::Achieved);
    let pass = match grade {
        Some(g) => g == Grade::Achieved,
        None => share >= achieved.min_share,
    };
    let share = share.max(Decimal::ZERO).min(Decimal::ONE);
    let label = grade.map(Grade::as_str).unwrap_or("评定比例");
    let mut o = Outcome::new(
        if pass { Verdict::Pass } else { Verdict::Fail },
        Some(weight * share),
        format!(
            "{label}：{} × {}%",
            n(weight),
            n(share * Decimal::ONE_HUNDRED)
        ),
    );
    if let Some(g) = grade {
        o.rules.push(m.grade(g).rule.clone());
    }
    o
}

/// The percentage a target sets (its value, a range's upper end) where it is written in %:
/// what a bare fraction of 1 is weighed against.
fn percent_scale(target: &Target) -> Option<Decimal> {
    match target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            is_percent(quantity.unit.as_ref()).then_some(quantity.value)
        }
        Target::Range { high, unit, .. } => is_percent(unit.as_ref()).then_some(high.value),
        _ => None,
    }
}

/// A bare number of at most 1 against a percentage target above 1 (`0.96` against `≥95%`):
/// most likely a fraction of 1 from a cell that lost its percent format, never read silently
/// as 0.96 %. It goes to a person, with both readings in the note (contract §4.5).
fn fraction_of_one(target: &Target, actual: &Actual, plan: Option<&Actual>) -> Option<Outcome> {
    let Actual::Quantity {
        quantity: a,
        unit_from_target: true,
        ..
    } = actual
    else {
        return None;
    };
    let scale = match target {
        // a rate against last year's (`较上年提高2个百分点`, 上年 80%): the baseline's level
        Target::Relative { .. } => match plan {
            Some(Actual::Quantity { quantity: b, .. }) if is_percent(b.unit.as_ref()) => {
                Some(b.value)
            }
            _ => None,
        },
        _ => percent_scale(target),
    }?;
    (a.value > Decimal::ZERO && a.value <= Decimal::ONE && scale > Decimal::ONE).then(|| {
        Outcome::new(
            Verdict::Review,
            None,
            format!(
                "实际值 {} 未写单位，看起来是 1 的分数（即 {}%），不按 {}% 计；需人工核对，或在实际值中写明 %",
                n(a.value),
                n(a.value * Decimal::ONE_HUNDRED),
                n(a.value)
            ),
        )
    })
}

/// The outcomes of `actual` (a quantity) as read and with its value read as `other` instead
/// (its unit and marks kept), where their verdicts or scores differ: the two readings a row
/// goes to a person with. `None` where they agree (the row is scored as read) or the actual is
/// no quantity. Scored twice only for the rows a reader doubts.
pub(super) fn readings_differ(
    target: &Target,
    actual: &Actual,
    other: Decimal,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<(Outcome, Outcome)> {
    let Actual::Quantity {
        quantity: a,
        unit_from_target,
        copied_comparator,
        approximate,
    } = actual
    else {
        return None;
    };
    let as_read = by_kind(target, actual, plan, weight, m);
    let otherwise = Actual::Quantity {
        quantity: crate::lang::Quantity::new(other, a.unit.clone()),
        unit_from_target: *unit_from_target,
        copied_comparator: *copied_comparator,
        approximate: *approximate,
    };
    let other = by_kind(target, &otherwise, plan, weight, m);
    ((as_read.verdict, as_read.score) != (other.verdict, other.score)).then_some((as_read, other))
}

/// One reading's verdict and score as a doubting note names it (`未达标，得 0.1`).
pub(super) fn reading(o: &Outcome) -> String {
    match o.score {
        Some(s) => format!("{}，得 {}", o.verdict.zh(), n(s)),
        None => o.verdict.zh().to_owned(),
    }
}

/// A bare number of at most 1 against a percentage target of at most 1 % (`0.5` against
/// `≤1%`): 0.5 % as readily as 50 % (a cell that lost its percent format). Where the two
/// readings give the same verdict and score (`0.8` against `≥0.5%`) it is scored as read; where
/// they do not, it goes to a person with both readings and their verdicts in the note, never
/// decided silently. Scored twice only for such rows.
fn fraction_or_percent(
    target: &Target,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    let Actual::Quantity {
        quantity: a,
        unit_from_target: true,
        ..
    } = actual
    else {
        return None;
    };
    let scale = percent_scale(target)?;
    if !(a.value > Decimal::ZERO && a.value <= Decimal::ONE && scale <= Decimal::ONE) {
        return None;
    }
    let hundredfold = a.value * Decimal::ONE_HUNDRED;
    let (as_read, as_fraction) = readings_differ(target, actual, hundredfold, plan, weight, m)?;
    Some(Outcome::new(
        Verdict::Review,
        None,
        format!(
            "实际值 {} 未写单位：按目标值单位读作 {}%，{}；若是 1 的分数即 {}%，{}。两种读法结果不同，需人工核对，或在实际值中写明 %",
            n(a.value),
            n(a.value),
            reading(&as_read),
            n(a.value * Decimal::ONE_HUNDRED),
            reading(&as_fraction)
        ),
    ))
}

/// A bare zero target read `≤ 0` by its value (`outcome`) whose indicator's name reads it the
/// other way (`otherwise`, `≥ 0` by the rule `rule`: `收入增长率 0%`, `覆盖率 0`): where the two
/// readings give a different verdict or score (3 % is 未达标 against `≤ 0 %`, 达标 against
/// `≥ 0 %`), the row goes to a person with both named; where they agree, `None`.
pub fn zero_either_way(
    outcome: &Outcome,
    (otherwise, rule): (&Target, &str),
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
    name: &str,
) -> Option<Outcome> {
    let other = score(otherwise, actual, plan, weight, m);
    if (other.verdict, other.score) == (outcome.verdict, outcome.score) {
        return None;
    }
    let reading = |o: &Outcome| match o.score {
        Some(s) => format!("{}，得 {}", o.verdict.zh(), n(s)),
        None => o.verdict.zh().to_owned(),
    };
    let op = match otherwise {
        Target::Compare { op: Op::Ge, .. } => "≥",
        Target::Compare { op: Op::Gt, .. } => ">",
        Target::Compare { op: Op::Eq, .. } => "=",
        _ => "",
    };
    Some(Outcome::new(
        Verdict::Review,
        None,
        format!(
            "目标值只写了 0：按“0 即没有”读作 ≤0，{}；但「{name}」按名称越高越好（规则 {rule}），也可读作 {op}0，{}。两种读法结果不同，需人工核对，或在目标值中写明比较符",
            reading(outcome),
            reading(&other)
        ),
    ))
}

/// The office's own grading of a row a person must grade (contract §8.6): its 得分 ÷ 分值 as the
/// share of `weight`, passing where the share reaches the 达成 band (rule `sheet.grade`).
pub fn sheet_grade(
    published: Decimal,
    sheet_weight: Decimal,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    if sheet_weight <= Decimal::ZERO || published < Decimal::ZERO {
        return None;
    }
    let share = (published / sheet_weight).min(Decimal::ONE);
    let achieved = m.grade(Grade::Achieved);
    let verdict = if share >= achieved.min_share {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    let mut o = Outcome::new(
        verdict,
        Some(weight * share),
        format!(
            "按原表得分评定：{} ÷ {} = {}%，{} × {}%",
            n(published),
            n(sheet_weight),
            n(share * Decimal::ONE_HUNDRED),
            n(weight),
            n(share * Decimal::ONE_HUNDRED)
        ),
    );
    o.rules
        .push(Cow::Borrowed(crate::report_model::table_rules::SHEET_GRADE));
    Some(o)
}

/// Score one indicator. `plan` is the figure supplied with the actuals: the plan value for plan
/// targets, the baseline (上年实际) for relative targets.
///
/// Step by step: a zero target read in the actual's unit, the remarks on how the actual was
/// read, a bare fraction of 1 against a percentage sent to a person, then the outcome of the
/// target's kind against the actual's (`by_kind`), and the remarks after its own.
pub fn score(
    target: &Target,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    score_read(target, periods::may_apply(target), actual, plan, weight, m)
}

/// [`score`] of a target whose [`periods::may_apply`] was worked out when it was read
/// (`per_period`, kept with the reading): a target of no period, 工作日 or time unit (most
/// rows) is scored as read, with no per-period step.
pub(crate) fn score_read(
    target: &Target,
    per_period: bool,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    // `每季度1次` against `4次`: the target brought to the year's count ([`periods`])
    let mut o = match per_period {
        true => periods::per_period(target, actual, plan, weight, m),
        false => None,
    }
    .unwrap_or_else(|| score_as_read(target, actual, plan, weight, m));
    // a miss never shows the whole weight (`shown`)
    if o.verdict == Verdict::Fail {
        shown::below_weight(&mut o, weight, m);
    }
    o
}

/// [`score`] past a per-period target: the target and the actual as read.
fn score_as_read(
    target: &Target,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    let mut remarks = Vec::new();
    let rezeroed = zero_in_actual_unit(target, actual);
    let target = match &rezeroed {
        Some(t) => {
            remarks.push(ZERO_IN_ACTUAL_UNIT);
            t
        }
        None => target,
    };
    if let Actual::Quantity {
        unit_from_target,
        copied_comparator,
        ..
    } = actual
    {
        if *unit_from_target {
            remarks.push("实际值未写单位，按目标值单位读取");
        }
        if *copied_comparator {
            remarks.push("实际值照抄了目标的比较符，按其数值读取");
        }
    }
    if let Some(o) = fraction_of_one(target, actual, plan) {
        return o;
    }
    if let Some(o) = fraction_or_percent(target, actual, plan, weight, m) {
        return o;
    }
    if let Some(o) = doubts::hundredfold_too_small(target, actual, plan, weight, m) {
        return o;
    }
    if let Some(o) = about(target, actual, m, &mut remarks) {
        return o;
    }
    let mut outcome = by_kind(target, actual, plan, weight, m);
    outcome.remarks.extend(remarks);
    outcome
}

/// The remark on a bare month number read against a deadline ([`month_written_bare`]).
const MONTH_IN_TARGET_UNIT: &str = "实际值只写了数字，按目标的月份读取（如 10 即 10月）";

/// A bare whole number of 1 to 12 against a deadline that names a month and no day (`≤11月`,
/// `11月底前`, a 度量单位 of 月): the month it was done in, in the deadline's year (`10` is
/// 10月), as a bare figure takes its target's unit. A deadline with a day (`11月20日前`), a
/// length of time (`10个月`), or any other figure (`12.20`, `15`), is left as it was: no date.
fn month_written_bare(a: &Quantity, date: CalendarDate) -> Option<CalendarDate> {
    if a.unit.is_some() || date.day.is_some() || !a.value.fract().is_zero() {
        return None;
    }
    let month = u8::try_from(a.value.trunc().mantissa()).ok()?;
    (1..=12).contains(&month).then_some(CalendarDate {
        year: date.year,
        month,
        day: None,
    })
}

/// The outcome of `target`'s kind against `actual`: a target that cannot be read and an actual
/// that is missing first, then a figure ([`of_quantity`]), then by the target's kind (yes/no,
/// deadline, qualitative), else what the actual's kind leaves ([`unmatched`]).
fn by_kind(
    target: &Target,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    match (target, actual) {
        (Target::Empty, _) => Outcome::invalid("年度指标值为空，无法评价"),
        (Target::Error { message }, _) => Outcome::invalid(message.message()),
        // `13月底前`, `2月30日前`, `第13个月`: no date to compare a time with; a person
        // decides (a grade a person wrote is theirs: scored below)
        (Target::Qualitative { text }, a)
            if !matches!(a, Actual::Grade(_))
                && let Some(why) = no_date(text) =>
        {
            Outcome::review(&why)
        }
        // A qualitative target waits for a person's grade, written or not.
        (Target::Qualitative { .. }, Actual::Missing) => {
            Outcome::review("定性指标需评定等级（达成 / 部分达成 / 未达成）或给出得分比例")
        }
        (_, Actual::Missing) => Outcome::new(
            Verdict::Missing,
            Some(Decimal::ZERO),
            "未填写实际完成值，得 0",
        ),
        // `10` (a 度量单位 of 月, or none) against `≤11月`: the month the target counts in
        (Target::Deadline { op, date }, Actual::Quantity { quantity: a, .. })
            if let Some(done) = month_written_bare(a, *date) =>
        {
            let mut o = deadline(*op, *date, done, weight, m);
            o.remarks.push(MONTH_IN_TARGET_UNIT);
            o
        }
        // `≥20个（累计）`: a bracketed word on what the figure counts (`qualifiers`)
        (Target::Qualitative { text }, a)
            if let Some(o) = qualifiers::against(text, a, plan, weight, m) =>
        {
            o
        }
        (_, Actual::Quantity { quantity: a, .. }) => of_quantity(target, a, plan, weight, m),
        // `无` (`没有`, `未发生`) against a zero ceiling (`0起`, `≤0`, `=0`): none is zero
        (
            Target::Compare {
                op: op @ (Op::Le | Op::Eq),
                quantity,
            },
            Actual::YesNo(false),
        ) if quantity.value.is_zero() => {
            let mut o = compare(*op, Decimal::ZERO, Decimal::ZERO, weight);
            o.remarks.push(NONE_AS_ZERO);
            o
        }
        (Target::Boolean { expected }, _) => yes_no(*expected, actual, weight),
        (Target::Deadline { op, date }, _) => on_time(*op, *date, actual, weight, m),
        // `增长5%` (no baseline named: not a relative target) against `6%`: the actual's
        // percentage is a measured change as readily as a grade's share (6 % of the points for
        // a target met: the tenth probe), so a person decides
        (Target::Qualitative { text }, Actual::Share(_)) if holds_percent_figure(text) => {
            Outcome::review(&format!(
                "定性指标“{text}”本身写有百分数，实际值的百分数可能是完成的数值而不是得分比例，需人工评定等级"
            ))
        }
        // `零投诉` against `无投诉`: none is none
        (Target::Qualitative { text: t }, Actual::Text(a))
            if let Some(o) = texts::zero_against_none(t, a, weight) =>
        {
            o
        }
        (Target::Qualitative { .. }, _) => graded(actual, weight, m),
        (
            Target::Compare { .. } | Target::Approximate { .. } | Target::Range { .. },
            Actual::Text(text),
        ) => texts::certain(target, text, plan, weight, m)
            .unwrap_or_else(|| text_against(target, text)),
        _ => unmatched(actual),
    }
}

/// Why a qualitative target that names a time names no date (`2023年13月底前`: no 13th month;
/// `第13个月`: a month of the project), in the words of the row's note; none where it names
/// none such. Asked only of qualitative targets that write `月`.
fn no_date(text: &str) -> Option<String> {
    if !text.contains('月') {
        return None;
    }
    if let Some((span, why)) = crate::lang::dates::impossible(text) {
        return Some(format!(
            "年度指标值“{text}”写了不存在的日期“{}”（{why}，review.impossible-date）：没有可比的时限，需人工核对目标后评定",
            &text[span]
        ));
    }
    crate::lang::dates::month_count_past_year(text).map(|(span, why)| {
        format!(
            "年度指标值“{text}”的“{}”读不出日期（{why}）：没有可比的时限，需人工评定",
            &text[span]
        )
    })
}

/// An actual left as text against a figure: why, where the text says it (H42, the fifth
/// probe's #7) — words that say the figure was not reached (`95%（未完成）`; against a ceiling,
/// gone past: `5%（超标）`), or a comparator
/// that points away from the target's (`不足95%` against `≥95%`: `super::actual` leaves those
/// to a person); else the generic reason. Read again only here, for these rows.
fn text_against(target: &Target, text: &str) -> Outcome {
    let shown: String = match text.char_indices().nth(30) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    };
    // a bare figure left as text: against a target written with a magnitude (`eval::indicator`)
    if crate::table::amount::plain_decimal(text.as_bytes()).is_some() {
        return Outcome::review(&format!(
            "实际值“{shown}”未写单位，而目标值写有“万”“亿”等数量级：按目标写法的单位与按基本单位读取相差悬殊，需人工核对，或在实际值中写明单位"
        ));
    }
    if let Some(word) = super::actual::short_word(text, target) {
        return Outcome::review(&format!(
            "实际值“{shown}”写明“{word}”，不按其中的数值计分，需人工核对"
        ));
    }
    if let Some((op, q)) = super::bound::bound_of(text) {
        if let Target::Compare { op: wanted, .. } = target
            && super::actual::opposite(op, target)
        {
            return Outcome::review(&format!(
                "实际值为“{shown}”（{}），与目标方向（{}）相反，需人工核对",
                op_symbol(op),
                op_symbol(*wanted)
            ));
        }
        if super::bound::short_of_target(op, &q, target) {
            return Outcome::review(&format!(
                "实际值“{shown}”只给出界限（{}{}），不能确定是否达到目标：需人工核对实际完成的数值",
                op_symbol(op),
                quantity_text(&q),
            ));
        }
    }
    // a figure with a magnitude left as text: against a target written bare (`eval::indicator`)
    if target.unit().is_none()
        && let Some((from, to)) = super::actual::magnitude_after_figure(text)
    {
        return Outcome::review(&format!(
            "实际值“{shown}”写有数量级“{m}”，而目标值未写单位和数量级：目标可能与实际值同以“{m}”计，也可能按基本单位计，两种读法相差悬殊，需人工核对，或在目标值中写明单位",
            m = &text[from..to]
        ));
    }
    unmatched(&Actual::Text(String::new()))
}

/// An approximate actual (`约100人`, `100人左右`) against a compared target: to a person where
/// a figure within the method's tolerance of it would give another verdict (`约100人` against
/// `≥100人`), else scored by its figure with a remark that says so ([`super::bound`]).
fn about(
    target: &Target,
    actual: &Actual,
    m: &Methodology,
    remarks: &mut Vec<&'static str>,
) -> Option<Outcome> {
    let (
        Target::Compare { op, quantity: t },
        Actual::Quantity {
            quantity: a,
            approximate: true,
            ..
        },
    ) = (target, actual)
    else {
        return None;
    };
    let (tv, av) = comparable(t, a).ok()?;
    let tolerance = m.approximate_tolerance.value;
    if super::bound::about_is_certain(*op, tv, av, tolerance) {
        remarks.push("实际值是约数，按其数值计分（在允许误差内结论相同）");
        return None;
    }
    let mut o = Outcome::review(&format!(
        "实际值是约数（约{}），上下 {}% 之内既可能达到也可能达不到目标（{}{}）：需人工核对实际完成的数值",
        quantity_text(a),
        (tolerance * Decimal::ONE_HUNDRED).normalize(),
        op_symbol(*op),
        quantity_text(t)
    ));
    o.rules.push(m.approximate_tolerance.rule.clone());
    Some(o)
}

/// A figure and its unit as a message writes them (`100人`).
fn quantity_text(q: &Quantity) -> String {
    format!(
        "{}{}",
        q.value.normalize(),
        q.unit.as_ref().map_or("", |u| u.as_str())
    )
}

/// A comparator as a form writes it (`≥`, `<`).
fn op_symbol(op: Op) -> &'static str {
    match op {
        Op::Ge => "≥",
        Op::Gt => ">",
        Op::Le => "≤",
        Op::Lt => "<",
        Op::Eq => "=",
    }
}

/// A figure against the target: compared, in a range, about a value, against the plan or
/// against last year's; a negative count or measure is no figure at all.
fn of_quantity(
    target: &Target,
    a: &Quantity,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    match target {
        // `-5人`: not a figure a count or measure can have, so never scored as a plain fail
        _ if a.value < Decimal::ZERO && cannot_be_negative(a.unit.as_ref()) => {
            Outcome::invalid(&format!(
                "实际值 {}{} 为负数，而这个单位的数量不能为负；请核对实际完成值",
                a.value.normalize(),
                a.unit.as_ref().map_or("", |u| u.as_str())
            ))
        }
        // `5%` against `≥5个百分点`: a level against a change
        Target::Compare { quantity: t, .. } | Target::Approximate { quantity: t }
            if doubts::points_against_level(t.unit.as_ref(), a.unit.as_ref()) =>
        {
            doubts::points_outcome(t, a)
        }
        Target::Range { low, unit, .. }
            if doubts::points_against_level(unit.as_ref(), a.unit.as_ref()) =>
        {
            doubts::points_outcome(&Quantity::new(low.value, unit.clone()), a)
        }
        Target::Compare { op, quantity } => match comparable(quantity, a) {
            Ok((t, a)) => compare(*op, t, a, weight),
            // `人均3000元` against `≥3000元`: per head, or a sum ([`per_head`])
            Err(why) => per_head::against_sum(*op, quantity, a, weight)
                .unwrap_or_else(|| Outcome::invalid(why)),
        },
        Target::Range { low, high, unit } => {
            let lowq = Quantity::new(low.value, unit.clone());
            let highq = Quantity::new(high.value, unit.clone());
            match (comparable(&lowq, a), comparable(&highq, a)) {
                (Ok((l, a)), Ok((h, _))) => {
                    range((l, low.inclusive), (h, high.inclusive), a, weight)
                }
                _ => Outcome::invalid("实际值与目标值单位不同且无法换算，不能比较"),
            }
        }
        Target::Approximate { quantity } => match comparable(quantity, a) {
            Ok((t, a)) => {
                let tol = m.approximate_tolerance.value;
                // saturating: the band of `约79228162514264337593543950335人` reaches the
                // decimal range's end, past which no actual lies (the sums overflowed)
                let spread = t.saturating_mul(tol).abs();
                let (lo, hi) = (t.saturating_sub(spread), t.saturating_add(spread));
                let mut o = range((lo, true), (hi, true), a, weight);
                o.rules.push(m.approximate_tolerance.rule.clone());
                o
            }
            Err(why) => Outcome::invalid(why),
        },
        Target::Plan { op } => match plan {
            Some(Actual::Quantity { quantity: p, .. }) => match comparable(p, a) {
                Ok((p, a)) => {
                    let mut o = compare(*op, p, a, weight);
                    o.formula = format!("对照计划值 {}：{}", n(p), o.formula);
                    o
                }
                Err(why) => Outcome::invalid(why),
            },
            _ => Outcome::review(
                "计划类指标未提供计划数（自评表的计划数一列，或实际值文件的 plan），需人工核对",
            ),
        },
        Target::Relative { op, change, unit } => {
            relative::score(*op, *change, unit.as_ref(), a, plan, weight)
        }
        Target::Qualitative { .. } => {
            Outcome::review("定性指标需评定等级（达成 / 部分达成 / 未达成）或给出得分比例")
        }
        // `0起` against `无` (a 否 target): none happened, as `无` against `0起` reads; a
        // figure above zero is left as it was (what it counts against a 否 is not certain)
        Target::Boolean { expected: false } if a.value.is_zero() => Outcome::new(
            Verdict::Pass,
            Some(weight),
            format!("实际值为 0，即“无”：符合要求，得满分 {}", n(weight)),
        ),
        _ => Outcome::invalid("实际值的类型与目标不符，不能比较"),
    }
}

/// A yes/no target (`是否…`) against an answer that is no figure.
fn yes_no(expected: bool, actual: &Actual, weight: Decimal) -> Outcome {
    match actual {
        Actual::YesNo(b) => {
            if *b == expected {
                Outcome::new(
                    Verdict::Pass,
                    Some(weight),
                    format!("符合要求，得满分 {}", n(weight)),
                )
            } else {
                Outcome::new(Verdict::Fail, Some(Decimal::ZERO), "不符合要求，得 0")
            }
        }
        Actual::Answer { met, how } => {
            let how = match how {
                Answered::Word => "实际值为等级词",
                Answered::Restated if *met == expected => "实际值肯定地复述了问题",
                Answered::Restated => "实际值否定地复述了问题",
            };
            let yes = if *met == expected { "是" } else { "否" };
            if *met {
                Outcome::new(
                    Verdict::Pass,
                    Some(weight),
                    format!("{how}，按“{yes}”读取：符合要求，得满分 {}", n(weight)),
                )
            } else {
                Outcome::new(
                    Verdict::Fail,
                    Some(Decimal::ZERO),
                    format!("{how}，按“{yes}”读取：不符合要求，得 0"),
                )
            }
        }
        Actual::Grade(_) | Actual::Share(_) => {
            Outcome::review("是否类指标的实际值是部分达成或得分比例，读不出“是”或“否”，需人工核对")
        }
        Actual::Done if expected => Outcome::new(
            Verdict::Pass,
            Some(weight),
            format!("已完成，得满分 {}", n(weight)),
        ),
        _ => unmatched(actual),
    }
}

/// A deadline target (`9月前`) against an answer that is no figure: a date, on time, done.
fn on_time(
    op: Op,
    date: CalendarDate,
    actual: &Actual,
    weight: Decimal,
    m: &Methodology,
) -> Outcome {
    match actual {
        Actual::Date(done) => deadline(op, date, *done, weight, m),
        Actual::YesNo(true) | Actual::OnTime => Outcome::new(
            Verdict::Pass,
            Some(weight),
            format!("按期完成，得满分 {}", n(weight)),
        ),
        // `已完成` says done, not when: taken as on time, and said so
        Actual::Done => Outcome::new(
            Verdict::Pass,
            Some(weight),
            format!(
                "实际值只写“完成”，未写完成日期，按期与否无从核对：视为按期完成，得满分 {}（如有逾期，请写明完成日期）",
                n(weight)
            ),
        ),
        Actual::YesNo(false) => {
            Outcome::new(Verdict::Fail, Some(Decimal::ZERO), "未按期完成，得 0")
        }
        _ => unmatched(actual),
    }
}

/// A qualitative target against a grade or share; anything else waits for one.
fn graded(actual: &Actual, weight: Decimal, m: &Methodology) -> Outcome {
    match actual {
        Actual::Grade(g) => grade_outcome(m.grade(*g).default_share, Some(*g), weight, m),
        Actual::Share(s) => grade_outcome(*s, None, weight, m),
        _ => Outcome::review("定性指标需评定等级（达成 / 部分达成 / 未达成）或给出得分比例"),
    }
}

/// Whether a qualitative target's text writes a percentage figure (`增长5%`, `提高2个百分点`) or
/// another share ([`holds_share_figure`]).
fn holds_percent_figure(text: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    (text.chars().any(digit)
        && (text.contains('%') || text.contains('％') || text.contains("百分点")))
        || holds_share_figure(text, digit)
}

/// Whether a qualitative target writes a share in another form than a percentage: `千分之三`,
/// `万分之五`, `3‰`, a fraction or a ratio of figures (`3/4`, `1:1`). An actual's percentage
/// against it is the measured share as readily as a grade's (0.2 % against `千分之三以下` was
/// scored 10 × 0.2 %: session 24's probe).
fn holds_share_figure(text: &str, digit: impl Fn(char) -> bool) -> bool {
    if text.contains("分之") || text.contains(['‰', '‱']) {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| digit(w[0]) && matches!(w[1], '/' | '／' | ':' | '：' | '比') && digit(w[2]))
}

/// What an actual that fits no arm of its target's kind leaves: a person checks words, grades
/// and texts; any other kind cannot be compared.
fn unmatched(actual: &Actual) -> Outcome {
    match actual {
        Actual::Done | Actual::OnTime => {
            Outcome::review("实际值只写结论（如“完成”“达标”），未给出数值，需人工核对")
        }
        Actual::Grade(_) | Actual::Share(_) => {
            Outcome::review("实际值是评定等级，但目标可量化，需人工核对")
        }
        Actual::Text(_) => Outcome::review("实际值无法读取为数值或结论，需人工核对"),
        _ => Outcome::invalid("实际值的类型与目标不符，不能比较"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::actual::read;
    use crate::lang::{Context, parse};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn run(target: &str, indicator: &str, actual: &str, weight: &str) -> Outcome {
        let ctx = Context::default().with_indicator(Some(indicator));
        let t = parse(target, &ctx).target;
        let a = read(actual, &t, Some(indicator), Some(2023));
        score(&t, &a, None, d(weight), &Methodology::default())
    }

    fn shown(o: &Outcome) -> Decimal {
        Methodology::default().show(o.score.unwrap())
    }

    /// `meets_plainly` holds only where `score`'s outcome does not depend on the figure: for
    /// each target, every actual it holds for (figures written every way a sheet writes them,
    /// in the target's unit, another one, none, a comparator copied, negative) has one and
    /// the same outcome, a met one; and it holds for figures of their own (a varied sheet's).
    #[test]
    fn actuals_that_meet_plainly_have_one_outcome_whatever_their_figure() {
        let targets = [
            "≥95%",
            ">99%",
            "95%以上",
            "90%",
            "≤50000元",
            "<5秒",
            "=12次",
            "≥10户",
            "≥0",
            "≤0",
            "0次",
            "≥1.5万人",
            "≥200",
            "≤30天",
            "≥-5%",
            "100%",
            "≥20万元",
            "≤0.5万元",
            "≥2023年12月",
            "约100人",
            "90%-100%",
        ];
        let units = [
            "", "%", "元", "万元", "人", "万人", "次", "秒", "天", "户", "个月",
        ];
        let figures = [
            "0", "0.5", "1", "4.99", "5", "9.7", "12", "12.5", "30", "95", "96.554", "99",
            "99.483", "100", "101", "1200", "15000", "49999.99", "50000", "53000.5", "-1", "-3",
        ];
        let m = Methodology::default();
        let mut plain = 0;
        for target in targets {
            let ctx = Context::default().with_indicator(Some("指标"));
            let t = parse(target, &ctx).target;
            for weight in ["16.6667", "30", "0"] {
                let mut first: Option<Outcome> = None;
                for f in figures {
                    for u in units {
                        for copied in ["", "≥"] {
                            let text = format!("{copied}{f}{u}");
                            let a = read(&text, &t, Some("指标"), Some(2023));
                            if !meets_plainly(&t, &a) {
                                continue;
                            }
                            plain += 1;
                            let o = score(&t, &a, None, d(weight), &m);
                            assert_eq!(o.verdict, Verdict::Pass, "{target} {text}");
                            match &first {
                                Some(one) => assert_eq!(&o, one, "{target} {text}"),
                                None => first = Some(o),
                            }
                        }
                    }
                }
            }
        }
        assert!(plain > 300, "{plain}");
        let t = |text: &str| parse(text, &Context::default()).target;
        let meets = |target: &str, actual: &str| {
            let t = t(target);
            meets_plainly(&t, &read(actual, &t, None, Some(2023)))
        };
        assert!(meets("≥95%", "96.554%"));
        assert!(meets("≥10户", "12.5户"));
        assert!(meets("≤50000元", "4.9万元"));
        // a figure that misses, a unit borrowed, a comparator copied, a negative count, units
        // that do not compare, a target of another kind: not plain
        assert!(!meets("≥95%", "94.9%"));
        assert!(!meets("≥95%", "96"));
        assert!(!meets("≥95%", "≥96%"));
        assert!(!meets("≤5人", "-3人"));
        assert!(!meets("≥95%", "96人"));
        assert!(!meets("90%-100%", "96%"));
    }

    #[test]
    fn formula_numbers_are_the_decimals_rounded_and_displayed() {
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.00000",
            "-0.00004",
            "-0.00005",
            "0.00005",
            "0.00004999",
            "1",
            "-1",
            "10",
            "100.0000",
            "95.40",
            "0.1",
            "12.34565",
            "12.34575",
            "-12.34565",
            "9.99995",
            "-9.99995",
            "27.906976744186046511627906977",
            "0.0000000001",
            "18446744073709551615",
            "18446744073709551616",
            "1844674407370955161.5",
            "-79228162514264337593543950335",
            "79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = (x >> (x % 64)) as i64 * if x & 1 == 1 { -1 } else { 1 };
            cases.push(Decimal::new(m, (x >> 8) as u32 % 29));
            // past 64 bits (the decimal's own rounding and display), where it fits 96
            cases.extend(
                Decimal::try_from_i128_with_scale(
                    i128::from(m) * ((x >> 20) as i128 % (1 << 32)),
                    (x >> 16) as u32 % 29,
                )
                .ok(),
            );
        }
        for c in cases {
            let decimal = c
                .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize();
            assert_eq!(n(c).to_string(), decimal.to_string(), "{c:?}");
            let mut pushed = String::from("得 ");
            n(c).push_to(&mut pushed);
            assert_eq!(pushed, format!("得 {decimal}"));
            assert_eq!(n(c).value(), decimal);
        }
    }

    #[test]
    fn higher_is_better_partial_credit() {
        let o = run("≥90%", "满意度", "85%", "10");
        assert_eq!(o.verdict, Verdict::Fail);
        assert_eq!(shown(&o), d("9.44"));
        assert_eq!(o.formula, "10 × 85 ÷ 90");
    }

    #[test]
    fn lower_is_better_partial_credit() {
        let o = run("≤5个工作日", "办结时间", "6个工作日", "10");
        assert_eq!(o.verdict, Verdict::Fail);
        assert_eq!(shown(&o), d("8.33"));
    }

    #[test]
    fn exceeding_never_scores_above_the_weight() {
        let o = run("≥90%", "满意度", "120%", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Pass, Some(d("10"))));
        let o = run("≤5个工作日", "办结时间", "0个工作日", "10");
        assert_eq!(o.score, Some(d("10")));
    }

    #[test]
    fn strict_operators_are_met_only_strictly() {
        // exactly at the target: 未达标 by the operator, the whole weight by the partial
        // credit; the two disagree, so a person decides (the note gives both)
        let o = run(">95%", "可用性", "95%", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Review, None));
        assert_eq!(
            o.formula,
            "实际值恰等于目标值 95，未满足“>”：按比较符为未达标，而按目标值计算的部分得分（10 × 95 ÷ 95）是满分，结论与得分相矛盾；需人工核对“>”是否本意为“≥”，再定得分"
        );
        let o = run("<5个工作日", "办结时间", "5个工作日", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Review, None));
        assert!(o.formula.contains("本意为“≤”"), "{}", o.formula);
        let o = run(">95%", "可用性", "94%", "10");
        assert_eq!(o.formula, "10 × 94 ÷ 95");
        // `>0` against 0 scores 0: nothing to explain about full points
        let o = run(">0人", "人数", "0人", "10");
        assert_eq!(o.score, Some(d("0")));
        assert!(!o.formula.contains("与分值相同"), "{}", o.formula);
    }

    #[test]
    fn a_missed_zero_target_scores_zero() {
        let o = run("0起", "办公安全性", "1起", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Fail, Some(d("0"))));
        let o = run("0起", "办公安全性", "0起", "10");
        assert_eq!(o.verdict, Verdict::Pass);
    }

    #[test]
    fn done_early_in_words_is_on_time() {
        for actual in ["提前完成", "已提前完成", "准时完成"] {
            let o = run("12月底前", "完成时间", actual, "10");
            assert_eq!(
                (o.verdict, o.score),
                (Verdict::Pass, Some(d("10"))),
                "{actual}"
            );
        }
        // against a figure it is only a claim of completion
        let o = run("≥10次", "培训次数", "提前完成", "10");
        assert_eq!(o.verdict, Verdict::Review);
    }

    #[test]
    fn none_written_in_words_meets_a_zero_ceiling() {
        for (target, actual) in [
            ("0起", "无"),
            ("≤0", "没有"),
            ("0次", "未发生"),
            ("=0", "无"),
        ] {
            let o = run(target, "安全事故", actual, "10");
            assert_eq!(
                (o.verdict, o.score),
                (Verdict::Pass, Some(d("10"))),
                "{target} / {actual}"
            );
            assert!(o.remarks.contains(&NONE_AS_ZERO), "{target} / {actual}");
        }
        // not a ceiling of zero: `无` says nothing of a figure to reach
        for target in ["≥1起", "≥0", "5次"] {
            let o = run(target, "安全事故", "无", "10");
            assert_ne!(o.verdict, Verdict::Pass, "{target}");
        }
    }

    #[test]
    fn units_convert_and_dimensions_never_silently_pass() {
        let o = run("518万人以上", "实缴人数", "523万人", "10");
        assert_eq!(o.verdict, Verdict::Pass);
        let o = run("≤4秒", "响应时间", "0.05分钟", "10");
        assert_eq!(o.verdict, Verdict::Pass);
        let o = run("≤4秒", "响应时间", "4%", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Invalid, None));
    }

    #[test]
    fn qualitative_grades_use_the_bands() {
        let o = run("正常开展", "保障工作正常开展", "部分达成", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Fail, Some(d("7.0"))));
        let o = run("正常开展", "保障工作正常开展", "达成", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Pass, Some(d("10"))));
        let o = run("正常开展", "保障工作正常开展", "", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Review, None));
        let o = run("正常开展", "保障工作正常开展", "工作开展顺利", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Review, None));
    }

    #[test]
    fn done_against_a_number_goes_to_review() {
        let o = run("≥95%", "完成率", "已完成", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Review, None));
    }

    #[test]
    fn ranges_and_deadlines() {
        let o = run("90%-95%", "比例", "99%", "10");
        assert_eq!(o.verdict, Verdict::Fail);
        assert_eq!(shown(&o), d("9.60"));
        let o = run("9月前", "完成时间", "7月", "10");
        assert_eq!(o.verdict, Verdict::Pass);
        let o = run("9月前", "完成时间", "10月", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Fail, Some(d("0"))));
        // `9月前` reads "before September" or "by September": a date in September is either
        let o = run("9月前", "完成时间", "9月", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Review, None));
        assert!(o.formula.contains("9月开始之前"), "{}", o.formula);
        let o = run("9月前", "完成时间", "9月30日", "10");
        assert_eq!(o.verdict, Verdict::Review);
        let o = run("9月底前", "完成时间", "9月30日", "10");
        assert_eq!(o.verdict, Verdict::Pass);
        let o = run("2023年12月31日前", "完成时间", "2023年11月20日", "10");
        assert_eq!(o.verdict, Verdict::Pass);
        let o = run("年底前", "完成时间", "按期完成", "10");
        assert_eq!(o.verdict, Verdict::Pass);
        assert_eq!(o.formula, "按期完成，得满分 10");
        // `已完成` says done, not when: full points, and the note says it was taken as on time
        let o = run("6月底前", "完成时间", "已完成", "10");
        assert_eq!((o.verdict, o.score), (Verdict::Pass, Some(d("10"))));
        assert!(o.formula.contains("未写完成日期"), "{}", o.formula);
    }

    #[test]
    fn yes_no_targets() {
        let o = run("是否及时完成支付工作", "支付及时性", "是", "5");
        assert_eq!((o.verdict, o.score), (Verdict::Pass, Some(d("5"))));
        let o = run("是否及时完成支付工作", "支付及时性", "否", "5");
        assert_eq!((o.verdict, o.score), (Verdict::Fail, Some(d("0"))));
    }

    #[test]
    fn an_actual_that_points_away_from_the_target_says_so_with_both_comparators() {
        // the fifth probe's #7 left these to a person with the generic "无法读取" message
        for (target, actual, said) in [
            ("≥95%", "不足95%", "（<），与目标方向（≥）相反"),
            ("≥95%", "≤95%", "（≤），与目标方向（≥）相反"),
            ("≥95%", "95%以下", "（≤），与目标方向（≥）相反"),
            ("≤5秒", "≥6秒", "（≥），与目标方向（≤）相反"),
            (">90%", "<80%", "（<），与目标方向（>）相反"),
        ] {
            let o = run(target, "合格率", actual, "5");
            assert_eq!(o.verdict, Verdict::Review, "{actual}");
            assert!(
                o.formula.starts_with(&format!("实际值为“{actual}”")) && o.formula.contains(said),
                "{actual}: {}",
                o.formula
            );
        }
        let o = run("≥95%", "合格率", "95%（未完成）", "5");
        assert_eq!(o.verdict, Verdict::Review);
        assert!(o.formula.contains("写明“未完成”"), "{}", o.formula);
        let o = run("约100人", "培训人数", "100人，未达到", "5");
        assert!(o.formula.contains("写明“未达"), "{}", o.formula);
        let o = run("≤5%", "投诉率", "5%（超标）", "5");
        assert_eq!(o.verdict, Verdict::Review);
        assert!(o.formula.contains("写明“超标”"), "{}", o.formula);
        // a text that says neither keeps the generic reason; a long one is cut in the message
        let o = run("≥95%", "合格率", "详见附件", "5");
        assert_eq!(o.formula, "实际值无法读取为数值或结论，需人工核对");
        let long = format!("不足{}", "9".repeat(200));
        let o = run("≥95%", "合格率", &long, "5");
        assert!(o.formula.chars().count() < 80, "{}", o.formula);
    }
}
