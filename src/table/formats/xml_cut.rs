//! The text of an xlsx's shared strings cut one byte past the cell limit before calamine holds
//! it (issue 27): a 0.3 MB file whose one shared string is 300 MB of text deflated 1000:1
//! peaked at 1.4 GB (calamine holds a `<t>`'s text three times over while reading it, and the
//! cell naming it took two copies more) to refuse that cell with `table.cell-too-long` anyway.
//!
//! **Decisions**: a string's text is counted as calamine will hold it, from the bytes of its
//! `<si>` (every text and CDATA run of it, phonetic ones too: a count never under what is held,
//! so the cut text is still past the limit and its cell refused on its row as before). Counted
//! at a byte each: what is not white space (calamine trims a `<t>` of its ends unless told to
//! keep them) nor `\r` (a line end is one byte), a named entity (`&amp;`), an Excel escape
//! `_xHHHH_`; a numeric character reference (`&#32;`, white space or not) counts nothing. Past
//! [`limits::CELL`] the rest of the run is dropped, at a character's and an entity's edge,
//! and so is each later run of that `<si>`: what calamine holds of a string is then at most
//! the limit and a run's few bytes more, and the cell past it is still refused. Markup,
//! comments, processing instructions and quoted attribute values (a `>` inside) pass unchanged.
//! Only the shared strings are cut, only where [`Measure`] finds a run past the limit as
//! `grid::check_zip` unzips them (a part no larger than the limit is not looked at): the zip is
//! written again with that part cut, every other part copied as it is. **A worksheet's cells**
//! (an inline string, `<c t="inlineStr"><is>…`, which calamine holds whole) are cut the same
//! way, counted a cell (`</c>`) at a time, where [`LongCell`] finds a stretch of the sheet past
//! the limit between two cells' start tags (a 40 MB inline string: 243 MB → 17 MB peak).
//! Left as before: text made of numeric character references (counted as nothing), a sheet
//! whose part is not under `xl/worksheets/`.
//!
//! **A Word document's** `word/document.xml` is read through [`CutRuns`] where [`LongRun`]
//! finds a stretch past the limit without markup as `grid::check_zip` unzips it (a 400 MB
//! paragraph of 0.4 MB peaked at 1.2 GB): each text run is cut on its own one byte past the
//! limit (a run's hidden or deleted text is never counted into another's), so quick-xml never
//! buffers more of one; a paragraph or table cell of many runs each under the limit is held
//! to one counted byte past it as the reader appends them ([`HeldCut`]).

use std::io::{Read, Write};

use crate::limits;
use crate::table::ReadError;

/// Whether a shared strings part (fed in pieces) holds a run past the limit, from its raw
/// text: never no where the exact count ([`TextCut`]) would cut.
#[derive(Debug, Default)]
pub(crate) struct Measure {
    cut: TextCut,
    looked: bool,
    bytes: u64,
}

impl Measure {
    /// The next bytes of the part, whose declared size is `declared`: a part declared no larger
    /// than the limit is only counted (a part larger than it declared is then taken to hold a
    /// long run: the exact count decides).
    pub(crate) fn feed(&mut self, declared: u64, bytes: &[u8]) {
        let limit = limits::CELL.get();
        self.bytes = self.bytes.saturating_add(bytes.len() as u64);
        if declared > limit {
            self.looked = true;
            if !self.cut.cut {
                self.cut.limit = limit;
                // a sink takes every byte
                let _ = self.cut.feed(bytes, &mut std::io::sink());
            }
        }
    }

    /// Whether the part may hold a run past the limit.
    pub(crate) fn long(&self) -> bool {
        match self.looked {
            true => self.cut.cut,
            false => self.bytes > limits::CELL.get(),
        }
    }
}

/// Whether a part (fed in pieces) holds a stretch of more than the limit without `<` or `>`:
/// every run past the limit is one (a fast look at each piece's end).
#[derive(Debug, Default)]
pub(crate) struct LongRun {
    since: u64,
    pub long: bool,
}

