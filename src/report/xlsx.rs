//! The xlsx report: a workbook a finance office can file (rust_xlsxwriter).
//!
//! - `汇总` (first): the units, then the projects (each name a link to its sheet), with
//!   amounts, scores, grades and counts of verdicts;
//! - one sheet a project (`1.项目名称`, unique, at most 31 characters): the official
//!   项目支出绩效自评表 as `form_layout` lays it out — title and year, 项目名称 / 主管部门 /
//!   实施单位, the funds block (amounts `#,##0.00`, 执行率 a percentage, 分值 and 得分), the goal
//!   block, the indicator grid with 一级 and 二级指标 merged, the unit's own 偏差原因 and a 说明
//!   column (verdict, calculation, the row's findings, the office's own 得分 where it differs),
//!   the 总分 row (points, total, grade) and the project's findings below it;
//! - `复核差异`: the rows whose recomputed score differs from the sheet's own 得分 (only when
//!   there are any);
//! - `输入提示`: input findings the scores do not show (only when there are any).
//!
//! `render_form_only` (`--form-only`) leaves the 说明 column out of each project's form, so the
//! sheet is the official form to file. An actual written as a plain number (`735`, `43.20`) is a
//! number cell shown with the digits written; any other actual is text, exactly as written.
//!
//! Every sheet prints A4 landscape, one page wide, with page numbers. 分值 and 得分 are number
//! cells: a score holds the shown (half-up) value with a `0.00` format, so a sum in Excel adds
//! what the page shows; a weight holds its exact value, shown `0.00` (with more decimals where
//! the exact value has them, so the form read back scores the same). The project sheets read
//! back through the forms reader as the projects they report (`tests/xlsx_roundtrip.rs`). The
//! creation date is fixed, so the same report gives the same bytes.
//!
//! Both cores: the project sheets are built on up to `MAX_WORKERS` (4) threads (a few sheets
//! ahead of the one the workbook takes next, in order). The workbook registers each sheet's
//! formats and strings as it comes, in order (`Workbook::register_worksheet`, jixiao's fork of
//! rust_xlsxwriter in `vendor/rust_xlsxwriter`), and the workers assemble and deflate its XML
//! (`RegisteredWorksheet::pack`: it needs nothing of the workbook then), which the workbook
//! takes in order (`Workbook::push_packed_worksheet`), the work handed out `BATCH` sheets a
//! job (a thread woken a sheet cost a sixth of the CPU): only the deflated sheet is kept until
//! the workbook is saved, not its cells and formats (372 → 135 MB at 5,000 projects, debug
//! build; upstream holds every sheet whole, then assembles them all at once on a thread each).
//! Packed on the thread that wrote the zip, the sheets' XML and deflate were four fifths of
//! that thread's work and it held the workers back (H88, benches/README.md). The bytes do not
//! depend on the number of threads (tested against one) nor on the packing (tested against
//! sheets held until saved). Every sheet's part is deflated at level 1 (the
//! fastest; `Workbook::set_worksheet_deflate_level`, the fork's): at 10,000 projects deflating
//! at the default level was about a fifth of the report's CPU (H84: 2.6 → 2.0 s of CPU under
//! load, the workbook 14.9 → 19.5 MB, every part's XML the same bytes).
//!
//! The `汇总` sheet (a row and a link a project) is packed the same way as soon as it is
//! written (`Workbook::pack_first_worksheet`, made active as saving would make it: its links
//! are to places in the workbook, so its XML is known before the sheets it links to): at
//! 5,000 projects it held some 20 MB of cells and links until the workbook was saved.
//!
//! The report's writer ([`crate::report::write_xlsx`]) saves the workbook into a temporary
//! file and copies it to the output ([`write_while`]): the zip is written part by part as
//! it is saved, not gathered into a buffer that grows by doubling beside the sheets held
//! (at 5,000 projects 8.4 MB in a buffer of 16 MB; 147 → 108 MB, debug build). The bytes are
//! those of the buffer (tested). Each project sheet's deflated part goes to a second temporary
//! file as it is packed (`Workbook::spill_packed_worksheets_to`), read back one at a time when
//! the workbook is saved: 10,000 projects held 15 MB of parts until then (the same bytes,
//! tested). A workbook past the xlsx limits is refused by [`check_counts`] as soon as the table
//! is read, before its report is made.
//!
//! A long project's sheet (reckoned to make `SCRATCH_FROM`, 8 MB, of XML or more) is written
//! to a temporary file while it is packed, each row's cells dropped once written, and read back
//! once they are gone (`Workbook::set_pack_scratch`, the fork's; issue 27, H160): its XML is
//! never held beside its cells (200,000 rows: 74 MB). The same bytes (tested).

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline,
    PackedWorksheet, RegisteredWorksheet, Url, Workbook, Worksheet, XlsxError,
};

use unicode_width::UnicodeWidthStr;

use super::form_layout::{self as layout, Columns, Funds, GridRow, Put, Styles, Total};
use super::model::{IndicatorReport, ProjectReport, Report, Shown};
use super::selfeval_table::{published_total, total_text};
use crate::eval::Verdict;

struct Formats {
    title: Format,
    head: Format,
    text: Format,
    wrap: Format,
    int: Format,
    score: Format,
    total: Format,
    total_score: Format,
    /// The project forms' fixed parts.
    form: Styles,
    /// A weight whose exact value has more decimals than the scores show.
    fine: Format,
    /// 分值 and 得分 in a form.
    form_score: Format,
    /// 执行率 as a percentage.
    rate: Format,
    /// The notes under a form.
    note: Format,
    /// A project's name in 汇总, linking to its sheet.
    link: Format,
    dp: u32,
    /// 年度指标值, 计划数 and 实际完成值: a plain number or percentage as a number cell showing
    /// the digits written (`735`, `43.20`, `95%`), anything else text as written.
    written: layout::AsWritten,
}

impl Formats {
    fn new(dp: u32) -> Self {
        let num = decimals("0", dp);
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(12),
            head: cell
                .clone()
                .set_bold()
                .set_background_color("#F0F3F6")
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            int: cell.clone().set_align(FormatAlign::Right),
            score: cell.clone().set_num_format(&num),
            total: cell.clone().set_bold().set_background_color("#F0F3F6"),
            total_score: cell
                .clone()
                .set_bold()
                .set_background_color("#F0F3F6")
                .set_num_format(&num),
            form: Styles::new(),
            form_score: layout::cell().set_num_format(&num),
            // shown to the method's decimals, more where the exact value has them (50 ÷ 6):
            // with no decimals shown, the extra ones still need their point
            fine: layout::cell().set_num_format(if dp == 0 {
                format!("0.{}", "#".repeat(10))
            } else {
                format!("{num}{}", "#".repeat(10))
            }),
            rate: layout::cell().set_num_format(format!("{num}%")),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            link: cell
                .set_text_wrap()
                .set_font_color("#0563C1")
                .set_underline(FormatUnderline::Single),
            dp,
            written: layout::AsWritten::new(&layout::cell()),
        }
    }

    /// A form cell holding a number in `code`.
    fn form_number(&self, code: &str) -> Format {
        layout::cell().set_num_format(code)
    }
}

/// A number format of `int` and `dp` decimals (`0.00`, `#,##0.0000`).
fn decimals(int: &str, dp: u32) -> String {
    if dp == 0 {
        int.to_owned()
    } else {
        format!("{int}.{}", "0".repeat(dp as usize))
    }
}

/// The shown value as a number (what the page shows, not the exact value).
fn number(s: &Shown) -> f64 {
    to_f64(s.rounded())
}

/// A decimal as the nearest `f64` (through its text: the shortest digits that read back as it).
fn to_f64(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
}

fn score_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: Option<&Shown>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match s {
        Some(s) => ws.write_number_with_format(row, col, number(s), &f.score)?,
        None => ws.write_string_with_format(row, col, "—", &f.text)?,
    };
    Ok(())
}

