//! `review.unit-mismatch`：单位与指标名称不符。
//!
//! **作用**：标出四种情况：“率”类指标（名称以“率”结尾）的目标用了别的单位（`响应及时率` 写 `4秒`）；
//! “率”类指标未写 `%`；满意度写成了 `%` 或测评得分（`分`）以外的单位（`群众满意度` 写 `100人`）；
//! 时间类指标（…时间、…时长）写成了 `%`。
//!
//! **为什么重要**：年终实际值会按名称所指的单位填写；单位不同的目标无法与之比较，
//! 而且往往说明该目标属于另一个指标（此例中是 响应时间）。
//!
//! **示例**：`响应及时率，年度指标值：4秒`。
//!
//! **修改方法**：改指标名称（`响应时间`），或按名称所指的单位写目标（`≥95%`）。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.unit-mismatch",
        Severity::Warning,
        "单位与指标名称不符",
        include_str!("unit_mismatch.rs"),
    ),
    run,
};

const RATE_UNITS: &[&str] = &["%", "‰", "百分点"];

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some(value_span) = i.parsed.spans.value.clone() else {
            continue;
        };
        let name = i.row.name.trim_end_matches([')', '）']);
        let unit = i.parsed.target.unit().map(|u| u.as_str());
        let is_rate = name.ends_with('率');
        let satisfaction = name.ends_with("满意度");
        let is_time = ["时间", "时长", "时限"].iter().any(|w| name.ends_with(w));
        let (label, help) = match unit {
            Some(u) if is_rate && !RATE_UNITS.contains(&u) => (
                format!("“率”类指标的单位应为 %，这里是“{u}”"),
                "如目标是时长，把指标改名（如“响应时间”）；如是比率，写成百分比（如“≥95%”）",
            ),
            None if is_rate => (
                "“率”类指标未写 %".to_owned(),
                "写成百分比，如“≥95%”（若 1 表示 100%，请写 100%）",
            ),
            Some(u) if satisfaction && !RATE_UNITS.contains(&u) && u != "分" => (
                format!("满意度的单位应为 %（或测评得分的“分”），这里是“{u}”"),
                "写成满意度的比例（如“≥90%”）；如要考核人数，把指标改名（如“服务人数”）",
            ),
            Some("%") if is_time => (
                "时间类指标的单位不应是 %".to_owned(),
                "写出时长及单位，如“≤5个工作日”",
            ),
            _ => continue,
        };
        let span = i.parsed.spans.unit.clone().unwrap_or(value_span);
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!("指标“{}”的年度指标值单位与名称不符", i.row.name),
            label,
            help,
        ));
    }
}
