//! Evaluation of the bundled samples, snapshot-tested in every text format. Each snapshot was
//! read line by line before it was accepted (the hand-computed checks below pin the numbers
//! the snapshots show).

use std::path::Path;
use std::process::Command;

use jixiao::eval::{self, ActualsFile, Methodology, Verdict};
use jixiao::report::{json, model::Report, selfeval_table};
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};

fn evaluate(table: &str, actuals: Option<&str>) -> Report {
    // Relative paths (tests run in the package root), so reports name files as a user would.
    let doc = table::read_path(Path::new(table), &ReadOptions::default()).expect("sample reads");
    let actuals = actuals.map(|a| {
        let text = std::fs::read_to_string(a).unwrap();
        ActualsFile::parse(a, &text).expect("sample actuals read")
    });
    let m = Methodology::from_rules(RuleSet::bundled());
    eval::evaluate(
        &doc,
        actuals.as_ref(),
        &eval::Options::new(&m, RuleSet::bundled()),
    )
}

fn guangzhou() -> Report {
    evaluate(
        "samples/guangzhou-hpf-2023/targets.tsv",
        Some("samples/guangzhou-hpf-2023/actuals.yaml"),
    )
}

#[test]
fn guangzhou_every_indicator_once_with_a_mix_of_verdicts() {
    let r = guangzhou();
    assert_eq!(r.projects.len(), 29);
    let n: usize = r.projects.iter().map(|p| p.indicators.len()).sum();
    assert_eq!(n, 77);
    let s = &r.summary;
    assert_eq!(s.indicators, 77);
    assert_eq!(
        s.pass + s.fail + s.review + s.missing + s.invalid + s.not_applicable,
        77
    );
    assert!(s.pass > 0 && s.fail > 0 && s.review > 0 && s.missing > 0);
    // Hand-computed: 其他运行经费, 响应及时率 95%以上 against 94.1%. Budget execution keeps its
    // 10 (contract §8.1); 效益 30 and 产出 50 share the other 90 in proportion: 30 × 90/80 = 33.75,
    // and 33.75 × 94.1 ÷ 95 = 33.43.
    let p = r
        .projects
        .iter()
        .find(|p| p.project == "其他运行经费")
        .unwrap();
    let i = &p.indicators[1];
    assert_eq!(i.verdict, Verdict::Fail);
    assert_eq!(i.score.unwrap().to_string(), "33.43");
    assert_eq!(p.budget_weight.to_string(), "10.00");
    // 489.26 of 535.29 spent: 91.40 %, 10 × 0.914… = 9.14.
    assert_eq!(p.execution_rate.unwrap().to_string(), "91.40");
    assert_eq!(p.budget_score.unwrap().to_string(), "9.14");
    // The project total adds the exact values and rounds once: 56.25 + 33.4303 + 9.1401.
    assert_eq!(p.score.to_string(), "98.82");
    // Every project's budget row keeps its 10, whatever categories the project has.
    for p in &r.projects {
        if p.budget.is_some() {
            assert_eq!(p.budget_weight.to_string(), "10.00", "{}", p.project);
        }
    }
}

#[test]
fn guangzhou_reports_are_deterministic() {
    assert_eq!(json::render(&guangzhou()), json::render(&guangzhou()));
}

#[test]
fn guangzhou_json_snapshot() {
    insta::assert_snapshot!("report__sample_json", json::render(&guangzhou()));
}

#[test]
fn guangzhou_table_snapshot() {
    insta::assert_snapshot!(
        "report__sample_table",
        selfeval_table::render_text(&guangzhou())
    );
}

#[test]
fn guangzhou_markdown_snapshot() {
    insta::assert_snapshot!(
        "report__sample_markdown",
        selfeval_table::render_markdown(&guangzhou())
    );
}

