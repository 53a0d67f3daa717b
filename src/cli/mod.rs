//! The command line: argument parsing and wiring only. Each verb has its own module that reads
//! inputs through the library, and renders through it; nothing here decides a value.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `eprintln!` that never panics: a message to a closed stderr (`2>&1 | head -1`) is dropped,
/// as the report to a closed stdout is. Control characters in it (a file or archive entry
/// named with ESC, a unit name from a table) are shown as pictures ([`output::visible`]): a
/// message must not set the terminal's title, clear it or write its clipboard.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut text = format!($($arg)*);
        text.push('\n');
        let _ = std::io::stderr().write_all(&crate::diagnostic::visible(text.as_bytes()));
    }};
}

/// `eprint!` that never panics (see `say!`), written as it is: for text whose colours are its
/// own (a diagnostic rendered for a terminal shows the input's control characters visibly
/// itself, `crate::diagnostic`).
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

mod console;
mod evaluate;
mod input;
pub(crate) mod inspect;
pub(crate) mod output;
mod output_format;
pub use output::file_size_limit_is_an_error;
mod parse;
mod pile;
mod reading;
pub(crate) mod review;
mod rules;
mod serve;
mod template;
mod usage_error;

/// jixiao（绩效）：读取、审核并评分预算绩效指标。
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    long_about = None,
    after_help = "不带任何参数运行 jixiao（如在资源管理器中双击）：在本机启动网页（jixiao serve）并用浏览器打开。"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 解析指标值：每行一个 `指标值` 或 `指标名<TAB>指标值`，逐行给出读取结果
    Parse(parse::Args),
    /// 查看目标表：单位 → 项目 → 指标的树，以及金额勾稽检查
    Inspect(inspect::Args),
    /// 生成实际值文件模板：列出目标表的每个指标，实际值留空
    Template(template::Args),
    /// 评价打分：目标表 + 实际值 → 绩效自评表
    Evaluate(evaluate::Args),
    /// 绩效目标审核：标出写得不好的指标，给出代码、级别、位置和修改建议
    Review(review::Args),
    /// 规则文件：check 检查、list 列出生效规则、test 运行规则测试
    Rules(rules::Args),
    /// 本机网页与 HTTP 接口：拖入表格，查看审核与评分，下载报告
    Serve(serve::Args),
}

/// `--year` and the years it accepts: below both doors ([`crate::years`]), so the page reads
/// the year as the command line does without importing it.
pub use crate::years::{YEARS, parse as year};

/// Exit codes of contract §3.
pub mod exit {
    /// The run finished.
    pub const OK: u8 = 0;
    /// The run finished but a `--deny` condition was met.
    pub const DENIED: u8 = 1;
    /// Bad usage, or input that stopped the run.
    pub const USAGE: u8 = 2;
    /// Several files were given and some could not be read: they are listed with their
    /// reasons, the rest was read and reported (issue 26).
    pub const UNREAD: u8 = 3;
}

/// The command line as clap builds it, its help in Chinese: the usage line, the headings of
/// commands, arguments and options, and the help and version flags (flag names stay English).
pub fn command() -> clap::Command {
    usage_in_chinese(localise(<Cli as clap::CommandFactory>::command()))
}

/// The Chinese placeholder of an argument's value in usage lines and help (`<目标表>`), by
/// clap's name for it; a name not listed is kept.
fn placeholder(name: &str) -> Option<&'static str> {
    Some(match name {
        "INPUTS" => "输入",
        "TABLE" | "TABLES" => "目标表",
        "FORMAT" => "格式",
        "OUTPUT" | "FILE" | "FILES" => "文件",
        "YEAR" => "年度",
        "DENY" | "CODE" => "代码",
        "ENCODING" => "编码",
        "SHEET" => "工作表",
        "ADDR" => "地址",
        "PORT" => "端口",
        "N" | "MAX_WORK" | "MAX_QUEUE" | "MAX_CONNECTIONS" => "个数",
        "TIMEOUT" | "HEADER_TIMEOUT" => "秒数",
        "MAX_UPLOAD_MB" | "MAX_ANSWER_MB" | "MAX_WORK_MEMORY_MB" => "兆字节",
        _ => return None,
    })
}

/// Usage lines in Chinese: clap writes `[OPTIONS]` into each generated usage, which is
/// replaced by `[选项]` (the rest of the line is clap's, with [`placeholder`]s).
fn usage_in_chinese(mut cmd: clap::Command) -> clap::Command {
    cmd.build();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let usage = cmd.render_usage().to_string();
    if let Some(line) = usage.lines().next()
        && line.contains("[OPTIONS]")
    {
        let line = line
            .trim_start_matches("Usage:")
            .trim()
            .replace("[OPTIONS]", "[选项]");
        cmd = cmd.override_usage(line);
    }
    for name in names {
        cmd = cmd.mut_subcommand(name, usage_in_chinese);
    }
    cmd
}

