//! A form's grid printed transposed: the indicators across, one a column, and the grid's
//! roles down its first column (`三级指标 | 培训人数 | 满意度`, `年度指标值 | ≥100人 | ≥90%`,
//! `实际完成值 | …`, `分值 | …`, `得分 | …`), as a narrow form of few indicators is sometimes
//! laid out. Read as it stands, no row is a grid header and the whole form was refused
//! (找不到表头行).
//!
//! A block of consecutive rows whose first cells, in one column, each name one grid role (that
//! cell alone in its row: a grid header names several), among them the indicator's and the
//! target's and at least one other, with values to their right, is turned a quarter: its first
//! cells become the grid's header row and each column to their right one indicator row, the
//! cells keeping where they were read from (a finding at one points at the form's own cell).
//! Rows above and below stay as they are; merges inside the block turn with it, those below
//! move with their rows. A 项目 row in the block (a flat sheet turned) is left unread as before:
//! its columns may be several projects. `table.form-transposed` says the reading was taken. A
//! user's name for a role (`--columns 三级指标=考核内容`) is read in the first column as in a
//! header row (the indicators' row was looked for by the built-in names only before).

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::columns::{Role, is_sheet_header_name};
use crate::table::grid::{Merge, Row};

use super::words::Col;

/// Where a transposed grid lies: its rows `rows` (indices into the sheet's rows) and the
/// column of its role names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub rows: std::ops::Range<usize>,
    pub col: usize,
}

/// The grid role named by `row`'s first filled cell, where that cell is the only one of the
/// row that names a role and a value follows it: the role and the cell's column.
fn role_label(row: &Row) -> Option<(Col, usize)> {
    let (c0, first) = row.filled().next()?;
    row.filled().nth(1)?;
    // the first cell alone first (most rows end here: a flat sheet's first rows are asked)
    if first.text.len() > 96 {
        return None;
    }
    if !super::is_grid_name(&crate::table::columns::alias(
        crate::table::columns::normalize(&first.text),
    )) {
        return year_label(row, c0, &first.text);
    }
    let roles = super::grid::grid_roles_all(row);
    match roles.as_slice() {
        [(role, at)] if *at == c0 => Some((*role, c0)),
        _ => None,
    }
}

/// A row of one year's targets or actuals (`2023年指标值`, `2024年指标值`, `2023年实际完成值`)
/// down the first column: the target's or the actual's role (which year is read is told once
/// the block is turned, as for such columns across: the year asked or the actuals', never the
/// latest alone), where no other cell of the row names a role.
#[cold]
#[inline(never)]
fn year_label(row: &Row, c0: usize, text: &str) -> Option<(Col, usize)> {
    use crate::table::layouts::periods::{actual_year, target_year};
    let role = if target_year(text).is_some() {
        Col::Target
    } else if actual_year(text).is_some() {
        Col::Actual
    } else {
        return None;
    };
    super::grid::grid_roles_all(row)
        .is_empty()
        .then_some((role, c0))
}

/// Whether the column map in force reads the header cell `text` as one of `names` (a name
/// the user gave one of them: `--columns 三级指标=考核内容`).
fn mapped_to(text: &str, names: &[&str]) -> bool {
    use crate::table::columns::{alias, normalize};
    text.len() <= 96 && names.contains(&alias(normalize(text)).as_str())
}

/// At most this many role rows stand above the indicators' in a block (a grid's columns).
const GRID_ROLES: usize = 16;

/// The first transposed grid of `rows` (within the first 400), if any.
pub(crate) fn find(rows: &[Row]) -> Option<Block> {
    let limit = rows.len().min(400);
    // a row whose first cell names the indicators (`三级指标`), told without a copy: a sheet
    // with none (every flat sheet read whole is asked) ends here
    let indicators = super::words::GRID
        .iter()
        .find(|(c, _)| *c == Col::Indicator)
        .map(|(_, names)| *names)?;
    // a user's name for the indicators (`--columns 三级指标=考核内容`) names them too
    let mapped = crate::table::columns::map_in_force();
    let named = rows[..limit].iter().position(|r| {
        r.filled().next().is_some_and(|(_, c)| {
            // (each name of the indicators' column has 指 or 评: one character's search first)
            (c.text.contains(['指', '评']) && super::words::is_one_of(&c.text, indicators))
                || (mapped && mapped_to(&c.text, indicators))
        })
    })?;
    // the block may start a few rows above it (一级指标, 二级指标 first)
    let mut i = named.saturating_sub(GRID_ROLES);
    while i < limit {
        let Some((role, col)) = role_label(&rows[i]) else {
            i += 1;
            continue;
        };
        let mut roles = vec![role];
        let mut end = i + 1;
        while end < rows.len()
            && let Some((role, c)) = role_label(&rows[end])
            && c == col
        {
            roles.push(role);
            end += 1;
        }
        let has = |r: Col| roles.contains(&r);
        let others = roles
            .iter()
            .filter(|r| !matches!(r, Col::Indicator | Col::Target))
            .count();
        if has(Col::Indicator) && has(Col::Target) && others >= 1 && !project_row(rows, i, end, col)
        {
            return Some(Block { rows: i..end, col });
        }
        i = end;
    }
    None
}

