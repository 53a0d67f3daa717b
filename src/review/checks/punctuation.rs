//! `review.punctuation`: doubled or stray punctuation.
//!
//! **What it does.** Flags an indicator item ended by doubled punctuation (`。。`) and targets
//! that carry punctuation of their own at the end.
//!
//! **Why it matters.** Harmless to the reading, but a sign of hand-edited cells; in published
//! tables it looks careless.
//!
//! **Example.** `年度指标值：通过开展各类宣传活动，提高公积金政策覆盖率。。`.
//!
//! **Fix.** Delete the extra mark.

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.punctuation",
    severity: Severity::Info,
    title: "重复或多余的标点",
    explain: include_str!("punctuation.rs"),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let doubled = i.row.terminator.chars().count() > 1;
        let at = if doubled {
            i.row.at.terminator
        } else {
            i.parsed.spans.trailing.clone().map(|s| p.in_target(i, &s))
        };
        let Some(at) = at else { continue };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!("指标“{}”的年度指标值后有多余的标点", i.row.name),
            if doubled {
                "重复的标点"
            } else {
                "多余的标点"
            },
            "删去多余的标点",
        ));
    }
}
