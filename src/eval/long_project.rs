//! A long project's rows weighed without holding each row's reading (issue 27: one project
//! of 30 MB streamed peaked at 1 GB). A project's rows are all read before any is scored, since
//! the weights need them all (§8.2: the categories present share the points); each row's
//! reading (its target read, its decisions, the texts and lines kept with it) was held by its
//! row until the project was scored, some 2 KB a row whose indicator is written once in the
//! sheet. Weighing reads only two parts of a reading: the pool of points its category shares
//! and the weight a rule gives it. So the rows of a long project hold, while they are weighed,
//! the first reading of each way of weighing (those two parts equal: a few a project), and
//! each row is read again when it is scored (the memo finds the rows read alike; the others are
//! read afresh: time traded for memory, in long projects only). What is scored and written is
//! what the rows' own readings give: the reading is the same for the same row and facts.
//!
//! Not where a rule reads the weight (the rows are read again with the weight they get) or the
//! project's other rows (`other_row:`, which reads every row's reading at once): those keep
//! every reading, as before.

use std::rc::Rc;

use rust_decimal::Decimal;

use super::memo::ParseCache;
use super::reading::Reading;
use crate::rules::RuleSet;

/// Rows from which a project is long (its rows' readings not all held while it is weighed):
/// below it, what the readings hold is small beside the project's rows.
pub(super) const ROWS: usize = 4096;

/// Whether a project of `rows` rows is weighed as a long one under `rules`.
pub(super) fn is_long(rows: usize, cache: &mut ParseCache, rules: &RuleSet) -> bool {
    rows >= cache.long_project_rows() && !cache.reads_weight(rules) && !rules.has_other_row_rules()
}

/// Ways of weighing kept at most.
const KEPT: usize = 64;

/// The readings a long project's rows hold while weighed: the first of each way of weighing.
#[derive(Default)]
pub(super) struct Weighing {
    kept: Vec<Rc<Reading>>,
}

impl Weighing {
    /// The reading the row read as `reading` holds while weighed: one kept that weighs it
    /// alike (its pool and its rule's weight equal, the decimals byte for byte), else itself,
    /// kept.
    pub fn share(&mut self, reading: Rc<Reading>) -> Rc<Reading> {
        if let Some(r) = self.kept.iter().find(|k| weighs_alike(k, &reading)) {
            return r.clone();
        }
        // (rules that weigh nearly every row apart: the rows keep their own, as before, not
        // a search through thousands a row)
        if self.kept.len() < KEPT {
            self.kept.push(reading.clone());
        }
        reading
    }
}

/// Whether `a` and `b` weigh a row alike: what [`weights`](super::weights) reads of a reading.
fn weighs_alike(a: &Reading, b: &Reading) -> bool {
    let same = |x: Decimal, y: Decimal| x.serialize() == y.serialize();
    let pool = match (&a.pool, &b.pool) {
        (Some((p, x)), Some((q, y))) => p == q && same(*x, *y),
        (None, None) => true,
        _ => false,
    };
    let rule_weight = match (&a.decisions.rule_weight, &b.decisions.rule_weight) {
        (Some((x, p)), Some((y, q))) => p == q && same(*x, *y),
        (None, None) => true,
        _ => false,
    };
    pool && rule_weight
}
