//! The codes registry (`src/codes.rs`): one entry a code, unique, each documented; and the one
//! place the compiler cannot hold a code to the registry, miette's `#[diagnostic(code(...))]`
//! attribute (a literal), checked here against it.

use std::path::{Path, PathBuf};

use jixiao::codes::{self, Code};

#[test]
fn codes_are_unique_and_each_says_what_to_do() {
    let mut seen = std::collections::HashSet::new();
    for c in codes::ALL {
        assert!(seen.insert(c.as_str()), "{c} twice");
        assert!(!c.title().is_empty(), "{c} has no title");
        for part in ["含义：", "处理：", "修改："] {
            assert!(c.body().contains(part), "{c} lacks {part}");
        }
        // the published spelling: a family, then `.` or `::`, then lower-case words
        let (family, name) = c
            .as_str()
            .split_once("::")
            .or_else(|| c.as_str().split_once('.'))
            .unwrap_or_else(|| panic!("{c}: no family"));
        assert!(
            family.chars().all(|ch| ch.is_ascii_lowercase()),
            "{c}: family"
        );
        assert!(
            name.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "{c}: name"
        );
    }
}

/// The codes published with `::` before the registry; every new code is `family.name`.
const OLD_SPELLING: &[&str] = &[
    "actuals::parse",
    "lang::canonical",
    "rules::bad-value",
    "rules::decision",
    "rules::duplicate-id",
    "rules::expression",
    "rules::file",
    "rules::io",
    "rules::missing-id",
    "rules::shape",
    "rules::too-many",
    "rules::unknown-id",
    "rules::unknown-key",
    "rules::yaml-syntax",
];

#[test]
fn new_codes_take_the_one_separator() {
    let mut double: Vec<&str> = codes::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| c.contains("::"))
        .collect();
    double.sort_unstable();
    assert_eq!(double, OLD_SPELLING, "a new code is spelled family.name");
}

#[test]
fn find_answers_either_separator() {
    assert_eq!(
        codes::find("table.row-too-short"),
        Some(codes::ROW_TOO_SHORT)
    );
    assert_eq!(
        codes::find("rules::unknown-key"),
        Some(codes::RULES_UNKNOWN_KEY)
    );
    assert_eq!(
        codes::find("rules.unknown-key"),
        Some(codes::RULES_UNKNOWN_KEY)
    );
    assert_eq!(
        codes::find("table::row-too-short"),
        Some(codes::ROW_TOO_SHORT)
    );
    assert_eq!(codes::find("table.no-such-code"), None);
    assert_eq!(codes::find(""), None);
}

#[test]
fn a_code_is_its_published_string() {
    let c: Code = codes::FORM_TOTAL_MISMATCH;
    assert_eq!(c.as_str(), "table.form-total-mismatch");
    assert_eq!(c.to_string(), "table.form-total-mismatch");
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        "\"table.form-total-mismatch\""
    );
    assert!(
        c.text()
            .starts_with("table.form-total-mismatch — 总分与各项得分之和不符（通常级别：警告）")
    );
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

/// The codes miette's attributes name in `text`: `code("table.io")` and `code(rules::file)`
/// after `#[diagnostic(`, on its line or the next.
fn attribute_codes(text: &str) -> Vec<String> {
    let attr = regex::Regex::new(
        r#"#\[diagnostic\(\s*(?:transparent|code\(\s*(?:"([^"]*)"|([A-Za-z0-9_:.-]+))\s*\))"#,
    )
    .unwrap();
    attr.captures_iter(text)
        .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().to_owned()))
        .collect()
}

#[test]
fn the_attribute_scan_reads_both_spellings() {
    let text = "#[diagnostic(code(\"table.io\"), help(\"x\"))]\n\
                #[diagnostic(\n    code(rules::file),\n)]\n#[diagnostic(transparent)]";
    assert_eq!(attribute_codes(text), ["table.io", "rules::file"]);
}

#[test]
fn every_diagnostic_attribute_names_a_registered_code() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut named = Vec::new();
    let mut unregistered = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for code in attribute_codes(&text) {
            if codes::ALL.iter().all(|c| c.as_str() != code) {
                unregistered.push(format!("{}: {code}", file.display()));
            }
            named.push(code);
        }
    }
    // the scan sees the attributes (a broken pattern would see none)
    for known in [
        "table.io",
        "rules::file",
        "pile.zip-broken",
        "lang::canonical",
    ] {
        assert!(named.iter().any(|c| c == known), "scan missed {known}");
    }
    assert!(
        unregistered.is_empty(),
        "not in src/codes.rs: {unregistered:#?}"
    );
}
