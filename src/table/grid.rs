//! Rows of cells with positions, from tab- or comma-separated text or from a workbook sheet.
//!
//! Quoted fields (`"a,b"`, `"say ""hi"""`, embedded newlines) are read as Excel writes them, and
//! every cell remembers where its text starts in the [`SourceText`], including the doubled
//! quotes it lost, so a byte range inside the cell maps back to the source exactly. Cells are
//! trimmed (ASCII and full-width spaces). Nothing here knows what the columns mean.
//!
//! A quote that opens a cell and is taken as text, not as quoting, is noted ([`QuoteNote`],
//! `table.stray-quote` once read): one that never closes, and one whose closing quote lies past
//! lines that read as rows of the table (a line of the quoted text holding a tab, or, in a CSV,
//! two commas that are not thousands separators). Excel would make such a quote one cell of
//! everything up to the next quote, swallowing the rows between and splitting the project they
//! belong to; jixiao reads the quote as text and every line as its own row, and says so. A
//! quoted cell whose lines hold no delimiter is a cell of several lines, as Excel writes one.
//!
//! A quote's close is looked for over [`limits::QUOTED_LINES`] line breaks at most (1000,
//! `JIXIAO_MAX_QUOTED_LINES`), as the streaming reader looks for it: past them the quote is a
//! stray one, noted at its line, whether or not a quote closes it further on. Both readers then
//! read the same rows, and neither follows a quote through the rest of a large file.
//!
//! The rows of a workbook (a Word document, a web page) are held compactly (`HeldRows`: a
//! row its range of the synthetic text, a cell its range, 16 bytes) and made into [`Cell`]s
//! borrowing that text only while a reader reads them ([`Grid::rows`]); only a cell whose
//! text holds a line break or a tab (shown in the synthetic text as a space) keeps its own.

use std::borrow::Cow;
use std::io::Cursor;
use std::ops::Range;

use crate::limits;
use crate::table::ReadError;
use crate::table::formats::number_format::CellNote;
use crate::table::formats::{self, SheetCells, docx, workbook};
use crate::table::source::{CellAddr, InputFormat, Location, Segment, SourceText};

/// One cell: its trimmed text and where that text starts. 24 bytes (48 until issue 27's
/// eighth session): a grid's rows are every cell of a workbook, a Word document or a web page
/// at once while a layout reads them, and a block of a streamed sheet holds some thousands;
/// where the text is a piece of the source, that piece says where it lies ([`CellText`]).
#[derive(Debug, Clone)]
pub(crate) struct Cell<'a> {
    /// Trimmed text (quotes removed, doubled quotes undoubled): a piece of the source text
    /// unless a doubled quote had to be undone (or a workbook cell's line break or tab is
    /// shown as a space in the synthetic text).
    pub text: CellText<'a>,
    /// Text inputs: the 1-based line and character column where `text` starts (0 when
    /// unknown). Workbook cells: the row, and the column with [`WORKBOOK`] set.
    line: u32,
    column: u32,
}

/// A cell's text. Most cells are a piece of the source text they were read from, and where
/// that piece lies in the source (its address less the text's) is the cell's offset: no offset
/// is held beside it. The rest (a doubled quote undone, a workbook cell whose line break or
/// tab the synthetic text shows as a space) hold their text, offset and escapes apart, boxed:
/// 16 bytes either way.
#[derive(Debug, Clone)]
pub(crate) enum CellText<'a> {
    /// A piece of the source text.
    Source(&'a str),
    /// Text that is not the source's where the cell lies.
    Placed(Box<Placed<'a>>),
}

/// The text of a cell that is not a piece of the source ([`CellText::Placed`]).
#[derive(Debug, Clone)]
pub(crate) struct Placed<'a> {
    text: Cow<'a, str>,
    /// Byte offset of `text` in the source text.
    offset: usize,
    /// Positions in `text` after which the source had one more byte (a doubled quote).
    escapes: Vec<usize>,
}

impl std::ops::Deref for CellText<'_> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match self {
            CellText::Source(t) => t,
            CellText::Placed(p) => &p.text,
        }
    }
}

impl AsRef<str> for CellText<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::fmt::Display for CellText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<str> for CellText<'_> {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for CellText<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

/// Marks the column of a workbook cell (text columns stay far below it: a line is at most
/// 64 MB).
const WORKBOOK: u32 = 1 << 31;

/// One row of cells.
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    /// The row's cells, in column order.
    pub cells: Vec<Cell<'a>>,
    /// Byte range of the whole row in the source text (without its line break).
    pub range: Range<usize>,
}

impl<'a> Row<'a> {
    /// The cell in column `i`, if the row has one.
    pub fn cell(&self, i: usize) -> Option<&Cell<'a>> {
        self.cells.get(i)
    }

    /// The trimmed text in column `i`, or `""`.
    pub fn text(&self, i: usize) -> &str {
        self.cells.get(i).map(|c| &*c.text).unwrap_or("")
    }

    /// The 1-based line of the row's first cell and the cell's offset in `source` (the text
    /// the row was read from), where the cells know their lines (text inputs).
    pub fn first_line(&self, source: &str) -> Option<(u32, usize)> {
        self.cells
            .first()
            .filter(|c| c.column & WORKBOOK == 0)
            .map(|c| (c.line, c.offset(source)))
            .filter(|&(l, _)| l > 0)
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }

    /// The non-empty cells.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &Cell<'a>)> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.is_empty())
    }
}

impl<'a> Cell<'a> {
    /// An empty cell where this one is (its text's start): for a column a row lacks, so a
    /// finding at it points into the row.
    pub fn emptied(&self) -> Cell<'a> {
        let text = match &self.text {
            CellText::Source(t) => CellText::Source(&t[..0]),
            CellText::Placed(p) => CellText::Placed(Box::new(Placed {
                text: Cow::Borrowed(""),
                offset: p.offset,
                escapes: Vec::new(),
            })),
        };
        Cell {
            text,
            line: self.line,
            column: self.column,
        }
    }
}

impl Cell<'_> {
    /// The workbook cell, for a cell of a workbook.
    pub fn addr(&self) -> Option<CellAddr> {
        (self.column & WORKBOOK != 0).then_some(CellAddr {
            row: self.line,
            col: self.column & !WORKBOOK,
        })
    }

    /// Byte offset of the cell's text in `source`, the text the cell was read from (a cell
    /// whose text is a piece of it lies where that piece does).
    #[inline]
    pub fn offset(&self, source: &str) -> usize {
        match &self.text {
            CellText::Source(t) => {
                let at = (t.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
                debug_assert!(at <= source.len(), "a cell located in another text");
                at
            }
            CellText::Placed(p) => p.offset,
        }
    }

    /// Source byte offset of byte `i` of the cell text.
    fn source_offset(&self, source: &str, i: usize) -> usize {
        match &self.text {
            CellText::Source(_) => self.offset(source) + i,
            CellText::Placed(p) => p.offset + i + p.escapes.iter().filter(|&&e| e < i).count(),
        }
    }

    /// The location of bytes `range` of the cell text.
    pub fn locate(&self, source: &SourceText, range: Range<usize>) -> Location {
        let start = self.source_offset(&source.text, range.start);
        let end = if range.end > range.start {
            self.source_offset(&source.text, range.end - 1) + 1
        } else {
            start
        };
        match self.addr() {
            Some(addr) => Location {
                offset: start,
                len: end - start,
                line: addr.row,
                column: addr.col,
                cell: Some(addr),
            },
            None => {
                let prefix = &self.text[..range.start.min(self.text.len())];
                if self.line == 0 || prefix.contains('\n') {
                    return source.locate(start..end);
                }
                Location {
                    offset: start,
                    len: end - start,
                    line: self.line,
                    column: self.column + prefix.chars().count() as u32,
                    cell: None,
                }
            }
        }
    }

    /// The location of the whole cell text.
    pub fn location(&self, source: &SourceText) -> Location {
        // a text cell whose text is the source's: it lies where it says
        if let CellText::Source(t) = &self.text
            && self.line > 0
            && self.column & WORKBOOK == 0
        {
            return Location {
                offset: self.offset(&source.text),
                len: t.len(),
                line: self.line,
                column: self.column,
                cell: None,
            };
        }
        self.locate(source, 0..self.text.len())
    }
}

/// A source text and its rows.
pub(crate) struct Grid {
    pub source: SourceText,
    rows: GridRows,
    /// The sheets of a workbook (or the tables of a Word document), in order; empty for text.
    pub sheets: Vec<SheetSpan>,
    /// Workbook cells whose text is not simply both what the sheet shows and what the cell
    /// holds (a percentage shown rounded, a figure shown scaled): each cell's place and the
    /// other of the two (see `formats::number_format`).
    pub notes: Vec<(Location, CellNote)>,
}

/// One sheet of a grid: its name, its rows (indices into [`Grid::rows`]) and merged ranges.
#[derive(Debug, Clone)]
pub(crate) struct SheetSpan {
    pub name: String,
    pub rows: Range<usize>,
    pub merges: Vec<Merge>,
}

/// A merged range of cells: rows (indices into [`Grid::rows`]) and columns, ends exclusive.
/// Its value is in its top-left cell; the others read as empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merge {
    pub rows: Range<usize>,
    pub cols: Range<usize>,
}

/// How a grid's rows are had.
enum GridRows {
    /// Delimited text, split when asked for (the cells borrow the text); `whole` applies the
    /// cell limit of a whole input.
    Text {
        delim: u8,
        first_line: u32,
        whole: bool,
    },
    /// A workbook's (a Word document's, a web page's) rows, their cells built when asked for
    /// from the synthetic text (see [`HeldRows`]).
    Cells(HeldRows),
}

/// The rows of a grid of sheets, compact: each row its range of the synthetic text, its sheet
/// row and how many cells it has (a cell a column, joined by tabs in the text: a cell's tabs
/// and line breaks are spaces there). No list of cells is held: the cells are [`Cell`]s only
/// while a reader reads them ([`Grid::rows`]), each the text between two tabs of its line,
/// borrowed (a cell whose text holds a line break or a tab keeps its own text here).
#[derive(Default)]
struct HeldRows {
    rows: Vec<HeldRow>,
    /// The cells whose text is not the synthetic text's: their row (an index in `rows`) and
    /// column, ascending, and their text.
    own: Vec<((usize, u32), String)>,
}

/// One row of [`HeldRows`].
struct HeldRow {
    /// The row in the synthetic text (without its line break).
    range: Range<usize>,
    /// Its 1-based sheet row.
    row: u32,
    /// Its cells (none for an empty row).
    width: u32,
}

impl HeldRows {
    /// The rows as [`Row`]s over `text`, the synthetic text they were held from.
    fn rows<'a>(&'a self, text: &'a str) -> Vec<Row<'a>> {
        self.each(text).collect()
    }

    /// The rows as [`Row`]s over `text`, one at a time.
    fn each<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Row<'a>> + 'a {
        let mut own = self.own.iter().peekable();
        self.rows.iter().enumerate().map(move |(k, r)| {
            let mut cells = Vec::with_capacity(r.width as usize);
            let line = &text[r.range.clone()];
            let mut at = r.range.start;
            // the fields between tabs, found with memchr (a `split('\t')` here was not inlined:
            // each field a call into the char searcher)
            let mut rest = Some(line);
            for c in 0..r.width {
                let Some(field) = next_field(&mut rest) else {
                    break;
                };
                let addr = Some(CellAddr {
                    row: r.row,
                    col: c + 1,
                });
                cells.push(match own.next_if(|o| o.0 == (k, c)) {
                    Some((_, t)) => placed_cell(Cow::Borrowed(t), at, Vec::new(), addr),
                    None => source_cell(field, addr),
                });
                at += field.len() + 1;
            }
            Row {
                cells,
                range: r.range.clone(),
            }
        })
    }
}

