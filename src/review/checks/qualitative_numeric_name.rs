//! `review.qualitative-under-numeric-name`：指标名称要求数值，年度指标值却是文字描述。
//!
//! **作用**：标出定性的年度指标值（无法读作数值、日期或是/否的文字），而其指标名称要求一个数量：
//! 名称以 率、度、数、量、面积、额 结尾。
//!
//! **为什么重要**：`缴存完成率` 承诺的是一个比率；一句话无法与年终实际值比较，
//! 该指标只能凭主观判断评分。
//!
//! **示例**：`缴存完成率，年度指标值：通过宣传指引，让缴存单位按时足额完成公积金缴存`。
//!
//! **修改方法**：写出名称所要求的数值（`≥95%`），把文字描述移到绩效目标中。

use crate::finding::{Code, Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.qualitative-under-numeric-name",
        Severity::Warning,
        "可量化的指标写成了定性描述",
        include_str!("qualitative_numeric_name.rs"),
    ),
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
                i.row.at.target(),
                Some(i),
                format!("指标“{}”要求数值，年度指标值却是定性描述", i.row.name),
                "定性描述，无法与实际值比较",
                "写出指标名称要求的数值（如“≥95%”），描述性文字移至绩效目标",
            ));
        }
    }
}
