//! Evaluation: targets against year-end actuals, verdicts, scores and roll-ups.
//!
//! - [`methodology`]: the numbers of the scoring method, each with its rule id;
//! - [`actual`]: actuals as real sheets write them;
//! - [`actuals_file`]: the YAML actuals file and its template;
//! - [`score`](mod@score): one indicator's verdict and score;
//! - [`lateness`]: how late a deadline was met, for methods that count it;
//! - [`total`]: a project's total graded out of the points it was scored on (§8.1, §8.10);
//! - [`evaluate`](mod@evaluate): a whole table into the report model, the door of the steps
//!   below.
//!
//! The method, step by step as contract §8 reads (each a small module): `project` puts the steps
//! in order; `reading` reads a row's target and what the rules decide for it (§6);
//! [`weights`] shares the points (§8.1, §8.2, §8.8); `indicator` scores a row (§8.2–8.5) with
//! [`score`](mod@score), [`formula`] and [`method`] (tiers, deductions, floors); [`grades`]
//! finds a grade where offices put it (§8.6); `budget` scores budget execution (§8.7);
//! `published` re-checks the sheet's printed 得分; [`total`] grades the total (§8.10);
//! [`checks`] holds checks and vetoes on actuals; `assemble` and `rollup` put the report
//! together. Beside them, apart from the meaning: `matcher` (actuals to rows) and `memo`
//! (what a worker keeps between rows: readings, figures, outcomes, shares); `seen` (what a
//! streamed run has seen, in flat memory); `waits` (where a streamed run's threads wait,
//! timed when asked) and `window` (how far its workers may run ahead of its writer).

pub mod actual;
pub mod actuals_file;
mod assemble;
pub mod blocks;
pub(crate) mod bound;
mod budget;
pub mod cases;
pub mod checks;
mod cross_row;
pub mod evaluate;
mod exact;
pub(crate) mod fold;
pub mod formula;
pub mod grades;
mod held;
mod indicator;
pub mod lateness;
mod long_project;
mod matcher;
mod memo;
pub mod method;
pub mod methodology;
mod nearest;
mod period_before;
mod plain;
mod project;
mod published;
mod reading;
mod recent_shares;
mod rollup;
pub mod score;
mod seen;
mod signs;
pub mod stream;
pub mod total;
pub mod unfilled;
pub mod unmatched;
mod waits;
pub mod weights;
mod window;

pub use actual::Actual;
pub use actuals_file::ActualsFile;
pub use evaluate::{
    Categories, Options, evaluate, evaluate_placed, evaluate_projects, evaluate_with_rules,
};
pub use methodology::{Grade, Methodology, Ruled};
pub use score::{Outcome, Verdict, score};
