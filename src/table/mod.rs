//! Table readers: target tables (项目支出绩效目标表, contract §4.1) and flat self-evaluation sheets
//! (绩效自评表, contract §4.2) into one model, department → units → projects → indicators.
//!
//! The door: [`read_path`] for a file, [`read_bytes`] for bytes in memory (a web upload),
//! [`read_str`] for text already decoded; each returns a [`Document`] or a [`ReadError`] when
//! the input cannot be read at all. A malformed row never stops the read: it becomes a
//! [`Finding`] in [`Document::findings`] and is counted in [`Document::rows_skipped`].
//!
//! Inside: [`formats`] (bytes → sheets of positioned cells, one file a format: [`decode`] for
//! text, workbooks, Word `.docx` and `.doc`, web pages), `grid` (text or sheets → rows of
//! positioned cells), `columns`
//! (header and column roles), `target_table` and `self_eval` (the two layouts), `indicator_cell`
//! (splitting a 绩效指标 cell), `integrity` (sum checks), [`view`] (the tree as text), [`model`] (the types), [`source`]
//! (positions). Targets are kept raw; parsing them is [`crate::lang`]'s job.
//!
//! ## Decisions where the contract is silent
//! - **Format** from the bytes first (`formats::sniff`): a zip is a workbook or a `.docx`, an
//!   OLE file a `.doc` (it holds `WordDocument`) or an `.xls`, markup or MIME headers a web page
//!   (a `.xls` that is a web page is read as one), a PDF or a picture is refused with the way
//!   forward; otherwise the name chooses between text formats (`.csv`, `.tsv`; `.txt` and unknown
//!   names are tab-separated if the text has a tab, else comma-separated), and a workbook or
//!   Word name on text is an error. **Encoding**: BOM (UTF-8, UTF-16) first, then valid UTF-8,
//!   then GB18030 (superset of GBK); NUL bytes or many control characters: not a table.
//! - **Web pages**: a page's tables are read when the layout readers find a form or a header in
//!   them (each with the lines of text above it), as one document; its other tables (menus,
//!   layout, footers) are counted in one `table.sheet-skipped` note, never errors. A table with
//!   no header of its own right after one read, no wider (five columns or more), holding two
//!   figures or more, is read as its continuation after a page break
//!   (`table.page-table-continued`), as Word's one table is; a framework's header-only table
//!   and the table of its width after it, as one (`table.page-header-body-joined`, info).
//! - **Header**: the first row whose names (loosely matched, see `columns`) give 项目名称 + 总计 +
//!   绩效指标/绩效目标 (target table) or 项目 + 三级指标 + 年度指标值 (sheet). A second header row
//!   under merged cells (`资金来源` over 财政拨款 | 财政专户拨款 | 其他资金) is merged in. Columns not
//!   understood give an info finding `table.column-ignored`. Lines before the header are preamble:
//!   `部门名称：`, `单位名称：`, `单位：万元` are read (and `主管部门及编码：123001 某某局`, the
//!   department as written with its code, as the forms reader keeps it); `单位：元` is kept in
//!   [`Document::money_unit`] but amounts are not converted. Where a sheet's 全年预算数 /
//!   全年执行数 headers state another money unit than the preamble's (`全年执行数（元）`), their
//!   amounts are converted into it (else into 全年预算数's, else 万元) with a warning
//!   `table.form-amount-units`.
//! - **Rows**: blank rows, preamble lines and repeated header rows (multi-page exports) are not
//!   data and not counted. A row with fewer cells than the header is skipped
//!   (`table.row-too-short`) even if the missing cells would be empty (Excel always pads); filled
//!   cells beyond the header are a warning and not read. A one-cell row starting `注`/`说明`/`备注`
//!   is a note (`table.row-ignored`, counted as skipped). A target-table row with amounts but no
//!   goal and no indicators is a unit, even with empty amounts. Project rows before any unit row
//!   (a unit's own table) form an implicit unit named after the department
//!   ([`UnitRow::implicit`], info `table.implicit-unit`); its projects count directly in 合计.
//! - **绩效指标 cell**: the text before the first colon is the category only when it is empty
//!   (→ `None`), ends in `指标`, or is 产出/效益/满意度/成本/效果; otherwise it is part of the name.
//!   `产出指标-数量指标` gives category and subcategory. The trailing `。`/`；`/`.` run is not part of
//!   the target; it is kept in [`IndicatorRow::terminator`] (`。。` for doubled stops). A cell that
//!   does not split skips its row (`table.indicator-split`); numbering gaps are a warning.
//! - **Integrity**: all four amount columns are checked (unit = Σ projects, 合计 = Σ units), and
//!   总计 = the three sources on every row; empty cells are 0; a column empty on both sides is not
//!   checked. Sums that depend on a skipped row are not checked (`table.sum-unchecked`, info).
//! - **Sheets**: 单位/项目/一级/二级指标 fill down from the row above when empty (merged cells). Without
//!   a 单位 column the unit is `单位名称：…` from the preamble, else the empty string. `seq` is the
//!   position inside the project; names are kept as written (`指标6:举办…`). 分值/得分 may end in
//!   `分`. The budget row: see `self_eval`.
//! - **Workbooks**: cells as `formats::workbook` reads them (numbers through their format at
//!   Excel's 15 significant digits; a percentage shown rounded is the value it holds, with a
//!   `table.display-rounded` note at the cell, and so is any target or actual shown rounded
//!   (`held`: 分值, 得分 and amounts keep what they show); a figure its format scales by thousands is
//!   read as shown, with a `table.display-scaled` warning giving the value held; literal text
//!   of the format, a unit or `%`, is part of the text), dates `YYYY-MM-DD`. Line breaks inside cells
//!   show as spaces in the synthetic [`SourceText`].
//! - **Limits** ([`crate::limits`], each raised by an environment variable): input size
//!   (`table.too-large`), line length (`table.line-too-long`), columns of a row
//!   (`table.too-many-columns`), cells of a table (`table.too-many-cells`), a workbook unzipped
//!   (`table.unzipped-too-large`) stop the read; so does a count a workbook claims for itself
//!   past the cell limit or past what its bytes hold (`table.claims-too-many`: an xlsx's
//!   `uniqueCount`, an xls sheet's DIMENSIONS or the span of its cells), checked before calamine
//!   reserves anything from it; a cell over the cell limit skips its row
//!   (`table.cell-too-long`). Workbooks are read cell by cell (never as calamine's dense range,
//!   which a stray far cell would blow up) after every part of the zip has been unzipped once
//!   within the limit.
//! - **Memory of a table read whole** (issue 27): a text sheet of the self-evaluation layout is
//!   read below its header straight from its text, as the streaming reader reads its blocks
//!   (`flat_sheet`: 8 bytes a cell, where the grid's rows are 48 bytes a cell and all held at
//!   once), whenever the grid would do nothing more with its rows (no quote, no note, no
//!   repeated header, no row of the wrong shape, within the cell limit; else the grid reads
//!   it, as before, and the document is the same either way: tested). A workbook's, a Word
//!   document's or a page's cells are one string a sheet, their rows held compactly and made
//!   into cells only while the layouts read them (`grid`). The document holds an indicator's
//!   places packed (`model::IndicatorSource`), a row's amounts only where one is filled, and
//!   gives back the room a project's indicators did not fill.

pub(crate) mod amount;
mod flat;
pub mod formats;
mod grid;
pub mod held;
pub mod layouts;
pub mod listing;
pub mod model;
mod names;
mod page_files;
mod page_frames;
mod page_parts;
mod page_repeat;
pub(crate) mod page_styles;
mod percent_rates;
mod time_cells;
pub use page_styles::{ArchiveSheets, PageFolder};
mod pending;
pub mod placed;
/// Source positions live below the readers and the findings alike ([`crate::source`]).
pub use crate::source;
pub mod blockwise;
pub mod stream;
pub mod view;
mod walked;

pub use layouts::columns;
use layouts::moved_header::{self, MovedHeader};
use layouts::{
    form, indicator_cell, integrity, self_eval, sheet_headings, sheet_merges, sheet_total,
    target_table,
};

pub use formats::text as decode;
// what a name asks for and a text's delimiter are the formats' to tell (the streaming reader
// asks them too)
use formats::asked_by_name as format_from_name;

use std::path::Path;
use std::sync::Arc;

use miette::Diagnostic;
use thiserror::Error;

pub use amount::{format_amount, half_unit_at};
pub use decode::EncodingChoice;
pub use model::{
    Amount, AmountCells, Amounts, BudgetLine, Counts, Document, FindingsReport, IndicatorRow,
    IndicatorSource, Layout, Project, RowText, SourceParts, Text, TotalRow, UnitRow,
};
pub use source::{CellAddr, InputFormat, Location, SourceText};

use crate::finding::{Finding, Severity, codes};
use columns::{Header, Role};
use grid::{Grid, Row};
use rust_decimal::Decimal;

/// Largest input accepted by default, in bytes ([`crate::limits::INPUT`] is the limit in effect).
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;
/// Largest cell accepted by default, in bytes ([`crate::limits::CELL`] is the limit in effect);
/// a longer cell skips its row with `table.cell-too-long`.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;

/// How to read a table.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Encoding of text input (`--encoding`).
    pub encoding: EncodingChoice,
    /// Sheet of a workbook (`--sheet`); the first sheet when `None`.
    pub sheet: Option<String>,
    /// Format, when it should not be taken from the file name.
    pub format: Option<InputFormat>,
    /// Which header is which column (`--columns 年度指标值=年度数值`).
    pub columns: columns::ColumnMap,
    /// The folder a web page's linked style sheets are read from: the page's own, set where
    /// the page is a file on disk (the command line) or an archive's entry (the archive's own
    /// style sheets); `None` (a page uploaded alone) reads none (`formats/page_linked.rs`).
    pub page_folder: Option<PageFolder>,
    /// The budget year asked (`evaluate --year`): of two years' actual columns
    /// (`2022年完成值 | 2023年完成值`) its is read, before the title's year or the latest.
    pub year: Option<i32>,
}

