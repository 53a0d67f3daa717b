//! `jixiao inspect TABLE`: the tree a table reads as, with counts, and its findings.
//!
//! `--format table` (default) prints the tree aligned by display width, then a one-line list of
//! findings; the full diagnostics (with labels under the characters) go to stderr. `--format
//! json` prints the findings JSON of contract §3 only. Exit 0 when the table was read and printed, 2
//! when not.

use std::path::{Path, PathBuf};

use crate::table::view;

/// Output format of `inspect` (the web API takes the same: it lives below both doors).
pub use crate::table::view::InspectFormat as OutputFormat;

/// Arguments of `jixiao inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表、自评表或逐项目表单的文件
    #[arg(required = true, help = crate::table::formats::input_help())]
    pub tables: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// 年度：表中有两个年度的实际完成值列（2022年完成值、2023年完成值）时读这一年的，与 evaluate 相同
    #[arg(long, value_parser = super::year)]
    pub year: Option<i32>,
    #[command(flatten)]
    pub table_args: super::input::TableArgs,
    #[command(flatten)]
    pub pile: super::pile::PileArgs,
    /// 只说明 evaluate --format jsonl/csv 如何读取此表：按块流式读取（内存不随行数增长），或整表读取及原因
    #[arg(long)]
    pub reading: bool,
}

pub fn run(mut args: Args) -> u8 {
    args.table_args.year = args.year;
    if args.reading {
        let [table] = args.tables.as_slice() else {
            say!("错误：--reading 只说明一个表格文件的读取方式");
            return super::exit::USAGE;
        };
        return super::reading::run(&args, table);
    }
    // several files, folders or archives: each table's tree (`cli::pile`)
    let opts = args.table_args.options();
    let read = match super::pile::plan(&args.tables, &args.pile, &opts, true) {
        super::pile::Plan::Pile(sorted) => return super::pile::inspect(&args, *sorted),
        // a folder read once: its table (or why there is none)
        super::pile::Plan::Single(folder) => folder.map(|f| f.table.map(|(_, doc)| doc)),
    };
    let [table] = args.tables.as_slice() else {
        return super::exit::USAGE;
    };
    let doc = match read {
        Some(Some(doc)) => doc,
        _ if let Some(code) = blocks(&args, table) => return code,
        _ => match args.table_args.read(table) {
            Ok(doc) => doc,
            Err(code) => return code,
        },
    };
    show(&args, doc)
}

/// A text self-evaluation sheet's tree or findings, read a block at a time
/// (`table::blockwise`: the table never held whole, issue 27); `None`, nothing said: it is to
/// be read whole (no such sheet, too small or too large, see `table::blockwise::fits`, or what the blocks could
/// show otherwise). The same bytes as the whole table's.
fn blocks(args: &Args, table: &Path) -> Option<u8> {
    let opts = args.table_args.options();
    if !super::input::blocks_fit(table, &opts) {
        return None;
    }
    let mut open = || match crate::table::stream::open(table, &opts) {
        Ok(crate::table::stream::Opened::Stream(s)) => Some(*s),
        _ => None,
    };
    let mut out = super::output::Printer::new();
    match args.format {
        OutputFormat::Json => out.line(view::findings_json_blocks(open()?, None)?),
        OutputFormat::Table => match view::tree_blocks_to(&mut open, None, &mut out) {
            Ok(true) => {}
            Ok(false) => return None,
            // a write that failed is the printer's to say; the file changed between the walks
            Err(e) => {
                return Some(match out.close(super::exit::OK) {
                    super::exit::OK => super::output::failed(&e, "结果"),
                    code => code,
                });
            }
        },
    }
    Some(out.close(super::exit::OK))
}

/// One table's tree or findings, written as they are made (issue 27: a form of 96,000 `其中`
/// rows gathered its 192,000 diagnostics, then its tree, each whole in one `String`).
fn show(args: &Args, doc: crate::table::model::Document) -> u8 {
    let mut out = super::output::Printer::new();
    // a write that fails is kept by the printer, which says so on close
    let _ = match args.format {
        OutputFormat::Json => view::findings_json_to(&doc, &mut out),
        OutputFormat::Table => {
            let mut diagnostics = super::Diagnostics::new();
            for f in &doc.findings {
                diagnostics.show(f, &doc.source);
            }
            diagnostics.finish("");
            view::tree_to(&doc, &mut out)
        }
    };
    // a write error (a full disk, a closed pipe) is exit 2, never a silent 0
    out.close(super::exit::OK)
}
