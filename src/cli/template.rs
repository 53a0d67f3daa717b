//! `jixiao template TABLE`: an actuals file listing every indicator of the table with blank
//! actuals, for the unit to fill at year end.
//!
//! `-o FILE` never replaces a file that is already there (it may be the filled-in actuals of a
//! year's work) unless `--force` is given; the file is written whole or not at all.

use std::io::Write;
use std::path::PathBuf;

use crate::eval::actuals_file;

use super::exit;

/// Arguments of `jixiao template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表文件（.tsv .txt .csv .xlsx）
    pub table: PathBuf,
    /// 写入文件而非标准输出
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件（它可能是填好的实际值文件）
    #[arg(long)]
    pub force: bool,
    /// 年度
    #[arg(long, value_parser = super::year)]
    pub year: Option<i32>,
    #[command(flatten)]
    pub table_args: super::input::TableArgs,
}

pub fn run(args: Args) -> u8 {
    if let Some(p) = &args.output
        && !args.force
        && std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > 0)
    {
        say!(
            "错误[output.exists]：{} 已存在，可能是已填好的实际值文件，不覆盖它；换一个文件名，或确认后加 --force 覆盖",
            p.display()
        );
        return exit::USAGE;
    }
    let mut out = match super::output::Output::open(args.output.as_deref(), &[&args.table]) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let doc = match args.table_args.read(&args.table) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let text = actuals_file::template(&doc, args.year);
    match out.write_all(text.as_bytes()) {
        Ok(()) => out.close("模板", exit::OK),
        Err(e) => super::output::failed(&e, "模板"),
    }
}
