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

/// A folder given alone, read once: what the single run needs of it (its table, copies,
/// actuals and rule files), so nothing in it is read again.
#[derive(Debug)]
pub struct Preread {
    pub folder: PathBuf,
    /// Its table (the first by [`crate::inputs::preference`] of copies of one table).
    pub table: Option<(PathBuf, crate::table::model::Document)>,
    pub copies: Vec<String>,
    /// Its actuals files, parsed.
    pub actuals: Vec<(String, crate::eval::ActualsFile)>,
    /// Its rule files, read.
    pub rules: Vec<crate::rules::RuleSource>,
    /// Its files that are none of these, or could not be read: passed over as before (notes,
    /// a list of targets for `parse`), but an actuals file that does not parse stops the run.
    pub unread: Vec<pile::Unread>,
}

/// What the inputs are, told once: every file is read once whichever way the run goes.
#[derive(Debug)]
pub enum Plan {
    /// One table alone (with its actuals): the single run; a folder given was read already.
    Single(Option<Box<Preread>>),
    /// A pile, read and sorted, with the files on disk it reads.
    Pile(Box<pile::Sorted>, Vec<PathBuf>),
}

/// Whether `inputs` are a pile: `--recursive`, an archive (given or in a folder given), two
/// tables or folders, or one folder holding different tables. A single table (with its
/// actuals), or one folder holding one table in one or several formats, is not. A folder is
/// read here, once, either way. `inspect` has no actuals: for it any two inputs are a pile
/// (`yaml_is_table`).
pub fn plan(inputs: &[PathBuf], p: &PileArgs, opts: &ReadOptions, yaml_is_table: bool) -> Plan {
    let tables = inputs
        .iter()
        .filter(|i| yaml_is_table || i.is_dir() || !is_yaml(i))
        .count();
    let pile = p.recursive || inputs.iter().any(|i| is_zip(i)) || tables >= 2;
    let (dirs, others): (Vec<PathBuf>, Vec<PathBuf>) =
        inputs.iter().cloned().partition(|i| i.is_dir());
    if !pile && dirs.is_empty() {
        return Plan::Single(None);
    }
    let workers = p.workers();
    let mut gathered = pile::gather(&dirs, p.recursive);
    if !pile && gathered.archives.is_empty() {
        // one folder: read once, then a pile only if it holds different tables
        notes(&gathered);
        let mut files = gathered.files();
        let sorted = pile::sort(gathered, opts, workers);
        if sorted.forms.len() >= 2 {
            // the other inputs are actuals or rule files (one table or folder at most)
            let extra = pile::gather(&others, false);
            files.extend(extra.files());
            let more = pile::sort(extra, opts, workers);
            return Plan::Pile(Box::new(sorted.join(more)), files);
        }
        let mut sorted = sorted;
        let form = sorted.forms.pop();
        return Plan::Single(Some(Box::new(Preread {
            folder: dirs[0].clone(),
            copies: form.as_ref().map(|f| f.copies.clone()).unwrap_or_default(),
            table: form.map(|f| (f.path.unwrap_or_else(|| PathBuf::from(&f.name)), f.doc)),
            actuals: sorted.actuals,
            rules: sorted.rules,
            unread: sorted.unread,
        })));
    }
    gathered.merge(pile::gather(&others, p.recursive));
    notes(&gathered);
    let files = gathered.files();
    Plan::Pile(Box::new(pile::sort(gathered, opts, workers)), files)
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

/// `jixiao evaluate` over a pile (read by [`plan`]): the roll-up.
pub fn evaluate(args: super::evaluate::Args, sorted: pile::Sorted, files: Vec<PathBuf>) -> u8 {
    let format = args.format;
    // xlsx is binary: to a file, or to stdout only when stdout is not a terminal
    if format == Format::Xlsx && args.output.is_none() && std::io::stdout().is_terminal() {
        say!("错误：xlsx 是二进制文件，不能写到终端；请用 -o 汇总.xlsx，或把标准输出重定向到文件");
        return exit::USAGE;
    }
    if args.explain {
        say!(
            "提示：--explain 目前只用于单个表的报告；汇总中每张表所依据的规则，请对该表单独运行 jixiao evaluate --explain"
        );
    }
    let workers = args.pile.workers();
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
    let rules = match args.rules.load_with(&sorted.rules) {
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
        Format::Jsonl => out.write_all(pile::jsonl::render_jsonl(&rollup).as_bytes()),
        Format::Csv => pile::render::write_csv(&rollup, &mut out),
        Format::Html => {
            out.write_all(pile::html::render_html(&rollup, &methodology.bands.value).as_bytes())
        }
        Format::Xlsx => pile::xlsx::render_xlsx(&rollup)
            .map_err(|e| std::io::Error::other(crate::report::xlsx_error(&e)))
            .and_then(|bytes| out.write_all(&bytes)),
        Format::Table => out.write_all(pile::render::render_text(&rollup).as_bytes()),
    };
    match written {
        Err(e) => super::output::failed(&e, "报告"),
        Ok(()) => out.close("报告", code),
    }
}

/// `jixiao inspect` over a pile (read by [`plan`]): each table's tree under its file name,
/// the files not read.
pub fn inspect(args: &super::inspect::Args, sorted: pile::Sorted) -> u8 {
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

/// `jixiao review` over a pile (read by [`plan`]): each table reviewed in turn; the files not
/// read listed and the run goes on. Returns the tables and whether some file was not read.
pub fn review_forms(sorted: pile::Sorted) -> (Vec<pile::Form>, bool) {
    list_unread(&sorted.unread);
    (sorted.forms, !sorted.unread.is_empty())
}

#[cfg(test)]
mod tests {
    //! Each file of a run is read once, whichever way [`plan`] decides (a folder with one
    //! table, a folder holding different tables, a folder beside its actuals): the reads are
    //! counted where every file is read ([`crate::bounded::read_path`]), on one thread.

    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use clap::FromArgMatches;

    use crate::bounded::READ_LOG;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
    }

    /// Run the command line in-process; the exit code and how often each file was read.
    fn run(args: &[&str]) -> (u8, BTreeMap<PathBuf, usize>) {
        READ_LOG.with_borrow_mut(Vec::clear);
        let m = super::super::command()
            .try_get_matches_from(std::iter::once("jixiao").chain(args.iter().copied()))
            .unwrap();
        let cli = super::super::Cli::from_arg_matches(&m).unwrap();
        let code = match cli.command {
            super::super::Command::Evaluate(a) => super::super::evaluate::run(a),
            _ => unreachable!("evaluate only"),
        };
        let mut counts = BTreeMap::new();
        for p in READ_LOG.take() {
            let p = std::fs::canonicalize(&p).unwrap_or(p);
            *counts.entry(p).or_insert(0) += 1;
        }
        (code, counts)
    }

    fn files_of(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| std::fs::canonicalize(e.path()).unwrap())
            .filter(|p| p.is_file())
            .collect();
        v.sort();
        v
    }

    fn once(dir: &Path, counts: &BTreeMap<PathBuf, usize>) {
        let files = files_of(dir);
        for f in &files {
            assert_eq!(
                counts.get(f),
                Some(&1),
                "{} read {:?} times",
                f.display(),
                counts.get(f)
            );
        }
        assert_eq!(counts.len(), files.len(), "{counts:?}");
    }

    const F01: &str = "tests/fixtures/forms/f01-tianchang-water-2022-selfeval.xlsx";
    const F01_CSV: &str = "tests/fixtures/forms/f01-tianchang-water-2022-selfeval-gbk.csv";
    const F03: &str = "tests/fixtures/forms/f03-yongde-minglang-school-2022-selfeval.xlsx";

    fn folder(files: &[&str]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in files {
            let p = fixture(f);
            std::fs::copy(&p, d.path().join(p.file_name().unwrap())).unwrap();
        }
        d
    }

    #[test]
    fn a_folder_holding_one_table_is_read_once() {
        // the table in two formats and a rule file beside it
        let d = folder(&[F01, F01_CSV]);
        std::fs::write(
            d.path().join("extra.yaml"),
            "rules:\n  - id: local.veto\n    when: indicator ~ \"工程质量\"\n    veto: {grade: 差, message: 本地规则}\n",
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let report = out.path().join("out.json");
        let (code, counts) = run(&[
            "evaluate",
            d.path().to_str().unwrap(),
            "--format",
            "json",
            "--jobs",
            "1",
            "-o",
            report.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
        once(d.path(), &counts);
        // the folder's rule file was loaded: its veto is in the report
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(text.contains("本地规则"), "{text}");
    }

    #[test]
    fn a_folder_beside_its_actuals_is_read_once() {
        let d = folder(&[
            "samples/guangzhou-hpf-2023/targets.tsv",
            "samples/guangzhou-hpf-2023/targets.xlsx",
            "samples/guangzhou-hpf-2023/actuals.yaml",
        ]);
        let out = tempfile::tempdir().unwrap();
        let report = out.path().join("out.csv");
        let (code, counts) = run(&[
            "evaluate",
            d.path().to_str().unwrap(),
            "--format",
            "csv",
            "--jobs",
            "1",
            "-o",
            report.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
        once(d.path(), &counts);
        assert!(std::fs::metadata(&report).unwrap().len() > 0);
    }

    #[test]
    fn a_folder_holding_different_tables_is_read_once() {
        let d = folder(&[F01, F01_CSV, F03]);
        let out = tempfile::tempdir().unwrap();
        let report = out.path().join("rollup.json");
        let (code, counts) = run(&[
            "evaluate",
            d.path().to_str().unwrap(),
            "--format",
            "json",
            "--jobs",
            "1",
            "-o",
            report.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
        once(d.path(), &counts);
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        assert_eq!(v["totals"]["forms"], 2);
        assert_eq!(v["totals"]["copies"], 1);
    }
}
