//! `jixiao inspect TABLE --reading`: how `evaluate --format jsonl` / `csv` reads the table,
//! a block at a time (streamed, memory flat in the rows) or whole (memory growing with the
//! rows), and why (issue 28). A text self-evaluation sheet is streamed where
//! `table::stream::open` opens it; an `.xlsx` is read whole, and the first pass over its sheet
//! (`table::formats::xlsx_flat`) says whether it is certainly flat, and if not, the first
//! reason; a flat sheet is still read whole (the streamed workbook reader is not built), and
//! this says so rather than let a user believe its memory flat.

use std::path::Path;

use crate::table::formats::xlsx_flat::{self, NotFlat};
use crate::table::model::Layout;
use crate::table::stream::{Opened, open};

/// The reading `evaluate` gives a table, with its stable code and its reason.
enum Reading {
    /// Read, evaluated and written a block at a time.
    Streamed,
    /// A text input not opened in blocks.
    TextWhole,
    /// A workbook not certainly flat.
    NotFlat(NotFlat),
    /// A workbook's flat sheet that does not read as a self-evaluation table.
    NotSelfEvaluation(&'static str),
    /// A workbook's sheet certainly flat, still read whole.
    FlatBook(xlsx_flat::Flat),
}

impl Reading {
    fn streamed(&self) -> bool {
        matches!(self, Reading::Streamed)
    }

    fn code(&self) -> &'static str {
        match self {
            Reading::Streamed => "read.streamed",
            Reading::TextWhole => "read.whole.text",
            Reading::NotFlat(why) => why.code(),
            Reading::NotSelfEvaluation(_) => "read.whole.not-self-evaluation",
            Reading::FlatBook(_) => "read.whole.book-not-streamed",
        }
    }

    fn reason(&self) -> String {
        match self {
            Reading::Streamed => "文本自评表：按块读取、评价、写出，内存不随行数增长".to_owned(),
            Reading::TextWhole => "不是可按块读取的文本自评表（目标表、UTF-16、仅以回车分行、\
                                   开头找不到表头，或用了 --columns 等），整表读取"
                .to_owned(),
            Reading::NotFlat(why) => why.to_string(),
            Reading::NotSelfEvaluation(layout) => {
                format!("读作{layout}，不是一行一个指标的平表自评表")
            }
            Reading::FlatBook(f) => format!(
                "工作表「{}」是平表（宽 {} 列，表头从第 {} 行起），但工作簿的按块读取尚未实现\
                 （issue 28）：整表读取，内存随行数增长",
                f.sheet,
                f.width,
                f.header_row + 1
            ),
        }
    }
}

/// Prints how `evaluate --format jsonl` / `csv` reads `table` (module docs): exit 0, or the
/// reader's error and 2 where a workbook cannot be read at all.
pub(super) fn run(args: &super::inspect::Args, table: &Path) -> u8 {
    let reading = match decide(args, table) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut out = super::output::Printer::new();
    let path = if reading.streamed() {
        "streamed"
    } else {
        "whole"
    };
    match args.format {
        super::inspect::OutputFormat::Json => out.line(
            serde_json::json!({
                "file": table.display().to_string(),
                "reading": path,
                "code": reading.code(),
                "reason": reading.reason(),
            })
            .to_string(),
        ),
        super::inspect::OutputFormat::Table => {
            let how = if reading.streamed() {
                "按块流式读取"
            } else {
                "整表读取"
            };
            out.line(format!("读取方式：{how}（{}）", reading.code()));
            out.line(format!("原因：{}", reading.reason()));
        }
    }
    out.close(super::exit::OK)
}

/// The reading of `table` (module docs).
fn decide(args: &super::inspect::Args, table: &Path) -> Result<Reading, u8> {
    let opts = args.table_args.options();
    let format = opts
        .format
        .or_else(|| crate::table::formats::asked_by_name(&table.display().to_string()));
    if format.is_none_or(|f| f.is_text()) {
        return match open(table, &opts) {
            Ok(Opened::Stream(_)) => Ok(Reading::Streamed),
            Ok(Opened::Whole) => Ok(Reading::TextWhole),
            Err(e) => {
                super::show(&e);
                Err(super::exit::USAGE)
            }
        };
    }
    // the workbook read whole first: its guards met, its layout known
    let doc = args.table_args.read(table)?;
    let bytes = std::fs::read(table).map_err(|e| {
        super::show(&crate::table::ReadError::Io {
            name: table.display().to_string(),
            source: e,
        });
        super::exit::USAGE
    })?;
    // the layout first: a form or a target table is read whole whatever its cells
    match doc.layout {
        Layout::SelfEvaluation => {}
        Layout::TargetTable => return Ok(Reading::NotSelfEvaluation("项目支出绩效目标表")),
        Layout::Forms => {
            return Ok(Reading::NotSelfEvaluation(
                "逐项目表单（自评表/目标申报表）",
            ));
        }
    }
    drop(doc);
    Ok(match xlsx_flat::first_pass(&bytes, opts.sheet.as_deref()) {
        Ok(flat) => Reading::FlatBook(flat),
        Err(why) => Reading::NotFlat(why),
    })
}
