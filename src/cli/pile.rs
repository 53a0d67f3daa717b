//! Several files, folders and `.zip` archives in one run (issue 26): `evaluate`, `inspect` and
//! `review` go here when their inputs are a pile ([`wanted`]); one file alone, or one folder
//! holding one table, never comes here and gives the same bytes as before.
//!
//! Exit codes (README «Several forms in one run»): 0 every file was read; 1 `--deny` met and
//! every file read; [`exit::UNREAD`] (3) some file of the pile could not be read (they are
//! listed in the report and on stderr; the rest was read and reported); 2 bad usage.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::eval::Methodology;
use crate::finding::codes;
use crate::pile::{self, Gathered};
use crate::report::Format;
use crate::table::ReadOptions;

use super::exit;

/// The flags a pile adds to `evaluate`, `inspect` and `review`.
#[derive(Debug, Clone, clap::Args)]
pub struct PileArgs {
    /// 读取文件夹时也读取其中的子文件夹（符号链接成环时不重复读取）
    #[arg(long)]
    pub recursive: bool,
    /// 同时读取和评价的线程数（默认为处理器核数；结果与线程数无关）
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}

impl PileArgs {
    fn workers(&self) -> usize {
        self.jobs.map(usize::from).unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
        })
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

fn is_zip(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Whether `inputs` are a pile: `--recursive`, an archive (given or in a folder given), two
/// tables or folders, or one folder holding different tables. A single table (with its actuals), or one folder holding one table
/// in one or several formats, is not.
pub fn wanted(inputs: &[PathBuf], p: &PileArgs, opts: &ReadOptions) -> bool {
    if p.recursive || inputs.iter().any(|i| is_zip(i)) {
        return true;
    }
    let tables = inputs.iter().filter(|i| i.is_dir() || !is_yaml(i)).count();
    if tables >= 2 {
        return true;
    }
    inputs.iter().filter(|i| i.is_dir()).any(|d| {
        let holds_zip = std::fs::read_dir(d).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| is_zip(&e.path()) && e.path().is_file())
        });
        holds_zip || crate::inputs::sort_folder(d, opts).is_ok_and(|f| !f.conflicting.is_empty())
    })
}

fn notes(g: &Gathered) {
    for n in &g.notes {
        say!("{n}");
    }
}

fn list_unread(unread: &[pile::Unread]) {
    for u in unread {
        super::show(&u.refusal);
    }
}

/// The reader's findings of each table to stderr, as a single run gives them (a form's notes
/// counted, `inspect` lists them).
fn reader_findings(forms: &[pile::Form]) {
    let handler = crate::diagnostic::handler(std::io::stderr().is_terminal());
    let mut text = String::new();
    let mut notes = 0;
    for form in forms {
        for f in &form.doc.findings {
            let form_note = f.code.starts_with("table.form-") || f.code == codes::SHEET_SKIPPED;
            if f.severity == crate::finding::Severity::Info && form_note {
                notes += 1;
                continue;
            }
            crate::diagnostic::render_into(&mut text, &handler, &f.diagnostic(&form.doc.source));
        }
    }
    if notes > 0 {
        text.push_str(&format!(
            "提示：读表单时另有 {notes} 条说明（模板占位行、推断的类别等），用 jixiao inspect 查看\n"
        ));
    }
    say_raw!("{text}");
}