/// A4 landscape, as wide as one page, page numbers in the footer: how the sheet is filed.
fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C第 &P 页，共 &N 页");
}

/// Height of one line of text, in points.
const LINE: f64 = 15.0;

/// The lines `text` takes in a column `width` wide (Excel's units): neither Excel nor
/// LibreOffice grows a row for wrapped text written by a library, so they are counted here by
/// display width (a Chinese character is two display columns but about 1.6 of Excel's width
/// units), each line break starting a line.
fn lines(text: &str, width: f64) -> f64 {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|l| (l.width() as f64 * 0.8 / room).ceil().max(1.0))
        .sum()
}

/// Set a row's height to fit its wrapped cells (`(column, text)`, in columns `widths` wide).
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(usize, &str)], widths: &[f64]) {
    let n = cells
        .iter()
        .map(|(col, text)| lines(text, widths.get(*col).copied().unwrap_or(8.0)))
        .fold(1.0_f64, f64::max);
    if n > 1.0 {
        let _ = ws.set_row_height(row, LINE * n);
    }
}

/// Set a row's height to fit a text over columns `first..=last`.
fn fit_across(ws: &mut Worksheet, row: u32, text: &str, widths: &[f64], first: usize, last: usize) {
    let width: f64 = widths.get(first..=last).map_or(8.0, |w| w.iter().sum());
    fit_row(ws, row, &[(0, text)], &[width]);
}

/// An amount's number format: thousands separated, two decimals or as many as it has.
fn amount_format(d: Decimal) -> String {
    decimals("#,##0", d.normalize().scale().clamp(2, 10))
}

/// An amount cell of the funds block, in `number` (an empty cell in `blank` where not given).
fn amount<'a>(d: Option<Decimal>, number: &'a Format, blank: &'a Format) -> Put<'a> {
    match d {
        Some(d) => Put::number(to_f64(d), number),
        None => Put::blank(blank),
    }
}

/// A weight cell: its exact value, `0.00` where that shows it, with more decimals where not.
fn weight<'a>(w: &Shown, f: &'a Formats) -> Put<'a> {
    let exact = w.exact.normalize();
    let format = if exact.scale() <= f.dp {
        &f.form_score
    } else {
        &f.fine
    };
    Put::number(to_f64(exact), format)
}

/// A verdict as the report words it: the grade a person gave, else the verdict (`【达标】`).
fn verdict_tag(i: &IndicatorReport) -> String {
    format!("【{}】", i.grade.unwrap_or(i.verdict.zh()))
}

/// A project's findings that name an indicator, by its name (a project's findings name no
/// sequence), in the project's order: each
/// row's found once (a search of all the project's findings for each row was quadratic: a
/// project of 60,000 rows each with a finding took 28 s of CPU in a release build).
fn by_indicator(p: &ProjectReport) -> HashMap<&str, Vec<&crate::finding::Finding>> {
    let mut out: HashMap<&str, Vec<&crate::finding::Finding>> = HashMap::new();
    for f in &p.findings {
        if let Some(name) = f.indicator_name() {
            out.entry(name).or_default().push(f);
        }
    }
    out
}

/// The 说明 of an indicator row: its verdict, the office's own 得分 where it differs, the
/// categories a rule inferred (written plain in their columns, as the form reads them back),
/// how the score was reached, and the row's findings (`own`: those that name it).
fn row_notes(i: &IndicatorReport, own: &[&crate::finding::Finding]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if i.differs_from_published
        && let Some(d) = i.published_score
    {
        parts.push(format!("原表得分 {}，与复核得分不一致", d.normalize()));
    }
    match (i.category_inferred, i.subcategory_inferred) {
        (true, true) => parts.push("一级、二级指标按规则推断".to_owned()),
        (true, false) => parts.push("一级指标按规则推断".to_owned()),
        (false, true) => parts.push("二级指标按规则推断".to_owned()),
        (false, false) => {}
    }
    if i.verdict == Verdict::NotApplicable
        && let Some(a) = i.actual.as_deref().filter(|a| !is_not_applicable(a))
    {
        parts.push(format!("原填实际完成值：{a}"));
    }
    if !i.note.is_empty() {
        parts.push(i.note.to_string());
    }
    for f in own {
        parts.push(format!("{}（{}）", f.message, f.code));
    }
    let notes = format!("{} {}", verdict_tag(i), parts.join("；"));
    super::xlsx_fit::fit(&notes).into_owned()
}

/// The words a form writes in 实际完成值 for a row that does not apply this year (read back as
/// not applicable).
fn is_not_applicable(a: &str) -> bool {
    matches!(a.trim(), "不适用" | "本年不适用" | "不涉及")
}

/// The 实际完成值 cell: the actual, or `不适用` for a row that does not apply (so the form
/// read back drops it as this report did).
fn actual_cell<'a>(i: &'a IndicatorReport, f: &'a Formats) -> Put<'a> {
    if i.verdict == Verdict::NotApplicable {
        return Put::text(
            i.actual
                .as_deref()
                .filter(|a| is_not_applicable(a))
                .unwrap_or("不适用"),
            &f.form.text,
        );
    }
    f.written.maybe(i.actual.as_deref())
}

/// The funds row's 说明: how a published method scored budget execution, the office's own 得分
/// for it where it gave one that differs (the text reports' 说明, the same words).
fn budget_notes(p: &ProjectReport) -> String {
    super::selfeval_table::budget_remark(p)
}

/// The 总分 row's 说明: the total (out of its points where they are not 100), the grade, the
/// points waiting for a person, the office's own total.
fn total_notes(p: &ProjectReport) -> String {
    let pending = if p.pending.exact.is_zero() {
        String::new()
    } else {
        format!("；另有 {} 分待评定", p.pending)
    };
    format!(
        "总分 {}，等级 {}{pending}{}",
        total_text(p),
        p.grade_text(),
        published_total(p)
    )
}

/// The funds block of a project's form.
fn project_funds(
    ws: &mut Worksheet,
    cols: &Columns,
    p: &ProjectReport,
    f: &Formats,
) -> Result<(), XlsxError> {
    let budget_format = f.form_number(&amount_format(p.budget.unwrap_or_default()));
    let spent_format = f.form_number(&amount_format(p.spent.unwrap_or_default()));
    let notes = super::xlsx_fit::fit(&budget_notes(p)).into_owned();
    layout::funds(
        ws,
        cols,
        &f.form,
        &p.money_unit,
        &Funds {
            initial: Put::blank(&f.form.text),
            budget: amount(p.budget, &budget_format, &f.form.text),
            spent: amount(p.spent, &spent_format, &f.form.text),
            weight: match p.budget {
                Some(_) => weight(&p.budget_weight, f),
                None => Put::blank(&f.form.text),
            },
            rate: match &p.execution_rate {
                Some(r) => Put::number(to_f64(r.rounded() / Decimal::ONE_HUNDRED), &f.rate),
                None => Put::blank(&f.form.text),
            },
            score: match &p.budget_score {
                Some(s) => Put::number(number(s), &f.form_score),
                None => Put::blank(&f.form.text),
            },
            notes: cols.notes.then(|| Put::text(notes, &f.form.text)),
        },
    )
}

