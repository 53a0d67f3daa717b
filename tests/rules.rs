//! The rules layer end to end: bundled rules and their schema, diagnostics of broken rule files
//! (insta snapshots, rendered without colour at width 100), the issue's done-when checks, and
//! `jixiao rules check|test` as a binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::lang::{self, Direction, Op, Target};
use jixiao::rules::model::{RULE_KEYS, RuleFile, json_schema};
use jixiao::rules::{Facts, FileErrors, RuleSet, RuleSource, loader};
use rust_decimal::Decimal;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> RuleSource {
    let mut source =
        RuleSource::read(&root().join("tests/fixtures/rules").join(name)).expect("fixture reads");
    source.name = format!("tests/fixtures/rules/{name}");
    source
}

fn render(files: &[FileErrors]) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut out = String::new();
    for f in files {
        for e in &f.errors {
            handler.render_report(&mut out, e).unwrap();
            out.push('\n');
        }
    }
    out
}

fn errors_of(name: &str) -> Vec<FileErrors> {
    match RuleSet::with_files(&[fixture(name)], true) {
        Ok(_) => panic!("{name} should not load"),
        Err(e) => e,
    }
}

#[test]
fn bundled_rules_load_and_follow_the_schema() {
    let (set, warnings) = RuleSet::with_files(&[], true).expect("bundled rules load");
    assert!(warnings.is_empty(), "{}", render(&warnings));
    assert!(set.rules().len() > 30);
    // Each bundled file reads into the model the schema is generated from (unknown keys denied).
    for (name, text) in jixiao::rules::BUNDLED {
        let file: RuleFile = loader::read_yaml(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(!file.rules.is_empty(), "{name}");
    }
}

#[test]
fn committed_schema_is_the_generated_one() {
    let path = root().join("rules/schema.json");
    let generated = json_schema();
    if std::env::var_os("JIXIAO_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "rules/schema.json is stale: run `JIXIAO_WRITE_SCHEMA=1 cargo test --test rules`"
    );
    // Every key the loader accepts is a property of the schema, and the other way round.
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
    let props = schema["$defs"]["RuleSpec"]["properties"]
        .as_object()
        .unwrap();
    let mut from_schema: Vec<&str> = props.keys().map(String::as_str).collect();
    let mut known = RULE_KEYS.to_vec();
    from_schema.sort();
    known.sort();
    assert_eq!(from_schema, known);
}

#[test]
fn diagnostic_rule_typo_in_when() {
    let errors = errors_of("typo_in_when.yaml");
    let e = &errors[0].errors[0];
    assert_eq!(e.line_col(), (4, 11), "the typo's first character");
    insta::assert_snapshot!("diagnostic__rule_typo_in_when", render(&errors));
}

#[test]
fn diagnostic_unknown_key_suggests_nearest() {
    let errors = errors_of("unknown_key.yaml");
    assert_eq!(errors[0].errors.len(), 1, "{}", render(&errors));
    assert_eq!(errors[0].errors[0].line_col(), (5, 5));
    insta::assert_snapshot!("diagnostic__unknown_key_suggests_nearest", render(&errors));
}

#[test]
fn diagnostic_yaml_syntax_error() {
    let errors = errors_of("yaml_syntax.yaml");
    assert_eq!(
        errors[0].errors[0].line_col(),
        (4, 11),
        "the quote that never closes"
    );
    insta::assert_snapshot!("diagnostic__yaml_syntax_unclosed_quote", render(&errors));
}

#[test]
fn diagnostic_many_errors_all_reported() {
    let errors = errors_of("many_errors.yaml");
    let lines: Vec<usize> = errors[0].errors.iter().map(|e| e.line_col().0).collect();
    assert_eq!(lines, [4, 7, 8, 9, 11, 12, 15, 17], "{}", render(&errors));
    insta::assert_snapshot!("diagnostic__many_errors_in_one_file", render(&errors));
}

fn seed() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("samples/guangzhou-hpf-2023/indicators.tsv"))
        .expect("the sample's indicators");
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(i, t)| (i.to_owned(), t.to_owned()))
        .collect()
}

