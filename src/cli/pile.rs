//! Several files, folders and `.zip` archives in one run (issue 26): `evaluate` ([`evaluate`],
//! streamed through [`pile::stream`]), `inspect` and `review` ([`plan`], the pile read whole)
//! go here first. One file alone is not read here; one folder is read here once, and when it
//! holds one table (in one or several formats) the single run goes on with what was read and
//! gives the same bytes as before.
//!
//! A progress bar goes to stderr while a pile is read and scored, only when stderr is a
//! terminal and once the run has taken a second.
//!
//! Exit codes (README «Several forms in one run»): 0 every file was read; 1 `--deny` met and
//! every file read; [`exit::UNREAD`] (3) some file of the pile could not be read (they are
//! listed in the report and on stderr; the rest was read and reported); 2 bad usage.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::eval::Methodology;
use crate::pile::{self, Gathered};
use crate::report::ReportFormat;
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
    crate::inputs::is_yaml_name(&p.to_string_lossy())
}

fn is_zip(p: &Path) -> bool {
    crate::inputs::is_zip_name(&p.to_string_lossy())
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
    /// A pile, read and sorted.
    Pile(Box<pile::Sorted>),
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

        let sorted = pile::sort(gathered, opts, workers);
        if sorted.forms.len() >= 2 {
            // the other inputs are actuals or rule files (one table or folder at most)
            let extra = pile::gather(&others, false);

            let more = pile::sort(extra, opts, workers);
            return Plan::Pile(Box::new(sorted.join(more)));
        }
        let mut sorted = sorted;
        not_files(&sorted.unread);
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
    // one unzipping budget for the run: the folders' archives and the others' together
    gathered.gather_more(&others, p.recursive);
    notes(&gathered);
    Plan::Pile(Box::new(pile::sort(gathered, opts, workers)))
}

/// A single run's folder entries that are no regular file (a FIFO, a socket, a device), named
/// on stderr as warnings: the single run's report lists no unread files, and they are never
/// passed over without a word (a pile's roll-up lists them with the others).
fn not_files(unread: &[pile::Unread]) {
    for u in unread {
        if matches!(u.refusal, pile::Refusal::NotAFile { .. }) {
            super::show(&u.refusal);
        }
    }
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

/// The reader's findings of one table to stderr, as a single run gives them; a form's notes
/// only counted into `notes` (`inspect` lists them).
/// The reader findings of a pile's tables shown in full on stderr, at most; past it they are
/// counted by code and named in one line at the end (each is also in the roll-up's rows and in
/// `jixiao inspect` of its file): a bureau's thousand forms must not bury the roll-up.
const FINDINGS_SHOWN: usize = 50;

/// What the reader findings of a pile's tables were: shown, counted as form notes, or held back.
#[derive(Default)]
struct Told {
    /// Informational notes of the form readers (template placeholder rows, inferred categories).
    form_notes: usize,
    shown: usize,
    /// Findings past [`FINDINGS_SHOWN`], by code.
    held: std::collections::BTreeMap<String, usize>,
}

fn table_findings(doc: &crate::table::model::Document, told: &mut Told) {
    let handler = crate::diagnostic::handler(super::console::colour());
    let mut text = String::new();
    for f in &doc.findings {
        if f.is_form_note() {
            told.form_notes += 1;
            continue;
        }
        if told.shown >= FINDINGS_SHOWN {
            *told.held.entry(f.code.to_string()).or_default() += 1;
            continue;
        }
        told.shown += 1;
        crate::diagnostic::render_into(&mut text, &handler, &f.diagnostic(&doc.source));
    }
    say_raw!("{text}");
}

/// A progress bar on stderr for a pile of `total` files: drawn only when stderr is a terminal
/// and once the run has taken more than a second (never in tests, pipes or logs).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("复核中 {bar:40} {pos}/{len} 个文件 {eta}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            start: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.start.elapsed() > std::time::Duration::from_secs(1)
            && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Where the roll-up goes: opened when the first line is written (jsonl) or at the end.
struct Sink<'a> {
    path: Option<&'a Path>,
    /// Control characters shown visibly (markdown, csv, table: names of files and archive
    /// entries reach them as they are).
    visible: bool,
    files: &'a [PathBuf],
    out: Option<super::output::Output>,
    /// Why the output could not be opened or written: the exit code.
    failed: Option<u8>,
}

