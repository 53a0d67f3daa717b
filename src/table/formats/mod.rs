//! Formats: the bytes of one input into sheets of positioned cells, whatever the format — a
//! workbook (`.xlsx` `.xls` `.ods`), a Word document (`.docx`, Word 97–2003 `.doc`), a saved
//! web page (`.html` `.htm`, `.mhtml`), or text (`.csv` `.tsv` `.txt`, through [`text`]).
//!
//! Every reader here gives the same thing, `SheetCells`: each sheet's (or table's) filled
//! cells at 0-based row and column, their text as shown (one string a sheet, a cell its place
//! and a range of it: no `String` a cell), and its merged ranges. None of them
//! knows a layout (target table, self-evaluation sheet, form): the layout readers in
//! `crate::table` take the grid `grid` builds from these sheets and never ask which format it
//! came from. What a file is, is told by its bytes (`sniff`) before its name: a `.doc` that
//! is an OLE container holding `WordDocument` is read as Word, a `.xls` that is a web page (as
//! many systems export) as a web page, a PDF or a picture is refused with the way forward.
//!
//! [`SUPPORTED`] is the one list of readable formats: the CLI help, every error's help text,
//! the web page's file picker and the docs are made from it.
//!
//! ## A format is one file and one line
//! Each format's file defines its `FORMAT` ([`SupportedFormat`]): its endings (each with what a
//! name ending in it asks the bytes to be, whether it is listed, and where copies of one table
//! in a folder put it), what it is in Chinese, `claims` (whether bytes are this format, asked
//! through a `Peek` that reads magic bytes once and, where a format asks, an OLE file's
//! streams or a zip's part names once) and `read` (the bytes into a grid, or a web page's bytes
//! for the page reader). `formats! { … }` declares each one's module and lists it in
//! [`SUPPORTED`], one line each, in the order they are shown and asked. What is not a format but known is refused first (`refused`: a PDF, a picture,
//! an RTF document, an encrypted or other Office file). Everything else — the endings shown,
//! the page's `accept`, the help, the format a name asks for, `inputs::preference`, which
//! reader reads a file — comes from the list.
//!
//! **Decisions**: the formats' claims are disjoint (a test holds it on real files), so which
//! reader reads a file never depends on the list's order. A `.docx` and a workbook are both
//! read through `grid::from_workbook`, which unzips every part once within the limit and then
//! reads the zip as what its parts say (a zip whose part names change between the first look and
//! the read is read as the parts say). An OLE file the compound-file reader cannot open is the
//! workbook's (refused by its reader with the way forward) unless its name says `.doc`. An
//! ending read but not listed (`.xlsb`, `.tab`, `.shtml`, `.xhtml`) asks for its format by
//! name only: folders and the page do not pick such files.

pub(crate) mod hidden;
pub(crate) mod number_format;
pub(crate) mod ods_formats;
pub(crate) mod ods_raised;
pub(crate) mod page_css;
pub(crate) mod time_format;
pub(crate) mod xls_dense;
pub(crate) mod xls_formats;
pub(crate) mod xls_raised;
pub(crate) mod xlsb_formats;
pub(crate) mod xlsb_raised;
pub(crate) mod xlsb_skipped;
pub(crate) mod xlsx_flat;
pub(crate) mod xlsx_merges;
pub(crate) mod xlsx_parts;
pub(crate) mod xlsx_pipe;
pub(crate) mod xlsx_raised;
pub(crate) mod xml_cut;
pub(crate) mod zip_headers;

use std::sync::LazyLock;

use crate::table::grid::Grid;
use crate::table::source::InputFormat;
use crate::table::{ReadError, ReadOptions};

/// One sheet's filled cells, and its merged ranges (0-based, inclusive ends).
///
/// The cells' texts are held one after another in one string, in the cells' order (a cell is
/// its place and where its text ends, the text starting where the cell before it ends: 16
/// bytes and its text, where a `String` a cell was 32 bytes and a heap block of at least 16
/// more; 1.6 M one-byte cells of a web page held 165 bytes a cell on their way to the grid).
/// Cells are kept in the order pushed until [`SheetCells::sort`]; `grid` sorts them by place,
/// the first of two at one place standing.
#[derive(Default, Clone)]
pub(crate) struct SheetCells {
    pub name: String,
    /// The texts of `cells`, one after another in their order.
    text: String,
    cells: Vec<PlacedCell>,
    pub merges: Vec<((u32, u32), (u32, u32))>,
    /// Cells whose text is not simply both what the sheet shows and what the cell holds (a
    /// workbook's percentage shown rounded, a figure shown scaled by its format), by cell,
    /// with the other of the two. Empty for most sheets.
    pub notes: Vec<((u32, u32), number_format::CellNote)>,
}

