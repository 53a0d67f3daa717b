//! `inspect`, `review` and `template` of a text sheet read a block at a time
//! (`table::blockwise`, `review::blocks`, `actuals_file::write_template_blocks`, issue 27)
//! against the whole table: the tree, the findings JSON, every review format and the actuals
//! file's template byte for byte the same, on generated sheets cut into blocks from one row to a
//! megabyte (quoted cells, review findings in many projects, a unit over several blocks); and
//! where the blocks could show otherwise than the whole table (a project that comes back, a
//! note row, a preamble line below the header, a target table), nothing written from them.

use std::path::{Path, PathBuf};

use jixiao::eval::actuals_file::{write_template, write_template_blocks};
use jixiao::review::blocks::{Hold, review_blocks_to};
use jixiao::review::{self, Options, render, render::ReviewFormat};
use jixiao::rules::RuleSet;
use jixiao::table::stream::{Opened, SheetStream, open};
use jixiao::table::{ReadOptions, read_path, view};

#[path = "support/sheets.rs"]
mod sheets;

fn generated(projects: usize, per_unit: usize, seed: u64) -> String {
    sheets::generated(projects, per_unit, seed)
}

fn write_file(name: &str, bytes: &[u8]) -> PathBuf {
    sheets::write_file("blockwise-tests", name, bytes)
}

const REVIEWS: [ReviewFormat; 3] = [
    ReviewFormat::Human,
    ReviewFormat::Json,
    ReviewFormat::Markdown,
];

/// The sheet's stream in blocks of about `block` bytes (`None`: it is read whole).
fn stream(path: &Path, block: usize) -> Option<SheetStream> {
    match open(path, &ReadOptions::default()).expect("opens") {
        Opened::Stream(mut s) => {
            s.set_block_bytes(block, 1 << 30);
            Some(*s)
        }
        Opened::Whole => None,
    }
}

/// Up to `bytes` of findings held in memory, then (`spill`) in a temporary file.
fn memory(bytes: usize, spill: bool) -> Hold {
    Hold {
        memory: bytes,
        spill,
    }
}

/// What the blocks write: the template, the tree, the findings JSON and each review format
/// (`None` each where the blocks write nothing).
fn from_blocks(path: &Path, block: usize) -> Vec<Option<Vec<u8>>> {
    let mut out = Vec::new();
    let mut template = Vec::new();
    let counts = write_template_blocks(&mut || stream(path, block), Some(2024), &mut template)
        .expect("no write error");
    if let Some(counts) = counts {
        let doc = read_path(path, &ReadOptions::default()).expect("reads");
        assert_eq!(counts, doc.counts(), "{}", path.display());
    }
    out.push(counts.map(|_| template));
    let mut tree = Vec::new();
    let written = view::tree_blocks_to(&mut || stream(path, block), None, &mut tree);
    out.push(written.expect("no write error").then_some(tree));
    let json = stream(path, block).and_then(|s| view::findings_json_blocks(s, None));
    out.push(json.map(|j| format!("{j}\n").into_bytes()));
    let rules = RuleSet::bundled();
    let opts = Options { rules, year: None };
    for format in REVIEWS {
        // the findings held by the first walk: none past the first block's (the rest read
        // again from the block after it), some in memory, some in memory and the rest in a
        // temporary file, all in a temporary file, all in memory (the last three: read once)
        let holds = [
            Hold::NONE,
            memory(3000, false),
            memory(3000, true),
            Hold::SPILLED,
            memory(usize::MAX, false),
        ];
        let mut texts: Vec<Option<Vec<u8>>> = holds
            .into_iter()
            .map(|held| {
                let mut text = Vec::new();
                let worst = review_blocks_to(
                    &mut || stream(path, block),
                    &opts,
                    (format, false),
                    (None, held),
                    &mut text,
                )
                .expect("no write error");
                worst.map(|_| text)
            })
            .collect();
        let once = texts.pop().flatten();
        for (held, text) in holds.into_iter().zip(texts) {
            assert!(
                text == once,
                "{}, blocks of {block}, {format:?}: the review holding {held:?} differs from the \
                 review read once",
                path.display()
            );
        }
        out.push(once);
    }
    out
}

/// The same from the whole table, as `jixiao inspect` and `jixiao review` write it.
fn whole(path: &Path) -> Vec<Vec<u8>> {
    let doc = read_path(path, &ReadOptions::default()).expect("reads");
    let rules = RuleSet::bundled();
    let findings = review::review(&doc, &Options { rules, year: None });
    let mut template = Vec::new();
    write_template(&doc, Some(2024), &mut template).expect("no write error");
    vec![
        template,
        view::tree(&doc).into_bytes(),
        format!("{}\n", view::findings_json(&doc)).into_bytes(),
        render::human(&doc, &findings, false).into_bytes(),
        render::json(&doc, &findings).into_bytes(),
        render::markdown(&doc.source.name, &findings).into_bytes(),
    ]
}

