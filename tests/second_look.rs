//! Issue 29, the officer's second look, on the command line: one headline per project in every
//! format (the printed 总分 beside the recomputed one, with the difference), no grade that no
//! project was given, every differing row located (the budget row too), and workbook positions
//! named as cells (`Sheet1!D11`). Real forms of `tests/fixtures/forms`.

use std::path::PathBuf;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use serde_json::Value;

fn form(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn jixiao(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(file: &str) -> Value {
    let (out, err) = jixiao(&["evaluate", file, "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"))
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// `+3.80`, `-1.00`, `0.00`: how the reports sign a difference.
fn signed(d: Decimal) -> String {
    let d = d.round_dp(2);
    let s = format!("{d:.2}");
    if d > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

/// An HTML page's text: its tags taken out.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn xlsx_sheet(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn xlsx_of(file: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let (_, err) = jixiao(&[
        "evaluate",
        file,
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    std::fs::read(&out).unwrap_or_else(|e| panic!("{e}: {err}"))
}

/// The forms that print a 总分: each format shows the printed total beside the recomputed one
/// and the same difference (recomputed − printed), worked out here from the JSON's own figures.
#[test]
fn printed_and_recomputed_totals_side_by_side_in_every_format() {
    for name in [
        "f01-tianchang-water-2022-selfeval.xlsx",
        "f02-zhongjiang-water-2022-selfeval.xlsx",
        "f03-yongde-minglang-school-2022-selfeval.xlsx",
        "f03-yongde-minglang-school-2022-selfeval.docx",
    ] {
        let file = form(name);
        let j = json(&file);
        let p = &j["projects"][0];
        let (score, printed) = (dec(&p["score"]), dec(&p["published_score"]));
        let diff = score - printed;
        assert_eq!(dec(&p["total_difference"]), diff, "{name}");
        let printed_text = format!("原表总分 {}", printed.normalize());
        let against = if p["total_differs"] == Value::Bool(true) {
            format!("差额 {}（复核 − 原表）", signed(diff))
        } else {
            "与复核总分一致".to_owned()
        };
        let headline = format!(
            "复核总分 {}（{}）",
            p["score"].as_str().unwrap(),
            p["grade"].as_str().unwrap()
        );
        for format in ["table", "markdown", "html", "csv"] {
            let (out, _) = jixiao(&["evaluate", &file, "--format", format]);
            let out = if format == "html" { text_of(&out) } else { out };
            let at = out
                .find(&headline)
                .unwrap_or_else(|| panic!("{name} {format}: no {headline} in {out}"));
            let line = &out[at..out[at..].find('\n').map_or(out.len(), |e| at + e)];
            assert!(
                line.contains(&printed_text) && line.contains(&against),
                "{name} {format}: {line}"
            );
        }
        // the workbook's 汇总: the project row holds both totals and the difference as numbers
        let rows = xlsx_sheet(&xlsx_of(&file), "汇总");
        let head = rows
            .iter()
            .position(|r| r.iter().any(|c| *c == "复核总分"))
            .unwrap();
        let col = |h: &str| {
            rows[head]
                .iter()
                .position(|c| *c == h)
                .unwrap_or_else(|| panic!("{name}: no column {h}"))
        };
        let row = &rows[head + 1];
        let num = |c: usize| match &row[c] {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("{name}: {other:?} is not a number"),
        };
        let as_f64 = |d: Decimal| d.to_string().parse::<f64>().unwrap();
        assert_eq!(num(col("复核总分")), as_f64(score.round_dp(2)), "{name}");
        assert_eq!(num(col("原表总分")), as_f64(printed), "{name}");
        assert_eq!(
            num(col("差额（复核 − 原表）")),
            as_f64(diff.round_dp(2)),
            "{name}"
        );
        // the unit table above shows the same figure for the unit of one project
        let unit = &rows[2];
        assert_eq!(unit[2], Data::Float(as_f64(score.round_dp(2))), "{name}");
    }
}

/// f02 prints 总分 100 that leaves its budget row (10 / 10) out: the budget row is shown with
/// its printed 得分 and why it is not counted, never as a difference nor as 110 anywhere.
#[test]
fn f02_budget_left_out_of_the_printed_total_says_so() {
    let file = form("f02-zhongjiang-water-2022-selfeval.xlsx");
    let (out, _) = jixiao(&["evaluate", &file]);
    let budget = out.lines().find(|l| l.contains("预算执行率")).unwrap();
    assert!(budget.contains("原表总分不含预算执行"), "{budget}");
    assert!(!budget.contains("不一致"), "{budget}");
    assert!(!out.contains("110"), "{out}");
    let bytes = xlsx_of(&file);
    for sheet in ["汇总"] {
        for r in xlsx_sheet(&bytes, sheet) {
            assert!(!r.contains(&Data::Float(110.0)), "{sheet}: {r:?}");
        }
    }
}

/// The summary and the unit roll-ups count the projects' own grades: a mean of 85.27 (which
/// would grade 良) over a project graded 优 and one graded 中 shows `优 1，中 1`, never 良.
#[test]
fn summary_grades_are_the_projects_own() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report/scored.csv")
        .to_string_lossy()
        .into_owned();
    let j = json(&file);
    let mut given: Vec<String> = j["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["grade"].as_str().map(str::to_owned))
        .collect();
    given.sort();
    for format in ["table", "markdown", "html"] {
        let (out, _) = jixiao(&["evaluate", &file, "--format", format]);
        let at = out.find("项目等级 ").expect("a 项目等级 in the summary") + "项目等级 ".len();
        let list = &out[at..at + out[at..].find('；').unwrap()];
        let mut shown = Vec::new();
        for part in list.split('，') {
            let (g, n) = part.split_once(' ').unwrap();
            for _ in 0..n.parse::<usize>().unwrap() {
                shown.push(g.to_owned());
            }
        }
        shown.sort();
        assert_eq!(shown, given, "{format}: {list}");
        let summary = out.lines().find(|l| l.contains("项目平均分")).unwrap();
        let mean_grade = j["summary"]["grade"].as_str().unwrap();
        if !given.iter().any(|g| g == mean_grade) {
            assert!(
                !summary.contains(&format!("（{mean_grade}）")),
                "{format}: {summary}"
            );
        }
    }
}

/// Every row whose recomputed score differs from the printed one is listed in the table
/// report with its place (`Sheet1!A7`), both figures and the reason; f07's budget row among
/// them (printed 0, recomputed from the 其中 row).
#[test]
fn table_report_locates_every_difference() {
    for name in [
        "f03-yongde-minglang-school-2022-selfeval.xlsx",
        "f07-tangxi-town-2022-selfeval-partial.xlsx",
    ] {
        let file = form(name);
        let j = json(&file);
        let diffs = j["differences"].as_array().unwrap();
        assert!(!diffs.is_empty(), "{name}");
        let (out, _) = jixiao(&["evaluate", &file, "--wide"]);
        let section = &out[out
            .find(&format!("与原表得分不一致的行（{} 处）", diffs.len()))
            .unwrap_or_else(|| panic!("{name}: {out}"))..];
        for d in diffs {
            let place = format!(
                "{}!{}",
                d["source"]["sheet"].as_str().unwrap(),
                d["source"]["cell"].as_str().unwrap()
            );
            let line = section
                .lines()
                .find(|l| l.contains(&place))
                .unwrap_or_else(|| panic!("{name}: {place} not in {section}"));
            let printed = dec(&d["published_score"]).normalize().to_string();
            assert!(line.contains(d["indicator"].as_str().unwrap()), "{line}");
            assert!(line.contains(&format!(" {printed} ")), "{line}");
            assert!(line.contains(d["score"].as_str().unwrap()), "{line}");
            assert!(line.contains(d["formula"].as_str().unwrap()), "{line}");
        }
        if name.starts_with("f07") {
            assert!(
                diffs.iter().any(|d| d["indicator"] == "预算执行率"),
                "the budget row is a difference: {diffs:?}"
            );
        }
    }
}

/// Review positions in a workbook are cells (`t02….xlsx!Sheet1!D11`), not row and character.
#[test]
fn review_positions_in_workbooks_are_cells() {
    let file = form("t02-nanyue-poverty-base-2018-target.xlsx");
    let (out, _) = jixiao(&["review", &file]);
    let headers: Vec<&str> = out.lines().filter(|l| l.contains("╭─[")).collect();
    assert!(!headers.is_empty(), "{out}");
    for h in headers {
        let name = &h[h.find("╭─[").unwrap() + "╭─[".len()..h.rfind(']').unwrap()];
        let cell = name.rsplit('!').next().unwrap();
        assert!(
            name.contains(".xlsx!Sheet1!")
                && cell.starts_with(|c: char| c.is_ascii_uppercase())
                && cell
                    .trim_start_matches(|c: char| c.is_ascii_uppercase())
                    .parse::<u32>()
                    .is_ok(),
            "{h}"
        );
    }
    // the placeholder left in a name (row 11) is named by its cell, in every listing
    let (md, _) = jixiao(&["review", &file, "--format", "markdown"]);
    assert!(md.contains("xlsx!Sheet1!D11 |"), "{md}");
    assert!(out.contains("xlsx!Sheet1!D11]"), "{out}");
}

/// The codes of `jixiao review FILE`'s findings, with their positions (`…!Sheet1!D13`) and
/// indicator names.
fn review(file: &str) -> Vec<(String, String, String)> {
    let (out, err) = jixiao(&["review", file, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let place = match (f["sheet"].as_str(), f["cell"].as_str()) {
                (Some(s), Some(c)) => format!("{s}!{c}"),
                _ => format!("{}", f["line"]),
            };
            (
                f["code"].as_str().unwrap().to_owned(),
                place,
                f["indicator"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn with_code<'a>(
    found: &'a [(String, String, String)],
    code: &str,
) -> Vec<&'a (String, String, String)> {
    found.iter().filter(|f| f.0 == code).collect()
}

/// t02 names `…质量达标率100%` with the target `>=98%`: flagged, at the name's cell, once.
#[test]
fn a_name_that_states_another_target_is_flagged() {
    let found = review(&form("t02-nanyue-poverty-base-2018-target.xlsx"));
    let hits = with_code(&found, "review.name-states-other-target");
    assert_eq!(hits.len(), 1, "{found:?}");
    assert!(hits[0].2.ends_with("达标率100%"), "{hits:?}");
    assert_eq!(hits[0].1, "Sheet1!D13");
    // names whose number describes the thing in another unit (corpus lines: 饲料库120平米 at
    // 490元/平米, 村组干部230人 counted ≥230个) are not
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/review/corpus_names.tsv")
        .to_string_lossy()
        .into_owned();
    let found = review(&corpus);
    assert!(
        with_code(&found, "review.name-states-other-target").is_empty(),
        "{found:?}"
    );
}

/// t02's approval rows (`财政部门支出股室初审意见 (盖章)`) are approval rows, not category rows.
#[test]
fn approval_rows_are_not_category_rows() {
    let found = review(&form("t02-nanyue-poverty-base-2018-target.xlsx"));
    let approval = with_code(&found, "table.form-approval-row");
    let places: Vec<&str> = approval.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(places, ["Sheet1!A26", "Sheet1!A27", "Sheet1!A28"]);
    assert!(
        with_code(&found, "table.form-category-row").is_empty(),
        "{found:?}"
    );
    // the indicators are all still read
    let (out, _) = jixiao(&["inspect", &form("t02-nanyue-poverty-base-2018-target.xlsx")]);
    assert!(out.contains("16 个指标"), "{out}");
}

/// t03 (the pre-2020 template) has its satisfaction as a level 2 under 效益指标: not missing.
/// f05 has none at all: still said.
#[test]
fn satisfaction_under_benefit_is_not_missing() {
    let found = review(&form("t03-qingshan-kejing-2021-target.xlsx"));
    assert!(
        with_code(&found, "review.project-missing-category").is_empty(),
        "{found:?}"
    );
    let found = review(&form("f05-district-commerce-2020-selfeval.xlsx"));
    assert_eq!(
        with_code(&found, "review.project-missing-category").len(),
        1,
        "{found:?}"
    );
}

/// f05's `服务外包在岸(万美元)` with `20000`: the unit is in the name's brackets. t03's
/// `新增高新技术企业` with `15` has none anywhere: still said.
#[test]
fn a_unit_in_the_names_brackets_is_a_unit() {
    let found = review(&form("f05-district-commerce-2020-selfeval.xlsx"));
    assert!(
        with_code(&found, "review.number-without-unit").is_empty(),
        "{found:?}"
    );
    let found = review(&form("t03-qingshan-kejing-2021-target.xlsx"));
    let hits = with_code(&found, "review.number-without-unit");
    assert_eq!(hits.len(), 1, "{found:?}");
    assert_eq!(hits[0].2, "新增高新技术企业");
}

/// A change against last year written in `%` (`较上年增长10%`) has its unit; one written bare
/// (`较上年增长10`) has none.
#[test]
fn a_relative_change_in_percent_has_its_unit() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("目标表.tsv");
    std::fs::write(
        &table,
        "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\n\
         甲单位\t甲项目\t效益指标\t经济效益指标\t产业产值增长\t较上年增长10%\n\
         甲单位\t甲项目\t效益指标\t经济效益指标\t营业收入增长\t较上年增长10\n",
    )
    .unwrap();
    let found = review(table.to_str().unwrap());
    let hits: Vec<&str> = with_code(&found, "review.number-without-unit")
        .iter()
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(hits, ["营业收入增长"], "{found:?}");
}

/// Messages with their next step: an actuals file alone says what goes with it; a broken
/// actuals YAML is told in Chinese with its line, column and a caret.
#[test]
fn messages_say_the_next_step_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let actuals = dir.path().join("实际值.yaml");
    std::fs::write(&actuals, "year: 2023\nprojects: []\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", actuals.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("是实际值文件，要与它所填的目标表一起给出"),
        "{err}"
    );
    assert!(err.contains("jixiao evaluate 目标表.xlsx"), "{err}");
    // a field name without its colon (the scanner stops on the next line)
    let broken = dir.path().join("broken.yaml");
    std::fs::write(
        &broken,
        "year: 2023\nprojects:\n  - project: 甲\n    indicators\n      x: 1\n",
    )
    .unwrap();
    let table =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/guangzhou-hpf-2023/targets.tsv");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "evaluate",
            table.to_str().unwrap(),
            broken.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("第 5 行第 8 列"), "{err}");
    assert!(err.contains("找不到应有的冒号"), "{err}");
    assert!(err.contains("broken.yaml:5:8]"), "{err}");
    assert!(err.contains("┬"), "a caret under the place: {err}");
    for english in ["could not", "expected", "line 5"] {
        assert!(!err.contains(english), "{english} in {err}");
    }
}

/// `--form-only`: each project's form ends at 偏差原因分析及改进措施, as the official form does;
/// without it the 说明 column follows. Plain-number actuals are number cells (f09's `37.24`,
/// `100`) showing the digits written; percentages too (`100%`, a `0%` cell); others text.
#[test]
fn form_only_leaves_out_the_notes_column_and_numbers_are_numbers() {
    let file = form("f09-langfang-food-school-2019-selfeval-partial.xlsx");
    let dir = tempfile::tempdir().unwrap();
    let sheets = |extra: &[&str]| {
        let out = dir.path().join("r.xlsx");
        let mut args = vec![
            "evaluate",
            &file,
            "--format",
            "xlsx",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let (_, err) = jixiao(&args);
        let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let name = wb.sheet_names()[1].clone();
        let range = wb.worksheet_range(&name).unwrap();
        range.rows().map(|r| r.to_vec()).collect::<Vec<_>>()
    };
    let head_of = |rows: &[Vec<Data>]| {
        rows.iter()
            .find(|r| r.iter().any(|c| *c == "三级指标"))
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
    };
    let full = sheets(&[]);
    assert_eq!(head_of(&full).last().unwrap(), "说明");
    let official = sheets(&["--form-only"]);
    let head = head_of(&official);
    assert_eq!(head.last().unwrap(), "偏差原因分析及改进措施", "{head:?}");
    assert!(official.iter().flatten().all(|c| *c != "说明"));
    // actuals as numbers, the same in both
    let actual_col = official
        .iter()
        .find(|r| r.iter().any(|c| *c == "三级指标"))
        .unwrap()
        .iter()
        .position(|c| *c == "实际完成值")
        .unwrap();
    let actuals: Vec<&Data> = official
        .iter()
        .filter(|r| r.get(2).is_some_and(|c| c.to_string().starts_with("指标")))
        .map(|r| &r[actual_col])
        .collect();
    assert!(actuals.contains(&&Data::Float(37.24)), "{actuals:?}");
    assert!(actuals.contains(&&Data::Float(100.0)), "{actuals:?}");
    assert!(
        actuals
            .iter()
            .all(|a| !matches!(a, Data::String(s) if s.parse::<f64>().is_ok())),
        "a plain number left as text: {actuals:?}"
    );
    // --form-only is for the workbook only
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", &file, "--form-only"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--format xlsx")
    );
}
