//! `review.restated-name`：年度指标值中重复了指标名称。
//!
//! **作用**：标出在数值前重复（部分）指标名称的年度指标值：
//! 如指标 `员工满意度` 的年度指标值写成 `员工满意度98%以上`。
//!
//! **为什么重要**：数值仍能读出，但重复的名称让人看不清目标是什么，
//! 有时还换成了另一个衡量口径（`设备验收通过率` 下写 `验收合格率100%`）。
//!
//! **示例**：`员工满意度，年度指标值：员工满意度98%以上`。
//!
//! **修改方法**：只写数值：`98%以上`。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.restated-name",
        Severity::Info,
        "年度指标值中重复了指标名称",
        include_str!("restated_name.rs"),
    ),
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
