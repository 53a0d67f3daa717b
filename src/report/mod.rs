//! Renderers: every output format is a small function over one model, so formats cannot
//! disagree on a number.

pub mod csv;
pub(crate) mod form_layout;
pub mod form_workbook;
pub mod html;
pub mod json;
/// The report model lives below evaluation and the renderers alike ([`crate::report_model`]).
pub use crate::report_model as model;
pub mod selfeval_table;
pub mod text_table;
pub mod warnings;
pub mod xlsx;
pub mod xlsx_fit;

use std::io::{self, Write};

use crate::eval::methodology::ScoreBand;

/// Text from a table or file as one Markdown table cell: `|` and line breaks cannot end the
/// cell, and nothing in it becomes markup a viewer acts on — `<` is an entity (no raw HTML, no
/// `<javascript:…>` autolink; `>=` stays readable) and `[` is escaped (no `[text](javascript:…)` link or
/// image), with backslashes escaped first so an escape cannot be undone.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '[' => out.push_str("\\["),
            '<' => out.push_str("&lt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Report formats (`jixiao evaluate --format`, the web API's `?format=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// 终端表格（按显示宽度对齐）
    Table,
    /// Markdown
    Markdown,
    /// JSON（contract §5）
    Json,
    /// 每行一个指标的 JSON
    Jsonl,
    /// CSV（UTF-8 带 BOM，Excel 可直接打开）
    Csv,
    /// 单个自包含的 HTML 文件（含得分条形图）
    Html,
    /// Excel 工作簿（需 -o 文件，或将标准输出重定向到文件）
    Xlsx,
}

impl ReportFormat {
    /// The MIME type of a report in this format (UTF-8 where it is text).
    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Table => "text/plain; charset=utf-8",
            ReportFormat::Markdown => "text/markdown; charset=utf-8",
            ReportFormat::Json => "application/json",
            ReportFormat::Jsonl => "application/jsonl; charset=utf-8",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// The file extension of a report in this format.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Table => "txt",
            ReportFormat::Markdown => "md",
            ReportFormat::Json => "json",
            ReportFormat::Jsonl => "jsonl",
            ReportFormat::Csv => "csv",
            ReportFormat::Html => "html",
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

/// Write the report in `format` (the table without colour); `bands` mark the chart of `html`.
/// The command line and the web API both come here, so they give the same bytes.
pub fn write(
    report: &model::Report,
    format: ReportFormat,
    bands: &[ScoreBand],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Table => out.write_all(selfeval_table::render_text(report).as_bytes()),
        ReportFormat::Markdown => out.write_all(selfeval_table::render_markdown(report).as_bytes()),
        ReportFormat::Json => json::write(report, out),
        ReportFormat::Jsonl => json::write_lines(report, out),
        ReportFormat::Csv => csv::write(report, out),
        ReportFormat::Html => out.write_all(html::render(report, bands).as_bytes()),
        ReportFormat::Xlsx => {
            // refused before anything is built past its limits; a zero-byte write before each
            // sheet asks the writer whether to go on (the server's answer says no once its
            // request is gone; a file or a pipe always says yes)
            xlsx::check_size(report).map_err(io::Error::other)?;
            xlsx::render_while(report, &mut || out.write(&[]).is_ok())
                .map_err(|e| io::Error::other(xlsx_error(&e)))
                .and_then(|bytes| out.write_all(&bytes))
        }
    }
}

/// A workbook that cannot be written, in Chinese first: Excel's own limits name the way out.
pub fn xlsx_error(e: &rust_xlsxwriter::XlsxError) -> String {
    use rust_xlsxwriter::XlsxError;
    match e {
        XlsxError::RowColumnLimitError => {
            "报告超过 Excel 工作表 1048576 行、16384 列的上限，无法写成 xlsx；请改用 --format csv 或 jsonl（report.xlsx-too-large）".to_owned()
        }
        XlsxError::MaxStringLengthExceeded => {
            "有单元格超过 Excel 每格 32767 个字符的上限，无法写成 xlsx；请改用 --format csv 或 jsonl（report.xlsx-cell-too-long）".to_owned()
        }
        other => format!("无法生成 xlsx（report.xlsx）：{other}"),
    }
}
