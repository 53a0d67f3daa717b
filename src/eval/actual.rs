//! Year-end actuals (实际完成值) as real sheets write them, read with the target language:
//! `96.2%`, `523万人`, `3.1秒`, `是`/`否`, `达成`/`部分达成`/`未达成`, `7月`, `按期完成`.
//!
//! Loose writing is read, never silently passed: a bare number takes the target's unit; an
//! actual that copies its target's comparator (`≥266米`) is read as its value and flagged;
//! `完成`/`已完成` against a numeric target is only a claim and goes to a person for review.

use rust_decimal::Decimal;

use super::methodology::Grade;
use crate::lang::{self, CalendarDate, Context, Origin, Quantity, Target, Unit};

/// What an actual says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actual {
    /// Nothing written.
    Missing,
    /// A number, with the unit it was written with (or the target's, for a bare number).
    Quantity {
        quantity: Quantity,
        /// The unit came from the target (`100` against `100%`).
        unit_from_target: bool,
        /// The actual copied a comparator (`≥266米`).
        copied_comparator: bool,
    },
    /// 是 / 达到 / 符合 … (`true`), 否 (`false`).
    YesNo(bool),
    /// A claim of completion (`完成`, `已完成`) without a figure or a date.
    Done,
    /// Done on time, in words (`按期完成`, `如期完成`), against a deadline.
    OnTime,
    /// A person's grade of a qualitative target.
    Grade(Grade),
    /// A person's share of the weight for a qualitative target (`85%`).
    Share(Decimal),
    /// A completion date (`7月`, `2023年11月20日`).
    Date(CalendarDate),
    /// Text that says none of these.
    Text(String),
}

/// Words that say the work was done, beside those that also say it was on time
/// ([`super::lateness::ON_TIME_WORDS`]).
const DONE_WORDS: &[&str] = &["完成", "已完成", "全部完成", "已达成"];

pub(super) fn grade_word(text: &str) -> Option<Grade> {
    Some(match text {
        "达成" | "已达成" | "达成目标" | "全部达成" | "完全达成" => {
            Grade::Achieved
        }
        "达成年度指标" | "达成预期指标" | "达成预期目标" | "达到预期目标" | "达到预期指标" => {
            Grade::Achieved
        }
        "部分达成"
        | "基本达成"
        | "部分达成并具有一定效果"
        | "部分达成，并具有一定效果"
        | "部分达成年度指标并具有一定效果"
        | "部分达成年度指标，并具有一定效果" => Grade::Partly,
        "未达成"
        | "未达成且效果较差"
        | "未达成，且效果较差"
        | "未完成"
        | "未达成年度指标且效果较差"
        | "未达成年度指标，且效果较差" => Grade::NotAchieved,
        _ => return None,
    })
}

/// Read an actual against its target.
pub fn read(text: &str, target: &Target, indicator: Option<&str>, year: Option<i32>) -> Actual {
    read_with(text, target, indicator, year, &mut |t, ctx| {
        lang::parse(t, ctx)
    })
}

/// [`read`], reading the text's figure with `parse` (evaluation passes a memoising one: the
/// figure depends on the text, the indicator and the year only, never on the target).
pub fn read_with(
    text: &str,
    target: &Target,
    indicator: Option<&str>,
    year: Option<i32>,
    parse: &mut dyn FnMut(&str, &Context<'_>) -> lang::Parsed,
) -> Actual {
    let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';']);
    if trimmed.is_empty() {
        return Actual::Missing;
    }
    if let Some(g) = grade_word(trimmed) {
        return Actual::Grade(g);
    }
    // the target's own words restated (`有效` against `有效`): 达成 (SPEC §8.6)
    if let Target::Qualitative { text: t } = target
        && same_words(trimmed, t)
    {
        return Actual::Grade(Grade::Achieved);
    }
    if DONE_WORDS.contains(&trimmed) || super::lateness::ON_TIME_WORDS.contains(&trimmed) {
        // `已完成` answers a yes/no target; against anything else it is only a claim.
        return match target {
            Target::Boolean { .. } => Actual::YesNo(true),
            Target::Deadline { .. } if super::lateness::ON_TIME_WORDS.contains(&trimmed) => {
                Actual::OnTime
            }
            _ => Actual::Done,
        };
    }
    let ctx = Context {
        indicator,
        year,
        ..Context::default()
    };
    let parsed = parse(trimmed, &ctx);
    match parsed.target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            let copied = parsed.provenance.op == Some(Origin::Text);
            if matches!(target, Target::Qualitative { .. })
                && quantity.unit.as_ref().is_some_and(|u| u.as_str() == "%")
            {
                return Actual::Share(quantity.value / Decimal::ONE_HUNDRED);
            }
            let (quantity, unit_from_target) = match (&quantity.unit, target.unit()) {
                (None, Some(u)) => (Quantity::new(quantity.value, Some(u.clone())), true),
                _ => (quantity, false),
            };
            Actual::Quantity {
                quantity,
                unit_from_target,
                copied_comparator: copied,
            }
        }
        // `均达到`, `已完成全年目标` against a figure is a claim of completion, not a yes/no.
        Target::Boolean { expected: true }
            if !matches!(target, Target::Boolean { .. } | Target::Deadline { .. }) =>
        {
            Actual::Done
        }
        Target::Boolean { expected } => Actual::YesNo(expected),
        Target::Deadline { date, .. } => Actual::Date(date),
        _ => Actual::Text(trimmed.to_owned()),
    }
}

/// Whether two texts say the same words (spaces and closing punctuation aside).
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '；' | ';' | '\u{3000}'))
            .collect::<String>()
    };
    let a = words(a);
    !a.is_empty() && a == words(b)
}

/// The percent unit.
pub fn is_percent(unit: Option<&Unit>) -> bool {
    unit.is_some_and(|u| u.as_str() == "%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn t(s: &str) -> Target {
        lang::parse(s, &Context::default()).target
    }

    #[test]
    fn loose_actuals() {
        let pct = t("≥95%");
        match read("100", &pct, None, None) {
            Actual::Quantity {
                quantity,
                unit_from_target: true,
                ..
            } => {
                assert_eq!(quantity.value, Decimal::from(100));
                assert_eq!(quantity.unit.unwrap().as_str(), "%");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("≥266米", &t("≥266米"), None, None),
            Actual::Quantity {
                copied_comparator: true,
                ..
            }
        ));
        assert_eq!(read("已完成", &pct, None, None), Actual::Done);
        assert_eq!(
            read("已完成", &t("是否完成"), None, None),
            Actual::YesNo(true)
        );
        assert_eq!(read("否", &t("是否完成"), None, None), Actual::YesNo(false));
        assert_eq!(
            read("部分达成", &t("正常开展"), None, None),
            Actual::Grade(Grade::Partly)
        );
        assert_eq!(
            read("85%", &t("正常开展"), None, None),
            Actual::Share(Decimal::from_str("0.85").unwrap())
        );
        assert_eq!(read("  ", &pct, None, None), Actual::Missing);
        assert_eq!(
            read("有效。", &t("有效"), None, None),
            Actual::Grade(Grade::Achieved)
        );
        assert_eq!(
            read("达成年度指标", &t("正常开展"), None, None),
            Actual::Grade(Grade::Achieved)
        );
        match read("523万人", &t("518万人以上"), None, None) {
            Actual::Quantity { quantity, .. } => {
                assert_eq!(quantity.value, Decimal::from(5_230_000))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("2023年11月20日", &t("2023年12月前"), None, None),
            Actual::Date(_)
        ));
    }
}
