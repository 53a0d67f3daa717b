//! Renderers: every output format is a small function over one model, so formats cannot
//! disagree on a number.

pub mod text_table;
