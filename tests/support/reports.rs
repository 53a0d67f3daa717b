//! Running the `jixiao` binary on a folder and reading its reports back figure by figure,
//! shared by the tests that check readings against the sheet itself (`tests/sheet_shapes.rs`,
//! `tests/quiet_readings.rs`) and by the probes' tests (`tests/probe15.rs` … `probe20.rs`,
//! `outside20.rs`, `pages17.rs` … `pages19.rs`, `review22.rs`: a hand-made fixture's report, its
//! projects, findings and score): the whole report (`--format json`) and the streamed one
//! (`--format jsonl`) give the same fields, so a test can hold the two alike.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What one run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `jixiao ARGS` in `cwd` (no colours); a panic in its stderr fails the test.
pub fn run(cwd: &Path, args: &[&str]) -> Run {
    run_with(cwd, args, &[])
}

/// [`run`] with the variables `env` set.
pub fn run_with(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
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

/// A fresh folder `PREFIX-NAME` for one test.
pub fn dir(prefix: &str, name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{prefix}-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Each indicator of a whole report (`--format json`) as its `fields` (`project` is the
/// project's; the others the indicator's), `""` where one is null.
pub fn whole_fields<const N: usize>(json: &str, fields: [&str; N]) -> Vec<[String; N]> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut out = Vec::new();
    for p in v["projects"].as_array().unwrap() {
        for i in p["indicators"].as_array().unwrap() {
            out.push(fields.map(|k| {
                let v = if k == "project" { &p[k] } else { &i[k] };
                v.as_str().unwrap_or("").to_owned()
            }));
        }
    }
    out
}

/// Each indicator line of a streamed report (`--format jsonl`), as [`whole_fields`] gives it.
pub fn streamed_fields<const N: usize>(jsonl: &str, fields: [&str; N]) -> Vec<[String; N]> {
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("indicator").is_some())
        .map(|v| fields.map(|k| v[k].as_str().unwrap_or("").to_owned()))
        .collect()
}

/// `evaluate FILE --format jsonl` in `cwd`, which must succeed: each indicator as
/// `[indicator, target, actual, verdict]`, and the run's stderr (its findings).
#[allow(dead_code)] // not every test including this module uses it
pub fn evaluate_in(cwd: &Path, file: &str) -> (Vec<[String; 4]>, String) {
    let r = run(cwd, &["evaluate", file, "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    let rows = streamed_fields(&r.stdout, ["indicator", "target", "actual", "verdict"]);
    (rows, r.stderr)
}

/// The folder `tests/fixtures/REL` of a test's hand-made inputs.
pub fn fixtures(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// `evaluate FILE --format json MORE…` in `cwd`, which must succeed: the report.
pub fn report_in(cwd: &Path, file: &str, more: &[&str]) -> Value {
    let mut args = vec!["evaluate", file, "--format", "json"];
    args.extend_from_slice(more);
    let r = run(cwd, &args);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// A whole report's findings of `code` (the report's and its projects'), each as its
/// `fields` (`""` where one is absent).
pub fn findings_fields<const N: usize>(
    v: &Value,
    code: &str,
    fields: [&str; N],
) -> Vec<[String; N]> {
    let projects = v["projects"].as_array().into_iter().flatten();
    std::iter::once(&v["findings"])
        .chain(projects.map(|p| &p["findings"]))
        .filter_map(Value::as_array)
        .flatten()
        .filter(|f| f["code"] == code)
        .map(|f| fields.map(|k| f[k].as_str().unwrap_or("").to_owned()))
        .collect()
}

/// A whole report's findings of `code` (the report's and its projects'), as messages.
pub fn findings_of(v: &Value, code: &str) -> Vec<String> {
    let messages = findings_fields(v, code, ["message"]);
    messages.into_iter().map(|[m]| m).collect()
}

/// The first project's `score` (`""` where null: 未核对 or 待评定).
pub fn score(v: &Value) -> String {
    v["projects"][0]["score"].as_str().unwrap_or("").to_owned()
}

/// Each project of a whole report: its name, its score (`""` where none) and its indicators
/// as their `fields`.
pub fn projects_fields<const N: usize>(
    v: &Value,
    fields: [&str; N],
) -> Vec<(String, String, Vec<[String; N]>)> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let indicators = |p: &Value| -> Vec<[String; N]> {
        let all = p["indicators"].as_array().into_iter().flatten();
        all.map(|i| fields.map(|k| s(&i[k]))).collect()
    };
    let projects = v["projects"].as_array().into_iter().flatten();
    projects
        .map(|p| (s(&p["project"]), s(&p["score"]), indicators(p)))
        .collect()
}

/// A row of expected fields, owned.
pub fn row<const N: usize>(fields: [&str; N]) -> [String; N] {
    fields.map(str::to_owned)
}

/// `inspect FILE` in `cwd` with the peak shown (`JIXIAO_SHOW_PEAK_MEMORY`): its stdout, stderr
/// and peak resident memory in kB. The unzip ratio limit is raised: the files these tests
/// write deflate a 40 MB cell ~1000:1 to reach the cell limit's reading, which the ratio limit
/// (`JIXIAO_MAX_UNZIP_RATIO`, tests/hostile24.rs) would refuse first.
pub fn inspect_peak_in(cwd: &Path, file: &str) -> (String, String, u64) {
    let envs = [
        ("JIXIAO_SHOW_PEAK_MEMORY", "1"),
        ("JIXIAO_MAX_UNZIP_RATIO", "100000"),
    ];
    let r = run_with(cwd, &["inspect", file], &envs);
    let peak_kb: u64 = (r.stderr.lines())
        .find_map(|l| l.strip_prefix("jixiao VmHWM: "))
        .and_then(|l| l.trim_end_matches(" kB").parse().ok())
        .unwrap_or_else(|| panic!("no peak in {}", r.stderr));
    (r.stdout, r.stderr, peak_kb)
}

/// `[indicator, target, actual, verdict, score]` of each indicator of a whole report.
pub fn scored(v: &Value) -> Vec<[String; 5]> {
    let fields = ["indicator", "target", "actual", "verdict", "score"];
    whole_fields(&v.to_string(), fields)
}

/// The codes of a whole report's findings (the report's and each project's), sorted, once each.
pub fn codes(v: &Value) -> Vec<String> {
    let mut all: Vec<String> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(
            v["projects"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|p| p["findings"].as_array().into_iter().flatten()),
        )
        .filter_map(|f| f["code"].as_str().map(str::to_owned))
        .collect();
    all.sort();
    all.dedup();
    all
}

/// Each project's four `fields` (`""` where null) and its count of indicators, as the form
/// probes compare their projects' totals.
pub fn projects_counted(v: &Value, fields: [&str; 4]) -> Vec<[String; 5]> {
    let projects = v["projects"].as_array().into_iter().flatten();
    projects
        .map(|p| {
            let [a, b, c, d] = fields.map(|k| p[k].as_str().unwrap_or("").to_owned());
            let n = p["indicators"].as_array().map_or(0, Vec::len).to_string();
            [a, b, c, d, n]
        })
        .collect()
}