impl Sink<'_> {
    fn write(&mut self, bytes: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        if self.out.is_none() {
            let inputs: Vec<&Path> = self.files.iter().map(PathBuf::as_path).collect();
            match super::output::Output::open(self.path, &inputs) {
                Ok(o) if self.visible => self.out = Some(o.showing_controls()),
                Ok(o) => self.out = Some(o),
                Err(code) => {
                    self.failed = Some(code);
                    return;
                }
            }
        }
        if let Some(out) = &mut self.out
            && let Err(e) = out.write_all(bytes)
        {
            self.failed = Some(super::output::failed(&e, "报告"));
        }
    }
}

/// Each distinct table of a pile as it is scored: its reader's findings to stderr, its rows
/// into the roll-up, its jsonl lines out; then it is dropped.
struct HandOn<'a> {
    args: &'a super::evaluate::Args,
    builder: pile::rollup::Builder,
    sink: Sink<'a>,
    denied: bool,
    told: Told,
}

impl HandOn<'_> {
    fn take(&mut self, sc: pile::stream::Scored) {
        table_findings(&sc.doc, &mut self.told);
        if let Ok(r) = &sc.result {
            self.denied |= super::evaluate::denied(&self.args.deny, &r.summary) != exit::OK;
        }
        drop(sc.doc);
        let built = self.builder.add(&sc.name, sc.actuals, &sc.facts, sc.result);
        if self.args.format == ReportFormat::Jsonl {
            for b in built {
                let line = pile::jsonl::form_line(&b.row, b.opinions.iter().collect());
                self.sink.write(line.as_bytes());
            }
        }
    }
}

/// `jixiao evaluate` with a pile, or a folder that may hold one: the pile is read and scored
/// as a stream ([`pile::stream`]) and its roll-up written; `Ok` the single run goes on (one
/// table alone, or one folder holding one table, read already), `Err` the exit code of the
/// pile's run.
pub fn evaluate(args: &super::evaluate::Args) -> Result<Option<Box<Preread>>, u8> {
    let inputs = &args.inputs;
    let tables = inputs.iter().filter(|i| i.is_dir() || !is_yaml(i)).count();
    let pile_given = args.pile.recursive || inputs.iter().any(|i| is_zip(i)) || tables >= 2;
    let folder = inputs.iter().find(|i| i.is_dir()).cloned();
    if !pile_given && folder.is_none() {
        return Ok(None);
    }
    let opts = args.table_args.options();
    let workers = args.pile.workers();
    let gathered = pile::gather(inputs, args.pile.recursive);
    notes(&gathered);
    // one folder (with its actuals given beside it): a pile only if it holds two tables
    // a folder past the files' limit is refused in the pile's roll-up, never as "no table"
    let past_limit = gathered
        .unread
        .iter()
        .any(|u| matches!(u.refusal, pile::Refusal::TooManyFiles { .. }));
    let mut single = (!pile_given && !past_limit && gathered.archives.is_empty())
        .then_some(folder)
        .flatten();
    let files = gathered.files();
    let format = args.format;
    if single.is_none() {
        check_pile_args(args, &files)?;
    }
    let mut prepared = pile::stream::prepare(gathered, &opts, workers);
    let rules = args.rules.load_with(&prepared.rules)?;
    let methodology = Methodology::from_rules(&rules);
    let settings = pile::Settings {
        methodology: &methodology,
        rules: &rules,
        year: args.year,
        workers,
    };
    let progress = Progress::new(prepared.remaining());
    // each table's whole report kept only for the formats that show its 自评表 (json held them
    // unshown: about 4 KB a three-line table, session 26's probe)
    let text_formats = !matches!(
        format,
        ReportFormat::Jsonl | ReportFormat::Csv | ReportFormat::Json
    );
    let mut hand = HandOn {
        args,
        builder: pile::rollup::Builder::new(text_formats),
        sink: Sink {
            path: args.output.as_deref(),
            visible: matches!(
                format,
                ReportFormat::Table | ReportFormat::Markdown | ReportFormat::Csv
            ),
            files: &files,
            out: None,
            failed: None,
        },
        denied: false,
        told: Told::default(),
    };
    let mut first: Option<pile::stream::Scored> = None;
    let finished = {
        let mut each = |sc: pile::stream::Scored| {
            if single.is_some() {
                match first.take() {
                    // the folder's first table: kept until a second one makes it a pile
                    None => {
                        first = Some(sc);
                        return;
                    }
                    Some(one) => {
                        single = None;
                        if let Err(code) = check_pile_args(args, &files) {
                            hand.sink.failed = Some(code);
                        }
                        hand.take(one);
                    }
                }
            }
            hand.take(sc);
        };
        pile::stream::run(
            &mut prepared,
            &opts,
            &settings,
            &|| progress.tick(),
            &mut each,
        )
    };
    progress.done();
    super::rules::tries_checked(&rules)?;
    if let Some(folder) = single {
        // one folder holding one table: the single run, on what was read
        return Ok(Some(Box::new(preread(folder, first, prepared, finished))));
    }
    finish(hand, finished, &methodology)
}