impl LongRun {
    /// The next bytes of the part.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        let limit = limits::CELL.get();
        let Some(first) = memchr::memchr2(b'<', b'>', bytes) else {
            self.since = self.since.saturating_add(bytes.len() as u64);
            self.long |= self.since > limit;
            return;
        };
        // the stretch from the piece before, one inside this piece, the one it ends in
        self.long |= self.since.saturating_add(first as u64) > limit;
        if bytes.len() as u64 > limit && !self.long {
            self.long = self.stretch_in(bytes);
        }
        let last = memchr::memrchr2(b'<', b'>', bytes).unwrap_or(first);
        self.since = (bytes.len() - last - 1) as u64;
    }

    /// Whether a stretch inside `bytes` is past the limit.
    fn stretch_in(&self, bytes: &[u8]) -> bool {
        let mut last = 0usize;
        for at in memchr::memchr2_iter(b'<', b'>', bytes) {
            if (at - last) as u64 > limits::CELL.get() {
                return true;
            }
            last = at;
        }
        false
    }
}

/// Whether a worksheet part (fed in pieces) may hold a cell past the limit: a stretch of more
/// than the limit, less a piece, between two pieces holding a cell's or a row's start tag
/// (`grid`'s count of them). A cell's text lies within such a stretch, so a cell past the limit
/// is never missed; the look costs nothing beyond that count.
#[derive(Debug, Default)]
pub(crate) struct LongCell {
    since: u64,
    pub long: bool,
}

/// The most bytes one piece of a part is read in (`grid::check_zip`'s).
const PIECE: u64 = 64 * 1024;

impl LongCell {
    /// The next `bytes` bytes of the part; `tag` whether they hold a cell's or row's start.
    /// Whether the part may hold a cell past the limit (so far).
    pub(crate) fn feed(&mut self, bytes: u64, tag: bool) -> bool {
        self.since = self.since.saturating_add(bytes);
        self.long |= self.since > limits::CELL.get().saturating_sub(PIECE);
        if tag {
            self.since = 0;
        }
        self.long
    }
}

/// Whether a part is a worksheet (`xl/worksheets/*.xml`), as `grid::check_zip` tells them.
pub(crate) fn is_worksheet(part: &str) -> bool {
    part.starts_with("xl/worksheets/") && part.ends_with(".xml")
}

/// A part read with each text run cut one byte past the limit (a Word document's body).
pub(crate) struct CutRuns<R> {
    inner: R,
    cut: TextCut,
    out: Vec<u8>,
    at: usize,
    piece: Vec<u8>,
}

impl<R: Read> CutRuns<R> {
    pub(crate) fn new(inner: R) -> Self {
        CutRuns {
            inner,
            cut: TextCut {
                limit: limits::CELL.get(),
                per_run: true,
                ..TextCut::default()
            },
            out: Vec::new(),
            at: 0,
            piece: vec![0; 64 * 1024],
        }
    }
}

