//! `review.unknown-category`：一级指标不在指标体系内。
//!
//! **作用**：标出不属于 产出指标、效益指标、满意度指标、成本指标（或其“目标”写法，如 产出目标）
//! 的一级指标。
//!
//! **为什么重要**：这样的指标分不到一级指标的分值。
//!
//! **示例**：`1、工作指标：…`。
//!
//! **修改方法**：使用指标体系中的四类一级指标之一。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.unknown-category",
        Severity::Error,
        "一级指标不在指标体系内",
        include_str!("unknown_category.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        if let (Some(c), None) = (&i.row.category, i.scoring) {
            let at = i.row.at.category().unwrap_or(i.row.at.name());
            out.push(p.finding(
                INFO.code,
                at,
                Some(i),
                format!("一级指标“{c}”不在指标体系内"),
                "不是产出、效益、满意度或成本指标",
                "一级指标应为产出指标、效益指标、满意度指标或成本指标",
            ));
        }
    }
}
