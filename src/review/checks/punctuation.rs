//! `review.punctuation`：重复或多余的标点。
//!
//! **作用**：标出以重复标点（`。。`）结尾的指标条目，以及末尾自带标点的年度指标值。
//!
//! **为什么重要**：不影响读取，但说明单元格经过手工修改；出现在公开的表中显得不够严谨。
//!
//! **示例**：`年度指标值：通过开展各类宣传活动，提高公积金政策覆盖率。。`。
//!
//! **修改方法**：删去多余的标点。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.punctuation",
        Severity::Info,
        "重复或多余的标点",
        include_str!("punctuation.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let doubled = i.row.terminator.chars().count() > 1;
        let at = if doubled {
            i.row.at.terminator()
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
