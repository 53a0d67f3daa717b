//! Streaming evaluation (`evaluate --format jsonl` on a text sheet) against the whole-table
//! path: the same bytes, the same summary, the same rows read and skipped, on generated sheets
//! cut into many small blocks, with the awkward rows real files have (quoted cells over two
//! lines, CRLF, blank and note rows, repeated headers, malformed rows at block boundaries,
//! GBK), and on the published scores of the bundled 自评表.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::eval::stream::{StreamOptions, Streamed, evaluate_stream, published_precision};
use jixiao::eval::{Methodology, Options, evaluate, evaluate::published_precision as whole_dp};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};
use jixiao::table::stream::{Opened, open};
use jixiao::table::{ReadOptions, read_path};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generated(projects: usize, seed: u64) -> String {
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: 7,
        seed,
        varied_actuals: false,
    };
    let vocab = Vocabulary::bundled(&mut Rng::new(seed));
    let mut out = Vec::new();
    write_sheet(&vocab, spec, &mut out).expect("writes to memory");
    String::from_utf8(out).expect("UTF-8")
}

// the sheet writer shared with tests/blocks.rs and tests/blockwise.rs (its generator is not
// used here: these sheets never vary their actuals by seed)
#[path = "support/sheets.rs"]
#[allow(dead_code)]
mod sheets;

fn write_file(name: &str, bytes: &[u8]) -> PathBuf {
    sheets::write_file("stream-tests", name, bytes)
}

/// The whole-table path: read, evaluate, JSON lines.
fn whole(path: &Path) -> (Vec<u8>, usize, usize) {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let doc = read_path(path, &ReadOptions::default()).expect("reads whole");
    let report = evaluate(&doc, None, &Options::new(&m, rules));
    let mut out = Vec::new();
    json::write_lines(&report, &mut out).expect("writes");
    (out, doc.rows_read, doc.rows_skipped)
}

/// The streaming path with blocks of about `block` bytes.
fn streamed(path: &Path, block: usize) -> (Vec<u8>, Streamed) {
    streamed_forced(path, block, 1 << 30)
}

/// Streaming with blocks cut even inside a project after `force` bytes.
fn streamed_forced(path: &Path, block: usize, force: usize) -> (Vec<u8>, Streamed) {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let reopen = || match open(path, &ReadOptions::default()).expect("opens") {
        Opened::Stream(s) => *s,
        Opened::Whole => panic!("{} should stream", path.display()),
    };
    let mut first = reopen();
    first.set_block_bytes(block, force);
    let dp = if first.head().has_published_scores {
        published_precision(first).expect("first pass")
    } else {
        None
    };
    let mut stream = reopen();
    stream.set_block_bytes(block, force);
    let render = |_: &jixiao::table::model::Document| String::new();
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let s = evaluate_stream(
        stream,
        &StreamOptions {
            lines: &json::JsonLines,
            methodology: &m,
            rules,
            year: None,
            actuals: None,
            published_dp: dp,
            workers: 2,
            render: &render,
            hold_unfilled: false,
        },
        &mut out,
        &mut notes,
    )
    .expect("streams");
    (out, s)
}

fn assert_same(path: &Path, block: usize) -> Streamed {
    let (expected, read, skipped) = whole(path);
    let (got, s) = streamed(path, block);
    if got != expected {
        let (g, e) = (
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected),
        );
        let at = g.lines().zip(e.lines()).position(|(a, b)| a != b);
        let show = |t: &str| at.and_then(|k| t.lines().nth(k)).unwrap_or("").to_owned();
        panic!(
            "{} (blocks of {block}): streaming output differs from the whole-table output \
             at line {at:?} of {} vs {}\nstream: {}\nwhole:  {}",
            path.display(),
            g.lines().count(),
            e.lines().count(),
            show(&g),
            show(&e)
        );
    }
    assert_eq!((s.rows_read, s.rows_skipped), (read, skipped));
    s
}

#[test]
fn generated_sheet_in_many_blocks_gives_the_whole_table_bytes() {
    let text = generated(1500, 7);
    let path = write_file("plain.tsv", text.as_bytes());
    let s = assert_same(&path, 4096);
    assert!(s.blocks > 50, "only {} blocks", s.blocks);
    assert_eq!(
        s.reread, 0,
        "the cutter's guesses should hold on a clean sheet"
    );
    assert!(s.findings.is_empty());
    assert_eq!(s.summary.projects, 1500);
}

/// Rows real exports have, spread over the file so that some meet block boundaries.
fn messy(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let line = line.trim_end_matches('\n');
        match i % 97 {
            13 => out.push_str("\r\n"),                              // a blank line
            29 => out.push_str("注：本表为合成数据\r\n"),            // a note row
            41 => out.push_str(&synth_header()), // the header again (a new page)
            53 => out.push_str("\t\t\t\t坏行\t≥95%\t96%\t十\t\r\n"), // 全年预算数 not a number
            67 => out.push_str("\t\t短行\r\n"),  // too few cells
            _ => {}
        }
        // a cell quoted over two lines, now and then
        if i % 89 == 5 && line.split('\t').nth(4).is_some_and(|c| !c.is_empty()) {
            let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
            cells[4] = format!("\"{}\n（续）\"", cells[4]);
            out.push_str(&cells.join("\t"));
        } else {
            out.push_str(line);
        }
        out.push_str("\r\n");
    }
    out
}

