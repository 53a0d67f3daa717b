//! Two forms printed side by side on one sheet (A's form in columns A–G, B's in I–O, as a
//! page of two narrow forms is laid out to print on one sheet of paper): read one below the
//! other. Read as they stand, the grid's header named its columns from the left copy only, and
//! B's form was never read, without a word (the seventeenth probe).
//!
//! A sheet is two forms side by side where a grid header row (its roles as the grid header
//! reads them, the user's column names included: an indicator and a target column on each
//! side) repeats its first name further right, with the right copy starting at column `k`:
//! each row is cut at `k`, and the right parts follow the left ones as rows of their own, the
//! cells keeping where they were read from. Merges move with their cells (one across the cut
//! keeps its left part). Only where the cut leaves both sides a grid header; the finding
//! (`table.form-side-by-side`) names the column.

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::grid::{Merge, Row};

use super::words::Col;

/// The column where a second form starts beside the first, in the first grid header row that
/// repeats its first name to the right (`一级指标 … 得分 | | 一级指标 … 得分`), where each side
/// holds an indicator and a target column. `None` for a sheet of one form across.
pub(crate) fn cut(rows: &[Row]) -> Option<usize> {
    rows.iter().take(400).find_map(header_cut)
}

/// [`cut`] of one row.
fn header_cut(row: &Row) -> Option<usize> {
    let (c0, first) = row.filled().next()?;
    // the first name written again further right, as written (most rows end here, with no
    // allocation: every sheet's first rows are asked)
    let k = row
        .filled()
        .skip(1)
        .find(|(_, c)| *c.text == *first.text)
        .map(|(i, _)| i)?;
    // the header's roles as the grid's header reads them (the user's column names included)
    let roles = super::grid::grid_roles_all(row);
    if !roles.iter().any(|&(_, i)| i == c0) {
        return None;
    }
    let has = |right: bool, col: Col| roles.iter().any(|&(c, i)| c == col && (i >= k) == right);
    (has(false, Col::Indicator)
        && has(false, Col::Target)
        && has(true, Col::Indicator)
        && has(true, Col::Target))
    .then_some(k)
}

/// The rows cut at column `k`, the right parts after the left ones, and the merges moved with
/// their cells (`base`: the sheet row the first of `rows` is).
pub(crate) fn unfold<'a>(
    rows: &[Row<'a>],
    merges: &[Merge],
    base: usize,
    k: usize,
) -> (Vec<Row<'a>>, Vec<Merge>) {
    let n = rows.len();
    let side = |row: &Row<'a>, right: bool| Row {
        cells: if right {
            row.cells.get(k..).map_or_else(Vec::new, <[_]>::to_vec)
        } else {
            row.cells.iter().take(k).cloned().collect()
        },
        range: row.range.clone(),
    };
    let mut out: Vec<Row<'a>> = rows.iter().map(|r| side(r, false)).collect();
    out.extend(rows.iter().map(|r| side(r, true)));
    let moved = merges
        .iter()
        .filter_map(|m| {
            if m.cols.end <= k {
                Some(m.clone())
            } else if m.cols.start >= k && m.rows.start >= base {
                Some(Merge {
                    rows: m.rows.start + n..m.rows.end + n,
                    cols: m.cols.start - k..m.cols.end - k,
                })
            } else if m.cols.start < k {
                Some(Merge {
                    rows: m.rows.clone(),
                    cols: m.cols.start..k,
                })
            } else {
                None
            }
        })
        .collect();
    (out, moved)
}

/// `table.form-side-by-side`: the sheet's forms were read one below the other, cut at column
/// `k` (counted from 0), noted at the first row.
pub(crate) fn note(ctx: &mut Ctx<'_>, rows: &[Row], k: usize) {
    let Some(first) = rows.first() else {
        return;
    };
    let f = ctx
        .finding(
            codes::FORM_SIDE_BY_SIDE,
            Severity::Info,
            ctx.row_location(first),
            format!(
                "这张工作表上两张表单左右并排：第 {} 列（{} 列）起是另一张，分开读取（右边的一张接在左边的之后）",
                k + 1,
                letters(k)
            ),
        )
        .label("并排的表单");
    ctx.findings.push(f);
}

/// The column letters of column `k` (counted from 0: `A`, …, `Z`, `AA`).
fn letters(k: usize) -> String {
    let addr = crate::source::CellAddr {
        row: 1,
        col: u32::try_from(k + 1).unwrap_or(u32::MAX),
    };
    addr.a1().trim_end_matches('1').to_owned()
}
