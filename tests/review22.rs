//! The officer's second look (issue 27, H155): what a line-by-line review of the modules that
//! landed unreviewed found (`table::page_files`, `percent_rates`, `layouts::periods`,
//! `form::budget_row`, `formats::time_format`, …), and the streamed listing's ordering gap.
//! Each test failed on the session's start (`07b007e`).

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{dir, run_with};

/// The projects whose `code` findings a jsonl report lists, in its order.
fn listed(jsonl: &str, code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in jsonl.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for f in v["findings"].as_array().into_iter().flatten() {
            if f["code"] == code {
                out.push(v["project"].as_str().unwrap_or("").to_owned());
            }
        }
    }
    out
}

/// A flat sheet: projects `A0..A2`, `P`, a long run of blank rows (past the cutter's 256 KB,
/// so the block after it may continue `P`), then `C0..C9`; every project but `P` prints a
/// total (50) its rows (90) do not give.
fn blank_run_sheet() -> String {
    let pad = "测".repeat(30);
    let mut t =
        String::from("项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n");
    let project = |t: &mut String, name: &str, total: u32| {
        for k in 0..3 {
            t.push_str(&format!(
                "{name}\t产出指标\t数量指标\t指标{k}{pad}\t≥100人\t120人\t30\t30\n"
            ));
        }
        t.push_str(&format!("{name}\t合计\t\t\t\t\t90\t{total}\n"));
    };
    for p in 0..3 {
        project(&mut t, &format!("A{p}"), 50);
    }
    project(&mut t, "P", 90);
    t.push_str(&"\t\t\t\t\t\t\t\n".repeat(40_000));
    for p in 0..10 {
        project(&mut t, &format!("C{p}"), 50);
    }
    t
}

#[test]
fn a_streamed_block_after_a_cut_lists_its_first_projects_total_check_where_a_whole_reading_does() {
    // the block after a long run of blank rows may continue the project before it: its reader
    // leaves its first project's total to the turnstile, which appended the check after the
    // block's other projects' (sheet_carry::check_own). Past the bound of a code (here 5) a
    // streamed run then listed C1 and C2 where the whole reading lists C0 and C1, and named
    // another first finding not listed (the ordering gap, H142)
    let d = dir("review22", "ordering-gap");
    std::fs::write(d.join("sheet.tsv"), blank_run_sheet()).unwrap();
    let env = [("JIXIAO_MAX_FINDINGS_LISTED", "5")];
    let runs: Vec<_> = [false, true]
        .into_iter()
        .map(|whole| {
            let mut args = vec!["evaluate", "sheet.tsv", "--format", "jsonl"];
            if whole {
                args.push("--no-streaming");
            }
            let r = run_with(&d, &args, &env);
            assert_eq!(r.code, 0, "{}", r.stderr);
            r
        })
        .collect();
    let (streamed, whole) = (&runs[0], &runs[1]);
    let code = "table.form-total-mismatch";
    assert_eq!(listed(&whole.stdout, code), ["A0", "A1", "A2", "C0", "C1"]);
    assert_eq!(listed(&streamed.stdout, code), listed(&whole.stdout, code));
    // the closing finding names the same first one not listed (C2's total row), and the
    // findings on stderr come in the same order
    let closing = |r: &reports::Run| {
        r.stdout
            .lines()
            .filter(|l| l.contains("table.findings-not-listed"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(closing(streamed), closing(whole));
    assert!(
        closing(whole).concat().contains("sheet.tsv:40029:1"),
        "{:?}",
        closing(whole)
    );
    assert_eq!(streamed.stderr, whole.stderr);
}