/// A filled cell of [`SheetCells`]: its place and where its text ends in the sheet's string
/// (it starts where the cell before it ends).
#[derive(Debug, Clone, Copy)]
struct PlacedCell {
    at: (u32, u32),
    end: usize,
}

impl SheetCells {
    /// A sheet named `name`, no cell yet.
    pub fn named(name: impl Into<String>) -> SheetCells {
        SheetCells {
            name: name.into(),
            ..Default::default()
        }
    }

    /// A sheet of the cells given.
    pub fn of_cells(name: impl Into<String>, cells: Vec<((u32, u32), String)>) -> SheetCells {
        let mut sheet = SheetCells::named(name);
        sheet.cells.reserve_exact(cells.len());
        for (at, text) in cells {
            sheet.push(at, &text);
        }
        sheet
    }

    /// Room for `cells` more cells of `bytes` bytes of text in all.
    pub fn reserve(&mut self, cells: usize, bytes: usize) {
        self.cells.reserve_exact(cells);
        self.text.reserve_exact(bytes);
    }

    /// Gives back the room reserved for text that the cells did not fill, where more than
    /// half of it and a megabyte are spare (a sheet reserved from its part's size whose cells
    /// held less: figures, shared strings). The pages never written to were never held; the
    /// text is copied once.
    pub fn fit_text(&mut self) {
        let spare = self.text.capacity() - self.text.len();
        if spare > self.text.len() && spare > 1 << 20 {
            self.text.shrink_to_fit();
        }
    }

    /// Adds the cell at `at` (0-based row and column) holding `text`.
    pub fn push(&mut self, at: (u32, u32), text: &str) {
        self.text.push_str(text);
        self.cells.push(PlacedCell {
            at,
            end: self.text.len(),
        });
    }

    /// The bytes of the cells' texts in all.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// How many cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Each cell's place and text, in the order held.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ((u32, u32), &str)> + '_ {
        let mut start = 0;
        self.cells.iter().map(move |c| {
            let text = &self.text[start..c.end];
            start = c.end;
            (c.at, text)
        })
    }

    /// Cell `k`'s place and the range of its text in [`SheetCells::take_text`]'s string.
    pub fn place(&self, k: usize) -> ((u32, u32), std::ops::Range<usize>) {
        let start = k.checked_sub(1).map_or(0, |p| self.cells[p].end);
        (self.cells[k].at, start..self.cells[k].end)
    }

    /// The cells' texts, one after another, taken (the grid lays them out in place as its
    /// lines); the cells' places stay ([`SheetCells::place`]).
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// The cells sorted by place (row, then column), the first pushed of two at one place
    /// standing. The readers push their cells in order, and then nothing moves; otherwise the
    /// text is laid out again in the new order (its cells' ends say where each starts).
    pub fn sort(&mut self) {
        if self.cells.windows(2).all(|w| w[0].at < w[1].at) {
            return;
        }
        let mut order: Vec<usize> = (0..self.cells.len()).collect();
        order.sort_by_key(|&k| self.cells[k].at);
        order.dedup_by_key(|k| self.cells[*k].at);
        let mut sorted = SheetCells::named(std::mem::take(&mut self.name));
        sorted.reserve(order.len(), self.text.len());
        for k in order {
            let start = k.checked_sub(1).map_or(0, |p| self.cells[p].end);
            sorted.push(self.cells[k].at, &self.text[start..self.cells[k].end]);
        }
        (self.name, self.text, self.cells) = (sorted.name, sorted.text, sorted.cells);
    }

    /// The cells as places and owned texts (tests).
    #[cfg(test)]
    pub fn listed(&self) -> Vec<((u32, u32), String)> {
        self.iter().map(|(at, t)| (at, t.to_owned())).collect()
    }
}

/// One file ending of a format: what a name ending in it asks the bytes to be, whether it is
/// listed (help, errors, the page's picker, the folders' file choice), and where copies of one
/// table in a folder put it.
#[derive(Debug, Clone, Copy)]
pub struct Ending {
    /// The ending, without the dot, in lower case.
    pub ext: &'static str,
    /// Whether it is listed; an ending read but not listed (`.xlsb`, `.tab`) is not.
    pub listed: bool,
    /// What a name with this ending asks for (`None`: told from the text, as `.txt`).
    pub(crate) asks: Option<InputFormat>,
    /// Among copies of one table in a folder, the lower is read ([`preference`]).
    pub(crate) preference: u8,
}