fn localise(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let has_version = cmd.get_version().is_some();
    let mut cmd = cmd
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // clap names a value after its argument in capitals (`<INPUTS>`)
            let named = match a.get_value_names() {
                Some([one]) => placeholder(one.as_str()),
                None if a.get_action().takes_values() => {
                    placeholder(&a.get_id().as_str().to_uppercase())
                }
                _ => None,
            };
            let a = match named {
                Some(name) => a.value_name(name),
                None => a,
            };
            values_in_chinese(a.help_heading(heading))
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if has_version {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    cmd.mut_subcommands(localise)
}

/// An option's possible values and default in Chinese, in its own help text (clap writes
/// `Possible values:` and `[default: …]`): `-h` lists the values, `--help` each with its meaning.
fn values_in_chinese(a: clap::Arg) -> clap::Arg {
    use clap::ArgAction;
    if !matches!(a.get_action(), ArgAction::Set | ArgAction::Append) {
        return a;
    }
    let values: Vec<clap::builder::PossibleValue> = if a.is_hide_possible_values_set() {
        Vec::new()
    } else {
        a.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    };
    let defaults: Vec<String> = if a.is_hide_default_value_set() {
        Vec::new()
    } else {
        a.get_default_values()
            .iter()
            .map(|d| d.to_string_lossy().into_owned())
            .collect()
    };
    if values.is_empty() && defaults.is_empty() {
        return a;
    }
    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let mut short = Vec::new();
    let mut long = String::new();
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        short.push(format!("可选：{}", names.join("、")));
        long.push_str("\n\n可选值：");
        for v in &values {
            match v.get_help() {
                Some(h) => long.push_str(&format!("\n- {}：{h}", v.get_name())),
                None => long.push_str(&format!("\n- {}", v.get_name())),
            }
        }
    }
    if !defaults.is_empty() {
        short.push(format!("默认：{}", defaults.join(" ")));
        long.push_str(&format!("\n\n默认：{}", defaults.join(" ")));
    }
    let short = format!("{help}（{}）", short.join("；"));
    let long = format!("{help}{long}");
    a.hide_possible_values(true)
        .hide_default_value(true)
        .help(short)
        .long_help(long)
}

/// A diagnostic that stopped the run, to stderr (colour on a terminal), in Chinese
/// ([`crate::diagnostic`]).
fn show(d: &dyn miette::Diagnostic) {
    say_raw!("{}", crate::diagnostic::render(d, console::colour()));
}

/// Bytes of rendered diagnostics gathered before they are written to stderr.
const SHOWN_AT_ONCE: usize = 64 * 1024;

/// A table's findings to stderr as rendered diagnostics, written about every
/// [`SHOWN_AT_ONCE`] bytes, whole diagnostics at a time: 192 000 of a form's are 76 MB of
/// text, which was gathered whole (a `String` grown by doubling: 128 MB and the copy) before
/// a byte was written (issue 27, the eighth probe's 其中 form).
struct Diagnostics {
    handler: miette::GraphicalReportHandler,
    text: String,
}

impl Diagnostics {
    fn new() -> Diagnostics {
        Diagnostics {
            handler: crate::diagnostic::handler(console::colour()),
            text: String::new(),
        }
    }

    /// `f`'s diagnostic over `source`.
    fn show(&mut self, f: &crate::finding::Finding, source: &crate::source::SourceText) {
        crate::diagnostic::render_into(&mut self.text, &self.handler, &f.diagnostic(source));
        if self.text.len() >= SHOWN_AT_ONCE {
            say_raw!("{}", self.text);
            self.text.clear();
        }
    }

    /// What is left, and `last` after it.
    fn finish(mut self, last: &str) {
        self.text.push_str(last);
        say_raw!("{}", self.text);
    }
}

/// clap's own help shown for a missing command (`jixiao` alone): already Chinese, kept.
fn is_help(e: &clap::Error) -> bool {
    matches!(
        e.kind(),
        clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    console::prepare();
    // no arguments at all (a double-click): the page, on a free port, in the browser
    if std::env::args_os().len() <= 1 {
        let parsed = command()
            .try_get_matches_from(serve::BARE)
            .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
        if let Ok(Cli {
            command: Command::Serve(args),
        }) = parsed
        {
            return ExitCode::from(serve::run_bare(args));
        }
    }
    let parsed = command()
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && !is_help(&e) => {
            // as typed, a name that is not Unicode shown with U+FFFD (never a panic)
            let typed: Vec<String> = std::env::args_os()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            // the argument as typed may hold control characters: shown visibly
            say_raw!(
                "{}",
                String::from_utf8_lossy(&crate::diagnostic::visible(
                    usage_error::message(&e, &typed).as_bytes()
                ))
            );
            return ExitCode::from(exit::USAGE);
        }
        Err(e) => {
            // help and version go to stdout: one that cannot be written (a full disk, a closed
            // pipe) ends the run with exit 2 and says why, as a report would
            let printed = e.print().and_then(|()| {
                use std::io::Write as _;
                std::io::stdout().flush()
            });
            if let Err(io) = printed
                && !e.use_stderr()
            {
                let what = match e.kind() {
                    clap::error::ErrorKind::DisplayVersion => "版本号",
                    _ => "帮助",
                };
                return ExitCode::from(output::failed(&io, what));
            }
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let code = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Template(args) => template::run(args),
        Command::Evaluate(args) => evaluate::run(args),
        Command::Review(args) => review::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Serve(args) => serve::run(args),
    };
    ExitCode::from(code)
}
