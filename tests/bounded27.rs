//! Issue 27: findings that were not yet bounded (the twentieth session, H142). Every list of
//! findings follows `table::listing`'s rule: a code's first findings listed, up to
//! `JIXIAO_MAX_FINDINGS_LISTED` (1,000), the rest counted and said in one closing
//! `table.findings-not-listed`; whole and streamed alike.
//!
//! - `actuals.unmatched`: an actuals file of 190,000 entries the table lacks held and wrote one
//!   finding each (87 MB of JSON, 29 MB on stderr);
//! - the evaluation's own findings beside a project: a project of 200,000 rows that each draw
//!   `eval.note-not-final` held and wrote 200,000 of them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-bounded27-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// What a run printed and its exit code.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("JIXIAO_MAX_FINDINGS_LISTED")
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

/// How many times `code` is a finding's code in a report (JSON with or without spaces).
fn codes(report: &str, code: &str) -> usize {
    report.matches(&format!("\"code\":\"{code}\"")).count()
        + report.matches(&format!("\"code\": \"{code}\"")).count()
}

/// A flat self-evaluation sheet: `projects` projects of `rows` rows, each met (≥100人 / 120人)
/// with the 偏差原因 `note`.
fn sheet(projects: usize, rows: usize, note: &str) -> String {
    let mut t = String::from("项目名称\t指标名称\t年度指标值\t实际完成值\t偏差原因\n");
    for p in 0..projects {
        for r in 0..rows {
            t.push_str(&format!("项目{p}\t培训人数{r}\t≥100人\t120人\t{note}\n"));
        }
    }
    t
}

/// The two ways a sheet is evaluated: streamed (`jsonl`) and read whole (`json
/// --no-streaming`).
const WAYS: [&[&str]; 2] = [
    &["--format", "jsonl"],
    &["--format", "json", "--no-streaming"],
];

#[test]
fn actuals_the_table_lacks_are_listed_a_thousand_and_the_rest_counted_whole_and_streamed() {
    let d = dir("unmatched");
    std::fs::write(d.join("t.tsv"), sheet(1, 2, "")).unwrap();
    // one indicator that matches (a file that matches nothing is refused), 1,500 that do not
    let mut a = String::from(
        "projects:\n  - project: 项目0\n    indicators:\n      - indicator: 培训人数0\n        actual: \"120人\"\n",
    );
    for i in 0..1500 {
        a.push_str(&format!(
            "      - indicator: 不存在的指标{i}\n        actual: \"1\"\n"
        ));
    }
    std::fs::write(d.join("a.yaml"), a).unwrap();
    for way in WAYS {
        let args = [&["evaluate", "t.tsv", "a.yaml"][..], way].concat();
        let r = run(&d, &args);
        assert_eq!(r.code, 0, "{way:?}: {}", r.stderr);
        // (the anchor listed all 1,500, and said nothing was counted)
        assert_eq!(codes(&r.stdout, "actuals.unmatched"), 1000, "{way:?}");
        assert_eq!(codes(&r.stdout, "table.findings-not-listed"), 1, "{way:?}");
        assert!(
            r.stdout
                .contains("“actuals.unmatched”的问题已逐条列出 1000 条，其余 500 条未逐条列出"),
            "{way:?}"
        );
        // the first not listed is named, and the warning at the top (json's) counts all 1,500
        assert!(r.stdout.contains("不存在的指标1000"), "{way:?}");
        assert!(!r.stdout.contains("不存在的指标1001"), "{way:?}");
        if way.contains(&"json") {
            assert!(r.stdout.contains("实际值文件中有 1500 条在表中找不到"));
        }
        assert_eq!(
            r.stderr.matches("警告[actuals.unmatched]").count(),
            1000,
            "{way:?}"
        );
        assert_eq!(
            r.stderr.matches("警告[table.findings-not-listed]").count(),
            1,
            "{way:?}"
        );
    }
}

#[test]
fn a_projects_rows_drawing_one_finding_are_listed_a_thousand_and_the_rest_counted() {
    let d = dir("eval");
    // one project of 1,500 rows each met with a note that says the figure is a forecast
    std::fs::write(d.join("one.tsv"), sheet(1, 1500, "该数据为预计数")).unwrap();
    // three projects of 400: each lists its own (the bound is a project's)
    std::fs::write(d.join("three.tsv"), sheet(3, 400, "该数据为预计数")).unwrap();
    for way in WAYS {
        let r = run(&d, &[&["evaluate", "one.tsv"][..], way].concat());
        assert_eq!(r.code, 0, "{way:?}: {}", r.stderr);
        // (the anchor: 1,500)
        assert_eq!(codes(&r.stdout, "eval.note-not-final"), 1000, "{way:?}");
        assert_eq!(codes(&r.stdout, "table.findings-not-listed"), 1, "{way:?}");
        assert!(
            r.stdout
                .contains("“eval.note-not-final”的问题已逐条列出 1000 条，其余 500 条未逐条列出"),
            "{way:?}"
        );
        assert!(r.stdout.contains("指标“培训人数1000”评为达标"), "{way:?}");
        // every row still scored
        assert!(
            r.stdout.contains("\"indicators\":1500") || r.stdout.contains("\"indicators\": 1500")
        );
        let r = run(&d, &[&["evaluate", "three.tsv"][..], way].concat());
        assert_eq!(r.code, 0, "{way:?}: {}", r.stderr);
        assert_eq!(codes(&r.stdout, "eval.note-not-final"), 1200, "{way:?}");
        assert_eq!(codes(&r.stdout, "table.findings-not-listed"), 0, "{way:?}");
    }
}
