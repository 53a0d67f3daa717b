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
use crate::table::model::IndicatorSource;
use crate::table::self_eval::{self, SheetRow};
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
    /// The continuation bytes of UTF-8 (`10xxxxxx`) of each 64 bytes split, from `from`: bit
    /// `k` of word `w` set where byte `from + 64 w + k` is one (made with the split's masks,
    /// from the bytes already loaded). A cell's column is the bytes before it on its row less
    /// the continuation bytes among them ([`FlatRow::column_at`]): no byte walked again.
    tails: Vec<u64>,
    /// Where the split started in the text (the first word of `tails`).
    from: usize,
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
    /// The rows it is one of (their continuation-byte masks tell its cells' columns).
    split: &'t FlatRows,
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
                split: self,
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
    let mut out = FlatRows {
        cells: Vec::with_capacity((bytes.len() - from) / 8),
        rows: Vec::with_capacity((bytes.len() - from) / 64),
        tails: Vec::with_capacity((bytes.len() - from).div_ceil(64)),
        from,
    };
    let mut scan = Scan {
        header,
        text,
        max_columns: crate::limits::COLUMNS.get_usize(),
        max_cell: crate::limits::CELL.get_usize(),
        row: from,
        cell: from,
        first_cell: 0,
        filled: 0,
        line: first_line,
    };
    // every delimiter and line break of the block, found 64 bytes at a time (a mask of them),
    // each ending a cell, a line break also its row
    let mut base = from;
    while base < bytes.len() {
        let (found, breaks, tails) = match bytes.get(base..base + 64) {
            Some(chunk) => masks_of(chunk.try_into().ok()?, delim),
            None => {
                // the block's last bytes, after them zeros (no delimiter, line break or
                // continuation byte)
                let mut last = [0; 64];
                last[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                masks_of(&last, delim)
            }
        };
        out.tails.push(tails);
        // (a chunk without two line breaks side by side has no run of blank lines: most
        // chunks are cut without looking for one)
        if breaks & (breaks >> 1) == 0 {
            scan.chunk::<false>(base, found, breaks, &mut out)?;
        } else {
            scan.chunk::<true>(base, found, breaks, &mut out)?;
        }
        base += 64;
    }
    // a last row without a line break
    if scan.row < bytes.len() {
        scan.cell_to(bytes.len(), true, &mut out.cells);
        scan.row_to(bytes.len(), &mut out)?;
    }
    ctx.rows_read += out.rows.len();
    Some(out)
}

/// The row being split by [`rows_from`]: where it and its cell being cut start, and what its
/// cells cut so far hold.
struct Scan<'t> {
    header: &'t Header,
    text: &'t str,
    max_columns: usize,
    max_cell: usize,
    /// Where the row starts, and its cell being cut.
    row: usize,
    cell: usize,
    /// The row's first cell in the block's list.
    first_cell: usize,
    /// How many of its cells are filled.
    filled: usize,
    line: u32,
}