/// The project sheets of `r`, added to `wb` in order, asking `go_on` before each is taken:
/// built on `workers` threads (1: on this one), and where `pack` each registered with the
/// workbook in order (`Workbook::register_worksheet`, the fork's), assembled and deflated on
/// the workers too (`RegisteredWorksheet::pack`: needs nothing of the workbook), and pushed
/// in order (`Workbook::push_packed_worksheet`); else held whole (`push_worksheet`). The
/// workbook is the same bytes either way (tested), and the sheets built or packed ahead of
/// the one pushed next are at most `AHEAD` a worker, as before the packing moved to the
/// workers.
#[allow(clippy::too_many_arguments)]
fn project_sheets(
    r: &Report,
    names: &[String],
    f: &Formats,
    with_notes: bool,
    go_on: &mut dyn FnMut() -> bool,
    workers: usize,
    wb: &mut Workbook,
    pack: bool,
) -> Result<(), XlsxError> {
    let cancelled = || XlsxError::ParameterError("cancelled".to_owned());
    let build = |i: usize| -> Result<Worksheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(&names[i])?;
        project_sheet(&mut ws, r, &r.projects[i], f, with_notes)?;
        Ok(ws)
    };
    let n = r.projects.len();
    if workers <= 1 || n < 2 * AHEAD {
        for i in 0..n {
            if !go_on() {
                return Err(cancelled());
            }
            let ws = build(i)?;
            if pack {
                wb.push_worksheet_packed(ws)?;
            } else {
                wb.push_worksheet(ws);
            }
        }
        return Ok(());
    }
    let (job_tx, job_rx) = std::sync::mpsc::channel::<Job>();
    let job_rx = std::sync::Mutex::new(job_rx);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (job_rx, done_tx, build) = (&job_rx, done_tx.clone(), &build);
            scope.spawn(move || {
                loop {
                    let job = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(job)) = job else { break };
                    if done_tx.send(job.run(build, names)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // owned here, so that leaving this closure (done or cancelled) stops the workers
        let job_tx = job_tx;
        let mut sent = 0;
        // the sheets up to `upto` handed out, `BATCH` to a job (the last job of the report
        // may hold fewer)
        let mut send = |upto: usize| {
            let upto = upto.min(n);
            while sent < upto && (upto - sent >= BATCH || upto == n) {
                let end = (sent + BATCH).min(upto);
                // the workers only stop when `job_tx` is dropped
                let _ = job_tx.send(Job::Build(sent..end));
                sent = end;
            }
        };
        send(AHEAD * workers);
        // sheets built and not yet registered, packed and not yet pushed, by index
        let mut built = std::collections::BTreeMap::new();
        let mut packed = std::collections::BTreeMap::new();
        let (mut registered, mut pushed) = (0, 0);
        while pushed < n {
            match done_rx.recv() {
                Ok(Done::Built(from, sheets)) => {
                    built.extend((from..).zip(sheets));
                }
                Ok(Done::Packed(from, sheets)) => {
                    packed.extend((from..).zip(sheets));
                }
                Err(_) => return Err(XlsxError::ParameterError("worker stopped".to_owned())),
            }
            // the sheets registered now, packed together
            let (from, mut to_pack) = (registered, Vec::new());
            while built.contains_key(&registered) {
                // asked once before each sheet is taken, in order
                if !go_on() {
                    return Err(cancelled());
                }
                let sheet = built.remove(&registered).ok_or_else(cancelled)??;
                if pack {
                    to_pack.push(wb.register_worksheet(sheet)?);
                } else {
                    wb.push_worksheet(sheet);
                    pushed += 1;
                    send(pushed + AHEAD * workers);
                }
                registered += 1;
            }
            if !to_pack.is_empty() {
                let _ = job_tx.send(Job::Pack(from, to_pack));
            }
            while let Some(sheet) = packed.remove(&pushed) {
                wb.push_packed_worksheet(sheet?)?;
                pushed += 1;
                send(pushed + AHEAD * workers);
            }
        }
        Ok(())
        // leaving the scope drops `job_tx` (the workers stop) and joins them
    })
}

/// A project sheet's work on a worker ([`project_sheets`]): sheets built, or packed once
/// registered (those from the index given), a few at a time: a job and its answer wake two
/// threads, and one sheet a job spent about a sixth of the report's CPU in the kernel
/// switching threads (10,000 projects on two cores).
enum Job {
    Build(std::ops::Range<usize>),
    Pack(usize, Vec<RegisteredWorksheet>),
}

/// Sheets a [`Job`] holds at most.
const BATCH: usize = 4;

// `project_sheets` hands a job out only once `BATCH` sheets (or the report's last) lie within
// the `AHEAD * workers` sheets ahead of the one pushed next: with every sheet handed out pushed,
// a batch larger than that window would never be handed out and the workbook would wait for it
// forever. The threaded path has two workers at least.
const _: () = assert!(BATCH <= 2 * AHEAD);

/// A [`Job`] done: its sheets from the index given, in order.
enum Done {
    Built(usize, Vec<Result<Worksheet, XlsxError>>),
    Packed(usize, Vec<Result<PackedWorksheet, XlsxError>>),
}

impl Job {
    /// Does the job; a sheet whose building or packing panics is an error in its place that
    /// names the sheet (its number and name, `names` by project; the workbook would otherwise
    /// wait for it forever).
    fn run(
        self,
        build: &(dyn Fn(usize) -> Result<Worksheet, XlsxError> + Sync),
        names: &[String],
    ) -> Done {
        let panicked = |step: &str, i: usize| {
            let name = names.get(i).map_or("", String::as_str);
            XlsxError::ParameterError(format!(
                "第 {} 个项目工作表「{name}」{step}时出错（sheet builder panicked）",
                i + 1
            ))
        };
        match self {
            Job::Build(sheets) => Done::Built(
                sheets.start,
                sheets
                    .map(|i| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(i)))
                            .unwrap_or_else(|_| Err(panicked("生成", i)))
                    })
                    .collect(),
            ),
            Job::Pack(from, sheets) => Done::Packed(
                from,
                (from..)
                    .zip(sheets)
                    .map(|(i, sheet)| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sheet.pack()))
                            .unwrap_or_else(|_| Err(panicked("打包", i)))
                    })
                    .collect(),
            ),
        }
    }
}

/// One project's 自评表 form on its own sheet: title, funds, goal, the indicator grid, the
/// 总分 row and the project's own findings under it.
fn project_sheet(
    ws: &mut Worksheet,
    r: &Report,
    p: &ProjectReport,
    f: &Formats,
    with_notes: bool,
) -> Result<(), XlsxError> {
    let cols = project_columns(p, with_notes);
    let widths = cols.widths();
    let last = cols.last() as usize;
    let s = &f.form;
    layout::setup(ws, &cols)?;
    layout::title_area(
        ws,
        &cols,
        s,
        r.year,
        &p.project,
        r.department.as_deref(),
        &p.unit,
    )?;
    fit_across(ws, 2, &p.project, &widths, 1, last);
    project_funds(ws, &cols, p, f)?;
    project_goal(ws, &cols, p, s)?;
    layout::grid_head(ws, &cols, s)?;
    let mut row = layout::GRID_TOP + 1;
    let findings = by_indicator(p);
    for i in &p.indicators {
        let own = findings.get(&*i.indicator).map_or(&[][..], Vec::as_slice);
        indicator_row(ws, (&cols, &widths), row, i, own, f)?;
        row += 1;
    }
    let keys: Vec<(Option<&str>, Option<&str>)> = p
        .indicators
        .iter()
        .map(|i| (i.category.as_deref(), i.subcategory.as_deref()))
        .collect();
    layout::merge_categories(ws, &keys, &s.text)?;
    project_total(ws, &cols, row, p, f)?;
    // what a reader must know beside the total, under the form
    let general = p.findings.iter().filter(|x| x.indicator_name().is_none());
    for (below, finding) in (row + 1..).zip(general) {
        let text = format!("注：{}（{}）", finding.message, finding.code);
        let text = super::xlsx_fit::fit(&text);
        ws.merge_range(below, 0, below, cols.last(), &text, &f.note)?;
        fit_across(ws, below, &text, &widths, 0, last);
    }
    Ok(())
}

/// The form's columns for `p`: a 计划数 column where a row has a plan, a baseline where a plan
/// row's target is read against its base, the 说明 column `with_notes`.
fn project_columns(p: &ProjectReport, with_notes: bool) -> Columns {
    Columns {
        plan: p.indicators.iter().any(|i| i.plan.is_some()),
        baseline: p.indicators.iter().any(|i| {
            i.plan.is_some()
                && i.canonical
                    .as_deref()
                    .is_some_and(|c| c.contains(crate::lang::lexicon::CANONICAL_BASE))
        }),
        notes: with_notes,
    }
}

