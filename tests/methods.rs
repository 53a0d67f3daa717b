//! Scoring methods as offices publish them (contract §6, issue 16): the worked examples of
//! `docs/rules.md` with their numbers computed by hand, and every rule key shown to change a
//! score, verdict, grade or finding.

use jixiao::eval::{self, Verdict};
use jixiao::report::model::{ProjectReport, Report};
use jixiao::report::{self, ReportFormat};
use jixiao::rules::{RuleSet, RuleSource};
use jixiao::table::{self, ReadOptions};

const WORKED_SHEET: &str = include_str!("fixtures/rules/methods/worked.csv");
const WORKED_RULES: &str = include_str!("fixtures/rules/methods/worked.yaml");

fn run(sheet: &str, rules: &str) -> Report {
    let doc = table::read_str("sheet.csv", sheet, &ReadOptions::default()).expect("sheet reads");
    let files = [RuleSource::new("office.yaml", rules)];
    let (set, _) = RuleSet::with_files(&files, true).unwrap_or_else(|e| panic!("{e:?}"));
    eval::evaluate_with_rules(&doc, None, &set, Some(2023), None).0
}

fn project<'r>(r: &'r Report, name: &str) -> &'r ProjectReport {
    r.projects.iter().find(|p| p.project == name).unwrap()
}

/// The shown score of an indicator, "—" while it waits.
fn score(p: &ProjectReport, indicator: &str) -> String {
    let i = p
        .indicators
        .iter()
        .find(|i| &*i.indicator == indicator)
        .unwrap_or_else(|| panic!("{indicator}"));
    i.score.map_or("—".into(), |s| s.to_string())
}

#[test]
fn worked_examples_give_the_hand_computed_scores() {
    let r = run(WORKED_SHEET, WORKED_RULES);
    let p = project(&r, "示例项目");
    // floor: 50 of 100 is 50 % < 60 %: 0 (the formula alone gives 20 × 50 ÷ 100 = 10)
    assert_eq!(score(p, "完成数量"), "0.00");
    // tiers on deviation: |112 − 100| = 12 points ≤ 15 %: 60 % of 10
    assert_eq!(score(p, "成本控制率"), "6.00");
    // per case: 2 cases, 1 point each: 10 − 2
    assert_eq!(score(p, "合规性问题"), "8.00");
    // beyond 5 %: 8 − 5 = 3 points over, 0.5 each: 10 − 1.5
    assert_eq!(score(p, "预算调整率"), "8.50");
    // per 5 % short, pro rata: 90 − 83 = 7, 7 ÷ 5 = 1.4 steps: 10 − 1.4
    assert_eq!(score(p, "群众满意度"), "8.60");
    assert_eq!(score(p, "较大事故"), "10.00");
    // 部分达成(75%) taken as written: 20 × 75 %
    assert_eq!(score(p, "工作质量"), "15.00");
    // 10 + 0 + 6 + 8 + 8.5 + 8.6 + 10 + 15
    assert_eq!(p.score.to_string(), "66.10");
    assert_eq!(p.grade, "中");
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    // veto: the accident project scores 60 but is graded 差, with the message beside it
    let v = project(&r, "事故项目");
    assert_eq!(v.score.to_string(), "60.00");
    assert_eq!(v.grade, "差");
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].code, "zy.veto.major-accident");
    assert!(v.findings[0].message.contains("发生较大事故，一票否决"));
    // a target met loses nothing to a deduction
    assert_eq!(score(v, "群众满意度"), "10.00");
}

#[test]
fn the_veto_message_is_in_every_format() {
    let r = run(WORKED_SHEET, WORKED_RULES);
    for format in [
        ReportFormat::Table,
        ReportFormat::Markdown,
        ReportFormat::Json,
        ReportFormat::Jsonl,
        ReportFormat::Csv,
        ReportFormat::Html,
    ] {
        let mut out = Vec::new();
        report::write(&r, format, &[], &mut out).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("发生较大事故，一票否决"),
            "{format:?} has no veto message"
        );
    }
}

#[test]
fn whole_steps_count_only_whole_steps() {
    let rules = WORKED_RULES.replace(
        "deduct: {per: 5%, points: 1}",
        "deduct: {per: 5%, points: 1, whole_steps: true}",
    );
    let r = run(WORKED_SHEET, &rules);
    // 7 short is one whole step of 5: 10 − 1
    assert_eq!(score(project(&r, "示例项目"), "群众满意度"), "9.00");
}

#[test]
fn a_veto_with_a_total_sets_the_total() {
    let rules = WORKED_RULES.replace(
        "veto: {grade: 差, message:",
        "veto: {grade: 差, total: 0, message:",
    );
    let r = run(WORKED_SHEET, &rules);
    let v = project(&r, "事故项目");
    assert_eq!(v.score.to_string(), "0.00");
    assert!(v.findings[0].message.contains("总分记为 0"));
}

#[test]
fn a_deduction_never_goes_below_zero() {
    let rules = WORKED_RULES.replace("deduct: {per: 1, points: 1}", "deduct: {per: 1, points: 7}");
    let r = run(WORKED_SHEET, &rules);
    assert_eq!(score(project(&r, "示例项目"), "合规性问题"), "0.00");
}

const PLAIN: &str = include_str!("fixtures/rules/methods/plain.csv");

#[test]
fn all_or_nothing_gives_nothing_for_a_miss() {
    let r = run(PLAIN, "");
    // proportional by default: 50 × 90 ÷ 98
    assert_eq!(score(&r.projects[0], "验收合格率"), "45.92");
    let r = run(
        PLAIN,
        "rules:\n  - id: office.pass-rate\n    when: indicator ~ \"合格率\"\n    formula: all_or_nothing\n",
    );
    let i = &r.projects[0].indicators[0];
    assert_eq!(i.score.unwrap().to_string(), "0.00");
    assert_eq!(i.verdict, Verdict::Fail);
    assert!(i.rules.iter().any(|r| r == "office.pass-rate"));
}

#[test]
fn grade_words_come_from_the_rules() {
    // `较好` means nothing by default: the row waits for a person
    let r = run(PLAIN, "");
    assert_eq!(score(&r.projects[0], "服务质量"), "—");
    let r = run(
        PLAIN,
        "rules:\n  - id: default.grade.partial\n    words: [部分达成, 较好]\n",
    );
    // 较好 → 部分达成, 70 % of 30
    assert_eq!(score(&r.projects[0], "服务质量"), "21.00");
}

#[test]
fn a_share_outside_its_grade_band_is_a_finding() {
    let sheet = PLAIN.replace("较好", "部分达成(90%)");
    let r = run(&sheet, "");
    let p = &r.projects[0];
    // taken as written, 30 × 90 %, and flagged: 部分达成 is 60 %–80 %
    assert_eq!(score(p, "服务质量"), "27.00");
    assert!(
        p.findings
            .iter()
            .any(|f| f.code == "eval.grade-share-outside" && f.message.contains("60%–80%")),
        "{:?}",
        p.findings
    );
    // points as written: 7.5分 of 30
    let r = run(&PLAIN.replace("较好", "7.5分"), "");
    assert_eq!(score(&r.projects[0], "服务质量"), "7.50");
}

#[test]
fn require_on_actuals_runs_in_evaluate() {
    let rules = "rules:\n  - id: audit.satisfaction-actual\n    when: indicator ~ \"满意度\"\n    require: actual >= 88%\n    severity: warning\n    message: 满意度实际值低于88%\n";
    let r = run(PLAIN, rules);
    let p = &r.projects[0];
    let f = p
        .findings
        .iter()
        .find(|f| f.code == "audit.satisfaction-actual")
        .expect("the check on the actual ran");
    assert!(f.message.contains("满意度实际值低于88%"));
    assert_eq!(f.indicator_name(), Some("群众满意度"));
    // and shows in the table beside the total
    let text = jixiao::report::selfeval_table::render_text(&r);
    assert!(text.contains("满意度实际值低于88%"));
}

const DEPARTMENT: &str = include_str!("fixtures/rules/methods/department.csv");

const DEPARTMENT_RULES: &str = "\
rules:
  - id: dept.weight.input
    when: category == \"投入\"
    category_weight: 20
  - id: dept.weight.process
    when: category == \"过程\"
    category_weight: 20
  - id: dept.weight.output
    when: category == \"产出\"
    category_weight: 30
  - id: dept.weight.effect
    when: category == \"效果\"
    category_weight: 20
";

#[test]
fn any_first_level_category_carries_points() {
    let r = run(DEPARTMENT, DEPARTMENT_RULES);
    let p = &r.projects[0];
    // budget 10 and 投入 20 / 过程 20 / 产出 30 / 效果 20: every row met, 100 in all
    let w: Vec<String> = p.indicators.iter().map(|i| i.weight.to_string()).collect();
    assert_eq!(w, ["20.00", "20.00", "30.00", "20.00"]);
    assert_eq!(p.score.to_string(), "100.00");
    assert!(p.findings.is_empty(), "{:?}", p.findings);
}

#[test]
fn weight_rules_hold_per_unit_project_and_department() {
    // inside a file the first rule that holds decides: the project's own rules first
    let rules = DEPARTMENT_RULES.replace(
        "rules:\n",
        "rules:\n  - id: yy.weight.process\n    when: category == \"过程\" and project contains \"部门整体\"\n    category_weight: 40\n  - id: yy.budget\n    when: project contains \"部门整体\"\n    budget_weight: 20\n",
    );
    let r = run(DEPARTMENT, &rules);
    let p = &r.projects[0];
    // the office's rules come first: 过程 40 and budget 20; the categories 20+40+30+20 = 110
    // share the other 80 in proportion
    assert_eq!(p.budget_weight.to_string(), "20.00");
    let w: Vec<String> = p.indicators.iter().map(|i| i.weight.to_string()).collect();
    assert_eq!(w, ["14.55", "29.09", "21.82", "14.55"]);
    assert_eq!(p.score.to_string(), "100.00");
}

