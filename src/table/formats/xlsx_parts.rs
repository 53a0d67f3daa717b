//! What an `.xlsx` says about its own parts, checked before calamine opens it: the sheets its
//! workbook names and the style entries it holds.
//!
//! calamine opens a workbook by reading every style of `styles.xml` into memory and then reads
//! each sheet's part by the path its relationship gives. Two things a small file can claim are
//! bounded here, in one pass over the parts that say them (the zip is already unzipped within
//! [`limits::UNZIPPED`] by `grid::check_zip`):
//!
//! - **One part named by several sheets** (2,000 sheets whose relationships all point at one
//!   20,000-row part: 124 KB that read for minutes, the part unzipped and read again for each
//!   sheet). Excel, WPS and every writer give each sheet a part of its own, so a part named
//!   twice is refused at once (`table.sheet-part-repeated`), naming the part and both sheets;
//!   the paths are compared as calamine looks them up (relative to the workbook's folder or
//!   absolute, ASCII case ignored, `\` as `/`).
//! - **Sheets** past [`limits::SHEETS`], and **style entries** (`<xf>`, `<numFmt>`, `<font>`,
//!   `<fill>`, `<border>`: each held by calamine, about 300 bytes apiece) past
//!   [`limits::STYLES`] (`table.too-many-entries`): 2,000,000 `<xf/>` in 89 KB held 620 MB.
//!   Excel itself keeps at most 64,000 cell formats.
//! - **A number format code** longer than [`limits::FORMAT_CODE`] (Excel's 255 characters,
//!   `table.format-code-too-long`): calamine copies a custom code into every cell format that
//!   names it, and a code of 256 KB named 2,000 times held 512 MB from a 4 KB file.
//!
//! The workbook is found as calamine finds it (the `officeDocument` relationship of
//! `_rels/.rels`). A part that is missing or XML that does not read is left to calamine's own
//! error: this module only refuses, it never reads a cell's value. It does tell, for a sheet
//! whose reading met cells with no value, which of them hold a formula whose result the file
//! does not keep ([`formulas_without_values`]: a workbook a script wrote and no spreadsheet
//! calculated), which calamine gives as empty cells.

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use quick_xml::events::{BytesStart, Event};

use crate::limits;
use crate::table::ReadError;

/// Calamine's lookup of a zip's parts: each entry's ASCII-lowercased path (`\\` as `/`) → the
/// entry's own name.
fn entry_names<R: Read + Seek>(zip: &zip::ZipArchive<R>) -> HashMap<String, String> {
    zip.file_names()
        .flatten()
        .map(|n| (n.replace('\\', "/").to_ascii_lowercase(), n.into_owned()))
        .collect()
}

/// `path`'s entry in `entries` as calamine finds it (case aside), or `path` as written.
fn resolve_in(entries: &HashMap<String, String>, path: &str) -> String {
    entries
        .get(&path.to_ascii_lowercase())
        .cloned()
        .unwrap_or_else(|| path.to_owned())
}

/// Refuses an xlsx (`zip`) whose sheets name one part twice, or of more sheets or style entries
/// than the limits (see the module docs).
pub(crate) fn guard<R: Read + Seek>(
    name: &str,
    zip: &mut zip::ZipArchive<R>,
) -> Result<(), ReadError> {
    let entries = entry_names(zip);
    let resolve = |path: &str| resolve_in(&entries, path);
    let (folder, workbook) = workbook_path(zip, &resolve);
    let styles = resolve(&format!("{folder}styles.xml"));
    count_styles(name, zip, &styles)?;
    let rels = relationships(zip, &resolve(&format!("{folder}_rels/{workbook}.rels")));
    let mut named: HashMap<String, String> = HashMap::new();
    let mut sheets: u64 = 0;
    let max_sheets = limits::SHEETS.get();
    let book = resolve(&format!("{folder}{workbook}"));
    for_each_start(zip, &book, |e| {
        if e.local_name().as_ref() != "sheet" {
            return Ok(());
        }
        sheets += 1;
        if sheets > max_sheets {
            return Err(ReadError::TooManyEntries {
                name: name.into(),
                what: format!("的 {book} 中的工作表"),
                count: sheets,
                limit: &limits::SHEETS,
                help: limits::SHEETS.help(),
            });
        }
        let Some((sheet, part)) = sheet_part(e, &rels, &folder, &resolve) else {
            return Ok(());
        };
        match named.get(&part) {
            Some(first) => Err(ReadError::SheetPartRepeated {
                name: name.into(),
                part,
                first: first.clone(),
                second: sheet,
            }),
            None => {
                named.insert(part, sheet);
                Ok(())
            }
        }
    })
}