impl Ending {
    /// A listed ending.
    pub(crate) const fn listed(
        ext: &'static str,
        asks: Option<InputFormat>,
        preference: u8,
    ) -> Self {
        Ending {
            ext,
            listed: true,
            asks,
            preference,
        }
    }

    /// An ending read as its format but not listed.
    pub(crate) const fn unlisted(ext: &'static str, asks: Option<InputFormat>) -> Self {
        Ending {
            ext,
            listed: false,
            asks,
            preference: UNKNOWN_PREFERENCE,
        }
    }
}

/// One readable format, as its own file in `formats/` defines it (its `FORMAT`): its endings,
/// what it is in Chinese, how its bytes are recognised and its reader.
#[derive(Debug, Clone, Copy)]
pub struct SupportedFormat {
    /// File endings (in the order they are listed).
    pub endings: &'static [Ending],
    /// What it is (`Excel 或 WPS 工作簿`). Formats listed one after another with the same words
    /// are one entry of the help (`Word 文档 .docx .doc`).
    pub what: &'static str,
    /// Whether the bytes are this format. The formats are asked in [`SUPPORTED`]'s order after
    /// the refusals ([`refused`]); the first that claims the bytes reads them.
    pub(crate) claims: fn(&Peek<'_>) -> bool,
    /// The reader: the bytes into a grid (or a web page's bytes, for the page reader).
    pub(crate) read: fn(Input<'_>) -> Result<Read, ReadError>,
}

/// Declares each format's module (with its visibility) and lists its `FORMAT` in
/// [`SUPPORTED`], in the order written: a format is its file and its one line in `formats!`.
macro_rules! formats {
    ($($vis:vis $format:ident),* $(,)?) => {
        $($vis mod $format;)*
        /// The formats jixiao reads tables from, in the order they are listed and asked: one
        /// line a format in `formats! { … }`, each defined in its own file.
        pub const SUPPORTED: &[SupportedFormat] = &[$($format::FORMAT),*];
    };
}

formats! {
    pub(crate) workbook,
    pub(crate) docx,
    pub(crate) doc,
    pub(crate) html,
    pub(crate) mhtml,
    pub text,
}

// `cargo fmt` does not follow a module a macro declares: these declarations, never compiled
// (`rustfmt` is set only for the formatter), show it the files above.
#[cfg(rustfmt)]
mod doc;
#[cfg(rustfmt)]
mod docx;
#[cfg(rustfmt)]
mod html;
#[cfg(rustfmt)]
mod mhtml;
#[cfg(rustfmt)]
mod text;
#[cfg(rustfmt)]
mod workbook;

/// Where an ending no format lists puts a file among copies of one table in a folder.
const UNKNOWN_PREFERENCE: u8 = 7;

/// The first look at an input, shared by the formats' `claims`: its name, its bytes, what its
/// name (or `--format`) asks for, its magic bytes, and — found once, where a format asks —
/// what its container holds (an OLE file's streams; a zip's part names).
pub(crate) struct Peek<'b> {
    pub bytes: &'b [u8],
    /// What the name or `--format` asks for.
    pub asked: Option<InputFormat>,
    /// What the first bytes say.
    pub sniffed: Sniffed,
    ole: std::cell::OnceCell<OleKind>,
    zip_parts: std::cell::OnceCell<Vec<String>>,
}

impl<'b> Peek<'b> {
    /// A first look at `bytes`.
    pub fn new(bytes: &'b [u8], asked: Option<InputFormat>) -> Self {
        Peek {
            bytes,
            asked,
            sniffed: sniff(bytes),
            ole: std::cell::OnceCell::new(),
            zip_parts: std::cell::OnceCell::new(),
        }
    }

    /// What an OLE compound file holds (read once).
    pub fn ole(&self) -> OleKind {
        *self.ole.get_or_init(|| ole_kind(self.bytes))
    }

