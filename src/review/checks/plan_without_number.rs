//! `review.plan-without-number`：以计划数代替具体数值。
//!
//! **作用**：标出只引用计划（`年度计划数`、`是否达到年度计划数要求`）而未写出计划数值的目标。
//!
//! **为什么重要**：审核人无法判断目标是否积极；年终时须另行提供计划值，该指标才能评分。
//!
//! **示例**：`物业管理覆盖面积，年度指标值：年度计划数`。
//!
//! **修改方法**：写出计划数值：`物业管理覆盖面积，年度指标值：≥12000平方米`。

use crate::finding::{Code, Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.plan-without-number",
        Severity::Warning,
        "以计划数代替具体数值",
        include_str!("plan_without_number.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let text = &i.row.target;
        let plan_word = text.find("计划");
        let is_plan = matches!(i.parsed.target, Target::Plan { .. })
            || (plan_word.is_some() && !text.chars().any(|c| c.is_ascii_digit()));
        if !is_plan {
            continue;
        }
        let at = match plan_word {
            Some(start) => {
                let end = text[start..]
                    .char_indices()
                    .take_while(|(_, c)| "计划数值".contains(*c))
                    .last()
                    .map(|(k, c)| start + k + c.len_utf8())
                    .unwrap_or(start);
                p.in_target(i, &(start..end))
            }
            None => i.row.at.target(),
        };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!("指标“{}”以计划数为目标，未写具体数值", i.row.name),
            "计划数未写明",
            "写出计划的具体数值和单位，如“≥12000平方米”",
        ));
    }
}
