//! Saved web pages (`.html`, `.htm`; and the page inside an `.mhtml`, see [`super::mhtml`]):
//! every `<table>` of the page as a sheet of positioned cells, with the lines of text just
//! above it (its title, `单位名称：…`).
//!
//! The page is decoded by a BOM first (as browsers do), then as UTF-8 where its bytes are valid
//! UTF-8 (whatever the `<meta>` says: a page a browser saved may keep a `<meta>` that no longer
//! holds, and GBK text is almost never valid UTF-8), else as its `<meta charset>` / `http-equiv`
//! says, else GB18030 (which reads GBK and GB2312); then tokenized by `html5gum` (a WHATWG
//! tokenizer: entities, `&nbsp;`, comments and Word's conditional comments `<![if !supportMisc]>`,
//! script and style text as browsers read them). The tables are built here, as a browser lays them
//! out: `rowspan`/`colspan` are merged ranges whose value is in their first cell, a cell starts in
//! the first column no cell above still covers, a cell styled `display:none` takes no place (rows
//! are kept whatever their style, as a workbook's hidden rows are read, and a row a browser does
//! not show gets the same `table.hidden-row` warning: [`hiding`]), a missing
//! `</td>`/`</tr>`/`</table>` is implied. Inside a cell, `<br>` and the ends of `<p>`, `<div>`,
//! `<li>` and headings are line breaks, runs of spaces are one space (a line break of the source
//! between two Chinese characters is none, as CSS Text says and as Word's wrapped HTML needs), and
//! Word's markup (`<span>` around every text, `<o:p>`) adds nothing; text a browser does not show
//! (an element styled `display:none` or `visibility:hidden`, marked `hidden`, or of a class the
//! page's styles hide) or shows struck through (`<del>`, a Word page's tracked deletion; `<s>`,
//! `<strike>`; `text-decoration: line-through`) is not part of the cell, nor is text hidden
//! without saying so (a zero font size, no opacity, its background's colour, off screen, clipped:
//! [`hiding::Veil`]), which is said at its cell (`table.page-hidden-text`), as a cell left empty
//! by hidden or struck text is. The style sheets a page links to are read where [`linked`] may
//! read them.
//!
//! **Nested tables** (a site's page is often a table of tables): each table is its own sheet,
//! and the text of a table nested in a cell is not part of that cell, so a layout table keeps
//! only its own text (menus, footers) and the innermost table holding the form is read whole.
//! Which tables hold a target table, a sheet or a form is not decided here (that is the layout
//! readers' job): tables are numbered in page order (`表格1`, `表格2`, …, the outer before the
//! tables inside it) and a finding names a cell as `表格2!C18`.
//!
//! **Limits**: cells and rows count against [`limits::CELLS`], a row's columns (spans
//! included) against [`limits::COLUMNS`]; spans are bounded as browsers bound them (`colspan`
//! ≤ 1000, `rowspan` ≤ 65534 and never past the table's last row). Nesting costs one entry
//! on a list per open table, never the stack.

use std::collections::VecDeque;

use encoding_rs::{Encoding, GB18030, UTF_8};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::SheetCells;
use super::page_css::Styles;
use super::text::EncodingChoice;
use crate::limits;
use crate::table::ReadError;
use crate::table::source::InputFormat;

#[path = "page_hiding.rs"]
mod hiding;
#[path = "page_layout.rs"]
mod layout;
#[path = "page_linked.rs"]
mod linked;
#[path = "page_nest.rs"]
mod nest;
#[path = "page_text.rs"]
mod text_table;
pub(crate) use linked::{StyleSource, frame_file, note_read, part_at, sheets_read};

/// Nested tables a table holds for [`nest::splice`] at most (the others are tables of their
/// own, as before).
const MAX_NESTED: usize = 1024;
/// Lines of page text kept above a table (its title, the unit's name): the page's menus
/// further up are not wanted.
const LINES_ABOVE: usize = 6;
/// A line of page text longer than this (in characters) is an article, not a title.
const TITLE_CHARS: usize = 200;

/// One table of a page: the lines of text just above it and its cells.
pub(crate) struct PageTable {
    /// Up to [`LINES_ABOVE`] lines of text between the previous table and this one (or the
    /// caption).
    pub above: Vec<String>,
    /// The table, named `表格N` by its place on the page.
    pub sheet: SheetCells,
}

/// Whether bytes start like a web page: after a BOM and white space, `<` and, in the first
/// kilobytes, `<html`, `<table` or an HTML doctype.
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let b = &b[start..];
    if !b.starts_with(b"<") {
        return false;
    }
    let head = b[..b.len().min(8 * 1024)].to_ascii_lowercase();
    [&b"<html"[..], b"<table", b"<!doctype html", b"<body"]
        .iter()
        .any(|m| memchr::memmem::find(&head, m).is_some())
}

/// The charset a page declares in its first 16 KB (`<meta charset="gbk">`, or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(16 * 1024)].to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&head[at..], b"<meta") {
        let tag_start = at + i;
        let tag_end =
            memchr::memchr(b'>', &head[tag_start..]).map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest
                .iter()
                .position(|&b| !matches!(b, b' ' | b'=' | b'"' | b'\'' | b'\t'))
                .map_or(&rest[rest.len()..], |p| &rest[p..]);
            let end = rest
                .iter()
                .position(|&b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                })
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                return Some(enc);
            }
        }
        at = tag_end;
    }
    None
}

/// Decodes a page: `--encoding` where forced; else a BOM; else UTF-8 where the bytes are valid
/// UTF-8; else the charset `declared` (by an `.mhtml` part) or the page's `<meta>`; else
/// GB18030 (GBK, GB2312). Replacement characters only where no reading is valid.
pub(crate) fn decode_page(
    name: &str,
    bytes: &[u8],
    choice: EncodingChoice,
    declared: Option<&'static Encoding>,
) -> Result<(String, &'static str), ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty { name: name.into() });
    }
    let strict = |enc: &'static Encoding, b: &[u8]| {
        enc.decode_without_bom_handling_and_without_replacement(b)
            .map(|t| (t.into_owned(), label(enc)))
    };
    match choice {
        EncodingChoice::Utf8 => {
            let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            return strict(UTF_8, b).ok_or_else(|| ReadError::Decode {
                name: name.into(),
                encoding: "UTF-8",
                offset: std::str::from_utf8(b).err().map_or(0, |e| e.valid_up_to()),
            });
        }
        EncodingChoice::Gbk => {
            return strict(GB18030, bytes).ok_or_else(|| ReadError::Decode {
                name: name.into(),
                encoding: "GB18030",
                offset: 0,
            });
        }
        EncodingChoice::Auto => {}
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), label(enc)));
    }
    // bytes valid as UTF-8 are UTF-8 whatever the page says (a page saved by a browser may
    // keep a <meta> that no longer holds; GBK text is almost never valid UTF-8)
    if let Some(done) = strict(UTF_8, bytes) {
        return Ok(done);
    }
    let declared = declared.or_else(|| meta_charset(bytes));
    // a page says UTF-16 in its <meta> only when it is ASCII-compatible after all
    let declared = declared.filter(|e| e.is_ascii_compatible() && *e != UTF_8);
    if let Some(done) = strict(declared.unwrap_or(GB18030), bytes) {
        return Ok(done);
    }
    if let Some(done) = strict(GB18030, bytes) {
        return Ok(done);
    }
    // valid in nothing: the declared charset (or GB18030), with replacement characters
    let enc = declared.unwrap_or(GB18030);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), label(enc)))
}

