//! The CSV report: one row per indicator and one 预算执行率 row per project, for spreadsheets and
//! scripts.
//!
//! The file is UTF-8 and starts with a byte-order mark (`EF BB BF`): Excel on Chinese Windows
//! reads a CSV without one as GBK and shows the Chinese as mojibake; with it, Excel, LibreOffice
//! and `csv` readers that strip a BOM all read it right. Quoting follows RFC 4180 (the `csv`
//! crate: fields with commas, quotes or line breaks are quoted, quotes doubled), lines end in
//! CRLF. Numbers are written as shown in the other formats (half-up, the method's decimals).
//! A text cell a spreadsheet would run as a formula is neutralised ([`neutralise`]).
//!
//! Excel in a locale whose list separator is `;` (German, French, …) opens a CSV by splitting
//! each line on `;`, quotes aside, and starts a cell after every line break: `说明;=1+1` or a
//! note whose second line starts with `=` would give it a cell of its own, and that cell a
//! formula. So every place that starts a cell in either reading (the cell's start, after a `;`,
//! after a line break) gets the `'` when a formula character follows. Such an Excel still
//! shows each row of this comma-separated file in one column (as it shows every comma CSV);
//! the way forward there is Data → From Text with the comma, or `--format xlsx`.

use std::io::{self, Write};

use super::model::{IndicatorLine, ProjectReport, Report};
use super::selfeval_table::{project_notes, total_text};

/// The UTF-8 byte-order mark written first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header row.
pub const HEADER: [&str; 16] = [
    "单位",
    "项目",
    "序号",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "规范式",
    "实际完成值",
    "结论",
    "分值",
    "得分",
    "原表得分",
    "规则",
    "偏差原因分析及改进措施",
    "说明",
];

