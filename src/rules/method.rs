//! The scoring keys of contract §6 compiled from their YAML shape ([`super::model`]): `tiers`,
//! `deduct`, `floor`, `bonus` and `veto` (`cap`'s is in its file). Values are quantities as targets write them (`10%`, `1天`, a
//! bare `1` takes the target's unit); shares are fractions (`60%` → 0.6, a bare `0` or `1`).
//! What they do to a score is [`crate::eval::method`]'s.

use rust_decimal::Decimal;

use super::expr;
use super::model::{self, Number, TierOn};
use crate::lang::{Quantity, Unit};

/// How a tier band's bound compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundOp {
    /// `up_to`: ≤.
    UpTo,
    /// `below`: <.
    Below,
    /// `at_least`: ≥.
    AtLeast,
}

impl BoundOp {
    pub fn key(self) -> &'static str {
        match self {
            BoundOp::UpTo => "up_to",
            BoundOp::Below => "below",
            BoundOp::AtLeast => "at_least",
        }
    }
}

/// What a band gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gives {
    /// A share of the indicator's points (0.6 = 60%).
    Share(Decimal),
    /// Points (never above the indicator's).
    Points(Decimal),
    /// 按完成率计分: the completion ratio (at most 1) × this share of the points.
    ByRatio(Decimal),
}

/// One band of `tiers:`, compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct TierBand {
    /// None: the band holds for every value.
    pub bound: Option<(BoundOp, Quantity)>,
    pub gives: Gives,
}

/// `tiers:` compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    pub on: TierOn,
    pub bands: Vec<TierBand>,
}

/// `deduct:` compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Deduct {
    pub per: Quantity,
    /// Points off a step; with `of_points`, the share of the row's points off a step
    /// (`points: 10%` → 0.1: “每超出1%扣该项分值的10%”).
    pub points: Decimal,
    /// `points` written as a percentage: a share of the row's points, which rescales with
    /// them (never rescaled again as absolute points are).
    pub of_points: bool,
    pub beyond: Option<Quantity>,
    pub whole_steps: bool,
}

/// `floor:` compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub ratio_below: Decimal,
    pub share: Decimal,
}

/// `veto:` compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Veto {
    pub grade: String,
    pub total: Option<Decimal>,
    pub message: String,
}

/// `bonus:` compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Bonus {
    pub per: Quantity,
    pub points: Decimal,
    pub max: Decimal,
    pub whole_steps: bool,
}

pub fn bonus(b: &model::BonusSpec) -> Result<Bonus, Why> {
    let per = step(&b.per, "`1%`、`1`")?;
    let each = points(&b.points).ok_or_else(|| points_why("points", &b.points))?;
    let max = points(&b.max).ok_or_else(|| points_why("max", &b.max) + "（最高加几分）")?;
    Ok(Bonus {
        per,
        points: each,
        max,
        whole_steps: b.whole_steps.unwrap_or(false),
    })
}

/// What lateness is measured in (`on: lateness`, and `deduct` on a deadline target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateMeasure {
    /// Calendar days from the deadline to the completion date.
    Days,
    /// Calendar months, counted as `late_penalty` counts them (July against end of June: 1).
    Months,
    /// Days late ÷ days of the planned time (计划工期).
    Share,
}

/// A time step or bound as lateness reads it: its measure and its amount in that measure.
/// `10天`, `10日` and a bare `10` are days; `1周`/`1星期` 7 days; `1个月` a month, `1季度` 3,
/// `1年` 12; `4%` a share of the planned time (0.04). Other units are not lateness.
pub fn lateness_step(q: &Quantity) -> Option<(LateMeasure, Decimal)> {
    let Some(unit) = &q.unit else {
        return Some((LateMeasure::Days, q.value));
    };
    match unit.as_str() {
        "天" | "日" => Some((LateMeasure::Days, q.value)),
        "周" | "星期" => Some((LateMeasure::Days, q.value.checked_mul(Decimal::from(7))?)),
        "%" => Some((LateMeasure::Share, q.value / Decimal::ONE_HUNDRED)),
        _ => crate::lang::units::convert(q.value, unit, &Unit(std::borrow::Cow::Borrowed("月")))
            .map(|m| (LateMeasure::Months, m)),
    }
}

/// A number or a quantity with its unit (`5%`, `1天`, `2`).
/// Any size: a step or bound past the decimal range's use saturates where it is used (past
/// every step and band, `eval::method`).
pub fn quantity(n: &Number) -> Option<Quantity> {
    match n {
        Number::Int(_) | Number::Float(_) => n.decimal_as_written().map(|v| Quantity::new(v, None)),
        Number::Text(t) => expr::quantity(t.trim()),
    }
}

