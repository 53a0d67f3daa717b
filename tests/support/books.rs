//! The workbook probes' books (`tests/probe18_workbooks.rs` … `tests/probe20_workbooks.rs`): a
//! book of `tests/fixtures/formats/` read through the library with the default options, what
//! its first project's indicators read, and a book's zip written by hand from its parts.

use std::path::Path;

use jixiao::table::{self, Document, ReadOptions};

/// The book `tests/fixtures/formats/NAME`, read.
pub fn read_fixture(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    table::read_path(&path, &ReadOptions::default()).unwrap()
}

/// The actual read of the first project's indicator `name`.
pub fn actual(doc: &Document, name: &str) -> String {
    let (_, p) = doc.projects().next().unwrap();
    let i = p
        .indicators
        .iter()
        .find(|i| *i.name == *name)
        .unwrap_or_else(|| panic!("{name}"));
    i.actual.as_deref().unwrap_or("").to_owned()
}

/// A zip of `parts` (name, text), each deflated: an `.xlsx` or `.docx` written by hand.
pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(*name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

/// A Word table's row (`<w:tr>`) of `cells`, each one paragraph of one run.
pub fn word_row(cells: &[&str]) -> String {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    format!(
        "<w:tr>{}</w:tr>",
        cells.iter().map(|c| cell(c)).collect::<String>()
    )
}
