//! The lead's probe of session 24 as an auditor writing a province's published method as rules.
//! Methods write points as `扣1分` and deductions as a share of the row's points
//! (“每超出1%扣该项分值的10%”). The anchor refused `points: 1分`, `category_weight: 50分` and
//! `min_score: 85分` with “应是非负的数” (they are non-negative numbers), and had no way to
//! write a deduction as a share of the points (`points: 10%` refused the same way).

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::run;

const SHEET: &str = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
     农田建设\t\t\t预算执行率\t100%\t100%\t10\n\
     农田建设\t成本指标\t经济成本指标\t亩均建设成本\t≤3000元\t3150元\t20\n\
     农田建设\t产出指标\t时效指标\t完工时间\t2023年6月30日前\t2023年8月15日\t20\n\
     农田建设\t产出指标\t数量指标\t新建面积\t≥5000亩\t5000亩\t50\n";

fn indicators(v: &Value) -> &Vec<Value> {
    v["projects"][0]["indicators"].as_array().unwrap()
}

fn scored(rules: &str) -> Value {
    let d = reports::dir("lead24", "share-of-points");
    std::fs::write(d.join("a.tsv"), SHEET).unwrap();
    std::fs::write(d.join("method.yaml"), rules).unwrap();
    let out = run(
        &d,
        &[
            "evaluate",
            "a.tsv",
            "--rules",
            "method.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// “每超出1%扣该项分值的10%”: 3150 against ≤3000 is 5 steps of 1 % (30 元), each 10 % of
/// 20 points (2): 20 − 10 = 10. On a deadline, “每逾期1个月扣分值的25%”: August against the
/// end of June is 2 months, each 5 of 20: 10.
#[test]
fn a_deduction_written_as_a_share_of_the_points_takes_that_share_of_the_rows_points() {
    let v = scored(
        "rules:\n  - id: prov.cost\n    when: category == \"成本指标\"\n    deduct: {per: 1%, points: 10%}\n  \
         - id: prov.late\n    when: subcategory == \"时效指标\"\n    deduct: {per: 1个月, points: 25%}\n",
    );
    let rows = indicators(&v);
    assert_eq!(rows[0]["indicator"], "亩均建设成本");
    assert_eq!(rows[0]["score"], "10.00", "{}", rows[0]);
    let how = rows[0]["note"].as_str().unwrap_or_default();
    assert!(how.contains("扣 分值的 10%（2 分）"), "{how}");
    assert_eq!(rows[1]["score"], "10.00", "{}", rows[1]);
    assert_eq!(v["projects"][0]["score"], "80.00", "{}", v["projects"][0]);
}

/// Rescaled points: with no 分值 on the row and a category missing, a share of the points
/// follows the rescaled points as they are (never rescaled a second time, as `扣1分` is), and
/// no `eval.points-rescaled` finding is needed for it.
#[test]
fn a_share_of_the_points_is_not_rescaled_again() {
    let d = reports::dir("lead24", "share-rescaled");
    std::fs::write(
        d.join("a.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n\
         道路\t产出指标\t数量指标\t里程\t≥100公里\t90公里\n\
         道路\t效益指标\t社会效益指标\t通行时间\t≤30分钟\t30分钟\n",
    )
    .unwrap();
    std::fs::write(
        d.join("m.yaml"),
        "rules:\n  - id: p.km\n    when: indicator == \"里程\"\n    deduct: {per: 1%, points: 5%}\n",
    )
    .unwrap();
    let out = run(
        &d,
        &["evaluate", "a.tsv", "--rules", "m.yaml", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let row = &indicators(&v)[0];
    // 产出 50 and 效益 30 share the 90 points the budget line does not take (no budget given:
    // all 100): 里程 62.5; 10 steps of 5 % take half of it
    let weight: f64 = row["weight"].as_str().unwrap().parse().unwrap();
    let score: f64 = row["score"].as_str().unwrap().parse().unwrap();
    assert!((score - weight / 2.0).abs() < 0.006, "{row}");
    let findings = v["projects"][0]["findings"].to_string();
    assert!(!findings.contains("eval.points-rescaled"), "{findings}");
}

/// Points as methods write them: `1分`, `50分`, `85分` load as `1`, `50`, `85`.
#[test]
fn points_written_with_fen_are_points() {
    let v = scored(
        "rules:\n  - id: default.weight.output\n    category_weight: 50分\n  \
         - id: default.band.excellent\n    min_score: 85分\n  \
         - id: prov.cost\n    when: category == \"成本指标\"\n    deduct: {per: 1%, points: 1分}\n  \
         - id: prov.veto\n    when: indicator == \"新建面积\" and actual < 1000亩\n    veto: {grade: 差, total: 59分}\n",
    );
    // 3150 against ≤3000: 5 steps of 1 分: 15 of 20; 完工时间 late: 0 of 20
    let rows = indicators(&v);
    assert_eq!(rows[0]["score"], "15.00", "{}", rows[0]);
    // 10 + 15 + 0 + 50 = 75
    assert_eq!(v["projects"][0]["score"], "75.00", "{}", v["projects"][0]);
}

/// A value that is no points says what it is and what to write.
#[test]
fn a_value_that_is_no_points_says_what_was_written() {
    let d = reports::dir("lead24", "bad-points");
    std::fs::write(
        d.join("bad.yaml"),
        "rules:\n  - id: p.bonus\n    when: indicator ~ \"增产\"\n    bonus: {per: 1%, points: 5元, max: 2}\n  \
         - id: p.tiers\n    when: indicator ~ \"满意度\"\n    tiers: {on: actual, bands: [{at_least: 90%, points: 80%}, {points: 0}]}\n",
    )
    .unwrap();
    let out = run(&d, &["rules", "check", "bad.yaml"]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`points` 应是分数，写 `1` 或 `1分`，不带其他单位（这里写的是 5元）"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("分值的比例写 `share`"),
        "{}",
        out.stderr
    );
}

/// “完成率100%以上得满分；80%（含）–100%按完成率计分；60%（含）–80%按完成率×分值×0.8；60%以下
/// 不得分”: a band that scores by the completion ratio (`by_ratio`). The anchor refused the key
/// (`rules::unknown-key`), and no band of share or points can write it.
#[test]
fn a_band_scores_by_the_completion_ratio() {
    let d = reports::dir("lead24", "by-ratio");
    std::fs::write(
        d.join("a.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
         道路\t产出指标\t数量指标\t里程A\t≥100公里\t90公里\t20\n\
         道路\t产出指标\t数量指标\t里程B\t≥100公里\t70公里\t20\n\
         道路\t产出指标\t数量指标\t里程C\t≥100公里\t50公里\t20\n\
         道路\t产出指标\t数量指标\t里程D\t≥100公里\t120公里\t30\n\
         道路\t\t\t预算执行率\t100%\t95%\t10\n",
    )
    .unwrap();
    std::fs::write(
        d.join("m.yaml"),
        "rules:\n  - id: p.qty\n    when: subcategory == \"数量指标\"\n    \
         tiers: {on: ratio, bands: [{at_least: 100%, share: 100%}, {at_least: 80%, by_ratio: 100%}, {at_least: 60%, by_ratio: 80%}, {points: 0}]}\n  \
         - id: p.budget\n    when: indicator == \"预算执行率\"\n    \
         tiers: {on: actual, bands: [{at_least: 90%, by_ratio: 100%}, {points: 0}]}\n",
    )
    .unwrap();
    let out = run(
        &d,
        &["evaluate", "a.tsv", "--rules", "m.yaml", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let scores: Vec<&str> = indicators(&v)
        .iter()
        .map(|r| r["score"].as_str().unwrap())
        .collect();
    // 20 × 90 %; 20 × 70 % × 0.8; below 60 %: 0; met: 30
    assert_eq!(scores, ["18.00", "11.20", "0.00", "30.00"]);
    let p = &v["projects"][0];
    // the budget line: 10 × 95 %
    assert_eq!(p["budget_score"], "9.50", "{p}");
    assert_eq!(p["score"], "68.70", "{p}");
    let note = indicators(&v)[1]["note"].as_str().unwrap();
    assert!(note.contains("得 20 × 完成率 70% × 80% = 11.2"), "{note}");
    // a lateness band has no completion ratio: refused at its line
    std::fs::write(
        d.join("late.yaml"),
        "rules:\n  - id: p.late\n    when: subcategory == \"时效指标\"\n    \
         tiers: {on: lateness, bands: [{up_to: 30天, by_ratio: 100%}]}\n",
    )
    .unwrap();
    let late = run(&d, &["rules", "check", "late.yaml"]);
    assert_ne!(late.code, 0, "{}", late.stderr);
    assert!(
        late.stderr.contains("逾期分档（`on: lateness`）没有完成率"),
        "{}",
        late.stderr
    );
    assert!(late.stderr.contains("late.yaml:4:"), "{}", late.stderr);
}

/// A 2023 table whose deadlines say 2022 (copied from last year's table) or 2024: with
/// `--year`, review names the year written, at its characters; a deadline without a year, or
/// one that says 次年 on purpose, is not named; without `--year` nothing is asked. The anchor
/// named none.
#[test]
fn review_names_a_deadline_in_another_year() {
    let d = reports::dir("lead24", "deadline-year");
    std::fs::write(
        d.join("t.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\n\
         修缮\t产出指标\t时效指标\t完工时间\t2022年12月底前\n\
         修缮\t产出指标\t时效指标\t验收时间\t2024年6月30日前\n\
         修缮\t产出指标\t时效指标\t资金拨付\t次年3月底前\n\
         修缮\t产出指标\t时效指标\t开工时间\t2023年3月前\n\
         修缮\t产出指标\t时效指标\t结算时间\t12月底前\n",
    )
    .unwrap();
    let out = run(
        &d,
        &["review", "t.tsv", "--year", "2023", "--format", "json"],
    );
    let v: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    let found: Vec<String> = reports::findings_of(&v, "review.deadline-outside-year");
    assert_eq!(
        found,
        [
            "指标“完工时间”的时限写的是 2022 年，早于 2023 年度",
            "指标“验收时间”的时限写的是 2024 年，晚于 2023 年度",
        ],
        "{v}"
    );
    let text = run(&d, &["review", "t.tsv", "--year", "2023"]);
    assert!(text.stdout.contains("t.tsv:2:"), "{}", text.stdout);
    let no_year = run(&d, &["review", "t.tsv", "--format", "json"]);
    assert!(
        !no_year.stdout.contains("review.deadline-outside-year"),
        "{}",
        no_year.stdout
    );
}

/// `require: target <= 2023年12月31日`: conditions compare quantities and texts, not dates. The
/// anchor said “这不是一个数量” (it is a date); the message says dates are not compared and
/// where the year's deadlines are checked.
#[test]
fn a_date_in_a_condition_is_said_to_be_a_date() {
    let d = reports::dir("lead24", "date-condition");
    std::fs::write(
        d.join("d.yaml"),
        "rules:\n  - id: audit.in-year\n    when: kind == \"deadline\"\n    require: target <= 2023年12月31日\n    message: 完成时限应在本年度内\n",
    )
    .unwrap();
    let out = run(&d, &["rules", "check", "d.yaml"]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("日期不能在条件中比较"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("review.deadline-outside-year"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("d.yaml:4:24"), "{}", out.stderr);
}

/// A row naming a new project whose 全年预算数 is not a number (`十`) is skipped with its
/// error; the rows below it that leave 单位 and 项目 empty are that project's, as written. The
/// anchor filled them down from the project above the skipped row (crediting 项目二's rows to
/// 项目一), and where a streamed block began after the skipped row it scored them as a second
/// part of 项目一 with a `stream.project-split` warning that nothing came between: the streamed
/// and the whole reading differed (found by H175).
#[test]
fn rows_below_a_skipped_project_row_are_that_projects() {
    let d = reports::dir("lead24", "skipped-project-row");
    let mut sheet = String::from(
        "单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n甲局\t项目一\t\t\t\t\t100\t90\n",
    );
    let mut i = 0;
    // past the streamed reader's first block (32 KB), so a block begins after the skipped row
    while sheet.len() < 33_000 {
        i += 1;
        sheet.push_str(&format!(
            "\t\t产出指标\t指标{i}\t≥90%\t{}%\t\t\n",
            90 + i % 10
        ));
    }
    sheet.push_str("\t项目二\t产出指标\t坏行\t≥90%\t95%\t十\t\n");
    for k in 0..5 {
        sheet.push_str(&format!("\t\t产出指标\t后续{k}\t≥90%\t85%\t\t\n"));
    }
    std::fs::write(d.join("s.tsv"), &sheet).unwrap();
    let streamed = run(&d, &["evaluate", "s.tsv", "--format", "csv"]);
    let whole = run(
        &d,
        &["evaluate", "s.tsv", "--format", "csv", "--no-streaming"],
    );
    assert_eq!(streamed.stdout, whole.stdout);
    assert!(
        !streamed.stderr.contains("stream.project-split"),
        "{}",
        streamed.stderr
    );
    assert!(
        streamed.stderr.contains("全年预算数「十」不是数字"),
        "{}",
        streamed.stderr
    );
    for k in 0..5 {
        let row = whole
            .stdout
            .lines()
            .find(|l| l.contains(&format!(",后续{k},")))
            .unwrap_or_else(|| panic!("{}", whole.stdout));
        assert!(row.starts_with("甲局,项目二,"), "{row}");
    }
}