/// The encoding's name as shown (`GB18030` for GBK and GB2312, which it reads).
fn label(enc: &'static Encoding) -> &'static str {
    if enc == encoding_rs::GBK || enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Reads every table of a decoded page, in page order.
#[cfg(test)]
pub(crate) fn read_tables(name: &str, page: &str) -> Result<Vec<PageTable>, ReadError> {
    read_page_tables(name, page, &StyleSource::Alone).map(|p| p.tables)
}

/// A page's tables, and its `<div>` layouts not read because their columns are not certain.
pub(crate) struct PageTables {
    pub tables: Vec<PageTable>,
    pub unsure: Unsures,
    /// The style sheets the page links to that were not read, each with why
    /// ([`linked::Linked`]).
    pub unread_styles: Vec<(String, &'static str)>,
    /// A `<script>` of the page holds the word 指标 (data a script fills the tables with:
    /// `__NUXT__`, `__NEXT_DATA__`, `application/json`).
    pub script_data: bool,
    /// A `<template>` of the page (a script's template, which a browser does not show) holds
    /// the word 指标: the form a script shows may be there, never read from it (its cells may
    /// be placeholders, `{{ score }}`).
    pub template_form: bool,
    /// The page's frames (`<iframe>`, `<frame>`), in page order, up to [`MAX_FRAMES`]; how
    /// many more.
    pub frames: Vec<Frame>,
    pub frames_more: usize,
    /// How a PDF converter made the page, where it looks so ([`PdfMade`]).
    pub pdf_made: Option<PdfMade>,
    /// The cells the page's tables took (counted against [`limits::CELLS`] with its frames').
    pub cells: u64,
}

/// A page a PDF converter made: no `<table>`, each piece of text placed at its coordinates
/// (pdf2htmlEX's `class="t m0 x1 y1 …"`, pdftohtml's `style="position:absolute;top:…;
/// left:…"`, a PDF viewer's text layer saved: `left: …; top: …`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PdfMade {
    /// The converter its `<meta name="generator">` names (`pdf2htmlEX`, `pdftohtml`), if any.
    pub maker: Option<&'static str>,
}

impl PdfMade {
    /// The refusal of such a page where no table of it was read, saying how it was told.
    pub(crate) fn refusal(self, name: &str) -> ReadError {
        ReadError::PagePdf {
            name: name.into(),
            how: match self.maker {
                Some(m) => format!("网页写明由 {m} 生成"),
                None => format!("{PLACED_ENOUGH} 段以上的文字各自按坐标（left、top）摆放"),
            },
        }
    }
}

/// Pieces of text placed at coordinates that make a page one a PDF converter made (a site's
/// page places a few of its parts: menus, pop-ups).
pub(crate) const PLACED_ENOUGH: u32 = 20;

/// The converters a page's `<meta name="generator" content>` may name, as shown.
const PDF_MAKERS: &[&str] = &[
    "pdf2htmlEX",
    "pdftohtml",
    "PDFtoHTML",
    "pdf2html",
    "Pdf2Html",
];

/// pdf2htmlEX's class of a piece of text: `t m0 x1 h2 y1 ff1 …`.
fn pdf2html_piece(class: &[u8]) -> bool {
    // most classes are not (`MsoNormal`): told by their first two bytes
    if class.len() < 5 || class[0] != b't' || !class[1].is_ascii_whitespace() {
        return false;
    }
    let mut words = class
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let lettered = |w: &[u8], l: u8| {
        w.len() >= 2 && w[0] == l && w[1..].iter().all(|b| b.is_ascii_alphanumeric())
    };
    words.next() == Some(b"t".as_slice())
        && words.clone().any(|w| lettered(w, b'x'))
        && words.any(|w| lettered(w, b'y'))
}

/// Frames of one page kept at most (the rest counted).
pub(crate) const MAX_FRAMES: usize = 16;

/// A frame of a page (`<iframe>`, `<frame>`): the document in its `srcdoc` (entities undone),
/// else where its `src` points; whether the page hides it.
#[derive(Debug, Default)]
pub(crate) struct Frame {
    pub doc: Option<String>,
    pub src: Option<String>,
    pub hidden: bool,
}

/// A page's `<div>` layouts not read: the first few named, the rest counted.
#[derive(Default)]
pub(crate) struct Unsures {
    /// The first [`layout::UNSURE_NAMED`].
    pub named: Vec<Unsure>,
    /// How many more, and how many of those name indicators ([`Unsure::formish`]).
    pub more: usize,
    pub more_formish: usize,
}

impl Unsures {
    /// A layout not read: named while there is room, else counted.
    fn add(&mut self, name: impl FnOnce() -> String, why: impl FnOnce() -> String, formish: bool) {
        if self.named.len() < layout::UNSURE_NAMED {
            self.named.push(Unsure {
                name: name(),
                why: why(),
                formish,
            });
        } else {
            self.more += 1;
            self.more_formish += usize::from(formish);
        }
    }

    /// Whether any layout not read names indicators (it may be the form).
    pub fn any_formish(&self) -> bool {
        self.more_formish > 0 || self.named.iter().any(|u| u.formish)
    }
}

/// A `<div>` layout not read (see [`Unsures`]): its name (`区块2`), why, and whether its text
/// names indicators (`指标`: it may be the form).
pub(crate) struct Unsure {
    pub name: String,
    pub why: String,
    pub formish: bool,
}

/// Reads every table of a decoded page, in page order, with the `<div>` layouts not read; the
/// style sheets it links to read from `styles`.
pub(crate) fn read_page_tables(
    name: &str,
    page: &str,
    styles: &StyleSource,
) -> Result<PageTables, ReadError> {
    read_page_tables_within(name, page, styles, limits::CELLS.get())
}

/// [`read_page_tables`] with at most `max_cells` cells (a frame's document: what the page
/// and the frames before it left of [`limits::CELLS`]).
pub(crate) fn read_page_tables_within(
    name: &str,
    page: &str,
    styles: &StyleSource,
    max_cells: u64,
) -> Result<PageTables, ReadError> {
    let mut b = Builder::new(name, styles);
    b.max_cells = max_cells;
    {
        let mut emitter =
            CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<()> {
                b.event(event);
                b.error.is_some().then_some(())
            });
        emitter.naively_switch_states(true);
        // the callback yields only when the read must stop (a limit)
        if let Some(_stop) = Tokenizer::new_with_emitter(page, emitter).next() {}
    }
    if let Some(e) = b.error.take() {
        return Err(e);
    }
    b.finish()
}

/// Text being gathered: HTML's white-space rule (runs of spaces are one space), `\n` for
/// line breaks.
#[derive(Default)]
struct TextBuf {
    text: String,
    space: bool,
    /// The pending space's run of white space holds a line break of the source.
    broke: bool,
}

impl TextBuf {
    fn push(&mut self, s: &str) {
        for ch in s.chars() {
            // zero-width characters web editors leave in text (and a soft hyphen): nothing shown
            if matches!(
                ch,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            ) {
                continue;
            }
            if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                if !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.space = true;
                    self.broke |= matches!(ch, '\n' | '\r');
                }
                continue;
            }
            if self.space {
                // a line break of the source between two Chinese characters is no space (CSS
                // Text's segment break rule; Word wraps its HTML inside Chinese text)
                let joined =
                    self.broke && self.text.chars().next_back().is_some_and(is_wide) && is_wide(ch);
                if !joined {
                    self.text.push(' ');
                }
                self.space = false;
                self.broke = false;
            }
            // a no-break space is a space that is kept; trimming takes it at the ends
            self.text.push(if ch == '\u{a0}' { ' ' } else { ch });
        }
    }

    /// The end of a block (`</p>`, `<div>`): a line break unless the line is empty.
    fn soft_break(&mut self) {
        self.space = false;
        self.broke = false;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// `<br>`: a line break.
    fn hard_break(&mut self) {
        self.space = false;
        self.broke = false;
        self.text.push('\n');
    }

    /// The text: each line trimmed, empty lines left out.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        self.finish_into(&mut out);
        out
    }

    /// [`TextBuf::finish`] written at the end of `out`.
    fn finish_into(self, out: &mut String) {
        let from = out.len();
        for line in self.text.split('\n') {
            let line = crate::table::grid::trim_cell(line);
            if line.is_empty() {
                continue;
            }
            if out.len() > from {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
}

/// East Asian wide and full-width characters (Chinese, Japanese, full-width punctuation): a
/// source line break between two of them is removed, as CSS Text says (Hangul aside).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// A cell being read.
struct OpenCell {
    text: TextBuf,
    colspan: u32,
    rowspan: u32,
    /// `style="display:none"`: a browser lays the cell out nowhere, nor does this.
    hidden: bool,
    /// The value Excel's "save as web page" writes beside what the cell shows (`x:num`).
    held: Option<Box<str>>,
    /// The background around its text (its own, its row's, its table's, the page's).
    background: hiding::Paint,
    /// How the cell itself hides its text (`<td style="visibility:hidden">`), if it does.
    veil: Option<hiding::Veil>,
    /// Text of the cell not read, how it was hidden and its first characters.
    dropped: Option<(hiding::Veil, String)>,
}

/// Characters of a cell's text not read kept for its finding.
const DROPPED_CHARS: usize = 24;

impl OpenCell {
    /// Text of the cell a browser does not show (`veil`): kept for its finding.
    fn drop_text(&mut self, veil: hiding::Veil, text: &str) {
        let (_, kept) = self.dropped.get_or_insert_with(|| (veil, String::new()));
        let room = DROPPED_CHARS.saturating_sub(kept.chars().count());
        kept.extend(text.chars().filter(|c| !c.is_whitespace()).take(room));
    }

    /// The note of the text not read, where it is said: text hidden by a trick
    /// ([`hiding::Veil::trick`]), or any hidden or struck text that leaves the cell empty.
    fn dropped_note(&self) -> Option<super::number_format::CellNote> {
        let (veil, text) = self.dropped.as_ref()?;
        let empty = self.text.text.trim().is_empty();
        (!text.is_empty() && (veil.trick() || empty)).then(|| {
            super::number_format::CellNote::PageUnseen {
                text: text.clone(),
                how: veil.how(),
            }
        })
    }
}

/// A table being read.
struct OpenTable {
    /// Its number on the page (0-based, in order of start).
    index: usize,
    above: Vec<String>,
    rows: Rows,
    /// Whether a `<tr>` is open (a `<td>` after `</tr>` starts a row of its own).
    row_open: bool,
    cell: Option<OpenCell>,
    caption: Option<TextBuf>,
    /// A table built of `<div>`s ([`layout`]): its state.
    div: Option<Box<layout::DivState>>,
    /// Inside a framework's copy of a table's fixed columns: not read.
    copy: bool,
    /// Its rows a browser does not show (`display:none`, `hidden`, `visibility:hidden`, a
    /// class hiding them), by number: read, each with a warning ([`super::hidden`]).
    hidden_rows: Vec<u32>,
    /// The table itself is hidden (`<table style="display:none">`, `hidden`, a class hiding
    /// it): every row of it is one of `hidden_rows`. Before, such a form was read and scored
    /// with nothing said.
    hidden: bool,
    /// Its rows struck through (`<tr style="text-decoration:line-through">`): the same.
    struck_rows: Vec<u32>,
    /// Its background, and its open row's.
    background: hiding::Paint,
    row_background: hiding::Paint,
    /// The rows of its `<tfoot>`: where they start, and end where a row group follows.
    foot: Option<(u32, Option<u32>)>,
    /// Tables nested in a cell of it that may be shown as its rows ([`nest::splice`]): the
    /// row of the cell, the table's number and the table.
    nested: Vec<(u32, usize, PageTable)>,
}

impl OpenTable {
    /// A row group starts (`<thead>`, `<tbody>`, `<tfoot>`: `foot`) or a `<tfoot>` ends: the
    /// foot's rows are those read between its start and the next group or its end.
    fn row_group(&mut self, foot: bool) {
        let at = u32::try_from(self.rows.count()).unwrap_or(u32::MAX);
        match &mut self.foot {
            Some((_, end @ None)) => *end = Some(at),
            None if foot => self.foot = Some((at, None)),
            _ => {}
        }
    }

    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            if c.hidden {
                return;
            }
            let note = c.dropped_note();
            self.rows.cell(c.text, c.colspan, c.rowspan);
            let noted = self.rows.notes.len();
            if let Some(held) = c.held {
                self.rows.held(&held);
            }
            // one note a cell (a held figure's first)
            if let Some(note) = note
                && self.rows.notes.len() == noted
            {
                self.rows.notes.push((self.rows.cells.len() - 1, note));
            }
        }
    }
}

/// A cell as read: where its text ends in [`Rows::text`] (it starts where the cell before it
/// ends) and, until it is placed, its colspan and rowspan where the sheet's cell holds its
/// place: a table's cells become its sheet's in place ([`place`]), its text the sheet's text,
/// so a table is never held twice (16 bytes a cell, where the cells as read and the sheet's
/// were 32 at once while placed: 46 bytes a one-byte cell at the page reader's peak).
type RawCell = super::PlacedCell;

impl RawCell {
    fn raw(end: usize, colspan: u32, rowspan: u32) -> RawCell {
        RawCell {
            at: (colspan, rowspan),
            end,
        }
    }

    /// Its colspan (before it is placed).
    fn colspan(&self) -> u32 {
        self.at.0
    }

    /// Its rowspan (before it is placed).
    fn rowspan(&self) -> u32 {
        self.at.1
    }

    fn set_colspan(&mut self, colspan: u32) {
        self.at.0 = colspan;
    }
}

/// A table's rows as read, flat: the cells in order, and where each row starts among them. A
/// run of empty rows is one entry that counts them (2 000 000 empty `<tr>` of an 8 MB page
/// were a `Vec` each, 48 MB and a doubling to 96 MB; now 8 bytes). The cells' texts are one
/// string (a cell 16 bytes and its text: a `String` a cell was 165 bytes a one-byte cell with
/// the sheet's and the grid's copies).
#[derive(Default)]
struct Rows {
    text: String,
    cells: Vec<RawCell>,
    /// (the index in `cells` of a row's first cell, how many rows the entry stands for: more
    /// than one only for a run of empty rows).
    starts: Vec<(usize, u32)>,
    /// The rows `starts` stands for, kept as they begin ([`Rows::count`] is asked at every
    /// row: summed there, a page of 200,000 rows took 8.7 s, quadratic; H172).
    total: usize,
    /// The cells read as the value they hold (`x:num`) rather than as shown, by index in
    /// `cells`, each with its note (what the page shows).
    notes: Vec<(usize, super::number_format::CellNote)>,
}

