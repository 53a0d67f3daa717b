//! The xlsx report is the official 项目支出绩效自评表, one project a sheet: read back by the forms
//! reader (what `jixiao evaluate report.xlsx` does) and evaluated again, it gives the same
//! projects, totals, grades, budget scores and per-indicator scores as the report it was
//! written from; and the file carries the form's structure (merged categories, number formats,
//! A4 landscape print setup, repeated header rows).

use std::io::Read as _;
use std::path::Path;

use jixiao::eval::{self, ActualsFile, Methodology};
use jixiao::finding::codes;
use jixiao::report::model::Report;
use jixiao::report::xlsx;
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};

fn evaluate_doc(doc: &table::Document, actuals: Option<&ActualsFile>) -> Report {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    eval::evaluate(doc, actuals, &eval::Options::new(&m, rules))
}

fn evaluate(path: &str, actuals: Option<&str>) -> Report {
    let doc = table::read_path(Path::new(path), &ReadOptions::default()).unwrap();
    let actuals = actuals.map(|p| {
        let text = std::fs::read_to_string(p).unwrap();
        ActualsFile::parse(p, &text).unwrap()
    });
    evaluate_doc(&doc, actuals.as_ref())
}

/// The report written as xlsx, read back by the table reader and evaluated again.
fn round_trip(r: &Report) -> (Vec<u8>, Report) {
    let bytes = xlsx::render(r).unwrap();
    let doc = table::read_bytes("报告.xlsx", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(doc.rows_skipped, 0, "{:?}", doc.findings);
    // the forms read clean: only the sheets beside them are named (汇总 and 输入提示 not read,
    // 复核差异 a flat list after forms), never a total off by the rounding of its 得分
    let beside = [codes::SHEET_SKIPPED, codes::SHEET_OTHER_LAYOUT];
    assert!(
        doc.findings
            .iter()
            .all(|f| beside.iter().any(|c| f.code == *c)),
        "{:?}",
        doc.findings
    );
    (bytes.clone(), evaluate_doc(&doc, None))
}

/// What must survive the round trip, per project: names, points, total, grade, budget
/// execution, and per indicator its name, target, actual, verdict, weight and score (as shown).
/// The total of a project marked in `unchecked` is left out: 未核对 comes from the original
/// form's own sums, which the report does not print again (its notes say why).
fn facts(r: &Report, unchecked: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (k, p) in r.projects.iter().enumerate() {
        if unchecked.get(k).copied().unwrap_or(false) {
            out.push(format!("{} / {}: 未核对", p.unit, p.project));
        } else {
            out.push(format!(
            "{} / {}: 预算 {:?} 执行 {:?} 执行率 {:?} 分值 {} 得分 {:?} | 总分 {} / {}（{}）待评定 {}",
            p.unit,
            p.project,
            p.budget.map(|d| d.normalize()),
            p.spent.map(|d| d.normalize()),
            p.execution_rate.map(|s| s.to_string()),
            p.budget_weight,
            p.budget_score.map(|s| s.to_string()),
            p.total_text(),
            p.weights,
            p.grade_text(),
            p.pending,
        ));
        }
        for i in &p.indicators {
            // a row that does not apply has `不适用` for its actual in the form (no other place)
            let actual = match (&i.actual, i.verdict) {
                (None, jixiao::eval::Verdict::NotApplicable) => Some("不适用".into()),
                (a, _) => a.clone(),
            };
            out.push(format!(
                "  {} {:?}/{:?} {} | {} | {:?} | {:?} {} {:?}",
                i.seq,
                i.category,
                i.subcategory,
                i.indicator,
                i.target,
                actual,
                i.verdict,
                i.weight,
                i.score.map(|s| s.to_string()),
            ));
        }
    }
    out
}

fn assert_round_trip(name: &str, r: &Report) {
    assert!(!r.projects.is_empty(), "{name}: nothing evaluated");
    let (_, back) = round_trip(r);
    let unchecked: Vec<bool> = r
        .projects
        .iter()
        .map(|p| p.status == jixiao::report::model::TotalStatus::Unchecked)
        .collect();
    let (a, b) = (facts(r, &unchecked), facts(&back, &unchecked));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{name}: the form read back differs");
    }
    assert_eq!(a.len(), b.len(), "{name}: {a:#?} {b:#?}");
    // as shown: a weight of 50 ÷ 3 is written with ten decimals, not 28
    if !unchecked.contains(&true) {
        assert_eq!(
            back.summary.score.to_string(),
            r.summary.score.to_string(),
            "{name}"
        );
    }
    // forms of one unit on consecutive sheets are one unit, as in the report
    let units = |r: &Report| -> Vec<(String, usize)> {
        r.units
            .iter()
            .map(|u| (u.unit.clone(), u.projects))
            .collect()
    };
    assert_eq!(units(&back), units(r), "{name}");
    // the form's own 得分 and 总分 are the report's: nothing to dispute
    assert!(
        back.differences.is_empty(),
        "{name}: {:?}",
        back.differences
    );
    for (p, q) in r.projects.iter().zip(&back.projects) {
        // a project with no total (待评定, 未核对) prints none: nothing is read back as one
        let total = p.has_total().then(|| p.score.rounded());
        assert_eq!(q.published_score, total, "{name}");
        assert_eq!(
            q.published_grade.as_deref(),
            p.has_total().then_some(p.grade.as_str()),
            "{name}"
        );
        assert!(!q.total_differs, "{name}");
        assert_eq!(q.goal, p.goal, "{name}");
        assert_eq!(q.goal_actual, p.goal_actual, "{name}");
        assert_eq!(q.money_unit, p.money_unit, "{name}");
        for (i, j) in p.indicators.iter().zip(&q.indicators) {
            assert_eq!(j.published_score, i.score.map(|s| s.rounded()), "{name}");
            // the unit's own words come back in 偏差原因; the 说明 column is not read
            assert_eq!(j.deviation_note, i.deviation_note, "{name}");
        }
    }
}

