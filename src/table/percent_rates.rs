//! A percent cell showing past 150 % ([`CellNote::PercentWhole`]) judged by the indicator it
//! belongs to (issue 27): a whole number typed into a percent cell (`96` in `0.0%` shows
//! `9600.0%`: the percentage itself where the format wanted its fraction) or a real rate past
//! 150 % (a 执行率 of `1.6` in `0%`, `160%`).
//!
//! The cell is read as Excel shows it either way; what differs is what is said beside it:
//! - **An indicator's actual whose target is a percentage** (`≥90%`): the reading within a
//!   factor of 3 of the target is the one meant. `160%` against `≥90%` is a real rate: an info
//!   note, no warning; `9600.0%` against `≥90%` (96 % is within it) or `300.0%` against `≤5%` is
//!   a whole number typed: the warning, as before. Neither or both: a doubt, worded as one.
//! - **Any other percent cell** (a target, an actual whose target is no percentage, a cell of no
//!   indicator): shown at 1000 % or more (held 10 or more) the warning as before; from 150 % to
//!   1000 % a doubt (a rate of 250 % is as likely as 2.5 % typed whole).
//!
//! Cost: nothing where no cell has such a note; else one pass over the indicators.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::codes;
use crate::finding::{Finding, Severity};
use crate::table::formats::number_format::CellNote;
use crate::table::model::Document;
use crate::table::source::Location;

/// What a percent cell past 150 % reads as, judged by its indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    /// A real rate (within a factor of 3 of the target).
    Rate,
    /// A whole number typed into a percent cell: the reader's own warning.
    Whole,
    /// Either may be meant.
    Doubt,
}

/// The factor of the target within which a reading is taken to be the one meant.
const NEAR: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// Shown at this percentage or more, a percent cell of no percentage target holds a whole
/// number typed (held 10 or more: `96` shows `9600%`).
const WHOLE_FROM: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// The findings of the [`CellNote::PercentWhole`] notes of `notes`, each judged by the
/// indicator whose target or actual it is on, set in `made[i]` for the note `notes[i]`
/// (`None`: the reader's own warning, as before); `made` is grown to `notes`' length where
/// there is such a note.
pub(crate) fn judge(
    doc: &Document,
    notes: &[(Location, CellNote)],
    made: &mut Vec<Option<Finding>>,
) {
    let whole: HashMap<usize, usize> = notes
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| matches!(n, CellNote::PercentWhole { .. }))
        .map(|(i, (at, _))| (at.offset, i))
        .collect();
    if whole.is_empty() {
        return;
    }
    if made.len() < notes.len() {
        made.resize_with(notes.len(), || None);
    }
    let mut seen = vec![false; notes.len()];
    for p in doc.units.iter().flat_map(|u| u.projects.iter()) {
        for row in &p.indicators {
            let places = [(row.at.actual(), true), (Some(row.at.target()), false)];
            for (at, actual) in places {
                let Some(&i) = at
                    .filter(|at| at.len > 0)
                    .and_then(|at| whole.get(&at.offset))
                else {
                    continue;
                };
                seen[i] = true;
                let target = actual.then(|| percent_of(&row.target)).flatten();
                made[i] = finding(doc, &notes[i], target.map(|t| (t, &*row.target)));
            }
        }
    }
    for &i in whole.values() {
        if !seen[i] && made[i].is_none() {
            made[i] = finding(doc, &notes[i], None);
        }
    }
}

/// The finding of one note judged against its indicator's percentage target (`target`: the
/// figure and the text), where it is not the reader's own warning.
fn finding(
    doc: &Document,
    (at, note): &(Location, CellNote),
    target: Option<(Decimal, &str)>,
) -> Option<Finding> {
    let CellNote::PercentWhole { held } = note else {
        return None;
    };
    let value = doc.source.slice(at);
    let shown = value
        .trim()
        .trim_end_matches(['%', '％'])
        .replace(['－', '−'], "-")
        .parse::<Decimal>()
        .ok()?;
    let (judged, said) = match target {
        Some((t, text)) => (against(shown, t), format!("（指标值 {text}）")),
        None if shown.abs() >= WHOLE_FROM => (Judged::Whole, String::new()),
        None => (Judged::Doubt, String::new()),
    };
    let (severity, message, label) = match judged {
        Judged::Whole => return None,
        Judged::Rate => (
            Severity::Info,
            format!(
                "单元格存 {held}，其百分比格式显示为 {value}{said}：与指标值相称，是实际比率，按显示值 {value} 读取"
            ),
            "实际比率",
        ),
        Judged::Doubt => (
            Severity::Warning,
            format!(
                "单元格存 {held}，其百分比格式显示为 {value}{said}：可能是实际比率 {value}，也可能是在百分比格式中填了百分数本身（{held} 表示 {held}%）；按显示值读取，请人工核对"
            ),
            "比率还是百分数？",
        ),
    };
    Some(
        Finding::at_location(
            codes::PERCENT_FORMAT_WHOLE_NUMBER,
            severity,
            &doc.source,
            *at,
            message,
        )
        .label(label),
    )
}