/// Why an input could not be read at all.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("无法读取 {name}：{}", crate::diagnostic::io_reason(source))]
    #[diagnostic(code("table.io"), help("检查文件路径和读取权限"))]
    Io {
        /// File name.
        name: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input is empty.
    #[error("{name} 是空文件")]
    #[diagnostic(code("table.empty"), help("导出目标表时请确认选择了有数据的工作表"))]
    Empty {
        /// File name.
        name: String,
    },
    /// The input is not text (NUL bytes, control characters) nor a format jixiao reads.
    #[error("{name} 不是文本表格，也不是 jixiao 能读取的工作簿、Word 文档或网页")]
    #[diagnostic(
        code("table.binary"),
        help(
            "支持的格式：{}。在 Excel、WPS 或 Word 中可用“另存为”得到这些格式",
            formats::formats_help()
        )
    )]
    Binary {
        /// File name.
        name: String,
    },
    /// A PDF: its tables are not read.
    #[error("{name} 是 PDF 文件，jixiao 不能从 PDF 中读取表格")]
    #[diagnostic(
        code("table.pdf"),
        help(
            "请向填报单位索取这张表的 Excel 或 Word 原件；表格如刊登在网页上，可在浏览器中把网页“另存为”.html 后读取。支持的格式：{}",
            formats::formats_help()
        )
    )]
    Pdf {
        /// File name.
        name: String,
    },
    /// A picture (a scan or a screenshot): its table is not read.
    #[error("{name} 是图片（{kind}），jixiao 不能从图片中读取表格")]
    #[diagnostic(
        code("table.picture"),
        help(
            "扫描件和截图中的表格需要人工录入：请向填报单位索取 Excel 或 Word 原件；表格如刊登在网页上，可把网页“另存为”.html 后读取。支持的格式：{}",
            formats::formats_help()
        )
    )]
    Picture {
        /// File name.
        name: String,
        /// The kind of picture (`PNG`, `JPEG`).
        kind: &'static str,
    },
    /// An Office 97–2003 file that is neither a Word document nor an Excel workbook, or an
    /// encrypted Office file.
    #[error("{name} 是 Office 文件，但{what}")]
    #[diagnostic(
        code("table.office-other"),
        help("在 Word、Excel 或 WPS 中打开它（如有密码先去掉），另存为 .docx 或 .xlsx 后读取")
    )]
    OfficeOther {
        /// File name.
        name: String,
        /// What it is instead.
        what: &'static str,
    },
    /// A saved web page with no table that holds a target table, a sheet or a form.
    #[error("网页 {name} 中{}", if *tables == 0 { "没有表格".to_string() } else { format!("有 {tables} 个表格，但没有一个是目标表、自评表或表单") })]
    #[diagnostic(
        code("table.page-no-form"),
        help(
            "表单可能是网页上的附件（.xls .doc .pdf）或图片：请下载附件读取，或向填报单位索取 Excel、Word 原件"
        )
    )]
    PageNoForm {
        /// File name.
        name: String,
        /// The tables the page holds.
        tables: usize,
    },
    /// A saved web page with no table read whose scripts hold indicator data (a page whose
    /// tables a script fills when it is opened).
    #[error(
        "网页 {name} 中没有读取到表格；网页的脚本中有指标数据：表格是打开网页时由脚本填入的，保存的网页文件中没有"
    )]
    #[diagnostic(
        code("table.page-script-data"),
        help(
            "在浏览器中打开网页，等表格显示后另存为“单个文件”（.mhtml，保存的是显示的表格）再读取；或把表格复制到 Excel 后另存为 .xlsx；或向发布单位索取 Excel、Word 原件"
        )
    )]
    PageScriptData {
        /// File name.
        name: String,
    },
    /// A saved web page with no table read whose form is in a `<template>` (what a script
    /// shows when the page is opened; a browser does not show it as it is).
    #[error(
        "网页 {name} 中没有读取到表格；网页的 <template> 中有指标表格：它是脚本显示用的模板，浏览器不直接显示，其中的单元格可能是占位符，没有读取"
    )]
    #[diagnostic(
        code("table.page-template"),
        help(
            "在浏览器中打开网页，等表格显示后另存为“单个文件”（.mhtml，保存的是显示的表格）再读取；或把表格复制到 Excel 后另存为 .xlsx；或向发布单位索取 Excel、Word 原件"
        )
    )]
    PageTemplate {
        /// File name.
        name: String,
    },
    /// A saved web page whose form is laid out with `<div>`s and CSS in a way whose columns
    /// are not certain (and no other table of it holds a form).
    #[error("网页 {name} 中没有能读取的表格：{why}")]
    #[diagnostic(
        code("table.page-layout-unsure"),
        help(
            "不能确定单元格所在的列（猜错一列会把指标值读成实际值）：请向发布单位索取 Excel、Word 原件或附件，或在浏览器中把表格复制到 Excel 后另存为 .xlsx 读取"
        )
    )]
    PageLayoutUnsure {
        /// File name.
        name: String,
        /// Which layouts and why (`区块1：网格的列数随屏幕宽度而定（…）`).
        why: String,
    },
    /// A saved web page with no table, whose styles are in style sheets it links to that were
    /// not read (`formats/page_linked.rs`).
    #[error("网页 {name} 中没有表格；它的排版在链接的样式表中，没有读取：{sheets}")]
    #[diagnostic(code("table.page-stylesheet"))]
    PageStylesheet {
        /// File name.
        name: String,
        /// The sheets and why each was not read.
        sheets: String,
        /// How to proceed (the server's and the command line's differ).
        #[help]
        help: String,
    },
    /// A saved web page with no table read whose frames (`<iframe>`) were not read
    /// (`table/page_frames.rs`).
    #[error("网页 {name} 中没有读取到表格；网页中的框架（iframe）没有读取：{frames}")]
    #[diagnostic(code("table.page-frame"))]
    PageFrame {
        /// File name.
        name: String,
        /// The frames and why each was not read.
        frames: String,
        /// How to proceed.
        #[help]
        help: String,
    },
    /// A saved web page with no table read that a PDF converter made (pdf2htmlEX, pdftohtml: each
    /// piece of text placed at its coordinates, no cells).
    #[error(
        "网页 {name} 是由 PDF 转换成的网页（{how}），没有表格：单元格的边框只是画出的线，文字所在的行和列不能确定"
    )]
    #[diagnostic(
        code("table.page-pdf"),
        help(
            "向发布单位索取这张表的 Excel 或 Word 原件；或在浏览器中打开网页，选中表格的文字复制到 Excel 后核对各列，另存为 .xlsx 读取"
        )
    )]
    PagePdf {
        /// File name.
        name: String,
        /// How the page shows it was made so.
        how: String,
    },
    /// The bytes are not valid in the encoding.
    #[error("{name} 不是有效的 {encoding} 文本（第 {offset} 字节起）")]
    #[diagnostic(
        code("table.decode"),
        help("用 --encoding 指定编码：auto、utf-8 或 gbk")
    )]
    Decode {
        /// File name.
        name: String,
        /// The encoding tried.
        encoding: &'static str,
        /// Byte offset of the first bad sequence.
        offset: usize,
    },
    /// The workbook could not be opened.
    #[error("无法打开工作簿 {name}：文件已损坏、加密或格式无法识别（读取器的原话：{source}）")]
    #[diagnostic(
        code("table.workbook"),
        help(
            "确认文件是 Excel 工作簿（.xlsx .xls .ods），且没有加密或损坏；可在 Excel 或 WPS 中打开后另存为 .xlsx"
        )
    )]
    Workbook {
        /// File name.
        name: String,
        /// What calamine said.
        #[source]
        source: calamine::Error,
    },
    /// A workbook name (`.xlsx`) on bytes that are not a workbook.
    #[error("{name} 的内容不是 Excel 工作簿或 Word 文档")]
    #[diagnostic(
        code("table.not-workbook"),
        help(
            "文件扩展名与内容不符：CSV 或制表符分隔的文本请用 .csv / .tsv 扩展名。支持的格式：{}",
            formats::endings_shown()
        )
    )]
    NotWorkbook {
        /// File name.
        name: String,
    },
    /// A Word document whose body cannot be read.
    #[error("无法读取 Word 文档 {name}：{why}")]
    #[diagnostic(
        code("table.document"),
        help(
            "确认文件是没有损坏的 Word 文档（.docx 或 .doc）；无法读取时可在 Word 或 WPS 中打开后另存为 .docx"
        )
    )]
    Document {
        /// File name.
        name: String,
        /// What is wrong.
        why: String,
    },
    /// A folder holds tables that differ: which one is meant is not guessed.
    #[error("文件夹 {name} 中有不同的表：{tables}")]
    #[diagnostic(code("table.folder-tables"), help("直接指定要读取的那个文件"))]
    FolderTables {
        /// The folder.
        name: String,
        /// The tables found.
        tables: String,
    },
    /// `--sheet` names a sheet the workbook does not have.
    #[error("工作簿 {name} 中没有工作表「{sheet}」")]
    #[diagnostic(code("table.no-sheet"), help("可用的工作表：{available}"))]
    NoSheet {
        /// File name.
        name: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets there are.
        available: String,
    },
    /// No row looks like a header.
    #[error("{name} 中找不到表头行")]
    #[diagnostic(
        code("table.no-header"),
        help(
            "目标表的表头需有 项目名称、总计、绩效目标/绩效指标 等列；\
             自评表的表头需有 项目、三级指标、年度指标值 等列"
        )
    )]
    NoHeader {
        /// File name.
        name: String,
    },
    /// No header, and a row of one cell reads as one when cut at a separator jixiao does not
    /// part columns at: `;` (what Excel saves as CSV where the decimal mark is a comma), `|`,
    /// the full-width `，` `；` `｜`, or `、`. Said so, naming the separator found, with the way
    /// forward, rather than only "no header".
    #[error(
        "{name} 中找不到表头行：这个文本表格的各列以{separator}分隔，jixiao 只读以逗号或制表符分隔的文本表格"
    )]
    #[diagnostic(
        code("table.no-header"),
        help(
            "用 Excel 或 WPS 打开后另存为 .xlsx（或“CSV（逗号分隔）”）再读取；\
             也可以把{separator}替换为制表符，另存为 .tsv"
        )
    )]
    OtherSeparator {
        /// File name.
        name: String,
        /// The separator, named with its character (`竖线（|）`).
        separator: &'static str,
    },
    /// A row looks like a header but lacks a column it needs: which one, and what the header
    /// says (`没有找到实际完成值列：表头是 …`).
    #[error("{name} 中没有找到{column}列：表头是 {header}")]
    #[diagnostic(
        code("table.missing-column"),
        help(
            "如果该列用了别的列名，用 --columns 指明哪一列是哪一列，例如 \
             --columns {column}=<表头中的列名>（多个用逗号分隔；网页上传时填在“列名对应”）；\
             jixiao 认得的列名见 README「列名对应」"
        )
    )]
    MissingColumn {
        /// File name.
        name: String,
        /// The column not found, by its usual name (`实际完成值`).
        column: String,
        /// The header row as read (`一级指标 | 二级指标 | …`).
        header: String,
    },
    /// The input is larger than the input limit ([`crate::limits::INPUT`]).
    #[error("{name} 太大（{bytes} 字节），超过输入文件大小的上限 {max}")]
    #[diagnostic(code("table.too-large"), help("{help}"))]
    TooLarge {
        /// File name.
        name: String,
        /// Its size.
        bytes: u64,
        /// The limit, as written in its variable (`512 MB`).
        max: String,
        /// How to raise it.
        help: String,
    },
    /// A workbook that unzips to more than [`crate::limits::UNZIPPED`] (a zip bomb).
    #[error("工作簿 {name} 解压后超过 {max} 的上限（部件 {part}）")]
    #[diagnostic(code("table.unzipped-too-large"), help("{help}"))]
    UnzippedTooLarge {
        /// File name.
        name: String,
        /// The part of the zip that crossed the limit (and, where the limit is the ratio's,
        /// `；即文件 … 字节的 100 倍，至少 32 MB` after it: said inside the brackets, never as a
        /// bracket of its own before `的上限`, which read `…32 MB） 的上限`).
        part: String,
        /// The limit (`32 MB`).
        max: String,
        /// How to raise it.
        help: String,
    },
    /// A line of a text table longer than [`crate::limits::LINE`].
    #[error("{name} 第 {line} 行有 {bytes} 字节，超过一行 {max} 的上限")]
    #[diagnostic(code("table.line-too-long"), help("{help}"))]
    LineTooLong {
        /// File name.
        name: String,
        /// 1-based line.
        line: usize,
        /// Its length.
        bytes: usize,
        /// The limit.
        max: String,
        /// How to raise it.
        help: String,
    },
    /// A row with more columns than [`crate::limits::COLUMNS`].
    #[error("{name} 第 {line} 行有 {columns} 列以上，超过每行 {max} 列的上限")]
    #[diagnostic(code("table.too-many-columns"), help("{help}"))]
    TooManyColumns {
        /// File name.
        name: String,
        /// 1-based line (sheet row for a workbook).
        line: usize,
        /// Columns counted (at least).
        columns: usize,
        /// The limit.
        max: String,
        /// How to raise it.
        help: String,
    },
    /// A count that a file claims for itself (a workbook's shared strings, a sheet's
    /// dimensions or the span of its cells) past [`crate::limits::CELLS`] or past what its bytes
    /// can hold: refused before anything is reserved for it.
    #[error(
        "{name} 的{part}声称有 {claimed} 个{what}，超过 {max} 个的上限或超过文件实际能容纳的数量",
        max = crate::limits::CELLS.shown()
    )]
    #[diagnostic(code("table.claims-too-many"), help("{help}"))]
    ClaimsTooMany {
        /// File name.
        name: String,
        /// Where the claim is (`共享字符串表 xl/sharedStrings.xml`, `工作表 2 的尺寸记录`).
        part: String,
        /// What is claimed (`字符串`, `单元格`).
        what: &'static str,
        /// The count claimed (saturating).
        claimed: u64,
        /// How to raise it.
        help: String,
    },
    /// An OpenDocument table with content past the spreadsheet's last row (1,048,576), most
    /// often one row repeated (`table:number-rows-repeated`): calamine stops there, so the rows
    /// after it would be lost without a word.
    #[error(
        "{name} 的第 {table} 个表格在第 1048576 行（电子表格的行数上限）之后还有内容，这些行读不到"
    )]
    #[diagnostic(
        code("table.rows-past-cap"),
        help(
            "多半是某一行被设为重复很多次（table:number-rows-repeated）：在 LibreOffice 或 WPS 中删去多余的行后另存，再试"
        )
    )]
    RowsPastCap {
        /// File name.
        name: String,
        /// The table's number (1-based, in the file's order).
        table: usize,
    },
    /// A table of more cells than [`crate::limits::CELLS`].
    #[error("{name} 有 {cells} 个以上的单元格，超过 {max} 个的上限")]
    #[diagnostic(code("table.too-many-cells"), help("{help}"))]
    TooManyCells {
        /// File name.
        name: String,
        /// Cells counted (at least).
        cells: u64,
        /// The limit.
        max: String,
        /// How to raise it.
        help: String,
    },
    /// More entries of one kind than their limit: sheets of a workbook or tables of a Word
    /// document ([`crate::limits::SHEETS`]), style entries of an xlsx
    /// ([`crate::limits::STYLES`]); counted before they are read.
    #[error("{name} {what}有 {count} 个以上，超过 {} 个的上限", .limit.shown())]
    #[diagnostic(code("table.too-many-entries"), help("{help}"))]
    TooManyEntries {
        /// File name.
        name: String,
        /// What is counted, and where (`xl/styles.xml 中的样式条目`, `正文中的表格`).
        what: String,
        /// Counted so far (the first past the limit).
        count: u64,
        /// The limit.
        limit: &'static crate::limits::Limit,
        /// How to raise it.
        help: String,
    },
    /// A number format code longer than [`crate::limits::FORMAT_CODE`] (Excel's 255
    /// characters), refused before the workbook reader copies it into every cell format.
    #[error("{name} 的 {part} 中有一个数字格式代码长 {chars} 个字符，超过 {} 个字符的上限", .limit.shown())]
    #[diagnostic(code("table.format-code-too-long"), help("{help}"))]
    FormatCodeTooLong {
        /// File name.
        name: String,
        /// The part holding the code (`xl/styles.xml`, `content.xml`).
        part: String,
        /// The code's characters.
        chars: u64,
        /// The limit.
        limit: &'static crate::limits::Limit,
        /// How to raise it.
        help: String,
    },
    /// A unit, project or category name longer than [`crate::limits::NAME`]: it would be
    /// repeated in every indicator's line, finding and rule try (`table::names`).
    #[error(
        "{name} 第 {line} 行的{what}长 {bytes} 字节（“{start}…”），超过名称长度 {max} 的上限：它会在其下每个指标的报告行、问题和规则判断中重复",
        max = crate::limits::NAME.shown()
    )]
    #[diagnostic(code("table.name-too-long"), help("{help}"))]
    NameTooLong {
        /// File name.
        name: String,
        /// Which name (`项目名称`, `单位名称`, `一级指标`, `二级指标`).
        what: &'static str,
        /// 1-based line (sheet row) where it is.
        line: u32,
        /// Its length in bytes.
        bytes: usize,
        /// Its first characters.
        start: String,
        /// How to raise it.
        help: String,
    },
    /// An xlsx whose two sheets name one part: each sheet would read it again.
    #[error("{name} 的工作表「{first}」和「{second}」指向同一个部件 {part}")]
    #[diagnostic(
        code("table.sheet-part-repeated"),
        help(
            "Excel 和 WPS 保存的工作簿每个工作表各有自己的部件；这个文件是构造或损坏的。可用 Excel 或 WPS 打开后另存为 .xlsx 再试"
        )
    )]
    SheetPartRepeated {
        /// File name.
        name: String,
        /// The part named twice.
        part: String,
        /// The sheet that named it first.
        first: String,
        /// The sheet that named it again.
        second: String,
    },
}

