//! Published scoring methods (SPEC §6): `tiers` (分档), `deduct` (扣分) and `floor` (完成率低于
//! 60%不得分), applied to a quantitative indicator after its formula. Values are compared in the
//! target's unit: a bound or step written in `%` against a target in another unit is a share
//! of the target (偏差率); the verdict still follows the comparison alone (§8.11).
//!
//! Order: tiers, else deduct, else the formula's score; then the floor.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::actual::Actual;
use super::score::{Outcome, Verdict};
use crate::lang::{Op, Quantity, Target, Unit, units};
use crate::rules::method::{BoundOp, Deduct, Floor, Gives, Tiers};
use crate::rules::model::TierOn;

/// The method rules that hold for one indicator, with their ids.
#[derive(Debug, Clone, Default)]
pub struct MethodRules {
    pub tiers: Option<(Tiers, Cow<'static, str>)>,
    pub deduct: Option<(Deduct, Cow<'static, str>)>,
    pub floor: Option<(Floor, Cow<'static, str>)>,
}

impl MethodRules {
    pub fn is_empty(&self) -> bool {
        self.tiers.is_none() && self.deduct.is_none() && self.floor.is_none()
    }
}

/// An actual in a unit the built-in conversions cannot bring to the target's, converted by a
/// `convert:` rule (`1 月 = 30 天`: `1.5月` against `≤30天` is 45 天), with the rule's id.
pub fn convert_actual(
    rules: &crate::rules::RuleSet,
    target: &Target,
    actual: &Actual,
) -> Option<(Actual, Cow<'static, str>)> {
    let Actual::Quantity {
        quantity,
        unit_from_target,
        copied_comparator,
    } = actual
    else {
        return None;
    };
    let to = target.unit()?;
    let from = quantity.unit.as_ref()?;
    if from == to || units::convert(quantity.value, from, to).is_some() {
        return None;
    }
    let (value, rule) = rules.convert(quantity.value, from, to)?;
    Some((
        Actual::Quantity {
            quantity: Quantity::new(value, Some(to.clone())),
            unit_from_target: *unit_from_target,
            copied_comparator: *copied_comparator,
        },
        rule?.id.clone(),
    ))
}

/// Target and actual as numbers in the target's unit: the comparison, the target value, the
/// actual value and the unit.
struct Values<'t> {
    op: Op,
    t: Decimal,
    a: Decimal,
    unit: Option<&'t Unit>,
}

fn values<'t>(target: &'t Target, actual: &Actual) -> Option<Values<'t>> {
    let (op, tq) = match target {
        Target::Compare { op, quantity } => (*op, quantity),
        Target::Approximate { quantity } => (Op::Eq, quantity),
        _ => return None,
    };
    let Actual::Quantity { quantity: aq, .. } = actual else {
        return None;
    };
    let a = in_unit(aq, tq.unit.as_ref())?;
    Some(Values {
        op,
        t: tq.value,
        a,
        unit: tq.unit.as_ref(),
    })
}

/// A quantity's value in `unit` (a bare number is taken as written).
fn in_unit(q: &Quantity, unit: Option<&Unit>) -> Option<Decimal> {
    match (&q.unit, unit) {
        (None, _) | (_, None) => Some(q.value),
        (Some(u), Some(t)) if u == t => Some(q.value),
        (Some(u), Some(t)) => units::convert(q.value, u, t),
    }
}

/// A bound or step in the target's unit: `%` against a target in another unit is a share of
/// the target.
fn amount(q: &Quantity, v: &Values<'_>) -> Option<Decimal> {
    match &q.unit {
        Some(u) if *u == Unit::PERCENT && v.unit != Some(&Unit::PERCENT) => {
            Some(q.value / Decimal::ONE_HUNDRED * v.t.abs())
        }
        _ => in_unit(q, v.unit),
    }
}

/// A ratio bound: `60%` → 0.6, a bare number as written.
fn ratio_bound(q: &Quantity) -> Option<Decimal> {
    match &q.unit {
        Some(u) if *u == Unit::PERCENT => Some(q.value / Decimal::ONE_HUNDRED),
        None => Some(q.value),
        Some(_) => None,
    }
}

/// Completion ratio: actual ÷ target (lower is better: target ÷ actual), 1 where the target is
/// met with nothing to divide by.
fn ratio(v: &Values<'_>) -> Decimal {
    match v.op {
        Op::Le | Op::Lt => {
            if v.a <= Decimal::ZERO || v.a <= v.t {
                Decimal::ONE
            } else {
                v.t.max(Decimal::ZERO) / v.a
            }
        }
        Op::Ge | Op::Gt => {
            if v.t <= Decimal::ZERO {
                if v.a >= v.t {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                }
            } else {
                v.a / v.t
            }
        }
        Op::Eq => {
            let (lo, hi) = if v.a < v.t { (v.a, v.t) } else { (v.t, v.a) };
            if hi <= Decimal::ZERO {
                Decimal::ONE
            } else {
                lo.max(Decimal::ZERO) / hi
            }
        }
    }
}

