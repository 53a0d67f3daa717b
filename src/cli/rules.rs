//! `jixiao rules check|list|test|explain`: validate rule files, show the effective rules, run an
//! auditor's rule tests. Wiring only: everything is decided in [`crate::rules`].

use std::path::PathBuf;

use crate::report::text_table::TextTable;
use crate::rules::{self, FileErrors, RuleSet, RuleSource};

use super::exit;

/// Arguments of `jixiao rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RulesCommand,
}

/// The common rule flags (contract §3).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RuleArgs {
    /// 规则文件（可重复；后加载的覆盖先加载的同 id 规则）
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// 不加载内置的默认规则（rules/*.yaml）
    #[arg(long)]
    pub no_default_rules: bool,
}

impl RuleArgs {
    /// The rule set these flags ask for; diagnostics printed, `Err(exit code)` on errors.
    pub fn load(&self) -> Result<std::borrow::Cow<'static, RuleSet>, u8> {
        self.load_with(&[])
    }

    /// The rule set with `first` (rule files already read, from a folder or an archive)
    /// loaded before the `--rules` files, which override them.
    pub fn load_with(
        &self,
        first: &[RuleSource],
    ) -> Result<std::borrow::Cow<'static, RuleSet>, u8> {
        if first.is_empty() && self.rules.is_empty() && !self.no_default_rules {
            return Ok(std::borrow::Cow::Borrowed(RuleSet::bundled()));
        }
        let mut sources = first.to_vec();
        for path in &self.rules {
            match RuleSource::read(path) {
                Ok(s) => sources.push(s),
                Err(e) => {
                    report(&[e]);
                    return Err(exit::USAGE);
                }
            }
        }
        match RuleSet::with_files(&sources, !self.no_default_rules) {
            Ok((set, warnings)) => {
                report(&warnings);
                Ok(std::borrow::Cow::Owned(set))
            }
            Err(errors) => {
                report(&errors);
                Err(exit::USAGE)
            }
        }
    }
}

impl RuleArgs {
    /// The rule set of [`RuleArgs::load_with`] where it loads with nothing to say (no warning,
    /// no error); `None`, nothing printed, otherwise (the caller then loads it with
    /// `load_with`, which says it where its run says it).
    pub fn load_silently(
        &self,
        first: &[RuleSource],
    ) -> Option<std::borrow::Cow<'static, RuleSet>> {
        if first.is_empty() && self.rules.is_empty() && !self.no_default_rules {
            return Some(std::borrow::Cow::Borrowed(RuleSet::bundled()));
        }
        let mut sources = first.to_vec();
        for path in &self.rules {
            sources.push(RuleSource::read(path).ok()?);
        }
        match RuleSet::with_files(&sources, !self.no_default_rules) {
            Ok((set, warnings)) if warnings.is_empty() => Some(std::borrow::Cow::Owned(set)),
            _ => None,
        }
    }
}

/// `Err(exit code)`, the limit's error shown, where `rules` stopped trying rules for some
/// indicator past `JIXIAO_MAX_RULE_TRIES` (its decisions are incomplete: no report is given).
pub fn tries_checked(rules: &RuleSet) -> Result<(), u8> {
    rules.check_tries().map_err(|e| {
        super::show(&e);
        exit::USAGE
    })
}

/// Output formats of `jixiao rules check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// 带标注的诊断信息
    Table,
    /// contract §3 的 findings JSON
    Json,
}

