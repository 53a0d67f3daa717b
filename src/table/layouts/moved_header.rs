//! A header row found again below the first with its columns in another order (two tables of
//! different column orders pasted in one sheet): the rows under it are read by its columns,
//! never by the first header's. The data-row filter (`table::data_rows`, the whole read's and
//! a streamed block's) hands each row under such a header on with its cells moved to the first
//! header's columns ([`MovedHeader::remap`]), so every reader after it reads the first header's
//! columns as before; the header in force crosses streamed blocks in the fill-down state
//! (`FillDown::moved`). A header that cannot be understood the same way (a role the first
//! header lacks, no 单位 column where the first has one, other units stated) leaves its rows
//! unread, each named: never read by the wrong columns. A copy of the header in force (a page
//! break's) says nothing; a copy of the first header goes back to it.

use std::sync::Arc;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::columns::{self, Header, Role};
use crate::table::grid::Row;

/// The header in force below a moved header row: how its rows' cells map to the first
/// header's columns, or why they are left unread.
#[derive(Debug)]
pub struct MovedHeader {
    /// The moved header itself (its width and shape, for each row's shape).
    again: Header,
    /// By the first header's column: the column of the moved header naming the same role.
    cols: Box<[Option<usize>]>,
    /// Why its rows cannot be read by it (`None`: they are, through `cols`).
    unread: Option<String>,
    /// The names of its columns the first header has no column for, whose cells are not read
    /// (得分, 偏差原因: nothing else reads differently without them).
    dropped: Vec<&'static str>,
}

impl PartialEq for MovedHeader {
    fn eq(&self, other: &Self) -> bool {
        self.cols == other.cols
            && self.unread == other.unread
            && self.again.width == other.again.width
    }
}

impl Eq for MovedHeader {}

/// What a data row under a moved header is: read with its cells moved (the row made), or left
/// unread (named and counted already).
pub(crate) enum Under<'a> {
    Moved(Row<'a>),
    Unread,
}

impl MovedHeader {
    /// The header `again` (a row of the sheet, [`columns::repeated_header`]) against the
    /// first header `header`: `None` where it repeats it column for column.
    fn of(again: Header, header: &Header) -> Option<MovedHeader> {
        if columns::moved_columns(&again, header).is_empty()
            && again.roles().len() == header.roles().len()
        {
            return None;
        }
        let mut cols = vec![None; header.width].into_boxed_slice();
        for &(role, col) in header.roles() {
            if let Some(slot) = cols.get_mut(col) {
                *slot = again.col(role);
            }
        }
        let unread = why_unread(&again, header);
        let dropped = again
            .roles()
            .iter()
            .filter(|(role, _)| header.col(*role).is_none())
            .map(|&(role, _)| role_name(role))
            .collect();
        Some(MovedHeader {
            again,
            cols,
            unread,
            dropped,
        })
    }

    /// `row` (a data row under this header) with its cells in the first header's columns: each
    /// column of a role the cell of that role, the others empty (where the row's first cell
    /// is: a finding at an empty cell points into the row).
    pub(crate) fn remap<'a>(&self, row: &Row<'a>) -> Row<'a> {
        let blank = row.cells.first().map(|c| c.emptied());
        let cells = self
            .cols
            .iter()
            .filter_map(|c| match c.and_then(|j| row.cells.get(j)) {
                Some(cell) => Some(cell.clone()),
                None => blank.clone(),
            })
            .collect();
        Row {
            cells,
            range: row.range.clone(),
        }
    }
}

/// The columns of `roles` in the sheet below a header row found again (`again`) under the first
/// header `header`: its own where its columns moved, the first header's for a copy of it, none
/// where its rows are left unread (for the 分值 / 得分 merged over its rows, `sheet_merges`).
pub(crate) fn columns_in_force<const N: usize>(
    again: Header,
    header: &Header,
    roles: [Role; N],
) -> [Option<usize>; N] {
    match MovedHeader::of(again, header) {
        None => roles.map(|r| header.col(r)),
        Some(m) if m.unread.is_some() => [None; N],
        Some(m) => roles.map(|r| m.again.col(r)),
    }
}