#[test]
fn guangzhou_jsonl_has_one_line_per_indicator_and_a_summary() {
    let mut out = Vec::new();
    json::write_lines(&guangzhou(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 78);
    assert!(text.lines().last().unwrap().starts_with("{\"summary\":"));
}

#[test]
fn jishan_recheck_lists_the_published_differences() {
    let r = evaluate("samples/jishan-2021-health/sheet.tsv", None);
    assert_eq!(r.summary.indicators, 20);
    // The sheet prints one decimal: a difference counts when it exceeds 0.05.
    let rows: Vec<(String, String, String)> = r
        .differences
        .iter()
        .map(|d| {
            (
                d.indicator.clone(),
                d.published_score.unwrap().normalize().to_string(),
                d.score.unwrap().to_string(),
            )
        })
        .collect();
    assert!(rows.contains(&("指标12:孕产妇7天访视数".into(), "1.8".into(), "1.90".into())));
    assert_eq!(rows.len(), 10, "{rows:?}");
    // The excerpt carries 49 of the 100 points (contract §8.1): flagged beside the total and
    // graded on its share, 44.38 ÷ 49 = 90.57 on 100, never 差 as if out of 100.
    let p = &r.projects[0];
    assert_eq!(p.score.to_string(), "44.38");
    assert_eq!(p.weights.rounded().normalize().to_string(), "49");
    assert_eq!(p.grade, "优");
    assert_eq!(p.findings.len(), 1);
    assert_eq!(p.findings[0].code, "eval.points-not-100");
    assert!(p.findings[0].message.contains("90.57"));
    insta::assert_snapshot!(
        "report__jishan_recheck_markdown",
        selfeval_table::render_markdown(&r)
    );
}

#[test]
fn readme_first_command_prints_all_29_projects() {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", "samples/guangzhou-hpf-2023"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("：总分 ").count(), 29);
}

#[test]
fn a_rule_file_that_flips_a_direction_flips_the_verdict() {
    use jixiao::rules::RuleSource;
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let text = std::fs::read_to_string("samples/guangzhou-hpf-2023/actuals.yaml").unwrap();
    let actuals = ActualsFile::parse("actuals.yaml", &text).unwrap();
    let verdict = |rules: &RuleSet| {
        let m = Methodology::from_rules(rules);
        let r = eval::evaluate(&doc, Some(&actuals), &eval::Options::new(&m, rules));
        let i = r
            .projects
            .iter()
            .flat_map(|p| &p.indicators)
            .find(|i| &*i.indicator == "响应时间")
            .unwrap()
            .clone();
        (i.canonical.unwrap(), i.verdict, i.rules[0].clone())
    };
    // 4秒 against 3.2秒: met as a ceiling, missed as a floor.
    assert_eq!(
        verdict(RuleSet::bundled()),
        (
            "<= 4 秒".into(),
            Verdict::Pass,
            "default.direction.lower-name".into()
        )
    );
    let file = RuleSource::read(Path::new("tests/fixtures/rules/flip_direction.yaml")).unwrap();
    let (flipped, _) = RuleSet::with_files(&[file], true).unwrap();
    let (canonical, v, rule) = verdict(&flipped);
    assert_eq!((&*canonical, v), (">= 4 秒", Verdict::Fail));
    assert!(rule.starts_with("audit."), "{rule}");
}

#[test]
fn explain_names_each_rule_with_its_file_and_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", "samples/guangzhou-hpf-2023", "--explain"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1 响应时间：default.direction.lower-name（rules/direction.yaml:"),
        "{text}"
    );
    assert!(text.contains("default.weight.budget（rules/methodology.yaml:6）"));
}

#[test]
fn actuals_that_match_nothing_are_reported() {
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let text = r#"
year: 2023
projects:
  - unit: "广州住房公积金管理中心"
    project: "业务用房物业管理费"
    spent: "900"
    indicators:
      - seq: 2
        indicator: "业务限时办结率"
        actual: "96%"
      - seq: 9
        indicator: "不存在的指标"
        actual: "1"
  - unit: "某单位"
    project: "不存在的项目"
"#;
    let actuals = ActualsFile::parse("extra.yaml", text).unwrap();
    let m = Methodology::from_rules(RuleSet::bundled());
    let r = eval::evaluate(
        &doc,
        Some(&actuals),
        &eval::Options::new(&m, RuleSet::bundled()),
    );
    let unmatched: Vec<(Option<String>, Option<String>, Option<u32>)> = r
        .findings
        .iter()
        .filter(|f| f.code == "actuals.unmatched")
        .map(|f| {
            (
                f.project_name().map(str::to_owned),
                f.indicator_name().map(str::to_owned),
                f.line,
            )
        })
        .collect();
    // Each names the line of the actuals file it was written at.
    assert_eq!(
        unmatched,
        vec![
            (
                Some("业务用房物业管理费".into()),
                Some("不存在的指标".into()),
                Some(12)
            ),
            (Some("不存在的项目".into()), None, Some(15)),
        ]
    );
    assert!(
        r.findings
            .iter()
            .all(|f| &*f.file == "extra.yaml" || !f.code.starts_with("actuals."))
    );
    // The matched indicator was read; the rest of the table is missing, not lost.
    assert_eq!(r.summary.indicators, 77);
    let p = &r.projects[0];
    assert_eq!(p.indicators[1].verdict, Verdict::Pass);
    // the reports an office files show them too (not only stderr)
    let md = selfeval_table::render_markdown(&r);
    assert!(
        md.contains("## 输入提示") && md.contains("不存在的项目"),
        "{md}"
    );
    let xlsx = jixiao::report::xlsx::render(&r).unwrap();
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    use calamine::Reader;
    assert!(wb.sheet_names().contains(&"输入提示".to_owned()));
}

/// An actuals entry one character off its project's name is named with the project it most
/// likely meant.
#[test]
fn a_mistyped_project_is_told_the_name_it_likely_meant() {
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let text = "year: 2023\nprojects:\n  - unit: 广州住房公积金管理中心\n    project: 业务用房物业管理经费\n    spent: 900\n";
    let actuals = ActualsFile::parse("typo.yaml", text).unwrap();
    let m = Methodology::from_rules(RuleSet::bundled());
    let r = eval::evaluate(
        &doc,
        Some(&actuals),
        &eval::Options::new(&m, RuleSet::bundled()),
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "actuals.unmatched")
        .unwrap();
    assert!(
        f.help
            .as_deref()
            .unwrap()
            .starts_with("是否是“业务用房物业管理费”？"),
        "{:?}",
        f.help
    );
}

#[test]
fn a_cancelled_evaluation_scores_no_further_project() {
    // the web server sets the flag when a request times out: the work stops at the next project
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let (whole, _) = eval::evaluate_with_rules(&doc, None, RuleSet::bundled(), None, Some(&cancel));
    assert_eq!(whole.projects.len(), 29);
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    let (partial, _) =
        eval::evaluate_with_rules(&doc, None, RuleSet::bundled(), None, Some(&cancel));
    assert!(partial.projects.is_empty());
}
