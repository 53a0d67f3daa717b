//! Issue 18 on the evaluation side: a relative target scored once its baseline is given in the
//! actuals file (`baseline:`), `review` until then; tolerances, ranges and relative targets take
//! a bare percentage as a value, never as a grade share; actuals written like targets
//! (`均达到`, `達標`, `已完成全年目标`).

use std::str::FromStr;

use jixiao::eval::{self, Actual, ActualsFile, Methodology, Verdict, actual, score};
use jixiao::lang::{Context, Quantity, Target, parse};
use jixiao::report::model::Report;
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn t(s: &str) -> Target {
    parse(s, &Context::default()).target
}

/// One unit, one project, the given `(category: indicator, target)` rows.
fn table(rows: &[(&str, &str, &str)]) -> String {
    let cell: String = rows
        .iter()
        .enumerate()
        .map(|(k, (c, name, target))| format!("{}、{c}：{name}，年度指标值：{target}。", k + 1))
        .collect();
    format!(
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n\
         合计\t10\t10\t\t\t\t\n单位甲\t10\t10\t\t\t\t\n项目甲\t10\t10\t\t\t目标\t{cell}\n"
    )
}

fn evaluate(table_text: &str, actuals: &str) -> Report {
    let doc = table::read_str("t.tsv", table_text, &ReadOptions::default()).unwrap();
    let actuals = ActualsFile::parse("a.yaml", actuals).unwrap();
    let m = Methodology::from_rules(RuleSet::bundled());
    eval::evaluate(
        &doc,
        Some(&actuals),
        &eval::Options::new(&m, RuleSet::bundled()),
    )
}

const ROWS: &[(&str, &str, &str)] = &[
    ("效益指标", "接待游客人数", "较上年增长10%"),
    ("效益指标", "群众满意度", "比上年提高2个百分点"),
    ("产出指标", "投诉件数", "同比下降5%"),
];

#[test]
fn relative_targets_are_scored_once_the_baseline_is_given() {
    let with_baseline = r#"
projects:
  - unit: "单位甲"
    project: "项目甲"
    indicators:
      - seq: 1
        indicator: "接待游客人数"
        actual: "23100人"
        baseline: "21000人"
      - seq: 2
        indicator: "群众满意度"
        actual: "91%"
        baseline: "90%"
      - seq: 3
        indicator: "投诉件数"
        actual: "90件"
        baseline: "100件"
"#;
    let r = evaluate(&table(ROWS), with_baseline);
    let got: Vec<(Verdict, Option<String>)> = r.projects[0]
        .indicators
        .iter()
        .map(|i| (i.verdict, i.score.map(|s| s.to_string())))
        .collect();
    // 21000 × 1.10 = 23100: met. 90 + 2 = 92 against 91: short. 100 × 0.95 = 95, 90 ≤ 95: met.
    assert_eq!(got[0].0, Verdict::Pass);
    assert_eq!(got[1].0, Verdict::Fail);
    assert_eq!(got[2].0, Verdict::Pass);
    let formula = &r.projects[0].indicators[0].note;
    assert!(formula.contains("上年实际 21000"), "{formula}");
}

#[test]
fn relative_targets_wait_for_a_person_without_a_baseline() {
    let without = r#"
projects:
  - unit: "单位甲"
    project: "项目甲"
    indicators:
      - seq: 1
        indicator: "接待游客人数"
        actual: "23100人"
      - seq: 2
        indicator: "群众满意度"
        actual: "91%"
        plan: "90%"
"#;
    let r = evaluate(&table(&ROWS[..2]), without);
    for i in &r.projects[0].indicators {
        assert_eq!(i.verdict, Verdict::Review, "{}", i.note);
        assert_eq!(i.score, None);
        assert!(i.note.contains("baseline"), "{}", i.note);
    }
}

#[test]
fn the_template_asks_for_a_baseline_where_a_target_is_relative() {
    let doc = table::read_str("t.tsv", &table(ROWS), &ReadOptions::default()).unwrap();
    let text = jixiao::eval::actuals_file::template(&doc, Some(2023));
    assert_eq!(text.matches("        baseline: \"\"").count(), 3, "{text}");
    // The template reads back as an actuals file.
    ActualsFile::parse("template.yaml", &text).unwrap();
}

#[test]
fn a_percentage_against_a_tolerance_range_or_relative_target_is_a_value() {
    let m = Methodology::from_rules(RuleSet::bundled());
    for target in ["±10%", "[-10, 10] %", "90%-95%", "较上年增长10%"] {
        let target = t(target);
        match actual::read("12%", &target, None, None) {
            Actual::Quantity { quantity, .. } => {
                assert_eq!(
                    quantity,
                    Quantity::new(d("12"), Some(jixiao::lang::Unit::PERCENT))
                )
            }
            other => panic!("{target}: {other:?}"),
        }
    }
    // `±10%` against 12 %: outside the range, the nearer bound ÷ actual (contract §8.4), not a grade
    // of 12 % of the weight.
    let a = actual::read("12%", &t("±10%"), None, None);
    let o = score(&t("±10%"), &a, None, d("5"), &m);
    assert_eq!(o.verdict, Verdict::Fail);
    assert_eq!(o.score, Some(d("5") * d("10") / d("12")));
    // Below the range the same, mirrored: -12 % against ±10 % is 10 ÷ 12 of the weight.
    let below = actual::read("-12%", &t("±10%"), None, None);
    let o = score(&t("±10%"), &below, None, d("5"), &m);
    assert_eq!(o.verdict, Verdict::Fail);
    assert_eq!(o.score, Some(d("5") * d("-10") / d("-12")));
    let inside = actual::read("-3%", &t("误差±3%"), None, None);
    assert_eq!(
        score(&t("误差±3%"), &inside, None, d("5"), &m).verdict,
        Verdict::Pass
    );
}

#[test]
fn actuals_written_like_targets() {
    let m = Methodology::from_rules(RuleSet::bundled());
    // Against a yes/no target they answer it.
    for written in ["均达到", "達標", "已完成全年目标", "按时按质完成"] {
        assert_eq!(
            actual::read(written, &t("达标"), None, None),
            Actual::YesNo(true),
            "{written}"
        );
    }
    // Against a figure they are a claim of completion: a person checks it.
    for written in ["均达到", "達標", "已完成全年目标"] {
        let a = actual::read(written, &t("≥95%"), None, None);
        assert_eq!(a, Actual::Done, "{written}");
        assert_eq!(
            score(&t("≥95%"), &a, None, d("5"), &m).verdict,
            Verdict::Review
        );
    }
    // Traditional characters in a figure read like simplified ones.
    match actual::read("523萬人", &t("518萬人以上"), None, None) {
        Actual::Quantity { quantity, .. } => assert_eq!(quantity.value, d("5230000")),
        other => panic!("{other:?}"),
    }
}
