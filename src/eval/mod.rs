//! Evaluation: targets against year-end actuals, verdicts, scores and roll-ups.
//!
//! - [`methodology`]: the numbers of the scoring method, each with its rule id;
//! - [`actual`]: actuals as real sheets write them;
//! - [`actuals_file`]: the YAML actuals file and its template;
//! - [`score`](mod@score): one indicator's verdict and score;
//! - [`lateness`]: how late a deadline was met, for methods that count it;
//! - [`total`]: a project's total graded out of the points it was scored on (§8.1, §8.10);
//! - [`evaluate`](mod@evaluate): a whole table into the report model.

pub mod actual;
pub mod actuals_file;
pub mod cases;
pub mod checks;
pub mod evaluate;
pub mod formula;
pub mod grades;
pub mod lateness;
pub mod method;
pub mod methodology;
mod nearest;
pub mod score;
pub mod stream;
pub mod total;
pub mod unfilled;
pub mod weights;

pub use actual::Actual;
pub use actuals_file::ActualsFile;
pub use evaluate::{Categories, Options, evaluate, evaluate_with_rules};
pub use methodology::{Grade, Methodology, Ruled};
pub use score::{Outcome, Verdict, score};
