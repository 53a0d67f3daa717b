//! Which column is the year's where a header names periods: a second header row under a merged
//! 指标值 (`中期 | 年度`, `实施期目标 | 年度目标值`) or a target table's 绩效目标 / 绩效指标
//! (`中期指标 | 年度指标`), and two 实际完成值 columns, one of a part of the year (`1-6月`,
//! `上半年`, `第三季度`) and one of the whole (`全年`). The year's is read, never the mid-term's
//! or the half year's (the nineteenth probe: each was read before, scored against the year's
//! targets without a word).

use crate::table::columns::{Header, Role, role_span};
use crate::table::grid::Row;

/// Whether a header cell names the whole year (`全年`, `1-12月`, `年末`: `Some(true)`) or a part
/// of it (`1-6月`, `上半年`, `第三季度`, `截至9月`: `Some(false)`); `None` where it names neither.
pub(crate) fn whole_year(text: &str) -> Option<bool> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    if [
        "全年",
        "1-12月",
        "1—12月",
        "1～12月",
        "1至12月",
        "年末",
        "年底",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        return Some(true);
    }
    let span = t.contains('月') && t.contains(['-', '—', '～', '~', '至']);
    (span
        || ["半年", "季度", "截至", "截止"]
            .iter()
            .any(|w| t.contains(w)))
    .then_some(false)
}

/// The period a second header row's cell names under a target group (`中期` | `年度`,
/// `实施期目标` | `年度目标值`): `Some(true)` the year's, `Some(false)` a longer one's.
pub(crate) fn period(text: &str) -> Option<bool> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let t = ["指标值", "目标值", "目标", "指标", "值"]
        .iter()
        .find_map(|w| t.strip_suffix(w))
        .unwrap_or(&t);
    match t {
        "年度" | "本年度" | "本年" | "当年" | "当年度" | "全年" => Some(true),
        "中期" | "实施期" | "总体" | "整体" | "项目期" => Some(false),
        _ => None,
    }
}

/// The column of the year's target where every filled cell of `row` (the row under a sheet's
/// header) names a period inside the target's merged cell (`split`), the year's and a longer
/// one's (`指标值` over `中期 | 年度`): read as it stood, the row was a nameless data row and
/// the target the mid-term one (≥600户 for the year's ≥200户: 72.00 中 where the sheet
/// printed 96).
pub(super) fn annual_in_split(row: &Row, split: &std::ops::Range<usize>) -> Option<usize> {
    let (mut annual, mut longer) = (None, None);
    for (at, cell) in row.filled() {
        if !split.contains(&at) {
            return None;
        }
        match period(&cell.text)? {
            true => annual = annual.or(Some(at)),
            false => longer = longer.or(Some(at)),
        }
    }
    longer.and(annual)
}

/// A target table's 绩效目标 and 绩效指标 each merged over `中期 | 年度` (`中期目标 | 年度目标`,
/// `实施期指标 | 年度指标`) in the row under its header: each role moved to its year's column,
/// the row consumed (whether it was such a row). Read as it stood, the 中期 columns were the
/// goal and the indicators, the 年度 ones past the header's width (`table.extra-cells`).
pub(super) fn annual_goals(header: &mut Header, row: &Row) -> bool {
    let spans: Vec<(Role, std::ops::Range<usize>)> = [Role::Goal, Role::Indicators]
        .into_iter()
        .filter_map(|r| Some((r, role_span(header, r)?)))
        .collect();
    // every filled cell a period inside one of the two
    if !row
        .filled()
        .all(|(i, c)| period(&c.text).is_some() && spans.iter().any(|(_, s)| s.contains(&i)))
    {
        return false;
    }
    let moves: Vec<(Role, usize)> = spans
        .iter()
        .filter_map(|(r, s)| {
            let (mut annual, mut longer) = (None, None);
            for (i, c) in row.filled().filter(|(i, _)| s.contains(i)) {
                match period(&c.text)? {
                    true => annual = annual.or(Some(i)),
                    false => longer = longer.or(Some(i)),
                }
            }
            Some((*r, longer.and(annual)?))
        })
        .collect();
    if moves.is_empty() {
        return false;
    }
    for (role, annual) in moves {
        header.replace(role, annual);
        header.unknown.retain(|&u| u != annual);
        header.width = header.width.max(annual + 1);
    }
    true
}
