//! The human-readable tree of a [`Document`] and its findings JSON, as `jixiao inspect` prints
//! them: department → unit → project → indicators, aligned by display width (CJK characters
//! count two columns), then counts and a one-line list of findings. Rendering only; no reading.
//!
//! A carriage return inside a cell's text is written as a space (as the report tables write
//! it): on a terminal it sends the cursor back to the line's start, and the text after it
//! overwrote what the line had shown (a cell `60%\r满意度 … 达标` hid the row it was on).

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::atomic::AtomicBool;

use unicode_width::UnicodeWidthStr;

use crate::finding::Severity;
use crate::table::blockwise::{self, Walk};
use crate::table::model::Counts;
use crate::table::stream::SheetStream;
use crate::table::{self, Amounts, Document, InputFormat, Layout, format_amount};

/// What `jixiao inspect --format` and the web API's `/api/inspect?format=` give: one enum for
/// both doors, so neither imports the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InspectFormat {
    /// 树形表格（中文）
    #[default]
    Table,
    /// 问题清单的 JSON（计数与每个问题的代码、级别、位置）
    Json,
}

/// The findings JSON of contract §3, pretty-printed.
pub fn findings_json(doc: &Document) -> String {
    serde_json::to_string_pretty(&doc.findings_report()).unwrap_or_default()
}

/// [`findings_json`] and a line end written as it goes into `out` (the server's bounded answer
/// stops it at its limit, before the whole text is held).
pub fn findings_json_to(doc: &Document, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut out, &doc.findings_report())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// [`findings_json`] of a text self-evaluation sheet read a block at a time
/// ([`blockwise`]): the blocks hold no finding, so the counts are all it has to say. `None`:
/// the sheet is to be read whole.
pub fn findings_json_blocks(stream: SheetStream, cancel: Option<&AtomicBool>) -> Option<String> {
    match blockwise::walk(stream, cancel, |_| Ok::<(), std::convert::Infallible>(())) {
        Walk::Done(counts) => serde_json::to_string_pretty(&crate::table::model::FindingsReport {
            counts,
            findings: &[],
        })
        .ok(),
        _ => None,
    }
}

/// `s` padded with spaces to display width `w`.
fn pad(s: &str, w: usize) -> String {
    let width = s.width();
    format!("{s}{}", " ".repeat(w.saturating_sub(width)))
}

/// `s` right-aligned in display width `w`.
fn pad_left(s: &str, w: usize) -> String {
    let width = s.width();
    format!("{}{s}", " ".repeat(w.saturating_sub(width)))
}

fn amount_cells(a: &Amounts) -> [String; 4] {
    let f = |x: &Option<table::Amount>| {
        x.as_ref()
            .map(|a| format_amount(a.value))
            .unwrap_or_default()
    };
    [f(&a.total), f(&a.fiscal), f(&a.special), f(&a.other)]
}

