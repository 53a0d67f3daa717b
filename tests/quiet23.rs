//! The eleven quiet readings the twenty-second session found and left (issue 27, twenty-third
//! session, H161): each input made by hand from its description, each reading held to what a
//! finance officer expects — a correct reading, or the row sent to a person with both readings
//! named, never a confident wrong figure.
//!
//! Each test fails on the anchor build; `JIXIAO_BIN=/path/to/jixiao` runs them against another
//! binary (the anchor) to see it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[path = "support/flat_book.rs"]
mod flat_book;
use flat_book::workbook;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::Run;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    reports::dir("quiet23", name)
}

/// `jixiao ARGS` in `cwd` (the binary `JIXIAO_BIN` names, else this build's); a panic fails.
fn run(cwd: &Path, args: &[&str]) -> Run {
    let bin = std::env::var("JIXIAO_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_jixiao").into());
    let out = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

/// `evaluate FILE --format json MORE…` in `cwd` with [`run`], which must succeed: the report.
fn report_in(cwd: &Path, file: &str, more: &[&str]) -> Value {
    let mut args = vec!["evaluate", file, "--format", "json"];
    args.extend_from_slice(more);
    let r = run(cwd, &args);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// The flat sheet header every sheet here has: split target columns, as the 2024 template.
const HEAD: &str =
    "项目名称\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\n";

/// `sheet` (rows after [`HEAD`]) evaluated whole (`json`) and streamed (`jsonl`), which agree:
/// each indicator as `[indicator, verdict, score, note]`, and the whole report.
fn scored(d: &Path, rows: &str, more: &[&str]) -> (Vec<[String; 4]>, Value) {
    std::fs::write(d.join("t.tsv"), format!("{HEAD}{rows}")).unwrap();
    let mut whole = vec!["evaluate", "t.tsv", "--format", "json", "--no-streaming"];
    whole.extend_from_slice(more);
    let mut streamed = vec!["evaluate", "t.tsv", "--format", "jsonl"];
    streamed.extend_from_slice(more);
    let w = run(d, &whole);
    assert_eq!(w.code, 0, "{}", w.stderr);
    let s = run(d, &streamed);
    assert_eq!(s.code, 0, "{}", s.stderr);
    let fields = ["indicator", "verdict", "score", "note"];
    let rows = reports::whole_fields(&w.stdout, fields);
    assert_eq!(rows, reports::streamed_fields(&s.stdout, fields));
    (rows, serde_json::from_str(&w.stdout).unwrap())
}

/// The row of `rows` named `name`.
fn named<'a>(rows: &'a [[String; 4]], name: &str) -> &'a [String; 4] {
    rows.iter()
        .find(|r| r[0] == name)
        .unwrap_or_else(|| panic!("{name}: {rows:?}"))
}

/// Item 9: `>98%` against exactly 98 % was 未达标 with the whole weight (the partial credit,
/// measured against the target's value, is 98 ÷ 98): a verdict and points that disagree. It
/// goes to a person now, both named; `≥98%` and a figure past the target are as before.
#[test]
fn exactly_at_a_strict_target_goes_to_a_person() {
    let d = dir("strict");
    let (rows, _) = scored(
        &d,
        "甲项目\t产出指标\t质量指标\t达标率\t>\t98\t%\t98%\t10\n\
         甲项目\t产出指标\t质量指标\t合格率\t≥\t98\t%\t98%\t10\n\
         甲项目\t产出指标\t质量指标\t优良率\t>\t98\t%\t97%\t10\n\
         甲项目\t产出指标\t时效指标\t办结时间\t<\t5\t个工作日\t5个工作日\t10\n",
        &[],
    );
    let strict = named(&rows, "达标率");
    assert_eq!((&*strict[1], &*strict[2]), ("review", ""), "{strict:?}");
    assert!(
        strict[3].contains("恰等于目标值 98") && strict[3].contains("“>”是否本意为“≥”"),
        "{strict:?}"
    );
    let below = named(&rows, "办结时间");
    assert_eq!((&*below[1], &*below[2]), ("review", ""), "{below:?}");
    assert_eq!(named(&rows, "合格率")[1], "pass");
    let missed = named(&rows, "优良率");
    assert_eq!((&*missed[1], &*missed[2]), ("fail", "9.90"));
}

