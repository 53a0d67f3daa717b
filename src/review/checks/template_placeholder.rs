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

/// Whether `name` may hold a placeholder: one of their first bytes is in it (`*`, `X`, `x`,
/// and the lead bytes of `＊` and `×`). Most names have none, and were searched five times
/// over (a searcher built for each: 3.6 % of reviewing 40,000 one-indicator projects, H72).
fn may_hold_one(name: &str) -> bool {
    name.bytes()
        .any(|b| matches!(b, b'*' | b'X' | b'x' | 0xEF | 0xC3))
}

fn run(p: &ProjectView<'_>, out: &mut Vec<Finding>) {
    for i in &p.indicators {
        if !may_hold_one(&i.row.name) {
            continue;
        }
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

#[cfg(test)]
mod tests {
    #[test]
    fn every_placeholder_starts_with_a_byte_looked_for() {
        for ph in super::PLACEHOLDERS {
            assert!(super::may_hold_one(ph), "{ph}");
            assert!(super::may_hold_one(&format!("服务人次{ph}人")), "{ph}");
        }
        assert!(!super::may_hold_one("服务人次"));
    }
}
