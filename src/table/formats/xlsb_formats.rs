//! The number formats of an `.xlsb` (Excel's binary workbook, BIFF12 records in a zip): its
//! `BrtFmt` and `BrtXF` records (`xl/styles.bin`), and the style of each cell of each sheet,
//! read beside calamine (whose `.xlsb` reader keeps only whether a format is a date: a `0%`
//! cell arrived as `0.96`).
//!
//! **Decisions**: a cell is shown through its format as an `.xlsx` cell is
//! ([`super::number_format`]; a date written the Chinese way as written). The records are read
//! as [MS-XLSB] lays them out: a record's type and size are variable-length integers (7 bits a
//! byte); `BrtFmt` (44) is a format's index and its code (`XLWideString`); the `BrtXF` (47)
//! records between `BrtBeginCellXFs` (617) and `BrtEndCellXFs` (618) are the cells' styles in
//! order (a style's format index at bytes 2–3; those of the cell-style block, 626–627, are
//! not cells' styles); a sheet part is found by its `BrtBundleSh` (156) in `xl/workbook.bin`
//! (its relationship id and name) and `xl/_rels/workbook.bin.rels`; in a sheet, `BrtRowHdr`
//! (0) gives the row and each cell record (1–11, and 62, a rich string) starts with its column
//! (4 bytes) and its style index (24 bits). An index with no `BrtFmt` is Excel's built-in one.
//! **Bounded**: the parts are streamed record by record (a body is skipped, never held, but
//! for the few bytes a record's meaning needs), each read at most to the unzipped limit
//! ([`limits::UNZIPPED`]); formats and styles at most [`limits::STYLES`] each; only cells whose
//! style shows more than General are kept (12 bytes each); the cells calamine skips to one
//! past the cell and text limits (the reader's count refuses them there). A part that does not read leaves its
//! cells as their values (as before), never stops the read: calamine's refusals stand.
//! The same walks gather what `xlsb_raised` needs: each `BrtFont`'s escapement, and each
//! sheet's `BrtCellIsst` cells naming a string set raised or lowered in part; and the cells
//! calamine skips (`xlsb_skipped`: a rich string in its cell, a formula's error), so every
//! sheet is walked.

use std::collections::HashMap;
use std::io::Read;

use super::xls_formats::{Style, Styled};
use super::xlsb_raised::XlsbFonts;
use super::xlsx_raised::{CellMark, SharedMarks, SheetMarks};
use crate::limits;
use crate::table::ReadError;

/// The styles, and each sheet's styled cells by its name.
pub(crate) type XlsbStyled = (Vec<Style>, HashMap<String, Styled>);

/// The shared strings set raised or lowered in part, and each sheet's cells naming one by its
/// name (`xlsb_raised`).
pub(crate) type XlsbRaised = (SharedMarks, HashMap<String, SheetMarks>);

/// The cells of a sheet calamine skips (`xlsb_skipped`), in the sheet's order.
pub(crate) type Skipped = Vec<((u32, u32), calamine::Data)>;

/// What is read of an `.xlsb` beside calamine: its styles, the text it sets raised or lowered,
/// and each sheet's cells calamine skips by its name.
pub(crate) type XlsbRead = (XlsbStyled, XlsbRaised, HashMap<String, Skipped>);

