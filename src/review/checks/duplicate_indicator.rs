//! `review.duplicate-indicator`：同一项目中指标重复。
//!
//! **作用**：标出同一项目中第二次（及以后）出现的同名指标。
//!
//! **为什么重要**：该指标会占用所属一级指标的两份分值，
//! 按指标名称对应的实际完成值也无法确定对应哪一个。
//!
//! **示例**：一个项目中有两个 `系统并发数`。
//!
//! **修改方法**：合并为一个，或在名称中写明各自衡量的内容。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.duplicate-indicator",
        Severity::Warning,
        "同一项目中指标重复",
        include_str!("duplicate_indicator.rs"),
    ),
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
                i.row.at.name(),
                Some(i),
                format!("指标“{}”在项目中出现了两次", i.row.name),
                format!("与第 {} 项重复", first.row.seq),
                "合并重复的指标，或写明各自衡量的内容",
            ));
        }
    }
}
