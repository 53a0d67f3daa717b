//! The lean row path of the streamed evaluation (issue 28), its first part: a row's *shape*
//! (what of it does not depend on its project: its indicator, category, subcategory, target and
//! actual) found by one hash of the row's cells in a table of slots per worker, and holding in
//! one record its reading and, at the last few weights it was scored on, its scoring and the
//! rule list its line shows. A row whose shape is known skips the readings memo's lookups (its
//! facts' entry, then its actual among the entry's) and the outcome memo's (the figure read,
//! the plain pass or last outcome asked), and its rule list is not put together again.
//!
//! Only where the answer is the general path's by construction: the rules read nothing of a
//! row but those cells (no project, unit, department or weight), the memos are on, the row is
//! not a long project's, has no plan and no entry in an actuals file, is scored on its own
//! scale and applies. Everything else takes the general path unchanged. `JIXIAO_LEAN=0` (read
//! once) turns the lean path off, so that a test can run both and compare the bytes.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use super::evaluate::Options;
use super::indicator::{Scored, Scoring};
use super::memo::{self, ParseCache, RulesLine};
use super::reading::{Around, Reading};
use crate::rules::RuleSet;
use crate::rules::conditions::FieldsRead;
use crate::rules::expr::Field;
use crate::table::model::IndicatorRow;

/// Whether the lean path is on: unless `JIXIAO_LEAN=0`, read once.
pub(super) fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("JIXIAO_LEAN").is_none_or(|v| v != "0"))
}

/// Whether rows read with these rules may be found by their shape: the rules read nothing of
/// a row but its cells (a reading then depends on nothing else).
pub(super) fn applies(reads: FieldsRead) -> bool {
    ![Field::Project, Field::UnitName, Field::Department, Field::Weight]
        .into_iter()
        .any(|f| reads.contains(f))
}

/// The shapes met by one worker, each in the slot its hash chooses (in place of the one there
/// before: bounded, [`SLOTS`] at most).
#[derive(Default)]
pub(super) struct Shapes {
    slots: Vec<Option<Rc<Shape>>>,
    /// Whether shapes are used for this evaluation's rules, once asked.
    pub(super) applies: Option<bool>,
    key: Vec<u8>,
}

/// Slots of [`Shapes`] (a power of two): a generated sheet has a few hundred indicators and
/// targets, each with a few actuals; one whose actuals rarely repeat replaces its slots.
const SLOTS: usize = 8192;

/// Weights a shape keeps its scoring at (a project's shares of its categories' points).
const WEIGHTS: usize = 4;

/// A row's shape: its cells as a key, its reading, its scorings at the last weights.
pub(super) struct Shape {
    hash: u64,
    key: Box<[u8]>,
    reading: Rc<Reading>,
    at: RefCell<Vec<AtWeight>>,
    /// The next of `at` to replace once full.
    next: std::cell::Cell<usize>,
}

/// A shape's scoring at one weight (exact bytes), and the rule list its line showed last with
/// the weight's rule.
struct AtWeight {
    weight: [u8; 16],
    scoring: Rc<Scoring>,
    rules: Option<RulesLine>,
}

/// The cells of `row` that make its shape, with the actual it is scored with.
#[inline]
fn parts<'r>(row: &'r IndicatorRow, actual: Option<&'r str>) -> [Option<&'r str>; 5] {
    [
        Some(&*row.name),
        row.category.as_deref(),
        row.subcategory.as_deref(),
        Some(&*row.target),
        actual,
    ]
}