    /// Whether a zip holds the part `name` (its part names are read once, from its central
    /// directory: nothing is unzipped here).
    pub fn zip_has(&self, name: &str) -> bool {
        self.zip_parts
            .get_or_init(|| {
                zip::ZipArchive::new(std::io::Cursor::new(self.bytes))
                    .map(|z| {
                        z.file_names()
                            .filter_map(Result::ok)
                            .map(std::borrow::Cow::into_owned)
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .iter()
            .any(|p| p == name)
    }
}

/// One input for a format's reader: its name (in findings), its bytes, how to read it, and
/// what its name asks for.
pub(crate) struct Input<'a> {
    pub name: &'a str,
    pub bytes: Vec<u8>,
    pub opts: &'a ReadOptions,
    pub asked: Option<InputFormat>,
}

/// What a format's reader gives.
// one `Read` a file, moved once: its size does not matter
#[allow(clippy::large_enum_variant)]
pub(crate) enum Read {
    /// The grid of its cells.
    Grid(Grid),
    /// A web page's bytes (and the charset its container declares), for the page reader:
    /// which of its tables hold a table or a form is the layout readers' to tell.
    Page {
        bytes: Vec<u8>,
        declared: Option<&'static encoding_rs::Encoding>,
        /// An `.mhtml`'s style sheets (`Content-Location`, bytes); `None` for a page alone.
        styles: Option<Vec<(String, Vec<u8>)>>,
        /// An `.mhtml`'s other web pages (its frames' documents: `Content-Location`, bytes).
        frames: Vec<(String, Vec<u8>)>,
    },
}

/// Which format reads `bytes`: the refusals first (a PDF, a picture, an RTF document, an
/// encrypted or other Office file), then the first format of [`SUPPORTED`] that claims them.
pub(crate) fn recognise(
    name: &str,
    bytes: &[u8],
    asked: Option<InputFormat>,
) -> Result<&'static SupportedFormat, ReadError> {
    let peek = Peek::new(bytes, asked);
    if let Some(refusal) = refused(name, &peek) {
        return Err(refusal);
    }
    SUPPORTED
        .iter()
        .find(|f| (f.claims)(&peek))
        .ok_or_else(|| ReadError::Binary { name: name.into() })
}

/// Bytes jixiao knows and does not read, refused with the way forward.
fn refused(name: &str, peek: &Peek<'_>) -> Option<ReadError> {
    let office_other = |what| ReadError::OfficeOther {
        name: name.into(),
        what,
    };
    match peek.sniffed {
        Sniffed::Pdf => Some(ReadError::Pdf { name: name.into() }),
        Sniffed::Picture(kind) => Some(ReadError::Picture {
            name: name.into(),
            kind,
        }),
        Sniffed::Rtf => Some(office_other(
            "是 RTF 格式的文档（常以 .doc 为扩展名），jixiao 不读取 RTF",
        )),
        Sniffed::Ole => match peek.ole() {
            OleKind::Encrypted => Some(office_other("已加密（设有打开密码）")),
            OleKind::Other => Some(office_other(
                "既不是 Word 文档也不是 Excel 工作簿（或已损坏）",
            )),
            _ => None,
        },
        Sniffed::Zip => too_many_parts(name, peek.bytes),
        _ => None,
    }
}

/// A zip of more parts than [`crate::limits::WORKBOOK_PARTS`], refused before any reader
/// opens it (the zip reader holds every entry of its central directory): its central
/// directory headers (`PK\x01\x02`) are counted in its bytes, as many as any reading of it
/// could give, whatever its end record claims.
fn too_many_parts(name: &str, bytes: &[u8]) -> Option<ReadError> {
    use crate::limits::WORKBOOK_PARTS;
    let max = WORKBOOK_PARTS.get();
    let count = memchr::memmem::find_iter(bytes, b"PK\x01\x02")
        .take(usize::try_from(max).unwrap_or(usize::MAX).saturating_add(1))
        .count() as u64;
    (count > max).then(|| ReadError::TooManyEntries {
        name: name.into(),
        what: "压缩包中的部件".into(),
        count,
        limit: &WORKBOOK_PARTS,
        help: WORKBOOK_PARTS.help(),
    })
}

/// The ending of `name` (lower case), as a format lists it.
fn ending_of(name: &str) -> Option<&'static Ending> {
    let ext = std::path::Path::new(name)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    SUPPORTED
        .iter()
        .flat_map(|f| f.endings)
        .find(|e| e.ext == ext)
}

/// What `name`'s ending asks the bytes to be.
pub(crate) fn asked_by_name(name: &str) -> Option<InputFormat> {
    ending_of(name).and_then(|e| e.asks)
}

/// The order tables in one folder are preferred in when they are the same table (lower
/// first): tab-separated text first (what the seed is), then workbooks, Word, comma-separated
/// text, web pages, then any other name.
pub fn preference(name: &str) -> u8 {
    ending_of(name).map_or(UNKNOWN_PREFERENCE, |e| e.preference)
}

/// The listed endings, in order.
fn listed() -> impl Iterator<Item = &'static str> {
    SUPPORTED
        .iter()
        .flat_map(|f| f.endings)
        .filter(|e| e.listed)
        .map(|e| e.ext)
}

/// The supported endings as shown in messages: `.xlsx .xlsm .xls … .txt`.
pub fn endings_shown() -> &'static str {
    static SHOWN: LazyLock<String> = LazyLock::new(|| {
        listed()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    &SHOWN
}

/// The supported endings as an HTML file picker's `accept` attribute: `.xlsx,.xlsm,…`.
pub fn accept_attribute() -> &'static str {
    static ACCEPT: LazyLock<String> = LazyLock::new(|| {
        listed()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(",")
    });
    &ACCEPT
}

/// The supported formats as one line of help: each kind with its endings (formats in a row
/// with the same words are one kind).
pub fn formats_help() -> &'static str {
    static HELP: LazyLock<String> = LazyLock::new(|| {
        let mut kinds: Vec<(&str, Vec<String>)> = Vec::new();
        for f in SUPPORTED {
            let endings = f
                .endings
                .iter()
                .filter(|e| e.listed)
                .map(|e| format!(".{}", e.ext));
            match kinds.last_mut() {
                Some((what, all)) if *what == f.what => all.extend(endings),
                _ => kinds.push((f.what, endings.collect())),
            }
        }
        kinds
            .iter()
            .map(|(what, endings)| format!("{what} {}", endings.join(" ")))
            .collect::<Vec<_>>()
            .join("；")
    });
    &HELP
}

