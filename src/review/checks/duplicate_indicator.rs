//! `review.duplicate-indicator`: the same indicator twice in one project.
//!
//! **What it does.** Flags the second (and later) occurrence of an indicator name in a project.
//!
//! **Why it matters.** The indicator takes two shares of its category's points, and actuals keyed
//! by name become ambiguous.
//!
//! **Example.** Two `系统并发数` in one project.
//!
//! **Fix.** Merge them, or name what each measures.

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.duplicate-indicator",
    severity: Severity::Warning,
    title: "同一项目中指标重复",
    explain: include_str!("duplicate_indicator.rs"),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    // the first of each name, by name: linear in the project's indicators (a scan of those
    // before each one was quadratic, minutes for a project of a million rows)
    let mut first_of: std::collections::HashMap<&str, &_> =
        std::collections::HashMap::with_capacity(p.indicators.len());
    for i in &p.indicators {
        let first = *first_of.entry(&*i.row.name).or_insert(i);
        if !std::ptr::eq(first, i) {
            out.push(p.finding(
                INFO.code,
                i.row.at.name,
                Some(i),
                format!("指标“{}”在项目中出现了两次", i.row.name),
                format!("与第 {} 项重复", first.row.seq),
                "合并重复的指标，或写明各自衡量的内容",
            ));
        }
    }
}
