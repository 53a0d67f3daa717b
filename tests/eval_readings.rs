//! How an actual is read against its target where the writing is loose (issue 25 items 7, 8,
//! 12), each computed by hand: a zero target in the actual's unit, grade words and
//! restatements answering a yes/no target, distributive targets.

use jixiao::eval;
use jixiao::report::model::{IndicatorReport, ProjectReport, Report};
use jixiao::rules::{RuleSet, RuleSource};
use jixiao::table::{self, ReadOptions};

fn run(sheet: &str, rules: &str) -> Report {
    let doc = table::read_str("sheet.csv", sheet, &ReadOptions::default()).expect("sheet reads");
    let files = [RuleSource::new("office.yaml", rules)];
    let (set, _) = RuleSet::with_files(&files, true).unwrap_or_else(|e| panic!("{e:?}"));
    eval::evaluate_with_rules(&doc, None, &set, Some(2023), None).0
}

/// A one-project sheet of `(indicator, target, actual, weight)` rows.
fn sheet(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut s = String::from("项目,一级指标,二级指标,三级指标,指标值,实际完成值,分值\n");
    for (name, target, actual, weight) in rows {
        s.push_str(&format!(
            "测试项目,产出指标,质量指标,{name},\"{target}\",\"{actual}\",{weight}\n"
        ));
    }
    s
}

fn project(r: &Report) -> &ProjectReport {
    &r.projects[0]
}

fn row<'r>(p: &'r ProjectReport, indicator: &str) -> &'r IndicatorReport {
    p.indicators
        .iter()
        .find(|i| &*i.indicator == indicator)
        .unwrap_or_else(|| panic!("{indicator}"))
}

/// The shown score of an indicator, "—" while it waits.
fn score(p: &ProjectReport, indicator: &str) -> String {
    row(p, indicator)
        .score
        .map_or("—".into(), |s| s.to_string())
}

const ZERO_RULES: &str = r#"
rules:
  - id: t.deduct-per-point
    when: indicator ~ "差错率"
    deduct: {per: 1%, points: 1}
  - id: t.tiers-in-percent
    when: indicator ~ "投诉率"
    tiers:
      on: actual
      bands:
        - {up_to: 5%, share: 100%}
        - {up_to: 10%, share: 60%}
        - {up_to: 15%, share: 30%}
        - {share: 0}
  - id: t.tiers-in-days
    when: indicator ~ "办结"
    tiers:
      on: actual
      bands:
        - {up_to: 3天, share: 100%}
        - {share: 0}
"#;

#[test]
fn a_zero_target_is_zero_in_the_actuals_unit() {
    let r = run(
        &sheet(&[
            // ≤0 against 4 %: 4 points over 0 %, 1 point each: 10 − 4
            ("数据差错率", "≤0", "4%", "10"),
            // 0起 against 0.5 %: 0.5 % over, half a step: 10 − 0.5
            ("报表差错率", "0起", "0.5%", "10"),
            // 0 against 12 %: the third band (up to 15 %): 30 % of 10
            ("群众投诉率", "≤0", "12%", "10"),
            ("来访投诉率", "0", "3%", "10"),
            // a bare 0 against 12 %: 12 %, not 1200 %: the third band, 3.00
            ("信访投诉率", "0", "12%", "10"),
        ]),
        ZERO_RULES,
    );
    let p = project(&r);
    assert_eq!(score(p, "数据差错率"), "6.00");
    assert_eq!(score(p, "报表差错率"), "9.50");
    assert_eq!(score(p, "群众投诉率"), "3.00");
    assert_eq!(score(p, "来访投诉率"), "10.00");
    assert_eq!(score(p, "信访投诉率"), "3.00");
    for name in ["数据差错率", "报表差错率", "群众投诉率", "信访投诉率"] {
        let note = &row(p, name).note;
        assert!(
            note.contains("目标值为 0，按实际值的单位读取"),
            "{name}: {note}"
        );
    }
    assert!(
        p.findings.iter().all(|f| f.code == "eval.points-not-100"),
        "{:?}",
        p.findings
    );
}

