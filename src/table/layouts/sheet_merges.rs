//! A flat self-evaluation sheet's 分值 or 得分 cell merged down over several indicator rows (an
//! xlsx/xls/ods merge, an html `rowspan`: one 30 分 for a group of two indicators). The value
//! is in the merge's first row; the rows under it read as empty, so they took their category's
//! method share (or nothing) beside the whole 30 on the first. Here, as a published form's
//! (`form::grid`), the value is shared evenly by the indicator rows the merge spans, with the
//! same warning `table.form-points-merged`. Text sheets (csv, tsv) have no merges: nothing
//! here runs for them, nor for a workbook whose merges miss both columns.
//!
//! An actual (实际完成值) merged down over several indicator rows is not shared (a figure met
//! by two indicators cannot be split, nor its text read twice without a guess): the rows under
//! the first read as empty, 缺实际值, as before, each with `table.actual-merged` saying why
//! ([`name_merged_actuals`]; it was "未填写实际完成值" without a word of the merge).

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::columns::{Header, Role};
use crate::table::grid::{Merge, Row};
use crate::table::model::{IndicatorRow, UnitRow};

/// Row entries past which a sheet's merges are not looked at (a real sheet's merges span a
/// few rows each; a file claiming millions is read as written).
const MAX_ENTRIES: usize = 4_000_000;

/// The roles whose cells merged over rows are shared, in the order of [`Regions`]' columns.
pub(crate) const ROLES: [Role; 2] = [Role::Weight, Role::Score];

/// The stretches of a sheet's rows (indices into its rows) and the columns of 分值 and 得分
/// ([`ROLES`]) in each: one stretch under the first header, another under each header row
/// found again with its columns moved (`moved_header`), whose rows' merges are its columns'.
pub(crate) type Regions = Vec<(std::ops::Range<usize>, [Option<usize>; 2])>;

/// Shares each 分值 / 得分 merged over several indicator rows of `units` (read from `rows`, a
/// sheet whose first row is grid row `base`; `merges` in grid rows) evenly among them, by the
/// columns in force in each of `regions`.
pub(crate) fn share(
    ctx: &mut Ctx<'_>,
    rows: &[Row],
    merges: &[Merge],
    base: usize,
    regions: &Regions,
    units: &mut [UnitRow],
) {
    for (k, (role, what)) in ROLES.into_iter().zip(["分值", "得分"]).enumerate() {
        for (span, cols) in regions {
            let Some(col) = cols[k] else {
                continue;
            };
            let owner = owners(rows, merges, base, col, span.clone());
            if owner.is_empty() {
                continue;
            }
            for p in units.iter_mut().flat_map(|u| u.projects.iter_mut()) {
                share_in(ctx, &mut p.indicators, rows, &owner, role, what);
            }
        }
    }
}

/// Names each indicator of `units` whose actual is empty because its cell is covered by a
/// merge of the 实际完成值 column (`header`'s) begun on a row above it (read from `rows`, a
/// sheet whose first row is grid row `base`; `merges` in grid rows): `table.actual-merged` at
/// the indicator, naming the merge's first row and the value it holds.
pub(crate) fn name_merged_actuals(
    ctx: &mut Ctx<'_>,
    rows: &[Row],
    merges: &[Merge],
    base: usize,
    header: &Header,
    units: &[UnitRow],
) {
    let Some(col) = header.col(Role::Actual) else {
        return;
    };
    let owner = owners(rows, merges, base, col, 0..rows.len());
    if owner.is_empty() {
        return;
    }
    for i in units
        .iter()
        .flat_map(|u| u.projects.iter())
        .flat_map(|p| p.indicators.iter())
        .filter(|i| i.actual.is_none())
    {
        let at = i.at.item();
        let Ok(r) = rows.binary_search_by_key(&at.offset, |r| r.range.start) else {
            continue;
        };
        let Some(first) = owner[r].map(|o| o as usize).filter(|&o| o != r) else {
            continue;
        };
        let held = rows[first].text(col);
        let line = rows[first]
            .cells
            .get(col)
            .and_then(|c| c.addr())
            .map_or(String::new(), |a| format!("第 {} 行", a.row));
        let f = ctx
            .finding(
                codes::ACTUAL_MERGED,
                Severity::Warning,
                at,
                format!(
                    "指标“{}”的实际完成值单元格与上方{line}合并，合并单元格的值“{}”只属于第一行；这一行按未填写读取（缺实际值）",
                    &*i.name,
                    crate::table::target_table::clip(held)
                ),
            )
            .label("实际完成值合并");
        ctx.findings.push(f);
    }
}