#[test]
fn grades_read_the_total_as_shown_unless_a_rule_says_exact() {
    // 89.996 shown as 90.00: 优 (one indicator of 90 points scored 89.996 … by a share)
    let sheet = include_str!("fixtures/rules/methods/shown.csv");
    let r = run(sheet, "");
    let p = &r.projects[0];
    assert_eq!(p.score.to_string(), "90.00");
    assert!(p.score.exact < rust_decimal::Decimal::from(90));
    assert_eq!(p.grade, "优");
    let r = run(
        sheet,
        "rules:\n  - id: default.grade-on\n    grade_on: exact\n",
    );
    assert_eq!(r.projects[0].grade, "良");
}

fn check_errors(rules: &str) -> String {
    match RuleSet::with_files(&[RuleSource::new("office.yaml", rules)], true) {
        Ok(_) => String::new(),
        Err(files) => files
            .iter()
            .flat_map(|f| f.errors.iter())
            .map(|e| format!("{e}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn rules_check_rejects_what_would_do_nothing() {
    // a band is the whole evaluation's: a when: on it would never hold
    let e = check_errors(
        "rules:\n  - id: x.band\n    when: project == \"甲\"\n    band: 优\n    min_score: 85\n",
    );
    assert!(e.contains("这个条件永远不会成立"), "{e}");
    // a budget weight knows the project, never the indicator
    let e = check_errors(
        "rules:\n  - id: x.budget\n    when: indicator ~ \"率\"\n    budget_weight: 20\n",
    );
    assert!(e.contains("`indicator`"), "{e}");
    // late_penalty only with deadline
    let e = check_errors("rules:\n  - id: x.f\n    formula: proportional\n    late_penalty: 10%\n");
    assert!(e.contains("late_penalty"), "{e}");
    // a tier band without what it gives
    let e = check_errors(
        "rules:\n  - id: x.t\n    tiers:\n      on: ratio\n      bands:\n        - {below: 60%}\n",
    );
    assert!(e.contains("第 1 档没有写得分"), "{e}");
    // a share above 100 %
    let e = check_errors("rules:\n  - id: x.fl\n    floor: {ratio_below: 60%, share: 150%}\n");
    assert!(e.contains("share"), "{e}");
    // and what does something passes
    assert_eq!(check_errors(WORKED_RULES), "");
    assert_eq!(check_errors(DEPARTMENT_RULES), "");
}

#[test]
fn budget_execution_follows_its_formula_rule() {
    let sheet = PLAIN.replace("10,100,100", "10,100,95");
    // 10 × 95 ÷ 100 by default
    let r = run(&sheet, "");
    assert_eq!(r.projects[0].budget_score.unwrap().to_string(), "9.50");
    let r = run(
        &sheet,
        "rules:\n  - id: default.score.budget\n    formula: all_or_nothing\n",
    );
    assert_eq!(r.projects[0].budget_score.unwrap().to_string(), "0.00");
    assert!(
        r.projects[0]
            .budget_rules
            .iter()
            .any(|r| r == "default.score.budget")
    );
}

/// A published method of `tests/fixtures/rules/methods/` on its sheet.
fn method(name: &str) -> Report {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/methods/");
    let sheet = std::fs::read_to_string(format!("{dir}{name}.csv")).unwrap();
    let rules = std::fs::read_to_string(format!("{dir}{name}.yaml")).unwrap();
    run(&sheet, &rules)
}

#[test]
fn yueyang_department_method_by_hand() {
    // 岳阳市 部门整体支出评分标准 (投入 15, 过程 40; the excerpt's six rows carry 27 points)
    let r = method("yueyang-department");
    let p = &r.projects[0];
    // 102 %: 2 points over 100 % × 0.5 = 1 off 5
    assert_eq!(score(p, "财政供养人员控制率"), "4.00");
    // 3 % over 0 × 0.5 = 1.5 off 5
    assert_eq!(score(p, "“三公经费”变动率"), "3.50");
    // 85 %: the 80 %(含)–90 % band, 4 points
    assert_eq!(score(p, "重点支出安排率"), "4.00");
    // 12 %: the 10–20 %(含) band, 1 point
    assert_eq!(score(p, "预算调整率"), "1.00");
    // one case × 1 off 3
    assert_eq!(score(p, "资金使用合规性"), "2.00");
    assert_eq!(score(p, "“三公经费”控制率"), "6.00");
    // 20.5 of 27 points: 75.93 on 100, 中
    assert_eq!(p.score.to_string(), "20.50");
    assert_eq!(p.weights.rounded().normalize().to_string(), "27");
    assert_eq!(p.grade, "中");
    assert_eq!(r.summary.score.to_string(), "75.93");
}

#[test]
fn mof_central_admin_method_by_hand() {
    // 财政部 中央级行政经费项目支出考评计分办法: 每相差3%扣1分 (whole steps)
    let r = method("mof-central-admin");
    let p = &r.projects[0];
    // 8 % short: two whole steps of 3 %: 15 − 2
    assert_eq!(score(p, "项目完成工作量"), "13.00");
    // 10 % over the planned time: two whole steps of 4 %: 10 − 2
    assert_eq!(score(p, "超计划时间占计划完成时间百分比"), "8.00");
    assert_eq!(p.score.to_string(), "21.00");
    // 21 of 25: 84 on 100
    assert_eq!(p.grade, "良");
    // the same sentence on a deadline: planned 1 January – 30 June 2023 (181 days), done 18
    // July: 18 days late, 18 ÷ 181 = 9.94 %, two whole steps of 4 %: 10 − 2
    let m = project(&r, "大型会议项目");
    assert_eq!(score(m, "项目完成时间"), "8.00");
    let i = indicator(m, "项目完成时间");
    assert!(
        i.note.contains("逾期 18 天，占计划工期 181 天的 9.94%"),
        "{}",
        i.note
    );
    assert!(i.rules.iter().any(|r| r == "mof.schedule-deadline"));
    // 15 + 8 = 23 of 25: 92 on 100
    assert_eq!(m.score.to_string(), "23.00");
    assert_eq!(m.grade, "优");
}

fn indicator<'p>(p: &'p ProjectReport, name: &str) -> &'p jixiao::report::model::IndicatorReport {
    p.indicators
        .iter()
        .find(|i| &*i.indicator == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn express_report_lateness_in_days_by_hand() {
    // 每迟报半天扣0.5分 (2 points); 每迟报1天扣0.2分 (1 point)
    let r = method("express-report-lateness");
    let march = project(&r, "3月快报");
    // by 10 April, sent 11 April: 1 day = 2 half-days × 0.5 = 1 off 2
    assert_eq!(score(march, "快报报送时间"), "1.00");
    // by 15 April, sent 18 April: 3 days × 0.2 = 0.6 off 1
    assert_eq!(score(march, "分析说明材料报送时间"), "0.40");
    assert!(
        indicator(march, "分析说明材料报送时间")
            .note
            .contains("逾期 3 天")
    );
    assert_eq!(march.score.to_string(), "1.40");
    assert_eq!(march.grade, "差"); // 1.4 ÷ 3 = 46.67
    let april = project(&r, "4月快报");
    // `5月12日` in the table's year: 2 days = 4 half-days × 0.5 = 2 off 2
    assert_eq!(score(april, "快报报送时间"), "0.00");
    // `按期完成`: on time, nothing off
    assert_eq!(score(april, "分析说明材料报送时间"), "1.00");
    assert_eq!(april.score.to_string(), "1.00");
    let may = project(&r, "5月快报");
    // a day early: full
    assert_eq!(score(may, "快报报送时间"), "2.00");
    // `已完成` says nothing of when: a person decides, and a finding says why
    let done = indicator(may, "分析说明材料报送时间");
    assert_eq!(done.verdict, Verdict::Review);
    assert!(done.score.is_none());
    assert!(done.note.contains("未写完成日期"), "{}", done.note);
    assert_eq!(may.pending.to_string(), "1.00");
    let f: Vec<_> = may
        .findings
        .iter()
        .filter(|f| f.code == "eval.lateness-unmeasured")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", may.findings);
    assert!(f[0].message.contains("已完成"));
    assert!(f[0].message.contains("kb.analysis-on-time"));
    let june = project(&r, "6月快报");
    // `2023年7月` against 10 July: between 0 and 21 days late, never guessed
    let month = indicator(june, "快报报送时间");
    assert_eq!(month.verdict, Verdict::Review);
    assert!(month.score.is_none());
    assert!(
        june.findings
            .iter()
            .any(|f| f.code == "eval.lateness-unmeasured" && f.message.contains("只写到月份")),
        "{:?}",
        june.findings
    );
    // `否`: not sent, 不得分
    assert_eq!(score(june, "分析说明材料报送时间"), "0.00");
    assert_eq!(june.score.to_string(), "0.00");
    assert_eq!(june.pending.to_string(), "2.00");
}

#[test]
fn guangdong_st_acceptance_method_by_hand() {
    // 完成率分档, each band with the lowest points of its range
    let r = method("guangdong-st-acceptance");
    let a = project(&r, "甲课题");
    // 8 of 10 = 80 %: 75%以上, 16
    assert_eq!(score(a, "研究开发主要内容完成数"), "16.00");
    // 300 of 500万元 = 60 %: 50%以上, 5
    assert_eq!(score(a, "新增销售收入"), "5.00");
    // 到位率 80 %: 75%以上, 3
    assert_eq!(score(a, "总资金到位率"), "3.00");
    // 16 + 5 + 3 = 24 of 34: 70.59, 中
    assert_eq!(a.score.to_string(), "24.00");
    assert_eq!(a.grade, "中");
    let b = project(&r, "乙课题");
    // 100 %: 20; 400 of 500 = 80 %: 8; 全部到位: 4; 32 of 34 = 94.12, 优
    assert_eq!(score(b, "研究开发主要内容完成数"), "20.00");
    assert_eq!(score(b, "新增销售收入"), "8.00");
    assert_eq!(score(b, "总资金到位率"), "4.00");
    assert_eq!(b.score.to_string(), "32.00");
    assert_eq!(b.grade, "优");
}

#[test]
fn agri_project_scoring_method_by_hand() {
    // 每减少1个百分点扣1分，扣完为止; 相符/健全/齐全 满分, 基本相符/基本健全 6 of 10, 调整较大/
    // 不健全/不齐全 扣完; 可研、组织管理 as the evaluator wrote them (formula: graded)
    let r = method("agri-project-scoring");
    let a = project(&r, "甲产业化项目");
    assert_eq!(score(a, "可行性研究报告编制"), "6.00"); // 6分 as written
    assert_eq!(score(a, "组织管理"), "5.00");
    assert_eq!(score(a, "项目档案"), "0.00"); // 不齐全: 扣2分
    assert_eq!(score(a, "计划建设内容完成率"), "13.00"); // 7 points short: 20 − 7
    assert_eq!(score(a, "计划投资完成率"), "6.50"); // 3.5 short, pro rata: 10 − 3.5
    assert_eq!(score(a, "实际支出与批复计划相符性"), "6.00"); // 基本相符
    assert_eq!(score(a, "财务管理制度执行"), "10.00");
    assert_eq!(score(a, "年新增销售收入"), "18.00"); // 20 × 450 ÷ 500
    assert_eq!(score(a, "带动农户数"), "15.00");
    // 6 + 5 + 0 + 13 + 6.5 + 6 + 10 + 18 + 15 = 79.5 of 100: 中
    assert_eq!(a.score.to_string(), "79.50");
    assert_eq!(a.grade, "中");
    let b = project(&r, "乙产业化项目");
    assert_eq!(score(b, "项目档案"), "2.00"); // 齐全
    assert_eq!(score(b, "计划投资完成率"), "0.00"); // 15 short off 10: 扣完为止
    assert_eq!(score(b, "实际支出与批复计划相符性"), "0.00"); // 调整较大
    assert_eq!(score(b, "财务管理制度执行"), "6.00"); // 基本健全
    assert_eq!(score(b, "带动农户数"), "12.00"); // 15 × 800 ÷ 1000
    // 7 + 6 + 2 + 20 + 0 + 0 + 6 + 20 + 12 = 73: 中
    assert_eq!(b.score.to_string(), "73.00");
    assert_eq!(b.grade, "中");
}

#[test]
fn innofund_acceptance_method_by_hand() {
    // 科技型中小企业技术创新基金项目验收评价表: bands of points (the lowest of each range), the
    // experts' points on 技术、质量 rows as written
    let r = method("innofund-acceptance");
    let c = project(&r, "丙企业项目");
    assert_eq!(score(c, "资金到位率"), "10.00"); // 80 %: 75%以上
    assert_eq!(score(c, "技术指标完成情况"), "8.00"); // 8分 on 全部完成 (a yes/no target)
    assert_eq!(score(c, "销售收入"), "16.00"); // 1700 ÷ 2000 = 85 %: 80%以上
    assert_eq!(score(c, "利润"), "3.00"); // 200 ÷ 300 = 66.67 %: 60%以上
    assert_eq!(score(c, "税收"), "0.00"); // 55 %: below 60 %
    // 10 + 5 + 8 + 4 + 6 + 16 + 3 + 0 = 52 of 75 = 69.33: 中
    assert_eq!(c.score.to_string(), "52.00");
    assert_eq!(c.grade, "中");
    let d = project(&r, "丁企业项目");
    assert_eq!(score(d, "税收"), "4.00"); // 90 %: 80%以上
    // 14 + 6 + 10 + 5 + 10 + 20 + 5 + 4 = 74 of 75 = 98.67: 优
    assert_eq!(d.score.to_string(), "74.00");
    assert_eq!(d.grade, "优");
}

#[test]
fn graded_takes_points_written_on_a_yes_no_target() {
    // `全部完成` reads as 是; `8分` is no 是/否. The docs: under `formula: graded` a person's
    // grade decides, `7.5分` among them, whatever the kind.
    let sheet = "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,全年预算数,全年执行数\n\
                 甲,产出指标,质量指标,技术指标完成情况,定性,全部完成,,8分,10,,\n\
                 甲,产出指标,质量指标,质量标准完成情况,定性,全部完成,,部分达成(75%),10,,\n";
    let r = run(sheet, "");
    let i = &r.projects[0].indicators[0];
    assert_eq!(i.verdict, Verdict::Invalid);
    let graded =
        "rules:\n  - id: cx.judged\n    when: category == \"产出指标\"\n    formula: graded\n";
    let r = run(sheet, graded);
    assert_eq!(score(&r.projects[0], "技术指标完成情况"), "8.00");
    assert_eq!(score(&r.projects[0], "质量标准完成情况"), "7.50");
}

#[test]
fn mof_budget_analysis_contest_method_by_hand() {
    // 财库〔2004〕19号: 旬报 12 分, 每次扣0.5分; 月报 24 分, 每次扣2分
    let r = method("mof-budget-analysis-contest");
    let a = project(&r, "甲省");
    // 3 × 0.5 = 1.5 off 12; 2 × 2 = 4 off 24
    assert_eq!(score(a, "旬报延误或出错次数"), "10.50");
    assert_eq!(score(a, "月报延误或出错次数"), "20.00");
    // 30.5 of 36: 84.72, 良
    assert_eq!(a.score.to_string(), "30.50");
    assert_eq!(a.grade, "良");
    let b = project(&r, "乙省");
    // 30 × 0.5 = 15 off 12: never below 0; the monthly reports all on time
    assert_eq!(score(b, "旬报延误或出错次数"), "0.00");
    assert_eq!(score(b, "月报延误或出错次数"), "24.00");
    // 24 of 36: 66.67, 中
    assert_eq!(b.score.to_string(), "24.00");
    assert_eq!(b.grade, "中");
}

#[test]
fn ningde_express_report_count_method_by_hand() {
    // 期间有1-3次未能够在当月8日前报送，得4分；4-6次 2分；7-9次 1分；10次及以上不得分 (of 6)
    let r = method("ningde-express-report-count");
    let ind = "未在当月8日前报送快报数据次数";
    let got: Vec<(String, String)> = r
        .projects
        .iter()
        .map(|p| (score(p, ind), p.grade.to_string()))
        .collect();
    let want = [
        ("4.00", "中"), // 2 times: 1–3, 4 of 6 = 66.67
        ("0.00", "差"), // 10 times: 不得分
        ("6.00", "优"), // never late
        ("1.00", "差"), // 7 times: 7–9, 1 of 6 = 16.67
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(s, g)| (s.to_string(), g.to_string()))
        .collect();
    assert_eq!(got, want);
}

const LATE_SHEET: &str = "\
项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,全年预算数,全年执行数
甲项目,产出指标,时效指标,完成时间,,2023年6月底前,,2023年7月10日,10,,
甲项目,产出指标,时效指标,建设周期,,2023年3月至6月,,2023年7月10日,10,,
甲项目,产出指标,数量指标,完成数量,≥,100,个,90个,10,,
";

fn late_rules(body: &str) -> String {
    format!(
        "rules:\n  - id: late\n    when: indicator == \"完成时间\" or indicator == \"建设周期\"\n{body}"
    )
}

#[test]
fn lateness_counts_days_weeks_months_and_the_planned_time() {
    let sc = |body: &str, ind: &str| score(&run(LATE_SHEET, &late_rules(body)).projects[0], ind);
    // by 30 June, done 10 July: 10 days late
    assert_eq!(
        sc("    deduct: {per: 1天, points: 0.5}\n", "完成时间"),
        "5.00"
    );
    // a bare step counts days
    assert_eq!(sc("    deduct: {per: 2, points: 1}\n", "完成时间"), "5.00");
    // 10 days are 10/7 weeks pro rata, one whole week with whole_steps
    assert_eq!(
        sc("    deduct: {per: 1周, points: 7}\n", "完成时间"),
        "0.00"
    );
    assert_eq!(
        sc(
            "    deduct: {per: 1周, points: 2, whole_steps: true}\n",
            "完成时间"
        ),
        "8.00"
    );
    // in months as late_penalty counts them: July against June is one month
    assert_eq!(
        sc("    deduct: {per: 1个月, points: 3}\n", "完成时间"),
        "7.00"
    );
    // 3 days of grace: 7 days × 1
    assert_eq!(
        sc(
            "    deduct: {per: 1天, points: 1, beyond: 3天}\n",
            "完成时间"
        ),
        "3.00"
    );
    // a share of the planned time: 1 January – 30 June is 181 days, 10 ÷ 181 = 5.52 %,
    // 5.52 ÷ 5 = 1.105 steps: 10 − 1.10
    assert_eq!(sc("    deduct: {per: 5%, points: 1}\n", "完成时间"), "8.90");
    // the period `2023年3月至6月` plans 1 March – 30 June: 122 days, 10 ÷ 122 = 8.20 %:
    // 1.639 steps: 10 − 1.64
    assert_eq!(sc("    deduct: {per: 5%, points: 1}\n", "建设周期"), "8.36");
    // tiers on lateness: 10 days is past the first band (≤ 7 days), inside the second
    let tiers = "    tiers:\n      on: lateness\n      bands:\n        - {up_to: 0天, share: 100%}\n        - {up_to: 1周, share: 80%}\n        - {up_to: 1个月, share: 60%}\n        - {share: 0}\n";
    assert_eq!(sc(tiers, "完成时间"), "6.00");
    // … and as a share of the planned time: 8.20 % of 3月至6月 is below 10 %
    let share = "    tiers:\n      on: lateness\n      bands:\n        - {below: 10%, share: 90%}\n        - {share: 50%}\n";
    assert_eq!(sc(share, "建设周期"), "9.00");
    let r = run(LATE_SHEET, &late_rules(tiers));
    let i = indicator(&r.projects[0], "完成时间");
    assert!(i.note.contains("逾期 10 天"), "{}", i.note);
    assert!(i.rules.iter().any(|r| r == "late"));
    // the default: late is 0
    assert_eq!(score(&run(LATE_SHEET, "").projects[0], "完成时间"), "0.00");
    // steps beyond the exact decimal range take every point, without a panic
    let tiny = "0.0000000000000000000000000001";
    assert_eq!(
        sc(
            &format!("    deduct: {{per: {tiny}天, points: 1}}\n"),
            "完成时间"
        ),
        "0.00"
    );
    let rules = format!(
        "rules:\n  - id: tiny\n    when: indicator == \"完成数量\"\n    deduct: {{per: {tiny}, points: 1}}\n"
    );
    assert_eq!(
        score(&run(LATE_SHEET, &rules).projects[0], "完成数量"),
        "0.00"
    );
}

#[test]
fn lateness_on_a_figure_is_said_not_silently_dropped() {
    let rules = "rules:\n  - id: late\n    when: indicator == \"完成数量\"\n    tiers:\n      on: lateness\n      bands:\n        - {up_to: 0天, share: 100%}\n        - {share: 0}\n";
    let r = run(LATE_SHEET, rules);
    let i = indicator(&r.projects[0], "完成数量");
    // the formula's 10 × 90 ÷ 100, and the note says why the tiers did not apply
    assert_eq!(i.score.unwrap().to_string(), "9.00");
    assert!(i.note.contains("on: lateness"), "{}", i.note);
}

#[test]
fn rules_check_rejects_a_lateness_band_that_is_no_time() {
    let e = check_errors(
        "rules:\n  - id: x.late\n    tiers:\n      on: lateness\n      bands:\n        - {up_to: 5个, share: 100%}\n        - {share: 0}\n",
    );
    assert!(e.contains("第 1 档的 `up_to` 不是逾期的长短"), "{e}");
    // with its line and column
    let Err(files) = RuleSet::with_files(
        &[RuleSource::new(
            "office.yaml",
            "rules:\n  - id: x.late\n    tiers:\n      on: lateness\n      bands:\n        - {up_to: 5个, share: 100%}\n",
        )],
        true,
    ) else {
        panic!("rejected")
    };
    // line 3, column 11: the value of `tiers`
    assert_eq!(files[0].errors[0].line_col(), (3, 11));
}

#[test]
fn highway_quality_method_with_its_veto_by_hand() {
    let r = method("highway-quality-veto");
    let a = project(&r, "甲路段");
    // two general accidents × 1 off 7; three inspectors × 0.5 off 3
    assert_eq!(score(a, "一般质量事故"), "5.00");
    assert_eq!(score(a, "不符合要求的试验检测人员"), "1.50");
    assert_eq!(a.score.to_string(), "11.50");
    assert_eq!(a.grade, "中"); // 11.5 ÷ 15 = 76.67
    let b = project(&r, "乙路段");
    // a major accident: disqualified, total 0 and 差, whatever the other rows earned
    assert_eq!(b.score.to_string(), "0.00");
    assert_eq!(b.grade, "差");
    assert!(
        b.findings
            .iter()
            .any(|f| f.code == "hw.quality.major-accident")
    );
}

/// The report as JSON, for telling two evaluations apart.
fn json_of(sheet: &str, rules: &str) -> String {
    jixiao::report::json::render(&run(sheet, rules))
}

#[test]
fn every_rule_key_changes_a_score_verdict_grade_or_finding() {
    use jixiao::rules::model::RULE_KEYS;
    let keys = include_str!("fixtures/rules/methods/keys.csv");
    let shown = include_str!("fixtures/rules/methods/shown.csv");
    let r = |body: &str| format!("rules:\n{body}");
    let words = "  - id: default.grade.partial\n    words: [部分达成, 较好]\n";
    let require =
        "  - id: k.require\n    when: indicator ~ \"满意度\"\n    require: actual >= 88%\n";
    let lower = "  - id: k.dir\n    when: indicator == \"响应时间\"\n    direction: lower\n";
    // (key, sheet, rules without it, rules with it)
    let cases: Vec<(&str, &str, String, String)> = vec![
        (
            "when",
            keys,
            r("  - id: k\n    formula: all_or_nothing\n"),
            r("  - id: k\n    when: indicator == \"验收合格率\"\n    formula: all_or_nothing\n"),
        ),
        (
            "disable",
            keys,
            r(""),
            r("  - id: default.weight.satisfaction\n    disable: true\n"),
        ),
        (
            "direction",
            keys,
            r(""),
            r("  - id: k\n    when: indicator == \"响应时间\"\n    direction: higher\n"),
        ),
        (
            "bare_op",
            keys,
            r(lower),
            r(&format!("{lower}    bare_op: \"=\"\n")),
        ),
        (
            "category",
            keys,
            r(""),
            r("  - id: k\n    when: indicator == \"办件数量\"\n    category: 产出指标\n"),
        ),
        (
            "subcategory",
            keys,
            r(""),
            r("  - id: k\n    when: indicator == \"服务质量\"\n    subcategory: 社会效益指标\n"),
        ),
        (
            "tolerance",
            keys,
            r(""),
            r("  - id: default.tolerance\n    tolerance: 15%\n"),
        ),
        (
            "convert",
            keys,
            r(""),
            r("  - id: k\n    convert: 1 月 = 30 天\n"),
        ),
        (
            "category_weight",
            keys,
            r(""),
            r("  - id: default.weight.output\n    category_weight: 40\n"),
        ),
        (
            "indicator_weight",
            keys,
            r(""),
            r("  - id: k\n    when: indicator == \"完成数量\"\n    indicator_weight: 5\n"),
        ),
        (
            "budget_weight",
            keys,
            r(""),
            r("  - id: default.weight.budget\n    budget_weight: 20\n"),
        ),
        (
            "formula",
            keys,
            r(""),
            r("  - id: k\n    when: indicator == \"验收合格率\"\n    formula: all_or_nothing\n"),
        ),
        (
            "late_penalty",
            keys,
            r(""),
            r("  - id: default.score.deadline\n    late_penalty: 10%\n"),
        ),
        (
            "grade",
            keys,
            r(""),
            r("  - id: k.grade\n    grade: 较好\n    share: 90%\n"),
        ),
        ("words", keys, r(""), r(words)),
        (
            "share",
            keys,
            r(words),
            r(&format!("{words}    share: 75%\n")),
        ),
        (
            "min_share",
            keys,
            r(""),
            r("  - id: default.grade.partial\n    min_share: 50%\n"),
        ),
        (
            "max_share",
            keys,
            r(""),
            r("  - id: default.grade.partial\n    max_share: 90%\n"),
        ),
        (
            "band",
            keys,
            r(""),
            r("  - id: default.band.poor\n    band: 不合格\n"),
        ),
        (
            "min_score",
            keys,
            r(""),
            r("  - id: default.band.fair\n    min_score: 50\n"),
        ),
        (
            "precision",
            keys,
            r(""),
            r("  - id: default.precision\n    precision: 1\n"),
        ),
        (
            "grade_on",
            shown,
            r(""),
            r("  - id: default.grade-on\n    grade_on: exact\n"),
        ),
        (
            "tiers",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"验收合格率\"\n    tiers:\n      on: ratio\n      bands:\n        - {at_least: 95%, share: 80%}\n        - {share: 0}\n",
            ),
        ),
        (
            "deduct",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"群众满意度\"\n    deduct: {per: 5%, points: 1}\n",
            ),
        ),
        (
            "deduct",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"完成时间\"\n    deduct: {per: 1个月, points: 1}\n",
            ),
        ),
        (
            "tiers",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"完成时间\"\n    tiers:\n      on: lateness\n      bands:\n        - {up_to: 1个月, share: 80%}\n        - {up_to: 3个月, share: 50%}\n        - {share: 0}\n",
            ),
        ),
        (
            "floor",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"完成数量\"\n    floor: {ratio_below: 60%, share: 0}\n",
            ),
        ),
        (
            "veto",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"完成数量\" and actual < 60\n    veto: {grade: 差}\n",
            ),
        ),
        (
            "bonus",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"响应时间\"\n    bonus: {per: 1秒, points: 1, max: 2}\n",
            ),
        ),
        (
            "other_row",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"完成数量\"\n    other_row: {when: 'indicator == \"验收合格率\" and actual < target', share: 0}\n",
            ),
        ),
        (
            "cap",
            keys,
            r(""),
            r(
                "  - id: k\n    when: indicator == \"办件数量\" and actual < 200\n    cap: {grade: 中}\n",
            ),
        ),
        (
            "not_applicable",
            keys,
            r(""),
            r("  - id: k\n    when: indicator == \"完成数量\"\n    not_applicable: true\n"),
        ),
        (
            "not_applicable",
            keys,
            r("  - id: k\n    when: indicator == \"完成数量\"\n    not_applicable: true\n"),
            r("  - id: k\n    when: indicator == \"完成数量\"\n    not_applicable: false\n"),
        ),
        ("require", keys, r(""), r(require)),
        (
            "severity",
            keys,
            r(require),
            r(&format!("{require}    severity: error\n")),
        ),
        (
            "message",
            keys,
            r(require),
            r(&format!("{require}    message: 满意度偏低\n")),
        ),
    ];
    // keys that name or describe a rule, and the review checks' own switch (tests/review.rs
    // runs `review: true` with a severity against `jixiao review`)
    let exempt = ["id", "description", "review"];
    for key in RULE_KEYS.iter() {
        assert!(
            exempt.contains(key) || cases.iter().any(|c| c.0 == *key),
            "no case shows what `{key}` does"
        );
    }
    for (key, sheet, without, with) in &cases {
        assert!(
            with.contains(&format!("{key}:")),
            "the case of `{key}` does not write it"
        );
        assert!(
            json_of(sheet, without) != json_of(sheet, with),
            "`{key}` changed nothing"
        );
    }
}

