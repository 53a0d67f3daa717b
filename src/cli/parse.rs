//! `jixiao parse`: read targets, one a line (`target` or `indicator<TAB>target`), from files or
//! stdin, and print how each reads — every line answered, in input order.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use crate::lang;

use super::exit;

/// Output formats of `jixiao parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ParseFormat {
    /// 对齐的文本表
    Table,
    /// 每行一个 JSON 对象（contract §3）
    Jsonl,
}

/// Arguments of `jixiao parse`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 输入文件；省略或为 `-` 时读标准输入
    pub files: Vec<PathBuf>,
    /// 输出格式（不写时按 -o 文件的扩展名：.jsonl 为 jsonl；其余为 table）
    #[arg(long = "format", value_name = "FORMAT", value_enum)]
    pub format_asked: Option<ParseFormat>,
    /// The format written: `--format`, else the output's extension, else `table` (`run`).
    #[arg(skip = ParseFormat::Table)]
    pub format: ParseFormat,
    /// 指标值未写年份时所用的年度（如 2023）
    #[arg(long, value_parser = super::year)]
    pub year: Option<i32>,
    /// 写入文件而非标准输出
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rules: super::rules::RuleArgs,
    /// 说明每个由规则决定的部分来自哪条规则（规则文件:行）
    #[arg(long)]
    pub explain: bool,
}

struct Printer<'r, W: Write> {
    out: W,
    rules: &'r crate::rules::RuleSet,
    /// The rules' directions of bare values, each question answered once.
    directions: lang::direction::Memo<'r>,
    explain: bool,
    format: ParseFormat,
    table: crate::report::text_table::TextTable,
    year: Option<i32>,
    /// One JSON line being built.
    buf: Vec<u8>,
    /// JSON lines not yet handed to `out` (the plain `jsonl` path): written
    /// [`PENDING`] bytes at a time, not a call and a copy a line.
    pending: Vec<u8>,
    /// A canonical form or a number being written into `buf`.
    scratch: String,
    /// The line being answered, read into in place (not moved out a line).
    parsed: lang::Parsed,
}

/// How many bytes of JSON lines are gathered before they are handed to the output.
const PENDING: usize = 64 * 1024;

impl<W: Write> Printer<'_, W> {
    fn line(&mut self, number: usize, text: &str) -> io::Result<()> {
        let (indicator, target_text) = lang::record::split_line(text);
        lang::record::parse_line_into(
            indicator,
            target_text,
            &self.directions,
            self.year,
            &mut self.parsed,
        );
        let parsed = &self.parsed;
        if self.format == ParseFormat::Jsonl && !self.explain {
            // Written straight from the parse into a reused buffer (no `Record`, no `String` a
            // field; serde's many small writes through `Output` cost more than the parse),
            // and to the output a few hundred lines at a time.
            lang::record::write_parsed_json(
                &mut self.pending,
                &mut self.scratch,
                number,
                indicator,
                target_text,
                parsed,
            );
            self.pending.push(b'\n');
            if self.pending.len() >= PENDING {
                return self.flush_pending();
            }
            return Ok(());
        }
        self.line_other(number, indicator, target_text)
    }

    /// [`Printer::line`] for the aligned table and `--explain` (out of line: the plain
    /// `jsonl` path above is what the parse hot section holds, `src/lang/mod.rs`).
    #[cold]
    #[inline(never)]
    fn line_other(
        &mut self,
        number: usize,
        indicator: Option<&str>,
        target_text: &str,
    ) -> io::Result<()> {
        let parsed = &self.parsed;
        let record = lang::record::Record::new(number, indicator, target_text, parsed);
        // `--explain`: where the rule that decided the operator was written.
        let rule_at = match (&parsed.provenance.op, self.explain) {
            (Some(lang::Origin::Rule(id)), true) => self
                .rules
                .rule(id)
                .map(|r| format!("{}:{}", r.rref.file, r.rref.line)),
            _ => None,
        };
        match self.format {
            ParseFormat::Jsonl => {
                self.buf.clear();
                record.write_json(&mut self.buf);
                if let Some(at) = &rule_at {
                    // The record's fields keep their order; the location goes last.
                    self.buf.pop();
                    self.buf.extend_from_slice(b",\"op_rule_at\":");
                    crate::json_text::string(&mut self.buf, at);
                    self.buf.push(b'}');
                }
                self.buf.push(b'\n');
                self.out.write_all(&self.buf)
            }
            ParseFormat::Table => {
                self.table.row([
                    number.to_string(),
                    indicator.unwrap_or("").to_owned(),
                    target_text.to_owned(),
                    kind_zh(record.kind).to_owned(),
                    record
                        .canonical
                        .clone()
                        .or(record.message.map(str::to_owned))
                        .unwrap_or_default(),
                    // `运算符：规则 default.direction.rate（rules/direction.yaml:12）；单位：原文`
                    [
                        parsed.provenance.op.as_ref().map(|o| {
                            let at = rule_at.map(|at| format!("（{at}）")).unwrap_or_default();
                            format!("运算符：{}{at}", o.zh())
                        }),
                        parsed
                            .provenance
                            .unit
                            .as_ref()
                            .map(|o| format!("单位：{}", o.zh())),
                        record.qualifier.map(|q| format!("限定词：{q}")),
                        record.distributive.map(|d| format!("对各项分别适用：{d}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("；"),
                ]);
                Ok(())
            }
        }
    }
}

impl<W: Write> Printer<'_, W> {
    /// Hands the JSON lines gathered so far to the output.
    fn flush_pending(&mut self) -> io::Result<()> {
        let written = self.out.write_all(&self.pending);
        self.pending.clear();
        written
    }
}

/// The Chinese name of a target kind.
pub fn kind_zh(kind: &str) -> &'static str {
    match kind {
        "compare" => "比较",
        "range" => "区间",
        "approximate" => "约数",
        "boolean" => "是否",
        "plan" => "计划",
        "deadline" => "时限",
        "relative" => "相对",
        "qualitative" => "定性",
        "empty" => "空",
        _ => "错误",
    }
}

