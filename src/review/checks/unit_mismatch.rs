//! `review.unit-mismatch`: a unit that does not fit the indicator's name.
//!
//! **What it does.** Flags a rate (name ending in 率) whose target is measured in another unit
//! (`响应及时率` with `4秒`), a rate written without `%`, and a time (…时间, …时长) written in `%`.
//!
//! **Why it matters.** The year-end figure will be written in the unit the name implies; a target
//! in another unit cannot be compared with it, and usually means the target belongs to another
//! indicator (here: 响应时间).
//!
//! **Example.** `响应及时率，年度指标值：4秒`.
//!
//! **Fix.** Rename the indicator (`响应时间`) or write the target in its unit (`≥95%`).

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.unit-mismatch",
    severity: Severity::Warning,
    title: "单位与指标名称不符",
    explain: include_str!("unit_mismatch.rs"),
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