/// One folder that held one table, as the single run takes it: the table read (`first`), its
/// copies, the folder's actuals and rules, and the files passed over.
fn preread(
    folder: PathBuf,
    first: Option<pile::stream::Scored>,
    prepared: pile::stream::Prepared,
    finished: pile::stream::Finished,
) -> Preread {
    let copies = first
        .as_ref()
        .and_then(|f| finished.copies.iter().find(|(n, _)| *n == f.name))
        .map(|(_, c)| c.clone())
        .unwrap_or_default();
    not_files(&finished.unread);
    Preread {
        folder,
        table: first.map(|f| (f.path.unwrap_or_else(|| PathBuf::from(&f.name)), f.doc)),
        copies,
        actuals: prepared.actuals,
        rules: prepared.rules,
        unread: finished.unread,
    }
}

/// The pile's run done: what was held back told, the roll-up built, its unread files named and
/// the roll-up written in the chosen format. Always `Err`: the exit code of the pile's run.
fn finish(
    hand: HandOn<'_>,
    finished: pile::stream::Finished,
    methodology: &Methodology,
) -> Result<Option<Box<Preread>>, u8> {
    let HandOn {
        args,
        builder,
        mut sink,
        denied,
        told,
    } = hand;
    if let Some(code) = sink.failed {
        return Err(code);
    }
    told.say_held();
    let copies = finished
        .copies
        .into_iter()
        .map(|(file, copies)| pile::rollup::CopyRow { file, copies })
        .collect();
    let rollup = builder.finish(copies, finished.unread);
    if rollup.totals.tables == 0 && rollup.unread.is_empty() {
        say!("错误：给出的文件和文件夹中没有目标表、自评表或表单");
        return Err(exit::USAGE);
    }
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
    write_rollup(args.format, &rollup, methodology, &mut sink);
    if let Some(code) = sink.failed {
        return Err(code);
    }
    Err(match sink.out {
        Some(out) => out.close("报告", code),
        None => code,
    })
}

