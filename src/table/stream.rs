//! Reading a text self-evaluation sheet (contract §4.2) in blocks, for streaming evaluation: the
//! file is decoded and cut into blocks of whole rows as it is read, and each block is read into
//! a [`Document`] of its own by the same code as a whole file (`grid`, the row filter of
//! `build`, `self_eval`), so a row reads the same either way.
//!
//! ## Where blocks are cut, and why the result is exact
//! A block (about [`BLOCK_BYTES`]) ends before a row that starts a new project: its 项目 cell is
//! filled, differs from the last filled 项目 cell above, and the row looks like data (three or
//! more filled cells, not a repeated header). Reading a block needs what is filled down from
//! the rows above it (unit, project, 一级/二级指标: [`FillDown`]); the cutter guesses the unit and
//! project from the cells it saw. The block is read from the guess, and `self_eval` reports
//! which parts of that state its rows actually read ([`StateUse`]: at a new project, the levels
//! are reset, not read). The read is kept only if the guess equals what the block before it
//! really left in those parts ([`Block::agrees`]); otherwise the block is read again from the
//! true state. A wrong guess (malformed rows, notes in odd places) costs a second read, never a
//! different result. Rows that start before a block is full cannot end it: over their run
//! without quotes the cutter only finds line breaks, and reads the last rows naming a unit or
//! project for what they teach (`SheetStream::skim`; the same blocks and guesses, tested).
//! Row boundaries follow the grid's quoting rules exactly: a quoted cell may span lines, and a
//! row is only cut once its closing quote has been read.
//!
//! ## What differs from reading the whole file (documented in the README)
//! - A project whose rows are not contiguous (the same unit and project again after others) is
//!   read as two projects; evaluation names it with `stream.project-split`.
//! - A project is never cut between blocks below [`crate::limits::STREAM_PROJECT`] (32 MB,
//!   `JIXIAO_MAX_STREAM_PROJECT_MB`): its block grows to hold it whole. Past the limit, or
//!   where it goes on after a long run of blank rows ([`BLANK_RUN_BYTES`]), it is cut
//!   ([`Block::cut_inside`] says why) and each part is named beside its figures
//!   (`stream.project-cut`, `sheet_carry`).
//! - Only the preamble above the header counts (`部门名称：` lines below it are skipped).
//! - Encoding is decided on the first megabyte (BOM, valid UTF-8, else GB18030); a later byte
//!   invalid in that encoding stops the read with `table.decode` and its offset.
//! - A quote that opens a cell is looked for its closing quote over at most
//!   [`crate::limits::QUOTED_LINES`] lines (1000, `JIXIAO_MAX_QUOTED_LINES`; real cells hold a
//!   few): past them the quote is a stray one, the row ends at the quote's line and the lines
//!   after it are rows again; the grid reads the block's quote as text and says so
//!   (`table.stray-quote` at the quote's line), as the whole-file reader does with a quote that
//!   never closes. (An unclosed quote made the rest of the file one row until the line limit.)
//!   The whole-file reader bounds a quote alike (`grid::read_quoted`), so a quoted cell of more
//!   lines than that, closed or not, reads the same either way, with the same finding at the
//!   quote's line; where a block ends before the limit's lines, the cutter's word that no quote
//!   closes the cell within them ([`Block::past_lines`]) gives the finding the whole-file
//!   reader gives.
//!
//! ## How a block is read
//! A block without a quote whose rows all read as plain data rows is read straight from its
//! text (`table::flat`: a list of cell ranges for the whole block, and the rows' texts kept as
//! ranges of the block, [`super::model::RowText`]); any other block goes through the grid and
//! the data-row filter, as a whole file does. `self_eval` reads both kinds of row with the same
//! code, and a test reads generated blocks both ways and compares the documents.
//!
//! Workbooks, UTF-16 text, text whose lines end in CR alone and target tables are not read
//! here: [`open`] answers [`Opened::Whole`] and the caller reads them whole.

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use encoding_rs::{Decoder, DecoderResult, GB18030, UTF_8};

use super::columns::{Header, Role};
use super::flat;
use super::grid;
use super::listing::Unlisted;
use super::model::{Document, Layout};
use super::pending::{BadUtf8, Pending};
use super::self_eval;
pub use super::self_eval::{FillDown, StateUse};
use super::source::InputFormat;
use super::{Ctx, EncodingChoice, Preamble, ReadError, ReadOptions, find_header, unknown_columns};
use crate::finding::Finding;

/// Bytes read from the file at a time.
const READ_BYTES: usize = 256 * 1024;
/// A block is cut at the first new project after this many bytes of text: small enough that
/// a block, its rows and its report stay in the core's cache (measured: 1 MB blocks cost 8.9 µs
/// an indicator, 32 KB blocks 5.9 µs, on this project's machine; see benches/README.md).
pub const BLOCK_BYTES: usize = 32 * 1024;
/// Why a block was cut inside its last project ([`Block::cut_inside`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutInside {
    /// The project's rows passed [`crate::limits::STREAM_PROJECT`]: it goes on in the next
    /// block.
    Limit,
    /// A run of blank rows past [`BLANK_RUN_BYTES`] starts here: the project may go on after it
    /// (most often nothing follows: Excel writes such rows past its data).
    BlankRun,
}

/// A run of blank rows this long is cut out of the block it would grow (its rows' cells cost
/// 48 bytes each once read: 40 MB of empty tab rows held whole took 2.1 GB).
pub const BLANK_RUN_BYTES: usize = 256 * 1024;

/// What [`SheetStream::blank_run`] found at a row.
enum Blank {
    /// Not a blank row.
    No,
    /// A blank row of a run still short.
    Row,
    /// Cut the block here.
    Cut(usize),
}

/// What [`open`] found.
pub enum Opened {
    /// A text self-evaluation sheet, to be read in blocks.
    Stream(Box<SheetStream>),
    /// Anything else (a workbook, a target table, UTF-16, no header in the first megabytes):
    /// read it whole with [`super::read_path`].
    Whole,
}

/// What every block needs from the top of the file.
#[derive(Debug)]
pub struct Head {
    /// The file name, as in findings.
    pub name: String,
    /// `部门名称：…` from the preamble.
    pub department: Option<String>,
    /// Findings about the header (columns not understood), in source order.
    pub findings: Vec<Finding>,
    /// Those counted past `JIXIAO_MAX_FINDINGS_LISTED` (`table::listing`).
    pub unlisted: Unlisted,
    /// The encoding the text is decoded from (`UTF-8`, `GB18030`).
    pub encoding: &'static str,
    /// Whether the sheet has a 得分 column (its rounding is needed before scoring).
    pub has_published_scores: bool,
    format: InputFormat,
    header: Header,
    preamble: Preamble,
}

/// One block of whole rows.
#[derive(Debug)]
pub struct Block {
    /// 0, 1, 2… in file order.
    pub seq: usize,
    text: Arc<String>,
    lines_before: usize,
    guess: FillDown,
    /// Offsets in `text` of the quotes the cutter took for stray ones past the quoted lines
    /// limit (the block may end before that limit: its grid finds the quote unclosed, and
    /// [`read_block`] says what the whole-file reader says).
    past_lines: Vec<usize>,
    /// Why the block was cut inside a project (past the project limit, or before a long blank
    /// run), where it was: the next block may go on with its last project, whose printed total
    /// is then checked against the whole project's sums (`eval::stream`,
    /// `sheet_carry::Carried`).
    inside: Option<CutInside>,
    /// Whether the block before was cut inside a project: this block's first project may go
    /// on with it, so its reader leaves that project's printed total to the turnstile
    /// (`sheet_carry`), which knows the parts before.
    continues: bool,
}

impl Block {
    /// Why the block was cut inside a project, where it was: the next may continue its last
    /// one.
    pub fn cut_inside(&self) -> Option<CutInside> {
        self.inside
    }