/// The next tab-separated field of `rest` (`None` past its end), `rest` moved past its tab.
fn next_field<'a>(rest: &mut Option<&'a str>) -> Option<&'a str> {
    let line = rest.take()?;
    Some(match memchr::memchr(b'\t', line.as_bytes()) {
        Some(k) => {
            *rest = Some(&line[k + 1..]);
            &line[..k]
        }
        None => line,
    })
}

impl Grid {
    /// The delimiter of a whole text input (a file read whole, not a block of one); `None` for
    /// a workbook's grid or a block.
    pub fn whole_text_delim(&self) -> Option<u8> {
        match self.rows {
            GridRows::Text {
                delim,
                first_line: 1,
                whole: true,
            } => Some(delim),
            _ => None,
        }
    }

    /// The rows of a whole text input's first `end` bytes (whole lines without a quote), within
    /// the column and cell limits.
    pub fn head_rows(&self, end: usize) -> Result<Vec<Row<'_>>, ReadError> {
        split_rows(
            &self.source.text[..end],
            self.whole_text_delim().unwrap_or(b'\t'),
            &mut CellBudget::new(&self.source.name),
            1,
            true,
            &mut QuoteNotes::default(),
        )
    }

    /// The rows, within the column limit (and the cell limit, for a whole text input).
    pub fn rows(&self) -> Result<Cow<'_, [Row<'_>]>, ReadError> {
        self.rows_noting_quotes().map(|(rows, _)| rows)
    }

    /// The rows one at a time, for a reader that looks at a row and the one after it only: a
    /// workbook's (a page's) built as they are reached, never all held at once; a text grid's
    /// split whole first ([`Grid::rows`]).
    pub fn each_row(&self) -> Result<Box<dyn Iterator<Item = Row<'_>> + '_>, ReadError> {
        Ok(match &self.rows {
            GridRows::Cells(held) => Box::new(held.each(&self.source.text)),
            GridRows::Text { .. } => Box::new(self.rows()?.into_owned().into_iter()),
        })
    }

    /// [`Grid::rows`], and the quotes read as text ([`QuoteNote`]; none for a workbook).
    pub fn rows_noting_quotes(&self) -> Result<(Cow<'_, [Row<'_>]>, QuoteNotes), ReadError> {
        let mut notes = QuoteNotes::default();
        match &self.rows {
            GridRows::Cells(held) => Ok((Cow::Owned(held.rows(&self.source.text)), notes)),
            GridRows::Text {
                delim,
                first_line,
                whole,
            } => {
                let mut budget = CellBudget::new(&self.source.name);
                if !whole {
                    budget.max_cells = u64::MAX;
                }
                let rows = split_rows(
                    &self.source.text,
                    *delim,
                    &mut budget,
                    *first_line,
                    true,
                    &mut notes,
                )?;
                Ok((Cow::Owned(rows), notes))
            }
        }
    }
}

impl Grid {
    /// The rows given one at a time to `walk` ([`RowWalk`]), as [`Grid::rows_noting_quotes`]
    /// has them all (a run of blank rows as its first), and the quotes read as text: a reader
    /// that keeps what it needs of each row holds no more (a block of 5,000,000 skipped rows
    /// held 100 bytes each, issue 27). A workbook's rows are built at once.
    pub fn walk_rows<'g, T>(
        &'g self,
        walk: impl FnOnce(&mut RowWalk<'g, '_, '_>) -> Result<T, ReadError>,
    ) -> Result<(T, QuoteNotes), ReadError> {
        self.walk_rows_from(None, walk)
    }

    /// [`Grid::walk_rows`] from `from` (a text's byte offset where a row starts, no quote
    /// before it, and that row's line), else from the first row.
    pub fn walk_rows_from<'g, T>(
        &'g self,
        from: Option<(usize, u32)>,
        walk: impl FnOnce(&mut RowWalk<'g, '_, '_>) -> Result<T, ReadError>,
    ) -> Result<(T, QuoteNotes), ReadError> {
        let mut notes = QuoteNotes::default();
        let mut budget = CellBudget::new(&self.source.name);
        let (delim, first_line) = match &self.rows {
            GridRows::Cells(held) => {
                let mut w = RowWalk {
                    rows: None,
                    ahead: held.each(&self.source.text).collect(),
                    last_blank: false,
                    failed: None,
                };
                return Ok((walk(&mut w)?, notes));
            }
            GridRows::Text {
                delim,
                first_line,
                whole,
            } => {
                if !whole {
                    budget.max_cells = u64::MAX;
                }
                (*delim, *first_line)
            }
        };
        let mut rows = TextRows::new(
            &self.source.text,
            delim,
            &mut budget,
            first_line,
            true,
            &mut notes,
        );
        if let Some((at, line)) = from {
            (rows.pos, rows.cursor.at, rows.cursor.line) = (at, at, line);
        }
        let mut w = RowWalk {
            rows: Some(rows),
            ahead: std::collections::VecDeque::new(),
            last_blank: false,
            failed: None,
        };
        let out = walk(&mut w)?;
        drop(w);
        Ok((out, notes))
    }
}

/// A grid's rows walked one at a time ([`Grid::walk_rows`]): the row after the one given can
/// be looked at ([`RowWalk::peek_filled`]); no other is held.
pub(crate) struct RowWalk<'a, 'r, 'n> {
    rows: Option<TextRows<'a, 'r, 'n>>,
    /// Rows split but not yet given (looked at ahead).
    ahead: std::collections::VecDeque<Row<'a>>,
    /// Whether the last row split is blank (a run of blank rows is given as its first).
    last_blank: bool,
    /// A split that failed while looking ahead: the error of the next [`RowWalk::next_row`]
    /// after the rows before it.
    failed: Option<ReadError>,
}

impl<'a> RowWalk<'a, '_, '_> {
    /// The text the rows are split from (empty for a workbook's).
    pub fn text(&self) -> &'a str {
        self.rows.as_ref().map_or("", |r| r.text)
    }

    /// The next row (`None` after the last).
    pub fn next_row(&mut self) -> Result<Option<Row<'a>>, ReadError> {
        if let Some(row) = self.ahead.pop_front() {
            return Ok(Some(row));
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.split()
    }

    /// The next row that is not blank, not moved past (`None` at the end, or where splitting
    /// the rows failed: that error is then the next [`RowWalk::next_row`]'s).
    pub fn peek_filled(&mut self) -> Option<&Row<'a>> {
        loop {
            if let Some(i) = self.ahead.iter().position(|r| !r.is_blank()) {
                return self.ahead.get(i);
            }
            if self.failed.is_some() {
                return None;
            }
            match self.split() {
                Ok(Some(row)) => self.ahead.push_back(row),
                Ok(None) => return None,
                Err(e) => {
                    self.failed = Some(e);
                    return None;
                }
            }
        }
    }

    /// The next row split, a blank one after a blank one passed over ([`keep_row`]).
    fn split(&mut self) -> Result<Option<Row<'a>>, ReadError> {
        let Some(rows) = self.rows.as_mut() else {
            return Ok(None);
        };
        while let Some(row) = rows.next_row()? {
            let blank = row.is_blank();
            let keep = !(blank && self.last_blank);
            self.last_blank = blank;
            if keep {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }
}

/// Rows of a text held as a few bytes for them all: a run of rows without a quote, on lines
/// one after the other (blank lines between them passed over), each read again from the text
/// when it is looked at ([`PlainRun::each`]). For rows a reader only names and skips (a
/// block of 5,000,000 one-cell rows under a four-column header, issue 27).
#[derive(Debug, Clone)]
pub(crate) struct PlainRun<'a> {
    text: &'a str,
    delim: u8,
    /// The first row's start and line, the last row's end (without its line break).
    start: usize,
    line: u32,
    end: usize,
    count: u32,
}

impl<'a> PlainRun<'a> {
    /// A run of `row` alone, where it holds no quote (`text`: the text it was split from).
    pub fn of(row: &Row<'a>, text: &'a str, delim: u8) -> Option<PlainRun<'a>> {
        let line = row.cells.first()?.line;
        let bytes = text.as_bytes().get(row.range.clone())?;
        (line > 0 && memchr::memchr(b'"', bytes).is_none()).then_some(PlainRun {
            text,
            delim,
            start: row.range.start,
            line,
            end: row.range.end,
            count: 1,
        })
    }

    /// Adds `row` to the run where it holds no quote and only blank lines without a quote lie
    /// between it and the run's last row; whether it was added.
    pub fn extend(&mut self, row: &Row<'a>) -> bool {
        let bytes = self.text.as_bytes();
        let Some(gap) = bytes.get(self.end..row.range.start) else {
            return false;
        };
        let next_line = matches!(gap, b"\n" | b"\r\n");
        if self.count == u32::MAX
            || memchr::memchr(b'"', &bytes[self.end..row.range.end]).is_some()
            || !(next_line || self.blank_between(gap))
        {
            return false;
        }
        self.end = row.range.end;
        self.count += 1;
        true
    }

    /// Whether `gap`, the bytes from the run's last row's end to a row's start, is that row's
    /// line break and blank lines.
    fn blank_between(&self, gap: &[u8]) -> bool {
        let Some(lines) = gap
            .strip_prefix(b"\n")
            .or_else(|| gap.strip_prefix(b"\r\n"))
        else {
            return false;
        };
        if lines.last() != Some(&b'\n') {
            return false;
        }
        let (mut pos, end) = (self.end + gap.len() - lines.len(), self.end + gap.len());
        while pos < end {
            let (row, stop) = self.line_at(pos, &mut self.cursor_at(pos));
            if !row.is_ok_and(|r| r.is_blank()) {
                return false;
            }
            pos = stop + 1;
        }
        true
    }

    /// The row of the line starting at `pos`, split as the text's rows are (its cells' places
    /// from `cursor`, at `pos`), and where its line ends.
    fn line_at(
        &self,
        pos: usize,
        cursor: &mut LineCursor<'a>,
    ) -> (Result<Row<'a>, ReadError>, usize) {
        let bytes = self.text.as_bytes();
        let stop = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let mut budget = CellBudget::new("-");
        (budget.max_cells, budget.max_columns) = (u64::MAX, usize::MAX);
        let row = plain_row(self.text, pos..stop, self.delim, cursor, &mut budget, 1);
        (row, stop)
    }

    /// A cursor at `at`, the start of a line (its line number the run's first).
    fn cursor_at(&self, at: usize) -> LineCursor<'a> {
        LineCursor {
            text: self.text,
            at,
            line: self.line,
            column: 1,
        }
    }

    /// The run's rows, each split again as it was (its cells' places included), blank lines
    /// between them passed over.
    pub fn each(&self, mut row: impl FnMut(&Row<'a>)) {
        let mut cursor = self.cursor_at(self.start);
        let (mut pos, mut left) = (self.start, self.count);
        while left > 0 && pos <= self.end {
            let (r, stop) = self.line_at(pos, &mut cursor);
            let Ok(r) = r else {
                return;
            };
            if !r.is_blank() {
                row(&r);
                left -= 1;
            }
            pos = stop + 1;
            cursor.next_line_at(pos);
        }
    }

    /// The run's first row, split again.
    pub fn first_row(&self) -> Option<Row<'a>> {
        self.line_at(self.start, &mut self.cursor_at(self.start))
            .0
            .ok()
    }

    /// The run's first row's trimmed text in column `i` (`""` where it has none).
    pub fn first_text(&self, i: usize) -> &'a str {
        match self.first_row().as_ref().and_then(|r| r.cells.get(i)) {
            Some(Cell {
                text: CellText::Source(t),
                ..
            }) => t,
            _ => "",
        }
    }
}

