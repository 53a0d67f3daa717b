//! Published scoring methods (contract §6): `tiers` (分档), `deduct` (扣分) and `floor` (完成率低于
//! 60%不得分), applied to a quantitative indicator after its formula. Values are compared in the
//! target's unit: a bound or step written in `%` against a target in another unit is a share
//! of the target (偏差率); the verdict still follows the comparison alone (§8.11).
//!
//! Order: tiers, else deduct, else the formula's score; then the floor.
//!
//! On a deadline target, `deduct` and `tiers: {on: lateness}` count how late it was met
//! ([`super::lateness`]): in days, calendar months or a share of the planned time. Lateness the
//! row does not tell (`已完成` without a date, a month that cannot tell) is never guessed: the row
//! waits for a person and a finding `eval.lateness-unmeasured` says why.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::actual::Actual;
use super::checks::Flag;
use super::lateness::{self, Lateness, Unmeasured};
use super::score::{Outcome, Verdict};
use crate::finding::Severity;
use crate::lang::{CalendarDate, Op, Quantity, Target, Unit, units};
use crate::rules::method::{
    Bonus, BoundOp, Deduct, Floor, Gives, LateMeasure, Tiers, lateness_step,
};
use crate::rules::model::TierOn;

/// The method rules that hold for one indicator, with their ids.
#[derive(Debug, Clone, Default)]
pub struct MethodRules {
    pub tiers: Option<(Tiers, Cow<'static, str>)>,
    pub deduct: Option<(Deduct, Cow<'static, str>)>,
    pub floor: Option<(Floor, Cow<'static, str>)>,
    pub bonus: Option<(Bonus, Cow<'static, str>)>,
}

impl MethodRules {
    /// The `tiers`, `deduct` and `floor` that `applied` rules give, with their ids.
    pub fn from_applied(applied: &crate::rules::set::Applied<'_, '_>) -> Self {
        MethodRules {
            tiers: applied
                .tiers()
                .map(|d| (d.value.clone(), d.rule.id.clone())),
            deduct: applied
                .deduct()
                .map(|d| (d.value.clone(), d.rule.id.clone())),
            floor: applied
                .floor()
                .map(|d| (d.value.clone(), d.rule.id.clone())),
            bonus: applied
                .bonus()
                .map(|d| (d.value.clone(), d.rule.id.clone())),
        }
    }

    /// Whether they give absolute points (a deduction's, a band's `points`, a bonus), which a
    /// rescaled weight must rescale.
    pub fn has_points(&self) -> bool {
        self.deduct.as_ref().is_some_and(|(d, _)| !d.of_points)
            || self.bonus.is_some()
            || self
                .tiers
                .as_ref()
                .is_some_and(|(t, _)| t.bands.iter().any(|b| matches!(b.gives, Gives::Points(_))))
    }

    /// The same rules with every absolute number of points × `factor` (the row's points on
    /// its scored scale ÷ on the method's); `None` where a product leaves the decimal range (a
    /// huge weight over a tiny one), which [`out_of_range`] reports.
    pub fn scaled(&self, factor: Decimal) -> Option<MethodRules> {
        let mut out = self.clone();
        if let Some((t, _)) = &mut out.tiers {
            for b in &mut t.bands {
                if let Gives::Points(p) = &mut b.gives {
                    *p = p.checked_mul(factor)?;
                }
            }
        }
        if let Some((d, _)) = out.deduct.as_mut().filter(|(d, _)| !d.of_points) {
            d.points = d.points.checked_mul(factor)?;
        }
        if let Some((b, _)) = &mut out.bonus {
            b.points = b.points.checked_mul(factor)?;
            b.max = b.max.checked_mul(factor)?;
        }
        Some(out)
    }

    /// The id of the first rule that gives points (for [`out_of_range`]).
    fn first_id(&self) -> Cow<'static, str> {
        let tiers = self.tiers.as_ref().map(|(_, id)| id);
        let deduct = self.deduct.as_ref().map(|(_, id)| id);
        let bonus = self.bonus.as_ref().map(|(_, id)| id);
        tiers.or(deduct).or(bonus).cloned().unwrap_or_default()
    }

    /// How the points were rescaled, for the note: `扣2分（按30分制）= 2.67`.
    pub fn scale_note(&self, method: Decimal, scored: Decimal) -> String {
        let f = scored / method;
        let mut parts = Vec::new();
        if let Some((d, _)) = self.deduct.as_ref().filter(|(d, _)| !d.of_points) {
            parts.push(format!(
                "扣{}分（按{}分制）= {}",
                w(d.points),
                n(method),
                w(d.points * f)
            ));
        }
        if let Some((t, _)) = &self.tiers {
            for b in &t.bands {
                if let Gives::Points(p) = b.gives {
                    parts.push(format!("{}分（按{}分制）= {}", w(p), n(method), w(p * f)));
                }
            }
        }
        if let Some((b, _)) = &self.bonus {
            parts.push(format!(
                "加{}分、最高{}分（按{}分制）= {}、{}",
                w(b.points),
                w(b.max),
                n(method),
                w(b.points * f),
                w(b.max * f)
            ));
        }
        format!(
            "分值按方法的 {} 分折算为 {}：规则的分数同比换算，{}",
            n(method),
            n(scored),
            parts.join("，")
        )
    }

    pub fn is_empty(&self) -> bool {
        self.tiers.is_none()
            && self.deduct.is_none()
            && self.floor.is_none()
            && self.bonus.is_none()
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
        approximate,
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
            approximate: *approximate,
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
/// the target. A share of a zero target, or a unit that does not convert, is an error that
/// says which (never a step of 0 that deducts nothing, nor a band skipped).
fn amount(q: &Quantity, v: &Values<'_>) -> Result<Decimal, String> {
    match &q.unit {
        Some(u) if *u == Unit::PERCENT && v.unit != Some(&Unit::PERCENT) => {
            if v.t.is_zero() {
                Err(format!(
                    "{} 按目标值的百分比计，而目标值为 0{}，无从换算",
                    shown(q),
                    match v.unit {
                        Some(u) => format!("（单位{u}）"),
                        None => "、实际值也未写单位".to_owned(),
                    }
                ))
            } else {
                Ok(q.value / Decimal::ONE_HUNDRED * v.t.abs())
            }
        }
        _ => in_unit(q, v.unit).ok_or_else(|| {
            format!(
                "{} 与目标值的单位{}无法换算",
                shown(q),
                v.unit.map_or("", |u| u.as_str())
            )
        }),
    }
}

/// A quantity as a rule writes it (`1%`, `3天`).
fn shown(q: &Quantity) -> String {
    format!(
        "{}{}",
        n(q.value),
        q.unit.as_ref().map_or("", |u| u.as_str())
    )
}

/// A ratio bound: `60%` → 0.6, a bare number as written.
fn ratio_bound(q: &Quantity) -> Result<Decimal, String> {
    match &q.unit {
        Some(u) if *u == Unit::PERCENT => Ok(q.value / Decimal::ONE_HUNDRED),
        None => Ok(q.value),
        Some(_) => Err(format!("完成率分档的界限 {} 不是百分比", shown(q))),
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
                // at least 0; past the decimal range (a tiny actual) it is as large as can be
                v.t.max(Decimal::ZERO)
                    .checked_div(v.a)
                    .unwrap_or(Decimal::MAX)
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
                // the target is positive: past the range the ratio has the actual's sign
                v.a.checked_div(v.t).unwrap_or(if v.a.is_sign_negative() {
                    Decimal::MIN
                } else {
                    Decimal::MAX
                })
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

/// Numbers as notes show them (four decimals at most); a value that is not zero but would
/// show as 0 (a rule's step of `0.0000000001`) is shown as written, never as a 0 it is not.
fn n(d: Decimal) -> Decimal {
    let shown = d.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if shown.is_zero() && !d.is_zero() {
        return d.normalize();
    }
    shown.normalize()
}

/// A number a rule wrote (a step, points, a maximum, a bound; or one rescaled from it) as
/// notes show it: exactly, as written (`每 0.00015% 加 0.000072 分`), where it has at most 12
/// decimals (a rule's are at most 10, a percentage's 12 as a fraction); a quotient of more (a
/// rescale by 30 of 50 points: 0.6666…) is rounded as [`n`] rounds computed figures.
fn w(d: Decimal) -> Decimal {
    let d = d.normalize();
    if d.scale() <= 12 { d } else { n(d) }
}

/// `d` as a percentage; one past the decimal range as a multiple (`792281625142643375935439503倍`).
fn pct(d: Decimal) -> String {
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", n(p)),
        None => format!("{}倍", n(d)),
    }
}

/// A fraction a rule wrote (a share, a floor's ratio) as a percentage, exactly ([`w`]).
fn pct_written(d: Decimal) -> String {
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", w(p)),
        None => format!("{}倍", w(d)),
    }
}

/// The row as written, where a method needs more than the target and actual read: the
/// indicator (for a finding), the target's text (the period a deadline names) and the actual's
/// (`按期完成` says on time, `已完成` says nothing of when).
#[derive(Debug, Clone, Copy, Default)]
pub struct Written<'a> {
    pub indicator: &'a str,
    pub target: &'a str,
    pub actual: Option<&'a str>,
    pub year: Option<i32>,
}

/// Points a `bonus:` rule added to a row, and its maximum (which holds for the project: the
/// rows it adds to share it, `super::project` keeps the count).
#[derive(Debug, Clone, PartialEq)]
pub struct BonusGiven {
    pub rule: Cow<'static, str>,
    pub points: Decimal,
    pub max: Decimal,
}

/// The outcome with the method rules applied (unchanged where they cannot apply: not numbers,
/// waiting for a person, missing), and a finding where lateness cannot be measured; then the
/// bonus, on a target met.
pub fn apply(
    rules: &MethodRules,
    target: &Target,
    actual: &Actual,
    written: Written<'_>,
    weight: Decimal,
    o: Outcome,
) -> (Outcome, Option<Flag>) {
    let (o, flag, _) = apply_with_bonus(rules, target, actual, written, weight, o);
    (o, flag)
}

/// [`apply`], and the bonus it added.
pub fn apply_with_bonus(
    rules: &MethodRules,
    target: &Target,
    actual: &Actual,
    written: Written<'_>,
    weight: Decimal,
    o: Outcome,
) -> (Outcome, Option<Flag>, Option<BonusGiven>) {
    let (mut o, flag) = apply_methods(rules, target, actual, written, weight, o);
    let mut given = None;
    if let Some((b, id)) = &rules.bonus
        && matches!(o.verdict, Verdict::Pass | Verdict::Fail)
    {
        match values(target, actual) {
            Some(v) => given = add_bonus(b, id, &v, &mut o),
            None => {
                o.formula = format!(
                    "{}；加分 bonus（{id}）的条件成立，但目标或实际值不是数值，不加分",
                    o.formula
                );
            }
        }
    }
    (o, flag, given)
}

/// 加分: each step the actual is better than the target adds points, up to the rule's maximum
/// (nothing where the target is missed, or exact: `=` has no better side).
#[allow(clippy::ptr_arg)] // the id is kept as the outcome's rules keep it: cloned without allocating
fn add_bonus(
    b: &Bonus,
    id: &Cow<'static, str>,
    v: &Values<'_>,
    o: &mut Outcome,
) -> Option<BonusGiven> {
    // saturating: a difference past the decimal range is past any step (the bonus is capped)
    let past = match v.op {
        Op::Ge | Op::Gt => v.a.saturating_sub(v.t),
        Op::Le | Op::Lt => v.t.saturating_sub(v.a),
        Op::Eq => Decimal::ZERO,
    };
    let unit = v.unit.map_or("", |u| u.as_str());
    let per = match amount(&b.per, v) {
        Ok(p) => Some(p).filter(|p| *p > Decimal::ZERO),
        Err(why) => {
            // a step that cannot be brought to the row's unit adds nothing, and says why
            o.formula = format!("{}；加分（{id}）：{why}，不加分", o.formula);
            o.rules.push(id.clone());
            return None;
        }
    };
    let (Some(per), true, true) = (per, past > Decimal::ZERO, o.verdict == Verdict::Pass) else {
        o.formula = format!("{}；加分（{id}）：未超出目标，不加分", o.formula);
        o.rules.push(id.clone());
        return None;
    };
    let mut steps = past.checked_div(per).unwrap_or(Decimal::MAX);
    if b.whole_steps {
        steps = steps.floor();
    }
    let add = steps
        .checked_mul(b.points)
        .unwrap_or(Decimal::MAX)
        .min(b.max);
    let base = o.score.unwrap_or_default();
    // the rule's points are bounded (`rules::model::Number::decimal`), a rescaled max may not be
    let add = add.min(Decimal::MAX - base.max(Decimal::ZERO));
    o.score = Some(base + add);
    o.formula = format!(
        "{}；加分：超出目标 {}{unit}，每 {}{unit} 加 {} 分，最高 {} 分：+{}（{id}），得 {}",
        o.formula,
        n(past),
        w(per),
        w(b.points),
        w(b.max),
        n(add),
        n(base + add)
    );
    o.rules.push(id.clone());
    (add > Decimal::ZERO).then(|| BonusGiven {
        rule: id.clone(),
        points: add,
        max: b.max,
    })
}

fn apply_methods(
    rules: &MethodRules,
    target: &Target,
    actual: &Actual,
    written: Written<'_>,
    weight: Decimal,
    mut o: Outcome,
) -> (Outcome, Option<Flag>) {
    // a zero target is zero in the actual's unit, as the formula read it
    let rezeroed = super::score::zero_in_actual_unit(target, actual);
    let target = rezeroed.as_ref().unwrap_or(target);
    let lateness_tiers = rules
        .tiers
        .as_ref()
        .filter(|(t, _)| t.on == TierOn::Lateness);
    let by = match (&rules.tiers, lateness_tiers, &rules.deduct) {
        (_, Some((t, id)), _) => Some((Late::Tiers(t), id)),
        (None, None, Some((d, id))) => Some((Late::Deduct(d), id)),
        _ => None,
    };
    if matches!(
        o.verdict,
        Verdict::Review | Verdict::Invalid | Verdict::Missing | Verdict::NotApplicable
    ) {
        // a completion month that cannot tell on time from late: lateness is not measured either
        if o.verdict == Verdict::Review
            && let (Target::Deadline { .. }, Actual::Date(_), Some((_, id))) = (target, actual, &by)
        {
            let id: &Cow<'static, str> = id;
            let flag = unmeasured_flag(Unmeasured::MonthOnly, id, written);
            o.rules.push(id.clone());
            return (o, Some(flag));
        }
        // every rule whose `when:` holds leaves a note, also where the row waits
        if o.verdict != Verdict::NotApplicable {
            let why = match o.verdict {
                Verdict::Missing => "缺实际值",
                Verdict::Invalid => "无法比较",
                _ => "待评定",
            };
            o.formula = format!(
                "{}；{} 的条件成立，但本行{why}，尚未按它计分",
                o.formula,
                held(rules, true)
            );
        }
        return (o, None);
    }
    if let (Target::Deadline { op, date }, Some((by, id))) = (target, by) {
        if rules.floor.is_some() {
            o.remarks
                .push("保底规则（floor）需要数值的目标和实际值，时限类指标不适用");
        }
        return late(by, id.clone(), *op, *date, actual, written, weight, o);
    }
    // tiers on lateness say nothing of a figure: they step aside, deductions and a floor
    // written for the row still apply
    let tiers = rules
        .tiers
        .as_ref()
        .filter(|(t, _)| t.on != TierOn::Lateness);
    if lateness_tiers.is_some() {
        o.remarks
            .push("逾期分档（on: lateness）只用于完成时限类指标，此处不用");
        if rules.deduct.is_none() && rules.floor.is_none() {
            return (o, None);
        }
    }
    if rules.tiers.is_none() && rules.deduct.is_none() && rules.floor.is_none() {
        return (o, None); // a bonus alone: [`apply`] adds it
    }
    let Some(v) = values(target, actual) else {
        o.remarks
            .push("分档、扣分或保底规则需要数值的目标和实际值，按目标类型的公式计分");
        o.formula = format!("{}；{} 的条件成立，未用", o.formula, held(rules, false));
        return (o, None);
    };
    let by_method = if let Some((t, id)) = tiers {
        Some((self::tiers(t, &v, weight), id))
    } else if let Some((d, id)) = &rules.deduct
        && o.verdict != Verdict::Pass
    {
        // a target met loses nothing (and keeps its note)
        Some((deduct(d, &v, weight), id))
    } else {
        None
    };
    match by_method {
        Some((Ok((score, formula)), id)) => {
            o.score = Some(score);
            o.formula = formula;
            o.rules.push(id.clone());
        }
        Some((Err(why), id)) => return unreconciled(o, &why, id.clone(), written),
        None => {}
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
                pct_written(f.ratio_below),
                n(weight),
                pct_written(f.share),
                n(capped)
            );
            o.rules.push(id.clone());
        }
    }
    (o, None)
}

/// The method rules that hold, in words with their ids: `分档 tiers（a）、扣分 deduct（b）`.
fn held(rules: &MethodRules, with_bonus: bool) -> String {
    [
        rules
            .tiers
            .as_ref()
            .map(|(_, id)| format!("分档 tiers（{id}）")),
        rules
            .deduct
            .as_ref()
            .map(|(_, id)| format!("扣分 deduct（{id}）")),
        rules
            .floor
            .as_ref()
            .map(|(_, id)| format!("保底 floor（{id}）")),
        rules
            .bonus
            .as_ref()
            .filter(|_| with_bonus)
            .map(|(_, id)| format!("加分 bonus（{id}）")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("、")
}

/// What counts lateness on a deadline target.
enum Late<'r> {
    Tiers(&'r Tiers),
    Deduct(&'r Deduct),
}

/// When the work was done, as far as the actual says.
enum Done {
    /// A date (or a month).
    At(Lateness),
    /// `按期完成`: on time, no date.
    OnTime,
}

impl Done {
    fn measure(&self, m: LateMeasure) -> Result<Decimal, Unmeasured> {
        match self {
            Done::At(l) => l.measure(m),
            Done::OnTime => Ok(Decimal::ZERO),
        }
    }

    /// The lateness in words: `逾期 10 天`, `逾期 1 个月`, `逾期 18 天，占计划工期 181 天的 9.94%`.
    fn describe(&self, m: LateMeasure, value: Decimal) -> String {
        match (self, m) {
            (Done::OnTime, _) => "按期完成，逾期 0".to_owned(),
            (_, LateMeasure::Days) => format!("逾期 {} 天", n(value)),
            (Done::At(l), LateMeasure::Months) => match l.days() {
                Ok(days) => format!("逾期 {days} 天（按月计 {} 个月）", n(value)),
                Err(_) => format!("逾期 {} 个月", n(value)),
            },
            (Done::At(l), LateMeasure::Share) => format!(
                "逾期 {} 天，占计划工期 {} 天的 {}%",
                l.days().unwrap_or_default(),
                l.planned_days(),
                (value * Decimal::ONE_HUNDRED)
                    .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                    .normalize()
            ),
        }
    }
}

/// A step or bound of lateness as written: `10天`, `1个月`, `4%`.
fn shown_step(m: LateMeasure, v: Decimal) -> String {
    match m {
        LateMeasure::Days => format!("{} 天", w(v)),
        LateMeasure::Months => format!("{} 个月", w(v)),
        LateMeasure::Share => format!("计划工期的 {}", pct_written(v)),
    }
}

/// A deadline scored by how late it was met (`deduct` or `tiers: {on: lateness}`): when the
/// work was done ([`done_of`]; the formula's outcome stands where the actual says nothing of
/// it), then the deductions ([`late_deduct`]) or the bands ([`late_tiers`]).
#[allow(clippy::too_many_arguments)]
fn late(
    by: Late<'_>,
    id: Cow<'static, str>,
    op: Op,
    date: CalendarDate,
    actual: &Actual,
    written: Written<'_>,
    weight: Decimal,
    o: Outcome,
) -> (Outcome, Option<Flag>) {
    let done = match done_of(op, date, actual, written) {
        None => return (o, None),
        Some(Ok(d)) => d,
        Some(Err(why)) => return unmeasured(o, why, id.clone(), written),
    };
    match by {
        Late::Deduct(d) => late_deduct(d, &done, id, written, weight, o),
        Late::Tiers(t) => late_tiers(t, &done, id, written, weight, o),
    }
}

/// When the work was done as the actual tells (a date, or on time in words); `None` where it
/// tells nothing of it (`否`, a grade, text), and why not where it is done without a date.
fn done_of(
    op: Op,
    date: CalendarDate,
    actual: &Actual,
    written: Written<'_>,
) -> Option<Result<Done, Unmeasured>> {
    let on_time_words = written.actual.is_some_and(|t| {
        lateness::ON_TIME_WORDS.contains(&t.trim().trim_end_matches(['。', '.', '；', ';']))
    });
    Some(match actual {
        Actual::Date(d) => {
            let from = crate::lang::period_start(written.target, written.year);
            Lateness::new(op, date, *d, from).map(Done::At)
        }
        Actual::OnTime => Ok(Done::OnTime),
        Actual::Done | Actual::YesNo(true) if on_time_words => Ok(Done::OnTime),
        Actual::Done | Actual::YesNo(true) => Err(Unmeasured::NoDate),
        _ => return None,
    })
}

/// Lateness deducted step by step (`deduct: {per: 10天, points: 1}`), past `beyond` where given.
fn late_deduct(
    d: &Deduct,
    done: &Done,
    id: Cow<'static, str>,
    written: Written<'_>,
    weight: Decimal,
    mut o: Outcome,
) -> (Outcome, Option<Flag>) {
    let Some((m, per)) = lateness_step(&d.per).filter(|(_, p)| *p > Decimal::ZERO) else {
        o.remarks
            .push("扣分步长不是时间（天、周、月）或计划工期的百分比，时限类指标按公式计分");
        return (o, None);
    };
    let beyond = match d.beyond.as_ref().map(lateness_step) {
        None => Decimal::ZERO,
        Some(Some((bm, b))) if bm == m => b,
        Some(_) => {
            o.remarks.push(
                "扣分起点（beyond）与步长（per）的计量不同（天、月或计划工期的百分比），时限类指标按公式计分",
            );
            return (o, None);
        }
    };
    let late = match done.measure(m) {
        Ok(v) => v,
        Err(why) => return unmeasured(o, why, id.clone(), written),
    };
    if late <= Decimal::ZERO && o.verdict == Verdict::Pass {
        // on time loses nothing (and keeps its note)
        return (o, None);
    }
    let what = done.describe(m, late);
    let short = late - beyond;
    o.rules.push(id.clone());
    if short <= Decimal::ZERO {
        o.score = Some(weight);
        o.formula = format!(
            "扣分：{what}，未超过 {}，得满分 {}",
            shown_step(m, beyond),
            n(weight)
        );
        return (o, None);
    }
    let (steps, off) = steps_off(short, per, d, weight);
    let score = (weight - off).max(Decimal::ZERO);
    let past = if d.beyond.is_some() {
        format!("超过 {} 的部分", shown_step(m, beyond))
    } else {
        String::new()
    };
    o.score = Some(score);
    o.formula = format!(
        "扣分：{what}，{past}每 {} 扣 {}，{} 步扣 {}，得 {}",
        shown_step(m, per),
        step_words(d, weight),
        n(steps),
        n(off),
        n(score)
    );
    (o, None)
}

/// Lateness in bands (`tiers: {on: lateness}`): the first band whose bound holds gives its
/// share or points; none holding gives 0.
fn late_tiers(
    t: &Tiers,
    done: &Done,
    id: Cow<'static, str>,
    written: Written<'_>,
    weight: Decimal,
    mut o: Outcome,
) -> (Outcome, Option<Flag>) {
    let mut what = None;
    for (i, band) in t.bands.iter().enumerate() {
        let holds = match &band.bound {
            None => true,
            Some((bop, q)) => {
                // `rules check` admits only lateness bounds here
                let Some((m, b)) = lateness_step(q) else {
                    continue;
                };
                let v = match done.measure(m) {
                    Ok(v) => v,
                    Err(why) => return unmeasured(o, why, id.clone(), written),
                };
                what = Some(done.describe(m, v));
                bound_holds(*bop, v, b)
            }
        };
        if holds {
            // `by_ratio` is refused on lateness when the rules load: no ratio is asked here
            let (score, gives) = band_gives(band.gives, weight, || Decimal::ZERO);
            o.score = Some(score);
            o.formula = format!(
                "分档：{}，第 {} 档，得 {gives} = {}",
                what.as_deref().unwrap_or("逾期"),
                i + 1,
                n(score)
            );
            o.rules.push(id.clone());
            return (o, None);
        }
    }
    o.score = Some(Decimal::ZERO);
    o.formula = format!(
        "分档：{}，没有一档成立，得 0",
        what.as_deref().unwrap_or("逾期")
    );
    o.rules.push(id.clone());
    (o, None)
}

/// Lateness a rule counts but the row does not tell: a person decides, and a finding says why.
fn unmeasured(
    mut o: Outcome,
    why: Unmeasured,
    id: Cow<'static, str>,
    written: Written<'_>,
) -> (Outcome, Option<Flag>) {
    o.verdict = Verdict::Review;
    o.score = None;
    o.formula = format!(
        "逾期无法计算：{}；规则 {id} 按逾期计分，需人工核对",
        why.zh()
    );
    let flag = unmeasured_flag(why, &id, written);
    o.rules.push(id);
    (o, Some(flag))
}

/// A bound or step a rule writes that cannot be brought to the row's unit: a person decides,
/// and a finding `eval.unit-unreconciled` says which (never a silent full score or zero).
fn unreconciled(
    mut o: Outcome,
    why: &str,
    id: Cow<'static, str>,
    written: Written<'_>,
) -> (Outcome, Option<Flag>) {
    o.verdict = Verdict::Review;
    o.score = None;
    o.formula = format!("单位无法核对：{why}；规则 {id} 无法计分，需人工核对");
    let flag = Flag {
        code: crate::codes::EVAL_UNIT_UNRECONCILED.into(),
        severity: Severity::Warning,
        message: format!(
            "指标“{}”（目标“{}”，实际值“{}”）：{why}，规则 {id} 无法计分，待人工核对",
            written.indicator,
            written.target.trim(),
            written.actual.unwrap_or_default().trim(),
        ),
    };
    o.rules.push(id);
    (o, Some(flag))
}

/// The row whose rules' points, rescaled to its weight ([`MethodRules::scaled`]), leave the
/// decimal range: 待评定 with `eval.out-of-range`, never a panic nor a guess.
pub fn out_of_range(
    rules: &MethodRules,
    mut o: Outcome,
    written: Written<'_>,
    flags: &mut Vec<Flag>,
) -> Outcome {
    let id = rules.first_id();
    o.verdict = Verdict::Review;
    o.score = None;
    o.formula = format!("规则 {id} 的分数按分值折算后超出可计算的范围，无法计分，需人工核对");
    let flag = Flag {
        code: crate::codes::EVAL_OUT_OF_RANGE.into(),
        severity: Severity::Warning,
        message: format!(
            "指标“{}”：规则 {id} 的分数按分值折算后超出可计算的范围，待人工核对",
            written.indicator
        ),
    };
    o.rules.push(id);
    flags.push(flag);
    o
}

/// The method weight a row's points are rescaled from (where they are), and the rules rescaled
/// to the row's `weight` (`Some(None)`: not rescaled; `None`: past the decimal range).
pub fn rescale(
    method: &MethodRules,
    weight: Decimal,
    method_weight: Option<Decimal>,
) -> (Option<Decimal>, Option<Option<MethodRules>>) {
    let from =
        method_weight.filter(|mw| *mw > Decimal::ZERO && *mw != weight && method.has_points());
    let scaled = match from {
        None => Some(None),
        Some(mw) => weight
            .checked_div(mw)
            .and_then(|f| method.scaled(f))
            .map(Some),
    };
    (from, scaled)
}

/// The finding beside the total where lateness is not measured (`eval.lateness-unmeasured`).
fn unmeasured_flag(why: Unmeasured, id: &str, written: Written<'_>) -> Flag {
    Flag {
        code: crate::codes::EVAL_LATENESS_UNMEASURED.into(),
        severity: Severity::Warning,
        message: format!(
            "指标“{}”的实际值“{}”：{}，规则 {id} 无法计算逾期，待人工核对",
            written.indicator,
            written.actual.unwrap_or_default().trim(),
            why.zh()
        ),
    }
}

fn tiers(t: &Tiers, v: &Values<'_>, weight: Decimal) -> Result<(Decimal, String), String> {
    let (value, what) = match t.on {
        TierOn::Actual => (v.a, "实际值"),
        TierOn::Ratio => (ratio(v), "完成率"),
        // saturating: a deviation past the decimal range is past every bound
        TierOn::Deviation => (v.a.saturating_sub(v.t).abs(), "偏差"),
        // deadlines only: `apply` never sends a number here
        TierOn::Lateness => return Ok((Decimal::ZERO, "逾期分档只用于时限类指标".to_owned())),
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
                }
                .map_err(|why| format!("第 {} 档的界限：{why}", i + 1))?;
                bound_holds(*op, value, b)
            }
        };
        if holds {
            let (score, gives) = band_gives(band.gives, weight, || ratio(v));
            return Ok((
                score,
                format!(
                    "分档：{what} {shown}，第 {} 档，得 {gives} = {}",
                    i + 1,
                    n(score)
                ),
            ));
        }
    }
    Ok((
        Decimal::ZERO,
        format!("分档：{what} {shown}，没有一档成立，得 0"),
    ))
}

/// The steps `short` makes of `per` (whole steps where the rule says) and the points they take
/// off; beyond the exact decimal range, every point.
fn steps_off(short: Decimal, per: Decimal, d: &Deduct, weight: Decimal) -> (Decimal, Decimal) {
    let Some(mut steps) = short.checked_div(per) else {
        return (Decimal::MAX, Decimal::MAX);
    };
    if d.whole_steps {
        steps = steps.floor();
    }
    let each = step_points(d, weight);
    (steps, steps.checked_mul(each).unwrap_or(Decimal::MAX))
}

/// The points a step of `d` takes off a row of `weight` points: its points, or its share of them.
fn step_points(d: &Deduct, weight: Decimal) -> Decimal {
    if d.of_points {
        d.points * weight
    } else {
        d.points
    }
}

/// A step's deduction in the note's words: `1 分`, or `分值的 10%（1.5 分）`.
fn step_words(d: &Deduct, weight: Decimal) -> String {
    if d.of_points {
        format!(
            "分值的 {}%（{} 分）",
            n(d.points * Decimal::ONE_HUNDRED),
            w(step_points(d, weight))
        )
    } else {
        format!("{} 分", w(d.points))
    }
}

fn deduct(d: &Deduct, v: &Values<'_>, weight: Decimal) -> Result<(Decimal, String), String> {
    let reference = match &d.beyond {
        Some(b) => amount(b, v).map_err(|why| format!("扣分起点：{why}"))?,
        None => v.t,
    };
    // saturating: a shortfall past the decimal range loses every point, a lead past it none
    let short = match v.op {
        Op::Ge | Op::Gt => reference.saturating_sub(v.a),
        Op::Le | Op::Lt => v.a.saturating_sub(reference),
        Op::Eq => v.a.saturating_sub(reference).abs(),
    };
    let unit = v.unit.map_or("", |u| u.as_str());
    let from = if d.beyond.is_some() { "超出" } else { "差" };
    let per = amount(&d.per, v).map_err(|why| format!("扣分步长：{why}"))?;
    if per <= Decimal::ZERO || short <= Decimal::ZERO {
        return Ok((
            weight,
            format!("扣分：未超出扣分起点，得满分 {}", n(weight)),
        ));
    }
    let (steps, off) = steps_off(short, per, d, weight);
    let score = (weight - off).max(Decimal::ZERO);
    Ok((
        score,
        format!(
            "扣分：{from} {}{unit}，每 {}{unit} 扣 {}，{} 步扣 {}，得 {}",
            n(short),
            w(per),
            step_words(d, weight),
            n(steps),
            n(off),
            n(score)
        ),
    ))
}

/// Whether a figure is within a band's bound (`up_to` ≤, `below` <, `at_least` ≥).
fn bound_holds(op: BoundOp, value: Decimal, bound: Decimal) -> bool {
    match op {
        BoundOp::UpTo => value <= bound,
        BoundOp::Below => value < bound,
        BoundOp::AtLeast => value >= bound,
    }
}

/// What a band that holds gives: its share of the weight, or its points (never above the
/// weight), with the formula's words for it.
fn band_gives(gives: Gives, weight: Decimal, ratio: impl Fn() -> Decimal) -> (Decimal, String) {
    match gives {
        Gives::Share(s) => (weight * s, format!("{} × {}", n(weight), pct_written(s))),
        Gives::Points(p) => (p.min(weight), format!("{} 分", w(p))),
        Gives::ByRatio(s) => {
            let r = ratio().clamp(Decimal::ZERO, Decimal::ONE);
            let of = if s == Decimal::ONE {
                String::new()
            } else {
                format!(" × {}", pct_written(s))
            };
            (
                weight * r * s,
                format!("{} × 完成率 {}{of}", n(weight), pct(r)),
            )
        }
    }
}
