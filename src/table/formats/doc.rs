//! Word 97–2003 documents (`.doc`): the tables of the main text as sheets, the paragraphs
//! around them as one-cell rows, exactly as [`super::docx`] gives a `.docx` (the same merge
//! rules: both end in `docx::to_sheets`).
//!
//! No crate for `.doc` text was found (see the README: searched by name, `dotext` reads `.docx`
//! only), so this reads the format itself ([MS-DOC]): the compound
//! file through `cfb`; the FIB at the start of the `WordDocument` stream names the table stream
//! (`0Table` or `1Table`) and, in it, the piece table (CLX) and the paragraph properties
//! (PlcBtePapx). The main text (its first `ccpText` characters) is read piece by piece:
//! compressed pieces are 8-bit cp1252, the others UTF-16LE. A paragraph mark (`\r`) ends a
//! paragraph; a cell mark (`\x07`) ends a cell, or — when its paragraph has the TTP property —
//! the row. Whether a paragraph is inside a table, and a row's cell edges and merges, come from
//! the paragraph properties (sprmPFInTable, sprmPFTtp, sprmTDefTable with its cells' edges and
//! vertical-merge flags; a row's properties too long for their page are in the `Data` stream,
//! named by sprmPHugePapx). Cells are placed in columns by their edges across the whole table (a
//! cell twice as wide spans two columns), as Word's `gridSpan` does in a `.docx`.
//!
//! **Decisions**: where a paragraph's properties cannot be found (a damaged property table),
//! a cell mark right after a cell mark ends the row (a doubled mark; an empty last cell is then
//! read as a row end) and the paragraphs between tables are read as text. Field codes
//! (`HYPERLINK …`, `PAGE`) are left out and their shown results kept; pictures, footnote marks
//! and other control characters are dropped. A table nested in a cell is read as text of that
//! cell. A Word 6/95 document (an older FIB) and an encrypted document are refused by name.
//! Text is read as Word shows it with its changes accepted, as a `.docx` is: characters whose
//! run's properties (PlcBteChpx and its FKP pages) mark them a tracked deletion
//! (sprmCFRMarkDel) or hidden (sprmCFVanish) are left out (a deleted `12` before `80人` was read
//! `1280人`); paragraph and cell marks are kept whatever their properties, so a deleted row is a
//! row of empty cells, as in a `.docx`. Digits set raised or lowered (sprmCIss) are read as
//! raised digits (`80¹人`: a footnote mark is not read into the figure), as in a `.docx`. Not looked at: a character style that hides text, and
//! properties a fast-saved document gives a whole piece (the piece table's `Prm`; Word has not
//! fast-saved by default since 2003).
//!
//! **Limits**: every count and offset the file claims is checked against the stream it points
//! into; the text read is at most the stream's own size, and it is decoded as it is used, never
//! held whole; every paragraph, cell and row (empty ones too: a paragraph mark is one byte)
//! counts against [`limits::CELLS`] as it is made, and columns against [`limits::COLUMNS`]
//! (through `docx::to_sheets`). A broken piece table is an error naming it, never a panic.
//! A table is held flat as it is read (`docx::WordTable`: 8 bytes an empty cell); of its
//! rows' properties only what the layout needs is kept — the edges and merge flags of rows
//! whose edges fit their cells, and the set of all edges (16-bit: 8 KB) — never a row's
//! whole properties (up to ~1 KB each from a few bytes of the file).

use std::io::{Cursor, Read};

use super::SheetCells;
use super::docx::{Item, WordTable, push_paragraph};
use crate::limits;
use crate::table::ReadError;

/// Reads the tables and paragraphs of a Word 97–2003 document.
pub(crate) fn read_sheets(name: &str, bytes: &[u8]) -> Result<Vec<SheetCells>, ReadError> {
    let fail = |why: String| ReadError::Document {
        name: name.into(),
        why,
    };
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| fail(format!("复合文件无法打开（{e}）")))?;
    let word = read_stream(&mut cfb, "/WordDocument").map_err(|e| fail(e.to_string()))?;
    let fib = Fib::read(&word).map_err(fail)?;
    let table_name = if fib.table_one { "/1Table" } else { "/0Table" };
    let table = read_stream(&mut cfb, table_name)
        .map_err(|e| fail(format!("找不到表格流 {}（{e}）", &table_name[1..])))?;
    // the Data stream holds long paragraph properties; a document without one has none
    let data = read_stream(&mut cfb, "/Data").unwrap_or_default();
    from_streams(name, &word, &table, &data)
}

/// The sheets of a document from its streams: `WordDocument`, the table stream its FIB
/// names, and `Data`.
fn from_streams(
    name: &str,
    word: &[u8],
    table: &[u8],
    data: &[u8],
) -> Result<Vec<SheetCells>, ReadError> {
    let fail = |why: String| ReadError::Document {
        name: name.into(),
        why,
    };
    let fib = Fib::read(word).map_err(fail)?;
    let pieces = pieces(table, fib.clx).map_err(fail)?;
    let papx = Papx::new(word, data, table, fib.bte_papx);
    let chpx = Chpx::new(word, table, fib.bte_chpx);
    let text = main_text(word, &pieces, fib.ccp_text).map_err(fail)?;
    let items = structure(name, shown(text, &chpx), &papx)?;
    if !items.iter().any(|i| matches!(i, Item::Table(_))) {
        return Err(fail("文档中没有表格（表单应是 Word 表格）".into()));
    }
    super::docx::to_sheets(name, items)
}