/// Item 7: `≥5个百分点` (a rise of five points) against `5%` (a level) passed. A level is no
/// change: to a person; a change in points (`6个百分点`, or bare: the target's unit) is scored.
#[test]
fn a_rise_in_points_is_not_compared_with_a_level_in_percent() {
    let d = dir("points");
    let (rows, _) = scored(
        &d,
        "甲项目\t效益指标\t社会效益指标\t就业率提高\t≥\t5\t个百分点\t5%\t10\n\
         甲项目\t效益指标\t社会效益指标\t覆盖率提高\t≥\t5\t个百分点\t6个百分点\t10\n\
         甲项目\t效益指标\t社会效益指标\t入学率提高\t≥\t5\t个百分点\t4\t10\n\
         甲项目\t效益指标\t社会效益指标\t参保率提高\t≥\t5\t个百分点\t80%\t10\n",
        &[],
    );
    for name in ["就业率提高", "参保率提高"] {
        let r = named(&rows, name);
        assert_eq!((&*r[1], &*r[2]), ("review", ""), "{r:?}");
        assert!(r[3].contains("不是变化的百分点数"), "{r:?}");
    }
    assert_eq!(named(&rows, "覆盖率提高")[1], "pass");
    let bare = named(&rows, "入学率提高");
    assert_eq!((&*bare[1], &*bare[2]), ("fail", "8.00"), "{bare:?}");
}

/// Item 8: `0.95%` against `≥95%` was read as written and scored 0.1: most likely 95 % typed
/// as the fraction with a `%`. Both readings differ, so a person decides, both named; a figure
/// that is far from the target read either way (`0.02%` against `≥10%`: 2 % is not within a
/// factor of three of it) and a ceiling (`0.5%` against `≤5%`) read as written.
#[test]
fn a_percentage_a_hundred_times_too_small_goes_to_a_person() {
    let d = dir("hundredfold");
    let (rows, _) = scored(
        &d,
        "甲项目\t产出指标\t质量指标\t合格率\t≥\t95\t%\t0.95%\t10\n\
         甲项目\t产出指标\t质量指标\t完好率\t≥\t90\t%\t0.9%\t10\n\
         甲项目\t产出指标\t质量指标\t下降率\t≤\t5\t%\t0.5%\t10\n\
         甲项目\t产出指标\t质量指标\t增长率\t≥\t10\t%\t0.02%\t10\n\
         甲项目\t产出指标\t质量指标\t达标率\t≥\t95\t%\t96%\t10\n",
        &[],
    );
    for (name, hundred) in [
        ("合格率", "按 95% 读取，达标"),
        ("完好率", "按 90% 读取，达标"),
    ] {
        let r = named(&rows, name);
        assert_eq!((&*r[1], &*r[2]), ("review", ""), "{r:?}");
        assert!(
            r[3].contains(hundred) && r[3].contains("按所写读取，未达标"),
            "{r:?}"
        );
    }
    assert_eq!(named(&rows, "下降率")[1], "pass");
    // 2 % is not near 10 %: read as written
    assert_eq!(named(&rows, "增长率")[1], "fail");
    assert_eq!(named(&rows, "达标率")[1], "pass");
}

/// Item 10: a range of a count (`5000-6000株`) counted 6,500 planted as a miss (10 × 6000 ÷
/// 6500). More is better by the direction rules: the range's top is no ceiling, 达标, the
/// direction rule named; below the range it is scored as before; a rule file that names the
/// range's formula for the indicator keeps the top as a ceiling; a rate's range is a band.
#[test]
fn a_count_past_its_ranges_top_is_met_where_more_is_better() {
    let d = dir("range");
    let rows = "甲项目\t产出指标\t数量指标\t植树数量\t\t5000-6000\t株\t6500株\t10\n\
                甲项目\t产出指标\t数量指标\t培训人数\t\t50-60\t人\t45人\t10\n\
                甲项目\t产出指标\t数量指标\t控制率\t\t90-95\t%\t98%\t10\n";
    let (got, _) = scored(&d, rows, &[]);
    let trees = named(&got, "植树数量");
    assert_eq!((&*trees[1], &*trees[2]), ("pass", "10.00"), "{trees:?}");
    assert!(
        trees[3].contains("高于区间上限 6000") && trees[3].contains("default.direction.higher"),
        "{trees:?}"
    );
    let people = named(&got, "培训人数");
    assert_eq!((&*people[1], &*people[2]), ("fail", "9.00"), "{people:?}");
    assert_eq!(named(&got, "控制率")[1], "fail");
    // a rule of the file's own naming the range's formula: the top is a ceiling again
    std::fs::write(
        d.join("r.yaml"),
        "rules:\n  - id: my.range\n    when: indicator == \"植树数量\"\n    formula: range_distance\n",
    )
    .unwrap();
    let (got, _) = scored(&d, rows, &["--rules", "r.yaml"]);
    assert_eq!(named(&got, "植树数量")[1], "fail");
}

