//! Published per-project forms (contract §4.4): the real forms of `tests/fixtures/forms/` (a copy of
//! shared/forms/) read against the facts `expected.tsv` says each must give, then evaluated:
//! every published 得分 is reproduced or listed as a difference, and the 总分 is re-checked.

use std::collections::HashMap;
use std::path::PathBuf;

use jixiao::eval::{self, Methodology, Verdict};
use jixiao::rules::RuleSet;
use jixiao::table::{self, Document, ReadOptions, model::FormKind};
use rust_decimal::Decimal;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms")
}

/// `expected.tsv`: `form` and `indicator` rows, by column name.
/// One row of `expected.tsv`, by column name.
type Row = HashMap<String, String>;

fn expected() -> (Vec<Row>, Vec<Row>) {
    let text = std::fs::read_to_string(dir().join("expected.tsv")).unwrap();
    let mut heads: HashMap<String, Vec<String>> = HashMap::new();
    let (mut forms, mut indicators) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# record=") {
            let mut cols = rest.split('\t');
            let kind = cols.next().unwrap().trim_end_matches(" rows").to_owned();
            heads.insert(kind, cols.map(str::to_owned).collect());
            continue;
        }
        let mut cells = line.split('\t');
        let kind = cells.next().unwrap();
        let Some(head) = heads.get(kind) else {
            continue;
        };
        let row: Row = head
            .iter()
            .cloned()
            .zip(cells.map(|c| c.trim_matches('"').replace("\"\"", "\"")))
            .collect();
        match kind {
            "form" => forms.push(row),
            _ => indicators.push(row),
        }
    }
    (forms, indicators)
}