/// The tree, counts and findings, aligned by display width.
pub fn tree(doc: &Document) -> String {
    let mut out = Vec::new();
    // writing into a Vec cannot fail, and every piece written is a whole `str`
    let _ = tree_to(doc, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`tree`] written as it goes into `sink`, a project at a time (the server's bounded answer
/// stops it at its limit, before the whole text is held): the same bytes. Only one project's
/// lines (and the column widths) are held at once.
pub fn tree_to(doc: &Document, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let sink = &mut NoReturns(sink);
    let mut out = String::new();
    let w = Widths::of(doc);
    tree_head(&mut out, doc, doc.counts(), &w);
    units_lines(&mut out, &w, doc, false, sink)?;
    out.push('\n');
    findings_lines(&mut out, doc, sink)?;
    sink.write_all(out.as_bytes())
}

/// [`tree_to`] of a text self-evaluation sheet read a block at a time ([`blockwise`]), never
/// whole: a first walk for the counts and the column widths, a second that writes. `open`
/// opens the sheet's stream (once a walk); `Ok(false)`, nothing written: the sheet is to be
/// read whole (see [`blockwise`]), or `cancel` was set in the first walk. The same bytes as
/// [`tree_to`] of the whole table.
pub fn tree_blocks_to(
    open: &mut dyn FnMut() -> Option<SheetStream>,
    cancel: Option<&AtomicBool>,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<bool> {
    let Some(stream) = open() else {
        return Ok(false);
    };
    let mut w = Widths::new();
    let counts = match blockwise::walk(stream, cancel, |doc| {
        w.add(doc);
        Ok::<(), std::convert::Infallible>(())
    }) {
        Walk::Done(counts) => counts,
        _ => return Ok(false),
    };
    let w = w.done();
    let Some(stream) = open() else {
        return Ok(false);
    };
    let sink = &mut NoReturns(sink);
    let mut out = String::new();
    let mut last: Option<String> = None;
    let walked = blockwise::walk(stream, cancel, |doc| {
        if last.is_none() {
            tree_head(&mut out, doc, counts, &w);
        }
        let goes_on = blockwise::continues(doc, last.as_deref());
        units_lines(&mut out, &w, doc, goes_on, sink)?;
        last = doc.units.last().map(|u| u.name.clone());
        Ok(())
    });
    match walked {
        Walk::Done(again) if again == counts => {}
        Walk::Stopped(e) => return Err(e),
        Walk::Cancelled => return Err(std::io::ErrorKind::Interrupted.into()),
        // the file changed between the walks: what was written is no tree of it
        _ => return Err(std::io::Error::other("表格在读取过程中改变了")),
    }
    out.push_str("\n检查结果：没有发现问题\n");
    sink.write_all(out.as_bytes())?;
    Ok(true)
}

/// The lines above the units: the head, the amounts' heading and the 合计 line.
fn tree_head(out: &mut String, doc: &Document, counts: Counts, w: &Widths) {
    head_lines(out, doc, counts);
    if w.show_amounts {
        let mut line = pad(NAME_HEAD, w.name);
        for (head, width) in AMOUNT_HEADS.iter().zip(w.amount) {
            line.push_str("  ");
            line.push_str(&pad_left(head, width));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some(t) = &doc.total {
        let line = format!("{}{}", pad("合计", w.name), w.amounts_line(&t.amounts));
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// Each unit's line and its projects' lines, written to `sink` a project at a time;
/// `goes_on`: the first unit's line was written with the block before.
fn units_lines(
    out: &mut String,
    w: &Widths,
    doc: &Document,
    goes_on: bool,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for (k, u) in doc.units.iter().enumerate() {
        if !(goes_on && k == 0) {
            let line = format!(
                "{}{}",
                pad(&format!("{UNIT_INDENT}{}", unit_label(&u.name)), w.name),
                w.amounts_line(&u.amounts)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        for p in &u.projects {
            project_lines(out, w, p, sink)?;
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    Ok(())
}

/// A sink that writes each carriage return as a space (see the module docs): byte by byte,
/// as UTF-8 never uses the byte inside another character.
struct NoReturns<'a>(&'a mut dyn std::io::Write);

impl std::io::Write for NoReturns<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if memchr::memchr(b'\r', buf).is_none() {
            return self.0.write_all(buf);
        }
        let spaced: Vec<u8> = buf
            .iter()
            .map(|&b| if b == b'\r' { b' ' } else { b })
            .collect();
        self.0.write_all(&spaced)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The first lines: the file and what it is, the department, the money unit, the counts.
fn head_lines(out: &mut String, doc: &Document, c: Counts) {
    let layout = match doc.layout {
        Layout::TargetTable => "项目支出绩效目标表",
        Layout::SelfEvaluation => "绩效自评表",
        Layout::Forms => "逐项目表单（自评表/目标申报表）",
    };
    let format = match doc.source.format {
        InputFormat::Tsv => "制表符分隔".to_owned(),
        InputFormat::Csv => "逗号分隔".to_owned(),
        InputFormat::Xlsx | InputFormat::Docx | InputFormat::Doc | InputFormat::Html => {
            let sheets: Vec<&str> = match &doc.source.sheet {
                Some(s) => vec![s.as_str()],
                None => doc
                    .source
                    .segments
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect(),
            };
            let what = match doc.source.format {
                InputFormat::Docx | InputFormat::Doc => "Word 文档",
                InputFormat::Html => "网页",
                _ => "工作表",
            };
            format!("{what}「{}」", sheets.join("」「"))
        }
    };
    let _ = writeln!(
        out,
        "文件：{}（{layout}，{}，{format}）",
        doc.source.name, doc.source.encoding
    );
    if let Some(d) = &doc.department {
        let _ = writeln!(out, "部门：{d}");
    }
    if let Some(m) = &doc.money_unit {
        let _ = writeln!(out, "金额单位：{m}");
    }
    let _ = writeln!(
        out,
        "共 {} 个单位，{} 个项目，{} 个指标；读取 {} 行，跳过 {} 行",
        c.units, c.projects, c.indicators, c.rows_read, c.rows_skipped
    );
    out.push('\n');
}

const UNIT_INDENT: &str = "";
const PROJECT_INDENT: &str = "  ";
const NAME_HEAD: &str = "名称（金额：万元）";
const AMOUNT_HEADS: [&str; 4] = ["总计", "财政拨款", "财政专户拨款", "其他资金"];

/// The tree's column widths (display columns, each at most [`MOST_WIDTH`]): names and amounts,
/// and the indicators' number, category and name.
struct Widths {
    name: usize,
    amount: [usize; 4],
    /// Whether any row has an amount (else no amount columns are shown).
    show_amounts: bool,
    category: usize,
    indicator: usize,
    seq: usize,
}

impl Widths {
    fn of(doc: &Document) -> Self {
        let mut w = Widths::new();
        w.add(doc);
        w.done()
    }

    /// The widths of no row yet: the headings'.
    fn new() -> Self {
        Widths {
            name: NAME_HEAD.width(),
            amount: [0; 4],
            show_amounts: false,
            category: 0,
            indicator: 0,
            seq: 1,
        }
    }

    /// Widened to the rows of `doc` (the whole table, or one block of it).
    fn add(&mut self, doc: &Document) {
        for u in &doc.units {
            self.name = self
                .name
                .max(UNIT_INDENT.width() + unit_label(&u.name).width());
            for p in &u.projects {
                self.name = self.name.max(PROJECT_INDENT.width() + p.name.width());
            }
        }
        let mut all_amounts: Vec<&Amounts> = doc.total.iter().map(|t| &t.amounts).collect();
        for u in &doc.units {
            all_amounts.push(&u.amounts);
            all_amounts.extend(u.projects.iter().map(|p| &p.amounts));
        }
        self.show_amounts = self.show_amounts || all_amounts.iter().any(|a| !a.is_empty());
        for a in &all_amounts {
            for (k, s) in amount_cells(a).iter().enumerate() {
                self.amount[k] = self.amount[k]
                    .max(s.width().min(MOST_WIDTH))
                    .max(AMOUNT_HEADS[k].width());
            }
        }
        for (_, _, i) in doc.indicators() {
            self.category = self.category.max(category_label(i).width());
            self.indicator = self.indicator.max(i.name.width());
            self.seq = self.seq.max(i.seq.to_string().len());
        }
    }

    /// The widths to pad to: one very long name widens no other line past [`MOST_WIDTH`]
    /// (padding every line to a cell of a megabyte would make the tree quadratic in the table).
    fn done(self) -> Self {
        Widths {
            name: self.name.min(MOST_WIDTH),
            category: self.category.min(MOST_WIDTH),
            indicator: self.indicator.min(MOST_WIDTH),
            ..self
        }
    }

    /// The amount columns of a line (nothing where no row has an amount).
    fn amounts_line(&self, a: &Amounts) -> String {
        if !self.show_amounts {
            return String::new();
        }
        let cells = amount_cells(a);
        let mut s = String::new();
        for (cell, width) in cells.iter().zip(self.amount) {
            s.push_str("  ");
            s.push_str(&pad_left(cell, width));
        }
        s
    }
}

/// A project's lines: its name and amounts, its form's facts, its budget line, its indicators
/// (each with its 其中 rows), what is unchecked. Written on to `sink` past [`FLUSH_AT`].
fn project_lines(
    out: &mut String,
    w: &Widths,
    p: &table::Project,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let line = format!(
        "{}{}",
        pad(&format!("{PROJECT_INDENT}{}", p.name), w.name),
        w.amounts_line(&p.amounts)
    );
    let _ = writeln!(out, "{}", line.trim_end());
    if let Some(f) = &p.form {
        form_lines(out, f);
        if let Some(g) = &p.goal {
            let _ = writeln!(out, "{INDICATOR_INDENT}预期目标：{}", g.text);
        }
        if let Some(g) = &f.goal_actual {
            let _ = writeln!(out, "{INDICATOR_INDENT}实际完成情况：{}", g.text);
        }
    }
    if let Some(b) = &p.budget {
        budget_line(out, p, b);
    }
    // each indicator's 其中 rows, found by its sequence (a search of every breakdown for each
    // indicator was quadratic: a form of 32,000 indicators each with one, seconds of CPU)
    let mut parts: std::collections::HashMap<u32, Vec<&table::model::Breakdown>> =
        std::collections::HashMap::new();
    for b in p.form.iter().flat_map(|f| &f.breakdowns) {
        parts.entry(b.parent).or_default().push(b);
    }
    for i in &p.indicators {
        let parts = parts.get(&i.seq).map_or(&[][..], Vec::as_slice);
        indicator_lines(out, w, i, parts);
        if out.len() >= FLUSH_AT {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    if let Some(f) = p.form.as_deref()
        && !f.unchecked.is_empty()
    {
        let _ = writeln!(out, "{INDICATOR_INDENT}未核对：{}", f.unchecked.join("；"));
    }
    Ok(())
}

/// A project's budget line: its amounts, points, rate and score as printed.
fn budget_line(out: &mut String, p: &table::Project, b: &table::BudgetLine) {
    let mut parts = Vec::new();
    if let Some(v) = p.form.as_ref().and_then(|f| f.budget_initial) {
        parts.push(format!("年初预算数 {}", format_amount(v)));
    }
    if let Some(v) = b.budget {
        parts.push(format!("全年预算数 {}", format_amount(v)));
    }
    if let Some(v) = b.spent {
        parts.push(format!("全年执行数 {}", format_amount(v)));
    }
    if let Some(v) = b.weight {
        parts.push(format!("分值 {v}"));
    }
    if let Some(v) = p.form.as_ref().and_then(|f| f.execution_rate.as_ref()) {
        parts.push(format!("执行率 {v}"));
    }
    if let Some(v) = b.published_score {
        parts.push(format!("得分 {v}"));
    }
    let money = p.form.as_ref().and_then(|f| f.money_unit.as_deref());
    let money = money.map(|m| format!("（{m}）")).unwrap_or_default();
    let _ = writeln!(
        out,
        "{INDICATOR_INDENT}预算执行{money}：{}",
        parts.join("，")
    );
}

/// An indicator's line, and its 其中 rows under it (shown, never scored).
fn indicator_lines(
    out: &mut String,
    w: &Widths,
    i: &table::IndicatorRow,
    parts: &[&table::model::Breakdown],
) {
    let mut line = format!(
        "{INDICATOR_INDENT}{}  {}  {}  {}",
        pad_left(&i.seq.to_string(), w.seq),
        pad(&category_label(i), w.category),
        pad(&i.name, w.indicator),
        i.target
    );
    if let Some(a) = &i.actual {
        let _ = write!(line, "  → {a}");
    }
    if let Some(v) = i.weight {
        let _ = write!(line, "  分值 {v}");
    }
    if let Some(s) = i.published_score {
        let _ = write!(line, "  得分 {s}");
    }
    let _ = writeln!(out, "{}", line.trim_end());
    for b in parts {
        let mut line = format!(
            "{INDICATOR_INDENT}{}  {}  └ {}  {}",
            pad_left("", w.seq),
            pad("", w.category),
            b.name,
            b.target
        );
        if let Some(a) = &b.actual {
            let _ = write!(line, "  → {a}");
        }
        line.push_str("  （分项，不计分）");
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The findings: their counts by severity, then one line each. Written on to `sink` past
/// [`FLUSH_AT`].
fn findings_lines(
    out: &mut String,
    doc: &Document,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if doc.findings.is_empty() {
        out.push_str("检查结果：没有发现问题\n");
        return Ok(());
    }
    let count = |s: Severity| doc.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "检查结果：{} 条（错误 {}，警告 {}，提示 {}）",
        doc.findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    for f in &doc.findings {
        let _ = writeln!(
            out,
            "  {}  {}  {}  {}",
            f.severity.zh(),
            f.code,
            f.position(),
            f.message
        );
        if out.len() >= FLUSH_AT {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    Ok(())
}

/// The widest column the tree pads to (display columns): a longer name or amount is written
/// whole, unpadded, and widens no other line.
const MOST_WIDTH: usize = 120;

/// Bytes of text held before they are written on (a project's lines are written whole).
const FLUSH_AT: usize = 64 * 1024;

/// Indent of the lines under a project.
const INDICATOR_INDENT: &str = "      ";

/// A form's title, department and published total, under its project's name.
fn form_lines(out: &mut String, f: &crate::table::model::FormFacts) {
    let kind = match f.kind {
        crate::table::model::FormKind::SelfEvaluation => "自评表",
        crate::table::model::FormKind::Target => "目标申报表",
    };
    let mut head = format!("{INDICATOR_INDENT}表单：{kind}");
    if let Some(t) = &f.title {
        let _ = write!(head, "「{t}」");
    }
    if let Some(y) = f.year {
        let _ = write!(head, "，{y}年度");
    }
    if let Some(d) = &f.department {
        let _ = write!(head, "，主管部门 {d}");
    }
    let _ = writeln!(out, "{head}");
    if let Some(t) = &f.total {
        let mut parts = Vec::new();
        if let Some(w) = t.weight {
            parts.push(format!("分值 {w}"));
        }
        if let Some(s) = t.score {
            parts.push(format!("得分 {s}"));
        }
        if let Some(g) = &t.grade {
            parts.push(format!("等级 {g}"));
        }
        if parts.is_empty() {
            parts.push("未填".to_owned());
        }
        let _ = writeln!(out, "{INDICATOR_INDENT}总分：{}", parts.join("，"));
    }
}

fn unit_label(name: &str) -> String {
    if name.is_empty() {
        "（未注明单位）".to_owned()
    } else {
        name.to_owned()
    }
}

fn category_label(i: &table::IndicatorRow) -> String {
    let cat = i.category.as_deref().unwrap_or("（未填）");
    match &i.subcategory {
        Some(s) => format!("{cat}/{s}"),
        None => cat.to_owned(),
    }
}
