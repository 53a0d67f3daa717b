//! The lead's probe of session 23 as a user: a flat self-evaluation sheet whose 预算执行率 row
//! writes the rate itself (`100%` | `93.5%`), not the budget's amounts. It is the project's
//! budget line, as the contract says of a row named 预算执行率 and as a per-project form's is:
//! the anchor kept it as an indicator without a category (a `review.missing-category`
//! warning on every project, a second empty 预算执行率 line 不计分 beside it, and no
//! `execution_rate` in JSON for the tools that read it).

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::run;

const SHEET: &str = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
     道路养护\t\t\t预算执行率\t100%\t93.5%\t10\t9.35\n\
     道路养护\t产出指标\t数量指标\t道路养护里程\t≥120公里\t84公里\t45\t\n\
     道路养护\t满意度指标\t满意度\t群众满意度\t≥90%\t95%\t45\t\n\
     校舍维修\t预算执行率\t\t预算执行率\t≥100%\t100.00%\t10\t\n\
     校舍维修\t产出指标\t数量指标\t维修校舍面积\t3000平方米\t3150平方米\t90\t\n\
     考核执行\t\t\t预算执行率\t≥95%\t93%\t10\t\n\
     考核执行\t产出指标\t数量指标\t维修数量\t10个\t10个\t90\t\n";

