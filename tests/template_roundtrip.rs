//! The officer's loop without YAML: `jixiao template --format xlsx` writes the 自评表 form per
//! project; filled in (here by the same writer, with the sample's actuals, as a person would type
//! them) and read back by the forms reader, it scores as the same actuals in YAML do.

use std::path::PathBuf;

use jixiao::eval::{self, ActualsFile, Methodology, actuals_file};
use jixiao::report::form_workbook;
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};
use serde_json::Value;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples/guangzhou-hpf-2023")
        .join(name)
}

/// The report's projects without what differs by design between the two inputs: where each
/// value was read, and the rule ids naming the source of a weight.
fn comparable(report: &jixiao::report::model::Report) -> Value {
    let mut v = serde_json::to_value(&report.projects).unwrap();
    for p in v.as_array_mut().unwrap() {
        for i in p["indicators"].as_array_mut().unwrap() {
            i.as_object_mut().unwrap().remove("source");
        }
    }
    v
}

#[test]
fn a_filled_template_workbook_scores_as_the_same_actuals_in_yaml() {
    let doc = table::read_path(&sample("targets.tsv"), &ReadOptions::default()).unwrap();
    let text = std::fs::read_to_string(sample("actuals.yaml")).unwrap();
    let actuals = ActualsFile::parse("actuals.yaml", &text).unwrap();
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = eval::Options::new(&m, rules);
    let by_yaml = eval::evaluate(&doc, Some(&actuals), &opts);

    // the template, filled as a person fills it: actual (or grade), plan, note, spent
    let mut forms = actuals_file::fill_forms(&doc, actuals.year);
    let mut filled = 0;
    for form in &mut forms {
        let Some(p) = actuals
            .projects
            .iter()
            .find(|p| p.unit == form.unit && p.project == form.project)
        else {
            continue;
        };
        form.spent = p.spent.map(|a| a.0);
        if let Some(b) = p.budget {
            form.budget = Some(b.0);
        }
        for (k, row) in form.rows.iter_mut().enumerate() {
            let Some(a) = p.indicators.iter().find(|a| a.seq == Some(k as u32 + 1)) else {
                continue;
            };
            row.actual = if a.not_applicable {
                Some("不适用".to_owned())
            } else {
                a.actual.clone().or_else(|| a.grade.clone())
            };
            row.plan_value = a.plan.clone();
            row.note = a.note.clone();
            filled += 1;
        }
    }
    assert!(filled > 70, "{filled} rows filled");
    let bytes = form_workbook::workbook(&forms).unwrap();
    let back = table::read_bytes("自评表.xlsx", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(back.counts().projects, doc.counts().projects);
    assert_eq!(back.counts().indicators, doc.counts().indicators);
    assert_eq!(back.rows_skipped, 0, "{:?}", back.findings);
    let by_form = eval::evaluate(&back, None, &opts);
    assert!(
        by_yaml.summary.pass > 40,
        "the sample scores: {:?}",
        by_yaml.summary
    );
    assert_eq!(by_form.summary.score, by_yaml.summary.score);
    assert_eq!(comparable(&by_form), comparable(&by_yaml));
    let not_filled = |r: &jixiao::report::model::Report| -> Vec<String> {
        r.projects
            .iter()
            .filter(|p| {
                p.findings
                    .iter()
                    .any(|f| f.code == "eval.project-not-filled")
            })
            .map(|p| p.project.clone())
            .collect()
    };
    assert_eq!(not_filled(&by_form), Vec::<String>::new());

    // one project left blank in a workbook otherwise filled: scored, its 0.00 said to be no
    // result beside its total, and no other project flagged
    let blank = forms[1].project.clone();
    forms[1].spent = None;
    for row in &mut forms[1].rows {
        row.actual = None;
        row.plan_value = None;
    }
    let bytes = form_workbook::workbook(&forms).unwrap();
    let back = table::read_bytes("自评表.xlsx", &bytes, &ReadOptions::default()).unwrap();
    let partly = eval::evaluate(&back, None, &opts);
    assert_eq!(not_filled(&partly), vec![blank]);
    assert!(partly.projects[1].score.exact.is_zero());
}

/// A blank template reads back as the table it came from: same projects, indicators, targets,
/// categories (a category the table does not give stays empty), and nothing scored as 0 by
/// mistake: every row waits for its actual.
#[test]
fn a_blank_template_reads_back_as_its_table() {
    let doc = table::read_path(&sample("targets.tsv"), &ReadOptions::default()).unwrap();
    let bytes = form_workbook::workbook(&actuals_file::fill_forms(&doc, Some(2023))).unwrap();
    let back = table::read_bytes("模板.xlsx", &bytes, &ReadOptions::default()).unwrap();
    let rows =
        |d: &jixiao::table::Document| -> Vec<(String, String, Option<String>, String, String)> {
            d.indicators()
                .map(|(u, p, i)| {
                    (
                        u.name.clone(),
                        p.name.clone(),
                        i.category.as_deref().map(str::to_owned),
                        i.name.to_string(),
                        i.target.to_string(),
                    )
                })
                .collect()
        };
    assert_eq!(rows(&back), rows(&doc));
    assert!(doc.indicators().any(|(_, _, i)| i.category.is_none()));
    for (_, p) in back.projects() {
        let f = p.form.as_deref().unwrap();
        assert_eq!(f.year, Some(2023));
        assert!(p.indicators.iter().all(|i| i.actual.is_none()));
    }
}

/// A relative target (`较上年增长10%`) asks for its baseline in the workbook's 计划数（上年实际）
/// column, and scores with it as the YAML `baseline:` does.
#[test]
fn a_relative_target_takes_its_baseline_from_the_workbook() {
    let table = "项目名称\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n\
        某单位\t10\t10\t\t\t\t\n\
        便民服务项目\t10\t10\t\t\t方便群众办事\t1、产出指标：服务人次，年度指标值：较上年增长10%。\n";
    let doc = table::read_str("t.tsv", table, &ReadOptions::default()).unwrap();
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = eval::Options::new(&m, rules);
    let yaml = "year: 2023\nprojects:\n  - unit: 某单位\n    project: 便民服务项目\n    spent: 10\n    indicators:\n      - seq: 1\n        indicator: 服务人次\n        actual: 1150人次\n        baseline: 1000人次\n";
    let actuals = ActualsFile::parse("a.yaml", yaml).unwrap();
    let by_yaml = eval::evaluate(&doc, Some(&actuals), &opts);
    let mut forms = actuals_file::fill_forms(&doc, Some(2023));
    assert!(forms[0].rows[0].plan && forms[0].rows[0].baseline);
    forms[0].spent = Some(10.into());
    forms[0].rows[0].actual = Some("1150人次".into());
    forms[0].rows[0].plan_value = Some("1000人次".into());
    let back = table::read_bytes(
        "f.xlsx",
        &form_workbook::workbook(&forms).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let by_form = eval::evaluate(&back, None, &opts);
    let i = &by_form.projects[0].indicators[0];
    assert_eq!(i.verdict, jixiao::eval::Verdict::Pass, "{}", i.note);
    assert_eq!(comparable(&by_form), comparable(&by_yaml));
}

/// A flat self-evaluation sheet gives a relative target's baseline in a 上年实际 column (contract §2,
/// issue 18): scored with it, whole or streamed.
#[test]
fn a_flat_sheet_gives_the_baseline_in_a_column() {
    let sheet = "单位\t项目\t一级指标\t三级指标\t年度指标值\t上年实际\t实际完成值\t分值\n\
        某单位\t便民服务\t产出指标\t服务人次\t较上年增长10%\t1000人次\t1050人次\t10\n";
    let doc = table::read_str("s.tsv", sheet, &ReadOptions::default()).unwrap();
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let report = eval::evaluate(&doc, None, &eval::Options::new(&m, rules));
    let i = &report.projects[0].indicators[0];
    assert_eq!(
        i.verdict,
        jixiao::eval::Verdict::Fail,
        "1050 < 1100: {}",
        i.note
    );
    assert!(i.score.is_some(), "{}", i.note);
}

/// What counts as something to score: an actual, a 全年执行数 or a printed 得分 (the office's
/// grading). A sheet with only the office's 得分 is scored, not refused; a project whose rows
/// were all marked 不适用 is not "left blank".
#[test]
fn a_sheet_with_only_printed_scores_is_scored_and_not_applicable_rows_are_filled() {
    let header = "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,全年预算数,全年执行数\n";
    let read = |rows: &str| {
        table::read_str("s.csv", &format!("{header}{rows}"), &ReadOptions::default()).unwrap()
    };
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = eval::Options::new(&m, rules);

    let printed = read("甲,,,,,,,,10,,100,\n甲,产出指标,质量指标,乙,定性,好,,,90,80,,\n");
    assert!(eval::unfilled::check(&printed, None).is_ok());
    let r = eval::evaluate(&printed, None, &opts);
    assert_eq!(r.projects[0].score.to_string(), "80.00");
    assert!(
        r.projects[0]
            .findings
            .iter()
            .all(|f| f.code != "eval.project-not-filled")
    );

    let blank = read("甲,,,,,,,,10,,100,\n甲,产出指标,质量指标,乙,定性,好,,,90,,,\n");
    assert_eq!(
        eval::unfilled::check(&blank, None).unwrap_err().table,
        "s.csv"
    );

    let not_applicable = read(
        "甲,,,,,,,,10,,100,\n甲,产出指标,质量指标,乙,定性,好,,不适用,45,,,\n甲,产出指标,质量指标,丙,定性,好,,不适用,45,,,\n",
    );
    let r = eval::evaluate(&not_applicable, None, &opts);
    assert!(
        r.projects[0]
            .findings
            .iter()
            .all(|f| f.code != "eval.project-not-filled"),
        "{:?}",
        r.projects[0].findings
    );
}