/// A quote that opens a cell and was read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteNote {
    /// Byte offset of the quote in the source text.
    pub offset: usize,
    /// Why it quotes nothing.
    pub end: QuoteEnd,
}

/// Why a quote that opens a cell was read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuoteEnd {
    /// No quote closes it.
    Never,
    /// The quote at this byte offset would close it, past lines that read as rows.
    Rows(usize),
    /// No quote closes it within this many line breaks ([`limits::QUOTED_LINES`]).
    PastLines(usize),
}

/// The quotes of a text read as text: the first [`QuoteNotes::KEPT`] of them, and how many.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuoteNotes {
    pub kept: Vec<QuoteNote>,
    pub count: usize,
}

impl QuoteNotes {
    /// Quotes noted one by one, at most (the rest are counted: a file of a million stray
    /// quotes does not make a million findings).
    pub const KEPT: usize = 100;

    fn push(&mut self, note: QuoteNote) {
        self.count += 1;
        if self.kept.len() < Self::KEPT {
            self.kept.push(note);
        }
    }

    /// The notes as findings (`table.stray-quote`) on `source`, with one more that counts the
    /// quotes past [`QuoteNotes::KEPT`].
    pub fn findings(&self, source: &SourceText) -> Vec<crate::finding::Finding> {
        use crate::finding::{Finding, Severity, codes};
        let mut out: Vec<Finding> = self
            .kept
            .iter()
            .map(|note| {
                let at = source.locate(note.offset..note.offset + 1);
                let (message, help) = match note.end {
                    QuoteEnd::Rows(close) => {
                        let close_line = source.locate(close..close + 1).line;
                        (
                            format!(
                                "单元格以半角双引号开头，与它配对的引号在第 {close_line} 行，中间的文字含有分隔符，像是表格的几行而不是一个单元格：这个引号按普通文字读取，其后各行照常逐行读取"
                            ),
                            "若引号是多余的，删去它；若确是一个多行的单元格，去掉其中的分隔符，或在 Excel 中另存为 xlsx 再读取",
                        )
                    }
                    QuoteEnd::Never => (
                        "单元格以半角双引号开头，但这个引号没有在本单元格内闭合：按普通文字读取".to_owned(),
                        "若引号是多余的，删去它；若要引用整个单元格，在单元格末尾补上引号",
                    ),
                    QuoteEnd::PastLines(max) => (
                        format!(
                            "单元格以半角双引号开头，在其后 {max} 行内没有与它配对的引号（一个单元格至多跨 {max} 行，{}）：这个引号按普通文字读取，其后各行照常逐行读取",
                            limits::QUOTED_LINES.env
                        ),
                        "若引号是多余的，删去它；若确是一个很长的多行单元格，在 Excel 中另存为 xlsx 再读取",
                    ),
                };
                Finding::at_location(codes::STRAY_QUOTE, Severity::Warning, source, at, message)
                    .label("这个引号")
                    .help(help)
            })
            .collect();
        if self.count > self.kept.len()
            && let Some(last) = self.kept.last()
        {
            let at = source.locate(last.offset..last.offset + 1);
            out.push(Finding::at_location(
                codes::STRAY_QUOTE,
                Severity::Warning,
                source,
                at,
                format!(
                    "另有 {} 处单元格开头的引号同样按普通文字读取，未逐一列出",
                    self.count - self.kept.len()
                ),
            ));
        }
        out
    }
}

/// Whitespace trimmed from cells: ASCII, full-width space, no-break space.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// A cell's text without the spaces around it ([`is_space`]).
pub(crate) fn trim_cell(raw: &str) -> &str {
    trim_with_lead(raw).1
}

/// `raw` without the spaces around it ([`is_space`]), and how many bytes were cut from its
/// start (the trimmed text's offset in `raw`).
fn trim_with_lead(raw: &str) -> (usize, &str) {
    if edges_plain(raw) {
        return (0, raw);
    }
    let rest = raw.trim_start_matches(is_space);
    (raw.len() - rest.len(), rest.trim_end_matches(is_space))
}

/// Whether `raw` neither starts nor ends with a space ([`is_space`]): most cells, which then
/// need no trimming. The edge bytes decide most cells without decoding a character: every
/// space beyond ASCII (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000, U+FEFF) starts with
/// one of five bytes and ends with one of a few (a test checks this against [`is_space`]).
#[inline]
fn edges_plain(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    let first_plain = if first.is_ascii() {
        !(first as char).is_whitespace()
    } else {
        !matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
            || raw.chars().next().is_none_or(|c| !is_space(c))
    };
    let last_plain = if last.is_ascii() {
        !(last as char).is_whitespace()
    } else {
        !matches!(last, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF | 0xBF)
            || raw.chars().next_back().is_none_or(|c| !is_space(c))
    };
    first_plain && last_plain
}

/// The cell of `raw`, a piece of the source text (trimmed: its offset is where the trimmed
/// text lies); `addr` its workbook cell, if any.
#[inline]
fn source_cell(raw: &str, addr: Option<CellAddr>) -> Cell<'_> {
    let (line, column) = addr.map_or((0, 0), |a| (a.row, a.col | WORKBOOK));
    Cell {
        text: CellText::Source(trim_cell(raw)),
        line,
        column,
    }
}

/// The cell of `raw`, text that is not the source's where it lies: at `offset` in the source,
/// with a byte more in the source after each of `escapes` (doubled quotes).
fn placed_cell<'a>(
    raw: Cow<'a, str>,
    offset: usize,
    escapes: Vec<usize>,
    addr: Option<CellAddr>,
) -> Cell<'a> {
    let (lead, text) = match raw {
        Cow::Borrowed(r) => {
            let (lead, text) = trim_with_lead(r);
            (lead, Cow::Borrowed(text))
        }
        // an owned text is copied only when there is something to trim
        Cow::Owned(r) => match trim_with_lead(&r) {
            (0, t) if t.len() == r.len() => (0, Cow::Owned(r)),
            (lead, t) => (lead, Cow::Owned(t.to_owned())),
        },
    };
    let escapes: Vec<usize> = escapes
        .into_iter()
        .filter(|&e| e >= lead)
        .map(|e| e - lead)
        .collect();
    let (line, column) = addr.map_or((0, 0), |a| (a.row, a.col | WORKBOOK));
    Cell {
        text: CellText::Placed(Box::new(Placed {
            text,
            offset: offset + lead,
            escapes,
        })),
        line,
        column,
    }
}

/// How many bytes of `flags` have their high bit set (`flags` has no other bits): the bytes'
/// bits summed by one multiplication (a portable `count_ones` is a dozen instructions).
#[inline]
fn high_bits(flags: u64) -> u32 {
    ((flags >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

/// The characters in UTF-8 `bytes`: the bytes that are not continuation bytes (`10xxxxxx`),
/// counted eight at a time (cells are short; a byte-by-byte count cost a fifth of splitting).
pub(crate) fn chars_in(bytes: &[u8]) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut continuation = 0;
    for w in words {
        let w = u64::from_le_bytes(*w);
        // bit 7 set and bit 6 clear in a byte (the shift moves each byte's bit 6 onto its bit 7)
        continuation += high_bits(w & !(w << 1) & HIGH);
    }
    continuation += rest.iter().filter(|&&b| (b & 0xC0) == 0x80).count() as u32;
    bytes.len() as u32 - continuation
}

/// The first `needle` in `hay`, looked for eight bytes at a time: cells are a few bytes long,
/// too short for a vector search to start up (`memchr` per cell cost twice as much).
pub(crate) fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = LOW * u64::from(needle);
    let (words, rest) = hay.as_chunks::<8>();
    for (k, w) in words.iter().enumerate() {
        // a zero byte where `needle` is; the lowest flag set marks the first one exactly
        let x = u64::from_le_bytes(*w) ^ pattern;
        let found = x.wrapping_sub(LOW) & !x & HIGH;
        if found != 0 {
            return Some(k * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    rest.iter()
        .position(|&b| b == needle)
        .map(|i| words.len() * 8 + i)
}

/// Tracks line and character column while offsets only grow, so positions cost one pass.
struct LineCursor<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    column: u32,
}

impl LineCursor<'_> {
    fn advance_to(&mut self, to: usize) -> (u32, u32) {
        let bytes = self.text.as_bytes();
        let to = to.min(bytes.len());
        if self.at >= to {
            return (self.line, self.column);
        }
        let span = &bytes[self.at..to];
        // characters after the last line break (a count the compiler vectorises)
        let rest = match memchr::memrchr(b'\n', span) {
            Some(nl) => {
                self.line += memchr::memchr_iter(b'\n', span).count() as u32;
                self.column = 1;
                &span[nl + 1..]
            }
            None => span,
        };
        self.column += chars_in(rest);
        self.at = to;
        (self.line, self.column)
    }

    /// [`LineCursor::advance_to`] where no line break lies between here and `to` (the next
    /// cell of a row without quoted fields).
    fn advance_in_line(&mut self, to: usize) -> (u32, u32) {
        let to = to.min(self.text.len());
        if self.at < to {
            self.column += chars_in(&self.text.as_bytes()[self.at..to]);
            self.at = to;
        }
        (self.line, self.column)
    }

    /// Moves to `at`, the start of the line after a line break at `at - 1`, when no other line
    /// break lies between here and there (after a row without quoted fields).
    fn next_line_at(&mut self, at: usize) {
        if self.at < at {
            self.line += 1;
            self.column = 1;
            self.at = at;
        }
    }
}

/// Counts cells against [`limits::COLUMNS`] (per row) and [`limits::CELLS`] (in all).
struct CellBudget<'a> {
    name: &'a str,
    cells: u64,
    max_columns: usize,
    max_cells: u64,
}

impl<'a> CellBudget<'a> {
    fn new(name: &'a str) -> Self {
        CellBudget {
            name,
            cells: 0,
            max_columns: limits::COLUMNS.get_usize(),
            max_cells: limits::CELLS.get(),
        }
    }

    /// Whether the cells counted so far are within the limit (the check inline on every row,
    /// the refusal built out of line).
    #[inline]
    fn within_cells(&self) -> Result<(), ReadError> {
        if self.cells > self.max_cells {
            return Err(self.too_many_cells());
        }
        Ok(())
    }

    #[cold]
    fn too_many_cells(&self) -> ReadError {
        ReadError::TooManyCells {
            name: self.name.into(),
            cells: self.cells,
            max: limits::CELLS.shown(),
            help: limits::CELLS.help(),
        }
    }

    /// Accounts for a row of `columns` cells at 1-based `line`.
    fn row(&mut self, line: usize, columns: usize) -> Result<(), ReadError> {
        if columns > self.max_columns {
            return Err(ReadError::TooManyColumns {
                name: self.name.into(),
                line,
                columns,
                max: limits::COLUMNS.shown(),
                help: limits::COLUMNS.help(),
            });
        }
        self.cells += columns as u64;
        self.within_cells()
    }
}

/// Empty columns between a sheet's columns and a cell past them that make the cell stray: its
/// row alone is padded out to it.
pub(crate) const STRAY_GAP: u32 = 256;

impl CellBudget<'_> {
    /// Accounts, before they are built, for the filled rows of a sheet (`(row, width)`, 0-based
    /// rows) and its `lines` lines in all (an empty line counts as one cell: a sheet's blank rows
    /// count against the limit like any other).
    fn ahead(&mut self, widths: &[(u32, u32)], lines: u64) -> Result<(), ReadError> {
        for &(r, w) in widths {
            if w as usize > self.max_columns {
                return self.row(r as usize + 1, w as usize);
            }
        }
        let filled: u64 = widths.iter().map(|&(_, w)| u64::from(w)).sum();
        let empty = lines.saturating_sub(widths.len() as u64);
        self.cells = self.cells.saturating_add(filled).saturating_add(empty);
        self.within_cells()
    }
}

