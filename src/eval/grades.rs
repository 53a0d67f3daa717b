//! A person's grade of a qualitative indicator as the rules word it (SPEC §6, §8.6): a grade
//! rule's name or one of its `words:` in the actual (`较好` where a rule says so), a grade with
//! its share (`部分达成(75%)`, taken as written and checked against the grade's
//! `min_share`–`max_share`), or points (`7.5分`, share = points ÷ the indicator's points).

use rust_decimal::Decimal;

use super::actual::Actual;
use super::checks::Flag;
use super::methodology::Grade;
use crate::finding::Severity;
use crate::rules::set::Applied;

/// What the rules' grades make of an actual, where they make something of it: the actual and
/// a flag where a share lies outside its grade's band.
pub fn read(
    applied: &Applied<'_, '_>,
    text: &str,
    read: &Actual,
    weight: Decimal,
) -> Option<(Actual, Option<Flag>)> {
    let text = text.trim().trim_end_matches(['。', '.', '；', ';']);
    // `7.5分`: the points as written
    if let Some(p) = text
        .strip_suffix('分')
        .and_then(|p| p.trim().parse::<Decimal>().ok())
        && weight > Decimal::ZERO
    {
        return Some((
            Actual::Share((p / weight).max(Decimal::ZERO).min(Decimal::ONE)),
            None,
        ));
    }
    // `部分达成(75%)`: the grade and its share
    if let Some((word, rest)) = text.split_once(['(', '（'])
        && let Some(inner) = rest.strip_suffix([')', '）'])
        && let Some(share) = inner
            .trim()
            .strip_suffix(['%', '％'])
            .and_then(|v| v.trim().parse::<Decimal>().ok())
    {
        let share = share / Decimal::ONE_HUNDRED;
        let grade = applied.grade(word.trim())?;
        let g = grade.value;
        let flag = (share < g.min_share || share > g.max_share).then(|| Flag {
            code: "eval.grade-share-outside".into(),
            severity: Severity::Warning,
            message: format!(
                "等级“{}”给了 {}%，不在该等级的 {}%–{}% 之内（规则 {}）；按所写比例计分",
                g.name,
                (share * Decimal::ONE_HUNDRED).normalize(),
                (g.min_share * Decimal::ONE_HUNDRED).normalize(),
                (g.max_share * Decimal::ONE_HUNDRED).normalize(),
                grade.rule.id
            ),
        });
        return Some((
            Actual::Share(share.max(Decimal::ZERO).min(Decimal::ONE)),
            flag,
        ));
    }
    // a word of a grade rule, where the built-in reading found none
    if !matches!(read, Actual::Text(_) | Actual::Done) {
        return None;
    }
    let grade = applied.grade(text)?;
    let actual = match grade.value.name.as_str() {
        "达成" => Actual::Grade(Grade::Achieved),
        "部分达成" => Actual::Grade(Grade::Partly),
        "未达成" => Actual::Grade(Grade::NotAchieved),
        _ => Actual::Share(grade.value.share),
    };
    Some((actual, None))
}
