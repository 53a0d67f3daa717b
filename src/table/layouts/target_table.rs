//! The target-table layout (contract §4.1): rows classified as 合计, unit or project; amounts read
//! exactly; each project's 绩效指标 cell split into indicators.
//!
//! A row whose first column is `合计`/`总计` is the total row; a row with amounts but no goal and
//! no indicators is a unit; a row with a goal or indicators is a project of the unit above it.
//! Malformed rows become findings and are skipped. Sums are checked elsewhere (`integrity`).

use std::sync::Arc;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::amount::{parse_number, without_wanyuan};
use crate::table::columns::{Header, Role, normalize};
use crate::table::grid::{Cell, Row};
use crate::table::indicator_cell::{self, SplitError};
use crate::table::model::{
    Amount, Amounts, IndicatorRow, Project, RowText, SourceParts, Text, TotalRow, UnitRow,
};
use crate::table::source::Location;

const AMOUNT_ROLES: [(Role, &str); 4] = [
    (Role::Total, "总计"),
    (Role::Fiscal, "财政拨款"),
    (Role::Special, "财政专户拨款"),
    (Role::Other, "其他资金"),
];

/// Reads the data rows of a target table.
pub(crate) fn read(
    ctx: &mut Ctx<'_>,
    h: &Header,
    rows: &[&Row],
    department: Option<&str>,
) -> (Option<TotalRow>, Vec<UnitRow>) {
    let mut table = TableReader {
        ctx,
        h,
        department,
        name_col: h.col(Role::Name).unwrap_or(0),
        total: None,
        units: Vec::new(),
    };
    for row in rows {
        table.row(row);
    }
    (table.total, table.units)
}

/// A target table being read: the total row and the units so far.
struct TableReader<'s, 'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    h: &'s Header,
    /// The department, naming the unit of projects before any unit row.
    department: Option<&'s str>,
    name_col: usize,
    total: Option<TotalRow>,
    units: Vec<UnitRow>,
}