fn synth_header() -> String {
    format!("{}\r\n", jixiao::synth::SHEET_HEADER)
}

#[test]
fn awkward_rows_read_the_same_in_blocks() {
    let text = messy(&generated(800, 11));
    let path = write_file("messy.tsv", text.as_bytes());
    let (_, skipped_whole) = {
        let (_, r, s) = whole(&path);
        (r, s)
    };
    assert!(skipped_whole > 10, "the messy rows should be skipped");
    for block in [1500, 4096, 20_000] {
        assert_same(&path, block);
    }
}

#[test]
fn gbk_sheet_streams_like_utf8() {
    let text = messy(&generated(300, 3));
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let path = write_file("gbk.tsv", &gbk);
    assert_same(&path, 2048);
}

#[test]
fn a_wrong_guess_is_read_again_and_changes_nothing() {
    // A unit cell on a row that is skipped (bad 分值) fools the cutter's guess of the unit.
    let mut text = String::from(
        "单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
         甲单位\t项目一\t产出指标\t完成率\t≥95%\t96%\t\n",
    );
    for k in 0..40 {
        text.push_str(&format!("\t\t\t指标{k}\t≥90%\t91%\t\n"));
    }
    text.push_str("乙单位\t\t\t坏行\t≥90%\t91%\t十分\n");
    for p in 2..30 {
        text.push_str(&format!("\t项目{p}\t产出指标\t完成率\t≥95%\t96%\t\n"));
        for k in 0..10 {
            text.push_str(&format!("\t\t\t指标{k}\t≥90%\t80%\t\n"));
        }
    }
    let path = write_file("guess.tsv", text.as_bytes());
    let s = assert_same(&path, 256);
    assert!(
        s.reread > 0,
        "the skipped unit cell should make a guess wrong"
    );
}

#[test]
fn published_scores_are_rechecked_with_the_whole_files_rounding() {
    let path = root().join("samples/jishan-2021-health/sheet.tsv");
    let doc = read_path(&path, &ReadOptions::default()).expect("reads");
    assert_eq!(whole_dp(&doc), Some(1));
    let s = assert_same(&path, 64);
    assert!(s.summary.differences > 0);
    // its 49 points: the findings line beside the project, the same in both paths, and the
    // summary graded on 100 (44.38 of 49 is 90.57), never 差 as if out of 100
    let (lines, _, _) = whole(&path);
    assert!(String::from_utf8_lossy(&lines).contains("\"code\":\"eval.points-not-100\""));
    assert_eq!(s.summary.score.to_string(), "90.57");
    assert_eq!(s.summary.grade, "优");
}

#[test]
fn a_total_in_the_project_column_stays_with_the_projects_it_sums_in_any_block() {
    // the cutter took a `合计` row in the 项目 column for a new project's first row and cut the
    // block before it: its project was then in the block before, and the row a project of its own
    let mut text =
        String::from("单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n");
    for p in 0..40 {
        text.push_str(&format!(
            "甲\t项目{p}\t产出指标\t完成率\t≥95%\t96%\t60\t60\n"
        ));
        text.push_str(&format!(
            "甲\t项目{p}\t效益指标\t满意度\t≥90%\t93%\t40\t40\n"
        ));
        // one total that disagrees: its project 未核对, in any block
        let total = if p == 7 { 90 } else { 100 };
        text.push_str(&format!("\t合计\t\t\t\t\t100\t{total}\n"));
    }
    let path = write_file("project-column-totals.tsv", text.as_bytes());
    for block in [1, 40, 100, 300, 1000] {
        let s = assert_same(&path, block);
        assert_eq!(
            (s.summary.projects, s.summary.waiting),
            (40, 1),
            "blocks of {block}"
        );
    }
}

#[test]
fn a_project_that_comes_back_later_is_named() {
    let text = "单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\n\
                甲\t项目一\t产出指标\t完成率\t≥95%\t96%\n\
                甲\t项目二\t产出指标\t完成率\t≥95%\t96%\n\
                甲\t项目一\t效益指标\t满意度\t≥90%\t93%\n";
    let path = write_file("split.tsv", text.as_bytes());
    let (_, s) = streamed(&path, 1);
    assert_eq!(s.summary.indicators, 3);
    assert_eq!(s.summary.projects, 3, "streaming scores the two runs apart");
    let codes: Vec<(&str, Option<u32>)> = s.findings.iter().map(|f| (&*f.code, f.line)).collect();
    assert_eq!(codes, [("stream.project-split", Some(4))]);
}

