//! The actuals reader: any text as an actuals file (YAML, contract §4.3).
#![no_main]

use jixiao::eval::ActualsFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = ActualsFile::parse("a.yaml", text);
});