/// The sheet a workbook's `<sheet>` element `e` names and its part, as calamine looks it up
/// (relative to the workbook's `folder` or absolute, through `resolve`).
fn sheet_part(
    e: &BytesStart<'_>,
    rels: &HashMap<String, String>,
    folder: &str,
    resolve: &impl Fn(&str) -> String,
) -> Option<(String, String)> {
    let sheet = attr(e, "name").unwrap_or_default();
    let target = attr(e, "id").and_then(|id| rels.get(&id))?;
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("{folder}{target}"),
    };
    Some((sheet, resolve(&path)))
}

/// Each sheet's part's unzipped size, by the sheet's name, as the zip's directory gives it
/// (checked against [`limits::UNZIPPED`], all the parts together, by `grid::check_zip` before
/// the workbook is read): what a sheet's text is reserved from (`workbook::read_xlsx`).
pub(crate) fn sheet_part_sizes(bytes: &[u8]) -> HashMap<String, u64> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return out;
    };
    for (sheet, part) in sheet_parts(&mut zip) {
        if let Ok(entry) = zip.by_name(&part) {
            out.insert(sheet, entry.size());
        }
    }
    out
}

/// Each sheet's name and its part, as calamine looks the part up.
fn sheet_parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<(String, String)> {
    let entries = entry_names(zip);
    let resolve = |path: &str| resolve_in(&entries, path);
    let (folder, workbook) = workbook_path(zip, &resolve);
    let rels = relationships(zip, &resolve(&format!("{folder}_rels/{workbook}.rels")));
    let mut parts = Vec::new();
    let _ = for_each_start(zip, &resolve(&format!("{folder}{workbook}")), |e| {
        if e.local_name().as_ref() == "sheet" {
            parts.extend(sheet_part(e, &rels, &folder, &resolve));
        }
        Ok(())
    });
    parts
}

/// Of `empty` (0-based row and column of the cells of `sheet` that calamine read with no value:
/// `<c>` elements with content but none it reads as a value), those that hold a formula
/// (`<f>…</f>` or a shared formula's `<f t="shared" si="0"/>`) and no saved result (`<v>`).
/// One pass over the sheet's part, made only for a sheet with such cells.
pub(crate) fn formulas_without_values(
    bytes: &[u8],
    sheet: &str,
    empty: &std::collections::HashSet<(u32, u32)>,
) -> Vec<(u32, u32)> {
    in_sheet_part(bytes, sheet, |reader| {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        // the open cell's place, whether it holds a formula, and whether a value
        let mut cell: Option<((u32, u32), bool, bool)> = None;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) if e.local_name().as_ref() == "c" => {
                    cell = attr(&e, "r")
                        .and_then(|r| cell_place(&r))
                        .filter(|at| empty.contains(at))
                        .map(|at| (at, false, false));
                }
                Ok(Event::Start(e) | Event::Empty(e)) if cell.is_some() => {
                    if let Some((_, formula, value)) = cell.as_mut() {
                        match e.local_name().as_ref() {
                            "f" => *formula = true,
                            "v" | "is" => *value = true,
                            _ => {}
                        }
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == "c" => {
                    if let Some((at, true, false)) = cell.take() {
                        out.push(at);
                    }
                }
                Ok(Event::Eof) | Err(_) => return out,
                Ok(_) => {}
            }
        }
    })
}

/// The rows and columns `sheet`'s part hides (`<row r="3" hidden="1">`, `<col min="2" max="3"
/// hidden="1"/>`; a row without `r` follows the one before), 0-based. One pass over the part,
/// made only where the part may hide something (`hidden::HIDDEN`, `super::WordSeen`).
pub(crate) fn hidden_places(bytes: &[u8], sheet: &str) -> super::hidden::HiddenPlaces {
    in_sheet_part(bytes, sheet, |reader| {
        let mut out = super::hidden::HiddenPlaces::default();
        let mut buf = Vec::new();
        let hidden =
            |e: &BytesStart<'_>| attr(e, "hidden").is_some_and(|h| h == "1" || h == "true");
        let number =
            |e: &BytesStart<'_>, key: &str| attr(e, key).and_then(|v| v.parse::<u32>().ok());
        let mut row: u32 = 0;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                    "row" => {
                        row = number(&e, "r").unwrap_or(row + 1);
                        if hidden(&e) && row > 0 && out.rows.len() < MAX_HIDDEN {
                            out.rows.push(row - 1);
                        }
                    }
                    "col" if hidden(&e) && out.cols.len() < MAX_HIDDEN => {
                        if let (Some(min), Some(max)) = (number(&e, "min"), number(&e, "max"))
                            && min >= 1
                            && max >= min
                        {
                            out.cols.push((min - 1, max - 1));
                        }
                    }
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => return out,
                Ok(_) => {}
            }
        }
    })
}