#[test]
fn rules_test_scores_as_evaluate_does_with_project_cases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/methods/");
    let run = |cases: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["rules", "test", &format!("{dir}{cases}")])
            .args(["--rules", &format!("{dir}worked.yaml")])
            .args(["--rules", &format!("{dir}late-penalty.yaml")])
            .output()
            .unwrap()
    };
    let out = run("worked-cases.yaml");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    // late_penalty: two months late, 10 % each: 8 of 10, as evaluate scores it (was 0.00)
    assert!(text.contains("通过   2 完成时间"), "{text}");
    // the project cases: total, grade and veto
    assert!(text.contains("通过   3 示例项目"), "{text}");
    assert!(text.contains("通过   4 事故项目"), "{text}");
    assert!(text.contains("4 通过，0 失败"), "{text}");
    // a wrong expectation fails (the test can fail)
    let wrong = std::fs::read_to_string(format!("{dir}worked-cases.yaml"))
        .unwrap()
        .replace("total: \"66.10\", grade: 中", "total: \"66.11\", grade: 良");
    let path = std::env::temp_dir().join(format!("jixiao-wrong-cases-{}.yaml", std::process::id()));
    std::fs::write(&path, wrong).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["rules", "test"])
        .arg(&path)
        .args(["--rules", &format!("{dir}worked.yaml")])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(text.contains("total: 得到 66.10，期望 66.11"), "{text}");
    assert!(text.contains("grade: 得到 中，期望 良"), "{text}");
}

