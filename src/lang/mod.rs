//! The target language: free-text 年度指标值 read into one canonical expression.
//!
//! - [`ast`]: what a target means ([`Target`]: compare, range, approximate, boolean, plan,
//!   deadline, relative, qualitative), where its parts came from and sit;
//! - [`lexicon`]: the words, symbols, numerals and unit spellings, as tables;
//! - [`number`]: exact numbers (Arabic, full-width, Chinese, magnitudes);
//! - [`parse()`]: free text → [`Parsed`]; [`parse_canonical`]: the strict canonical form, with
//!   diagnostics;
//! - [`print`](mod@print): the canonical form ([`Target`]'s `Display`);
//! - [`units`]: conversions between units of one dimension, compound units part by part;
//! - [`direction`]: how bare values get their operator, and a memo of the answers;
//! - [`lines`]: the lines of a byte stream, a buffer at a time (`jixiao parse`);
//! - [`dates`]: dates a target writes that do not exist, and month counts past a year.
//!
//! **The hot code in one place.** The functions a target's reading runs for every target
//! (here, [`crate::json_text`]'s strings and `jixiao parse`'s loop) carry
//! `#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]`: one section,
//! so the linker lays them out as one block, in the same order whatever an edit elsewhere adds
//! (`tests/parse_speed22.rs` holds the list). The release build is one fat-LTO unit; before,
//! each of them landed where the unit's order put it among 10 MB of code, an unrelated edit
//! moved them so that they evicted each other from the 32 KB instruction cache, and the same
//! instructions ran ~6–10 % slower (issue 28; benches/README.md, session 22, H150: the parse
//! cut's I1 misses 985 K → 671 K). Since session 23 (H165) the section starts on a 4 KB line
//! (the `global_asm!` piece in `parse`), so an edit elsewhere moves the block by whole 4 KB and
//! each of its lines keeps its set of the cache; and the rare readers (the quoted canonical
//! form, plans, deadlines, periods, relative changes, chained ranges, tolerances, date
//! serials, the table's and `--explain`'s printing) are functions of their own outside it
//! (`#[inline(never)]`), not code between the hot readers' hot lines: the block went from
//! 113 KB to under 80 KB (`tests/parse_speed23.rs`). What is left to chance: the hot code
//! outside it (`core::str`, `memchr`, the allocator, libc) against it. A function that every
//! target runs and that shows out of line in `cg_annotate --sort=I1mr` belongs in it; rare
//! paths (errors, diagnostics, other formats) do not: they would only spread the block. Other
//! targets than Linux place code as the linker does (the name is an ELF one).

pub mod ast;
pub mod canonical;
pub mod dates;
pub mod direction;
pub mod lexicon;
pub mod lines;
pub mod number;
pub mod parse;
pub mod print;
pub mod record;
#[cfg(test)]
pub(crate) mod test_targets;
pub mod units;

pub use ast::*;
pub use canonical::{CanonicalError, parse_canonical};
pub use direction::{Always, Decision, Directions, Subject};
pub use parse::{
    Context, MAX_TARGET_BYTES, NameTemplate, name_template, normalise_unit, parse, parse_into,
    period_start,
};