/// Hidden rows (and column ranges) a sheet's notes name at most: past them, the rest are read
/// without a note (each is a `<row>` counted against the cell limit already).
const MAX_HIDDEN: usize = 100_000;

/// `read` given a reader of the shared-string table of the workbook `bytes`, found as calamine
/// finds it (`sharedStrings.xml` in the workbook's folder; end names not checked), or
/// `T::default()` where the zip or the part cannot be opened.
pub(super) fn in_shared_strings<T: Default>(
    bytes: &[u8],
    read: impl FnOnce(&mut quick_xml::Reader<BufReader<&mut dyn Read>>) -> T,
) -> T {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return T::default();
    };
    let entries = entry_names(&zip);
    let resolve = |path: &str| resolve_in(&entries, path);
    let (folder, _) = workbook_path(&mut zip, &resolve);
    let Ok(mut entry) = zip.by_name(&resolve(&format!("{folder}sharedStrings.xml"))) else {
        return T::default();
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(&mut entry as &mut dyn Read));
    reader.config_mut().check_end_names = false;
    read(&mut reader)
}

/// `read` given a reader of `sheet`'s part of the workbook `bytes` (end names not checked), or
/// `T::default()` where the zip, the sheet or its part cannot be opened.
pub(super) fn in_sheet_part<T: Default>(
    bytes: &[u8],
    sheet: &str,
    read: impl FnOnce(&mut quick_xml::Reader<BufReader<&mut dyn Read>>) -> T,
) -> T {
    with_sheet_part(bytes, sheet, |part| {
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
        reader.config_mut().check_end_names = false;
        read(&mut reader)
    })
    .unwrap_or_default()
}

/// `read` given `sheet`'s part of the workbook `bytes`, unzipped as it is read, or `None` where
/// the zip, the sheet or its part cannot be opened.
pub(super) fn with_sheet_part<T>(
    bytes: &[u8],
    sheet: &str,
    read: impl FnOnce(&mut dyn Read) -> T,
) -> Option<T> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let (_, part) = sheet_parts(&mut zip)
        .into_iter()
        .find(|(s, _)| s == sheet)?;
    let mut entry = zip.by_name(&part).ok()?;
    Some(read(&mut entry))
}

/// A cell reference's 0-based row and column (`F3` → (2, 5)).
pub(super) fn cell_place(r: &str) -> Option<(u32, u32)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u32 = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Whether `zip` is a workbook calamine would open as an xlsx though it has no
/// `xl/workbook.xml`: its `officeDocument` relationship names a part whose root is
/// `<workbook>`. Such a file is read as an xlsx (cell by cell, guarded), never handed to
/// calamine's dense-range reader, where one far cell reserved the whole sheet (a 1 KB file
/// aborted the process).
pub(crate) fn names_a_workbook<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> bool {
    let Some(target) = office_document(zip, &|p: &str| p.to_owned()) else {
        return false;
    };
    let part = target.strip_prefix('/').unwrap_or(&target).to_owned();
    let entries: HashMap<String, String> = zip
        .file_names()
        .flatten()
        .map(|n| (n.replace('\\', "/").to_ascii_lowercase(), n.into_owned()))
        .collect();
    let Some(part) = entries.get(&part.to_ascii_lowercase()).cloned() else {
        return false;
    };
    let Ok(entry) = zip.by_name(&part) else {
        return false;
    };
    // the first start tag is the root
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => return e.local_name().as_ref() == "workbook",
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// The target of the `officeDocument` relationship in `_rels/.rels`.
fn office_document<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    resolve: &impl Fn(&str) -> String,
) -> Option<String> {
    let mut target = None;
    let _ = for_each_start(zip, &resolve("_rels/.rels"), |e| {
        if e.local_name().as_ref() == "Relationship"
            && attr(e, "Type").is_some_and(|t| t.ends_with("/relationships/officeDocument"))
            && let Some(t) = attr(e, "Target")
        {
            target = Some(t);
        }
        Ok(())
    });
    target
}

/// The workbook's folder (`xl/`) and file name (`workbook.xml`), as calamine finds them: the
/// target of the `officeDocument` relationship in `_rels/.rels`, else `xl/workbook.xml`.
fn workbook_path<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    resolve: &impl Fn(&str) -> String,
) -> (String, String) {
    let Some(target) = office_document(zip, resolve) else {
        return ("xl/".into(), "workbook.xml".into());
    };
    let (folder, file) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let folder = folder.strip_prefix('/').unwrap_or(folder).to_owned();
    let file = if file.is_empty() {
        "workbook.xml"
    } else {
        file
    };
    (folder, file.to_owned())
}

