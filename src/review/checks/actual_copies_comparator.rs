//! `review.actual-copies-comparator`：实际完成值照抄了目标的比较符。
//!
//! **作用**：标出带比较符的实际完成值（`≥266米`、`95%以上`）。
//!
//! **为什么重要**：实际完成值是实际发生的结果，只应是一个数；`≥266米` 只是重复了目标，
//! 掩盖了真实数值。jixiao 会读出其中的数并评分，但表中应写明实际值。
//!
//! **示例**：`年度指标值 ≥266米，实际完成值 ≥266米`。
//!
//! **修改方法**：写实际测得的数：`271米`。

use crate::finding::{Code, Finding, Severity};
use crate::lang::{self, Context, Origin, Target};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.actual-copies-comparator",
        Severity::Warning,
        "实际完成值照抄了目标的比较符",
        include_str!("actual_copies_comparator.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let (Some(actual), Some(at)) = (&i.row.actual, i.row.at.actual()) else {
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