/// A stream of the compound file, read whole (its size is bounded by the file's).
fn read_stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    path: &str,
) -> Result<Vec<u8>, std::io::Error> {
    let mut stream = cfb.open_stream(path)?;
    let mut out = Vec::new();
    stream
        .by_ref()
        .take(limits::INPUT.get())
        .read_to_end(&mut out)?;
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// What the FIB says: where the text's pieces and paragraph properties are.
struct Fib {
    table_one: bool,
    ccp_text: u32,
    /// `(fc, lcb)` of the CLX in the table stream.
    clx: (u32, u32),
    /// `(fc, lcb)` of the PlcBtePapx in the table stream.
    bte_papx: (u32, u32),
    /// `(fc, lcb)` of the PlcBteChpx in the table stream.
    bte_chpx: (u32, u32),
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, String> {
        let short = || "WordDocument 流太短，不是完整的 Word 文档".to_string();
        if u16_at(word, 0) != Some(0xA5EC) {
            return Err("WordDocument 流的标识不对，不是 Word 97–2003 文档".into());
        }
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        if n_fib < 0xC1 {
            return Err(
                "这是 Word 6.0/95 或更早的文档，请在 Word 或 WPS 中另存为 .docx 后读取".into(),
            );
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err("文档已加密（设有打开密码），请去掉密码后另存".into());
        }
        let csw = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw_at).ok_or_else(short)?);
        let lw = lw_at + 2;
        let ccp_text = u32_at(word, lw + 3 * 4).ok_or_else(short)?;
        let fc_at = lw + cslw * 4;
        let cb_fc_lcb = usize::from(u16_at(word, fc_at).ok_or_else(short)?);
        let blob = fc_at + 2;
        let pair = |i: usize| -> Result<(u32, u32), String> {
            if i >= cb_fc_lcb {
                return Err(short());
            }
            let at = blob + i * 8;
            Ok((
                u32_at(word, at).ok_or_else(short)?,
                u32_at(word, at + 4).ok_or_else(short)?,
            ))
        };
        Ok(Fib {
            table_one: flags & 0x0200 != 0,
            ccp_text,
            clx: pair(33)?,
            bte_papx: pair(13)?,
            bte_chpx: pair(12)?,
        })
    }
}

/// One piece of the text: its characters `cp..cp_end`, where they start in the WordDocument
/// stream, and whether they are 8-bit.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The piece table in the CLX at `(fc, lcb)` of the table stream.
fn pieces(table: &[u8], (fc, lcb): (u32, u32)) -> Result<Vec<Piece>, String> {
    let broken = |what: &str| format!("片段表（piece table）已损坏：{what}");
    let start = fc as usize;
    let end = start
        .checked_add(lcb as usize)
        .filter(|&e| e <= table.len())
        .ok_or_else(|| broken("它的位置超出了表格流"))?;
    let clx = &table[start..end];
    let mut at = 0;
    // Prc entries (property modifiers) before the Pcdt
    while clx.get(at) == Some(&0x01) {
        let cb = u16_at(clx, at + 1).ok_or_else(|| broken("属性段不完整"))?;
        at += 3 + usize::from(cb);
    }
    if clx.get(at) != Some(&0x02) {
        return Err(broken("找不到片段描述（Pcdt）"));
    }
    let plc_len = u32_at(clx, at + 1).ok_or_else(|| broken("片段描述不完整"))? as usize;
    let plc = clx
        .get(at + 5..)
        .and_then(|p| p.get(..plc_len))
        .ok_or_else(|| broken("片段描述的长度超出了它所在的数据"))?;
    if plc_len < 4 || !(plc_len - 4).is_multiple_of(12) {
        return Err(broken("片段描述的长度不对"));
    }
    let n = (plc_len - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).ok_or_else(|| broken("片段位置缺失"))?;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or_else(|| broken("片段位置缺失"))?;
        let pcd = (n + 1) * 4 + i * 8;
        let raw = u32_at(plc, pcd + 2).ok_or_else(|| broken("片段描述缺失"))?;
        if cp_end < cp {
            return Err(broken("片段的字符位置倒序"));
        }
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        out.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// The main text's characters with their stream offsets, made as they are used: each piece is
/// checked against the stream here, its characters decoded only when [`structure`] reaches them
/// (held whole they took 8 bytes a character: 8× a stream of 8-bit text, 4 GB at the input
/// limit).
fn main_text<'a>(
    word: &'a [u8],
    pieces: &[Piece],
    ccp_text: u32,
) -> Result<impl Iterator<Item = (char, u32)> + 'a, String> {
    let broken = |what: String| format!("片段表（piece table）已损坏：{what}");
    // never more characters than the stream has bytes
    let ccp = ccp_text.min(u32::try_from(word.len()).unwrap_or(u32::MAX));
    let mut runs: Vec<(&'a [u8], u32, bool)> = Vec::new();
    for p in pieces {
        if p.cp >= ccp {
            break;
        }
        let end = p.cp_end.min(ccp);
        let n = (end - p.cp) as usize;
        let width = if p.compressed { 1 } else { 2 };
        let start = p.fc as usize;
        let bytes = start
            .checked_add(n.saturating_mul(width))
            .filter(|&e| e <= word.len())
            .map(|e| &word[start..e])
            .ok_or_else(|| broken(format!("第 {} 个字符起的文字超出了文档流", p.cp)))?;
        runs.push((bytes, p.fc, p.compressed));
    }
    Ok(runs.into_iter().flat_map(
        |(bytes, fc, compressed)| -> Box<dyn Iterator<Item = (char, u32)> + 'a> {
            if compressed {
                Box::new(
                    bytes
                        .iter()
                        .enumerate()
                        .map(move |(k, &b)| (cp1252(b), fc + k as u32)),
                )
            } else {
                let units = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]));
                // a lone surrogate is a replacement character; offsets stay per unit
                Box::new(char::decode_utf16(units).enumerate().map(move |(k, ch)| {
                    (ch.unwrap_or('\u{fffd}'), fc.saturating_add((k * 2) as u32))
                }))
            }
        },
    ))
}

/// A byte of a compressed piece: cp1252, as [MS-DOC] says.
fn cp1252(b: u8) -> char {
    let byte = [b];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    text.chars().next().unwrap_or('\u{fffd}')
}

/// What a paragraph's properties say, as far as tables go.
#[derive(Debug, Clone, Default)]
struct ParaProps {
    in_table: bool,
    /// The paragraph ends a table row.
    row_end: bool,
    /// The row's cells: left edges and the right edge of the last (twips), and merge flags.
    edges: Vec<i16>,
    flags: Vec<u16>,
    /// sprmPHugePapx: the properties are in the Data stream at this offset.
    huge: Option<u32>,
}