/// The goal block, its row as high as the longer of the goal and what was achieved.
fn project_goal(
    ws: &mut Worksheet,
    cols: &Columns,
    p: &ProjectReport,
    s: &Styles,
) -> Result<(), XlsxError> {
    let widths = cols.widths();
    let last = cols.last() as usize;
    let mid = (last / 2).max(2);
    layout::goal(
        ws,
        cols,
        s,
        &Put::maybe(p.goal.as_deref(), &s.text),
        &Put::maybe(p.goal_actual.as_deref(), &s.text),
    )?;
    let goal_lines = [p.goal.as_deref(), p.goal_actual.as_deref()];
    let goal_rows = [(1, mid), (mid + 1, last)];
    let height = goal_lines
        .iter()
        .zip(goal_rows)
        .map(|(t, (a, b))| lines(t.unwrap_or(""), widths[a..=b].iter().sum()))
        .fold(1.0_f64, f64::max);
    if height > 1.0 {
        ws.set_row_height(layout::GOAL_TOP + 1, LINE * height)?;
    }
    Ok(())
}

/// One indicator's row of the grid, as high as its longest wrapped cell (in columns `widths`
/// wide).
fn indicator_row(
    ws: &mut Worksheet,
    (cols, widths): (&Columns, &[f64]),
    row: u32,
    i: &IndicatorReport,
    own: &[&crate::finding::Finding],
    f: &Formats,
) -> Result<(), XlsxError> {
    let s = &f.form;
    let notes = row_notes(i, own);
    let plan = cols.plan.then(|| f.written.maybe(i.plan.as_deref()));
    layout::grid_row(
        ws,
        cols,
        row,
        &GridRow {
            category: Put::text(i.category.as_deref().unwrap_or(layout::NONE), &s.text),
            subcategory: Put::text(i.subcategory.as_deref().unwrap_or(layout::NONE), &s.text),
            name: Put::text(&*i.indicator, &s.text),
            target: f.written.put(&i.target),
            plan,
            actual: actual_cell(i, f),
            weight: weight(&i.weight, f),
            score: match &i.score {
                Some(sc) => Put::number(number(sc), &f.form_score),
                None => Put::blank(&s.text),
            },
            deviation: Put::maybe(i.deviation_note.as_deref(), &s.text),
            notes: cols.notes.then(|| Put::text(notes.as_str(), &s.text)),
        },
    )?;
    let deviation = i.deviation_note.as_deref().unwrap_or("");
    let mut cells = vec![
        (2, &*i.indicator),
        (3, &*i.target),
        (cols.actual() as usize, i.actual.as_deref().unwrap_or("")),
        (cols.deviation() as usize, deviation),
    ];
    if cols.notes {
        cells.push((cols.last() as usize, notes.as_str()));
    }
    if let (Some(c), Some(plan)) = (cols.plan_col(), i.plan.as_deref()) {
        cells.push((c as usize, plan));
    }
    fit_row(ws, row, &cells, widths);
    Ok(())
}

/// The 总分 row at `row`: the weights, the total (or why there is none), the grade and, with
/// notes, how it was reached.
fn project_total(
    ws: &mut Worksheet,
    cols: &Columns,
    row: u32,
    p: &ProjectReport,
    f: &Formats,
) -> Result<(), XlsxError> {
    let s = &f.form;
    let notes = super::xlsx_fit::fit(&total_notes(p)).into_owned();
    layout::total_row(
        ws,
        cols,
        s,
        row,
        &Total {
            weight: weight(&p.weights, f),
            score: match p.has_total() {
                true => Put::number(number(&p.score), &f.form_score),
                false => Put::text(p.total_text(), &s.label),
            },
            grade: Put::text(p.grade_text(), &s.label),
            notes: cols.notes.then(|| Put::text(notes.as_str(), &s.text)),
        },
    )?;
    if cols.notes {
        fit_row(
            ws,
            row,
            &[(cols.last() as usize, notes.as_str())],
            &cols.widths(),
        );
    }
    Ok(())
}

/// Excel's limit of hyperlinks on one sheet: past it, project names are plain text.
const MAX_LINKS: usize = 65_530;

/// `汇总`: each project's name links to its form's sheet (`sheets`, in the projects' order).
fn summary_sheet(
    ws: &mut Worksheet,
    r: &Report,
    sheets: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name("汇总")?;
    print_setup(ws);
    ws.set_column_width(0, NAMES[0])?;
    ws.set_column_width(1, NAMES[1])?;
    for col in 2..=4 {
        ws.set_column_width(col, 14.0)?;
    }
    let mut row = units_block(ws, r, f)?;
    row += 2;
    ws.write_string_with_format(row, 0, "项目", &f.title)?;
    row += 1;
    // amounts in one money unit name it in the heads; mixed units get a column of their own
    let unit = r.projects.first().map_or("万元", |p| &*p.money_unit);
    let mixed = r.projects.iter().any(|p| p.money_unit != unit);
    let (budget_head, spent_head) = if mixed {
        ("全年预算数".to_owned(), "全年执行数".to_owned())
    } else {
        (
            format!("全年预算数（{unit}）"),
            format!("全年执行数（{unit}）"),
        )
    };
    let head: Vec<&str> = [
        "单位",
        "项目",
        budget_head.as_str(),
        spent_head.as_str(),
        "预算执行率（%）",
        "复核总分",
        "等级",
    ]
    .into_iter()
    .chain(COUNTS_HEAD)
    .chain(["待评定分值", "原表总分", "差额（复核 − 原表）"])
    .chain(mixed.then_some("金额单位"))
    .collect();
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &f.head)?;
    }
    row += 1;
    let links = sheets.len() <= MAX_LINKS;
    for (k, p) in r.projects.iter().enumerate() {
        let sheet = sheets.get(k).filter(|_| links).map(String::as_str);
        project_summary_row(ws, row, p, sheet, mixed, f)?;
        row += 1;
    }
    Ok(())
}

/// The widths of `汇总`'s name columns (单位, 项目): names wrap in them, never cut.
const NAMES: [f64; 2] = [30.0, 36.0];

/// The heads of the verdict counts, in the order [`counts`] writes them.
const COUNTS_HEAD: [&str; 7] = [
    "指标",
    "达标",
    "未达标",
    "待评定",
    "缺实际值",
    "无法比较",
    "不适用",
];

/// `单位汇总` from the sheet's top: a row a unit and the 合计 row. Returns the 合计 row.
fn units_block(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<u32, XlsxError> {
    let mut row = 0u32;
    ws.write_string_with_format(row, 0, "单位汇总", &f.title)?;
    row += 1;
    let head: Vec<&str> = ["单位", "项目数", "平均分", "项目等级"]
        .into_iter()
        .chain(COUNTS_HEAD)
        .chain(["待评定分值"])
        .collect();
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &f.head)?;
    }
    row += 1;
    // each unit's projects, found in one pass (not a pass of every project for each unit)
    let mut of_unit: std::collections::HashMap<&str, Vec<&ProjectReport>> =
        std::collections::HashMap::new();
    for p in &r.projects {
        of_unit.entry(&*p.unit).or_default().push(p);
    }
    for u in &r.units {
        ws.write_string_with_format(row, 0, &u.unit, &f.wrap)?;
        fit_row(ws, row, &[(0, &u.unit)], &NAMES);
        ws.write_number_with_format(row, 1, u.projects as f64, &f.int)?;
        if u.has_mean() {
            ws.write_number_with_format(row, 2, number(&u.score), &f.score)?;
        } else {
            ws.write_string_with_format(row, 2, u.mean_text(), &f.text)?;
        }
        // the projects' own grades, not a grade of the mean (a capped project keeps its own)
        let projects = of_unit.get(&*u.unit).map_or(&[][..], Vec::as_slice);
        ws.write_string_with_format(row, 3, unit_grades(projects, u.waiting), &f.text)?;
        counts(ws, row, 4, &u.counts, f)?;
        ws.write_number_with_format(row, 11, number(&u.pending), &f.score)?;
        row += 1;
    }
    summary_total_row(ws, row, r, f)?;
    Ok(row)
}

