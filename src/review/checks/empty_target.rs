//! `review.empty-target`：指标没有年度指标值。
//!
//! **作用**：标出年度指标值为空的指标（表单中常见：项目决策、项目管理等只有分值和得分的行）。
//!
//! **为什么重要**：没有指标值，完成情况就无从比较。评分时这样的行如果表中印有分值和得分，
//! 按原表得分计分（规则 `sheet.grade`），并注明“没有指标值，无法复核”；没有得分则待人工评定。
//!
//! **示例**：`项目决策 | 项目立项规范性 | 分值 1 | 自评分 1`，没有年度指标值。
//!
//! **修改方法**：写上可衡量的年度指标值（如“立项程序合规率 100%”），或写明评分标准。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.empty-target",
        Severity::Warning,
        "指标没有年度指标值",
        include_str!("empty_target.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in p
        .indicators
        .iter()
        .filter(|i| i.row.target.trim().is_empty())
    {
        let label = if i.row.published_score.is_some() {
            "没有指标值：原表得分无法复核".to_owned()
        } else {
            "没有指标值".to_owned()
        };
        out.push(p.finding(
            INFO.code,
            i.row.at.name(),
            Some(i),
            format!("指标“{}”没有年度指标值", i.row.name),
            label,
            "写上可衡量的年度指标值（数量、比率、时限或可判定的结论）".to_owned(),
        ));
    }
}