/// A bin table (PlcBtePapx, PlcBteChpx) at `(fc, lcb)` of the table stream: `(first fc,
/// page)` of each bin, in order, and the end of the last; empty where it cannot be read.
fn bin_table(table: &[u8], (fc, lcb): (u32, u32)) -> (Vec<(u32, u32)>, u32) {
    let mut bins = Vec::new();
    let mut end = 0;
    let plc = (fc as usize)
        .checked_add(lcb as usize)
        .and_then(|e| table.get(fc as usize..e));
    if let Some(plc) = plc
        && plc.len() >= 4
        && (plc.len() - 4).is_multiple_of(8)
    {
        let n = (plc.len() - 4) / 8;
        for i in 0..n {
            let (Some(f), Some(pn)) = (u32_at(plc, i * 4), u32_at(plc, (n + 1) * 4 + i * 4)) else {
                break;
            };
            bins.push((f, pn & 0x003F_FFFF));
        }
        end = u32_at(plc, n * 4).unwrap_or(0);
    }
    (bins, end)
}

/// The 512-byte FKP page of the bin holding stream offset `fc`, and its run count.
fn fkp_page<'w>(
    word: &'w [u8],
    bins: &[(u32, u32)],
    end: u32,
    fc: u32,
) -> Option<(&'w [u8], usize)> {
    if fc >= end {
        return None;
    }
    let i = bins.partition_point(|(f, _)| *f <= fc).checked_sub(1)?;
    let page_at = (bins[i].1 as usize).checked_mul(512)?;
    let page = word.get(page_at..page_at.checked_add(512)?)?;
    Some((page, usize::from(page[511])))
}

/// The paragraph properties: the bin table (PlcBtePapx) and the FKP pages it points to.
struct Papx<'a> {
    word: &'a [u8],
    /// The Data stream (where a paragraph's long properties are).
    data: &'a [u8],
    /// `(first fc, page)` of each bin, in order, and the end of the last.
    bins: Vec<(u32, u32)>,
    end: u32,
}

impl<'a> Papx<'a> {
    fn new(word: &'a [u8], data: &'a [u8], table: &[u8], at: (u32, u32)) -> Papx<'a> {
        let (bins, end) = bin_table(table, at);
        Papx {
            word,
            data,
            bins,
            end,
        }
    }

    /// Whether the properties can be read at all.
    fn usable(&self) -> bool {
        !self.bins.is_empty()
    }

    /// The properties of the paragraph whose mark is at stream offset `fc`.
    fn at(&self, fc: u32) -> Option<ParaProps> {
        let (page, crun) = fkp_page(self.word, &self.bins, self.end, fc)?;
        // rgfc: crun + 1 offsets, then crun BxPap of 13 bytes
        if 4 * (crun + 1) + 13 * crun > 511 {
            return None;
        }
        let mut j = None;
        for k in 0..crun {
            let (a, b) = (u32_at(page, k * 4)?, u32_at(page, (k + 1) * 4)?);
            if a <= fc && fc < b {
                j = Some(k);
                break;
            }
        }
        let j = j?;
        let b_offset = usize::from(page[4 * (crun + 1) + 13 * j]) * 2;
        if b_offset == 0 {
            return Some(ParaProps::default());
        }
        let cb = usize::from(*page.get(b_offset)?);
        let (start, len) = if cb == 0 {
            (b_offset + 2, usize::from(*page.get(b_offset + 1)?) * 2)
        } else {
            (b_offset + 1, cb * 2 - 1)
        };
        let grpprl = page.get(start..start.checked_add(len)?.min(511))?;
        // the style (istd) first, then the property modifiers
        let mut p = props(grpprl.get(2..).unwrap_or(&[]));
        if let Some(at) = p.huge.take() {
            // PrcData: a 2-byte size, then the modifiers
            let at = at as usize;
            let size = usize::from(u16_at(self.data, at).unwrap_or(0));
            let more = at
                .checked_add(2 + size)
                .and_then(|end| self.data.get(at + 2..end))
                .unwrap_or(&[]);
            let q = props(more);
            p.in_table |= q.in_table;
            p.row_end |= q.row_end;
            if !q.edges.is_empty() {
                p.edges = q.edges;
                p.flags = q.flags;
            }
        }
        Some(p)
    }
}

/// The property modifiers (sprms) of a grpprl with their operands, up to the first that does
/// not fit.
fn sprms(mut prls: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if prls.len() < 2 {
            return None;
        }
        let sprm = u16::from_le_bytes([prls[0], prls[1]]);
        let rest = &prls[2..];
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                // sprmTDefTable: a 2-byte count that counts itself less one
                0xD608 | 0xD606 => {
                    usize::from(u16_at(rest, 0).unwrap_or(u16::MAX)).saturating_add(1)
                }
                _ => usize::from(rest.first().copied().unwrap_or(u8::MAX)) + 1,
            },
        };
        let operand = rest.get(..size)?;
        prls = &rest[size..];
        Some((sprm, operand))
    })
}

/// Reads the property modifiers (sprms) that say where a paragraph is in a table.
fn props(prls: &[u8]) -> ParaProps {
    let mut p = ParaProps::default();
    for (sprm, operand) in sprms(prls) {
        match sprm {
            0x2416 => p.in_table = operand[0] != 0,
            0x2417 => p.row_end = operand[0] != 0,
            // sprmPItap: the table depth
            0x6649 => p.in_table |= u32_at(operand, 0).unwrap_or(0) > 0,
            0xD608 => table_definition(operand, &mut p),
            // sprmPHugePapx: too many properties for the page, kept in the Data stream
            0x6646 => p.huge = u32_at(operand, 0),
            _ => {}
        }
    }
    p
}

/// sprmTDefTable: the number of cells, their edges, and each cell's flags (TC80).
fn table_definition(operand: &[u8], p: &mut ParaProps) {
    let Some(&count) = operand.get(2) else {
        return;
    };
    let count = usize::from(count);
    let edges_at = 3;
    let mut edges = Vec::with_capacity(count + 1);
    for k in 0..=count {
        match u16_at(operand, edges_at + k * 2) {
            Some(e) => edges.push(e as i16),
            None => return,
        }
    }
    let tc_at = edges_at + (count + 1) * 2;
    let flags = (0..count)
        .map(|k| u16_at(operand, tc_at + k * 20).unwrap_or(0))
        .collect();
    p.edges = edges;
    p.flags = flags;
}

