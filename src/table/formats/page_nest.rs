//! A web page's table laid out as a browser shows it where the markup's order is not the
//! order shown: a `<tfoot>` written before its `<tbody>` (HTML 4's order) is shown below the
//! body, so its rows are moved below the table's other rows; and a table nested alone in a
//! cell that is its row's only cell, inside a table of label–value rows (a form's head around
//! its grid: `项目名称 | …` above, the indicator grid a `<table>` or an ARIA grid in one cell
//! spanning the row), is shown as rows of the outer table, so its rows are put in place of
//! that row. Which rows are moved is decided from the markup alone (no words are read here).

use super::SheetCells;

/// A sheet's rows moved: each cell, merge and note at row `r` goes to `to(r)`, then the cells
/// sorted by place again (the text laid out in their new order).
fn remap(sheet: &mut SheetCells, to: impl Fn(u32) -> u32) {
    let mut moved = SheetCells::named(std::mem::take(&mut sheet.name));
    moved.reserve(sheet.len(), sheet.text_len());
    for ((r, c), text) in sheet.iter() {
        moved.push((to(r), c), text);
    }
    moved.merges = sheet
        .merges
        .iter()
        .map(|&((r0, c0), (r1, c1))| ((to(r0), c0), (to(r1).max(to(r0)), c1)))
        .collect();
    moved.notes = std::mem::take(&mut sheet.notes)
        .into_iter()
        .map(|((r, c), n)| ((to(r), c), n))
        .collect();
    moved.sort();
    moved.notes.sort_by_key(|(at, _)| *at);
    *sheet = moved;
}

/// The rows `foot` (a `<tfoot>`'s) of a table of `rows` rows moved below the rest, where rows
/// follow them (a `<tfoot>` written before its `<tbody>`); nothing otherwise.
pub(super) fn foot_last(sheet: &mut SheetCells, foot: std::ops::Range<u32>, rows: u32) {
    if foot.is_empty() || foot.end >= rows {
        return;
    }
    let n = foot.end - foot.start;
    remap(sheet, |r| {
        if foot.contains(&r) {
            r + (rows - foot.end)
        } else if r >= foot.end {
            r - n
        } else {
            r
        }
    });
}

/// The rows a sheet's cells and merges reach down to (0 for none).
pub(super) fn height(sheet: &SheetCells) -> u32 {
    sheet
        .iter()
        .map(|((r, _), _)| r + 1)
        .chain(sheet.merges.iter().map(|(_, (r, _))| r + 1))
        .max()
        .unwrap_or(0)
}

/// `inner` put in place of `outer`'s row `row` (whose only cell, starting at column 0, held
/// `inner` and nothing else): the rows below it moved down by `inner`'s height less one, the
/// merge of that cell dropped, and `inner`'s cells, merges and notes moved to the row.
pub(super) fn splice(outer: &mut SheetCells, row: u32, inner: SheetCells) {
    let h = height(&inner);
    if h == 0 {
        return;
    }
    outer
        .merges
        .retain(|&((r0, _), (r1, _))| !(r0 == row && r1 == row));
    remap(outer, |r| if r > row { r + h - 1 } else { r });
    // the moved sheet's cells are sorted; the inner rows fall between, so sorting again places
    // them
    for ((r, c), text) in inner.iter() {
        outer.push((r + row, c), text);
    }
    outer.merges.extend(
        inner
            .merges
            .iter()
            .map(|&((r0, c0), (r1, c1))| ((r0 + row, c0), (r1 + row, c1))),
    );
    outer
        .notes
        .extend(inner.notes.into_iter().map(|((r, c), n)| ((r + row, c), n)));
    outer.sort();
    outer.notes.sort_by_key(|(at, _)| *at);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &[((u32, u32), &str)]) -> SheetCells {
        SheetCells::of_cells("s", cells.iter().map(|&(a, t)| (a, t.into())).collect())
    }

    #[test]
    fn a_foot_written_first_is_shown_last() {
        let mut s = sheet(&[
            ((0, 0), "头"),
            ((1, 0), "总分"),
            ((2, 0), "甲"),
            ((3, 0), "乙"),
        ]);
        foot_last(&mut s, 1..2, 4);
        assert_eq!(
            s.listed(),
            [
                ((0, 0), "头".into()),
                ((1, 0), "甲".into()),
                ((2, 0), "乙".into()),
                ((3, 0), "总分".into())
            ]
        );
        // a foot already last stays
        let mut s = sheet(&[((0, 0), "头"), ((1, 0), "总分")]);
        foot_last(&mut s, 1..2, 2);
        assert_eq!(s.listed()[1], ((1, 0), "总分".into()));
    }

    #[test]
    fn a_nested_table_takes_its_rows_place() {
        let mut outer = sheet(&[((0, 0), "项目名称"), ((0, 1), "甲"), ((2, 0), "尾")]);
        outer.merges.push(((1, 0), (1, 3)));
        let mut inner = sheet(&[((0, 0), "三级指标"), ((1, 0), "人次"), ((1, 1), "≥1")]);
        inner.merges.push(((1, 1), (1, 2)));
        splice(&mut outer, 1, inner);
        assert_eq!(
            outer.listed(),
            [
                ((0, 0), "项目名称".into()),
                ((0, 1), "甲".into()),
                ((1, 0), "三级指标".into()),
                ((2, 0), "人次".into()),
                ((2, 1), "≥1".into()),
                ((3, 0), "尾".into())
            ]
        );
        assert_eq!(outer.merges, [((2, 1), (2, 2))]);
    }
}
