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
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    let safe = |record: [String; 16]| record.map(|c| neutralise(&c).into_owned());
    // actuals that matched nothing, first: rows whose 结论 is 警告 and 说明 the warning
    for line in super::warnings::lines(report) {
        let mut record: [String; 16] = Default::default();
        record[9] = "警告".to_owned();
        record[15] = line;
        w.write_record(safe(record))?;
    }
    for p in &report.projects {
        w.write_record(safe(budget_record(p)))?;
        for i in &p.indicators {
            w.write_record(safe(indicator_record(p, i)))?;
        }
    }
    w.flush()?;
    Ok(())
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