#[test]
fn a_row_that_does_not_apply_shares_its_sheet_points_among_the_rest() {
    // contract §8.8: 服务质量 (30 of the sheet's points) does not apply: 验收合格率 50 and
    // 群众满意度 10 share its points in proportion, × 90/60; the budget row keeps its 10
    let r = run(&PLAIN.replace("较好", "不适用"), "");
    let p = &r.projects[0];
    let w: Vec<String> = p.indicators.iter().map(|i| i.weight.to_string()).collect();
    assert_eq!(w, ["75.00", "0.00", "15.00"]);
    assert_eq!(p.indicators[1].verdict, Verdict::NotApplicable);
    // 75 × 90 ÷ 98 + 15 × 85 ÷ 90 + 10 = 68.88 + 14.17 + 10
    assert_eq!(p.score.to_string(), "93.04");
    assert_eq!(p.weights.to_string(), "100.00");
    assert!(p.findings.is_empty(), "{:?}", p.findings);
}

#[test]
fn a_when_on_the_actual_holds_for_scoring_rules_too() {
    // `actual > 0` is known when the weights, formulas and deductions are decided
    let rules = WORKED_RULES.replace(
        "when: indicator contains \"合规性\"",
        "when: indicator contains \"合规性\" and actual > 0",
    );
    let r = run(WORKED_SHEET, &rules);
    assert_eq!(score(project(&r, "示例项目"), "合规性问题"), "8.00");
    let rules = WORKED_RULES.replace(
        "when: indicator contains \"合规性\"",
        "when: indicator contains \"合规性\" and actual > 5",
    );
    let r = run(WORKED_SHEET, &rules);
    // the deduction does not hold: the default formula (a missed 0 target scores 0)
    assert_eq!(score(project(&r, "示例项目"), "合规性问题"), "0.00");
}