/// `jixiao evaluate` over a pile: the roll-up.
pub fn evaluate(args: super::evaluate::Args) -> u8 {
    let format = args.format;
    if !matches!(
        format,
        Format::Table | Format::Markdown | Format::Json | Format::Csv
    ) {
        say!(
            "错误：多个文件的汇总目前只能写成 table、markdown、json 或 csv 格式；请改用其中之一，或逐个文件评价"
        );
        return exit::USAGE;
    }
    if args.explain {
        say!(
            "提示：--explain 目前只用于单个表的报告；汇总中每张表所依据的规则，请对该表单独运行 jixiao evaluate --explain"
        );
    }
    let workers = args.pile.workers();
    let opts = args.table_args.options();
    let gathered = pile::gather(&args.inputs, args.pile.recursive);
    notes(&gathered);
    let files: Vec<PathBuf> = gathered
        .items
        .iter()
        .filter_map(|i| match &i.origin {
            pile::Origin::File(p) => Some(p.clone()),
            pile::Origin::Entry(_) => None,
        })
        .chain(args.inputs.iter().filter(|p| is_zip(p)).cloned())
        .collect();
    if let Some(o) = &args.output
        && let Some(i) = files.iter().find(|i| super::output::same_file(o, i))
    {
        say!(
            "错误[output.is-input]：输出文件 {} 就是输入文件 {}，写入会毁掉输入；请换一个输出文件名",
            o.display(),
            i.display()
        );
        return exit::USAGE;
    }
    let sorted = pile::sort(gathered, &opts, workers);
    let mut rule_args = args.rules.clone();
    rule_args.rules.splice(0..0, sorted.rules.iter().cloned());
    let rules = match rule_args.load() {
        Ok(r) => r,
        Err(code) => return code,
    };
    if sorted.forms.is_empty() && sorted.unread.is_empty() {
        say!("错误：给出的文件和文件夹中没有目标表、自评表或表单");
        return exit::USAGE;
    }
    reader_findings(&sorted.forms);
    let methodology = Methodology::from_rules(&rules);
    let (evaluated, mut unread) = pile::evaluate(
        &sorted,
        &pile::Settings {
            methodology: &methodology,
            rules: &rules,
            year: args.year,
            workers,
        },
    );
    let mut all_unread = sorted.unread;
    all_unread.append(&mut unread);
    let rollup = pile::rollup::build(evaluated, all_unread);
    let denied = rollup
        .reports
        .iter()
        .any(|(_, r)| super::evaluate::denied(&args.deny, &r.summary) != exit::OK);
    for u in &rollup.unread {
        match &u.help {
            Some(h) => say!("错误[{}]：{}\n  帮助：{h}", u.code, u.reason),
            None => say!("错误[{}]：{}", u.code, u.reason),
        }
    }
    let code = if !rollup.unread.is_empty() {
        exit::UNREAD
    } else if denied {
        exit::DENIED
    } else {
        exit::OK
    };
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut out = match super::output::Output::open(args.output.as_deref(), &inputs) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let written = match format {
        Format::Markdown => out.write_all(pile::render::render_markdown(&rollup).as_bytes()),
        Format::Json => out.write_all(pile::render::render_json(&rollup).as_bytes()),
        Format::Csv => pile::render::write_csv(&rollup, &mut out),
        _ => out.write_all(pile::render::render_text(&rollup).as_bytes()),
    };
    match written {
        Err(e) => super::output::failed(&e, "报告"),
        Ok(()) => out.close("报告", code),
    }
}

/// `jixiao inspect` over a pile: each table's tree under its file name, the files not read.
pub fn inspect(args: &super::inspect::Args) -> u8 {
    let gathered = pile::gather(&args.tables, args.pile.recursive);
    notes(&gathered);
    let sorted = pile::sort(gathered, &args.table_args.options(), args.pile.workers());
    let mut out = super::output::Printer::new();
    for form in &sorted.forms {
        match args.format {
            super::inspect::OutputFormat::Json => {
                out.line(crate::table::view::findings_json(&form.doc))
            }
            super::inspect::OutputFormat::Table => {
                out.print(format!("════ {} ════\n", form.name));
                if !form.copies.is_empty() {
                    out.print(format!("（同一张表的副本：{}）\n", form.copies.join("、")));
                }
                out.print(crate::table::view::tree(&form.doc));
            }
        }
    }
    list_unread(&sorted.unread);
    out.close(if sorted.unread.is_empty() {
        exit::OK
    } else {
        exit::UNREAD
    })
}

/// `jixiao review` over a pile: each table reviewed in turn; the files not read listed and
/// the run goes on. Returns the worst severity met and whether some file was not read.
pub fn review_forms(
    inputs: &[PathBuf],
    p: &PileArgs,
    opts: &ReadOptions,
) -> (Vec<pile::Form>, bool) {
    let gathered = pile::gather(inputs, p.recursive);
    notes(&gathered);
    let sorted = pile::sort(gathered, opts, p.workers());
    list_unread(&sorted.unread);
    (sorted.forms, !sorted.unread.is_empty())
}
