//! The lean row path of the streamed evaluation (`eval::lean`, issue 28) changes no byte: every
//! sample and every text sheet of the fixtures (with its rule file where it has one), and
//! generated sheets of both kinds (actuals that repeat, actuals that rarely do, as
//! `benches/compare.sh` makes them), evaluated to JSON lines and CSV with the lean path on and
//! off (`JIXIAO_LEAN=0`): the same exit code, the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};

#[path = "support/sheets.rs"]
#[allow(dead_code)]
mod sheets;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `jixiao evaluate ARGS --format FORMAT`, the lean path on or off: exit code and stdout.
fn run(args: &[&Path], format: &str, lean: bool) -> (Option<i32>, Vec<u8>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.arg("evaluate").args(args).args(["--format", format]);
    if lean {
        cmd.env_remove("JIXIAO_LEAN");
    } else {
        cmd.env("JIXIAO_LEAN", "0");
    }
    let out = cmd.output().expect("runs");
    (out.status.code(), out.stdout)
}

/// The same exit code and bytes both ways, in JSON lines and CSV; the lines written (to tell
/// a run that wrote nothing).
fn assert_same(args: &[&Path]) -> usize {
    let mut lines = 0;
    for format in ["jsonl", "csv"] {
        let (code, general) = run(args, format, false);
        let (lean_code, lean) = run(args, format, true);
        assert_eq!(code, lean_code, "{args:?} {format}: exit codes");
        if general != lean {
            let at = general
                .iter()
                .zip(&lean)
                .position(|(a, b)| a != b)
                .unwrap_or(general.len().min(lean.len()));
            let line = general[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let show = |b: &[u8]| {
                String::from_utf8_lossy(b)
                    .lines()
                    .nth(line - 1)
                    .unwrap_or("")
                    .to_owned()
            };
            panic!(
                "{args:?} {format}: line {line} differs\n general: {}\n    lean: {}",
                show(&general),
                show(&lean)
            );
        }
        lines += general.iter().filter(|b| **b == b'\n').count();
    }
    lines
}

/// The text sheets under `dir`, with the rule file beside each where there is one
/// (`x.csv` and `x.yaml`).
fn text_sheets(dir: &Path, out: &mut Vec<(PathBuf, Option<PathBuf>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("reads the folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            text_sheets(&path, out);
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "tsv" | "csv" | "txt") {
            let rules = path.with_extension("yaml");
            let rules = rules.is_file().then_some(rules);
            out.push((path, rules));
        }
    }
}

#[test]
fn every_sample_and_fixture_sheet_gives_the_same_bytes_lean_or_not() {
    let mut sheets = Vec::new();
    text_sheets(&root().join("samples"), &mut sheets);
    text_sheets(&root().join("tests/fixtures"), &mut sheets);
    assert!(sheets.len() > 100, "the fixtures' sheets: {}", sheets.len());
    let mut lines = 0;
    for (sheet, rules) in &sheets {
        // a rule file beside a sheet is read as its rules (the methods' fixtures), not as
        // actuals
        let rules_flag = PathBuf::from("--rules");
        let args: Vec<&Path> = match rules {
            Some(r) if !r.ends_with("actuals.yaml") => vec![sheet, &rules_flag, r],
            _ => vec![sheet],
        };
        lines += assert_same(&args);
    }
    // the sample's targets with its actuals file (the lean path leaves rows with an entry to
    // the general one)
    let sample = root().join("samples/guangzhou-hpf-2023");
    lines += assert_same(&[&sample.join("targets.tsv"), &sample.join("actuals.yaml")]);
    assert!(lines > 1000, "lines written: {lines}");
}

/// A generated sheet of `indicators` indicators, as `examples/synth` writes it.
fn generated(indicators: usize, varied: bool) -> PathBuf {
    let spec = Spec {
        projects: usize::MAX,
        indicators: Some(indicators),
        varied_actuals: varied,
        ..Spec::default()
    };
    let vocab = Vocabulary::bundled(&mut Rng::new(spec.seed));
    let mut out = Vec::new();
    write_sheet(&vocab, spec, &mut out).expect("writes to memory");
    let name = if varied { "varied.tsv" } else { "repeating.tsv" };
    sheets::write_file("lean-tests", name, &out)
}

#[test]
fn generated_sheets_of_both_kinds_give_the_same_bytes_lean_or_not() {
    for varied in [false, true] {
        let sheet = generated(30_000, varied);
        let lines = assert_same(&[&sheet]);
        assert!(lines > 60_000, "lines written: {lines}");
    }
}
