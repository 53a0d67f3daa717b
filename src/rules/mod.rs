//! Rule files: the bundled default methodology (`rules/*.yaml`, contract §6 and §8), auditors' own
//! files, their conditions and checks, and the explanation of every decision.
//!
//! - [`model`]: the file format serde reads (and `rules/schema.json` describes): the fields every
//!   rule has, and each key's fields, declared in its file and assembled there;
//! - [`loader`]: YAML → rules, the one module that touches serde_yaml; [`locate`]: positions;
//! - [`expr`]: the condition language of `when:`/`require:`; [`conditions`]: compiled, and
//!   evaluated against an indicator's [`Facts`];
//! - [`set`]: loading in order, overriding by id, decisions; [`error`]: diagnostics;
//! - `gate`: the byte a text must begin or end with for an anchored pattern to match (most
//!   texts answered without running the regex);
//! - `prefilter`: which rules to try for one indicator, without trying them all (a rule file of
//!   20,000 rules against 2,000 indicators), and the budget of rules tried per indicator;
//! - [`keys`]: the decision keys, one file each (its YAML fields too), registered once.
//!
//! # API for evaluation and review
//! ```no_run
//! use jixiao::rules::{Facts, RuleSet, RuleSource};
//! // Bundled rules, then the user's files (later override earlier):
//! let files = vec![RuleSource::read("my.yaml".as_ref()).unwrap()];
//! let (rules, _warnings) = RuleSet::with_files(&files, true).unwrap();
//! // or RuleSet::bundled() for the default set alone.
//! let target = rules.parse_target("4秒", Some("响应时间"), None, None, Some(2023));
//! let facts = Facts { indicator: Some("响应时间"), target_text: Some("4秒"),
//!                     target: Some(&target.target), ..Facts::default() };
//! let on = rules.apply(facts);           // one indicator; regexes matched once
//! let dir = on.direction();              // Option<Decided<(Direction, Op)>>, .rule = RuleRef
//! let cat = on.category();               // inferred category where the table had none
//! let w = on.category_weight();          // points of its category (pool = rule id)
//! let f = on.formula();                  // scoring formula for its kind
//! let hits = on.checks();                // require: checks that do not hold
//! ```
//! Every decision is a [`Decided`] `{ value, rule: &RuleRef { id, file, line } }`; the report's
//! `rules` field lists those ids. Project-level numbers (budget weight, bands, precision) come
//! from the same calls with project facts: `rules.apply(Facts { project, ..}).band(score)`.
//! Unit conversions that rules add: [`RuleSet::convert`].

pub mod cases;
pub mod conditions;
pub mod error;
pub mod expr;
pub(crate) mod gate;
pub mod keys;
pub mod loader;
pub mod locate;
pub mod method;
pub mod model;
pub(crate) mod prefilter;
pub mod set;

pub use conditions::{Conversion, Facts, Truth};
pub use error::{FileErrors, RuleError, RuleErrorKind};
pub use keys::band::Band;
pub use keys::check::Check;
pub use model::{Formula, Severity};
pub use set::{
    Applied, BUNDLED, CategoryChoice, Choice, Decided, FormulaChoice, Hit, Overrun,
    QualitativeGrade, Rule, RuleRef, RuleSet, RuleSource, bundled_sources,
};
