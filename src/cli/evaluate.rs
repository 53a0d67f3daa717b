//! `jixiao evaluate INPUT…`: a table (target table or self-evaluation sheet), optional actuals
//! (YAML), scored into the 自评表 in the chosen format.
//!
//! An INPUT may be a folder (`samples/guangzhou-hpf-2023`): its `targets.*` is the table and its
//! `actuals.yaml`, where present, the actuals. A `.yaml`/`.yml` file is the actuals; anything
//! else is the table.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::eval::{self, ActualsFile, Methodology};
use crate::report::model::Summary;
use crate::report::{self, selfeval_table};
use crate::table::{self, model::Document, stream::Opened, stream::SheetStream};

use super::exit;

/// Tables with at least this many projects show a progress bar on a terminal.
const PROGRESS_FROM: usize = 2000;

/// A text sheet of at least this many bytes is evaluated in blocks for the whole-document
/// formats (`try_blocks`); a smaller one costs little read whole, and a small form is not
/// looked at twice (the blocks' reader gives it up only after looking for its header).
const BLOCKS_FROM: u64 = 256 * 1024;

pub use crate::report::ReportFormat;

/// What `--deny` stops on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DenyVerdict {
    /// 任一指标未达标
    Fail,
    /// 任一指标待评定或无法比较
    Review,
    /// 任一指标缺实际值
    Missing,
}

/// Arguments of `jixiao evaluate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标表或自评表，实际值文件（.yaml），包含 targets.* 与 actuals.yaml 的文件夹；多个文件、文件夹或 .zip 压缩包时逐表评价并汇总
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// 报告格式（不写时按 -o 文件的扩展名：.xlsx .csv .json .jsonl .html .md；其余为 table）
    #[arg(long = "format", value_name = "FORMAT", value_enum)]
    pub format_asked: Option<ReportFormat>,
    /// The format written: `--format`, else the output's extension, else `table` (`run`).
    #[arg(skip = ReportFormat::Table)]
    pub format: ReportFormat,
    /// 写入文件而非标准输出
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// 指标值与实际值未写年份时所用的年度
    #[arg(long, value_parser = super::year)]
    pub year: Option<i32>,
    /// 出现这类结论时以退出码 1 结束（可重复）
    #[arg(long, value_enum)]
    pub deny: Vec<DenyVerdict>,
    #[command(flatten)]
    pub table_args: super::input::TableArgs,
    #[command(flatten)]
    pub rules: super::rules::RuleArgs,
    /// 在报告后列出每个结论所依据的规则及其文件和行号（table、markdown 格式）
    #[arg(long)]
    pub explain: bool,
    /// 不流式评价：报告与整表读入后评价的相同（同一项目的行不相连时合并评分）。默认对文本自评表按块读入、边读边评：jsonl、csv 逐块写出；加此项与 table、markdown、json、html 一样逐块评价而不保留已评价的行，可能与整表不同时整表读入
    #[arg(long)]
    pub no_streaming: bool,
    /// 终端中的表格不按终端宽度截断，显示全部文字
    #[arg(long)]
    pub wide: bool,
    #[command(flatten)]
    pub pile: super::pile::PileArgs,
    /// xlsx：每个项目的自评表只保留官方表式的列（不加“说明”列），用于报送
    #[arg(long)]
    pub form_only: bool,
}

/// The inputs sorted: the table, the actuals file and rule files found in folders.
struct Resolved {
    table: PathBuf,
    /// The table, where a folder's was read already (`cli::pile::plan`).
    doc: Option<Document>,
    actuals: Option<PathBuf>,
    /// The folder's actuals file, parsed already.
    parsed: Option<ActualsFile>,
    folder_rules: Vec<crate::rules::RuleSource>,
    /// A folder's copies of the table: read (to tell they are copies), so no output either.
    copies: Vec<PathBuf>,
}

/// The table and the actuals file named by the inputs. A folder's files are sorted by what
/// they hold ([`crate::inputs`]): copies of one table in several formats read once (and said
/// so); its rule files load before any `--rules`. Two different tables, two actuals files (a
/// folder's included) or two folders are refused, naming both (never the first or last
/// silently).
fn resolve(
    inputs: &[PathBuf],
    mut folder: Option<Box<super::pile::Preread>>,
) -> Result<Resolved, String> {
    let mut found = Resolving::default();
    for input in inputs {
        if input.is_dir() {
            // the one folder, read once by `cli::pile::plan`
            let Some(folder) = folder.take().filter(|f| f.folder == *input) else {
                return Err(format!("文件夹 {} 未能读取", input.display()));
            };
            found.folder(input, *folder)?;
        } else if crate::inputs::is_yaml_name(&input.to_string_lossy()) {
            found.set_actuals(input.clone())?;
        } else {
            found.set_table(input.clone())?;
        }
    }
    found.finish()
}