impl<R: Read> Read for CutRuns<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() {
            let k = self.inner.read(&mut self.piece)?;
            if k == 0 {
                return Ok(0);
            }
            self.out.clear();
            self.at = 0;
            self.cut.feed(&self.piece[..k], &mut self.out)?;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The text of one cell as a reader appends it piece by piece (a Word cell's or paragraph's
/// runs), cut one counted byte past the limit as [`TextCut`] counts (white space not counted):
/// a paragraph of many runs, each under the limit, is no longer held whole before the cell
/// limit refuses it, and what is held is still past the limit, so it is refused as before.
#[derive(Debug, Default)]
pub(crate) struct HeldCut {
    counted: u64,
    cut: bool,
}

impl HeldCut {
    /// Appends `text` to `to` (the cell's text so far), or as much of it as takes the cell one
    /// counted byte past the limit (at a character's edge); nothing once it is past.
    pub(crate) fn push(&mut self, to: &mut String, text: &str) {
        if self.cut {
            return;
        }
        let limit = limits::CELL.get();
        let white = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let counted = text.bytes().filter(|b| !white(b)).count() as u64;
        if self.counted.saturating_add(counted) <= limit {
            self.counted += counted;
            to.push_str(text);
            return;
        }
        for (i, c) in text.char_indices() {
            if !matches!(c, ' ' | '\t' | '\r' | '\n') {
                self.counted += c.len_utf8() as u64;
            }
            if self.counted > limit {
                to.push_str(&text[..i + c.len_utf8()]);
                self.cut = true;
                return;
            }
        }
        to.push_str(text);
    }
}

/// `bytes` (an xlsx) with the text of its shared strings, and of its worksheets' cells (an
/// inline string, `<c t="inlineStr"><is>`, counted a cell at a time), cut past the limit,
/// where a run is past it (`None` where none is: the zip is kept as it is). A worksheet no
/// larger than the limit is copied as it is.
pub(crate) fn cut_long_text(name: &str, bytes: &[u8]) -> Result<Option<Vec<u8>>, ReadError> {
    let bad = |e: &dyn std::fmt::Display| ReadError::Workbook {
        name: name.into(),
        source: calamine::Error::Io(std::io::Error::other(e.to_string())),
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(None);
    };
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut any = false;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| bad(&e))?;
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let sheet = is_worksheet(&part) && entry.size() > limits::CELL.get();
        if !is_shared_strings(&part) && !sheet {
            out.raw_copy_file(entry).map_err(|e| bad(&e))?;
            continue;
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        out.start_file(part, options).map_err(|e| bad(&e))?;
        let mut cut = TextCut {
            limit: limits::CELL.get(),
            ..TextCut::default()
        };
        let mut entry = entry.take(limits::UNZIPPED.get());
        let mut piece = vec![0u8; 64 * 1024];
        loop {
            let k = entry.read(&mut piece).map_err(|e| bad(&e))?;
            if k == 0 {
                break;
            }
            cut.feed(&piece[..k], &mut out).map_err(|e| bad(&e))?;
        }
        any |= cut.cut;
    }
    if !any {
        return Ok(None);
    }
    let written = out.finish().map_err(|e| bad(&e))?;
    Ok(Some(written.into_inner()))
}

/// A cell's size in bytes as a message gives it: a text within a character of one byte past
/// the limit may be one cut here, so it is "at least" that (`至少 1048577`).
pub(crate) fn size_shown(len: usize) -> String {
    let past = limits::CELL.get_usize().saturating_add(1);
    match (past..past.saturating_add(4)).contains(&len) {
        true => format!("至少 {len}"),
        false => len.to_string(),
    }
}

/// Whether a part is the shared strings (`sharedStrings.xml` in any folder, any case), as
/// `grid::check_zip` tells them.
pub(crate) fn is_shared_strings(part: &str) -> bool {
    part.rsplit('/')
        .next()
        .is_some_and(|f| f.eq_ignore_ascii_case("sharedStrings.xml"))
}

/// Where in the XML a byte is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Character data (a run).
    #[default]
    Text,
    /// An entity's bytes after `&`: whether named (`None` before its first), and how many.
    Entity(Option<bool>, u8),
    /// Just after `<`.
    Open,
    /// Inside a tag: the quote of an attribute value it is in (0 none).
    Tag(u8),
    /// `<!`, `<!-`.
    Bang,
    BangDash,
    /// A comment: the dashes just before (to 2).
    Comment(u8),
    /// A processing instruction: whether a `?` was just before.
    Instruction(bool),
    /// `<![` up to its `[`.
    CdataOpen,
    /// A CDATA section's text: the `]` just before (to 2).
    Cdata(u8),
}