#[test]
fn the_command_line_streams_jsonl_and_matches_no_streaming() {
    let text = messy(&generated(400, 5));
    let path = write_file("cli.tsv", text.as_bytes());
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("evaluate")
            .arg(&path)
            .args(["--format", "jsonl"])
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            out.stdout,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (streamed, notes) = run(&[]);
    let (whole, whole_notes) = run(&["--no-streaming"]);
    assert!(streamed == whole, "stdout differs");
    // the reader's findings reach stderr either way, at the same lines
    for code in [
        "table.row-ignored",
        "table.bad-amount",
        "table.row-too-short",
    ] {
        assert_eq!(
            notes.matches(code).count(),
            whole_notes.matches(code).count(),
            "{code}"
        );
    }
    let last = String::from_utf8_lossy(&streamed)
        .lines()
        .last()
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(last.starts_with("{\"summary\":{\"indicators\":"), "{last}");
}

#[test]
fn a_project_longer_than_a_forced_cut_is_named_and_nothing_is_lost() {
    let path = root().join("samples/jishan-2021-health/sheet.tsv");
    let (_, read, skipped) = whole(&path);
    let (lines, s) = streamed_forced(&path, 64, 1024);
    assert!(s.blocks > 2);
    assert_eq!((s.rows_read, s.rows_skipped), (read, skipped));
    assert_eq!(s.summary.indicators, 20);
    // each part named beside its figures (the cut is no project that comes back)
    assert!(
        !projects_with(&lines, "stream.project-cut").is_empty(),
        "{}",
        String::from_utf8_lossy(&lines)
    );
    assert!(
        !s.findings.iter().any(|f| f.code == "stream.project-split"),
        "{:?}",
        s.findings
    );
}

