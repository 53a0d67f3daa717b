//! Evaluation: targets against year-end actuals, verdicts, scores and roll-ups.
//!
//! - [`methodology`]: the numbers of the scoring method, each with its rule id;
//! - [`actual`]: actuals as real sheets write them;
//! - [`score`]: one indicator's verdict and score.

pub mod actual;
pub mod methodology;
pub mod score;

pub use actual::Actual;
pub use methodology::{Grade, Methodology, Ruled};
pub use score::{Outcome, Verdict, score};
