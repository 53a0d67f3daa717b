//! Renderers: every output format is a small function over one model, so formats cannot
//! disagree on a number.
//!
//! [`write()`] writes every format to the output as it is rendered (issue 27): the text formats
//! a chunk of whole projects at a time (`Chunked`), json and the line formats as they go,
//! xlsx saved through a temporary file ([`write_xlsx`]). Nothing builds a whole document in
//! memory beside the report, so a format costs the report and about one project more. Every
//! text format is written in three parts ([`sections`]: before the projects, each project,
//! after them), so the command line writes each project as soon as it is scored and keeps no
//! project's rows ([`sections::Spool`]).

pub mod csv;
pub mod explain;
pub(crate) mod form_layout;
pub mod form_workbook;
pub mod html;
pub mod json;
pub mod sections;
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

/// Text built a piece at a time and handed to the output whenever it passes [`Chunked::SIZE`]:
/// the whole-document renderers build a project's part as text, as they always did, but never
/// hold more than about one project beyond the size (issue 27: memory per format). A chunk ends
/// only where a renderer spills it (between projects, rows, sections), so each write holds
/// whole characters and whole lines: a writer that shows control characters, or colours the
/// verdict tags, sees them whole.
pub(crate) struct Chunked<'a> {
    pub buf: String,
    out: &'a mut dyn Write,
    /// What is done to each chunk before it is written (the coloured table's colours).
    shape: fn(String) -> String,
}

impl<'a> Chunked<'a> {
    /// About this many bytes are gathered before a write.
    pub const SIZE: usize = 64 * 1024;

    pub fn new(out: &'a mut dyn Write) -> Self {
        Chunked::shaped(out, |s| s)
    }

    /// Each chunk passed through `shape` before it is written.
    pub fn shaped(out: &'a mut dyn Write, shape: fn(String) -> String) -> Self {
        Chunked {
            buf: String::with_capacity(Chunked::SIZE + Chunked::SIZE / 4),
            out,
            shape,
        }
    }

    /// Writes what was gathered once it passes the size (call it where a chunk may end).
    pub fn spill(&mut self) -> io::Result<()> {
        if self.buf.len() >= Chunked::SIZE {
            self.write_out()?;
        }
        Ok(())
    }

    fn write_out(&mut self) -> io::Result<()> {
        let text = (self.shape)(std::mem::take(&mut self.buf));
        self.out.write_all(text.as_bytes())?;
        // the room of the chunk written is kept for the next one
        self.buf = text;
        self.buf.clear();
        Ok(())
    }

    /// Writes the rest.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.write_out()?;
        }
        Ok(())
    }
}

/// The text a writer gives (for the renderers that still return a `String`: tests, the web
/// page, the pile's roll-up). Their bytes are UTF-8 by construction; a write to a `Vec` does
/// not fail.
pub(crate) fn to_string(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // a Vec takes every write
    let _ = write(&mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
        ReportFormat::Table => selfeval_table::write_text_within(report, usize::MAX, out),
        ReportFormat::Markdown => selfeval_table::write_markdown(report, out),
        ReportFormat::Json => json::write(report, out),
        ReportFormat::Jsonl => json::write_lines(report, out),
        ReportFormat::Csv => csv::write(report, out),
        ReportFormat::Html => html::write(report, bands, out),
        ReportFormat::Xlsx => {
            // refused before anything is built past its limits; a zero-byte write before each
            // sheet asks the writer whether to go on (the server's answer says no once its
            // request is gone; a file or a pipe always says yes)
            xlsx::check_size(report).map_err(io::Error::other)?;
            write_xlsx(report, false, out)
        }
    }
}

