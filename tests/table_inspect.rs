//! `inspect` on the sample table: the tree and the findings JSON, and a copy with one project
//! amount changed. Snapshots reviewed by hand.

use std::path::PathBuf;
use std::process::Command;

use jixiao::table::{self, Document, ReadOptions, view};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const SAMPLE: &str = "samples/guangzhou-hpf-2023/targets.tsv";

fn read_named(name: &str) -> Document {
    let bytes = std::fs::read(root().join(name)).unwrap();
    table::read_bytes(name, &bytes, &ReadOptions::default()).unwrap()
}

#[test]
fn sample_table() {
    insta::assert_snapshot!("sample_table", view::tree(&read_named(SAMPLE)));
}

#[test]
fn sample_json() {
    insta::assert_snapshot!("sample_json", view::findings_json(&read_named(SAMPLE)));
}

#[test]
fn sample_xlsx_and_gbk_csv_print_the_same_tree() {
    let tsv = view::tree(&read_named(SAMPLE));
    for name in [
        "samples/guangzhou-hpf-2023/targets.xlsx",
        "samples/guangzhou-hpf-2023/targets-gbk.csv",
    ] {
        let other = view::tree(&read_named(name));
        // only the first line (file, encoding, format) differs
        assert_eq!(
            other.split_once('\n').unwrap().1,
            tsv.split_once('\n').unwrap().1,
            "{name}"
        );
    }
}

/// 番禺办事处's 专项工作经费 total and 财政拨款 raised by 1.00, and 花都办事处's 购置经费 total only:
/// one finding per broken sum.
fn changed_sample() -> Document {
    let seed = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let changed = seed
        .replacen(
            "专项工作经费\t66.57\t66.57",
            "专项工作经费\t67.57\t67.57",
            1,
        )
        .replacen("购置经费\t16.95\t16.95", "购置经费\t17.95\t16.95", 1);
    table::read_str("targets-changed.tsv", &changed, &ReadOptions::default()).unwrap()
}

#[test]
fn changed_amount_json() {
    insta::assert_snapshot!(
        "changed_amount_json",
        view::findings_json(&changed_sample())
    );
}

#[test]
fn changed_amount_diagnostics() {
    let doc = changed_sample();
    let mut out = String::new();
    for f in &doc.findings {
        out.push_str(&f.render(&doc.source, 100));
        out.push('\n');
    }
    insta::assert_snapshot!("changed_amount_diagnostics", out);
}

#[test]
fn cli_exit_codes_and_json() {
    let bin = env!("CARGO_BIN_EXE_jixiao");
    let out = Command::new(bin)
        .current_dir(root())
        .args(["inspect", SAMPLE, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let expected = view::findings_json(&read_named(SAMPLE)) + "\n";
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);

    let out = Command::new(bin)
        .current_dir(root())
        .args(["inspect", "samples/guangzhou-hpf-2023/missing.tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("missing.tsv"), "{err}");

    let out = Command::new(bin)
        .current_dir(root())
        .args([
            "inspect",
            "samples/guangzhou-hpf-2023/targets-gbk.csv",
            "--encoding",
            "utf-8",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("targets-gbk.csv")
    );

    let out = Command::new(bin)
        .current_dir(root())
        .args([
            "inspect",
            "samples/guangzhou-hpf-2023/targets.xlsx",
            "--sheet",
            "项目支出绩效目标表",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// The real published self-evaluation sheet of the corpus, read as a sheet.
#[test]
fn corpus_scored_sheet_table() {
    let name = "tests/fixtures/lang/corpus_scored.tsv";
    let bytes = std::fs::read(root().join(name)).unwrap();
    let doc = table::read_bytes(name, &bytes, &ReadOptions::default()).unwrap();
    insta::assert_snapshot!("corpus_scored_sheet_table", view::tree(&doc));
}
