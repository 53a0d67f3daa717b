//! Which project a reader's warning concerns, told by where it is: a report carries the
//! warnings of its table (a hidden row, an actual merged over rows, a funds total that
//! disagrees with its parts, …) beside the project whose rows they are in, as it carries the
//! evaluation's own findings, so a user reading the report alone sees them (they were on
//! stderr, in `inspect` and on the page only). [`place`] gives each project its warnings,
//! keyed by its unit and name (as its report names it), and the rest apart (a note on a header
//! or above every project), for the report's own findings.
//!
//! Cost: nothing for a table without warnings; otherwise one pass over the projects' rows and
//! a binary search a warning.

use std::collections::HashMap;

use crate::finding::{Finding, Severity};
use crate::table::model::Document;

/// A table's warnings, placed.
#[derive(Debug, Default)]
pub struct Placed {
    /// Each project's warnings in table order, keyed by (unit, project) names.
    by_project: HashMap<(String, String), Vec<Finding>>,
    /// Warnings in no project's rows, in table order.
    pub loose: Vec<Finding>,
}

impl Placed {
    /// The warnings placed in the project `unit` / `project`, taken (a project given twice
    /// under one name gets them once).
    pub fn take(&mut self, unit: &str, project: &str) -> Vec<Finding> {
        if self.by_project.is_empty() {
            return Vec::new();
        }
        self.by_project
            .remove(&(unit.to_owned(), project.to_owned()))
            .unwrap_or_default()
    }

    /// Whether nothing is placed in a project.
    pub fn is_empty(&self) -> bool {
        self.by_project.is_empty()
    }
}

/// [`place`] of `doc`'s own findings, copied (the document keeps them); `None` where it has
/// no [`carried`] one (most blocks of a streamed sheet: nothing is done for them).
pub fn of_own(doc: &Document) -> Option<Placed> {
    // notes and errors only (most blocks that have findings at all): nothing placed, no pass
    // over the projects' rows
    if !doc.findings.iter().any(carried) {
        return None;
    }
    let placed = place(doc, doc.findings.iter().filter(|f| carried(f)).cloned());
    (!placed.is_empty() || !placed.loose.is_empty()).then_some(placed)
}

/// [`of_own`], the [`carried`] findings moved out of `doc` (its other findings stay, in their
/// order): a report that holds them beside its projects holds each once, not once as read and
/// once placed (a form of 32,000 warnings held both copies through its evaluation).
pub fn take_own(doc: &mut Document) -> Option<Placed> {
    if !doc.findings.iter().any(carried) {
        return None;
    }
    let (moved, kept): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut doc.findings)
        .into_iter()
        .partition(carried);
    doc.findings = kept;
    let placed = place(doc, moved);
    (!placed.is_empty() || !placed.loose.is_empty()).then_some(placed)
}

/// Adds to `findings` (a project's, after its own) the warnings `placed` on the rows of the
/// project `unit` / `project`.
pub fn give(
    placed: Option<&mut Placed>,
    (unit, project): (&str, &str),
    findings: &mut Vec<Finding>,
) {
    if let Some(placed) = placed {
        findings.extend(placed.take(unit, project));
    }
}

/// Whether a reader's finding goes into the report: a warning (errors go there already, first
/// among its findings; notes stay with `inspect`), but a form's `table.form-unchecked`, which
/// the project's own `eval.total-unchecked` says again in the same words.
pub fn carried(f: &Finding) -> bool {
    f.severity == Severity::Warning && f.code != crate::codes::FORM_UNCHECKED
}