/// The 说明 cell of the budget row: how a method scored budget execution; the project's total
/// appears in no row of its own: where findings stand beside it, or the form printed a total
/// of its own, it is written here (the printed total beside it, with the difference).
fn budget_remark_cell(p: &ProjectReport) -> String {
    [
        super::selfeval_table::budget_remark(p),
        if p.findings.is_empty() && p.has_total() && p.published_score.is_none() {
            String::new()
        } else {
            format!(
                "项目{} {}{}{}{}",
                super::selfeval_table::total_label(p),
                total_text(p),
                if p.has_total() {
                    format!("（{}）", p.grade)
                } else {
                    String::new()
                },
                super::selfeval_table::published_total(p),
                project_notes(p)
            )
        },
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join("；")
}

/// Write the report as CSV (BOM, header, rows) to `out`. The only errors are the writer's
/// (a closed pipe stays [`io::ErrorKind::BrokenPipe`]).
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(BOM)?;
    write_records(report, out).map_err(|e| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    })
}

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return, OWASP's list for CSV injection) gets a leading `'`, which Excel and
/// LibreOffice show as text; a plain number (`-5`, `+3.5`) stays a number. The same after each
/// `;` and line break inside the cell, where an Excel that splits on `;` starts a cell (see
/// the module doc): `a;=1` becomes `a;'=1`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let lead = is_formula_start(cell.as_bytes().first()) && !is_plain_number(cell);
    let inner = memchr::memchr3(b';', b'\n', b'\r', cell.as_bytes()).is_some();
    if !inner {
        return if lead {
            std::borrow::Cow::Owned(format!("'{cell}"))
        } else {
            std::borrow::Cow::Borrowed(cell)
        };
    }
    let mut out = String::with_capacity(cell.len() + 4);
    if lead {
        out.push('\'');
    }
    let mut field_start = false;
    for (i, c) in cell.char_indices() {
        if field_start {
            // a number ends its cell there only if a `;` or line break ends it in this cell
            // (the last one runs on into the rest of the line)
            let rest = &cell[i..];
            let number = rest
                .find([';', '\n', '\r'])
                .is_some_and(|end| is_plain_number(&rest[..end]));
            if is_formula_start(rest.as_bytes().first()) && !number {
                out.push('\'');
            }
        }
        out.push(c);
        field_start = matches!(c, ';' | '\n' | '\r');
    }
    if out.len() == cell.len() {
        std::borrow::Cow::Borrowed(cell)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// `=`, `+`, `-`, `@`, a tab or a carriage return: what starts a formula (OWASP's list).
fn is_formula_start(first: Option<&u8>) -> bool {
    matches!(first, Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// `-12`, `+3.5`: a sign, digits and at most one decimal point, nothing else.
fn is_plain_number(cell: &str) -> bool {
    let Some(digits) = cell.get(1..) else {
        return false;
    };
    let mut points = 0;
    !digits.is_empty()
        && cell.as_bytes()[0] != b'='
        && cell.as_bytes()[0] != b'@'
        && digits.bytes().all(|b| {
            if b == b'.' {
                points += 1;
                points == 1
            } else {
                b.is_ascii_digit()
            }
        })
        && digits.bytes().any(|b| b.is_ascii_digit())
}

fn write_records(report: &Report, out: &mut dyn Write) -> Result<(), csv::Error> {
    write_head_records(out, &super::warnings::lines(report), (&report.findings, 0))?;
    let mut rows = RowWriter::default();
    let mut buf = Vec::with_capacity(64 * 1024);
    for p in &report.projects {
        rows.append_project(p, &mut buf);
        if buf.len() >= 60 * 1024 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    Ok(())
}

/// The header row and, after it, the warning rows: actuals that matched nothing (their 结论
/// 警告, their 说明 the warning; `warnings::lines`); then the report's own findings
/// ([`own_finding_record`]: the reader's errors, its warnings on no project's rows, …; those the
/// warning rows say aside), at most [`OWN_FINDINGS_WRITTEN`], and a row counting the rest
/// (`more` of them not held, as a streamed run counts them).
///
/// [`OWN_FINDINGS_WRITTEN`]: crate::report_model::OWN_FINDINGS_WRITTEN
fn write_head_records(
    out: &mut dyn Write,
    warnings: &[String],
    (findings, more): (&[crate::finding::Finding], usize),
) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for line in warnings {
        let mut record: [String; 16] = Default::default();
        record[9] = "警告".to_owned();
        record[15] = line.clone();
        w.write_record(safe(record))?;
    }
    let max = crate::report_model::OWN_FINDINGS_WRITTEN;
    let own = findings.iter().filter(|f| !super::warnings::is_warned(f));
    let mut written = 0;
    for f in own.clone().take(max) {
        w.write_record(safe(own_finding_record(f)))?;
        written += 1;
    }
    let more = more + own.count() - written;
    if more > 0 {
        let mut record: [String; 16] = Default::default();
        record[9] = "警告".to_owned();
        record[15] = format!("另有 {more} 条发现未列出，见运行时的标准错误输出");
        w.write_record(safe(record))?;
    }
    w.flush()?;
    Ok(())
}

/// A row of the report's own findings (one beside no project's rows): 单位 and 项目 where it
/// names them, 结论 its severity (`错误`, `警告`, `提示`), 规则 its code (`table.stray-quote`),
/// 说明 its place and message; the indicator columns empty.
fn own_finding_record(f: &crate::finding::Finding) -> [String; 16] {
    let mut record: [String; 16] = Default::default();
    record[0] = f.unit_name().unwrap_or_default().to_owned();
    record[1] = f.project_name().unwrap_or_default().to_owned();
    record[9] = match f.severity {
        crate::finding::Severity::Error => "错误",
        crate::finding::Severity::Warning => "警告",
        crate::finding::Severity::Info => "提示",
    }
    .to_owned();
    record[13] = f.code.to_string();
    record[15] = format!("{}：{}", f.position(), f.message);
    record
}

/// The start of a CSV report: the byte-order mark, the header row and the warning rows
/// (`warnings::lines`); the projects' rows follow ([`RowWriter`]). For a report written as it
/// is evaluated (`eval::stream`).
pub fn write_head(
    out: &mut dyn Write,
    warnings: &[String],
    own: (&[crate::finding::Finding], usize),
) -> io::Result<()> {
    out.write_all(BOM)?;
    write_head_records(out, warnings, own).map_err(|e| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    })
}

fn safe(record: [String; 16]) -> [String; 16] {
    record.map(|c| match neutralise(&c) {
        std::borrow::Cow::Borrowed(_) => c,
        std::borrow::Cow::Owned(n) => n,
    })
}

/// CSV rows for a streamed run (`eval::stream`): a [`RowWriter`] for each worker; nothing
/// after the last row (the head is written before them: [`write_head`]).
pub struct CsvLines;

impl crate::eval::stream::Lines for CsvLines {
    fn writer(&self) -> Box<dyn crate::eval::stream::ProjectLines> {
        Box::new(RowWriter::default())
    }

    fn finish(
        &self,
        _: &super::model::Summary,
        _: (&[crate::finding::Finding], usize),
        _: &mut dyn Write,
    ) -> io::Result<()> {
        Ok(())
    }
}

impl crate::eval::stream::ProjectLines for RowWriter {
    fn start_project(&mut self, unit: &str, project: &str) {
        RowWriter::start_project(self, unit, project);
    }

    fn indicator(&mut self, line: &super::model::IndicatorLine<'_>, _: &mut Vec<u8>) {
        let mut rows = std::mem::take(&mut self.rows);
        self.row_after_head(&mut rows, line);
        self.rows = rows;
        self.row_ends.push(self.rows.len());
    }

    fn end_project(&mut self, p: &ProjectReport, buf: &mut Vec<u8>) {
        self.end_project_in_parts(p, buf, &mut |_| {});
    }

    fn end_project_in_parts(
        &mut self,
        p: &ProjectReport,
        buf: &mut Vec<u8>,
        hand: &mut dyn FnMut(&mut Vec<u8>),
    ) {
        self.budget(buf, p);
        let mut start = 0;
        for &end in &self.row_ends {
            buf.extend_from_slice(&self.head);
            buf.extend_from_slice(&self.rows[start..end]);
            start = end;
            // (handed on in parts of some MB: asked only once a MB is written)
            if buf.len() >= 1 << 20 {
                hand(buf);
            }
        }
        hand(buf);
        self.rows.clear();
        self.row_ends.clear();
    }
}

/// The rows of one project at a time (its 预算执行率 row, then one a indicator), the same bytes
/// as in [`write`](fn@write): the whole report and the streamed one (`eval::stream`) are written by it.
///
/// Written by hand rather than through the `csv` crate (16 `String`s a row, each number through
/// a formatter, then a record writer: 15,000 instructions an indicator, 2.6 times the JSON
/// line's): each cell goes straight into the buffer, neutralised ([`neutralise`]) and quoted
/// as the crate quotes it (`field`), with what repeats kept: the unit and project cells once
/// a project, a rule list's cell by the list's address. The bytes are the crate's (a test
/// compares them on hostile cells).
#[derive(Default)]
pub struct RowWriter {
    /// `unit,project,` of the project being written.
    head: Vec<u8>,
    /// A cell being made.
    cell: Vec<u8>,
    /// The cells of an indicator's texts (一级指标 to 规范式, with the commas between), by the
    /// texts' addresses and the two 推断 marks: rows that evaluation read alike share their
    /// texts' `Arc`s (`eval::reading`). An entry holds the `Arc`s, so no address it is kept
    /// under is freed and reused for another text while it lives.
    texts: rustc_hash::FxHashMap<TextsKey, ([Option<Text>; 5], Vec<u8>)>,
    /// The cell of each rule list met, by the list's address, with the list (kept alive, so
    /// that no address it is kept under is freed and reused meanwhile).
    rules: rustc_hash::FxHashMap<usize, (RuleList, Vec<u8>)>,
    /// The text of the last few weights and of the last few scores written (a sheet's rows
    /// carry a few weights, and every row that meets its target scores its weight).
    weights: super::json::ShownWeights,
    scores: super::json::ShownWeights,
    /// A streamed project's indicator rows, written as they are scored and held until its
    /// 预算执行率 row (which comes first, and is known once they all are) is written: each
    /// without its unit and project cells (`head`, put before it as it is written out), and
    /// where each ends in `rows`. A 1 KB unit's and project's name over a project of 200,000
    /// indicators was 400 MB held, a copy a row (issue 27, H141).
    rows: Vec<u8>,
    row_ends: Vec<usize>,
}

type RuleList = std::sync::Arc<[std::borrow::Cow<'static, str>]>;
type Text = std::sync::Arc<str>;
/// The addresses of an indicator's five texts and its two 推断 marks.
type TextsKey = ([usize; 5], u8);

impl RowWriter {
    /// Rule lists kept at most (emptied when full).
    const MAX: usize = 4096;

    /// Appends the rows of `p` to `buf`.
    pub fn append_project(&mut self, p: &ProjectReport, buf: &mut Vec<u8>) {
        self.start_project(&p.unit, &p.project);
        self.budget(buf, p);
        for i in &p.indicators {
            self.indicator_row(buf, &i.line());
        }
    }

    /// Starts the rows of the project `project` of `unit` (each row begins with them).
    fn start_project(&mut self, unit: &str, project: &str) {
        self.head.clear();
        field(&mut self.head, unit);
        self.head.push(b',');
        field(&mut self.head, project);
        self.head.push(b',');
        self.rows.clear();
        self.row_ends.clear();
    }

    /// The 预算执行率 row: its target (the budget), its actual (what was spent, the rate), its
    /// weight, score, printed score and rules, and the 说明 (`budget_remark_cell`).
    fn budget(&mut self, b: &mut Vec<u8>, p: &ProjectReport) {
        b.extend_from_slice(&self.head);
        b.extend_from_slice(",预算执行率,,,".as_bytes());
        let cell = &mut self.cell;
        if let Some(budget) = p.budget {
            cell.clear();
            cell.extend_from_slice("预算 ".as_bytes());
            super::json::decimal(cell, budget.normalize());
            cell.push(b' ');
            cell.extend_from_slice(p.money_unit.as_bytes());
            field_bytes(b, cell);
        }
        b.extend_from_slice(b",,");
        match (&p.spent, &p.execution_rate) {
            (Some(spent), rate) => {
                cell.clear();
                cell.extend_from_slice("执行 ".as_bytes());
                super::json::decimal(cell, spent.normalize());
                cell.push(b' ');
                cell.extend_from_slice(p.money_unit.as_bytes());
                if let Some(r) = rate {
                    cell.extend_from_slice("（".as_bytes());
                    super::json::shown(cell, *r);
                    cell.extend_from_slice("%）".as_bytes());
                }
                field_bytes(b, cell);
            }
            (None, Some(r)) => {
                cell.clear();
                cell.extend_from_slice("执行率 ".as_bytes());
                super::json::shown(cell, *r);
                cell.push(b'%');
                field_bytes(b, cell);
            }
            _ => b.extend_from_slice("—".as_bytes()),
        }
        b.extend_from_slice(b",,");
        number(b, |b| super::json::shown(b, p.budget_weight));
        b.push(b',');
        if let Some(s) = p.budget_score {
            number(b, |b| super::json::shown(b, s));
        }
        b.push(b',');
        if let Some(d) = p.budget_published_score {
            number(b, |b| super::json::decimal(b, d.normalize()));
        }
        b.push(b',');
        field(b, &p.budget_rules.join(" "));
        b.extend_from_slice(b",,");
        // most projects have nothing to say here
        let nothing = p.budget_note.is_none()
            && p.budget.is_some()
            && p.budget_published_score.is_none()
            && p.findings.is_empty()
            && p.has_total()
            && p.published_score.is_none();
        if !nothing {
            field(b, &budget_remark_cell(p));
        }
        b.extend_from_slice(b"\r\n");
    }

    /// One indicator's row: unit, project, 序号, the texts, 结论, the numbers, 规则, 偏差原因 and
    /// 说明 (the columns of [`HEADER`]).
    fn indicator_row(&mut self, b: &mut Vec<u8>, i: &IndicatorLine<'_>) {
        b.extend_from_slice(&self.head);
        self.row_after_head(b, i);
    }

    /// [`RowWriter::indicator_row`] from its 序号 on (without the unit and project cells).
    fn row_after_head(&mut self, b: &mut Vec<u8>, i: &IndicatorLine<'_>) {
        b.extend_from_slice(itoa::Buffer::new().format(i.seq).as_bytes());
        b.push(b',');
        self.texts(b, i);
        b.push(b',');
        field(b, i.actual.unwrap_or_default());
        b.push(b',');
        b.extend_from_slice(i.verdict.zh().as_bytes());
        b.push(b',');
        number(b, |b| self.weights.write(b, i.weight));
        b.push(b',');
        if let Some(s) = i.score {
            number(b, |b| self.scores.write(b, s));
        }
        b.push(b',');
        if let Some(d) = i.published_score {
            number(b, |b| super::json::decimal(b, d.normalize()));
        }
        b.push(b',');
        self.rules(b, i.rules);
        b.push(b',');
        field(b, i.deviation_note.unwrap_or_default());
        b.push(b',');
        field(b, i.note);
        b.extend_from_slice(b"\r\n");
    }

    /// The cells from 一级指标 to 规范式, kept by the texts' addresses.
    fn texts(&mut self, b: &mut Vec<u8>, i: &IndicatorLine<'_>) {
        let texts = [
            i.category,
            i.subcategory,
            Some(i.indicator),
            Some(i.target),
            i.canonical,
        ];
        let at = texts.map(|t| t.map_or(0, |a| std::sync::Arc::as_ptr(a) as *const u8 as usize));
        let marks = u8::from(i.category_inferred) | u8::from(i.subcategory_inferred) << 1;
        if let Some((_, cells)) = self.texts.get(&(at, marks)) {
            b.extend_from_slice(cells);
            return;
        }
        let start = b.len();
        inferred(b, i.category.map(|t| &**t), i.category_inferred);
        b.push(b',');
        inferred(b, i.subcategory.map(|t| &**t), i.subcategory_inferred);
        b.push(b',');
        field(b, i.indicator);
        b.push(b',');
        field(b, i.target);
        b.push(b',');
        field(b, i.canonical.map_or("", |t| &**t));
        if self.texts.len() >= Self::MAX {
            self.texts.clear();
        }
        let held = texts.map(|t| t.cloned());
        self.texts.insert((at, marks), (held, b[start..].to_vec()));
    }

    /// The 规则 cell: the rule ids joined by spaces, kept by the list's address.
    fn rules(&mut self, b: &mut Vec<u8>, rules: &RuleList) {
        let at = std::sync::Arc::as_ptr(rules) as *const u8 as usize;
        if let Some((_, cell)) = self.rules.get(&at) {
            b.extend_from_slice(cell);
            return;
        }
        let mut cell = Vec::new();
        field(&mut cell, &rules.join(" "));
        b.extend_from_slice(&cell);
        if self.rules.len() >= Self::MAX {
            self.rules.clear();
        }
        self.rules.insert(at, (rules.clone(), cell));
    }
}

/// A 一级指标 / 二级指标 cell (`selfeval_table`'s `category_cell`, `subcategory_cell`): the text, marked
/// （推断） where a rule gave it.
fn inferred(b: &mut Vec<u8>, text: Option<&str>, marked: bool) {
    match (text, marked) {
        (Some(t), true) => field(b, &format!("{t}（推断）")),
        (Some(t), false) => field(b, t),
        (None, _) => {}
    }
}

/// A number's cell, written by `write` (a number written as shown starts with a digit or a
/// `-` and a digit, and holds no byte that is quoted: it is checked as a cell where not).
fn number(b: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let start = b.len();
    write(b);
    let text = &b[start..];
    if text.first().is_some_and(u8::is_ascii_digit) {
        return;
    }
    let cell = String::from_utf8_lossy(text).into_owned();
    b.truncate(start);
    field(b, &cell);
}

/// Bytes a cell is looked at more closely for: what the `csv` crate quotes (`,` `"` and the
/// line breaks) and where [`neutralise`] may start a cell (`;` and the line breaks).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b';' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// Appends `cell` as the `csv` crate writes a field of [`safe`]'s record: [`neutralise`]d,
/// then quoted where it holds a `,`, a `"` or a line break (its quotes doubled; the crate's
/// `QuoteStyle::Necessary`). A cell with none of those bytes and no formula start is copied.
fn field(b: &mut Vec<u8>, cell: &str) {
    field_bytes(b, cell.as_bytes());
}

/// [`field`] of a cell made as bytes (UTF-8 whole: made of `str`s and ASCII).
fn field_bytes(b: &mut Vec<u8>, bytes: &[u8]) {
    if !is_formula_start(bytes.first()) && !bytes.iter().any(|&c| SPECIAL[c as usize]) {
        b.extend_from_slice(bytes);
        return;
    }
    let cell = String::from_utf8_lossy(bytes);
    let safe = neutralise(&cell);
    let bytes = safe.as_bytes();
    if !bytes
        .iter()
        .any(|&c| matches!(c, b',' | b'"' | b'\r' | b'\n'))
    {
        b.extend_from_slice(bytes);
        return;
    }
    b.push(b'"');
    for &c in bytes {
        if c == b'"' {
            b.push(b'"');
        }
        b.push(c);
    }
    b.push(b'"');
}

/// CSV's parts (`report::sections`): the byte-order mark, the header and the warning rows
/// ([`write_head`]), each project's rows ([`RowWriter`]), nothing after: [`write`](fn@write)'s
/// bytes.
#[derive(Default)]
pub(crate) struct CsvSections(RowWriter);

impl super::sections::Sections for CsvSections {
    fn head(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        write_head(out, &super::warnings::lines(r), (&r.findings, 0))
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut super::sections::Parts<'_>) {
        // `RowWriter::append_project`, handed on between rows in a long project
        self.0.start_project(&p.unit, &p.project);
        self.0.budget(buf, p);
        for i in &p.indicators {
            self.0.indicator_row(buf, &i.line());
            buf.may_cut();
        }
    }

    fn tail(&mut self, _: &Report, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The report as CSV bytes.
pub fn render(report: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory does not fail.
    let _ = write(report, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::selfeval_table::{
        budget_actual, budget_target, category_cell, subcategory_cell,
    };
    use super::*;
    use crate::eval::Verdict;
    use crate::report::model::{IndicatorReport, Shown, SourceRef};
    use rust_decimal::Decimal;

    /// The rows the `csv` crate wrote before [`RowWriter`] wrote its own: the reference.
    fn budget_record(p: &ProjectReport) -> [String; 16] {
        [
            p.unit.clone(),
            p.project.clone(),
            String::new(),
            "预算执行率".to_owned(),
            String::new(),
            String::new(),
            budget_target(p),
            String::new(),
            budget_actual(p),
            String::new(),
            p.budget_weight.to_string(),
            p.budget_score.map(|s| s.to_string()).unwrap_or_default(),
            p.budget_published_score
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
            p.budget_rules.join(" "),
            String::new(),
            // how a method scored budget execution; the project's total appears in no row of its
            // own: where findings stand beside it, or the form printed a total of its own, it is
            // written here (the printed total beside it, with the difference)
            [
                super::super::selfeval_table::budget_remark(p),
                if p.findings.is_empty() && p.has_total() && p.published_score.is_none() {
                    String::new()
                } else {
                    format!(
                        "项目{} {}{}{}{}",
                        super::super::selfeval_table::total_label(p),
                        total_text(p),
                        if p.has_total() {
                            format!("（{}）", p.grade)
                        } else {
                            String::new()
                        },
                        super::super::selfeval_table::published_total(p),
                        project_notes(p)
                    )
                },
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；"),
        ]
    }

    fn indicator_record(p: &ProjectReport, i: &IndicatorReport) -> [String; 16] {
        [
            p.unit.clone(),
            p.project.clone(),
            i.seq.to_string(),
            category_cell(i),
            subcategory_cell(i),
            i.indicator.to_string(),
            i.target.to_string(),
            i.canonical.as_deref().unwrap_or_default().to_owned(),
            i.actual.as_deref().unwrap_or_default().to_owned(),
            i.verdict.zh().to_owned(),
            i.weight.to_string(),
            i.score.map(|s| s.to_string()).unwrap_or_default(),
            i.published_score
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
            i.rules.join(" "),
            i.deviation_note.clone().unwrap_or_default(),
            i.note.to_string(),
        ]
    }

    /// The rows of `p` as the `csv` crate writes [`safe`] records of them.
    fn crate_rows(p: &ProjectReport) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        w.write_record(safe(budget_record(p))).unwrap();
        for i in &p.indicators {
            w.write_record(safe(indicator_record(p, i))).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        buf
    }

    fn indicator(text: &str, with: bool, rules: &RuleList) -> IndicatorReport {
        IndicatorReport {
            seq: 12,
            category: with.then(|| format!("产出{text}").into()),
            subcategory: (!with).then(|| text.into()),
            indicator: format!("指标\"{text}\"").into(),
            target: text.into(),
            canonical: with.then(|| ">= 95 %".into()),
            actual: (!with).then(|| text.into()),
            verdict: if with { Verdict::Pass } else { Verdict::Review },
            weight: Shown::new(Decimal::new(-100, 1) / Decimal::from(3), 2),
            score: with.then(|| Shown::new(Decimal::new(945, 2), 1)),
            published_score: Some(if with {
                Decimal::new(-1900, 3)
            } else {
                -Decimal::ZERO
            }),
            rules: rules.clone(),
            note: format!("达标；{text}").into(),
            source: SourceRef {
                file: "a.tsv".into(),
                line: 7,
                column: Some(3),
                cell: None,
                sheet: None,
            },
            category_inferred: with,
            deviation_note: with.then(|| format!("原因{text}")),
            differs_from_published: false,
            subcategory_inferred: !with,
            grade: None,
            plan: None,
        }
    }

    fn project(unit: &str, name: &str, indicators: Vec<IndicatorReport>) -> ProjectReport {
        let shown = Shown::new(Decimal::new(-5, 0), 2);
        ProjectReport {
            unit: unit.into(),
            project: name.into(),
            budget: Some(Decimal::new(-12, 1)),
            spent: None,
            execution_rate: None,
            score: shown,
            grade: "优".into(),
            indicators,
            budget_weight: shown,
            budget_score: None,
            budget_published_score: None,
            budget_rules: vec![name.to_owned().into()],
            budget_note: None,
            money_unit: "万元".into(),
            weights: shown,
            findings: Vec::new(),
            published_score: None,
            published_grade: None,
            total_differs: false,
            goal: None,
            goal_actual: None,
            pending: shown,
            counts: crate::report::model::VerdictCounts::default(),
            status: Default::default(),
            mismatches: Vec::new(),
        }
    }

    #[test]
    fn hand_written_rows_are_the_csv_crates_bytes() {
        let texts = [
            "95%以上",
            "",
            "a,b",
            "\"引号\"",
            "=1+1",
            "-5",
            "-5;x",
            "+3.5",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "第一行\n=HYPERLINK(1)",
            "说明;=1+1,\"x\"",
            "a; b;\n正常",
            "完成值为百分之九十五以上，群众满意度\t较高\\",
        ];
        let mut writer = RowWriter::default();
        for t in texts {
            let shared: RuleList = vec!["default.a".into(), t.to_owned().into()].into();
            let own: RuleList = vec![t.to_owned().into()].into();
            let rows = vec![
                indicator(t, true, &shared),
                indicator(t, false, &shared),
                indicator(t, false, &own),
            ];
            // a project with everything its budget row can say, in words of `t`
            let mut full = project("单位", t, rows.clone());
            full.spent = Some(Decimal::new(123_450, 3));
            full.execution_rate = Some(Shown::new(Decimal::new(1, 0) / Decimal::from(3), 2));
            full.budget_score = Some(Shown::new(Decimal::new(95, 1), 2));
            full.budget_published_score = Some(Decimal::new(-30, 1));
            full.budget_note = Some(format!("分档{t}"));
            full.money_unit = t.to_owned().into();
            full.published_score = Some(Decimal::new(88, 0));
            let mut spent_only = project(t, "项目", rows.clone());
            spent_only.spent = Some(Decimal::new(5, 0));
            spent_only.budget = None;
            for p in [project(t, t, rows), full, spent_only] {
                let mut ours = Vec::new();
                writer.append_project(&p, &mut ours);
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&crate_rows(&p)),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn formulas_get_a_quote_and_numbers_stay() {
        for (cell, shown) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r'=1"),
            ("-", "'-"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            ("-1.2.3", "'-1.2.3"),
            ("95%", "95%"),
            ("正常", "正常"),
            ("", ""),
            // where an Excel that splits on `;` starts a cell
            ("说明;=1+1", "说明;'=1+1"),
            ("a;-5;@x", "a;-5;'@x"),
            ("a;-5", "a;'-5"),
            ("=a;=b", "'=a;'=b"),
            ("第一行\n=HYPERLINK(1)", "第一行\n'=HYPERLINK(1)"),
            ("第一行\r\n-x", "第一行\r\n'-x"),
            ("a; b;\n正常", "a; b;\n正常"),
            ("-5;x", "'-5;x"),
        ] {
            assert_eq!(neutralise(cell), shown, "{cell:?}");
        }
    }
}