impl Scan<'_> {
    /// Cuts the cells and rows that end in the 64 bytes from `base`, whose delimiters and line
    /// breaks are `found` and line breaks `breaks` ([`masks_of`]). With `RUNS`, a run of blank
    /// lines after a row's end in the chunk (line breaks each at its row's start) is counted
    /// at once, as many rows left out as `row_to` leaves out one by one (a run across chunks
    /// is taken a chunk at a time, its first line by `row_to`). The cells before each line
    /// break are cut by a loop of their own ([`Scan::cells_to`]), the row ended after them.
    #[inline(always)]
    fn chunk<const RUNS: bool>(
        &mut self,
        base: usize,
        mut found: u64,
        breaks: u64,
        out: &mut FlatRows,
    ) -> Option<()> {
        while found != 0 {
            let pending_breaks = found & breaks;
            let next_break = pending_breaks & pending_breaks.wrapping_neg();
            // the delimiters before the next line break (all that are left, without one)
            let before = if next_break == 0 {
                found
            } else {
                found & (next_break - 1)
            };
            self.cells_to(base, before, &mut out.cells);
            if next_break == 0 {
                break;
            }
            found &= !(before | next_break);
            let bit = next_break.trailing_zeros();
            let at = base + bit as usize;
            self.cell_to(at, true, &mut out.cells);
            self.row_to(at, out)?;
            if RUNS {
                let run = (!(breaks >> bit >> 1)).trailing_zeros().min(63 - bit);
                if run > 0 {
                    self.line += run;
                    self.row += run as usize;
                    self.cell = self.row;
                    found &= !(((1 << run) - 1) << (bit + 1));
                }
            }
        }
        Some(())
    }

    /// Cuts the cells that end at the delimiters `delims` (bits from `base`, none a line
    /// break) onto `cells`, as [`Scan::cell_to`] cuts each: a loop with no call but a list
    /// grown, the cell's start and the filled count kept in registers (~36 instructions a cell
    /// when each cut read and wrote them in the row's state).
    /// The room for the cells is made once for all of them (one a delimiter), and each is
    /// written into it with no question of room a cell (the list's length kept in a register:
    /// `push` asked it of every cell, ~4 instructions of the ~25 a cell).
    #[inline(always)]
    fn cells_to(&mut self, base: usize, mut delims: u64, cells: &mut Vec<(u32, u32)>) {
        let (mut cell, mut filled) = (self.cell, self.filled);
        cells.reserve(delims.count_ones() as usize);
        let (room, mut len) = (cells.as_mut_ptr(), cells.len());
        while delims != 0 {
            let at = base + delims.trailing_zeros() as usize;
            delims &= delims - 1;
            let (a, b) = trimmed(self.text, cell, at);
            // SAFETY: room for one cell a delimiter of `delims` was reserved above, and `len`
            // counts the cells written so far (fewer than reserved past the list's length)
            unsafe { room.add(len).write((a as u32, b as u32)) };
            len += 1;
            filled += usize::from(b > a);
            cell = at + 1;
        }
        // SAFETY: the cells up to `len` were written just above, within the reserved room
        unsafe { cells.set_len(len) };
        self.cell = cell;
        self.filled = filled;
    }

    /// Cuts the cell that ends at `stop` (a delimiter, or the line's end where `line_end`),
    /// trimmed as the grid trims it (a CRLF line's `\r` in none), onto `cells`.
    #[inline(always)]
    fn cell_to(&mut self, stop: usize, line_end: bool, cells: &mut Vec<(u32, u32)>) {
        let start = self.cell;
        let end = if line_end && stop > start && self.text.as_bytes()[stop - 1] == b'\r' {
            stop - 1
        } else {
            stop
        };
        let (a, b) = trimmed(self.text, start, end);
        cells.push((a as u32, b as u32));
        self.filled += usize::from(b > a);
        self.cell = stop + 1;
    }

    /// Ends the row at `next` (its line break, or the text's end): kept as a data row, left
    /// out where blank; `None` where it needs the grid ([module docs](self)).
    fn row_to(&mut self, next: usize, out: &mut FlatRows) -> Option<()> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let (pos, from) = (self.row, self.first_cell);
        // a CRLF line's `\r` belongs to no cell
        let end = if next > pos && bytes[next - 1] == b'\r' {
            next - 1
        } else {
            next
        };
        let cells = &out.cells[from..];
        if cells.len() > self.max_columns {
            return None;
        }
        if self.filled > 0 {
            let text_of = |i: usize| {
                cells
                    .get(i)
                    .map_or("", |&(a, b)| &text[a as usize..b as usize])
            };
            let width = self.header.width;
            let shaped = cells.len() >= width && cells[width..].iter().all(|&(a, b)| a == b);
            // (a cell over the limit only in a row over it: most rows, no cell looked at)
            let long = end - pos > self.max_cell
                && cells.iter().any(|&(a, b)| (b - a) as usize > self.max_cell);
            if !shaped || long || columns::may_repeat_header(self.header, text_of) {
                return None;
            }
            if self.filled < 3 && !few_cells_are_data(cells, text) {
                return None;
            }
            out.rows.push(Span {
                cells: (from as u32, out.cells.len() as u32),
                range: (pos as u32, end as u32),
                line: self.line,
            });
        } else {
            out.cells.truncate(from);
        }
        self.line += 1;
        self.row = next + 1;
        self.cell = next + 1;
        self.first_cell = out.cells.len();
        self.filled = 0;
        Some(())
    }
}

