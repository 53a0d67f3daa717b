//! The table readers: the same bytes read as TSV, CSV and XLSX through `table::read_bytes`.
#![no_main]

use jixiao::table::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    for name in ["x.tsv", "x.csv", "x.xlsx"] {
        if let Ok(doc) = table::read_bytes(name, data, &opts) {
            let _ = doc.counts();
        }
    }
});
