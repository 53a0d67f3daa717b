//! `review.qualitative-under-numeric-name`: a prose target under a name that asks for a number.
//!
//! **What it does.** Flags a qualitative target (text no construct reads as a number, date or
//! yes/no) whose indicator name asks for a quantity: names ending in 率, 度, 数, 量, 面积, 额.
//!
//! **Why it matters.** `缴存完成率` promises a rate; a sentence cannot be compared with the
//! year-end figure, so the indicator can only be graded by opinion.
//!
//! **Example.** `缴存完成率，年度指标值：通过宣传指引，让缴存单位按时足额完成公积金缴存`.
//!
//! **Fix.** Write the number the name asks for (`≥95%`), and move the prose to the goal.

use crate::finding::{Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.qualitative-under-numeric-name",
    severity: Severity::Warning,
    title: "可量化的指标写成了定性描述",
    explain: include_str!("qualitative_numeric_name.rs"),
    run,
};

/// Name endings that ask for a number.
const NUMERIC_ENDINGS: &[&str] = &["率", "度", "数", "量", "面积", "额", "比例", "占比"];

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let name = i.row.name.trim_end_matches([')', '）']);
        if matches!(i.parsed.target, Target::Qualitative { .. })
            && NUMERIC_ENDINGS.iter().any(|e| name.ends_with(e))
        {
            out.push(p.finding(
                INFO.code,
                i.row.at.target,
                Some(i),
                format!("指标“{}”要求数值，年度指标值却是定性描述", i.row.name),
                "定性描述，无法与实际值比较",
                "写出指标名称要求的数值（如“≥95%”），描述性文字移至绩效目标",
            ));
        }
    }
}
