//! `review.template-placeholder`: a template placeholder left in an indicator name.
//!
//! **What it does.** Flags names that still carry the template's placeholder, such as
//! `苗木成活率(≥**%)` or `项目总投入(≥XX万元)`.
//!
//! **Why it matters.** The placeholder was meant to be replaced by the target; left in the name,
//! it shows the table was filled from a template without care, and the reader must take the
//! operator and unit from the name.
//!
//! **Example.** `种植作物成活率(≥**%)，年度指标值：>=85`.
//!
//! **Fix.** Drop the parentheses from the name and write the full target: `≥85%`.

use crate::finding::{Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: "review.template-placeholder",
    severity: Severity::Info,
    title: "指标名称中残留模板占位符",
    explain: include_str!("template_placeholder.rs"),
    run,
};

const PLACEHOLDERS: &[&str] = &["**", "＊＊", "XX", "xx", "××"];

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        let Some((start, ph)) = PLACEHOLDERS
            .iter()
            .filter_map(|ph| i.row.name.find(ph).map(|k| (k, *ph)))
            .min()
        else {
            continue;
        };
        let at = i.row.at.name;
        let at = if p.doc.source.slice(&at) == &*i.row.name {
            p.doc
                .source
                .locate(at.offset + start..at.offset + start + ph.len())
        } else {
            at
        };
        out.push(p.finding(
            INFO.code,
            at,
            Some(i),
            format!("指标名称“{}”中残留模板占位符", i.row.name),
            "模板占位符",
            "删去名称中的括号和占位符，把比较符和单位写进年度指标值",
        ));
    }
}