/// Splits delimited text into rows. Line breaks are `\n` or `\r\n`; a field is quoted only if
/// its first character is `"`; a quote that never closes makes the field plain text.
#[cfg(test)]
pub(crate) fn split_delimited(text: &str, delim: u8) -> Vec<Row<'_>> {
    split_from_line(text, delim, &mut CellBudget::new("-"), 1).expect("within limits")
}

/// Splits delimited text whose first line is line `first_line` of the input into rows.
fn split_from_line<'a>(
    text: &'a str,
    delim: u8,
    budget: &mut CellBudget,
    first_line: u32,
) -> Result<Vec<Row<'a>>, ReadError> {
    split_rows(
        text,
        delim,
        budget,
        first_line,
        true,
        &mut QuoteNotes::default(),
    )
}

/// [`split_from_line`]; `plain_rows` false reads every row with the general loop (for the test
/// that the shortcut for rows without quotes reads the same).
fn split_rows<'a>(
    text: &'a str,
    delim: u8,
    budget: &mut CellBudget,
    first_line: u32,
    plain_rows: bool,
    notes: &mut QuoteNotes,
) -> Result<Vec<Row<'a>>, ReadError> {
    let mut rows = rows_for(text.as_bytes());
    // whether the last row kept is blank ([`keep_row`])
    let mut last_blank = false;
    let mut split = TextRows::new(text, delim, budget, first_line, plain_rows, notes);
    while let Some(row) = split.next_row()? {
        keep_row(&mut rows, row, &mut last_blank);
    }
    Ok(rows)
}

/// The rows of delimited text split one at a time ([`split_rows`] keeps them all; a walk of a
/// block's rows, [`Grid::walk_rows`], holds one or two).
struct TextRows<'a, 'r, 'n> {
    text: &'a str,
    delim: u8,
    pos: usize,
    plain_rows: bool,
    /// The cells of the row before (rows of a table have as many cells as the row before,
    /// mostly).
    capacity: usize,
    cursor: LineCursor<'a>,
    budget: &'r mut CellBudget<'n>,
    quotes: Quotes<'r>,
}

impl<'a, 'r, 'n> TextRows<'a, 'r, 'n> {
    fn new(
        text: &'a str,
        delim: u8,
        budget: &'r mut CellBudget<'n>,
        first_line: u32,
        plain_rows: bool,
        notes: &'r mut QuoteNotes,
    ) -> Self {
        TextRows {
            text,
            delim,
            pos: 0,
            plain_rows,
            capacity: 8,
            cursor: LineCursor {
                text,
                at: 0,
                line: first_line,
                column: 1,
            },
            budget,
            quotes: Quotes {
                no_quote_from: text.len(),
                max_lines: limits::QUOTED_LINES.get_usize(),
                notes,
            },
        }
    }

    /// The next row (`None` past the text's end).
    #[inline]
    fn next_row(&mut self) -> Result<Option<Row<'a>>, ReadError> {
        let (text, delim) = (self.text, self.delim);
        let bytes = text.as_bytes();
        let n = bytes.len();
        let row_start = self.pos;
        if row_start >= n {
            return Ok(None);
        }
        // no quoted field in the row so far: no line break between its cells
        if self.cursor.at < row_start {
            self.cursor.advance_to(row_start);
        }
        // most rows hold no quote at all: their cells lie between delimiters on one line (one
        // search finds the line break or a quote, whichever comes first)
        let first = memchr::memchr2(b'\n', b'"', &bytes[row_start..]).map_or(n, |i| row_start + i);
        let row = if self.plain_rows && (first == n || bytes[first] == b'\n') {
            let row = plain_row(
                text,
                row_start..first,
                delim,
                &mut self.cursor,
                self.budget,
                self.capacity,
            )?;
            self.pos = first;
            if first < n {
                self.pos += 1;
                self.cursor.next_line_at(self.pos);
            }
            row
        } else {
            let row;
            (row, self.pos) = quoted_row(
                text,
                row_start,
                delim,
                &mut self.cursor,
                self.budget,
                self.capacity,
                &mut self.quotes,
            )?;
            row
        };
        self.capacity = row.cells.len();
        Ok(Some(row))
    }
}

/// What [`split_rows`] knows of a text's quotes as it goes.
struct Quotes<'n> {
    /// No `"` at or after this offset: an unclosed quote need not search again (no n² scans).
    no_quote_from: usize,
    /// Line breaks a quoted cell may span, as the streaming reader has it.
    max_lines: usize,
    /// The quotes read as text.
    notes: &'n mut QuoteNotes,
}

impl Quotes<'_> {
    /// The quoted field at `pos` (a `"`): its text, doubled-quote positions and the byte after
    /// it; `None`, the quote noted, where it quotes nothing.
    fn field<'a>(
        &mut self,
        text: &'a str,
        pos: usize,
        delim: u8,
    ) -> Option<(Cow<'a, str>, Vec<usize>, usize)> {
        let bytes = text.as_bytes();
        let read = if pos + 1 < self.no_quote_from {
            read_quoted(text, pos, delim, self.max_lines)
        } else {
            Err(QuoteFail::Unclosed)
        };
        let end = match read {
            Ok(field) => return Some(field),
            Err(QuoteFail::Tail) => return None,
            Err(QuoteFail::Unclosed) => {
                if pos + 1 < self.no_quote_from && !bytes[pos + 1..].contains(&b'"') {
                    self.no_quote_from = pos + 1;
                }
                QuoteEnd::Never
            }
            Err(QuoteFail::Rows { close }) => QuoteEnd::Rows(close),
            Err(QuoteFail::PastLines) => QuoteEnd::PastLines(self.max_lines),
        };
        self.notes.push(QuoteNote { offset: pos, end });
        None
    }
}

/// The row starting at `row_start`, one that holds a `"` (a quoted field may span lines), and
/// the byte after its line break: each field quoted where its quote quotes ([`Quotes::field`]),
/// else plain up to the next delimiter or line break.
fn quoted_row<'a>(
    text: &'a str,
    row_start: usize,
    delim: u8,
    cursor: &mut LineCursor<'_>,
    budget: &mut CellBudget,
    capacity: usize,
    quotes: &mut Quotes,
) -> Result<(Row<'a>, usize), ReadError> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut pos = row_start;
    let mut cells = Vec::with_capacity(capacity);
    let mut in_line = true;
    loop {
        // one field at `pos`
        let field = if pos < n && bytes[pos] == b'"' {
            quotes.field(text, pos, delim)
        } else {
            None
        };
        let (mut cell, next) = match field {
            Some((raw, escapes, next)) => {
                in_line = false;
                let cell = match raw {
                    // the quoted text is a piece of the source
                    Cow::Borrowed(raw) => source_cell(raw, None),
                    Cow::Owned(_) => placed_cell(raw, pos + 1, escapes, None),
                };
                (cell, next)
            }
            None => plain_field(text, pos, delim),
        };
        let offset = cell.offset(text);
        (cell.line, cell.column) = if in_line {
            cursor.advance_in_line(offset)
        } else {
            cursor.advance_to(offset)
        };
        cells.push(cell);
        if cells.len() > budget.max_columns {
            budget.row(cursor.line as usize, cells.len())?;
        }
        pos = next;
        if pos < n && bytes[pos] == delim {
            pos += 1;
            continue;
        }
        break;
    }
    budget.row(cursor.line as usize, cells.len())?;
    let mut end = pos;
    if end > row_start && end <= n && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    if pos < n && bytes[pos] == b'\n' {
        pos += 1;
        if in_line {
            cursor.next_line_at(pos);
        }
    }
    let row = Row {
        cells,
        range: row_start..end.max(row_start),
    };
    Ok((row, pos))
}

/// The plain field at `pos`, up to the next delimiter or line break (a CRLF's `\r` left out),
/// and the byte after it.
fn plain_field(text: &str, pos: usize, delim: u8) -> (Cell<'_>, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let end = memchr::memchr2(delim, b'\n', &bytes[pos..])
        .map(|i| pos + i)
        .unwrap_or(n);
    let mut raw_end = end;
    if raw_end > pos && bytes[raw_end - 1] == b'\r' && (end == n || bytes[end] == b'\n') {
        raw_end -= 1;
    }
    (source_cell(&text[pos..raw_end], None), end)
}

/// The list of a text's rows: a row for each line, reserved at once; but a text of short lines
/// (50 MB of blank lines) reserves no more than a row for 32 bytes of it (the rows kept grow
/// the list: a reservation per line was 2 GB of address space, past a server worker's limit).
fn rows_for<'a>(bytes: &[u8]) -> Vec<Row<'a>> {
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    Vec::with_capacity(lines.min(bytes.len() / 32 + 16))
}

/// Keeps a row read from text, unless it is blank and follows a blank row (a run of blank
/// rows is kept as its first: every layout reads a run as it reads one blank row, and the
/// others are not held; their cells were counted as they were read: Excel writes blank rows
/// past its data, and 50 MB of blank lines held took 2 GB before the cell limit refused them).
#[inline]
fn keep_row<'a>(rows: &mut Vec<Row<'a>>, row: Row<'a>, last_blank: &mut bool) {
    let blank = row.is_blank();
    if !(blank && *last_blank) {
        rows.push(row);
    }
    *last_blank = blank;
}

/// The row of text `line` (a line without a `"`, its line break excluded): a cell between
/// each two delimiters, trimmed, with the line and column where its text starts. Reads as the
/// general loop of [`split_from_line`] would (a test compares the two).
fn plain_row<'a>(
    text: &'a str,
    line: Range<usize>,
    delim: u8,
    cursor: &mut LineCursor<'_>,
    budget: &mut CellBudget,
    capacity: usize,
) -> Result<Row<'a>, ReadError> {
    let bytes = text.as_bytes();
    // a CRLF line's `\r` belongs to no cell
    let end = if line.end > line.start && bytes[line.end - 1] == b'\r' {
        line.end - 1
    } else {
        line.end
    };
    let mut cells = Vec::with_capacity(capacity);
    let mut start = line.start;
    loop {
        let stop = find_byte(&bytes[start..end], delim).map_or(end, |i| start + i);
        // an empty cell (most rows have several) needs no trimming
        let (lead, trimmed) = if stop == start {
            (0, &text[start..stop])
        } else {
            trim_with_lead(&text[start..stop])
        };
        let (line, column) = cursor.advance_in_line(start + lead);
        cells.push(Cell {
            text: CellText::Source(trimmed),
            line,
            column,
        });
        if cells.len() > budget.max_columns {
            budget.row(cursor.line as usize, cells.len())?;
        }
        if stop == end {
            break;
        }
        start = stop + 1;
    }
    budget.row(cursor.line as usize, cells.len())?;
    Ok(Row {
        cells,
        range: line.start..end,
    })
}

