//! # jixiao (绩效) — reads, reviews and scores budget performance indicators
//!
//! Data flows one way:
//! 1. [`table`] reads target tables (项目支出绩效目标表) and self-evaluation sheets (绩效自评表)
//!    into units → projects → indicators, every value with its source position;
//! 2. [`lang`] parses each free-text annual target (年度指标值) into one canonical expression;
//! 3. [`rules`] decide what the text cannot say (direction, category, weights);
//! 4. evaluation compares targets with year-end actuals and scores them;
//! 5. reports render one report model in every format.
//!
//! The command line lives in [`cli`]; it only parses arguments and wires the stages together.

pub mod alloc;
pub mod bounded;
pub mod cli;
pub mod codes;
pub mod diagnostic;
pub mod eval;
pub mod finding;
pub mod inputs;
pub mod json_text;
pub mod lang;
pub mod limits;
pub mod pile;
pub mod report;
pub mod report_model;
pub mod review;
pub mod rules;
pub mod source;
// generated inputs for the benches, the tests and `examples/synth`: not the library's API
#[doc(hidden)]
pub mod synth;
pub mod table;
pub mod traditional;
// `jixiao serve`, a door like `cli`: not the library's API (the binary, the tests and the
// benches reach it; ARCHITECTURE.md, What is public)
#[doc(hidden)]
pub mod web;
pub mod yaml;
pub mod years;