/// Set once in a process that must write nothing to disk (the server and its workers: the page
/// promises 文件只在本机处理，不写入磁盘): [`write_xlsx`] then builds the workbook in memory.
static NO_DISK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// From now on this process writes no report to disk, not even a temporary file (`NO_DISK`).
pub fn keep_off_disk() {
    NO_DISK.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The xlsx report (`form_only`: the forms as the official template has them) saved into a
/// temporary file (in memory where [`keep_off_disk`] was called), then copied to `out`: the zip writer seeks, `out` need not, and the
/// finished workbook is not held in memory beside the sheets (issue 27).
pub fn write_xlsx(report: &model::Report, form_only: bool, out: &mut dyn Write) -> io::Result<()> {
    if NO_DISK.load(std::sync::atomic::Ordering::Relaxed) {
        // the server's promise (文件只在本机处理……不写入磁盘): the workbook built in memory,
        // within the xlsx limits `check_size` holds it to
        let mut book = io::Cursor::new(Vec::new());
        let mut go_on = || out.write(&[]).is_ok();
        xlsx::write_while(report, form_only, &mut go_on, &mut book, None).map_err(xlsx_io_error)?;
        return out.write_all(book.get_ref());
    }
    let mut file = temporary_file()?;
    // the project sheets' deflated parts, kept out of memory until the workbook is saved
    let parts = temporary_file()?;
    {
        let mut go_on = || out.write(&[]).is_ok();
        let mut spill = io::BufWriter::with_capacity(256 * 1024, &mut file);
        xlsx::write_while(report, form_only, &mut go_on, &mut spill, Some(parts))
            .map_err(xlsx_io_error)?;
        // a full disk is an error here, not a short workbook
        spill.flush()?;
    }
    io::Seek::rewind(&mut file)?;
    io::copy(&mut file, out).map(|_| ())
}

/// An anonymous temporary file (removed by the system when closed), or why not, in Chinese.
fn temporary_file() -> io::Result<std::fs::File> {
    tempfile::tempfile().map_err(|e| {
        // named: the folder is not one the user gave, and a missing one reads as "not found"
        let dir = std::env::temp_dir();
        io::Error::other(format!(
            "无法在临时文件夹 {} 中建立临时文件：{}；可用环境变量 TMPDIR（Windows 为 TEMP）指定另一个文件夹",
            dir.display(),
            crate::diagnostic::io_reason(&e)
        ))
    })
}

/// A workbook's error as an I/O error: a write that failed (a full disk, a file-size limit)
/// as itself, so that its reason is told as any write's is (`文件太大`, `磁盘空间不足`); the
/// rest as [`xlsx_error`] tells them.
fn xlsx_io_error(e: rust_xlsxwriter::XlsxError) -> io::Error {
    use rust_xlsxwriter::XlsxError;
    match e {
        XlsxError::IoError(e) => e,
        // the zip writer's error (another `zip` than jixiao's) wraps the write's
        XlsxError::ZipError(z) => {
            match std::error::Error::source(&z).and_then(|s| s.downcast_ref::<io::Error>()) {
                Some(io) => io::Error::from(io.kind()),
                None => io::Error::other(xlsx_error(&XlsxError::ZipError(z))),
            }
        }
        e => io::Error::other(xlsx_error(&e)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A report of `projects` projects whose names hold control characters (ESC, and U+009B,
    /// two bytes in UTF-8) and markup, with scores that differ from the sheet's own.
    fn report(projects: usize) -> model::Report {
        let mut text = String::from(
            "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n",
        );
        for k in 0..projects {
            text += &format!("单位{}\u{1b}[2J\t项目{k}\u{9b}|<b>\t\t\t\t\t\t\t\n", k % 7);
            text += &format!(
                "\t\t产出指标\t数量指标\t培训人次\t≥{}人次\t{}人次\t50\t{}\n",
                50 + k,
                40 + k * 3 % 30,
                k % 51
            );
            text += "\t\t效益指标\t\t满意度\t>90%\t92%\t50\t50\n";
        }
        let opts = crate::table::ReadOptions::default();
        let doc = crate::table::read_str("t.tsv", &text, &opts).expect("read");
        let rules = crate::rules::RuleSet::bundled();
        let m = crate::eval::Methodology::from_rules(rules);
        crate::eval::evaluate(&doc, None, &crate::eval::Options::new(&m, rules))
    }

    /// Every write it is given, apart.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn whole_documents_reach_the_output_in_chunks_of_whole_lines() {
        let r = report(600);
        assert!(r.summary.differences > 100, "{:?}", r.summary);
        let bands = crate::eval::Methodology::from_rules(crate::rules::RuleSet::bundled())
            .bands
            .value;
        for format in [
            ReportFormat::Table,
            ReportFormat::Markdown,
            ReportFormat::Html,
        ] {
            let mut writes = Writes::default();
            write(&r, format, &bands, &mut writes).expect("written");
            let whole: Vec<u8> = writes.0.concat();
            // chunks, not the document at once, and none much past the chunk size
            assert!(writes.0.len() > 4, "{format:?}: {} writes", writes.0.len());
            assert!(
                whole.len() > 4 * Chunked::SIZE,
                "{format:?}: {}",
                whole.len()
            );
            for w in &writes.0 {
                assert!(
                    w.len() < 2 * Chunked::SIZE,
                    "{format:?}: a write of {}",
                    w.len()
                );
                // each ends a line: a two-byte control (U+009B) or a tag is never cut in two,
                // so a writer showing controls or colouring tags sees them whole
                assert!(w.ends_with(b"\n"), "{format:?}: {:?}", w.last());
                assert!(
                    std::str::from_utf8(w).is_ok(),
                    "{format:?}: not whole characters"
                );
            }
        }
        // the coloured table, chunk by chunk, is the whole table coloured at once
        let mut writes = Writes::default();
        selfeval_table::write_text_coloured(&r, 100, &mut writes).expect("written");
        assert!(writes.0.len() > 4);
        let plain = selfeval_table::render_text_within(&r, 100);
        let shown = String::from_utf8(crate::diagnostic::visible(plain.as_bytes()).into_owned())
            .expect("utf-8");
        let coloured = String::from_utf8(writes.0.concat()).expect("utf-8");
        assert!(coloured.contains("\u{1b}[31m【未达标】\u{1b}[0m"));
        assert!(!coloured.contains("\u{1b}[2J") && coloured.contains("␛[2J"));
        // and without its colours, the table with its controls shown
        let mut stripped = coloured.replace("\u{1b}[0m", "");
        for c in ["31", "32", "33", "35", "90"] {
            stripped = stripped.replace(&format!("\u{1b}[{c}m"), "");
        }
        assert!(stripped == shown);
    }
}