#[derive(Debug, clap::Subcommand)]
pub enum RulesCommand {
    /// 检查规则文件：错误指出行和列，有错时退出码为 2
    Check {
        /// 规则文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
        format: CheckFormat,
        /// 不加载内置的默认规则（rules/*.yaml）
        #[arg(long)]
        no_default_rules: bool,
    },
    /// 列出生效的规则：每条来自哪个文件哪一行，被谁覆盖
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 说明一个规则键（direction、deduct、veto……）；不写键时列出所有键
    Explain {
        /// 规则键
        key: Option<String>,
    },
    /// 运行规则测试：YAML 的 cases 列表，逐条打印 通过/失败
    Test {
        /// 测试用例文件
        file: PathBuf,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

/// Print diagnostics to stderr (colour only on a terminal).
pub fn report(files: &[FileErrors]) {
    let handler = crate::diagnostic::handler(super::console::colour());
    // the first ones in full, the rest counted in one line (`JIXIAO_MAX_ERRORS_SHOWN`)
    let (shown, rest) = rules::error::shown(files);
    for e in shown {
        let mut out = String::new();
        crate::diagnostic::render_into(&mut out, &handler, e);
        say!("{out}");
    }
    if let Some(rest) = rest {
        let mut out = String::new();
        crate::diagnostic::render_into(&mut out, &handler, &rest);
        say!("{out}");
    }
}

pub fn run(args: Args) -> u8 {
    match args.command {
        RulesCommand::Check {
            files,
            format,
            no_default_rules,
        } => check(&files, format, no_default_rules),
        RulesCommand::List { rules } => list(&rules),
        RulesCommand::Test { file, rules } => test(&file, &rules),
        RulesCommand::Explain { key } => explain(key.as_deref()),
    }
}

/// `jixiao rules explain [KEY]`: a key's documentation (its file's `//!` lines in
/// `rules::keys`), or every key's first line.
fn explain(key: Option<&str>) -> u8 {
    match key {
        Some(k) => match rules::keys::info(k) {
            Some(info) => {
                let mut out = super::output::Printer::new();
                out.print(info.explain());
                out.close(exit::OK)
            }
            None => {
                say!(
                    "未知的规则键 `{k}`；可用的键：{}",
                    rules::keys::ALL
                        .iter()
                        .map(|k| k.name)
                        .collect::<Vec<_>>()
                        .join("、")
                );
                exit::USAGE
            }
        },
        None => {
            let mut out = super::output::Printer::new();
            for k in rules::keys::ALL {
                let doc = k.explain();
                out.print(format!("{}\n", doc.lines().next().unwrap_or(k.name)));
            }
            out.close(exit::OK)
        }
    }
}

fn check(files: &[PathBuf], format: CheckFormat, no_default: bool) -> u8 {
    // The files load together, in order, after the bundled rules: as `--rules` would load them,
    // so a file may override ids an earlier one defines.
    let mut problems: Vec<FileErrors> = Vec::new();
    let mut sources = Vec::new();
    for path in files {
        match RuleSource::read(path) {
            Ok(s) => sources.push(s),
            Err(e) => problems.push(e),
        }
    }
    let mut counts = Vec::new();
    match RuleSet::with_files(&sources, !no_default) {
        Ok((set, warnings)) => {
            for source in &sources {
                let n = set
                    .rules()
                    .iter()
                    .filter(|r| r.history.iter().any(|h| *h.file == *source.name))
                    .count();
                counts.push((source.name.clone(), n));
            }
            problems.extend(warnings);
        }
        Err(errors) => problems.extend(errors),
    }
    let failed = problems.iter().any(FileErrors::has_errors);
    let mut out = super::output::Printer::new();
    match format {
        CheckFormat::Table => {
            report(&problems);
            for (name, n) in &counts {
                out.line(format!("✓ {name}：{n} 条规则"));
            }
        }
        CheckFormat::Json => {
            out.line(rules::error::findings_json(&problems, files.len()).to_string());
        }
    }
    out.close(if failed { exit::USAGE } else { exit::OK })
}

fn list(args: &RuleArgs) -> u8 {
    let set = match args.load() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut table = TextTable::new(["规则", "决定", "条件", "来源", "覆盖", "状态"]);
    for r in set.rules() {
        let first = &r.history[0];
        let overrides: Vec<String> = r.history[1..]
            .iter()
            .map(|h| format!("{}:{}", h.file, h.line))
            .collect();
        table.row([
            r.rref.id.to_string(),
            r.choice.to_string(),
            r.when
                .as_deref()
                .map_or_else(|| "（总是）".to_owned(), shorten),
            format!("{}:{}", first.file, first.line),
            if overrides.is_empty() {
                String::new()
            } else {
                format!("被 {} 覆盖", overrides.join("、"))
            },
            if r.disabled {
                "停用".to_owned()
            } else {
                String::new()
            },
        ]);
    }
    let mut out = super::output::Printer::new();
    out.print(table.render());
    out.close(exit::OK)
}

/// A long condition cut to 48 characters for the listing.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 48 {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(47).collect();
    s.push('…');
    s
}

fn test(file: &std::path::Path, args: &RuleArgs) -> u8 {
    let set = match args.load() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let text = match crate::bounded::read_path(file, &crate::limits::RULE_FILE) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                say!("错误：{} 不是 UTF-8 文本；请以 UTF-8 保存", file.display());
                return exit::USAGE;
            }
        },
        Err(e) => {
            super::show(&e);
            return exit::USAGE;
        }
    };
    let cases: rules::cases::CaseFile = match rules::loader::read_yaml(&text) {
        Ok(c) => c,
        Err((message, at)) => {
            let before = &text[..at.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            say!(
                "错误：{}:{line}:{col}：测试文件读不下去：{message}",
                file.display()
            );
            say!("  帮助：测试文件写作 cases: 列表，每条有 indicator、target 和 expect");
            return exit::USAGE;
        }
    };
    // every case is scored by evaluation itself, as `jixiao evaluate` scores a sheet
    let indicator = |case: &rules::cases::Case| crate::eval::cases::score_indicator(&set, case);
    let project = |case: &rules::cases::Case| crate::eval::cases::score_project(&set, case);
    let scorers = rules::cases::Scorers {
        indicator: &indicator,
        project: &project,
    };
    let results = rules::cases::run(&set, &cases, Some(&scorers));
    if let Err(code) = tries_checked(&set) {
        return code;
    }
    let mut out = super::output::Printer::new();
    let (mut pass, mut fail, mut pending) = (0, 0, 0);
    for (i, r) in results.iter().enumerate() {
        let n = i + 1;
        let note = if r.unchecked.is_empty() {
            String::new()
        } else {
            format!(
                "（{} 尚不能检查：评分阶段尚未实现）",
                r.unchecked.join("、")
            )
        };
        match &r.outcome {
            rules::cases::CaseOutcome::Pass => {
                pass += 1;
                out.line(format!("通过 {n:>3} {}{note}", r.name));
            }
            rules::cases::CaseOutcome::Pending => {
                pending += 1;
                out.line(format!("待查 {n:>3} {}{note}", r.name));
            }
            rules::cases::CaseOutcome::Fail(why) => {
                fail += 1;
                out.line(format!("失败 {n:>3} {}{note}", r.name));
                for w in why {
                    out.line(format!("         {w}"));
                }
            }
        }
    }
    out.line(format!("{pass} 通过，{fail} 失败，{pending} 尚不能检查"));
    out.close(if fail > 0 { exit::DENIED } else { exit::OK })
}
