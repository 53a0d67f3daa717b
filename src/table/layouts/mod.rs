//! Layouts: what the rows of a grid mean, whatever format they came from. Each reader here takes
//! the positioned rows `crate::table::grid` builds from [`crate::table::formats`] and never asks
//! which format gave them (a workbook, a Word table, a web page, text):
//! - `columns`: the header row and each column's role, names matched loosely, and the user's
//!   column map (`--columns`);
//! - `target_table`: the budget systems' 项目支出绩效目标表 (a row a project, the 绩效指标 cell a
//!   numbered list, split by `indicator_cell`);
//! - `self_eval`: the flat 绩效自评表 (a row an indicator, the budget row); `sheet_merges`: its
//!   分值 / 得分 merged over several indicator rows, shared among them; `sheet_total`: its own
//!   总分 / 合计 row, the printed total checked against its rows;
//! - `form`: the published per-project forms and their provincial families;
//! - `integrity`: the sums a table's amounts must keep;
//! - `moved_header`: a header row found again below the first with its columns moved (two
//!   tables in one sheet): its rows read by its own columns, or left unread and named;
//! - `periods`: which column is the year's where a header names periods (`中期 | 年度`,
//!   `1-6月 | 全年`).
//!
//! Formats stay on the other side ([`crate::table::formats`]): nothing here imports them.

pub(crate) mod actual_unit;
pub mod columns;
pub(crate) mod form;
pub(crate) mod indicator_cell;
pub(crate) mod integrity;
pub(crate) mod moved_header;
pub(crate) mod periods;
pub(crate) mod self_eval;
pub(crate) mod sheet_carry;
pub(crate) mod sheet_headings;
pub(crate) mod sheet_merges;
pub(crate) mod sheet_total;
pub(crate) mod target_table;
