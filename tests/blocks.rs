//! The whole-document formats of a text sheet evaluated a block at a time (`eval::blocks`,
//! issue 27) against the whole table: every format's bytes the same, written through a
//! `report::sections::Spool` that keeps no project's rows, on generated sheets cut into many
//! small blocks (quoted cells, published scores); and where the blocks could give another
//! report than the whole table (a project that comes back, a note row, a preamble line below
//! the header, actuals that match nothing), no report from the blocks at all.

use std::path::{Path, PathBuf};

use jixiao::eval::{ActualsFile, Methodology, Options, blocks::evaluate_blocks, evaluate};
use jixiao::report::{self, ReportFormat, sections};
use jixiao::rules::RuleSet;
use jixiao::table::stream::{Opened, open};
use jixiao::table::{ReadOptions, read_path};

const FORMATS: [ReportFormat; 6] = [
    ReportFormat::Table,
    ReportFormat::Markdown,
    ReportFormat::Json,
    ReportFormat::Jsonl,
    ReportFormat::Csv,
    ReportFormat::Html,
];

#[path = "support/sheets.rs"]
mod sheets;

fn generated(projects: usize, seed: u64) -> String {
    sheets::generated(projects, 7, seed)
}

fn write_file(name: &str, bytes: &[u8]) -> PathBuf {
    sheets::write_file("blocks-tests", name, bytes)
}

/// The report of `path` from its blocks (of about `block` bytes), each format written through
/// a spool as the projects are scored; `None` where the blocks give none.
fn from_blocks(
    path: &Path,
    block: usize,
    actuals: Option<&ActualsFile>,
) -> Option<Vec<(ReportFormat, Vec<u8>)>> {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let reopen = || match open(path, &ReadOptions::default()).expect("opens") {
        Opened::Stream(mut s) => {
            s.set_block_bytes(block, 1 << 30);
            *s
        }
        Opened::Whole => panic!("{} should stream", path.display()),
    };
    let dp = if reopen().head().has_published_scores {
        jixiao::eval::stream::published_precision(reopen()).expect("first pass")
    } else {
        None
    };
    let mut written = Vec::new();
    for format in FORMATS {
        let sections = sections::of_format(format, &m.bands.value, None).expect("a text format");
        let mut spool = sections::Spool::new(sections).expect("spool");
        let opts = Options::new(&m, rules);
        let report = evaluate_blocks(reopen(), actuals, dp, &opts, |p| spool.project(p))?;
        assert!(report.projects.iter().all(|p| p.indicators.is_empty()));
        let mut out = Vec::new();
        spool.finish(&report, &mut out).expect("written");
        written.push((format, out));
    }
    Some(written)
}

/// Every format of the whole table's report.
fn whole(path: &Path, actuals: Option<&ActualsFile>) -> Vec<(ReportFormat, Vec<u8>)> {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let doc = read_path(path, &ReadOptions::default()).expect("reads whole");
    let r = evaluate(&doc, actuals, &Options::new(&m, rules));
    FORMATS
        .iter()
        .map(|&f| {
            let mut out = Vec::new();
            report::write(&r, f, &m.bands.value, &mut out).expect("written");
            (f, out)
        })
        .collect()
}

fn assert_same(path: &Path, block: usize, actuals: Option<&ActualsFile>) {
    let got = from_blocks(path, block, actuals)
        .unwrap_or_else(|| panic!("{}: the blocks gave no report", path.display()));
    for ((format, g), (_, e)) in got.iter().zip(whole(path, actuals)) {
        if *g != e {
            let (g, e) = (String::from_utf8_lossy(g), String::from_utf8_lossy(&e));
            let at = g.lines().zip(e.lines()).position(|(a, b)| a != b);
            let show = |t: &str| at.and_then(|k| t.lines().nth(k)).unwrap_or("").to_owned();
            panic!(
                "{} (blocks of {block}), {format:?}: differs at line {at:?} ({} lines against {})\nblocks: {}\nwhole:  {}",
                path.display(),
                g.lines().count(),
                e.lines().count(),
                show(&g),
                show(&e)
            );
        }
    }
}

