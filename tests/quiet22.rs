//! The small quiet readings left open by the twentieth session (issue 27, twenty-second session,
//! H153): each input made by hand from its description, each reading checked against what the
//! form (or the rule file) itself says.

use std::path::PathBuf;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::run;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    reports::dir("quiet22", name)
}

/// Grade bands whose scores contradict their names (`优 ≥ 80`, `良 ≥ 90`) graded 85 as 优 and 92
/// as 良, silently: `rules check` now refuses the file at the later band's `min_score`, with
/// `rules.band-order`, as does `evaluate` with it; in the right order it reads.
#[test]
fn grade_bands_out_of_order_are_refused_where_written() {
    let d = dir("bands");
    let own = "rules:\n  - id: my.band.top\n    band: 优\n    min_score: 80\n  - id: my.band.good\n    band: 良好\n    min_score: 90\n  - id: my.band.poor\n    band: 差\n    min_score: 0\n";
    std::fs::write(d.join("bands.yaml"), own).unwrap();
    let r = run(&d, &["rules", "check", "bands.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("rules.band-order"), "{all}");
    assert!(
        all.contains("bands.yaml:7:"),
        "the second band's min_score: {all}"
    );
    // overriding one bundled band past the one above it
    std::fs::write(
        d.join("over.yaml"),
        "rules:\n  - id: default.band.good\n    min_score: 92\n",
    )
    .unwrap();
    let r = run(&d, &["rules", "check", "over.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(
        all.contains("rules.band-order") && all.contains("over.yaml:3:"),
        "{all}"
    );
    // in order, and bands of the file's own names, read
    std::fs::write(
        d.join("ok.yaml"),
        "rules:\n  - id: default.band.good\n    min_score: 85\n  - id: my.band.a\n    band: A\n    min_score: 95\n",
    )
    .unwrap();
    let r = run(&d, &["rules", "check", "ok.yaml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

/// The actuals of each indicator of `file` read with `args` more, streamed (jsonl) and whole
/// (json) alike, and the run's stderr.
fn actuals_both_ways(d: &std::path::Path, file: &str, args: &[&str]) -> (Vec<String>, String) {
    let mut streamed = vec!["evaluate", file, "--format", "jsonl"];
    streamed.extend_from_slice(args);
    let mut whole = vec!["evaluate", file, "--format", "json", "--no-streaming"];
    whole.extend_from_slice(args);
    let s = run(d, &streamed);
    let w = run(d, &whole);
    assert_eq!(s.code, 0, "{}", s.stderr);
    let streamed = reports::streamed_fields(&s.stdout, ["actual"]);
    assert_eq!(streamed, reports::whole_fields(&w.stdout, ["actual"]));
    (streamed.into_iter().map(|[a]| a).collect(), s.stderr)
}

/// A sheet with two years' actual columns (`2022年完成值 | 2023年完成值`) read the title's year,
/// else the latest, whatever `--year` said: `--year 2022` scored the 2023 figures against the
/// year's targets. The year asked now chooses the column, before the title's; a year no column
/// names is a warning beside the column read.
#[test]
fn the_year_asked_chooses_among_two_years_actual_columns() {
    let d = dir("years");
    let sheet = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t分值\t2022年完成值\t2023年完成值\n\
                 培训项目\t产出指标\t数量指标\t培训人数\t≥100人\t10\t120人\t80人\n\
                 培训项目\t效益指标\t满意度指标\t满意度\t≥90%\t10\t85%\t95%\n";
    std::fs::write(d.join("years.tsv"), sheet).unwrap();
    let (latest, _) = actuals_both_ways(&d, "years.tsv", &[]);
    assert_eq!(latest, ["80人", "95%"]);
    let (asked, stderr) = actuals_both_ways(&d, "years.tsv", &["--year", "2022"]);
    assert_eq!(asked, ["120人", "85%"], "{stderr}");
    assert!(stderr.contains("按 --year 2022"), "{stderr}");
    let (none, stderr) = actuals_both_ways(&d, "years.tsv", &["--year", "2021"]);
    assert_eq!(none, ["80人", "95%"]);
    assert!(
        stderr.contains("警告") && stderr.contains("没有 2021 年的列"),
        "{stderr}"
    );
    // the year asked before the title's
    let titled = format!("2023年度项目支出绩效自评表\n{sheet}");
    std::fs::write(d.join("titled.tsv"), titled).unwrap();
    let (title, _) = actuals_both_ways(&d, "titled.tsv", &[]);
    assert_eq!(title, ["80人", "95%"]);
    let (asked, stderr) = actuals_both_ways(&d, "titled.tsv", &["--year", "2022"]);
    assert_eq!(asked, ["120人", "85%"]);
    assert!(stderr.contains("标题的年度是 2023"), "{stderr}");
}

/// Each indicator of `file` (evaluated streamed and whole alike, `args` more) as
/// `[indicator, actual, verdict, score]`, and the notes of the streamed rows by indicator.
fn verdicts(d: &std::path::Path, file: &str) -> Vec<[String; 4]> {
    const FIELDS: [&str; 4] = ["indicator", "actual", "verdict", "score"];
    let s = run(d, &["evaluate", file, "--format", "jsonl"]);
    let w = run(d, &["evaluate", file, "--format", "json", "--no-streaming"]);
    assert_eq!(s.code, 0, "{}", s.stderr);
    let streamed = reports::streamed_fields(&s.stdout, FIELDS);
    assert_eq!(streamed, reports::whole_fields(&w.stdout, FIELDS));
    streamed
}

/// The note of the indicator `name` in a streamed report of `file`.
fn note_of(d: &std::path::Path, file: &str, name: &str) -> String {
    let s = run(d, &["evaluate", file, "--format", "jsonl"]);
    reports::streamed_fields(&s.stdout, ["indicator", "note"])
        .into_iter()
        .find(|[i, _]| i == name)
        .map(|[_, n]| n)
        .unwrap_or_else(|| panic!("no {name}: {}", s.stdout))
}

/// A bare fraction (`0.5`) against a percentage target of at most 1 % (`≤1%`) was read as
/// 0.5 % and passed with full points, where a cell that lost its percent format means 50 %:
/// where the two readings differ (verdict or score) a person decides, both named; where they
/// agree (`0.8` against `≥0.5%`), it is scored as before.
#[test]
fn a_bare_fraction_against_a_target_of_at_most_one_percent_is_not_decided_silently() {
    let d = dir("fractions");
    let sheet = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t分值\t实际完成值\n\
                 检测项目\t产出指标\t质量指标\t差错率\t≤0.5%\t10\t0.3\n\
                 检测项目\t产出指标\t质量指标\t故障率\t≤1%\t10\t0.5\n\
                 检测项目\t产出指标\t质量指标\t漏报率\t≤0.5%\t10\t0.8\n\
                 检测项目\t产出指标\t质量指标\t检出率\t≥0.5%\t10\t0.8\n\
                 检测项目\t产出指标\t质量指标\t返工率\t≤1%\t10\t0.5%\n";
    std::fs::write(d.join("fractions.tsv"), sheet).unwrap();
    let rows = verdicts(&d, "fractions.tsv");
    let of = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .map(|r| [r[2].as_str(), r[3].as_str()])
            .unwrap()
    };
    assert_eq!(of("差错率"), ["review", ""]);
    assert_eq!(of("故障率"), ["review", ""]);
    // both fail, with scores a hundred times apart
    assert_eq!(of("漏报率"), ["review", ""]);
    // 0.8 % and 80 % both meet ≥0.5 % in full
    assert_eq!(of("检出率"), ["pass", "10.00"]);
    // written with its %: as before
    assert_eq!(of("返工率"), ["pass", "10.00"]);
    let note = note_of(&d, "fractions.tsv", "故障率");
    assert!(
        note.contains("读作 0.5%，达标") && note.contains("即 50%，未达标"),
        "{note}"
    );
}

/// A bare zero target was always read `≤ 0` (`0起`: none): `收入增长率 0%` against 3 % scored
/// 0 and `覆盖率 0` against 95 % failed, where the name says higher is better and `≥ 0` reads
/// them met. Where the indicator's name reads the other way and the two readings differ, a
/// person decides, both named; a count of events (`新增失信人数 0`, `办公安全性 0起`) stays
/// `≤ 0`, and an actual both readings agree on (0 %) is scored.
#[test]
fn a_bare_zero_target_whose_name_reads_the_other_way_is_not_decided_silently() {
    let d = dir("zeros");
    let sheet = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t分值\t实际完成值\n\
                 产业项目\t效益指标\t经济效益指标\t收入增长率\t0%\t10\t3%\n\
                 产业项目\t效益指标\t经济效益指标\t成本增长率\t0%\t10\t0%\n\
                 产业项目\t效益指标\t社会效益指标\t覆盖率\t0\t10\t95%\n\
                 产业项目\t效益指标\t社会效益指标\t新增失信人数\t0\t10\t2\n\
                 产业项目\t产出指标\t质量指标\t安全事故\t0起\t10\t0起\n\
                 产业项目\t产出指标\t质量指标\t事故发生率\t0\t10\t1%\n\
                 产业项目\t产出指标\t质量指标\t办公安全性\t0起\t10\t1起\n";
    std::fs::write(d.join("zeros.tsv"), sheet).unwrap();
    let rows = verdicts(&d, "zeros.tsv");
    let of = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .map(|r| [r[2].as_str(), r[3].as_str()])
            .unwrap()
    };
    assert_eq!(of("收入增长率"), ["review", ""]);
    assert_eq!(of("成本增长率"), ["pass", "10.00"]);
    assert_eq!(of("覆盖率"), ["review", ""]);
    assert_eq!(of("新增失信人数"), ["fail", "0.00"]);
    assert_eq!(of("安全事故"), ["pass", "10.00"]);
    assert_eq!(of("事故发生率"), ["fail", "0.00"]);
    // a count's zero (`0起`) is none of them, whatever the name says (the bundled sample's)
    assert_eq!(of("办公安全性"), ["fail", "0.00"]);
    let note = note_of(&d, "zeros.tsv", "收入增长率");
    assert!(
        note.contains("读作 ≤0，未达标") && note.contains("≥0，达标"),
        "{note}"
    );
}

/// An indicator's name folded onto a second row (`参加培训的基层` / `干部人数`: the second row
/// holds the rest of the name and nothing else) was read as two indicators, the second 无法比较
/// with the category's points left (52.5 of them in the text sheet; in the workbook the merged
/// 分值 split 5 / 5): one indicator now, its name joined, said (`table.name-folded`).
#[test]
fn a_name_folded_onto_a_second_row_is_one_indicator() {
    let d = dir("folded");
    let sheet = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t分值\t实际完成值\n\
                 培训项目\t产出指标\t数量指标\t参加培训的基层\t≥100人\t10\t120人\n\
                 \t\t\t干部人数\t\t\t\n\
                 培训项目\t效益指标\t满意度指标\t满意度\t≥90%\t10\t95%\n";
    std::fs::write(d.join("folded.tsv"), sheet).unwrap();
    let book =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quiet22/folded.xlsx");
    std::fs::copy(book, d.join("folded.xlsx")).unwrap();
    for file in ["folded.tsv", "folded.xlsx"] {
        let rows = verdicts(&d, file);
        let names: Vec<[&str; 3]> = rows
            .iter()
            .map(|r| [r[0].as_str(), r[2].as_str(), r[3].as_str()])
            .collect();
        assert_eq!(
            names,
            [
                ["参加培训的基层干部人数", "pass", "10.00"],
                ["满意度", "pass", "10.00"]
            ],
            "{file}"
        );
        let r = run(&d, &["evaluate", file]);
        assert!(
            r.stderr.contains("table.name-folded"),
            "{file}: {}",
            r.stderr
        );
    }
    // a template's placeholder or a numbered name of its own is no rest of the name above
    let placeholders = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t分值\t实际完成值\n\
                        培训项目\t产出指标\t数量指标\t培训人数\t≥100人\t10\t120人\n\
                        \t\t\t……\t\t\t\n\
                        \t\t\t指标2：\t\t\t\n\
                        \t\t\t（三）开班次数\t\t\t\n";
    std::fs::write(d.join("placeholders.tsv"), placeholders).unwrap();
    let names: Vec<String> = verdicts(&d, "placeholders.tsv")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(names, ["培训人数", "……", "指标2：", "（三）开班次数"]);
}

/// `evaluate FILE --format json`'s one project as `[status, score, budget_weight,
/// execution_rate]`.
fn project_total(d: &std::path::Path, file: &str) -> [String; 4] {
    let r = run(d, &["evaluate", file, "--format", "json"]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let p = &v["projects"][0];
    ["status", "score", "budget_weight", "execution_rate"]
        .map(|k| p[k].as_str().unwrap_or("").to_owned())
}

/// A form that prints budget execution as a label above its grid (`预算执行率（10分）`) with the
/// rate beside it or on the row below (`95%`), no funds block and no grid row of it, was
/// 未核对: its 分值 summed 90 of the printed 100, its 得分 90 of 99.5. The label is the budget
/// line now (10 points, scored from the rate printed, said), and the printed 总分 confirms it;
/// a 总分 the reading does not give stays 未核对.
#[test]
fn a_budget_label_above_the_grid_with_its_rate_is_the_budget_line() {
    let d = dir("budget-label");
    let form = |budget: &str, total: &str| {
        format!(
            "项目支出绩效自评表,,,,,,,\n（2023年度）,,,,,,,\n项目名称,社区养老服务补助,,,,,,\n\
             主管部门,某区民政局,,,实施单位,某区民政局,,\n{budget}\
             一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n\
             产出指标,数量指标,服务老人数,≥500人,520人,30,30,\n\
             产出指标,质量指标,服务合格率,≥95%,96%,20,20,\n\
             效益指标,社会效益指标,老人生活质量改善,有所改善,达成,20,20,\n\
             满意度指标,服务对象满意度指标,老人满意度,≥90%,92%,20,20,\n\
             总分,,,,,100,{total},\n"
        )
    };
    let beside = "预算执行率（10分）,95%,,,,,,\n";
    let below = "预算执行率（10分）,,,,,,,\n95%,,,,,,,\n";
    std::fs::write(d.join("beside.csv"), form(beside, "99.5")).unwrap();
    std::fs::write(d.join("below.csv"), form(below, "99.5")).unwrap();
    std::fs::write(d.join("off.csv"), form(beside, "98")).unwrap();
    for file in ["beside.csv", "below.csv"] {
        assert_eq!(
            project_total(&d, file),
            ["scored", "99.50", "10.00", "95.00"],
            "{file}"
        );
        let r = run(&d, &["inspect", file]);
        assert!(
            r.stdout.contains("指标表上方的「预算执行率」标签"),
            "{}",
            r.stdout
        );
    }
    assert_eq!(project_total(&d, "off.csv")[..2], ["unchecked", ""]);
}

/// Time cells as each sheet shows them: an `.ods` cell in its own `number:time-style` was read
/// through a guessed `[h]:mm:ss` (4.5 s in `mm:ss.0` read 5秒 and failed `≤4.8秒`; 36 hours in
/// a truncating `h:mm`, shown `12:00`, read 36小时; a time of day `1:30 PM` read 13.5小时 and
/// passed `≥8小时`), and an `.xlsx` cell in `mm:ss.0` was no time format at all (read
/// `1899-12-31T00:00`, 待评定). Both now read as shown, alike: 4.5秒, 12小时 (with the
/// warning that the day is not shown), 36小时, and `1:30 PM` left to a person.
#[test]
fn time_cells_read_as_their_own_styles_show_them_in_ods_and_xlsx() {
    let d = dir("times");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quiet22");
    for book in ["times.ods", "times.xlsx"] {
        std::fs::copy(fixtures.join(book), d.join(book)).unwrap();
        let rows = verdicts(&d, book);
        let got: Vec<[&str; 3]> = rows
            .iter()
            .map(|r| [r[1].as_str(), r[2].as_str(), r[3].as_str()])
            .collect();
        assert_eq!(
            got,
            [
                ["4.5秒", "pass", "10.00"],
                ["12小时", "fail", "6.67"],
                ["36小时", "pass", "10.00"],
                ["1:30 PM", "review", ""],
            ],
            "{book}"
        );
        let r = run(&d, &["evaluate", book]);
        assert!(
            r.stderr.contains("时间格式不显示整天"),
            "{book}: {}",
            r.stderr
        );
    }
}