impl ReadError {
    pub(crate) fn too_large(name: &str, bytes: u64) -> Self {
        ReadError::TooLarge {
            name: name.into(),
            bytes,
            max: crate::limits::INPUT.shown(),
            help: crate::limits::INPUT.help(),
        }
    }
}

/// The style sheets this process has read from web pages' folders so far (their real paths):
/// files a run read besides the inputs it was given, which its output must not replace.
pub fn linked_sheets_read() -> Vec<std::path::PathBuf> {
    formats::html::sheets_read()
}

/// Reads the table in the file at `path` (a folder is [`crate::inputs::read_path`]'s: which of
/// its files is the table is told by content there). The display form of the path is the file
/// name used in findings.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Document, ReadError> {
    let name = path.display().to_string();
    let io = |source| ReadError::Io {
        name: name.clone(),
        source,
    };
    // bounded whatever the file is (a pipe, a FIFO, a device): never more than the limit + 1
    let bytes = crate::bounded::read_path(path, &crate::limits::INPUT).map_err(|e| match e {
        crate::bounded::BoundedError::Io { source, .. } => io(source),
        crate::bounded::BoundedError::TooLarge { size, .. } => ReadError::too_large(
            &name,
            size.unwrap_or(crate::limits::INPUT.get().saturating_add(1)),
        ),
    })?;
    let opts = page_styles::at_path(opts, path, &bytes);
    read_owned(&name, bytes, &opts)
}

/// Reads a table from bytes; `name` gives the format by its extension (unless
/// [`ReadOptions::format`] says) and names the input in findings.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    read_owned(name, bytes.to_vec(), opts)
}

