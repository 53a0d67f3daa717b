//! Hostile inputs through the binary: each case ends with a clear message and exit code 2, or a
//! report that lists the bad rows — never a panic, never a hang. Every case snapshots its exit
//! code and what the binary printed (no colour, miette's width 80; long runs of one character
//! squashed, temporary paths replaced).
//!
//! Cases already covered elsewhere are not repeated: an empty file, binary garbage, `PK` bytes
//! that are no zip and prose without a header (`tests/table_diagnostics.rs`, `read_errors`);
//! short rows, extra cells, bad amounts and the other malformed rows
//! (`tests/table_diagnostics.rs`); a 1 MB target line and overflowing targets in
//! `jixiao parse` (`tests/target_errors.rs`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory for one case.
fn dir(case: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-hostile-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A small target table (the note-row fixture without its note).
const TABLE: &str = "项目支出绩效目标表\n\n部门名称：示例中心\n\n单位：万元\n\n\
项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n\
合计\t111.42\t111.42\t\t\t\t\n\
示例办事处\t111.42\t111.42\t\t\t\t\n\
业务用房物业管理费\t54.97\t54.97\t\t\t保证办公环境整洁。\t1、产出指标：办公设备维护维修工作完成率，年度指标值：95%。2、效益指标：员工满意度，年度指标值：员工满意度98%以上。\n\
购置经费\t56.45\t56.45\t\t\t保证业务正常开展。\t1、产出指标：购置完成率，年度指标值：95%。\n";

/// Collapses runs of more than 16 equal characters into `⟨c×n⟩`, so snapshots of huge inputs
/// stay readable.
fn squash(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut n = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            n += 1;
        }
        if n > 16 {
            out.push_str(&format!("⟨{}×{n}⟩", c.escape_debug()));
        } else {
            out.extend(std::iter::repeat_n(c, n));
        }
    }
    out
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `cwd` with a time limit; a hang fails the test.
fn run(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let child = cmd.spawn().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(120),
        "{args:?} took {:?}",
        start.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

/// The snapshot of a run: exit code and stderr (and stdout lines matching `keep`, if any).
fn shown(r: &Run, keep: Option<&str>) -> String {
    let mut s = format!("exit code: {}\n--- stderr\n{}", r.code, squash(&r.stderr));
    if let Some(k) = keep {
        s.push_str("--- stdout (lines with ");
        s.push_str(k);
        s.push_str(")\n");
        for line in r.stdout.lines().filter(|l| l.contains(k)) {
            s.push_str(&squash(line));
            s.push('\n');
        }
    }
    s
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn invalid_utf8_with_encoding_utf8() {
    let d = dir("invalid-utf8");
    let mut bytes = TABLE.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\x80\x81\n");
    write(&d, "t.tsv", &bytes);
    let r = run(&d, &["inspect", "t.tsv", "--encoding", "utf-8"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__invalid_utf8", shown(&r, None));
}

#[test]
fn gbk_file_read_as_utf8() {
    let d = root().join("samples/guangzhou-hpf-2023");
    let r = run(
        &d,
        &["inspect", "targets-gbk.csv", "--encoding", "utf-8"],
        &[],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__gbk_as_utf8", shown(&r, None));
}

#[test]
fn bom_in_the_middle() {
    let d = dir("bom-middle");
    // one BOM at a cell's start (trimmed like a space), one inside a target
    let text = TABLE
        .replace("购置经费", "\u{feff}购置经费")
        .replace("完成率，年度指标值：95%", "完成率，年度指标值：9\u{feff}5%");
    write(&d, "t.tsv", text);
    let r = run(&d, &["inspect", "t.tsv", "--format", "json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["counts"]["projects"], 2);
    let r = run(&d, &["evaluate", "t.tsv", "--format", "jsonl"], &[]);
    insta::assert_snapshot!("hostile__bom_in_the_middle", shown(&r, Some("购置")));
}

#[test]
fn crlf_mixed_with_lf() {
    let d = dir("crlf-mixed");
    let text: String = TABLE
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if i % 2 == 0 {
                l.replace('\n', "\r\n")
            } else {
                l.to_owned()
            }
        })
        .collect();
    write(&d, "t.tsv", &text);
    write(&d, "lf.tsv", TABLE);
    let mixed = run(&d, &["inspect", "t.tsv"], &[]);
    let plain = run(&d, &["inspect", "lf.tsv"], &[]);
    assert_eq!(mixed.code, 0, "{}", mixed.stderr);
    assert_eq!(mixed.stdout.replace("t.tsv", "lf.tsv"), plain.stdout);
    insta::assert_snapshot!("hostile__crlf_mixed", shown(&mixed, Some("")));
}

#[test]
fn cell_of_50_mb() {
    let d = dir("cell-50mb");
    let big = "很".repeat(50 * 1024 * 1024 / 3);
    let text = TABLE.replace("保证业务正常开展。", &big);
    write(&d, "t.tsv", text);
    let r = run(&d, &["inspect", "t.tsv"], &[]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.len() < 100_000, "the cell is not echoed whole");
    insta::assert_snapshot!("hostile__cell_50mb", shown(&r, Some("")));
}

#[test]
fn row_of_100000_columns() {
    let d = dir("columns");
    let row = "x\t".repeat(100_000);
    let text = format!("{TABLE}{row}\n");
    write(&d, "t.tsv", text);
    let r = run(&d, &["inspect", "t.tsv"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__columns_100000", shown(&r, None));
    // raised by its variable, the row is read and skipped as malformed
    let r = run(
        &d,
        &["inspect", "t.tsv"],
        &[("JIXIAO_MAX_COLUMNS", "200000")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

const HUGE: &str = "99999999999999999999999999999999999";

#[test]
fn numbers_beyond_decimal_range_in_a_target_and_an_amount() {
    let d = dir("huge-table");
    let text = TABLE
        .replace(
            "购置完成率，年度指标值：95%",
            &format!("购置完成率，年度指标值：{HUGE}%"),
        )
        .replace("购置经费\t56.45", &format!("购置经费\t{HUGE}"));
    write(&d, "t.tsv", text);
    let r = run(&d, &["evaluate", "t.tsv", "--format", "jsonl"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("hostile__huge_in_table", shown(&r, Some("购置")));
    let r = run(&d, &["inspect", "t.tsv"], &[]);
    insta::assert_snapshot!("hostile__huge_in_table_inspect", shown(&r, Some("")));
}

#[test]
fn number_beyond_decimal_range_in_an_actual() {
    let d = dir("huge-actual");
    write(&d, "t.tsv", TABLE);
    let actuals = format!(
        "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    budget: \"10\"\n    spent: \"1\"\n    indicators:\n      - seq: 1\n        indicator: 购置完成率\n        actual: \"{HUGE}%\"\n"
    );
    write(&d, "a.yaml", actuals);
    let r = run(
        &d,
        &["evaluate", "t.tsv", "a.yaml", "--format", "jsonl"],
        &[],
    );
    insta::assert_snapshot!("hostile__huge_in_actual", shown(&r, Some("购置")));
    assert!(r.code == 0 || r.code == 2);
}

#[test]
fn number_beyond_decimal_range_in_a_rule() {
    let d = dir("huge-rule");
    write(
        &d,
        "r.yaml",
        format!(
            "rules:\n  - id: audit.huge\n    when: indicator ~ \"率\"\n    require: target >= {HUGE}%\n    message: \"太大\"\n"
        ),
    );
    let r = run(&d, &["rules", "check", "r.yaml"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__huge_in_rule", shown(&r, None));
}

#[test]
fn expression_nested_10000_deep() {
    let d = dir("deep");
    let expr = format!(
        "{}indicator ~ \"率\"{}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    write(
        &d,
        "r.yaml",
        format!("rules:\n  - id: audit.deep\n    when: '{expr}'\n    direction: higher\n"),
    );
    let r = run(&d, &["rules", "check", "r.yaml"], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("JIXIAO_MAX_DEPTH"));
    insta::assert_snapshot!("hostile__nested_10000", shown(&r, None));
    // `not` chains count too
    let expr = format!("{}indicator ~ \"率\"", "not ".repeat(10_000));
    write(
        &d,
        "n.yaml",
        format!("rules:\n  - id: audit.deep\n    when: '{expr}'\n    direction: higher\n"),
    );
    let r = run(&d, &["rules", "check", "n.yaml"], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("JIXIAO_MAX_DEPTH"));
}

/// "Billion laughs": nine levels of nine aliases.
fn alias_bomb(top: &str) -> String {
    let mut s = String::from(
        "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    s.push_str(&format!("{top}: *a9\n"));
    s
}

#[test]
fn yaml_alias_bomb_in_a_rule_file() {
    let d = dir("bomb-rules");
    write(&d, "r.yaml", alias_bomb("rules"));
    let r = run(&d, &["rules", "check", "r.yaml"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__alias_bomb_rules", shown(&r, None));
}

#[test]
fn yaml_alias_bomb_in_an_actuals_file() {
    let d = dir("bomb-actuals");
    write(&d, "t.tsv", TABLE);
    write(&d, "a.yaml", alias_bomb("projects"));
    let r = run(&d, &["evaluate", "t.tsv", "a.yaml"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__alias_bomb_actuals", shown(&r, None));
}

#[test]
fn rule_file_of_100000_rules() {
    let d = dir("many-rules");
    let mut text = String::from("rules:\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "  - id: audit.r{i}\n    when: indicator ~ \"指标{i}\"\n    direction: higher\n"
        ));
    }
    write(&d, "r.yaml", &text);
    let start = Instant::now();
    let r = run(&d, &["rules", "check", "r.yaml"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    // over the limit: a clear error naming it
    let r = run(
        &d,
        &["rules", "check", "r.yaml"],
        &[("JIXIAO_MAX_RULES", "1000")],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__rules_over_limit", shown(&r, None));
}

/// A zip with the parts of an xlsx; `big` is the sheet's content.
fn xlsx_with(sheet: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let parts: [(&str, &[u8]); 4] = [
            ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#),
            ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ];
        for (name, bytes) in parts {
            z.start_file(name, o).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
        z.write_all(sheet).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

const SHEET_HEAD: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

#[test]
fn xlsx_zip_bomb_that_expands() {
    let d = dir("zip-bomb");
    // 64 MB of spaces inside the sheet, a few hundred kilobytes zipped; the limit lowered to 16 MB
    let mut sheet = SHEET_HEAD.as_bytes().to_vec();
    sheet.resize(sheet.len() + 64 * 1024 * 1024, b' ');
    sheet.extend_from_slice(SHEET_TAIL.as_bytes());
    let bytes = xlsx_with(&sheet);
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    write(&d, "bomb.xlsx", bytes);
    let r = run(
        &d,
        &["inspect", "bomb.xlsx"],
        &[("JIXIAO_MAX_UNZIPPED_MB", "16")],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__xlsx_zip_bomb", shown(&r, None));
}

#[test]
fn xlsx_zip_bomb_that_claims_gigabytes() {
    let d = dir("zip-claims");
    let mut bytes = xlsx_with(format!("{SHEET_HEAD}{SHEET_TAIL}").as_bytes());
    // the sheet's declared uncompressed size, in its local header and the central directory
    let name = b"xl/worksheets/sheet1.xml";
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let mut i = 0;
        while let Some(k) = bytes[i..].windows(4).position(|w| w == sig) {
            let h = i + k;
            let name_at = if sig == b"PK\x03\x04" { h + 30 } else { h + 46 };
            if bytes[name_at..].starts_with(name) {
                bytes[h + at..h + at + 4].copy_from_slice(&0xF000_0000u32.to_le_bytes());
            }
            i = h + 4;
        }
    }
    write(&d, "claims.xlsx", bytes);
    let r = run(&d, &["inspect", "claims.xlsx"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__xlsx_claims_gigabytes", shown(&r, None));
}

#[test]
fn xlsx_with_a_stray_far_cell() {
    // A1 and XFD1048576: calamine's dense range would be 17 billion cells
    let d = dir("far-cell");
    let sheet = format!(
        "{SHEET_HEAD}<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row><row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>y</t></is></c></row>{SHEET_TAIL}"
    );
    write(&d, "far.xlsx", xlsx_with(sheet.as_bytes()));
    let r = run(&d, &["inspect", "far.xlsx"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__xlsx_far_cell", shown(&r, None));
}

#[test]
fn xlsx_that_is_not_a_zip() {
    let d = dir("not-zip");
    write(&d, "t.xlsx", TABLE);
    let r = run(&d, &["inspect", "t.xlsx"], &[]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__xlsx_not_a_zip", shown(&r, None));
}

#[test]
fn input_over_the_size_limit() {
    let d = dir("too-large");
    let text = format!("{TABLE}{}", "\n".repeat(2 * 1024 * 1024));
    write(&d, "t.tsv", text);
    let r = run(&d, &["inspect", "t.tsv"], &[("JIXIAO_MAX_INPUT_MB", "1")]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__input_too_large", shown(&r, None));
}

#[test]
fn line_over_the_length_limit() {
    let d = dir("long-line");
    let text = format!("{TABLE}{}\n", "长".repeat(1024 * 1024));
    write(&d, "t.tsv", text);
    let r = run(&d, &["inspect", "t.tsv"], &[("JIXIAO_MAX_LINE_MB", "1")]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("hostile__line_too_long", shown(&r, None));
}
