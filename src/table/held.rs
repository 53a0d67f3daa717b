//! A workbook figure shown with fewer decimals than its cell holds, read per column role (issue
//! 27): the **target** (年度指标值) and the **actual** (实际完成值) are scored on the value the
//! cell holds, every other figure as the sheet shows it.
//!
//! `formats::number_format` reads a plain figure as shown (`99.6` in the format `0` reads
//! `100`) and a percentage as held (`0.955` in `0%` reads `95.5%`), and notes the other of
//! the two at the cell (`CellNote::RoundedShown`, `CellNote::Rounded`). Whose figure a cell is
//! is the layouts' to say, and they say it in each indicator's places (`IndicatorSource`):
//! once they have read the document, `hold` looks up each such note among the indicators'
//! target and actual cells.
//! - **A target or an actual** is the value held: `100` shown over `99.6` held does not meet
//!   `≥100人`, and a pass on the figure printed would be a confident wrong pass. The row's text
//!   takes the held figure where the shown one is, once (a target joined from 指标性质 | 指标值
//!   | 度量单位, `≥` `100` `人`, reads `≥99.6人`); a percentage was read held already. Each is
//!   kept in [`Document::held`] with the text the sheet shows, so that evaluation can say
//!   whether the verdict or the score would differ (`eval::held`: a warning beside the
//!   indicator where it would, a note where not); the reader's own finding is a note
//!   (`table.display-rounded`) naming both. A row whose text does not hold the shown figure
//!   exactly once (the layouts rewrote it) keeps the figure shown, with a warning saying so.
//! - **A 计划数** (the base of a relative target) is read held the same way (`plan_held`), and
//!   **the 全年预算数 and 全年执行数 of a form or of a flat sheet's budget row** (the budget
//!   execution it is scored on: `hold_budgets`; the flat sheet's since the seventeenth probe).
//! - **分值, 得分, a flat sheet's amounts on indicator rows** (and every cell of no indicator) are
//!   read as shown, as before: a form prints its scores and amounts rounded, and its printed
//!   sums (the 分值 adding to 100, the 得分 to the printed total, the units' budgets to 合计)
//!   are sums of what it prints; read held, a form whose printed sums agree would be named as
//!   disagreeing. The note at the cell names the value held.
//!
//! Cost: nothing where a workbook has no such note (every text input); otherwise one pass over
//! the indicators, each a hash look-up.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::codes;
use crate::finding::{Finding, Severity};
use crate::table::formats::number_format::CellNote;
use crate::table::model::{Document, IndicatorRow, RowText};
use crate::table::source::Location;

/// Which of an indicator's figures a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FigureRole {
    /// 年度指标值.
    Target,
    /// 实际完成值.
    Actual,
    /// 计划数 / 上年实际 (the base of a relative target). Its [`HeldFigure::at`] is the row's
    /// target place, where evaluation looks it up; the cell is named in the reader's note.
    Plan,
}

impl FigureRole {
    /// The column's name, as messages say it.
    pub fn zh(self) -> &'static str {
        match self {
            FigureRole::Target => "年度指标值",
            FigureRole::Actual => "实际完成值",
            FigureRole::Plan => "计划数",
        }
    }
}

/// An indicator's target or actual read as the value its cell holds where the sheet shows it
/// rounded.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldFigure {
    /// The cell.
    pub at: Location,
    pub role: FigureRole,
    /// The row's text as read (the held figure in it).
    pub held_text: String,
    /// The row's text with the figure as the sheet shows it.
    pub shown_text: String,
    /// The cell's figure as shown (`100`) and as held (`99.6`).
    pub cell_shown: String,
    pub cell_held: String,
}

impl HeldFigure {
    /// `实际完成值显示为 100，单元格存值 99.6`.
    pub fn said(&self) -> String {
        format!(
            "{}显示为 {}，单元格存值 {}",
            self.role.zh(),
            self.cell_shown,
            self.cell_held
        )
    }
}

