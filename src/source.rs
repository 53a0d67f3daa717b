//! Where every value came from: the source text of one input and positions inside it.
//!
//! A [`SourceText`] holds the decoded text of a tab- or comma-separated file, or, for a workbook,
//! a synthetic text with one line per sheet row (cells joined by tabs), so that one kind of
//! [`Location`] — a byte range plus line and column — serves every input and miette can underline
//! the exact characters. It does not know about tables; the readers fill it.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// The format a table was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Tab-separated text (`.tsv`, `.txt`).
    Tsv,
    /// Comma-separated text (`.csv`).
    Csv,
    /// An Excel workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
    Xlsx,
    /// A Word document (`.docx`): its tables, and the paragraphs around them as one-cell rows.
    Docx,
    /// A Word 97–2003 document (`.doc`), read as a `.docx` is.
    Doc,
    /// A saved web page (`.html`, `.htm`, `.mhtml`): its tables that hold a table or form, each
    /// with the lines of text above it.
    Html,
}

impl InputFormat {
    /// Whether the input is delimited text (read line by line, positions are lines).
    pub fn is_text(self) -> bool {
        matches!(self, InputFormat::Tsv | InputFormat::Csv)
    }

    /// Whether the input is a document whose tables and paragraphs are read together as one
    /// sheet (Word, web pages), not sheet by sheet.
    pub fn is_document(self) -> bool {
        matches!(
            self,
            InputFormat::Docx | InputFormat::Doc | InputFormat::Html
        )
    }
}

/// One sheet of a workbook (or one table of a Word document) inside a synthetic
/// [`SourceText`]: where its text starts, its 0-based first line, and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset where the sheet's first row starts.
    pub start: usize,
    /// 0-based line of that row in the synthetic text.
    pub first_line: usize,
    /// The sheet's name (`Sheet1`; for Word: `表格1`, or `正文` for paragraphs).
    pub name: String,
}

/// A cell address in a workbook: 1-based row and column (`B7` is row 7, column 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CellAddr {
    /// 1-based row number.
    pub row: u32,
    /// 1-based column number.
    pub col: u32,
}

impl CellAddr {
    /// The A1-style name of the cell, e.g. `B7`.
    pub fn a1(&self) -> String {
        let mut letters = Vec::new();
        let mut n = self.col;
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        format!(
            "{}{}",
            String::from_utf8(letters).unwrap_or_default(),
            self.row
        )
    }
}

/// A range of characters in a [`SourceText`].
///
/// `offset`/`len` are bytes in the source text (what miette's `SourceSpan` takes); `line` and
/// `column` are 1-based, the column counted in characters. For a workbook `cell` names the cell,
/// and `line`/`column` are its row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Byte offset of the first character in the source text.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
    /// 1-based line (or sheet row).
    pub line: u32,
    /// 1-based column in characters (or sheet column).
    pub column: u32,
    /// The workbook cell, for workbook inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellAddr>,
}

impl Location {
    /// The byte range in the source text.
    pub fn range(&self) -> Range<usize> {
        self.offset..self.offset + self.len
    }

    /// The same start, with `len` bytes.
    pub fn with_len(mut self, len: usize) -> Location {
        self.len = len;
        self
    }
}

/// Lines from one start held in [`SourceText`]'s line index to the next: a position is found
/// from the start before it, counting at most this many line breaks. (Every line's start was
/// held, 8 bytes a line: 40 MB for a 10 MB file of 5,000,000 one-character lines, issue 27.)
const LINES_APART: usize = 64;