/// The character properties, as far as they change the text read: the bin table (PlcBteChpx)
/// and the FKP pages it points to. Text is hidden where its run's properties mark it a tracked
/// deletion (sprmCFRMarkDel) or hidden (sprmCFVanish), as the `.docx` reader leaves out
/// `w:del` and `w:vanish` (see the module docs); digits set raised or lowered (sprmCIss) are
/// read as raised digits (`80¹人`, a figure and its footnote mark, not `801人`), as a page's
/// `<sup>` and a `.docx`'s `w:vertAlign` are.
struct Chpx<'a> {
    word: &'a [u8],
    bins: Vec<(u32, u32)>,
    end: u32,
}

/// What a run's character properties say about its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CharProps {
    /// Word does not show it: a tracked deletion or hidden text.
    unseen: bool,
    /// Set raised (`Some(false)`, a superscript) or lowered (`Some(true)`, a subscript).
    script: Option<bool>,
}

impl<'a> Chpx<'a> {
    fn new(word: &'a [u8], table: &[u8], at: (u32, u32)) -> Chpx<'a> {
        let (bins, end) = bin_table(table, at);
        Chpx { word, bins, end }
    }

    /// The run of characters holding stream offset `fc`: the stream offsets `start..end` it
    /// covers and its properties. Outside every run (or where the properties cannot be read)
    /// the character alone, plain.
    fn run_at(&self, fc: u32) -> (u32, u32, CharProps) {
        let alone = (fc, fc.saturating_add(1), CharProps::default());
        let Some((page, crun)) = fkp_page(self.word, &self.bins, self.end, fc) else {
            return alone;
        };
        // rgfc: crun + 1 offsets, then crun one-byte offsets (in words) of each run's Chpx
        if 4 * (crun + 1) + crun > 511 {
            return alone;
        }
        let fcs = |k: usize| u32_at(page, k * 4).unwrap_or(u32::MAX);
        // the last run starting at or before fc
        let (mut lo, mut hi) = (0, crun);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if fcs(mid + 1) <= fc {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        if lo >= crun || fcs(lo) > fc {
            return alone;
        }
        let (start, end) = (fcs(lo), fcs(lo + 1));
        let at = usize::from(page[4 * (crun + 1) + lo]) * 2;
        let props = if at == 0 {
            CharProps::default()
        } else {
            page.get(at)
                .and_then(|&cb| page.get(at + 1..(at + 1 + usize::from(cb)).min(511)))
                .map(char_props)
                .unwrap_or_default()
        };
        (start, end, props)
    }
}

/// What character properties say: a tracked deletion (sprmCFRMarkDel) or hidden text
/// (sprmCFVanish), whose operand is a toggle — 1 on, 0 off, 0x80 the style's (taken as off: a
/// character style that hides text is not looked up), 0x81 the opposite of the style's (on) —
/// and sprmCIss (1 superscript, 2 subscript).
fn char_props(prls: &[u8]) -> CharProps {
    let mut p = CharProps::default();
    for (sprm, operand) in sprms(prls) {
        match sprm {
            0x0800 | 0x083C => p.unseen |= matches!(operand[0], 1 | 0x81),
            0x2A48 => {
                p.script = match operand[0] {
                    1 => Some(false),
                    2 => Some(true),
                    _ => None,
                }
            }
            _ => {}
        }
    }
    p
}

/// The characters of the main text as Word shows them: those of a run its properties hide (a
/// tracked deletion, hidden text) are left out, except paragraph and cell marks, which keep
/// the table's shape (a deleted row is read as a row of empty cells, as in a `.docx`); digits
/// set raised or lowered are read raised or lowered. Runs are looked up once each, as the
/// offsets leave them.
fn shown<'a>(
    text: impl Iterator<Item = (char, u32)> + 'a,
    chpx: &'a Chpx<'a>,
) -> impl Iterator<Item = (char, u32)> + 'a {
    let mut run = (0u32, 0u32, CharProps::default());
    text.filter_map(move |(ch, fc)| {
        if chpx.bins.is_empty() || matches!(ch, '\r' | '\u{7}') {
            return Some((ch, fc));
        }
        if !(run.0..run.1).contains(&fc) {
            run = chpx.run_at(fc);
        }
        match run.2 {
            CharProps { unseen: true, .. } => None,
            CharProps {
                script: Some(sub), ..
            } => Some((super::raised_digit(ch, sub), fc)),
            _ => Some((ch, fc)),
        }
    })
}

/// A table of a `.doc` as it is read: its cells (one string of text, 8 bytes a cell: a cell
/// mark is one byte), and for its rows what [`lay_out`] needs once the table is whole — whether
/// each row's edges fit its cells (those rows' edges and merge flags kept, in row order) and
/// every edge any row gives, as a set (the edges are 16-bit: 8 KB).
struct RawTable {
    table: WordTable,
    /// Whether the row's edges fit its cells (one more edge than cells).
    fits: Vec<bool>,
    edges: Vec<i16>,
    flags: Vec<u16>,
    /// Every edge of every row with more than one, by its value + 32 768.
    all_edges: Vec<u64>,
    /// Whether the last row has cells not yet ended by a row mark.
    row_open: bool,
}

impl RawTable {
    fn new() -> RawTable {
        RawTable {
            table: WordTable::default(),
            fits: Vec::new(),
            edges: Vec::new(),
            flags: Vec::new(),
            all_edges: Vec::new(),
            row_open: false,
        }
    }

    fn is_empty(&self) -> bool {
        !self.table.has_row()
    }

    /// Ends a cell of text `text`.
    fn cell(&mut self, name: &str, text: &str) -> Result<(), ReadError> {
        if !self.row_open {
            self.table.row(0);
            self.fits.push(false);
            self.row_open = true;
        }
        self.table.text_mut().push_str(text);
        self.table.cell(1, false).map_err(|()| ReadError::Document {
            name: name.into(),
            why: "一个表格的文字超过 4 GB".into(),
        })
    }