/// The rounded notes of `notes` that fall on an indicator's target or actual: those rows read
/// the value held ([`Document::held`], sorted by place), and the notes' findings are made here,
/// each in `made[i]` for the note `notes[i]` (`None`: the caller makes it as for any cell).
pub(crate) fn hold(doc: &mut Document, notes: &[(Location, CellNote)]) -> Vec<Option<Finding>> {
    let rounded: HashMap<usize, usize> = notes
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| matches!(n, CellNote::RoundedShown { .. } | CellNote::Rounded(_)))
        .map(|(i, (at, _))| (at.offset, i))
        .collect();
    let mut made = Vec::new();
    if rounded.is_empty() {
        return made;
    }
    made.resize_with(notes.len(), || None);
    let source = &doc.source;
    let mut held = Vec::new();
    // the rounded notes by place, for the plan cells (`plan_held`)
    let mut by_offset: Vec<(usize, usize)> = rounded.iter().map(|(&o, &i)| (o, i)).collect();
    by_offset.sort_unstable();
    for row in doc
        .units
        .iter_mut()
        .flat_map(|u| u.projects.iter_mut())
        .flat_map(|p| p.indicators.iter_mut())
    {
        // (a plan is taken by `plan_held`)
        let places = [
            (
                FigureRole::Target,
                Some(row.at.target()),
                Some(&mut row.target),
            ),
            (FigureRole::Actual, row.at.actual(), row.actual.as_mut()),
        ];
        for (role, at, text) in places {
            // (a row without a target cell is placed at its name, zero bytes long)
            let Some(&i) = at
                .filter(|at| at.len > 0)
                .and_then(|at| rounded.get(&at.offset))
            else {
                continue;
            };
            let (at, note) = &notes[i];
            let value = source.slice(at);
            let (cell_shown, cell_held) = match note {
                CellNote::RoundedShown { held } => (value.to_owned(), held.clone()),
                CellNote::Rounded(shown) => (shown.clone(), value.to_owned()),
                _ => continue,
            };
            let mut figure = HeldFigure {
                at: *at,
                role,
                held_text: String::new(),
                shown_text: String::new(),
                cell_shown,
                cell_held,
            };
            let read_held = matches!(note, CellNote::Rounded(_));
            let finding = if take_held(text, &mut figure, read_held) {
                let f = Finding::at_location(
                    codes::DISPLAY_ROUNDED,
                    Severity::Info,
                    source,
                    *at,
                    format!("{}，按存值评分", figure.said()),
                )
                .label("按存值评分");
                held.push(figure);
                f
            } else if read_held {
                // a percentage reads held all the same: the cell's own note, as before
                continue;
            } else {
                Finding::at_location(
                    codes::DISPLAY_ROUNDED,
                    Severity::Warning,
                    source,
                    *at,
                    format!(
                        "{}；这一行的{}不能按存值改写，按显示值评分，请核对舍入",
                        figure.said(),
                        role.zh()
                    ),
                )
                .label("按显示值评分")
            };
            made[i] = Some(finding);
        }
        if let Some((i, figure)) = plan_held(row, notes, &by_offset, source) {
            made[i] = Some(
                Finding::at_location(
                    codes::DISPLAY_ROUNDED,
                    Severity::Info,
                    source,
                    notes[i].0,
                    format!("{}，按存值评分", figure.said()),
                )
                .label("按存值评分"),
            );
            held.push(figure);
        }
    }
    held.sort_by_key(|h: &HeldFigure| (h.at.offset, h.role));
    doc.held = held;
    hold_budgets(doc, notes, &rounded, &mut made);
    made
}

/// A budget line's 全年预算数 or 全年执行数 shown rounded (`99.6` in the format `0` shows
/// `100`): the line reads the value held, as a target or an actual does. Read as shown, 99.6
/// spent of a budget of 100 was an execution of 100 % and the budget row's full points; a pass
/// on the figure printed. The finding says both figures: a warning where the execution rate (capped at
/// 100 %) differs, so the budget row's points would, a note where not. The cells are the
/// line's (`BudgetLine::cells`): a form's amounts, a flat sheet's budget row's 全年预算数 and
/// 全年执行数 columns or a 预算执行率 row's target and actual, alike.
fn hold_budgets(
    doc: &mut Document,
    notes: &[(Location, CellNote)],
    rounded: &HashMap<usize, usize>,
    made: &mut [Option<Finding>],
) {
    let source = &doc.source;
    for (unit, p) in doc
        .units
        .iter_mut()
        .flat_map(|u| u.projects.iter_mut().map(|p| (u.name.as_str(), p)))
    {
        let Some(line) = p.budget.as_mut() else {
            continue;
        };
        let cells = line.cells;
        let shown_line = [line.budget, line.spent];
        let mut said = Vec::new();
        for (k, cell) in cells.iter().enumerate() {
            let Some(&i) = cell.and_then(|at| rounded.get(&at.offset)) else {
                continue;
            };
            let (at, CellNote::RoundedShown { held }) = &notes[i] else {
                continue;
            };
            let shown = source.slice(at);
            let amount = if k == 0 {
                &mut line.budget
            } else {
                &mut line.spent
            };
            // the amount as read may be in another money unit than the cell's (元 into 万元):
            // scaled by what the held figure is of the shown one
            let value = (|| {
                let s = crate::table::amount::parse_number(shown).ok()??;
                let h = crate::table::amount::parse_number(held).ok()??;
                (*amount)?.checked_mul(h)?.checked_div(s)
            })();
            let Some(value) = value else {
                continue;
            };
            *amount = Some(value);
            let what = ["全年预算数", "全年执行数"][k];
            said.push((i, format!("{what}显示为 {shown}，单元格存值 {held}")));
        }
        if said.is_empty() {
            continue;
        }
        let rate = |b: Option<Decimal>, s: Option<Decimal>| {
            let r = s?.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(b?)?;
            Some(r.min(Decimal::ONE_HUNDRED))
        };
        let (now, before) = (
            rate(line.budget, line.spent),
            rate(shown_line[0], shown_line[1]),
        );
        let pct = |r: Option<Decimal>| {
            r.map_or("—".to_owned(), |r| {
                format!("{}%", r.round_dp(2).normalize())
            })
        };
        // the rates as the message gives them: equal there, the points are equal to the cent
        let same = now.map(|r| r.round_dp(2)) == before.map(|r| r.round_dp(2));
        for (i, what) in said {
            let at = notes[i].0;
            let f = match same {
                true => Finding::at_location(
                    codes::DISPLAY_ROUNDED,
                    Severity::Info,
                    source,
                    at,
                    format!("{what}，按存值计算预算执行率（{}，与按显示值相同）", pct(now)),
                )
                .label("按存值计算"),
                false => Finding::at_location(
                    codes::DISPLAY_ROUNDED,
                    Severity::Warning,
                    source,
                    at,
                    format!(
                        "{what}，按存值计算预算执行率为 {}；按显示值将为 {}，预算执行率得分随之不同，请核对哪一个是本意",
                        pct(now),
                        pct(before)
                    ),
                )
                .label("显示值与存值执行率不同"),
            };
            made[i] = Some(f.in_project(unit, &p.name));
        }
    }
}

