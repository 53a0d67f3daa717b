//! A large sheet's merged ranges read without parsing its cells a second time (issue 28).
//!
//! calamine reads a sheet's merges (`merge_cells_by_sheet_name`) in a pass of its own over the
//! whole part: every event of `<sheetData>` is parsed to reach `<mergeCells>`, which comes after
//! it, and it needs a reader of its own (the shared strings and styles read again). Here the
//! part is unzipped as it is read and its `<sheetData>`'s content skipped by a byte search
//! (no XML parsed): what stays (the part before the content and after it, at most
//! [`MAX_KEPT`] bytes) is parsed as calamine parses the part (the same `quick_xml` reader and
//! settings, the first `<mergeCells>` and its `<mergeCell ref>`s, the reference read as
//! calamine reads it; any error gives no merges, as `merges_of` gives for calamine's).
//!
//! The content is cut from the end of its start tag to the `<` of the first `</sheetData>`
//! end tag, and only where the cut cannot change what is read: the cut bytes hold no
//! `mergeCell`, no `<!` (comment, CDATA) and no `<?`; the start tag is the part's first
//! `sheetData` and is met before any `<!` or `<?` but the declaration's; and no other
//! `sheetData` is cut. Otherwise (or past [`MAX_KEPT`]) [`outside_cells`] says `None` and the
//! caller reads the merges through calamine as before. A `</sheetData>` written inside an
//! attribute's value (`<` is not allowed there in XML) is taken as the end.

use std::io::Read;

use memchr::memmem;
use quick_xml::events::{BytesStart, Event};

/// A merged range's first and last cell (0-based row and column).
pub(super) type Merge = ((u32, u32), (u32, u32));

/// Bytes of a part kept outside its `<sheetData>`'s content at most: past them the merges
/// are left to calamine (a sheet of some 200,000 merges).
const MAX_KEPT: usize = 8 * 1024 * 1024;

/// Bytes read from the unzipped part at a time.
const PIECE: usize = 64 * 1024;

/// Bytes of one piece carried to the next, so that a word split between two is found (longer
/// than `sheetData` with a namespace prefix of up to 20 bytes and `</`).
const CARRY: usize = 32;

/// `sheet`'s merged ranges in the xlsx `bytes`, as calamine reads them, read from its part's
/// bytes outside `<sheetData>` (module docs); `None` where the part cannot be cut so, cannot
/// be found or unzipped.
pub(super) fn outside_cells(bytes: &[u8], sheet: &str) -> Option<Vec<Merge>> {
    super::xlsx_parts::with_sheet_part(bytes, sheet, |part| {
        let kept = outside_content(part)?;
        Some(merges_in(&kept))
    })
    .flatten()
}

/// The bytes of `part` (an unzipped sheet part, read as it comes) but its `<sheetData>`'s
/// content, where they can be cut so (module docs).
fn outside_content(part: &mut dyn Read) -> Option<Vec<u8>> {
    let sheet_data = memmem::Finder::new(b"sheetData");
    let name = b"sheetData".len();
    // the head, kept: up to the end of the first `sheetData`'s start tag
    let mut kept: Vec<u8> = Vec::new();
    let mut looked: usize = 0;
    let mut found: Option<usize> = None;
    let body_from = loop {
        if found.is_none() {
            let from = looked.saturating_sub(CARRY);
            found = sheet_data.find(&kept[from..]).map(|i| i + from);
            looked = kept.len();
        }
        if let Some(at) = found {
            if !head_is_plain(&kept[..at]) {
                return None;
            }
            match start_tag(&kept, at) {
                Tag::Ends(end) => break end,
                // an empty `<sheetData/>`: nothing to cut
                Tag::Empty => return read_rest(part, kept),
                Tag::Not => return None,
                Tag::Unread => {}
            }
        }
        if kept.len() > MAX_KEPT {
            return None;
        }
        if read_piece(part, &mut kept)? == 0 {
            // no `<sheetData>`: the part whole (a start tag cut short: calamine decides)
            return found.is_none().then_some(kept);
        }
    };
    // the content: searched, not kept; `window` is the bytes carried and the piece read
    let mut window: Vec<u8> = kept.split_off(body_from);
    loop {
        match sheet_data.find(&window) {
            // the byte after the name not read yet
            Some(at) if at + name >= window.len() => {}
            Some(at) => {
                let lt = end_tag_start(&window, at)?;
                if !cut_is_plain(&window[..lt]) {
                    return None;
                }
                kept.extend_from_slice(&window[lt..]);
                return read_rest(part, kept);
            }
            None => {
                if !cut_is_plain(&window) {
                    return None;
                }
                let keep = window.len().min(CARRY);
                window.drain(..window.len() - keep);
            }
        }
        if read_piece(part, &mut window)? == 0 {
            // no end tag: calamine's own reading decides
            return None;
        }
    }
}