fn assert_same(path: &Path, block: usize) {
    let whole = whole(path);
    for (k, (b, w)) in from_blocks(path, block).into_iter().zip(whole).enumerate() {
        let b = b.unwrap_or_else(|| panic!("{}: output {k} not from blocks", path.display()));
        assert!(
            b == w,
            "{}, blocks of {block}: output {k} differs (first at byte {:?})",
            path.display(),
            b.iter().zip(&w).position(|(x, y)| x != y)
        );
    }
}

#[test]
fn generated_sheets_in_small_blocks_give_the_whole_tables_bytes() {
    for (projects, per_unit, seed) in [(1, 7, 3), (40, 7, 1), (120, 30, 2), (260, 3, 5)] {
        let path = write_file(
            &format!("generated-{projects}-{seed}.tsv"),
            generated(projects, per_unit, seed).as_bytes(),
        );
        for block in [1, 700, 8 * 1024, 1 << 20] {
            assert_same(&path, block);
        }
    }
}

#[test]
fn a_review_whose_findings_fit_in_memory_reads_the_sheet_once() {
    // the first walk reads every block for the counts the JSON opens with; it reviewed
    // nothing, and a second walk read every block again to review it (H84: the first walk
    // holds the findings of its blocks while they fit, and the second reads only the rest)
    let path = write_file("once.tsv", generated(120, 30, 2).as_bytes());
    let rules = RuleSet::bundled();
    let opts = Options { rules, year: None };
    let mut texts = Vec::new();
    let holds = [
        (memory(usize::MAX, false), 1),
        (memory(1 << 20, false), 1),
        (Hold::SPILLED, 1),
        (memory(3000, true), 1),
        (Hold::NONE, 2),
    ];
    for (held, opened_wanted) in holds {
        let mut opened = 0;
        let mut text = Vec::new();
        review_blocks_to(
            &mut || {
                opened += 1;
                stream(&path, 700)
            },
            &opts,
            (ReviewFormat::Json, false),
            (None, held),
            &mut text,
        )
        .expect("no write error")
        .expect("written from the blocks");
        assert_eq!(
            opened, opened_wanted,
            "the sheet opened {opened} times holding {held:?}"
        );
        texts.push(text);
    }
    assert!(texts.windows(2).all(|w| w[0] == w[1]));
    assert!(texts[0].len() > 10_000, "findings in many projects");
}

#[test]
fn quoted_cells_and_long_names_read_the_same_in_blocks() {
    // a quoted cell over two lines (the grid path) in every tenth project, and one project's
    // name far wider than the tree pads to
    let text = generated(80, 7, 7);
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if k > 1 && k % 10 == 0 && cells.len() > 5 && !cells[4].is_empty() {
            cells[4] = format!("\"{}\n（续）\"", cells[4]);
        }
        if k == 40 && !cells[1].is_empty() {
            cells[1] = "很长的项目名称".repeat(40);
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    let path = write_file("quoted.tsv", out.as_bytes());
    for block in [1, 2000, 1 << 20] {
        assert_same(&path, block);
    }
}

/// `text` with `line` put in before its line `at` (0-based).
fn with_line(text: &str, at: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at, line);
    lines.join("\n") + "\n"
}

#[test]
fn where_the_blocks_could_differ_from_the_whole_table_they_write_nothing() {
    let text = generated(60, 7, 4);
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
        ("money-unit-below", with_line(&text, 30, "金额单位：元")),
    ];
    for (name, t) in cases {
        let path = write_file(&format!("{name}.tsv"), t.as_bytes());
        for block in [1, 1 << 20] {
            if name == "split" && block > t.len() {
                // one block holds both parts: it joins them as the whole table does
                assert_same(&path, block);
                continue;
            }
            for (k, out) in from_blocks(&path, block).into_iter().enumerate() {
                assert!(out.is_none(), "{name}: output {k} from blocks of {block}");
            }
        }
    }
    // a target table is never read in blocks
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/guangzhou-hpf-2023");
    let target = std::fs::read_dir(&target)
        .expect("the sample")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "tsv"));
    if let Some(target) = target {
        assert!(stream(&target, 1).is_none(), "{}", target.display());
    }
}

#[test]
fn a_sheet_past_the_cell_limit_is_refused_as_the_whole_read_refuses_it() {
    // the whole read refuses a table of more cells than `JIXIAO_MAX_CELLS`: read in blocks,
    // it was answered (a 330 KB sheet under a limit of 20 000 cells)
    let path = write_file("cells.tsv", generated(800, 7, 6).as_bytes());
    assert!(std::fs::metadata(&path).expect("written").len() > 256 * 1024);
    for (verb, format) in [
        ("inspect", "json"),
        ("inspect", "table"),
        ("review", "json"),
        ("template", "yaml"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([verb, &path.display().to_string(), "--format", format])
            .env("JIXIAO_MAX_CELLS", "20000")
            .env("NO_COLOR", "1")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{verb} {format}: {stderr}");
        assert!(stderr.contains("table.too-many-cells"), "{stderr}");
        assert!(out.stdout.is_empty(), "{verb} {format}");
    }
}
