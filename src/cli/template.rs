//! `jixiao template TABLE`: an actuals file listing every indicator of the table with blank
//! actuals, for the unit to fill at year end.

use std::path::PathBuf;

use crate::eval::actuals_file;
use crate::table::{self, EncodingChoice, ReadOptions};

/// Arguments of `jixiao template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表文件（.tsv .txt .csv .xlsx）
    pub table: PathBuf,
    /// 写入文件而非标准输出
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// 年度
    #[arg(long)]
    pub year: Option<i32>,
    /// 文本文件的编码：auto、utf-8、gbk
    #[arg(long, default_value = "auto")]
    pub encoding: EncodingChoice,
    /// 工作簿中要读取的工作表（默认第一个）
    #[arg(long)]
    pub sheet: Option<String>,
}

pub fn run(args: Args) -> u8 {
    let opts = ReadOptions {
        encoding: args.encoding,
        sheet: args.sheet.clone(),
        format: None,
    };
    let doc = match table::read_path(&args.table, &opts) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            return super::exit::USAGE;
        }
    };
    let text = actuals_file::template(&doc, args.year);
    let result = match &args.output {
        Some(p) => std::fs::write(p, text),
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(text.as_bytes())
        }
    };
    match result {
        Ok(()) => super::exit::OK,
        Err(e) => {
            eprintln!("错误：写出模板失败：{e}");
            super::exit::USAGE
        }
    }
}
