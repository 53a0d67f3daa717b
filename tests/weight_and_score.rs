//! Issue 27 (fifteenth session, H92): a flat self-evaluation sheet writing 分值 and 得分 in one
//! column (`分值/得分`, cells `50/40`) has each cell split in two, as a per-project form's has
//! been since H89, with the form's own splitter: the 分值 are the sheet's (not the method's),
//! the printed 得分 checked against jixiao's. A cell that does not split is named on its row
//! and its project is 未核对. Whole and streamed reports alike.

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::run;

/// The fields compared, whole and streamed alike.
const FIELDS: [&str; 4] = ["indicator", "weight", "published_score", "score"];

/// A sheet of two projects under the header `points` names (`分值/得分` or `得分/分值`), its
/// cells `cells` (two for A, two for B).
fn sheet(points: &str, cells: [&str; 4]) -> String {
    format!(
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t{points}\n\
         A\t产出指标\t数量指标\t培训人数\t≥100人\t80人\t{}\n\
         A\t效益指标\t社会效益指标\t满意度\t≥90%\t95%\t{}\n\
         B\t产出指标\t数量指标\t培训人数\t≥100人\t100人\t{}\n\
         B\t效益指标\t社会效益指标\t满意度\t≥90%\t95%\t{}\n",
        cells[0], cells[1], cells[2], cells[3]
    )
}

/// The projects of a whole report (`--format json`): (project, status, score).
fn projects(json: &str) -> Vec<[String; 3]> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| ["project", "status", "score"].map(|k| p[k].as_str().unwrap_or("").to_owned()))
        .collect()
}

fn strings<const N: usize>(rows: &[[&str; N]]) -> Vec<[String; N]> {
    rows.iter().map(|r| r.map(str::to_owned)).collect()
}

#[test]
fn a_flat_sheets_weight_and_score_column_is_split_and_its_scores_checked() {
    let d = reports::dir("points", "split");
    // 分值 60/40 (the method's own shares would be 50/50): the sheet's read; the printed 得分
    // of A's first row (50) is checked against jixiao's 48 (60 × 80 ÷ 100)
    std::fs::write(
        d.join("s.tsv"),
        sheet("分值/得分", ["60/50", "40/40", "60分/60分", "40/"]),
    )
    .unwrap();
    // the header writing 得分 first: each cell the other way round
    std::fs::write(
        d.join("r.tsv"),
        sheet("得分/分值", ["50/60", "40/40", "60/60", "/40"]),
    )
    .unwrap();
    for file in ["s.tsv", "r.tsv"] {
        let whole = run(
            &d,
            &["evaluate", file, "--format", "json", "--no-streaming"],
        );
        assert_eq!(whole.code, 0, "{}", whole.stderr);
        let streamed = run(&d, &["evaluate", file, "--format", "jsonl"]);
        let rows = reports::whole_fields(&whole.stdout, FIELDS);
        assert_eq!(
            rows,
            reports::streamed_fields(&streamed.stdout, FIELDS),
            "{file}"
        );
        assert_eq!(
            rows,
            strings(&[
                ["培训人数", "60.00", "50", "48.00"],
                ["满意度", "40.00", "40", "40.00"],
                ["培训人数", "60.00", "60", "60.00"],
                ["满意度", "40.00", "", "40.00"],
            ]),
            "{file}: {}",
            whole.stdout
        );
        let v: Value = serde_json::from_str(&whole.stdout).unwrap();
        assert_eq!(v["differences"].as_array().unwrap().len(), 1, "{file}");
        assert_eq!(v["differences"][0]["published_score"], "50", "{file}");
        assert!(
            !whole.stderr.contains("column-weight-and-score"),
            "{}",
            whole.stderr
        );
    }
}

#[test]
fn a_flat_sheets_weight_and_score_cell_that_does_not_split_is_named_and_its_project_unchecked() {
    let d = reports::dir("points", "unsplit");
    std::fs::write(
        d.join("s.tsv"),
        sheet("分值/得分", ["60", "40/40", "60/60", "40/40"]),
    )
    .unwrap();
    let whole = run(
        &d,
        &["evaluate", "s.tsv", "--format", "json", "--no-streaming"],
    );
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    assert_eq!(
        projects(&whole.stdout),
        strings(&[["A", "unchecked", ""], ["B", "scored", "100.00"]]),
        "{}",
        whole.stdout
    );
    let v: Value = serde_json::from_str(&whole.stdout).unwrap();
    let named: Vec<(String, u64)> = v["projects"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "table.weight-and-score-unsplit")
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(named.len(), 1, "{}", whole.stdout);
    assert!(
        named[0].0.starts_with("「60」不能拆成分值和得分两个数"),
        "{named:?}"
    );
    assert_eq!(named[0].1, 2);
    // streamed alike: A without a total (its findings line says why), B scored
    let streamed = run(&d, &["evaluate", "s.tsv", "--format", "jsonl"]);
    let lines: Vec<Value> = streamed
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .collect();
    let unchecked: Vec<(&str, &str)> = lines
        .iter()
        .flat_map(|p| {
            p["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |f| {
                    (
                        p["project"].as_str().unwrap_or(""),
                        f["code"].as_str().unwrap_or(""),
                    )
                })
        })
        .filter(|(_, code)| {
            matches!(
                *code,
                "eval.total-unchecked" | "table.weight-and-score-unsplit"
            )
        })
        .collect();
    assert_eq!(
        unchecked,
        [
            ("A", "eval.total-unchecked"),
            ("A", "table.weight-and-score-unsplit")
        ],
        "{}",
        streamed.stdout
    );
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["waiting"], 1, "{}", streamed.stdout);
    assert_eq!(summary["score"], "100.00", "{}", streamed.stdout);
}

/// A sheet whose rows carry no points (no 一级指标, no 分值) beside one scored on 100: the
/// first is `0.00 / 0`, not graded, and counts in neither the mean nor the grade — whole and
/// streamed alike (counted as a 0 it made the mean 50.00 and the grade 差).
#[test]
fn a_project_without_points_counts_in_no_mean_and_no_grade() {
    let d = reports::dir("points", "none");
    std::fs::write(
        d.join("a.tsv"),
        "项目\t一级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
         无分值\t\t设备\t20台\t20台\t\n\
         无分值\t\t培训人次\t300人次\t320人次\t\n\
         有分值\t产出指标\t培训人数\t≥100人\t100人\t90\n\
         有分值\t预算执行率\t预算执行率\t100%\t100%\t10\n",
    )
    .unwrap();
    let whole = run(&d, &["evaluate", "a.tsv", "--format", "json"]);
    let v: Value = serde_json::from_str(&whole.stdout).unwrap();
    let streamed = run(&d, &["evaluate", "a.tsv", "--format", "jsonl"]);
    let last = streamed.stdout.lines().last().unwrap();
    let s: Value = serde_json::from_str(last).unwrap();
    for summary in [&v["summary"], &s["summary"]] {
        assert_eq!(summary["projects"], 2, "{summary}");
        assert_eq!(summary["waiting"], 1, "{summary}");
        assert_eq!(summary["score"], "100.00", "{summary}");
        assert_eq!(summary["grade"], "优", "{summary}");
    }
}