#[test]
fn budget_execution_scored_in_steps_bands_and_a_floor_by_hand() {
    let r = method("budget-steps");
    let budget = |p: &ProjectReport| p.budget_score.map(|s| s.to_string());
    // 193 of 200 = 96.5 %: 3.5 points short × 1 = 3.5 off 10
    let a = project(&r, "甲项目");
    assert_eq!(budget(a).as_deref(), Some("6.50"));
    assert_eq!(a.score.to_string(), "96.50");
    assert!(a.budget_rules.iter().any(|id| id == "ex.budget.per-point"));
    assert!(
        a.budget_note.as_deref().unwrap().starts_with("扣分"),
        "{:?}",
        a.budget_note
    );
    // 乙项目 (its own rule, on the project): 91 % is in the 90 %–95 % band, 8 points (the bands
    // come before the deduction)
    let b = project(&r, "乙项目");
    assert_eq!(budget(b).as_deref(), Some("8.00"));
    assert!(b.budget_rules.iter().any(|id| id == "ex.budget.bands"));
    // 50 %: below the 60 % floor, 0 (the steps alone: 50 short, 0 too, never below 0)
    let c = project(&r, "丙项目");
    assert_eq!(budget(c).as_deref(), Some("0.00"));
    assert!(c.budget_rules.iter().any(|id| id == "ex.budget.floor"));
    // a `when:` reads the execution rate as the actual: 92 % ≥ 90 %, the band's 9 points
    // (the steps alone would give 10 − 8 = 2)
    let d = project(&r, "丁项目");
    assert_eq!(budget(d).as_deref(), Some("9.00"));
    assert!(
        d.budget_rules
            .iter()
            .any(|id| id == "ex.budget.read-actual")
    );
    // the execution rate shown is the plain one, whatever the method
    assert_eq!(
        a.execution_rate.map(|s| s.to_string()).as_deref(),
        Some("96.50")
    );
}

/// A graded row shows the grade its share falls in, whichever way the share was given (a word
/// with its share, points, a bare share): 部分达成(75%) is 【部分达成】, never 【未达标】.
#[test]
fn a_share_given_shows_the_grade_of_its_band() {
    let sheet = "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,全年预算数,全年执行数
甲,,,,,,,,10,100,100
甲,产出指标,质量指标,甲,定性,好,,5分,6,,
甲,产出指标,质量指标,乙,定性,好,,部分达成(75%),6,,
甲,产出指标,质量指标,丙,定性,好,,85%,6,,
甲,产出指标,质量指标,丁,定性,好,,3分,6,,
甲,产出指标,质量指标,戊,定性,好,,80%,6,,
甲,产出指标,质量指标,己,定性,好,,部分达成,6,,
甲,产出指标,质量指标,庚,定性,好,,部分达成(80%),6,,
甲,产出指标,质量指标,辛,定性,好,,未达成(60%),6,,
";
    let r = run(sheet, "rules: []\n");
    let grades: Vec<(String, Option<&str>, String)> = r.projects[0]
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.to_string(),
                i.grade,
                i.score.map(|s| s.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        ("甲", "达成", "5.00"),     // 5 of 6 = 83 %
        ("乙", "部分达成", "4.50"), // as written
        ("丙", "达成", "5.10"),
        ("丁", "未达成", "3.00"),   // 50 %
        ("戊", "达成", "4.80"),     // 80 %: where 达成 and 部分达成 meet, 达成
        ("己", "部分达成", "4.20"), // the word alone: its default 70 %
        ("庚", "部分达成", "4.80"), // the grade written beside its share, at the bands' edge
        ("辛", "未达成", "3.60"),
    ];
    assert_eq!(grades.len(), expected.len());
    for ((name, grade, score), (n, g, s)) in grades.iter().zip(expected) {
        assert_eq!((name.as_str(), *grade, score.as_str()), (n, Some(g), s));
    }
}

/// Tiers on lateness say nothing of a figure: on a row that is no deadline they step aside and
/// the deduction written for the row still applies (it is not silently switched off).
#[test]
fn lateness_tiers_leave_a_figures_deduction_in_place() {
    let sheet = "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,全年预算数,全年执行数
甲,,,,,,,,10,100,100
甲,产出指标,时效指标,办结时间,≤,30,天,40天,20,,
";
    let rules = r#"rules:
  - id: t.late
    when: subcategory == "时效指标"
    tiers:
      on: lateness
      bands:
        - {up_to: 0天, share: 100%}
        - {share: 0}
  - id: t.days
    when: indicator == "办结时间"
    deduct: {per: 1天, points: 1}
"#;
    let r = run(sheet, rules);
    let p = &r.projects[0];
    // 10 days past 30, 1 point a day, off 20
    assert_eq!(score(p, "办结时间"), "10.00");
    let i = &p.indicators[0];
    assert!(i.rules.iter().any(|id| id == "t.days"), "{:?}", i.rules);
    assert!(i.note.contains("此处不用"), "{}", i.note);
}

const SHANDONG_SHEET: &str = include_str!("fixtures/rules/methods/shandong-housing.csv");
const SHANDONG_RULES: &str = include_str!("fixtures/rules/methods/shandong-housing.yaml");

/// 《山东省住房保障工作考核办法》: 挪用资金 核定为不合格 (a veto), 2次以上约谈 or 问责 不得评定为
/// 优秀 (a cap). 甲市 and 乙市 hold the same rows in opposite orders.
#[test]
fn shandong_housing_vetoes_and_caps_give_the_harshest_grade_in_any_row_order() {
    let r = run(SHANDONG_SHEET, SHANDONG_RULES);
    for city in ["甲市", "乙市"] {
        let p = project(&r, city);
        // 40 × 85 ÷ 100 + 30 + 30: the total stands (the veto sets no total)
        assert_eq!(p.score.to_string(), "94.00", "{city}");
        // 94 is 优秀 by the bands; the cap says 良好 at most, the veto 不合格: the harshest
        assert_eq!(p.grade, "不合格", "{city}");
        let codes: Vec<&str> = p.findings.iter().map(|f| &*f.code).collect();
        assert!(codes.contains(&"sd.housing.misused-funds"), "{codes:?}");
        assert!(codes.contains(&"sd.housing.interviews"), "{codes:?}");
        // one grade: no finding names another as the project's
        let cap = p
            .findings
            .iter()
            .find(|f| f.code == "sd.housing.interviews")
            .unwrap();
        assert!(cap.message.contains("最终等级为不合格"), "{}", cap.message);
    }
    // the cap lowers: 100 is 优秀, two 约谈 make it 良好
    let c = project(&r, "丙市");
    assert_eq!(c.score.to_string(), "100.00");
    assert_eq!(c.grade, "良好");
    assert!(
        c.findings
            .iter()
            .any(|f| f.message.contains("由优秀降为良好"))
    );
    // and never raises: 20 + 30 + 30 × 60 ÷ 90 = 70 is 合格 and stays so
    let d = project(&r, "丁市");
    assert_eq!(d.score.to_string(), "70.00");
    assert_eq!(d.grade, "合格");
    assert_eq!(d.findings.len(), 2, "{:?}", d.findings);
    // 10分的加分项: 112.5 % is 12 whole points over, 10 at most: 40 + 10 + 30 + 30
    let e = project(&r, "戊市");
    assert_eq!(score(e, "保障性安居工程开工任务完成率"), "50.00");
    assert_eq!(e.score.to_string(), "110.00");
    assert_eq!(e.grade, "优秀");
    assert!(e.findings.iter().any(|f| f.code == "eval.bonus"));
    // 103.5 %: 3 whole points: 43 + 30 × 96 ÷ 100 + 30
    let f = project(&r, "己市");
    assert_eq!(f.score.to_string(), "101.80");
    // a target met exactly adds nothing, and no bonus finding
    assert!(c.findings.iter().all(|f| f.code != "eval.bonus"));
    // one grade in every format
    for format in [
        ReportFormat::Json,
        ReportFormat::Csv,
        ReportFormat::Table,
        ReportFormat::Html,
    ] {
        let mut out = Vec::new();
        report::write(&r, format, &[], &mut out).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("等级定为良好"), "{format:?}");
    }
}

