//! Renderers: every output format is a small function over one model, so formats cannot
//! disagree on a number.

pub mod csv;
pub(crate) mod form_layout;
pub mod form_workbook;
pub mod html;
pub mod json;
pub mod model;
pub mod selfeval_table;
pub mod text_table;
pub mod warnings;
pub mod xlsx;

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
pub enum Format {
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

impl Format {
    /// The MIME type of a report in this format (UTF-8 where it is text).
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Table => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
            Format::Jsonl => "application/jsonl; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file extension of a report in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Write the report in `format` (the table without colour); `bands` mark the chart of `html`.
/// The command line and the web API both come here, so they give the same bytes.
pub fn write(
    report: &model::Report,
    format: Format,
    bands: &[ScoreBand],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(selfeval_table::render_text(report).as_bytes()),
        Format::Markdown => out.write_all(selfeval_table::render_markdown(report).as_bytes()),
        Format::Json => out.write_all(json::render(report).as_bytes()),
        Format::Jsonl => json::write_lines(report, out),
        Format::Csv => csv::write(report, out),
        Format::Html => out.write_all(html::render(report, bands).as_bytes()),
        Format::Xlsx => xlsx::render(report)
            .map_err(|e| io::Error::other(xlsx_error(&e)))
            .and_then(|bytes| out.write_all(&bytes)),
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
