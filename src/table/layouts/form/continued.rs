//! One indicator printed over two rows of a form's grid: the first row holds the start of the
//! name and the points (分值, 得分) but no target and no actual; the row directly under it, in
//! the same 一级 and 二级指标, holds the rest of the name and the target (and the actual) but no
//! points of its own (blank, or merged from the row above). Read as two indicators, the first
//! was 达成 by its printed score without a target and the second took a share of its points
//! (`发放补贴` | `户数 ≥200户 180户`); now they are one (`发放补贴户数`), with a warning naming the
//! reading (`table.form-row-continued`).

use crate::finding::{Severity, codes};
use crate::table::model::{IndicatorRow, RowText};
use crate::table::source::Location;

use super::FormReader;
use super::rows::Walk;

/// The second row's parts: its name, target, actual and where they are.
pub(super) struct Rest<'a> {
    pub name: &'a str,
    pub target: &'a str,
    pub actual: Option<&'a str>,
    pub target_at: Option<Location>,
    pub actual_at: Option<Location>,
    pub row_at: Location,
}

/// Whether `last`, the indicator read on the row above, is the first row of one printed over
/// two: points, no target, no actual, in the categories the row under it has.
fn is_first_half(last: &IndicatorRow, w: &Walk) -> bool {
    last.target.trim().is_empty()
        && last.actual.is_none()
        && (last.weight.is_some() || last.published_score.is_some())
        && last.category.as_deref() == w.level1()
        && last.subcategory.as_deref() == w.level2()
}

impl FormReader<'_, '_, '_> {
    /// Joins `rest` (a row with a target and no points) to the indicator read on the row
    /// directly above where that one is its first half ([`is_first_half`]); whether it did.
    pub(super) fn continued(&mut self, w: &mut Walk, rest: Rest) -> bool {
        if rest.target.trim().is_empty() || !w.last_row_is_above() {
            return false;
        }
        let Some(last) = w.out.last() else {
            return false;
        };
        if !is_first_half(last, w) {
            return false;
        }
        let last = w.out.last_mut().expect("checked");
        let first = last.name.to_string();
        let name = format!("{first}{}", rest.name);
        let message = format!(
            "「{first}」一行有分值而没有指标值和实际完成值，下一行「{}」有指标值而没有分值：按同一个指标「{name}」的两行读取（指标值 {}）",
            rest.name,
            rest.target.trim()
        );
        last.name = RowText::from(name);
        last.target = RowText::from(rest.target.to_owned());
        last.actual = rest.actual.map(|a| RowText::from(a.to_owned()));
        let mut parts = last.at.parts();
        parts.target = rest.target_at.unwrap_or(rest.row_at.with_len(0));
        parts.actual = rest.actual_at;
        last.at = parts.into();
        let f = self
            .ctx
            .finding(
                codes::FORM_ROW_CONTINUED,
                Severity::Warning,
                rest.row_at,
                message,
            )
            .label("续行")
            .help("核对这两行是否同一个指标；如不是，给第一行填上指标值和实际完成值");
        self.ctx.findings.push(f);
        true
    }
}
