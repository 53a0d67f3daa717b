//! Running the `jixiao` binary on a folder and reading its reports back figure by figure,
//! shared by the tests that check readings against the sheet itself (`tests/sheet_shapes.rs`,
//! `tests/quiet_readings.rs`): the whole report (`--format json`) and the streamed one
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