#[cfg(test)]
thread_local! {
    /// The readings of bytes made on this thread ([`read_owned`]): the tests' count of how
    /// often a file is read.
    pub(crate) static READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// [`read_bytes`] taking the bytes by value (no copy of a large input).
///
/// What the bytes are is told by their content first (`formats::sniff`): a workbook or Word
/// document by its container (zip, or OLE holding `WordDocument` or `Workbook`), a web page by
/// its markup or MIME headers, a PDF or a picture by its magic bytes (refused with the way
/// forward); the name only chooses between text formats, and a workbook or Word name on bytes
/// that are none is an error, not a guess.
pub fn read_owned(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Document, ReadError> {
    layouts::periods::with_year(opts.year, || read_owned_asked(name, bytes, opts))
}

/// [`read_owned`] with the year asked in force.
fn read_owned_asked(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Document, ReadError> {
    #[cfg(test)]
    READS.with(|n| n.set(n.get() + 1));
    if bytes.len() as u64 > crate::limits::INPUT.get() {
        return Err(ReadError::too_large(name, bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty { name: name.into() });
    }
    let asked = opts.format.or_else(|| format_from_name(name));
    let format = formats::recognise(name, &bytes, asked)?;
    let input = formats::Input {
        name,
        bytes,
        opts,
        asked,
    };
    match (format.read)(input)? {
        formats::Read::Grid(grid) => columns::with_map(&opts.columns, || build(grid)),
        formats::Read::Page {
            bytes,
            declared,
            styles,
            frames,
        } => read_page(name, bytes, opts, declared, (styles, frames)),
    }
}

/// An `.mhtml`'s parts kept beside its page: each `Content-Location` and bytes.
type PageParts = Vec<(String, Vec<u8>)>;

/// Reads a saved web page: its tables that hold a target table, a sheet or a form (told by
/// the layout readers: a form starts in it, or a header row is found), each with the lines
/// above it, read together as one document; the page's other tables (menus, layout, footers)
/// are counted in one info finding, not reported one by one.
fn read_page(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    declared: Option<&'static encoding_rs::Encoding>,
    (styles, frame_parts): (Option<PageParts>, PageParts),
) -> Result<Document, ReadError> {
    let (text, encoding) = formats::html::decode_page(name, &bytes, opts.encoding, declared)?;
    let page_bytes = bytes.len() as u64;
    drop(bytes);
    let source = page_styles::source(styles, opts);
    let mut page = formats::html::read_page_tables(name, &text, &source)?;
    // the tables hold their cells: the decoded page is given back before the grid is built
    drop(text);
    let (framed, files) = beside_page(name, &mut page, (&source, opts, page_bytes), &frame_parts)?;
    let formats::html::PageTables {
        tables,
        unsure,
        unread_styles,
        script_data,
        template_form,
        pdf_made,
        ..
    } = page;
    drop(frame_parts);
    let all = tables.len();
    let mut kept = PageSheets::default();
    for t in tables {
        kept.take(name, t)?;
    }
    let PageSheets {
        sheets,
        continued,
        joined,
        repeated,
        parts,
        ..
    } = kept;
    let read = sheets.iter().filter(|s| s.name != "段落").count();
    if read == 0 && unsure.named.is_empty() && !framed.unread.is_empty() {
        return Err(page_frames::refusal(name, &framed));
    }
    if let Some(made) = pdf_made.filter(|_| read == 0) {
        return Err(made.refusal(name));
    }
    if read == 0 && all == 0 && unsure.named.is_empty() && !unread_styles.is_empty() {
        return Err(page_styles::unread(name, &unread_styles, &source));
    }
    if read == 0 && !unsure.named.is_empty() {
        return Err(ReadError::PageLayoutUnsure {
            name: name.into(),
            why: unsure_named(&unsure, true),
        });
    }
    if read == 0 && template_form {
        return Err(ReadError::PageTemplate { name: name.into() });
    }
    if read == 0 && script_data {
        return Err(ReadError::PageScriptData { name: name.into() });
    }
    if read == 0 {
        return Err(ReadError::PageNoForm {
            name: name.into(),
            tables: all,
        });
    }
    let sheets_named: Vec<String> = match files.pages.is_empty() {
        true => Vec::new(),
        false => sheets.iter().map(|s| s.name.clone()).collect(),
    };
    let mut doc = build(grid::sheets_grid(
        name,
        sheets,
        InputFormat::Html,
        encoding,
    )?)?;
    page_findings(
        &mut doc,
        &unsure,
        [&joined, &continued, &repeated],
        (all, read),
    );
    page_styles::note_unread(&mut doc, &unread_styles, &source);
    parts.note(&mut doc);
    page_frames::note(&mut doc, &framed);
    page_files::note(&mut doc, files, &sheets_named);
    if script_data && doc.rows_read == 0 {
        page_styles::note_script_data(&mut doc);
    }
    Ok(doc)
}

/// A page's tables sorted as [`read_page`] reads them: the sheets read (each form's lines
/// above it as a sheet `段落`), and which were read as another's continuation and why.
#[derive(Default)]
struct PageSheets {
    sheets: Vec<formats::SheetCells>,
    /// The columns of the table read just before, while the next one may continue it.
    last_read: Option<Columns>,
    continued: Vec<String>,
    joined: Vec<String>,
    /// Tables printing the form's head again after a page break ([`page_repeat`]).
    repeated: Vec<String>,
    parts: page_parts::PageParts,
    /// Where in `sheets` the form read last starts (its first table).
    form_at: Option<usize>,
}

impl PageSheets {
    /// The page's next table: read as a form's, as the continuation of the one before, or
    /// left out (a menu, a layout table, a footer).
    fn take(&mut self, name: &str, mut t: formats::html::PageTable) -> Result<(), ReadError> {
        if !holds_a_table(name, &mut t.sheet)? {
            // a table cut at a page break: the rows after the break are a table of their own,
            // with no header of its own (Word's "save as web page", a site's editor)
            if self
                .last_read
                .as_ref()
                .is_some_and(|above| continues(&t.sheet, above))
            {
                self.continued.push(t.sheet.name.clone());
                self.parts.look(&t.sheet);
                self.sheets.push(t.sheet);
            } else if let Some(above) = self.last_read.as_ref().filter(|a| body_of(&t.sheet, a)) {
                // a framework's table whose header and body are two tables (Element UI's
                // `el-table__header` and `el-table__body`, a fixed header's copy)
                self.joined
                    .push(format!("{} 接在 {} 之后", t.sheet.name, above.name));
                self.last_read = None;
                self.sheets.push(t.sheet);
            } else {
                self.last_read = None;
            }
            return Ok(());
        }
        // the form's head printed again after a page break: its rows go on
        if let Some(at) = self.form_at
            && let Some(last) = self.sheets.last()
            && page_repeat::continues_form(name, (&self.sheets[at], last), &mut t)?
        {
            self.repeated.push(t.sheet.name.clone());
            self.parts.look(&t.sheet);
            self.sheets.push(t.sheet);
            return Ok(());
        }
        self.last_read = Some(Columns::of(&t.sheet));
        self.form_at = Some(self.sheets.len() + usize::from(!t.above.is_empty()));
        if !t.above.is_empty() {
            let mut above = formats::SheetCells::named("段落");
            for (i, line) in t.above.iter().enumerate() {
                above.push((i as u32, 0), line);
            }
            self.parts.look(&above);
            self.sheets.push(above);
        }
        self.parts.look(&t.sheet);
        self.sheets.push(t.sheet);
        Ok(())
    }
}

/// The tables of a page's frames and of the other printed pages of its form saved beside it
/// (on disk or in its archive), after the page's own in `page` (`page_frames.rs`, `page_files.rs`), within what
/// the page (of `page_bytes`) left of the limits; the frames' findings added to the page's.
fn beside_page(
    name: &str,
    page: &mut formats::html::PageTables,
    (source, opts, page_bytes): (&formats::html::StyleSource, &ReadOptions, u64),
    frame_parts: &[(String, Vec<u8>)],
) -> Result<(page_frames::Framed, page_files::Joined), ReadError> {
    let mut framed = page_frames::Framed::default();
    let mut reach = page_frames::Reach {
        bytes_left: crate::limits::INPUT.get().saturating_sub(page_bytes),
        cells_left: crate::limits::CELLS.get().saturating_sub(page.cells),
        frames: 0,
        parts: frame_parts,
        opts,
    };
    let frames = std::mem::take(&mut page.frames);
    if !frames.is_empty() || page.frames_more > 0 {
        let top = (source, 1, "");
        page_frames::read(name, frames, page.frames_more, top, &mut reach, &mut framed)?;
        page.tables.append(&mut framed.tables);
        page.unread_styles.append(&mut framed.unread_styles);
        page.script_data |= framed.script_data;
        page.template_form |= framed.template_form;
    }
    let mut files = page_files::Joined::default();
    let beside = match &opts.page_folder {
        Some(PageFolder::Disk(dir)) => Some(page_files::Beside::Disk(dir)),
        Some(PageFolder::Archive { folder, sheets }) => {
            Some(page_files::Beside::Archive { folder, sheets })
        }
        None => None,
    };
    if let Some(dir) = beside {
        let left = (reach.bytes_left, reach.cells_left);
        let tables = std::mem::take(&mut page.tables);
        (page.tables, files) = page_files::join(name, dir, tables, opts, left)?;
    }
    Ok((framed, files))
}

/// The `<div>` layouts of a page not read, each with why (`区块1：…；区块2：…`): all of them,
/// or (`all` false) those naming indicators; the ones past those named counted (`等 12 个`).
fn unsure_named(unsure: &formats::html::Unsures, all: bool) -> String {
    let named = unsure
        .named
        .iter()
        .filter(|u| all || u.formish)
        .map(|u| format!("{}：{}", u.name, u.why))
        .collect::<Vec<_>>();
    let more = if all {
        unsure.more
    } else {
        unsure.more_formish
    };
    match (named.is_empty(), more) {
        (_, 0) => named.join("；"),
        (true, _) => format!("{more} 个区块（未一一列出）"),
        (false, _) => format!("{} 等 {} 个", named.join("；"), named.len() + more),
    }
}

/// Where a finding about a web page as a whole points: its start.
const PAGE_AT: Location = Location {
    offset: 0,
    len: 0,
    line: 1,
    column: 1,
    cell: None,
};

/// The findings a page read ([`read_page`]) adds about its tables as a whole: the CSS layouts
/// not read beside a form (those of `unsure` naming indicators), the header and body tables
/// `joined`, the tables read as `continued` past a page break (with no header, or
/// `repeated`: printing the form's head again, [`page_repeat`]), and the `all - read` tables
/// that were no form.
fn page_findings(
    doc: &mut Document,
    unsure: &formats::html::Unsures,
    [joined, continued, repeated]: [&[String]; 3],
    (all, read): (usize, usize),
) {
    let at = PAGE_AT;
    if unsure.any_formish() {
        doc.findings.push(
            Finding::at_location(
                codes::TABLE_PAGE_LAYOUT_UNSURE,
                Severity::Warning,
                &doc.source,
                at,
                format!(
                    "网页中用 CSS 或文字排版的表格没有读取（不能确定单元格所在的列）：{}",
                    unsure_named(unsure, false)
                ),
            )
            .label("这个网页")
            .help("其中如有要评价的表单，请向发布单位索取 Excel、Word 原件"),
        );
    }
    if !joined.is_empty() {
        doc.findings.push(
            Finding::at_location(
                codes::PAGE_HEADER_BODY_JOINED,
                Severity::Info,
                &doc.source,
                at,
                format!(
                    "{}：前一表格只有表头（没有数字），这一表格没有表头、列数相同：推断为同一表格的表头和表体（网页框架常把两者分成两个表格），接在一起读取",
                    joined.join("、")
                ),
            )
            .label("这个网页"),
        );
    }
    if !continued.is_empty() {
        doc.findings.push(
            Finding::at_location(
                codes::PAGE_TABLE_CONTINUED,
                Severity::Warning,
                &doc.source,
                at,
                format!(
                    "{} 紧接在读取的表格之后，没有表头，列数不多于前一表格，写数字的列也是前一表格写数字的列：推断为前一表格在分页处断开的续表，接在其后读取",
                    continued.join("、")
                ),
            )
            .label("这个网页")
            .help("如果它不是续表，从网页中删去它，或只保存要读的表格"),
        );
    }
    if !repeated.is_empty() {
        doc.findings.push(
            Finding::at_location(
                codes::PAGE_TABLE_CONTINUED,
                Severity::Warning,
                &doc.source,
                at,
                format!(
                    "{} 重复了前一表格的标题、项目名称和表头（前一表格没有总分或合计行，写的是同一项目）：推断为同一张表在分页处断开后重印表头的续表，去掉重复的表头接在其后读取",
                    repeated.join("、")
                ),
            )
            .label("这个网页")
            .help("如果它是同一项目的另一张表，请分开保存两张表后分别读取"),
        );
    }
    if all > read {
        doc.findings.push(
            Finding::at_location(
                codes::SHEET_SKIPPED,
                Severity::Info,
                &doc.source,
                at,
                format!(
                    "网页中共有 {all} 个表格，读取了其中 {read} 个；其余 {} 个不是目标表、自评表或表单（导航、版式、页脚等），未读取",
                    all - read
                ),
            )
            .label("这个网页"),
        );
    }
}

/// The fewest columns a table of a web page must fill to be read as the continuation of the
/// table read before it ([`read_page`]), which it may not pass (its last columns may be empty
/// on every row after the break): a form's or a sheet's grid fills six or more, a menu or a
/// footer one to three.
const CONTINUATION_MIN_WIDTH: u32 = 5;

/// What [`continues`] compares of the table read before: how many columns it fills, and
/// which of them hold a figure somewhere (its 分值, 得分, targets and amounts).
struct Columns {
    name: String,
    rows: u32,
    width: u32,
    figures: std::collections::HashSet<u32>,
}

impl Columns {
    /// The columns of `sheet`.
    fn of(sheet: &formats::SheetCells) -> Columns {
        let figures: std::collections::HashSet<u32> = sheet
            .iter()
            .filter(|(_, t)| is_figure(t))
            .map(|((_, c), _)| c)
            .collect();
        // the rows of a table of no figure (a header alone, for [`body_of`]; counted only so:
        // a table of many rows has figures)
        let rows = match figures.is_empty() {
            true => {
                let mut rows: Vec<u32> = sheet.iter().map(|((r, _), _)| r).collect();
                rows.sort_unstable();
                rows.dedup();
                rows.len() as u32
            }
            false => 0,
        };
        Columns {
            name: sheet.name.clone(),
            rows,
            width: width_of(sheet),
            figures,
        }
    }
}

/// Whether a cell's text is a plain figure (`10`, `95.5`).
fn is_figure(text: &str) -> bool {
    text.trim().parse::<rust_decimal::Decimal>().is_ok()
}

/// Whether a table of a web page with no header of its own continues the table read right
/// before it (`above`), on evidence, not on its size alone: it fills no more columns than
/// that one, and at least [`CONTINUATION_MIN_WIDTH`]; it holds two figures or more (the 分值
/// and 得分 of a row, a 总分 row's), each in a column where the table above holds figures
/// too (the same columns' kinds: an unrelated table of figures has its own); and its first
/// row is not one of labels alone (a table's own header the layout readers do not know).
/// A footer, a menu, a signature line or another table with a header of its own does not.
fn continues(sheet: &formats::SheetCells, above: &Columns) -> bool {
    if !(CONTINUATION_MIN_WIDTH..=above.width).contains(&width_of(sheet)) {
        return false;
    }
    let mut figures = 0;
    for ((_, c), t) in sheet.iter() {
        if is_figure(t) {
            if !above.figures.contains(&c) {
                return false;
            }
            figures += 1;
        }
    }
    let first_row = sheet.iter().map(|((r, _), _)| r).min();
    let labels_only = first_row.is_some_and(|first| {
        let row: Vec<&str> = sheet
            .iter()
            .filter(|((r, _), t)| *r == first && !t.trim().is_empty())
            .map(|(_, t)| t)
            .collect();
        row.len() >= 3 && row.iter().all(|t| !t.chars().any(|c| c.is_ascii_digit()))
    });
    figures >= 2 && !labels_only
}

/// Whether a table of a web page with no header of its own is the body of the table read
/// right before it (`header`), that one a header alone: it has no figure and at most three
/// rows, this one its width (at least [`CONTINUATION_MIN_WIDTH`]) and two figures or more —
/// a figure with its unit too (`≥100人`, `95%`: a target table's cells; a CMS's fixed header
/// above the body's own table).
fn body_of(sheet: &formats::SheetCells, header: &Columns) -> bool {
    let figure = |t: &str| is_figure(t) || (t.len() <= 40 && t.bytes().any(|b| b.is_ascii_digit()));
    header.figures.is_empty()
        && header.rows <= 3
        && header.width >= CONTINUATION_MIN_WIDTH
        && width_of(sheet) == header.width
        && sheet.iter().filter(|(_, t)| figure(t)).count() >= 2
}

/// The columns a table of a web page fills: its last filled or merged column's, plus one.
fn width_of(sheet: &formats::SheetCells) -> u32 {
    let cells = sheet.iter().map(|((_, c), _)| c);
    let merged = sheet.merges.iter().map(|(_, (_, c))| *c);
    cells.chain(merged).max().map_or(0, |c| c + 1)
}

/// Whether a table of a web page holds a form or a table's header (what the layout readers
/// find in it): a row heading a form's indicator grid ([`form::starts`] finds a form only
/// where one does), or a header on one row or two ([`find_header`]). Each looks at a row and
/// the one after it only, so the rows are built two at a time, never all at once (a page of
/// 400,000 one-byte cells held 24 bytes a cell more for them, beside the sheet).
/// The sheet's cells are left sorted by place (as the grid sorts them), not copied.
fn holds_a_table(name: &str, sheet: &mut formats::SheetCells) -> Result<bool, ReadError> {
    Ok(header_of(name, sheet)?.is_some() || turned_grid(name, sheet)?)
}

/// The most cells of a page's table [`turned_grid`] looks at for a transposed form (a form
/// of 200 indicators across and 20 rows down is 4,000).
const TURNED_GRID_CELLS: usize = 20_000;

/// Whether a page's table with no header row holds a form's grid printed transposed (the
/// roles down its first column: `form::transposed`), as a workbook's sheet of it is read.
/// Before, such a table was passed over as the page's layout and the page refused (网页中没有
/// 表单), while the same form in a workbook was read.
fn turned_grid(name: &str, sheet: &mut formats::SheetCells) -> Result<bool, ReadError> {
    // a form's grid is small (its indicators across, a few dozen columns): the grid is built
    // to look only for one of that size, never for a page's large table (400,000 cells held
    // 24 bytes a cell more beside the sheet: `tests/read_memory.rs`)
    if !(2..=TURNED_GRID_CELLS).contains(&sheet.len()) {
        return Ok(false);
    }
    let grid = grid::cells_grid(name, sheet, InputFormat::Html, "UTF-8")?;
    let rows: Vec<Row> = grid.each_row()?.collect();
    Ok(form::transposed::find(&rows).is_some())
}

/// [`holds_a_table`]'s header where it finds one: the texts of its first row (trimmed, the
/// empty ones left out) and its rows (1, or 2 for a header on two rows).
fn header_of(
    name: &str,
    sheet: &mut formats::SheetCells,
) -> Result<Option<(Vec<String>, u32)>, ReadError> {
    if sheet.len() < 2 {
        return Ok(None);
    }
    let grid = grid::cells_grid(name, sheet, InputFormat::Html, "UTF-8")?;
    let mut rows = grid.each_row()?;
    // the row looked at and the rows under it that a form's stacked header may take
    let mut pair: Vec<Row> = rows.next().into_iter().collect();
    while !pair.is_empty() {
        while pair.len() < form::HEADER_ROWS
            && let Some(next) = rows.next()
        {
            pair.push(next);
        }
        let (row, next) = (&pair[0], pair.get(1));
        let two = || next.is_some_and(|n| columns::detect_two_rows(row, n).is_some());
        if !row.is_blank() {
            let rows = if columns::detect(row).is_some() {
                Some(1)
            } else if two() {
                Some(2)
            } else {
                form::heads_grid(&pair, 0).then_some(1)
            };
            if let Some(rows) = rows {
                let texts = row.filled().map(|(_, c)| c.text.to_string()).collect();
                return Ok(Some((texts, rows)));
            }
        }
        pair.remove(0);
    }
    Ok(None)
}

/// Reads a table from text already decoded (tab- or comma-separated, by `name`'s extension or
/// [`ReadOptions::format`]).
pub fn read_str(name: &str, text: &str, opts: &ReadOptions) -> Result<Document, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty { name: name.into() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let asked = opts.format.or_else(|| format_from_name(name));
    let format = decode::delimiter_of(asked.filter(|f| f.is_text()), text);
    let grid = grid::from_text(name, decode::cr_lines(text.to_owned()), format, "UTF-8")?;
    layouts::periods::with_year(opts.year, || {
        columns::with_map(&opts.columns, || build(grid))
    })
}

/// State shared by the layout readers: the source, findings and row counts.
pub(crate) struct Ctx<'a> {
    pub source: &'a source::SourceText,
    /// Each code's first findings, the rest counted (`listing`, `JIXIAO_MAX_FINDINGS_LISTED`).
    pub findings: listing::Findings,
    pub rows_read: usize,
    pub rows_skipped: usize,
    /// Whether a data row (not a note) was skipped: sums that may depend on it are unchecked.
    pub data_skipped: bool,
    /// Where among the findings listed the first project's total check belongs, where the
    /// reader left it to the turnstile (a streamed block that may continue a cut project:
    /// `layouts::sheet_carry` puts it there, as a whole reading lists it).
    pub first_total_at: Option<usize>,
}

impl<'a> Ctx<'a> {
    /// A reading of `source` that has found nothing yet.
    pub fn new(source: &'a source::SourceText) -> Self {
        Ctx {
            source,
            findings: listing::Findings::default(),
            rows_read: 0,
            rows_skipped: 0,
            data_skipped: false,
            first_total_at: None,
        }
    }

    /// Records a finding for a row that is skipped.
    pub fn skip(&mut self, finding: Finding) {
        self.findings.push(finding);
        self.rows_skipped += 1;
        self.data_skipped = true;
    }

    /// A finding at `at`.
    pub fn finding(
        &self,
        code: crate::codes::Code,
        severity: Severity,
        at: Location,
        message: impl Into<String>,
    ) -> Finding {
        Finding::at_location(code, severity, self.source, at, message)
    }

    /// The location of a whole row (its first cell's line, from the row start).
    pub fn row_location(&self, row: &Row) -> Location {
        match row.cells.first().and_then(|c| c.addr()) {
            Some(addr) => Location {
                offset: row.range.start,
                len: row.range.len(),
                line: addr.row,
                column: 1,
                cell: Some(addr),
            },
            // a row starts a line: its first cell's line (unless a quoted cell starts with a
            // line break), column 1
            None => match row.first_line(&self.source.text).filter(|&(_, at)| {
                let between = self.source.text.as_bytes().get(row.range.start..at);
                between.is_some_and(|b| b.iter().all(|&c| c != b'\n'))
            }) {
                Some((line, _)) => Location {
                    offset: row.range.start,
                    len: row.range.len(),
                    line,
                    column: 1,
                    cell: None,
                },
                None => self.source.locate(row.range.clone()),
            },
        }
    }

    /// The first filled cell of a row, or the whole row where none is filled: where a finding
    /// about the row as a whole points.
    pub fn first_filled_location(&self, row: &Row) -> Location {
        row.filled()
            .next()
            .map(|(_, c)| c.location(self.source))
            .unwrap_or_else(|| self.row_location(row))
    }

    /// An error for a data row without the name it needs (`table.missing-name`), at its first
    /// filled cell: the row is to be skipped.
    pub fn missing_name(&self, row: &Row, message: &'static str) -> Finding {
        let at = self.first_filled_location(row);
        self.finding(codes::MISSING_NAME, Severity::Error, at, message)
    }

    /// Checks a data row's shape against the header: too few cells is an error (row skipped,
    /// returns false); non-empty cells beyond the header a warning.
    pub fn check_shape(&mut self, header: &Header, row: &Row) -> bool {
        if row.cells.len() < header.width {
            let last = row.cells.last().map(|c| c.location(self.source));
            let at = last.unwrap_or_else(|| self.row_location(row));
            let f = self
                .finding(
                    codes::ROW_TOO_SHORT,
                    Severity::Error,
                    at,
                    format!(
                        "这一行只有 {} 列，表头有 {} 列；该行未读取",
                        row.cells.len(),
                        header.width
                    ),
                )
                .label(format!("第 {} 列之后就结束了", row.cells.len()))
                .help("检查该行是否被截断，或少了分隔符（制表符/逗号）");
            self.skip(f);
            return false;
        }
        let extra = (row.cells.len() > header.width)
            .then(|| row.filled().find(|(i, _)| *i >= header.width))
            .flatten();
        if let Some((i, cell)) = extra {
            let at = cell.location(self.source);
            let f = self
                .finding(
                    codes::EXTRA_CELLS,
                    Severity::Warning,
                    at,
                    format!(
                        "第 {} 列超出表头（表头只有 {} 列），该列及其后的内容未读取",
                        i + 1,
                        header.width
                    ),
                )
                .label("表头之外的内容")
                .help("删去多余的内容，或在表头补上列名");
            self.findings.push(f);
        }
        true
    }
}

/// What the preamble says.
#[derive(Debug, Clone, Default, PartialEq)]
struct Preamble {
    department: Option<String>,
    unit: Option<String>,
    money_unit: Option<String>,
}

impl Preamble {
    /// Takes `value` as the fact its label `key` (normalized) names — the first of each kind
    /// stands — and returns whether the label is one the preamble knows.
    fn take(&mut self, key: &str, value: String) -> bool {
        match key {
            // the templates that ask for the code beside the name (`主管部门及编码：123001 某某局`):
            // the value as written, the code kept in it (as the forms reader keeps it)
            "部门名称"
            | "部门"
            | "主管部门"
            | "预算部门"
            | "主管部门及编码"
            | "主管部门及代码"
            | "部门名称及编码"
            | "部门名称及代码"
            | "部门及编码"
            | "部门及代码"
            | "预算部门及编码"
            | "预算部门及代码"
            | "主管部门编码及名称"
            | "部门编码及名称" => {
                self.department.get_or_insert(value);
                true
            }
            "单位名称"
            | "预算单位"
            | "填报单位"
            | "编制单位"
            | "资金使用单位"
            | "单位名称及编码"
            | "单位名称及代码"
            | "预算单位及编码"
            | "预算单位及代码" => {
                self.unit.get_or_insert(value);
                true
            }
            "单位" | "金额单位" | "计量单位" => {
                if matches!(value.as_str(), "元" | "万元" | "千元" | "亿元") {
                    self.money_unit.get_or_insert(value);
                } else {
                    self.unit.get_or_insert(value);
                }
                true
            }
            _ => false,
        }
    }
}

/// Reads `部门名称：…`, `单位名称：…`, `单位：万元` from a row with one or two filled cells. A row
/// may hold two labels, in two cells or in one cell apart by spaces
/// (`单位名称：某局  金额单位：万元`): each gives its own fact. Returns whether the row is a
/// preamble line.
fn preamble_line(row: &Row, p: &mut Preamble) -> bool {
    if row.filled().nth(2).is_some() {
        return false;
    }
    let filled: Vec<&str> = row.filled().map(|(_, c)| &*c.text).collect();
    if filled.is_empty() {
        return false;
    }
    let segments: Vec<String> = label_texts(&filled)
        .iter()
        .flat_map(|t| label_segments(t))
        .collect();
    if !segments.iter().any(|s| s.contains([':', '：'])) {
        return filled.len() == 1 && is_title(filled[0]);
    }
    let mut read = false;
    for seg in &segments {
        let Some(colon) = seg.find([':', '：']) else {
            continue;
        };
        let key = columns::normalize(&seg[..colon]);
        let value = seg[colon..]
            .trim_start_matches([':', '：'])
            .trim()
            .to_string();
        if !value.is_empty() {
            read |= p.take(&key, value);
        }
    }
    read
}

/// The texts of a preamble row's filled cells, a label alone in its cell (`单位名称：`) joined
/// with the next cell as its value.
fn label_texts(filled: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < filled.len() {
        let t = filled[i].trim();
        if t.ends_with([':', '：']) && i + 1 < filled.len() {
            texts.push(format!("{t}{}", filled[i + 1].trim()));
            i += 2;
        } else {
            texts.push(t.to_owned());
            i += 1;
        }
    }
    texts
}

/// The labelled parts of a preamble text: split where two or more spaces (or a full-width
/// space or a tab) stand before another `label：`.
fn label_segments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut spaces = String::new();
    for c in text.chars() {
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            spaces.push(c);
            continue;
        }
        if !spaces.is_empty() {
            let wide = spaces.chars().count() >= 2 || spaces.contains(['\u{3000}', '\t']);
            if wide && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            } else {
                current.push_str(&spaces);
            }
            spaces.clear();
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    // a part without a label belongs to the part before it (`部门：某局  公开14表`)
    let mut merged: Vec<String> = Vec::new();
    for part in out {
        match merged.last_mut() {
            Some(last) if !part.contains([':', '：']) => {
                last.push(' ');
                last.push_str(&part);
            }
            _ => merged.push(part),
        }
    }
    merged
}

fn is_title(s: &str) -> bool {
    ["绩效目标表", "自评表", "绩效目标申报表", "绩效表"]
        .iter()
        .any(|t| s.contains(t))
}

/// The header of a table, found in its first rows.
pub(crate) struct Found {
    /// What the preamble above the header says.
    preamble: Preamble,
    /// The header (merged with a second header row under merged cells).
    header: Header,
    /// Index of the last header row; data starts after it.
    last_header_row: usize,
    /// Index of the header row with the column names.
    names_row: usize,
}

/// Finds the header and reads the preamble above it.
fn find_header(source: &source::SourceText, rows: &[Row]) -> Result<Found, ReadError> {
    let mut preamble = Preamble::default();
    let mut header_at = None;
    // the year a title above the header names (two years' actual columns: its is read)
    let mut title_year = None;
    for (i, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        if title_year.is_none() && row.filled().count() <= 2 {
            title_year = row
                .filled()
                .find_map(|(_, c)| layouts::periods::title_year(&c.text));
        }
        if let Some(h) = columns::detect(row) {
            header_at = Some((i, i, h));
            break;
        }
        // a header on two rows (a group cell over 一级 / 二级 / 三级指标): data after the second
        if let Some(h) = rows
            .get(i + 1)
            .and_then(|next| columns::detect_two_rows(row, next))
        {
            header_at = Some((i, i + 1, h));
            break;
        }
        preamble_line(row, &mut preamble);
    }
    let Some((names_at, mut header_index, mut header)) = header_at else {
        return Err(if rows.iter().all(Row::is_blank) {
            ReadError::Empty {
                name: source.name.clone(),
            }
        } else if let Some((column, header)) = columns::near_miss(rows) {
            ReadError::MissingColumn {
                name: source.name.clone(),
                column,
                header,
            }
        } else if let Some(separator) = columns::separated_header(rows) {
            ReadError::OtherSeparator {
                name: source.name.clone(),
                separator,
            }
        } else {
            ReadError::NoHeader {
                name: source.name.clone(),
            }
        });
    };
    // a second header row under merged cells
    if names_at == header_index
        && let Some(next) = rows[header_index + 1..].iter().position(|r| !r.is_blank())
        && columns::merge_subheader(&mut header, &rows[header_index + 1 + next])
    {
        header_index += 1 + next;
    }
    header.settle_money(preamble.money_unit.as_deref());
    header.settle_actual_year(title_year);
    let names_row = rows
        .iter()
        .take(header_index + 1)
        .rposition(|r| columns::detect(r).is_some())
        .unwrap_or(names_at);
    header.settle_both(&rows[names_row]);
    header.settle_actual_unit(&rows[names_row]);
    Ok(Found {
        preamble,
        header,
        last_header_row: header_index,
        names_row,
    })
}

/// Findings for the header's columns that are not understood.
fn unknown_columns(ctx: &mut Ctx<'_>, header: &Header, names: &Row) {
    // a column naming a figure another column gives is named as such (a warning), not as unknown
    let duplicate = columns::duplicate_columns(ctx, header, names);
    for &col in &header.unknown {
        if duplicate.contains(&col) {
            continue;
        }
        if let Some(cell) = names.cell(col) {
            if header.both.is_some_and(|(both, _)| both == col) {
                // read split, each cell in two (`self_eval`), as a form's column is
                let f = ctx
                    .finding(
                        codes::FORM_WEIGHT_AND_SCORE,
                        Severity::Info,
                        cell.location(ctx.source),
                        format!(
                            "「{}」一列同时写分值和得分：每格拆成分值和得分两个数读取，原表得分照常与复核得分核对",
                            cell.text
                        ),
                    )
                    .label("分值与得分同列");
                ctx.findings.push(f);
                continue;
            }
            if weight_and_score(header, &cell.text) {
                let f = ctx
                    .finding(
                        codes::COLUMN_WEIGHT_AND_SCORE,
                        Severity::Warning,
                        cell.location(ctx.source),
                        format!(
                            "「{}」一列同时写分值和得分，jixiao 不拆分读取：这一列未读取，各指标分值按评分方法计，原表得分不核对",
                            cell.text
                        ),
                    )
                    .label("分值与得分同列")
                    .help("把这一列拆成「分值」「得分」两列再读取");
                ctx.findings.push(f);
                continue;
            }
            let f = ctx
                .finding(
                    codes::COLUMN_IGNORED,
                    Severity::Info,
                    cell.location(ctx.source),
                    format!("不认识的列「{}」，其内容未读取", cell.text),
                )
                .label("未知列名");
            ctx.findings.push(f);
        }
    }
    // one column of both (`年度指标值/实际完成值`): read split, as a form's, said once
    if let Some(pair) = header.pair
        && pair.shape != form::pair::Shape::Labels
        && let Some(cell) = names.cell(pair.col)
    {
        let f = form::pair::noted(ctx, cell.location(ctx.source), &cell.text, pair.shape);
        ctx.findings.push(f);
    }
    columns::missing_actual(ctx, header, names);
    columns::figure_units(ctx, header, names);
    money_columns(ctx, header, names);
    columns::project_from_unit(ctx, header, names);
    columns::actual_year_noted(ctx, header, names);
}

/// Whether a header column not understood names both a 分值 (or 权重) and a 得分 (`分值/得分`,
/// `得分（分值）`) where the header has no column of either: a sheet writing `50/40` in one
/// cell, whose 分值 were silently the method's (the thirteenth probe).
fn weight_and_score(header: &Header, text: &str) -> bool {
    use columns::Role;
    (text.contains("分值") || text.contains("权重"))
        && text.contains("得分")
        && (header.col(Role::Weight).is_none() || header.col(Role::Score).is_none())
}

/// A sheet whose 全年预算数 and 全年执行数 headers state different money units (`全年预算数（万元）`,
/// `全年执行数（元）`), or another than its preamble's: the amounts are converted
/// ([`columns::MoneyColumns`]), and a warning says how.
fn money_columns(ctx: &mut Ctx<'_>, header: &Header, names: &Row) {
    let m = &header.money;
    let Some(into) = m.into else {
        return;
    };
    let mut told = Vec::new();
    let mut at = None;
    for (k, (role, name)) in [(Role::Budget, "全年预算数"), (Role::Spent, "全年执行数")]
        .into_iter()
        .enumerate()
    {
        let (Some(unit), Some(f)) = (m.stated[k], m.scale[k]) else {
            continue;
        };
        let how = if f < Decimal::ONE {
            format!("÷ {}", (Decimal::ONE / f).normalize())
        } else {
            format!("× {}", f.normalize())
        };
        told.push(format!("{name}（{unit}）的金额 {how} 按{into}读"));
        at = at.or_else(|| {
            let cell = names.cell(header.col(role)?)?;
            Some(cell.location(ctx.source))
        });
    }
    let Some(at) = at else {
        return;
    };
    let f = ctx
        .finding(
            codes::FORM_AMOUNT_UNITS,
            Severity::Warning,
            at,
            format!("资金金额的单位不一致，换算为{into}：{}", told.join("；")),
        )
        .label("金额单位不一")
        .help("资金各栏用同一金额单位填写");
    ctx.findings.push(f);
}

/// The data rows among `rows` (below the header): blank rows, repeated headers and preamble
/// lines are left out and not counted; notes and rows with a cell over the limit are counted,
/// skipped and named by a finding.
///
/// A header row found again below the first with its columns moved sets the header in force
/// (`moved`, carried from block to block when streamed): the rows under it go on with their
/// cells in the first header's columns (made in `store`), or are left unread and named
/// (`layouts::moved_header`).
fn data_rows<'r, 'a>(
    ctx: &mut Ctx<'_>,
    header: &Header,
    preamble: &mut Preamble,
    rows: &'r [Row<'a>],
    moved: &mut Option<Arc<MovedHeader>>,
    store: &'r mut Vec<Row<'a>>,
) -> Vec<&'r Row<'a>> {
    let mut data: Vec<&Row> = Vec::with_capacity(rows.len());
    // the rows made under a moved header: (their place in `data`, in `store`)
    let mut fixups: Vec<(usize, usize)> = Vec::new();
    let max_cell = crate::limits::CELL.get_usize();
    for (k, row) in rows.iter().enumerate() {
        let next_is_header = || title_of_next_table(&rows[k + 1..], header);
        match data_row(ctx, header, preamble, row, next_is_header, moved, max_cell) {
            DataRow::Left => continue,
            DataRow::Read => {}
            DataRow::Moved(made) => {
                fixups.push((data.len(), store.len()));
                store.push(made);
            }
        }
        data.push(row);
    }
    let store: &'r Vec<Row<'a>> = store;
    for (at, k) in fixups {
        data[at] = &store[k];
    }
    data
}

/// What the data-row filter makes of one row ([`data_row`]).
enum DataRow<'a> {
    /// Not a data row (blank, a header again, a preamble line), or skipped with its finding.
    Left,
    /// A data row, read as it is.
    Read,
    /// A data row under a header whose columns moved: its cells in the first header's columns.
    Moved(Row<'a>),
}

/// [`data_rows`] of one row: `next_is_header` tells whether the next row that is not blank is
/// the header again (asked of a row of one filled cell only: it is then that table's title);
/// `max_cell` is the cell limit.
fn data_row<'a>(
    ctx: &mut Ctx<'_>,
    header: &Header,
    preamble: &mut Preamble,
    row: &Row<'a>,
    next_is_header: impl FnOnce() -> bool,
    moved: &mut Option<Arc<MovedHeader>>,
    max_cell: usize,
) -> DataRow<'a> {
    // one pass over the cells: how many are filled (up to three: a preamble line or a note
    // has fewer) and the first over the cell limit
    let (mut filled, mut long) = (0usize, None);
    for c in &row.cells {
        if !c.text.is_empty() {
            filled += 1;
            if c.text.len() > max_cell && long.is_none() {
                long = Some(c);
            }
        }
    }
    if filled == 0 {
        return DataRow::Left;
    }
    if let Some(again) = columns::repeated_header(row, header) {
        moved_header::header_row(ctx, row, again, header, moved);
        return DataRow::Left;
    }
    if filled < 3 && preamble_line(row, preamble) {
        return DataRow::Left;
    }
    ctx.rows_read += 1;
    if let Some(cell) = long {
        let at = cell.location(ctx.source).with_len(0);
        let f = ctx
            .finding(
                codes::CELL_TOO_LONG,
                Severity::Error,
                at,
                format!(
                    "单元格有 {} 字节，超过单元格 {} 的上限；该行未读取",
                    formats::xml_cut::size_shown(cell.text.len()),
                    crate::limits::CELL.shown()
                ),
            )
            .label("过长的单元格从这里开始")
            .help(format!(
                "检查是否缺少换行或引号未闭合，导致多行被并入一个单元格；{}",
                crate::limits::CELL.help()
            ));
        ctx.skip(f);
        return DataRow::Left;
    }
    let aside = match filled == 1 {
        true if is_note(row) => Some(("这一行是注释或说明，未作为数据读取", "说明行")),
        true if next_is_header() => Some((
            "这一行是下面一张表的标题（其下一行是表头），未作为数据读取",
            "表的标题",
        )),
        _ => None,
    };
    if let Some((message, label)) = aside {
        let cell = row.filled().next().map(|(_, c)| c.location(ctx.source));
        let at = cell.unwrap_or_else(|| ctx.row_location(row));
        let f = ctx
            .finding(codes::ROW_IGNORED, Severity::Info, at, message)
            .label(label);
        ctx.findings.push(f);
        ctx.rows_skipped += 1;
        return DataRow::Left;
    }
    match moved.as_deref().map(|m| moved_header::under(ctx, row, m)) {
        None => DataRow::Read,
        Some(moved_header::Under::Moved(made)) => DataRow::Moved(made),
        Some(moved_header::Under::Unread) => DataRow::Left,
    }
}