/// The exact count and cut (see the module docs).
#[derive(Debug, Default)]
struct TextCut {
    limit: u64,
    at: At,
    /// The bytes counted of the current `<si>`'s text.
    counted: u64,
    /// The rest of the current run is dropped.
    dropping: bool,
    /// How far into `_xHHHH_` the run is (0: not), and the bytes of it seen.
    escape: u8,
    /// The tag's local name (its first 8 bytes), whether it closes, whether it is read whole.
    tag: ([u8; 8], u8, bool, bool),
    /// Whether a run was cut.
    cut: bool,
    /// Each run counted on its own (a Word document), not each `<si>`.
    per_run: bool,
}

impl TextCut {
    /// The next bytes, what is kept of them written to `out`.
    fn feed(&mut self, bytes: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        let mut kept = Vec::with_capacity(bytes.len());
        self.feed_into(bytes, &mut kept);
        out.write_all(&kept)
    }

    /// The next bytes, what is kept of them pushed to `kept`. A stretch of plain text (up to
    /// the next `<`, `&` or `_`, outside an escape, not being dropped) is counted at once where
    /// it cannot pass the limit; every other byte goes through [`TextCut::byte`], as a stretch
    /// that could pass it does, a byte at a time (the same count and cut: most of a large
    /// ordinary part is such text, which the byte-at-a-time walk took ~50 instructions a byte).
    fn feed_into(&mut self, bytes: &[u8], kept: &mut Vec<u8>) {
        let mut i = 0;
        while i < bytes.len() {
            if self.at == At::Text && self.escape == 0 && !self.dropping {
                let end =
                    memchr::memchr3(b'<', b'&', b'_', &bytes[i..]).map_or(bytes.len(), |k| i + k);
                let stretch = &bytes[i..end];
                let counted = stretch
                    .iter()
                    .filter(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                    .count() as u64;
                if self.counted.saturating_add(counted) <= self.limit {
                    kept.extend_from_slice(stretch);
                    self.counted += counted;
                } else {
                    // plain text bytes all: the state stays text, the cut falls where it falls
                    for &b in stretch {
                        self.byte(b, kept);
                    }
                }
                i = end;
                if i == bytes.len() {
                    break;
                }
            }
            self.byte(bytes[i], kept);
            i += 1;
        }
    }

    fn byte(&mut self, b: u8, kept: &mut Vec<u8>) {
        match self.at {
            At::Text => self.text(b, kept),
            At::Entity(named, n) => {
                kept.push(b);
                self.at = match (named, b) {
                    (_, b';') => {
                        if named == Some(true) {
                            self.counted += 1;
                        }
                        At::Text
                    }
                    (_, b'<') => {
                        kept.pop();
                        self.at = At::Text;
                        return self.text(b, kept);
                    }
                    // not an entity after all: its bytes counted as text
                    _ if n >= 32 => {
                        self.counted += u64::from(n) + 1;
                        At::Text
                    }
                    (None, _) => At::Entity(Some(b != b'#'), 1),
                    (Some(named), _) => At::Entity(Some(named), n + 1),
                };
            }
            At::Cdata(brackets) => self.cdata(b, brackets, kept),
            _ => {
                kept.push(b);
                self.markup(b);
            }
        }
    }

    /// A byte of character data.
    fn text(&mut self, b: u8, kept: &mut Vec<u8>) {
        if b == b'<' {
            self.end_run();
            kept.push(b);
            self.at = At::Open;
            self.tag = ([0; 8], 0, false, false);
            return;
        }
        if self.drops(b) {
            return;
        }
        kept.push(b);
        if b == b'&' {
            self.at = At::Entity(None, 0);
            return;
        }
        self.count(b);
    }

    /// A byte of a CDATA section's text (`]]>` ends it).
    fn cdata(&mut self, b: u8, brackets: u8, kept: &mut Vec<u8>) {
        if b == b'>' && brackets >= 2 {
            match self.dropping {
                true => kept.extend_from_slice(b"]]>"),
                false => kept.push(b),
            }
            self.end_run();
            self.at = At::Text;
            return;
        }
        self.at = At::Cdata(if b == b']' { (brackets + 1).min(2) } else { 0 });
        if b == b']' && self.dropping {
            return;
        }
        if self.drops(b) {
            return;
        }
        kept.push(b);
        self.count(b);
    }

    /// Whether `b` is dropped: the run is past the limit and `b` starts a character outside an
    /// escape (the run is dropped from there to its end).
    fn drops(&mut self, b: u8) -> bool {
        if !self.dropping && self.counted > self.limit && self.escape == 0 && b & 0xC0 != 0x80 {
            self.dropping = true;
            self.cut = true;
        }
        self.dropping
    }

    /// Counts a byte of a run's text (white space and `\r` nothing, `_xHHHH_` one).
    fn count(&mut self, b: u8) {
        let step = self.escape;
        let next = match (step, b) {
            (0, b'_') => 1,
            (1, b'x') => 2,
            (2..=5, _) if b.is_ascii_hexdigit() => step + 1,
            (6, b'_') => {
                self.escape = 0;
                self.counted += 1;
                return;
            }
            _ => 0,
        };
        if next > 0 {
            self.escape = next;
            return;
        }
        // an escape broken: its bytes counted, and this one on its own
        self.counted += u64::from(step);
        self.escape = 0;
        if step > 0 && b == b'_' {
            self.escape = 1;
            return;
        }
        if !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            self.counted += 1;
        }
    }