impl TableReader<'_, '_, '_> {
    /// Reads one data row; a row skipped leaves its unit incomplete.
    fn row(&mut self, row: &Row) {
        if !self.read_row(row)
            && let Some(u) = self.units.last_mut()
        {
            u.incomplete = true;
        }
    }

    /// A data row: its shape and amounts checked, then what it is (the total row, a unit, a
    /// project). Whether it was read (not skipped).
    fn read_row(&mut self, row: &Row) -> bool {
        if !self.ctx.check_shape(self.h, row) {
            return false;
        }
        let name = row.text(self.name_col);
        let Some(amounts) = self.amounts(row, name) else {
            return false;
        };
        if name.is_empty() {
            return self.nameless(row);
        }
        self.named(row, name, amounts);
        true
    }

    /// The row's four amounts; one that is not an amount skips the row with a finding.
    fn amounts(&mut self, row: &Row, name: &str) -> Option<Amounts> {
        let ctx = &mut *self.ctx;
        let mut amounts = Amounts::default();
        for (role, label) in AMOUNT_ROLES {
            let Some(cell) = self.h.col(role).and_then(|c| row.cell(c)) else {
                continue;
            };
            match parse_number(without_wanyuan(&cell.text)) {
                Ok(None) => {}
                Ok(Some(value)) => {
                    let amount = Amount {
                        value,
                        at: cell.location(ctx.source),
                    };
                    match role {
                        Role::Total => amounts.total = Some(amount),
                        Role::Fiscal => amounts.fiscal = Some(amount),
                        Role::Special => amounts.special = Some(amount),
                        _ => amounts.other = Some(amount),
                    }
                }
                Err(()) => {
                    let mut f = ctx
                        .finding(
                            codes::BAD_AMOUNT,
                            Severity::Error,
                            cell.location(ctx.source),
                            format!("{label}「{}」不是金额；该行未读取", clip(&cell.text)),
                        )
                        .label("这里应是以万元计的数字")
                        .help("金额只能含数字、小数点和千位分隔符，如 12,748.27");
                    if !name.is_empty() {
                        f = f.project(name);
                    }
                    if let Some(u) = self.units.last() {
                        f = f.unit(u.name.clone());
                    }
                    ctx.skip(f);
                    return None;
                }
            }
        }
        Some(amounts)
    }

    /// A row with content but no name: skipped with a finding. Returns false (not read).
    fn nameless(&mut self, row: &Row) -> bool {
        let f = self
            .ctx
            .missing_name(row, "这一行有内容但没有项目或单位名称；该行未读取")
            .label("名称列是空的")
            .help("在第一列填上单位或项目名称");
        self.ctx.skip(f);
        false
    }

    /// A named row: the total row (`合计`/`总计`), a unit (amounts but no goal and no
    /// indicators), or a project of the unit above it.
    fn named(&mut self, row: &Row, name: &str, amounts: Amounts) {
        let h = self.h;
        let filled = |role| {
            h.col(role)
                .and_then(|c| row.cell(c))
                .filter(|c| !c.text.is_empty())
        };
        let goal_cell = filled(Role::Goal);
        let ind_cell = filled(Role::Indicators);
        let row_at = self.ctx.row_location(row);
        let name_at = row
            .cell(self.name_col)
            .map(|c| c.location(self.ctx.source))
            .unwrap_or(row_at);
        if matches!(normalize(name).as_str(), "合计" | "总计" | "总合计") {
            self.total_row(amounts, row_at, name_at);
            return;
        }
        if goal_cell.is_none() && ind_cell.is_none() {
            self.units.push(UnitRow {
                name: name.to_owned(),
                name_at,
                amounts,
                projects: Vec::new(),
                incomplete: false,
                implicit: false,
            });
            return;
        }
        if self.units.is_empty() {
            self.implicit_unit(name, name_at);
        }
        let Some(unit) = self.units.last_mut() else {
            return;
        };
        let indicators = match ind_cell {
            Some(cell) => match split_indicators(self.ctx, cell, &unit.name, name) {
                Some(indicators) => indicators,
                None => {
                    unit.incomplete = true;
                    return;
                }
            },
            None => Vec::new(),
        };
        unit.projects.push(Project {
            name: name.to_owned(),
            name_at,
            amounts,
            goal: goal_cell.map(|c| Text {
                text: c.text.to_string(),
                at: c.location(self.ctx.source),
            }),
            indicators,
            budget: None,
            at: row_at,
            form: None,
        });
    }

    /// The 合计 row: the first is the total; another is a warning.
    fn total_row(&mut self, amounts: Amounts, row_at: Location, name_at: Location) {
        let Some(first) = &self.total else {
            self.total = Some(TotalRow {
                amounts,
                at: row_at,
            });
            return;
        };
        let f = self
            .ctx
            .finding(
                codes::DUPLICATE_TOTAL,
                Severity::Warning,
                name_at,
                format!(
                    "又一个合计行（第一个在第 {} 行）；只用第一个核对",
                    first.at.line
                ),
            )
            .label("重复的合计行");
        self.ctx.findings.push(f);
    }

    /// Projects before any unit row: an implicit unit named after the department (a finding).
    fn implicit_unit(&mut self, project: &str, name_at: Location) {
        let unit_name = self.department.unwrap_or("").to_owned();
        let f = self
            .ctx
            .finding(
                codes::IMPLICIT_UNIT,
                Severity::Info,
                name_at,
                format!(
                    "项目「{project}」之前没有单位行：第一个单位行之前的项目都归入「{}」",
                    if unit_name.is_empty() {
                        "未注明单位"
                    } else {
                        &unit_name
                    }
                ),
            )
            .label("第一个项目")
            .help("若表中有多个单位，请在各单位的项目之前加上单位行（只填名称和金额）")
            .project(project);
        self.ctx.findings.push(f);
        self.units.push(UnitRow {
            name: unit_name,
            name_at,
            amounts: Amounts::default(),
            projects: Vec::new(),
            incomplete: false,
            implicit: true,
        });
    }
}