/// The one region of a sheet under its first header alone (`header`'s columns for all of
/// `rows`).
pub(crate) fn whole(header: &Header, rows: usize) -> Regions {
    vec![(0..rows, ROLES.map(|r| header.col(r)))]
}

/// For each row of `rows` in `span` spanned by a merge of column `col` over two rows or more
/// (its first row in `span`, the rest cut at its end): the merge's first row (an index into
/// `rows`); empty where there is none.
fn owners(
    rows: &[Row],
    merges: &[Merge],
    base: usize,
    col: usize,
    span: std::ops::Range<usize>,
) -> Vec<Option<u32>> {
    let mut owner: Vec<Option<u32>> = Vec::new();
    let mut entries = 0usize;
    for m in merges.iter().filter(|m| m.cols.contains(&col)) {
        let start = m.rows.start.max(base) - base;
        let end = m
            .rows
            .end
            .saturating_sub(base)
            .min(rows.len())
            .min(span.end);
        // a merge that starts above the sheet (or the stretch) has its value elsewhere
        if m.rows.start < base || !span.contains(&start) || end <= start + 1 {
            continue;
        }
        entries += end - start;
        if entries > MAX_ENTRIES {
            break;
        }
        if owner.is_empty() {
            owner = vec![None; rows.len()];
        }
        let Ok(first) = u32::try_from(start) else {
            continue;
        };
        for o in &mut owner[start..end] {
            o.get_or_insert(first);
        }
    }
    owner
}

/// The value of `role` on an indicator row.
fn value(i: &IndicatorRow, role: Role) -> Option<Decimal> {
    match role {
        Role::Weight => i.weight,
        _ => i.published_score,
    }
}

/// Shares the merged values of `role` among the runs of `indicators` one merge spans: the
/// first (the merge's first row) with its value, the others with none.
fn share_in(
    ctx: &mut Ctx<'_>,
    indicators: &mut [IndicatorRow],
    rows: &[Row],
    owner: &[Option<u32>],
    role: Role,
    what: &str,
) {
    // each indicator's row in `rows`, by where it starts (rows are in text order)
    let row_of = |i: &IndicatorRow| {
        let at = i.at.item().offset;
        rows.binary_search_by_key(&at, |r| r.range.start).ok()
    };
    let merged = |i: &IndicatorRow| row_of(i).and_then(|r| owner[r].map(|o| (r, o as usize)));
    let mut k = 0;
    while k < indicators.len() {
        let mut end = k + 1;
        if let (Some(v), Some((r, first))) = (value(&indicators[k], role), merged(&indicators[k]))
            && r == first
        {
            while end < indicators.len()
                && value(&indicators[end], role).is_none()
                && merged(&indicators[end]).is_some_and(|(_, o)| o == first)
            {
                end += 1;
            }
            if end - k > 1 {
                share_merged(ctx, v, &mut indicators[k..end], role, what);
            }
        }
        k = end;
    }
}

/// The merged value `v` shared evenly by `group`, with its finding (the words of the forms').
fn share_merged(ctx: &mut Ctx<'_>, v: Decimal, group: &mut [IndicatorRow], role: Role, what: &str) {
    let each = v / Decimal::from(group.len());
    for i in group.iter_mut() {
        match role {
            Role::Weight => i.weight = Some(each),
            _ => i.published_score = Some(each),
        }
    }
    let message = merged_message(what, group.iter().map(|i| &*i.name), v, each);
    let f = ctx
        .finding(
            codes::FORM_POINTS_MERGED,
            Severity::Warning,
            group[0].at.item(),
            message,
        )
        .label("合并的单元格");
    ctx.findings.push(f);
}

/// The message of `table.form-points-merged`: `what` (分值 or 得分) merged over the indicators
/// `names`, `v` points shared as `each` (the flat sheet's and the form's, one wording).
pub(crate) fn merged_message<'a>(
    what: &str,
    names: impl ExactSizeIterator<Item = &'a str>,
    v: Decimal,
    each: Decimal,
) -> String {
    let count = names.len();
    let names: Vec<&str> = names.collect();
    format!(
        "{what}单元格跨 {count} 个指标合并（{}）：合并的 {} 分按每个指标 {} 分平均分配；如原表另有分法，请逐项填写{what}",
        names.join("、"),
        v.normalize(),
        each.round_dp(2).normalize()
    )
}