    /// Whether the block before was cut inside a project (this one may go on with it).
    pub fn continues(&self) -> bool {
        self.continues
    }

    /// Whether this block, read from its guessed state into `read`, reads as it would from
    /// `truth` (what the block before it left): the two agree wherever the rows read it.
    pub fn agrees(&self, read: &BlockDoc, truth: &FillDown) -> bool {
        self.guess.agrees(truth, read.used)
    }

    /// The fill-down state the cutter guessed for the block's first row.
    pub fn guess(&self) -> &FillDown {
        &self.guess
    }

    /// Bytes of text in the block.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the block has no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Where in the block's text the quotes are that the cutter took for stray ones past the
    /// quoted lines limit (byte offsets, in order).
    pub fn past_lines(&self) -> &[usize] {
        &self.past_lines
    }
}

/// A block read into a document.
#[derive(Debug)]
pub struct BlockDoc {
    pub doc: Document,
    /// The block's findings counted past those it lists (`table::listing`): the file's listing
    /// passes the block's in file order (`eval::stream`'s turnstile), so that a streamed file
    /// lists the findings a whole reading lists.
    pub unlisted: Unlisted,
    /// What the last row leaves filled down for the next block.
    pub end: FillDown,
    /// What of the state it started from the block's rows read.
    pub used: StateUse,
    /// Whether a row of the block was a preamble line that says what the preamble above the
    /// header left unsaid (`部门名称：…` below the header): a block skips it, a whole file takes
    /// it (its department, its money unit; see the module doc).
    pub preamble_below: bool,
    /// Where among `doc`'s findings the first project's total check belongs, where the reader
    /// left it to the turnstile (`layouts::sheet_carry`).
    pub first_total_at: Option<usize>,
}

/// Reads the blocks of one file in order.
pub struct SheetStream {
    head: Arc<Head>,
    /// The file, or an upload's bytes held in memory ([`open_bytes`]).
    input: Box<dyn Read + Send>,
    decoder: Decoder,
    delim: u8,
    /// Decoded text not yet given out in a block (UTF-8 read straight into it).
    pending: Pending,
    /// Whether the file is UTF-8 (read into `pending` and checked there), else decoded.
    utf8: bool,
    /// The bytes of one read of a file to decode, kept from read to read (not zeroed afresh
    /// each time).
    read_buf: Vec<u8>,
    /// Offset in `pending` up to which whole rows have been scanned.
    scanned: usize,
    /// Offset in `pending` where the next block starts (text before it was given out).
    start: usize,
    /// Where the current block would be cut (a row start), and the guess there.
    lines_before: usize,
    eof: bool,
    seq: usize,
    /// Bytes of text given out before `pending`.
    consumed: usize,
    /// Bytes of the file handed to the decoder so far (a BOM included).
    raw_read: usize,
    // what the cutter saw: the last filled unit and project cells
    seen_unit: Option<String>,
    seen_project: Option<String>,
    /// The guess for the next block's first row.
    guess: FillDown,
    /// Where blocks are cut ([`BLOCK_BYTES`] unless set) and where a project is cut inside
    /// ([`crate::limits::STREAM_PROJECT`] unless set).
    block_bytes: usize,
    project_bytes: usize,
    /// Why the block being cut is cut inside a project ([`Block::cut_inside`]).
    cut_inside: Option<CutInside>,
    /// Whether the last block given out was cut inside a project ([`Block::continues`]).
    last_inside: bool,
    /// Where the run of blank rows being scanned starts (in `pending`), once it is followed.
    blank_from: Option<usize>,
    /// Whether rows are skimmed (off only to test that skimming changes no block).
    skims: bool,
    /// Whether runs of blank rows are taken at once ([`SheetStream::blank_rows`]; off only to
    /// test that it changes no block).
    blank_runs: bool,
    /// Offsets in `pending` of the quotes taken for stray ones past the quoted lines limit, in
    /// rows not yet given out ([`row_end_noting`]).
    past_lines: Vec<usize>,
}

/// Opens `path` for reading in blocks, or says it must be read whole. The steps: the first
/// megabyte read (`first_bytes`) and looked at (`streamable`), the encoding chosen
/// (`decoder_for`), the header found in the first rows (`SheetStream::find_head`), and the
/// stream set at the first data row (`SheetStream::start_data`).
pub fn open(path: &Path, opts: &ReadOptions) -> Result<Opened, ReadError> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Ok(Opened::Whole);
    }
    let format = opts.format.or_else(|| super::format_from_name(&name));
    if format.is_some_and(|f| !f.is_text()) || !opts.columns.is_empty() {
        return Ok(Opened::Whole);
    }
    let input = File::open(path).map_err(|source| io_error(&name, source))?;
    open_input(name, format, Box::new(input), opts)
}

/// [`open`] of bytes held in memory (the server's upload, which it never writes to disk),
/// named `name` as the file would be: the bytes are shared, not copied, so the caller can
/// still read them whole where the answer is [`Opened::Whole`].
pub fn open_bytes(
    name: &str,
    bytes: Arc<Vec<u8>>,
    opts: &ReadOptions,
) -> Result<Opened, ReadError> {
    let format = opts.format.or_else(|| super::format_from_name(name));
    if format.is_some_and(|f| !f.is_text()) || !opts.columns.is_empty() {
        return Ok(Opened::Whole);
    }
    let input = SharedBytes { bytes, at: 0 };
    open_input(name.to_owned(), format, Box::new(input), opts)
}

/// Bytes shared with the caller, read from the start.
struct SharedBytes {
    bytes: Arc<Vec<u8>>,
    at: usize,
}

impl Read for SharedBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

/// [`open`] of a text input already opened (`format` as its name or the options say).
fn open_input(
    name: String,
    format: Option<InputFormat>,
    mut input: Box<dyn Read + Send>,
    opts: &ReadOptions,
) -> Result<Opened, ReadError> {
    let first = first_bytes(&mut input, &name)?;
    if !streamable(&first) {
        return Ok(Opened::Whole);
    }
    let Some((decoder, encoding, skip, checked)) = decoder_for(&first, opts.encoding) else {
        return Ok(Opened::Whole);
    };
    let mut stream = SheetStream::fresh(blank_head(&name, encoding), input, decoder);
    stream.utf8 = encoding == "UTF-8";
    stream.raw_read = skip;
    // (the text checked to choose the encoding is not checked a second time: the bytes after
    // it, a character the megabyte's end cut in two, are held for the next read)
    let rest = match checked {
        Some(text) => {
            stream.raw_read += text.len();
            stream.pending.push_checked(text);
            &first[skip + text.len()..]
        }
        None => &first[skip..],
    };
    if checked.is_none() || !rest.is_empty() {
        stream.decode(rest)?;
    }
    drop(first);
    let format = super::decode::delimiter_of(format, stream.pending.text());
    stream.delim = if format == InputFormat::Csv {
        b','
    } else {
        b'\t'
    };
    let head = super::layouts::periods::with_year(opts.year, || stream.find_head(format));
    let Some((grid, found, head_end)) = head? else {
        return Ok(Opened::Whole);
    };
    if found.header.layout != Layout::SelfEvaluation {
        return Ok(Opened::Whole);
    }
    stream.start_data(&grid, found, head_end, format)?;
    Ok(Opened::Stream(Box::new(stream)))
}

/// A read of `name` that failed.
fn io_error(name: &str, source: std::io::Error) -> ReadError {
    ReadError::Io {
        name: name.to_owned(),
        source,
    }
}

/// The first bytes of `input` (a megabyte, or the whole file if shorter).
fn first_bytes(input: &mut dyn Read, name: &str) -> Result<Vec<u8>, ReadError> {
    let mut first = vec![0; READ_BYTES.max(1024 * 1024)];
    let mut got = 0;
    while got < first.len() {
        let n = input
            .read(&mut first[got..])
            .map_err(|source| io_error(name, source))?;
        if n == 0 {
            break;
        }
        got += n;
    }
    first.truncate(got);
    Ok(first)
}