impl Rows {
    /// A new row begins.
    fn row(&mut self) {
        match self.starts.last_mut() {
            Some((start, n)) if *start == self.cells.len() && *n < u32::MAX => *n += 1,
            _ => self.starts.push((self.cells.len(), 1)),
        }
        self.total += 1;
    }

    /// A cell of the last row (the first row, where none has begun).
    fn cell(&mut self, text: TextBuf, colspan: u32, rowspan: u32) {
        match self.starts.last_mut() {
            None => {
                self.starts.push((self.cells.len(), 1));
                self.total += 1;
            }
            // the last of a run of empty rows takes the cell
            Some((start, n)) if *start == self.cells.len() && *n > 1 => {
                *n -= 1;
                self.starts.push((self.cells.len(), 1));
            }
            _ => {}
        }
        text.finish_into(&mut self.text);
        self.cells
            .push(RawCell::raw(self.text.len(), colspan, rowspan));
    }

    /// The last cell's value as Excel's page holds it (`x:num`): a percentage the page shows
    /// rounded (`x:num="0.945"` shown `95%`) is read as the value it holds (`94.5%`) with a
    /// `table.display-rounded` note, as the workbook itself is read
    /// (`number_format::read_cell`); any other cell as shown.
    fn held(&mut self, held: &str) {
        let Some(k) = self.cells.len().checked_sub(1) else {
            return;
        };
        let start = k.checked_sub(1).map_or(0, |p| self.cells[p].end);
        if let Some((text, note)) = held_percent(&self.text[start..], held) {
            self.text.truncate(start);
            self.text.push_str(&text);
            self.cells[k].end = self.text.len();
            self.notes.push((k, note));
        }
    }

    /// Whether a row has two cells or more (label–value rows; a layout table of blocks has
    /// one cell a row).
    fn has_pairs(&self) -> bool {
        self.each().any(|(_, cells)| cells.len() >= 2)
    }

    /// Whether row `r` is one row whose only cell is empty (the cell a nested table filled).
    fn lone_empty(&self, r: usize) -> bool {
        self.each().any(|(at, cells)| {
            at == r
                && cells.len() == 1
                && cells.start.checked_sub(1).map_or(0, |p| self.cells[p].end)
                    == self.cells[cells.start].end
        })
    }

    /// How many rows in all.
    fn count(&self) -> usize {
        self.total
    }

    /// Each row's first row number and its cells, in order (a run of empty rows once), each
    /// cell with its index.
    fn each(&self) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
        each_row(&self.starts, self.cells.len())
    }
}

/// [`Rows::each`] of rows starting at `starts`, of `cells` cells in all.
fn each_row(
    starts: &[(usize, u32)],
    cells: usize,
) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
    {
        let mut r = 0usize;
        starts.iter().enumerate().map(move |(k, &(start, n))| {
            let end = starts.get(k + 1).map_or(cells, |s| s.0);
            let at = r;
            r += n as usize;
            (at, start.min(end)..end)
        })
    }
}

/// A cell shown as the percentage `shown` (`95%`, `95.0%`) that holds `held` (Excel's `x:num`,
/// `0.945`): the text it is read as and its note, where the percentage shown is `held` rounded
/// to the places shown and not `held` itself. `None` for anything else (a cell not shown as a
/// percentage, a value that is not what is shown rounded: read as shown).
fn held_percent(shown: &str, held: &str) -> Option<(String, super::number_format::CellNote)> {
    use super::number_format::CellNote;
    let Some(figure) = shown.trim().strip_suffix('%') else {
        return held_plain(shown, held);
    };
    let figure = figure.trim_end();
    let places = places_shown(figure)?;
    let code = format!(
        "0{}{}%",
        if places > 0 { "." } else { "" },
        "0".repeat(places)
    );
    match held_in(held, &code)? {
        (text, Some(CellNote::Rounded(as_shown))) if as_shown == figure.replace(',', "") + "%" => {
            Some((text, CellNote::Rounded(shown.trim().to_owned())))
        }
        _ => None,
    }
}

/// A cell shown as a plain figure (`100`, `1,000`, `99.50`) that holds `held` (Excel's
/// `x:num`, `99.6`), where the figure shown is `held` rounded to the places shown: read as
/// shown with the note a workbook's cell gets (`table.display-rounded` naming the value held;
/// `table::held` reads a target's or an actual's as held), as the workbook itself is read.
/// `None` for anything else.
fn held_plain(shown: &str, held: &str) -> Option<(String, super::number_format::CellNote)> {
    use super::number_format::CellNote;
    let figure = shown.trim();
    let places = places_shown(figure)?;
    let code = format!(
        "{}{}{}",
        if figure.contains(',') { "#,##0" } else { "0" },
        if places > 0 { "." } else { "" },
        "0".repeat(places)
    );
    match held_in(held, &code)? {
        (text, Some(note @ CellNote::RoundedShown { .. }))
            if text.replace(',', "") == figure.replace(',', "") =>
        {
            Some((text, note))
        }
        _ => None,
    }
}

/// The decimal places of a figure shown (`1,000.50`: 2): digits, `-`, `.` and `,` only, at
/// least one digit, at most 10 places; `None` for anything else.
fn places_shown(figure: &str) -> Option<usize> {
    let places = figure.split_once('.').map_or(0, |(_, d)| d.len());
    (places <= 10
        && figure.bytes().any(|b| b.is_ascii_digit())
        && figure
            .bytes()
            .all(|b| b.is_ascii_digit() || b"-.,".contains(&b)))
    .then_some(places)
}

/// How a workbook's cell holding `held` (a number) shows in the number format `code`: its
/// text and note; `None` where `held` is no number.
fn held_in(held: &str, code: &str) -> Option<(String, Option<super::number_format::CellNote>)> {
    use super::number_format::{CellFormat, read_cell};
    let value: f64 = held.trim().parse().ok()?;
    let format = CellFormat::of(code)?;
    Some(read_cell(&calamine::Data::Float(value), Some(&format)))
}

/// Elements whose text is not shown (or is not the page's): skipped to their end tag.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"title",
    b"noscript",
    b"template",
    b"xml",
    b"noembed",
    b"noframes",
    b"iframe",
    b"object",
    b"svg",
    b"math",
];

/// A `<select>` in a cell (a saved online form's list): the option it shows, the one marked
/// `selected` (the last so marked, as a browser shows it), else the first.
#[derive(Default)]
struct Choice {
    /// The option open: its text so far and whether it is `selected`.
    open: Option<(String, bool)>,
    first: Option<String>,
    chosen: Option<String>,
}

impl Choice {
    /// The most text an option keeps (a list's label, never an article).
    const MAX: usize = 1024;

    /// An `<option>` starts (the one open ends).
    fn option(&mut self, selected: bool) {
        self.end_option();
        self.open = Some((String::new(), selected));
    }

    /// Text inside the list: the open option's.
    fn text(&mut self, text: &str) {
        if let Some((t, _)) = self.open.as_mut()
            && t.len() < Self::MAX
        {
            t.push_str(text);
        }
    }

    /// The open option ends.
    fn end_option(&mut self) {
        if let Some((text, selected)) = self.open.take() {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if selected {
                self.chosen = Some(text.clone());
            }
            self.first.get_or_insert(text);
        }
    }

    /// The option the list shows.
    fn shown(mut self) -> Option<String> {
        self.end_option();
        self.chosen.or(self.first)
    }
}

/// Whether an `<input>` of this `type` shows its `value` as text in its box (`text`,
/// `number`, …), not as a button's label or not at all (`hidden`, `checkbox`, `submit`).
fn shows_value(kind: &[u8]) -> bool {
    let kind = kind.trim_ascii();
    ![
        &b"hidden"[..],
        b"checkbox",
        b"radio",
        b"submit",
        b"button",
        b"reset",
        b"image",
        b"file",
        b"password",
    ]
    .iter()
    .any(|k| kind.eq_ignore_ascii_case(k))
}

/// Elements whose text a browser shows struck through, as not the text (a Word page's tracked
/// deletions are `<del>`): inside a cell, skipped as hidden text is.
const STRUCK: &[&[u8]] = &[b"del", b"s", b"strike"];

/// The tags that end a skip begun inside a cell (a hidden `<span>` left open ends with its cell,
/// as a browser closes it).
const CELL_BOUNDS: &[&[u8]] = &[
    b"td", b"th", b"tr", b"table", b"thead", b"tbody", b"tfoot", b"caption",
];

/// Elements whose start and end are line breaks, and whose start ends an open `<p>` the layout
/// follows ([`layout`]), as a browser ends it (each is one of HTML's tags that close a
/// `<p>`).
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"li",
    b"ul",
    b"ol",
    b"dl",
    b"dt",
    b"dd",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"blockquote",
    b"pre",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"nav",
    b"hr",
    b"address",
    b"center",
    b"form",
    b"main",
    b"aside",
    b"figure",
    b"figcaption",
    b"fieldset",
];

/// Elements that may stand in a page's `<head>` (any other start tag ends it, as browsers
/// read a page whose `</head>` is missing).
const HEAD_ONLY: &[&[u8]] = &[
    b"meta",
    b"link",
    b"base",
    b"head",
    b"html",
    b"basefont",
    b"bgsound",
];

