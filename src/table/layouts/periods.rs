//! Which column is the year's where a header names periods: a second header row under a merged
//! 指标值 (`中期 | 年度`, `实施期目标 | 年度目标值`) or a target table's 绩效目标 / 绩效指标
//! (`中期指标 | 年度指标`), and two 实际完成值 columns, one of a part of the year (`1-6月`,
//! `上半年`, `第三季度`) and one of the whole (`全年`). The year's is read, never the mid-term's
//! or the half year's (the nineteenth probe: each was read before, scored against the year's
//! targets without a word).

use crate::table::columns::{ActualYears, Header, Role, role_span};
use crate::table::grid::Row;

/// `text` without its spaces (`2022 年度`, `1 - 6 月`; a full-width space is one).
fn spaceless(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a header cell names the whole year (`全年`, `1-12月`, `年末`: `Some(true)`) or a part
/// of it (`1-6月`, `上半年`, `第三季度`, `截至9月`: `Some(false)`); `None` where it names neither.
pub(crate) fn whole_year(text: &str) -> Option<bool> {
    let t = spaceless(text);
    if ["全年", "年末", "年底"].iter().any(|w| t.contains(w)) {
        return Some(true);
    }
    // January to December, not `11-12月` (November and December: the `1-12月` in it is no
    // month's start)
    let from_january = |w: &str| {
        t.match_indices(w)
            .any(|(at, _)| !t[..at].ends_with(|c: char| c.is_ascii_digit()))
    };
    if ["1-12月", "1—12月", "1～12月", "1至12月"]
        .iter()
        .any(|w| from_january(w))
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
    let t = spaceless(text);
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

/// The year a target column's header names (`2023年指标值`, `2023年度目标值`, `2024年（指标值）`):
/// `None` where it names none, or names something else of the year.
pub(crate) fn target_year(text: &str) -> Option<i32> {
    year_named(text, &["指标值", "目标值", "绩效指标值", "目标", "计划值"])
}

/// The year a header cell names (`2023年`, `2023年度`, then the words, bracketed or not) where
/// what follows it is one of `named`: the year of a target or an actual column.
fn year_named(text: &str, named: &[&str]) -> Option<i32> {
    // (most cells start with no digit: answered before anything is copied)
    if !text
        .trim_start()
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let t = spaceless(text);
    let (digits, rest) = t.split_at_checked(4)?;
    let year: i32 = digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()?;
    let rest = rest.strip_prefix('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    let rest = rest
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    (crate::years::YEARS.contains(&year) && named.contains(&rest)).then_some(year)
}

/// The column of the year's target among target columns each naming a year (`targets`:
/// `2023年指标值 | 2024年指标值`): the one naming the year asked (`--year`), else the year of
/// the actuals' column (`actual`: `2023年实际完成值`), else the one such column where there is
/// one and no year is known. `None` where the year known has no column, or two or more name
/// years and nothing tells which: none is read, the header names no target (as before). A
/// later year's column is that year's target: the latest is never taken as an actual's is.
pub(crate) fn target_column(targets: &[(usize, i32)], actual: Option<i32>) -> Option<usize> {
    match asked_year().or(actual) {
        Some(y) => targets.iter().find(|(_, t)| *t == y).map(|&(c, _)| c),
        None => match targets {
            [(c, _)] => Some(*c),
            _ => None,
        },
    }
}

/// The year a header cell names an actual of (`2023年完成值`, `2023年度实际完成值`, `2022年
/// 实际完成情况`): two such columns side by side are two years' actuals, one to be read.
pub(crate) fn actual_year(text: &str) -> Option<i32> {
    year_named(
        text,
        &[
            "完成值",
            "实际完成值",
            "实际值",
            "完成情况",
            "实际完成情况",
            "完成数",
            "实际完成数",
            "实际完成",
        ],
    )
}

/// Why a column among two years' actuals was read ([`year_column`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearBy {
    /// The year asked (`evaluate --year`) names it.
    Asked,
    /// The title's year names it.
    Title,
    /// Neither names a column: the latest.
    Latest,
}

/// The column to read among `years` (each a column and the year its header names: at least
/// one): the year `asked`'s (`--year`) where one names it, else the `title`'s, else the
/// latest, and why.
pub(crate) fn year_column(
    years: &[(usize, i32)],
    title: Option<i32>,
    asked: Option<i32>,
) -> Option<(usize, i32, YearBy)> {
    let named = |want: Option<i32>| want.and_then(|w| years.iter().find(|(_, y)| *y == w));
    if let Some(&(col, y)) = named(asked) {
        return Some((col, y, YearBy::Asked));
    }
    if let Some(&(col, y)) = named(title) {
        return Some((col, y, YearBy::Title));
    }
    years
        .iter()
        .max_by_key(|(_, y)| *y)
        .map(|&(col, y)| (col, y, YearBy::Latest))
}

thread_local! {
    /// The budget year asked of the read under way on this thread (`ReadOptions::year`).
    static ASKED: std::cell::Cell<Option<i32>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with `year` as the year asked of the tables read on this thread (the column of
/// two years' actuals it names is read: [`year_column`]).
pub(crate) fn with_year<T>(year: Option<i32>, f: impl FnOnce() -> T) -> T {
    let before = ASKED.with(|a| a.replace(year));
    let out = f();
    ASKED.with(|a| a.set(before));
    out
}

/// The year asked of the read under way on this thread ([`with_year`]).
pub(crate) fn asked_year() -> Option<i32> {
    ASKED.with(std::cell::Cell::get)
}

/// The year a title names (`2023年度项目支出绩效自评表`, `（2023年度）`): the four digits before
/// the first `年度`, else before a `年` in a title (`2023年…自评表`).
pub(crate) fn title_year(text: &str) -> Option<i32> {
    let at = text.find("年度").or_else(|| {
        (text.contains("表") || text.contains("评价"))
            .then(|| text.find('年'))
            .flatten()
    })?;
    // (`2023 年度`: a space between the year and its word)
    let head = text[..at].trim_end();
    let digits = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map_or("", |(i, _)| &head[i..]);
    let y: i32 = digits.parse().ok()?;
    (digits.len() == 4 && crate::years::YEARS.contains(&y)).then_some(y)
}

/// The note at the actual column read among two years' (`years`, its header `cell`; `name`
/// gives another column's header): which was read, why, and that the others were not.
pub(crate) fn year_noted(
    ctx: &crate::table::Ctx<'_>,
    years: &ActualYears,
    cell: &crate::table::grid::Cell,
    name: impl Fn(usize) -> String,
) -> crate::finding::Finding {
    let others: Vec<String> = years
        .cols
        .iter()
        .filter(|(c, _)| *c != years.taken.0)
        .map(|&(c, _)| format!("「{}」", name(c)))
        .collect();
    let taken = years.taken.1;
    let unmatched = years.asked.filter(|a| *a != taken);
    let why = match (years.by, years.title) {
        (YearBy::Asked, Some(t)) if t != taken => format!("按 --year {taken}（标题的年度是 {t}）"),
        (YearBy::Asked, _) => format!("按 --year {taken}"),
        (YearBy::Title, _) => format!("标题的年度是 {taken}"),
        (YearBy::Latest, _) => "标题没有写年度，读最近的一年".to_owned(),
    };
    let why = match unmatched {
        Some(a) => format!("没有 {a} 年的列（--year {a}），{why}"),
        None => why,
    };
    let severity = match unmatched {
        Some(_) => crate::finding::Severity::Warning,
        None => crate::finding::Severity::Info,
    };
    ctx.finding(
        crate::finding::codes::FORM_READING,
        severity,
        cell.location(ctx.source),
        format!(
            "实际完成值有 {} 列分年填写：{why}，读取「{}」列，{}未读取（其他年度用 --year 选列）",
            years.cols.len(),
            cell.text.trim(),
            others.join("")
        ),
    )
    .label("读取的年度")
}

#[cfg(test)]
mod tests {
    use super::{YearBy, actual_year, title_year, year_column};

    #[test]
    fn a_span_of_months_is_the_whole_year_only_from_january() {
        use super::whole_year;
        assert_eq!(whole_year("实际完成值（1-12月）"), Some(true));
        assert_eq!(whole_year("1至12月完成值"), Some(true));
        assert_eq!(whole_year("实际完成值（11-12月）"), Some(false));
        assert_eq!(whole_year("21—12月"), Some(false));
        assert_eq!(whole_year("实际完成值（1-10月）"), Some(false));
        assert_eq!(whole_year("实际完成值"), None);
    }

    #[test]
    fn two_years_actuals_are_told_and_the_titles_year_is_read() {
        assert_eq!(actual_year("2023年完成值"), Some(2023));
        assert_eq!(actual_year("2022 年度实际完成值"), Some(2022));
        assert_eq!(actual_year("2023年（实际完成情况）"), Some(2023));
        for no in [
            "实际完成值",
            "2023年目标值",
            "20233年完成值",
            "完成值2023年",
            "2023年",
        ] {
            assert_eq!(actual_year(no), None, "{no}");
        }
        let cols = [(5, 2022), (6, 2023)];
        assert_eq!(
            year_column(&cols, None, None),
            Some((6, 2023, YearBy::Latest))
        );
        assert_eq!(
            year_column(&cols, Some(2022), None),
            Some((5, 2022, YearBy::Title))
        );
        assert_eq!(
            year_column(&cols, Some(2023), Some(2022)),
            Some((5, 2022, YearBy::Asked))
        );
        assert_eq!(
            year_column(&cols, Some(2022), Some(2021)),
            Some((5, 2022, YearBy::Title))
        );
        assert_eq!(
            year_column(&cols, Some(2021), None),
            Some((6, 2023, YearBy::Latest))
        );
        assert_eq!(title_year("项目支出绩效自评表（2023年度）"), Some(2023));
        assert_eq!(title_year("2022年某县项目绩效自评表"), Some(2022));
        assert_eq!(title_year("2022 年度项目支出绩效自评表"), Some(2022));
        assert_eq!(title_year("（2022\u{3000}年度）绩效自评表"), Some(2022));
        assert_eq!(title_year("填报日期：2024年3月1日"), None);
    }

    #[test]
    fn a_target_column_is_the_years_never_the_latest() {
        assert_eq!(super::target_year("2023年指标值"), Some(2023));
        assert_eq!(super::target_year("2024年度目标值"), Some(2024));
        assert_eq!(super::target_year("2023年实际完成值"), None);
        assert_eq!(super::target_year("指标值"), None);
        let two = [(3, 2023), (5, 2024)];
        assert_eq!(super::target_column(&two, Some(2023)), Some(3));
        assert_eq!(super::target_column(&two, None), None);
        assert_eq!(super::target_column(&[(5, 2024)], Some(2023)), None);
        assert_eq!(super::target_column(&[(5, 2023)], None), Some(5));
    }
}
