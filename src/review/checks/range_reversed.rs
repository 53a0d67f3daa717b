//! `review.range-reversed`：区间的下限大于上限。
//!
//! **作用**：标出写成区间、前一个数却大于后一个数的年度指标值（`5-3万元`、`100%-90%`、
//! `3万-5千元`）。
//!
//! **为什么重要**：按所写读，没有任何实际值落在这个区间内；可能是两端写反了，也可能是某一端的数
//! 或单位写错了（`3万-5千元` 是 3万-5万元 还是 3千-5千元）。评价时这样的指标有数值实际值的，
//! 不猜测所指的区间，待人工评定（`eval.range-reversed`）。
//!
//! **示例**：`补助金额 | 5-3万元`。
//!
//! **修改方法**：把区间写成小数在前（`3-5万元`、`90%-100%`），两端各写明单位。

use crate::finding::{Code, Finding, Severity};
use crate::lang::Target;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.range-reversed",
        Severity::Warning,
        "区间的下限大于上限",
        include_str!("range_reversed.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Target::Range { low, high, .. } = &i.parsed.target else {
            continue;
        };
        if low.value <= high.value {
            continue;
        }
        let span = match (&i.parsed.spans.value, &i.parsed.spans.high) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..i.row.target.len(),
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!(
                "指标“{}”的区间下限 {} 大于上限 {}",
                i.row.name,
                low.value.normalize(),
                high.value.normalize()
            ),
            "下限大于上限：没有数值落在区间内".to_owned(),
            "把区间写成小数在前（如“3-5万元”“90%-100%”），两端各写明单位".to_owned(),
        ));
    }
}
