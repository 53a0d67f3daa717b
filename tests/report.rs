//! The csv, html and xlsx reports: snapshots on the bundled sample and on a scored sheet with
//! published 得分 (differences) and hostile text, escaping, and byte-identical re-renders.
//!
//! The xlsx workbook is read back with calamine and snapshotted as cell text.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use jixiao::eval::{self, ActualsFile, Methodology};
use jixiao::report::model::Report;
use jixiao::report::{csv, html, xlsx};
use jixiao::rules::set::RuleSet;
use jixiao::table::{self, ReadOptions};

fn report(table_path: &str, actuals_path: Option<&str>) -> Report {
    // Relative paths (tests run in the crate's folder): source paths in the report are the same
    // on every machine.
    let doc = table::read_path(Path::new(table_path), &ReadOptions::default()).unwrap();
    let actuals = actuals_path.map(|p| {
        let text = std::fs::read_to_string(p).unwrap();
        ActualsFile::parse(p, &text).unwrap()
    });
    let methodology = Methodology::from_rules(RuleSet::bundled());
    eval::evaluate(
        &doc,
        actuals.as_ref(),
        &eval::Options::new(&methodology, RuleSet::bundled()),
    )
}

fn sample() -> Report {
    report(
        "samples/guangzhou-hpf-2023/targets.tsv",
        Some("samples/guangzhou-hpf-2023/actuals.yaml"),
    )
}

fn scored() -> Report {
    report("tests/fixtures/report/scored.csv", None)
}

fn bands() -> Vec<jixiao::eval::methodology::ScoreBand> {
    Methodology::from_rules(RuleSet::bundled()).bands.value
}

/// The CSV report in memory (`csv::write` into a buffer, as the command line writes it).
fn csv_render(r: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    csv::write(r, &mut out).unwrap();
    out
}

fn csv_text(r: &Report) -> String {
    let bytes = csv_render(r);
    assert!(
        bytes.starts_with(csv::BOM),
        "the CSV starts with a UTF-8 BOM"
    );
    String::from_utf8(bytes[csv::BOM.len()..].to_vec()).unwrap()
}

/// Every sheet of the workbook as text: `A1 = "text"` for strings, `A1 = 1.5` for numbers.
fn xlsx_cells(bytes: Vec<u8>) -> String {
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&format!("== {name}\n"));
        let range = wb.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    !matches!(c, Data::Empty) && !matches!(c, Data::String(s) if s.is_empty())
                })
                .map(|(c, d)| {
                    let col = c as u32 + c0;
                    let letter = if col < 26 {
                        ((b'A' + col as u8) as char).to_string()
                    } else {
                        format!(
                            "{}{}",
                            (b'A' + (col / 26 - 1) as u8) as char,
                            (b'A' + (col % 26) as u8) as char
                        )
                    };
                    match d {
                        Data::String(s) => format!("{letter}={s:?}"),
                        Data::Float(f) => format!("{letter}={f}"),
                        Data::Int(i) => format!("{letter}={i}"),
                        other => format!("{letter}={other:?}"),
                    }
                })
                .collect();
            if !cells.is_empty() {
                out.push_str(&format!("{}: {}\n", r as u32 + r0 + 1, cells.join("  ")));
            }
        }
    }
    out
}

#[test]
fn sample_csv() {
    insta::assert_snapshot!("sample_csv", csv_text(&sample()));
}

#[test]
fn scored_csv_quotes_and_published_scores() {
    insta::assert_snapshot!("scored_csv", csv_text(&scored()));
}

#[test]
fn sample_html() {
    insta::assert_snapshot!("sample_html", html::render(&sample(), &bands()));
}

#[test]
fn scored_html_differences_and_escaping() {
    insta::assert_snapshot!("scored_html", html::render(&scored(), &bands()));
}

#[test]
fn sample_xlsx_cells() {
    insta::assert_snapshot!(
        "sample_xlsx_cells",
        xlsx_cells(xlsx::render(&sample()).unwrap())
    );
}

