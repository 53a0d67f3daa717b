//! Sheets a finance officer really has, read figure by figure against the sheet itself: two
//! tables of different column orders in one sheet (a second header row with its columns moved),
//! read by each header's own columns or left unread and named, streamed (across blocks) and
//! whole alike (issue 27, the eleventh session).

use std::path::PathBuf;

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::run;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    reports::dir("shapes", name)
}

/// The fields each indicator is compared by, whole and streamed alike.
const FIELDS: [&str; 5] = ["project", "target", "actual", "verdict", "score"];

/// Each indicator of a whole report (`--format json`) as [`FIELDS`].
fn whole_rows(json: &str) -> Vec<[String; 5]> {
    reports::whole_fields(json, FIELDS)
}

/// Each indicator line of a streamed report (`--format jsonl`), as [`whole_rows`] gives it.
fn streamed_rows(jsonl: &str) -> Vec<[String; 5]> {
    reports::streamed_fields(jsonl, FIELDS)
}

const HEAD: &str = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n";
const MOVED: &str = "项目\t一级指标\t二级指标\t三级指标\t实际完成值\t年度指标值\t分值\n";

#[test]
fn a_second_table_past_many_streamed_blocks_is_read_by_its_own_header_throughout() {
    // the second table (actual before target) runs for ~300 KB past its header: blocks of
    // 32 KB after the one holding the header row are read with the header in force, streamed
    // as whole; a page break's copy of the moved header says nothing more, and a copy of the
    // first header further down goes back to the first header's columns
    let d = dir("far-second");
    let mut text = String::from(HEAD);
    for p in 0..50 {
        text.push_str(&format!(
            "A{p}\t产出指标\t数量指标\t人数\t≥100人\t120人\t100\n"
        ));
    }
    text.push_str(MOVED);
    for p in 0..3000 {
        if p == 1500 {
            text.push_str(MOVED);
        }
        text.push_str(&format!(
            "B{p}\t产出指标\t数量指标\t人数\t80人\t≥100人\t100\n"
        ));
    }
    text.push_str(HEAD);
    for p in 0..50 {
        text.push_str(&format!(
            "C{p}\t产出指标\t数量指标\t人数\t≥100人\t90人\t100\n"
        ));
    }
    std::fs::write(d.join("two.tsv"), &text).unwrap();
    let streamed = run(&d, &["evaluate", "two.tsv", "--format", "jsonl"]);
    assert_eq!(streamed.code, 0, "{}", streamed.stderr);
    let whole = run(
        &d,
        &["evaluate", "two.tsv", "--format", "json", "--no-streaming"],
    );
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let (s, w) = (streamed_rows(&streamed.stdout), whole_rows(&whole.stdout));
    assert_eq!(s.len(), 3100);
    assert_eq!(s, w);
    for r in &s {
        let expect = match r[0].as_bytes()[0] {
            b'A' => ["≥100人", "120人", "pass", "100.00"],
            b'B' => ["≥100人", "80人", "fail", "80.00"],
            _ => ["≥100人", "90人", "fail", "90.00"],
        };
        assert_eq!(r[1..], expect, "{r:?}");
    }
    // one warning, at the first moved header (line 52): its copy and the first header's say
    // nothing
    for r in [&streamed, &whole] {
        assert_eq!(
            r.stderr.matches("table.header-moved").count(),
            1,
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("two.tsv:52:1"), "{}", r.stderr);
    }
    let inspect = run(&d, &["inspect", "two.tsv"]);
    assert!(
        inspect.stdout.contains("读取 3100 行，跳过 0 行"),
        "{}",
        inspect.stdout
    );
}

#[test]
fn rows_under_a_header_that_cannot_be_read_the_same_way_are_named_never_read_by_the_wrong_columns()
{
    // the second table splits its target (指标性质 | 指标值 | 度量单位) where the first writes
    // it whole: read by the first header's columns its rows lose the comparator and the unit
    // (or worse); they are left unread, each an error at its line, streamed and whole, and the
    // first table's rows read as ever
    let d = dir("unreadable");
    let mut text = String::from(HEAD);
    text.push_str("A\t产出指标\t数量指标\t人数\t≥100人\t120人\t100\n");
    text.push_str(
        "项目\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\n",
    );
    text.push_str("B\t产出指标\t数量指标\t人数\t≥\t100\t人\t80人\t100\n");
    text.push_str("C\t产出指标\t数量指标\t人数\t≥\t100\t人\t120人\t100\n");
    std::fs::write(d.join("split.tsv"), &text).unwrap();
    for args in [
        &["evaluate", "split.tsv", "--format", "jsonl"][..],
        &[
            "evaluate",
            "split.tsv",
            "--format",
            "json",
            "--no-streaming",
        ],
    ] {
        let r = run(&d, args);
        let rows = match args[3] {
            "jsonl" => streamed_rows(&r.stdout),
            _ => whole_rows(&r.stdout),
        };
        assert_eq!(
            rows,
            [["A", "≥100人", "120人", "pass", "100.00"].map(str::to_owned)],
            "{args:?}: {}",
            r.stdout
        );
        let all = format!("{}{}", r.stdout, r.stderr);
        for line in [3, 4, 5] {
            assert!(all.contains(&format!("split.tsv:{line}:")), "{line}: {all}");
        }
        assert!(
            all.contains("本表表头没有「指标性质」「度量单位」列"),
            "{all}"
        );
    }
    let inspect = run(&d, &["inspect", "split.tsv"]);
    assert!(
        inspect.stdout.contains("读取 3 行，跳过 2 行"),
        "{}",
        inspect.stdout
    );
}

