//! `review.actual-copies-comparator`：实际完成值照抄了目标的比较符。
//!
//! **作用**：标出带比较符的实际完成值（`≥266米`、`95%以上`）。
//!
//! **为什么重要**：实际完成值是实际发生的结果，只应是一个数；`≥266米` 只是重复了目标，
//! 掩盖了真实数值。jixiao 会读出其中的数并评分，但表中应写明实际值。
//!
//! **示例**：`年度指标值 ≥266米，实际完成值 ≥266米`。
//!
//! **修改方法**：写实际测得的数：`271米`。

use crate::finding::{Code, Finding, Severity};
use crate::lang::{self, Context, Origin, Target};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.actual-copies-comparator",
        Severity::Warning,
        "实际完成值照抄了目标的比较符",
        include_str!("actual_copies_comparator.rs"),
    ),
    run,
};

/// Whether `actual` is a bare figure (digits, a point, a comma, a percent sign, spaces), which
/// writes no comparator: not parsed again (the whole parser for each actual was 10 % of
/// reviewing 40,000 one-indicator projects, H72).
fn plain_figure(actual: &str) -> bool {
    actual
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%' | b' '))
}

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let (Some(actual), Some(at)) = (&i.row.actual, i.row.at.actual()) else {
            continue;
        };
        if plain_figure(actual) {
            continue;
        }
        let parsed = lang::parse(
            actual,
            &Context::default().with_indicator(Some(&i.row.name)),
        );
        if !matches!(parsed.target, Target::Compare { .. })
            || parsed.provenance.op != Some(Origin::Text)
        {
            continue;
        }
        let at = match (&parsed.spans.op, p.doc.source.slice(&at) == &**actual) {
            (Some(s), true) => p.doc.source.locate(at.offset + s.start..at.offset + s.end),
            _ => at,
        };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!("指标“{}”的实际完成值照抄了比较符", i.row.name),
            "实际值不应带比较符",
            "写出实际测得的数值，如“271米”",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{self, Context, Origin};

    #[test]
    fn a_plain_figure_writes_no_comparator() {
        for actual in ["5230", "96.5%", "1,200", " 12 ", "0", "", "100 %"] {
            assert!(super::plain_figure(actual), "{actual}");
            let parsed = lang::parse(actual, &Context::default());
            assert_ne!(parsed.provenance.op, Some(Origin::Text), "{actual}");
        }
        for actual in ["≥5230", ">96%", "5230以上", "不低于90%", "=5", "<5", "-5", "5~6"] {
            assert!(!super::plain_figure(actual), "{actual}");
        }
    }
}