struct Builder<'n> {
    name: &'n str,
    /// The style sheets the page links to: where from, and those not read.
    linked: linked::Linked<'n>,
    /// The `<link>` being read: its `href` where its `rel` is `stylesheet` for the screen.
    link: (Option<String>, bool, bool),
    open: Vec<OpenTable>,
    /// Tables read, by their place in page order, with a `<div>` table's name and what joins
    /// it to the grid before it ([`layout::DivState::joins`]).
    done: Vec<(usize, PageTable, Option<DivDone>)>,
    started: usize,
    /// Text outside any cell since the last line break.
    outside: TextBuf,
    /// The last lines of text outside cells since the last table ended.
    lines: VecDeque<String>,
    skip: Option<Vec<u8>>,
    /// Start tags of the skipped element's name met inside it (it ends at the matching end).
    skip_depth: u32,
    /// The skip was begun inside a cell (hidden or struck text): the cell's end ends it too.
    skip_in_cell: bool,
    /// How the text skipped inside a cell is hidden.
    skip_veil: Option<hiding::Veil>,
    /// The page's background (`<body bgcolor>`; white where none is said, unknown where a
    /// style sheet sets backgrounds this reader does not follow).
    page_background: hiding::Paint,
    /// `<sup>` / `<sub>` open inside the cell: how deep, and whether the innermost is `<sub>`.
    script: (u32, bool),
    in_head: bool,
    tag: Vec<u8>,
    attr: Vec<u8>,
    colspan: u32,
    rowspan: u32,
    hidden: bool,
    /// How the start tag's `style` and classes show it ([`hiding::Shown`]).
    shown: hiding::Shown,
    /// The classes the page's styles hide or strike through.
    hiding: hiding::Classes,
    held: Option<Box<str>>,
    cells: u64,
    max_cells: u64,
    error: Option<ReadError>,
    /// The page's style rules that lay elements out ([`super::page_css`]).
    styles: Styles,
    /// The text of the `<style>` block being read.
    style_text: Option<String>,
    /// The start tag's `class`, `id` and `style` (up to a bound), kept only where the tag may
    /// be followed (`keep_attrs`, [`Builder::may_follow`]): the layout alone reads them.
    keep_attrs: bool,
    class: Vec<u8>,
    id: Vec<u8>,
    style: Vec<u8>,
    /// Elements followed for `<div>` tables ([`layout`]), and how many deeper ones are open.
    elems: Vec<layout::Elem>,
    deep: u32,
    /// `<table>`s open.
    html_open: u32,
    /// `<div>` tables started.
    divs: usize,
    /// `<div>` tables not read, and why.
    unsure: Unsures,
    /// A style block setting layouts came after a `<div>` table had started.
    late_styles: bool,
    /// Elements followed so far.
    serials: u32,
    /// Elements open that hold a framework's copy of a table's fixed columns (the tables
    /// inside are not read).
    copies: u32,
    /// The table part the start tag's ARIA `role` makes it (`<div role="row">`: `tr`).
    role: Option<&'static [u8]>,
    /// ARIA table parts open ([`Builder::aria_open`]): each element's tag, how many elements
    /// of its name are open inside it, and the table part it is read as.
    aria: Vec<(Vec<u8>, u32, &'static [u8])>,
    /// A `<script>` of the page holds the word 指标: the page's tables may be filled by it.
    script_data: bool,
    /// A `<template>` holds the word 指标 ([`PageTables::template_form`]).
    template_form: bool,
    /// The `<iframe>` / `<frame>` being read, and the page's frames so far.
    frame: Frame,
    frames: Vec<Frame>,
    frames_more: usize,
    /// Pieces of text placed at coordinates so far (to [`PLACED_ENOUGH`]); the start tag is
    /// one of pdf2htmlEX's; the converter a `<meta>` names.
    placed: u32,
    pdf_piece: bool,
    maker: Option<&'static str>,
    /// Text tables ([`text_table`]): the text of the `<pre>` open outside tables or in a
    /// table's cell as written (spaces and tabs kept), the run of pipe-table lines met outside
    /// tables with the lines above it, and how many text tables were read (their sheets are
    /// `文本1`, …).
    pre: Option<String>,
    /// The tables open where the `<pre>` started (0: outside tables; more: in a cell of a
    /// layout table, a CMS's page frame): its text is what is written at that depth.
    pre_in: usize,
    pipe: (Vec<String>, Vec<String>),
    /// The `<input>` being read: its `value`, and whether its `type` shows it as text (a
    /// saved online form shows what was typed in its boxes).
    input: (Option<String>, bool),
    /// The `<select>` open in a cell ([`Choice`]), and whether the start tag is `selected`.
    select: (Option<Box<Choice>>, bool),
    texts: usize,
}

/// ARIA table parts open at most (deeper ones are read as their own tags).
const MAX_ARIA_OPEN: usize = 4096;

/// The table part an ARIA `role` makes an element (`table`, `grid`, `treegrid`: `table`;
/// `row`; `cell`, `gridcell`, `columnheader`, `rowheader`: `td`; `rowgroup`: `tbody`).
fn aria_part(role: &[u8]) -> Option<&'static [u8]> {
    let role = role.trim_ascii();
    let first = role
        .split(|b| b.is_ascii_whitespace())
        .next()
        .unwrap_or(&[]);
    let is = |w: &[u8]| first.eq_ignore_ascii_case(w);
    if is(b"table") || is(b"grid") || is(b"treegrid") {
        Some(b"table")
    } else if is(b"row") {
        Some(b"tr")
    } else if is(b"cell") || is(b"gridcell") || is(b"columnheader") || is(b"rowheader") {
        Some(b"td")
    } else if is(b"rowgroup") {
        Some(b"tbody")
    } else {
        None
    }
}

impl<'n> Builder<'n> {
    fn new(name: &'n str, styles: &'n StyleSource) -> Self {
        Builder {
            name,
            linked: linked::Linked::new(styles),
            link: (None, false, false),
            open: Vec::new(),
            done: Vec::new(),
            started: 0,
            outside: TextBuf::default(),
            lines: VecDeque::new(),
            skip: None,
            skip_depth: 0,
            skip_in_cell: false,
            skip_veil: None,
            page_background: hiding::Paint::Unset,
            script: (0, false),
            in_head: false,
            tag: Vec::new(),
            attr: Vec::new(),
            colspan: 1,
            rowspan: 1,
            hidden: false,
            shown: hiding::Shown::default(),
            hiding: hiding::Classes::default(),
            held: None,
            cells: 0,
            max_cells: limits::CELLS.get(),
            error: None,
            styles: Styles::default(),
            style_text: None,
            keep_attrs: false,
            class: Vec::new(),
            id: Vec::new(),
            style: Vec::new(),
            elems: Vec::new(),
            deep: 0,
            html_open: 0,
            divs: 0,
            unsure: Unsures::default(),
            late_styles: false,
            copies: 0,
            serials: 0,
            role: None,
            aria: Vec::new(),
            script_data: false,
            template_form: false,
            frame: Frame::default(),
            frames: Vec::new(),
            frames_more: 0,
            placed: 0,
            pdf_piece: false,
            maker: None,
            input: (None, true),
            select: (None, false),
            pre: None,
            pre_in: 0,
            pipe: (Vec::new(), Vec::new()),
            texts: 0,
        }
    }

