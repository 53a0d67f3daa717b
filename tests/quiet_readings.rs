//! Readings that gave a figure with confidence the form itself contradicts, or dropped a signal,
//! left open by the eleventh session (issue 27, twelfth session, H78): each sheet or form made by
//! hand from its description, every figure checked against it, streamed and whole alike where a
//! sheet streams.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{Run, run};

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    reports::dir("quiet", name)
}

/// The fields each indicator is compared by, whole and streamed alike.
const FIELDS: [&str; 4] = ["target", "actual", "verdict", "score"];

/// Each indicator of a whole report (`--format json`) as [`FIELDS`].
fn whole_rows(json: &str) -> Vec<[String; 4]> {
    reports::whole_fields(json, FIELDS)
}

/// Each indicator line of a streamed report (`--format jsonl`), as [`whole_rows`] gives it.
fn streamed_rows(jsonl: &str) -> Vec<[String; 4]> {
    reports::streamed_fields(jsonl, FIELDS)
}

/// `evaluate` of `file` in `d`, streamed (jsonl) and whole (json): both runs, after checking
/// that they give the same rows.
fn both_ways(d: &Path, file: &str) -> (Run, Run) {
    let streamed = run(d, &["evaluate", file, "--format", "jsonl"]);
    let whole = run(d, &["evaluate", file, "--format", "json", "--no-streaming"]);
    assert_eq!(
        streamed_rows(&streamed.stdout),
        whole_rows(&whole.stdout),
        "{}\n{}",
        streamed.stderr,
        whole.stderr
    );
    (streamed, whole)
}

fn rows(expect: &[[&str; 4]]) -> Vec<[String; 4]> {
    expect.iter().map(|r| r.map(str::to_owned)).collect()
}

#[test]
fn days_written_as_tian_or_ri_and_weeks_as_zhou_or_xingqi_are_one_unit() {
    // `≤5天` against `4日` was 无法比较 ("单位不同且无法换算"): the same unit in two
    // spellings. Units that differ (小时 against a bare 时, a clock hour; 月 against a date)
    // are still not converted
    let d = dir("days");
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
        P\t产出指标\t时效指标\t办理时限\t≤5天\t4日\t20\n\
        P\t产出指标\t时效指标\t办结时限\t≤5日\t6天\t20\n\
        P\t产出指标\t时效指标\t更新周期\t≤2周\t1星期\t20\n\
        P\t产出指标\t时效指标\t响应\t≤2小时\t1时\t20\n\
        P\t产出指标\t时效指标\t工期\t≤30天\t1个月\t20\n";
    std::fs::write(d.join("days.tsv"), text).unwrap();
    let (streamed, _) = both_ways(&d, "days.tsv");
    assert_eq!(
        streamed_rows(&streamed.stdout),
        rows(&[
            ["≤5天", "4日", "pass", "20.00"],
            ["≤5日", "6天", "fail", "16.67"],
            ["≤2周", "1星期", "pass", "20.00"],
            ["≤2小时", "1时", "invalid", ""],
            ["≤30天", "1个月", "invalid", ""],
        ])
    );
}

#[test]
fn a_negative_execution_is_named_beside_its_score() {
    // 全年执行数 -5 of a budget of 100 scored budget execution 0 without a word; now a warning
    // beside the score (still 0: the rate capped at 0 %), from the sheet and from an actuals file
    let d = dir("negative-spent");
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t全年预算数\t全年执行数\n\
        P\t\t\t\t\t\t10\t100\t-5\n\
        P\t产出指标\t数量指标\t人数\t≥100人\t120人\t90\t\t\n\
        Q\t\t\t\t\t\t10\t100\t95\n\
        Q\t产出指标\t数量指标\t人数\t≥100人\t120人\t90\t\t\n";
    std::fs::write(d.join("spent.tsv"), text).unwrap();
    let (streamed, whole) = both_ways(&d, "spent.tsv");
    for r in [&streamed, &whole] {
        assert_eq!(r.code, 0, "{}", r.stderr);
        let said = "项目“P”的全年执行数为负数（预算执行率 -5%）";
        assert_eq!(r.stdout.matches(said).count(), 1, "{}", r.stdout);
        assert_eq!(
            r.stdout.matches("eval.execution-implausible").count(),
            1,
            "{}",
            r.stdout
        );
    }
    let v: Value = serde_json::from_str(&whole.stdout).unwrap();
    let p = &v["projects"][0];
    assert_eq!(p["project"], "P");
    assert_eq!(p["score"], "90.00", "{p}");
    // from an actuals file too
    std::fs::write(
        d.join("actuals.yaml"),
        "projects:\n  - project: Q\n    spent: -5\n",
    )
    .unwrap();
    let r = run(
        &d,
        &["evaluate", "spent.tsv", "actuals.yaml", "--format", "jsonl"],
    );
    assert!(
        r.stdout
            .contains("项目“Q”的全年执行数为负数（预算执行率 -5%）"),
        "{}",
        r.stdout
    );
}

