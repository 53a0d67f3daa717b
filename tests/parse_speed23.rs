//! The parse hot section made smaller and held on a 4 KB line (issue 28, session 23, H165).
//!
//! Session 22 put the functions every target runs in one linker section, `.text.hot.jixiao`
//! (`tests/parse_speed22.rs`). Its block was larger than the 32 KB instruction cache and began
//! wherever the linker put it (16-byte aligned), so edits elsewhere still moved parse's
//! instruction-cache misses by some per cent. These tests hold the two things that changed
//! that (the counts are in benches/README.md, session 23, H165; nothing here is timed):
//! - the section asks for 4 KB alignment (an empty `global_asm!` piece of it, `src/lang/parse/mod.rs`),
//!   and the built binary's `.text` carries it, so the block moves only by whole 4 KB and each
//!   of its lines keeps its set of the cache;
//! - the rare readers (the canonical quoted form, plans, deadlines, periods, relative changes,
//!   chained ranges, tolerances, date serials, the aligned table's and `--explain`'s printing)
//!   are functions of their own outside the section (`#[inline(never)]`, no section), not code
//!   inlined into the hot readers between their hot lines;
//! - the marks of a text (`Marks::of`, run for every target) are in the section.

use std::path::{Path, PathBuf};

/// The one attribute that puts a function in the hot section (as in `tests/parse_speed22.rs`).
const ATTR: &str = r#"#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]"#;

/// Rare readers kept out of the section: (file under `src/`, the start of its `fn` line, found
/// once in the file; whether it must be a function of its own, `#[inline(never)]`: those
/// called from the hot readers; the others are called only from one of those).
const OUT_OF_LINE: &[(&str, &str, bool)] = &[
    ("lang/parse/mod.rs", "fn quoted_text(", true),
    ("lang/parse/mod.rs", "fn plan(", true),
    ("lang/parse/mod.rs", "fn deadline(", true),
    ("lang/parse/mod.rs", "fn relative_reading(", true),
    ("lang/parse/shapes.rs", "pub(super) fn period(", true),
    ("lang/parse/shapes.rs", "pub(super) fn period_span(", false),
    ("lang/parse/shapes.rs", "fn period_point(", false),
    ("lang/parse/shapes.rs", "pub(super) fn chained(", true),
    ("lang/parse/shapes.rs", "pub(super) fn tolerance(", true),
    ("lang/parse/shapes.rs", "fn serial_date(", true),
    ("cli/parse.rs", "fn line_other(", true),
];

/// Functions every target runs that session 22's list did not hold, now in the section.
const HOT: &[(&str, &str)] = &[("lang/parse/marks.rs", "pub fn of(text: &str) -> Marks {")];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The attributes and doc comments right above the one line of `file` that starts with
/// `start` (trimmed).
fn above(file: &str, start: &str) -> Vec<String> {
    let text = std::fs::read_to_string(src().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with(start))
        .collect();
    assert_eq!(
        at.len(),
        1,
        "src/{file}: `{start}` found {} times",
        at.len()
    );
    lines[..at[0]]
        .iter()
        .rev()
        .map(|l| l.trim())
        .take_while(|l| l.starts_with("#[") || l.starts_with("///") || l.starts_with("//"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_rare_readers_are_functions_of_their_own_outside_the_section() {
    let mut wrong = Vec::new();
    for &(file, start, own) in OUT_OF_LINE {
        let attrs = above(file, start);
        if own && !attrs.iter().any(|l| l == "#[inline(never)]") {
            wrong.push(format!("src/{file}: `{start}` without #[inline(never)]"));
        }
        if attrs.iter().any(|l| l == ATTR) {
            wrong.push(format!("src/{file}: `{start}` in the hot section"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_marks_of_a_text_are_in_the_section() {
    for (file, start) in HOT {
        let attrs = above(file, start);
        assert!(
            attrs.iter().any(|l| l == ATTR),
            "src/{file}: `{start}` not in the hot section"
        );
        assert!(
            attrs.iter().any(|l| l == "#[inline(never)]"),
            "src/{file}: `{start}` may be inlined into a caller outside the section"
        );
    }
}

/// The alignment piece names the section the attribute names, and asks for 2^12 bytes.
#[test]
fn the_section_asks_for_a_4kb_line() {
    let text = std::fs::read_to_string(src().join("lang/parse/mod.rs")).unwrap();
    let code: Vec<&str> = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
        .collect();
    let at = code
        .iter()
        .position(|l| l.starts_with("core::arch::global_asm!("))
        .expect("src/lang/parse/mod.rs: no global_asm! piece");
    let piece = code[at..].join(" ");
    let piece = &piece[..piece.find(");").expect("the piece's end")];
    assert!(
        piece.contains(r#"".pushsection .text.hot.jixiao,\"ax\",@progbits""#),
        "{piece}"
    );
    assert!(piece.contains(r#"".p2align 12""#), "{piece}");
    assert!(piece.contains(r#"".popsection""#), "{piece}");
}

/// The built binary's `.text` (where the linker puts the hot section) is aligned to 4 KB: the
/// piece reached the linker. Read from the ELF section headers of the test build of
/// `jixiao` (its code differs from the release build's, its sections' alignment does not).
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn the_built_text_is_aligned_to_4kb() {
    let elf = std::fs::read(env!("CARGO_BIN_EXE_jixiao")).unwrap();
    let u16_at = |o: usize| u16::from_le_bytes(elf[o..o + 2].try_into().unwrap()) as usize;
    let u32_at = |o: usize| u32::from_le_bytes(elf[o..o + 4].try_into().unwrap()) as usize;
    let u64_at = |o: usize| u64::from_le_bytes(elf[o..o + 8].try_into().unwrap()) as usize;
    assert_eq!(&elf[..5], b"\x7fELF\x02", "not a 64-bit ELF file");
    let (shoff, shentsize, shnum, shstrndx) =
        (u64_at(0x28), u16_at(0x3A), u16_at(0x3C), u16_at(0x3E));
    let header = |i: usize| shoff + i * shentsize;
    let names = u64_at(header(shstrndx) + 0x18);
    let name = |i: usize| {
        let at = names + u32_at(header(i));
        let end = at + elf[at..].iter().position(|&b| b == 0).unwrap();
        String::from_utf8_lossy(&elf[at..end]).into_owned()
    };
    let text = (0..shnum)
        .find(|&i| name(i) == ".text")
        .expect("no .text section");
    let align = u64_at(header(text) + 0x30);
    assert!(align >= 4096, ".text aligned to {align} bytes, not 4 KB");
}