#[test]
fn seed_response_time_reads_from_the_yaml_rule() {
    let p = lang::parse(
        "4秒",
        &lang::Context::default().with_indicator(Some("响应时间")),
    );
    assert_eq!(p.target.to_string(), "<= 4 秒");
    assert_eq!(
        p.provenance.op.unwrap().to_string(),
        "rule:default.direction.lower-name"
    );
    let rule = RuleSet::bundled()
        .rule("default.direction.lower-name")
        .unwrap();
    assert_eq!(&*rule.rref.file, "rules/direction.yaml");
}

#[test]
fn custom_file_flips_one_direction() {
    let (set, _) = RuleSet::with_files(&[fixture("flip_direction.yaml")], true).unwrap();
    let p = set.parse_target("4秒", Some("响应时间"), None, None, None);
    assert_eq!(p.target.to_string(), ">= 4 秒");
    assert_eq!(
        p.provenance.op.unwrap().to_string(),
        "rule:audit.response-time.higher"
    );
    // Nothing else moves.
    for (indicator, text) in seed() {
        if indicator == "响应时间" {
            continue;
        }
        let a = set.parse_target(&text, Some(&indicator), None, None, None);
        let b = RuleSet::bundled().parse_target(&text, Some(&indicator), None, None, None);
        assert_eq!(a, b, "{indicator} {text}");
    }
}

#[test]
fn satisfaction_floor_flags_only_the_80_percent_target() {
    let (set, _) = RuleSet::with_files(&[fixture("satisfaction_floor.yaml")], true).unwrap();
    let seed = seed();
    assert_eq!(seed.len(), 77);
    let mut flagged = Vec::new();
    let mut satisfaction = 0;
    for (indicator, text) in &seed {
        let p = set.parse_target(text, Some(indicator), None, None, Some(2023));
        satisfaction += usize::from(indicator.contains("满意度"));
        let hits = set
            .apply(Facts {
                indicator: Some(indicator),
                target_text: Some(text),
                target: Some(&p.target),
                ..Facts::default()
            })
            .checks();
        for h in hits {
            assert_eq!(h.rule.id, "audit.satisfaction-floor");
            assert_eq!(h.message, "满意度目标不应低于90%");
            flagged.push(format!("{indicator} {text}"));
        }
    }
    assert!(satisfaction > 15);
    assert_eq!(flagged, ["员工对业务用房满意度 80%"]);
}

#[test]
fn checks_never_pass_silently_across_dimensions() {
    let (set, _) = RuleSet::with_files(&[fixture("satisfaction_floor.yaml")], true).unwrap();
    let p = set.parse_target("4秒", Some("满意度"), None, None, None);
    let on = set.apply(Facts {
        indicator: Some("满意度"),
        target: Some(&p.target),
        ..Facts::default()
    });
    let hits = on.checks();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].incomparable);
    // the message says the check could not be made, not the rule's failure (`不应低于90%`)
    assert!(
        hits[0].message.starts_with("无法核对 "),
        "{}",
        hits[0].message
    );
    assert!(
        hits[0].message.contains("单位量纲不同"),
        "{}",
        hits[0].message
    );
}