/// Runs `jixiao evaluate ARGS --format jsonl` and gives (exit code, stdout, stderr).
fn jsonl(args: &[&std::ffi::OsStr], extra: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("evaluate")
        .args(args)
        .args(["--format", "jsonl"])
        .args(extra)
        .output()
        .expect("runs");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_actuals_file_is_matched_in_table_order_when_streaming() {
    let text = generated(120, 21);
    let sheet = write_file("with-actuals.tsv", text.as_bytes());
    let template = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("template")
        .arg(&sheet)
        .output()
        .expect("template runs");
    assert_eq!(template.status.code(), Some(0));
    let mut yaml = String::from_utf8(template.stdout).expect("UTF-8");
    // one entry that matches nothing
    yaml.push_str("  - unit: \"无此单位\"\n    project: \"无此项目\"\n    indicators: []\n");
    let actuals = write_file("with-actuals.yaml", yaml.as_bytes());
    let args = [sheet.as_os_str(), actuals.as_os_str()];
    let (code, streamed, notes) = jsonl(&args, &[]);
    let (whole_code, whole, whole_notes) = jsonl(&args, &["--no-streaming"]);
    assert_eq!((code, whole_code), (Some(0), Some(0)), "{notes}");
    assert!(streamed == whole, "stdout differs");
    assert_eq!(notes.matches("actuals.unmatched").count(), 1, "{notes}");
    assert_eq!(whole_notes.matches("actuals.unmatched").count(), 1);
}

#[test]
fn a_csv_sheet_with_quoted_cells_streams_like_the_whole_file() {
    let tsv = generated(500, 13);
    let mut csv = String::new();
    for (i, line) in tsv.lines().enumerate() {
        let cells: Vec<String> = line
            .split('\t')
            .enumerate()
            .map(|(k, c)| {
                // quote what needs it, and now and then a cell over two lines
                if c.contains([',', '"']) || (i % 61 == 7 && k == 4 && !c.is_empty()) {
                    let sep = if i % 61 == 7 { "\n" } else { "" };
                    format!("\"{}{sep}\"", c.replace('"', "\"\""))
                } else {
                    c.to_owned()
                }
            })
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let path = write_file("quoted.csv", csv.as_bytes());
    assert_same(&path, 1024);
}

/// Puts a 0xFF (never valid UTF-8 or GB18030) at the start of the first line after `from`;
/// returns its offset.
fn insert_bad_byte(bytes: &mut Vec<u8>, from: usize) -> usize {
    let at = from
        + bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a line")
        + 1;
    bytes.insert(at, 0xFF);
    at
}

#[test]
fn bytes_invalid_in_the_encoding_stop_the_stream_with_their_offset() {
    // past the first megabyte, where the encoding has been decided as UTF-8
    let mut bytes = generated(4000, 17).into_bytes();
    assert!(bytes.len() > 1 << 20);
    let from = bytes.len() - 1000;
    let at = insert_bad_byte(&mut bytes, from);
    let path = write_file("invalid.tsv", &bytes);
    let (code, out, notes) = jsonl(&[path.as_os_str()], &[]);
    assert_eq!(code, Some(2), "{notes}");
    assert!(notes.contains("table.decode"), "{notes}");
    assert!(notes.contains(&format!("{at} 字节")), "{at}: {notes}");
    // what was read before the bad byte was written, and nothing claims to be a summary
    assert!(!out.is_empty());
    assert!(!String::from_utf8_lossy(&out).contains("\"summary\""));
}

#[test]
fn a_bad_byte_in_the_first_megabyte_is_found_where_the_whole_file_reader_finds_it() {
    let mut bytes = generated(50, 19).into_bytes();
    let from = bytes.len() / 2;
    insert_bad_byte(&mut bytes, from);
    let path = write_file("invalid-early.tsv", &bytes);
    let (code, _, notes) = jsonl(&[path.as_os_str()], &[]);
    let (whole_code, _, whole_notes) = jsonl(&[path.as_os_str()], &["--no-streaming"]);
    assert_eq!((code, whole_code), (Some(2), Some(2)));
    let offset = |t: &str| {
        t.split("第 ")
            .nth(1)
            .map(|r| r.split(' ').next().unwrap_or("").to_owned())
    };
    assert_eq!(
        offset(&notes),
        offset(&whole_notes),
        "{notes}\n{whole_notes}"
    );
}

/// Runs `jixiao evaluate ARGS EXTRA` and gives (exit code, stdout, stderr).
fn run_cli(args: &[&std::ffi::OsStr], extra: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("evaluate")
        .args(args)
        .args(extra)
        .output()
        .expect("runs");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `--format csv` streamed and with `--no-streaming`: the same exit code and bytes, the
/// reader's findings as often on stderr; gives the streamed run's stderr.
fn csv_same(args: &[&std::ffi::OsStr]) -> (Option<i32>, Vec<u8>, String) {
    let (code, streamed, notes) = run_cli(args, &["--format", "csv"]);
    let (whole_code, whole, whole_notes) = run_cli(args, &["--format", "csv", "--no-streaming"]);
    assert_eq!(code, whole_code, "{notes}\n---\n{whole_notes}");
    if streamed != whole {
        let (g, e) = (
            String::from_utf8_lossy(&streamed),
            String::from_utf8_lossy(&whole),
        );
        let at = g.lines().zip(e.lines()).position(|(a, b)| a != b);
        panic!(
            "csv differs at line {at:?} ({} lines against {}):\n{:?}\n{:?}",
            g.lines().count(),
            e.lines().count(),
            at.and_then(|k| g.lines().nth(k)),
            at.and_then(|k| e.lines().nth(k))
        );
    }
    for code in [
        "table.row-ignored",
        "table.bad-amount",
        "table.row-too-short",
        "actuals.unmatched",
        "eval.no-actuals",
        "eval.actuals-match-nothing",
    ] {
        assert_eq!(
            notes.matches(code).count(),
            whole_notes.matches(code).count(),
            "{code}: {notes}"
        );
    }
    (code, streamed, notes)
}

#[test]
fn the_command_line_streams_csv_and_matches_no_streaming() {
    // awkward rows, and a cell with a control character (shown as its picture either way)
    let text = messy(&generated(400, 9)).replacen("≥95%", "≥95%\u{1b}[2J", 3);
    let path = write_file("cli-csv.tsv", text.as_bytes());
    let (code, out, notes) = csv_same(&[path.as_os_str()]);
    assert_eq!(code, Some(0), "{notes}");
    assert!(out.starts_with(b"\xEF\xBB\xBF\xE5\x8D\x95\xE4\xBD\x8D,"));
    assert!(String::from_utf8_lossy(&out).contains('\u{241b}'));
    assert!(notes.contains("table.row-too-short"), "{notes}");
    // with -o, the same bytes in the file
    let file = root().join("target/stream-tests/cli-csv-out.csv");
    let (code, _, _) = run_cli(
        &[path.as_os_str()],
        &["--format", "csv", "-o", file.to_str().expect("UTF-8 path")],
    );
    assert_eq!(code, Some(0));
    assert!(std::fs::read(&file).expect("written") == out);
}

#[test]
fn a_streamed_csv_report_opens_with_the_actuals_that_matched_nothing() {
    let text = generated(150, 23);
    let sheet = write_file("csv-actuals.tsv", text.as_bytes());
    let template = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("template")
        .arg(&sheet)
        .output()
        .expect("template runs");
    assert_eq!(template.status.code(), Some(0));
    let mut yaml = String::from_utf8(template.stdout).expect("UTF-8");
    yaml.push_str("  - unit: \"无此单位\"\n    project: \"无此项目\"\n    indicators: []\n");
    let actuals = write_file("csv-actuals.yaml", yaml.as_bytes());
    let (code, out, notes) = csv_same(&[sheet.as_os_str(), actuals.as_os_str()]);
    assert_eq!(code, Some(0), "{notes}");
    // the warning row stands right under the header
    let text = String::from_utf8(out).expect("UTF-8");
    let third = text.lines().nth(1).unwrap_or_default();
    assert!(
        third.contains("警告") && third.contains("actuals.unmatched"),
        "{third}"
    );
}

#[test]
fn a_streamed_csv_run_is_refused_where_the_whole_table_is() {
    // no actual anywhere and no actuals file
    let mut text = String::from("单位\t项目\t一级指标\t三级指标\t年度指标值\t实际完成值\n");
    for p in 0..300 {
        text.push_str(&format!("甲\t项目{p}\t产出指标\t完成率\t≥95%\t\n"));
    }
    let empty = write_file("csv-unfilled.tsv", text.as_bytes());
    let (code, out, notes) = csv_same(&[empty.as_os_str()]);
    assert_eq!(code, Some(2), "{notes}");
    assert!(out.is_empty());
    assert_eq!(notes.matches("eval.no-actuals").count(), 1, "{notes}");
    // an actuals file that gives nothing to any project of the table
    let yaml = "projects:\n  - unit: \"无此单位\"\n    project: \"无此项目\"\n    indicators: []\n";
    let actuals = write_file("csv-nothing.yaml", yaml.as_bytes());
    let (code, out, notes) = csv_same(&[empty.as_os_str(), actuals.as_os_str()]);
    assert_eq!(code, Some(2), "{notes}");
    assert!(out.is_empty());
    assert!(notes.contains("eval.actuals-match-nothing"), "{notes}");
}

#[test]
fn csv_is_streamed_a_split_project_says_so() {
    // only the streamed path names a project whose rows come back later (blocks apart: within
    // one block the reader puts its rows together, as the whole table does)
    let mut text = generated(2000, 31);
    assert!(text.len() > 256 * 1024);
    // a title row, the header, then the first project's first row
    let first_row = text.lines().nth(2).expect("a data row").to_owned();
    assert!(!first_row.starts_with('\t'));
    text.push_str(&first_row);
    text.push('\n');
    let path = write_file("csv-split.tsv", text.as_bytes());
    let (code, out, notes) = run_cli(&[path.as_os_str()], &["--format", "csv"]);
    assert_eq!(code, Some(0), "{notes}");
    assert!(notes.contains("stream.project-split"), "{notes}");
    // the run scored apart: one 预算执行率 row more than projects in the sheet
    assert_eq!(
        String::from_utf8_lossy(&out).matches("预算执行率").count(),
        2001
    );
}

#[test]
fn a_streamed_csv_run_stopped_by_a_bad_byte_still_shows_what_was_read_before() {
    // a short row early, bytes invalid in the encoding past the first megabyte
    let text = generated(4000, 37).replacen("\n\t\t", "\n\t\t短行\n\t\t", 1);
    let mut bytes = text.into_bytes();
    assert!(bytes.len() > 1 << 20);
    let from = bytes.len() - 1000;
    insert_bad_byte(&mut bytes, from);
    let path = write_file("csv-invalid.tsv", &bytes);
    let (code, out, notes) = run_cli(&[path.as_os_str()], &["--format", "csv"]);
    assert_eq!(code, Some(2), "{notes}");
    assert!(notes.contains("table.decode"), "{notes}");
    assert!(notes.contains("table.row-too-short"), "{notes}");
    // no report that looks whole: nothing is written
    assert!(out.is_empty());
}

/// Runs `jixiao ARGS` and gives its exit code, stdout, stderr and its own CPU time (user and
/// system, from `wait4`: a loaded machine stretches the wall clock, not this).
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which gives its CPU time
fn run_timed(args: &[&std::ffi::OsStr]) -> (Option<i32>, Vec<u8>, String, std::time::Duration) {
    use std::io::Read as _;
    use std::os::unix::process::ExitStatusExt as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 writes only into the two places and
    // waits for our own child, which `child` has not waited for
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let time = |t: libc::timeval| {
        std::time::Duration::from_secs(t.tv_sec as u64)
            + std::time::Duration::from_micros(t.tv_usec as u64)
    };
    (
        std::process::ExitStatus::from_raw(status).code(),
        out.join().expect("stdout read"),
        String::from_utf8_lossy(&err.join().expect("stderr read")).into_owned(),
        time(usage.ru_utime) + time(usage.ru_stime),
    )
}

/// A long run of blank lines (as exports write past their data) streams in CPU time of a few
/// instructions a line, not a few hundred: 50 MB of them cost 2.55 s of CPU on a release build
/// (issue 27), each line a row cut, checked and left out one by one, in the cutter and again in
/// the block's split. Taken a run at once now, counted for the row numbers after them: a row
/// after the run is named at its line, as the whole file's reader names it.
#[cfg(target_os = "linux")]
#[test]
fn a_run_of_blank_lines_streams_at_once_and_is_counted() {
    let text = generated(40, 3);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // the run between two projects (one it cut would be two: `stream.project-split`)
    let half = (lines.len() / 2..lines.len())
        .find(|&k| lines[k].split('\t').nth(1).is_some_and(|p| !p.is_empty()))
        .expect("a project's first row");
    let (head, tail) = lines.split_at(half);
    let blank_lines = 24 * 1024 * 1024;
    let mut bytes = head.concat().into_bytes();
    bytes.extend(std::iter::repeat_n(b'\n', blank_lines));
    bytes.extend(tail[0].as_bytes());
    // 全年预算数 not a number: named at its line
    bytes.extend("\t\t\t\t坏行\t≥95%\t96%\t十\t\n".as_bytes());
    bytes.extend(tail[1..].concat().as_bytes());
    let path = write_file("blank-lines.tsv", &bytes);
    drop(bytes);
    let bad_line = head.len() + blank_lines + 2;
    let (code, streamed, notes, cpu) = run_timed(&[
        "evaluate".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{notes}");
    let at = format!("blank-lines.tsv:{bad_line}:");
    assert!(
        notes.contains("table.bad-amount") && notes.contains(&at),
        "{notes}"
    );
    // the same report as the whole file's reader gives (past its cell limit: each blank line
    // is a cell to it)
    let whole = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("evaluate")
        .arg(&path)
        .args(["--format", "jsonl", "--no-streaming"])
        .env("JIXIAO_MAX_CELLS", "100000000")
        .output()
        .expect("runs");
    let whole_notes = String::from_utf8_lossy(&whole.stderr);
    assert_eq!(whole.status.code(), Some(0), "{whole_notes}");
    assert!(streamed == whole.stdout, "stdout differs");
    assert!(whole_notes.contains(&at), "{whole_notes}");
    // one by one, the lines took 3.9 s of CPU on the debug build (0.6 s on the release
    // build); at once, 0.3 s
    assert!(cpu < std::time::Duration::from_millis(1500), "{cpu:?}");
}

/// The streamed line is written straight from the row and its scoring (no report line made);
/// the whole-table path writes the report model's. On a sheet of every verdict, nulls, escapes,
/// printed scores that differ, 偏差原因, inferred categories and findings lines, and on every
/// method's sheet of `tests/fixtures/rules/methods` with its rules: the streamed JSON lines are
/// the whole table's bytes and, field by field, the json report's indicators (serde's own
/// serialisation of the report model); the csv rows are the whole table's bytes.
#[test]
fn lines_written_from_the_row_are_the_report_models_lines() {
    let varied = root().join("tests/fixtures/eval/lines-both-ways.tsv");
    let methods = root().join("tests/fixtures/rules/methods");
    let mut cases: Vec<(PathBuf, Option<PathBuf>)> = vec![(varied.clone(), None)];
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(&methods)
        .expect("methods folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    sheets.sort();
    for sheet in sheets {
        let rules = sheet.with_extension("yaml");
        cases.push((sheet, rules.exists().then_some(rules)));
    }
    assert!(cases.len() > 20, "{cases:?}");
    let mut all = String::new();
    for (sheet, rules) in &cases {
        let mut args = vec![sheet.as_os_str()];
        if let Some(r) = rules {
            args.extend([std::ffi::OsStr::new("--rules"), r.as_os_str()]);
        }
        let (code, streamed, notes) = jsonl(&args, &[]);
        let (whole_code, whole, whole_notes) = jsonl(&args, &["--no-streaming"]);
        assert_eq!(code, whole_code, "{sheet:?}: {notes}\n---\n{whole_notes}");
        let (s, w) = (
            String::from_utf8_lossy(&streamed),
            String::from_utf8_lossy(&whole),
        );
        for (a, b) in s.lines().zip(w.lines()) {
            assert_eq!(a, b, "{sheet:?}: streamed, then whole");
        }
        assert_eq!(s.lines().count(), w.lines().count(), "{sheet:?}");
        let (_, report, _) = run_cli(&args, &["--format", "json", "--no-streaming"]);
        let report: serde_json::Value = serde_json::from_slice(&report).expect("json report");
        let mut expected = Vec::new();
        for p in report["projects"].as_array().expect("projects") {
            for i in p["indicators"].as_array().expect("indicators") {
                let mut line = serde_json::json!({"unit": p["unit"], "project": p["project"]});
                for (k, v) in i.as_object().expect("an indicator") {
                    line[k] = v.clone();
                }
                expected.push(line);
            }
        }
        let lines: Vec<serde_json::Value> = String::from_utf8(streamed)
            .expect("UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .filter(|l: &serde_json::Value| l.get("seq").is_some())
            .collect();
        assert_eq!(lines, expected, "{sheet:?}");
        csv_same(&args);
        if sheet == &varied {
            all = String::from_utf8(whole).expect("UTF-8");
            assert_eq!(lines.len(), 17);
        }
    }
    // the sheet of every kind of line has each field the lines can write, filled and null
    for verdict in [
        "pass",
        "fail",
        "review",
        "missing",
        "invalid",
        "not_applicable",
    ] {
        assert!(
            all.contains(&format!("\"verdict\":\"{verdict}\"")),
            "{verdict}"
        );
    }
    for part in [
        "\"category\":null",
        "\"subcategory\":null",
        "\"actual\":null",
        "\"score\":null",
        "\"published_score\":\"18\"",
        "\"deviation_note\":\"受\\\"疫情\\\"影响\\\\延期\"",
        "\"differs_from_published\":true",
        "\"category_inferred\":true",
        "\"subcategory_inferred\":true",
        "\"indicator\":\"举办\\\"宣传\\\"活动\\\\场次\"",
        "\"unit\":\"甲\\\"单位\\\"\\\\局\"",
        "\"findings\":[{\"code\":\"eval.points-not-100\"",
        "\"findings\":[{\"code\":\"eval.total-pending\"",
    ] {
        assert!(all.contains(part), "{part}\n{all}");
    }
}

/// The projects whose findings line holds `code`, in a JSON lines report.
fn projects_with(jsonl: &[u8], code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in String::from_utf8_lossy(jsonl).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let has = v["findings"]
            .as_array()
            .is_some_and(|fs| fs.iter().any(|f| f["code"] == code));
        if has {
            out.push(v["project"].as_str().unwrap_or("").to_owned());
        }
    }
    out
}

#[test]
fn a_total_row_of_a_project_longer_than_a_forced_cut_is_checked_against_the_whole_project() {
    // a project cut by the cutter's forced cut had its 合计 row checked against the last part's
    // rows alone: a false mismatch and 未核对 for a project whose sums all agree. The sums are
    // carried from block to block, and the total checked against the whole project's, as
    // the whole table checks it: agreeing, no part is 未核对; disagreeing, the part with the
    // total is, as the whole table's project is
    let sheet = |total: &str| {
        let mut t = String::from(
            "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n",
        );
        for k in 0..40 {
            let (score, actual) = if k % 4 == 0 {
                ("2.1", "84人")
            } else {
                ("2.5", "120人")
            };
            t.push_str(&format!(
                "P\t产出指标\t数量指标\t指标{k}\t≥100人\t{actual}\t2.5\t{score}\n"
            ));
        }
        t.push_str(&format!("P\t合计\t\t\t\t\t100\t{total}\n"));
        t.push_str("Q\t产出指标\t数量指标\t人数\t≥100人\t120人\t100\t100\n");
        t
    };
    // the rows' 得分: 10 × 2.1 + 30 × 2.5 = 96 (their 分值 100; within half a unit of each
    // figure's last digit, 2 in all)
    for (name, total, unchecked) in [("agrees", "96", false), ("differs", "93", true)] {
        let path = write_file(&format!("forced-total-{name}.tsv"), sheet(total).as_bytes());
        let (whole_lines, _, _) = whole(&path);
        let expected: Vec<String> = if unchecked { vec!["P".into()] } else { vec![] };
        assert_eq!(
            projects_with(&whole_lines, "eval.total-unchecked"),
            expected,
            "{}",
            String::from_utf8_lossy(&whole_lines)
        );
        for force in [500, 1000, 1800] {
            let (got, s) = streamed_forced(&path, 64, force);
            assert!(s.blocks > 2, "{force}: {} blocks", s.blocks);
            assert!(
                projects_with(&got, "stream.project-cut").len() >= 2,
                "{force}: the project is cut, each part named"
            );
            assert_eq!(
                projects_with(&got, "eval.total-unchecked"),
                expected,
                "{name}, cut at {force} bytes:\n{}",
                String::from_utf8_lossy(&got)
            );
        }
    }
}

/// `jixiao evaluate FILE ARGS` in `dir` with `env` set: (exit code, stdout, stderr).
fn evaluate_with(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("evaluate")
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A sheet of four projects: A and D of two rows, B of `b` rows and C of `c` rows (each about
/// 150 bytes), every row's 分值 and 得分 `1/rows` of 100 and B's `合计` row their sums.
fn long_projects_sheet(b: usize, c: usize) -> String {
    let pad = "测".repeat(30);
    let mut t =
        String::from("项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n");
    for (name, rows) in [("A", 2), ("B", b), ("C", c), ("D", 2)] {
        let w = rust_decimal::Decimal::from(100) / rust_decimal::Decimal::from(rows as u64);
        for k in 0..rows {
            let actual = if k % 3 == 0 { "90人" } else { "120人" };
            t.push_str(&format!(
                "{name}\t产出指标\t数量指标\t指标{k}{pad}\t≥100人\t{actual}\t{w}\t{w}\n"
            ));
        }
        if name == "B" {
            t.push_str("B\t合计\t\t\t\t\t100\t100\n");
        }
    }
    t
}

#[test]
fn a_project_past_the_streamed_project_limit_is_scored_in_named_parts_and_one_below_it_whole() {
    // a project past the streaming reader's forced cut (32 MB, unnamed) was scored as two
    // projects, told only by `stream.project-split` saying it came back "after other projects".
    // Below the named limit (`JIXIAO_MAX_STREAM_PROJECT_MB`, here 1 MB) a project is carried
    // whole, one project as `--no-streaming` reads it, in jsonl, csv and json alike; past it each
    // part is named beside its figures (`stream.project-cut`), its printed total checked against
    // the whole project's rows (no false 未核对)
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stream-project-limit");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // B about 1.5 MB (past the limit, cut once), C about 0.6 MB (within it)
    std::fs::write(dir.join("sheet.tsv"), long_projects_sheet(10_000, 4_000)).unwrap();
    let env = [("JIXIAO_MAX_STREAM_PROJECT_MB", "1")];
    let run = |format: &str, whole: bool| {
        let mut args = vec!["sheet.tsv", "--format", format];
        if whole {
            args.push("--no-streaming");
        }
        let (code, out, err) = evaluate_with(&dir, &env, &args);
        assert_eq!(code, Some(0), "{format}: {err}");
        out
    };
    // json: the sheet in blocks gives the whole table's report (a cut project reads it whole)
    assert_eq!(run("json", false), run("json", true));
    // jsonl: A, C and D line for line as the whole table's; B in two parts, each named
    let (streamed, whole) = (run("jsonl", false), run("jsonl", true));
    let of = |text: &str, project: &str| -> Vec<String> {
        let key = format!("\"project\":\"{project}\"");
        text.lines()
            .filter(|l| l.contains(&key))
            .map(str::to_owned)
            .collect()
    };
    for p in ["A", "C", "D"] {
        assert_eq!(of(&streamed, p), of(&whole, p), "project {p}");
    }
    assert_eq!(of(&streamed, "C").len(), 4_000);
    assert_eq!(
        projects_with(streamed.as_bytes(), "stream.project-cut"),
        ["B", "B"],
        "{}",
        streamed
            .lines()
            .filter(|l| l.contains("findings"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(projects_with(streamed.as_bytes(), "eval.total-unchecked").is_empty());
    assert!(projects_with(whole.as_bytes(), "stream.project-cut").is_empty());
    // csv: C's rows as the whole table's; each of B's two 预算执行率 rows names its part
    let (streamed, whole) = (run("csv", false), run("csv", true));
    let rows = |text: &str, p: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with(&format!(",{p},")))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(rows(&streamed, "C"), rows(&whole, "C"));
    assert_eq!(rows(&streamed, "C").len(), 4_001);
    assert_eq!(
        rows(&streamed, "B")
            .iter()
            .filter(|r| r.contains("stream.project-cut"))
            .count(),
        2
    );
    assert!(!whole.contains("stream.project-cut"));
}

#[test]
fn a_long_projects_lines_handed_on_in_parts_come_in_file_order() {
    // the lines of a long project (one block) go to the writer in parts of 4 MB as they are
    // written, not all at its end: written at once where its block is the next to write, else
    // held until it is. Projects before and after (blocks of their own, evaluated on other
    // workers at the same time) and the long ones, line for line as the whole table writes them
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stream-long-parts");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pad = "测".repeat(30);
    let mut t = String::from(
        "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n",
    );
    let project = |t: &mut String, name: &str, rows: usize| {
        t.push_str(&format!("单位甲\t{name}\t\t\t\t\t\t100\t90\n"));
        for k in 0..rows {
            let actual = if k % 3 == 0 { "90人" } else { "120人" };
            let category = ["产出指标", "效益指标", "满意度指标"][k % 3];
            t.push_str(&format!(
                "\t\t{category}\t数量指标\t指标{k}{pad}\t≥100人\t{actual}\t\t\n"
            ));
        }
    };
    for p in 0..400 {
        project(&mut t, &format!("前{p}"), 4);
    }
    // two long projects, each about 6 MB of lines (a part and the rest), evaluated on two
    // workers at once: the second's first part comes before the first is written
    project(&mut t, "长项目一", 12_000);
    project(&mut t, "长项目二", 12_000);
    for p in 0..400 {
        project(&mut t, &format!("后{p}"), 4);
    }
    std::fs::write(dir.join("sheet.tsv"), t).unwrap();
    let run = |whole: bool| {
        let mut args = vec!["sheet.tsv", "--format", "jsonl"];
        if whole {
            args.push("--no-streaming");
        }
        let (code, out, err) = evaluate_with(&dir, &[], &args);
        assert_eq!(code, Some(0), "{err}");
        out
    };
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("{\"unit\""))
            .map(str::to_owned)
            .collect()
    };
    let whole = lines(&run(true));
    assert_eq!(whole.len(), 24_000 + 800 * 4);
    for round in 0..2 {
        let streamed = lines(&run(false));
        assert_eq!(streamed.len(), whole.len(), "round {round}");
        for (k, (a, b)) in streamed.iter().zip(&whole).enumerate() {
            assert_eq!(a, b, "round {round}, line {}", k + 1);
        }
    }
}