/// The command line's help for a table argument: what it may be, with the endings.
pub fn input_help() -> &'static str {
    static HELP: LazyLock<String> = LazyLock::new(|| {
        format!(
            "目标表、自评表或逐项目表单的文件（{}），或存放它的文件夹",
            endings_shown()
        )
    });
    &HELP
}

/// Whether `ending` (without the dot, any case) is a listed table format.
pub fn is_supported_ending(ending: &str) -> bool {
    let e = ending.to_ascii_lowercase();
    listed().any(|x| x == e)
}

/// What a file is by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A zip: an `.xlsx`, `.ods` or `.docx`.
    Zip,
    /// An OLE compound file: `.xls`, `.doc` (or another Office 97–2003 file).
    Ole,
    /// A web page (HTML text).
    Html,
    /// A web page saved as one MIME file (`.mhtml`, `.mht`).
    Mhtml,
    /// A PDF.
    Pdf,
    /// A picture, with its kind (`PNG`).
    Picture(&'static str),
    /// An RTF document (often named `.doc`).
    Rtf,
    /// None of these: text or unknown bytes.
    Other,
}

/// What `bytes` are, by magic bytes (and, for web pages, by how the text starts).
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    const PICTURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"BM", "BMP"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
    ];
    if bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Sniffed::Ole;
    }
    if bytes.starts_with(b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Sniffed::Picture("WebP");
    }
    for (magic, kind) in PICTURES {
        // `BM` alone is too short a mark: a BMP's reserved bytes are zero and its header size
        // is one of the known ones
        if *kind == "BMP" && !is_bmp(bytes) {
            continue;
        }
        if bytes.starts_with(magic) {
            return Sniffed::Picture(kind);
        }
    }
    if mhtml::looks_like(bytes) {
        return Sniffed::Mhtml;
    }
    if html::looks_like(bytes) {
        return Sniffed::Html;
    }
    Sniffed::Other
}

fn is_bmp(bytes: &[u8]) -> bool {
    bytes.len() >= 18
        && bytes.starts_with(b"BM")
        && bytes[6..10] == [0, 0, 0, 0]
        && matches!(
            u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]),
            12 | 16 | 40 | 52 | 56 | 64 | 108 | 124
        )
}

/// What an OLE compound file holds, by its streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OleKind {
    /// A Word 97–2003 document (`WordDocument`).
    Word,
    /// An Excel 97–2003 workbook (`Workbook` or `Book`).
    Workbook,
    /// An encrypted Office 2007+ file (`EncryptedPackage`).
    Encrypted,
    /// Something else (a PowerPoint, an Outlook message).
    Other,
    /// A container the compound-file reader cannot open.
    Unreadable,
}

