//! `jixiao review FILE…`: the target-quality review (绩效目标审核) of target tables and
//! self-evaluation sheets: findings with codes, severities, the exact characters underlined and a
//! help line; `--explain CODE` prints a check's documentation, or a rule's for the codes of
//! `require:` rules.

use std::path::PathBuf;

use crate::finding::Severity;
use crate::review::{self, render};

use super::exit;

/// Output formats of `review` (the web API takes the same: it lives below both doors).
pub use crate::review::render::ReviewFormat;

/// What `--deny` stops on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DenySeverity {
    /// 存在错误级别的问题
    Error,
    /// 存在警告或错误级别的问题
    Warning,
}

/// Arguments of `jixiao review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表、自评表或逐项目表单的文件
    #[arg(required_unless_present = "explain", help = crate::table::formats::input_help())]
    pub files: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = ReviewFormat::Human)]
    pub format: ReviewFormat,
    /// 出现该级别（或更严重）的问题时以退出码 1 结束
    #[arg(long, value_enum)]
    pub deny: Option<DenySeverity>,
    /// 打印某个检查代码的说明
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
    /// 年度（用于未写年份的时限）
    #[arg(long, value_parser = super::year)]
    pub year: Option<i32>,
    #[command(flatten)]
    pub table_args: super::input::TableArgs,
    #[command(flatten)]
    pub rules: super::rules::RuleArgs,
    #[command(flatten)]
    pub pile: super::pile::PileArgs,
}

fn explain(code: &str, rules: &crate::rules::RuleSet) -> u8 {
    match review::explain_code(code, rules) {
        Some(explanation) => {
            let mut out = super::output::Printer::new();
            out.print(explanation.text());
            out.close(exit::OK)
        }
        None => {
            say!("错误：没有检查代码 {code}。可用的代码：");
            for (code, title) in review::codes(rules) {
                say!("  {code}  {title}");
            }
            exit::USAGE
        }
    }
}

pub fn run(mut args: Args) -> u8 {
    // of two years' actual columns, the year asked is read, as `evaluate` reads it
    args.table_args.year = args.year;
    // rules first: `--explain` knows the codes of the rules' own checks too
    let rules = match args.rules.load() {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(code) = &args.explain {
        return explain(code, &rules);
    }
    let mut out = super::output::Printer::new();
    let mut worst: Option<Severity> = None;
    // a pile (`cli::pile`): every table reviewed, the files not read listed, the run goes on
    let (docs, unread) =
        match super::pile::plan(&args.files, &args.pile, &args.table_args.options(), false) {
            super::pile::Plan::Pile(sorted) => {
                let (forms, unread) = super::pile::review_forms(*sorted);
                (forms.into_iter().map(|f| Ok(f.doc)).collect(), unread)
            }
            // a folder read once: its table in place of the folder
            super::pile::Plan::Single(Some(folder)) if folder.table.is_some() => {
                let mut doc = folder.table.map(|(_, doc)| doc);
                let docs = args
                    .files
                    .iter()
                    .filter_map(|f| {
                        if f.is_dir() {
                            doc.take().map(Ok)
                        } else {
                            Some(Err(f))
                        }
                    })
                    .collect::<Vec<_>>();
                (docs, false)
            }
            super::pile::Plan::Single(_) => (args.files.iter().map(Err).collect::<Vec<_>>(), false),
        };
    for item in docs {
        let doc = match item {
            Ok(doc) => doc,
            Err(path) => match blocks(&args, path, &rules, &mut out) {
                Ok(Some(w)) => {
                    if let Err(code) = super::rules::tries_checked(&rules) {
                        return code;
                    }
                    worst = match (worst, w) {
                        (Some(a), Some(b)) if rank(a) < rank(b) => Some(b),
                        (None, b) => b,
                        (a, _) => a,
                    };
                    continue;
                }
                Ok(None) => match args.table_args.read(path) {
                    Ok(doc) => doc,
                    Err(code) => return code,
                },
                Err(code) => return code,
            },
        };
        let findings = review::review(
            &doc,
            &review::Options {
                rules: &rules,
                year: args.year,
            },
        );
        if let Err(code) = super::rules::tries_checked(&rules) {
            return code;
        }
        for f in &findings {
            worst = Some(match worst {
                Some(w) if rank(w) >= rank(f.severity) => w,
                _ => f.severity,
            });
        }
        let text = match args.format {
            ReviewFormat::Json => render::json(&doc, &findings),
            ReviewFormat::Markdown => render::markdown(&doc.source.name, &findings),
            ReviewFormat::Human => render::human(&doc, &findings, super::console::colour_out()),
        };
        out.print(text);
    }
    let denied = matches!(
        (args.deny, worst),
        (Some(DenySeverity::Error), Some(Severity::Error))
            | (
                Some(DenySeverity::Warning),
                Some(Severity::Error | Severity::Warning)
            )
    );
    // a write error (a full disk, a closed pipe) is exit 2: `--deny` never passes on it
    out.close(if unread {
        exit::UNREAD
    } else if denied {
        exit::DENIED
    } else {
        exit::OK
    })
}

use review::blocks::rank;

/// A text self-evaluation sheet's review, read and written a block at a time
/// (`review::blocks`: the table never held whole, issue 27), with the worst severity of its
/// findings; `Ok(None)`, nothing written: it is to be read whole (see `table::blockwise`).
fn blocks(
    args: &Args,
    path: &std::path::Path,
    rules: &crate::rules::RuleSet,
    out: &mut super::output::Printer,
) -> Result<Option<Option<Severity>>, u8> {
    let opts = args.table_args.options();
    if !super::input::blocks_fit(path, &opts) {
        return Ok(None);
    }
    let mut open = || match crate::table::stream::open(path, &opts) {
        Ok(crate::table::stream::Opened::Stream(s)) => Some(*s),
        _ => None,
    };
    let ropts = review::Options {
        rules,
        year: args.year,
    };
    let colour = args.format == ReviewFormat::Human && super::console::colour_out();
    // the review's findings held in a temporary file until the counts are known: read once
    let hold = review::blocks::Hold::SPILLED;
    review::blocks::review_blocks_to(&mut open, &ropts, (args.format, colour), (None, hold), out)
        .map_err(|e| super::output::failed(&e, "结果"))
}