    /// Ends the row with the properties of its row-end mark.
    fn end_row(&mut self, props: Option<&ParaProps>) {
        if !self.row_open {
            self.table.row(0);
            self.fits.push(false);
        }
        self.row_open = false;
        let Some(p) = props else { return };
        if p.edges.len() > 1 {
            if self.all_edges.is_empty() {
                self.all_edges = vec![0; 1024];
            }
            for &e in &p.edges {
                let at = (i32::from(e) + 32_768) as usize;
                self.all_edges[at / 64] |= 1 << (at % 64);
            }
        }
        if p.edges.len() == self.table.cells_in_last_row() + 1 {
            if let Some(fit) = self.fits.last_mut() {
                *fit = true;
            }
            self.edges.extend_from_slice(&p.edges);
            let cells = p.edges.len() - 1;
            self.flags
                .extend((0..cells).map(|k| p.flags.get(k).copied().unwrap_or(0)));
        }
    }
}

/// The body items of the main text: paragraphs, and tables of rows (see the module docs).
/// Each paragraph, cell and row counts against [`limits::CELLS`] as it is made, so that a
/// stream of empty paragraphs or cell marks (one byte each) is refused before it is held;
/// empty paragraphs are held as a count, empty cells as 8 bytes ([`WordTable`]).
fn structure(
    name: &str,
    text: impl IntoIterator<Item = (char, u32)>,
    papx: &Papx,
) -> Result<Vec<Item>, ReadError> {
    let mut body = MainText::new(name, papx);
    for (ch, fc) in text {
        if body.in_field_code(ch) {
            continue;
        }
        match ch {
            '\r' => body.paragraph_mark(fc)?,
            '\u{7}' => body.cell_mark(fc)?,
            c => body.character(c),
        }
    }
    Ok(body.finish())
}

/// [`structure`]'s walk through the main text: the items made so far, the table, cell and
/// paragraph being read, and the fields open.
struct MainText<'a, 'p> {
    name: &'a str,
    papx: &'a Papx<'p>,
    /// Whether the paragraph properties can be looked up (see [`Papx::usable`]).
    usable: bool,
    /// Paragraphs, cells and rows made, against [`limits::CELLS`].
    made: u64,
    items: Vec<Item>,
    raw: RawTable,
    cell: String,
    para: String,
    /// The fields open, innermost last …
    fields: Vec<OpenField>,
    /// … and how many of them are in their code: counted, not searched (a file may nest
    /// thousands).
    in_code: usize,
    /// A formula field whose result showed nothing ended in the cell being read: the cell is
    /// noted when it ends (`table.formula-no-value`, as a `.docx` gives).
    no_value: bool,
    last_was_cell_mark: bool,
}

/// A field open in the main text: whether its code (before the separator) is being read, the
/// code's first character (`=` for a formula, `{ =SUM(ABOVE) }`), and whether its result
/// showed text.
#[derive(Debug, Clone, Copy)]
struct OpenField {
    code: bool,
    first: Option<char>,
    shown: bool,
}

impl OpenField {
    /// A formula whose result showed nothing (never updated since it was written).
    fn formula_unshown(self) -> bool {
        self.first == Some('=') && !self.shown
    }
}

impl<'a, 'p> MainText<'a, 'p> {
    fn new(name: &'a str, papx: &'a Papx<'p>) -> Self {
        MainText {
            name,
            papx,
            usable: papx.usable(),
            made: 0,
            items: Vec::new(),
            raw: RawTable::new(),
            cell: String::new(),
            para: String::new(),
            fields: Vec::new(),
            in_code: 0,
            no_value: false,
            last_was_cell_mark: false,
        }
    }

    /// One more paragraph, cell or row, within [`limits::CELLS`].
    fn count(&mut self) -> Result<(), ReadError> {
        self.made += 1;
        if self.made > limits::CELLS.get() {
            return Err(ReadError::TooManyCells {
                name: self.name.into(),
                cells: self.made,
                max: limits::CELLS.shown(),
                help: limits::CELLS.help(),
            });
        }
        Ok(())
    }

    /// Whether `ch` is a field's mark (begin, separator, end) or in a field's code, and so left
    /// out; a paragraph mark in a code still ends its paragraph. A cell mark never stands in a
    /// field's code: an open code there is a broken field, closed so that it cannot swallow
    /// the rest of the document.
    fn in_field_code(&mut self, ch: char) -> bool {
        match ch {
            '\u{13}' => {
                self.fields.push(OpenField {
                    code: true,
                    first: None,
                    shown: false,
                });
                self.in_code += 1;
                return true;
            }
            '\u{14}' => {
                if let Some(f) = self.fields.last_mut()
                    && f.code
                {
                    f.code = false;
                    self.in_code -= 1;
                }
                return true;
            }
            '\u{15}' => {
                self.field_end();
                return true;
            }
            _ => {}
        }
        if ch == '\u{7}' && self.in_code > 0 {
            self.fields.clear();
            self.in_code = 0;
        }
        let coded = self.in_code > 0 && ch != '\r';
        if let Some(f) = self.fields.last_mut()
            && !ch.is_whitespace()
            && !ch.is_control()
        {
            match f.code {
                true => f.first = f.first.or(Some(ch)),
                false => f.shown |= !coded,
            }
        }
        coded
    }

    /// A field ends: a formula whose result showed nothing notes the cell being read; a result
    /// shown is its outer field's too (marked on the innermost only, so that deep nesting stays
    /// linear).
    fn field_end(&mut self) {
        let Some(f) = self.fields.pop() else {
            return;
        };
        if f.code {
            self.in_code -= 1;
        }
        self.no_value |= f.formula_unshown();
        if let Some(outer) = self.fields.last_mut()
            && !outer.code
        {
            outer.shown |= f.shown;
        }
    }

    /// The properties of the paragraph whose mark is at `fc`, where they can be found.
    fn props(&self, fc: u32) -> Option<ParaProps> {
        if self.usable { self.papx.at(fc) } else { None }
    }

    /// The paragraph read so far, trimmed, as a further line of the cell being read.
    fn para_into_cell(&mut self) {
        let para = self.para.trim();
        if !para.is_empty() {
            if !self.cell.is_empty() {
                self.cell.push('\n');
            }
            self.cell.push_str(para);
        }
    }

