//! `jixiao template TABLE`: what a unit fills at year end — an actuals file (YAML) listing every
//! indicator with blank actuals, or (`--format xlsx`, the default when `-o` ends in `.xlsx`) the
//! official 自评表 form per project as a workbook, which `jixiao evaluate` reads back.
//!
//! `-o FILE` never replaces a file that is already there (it may be the filled-in actuals of a
//! year's work) unless `--force` is given; the file is written whole or not at all.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::eval::actuals_file;
use crate::table::model::Counts;

use super::exit;

/// What `jixiao template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateFormat {
    /// 实际值文件（YAML）
    Yaml,
    /// 逐项目的自评表工作簿（填好后直接评价）
    Xlsx,
}

/// Arguments of `jixiao template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表文件，或逐项目的目标申报表
    #[arg(help = crate::table::formats::input_help())]
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
    /// 格式：yaml（实际值文件）或 xlsx（自评表工作簿）；-o 以 .xlsx 结尾时默认 xlsx
    #[arg(long)]
    pub format: Option<TemplateFormat>,
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
    let xlsx =
        super::output_format::resolve(args.format, args.output.as_deref(), TemplateFormat::Yaml)
            == TemplateFormat::Xlsx;
    if !xlsx && let Some(written) = yaml_blocks(&args, &mut out) {
        return done(&args, written, out, false);
    }
    let doc = match args.table_args.read(&args.table) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let year = args.year.or_else(|| doc.form_year());
    let c = doc.counts();
    let written = if xlsx {
        if args.output.is_none() && std::io::stdout().is_terminal() {
            say!(
                "错误：xlsx 是二进制文件，不能写到终端；请用 -o 自评表.xlsx，或把标准输出重定向到文件"
            );
            return exit::USAGE;
        }
        let forms = actuals_file::fill_forms(&doc, year);
        // the forms hold what the workbook needs: the table's memory goes first (issue 27)
        drop(doc);
        match workbook_through_file(&forms) {
            Ok(Ok(file)) => copy_out(file, &mut out),
            Ok(Err(e)) => {
                say!("错误[output.xlsx]：生成自评表工作簿失败：{e}");
                return exit::USAGE;
            }
            Err(e) => Err(e),
        }
    } else {
        actuals_file::write_template(&doc, year, &mut out)
    };
    done(&args, written.map(|()| c), out, xlsx)
}

/// The output closed after the template of `counts` was written (or why not), and, written to
/// a file, where, what it holds and the next step.
fn done(
    args: &Args,
    written: std::io::Result<Counts>,
    out: super::output::Output,
    xlsx: bool,
) -> u8 {
    match written {
        Ok(c) => {
            let code = out.close("模板", exit::OK);
            // written to a file: say where, what it holds and the next step
            if code == exit::OK
                && let Some(path) = args.output.as_deref().filter(|p| p.as_os_str() != "-")
            {
                let (what, next) = if xlsx {
                    (
                        "自评表工作簿（每个项目一张工作表）",
                        format!(
                            "在 Excel 或 WPS 中填写黄色单元格后运行：jixiao evaluate {}",
                            path.display()
                        ),
                    )
                } else {
                    (
                        "实际值文件",
                        format!(
                            "填写每个指标的 actual 后运行：jixiao evaluate {} {}",
                            args.table.display(),
                            path.display()
                        ),
                    )
                };
                say!(
                    "已写入 {}：{} 个项目、{} 个指标的{what}\n下一步：{next}",
                    path.display(),
                    c.projects,
                    c.indicators
                );
            }
            code
        }
        Err(e) => super::output::failed(&e, "模板"),
    }
}

/// The actuals file of a text self-evaluation sheet read a block at a time, never whole
/// (`actuals_file::write_template_blocks`); `None`, nothing written: it is to be read whole.
fn yaml_blocks(args: &Args, out: &mut dyn Write) -> Option<std::io::Result<Counts>> {
    let opts = args.table_args.options();
    if !super::input::blocks_fit(&args.table, &opts) {
        return None;
    }
    let mut open = || match crate::table::stream::open(&args.table, &opts) {
        Ok(crate::table::stream::Opened::Stream(s)) => Some(*s),
        _ => None,
    };
    actuals_file::write_template_blocks(&mut open, args.year, out).transpose()
}

/// The fill-in workbook saved into a temporary file (the zip seeks; the output need not), never
/// gathered whole in memory: `Err` where the file cannot be written, `Ok(Err)` where the
/// workbook cannot be made.
#[allow(clippy::type_complexity)]
fn workbook_through_file(
    forms: &[crate::report_model::FillForm],
) -> std::io::Result<Result<std::fs::File, crate::report::form_workbook::WorkbookError>> {
    let mut file = tempfile::tempfile()?;
    {
        let mut spill = std::io::BufWriter::with_capacity(256 * 1024, &mut file);
        // the packed sheets' parts kept out of memory until the workbook is saved
        let parts = tempfile::tempfile()?;
        if let Err(e) = crate::report::form_workbook::write_workbook(forms, &mut spill, Some(parts))
        {
            return Ok(Err(e));
        }
        // a full disk is an error here, not a short workbook
        spill.flush()?;
    }
    Ok(Ok(file))
}

/// A finished temporary file copied to the output.
fn copy_out(mut file: std::fs::File, out: &mut super::output::Output) -> std::io::Result<()> {
    std::io::Seek::rewind(&mut file)?;
    std::io::copy(&mut file, out).map(|_| ())
}
