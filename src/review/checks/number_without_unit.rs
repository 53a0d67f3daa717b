//! `review.number-without-unit`：数值未写单位，也无处可知单位。
//!
//! **作用**：标出没有单位的定量目标：年度指标值和指标名称中都没有单位，且名称本身不是计数（…数、…量、
//! …项目、…级别）或比率（比率由 `review.unit-mismatch` 检查）。
//!
//! **为什么重要**：`服务对象（个人用户）>500万`——500万什么：人、人次，
//! 还是账户？年终的实际值无法与一个不知是什么的数核对。
//!
//! **示例**：`服务对象（个人用户），年度指标值：>500万`。
//!
//! **修改方法**：写上单位：`>500万人`。

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.number-without-unit",
    severity: Severity::Info,
    title: "数值未写单位",
    explain: include_str!("number_without_unit.rs"),
    run,
};

/// Name endings that say what is counted.
const COUNT_ENDINGS: &[&str] = &[
    "数", "量", "项目", "级别", "等级", "次", "个", "项", "人", "户", "件", "份", "率", "度",
];

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some(span) = i.parsed.spans.value.clone() else {
            continue;
        };
        if i.parsed.target.unit().is_some() {
            continue;
        }
        let name = i.row.name.trim_end_matches([')', '）']);
        let base = match name.rfind(['(', '（']) {
            Some(k) if name.len() != i.row.name.len() => &name[..k],
            _ => name,
        };
        if COUNT_ENDINGS.iter().any(|e| base.ends_with(e)) {
            continue;
        }
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!("指标“{}”的年度指标值没有单位", i.row.name),
            "未写单位",
            "在数值后写明单位，如“>500万人”",
        ));
    }
}
