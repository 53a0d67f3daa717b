//! What a workbook hides: rows (`<row hidden="1">`, an `.xls` ROW record's hidden flag, an
//! `.ods` row's `table:visibility="collapse"` or `"filter"`), columns and sheets. The form as it
//! is opened and printed leaves them out, but their cells are in the file: last year's
//! indicator kept and hidden, a row folded away for the layout. Which, the file cannot say, so
//! they are read and scored like any cell, never dropped and never silently: each hidden row
//! gets a `table.hidden-row` warning at its first filled cell, each hidden column at its first
//! filled cell, a hidden sheet at its first ([`note`]). The xlsx's rows and columns are found
//! by a second look at the sheet's part, made only where `grid::check_zip`'s byte search saw
//! `hidden=` in a sheet's part ([`HIDDEN`], [`super::WordSeen`]).

use std::collections::{HashMap, HashSet};

use super::SheetCells;
use super::number_format::{CellNote, Hidden};

/// The hidden rows and columns of a sheet (0-based), and whether the sheet itself is hidden.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct HiddenPlaces {
    pub rows: Vec<u32>,
    /// Ranges of columns, ends inclusive.
    pub cols: Vec<(u32, u32)>,
    pub sheet: bool,
}

impl HiddenPlaces {
    /// Whether nothing is hidden.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty() && !self.sheet
    }
}

/// Notes on `sheet`'s cells what `hidden` hides: the first filled cell of each hidden row and
/// of each hidden column, and the sheet's first where it is hidden itself, each where the cell
/// has no note yet. Rows and columns with no filled cell carry nothing and are not named.
pub(crate) fn note(sheet: &mut SheetCells, hidden: &HiddenPlaces) {
    note_as(sheet, hidden, Hidden::Row);
}

/// [`note`], a hidden row's note saying `row` (a workbook's [`Hidden::Row`], a page's
/// [`Hidden::PageRow`]).
fn note_as(sheet: &mut SheetCells, hidden: &HiddenPlaces, row: Hidden) {
    if hidden.is_empty() {
        return;
    }
    let rows: HashSet<u32> = hidden.rows.iter().copied().collect();
    let hidden_col = |c: u32| hidden.cols.iter().any(|&(a, b)| (a..=b).contains(&c));
    // each hidden row's first cell, each hidden column's first (cells come row by row)
    let mut first_in_row: HashMap<u32, (u32, u32)> = HashMap::new();
    let mut first_in_col: HashMap<u32, (u32, u32)> = HashMap::new();
    let mut first = None;
    for ((r, c), text) in sheet.iter() {
        if text.trim().is_empty() {
            continue;
        }
        first = first.or(Some((r, c)));
        if rows.contains(&r) {
            let e = first_in_row.entry(r).or_insert((r, c));
            *e = (*e).min((r, c));
        }
        if !hidden.cols.is_empty() && hidden_col(c) {
            let e = first_in_col.entry(c).or_insert((r, c));
            *e = (*e).min((r, c));
        }
    }
    let mut noted: HashSet<(u32, u32)> = sheet.notes.iter().map(|(at, _)| *at).collect();
    let mut places: Vec<((u32, u32), Hidden)> = Vec::new();
    places.extend(first.filter(|_| hidden.sheet).map(|at| (at, Hidden::Sheet)));
    places.extend(first_in_row.into_values().map(|at| (at, row)));
    places.extend(first_in_col.into_values().map(|at| (at, Hidden::Column)));
    places.sort_unstable_by_key(|(at, _)| *at);
    for (at, what) in places {
        if noted.insert(at) {
            sheet.notes.push((at, CellNote::InHidden(what)));
        }
    }
}

/// Notes on a web page's table the rows a browser does not show or shows struck through
/// (`rows`, by number: `<tr style="display:none">`, `hidden`, `visibility:hidden`, `<tr
/// style="text-decoration:line-through">`, a class hiding or striking them), each saying `what`
/// ([`Hidden::PageRow`], [`Hidden::PageRowStruck`]): the first filled cell of each, where it has
/// no note yet, as a workbook's hidden rows are noted.
pub(crate) fn note_page_rows(sheet: &mut SheetCells, rows: Vec<u32>, what: Hidden) {
    if rows.is_empty() {
        return;
    }
    let hidden = HiddenPlaces {
        rows,
        ..Default::default()
    };
    note_as(sheet, &hidden, what);
    sheet.notes.sort_by_key(|(at, _)| *at);
}

/// What `grid::check_zip` looks for in a sheet's part ([`super::WordSeen`]): a row's or a
/// column's attribute.
pub(crate) const HIDDEN: &[u8] = b"hidden=";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_hidden_row_column_and_sheet_is_noted_at_its_first_filled_cell() {
        let mut sheet = SheetCells::named("s");
        for (at, text) in [
            ((0, 0), "项目"),
            ((0, 2), "分值"),
            ((2, 1), "旧"),
            ((2, 2), "5"),
            ((3, 2), "6"),
        ] {
            sheet.push(at, text);
        }
        let hidden = HiddenPlaces {
            rows: vec![2, 7],
            cols: vec![(2, 2)],
            sheet: true,
        };
        note(&mut sheet, &hidden);
        let notes: Vec<((u32, u32), CellNote)> = sheet.notes.clone();
        assert_eq!(
            notes,
            [
                ((0, 0), CellNote::InHidden(Hidden::Sheet)),
                ((0, 2), CellNote::InHidden(Hidden::Column)),
                ((2, 1), CellNote::InHidden(Hidden::Row)),
            ]
        );
    }
}