#[test]
fn methodology_numbers_each_with_their_rule() {
    let set = RuleSet::bundled();
    let facts = |category: &'static str| Facts {
        indicator: Some("x"),
        category: Some(category),
        ..Facts::default()
    };
    let w = |c| {
        let d = set.apply(facts(c)).category_weight().unwrap();
        (d.value, d.rule.id.to_string())
    };
    assert_eq!(
        w("产出指标"),
        (Decimal::from(50), "default.weight.output".into())
    );
    assert_eq!(
        w("成本指标"),
        (Decimal::from(50), "default.weight.output".into())
    );
    assert_eq!(
        w("效益指标"),
        (Decimal::from(30), "default.weight.benefit".into())
    );
    assert_eq!(
        w("满意度指标"),
        (Decimal::from(10), "default.weight.satisfaction".into())
    );
    let project = set.apply(Facts::default());
    assert_eq!(project.budget_weight().unwrap().value, Decimal::from(10));
    assert_eq!(project.precision().unwrap().value, 2);
    assert_eq!(project.tolerance().unwrap().value, Decimal::new(1, 1));
    let band = |s: i64| project.band(Decimal::from(s)).unwrap().value.to_owned();
    assert_eq!(
        [band(95), band(90), band(85), band(60), band(59)],
        ["优", "优", "良", "中", "差"]
    );
    let partial = project.grade("基本达成").unwrap();
    assert_eq!(partial.value.name, "部分达成");
    assert_eq!(partial.value.share, Decimal::new(7, 1));
    assert_eq!(partial.rule.id, "default.grade.partial");
    assert_eq!(project.grades().len(), 3);
    let rr = partial.rule;
    assert_eq!((&*rr.file, rr.line > 1), ("rules/methodology.yaml", true));
}

#[test]
fn category_inference_is_marked() {
    let set = RuleSet::bundled();
    let on = set.apply(Facts {
        indicator: Some("缴存单位及职工满意度"),
        ..Facts::default()
    });
    let c = on.category().unwrap();
    assert_eq!((c.value.name, c.value.inferred), ("满意度指标", true));
    assert_eq!(c.rule.id, "default.category.satisfaction");
    let given = set.apply(Facts {
        indicator: Some("员工满意度"),
        category: Some("效益指标"),
        ..Facts::default()
    });
    assert!(given.category().is_none(), "a given category stays");
}

#[test]
fn formulas_by_kind_and_not_applicable() {
    let set = RuleSet::bundled();
    let t = lang::parse("正常开展", &lang::Context::default());
    let on = set.apply(Facts {
        indicator: Some("保障工作正常开展"),
        target: Some(&t.target),
        actual_text: Some("不适用"),
        ..Facts::default()
    });
    assert_eq!(on.formula().unwrap().rule.id, "default.score.qualitative");
    assert_eq!(
        on.not_applicable().unwrap().id,
        "default.not-applicable.marked"
    );
}

#[test]
fn month_converts_to_days_only_by_a_rule() {
    let u = |s: &'static str| lang::Unit(std::borrow::Cow::Borrowed(s));
    assert!(
        RuleSet::bundled()
            .convert(Decimal::from(2), &u("月"), &u("天"))
            .is_none()
    );
    let rule = RuleSource::new(
        "month.yaml",
        "rules:\n  - id: audit.month-days\n    convert: 1 月 = 30 天\n  - id: audit.duration\n    when: indicator contains \"周期\"\n    require: target <= 2个月\n",
    );
    let (set, _) = RuleSet::with_files(&[rule], true).unwrap();
    let (v, r) = set.convert(Decimal::from(2), &u("月"), &u("天")).unwrap();
    assert_eq!(
        (v, r.unwrap().id.to_string()),
        (Decimal::from(60), "audit.month-days".to_owned())
    );
    let (v, _) = set.convert(Decimal::from(1), &u("季度"), &u("天")).unwrap();
    assert_eq!(v, Decimal::from(90));
    let check = |text: &str| {
        let p = set.parse_target(text, Some("办理周期"), None, None, None);
        set.apply(Facts {
            indicator: Some("办理周期"),
            target: Some(&p.target),
            ..Facts::default()
        })
        .checks()
        .len()
    };
    assert_eq!(check("≤45天"), 0);
    assert_eq!(check("≤90天"), 1);
}