/// The 合计 row of `单位汇总`.
fn summary_total_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Report,
    f: &Formats,
) -> Result<(), XlsxError> {
    let s = &r.summary;
    ws.write_string_with_format(row, 0, "合计", &f.total)?;
    ws.write_number_with_format(row, 1, s.projects as f64, &f.total)?;
    if s.has_mean() {
        ws.write_number_with_format(row, 2, number(&s.score), &f.total_score)?;
    } else {
        ws.write_string_with_format(row, 2, s.mean_text(), &f.total)?;
    }
    ws.write_string_with_format(
        row,
        3,
        format!(
            "{}{}",
            super::selfeval_table::grade_counts(&r.projects),
            super::selfeval_table::waiting_text(s.waiting)
        ),
        &f.total,
    )?;
    for (n, v) in [
        s.indicators,
        s.pass,
        s.fail,
        s.review,
        s.missing,
        s.invalid,
        s.not_applicable,
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_number_with_format(row, 4 + n as u16, v as f64, &f.total)?;
    }
    ws.write_number_with_format(row, 11, number(&s.pending), &f.total_score)?;
    Ok(())
}

/// A project's row of `汇总`: its name a link to its `sheet` (plain text without one), amounts,
/// scores, grade, counts, the office's printed total and the difference, and its money unit
/// where the units are `mixed`.
fn project_summary_row(
    ws: &mut Worksheet,
    row: u32,
    p: &ProjectReport,
    sheet: Option<&str>,
    mixed: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, &p.unit, &f.wrap)?;
    match sheet {
        Some(sheet) => {
            let to = format!("internal:'{}'!A1", sheet.replace('\'', "''"));
            ws.write_url_with_format(row, 1, Url::new(to).set_text(&p.project), &f.link)?
        }
        None => ws.write_string_with_format(row, 1, &p.project, &f.wrap)?,
    };
    fit_row(ws, row, &[(0, &p.unit), (1, &p.project)], &NAMES);
    for (col, v) in [(2u16, p.budget), (3, p.spent)] {
        match v {
            Some(d) => ws.write_number_with_format(
                row,
                col,
                to_f64(d),
                &f.text.clone().set_num_format(amount_format(d)),
            )?,
            None => ws.write_string_with_format(row, col, "", &f.text)?,
        };
    }
    score_cell(ws, row, 4, p.execution_rate.as_ref(), f)?;
    if p.has_total() {
        ws.write_number_with_format(row, 5, number(&p.score), &f.score)?;
    } else {
        ws.write_string_with_format(row, 5, p.total_text(), &f.text)?;
    }
    ws.write_string_with_format(row, 6, p.grade_text(), &f.text)?;
    counts(ws, row, 7, &p.counts, f)?;
    ws.write_number_with_format(row, 14, number(&p.pending), &f.score)?;
    // the office's printed total beside the recomputed one, and the difference
    if let Some(t) = p.published_score {
        ws.write_number_with_format(
            row,
            15,
            to_f64(t),
            &f.text.clone().set_num_format(amount_format(t)),
        )?;
    }
    if let Some(d) = p.total_difference() {
        ws.write_number_with_format(row, 16, number(&d), &f.score)?;
    }
    if mixed {
        ws.write_string_with_format(row, 17, &*p.money_unit, &f.text)?;
    }
    Ok(())
}

/// The grades of a unit's `projects`, counted (`优 1，中 1`), with how many have no total.
fn unit_grades(projects: &[&ProjectReport], waiting: usize) -> String {
    format!(
        "{}{}",
        super::selfeval_table::grade_counts(projects.iter().copied()),
        super::selfeval_table::waiting_text(waiting)
    )
}

fn counts(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &super::model::VerdictCounts,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (n, v) in [
        c.indicators,
        c.pass,
        c.fail,
        c.review,
        c.missing,
        c.invalid,
        c.not_applicable,
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_number_with_format(row, col + n as u16, v as f64, &f.int)?;
    }
    Ok(())
}

/// `输入提示`: what the input said that the scores do not show — actuals that matched nothing
/// in the table (with the name they most likely meant), rows the reader skipped.
fn findings_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("输入提示")?;
    print_setup(ws);
    ws.set_freeze_panes(1, 0)?;
    const WIDTHS: [f64; 6] = [28.0, 6.0, 22.0, 40.0, 48.0, 40.0];
    for (col, width) in WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    for (col, h) in ["位置", "级别", "代码", "单位 / 项目 / 指标", "问题", "建议"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, col as u16, *h, &f.head)?;
    }
    for (n, finding) in r.findings.iter().enumerate() {
        let row = n as u32 + 1;
        let what = finding.concerns();
        let position = finding.position();
        let help = finding.help.as_deref().unwrap_or("");
        for (col, text) in [
            (0u16, position.as_str()),
            (1, finding.severity.zh()),
            (2, &*finding.code),
            (3, what.as_str()),
            (4, &*finding.message),
            (5, help),
        ] {
            ws.write_string_with_format(row, col, super::xlsx_fit::fit(text), &f.wrap)?;
        }
        fit_row(
            ws,
            row,
            &[(3, &what), (4, &finding.message), (5, help)],
            &WIDTHS,
        );
    }
    Ok(())
}

fn differences_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("复核差异")?;
    print_setup(ws);
    ws.set_freeze_panes(1, 0)?;
    const WIDTHS: [f64; 11] = [
        24.0, 28.0, 6.0, 24.0, 16.0, 16.0, 8.0, 10.0, 10.0, 48.0, 24.0,
    ];
    for (col, width) in WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    // read back, this list is a flat sheet after forms: left unread, with a finding
    let head = [
        "单位",
        "项目",
        "序号",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "原表得分",
        "复核得分",
        "计算",
        "来源",
    ];
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &f.head)?;
    }
    for (n, d) in r.differences.iter().enumerate() {
        let row = n as u32 + 1;
        // file and place: `t.xlsx!Sheet2!G15` (a sheet of a workbook), `t.tsv!行 7`
        let source = d.source.position();
        fit_row(
            ws,
            row,
            &[
                (0, &d.unit),
                (1, &d.project),
                (3, &d.indicator),
                (4, &d.target),
                (5, d.actual.as_deref().unwrap_or("")),
                (9, &d.formula),
                (10, &source),
            ],
            &WIDTHS,
        );
        ws.write_string_with_format(row, 0, &*d.unit, &f.wrap)?;
        ws.write_string_with_format(row, 1, &*d.project, &f.wrap)?;
        ws.write_number_with_format(row, 2, f64::from(d.seq), &f.int)?;
        ws.write_string_with_format(row, 3, &d.indicator, &f.wrap)?;
        ws.write_string_with_format(row, 4, &d.target, &f.wrap)?;
        ws.write_string_with_format(row, 5, d.actual.as_deref().unwrap_or(""), &f.wrap)?;
        ws.write_number_with_format(row, 6, number(&d.weight), &f.score)?;
        match d.published_score.and_then(|p| f64::try_from(p).ok()) {
            Some(p) => ws.write_number_with_format(row, 7, p, &f.score)?,
            None => ws.write_string_with_format(row, 7, "", &f.text)?,
        };
        score_cell(ws, row, 8, d.score.as_ref(), f)?;
        ws.write_string_with_format(row, 9, &d.formula, &f.wrap)?;
        ws.write_string_with_format(row, 10, &source, &f.wrap)?;
    }
    Ok(())
}

/// Whether the workbook of `r` may be built: each project is a sheet, kept deflated until the
/// workbook is saved in memory (about 25 KB a project), so past [`crate::limits::XLSX_PROJECTS`] projects or
/// [`crate::limits::XLSX_INDICATORS`] indicators it is refused before anything is built, with
/// the formats that stream named (`Err` is the message).
pub fn check_size(r: &Report) -> Result<(), String> {
    let indicators: usize = r.projects.iter().map(|p| p.indicators.len()).sum();
    check_counts(r.projects.len(), indicators)
}

