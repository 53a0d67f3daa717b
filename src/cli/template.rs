//! `jixiao template TABLE`: an actuals file listing every indicator of the table with blank
//! actuals, for the unit to fill at year end.

use std::path::PathBuf;

use crate::eval::actuals_file;

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
    #[command(flatten)]
    pub table_args: super::input::TableArgs,
}

pub fn run(args: Args) -> u8 {
    let doc = match args.table_args.read(&args.table) {
        Ok(doc) => doc,
        Err(code) => return code,
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