/// The kind of an OLE container.
pub(crate) fn ole_kind(bytes: &[u8]) -> OleKind {
    let Ok(cfb) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return OleKind::Unreadable;
    };
    let has = |n: &str| cfb.is_stream(n);
    if has("/WordDocument") {
        OleKind::Word
    } else if has("/Workbook") || has("/Book") {
        OleKind::Workbook
    } else if has("/EncryptedPackage") {
        OleKind::Encrypted
    } else {
        OleKind::Other
    }
}

/// Refuses the `count`th sheet of `name` past [`crate::limits::SHEETS`]: a workbook's sheets,
/// a Word document's or a web page's tables (each table is a sheet of its own), counted as
/// they are met. `what` says which, after the file's name (`中的工作表`, `的正文中的表格`).
pub(crate) fn check_sheets(name: &str, what: &str, count: u64) -> Result<(), ReadError> {
    use crate::limits::SHEETS;
    if count > SHEETS.get() {
        return Err(ReadError::TooManyEntries {
            name: name.into(),
            what: what.into(),
            count,
            limit: &SHEETS,
            help: SHEETS.help(),
        });
    }
    Ok(())
}

/// Text set as a superscript (`<sup>` in a page, `w:vertAlign="superscript"` in Word; `sub`:
/// a subscript) with its digits written as they are shown, raised (lowered): `80<sup>1</sup>人`
/// is `80¹人`, a figure and its footnote mark, not `801人` (read as 801 people: 达标 against
/// ≥100人); `m<sup>3</sup>` is `m³`.
pub(crate) fn raised_digits(text: &str, sub: bool) -> String {
    text.chars().map(|c| raised_digit(c, sub)).collect()
}

/// One character of [`raised_digits`]: an ASCII digit raised (lowered), any other as it is.
pub(crate) fn raised_digit(c: char, sub: bool) -> char {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    match c.to_digit(10) {
        Some(d) if c.is_ascii_digit() => (if sub { SUB } else { SUP })[d as usize],
        _ => c,
    }
}

/// An attribute's value (its key matched whole, prefix and all: `style:name`,
/// `xml:space`), entities undone (as written where they do not read).
pub(crate) fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| {
            let raw = a.value.into_owned();
            quick_xml::escape::unescape(&raw)
                .map(|s| s.into_owned())
                .unwrap_or(raw)
        })
}

/// `text` as shown in a run set raised (`script` `Some(false)`) or lowered (`Some(true)`): its
/// digits raised (lowered), owned; borrowed as it is on the line or where it has no digit.
pub(crate) fn shown_in(text: &str, script: Option<bool>) -> std::borrow::Cow<'_, str> {
    match script {
        Some(sub) if text.bytes().any(|b| b.is_ascii_digit()) => raised_digits(text, sub).into(),
        _ => text.into(),
    }
}

/// A `vertAlign`'s `val` (an xlsx run's `<vertAlign val="…"/>`, Word's `<w:vertAlign
/// w:val="…"/>`): raised (`Some(false)`), lowered (`Some(true)`), or on the line
/// (`baseline`, anything else).
pub(crate) fn vert_align(val: Option<&str>) -> Option<bool> {
    match val {
        Some("superscript") => Some(false),
        Some("subscript") => Some(true),
        _ => None,
    }
}

/// A character or predefined entity reference's character (`&amp;`, `&#x4E00;`).
pub(crate) fn xml_entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

/// Looks, fed a part's bytes in pieces, for one word (`hidden=`: [`hidden::HIDDEN`];
/// `vertAlign`: [`xlsx_raised::VERT_ALIGN`]): a fast byte search that may say yes for text
/// that only reads so (the part is then looked at again for nothing), never no for a part
/// that holds the word, wherever the pieces are cut.
#[derive(Debug)]
pub(crate) struct WordSeen {
    word: &'static [u8],
    /// The last bytes of the piece before (a word split between two pieces).
    tail: Vec<u8>,
    pub seen: bool,
}

impl WordSeen {
    /// Looks for `word` (not empty).
    pub(crate) fn new(word: &'static [u8]) -> Self {
        WordSeen {
            word,
            tail: Vec::new(),
            seen: false,
        }
    }

