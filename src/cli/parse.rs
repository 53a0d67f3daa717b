//! `jixiao parse`: read targets, one a line, and print how each reads.

use std::path::PathBuf;

/// Arguments of `jixiao parse`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 输入文件；省略或为 `-` 时读标准输入
    pub files: Vec<PathBuf>,
}

pub fn run(_args: Args) -> u8 {
    super::exit::USAGE
}