/// The inputs as `resolve` sorts them, one at a time: the table and actuals file may each be
/// given once.
#[derive(Default)]
struct Resolving {
    table: Option<PathBuf>,
    doc: Option<Document>,
    actuals: Option<PathBuf>,
    parsed: Option<ActualsFile>,
    folder_rules: Vec<crate::rules::RuleSource>,
    copies: Vec<PathBuf>,
}

impl Resolving {
    /// `p` is the table; a second one is refused, naming both.
    fn set_table(&mut self, p: PathBuf) -> Result<(), String> {
        once(&mut self.table, p, |t, p| {
            format!(
                "给出了两个目标表或自评表：{} 和 {}；一次只评价一个表",
                t.display(),
                p.display()
            )
        })
    }

    /// `p` is the actuals file; a second one is refused, naming both.
    fn set_actuals(&mut self, p: PathBuf) -> Result<(), String> {
        once(&mut self.actuals, p, |a, p| {
            format!(
                "给出了两个实际值文件：{} 和 {}；只给出要用的那一个",
                a.display(),
                p.display()
            )
        })
    }

    /// A folder `input`, read once by `cli::pile::plan`: its table (copies said so on stderr,
    /// with which of its files are used), its actuals files and its rules.
    fn folder(&mut self, input: &Path, folder: super::pile::Preread) -> Result<(), String> {
        let super::pile::Preread {
            table: found,
            copies: folder_copies,
            actuals: folder_actuals,
            rules,
            ..
        } = folder;
        let Some((found, read)) = found else {
            return Err(format!(
                "文件夹 {} 中没有能读取的目标表、自评表或表单",
                input.display()
            ));
        };
        if !folder_copies.is_empty() {
            say!(
                "提示：{} 与 {} 是同一张表，读取前者",
                found.display(),
                folder_copies.join("、")
            );
        }
        // the copies' names are their paths (a folder's files): read, so never an output
        self.copies
            .extend(folder_copies.into_iter().map(PathBuf::from));
        say!(
            "读取：{}；实际值：{}",
            found.display(),
            folder_actuals_used(&folder_actuals, &read)
        );
        self.set_table(found)?;
        self.doc = Some(read);
        for (name, a) in folder_actuals {
            self.set_actuals(PathBuf::from(name))?;
            self.parsed = Some(a);
        }
        self.folder_rules.extend(rules);
        Ok(())
    }

    /// The inputs resolved, or what is missing: an actuals file alone is told what goes with it.
    fn finish(self) -> Result<Resolved, String> {
        let table = self.table.ok_or_else(|| match &self.actuals {
            // an actuals file alone: say what goes with it
            Some(a) => format!(
                "缺少目标表或自评表：{} 是实际值文件，要与它所填的目标表一起给出\n  提示：jixiao evaluate 目标表.xlsx {}（或把两者放进同一文件夹：jixiao evaluate 文件夹）",
                a.display(),
                a.display()
            ),
            None => "缺少目标表或自评表\n  提示：jixiao evaluate 目标表.xlsx 实际值.yaml；还没有实际值文件时，先用 jixiao template 目标表.xlsx 生成".to_owned(),
        })?;
        Ok(Resolved {
            table,
            doc: self.doc,
            actuals: self.actuals,
            parsed: self.parsed,
            folder_rules: self.folder_rules,
            copies: self.copies,
        })
    }
}

/// `slot` takes `p` where it is empty; where it holds one already, `twice(first, p)` is the
/// refusal (never the first or the last taken silently).
fn once(
    slot: &mut Option<PathBuf>,
    p: PathBuf,
    twice: fn(&Path, &Path) -> String,
) -> Result<(), String> {
    match slot {
        Some(first) => Err(twice(first, &p)),
        None => {
            *slot = Some(p);
            Ok(())
        }
    }
}

/// Which of a folder's files give the actuals, as the page lists them: its actuals files, or
/// the form's own (a filled form carries them), or none.
fn folder_actuals_used(folder_actuals: &[(String, ActualsFile)], read: &Document) -> String {
    if !folder_actuals.is_empty() {
        let used: Vec<&str> = folder_actuals.iter().map(|(n, _)| n.as_str()).collect();
        return used.join("、");
    }
    if read.indicators().any(|(_, _, i)| i.actual.is_some()) {
        "表中所填（文件夹中没有另外的实际值文件）".to_owned()
    } else {
        "无（文件夹中没有实际值文件）".to_owned()
    }
}

pub fn run(mut args: Args) -> u8 {
    args.format = super::output_format::resolve(
        args.format_asked,
        args.output.as_deref(),
        ReportFormat::Table,
    );
    // of two years' actual columns, the year asked is read (`table::ReadOptions::year`)
    args.table_args.year = args.year;
    match run_steps(&args) {
        Ok(code) | Err(code) => code,
    }
}

