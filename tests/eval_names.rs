//! Names of an actuals file against its table (issue 25 item 11): unit, project and indicator
//! names that differ only in width, spaces, brackets or a leading budget code match; a file
//! that matches nothing is refused with the nearest names; a file that matches in part is
//! scored, with warnings at the top of every format.

use std::path::PathBuf;
use std::process::Command;

/// The table: unit `[610001]示例办事处`, projects `业务用房物业管理费（一期）` and `购置经费`.
const TABLE: &str = "tests/fixtures/eval/names.tsv";

fn write(name: &str, text: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-names-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let p = d.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// `jixiao evaluate TABLE ACTUALS ARGS`: exit code, stdout, stderr.
fn evaluate(actuals: &PathBuf, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("evaluate")
        .arg(TABLE)
        .arg(actuals)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An actuals file for the table, its unit and first project written as given.
fn actuals(unit: &str, project: &str, indicator: &str) -> String {
    format!(
        "year: 2023\nprojects:\n  - unit: \"{unit}\"\n    project: \"{project}\"\n    spent: 50\n    indicators:\n      - indicator: \"{indicator}\"\n        actual: \"90%\"\n      - indicator: \"员工满意度\"\n        actual: \"99%\"\n"
    )
}

#[test]
fn names_match_after_folding_width_spaces_brackets_and_codes() {
    for (n, (unit, project, indicator)) in [
        (
            "示例办事处",
            "业务用房物业管理费(一期)",
            "办公设备维护维修工作完成率",
        ),
        (
            "[610001]示例办事处",
            "业务用房物业管理费（一期）",
            "办公设备维护维修工作完成率",
        ),
        (
            "219001-示例办事处",
            "业务用房物业管理费 (一期)",
            "办公设备维护维修工作完成率",
        ),
        (
            "51000021R000000019951-示例办事处",
            "业务用房物业管理费（一期）",
            "办公设备 维护维修工作完成率",
        ),
        (
            "【610001】示例办事处",
            "业务用房物业管理费（一期）",
            "办公设备维护维修工作完成率",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let file = write(&format!("fold{n}.yaml"), &actuals(unit, project, indicator));
        let (code, out, err) = evaluate(&file, &["--format", "json"]);
        assert_eq!(code, Some(0), "{unit} {project}: {err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(json.get("warnings").is_none(), "{unit}: {out}");
        let p = &json["projects"][0];
        // 90 % of 95 %: 56.25 × 90 ÷ 95 = 53.29; 员工满意度 99 % met: 33.75
        let scores: Vec<&str> = p["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["score"].as_str().unwrap_or("—"))
            .collect();
        assert_eq!(scores, ["53.29", "33.75"], "{unit} {project}");
        assert!(
            !err.contains("actuals.unmatched"),
            "{unit} {project} {indicator}: {err}"
        );
    }
}

#[test]
fn an_actuals_file_that_matches_nothing_is_refused_with_the_nearest_names() {
    let file = write(
        "nothing.yaml",
        &actuals("某某局", "业务用房物业管理经费", "完成率"),
    );
    let (code, out, err) = evaluate(&file, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("eval.actuals-match-nothing"), "{err}");
    assert!(err.contains("一个也找不到"), "{err}");
    assert!(
        err.contains("表中最接近的是“[610001]示例办事处／业务用房物业管理费（一期）”"),
        "{err}"
    );
    // projects that match, but none of their indicators: nothing either
    let file = write(
        "no-indicator.yaml",
        "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    indicators:\n      - indicator: 购置完成数\n        actual: \"3\"\n",
    );
    let (code, _, err) = evaluate(&file, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("1 个指标"), "{err}");
    assert!(err.contains("表中最接近的是“购置完成率”"), "{err}");
}

#[test]
fn a_partial_match_warns_at_the_top_of_every_format() {
    let mut text = actuals(
        "示例办事处",
        "业务用房物业管理费（一期）",
        "办公设备维护维修工作完成率",
    );
    text.push_str("  - unit: 示例办事处\n    project: 购置经废\n    spent: 40\n");
    let file = write("partial.yaml", &text);
    let want = "实际值文件中的项目“购置经废”在目标表中找不到";
    for format in ["table", "markdown", "html", "csv", "json"] {
        let (code, out, err) = evaluate(&file, &["--format", format]);
        assert_eq!(code, Some(0), "{format}: {err}");
        let at = out
            .find(want)
            .unwrap_or_else(|| panic!("{format}: no warning\n{out}"));
        // above every project's scores
        let first_project = out.find("业务用房物业管理费").unwrap();
        assert!(
            at < first_project,
            "{format}: warning after the scores\n{out}"
        );
        assert!(out[..at].contains("警告"), "{format}");
        assert!(out[at..].contains("是否是“购置经费”？"), "{format}: {out}");
    }
}

/// A row named exactly keeps its entry: folding is tried only once every row of the project
/// had its try by the names as written.
#[test]
fn an_exact_name_is_never_taken_by_a_folded_one() {
    use jixiao::eval::{self, ActualsFile, Methodology};
    use jixiao::rules::RuleSet;
    use jixiao::table::{self, ReadOptions};
    let sheet = "项目,一级指标,二级指标,三级指标,指标值,分值\n\
                 测试项目,满意度指标,满意度,满意度(门诊),≥90%,50\n\
                 测试项目,满意度指标,满意度,满意度（门诊）,≥90%,50\n";
    let doc = table::read_str("sheet.csv", sheet, &ReadOptions::default()).unwrap();
    let text = "projects:\n  - project: 测试项目\n    indicators:\n      - indicator: 满意度（门诊）\n        actual: \"91%\"\n";
    let actuals = ActualsFile::parse("a.yaml", text).unwrap();
    let m = Methodology::from_rules(RuleSet::bundled());
    let r = eval::evaluate(
        &doc,
        Some(&actuals),
        &eval::Options::new(&m, RuleSet::bundled()),
    );
    let p = &r.projects[0];
    let actuals: Vec<_> = p.indicators.iter().map(|i| i.actual.as_deref()).collect();
    assert_eq!(actuals, [None, Some("91%")], "{:?}", p.indicators);
}