/// Why a quote that opens a field does not quote it (the field is then plain text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteFail {
    /// No quote closes it (in its cell: one closing on a later line with text after it is
    /// none).
    Unclosed,
    /// Text follows the closing quote before the delimiter (`"a"b`): read as Excel reads it.
    Tail,
    /// The quoted text spans lines that read as rows ([`reads_as_rows`]); `close` is the
    /// closing quote.
    Rows { close: usize },
    /// No quote closes it within the line breaks a cell may span ([`limits::QUOTED_LINES`]).
    PastLines,
}

/// Whether quoted text that spans lines reads as rows of a table rather than as one cell of
/// several lines: a line of it holds a tab (in tab-separated text), or two commas that are not
/// thousands separators between digits (in a CSV).
fn reads_as_rows(quoted: &[u8], delim: u8) -> bool {
    if memchr::memchr(b'\n', quoted).is_none() {
        return false;
    }
    quoted.split(|&b| b == b'\n').any(|line| {
        let mut n = 0;
        for i in memchr::memchr_iter(delim, line) {
            let digits = delim == b','
                && i > 0
                && line[i - 1].is_ascii_digit()
                && line.get(i + 1).is_some_and(u8::is_ascii_digit);
            n += usize::from(!digits);
        }
        n >= if delim == b'\t' { 1 } else { 2 }
    })
}

/// Reads a quoted field starting at `start` (the opening quote), whose close is looked for
/// over `max_lines` line breaks at most. Returns the unquoted text, the doubled-quote positions
/// and the byte after the field; why not where it does not quote.
fn read_quoted(
    text: &str,
    start: usize,
    delim: u8,
    max_lines: usize,
) -> Result<(Cow<'_, str>, Vec<usize>, usize), QuoteFail> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut escapes = Vec::new();
    let mut i = start + 1;
    let mut lines = 0;
    let close;
    loop {
        let q = loop {
            match memchr::memchr2(b'"', b'\n', &bytes[i..]) {
                None => return Err(QuoteFail::Unclosed),
                Some(k) if bytes[i + k] == b'"' => break i + k,
                Some(k) => {
                    lines += 1;
                    if lines > max_lines {
                        return Err(QuoteFail::PastLines);
                    }
                    out.push_str(&text[i..=i + k]);
                    i += k + 1;
                }
            }
        };
        out.push_str(&text[i..q]);
        if q + 1 < bytes.len() && bytes[q + 1] == b'"' {
            escapes.push(out.len());
            out.push('"');
            i = q + 2;
        } else {
            close = q;
            i = q + 1;
            break;
        }
    }
    // text after the closing quote up to the delimiter is kept (lenient, as Excel reads it)
    let end = bytes[i..]
        .iter()
        .position(|&b| b == delim || b == b'\n')
        .map(|k| i + k)
        .unwrap_or(bytes.len());
    let tail = text[i..end].trim_end_matches('\r');
    if !tail.trim().is_empty() {
        // a quote that closes on another line, text after it: it quoted nothing on its line
        return Err(if memchr::memchr(b'\n', &bytes[start..close]).is_some() {
            QuoteFail::Unclosed
        } else {
            QuoteFail::Tail
        });
    }
    if reads_as_rows(&bytes[start + 1..close], delim) {
        return Err(QuoteFail::Rows { close });
    }
    // without a doubled quote the text is one piece of the source: borrow it
    let text = if escapes.is_empty() {
        Cow::Borrowed(&text[start + 1..start + 1 + out.len()])
    } else {
        Cow::Owned(out)
    };
    Ok((text, escapes, end))
}

/// One block of a text input read in blocks (streaming): whole rows, `lines_before` lines of the
/// input before it. Lines were checked against the line limit as the block was cut; the column
/// limit holds per row; the cell limit (which bounds memory for a whole input) does not apply.
pub(crate) fn from_block(
    name: &str,
    text: std::sync::Arc<String>,
    format: InputFormat,
    encoding: &'static str,
    lines_before: usize,
) -> Result<Grid, ReadError> {
    let delim = match format {
        InputFormat::Csv => b',',
        _ => b'\t',
    };
    let source =
        SourceText::shared(name, text, format, encoding, None).starting_after(lines_before);
    Ok(Grid {
        source,
        rows: GridRows::Text {
            delim,
            first_line: lines_before as u32 + 1,
            whole: false,
        },
        sheets: Vec::new(),
        notes: Vec::new(),
    })
}

/// The cells of one row's text (a row of a block being cut; no positions needed).
pub(crate) fn row_cells(text: &str, delim: u8) -> Vec<Row<'_>> {
    let mut budget = CellBudget::new("-");
    budget.max_cells = u64::MAX;
    budget.max_columns = usize::MAX;
    split_from_line(text, delim, &mut budget, 1).unwrap_or_default()
}

/// Reads delimited text, within the line, column and cell limits.
pub(crate) fn from_text(
    name: &str,
    text: String,
    format: InputFormat,
    encoding: &'static str,
) -> Result<Grid, ReadError> {
    let delim = match format {
        InputFormat::Csv => b',',
        _ => b'\t',
    };
    let max_line = limits::LINE.get_usize();
    if text.len() > max_line {
        for (i, line) in text.split('\n').enumerate() {
            if line.len() > max_line {
                return Err(ReadError::LineTooLong {
                    name: name.into(),
                    line: i + 1,
                    bytes: line.len(),
                    max: limits::LINE.shown(),
                    help: limits::LINE.help(),
                });
            }
        }
    }
    let source = SourceText::new(name, text, format, encoding, None);
    Ok(Grid {
        source,
        rows: GridRows::Text {
            delim,
            first_line: 1,
            whole: true,
        },
        sheets: Vec::new(),
        notes: Vec::new(),
    })
}

/// Unzips every part of a workbook once, counting the bytes that come out (not the sizes the
/// zip declares, which a bomb may fake), so calamine never meets more than
/// [`limits::UNZIPPED`]. Returns what the zip holds: an xlsx has `xl/workbook.xml`, a Word
/// document `word/document.xml`.
pub(crate) fn check_zip(name: &str, bytes: &[u8]) -> Result<ZipCheck, ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // not a zip calamine can read either: let it give its own error
        return Ok(ZipCheck {
            kind: ZipKind::Other,
            formulas: workbook::SecondLook::MAYBE,
        });
    };
    refuse_parts_named_twice(name, &zip)?;
    formats::zip_headers::refuse_disagreeing(name, bytes, &mut zip)?;
    let max = limits::unzip_budget(bytes.len() as u64);
    let too_large = |part: &str| unzipped_too_large(name, part, bytes.len() as u64, max);
    let mut total: u64 = 0;
    let mut kind = ZipKind::Other;
    let mut content = false;
    let mut cells = workbook::TagCount::rows_and_cells();
    let mut items = workbook::TagCount::word_items();
    // a formula element in any part (a sheet's part may be named anything its workbook says)
    let mut formulas = workbook::FormulaSeen::default();
    let mut hidden = formats::WordSeen::new(formats::hidden::HIDDEN);
    // a run set raised or lowered, in the shared strings, in a sheet (`xlsx_raised`)
    let mut raised_shared = formats::WordSeen::new(formats::xlsx_raised::VERT_ALIGN);
    let mut raised_sheet = formats::WordSeen::new(formats::xlsx_raised::VERT_ALIGN);
    let mut sink = [0u8; 64 * 1024];
    let mut long = false;
    // the first part whose bytes did not unzip whole or whose checksum disagrees with them:
    // the readers after this one stop at a part's closing tag, never reaching the checksum,
    // and a damaged part (a figure's digit changed in a stored part) was read without a word
    let mut damaged: Option<(String, std::io::Error)> = None;
    let mut long_word = formats::xml_cut::LongRun::default();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        match part.as_str() {
            "xl/workbook.xml" => kind = ZipKind::Xlsx,
            "word/document.xml" if kind == ZipKind::Other => kind = ZipKind::Docx,
            _ => {}
        }
        if total.saturating_add(entry.size()) > max {
            return Err(too_large(&part));
        }
        // the shared strings' start tag, whose `uniqueCount` calamine reserves from
        let strings = formats::xml_cut::is_shared_strings(&part);
        let mut head = Vec::new();
        let sheet = formats::xml_cut::is_worksheet(&part);
        let mut long_cell = formats::xml_cut::LongCell::default();
        let word = part == "word/document.xml";
        let mut held = workbook::TagCount::strings();
        let mut long_shared = formats::xml_cut::Measure::default();
        let mut part_bytes: u64 = 0;
        loop {
            match std::io::Read::read(&mut entry, &mut sink) {
                Ok(0) => break,
                Err(e) => {
                    damaged.get_or_insert((part.clone(), e));
                    break;
                }
                Ok(k) => {
                    total += k as u64;
                    part_bytes += k as u64;
                    formulas.feed(&sink[..k]);
                    if strings {
                        if head.len() < 4096 {
                            head.extend_from_slice(&sink[..k.min(4096 - head.len())]);
                        }
                        held.feed(&sink[..k]);
                        raised_shared.feed(&sink[..k]);
                        long_shared.feed(entry.size(), &sink[..k]);
                        workbook::check_count(name, Some(&part), held.count)?;
                    } else if sheet {
                        // counted across the worksheets: the cell limit is the workbook's
                        let before = cells.count;
                        cells.feed(&sink[..k]);
                        hidden.feed(&sink[..k]);
                        raised_sheet.feed(&sink[..k]);
                        long |= long_cell.feed(k as u64, cells.count != before);
                        if cells.count != before {
                            workbook::check_count(name, None, cells.count)?;
                        }
                    } else if word {
                        items.feed(&sink[..k]);
                        long_word.feed(&sink[..k]);
                        workbook::check_count(name, None, items.count)?;
                    }
                    if total > max {
                        return Err(too_large(&part));
                    }
                }
            }
        }
        if strings {
            workbook::check_shared_strings(name, &part, &head, part_bytes)?;
            long |= long_shared.long();
        }
        if part == "content.xml" {
            content = true;
        }
    }
    if let Some((part, e)) = damaged {
        return Err(damaged_part(name, kind, &part, &e));
    }
    Ok(ZipCheck {
        kind: guard_kind(name, &mut zip, kind, content)?,
        formulas: workbook::SecondLook {
            formulas: formulas.seen,
            hidden: hidden.seen,
            raised_shared: raised_shared.seen,
            raised_sheet: raised_sheet.seen,
            long_shared: long,
            long_word: long_word.long,
        },
    })
}

