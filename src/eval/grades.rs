//! A person's grade of a qualitative indicator as the rules word it (contract §6, §8.6): a grade
//! rule's name or one of its `words:` in the actual (`较好` where a rule says so), a grade with
//! its share (`部分达成(75%)`, taken as written and checked against the grade's
//! `min_share`–`max_share`), or points (`7.5分`, share = points ÷ the indicator's points);
//! else, on a sheet that prints its own 得分, the office's grade (`from_sheet`).

use rust_decimal::Decimal;

use super::actual::Actual;
use super::checks::Flag;
use super::indicator::{Scored, Scoring};
use super::methodology::{Grade, Methodology};
use super::score::Verdict;
use crate::finding::Severity;
use crate::rules::set::Applied;

/// Whether a qualitative target's text writes a figure in 分 (`测评得分4.5分以上`, `不低于90分`):
/// an actual written in 分 against it may be the figure measured (4.6分 of a 5-point survey),
/// not the points the indicator earned (4.6 of its 10), and the two readings differ.
pub(super) fn target_writes_points(target: &str) -> bool {
    let mut prev_digit = false;
    for c in target.chars() {
        if c == '分' && prev_digit {
            return true;
        }
        prev_digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
    }
    false
}

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
        // a quotient past the decimal range is past the share's bounds (points far beyond a
        // small 分值 are all of it, as any points beyond it are)
        let share = p.checked_div(weight).unwrap_or(if p.is_sign_negative() {
            Decimal::ZERO
        } else {
            Decimal::ONE
        });
        return Some((
            Actual::Share(share.max(Decimal::ZERO).min(Decimal::ONE)),
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
            code: crate::codes::EVAL_GRADE_SHARE_OUTSIDE.into(),
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
    if !matches!(read, Actual::Text(_) | Actual::Done | Actual::OnTime) {
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

/// Where offices put a grade (contract §8.6), last place looked: a qualitative row that still waits
/// for a person's grade, on a sheet that prints its own 得分 and 分值, takes the office's grade
/// ([`sheet_grade`](super::score::sheet_grade)); any other scoring is returned as it is.
pub(super) fn from_sheet(
    scoring: std::rc::Rc<Scoring>,
    s: &Scored<'_>,
    m: &Methodology,
) -> std::rc::Rc<Scoring> {
    let qualitative = matches!(
        s.reading.parsed.target,
        crate::lang::Target::Qualitative { .. }
    );
    // a row with no target at all and the office's 分值 and 得分: its 得分 stands, though
    // nothing can re-check it (the note says so)
    let empty = matches!(s.reading.parsed.target, crate::lang::Target::Empty);
    let waits = (qualitative || empty)
        && (super::indicator::outcome_waits(&scoring.outcome)
            || (empty && scoring.outcome.score.is_none()));
    match (waits, s.row.published_score, s.row.weight) {
        (true, Some(p), Some(w)) if !s.not_applicable => {
            match super::score::sheet_grade(p, w, s.weight, m) {
                Some(mut o) => {
                    o.formula = if empty {
                        format!("没有指标值，无法复核；{}", o.formula)
                    } else {
                        format!("{}；{}", scoring.outcome.formula, o.formula)
                    };
                    let mut graded = Scoring::new(o);
                    graded.flags = scoring.flags.clone();
                    graded.vetoes = scoring.vetoes.clone();
                    std::rc::Rc::new(graded)
                }
                None => scoring,
            }
        }
        _ => scoring,
    }
}

/// The grade word of a graded qualitative row, for the report (【达成】, 【部分达成】,
/// 【未达成】): the grade that decided it (its rule is the grade's), else — a share, points or
/// the office's 得分 decided it (`部分达成(75%)`, `7.5分`, `85%`) — the grade whose band holds
/// the share earned (达成 first where bands meet: 80 % is 达成), or the grade written beside its
/// share (`部分达成(80%)` is 部分达成), never 达标 / 未达标 for a row a person graded.
pub(super) fn word(
    s: &Scored<'_>,
    outcome: &super::score::Outcome,
    m: &Methodology,
) -> Option<&'static str> {
    let qualitative = matches!(
        s.reading.parsed.target,
        crate::lang::Target::Qualitative { .. }
    );
    if !qualitative {
        return None;
    }
    const ORDER: [Grade; 3] = [Grade::Achieved, Grade::Partly, Grade::NotAchieved];
    if let Some(g) = ORDER
        .into_iter()
        .find(|g| outcome.rules.contains(&m.grade(*g).rule))
    {
        return Some(g.as_str());
    }
    if !matches!(outcome.verdict, Verdict::Pass | Verdict::Fail) || s.weight.is_zero() {
        return None;
    }
    // a grade written with its share (`部分达成(80%)`) is the grade the person wrote, even
    // where the share lies in another band (a finding says so)
    if let Some(g) = s
        .actual_text
        .and_then(|t| t.split(['(', '（']).next())
        .and_then(|w| super::actual::grade_word(w.trim()))
    {
        return Some(g.as_str());
    }
    let share = outcome.score? / s.weight;
    ORDER
        .into_iter()
        .find(|g| {
            let band = m.grade(*g);
            share >= band.min_share && share <= band.max_share
        })
        .map(Grade::as_str)
}
