//! `review.deadline-outside-year`：时限不在本年度内。
//!
//! **作用**：给出年度（`--year 2023`）时，标出写了另一年份的时限：`2022年12月底前`（早于本
//! 年度，多是照抄上年的目标表）、`2024年6月底前`（晚于本年度）。没有写年份的时限（`12月底前`）
//! 就是本年度的，不标出；写了“次年”“下一年度”“跨年”的，是有意写的，也不标出。不给年度时
//! 不做这项检查。
//!
//! **为什么重要**：年度指标值是本年度要达到的值。早于本年度的时限在年初就已过去，年终评价时
//! 按它计分会得出不合情理的结论；晚于本年度的时限在年终无法评价是否达成。
//!
//! **示例**：`jixiao review 目标表.xlsx --year 2023`，`完成时间 | 2022年12月底前`。
//!
//! **修改方法**：改为本年度的时限，如“2023年12月底前”；跨年度的项目写本年度要完成的阶段目标。

use crate::finding::{Code, Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.deadline-outside-year",
        Severity::Warning,
        "时限不在本年度内",
        include_str!("deadline_outside_year.rs"),
    ),
    run,
};

/// Words that say a deadline past the year is meant (次年3月前, 下一年度, 跨年度).
const MEANT: [&str; 4] = ["次年", "下一年", "下年", "跨年"];

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    let Some(year) = p.opts.year else { return };
    for i in &p.indicators {
        let Target::Deadline { date, .. } = &i.parsed.target else {
            continue;
        };
        let Some(written) = date.year.filter(|y| *y != year) else {
            continue;
        };
        let text = &*i.row.target;
        if MEANT.iter().any(|w| text.contains(w)) {
            continue;
        }
        // the year as written (`2022年`): a year filled in from `--year` is the year itself
        let digits = written.to_string();
        let Some(at) = text.find(&format!("{digits}年")) else {
            continue;
        };
        let (when, help) = if written < year {
            (
                "早于",
                format!(
                    "改为本年度的时限，如“{year}年12月底前”；照抄上年目标表的，核对其他指标值是否也未更新"
                ),
            )
        } else {
            (
                "晚于",
                "年度指标值应是本年度要达到的：改为本年度的时限，或写本年度要完成的阶段目标".to_owned(),
            )
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &(at..at + digits.len() + '年'.len_utf8())),
            Some(i),
            format!(
                "指标“{}”的时限写的是 {written} 年，{when} {year} 年度",
                i.row.name
            ),
            format!("{when}本年度"),
            help,
        ));
    }
}