/// `Err` where a part is named twice: the readers see one of them (the last), another program
/// may show the other; Excel and Word refuse such a file, and so does this reader. Part names
/// are the same whatever their ASCII case (OPC), and calamine finds a part so and through `\`
/// as well: `xl/worksheets/sheet1.xml` beside `XL/Worksheets/Sheet1.xml` or
/// `xl\worksheets\sheet1.xml` is named twice too (the sixth probe: the later one was read).
fn refuse_parts_named_twice(
    name: &str,
    zip: &zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<(), ReadError> {
    let mut seen = std::collections::HashSet::new();
    let equivalent = zip
        .file_names()
        .filter_map(Result::ok)
        .any(|n| !seen.insert(n.replace('\\', "/").to_ascii_lowercase()));
    if zip.has_duplicate_names() || equivalent {
        return Err(ReadError::Workbook {
            name: name.into(),
            source: calamine::Error::Msg(
                "压缩包中有同名的部件（只读得到其中一个），不是 Excel 或 Word 写出的文件",
            ),
        });
    }
    Ok(())
}

/// The error for a part of a workbook or Word document that did not unzip whole (its
/// checksum disagrees with its bytes, its compressed data ends early or is not deflate, a
/// method the reader lacks): named with the part, never read as if whole.
fn damaged_part(name: &str, kind: ZipKind, part: &str, e: &std::io::Error) -> ReadError {
    let said = e.to_string();
    let why = if said.contains("checksum") {
        format!("部件 {part} 已损坏：解压出的内容与压缩包记下的校验和（CRC-32）不符，内容不可信")
    } else {
        format!("部件 {part} 无法完整解压（{said}）")
    };
    if kind == ZipKind::Docx {
        ReadError::Document {
            name: name.into(),
            why,
        }
    } else {
        ReadError::Workbook {
            name: name.into(),
            source: calamine::Error::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, why)),
        }
    }
}

/// The kind of a zip whose parts were read (`kind` from its part names, `content` if it has an
/// OpenDocument `content.xml`), guarded as that kind before calamine holds it.
fn guard_kind(
    name: &str,
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    mut kind: ZipKind,
    content: bool,
) -> Result<ZipKind, ReadError> {
    // a workbook calamine finds through `_rels/.rels` elsewhere than `xl/workbook.xml` is an
    // xlsx too (read cell by cell, never as a dense range)
    if kind == ZipKind::Other && formats::xlsx_parts::names_a_workbook(zip) {
        kind = ZipKind::Xlsx;
    }
    // an xlsx's sheets and styles, as its parts say them, before calamine holds them
    if kind == ZipKind::Xlsx {
        formats::xlsx_parts::guard(name, zip)?;
    }
    // an OpenDocument sheet, whatever its name says (an `.ods` saved as `.xlsx`): its repeated
    // rows and columns are counted before calamine expands them
    if kind == ZipKind::Other && content {
        kind = ZipKind::Ods;
        if let Ok(entry) = zip.by_name("content.xml") {
            workbook::guard_ods(name, std::io::BufReader::new(entry))?;
        }
    }
    Ok(kind)
}

/// The error of a workbook unzipping past `max` bytes: past [`limits::UNZIPPED`], or past
/// [`limits::UNZIP_RATIO`] times its size where that bound is the lower.
fn unzipped_too_large(name: &str, part: &str, file_bytes: u64, max: u64) -> ReadError {
    let (max, why, help) = if max < limits::UNZIPPED.get() {
        (
            format!("{} MB", max >> 20),
            format!(
                "；即文件 {file_bytes} 字节的 {} 倍，至少 {} MB",
                limits::UNZIP_RATIO.shown(),
                limits::UNZIP_RATIO_FREE >> 20
            ),
            limits::UNZIP_RATIO.help(),
        )
    } else {
        (
            limits::UNZIPPED.shown(),
            String::new(),
            limits::UNZIPPED.help(),
        )
    };
    ReadError::UnzippedTooLarge {
        name: name.into(),
        part: format!("{part}{why}"),
        max,
        help,
    }
}

/// What [`check_zip`] found of a zip: its kind, and whether a part holds a formula.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ZipCheck {
    pub kind: ZipKind,
    pub formulas: workbook::SecondLook,
}

/// What a zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZipKind {
    Xlsx,
    Docx,
    /// An OpenDocument sheet (`content.xml`, no `xl/workbook.xml`).
    Ods,
    Other,
}

/// Reads a workbook or a Word document into a grid over a synthetic text (one line per sheet
/// row, cells joined by tabs, line breaks inside cells shown as spaces; sheets one after
/// another): every sheet, or `sheet` alone where named. Cells are read as shown ([`workbook`]).
pub(crate) fn from_workbook(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<Grid, ReadError> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let ZipCheck { kind, formulas } = if is_zip {
        check_zip(name, &bytes)?
    } else {
        ZipCheck {
            kind: ZipKind::Other,
            formulas: workbook::SecondLook::MAYBE,
        }
    };
    if kind == ZipKind::Docx {
        let sheets = docx::read_sheets(name, &bytes, formulas.long_word)?;
        return sheets_grid(name, sheets, InputFormat::Docx, "docx");
    }
    let is_xlsx = kind == ZipKind::Xlsx;
    let sheets = workbook::read_sheets(name, bytes, sheet, is_xlsx.then_some(formulas))?;
    let label = if is_xlsx || is_zip { "xlsx" } else { "xls" };
    sheets_grid(name, sheets, InputFormat::Xlsx, label)
}

/// The grid of several sheets from their used cells (0-based positions, any order): each
/// sheet's rows from its first row to its last used one, each as wide as the sheet's used
/// columns (Excel pads rows) up to the first gap of more than [`STRAY_GAP`] empty columns; a row
/// with a cell past that gap (a stray far cell) is as wide as its own last cell. Every cell the
/// rows will hold, and one for each empty line, is counted against [`limits::CELLS`] before
/// the rows are built.
///
/// The synthetic text has a line for each of a sheet's rows, empty ones too, and every cell
/// keeps its sheet address; but of a run of empty lines (rows of the sheet with no cell, none
/// under a merge) only the first is held as a [`Row`]: every layout reads a run of blank rows
/// as it reads one, as the text reader keeps them (`keep_row`), and 2,000,000 empty `<tr>` of a
/// web page (8 MB) were a 40-byte `Row` each. Merges are placed on the rows held.
pub(crate) fn sheets_grid(
    name: &str,
    sheets: Vec<SheetCells>,
    format: InputFormat,
    encoding: &'static str,
) -> Result<Grid, ReadError> {
    let mut budget = CellBudget::new(name);
    let mut out = SheetsOut::default();
    let single = (sheets.len() == 1).then(|| sheets[0].name.clone());
    // each sheet's cells given back as soon as they are in the grid
    for mut sheet in sheets {
        out.sheet(&mut sheet, &mut budget, true)?;
    }
    let SheetsOut {
        text,
        rows,
        spans,
        segments,
        notes,
        ..
    } = out;
    let source = match single {
        Some(sheet) => SourceText::new(name, text, format, encoding, Some(sheet)),
        None => SourceText::new(name, text, format, encoding, None).with_segments(segments),
    };
    Ok(Grid {
        source,
        rows: GridRows::Cells(rows),
        sheets: spans,
        notes,
    })
}

/// The grid of one sheet's cells alone, without its merges and notes (whether a web page's
/// table holds a table is asked so): its cells are left sorted by place, not copied.
pub(crate) fn cells_grid(
    name: &str,
    sheet: &mut SheetCells,
    format: InputFormat,
    encoding: &'static str,
) -> Result<Grid, ReadError> {
    let mut out = SheetsOut::default();
    out.sheet(sheet, &mut CellBudget::new(name), false)?;
    Ok(Grid {
        source: SourceText::new(name, out.text, format, encoding, Some(sheet.name.clone())),
        rows: GridRows::Cells(out.rows),
        sheets: out.spans,
        notes: out.notes,
    })
}

/// The grid [`sheets_grid`] builds, sheet by sheet.
#[derive(Default)]
struct SheetsOut {
    text: String,
    rows: HeldRows,
    /// Lines of `text` so far (a line a sheet row; more than `rows` where runs of empty lines
    /// are held as one row).
    lines: usize,
    spans: Vec<SheetSpan>,
    segments: Vec<Segment>,
    notes: Vec<(Location, CellNote)>,
}

impl SheetsOut {
    /// One sheet: its cells counted against the limits, then its rows and merges (the
    /// sheet's cells are left sorted by place).
    /// Without `merges_and_notes`, the sheet's merges and notes are left out.
    fn sheet(
        &mut self,
        sheet: &mut SheetCells,
        budget: &mut CellBudget,
        merges_and_notes: bool,
    ) -> Result<(), ReadError> {
        sheet.sort();
        let sheet_name = sheet.name.clone();
        // taken, not copied: a Word table of 300,000 vertical merges held them twice
        let (merges, notes_here) = match merges_and_notes {
            true => (
                std::mem::take(&mut sheet.merges),
                std::mem::take(&mut sheet.notes),
            ),
            false => (Vec::new(), Vec::new()),
        };
        let widths = row_widths(sheet);
        let last = widths.last().map_or(0, |w| w.0);
        budget.ahead(&widths, u64::from(last) + 1)?;
        let merges: Vec<CellMerge> = merges
            .into_iter()
            .filter(|((r0, c0), (r1, c1))| r0 <= r1 && c0 <= c1 && (r0 < r1 || c0 < c1))
            .collect();
        let mut merged = merged_rows(&merges).into_iter().peekable();
        let notes_here: std::collections::HashMap<(u32, u32), CellNote> =
            notes_here.into_iter().collect();
        // the grid's first sheet lays its own text out as the lines, in place (its cells'
        // texts are not copied: an xlsx of 120 MB of inline strings held them twice); another
        // sheet is copied after the text before it, reserved once (grown by doubling, a text
        // of one-byte cells took twice its size, three times while moved)
        let base = self.text.len();
        let laid = base == 0 && merges_and_notes;
        let mut own_here = Vec::new();
        if laid {
            own_here = self.lay_out_in_place(sheet, &widths, last, &notes_here);
        } else {
            // (a tab between two cells, a line break after each sheet row, empty ones too)
            let held_cells: usize = widths.iter().map(|w| w.1 as usize).sum();
            self.text
                .reserve(sheet.text_len() + held_cells + last as usize + 1);
        }
        let mut own_here = own_here.into_iter().peekable();
        let first_row = self.rows.rows.len();
        self.segments.push(Segment {
            start: base,
            first_line: self.lines,
            name: sheet_name.clone(),
        });
        // the sheet row of each row held, ascending (merges are placed by it)
        let mut held: Vec<u32> = Vec::with_capacity(widths.len() + 1);
        let mut widths = widths.into_iter().peekable();
        let (mut next, mut placed) = (sheet.iter().peekable(), 0..sheet.len());
        let (mut empty_before, mut pos) = (false, base);
        for r in 0..=last {
            while merged.next_if(|m| m.end() < &r).is_some() {}
            let width = widths.next_if(|w| w.0 == r).map(|w| w.1);
            let under_merge = merged.peek().is_some_and(|m| m.contains(&r));
            let row_start = pos;
            let empty = width.is_none() && !under_merge;
            if empty && empty_before {
                // a run of empty lines: the line, not a row
                if !laid {
                    self.text.push('\n');
                }
                pos += 1;
                self.lines += 1;
                continue;
            }
            empty_before = empty;
            match width {
                Some(width) if laid => {
                    // the line laid out already: its cells' bytes and the tabs between them
                    let mut len = width as usize - 1;
                    while let Some(k) = placed.clone().next().filter(|&k| sheet.place(k).0.0 == r) {
                        len += sheet.place(k).1.len();
                        placed.next();
                    }
                    pos += len;
                    let k = self.rows.rows.len();
                    while let Some(((_, c), raw)) = own_here.next_if(|o| o.0.0 == r) {
                        self.rows.own.push(((k, c), raw));
                    }
                }
                Some(width) => {
                    self.row_cells(r, width, &mut next, &notes_here);
                    pos = self.text.len();
                }
                None => {}
            }
            let row_end = pos;
            if !laid {
                self.text.push('\n');
            }
            pos += 1;
            self.lines += 1;
            held.push(r);
            self.rows.rows.push(HeldRow {
                range: row_start..row_end,
                row: r + 1,
                width: width.unwrap_or(0),
            });
        }
        let merges = merges
            .into_iter()
            .map(|((r0, c0), (r1, c1))| Merge {
                rows: first_row + held_index(&held, r0)..first_row + held_index(&held, r1) + 1,
                cols: c0 as usize..c1 as usize + 1,
            })
            .collect();
        self.spans.push(SheetSpan {
            name: sheet_name,
            rows: first_row..self.rows.rows.len(),
            merges,
        });
        Ok(())
    }