/// The styled cells of an `.xlsb` (its bytes, a zip): `None` where it is none (no
/// `xl/workbook.bin`; calamine tries the `.xlsb` reader before the OpenDocument one, so a zip
/// holding both parts is an `.xlsb` here too); empty where its parts do not read.
///
/// A number format code past [`limits::FORMAT_CODE`] (Excel's 255 characters) is refused, as
/// an `.xlsx`'s is (`table.format-code-too-long`): calamine reads every `BrtFmt` whole.
///
/// Also the text set raised or lowered in part (`xlsb_raised`): the shared strings read again
/// only where a `BrtFont` is raised or lowered; and each sheet's cells calamine skips.
pub(crate) fn read(name: &str, bytes: &[u8]) -> Result<Option<XlsbRead>, ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(None);
    };
    if zip.index_for_name("xl/workbook.bin").is_none() {
        return Ok(None);
    }
    let Some((styles, by_xf, fonts)) =
        part(&mut zip, STYLES, |r| Ok(styles(name, r))).transpose()?
    else {
        return Ok(Some(Default::default()));
    };
    let shared = if fonts.any {
        part(&mut zip, "xl/sharedStrings.bin", |r| {
            Ok(super::xlsb_raised::shared_marks(r, &fonts))
        })
        .unwrap_or_default()
    } else {
        SharedMarks::new()
    };
    let sheets = part(&mut zip, "xl/workbook.bin", |r| Ok(bundle(r))).unwrap_or_default();
    let targets = part(&mut zip, "xl/_rels/workbook.bin.rels", |r| {
        let mut xml = Vec::new();
        r.read_to_end(&mut xml)?;
        Ok(relationships(&xml))
    })
    .unwrap_or_default();
    let (mut out, mut raised, mut skipped) = (HashMap::new(), HashMap::new(), HashMap::new());
    let look = SheetLook {
        by_xf: &by_xf,
        shared: &shared,
        fonts: &fonts,
    };
    for (rel, sheet) in sheets {
        let Some(target) = targets.get(&rel) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        if let Some(walked) = part(&mut zip, &path, |r| Ok(cells(r, &look))) {
            if walked.past_rows {
                return Err(ReadError::Workbook {
                    name: name.into(),
                    source: calamine::Error::Msg(PAST_ROWS),
                });
            }
            if !walked.marks.is_empty() {
                raised.insert(sheet.clone(), walked.marks);
            }
            if !walked.skipped.is_empty() {
                skipped.insert(sheet.clone(), walked.skipped);
            }
            out.insert(sheet, walked.styled);
        }
    }
    Ok(Some(((styles, out), (shared, raised), skipped)))
}

/// The styles' part.
const STYLES: &str = "xl/styles.bin";

/// Why a sheet with a cell after a row header past Excel's rows is refused: calamine's reader
/// ends the sheet at such a header (`row > 0x100000`), so every cell after it would be lost
/// without a word (Excel never writes one: a damaged or made-up file).
const PAST_ROWS: &str = "工作表中有超出 Excel 行数上限（1048576 行）的行记录，其后的单元格无法读取（文件已损坏）；可用 Excel 或 WPS 打开后另存为 .xlsx 再试";

/// The last row calamine's `.xlsb` reader goes on after (a row header past it ends its read).
const LAST_ROW_READ: u32 = 0x0010_0000;

/// Reads the part `name` through `read`, at most the unzipped limit of it; `None` where it is
/// missing or does not read.
fn part<T>(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    read: impl FnOnce(&mut dyn Read) -> std::io::Result<T>,
) -> Option<T> {
    let entry = zip.by_name(name).ok()?;
    let mut limited = std::io::BufReader::new(entry.take(limits::UNZIPPED.get()));
    read(&mut limited).ok()
}

/// One record: its type, and its body's size.
pub(crate) fn header(r: &mut dyn Read) -> Option<(u32, u64)> {
    let mut byte = || -> Option<u8> {
        let mut b = [0u8];
        r.read_exact(&mut b).ok()?;
        Some(b[0])
    };
    let b0 = byte()?;
    let typ = if b0 & 0x80 != 0 {
        u32::from(b0 & 0x7F) | (u32::from(byte()? & 0x7F) << 7)
    } else {
        u32::from(b0)
    };
    let mut size = 0u64;
    for i in 0..4 {
        let b = byte()?;
        size |= u64::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            break;
        }
    }
    Some((typ, size))
}

