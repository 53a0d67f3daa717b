//! Number formats of workbooks (`formats::number_format`, `ods_formats`, the xlsx styles): the
//! fuzzer's bytes become one part of a real workbook, read through `table::read_bytes`, chosen
//! by the first byte modulo 3:
//! - 0: an `.xlsx` number format code (the rest up to its first line break; after it, the text
//!   of the numeric cell it formats), applied to a number, a negative number, zero and a text
//!   cell (`formatCode="…"` in `xl/styles.xml`);
//! - 1: the `content.xml` of an `.ods` (its automatic number styles and the cells that use them:
//!   `ods_formats` turns them into Excel codes and places them as calamine places its cells);
//! - 2: the whole `xl/styles.xml` of an `.xlsx` whose cells use styles 0 to 5.
//! The zips are stored, not deflated, so that the XML is what gets fuzzed, not the zip.
#![no_main]

use std::io::{Cursor, Write};

use jixiao::table::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const CT: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
const RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WB_RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const MANIFEST: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// A stored zip of these parts.
fn zipped(parts: &[(&str, &[u8])]) -> Option<Vec<u8>> {
    let mut buf = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        z.start_file(*name, o).ok()?;
        z.write_all(data).ok()?;
    }
    z.finish().ok()?;
    Some(buf.into_inner())
}

/// Text as XML attribute or element content.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An `.xlsx` of these styles and a sheet whose cells use the styles 0 to 5.
fn xlsx(styles: &[u8], value: &str) -> Option<Vec<u8>> {
    let wb = format!(
        r#"<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let v = escape(value);
    let mut rows = String::new();
    for s in 0..6 {
        let r = s + 1;
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" s="{s}"><v>{v}</v></c><c r="B{r}" s="{s}"><v>-{v}</v></c><c r="C{r}" s="{s}"><v>0</v></c><c r="D{r}" s="{s}" t="inlineStr"><is><t>12</t></is></c><c r="E{r}" s="{s}"><v>0.955</v></c></row>"#
        ));
    }
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>"#
    );
    zipped(&[
        ("[Content_Types].xml", CT),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WB_RELS),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (bytes, name) = match first % 3 {
        0 => {
            let text = String::from_utf8_lossy(rest);
            let (code, value) = text.split_once('\n').unwrap_or((&text, "1234.5678"));
            let value = if value.trim().is_empty() {
                "1234.5678"
            } else {
                value
            };
            let styles = format!(
                r#"<?xml version="1.0"?><styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="{}"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
                escape(code)
            );
            (xlsx(styles.as_bytes(), value), "x.xlsx")
        }
        1 => (
            zipped(&[
                ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                ("META-INF/manifest.xml", MANIFEST),
                ("content.xml", rest),
            ]),
            "x.ods",
        ),
        _ => (xlsx(rest, "1234.5678"), "x.xlsx"),
    };
    let Some(bytes) = bytes else {
        return;
    };
    if let Ok(doc) = table::read_bytes(name, &bytes, &ReadOptions::default()) {
        let _ = doc.counts();
    }
});