/// The cell `text[start..end]` trimmed as the grid trims it, as a range of `text`.
#[inline(always)]
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    debug_assert!(start <= end && end <= text.len());
    // SAFETY: the split cuts a cell from its start to the delimiter or line break that ends it
    // (`start <= end`), both within the text it splits (no range checked again a cell)
    let raw = unsafe { text.as_bytes().get_unchecked(start..end) };
    if end == start || surely_untrimmed(raw) {
        // (most filled cells: no space at either edge, told from the edge bytes)
        (start, end)
    } else {
        let raw = &text[start..end];
        let trimmed = grid::trim_cell(raw);
        // the trimmed text's place in the raw cell (it is a part of it)
        let a = start + (trimmed.as_ptr() as usize - raw.as_ptr() as usize);
        (a, a + trimmed.len())
    }
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

/// The delimiters and line breaks of a 64-byte chunk, its line breaks, and its continuation
/// bytes of UTF-8: bit `k` of the first set where `chunk[k]` is `delim` or `\n`, of the second
/// where it is `\n`, of the third where it is `10xxxxxx`. 16 bytes compared at once (SSE2, part
/// of every x86-64), else byte by byte.
#[inline(always)]
fn masks_of(chunk: &[u8; 64], delim: u8) -> (u64, u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_set1_epi8,
        };
        let (mut either, mut breaks, mut tails) = (0, 0, 0);
        // SAFETY: SSE2 is part of every x86-64 (the intrinsics need no feature not there), and
        // each load reads the 16 bytes of `part`, unaligned
        unsafe {
            let (d, n) = (_mm_set1_epi8(delim as i8), _mm_set1_epi8(b'\n' as i8));
            // a continuation byte, 0x80–0xBF, is −128…−65 as a signed byte: under −64
            let tail = _mm_set1_epi8(-64);
            for (k, part) in chunk.as_chunks::<16>().0.iter().enumerate() {
                let v = _mm_loadu_si128(part.as_ptr().cast::<__m128i>());
                let at_delim = u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, d)) as u16);
                let at_break = u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, n)) as u16);
                let at_tail = u64::from(_mm_movemask_epi8(_mm_cmplt_epi8(v, tail)) as u16);
                either |= (at_delim | at_break) << (16 * k);
                breaks |= at_break << (16 * k);
                tails |= at_tail << (16 * k);
            }
        }
        (either, breaks, tails)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let (mut either, mut breaks, mut tails) = (0, 0, 0);
        for (k, &c) in chunk.iter().enumerate() {
            either |= u64::from(c == delim || c == b'\n') << k;
            breaks |= u64::from(c == b'\n') << k;
            tails |= u64::from(c & 0xC0 == 0x80) << k;
        }
        (either, breaks, tails)
    }
}