/// Reads each sheet of the grid (a text input or a Word document is one sheet): forms through
/// `form`, a table or flat sheet through its header and layout reader. Sheets of forms make one
/// document; a flat table is read from the first sheet that holds one, with the other sheets of
/// its layout; a sheet of another layout, or holding neither, is named in a finding.
fn build(grid: Grid) -> Result<Document, ReadError> {
    build_by(grid, true)
}

/// [`build`]; `flat` false reads a text sheet through the grid whatever it holds (for the test
/// that it reads the same either way).
fn build_by(grid: Grid, flat: bool) -> Result<Document, ReadError> {
    if flat && let Some(read) = flat_sheet(&grid)? {
        return finish(&grid, read);
    }
    let (rows, quotes) = grid.rows_noting_quotes()?;
    let source = &grid.source;
    let sheets = sheet_spans(&grid, rows.len());
    let mut ctx = Ctx::new(source);
    ctx.findings.extend(quotes.findings(source));
    let mut read = Sheets {
        ctx,
        many: sheets.len() > 1,
        layout: None,
        units: Vec::new(),
        total: None,
        preamble: Preamble::default(),
        first_error: None,
    };
    for sheet in sheets.iter() {
        read.sheet(&rows[sheet.rows.clone()], sheet)?;
    }
    drop(rows);
    finish(&grid, read)
}