/// Whether a file that starts with `first` may be a text sheet to stream: not empty, not a
/// workbook or a Word document (zip, OLE, binary zeros), no lines ended by CR alone (the whole
/// reader makes them LF: `formats::text::cr_lines`), nothing else the sniffer knows.
fn streamable(first: &[u8]) -> bool {
    !(first.is_empty()
        || first.starts_with(b"PK\x03\x04")
        || first.starts_with(b"\xD0\xCF\x11\xE0")
        || first.contains(&0)
        || super::formats::text::is_cr_only(first)
        || super::formats::sniff(first) != super::formats::Sniffed::Other)
}

/// The decoder for a text that starts with `first`, the encoding's name, the bytes of its
/// BOM, and the text `first` starts with where it was checked as UTF-8 to choose the encoding
/// (all of it, or all but a character its end cut in two: read as it is, not checked again);
/// `None` where the text is to be read whole (a BOM other than UTF-8's, chosen by none).
fn decoder_for(
    first: &[u8],
    choice: EncodingChoice,
) -> Option<(Decoder, &'static str, usize, Option<&str>)> {
    let mut checked = None;
    let utf8 = match encoding_rs::Encoding::for_bom(first) {
        Some((enc, bom)) if enc == UTF_8 && choice != EncodingChoice::Gbk => {
            return Some((UTF_8.new_decoder_without_bom_handling(), "UTF-8", bom, None));
        }
        Some(_) if choice == EncodingChoice::Auto => return None,
        _ => match choice {
            EncodingChoice::Utf8 => true,
            EncodingChoice::Gbk => false,
            // simdutf8's check (the standard one costs ten instructions a byte of Chinese)
            EncodingChoice::Auto => match simdutf8::compat::from_utf8(first) {
                Ok(text) => {
                    checked = Some(text);
                    true
                }
                // a character cut by the end of the bytes read is still UTF-8 (at the end of
                // the file, the decoder names it with `table.decode`)
                Err(e) if e.error_len().is_none() => {
                    let valid = &first[..e.valid_up_to()];
                    // SAFETY: simdutf8 found the bytes before `valid_up_to` valid UTF-8
                    checked = Some(unsafe { std::str::from_utf8_unchecked(valid) });
                    true
                }
                Err(_) => false,
            },
        },
    };
    Some(if utf8 {
        (
            UTF_8.new_decoder_without_bom_handling(),
            "UTF-8",
            0,
            checked,
        )
    } else {
        (
            GB18030.new_decoder_without_bom_handling(),
            "GB18030",
            0,
            None,
        )
    })
}

/// The head of a file whose header is not found yet: decode errors need only its name and
/// encoding.
fn blank_head(name: &str, encoding: &'static str) -> Head {
    Head {
        name: name.to_owned(),
        department: None,
        findings: Vec::new(),
        unlisted: Unlisted::default(),
        encoding,
        has_published_scores: false,
        format: InputFormat::Tsv,
        header: Header::new(Layout::SelfEvaluation, Vec::new(), Vec::new(), 0),
        preamble: Preamble::default(),
    }
}

impl SheetStream {
    /// A stream of `input` read from its start, decoded by `decoder`, before its header is found.
    fn fresh(head: Head, input: Box<dyn Read + Send>, decoder: Decoder) -> Self {
        SheetStream {
            head: Arc::new(head),
            input,
            decoder,
            delim: b'\t',
            pending: Pending::new(),
            utf8: false,
            read_buf: Vec::new(),
            scanned: 0,
            start: 0,
            lines_before: 0,
            eof: false,
            seq: 0,
            consumed: 0,
            raw_read: 0,
            seen_unit: None,
            seen_project: None,
            guess: FillDown::default(),
            block_bytes: BLOCK_BYTES,
            project_bytes: crate::limits::STREAM_PROJECT.get_usize(),
            cut_inside: None,
            last_inside: false,
            blank_from: None,
            skims: true,
            blank_runs: true,
            past_lines: Vec::new(),
        }
    }

    /// Finds the header in the first rows, read as a whole file's are: in 64 KB of whole rows
    /// first, then in more, up to some megabytes. Returns the grid of the rows read, the header
    /// found and where those rows end; `None` where no header is there (the file is then read
    /// whole, which says why).
    fn find_head(
        &mut self,
        format: InputFormat,
    ) -> Result<Option<(grid::Grid, super::Found, usize)>, ReadError> {
        let mut limit = 64 * 1024;
        loop {
            while !self.eof && self.pending.len() < limit {
                self.fill()?;
            }
            let Some(head_end) = self.rows_end_at_most(limit) else {
                return Ok(None);
            };
            let head_text = Arc::new(self.pending.text()[..head_end].to_owned());
            let grid = grid::from_block(&self.head.name, head_text, format, self.head.encoding, 0)?;
            let rows = grid.rows()?;
            match find_header(&grid.source, &rows) {
                // a header in the last row read may have its second row (under merged cells) next
                Ok(found) if found.last_header_row + 1 < rows.len() || self.eof => {
                    drop(rows);
                    return Ok(Some((grid, found, head_end)));
                }
                _ if limit < 4 * 1024 * 1024 && !(self.eof && head_end == self.pending.len()) => {
                    limit *= 4;
                }
                _ => return Ok(None),
            }
        }
    }

    /// Sets the stream at the first data row below the header `found` in `grid` (the first
    /// `head_end` bytes of the pending text): the head every block shares (the header, its
    /// findings, the preamble) and the lines before the data.
    fn start_data(
        &mut self,
        grid: &grid::Grid,
        found: super::Found,
        head_end: usize,
        format: InputFormat,
    ) -> Result<(), ReadError> {
        let rows = grid.rows()?;
        let data_start = match rows.get(found.last_header_row + 1) {
            Some(row) => row.range.start,
            None => head_end,
        };
        let mut ctx = Ctx::new(&grid.source);
        unknown_columns(&mut ctx, &found.header, &rows[found.names_row]);
        let mut head = blank_head(&self.head.name, self.head.encoding);
        head.format = format;
        (head.findings, head.unlisted) = ctx.findings.into_parts();
        head.department = found.preamble.department.clone();
        head.has_published_scores = found.header.col(Role::Score).is_some();
        head.header = found.header;
        head.preamble = found.preamble;
        self.head = Arc::new(head);
        self.lines_before = self.pending.text()[..data_start].matches('\n').count();
        self.consumed = data_start;
        self.pending.drain_front(data_start);
        Ok(())
    }

    /// What every block needs from the top of the file.
    pub fn head(&self) -> Arc<Head> {
        Arc::clone(&self.head)
    }

    /// Cuts blocks after `block` bytes at a new project, and inside a project whose rows pass
    /// `project` bytes (tests and benchmarks use small blocks to cross many boundaries).
    pub fn set_block_bytes(&mut self, block: usize, project: usize) {
        self.block_bytes = block.max(1);
        self.project_bytes = project.max(self.block_bytes);
    }

    /// Decodes `bytes` onto the pending text (UTF-8: checks them there).
    fn decode(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        let last = bytes.is_empty();
        let before = self.raw_read;
        if self.utf8 {
            let held = self.pending.held();
            self.raw_read += bytes.len();
            return self
                .pending
                .push_utf8(bytes, last)
                .map_err(|bad| self.bad_utf8(before - held, bad));
        }
        let (result, read) = self.pending.decode(&mut self.decoder, bytes, last);
        self.raw_read += read;
        match result {
            DecoderResult::InputEmpty => Ok(()),
            DecoderResult::Malformed(bad, after) => Err(ReadError::Decode {
                name: self.head.name.clone(),
                encoding: self.head.encoding,
                // where the bad sequence starts in the file
                offset: (before + read).saturating_sub(after as usize + bad as usize),
            }),
            DecoderResult::OutputFull => Err(ReadError::Decode {
                name: self.head.name.clone(),
                encoding: self.head.encoding,
                offset: before + read,
            }),
        }
    }

