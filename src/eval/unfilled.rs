//! Nothing to score. A table without one actual (实际完成值) and no actuals file: scoring it
//! would give every project 0.00 差, which is no result; the command line and the API refuse
//! it with [`Unfilled`], which says how to fill the table in (the page offers the fill-in
//! workbook instead). A project left blank in a table otherwise filled is scored (its rows are
//! 缺实际值) with [`project_finding`] beside its total: its 0.00 is no result either.

use crate::finding::{Finding, Severity};

/// The table has no actual and no actuals file was given.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error(
    "{table} 中没有任何实际完成值{column}，也没有给出实际值文件，所以不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果）"
)]
#[diagnostic(
    code("eval.no-actuals"),
    help(
        "下一步（任选其一）：\n\
         1. {fill}\n\
         2. jixiao template {table} -o 实际值.yaml 生成实际值文件，填写后运行 jixiao evaluate {table} 实际值.yaml；\n\
         3. 运行 jixiao serve，把表拖到网页上，下载填报用的自评表。"
    )
)]
pub struct Unfilled {
    /// The table's name as given.
    pub table: String,
    /// `（没有找到实际完成值列：表头是 …）` where the sheet has no actuals column, else empty.
    pub column: String,
    /// The first way: fill this table in where it is already a per-project 自评表 with a
    /// 实际完成值 column (the workbook `jixiao template` writes, a published form left blank),
    /// else make one with `jixiao template`.
    pub fill: String,
}

/// [`Unfilled`] where `doc` has no actual and no actuals file was given.
pub fn check(
    doc: &crate::table::model::Document,
    actuals: Option<&super::ActualsFile>,
) -> Result<(), Unfilled> {
    if actuals.is_none() && !doc.has_actuals() {
        let column = doc
            .findings
            .iter()
            .find(|f| f.code == crate::finding::codes::NO_ACTUALS_COLUMN)
            .map(|f| format!("（{}）", f.message))
            .unwrap_or_default();
        let table = doc.source.name.clone();
        let forms = doc.units.iter().flat_map(|u| &u.projects);
        let fill = match column.is_empty()
            && forms.clone().next().is_some()
            && forms.clone().all(|p| p.form.is_some())
        {
            true => format!(
                "{table} 已是按项目的自评表：在各项目的实际完成值栏（jixiao template 生成的工作簿中是黄色单元格）填写实际完成值、全年执行数和偏差原因，保存后再运行 jixiao evaluate {table}；"
            ),
            false => format!(
                "jixiao template {table} -o 自评表.xlsx 生成填报用的自评表（每个项目一张工作表，目标已填好），在黄色单元格填写全年执行数、实际完成值和偏差原因，再运行 jixiao evaluate 自评表.xlsx；"
            ),
        };
        return Err(Unfilled {
            table,
            column,
            fill,
        });
    }
    Ok(())
}

/// `eval.project-not-filled`: every indicator of the project lacks its actual, and its 全年执行数
/// is not given.
pub fn project_finding(file: &str, unit: &str, project: &str, indicators: usize) -> Finding {
    Finding::new(
        crate::codes::EVAL_PROJECT_NOT_FILLED,
        Severity::Warning,
        file,
        format!(
            "项目“{project}”没有填写任何实际完成值（{indicators} 个指标都缺实际值，也没有全年执行数）：不给出总分（待评定），0 分不是评价结果"
        ),
    )
    .help("填写该项目的实际完成值和全年执行数后再评分；本年度不评价的项目可把指标标为不适用")
    .in_project(unit, project)
}

/// What a streamed run (`eval::stream`) holds back while no block has shown it has anything to
/// score: the lines and the reader's notes of the blocks so far, in temporary files (memory
/// stays flat), written out in order once a block shows an actual (no actuals file) or takes
/// one from the actuals file. A run that ends still holding is the run the whole-table path
/// refuses ([`Unfilled`], or `eval::unmatched`'s refusal): nothing was written, so every format
/// refuses it alike, with exit code 2 (`--format jsonl` wrote every indicator as 缺实际值, 0
/// points, and exited 0). A filled sheet shows an actual in its first block: nothing is held.
pub(crate) struct Held {
    lines: Option<std::fs::File>,
    notes: Option<std::fs::File>,
    /// Whether a block is released by an actual taken from the actuals file (one is given),
    /// else by one in the sheet.
    by_file: bool,
}

impl Held {
    /// What a run with `actuals` holds (`None`: nothing, as for an actuals file of no projects,
    /// which the whole-table path scores too).
    pub(crate) fn new(actuals: Option<&super::ActualsFile>) -> Option<Held> {
        if actuals.is_some_and(|a| a.projects.is_empty()) {
            return None;
        }
        Some(Held {
            lines: None,
            notes: None,
            by_file: actuals.is_some(),
        })
    }

    /// Whether a block whose sheet rows carry an actual (`seen`) or that took one from the
    /// actuals file (`used`) ends the holding.
    pub(crate) fn released_by(&self, seen: bool, used: bool) -> bool {
        if self.by_file { used } else { seen }
    }

    /// Holds a block's `lines` and `notes`.
    pub(crate) fn keep(&mut self, lines: &[u8], notes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        for (file, bytes) in [(&mut self.lines, lines), (&mut self.notes, notes)] {
            if bytes.is_empty() {
                continue;
            }
            let f = match file {
                Some(f) => f,
                None => file.insert(tempfile::tempfile()?),
            };
            f.write_all(bytes)?;
        }
        Ok(())
    }

    /// Writes what was held to `out` and `notes`, in the order it came.
    pub(crate) fn release(
        self,
        out: &mut dyn std::io::Write,
        notes: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        fn copy(file: Option<std::fs::File>, to: &mut dyn std::io::Write) -> std::io::Result<()> {
            if let Some(mut f) = file {
                std::io::Seek::rewind(&mut f)?;
                std::io::copy(&mut f, to)?;
            }
            Ok(())
        }
        copy(self.lines, out)?;
        copy(self.notes, notes)
    }
}