#[test]
fn a_veto_or_cap_grade_that_no_band_names_is_rejected_at_its_line() {
    let text = "rules:\n  - id: k\n    when: actual > 0\n    cap: {grade: 优秀}\n";
    let files = [RuleSource::new("office.yaml", text)];
    let errors = RuleSet::with_files(&files, true).expect_err("rejected");
    let e = &errors[0].errors[0];
    assert_eq!(e.line_col(), (4, 10), "{e:?}");
    assert!(e.to_string().contains("优秀"), "{e}");
    // named by a band, it loads
    let ok = "rules:\n  - id: k\n    when: actual > 0\n    cap: {grade: 良}\n";
    assert!(RuleSet::with_files(&[RuleSource::new("o.yaml", ok)], true).is_ok());
}

mod shuffled {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Shuffling the rows of a project never changes its total or its grade (vetoes, caps,
        /// deductions and all).
        #[test]
        fn shuffling_rows_keeps_total_and_grade(seed in any::<u64>()) {
            let mut lines: Vec<&str> = SHANDONG_SHEET.lines().collect();
            let header = lines.remove(0);
            let base = run(SHANDONG_SHEET, SHANDONG_RULES);
            // a seeded Fisher–Yates over the rows of each project
            let mut state = seed | 1;
            let mut next = |n: usize| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state % n as u64) as usize
            };
            let mut out = vec![header.to_owned()];
            let mut cities: Vec<&str> = lines.iter().filter_map(|l| l.split(',').next()).collect();
            cities.dedup();
            for city in cities {
                let mut rows: Vec<&str> =
                    lines.iter().copied().filter(|l| l.starts_with(city)).collect();
                for i in (1..rows.len()).rev() {
                    let j = next(i + 1);
                    rows.swap(i, j);
                }
                out.extend(rows.into_iter().map(str::to_owned));
            }
            let sheet = out.join("\n") + "\n";
            let r = run(&sheet, SHANDONG_RULES);
            for p in &base.projects {
                let q = project(&r, &p.project);
                prop_assert_eq!(q.score.to_string(), p.score.to_string());
                prop_assert_eq!(&q.grade, &p.grade);
            }
        }
    }
}

const NA_SHEET: &str = include_str!("fixtures/rules/methods/not-applicable.csv");

/// The not-applicable words are a rule's: `not_applicable: false` keeps a row that says 不涉及
/// (没有预算调整的，按满分计算), and switching the bundled rule off scores the words as actuals.
#[test]
fn not_applicable_words_are_a_rule_a_file_can_change() {
    let verdict = |r: &Report, i: &str| {
        project(r, "甲项目")
            .indicators
            .iter()
            .find(|x| &*x.indicator == i)
            .unwrap()
            .verdict
    };
    // bundled: 不涉及 and 本年不适用 drop their rows; 完成数量 alone, 80 of 100
    let r = run(NA_SHEET, "rules: []\n");
    assert_eq!(verdict(&r, "预算调整率"), Verdict::NotApplicable);
    assert_eq!(verdict(&r, "受益人数"), Verdict::NotApplicable);
    assert_eq!(project(&r, "甲项目").score.to_string(), "80.00");
    // 没有预算调整的，按满分计算: the row applies and 不涉及 is the grade 达成
    let full = "rules:
  - id: office.no-adjustment.applies
    when: indicator == \"预算调整率\" and actual == \"不涉及\"
    not_applicable: false
  - id: office.no-adjustment.graded
    when: indicator == \"预算调整率\" and actual == \"不涉及\"
    formula: graded
  - id: default.grade.achieved
    words: [达成, 不涉及]
";
    let r = run(NA_SHEET, full);
    assert_eq!(verdict(&r, "预算调整率"), Verdict::Pass);
    assert_eq!(verdict(&r, "受益人数"), Verdict::NotApplicable);
    // 50 + 20 points rescaled to 100: 71.43 × 80 % + 28.57 = 85.71
    assert_eq!(project(&r, "甲项目").score.to_string(), "85.71");
    // the bundled rule switched off: the words are actuals like any other
    let off = "rules:\n  - id: default.not-applicable.marked\n    disable: true\n";
    let r = run(NA_SHEET, off);
    assert_ne!(verdict(&r, "预算调整率"), Verdict::NotApplicable);
    assert_ne!(verdict(&r, "受益人数"), Verdict::NotApplicable);
}

/// `weight` in a `when:` is the weight the row is scored on: where `indicator_weight` gave the
/// 5 the report prints, `weight == 5` holds (it read only the sheet's 分值, and missed).
#[test]
fn weight_in_when_is_the_weight_the_row_is_scored_on() {
    let sheet = include_str!("fixtures/rules/methods/weight-in-when.csv");
    let rules = "rules:
  - id: w.weight
    when: indicator == \"完成数量\"
    indicator_weight: 5
  - id: w.strict
    when: weight == 5
    formula: all_or_nothing
";
    let r = run(sheet, rules);
    let p = project(&r, "戊项目");
    // 90 of ≥100 on 5 points, all or nothing: 0 (proportional would give 4.50)
    assert_eq!(score(p, "完成数量"), "0.00");
    // the other row, on the 85 its category leaves, is not 5 points: proportional, 76.50
    assert_eq!(score(p, "完成质量"), "76.50");
    // 10 (budget) + 0 + 76.5
    assert_eq!(p.score.to_string(), "86.50");
}

/// Every rule whose `when:` holds leaves a note, also where the row waits for a person: a
/// tiers rule (95%以上按满分计算) and a formula rule on rows that only say 已完成.
#[test]
fn a_rule_that_holds_leaves_a_note_where_the_row_waits() {
    let sheet = include_str!("fixtures/rules/methods/waiting-notes.csv");
    let rules = "rules:
  - id: m.full-above-95
    when: indicator == \"设备购置完成率\"
    tiers: {on: actual, bands: [{at_least: 95%, share: 100%}, {share: 0}]}
  - id: m.strict
    when: indicator == \"培训完成率\"
    formula: all_or_nothing
";
    let r = run(sheet, rules);
    let p = project(&r, "己项目");
    for (indicator, rule) in [
        ("设备购置完成率", "m.full-above-95"),
        ("培训完成率", "m.strict"),
    ] {
        let i = p
            .indicators
            .iter()
            .find(|i| &*i.indicator == indicator)
            .unwrap();
        assert_eq!(i.verdict, Verdict::Review, "{indicator}");
        assert!(i.note.contains(rule), "{indicator}: {}", i.note);
    }
    // without the rules, the notes do not name them
    let plain = run(sheet, "rules: []\n");
    assert!(
        project(&plain, "己项目")
            .indicators
            .iter()
            .all(|i| !i.note.contains("m."))
    );
}

/// 安居工程建设考核办法: 开工套数 “此项为否决项。未在规定时间完成总体任务目标的，工作任务完成情况
/// 评价为0分” — one row's fact zeroing the other rows of its section, in either row order.
#[test]
fn another_rows_fact_zeroes_a_section() {
    let sheet = include_str!("fixtures/rules/methods/anju-section-veto.csv");
    let rules = include_str!("fixtures/rules/methods/anju-section-veto.yaml");
    let r = run(sheet, rules);
    let a = project(&r, "甲县");
    // 950 of ≥1000 套: the row scores 0 (all or nothing), and zeroes its section's other rows
    assert_eq!(score(a, "开工套数"), "0.00");
    assert_eq!(score(a, "住房保障年度计划按时制定上报公开"), "0.00");
    assert_eq!(score(a, "基本建成套数"), "0.00");
    assert_eq!(score(a, "工程质量验收合格率"), "32.00");
    // 32 of 64: 50 on 100
    assert_eq!(a.score.to_string(), "32.00");
    assert_eq!(a.grade, "差");
    let zeroed = a
        .findings
        .iter()
        .filter(|f| f.code == "aj.starts.section-zero")
        .count();
    assert_eq!(zeroed, 2, "{:?}", a.findings);
    let note = &a
        .indicators
        .iter()
        .find(|i| &*i.indicator == "基本建成套数")
        .unwrap()
        .note;
    assert!(
        note.contains("开工套数") && note.contains("aj.starts.section-zero"),
        "{note}"
    );
    // 1000 套 (rows in the other order): nothing zeroed, 64 of 64
    let b = project(&r, "乙县");
    assert_eq!(b.score.to_string(), "64.00");
    assert!(
        b.findings
            .iter()
            .all(|f| f.code != "aj.starts.section-zero")
    );
}

#[test]
fn an_other_row_rule_that_cannot_work_is_rejected_at_its_line() {
    let bad_share = "rules:\n  - id: k\n    other_row: {when: 'indicator == \"x\"', share: 150%}\n";
    let errors = RuleSet::with_files(&[RuleSource::new("o.yaml", bad_share)], true)
        .expect_err("a share above 100 % is rejected");
    assert_eq!(errors[0].errors[0].line_col().0, 3);
    let typo = "rules:\n  - id: k\n    other_row: {when: 'indicater == \"x\"', share: 0}\n";
    let errors = RuleSet::with_files(&[RuleSource::new("o.yaml", typo)], true)
        .expect_err("a condition that does not compile is rejected");
    assert_eq!(errors[0].errors[0].line_col().0, 3);
}