/// Items 5 and 6: `小于等于11月` in the split columns of a 时效指标 (`小于等于` | `11` | `月`)
/// was ≤ 11 months — `10月` could not be compared and `12` scored 9.17 — and a bare actual
/// `10` against `≤11月` could not be compared, the 度量单位 月 not applied. A deadline now:
/// by November, `10` is 10月. A length of time (`建设周期`) stays months; `11月底前` beside a
/// 度量单位 of 月 is the deadline, not `11月底前月`.
#[test]
fn a_month_in_words_in_a_timeliness_row_is_a_deadline() {
    let d = dir("deadline");
    let (rows, _) = scored(
        &d,
        "甲项目\t产出指标\t时效指标\t项目完成时间\t小于等于\t11\t月\t10月\t10\n\
         甲项目\t产出指标\t时效指标\t验收时间\t小于等于\t11\t月\t12\t10\n\
         甲项目\t产出指标\t时效指标\t资金拨付\t不超过\t11\t月\t10\t10\n\
         甲项目\t产出指标\t时效指标\t开工时间\t≤\t11\t月\t10\t10\n\
         甲项目\t产出指标\t时效指标\t竣工时间\t\t11月底前\t月\t10\t10\n\
         甲项目\t产出指标\t时效指标\t建设周期\t小于等于\t11\t月\t10个月\t10\n\
         甲项目\t产出指标\t时效指标\t交付时间\t≤\t11\t月\t10个月\t10\n",
        &["--year", "2023"],
    );
    for name in ["项目完成时间", "资金拨付", "开工时间", "竣工时间"] {
        let r = named(&rows, name);
        assert_eq!((&*r[1], &*r[2]), ("pass", "10.00"), "{r:?}");
    }
    let late = named(&rows, "验收时间");
    assert_eq!((&*late[1], &*late[2]), ("fail", "0.00"), "{late:?}");
    assert!(late[3].contains("按目标的月份读取"), "{late:?}");
    // ten months taken is no month of the year
    assert_ne!(named(&rows, "交付时间")[1], "pass");
    let months = named(&rows, "建设周期");
    assert_eq!((&*months[1], &*months[2]), ("pass", "10.00"), "{months:?}");
    // the targets as read: a deadline where the name is a time, else months
    std::fs::write(
        d.join("t.txt"),
        "项目完成时间\t小于等于11月\n建设周期\t小于等于11月\n培训时长\t不超过11月\n",
    )
    .unwrap();
    let p = run(
        &d,
        &["parse", "--format", "jsonl", "--year", "2023", "t.txt"],
    );
    assert_eq!(p.code, 0, "{}", p.stderr);
    let kinds: Vec<String> = p
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(kinds, ["deadline", "compare", "compare"], "{}", p.stdout);
}

