//! `eval.period-before`: a deadline written as a named period with a bare 前 (`2023年第三季度前`,
//! `下半年以前`). The parser reads it by the period's end (`<= 2023-09`, contract §3), but offices
//! write it for "before the period begins" as well, as they do `12月前` of a month (which the
//! scoring already leaves to a person where the date falls in that month). A date inside the
//! period is on time by one reading and late by the other: it waits for a person, both named.
//! A date outside the period, and periods that begin with the year (`上半年前`, `第一季度前`:
//! before January is no deadline), are scored as read.

use crate::lang::{CalendarDate, Op, Target, lexicon};

/// The tails after a period that say "before" without saying its end (`末前`, `底前`,
/// `结束前` say the end, and are not these).
const BARE_BEFORE: &[&str] = &["以前", "之前", "前"];

/// The named period of `text` followed by a bare 前 ([`BARE_BEFORE`]): the period's words.
fn period_before(text: &str) -> Option<&'static str> {
    lexicon::PERIODS.iter().find_map(|&(word, _)| {
        let at = text.find(word)?;
        let rest = text[at + word.len()..].trim_start();
        BARE_BEFORE
            .iter()
            .any(|t| rest.starts_with(t))
            .then_some(word)
    })
}

/// (year, month) of `d`, its year taken from `other` where it has none.
fn month_of(d: CalendarDate, other: CalendarDate) -> (i32, u8) {
    (d.year.or(other.year).unwrap_or(0), d.month)
}

/// The doubt of a period's 前 for `done` against `target` (`Deadline <= end`), where the two
/// readings differ: the finding's message, or `None`.
pub(super) fn doubt(
    indicator: &str,
    target: &Target,
    done: CalendarDate,
    target_text: &str,
    actual_text: &str,
) -> Option<String> {
    let Target::Deadline {
        op: Op::Le,
        date: end,
    } = target
    else {
        return None;
    };
    let word = period_before(target_text)?;
    let start = crate::lang::period_start(target_text, end.year)?;
    if start.month <= 1 {
        return None;
    }
    let at = month_of(done, *end);
    if at < month_of(start, *end) || at > month_of(*end, done) {
        return None;
    }
    Some(format!(
        "指标“{indicator}”：目标「{}」可读作{word}开始之前（{}月前），也可读作{word}结束之前（{}月底前）；实际「{}」在{word}内，按前一种读法逾期、按后一种按期，待人工评定",
        target_text.trim(),
        start.month,
        end.month,
        actual_text.trim(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Context, parse};

    fn doubt_of(target: &str, done: (i32, u8)) -> Option<String> {
        let t = parse(target, &Context::default()).target;
        let done = CalendarDate {
            year: Some(done.0),
            month: done.1,
            day: None,
        };
        doubt("完成时间", &t, done, target, "实际")
    }

    #[test]
    fn a_date_inside_a_quarter_before_which_is_due_waits() {
        assert!(doubt_of("2023年第三季度前", (2023, 8)).is_some());
        assert!(doubt_of("2023年第三季度前完成", (2023, 7)).is_some());
        assert!(doubt_of("下半年以前", (2023, 9)).is_some());
        // both readings agree: before the quarter, or after it
        assert!(doubt_of("2023年第三季度前", (2023, 5)).is_none());
        assert!(doubt_of("2023年第三季度前", (2023, 11)).is_none());
        // the end said, or a period that begins with the year
        assert!(doubt_of("2023年第三季度末前", (2023, 8)).is_none());
        assert!(doubt_of("2023年第三季度结束前", (2023, 8)).is_none());
        assert!(doubt_of("上半年前", (2023, 3)).is_none());
        assert!(doubt_of("第一季度前", (2023, 2)).is_none());
    }
}
