//! Target review (绩效目标审核): badly written targets and tables flagged like a linter, each
//! finding with a stable code, a severity, a Chinese message, a label under the exact characters
//! and a help line.
//!
//! Each check lives in its own file under [`checks`] with its documentation (what it does, why it
//! matters, an example, the fix), and is registered once in [`checks::ALL`]; a code never changes
//! meaning once published. [`Settings`] carries what rule files may change: a check switched off,
//! its severity, the satisfaction floor.

pub mod checks;
mod view;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::eval::Categories;
use crate::finding::{Finding, Severity};
use crate::table::model::Document;
use crate::target::Directions;

pub use view::{IndicatorView, ProjectView};

/// One registered check.
pub struct CheckInfo {
    /// The stable code (`review.plan-without-number`).
    pub code: &'static str,
    /// Its severity unless a rule changes it.
    pub severity: Severity,
    /// A one-line title in Chinese.
    pub title: &'static str,
    /// The documentation `jixiao review --explain CODE` prints.
    pub explain: &'static str,
    /// The check over one project.
    pub run: fn(&ProjectView<'_>, &Settings, &mut Vec<Finding>),
}

/// What rule files may change about the checks.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Checks switched off, by code.
    pub disabled: Vec<String>,
    /// Severities changed, by code.
    pub severity: HashMap<String, Severity>,
    /// Satisfaction targets below this (in percent) are flagged.
    pub satisfaction_floor: Decimal,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            disabled: Vec::new(),
            severity: HashMap::new(),
            satisfaction_floor: Decimal::from(90),
        }
    }
}

/// What review needs besides the table.
pub struct Options<'a> {
    pub directions: &'a dyn Directions,
    pub categories: &'a dyn Categories,
    pub settings: &'a Settings,
    pub year: Option<i32>,
}

/// Review a table: the reader's own findings first, then every check over every project, in
/// table order.
pub fn review(doc: &Document, opts: &Options<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = doc.findings.clone();
    for (unit, project) in doc.projects() {
        let view = ProjectView::new(doc, unit, project, opts);
        for check in checks::ALL {
            if opts.settings.disabled.iter().any(|c| c == check.code) {
                continue;
            }
            let start = out.len();
            (check.run)(&view, opts.settings, &mut out);
            let severity = opts
                .settings
                .severity
                .get(check.code)
                .copied()
                .unwrap_or(check.severity);
            for f in &mut out[start..] {
                f.severity = severity;
            }
        }
    }
    out
}

/// The documentation of a code, for `--explain`.
pub fn explain(code: &str) -> Option<&'static CheckInfo> {
    checks::ALL.iter().find(|c| c.code == code)
}
