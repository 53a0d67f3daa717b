//! `review.impossible-date`：年度指标值中的日期不存在。
//!
//! **作用**：标出写了不存在的月份或日期的年度指标值：`2023年13月底前`、`2月30日前`、
//! `6月31日前`、`2023年2月29日`（2023 年不是闰年）。`36月龄`（年龄）、`12个月`、`100人月`
//! 不是日期，不标出。
//!
//! **为什么重要**：这样的时限读不出截止日期：评价时只能当作定性目标，待人工评定；多是月份或
//! 日期的笔误（`13月` 是 `3月` 还是 `12月`），审核时改正比年底再猜要好。
//!
//! **示例**：`完成时间 | 2023年13月底前`。
//!
//! **修改方法**：核对月份（1–12）和日期（不超过该月的天数），如 `2023年12月底前`、`2月28日前`。

use crate::finding::{Code, Finding, Severity};
use crate::lang::dates::impossible;
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.impossible-date",
        Severity::Warning,
        "年度指标值中的日期不存在",
        include_str!("impossible_date.rs"),
    ),
    run,
};

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let text = &*i.row.target;
        // the check reads only texts that write a month (one byte test before any scan)
        if !text.contains('月') {
            continue;
        }
        let Some((span, why)) = impossible(text) else {
            continue;
        };
        out.push(p.finding(
            INFO.code,
            p.in_target(i, &span),
            Some(i),
            format!(
                "指标“{}”的年度指标值写了不存在的日期“{}”（{why}）",
                i.row.name,
                &text[span.clone()]
            ),
            "没有这个日期".to_owned(),
            "核对月份（1–12）和日期（不超过该月的天数），如“2023年12月底前”“2月28日前”".to_owned(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::dates::impossible;

    #[test]
    fn dates_that_do_not_exist_and_words_that_are_no_dates() {
        let why = |t: &str| impossible(t).map(|(s, w)| (t[s].to_owned(), w));
        assert_eq!(
            why("2023年13月底前"),
            Some(("2023年13月".to_owned(), "没有 13 月".to_owned()))
        );
        assert_eq!(
            why("2月30日前"),
            Some(("2月30日".to_owned(), "2 月只有 29 天".to_owned()))
        );
        assert_eq!(
            why("2023年2月29日"),
            Some((
                "2023年2月29日".to_owned(),
                "2023 年不是闰年，2 月只有 28 天".to_owned()
            ))
        );
        assert_eq!(
            why("每季度1次，2023年13月前").map(|(s, _)| s),
            Some("2023年13月".to_owned())
        );
        assert_eq!(
            why("6月31号前完成"),
            Some(("6月31号".to_owned(), "6 月只有 30 天".to_owned()))
        );
        for fine in [
            "2024年2月29日",
            "2023年12月底前",
            "12月31日前",
            "0-36月龄儿童≥90%",
            "12个月",
            "100人月",
            "3月份",
            "每月1次",
            "每月1次，2023年12月底前",
            "月均≥5次",
            "2023年6月30日前",
            "第4季度",
        ] {
            assert_eq!(why(fine), None, "{fine}");
        }
    }
}
