//! Word `.docx`: the fuzzer's bytes become `word/document.xml` of a real zip (so the XML
//! reading — tables, `gridSpan`, `vMerge`, `gridBefore`, nested tables, paragraphs — is what
//! gets fuzzed, not the zip), read through `table::read_bytes`. An input whose first byte is
//! odd is read as it is instead (the zip itself).
#![no_main]

use std::io::{Cursor, Write};

use jixiao::table::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let bytes = if first & 1 == 1 {
        rest.to_vec()
    } else {
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        if z.start_file("[Content_Types].xml", o).is_err()
            || z.write_all(b"<Types/>").is_err()
            || z.start_file("word/document.xml", o).is_err()
            || z.write_all(rest).is_err()
            || z.finish().is_err()
        {
            return;
        }
        buf.into_inner()
    };
    if let Ok(doc) = table::read_bytes("x.docx", &bytes, &ReadOptions::default()) {
        let _ = doc.counts();
    }
});