/// The document of a grid's sheets read.
fn finish(grid: &Grid, mut read: Sheets<'_>) -> Result<Document, ReadError> {
    let source = &grid.source;
    let Some(layout) = read.layout else {
        return Err(read.first_error.unwrap_or_else(|| ReadError::NoHeader {
            name: source.name.clone(),
        }));
    };
    // a project's indicators were sized from the rows that may hold them (its heading and
    // budget rows among them): what a project did not fill is given back before the document
    // is held through evaluation
    for p in read.units.iter_mut().flat_map(|u| u.projects.iter_mut()) {
        p.indicators.shrink_to_fit();
    }
    let mut preamble = read.preamble;
    if layout == Layout::Forms {
        // a target form beside the self-evaluation of its project: not a project of its own
        form::target_beside::pair(&mut read.ctx, &mut read.units);
        (preamble.department, preamble.money_unit) = forms_agree(&read.units);
    }
    let Ctx {
        mut findings,
        rows_read,
        rows_skipped,
        data_skipped,
        ..
    } = read.ctx;
    let mut doc = Document {
        source: source.clone(),
        layout,
        department: preamble.department,
        money_unit: preamble.money_unit,
        total: read.total,
        units: read.units,
        findings: Vec::new(),
        rows_read,
        rows_skipped,
        held: Vec::new(),
    };
    findings.extend(integrity::check(&doc, data_skipped));
    // a target or an actual shown rounded is read held (`held`), its note made there
    let mut made = held::hold(&mut doc, &grid.notes);
    // a percent cell past 150 %: a whole number typed, or a real rate (`percent_rates`)
    percent_rates::judge(&doc, &grid.notes, &mut made);
    // a time-only cell whose target is a time: the duration it shows (`time_cells`)
    time_cells::judge(&mut doc, &grid.notes, &mut made);
    for (i, (at, note)) in grid.notes.iter().enumerate() {
        if let Some(f) = made.get_mut(i).and_then(Option::take) {
            findings.push(f);
            continue;
        }
        let value = doc.source.slice(at).to_owned();
        let (code, severity, message, label) = note.finding(&value);
        findings.push(Finding::at_location(code, severity, &doc.source, *at, message).label(label));
    }
    // each code's first findings, and a closing one a code where more were counted
    doc.findings = findings.close();
    names::check(&doc)?;
    Ok(doc)
}

