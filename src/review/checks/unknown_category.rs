//! `review.unknown-category`: a category outside the framework.
//!
//! **What it does.** Flags a 一级指标 that is none of 产出指标, 效益指标, 满意度指标, 成本指标 (or
//! their 目标 spellings, e.g. 产出目标).
//!
//! **Why it matters.** Such an indicator gets no share of the category points.
//!
//! **Example.** `1、工作指标：…`.
//!
//! **Fix.** Use one of the four categories of the framework.

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.unknown-category",
    severity: Severity::Error,
    title: "一级指标不在指标体系内",
    explain: include_str!("unknown_category.rs"),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        if let (Some(c), None) = (&i.row.category, i.scoring) {
            let at = i.row.at.category.unwrap_or(i.row.at.name);
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
