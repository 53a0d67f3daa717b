//! `review.actual-copies-comparator`: an actual that copies its target's comparator.
//!
//! **What it does.** Flags a 实际完成值 written with a comparator (`≥266米`, `95%以上`).
//!
//! **Why it matters.** An actual is what happened, one figure; `≥266米` restates the target and
//! hides the real value. jixiao reads the number and scores it, but the sheet should say it.
//!
//! **Example.** `年度指标值 ≥266米，实际完成值 ≥266米`.
//!
//! **Fix.** Write the measured figure: `271米`.

use crate::finding::{Finding, Severity};
use crate::lang::{self, Context, Origin, Target};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.actual-copies-comparator",
    severity: Severity::Warning,
    title: "实际完成值照抄了目标的比较符",
    explain: include_str!("actual_copies_comparator.rs"),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let (Some(actual), Some(at)) = (&i.row.actual, i.row.at.actual) else {
            continue;
        };
        let parsed = lang::parse(
            actual,
            &Context::default().with_indicator(Some(&i.row.name)),
        );
        if !matches!(parsed.target, Target::Compare { .. })
            || parsed.provenance.op != Some(Origin::Text)
        {
            continue;
        }
        let at = match (&parsed.spans.op, p.doc.source.slice(&at) == &**actual) {
            (Some(s), true) => p.doc.source.locate(at.offset + s.start..at.offset + s.end),
            _ => at,
        };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!("指标“{}”的实际完成值照抄了比较符", i.row.name),
            "实际值不应带比较符",
            "写出实际测得的数值，如“271米”",
        ));
    }
}
