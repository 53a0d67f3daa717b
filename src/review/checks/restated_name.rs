//! `review.restated-name`: the indicator name restated inside its target.
//!
//! **What it does.** Flags targets that repeat (part of) the indicator name in front of the
//! value: `员工满意度98%以上` under `员工满意度`.
//!
//! **Why it matters.** The value still reads, but the repetition hides what the target is and
//! sometimes names a different measure (`验收合格率100%` under `设备验收通过率`).
//!
//! **Example.** `员工满意度，年度指标值：员工满意度98%以上`.
//!
//! **Fix.** Write the value alone: `98%以上`.

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.restated-name",
    severity: Severity::Info,
    title: "年度指标值中重复了指标名称",
    explain: include_str!("restated_name.rs"),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some(span) = i.parsed.spans.name.clone() else {
            continue;
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!("指标“{}”的年度指标值重复了指标名称", i.row.name),
            "重复的名称",
            "年度指标值只写数值和单位",
        ));
    }
}