/// Why the rows under `again` cannot be read by it as the first header's are read: a role the
/// first header has no column for, but 得分 and 偏差原因 (its cells would be dropped: a 指标性质
/// or 度量单位 the target needs, a 分值 written), no 单位 column where the first has one (the first table's
/// last unit would be filled down into the second), or money columns in other units.
fn why_unread(again: &Header, header: &Header) -> Option<String> {
    let extra: Vec<&str> = again
        .roles()
        .iter()
        .filter(|(role, _)| {
            header.col(*role).is_none() && !matches!(role, Role::Deviation | Role::Score)
        })
        .map(|&(role, _)| role_name(role))
        .collect();
    if !extra.is_empty() {
        return Some(format!("本表表头没有「{}」列", extra.join("」「")));
    }
    if header.col(Role::Unit).is_some() && again.col(Role::Unit).is_none() {
        return Some("这一行表头没有「单位」列，单位无法确定".to_owned());
    }
    if again.money.stated != header.money.stated {
        return Some("资金各栏的金额单位与本表表头不同".to_owned());
    }
    if again.figures != header.figures {
        return Some("年度指标值或实际完成值写明的单位与本表表头不同".to_owned());
    }
    None
}

/// A role's name as a finding says it.
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Name => "项目名称",
        Role::Total => "合计",
        Role::Fiscal => "财政拨款",
        Role::Special => "财政专户拨款",
        Role::Other => "其他资金",
        Role::Goal => "年度目标",
        Role::Indicators => "绩效指标",
        Role::Unit => "单位",
        Role::Project => "项目",
        Role::Level1 => "一级指标",
        Role::Level2 => "二级指标",
        Role::Indicator => "三级指标",
        Role::Target => "年度指标值",
        Role::Actual => "实际完成值",
        Role::Weight => "分值",
        Role::Score => "得分",
        Role::Deviation => "偏差原因",
        Role::Budget => "全年预算数",
        Role::Spent => "全年执行数",
        Role::Nature => "指标性质",
        Role::Measure => "度量单位",
        Role::Direction => "指标方向",
        Role::Figure => "计划数",
        Role::Adjusted => "调整后指标值",
    }
}

/// A header row `row` found again below the first header `header` (`again`, its own roles):
/// sets the header in force `moved` — back to the first header for a copy of it, the moved
/// header for another order — and names a change (a copy of the header in force says nothing).
pub(crate) fn header_row(
    ctx: &mut Ctx<'_>,
    row: &Row,
    again: Header,
    header: &Header,
    moved: &mut Option<Arc<MovedHeader>>,
) {
    let now = MovedHeader::of(again, header);
    if now.as_ref() == moved.as_deref() {
        return;
    }
    let Some(now) = now else {
        *moved = None;
        return;
    };
    told(ctx, row, &now, header);
    *moved = Some(Arc::new(now));
}

/// What the data row `row` under the header in force `moved` is ([`Under`]): its shape checked
/// against the moved header (too short: skipped and named), a row under a header that cannot
/// be understood skipped and named.
pub(crate) fn under<'a>(ctx: &mut Ctx<'_>, row: &Row<'a>, moved: &MovedHeader) -> Under<'a> {
    if let Some(why) = &moved.unread {
        let f = ctx
            .finding(
                codes::HEADER_MOVED,
                Severity::Error,
                ctx.row_location(row),
                format!("这一行在列的位置不同、无法按本表读取的表头之下（{why}），未读取"),
            )
            .label("未读取的行")
            .help(HELP);
        ctx.skip(f);
        return Under::Unread;
    }
    if !ctx.check_shape(&moved.again, row) {
        return Under::Unread;
    }
    Under::Moved(moved.remap(row))
}