#[test]
fn generated_sheets_in_small_blocks_give_the_whole_tables_bytes_in_every_format() {
    for (projects, seed) in [(1, 3), (40, 1), (120, 2), (260, 5)] {
        let path = write_file(
            &format!("generated-{projects}-{seed}.tsv"),
            generated(projects, seed).as_bytes(),
        );
        for block in [1, 700, 8 * 1024, 1 << 20] {
            assert_same(&path, block, None);
        }
    }
}

#[test]
fn quoted_cells_and_published_scores_read_the_same_in_blocks() {
    // a quoted cell over two lines (the grid path) in every tenth project, a 得分 column
    let text = generated(80, 7);
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if k > 1 && k % 10 == 0 && cells.len() > 5 && !cells[4].is_empty() {
            cells[4] = format!("\"{}\n（续）\"", cells[4]);
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    let path = write_file("quoted.tsv", out.as_bytes());
    for block in [1, 2000, 1 << 20] {
        assert_same(&path, block, None);
    }
    let sample =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/jishan-2021-health/sheet.tsv");
    for block in [1, 1 << 20] {
        // where the sample's own notes make it read whole there is nothing to compare
        if from_blocks(&sample, block, None).is_some() {
            assert_same(&sample, block, None);
        }
    }
}

/// `text` with `line` put in before its line `at` (0-based).
fn with_line(text: &str, at: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at, line);
    lines.join("\n") + "\n"
}

#[test]
fn where_the_blocks_could_differ_from_the_whole_table_they_give_no_report() {
    let text = generated(60, 4);
    let lines: Vec<&str> = text.lines().collect();
    // the first project's rows again at the end: one project in the whole table, two here
    let first_project_end = 2
        + lines[2..]
            .iter()
            .skip(1)
            .position(|l| !l.split('\t').nth(1).unwrap_or("").is_empty())
            .expect("a second project")
        + 1;
    let split = format!("{text}{}\n", lines[2..first_project_end].join("\n"));
    let cases = [
        ("split", split),
        ("note", with_line(&text, 30, "注：本表数据为示例")),
        // the preamble above the header names no money unit: the whole table takes this one
        ("money-unit-below", with_line(&text, 30, "金额单位：元")),
    ];
    for (name, t) in cases {
        let path = write_file(&format!("{name}.tsv"), t.as_bytes());
        for block in [1, 1 << 20] {
            if name == "split" && block > t.len() {
                // one block holds both parts: it joins them as the whole table does
                assert_same(&path, block, None);
                continue;
            }
            assert!(
                from_blocks(&path, block, None).is_none(),
                "{name}: the blocks gave a report (blocks of {block})"
            );
        }
    }
    // an actuals file: matched in table order as the whole table matches it; one entry that
    // matches nothing (its finding names the whole table's nearest name) and there is no report
    let path = write_file("plain.tsv", text.as_bytes());
    let cells: Vec<&str> = lines[2].split('\t').collect();
    let found = format!(
        "projects:\n  - unit: \"{}\"\n    project: \"{}\"\n    spent: \"1\"\n",
        cells[0], cells[1]
    );
    let matched = ActualsFile::parse("a.yaml", &found).expect("actuals");
    for block in [1, 1 << 20] {
        assert_same(&path, block, Some(&matched));
    }
    let astray =
        format!("{found}  - unit: \"某单位\"\n    project: \"没有这个项目\"\n    spent: \"1\"\n");
    let astray = ActualsFile::parse("a.yaml", &astray).expect("actuals");
    assert!(from_blocks(&path, 1 << 20, Some(&astray)).is_none());
    // the plain sheet itself does give one; and a department below the header, where the
    // preamble above it named one already (the first stands, in the whole table too)
    assert_same(&path, 1 << 20, None);
    let path = write_file(
        "department-below.tsv",
        with_line(&text, 30, "部门名称：某某局").as_bytes(),
    );
    for block in [1, 1 << 20] {
        assert_same(&path, block, None);
    }
}