    /// A run ends: an escape it ended in counted, dropping stops.
    fn end_run(&mut self) {
        self.counted += u64::from(self.escape);
        self.escape = 0;
        self.dropping = false;
        if self.per_run {
            self.counted = 0;
        }
    }

    /// A byte of markup.
    fn markup(&mut self, b: u8) {
        self.at = match (self.at, b) {
            (At::Open, b'!') => At::Bang,
            (At::Open, b'?') => At::Instruction(false),
            (At::Open, b'/') => {
                self.tag.2 = true;
                At::Tag(0)
            }
            (At::Bang, b'-') => At::BangDash,
            (At::Bang, b'[') => At::CdataOpen,
            (At::BangDash, b'-') => At::Comment(0),
            (At::Comment(d), b'-') => At::Comment((d + 1).min(2)),
            (At::Comment(2), b'>') => At::Text,
            (At::Comment(_), _) => At::Comment(0),
            (At::Instruction(true), b'>') => At::Text,
            (At::Instruction(_), _) => At::Instruction(b == b'?'),
            (At::CdataOpen, b'[') => {
                self.dropping = false;
                At::Cdata(0)
            }
            (At::CdataOpen, _) => At::CdataOpen,
            (At::Tag(q), _) if q != 0 => At::Tag(if b == q { 0 } else { q }),
            (_, b'"' | b'\'') => {
                self.tag.3 = true;
                At::Tag(b)
            }
            (_, b'>') => {
                let (name, len, closing, _) = self.tag;
                // a shared string ends, or a worksheet's cell or row
                if closing && matches!(&name[..usize::from(len)], b"si" | b"c" | b"row") {
                    self.counted = 0;
                }
                At::Text
            }
            _ => {
                self.name_byte(b);
                At::Tag(0)
            }
        };
    }