/// Points on the method's scale: where the sheet gives no 分值 and a project lacks a category,
/// the categories present are rescaled to 100, and a rule's absolute points with them.
#[test]
fn absolute_points_are_rescaled_with_the_weights() {
    let sheet = include_str!("fixtures/rules/methods/rescaled-points.csv");
    let rules = "rules:
  - id: d.weight.input
    when: category == \"投入\"
    category_weight: 30
  - id: d.weight.output
    when: category == \"产出\"
    category_weight: 60
  - id: d.weight.benefit
    when: category == \"效益\"
    category_weight: 10
  - id: d.adjust-rate                    # 每超1个百分点扣3分
    when: indicator == \"调剂率\"
    deduct: {per: 1%, points: 3}
";
    let r = run(sheet, rules);
    // every category present: 12 % is 7 points over, 21 off 30
    let full = project(&r, "辛部门");
    assert_eq!(score(full, "调剂率"), "9.00");
    assert!(
        full.findings
            .iter()
            .all(|f| f.code != "eval.points-rescaled")
    );
    // no 效益: 30 and 60 are rescaled to 33.33 and 66.67; 9 of 30 is 10 of 33.33 (taking
    // 21 off the rescaled 33.33 would leave 12.33)
    let part = project(&r, "庚部门");
    assert_eq!(score(part, "调剂率"), "10.00");
    assert_eq!(part.score.to_string(), "76.67");
    let note = &part
        .indicators
        .iter()
        .find(|i| &*i.indicator == "调剂率")
        .unwrap()
        .note;
    assert!(note.contains("扣3分（按30分制）= 3.3333"), "{note}");
    assert!(
        part.findings
            .iter()
            .any(|f| f.code == "eval.points-rescaled")
    );
}

/// Every value `docs/rules.md` documents for a key with a fixed set of values does something:
/// written in place of another value of the same key (or of no rule), it changes a score, a
/// verdict, a note or a finding. A value the evaluation ignored would fail here.
#[test]
fn every_documented_value_changes_something() {
    let keys = include_str!("fixtures/rules/methods/keys.csv");
    let shown = include_str!("fixtures/rules/methods/shown.csv");
    let rule = |when: &str, body: &str| {
        let when = if when.is_empty() {
            String::new()
        } else {
            format!("    when: {when}\n")
        };
        format!("rules:\n  - id: k\n{when}    {body}\n")
    };
    let rate = "indicator == \"验收合格率\"";
    let mut cases: Vec<(String, &str, String, String)> = Vec::new();
    // formula: each value against another on a row where they differ
    for (value, when, other) in [
        ("proportional", rate, "all_or_nothing"),
        (
            "range_distance",
            "indicator == \"覆盖人数\"",
            "all_or_nothing",
        ),
        ("all_or_nothing", rate, "proportional"),
        ("yes_no", rate, "proportional"),
        ("deadline", "indicator == \"完成时间\"", "proportional"),
        ("plan", "indicator == \"完成数量\"", "proportional"),
        ("graded", rate, "proportional"),
        ("execution_rate", "", "all_or_nothing"),
    ] {
        cases.push((
            format!("formula: {value}"),
            keys,
            rule(when, &format!("formula: {other}")),
            rule(when, &format!("formula: {value}")),
        ));
    }
    // tiers: each `on`
    for (on, bands) in [
        ("actual", "[{at_least: 95%, share: 100%}, {share: 50%}]"),
        ("ratio", "[{at_least: 95%, share: 100%}, {share: 50%}]"),
        ("deviation", "[{up_to: 5%, share: 100%}, {share: 50%}]"),
    ] {
        cases.push((
            format!("tiers.on: {on}"),
            keys,
            "rules: []\n".to_owned(),
            rule(rate, &format!("tiers: {{on: {on}, bands: {bands}}}")),
        ));
    }
    cases.push((
        "tiers.on: lateness".into(),
        keys,
        "rules: []\n".to_owned(),
        rule(
            "indicator == \"完成时间\"",
            "tiers: {on: lateness, bands: [{up_to: 3个月, share: 50%}, {share: 0}]}",
        ),
    ));
    // direction, both ways; bare_op, each operator against another
    let time = "indicator == \"响应时间\"";
    cases.push((
        "direction: higher".into(),
        keys,
        rule(time, "direction: lower"),
        rule(time, "direction: higher"),
    ));
    cases.push((
        "direction: lower".into(),
        keys,
        rule(time, "direction: higher"),
        rule(time, "direction: lower"),
    ));
    for (op, other) in [
        (">=", "<="),
        (">", "<="),
        ("<=", ">="),
        ("<", ">="),
        ("=", "<="),
    ] {
        cases.push((
            format!("bare_op: {op}"),
            keys,
            rule(time, &format!("direction: lower\n    bare_op: \"{other}\"")),
            rule(time, &format!("direction: lower\n    bare_op: \"{op}\"")),
        ));
    }
    // grade_on, both ways
    cases.push((
        "grade_on: exact".into(),
        shown,
        "rules:\n  - id: default.grade-on\n    grade_on: shown\n".into(),
        "rules:\n  - id: default.grade-on\n    grade_on: exact\n".into(),
    ));
    cases.push((
        "grade_on: shown".into(),
        shown,
        "rules:\n  - id: default.grade-on\n    grade_on: exact\n".into(),
        "rules:\n  - id: default.grade-on\n    grade_on: shown\n".into(),
    ));
    // not_applicable, both ways
    let count = "indicator == \"完成数量\"";
    cases.push((
        "not_applicable: true".into(),
        keys,
        rule(count, "not_applicable: false"),
        rule(count, "not_applicable: true"),
    ));
    // `false` keeps a row applicable that a later rule (of lower priority) drops
    cases.push((
        "not_applicable: false".into(),
        keys,
        rule(count, "not_applicable: true"),
        format!(
            "rules:\n  - id: k0\n    when: {count}\n    not_applicable: false\n{}",
            rule(count, "not_applicable: true").trim_start_matches("rules:\n")
        ),
    ));
    // deduct and bonus: whole steps against pro rata
    cases.push((
        "deduct.whole_steps: true".into(),
        keys,
        rule(rate, "deduct: {per: 3%, points: 1}"),
        rule(rate, "deduct: {per: 3%, points: 1, whole_steps: true}"),
    ));
    cases.push((
        "bonus.whole_steps: true".into(),
        keys,
        rule(time, "bonus: {per: 0.4秒, points: 1, max: 5}"),
        rule(
            time,
            "bonus: {per: 0.4秒, points: 1, max: 5, whole_steps: true}",
        ),
    ));
    for (value, sheet, without, with) in &cases {
        assert_ne!(
            json_of(sheet, without),
            json_of(sheet, with),
            "`{value}` changed nothing"
        );
    }
}

/// A bonus rule's maximum holds for the project: two rows over their targets share its 2
/// points (每增加1%加1分，最高加2分), in either order.
#[test]
fn a_bonus_maximum_holds_for_the_whole_project() {
    let rules = "rules:
  - id: b.over
    when: category == \"产出指标\"
    bonus: {per: 1%, points: 1, max: 2, whole_steps: true}
";
    let head = "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,全年预算数,全年执行数\n";
    let a = "壬项目,产出指标,数量指标,甲完成率,≥,100,%,105%,50,,\n";
    let b = "壬项目,产出指标,数量指标,乙完成率,≥,100,%,103%,50,,\n";
    for sheet in [format!("{head}{a}{b}"), format!("{head}{b}{a}")] {
        let r = run(&sheet, rules);
        let p = project(&r, "壬项目");
        // 100 + 2, not 100 + 2 + 2
        assert_eq!(p.score.to_string(), "102.00");
        let bonus: Vec<String> = p.indicators.iter().map(|i| i.note.to_string()).collect();
        assert!(bonus.iter().any(|n| n.contains("本行只加 0")), "{bonus:?}");
    }
}

#[test]
fn a_notes_small_steps_are_shown_as_written_never_as_zero() {
    // notes show four decimals; a step of 0.00001 was shown as `每 0 扣 0 分`
    let rules = "rules:\n  - id: fine\n    when: indicator == \"完成数量\"\n    deduct: {per: 0.00001, points: 0.00001}\n";
    let r = run(LATE_SHEET, rules);
    let i = indicator(&r.projects[0], "完成数量");
    assert!(i.note.contains("每 0.00001个 扣 0.00001 分"), "{}", i.note);
    assert!(!i.note.contains("每 0个"), "{}", i.note);
}

/// A project's indicators' weights and its budget execution's, as shown.
fn weights(p: &ProjectReport) -> (String, Vec<String>) {
    (
        p.budget_weight.to_string(),
        p.indicators.iter().map(|i| i.weight.to_string()).collect(),
    )
}

