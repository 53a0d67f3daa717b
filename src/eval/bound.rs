//! An actual that gives only a bound or an approximate count, as offices write a count they did
//! not keep exactly: `超过100人`, `100人以上`, `逾100人`, `100余人`, `100多人` (more than 100),
//! `约100人`, `100人左右`, `100来人` (about 100). What such a figure makes certain is scored;
//! what it does not goes to a person, saying why:
//! - a bound that meets the target whatever the figure above it is (`100余人` against `≥100人`)
//!   is 达标; one short of the target (`超过100人` against `≥120人`) says nothing of whether
//!   it was reached (it was scored 83.33 of 100 as if it were 100, with a note that the actual
//!   "copied the target's comparator");
//! - an approximate count is scored by its figure where every figure within the method's
//!   tolerance (±10 %) gives the same verdict (`约100人` against `≥120人`, `≥90人`), and goes to
//!   a person where it straddles the target (`约100人` against `≥100人`: it was 达标, full
//!   points, without a word).
//!
//! Only actuals the general path reads come here (no plain figure holds these words). The
//! target language reads `100余人`, `100多人` as `> 100 人` and `100来人` as `≈ 100 人`
//! (`lang::parse`'s `loose_count`), targets and actuals alike.

use rust_decimal::Decimal;

use crate::lang::{self, Op, Quantity, Target};

/// `逾100人` (`逾` is `超过`, which the target language reads): the text to read in its stead.
pub(crate) fn over_word(text: &str) -> Option<String> {
    let rest = text.strip_prefix('逾')?;
    rest.starts_with(|c: char| c.is_ascii_digit())
        .then(|| format!("超过{rest}"))
}

/// Whether an actual that gives only a bound (`op` from its own text: `>100人`, `≤5%`) says
/// nothing certain of its target: a bound on the target's side (a floor's `>`, `≥`; a ceiling's
/// `<`, `≤`) that does not by itself meet it (`>100人` against `≥120人`), or any bound
/// against a band (`约100人`, `90-110人`). A bound that meets it
/// (`>100人` against `≥100人`, `≥95%` against `≥95%`) is certain, and one pointing away is read
/// elsewhere ([`super::actual::opposite`]). Units the target's, or brought to them; `false`
/// where they cannot be (the unit's own finding says so).
pub(crate) fn short_of_target(op: Op, q: &Quantity, target: &Target) -> bool {
    let (wanted, t) = match target {
        Target::Compare { op, quantity } => (op, quantity),
        // a band has two sides: a bound (`>100人` against `约100人`, `90-110人`) may be past
        // either
        Target::Approximate { .. } | Target::Range { .. } => {
            return !matches!(op, Op::Eq);
        }
        _ => return false,
    };
    let floor = matches!(wanted, Op::Ge | Op::Gt);
    let same_side = if floor {
        matches!(op, Op::Ge | Op::Gt)
    } else {
        matches!(op, Op::Le | Op::Lt)
    };
    if !same_side || matches!(wanted, Op::Eq) {
        return false;
    }
    let Ok((t, a)) = super::score::comparable(t, q) else {
        return false;
    };
    // the bound's own figure meets the target (`>100` or `≥100` against `≥100`): so does any
    // figure past it, and the figure is scored. `>100` against `>100` is met too, but its
    // figure is not: left to a person rather than scored as 100.
    !wanted.holds(a, t)
}

/// Whether an approximate actual `a` (`约100人`) gives one verdict against a compared target
/// `op t` whatever it is within `tolerance` of its figure (`0.10`: 90 to 110); both figures in
/// one unit.
pub(crate) fn about_is_certain(op: Op, t: Decimal, a: Decimal, tolerance: Decimal) -> bool {
    let spread = a.saturating_mul(tolerance).abs();
    let (lo, hi) = (a.saturating_sub(spread), a.saturating_add(spread));
    op.holds(lo, t) == op.holds(hi, t) && op.holds(a, t) == op.holds(lo, t)
}

/// The bound an actual left to a person gives, as its text reads (`超过100人`, `100余人`,
/// `逾100人`): the comparison and the figure, for the message that says why.
pub(crate) fn bound_of(text: &str) -> Option<(Op, Quantity)> {
    let over = over_word(text);
    let parsed = lang::parse(over.as_deref().unwrap_or(text), &lang::Context::unruled());
    let Target::Compare { op, quantity } = parsed.target else {
        return None;
    };
    (parsed.provenance.op == Some(lang::Origin::Text)).then_some((op, quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: i64, u: &str) -> Quantity {
        Quantity::new(Decimal::from(v), Some(lang::normalise_unit(u)))
    }

    fn ge(v: i64, u: &str) -> Target {
        Target::Compare {
            op: Op::Ge,
            quantity: q(v, u),
        }
    }

    #[test]
    fn over_is_more_than() {
        assert_eq!(over_word("逾100人").as_deref(), Some("超过100人"));
        assert_eq!(over_word("逾期"), None);
    }

    #[test]
    fn a_bound_short_of_its_target_says_nothing_certain() {
        assert!(short_of_target(Op::Gt, &q(100, "人"), &ge(120, "人")));
        assert!(!short_of_target(Op::Gt, &q(100, "人"), &ge(100, "人")));
        assert!(!short_of_target(Op::Ge, &q(100, "人"), &ge(100, "人")));
        assert!(!short_of_target(Op::Ge, &q(2, "万人"), &ge(15000, "人")));
        assert!(short_of_target(Op::Ge, &q(1, "万人"), &ge(15000, "人")));
        // pointing away, or a ceiling's bound under it: not this question
        assert!(!short_of_target(Op::Lt, &q(100, "人"), &ge(120, "人")));
        let ceiling = Target::Compare {
            op: Op::Le,
            quantity: q(5, "%"),
        };
        assert!(short_of_target(Op::Lt, &q(8, "%"), &ceiling));
        assert!(!short_of_target(Op::Lt, &q(5, "%"), &ceiling));
        assert!(!short_of_target(Op::Le, &q(3, "%"), &ceiling));
    }

    #[test]
    fn an_approximate_count_is_certain_only_clear_of_its_target() {
        let d = Decimal::from;
        let tol = Decimal::new(10, 2);
        assert!(about_is_certain(Op::Ge, d(90), d(100), tol));
        assert!(!about_is_certain(Op::Ge, d(100), d(100), tol));
        assert!(!about_is_certain(Op::Ge, d(105), d(100), tol));
        assert!(about_is_certain(Op::Ge, d(120), d(100), tol));
        assert!(about_is_certain(Op::Le, d(150), d(100), tol));
    }
}
