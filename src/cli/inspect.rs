//! `jixiao inspect TABLE`: the tree a table reads as, and its integrity findings.

use std::path::PathBuf;

/// Arguments of `jixiao inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表或自评表文件（.tsv .txt .csv .xlsx）
    pub table: PathBuf,
}

pub fn run(_args: Args) -> u8 {
    eprintln!("inspect: not built yet");
    super::exit::USAGE
}