    /// Lays the sheet's own text (the grid's first sheet, `self.text` empty) out in place as
    /// the lines [`SheetsOut::row_cells`] writes, a line a sheet row (`widths`, rows to
    /// `last`): the string grown once to the lines' length, then each cell's bytes moved from
    /// the last to the first to where its line puts it (never before where they were: only
    /// tabs and line breaks come in between, so no byte is moved over one not yet moved), the
    /// separators written between them. Notes are pushed as `row_cells` pushes them; the cells
    /// whose text holds a line break or tab are given back by sheet row and column, their text
    /// as it was, ascending.
    fn lay_out_in_place(
        &mut self,
        sheet: &mut SheetCells,
        widths: &[(u32, u32)],
        last: u32,
        notes_here: &std::collections::HashMap<(u32, u32), CellNote>,
    ) -> Vec<((u32, u32), String)> {
        let tabs: usize = widths.iter().map(|w| w.1 as usize - 1).sum();
        let mut buf = sheet.take_text().into_bytes();
        let (mut from, len) = (buf.len(), buf.len() + tabs + last as usize + 1);
        buf.resize(len, 0);
        let (mut own, mut notes) = (Vec::new(), Vec::new());
        let mut k = sheet.len();
        let mut pos = len;
        let mut widths = widths.iter().rev().peekable();
        for r in (0..=last).rev() {
            pos -= 1;
            buf[pos] = b'\n';
            let Some(&(_, width)) = widths.next_if(|w| w.0 == r) else {
                continue;
            };
            for c in (0..width).rev() {
                if let Some((at, text)) = k.checked_sub(1).map(|p| sheet.place(p))
                    && at == (r, c)
                {
                    k -= 1;
                    pos -= text.len();
                    from = text.start;
                    buf.copy_within(text.clone(), pos);
                    let cell = &mut buf[pos..pos + text.len()];
                    if cell.iter().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
                        own.push(((r, c), String::from_utf8_lossy(cell).into_owned()));
                        for b in cell
                            .iter_mut()
                            .filter(|b| matches!(b, b'\n' | b'\r' | b'\t'))
                        {
                            *b = b' ';
                        }
                    }
                    if let Some(note) = notes_here.get(&(r, c)) {
                        notes.push((pos, text.len(), r, c, note.clone()));
                    }
                } else if let Some(note) = notes_here.get(&(r, c)) {
                    notes.push((pos, 0, r, c, note.clone()));
                }
                if c > 0 {
                    pos -= 1;
                    buf[pos] = b'\t';
                }
            }
        }
        debug_assert!(pos == 0 && k == 0 && from == 0, "{pos} {k} {from}");
        // only whole characters were moved and ASCII written between them
        self.text = String::from_utf8(buf)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        for (offset, len, r, c, note) in notes.into_iter().rev() {
            let cell = Some(CellAddr {
                row: r + 1,
                col: c + 1,
            });
            let at = Location {
                offset,
                len,
                line: r + 1,
                column: c + 1,
                cell,
            };
            self.notes.push((at, note));
        }
        own.reverse();
        own
    }

    /// The cells of sheet row `r`, `width` of them (from the sorted `next`, empty where it has
    /// none), written into the text as a line of tab-joined cells (line breaks and tabs in a
    /// cell shown as spaces) and held; cells with a note noted in `notes`.
    fn row_cells<'c>(
        &mut self,
        r: u32,
        width: u32,
        next: &mut std::iter::Peekable<impl Iterator<Item = ((u32, u32), &'c str)>>,
        notes_here: &std::collections::HashMap<(u32, u32), CellNote>,
    ) {
        for c in 0..width {
            if c > 0 {
                self.text.push('\t');
            }
            let raw = next
                .next_if(|((rr, cc), _)| *rr == r && *cc == c)
                .map_or("", |n| n.1);
            let offset = self.text.len();
            if raw.contains(['\n', '\r', '\t']) {
                self.text.extend(raw.chars().map(|ch| {
                    if matches!(ch, '\n' | '\r' | '\t') {
                        ' '
                    } else {
                        ch
                    }
                }));
                self.rows
                    .own
                    .push(((self.rows.rows.len(), c), raw.to_owned()));
            } else {
                self.text.push_str(raw);
            }
            if let Some(note) = notes_here.get(&(r, c)) {
                let at = Location {
                    offset,
                    len: self.text.len() - offset,
                    line: r + 1,
                    column: c + 1,
                    cell: Some(CellAddr {
                        row: r + 1,
                        col: c + 1,
                    }),
                };
                self.notes.push((at, note.clone()));
            }
        }
    }
}

/// The width of each filled row of a sheet (`(row, width)`, rows ascending) from its sorted
/// cells: rows are padded to the sheet's width as Excel pads them, the width of its columns up
/// to the first gap of more than [`STRAY_GAP`] empty columns; a stray far cell (`XFD1`) widens
/// its own row only, never every row (1,500 rows padded to 16,384 columns were 1.15 GB before
/// the cell limit refused them).
fn row_widths(sheet: &SheetCells) -> Vec<(u32, u32)> {
    let mut used: Vec<u32> = sheet.iter().map(|c| c.0.1).collect();
    used.sort_unstable();
    used.dedup();
    let width = used
        .windows(2)
        .find(|w| w[1] - w[0] > STRAY_GAP)
        .map_or(used.last().map_or(0, |&c| c + 1), |w| w[0] + 1);
    drop(used);
    // the cells are sorted: a row's last cell is the last before the next row's first
    let mut out: Vec<(u32, u32)> = Vec::new();
    for ((r, c), _) in sheet.iter() {
        match out.last_mut() {
            Some(last) if last.0 == r => last.1 = width.max(c + 1),
            _ => out.push((r, width.max(c + 1))),
        }
    }
    out
}

/// A merged range of a sheet as [`SheetCells`] gives it: top-left and bottom-right cells,
/// 0-based `(row, column)`, inclusive.
type CellMerge = ((u32, u32), (u32, u32));

/// The rows under the merges, as disjoint ranges in order (their rows are held, empty or not).
fn merged_rows(merges: &[CellMerge]) -> Vec<std::ops::RangeInclusive<u32>> {
    let mut spans: Vec<(u32, u32)> = merges.iter().map(|((r0, _), (r1, _))| (*r0, *r1)).collect();
    spans.sort_unstable();
    let mut out: Vec<std::ops::RangeInclusive<u32>> = Vec::new();
    for (r0, r1) in spans {
        match out.last_mut() {
            Some(last) if r0 <= last.end().saturating_add(1) => {
                *last = *last.start()..=(*last.end()).max(r1);
            }
            _ => out.push(r0..=r1),
        }
    }
    out
}

