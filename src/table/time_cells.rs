//! A time-only workbook cell ([`CellNote::TimeShown`]: `0.5` in `h:mm` shows `12:00`) on an
//! indicator's actual whose target is a time (`≥8小时`, `≤30分钟`, `4秒`): read as the
//! duration it shows, in the target's unit (`12小时`), so that it is scored; before, it read
//! `1899-12-31T12:00` and went to a person (issue 27).
//!
//! Decisions: the target's unit is the smallest it writes of `秒`, `分钟`, `小时` (`分` alone
//! is a score's, never read as minutes), and a rate (`≥100件/分钟`, `每小时50人`) is no time; the duration is the one shown (whole days an `h`
//! drops are dropped, as the sheet shows them), in that unit where it has at most two
//! decimals, else in the smallest unit the cell shows (`740分钟`); a 12-hour clock (`AM/PM`)
//! is a time of day, never a duration. Any other time cell reads as shown (`8:15`), with the
//! reader's note. The row's actual is rewritten only where it is the cell's text as shown.
//!
//! Cost: nothing where no cell has such a note; else one pass over the indicators.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::codes;
use crate::finding::{Finding, Severity};
use crate::table::formats::number_format::CellNote;
use crate::table::formats::time_format::{Unit, duration_text};
use crate::table::model::{Document, RowText};
use crate::table::source::Location;

/// The time notes of `notes` on an indicator's actual whose target is a time: the row's actual
/// read as the duration shown, and the note's finding made here, in `made[i]` for the note
/// `notes[i]` (`made` grown to `notes`' length where there is such a note).
pub(crate) fn judge(
    doc: &mut Document,
    notes: &[(Location, CellNote)],
    made: &mut Vec<Option<Finding>>,
) {
    let times: HashMap<usize, usize> = notes
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| {
            matches!(
                n,
                CellNote::TimeShown {
                    duration: Some(_),
                    ..
                }
            )
        })
        .map(|(i, (at, _))| (at.offset, i))
        .collect();
    if times.is_empty() {
        return;
    }
    if made.len() < notes.len() {
        made.resize_with(notes.len(), || None);
    }
    let Document { source, units, .. } = doc;
    for row in units
        .iter_mut()
        .flat_map(|u| u.projects.iter_mut())
        .flat_map(|p| p.indicators.iter_mut())
    {
        let Some(&i) = row
            .at
            .actual()
            .filter(|at| at.len > 0)
            .and_then(|at| times.get(&at.offset))
        else {
            continue;
        };
        let Some(unit) = unit_of(&row.target) else {
            continue;
        };
        let (at, CellNote::TimeShown { held, duration }) = &notes[i] else {
            continue;
        };
        let Some((seconds, smallest)) = *duration else {
            continue;
        };
        let shown = source.slice(at).trim();
        let Some(actual) = row.actual.as_mut().filter(|a| a.trim() == shown) else {
            continue;
        };
        let text = duration_text(seconds, unit, smallest);
        *actual = RowText::from(text.as_str());
        // whole days an `h` (not `[h]`) does not show: the sheet's figure is not the value's
        let days_dropped = held
            .parse::<Decimal>()
            .ok()
            .and_then(|d| d.checked_mul(Decimal::from(86_400)))
            .is_some_and(|s| s - seconds >= Decimal::from(86_400 - 1));
        let (severity, dropped) = match days_dropped {
            true => (
                Severity::Warning,
                format!(
                    "；单元格存的值超过一天，时间格式不显示整天（按存的值为 {}），请核对",
                    duration_text(held_seconds(held), unit, smallest)
                ),
            ),
            false => (Severity::Info, String::new()),
        };
        made[i] = Some(
            Finding::at_location(
                codes::DISPLAY_TIME,
                severity,
                source,
                *at,
                format!(
                    "实际完成值显示为 {shown}（单元格存 {held}，以天计的时间），指标值 {} 是时长：按显示的时长读取为 {text}{dropped}",
                    &*row.target
                ),
            )
            .label("按时长读取"),
        );
    }
}

/// The seconds of a value held in days (`1.5` is 129,600), to the millisecond.
fn held_seconds(held: &str) -> Decimal {
    held.parse::<Decimal>()
        .ok()
        .and_then(|d| d.checked_mul(Decimal::from(86_400)))
        .map_or(Decimal::ZERO, |s| s.round_dp(3))
}

/// The unit of a target that is a time: the smallest it writes of 秒, 分钟, 小时. A rate
/// (`≥100件/分钟`, `每小时50人`, `≤3分钟/件`: a per-word or a slash) is no time, whatever units
/// it writes: a time cell against it reads as shown.
fn unit_of(target: &str) -> Option<Unit> {
    if target.contains(['/', '／', '每']) {
        return None;
    }
    if target.contains('秒') {
        Some(Unit::Second)
    } else if target.contains("分钟") {
        Some(Unit::Minute)
    } else if target.contains("小时") {
        Some(Unit::Hour)
    } else {
        None
    }
}