/// How a cell showing `shown` % reads against a target of `target` %: a rate where the shown
/// figure is within a factor of [`NEAR`] of the target, a whole number where the figure typed
/// (a hundredth of it) is, else a doubt. Figures of opposite signs (`200%` against `≤-80%`) or
/// a target of 0 are near neither way: a doubt. Two negatives are judged by their sizes.
fn against(shown: Decimal, target: Decimal) -> Judged {
    if target.is_zero() || shown.is_sign_negative() != target.is_sign_negative() {
        return Judged::Doubt;
    }
    let (shown, target) = (shown.abs(), target.abs());
    // (a product past the decimal range is past the other side: 5e26 in `0%` shows 5e28 %)
    let near = |x: Decimal| {
        x.checked_mul(NEAR).is_none_or(|x3| x3 >= target)
            && target.checked_mul(NEAR).is_none_or(|t3| x <= t3)
    };
    match (near(shown), near(shown / Decimal::ONE_HUNDRED)) {
        (true, false) => Judged::Rate,
        (false, true) => Judged::Whole,
        _ => Judged::Doubt,
    }
}

/// The first percentage a target writes, with its sign (`≥90%` is 90, `≤5％` 5, `≥-5%` and
/// `－5%` −5); `None` where it writes none. A dash between two figures (`1-5%`, `90%-95%`) is
/// a range's, not a sign.
fn percent_of(text: &str) -> Option<Decimal> {
    let mut start = None;
    let mut negative = false;
    let mut before = None;
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' | '.' => {
                if start.is_none() {
                    negative = matches!(before, Some('-' | '－' | '−'))
                        && !matches!(
                            text[..i].chars().rev().nth(1),
                            Some('0'..='9' | '.' | '%' | '％')
                        );
                    start = Some(i);
                }
            }
            '%' | '％' => {
                if let Some(s) = start {
                    let v: Decimal = text[s..i].parse().ok()?;
                    return Some(if negative { -v } else { v });
                }
            }
            _ => start = None,
        }
        before = Some(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_rate_is_judged_by_the_target_it_is_near() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 1.6 in `0%` against ≥90%: a rate of 160%; 96 against ≥90%: 96 typed whole
        assert_eq!(against(d("160"), d("90")), Judged::Rate);
        assert_eq!(against(d("9600"), d("90")), Judged::Whole);
        // 3 in `0.0%` against ≤5%: 3% typed whole; 2.5 against ≥10%: either
        assert_eq!(against(d("300"), d("5")), Judged::Whole);
        assert_eq!(against(d("250"), d("10")), Judged::Doubt);
        // past the decimal range times 3: far from the target, never a panic
        let big = d("50000000000000000000000000000");
        assert_eq!(against(big, d("90")), Judged::Doubt);
        assert_eq!(against(d("160"), big), Judged::Doubt);
        assert_eq!(percent_of("≥90%"), Some(d("90")));
        assert_eq!(percent_of("不低于95.5％"), Some(d("95.5")));
        assert_eq!(percent_of("≥0.96"), None);
        assert_eq!(percent_of("90%-95%"), Some(d("90")));
        // a sign kept (it was dropped: `≤-80%` read as 80 % judged `200%` a real rate near it)
        assert_eq!(percent_of("≤-80%"), Some(d("-80")));
        assert_eq!(percent_of("－5％"), Some(d("-5")));
        assert_eq!(percent_of("1-5%"), Some(d("5")));
        assert_eq!(percent_of("5%-10%"), Some(d("5")));
        assert_eq!(against(d("200"), d("-80")), Judged::Doubt);
        assert_eq!(against(d("-200"), d("-80")), Judged::Rate);
    }
}
