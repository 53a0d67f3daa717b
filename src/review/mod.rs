//! Target review (绩效目标审核): badly written targets and tables flagged like a linter, each
//! finding with a stable code, a severity, a Chinese message, a label under the exact characters
//! and a help line.
//!
//! Each check lives in its own file under [`checks`] with its documentation (what it does, why it
//! matters, an example, the fix), and is registered once in [`checks::ALL`]; a code never changes
//! meaning once published. Each check is also a rule of `rules/review.yaml` (id = code), so a
//! rule file switches it off or changes its severity; the satisfaction floor and the auditors'
//! own checks are `require:` rules whose findings stand beside the built-in ones.

pub mod checks;
pub mod render;
mod view;

use crate::finding::{Finding, Severity};
use crate::rules::{Facts, RuleSet};
use crate::table::model::Document;

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
    pub run: fn(&ProjectView<'_>, &mut Vec<Finding>),
}

/// What review needs besides the table.
pub struct Options<'a> {
    /// The rule set: directions, inferred categories, which checks run and how severe they are,
    /// and the auditors' own `require:` checks.
    pub rules: &'a RuleSet,
    pub year: Option<i32>,
}

/// Review a table: the reader's own findings first, then, project by project, every built-in
/// check a rule has not switched off, then the rules' `require:` checks, in table order.
pub fn review(doc: &Document, opts: &Options<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = doc.findings.clone();
    for (unit, project) in doc.projects() {
        let view = ProjectView::new(doc, unit, project, opts);
        for check in checks::ALL {
            let (disabled, level) = match opts.rules.review_check(check.code) {
                Some((disabled, s)) => (disabled, s),
                None => (false, check.severity),
            };
            if disabled {
                continue;
            }
            let start = out.len();
            (check.run)(&view, &mut out);
            for f in &mut out[start..] {
                f.severity = level;
            }
        }
        for i in &view.indicators {
            let facts = Facts {
                indicator: Some(&i.row.name),
                category: i.category.as_deref(),
                subcategory: i.row.subcategory.as_deref(),
                project: Some(&project.name),
                unit_name: Some(&unit.name),
                department: doc.department.as_deref(),
                target_text: Some(&i.row.target),
                target: Some(&i.parsed.target),
                actual_text: i.row.actual.as_deref(),
                weight: i.row.weight,
                ..Facts::default()
            };
            for hit in opts.rules.apply(facts).checks() {
                let rule = hit.rule;
                let label = if hit.incomparable {
                    format!("无法比较（单位量纲不同）：规则 {}", rule.id)
                } else {
                    format!("不符合规则 {}", rule.id)
                };
                let mut f = view.finding(
                    "",
                    i.row.at.target,
                    Some(i),
                    format!("指标“{}”：{}", i.row.name, hit.message),
                    label,
                    format!("规则见 {}:{}", rule.file, rule.line),
                );
                f.code = rule.id.clone();
                f.severity = hit.severity;
                out.push(f);
            }
        }
    }
    out
}

/// The documentation of a code, for `--explain`.
pub fn explain(code: &str) -> Option<&'static CheckInfo> {
    checks::ALL.iter().find(|c| c.code == code)
}