fn report(args: &[&str]) -> Value {
    let d = reports::dir("lead23", "rate-row");
    std::fs::write(d.join("a.tsv"), SHEET).unwrap();
    let mut all = vec!["evaluate", "a.tsv"];
    all.extend_from_slice(args);
    let out = run(&d, &all);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

#[test]
fn a_rate_row_against_the_whole_budget_is_the_budget_line() {
    let v = report(&["--format", "json"]);
    let p = &v["projects"];
    // 道路养护: the rate 93.5 % on 10 points (9.35, as printed), the indicators 45 × 84/120
    // and 45: 9.35 + 31.5 + 45 = 85.85; no indicator row is named 预算执行率
    assert_eq!(p[0]["execution_rate"], "93.50", "{}", p[0]);
    assert_eq!(p[0]["score"], "85.85", "{}", p[0]);
    let names: Vec<&str> = p[0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["道路养护里程", "群众满意度"]);
    // 校舍维修: `≥100%` with its 一级指标 naming the budget too: the budget line, 100 %
    assert_eq!(p[1]["execution_rate"], "100.00", "{}", p[1]);
    assert_eq!(p[1]["score"], "100.00", "{}", p[1]);
    // 考核执行: a target below the whole budget (`≥95%`) is an indicator's, scored as one
    // (10 × 93 ÷ 95 = 9.79), not the budget line's 10 × 93 % = 9.30
    assert_eq!(p[2]["execution_rate"], Value::Null, "{}", p[2]);
    assert_eq!(p[2]["indicators"][0]["indicator"], "预算执行率");
    assert_eq!(p[2]["indicators"][0]["score"], "9.79");
}

#[test]
fn the_streamed_report_reads_the_rate_row_the_same() {
    let d = reports::dir("lead23", "rate-row-streamed");
    std::fs::write(d.join("a.tsv"), SHEET).unwrap();
    let whole = run(
        &d,
        &["evaluate", "a.tsv", "--format", "csv", "--no-streaming"],
    );
    let streamed = run(&d, &["evaluate", "a.tsv", "--format", "csv"]);
    assert_eq!(whole.stdout, streamed.stdout);
    // the project's 预算执行率 row carries the rate, its points and the printed score
    let line = streamed
        .stdout
        .lines()
        .find(|l| l.starts_with(",道路养护,,预算执行率"))
        .unwrap_or_else(|| panic!("{}", streamed.stdout));
    assert!(line.contains(",执行率 93.50%,,10.00,9.35,9.35,"), "{line}");
    assert!(
        !streamed.stdout.contains(",道路养护,1,,,预算执行率"),
        "{}",
        streamed.stdout
    );
}

#[test]
fn review_asks_no_category_of_the_budget_line() {
    let d = reports::dir("lead23", "rate-row-review");
    std::fs::write(d.join("a.tsv"), SHEET).unwrap();
    let out = run(&d, &["review", "a.tsv"]);
    let text = format!("{}{}", out.stdout, out.stderr);
    // only 考核执行's row, an indicator without a 一级指标, is asked for one
    assert_eq!(text.matches("review.missing-category").count(), 2, "{text}");
    assert_eq!(
        text.matches("指标“预算执行率”缺少一级指标").count(),
        1,
        "{text}"
    );
    assert!(text.contains("7 │ 考核执行"), "{text}");
}

/// `deduct: {per: 1月}` (a month of the year, as targets read it): the anchor said only "`per`
/// 应是一个正的数量，如 `5%`、`1`", which a user who wrote a month cannot act on; the message now
/// names the way (`1个月`), at the value's line and column, and `1个月` is accepted.
#[test]
fn a_step_written_as_a_month_of_the_year_says_to_write_months() {
    let d = reports::dir("lead23", "per-month");
    let rule = |per: &str, beyond: &str| {
        format!(
            "rules:\n  - id: bureau.late\n    when: subcategory == \"时效指标\"\n    deduct: {{per: {per}, points: 2{beyond}}}\n"
        )
    };
    std::fs::write(d.join("bad.yaml"), rule("1月", "")).unwrap();
    std::fs::write(d.join("grace.yaml"), rule("1个月", ", beyond: 2月")).unwrap();
    std::fs::write(d.join("good.yaml"), rule("1个月", "")).unwrap();
    let bad = run(&d, &["rules", "check", "bad.yaml"]);
    assert_ne!(bad.code, 0, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("`per` 的 `1月` 读作日期（1月份）：按月计写 `1个月`"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("bad.yaml:4:13"), "{}", bad.stderr);
    let grace = run(&d, &["rules", "check", "grace.yaml"]);
    assert!(
        grace.stderr.contains("按月计写 `2个月`"),
        "{}",
        grace.stderr
    );
    let good = run(&d, &["rules", "check", "good.yaml"]);
    assert_eq!(good.code, 0, "{}", good.stderr);
}

/// An `other_row` limit on a row whose points were rescaled (a row not applicable beside it):
/// the note showed the cap with 28 decimals (`至多得 11.111111111111111111111111111`), the other
/// figures of the same note four; it is shown as they are.
#[test]
fn an_other_row_cap_is_shown_as_the_notes_other_figures() {
    let d = reports::dir("lead23", "other-row");
    std::fs::write(
        d.join("a.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
         道路养护\t产出指标\t数量指标\t路灯维修数量\t500盏\t260盏\t10\n\
         道路养护\t效益指标\t社会效益指标\t道路通行安全事故数\t≤2起\t3起\t40\n\
         道路养护\t满意度指标\t满意度\t群众满意度\t≥90%\t86%\t20\n\
         道路养护\t产出指标\t数量指标\t道路养护里程\t≥120公里\t120公里\t30\n",
    )
    .unwrap();
    std::fs::write(
        d.join("m.yaml"),
        "rules:\n  - id: b.na\n    when: indicator contains \"路灯\"\n    not_applicable: true\n  \
         - id: b.other\n    when: category == \"满意度指标\"\n    other_row: {when: indicator contains \"安全事故\" and actual > target, share: 50%, message: 发生安全事故，满意度得分减半}\n",
    )
    .unwrap();
    let out = run(
        &d,
        &["evaluate", "a.tsv", "--rules", "m.yaml", "--format", "json"],
    );
    let v: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr));
    let row = &v["projects"][0]["indicators"][2];
    assert_eq!(row["indicator"], "群众满意度", "{row}");
    assert_eq!(row["score"], "11.11", "{row}");
    let note = row["note"].as_str().unwrap();
    assert!(note.ends_with("：至多得 11.1111"), "{note}");
}

/// `jixiao evaluate` on the fill-in workbook `jixiao template` wrote, before it is filled: the
/// anchor's first way forward was to run `jixiao template` on that workbook again. It now says
/// the workbook is already the per-project 自评表 to fill in; a target table still gets the
/// template command.
#[test]
fn an_unfilled_fill_in_workbook_is_told_to_be_filled_not_templated() {
    let d = reports::dir("lead23", "unfilled");
    let targets = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/guangzhou-hpf-2023/targets.tsv");
    std::fs::copy(&targets, d.join("targets.tsv")).unwrap();
    let made = run(&d, &["template", "targets.tsv", "-o", "fill.xlsx"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let out = run(&d, &["evaluate", "fill.xlsx"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("eval.no-actuals"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("1. fill.xlsx 已是按项目的自评表：在各项目的实际完成值栏"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr
            .contains("jixiao template fill.xlsx -o 自评表.xlsx"),
        "{}",
        out.stderr
    );
    let table = run(&d, &["evaluate", "targets.tsv"]);
    assert!(
        table
            .stderr
            .contains("1. jixiao template targets.tsv -o 自评表.xlsx"),
        "{}",
        table.stderr
    );
}

/// Two years' actual columns: `inspect` told the user "其他年度用 --year 选列" but had no
/// `--year` (the anchor refused the flag), and `review --year 2022` read the 2023 column. Both
/// now read the year asked, as `evaluate` does.
#[test]
fn inspect_and_review_read_the_year_asked() {
    let d = reports::dir("lead23", "years");
    std::fs::write(
        d.join("years.tsv"),
        "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t分值\t2022年完成值\t2023年完成值\n\
         培训项目\t产出指标\t数量指标\t培训人数\t≥100人\t10\t120人\t80人\n",
    )
    .unwrap();
    let asked = run(&d, &["inspect", "years.tsv", "--year", "2022"]);
    assert_eq!(asked.code, 0, "{}", asked.stderr);
    assert!(asked.stdout.contains("≥100人  → 120人"), "{}", asked.stdout);
    let latest = run(&d, &["inspect", "years.tsv"]);
    assert!(
        latest.stdout.contains("≥100人  → 80人"),
        "{}",
        latest.stdout
    );
    let review = run(&d, &["review", "years.tsv", "--year", "2022"]);
    let said = format!("{}{}", review.stdout, review.stderr);
    assert!(
        said.contains("按 --year 2022，读取「2022年完成值」列"),
        "{said}"
    );
}

/// A deadline whose month or day does not exist (`2023年13月底前`, `6月31日前`) passed review
/// without a word on the anchor, and is read as a qualitative target (待评定 at year end); review
/// now names the date at its characters. Ages and spans of months are no dates.
#[test]
fn review_names_a_date_that_does_not_exist() {
    let d = reports::dir("lead23", "dates");
    std::fs::write(
        d.join("t.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\n\
         便民服务\t产出指标\t时效指标\t完成时间\t2023年13月底前\n\
         便民服务\t产出指标\t时效指标\t验收时间\t6月31日前\n\
         便民服务\t产出指标\t数量指标\t0-36月龄儿童管理人数\t≥1200人\n\
         便民服务\t产出指标\t时效指标\t建设周期\t12个月\n\
         便民服务\t产出指标\t时效指标\t开工时间\t2023年3月底前\n",
    )
    .unwrap();
    let out = run(&d, &["review", "t.tsv", "--format", "json"]);
    let v: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    let found: Vec<String> = reports::findings_of(&v, "review.impossible-date");
    assert_eq!(
        found,
        [
            "指标“完成时间”的年度指标值写了不存在的日期“2023年13月”（没有 13 月）",
            "指标“验收时间”的年度指标值写了不存在的日期“6月31日”（6 月只有 30 天）",
        ],
        "{v}"
    );
}

/// `群众满意度 | 100人`: the anchor's unit check read only names ending in 率, so a satisfaction
/// written as a head count passed it (only the satisfaction floor said it could not compare).
/// A satisfaction in % or in survey points (`≥90分`) is not flagged.
#[test]
fn review_names_a_satisfaction_written_in_people() {
    let d = reports::dir("lead23", "satisfaction");
    std::fs::write(
        d.join("t.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\n\
         便民服务\t满意度指标\t服务对象满意度指标\t群众满意度\t100人\n\
         便民服务\t满意度指标\t服务对象满意度指标\t师生满意度\t≥90分\n\
         便民服务\t满意度指标\t服务对象满意度指标\t企业满意度\t≥95%\n",
    )
    .unwrap();
    let out = run(&d, &["review", "t.tsv", "--format", "json"]);
    let v: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    let found = reports::findings_of(&v, "review.unit-mismatch");
    assert_eq!(found, ["指标“群众满意度”的年度指标值单位与名称不符"], "{v}");
}
