//! Excel 97–2003 `.xls`: the fuzzer's bytes become the `Workbook` stream of a real compound
//! file (so the BIFF records — BOUNDSHEET, SST and its CONTINUEs, DIMENSIONS, MERGECELLS, the
//! cells — are what gets fuzzed: jixiao's own walk of them, then calamine's), read through
//! `table::read_bytes`. An input whose first byte is odd is read as it is instead (the
//! compound file itself, which jixiao opens with `cfb` before calamine sees it).
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
        let Ok(mut cfb) = cfb::CompoundFile::create(Cursor::new(Vec::new())) else {
            return;
        };
        if let Ok(mut s) = cfb.create_stream("/Workbook") {
            let _ = s.write_all(rest);
        }
        if cfb.flush().is_err() {
            return;
        }
        cfb.into_inner().into_inner()
    };
    if let Ok(doc) = table::read_bytes("x.xls", &bytes, &ReadOptions::default()) {
        let _ = doc.counts();
    }
});