/// The bytes of a text sheet in which [`flat_sheet`] looks for its header.
const HEAD_BYTES: usize = 64 * 1024;

/// A whole text sheet of the self-evaluation layout read as the streaming reader reads its
/// blocks (issue 27, the memory of a table read whole): its first lines through the grid, to
/// the header, and the rows below it straight from the text (`flat`: a list of cell ranges, 8
/// bytes a cell, where the grid's rows are 48 bytes a cell, all held at once). `None` where
/// the grid is to read it, as before: a workbook or a block, a text holding a quote, a
/// header not in its first 64 KB, a sheet of forms or a target table, more cells than the
/// cell limit (the grid refuses it), or any data row the flat reader leaves to the grid (see
/// `flat`). Read either way, the document is the same: the header and the rows above it are
/// the grid's, a flat row reads as the grid's (`flat`'s test), the forms reader answers for
/// these rows as for all (`form::flat_header_first`), and the data-row filter has nothing to
/// do for the rows the flat reader takes.
fn flat_sheet(grid: &Grid) -> Result<Option<Sheets<'_>>, ReadError> {
    let Some(delim) = grid.whole_text_delim() else {
        return Ok(None);
    };
    let source = &grid.source;
    let text: &str = &source.text;
    let bytes = text.as_bytes();
    // the cells the grid would count: no more than a cell a delimiter and a line
    let cells = memchr::memchr2_iter(delim, b'\n', bytes).count() as u64 + 1;
    if cells > crate::limits::CELLS.get() {
        return Ok(None);
    }
    let quoted = memchr::memchr(b'"', bytes).is_some();
    // the header among the lines of the first 64 KB (whole lines), read once: a sheet whose
    // header is further down (or that has none) is the grid's, and costs it no second reading
    let end = match text.len() <= HEAD_BYTES {
        true => text.len(),
        false => memchr::memrchr(b'\n', &bytes[..HEAD_BYTES]).map_or(0, |i| i + 1),
    };
    let head = grid.head_rows(end)?;
    let Ok(found) = find_header(source, &head) else {
        return Ok(None);
    };
    // the header's second row, if any, is among the rows read; no form starts above it
    let whole = end == text.len();
    if !(whole
        || head[found.last_header_row + 1..]
            .iter()
            .any(|r| !r.is_blank()))
        || !form::flat_header_first(&head)
    {
        return Ok(None);
    }
    if found.header.layout != Layout::SelfEvaluation {
        return Ok(None);
    }
    let data_start = head
        .get(found.last_header_row + 1)
        .map_or(text.len(), |r| r.range.start);
    let first_line = memchr::memchr_iter(b'\n', &bytes[..data_start]).count() + 1;
    let Ok(first_line) = u32::try_from(first_line) else {
        return Ok(None);
    };
    let mut ctx = Ctx::new(source);
    unknown_columns(&mut ctx, &found.header, &head[found.names_row]);
    let flat = match quoted {
        false => flat::rows_from(&mut ctx, &found.header, text, data_start, delim, first_line),
        true => None,
    };
    let Some(flat) = flat else {
        // the rows the header search reads (to the first row below the header that is not
        // blank) must be those of the whole text: no quote among them
        let read_to = head[found.last_header_row + 1..]
            .iter()
            .find(|r| !r.is_blank())
            .map_or(text.len(), |r| r.range.end);
        drop(head);
        if memchr::memchr(b'"', &bytes[..read_to]).is_some() {
            return Ok(None);
        }
        return walked_sheet(grid, ctx, found, (data_start, first_line)).map(Some);
    };
    drop(head);
    let units = self_eval::read_from(
        &mut ctx,
        &found.header,
        &flat.views(text),
        (found.preamble.unit.as_deref(), false),
        &mut Default::default(),
    )
    .0;
    Ok(Some(Sheets {
        ctx,
        many: false,
        layout: Some(Layout::SelfEvaluation),
        units,
        total: None,
        preamble: found.preamble,
        first_error: None,
    }))
}

/// [`flat_sheet`]'s rows below the header (`from`: where they start, and their line) where
/// the flat reader leaves them to the grid: walked as a block's are (`walked`: only the rows
/// the layout reads held whole; 5,000,000 skipped rows held 100 bytes each), with the findings
/// and counts of the grid's reading (the quotes' findings first, as the grid has them).
fn walked_sheet<'g>(
    grid: &'g Grid,
    mut ctx: Ctx<'g>,
    found: Found,
    from: (usize, u32),
) -> Result<Sheets<'g>, ReadError> {
    let source = &grid.source;
    let delim = grid.whole_text_delim().unwrap_or(b'\t');
    let mut preamble = found.preamble;
    let (data, quotes) = grid.walk_rows_from(Some(from), |walk| {
        walked::data_rows(
            &mut ctx,
            &found.header,
            &mut preamble,
            walk,
            &mut None,
            delim,
        )
    })?;
    let rows_found = std::mem::take(&mut ctx.findings);
    ctx.findings.extend(quotes.findings(source));
    ctx.findings.append(rows_found);
    let data: Vec<&walked::Walked> = data.iter().collect();
    let units = self_eval::read_from(
        &mut ctx,
        &found.header,
        &data,
        (preamble.unit.as_deref(), false),
        &mut Default::default(),
    )
    .0;
    Ok(Sheets {
        ctx,
        many: false,
        layout: Some(Layout::SelfEvaluation),
        units,
        total: None,
        preamble,
        first_error: None,
    })
}

/// The sheets a grid is read as: its sheets, or the whole grid as one (text; a Word document's
/// or web page's paragraphs and tables, with all their merges).
fn sheet_spans(grid: &Grid, rows: usize) -> std::borrow::Cow<'_, [grid::SheetSpan]> {
    use std::borrow::Cow;
    if grid.sheets.is_empty() {
        Cow::Owned(vec![grid::SheetSpan {
            name: String::new(),
            rows: 0..rows,
            merges: Vec::new(),
        }])
    } else if grid.source.format.is_document() {
        Cow::Owned(vec![grid::SheetSpan {
            name: String::new(),
            rows: 0..rows,
            merges: grid.sheets.iter().flat_map(|s| s.merges.clone()).collect(),
        }])
    } else {
        Cow::Borrowed(&grid.sheets)
    }
}

/// The department and money unit every form agrees on (else none).
fn forms_agree(units: &[UnitRow]) -> (Option<String>, Option<String>) {
    let facts = || {
        units
            .iter()
            .flat_map(|u| &u.projects)
            .filter_map(|p| p.form.as_deref())
    };
    let agreed = |get: &dyn Fn(&model::FormFacts) -> Option<String>| {
        let mut all = facts().map(get);
        let first = all.next().flatten()?;
        all.all(|x| x.as_deref() == Some(&first)).then_some(first)
    };
    (
        agreed(&|f| f.department.clone()),
        agreed(&|f| f.money_unit.clone()),
    )
}

/// The sheets of one grid being read into one document: the layout of the first sheet read
/// decides the others'.
struct Sheets<'a> {
    ctx: Ctx<'a>,
    /// Whether the grid has more than one sheet (a sheet holding no table is then skipped).
    many: bool,
    layout: Option<Layout>,
    units: Vec<UnitRow>,
    total: Option<TotalRow>,
    preamble: Preamble,
    /// Why the first sheet skipped could not be read: the error when none is.
    first_error: Option<ReadError>,
}