    /// A paragraph mark: in a table, the paragraph is a line of its cell (an empty one after
    /// the cell's first line too); outside, the table before it (if any) ends and the
    /// paragraph is an item.
    fn paragraph_mark(&mut self, fc: u32) -> Result<(), ReadError> {
        if self.props(fc).as_ref().is_some_and(|p| p.in_table) {
            if !self.cell.is_empty() {
                self.cell.push('\n');
            }
            self.cell.push_str(self.para.trim());
        } else {
            self.no_value = false;
            self.flush_table();
            self.count()?;
            push_paragraph(&mut self.items, self.para.trim());
        }
        self.para.clear();
        self.last_was_cell_mark = false;
        Ok(())
    }

    /// A cell mark: the row ends where its properties say so (without them, at a doubled
    /// mark), else the cell ends.
    fn cell_mark(&mut self, fc: u32) -> Result<(), ReadError> {
        let props = self.props(fc);
        let row_end = match &props {
            Some(p) => p.row_end,
            // a formula field with no result makes an empty cell, not a doubled mark
            None => {
                self.last_was_cell_mark
                    && self.para.is_empty()
                    && self.cell.is_empty()
                    && !self.no_value
            }
        };
        self.count()?;
        if row_end {
            self.raw.end_row(props.as_ref());
            self.last_was_cell_mark = false;
            self.no_value = false;
        } else {
            self.para_into_cell();
            if std::mem::take(&mut self.no_value) {
                self.raw.table.note_no_value();
            }
            self.raw.cell(self.name, &self.cell)?;
            self.cell.clear();
            self.last_was_cell_mark = true;
        }
        self.para.clear();
        Ok(())
    }

    /// Any other character: breaks and tabs as text, other control characters dropped.
    fn character(&mut self, c: char) {
        match c {
            '\u{b}' | '\u{c}' => self.para.push('\n'),
            '\t' | '\u{a0}' => self.para.push(' '),
            '\u{1e}' => self.para.push('-'),
            c if (c as u32) < 0x20 || c == '\u{1f}' => {}
            c => self.para.push(c),
        }
    }

    /// The table being read, if any, as an item.
    fn flush_table(&mut self) {
        if self.raw.row_open {
            self.raw.end_row(None);
        }
        if !self.raw.is_empty() {
            let raw = std::mem::replace(&mut self.raw, RawTable::new());
            self.items.push(Item::Table(lay_out(raw)));
        }
    }

    /// The items, with the table and paragraph left open at the end of the text.
    fn finish(mut self) -> Vec<Item> {
        self.flush_table();
        if !self.para.trim().is_empty() {
            self.items
                .push(Item::Paragraph(self.para.trim().to_owned()));
        }
        self.items
    }
}

/// Places each row's cells in columns by their edges across the whole table (edges within
/// [`EDGE_SLACK`] twips are one), with spans and vertical merges as `docx` takes them. A row
/// whose edges do not match its cells is laid out one cell a column. The cells are set where
/// they are: nothing is copied.
fn lay_out(raw: RawTable) -> WordTable {
    let RawTable {
        mut table,
        fits,
        edges: fit_edges,
        flags: fit_flags,
        all_edges,
        ..
    } = raw;
    // the set's edges in order, those within the slack of the last kept left out
    let mut edges: Vec<i32> = Vec::new();
    for (w, &word) in all_edges.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let e = (w * 64 + b) as i32 - 32_768;
            if edges.last().is_none_or(|&last| e - last > EDGE_SLACK) {
                edges.push(e);
            }
        }
    }
    let column = |x: i16| -> u32 {
        let x = i32::from(x);
        let i = edges.partition_point(|&e| e < x - EDGE_SLACK);
        i.min(edges.len().saturating_sub(1)) as u32
    };
    let max_span = limits::COLUMNS.get().min(u64::from(u32::MAX)) as u32;
    let (rows, cells) = table.parts_mut();
    let (mut e_at, mut f_at) = (0usize, 0usize);
    for r in 0..rows.len() {
        let first = rows[r].1 as usize;
        let last = rows.get(r + 1).map_or(cells.len(), |next| next.1 as usize);
        let row_cells = &mut cells[first..last];
        if !fits.get(r).copied().unwrap_or(false) {
            rows[r].0 = 0;
            for c in row_cells {
                c.set(1, false, false);
            }
            continue;
        }
        let n = row_cells.len();
        let e = &fit_edges[e_at..e_at + n + 1];
        let f = &fit_flags[f_at..f_at + n];
        e_at += n + 1;
        f_at += n;
        rows[r].0 = column(e[0]);
        let mut kept: Option<usize> = None;
        for k in 0..n {
            let (a, b) = (column(e[k]), column(e[k + 1]));
            let span = b.saturating_sub(a).clamp(1, max_span);
            let flags = f[k];
            // an old-style horizontal merge: the merged cell widens the first one
            if flags & 0x0002 != 0
                && flags & 0x0001 == 0
                && let Some(prev) = kept
            {
                let widened = row_cells[prev].span_set().saturating_add(span);
                let continues = row_cells[prev].continues_set();
                row_cells[prev].set(widened, continues, false);
                row_cells[k].set(1, false, true);
                continue;
            }
            row_cells[k].set(span, flags & 0x0020 != 0 && flags & 0x0040 == 0, false);
            kept = Some(k);
        }
    }
    table
}

/// Cell edges closer than this (twips, 1/1440 inch) are one column edge.
const EDGE_SLACK: i32 = 20;