#[cfg(unix)]
#[test]
fn template_of_a_folder_names_a_fifo_or_a_broken_link_in_it() {
    // `jixiao template FOLDER` passed over a FIFO named x.csv (never opened) without a word;
    // evaluate, inspect and review name it (pile.not-a-file): template now does too
    let d = dir("template-fifo");
    let forms = d.join("forms");
    std::fs::create_dir_all(&forms).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/guangzhou-hpf-2023");
    std::fs::copy(sample.join("targets.tsv"), forms.join("targets.tsv")).unwrap();
    let fifo = forms.join("x.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/nonexistent/jixiao", forms.join("y.xlsx")).unwrap();
    let r = run(&d, &["template", "forms", "-o", "actuals.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("pile.not-a-file").count(),
        2,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("x.csv 是命名管道（FIFO）"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("y.xlsx 是无法访问的链接或文件"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("29 个项目、77 个指标"), "{}", r.stderr);
}

/// A per-project form (CSV, as Excel saves one) with the indicator grid's header `head` and
/// rows `rows`, under a funds block whose 年度资金总额 row is `funds` and 其中 rows `parts`.
fn form(head: &str, rows: &[&str], funds: &str, parts: &[&str]) -> String {
    let mut s = String::from(
        "项目支出绩效自评表,,,,,,,\n\
         项目名称,社区图书室运行经费,,,,,,\n\
         主管部门,某某县文旅局,,实施单位,某某县图书馆,,,\n\
         项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n",
    );
    s.push_str(funds);
    s.push('\n');
    for p in parts {
        s.push_str(p);
        s.push('\n');
    }
    s.push_str(head);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

#[test]
fn a_forms_figure_header_unit_is_the_unit_of_the_bare_figures_under_it() {
    // a flat sheet reads `年度指标值（%）` / `实际完成值（万元）` as the unit of the bare figures
    // under them (table.header-unit); a per-project form did not: `≥90` against `0.95` under
    // `年度指标值（%）` scored 0.32 of 30 ("30 × 0.95 ÷ 90") without a word, and 800,000 元
    // written bare under `实际完成值（元）` against `≥100` under `年度指标值（万元）` passed
    let d = dir("form-header-unit");
    let funds = ",年度资金总额,100,100,100,10,100%,10";
    let percent = form(
        "一级指标,二级指标,三级指标,年度指标值（%）,实际完成值（%）,分值,得分,偏差原因",
        &[
            "产出指标,质量指标,图书完好率,≥90,0.95,30,,",
            "产出指标,质量指标,合格率,≥95,96,30,,",
            "效益指标,社会效益指标,借阅人次,≥5000人次,4500人次,20,,",
            "满意度指标,服务对象满意度指标,读者满意度,≥90%,85,10,,",
        ],
        funds,
        &[],
    );
    std::fs::write(d.join("percent.csv"), percent).unwrap();
    let money = form(
        "一级指标,二级指标,三级指标,年度指标值（万元）,实际完成值（元）,分值,得分,偏差原因",
        &[
            "产出指标,经济成本指标,收入,≥100,800000,45,,",
            "产出指标,经济成本指标,支出,≤100,900000,45,,",
        ],
        funds,
        &[],
    );
    std::fs::write(d.join("money.csv"), money).unwrap();
    let expect: [(&str, &[[&str; 4]]); 2] = [
        (
            "percent.csv",
            &[
                ["≥90%", "0.95", "review", ""],
                ["≥95%", "96", "pass", "30.00"],
                ["≥5000人次", "4500人次", "fail", "18.00"],
                ["≥90%", "85", "fail", "9.44"],
            ],
        ),
        (
            "money.csv",
            &[
                ["≥100万元", "800000元", "fail", "36.00"],
                ["≤100万元", "900000元", "pass", "45.00"],
            ],
        ),
    ];
    for (file, rows_expected) in expect {
        let r = run(
            &d,
            &["evaluate", file, "--format", "json", "--no-streaming"],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(whole_rows(&r.stdout), rows(rows_expected), "{file}");
        assert_eq!(
            r.stderr.matches("table.header-unit").count(),
            2,
            "{file}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_forms_funds_parts_in_another_money_unit_are_converted_before_they_are_compared() {
    // the 其中 check compared the amounts before their units were converted: 全年执行数
    // `8,800,000元` in a 万元 block against 其中 880 gave a false "总额 8800000 ≠ 其中各项之和
    // 880" beside the right reading (880 万元). Converted, they agree; a sum that still
    // disagrees (870 万元) stays a finding, named in the total's unit
    let d = dir("form-parts-units");
    let grid = "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因";
    let rows = [
        "产出指标,数量指标,图书数量,≥100册,120册,90,90,",
        "总分,,,,,100,98.8,",
    ];
    let cases = [
        (
            "agree.csv",
            ",年度资金总额,1000,1000,\"8,800,000元\",10,88%,8.8",
            [
                ",其中：本年财政拨款,1000,1000,880,,,",
                ",上年结转资金,,,,,,",
            ],
            None,
        ),
        (
            "parts-in-yuan.csv",
            ",年度资金总额,1000,1000,880,10,88%,8.8",
            [
                ",其中：本年财政拨款,1000,1000,8000000元,,,",
                ",上年结转资金,,,80万元,,,",
            ],
            None,
        ),
        (
            "differ.csv",
            ",年度资金总额,1000,1000,\"8,800,000元\",10,88%,8.8",
            [
                ",其中：本年财政拨款,1000,1000,870,,,",
                ",上年结转资金,,,,,,",
            ],
            Some("全年执行数：总额 8800000 元 ≠ 其中各项之和 870 万元 即 8700000 元"),
        ),
        (
            "same-unit-differ.csv",
            ",年度资金总额,1000,1000,880,10,88%,8.8",
            [
                ",其中：本年财政拨款,1000,1000,870,,,",
                ",上年结转资金,,,,,,",
            ],
            Some("全年执行数：总额 880 ≠ 其中各项之和 870"),
        ),
    ];
    for (file, funds, parts, mismatch) in cases {
        std::fs::write(d.join(file), form(grid, &rows, funds, &parts)).unwrap();
        let r = run(
            &d,
            &["evaluate", file, "--format", "json", "--no-streaming"],
        );
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        match mismatch {
            None => assert!(
                !r.stderr.contains("table.form-funds-mismatch"),
                "{file}: {}",
                r.stderr
            ),
            Some(said) => {
                assert!(r.stderr.contains(said), "{file}: {said}\n{}", r.stderr);
                assert_eq!(
                    r.stderr.matches("table.form-funds-mismatch").count(),
                    1,
                    "{file}: {}",
                    r.stderr
                );
            }
        }
        // budget execution read in one unit either way: 880 of 1000 万元
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        let p = &v["projects"][0];
        assert_eq!(p["execution_rate"], "88.00", "{file}: {p}");
        assert_eq!(p["money_unit"], "万元", "{file}: {p}");
    }
}

#[test]
fn a_fraction_under_a_percent_actual_header_beside_a_percent_target_goes_to_a_person() {
    // under `年度指标值（%）` and `实际完成值（%）`, `0.95` (a cell that lost its percent format)
    // was read `0.95%` against `≥90%`: 0.53 of 50 without a word. Beside a target in %, a bare
    // actual reads in the target's unit all the same, so the fraction goes to a person; `96`
    // still passes, streamed and whole alike
    let d = dir("percent-fraction");
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值（%）\t实际完成值（%）\t分值\n\
        P\t产出指标\t质量指标\t完好率\t≥90\t0.95\t50\n\
        P\t产出指标\t质量指标\t合格率\t≥95\t96\t50\n";
    std::fs::write(d.join("percent.tsv"), text).unwrap();
    let (streamed, _) = both_ways(&d, "percent.tsv");
    assert_eq!(
        streamed_rows(&streamed.stdout),
        rows(&[
            ["≥90%", "0.95", "review", ""],
            ["≥95%", "96", "pass", "50.00"],
        ])
    );
}

/// A workbook of `rows` (text cells) with `merges` (`first row, first col, last row, last col`).
fn workbook(rows: &[&[&str]], merges: &[(u32, u16, u32, u16)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    for &(r0, c0, r1, c1) in merges {
        let text = rows[r0 as usize][c0 as usize];
        ws.merge_range(r0, c0, r1, c1, text, &rust_xlsxwriter::Format::new())
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_two_row_header_splitting_the_target_into_figure_and_unit_reads_its_unit_column() {
    // a web page's `<thead>` of two rows: 年度指标值 over `数值 | 单位` (colspan), the other
    // headers rowspan=2. The second header row was read as a data row (table.missing-name) and
    // its 单位 column dropped: `≥95` | `%` | `0.96` scored 0.51 of 50 (0.96 against 95), the
    // unit lost. Read as 指标值 | 度量单位, from the page, from a workbook with the same merges
    // and from a CSV (streamed and whole)
    let d = dir("two-row-header");
    let data = [
        [
            "P",
            "产出指标",
            "质量指标",
            "合格率",
            "≥95",
            "%",
            "0.96",
            "40",
        ],
        [
            "P",
            "产出指标",
            "数量指标",
            "培训人数",
            "≥100",
            "人",
            "120",
            "30",
        ],
        [
            "P",
            "产出指标",
            "数量指标",
            "完成率",
            "≥90",
            "%",
            "95",
            "30",
        ],
    ];
    let mut html = String::from(
        "<html><head><meta charset=\"utf-8\"></head><body><table border=\"1\"><thead>\n\
         <tr><th rowspan=\"2\">项目</th><th rowspan=\"2\">一级指标</th><th rowspan=\"2\">二级指标</th>\
         <th rowspan=\"2\">三级指标</th><th colspan=\"2\">年度指标值</th>\
         <th rowspan=\"2\">实际完成值</th><th rowspan=\"2\">分值</th></tr>\n\
         <tr><th>数值</th><th>单位</th></tr></thead><tbody>\n",
    );
    for r in &data {
        html.push_str("<tr>");
        for c in r {
            html.push_str(&format!("<td>{c}</td>"));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table></body></html>\n");
    std::fs::write(d.join("two.html"), html).unwrap();
    let head: [&[&str]; 2] = [
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "",
            "实际完成值",
            "分值",
        ],
        &["", "", "", "", "数值", "单位", "", ""],
    ];
    let mut all: Vec<&[&str]> = head.to_vec();
    all.extend(data.iter().map(|r| &r[..]));
    let merges = [
        (0, 0, 1, 0),
        (0, 1, 1, 1),
        (0, 2, 1, 2),
        (0, 3, 1, 3),
        (0, 4, 0, 5),
        (0, 6, 1, 6),
        (0, 7, 1, 7),
    ];
    std::fs::write(d.join("two.xlsx"), workbook(&all, &merges)).unwrap();
    let csv: String = all.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(d.join("two.csv"), csv).unwrap();
    let expect = rows(&[
        ["≥95%", "0.96", "review", ""],
        ["≥100人", "120", "pass", "30.00"],
        ["≥90%", "95", "pass", "30.00"],
    ]);
    for file in ["two.html", "two.xlsx"] {
        let r = run(&d, &["evaluate", file, "--format", "json"]);
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        assert!(!r.stderr.contains("missing-name"), "{file}: {}", r.stderr);
        assert_eq!(whole_rows(&r.stdout), expect, "{file}");
    }
    let (streamed, whole) = both_ways(&d, "two.csv");
    assert_eq!(streamed_rows(&streamed.stdout), expect);
    assert!(!whole.stderr.contains("missing-name"), "{}", whole.stderr);
    // a row of `数值` alone under the header is no split header: still named, never consumed
    let text = "项目,一级指标,二级指标,三级指标,年度指标值,,实际完成值,分值\n\
        ,,,,数值,,,\n\
        P,产出指标,质量指标,合格率,≥95%,,96%,100\n";
    std::fs::write(d.join("value-only.csv"), text).unwrap();
    let r = run(&d, &["evaluate", "value-only.csv", "--format", "jsonl"]);
    assert!(r.stderr.contains("table.missing-name"), "{}", r.stderr);
}

#[test]
fn a_merged_points_cell_under_a_moved_header_is_shared_by_its_own_columns_and_its_title_is_no_project()
 {
    // two tables in one workbook sheet, the second's header with 分值 and 年度指标值 swapped,
    // below a title merged across the sheet; each table's 分值 30 merged over two indicators.
    // Under the moved header the merge was not shared (merges were read by the first header's
    // columns, so only above it): Q's 人数 took the whole 30 and 场次 a category share of
    // 32.5, 132.5 points in all (总分 126.50 / 132.5, 折合 95.47). Now shared as P's is: 15 each
    let d = dir("moved-header-merges");
    let rows: [&[&str]; 9] = [
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
        ],
        &["P", "产出指标", "数量指标", "人数", "≥100人", "120人", "30"],
        &["P", "产出指标", "数量指标", "场次", "≥10场", "12场", ""],
        &[
            "P",
            "效益指标",
            "社会效益指标",
            "满意度",
            "≥90%",
            "95%",
            "70",
        ],
        &["二、第二张表", "", "", "", "", "", ""],
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "实际完成值",
            "年度指标值",
        ],
        &["Q", "产出指标", "数量指标", "人数", "30", "80人", "≥100人"],
        &["Q", "产出指标", "数量指标", "场次", "", "12场", "≥10场"],
        &[
            "Q",
            "效益指标",
            "社会效益指标",
            "满意度",
            "70",
            "95%",
            "≥90%",
        ],
    ];
    // P's 分值 (G2:G3), the title (A5:G5), Q's 分值 in its own column (E7:E8)
    let merges = [(1, 6, 2, 6), (4, 0, 4, 6), (6, 4, 7, 4)];
    std::fs::write(d.join("moved.xlsx"), workbook(&rows, &merges)).unwrap();
    let r = run(&d, &["evaluate", "moved.xlsx", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("table.form-points-merged").count(),
        2,
        "{}",
        r.stderr
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let points: Vec<(String, Vec<String>)> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let w = p["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["weight"].as_str().unwrap_or("").to_owned())
                .collect();
            (p["project"].as_str().unwrap().to_owned(), w)
        })
        .collect();
    let w = |x: [&str; 3]| x.map(str::to_owned).to_vec();
    assert_eq!(
        points,
        [
            ("P".to_owned(), w(["15.00", "15.00", "70.00"])),
            ("Q".to_owned(), w(["15.00", "15.00", "70.00"])),
        ]
    );
    let q = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project"] == "Q")
        .unwrap();
    assert_eq!(q["score"], "97.00", "{q}");
    // the title above the moved header is no project of its own (it was one, with no
    // indicators, 待评定, among the two real ones); the same from a CSV, streamed and whole
    assert!(
        r.stderr.contains("这一行是下面一张表的标题"),
        "{}",
        r.stderr
    );
    let csv: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(d.join("moved.csv"), csv).unwrap();
    let (streamed, whole) = both_ways(&d, "moved.csv");
    let summary: Value = serde_json::from_str(streamed.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["summary"]["projects"], 2, "{}", streamed.stdout);
    let v: Value = serde_json::from_str(&whole.stdout).unwrap();
    assert_eq!(
        v["projects"].as_array().unwrap().len(),
        2,
        "{}",
        whole.stdout
    );
}

// Issue 27, thirteenth session (H83): the quietly-wrong readings the twelfth left open.

/// The projects of a whole report (`--format json`): each one's name and score (`""` for none).
fn projects_scored(json: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["project"].as_str().unwrap_or("").to_owned(),
                p["score"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// The summary line of a streamed report.
fn streamed_summary(jsonl: &str) -> Value {
    let last = jsonl.lines().last().unwrap_or("");
    serde_json::from_str::<Value>(last).unwrap_or_else(|e| panic!("{e}: {jsonl}"))["summary"]
        .clone()
}

#[test]
fn a_total_in_the_project_column_sums_projects_and_is_never_one() {
    // `合计` in the 项目 column made a project named 合计 (no indicators, 待评定), counted in
    // "2 个项目"; its row named as missing its indicator, the sums never checked
    let d = dir("project-total");
    let head = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n";
    let p = "P\t产出指标\t数量指标\t人数\t≥100人\t120人\t50\t50\n\
             P\t产出指标\t数量指标\t场次\t≥10场\t12场\t50\t50\n";
    let q = "Q\t产出指标\t数量指标\t人数\t≥100人\t80人\t50\t40\n\
             Q\t产出指标\t数量指标\t场次\t≥10场\t12场\t50\t50\n";
    // one project and its 合计: the project's printed total, checked
    std::fs::write(
        d.join("one.tsv"),
        format!("{head}{p}合计\t\t\t\t\t\t100\t100\n"),
    )
    .unwrap();
    let (streamed, whole) = both_ways(&d, "one.tsv");
    assert_eq!(
        projects_scored(&whole.stdout),
        [("P".to_owned(), "100.00".to_owned())],
        "{}",
        whole.stderr
    );
    assert_eq!(streamed_summary(&streamed.stdout)["projects"], 1);
    assert!(
        !whole.stderr.contains("table.missing-name"),
        "{}",
        whole.stderr
    );
    // a 合计 that disagrees with its project: 未核对, as a 合计 in the 一级指标 column
    std::fs::write(
        d.join("one-off.tsv"),
        format!("{head}{p}合计\t\t\t\t\t\t100\t90\n"),
    )
    .unwrap();
    let (streamed, whole) = both_ways(&d, "one-off.tsv");
    assert_eq!(
        projects_scored(&whole.stdout),
        [("P".to_owned(), String::new())]
    );
    assert!(
        whole
            .stderr
            .contains("原表总分 90 与表中各项得分之和 100 不一致")
    );
    assert_eq!(streamed_summary(&streamed.stdout)["projects"], 1);
    // each project its own 合计 row
    let each = format!("{head}{p}合计\t\t\t\t\t\t100\t100\n{q}总计\t\t\t\t\t\t100\t90\n");
    std::fs::write(d.join("each.tsv"), each).unwrap();
    let (_, whole) = both_ways(&d, "each.tsv");
    assert_eq!(
        projects_scored(&whole.stdout),
        [
            ("P".to_owned(), "100.00".to_owned()),
            ("Q".to_owned(), "90.00".to_owned())
        ],
        "{}",
        whole.stderr
    );
    // one 合计 under two projects: their sums checked, no project made of it
    for (score, agrees) in [("190", true), ("180", false)] {
        std::fs::write(
            d.join("both.tsv"),
            format!("{head}{p}{q}合计\t\t\t\t\t\t200\t{score}\n"),
        )
        .unwrap();
        let (streamed, whole) = both_ways(&d, "both.tsv");
        assert_eq!(
            projects_scored(&whole.stdout),
            [
                ("P".to_owned(), "100.00".to_owned()),
                ("Q".to_owned(), "90.00".to_owned())
            ]
        );
        assert_eq!(streamed_summary(&streamed.stdout)["projects"], 2);
        let told = "项目列的合计行：得分 180 与其上 2 个项目的得分之和 190 不一致";
        for r in [&streamed, &whole] {
            assert_eq!(r.stderr.contains(told), !agrees, "{}", r.stderr);
            assert!(!r.stderr.contains("table.missing-name"), "{}", r.stderr);
        }
    }
}

#[test]
fn a_run_with_nothing_to_score_is_refused_alike_in_every_format() {
    // `--format json` exited 2 (`eval.no-actuals`) where `--format jsonl` (streamed) wrote every
    // indicator as 缺实际值, 0 points, and exited 0: on a sheet with no actual, on one whose
    // every indicator row was refused (a 分值 that is no number), and with an actuals file
    // that matches nothing
    let d = dir("nothing-to-score");
    let head = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n";
    let empty = format!(
        "{head}P\t产出指标\t数量指标\t人数\t≥100人\t\t50\nP\t产出指标\t数量指标\t场次\t≥10场\t\t50\n"
    );
    std::fs::write(d.join("empty.tsv"), &empty).unwrap();
    std::fs::write(
        d.join("refused.tsv"),
        format!("{head}P\t产出指标\t数量指标\t人数\t≥100人\t120人\t五十\nP\t产出指标\t数量指标\t场次\t≥10场\t12场\tabc\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("nothing.yaml"),
        "projects:\n  - project: 无此项目\n    indicators:\n      - indicator: 人数\n        actual: 5人\n",
    )
    .unwrap();
    std::fs::write(d.join("old.jsonl"), "the report before\n").unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["empty.tsv"], "eval.no-actuals"),
        (&["refused.tsv"], "eval.no-actuals"),
        (&["empty.tsv", "nothing.yaml"], "eval.actuals-match-nothing"),
    ];
    for (inputs, code) in cases {
        for format in ["jsonl", "csv", "json", "table", "markdown", "html"] {
            let mut args = vec!["evaluate"];
            args.extend_from_slice(inputs);
            args.extend_from_slice(&["--format", format]);
            let r = run(&d, &args);
            assert_eq!(r.code, 2, "{args:?}\n{}", r.stderr);
            assert_eq!(r.stdout, "", "{args:?}");
            assert_eq!(r.stderr.matches(code).count(), 1, "{args:?}\n{}", r.stderr);
        }
        // a report file asked for is left as it was
        let mut args = vec!["evaluate"];
        args.extend_from_slice(inputs);
        args.extend_from_slice(&["--format", "jsonl", "-o", "old.jsonl"]);
        assert_eq!(run(&d, &args).code, 2);
        assert_eq!(
            std::fs::read_to_string(d.join("old.jsonl")).unwrap(),
            "the report before\n"
        );
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_read_with_the_guess_named() {
    // refused as binary (`table.binary`, "不是文本表格"): a sniff of where the zero bytes are
    // tells UTF-16 text, little- or big-endian; bytes that only share its zeros stay refused
    let d = dir("utf16-no-bom");
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
                P\t产出指标\t数量指标\t人数\t≥100人\t120人\t50\n\
                P\t产出指标\t数量指标\t场次\t≥10场\t8场\t50\n";
    std::fs::write(d.join("utf8.tsv"), text).unwrap();
    let csv = text.replace('\t', ",");
    std::fs::write(
        d.join("le.csv"),
        csv.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(
        d.join("be.tsv"),
        text.encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let expected = whole_rows(&run(&d, &["evaluate", "utf8.tsv", "--format", "json"]).stdout);
    assert_eq!(
        expected,
        rows(&[
            ["≥100人", "120人", "pass", "50.00"],
            ["≥10场", "8场", "fail", "40.00"]
        ])
    );
    for (file, encoding) in [("le.csv", "UTF-16LE"), ("be.tsv", "UTF-16BE")] {
        let (_, whole) = both_ways(&d, file);
        assert_eq!(whole.code, 0, "{}", whole.stderr);
        assert_eq!(whole_rows(&whole.stdout), expected, "{file}");
        assert!(
            whole.stderr.contains("table.encoding-guessed")
                && whole
                    .stderr
                    .contains(&format!("按其字节推断为 {encoding} 编码读取")),
            "{}",
            whole.stderr
        );
    }
    // zeros in every second byte, the others no text: still binary
    let mut x: u32 = 1;
    let junk: Vec<u8> = (0..8000)
        .map(|i| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            if i % 2 == 1 { 0 } else { (x >> 16) as u8 }
        })
        .collect();
    std::fs::write(d.join("junk.csv"), junk).unwrap();
    let r = run(&d, &["evaluate", "junk.csv"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("table.binary"), "{}", r.stderr);
}

/// An xlsx of one sheet of `rows` (each cell a string, or a number where it reads as one; an
/// empty text no cell), changed by `hide` before it is saved.
fn workbook_hiding(rows: &[&[&str]], hide: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            match text.parse::<f64>() {
                Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                Err(_) if text.is_empty() => ws,
                Err(_) => ws.write_string(r as u32, c as u16, *text).unwrap(),
            };
        }
    }
    hide(ws);
    wb.save_to_buffer().unwrap()
}

#[test]
fn hidden_rows_columns_and_sheets_of_an_xlsx_are_read_and_named() {
    // a hidden row (last year's indicator left in) was read and scored without a word: the
    // form as opened and printed does not show it, the score counted it. Read as before (which
    // row is void the file cannot say), each with `table.hidden-row` at its first cell
    let d = dir("hidden-xlsx");
    let rows: &[&[&str]] = &[
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
        ],
        &["P", "产出指标", "数量指标", "人数", "≥100人", "120人", "50"],
        &["P", "产出指标", "数量指标", "旧指标", "≥10场", "2场", "50"],
        &["P", "产出指标", "数量指标", "场次", "≥10场", "12场", "50"],
    ];
    let shown = workbook_hiding(rows, |_| {});
    std::fs::write(d.join("shown.xlsx"), &shown).unwrap();
    let row = workbook_hiding(rows, |ws| {
        ws.set_row_hidden(2).unwrap();
    });
    std::fs::write(d.join("row.xlsx"), &row).unwrap();
    let column = workbook_hiding(rows, |ws| {
        ws.set_column_hidden(6).unwrap();
    });
    std::fs::write(d.join("column.xlsx"), &column).unwrap();
    let base = run(&d, &["evaluate", "shown.xlsx", "--format", "json"]);
    assert!(!base.stderr.contains("table.hidden-row"), "{}", base.stderr);
    let expected = whole_rows(&base.stdout);
    assert_eq!(expected.len(), 3);
    for (file, cell, what) in [
        ("row.xlsx", "row.xlsx!Sheet1!A3", "这一行在工作簿中是隐藏行"),
        (
            "column.xlsx",
            "column.xlsx!Sheet1!G1",
            "这一列在工作簿中是隐藏列",
        ),
    ] {
        let r = run(&d, &["evaluate", file, "--format", "json"]);
        assert_eq!(whole_rows(&r.stdout), expected, "{file}: read as before");
        assert_eq!(
            r.stderr.matches("table.hidden-row").count(),
            1,
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(what) && r.stderr.contains(cell),
            "{}",
            r.stderr
        );
    }
    // a hidden sheet holding a project: read, named at its first cell
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (k, name) in ["甲", "乙"].iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate().filter(|(r, _)| *r != 2) {
            for (c, text) in row.iter().enumerate() {
                let text = if r > 0 && c == 0 { name } else { text };
                ws.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
        ws.set_hidden(k == 1);
    }
    wb.save(d.join("sheet.xlsx")).unwrap();
    let r = run(&d, &["evaluate", "sheet.xlsx", "--format", "json"]);
    assert_eq!(whole_rows(&r.stdout).len(), 4, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("table.hidden-row").count(),
        1,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("这个工作表在工作簿中是隐藏的") && r.stderr.contains("sheet.xlsx!乙!A1"),
        "{}",
        r.stderr
    );
}

/// An `.ods` of one table of `rows` (a cell `PCT:v` is a percentage cell of value `v` with no
/// style, others strings or floats), the rows in `hidden` with `table:visibility="collapse"`.
fn ods(rows: &[&[&str]], hidden: &[usize]) -> Vec<u8> {
    use std::io::Write;
    let cell = |t: &str| match (t.strip_prefix("PCT:"), t.parse::<f64>()) {
        (Some(v), _) => {
            format!(r#"<table:table-cell office:value-type="percentage" office:value="{v}"/>"#)
        }
        (None, Ok(_)) => {
            format!(r#"<table:table-cell office:value-type="float" office:value="{t}"/>"#)
        }
        _ => format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        ),
    };
    let mut body = String::new();
    for (i, r) in rows.iter().enumerate() {
        let shown = if hidden.contains(&i) {
            r#" table:visibility="collapse""#
        } else {
            ""
        };
        let cells: String = r.iter().map(|t| cell(t)).collect();
        body.push_str(&format!(
            "<table:table-row{shown}>{cells}</table:table-row>"
        ));
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", stored).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", stored).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

#[test]
fn an_ods_hidden_row_is_named_and_its_unstyled_percentage_read_as_one() {
    // an `.ods` row LibreOffice hides (`table:visibility="collapse"`) was read and scored
    // without a word; a percentage cell with no style (`office:value-type="percentage"`,
    // `0.945`) read as its fraction and went to a person ("看起来是 1 的分数")
    let d = dir("ods-hidden-percentage");
    let sheet: &[&[&str]] = &[
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
        ],
        &[
            "P",
            "产出指标",
            "质量指标",
            "合格率",
            "≥95%",
            "PCT:0.945",
            "50",
        ],
        &["P", "产出指标", "数量指标", "旧指标", "≥10场", "2场", "50"],
        &["P", "产出指标", "数量指标", "场次", "≥10场", "12场", "50"],
    ];
    std::fs::write(d.join("t.ods"), ods(sheet, &[2])).unwrap();
    let r = run(&d, &["evaluate", "t.ods", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        whole_rows(&r.stdout),
        rows(&[
            ["≥95%", "94.5%", "fail", "49.74"],
            ["≥10场", "2场", "fail", "10.00"],
            ["≥10场", "12场", "pass", "50.00"]
        ])
    );
    assert_eq!(
        r.stderr.matches("table.hidden-row").count(),
        1,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("这一行在工作簿中是隐藏行") && r.stderr.contains("t.ods!S!A3"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_xls_hidden_row_is_named_and_read_as_before() {
    // an `.xls` row whose ROW record says it is hidden (`fDyZero`): read and scored without a
    // word. f03's row 11 hidden by that one bit: the same report, and the row named
    let d = dir("xls-hidden");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms/f03-yongde-minglang-school-2022-selfeval.xls");
    let mut bytes = std::fs::read(&fixture).unwrap();
    std::fs::write(d.join("shown.xls"), &bytes).unwrap();
    // the ROW record (type 0x0208, 16 bytes) of row index 10: its flags at byte 12 of the body
    let at = bytes
        .windows(6)
        .position(|w| w == [0x08, 0x02, 0x10, 0x00, 10, 0])
        .expect("row 11's ROW record");
    bytes[at + 4 + 12] |= 0x20;
    std::fs::write(d.join("hidden.xls"), &bytes).unwrap();
    let shown = run(&d, &["evaluate", "shown.xls", "--format", "json"]);
    let hidden = run(&d, &["evaluate", "hidden.xls", "--format", "json"]);
    assert_eq!(hidden.code, 0, "{}", hidden.stderr);
    assert_eq!(whole_rows(&hidden.stdout), whole_rows(&shown.stdout));
    assert!(!shown.stderr.contains("table.hidden-row"));
    assert_eq!(
        hidden.stderr.matches("table.hidden-row").count(),
        1,
        "{}",
        hidden.stderr
    );
    assert!(
        hidden.stderr.contains("hidden.xls!Sheet1!B11"),
        "{}",
        hidden.stderr
    );
}

#[test]
fn an_actual_merged_over_two_rows_says_why_the_second_is_not_filled() {
    // an actual merged down over two indicator rows: the second read empty, "未填写实际完成值"
    // (缺实际值, 0 of 50) without a word of the merge. Still read so (one figure is not split
    // between two indicators by a guess), now with `table.actual-merged` at the second row
    let d = dir("actual-merged");
    let sheet: &[&[&str]] = &[
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
        ],
        &[
            "P",
            "产出指标",
            "数量指标",
            "培训人数",
            "≥100人",
            "120人",
            "50",
        ],
        &["P", "产出指标", "数量指标", "覆盖人数", "≥100人", "", "50"],
    ];
    std::fs::write(d.join("merged.xlsx"), workbook(sheet, &[(1, 5, 2, 5)])).unwrap();
    std::fs::write(d.join("blank.xlsx"), workbook(sheet, &[])).unwrap();
    let r = run(&d, &["evaluate", "merged.xlsx", "--format", "json"]);
    assert_eq!(
        whole_rows(&r.stdout),
        rows(&[
            ["≥100人", "120人", "pass", "50.00"],
            ["≥100人", "", "missing", "0.00"]
        ])
    );
    assert_eq!(
        r.stderr.matches("table.actual-merged").count(),
        1,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "指标“覆盖人数”的实际完成值单元格与上方第 2 行合并，合并单元格的值“120人”只属于第一行"
        ),
        "{}",
        r.stderr
    );
    // a cell merely left blank is no merge
    let r = run(&d, &["evaluate", "blank.xlsx", "--format", "json"]);
    assert!(!r.stderr.contains("table.actual-merged"), "{}", r.stderr);
}

/// The findings of each project of a whole report (`--format json`): (project, code, where:
/// the cell or the line).
fn project_findings(json: &str) -> Vec<(String, String, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut out = Vec::new();
    for p in v["projects"].as_array().unwrap() {
        for f in p["findings"].as_array().into_iter().flatten() {
            out.push(found(p["project"].as_str().unwrap_or(""), f));
        }
    }
    out
}

/// The findings of each project's findings line of a streamed report (`--format jsonl`), as
/// [`project_findings`] gives them.
fn streamed_findings(jsonl: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for line in jsonl.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        for f in v["findings"].as_array().into_iter().flatten() {
            out.push(found(v["project"].as_str().unwrap_or(""), f));
        }
    }
    out
}

/// (project, code, the cell or `line:column`) of the finding `f` of `project`.
fn found(project: &str, f: &Value) -> (String, String, String) {
    let at = match (f["cell"].as_str(), f["line"].as_u64()) {
        (Some(cell), _) => cell.to_owned(),
        (None, Some(line)) => format!("{line}:{}", f["column"]),
        (None, None) => String::new(),
    };
    (
        project.to_owned(),
        f["code"].as_str().unwrap_or("").to_owned(),
        at,
    )
}

#[test]
fn reading_warnings_stand_beside_their_project_in_every_report_format() {
    // a hidden row and an actual merged over two rows were named on stderr, by `inspect` and
    // on the page, but not in the report: `evaluate` kept only the reader's errors, so a user
    // reading the report alone saw 缺实际值 and a score counting a hidden row without a word
    let d = dir("warnings-in-report");
    let rows: &[&[&str]] = &[
        &[
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
        ],
        &[
            "P",
            "产出指标",
            "数量指标",
            "培训人数",
            "≥100人",
            "120人",
            "40",
        ],
        &["P", "产出指标", "数量指标", "覆盖人数", "≥100人", "", "30"],
        &["P", "产出指标", "数量指标", "旧指标", "≥10场", "12场", "30"],
        &["Q", "产出指标", "数量指标", "场次", "≥10场", "12场", "100"],
    ];
    let bytes = workbook_hiding(rows, |ws| {
        ws.merge_range(1, 5, 2, 5, "120人", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.set_row_hidden(3).unwrap();
    });
    std::fs::write(d.join("sheet.xlsx"), bytes).unwrap();
    let expected = vec![
        (
            "P".to_owned(),
            "table.actual-merged".to_owned(),
            "A3".to_owned(),
        ),
        (
            "P".to_owned(),
            "table.hidden-row".to_owned(),
            "A4".to_owned(),
        ),
    ];
    // json: in project P's findings, with their cells; Q has none
    let json = run(&d, &["evaluate", "sheet.xlsx", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let got: Vec<_> = project_findings(&json.stdout)
        .into_iter()
        .filter(|f| f.1.starts_with("table."))
        .collect();
    assert_eq!(got, expected, "{}", json.stdout);
    // jsonl: in P's findings line
    let jsonl = run(&d, &["evaluate", "sheet.xlsx", "--format", "jsonl"]);
    let got: Vec<_> = streamed_findings(&jsonl.stdout)
        .into_iter()
        .filter(|f| f.1.starts_with("table."))
        .collect();
    assert_eq!(got, expected, "{}", jsonl.stdout);
    // the text formats: beside project P, with the Chinese message
    for format in ["csv", "markdown", "html", "table"] {
        let r = run(&d, &["evaluate", "sheet.xlsx", "--format", format]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        for code in ["table.actual-merged", "table.hidden-row"] {
            assert_eq!(r.stdout.matches(code).count(), 1, "{format}: {}", r.stdout);
        }
        assert!(
            r.stdout.contains("这一行在工作簿中是隐藏行")
                && r.stdout.contains("合并单元格的值“120人”只属于第一行"),
            "{format}: {}",
            r.stdout
        );
    }
    // xlsx: on project P's sheet
    let r = run(
        &d,
        &[
            "evaluate",
            "sheet.xlsx",
            "--format",
            "xlsx",
            "-o",
            "report.xlsx",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("report.xlsx")).unwrap();
    let mut sheets_with = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        if range
            .cells()
            .any(|(_, _, c)| c.to_string().contains("table.hidden-row"))
        {
            sheets_with.push(name);
        }
    }
    assert!(
        sheets_with.iter().any(|s| s.contains('P')),
        "{sheets_with:?}"
    );
}

#[test]
fn a_text_sheets_row_warning_is_beside_its_project_streamed_and_whole() {
    // a row with a cell past the last header column: named on stderr only. Now in the
    // project's findings, streamed (jsonl, block by block) and whole alike
    let d = dir("row-warning-in-report");
    std::fs::write(
        d.join("sheet.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
         P\t产出指标\t数量指标\t人数\t≥100人\t120人\t100\n\
         Q\t产出指标\t数量指标\t场次\t≥10场\t12场\t100\t多出的一格\n",
    )
    .unwrap();
    let (streamed, whole) = both_ways(&d, "sheet.tsv");
    let expected = vec![(
        "Q".to_owned(),
        "table.extra-cells".to_owned(),
        "3:29".to_owned(),
    )];
    assert_eq!(
        streamed_findings(&streamed.stdout),
        expected,
        "{}",
        streamed.stdout
    );
    assert_eq!(
        project_findings(&whole.stdout),
        expected,
        "{}",
        whole.stdout
    );
}

/// A published 自评表 (f01's layout) whose 分值 and 得分 are one column `分值/得分`, its
/// indicators' cells `cells` and its 总分 row's `total`.
fn form_weight_and_score(cells: [&str; 5], total: &str) -> String {
    let rows = [
        ("维修堤防长度", "产出指标", "数量指标", "≥10公里", "8公里"),
        ("工程验收合格率", "", "质量指标", "100%", "100%"),
        ("按期完工率", "", "时效指标", "100%", "100%"),
        ("受益人口", "效益指标", "社会效益指标", "≥5万人", "5万人"),
        (
            "群众满意度",
            "满意度指标",
            "服务对象满意度指标",
            "≥90%",
            "95%",
        ),
    ];
    let mut text = "项目支出绩效自评表,,,,,,,\n(2022年度),,,,,,,\n项目名称,水利工程维护经费,,,,,,\n\
                    主管部门,,,,实施单位,某县水利局,,\n\
                    项目资金(万元),,,年初预算数,全年预算数(A),全年执行数(B),分值,执行率(B/A),得分\n\
                    ,年度资金总额:,,100,100,90,10,,9\n\
                    年度绩效指标完成情况,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值/得分,偏差原因分析及改进措施\n"
        .to_owned();
    for ((name, l1, l2, target, actual), cell) in rows.into_iter().zip(cells) {
        text.push_str(&format!(",{l1},{l2},{name},{target},{actual},{cell},\n"));
    }
    text.push_str(&format!("总分,,,,,,{total},\n"));
    text
}

#[test]
fn a_forms_weight_and_score_column_is_split_and_its_scores_checked() {
    // a form writing 分值 and 得分 in one column (`20/18`): the column was passed over without
    // a word, each category's points shared by the method (16.67 for a 20-point row) and the
    // printed 得分 never checked: 95.67（优） for a form whose own rows say otherwise
    let d = dir("form-weight-and-score");
    std::fs::write(
        d.join("form.csv"),
        form_weight_and_score(["20/18", "20/20", "10/10", "20/20", "20/20"], "100/97"),
    )
    .unwrap();
    let r = run(&d, &["evaluate", "form.csv", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let p = &v["projects"][0];
    let read: Vec<[&str; 3]> = p["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| ["weight", "published_score", "score"].map(|k| i[k].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        read,
        [
            ["20.00", "18", "16.00"],
            ["20.00", "20", "20.00"],
            ["10.00", "10", "10.00"],
            ["20.00", "20", "20.00"],
            ["20.00", "20", "20.00"],
        ],
        "{}",
        r.stdout
    );
    // the printed 得分 checked like any: the first row's 18 against jixiao's 16, the total 97
    // (the rows' own sum) against 95
    assert_eq!(p["score"], "95.00");
    assert_eq!(p["published_score"], "97");
    assert_eq!(p["total_difference"], "-2.00");
    assert_eq!(v["differences"].as_array().unwrap().len(), 1);
    assert_eq!(v["differences"][0]["published_score"], "18");
    // a cell that does not split (`20` alone) is named on its row, in the report too, and the
    // project is not given a confident total
    std::fs::write(
        d.join("unsplit.csv"),
        form_weight_and_score(["20", "20/20", "10/10", "20/20", "20/20"], "100/95"),
    )
    .unwrap();
    let r = run(&d, &["evaluate", "unsplit.csv", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let p = &v["projects"][0];
    assert_eq!(p["status"], "unchecked", "{}", r.stdout);
    let unsplit: Vec<&Value> = p["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "table.weight-and-score-unsplit")
        .collect();
    assert_eq!(unsplit.len(), 1, "{}", r.stdout);
    assert_eq!(unsplit[0]["line"], 8);
    assert!(
        unsplit[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("「20」不能拆成分值和得分两个数"),
        "{}",
        r.stdout
    );
}

/// A web page of a flat sheet's table (its header and `rows`), then `after` (a `<p>` and a
/// table of `second`'s rows).
fn page_of_two_tables(rows: &[&[&str]], second: &[&[&str]]) -> String {
    let tr = |r: &&[&str]| {
        let cells: String = r.iter().map(|c| format!("<td>{c}</td>")).collect();
        format!("<tr>{cells}</tr>")
    };
    let head: &[&str] = &[
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
    ];
    let first: String = std::iter::once(&head).chain(rows).map(tr).collect();
    let second: String = second.iter().map(tr).collect();
    format!(
        "<html><head><meta charset=utf-8></head><body><table border=1>{first}</table>\
         <p>第 1 页</p><table border=1>{second}</table></body></html>"
    )
}

#[test]
fn a_table_with_its_own_header_after_a_web_pages_table_is_no_continuation() {
    // H85's continuation rule took any following table of five columns or more and two
    // figures for the rows after a page break: a plan for next year under its own header
    // became an indicator of the project above (130 points, its row scored). A continuation
    // now needs evidence: no header row of its own, and its figures in columns where the
    // table above has figures; the guess is named with a warning, in the report too
    let d = dir("page-continuation-evidence");
    let sheet: &[&[&str]] = &[
        &[
            "P",
            "产出指标",
            "数量指标",
            "培训人数",
            "≥100人",
            "120人",
            "50",
            "50",
        ],
        &[
            "P",
            "效益指标",
            "社会效益指标",
            "满意度",
            "≥90%",
            "95%",
            "50",
            "45",
        ],
    ];
    let plan: &[&[&str]] = &[
        &[
            "下年度计划",
            "类别",
            "分类",
            "事项",
            "计划数",
            "预计数",
            "金额",
            "数量",
        ],
        &[
            "",
            "产出指标",
            "数量指标",
            "发放补贴户数",
            "≥100户",
            "120户",
            "30",
            "30",
        ],
    ];
    std::fs::write(d.join("plan.html"), page_of_two_tables(sheet, plan)).unwrap();
    let r = run(&d, &["evaluate", "plan.html", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        whole_rows(&r.stdout),
        rows(&[
            ["≥100人", "120人", "pass", "50.00"],
            ["≥90%", "95%", "pass", "50.00"]
        ]),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("table.page-table-continued"),
        "{}",
        r.stderr
    );
    // figures in a column where the table above has none (a 序号): no continuation either
    let numbered: &[&[&str]] = &[
        &[
            "1",
            "产出指标",
            "数量指标",
            "发放补贴户数",
            "≥100户",
            "120户",
            "30",
            "30",
        ],
        &[
            "2",
            "产出指标",
            "数量指标",
            "培训场次",
            "≥10场",
            "12场",
            "20",
            "20",
        ],
    ];
    std::fs::write(d.join("numbered.html"), page_of_two_tables(sheet, numbered)).unwrap();
    let r = run(&d, &["evaluate", "numbered.html", "--format", "json"]);
    assert_eq!(whole_rows(&r.stdout).len(), 2, "{}", r.stderr);
    assert!(
        !r.stderr.contains("table.page-table-continued"),
        "{}",
        r.stderr
    );
    // a true continuation (the rows after the break, no header): read, and the guess named
    // with a warning, in the report's own findings too
    std::fs::write(
        d.join("cut.html"),
        page_of_two_tables(&sheet[..1], &sheet[1..]),
    )
    .unwrap();
    let r = run(&d, &["evaluate", "cut.html", "--format", "json"]);
    assert_eq!(whole_rows(&r.stdout).len(), 2, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let named: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "table.page-table-continued")
        .collect();
    assert_eq!(named.len(), 1, "{}", r.stdout);
    assert_eq!(named[0]["severity"], "warning");
    assert!(
        named[0]["message"]
            .as_str()
            .unwrap()
            .contains("推断为前一表格在分页处断开的续表"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_forms_warning_on_a_row_below_its_last_indicator_is_beside_the_form() {
    // the last 其中 row and the summing row of a per-project form lie below its last indicator:
    // their warnings (the breakdown that does not add up, the figures with no indicator name)
    // went to the report's own findings, apart from the form they are in, while the same
    // warnings on earlier 其中 rows stood beside it
    let d = dir("form-trailing-warnings");
    let mut text = String::from(
        "项目支出绩效自评表,,,,,,,,\n项目名称,水旱灾害防御经费,,,,,,,\n\
         主管部门,,,,实施单位,天长市水利局,,,\n\
         项目资金(万元),,,年初预算数,全年预算数(A),全年执行数(B),分值,执行率(B/A),得分\n\
         ,年度资金总额:,,880,880,880,10,,10\n\
         年度绩效指标完成情况,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n",
    );
    for i in 0..3 {
        text.push_str(&format!(
            ",产出指标,数量指标,指标{i}:完成项目数量,≥10个,12个,30,30,\n,,,其中：本级{i},≥5个,6个,,,\n"
        ));
    }
    text.push_str(",,,,,,100,100,\n");
    std::fs::write(d.join("form.csv"), text).unwrap();
    let json = run(&d, &["evaluate", "form.csv", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let loose: Vec<&str> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| c.starts_with("table."))
        .collect();
    assert!(loose.is_empty(), "{loose:?}");
    let mismatches = project_findings(&json.stdout)
        .into_iter()
        .filter(|f| f.1 == "table.form-breakdown-mismatch")
        .count();
    // two a pair (the target's parts and the actual's), the last pair's too
    assert_eq!(mismatches, 6, "{}", json.stdout);
}

#[test]
fn a_reading_warning_beside_no_project_is_in_jsonl_and_csv_streamed_and_whole() {
    // a warning on no project's rows (here the header's second 实际完成值 column) stood in the
    // json report's own findings only: jsonl and csv, streamed or not, left it out. It is now
    // jsonl's `{"findings":[…]}` line (no unit or project) before the summary, and a csv row
    // after the header (结论 警告, 规则 its code, 说明 its place and message)
    let d = dir("loose-warning");
    std::fs::write(
        d.join("sheet.tsv"),
        "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t实际完成值\n\
         P\t产出指标\t数量指标\t人数\t≥100人\t120人\t100\t130人\n\
         Q\t产出指标\t数量指标\t场次\t≥10场\t12场\t100\t\n",
    )
    .unwrap();
    let code = "table.column-duplicate";
    let json = run(&d, &["evaluate", "sheet.tsv", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let own: Vec<Value> = v["findings"].as_array().unwrap().clone();
    assert!(own.iter().any(|f| f["code"] == code), "{}", json.stdout);
    for whole in [false, true] {
        let mut args = vec!["evaluate", "sheet.tsv", "--format", "jsonl"];
        if whole {
            args.push("--no-streaming");
        }
        let r = run(&d, &args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines: Vec<Value> = r
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // the report's own findings line, as json's, just before the summary line
        let n = lines.len();
        assert!(lines[n - 1].get("summary").is_some(), "{}", r.stdout);
        let line = &lines[n - 2];
        assert!(
            line.get("project").is_none() && line.get("unit").is_none(),
            "{}",
            r.stdout
        );
        assert_eq!(line["findings"].as_array().unwrap(), &own, "{}", r.stdout);
        let mut args = vec!["evaluate", "sheet.tsv", "--format", "csv"];
        if whole {
            args.push("--no-streaming");
        }
        let r = run(&d, &args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut rows = csv::Reader::from_reader(r.stdout.trim_start_matches('\u{feff}').as_bytes());
        let warned: Vec<csv::StringRecord> = rows
            .records()
            .map(Result::unwrap)
            .filter(|row| &row[13] == code)
            .collect();
        assert_eq!(warned.len(), 1, "{}", r.stdout);
        assert_eq!(&warned[0][9], "警告");
        assert!(warned[0][15].starts_with("sheet.tsv:1:"), "{:?}", warned[0]);
    }
}
