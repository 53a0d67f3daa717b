//! The shares of points of recent projects, found by their groups' identity (issue 28): a
//! project's shares ([`weights::shares`](super::weights::shares)) are kept by what they depend
//! on in a memo keyed by bytes (`memo::ParseCache::shares`: the budget's points, then each
//! group's pool, points, given weights and open rows written out, hashed and compared), about
//! 600 instructions a project where nearly every project finds its shares there. Here the
//! same answer is looked for first in a few places chosen by the groups' numbers (no key
//! written), and taken only where every part is equal to the one kept: the
//! budget's and each group's decimals byte for byte (as the memo's key has them), the pool's
//! text (its address first), the rows open. Equal parts are the memo's equal key, so the
//! answer is the one the memo (or [`shares`](super::weights::shares) itself) gives.

use std::borrow::Cow;
use std::hash::Hasher;
use std::rc::Rc;

use rust_decimal::Decimal;

use super::weights::{Group, Shares};

/// Places kept (a power of two): the ways projects of one sheet divide are few.
const SLOTS: usize = 64;

/// The shares kept by their groups' identity.
#[derive(Default)]
pub(super) struct RecentShares {
    slots: Vec<Option<Kept>>,
}

/// What one place keeps: what the shares were worked out from, and the shares.
struct Kept {
    budget: [u8; 16],
    groups: Vec<KeptGroup>,
    shares: Rc<Shares>,
}

impl Kept {
    /// Whether these shares were worked out for the budget's points `budget` (its bytes) and
    /// `groups`: every part equal.
    fn is_for(&self, budget: &[u8; 16], groups: &[Group]) -> bool {
        self.budget == *budget
            && self.groups.len() == groups.len()
            && self.groups.iter().zip(groups).all(|(k, g)| {
                k.open == g.open
                    && k.points == g.points.serialize()
                    && k.given == g.given.serialize()
                    && (std::ptr::eq(k.pool.as_ptr(), g.pool.as_ptr())
                        && k.pool.len() == g.pool.len()
                        || k.pool == g.pool)
            })
    }
}

/// A group as kept: its pool (its text compared), its decimals' bytes and its rows open.
struct KeptGroup {
    pool: Cow<'static, str>,
    points: [u8; 16],
    given: [u8; 16],
    open: usize,
}

/// The bytes of the budget's points as the memo's key has them (none: all `0xff`).
fn budget_bytes(budget: Option<Decimal>) -> [u8; 16] {
    budget.map_or([0xff; 16], |b| b.serialize())
}

impl RecentShares {
    /// The place of `budget` and `groups`: a hash of their numbers and their pools' lengths
    /// (not the pools' addresses: each reading holds its own copy of its rule's id).
    fn slot(budget: &[u8; 16], groups: &[Group]) -> usize {
        let mut h = rustc_hash::FxHasher::default();
        h.write_u128(u128::from_le_bytes(*budget));
        for g in groups {
            h.write_usize(g.pool.len());
            h.write_u128(u128::from_le_bytes(g.points.serialize()));
            h.write_u128(u128::from_le_bytes(g.given.serialize()));
            h.write_usize(g.open);
        }
        (h.finish() >> 32) as usize & (SLOTS - 1)
    }

    /// The shares kept for `budget` and `groups`, where every part is equal.
    pub fn get(&self, budget: Option<Decimal>, groups: &[Group]) -> Option<Rc<Shares>> {
        let bytes = budget_bytes(budget);
        let kept = self.slots.get(Self::slot(&bytes, groups))?.as_ref()?;
        kept.is_for(&bytes, groups).then(|| kept.shares.clone())
    }

    /// Keeps `shares`, worked out for `budget` and `groups`, in their place (in place of the
    /// one there before).
    pub fn keep(&mut self, budget: Option<Decimal>, groups: &[Group], shares: &Rc<Shares>) {
        if self.slots.is_empty() {
            self.slots.resize_with(SLOTS, || None);
        }
        let bytes = budget_bytes(budget);
        let slot = Self::slot(&bytes, groups);
        self.slots[slot] = Some(Kept {
            budget: bytes,
            groups: groups
                .iter()
                .map(|g| KeptGroup {
                    pool: g.pool.clone(),
                    points: g.points.serialize(),
                    given: g.given.serialize(),
                    open: g.open,
                })
                .collect(),
            shares: shares.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(pool: &'static str, points: i64, given: Decimal, open: usize) -> Group {
        Group {
            pool: Cow::Borrowed(pool),
            points: Decimal::from(points),
            given,
            open,
        }
    }

    #[test]
    fn shares_are_found_only_where_every_part_is_equal() {
        let mut recent = RecentShares::default();
        let groups = vec![
            group("a", 50, Decimal::ZERO, 3),
            group("b", 30, Decimal::new(5, 0), 2),
        ];
        let budget = Some(Decimal::TEN);
        assert!(recent.get(budget, &groups).is_none());
        let shares = Rc::new(super::super::weights::shares(budget, &groups));
        recent.keep(budget, &groups, &shares);
        let found = recent.get(budget, &groups).expect("kept");
        assert!(Rc::ptr_eq(&found, &shares));
        // the same pool's text at another address (each reading holds its own copy) is found
        let other = [String::from("a"), String::from("b")];
        let moved: Vec<Group> = groups
            .iter()
            .zip(&other)
            .map(|(g, p)| Group {
                pool: Cow::Owned(p.clone()),
                ..*g
            })
            .collect();
        let found = recent.get(budget, &moved).expect("found by text");
        assert!(Rc::ptr_eq(&found, &shares));
        // each part changed alone: never the kept shares
        let changed: Vec<(Option<Decimal>, Vec<Group>)> = vec![
            (None, groups.clone()),
            (Some(Decimal::new(100, 1)), groups.clone()),
            (budget, vec![groups[0].clone()]),
            (
                budget,
                vec![group("a", 50, Decimal::ZERO, 4), groups[1].clone()],
            ),
            (
                budget,
                vec![group("a", 51, Decimal::ZERO, 3), groups[1].clone()],
            ),
            (
                budget,
                vec![groups[0].clone(), group("b", 30, Decimal::new(50, 1), 2)],
            ),
            (
                budget,
                vec![group("c", 50, Decimal::ZERO, 3), groups[1].clone()],
            ),
        ];
        // (asked of the place's shares too: in another place a change is a miss whatever is
        // compared)
        let kept = recent.slots.iter().flatten().next().expect("one kept");
        for (b, g) in &changed {
            assert!(recent.get(*b, g).is_none(), "{b:?} {}", g.len());
            assert!(!kept.is_for(&budget_bytes(*b), g), "{b:?} {}", g.len());
        }
        assert!(kept.is_for(&budget_bytes(budget), &moved));
    }
}
