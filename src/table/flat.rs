//! The data rows of a plain block read straight from its text (streaming): each row a run of
//! cell ranges in one list for the whole block, no cell list a row, no cell's line and column
//! worked out before a location is asked for. The self-evaluation layout reads these rows as it
//! reads the grid's (`self_eval::SheetRow`), so a row reads the same either way.
//!
//! Decided here: only rows that need nothing but their cells are read this way. A block holding
//! a quote anywhere, or a row the grid or the data-row filter would do more with — more cells
//! than the column limit, a cell over the cell limit, one or two filled cells that may be a
//! preamble line, a title or a note (a colon, a title's words, one cell in the first column),
//! a repeated header, fewer cells than the header or a filled cell beyond it (each a finding)
//! — is not: [`rows`] answers `None` and the block is read through the grid, as a whole file
//! is. Blank rows are left out and not counted, as the data-row filter leaves them.
//! A test reads generated blocks both ways and compares the documents.

use crate::table::Ctx;
use crate::table::columns::{self, Header};
use crate::table::grid;
use crate::table::self_eval::SheetRow;
use crate::table::source::{Location, SourceText};

/// The data rows of a block, as byte ranges into its text.
pub(crate) struct FlatRows {
    /// Every data row's cells (trimmed text ranges), row after row. (Kept as the texts
    /// themselves, each cell sliced where it is split, a block cost more than each looked-up
    /// cell sliced when asked for: most cells are never asked for.)
    cells: Vec<(u32, u32)>,
    /// Per data row: its cells in `cells`, its range in the text (without the line break) and
    /// its line.
    rows: Vec<Span>,
}

/// One data row of [`FlatRows`].
struct Span {
    cells: (u32, u32),
    range: (u32, u32),
    line: u32,
}

/// One data row read straight from the text: what the layout reads of it.
#[derive(Clone, Copy)]
pub(crate) struct FlatRow<'t> {
    text: &'t str,
    cells: &'t [(u32, u32)],
    range: (u32, u32),
    line: u32,
}

impl FlatRows {
    /// The rows, to read (`text` is the block's text they were read from).
    pub fn views<'t>(&'t self, text: &'t str) -> Vec<FlatRow<'t>> {
        self.rows
            .iter()
            .map(|s| FlatRow {
                text,
                cells: &self.cells[s.cells.0 as usize..s.cells.1 as usize],
                range: s.range,
                line: s.line,
            })
            .collect()
    }
}

/// The data rows of `text`, a block of whole rows without a quote whose first line is line
/// `first_line` of the input, counted in `ctx` as the data-row filter counts them; `None`
/// (nothing counted) where some row needs the grid ([module docs](self)).
pub(crate) fn rows(
    ctx: &mut Ctx<'_>,
    header: &Header,
    text: &str,
    delim: u8,
    first_line: u32,
) -> Option<FlatRows> {
    rows_from(ctx, header, text, 0, delim, first_line)
}

/// [`rows`] of `text[from..]` (`from` a line's start, line `first_line`), the rows' places in
/// the whole of `text` (a whole text sheet below its header, read by `table::build`).
pub(crate) fn rows_from(
    ctx: &mut Ctx<'_>,
    header: &Header,
    text: &str,
    from: usize,
    delim: u8,
    first_line: u32,
) -> Option<FlatRows> {
    // offsets are kept in 32 bits (a block is cut at 32 MB at most)
    if text.len() >= u32::MAX as usize
        || memchr::memchr(b'"', text.as_bytes().get(from..)?).is_some()
    {
        return None;
    }
    let bytes = text.as_bytes();
    let max_columns = crate::limits::COLUMNS.get_usize();
    let max_cell = crate::limits::CELL.get_usize();
    let mut out = FlatRows {
        cells: Vec::with_capacity((bytes.len() - from) / 8),
        rows: Vec::with_capacity((bytes.len() - from) / 64),
    };
    let mut line = first_line;
    let mut pos = from;
    while pos < bytes.len() {
        let from = out.cells.len();
        // the row's cells, up to its line break (found by the same search as the cells')
        let (next, filled, longest) = split(text, pos, delim, &mut out.cells);
        // a CRLF line's `\r` belongs to no cell
        let end = if next > pos && bytes[next - 1] == b'\r' {
            next - 1
        } else {
            next
        };
        let cells = &out.cells[from..];
        if cells.len() > max_columns {
            return None;
        }
        if filled > 0 {
            let text_of = |i: usize| {
                cells
                    .get(i)
                    .map_or("", |&(a, b)| &text[a as usize..b as usize])
            };
            let shaped =
                cells.len() >= header.width && cells[header.width..].iter().all(|&(a, b)| a == b);
            let long = longest > max_cell;
            if !shaped || long || columns::may_repeat_header(header, text_of) {
                return None;
            }
            if filled < 3 && !few_cells_are_data(cells, text) {
                return None;
            }
            out.rows.push(Span {
                cells: (from as u32, out.cells.len() as u32),
                range: (pos as u32, end as u32),
                line,
            });
        } else {
            out.cells.truncate(from);
        }
        line += 1;
        pos = next + 1;
    }
    ctx.rows_read += out.rows.len();
    Some(out)
}