    /// A byte of a tag's name (its local name kept, the prefix dropped).
    fn name_byte(&mut self, b: u8) {
        let (name, len, _, done) = &mut self.tag;
        if *done {
            return;
        }
        match b {
            b' ' | b'\t' | b'\r' | b'\n' | b'/' => *done = true,
            b':' => *len = 0,
            _ if usize::from(*len) < name.len() => {
                name[usize::from(*len)] = b;
                *len += 1;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(xml: &str, limit: u64) -> (String, bool) {
        let mut c = TextCut {
            limit,
            ..TextCut::default()
        };
        let mut out = Vec::new();
        // in pieces of 3 bytes: every state crosses a piece's edge somewhere
        for piece in xml.as_bytes().chunks(3) {
            c.feed(piece, &mut out).unwrap();
        }
        (String::from_utf8(out).unwrap(), c.cut)
    }

    #[test]
    fn a_run_past_the_limit_is_cut_one_byte_past_it_and_markup_is_kept() {
        let xml = "<sst><si><t>abcdefghij</t></si><si><t>abc</t></si></sst>";
        assert_eq!(cut(xml, 100), (xml.to_owned(), false));
        assert_eq!(
            cut(xml, 4),
            (
                "<sst><si><t>abcde</t></si><si><t>abc</t></si></sst>".to_owned(),
                true
            )
        );
        // a string's runs counted together: the later run dropped whole
        let rich = "<si><r><t>abc</t></r><r><t>def</t></r><r><t>ghi</t></r></si><si><t>xy</t></si>";
        assert_eq!(
            cut(rich, 4).0,
            "<si><r><t>abc</t></r><r><t>de</t></r><r><t></t></r></si><si><t>xy</t></si>"
        );
        // characters kept whole (3 bytes each); white space and `\r` not counted
        assert_eq!(cut("<t>中文字符</t>", 4).0, "<t>中文</t>");
        assert_eq!(cut("<t>  a b\r\n c d e</t>", 3).0, "<t>  a b\r\n c d</t>");
    }

    #[test]
    fn a_sheets_cells_are_counted_each_on_its_own() {
        // an inline string's runs counted together, each cell (and row) on its own
        let sheet = concat!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>abc</t></r><r><t>def</t></r></is></c>"#,
            r#"<c r="B1"><v>1234</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>wxyz</t></is></c></row>"#
        );
        assert_eq!(
            cut(sheet, 4).0,
            concat!(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>abc</t></r><r><t>de</t></r></is></c>"#,
                r#"<c r="B1"><v>1234</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>wxyz</t></is></c></row>"#
            )
        );
        let mut looked = LongCell::default();
        // a cell tag in every piece: never long however long the part
        for _ in 0..100 {
            looked.feed(64 * 1024, true);
        }
        assert!(!looked.long);
        // a stretch of pieces with no tag, as long as the limit: long
        for _ in 0..(limits::CELL.get() / (64 * 1024)) {
            looked.feed(64 * 1024, false);
        }
        assert!(looked.long);
    }

    #[test]
    fn a_cells_pieces_are_held_to_one_counted_byte_past_the_limit() {
        let limit = limits::CELL.get_usize();
        let mut held = String::new();
        let mut cut = HeldCut::default();
        let piece = "a".repeat(limit / 3);
        for _ in 0..10 {
            cut.push(&mut held, &piece);
            cut.push(&mut held, "   ");
        }
        // one byte past the limit counted (white space not counted), nothing after
        assert_eq!(held.bytes().filter(|b| *b == b'a').count(), limit + 1);
        cut.push(&mut held, "b");
        assert!(!held.contains('b'));
        // characters kept whole
        let mut held = String::new();
        let mut cut = HeldCut::default();
        cut.push(&mut held, &"a".repeat(limit - 1));
        cut.push(&mut held, "中文");
        assert_eq!(held.len(), limit - 1 + 3);
    }

    #[test]
    fn entities_escapes_cdata_comments_and_quoted_attributes_are_kept_whole() {
        // a named entity one byte, a numeric reference nothing, never split
        assert_eq!(cut("<t>a&amp;b&amp;cdef</t>", 3).0, "<t>a&amp;b&amp;</t>");
        assert_eq!(
            cut("<t>&#20013;&#20013;ab</t>", 1).0,
            "<t>&#20013;&#20013;ab</t>"
        );
        // `_x0041_` is one character to calamine
        assert_eq!(
            cut("<t>_x0041__x0042_cd</t>", 2).0,
            "<t>_x0041__x0042_c</t>"
        );
        assert_eq!(cut("<t>_x00_abcdef</t>", 9).0, "<t>_x00_abcde</t>");
        // CDATA: its `]]>` kept; `<` and `>` inside are text
        assert_eq!(
            cut("<t><![CDATA[a<b>c]d]]></t>", 4).0,
            "<t><![CDATA[a<b>c]]></t>"
        );
        // a comment, an instruction, an attribute holding `>`: not text
        let other = "<!-- a > bcdefgh --><?pi x > yzzzzz ?><t a=\"x>yyyyyy\">ab</t>";
        assert_eq!(cut(other, 3), (other.to_owned(), false));
        // `</x:si>` ends a string as `</si>` does
        assert!(!cut("<x:si><x:t>abc</x:t></x:si><x:si><x:t>abc</x:t></x:si>", 3).1);
    }

    #[test]
    fn a_word_documents_runs_are_cut_each_on_its_own() {
        let mut c = CutRuns::new(&b"<w:t>abcdef</w:t><w:t>ghijkl</w:t>"[..]);
        c.cut.limit = 3;
        let mut out = String::new();
        c.read_to_string(&mut out).unwrap();
        assert_eq!(out, "<w:t>abcd</w:t><w:t>ghij</w:t>");
        // the look: a stretch past the limit across pieces, or inside one
        let limit = limits::CELL.get_usize();
        let mut look = LongRun::default();
        look.feed(b"<w:t>");
        look.feed(&vec![b'a'; limit]);
        assert!(!look.long);
        look.feed(b"aa</w:t>");
        assert!(look.long);
        let mut look = LongRun::default();
        let mut one = b"<w:t>".to_vec();
        one.extend(vec![b'a'; limit + 1]);
        one.extend(b"</w:t><w:t>a</w:t>");
        look.feed(&one);
        assert!(look.long);
        let mut look = LongRun::default();
        look.feed(b"<w:t>a</w:t>");
        assert!(!look.long);
    }

    #[test]
    fn the_measure_never_says_no_where_the_cut_would_cut() {
        let limit = limits::CELL.get();
        let long = format!(
            "<sst><si><t>{}</t></si></sst>",
            "a".repeat(limit as usize + 10)
        );
        let mut m = Measure::default();
        for piece in long.as_bytes().chunks(4096) {
            m.feed(long.len() as u64, piece);
        }
        assert!(m.long());
        // a part declaring itself small but larger: taken as long (the cut decides)
        let mut m = Measure::default();
        m.feed(10, long.as_bytes());
        assert!(m.long());
        let mut m = Measure::default();
        m.feed(10, b"<sst><si><t>a</t></si></sst>");
        assert!(!m.long());
    }

    #[test]
    fn a_stretch_counted_at_once_cuts_and_keeps_as_a_byte_at_a_time_does() {
        // random parts of the bytes that matter (markup, entities, escapes, CDATA, comments,
        // white space, a three-byte character), small limits, random pieces: the stretch path
        // of `feed_into` against `byte` alone
        const BITS: &[&str] = &[
            "<si>",
            "</si>",
            "<t>",
            "</t>",
            "<t xml:space=\"preserve\">",
            "a",
            "bc",
            "人",
            " ",
            "\r\n",
            "&amp;",
            "&#32;",
            "_x0041_",
            "_x00",
            "_",
            "<![CDATA[x]]>",
            "<!-- c -->",
            "<?p q?>",
            "aaaaaaaa",
            "&",
            "]]",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2_000 {
            let xml: String = (0..next(40)).map(|_| BITS[next(BITS.len())]).collect();
            let limit = next(12) as u64;
            let per_run = next(2) == 1;
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            let mut a = TextCut {
                limit,
                per_run,
                ..TextCut::default()
            };
            let mut b = TextCut {
                limit,
                per_run,
                ..TextCut::default()
            };
            let bytes = xml.as_bytes();
            let mut at = 0;
            while at < bytes.len() {
                let end = (at + 1 + next(9)).min(bytes.len());
                a.feed_into(&bytes[at..end], &mut fast);
                for &x in &bytes[at..end] {
                    b.byte(x, &mut slow);
                }
                at = end;
            }
            assert_eq!(fast, slow, "{xml:?} limit {limit}");
            assert_eq!(
                (a.cut, a.counted),
                (b.cut, b.counted),
                "{xml:?} limit {limit}"
            );
        }
    }
}
