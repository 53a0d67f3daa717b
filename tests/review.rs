//! `jixiao review` on the seed and on fixtures that trip each check; snapshots of the findings
//! JSON and of the rendered diagnostics, read before acceptance.

use std::path::Path;

use jixiao::finding::Finding;
use jixiao::review;
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions, model::Document};

fn run(path: &str) -> (Document, Vec<Finding>) {
    let doc = table::read_path(Path::new(path), &ReadOptions::default()).unwrap();
    let findings = review::review(
        &doc,
        &review::Options {
            rules: RuleSet::bundled(),
            year: Some(2023),
        },
    );
    (doc, findings)
}

fn lines(findings: &[Finding], code: &str) -> Vec<(u32, String)> {
    findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| {
            (
                f.line.unwrap(),
                f.indicator_name().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn seed_findings_at_the_right_lines() {
    let (_, f) = run("samples/guangzhou-hpf-2023/targets.tsv");
    // The five indicators without a category (`1、：缴存单位及职工满意度` …).
    assert_eq!(
        lines(&f, "review.missing-category"),
        vec![
            (13, "缴存单位及职工满意度".into()),
            (23, "评价满意度".into()),
            (25, "培训人员满意度".into()),
            (25, "群众满意度".into()),
            (44, "缴存单位及职工满意度".into()),
        ]
    );
    // 响应及时率 with 4秒.
    assert_eq!(
        lines(&f, "review.unit-mismatch"),
        vec![(19, "响应及时率".into())]
    );
    // Qualitative targets under rate-like names.
    assert_eq!(
        lines(&f, "review.qualitative-under-numeric-name"),
        vec![
            (44, "缴存完成率".into()),
            (44, "缴存单位及职工满意度".into()),
            (46, "员工对物业管理满意度".into()),
        ]
    );
    // Plan references without a number.
    assert_eq!(
        lines(&f, "review.plan-without-number"),
        vec![
            (12, "物业管理覆盖面积".into()),
            (47, "办公设备购置数".into())
        ]
    );
    // The doubled `。。`.
    assert_eq!(
        lines(&f, "review.punctuation"),
        vec![(44, "缴存完成率".into()), (44, "政策覆盖".into())]
    );
    // The one satisfaction target below 90%.
    assert_eq!(
        lines(&f, "review.satisfaction-below-floor"),
        vec![(39, "员工对业务用房满意度".into())]
    );
    // Nothing on clean indicators.
    for clean in [
        "核心业务系统可用性",
        "广州铁路集团在广州地区在建公租房项目",
        "网络连通性",
    ] {
        assert!(
            f.iter().all(|x| x.indicator_name() != Some(clean)),
            "{clean}"
        );
    }
}

#[test]
fn seed_findings_json_snapshot() {
    let (doc, f) = run("samples/guangzhou-hpf-2023/targets.tsv");
    #[derive(serde::Serialize)]
    struct Out<'a> {
        counts: jixiao::table::model::Counts,
        findings: &'a [Finding],
    }
    let json = serde_json::to_string_pretty(&Out {
        counts: doc.counts(),
        findings: &f,
    })
    .unwrap();
    insta::assert_snapshot!("review__seed_json", json);
}

#[test]
fn each_check_trips_on_its_fixture() {
    let (doc, f) = run("tests/fixtures/review/checks.tsv");
    let codes: Vec<&str> = f.iter().map(|x| x.code.as_ref()).collect();
    for code in [
        "review.unknown-category",
        "review.unit-mismatch",
        "review.direction-contradiction",
        "review.template-placeholder",
        "review.duplicate-indicator",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert_eq!(
        lines(&f, "review.direction-contradiction"),
        vec![(6, "逾期发放率".into()), (7, "防疫室单价".into())]
    );
    let mut rendered = String::new();
    for x in &f {
        rendered.push_str(&x.render(&doc.source, 100));
    }
    insta::assert_snapshot!("review__fixture_diagnostics", rendered);

    let (_, f) = run("tests/fixtures/review/sheet.tsv");
    assert_eq!(
        lines(&f, "review.actual-copies-comparator"),
        vec![(2, "新建道路长度".into())]
    );
}

#[test]
fn every_code_is_documented_and_unique() {
    // unique across the checks and the registry: a check may not reuse a code of reading
    let mut seen: std::collections::BTreeSet<&str> =
        jixiao::codes::ALL.iter().map(|c| c.as_str()).collect();
    for c in review::checks::ALL {
        let c = c.code;
        assert!(seen.insert(c.as_str()), "{c} twice");
        let doc = review::explain(c.as_str()).unwrap().code.body();
        assert!(
            doc.starts_with(&format!("//! `{}`：", c)),
            "{} does not open with its code",
            c
        );
        for section in [
            "**作用**：",
            "**为什么重要**：",
            "**示例**：",
            "**修改方法**：",
        ] {
            assert!(doc.contains(section), "{} lacks {section}", c);
        }
    }
}

#[test]
fn deny_gives_exit_code_one() {
    let run = |deny: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([
                "review",
                "tests/fixtures/review/checks.tsv",
                "--format",
                "json",
                "--deny",
                deny,
            ])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run("error"), Some(1)); // review.unknown-category is an error
    let clean = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "review",
            "samples/guangzhou-hpf-2023/targets.tsv",
            "--deny",
            "error",
        ])
        .output()
        .unwrap();
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn a_rule_file_switches_checks_off_and_changes_severity() {
    use jixiao::rules::RuleSource;
    let file = RuleSource::read(Path::new("tests/fixtures/rules/review_overrides.yaml")).unwrap();
    let (rules, warnings) = RuleSet::with_files(&[file], true).unwrap();
    assert!(warnings.is_empty());
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let f = review::review(
        &doc,
        &review::Options {
            rules: &rules,
            year: Some(2023),
        },
    );
    assert!(f.iter().all(|x| x.code != "review.punctuation"));
    let plans: Vec<_> = f
        .iter()
        .filter(|x| x.code == "review.plan-without-number")
        .map(|x| x.severity)
        .collect();
    assert_eq!(plans, vec![jixiao::finding::Severity::Error; 2]);
}

#[test]
fn unmeasurable_targets_are_flagged_where_no_figure_is_written() {
    let text = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n\
        合计\t10\t10\t\t\t\t\n单位甲\t10\t10\t\t\t\t\n\
        项目甲\t10\t10\t\t\t目标\t1、效益指标：群众生产生活条件，年度指标值：明显提升。\
        2、效益指标：公众满意度，年度指标值：较上年提高。3、效益指标：服务水平，年度指标值：逐步完善。\
        4、效益指标：接待人数，年度指标值：较上年提高5%。5、产出指标：工作开展，年度指标值：正常开展。\
        6、效益指标：管理水平，年度指标值：有所改善。7、满意度指标：满意度，年度指标值：≥95%。\n";
    let doc = table::read_str("t.tsv", text, &ReadOptions::default()).unwrap();
    let f = review::review(
        &doc,
        &review::Options {
            rules: RuleSet::bundled(),
            year: Some(2023),
        },
    );
    let flagged: Vec<String> = f
        .iter()
        .filter(|x| x.code == "review.unmeasurable-target")
        .map(|x| x.indicator_name().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        flagged,
        ["群众生产生活条件", "公众满意度", "服务水平", "管理水平"]
    );
    let explain = review::explain("review.unmeasurable-target")
        .unwrap()
        .code
        .body();
    assert!(explain.contains("指标值应可衡量"));
}

#[test]
fn explain_answers_for_every_code_review_prints() {
    // every code the seed's and the fixture's findings carry, built-in checks and `require:`
    // rules alike
    let (_, mut f) = run("samples/guangzhou-hpf-2023/targets.tsv");
    f.extend(run("tests/fixtures/review/checks.tsv").1);
    assert!(
        f.iter()
            .any(|x| x.code == "review.satisfaction-below-floor")
    );
    for x in f.iter().filter(|x| x.code.starts_with("review.")) {
        let e = review::explain_code(&x.code, RuleSet::bundled())
            .unwrap_or_else(|| panic!("{} has no explanation", x.code));
        assert!(e.text().contains(&*x.code), "{}", x.code);
    }
    assert!(review::explain_code("review.no-such-code", RuleSet::bundled()).is_none());
}

#[test]
fn explain_prints_a_rule_checks_message_severity_condition_and_place() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["review", "--explain", "review.satisfaction-below-floor"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = include_str!("../rules/review.yaml")
        .lines()
        .position(|l| l.contains("id: review.satisfaction-below-floor"))
        .unwrap()
        + 1;
    for want in [
        "满意度目标低于 90%",
        "级别：警告",
        "indicator ~ \"满意\" or category == \"满意度指标\"",
        "target >= 90%",
        &format!("rules/review.yaml:{line}"),
    ] {
        assert!(text.contains(want), "{want:?} missing from:\n{text}");
    }

    // an auditor's own check: its own file and line, the severity it sets
    let dir = std::env::temp_dir().join(format!("jixiao-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mine.yaml");
    std::fs::write(
        &file,
        "rules:\n  - id: audit.cost-cap\n    when: indicator ~ \"成本\"\n    require: target <= 100万元\n    severity: error\n    message: 成本不得超过 100 万元\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["review", "--explain", "audit.cost-cap", "--rules"])
        .arg(&file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "{text}");
    for want in [
        "成本不得超过 100 万元",
        "级别：错误",
        "target <= 100万元",
        &format!("{}:2", file.display()),
    ] {
        assert!(text.contains(want), "{want:?} missing from:\n{text}");
    }

    // an unknown code: exit 2, the rules' codes listed beside the checks'
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["review", "--explain", "review.no-such-code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("review.satisfaction-below-floor"), "{err}");
}

/// Every registered code (reading, scoring, rule files, the page's answers) and every check has
/// an `--explain` entry, and `jixiao review --explain CODE` prints it in Chinese. (Findings take
/// a typed code from the registry, so no code can be printed without an entry: the compiler
/// checks what a scan of the sources' string literals used to.)
#[test]
fn explain_answers_for_every_registered_code() {
    let registered = jixiao::codes::ALL
        .iter()
        .chain(review::checks::ALL.iter().map(|c| &c.code));
    for code in registered {
        let e = review::explain_code(code.as_str(), RuleSet::bundled())
            .unwrap_or_else(|| panic!("no --explain for {code}"));
        let text = e.text();
        assert!(
            text.starts_with(&format!("{code} — {}", code.title())),
            "{text}"
        );
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["review", "--explain", "table.form-total-mismatch"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("table.form-total-mismatch — 总分与各项得分之和不符"),
        "{text}"
    );
    assert!(text.contains("修改："), "{text}");
}
