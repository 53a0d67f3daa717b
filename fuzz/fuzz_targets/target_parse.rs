//! The target parser: free text (optionally `indicator<TAB>target`, as `jixiao parse` reads it)
//! and the canonical grammar. A parse that succeeds must print a canonical form that reads back.
#![no_main]

use jixiao::lang::{self, Context};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (indicator, target_text) = match text.split_once('\t') {
        Some((i, t)) => (Some(i), t),
        None => (None, text),
    };
    let ctx = Context {
        indicator,
        year: Some(2023),
        ..Context::default()
    };
    let parsed = lang::parse(target_text, &ctx);
    let _ = parsed.target.to_string();
    if let Some(canonical) = parsed.target.canonical() {
        let _ = lang::parse_canonical(&canonical);
    }
    if let Ok(t) = lang::parse_canonical(text) {
        let _ = t.to_string();
    }
});
