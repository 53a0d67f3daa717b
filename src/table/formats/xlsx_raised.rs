//! Text an `.xlsx` sets raised or lowered (issue 27): a rich-text run whose `<rPr>` holds
//! `<vertAlign val="superscript"/>` (`"subscript"`), in a shared string (`<si><r>…`) or an
//! inline one (`<c t="inlineStr"><is><r>…`). calamine joins a string's runs, so `80` + a
//! raised `1` + `人` read `801人` (达标 against ≥500人, a footnote mark read into the figure).
//! Here the digits of such runs are written raised (lowered) as the page, Word and `.doc`
//! readers write them (`super::raised_digits`: `80¹人`, a figure and its mark, which the
//! evaluation leaves to a person; `m` + a raised `2` is `m²`).
//!
//! Looked for only where `grid::check_zip` saw `vertAlign` in the shared strings or a sheet's
//! part ([`VERT_ALIGN`], [`super::WordSeen`]): a workbook without one is not read again. Then:
//! - the shared strings are read once more ([`shared_marks`]: one linear pass, which keeps
//!   only the strings with a raised or lowered run, by index; the part and its count of
//!   strings are within the limits already);
//! - each sheet's part is read once more ([`sheet_marks`]): the places of the cells naming
//!   such a string (`<c t="s"><v>N</v>`) or holding such an inline string, found as calamine
//!   places a cell (its `r`, else after the cell before). A cell is given the raised text
//!   only where calamine's text for it is the joined text read here ([`Marked::shown_for`]):
//!   the join is by place and index, never by text alone, so a plain `801人` elsewhere (its
//!   own shared string) is never changed.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use super::attr;

/// What `grid::check_zip` looks for in the shared strings and the sheets' parts
/// ([`super::WordSeen`]): a run's raised or lowered setting.
pub(crate) const VERT_ALIGN: &[u8] = b"vertAlign";

/// A string with a raised or lowered run: its runs joined as calamine joins them, and as
/// shown (the digits of raised runs raised, of lowered runs lowered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marked {
    joined: String,
    shown: String,
}

impl Marked {
    /// A string joined as calamine gives it, and as shown.
    pub(crate) fn new(joined: String, shown: String) -> Self {
        Marked { joined, shown }
    }

    /// The text shown, taken (a cell calamine does not read: `xlsb_skipped`).
    pub(crate) fn into_shown(self) -> String {
        self.shown
    }

    /// The text shown, whatever calamine read (tests).
    #[cfg(test)]
    pub(crate) fn shown_for_any(&self) -> &str {
        &self.shown
    }

    /// The text shown for a cell calamine read as `text`, where it is this string's joined
    /// text (else the cell is not this string: left as calamine read it).
    pub(crate) fn shown_for(&self, text: &str) -> Option<&str> {
        (self.joined == text).then_some(self.shown.as_str())
    }
}

/// A string's text as it is read, run by run: joined as calamine joins it and as shown.
#[derive(Debug, Default)]
pub(crate) struct MarkedText {
    joined: String,
    shown: String,
    /// Whether a digit was raised or lowered.
    marked: bool,
}

impl MarkedText {
    /// The next text, in a run set raised (`script` `Some(false)`), lowered (`Some(true)`) or
    /// on the line (`None`).
    pub(crate) fn push(&mut self, text: &str, script: Option<bool>) {
        self.joined.push_str(text);
        let shown = super::shown_in(text, script);
        self.marked |= matches!(shown, std::borrow::Cow::Owned(_));
        self.shown.push_str(&shown);
    }

    /// The string, where a digit of it is raised or lowered.
    pub(crate) fn finish(self) -> Option<Marked> {
        self.marked.then_some(Marked {
            joined: self.joined,
            shown: self.shown,
        })
    }
}

/// A cell's raised text: a shared string's index, or an inline string of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CellMark {
    Shared(u32),
    /// (held once for each place an `.ods` repeats it at)
    Inline(std::sync::Arc<Marked>),
}