impl Sheets<'_> {
    /// Reads one sheet: its forms, or its table through its header; a sheet of another layout
    /// than the sheets before it, or (among several) holding none, is named in a finding.
    fn sheet(&mut self, rows: &[Row], sheet: &grid::SheetSpan) -> Result<(), ReadError> {
        let sheet_at = || Location {
            offset: rows.first().map_or(0, |r| r.range.start),
            len: 0,
            line: 1,
            column: 1,
            cell: Some(CellAddr { row: 1, col: 1 }),
        };
        // two forms side by side: read one below the other (`form::beside`)
        // (the unfolded rows' form starts found once: they decide the cut and are read)
        let beside = form::beside::cut(rows).and_then(|k| {
            let (r, m) = form::beside::unfold(rows, &sheet.merges, sheet.rows.start, k);
            let starts = form::starts(&r)?;
            Some((k, r, m, starts))
        });
        let own_starts;
        // a grid printed transposed (the roles down the first column): read turned
        // (`form::transposed`), where the sheet holds no form as it stands
        let mut turned = None;
        let (rows, merges, starts) = match &beside {
            Some((_, r, m, s)) => (&r[..], &m[..], Some(&s[..])),
            None => {
                own_starts = form::starts(rows);
                if own_starts.is_none() {
                    turned = form::transposed::find(rows).and_then(|b| {
                        let (r, m) =
                            form::transposed::turn(rows, &sheet.merges, sheet.rows.start, &b);
                        let s = form::starts(&r)?;
                        Some((b, (r, m), s))
                    });
                }
                match &turned {
                    Some((_, (r, m), s)) => (&r[..], &m[..], Some(&s[..])),
                    None => (rows, &sheet.merges[..], own_starts.as_deref()),
                }
            }
        };
        if let Some(starts) = starts {
            if let Some((k, ..)) = beside {
                form::beside::note(&mut self.ctx, rows, k);
            }
            if let Some((b, ..)) = &turned {
                form::transposed::note(&mut self.ctx, rows, b);
            }
            if self.layout.is_some_and(|l| l != Layout::Forms) {
                other_layout(&mut self.ctx, sheet_at(), &sheet.name);
                return Ok(());
            }
            self.layout = Some(Layout::Forms);
            let read = form::read(&mut self.ctx, rows, starts, merges, sheet.rows.start);
            // forms of one unit in a row share one unit, across sheets as within one
            for u in read {
                match self.units.last_mut() {
                    Some(last) if last.name == u.name => last.projects.extend(u.projects),
                    _ => self.units.push(u),
                }
            }
            return Ok(());
        }
        let found = match find_header(self.ctx.source, rows) {
            Ok(found) => found,
            Err(e) if self.many => {
                let f = self
                    .ctx
                    .finding(
                        codes::SHEET_SKIPPED,
                        Severity::Info,
                        sheet_at(),
                        format!("工作表「{}」中没有目标表、自评表或表单，未读取", sheet.name),
                    )
                    .label("这张工作表");
                self.ctx.findings.push(f);
                self.first_error.get_or_insert(e);
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        if self.layout.is_some_and(|l| l != found.header.layout) {
            other_layout(&mut self.ctx, sheet_at(), &sheet.name);
            return Ok(());
        }
        self.layout = Some(found.header.layout);
        self.table(rows, found, sheet);
        Ok(())
    }

    /// A table or flat sheet under its header: its data rows through its layout's reader (a
    /// 分值 / 得分 merged over several indicator rows of `sheet` shared among them), and what
    /// its preamble says where no sheet before said it.
    fn table(&mut self, rows: &[Row], found: Found, sheet: &grid::SheetSpan) {
        let Found {
            preamble: mut sheet_preamble,
            header,
            last_header_row,
            names_row,
        } = found;
        let ctx = &mut self.ctx;
        unknown_columns(ctx, &header, &rows[names_row]);
        let mut store = Vec::new();
        let data = data_rows(
            ctx,
            &header,
            &mut sheet_preamble,
            &rows[last_header_row + 1..],
            &mut None,
            &mut store,
        );
        match header.layout {
            Layout::TargetTable => {
                let (t, u) =
                    target_table::read(ctx, &header, &data, sheet_preamble.department.as_deref());
                self.total = self.total.take().or(t);
                self.units.extend(u);
            }
            Layout::SelfEvaluation | Layout::Forms => {
                let mut units =
                    self_eval::read(ctx, &header, &data, sheet_preamble.unit.as_deref());
                if !sheet.merges.is_empty() {
                    // merges are shared by the columns of the header in force: the first
                    // header's, and below a header whose columns moved, that header's (a merge
                    // in the first 分值 column's place there may be another column's)
                    let regions = match store.is_empty() {
                        true => sheet_merges::whole(&header, rows.len()),
                        false => merge_regions(&header, rows, last_header_row),
                    };
                    sheet_merges::share(
                        ctx,
                        rows,
                        &sheet.merges,
                        sheet.rows.start,
                        &regions,
                        &mut units,
                    );
                    sheet_merges::name_merged_actuals(
                        ctx,
                        rows,
                        &sheet.merges,
                        sheet.rows.start,
                        &header,
                        &units,
                    );
                }
                self.units.extend(units);
            }
        }
        let p = &mut self.preamble;
        p.department = p.department.take().or(sheet_preamble.department);
        p.money_unit = p.money_unit.take().or(sheet_preamble.money_unit);
        p.unit = p.unit.take().or(sheet_preamble.unit);
    }
}

/// The stretches of a sheet's `rows` under each header in force (the first `header`, ending at
/// `last_header_row`, and each header row found again below it), with the columns of 分值 and
/// 得分 in each ([`sheet_merges::Regions`]). Only for a sheet with merges and a moved header.
#[cold]
fn merge_regions(header: &Header, rows: &[Row], last_header_row: usize) -> sheet_merges::Regions {
    let mut regions = Vec::new();
    let mut start = 0;
    let mut cols = sheet_merges::ROLES.map(|r| header.col(r));
    for (i, row) in rows.iter().enumerate().skip(last_header_row + 1) {
        if let Some(again) = columns::repeated_header(row, header) {
            regions.push((start..i, cols));
            cols = moved_header::columns_in_force(again, header, sheet_merges::ROLES);
            start = i + 1;
        }
    }
    regions.push((start..rows.len(), cols));
    regions
}

/// A sheet holding another layout than the sheets read before it.
fn other_layout(ctx: &mut Ctx<'_>, at: Location, sheet: &str) {
    let f = ctx
        .finding(
            codes::SHEET_OTHER_LAYOUT,
            Severity::Warning,
            at,
            format!("工作表「{sheet}」的表格式样与前面的工作表不同，未读取"),
        )
        .label("这张工作表")
        .help("用 --sheet 指定要读取的工作表");
    ctx.findings.push(f);
}

/// A row with one filled cell, in the first column, that starts like a note.
/// Whether the rows after a one-cell row start with a header row again (`rest`: the rows after
/// it): the cell is the title of the table under that header (`二、项目支出绩效自评表`, often
/// merged across the sheet), not a project of its own (read as one, it was a project with no
/// indicators, 待评定, among the real ones).
#[cold]
fn title_of_next_table(rest: &[Row], header: &Header) -> bool {
    rest.iter()
        .find(|r| !r.is_blank())
        .is_some_and(|next| columns::repeated_header(next, header).is_some())
}

fn is_note(row: &Row) -> bool {
    let mut filled = row.filled();
    match (filled.next(), filled.next()) {
        (Some((0, c)), None) => ["注", "说明", "备注", "填表说明", "*"]
            .iter()
            .any(|p| c.text.starts_with(p)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preamble(cells: &[&str]) -> Preamble {
        let text = cells.join("\t");
        let rows = grid::split_delimited(&text, b'\t');
        let mut p = Preamble::default();
        assert!(preamble_line(&rows[0], &mut p), "{cells:?}");
        p
    }

    #[test]
    fn a_preamble_row_with_two_labels_gives_two_facts() {
        let p = preamble(&["单位名称：某局  金额单位：万元"]);
        assert_eq!(p.unit.as_deref(), Some("某局"));
        assert_eq!(p.money_unit.as_deref(), Some("万元"));
        let p = preamble(&["单位名称：某局", "金额单位：元"]);
        assert_eq!(p.unit.as_deref(), Some("某局"));
        assert_eq!(p.money_unit.as_deref(), Some("元"));
        let p = preamble(&["部门名称：", "某某县财政局"]);
        assert_eq!(p.department.as_deref(), Some("某某县财政局"));
        let p = preamble(&["单位名称：某 局"]);
        assert_eq!(p.unit.as_deref(), Some("某 局"));
    }

    /// A sheet of `rows` data rows under a preamble and a header drawn from `seed`: fill-down
    /// names, blank lines, CRLF, padded cells; with `odd`, now and then a row the flat reader
    /// leaves to the grid (a note, a repeated header, a preamble line, a short or long row, a
    /// quote, a title, a unit alone).
    fn varied_sheet(seed: u64, rows: usize, odd: bool) -> String {
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut text = String::new();
        for line in [
            "2023年度项目支出绩效自评表",
            "部门名称：某某县财政局",
            "单位名称：某中心\t\t金额单位：万元",
            "",
        ] {
            if next(2) == 0 {
                text.push_str(line);
                text.push('\n');
            }
        }
        let with_unit = next(2) == 0;
        let head = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t全年预算数\t全年执行数\t备注";
        let header = if with_unit {
            format!("单位\t{head}")
        } else {
            head.to_owned()
        };
        text.push_str(&header);
        text.push('\n');
        let words = [
            "培训",
            "覆盖率",
            "满意度",
            "完成率",
            "资金",
            "设备",
            "人数",
            "天数",
        ];
        for k in 0..rows {
            let mut cells: Vec<String> = vec![String::new(); 11];
            if next(6) == 0 {
                cells[0] = format!("项目{}", next(40));
            }
            if next(3) == 0 {
                cells[1] = ["产出指标", "效益指标", "满意度指标"][next(3) as usize].to_owned();
            }
            if next(3) == 0 {
                cells[2] = format!("{}指标", words[next(8) as usize]);
            }
            if next(15) != 0 {
                cells[3] = format!("{}{k}", words[next(8) as usize]);
            }
            cells[4] = [
                format!("≥{}%", next(100)),
                format!("{}个", next(50)),
                String::new(),
            ][next(3) as usize]
                .clone();
            if next(4) != 0 {
                cells[5] = format!("{}.{}", next(100), next(10));
            }
            if next(3) == 0 {
                cells[6] = format!("{}", next(20));
            }
            if next(5) == 0 {
                cells[7] = format!("{}分", next(20));
            }
            if next(12) == 0 {
                (cells[8], cells[9]) = (format!("{}.00", next(500)), format!("{}", next(500)));
            }
            if next(7) == 0 {
                cells[6] = "十分".to_owned();
            }
            for c in cells.iter_mut().filter(|c| !c.is_empty()) {
                *c = format!(
                    "{}{c}{}",
                    ["", " ", "\u{3000}", ""][next(4) as usize],
                    ["", " "][next(2) as usize]
                );
            }
            if with_unit {
                let unit = if next(10) == 0 {
                    format!("单位{}", next(3))
                } else {
                    String::new()
                };
                cells.insert(0, unit);
            }
            let mut line = cells.join("\t");
            if odd {
                match next(80) {
                    0 => line = "注：以上为预计数".to_owned(),
                    1 => line = header.clone(),
                    2 => line = "单位名称：另一单位".to_owned(),
                    3 => line = "项目1\t产出指标".to_owned(),
                    4 => line.push_str("\t\t多余"),
                    5 => line = line.replacen('\t', "\t\"引\"", 1),
                    6 => line = format!("\t\t\t2024年绩效自评表{}", "\t".repeat(8)),
                    7 => line = format!("某局{}", "\t".repeat(11)),
                    _ => {}
                }
            }
            if next(6) == 0 {
                line.push('\r');
            }
            if next(30) == 0 {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// A whole text sheet read straight from its text below the header (`flat_sheet`) is the
    /// document the grid reads: units, projects, rows and their places, findings, counts,
    /// preamble. The flat reading is taken for the plain sheets and left for the odd ones.
    #[test]
    fn a_whole_text_sheet_reads_the_same_straight_from_its_text_as_through_the_grid() {
        let (mut flat, mut grid_read) = (0, 0);
        for seed in 0..40u64 {
            let odd = seed % 2 == 1;
            let mut text = varied_sheet(seed, 60 + 40 * seed as usize, odd);
            let name = if seed % 5 == 4 {
                text = text.replace('\t', ",");
                "t.csv"
            } else {
                "t.tsv"
            };
            let grid_of = || {
                let format = format_from_name(name).expect("a text format");
                grid::from_text(name, decode::cr_lines(text.clone()), format, "UTF-8")
                    .expect("a grid")
            };
            // below the header, straight from the text, or walked where the flat reader leaves
            // the rows to the grid (`walked_sheet`): never through the grid's rows held whole
            match flat_sheet(&grid_of()).expect("reads") {
                Some(_) => flat += 1,
                None => grid_read += 1,
            }
            let show = |d: Result<Document, ReadError>| match d {
                Ok(d) => format!(
                    "{:?} {:?} {:?} {:?}\n{:#?}\n{:#?}\n{} {}",
                    d.layout,
                    d.department,
                    d.money_unit,
                    d.total,
                    d.units,
                    d.findings,
                    d.rows_read,
                    d.rows_skipped
                ),
                Err(e) => format!("{e:?}"),
            };
            let by_text = show(build_by(grid_of(), true));
            let by_grid = show(build_by(grid_of(), false));
            assert_eq!(by_text, by_grid, "sheet {seed}");
            assert!(by_text.contains("UnitRow"), "sheet {seed}: {by_text}");
        }
        assert!(flat == 40 && grid_read == 0, "{flat} {grid_read}");
    }

    /// Rows too short for the header held as runs (`grid::PlainRun`), split again where the
    /// layout names them: runs across blank lines (spaces, tabs, a full-width space, CR LF),
    /// broken by a note, a quoted row, a row of the table, a header again, at the end; the
    /// document (findings, their places and order, counts) is the grid's, rows held whole.
    #[test]
    fn rows_too_short_held_as_runs_read_as_the_rows_held_whole() {
        let header = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分";
        let row = |p: usize| format!("项目{p}\t产出指标\t数量指标\t人数\t≥100人\t120人\t10\t10");
        let mut text = format!("{header}\n{}\n", row(0));
        for k in 0..40 {
            let short = ["x", "-", "项目9\t产出指标", " y ", "\u{3000}z"][k % 5];
            text.push_str(&format!(
                "{short}\n{short}\r\n\n\t\t\n \n\u{3000}\n{short}\n"
            ));
            match k % 8 {
                0 => text.push_str("注：说明\n"),
                1 => text.push_str("a\t\"引\"\n"),
                2 => text.push_str(&format!("{}\n", row(k))),
                3 => text.push_str(&format!("{header}\n")),
                4 => text.push_str("单位名称：某单位\n"),
                _ => {}
            }
        }
        text.push_str("last");
        for (name, text) in [("r.tsv", text.clone()), ("r.csv", text.replace('\t', ","))] {
            let grid_of = || {
                let format = format_from_name(name).expect("a text format");
                grid::from_text(name, decode::cr_lines(text.clone()), format, "UTF-8")
                    .expect("a grid")
            };
            assert!(flat_sheet(&grid_of()).expect("reads").is_some(), "{name}");
            let show = |d: Document| {
                let places: Vec<_> = d.findings.iter().map(|f| (f.line, f.column)).collect();
                format!(
                    "{:#?}\n{:#?}\n{places:?}\n{} {}",
                    d.units, d.findings, d.rows_read, d.rows_skipped
                )
            };
            let walked = show(build_by(grid_of(), true).expect("reads"));
            let held = show(build_by(grid_of(), false).expect("reads"));
            assert_eq!(walked, held, "{name}");
            assert!(
                walked.matches("table.row-too-short").count() > 100,
                "{name}"
            );
        }
    }

    #[test]
    fn a_department_with_its_code_is_the_department_as_written() {
        let p = preamble(&["主管部门及编码：123001 某某局"]);
        assert_eq!(p.department.as_deref(), Some("123001 某某局"));
        let p = preamble(&["主管部门及代码：", "[123] 某某县财政局"]);
        assert_eq!(p.department.as_deref(), Some("[123] 某某县财政局"));
        let p = preamble(&["主管部门（及编码）：123001 某某局  单位：万元"]);
        assert_eq!(p.department.as_deref(), Some("123001 某某局"));
        assert_eq!(p.money_unit.as_deref(), Some("万元"));
        let p = preamble(&["单位名称及编码：123001001 某某中心"]);
        assert_eq!(p.unit.as_deref(), Some("123001001 某某中心"));
    }
}