impl FlatRow<'_> {
    /// Where cell `i` is in the block's text (its text is a part of it).
    #[inline(always)]
    fn range_of(self, i: usize) -> (u32, u32) {
        self.cells[i]
    }

    /// The column of the byte `a` of the row, from 1 ([`Columns::at`]).
    #[inline(always)]
    fn column_at(self, a: u32) -> u32 {
        Columns::of(self).at(a)
    }

    /// The cells `cols` as (offset, length, column), each column told by [`FlatRow::column_at`]
    /// (with POPCNT where the CPU has it, all but the oldest x86-64: one instruction a word
    /// counted).
    #[inline]
    fn places<const N: usize>(self, cols: [Option<usize>; N]) -> [Option<(u32, u32, u32)>; N] {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has POPCNT, the one feature the function is built with
            return unsafe { self.places_popcnt(cols) };
        }
        self.places_counted(cols)
    }

    /// [`FlatRow::places`] built with POPCNT.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "popcnt")]
    fn places_popcnt<const N: usize>(
        self,
        cols: [Option<usize>; N],
    ) -> [Option<(u32, u32, u32)>; N] {
        self.places_counted(cols)
    }

    /// [`FlatRow::places`], counted as the build counts bits (a loop, not a closure: inlined
    /// into [`FlatRow::places_popcnt`], the count is built with POPCNT).
    #[inline(always)]
    fn places_counted<const N: usize>(
        self,
        cols: [Option<usize>; N],
    ) -> [Option<(u32, u32, u32)>; N] {
        let columns = Columns::of(self);
        let mut out = [None; N];
        // (indexed, not zipped: the places are written straight, not moved through the stack)
        for k in 0..N {
            if let Some(i) = cols[k] {
                let (a, b) = self.range_of(i);
                out[k] = Some((a, b - a, columns.at(a)));
            }
        }
        out
    }

    /// [`FlatRow::places`] by a walk over the row's bytes up to each cell (what the masks are
    /// tested against).
    #[cfg(test)]
    fn places_walked<const N: usize>(
        self,
        cols: [Option<usize>; N],
    ) -> [Option<(u32, u32, u32)>; N] {
        let bytes = self.text.as_bytes();
        let mut out = [None; N];
        let (mut at, mut column) = (self.range.0 as usize, 1);
        for k in in_column_order(cols) {
            let Some(i) = cols[k] else { continue };
            let (a, b) = self.range_of(i);
            column += grid::chars_in(&bytes[at..a as usize]);
            at = a as usize;
            out[k] = Some((a, b - a, column));
        }
        out
    }
}

/// The columns of one row's bytes, told from the split's continuation-byte masks
/// ([`FlatRows::tails`]): the bytes before a byte on the row less the continuation bytes among
/// them. The row's first word, from its start on, is taken once for all its cells.
struct Columns<'t> {
    tails: &'t [u64],
    /// Where the split started in the text (its first word's first byte).
    from: usize,
    /// The row's start from `from`, and its word.
    start: usize,
    word: usize,
    /// The row's first word's bits from its start on.
    first: u64,
}

impl<'t> Columns<'t> {
    #[inline(always)]
    fn of(row: FlatRow<'t>) -> Columns<'t> {
        let (tails, from) = (&row.split.tails[..], row.split.from);
        let start = row.range.0 as usize - from;
        let word = start / 64;
        let first = tails.get(word).copied().unwrap_or(0) & !((1u64 << (start % 64)) - 1);
        Columns {
            tails,
            from,
            start,
            word,
            first,
        }
    }

    /// The column of the byte `a` (at or after the row's start), from 1.
    #[inline(always)]
    fn at(&self, a: u32) -> u32 {
        let a = a as usize - self.from;
        let (word, below) = (a / 64, (1u64 << (a % 64)) - 1);
        let tails = if word == self.word {
            (self.first & below).count_ones()
        } else {
            let whole = |k: usize| self.tails.get(k).copied().unwrap_or(0);
            let mut n = self.first.count_ones();
            for k in self.word + 1..word {
                n += whole(k).count_ones();
            }
            n + (whole(word) & below).count_ones()
        };
        1 + (a - self.start) as u32 - tails
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
            Some(&(a, b)) if a != b => {
                debug_assert!(self.text.get(a as usize..b as usize).is_some());
                // SAFETY: a cell's range is cut by `rows_from` at an ASCII delimiter or line
                // break and trimmed by whole characters (`trimmed`): both ends are character
                // boundaries of the text, in order, within it
                unsafe { self.text.get_unchecked(a as usize..b as usize) }
            }
            _ => "",
        }
    }

    fn cell_at(self, i: usize, _source: &SourceText) -> Location {
        let (a, b) = self.range_of(i);
        Location {
            offset: a as usize,
            len: (b - a) as usize,
            line: self.line,
            column: self.column_at(a),
            cell: None,
        }
    }

    /// The columns counted as [`FlatRow::places`] counts them.
    fn cells_at<const N: usize>(
        self,
        cols: [Option<usize>; N],
        _source: &SourceText,
    ) -> [Option<Location>; N] {
        self.places(cols).map(|p| {
            p.map(|(offset, len, column)| Location {
                offset: offset as usize,
                len: len as usize,
                line: self.line,
                column,
                cell: None,
            })
        })
    }