#[test]
fn a_flat_sheets_total_row_is_its_printed_total_checked_never_an_indicator() {
    // a flat sheet's 总分 / 合计 row (the 三级指标 column, or the 一级指标 column with no
    // 三级指标) was read as an indicator: 分值 100 beside the indicators' 100 (seen only through
    // eval.points-not-100), its 得分 scored as its own. Now it is the project's printed total,
    // checked against the rows as a form's 总分 row is, streamed and whole alike
    let d = dir("total-row");
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
        P\t产出指标\t数量指标\t人数\t≥100人\t120人\t50\t50\n\
        P\t效益指标\t社会效益指标\t满意度\t≥90%\t85%\t50\t40\n\
        P\t\t\t总分\t\t\t100\t90\n\
        Q\t产出指标\t数量指标\t人数\t≥100人\t120人\t50\t50\n\
        Q\t效益指标\t社会效益指标\t满意度\t≥90%\t85%\t50\t40\n\
        Q\t\t\t合计\t\t\t100\t95\n\
        R\t产出指标\t数量指标\t人数\t≥100人\t120人\t60\t60\n\
        R\t效益指标\t社会效益指标\t满意度\t≥90%\t95%\t40\t40\n\
        R\t合计\t\t\t\t\t120\t100\n";
    std::fs::write(d.join("totals.tsv"), text).unwrap();
    let streamed = run(&d, &["evaluate", "totals.tsv", "--format", "jsonl"]);
    let whole = run(
        &d,
        &[
            "evaluate",
            "totals.tsv",
            "--format",
            "json",
            "--no-streaming",
        ],
    );
    for r in [&streamed, &whole] {
        assert_eq!(r.code, 0, "{}", r.stderr);
        // the 得分 and the 分值 against the printed figures, each named where they disagree
        for said in [
            "原表总分 95 与表中各项得分之和 90 不一致",
            "原表分值合计 120 与表中各项分值之和 100 不一致",
        ] {
            assert!(r.stderr.contains(said), "{said}\n{}", r.stderr);
        }
        assert_eq!(
            r.stderr.matches("table.form-total-mismatch").count(),
            2,
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("points-not-100"), "{}", r.stderr);
    }
    let s = streamed_rows(&streamed.stdout);
    let w = whole_rows(&whole.stdout);
    assert_eq!(s, w);
    // six indicators, none of them a total
    let names: Vec<&str> = s.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["P", "P", "Q", "Q", "R", "R"]);
    let v: Value = serde_json::from_str(&whole.stdout).unwrap();
    let projects: Vec<[String; 5]> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("").to_owned();
            [
                s("project"),
                s("weights"),
                s("published_score"),
                s("status"),
                s("score"),
            ]
        })
        .collect();
    let expect = [
        ["P", "100.00", "90", "scored", "97.22"],
        ["Q", "100.00", "95", "unchecked", ""],
        ["R", "100.00", "100", "unchecked", ""],
    ];
    assert_eq!(projects, expect.map(|p| p.map(str::to_owned)));
    // the streamed summary counts the two projects left unchecked, as the whole one does
    let summary: Value = serde_json::from_str(streamed.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["summary"]["waiting"], 2, "{}", streamed.stdout);
    assert_eq!(v["summary"]["indicators"], 6);
}

#[test]
fn a_unit_written_in_the_target_or_actual_header_is_the_unit_of_the_bare_figures_under_it() {
    // `年度指标值（万元）` beside `实际完成值（元）`: the bare figures were compared as written,
    // 500,000 元 of income against ≥100 万元 passed (500000 ≥ 100) and 900,000 元 spent against
    // ≤100 万元 scored 0.01; a figure that writes its own unit keeps it. Streamed and whole
    let d = dir("header-units");
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值（万元）\t实际完成值（元）\t分值\n\
        P\t产出指标\t数量指标\t收入\t≥100\t500000\t50\n\
        P\t产出指标\t数量指标\t支出\t≤100\t900000\t30\n\
        P\t效益指标\t经济效益指标\t节约\t≥10万元\t120000\t20\n";
    std::fs::write(d.join("units.tsv"), text).unwrap();
    let streamed = run(&d, &["evaluate", "units.tsv", "--format", "jsonl"]);
    let whole = run(
        &d,
        &[
            "evaluate",
            "units.tsv",
            "--format",
            "json",
            "--no-streaming",
        ],
    );
    let s = streamed_rows(&streamed.stdout);
    assert_eq!(s, whole_rows(&whole.stdout));
    let expect = [
        ["P", "≥100万元", "500000元", "fail", "25.00"],
        ["P", "≤100万元", "900000元", "pass", "30.00"],
        ["P", "≥10万元", "120000元", "pass", "20.00"],
    ];
    assert_eq!(s, expect.map(|r| r.map(str::to_owned)));
    for r in [&streamed, &whole] {
        assert_eq!(
            r.stderr.matches("table.header-unit").count(),
            2,
            "{}",
            r.stderr
        );
    }
}