/// Numbers as notes show them (four decimals at most).
fn n(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn pct(d: Decimal) -> String {
    format!("{}%", n(d * Decimal::ONE_HUNDRED))
}

/// The outcome with the method rules applied (unchanged where they cannot apply: not numbers,
/// waiting for a person, missing).
pub fn apply(
    rules: &MethodRules,
    target: &Target,
    actual: &Actual,
    weight: Decimal,
    mut o: Outcome,
) -> Outcome {
    if matches!(
        o.verdict,
        Verdict::Review | Verdict::Invalid | Verdict::Missing | Verdict::NotApplicable
    ) {
        return o;
    }
    let Some(v) = values(target, actual) else {
        o.remarks
            .push("分档、扣分或保底规则需要数值的目标和实际值，按目标类型的公式计分");
        return o;
    };
    if let Some((t, id)) = &rules.tiers {
        let (score, formula) = tiers(t, &v, weight);
        o.score = Some(score);
        o.formula = formula;
        o.rules.push(id.clone());
    } else if let Some((d, id)) = &rules.deduct
        && o.verdict != Verdict::Pass
    {
        // a target met loses nothing (and keeps its note)
        let (score, formula) = deduct(d, &v, weight);
        o.score = Some(score);
        o.formula = formula;
        o.rules.push(id.clone());
    }
    if let Some((f, id)) = &rules.floor {
        let r = ratio(&v);
        if r < f.ratio_below {
            let capped = weight * f.share;
            if o.score.is_none_or(|s| s > capped) {
                o.score = Some(capped);
            }
            o.formula = format!(
                "{}；完成率 {} 低于 {}，得 {} × {} = {}",
                o.formula,
                pct(r),
                pct(f.ratio_below),
                n(weight),
                pct(f.share),
                n(capped)
            );
            o.rules.push(id.clone());
        }
    }
    o
}

fn tiers(t: &Tiers, v: &Values<'_>, weight: Decimal) -> (Decimal, String) {
    let (value, what) = match t.on {
        TierOn::Actual => (v.a, "实际值"),
        TierOn::Ratio => (ratio(v), "完成率"),
        TierOn::Deviation => ((v.a - v.t).abs(), "偏差"),
    };
    let shown = match t.on {
        TierOn::Ratio => pct(value),
        _ => format!("{}{}", n(value), v.unit.map_or("", |u| u.as_str())),
    };
    for (i, band) in t.bands.iter().enumerate() {
        let holds = match &band.bound {
            None => true,
            Some((op, q)) => {
                let b = match t.on {
                    TierOn::Ratio => ratio_bound(q),
                    _ => amount(q, v),
                };
                match (b, op) {
                    (Some(b), BoundOp::UpTo) => value <= b,
                    (Some(b), BoundOp::Below) => value < b,
                    (Some(b), BoundOp::AtLeast) => value >= b,
                    (None, _) => false,
                }
            }
        };
        if holds {
            let (score, gives) = match band.gives {
                Gives::Share(s) => (weight * s, format!("{} × {}", n(weight), pct(s))),
                Gives::Points(p) => (p.min(weight), format!("{} 分", n(p))),
            };
            return (
                score,
                format!(
                    "分档：{what} {shown}，第 {} 档，得 {gives} = {}",
                    i + 1,
                    n(score)
                ),
            );
        }
    }
    (
        Decimal::ZERO,
        format!("分档：{what} {shown}，没有一档成立，得 0"),
    )
}

fn deduct(d: &Deduct, v: &Values<'_>, weight: Decimal) -> (Decimal, String) {
    let reference = d.beyond.as_ref().and_then(|b| amount(b, v)).unwrap_or(v.t);
    let short = match v.op {
        Op::Ge | Op::Gt => reference - v.a,
        Op::Le | Op::Lt => v.a - reference,
        Op::Eq => (v.a - reference).abs(),
    };
    let unit = v.unit.map_or("", |u| u.as_str());
    let from = if d.beyond.is_some() { "超出" } else { "差" };
    let per = amount(&d.per, v).filter(|p| *p > Decimal::ZERO);
    let (Some(per), true) = (per, short > Decimal::ZERO) else {
        return (
            weight,
            format!("扣分：未超出扣分起点，得满分 {}", n(weight)),
        );
    };
    let mut steps = short / per;
    if d.whole_steps {
        steps = steps.floor();
    }
    let off = steps * d.points;
    let score = (weight - off).max(Decimal::ZERO);
    (
        score,
        format!(
            "扣分：{from} {}{unit}，每 {}{unit} 扣 {} 分，{} 步扣 {}，得 {}",
            n(short),
            n(per),
            n(d.points),
            n(steps),
            n(off),
            n(score)
        ),
    )
}