/// Whether a 项目 row in the block, or directly above it, names a project for each of the
/// block's columns, not all the same one (a flat sheet of several projects turned; a form's
/// `项目名称 | A项目 | | 主管部门 | …` label row is none).
fn project_row(rows: &[Row], start: usize, end: usize, col: usize) -> bool {
    let width = rows[start..end]
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    rows[start.saturating_sub(1)..end].iter().any(|row| {
        let is_label = row
            .filled()
            .next()
            .is_some_and(|(c, cell)| c == col && is_sheet_header_name(Role::Project, &cell.text));
        let values: Vec<&str> = (col + 1..width).map(|c| row.text(c)).collect();
        is_label && values.iter().all(|v| !v.is_empty()) && values.iter().any(|v| *v != values[0])
    })
}

/// The rows with the block turned a quarter (its column `col` the header row, each column to
/// its right an indicator row), and the merges turned or moved with their cells (`base`: the
/// sheet row the first of `rows` is).
pub(crate) fn turn<'a>(
    rows: &[Row<'a>],
    merges: &[Merge],
    base: usize,
    block: &Block,
) -> (Vec<Row<'a>>, Vec<Merge>) {
    let inside = &rows[block.rows.clone()];
    let width = inside.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let height = inside.len();
    let range = inside[0].range.clone();
    let mut out: Vec<Row<'a>> = rows[..block.rows.start].to_vec();
    for c in block.col..width {
        let cells = inside
            .iter()
            .map(|r| match r.cell(c) {
                Some(cell) => cell.clone(),
                // a row shorter than the block: an empty cell where its label is
                None => r.cells[block.col].emptied(),
            })
            .collect();
        out.push(Row {
            cells,
            range: range.clone(),
        });
    }
    let score_at = score_row(inside);
    out.extend(
        rows[block.rows.end..]
            .iter()
            .map(|row| total_turned(row, block.col, score_at).unwrap_or_else(|| row.clone())),
    );
    let turned = width - block.col;
    let (top, bottom) = (base + block.rows.start, base + block.rows.end);
    let moved = merges
        .iter()
        .filter_map(|m| {
            if m.rows.end <= top {
                Some(m.clone())
            } else if m.rows.start >= bottom {
                // below the block: its rows moved by the block's new height
                Some(Merge {
                    rows: m.rows.start + turned - height..m.rows.end + turned - height,
                    cols: m.cols.clone(),
                })
            } else if m.rows.start >= top && m.rows.end <= bottom && m.cols.start >= block.col {
                Some(Merge {
                    rows: top + m.cols.start - block.col..top + m.cols.end - block.col,
                    cols: m.rows.start - top..m.rows.end - top,
                })
            } else {
                None
            }
        })
        .collect();
    (out, moved)
}

/// The place in the block of its 得分 row (else its 分值 row): the column a total's figure
/// goes to once the block is turned.
fn score_row(inside: &[Row]) -> Option<usize> {
    let roles: Vec<Option<Col>> = inside
        .iter()
        .map(|r| role_label(r).map(|(c, _)| c))
        .collect();
    [Col::Score, Col::Weight]
        .iter()
        .find_map(|want| roles.iter().position(|r| *r == Some(*want)))
}

/// A `总分 | 96` row under the block (its label in the block's column, one figure after it):
/// the label, and the figure moved under the turned grid's 得分 (else 分值) column. Left as it
/// stands, its figure fell under the 指标值 column and the printed total went unchecked.
fn total_turned<'a>(row: &Row<'a>, col: usize, score_at: Option<usize>) -> Option<Row<'a>> {
    // (a 得分 row first in the block would share the label's column)
    let at = score_at.filter(|&a| a > 0)?;
    let mut filled = row.filled();
    let (c0, label) = filled.next()?;
    let (_, figure) = filled.next()?;
    if c0 != col
        || filled.next().is_some()
        || !super::words::TOTAL_ROW
            .contains(&crate::table::columns::normalize(&label.text).as_str())
    {
        return None;
    }
    let mut cells = vec![label.clone()];
    cells.extend((1..at).map(|_| label.emptied()));
    cells.push(figure.clone());
    Some(Row {
        cells,
        range: row.range.clone(),
    })
}

/// `table.form-transposed` at the block's first row: the grid was read turned.
pub(crate) fn note(ctx: &mut Ctx<'_>, rows: &[Row], block: &Block) {
    let Some(first) = rows.get(block.rows.start) else {
        return;
    };
    let f = ctx
        .finding(
            codes::FORM_TRANSPOSED,
            Severity::Warning,
            ctx.row_location(first),
            format!(
                "指标表横排（转置）：第一列的 {} 行是指标表的各栏（三级指标、年度指标值等），其右每一列是一个指标；按行列互换后的指标表读取",
                block.rows.len()
            ),
        )
        .label("横排的指标表")
        .help("核对读出的各指标；最好把指标表改为每行一个指标");
    ctx.findings.push(f);
}

#[cfg(test)]
mod tests {
    use super::super::words::GRID;
    use super::*;

    #[test]
    fn every_name_of_the_indicators_column_has_a_character_find_looks_for() {
        let (_, names) = GRID.iter().find(|(c, _)| *c == Col::Indicator).unwrap();
        assert!(names.iter().all(|n| n.contains(['指', '评'])), "{names:?}");
    }
}