/// The [`carried`] findings of `findings` placed in `doc`'s projects: a warning whose place is
/// on a row of a project (from the line of its first row to the end of the line of its last)
/// is that project's, and so is one below a per-project form's last row (its 其中 rows and
/// sums) before the next project on the same sheet; in a workbook, one above a sheet's first project (a hidden sheet's or
/// column's note is at its first filled cell, the header) goes with that project; the rest,
/// and warnings with no place, are [`Placed::loose`].
pub fn place(doc: &Document, findings: impl IntoIterator<Item = Finding>) -> Placed {
    let mut placed = Placed::default();
    let spans = spans(doc);
    let names: Vec<(&str, &str, bool)> = doc
        .projects()
        .map(|(u, p)| (u.name.as_str(), p.name.as_str(), p.form.is_some()))
        .collect();
    for f in findings.into_iter().filter(carried) {
        let at = f.at.map(|a| a.offset);
        let k = at.and_then(|o| {
            // the last project starting at or before `o`, where `o` is on one of its rows
            let i = spans.partition_point(|s| s.0 <= o);
            let inside = i
                .checked_sub(1)
                .filter(|&i| o < spans[i].1)
                .map(|i| spans[i].2);
            // a workbook's note above a sheet's first project: that project's
            let below = spans.get(i).filter(|s| {
                f.cell().is_some()
                    && (i == 0 || spans[i - 1].1 <= o)
                    && doc.source.sheet_at(s.0) == doc.source.sheet_at(o)
            });
            // a per-project form's rows below its last indicator (its 其中 rows, its 合计)
            // before the next project on the sheet: that form's
            let trailing = i
                .checked_sub(1)
                .map(|j| spans[j])
                .filter(|s| names[s.2].2 && doc.source.sheet_at(s.0) == doc.source.sheet_at(o))
                .map(|s| s.2);
            inside.or(trailing).or(below.map(|s| s.2))
        });
        match k {
            Some(k) => {
                let (u, p, _) = names[k];
                placed
                    .by_project
                    .entry((u.to_owned(), p.to_owned()))
                    .or_default()
                    .push(f);
            }
            None => placed.loose.push(f),
        }
    }
    placed
}

/// Each project's rows as a byte range of the source (the start of its first row's line to
/// the end of its last row's), with its place in table order; sorted by start.
fn spans(doc: &Document) -> Vec<(usize, usize, usize)> {
    let text = doc.source.text.as_bytes();
    let mut spans: Vec<(usize, usize, usize)> = doc
        .projects()
        .enumerate()
        .map(|(k, (_, p))| {
            let rows = p
                .indicators
                .iter()
                .map(|i| i.at.item())
                .chain(p.budget.as_ref().map(|b| b.at))
                .chain(p.form.as_ref().and_then(|f| f.total.as_ref()).map(|t| t.at))
                .chain([p.at, p.name_at]);
            let (mut lo, mut hi) = (usize::MAX, 0);
            for at in rows {
                lo = lo.min(at.offset);
                hi = hi.max(at.offset + at.len);
            }
            let lo = lo.min(text.len());
            let start = text[..lo]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |n| n + 1);
            let hi = hi.min(text.len()).max(start);
            let end = text[hi..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |n| hi + n);
            (start, end, k)
        })
        .collect();
    spans.sort_unstable();
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet with a warning on no project's rows (the header's second 实际完成值), one on
    /// project Q's row (a cell past the header) and a note (the unknown column).
    const SHEET: &str = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t实际完成值\t备考\n\
        P\t产出指标\t数量指标\t人数\t≥100人\t120人\t100\t\t\n\
        Q\t产出指标\t数量指标\t场次\t≥10场\t12场\t100\t\t\t多出的一格\n";

    #[test]
    fn taken_warnings_leave_the_document_and_are_placed_as_copied_ones_are() {
        let read = || {
            crate::table::read_str("sheet.tsv", SHEET, &crate::table::ReadOptions::default())
                .expect("reads")
        };
        let copied_from = read();
        let copied = of_own(&copied_from).expect("warnings to place");
        let mut doc = read();
        let before = doc.findings.clone();
        let mut taken = take_own(&mut doc).expect("warnings to place");
        // held once: the document keeps only what is not placed, in its order
        let kept: Vec<&Finding> = before.iter().filter(|f| !carried(f)).collect();
        assert_eq!(doc.findings.iter().collect::<Vec<_>>(), kept);
        assert!(!kept.is_empty() && doc.findings.len() < before.len());
        // placed alike
        assert_eq!(taken.loose, copied.loose);
        assert!(!taken.loose.is_empty());
        let mut copied = copied;
        let q = taken.take("", "Q");
        assert!(q.iter().any(|f| f.code == "table.extra-cells"), "{q:?}");
        assert_eq!(q, copied.take("", "Q"));
        assert_eq!(taken.take("", "P"), copied.take("", "P"));
        assert!(taken.is_empty() && copied.is_empty());
    }
}