/// The first `want` bytes of a body of `size` (fewer where it is shorter), the rest skipped.
pub(crate) fn body(r: &mut dyn Read, size: u64, want: usize, buf: &mut Vec<u8>) -> Option<()> {
    let keep = size.min(want as u64);
    buf.clear();
    r.take(keep).read_to_end(buf).ok()?;
    if (buf.len() as u64) < keep {
        return None;
    }
    let rest = size - keep;
    if rest > 0 && std::io::copy(&mut r.take(rest), &mut std::io::sink()).ok()? < rest {
        return None;
    }
    Some(())
}

/// What `styles.bin` says: the styles, each cell style's index into them, the fonts.
type StylesPart = (Vec<Style>, Vec<Option<u32>>, XlsbFonts);

/// `styles.bin` of the workbook `name`: the styles that show more than General, and each cell
/// style (`BrtXF` of the cell block, in order) as an index into them; a format code past
/// [`limits::FORMAT_CODE`] refused; and the fonts' escapement (`BrtFont`, 43).
fn styles(name: &str, r: &mut dyn Read) -> Result<StylesPart, ReadError> {
    let max = limits::STYLES.get_usize();
    let mut codes: HashMap<u16, String> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut fonts = XlsbFonts::default();
    let (mut in_cell_xfs, mut buf) = (false, Vec::new());
    while let Some((typ, size)) = header(r) {
        // a format code is at most 255 characters (Excel's limit): 4 + 2 × 255 bytes, and some
        let want = match typ {
            44 => 1024,
            43 => XlsbFonts::WANT,
            _ => 4,
        };
        if body(r, size, want, &mut buf).is_none() {
            break;
        }
        if typ == 44 && size > want as u64 {
            // a code longer than what is read of it, past the limit: its characters as the
            // record's size says (its index, 2 bytes, and its length, 4, before them)
            return Err(super::xlsx_parts::format_code_too_long(
                name,
                STYLES,
                size.saturating_sub(6) / 2,
            ));
        }
        match typ {
            44 if codes.len() < max => {
                if let (Some(i), Some(code)) =
                    (u16_at(&buf, 0), wide_string(&buf[2.min(buf.len())..]))
                {
                    super::xlsx_parts::format_code_within(name, STYLES, &code)?;
                    codes.insert(i, code);
                }
            }
            617 => in_cell_xfs = true,
            618 => in_cell_xfs = false,
            47 if in_cell_xfs && xfs.len() < max => xfs.push(u16_at(&buf, 2).unwrap_or(0)),
            43 if fonts.len() < max => fonts.push(&buf),
            _ => {}
        }
    }
    let mut styles = Vec::new();
    let looks = super::xls_formats::looks_of(&codes, &xfs, &mut styles);
    Ok((styles, looks, fonts))
}

/// `workbook.bin`: each sheet's relationship id and name (`BrtBundleSh`), in order.
fn bundle(r: &mut dyn Read) -> Vec<(String, String)> {
    let (mut out, mut buf) = (Vec::new(), Vec::new());
    while let Some((typ, size)) = header(r) {
        // two strings of at most 255 characters (a relationship id, a sheet name of 31)
        let want = if typ == 156 { 8 + 2 * (4 + 2 * 256) } else { 0 };
        if body(r, size, want, &mut buf).is_none() || out.len() >= limits::SHEETS.get_usize() {
            break;
        }
        if typ == 156 {
            let rest = buf.get(8..).unwrap_or_default();
            let Some(rel) = wide_string(rest) else {
                continue;
            };
            let after = 4 + 2 * rel.encode_utf16().count();
            if let Some(name) = rest.get(after..).and_then(wide_string) {
                out.push((rel, name));
            }
        }
    }
    out
}

