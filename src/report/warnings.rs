//! Warnings at the top of every report format (table, markdown, html and the web page, csv,
//! json): entries of an actuals file that match nothing in the table (`actuals.unmatched`),
//! whose actuals the scores do not use, each with the name it most likely meant, and entries
//! of a project the file gives twice (`actuals.duplicate`), whose figures are not used either. They stand
//! first because a score that silently lacks its actuals reads as a real result (issue 25
//! item 11); the full list stays with the other input findings at the end.
//!
//! Bounded: at most [`SHOWN`] lines, then how many more.

use super::model::Report;

/// Warning lines shown at most.
pub const SHOWN: usize = 20;

/// The findings that warn at the top.
fn warned(findings: &[crate::finding::Finding]) -> impl Iterator<Item = &crate::finding::Finding> {
    findings.iter().filter(|f| is_warned(f))
}

/// How many entries of `code` the findings stand for: those listed and those a closing
/// finding counted (`table::listing`).
fn count(findings: &[crate::finding::Finding], code: crate::codes::Code) -> usize {
    findings.iter().map(|f| f.stands_for(code.as_str())).sum()
}

/// Whether `f` is one of the warnings at the top (csv writes the report's other findings in
/// rows of their own).
pub fn is_warned(f: &crate::finding::Finding) -> bool {
    f.code == crate::codes::ACTUALS_UNMATCHED || f.code == crate::codes::ACTUALS_DUPLICATE
}

/// The headline and one line per warning (at most [`SHOWN`], then how many more); empty where
/// there is nothing to warn of.
pub fn lines(r: &Report) -> Vec<String> {
    lines_of(&r.findings)
}

/// [`lines`] of a run's findings (a streamed run has no report model).
pub fn lines_of(findings: &[crate::finding::Finding]) -> Vec<String> {
    let r = findings;
    let twice = count(r, crate::codes::ACTUALS_DUPLICATE);
    let n = count(r, crate::codes::ACTUALS_UNMATCHED) + twice;
    if n == 0 {
        return Vec::new();
    }
    let shown = warned(r).count();
    let mut out = vec![if twice == 0 {
        format!("警告：实际值文件中有 {n} 条在表中找不到，其实际值未计入评分（actuals.unmatched）")
    } else if twice == n {
        format!("警告：实际值文件中有 {n} 条未计入评分：{n} 条是重复写的项目（actuals.duplicate）")
    } else {
        format!(
            "警告：实际值文件中有 {n} 条未计入评分：{} 条在表中找不到（actuals.unmatched），{twice} 条是重复写的项目（actuals.duplicate）",
            n - twice
        )
    }];
    for f in warned(r).take(SHOWN) {
        let at = f.line.map(|l| format!("（第 {l} 行）")).unwrap_or_default();
        let help = f
            .help
            .as_deref()
            .map(|h| format!("；{h}"))
            .unwrap_or_default();
        out.push(format!("{}{at}{help}", f.message));
    }
    if n > shown.min(SHOWN) {
        out.push(format!(
            "另有 {} 条，见文末“输入提示”",
            n - shown.min(SHOWN)
        ));
    }
    out
}
