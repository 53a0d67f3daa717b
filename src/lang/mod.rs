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
//! - [`lines`]: the lines of a byte stream, a buffer at a time (`jixiao parse`).

pub mod ast;
pub mod canonical;
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