/// A project's 绩效指标 cell split into indicators, each located inside the cell (a numbering
/// gap is a warning); a cell that does not split skips its row with a finding (`None`).
fn split_indicators(
    ctx: &mut Ctx<'_>,
    cell: &Cell,
    unit: &str,
    project: &str,
) -> Option<Vec<IndicatorRow>> {
    let items = match indicator_cell::split(&cell.text) {
        Ok(items) => items,
        Err(e) => {
            split_error(ctx, cell, e, unit, project);
            return None;
        }
    };
    let mut indicators = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let loc = |r: std::ops::Range<usize>| cell.locate(ctx.source, r);
        indicators.push(IndicatorRow {
            seq: item.seq,
            category: item.category.clone().map(|r| Arc::from(&cell.text[r])),
            subcategory: item
                .subcategory
                .clone()
                .map(|r| RowText::from(&cell.text[r])),
            name: RowText::from(&cell.text[item.name.clone()]),
            target: RowText::from(&cell.text[item.target.clone()]),
            actual: None,
            plan: None,
            weight: None,
            published_score: None,
            deviation_note: None,
            terminator: cell.text[item.terminator.clone()].to_owned(),
            at: SourceParts {
                item: loc(item.item.clone()),
                category: item.category.clone().map(loc),
                name: loc(item.name.clone()),
                target: loc(item.target.clone()),
                actual: None,
                terminator: Some(loc(item.terminator.clone())),
            }
            .into(),
        });
        let expected = k as u32 + 1;
        if item.seq != expected {
            let num_len = cell.text[item.item.clone()]
                .find(['、', '．', '.'])
                .unwrap_or(0);
            let at = cell.locate(ctx.source, item.item.start..item.item.start + num_len);
            let f = ctx
                .finding(
                    codes::INDICATOR_NUMBERING,
                    Severity::Warning,
                    at,
                    format!("第 {expected} 个指标编号为 {}", item.seq),
                )
                .label(format!("应为 {expected}"))
                .help("指标应按 1、2、3… 连续编号")
                .unit(unit)
                .project(project)
                .indicator(cell.text[item.name.clone()].to_owned());
            ctx.findings.push(f);
        }
    }
    Some(indicators)
}

/// A 绩效指标 cell that does not split: the finding that says where and why, the row skipped.
fn split_error(ctx: &mut Ctx<'_>, cell: &Cell, e: SplitError, unit: &str, project: &str) {
    let (range, message, label) = match e {
        SplitError::NoNumbering => (
            0..cell.text.len().min(first_chars(&cell.text, 12)),
            "绩效指标单元格没有按“1、…2、…”编号，无法拆分；该行未读取".to_owned(),
            "应以“1、”开头".to_owned(),
        ),
        SplitError::TextBeforeFirst(r) => (
            r,
            "绩效指标单元格在“1、”之前还有文字，无法拆分；该行未读取".to_owned(),
            "编号之前的文字".to_owned(),
        ),
        SplitError::NoTargetMarker { seq, range } => (
            range,
            format!("第 {seq} 个指标缺少“年度指标值：”，无法分出指标名称和指标值；该行未读取"),
            "这一项没有“年度指标值：”".to_owned(),
        ),
        SplitError::NoName { seq, range } => (
            range,
            format!("第 {seq} 个指标没有名称；该行未读取"),
            "指标名称是空的".to_owned(),
        ),
    };
    let f = ctx
        .finding(
            codes::INDICATOR_SPLIT,
            Severity::Error,
            cell.locate(ctx.source, range),
            message,
        )
        .label(label)
        .help("每个指标写成“序号、一级指标：指标名称，年度指标值：指标值。”")
        .unit(unit)
        .project(project);
    ctx.skip(f);
}

/// Byte length of the first `n` characters.
fn first_chars(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len())
}

/// A cell's text for a message, cut to 20 characters.
pub(crate) fn clip(s: &str) -> String {
    let end = first_chars(s, 20);
    if end < s.len() {
        format!("{}…", &s[..end])
    } else {
        s.to_owned()
    }
}