/// [`check_size`] from the counts alone: the command line asks it of the table it has read,
/// before the table is evaluated, so that a workbook past its limits is refused at the cost of
/// the reading (the 4.5 MB sheet of 40,000 projects: 160 MB when its whole report was made
/// first, issue 27) and not after the report is held.
pub fn check_counts(projects: usize, indicators: usize) -> Result<(), String> {
    match past_limits(projects, indicators) {
        Some((n, what, limit)) => Err(format!(
            "报告有 {n} 个{what}，超过{}的上限 {}（xlsx 每个项目一张工作表，整本在内存中生成），不生成 xlsx；请改用 --format csv 或 jsonl（逐行写出，内存不随表格增长），或按单位拆分表格分别评价（report.xlsx-too-many）。{}",
            limit.what,
            limit.shown(),
            limit.help()
        )),
        None => Ok(()),
    }
}

/// The first of the xlsx limits that a workbook of `projects` sheets and `indicators` rows
/// passes: the count, what it counts (项目 / 指标) and the limit. Shared by the report and the
/// fill-in workbook, which are built whole in memory alike.
pub(crate) fn past_limits(
    projects: usize,
    indicators: usize,
) -> Option<(usize, &'static str, &'static crate::limits::Limit)> {
    use crate::limits::{XLSX_INDICATORS, XLSX_PROJECTS};
    [
        (projects, "项目", &XLSX_PROJECTS),
        (indicators, "指标", &XLSX_INDICATORS),
    ]
    .into_iter()
    .find(|(n, _, limit)| *n as u64 > limit.get())
}

/// The workbook as bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, XlsxError> {
    render_with(r, false, &mut || true)
}

/// The workbook as bytes, asking `go_on` before each project's sheet: when it says no (the
/// request that wanted it is gone), the building stops with an error.
pub fn render_while(r: &Report, go_on: &mut dyn FnMut() -> bool) -> Result<Vec<u8>, XlsxError> {
    render_with(r, false, go_on)
}

/// The workbook with each project's form as the official template has it: no 说明 column
/// (`--form-only`, for filing). The verdicts and calculations are then in the 汇总 and
/// 复核差异 sheets only; the notes under each form stay.
pub fn render_form_only(r: &Report) -> Result<Vec<u8>, XlsxError> {
    render_with(r, true, &mut || true)
}

fn render_with(
    r: &Report,
    form_only: bool,
    go_on: &mut dyn FnMut() -> bool,
) -> Result<Vec<u8>, XlsxError> {
    // its sheets freed on another thread than they were made on: given back soon (`alloc`)
    let _purge = crate::alloc::Purge::soon();
    build_with(r, form_only, go_on, None)?.save_to_buffer()
}

/// [`render_while`] (or [`render_form_only`] where `form_only`) saved into `out` instead of a
/// buffer: the finished workbook is never held in memory (issue 27: at 5 000 projects its
/// 8.4 MB grew by doubling to 16 MB beside everything else held at the end). `out` seeks, as
/// the zip writer goes back to each part's header; the bytes are those of [`render_while`].
///
/// `spill`, where given (a temporary file: the command line's, never the server's), keeps
/// each project sheet's deflated part from the time it is built until the workbook is saved
/// (`Workbook::spill_packed_worksheets_to`), not memory: some 1.5 KB a project (10,000
/// projects: 15 MB); the same bytes (tested).
pub fn write_while<W: std::io::Write + std::io::Seek + Send>(
    r: &Report,
    form_only: bool,
    go_on: &mut dyn FnMut() -> bool,
    out: W,
    spill: Option<std::fs::File>,
) -> Result<(), XlsxError> {
    // its sheets freed on another thread than they were made on: given back soon (`alloc`)
    let _purge = crate::alloc::Purge::soon();
    build_with(r, form_only, go_on, spill)?.save_to_writer(out)
}

fn build_with(
    r: &Report,
    form_only: bool,
    go_on: &mut dyn FnMut() -> bool,
    spill: Option<std::fs::File>,
) -> Result<Workbook, XlsxError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_WORKERS));
    build_on(r, form_only, go_on, workers, Pack::new(true, spill))
}

/// How the project sheets are kept until the workbook is saved: packed (assembled and
/// deflated as they are taken) or held whole, and the packed parts in a `spill` file or in
/// memory.
struct Pack {
    pack: bool,
    spill: Option<std::fs::File>,
    /// A sheet whose XML would take this many bytes or more (reckoned from its cells) is
    /// written to a temporary file while it is packed, its rows dropped as they are written
    /// (`Workbook::set_pack_scratch`, the fork's): [`SCRATCH_FROM`] but in tests.
    scratch_from: usize,
}

impl Pack {
    fn new(pack: bool, spill: Option<std::fs::File>) -> Self {
        Pack {
            pack,
            spill,
            scratch_from: SCRATCH_FROM,
        }
    }
}

/// A sheet reckoned to make 8 MB of XML or more is written to a temporary file while it is
/// packed (issue 27, H160): a project of 200,000 rows held its 74 MB of XML beside its cells.
/// A sheet of a few thousand rows is packed in memory, as before.
const SCRATCH_FROM: usize = 8 * 1024 * 1024;

/// The deflate level of every sheet's XML part (the workbook's other parts keep the default).
const SHEET_DEFLATE_LEVEL: u8 = 1;

/// Threads that build project sheets at most (the zip is written on one).
const MAX_WORKERS: usize = 4;
/// Sheets a worker may build ahead of the one the workbook takes next (bounds the work thrown
/// away when `go_on` says stop, and the sheets held out of order).
const AHEAD: usize = 8;

/// The workbook of `r`, its project sheets built on `workers` threads (1: on this one), each
/// assembled as the workbook takes it where `pack` (`Workbook::push_worksheet_packed`: the
/// sheet's cells are not held until the workbook is saved; the same bytes, tested), else held.
#[cfg(test)]
fn render_on(
    r: &Report,
    form_only: bool,
    go_on: &mut dyn FnMut() -> bool,
    workers: usize,
    pack: bool,
) -> Result<Vec<u8>, XlsxError> {
    build_on(r, form_only, go_on, workers, Pack::new(pack, None))?.save_to_buffer()
}