/// A share: `60%` → 0.6, a bare number as a fraction (`0`, `1`, `0.5`), within 0–100 %.
pub fn share(n: &Number) -> Option<Decimal> {
    let q = quantity(n)?;
    let v = match &q.unit {
        Some(u) if *u == Unit::PERCENT => q.value / Decimal::ONE_HUNDRED,
        None => q.value,
        Some(_) => return None,
    };
    (Decimal::ZERO..=Decimal::ONE).contains(&v).then_some(v)
}

/// A plain non-negative number (points), within the range of [`Number::decimal`]: points of
/// 7.9×10^28 overflowed the scores they are added to and rescaled with (a panic). `1分` is
/// points as published methods write them (扣1分), the same as `1`.
fn points(n: &Number) -> Option<Decimal> {
    let q = quantity(n)?;
    let plain = q.unit.as_ref().is_none_or(|u| u.as_str() == "分");
    (plain && !q.value.is_sign_negative() && crate::table::amount::in_range(q.value))
        .then_some(q.value)
}

/// Why a value is not points: `key` 应是分数（…）, naming a percentage or another unit written.
fn points_why(key: &str, n: &Number) -> Why {
    match quantity(n) {
        Some(q) if q.value.is_sign_negative() => format!("`{key}` 应是不小于 0 的分数"),
        Some(q) if q.unit.is_some() => format!(
            "`{key}` 应是分数，写 `1` 或 `1分`，不带其他单位（这里写的是 {}{}）",
            q.value.normalize(),
            q.unit.as_ref().map_or("", |u| u.as_str())
        ),
        _ => format!("`{key}` 应是分数，如 `1` 或 `1分`"),
    }
}

/// A value written as a percentage within 0–100 % (`10%` → 0.1); None otherwise.
fn percent_value(n: &Number) -> Option<Decimal> {
    let q = quantity(n)?;
    let v = (q.unit.as_ref() == Some(&Unit::PERCENT)).then(|| q.value / Decimal::ONE_HUNDRED)?;
    (Decimal::ZERO..=Decimal::ONE).contains(&v).then_some(v)
}

/// Why a key's value cannot be used: the message, in Chinese.
pub type Why = String;

/// A step (`per`): a positive quantity. `1月` reads as a date (January), as a target's does:
/// the message says to write `1个月`, which is a span of months.
fn step(n: &Number, examples: &str) -> Result<Quantity, Why> {
    if let Some(q) = quantity(n).filter(|q| q.value > Decimal::ZERO) {
        return Ok(q);
    }
    Err(match month_of_year(n) {
        Some(m) => format!("`per` 的 `{m}月` 读作日期（{m}月份）：按月计写 `{m}个月`"),
        None => format!("`per` 应是一个正的数量，如 {examples}"),
    })
}