/// Why reading stopped.
enum Stop {
    Read(io::Error),
    Write(io::Error),
    /// A line longer than [`crate::limits::LINE`], at this line number.
    LongLine(usize),
    /// More than [`crate::limits::INPUT`] in all for the aligned table (held until the end).
    TooMuch,
}

/// Every line of `input`, each within the line limit; for `--format table` (which holds every
/// row until the end) the whole input within the input limit. A pipe, FIFO or `/dev/zero` is
/// refused at the limit instead of read until memory runs out. Lines are read a buffer at a
/// time ([`lang::lines`]).
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn read_all<W: Write>(
    printer: &mut Printer<'_, W>,
    input: &mut dyn Read,
    total: &mut u64,
) -> Result<(), Stop> {
    let mut lines = lang::lines::Lines::new(input, crate::limits::LINE.get());
    loop {
        let line = match lines.next() {
            Ok(Some(line)) => line,
            Ok(None) => return Ok(()),
            Err(lang::lines::LineError::Read(e)) => return Err(Stop::Read(e)),
            Err(lang::lines::LineError::TooLong(n)) => return Err(Stop::LongLine(n)),
        };
        *total += line.bytes as u64;
        if printer.format == ParseFormat::Table && *total > crate::limits::INPUT.get() {
            return Err(Stop::TooMuch);
        }
        printer.line(line.number, &line.text).map_err(Stop::Write)?;
    }
}

pub fn run(mut args: Args) -> u8 {
    args.format = super::output_format::resolve(
        args.format_asked,
        args.output.as_deref(),
        ParseFormat::Table,
    );
    let rules = match args.rules.load() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let inputs: Vec<&std::path::Path> = files
        .iter()
        .chain(&args.rules.rules)
        .map(PathBuf::as_path)
        .collect();
    let out = match super::output::Output::open(args.output.as_deref(), &inputs) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut printer = Printer {
        out,
        rules: &rules,
        directions: lang::direction::Memo::new(&*rules),
        explain: args.explain,
        format: args.format,
        table: crate::report::text_table::TextTable::new([
            "行",
            "指标",
            "指标值",
            "类型",
            "规范式",
            "来源",
        ]),
        year: args.year,
        buf: Vec::with_capacity(512),
        pending: Vec::with_capacity(PENDING + 4096),
        scratch: String::with_capacity(64),
        parsed: lang::Parsed::empty(),
    };
    let mut total = 0;
    for path in &files {
        let result = if path.as_os_str() == "-" {
            read_all(&mut printer, &mut io::stdin().lock(), &mut total)
        } else {
            match std::fs::File::open(path) {
                Ok(mut f) => read_all(&mut printer, &mut f, &mut total),
                Err(e) => {
                    say!(
                        "错误：无法读取 {}：{}",
                        path.display(),
                        crate::diagnostic::io_reason(&e)
                    );
                    return exit::USAGE;
                }
            }
        };
        // the lines read before a stop are written before it is told, as one at a time did
        let result = match (result, printer.flush_pending()) {
            (Err(Stop::Write(e)), _) | (_, Err(e)) => Err(Stop::Write(e)),
            (result, Ok(())) => result,
        };
        match result {
            Ok(()) => {}
            Err(Stop::Write(e)) => return super::output::failed(&e, "结果"),
            Err(Stop::Read(e)) => {
                say!(
                    "错误：读取 {} 时出错：{}",
                    path.display(),
                    crate::diagnostic::io_reason(&e)
                );
                return exit::USAGE;
            }
            Err(Stop::LongLine(n)) => {
                say!(
                    "错误[input.line-too-long]：{} 第 {n} 行超过{}的上限 {}\n  帮助：{}",
                    path.display(),
                    crate::limits::LINE.what,
                    crate::limits::LINE.shown(),
                    crate::limits::LINE.help()
                );
                return exit::USAGE;
            }
            Err(Stop::TooMuch) => {
                say!(
                    "错误[input.too-large]：输入超过{}的上限 {}（表格格式要读完才能对齐；--format jsonl 逐行输出，不受此限）\n  帮助：{}",
                    crate::limits::INPUT.what,
                    crate::limits::INPUT.shown(),
                    crate::limits::INPUT.help()
                );
                return exit::USAGE;
            }
        }
    }
    // directions past the budget of tries: the readings are incomplete (the output is dropped)
    if let Err(code) = super::rules::tries_checked(&rules) {
        return code;
    }
    if printer.format == ParseFormat::Table {
        let text = printer.table.render();
        if let Err(e) = printer.out.write_all(text.as_bytes()) {
            return super::output::failed(&e, "结果");
        }
    }
    printer.out.close("结果", exit::OK)
}