/// [`render_on`]'s workbook, built and not yet saved.
fn build_on(
    r: &Report,
    form_only: bool,
    go_on: &mut dyn FnMut() -> bool,
    workers: usize,
    Pack {
        pack,
        spill,
        scratch_from,
    }: Pack,
) -> Result<Workbook, XlsxError> {
    // a text past Excel's 32 767 characters a cell is cut, with a finding on its row
    let fitted = super::xlsx_fit::fit_report(r);
    let r = &*fitted;
    let dp = r
        .projects
        .first()
        .map(|p| p.score.dp)
        .unwrap_or(r.summary.score.dp);
    let f = Formats::new(dp);
    let mut wb = Workbook::new();
    // the sheets deflated at level 1 (zlib-rs's quick strategy): at 10,000 projects deflating
    // each sheet at the default 6 was ~19 % of the report's CPU; the parts are 1.34× larger,
    // their XML the same bytes (H84, benches/README.md)
    wb.set_worksheet_deflate_level(Some(SHEET_DEFLATE_LEVEL));
    if let Some(spill) = spill {
        wb.spill_packed_worksheets_to(spill);
    }
    // a long project's sheet written to a temporary file while it is packed, not held as XML
    // beside its cells (the same bytes, tested)
    wb.set_pack_scratch(scratch_from, tempfile::tempfile);
    // A fixed creation date: the same report gives the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("项目支出绩效自评表")
            .set_creation_datetime(&created),
    );
    let mut taken = std::collections::HashSet::new();
    let names: Vec<String> = (1..)
        .zip(&r.projects)
        .map(|(n, p)| layout::sheet_name(n, &p.project, &mut taken))
        .collect();
    summary_sheet(wb.add_worksheet(), r, &names, &f)?;
    if pack {
        // a row a project: assembled now, not held beside the project sheets (its links are
        // to places in the workbook, so its XML is known)
        wb.pack_first_worksheet()?;
    }
    // the list of sheets (2.6 KB a sheet, held by value) reserved once the `汇总` is packed:
    // reserved before, its room stood beside the `汇总`'s cells and XML, the peak of the
    // whole build (10,000 projects: 26 MB + 21 MB of cells + 8.4 MB of XML)
    wb.reserve_worksheets(r.projects.len() + 2);
    project_sheets(r, &names, &f, !form_only, go_on, workers, &mut wb, pack)?;
    if !r.differences.is_empty() {
        differences_sheet(wb.add_worksheet(), r, &f)?;
    }
    if !r.findings.is_empty() {
        findings_sheet(wb.add_worksheet(), r, &f)?;
    }
    Ok(wb)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report of `projects` projects of a small sheet written here: targets met, missed and
    /// missing, text and numbers, two units.
    fn report(projects: usize) -> Report {
        let mut text = String::from(
            "部门名称：测试\n单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n",
        );
        for k in 0..projects {
            let unit = if k < projects / 2 {
                "甲单位"
            } else {
                "乙单位"
            };
            text += &format!(
                "{unit}\t项目{k}\t\t\t\t\t\t{}.00\t{}.50\n",
                100 + k,
                90 + k % 13
            );
            text += &format!(
                "\t\t产出指标\t数量指标\t培训人次\t≥{}人次\t{}人次\t\t\n",
                50 + k,
                40 + k * 3 % 30
            );
            text += "\t\t产出指标\t质量指标\t合格率\t≥95%\t97.5%\t\t\n";
            text += &format!(
                "\t\t效益指标\t\t满意度\t>90%\t{}\t\t\n",
                ["92%", "", "较好"][k % 3]
            );
        }
        let opts = crate::table::ReadOptions::default();
        let doc = crate::table::read_str("t.tsv", &text, &opts).expect("read");
        let rules = crate::rules::RuleSet::bundled();
        let m = crate::eval::Methodology::from_rules(rules);
        crate::eval::evaluate(&doc, None, &crate::eval::Options::new(&m, rules))
    }

    #[test]
    fn sheets_built_on_threads_give_the_bytes_of_one_thread() {
        let r = report(3 * AHEAD * 2 + 5);
        assert_eq!(r.projects.len(), 3 * AHEAD * 2 + 5);
        assert!(
            r.summary.fail > 0 && r.summary.missing > 0,
            "{:?}",
            r.summary
        );
        let one = render_on(&r, false, &mut || true, 1, true).expect("one thread");
        for workers in [2, 3] {
            let many = render_on(&r, false, &mut || true, workers, true).expect("threads");
            assert!(one == many, "{workers} threads gave other bytes");
        }
        let one = render_on(&r, true, &mut || true, 1, true).expect("one thread");
        assert!(one == render_on(&r, true, &mut || true, 2, true).expect("threads"));
    }

    #[test]
    fn a_sheet_whose_building_panics_is_an_error_naming_it() {
        let names = ["甲".to_owned(), "乙项目".to_owned(), "丙".to_owned()];
        let build = |i: usize| -> Result<Worksheet, XlsxError> {
            assert_ne!(i, 1, "a builder's own failure");
            Ok(Worksheet::new())
        };
        let Done::Built(from, sheets) = Job::Build(0..3).run(&build, &names) else {
            panic!("a build job answers with the sheets built");
        };
        assert_eq!((from, sheets.len()), (0, 3));
        assert!(sheets[0].is_ok() && sheets[2].is_ok());
        match &sheets[1] {
            Err(XlsxError::ParameterError(m)) => {
                assert!(m.contains("第 2 个项目工作表「乙项目」"), "{m}")
            }
            other => panic!("{:?}", other.as_ref().err()),
        }
    }

    #[test]
    fn a_sheet_part_is_deflated_the_fast_way_into_the_zip_crates_bytes() {
        // the fork's reused deflater (a tenth of a large report's CPU, H103) falls back to the
        // zip crate's way, the same bytes, where the zip crate's headers are not as it expects:
        // a `zip` upgrade must not drop it without a word
        let rows: String = (0..3000)
            .map(|k| {
                format!(
                    "<row r=\"{k}\"><c r=\"A{k}\" t=\"s\"><v>{}</v></c></row>",
                    k % 7
                )
            })
            .collect();
        for xml in [rows.as_str(), "<worksheet/>"] {
            let (fast, by_zip) =
                Workbook::worksheet_part_both_ways(xml.as_bytes(), SHEET_DEFLATE_LEVEL)
                    .expect("deflated");
            let fast = fast.expect("the reused deflater's way is taken");
            assert!(fast == by_zip, "{} bytes of XML", xml.len());
        }
    }

    #[test]
    fn every_sheet_is_deflated_at_the_fast_level() {
        // a deflate stream's first block says how it is coded (its bits 1-2): fixed codes (1)
        // are what zlib-rs's quick strategy (level 1) writes; at the default level 6 every
        // sheet of these opened with codes of its own (2), as the other parts still do
        use std::io::Read as _;
        let bytes = render(&report(6)).expect("workbook");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut sheets = 0;
        for i in 0..zip.len() {
            let mut part = zip.by_index_raw(i).expect("part");
            let name = part.name().expect("a part's name").into_owned();
            let mut first = [0u8; 1];
            part.read_exact(&mut first).expect("deflated data");
            let coded = (first[0] >> 1) & 3;
            if name.starts_with("xl/worksheets/sheet") {
                sheets += 1;
                assert_eq!(coded, 1, "{name}: block type {coded}");
            } else if name == "xl/styles.xml" {
                assert_eq!(coded, 2, "{name}: block type {coded}");
            }
        }
        assert!(sheets >= 7, "汇总 and a sheet a project: {sheets}");
    }

    #[test]
    fn a_workbook_saved_through_a_file_is_the_workbook_saved_in_a_buffer() {
        let r = report(2 * AHEAD + 3);
        for form_only in [false, true] {
            let buffer = render_with(&r, form_only, &mut || true).expect("a buffer");
            // what `evaluate --format xlsx` writes: saved into a temporary file, then copied
            let mut written = Vec::new();
            crate::report::write_xlsx(&r, form_only, &mut written).expect("written");
            assert!(buffer == written, "form_only {form_only}: other bytes");
            assert!(buffer.starts_with(b"PK"));
        }
    }

    #[test]
    fn a_workbook_whose_writer_says_stop_is_not_written() {
        let r = report(2 * AHEAD + 3);
        // the server's answer says stop once its request is gone: no byte of a workbook
        struct Gone(usize);
        impl std::io::Write for Gone {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0 += buf.len();
                Err(std::io::Error::other("gone"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut gone = Gone(0);
        assert!(crate::report::write_xlsx(&r, false, &mut gone).is_err());
        assert_eq!(gone.0, 0);
    }

    #[test]
    fn sheets_packed_as_they_are_taken_give_the_bytes_of_sheets_held_until_saved() {
        let r = report(3 * AHEAD * 2 + 5);
        for form_only in [false, true] {
            for workers in [1, 2] {
                let packed = render_on(&r, form_only, &mut || true, workers, true).expect("packed");
                let held = render_on(&r, form_only, &mut || true, workers, false).expect("held");
                assert!(packed == held, "form only {form_only}, {workers} workers");
            }
        }
    }

    #[test]
    fn a_long_project_sheet_packed_as_its_xml_is_made_gives_the_bytes_of_one_held() {
        // one project of 6,000 rows beside a short one, every sheet written to a temporary file
        // while it is packed: the long one's XML (some 2 MB) in pieces of 256 KB as it is
        // assembled, its rows dropped as they are written (`Worksheet::pack_registered`, the
        // fork's, issue 27, H160), then read back and deflated whole
        let mut text = String::from(
            "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n甲单位\t短项目\t产出指标\t数量指标\t人次\t≥5人次\t6人次\n",
        );
        for i in 0..6_000 {
            let (level, actual) = [("产出指标", "130人"), ("效益指标", "较好")][i / 2_000 % 2];
            text += &format!("甲单位\t长项目\t{level}\t\t培训{i}\t≥100人\t{actual}\n");
        }
        let doc = crate::table::read_str("t.tsv", &text, &crate::table::ReadOptions::default())
            .expect("read");
        let rules = crate::rules::RuleSet::bundled();
        let m = crate::eval::Methodology::from_rules(rules);
        let r = crate::eval::evaluate(&doc, None, &crate::eval::Options::new(&m, rules));
        assert_eq!(r.projects[1].indicators.len(), 6_000);
        for form_only in [false, true] {
            let pack = Pack {
                scratch_from: 1,
                ..Pack::new(true, None)
            };
            let packed = build_on(&r, form_only, &mut || true, 1, pack)
                .and_then(|mut wb| wb.save_to_buffer())
                .expect("packed");
            let held = render_on(&r, form_only, &mut || true, 1, false).expect("held");
            assert!(packed == held, "form only {form_only}");
        }
    }

    #[test]
    fn sheets_spilled_to_a_file_as_they_are_packed_give_the_bytes_of_sheets_held_until_saved() {
        let r = report(3 * AHEAD * 2 + 5);
        for form_only in [false, true] {
            let spill = tempfile::tempfile().expect("a temporary file");
            let spilled = build_on(&r, form_only, &mut || true, 2, Pack::new(true, Some(spill)))
                .and_then(|mut wb| wb.save_to_buffer())
                .expect("spilled");
            let held = render_on(&r, form_only, &mut || true, 1, false).expect("held");
            assert!(spilled == held, "form only {form_only}");
        }
    }

    /// A workbook of a held sheet with a link, sheets of shared and new strings, formats,
    /// merges and row heights, and a held sheet after them with a format and strings not seen
    /// before: packed (`pack`) or held until saved.
    fn workbook(pack: bool) -> Result<Vec<u8>, XlsxError> {
        let bold = Format::new().set_bold();
        let money = Format::new()
            .set_num_format("#,##0.00")
            .set_border(FormatBorder::Thin);
        let mut wb = Workbook::new();
        // a fixed creation date, as the report's: two saves a second apart are the same bytes
        // (without it the test failed when the two workbooks straddled a second, under load)
        let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
        wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let first = wb.add_worksheet();
        // a format and strings of its own before those the packed sheets share
        first.write_string_with_format(0, 0, "汇总", &Format::new().set_font_size(14))?;
        first.write_string_with_format(0, 1, "title", &bold)?;
        first.write_url(1, 0, Url::new("internal:'s1'!A1").set_text("s1"))?;
        first.write_url_with_format(3, 0, Url::new("internal:'s2'!B2"), &bold)?;
        first.write_string(2, 0, "shared")?;
        if pack {
            // the first sheet too, as the active one, with its links to places in the workbook
            wb.pack_first_worksheet()?;
        }
        for k in 1..=5 {
            let mut ws = Worksheet::new();
            ws.set_name(format!("s{k}"))?;
            ws.write_string(0, 0, "shared")?;
            ws.write_string_with_format(1, 0, format!("only {k}"), &bold)?;
            ws.write_number_with_format(1, 1, 1234.5 * k as f64, &money)?;
            let own = Format::new().set_num_format(format!("0.{}", "0".repeat(k)));
            ws.write_number_with_format(2, 1, 0.5, &own)?;
            ws.merge_range(3, 0, 4, 2, "merged", &bold)?;
            ws.set_row_height(5, 30.0)?;
            if pack {
                wb.push_worksheet_packed(ws)?;
            } else {
                wb.push_worksheet(ws);
            }
        }
        let last = wb.add_worksheet();
        last.write_string_with_format(0, 0, "late", &Format::new().set_italic())?;
        last.write_string(1, 0, "only 3")?;
        wb.save_to_buffer()
    }

    #[test]
    fn a_workbook_of_packed_sheets_is_the_workbook_of_held_ones() {
        assert!(workbook(true).expect("packed") == workbook(false).expect("held"));
    }

    #[test]
    fn a_packed_sheet_is_held_as_a_small_record() {
        // the workbook holds every sheet by value until it is saved: 10,000 project sheets
        // held 2.6 KB each (rust_xlsxwriter's `Worksheet`), 26 MB of fields no saving step
        // reads; the fork keeps those apart, boxed, and drops them when a sheet is packed (H72)
        let size = std::mem::size_of::<Worksheet>();
        assert!(size <= 1024, "a worksheet held by value is {size} bytes");
    }

    #[test]
    fn a_sheet_whose_xml_depends_on_the_sheets_after_it_is_not_packed() {
        let mut wb = Workbook::new();
        let first = Worksheet::new();
        assert!(wb.push_worksheet_packed(first).is_err(), "the first sheet");
        wb.add_worksheet();
        let mut linked = Worksheet::new();
        linked.write_url(0, 0, "https://example.com").expect("url");
        assert!(wb.push_worksheet_packed(linked).is_err(), "a hyperlink");
        let mut active = Worksheet::new();
        active.set_active(true);
        assert!(
            wb.push_worksheet_packed(active).is_err(),
            "the active sheet"
        );
        assert!(wb.push_worksheet_packed(Worksheet::new()).is_ok());
        assert!(wb.pack_first_worksheet().is_err(), "not the only sheet");

        // the first sheet: not with a link out of the workbook, and it stays held
        let mut wb = Workbook::new();
        wb.add_worksheet()
            .write_url(0, 0, "https://example.com")
            .expect("url");
        assert!(wb.pack_first_worksheet().is_err(), "a link out");
        assert!(wb.worksheets().len() == 1 && wb.save_to_buffer().is_ok());

        // packed as the active one: saving with another made active fails, never a workbook
        // whose first sheet says it is selected when it is not
        let mut wb = Workbook::new();
        wb.add_worksheet()
            .write_url(0, 0, Url::new("internal:'Sheet2'!A1"))
            .expect("url");
        assert!(wb.pack_first_worksheet().is_ok());
        wb.add_worksheet().set_active(true);
        assert!(wb.save_to_buffer().is_err(), "another sheet active");
    }

    #[test]
    fn sheets_built_on_threads_ask_before_each_and_stop_when_told() {
        let r = report(3 * AHEAD * 2);
        let n = r.projects.len();
        let mut asked = 0;
        render_on(
            &r,
            false,
            &mut || {
                asked += 1;
                true
            },
            2,
            true,
        )
        .expect("built");
        assert_eq!(asked, n);
        for stop_at in [0, 1, AHEAD + 3, n - 1] {
            let mut asked = 0;
            let built = render_on(
                &r,
                false,
                &mut || {
                    asked += 1;
                    asked <= stop_at
                },
                2,
                true,
            );
            assert!(built.is_err(), "stop at {stop_at}");
            assert_eq!(asked, stop_at + 1);
        }
    }

    #[test]
    fn a_workbook_is_built_and_saved_with_freed_pages_given_back_soon() {
        // its sheets are made on worker threads and freed on this one: with mimalloc's
        // second-long purge delay a report of 10,000 projects peaked at ~71 or ~82 MB by
        // chance, 64-65 MB every time with 10 ms (`crate::alloc`)
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        let r = report(3);
        let mut delays = Vec::new();
        render_while(&r, &mut || {
            delays.push(crate::alloc::purge_delay());
            true
        })
        .expect("built");
        let mut out = std::io::Cursor::new(Vec::new());
        write_while(
            &r,
            false,
            &mut || {
                delays.push(crate::alloc::purge_delay());
                true
            },
            &mut out,
            None,
        )
        .expect("written");
        assert_eq!(delays.len(), 6);
        assert!(
            delays.iter().all(|&d| d <= crate::alloc::Purge::MS),
            "{delays:?}"
        );
    }
}