/// The digits of a value written as a month of the year (`1月`, `3 月`), which a step cannot be.
fn month_of_year(n: &Number) -> Option<&str> {
    let Number::Text(t) = n else { return None };
    let digits = t.trim().strip_suffix('月')?.trim_end();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

pub fn tiers(t: &model::TiersSpec) -> Result<Tiers, Why> {
    if t.bands.is_empty() {
        return Err("`tiers` 至少要有一档（bands）".into());
    }
    let mut bands = Vec::with_capacity(t.bands.len());
    for (i, b) in t.bands.iter().enumerate() {
        let n = i + 1;
        let bounds: Vec<(BoundOp, &Number)> = [
            (BoundOp::UpTo, &b.up_to),
            (BoundOp::Below, &b.below),
            (BoundOp::AtLeast, &b.at_least),
        ]
        .into_iter()
        .filter_map(|(op, v)| v.as_ref().map(|v| (op, v)))
        .collect();
        if bounds.len() > 1 {
            return Err(format!(
                "第 {n} 档同时写了 `{}` 和 `{}`：每档只写一个界",
                bounds[0].0.key(),
                bounds[1].0.key()
            ));
        }
        let bound = match bounds.first() {
            Some((op, v)) => Some((
                *op,
                quantity(v).ok_or_else(|| format!("第 {n} 档的 `{}` 读不出数量", op.key()))?,
            )),
            None => None,
        };
        if t.on == TierOn::Lateness
            && let Some((op, q)) = &bound
            && lateness_step(q).is_none()
        {
            return Err(format!(
                "第 {n} 档的 `{}` 不是逾期的长短：写天数（`10天`）、周、月，或计划工期的百分比（`10%`）",
                op.key()
            ));
        }
        let gives = match (&b.share, &b.points) {
            (None, None) if b.by_ratio.is_some() => band_by_ratio(b, t.on, n)?,
            _ if b.by_ratio.is_some() => {
                return Err(format!(
                    "第 {n} 档同时写了 `by_ratio` 和 `{}`：只写一个",
                    if b.share.is_some() { "share" } else { "points" }
                ));
            }
            (Some(s), None) => Gives::Share(
                share(s).ok_or_else(|| format!("第 {n} 档的 `share` 应是 0%–100% 的比例"))?,
            ),
            (None, Some(p)) => Gives::Points(points(p).ok_or_else(|| {
                let why = points_why("points", p);
                match percent_value(p) {
                    Some(_) => format!("第 {n} 档：{why}；分值的比例写 `share`"),
                    None => format!("第 {n} 档：{why}"),
                }
            })?),
            (Some(_), Some(_)) => {
                return Err(format!("第 {n} 档同时写了 `share` 和 `points`：只写一个"));
            }
            (None, None) => {
                return Err(format!(
                    "第 {n} 档没有写得分：写 `share: 60%`、`points: 1` 或 `by_ratio: 100%`"
                ));
            }
        };
        bands.push(TierBand { bound, gives });
    }
    Ok(Tiers { on: t.on, bands })
}

/// A band that scores by the completion ratio (`by_ratio: 100%`): a share of 0–100 %, on
/// bands that read a figure (lateness has no completion ratio).
fn band_by_ratio(b: &model::TierBandSpec, on: TierOn, n: usize) -> Result<Gives, Why> {
    if on == TierOn::Lateness {
        return Err(format!(
            "第 {n} 档的 `by_ratio` 按完成率计分，逾期分档（`on: lateness`）没有完成率：写 `share` 或 `points`"
        ));
    }
    let by = b.by_ratio.as_ref().and_then(share).ok_or_else(|| {
        format!("第 {n} 档的 `by_ratio` 应是 0%–100% 的比例（`100%`：完成率 × 分值）")
    })?;
    Ok(Gives::ByRatio(by))
}

pub fn deduct(d: &model::DeductSpec) -> Result<Deduct, Why> {
    let per = step(&d.per, "`5%`、`1`、`1天`、`1个月`")?;
    let (points, of_points) = match percent_value(&d.points) {
        Some(share) => (share, true),
        None => (
            points(&d.points).ok_or_else(|| points_why("points", &d.points))?,
            false,
        ),
    };
    let beyond = match &d.beyond {
        Some(b) => Some(quantity(b).ok_or_else(|| match month_of_year(b) {
            Some(m) => format!("`beyond` 的 `{m}月` 读作日期（{m}月份）：按月计写 `{m}个月`"),
            None => "`beyond` 读不出数量".to_owned(),
        })?),
        None => None,
    };
    Ok(Deduct {
        per,
        points,
        of_points,
        beyond,
        whole_steps: d.whole_steps.unwrap_or(false),
    })
}

pub fn floor(f: &model::FloorSpec) -> Result<Floor, Why> {
    Ok(Floor {
        ratio_below: share_or_ratio(&f.ratio_below)
            .ok_or("`ratio_below` 应是一个百分数，如 `60%`")?,
        share: share(&f.share).ok_or("`share` 应是 0%–100% 的比例")?,
    })
}

/// A ratio (`60%`, `0.6`), which may exceed 100 %.
fn share_or_ratio(n: &Number) -> Option<Decimal> {
    let q = quantity(n)?;
    match &q.unit {
        Some(u) if *u == Unit::PERCENT => Some(q.value / Decimal::ONE_HUNDRED),
        None => Some(q.value),
        Some(_) => None,
    }
    .filter(|v| !v.is_sign_negative())
}

pub fn veto(v: &model::VetoSpec, id: &str) -> Result<Veto, Why> {
    if v.grade.trim().is_empty() {
        return Err("`veto` 要写出项目的等级，如 `grade: 差`".into());
    }
    let total = match &v.total {
        Some(t) => Some(points(t).ok_or_else(|| points_why("total", t))?),
        None => None,
    };
    Ok(Veto {
        grade: v.grade.trim().to_owned(),
        total,
        message: v
            .message
            .clone()
            .unwrap_or_else(|| format!("一票否决（{id}）")),
    })
}