/// What a `sheetData` found in a part's head names.
enum Tag {
    /// A start tag ending before this byte.
    Ends(usize),
    /// An empty element (`<sheetData/>`).
    Empty,
    /// Not a start tag's name (an end tag, a longer name, an attribute's text).
    Not,
    /// A start tag whose end is not read yet.
    Unread,
}

/// What the `sheetData` at `at` of `head` names.
fn start_tag(head: &[u8], at: usize) -> Tag {
    let after = at + b"sheetData".len();
    let Some(&next) = head.get(after) else {
        return Tag::Unread;
    };
    if !opens_tag(head, at, b"<") || !(next.is_ascii_whitespace() || next == b'>' || next == b'/') {
        return Tag::Not;
    }
    // the tag's `>`, quoted values passed over
    let mut quote = None;
    for (i, &b) in head.iter().enumerate().skip(after) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') if head[i - 1] == b'/' => return Tag::Empty,
            (None, b'>') => return Tag::Ends(i + 1),
            (None, _) => {}
        }
    }
    Tag::Unread
}

/// Whether the name at `at` of `bytes` follows `open` (`<` or `</`), directly or after a
/// namespace prefix (`<x:`).
fn opens_tag(bytes: &[u8], at: usize, open: &[u8]) -> bool {
    let before = &bytes[..at];
    let before = match before.last() {
        Some(b':') => {
            let prefix = before[..before.len() - 1]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            if prefix == 0 {
                return false;
            }
            &before[..before.len() - 1 - prefix]
        }
        _ => before,
    };
    before.ends_with(open)
}

/// The `<` of the end tag named by the `sheetData` at `at` of `window`; `None` where that
/// `sheetData` is not an end tag's name (or its start is not in the window).
fn end_tag_start(window: &[u8], at: usize) -> Option<usize> {
    if !opens_tag(window, at, b"</") {
        return None;
    }
    let after = window.get(at + b"sheetData".len())?;
    if !(after.is_ascii_whitespace() || *after == b'>') {
        return None;
    }
    window[..at].iter().rposition(|&b| b == b'<')
}

/// Whether `head` (the bytes before the first `sheetData`) holds no comment, CDATA or
/// processing instruction but the declaration (the part's first `<`).
fn head_is_plain(head: &[u8]) -> bool {
    let first = memchr::memchr(b'<', head);
    memmem::find_iter(head, b"<?").all(|i| Some(i) == first) && memmem::find(head, b"<!").is_none()
}

/// Whether the bytes cut (or a window of them) hold no `mergeCell`, `<!` or `<?`.
fn cut_is_plain(cut: &[u8]) -> bool {
    memmem::find(cut, b"mergeCell").is_none()
        && memmem::find(cut, b"<!").is_none()
        && memmem::find(cut, b"<?").is_none()
}

/// Appends up to [`PIECE`] bytes of `part` to `to`: how many (0 at its end); `None` where it
/// cannot be read.
fn read_piece(part: &mut dyn Read, to: &mut Vec<u8>) -> Option<usize> {
    let len = to.len();
    to.resize(len + PIECE, 0);
    loop {
        match part.read(&mut to[len..]) {
            Ok(n) => {
                to.truncate(len + n);
                return Some(n);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// `kept` with the rest of `part` after it, within [`MAX_KEPT`].
fn read_rest(part: &mut dyn Read, mut kept: Vec<u8>) -> Option<Vec<u8>> {
    loop {
        if kept.len() > MAX_KEPT {
            return None;
        }
        if read_piece(part, &mut kept)? == 0 {
            return Some(kept);
        }
    }
}

/// The merges in `xml` as calamine's `merge_cells_by_sheet_name` reads a part: the first
/// `<mergeCells>` start (any namespace prefix), then each `<mergeCell>`'s `ref` up to the
/// `</mergeCells>`; none on any error (the XML, an attribute before `ref`, a reference), as
/// jixiao takes calamine's error.
fn merges_in(xml: &[u8]) -> Vec<Merge> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "mergeCells" => break,
            Ok(Event::Eof) | Err(_) => return Vec::new(),
            Ok(_) => {}
        }
    }
    let mut out = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "mergeCell" => {
                match ref_of(&e).map(|r| r.map(dimension)) {
                    Ok(Some(Some(merge))) => out.push(merge),
                    Ok(None) => {}
                    Ok(Some(None)) | Err(()) => return Vec::new(),
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "mergeCells" => return out,
            Ok(Event::Eof) | Err(_) => return Vec::new(),
            Ok(_) => {}
        }
    }
}

/// The raw value of `e`'s `ref` attribute as calamine's `raw_attr` finds it: the attributes
/// in order up to the first whose key is `ref`, an error at a malformed one before it.
fn ref_of<'a>(e: &'a BytesStart<'_>) -> Result<Option<&'a str>, ()> {
    let raw = e.attributes_raw();
    let bytes = raw.as_bytes();
    let mut pos = 0;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            return Ok(None);
        }
        let key_start = pos;
        while pos < bytes.len() && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= bytes.len() {
            return Err(());
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(()),
        };
        pos += 1;
        let value_start = pos;
        while pos < bytes.len() && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[value_start..pos];
        if pos < bytes.len() {
            pos += 1;
        }
        if key == "ref" {
            return Ok(Some(value));
        }
    }
}