/// `workbook.bin.rels`: each relationship's target by its id.
fn relationships(xml: &[u8]) -> HashMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut out, mut buf) = (HashMap::new(), Vec::new());
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.into_owned())
                };
                if let (Some(id), Some(target)) = (attr("Id"), attr("Target")) {
                    out.insert(id, target);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// What a sheet's walk needs of the workbook: each cell style's index into the styles, the
/// shared strings set raised or lowered, the fonts.
struct SheetLook<'a> {
    by_xf: &'a [Option<u32>],
    shared: &'a SharedMarks,
    fonts: &'a XlsbFonts,
}

/// What a sheet's walk finds.
#[derive(Default)]
struct SheetWalk {
    /// Its cells whose style shows more than General, sorted.
    styled: Styled,
    /// Its cells naming a shared string set raised or lowered, by place.
    marks: SheetMarks,
    /// Its cells calamine skips, in order.
    skipped: Skipped,
    /// A cell after a row header past [`LAST_ROW_READ`] (calamine's read ends at the header).
    past_rows: bool,
}

/// A sheet part: its cells whose style shows more than General, sorted; its cells naming
/// a shared string of `look.shared` (`BrtCellIsst`, 7: its index at bytes 8–11), by place;
/// its cells calamine skips (`xlsb_skipped`), in order.
fn cells(r: &mut dyn Read, look: &SheetLook<'_>) -> SheetWalk {
    let (by_xf, shared) = (look.by_xf, look.shared);
    let (mut out, mut marks, mut buf) = (Styled::new(), SheetMarks::new(), Vec::new());
    let (mut skipped, mut held) = (Skipped::new(), 0u64);
    let (mut row, mut in_data) = (0u32, false);
    // calamine's read ended (a row header past its last row), and a cell after that
    let (mut ended, mut past_rows) = (false, false);
    while let Some((typ, size)) = header(r) {
        let cell = in_data && (typ <= 11 || typ == 62);
        past_rows |= ended && cell && typ != 0;
        let want = match typ {
            7 if cell && !shared.is_empty() => 12,
            super::xlsb_skipped::RSTRING | super::xlsb_skipped::FMLA_ERROR if cell => {
                super::xlsb_skipped::want(typ)
            }
            _ if cell => 8,
            _ => 0,
        };
        if body(r, size, want, &mut buf).is_none() {
            break;
        }
        if typ == 7
            && want == 12
            && let (Some(col), Some(i)) = (u32_at(&buf, 0), u32_at(&buf, 8))
            && shared.contains_key(&i)
        {
            marks.insert((row, col), CellMark::Shared(i));
        }
        // held to one past the cell and text limits: the reader's count refuses them there
        if cell
            && held <= limits::UNZIPPED.get()
            && skipped.len() as u64 <= limits::CELLS.get()
            && let Some(value) = super::xlsb_skipped::value(typ, &buf, look.fonts)
            && let Some(col) = u32_at(&buf, 0)
        {
            if let calamine::Data::String(t) = &value {
                held = held.saturating_add(t.len() as u64);
            }
            skipped.push(((row, col), value));
        }
        match typ {
            0x91 => in_data = true,
            0x92 => in_data = false,
            0 if in_data => {
                row = u32_at(&buf, 0).unwrap_or(row);
                ended |= row > LAST_ROW_READ;
            }
            _ if cell => {
                let (Some(col), Some(style)) = (u32_at(&buf, 0), u32_at(&buf, 4)) else {
                    continue;
                };
                let xf = (style & 0x00FF_FFFF) as usize;
                if let Some(Some(s)) = by_xf.get(xf) {
                    out.push(((row, col), *s));
                }
            }
            _ => {}
        }
    }
    out.sort_unstable_by_key(|c| c.0);
    out.dedup_by_key(|c| c.0);
    SheetWalk {
        styled: out,
        marks,
        skipped,
        past_rows,
    }
}

/// An `XLWideString`: its length in UTF-16 units (4 bytes), then the units.
fn wide_string(b: &[u8]) -> Option<String> {
    wide_units(b).map(|(units, _)| String::from_utf16_lossy(&units))
}