#[test]
fn later_files_override_by_id_and_disable() {
    let file = RuleSource::new(
        "office.yaml",
        "rules:\n  - id: default.band.excellent\n    min_score: 85\n  - id: default.direction.rate\n    disable: true\n",
    );
    let (set, _) = RuleSet::with_files(&[file], true).unwrap();
    let on = set.apply(Facts::default());
    let b = on.band(Decimal::from(86)).unwrap();
    assert_eq!(
        (b.value, &*b.rule.file, b.rule.line),
        ("优", "office.yaml", 2)
    );
    let r = set.rule("default.band.excellent").unwrap();
    assert_eq!(r.history.len(), 2);
    let p = set.parse_target("95%", Some("响应及时率"), None, None, None);
    assert_eq!(
        p.provenance.op.unwrap().to_string(),
        "rule:default.direction.higher"
    );
    assert!(set.rule("default.direction.rate").unwrap().disabled);
    let d = set.apply(Facts {
        indicator: Some("错案率"),
        ..Facts::default()
    });
    assert!(d.direction().is_some());
    let _: (Direction, Op) = d.direction().unwrap().value;
    let _ = Target::Empty;
}

fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn rules_check_exits_2_at_the_typo() {
    let (code, _, err) = jixiao(&["rules", "check", "tests/fixtures/rules/typo_in_when.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("typo_in_when.yaml:4:11"), "{err}");
    let (code, out, _) = jixiao(&[
        "rules",
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/typo_in_when.yaml",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"][0]["line"], 4);
    assert_eq!(v["findings"][0]["column"], 11);
    assert_eq!(v["findings"][0]["code"], "rules::expression");
    let (code, out, _) = jixiao(&[
        "rules",
        "check",
        "tests/fixtures/rules/satisfaction_floor.yaml",
    ]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn rules_test_reports_each_case() {
    let (code, out, err) = jixiao(&[
        "rules",
        "test",
        "tests/fixtures/rules/cases.yaml",
        "--rules",
        "tests/fixtures/rules/satisfaction_floor.yaml",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // Verdicts and scores are checked by the evaluation stage's formulas.
    assert_eq!(out.matches("通过 ").count(), 8, "{out}");
    assert!(!out.contains("失败 "));
    assert!(!out.contains("待查 "));
}

#[test]
fn parse_takes_rule_files() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "parse",
            "--format",
            "jsonl",
            "--rules",
            "tests/fixtures/rules/flip_direction.yaml",
        ])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("响应时间\t4秒\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(r#""op":">=""#), "{text}");
    assert!(text.contains("rule:audit.response-time.higher"), "{text}");
    let _ = Path::new("");
}

#[test]
fn parse_explain_names_the_rule_file_and_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["parse", "--format", "jsonl", "--explain"])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("响应时间\t4秒\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = RuleSet::bundled()
        .rule("default.direction.lower-name")
        .unwrap()
        .rref
        .line;
    assert!(
        text.contains(&format!(r#""op_rule_at":"rules/direction.yaml:{line}""#)),
        "{text}"
    );
}

#[test]
fn bare_op_reads_a_bare_value_with_another_operator() {
    let file = RuleSource::new(
        "exact.yaml",
        "rules:\n  - id: office.qualified-rate.exact\n    when: indicator ~ \"合格率$\"\n    direction: higher\n    bare_op: \"=\"\n",
    );
    let (set, _) = RuleSet::with_files(&[file], true).unwrap();
    let p = set.parse_target("100%", Some("验收合格率"), None, None, None);
    assert_eq!(p.target.to_string(), "= 100 %");
    let p = set.parse_target("95%", Some("响应及时率"), None, None, None);
    assert_eq!(p.target.to_string(), ">= 95 %");
}

#[test]
fn rules_test_fails_a_wrong_score() {
    let (code, out, _) = jixiao(&["rules", "test", "tests/fixtures/rules/cases_wrong.yaml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("失败 ") && out.contains("得到 9.44"), "{out}");
}

#[test]
fn rules_test_of_a_misshapen_case_file_answers_in_chinese() {
    // serde's English (`unknown field `caces`, expected `cases``) was shown as it was
    let (code, _, err) = jixiao(&["rules", "test", "tests/fixtures/rules/cases_misspelt.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "cases_misspelt.yaml:1:1：测试文件读不下去：不认识的字段 `caces`（可用的字段：`cases`）"
        ),
        "{err}"
    );
    assert!(!err.contains("unknown field"), "{err}");
}

/// `jixiao parse`'s table says where the operator and unit came from in Chinese; the JSONL keeps
/// its English values (`op_from: "rule:…"`, `unit_from: "text"`) for the tools that read it.
fn parse_with(args: &[&str], input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("parse")
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn parse_table_names_sources_in_chinese_and_jsonl_keeps_its_values() {
    let input = "响应时间\t4秒\n苗木成活率(≥**%)\t85\n";
    let table = parse_with(&["--explain"], input);
    let line = RuleSet::bundled()
        .rule("default.direction.lower-name")
        .unwrap()
        .rref
        .line;
    assert!(
        table.contains(&format!(
            "运算符：规则 default.direction.lower-name（rules/direction.yaml:{line}）；单位：原文"
        )),
        "{table}"
    );
    assert!(table.contains("运算符：指标名；单位：指标名"), "{table}");
    assert!(
        !table.contains("rule:") && !table.contains(":text"),
        "{table}"
    );
    let jsonl = parse_with(&["--format", "jsonl"], input);
    assert!(
        jsonl.contains(r#""op_from":"rule:default.direction.lower-name","unit_from":"text""#),
        "{jsonl}"
    );
    assert!(
        jsonl.contains(r#""op_from":"name","unit_from":"name""#),
        "{jsonl}"
    );
}

#[test]
fn rules_list_says_each_decision_in_chinese_with_its_key() {
    let (code, out, err) = jixiao(&["rules", "list"]);
    assert_eq!(code, 0, "{err}");
    for want in [
        "审核检查（警告）",
        "方向：越低越好 direction: lower（裸值 <=）",
        "公式 formula: proportional",
        "要求 require: target >= 90%（警告）",
    ] {
        assert!(out.contains(want), "{want:?} missing:\n{out}");
    }
    assert!(!out.contains("review check"), "{out}");
}

#[test]
fn help_is_in_chinese() {
    for args in [
        &["--help"][..],
        &["review", "--help"],
        &["rules", "list", "-h"],
    ] {
        let (code, out, err) = jixiao(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for want in ["用法：jixiao", "选项:", "显示帮助"] {
            assert!(out.contains(want), "{args:?}: {want:?} missing:\n{out}");
        }
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "Commands:",
            "Possible values",
            "[default:",
            "[possible",
        ] {
            assert!(!out.contains(english), "{args:?}: {english:?} in:\n{out}");
        }
    }
    let (_, out, _) = jixiao(&["--help"]);
    assert!(out.contains("命令:") && out.contains("显示版本"), "{out}");
    // every verb's usage line and value placeholders in Chinese (`[选项] <目标表>…`), in its
    // help and in the usage error of a missing argument
    for verb in [
        &["parse"][..],
        &["inspect"],
        &["template"],
        &["evaluate"],
        &["review"],
        &["serve"],
        &["rules", "check"],
        &["rules", "list"],
        &["rules", "test"],
    ] {
        let (_, out, _) = jixiao(&[verb, &["--help"]].concat());
        assert!(out.contains("[选项]"), "{verb:?}:\n{out}");
        let placeholders: Vec<&str> = out
            .split('<')
            .skip(1)
            .filter_map(|p| p.split_once('>').map(|(name, _)| name))
            .filter(|name| name.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
            .filter(|name| *name != "TAB") // the tab key, in parse's description
            .collect();
        assert!(
            placeholders.is_empty(),
            "{verb:?}: {placeholders:?} in:\n{out}"
        );
        assert!(!out.contains("[OPTIONS]"), "{verb:?}:\n{out}");
    }
    let (code, _, err) = jixiao(&["inspect"]);
    assert_eq!(code, 2);
    assert!(err.contains("<目标表>") && err.contains("[选项]"), "{err}");
    let (code, out, _) = jixiao(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("jixiao "), "{out}");
}

/// `jixiao rules explain KEY` prints the key's documentation from its file in
/// `src/rules/keys/`; without a key, one line a key; an unknown key is a usage error.
#[test]
fn rules_explain_prints_a_keys_documentation() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["rules", "explain", "cap"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("`cap: {grade, message}`"), "{text}");
    assert!(text.contains("不得评定为优秀"), "{text}");
    let all = String::from_utf8(run(&["rules", "explain"]).stdout).unwrap();
    for key in jixiao::rules::keys::ALL {
        assert!(all.contains(&format!("`{}", key.name)), "{}", key.name);
    }
    let unknown = run(&["rules", "explain", "vetoo"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("veto"));
}

/// The message line of a run on one bad YAML file: miette's `×` line, or the first line of
/// `rules test`'s `错误：…`.
fn message_line(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.trim_start().starts_with('×') || l.starts_with("错误："))
        .map(|l| l.trim_start().trim_start_matches('×').trim().to_owned())
        .unwrap_or_default()
}

/// English words left in a message once what it quotes (between backticks or double quotes),
/// the file's name, the path of the value (`projects[0].budget`) and the names a user writes
/// (`YAML`, `UTF-8`, `true`, environment variables) are taken out.
fn english_in(message: &str, file: &str) -> Vec<String> {
    let mut text = message.replace(file, "");
    for quote in ['`', '"'] {
        let mut kept = String::new();
        for (i, part) in text.split(quote).enumerate() {
            if i % 2 == 0 {
                kept.push_str(part);
            }
        }
        text = kept;
    }
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '_' && c != '[' && c != ']' && c != '.')
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
        .filter(|w| !w.contains('[') && !w.contains('.') && !w.contains('_'))
        .filter(|w| !["YAML", "UTF", "true", "false", "year", "projects", "cases"].contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_yaml_message_shape_reads_in_chinese() {
    // one real bad file a shape, in each of the three YAML files a user writes (rule files,
    // actuals files, rule test cases), read by the command a user runs: the message says in
    // Chinese what serde or serde_yaml said in English
    let dir = root().join("tests/fixtures/yaml");
    let targets = root().join("samples/guangzhou-hpf-2023/targets.tsv");
    let shapes: &[(&str, &str)] = &[
        ("rules/unclosed-quote.yaml", "YAML 语法错误：文件意外结束"),
        (
            "rules/tab-indent.yaml",
            "YAML 语法错误：出现了不能开始一个值的字符",
        ),
        (
            "rules/duplicate-key.yaml",
            "YAML 语法错误：rules[0]：键 \"id\" 重复",
        ),
        ("rules/two-documents.yaml", "文件中有多个 YAML 文档"),
        ("rules/unknown-anchor.yaml", "引用了未定义的锚点"),
        ("rules/recursion.yaml", "YAML 语法错误：嵌套太深"),
        (
            "rules/invalid-type.yaml",
            "`not_applicable` 的值不对：类型不对：这里是列表，应是布尔值",
        ),
        (
            "rules/unknown-variant.yaml",
            "不认识的取值 `sideways`（可选：`higher`、`lower`）",
        ),
        (
            "rules/unknown-field.yaml",
            "不认识的字段 `bogus`（可用的字段：`when`、`share`、`message`）",
        ),
        (
            "rules/missing-field.yaml",
            "`other_row` 的值不对：缺少字段 `share`",
        ),
        (
            "rules/struct-expected.yaml",
            "类型不对：这里是整数 5，应是映射",
        ),
        (
            "actuals/unknown-field.yaml",
            "不认识的字段 `bogus`（可用的字段：`note`、`year`、`projects`）",
        ),
        (
            "actuals/missing-field.yaml",
            "projects[0]：缺少字段 `project`",
        ),
        (
            "actuals/invalid-type.yaml",
            "year：类型不对：这里是文字 \"abc\"，应是整数",
        ),
        (
            "actuals/invalid-value.yaml",
            "取值无效：这里是整数 99999999999，应是整数（-2147483648 至 2147483647）",
        ),
        ("actuals/negative-count.yaml", "应是整数（0 至 4294967295）"),
        // an integer past 64 bits: serde_yaml's `` `N` as u128 `` and `any YAML value` never shown
        (
            "actuals/integer-too-large.yaml",
            "projects[0].budget：数值太大：整数 99999999999999999999999 超出范围，应是金额",
        ),
        (
            "rules/integer-too-large.yaml",
            "rules[0].indicator_weight：数值太大：整数 99999999999999999999999 超出可读的范围",
        ),
        (
            "rules/tagged-value.yaml",
            "`indicator_weight` 的值不对：这里不能写带类型标记（!）的值",
        ),
        (
            "cases/integer-too-large.yaml",
            "cases[0].weight：数值太大：整数 -99999999999999999999999 超出可读的范围",
        ),
        ("actuals/duplicate-field.yaml", "字段 `year` 重复"),
        (
            "actuals/not-an-amount.yaml",
            "projects[0].budget：`一百万` 不是金额",
        ),
        ("actuals/two-documents.yaml", "文件中有多个 YAML 文档"),
        ("actuals/unknown-anchor.yaml", "引用了未定义的锚点"),
        ("actuals/merge-key.yaml", "不支持 YAML 的合并键 `<<`"),
        (
            "actuals/not-a-boolean.yaml",
            "类型不对：这里是文字 \"maybe\"，应是布尔值",
        ),
        (
            "actuals/not-a-mapping.yaml",
            "类型不对：这里是列表，应是映射",
        ),
        ("cases/empty.yaml", "缺少字段 `cases`"),
        ("cases/not-a-number.yaml", "类型不对：应是数"),
        (
            "cases/unknown-field.yaml",
            "不认识的字段 `verdit`（可用的字段：",
        ),
        (
            "cases/not-a-list.yaml",
            "cases：类型不对：这里是映射（键: 值），应是列表",
        ),
    ];
    let mut listed: Vec<String> = shapes.iter().map(|(f, _)| (*f).to_owned()).collect();
    listed.sort();
    let mut on_disk = Vec::new();
    for family in ["rules", "actuals", "cases"] {
        for e in std::fs::read_dir(dir.join(family)).expect("fixtures") {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            on_disk.push(format!("{family}/{name}"));
        }
    }
    on_disk.sort();
    assert_eq!(listed, on_disk, "every fixture has its shape here");
    for (file, chinese) in shapes {
        let path = dir.join(file);
        let path = path.to_str().expect("utf-8 path");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
        // past the depth jixiao bounds first, serde_yaml's own recursion limit speaks
        cmd.env("JIXIAO_MAX_YAML_DEPTH", "1000");
        match file.split('/').next() {
            Some("rules") => cmd.args(["rules", "check", path]),
            Some("actuals") => cmd.args(["evaluate", targets.to_str().unwrap(), path, "-o", "-"]),
            _ => cmd.args(["rules", "test", path]),
        };
        let out = cmd.output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
        let message = message_line(&stderr);
        assert!(message.contains(chinese), "{file}: {message}\n{stderr}");
        let english = english_in(&message, path);
        assert!(english.is_empty(), "{file}: {english:?} in {message}");
    }
}
