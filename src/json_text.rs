//! JSON strings written as serde_json writes them, without serde's call per piece: the one
//! escaper the hand-written JSON lines share (the report's `jsonl` in `report::json`, the
//! streaming path through it, and `jixiao parse`'s records in `lang::record`), kept below all
//! of them so neither the parser nor evaluation imports a renderer for it.
//!
//! Decisions: byte for byte what `serde_json` writes (tests in its users hold the two equal);
//! no other escaping (all of Chinese stays as it is).

/// A JSON string as serde_json writes it: `"` and `\\` escaped, control characters as
/// `\n` `\t` … or `\u00XX`, everything else (all of Chinese) as it is. Most strings have
/// nothing to escape ([`is_plain`]: eight bytes at a time) and are copied in one go.
///
/// Inlined where it is called (a JSON line writes several strings, most of them short and
/// plain): the room is made once and the quotes and bytes written into it, without the two
/// pushes' and the copy's checks of the room again, nor a call's saved registers.
#[inline]
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn string(b: &mut Vec<u8>, s: &str) {
    if !is_plain(s) {
        return string_escaped(b, s);
    }
    let bytes = s.as_bytes();
    let n = bytes.len();
    b.reserve(n + 2);
    let len = b.len();
    // SAFETY: `reserve` made room for `n + 2` bytes past `len`; every one of them is written
    // below (a quote, the `n` bytes of `s`, a quote) before the length takes them in, and `s`
    // cannot overlap the vector's spare room (it is borrowed apart from `b`).
    unsafe {
        let at = b.as_mut_ptr().add(len);
        at.write(b'"');
        copy_short(bytes, at.add(1));
        at.add(n + 1).write(b'"');
        b.set_len(len + n + 2);
    }
}

/// Copies `src` to `dst` (room for `src.len()` bytes, not overlapping it): a string of at most
/// 32 bytes (most of a JSON line's: a unit, a target, a name of ten characters) by two
/// overlapping loads and stores of its first and last bytes, without a call to `memcpy` and
/// its choice of a way by length.
///
/// # Safety
/// `dst` is valid for `src.len()` bytes of writes and does not overlap `src`.
#[inline(always)]
unsafe fn copy_short(src: &[u8], dst: *mut u8) {
    let n = src.len();
    let s = src.as_ptr();
    // SAFETY: every read is within `src` (`n` bytes at `s`) and every write within the `n`
    // bytes at `dst`: the first and the last `k` bytes of each, for `k <= n`.
    unsafe {
        match n {
            0 => {}
            1..=3 => {
                dst.write(*s);
                dst.add(n / 2).write(*s.add(n / 2));
                dst.add(n - 1).write(*s.add(n - 1));
            }
            4..=7 => {
                let (a, z) = (
                    s.cast::<u32>().read_unaligned(),
                    s.add(n - 4).cast::<u32>().read_unaligned(),
                );
                dst.cast::<u32>().write_unaligned(a);
                dst.add(n - 4).cast::<u32>().write_unaligned(z);
            }
            8..=16 => {
                let (a, z) = (
                    s.cast::<u64>().read_unaligned(),
                    s.add(n - 8).cast::<u64>().read_unaligned(),
                );
                dst.cast::<u64>().write_unaligned(a);
                dst.add(n - 8).cast::<u64>().write_unaligned(z);
            }
            17..=32 => {
                let (a, z) = (
                    s.cast::<u128>().read_unaligned(),
                    s.add(n - 16).cast::<u128>().read_unaligned(),
                );
                dst.cast::<u128>().write_unaligned(a);
                dst.add(n - 16).cast::<u128>().write_unaligned(z);
            }
            _ => std::ptr::copy_nonoverlapping(s, dst, n),
        }
    }
}

/// Appends `bytes` as they are (text known to need no escaping, as a JSON line's keys and
/// printed numbers), copied as [`string`] copies a string's bytes: a short one without a call.
#[inline]
pub fn append(b: &mut Vec<u8>, bytes: &[u8]) {
    let n = bytes.len();
    b.reserve(n);
    let len = b.len();
    // SAFETY: `reserve` made room for `n` bytes past `len`, all written before the length
    // takes them in; `bytes` is borrowed apart from `b`.
    unsafe {
        copy_short(bytes, b.as_mut_ptr().add(len));
        b.set_len(len + n);
    }
}

/// [`string`] of a string with something to escape (out of line: few strings have).
#[cold]
#[inline(never)]
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn string_escaped(b: &mut Vec<u8>, s: &str) {
    b.reserve(s.len() + 2);
    b.push(b'"');
    escaped(b, s.as_bytes());
    b.push(b'"');
}

