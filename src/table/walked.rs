//! The data rows of a block read through the grid, walked one at a time (issue 27, the
//! skipped-row bombs): a block of 5,000,000 one-cell rows under a four-column header held every
//! row (about 100 bytes each: 500 MB for a 10 MB file) while the data-row filter and the layout
//! read them. The rows are now split as they are walked (`grid::RowWalk`, the row after looked
//! at where the filter asks); a data row is kept whole only where the layout reads it. A row
//! with fewer cells than the header and no quote, which the layout only names and skips
//! (`table.row-too-short`), is held with the rows like it on the lines after it as one run of
//! a few bytes (`grid::PlainRun`), split again when the layout reaches it; the findings are the
//! same, in the same order, as the rows held whole made (a test reads blocks both ways).

use std::sync::Arc;

use crate::table::columns::{self, Header};
use crate::table::grid::{PlainRun, Row, RowWalk};
use crate::table::layouts::moved_header::MovedHeader;
use crate::table::self_eval::SheetRow;
use crate::table::source::{Location, SourceText};
use crate::table::{Ctx, DataRow, Preamble, ReadError, data_row};

/// A data row of a walked block: a row held whole, or a run of rows too short for the header.
pub(crate) enum Walked<'a> {
    Row(Row<'a>),
    Short(PlainRun<'a>),
}

/// The data rows of the rows `walk` gives, as `table::data_rows` finds them (the same
/// findings and counts, in the same order), rows too short for `header` (under no moved
/// header) held as runs. `delim` is the text's delimiter.
pub(crate) fn data_rows<'a>(
    ctx: &mut Ctx<'_>,
    header: &Header,
    preamble: &mut Preamble,
    walk: &mut RowWalk<'a, '_, '_>,
    moved: &mut Option<Arc<MovedHeader>>,
    delim: u8,
) -> Result<Vec<Walked<'a>>, ReadError> {
    let max_cell = crate::limits::CELL.get_usize();
    let text: &'a str = walk.text();
    let mut data: Vec<Walked<'a>> = Vec::new();
    // whether a row not blank was left out since the last data row (a run then ends)
    let mut broken = false;
    while let Some(row) = walk.next_row()? {
        let next_is_header = || {
            walk.peek_filled()
                .is_some_and(|n| columns::repeated_header(n, header).is_some())
        };
        let read = data_row(ctx, header, preamble, &row, next_is_header, moved, max_cell);
        let row = match read {
            DataRow::Left => {
                broken |= !row.is_blank();
                continue;
            }
            DataRow::Moved(made) => made,
            DataRow::Read if moved.is_none() && row.cells.len() < header.width => {
                if let Some(Walked::Short(run)) = data.last_mut()
                    && !broken
                    && run.extend(&row)
                {
                    continue;
                }
                match PlainRun::of(&row, text, delim) {
                    Some(run) => {
                        broken = false;
                        data.push(Walked::Short(run));
                        continue;
                    }
                    None => row,
                }
            }
            DataRow::Read => row,
        };
        broken = false;
        data.push(Walked::Row(row));
    }
    Ok(data)
}

impl<'t> SheetRow<'t> for &'t Walked<'_> {
    fn width(self) -> usize {
        match self {
            Walked::Row(r) => r.cells.len(),
            Walked::Short(run) => run.first_row().map_or(0, |r| r.cells.len()),
        }
    }

    /// A run's first row's (the layout looks ahead at a run's text only to size what it
    /// holds: a run's rows are never read).
    fn text(self, i: usize) -> &'t str {
        match self {
            Walked::Row(r) => r.text(i),
            Walked::Short(run) => run.first_text(i),
        }
    }

    fn cell_at(self, i: usize, source: &SourceText) -> Location {
        match self {
            Walked::Row(r) => r.cells[i].location(source),
            Walked::Short(run) => match run.first_row() {
                Some(r) if i < r.cells.len() => r.cells[i].location(source),
                _ => source.locate(0..0),
            },
        }
    }

    fn row_at(self, ctx: &Ctx<'_>) -> Location {
        match self {
            Walked::Row(r) => ctx.row_location(r),
            Walked::Short(run) => match run.first_row() {
                Some(r) => ctx.row_location(&r),
                None => ctx.source.locate(0..0),
            },
        }
    }

    /// A run's rows each named too short and skipped, in order, as each held whole was.
    fn shape_ok(self, ctx: &mut Ctx<'_>, h: &Header) -> bool {
        match self {
            Walked::Row(r) => ctx.check_shape(h, r),
            Walked::Short(run) => {
                run.each(|r| {
                    ctx.check_shape(h, r);
                });
                false
            }
        }
    }
}
