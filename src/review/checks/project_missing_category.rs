//! `review.project-missing-category`：项目缺少产出、效益或满意度指标。
//!
//! **作用**：项目的指标中（按所写的一级指标，或规则推断的一级指标）没有产出指标（成本指标计入产出）、
//! 效益指标或满意度指标之一时，标出该项目。
//!
//! **为什么重要**：指标体系对这三类指标都要评分；缺少其中一类，项目会失去这部分分值，
//! 或这部分分值被折算到其余指标上，项目的目标只得到部分衡量。
//!
//! **示例**：`业务用房物业管理费` 只有产出指标和效益指标。
//!
//! 2020 年以前的模板把满意度写作效益指标下的二级指标（`效益指标 / 社会公众或服务对象满意度指标`）：
//! 这样写的满意度指标也算满意度指标。
//!
//! 默认级别为提示（`info`）（许多公开的表中，小项目不设满意度指标）；
//! 规则文件可以把它提高为警告（`warning`）或错误（`error`）。
//!
//! **修改方法**：补上所缺类别的指标（满意度：服务对象满意度，`≥90%`）。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.project-missing-category",
        Severity::Info,
        "项目缺少某类一级指标",
        include_str!("project_missing_category.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    let has = |c: &str| {
        p.indicators.iter().any(|i| {
            i.scoring == Some(c)
                || (c == "产出指标" && i.scoring == Some("成本指标"))
                // the pre-2020 template: satisfaction as a level 2 under 效益指标
                || (c == "满意度指标"
                    && i.row.subcategory.as_deref().is_some_and(|s| s.contains("满意度")))
        })
    };
    let missing: Vec<&str> = ["产出指标", "效益指标", "满意度指标"]
        .into_iter()
        .filter(|c| !has(c))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join("、");
    // put together, not formatted: one of these for most projects of some tables
    let joined = |parts: &[&str]| parts.concat();
    out.push(p.finding(
        INFO.code,
        p.project.name_at,
        None,
        joined(&["项目“", &p.project.name, "”缺少", &list]),
        joined(&["缺少", &list]),
        joined(&["为项目补充", &list]),
    ));
}