/// Whether `s` has no byte JSON escapes (a control character, `"`, `\\`): sixteen bytes at a
/// time where the string has as many (SSE2, every x86-64 has it; the last sixteen overlapping
/// the block before), else eight at a time, the last eight overlapping the word before, a
/// string of fewer than eight bytes padded with spaces into one word (no byte-by-byte tail).
#[inline]
pub fn is_plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    let n = bytes.len();
    #[cfg(target_arch = "x86_64")]
    if n >= 16 {
        return sse2::plain(bytes);
    }
    if n < 8 {
        return !needs_escape(short_word(bytes));
    }
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let mut i = 0;
    while i + 8 <= n {
        if needs_escape(word(i)) {
            return false;
        }
        i += 8;
    }
    i == n || !needs_escape(word(n - 8))
}

/// The bytes of `bytes` (fewer than eight) in one word, each at least once, the rest spaces: its
/// first and last four overlapping, or its first, middle and last byte (no copy of a length
/// known only when run, which is a call to `memcpy`).
#[inline]
fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let four = |i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&bytes[i..i + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    match n {
        0 => u64::from_le_bytes([b' '; 8]),
        1..=3 => u64::from_le_bytes([
            bytes[0],
            bytes[n / 2],
            bytes[n - 1],
            b' ',
            b' ',
            b' ',
            b' ',
            b' ',
        ]),
        _ => four(0) | (four(n - 4) << 32),
    }
}

/// [`is_plain`] sixteen bytes at a time.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// Whether `bytes` (sixteen or more) have no byte JSON escapes.
    #[inline]
    pub(super) fn plain(bytes: &[u8]) -> bool {
        // whether one of the sixteen bytes at `at` is a control character (its minimum with
        // 0x1f is itself), `"` or `\\`
        let escapes = |at: usize| {
            let block: &[u8; 16] = bytes[at..at + 16].try_into().expect("sixteen bytes");
            // SAFETY: `block` is sixteen readable bytes (an unaligned load reads no more); SSE2
            // is part of x86-64.
            unsafe {
                let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
                let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
                let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
                let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
                _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) != 0
            }
        };
        let n = bytes.len();
        let mut i = 0;
        while i + 16 <= n {
            if escapes(i) {
                return false;
            }
            i += 16;
        }
        i == n || !escapes(n - 16)
    }
}

/// `bytes` with what JSON escapes escaped (the quotes are the caller's).
#[cold]
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn escaped(b: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    let mut k = 0;
    while k < bytes.len() {
        if k + 8 <= bytes.len() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[k..k + 8]);
            // past the bytes of the word before the first that needs escaping (its lowest flag
            // is exact: [`escape_flags`]), not byte by byte
            let flags = escape_flags(u64::from_le_bytes(word));
            if flags == 0 {
                k += 8;
                continue;
            }
            k += (flags.trailing_zeros() / 8) as usize;
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
}

/// Whether any of the eight bytes of `w` is a control character, `"` or `\\`.
fn needs_escape(w: u64) -> bool {
    escape_flags(w) != 0
}

/// The high bit of each byte of `w` (little-endian: the first byte lowest) that may be a control
/// character, `"` or `\\`: none where no byte is, and the lowest flag set exactly at the first
/// such byte (a borrow of the subtractions only runs upward from a byte that is one, so bytes
/// above it may be flagged wrongly, never one below).
#[inline]
fn escape_flags(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    below_space | zero(w ^ (ONES * b'"' as u64)) | zero(w ^ (ONES * b'\\' as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to 45 bytes with one byte of each kind (a control character, `"`,
    /// `\\`, DEL, a space, a Chinese character) at each position, in plain text and Chinese:
    /// the bytes serde_json writes, and `is_plain` exactly where nothing is escaped.
    #[test]
    fn strings_are_serde_json_bytes() {
        let specials = [
            "\u{0}", "\n", "\u{1f}", "\"", "\\", "\u{7f}", " ", "率", "\t",
        ];
        let mut n = 0;
        for base in [
            "abcdefghijklmnopqrst",
            "满意度满意度满意",
            // past two blocks of sixteen and a tail (the SSE2 path's loop and overlap)
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
        ] {
            for len in 0..=base.chars().count() {
                let head: String = base.chars().take(len).collect();
                for at in 0..=len {
                    for sp in specials {
                        let mut s: String = head.chars().take(at).collect();
                        s.push_str(sp);
                        s.extend(head.chars().skip(at));
                        let mut b = Vec::new();
                        string(&mut b, &s);
                        let want = serde_json::to_vec(&s).expect("a string");
                        assert_eq!(b, want, "{s:?}");
                        assert_eq!(is_plain(&s), want.len() == s.len() + 2, "{s:?}");
                        n += 1;
                    }
                }
                assert!(is_plain(&head));
            }
        }
        assert!(n > 1000, "{n}");
    }
}
