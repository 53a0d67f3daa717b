//! The small quiet readings left open by the twentieth session (issue 27, twenty-second session,
//! H153): each input made by hand from its description, each reading checked against what the
//! form (or the rule file) itself says.

use std::path::PathBuf;

#[path = "support/reports.rs"]
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
