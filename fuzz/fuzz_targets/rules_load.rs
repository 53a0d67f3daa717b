//! The rule loader: any text as a rule file on top of the bundled rules.
#![no_main]

use jixiao::rules::{RuleSet, RuleSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = RuleSet::with_files(&[RuleSource::new("f.yaml", text)], true);
});