/// The leading number of a cell of `expected.tsv` (`251.89 (调整后预算数)`), if any; none where
/// the figure is not on the form (`100 (computed, not in copy)`).
fn number(s: &str) -> Option<Decimal> {
    if s.contains("not in copy") {
        return None;
    }
    let lead: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    lead.parse().ok()
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A form of the fixtures, named by its path from the repository root (as snapshots show it).
fn read(file: &str) -> Document {
    let bytes = std::fs::read(dir().join(file)).unwrap();
    let name = format!("tests/fixtures/forms/{file}");
    table::read_bytes(&name, &bytes, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

/// An `assert_eq!` that records the difference and goes on (every fact of every form is seen).
macro_rules! check {
    ($errors:ident, $left:expr, $right:expr, $($fmt:tt)+) => {{
        let (l, r) = (&$left, &$right);
        if l != r {
            $errors.push(format!("{}: {:?} ≠ {:?}", format!($($fmt)+), l, r));
        }
    }};
}

#[test]
fn every_form_gives_its_expected_facts() {
    let (forms, indicators) = expected();
    assert_eq!(forms.len(), 14, "fourteen forms in expected.tsv");
    let mut errors: Vec<String> = Vec::new();
    for f in &forms {
        let file = &f["file"];
        let doc = read(file);
        let c = doc.counts();
        check!(errors, c.projects, 1, "{file}");
        let (unit, project) = doc.projects().next().unwrap();
        let facts = project.form.as_deref().expect("read as a form");
        check!(errors, project.name, f["project"], "{file}");
        check!(errors, unit.name, f["unit"], "{file}");
        check!(
            errors,
            facts.department.as_deref().unwrap_or(""),
            f["dept"],
            "{file}"
        );
        check!(
            errors,
            c.indicators.to_string(),
            f["indicator_count"],
            "{file} indicators"
        );
        let kind = match f["kind"].as_str() {
            "target" => FormKind::Target,
            _ => FormKind::SelfEvaluation,
        };
        check!(errors, facts.kind, kind, "{file}");
        check!(
            errors,
            facts.year.map(|y| y.to_string()),
            Some(f["year"].clone()),
            "{file} year"
        );
        check!(
            errors,
            facts.money_unit.as_deref(),
            // `(not stated; 万元 by convention)`: the form prints none
            Some(f["money_unit"].as_str()).filter(|u| !u.starts_with("(not stated")),
            "{file} money unit"
        );
        check!(
            errors,
            facts.budget_initial,
            number(&f["budget_initial"]),
            "{file}"
        );
        let budget = project.budget.as_ref();
        let total = facts.total.as_ref();
        // each amount or points fact of the form against its column of expected.tsv
        for (column, got) in [
            ("budget_full_year", budget.and_then(|b| b.budget)),
            ("budget_executed", budget.and_then(|b| b.spent)),
            ("budget_weight", budget.and_then(|b| b.weight)),
            ("budget_score", budget.and_then(|b| b.published_score)),
            ("total_weight", total.and_then(|t| t.weight)),
            ("total_score", total.and_then(|t| t.score)),
        ] {
            check!(errors, got, number(&f[column]), "{file} {column}");
        }
        // `0 (年度资金总额 row)`: the rate as printed, before the note
        let rate = f["exec_rate"].split(" (").next().unwrap_or("");
        check!(
            errors,
            facts.execution_rate.as_deref().unwrap_or(""),
            rate,
            "{file} rate"
        );
        check!(
            errors,
            total.and_then(|t| t.grade.as_deref()).unwrap_or(""),
            f["grade"],
            "{file} grade"
        );
        // the indicators of the form, in order (the .csv and .docx copies give the same ones)
        let source = indicators
            .iter()
            .filter(|i| {
                let stem = |s: &str| {
                    s.split('.')
                        .next()
                        .unwrap()
                        .trim_end_matches("-gbk")
                        .to_owned()
                };
                stem(&i["file"]) == stem(file)
                    && (i["file"] == *file || !indicators.iter().any(|j| j["file"] == *file))
            })
            .collect::<Vec<_>>();
        check!(errors, source.len(), c.indicators, "{file}");
        for (row, want) in project.indicators.iter().zip(&source) {
            let at = format!("{file} #{}", want["seq"]);
            check!(errors, row.seq.to_string(), want["seq"], "{at}");
            check!(
                errors,
                row.category.as_deref(),
                Some(want["level1"].as_str()),
                "{at}"
            );
            check!(
                errors,
                row.subcategory.as_deref(),
                Some(want["level2"].as_str()),
                "{at}"
            );
            check!(errors, &*row.name, want["level3"], "{at}");
            check!(
                errors,
                compact(&row.target),
                compact(&want["target"]),
                "{at}"
            );
            check!(
                errors,
                row.actual.as_deref().unwrap_or(""),
                want["actual"],
                "{at} actual"
            );
            // a form that prints no 分值 shares the points its labels print (`产出指标(60分)`),
            // with a finding: those weights are a reading, not printed facts
            let shared = doc
                .findings
                .iter()
                .any(|f| f.code == jixiao::finding::codes::FORM_POINTS_SHARED);
            if !(shared && want["weight"].is_empty()) {
                check!(errors, row.weight, number(&want["weight"]), "{at} weight");
            }
            check!(
                errors,
                row.published_score,
                number(&want["score"]),
                "{at} score"
            );
        }
    }
    assert!(
        errors.is_empty(),
        "{} facts differ:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The printed 总分 of a form in `expected.tsv` (none where the copy has none).
fn f_printed(forms: &[Row], file: &str) -> Option<Decimal> {
    forms
        .iter()
        .find(|f| f["file"] == file)
        .and_then(|f| number(&f["total_score"]))
}

/// Evaluated, each published 得分 is reproduced or listed as a difference with its reason, and
/// the published total is carried beside the recomputed one.
#[test]
fn every_published_score_is_reproduced_or_listed() {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let (forms, _) = expected();
    let files: Vec<&str> = forms
        .iter()
        .filter(|f| f["kind"] == "selfeval")
        .map(|f| f["file"].as_str())
        .collect();
    assert_eq!(files.len(), 11);
    for file in files {
        let doc = read(file);
        let report = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
        let p = &report.projects[0];
        for i in &p.indicators {
            let Some(published) = i.published_score else {
                continue;
            };
            let same = i
                .score
                .is_some_and(|s| (s.exact - published).abs() < Decimal::new(5, 1));
            let listed = report
                .differences
                .iter()
                .any(|d| d.seq == i.seq && *d.project == *p.project);
            assert!(same != listed, "{file} #{}: {:?} {:?}", i.seq, i.score, i);
            assert_eq!(i.differs_from_published, listed, "{file} #{}", i.seq);
        }
        // the 总分 is carried where the form prints one, and compared where there is a total
        let printed = f_printed(&forms, file);
        assert_eq!(p.published_score, printed, "{file}: the 总分 is carried");
        if let Some(printed) = printed {
            assert_eq!(
                p.total_differs,
                p.has_total() && (p.score.exact - printed).abs() > Decimal::new(5, 1),
                "{file}"
            );
        }
    }
    // f03: rows 3 (met, yet scored 7) and 6 (98 % of 100 %, scored 9) differ; the rest agree,
    // the qualitative row through its own restated words
    let doc = read("f03-yongde-minglang-school-2022-selfeval.xlsx");
    let report = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
    let seqs: Vec<u32> = report.differences.iter().map(|d| d.seq).collect();
    assert_eq!(seqs, [3, 6]);
    let p = &report.projects[0];
    assert_eq!(p.indicators[4].verdict, Verdict::Pass);
    assert_eq!(p.published_score, Some(Decimal::from(96)));
    assert_eq!(p.published_grade.as_deref(), Some("优"));
    assert_eq!(p.money_unit, "元");
    assert!(p.total_differs, "recomputed 99.80 against the printed 96");
}

/// The same form as .xlsx, as a GBK CSV Excel saved, and as a Word table gives the same report.
#[test]
fn one_form_in_three_formats_gives_one_report() {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let strip = |file: &str| {
        let doc = read(file);
        let mut r = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
        for p in &mut r.projects {
            for i in &mut p.indicators {
                i.source = jixiao::report::model::SourceRef {
                    file: "".into(),
                    line: 0,
                    column: None,
                    cell: None,
                    sheet: None,
                };
            }
        }
        r.differences.iter_mut().for_each(|d| d.source.line = 0);
        r.differences
            .iter_mut()
            .for_each(|d| d.source.file = "".into());
        r.differences.iter_mut().for_each(|d| d.source.cell = None);
        r.differences
            .iter_mut()
            .for_each(|d| d.source.column = None);
        r.findings.clear();
        serde_json::to_value(&r.projects).unwrap()
    };
    assert_eq!(
        strip("f01-tianchang-water-2022-selfeval.xlsx"),
        strip("f01-tianchang-water-2022-selfeval-gbk.csv")
    );
    let f03 = strip("f03-yongde-minglang-school-2022-selfeval.xlsx");
    assert_eq!(f03, strip("f03-yongde-minglang-school-2022-selfeval.docx"));
    assert_eq!(f03, strip("f03-yongde-minglang-school-2022-selfeval.xls"));
}

/// The variants of `variants/make.py`, each a layout offices publish: the tree `inspect` shows,
/// and the totals worked out by hand in the script's comments.
#[test]
fn variants_read_and_score_as_printed() {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "v01-stacked.xlsx",
            &[("基层干部培训经费", "97.83"), ("农村危房改造补助", "97.50")],
        ),
        (
            "v02-per-sheet.xlsx",
            &[("基层干部培训经费", "97.83"), ("饮水安全巡检经费", "98.78")],
        ),
        ("v03-points-only.csv", &[("社区图书室运行经费", "87.00")]),
        (
            "v04-word-merges.docx",
            &[("基层干部培训经费", "98.33"), ("农村危房改造补助", "97.50")],
        ),
        ("v05-percent-1904.xlsx", &[("培训经费(1904日期)", "100.00")]),
        (
            "v06-whole-department.xlsx",
            &[("某某县统计局部门整体支出", "99.70")],
        ),
        (
            "v07-block-headers.xlsx",
            &[("村级公益事业奖补资金", "90.00")],
        ),
        ("v08-zero-total.xlsx", &[("委托业务项目", "100.00")]),
    ];
    for (file, totals) in cases {
        let doc = read(&format!("variants/{file}"));
        let name = file.trim_end_matches(|c| c != '.').trim_end_matches('.');
        insta::assert_snapshot!(name, table::view::tree(&doc));
        let report = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
        let got: Vec<(String, String)> = report
            .projects
            .iter()
            .map(|p| (p.project.clone(), p.score.to_string()))
            .collect();
        let want: Vec<(String, String)> = totals
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect();
        assert_eq!(got, want, "{file}");
        for p in &report.projects {
            // v08 printed 90: its budget row's 得分 was printed 0 against a spent budget
            let printed_wrong = *file == "v08-zero-total.xlsx";
            assert_eq!(p.total_differs, printed_wrong, "{file} {}", p.project);
        }
        if *file == "v08-zero-total.xlsx" {
            let d: Vec<(&str, String)> = report
                .differences
                .iter()
                .map(|d| (d.indicator.as_str(), d.score.unwrap().to_string()))
                .collect();
            assert_eq!(d, [("预算执行率", "10.00".to_owned())]);
            assert!(
                doc.findings
                    .iter()
                    .any(|f| f.code == jixiao::finding::codes::FORM_FUNDS_MISMATCH)
            );
        }
    }
}

/// Categories heading their blocks across the grid, a label and its value in one cell, the
/// grade in a row of its own, and a row with a target but no name (a warning, not an indicator).
#[test]
fn block_headers_inline_labels_and_a_grade_row() {
    let doc = read("variants/v07-block-headers.xlsx");
    let (unit, p) = doc.projects().next().unwrap();
    assert_eq!(
        (unit.name.as_str(), p.name.as_str()),
        ("某某镇人民政府", "村级公益事业奖补资金")
    );
    assert_eq!(p.name_at.cell.unwrap().a1(), "A2");
    let facts = p.form.as_deref().unwrap();
    assert_eq!(facts.total.as_ref().unwrap().grade.as_deref(), Some("优"));
    let points: Vec<(String, String)> = facts
        .category_points
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        points,
        [("产出指标", "40"), ("效益指标", "30"), ("满意度指标", "10")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        p.indicators[2].deviation_note.as_deref(),
        Some("部分项目延期")
    );
    let missing: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.code == jixiao::finding::codes::MISSING_NAME)
        .filter_map(|f| f.cell())
        .collect();
    assert_eq!(missing, ["C11"]);
}

/// A percent-formatted cell is a percentage, at the value it holds; a bare `0.96` in text against `≥90%`
/// is never read as 0.96 %: it goes to a person, with both readings in the note.
#[test]
fn percent_cells_and_fractions_of_one() {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let doc = read("variants/v05-percent-1904.xlsx");
    let (_, p) = doc.projects().next().unwrap();
    let actuals: Vec<&str> = p
        .indicators
        .iter()
        .map(|i| i.actual.as_deref().unwrap())
        .collect();
    // 0.955 formatted 0% shows 96% and holds 95.5%: the value held is read (contract §4.5)
    assert_eq!(actuals, ["520人次", "96%", "2023-11-20", "91.25%", "95.5%"]);
    assert_eq!(
        p.budget.as_ref().unwrap().budget,
        Some("857.60".parse().unwrap())
    );
    let doc = read("variants/v03-points-only.csv");
    let report = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
    let i = &report.projects[0].indicators[3];
    assert_eq!(i.verdict, Verdict::Review);
    assert!(i.note.contains("1 的分数"), "{}", i.note);
    assert!(i.score.is_none());
}

/// Placeholder rows (`指标2:`, `……`, `指标1:/`) are counted as skipped, each with a finding.
#[test]
fn placeholder_rows_are_skipped_with_a_finding() {
    let doc = read("f01-tianchang-water-2022-selfeval.xlsx");
    let c = doc.counts();
    let placeholders = doc
        .findings
        .iter()
        .filter(|f| f.code == jixiao::finding::codes::FORM_PLACEHOLDER)
        .count();
    assert_eq!(placeholders, 18);
    assert_eq!(c.rows_skipped, 18);
    assert_eq!(c.rows_read, 27);
    let cells: Vec<&str> = doc
        .findings
        .iter()
        .filter_map(|f| f.cell())
        .take(3)
        .collect();
    assert_eq!(cells, ["C13", "D15", "D17"]);
}

/// A Word document built from `document.xml`.
fn docx_with(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        z.start_file("[Content_Types].xml", o).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
            .unwrap();
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(document).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// Word documents meet the workbooks' limits and answer bad XML with an error, never a panic:
/// a zip bomb stops at the unzipped limit, a cell spanning a million columns at the column limit.
#[test]
fn hostile_word_documents() {
    let d = std::env::temp_dir().join(format!("jixiao-forms-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let run = |file: &str, bytes: Vec<u8>, env: &[(&str, &str)]| {
        std::fs::write(d.join(file), bytes).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["inspect", file])
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
    let mut bomb = W.as_bytes().to_vec();
    bomb.resize(bomb.len() + 4 * 1024 * 1024, b' ');
    bomb.extend_from_slice(b"</w:body></w:document>");
    let (code, err) = run(
        "bomb.docx",
        docx_with(&bomb),
        &[("JIXIAO_MAX_UNZIPPED_MB", "1")],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("table.unzipped-too-large"), "{err}");
    let broken = format!("{W}<w:tbl><w:tr><w:tc><w:p>");
    let (code, err) = run("broken.docx", docx_with(broken.as_bytes()), &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("table.document") && err.contains("没有表格"),
        "{err}"
    );
    let wide: String = (0..2000)
        .map(|_| r#"<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"#)
        .collect();
    let wide = format!("{W}<w:tbl><w:tr>{wide}</w:tr></w:tbl></w:body></w:document>");
    let (code, err) = run("wide.docx", docx_with(wide.as_bytes()), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("table.too-many-columns"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}

/// The office's arithmetic re-checked: a 总分 that is not the sum of the printed 得分 is a
/// finding, and a budget row whose printed 得分 is not 分值 × 执行率 is listed as a difference.
#[test]
fn the_printed_total_and_budget_score_are_rechecked() {
    let csv = "项目支出绩效自评表\n\
        项目名称,复核示例项目\n\
        主管部门,某局,,实施单位,某中心\n\
        项目资金(万元),,全年预算数,全年执行数,分值,得分\n\
        ,年度资金总额,100,80,10,10\n\
        一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n\
        产出指标,数量指标,培训人次,≥100人次,100人次,60,60\n\
        效益指标,社会效益指标,知晓率,≥90%,95%,30,30\n\
        总分,,,,,100,95\n";
    let doc = table::read_str("复核.csv", csv, &ReadOptions::default()).unwrap();
    let mismatch: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.code == jixiao::finding::codes::FORM_TOTAL_MISMATCH)
        .map(|f| &*f.message)
        .collect();
    assert_eq!(mismatch, ["原表总分 95 与表中各项得分之和 100 不一致"]);
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let report = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
    let budget: Vec<_> = report
        .differences
        .iter()
        .filter(|d| d.indicator == "预算执行率")
        .collect();
    assert_eq!(budget.len(), 1);
    assert_eq!(budget[0].published_score, Some(Decimal::from(10)));
    assert_eq!(budget[0].score.unwrap().to_string(), "8.00");
    assert_eq!(report.projects[0].score.to_string(), "98.00");
}

/// The real forms whose printed figures jixiao does not simply reproduce, each with its reason:
/// f02 prints a 总分 of its indicators alone (the budget row left out: the reading its sums
/// agree with, said so); f05's header gives 年度绩效目标 80 points while its categories give 60 +
/// 40 (未核对, no grade); f07's 年度资金总额 row is 0 while its 其中 row holds the amounts (read
/// from the parts, with a warning); f08's ★ rows keep their 其中 rows as breakdowns, never scored.
#[test]
fn real_forms_that_differ_say_why() {
    use jixiao::finding::codes;
    use jixiao::report::model::TotalStatus;
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let run = |file: &str| {
        let doc = read(file);
        let r = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
        (doc, r)
    };
    let (doc, r) = run("f02-zhongjiang-water-2022-selfeval.xlsx");
    assert!(
        doc.projects()
            .next()
            .unwrap()
            .1
            .form
            .as_ref()
            .unwrap()
            .budget_outside
    );
    assert!(doc.findings.iter().any(|f| f.code == codes::FORM_READING));
    let p = &r.projects[0];
    assert_eq!(p.status, TotalStatus::Scored);
    assert_eq!(p.score.to_string(), "100.00");
    assert!(!p.total_differs);
    let (_, r) = run("f05-district-commerce-2020-selfeval.xlsx");
    let p = &r.projects[0];
    assert_eq!(p.status, TotalStatus::Unchecked);
    assert_eq!(
        p.mismatches,
        ["「年度绩效目标」标明 80 分，其下各指标分值之和 100 分"]
    );
    assert!(p.grade.is_empty());
    // nothing beside it grades the total it does not have
    assert!(
        p.findings
            .iter()
            .all(|f| !f.message.contains("等级") || f.message.contains("不给出总分和等级")),
        "{:?}",
        p.findings
    );
    let (doc, _) = run("f07-tangxi-town-2022-selfeval-partial.xlsx");
    assert!(
        doc.findings
            .iter()
            .any(|f| f.code == codes::FORM_FUNDS_MISMATCH)
    );
    let (doc, r) = run("f08-xiaoxian-zhangzhuangzhai-2023-selfeval-partial.xlsx");
    let (_, p) = doc.projects().next().unwrap();
    let f = p.form.as_deref().unwrap();
    assert_eq!(f.breakdowns.len(), 7);
    assert_eq!(
        f.breakdowns.iter().map(|b| b.parent).collect::<Vec<_>>(),
        [1, 1, 1, 1, 2, 3, 3]
    );
    // the 其中:本年财政拨款 row's 分值 10 / 得分 10 is not counted a second time
    assert_eq!(p.budget.as_ref().unwrap().weight, Some(Decimal::from(10)));
    assert_eq!(r.projects[0].weights.rounded().to_string(), "90.00");
}
