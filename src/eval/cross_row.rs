//! Conditions on another row of the same project (`other_row:`, contract §6): which rows a fact of
//! another row limits, worked out once a project's rows are read and weighted, before any is
//! scored, so the limit is in the row's score, its note, the re-check against the sheet and the
//! total alike. Runs only where a rule names such a condition: other projects pay nothing.
//!
//! Decided here: "another row" is any other row of the project (its order does not matter); a
//! row that waits for a person keeps waiting, with a note of the limit it will meet; of several
//! limits the lowest share stands.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::indicator::Scored;
use super::reading::Around;
use crate::lang::{self, Context, Quantity, Target};
use crate::rules::RuleSet;
use crate::rules::keys::other_row::OtherRow;

/// A limit on a row's points from another row.
#[derive(Debug, Clone)]
pub(super) struct Limit {
    pub rule: Cow<'static, str>,
    pub share: Decimal,
    pub message: String,
    /// The other row's indicator.
    pub other: String,
}

/// The limit on each of `rows` (same order), where an `other_row:` rule holds.
pub(super) fn limits(
    rules: &RuleSet,
    rows: &[Scored<'_>],
    around: &Around<'_>,
    year: Option<i32>,
) -> Vec<Option<Limit>> {
    if !rules.has_other_row_rules() {
        return Vec::new();
    }
    let figures: Vec<Option<Quantity>> = rows
        .iter()
        .map(|s| s.actual_text.and_then(|t| figure(&s.row.name, t, year)))
        .collect();
    let facts = |i: usize| rows[i].facts(around, figures[i].as_ref());
    // each rule's condition on the other row depends on that row alone: the first two rows
    // where it holds are found once a rule, not once a row (the project's rows squared each
    // rule: 3,000 rows took 2.6 s a rule, debug)
    let mut holding: rustc_hash::FxHashMap<*const OtherRow, [Option<usize>; 2]> =
        rustc_hash::FxHashMap::default();
    let mut out = Vec::with_capacity(rows.len());
    for (i, s) in rows.iter().enumerate() {
        let mut limit: Option<Limit> = None;
        if !s.not_applicable {
            for d in rules.apply(facts(i)).other_rows() {
                let key: *const OtherRow = d.value;
                let first_two = *holding.entry(key).or_insert_with(|| {
                    let mut found = (0..rows.len())
                        .filter(|&j| !rows[j].not_applicable)
                        .filter(|&j| rules.other_row_holds(d.value, facts(j)));
                    [found.next(), found.next()]
                });
                let other = first_two.into_iter().flatten().find(|&j| j != i);
                if let Some(j) = other
                    && limit.as_ref().is_none_or(|l| d.value.share < l.share)
                {
                    limit = Some(Limit {
                        rule: d.rule.id.clone(),
                        share: d.value.share,
                        message: d.value.message.clone(),
                        other: rows[j].row.name.to_string(),
                    });
                }
            }
        }
        out.push(limit);
    }
    out
}

/// The figure an actual states (`1起`, `96%`), for conditions that compare it.
fn figure(indicator: &str, text: &str, year: Option<i32>) -> Option<Quantity> {
    let ctx = Context {
        indicator: Some(indicator),
        year,
        ..Context::default()
    };
    let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';']);
    match lang::parse(trimmed, &ctx).target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => Some(quantity),
        _ => None,
    }
}

/// The scoring of a row under `limit`: at most its share of `weight`, the note saying why (a
/// row that waits keeps waiting, the note saying what it will meet).
pub(super) fn limited(
    scoring: std::rc::Rc<super::indicator::Scoring>,
    weight: Decimal,
    limit: &Limit,
) -> std::rc::Rc<super::indicator::Scoring> {
    let cap = weight * limit.share;
    let mut o = scoring.outcome.clone();
    let why = format!(
        "{}（本项目“{}”，{}）",
        limit.message, limit.other, limit.rule
    );
    let mut bonus = scoring.bonus.clone();
    match o.score {
        Some(sc) if sc > cap => {
            o.score = Some(cap);
            bonus = None;
            o.formula = format!("{}；{why}：至多得 {}", o.formula, super::score::n(cap));
        }
        Some(_) => o.formula = format!("{}；{why}：得分未超过 {}", o.formula, super::score::n(cap)),
        None => {
            o.formula = format!(
                "{}；{why}：评定后至多得 {}",
                o.formula,
                super::score::n(cap)
            )
        }
    }
    o.rules.push(limit.rule.clone());
    let mut out = super::indicator::Scoring::new(o);
    out.flags = scoring.flags.clone();
    out.vetoes = scoring.vetoes.clone();
    out.bonus = bonus;
    std::rc::Rc::new(out)
}

/// The limit as a finding beside the project's total.
pub(super) fn finding(
    limit: &Limit,
    indicator: &str,
    file: &str,
    unit: &str,
    project: &str,
) -> crate::finding::Finding {
    crate::finding::Finding::of_rule(
        limit.rule.clone(),
        crate::finding::Severity::Warning,
        file,
        format!(
            "指标“{indicator}”：{}（本项目“{}”满足条件），至多得其分值的 {}%",
            limit.message,
            limit.other,
            (limit.share * Decimal::ONE_HUNDRED).normalize()
        ),
    )
    .in_project(unit, project)
    .indicator(indicator)
}