    fn event(&mut self, event: CallbackEvent<'_>) {
        if self.error.is_some() {
            return;
        }
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.clear();
                self.tag.extend_from_slice(name);
                self.attr.clear();
                self.colspan = 1;
                self.rowspan = 1;
                self.hidden = false;
                self.shown = hiding::Shown::default();
                self.held = None;
                self.select.1 = false;
                self.role = None;
                self.pdf_piece = false;
                if name == b"iframe" || name == b"frame" {
                    self.frame = Frame::default();
                }
                if name == b"link" {
                    self.link = (None, false, false);
                }
                self.class.clear();
                self.id.clear();
                self.style.clear();
                self.keep_attrs = self.may_follow(name);
            }
            CallbackEvent::AttributeName { name } => {
                self.attr.clear();
                self.attr.extend_from_slice(&name[..name.len().min(16)]);
                self.hidden |= name == b"hidden";
                self.select.1 |= name == b"selected";
            }
            CallbackEvent::AttributeValue { value } => match self.attr.as_slice() {
                b"colspan" | b"aria-colspan" => self.colspan = span_value(value, 1000),
                b"rowspan" | b"aria-rowspan" => self.rowspan = span_value(value, 65534),
                b"role" => self.role = aria_part(value),
                b"style" => {
                    self.shown = hiding::Shown::of_style(value).or(self.shown);
                    self.hidden |= self.shown.none;
                    if self.keep_attrs {
                        keep(&mut self.style, value, 2048);
                    }
                }
                b"class" => {
                    self.pdf_piece = self.placed < PLACED_ENOUGH && pdf2html_piece(value);
                    if !self.hiding.is_empty() {
                        self.shown = self.shown.or(self.hiding.of_class(value));
                        self.hidden |= self.shown.none;
                    }
                    if self.keep_attrs {
                        keep(&mut self.class, value, 512);
                    }
                }
                b"id" if self.keep_attrs => keep(&mut self.id, value, 128),
                b"color" => {
                    self.shown.color = self.shown.color.or(hiding::attribute_colour(value));
                }
                b"bgcolor" => {
                    self.shown.background =
                        self.shown.background.or(hiding::attribute_colour(value));
                }
                b"href" | b"rel" | b"media" if self.tag == b"link" => self.link_attr(value),
                b"content" if self.tag == b"meta" && self.maker.is_none() => {
                    self.maker = PDF_MAKERS
                        .iter()
                        .find(|m| memchr::memmem::find(value, m.as_bytes()).is_some())
                        .copied();
                }
                b"srcdoc" if self.tag == b"iframe" && self.frame.doc.is_none() => {
                    self.frame.doc = Some(String::from_utf8_lossy(value).into_owned());
                }
                b"src" if self.tag == b"iframe" || self.tag == b"frame" => {
                    let src = String::from_utf8_lossy(&value[..value.len().min(2048)]);
                    self.frame.src = Some(src.into_owned());
                }
                b"value" | b"type" if self.tag == b"input" => self.input_attr(value),
                b"x:num" if !value.is_empty() && value.len() <= 40 => {
                    self.held = std::str::from_utf8(value).ok().map(Box::from);
                }
                _ => {}
            },
            CallbackEvent::CloseStartTag { self_closing } => {
                if self.placed < PLACED_ENOUGH
                    && (self.pdf_piece || (self.shown.placed_x && self.shown.placed_y))
                {
                    self.placed += 1;
                }
                let tag = std::mem::take(&mut self.tag);
                self.start_tag(&tag, self_closing);
                self.tag = tag;
            }
            CallbackEvent::EndTag { name } => self.end_tag(name),
            CallbackEvent::String { value } if self.style_text.is_some() => {
                if let Some(css) = &mut self.style_text
                    && css.len() <= super::page_css::MAX_CSS_BYTES
                {
                    css.push_str(&String::from_utf8_lossy(value));
                }
            }
            CallbackEvent::String { value }
                if matches!(self.skip.as_deref(), Some(b"script" | b"template")) =>
            {
                self.unseen_words(value);
            }
            CallbackEvent::String { value } if self.skip.is_some() && self.skip_in_cell => {
                if let (Some(veil), Some(OpenTable { cell: Some(c), .. })) =
                    (self.skip_veil, self.open.last_mut())
                {
                    c.drop_text(veil, &String::from_utf8_lossy(value));
                }
            }
            CallbackEvent::String { value } if self.skip.is_none() && !self.in_head => {
                let text = String::from_utf8_lossy(value);
                self.text(&text);
            }
            _ => {}
        }
    }

    /// Text of a `<script>` or a `<template>` (not shown): whether it holds the word 指标
    /// ([`PageTables::script_data`], [`PageTables::template_form`]).
    fn unseen_words(&mut self, value: &[u8]) {
        let found = || memchr::memmem::find(value, "指标".as_bytes()).is_some();
        match self.skip.as_deref() {
            Some(b"script") if !self.script_data => self.script_data = found(),
            Some(b"template") if !self.template_form => self.template_form = found(),
            _ => {}
        }
    }

    fn start_tag(&mut self, tag: &[u8], self_closing: bool) {
        if let Some(skip) = &self.skip {
            let lifted = self.skip_in_cell
                && self
                    .skip_veil
                    .is_some_and(|v| v.lifted_by(&self.shown, self.cell_background()));
            if self.skip_in_cell && (CELL_BOUNDS.contains(&tag) || lifted) {
                // an element shown again inside (`visibility: visible`, a font size): read
                // from here, as the rest of the hidden one (only white space, as written)
                self.skip = None;
            } else {
                if skip.as_slice() == tag && !self_closing {
                    self.skip_depth += 1;
                }
                return;
            }
        }
        // inside a cell, text a browser does not show (`display:none`, `hidden`, a zero font
        // size, its background's colour, …) or shows struck through (`<del>`, `<s>`):
        // `8<span style="display:none">9</span>0人` read `890人`, `<del>120</del>80人` read
        // `12080人`
        // (looked at in the order of cost: most tags hide nothing and open no cell hidden whole)
        let may_hide = self.hidden
            || !self.shown.plain()
            || STRUCK.contains(&tag)
            || matches!(
                self.open.last(),
                Some(OpenTable {
                    cell: Some(OpenCell { veil: Some(_), .. }),
                    ..
                })
            );
        if may_hide && !self_closing && !CELL_BOUNDS.contains(&tag) && self.in_cell() {
            let veil = if STRUCK.contains(&tag) {
                Some(hiding::Veil::Struck)
            } else if self.hidden {
                Some(hiding::Veil::Gone)
            } else {
                self.shown.veil(self.cell_background())
            };
            // text of a cell hidden whole, shown again here
            let shown = self.shown;
            if let Some(OpenTable { cell: Some(c), .. }) = self.open.last_mut()
                && c.veil.is_some_and(|v| v.lifted_by(&shown, c.background))
            {
                c.veil = None;
            }
            if let Some(veil) = veil {
                self.skip = Some(tag.to_vec());
                self.skip_depth = 0;
                self.skip_in_cell = true;
                self.skip_veil = Some(veil);
                return;
            }
        }
        if tag == b"head" {
            self.in_head = true;
            return;
        }
        let tag = self.aria_open(tag, self_closing);
        if self.in_head && !HEAD_ONLY.contains(&tag) && !SKIPPED.contains(&tag) {
            self.in_head = false;
        }
        if tag == b"iframe" || tag == b"frame" {
            self.take_frame();
        }
        if SKIPPED.contains(&tag) {
            if !self_closing {
                self.skip = Some(tag.to_vec());
                self.skip_depth = 0;
                self.skip_in_cell = false;
                if tag == b"style" {
                    self.style_text = Some(String::new());
                }
            }
            return;
        }
        self.follow_start(tag, self_closing);
        match tag {
            b"body" => {
                self.in_head = false;
                self.page_background = self.shown.background.or(self.page_background);
            }
            b"table" => {
                self.close_open_p();
                self.start_table();
            }
            b"tr" => self.start_row(),
            b"td" | b"th" => self.start_cell(),
            b"thead" | b"tbody" | b"tfoot" if self.html_open > 0 => {
                self.close_ctx();
                if let Some(t) = self.open.last_mut() {
                    t.close_cell();
                    t.row_open = false;
                    t.row_group(tag == b"tfoot");
                }
            }
            b"caption" if self.html_open > 0 => {
                self.close_ctx();
                if let Some(t) = self.open.last_mut() {
                    t.caption = Some(TextBuf::default());
                }
            }
            b"br" => self.line_break(),
            b"input" => self.show_input(),
            b"select" | b"option" => self.start_choice(tag, self_closing),
            b"pre" if self.pre.is_none() && (self.open.is_empty() || self.in_cell()) => {
                self.start_pre();
            }
            b"link" => self.linked_sheet(),
            b"sup" | b"sub" if !self_closing && self.in_cell() => {
                self.script = (self.script.0 + 1, tag == b"sub");
            }
            _ if BLOCKS.contains(&tag) => self.block_break(),
            _ => {}
        }
    }

    /// The `<iframe>` / `<frame>` just started, kept for [`PageTables::frames`] (a frame
    /// with neither `srcdoc` nor `src` shows nothing).
    fn take_frame(&mut self) {
        let mut frame = std::mem::take(&mut self.frame);
        if frame.doc.is_none() && frame.src.as_deref().is_none_or(|s| s.trim().is_empty()) {
            return;
        }
        frame.hidden = self.hidden;
        if self.frames.len() < MAX_FRAMES {
            self.frames.push(frame);
        } else {
            self.frames_more += 1;
        }
    }

    /// A `<tr>`: a new row of the open table, hidden or struck as a browser shows it.
    fn start_row(&mut self) {
        self.close_ctx();
        let page = self.page_paint();
        if let Some(t) = self.open.last_mut().filter(|t| t.div.is_none()) {
            t.close_cell();
            t.caption = None;
            if self.cells >= self.max_cells {
                self.error = Some(self.too_many_cells());
                return;
            }
            self.cells += 1;
            t.rows.row();
            t.row_open = true;
            t.row_background = self.shown.background;
            let around = t.background.or(page);
            let at = u32::try_from(t.rows.count().saturating_sub(1)).unwrap_or(u32::MAX);
            match self.shown.veil(around) {
                _ if self.hidden || t.hidden => t.hidden_rows.push(at),
                Some(hiding::Veil::Struck) => t.struck_rows.push(at),
                Some(_) => t.hidden_rows.push(at),
                None => {}
            }
        }
    }

    /// A `<td>` / `<th>`: a new cell of the open row (a row opened for it where none is).
    fn start_cell(&mut self) {
        self.close_ctx();
        // a `<sup>` left open ends with its cell
        self.script = (0, false);
        let (colspan, rowspan, hidden) = (self.colspan, self.rowspan, self.hidden);
        if self.cells >= self.max_cells {
            self.error = Some(self.too_many_cells());
            return;
        }
        self.cells += 1;
        let page = self.page_paint();
        if let Some(t) = self.open.last_mut().filter(|t| t.div.is_none()) {
            t.close_cell();
            t.caption = None;
            if !t.row_open {
                t.rows.row();
                t.row_open = true;
            }
            let around = t.row_background.or(t.background).or(page);
            t.cell = Some(OpenCell {
                text: TextBuf::default(),
                colspan,
                rowspan,
                hidden,
                held: self.held.take(),
                background: self.shown.background.or(around),
                veil: self.shown.veil(around),
                dropped: None,
            });
        }
    }

    /// The background around the open cell's text ([`hiding::Paint::Unset`]: white).
    fn cell_background(&self) -> hiding::Paint {
        match self.open.last() {
            Some(OpenTable { cell: Some(c), .. }) => c.background,
            _ => self.page_paint(),
        }
    }

    /// The page's background: white where nothing sets one, not known where the page's styles
    /// set backgrounds this reader does not place ([`hiding::Classes::backgrounds`]).
    fn page_paint(&self) -> hiding::Paint {
        match self.page_background {
            hiding::Paint::Unset if self.hiding.backgrounds => hiding::Paint::Unknown,
            p => p,
        }
    }

    /// Whether a cell of a table is open.
    fn in_cell(&self) -> bool {
        matches!(self.open.last(), Some(OpenTable { cell: Some(_), .. }))
    }

    fn end_tag(&mut self, tag: &[u8]) {
        if let Some(skip) = &self.skip {
            if skip.as_slice() == tag {
                if self.skip_depth == 0 {
                    self.skip = None;
                    if tag == b"style" {
                        self.end_style();
                    }
                } else {
                    self.skip_depth -= 1;
                }
                return;
            }
            // a hidden element left open in a `<div>` cell ends with the cell's element
            let div_cell_ends = self.open.last().is_some_and(|t| t.div.is_some())
                && layout::TABLE_PARTS.iter().all(|p| *p != tag)
                && !self.elems.is_empty()
                && !matches!(
                    tag,
                    b"span" | b"font" | b"b" | b"i" | b"u" | b"a" | b"em" | b"strong"
                );
            if !(self.skip_in_cell && (CELL_BOUNDS.contains(&tag) || div_cell_ends)) {
                return;
            }
            self.skip = None;
        }
        let tag = self.aria_close(tag);
        self.follow_end(tag);
        match tag {
            b"head" => self.in_head = false,
            b"sup" | b"sub" => self.script.0 = self.script.0.saturating_sub(1),
            b"td" | b"th" if self.html_open > 0 => {
                self.script = (0, false);
                self.close_ctx();
                if let Some(t) = self.open.last_mut() {
                    t.close_cell();
                }
            }
            b"tr" if self.html_open > 0 => {
                self.close_ctx();
                if let Some(t) = self.open.last_mut() {
                    t.close_cell();
                    t.row_open = false;
                }
            }
            b"tfoot" if self.html_open > 0 => {
                self.close_ctx();
                if let Some(t) = self.open.last_mut() {
                    t.close_cell();
                    t.row_open = false;
                    t.row_group(false);
                }
            }
            b"caption" if self.html_open > 0 => {
                self.close_ctx();
                if let Some(t) = self.open.last_mut()
                    && let Some(c) = t.caption.take()
                {
                    let text = c.finish();
                    t.above.extend(text.lines().map(str::to_owned));
                }
            }
            b"table" if self.html_open > 0 => {
                self.close_ctx();
                self.end_table();
            }
            b"br" => self.line_break(),
            b"pre" if self.pre.is_some() && self.pre_in == self.open.len() => self.end_pre(),
            b"option" => {
                if let Some(choice) = self.select.0.as_mut() {
                    choice.end_option();
                }
            }
            b"select" => {
                if let Some(shown) = self.select.0.take().and_then(|c| c.shown()) {
                    let sink = self.sink();
                    sink.push(" ");
                    sink.push(&shown);
                    sink.push(" ");
                }
            }
            _ if BLOCKS.contains(&tag) => self.block_break(),
            _ => {}
        }
    }

    /// A start tag as a table part: an element whose ARIA `role` makes it one (`<div
    /// role="table">`, `role="row"`, `role="cell"`) is read as that part, as a screen reader
    /// reads it, its end found by counting the elements of its name inside it; any other tag
    /// as it is.
    fn aria_open<'t>(&mut self, tag: &'t [u8], self_closing: bool) -> &'t [u8] {
        if self_closing {
            return tag;
        }
        let part = self
            .role
            .filter(|_| !layout::TABLE_PARTS.contains(&tag) && self.aria.len() < MAX_ARIA_OPEN);
        match (part, self.aria.last_mut()) {
            (Some(part), _) => {
                self.aria.push((tag.to_vec(), 0, part));
                part
            }
            (None, Some((open, inside, _))) if open.as_slice() == tag => {
                *inside += 1;
                tag
            }
            _ => tag,
        }
    }

    /// An end tag as a table part: the end of an element read as one ([`Builder::aria_open`])
    /// is that part's end.
    fn aria_close<'t>(&mut self, tag: &'t [u8]) -> &'t [u8] {
        match self.aria.last_mut() {
            Some((open, inside, _)) if open.as_slice() == tag && *inside > 0 => {
                *inside -= 1;
                tag
            }
            Some((open, _, _)) if open.as_slice() == tag => {
                self.aria.pop().map_or(tag, |(_, _, part)| part)
            }
            _ => tag,
        }
    }

    /// A `<style>` block ends: its layout rules are read, after the sheets it imports.
    fn end_style(&mut self) {
        let Some(css) = self.style_text.take() else {
            return;
        };
        // comments stripped once, for the imports, the layout rules and the hiding classes (a
        // commented-out `@import` is not followed)
        let bare = super::page_css::strip_comments(&css);
        for href in linked::imports(&bare) {
            self.linked_css(&href);
        }
        self.add_css(css.len(), &bare, None);
    }

    /// An attribute of a `<link>`: its `href`, whether its `rel` names a style sheet, whether
    /// its `media` leaves the screen out (`print`).
    fn link_attr(&mut self, value: &[u8]) {
        let text = String::from_utf8_lossy(value);
        match self.attr.as_slice() {
            b"href" => self.link.0 = Some(text.chars().take(2048).collect()),
            b"rel" => {
                self.link.1 = text
                    .split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("stylesheet"))
            }
            _ => self.link.2 = text.to_ascii_lowercase().contains("print"),
        }
    }

    /// A `<link rel="stylesheet">` ends: the sheet it names is read, where it may be.
    fn linked_sheet(&mut self) {
        let (href, sheet, print) = std::mem::take(&mut self.link);
        let Some(href) = href.filter(|_| sheet && !print) else {
            return;
        };
        self.linked_css(&href);
    }

    /// The sheet `href` names, read where it may be. A framework's sheet (Bootstrap's,
    /// Element UI's) past the layout rules kept is not read for layouts (the class conventions
    /// read its `<div>`s as they did without it; named), only for what it hides.
    fn linked_css(&mut self, href: &str) {
        let Some(css) = self.linked.load(href, self.styles.read()) else {
            return;
        };
        // read once, on its own: added to the page's rules where they fit
        let bare = super::page_css::strip_comments(&css);
        let mut sheet = Styles::default();
        sheet.add_bare(css.len(), &bare);
        if sheet.too_much.is_some() || sheet.len() + self.styles.len() > super::page_css::MAX_RULES
        {
            self.hiding.add_bare(&bare);
            let shown: String = href.chars().take(120).collect();
            self.linked
                .unread
                .push((shown, "设定布局的规则超过 256 条，排版没有按它读取"));
            return;
        }
        self.add_css(css.len(), &bare, Some(sheet));
    }

    /// Style text read (a `<style>` block's, a linked sheet's; `bare`, its comments stripped,
    /// `raw_len` bytes with them; its rules already read where `sheet`): its layout rules and
    /// the classes it hides or strikes.
    fn add_css(&mut self, raw_len: usize, bare: &str, sheet: Option<Styles>) {
        let before = self.styles.len();
        match sheet {
            Some(sheet) => self.styles.append(sheet),
            None => self.styles.add_bare(raw_len, bare),
        }
        self.hiding.add_bare(bare);
        // rules read after a layout was laid out may have changed it
        self.late_styles |= self.divs > 0 && self.styles.len() > before;
    }

    /// Where text goes now: the open cell, the caption, else the page's text outside cells.
    fn sink(&mut self) -> &mut TextBuf {
        match self.open.last_mut() {
            Some(OpenTable { cell: Some(c), .. }) => &mut c.text,
            Some(OpenTable {
                caption: Some(c), ..
            }) => c,
            _ => &mut self.outside,
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(choice) = self.select.0.as_mut() {
            choice.text(text);
            return;
        }
        // a cell that hides its text whole (`<td style="visibility:hidden">`)
        if let Some(OpenTable { cell: Some(c), .. }) = self.open.last_mut()
            && let Some(veil) = c.veil
        {
            c.drop_text(veil, text);
            return;
        }
        // text directly in a `<div>` row or grid, outside its cells
        if matches!(self.open.last(), Some(t) if t.cell.is_none() && t.div.is_some()) {
            self.loose_text(text);
        }
        if self.script.0 > 0 && self.in_cell() && text.bytes().any(|b| b.is_ascii_digit()) {
            let raised = super::raised_digits(text, self.script.1);
            self.sink().push(&raised);
            return;
        }
        if let Some(pre) = self.pre.as_mut()
            && self.open.len() == self.pre_in
        {
            pre.push_str(text);
        }
        self.sink().push(text);
    }

    /// An `<input>`'s `value` or `type` attribute.
    fn input_attr(&mut self, value: &[u8]) {
        if self.attr == b"type" {
            self.input.1 = shows_value(value);
        } else if value.len() <= TITLE_CHARS * 4 {
            self.input.0 = Some(String::from_utf8_lossy(value).into_owned());
        }
    }

    /// An `<input>` ends its start tag: the value its box shows is its cell's text (a search
    /// box's outside tables is no line above a form).
    fn show_input(&mut self) {
        // each `<input>`'s attributes are its own: taken here, where its start tag ends
        if let (Some(value), true) = std::mem::replace(&mut self.input, (None, true))
            && self.in_cell()
        {
            let sink = self.sink();
            sink.push(" ");
            sink.push(&value);
            sink.push(" ");
        }
    }

    /// A `<select>` or an `<option>` starts: a list in a cell shows one option
    /// ([`Choice`]); a list outside cells (a site's links) is not the page's text.
    fn start_choice(&mut self, tag: &[u8], self_closing: bool) {
        if tag == b"option" {
            let selected = self.select.1;
            if let Some(choice) = self.select.0.as_mut() {
                choice.option(selected);
            }
        } else if self.in_cell() {
            self.select.0 = Some(Box::default());
        } else if !self_closing {
            self.skip = Some(tag.to_vec());
            self.skip_depth = 0;
            self.skip_in_cell = false;
        }
    }

    /// A `<pre>` starts outside tables or in a table's cell: its text is kept as written too
    /// ([`Builder::end_pre`]).
    fn start_pre(&mut self) {
        self.block_break();
        self.end_pipe();
        self.pre = Some(String::new());
        self.pre_in = self.open.len();
    }

    /// `<br>`: a line break (in a `<pre>`, of its text as written too).
    fn line_break(&mut self) {
        if let Some(pre) = self.pre.as_mut()
            && self.open.len() == self.pre_in
        {
            pre.push('\n');
        }
        self.sink().hard_break();
    }

    /// A `<pre>` outside tables ends: its text read as the table it shows, if it shows one
    /// ([`text_table::read_block`]); else its lines are the page's text, as before. A `<pre>`
    /// in a table's cell (a text form in a layout table's cell) is its cell's text as before,
    /// and a table of its own where it shows one (the lines above it those in the `<pre>`).
    fn end_pre(&mut self) {
        let raw = self.pre.take().unwrap_or_default();
        let lines: Vec<&str> = raw.split('\n').collect();
        if self.pre_in > 0 {
            self.pre_in = 0;
            if let text_table::Found::Table { above, rows } = text_table::read_block(&lines, true) {
                self.push_text_table(above, rows);
            }
            self.block_break();
            return;
        }
        match text_table::read_block(&lines, true) {
            text_table::Found::Table { above, rows } => {
                self.outside = TextBuf::default();
                let mut all: Vec<String> = self.lines.drain(..).collect();
                all.extend(above);
                self.push_text_table(all, rows);
            }
            text_table::Found::Unsure(why) => {
                self.text_unsure(why, &raw);
                self.block_break();
            }
            text_table::Found::None => self.block_break(),
        }
    }

    /// The run of pipe-table lines met outside tables ends: read as the table they show, or
    /// given back to the page's text.
    fn end_pipe(&mut self) {
        if self.pipe.0.is_empty() {
            return;
        }
        let (run, mut above) = std::mem::take(&mut self.pipe);
        let lines: Vec<&str> = run.iter().map(String::as_str).collect();
        match text_table::read_block(&lines, false) {
            text_table::Found::Table { above: more, rows } => {
                above.extend(more);
                self.push_text_table(above, rows);
            }
            found => {
                if let text_table::Found::Unsure(why) = found {
                    self.text_unsure(why, &run.join("\n"));
                }
                for line in run {
                    self.keep_line(line);
                }
            }
        }
    }

    /// A text block showing a table whose columns are not certain: said with why.
    fn text_unsure(&mut self, why: String, text: &str) {
        self.texts += 1;
        let name = format!("文本{}", self.texts);
        self.unsure
            .add(|| name, || why, layout::names_indicators(text));
    }

    /// A table a text block shows, read as a sheet `文本N` in its place on the page.
    fn push_text_table(&mut self, mut above: Vec<String>, rows: Vec<Vec<String>>) {
        if let Err(e) = super::check_sheets(self.name, "中的表格", self.started as u64 + 1) {
            self.error = Some(e);
            return;
        }
        let width = rows.first().map_or(0, Vec::len);
        if width as u64 > limits::COLUMNS.get() {
            self.error = Some(ReadError::TooManyColumns {
                name: self.name.into(),
                line: 1,
                columns: width,
                max: limits::COLUMNS.shown(),
                help: limits::COLUMNS.help(),
            });
            return;
        }
        self.texts += 1;
        let mut sheet = SheetCells::named(format!("文本{}", self.texts));
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                self.cells += 1;
                if self.cells > self.max_cells {
                    self.error = Some(self.too_many_cells());
                    return;
                }
                sheet.push((r as u32, c as u32), text);
            }
        }
        let skip = above.len().saturating_sub(LINES_ABOVE);
        above.drain(..skip);
        self.done
            .push((self.started, PageTable { above, sheet }, None));
        self.started += 1;
    }

    /// A block starts or ends: a line break in a cell; outside cells, the line is done.
    fn block_break(&mut self) {
        let in_cell = matches!(
            self.open.last(),
            Some(
                OpenTable { cell: Some(_), .. }
                    | OpenTable {
                        caption: Some(_),
                        ..
                    }
            )
        );
        if in_cell {
            self.sink().soft_break();
        } else {
            self.flush_outside();
        }
    }

    /// The text outside cells as lines above the next table (only the last few are kept).
    fn flush_outside(&mut self) {
        let text = std::mem::take(&mut self.outside).finish();
        for line in text.lines() {
            // a markdown table written as lines of text (`<p>| 三级指标 | 分值 |</p>`)
            if self.open.is_empty() && text_table::is_pipe_row(line) {
                if self.pipe.0.is_empty() {
                    self.pipe.1 = self.lines.iter().cloned().collect();
                }
                self.pipe.0.push(line.to_owned());
                continue;
            }
            self.end_pipe();
            self.keep_line(line.to_owned());
        }
    }

    /// A line of the page's text kept as one of the lines above the next table.
    fn keep_line(&mut self, line: String) {
        if line.chars().count() > TITLE_CHARS {
            return;
        }
        self.lines.push_back(line);
        if self.lines.len() > LINES_ABOVE {
            self.lines.pop_front();
        }
    }

    fn start_table(&mut self) {
        if self.start_table_of(None).is_some() {
            self.html_open += 1;
        }
    }

    /// Starts a table (a `<div>` one with its state): its place in `open`, `None` past the
    /// tables' limit (the error set).
    fn start_table_of(&mut self, div: Option<Box<layout::DivState>>) -> Option<usize> {
        // each table is a sheet of its own: a page of millions of (nested or empty) tables
        // held hundreds of bytes each before any limit counted them
        if let Err(e) = super::check_sheets(self.name, "中的表格", self.started as u64 + 1) {
            self.error = Some(e);
            return None;
        }
        self.flush_outside();
        self.end_pipe();
        let mut above: Vec<String> = self.lines.drain(..).collect();
        // a table inside a cell: that cell's text before it is the nearest text above it
        if let Some(OpenTable { cell: Some(c), .. }) = self.open.last() {
            let mut text = TextBuf {
                text: c.text.text.clone(),
                ..TextBuf::default()
            }
            .finish();
            if text.chars().count() > TITLE_CHARS * LINES_ABOVE {
                text.clear();
            }
            above.extend(
                text.lines()
                    .filter(|l| l.chars().count() <= TITLE_CHARS)
                    .map(str::to_owned),
            );
            // that text stays the outer cell's too: break it off from what follows the table
            if let Some(OpenTable { cell: Some(c), .. }) = self.open.last_mut() {
                c.text.soft_break();
            }
        }
        let skip = above.len().saturating_sub(LINES_ABOVE);
        above.drain(..skip);
        let hidden = self.hidden && div.is_none();
        self.open.push(OpenTable {
            index: self.started,
            above,
            rows: Rows::default(),
            row_open: false,
            cell: None,
            caption: None,
            div,
            copy: self.copies > 0,
            hidden_rows: Vec::new(),
            hidden,
            struck_rows: Vec::new(),
            background: self.shown.background,
            row_background: hiding::Paint::Unset,
            foot: None,
            nested: Vec::new(),
        });
        self.started += 1;
        Some(self.open.len() - 1)
    }

    fn end_table(&mut self) {
        let Some(mut t) = self.open.pop() else {
            return;
        };
        t.close_cell();
        if t.div.is_none() {
            self.html_open = self.html_open.saturating_sub(1);
        }
        // the text outside cells before the table's end is not above the next one
        self.lines.clear();
        self.outside = TextBuf::default();
        if t.copy {
            let nested = std::mem::take(&mut t.nested);
            self.done.extend(
                nested
                    .into_iter()
                    .map(|(_, index, inner)| (index, inner, None)),
            );
            return;
        }
        let rows = u32::try_from(t.rows.count()).unwrap_or(u32::MAX);
        let nested = std::mem::take(&mut t.nested);
        let splice_rows: Vec<u32> = if t.div.is_none() && t.rows.has_pairs() {
            nested
                .iter()
                .map(|(r, _, _)| *r)
                .filter(|&r| t.rows.lone_empty(r as usize))
                .collect()
        } else {
            Vec::new()
        };
        let placed = match t.div.as_deref_mut() {
            None => place(self.name, format!("表格{}", t.index + 1), t.rows, None),
            Some(div) => match div.resolve(&mut t.rows) {
                Ok(grid) => place(self.name, div.name(), t.rows, grid),
                Err(why) => {
                    self.not_read(div, why, &t.rows);
                    return;
                }
            },
        };
        match placed {
            Ok(mut sheet) => {
                use super::number_format::Hidden;
                super::hidden::note_page_rows(&mut sheet, t.hidden_rows, Hidden::PageRow);
                super::hidden::note_page_rows(&mut sheet, t.struck_rows, Hidden::PageRowStruck);
                let moved = match t.foot {
                    Some((start, Some(end))) if end < rows => {
                        nest::foot_last(&mut sheet, start..end, rows);
                        true
                    }
                    _ => false,
                };
                // bottom up: a table put in shifts only the rows below it
                for (row, index, inner) in nested.into_iter().rev() {
                    if !moved && splice_rows.contains(&row) {
                        nest::splice(&mut sheet, row, inner.sheet);
                    } else {
                        self.done.push((index, inner, None));
                    }
                }
                let table = PageTable {
                    above: t.above,
                    sheet,
                };
                match t.div.map(|d| (d.name(), d.joins())) {
                    None => {
                        if let Some(table) = self.nest_in_parent(t.index, table) {
                            self.done.push((t.index, table, None));
                        }
                    }
                    div => self.done.push((t.index, table, div)),
                }
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// A table just read, nested in a cell of the table open around it: kept by that table
    /// where the cell is the first of its row and holds nothing before it ([`nest::splice`]
    /// decides at that table's end); `None` where it is kept, the table otherwise.
    fn nest_in_parent(&mut self, index: usize, table: PageTable) -> Option<PageTable> {
        let Some(parent) = self.open.last_mut().filter(|p| p.div.is_none()) else {
            return Some(table);
        };
        let first = parent
            .rows
            .starts
            .last()
            .is_some_and(|&(start, _)| start == parent.rows.cells.len());
        let empty = parent
            .cell
            .as_ref()
            .is_some_and(|c| !c.hidden && c.text.text.trim().is_empty());
        if !(first && empty) || parent.nested.len() >= MAX_NESTED {
            return Some(table);
        }
        let row = u32::try_from(parent.rows.count().saturating_sub(1)).unwrap_or(u32::MAX);
        parent.nested.push((row, index, table));
        None
    }

    fn too_many_cells(&self) -> ReadError {
        ReadError::TooManyCells {
            name: self.name.into(),
            cells: self.cells + 1,
            max: limits::CELLS.shown(),
            help: limits::CELLS.help(),
        }
    }

    /// Closes the tables left open at the end of the page; the tables in page order.
    fn finish(mut self) -> Result<PageTables, ReadError> {
        if self.pre.is_some() {
            self.end_pre();
        }
        self.flush_outside();
        self.end_pipe();
        while !self.elems.is_empty() {
            self.pop_elem();
            if let Some(e) = self.error.take() {
                return Err(e);
            }
        }
        while !self.open.is_empty() {
            self.end_table();
            if let Some(e) = self.error.take() {
                return Err(e);
            }
        }
        self.done.sort_by_key(|(i, _, _)| *i);
        let mut tables: Vec<PageTable> = Vec::with_capacity(self.done.len());
        let mut last_joins = None;
        // the rows of the last table pushed, with the grids appended below it (found at its
        // first append; each append adds its own: a table written a grid a row is not walked
        // again at each row)
        let mut height: Option<u32> = None;
        for (_, t, div) in self.done {
            let joins = div.as_ref().and_then(|d| d.1);
            let joined = joins.is_some() && joins == last_joins && t.above.is_empty();
            last_joins = joins;
            match div {
                // a style block after the layout may have changed it
                Some((name, _)) if self.late_styles => self.unsure.add(
                    || name,
                    || "网页在它之后才给出样式表（<style>），布局可能因此改变".into(),
                    t.sheet
                        .iter()
                        .any(|(_, text)| layout::names_indicators(text)),
                ),
                // the next row of a table written a grid a row
                _ if joined => {
                    if let Some(before) = tables.last_mut() {
                        let rows = *height.get_or_insert_with(|| rows_of(&before.sheet));
                        append_below(&mut before.sheet, &t.sheet, rows);
                        height = Some(rows + rows_of(&t.sheet));
                    }
                }
                _ => {
                    tables.push(t);
                    height = None;
                }
            }
        }
        Ok(PageTables {
            tables,
            unsure: self.unsure,
            unread_styles: self.linked.unread,
            script_data: self.script_data,
            template_form: self.template_form,
            frames: self.frames,
            frames_more: self.frames_more,
            pdf_made: (self.placed >= PLACED_ENOUGH || self.maker.is_some())
                .then_some(PdfMade { maker: self.maker }),
            cells: self.cells,
        })
    }
}

/// A `<div>` table read: its name, and what joins it to the grid before it.
type DivDone = (String, Option<(u32, u32)>);

/// The rows a sheet's cells and merges reach down to (0 for none).
fn rows_of(sheet: &SheetCells) -> u32 {
    sheet
        .iter()
        .map(|((r, _), _)| r + 1)
        .chain(sheet.merges.iter().map(|(_, (r, _))| r + 1))
        .max()
        .unwrap_or(0)
}

/// Appends `below`'s cells and merges to `sheet`, below its `rows` rows ([`rows_of`]).
fn append_below(sheet: &mut SheetCells, below: &SheetCells, rows: u32) {
    for ((r, c), text) in below.iter() {
        sheet.push((r + rows, c), text);
    }
    for ((r0, c0), (r1, c1)) in &below.merges {
        sheet.merges.push(((r0 + rows, *c0), (r1 + rows, *c1)));
    }
}

/// Keeps an attribute's value in `into` (the first `max` bytes; read as text only where an
/// element is laid out).
fn keep(into: &mut Vec<u8>, value: &[u8], max: usize) {
    into.clear();
    into.extend_from_slice(&value[..value.len().min(max)]);
}

/// A `colspan`/`rowspan` value as browsers read it: its leading digits, at least 1, at most
/// `max`.
fn span_value(value: &[u8], max: u32) -> u32 {
    let value = value.trim_ascii_start();
    let mut n: u32 = 0;
    for &b in value.iter().take_while(|b| b.is_ascii_digit()).take(7) {
        n = n * 10 + u32::from(b - b'0');
    }
    n.clamp(1, max)
}

/// Lays out a table's rows as a browser does (see the module docs); a grid's
/// (`grid: Some(columns)`) as [`layout::place_grid`] places it. The cells as read become the
/// sheet's in place (a cell's spans its place, the empty ones left out) and the text read is
/// the sheet's text (the empty cells add no byte to it).
fn place(
    name: &str,
    sheet_name: String,
    mut rows: Rows,
    grid: Option<u32>,
) -> Result<SheetCells, ReadError> {
    let mut cells = std::mem::take(&mut rows.cells);
    let mut merges = Vec::new();
    let mut notes_out = Vec::new();
    let kept = match grid {
        Some(columns) => layout::place_grid(name, &mut cells, columns, &mut merges)?,
        None => place_rows(name, &mut rows, &mut cells, &mut merges, &mut notes_out)?,
    };
    cells.truncate(kept);
    // the room the cells grew into by doubling, given back (the sheet is held while its
    // grid is built)
    if cells.capacity() > kept + kept / 8 {
        cells.shrink_to_fit();
    }
    Ok(SheetCells {
        name: sheet_name,
        text: std::mem::take(&mut rows.text),
        cells,
        merges,
        notes: notes_out,
    })
}

/// A merged range of a sheet: its first and last cell.
type Merge = ((u32, u32), (u32, u32));

/// A table (or a grid) of page `name` whose row `r` (0-based) reaches past the columns
/// [`limits::COLUMNS`] allows (`columns`, that row's cells so far).
fn too_many_columns(name: &str, r: usize, columns: usize) -> ReadError {
    ReadError::TooManyColumns {
        name: name.into(),
        line: r + 1,
        columns,
        max: limits::COLUMNS.shown(),
        help: limits::COLUMNS.help(),
    }
}

/// [`place`] for a table's rows: how many cells are kept (moved to the front of `cells`).
fn place_rows(
    name: &str,
    rows: &mut Rows,
    cells: &mut [RawCell],
    merges: &mut Vec<Merge>,
    notes_out: &mut Vec<((u32, u32), super::number_format::CellNote)>,
) -> Result<usize, ReadError> {
    let max_columns = limits::COLUMNS.get_usize();
    let row_count = rows.count();
    // for each column, the first row no cell above covers
    let mut free_from: Vec<usize> = Vec::new();
    let mut notes = std::mem::take(&mut rows.notes).into_iter().peekable();
    let (mut kept, mut text_from) = (0usize, 0usize);
    for (r, row) in each_row(&rows.starts, cells.len()) {
        let mut c = 0usize;
        for k in row {
            let cell = cells[k];
            let (colspan, rowspan) = (cell.colspan(), cell.rowspan());
            while free_from.get(c).is_some_and(|&f| f > r) {
                c += 1;
            }
            let span = colspan as usize;
            let down = (rowspan as usize).min(row_count - r).max(1);
            if c + span > max_columns {
                return Err(too_many_columns(name, r, c + span));
            }
            if free_from.len() < c + span {
                free_from.resize(c + span, 0);
            }
            for f in &mut free_from[c..c + span] {
                *f = r + down;
            }
            let (r32, c32) = (r as u32, c as u32);
            if span > 1 || down > 1 {
                merges.push(((r32, c32), ((r + down - 1) as u32, (c + span - 1) as u32)));
            }
            // cells before `k` are placed already: `kept <= k`
            if cell.end > text_from {
                cells[kept] = RawCell {
                    at: (r32, c32),
                    end: cell.end,
                };
                kept += 1;
            }
            text_from = cell.end;
            if let Some((_, note)) = notes.next_if(|(at, _)| *at == k) {
                notes_out.push(((r32, c32), note));
            }
            c += span;
        }
    }
    Ok(kept)
}

/// The web page format (`.html`, `.htm`): markup, or text a page's name says is one.
pub(crate) const FORMAT: super::SupportedFormat = super::SupportedFormat {
    endings: &[
        super::Ending::listed("html", Some(InputFormat::Html), 6),
        super::Ending::listed("htm", Some(InputFormat::Html), 6),
        super::Ending::unlisted("shtml", Some(InputFormat::Html)),
        super::Ending::unlisted("xhtml", Some(InputFormat::Html)),
    ],
    what: WEB_PAGE,
    claims: |peek| match peek.sniffed {
        super::Sniffed::Html => true,
        super::Sniffed::Other => peek.asked == Some(InputFormat::Html),
        _ => false,
    },
    read: |input| {
        Ok(super::Read::Page {
            bytes: input.bytes,
            declared: None,
            styles: None,
            frames: Vec::new(),
        })
    },
};

/// What a web page is, in the help (an `.html` and an `.mhtml` are one kind there).
pub(crate) const WEB_PAGE: &str = "网页（浏览器“另存为”的网页或单个文件网页）";

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(page: &str) -> Vec<PageTable> {
        read_tables("t.html", page).unwrap()
    }

    #[test]
    fn display_none_in_any_case_and_spacing() {
        let display_none = |style: &[u8]| hiding::Shown::of_style(style).none;
        for yes in [
            "display:none",
            "DISPLAY: None",
            "color:red; display :\tnone",
            "ddisplay:none",
            "mso-hide:all;display:none;",
        ] {
            assert!(display_none(yes.as_bytes()), "{yes}");
        }
        for no in [
            "border:none",
            "display:block",
            "display:nonx",
            "",
            "displaynone",
            "dis-play:none",
        ] {
            assert!(!display_none(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn runs_of_empty_rows_keep_their_places_and_spans_over_them() {
        let t = tables(
            "<table><tr></tr><tr><td rowspan=4>a</td><td>b</td></tr><tr></tr><tr></tr>\
             <tr><td>c</td></tr><tr><td></td></tr><tr></tr><tr><td>d</td><td rowspan=9>e</td>\
             </tr><tr></tr><tr></tr></table>",
        );
        let s = &t[0].sheet;
        assert_eq!(
            s.listed(),
            [
                ((1, 0), "a".to_string()),
                ((1, 1), "b".to_string()),
                ((4, 1), "c".to_string()),
                ((7, 0), "d".to_string()),
                ((7, 1), "e".to_string())
            ]
        );
        // a rowspan runs over the empty rows and stops at the table's last row (the tenth)
        assert_eq!(s.merges, [((1, 0), (4, 0)), ((7, 1), (9, 1))]);
        let mut rows = Rows::default();
        (0..5).for_each(|_| rows.row());
        assert_eq!((rows.count(), rows.starts.len()), (5, 1));
    }

    #[test]
    fn spans_are_merges_and_cells_flow_around_them() {
        let t = tables(
            "<table><tr><td rowspan=2>项目资金</td><td colspan='2'>年初预算数</td><td>x</td></tr>\
             <tr><td>a &amp; b</td><td>2</td><td>3</td></tr></table>",
        );
        assert_eq!(t.len(), 1);
        let s = &t[0].sheet;
        assert_eq!(s.name, "表格1");
        assert_eq!(
            s.listed(),
            vec![
                ((0, 0), "项目资金".to_string()),
                ((0, 1), "年初预算数".to_string()),
                ((0, 3), "x".to_string()),
                ((1, 1), "a & b".to_string()),
                ((1, 2), "2".to_string()),
                ((1, 3), "3".to_string()),
            ]
        );
        assert_eq!(s.merges, vec![((0, 0), (1, 0)), ((0, 1), (0, 2))]);
    }

    #[test]
    fn word_markup_line_breaks_and_spaces() {
        let page = r#"<html><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<title>标题不是表格</title><style>td {color: red}</style>
<!--[if gte mso 9]><xml><w:WordDocument>Print</w:WordDocument></xml><![endif]--></head>
<body><p class=MsoNormal align=center><b><span>2022年度项目支出绩效自评表<o:p></o:p></span></b></p>
<table class=MsoNormalTable border=1><tr><td><p class=MsoNormal><span lang=EN-US>年度<br>总体</span></p>
<p class=MsoNormal><span>目标<o:p></o:p></span></p></td>
<td><p><![if !supportMisc]><span>&nbsp;</span><![endif]></p></td><td>  95%   以上 </td></tr></table></body></html>"#;
        let t = tables(page);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].above, vec!["2022年度项目支出绩效自评表".to_string()]);
        assert_eq!(
            t[0].sheet.listed(),
            vec![
                ((0, 0), "年度\n总体\n目标".to_string()),
                ((0, 2), "95% 以上".to_string())
            ]
        );
    }

    #[test]
    fn a_source_line_break_inside_chinese_text_is_no_space() {
        let t = tables(
            "<table><tr><td>完成中型灌区节水改造\r\n项目</td><td>95%\n以上</td><td>a\nb 以上\n95%</td></tr></table>",
        );
        assert_eq!(
            t[0].sheet.listed(),
            vec![
                ((0, 0), "完成中型灌区节水改造项目".to_string()),
                ((0, 1), "95% 以上".to_string()),
                ((0, 2), "a b 以上 95%".to_string())
            ]
        );
    }

    #[test]
    fn a_cell_not_displayed_takes_no_place() {
        // a converter's placeholder under a rowspan, hidden as browsers hide it
        let t = tables(
            "<table><tr><td rowspan=2>项目</td><td>a</td></tr>\
             <tr><td style='DISPLAY: none'>项目</td><td>b</td></tr></table>",
        );
        assert_eq!(
            t[0].sheet.listed(),
            vec![
                ((0, 0), "项目".to_string()),
                ((0, 1), "a".to_string()),
                ((1, 1), "b".to_string())
            ]
        );
    }

    #[test]
    fn zero_width_characters_are_nothing() {
        let t =
            tables("<table><tr><td>项目\u{200b}名称\u{feff}</td><td>&#8203;x</td></tr></table>");
        assert_eq!(
            t[0].sheet.listed(),
            vec![((0, 0), "项目名称".to_string()), ((0, 1), "x".to_string())]
        );
    }

    #[test]
    fn unclosed_cells_rows_and_tables_are_implied() {
        let t = tables("<table><tr><td>a<td>b<tr><td>c</td><td>d");
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].sheet.listed(),
            vec![
                ((0, 0), "a".to_string()),
                ((0, 1), "b".to_string()),
                ((1, 0), "c".to_string()),
                ((1, 1), "d".to_string())
            ]
        );
    }

    #[test]
    fn a_nested_table_is_its_own_sheet_and_not_its_cells_text() {
        let t = tables(
            "<table><tr><td>首页 | 政务公开</td><td><p>附件：自评表</p><table><tr><td>项目名称</td><td>x</td></tr></table>尾</td></tr>\
             <tr><td colspan=2>版权所有</td></tr></table>",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].sheet.name, "表格1");
        assert_eq!(
            t[0].sheet.listed(),
            vec![
                ((0, 0), "首页 | 政务公开".to_string()),
                ((0, 1), "附件：自评表\n尾".to_string()),
                ((1, 0), "版权所有".to_string())
            ]
        );
        assert_eq!(t[1].sheet.name, "表格2");
        assert_eq!(t[1].above, vec!["附件：自评表".to_string()]);
        assert_eq!(t[1].sheet.len(), 2);
    }

    #[test]
    fn charsets_from_meta_bom_or_bytes() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=gb2312><table><td>合计</td>");
        let (text, enc) = decode_page("a", &gbk, EncodingChoice::Auto, None).unwrap();
        assert!(text.contains("合计"));
        assert_eq!(enc, "GB18030");
        // no meta: UTF-8 where valid, else GB18030
        let (gbk, _, _) = encoding_rs::GBK.encode("<table><td>合计</td>");
        assert!(
            decode_page("a", &gbk, EncodingChoice::Auto, None)
                .unwrap()
                .0
                .contains("合计")
        );
        let utf8 = "<table><td>合计</td>".as_bytes();
        assert_eq!(
            decode_page("a", utf8, EncodingChoice::Auto, None)
                .unwrap()
                .1,
            "UTF-8"
        );
        // a page that says gb2312 but is UTF-8 is read as UTF-8
        let said = "<meta charset=gb2312><td>合计项目</td>".as_bytes();
        let (text, enc) = decode_page("a", said, EncodingChoice::Auto, None).unwrap();
        assert!(text.contains("合计项目"), "{text} {enc}");
    }

    #[test]
    fn span_values_are_bounded() {
        assert_eq!(span_value(b" 3", 1000), 3);
        assert_eq!(span_value(b"0", 1000), 1);
        assert_eq!(span_value(b"99999999999", 1000), 1000);
        assert_eq!(span_value(b"x", 1000), 1);
    }
}