impl Told {
    /// The reading problems not shown one by one, counted by code, and the form readers' notes.
    fn say_held(&self) {
        if !self.held.is_empty() {
            let total: usize = self.held.values().sum();
            let by_code: Vec<String> = self
                .held
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect();
            say!(
                "提示：另有 {total} 个读表问题未逐条显示（{}）；各表的情况见汇总，逐条查看用 jixiao inspect 该文件",
                by_code.join("，")
            );
        }
        if self.form_notes > 0 {
            say!(
                "提示：读表单时另有 {} 条说明（模板占位行、推断的类别等），用 jixiao inspect 查看",
                self.form_notes
            );
        }
    }
}

/// The roll-up in `format` to the sink (a renderer's failure kept as the sink's exit code).
fn write_rollup(
    format: ReportFormat,
    rollup: &pile::rollup::Rollup,
    methodology: &Methodology,
    sink: &mut Sink<'_>,
) {
    match format {
        ReportFormat::Markdown => sink.write(pile::render::render_markdown(rollup).as_bytes()),
        ReportFormat::Json => sink.write(pile::render::render_json(rollup).as_bytes()),
        ReportFormat::Jsonl => sink.write(pile::jsonl::totals_line(rollup).as_bytes()),
        ReportFormat::Csv => {
            let mut bytes = Vec::new();
            match pile::render::write_csv(rollup, &mut bytes) {
                Ok(()) => sink.write(&bytes),
                Err(e) => sink.failed = Some(super::output::failed(&e, "报告")),
            }
        }
        ReportFormat::Html => {
            sink.write(pile::html::render_html(rollup, &methodology.bands.value).as_bytes())
        }
        ReportFormat::Xlsx => match pile::xlsx::render_xlsx(rollup) {
            Ok(bytes) => sink.write(&bytes),
            Err(e) => {
                let e = std::io::Error::other(crate::report::xlsx_error(&e));
                sink.failed = Some(super::output::failed(&e, "报告"));
            }
        },
        ReportFormat::Table => sink.write(pile::render::render_text(rollup).as_bytes()),
    }
}

/// What a pile's run refuses before reading anything: xlsx to a terminal, an output that is
/// one of the inputs; `--explain` noted.
fn check_pile_args(args: &super::evaluate::Args, files: &[PathBuf]) -> Result<(), u8> {
    if args.format == ReportFormat::Xlsx && args.output.is_none() && std::io::stdout().is_terminal()
    {
        say!("错误：xlsx 是二进制文件，不能写到终端；请用 -o 汇总.xlsx，或把标准输出重定向到文件");
        return Err(exit::USAGE);
    }
    if args.explain {
        say!(
            "提示：--explain 目前只用于单个表的报告；汇总中每张表所依据的规则，请对该表单独运行 jixiao evaluate --explain"
        );
    }
    super::output::refuse_input_as_output(args.output.as_deref(), files)
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

    /// `evaluate FOLDER --format FORMAT --jobs 1 -o out.FORMAT`, asserting exit 0 and every
    /// file of the folder read once; the output's folder (kept alive) and the report's path.
    fn evaluated_once(
        d: &tempfile::TempDir,
        format: &str,
    ) -> (tempfile::TempDir, std::path::PathBuf) {
        let out = tempfile::tempdir().unwrap();
        let report = out.path().join(format!("out.{format}"));
        let (code, counts) = run(&[
            "evaluate",
            d.path().to_str().unwrap(),
            "--format",
            format,
            "--jobs",
            "1",
            "-o",
            report.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
        once(d.path(), &counts);
        (out, report)
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
        let (_out, report) = evaluated_once(&d, "json");
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
        let (_out, report) = evaluated_once(&d, "csv");
        assert!(std::fs::metadata(&report).unwrap().len() > 0);
    }

    #[test]
    fn a_folder_holding_different_tables_is_read_once() {
        let d = folder(&[F01, F01_CSV, F03]);
        let (_out, report) = evaluated_once(&d, "json");
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        assert_eq!(v["totals"]["forms"], 2);
        assert_eq!(v["totals"]["copies"], 1);
    }
}