/// The shared strings with a raised or lowered run, by index (see the module docs).
pub(crate) type SharedMarks = HashMap<u32, Marked>;

/// A sheet's cells holding a raised or lowered run, by place (0-based row and column).
pub(crate) type SheetMarks = HashMap<(u32, u32), CellMark>;

/// The text a cell at `at` calamine read as `text` shows, where it holds a raised or lowered
/// run (`None`: as calamine read it).
pub(crate) fn shown<'m>(
    (shared, sheet): (&'m SharedMarks, &'m SheetMarks),
    at: (u32, u32),
    text: &str,
) -> Option<&'m str> {
    match sheet.get(&at)? {
        CellMark::Shared(i) => shared.get(i)?.shown_for(text),
        CellMark::Inline(m) => m.shown_for(text),
    }
}

/// The shared strings of the workbook `bytes` that hold a raised or lowered run, by index
/// (counted as calamine counts them: each `<si>` start; an empty `<si/>` it skips). Empty
/// where the part is missing or does not read (calamine gives its own error).
pub(crate) fn shared_marks(bytes: &[u8]) -> SharedMarks {
    super::xlsx_parts::in_shared_strings(bytes, |reader| {
        let mut out = SharedMarks::new();
        let mut buf = Vec::new();
        let mut index: u32 = 0;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                    if let Some(m) = read_runs(reader, "si") {
                        out.insert(index, m);
                    }
                    index = index.saturating_add(1);
                }
                Ok(Event::Eof) | Err(_) => return out,
                Ok(_) => {}
            }
        }
    })
}