/// `run`'s steps in order: the inputs resolved (a folder read once), the output checked
/// against them, the actuals read, the sheet streamed where it can be, else the table read
/// whole, its findings shown, evaluated and the report written. `Err` is an exit code that
/// stops the run early.
fn run_steps(args: &Args) -> Result<u8, u8> {
    // the xlsx report's run with freed pages given back soon, from its reading on: what the
    // table freed before the workbook was begun was still resident beside it (`alloc`)
    let _purge = (args.format == ReportFormat::Xlsx).then(crate::alloc::Purge::soon);
    // several files, folders or archives: one roll-up (`cli::pile`); one folder read once
    let folder = super::pile::evaluate(args)?;
    folder_actuals_parse(folder.as_deref())?;
    let resolved = resolve(&args.inputs, folder).map_err(|e| {
        say!("错误：{e}");
        exit::USAGE
    })?;
    let Resolved {
        table: table_path,
        actuals: actuals_path,
        doc: read_doc,
        parsed,
        folder_rules,
        copies,
    } = resolved;
    // the output may not be one of the inputs (checked before anything is read)
    let folder_rule_paths: Vec<PathBuf> = folder_rules
        .iter()
        .map(|r| PathBuf::from(&r.name))
        .collect();
    let mut inputs: Vec<&Path> = vec![&table_path];
    inputs.extend(actuals_path.as_deref());
    inputs.extend(args.rules.rules.iter().map(PathBuf::as_path));
    inputs.extend(folder_rule_paths.iter().map(PathBuf::as_path));
    inputs.extend(copies.iter().map(PathBuf::as_path));
    super::output::refuse_input_as_output(args.output.as_deref(), &inputs)?;
    let actuals = match &actuals_path {
        Some(_) if parsed.is_some() => parsed,
        Some(p) => Some(read_actuals(p)?),
        None => None,
    };
    // only a regular file is streamed: a pipe or FIFO cannot be read twice (the 得分 column's
    // first pass), so it is read whole, within the input limit
    if matches!(args.format, ReportFormat::Jsonl | ReportFormat::Csv)
        && !args.no_streaming
        && read_doc.is_none()
        && crate::bounded::is_regular_file(&table_path)
        && let Some(code) = try_streaming(args, &table_path, actuals.as_ref(), &folder_rules)?
    {
        return Ok(code);
    }
    // the whole-document formats on a text sheet (and jsonl and csv not streamed): a block at
    // a time, where that gives the whole table's report
    if read_doc.is_none()
        && let Some(code) = try_blocks(args, &table_path, actuals.as_ref(), &folder_rules, &inputs)?
    {
        return Ok(code);
    }
    let mut doc = match read_doc {
        Some(doc) => doc,
        None => args.table_args.read(&table_path)?,
    };
    show_reader_findings(&doc);
    // a workbook past the xlsx limits is refused now, at the cost of the reading, not after the
    // whole report is made and held (issue 27); `--form-only`'s too
    if args.format == ReportFormat::Xlsx {
        let counts = doc.counts();
        if let Err(why) = report::xlsx::check_counts(counts.projects, counts.indicators) {
            say!("错误：{why}");
            return Err(exit::USAGE);
        }
    }
    let rules = args.rules.load_with(&folder_rules)?;
    if let Err(e) = eval::unfilled::check(&doc, actuals.as_ref()) {
        super::show(&e);
        return Err(exit::USAGE);
    }
    if let Err(e) = eval::unmatched::check(&doc, actuals.as_ref()) {
        super::show(&e);
        return Err(exit::USAGE);
    }
    // the reader's findings are shown and checked: its errors go on (first among the
    // report's findings, `eval::rollup`) and its warnings (beside the projects whose rows they
    // are on, `table::placed`); its notes stay with `inspect`. A form of 96,000 `其中` rows held
    // its 192,000 notes through the evaluation (issue 27)
    doc.findings
        .retain(|f| f.severity == crate::finding::Severity::Error || table::placed::carried(f));
    // the warnings moved out of the document into their places, not copied: the report holds
    // each once (a form of 32,000 warnings held them twice through its evaluation)
    let placed = table::placed::take_own(&mut doc);
    doc.findings.shrink_to_fit();
    let methodology = Methodology::from_rules(&rules);
    if let Some(sections) = through_sections(args, &methodology) {
        let inputs = &inputs;
        return evaluate_through(
            args,
            (doc, placed),
            (actuals.as_ref(), &methodology, &rules),
            sections,
            inputs,
        );
    }
    // the projects written as they are scored, where the format allows (issue 27)
    let mut spool = spool(args, &methodology, &rules);
    let report = evaluate_showing_progress(
        args,
        (&doc, placed),
        (actuals.as_ref(), &methodology, &rules),
        spool.as_mut(),
    );
    // the table is not read again: its memory goes before the report is rendered (issue 27)
    drop(doc);
    super::rules::tries_checked(&rules)?;
    for f in report.findings.iter().filter(|f| of_evaluation(f)) {
        say!("警告[{}] {}：{}", f.code, f.position(), f.message);
    }
    match spool {
        Some(spool) => write_spooled(args, spool, &report, &inputs),
        None => write_report(args, &report, &methodology, &rules, &inputs),
    }
}