    /// The error of a bad UTF-8 sequence `bad` bytes after the file's byte `from`.
    fn bad_utf8(&self, from: usize, bad: BadUtf8) -> ReadError {
        ReadError::Decode {
            name: self.head.name.clone(),
            encoding: self.head.encoding,
            offset: from + bad.0,
        }
    }

    /// Reads and decodes the next bytes of the file; sets `eof` at its end.
    fn fill(&mut self) -> Result<(), ReadError> {
        // drop the text already given out (once a read, not once a block)
        if self.start > 0 {
            self.pending.drain_front(self.start);
            self.scanned -= self.start;
            if let Some(from) = &mut self.blank_from {
                *from = from.saturating_sub(self.start);
            }
            for at in &mut self.past_lines {
                *at -= self.start;
            }
            self.start = 0;
        }
        if self.utf8 {
            // read into the text's room and checked there (no copy from a read buffer)
            let (before, held) = (self.raw_read, self.pending.held());
            let (n, checked) = self
                .pending
                .read_utf8(&mut self.input, READ_BYTES)
                .map_err(|source| io_error(&self.head.name, source))?;
            self.raw_read += n;
            self.eof = n == 0;
            return checked.map_err(|bad| self.bad_utf8(before - held, bad));
        }
        let mut buf = std::mem::take(&mut self.read_buf);
        buf.resize(READ_BYTES, 0);
        let n = self.input.read(&mut buf).map_err(|source| ReadError::Io {
            name: self.head.name.clone(),
            source,
        })?;
        if n == 0 {
            self.eof = true;
        }
        let decoded = self.decode(&buf[..n]);
        self.read_buf = buf;
        decoded
    }

    /// The end of the last whole row that ends within `max` bytes of pending text.
    fn rows_end_at_most(&self, max: usize) -> Option<usize> {
        let mut at = 0;
        let mut last = None;
        while at < self.pending.len() {
            match row_end(self.pending.text(), at, self.delim, self.eof) {
                Some(end) if end <= max => {
                    last = Some(end);
                    at = end;
                }
                _ => break,
            }
        }
        last
    }

    /// Whether a row looks like data: three or more filled cells, no fewer cells than the
    /// header's `width` (a shorter row is skipped by the reader, `table.row-too-short`: it
    /// starts no project), and no header name in the project column (notes, preamble lines,
    /// project headings and repeated headers do not), nor a total's (`合计` there sums the
    /// projects above it: it stays in their block). (A row of a quoted cell past
    /// `JIXIAO_MAX_QUOTED_LINES`, `"` then two figures, was taken for a new project `"`: the
    /// project around it was cut there and read as two, `stream.project-split`.)
    fn looks_like_data(delim: u8, row: &str, project: &str, width: usize) -> bool {
        let filled = if row.contains('"') {
            grid::row_cells(row, delim).first().is_some_and(|r| {
                r.cells.len() >= width
                    && (0..r.cells.len())
                        .filter(|&i| !r.text(i).is_empty())
                        .count()
                        >= 3
            })
        } else {
            let row = row.trim_end_matches(['\n', '\r']);
            let (mut start, mut filled, mut cells) = (0, 0, 1);
            loop {
                let end = grid::find_byte(&row.as_bytes()[start..], delim)
                    .map_or(row.len(), |i| start + i);
                filled += usize::from(!grid::trim_cell(&row[start..end]).is_empty());
                if (filled >= 3 && cells >= width) || end == row.len() {
                    break filled >= 3 && cells >= width;
                }
                start = end + 1;
                cells += 1;
            }
        };
        filled
            && !super::columns::is_sheet_header_name(Role::Project, project)
            && !super::sheet_total::is_total_name(project)
    }

