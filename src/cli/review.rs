//! `jixiao review FILE…`: the target-quality review (绩效目标审核) of target tables and
//! self-evaluation sheets: findings with codes, severities, the exact characters underlined and a
//! help line; `--explain CODE` prints a check's documentation.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::finding::{Finding, Severity};
use crate::review;

use super::exit;

/// Output formats of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 诊断信息（标出原文字符），按单位和项目分组，末尾按代码汇总
    Human,
    /// SPEC §3 的 findings JSON
    Json,
    /// Markdown 表格
    Markdown,
}

/// What `--deny` stops on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// 存在错误级别的问题
    Error,
    /// 存在警告或错误级别的问题
    Warning,
}

/// Arguments of `jixiao review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表或自评表文件（.tsv .txt .csv .xlsx）
    #[arg(required_unless_present = "explain")]
    pub files: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// 出现该级别（或更严重）的问题时以退出码 1 结束
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// 打印某个检查代码的说明
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
    /// 年度（用于未写年份的时限）
    #[arg(long)]
    pub year: Option<i32>,
    #[command(flatten)]
    pub table_args: super::input::TableArgs,
    #[command(flatten)]
    pub rules: super::rules::RuleArgs,
}

fn explain(code: &str) -> u8 {
    match review::explain(code) {
        Some(info) => {
            println!(
                "{} — {}（默认级别：{}）\n",
                info.code,
                info.title,
                info.severity.zh()
            );
            // The module's documentation: its `//!` lines.
            for line in info.explain.lines().take_while(|l| l.starts_with("//!")) {
                println!("{}", line.trim_start_matches("//!").trim_start());
            }
            exit::OK
        }
        None => {
            eprintln!("错误：没有检查代码 {code}。可用的代码：");
            for c in review::checks::ALL {
                eprintln!("  {}  {}", c.code, c.title);
            }
            exit::USAGE
        }
    }
}

pub fn run(args: Args) -> u8 {
    if let Some(code) = &args.explain {
        return explain(code);
    }
    let rules = match args.rules.load() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut worst: Option<Severity> = None;
    for path in &args.files {
        let doc = match args.table_args.read(path) {
            Ok(doc) => doc,
            Err(code) => return code,
        };
        let findings = review::review(
            &doc,
            &review::Options {
                rules: &rules,
                year: args.year,
            },
        );
        for f in &findings {
            worst = Some(match worst {
                Some(w) if rank(w) >= rank(f.severity) => w,
                _ => f.severity,
            });
        }
        let text = match args.format {
            Format::Json => render_json(&doc, &findings),
            Format::Markdown => render_markdown(&doc.source.name, &findings),
            Format::Human => render_human(&doc, &findings, std::io::stdout().is_terminal()),
        };
        if out.write_all(text.as_bytes()).is_err() {
            return exit::OK;
        }
    }
    let _ = out.flush();
    let denied = matches!(
        (args.deny, worst),
        (Some(Deny::Error), Some(Severity::Error))
            | (
                Some(Deny::Warning),
                Some(Severity::Error | Severity::Warning)
            )
    );
    if denied { exit::DENIED } else { exit::OK }
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// The findings JSON of SPEC §3 with the review's findings.
pub fn render_json(doc: &crate::table::model::Document, findings: &[Finding]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        counts: crate::table::model::Counts,
        findings: &'a [Finding],
    }
    let mut s = serde_json::to_string_pretty(&Out {
        counts: doc.counts(),
        findings,
    })
    .expect("findings serialise");
    s.push('\n');
    s
}

fn group_key(f: &Finding) -> String {
    match (&f.unit, &f.project) {
        (Some(u), Some(p)) => format!("{u} / {p}"),
        (None, Some(p)) => p.clone(),
        (Some(u), None) => u.clone(),
        (None, None) => "（表格）".to_owned(),
    }
}

fn summary(findings: &[Finding]) -> String {
    let mut by_code: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in findings {
        let e = by_code.entry(f.code.as_ref()).or_insert((0, f.severity));
        e.0 += 1;
    }
    let mut s = format!("共 {} 个问题：\n", findings.len());
    for (code, (n, sev)) in by_code {
        s.push_str(&format!("  {:<40} {:>4}  {}\n", code, n, sev.zh()));
    }
    s
}

fn render_human(doc: &crate::table::model::Document, findings: &[Finding], colour: bool) -> String {
    let handler = miette::GraphicalReportHandler::new_themed(if colour {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    })
    .with_width(120);
    let mut out = String::new();
    let mut last_group = None;
    for f in findings {
        let g = group_key(f);
        if last_group.as_ref() != Some(&g) {
            out.push_str(&format!("\n■ {g}\n"));
            last_group = Some(g);
        }
        let _ = handler.render_report(&mut out, &f.diagnostic(&doc.source));
    }
    out.push('\n');
    out.push_str(&summary(findings));
    out
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn render_markdown(file: &str, findings: &[Finding]) -> String {
    let mut out = format!("# 绩效目标审核：{}\n\n", md(file));
    out.push_str("| 位置 | 级别 | 代码 | 单位 / 项目 | 指标 | 问题 | 建议 |\n|---|---|---|---|---|---|---|\n");
    for f in findings {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            md(&f.position()),
            f.severity.zh(),
            f.code,
            md(&group_key(f)),
            md(f.indicator.as_deref().unwrap_or("")),
            md(&f.message),
            md(f.help.as_deref().unwrap_or("")),
        ));
    }
    out.push('\n');
    out.push_str(&summary(findings).replace("\n  ", "\n- "));
    out
}