/// The text one input was read from, with its name and a line index.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The file name as the user gave it (used in findings and diagnostics).
    pub name: String,
    /// The decoded text (for workbooks: the synthetic one, see the module docs).
    pub text: Arc<String>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The input format.
    pub format: InputFormat,
    /// The encoding the bytes were decoded from (`UTF-8`, `GB18030`, `UTF-16LE`, or `xlsx`).
    pub encoding: &'static str,
    /// Lines of the input before this text: 0 for a whole file; for one block of a file read
    /// in blocks (streaming), the lines of the blocks before it, so line numbers stay the file's.
    pub lines_before: usize,
    /// The sheets of a workbook read together, in order (empty for a text input or a single
    /// sheet named by [`SourceText::sheet`]).
    pub segments: Vec<Segment>,
    /// Where every [`LINES_APART`]th line starts: built the first time a position is asked
    /// for (most blocks of a streamed sheet never need it: their cells know their lines).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceText {
    /// A source text.
    pub fn new(
        name: impl Into<String>,
        text: impl Into<String>,
        format: InputFormat,
        encoding: &'static str,
        sheet: Option<String>,
    ) -> SourceText {
        SourceText::shared(name, Arc::new(text.into()), format, encoding, sheet)
    }

    /// A source text over text already shared (a block handed from thread to thread).
    pub fn shared(
        name: impl Into<String>,
        text: Arc<String>,
        format: InputFormat,
        encoding: &'static str,
        sheet: Option<String>,
    ) -> SourceText {
        SourceText {
            name: name.into(),
            text,
            sheet,
            format,
            encoding,
            lines_before: 0,
            segments: Vec::new(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// The same text holding several sheets (or Word tables) one after another.
    pub fn with_segments(mut self, segments: Vec<Segment>) -> SourceText {
        self.segments = segments;
        self
    }

    /// The segment holding byte `offset`, where the text holds several.
    fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.start <= offset);
        i.checked_sub(1).and_then(|i| self.segments.get(i))
    }

    /// The sheet (or Word table) holding byte `offset`: its segment's name, else
    /// [`SourceText::sheet`].
    pub fn sheet_at(&self, offset: usize) -> Option<&str> {
        self.segment_at(offset)
            .map(|s| s.name.as_str())
            .or(self.sheet.as_deref())
    }

    /// 0-based line where the sheet holding `offset` starts (0 for a single sheet): line
    /// numbers shown for a workbook are the sheet's rows.
    pub fn segment_first_line(&self, offset: usize) -> usize {
        self.segment_at(offset).map_or(0, |s| s.first_line)
    }

    /// The same text as one block of a larger input that has `lines_before` lines before it.
    pub fn starting_after(mut self, lines_before: usize) -> SourceText {
        self.lines_before = lines_before;
        self
    }

    /// The offsets where every [`LINES_APART`]th line starts (the first is 0).
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = Vec::with_capacity(bytes.len() / 4096 + 1);
            starts.push(0);
            let breaks = memchr::memchr_iter(b'\n', bytes);
            starts.extend(
                breaks
                    .skip(LINES_APART - 1)
                    .step_by(LINES_APART)
                    .map(|i| i + 1),
            );
            starts
        })
    }

    /// 0-based line index of a byte offset (the line breaks before it).
    pub fn line_index(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let starts = self.line_starts();
        // starts[0] is 0: at least one start lies at or before any offset
        let j = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        j * LINES_APART + memchr::memchr_iter(b'\n', &bytes[starts[j]..offset]).count()
    }

    /// Byte offset where the 0-based line `index` starts, where the text has such a line.
    fn nth_line_start(&self, index: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut at = *self.line_starts().get(index / LINES_APART)?;
        for _ in 0..index % LINES_APART {
            at += memchr::memchr(b'\n', &bytes[at..])? + 1;
        }
        Some(at)
    }

    /// Byte offset where the 0-based line `index` starts.
    pub fn line_start(&self, index: usize) -> usize {
        self.nth_line_start(index).unwrap_or(self.text.len())
    }

    /// Byte offset where the 0-based line `index` ends (before its `\r\n` or `\n`).
    pub fn line_end(&self, index: usize) -> usize {
        let end = self
            .nth_line_start(index + 1)
            .map(|s| s - 1)
            .unwrap_or(self.text.len());
        let start = self.line_start(index);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_start(line);
        let col = self.text[start..offset].chars().count() + 1;
        ((line + self.lines_before) as u32 + 1, col as u32)
    }

    /// A location for a byte range of a text input.
    pub fn locate(&self, range: Range<usize>) -> Location {
        let cell = self.cell_at(range.start);
        let (line, column) = match cell {
            Some(c) => (c.row, c.col),
            None => self.line_col(range.start),
        };
        Location {
            offset: range.start,
            len: range.end.saturating_sub(range.start),
            line,
            column,
            cell,
        }
    }

    /// The workbook (or Word / web page table) cell holding byte `offset` of the synthetic
    /// text: its sheet row, and the tabs before it on its line counted as columns. None for
    /// delimited text, whose positions are lines and characters.
    fn cell_at(&self, offset: usize) -> Option<CellAddr> {
        if self.format.is_text() {
            return None;
        }
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_start(line);
        let col = memchr::memchr_iter(b'\t', &self.text.as_bytes()[start..offset]).count() + 1;
        let row = line.checked_sub(self.segment_first_line(offset))? + 1;
        Some(CellAddr {
            row: u32::try_from(row).ok()?,
            col: u32::try_from(col).ok()?,
        })
    }

    /// The text at a location.
    pub fn slice(&self, at: &Location) -> &str {
        let end = (at.offset + at.len).min(self.text.len());
        self.text.get(at.offset.min(end)..end).unwrap_or("")
    }
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i`.
pub(crate) fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(CellAddr { row: 7, col: 2 }.a1(), "B7");
        assert_eq!(CellAddr { row: 1, col: 26 }.a1(), "Z1");
        assert_eq!(CellAddr { row: 3, col: 27 }.a1(), "AA3");
    }

    #[test]
    fn line_and_column_count_characters() {
        let s = SourceText::new("x", "ab\r\n合计\t12", InputFormat::Tsv, "UTF-8", None);
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(4), (2, 1));
        assert_eq!(s.line_col(11), (2, 4));
        assert_eq!(s.line_end(0), 2);
    }

    /// The index holds every 64th line's start; each line's place is found as when it held
    /// every line's: texts of 0 to 300 lines (empty, CR LF, ending with a line break or not),
    /// every offset and line asked.
    #[test]
    fn lines_found_from_a_start_every_64_lines_as_from_every_line() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for lines in [0usize, 1, 63, 64, 65, 128, 129, 300] {
            let mut text = String::new();
            for k in 0..lines {
                text.push_str(["", "a", "合计", "\t1"][next(4) as usize]);
                text.push_str(if next(3) == 0 { "\r\n" } else { "\n" });
                if k + 1 == lines && next(2) == 0 {
                    text.push('x');
                }
            }
            let every: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let s = SourceText::new("x", text.clone(), InputFormat::Tsv, "UTF-8", None);
            for offset in 0..=text.len() + 2 {
                let want = match every.binary_search(&offset) {
                    Ok(i) => i,
                    Err(i) => i - 1,
                };
                assert_eq!(s.line_index(offset), want, "{lines} lines, offset {offset}");
            }
            for index in 0..every.len() + 2 {
                let start = every.get(index).copied().unwrap_or(text.len());
                assert_eq!(s.line_start(index), start, "{lines} lines, line {index}");
                let end = every.get(index + 1).map_or(text.len(), |s| s - 1);
                let end = match end > start && text.as_bytes()[end - 1] == b'\r' {
                    true => end - 1,
                    false => end,
                };
                assert_eq!(s.line_end(index), end, "{lines} lines, line {index}");
            }
        }
    }
}
