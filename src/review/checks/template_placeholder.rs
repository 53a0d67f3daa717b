//! `review.template-placeholder`：指标名称中残留模板占位符。
//!
//! **作用**：标出名称中仍带有模板占位符的指标，如 `苗木成活率(≥**%)`、`项目总投入(≥XX万元)`。
//!
//! **为什么重要**：占位符本应替换为目标值；留在名称中，说明表格是照模板填写而未经核对，
//! 读取时还须从名称中取比较符和单位。
//!
//! **示例**：`种植作物成活率(≥**%)，年度指标值：>=85`。
//!
//! **修改方法**：去掉名称中的括号，写出完整的年度指标值：`≥85%`。

use crate::finding::{Code, Finding, Severity};
use crate::review::{CheckInfo, ProjectView};

pub const INFO: CheckInfo = CheckInfo {
    code: Code::check(
        "review.template-placeholder",
        Severity::Info,
        "指标名称中残留模板占位符",
        include_str!("template_placeholder.rs"),
    ),
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
        let at = i.row.at.name();
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
