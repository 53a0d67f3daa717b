//! The CSV report: one row per indicator and one 预算执行率 row per project, for spreadsheets and
//! scripts.
//!
//! The file is UTF-8 and starts with a byte-order mark (`EF BB BF`): Excel on Chinese Windows
//! reads a CSV without one as GBK and shows the Chinese as mojibake; with it, Excel, LibreOffice
//! and `csv` readers that strip a BOM all read it right. Quoting follows RFC 4180 (the `csv`
//! crate: fields with commas, quotes or line breaks are quoted, quotes doubled), lines end in
//! CRLF. Numbers are written as shown in the other formats (half-up, the method's decimals).
//! A text cell a spreadsheet would run as a formula is neutralised ([`neutralise`]).

use std::io::{self, Write};

use super::model::{IndicatorReport, ProjectReport, Report};
use super::selfeval_table::{
    budget_actual, budget_target, category_cell, project_notes, subcategory_cell, total_text,
};

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
/// LibreOffice show as text; a plain number (`-5`, `+3.5`) stays a number.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if !risky || is_plain_number(cell) {
        return std::borrow::Cow::Borrowed(cell);
    }
    std::borrow::Cow::Owned(format!("'{cell}"))
}

/// `-12`, `+3.5`: a sign, digits and at most one decimal point, nothing else.
fn is_plain_number(cell: &str) -> bool {
    let digits = &cell[1..];
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
    write_head_records(out, &super::warnings::lines(report))?;
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
/// 警告, their 说明 the warning; `warnings::lines`).
fn write_head_records(out: &mut dyn Write, warnings: &[String]) -> Result<(), csv::Error> {
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
    w.flush()?;
    Ok(())
}

/// The start of a CSV report: the byte-order mark, the header row and the warning rows
/// (`warnings::lines`); the projects' rows follow ([`RowWriter`]). For a report written as it
/// is evaluated (`eval::stream`).
pub fn write_head(out: &mut dyn Write, warnings: &[String]) -> io::Result<()> {
    out.write_all(BOM)?;
    write_head_records(out, warnings).map_err(|e| match e.into_kind() {
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

/// The rows of one project at a time (its 预算执行率 row, then one a indicator), the same bytes
/// as in [`write`]: the whole report and the streamed one (`eval::stream`) are written by it.
pub struct RowWriter {
    builder: csv::WriterBuilder,
}

impl Default for RowWriter {
    fn default() -> Self {
        let mut builder = csv::WriterBuilder::new();
        builder.terminator(csv::Terminator::CRLF);
        RowWriter { builder }
    }
}

impl RowWriter {
    /// Appends the rows of `p` to `buf`.
    pub fn append_project(&mut self, p: &ProjectReport, buf: &mut Vec<u8>) {
        // into memory: the csv writer's only errors are its writer's, and a Vec's write does not
        // fail
        let mut w = self.builder.from_writer(buf);
        let _ = w.write_record(safe(budget_record(p)));
        for i in &p.indicators {
            let _ = w.write_record(safe(indicator_record(p, i)));
        }
        let _ = w.flush();
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
    use super::neutralise;

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
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            ("-1.2.3", "'-1.2.3"),
            ("95%", "95%"),
            ("正常", "正常"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), shown, "{cell:?}");
        }
    }
}