/// An `XLWideString`'s units, and the bytes it takes of `b` (its length's 4 and theirs).
pub(crate) fn wide_units(b: &[u8]) -> Option<(Vec<u16>, usize)> {
    let n = usize::try_from(u32_at(b, 0)?).ok()?;
    let end = 4usize.checked_add(n.checked_mul(2)?)?;
    let units = b
        .get(4..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((units, end))
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

pub(crate) fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    d.get(i..i + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::super::number_format::CellFormat;
    use super::*;

    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut out = if typ < 0x80 {
            vec![typ as u8]
        } else {
            vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]
        };
        // the size, 7 bits a byte
        let mut size = body.len();
        loop {
            let low = (size & 0x7F) as u8;
            size >>= 7;
            out.push(if size > 0 { low | 0x80 } else { low });
            if size == 0 {
                break;
            }
        }
        out.extend_from_slice(body);
        out
    }

    /// A `BrtFmt` of index 164 and `code`.
    fn format(code: &str) -> Vec<u8> {
        let mut fmt = 164u16.to_le_bytes().to_vec();
        fmt.extend((code.encode_utf16().count() as u32).to_le_bytes());
        fmt.extend(code.encode_utf16().flat_map(u16::to_le_bytes));
        record(0x2C, &fmt)
    }

    #[test]
    fn a_format_code_past_excels_255_characters_is_refused_as_an_xlsx_one_is() {
        let within = format!("0{}", "\\x".repeat(127));
        assert_eq!(within.chars().count(), 255);
        let (_, looks, _) =
            styles("t.xlsb", &mut format(&within).as_slice()).expect("255 is Excel's");
        assert!(looks.is_empty());
        // past it: read whole (300 characters) or only its first KB (8 000)
        for chars in [257usize, 300, 8000] {
            let code = format!("0{}", "x".repeat(chars - 1));
            let e = styles("t.xlsb", &mut format(&code).as_slice()).expect_err("past the limit");
            assert!(
                matches!(&e, ReadError::FormatCodeTooLong { chars: n, .. } if *n == chars as u64),
                "{chars}: {e:?}"
            );
            assert!(e.to_string().contains("xl/styles.bin"), "{e}");
        }
    }

    #[test]
    fn records_are_read_by_their_variable_length_headers_and_torn_ones_end_the_walk() {
        let mut fmt = 164u16.to_le_bytes().to_vec();
        fmt.extend(4u32.to_le_bytes());
        fmt.extend("0.0%".encode_utf16().flat_map(u16::to_le_bytes));
        let mut part = record(0x2C, &fmt);
        part.extend(record(0x272, &[1, 0, 0, 0])); // the cell-style block: not cells' styles
        part.extend(record(0x2F, &[0, 0, 164, 0]));
        part.extend(record(0x273, &[]));
        part.extend(record(0x269, &[2, 0, 0, 0]));
        part.extend(record(0x2F, &[0, 0, 0, 0]));
        part.extend(record(0x2F, &[0, 0, 164, 0]));
        part.extend(record(0x26A, &[]));
        let (styles, looks, _) = styles("t.xlsb", &mut part.as_slice()).expect("styles");
        assert_eq!(looks, [None, Some(0)]);
        assert_eq!(styles[0].format, CellFormat::of("0.0%"));
        // a sheet: the row, then cells naming their column and style (24 bits)
        let mut sheet = record(0x91, &[]);
        sheet.extend(record(0x00, &7u32.to_le_bytes()));
        sheet.extend(record(
            0x05,
            &[3, 0, 0, 0, 1, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        sheet.extend(record(
            0x05,
            &[4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        // a record claiming more than the part holds: the walk ends, what was read stays
        sheet.extend([0x05, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2]);
        let look = SheetLook {
            by_xf: &looks,
            shared: &SharedMarks::new(),
            fonts: &XlsbFonts::default(),
        };
        assert_eq!(cells(&mut sheet.as_slice(), &look).styled, [((7, 3), 0)]);
    }
}
