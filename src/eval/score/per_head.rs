//! A figure per head (`人均3000元`, `3000元/人`, `户均500元`) against a target written without
//! the head (`≥3000元`; issue 27, session 26). The target may be the figure per head, or a sum
//! over the heads: where a floor (`≥`, `>`) is met per head it is met either way (a sum over one
//! head or more is no less than each head's figure, none negative), so it is scored with both
//! readings in the note. Short of the floor, or against a ceiling, the two readings differ:
//! a person decides, with the reason (never "无法换算" alone).
//!
//! Only the head `人`: a target written without its head may still be per head of another kind
//! (`人均补助` `≥3000元` against `户均3000元`: a household of three gets 1000 a person), and a
//! figure per person is no less than one per household, village or any other group of people.
//! A head of area (`亩均200元`: half a 亩 is a head too), another head, or a compound
//! (`元/人·月`) is left as before.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Outcome, comparable, compare, n, op_symbol, quantity_text};
use crate::lang::{Op, Quantity, Unit};

/// The outcome of `a` (a figure per head) against `≥ t` / `≤ t` written without the head; none
/// where `a`'s unit has no countable head over `t`'s unit.
pub(super) fn against_sum(op: Op, t: &Quantity, a: &Quantity, weight: Decimal) -> Option<Outcome> {
    let tu = t.unit.as_ref()?;
    let (numerator, head) = a.unit.as_ref()?.as_str().split_once('/')?;
    if tu.as_str().contains('/') || head != "人" || a.value < Decimal::ZERO {
        return None;
    }
    let per = Quantity::new(a.value, Some(Unit(Cow::Owned(numerator.to_owned()))));
    let (tv, av) = comparable(t, &per).ok()?;
    let met = op.holds(av, tv);
    if met && matches!(op, Op::Ge | Op::Gt) {
        let mut o = compare(op, tv, av, weight);
        o.formula = format!(
            "实际值 {} 是每{head}的数，目标 {}{} 未写“/{head}”：按每{head}读达到目标；若目标是合计，合计不少于每{head}的数，也达到目标：{}",
            quantity_text(a),
            op_symbol(op),
            quantity_text(t),
            o.formula
        );
        return Some(o);
    }
    let per_head = compare(op, tv, av, weight);
    Some(Outcome::review(&format!(
        "实际值 {} 是每{head}的数，目标 {}{} 未写“/{head}”：若目标也按每{head}计，{}（得 {}）；若目标是合计，须知{head}数才能比较。请核对目标是每{head}还是合计，或在目标值中写明“/{head}”",
        quantity_text(a),
        op_symbol(op),
        quantity_text(t),
        if per_head.verdict == super::Verdict::Pass {
            "达标"
        } else {
            "未达标"
        },
        per_head
            .score
            .map_or_else(|| "-".to_owned(), |s| n(s).to_string()),
    )))
}
