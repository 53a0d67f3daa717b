//! A flat sheet's category headings: `一、产出指标`, `（一）数量指标` written on a row of their own
//! in the 三级指标 column, no target and no actual, above the indicators they hold — what a
//! sheet that keeps 一级 / 二级 / 三级指标 in one column prints, often with the category's 分值
//! and 得分 beside it. Read as indicators, a sheet of 100 points with two levels of headings
//! totalled 300 (its 得分 counted three times, "折合" back to a confident grade). A row is a
//! heading where a category's name (numbering and bracketed points aside) stands alone on it
//! and at least one indicator follows before the next heading of its level or above; it is
//! then no indicator (`table.form-category-row`, an info note), the rows under it take its category where
//! they name none, and its 分值 and 得分 are checked against theirs as a 小计 is
//! (`table.form-total-mismatch`, the project 未核对 where they disagree). A heading with no
//! indicator under it stays the indicator it was read as. `成本指标` is a 一级指标 in the
//! 2021 framework and a 二级指标 under 产出 before it: both are tried, and the reading whose
//! sums agree is taken (of two that agree alike, the one that finds more headings).

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::model::Project;
use crate::table::source::Location;

/// The level of a category heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// 一级指标: 产出, 效益, 满意度 …
    One,
    /// 二级指标: 数量, 质量, 经济效益 …
    Two,
    /// `成本指标`: either, told by the sums.
    Either,
}

const LEVEL_ONE: &[&str] = &[
    "产出指标",
    "效益指标",
    "满意度指标",
    "投入指标",
    "过程指标",
    "效果指标",
    "影响指标",
];

const LEVEL_TWO: &[&str] = &[
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
];

/// The category `name` (an indicator cell's text) names alone, and its level: `一、产出指标`,
/// `（一）数量指标`, `产出指标（50分）`, `2.质量指标：` are; `培训人数`, `产出指标完成率` are not.
/// Cheap where it is not (most names do not end in 指标 once a bracket and a colon are cut).
pub(crate) fn level_of(name: &str) -> Option<(Level, String)> {
    let cut = name.trim().trim_end_matches([':', '：']);
    let cut = match cut.strip_suffix([')', '）']) {
        Some(open) => &open[..open.rfind(['(', '（'])?],
        None => cut,
    };
    if !cut.trim_end().ends_with("指标") {
        return None;
    }
    let normal = super::columns::normalize(cut);
    // numbering before the name: `一、`, `1.`, `2．`, `（一）` (brackets the normal form drops)
    let bare = normal.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || "一二三四五六七八九十".contains(c)
            || matches!(c, '、' | '.' | '．' | '，' | ',')
    });
    let level = if LEVEL_ONE.contains(&bare) {
        Level::One
    } else if LEVEL_TWO.contains(&bare) {
        Level::Two
    } else if bare == "成本指标" {
        Level::Either
    } else {
        return None;
    };
    Some((level, bare.to_owned()))
}

/// A row of a project read as an indicator that may be a category heading: its place in the
/// project's indicators, its level, the category it names, its 分值 and 得分, where it is.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub index: usize,
    pub level: Level,
    pub name: String,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub at: Location,
}

