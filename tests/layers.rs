//! The rooms that import one way only: a layer that uses one it must not know fails here.
//!
//! - `table/formats` (bytes → positioned cells) knows no layout; `table/layouts` (what the rows
//!   mean) knows no format: each format gives the same grid and the layouts never ask which.
//! - `table` reads files; folders and what each file of one is belong to `inputs` above it.
//! - The command line (`cli`) and the page (`web`) are two doors onto the same rooms: the page
//!   never imports the command line (what both need — the format enums, the years — lives below
//!   them), and no room below imports either door.
//!
//! Doc comments and comments may name the other side (to say it is not used); code may not.

use std::path::{Path, PathBuf};

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

/// Lines of code (comments left out) under `dir` that name any of `forbidden`.
fn uses(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    assert!(!files.is_empty(), "{dir}: no sources");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn layouts_never_know_the_format() {
    let found = uses(
        "src/table/layouts",
        &["formats::", "Format::", "SheetCells"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn formats_never_know_a_layout() {
    let found = uses(
        "src/table/formats",
        &[
            "layouts::",
            "table::form",
            "self_eval",
            "target_table",
            "columns::",
            "eval::",
            "rules::",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn tables_never_know_folders() {
    let found = uses("src/table", &["crate::inputs", "inputs::"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_page_never_knows_the_command_line() {
    let found = uses("src/web", &["crate::cli", "cli::"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_rooms_below_know_neither_door() {
    let mut found = Vec::new();
    for dir in [
        "src/table",
        "src/lang",
        "src/eval",
        "src/report",
        "src/review",
        "src/rules",
        "src/pile",
    ] {
        found.extend(uses(dir, &["crate::cli", "crate::web", "cli::", "web::"]));
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_check_sees_a_use_when_there_is_one() {
    // the scan itself: this file names what it forbids, in code
    let found = uses("tests", &["\"formats::\""]);
    assert!(!found.is_empty());
}