/// Where the report is written while it is evaluated (`report::sections`): every text format
/// but with `--form-only` (xlsx only, refused otherwise after the evaluation, as before);
/// `--explain`'s rules after a table or Markdown report noted as each project is written
/// (`report::explain`; they were listed from the whole report held, issue 27). `None`: the
/// report is held whole and written after (xlsx; or where no temporary file can be made).
fn spool<'a>(
    args: &Args,
    methodology: &'a Methodology,
    rules: &'a crate::rules::RuleSet,
) -> Option<report::sections::Spool<'a>> {
    if args.form_only {
        return None;
    }
    let coloured = (args.format == ReportFormat::Table && coloured(args)).then(|| width(args));
    let mut sections =
        report::sections::of_format(args.format, &methodology.bands.value, coloured)?;
    if args.explain && matches!(args.format, ReportFormat::Table | ReportFormat::Markdown) {
        sections = Box::new(report::explain::Explaining::new(sections, rules).ok()?);
    }
    report::sections::Spool::new(sections).ok()
}

/// JSON lines of a table read whole: each project's lines written straight to the output as it
/// is scored (the format's head is empty: nothing waits for the roll-up), then the findings'
/// and summary lines. No temporary file (a workbook of 163,579 indicators spooled 98 MB to one
/// before, and the shared disk made 4 s of a run of 1.3 s of CPU); the bytes are the spool's.
/// The output is opened before the evaluation, as a streamed sheet's is: where the run stops
/// after it (the rules stopped trying), a file is dropped unfinished, standard output keeps
/// the lines written.
fn evaluate_through(
    args: &Args,
    (doc, placed): (Document, Option<table::placed::Placed>),
    (actuals, methodology, rules): (Option<&ActualsFile>, &Methodology, &crate::rules::RuleSet),
    sections: Box<dyn report::sections::Sections + '_>,
    inputs: &[&Path],
) -> Result<u8, u8> {
    let mut out = super::output::Output::open(args.output.as_deref(), inputs)?;
    let mut spool = report::sections::Spool::through(sections, &mut out);
    let report = evaluate_showing_progress(
        args,
        (&doc, placed),
        (actuals, methodology, rules),
        Some(&mut spool),
    );
    drop(doc);
    super::rules::tries_checked(rules)?;
    let written = spool.finish_through(&report);
    for f in report.findings.iter().filter(|f| of_evaluation(f)) {
        say!("警告[{}] {}：{}", f.code, f.position(), f.message);
    }
    Ok(closed(args, written, out, &report))
}

/// The parts of a format whose head is empty (JSON lines), to be written straight to the
/// output ([`evaluate_through`]); `None` for every other format (and `--form-only`).
fn through_sections<'a>(
    args: &Args,
    methodology: &'a Methodology,
) -> Option<Box<dyn report::sections::Sections + 'a>> {
    if args.form_only {
        return None;
    }
    report::sections::of_format(args.format, &methodology.bands.value, None)
        .filter(|s| !s.has_head())
}

/// Whether the report goes to standard output and the terminal shows colours there.
fn coloured(args: &Args) -> bool {
    args.output.as_deref().is_none_or(|p| p.as_os_str() == "-") && super::console::colour_out()
}

/// The coloured table's width: the terminal's, unless `--wide` asks for every character.
fn width(args: &Args) -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .filter(|_| !args.wide)
        .unwrap_or(usize::MAX)
}

/// The report whose projects were written to `spool` as they were scored: the output opened
/// (control characters shown in the text formats but the coloured table, which shows them
/// itself), the head, the projects and the tail written; the exit code `--deny` gives, or the
/// output's failure.
fn write_spooled(
    args: &Args,
    spool: report::sections::Spool<'_>,
    report: &crate::report::model::Report,
    inputs: &[&Path],
) -> Result<u8, u8> {
    let mut out = super::output::Output::open(args.output.as_deref(), inputs)?;
    let coloured = out.is_stdout() && super::console::colour_out();
    if matches!(args.format, ReportFormat::Markdown | ReportFormat::Csv)
        || (args.format == ReportFormat::Table && !coloured)
    {
        out = out.showing_controls();
    }
    let written = spool.finish(report, &mut out);
    Ok(closed(args, written, out, report))
}

