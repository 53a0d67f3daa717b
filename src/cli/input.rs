//! The table options every verb shares (`--encoding`, `--sheet`) and reading a table with them:
//! a table that cannot be read is reported through miette on stderr and ends the run with 2.

use std::path::Path;

use crate::table::{EncodingChoice, ReadOptions, model::Document};

/// `--encoding` and `--sheet`.
#[derive(Debug, Clone, clap::Args)]
pub struct TableArgs {
    /// 文本文件的编码：auto、utf-8、gbk
    #[arg(long, default_value = "auto")]
    pub encoding: EncodingChoice,
    /// 工作簿中要读取的工作表（默认读取每一张有表格或表单的工作表）
    #[arg(long)]
    pub sheet: Option<String>,
    /// 列名对应：哪一列是哪一列，例如 年度指标值=年度数值,实际完成值=完成情况
    #[arg(long, value_name = "列名=表头列名,…")]
    pub columns: Option<crate::table::columns::ColumnMap>,
    /// The budget year the verb was asked for (`evaluate --year`; not a flag of its own here).
    #[arg(skip)]
    pub year: Option<i32>,
}

impl TableArgs {
    /// The reader's options these flags give.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            sheet: self.sheet.clone(),
            format: None,
            columns: self.columns.clone().unwrap_or_default(),
            page_folder: None,
            year: self.year,
        }
    }

    /// Read a table, or report why not (the exit code to end with).
    pub fn read(&self, path: &Path) -> Result<Document, u8> {
        if path.is_dir() {
            not_files(path);
        }
        crate::inputs::read_path(path, &self.options()).map_err(|e| {
            super::show(&e);
            super::exit::USAGE
        })
    }
}

/// The entries of a folder read for its table (`jixiao template FOLDER`) that are no regular
/// file (a FIFO, a socket, a device, a broken link), named on stderr as `pile.not-a-file`
/// warnings, never opened: `evaluate`, `inspect` and `review` name them through the pile's
/// gathering, and `template` passed over them without a word.
fn not_files(dir: &Path) {
    let mut paths = crate::inputs::candidates(dir).unwrap_or_default();
    paths.sort();
    for p in paths {
        if let Some(kind) = crate::pile::gather::not_a_file(&p) {
            super::show(&crate::pile::Refusal::NotAFile {
                name: p.display().to_string(),
                kind,
            });
        }
    }
}

/// Whether the table at `path` is to be tried in blocks (`table::blockwise::fits`): a regular
/// file (a pipe or a device is read once, whole) of a size that fits, its cells within the
/// limit.
pub(super) fn blocks_fit(path: &Path, opts: &crate::table::ReadOptions) -> bool {
    use crate::table::blockwise;
    crate::bounded::is_regular_file(path)
        && std::fs::metadata(path).is_ok_and(|m| blockwise::fits(m.len(), opts))
        && blockwise::file_cells_fit(path)
}