/// The 计划数 of `row` read held, where a rounded note in its row shows exactly its text and
/// is no target or actual cell (`by_offset`: the rounded notes' places and indices, sorted): the
/// note's index and the figure. The plan is the base of a relative target (`较上年增长≥5%`):
/// 104.8 against 99.6 shown `100` is +4.8 % as shown, +5.2 % held. One such note only; two
/// (another rounded cell of the row showing the same text) leave it as shown, the cells noted.
fn plan_held(
    row: &mut IndicatorRow,
    notes: &[(Location, CellNote)],
    by_offset: &[(usize, usize)],
    source: &crate::table::source::SourceText,
) -> Option<(usize, HeldFigure)> {
    let plan = row.plan.as_deref()?.trim();
    let item = row.at.item();
    let taken = [Some(row.at.target()), row.at.actual()].map(|a| a.map(|a| a.offset));
    let from = by_offset.partition_point(|&(o, _)| o < item.offset);
    let mut found = by_offset[from..]
        .iter()
        .take_while(|&&(o, _)| o < item.offset + item.len)
        .filter(|&&(o, _)| !taken.contains(&Some(o)))
        .filter(|&&(_, i)| source.slice(&notes[i].0).trim() == plan);
    let &(_, i) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let CellNote::RoundedShown { held } = &notes[i].1 else {
        return None;
    };
    let figure = HeldFigure {
        at: row.at.target(),
        role: FigureRole::Plan,
        held_text: held.clone(),
        shown_text: plan.to_owned(),
        cell_shown: plan.to_owned(),
        cell_held: held.clone(),
    };
    row.plan = Some(std::sync::Arc::from(held.as_str()));
    Some((i, figure))
}

/// `figure` read held: the row's text of it (`slot`, its target or actual; `None` where the row
/// has none) given the held figure where the shown one is (`read_held`: the row reads it held
/// already, a percentage), and `figure` its two texts; `false` (nothing changed) where there is
/// no text or it holds the figure it replaces other than once.
fn take_held(slot: Option<&mut RowText>, figure: &mut HeldFigure, read_held: bool) -> bool {
    let Some(slot) = slot else {
        return false;
    };
    let text: &str = slot;
    let (from, to) = match read_held {
        true => (&figure.cell_held, &figure.cell_shown),
        false => (&figure.cell_shown, &figure.cell_held),
    };
    if from.is_empty() || text.matches(from.as_str()).count() != 1 {
        return false;
    }
    let other = text.replacen(from.as_str(), to, 1);
    let (held_text, shown_text) = match read_held {
        true => (text.to_owned(), other),
        false => (other, text.to_owned()),
    };
    if !read_held {
        *slot = RowText::from(held_text.as_str());
    }
    figure.held_text = held_text;
    figure.shown_text = shown_text;
    true
}

/// The held figure of `doc` at `at` in the role `role` whose row reads `text` (`held`: sorted
/// by place, as `hold` leaves it).
pub fn held_at<'h>(
    held: &'h [HeldFigure],
    at: Option<Location>,
    role: FigureRole,
    text: Option<&str>,
) -> Option<&'h HeldFigure> {
    let (at, text) = (at?, text?);
    let from = held.partition_point(|h| (h.at.offset, h.role) < (at.offset, role));
    held[from..]
        .iter()
        .take_while(|h| h.at.offset == at.offset && h.role == role)
        .find(|h| h.held_text == text)
}