    /// The trimmed text of the unit, project and level cells of one row (borrowed from the
    /// row unless the row has quotes).
    fn role_cells<'t>(h: &Header, delim: u8, row: &'t str) -> [Option<Cow<'t, str>>; 2] {
        let cols = [h.col(Role::Unit), h.col(Role::Project)];
        let mut out: [Option<Cow<'t, str>>; 2] = Default::default();
        if memchr::memchr(b'"', row.as_bytes()).is_some() {
            let rows = grid::row_cells(row, delim);
            if let Some(r) = rows.first() {
                for (k, col) in cols.iter().enumerate() {
                    out[k] = col
                        .map(|c| r.text(c))
                        .filter(|t| !t.is_empty())
                        .map(|t| Cow::Owned(t.to_owned()));
                }
            }
            return out;
        }
        // (a last cell keeps the line break here; trimming the cell drops it)
        let last = cols.iter().flatten().max().copied().unwrap_or(0);
        let mut start = 0;
        for i in 0..=last {
            let end =
                memchr::memchr(delim, &row.as_bytes()[start..]).map_or(row.len(), |k| start + k);
            for (k, c) in cols.iter().enumerate() {
                if *c == Some(i) {
                    let t = grid::trim_cell(&row[start..end]);
                    if !t.is_empty() {
                        out[k] = Some(Cow::Borrowed(t));
                    }
                }
            }
            if end == row.len() {
                break;
            }
            start = end + 1;
        }
        out
    }

    /// The next block of whole rows, or `None` at the end of the file.
    pub fn next_block(&mut self) -> Result<Option<Block>, ReadError> {
        let max_line = crate::limits::LINE.get_usize();
        // a row that starts with this many delimiters has empty unit and project cells (most
        // rows: the indicators under a project)
        let h = &self.head.header;
        let roles_end = [h.col(Role::Unit), h.col(Role::Project)]
            .into_iter()
            .flatten()
            .max()
            .map_or(0, |c| c + 1);
        loop {
            // scan whole rows, stopping before a new project once the block is big enough
            let mut cut = None;
            while self.scanned < self.pending.len() {
                // rows that cannot end the block are skimmed, not read one by one
                if self.skims
                    && self.blank_from.is_none()
                    && self.scanned - self.start < self.block_bytes
                    && let Some(to) = self.skim(roles_end)
                {
                    self.scanned = to;
                    continue;
                }
                // a run of blank rows past a full block is taken at once, not row by row (50 MB
                // of blank lines cost 2.5 s of CPU one row at a time): the same cuts
                if self.blank_runs
                    && (self.scanned - self.start >= self.block_bytes || self.blank_from.is_some())
                    && let Some(blank) = self.blank_rows()
                {
                    match blank {
                        Blank::Cut(at) => {
                            self.cut_inside = Some(CutInside::BlankRun);
                            cut = Some(at);
                            break;
                        }
                        // (a blank row is never `No`)
                        Blank::Row | Blank::No => continue,
                    }
                }
                let Some(end) = row_end_noting(
                    self.pending.text(),
                    self.scanned,
                    self.delim,
                    self.eof,
                    &mut self.past_lines,
                ) else {
                    break;
                };
                // a long run of blank rows (Excel writes them past its data) goes out in blocks
                // of its own, never held whole: checked only once the block is full, or while a
                // run continues past a cut (a row that needs none of this pays nothing for it)
                if self.scanned - self.start >= self.block_bytes || self.blank_from.is_some() {
                    let blank = self.pending.text()[self.scanned..end]
                        .bytes()
                        .all(|b| b == self.delim || matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
                    match self.blank_run(blank, end) {
                        Blank::Cut(at) => {
                            self.cut_inside = Some(CutInside::BlankRun);
                            cut = Some(at);
                            break;
                        }
                        // a blank row sets no unit or project
                        Blank::Row => {
                            self.scanned = end;
                            continue;
                        }
                        Blank::No => {}
                    }
                }
                if let Some(at) = self.data_row(end, roles_end) {
                    cut = Some(at);
                    break;
                }
            }
            if let Some(at) = cut {
                return Ok(Some(self.take(at)));
            }
            if self.eof {
                if self.pending.len() == self.start {
                    return Ok(None);
                }
                let all = self.pending.len();
                return Ok(Some(self.take(all)));
            }
            if self.pending.len() - self.scanned > max_line {
                let line = self.lines_before
                    + self.pending.text()[self.start..self.scanned]
                        .matches('\n')
                        .count();
                return Err(ReadError::LineTooLong {
                    name: self.head.name.clone(),
                    line: line + 1,
                    bytes: self.pending.len() - self.scanned,
                    max: crate::limits::LINE.shown(),
                    help: crate::limits::LINE.help(),
                });
            }
            self.fill()?;
        }
    }

    /// A whole row from `scanned` to `end` that no blank run took: where the block is cut
    /// before it (a new project past a full block, or a block past its forced size), or `None`
    /// with the row taken (the unit and project it names learned, if it looks like data).
    #[inline(always)]
    fn data_row(&mut self, end: usize, roles_end: usize) -> Option<usize> {
        let row = &self.pending.text()[self.scanned..end];
        let empty = roles_end > 0
            && row.len() > roles_end
            && row.as_bytes()[..roles_end].iter().all(|&b| b == self.delim);
        let [unit, project] = if empty {
            [None, None]
        } else {
            Self::role_cells(&self.head.header, self.delim, row)
        };
        let changes = (unit.is_some() && unit.as_deref() != self.seen_unit.as_deref())
            || (project.is_some() && project.as_deref() != self.seen_project.as_deref());
        // rows that are not data neither cut nor teach (checked only where they would)
        let width = self.head.header.width;
        if changes
            && !Self::looks_like_data(self.delim, row, project.as_deref().unwrap_or(""), width)
        {
            self.scanned = end;
            return None;
        }
        let new_project = project.is_some() && project.as_deref() != self.seen_project.as_deref();
        if self.scanned - self.start >= self.block_bytes && new_project {
            return Some(self.scanned);
        }
        // past a full block the block holds one project (the first new one ends it): it is
        // carried whole up to the project limit, and cut inside past it
        if self.scanned - self.start >= self.project_bytes {
            self.cut_inside = Some(CutInside::Limit);
            return Some(self.scanned);
        }
        if let Some(unit) = unit {
            keep(&mut self.seen_unit, &unit);
        }
        if let Some(project) = project {
            keep(&mut self.seen_project, &project);
        }
        self.scanned = end;
        None
    }

    /// Skims the whole rows from `scanned` that start before the block is full (none of them
    /// can end it) and hold no quote, learning what they teach: the unit and project of the
    /// last row naming each that looks like data, as reading them one by one would (a row that
    /// names something else and does not look like data teaches nothing; one that names what
    /// is already seen teaches nothing new). The rows are walked from the last one back, each
    /// found by a search for the line break before it, until the last row naming a unit and
    /// the last naming a project are read (a row whose unit and project cells are empty is
    /// passed over): the rows before those teach nothing that reading them one by one would
    /// leave standing. Returns where the skimmed rows end, `None` where no whole row is there
    /// to skim.
    fn skim(&mut self, roles_end: usize) -> Option<usize> {
        let from = self.scanned;
        let target = (self.start + self.block_bytes).min(self.pending.len());
        let bytes = &self.pending.text().as_bytes()[from..target];
        // a quote may make a row of several lines: stop at the line before it
        let clear = memchr::memchr(b'"', bytes).unwrap_or(bytes.len());
        let end = from + memchr::memrchr(b'\n', &bytes[..clear])? + 1;
        let delim = self.delim;
        let h = &self.head.header;
        let (mut need_unit, mut need_project) =
            (h.col(Role::Unit).is_some(), h.col(Role::Project).is_some());
        // the row ending at `next` (after its line break) starts after the line break before it
        let mut next = end;
        while next > from && (need_unit || need_project) {
            let at = memchr::memrchr(b'\n', &self.pending.text().as_bytes()[from..next - 1])
                .map_or(from, |i| from + i + 1);
            let row = &self.pending.text()[at..next];
            next = at;
            // (the same test as the row-by-row scan: the unit and project cells are empty)
            let empty = roles_end > 0
                && row.len() > roles_end
                && row.as_bytes()[..roles_end].iter().all(|&b| b == delim);
            if empty {
                continue;
            }
            let [unit, project] = Self::role_cells(h, delim, row);
            let (teach_unit, teach_project) = (
                need_unit && unit.is_some(),
                need_project && project.is_some(),
            );
            if !(teach_unit || teach_project)
                || !Self::looks_like_data(delim, row, project.as_deref().unwrap_or(""), h.width)
            {
                continue;
            }
            if let Some(unit) = unit.filter(|_| teach_unit) {
                keep(&mut self.seen_unit, &unit);
                need_unit = false;
            }
            if let Some(project) = project.filter(|_| teach_project) {
                keep(&mut self.seen_project, &project);
                need_project = false;
            }
        }
        Some(end)
    }

    /// Follows a run of blank rows at the row ending at `end` (`blank`: whether it is one, only
    /// delimiters and spaces): once the run is
    /// [`BLANK_RUN_BYTES`] long, the block is cut before it, or after this row when the block
    /// holds nothing but the run. A project that goes on after so long a run is then two
    /// parts (each named by `stream.project-cut`, as a project past the project limit is).
    fn blank_run(&mut self, blank: bool, end: usize) -> Blank {
        if !blank {
            self.blank_from = None;
            return Blank::No;
        }
        let from = *self.blank_from.get_or_insert(self.scanned);
        if end - from < BLANK_RUN_BYTES {
            return Blank::Row;
        }
        if from > self.start {
            Blank::Cut(from)
        } else {
            self.scanned = end;
            self.blank_from = Some(end);
            Blank::Cut(end)
        }
    }

    /// [`Self::blank_run`] of the whole blank rows from `scanned` at once (only delimiters,
    /// spaces and line breaks; most often a run of bare line breaks, eight bytes at a time):
    /// the rows are taken as one by one [`Self::blank_run`] takes them, up to the end of the
    /// run or of the row that makes it [`BLANK_RUN_BYTES`] long, and the block is cut where it
    /// would cut. `None` where no whole blank row starts at `scanned` (the row is read alone).
    fn blank_rows(&mut self) -> Option<Blank> {
        let bytes = self.pending.text().as_bytes();
        let (scanned, len, delim) = (self.scanned, bytes.len(), self.delim);
        let from = self.blank_from.unwrap_or(scanned);
        // the first row that ends at or past `bound` makes the run long enough to cut
        let bound = from + BLANK_RUN_BYTES;
        let blank = |b: u8| b == delim || matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let stop = bound.min(len);
        let mut i = scanned;
        while i < stop {
            if i + 8 <= stop && bytes[i..i + 8] == [b'\n'; 8] {
                i += 8;
            } else if blank(bytes[i]) {
                i += 1;
            } else {
                break;
            }
        }
        if i == bound && bytes[bound - 1] != b'\n' {
            // the row across the bound, to its line break if blank to it
            while i < len && bytes[i] != b'\n' && blank(bytes[i]) {
                i += 1;
            }
            if i < len && bytes[i] == b'\n' {
                i += 1;
            }
        }
        let ends = scanned + memchr::memrchr(b'\n', &bytes[scanned..i])? + 1;
        self.blank_from = Some(from);
        if ends < bound {
            self.scanned = ends;
            return Some(Blank::Row);
        }
        // the run is long enough at its last row (the one that ends at `ends`)
        self.scanned =
            memchr::memrchr(b'\n', &bytes[scanned..ends - 1]).map_or(scanned, |k| scanned + k + 1);
        Some(self.blank_run(true, ends))
    }

    /// Gives out the pending text up to `at` as a block, with the guess made where it starts;
    /// what the cutter saw up to `at` is the guess for the next block.
    fn take(&mut self, at: usize) -> Block {
        let text = self.pending.text()[self.start..at].to_owned();
        let taken = at - self.start;
        self.start = at;
        let next_guess = FillDown {
            unit: Some(Arc::from(
                self.seen_unit
                    .as_deref()
                    .or(self.head.preamble.unit.as_deref())
                    .unwrap_or(""),
            )),
            project: self.seen_project.as_deref().map(Arc::from),
            // the levels are not tracked: a block whose first rows read them (one cut inside a
            // project) is read again from the true state
            level1: None,
            level2: None,
            // nor the header in force: a block after a moved header row is read again with it
            moved: None,
        };
        let guess = std::mem::replace(&mut self.guess, next_guess);
        let noted = self.past_lines.partition_point(|&o| o < at);
        let past_lines = self
            .past_lines
            .drain(..noted)
            .map(|o| o - (at - taken))
            .collect();
        let block = Block {
            seq: self.seq,
            lines_before: self.lines_before,
            guess,
            text: Arc::new(text),
            past_lines,
            inside: self.cut_inside.take(),
            continues: self.last_inside,
        };
        self.last_inside = block.inside.is_some();
        self.lines_before += memchr::memchr_iter(b'\n', block.text.as_bytes()).count();
        self.consumed += taken;
        self.seq += 1;
        block
    }
}

/// Sets what the cutter saw to `now` (the text kept in the allocation it had).
fn keep(seen: &mut Option<String>, now: &str) {
    match seen {
        Some(s) if s == now => {}
        Some(s) => {
            s.clear();
            s.push_str(now);
        }
        None => *seen = Some(now.to_owned()),
    }
}

/// Reads a block into a document, starting from the fill-down state `state`: a block of plain
/// rows straight from its text (`table::flat`), any other through the grid.
pub fn read_block(head: &Head, block: &Block, state: FillDown) -> Result<BlockDoc, ReadError> {
    read_block_by(head, block, state, true)
}

/// [`read_block`] of a block read on its own, in order, with no parts of a cut project carried
/// to it (`eval::blocks`, `table::blockwise`: a project that goes on in the next block comes
/// back there, and they read the sheet whole): the first project's printed total, which the
/// reader leaves to the turnstile where the block may continue a cut project, is checked
/// against its own rows, as every other project's is.
pub fn read_block_alone(
    head: &Head,
    block: &Block,
    state: FillDown,
) -> Result<BlockDoc, ReadError> {
    let mut read = read_block(head, block, state)?;
    if block.continues {
        super::layouts::sheet_carry::check_alone(&mut read.doc, read.first_total_at);
    }
    Ok(read)
}

/// [`read_block`]; `flat` false reads every block through the grid (for the test that a block
/// reads the same either way).
fn read_block_by(
    head: &Head,
    block: &Block,
    mut state: FillDown,
    flat: bool,
) -> Result<BlockDoc, ReadError> {
    let grid = grid::from_block(
        &head.name,
        Arc::clone(&block.text),
        head.format,
        head.encoding,
        block.lines_before,
    )?;
    let mut ctx = Ctx::new(&grid.source);
    let unit_hint = head.preamble.unit.as_deref();
    let delim = if head.format == InputFormat::Csv {
        b','
    } else {
        b'\t'
    };
    let first_line = block.lines_before as u32 + 1;
    // (rows under a moved header go through the data-row filter, which moves their cells)
    let flat = (flat
        && state.moved.is_none()
        && block.past_lines.is_empty()
        && block.lines_before < u32::MAX as usize)
        .then(|| flat::rows(&mut ctx, &head.header, &block.text, delim, first_line))
        .flatten();
    let mut preamble_below = false;
    let (units, used) = match &flat {
        Some(flat) => {
            let rows = flat.views(&block.text);
            self_eval::read_from(
                &mut ctx,
                &head.header,
                &rows,
                (unit_hint, block.continues),
                &mut state,
            )
        }
        None => {
            let mut preamble = head.preamble.clone();
            // the rows walked, not held (`walked`); the quotes' findings come first
            let (data, mut quotes) = grid.walk_rows(|walk| {
                super::walked::data_rows(
                    &mut ctx,
                    &head.header,
                    &mut preamble,
                    walk,
                    &mut state.moved,
                    delim,
                )
            })?;
            if !block.past_lines.is_empty() {
                past_the_limit(&mut quotes, &block.past_lines);
            }
            let rows_found = std::mem::take(&mut ctx.findings);
            ctx.findings.extend(quotes.findings(&grid.source));
            ctx.findings.append(rows_found);
            preamble_below = preamble != head.preamble;
            let data: Vec<&super::walked::Walked> = data.iter().collect();
            self_eval::read_from(
                &mut ctx,
                &head.header,
                &data,
                (unit_hint, block.continues),
                &mut state,
            )
        }
    };
    let Ctx {
        findings,
        rows_read,
        rows_skipped,
        first_total_at,
        ..
    } = ctx;
    let (findings, unlisted) = findings.into_parts();
    let doc = Document {
        source: grid.source.clone(),
        layout: Layout::SelfEvaluation,
        department: head.department.clone(),
        money_unit: head.preamble.money_unit.clone(),
        total: None,
        units,
        findings,
        rows_read,
        rows_skipped,
        held: Vec::new(),
    };
    // a name past its limit stops the read here as it stops the whole file's (`names`)
    super::names::check(&doc)?;
    Ok(BlockDoc {
        unlisted,
        doc,
        end: state,
        used,
        preamble_below,
        first_total_at,
    })
}

/// Says of the quotes at `past_lines` that the grid found unclosed (the block ended first)
/// what the whole-file reader says of them: no quote closes them within the quoted lines limit
/// (the cutter found so in the text after the block).
fn past_the_limit(quotes: &mut grid::QuoteNotes, past_lines: &[usize]) {
    let max = crate::limits::QUOTED_LINES.get_usize();
    for note in &mut quotes.kept {
        if note.end == grid::QuoteEnd::Never && past_lines.binary_search(&note.offset).is_ok() {
            note.end = grid::QuoteEnd::PastLines(max);
        }
    }
}

/// Where the row starting at `start` ends (after its line break), by the grid's rules: a cell
/// is quoted only if it starts with `"`, a quoted cell may span lines, and a quote that never
/// closes (at the end of the input) is plain text. `None` when more text is needed to know.
fn row_end(text: &str, start: usize, delim: u8, eof: bool) -> Option<usize> {
    row_end_noting(text, start, delim, eof, &mut Vec::new())
}

/// [`row_end`], noting in `past_lines` (in order, each once) the offsets of the quotes it took
/// for stray ones because they would span more lines than a quoted cell may.
fn row_end_noting(
    text: &str,
    start: usize,
    delim: u8,
    eof: bool,
    past_lines: &mut Vec<usize>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // fast path: no quote before the line break (one search finds whichever comes first)
    match memchr::memchr2(b'\n', b'"', &bytes[start..]).map(|i| start + i) {
        Some(e) if bytes[e] == b'\n' => return Some(e + 1),
        None if eof => return Some(n),
        None => return None,
        Some(_) => {}
    }
    let mut pos = start;
    // lines a quoted cell may span (past them its quote is read as a character, see the
    // module docs): looked up only for rows that hold a quote
    let max_lines = crate::limits::QUOTED_LINES.get_usize();
    let spans_too_many = |from: usize, to: usize| {
        memchr::memchr_iter(b'\n', &bytes[from..to])
            .take(max_lines + 1)
            .count()
            > max_lines
    };
    loop {
        let mut end = None;
        if pos < n && bytes[pos] == b'"' {
            match closing_quote(bytes, pos + 1, eof) {
                // a quote that would span more lines than a cell holds is a stray one: the row
                // ends at its line's end, as the grid reads it (`table.stray-quote`)
                Some(after) if spans_too_many(pos, after) => note_once(past_lines, pos),
                None if spans_too_many(pos, n) => note_once(past_lines, pos),
                Some(after) => {
                    let stop = memchr::memchr2(delim, b'\n', &bytes[after..]).map(|i| after + i);
                    match stop {
                        Some(stop) => {
                            let tail = text[after..stop].trim_end_matches('\r');
                            if tail.trim().is_empty() {
                                end = Some(stop);
                            }
                        }
                        None if !eof => return None,
                        None => {
                            if text[after..].trim().is_empty() {
                                end = Some(n);
                            }
                        }
                    }
                }
                None if !eof => return None,
                None => {}
            }
        }
        let end = match end {
            Some(e) => e,
            None => match memchr::memchr2(delim, b'\n', &bytes[pos..]) {
                Some(i) => pos + i,
                None if eof => n,
                None => return None,
            },
        };
        pos = end;
        if pos < n && bytes[pos] == delim {
            pos += 1;
            continue;
        }
        break;
    }
    if pos < n {
        Some(pos + 1)
    } else if eof {
        Some(n)
    } else {
        None
    }
}

/// Notes `offset` after the offsets noted, unless it is noted already (a row is read again
/// when more text is needed, or when the block is cut before it).
fn note_once(noted: &mut Vec<usize>, offset: usize) {
    if noted.last().is_none_or(|&last| last < offset) {
        noted.push(offset);
    }
}

/// The byte after the quote that closes a quoted cell whose text starts at `from` (`""` is an
/// escaped quote), or `None` if it does not close in `bytes`.
fn closing_quote(bytes: &[u8], from: usize, eof: bool) -> Option<usize> {
    let mut i = from;
    loop {
        let q = i + memchr::memchr(b'"', &bytes[i..])?;
        if q + 1 < bytes.len() && bytes[q + 1] == b'"' {
            i = q + 2;
        } else if q + 1 == bytes.len() && !eof {
            // `"` at the very end: it may be the first of `""` in the next read
            return None;
        } else {
            return Some(q + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every block of `text` cut with blocks of `bytes`, as (text, lines before, guess).
    fn blocks(text: &str, bytes: usize, skims: bool) -> Vec<(String, usize, FillDown)> {
        blocks_by(text, bytes, skims, true)
    }

    /// [`blocks`], blank runs taken at once or not (`blank_runs`).
    fn blocks_by(
        text: &str,
        bytes: usize,
        skims: bool,
        blank_runs: bool,
    ) -> Vec<(String, usize, FillDown)> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sheet.tsv");
        std::fs::write(&path, text).expect("written");
        let Ok(Opened::Stream(mut s)) = open(&path, &ReadOptions::default()) else {
            panic!("not streamed");
        };
        s.set_block_bytes(bytes, bytes * 4);
        s.skims = skims;
        s.blank_runs = blank_runs;
        let mut out = Vec::new();
        while let Some(b) = s.next_block().expect("reads") {
            out.push((b.text.to_string(), b.lines_before, b.guess.clone()));
        }
        out
    }

    #[test]
    fn skimmed_rows_cut_and_teach_as_rows_read_one_by_one() {
        let mut text = String::from("部门名称：某部门\n");
        text.push_str("单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n");
        for p in 0..60 {
            let unit = if p % 7 == 0 {
                format!("单位{}", p / 7)
            } else {
                String::new()
            };
            text.push_str(&format!("{unit}\t项目{p}\t\t\t\t\t\t100\t90\n"));
            for k in 0..(p % 5 + 1) {
                match (p + k) % 11 {
                    // a note naming another project: not data, teaches nothing
                    3 => text.push_str(&format!("\t注：项目{}另见\n", p + 100)),
                    // a repeated header
                    5 => text.push_str("单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n"),
                    // the project written again on its row, CRLF
                    7 => text.push_str(&format!("\t项目{p}\t产出指标\t\t指标{k}\t≥{k}\t{k}\t\t\r\n")),
                    // a quoted cell over two lines
                    9 => text.push_str(&format!("\t\t产出指标\t\t\"指标\n{k}\"\t{k}\t{k}\t\t\n")),
                    // a unit alone, not data
                    10 => text.push_str("另一单位\t\t\t\n"),
                    _ => text.push_str(&format!("\t\t产出指标\t数量指标\t指标{k}\t≥{k}个\t{k}个\t\t\n")),
                }
            }
        }
        for bytes in [40, 100, 200, 333, 1000, 4096] {
            let skimmed = blocks(&text, bytes, true);
            assert!(skimmed.len() > 1 || bytes == 4096, "{bytes}: one block");
            assert_eq!(
                skimmed,
                blocks(&text, bytes, false),
                "blocks of {bytes} bytes"
            );
        }
    }

    /// Runs of blank rows taken at once cut the blocks as rows read one by one cut them: runs
    /// of bare line breaks, CRLF, delimiters and spaces, short and past [`BLANK_RUN_BYTES`],
    /// ending in a row that is blank but for its last byte, at the file's end without a line
    /// break, between projects and inside one.
    #[test]
    fn blank_runs_taken_at_once_cut_as_rows_read_one_by_one() {
        let head = "单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\n";
        let blanks = ["\n", "\r\n", "\t\t \t\n", "\t\t\t\t\t\n", "  \n"];
        let mut rng = crate::synth::Rng::new(11_u64);
        let mut next = move |n: u64| rng.below(n as usize) as u64;
        for round in 0..6 {
            let mut text = String::from(head);
            for p in 0..8 {
                text.push_str(&format!("某局\t项目{p}\t产出指标\t甲\t1\t1\n"));
                // a run: up to 3 blank-row kinds, up to about 300 KB
                let rows = [0, 3, 100, 40_000, 90_000, 300_000][next(6) as usize];
                for _ in 0..next(3) + 1 {
                    let kind = blanks[next(blanks.len() as u64) as usize];
                    text.push_str(&kind.repeat(rows as usize / kind.len().max(1) + 1));
                }
                if next(3) == 0 {
                    // blank but for its last byte: not blank
                    text.push_str("\t\t  x\n");
                }
                text.push_str("\t\t产出指标\t乙\t2\t2\n");
            }
            if round % 2 == 0 {
                text.push_str(&"\n".repeat(300_000));
                text.push_str("\t\t");
            }
            for bytes in [1000, 32 * 1024] {
                assert_eq!(
                    blocks_by(&text, bytes, true, true),
                    blocks_by(&text, bytes, true, false),
                    "round {round}, blocks of {bytes} bytes"
                );
            }
        }
    }

    /// A sheet of many shapes of row: clean rows (spaces and full-width spaces around cells,
    /// CRLF, characters of one to four bytes before a cell, trailing empty cells, split target
    /// columns, filled-down levels), rows that give the layout's findings (a cell that is not a
    /// number, a row without a project, a nameless row, budget rows of both forms), and rows
    /// only the grid reads (a note, a short row, a repeated header, a quote, a cell beyond the
    /// header, a preamble line).
    fn varied_sheet(seed: u64, rows: usize, grid_rows: bool) -> String {
        let header = "单位\t项目\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分\t全年预算数\t全年执行数\t计划数\t偏差原因";
        let mut text = format!("部门名称：某部门\n{header}\n");
        let mut rng = crate::synth::Rng::new(seed);
        let mut next = move |n: u64| rng.below(n as usize) as u64;
        let pad = ["", " ", "\u{3000}", "\u{a0}", "\t"];
        let word = [
            "指标",
            "a",
            "é",
            "€",
            "😀",
            "产出指标",
            "预算执行率",
            "完成率：",
            "绩效自评表",
        ];
        for k in 0..rows {
            let mut cells: Vec<String> = vec![String::new(); 15];
            let r = next(100);
            if r < 8 {
                cells[0] = format!("单位{}", next(4));
            }
            if r < 30 {
                cells[1] = format!("项目{}{}", word[next(9) as usize], next(9));
            }
            if next(3) == 0 {
                cells[2] = ["产出指标", "效益指标", "满意度指标"][next(3) as usize].to_owned();
            }
            if next(2) == 0 {
                cells[3] = format!("{}{}", word[next(9) as usize], next(5));
            }
            if next(20) != 0 {
                cells[4] = format!("{}{}", word[next(9) as usize], k);
            }
            match next(4) {
                0 => cells[6] = format!("{}", next(100)),
                1 => {
                    cells[5] = ["≥", "≤", "定量", "="][next(4) as usize].to_owned();
                    cells[6] = format!("{}", next(100));
                    cells[7] = ["%", "个", "%(百分比)", "万元"][next(4) as usize].to_owned();
                }
                2 => cells[6] = format!("≥{}%", next(100)),
                _ => {}
            }
            if next(5) != 0 {
                cells[8] = format!("{}.{}", next(1000), next(100));
            }
            match next(30) {
                0 => cells[9] = "十分".to_owned(),
                1..=20 => cells[9] = format!("{}", next(20)),
                _ => {}
            }
            if next(4) == 0 {
                cells[10] = format!("{}分", next(20));
            }
            if next(10) == 0 {
                cells[11] = format!("{}.00", next(500));
                cells[12] = format!("{}", next(500));
            }
            if next(20) == 0 {
                cells[13] = format!("{}", next(50));
            }
            if next(15) == 0 {
                cells[14] = "未达到".to_owned();
            }
            for c in cells.iter_mut().filter(|c| !c.is_empty()) {
                *c = format!("{}{c}{}", pad[next(4) as usize], pad[next(4) as usize]);
            }
            let mut line = cells.join("\t");
            if next(10) == 0 {
                line.push_str("\t\t");
            }
            if next(4) == 0 {
                line.push('\r');
            }
            if next(25) == 0 {
                text.push('\n');
            }
            if grid_rows {
                match next(60) {
                    0 => line = "注：说明".to_owned(),
                    1 => line = "某局\t项目".to_owned(),
                    2 => line = header.to_owned(),
                    3 => line.push_str("\t\t多余"),
                    4 => line = format!("\t\t\t\t\"引号\"\t{line}"),
                    5 => line = "单位名称：另一单位".to_owned(),
                    // rows of the header's width with one or two filled cells that are not data:
                    // a preamble line, a title, a note
                    6 => line = format!("\t\t\t\t部门名称：\t某部门{}", "\t".repeat(9)),
                    7 => line = format!("\t\t\t\t2023年绩效自评表{}", "\t".repeat(10)),
                    8 => line = format!("备注 以上为预计数{}", "\t".repeat(14)),
                    9 => line = format!("\t\t\t\t备注：\t以上为预计数{}", "\t".repeat(9)),
                    _ => {}
                }
            }
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    #[test]
    fn a_block_reads_the_same_straight_from_its_text_as_through_the_grid() {
        let (mut flat_blocks, mut grid_blocks) = (0, 0);
        for (seed, grid_rows) in [(1, false), (2, false), (3, true), (4, true)] {
            let text = varied_sheet(seed, 3000, grid_rows);
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("sheet.tsv");
            std::fs::write(&path, &text).expect("written");
            let Ok(Opened::Stream(mut s)) = open(&path, &ReadOptions::default()) else {
                panic!("not streamed");
            };
            s.set_block_bytes(700, 2800);
            let head = s.head();
            let (mut by_text, mut by_grid) = (FillDown::default(), FillDown::default());
            while let Some(b) = s.next_block().expect("reads") {
                let name = &head.name;
                let grid = grid::from_block(name, Arc::clone(&b.text), head.format, "UTF-8", 0)
                    .expect("a grid");
                let mut ctx = Ctx::new(&grid.source);
                match flat::rows(&mut ctx, &head.header, &b.text, b'\t', 1) {
                    Some(_) => flat_blocks += 1,
                    None => grid_blocks += 1,
                }
                let one = read_block_by(&head, &b, by_text.clone(), true).expect("reads");
                let other = read_block_by(&head, &b, by_grid.clone(), false).expect("reads");
                let show = |d: &BlockDoc| {
                    format!(
                        "{:#?}\n{:#?}\n{} {}\n{:?} {:?}",
                        d.doc.units,
                        d.doc.findings,
                        d.doc.rows_read,
                        d.doc.rows_skipped,
                        d.end,
                        d.used
                    )
                };
                assert_eq!(show(&one), show(&other), "block {} of sheet {seed}", b.seq);
                (by_text, by_grid) = (one.end, other.end);
            }
        }
        // both ways were taken, on many blocks
        assert!(
            flat_blocks > 100 && grid_blocks > 20,
            "{flat_blocks} {grid_blocks}"
        );
    }

    #[test]
    fn quotes_past_the_quoted_lines_limit_are_noted_in_their_block() {
        let max = crate::limits::QUOTED_LINES.get_usize();
        let mut text = String::from(
            "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n",
        );
        for p in 0..40 {
            text.push_str(&format!("某局\t项目{p}\t\t\t\t\t\t100\t90\n"));
            text.push_str(&format!("\t\t产出指标\t数量指标\t指标\t≥{p}\t{p}\t\t\n"));
            match p {
                // a quote whose close is past the limit, then new projects' rows before it
                10 => text.push_str("\t\t产出指标\t\t\"跨行\t1\t1\t\t\n"),
                20 => text.push_str(&format!("{}结束\"\t\t\t\n", "说明\n".repeat(max))),
                // a quote that closes within the limit: one cell, not noted
                30 => text.push_str("\t\t产出指标\t\t\"两\n行\"\t1\t1\t\t\n"),
                _ => {}
            }
        }
        for bytes in [64, 500, 4096, 1 << 20] {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("sheet.tsv");
            std::fs::write(&path, &text).expect("written");
            let Ok(Opened::Stream(mut s)) = open(&path, &ReadOptions::default()) else {
                panic!("not streamed");
            };
            s.set_block_bytes(bytes, bytes * 4);
            let mut noted = Vec::new();
            while let Some(b) = s.next_block().expect("reads") {
                for &at in b.past_lines() {
                    noted.push(b.text[at..].chars().take(3).collect::<String>());
                }
            }
            assert_eq!(noted, ["\"跨行"], "blocks of {bytes} bytes");
        }
    }

    #[test]
    fn rows_end_at_line_breaks_outside_quotes() {
        let t = "a\tb\nc\t\"x\ny\"\nd\n";
        assert_eq!(row_end(t, 0, b'\t', false), Some(4));
        assert_eq!(row_end(t, 4, b'\t', false), Some(12));
        assert_eq!(row_end(t, 12, b'\t', false), Some(14));
        // an open quote needs more text, unless the input has ended
        assert_eq!(row_end("a\t\"x\ny", 0, b'\t', false), None);
        assert_eq!(row_end("a\t\"x\ny", 0, b'\t', true), Some(5));
        // junk after a closing quote makes the cell plain: the row ends at the first break
        assert_eq!(row_end("\"a\nb\"c\nd\n", 0, b'\t', false), Some(3));
    }

    #[test]
    fn a_quote_is_looked_for_over_the_quoted_lines_limit_only() {
        let max = crate::limits::QUOTED_LINES.get_usize();
        // open after `max` lines: more text may close it
        let within = format!("a\t\"x\n{}", "y\n".repeat(max - 1));
        assert_eq!(row_end(&within, 0, b'\t', false), None);
        // open past them: a stray quote, the row ends at its own line
        let past = format!("a\t\"x\n{}", "y\n".repeat(max));
        assert_eq!(row_end(&past, 0, b'\t', false), Some(5));
        // closed past them: the same
        let closed = format!("a\t\"x\n{}z\"\n", "y\n".repeat(max));
        assert_eq!(row_end(&closed, 0, b'\t', false), Some(5));
        // closed within them: one row of several lines
        let cell = format!("a\t\"x\n{}z\"\nb\n", "y\n".repeat(max - 2));
        assert_eq!(row_end(&cell, 0, b'\t', false), Some(cell.len() - 2));
    }
}