#[test]
fn the_guangzhou_sample_with_its_actuals_reads_back_with_the_same_scores() {
    let r = evaluate(
        "samples/guangzhou-hpf-2023/targets.tsv",
        Some("samples/guangzhou-hpf-2023/actuals.yaml"),
    );
    assert!(r.summary.pass > 40, "{:?}", r.summary);
    assert!(
        r.projects
            .iter()
            .flat_map(|p| &p.indicators)
            .any(|i| i.plan.is_some()),
        "the sample has a plan figure, written in the 计划数 column"
    );
    assert_round_trip("guangzhou", &r);
}

#[test]
fn the_guangzhou_table_without_actuals_reads_back_the_same() {
    let r = evaluate("samples/guangzhou-hpf-2023/targets.tsv", None);
    assert_round_trip("guangzhou-blank", &r);
}

#[test]
fn the_jishan_sheet_reads_back_with_the_same_scores() {
    // 49 points, not 100: the total is out of 49 in the form as in the report
    let r = evaluate("samples/jishan-2021-health/sheet.tsv", None);
    assert!(!r.differences.is_empty());
    assert_round_trip("jishan", &r);
}

#[test]
fn the_scored_fixture_reads_back_with_the_same_scores() {
    let r = evaluate("tests/fixtures/report/scored.csv", None);
    assert_round_trip("scored", &r);
}

#[test]
fn the_published_forms_read_back_with_the_same_scores() {
    let mut n = 0;
    for dir in [
        "samples/yongde-2022-form",
        "tests/fixtures/forms",
        "tests/fixtures/forms/variants",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| ["xlsx", "xls", "docx", "csv"].contains(&e.to_str().unwrap()))
            })
            .collect();
        paths.sort();
        for path in paths {
            let name = path.display().to_string();
            let r = evaluate(&name, None);
            assert_round_trip(&name, &r);
            n += 1;
        }
    }
    assert!(n >= 15, "{n} forms");
}

/// The file's parts, unzipped: `xl/workbook.xml`, `xl/styles.xml`, `xl/worksheets/sheetN.xml`.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn each_project_is_a_form_sheet_with_merges_number_formats_and_print_setup() {
    let r = evaluate(
        "samples/guangzhou-hpf-2023/targets.tsv",
        Some("samples/guangzhou-hpf-2023/actuals.yaml"),
    );
    let bytes = xlsx::render(&r).unwrap();
    let workbook = part(&bytes, "xl/workbook.xml");
    // 汇总 first, then one sheet a project, named within Excel's 31 characters
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(names[0], "汇总");
    assert_eq!(names.len(), 1 + r.projects.len(), "{names:?}");
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
    // each project's name in 汇总 links to its sheet
    let summary = part(&bytes, "xl/worksheets/sheet1.xml");
    for name in &names[1..] {
        assert!(
            summary.contains(&format!("location=\"'{name}'!A1\"")),
            "{name}: {summary}"
        );
    }
    // the grid's head repeats on every printed page
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    let styles = part(&bytes, "xl/styles.xml");
    for code in ["#,##0.00", "0.00", "0.00%"] {
        assert!(
            styles.contains(&format!("formatCode=\"{code}\"")),
            "{code}: {styles}"
        );
    }
    // a project with two 产出指标 rows of one 二级指标: both merged over them
    let (k, p) = r
        .projects
        .iter()
        .enumerate()
        .find(|(_, p)| {
            p.indicators.len() >= 2
                && p.indicators[0].category.is_some()
                && p.indicators[0].category == p.indicators[1].category
        })
        .unwrap();
    let sheet = part(&bytes, &format!("xl/worksheets/sheet{}.xml", k + 2));
    assert!(sheet.contains("<pageSetup paperSize=\"9\""), "{sheet}");
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(
        sheet.contains("fitToHeight=\"0\"") && sheet.contains("<pageSetUpPr fitToPage=\"1\"/>")
    );
    let run = p
        .indicators
        .iter()
        .take_while(|i| i.category == p.indicators[0].category)
        .count() as u32;
    assert!(run >= 2, "{}", p.project);
    // the grid's first row is sheet row 13 (A13); 一级指标 merged down its run
    assert!(
        sheet.contains(&format!("<mergeCell ref=\"A13:A{}\"/>", 12 + run)),
        "{sheet}"
    );
    // the title over the whole width; 项目资金 beside the funds head, total and 其中 rows
    assert!(sheet.contains("<mergeCell ref=\"A1:"));
    assert!(sheet.contains("<mergeCell ref=\"A5:A9\"/>"), "{sheet}");
}