    /// The places counted as [`FlatRow::places`] counts them and packed straight, without a
    /// [`Location`] made for each (the packing's own way where a column does not pack).
    fn indicator_source(
        self,
        row_at: Location,
        cols: [Option<usize>; 4],
        source: &SourceText,
    ) -> IndicatorSource {
        IndicatorSource::of_text_row(self.line, self.range, self.places(cols))
            .unwrap_or_else(|| self_eval::by_cells(self, row_at, cols, source))
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

/// The places asked, in the order of their columns (an insertion sort: the few places come
/// mostly in order, where the library's sort pays its set-up).
#[cfg(test)]
fn in_column_order<const N: usize>(cols: [Option<usize>; N]) -> [usize; N] {
    let mut order: [usize; N] = std::array::from_fn(|k| k);
    for j in 1..N {
        let mut m = j;
        while m > 0 && cols[order[m - 1]] > cols[order[m]] {
            order.swap(m - 1, m);
            m -= 1;
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::{masks_of, rows_from, surely_untrimmed};
    use crate::table::Ctx;
    use crate::table::columns::{Header, Role};
    use crate::table::grid::chars_in;
    use crate::table::grid::trim_cell;
    use crate::table::model::Layout;
    use crate::table::self_eval::SheetRow;
    use crate::table::source::{InputFormat, SourceText};

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

    /// The masks mark exactly the delimiters and line breaks, the line breaks, and the
    /// continuation bytes, at every place of a 64-byte chunk, with the other byte and
    /// look-alike bytes (a byte off by one, the high bit flipped, the edges of `80`–`BF`)
    /// around.
    #[test]
    fn the_masks_mark_delimiters_and_line_breaks_where_they_are() {
        let fill = [
            b'x',
            0x80,
            0xE3,
            b'\t' ^ 0x80,
            b'\n' + 1,
            0x09 - 1,
            b',' + 1,
            0,
            0xBF,
            0xC0,
            0x7F,
            0xFF,
        ];
        for delim in [b'\t', b','] {
            for f in fill {
                for i in 0..64 {
                    for j in [0, i / 2, i, 63 - i, 63] {
                        let mut chunk = [f; 64];
                        chunk[i] = delim;
                        chunk[j] = b'\n';
                        let at = |hit: &dyn Fn(u8) -> bool| {
                            chunk
                                .iter()
                                .enumerate()
                                .filter(|&(_, &c)| hit(c))
                                .fold(0u64, |m, (k, _)| m | 1 << k)
                        };
                        let want = (
                            at(&|c| c == delim || c == b'\n'),
                            at(&|c| c == b'\n'),
                            at(&|c| (0x80..=0xBF).contains(&c)),
                        );
                        assert_eq!(masks_of(&chunk, delim), want, "{chunk:?}");
                    }
                }
            }
        }
    }

    /// Rows split a block at a time read as each line split on its own: cells trimmed, a CRLF
    /// line's `\r` in no cell, blank lines and runs of them left out but counted, a last line
    /// without a line break, rows across the 64-byte chunks of the search, from a place inside
    /// the text.
    #[test]
    fn rows_split_at_once_are_each_line_split_alone() {
        let header = Header::new(
            Layout::SelfEvaluation,
            vec![(Role::Unit, 0), (Role::Project, 1), (Role::Indicator, 2)],
            Vec::new(),
            4,
        );
        let cells = [
            "",
            "项目甲",
            " 指标 ",
            "\u{3000}值",
            "12.5",
            "a",
            "长长长长长长长长长长长长长长",
        ];
        let mut x = 7_u64;
        let mut next = move |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        for round in 0..300 {
            let mut text = String::from("前言\n");
            for _ in 0..next(12) {
                match next(9) {
                    0 => {}
                    1 => text.push_str("\t\t \t"),
                    // a run of blank lines, across the 64-byte chunks
                    8 => text.push_str(&"\n".repeat(next(150) as usize)),
                    _ => {
                        let row: Vec<&str> = (0..4)
                            .map(|k| {
                                if k == 2 {
                                    "指标"
                                } else {
                                    cells[next(7) as usize]
                                }
                            })
                            .collect();
                        text.push_str(&row.join("\t"));
                    }
                }
                text.push_str(["\n", "\r\n"][next(2) as usize]);
            }
            if round % 3 == 0 {
                text.push_str("某局\t\t指标\t1");
                if round % 2 == 0 {
                    text.push('\r');
                }
            }
            let source = SourceText::new("t.tsv", text.clone(), InputFormat::Tsv, "UTF-8", None);
            let mut ctx = Ctx::new(&source);
            let got = rows_from(&mut ctx, &header, &text, 7, b'\t', 2).expect("plain rows");
            // each line on its own
            let mut want = Vec::new();
            let mut at = 7;
            for (k, line) in text[7..].split('\n').enumerate() {
                let body = line.strip_suffix('\r').unwrap_or(line);
                let mut row = Vec::new();
                let mut c = at;
                for cell in body.split('\t') {
                    let t = trim_cell(cell);
                    let a = c + (t.as_ptr() as usize - cell.as_ptr() as usize);
                    row.push((a as u32, (a + t.len()) as u32));
                    c += cell.len() + 1;
                }
                if row.iter().any(|&(a, b)| a != b) {
                    want.push((row, (at as u32, (at + body.len()) as u32), 2 + k as u32));
                }
                at += line.len() + 1;
            }
            let split: Vec<_> = got
                .rows
                .iter()
                .map(|s| {
                    let cells = got.cells[s.cells.0 as usize..s.cells.1 as usize].to_vec();
                    (cells, s.range, s.line)
                })
                .collect();
            assert_eq!(split, want, "{text:?}");
            assert_eq!(ctx.rows_read, want.len());
        }
    }

    /// Every cell's column, as the places of a row tell it (by the continuation-byte masks the
    /// split made, with POPCNT and without), is the characters before it on its line, from 1:
    /// rows of ASCII, CJK, two- and four-byte characters, shorter and longer than a 64-byte
    /// word and across words, the split started after a preamble of any length (its words not
    /// aligned with the text), the last row at the text's end (no byte past it counted).
    #[test]
    fn places_count_the_characters_before_each_cell() {
        let header = Header::new(
            Layout::SelfEvaluation,
            vec![(Role::Unit, 0), (Role::Project, 1), (Role::Indicator, 2)],
            Vec::new(),
            6,
        );
        let cells = [
            "",
            "a",
            "12.5",
            "指标",
            "é",
            "😀x",
            "长长长长长长长长长长长长长长长长长长长长",
        ];
        const PREAMBLE: [&str; 4] = ["前", "a", "é", "😀"];
        let mut rng = crate::synth::Rng::new(11);
        for round in 0..600 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(rng.pick::<&str>(&PREAMBLE));
            }
            text.push('\n');
            let from = text.len();
            for _ in 0..1 + rng.below(8) {
                let row: Vec<&str> = (0..6)
                    .map(|k| match k {
                        2 => "指标",
                        _ => *rng.pick(&cells),
                    })
                    .collect();
                text.push_str(&row.join("\t"));
                text.push('\n');
            }
            if round % 2 == 0 {
                text.pop();
            }
            let source = SourceText::new("t.tsv", text.clone(), InputFormat::Tsv, "UTF-8", None);
            let mut ctx = Ctx::new(&source);
            let got = rows_from(&mut ctx, &header, &text, from, b'\t', 2).expect("plain rows");
            for row in got.views(&text) {
                let line_start = row.range.0 as usize;
                let want = |i: usize| {
                    let (a, b) = row.cells[i];
                    let column = 1 + chars_in(&text.as_bytes()[line_start..a as usize]);
                    Some((a, b - a, column))
                };
                for n in 0..row.cells.len() {
                    let cols: [Option<usize>; 4] =
                        std::array::from_fn(|k| (k <= n).then_some((n + k * 5) % row.cells.len()));
                    let at = row.cell_at(n, &source);
                    assert_eq!(Some((at.offset as u32, at.len as u32, at.column)), want(n));
                    let want = cols.map(|c| c.and_then(want));
                    assert_eq!(row.places(cols), want, "{text:?}");
                    assert_eq!(row.places_counted(cols), want, "{text:?}");
                    assert_eq!(row.places_walked(cols), want, "{text:?}");
                }
            }
        }
    }
}
