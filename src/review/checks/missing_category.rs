//! `review.missing-category`：指标缺少一级指标。
//!
//! **作用**：标出一级指标单元格为空的指标（`1、：缴存单位及职工满意度`），
//! 并说明规则根据指标名称推断出的一级指标（如有）。
//!
//! **为什么重要**：分值按一级指标分配（产出 50、效益 30、满意度 10）；没有一级指标的指标能够评分，
//! 只是因为规则作了推断，这一推断应当确认。
//!
//! **示例**：`3、：评价满意度，年度指标值：>90%` → 推断为 满意度指标。
//!
//! **修改方法**：写上一级指标：`3、满意度指标：评价满意度，…`。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.missing-category",
        Severity::Warning,
        "指标缺少一级指标",
        include_str!("missing_category.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in p.indicators.iter().filter(|i| i.row.category.is_none()) {
        let at = i.row.at.category().unwrap_or(i.row.at.name());
        let (label, help) = match (&i.category, &i.inferred_by) {
            (Some(c), Some(rule)) => (
                format!("未写一级指标；按规则 {rule} 推断为{c}"),
                format!(
                    "在序号后写明一级指标，如“{}、{c}：{}”",
                    i.row.seq, i.row.name
                ),
            ),
            _ => (
                "未写一级指标，规则也无法推断".to_owned(),
                "在序号后写明一级指标（产出指标、效益指标、满意度指标或成本指标）".to_owned(),
            ),
        };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!("指标“{}”缺少一级指标", i.row.name),
            label,
            help,
        ));
    }
}