/// Whether a row of one or two filled cells is surely data, as the data-row filter reads it:
/// no `label：value` of a preamble (no colon in it), not a title (`…自评表`), not a note (one
/// cell in the first column); `false` leaves the row to the grid.
fn few_cells_are_data(cells: &[(u32, u32)], text: &str) -> bool {
    let mut filled = cells
        .iter()
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, &(a, b))| (i, &text[a as usize..b as usize]));
    let (Some((i, first)), second) = (filled.next(), filled.next()) else {
        return false;
    };
    let colon = |t: &str| t.contains([':', '：']);
    match second {
        Some((_, t)) => !colon(first) && !colon(t),
        None => i > 0 && !colon(first) && !crate::table::is_title(first),
    }
}

/// Pushes the cells of the line starting at `start` of `text` (no quote) to `cells`, each
/// trimmed as the grid trims it (a CRLF line's `\r` in none); returns where the line ends (its
/// `\n`, or the text's end), how many cells are filled and the longest one's bytes. Each
/// cell's end and the line's are found by one search for the delimiter or a line break (no
/// search for the line first).
fn split(
    text: &str,
    mut start: usize,
    delim: u8,
    cells: &mut Vec<(u32, u32)>,
) -> (usize, usize, usize) {
    let bytes = text.as_bytes();
    let (mut filled, mut longest) = (0, 0);
    loop {
        let stop = find_either(&bytes[start..], delim, b'\n').map_or(bytes.len(), |i| start + i);
        let last = stop == bytes.len() || bytes[stop] == b'\n';
        let end = if last && stop > start && bytes[stop - 1] == b'\r' {
            stop - 1
        } else {
            stop
        };
        let (a, b) = if end == start || surely_untrimmed(&bytes[start..end]) {
            // (most filled cells: no space at either edge, told from the edge bytes)
            (start, end)
        } else {
            let raw = &text[start..end];
            let trimmed = grid::trim_cell(raw);
            // the trimmed text's place in the raw cell (it is a part of it)
            let a = start + (trimmed.as_ptr() as usize - raw.as_ptr() as usize);
            (a, a + trimmed.len())
        };
        cells.push((a as u32, b as u32));
        filled += usize::from(b > a);
        longest = longest.max(b - a);
        if last {
            return (stop, filled, longest);
        }
        start = stop + 1;
    }
}

/// Whether the cell `raw` (not empty) surely neither starts nor ends with a space
/// (`grid::is_space`), so that trimming leaves it whole: its first byte printable ASCII or the
/// lead of a character U+4000–U+9FFF (CJK: `E4`–`E9`), and likewise its last byte or its last
/// three bytes. Every space is ASCII or starts with `C2`, `E1`, `E2`, `E3` or `EF`; `false`
/// leaves the cell to `grid::trim_cell`.
#[inline]
fn surely_untrimmed(raw: &[u8]) -> bool {
    let plain = |b: u8| (0x21..=0x7E).contains(&b);
    let cjk_lead = |b: u8| (0xE4..=0xE9).contains(&b);
    let n = raw.len();
    let first = raw[0];
    let last = raw[n - 1];
    (plain(first) || cjk_lead(first)) && (plain(last) || (n >= 3 && cjk_lead(raw[n - 3])))
}

