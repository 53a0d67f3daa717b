//! Points a sheet cannot mean (issue 27 item 12): a negative 分值, a negative printed 得分, or a
//! printed 得分 above its row's 分值, on an indicator row or the 预算执行率 row. Each is a finding
//! on its row (`eval.points-impossible`, with the row's place), and, as every finding of a
//! project, it stands beside the project's total: the total is still computed from the figures
//! as written (a negative 分值 counts negative; jixiao does not guess which sign was meant), and
//! is marked by the finding, never shown as if nothing were wrong. A row's 得分 re-computed by
//! jixiao never exceeds its 分值; the check is of what the sheet printed.
//!
//! Nothing here changes a score: it only reads the rows. A project with no such row pays one
//! comparison a row (none where a row has neither figure written).

use rust_decimal::Decimal;

use crate::finding::{Finding, Severity};
use crate::table::model::Project;
use crate::table::source::{Location, SourceText};

/// The findings of a project's impossible points, in row order (budget row first).
pub fn findings(source: &SourceText, unit: &str, project: &Project) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(b) = &project.budget {
        check(
            &mut out,
            (source, b.at),
            (unit, project, None),
            b.weight,
            b.published_score,
        );
    }
    // (a sheet with neither 分值 nor 得分 written: nothing to check, no place worked out)
    for row in project
        .indicators
        .iter()
        .filter(|r| r.weight.is_some() || r.published_score.is_some())
    {
        check(
            &mut out,
            (source, row.at.item()),
            (unit, project, Some(&row.name)),
            row.weight,
            row.published_score,
        );
    }
    out
}

fn check(
    out: &mut Vec<Finding>,
    (source, at): (&SourceText, Location),
    (unit, project, indicator): (&str, &Project, Option<&str>),
    weight: Option<Decimal>,
    score: Option<Decimal>,
) {
    let what = match (weight, score) {
        (Some(w), _) if w < Decimal::ZERO => format!("分值 {} 是负数", w.normalize()),
        (_, Some(s)) if s < Decimal::ZERO => format!("原表得分 {} 是负数", s.normalize()),
        (Some(w), Some(s)) if s > w => {
            format!("原表得分 {} 大于分值 {}", s.normalize(), w.normalize())
        }
        _ => return,
    };
    let row = match indicator {
        Some(name) => format!("指标“{name}”"),
        None => "预算执行率".to_owned(),
    };
    let mut f = Finding::at_location(
        crate::codes::EVAL_POINTS_IMPOSSIBLE,
        Severity::Warning,
        source,
        at,
        format!("{row}的{what}：总分按表中所写照算，仅供参考"),
    )
    .label("这一行")
    .help("核对这一行的分值和得分：分值不能为负，得分应在 0 到分值之间")
    .in_project(unit, &project.name);
    if let Some(name) = indicator {
        f = f.indicator(name);
    }
    out.push(f);
}
