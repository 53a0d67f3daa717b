//! `review.plan-without-number`: a plan reference with no number.
//!
//! **What it does.** Flags targets that point at a plan (`年度计划数`, `是否达到年度计划数要求`)
//! instead of writing the planned figure.
//!
//! **Why it matters.** The reviewer cannot judge whether the target is ambitious, and at year end
//! the plan value must be supplied separately before the indicator can be scored.
//!
//! **Example.** `物业管理覆盖面积，年度指标值：年度计划数`.
//!
//! **Fix.** Write the planned figure: `物业管理覆盖面积，年度指标值：≥12000平方米`.

use crate::finding::{Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.plan-without-number",
    severity: Severity::Warning,
    title: "以计划数代替具体数值",
    explain: include_str!("plan_without_number.rs"),
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
            None => i.row.at.target,
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
