//! An indicator whose target or actual is scored on the value its workbook cell holds where
//! the sheet shows it rounded (`table::held`): scored again with the figures as shown, and
//! said beside the indicator — a **warning** where the verdict (达标 / 未达标 …) or the score
//! shown would differ (`99.6` shown `100` against `≥100人`: 未达标 held, 达标 shown), a note
//! where they would not. Code `table.display-rounded`, as the cell's own note.
//!
//! Cost: nothing for a table with no such figure (every text input): the row's look-up is
//! asked only where the document holds some.

use std::borrow::Cow;

use super::evaluate::Options;
use super::indicator::{self, Scored};
use super::memo::ParseCache;
use super::reading::Around;
use super::score::Outcome;
use crate::codes;
use crate::finding::{Finding, Severity};
use crate::table::held::{FigureRole, HeldFigure, held_at};
use crate::table::model::IndicatorRow;
use crate::table::source::SourceText;

/// What the finding says of a project (its file, source, unit and project names).
pub(super) struct Place<'a> {
    pub file: &'a str,
    pub source: &'a SourceText,
    pub unit: &'a str,
    pub project: &'a str,
}

/// The finding on `s`, scored to `outcome`, where its target or its actual is a figure held
/// (`held`, the document's); `None` where neither is.
#[allow(clippy::too_many_arguments)]
pub(super) fn finding(
    held: &[HeldFigure],
    s: &Scored<'_>,
    outcome: &Outcome,
    place: &Place<'_>,
    (around, year): (&Around<'_>, Option<i32>),
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> Option<Finding> {
    let row = s.row;
    let target = held_at(
        held,
        Some(row.at.target()),
        FigureRole::Target,
        Some(&row.target),
    );
    // the row's own actual, where it is the one scored (not the actuals file's)
    let own_actual = row.actual.as_deref().filter(|a| {
        s.actual_text
            .is_some_and(|t| std::ptr::eq(t.as_ptr(), a.as_ptr()))
    });
    let actual = held_at(held, row.at.actual(), FigureRole::Actual, own_actual);
    // the form's own 计划数 (not the actuals file's), kept at the target's place
    let plan = held_at(
        held,
        Some(row.at.target()),
        FigureRole::Plan,
        row.plan.as_deref(),
    );
    if target.is_none() && actual.is_none() && plan.is_none() {
        return None;
    }
    // the row again with the figures shown
    let mut shown_row: IndicatorRow = row.clone();
    if let Some(t) = target {
        shown_row.target = t.shown_text.as_str().into();
    }
    if let Some(a) = actual {
        shown_row.actual = Some(a.shown_text.as_str().into());
    }
    if let Some(p) = plan {
        shown_row.plan = Some(std::sync::Arc::from(p.shown_text.as_str()));
    }
    let actual_text = match actual {
        Some(a) => Some(a.shown_text.as_str()),
        None => s.actual_text,
    };
    let reading = cache.reading(opts, &shown_row, around, actual_text, year);
    let shown = Scored {
        row: &shown_row,
        entry: s.entry,
        reading,
        actual_text,
        weight: s.weight,
        weight_rule: s.weight_rule.clone(),
        not_applicable: s.not_applicable,
        method_weight: s.method_weight,
    };
    let other = indicator::scoring(&shown, around, year, opts, cache);
    let m = opts.methodology;
    let score = |o: &Outcome| o.score.map(|v| m.show(v));
    let differs =
        other.outcome.verdict != outcome.verdict || score(&other.outcome) != score(outcome);
    let said: Vec<String> = [target, actual, plan]
        .into_iter()
        .flatten()
        .map(HeldFigure::said)
        .collect();
    let said = said.join("；");
    let (severity, message) = match differs {
        true => (
            Severity::Warning,
            format!(
                "指标“{}”：{said}，按存值评分为{}；按显示值评分将为{}，请核对哪一个是本意",
                row.name,
                result(outcome, &score),
                result(&other.outcome, &score),
            ),
        ),
        false => (
            Severity::Info,
            format!(
                "指标“{}”：{said}，按存值评分（按显示值评分结论与得分相同）",
                row.name
            ),
        ),
    };
    let at = actual.or(target).or(plan).map(|h| h.at)?;
    Some(
        Finding::new(codes::DISPLAY_ROUNDED, severity, place.file, message)
            .located(place.source, at)
            .label(Cow::Borrowed(match differs {
                true => "显示值与存值评分不同",
                false => "按存值评分",
            }))
            .in_project(place.unit, place.project),
    )
}

/// `未达标（得 9.96 分）`: a verdict and its score, where it has one.
fn result(o: &Outcome, score: &dyn Fn(&Outcome) -> Option<rust_decimal::Decimal>) -> String {
    match score(o) {
        Some(v) => format!("{}（得 {} 分）", o.verdict.zh(), v.normalize()),
        None => o.verdict.zh().to_owned(),
    }
}