#[test]
fn a_zero_whose_unit_cannot_be_reconciled_waits_with_a_finding() {
    let r = run(
        &sheet(&[
            // a bare 4 against ≤0: 1 % of a zero target is nothing; 4 what?
            ("数据差错率", "≤0", "4", "10"),
            // 1 % of 0 days is no step either
            ("报表差错率", "≤0", "3天", "10"),
            ("其他指标", "≥90%", "95%", "10"),
            // a band in days against a rate: never a band skipped
            ("按时办结率", "≥90%", "80%", "10"),
        ]),
        ZERO_RULES,
    );
    let p = project(&r);
    for name in ["数据差错率", "报表差错率", "按时办结率"] {
        let i = row(p, name);
        assert_eq!(score(p, name), "—", "{name}: {}", i.note);
        assert!(i.note.contains("单位无法核对"), "{name}: {}", i.note);
    }
    let codes: Vec<_> = p
        .findings
        .iter()
        .map(|f| f.code.as_ref())
        .filter(|c| *c != "eval.points-not-100")
        .collect();
    assert_eq!(codes, ["eval.unit-unreconciled"; 3]);
    assert!(p.findings.iter().any(|f| f.message.contains("数据差错率")));
}

#[test]
fn grade_words_and_restatements_answer_a_yes_no_target() {
    let met = ["达成", "完成", "已完成", "实现", "达到", "已达成。"];
    let not_met = ["未达成", "未完成", "未实现", "不符合"];
    let mut rows: Vec<(String, &str, &str)> = Vec::new();
    for (i, w) in met.iter().enumerate() {
        rows.push((format!("达标{i}"), "是否符合标准", w));
    }
    for (i, w) in not_met.iter().enumerate() {
        rows.push((format!("未达标{i}"), "是否符合标准", w));
    }
    rows.push((
        "走出去".into(),
        "是否利于企业走出去",
        "有利于推动企业走出去",
    ));
    rows.push(("符合".into(), "是否符合标准", "符合标准"));
    rows.push(("不利于".into(), "是否利于企业走出去", "不利于企业走出去"));
    rows.push(("不符合标准".into(), "是否符合标准", "不符合标准"));
    // not an answer: a partial grade, and other words, wait for a person
    rows.push(("部分".into(), "是否符合标准", "部分达成"));
    rows.push(("别的话".into(), "是否利于企业走出去", "工作开展顺利"));
    let table: Vec<_> = rows
        .iter()
        .map(|(n, t, a)| (n.as_str(), *t, *a, "5"))
        .collect();
    let r = run(&sheet(&table), "rules: []\n");
    let p = project(&r);
    for i in 0..met.len() {
        let name = format!("达标{i}");
        let row = row(p, &name);
        assert_eq!(
            score(p, &name),
            "5.00",
            "{name} {:?}: {}",
            row.actual,
            row.note
        );
        assert!(
            row.note.contains("实际值为等级词，按“是”读取"),
            "{}",
            row.note
        );
    }
    for i in 0..not_met.len() {
        let name = format!("未达标{i}");
        let row = row(p, &name);
        assert_eq!(
            score(p, &name),
            "0.00",
            "{name} {:?}: {}",
            row.actual,
            row.note
        );
        assert!(row.note.contains("按“否”读取"), "{}", row.note);
    }
    for (name, shown, how) in [
        ("走出去", "5.00", "实际值肯定地复述了问题，按“是”读取"),
        ("符合", "5.00", "按“是”读取"),
        ("不利于", "0.00", "实际值否定地复述了问题，按“否”读取"),
        ("不符合标准", "0.00", "按“否”读取"),
    ] {
        assert_eq!(score(p, name), shown, "{name}: {}", row(p, name).note);
        assert!(
            row(p, name).note.contains(how),
            "{name}: {}",
            row(p, name).note
        );
    }
    for name in ["部分", "别的话"] {
        assert_eq!(score(p, name), "—", "{name}: {}", row(p, name).note);
    }
}