/// A range (`A1:B2`, or one cell `C3`) as calamine's `get_dimension` reads it: first and last
/// cell, 0-based; `None` where it reads none (calamine's error). Figures too large wrap, as
/// calamine's do in a release build.
fn dimension(range: &str) -> Option<Merge> {
    let mut parts = range.split(':');
    let first = cell(parts.next()?)?;
    let last = match parts.next() {
        Some(p) => cell(p)?,
        None => first,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((first, last))
}

/// A cell reference (`AB12`) as calamine's `get_row_column` reads it: 0-based row and column;
/// `None` without a row or a column, or with any other character.
fn cell(range: &str) -> Option<(u32, u32)> {
    let bytes = range.as_bytes();
    let mut i = 0;
    let (mut col, mut row) = (0u32, 0u32);
    while i < bytes.len() {
        match bytes[i] {
            c @ b'A'..=b'Z' => col = col.wrapping_mul(26).wrapping_add(u32::from(c - b'A') + 1),
            c @ b'a'..=b'z' => col = col.wrapping_mul(26).wrapping_add(u32::from(c - b'a') + 1),
            c @ b'0'..=b'9' => {
                row = u32::from(c - b'0');
                i += 1;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    while i < bytes.len() {
        match bytes[i] {
            c @ b'0'..=b'9' => row = row.wrapping_mul(10).wrapping_add(u32::from(c - b'0')),
            _ => return None,
        }
        i += 1;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::Reader;

    use super::*;

    /// A one-sheet workbook of `rows` rows, with `merges` (first and last row and column).
    fn workbook(rows: u32, merges: &[(u32, u16, u32, u16)]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for r in 0..rows {
            ws.write_string(r, 0, format!("项目{r}")).unwrap();
            ws.write_number(r, 1, f64::from(r) * 1.5).unwrap();
        }
        let f = rust_xlsxwriter::Format::new();
        for &(r0, c0, r1, c1) in merges {
            ws.merge_range(r0, c0, r1, c1, "并", &f).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    /// `bytes` with the first sheet's part changed by `change`.
    fn with_sheet(bytes: &[u8], change: impl Fn(&str) -> String) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let part = entry.name().unwrap().into_owned();
            let mut text = Vec::new();
            entry.read_to_end(&mut text).unwrap();
            if part == "xl/worksheets/sheet1.xml" {
                text = change(std::str::from_utf8(&text).unwrap()).into_bytes();
            }
            out.start_file(part, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &text).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// The first sheet's part unzipped.
    fn sheet_xml(bytes: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = Vec::new();
        let mut entry = zip.by_name("xl/worksheets/sheet1.xml").unwrap();
        entry.read_to_end(&mut text).unwrap();
        text
    }

    /// calamine's reading of the first sheet's merges (none on its error).
    fn calamines(bytes: &[u8]) -> Vec<Merge> {
        let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
        wb.merge_cells_by_sheet_name("Sheet1")
            .map(|m| m.iter().map(|d| (d.start, d.end)).collect())
            .unwrap_or_default()
    }

    /// A reader giving `piece` bytes at a time at most.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// The part's bytes outside its content, read `piece` bytes at a time.
    fn kept_in_pieces(xml: &[u8], piece: usize) -> Option<Vec<u8>> {
        outside_content(&mut Trickle(xml, piece))
    }

    /// Moves the `<mergeCells>` element of `xml` to just before `<sheetData>`.
    fn merges_first(xml: &str) -> String {
        let start = xml.find("<mergeCells").unwrap();
        let end = xml.find("</mergeCells>").unwrap() + "</mergeCells>".len();
        let merges = &xml[start..end];
        let rest = format!("{}{}", &xml[..start], &xml[end..]);
        rest.replacen("<sheetData>", &format!("{merges}<sheetData>"), 1)
    }

    #[test]
    fn merges_read_outside_the_cells_are_calamines_in_every_order_and_piece() {
        let merges = [(0, 0, 0, 1), (5, 0, 9, 0), (700, 1, 702, 1)];
        let written = workbook(800, &merges);
        let variants: Vec<(&str, Vec<u8>)> = vec![
            ("after <sheetData>", written.clone()),
            ("before <sheetData>", with_sheet(&written, merges_first)),
            ("none", workbook(800, &[])),
            (
                "a count that lies",
                with_sheet(&written, |x| {
                    x.replacen(
                        r#"<mergeCells count="3">"#,
                        r#"<mergeCells count="999999">"#,
                        1,
                    )
                }),
            ),
            (
                "a namespace prefix",
                with_sheet(&written, |x| {
                    x.replace("<sheetData>", "<x:sheetData>")
                        .replace("</sheetData>", "</x:sheetData >")
                        .replace("<mergeCells", "<x:mergeCells")
                        .replace("</mergeCells>", "</x:mergeCells>")
                        .replace("<mergeCell ", "<x:mergeCell ")
                }),
            ),
            (
                "a second <mergeCells>, empty first",
                with_sheet(&written, |x| {
                    x.replacen("<sheetData>", "<mergeCells/><sheetData>", 1)
                }),
            ),
            (
                "an empty <sheetData/>",
                with_sheet(&written, |x| {
                    let start = x.find("<sheetData>").unwrap();
                    let end = x.find("</sheetData>").unwrap() + "</sheetData>".len();
                    format!("{}<sheetData/>{}", &x[..start], &x[end..])
                }),
            ),
            (
                "a reference calamine does not read",
                with_sheet(&written, |x| {
                    x.replacen(r#"ref="B701:B703""#, r#"ref="B!701""#, 1)
                }),
            ),
        ];
        for (what, bytes) in &variants {
            let want = calamines(bytes);
            assert_eq!(
                outside_cells(bytes, "Sheet1").as_ref(),
                Some(&want),
                "{what}"
            );
            let xml = sheet_xml(bytes);
            let whole = kept_in_pieces(&xml, usize::MAX).unwrap();
            // cut: the 800 rows are not kept
            assert!(whole.len() < 2000, "{what}: {} bytes kept", whole.len());
            for piece in [1, 2, 3, 7, 9, 10, 11, 31, 32, 33, 4096] {
                assert_eq!(
                    kept_in_pieces(&xml, piece).as_ref(),
                    Some(&whole),
                    "{what}, {piece}"
                );
            }
        }
        let read = calamines(&variants[0].1);
        assert_eq!(
            read,
            [((0, 0), (0, 1)), ((5, 0), (9, 0)), ((700, 1), (702, 1))]
        );
        assert_eq!(calamines(&variants[1].1), read);
        assert!(calamines(&variants[2].1).is_empty());
    }

    #[test]
    fn a_part_that_cannot_be_cut_so_is_left_to_calamine() {
        let written = workbook(50, &[(0, 0, 0, 1)]);
        for (what, bytes) in [
            (
                "a cell's text naming mergeCell",
                with_sheet(&written, |x| {
                    x.replacen("<sheetData>", r#"<sheetData><row r="60"><c r="A60" t="inlineStr"><is><t>&lt;mergeCell/&gt;</t></is></c></row>"#, 1)
                }),
            ),
            (
                "a comment in the cells",
                with_sheet(&written, |x| {
                    x.replacen("</sheetData>", "<!-- </sheetData> --></sheetData>", 1)
                }),
            ),
            (
                "a comment before the cells",
                with_sheet(&written, |x| {
                    x.replacen("<sheetData>", "<!-- <sheetData> --><sheetData>", 1)
                }),
            ),
            (
                "no end of the cells",
                with_sheet(&written, |x| x.replacen("</sheetData>", "", 1)),
            ),
        ] {
            let xml = sheet_xml(&bytes);
            for piece in [1, 7, 4096] {
                assert_eq!(kept_in_pieces(&xml, piece), None, "{what}, {piece}");
            }
            assert_eq!(outside_cells(&bytes, "Sheet1"), None, "{what}");
            // and read by calamine as before
            assert_eq!(
                super::super::workbook::merges_apart(&bytes, "Sheet1"),
                calamines(&bytes)
            );
        }
        // a part with more than MAX_KEPT bytes outside its cells
        let long = format!(
            "<worksheet><sheetPr>{}</sheetPr><sheetData/></worksheet>",
            " ".repeat(MAX_KEPT + 1)
        );
        assert!(kept_in_pieces(long.as_bytes(), 4096).is_none());
    }

    #[test]
    fn references_read_as_calamine_reads_them() {
        assert_eq!(dimension("A1:B2"), Some(((0, 0), (1, 1))));
        assert_eq!(dimension("c3"), Some(((2, 2), (2, 2))));
        assert_eq!(dimension("AA10:AB11"), Some(((9, 26), (10, 27))));
        for bad in ["", "A", "1", "A0", "A1:B2:C3", "A1:", "$A$1", "A1 ", "一1"] {
            assert_eq!(dimension(bad), None, "{bad}");
        }
    }
}