/// The index among a sheet's rows held (`held`: their sheet rows, ascending, the first 0) of
/// sheet row `r`: its own where it is held (every row under a merge is), else counted on from
/// the last held before it (a merge past the sheet's last row reaches past its rows, as it
/// did when every row was held).
fn held_index(held: &[u32], r: u32) -> usize {
    let k = held.partition_point(|&h| h <= r).saturating_sub(1);
    k + (r - held.get(k).copied().unwrap_or(0)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(rows: &'a [Row<'a>]) -> Vec<Vec<&'a str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| &*c.text).collect())
            .collect()
    }

    #[test]
    fn splits_tabs_and_crlf() {
        let text = "a\tb\r\n\r\nc\t d \n";
        let rows = split_delimited(text, b'\t');
        assert_eq!(texts(&rows), vec![vec!["a", "b"], vec![""], vec!["c", "d"]]);
        assert_eq!(rows[2].cells[1].offset(text), 10);
    }

    #[test]
    fn quoted_fields_keep_offsets() {
        let text = "x,\"12,748.27\",\"say \"\"hi\"\" now\"\n";
        let src = SourceText::new("t", text, InputFormat::Csv, "UTF-8", None);
        let rows = split_delimited(&src.text, b',');
        assert_eq!(texts(&rows), vec![vec!["x", "12,748.27", "say \"hi\" now"]]);
        let c = &rows[0].cells[2];
        let loc = c.locate(&src, 9..12); // "now"
        assert_eq!(&text[loc.range()], "now");
    }

    #[test]
    fn rows_without_quotes_read_as_the_general_loop_reads_them() {
        const PIECES: [&str; 18] = [
            "a",
            "中文",
            "\t",
            ",",
            "\r\n",
            "\n",
            "\r",
            " ",
            "\u{3000}",
            "\u{a0}",
            "（1）",
            "95%",
            "\u{feff}",
            "x y",
            "\"q\"",
            "\"a\"\"b\"",
            "\u{85}",
            "\u{2003}",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let mut plain = 0;
        for _ in 0..3000 {
            let text: String = (0..next() % 40)
                .map(|_| PIECES[next() % PIECES.len()])
                .collect();
            for delim in [b'\t', b','] {
                let read = |fast| {
                    let mut budget = CellBudget::new("-");
                    let rows = split_rows(
                        &text,
                        delim,
                        &mut budget,
                        3,
                        fast,
                        &mut QuoteNotes::default(),
                    );
                    // each cell's text, offset and place
                    let cells = rows.as_ref().map(|rows| {
                        rows.iter()
                            .map(|r| {
                                let cells: Vec<_> = r
                                    .cells
                                    .iter()
                                    .map(|c| (&*c.text, c.offset(&text), c.line, c.column))
                                    .collect();
                                (r.range.clone(), cells)
                            })
                            .collect::<Vec<_>>()
                    });
                    format!("{cells:?}")
                };
                assert_eq!(read(true), read(false), "{text:?}");
                plain += usize::from(!text.contains('"'));
            }
        }
        // both kinds of rows were met
        assert!(plain > 1000, "{plain}");
    }

    #[test]
    fn edge_bytes_tell_spaces_as_is_space_does() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("{c}中"),
                format!("中{c}"),
                format!("a{c}"),
            ] {
                let plain = text.chars().next().is_none_or(|c| !is_space(c))
                    && text.chars().next_back().is_none_or(|c| !is_space(c));
                assert_eq!(edges_plain(&text), plain, "{:?}", c);
            }
        }
    }

    #[test]
    fn a_whole_cell_is_located_as_its_bytes_are() {
        let text = "a\t 中文 \t\"x\"\"y\"\n\u{3000}b,c\t（1）\n";
        let src = SourceText::new("t", text, InputFormat::Tsv, "UTF-8", None);
        for row in split_delimited(&src.text, b'\t') {
            for c in &row.cells {
                assert_eq!(c.location(&src), c.locate(&src, 0..c.text.len()), "{c:?}");
            }
        }
    }

    #[test]
    fn a_cell_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Cell<'_>>(), 24);
    }

    #[test]
    fn bytes_are_found_eight_at_a_time_as_one_by_one() {
        let hay: Vec<u8> = (0..40u8)
            .map(|i| [b'a', b'\t', 0x80, 0x09 ^ 0x80, 0][usize::from(i) % 5])
            .collect();
        for start in 0..hay.len() {
            for end in start..=hay.len() {
                for needle in [b'\t', b',', 0x80, 0, 0x89] {
                    let slice = &hay[start..end];
                    assert_eq!(
                        find_byte(slice, needle),
                        slice.iter().position(|&b| b == needle),
                        "{start}..{end} {needle}"
                    );
                }
            }
        }
    }

    #[test]
    fn characters_are_counted_eight_bytes_at_a_time_as_one_by_one() {
        let text = "a中文（1）\u{3000}95%x\u{10348}é".repeat(5);
        for start in 0..text.len() {
            for end in start..text.len() {
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    let n = text[start..end].chars().count() as u32;
                    assert_eq!(chars_in(&text.as_bytes()[start..end]), n);
                }
            }
        }
    }

    #[test]
    fn unclosed_quote_is_plain_text() {
        let rows = split_delimited("\"abc\tdef\n", b'\t');
        assert_eq!(texts(&rows), vec![vec!["\"abc", "def"]]);
    }

    fn noted(text: &str, delim: u8) -> (Vec<Vec<String>>, Vec<QuoteNote>) {
        let mut notes = QuoteNotes::default();
        let rows = split_rows(text, delim, &mut CellBudget::new("-"), 1, true, &mut notes)
            .expect("within limits");
        let texts = texts(&rows)
            .into_iter()
            .map(|r| r.into_iter().map(str::to_owned).collect())
            .collect();
        (texts, notes.kept)
    }

    #[test]
    fn a_quote_closed_past_rows_is_text_and_noted() {
        // the quote on line 2 would close on line 4: the rows between still read
        let text = "a\tb\tc\n\"x\t1\t2\ny\t3\t4\nz\t5\"\t6\n";
        let (rows, notes) = noted(text, b'\t');
        assert_eq!(
            rows,
            vec![
                vec!["a", "b", "c"],
                vec!["\"x", "1", "2"],
                vec!["y", "3", "4"],
                vec!["z", "5\"", "6"]
            ]
        );
        assert_eq!(
            notes,
            vec![QuoteNote {
                offset: 6,
                end: QuoteEnd::Rows(text.rfind('"').unwrap())
            }]
        );
        // a cell of several lines without delimiters is one cell, not noted
        let (rows, notes) = noted("a\t\"x\ny\"\tb\n", b'\t');
        assert_eq!(rows, vec![vec!["a", "x\ny", "b"]]);
        assert!(notes.is_empty());
        // in a CSV: two commas make a row, a thousands separator does not
        let (rows, notes) = noted("a,\"x\n1,000,000 元\",b\n", b',');
        assert_eq!(rows, vec![vec!["a", "x\n1,000,000 元", "b"]]);
        assert!(notes.is_empty());
        let (rows, notes) = noted("a,\"x\nb,c,d\",e\n", b',');
        assert_eq!(rows, vec![vec!["a", "\"x"], vec!["b", "c", "d\"", "e"]]);
        assert_eq!(notes.len(), 1);
        // unclosed: noted, once each
        let (_, notes) = noted("\"a\tb\n\"c\td\n", b'\t');
        assert_eq!(notes.len(), 2);
        assert!(notes.iter().all(|n| n.end == QuoteEnd::Never));
    }

    #[test]
    fn a_quote_closed_past_the_quoted_lines_limit_is_text_at_its_line() {
        let max = limits::QUOTED_LINES.get_usize();
        // a cell of `max` line breaks that closes is one cell of several lines
        let within = format!("a\t\"x\n{}z\"\tb\nc\td\n", "y\n".repeat(max - 1));
        let (rows, notes) = noted(&within, b'\t');
        assert_eq!(
            rows.len(),
            2,
            "one row of a cell of {max} line breaks, then c"
        );
        assert_eq!(rows[0][0], "a");
        assert_eq!(rows[0][1].matches('\n').count(), max);
        assert_eq!(rows[0][2], "b");
        assert!(notes.is_empty());
        // one more line break: the quote is a stray one at its line, every line a row
        let past = format!("a\t\"x\n{}z\"\tb\nc\td\n", "y\n".repeat(max));
        let (rows, notes) = noted(&past, b'\t');
        assert_eq!(rows.len(), max + 3);
        assert_eq!(rows[0], vec!["a", "\"x"]);
        assert_eq!(rows[1], vec!["y"]);
        assert_eq!(rows[max + 1], vec!["z\"", "b"]);
        assert_eq!(rows[max + 2], vec!["c", "d"]);
        assert_eq!(
            notes,
            vec![QuoteNote {
                offset: 2,
                end: QuoteEnd::PastLines(max)
            }]
        );
        // never closed, past the limit: the same (the rest of the file is not searched)
        let open = format!("a\t\"x\n{}", "y\n".repeat(max + 5));
        let (rows, notes) = noted(&open, b'\t');
        assert_eq!(rows.len(), max + 6);
        assert_eq!(notes[0].end, QuoteEnd::PastLines(max));
        // the finding names the quote's line and the limit
        let source = SourceText::new("t.tsv", past.clone(), InputFormat::Tsv, "UTF-8", None);
        let mut kept = QuoteNotes::default();
        split_rows(&past, b'\t', &mut CellBudget::new("-"), 1, true, &mut kept).expect("read");
        let findings = kept.findings(&source);
        assert_eq!(findings.len(), 1);
        assert_eq!(&*findings[0].code, "table.stray-quote");
        assert_eq!(findings[0].line, Some(1));
        assert!(
            findings[0].message.contains(&format!("{max} 行内")),
            "{}",
            findings[0].message
        );
    }

    fn sheet(cells: &[((u32, u32), &str)], merges: &[CellMerge]) -> SheetCells {
        let mut s = SheetCells::named("S");
        for &(at, t) in cells {
            s.push(at, t);
        }
        s.merges = merges.to_vec();
        s
    }

    #[test]
    fn a_run_of_empty_lines_is_held_as_one_row_merges_and_cells_where_they_were() {
        let cells = [
            ((0, 0), "a"),
            ((0, 1), "b"),
            ((5, 0), "c"),
            ((1000, 1), "d"),
        ];
        let merges = [((5, 0), (8, 0)), ((7, 1), (7, 2))];
        let grid = sheets_grid(
            "t.xlsx",
            vec![sheet(&cells, &merges)],
            InputFormat::Xlsx,
            "xlsx",
        )
        .expect("read");
        let rows = grid.rows().expect("rows");
        // rows 0, 1 (the first of 1–4), 5–8 (under the merge), 9 (the first of 9–999), 1000
        assert_eq!(rows.len(), 8);
        assert_eq!(texts(&rows)[0], vec!["a", "b"]);
        assert!(rows[1].cells.is_empty() && rows[3].cells.is_empty() && rows[6].cells.is_empty());
        assert_eq!(texts(&rows)[2], vec!["c", ""]);
        let d = &rows[7].cells[1];
        assert_eq!(&*d.text, "d");
        assert_eq!(d.addr(), Some(CellAddr { row: 1001, col: 2 }));
        // the text keeps a line a sheet row: the cell's place is its line
        assert_eq!(grid.source.text.matches('\n').count(), 1001);
        assert_eq!(&grid.source.text[rows[7].range.clone()], "\td");
        assert_eq!(
            grid.source
                .locate(d.offset(&grid.source.text)..d.offset(&grid.source.text) + 1)
                .line,
            1001
        );
        let span = &grid.sheets[0];
        assert_eq!(span.rows, 0..8);
        assert_eq!(
            span.merges,
            vec![
                Merge {
                    rows: 2..6,
                    cols: 0..1
                },
                Merge {
                    rows: 4..5,
                    cols: 1..3
                }
            ]
        );
        // single empty lines are held: a row a line, as before
        let few = [((0, 0), "a"), ((1, 0), "b"), ((3, 0), "c")];
        let grid =
            sheets_grid("t.xlsx", vec![sheet(&few, &[])], InputFormat::Xlsx, "xlsx").expect("read");
        assert_eq!(grid.rows().expect("rows").len(), 4);
    }

    #[test]
    fn a_form_with_runs_of_empty_rows_reads_as_the_form_without() {
        let bytes =
            include_bytes!("../../tests/fixtures/forms/f01-tianchang-water-2022-selfeval.xlsx");
        let sheets = workbook::read_sheets(
            "f.xlsx",
            bytes.to_vec(),
            None,
            Some(workbook::SecondLook::MAYBE),
        )
        .expect("the fixture");
        assert!(sheets.iter().any(|s| !s.merges.is_empty()));
        // 40 empty rows before each row that starts no merge's later rows
        let spread: Vec<SheetCells> = sheets
            .iter()
            .map(|s| {
                let inside = |r: u32| {
                    s.merges
                        .iter()
                        .any(|((r0, _), (r1, _))| r0 < &r && &r <= r1)
                };
                let last = s.iter().map(|c| c.0.0).max().unwrap_or(0);
                let mut at = Vec::with_capacity(last as usize + 1);
                let mut shift = 0;
                for r in 0..=last {
                    if !inside(r) {
                        shift += 40;
                    }
                    at.push(r + shift);
                }
                let moved = |r: u32| at.get(r as usize).copied().unwrap_or(r + shift);
                let mut spread = SheetCells::of_cells(
                    s.name.clone(),
                    s.iter()
                        .map(|((r, c), t)| ((moved(r), c), t.to_owned()))
                        .collect(),
                );
                spread.merges = s
                    .merges
                    .iter()
                    .map(|((r0, c0), (r1, c1))| ((moved(*r0), *c0), (moved(*r1), *c1)))
                    .collect();
                spread.notes = s
                    .notes
                    .iter()
                    .map(|((r, c), t)| ((moved(*r), *c), t.clone()))
                    .collect();
                spread
            })
            .collect();
        let read = |sheets: Vec<SheetCells>| {
            let grid = sheets_grid("f.xlsx", sheets, InputFormat::Xlsx, "xlsx").expect("grid");
            let held = grid.rows().expect("rows").len();
            let doc = crate::table::build(grid).expect("read");
            let projects: Vec<_> = doc
                .units
                .iter()
                .flat_map(|u| &u.projects)
                .map(|p| {
                    let rows: Vec<_> = p
                        .indicators
                        .iter()
                        .map(|i| {
                            (
                                i.category.clone(),
                                i.name.clone(),
                                i.target.clone(),
                                i.actual.clone(),
                                i.weight,
                                i.published_score,
                            )
                        })
                        .collect();
                    (p.name.clone(), rows)
                })
                .collect();
            (projects, held)
        };
        let (plain, plain_rows) = read(sheets);
        let (spread, spread_rows) = read(spread);
        assert!(!plain.is_empty() && !plain[0].1.is_empty());
        assert_eq!(plain, spread);
        // the runs are held as one row each, not as forty
        assert!(
            spread_rows <= 2 * plain_rows + 2,
            "{spread_rows} rows for {plain_rows}"
        );
    }
}