    /// Reads the next bytes of a part.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        if self.seen || bytes.is_empty() {
            return;
        }
        let keep = self.word.len().saturating_sub(1);
        self.tail.extend_from_slice(&bytes[..bytes.len().min(keep)]);
        self.seen = memchr::memmem::find(&self.tail, self.word).is_some()
            || memchr::memmem::find(bytes, self.word).is_some();
        // the last bytes read, across pieces: a piece shorter than the word keeps some of
        // the piece before it
        if bytes.len() >= keep {
            self.tail.clear();
            self.tail.extend_from_slice(&bytes[bytes.len() - keep..]);
        } else {
            let cut = self.tail.len().saturating_sub(keep);
            self.tail.drain(..cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_seen_wherever_the_pieces_are_cut() {
        let cases: [(&[u8], &[u8], &[u8]); 2] = [
            (
                hidden::HIDDEN,
                b"<row r=\"3\" hidden=\"1\"><c r=\"A3\"/></row>",
                b"<row r=\"3\" ht=\"20\"><c r=\"A3\"/></row>",
            ),
            (
                xlsx_raised::VERT_ALIGN,
                br#"<r><rPr><vertAlign val="superscript"/></rPr>"#,
                b"<r><rPr><b/></rPr><t>1</t></r>",
            ),
        ];
        for (word, text, plain) in cases {
            for at in 0..=text.len() {
                let mut seen = WordSeen::new(word);
                seen.feed(&text[..at]);
                seen.feed(&text[at..]);
                assert!(seen.seen, "cut at {at}");
            }
            // in three pieces, the middle one shorter than the word
            for at in 0..text.len().saturating_sub(3) {
                let mut seen = WordSeen::new(word);
                for piece in [&text[..at], &text[at..at + 3], &text[at + 3..]] {
                    seen.feed(piece);
                }
                assert!(seen.seen, "cut at {at} and {}", at + 3);
            }
            let mut seen = WordSeen::new(word);
            seen.feed(plain);
            assert!(!seen.seen);
        }
    }

    #[test]
    fn a_sheets_cells_are_sorted_by_place_the_first_of_two_at_one_place_standing() {
        let mut s = SheetCells::named("S");
        for (at, t) in [((1, 0), "b"), ((0, 1), "a1"), ((0, 0), ""), ((0, 1), "dup")] {
            s.push(at, t);
        }
        s.sort();
        let want = [((0, 0), ""), ((0, 1), "a1"), ((1, 0), "b")];
        assert_eq!(s.iter().collect::<Vec<_>>(), want);
        assert_eq!(s.text_len(), 3);
        // cells pushed in order are left as they are
        let before = s.listed();
        s.sort();
        assert_eq!(s.listed(), before);
        assert_eq!(std::mem::size_of::<PlacedCell>(), 16);
    }

    #[test]
    fn one_list_gives_every_shown_form() {
        let shown = endings_shown();
        for e in [
            ".xlsx", ".xls", ".docx", ".doc", ".html", ".mhtml", ".csv", ".tsv",
        ] {
            assert!(shown.split(' ').any(|s| s == e), "{e} in {shown}");
            assert!(accept_attribute().split(',').any(|s| s == e));
        }
        assert!(formats_help().contains(".doc"));
        assert!(is_supported_ending("HTM"));
        assert!(!is_supported_ending("pdf"));
        // read by name, never listed
        assert!(!is_supported_ending("xlsb") && !shown.contains(".tab"));
        assert_eq!(asked_by_name("表.XLSB"), Some(InputFormat::Xlsx));
    }

    /// Every ending is one format's, and every listed one is shown once, in the registry's
    /// order; the help has one entry a kind of format (its formats in a row).
    #[test]
    fn the_registry_is_the_one_list() {
        let all: Vec<&str> = SUPPORTED
            .iter()
            .flat_map(|f| f.endings)
            .map(|e| e.ext)
            .collect();
        for (i, e) in all.iter().enumerate() {
            assert!(!all[..i].contains(e), "{e} twice");
            assert_eq!(*e, e.to_ascii_lowercase());
        }
        let listed: Vec<String> = listed().map(|e| format!(".{e}")).collect();
        assert_eq!(endings_shown(), listed.join(" "));
        let mut kinds: Vec<&str> = SUPPORTED.iter().map(|f| f.what).collect();
        kinds.dedup();
        assert_eq!(formats_help().split('；').count(), kinds.len());
        for (part, what) in formats_help().split('；').zip(&kinds) {
            assert!(part.starts_with(what), "{part}");
        }
        for f in SUPPORTED {
            assert!(
                f.endings.iter().any(|e| e.listed),
                "{} lists an ending",
                f.what
            );
        }
    }

    /// Copies of one table in a folder: tab-separated text first, then workbooks, Word,
    /// comma-separated text, web pages, then any other name.
    #[test]
    fn preference_follows_the_formats() {
        let order = [
            "a.tsv", "a.xlsx", "a.xls", "a.docx", "a.doc", "a.csv", "a.html", "a.pdf",
        ];
        for w in order.windows(2) {
            assert!(preference(w[0]) < preference(w[1]), "{w:?}");
        }
        assert_eq!(preference("a.txt"), preference("a.TSV"));
        assert_eq!(preference("a.mht"), preference("a.htm"));
    }

    /// Each format claims bytes of its own kind (real files from the fixtures) and no other
    /// format claims them: which reader reads a file never depends on the registry's order.
    #[test]
    fn each_format_claims_its_own_bytes_alone() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
        for (file, ext) in [
            (
                "forms/f06-qingshen-fagai-2023-selfeval-unscored.xlsx",
                "xlsx",
            ),
            ("forms/f03-yongde-minglang-school-2022-selfeval.xls", "xls"),
            ("forms/variants/v04-word-merges.docx", "docx"),
            ("formats/t03-qingshan-kejing-2021-target.doc", "doc"),
            (
                "formats/f01-tianchang-water-2022-selfeval.word-gbk.htm",
                "htm",
            ),
            ("formats/f01.mhtml", "mhtml"),
            ("review/sheet.tsv", "tsv"),
            ("report/scored.csv", "csv"),
        ] {
            let bytes = std::fs::read(format!("{fixtures}{file}")).expect(file);
            let peek = Peek::new(&bytes, asked_by_name(file));
            assert!(refused(file, &peek).is_none(), "{file}");
            let claims: Vec<&SupportedFormat> =
                SUPPORTED.iter().filter(|f| (f.claims)(&peek)).collect();
            assert_eq!(claims.len(), 1, "{file}: claimed by {}", claims.len());
            assert!(
                claims[0].endings.iter().any(|e| e.ext == ext),
                "{file} read as {}",
                claims[0].what
            );
            // whatever the name says: the bytes decide (a text name asks for nothing binary)
            let unnamed = Peek::new(&bytes, None);
            let by_bytes = SUPPORTED.iter().find(|f| (f.claims)(&unnamed));
            assert!(
                by_bytes.is_some_and(|f| std::ptr::eq(f, claims[0])),
                "{file}"
            );
        }
    }

    /// A workbook or Word name on text is an error naming the mismatch, not a guess; a page's
    /// name on text reads it as a page.
    #[test]
    fn a_binary_name_on_text_is_refused_by_the_text_reader() {
        let text = b"a\tb\n1\t2\n".to_vec();
        let opts = ReadOptions::default();
        for name in ["t.xlsx", "t.docx", "t.doc"] {
            let asked = asked_by_name(name);
            let format = recognise(name, &text, asked).expect(name);
            let read = (format.read)(Input {
                name,
                bytes: text.clone(),
                opts: &opts,
                asked,
            });
            assert!(matches!(read, Err(ReadError::NotWorkbook { .. })), "{name}");
        }
        let asked = asked_by_name("t.html");
        let format = recognise("t.html", &text, asked).expect("html");
        assert!(format.endings.iter().any(|e| e.ext == "html"));
    }

    #[test]
    fn magic_bytes_tell_pictures_and_pdf() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Sniffed::Picture("PNG"));
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Sniffed::Picture("JPEG")
        );
        assert_eq!(sniff(b"GIF89a\x01\0"), Sniffed::Picture("GIF"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Picture("WebP"));
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Sniffed::Picture("TIFF"));
        let mut bmp = b"BM".to_vec();
        bmp.extend([0u8; 12]);
        assert_eq!(bmp.len(), 14);
        bmp.extend([40u8, 0, 0, 0]);
        assert_eq!(sniff(&bmp), Sniffed::Picture("BMP"));
        // a text table starting with the letters BM is text
        assert_eq!(sniff("BM项目\t总计\n".as_bytes()), Sniffed::Other);
        assert_eq!(sniff(b"PK\x03\x04"), Sniffed::Zip);
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Sniffed::Rtf);
        assert_eq!(sniff("<!DOCTYPE html><table>".as_bytes()), Sniffed::Html);
    }
}