/// The Word 97–2003 format (`.doc`): an OLE file holding `WordDocument` (or one the
/// compound-file reader cannot open, where the name says `.doc`: refused here with the way
/// forward).
pub(crate) const FORMAT: super::SupportedFormat = super::SupportedFormat {
    endings: &[super::Ending::listed(
        "doc",
        Some(crate::table::InputFormat::Doc),
        4,
    )],
    what: "Word 文档",
    claims: |peek| {
        peek.sniffed == super::Sniffed::Ole
            && match peek.ole() {
                super::OleKind::Word => true,
                super::OleKind::Unreadable => peek.asked == Some(crate::table::InputFormat::Doc),
                _ => false,
            }
    },
    read: |input| {
        let sheets = read_sheets(input.name, &input.bytes)?;
        crate::table::grid::sheets_grid(input.name, sheets, crate::table::InputFormat::Doc, "doc")
            .map(super::Read::Grid)
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleted_and_hidden_runs_are_told_by_their_toggles() {
        // sprmCFBold first (a one-byte operand), then the sprm that decides
        let hides = |prls: &[u8]| char_props(prls).unseen;
        assert!(hides(&[0x35, 0x08, 1, 0x00, 0x08, 1]));
        assert!(hides(&[0x3C, 0x08, 0x81]));
        assert!(!hides(&[0x3C, 0x08, 0x80]));
        assert!(!hides(&[0x3C, 0x08, 0]));
        // sprmCFRMarkIns: inserted text is shown
        assert!(!hides(&[0x01, 0x08, 1]));
        // a grpprl cut short hides nothing
        assert!(!hides(&[0x00]));
        // sprmCIss: raised, lowered
        assert_eq!(char_props(&[0x48, 0x2A, 1]).script, Some(false));
        assert_eq!(char_props(&[0x48, 0x2A, 2]).script, Some(true));
    }

    #[test]
    fn a_run_is_looked_up_once_and_its_hidden_characters_left_out() {
        // one FKP page (page 1 of the stream) with three runs: 1024..1026 shown, 1026..1028
        // deleted, 1028..1030 with no properties
        let mut word = vec![0u8; 1536];
        let page = &mut word[512..1024];
        for (k, fc) in [1024u32, 1026, 1028, 1030].into_iter().enumerate() {
            page[k * 4..k * 4 + 4].copy_from_slice(&fc.to_le_bytes());
        }
        let crun = 3;
        page[511] = crun;
        let rgb = 4 * (usize::from(crun) + 1);
        page[rgb] = 100; // the shown run's Chpx at byte 200: sprmCFBold
        page[rgb + 1] = 110; // the deleted run's at 220
        page[rgb + 2] = 0;
        page[200..204].copy_from_slice(&[3, 0x35, 0x08, 1]);
        page[220..224].copy_from_slice(&[3, 0x00, 0x08, 1]);
        let mut table = Vec::new();
        for v in [1024u32, 1030, 1] {
            table.extend(v.to_le_bytes());
        }
        let chpx = Chpx::new(&word, &table, (0, 12));
        let deleted = CharProps {
            unseen: true,
            script: None,
        };
        assert_eq!(chpx.run_at(1025), (1024, 1026, CharProps::default()));
        assert_eq!(chpx.run_at(1027), (1026, 1028, deleted));
        assert_eq!(chpx.run_at(1029), (1028, 1030, CharProps::default()));
        // past the bin table: the character alone, shown
        assert_eq!(chpx.run_at(1030), (1030, 1031, CharProps::default()));
        let text = [
            ('1', 1024),
            ('2', 1025),
            ('9', 1026),
            ('\r', 1027),
            ('8', 1028),
            ('5', 1029),
        ];
        let kept: String = shown(text.into_iter(), &chpx).map(|(c, _)| c).collect();
        assert_eq!(kept, "12\r85");
    }

    #[test]
    fn sprms_give_table_flags_and_cell_edges() {
        // sprmPFInTable 1, sprmPFTtp 1, sprmTDefTable with two cells, the second a merge start
        let mut prls = vec![0x16, 0x24, 1, 0x17, 0x24, 1];
        let mut def = vec![2u8];
        for e in [0i16, 1000, 3000] {
            def.extend(e.to_le_bytes());
        }
        for flags in [0u16, 0x0040] {
            def.extend(flags.to_le_bytes());
            def.extend([0u8; 18]);
        }
        prls.extend([0x08, 0xD6]);
        prls.extend(((def.len() + 1) as u16).to_le_bytes());
        prls.extend(def);
        let p = props(&prls);
        assert!(p.in_table && p.row_end);
        assert_eq!(p.edges, vec![0, 1000, 3000]);
        assert_eq!(p.flags, vec![0, 0x0040]);
    }

    #[test]
    fn rows_are_laid_out_by_their_edges() {
        let props = |edges: &[i16], flags: &[u16]| ParaProps {
            in_table: true,
            row_end: true,
            edges: edges.to_vec(),
            flags: flags.to_vec(),
            huge: None,
        };
        let mut raw = RawTable::new();
        let row = |raw: &mut RawTable, cells: &[&str], p: Option<ParaProps>| {
            for c in cells {
                raw.cell("x.doc", c).unwrap();
            }
            raw.end_row(p.as_ref());
        };
        row(
            &mut raw,
            &["项目名称", "x"],
            Some(props(&[0, 1000, 3000], &[0, 0])),
        );
        row(
            &mut raw,
            &["a", "b", "c"],
            Some(props(&[0, 1000, 2010, 3000], &[0x0040, 0, 0])),
        );
        row(
            &mut raw,
            &["", "d", "e"],
            Some(props(&[0, 1000, 2000, 3000], &[0x0020, 0, 0])),
        );
        // an old-style horizontal merge: "g" widens "f", and is left out
        row(
            &mut raw,
            &["f", "g", "h"],
            Some(props(&[0, 1000, 2000, 3000], &[0x0001, 0x0002, 0])),
        );
        // edges that do not fit the cells: one cell a column, from the first
        row(&mut raw, &["i", "j"], Some(props(&[1000, 2000], &[0])));
        row(&mut raw, &["k"], None);
        let laid = lay_out(raw).rows_for_test();
        let spans = |r: usize| laid[r].1.iter().map(|c| c.1).collect::<Vec<_>>();
        assert_eq!(laid[0].1.len(), 2);
        assert_eq!(laid[0].1[1].1, 2);
        assert_eq!(spans(1), vec![1, 1, 1]);
        assert!(laid[2].1[0].2);
        assert!(!laid[1].1[0].2);
        assert_eq!(laid[2].1[1].0, "d");
        assert_eq!(
            laid[3]
                .1
                .iter()
                .map(|c| (c.0.as_str(), c.1))
                .collect::<Vec<_>>(),
            vec![("f", 2), ("h", 1)]
        );
        assert_eq!(
            laid[4],
            (0, vec![("i".into(), 1, false), ("j".into(), 1, false)])
        );
        assert_eq!(laid[5], (0, vec![("k".into(), 1, false)]));
    }

    #[test]
    fn streams_changed_at_random_never_panic() {
        let bytes =
            include_bytes!("../../../tests/fixtures/formats/f01-tianchang-water-2022-selfeval.doc");
        let mut cfb = cfb::CompoundFile::open(Cursor::new(&bytes[..])).unwrap();
        let word = read_stream(&mut cfb, "/WordDocument").unwrap();
        let table = read_stream(&mut cfb, "/1Table")
            .or_else(|_| read_stream(&mut cfb, "/0Table"))
            .unwrap();
        let data = read_stream(&mut cfb, "/Data").unwrap_or_default();
        assert!(from_streams("x.doc", &word, &table, &data).is_ok());
        // xorshift: the same changes every run
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..1500 {
            let (mut w, mut t, mut d) = (word.clone(), table.clone(), data.clone());
            for _ in 0..1 + next() % 6 {
                let target = match next() % 3 {
                    0 => &mut w,
                    1 => &mut t,
                    _ => &mut d,
                };
                if target.is_empty() {
                    continue;
                }
                // mostly the parts that matter: the FIB, the CLX, the FKP pages
                let at = (next() as usize)
                    % target
                        .len()
                        .min(if next() % 2 == 0 { 1024 } else { usize::MAX });
                target[at] = next() as u8;
            }
            if next() % 10 == 0 {
                let cut = (next() as usize) % (t.len() + 1);
                t.truncate(cut);
            }
            let _ = from_streams("x.doc", &w, &t, &d);
        }
    }

    #[test]
    fn a_broken_piece_table_is_an_error() {
        assert!(pieces(&[0x02, 0xFF, 0xFF, 0xFF, 0x7F], (0, 5)).is_err());
        assert!(pieces(&[1, 2, 3], (2, 100)).is_err());
        // one piece pointing far outside the stream
        let mut clx = vec![0x02];
        clx.extend(16u32.to_le_bytes());
        clx.extend(0u32.to_le_bytes());
        clx.extend(10u32.to_le_bytes());
        clx.extend([0, 0]);
        clx.extend(0x3FFF_0000u32.to_le_bytes());
        clx.extend([0, 0]);
        let p = pieces(&clx, (0, clx.len() as u32)).unwrap();
        assert!(main_text(b"short", &p, 10).is_err());
    }

    #[test]
    fn field_codes_are_left_out_and_their_results_kept() {
        let text: Vec<(char, u32)> =
            "见\u{13}HYPERLINK \"x\"\u{14}附件\u{15}。\u{13}\u{13}a\u{15}PAGE\u{14}3\u{15}\r"
                .chars()
                .map(|c| (c, 0))
                .collect();
        let papx = Papx {
            word: &[],
            data: &[],
            bins: Vec::new(),
            end: 0,
        };
        match &structure("x.doc", text.iter().copied(), &papx).unwrap()[..] {
            [Item::Paragraph(p)] => assert_eq!(p, "见附件。3"),
            _ => panic!("one paragraph"),
        }
        // ten thousand nested field starts, never closed: linear, not a search per character,
        // and a paragraph mark still ends its paragraph
        let deep: Vec<(char, u32)> = std::iter::repeat_n(('\u{13}', 0), 10_000)
            .chain("x\r".chars().map(|c| (c, 0)))
            .collect();
        match &structure("x.doc", deep.iter().copied(), &papx).unwrap()[..] {
            [Item::Blank(1)] => {}
            _ => panic!("one paragraph"),
        }
    }

    #[test]
    fn a_formula_field_with_no_result_is_noted_as_a_docx_one_is() {
        use super::super::number_format::CellNote;
        let papx = Papx {
            word: &[],
            data: &[],
            bins: Vec::new(),
            end: 0,
        };
        let notes = |text: &str| {
            let chars: Vec<(char, u32)> = text.chars().map(|c| (c, 0)).collect();
            let items = structure("x.doc", chars.iter().copied(), &papx).unwrap();
            let sheets = super::super::docx::to_sheets("x.doc", items).unwrap();
            sheets[0].notes.clone()
        };
        let no_value = vec![((1, 1), CellNote::FieldNoValue)];
        // `{ =SUM(ABOVE) }` never updated: no separator, or an empty result; nested in another
        assert_eq!(
            notes("分\u{7}9\u{7}\u{7}总分\u{7}\u{13} =SUM(ABOVE) \u{15}\u{7}\u{7}"),
            no_value
        );
        assert_eq!(
            notes("分\u{7}9\u{7}\u{7}总分\u{7}\u{13}=SUM(ABOVE)\u{14} \u{15}\u{7}\u{7}"),
            no_value
        );
        // a result shown (stale or not) is read as shown; another field's empty result is no formula
        assert!(
            notes("分\u{7}9\u{7}\u{7}总分\u{7}\u{13}=SUM(ABOVE)\u{14}99.5\u{15}\u{7}\u{7}")
                .is_empty()
        );
        assert!(notes("分\u{7}9\u{7}\u{7}总分\u{7}\u{13}PAGE\u{15}\u{7}\u{7}").is_empty());
        assert!(
            notes(
                "分\u{7}9\u{7}\u{7}总分\u{7}\u{13}=A\u{14}\u{13}PAGE\u{14}3\u{15}\u{15}\u{7}\u{7}"
            )
            .is_empty()
        );
    }

    #[test]
    fn cell_marks_without_properties_end_rows_where_doubled() {
        let text: Vec<(char, u32)> = "标题\r项目名称\u{7}x\u{7}\u{7}a\u{7}b\u{7}\u{7}注\r"
            .chars()
            .map(|c| (c, 0))
            .collect();
        let papx = Papx {
            word: &[],
            data: &[],
            bins: Vec::new(),
            end: 0,
        };
        let items = structure("x.doc", text.iter().copied(), &papx).unwrap();
        assert_eq!(items.len(), 3);
        match &items[1] {
            Item::Table(table) => {
                let rows = table.rows_for_test();
                assert_eq!(rows.len(), 2);
                assert_eq!(rows[1].1[1].0, "b");
            }
            _ => panic!("a table"),
        }
    }
}