/// The cells of `sheet` (in the workbook `bytes`) that name one of `shared` or hold an
/// inline string with a raised or lowered run, placed as calamine places them.
pub(crate) fn sheet_marks(bytes: &[u8], sheet: &str, shared: &SharedMarks) -> SheetMarks {
    super::xlsx_parts::in_sheet_part(bytes, sheet, |reader| {
        let mut out = SheetMarks::new();
        let mut buf = Vec::new();
        // a `<v>`'s events and text, read into the same two buffers cell after cell
        let mut index = (Vec::new(), String::new());
        let (mut row, mut col) = (0u32, 0u32);
        // the open cell's place and whether it names a shared string
        let mut cell: Option<((u32, u32), bool)> = None;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => match e.local_name().as_ref() {
                    "row" => {
                        if let Some(r) = plain_attr(&e, "r").and_then(|r| r.parse::<u32>().ok()) {
                            row = r.saturating_sub(1);
                        }
                    }
                    "c" => {
                        let (r, shared) = place_and_type(&e);
                        let at = match r.and_then(|r| super::xlsx_parts::cell_place(&r)) {
                            Some(at) => {
                                col = at.1;
                                at
                            }
                            None => (row, col),
                        };
                        cell = Some((at, shared));
                    }
                    "v" if matches!(cell, Some((_, true))) && !shared.is_empty() => {
                        let at = cell.map_or((0, 0), |c| c.0);
                        if let Some(i) = read_index(reader, &mut index)
                            && shared.contains_key(&i)
                        {
                            out.insert(at, CellMark::Shared(i));
                        }
                    }
                    "is" if cell.is_some() => {
                        let at = cell.map_or((0, 0), |c| c.0);
                        if let Some(m) = read_runs(reader, "is") {
                            out.insert(at, CellMark::Inline(m.into()));
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    "c" => {
                        cell = None;
                        col = col.saturating_add(1);
                    }
                    "row" => {
                        row = row.saturating_add(1);
                        col = 0;
                    }
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => return out,
                Ok(_) => {}
            }
        }
    })
}

/// A `<v>`'s text read as a shared string's index (the reader just past its start), read
/// into `buf` and `text` (scratch: cleared here).
fn read_index<R: BufRead>(
    reader: &mut quick_xml::Reader<R>,
    (buf, text): &mut (Vec<u8>, String),
) -> Option<u32> {
    text.clear();
    loop {
        buf.clear();
        match reader.read_event_into(buf) {
            Ok(Event::Text(t)) if text.len() < 16 => text.push_str(&t.xml10_content()),
            Ok(Event::End(_)) | Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    text.trim().parse().ok()
}

/// Reads the runs of a string (`<si>` or `<is>`, whose start the reader is just past) to its
/// end as calamine does (each `<t>` outside `<rPh>`, trimmed unless `xml:space="preserve"`,
/// Excel's `_xHHHH_` escapes undone), and returns it where a run is set raised or lowered.
fn read_runs<R: BufRead>(reader: &mut quick_xml::Reader<R>, closing: &str) -> Option<Marked> {
    let mut buf = Vec::new();
    let mut out = MarkedText::default();
    // the open run's setting: raised (`Some(false)`), lowered (`Some(true)`)
    let mut script: Option<bool> = None;
    let mut phonetic = false;
    // the open `<t>`'s text and whether its spaces are kept
    let mut text: Option<(String, bool)> = None;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "r" => script = None,
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    let keep = attr(&e, "xml:space").as_deref() == Some("preserve");
                    text = Some((String::new(), keep));
                }
                "vertAlign" => script = super::vert_align(attr(&e, "val").as_deref()),
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "vertAlign" => {
                script = super::vert_align(attr(&e, "val").as_deref());
            }
            Ok(Event::Text(t)) => {
                if let Some((s, _)) = text.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Ok(Event::CData(t)) => {
                if let Some((s, _)) = text.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some((s, _)) = text.as_mut()
                    && let Some(c) = super::xml_entity(&r)
                {
                    s.push(c);
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "t" => {
                    if let Some((s, keep)) = text.take() {
                        let s = if keep {
                            s.as_str()
                        } else {
                            s.trim_matches([' ', '\t', '\r', '\n'])
                        };
                        out.push(&unescape_excel(s), script);
                    }
                }
                "r" => script = None,
                "rPh" => phonetic = false,
                name if name == closing => break,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
    out.finish()
}

/// A cell's `r` as written and whether its `t` is `s` (a shared string's index), in one look
/// at its attributes (each the first of its name; ASCII, no entities), not copied: read for
/// every cell of a sheet.
fn place_and_type<'a>(e: &'a BytesStart<'_>) -> (Option<std::borrow::Cow<'a, str>>, bool) {
    let (mut r, mut t) = (None, None);
    for a in e.attributes().flatten() {
        match a.key.as_ref() {
            "r" if r.is_none() => r = Some(a.value),
            "t" if t.is_none() => t = Some(a.value),
            _ => {}
        }
        if r.is_some() && t.is_some() {
            break;
        }
    }
    (r, t.as_deref() == Some("s"))
}

/// An attribute's value as written (a row's `r`: ASCII, no entities), not copied: read for
/// every row of a sheet.
fn plain_attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value)
}

/// Excel's `_xHHHH_` escapes (a UTF-16 unit each; a pair for a character past the BMP)
/// undone, as calamine undoes them (an unpaired surrogate is U+FFFD).
fn unescape_excel(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("_x") {
        return s.into();
    }
    let unit = |i: usize| -> Option<u16> {
        let b = s.as_bytes().get(i..i + 7)?;
        if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let Some(u) = unit(i) else {
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            out.push(c);
            i += c.len_utf8().max(1);
            continue;
        };
        i += 7;
        match u {
            0xD800..=0xDBFF => match unit(i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let cp = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                    i += 7;
                }
                _ => out.push('\u{FFFD}'),
            },
            0xDC00..=0xDFFF => out.push('\u{FFFD}'),
            _ => out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(xml: &str) -> Option<Marked> {
        let mut reader = quick_xml::Reader::from_reader(xml.as_bytes());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                    return read_runs(&mut reader, "si");
                }
                Ok(Event::Eof) | Err(_) => return None,
                _ => {}
            }
            buf.clear();
        }
    }

    #[test]
    fn a_raised_run_is_read_raised_and_a_plain_string_is_not_kept() {
        let m = runs(
            r#"<si><r><t>80</t></r><r><rPr><vertAlign val="superscript"/></rPr><t>1</t></r><r><t>人</t></r></si>"#,
        )
        .unwrap();
        assert_eq!((m.joined.as_str(), m.shown.as_str()), ("801人", "80¹人"));
        let m = runs(
            r#"<si><r><t xml:space="preserve">100m </t></r><r><rPr><sz val="9"/><vertAlign val="subscript"/></rPr><t>2</t></r><rPh><t>2</t></rPh></si>"#,
        )
        .unwrap();
        assert_eq!((m.joined.as_str(), m.shown.as_str()), ("100m 2", "100m ₂"));
        // a run on the line, a raised run of no digits, a plain string: nothing to keep
        for plain in [
            r#"<si><r><rPr><vertAlign val="baseline"/></rPr><t>1</t></r></si>"#,
            r#"<si><r><t>80人</t></r><r><rPr><vertAlign val="superscript"/></rPr><t>注</t></r></si>"#,
            "<si><t>801人</t></si>",
        ] {
            assert_eq!(runs(plain), None, "{plain}");
        }
    }

    /// An xlsx of one sheet (`sheet_data`, the inside of `<sheetData>`) and its shared
    /// strings (`strings`, the `<si>` elements).
    fn xlsx(sheet_data: &str, strings: &str) -> Vec<u8> {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let parts = [
            (
                "xl/workbook.xml",
                format!(
                    r#"<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#
                    .to_owned(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(r#"<worksheet xmlns="{main}"><sheetData>{sheet_data}</sheetData></worksheet>"#),
            ),
            (
                "xl/sharedStrings.xml",
                format!(r#"<sst xmlns="{main}">{strings}</sst>"#),
            ),
        ];
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, text.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn cells_are_joined_to_their_raised_string_by_place_and_index() {
        let sup = r#"<rPr><vertAlign val="superscript"/></rPr>"#;
        let strings = format!(
            "<si><t>801人</t></si><si/><si><r><t>80</t></r><r>{sup}<t>1</t></r><r><t>人</t></r></si>"
        );
        // index 1 is the third `<si>` (calamine skips an empty `<si/>`); cells without `r`
        // follow the one before, a row without `r` the row before
        let rows = format!(
            r#"<row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>9</t></r><r>{sup}<t>2</t></r></is></c></row><row><c r="D3" t="s"><v>1</v></c><c><v>1</v></c><c t="s"><v>0</v></c></row>"#
        );
        let bytes = xlsx(&rows, &strings);
        let shared = shared_marks(&bytes);
        assert_eq!(shared.keys().collect::<Vec<_>>(), [&1]);
        let marks = sheet_marks(&bytes, "S", &shared);
        let mut got: Vec<_> = marks
            .keys()
            .map(|&at| {
                (
                    at,
                    shown(
                        (&shared, &marks),
                        at,
                        if at == (1, 2) { "92" } else { "801人" },
                    ),
                )
            })
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ((1, 1), Some("80¹人")),
                ((1, 2), Some("9²")),
                ((2, 3), Some("80¹人"))
            ]
        );
        // a cell whose text calamine read otherwise is not this string
        assert_eq!(shown((&shared, &marks), (1, 1), "80人"), None);
        // a workbook of no marked string: no place kept
        let plain = xlsx(
            r#"<row r="1"><c t="s"><v>0</v></c></row>"#,
            "<si><t>801人</t></si>",
        );
        assert!(shared_marks(&plain).is_empty());
        assert!(sheet_marks(&plain, "S", &SharedMarks::new()).is_empty());
    }

    #[test]
    fn excel_escapes_are_undone_as_calamine_does() {
        assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
        assert_eq!(unescape_excel("_xD83D__xDCF7_"), "📷");
        assert_eq!(unescape_excel("_x12_"), "_x12_");
    }
}