/// The reading of `row` scored with `actual_text`, and its shape: found by the row's cells,
/// else read by the readings memo ([`ParseCache::reading`]) and kept as a new shape. `None`
/// for the shape where the lean path does not apply to the rules.
pub(super) fn reading(
    cache: &mut ParseCache,
    opts: &Options<'_>,
    row: &IndicatorRow,
    around: &Around<'_>,
    actual_text: Option<&str>,
    year: Option<i32>,
) -> (Rc<Reading>, Option<Rc<Shape>>) {
    if !cache.lean_applies(opts.rules) {
        return (cache.reading(opts, row, around, actual_text, year), None);
    }
    let parts = parts(row, actual_text);
    let hash = memo::hash_facts(&parts);
    let at = (hash >> (64 - SLOTS.trailing_zeros())) as usize;
    let shapes = cache.shapes();
    if shapes.slots.is_empty() {
        shapes.slots.resize_with(SLOTS, || None);
    }
    if let Some(shape) = &shapes.slots[at]
        && shape.hash == hash
        && memo::rest_of(&shape.key, &parts).is_some_and(<[u8]>::is_empty)
    {
        return (shape.reading.clone(), Some(shape.clone()));
    }
    let reading = cache.reading(opts, row, around, actual_text, year);
    let shapes = cache.shapes();
    memo::key_of(&mut shapes.key, &parts);
    let shape = Rc::new(Shape {
        hash,
        key: shapes.key.as_slice().into(),
        reading: reading.clone(),
        at: RefCell::new(Vec::new()),
        next: std::cell::Cell::new(0),
    });
    shapes.slots[at] = Some(shape.clone());
    (reading, Some(shape))
}

/// The shape of `s` where its scoring is its shape's at its weight: scored on its own scale,
/// no plan, no actuals file's entry, applies.
#[inline]
fn scored_by_shape<'s>(s: &'s Scored<'_>) -> Option<&'s Shape> {
    let shape = s.shape.as_deref()?;
    let own_scale = s.method_weight.is_none_or(|m| m == s.weight);
    (own_scale && !s.not_applicable && s.entry.is_none() && s.row.plan.is_none()).then_some(shape)
}

/// The scoring of `s` kept with its shape at its weight, if any.
#[inline]
pub(super) fn scoring(s: &Scored<'_>) -> Option<Rc<Scoring>> {
    let shape = scored_by_shape(s)?;
    let weight = s.weight.serialize();
    let at = shape.at.borrow();
    at.iter()
        .find(|a| a.weight == weight)
        .map(|a| a.scoring.clone())
}

/// Keeps `scoring` of `s` with its shape at its weight ([`scoring`]), in place of the oldest.
pub(super) fn keep_scoring(s: &Scored<'_>, scoring: &Rc<Scoring>) {
    let Some(shape) = scored_by_shape(s) else {
        return;
    };
    let kept = AtWeight {
        weight: s.weight.serialize(),
        scoring: scoring.clone(),
        rules: None,
    };
    let mut at = shape.at.borrow_mut();
    if at.len() < WEIGHTS {
        at.push(kept);
    } else {
        let next = shape.next.get();
        shape.next.set((next + 1) % WEIGHTS);
        at[next] = kept;
    }
}

/// The rule list of the line of `s` scored as `scoring`, kept with its shape where `scoring`
/// is the one kept at its weight and the weight's rule is the same.
#[inline]
pub(super) fn rules(
    s: &Scored<'_>,
    scoring: &Rc<Scoring>,
) -> Option<Arc<[std::borrow::Cow<'static, str>]>> {
    let shape = s.shape.as_deref()?;
    let at = shape.at.borrow();
    let kept = at.iter().find(|a| Rc::ptr_eq(&a.scoring, scoring))?;
    match &kept.rules {
        Some((rule, list)) if same(rule.as_deref(), s.weight_rule.as_deref()) => {
            Some(list.clone())
        }
        _ => None,
    }
}

/// Keeps the rule list of the line of `s` scored as `scoring` with its shape ([`rules`]).
pub(super) fn keep_rules(
    s: &Scored<'_>,
    scoring: &Rc<Scoring>,
    list: &Arc<[std::borrow::Cow<'static, str>]>,
) {
    let Some(shape) = s.shape.as_deref() else {
        return;
    };
    let mut at = shape.at.borrow_mut();
    if let Some(kept) = at.iter_mut().find(|a| Rc::ptr_eq(&a.scoring, scoring)) {
        kept.rules = Some((s.weight_rule.clone(), list.clone()));
    }
}

/// Whether two rule ids are the same: by address, then by text.
#[inline]
fn same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()) || a == b,
        (None, None) => true,
        _ => false,
    }
}

impl ParseCache {
    /// Whether shapes are used for these rules ([`applies`]), worked out once.
    pub(super) fn lean_applies(&mut self, rules: &RuleSet) -> bool {
        if let Some(a) = self.shapes().applies {
            return a;
        }
        let a = enabled() && !self.is_off() && applies(self.reads_of(rules));
        self.shapes().applies = Some(a);
        a
    }
}