/// The first `a` or `b` in `hay`, looked for eight bytes at a time (as `grid::find_byte`
/// looks for one byte: cells are too short for a vector search to start up). The lowest flag
/// of each byte's test marks its first place exactly, so the lowest of both marks the first
/// of either.
#[inline]
fn find_either(hay: &[u8], a: u8, b: u8) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (pa, pb) = (LOW * u64::from(a), LOW * u64::from(b));
    let (words, rest) = hay.as_chunks::<8>();
    for (k, w) in words.iter().enumerate() {
        let w = u64::from_le_bytes(*w);
        let (xa, xb) = (w ^ pa, w ^ pb);
        let found = (xa.wrapping_sub(LOW) & !xa | xb.wrapping_sub(LOW) & !xb) & HIGH;
        if found != 0 {
            return Some(k * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    rest.iter()
        .position(|&c| c == a || c == b)
        .map(|i| words.len() * 8 + i)
}

impl FlatRow<'_> {
    /// Where cell `i` is in the block's text (its text is a part of it).
    fn range_of(self, i: usize) -> (u32, u32) {
        self.cells[i]
    }
}

impl<'t> SheetRow<'t> for FlatRow<'t> {
    fn width(self) -> usize {
        self.cells.len()
    }

    #[inline]
    fn text(self, i: usize) -> &'t str {
        match self.cells.get(i) {
            // most cells a row is asked for are empty (the filled-down names, the numbers of an
            // indicator row): no slice of the text to check
            Some(&(a, b)) if a != b => &self.text[a as usize..b as usize],
            _ => "",
        }
    }

    fn cell_at(self, i: usize, _source: &SourceText) -> Location {
        let (a, b) = self.range_of(i);
        // the grid's column: characters from the line's start, from 1 (counted eight bytes at a
        // time: `chars().count()` cost 230 instructions a cell here)
        let before = &self.text.as_bytes()[self.range.0 as usize..a as usize];
        Location {
            offset: a as usize,
            len: (b - a) as usize,
            line: self.line,
            column: 1 + grid::chars_in(before),
            cell: None,
        }
    }

    /// The columns counted in one pass from the row's start, the cells taken left to right
    /// (each [`FlatRow::cell_at`] counts from the start again).
    fn cells_at<const N: usize>(
        self,
        cols: [Option<usize>; N],
        _source: &SourceText,
    ) -> [Option<Location>; N] {
        let bytes = self.text.as_bytes();
        // the places asked, in the order of their columns (an insertion sort: the few places
        // come mostly in order, where the library's sort pays its set-up)
        let mut order: [usize; N] = std::array::from_fn(|k| k);
        for j in 1..N {
            let mut m = j;
            while m > 0 && cols[order[m - 1]] > cols[order[m]] {
                order.swap(m - 1, m);
                m -= 1;
            }
        }
        let mut out = [None; N];
        let (mut at, mut column) = (self.range.0 as usize, 1);
        for k in order {
            let Some(i) = cols[k] else { continue };
            let (a, b) = self.range_of(i);
            column += grid::chars_in(&bytes[at..a as usize]);
            at = a as usize;
            out[k] = Some(Location {
                offset: a as usize,
                len: (b - a) as usize,
                line: self.line,
                column,
                cell: None,
            });
        }
        out
    }

    fn row_at(self, _ctx: &Ctx<'_>) -> Location {
        Location {
            offset: self.range.0 as usize,
            len: (self.range.1 - self.range.0) as usize,
            line: self.line,
            column: 1,
            cell: None,
        }
    }

    /// The rows read this way have the header's shape ([`rows`] answers `None` otherwise).
    fn shape_ok(self, _ctx: &mut Ctx<'_>, _h: &Header) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{find_either, surely_untrimmed};
    use crate::table::grid::trim_cell;

    /// A cell said to need no trimming is one trimming leaves whole: every character of the
    /// first plane at either edge of a few cells, beside ASCII, CJK and space neighbours.
    #[test]
    fn a_cell_said_untrimmed_is_left_whole_by_trimming() {
        let (mut said, mut not) = (0, 0);
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            for other in ["", "a", "中", "\u{3000}", " ", "é"] {
                for cell in [format!("{c}{other}"), format!("{other}{c}")] {
                    if surely_untrimmed(cell.as_bytes()) {
                        assert_eq!(trim_cell(&cell), cell, "{:?}", cell);
                        said += 1;
                    } else {
                        not += 1;
                    }
                }
            }
        }
        // most CJK and ASCII cells are told at once
        assert!(said > 100_000 && not > 10_000, "{said} {not}");
    }

    /// The first of either byte, at every place in texts of every length up to 24 (across the
    /// eight-byte words and their tail), with the other byte and look-alike bytes around it.
    #[test]
    fn either_byte_is_found_where_it_first_is() {
        let fill = [b'x', 0x80, 0xE3, b'\t' ^ 0x80, b'\n' + 1, 0x09 - 1];
        for len in 0..=24 {
            for f in fill {
                for a in 0..=len {
                    for b in [0, a / 2, a, len] {
                        let mut hay = vec![f; len];
                        if a < len {
                            hay[a] = b'\t';
                        }
                        if b < len {
                            hay[b] = b'\n';
                        }
                        let want = hay.iter().position(|&c| c == b'\t' || c == b'\n');
                        assert_eq!(find_either(&hay, b'\t', b'\n'), want, "{hay:?}");
                        assert_eq!(find_either(&hay, b'\n', b'\t'), want, "{hay:?}");
                    }
                }
            }
        }
    }
}
