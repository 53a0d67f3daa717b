//! The twenty-fourth session's hostile probe (issue 27, H172): the limits the third round found
//! missing. A workbook that unzips to more than [`jixiao::limits::UNZIP_RATIO`] times its size
//! (a zip bomb by ratio, within the unzip limit) is refused naming that limit; a rule file is
//! read a rule at a time, so one of more rules than `JIXIAO_MAX_RULES` is refused before its
//! rules are built, and its memory stays a small multiple of its size. Memory is the kernel's
//! peak of the child (`wait4`), never a duration.

#[cfg(unix)]
#[allow(dead_code)] // only the peak with variables is asked for here
#[path = "support/evaluate_peak.rs"]
mod evaluate_peak;

use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile24")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Exit code and standard error of `jixiao ARGS…` run in `dir` with `envs`.
fn run(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of a real workbook with one more part: `mb` MB of zeros, deflated (about a
/// thousandth of that in the file).
fn workbook_with_zeros(mb: usize) -> Vec<u8> {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/forms/f06-qingshen-fagai-2023-selfeval-unscored.xlsx"
    );
    let bytes = std::fs::read(fixture).unwrap();
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        to.raw_copy_file(from.by_index_raw(i).unwrap()).unwrap();
    }
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    to.start_file("xl/media/zeros.bin", deflated).unwrap();
    let mb_of_zeros = vec![0u8; 1 << 20];
    for _ in 0..mb {
        std::io::Write::write_all(&mut to, &mb_of_zeros).unwrap();
    }
    to.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_unzipping_to_more_than_its_ratio_is_refused_naming_the_limit() {
    // before: only the 512 MB unzip limit bounded a workbook, whatever its size: a 300 KB
    // zip of one 300 MB cell was unzipped and looked at whole (1.3 s of release CPU, ~4 s a
    // MB uploaded); the anchor reads this one (exit 0)
    let bytes = workbook_with_zeros(48);
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let d = scratch("unzip-ratio");
    std::fs::write(d.join("t.xlsx"), &bytes).unwrap();
    let (code, stderr) = run(&d, &["inspect", "t.xlsx"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("table.unzipped-too-large")
            && stderr.contains("JIXIAO_MAX_UNZIP_RATIO")
            && stderr.contains("xl/media/zeros.bin"),
        "{stderr}"
    );
    // the ratio raised, the same file is read; a workbook within 32 MB unzipped is never
    // refused by the ratio, however well it compresses
    let (code, stderr) = run(
        &d,
        &["inspect", "t.xlsx"],
        &[("JIXIAO_MAX_UNZIP_RATIO", "100000")],
    );
    assert_eq!(code, 0, "{stderr}");
    std::fs::write(d.join("small.xlsx"), workbook_with_zeros(24)).unwrap();
    let (code, stderr) = run(&d, &["inspect", "small.xlsx"], &[]);
    assert_eq!(code, 0, "{stderr}");
}

/// A table of one indicator, for the rule files' runs.
fn one_indicator(d: &Path) {
    std::fs::write(
        d.join("t.tsv"),
        "项目名称\t指标名称\t指标值\n项目\t满意度\t≥90%\n",
    )
    .unwrap();
}

/// Peak memory (kB) and exit code of `jixiao review t.tsv --rules FILE` in `d`, with `envs`.
#[cfg(unix)]
fn review_peak_kb(d: &Path, file: &str, envs: &[(&str, &str)]) -> (u64, i32) {
    let (t, r) = (d.join("t.tsv"), d.join(file));
    evaluate_peak::jixiao_peak_kb_with(
        &[
            "review".as_ref(),
            t.as_os_str(),
            "--rules".as_ref(),
            r.as_os_str(),
        ],
        envs,
    )
}

#[cfg(unix)]
#[test]
fn a_rule_file_of_more_rules_than_its_limit_is_refused_before_its_rules_are_built() {
    // before: the whole file was read into YAML events and one YAML value, and each rule
    // built, before `JIXIAO_MAX_RULES` was looked at: 150,000 rules of an id alone (2.4 MB)
    // took 294 MB to be refused (the anchor, release)
    let d = scratch("rules-count");
    one_indicator(&d);
    let mut text = String::from("rules:\n");
    for k in 0..150_000 {
        text.push_str(&format!("  - id: r.{k}\n"));
    }
    std::fs::write(d.join("many.yaml"), &text).unwrap();
    let file_kb = text.len() as u64 / 1024;
    let envs = [("JIXIAO_MAX_RULES", "1000")];
    let (code, stderr) = run(&d, &["review", "t.tsv", "--rules", "many.yaml"], &envs);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("规则文件有 150000 条规则") && stderr.contains("JIXIAO_MAX_RULES"),
        "{stderr}"
    );
    let (peak_kb, code) = review_peak_kb(&d, "many.yaml", &envs);
    assert_eq!(code, 2);
    // the text held a few times (read, the diagnostics' copy, the positions of its items)
    // and the program's own few tens of MB
    assert!(
        peak_kb < 6 * file_kb + 40 * 1024,
        "peak {peak_kb} kB for a file of {file_kb} kB"
    );
    // a flow-style list, whose items the positions do not see, is counted as it is read
    let flow = format!(
        "rules: [{}]\n",
        (0..1001)
            .map(|k| format!("{{id: f.{k}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    std::fs::write(d.join("flow.yaml"), flow).unwrap();
    let (code, stderr) = run(&d, &["review", "t.tsv", "--rules", "flow.yaml"], &envs);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("规则文件有 1001 条规则"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_rule_file_of_long_texts_is_read_within_a_small_multiple_of_its_size() {
    // before: each one-line scalar's byte map (8 bytes a byte) was held for every key, and the
    // file's YAML value beside its rules: one 10 MB description took 301 MB, 100 ids of 100 KB
    // 305 MB (the anchor, release); now the map is made only for an error that asks for it
    let d = scratch("rules-long");
    one_indicator(&d);
    let desc = format!(
        "rules:\n  - id: a\n    description: \"{}\"\n    when: indicator ~ \"满意度\"\n    direction: higher\n",
        "x".repeat(10 << 20)
    );
    std::fs::write(d.join("desc.yaml"), &desc).unwrap();
    let mut ids = String::from("rules:\n");
    for k in 0..100 {
        ids.push_str(&format!(
            "  - id: {}{k}\n    direction: higher\n",
            "y".repeat(100_000)
        ));
    }
    std::fs::write(d.join("ids.yaml"), &ids).unwrap();
    for (file, len) in [("desc.yaml", desc.len()), ("ids.yaml", ids.len())] {
        let file_kb = len as u64 / 1024;
        let (peak_kb, code) = review_peak_kb(&d, file, &[]);
        assert!(code <= 1, "exit {code} for {file}");
        assert!(
            peak_kb < 12 * file_kb + 40 * 1024,
            "{file}: peak {peak_kb} kB for a file of {file_kb} kB"
        );
    }
    // an error inside a long expression is still underlined where it is
    let bad = format!(
        "rules:\n  - id: a\n    when: indicator ~ \"{}\" and target >>> 3\n    direction: higher\n",
        "z".repeat(5000)
    );
    std::fs::write(d.join("bad.yaml"), &bad).unwrap();
    let (code, stderr) = run(&d, &["review", "t.tsv", "--rules", "bad.yaml"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bad.yaml:3:"), "{stderr}");
}