#[test]
fn the_form_holds_the_units_words_and_the_calculation_apart() {
    let r = evaluate("tests/fixtures/report/scored.csv", None);
    let bytes = xlsx::render(&r).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader as _;
    let names = wb.sheet_names();
    let range = wb.worksheet_range(&names[1]).unwrap();
    let text = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    assert_eq!(text(0, 0), "项目支出绩效自评表");
    // the year where the input gives one, else left to fill as on the printed form
    assert_eq!(r.year, None);
    assert_eq!(text(1, 0), "(    年度)");
    assert_eq!(text(11, 7), "偏差原因分析及改进措施");
    assert_eq!(text(11, 8), "说明");
    // the first indicator: its 偏差原因 the unit's own, its 说明 the verdict and calculation
    assert_eq!(text(12, 7), "受疫情影响，服务人次减少");
    let notes = text(12, 8);
    assert!(notes.starts_with("【未达标】"), "{notes}");
    assert!(!notes.contains("受疫情影响"), "{notes}");
    // the funds block: amounts as numbers, 执行率 a fraction shown as a percentage
    assert_eq!(range.get_value((5, 3)), Some(&calamine::Data::Float(120.5)));
    assert_eq!(range.get_value((5, 4)), Some(&calamine::Data::Float(114.2)));
    // the 总分 row: points, total and grade
    let total_row = 12 + r.projects[0].indicators.len() as u32;
    assert_eq!(text(total_row, 0), "总分");
    assert_eq!(text(total_row, 7), r.projects[0].grade);
}

/// Rows the samples lack: a relative target with its baseline (计划数（上年实际） column), a
/// qualitative row graded 部分达成, a row that does not apply this year (its points shared
/// among the rest, written `不适用`), and weights of three decimals and more (50 ÷ 3).
#[test]
fn baselines_grades_rows_that_do_not_apply_and_fine_weights_read_back_the_same() {
    let table = "项目名称\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n\
        某单位\t10\t10\t\t\t\t\n\
        便民服务项目\t10\t10\t\t\t方便群众办事\t1、产出指标：服务人次，年度指标值：较上年增长10%。2、产出指标：宣传册，年度指标值：≥100份。3、产出指标：响应时间，年度指标值：≤4秒。4、效益指标：群众办事便利，年度指标值：明显改善。5、满意度指标：群众满意度，年度指标值：≥90%。6、产出指标：培训场次，年度指标值：≥12场。\n";
    let doc = table::read_str("t.tsv", table, &ReadOptions::default()).unwrap();
    let yaml = "year: 2023
projects:
  - unit: 某单位
    project: 便民服务项目
    spent: 9.37
    indicators:
      - {seq: 1, indicator: 服务人次, actual: 1080人次, baseline: 1000人次}
      - {seq: 2, indicator: 宣传册, not_applicable: true}
      - {seq: 3, indicator: 响应时间, actual: 3秒}
      - {seq: 4, indicator: 群众办事便利, grade: 部分达成, note: 部分窗口尚未改造}
      - {seq: 5, indicator: 群众满意度, actual: 93%}
      - {seq: 6, indicator: 培训场次, actual: 12场}
";
    let actuals = ActualsFile::parse("a.yaml", yaml).unwrap();
    let r = evaluate_doc(&doc, Some(&actuals));
    let p = &r.projects[0];
    let verdicts: Vec<_> = p.indicators.iter().map(|i| i.verdict).collect();
    use jixiao::eval::Verdict::*;
    assert_eq!(verdicts, [Fail, NotApplicable, Pass, Fail, Pass, Pass]);
    assert_eq!(p.indicators[3].grade, Some("部分达成"));
    assert!(
        p.indicators
            .iter()
            .any(|i| i.weight.exact.normalize().scale() > 2),
        "a weight the scores' decimals do not show"
    );
    assert_round_trip("inline", &r);
    // the workbook names the baseline's column as such
    let bytes = xlsx::render(&r).unwrap();
    let sheet = part(&bytes, "xl/sharedStrings.xml");
    assert!(sheet.contains("计划数（上年实际）"), "{sheet}");
}