/// Item 11: `floor.ratio_below` above 100 % (or a bare `60`, 6000 %) was accepted without a
/// word: every indicator it holds for, met or not, got only `share`. Warned of at load, with
/// the file, line and column; the rule kept; 60 % loads quietly.
#[test]
fn a_floor_above_a_hundred_percent_is_warned_of_where_written() {
    let d = dir("floor");
    std::fs::write(
        d.join("r.yaml"),
        "rules:\n  - id: my.floor\n    when: category == \"产出指标\"\n    floor: {ratio_below: 60, share: 0}\n",
    )
    .unwrap();
    let r = run(&d, &["rules", "check", "r.yaml"]);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("高于 100%") && all.contains("6000%"), "{all}");
    assert!(all.contains("r.yaml:4:"), "the floor's line: {all}");
    std::fs::write(
        d.join("ok.yaml"),
        "rules:\n  - id: my.floor\n    when: category == \"产出指标\"\n    floor: {ratio_below: 60%, share: 0}\n",
    )
    .unwrap();
    let r = run(&d, &["rules", "check", "ok.yaml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!format!("{}{}", r.stdout, r.stderr).contains("高于 100%"));
}

/// Item 3: a form's 预算执行率 row of `1.5` (no `%`) and 10 points, no amounts, was scored as
/// 1.5 % (0.15 points): 150 % written as a fraction is as likely. The ten points wait for a
/// person, with a warning naming both readings; `95` is still 95 % and `96%` as written.
#[test]
fn a_bare_execution_rate_of_two_readings_waits_for_a_person() {
    let d = dir("rate");
    let form = |rate: &str| {
        format!(
            "项目支出绩效自评表\n项目名称\t社区养老服务\n主管部门\t某区民政局\t实施单位\t某街道办\n\
             一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
             预算执行率\t\t\t\t{rate}\t10\t\t\n\
             产出指标\t数量指标\t服务人次\t≥1000人次\t1200人次\t50\t50\t\n\
             效益指标\t社会效益指标\t服务覆盖率\t≥90%\t95%\t30\t30\t\n\
             满意度指标\t服务对象满意度指标\t满意度\t≥90%\t96%\t10\t10\t\n"
        )
    };
    std::fs::write(d.join("f.tsv"), form("1.5")).unwrap();
    let v = report_in(&d, "f.tsv", &[]);
    let p = &v["projects"][0];
    assert_eq!(p["score"].as_str(), Some("90.00"), "{p}");
    assert_eq!(p["pending"].as_str(), Some("10.00"), "{p}");
    let doubt = reports::findings_of(&v, "table.form-rate-doubt");
    assert_eq!(doubt.len(), 1, "{v}");
    assert!(
        doubt[0].contains("150%") && doubt[0].contains("1.5%"),
        "{doubt:?}"
    );
    for (rate, score) in [("95", "99.50"), ("96%", "99.60")] {
        std::fs::write(d.join("f.tsv"), form(rate)).unwrap();
        let v = report_in(&d, "f.tsv", &[]);
        assert_eq!(reports::score(&v), score, "{rate}");
        assert!(reports::findings_of(&v, "table.form-rate-doubt").is_empty());
    }
}

/// Item 1: a percent cell past 150 % was judged against its target's percentage with the
/// target's minus sign dropped: `200%` against `≤-80%` was "与指标值相称，是实际比率" (80 is
/// near 200), an info note. A rate of the other sign is near neither reading: the doubt, a
/// warning; a target of the same sign is judged as before.
#[test]
fn a_negative_percentage_target_keeps_its_sign_when_a_percent_cell_is_judged() {
    let d = dir("percent-sign");
    let bytes = workbook(&[
        ("成本变动率", "≤-80%", 2.0, "0%"),
        ("完成率", "≥90%", 1.6, "0%"),
    ]);
    std::fs::write(d.join("f.xlsx"), bytes).unwrap();
    let r = run(&d, &["evaluate", "f.xlsx", "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // the reader's findings, one paragraph each on stderr
    let of = |target: &str| {
        r.stderr
            .split("table.percent-format-whole-number")
            .find(|m| m.contains(&format!("（指标值 {target}）")))
            .unwrap_or_else(|| panic!("{target}: {}", r.stderr))
            .to_owned()
    };
    let negative = of("≤-80%");
    assert!(negative.contains("请人工核对"), "{negative}");
    assert!(!negative.contains("与指标值相称"), "{negative}");
    assert!(of("≥90%").contains("与指标值相称，是实际比率"));
}

/// Item 2: a time cell (`0:30` in `h:mm`) against `≥100件/分钟` (a rate, per minute) was read
/// as a duration of 30 minutes, as if the target were a time. A rate is no time: the cell is
/// read as shown, no "按时长读取"; against `≤30分钟` it is the duration, as before.
#[test]
fn a_time_cell_against_a_rate_per_minute_is_no_duration() {
    let d = dir("rate-per-minute");
    let half_hour = 30.0 / 1440.0;
    let bytes = workbook(&[
        ("处理能力", "≥100件/分钟", half_hour, "h:mm"),
        ("响应时间", "≤45分钟", half_hour, "h:mm"),
    ]);
    std::fs::write(d.join("f.xlsx"), bytes).unwrap();
    let v = report_in(&d, "f.xlsx", &[]);
    let rows = reports::scored(&v);
    let rate = rows.iter().find(|r| r[0] == "处理能力").unwrap();
    assert!(!rate[2].contains("分钟"), "{rate:?}");
    assert_ne!(rate[3], "pass", "{rate:?}");
    let time = rows.iter().find(|r| r[0] == "响应时间").unwrap();
    assert_eq!((&*time[2], &*time[3]), ("30分钟", "pass"), "{time:?}");
}

/// A printed page of a form saved as a web page: `第{page}页 共2页`, its project, and its rows.
fn page(project: &str, page: u32, rows: &[[&str; 5]], total: bool) -> String {
    let mut t = String::from("<html><body><table border=1>\n");
    if page == 1 {
        t.push_str("<tr><td colspan=7>项目支出绩效自评表</td></tr>\n");
        t.push_str(&format!(
            "<tr><td>项目名称</td><td colspan=6>{project}</td></tr>\n"
        ));
        t.push_str("<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>\n");
    }
    for [name, target, actual, weight, score] in rows {
        t.push_str(&format!(
            "<tr><td>产出指标</td><td>数量指标</td><td>{name}</td><td>{target}</td><td>{actual}</td><td>{weight}</td><td>{score}</td></tr>\n"
        ));
    }
    if total {
        t.push_str("<tr><td colspan=5>总分</td><td>100</td><td>100</td></tr>\n");
    }
    t.push_str(&format!(
        "<tr><td colspan=7>第{page}页 共2页</td></tr>\n</table></body></html>\n"
    ));
    t
}

/// Item 4: the other printed pages of a form were looked for among the folder's first 4,096
/// entries (in the disk's order), then the first 32 web pages by name: in a folder of forty
/// other forms' first pages (`a01.html` … `a40.html`), page 2 (`自评表_第2页.html`, sorting
/// after them) was never looked at, and the form was read as its first page. Pages are
/// looked at nearest name first: it is joined. Where a page is still missing past the bounds
/// (`zz.html`), the warning says how many pages were not looked at, and names the first.
#[test]
fn a_page_among_many_other_pages_is_found_or_the_pages_not_looked_at_are_named() {
    let one = [["培训人数", "≥100人", "120人", "50", "50"]];
    let two = [["满意度", "≥90%", "95%", "50", "50"]];
    for (second, joined) in [("自评表_第2页.html", true), ("zz.html", false)] {
        let d = dir(if joined { "pages-found" } else { "pages-named" });
        for k in 1..=40 {
            let other = page(&format!("其他项目{k}"), 1, &one, false);
            std::fs::write(d.join(format!("a{k:02}.html")), other).unwrap();
        }
        std::fs::write(
            d.join("自评表_第1页.html"),
            page("培训项目", 1, &one, false),
        )
        .unwrap();
        std::fs::write(d.join(second), page("培训项目", 2, &two, true)).unwrap();
        let r = run(&d, &["evaluate", "自评表_第1页.html", "--format", "jsonl"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let names: Vec<String> = reports::streamed_fields(&r.stdout, ["indicator"])
            .into_iter()
            .map(|[n]| n)
            .collect();
        if joined {
            assert_eq!(names, ["培训人数", "满意度"], "{}", r.stderr);
            assert!(r.stderr.contains("table.page-files-joined"), "{}", r.stderr);
        } else {
            assert_eq!(names, ["培训人数"], "{}", r.stderr);
            assert!(
                r.stderr.contains("另有 9 个网页未查看") && r.stderr.contains("a33.html"),
                "{}",
                r.stderr
            );
        }
    }
}
