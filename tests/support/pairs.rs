//! Pairs of a target and an actual, scored as a finance officer would check them: a one-project
//! flat sheet evaluated whole (`json`) and streamed (`jsonl`), which must agree, and targets read
//! by `parse`. Shared by the quiet-reading tests (`quiet25.rs`, `quiet26.rs`); a test file that
//! takes this module also takes `support/reports.rs` as `mod reports`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// `jixiao ARGS` in `cwd` (the binary `JIXIAO_BIN` names, else this build's): stdout; a panic
/// or a failing exit fails.
pub fn run(cwd: &Path, args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let bin = std::env::var("JIXIAO_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_jixiao").into());
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    assert_eq!(out.status.code(), Some(0), "{args:?}:\n{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The flat sheet header: one target column, 分值 10 a row.
pub const HEAD: &str = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n";

/// Rows `(indicator, target, actual)` of one project scored whole (`json`) and streamed
/// (`jsonl`), which agree: each as `[indicator, verdict, score, note]`, and the whole report.
pub fn scored(rows: &[(&str, &str, &str)]) -> (Vec<[String; 4]>, Value) {
    let d = tempfile::tempdir().unwrap();
    let mut sheet = HEAD.to_owned();
    for (name, target, actual) in rows {
        sheet.push_str(&format!(
            "甲\t产出指标\t数量指标\t{name}\t{target}\t{actual}\t10\n"
        ));
    }
    std::fs::write(d.path().join("t.tsv"), sheet).unwrap();
    let whole = run(
        d.path(),
        &["evaluate", "t.tsv", "--format", "json", "--no-streaming"],
        "",
    );
    let streamed = run(d.path(), &["evaluate", "t.tsv", "--format", "jsonl"], "");
    let fields = ["indicator", "verdict", "score", "note"];
    let out = super::reports::whole_fields(&whole, fields);
    assert_eq!(out, super::reports::streamed_fields(&streamed, fields));
    (out, serde_json::from_str(&whole).unwrap())
}

/// `jixiao parse --format jsonl` of `lines`: each line's `canonical`.
pub fn canonical(lines: &[&str]) -> Vec<String> {
    let d = tempfile::tempdir().unwrap();
    run(
        d.path(),
        &["parse", "--format", "jsonl"],
        &format!("{}\n", lines.join("\n")),
    )
    .lines()
    .map(|l| {
        let v: Value = serde_json::from_str(l).unwrap();
        v["canonical"].as_str().unwrap().to_owned()
    })
    .collect()
}

/// `(verdict, score)` of each row.
pub fn outcomes(rows: &[[String; 4]]) -> Vec<(&str, &str)> {
    rows.iter().map(|r| (&*r[1], &*r[2])).collect()
}