/// A whole-document format (table, markdown, json, html; jsonl and csv with `--no-streaming`)
/// of a text sheet, evaluated a block at a time (`eval::blocks`) and written while it is
/// (`report::sections`): the table's rows never all held (issue 27). The report is the whole
/// table's, so `--no-streaming` (which asks for the whole table's report, never streaming's
/// projects cut where their rows are apart) is met here too. `None`: the sheet is read whole
/// after all, nothing said yet (it is no text sheet, the rules have something to say, the
/// report could differ from the whole table's: see `eval::blocks`). `Some` exit code when it
/// was written.
fn try_blocks(
    args: &Args,
    table_path: &Path,
    actuals: Option<&ActualsFile>,
    folder_rules: &[crate::rules::RuleSource],
    inputs: &[&Path],
) -> Result<Option<u8>, u8> {
    // jsonl and csv not streamed (`run_steps` has tried that unless `--no-streaming`)
    let lines = args.no_streaming && matches!(args.format, ReportFormat::Jsonl | ReportFormat::Csv);
    if !(lines
        || matches!(
            args.format,
            ReportFormat::Table | ReportFormat::Markdown | ReportFormat::Json | ReportFormat::Html
        ))
        || !crate::bounded::is_regular_file(table_path)
        || !std::fs::metadata(table_path).is_ok_and(|m| m.len() >= BLOCKS_FROM)
    {
        return Ok(None);
    }
    let open = || table::stream::open(table_path, &args.table_args.options());
    let Ok(Opened::Stream(stream)) = open() else {
        return Ok(None);
    };
    let Some(rules) = args.rules.load_silently(folder_rules) else {
        return Ok(None);
    };
    // a 得分 column: its rounding must be known before the first score is compared
    let published_dp = if stream.head().has_published_scores {
        match open() {
            Ok(Opened::Stream(s)) => match eval::stream::published_precision(*s) {
                Ok(dp) => dp,
                Err(_) => return Ok(None),
            },
            _ => return Ok(None),
        }
    } else {
        None
    };
    let methodology = Methodology::from_rules(&rules);
    let Some(mut spool) = spool(args, &methodology, &rules) else {
        return Ok(None);
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    let opts = eval::Options {
        methodology: &methodology,
        rules: &rules,
        year: args.year,
        progress: None,
        cancel: Some(&stop),
    };
    let report = eval::blocks::evaluate_blocks(*stream, actuals, published_dp, &opts, |p| {
        let p = spool.project(p);
        if spool.failed() {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        p
    });
    if let Some(e) = spool.take_error() {
        // the spool could not be written: said as a report that could not be
        return Ok(Some(super::output::failed(&e, "报告")));
    }
    let Some(report) = report else {
        return Ok(None);
    };
    super::rules::tries_checked(&rules)?;
    for f in report.findings.iter().filter(|f| of_evaluation(f)) {
        say!("警告[{}] {}：{}", f.code, f.position(), f.message);
    }
    write_spooled(args, spool, &report, inputs).map(Some)
}

/// Whether `f` is the evaluation's or the actuals file's (said on stderr after the run), or
/// closes a listing of theirs (`table::listing`: how many more were not listed).
fn of_evaluation(f: &crate::finding::Finding) -> bool {
    let ours = |code: &str| code.starts_with("actuals.") || code.starts_with("eval.");
    ours(&f.code) || f.counted().is_some_and(|(code, _)| ours(code))
}

/// An actuals file in the folder that does not parse stops the run, as one given does.
fn folder_actuals_parse(folder: Option<&super::pile::Preread>) -> Result<(), u8> {
    let bad = folder.and_then(|f| {
        f.unread.iter().find(|u| {
            matches!(
                u.refusal,
                crate::pile::Refusal::Actuals(_) | crate::pile::Refusal::ActualsEncoding { .. }
            )
        })
    });
    match bad {
        Some(bad) => {
            super::show(&bad.refusal);
            Err(exit::USAGE)
        }
        None => Ok(()),
    }
}

/// The actuals file at `p`: bounded, UTF-8 (a BOM dropped), parsed.
fn read_actuals(p: &Path) -> Result<ActualsFile, u8> {
    let mut bytes = crate::bounded::read_path(p, &crate::limits::ACTUALS).map_err(|e| {
        super::show(&e);
        exit::USAGE
    })?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        say!(
            "错误[actuals.encoding]：实际值文件 {} 不是 UTF-8 文本；请以 UTF-8 保存",
            p.display()
        );
        return Err(exit::USAGE);
    };
    ActualsFile::parse_owned(&p.display().to_string(), text).map_err(|e| {
        super::show(&*e);
        exit::USAGE
    })
}

/// The sheet streamed block by block where it can be: `Some` exit code when it was, `None`
/// when it is to be read whole after all.
fn try_streaming(
    args: &Args,
    table_path: &Path,
    actuals: Option<&ActualsFile>,
    folder_rules: &[crate::rules::RuleSource],
) -> Result<Option<u8>, u8> {
    match table::stream::open(table_path, &args.table_args.options()) {
        Ok(Opened::Stream(stream)) => {
            let rules = args.rules.load_with(folder_rules)?;
            Ok(streaming(args, table_path, *stream, actuals, &rules))
        }
        Ok(Opened::Whole) => Ok(None),
        Err(e) => {
            super::show(&e);
            Err(exit::USAGE)
        }
    }
}

/// The reader's findings (rows skipped, sums that do not add up) to stderr: in full, but a
/// form's notes (its template's placeholder rows, categories told from their 二级指标, skipped
/// sheets) only counted (`inspect` lists them). Written a piece at a time
/// (`super::Diagnostics`).
fn show_reader_findings(doc: &Document) {
    let mut diagnostics = super::Diagnostics::new();
    let mut notes = 0;
    for f in &doc.findings {
        if f.is_form_note() {
            notes += 1;
            continue;
        }
        diagnostics.show(f, &doc.source);
    }
    let last = if notes > 0 {
        format!(
            "提示：读表单时另有 {notes} 条说明（模板占位行、推断的类别等），用 jixiao inspect 查看\n"
        )
    } else {
        String::new()
    };
    diagnostics.finish(&last);
}

/// The evaluation, with a progress bar for long runs on a terminal only (never in pipes or
/// logs, nor among JSON lines written to the terminal as they come).
/// Each project goes to `spool`, where there is one, as soon as it is scored (and the
/// evaluation stops once the spool cannot be written).
fn evaluate_showing_progress(
    args: &Args,
    (doc, placed): (&Document, Option<table::placed::Placed>),
    (actuals, methodology, rules): (Option<&ActualsFile>, &Methodology, &crate::rules::RuleSet),
    mut spool: Option<&mut report::sections::Spool<'_>>,
) -> crate::report::model::Report {
    let projects = doc.counts().projects;
    // (JSON lines written through to the terminal as they are scored: no bar drawn among them)
    let lines_shown = spool.as_ref().is_some_and(|s| s.writes_through())
        && args.output.as_deref().is_none_or(|p| p.as_os_str() == "-")
        && std::io::stdout().is_terminal();
    let bar =
        (std::io::stderr().is_terminal() && projects >= PROGRESS_FROM && !lines_shown).then(|| {
            let bar = indicatif::ProgressBar::new(projects as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("评价中 {bar:40} {pos}/{len} 个项目 {eta}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
    let tick = |done: usize, _total: usize| {
        if let Some(b) = &bar
            && done.is_multiple_of(256)
        {
            b.set_position(done as u64);
        }
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    let report = eval::evaluate_placed(
        doc,
        placed,
        actuals,
        &eval::Options {
            methodology,
            rules,
            year: args.year,
            progress: bar.as_ref().map(|_| &tick as &dyn Fn(usize, usize)),
            cancel: Some(&stop),
        },
        |p| match spool.as_deref_mut() {
            Some(spool) => {
                let p = spool.project(p);
                if spool.failed() {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                p
            }
            None => p,
        },
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    report
}

/// The report written in the chosen format (xlsx never to a terminal; `--form-only` only as
/// xlsx), with `--explain`'s notes; the exit code `--deny` gives, or the output's failure.
fn write_report(
    args: &Args,
    report: &crate::report::model::Report,
    methodology: &Methodology,
    rules: &crate::rules::RuleSet,
    inputs: &[&Path],
) -> Result<u8, u8> {
    // xlsx is binary: to a file, or to stdout only when stdout is not a terminal.
    if args.format == ReportFormat::Xlsx && args.output.is_none() && std::io::stdout().is_terminal()
    {
        say!("错误：xlsx 是二进制文件，不能写到终端；请用 -o 报告.xlsx，或把标准输出重定向到文件");
        return Err(exit::USAGE);
    }
    let mut out = super::output::Output::open(args.output.as_deref(), inputs)?;
    let coloured = out.is_stdout() && super::console::colour_out();
    // text reports show the table's control characters visibly (the coloured table does so
    // itself, before its colours)
    if matches!(args.format, ReportFormat::Markdown | ReportFormat::Csv)
        || (args.format == ReportFormat::Table && !coloured)
    {
        out = out.showing_controls();
    }
    if args.form_only && args.format != ReportFormat::Xlsx {
        say!("错误：--form-only 只用于 xlsx 报告；请加 --format xlsx -o 自评表.xlsx");
        return Err(exit::USAGE);
    }
    let written = if args.form_only {
        // the forms as the official template has them: no 说明 column
        report::write_xlsx(report, true, &mut out)
    } else if args.format == ReportFormat::Table && coloured {
        // as wide as the terminal, unless --wide asks for every character
        selfeval_table::write_text_coloured(report, width(args), &mut out)
    } else {
        report::write(report, args.format, &methodology.bands.value, &mut out)
    }
    .and_then(|_| {
        if args.explain && matches!(args.format, ReportFormat::Table | ReportFormat::Markdown) {
            out.write_all(report::explain::explain(report, rules).as_bytes())?;
        }
        Ok(())
    });
    Ok(closed(args, written, out, report))
}

/// The output closed after the report was `written`: the exit code `--deny` gives, or the
/// output's failure; a report written to a file says where, and its summary line.
fn closed(
    args: &Args,
    written: std::io::Result<()>,
    out: super::output::Output,
    report: &crate::report::model::Report,
) -> u8 {
    let ok = denied(&args.deny, &report.summary);
    match written {
        // dropped unfinished: the temporary file goes, the old report stays
        Err(e) => super::output::failed(&e, "报告"),
        Ok(()) => {
            let code = out.close("报告", ok);
            // a report written to a file: say where, and what it holds (the screen shows
            // nothing else)
            if code == ok
                && let Some(path) = args.output.as_deref().filter(|p| p.as_os_str() != "-")
            {
                say!(
                    "已写入 {}\n{}",
                    path.display(),
                    selfeval_table::summary_line(report)
                );
            }
            code
        }
    }
}

/// The exit code `--deny` gives for a summary.
pub(super) fn denied(deny: &[DenyVerdict], s: &Summary) -> u8 {
    let denied = deny.iter().any(|d| match d {
        DenyVerdict::Fail => s.fail > 0,
        DenyVerdict::Review => s.review + s.invalid > 0,
        DenyVerdict::Missing => s.missing > 0,
    });
    if denied { exit::DENIED } else { exit::OK }
}

/// `--format jsonl` or `csv` on a text sheet: read, evaluated and written block by block on
/// every core (see `eval::stream`); the reader's findings go to stderr as their blocks are
/// written. `None`: the sheet is to be read whole after all (see [`streaming_csv`]).
fn streaming(
    args: &Args,
    table_path: &Path,
    stream: SheetStream,
    actuals: Option<&ActualsFile>,
    rules: &crate::rules::RuleSet,
) -> Option<u8> {
    let methodology = Methodology::from_rules(rules);
    let head = stream.head();
    // a 得分 column: its rounding must be known before the first score is compared
    let published_dp = if head.has_published_scores {
        let first_pass = match table::stream::open(table_path, &args.table_args.options()) {
            Ok(Opened::Stream(s)) => eval::stream::published_precision(*s),
            Ok(Opened::Whole) => Ok(None),
            Err(e) => Err(e),
        };
        match first_pass {
            Ok(dp) => dp,
            Err(e) => {
                super::show(&e);
                return Some(exit::USAGE);
            }
        }
    } else {
        None
    };
    let colour = super::console::colour();
    let render = move |doc: &Document| {
        let handler = crate::diagnostic::handler(colour);
        let mut text = String::new();
        for f in &doc.findings {
            crate::diagnostic::render_into(&mut text, &handler, &f.diagnostic(&doc.source));
        }
        text
    };
    let mut inputs: Vec<&Path> = vec![table_path];
    inputs.extend(args.rules.rules.iter().map(PathBuf::as_path));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let opts = eval::stream::StreamOptions {
        lines: &report::json::JsonLines,
        methodology: &methodology,
        rules,
        year: args.year,
        actuals,
        published_dp,
        workers,
        render: &render,
        // a run with nothing to score writes nothing: refused below as the whole table is
        hold_unfilled: true,
    };
    if args.format == ReportFormat::Csv {
        return streaming_csv(args, &inputs, &head.findings, stream, opts);
    }
    say_findings(&head.findings);
    let mut out = match super::output::Output::open(args.output.as_deref(), &inputs) {
        Ok(o) => o,
        Err(code) => return Some(code),
    };
    let result = eval::stream::evaluate_stream(stream, &opts, &mut out, &mut std::io::stderr());
    Some(match result {
        // the rules stopped trying: the report is dropped unfinished
        Ok(_) if rules.overrun().is_some() => super::rules::tries_checked(rules)
            .err()
            .unwrap_or(exit::USAGE),
        // nothing to score (no actual; an actuals file that gives nothing): nothing was
        // written; the sheet is read whole and refused in the whole table's words, as every
        // format is (exit code 2)
        Ok(streamed) if refused(&streamed, actuals) => return None,
        Ok(streamed) => {
            for f in &streamed.findings {
                say!("警告[{}] {}：{}", f.code, f.position(), f.message);
            }
            out.close("报告", denied(&args.deny, &streamed.summary))
        }
        // dropped unfinished: the temporary file goes, the old report stays
        Err(eval::stream::StreamError::Write(e)) => super::output::failed(&e, "报告"),
        Err(e) => {
            super::show(&e);
            exit::USAGE
        }
    })
}

/// Whether a streamed run is one the whole-table path refuses: no actual in the sheet and no
/// actuals file (`eval::unfilled`), or an actuals file that gives no project anything
/// (`eval::unmatched`).
fn refused(s: &eval::stream::Streamed, actuals: Option<&ActualsFile>) -> bool {
    match actuals {
        None => !s.actuals_seen,
        Some(a) => !a.projects.is_empty() && !s.actuals_used,
    }
}

/// `--format csv`, streamed: the rows go to a temporary file and the reader's findings to
/// another while the sheet is evaluated, because what stands before them is known only at the
/// end: the actuals that matched nothing (the warning rows under the header), and whether the
/// run is refused at all (a sheet without one actual and no actuals file, an actuals file that
/// gives nothing). A run the whole-table path would refuse gives `None` and is read whole, so
/// that it is refused in the same words; the rest writes the head, then copies the rows.
/// Memory stays flat; the rows are written twice (the page cache holds them between).
fn streaming_csv(
    args: &Args,
    inputs: &[&Path],
    head_findings: &[crate::finding::Finding],
    stream: SheetStream,
    mut opts: eval::stream::StreamOptions<'_>,
) -> Option<u8> {
    opts.lines = &report::csv::CsvLines;
    // every row is held in a temporary file here already, and a refused run returns before any
    // is written: nothing to hold back twice (`eval::unfilled::Held`)
    opts.hold_unfilled = false;
    let held = tempfile::tempfile().and_then(|rows| Ok((rows, tempfile::tempfile()?)));
    let (rows, notes) = match held {
        Ok(files) => files,
        Err(e) => return Some(super::output::failed(&e, "报告")),
    };
    let mut rows = std::io::BufWriter::with_capacity(256 * 1024, rows);
    let mut notes = std::io::BufWriter::new(notes);
    let result = eval::stream::evaluate_stream(stream, &opts, &mut rows, &mut notes);
    if result.as_ref().is_ok_and(|s| refused(s, opts.actuals)) {
        return None;
    }
    // the reader's findings so far, also where the run stopped on an error
    say_findings(head_findings);
    let copied = notes
        .into_inner()
        .map_err(|e| e.into_error())
        .and_then(|mut notes| {
            std::io::Seek::rewind(&mut notes)?;
            std::io::copy(&mut notes, &mut std::io::stderr())
        });
    if let Err(code) = super::rules::tries_checked(opts.rules) {
        return Some(code);
    }
    let streamed = match result {
        Ok(s) => s,
        Err(eval::stream::StreamError::Write(e)) => return Some(super::output::failed(&e, "报告")),
        Err(e) => {
            super::show(&e);
            return Some(exit::USAGE);
        }
    };
    if let Err(e) = copied {
        return Some(super::output::failed(&e, "提示"));
    }
    for f in &streamed.findings {
        say!("警告[{}] {}：{}", f.code, f.position(), f.message);
    }
    let mut out = match super::output::Output::open(args.output.as_deref(), inputs) {
        Ok(o) => o.showing_controls(),
        Err(code) => return Some(code),
    };
    let warnings = report::warnings::lines_of(&streamed.findings);
    // the report's own findings, as the whole table's report has them: the reader's first
    let mut own = streamed.read.0.clone();
    own.extend(streamed.findings.iter().cloned());
    let written = report::csv::write_head(&mut out, &warnings, (&own, streamed.read.1))
        .and_then(|_| rows.into_inner().map_err(|e| e.into_error()))
        .and_then(|mut rows| {
            std::io::Seek::rewind(&mut rows)?;
            std::io::copy(&mut rows, &mut out)
        });
    Some(match written {
        Ok(_) => out.close("报告", denied(&args.deny, &streamed.summary)),
        // dropped unfinished: the temporary file goes, the old report stays
        Err(e) => super::output::failed(&e, "报告"),
    })
}

/// The reader's findings on stderr, one line each (`警告[code] 位置：message`), as a streamed
/// run says them before and after its rows.
fn say_findings<'f>(findings: impl IntoIterator<Item = &'f crate::finding::Finding>) {
    for f in findings {
        say!(
            "{}[{}] {}：{}",
            f.severity.zh(),
            f.code,
            f.position(),
            f.message
        );
    }
}
