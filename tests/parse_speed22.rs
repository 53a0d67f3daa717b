//! The parse hot path's code placement, guarded (issue 28, session 22, H150).
//!
//! The functions every target's reading runs sit in one linker section, `.text.hot.jixiao`
//! (`src/lang/mod.rs` says why): one block in the binary, which an unrelated edit elsewhere
//! cannot scatter over the instruction cache's sets. What that wins is counted, not timed, by
//! `MODE=instructions benches/compare.sh REF` (its cache-miss table; benches/README.md). These
//! tests hold the sources to it: one spelling of the section everywhere (a second spelling
//! would make a second block, apart from the first), and the functions that the parse cut runs
//! out of line for every target (`cg_annotate --sort=I1mr`, H150's measurement) each in it.

use std::path::{Path, PathBuf};

/// The one attribute that puts a function in the hot section (Linux: the name is an ELF one).
const ATTR: &str = r#"#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]"#;

/// The functions `jixiao parse --format jsonl` runs for every target and keeps out of line in
/// the release build: (file under `src/`, the start of its `fn` line, found once in the file).
const HOT: &[(&str, &str)] = &[
    ("cli/parse.rs", "fn read_all<"),
    ("lang/record.rs", "pub fn split_line("),
    ("lang/record.rs", "pub fn parse_line_into("),
    ("lang/record.rs", "pub fn write_parsed_json("),
    ("lang/record.rs", "fn raw("),
    ("lang/record.rs", "fn value_in_canonical("),
    ("lang/parse/mod.rs", "fn parse_marked("),
    ("lang/parse/mod.rs", "fn read_body("),
    ("lang/parse/mod.rs", "fn quantity_shape("),
    ("lang/parse/mod.rs", "fn unit("),
    ("lang/parse/mod.rs", "fn side<"),
    ("lang/parse/mod.rs", "fn restated_name_end("),
    ("lang/parse/mod.rs", "fn finish_side("),
    ("lang/parse/mod.rs", "fn prefix_word("),
    ("lang/parse/mod.rs", "fn suffix_word("),
    ("lang/parse/mod.rs", "fn known_unit("),
    ("lang/parse/mod.rs", "fn simplify("),
    ("lang/parse/mod.rs", "fn ws("),
    ("lang/parse/shapes.rs", "pub(super) fn holds_any("),
    ("lang/number.rs", "pub fn arabic("),
    ("lang/number.rs", "pub fn magnitude("),
    ("lang/print.rs", "pub fn push_decimal("),
    ("lang/print.rs", "pub fn write_canonical_noting_value("),
    ("lang/print.rs", "fn write_quantity("),
    ("lang/lexicon.rs", "pub fn prefixes<"),
    (
        "lang/direction.rs",
        "fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision {",
    ),
    ("json_text.rs", "pub fn string("),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line, its `//` comment left out.
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("").trim()
}

#[test]
fn every_link_section_is_the_one_hot_section() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut seen = 0;
    let mut other = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if !code(line).contains("link_section") {
                continue;
            }
            if line.trim() == ATTR {
                seen += 1;
            } else {
                other.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        other.is_empty(),
        "a section apart from `{ATTR}`:\n{}",
        other.join("\n")
    );
    assert!(
        seen >= HOT.len(),
        "{seen} functions in the hot section, fewer than the hot list"
    );
}

#[test]
fn the_parse_cut_hot_functions_are_in_the_hot_section() {
    let mut missing = Vec::new();
    for (file, start) in HOT {
        let text = std::fs::read_to_string(src().join(file)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let at: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].trim_start().starts_with(start))
            .collect();
        assert_eq!(
            at.len(),
            1,
            "src/{file}: `{start}` found {} times",
            at.len()
        );
        // the attributes and doc comments right above the `fn` line
        let mut above = lines[..at[0]]
            .iter()
            .rev()
            .map(|l| l.trim())
            .take_while(|l| l.starts_with("#[") || l.starts_with("///") || l.starts_with("//"));
        if !above.any(|l| l == ATTR) {
            missing.push(format!("src/{file}:{}: {start}", at[0] + 1));
        }
    }
    assert!(
        missing.is_empty(),
        "not in the hot section:\n{}",
        missing.join("\n")
    );
}