#[test]
fn a_distributive_target_scores_each_item() {
    let r = run(
        &sheet(&[
            // both met: full points
            ("门诊和住院患者满意度", "分别≥90%", "98%、96%", "10"),
            // 95 % met: 10; 81 %: 10 × 81 ÷ 90 = 9; (10 + 9) ÷ 2 = 9.5
            ("门诊及住院服务满意度", "分别≥90%", "95%和81%", "10"),
            // one value for both: 10 × 85 ÷ 90 = 9.44
            ("门诊和住院结算率", "分别≥90%", "85%", "10"),
            // labelled values: 10 and 10 × 90 ÷ 95 = 9.4737; mean 9.7368
            ("乡镇、村覆盖率", "各不低于95%", "乡镇96%，村90%", "10"),
            // the items written in the target itself
            (
                "服务满意度",
                "门诊和住院满意度均达到90%以上",
                "92%、80%",
                "10",
            ),
            // three items, two values: a person decides
            ("甲、乙、丙完成率", "均≥90%", "98%、96%", "10"),
        ]),
        "rules: []\n",
    );
    let p = project(&r);
    assert_eq!(score(p, "门诊和住院患者满意度"), "10.00");
    let both = row(p, "门诊和住院患者满意度");
    assert_eq!(both.verdict, eval::Verdict::Pass);
    assert!(both.note.starts_with("分别计分（2 项"), "{}", both.note);
    assert!(both.note.contains("门诊 98%"), "{}", both.note);
    assert!(both.note.contains("住院患者满意度 96%"), "{}", both.note);
    let one_short = row(p, "门诊及住院服务满意度");
    assert_eq!(score(p, "门诊及住院服务满意度"), "9.50");
    assert_eq!(one_short.verdict, eval::Verdict::Fail);
    assert!(
        one_short.note.contains("(10 + 9) ÷ 2 = 9.5"),
        "{}",
        one_short.note
    );
    assert_eq!(score(p, "门诊和住院结算率"), "9.44");
    assert!(
        row(p, "门诊和住院结算率")
            .note
            .contains("实际值只给了一个数值"),
        "{}",
        row(p, "门诊和住院结算率").note
    );
    assert_eq!(score(p, "乡镇、村覆盖率"), "9.74");
    assert!(row(p, "乡镇、村覆盖率").note.contains("村 90%"));
    // 10 and 10 × 80 ÷ 90 = 8.8889: mean 9.4444
    assert_eq!(score(p, "服务满意度"), "9.44");
    assert!(
        row(p, "服务满意度").note.contains("住院满意度 80%"),
        "{}",
        row(p, "服务满意度").note
    );
    assert_eq!(score(p, "甲、乙、丙完成率"), "—");
    assert!(
        row(p, "甲、乙、丙完成率")
            .note
            .contains("实际值给出 2 个数值，而指标列出 3 项")
    );
}

#[test]
fn a_measure_word_with_its_alternative_counts_either() {
    // `20台（套）`: 台, 套 or 台套 are the one count; any other unit still cannot be compared
    let r = run(
        &sheet(&[
            ("设备购置数量", "20台（套）", "18套", "10"),
            ("终端购置数量", "20台(套)", "20台套", "10"),
            ("培训人次", "300人(次)", "320人次", "10"),
            ("服务器数量", "20台（套）", "20个", "10"),
        ]),
        "rules: []\n",
    );
    let p = project(&r);
    // 18 of 20: 10 × 18 ÷ 20
    assert_eq!(score(p, "设备购置数量"), "9.00");
    assert_eq!(score(p, "终端购置数量"), "10.00");
    assert_eq!(score(p, "培训人次"), "10.00");
    assert_eq!(score(p, "服务器数量"), "—");
    assert!(
        row(p, "服务器数量").note.contains("单位不同"),
        "{}",
        row(p, "服务器数量").note
    );
}
