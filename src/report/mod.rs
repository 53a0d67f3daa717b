//! Renderers: every output format is a small function over one model, so formats cannot
//! disagree on a number.

pub mod csv;
pub mod html;
pub mod json;
pub mod model;
pub mod selfeval_table;
pub mod text_table;
pub mod xlsx;
