//! A project's total as offices grade it (contract §8.1, §8.10): the grade band of the total as
//! shown, out of the points the project was scored on. Where those points (budget execution and
//! every indicator that applies) do not add up to 100, the total is never graded as if out of
//! 100: it is graded on its share of the points (converted to 100), and a finding beside the
//! total says so (`eval.points-not-100`).

use rust_decimal::Decimal;

use super::methodology::Methodology;
use crate::finding::{Finding, Severity};
use crate::report_model::Shown;

/// The grade of a project's total and, where its points are not 100, the finding that says so.
pub struct Graded {
    pub grade: String,
    pub finding: Option<Finding>,
}

/// Grades `total` scored on `points` (contract §8.10, as the method reads it: shown or exact).
pub fn grade(
    m: &Methodology,
    total: Decimal,
    points: Decimal,
    file: &str,
    unit: &str,
    project: &str,
) -> Graded {
    let shown_points = m.show(points);
    // (compared on the mantissas: `exact`)
    if super::exact::cmp(shown_points, Decimal::ONE_HUNDRED).is_eq() {
        return Graded {
            grade: m.grade_of(total).to_owned(),
            finding: None,
        };
    }
    let on_100 = if points > Decimal::ZERO {
        // the total as shown, converted to 100 (what a reader of `44.38 / 49` would convert)
        let shown_total = if m.grade_exact.value {
            total
        } else {
            m.show(total)
        };
        Some(shown_total * Decimal::ONE_HUNDRED / points)
    } else {
        None
    };
    let grade = on_100.map(|s| m.grade_of(s).to_owned()).unwrap_or_default();
    let points_text = shown_points.normalize();
    let message = match on_100 {
        Some(s) => format!(
            "分值合计 {points_text} 分，不是 100 分：总分 {} 是 {points_text} 分中的得分，折合百分制 {}，等级按折合分评定为{grade}",
            Shown::new(total, m.precision.value),
            Shown::new(s, m.precision.value)
        ),
        None => format!("项目“{project}”没有可计分的分值，不评定等级"),
    };
    let f = Finding::new(crate::codes::EVAL_POINTS_NOT_100, Severity::Warning, file, message)
        .help("核对表中各指标的分值（连同预算执行率的分值）是否合计 100 分；摘录或漏行的表按其实有分值计分")
        .in_project(unit, project);
    Graded {
        grade,
        finding: Some(f),
    }
}

/// A project's total on 100 points: as it is where it was scored on 100, else its share of its
/// points converted (what unit and summary means average, so that a 49-point excerpt is not
/// averaged or graded as if out of 100).
pub fn on_100(p: &crate::report_model::ProjectReport) -> Decimal {
    // (the points as shown, rounded on the mantissa and compared on it: `methodology`'s
    // rounding is `Shown::rounded`'s value, `exact` compares as rust_decimal does; a decimal's
    // own rounding and compare were ~330 instructions a project of a streamed sheet)
    let w = p.weights.exact;
    let shown = super::methodology::round_half_up(w, p.weights.dp);
    if super::exact::cmp(shown, Decimal::ONE_HUNDRED).is_eq() || w.is_sign_negative() || w.is_zero()
    {
        p.score.exact
    } else {
        p.score.exact * Decimal::ONE_HUNDRED / p.weights.exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_total_shown_as_90_is_excellent() {
        let m = Methodology::default();
        let g = grade(&m, d("89.996"), d("100"), "f", "", "p");
        assert_eq!(g.grade, "优");
        assert!(g.finding.is_none());
        let mut exact = Methodology::default();
        exact.grade_exact.value = true;
        assert_eq!(
            grade(&exact, d("89.996"), d("100"), "f", "", "p").grade,
            "良"
        );
    }

    #[test]
    fn points_short_of_100_are_graded_on_their_share_with_a_finding() {
        let m = Methodology::default();
        // 44.38 of 49 points: 90.57 on 100, never 差
        let g = grade(&m, d("44.3812"), d("49"), "f", "u", "p");
        assert_eq!(g.grade, "优");
        let f = g.finding.expect("a finding");
        assert_eq!(f.code, crate::codes::EVAL_POINTS_NOT_100);
        assert!(f.message.contains("总分 44.38 是 49 分中"), "{}", f.message);
        assert!(f.message.contains("90.57"), "{}", f.message);
        // 99 of 110 points: 90 on 100
        let g = grade(&m, d("99"), d("110"), "f", "", "p");
        assert_eq!(g.grade, "优");
        assert!(g.finding.unwrap().message.contains("99.00 是 110 分中"));
        let g = grade(&m, d("87"), d("110"), "f", "", "p");
        // 87 of 110 points is 79.09 on 100: 中, not the 良 that 87 of 100 would be
        assert_eq!(g.grade, "中");
    }
}
