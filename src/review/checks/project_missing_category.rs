//! `review.project-missing-category`: a project without an output, benefit or satisfaction
//! indicator.
//!
//! **What it does.** Flags a project none of whose indicators (categories as written, or inferred
//! by the rules) is a 产出指标 (成本指标 counts as output), a 效益指标, or a 满意度指标.
//!
//! **Why it matters.** The framework scores all three; a project without one of them loses those
//! points or has them rescaled onto the rest, and its goal is only partly measured.
//!
//! **Example.** `业务用房物业管理费` with only 产出指标 and 效益指标.
//!
//! It is `info` by default (many published tables omit 满意度指标 for small projects); a
//! rule file can raise it to `warning` or `error`.
//!
//! **Fix.** Add an indicator of the missing category (for 满意度: a service-recipient
//! satisfaction rate, `≥90%`).

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.project-missing-category",
    severity: Severity::Info,
    title: "项目缺少某类一级指标",
    explain: include_str!("project_missing_category.rs"),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    let has = |c: &str| {
        p.indicators
            .iter()
            .any(|i| i.scoring == Some(c) || (c == "产出指标" && i.scoring == Some("成本指标")))
    };
    let missing: Vec<&str> = ["产出指标", "效益指标", "满意度指标"]
        .into_iter()
        .filter(|c| !has(c))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join("、");
    out.push(p.finding(
        INFO.code,
        p.project.name_at,
        None,
        format!("项目“{}”缺少{list}", p.project.name),
        format!("缺少{list}"),
        format!("为项目补充{list}"),
    ));
}