#[test]
fn scored_xlsx_cells_with_differences_sheet() {
    let cells = xlsx_cells(xlsx::render(&scored()).unwrap());
    assert!(cells.contains("== 复核差异"));
    insta::assert_snapshot!("scored_xlsx_cells", cells);
}

#[test]
fn hostile_target_is_text_in_html() {
    let r = scored();
    assert!(
        r.projects
            .iter()
            .flat_map(|p| &p.indicators)
            .any(|i| &*i.target == "<script>alert(1)</script>"),
        "the fixture carries the hostile target"
    );
    let page = html::render(&r, &bands());
    assert!(
        !page.contains("<script"),
        "no script element reaches the page"
    );
    assert!(!page.contains("<b>培训"), "markup in names is escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("覆盖率 &amp; 到位率"));
}

#[test]
fn html_is_self_contained() {
    let page = html::render(&sample(), &bands());
    for external in ["http://", "https://", "<link", "<script", "@import", "url("] {
        let allowed = external == "http://" && page.matches(external).count() == 1;
        assert!(
            !page.contains(external) || allowed,
            "the page refers outside itself: {external}"
        );
    }
    // The one http:// is the SVG namespace, which is never fetched.
    assert!(page.contains("xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn renders_are_byte_identical() {
    let (a, b) = (sample(), sample());
    assert_eq!(csv_render(&a), csv_render(&b));
    assert_eq!(html::render(&a, &bands()), html::render(&b, &bands()));
    assert_eq!(xlsx::render(&a).unwrap(), xlsx::render(&b).unwrap());
    let (a, b) = (scored(), scored());
    assert_eq!(xlsx::render(&a).unwrap(), xlsx::render(&b).unwrap());
}

#[test]
fn sample_has_no_differences_sheet() {
    let cells = xlsx_cells(xlsx::render(&sample()).unwrap());
    assert!(cells.starts_with("== 汇总") && cells.contains("== 1.业务用房物业管理费"));
    assert!(!cells.contains("== 复核差异"));
}

#[test]
fn csv_reads_back_one_row_per_indicator_and_project() {
    let r = scored();
    let bytes = csv_render(&r);
    let mut reader = ::csv::Reader::from_reader(&bytes[csv::BOM.len()..]);
    assert_eq!(reader.headers().unwrap().len(), csv::HEADER.len());
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let indicators: usize = r.projects.iter().map(|p| p.indicators.len()).sum();
    assert_eq!(rows.len(), indicators + r.projects.len());
    assert!(rows.iter().all(|row| row.len() == csv::HEADER.len()));
    // A field with a comma and quotes comes back whole.
    assert!(rows.iter().any(|row| &row[5] == "居民投诉率, 按\"件\"计"));
}

#[test]
fn jishan_xlsx_cells_with_published_scores() {
    // The transcribed published 自评表: its 复核差异 sheet lists the rows the re-check disputes.
    let r = report("samples/jishan-2021-health/sheet.tsv", None);
    assert!(!r.differences.is_empty());
    insta::assert_snapshot!("jishan_xlsx_cells", xlsx_cells(xlsx::render(&r).unwrap()));
}

#[test]
fn html_lists_input_findings_escaped() {
    let r = report(
        "tests/fixtures/report/scored.csv",
        Some("tests/fixtures/report/unmatched.yaml"),
    );
    assert!(!r.findings.is_empty());
    let page = html::render(&r, &bands());
    assert!(page.contains("<h2>输入提示（"));
    assert!(page.contains("&lt;i&gt;不存在&lt;/i&gt;"));
    assert!(!page.contains("<i>不存在"));
}

#[test]
fn html_chart_gives_counts_per_grade_for_many_projects() {
    let mut r = sample();
    let projects = r.projects.clone();
    while r.projects.len() <= 200 {
        r.projects.extend(projects.iter().cloned());
    }
    let page = html::render(&r, &bands());
    assert!(!page.contains("<svg"), "no bar per project beyond 200");
    assert!(page.contains("条形图从略。按等级："));
}
