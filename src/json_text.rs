//! JSON strings written as serde_json writes them, without serde's call per piece: the one
//! escaper the hand-written JSON lines share (the report's `jsonl` in `report::json`, the
//! streaming path through it, and `jixiao parse`'s records in `lang::record`), kept below all
//! of them so neither the parser nor evaluation imports a renderer for it.
//!
//! Decisions: byte for byte what `serde_json` writes (tests in its users hold the two equal);
//! no other escaping (all of Chinese stays as it is).

/// A JSON string as serde_json writes it: `"` and `\\` escaped, control characters as
/// `\n` `\t` … or `\u00XX`, everything else (all of Chinese) as it is. Eight bytes at a time
/// are checked for anything to escape (most cells have nothing).
pub fn string(b: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    b.reserve(s.len() + 2);
    b.push(b'"');
    let bytes = s.as_bytes();
    // most cells have nothing to escape: a check eight bytes at a time, then one copy
    let mut words = bytes.chunks_exact(8);
    let plain = words
        .by_ref()
        .all(|w| !needs_escape(u64::from_le_bytes(w.try_into().expect("eight bytes"))))
        && words
            .remainder()
            .iter()
            .all(|&c| c >= 0x20 && c != b'"' && c != b'\\');
    if plain {
        b.extend_from_slice(bytes);
        b.push(b'"');
        return;
    }
    let mut start = 0;
    let mut k = 0;
    while k < bytes.len() {
        if k + 8 <= bytes.len() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[k..k + 8]);
            if !needs_escape(u64::from_le_bytes(word)) {
                k += 8;
                continue;
            }
        }
        let c = bytes[k];
        let esc: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => &[],
            _ => {
                k += 1;
                continue;
            }
        };
        b.extend_from_slice(&bytes[start..k]);
        if esc.is_empty() {
            b.extend_from_slice(b"\\u00");
            b.push(HEX[(c >> 4) as usize]);
            b.push(HEX[(c & 0xf) as usize]);
        } else {
            b.extend_from_slice(esc);
        }
        k += 1;
        start = k;
    }
    b.extend_from_slice(&bytes[start..]);
    b.push(b'"');
}

/// Whether any of the eight bytes of `w` is a control character, `"` or `\\`.
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    (below_space | zero(w ^ (ONES * b'"' as u64)) | zero(w ^ (ONES * b'\\' as u64))) != 0
}