const HELP: &str =
    "一个工作表中有两张列顺序不同的表：把它们分为两个文件或两个工作表，或把各列调成同一顺序";

/// The finding at a header row whose columns moved: which columns, and how its rows are read.
fn told(ctx: &mut Ctx<'_>, row: &Row, now: &MovedHeader, header: &Header) {
    let moved = columns::moved_columns(&now.again, header);
    let shown: Vec<String> = moved
        .iter()
        .take(4)
        .map(|&(col, at)| {
            let name = row.text(col);
            match at {
                Some(at) => format!("「{name}」在第 {} 列（表头中在第 {} 列）", col + 1, at + 1),
                None => format!("「{name}」在第 {} 列（表头中这一列是别的列）", col + 1),
            }
        })
        .collect();
    let more = if moved.len() > 4 { "……" } else { "" };
    let listed = match shown.is_empty() {
        true => String::new(),
        false => format!("：{}{more}", shown.join("，")),
    };
    let (severity, how) = match &now.unread {
        None if now.dropped.is_empty() => (
            Severity::Warning,
            "其下各行按这一行表头的列读取（年度指标值、实际完成值、分值等各取其列）".to_owned(),
        ),
        None => (
            Severity::Warning,
            format!(
                "其下各行按这一行表头的列读取（年度指标值、实际完成值、分值等各取其列）；本表表头没有的「{}」列未读取",
                now.dropped.join("」「")
            ),
        ),
        Some(why) => (
            Severity::Error,
            format!("{why}，其下各行无法按本表读取，未读取（每行另有说明）"),
        ),
    };
    let f = ctx
        .finding(
            codes::HEADER_MOVED,
            severity,
            ctx.row_location(row),
            format!("这一行又是一行表头，但列的位置与本表的表头不同{listed}。{how}"),
        )
        .label("列的位置不同的表头")
        .help(HELP);
    ctx.findings.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::grid;

    fn header(line: &str) -> Header {
        let rows = grid::split_delimited(line, b'\t');
        columns::detect(&rows[0]).expect("a header")
    }

    #[test]
    fn a_rows_cells_move_to_the_first_headers_columns() {
        let first = header("项目\t一级指标\t三级指标\t年度指标值\t实际完成值\t分值");
        let again = header("项目\t一级指标\t三级指标\t实际完成值\t年度指标值\t分值");
        let m = MovedHeader::of(again, &first).expect("moved");
        assert_eq!(m.unread, None);
        let text = "Q\t产出指标\t人数\t80人\t≥100人\t50";
        let rows = grid::split_delimited(text, b'\t');
        let r = m.remap(&rows[0]);
        let texts: Vec<&str> = (0..6).map(|i| r.text(i)).collect();
        assert_eq!(texts, ["Q", "产出指标", "人数", "≥100人", "80人", "50"]);
        // a copy of the first header is no moved header
        let copy = header("项目\t一级指标\t三级指标\t年度指标值\t实际完成值\t分值");
        assert!(MovedHeader::of(copy, &first).is_none());
    }

    #[test]
    fn a_header_with_a_role_the_first_lacks_leaves_its_rows_unread() {
        let first = header("项目\t三级指标\t年度指标值\t实际完成值");
        let again = header("项目\t三级指标\t指标性质\t年度指标值\t度量单位\t实际完成值");
        let m = MovedHeader::of(again, &first).expect("moved");
        assert_eq!(
            m.unread.as_deref(),
            Some("本表表头没有「指标性质」「度量单位」列")
        );
        let first = header("单位\t项目\t三级指标\t年度指标值\t实际完成值");
        let again = header("项目\t三级指标\t实际完成值\t年度指标值");
        let m = MovedHeader::of(again, &first).expect("moved");
        assert!(m.unread.as_deref().is_some_and(|w| w.contains("单位")));
    }
}
