//! The target language: free-text 年度指标值 read into one canonical expression.
pub mod ast;
pub use ast::*;