/// The workbook's relationships: id → target.
fn relationships<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    part: &str,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let _ = for_each_start(zip, part, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            out.insert(id, target);
        }
        Ok(())
    });
    out
}

/// Counts the style entries calamine holds, stopping at the first past [`limits::STYLES`]; and
/// the bytes of number format codes it copies, one copy for each cell format (`<xf>`) naming a
/// custom code, against [`limits::UNZIPPED`]: a 2.9 KB file of one 1 MB code named by 2,000
/// cell formats took 4 GB (the seventh probe), 100,000 of them would have been 100 GB.
fn count_styles<R: Read + Seek>(
    name: &str,
    zip: &mut zip::ZipArchive<R>,
    part: &str,
) -> Result<(), ReadError> {
    let max = limits::STYLES.get();
    let mut count: u64 = 0;
    // each custom code's length by its id, as calamine keeps them when it meets `<numFmt>`
    let mut codes: HashMap<String, u64> = HashMap::new();
    let (mut copied, budget) = (0u64, limits::UNZIPPED.get());
    for_each_start(zip, part, |e| {
        match e.local_name().as_ref() {
            "numFmt" => {
                if let (Some(id), Some(code)) = (attr(e, "numFmtId"), attr(e, "formatCode")) {
                    format_code_within(name, part, &code)?;
                    codes.insert(id, code.len() as u64);
                }
            }
            "xf" => {
                if let Some(len) = attr(e, "numFmtId").and_then(|id| codes.get(&id)) {
                    copied = copied.saturating_add(*len);
                    if copied > budget {
                        return Err(ReadError::UnzippedTooLarge {
                            name: name.into(),
                            part: format!("{part} 的数字格式代码，按单元格格式的引用次数展开后"),
                            max: limits::UNZIPPED.shown(),
                            help: limits::UNZIPPED.help(),
                        });
                    }
                }
            }
            _ => {}
        }
        if matches!(
            e.local_name().as_ref(),
            "xf" | "numFmt" | "font" | "fill" | "border"
        ) {
            count += 1;
            if count > max {
                return Err(ReadError::TooManyEntries {
                    name: name.into(),
                    what: format!(
                        "的 {part} 中的样式条目（单元格格式、数字格式、字体、填充、边框）"
                    ),
                    count,
                    limit: &limits::STYLES,
                    help: limits::STYLES.help(),
                });
            }
        }
        Ok(())
    })
}

/// Refuses a number format `code` of `part` longer than [`limits::FORMAT_CODE`] (Excel's 255
/// characters): calamine copies a custom code into every cell format naming it, so a code of
/// 256 KB named by 2,000 cell formats of a 4 KB file was 512 MB held, within the unzipped
/// limit that counts those copies.
pub(crate) fn format_code_within(name: &str, part: &str, code: &str) -> Result<(), ReadError> {
    let max = limits::FORMAT_CODE.get();
    // bytes bound characters from above: most codes are decided without counting
    if code.len() as u64 <= max {
        return Ok(());
    }
    let chars = code.chars().count() as u64;
    if chars <= max {
        return Ok(());
    }
    Err(format_code_too_long(name, part, chars))
}

/// The refusal of a number format code of `chars` characters in `part` of `name` (past
/// [`limits::FORMAT_CODE`]).
pub(crate) fn format_code_too_long(name: &str, part: &str, chars: u64) -> ReadError {
    ReadError::FormatCodeTooLong {
        name: name.into(),
        part: part.into(),
        chars,
        limit: &limits::FORMAT_CODE,
        help: limits::FORMAT_CODE.help(),
    }
}

/// Calls `each` with every start (or empty) tag of `part`, streaming; stops at its first error.
/// A missing part or XML that does not read ends the walk quietly (calamine gives its error).
fn for_each_start<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    part: &str,
    mut each: impl FnMut(&BytesStart<'_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let Ok(entry) = zip.by_name(part) else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    // as calamine reads it: a mismatched end tag does not stop it, so it must not stop this
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => each(&e)?,
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// The value of the attribute whose local name is `key` (`r:id` is `id`), unescaped.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let a = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)?;
    let raw = a.value.into_owned();
    Some(
        quick_xml::escape::unescape(&raw)
            .map(|s| s.into_owned())
            .unwrap_or(raw),
    )
}