/// The rows a heading holds, the sums of theirs that disagree with its own, for one choice of
/// the level of each `Either` heading.
struct Reading {
    /// Per heading: the indicator rows under it (no heading among them), or none (not a
    /// heading: nothing follows it).
    spans: Vec<Vec<usize>>,
    /// `(heading, what, printed, sum, rows)` for every sum that disagrees.
    mismatches: Vec<(usize, &'static str, Decimal, Decimal, usize)>,
}

/// Reads `project`'s heading candidates `found` (in the order read, all of this project) once
/// its rows are read: the headings are taken out of its indicators (those after renumbered),
/// their category given to the rows under them that name none, their sums checked. Returns the
/// indexes taken out (ascending), for the subtotals read with the rows to be moved by.
pub(crate) fn settle(ctx: &mut Ctx<'_>, project: &mut Project, found: &[Heading]) -> Vec<usize> {
    let either: Vec<usize> = (0..found.len())
        .filter(|&k| found[k].level == Level::Either)
        .collect();
    // `成本指标` read as a 二级 heading first, as a 一级 one where that makes fewer sums disagree
    let levels_as = |level: Level| -> Vec<Level> {
        let mut levels: Vec<Level> = found.iter().map(|h| h.level).collect();
        for &k in &either {
            levels[k] = level;
        }
        levels
    };
    let mut levels = levels_as(Level::Two);
    let mut reading = read(project, found, &levels);
    if !either.is_empty() {
        let one = levels_as(Level::One);
        let other = read(project, found, &one);
        // fewer sums that disagree, then more headings (one with nothing under it stays a row)
        let rank = |r: &Reading| {
            let held = r.spans.iter().filter(|s| !s.is_empty()).count();
            (r.mismatches.len(), std::cmp::Reverse(held))
        };
        if rank(&other) < rank(&reading) {
            (reading, levels) = (other, one);
        }
    }
    let mut taken = Vec::new();
    for (k, rows) in reading.spans.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        let h = &found[k];
        taken.push(h.index);
        let category: Arc<str> = Arc::from(h.name.as_str());
        for &r in rows {
            let row = &mut project.indicators[r];
            if levels[k] == Level::Two {
                row.subcategory
                    .get_or_insert_with(|| h.name.as_str().into());
            } else if row.category.is_none() {
                row.category = Some(Arc::clone(&category));
            }
        }
        let f = ctx
            .finding(
                codes::FORM_CATEGORY_ROW,
                Severity::Info,
                h.at,
                format!(
                    "「{}」是指标类别「{}」的标题行（没有年度指标值和实际完成值，其下有 {} 项指标），不作为指标计分",
                    project.indicators[h.index].name.trim(),
                    h.name,
                    rows.len()
                ),
            )
            .label("类别标题行")
            .project(&project.name);
        ctx.findings.push(f);
    }
    let mut unchecked = Vec::new();
    for &(k, what, printed, sum, n) in &reading.mismatches {
        let h = &found[k];
        let f = ctx
            .finding(
                codes::FORM_TOTAL_MISMATCH,
                Severity::Warning,
                h.at,
                format!(
                    "类别「{}」行的{what} {} 与其下 {n} 项指标的{what}之和 {} 不一致",
                    h.name,
                    printed.normalize(),
                    sum.normalize()
                ),
            )
            .label(format!("类别{what}"))
            .help(format!("核对类别行与其下各项{what}的加总"))
            .project(&project.name);
        ctx.findings.push(f);
        unchecked.push(format!(
            "「{}」{what} {} ≠ 其下各项{what}之和 {}",
            h.name,
            printed.normalize(),
            sum.normalize()
        ));
    }
    if !unchecked.is_empty() {
        super::sheet_total::facts(project)
            .unchecked
            .extend(unchecked);
    }
    let mut k = 0;
    project.indicators.retain(|_| {
        k += 1;
        taken.binary_search(&(k - 1)).is_err()
    });
    for (i, row) in project.indicators.iter_mut().enumerate() {
        row.seq = i as u32 + 1;
    }
    taken
}

/// The rows each heading holds with its level `levels[k]`: those after it up to the next
/// heading of its level or above (or the project's end), headings aside; and the sums that
/// disagree with the heading's own.
fn read(project: &Project, found: &[Heading], levels: &[Level]) -> Reading {
    let mut spans = Vec::with_capacity(found.len());
    let mut mismatches = Vec::new();
    // the candidates are in the order read: a row is one of them by a binary search
    let is_heading = |i: usize| found.binary_search_by_key(&i, |h| h.index).is_ok();
    for (k, h) in found.iter().enumerate() {
        let end = (k + 1..found.len())
            .find(|&j| levels[j] <= levels[k])
            .map_or(project.indicators.len(), |j| found[j].index);
        let rows: Vec<usize> = (h.index + 1..end).filter(|&i| !is_heading(i)).collect();
        if !rows.is_empty() {
            let of = |f: fn(&crate::table::model::IndicatorRow) -> Option<Decimal>| {
                rows.iter()
                    .map(|&i| f(&project.indicators[i]))
                    .collect::<Option<Vec<Decimal>>>()
            };
            for (what, printed, parts) in [
                ("分值", h.weight, of(|r| r.weight)),
                ("得分", h.score, of(|r| r.published_score)),
            ] {
                let (Some(printed), Some(parts)) = (printed, parts) else {
                    continue;
                };
                let (sum, near) = super::sheet_total::summed(&printed, &parts, None);
                if !near(sum) {
                    mismatches.push((k, what, printed, sum, rows.len()));
                }
            }
        }
        spans.push(rows);
    }
    Reading { spans, mismatches }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_names_alone_are_headings_and_indicators_are_not() {
        for (name, level, bare) in [
            ("产出指标", Level::One, "产出指标"),
            ("一、产出指标", Level::One, "产出指标"),
            ("（一）数量指标", Level::Two, "数量指标"),
            ("2.质量指标：", Level::Two, "质量指标"),
            ("效益指标（30分）", Level::One, "效益指标"),
            ("成本指标", Level::Either, "成本指标"),
            ("服务对象满意度指标", Level::Two, "服务对象满意度指标"),
        ] {
            assert_eq!(level_of(name), Some((level, bare.to_owned())), "{name}");
        }
        for name in [
            "培训人数",
            "产出指标完成率",
            "满意度",
            "其他指标",
            "指标",
            "（50分）",
        ] {
            assert_eq!(level_of(name), None, "{name}");
        }
    }
}