#[test]
fn points_written_on_some_rows_are_kept_and_never_leave_the_others_zero_unsaid() {
    let head = "项目,一级指标,三级指标,年度指标值,实际完成值,分值,全年预算数,全年执行数\n";
    let sheet = |rows: &str| format!("{head}{rows}");
    let overdrawn = |p: &ProjectReport| {
        p.findings
            .iter()
            .filter(|f| f.code == "eval.points-overdrawn")
            .map(|f| f.message.to_string())
            .collect::<Vec<_>>()
    };
    // 产出 70 written on one row, the other blank, 效益 30: the blank row's share of 产出's
    // 62.5 (50 of the method's 80, no budget) is nothing; the points add to 100, so before
    // nothing was said of the row scored 0 of 0
    let r = run(
        &sheet(
            "P,产出指标,改厕数量,≥1000户,1000户,70,,\nP,产出指标,培训人次,≥100人次,50人次,,,\n\
             P,效益指标,普及率,≥85%,88%,30,,\n",
        ),
        "rules: []\n",
    );
    let p = project(&r, "P");
    assert_eq!(weights(p).1, ["70.00", "0.00", "30.00"]);
    let said = overdrawn(p);
    assert_eq!(said.len(), 1, "{:?}", p.findings);
    for part in [
        "「产出指标」",
        "合计 70 分",
        "62.5 分",
        "培训人次",
        "分值为 0",
    ] {
        assert!(said[0].contains(part), "{part}: {}", said[0]);
    }
    // 60 written leaves 2.5 for the blank row: nothing overdrawn (the 92.5 is named apart)
    let r = run(
        &sheet(
            "P,产出指标,改厕数量,≥1000户,1000户,60,,\nP,产出指标,培训人次,≥100人次,50人次,,,\n\
             P,效益指标,普及率,≥85%,88%,30,,\n",
        ),
        "rules: []\n",
    );
    let p = project(&r, "P");
    assert_eq!(weights(p).1, ["60.00", "2.50", "30.00"]);
    assert!(overdrawn(p).is_empty(), "{:?}", p.findings);
    // a 分值 written on a row of a category no rule gives points was dropped to 0 and the
    // categories took the whole 100; it is kept, and they share the rest
    let r = run(
        &sheet(
            "P,产出指标,改厕数量,≥1000户,1000户,,,\nP,其他指标,培训人次,≥100人次,50人次,10,,\n\
             P,效益指标,普及率,≥85%,88%,,,\n",
        ),
        "rules: []\n",
    );
    let p = project(&r, "P");
    assert_eq!(weights(p).1, ["56.25", "10.00", "33.75"]);
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    // the budget row's 分值 written (20) was replaced by the method's 10 where the indicators
    // have none; it is kept, and the categories share the 80 left
    let r = run(
        &sheet(
            "P,,,,,20,100,50\nP,产出指标,改厕数量,≥1000户,1000户,,,\n\
             P,效益指标,普及率,≥85%,88%,,,\n",
        ),
        "rules: []\n",
    );
    let p = project(&r, "P");
    assert_eq!(
        weights(p),
        ("20.00".into(), vec!["50.00".into(), "30.00".into()])
    );
    assert_eq!(p.weights.to_string(), "100.00");
}

#[test]
fn a_sheets_budget_columns_in_two_money_units_are_converted_never_read_as_one() {
    // 全年预算数（万元） 300 and 全年执行数（元） 2,000,000: read as one unit, an execution of
    // 666,666.67 % and full points (only eval.execution-implausible said anything)
    let sheet = |head: &str, budget: &str, spent: &str| {
        format!(
            "{head}项目,三级指标,年度指标值,实际完成值,分值,{budget},{spent}\n\
             P,,,,10,300,2000000\nP,合格率,≥95%,96%,90,,\n"
        )
    };
    let read = |text: &str| {
        let doc = table::read_str("sheet.csv", text, &ReadOptions::default()).expect("reads");
        let set = RuleSet::bundled();
        let r = eval::evaluate_with_rules(&doc, None, set, Some(2023), None).0;
        let units: Vec<String> = doc
            .findings
            .iter()
            .filter(|f| f.code == "table.form-amount-units")
            .map(|f| f.message.to_string())
            .collect();
        (r, units)
    };
    let (r, units) = read(&sheet("", "全年预算数（万元）", "全年执行数（元）"));
    let p = &r.projects[0];
    assert_eq!(
        p.spent.map(|s| s.normalize().to_string()),
        Some("200".into())
    );
    assert_eq!(
        p.execution_rate.map(|s| s.to_string()),
        Some("66.67".into())
    );
    assert_eq!(p.budget_score.map(|s| s.to_string()), Some("6.67".into()));
    assert!(
        !p.findings
            .iter()
            .any(|f| f.code == "eval.execution-implausible")
    );
    assert_eq!(units.len(), 1, "{units:?}");
    assert!(
        units[0].contains("全年执行数（元）的金额 ÷ 10000 按万元读"),
        "{}",
        units[0]
    );
    // a preamble's `单位：元` and 全年执行数（万元）: 200 万元 is 2,000,000 元 of the 3,000,000
    let text = sheet("单位：元\n", "全年预算数", "全年执行数（万元）")
        .replace(",300,2000000", ",3000000,200");
    let (r, units) = read(&text);
    let p = &r.projects[0];
    assert_eq!(
        p.spent.map(|s| s.normalize().to_string()),
        Some("2000000".into())
    );
    assert_eq!(
        p.execution_rate.map(|s| s.to_string()),
        Some("66.67".into())
    );
    assert!(units[0].contains("× 10000 按元读"), "{units:?}");
    // units that agree: read as written, nothing said
    let (r, units) =
        read(&sheet("", "全年预算数（万元）", "全年执行数（万元）").replace("2000000", "200"));
    assert_eq!(
        r.projects[0].execution_rate.map(|s| s.to_string()),
        Some("66.67".into())
    );
    assert!(units.is_empty(), "{units:?}");
    // the command line (a text sheet read by its streaming reader): the same conversion
    let dir = std::env::temp_dir().join(format!("jixiao-money-columns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sheet.tsv");
    let tsv = sheet("", "全年预算数（万元）", "全年执行数（元）").replace(',', "\t");
    std::fs::write(&path, tsv).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", "--format", "jsonl"])
        .arg(&path)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // 90 + 10 × 66.67 % (before: 100.00)
    assert!(stdout.contains("\"score\":\"96.67\""), "{stdout}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("table.form-amount-units"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A flat sheet as a workbook: `rows` of cells (numbers where they read as one), the ranges
/// `merges` (first row, last row, column; 0-based) merged.
fn workbook(rows: &[&[&str]], merges: &[(u32, u32, u16)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match text.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n).map(|_| ()),
                Err(_) if text.is_empty() => Ok(()),
                Err(_) => ws.write_string(r, c, *text).map(|_| ()),
            }
            .unwrap();
        }
    }
    for &(first, last, col) in merges {
        let text = rows[first as usize][col as usize];
        let format = rust_xlsxwriter::Format::new();
        match text.parse::<f64>() {
            Ok(n) => ws
                .merge_range(first, col, last, col, "", &format)
                .and_then(|ws| ws.write_number_with_format(first, col, n, &format)),
            Err(_) => ws.merge_range(first, col, last, col, text, &format),
        }
        .map(|_| ())
        .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_sheets_points_merged_over_several_indicators_are_shared_never_left_to_the_first() {
    // one 30 分 (and its 22.5 得分) merged down over two 产出 indicators of a flat sheet: the
    // second row read empty and took its category's method share, 26.25, beside the whole 30
    // on the first (the project's points 126.25, a total of 113.13 where half the work is done)
    let rows: &[&[&str]] = &[
        &[
            "项目",
            "一级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "全年预算数",
            "全年执行数",
        ],
        &["P", "", "", "", "", "10", "10", "100", "100"],
        &[
            "P",
            "产出指标",
            "改厕数量",
            "≥1000户",
            "1000户",
            "30",
            "22.5",
            "",
            "",
        ],
        &["P", "", "培训人次", "≥100人次", "50人次", "", "", "", ""],
        &["P", "效益指标", "普及率", "≥85%", "88%", "60", "60", "", ""],
    ];
    let bytes = workbook(rows, &[(2, 3, 1), (2, 3, 5), (2, 3, 6)]);
    let doc = table::read_bytes("sheet.xlsx", &bytes, &ReadOptions::default()).expect("reads");
    let merged: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.form-points-merged")
        .map(|f| &*f.message)
        .collect();
    assert_eq!(merged.len(), 2, "{merged:?}");
    assert!(
        merged[0].contains("分值单元格跨 2 个指标合并（改厕数量、培训人次）"),
        "{}",
        merged[0]
    );
    assert!(
        merged[0].contains("合并的 30 分按每个指标 15 分平均分配"),
        "{}",
        merged[0]
    );
    let r = eval::evaluate_with_rules(&doc, None, RuleSet::bundled(), Some(2023), None).0;
    let p = &r.projects[0];
    assert_eq!(
        weights(p),
        (
            "10.00".into(),
            vec!["15.00".into(), "15.00".into(), "60.00".into()]
        )
    );
    assert_eq!(score(p, "培训人次"), "7.50");
    assert_eq!(p.score.to_string(), "92.50");
    assert!(
        !p.findings.iter().any(|f| f.code == "eval.points-not-100"),
        "{:?}",
        p.findings
    );
    let printed: Vec<_> = p
        .indicators
        .iter()
        .map(|i| i.published_score.map(|s| s.normalize().to_string()))
        .collect();
    assert_eq!(
        printed,
        [
            Some("11.25".into()),
            Some("11.25".into()),
            Some("60".into())
        ]
    );
    // merged 一级指标 alone (filled down, as ever): nothing shared, nothing said
    let bytes = workbook(rows, &[(2, 3, 1)]);
    let doc = table::read_bytes("sheet.xlsx", &bytes, &ReadOptions::default()).expect("reads");
    assert!(
        !doc.findings
            .iter()
            .any(|f| f.code == "table.form-points-merged")
    );
    let r = eval::evaluate_with_rules(&doc, None, RuleSet::bundled(), Some(2023), None).0;
    assert_eq!(weights(&r.projects[0]).1, ["30.00", "26.25", "60.00"]);
}

#[test]
fn a_project_whose_one_finding_is_its_points_holds_one_finding_not_four() {
    // the finding that grades a total on its points (eval.points-not-100) was spliced in front
    // of none: the project's list reserved 4 (1.2 KB kept with the report a project)
    let r = run(
        "项目,一级指标,三级指标,年度指标值,实际完成值,分值\nP,产出指标,改厕数量,≥1000户,1000户,40\n\
         P,效益指标,普及率,≥85%,88%,50\n",
        "rules: []\n",
    );
    let p = project(&r, "P");
    assert_eq!(p.findings.len(), 1, "{:?}", p.findings);
    assert_eq!(p.findings[0].code, "eval.points-not-100");
    assert_eq!(p.findings.capacity(), 1);
}
