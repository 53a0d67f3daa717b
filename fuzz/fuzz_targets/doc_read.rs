//! Word 97–2003 `.doc`: the fuzzer's bytes become the streams of a compound file (a real
//! container, so the reader's own parsing — FIB, piece table, paragraph properties — is what
//! gets fuzzed, not only the container's), read through `table::read_bytes`.
#![no_main]

use std::io::{Cursor, Write};

use jixiao::table::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // the first four bytes cut the rest into WordDocument | 1Table | Data
    if data.len() < 4 {
        return;
    }
    let a = usize::from(u16::from_le_bytes([data[0], data[1]]));
    let b = usize::from(u16::from_le_bytes([data[2], data[3]]));
    let rest = &data[4..];
    let a = a.min(rest.len());
    let b = b.min(rest.len() - a);
    let (word, more) = rest.split_at(a);
    let (table_stream, extra) = more.split_at(b);
    let Ok(mut cfb) = cfb::CompoundFile::create(Cursor::new(Vec::new())) else {
        return;
    };
    for (path, bytes) in [("/WordDocument", word), ("/1Table", table_stream), ("/0Table", table_stream), ("/Data", extra)] {
        if let Ok(mut s) = cfb.create_stream(path) {
            let _ = s.write_all(bytes);
        }
    }
    if cfb.flush().is_err() {
        return;
    }
    let bytes = cfb.into_inner().into_inner();
    if let Ok(doc) = table::read_bytes("x.doc", &bytes, &ReadOptions::default()) {
        let _ = doc.counts();
    }
});
