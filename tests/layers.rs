//! The rooms that import one way only: a layer that uses one it must not know fails here.
//!
//! - `table/formats` (bytes → positioned cells) knows no layout; `table/layouts` (what the rows
//!   mean) knows no format: each format gives the same grid and the layouts never ask which.
//! - `table` reads files; folders and what each file of one is belong to `inputs` above it.
//! - every room uses only its own floor and the floors below it (`FLOORS`, and `ARCHITECTURE.md`).
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

/// The rooms of the crate from the bottom up: a room may use its own floor and those below it.
const FLOORS: &[&[&str]] = &[
    &[
        "limits",
        "bounded",
        "diagnostic",
        "yaml",
        "source",
        "years",
        "codes",
        "traditional",
        "json_text",
        "alloc",
    ],
    &["finding"],
    &["table", "inputs"],
    &["lang"],
    &["rules"],
    &["report_model"],
    &["eval"],
    &["report"],
    &["review"],
    &["pile", "synth"],
    &["web", "cli"],
];

/// Imports that still go up, each a known debt with the way out; a new one fails the test, and
/// a mended one must leave this list (the test says so).
const STILL_UP: &[(&str, &str, &str)] = &[];

fn floor_of(room: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&room))
}

/// The top-level rooms that `text` (code, comments left out) names through `crate::`.
fn rooms_named(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rooms = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the names at the group's first depth
            let mut depth = 1;
            let mut word = String::new();
            let mut at_start = true;
            for ch in group.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => {
                        if !word.is_empty() {
                            rooms.push(std::mem::take(&mut word));
                        }
                        at_start = true;
                    }
                    c if at_start && depth == 1 && (c.is_alphanumeric() || c == '_') => {
                        word.push(c)
                    }
                    c if at_start && depth == 1 && c.is_whitespace() && word.is_empty() => {}
                    _ => {
                        if !word.is_empty() {
                            rooms.push(std::mem::take(&mut word));
                        }
                        at_start = false;
                    }
                }
            }
            if !word.is_empty() {
                rooms.push(word);
            }
        } else {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            rooms.push(word);
        }
    }
    rooms
}

/// The part of a source file that is built into the crate: a file's unit tests (its
/// `#[cfg(test)] mod tests`, last in the file by this crate's habit) may build inputs with any
/// room, as the integration tests do.
fn built_part(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

#[test]
fn a_files_unit_tests_are_not_its_built_part() {
    let text = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n";
    assert_eq!(rooms_named(built_part(text)), ["a"]);
}

#[test]
fn every_room_uses_only_its_floor_and_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut up = Vec::new();
    let mut debts_seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let room = path.file_stem().unwrap().to_string_lossy().to_string();
        if room == "lib" || room == "main" {
            continue;
        }
        let Some(floor) = floor_of(&room) else {
            panic!("src/{room}: a room with no floor: add it to FLOORS in tests/layers.rs");
        };
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path.clone());
        }
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for named in rooms_named(built_part(&text)) {
                let Some(other) = floor_of(&named) else {
                    continue;
                };
                if other <= floor {
                    continue;
                }
                if STILL_UP.iter().any(|(a, b, _)| *a == room && *b == named) {
                    debts_seen.insert((room.clone(), named));
                    continue;
                }
                up.push(format!("{}: {room} uses {named}", file.display()));
            }
        }
    }
    up.sort();
    up.dedup();
    assert!(up.is_empty(), "imports that go up a floor: {up:#?}");
    for (a, b, why) in STILL_UP {
        assert!(
            debts_seen.contains(&(a.to_string(), b.to_string())),
            "{a} no longer uses {b} ({why}): take it off STILL_UP"
        );
    }
}

#[test]
fn the_room_scan_reads_groups_and_paths() {
    let text = "use crate::{eval, report::model::{Report, Shown}, table};\n\
                // crate::web in a comment\n\
                let x = crate::lang::parse(y);";
    assert_eq!(rooms_named(text), ["eval", "report", "table", "lang"]);
}

#[test]
fn every_room_is_named_in_the_architecture_notes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let notes = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let layout = std::fs::read_to_string(root.join("docs/development.md")).unwrap();
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let path = entry.unwrap().path();
        let room = path.file_stem().unwrap().to_string_lossy().to_string();
        if room == "lib" || room == "main" {
            continue;
        }
        assert!(
            notes.contains(&format!("`{room}`")),
            "src/{room} is not in ARCHITECTURE.md's floors"
        );
        assert!(
            layout.contains(&format!("src/{room}")),
            "src/{room} is not in docs/development.md's layout"
        );
    }
}

#[test]
fn every_path_the_layout_names_exists() {
    // docs/development.md's layout block: each `src/…`, `tests/…`, `benches/…` it names is there
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layout = std::fs::read_to_string(root.join("docs/development.md")).unwrap();
    let block = layout
        .split("## Layout")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .expect("a ## Layout section with a code block");
    let mut named = 0;
    let mut missing = Vec::new();
    for line in block.lines() {
        let Some(path) = line.split_whitespace().next() else {
            continue;
        };
        if ![
            "src/",
            "tests/",
            "benches/",
            "examples/",
            "rules/",
            "samples/",
            "docs/",
            "fuzz/",
        ]
        .iter()
        .any(|p| path.starts_with(p))
        {
            continue;
        }
        named += 1;
        if !root.join(path.trim_end_matches(':')).exists() {
            missing.push(path.to_owned());
        }
    }
    assert!(named > 20, "the scan found {named} paths");
    assert!(
        missing.is_empty(),
        "docs/development.md names what is not there: {missing:?}"
    );
}

/// One module-file style: a module with children is `name/mod.rs`, never `name.rs` beside `name/`.
#[test]
fn a_module_with_children_is_a_folder_with_mod_rs() {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.with_extension("rs").is_file() {
                    found.push(path.with_extension("rs").display().to_string());
                }
                walk(&path, found);
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "move these into their folder as mod.rs: {found:#?}"
    );
}

/// The layout block of `docs/development.md` (the README's layout section points there): its
/// entries, each a `src/…` path and the text written beside and under it.
fn layout_entries() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layout = std::fs::read_to_string(root.join("docs/development.md")).unwrap();
    let block = layout
        .split("## Layout")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .expect("a ## Layout section with a code block");
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut in_src = false;
    for line in block.lines() {
        if line.starts_with(char::is_whitespace) {
            if in_src && let Some((_, text)) = entries.last_mut() {
                text.push(' ');
                text.push_str(line.trim());
            }
            continue;
        }
        let mut words = line.splitn(2, char::is_whitespace);
        let path = words.next().unwrap_or("");
        in_src = path.starts_with("src/");
        if in_src {
            entries.push((path.to_owned(), words.next().unwrap_or("").to_owned()));
        }
    }
    entries
}

/// The module names an entry's text gives: `grid.rs`, `formats/`, `keys/mod.rs`.
fn module_names(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/')))
        .map(|w| w.trim_start_matches(['.', '/']).trim_end_matches('.'))
        .filter(|w| w.ends_with(".rs") || (w.ends_with('/') && w.len() > 1))
        .map(str::to_owned)
        .collect()
}

/// Whether `dir` or a folder below it holds `name` (a file, or a folder where it ends in `/`).
fn holds(dir: &Path, name: &str) -> bool {
    if dir.join(name.trim_end_matches('/')).exists() {
        return true;
    }
    std::fs::read_dir(dir).unwrap().any(|e| {
        let path = e.unwrap().path();
        path.is_dir() && holds(&path, name)
    })
}

#[test]
fn the_layout_names_every_module_of_a_room_and_only_real_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let entries = layout_entries();
    assert!(
        entries.len() > 15,
        "the scan found {} entries",
        entries.len()
    );
    let mut unnamed = Vec::new();
    let mut unreal = Vec::new();
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let room = dir.file_name().unwrap().to_string_lossy().to_string();
        let key = format!("src/{room}/");
        let text: String = entries
            .iter()
            .filter(|(p, _)| *p == key)
            .map(|(_, t)| t.as_str())
            .collect();
        let names = module_names(&text);
        // every module of the room — a file or a folder with its mod.rs — is named
        for child in std::fs::read_dir(&dir).unwrap() {
            let path = child.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let name = if path.is_dir() {
                format!("{file}/")
            } else if file.ends_with(".rs") && file != "mod.rs" {
                file
            } else {
                continue;
            };
            if !names.iter().any(|n| n == &name || n.starts_with(&name)) {
                unnamed.push(format!("src/{room}/{name}"));
            }
        }
        // and every name it gives is there (in the room, or from the top of the repository)
        for name in &names {
            if !holds(&dir, name) && !root.join(name).exists() {
                unreal.push(format!("{key}: {name}"));
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "modules docs/development.md's layout does not name: {unnamed:#?}"
    );
    assert!(
        unreal.is_empty(),
        "names in docs/development.md's layout that are no file: {unreal:#?}"
    );
}

#[test]
fn the_layout_scan_reads_module_names() {
    assert_eq!(
        module_names("formats/: bytes (text.rs encodings, keys/mod.rs); tests/layers.rs."),
        ["formats/", "text.rs", "keys/mod.rs", "tests/layers.rs"]
    );
}

#[test]
fn the_floors_of_the_architecture_notes_are_the_floors_tested() {
    // ARCHITECTURE.md's table `| n | `a`, `b` | … |` says what FLOORS holds, row for row
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let notes = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut rows = Vec::new();
    for line in notes.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, n, rooms, ..] = cells[..] else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else {
            continue;
        };
        let rooms: Vec<&str> = rooms
            .split(',')
            .map(|r| r.trim().trim_matches('`'))
            .collect();
        rows.push((n, rooms));
    }
    assert_eq!(rows.len(), FLOORS.len(), "{rows:?}");
    for (n, rooms) in rows {
        let mut written = rooms.clone();
        let mut tested = FLOORS[n].to_vec();
        written.sort();
        tested.sort();
        assert_eq!(written, tested, "floor {n}");
    }
}

/// The functions of the built part of a source text: each one's name, first line (from 1) and
/// length in lines, its signature to its closing brace (as rustfmt lays them out: the body's
/// brace closes alone at the indent the `fn` stands at). A declaration without a body is none.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let start = regex::Regex::new(
        r#"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+(\w+)"#,
    )
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let Some(m) = start.captures(line) else {
            continue;
        };
        let (indent, name) = (&m[1], &m[2]);
        let close = format!("{indent}}}");
        for (k, sig) in lines.iter().enumerate().skip(n) {
            let sig = sig.trim_end();
            if sig.ends_with('{') {
                if let Some(end) = (k + 1..lines.len()).find(|&e| lines[e].trim_end() == close) {
                    out.push((name.to_owned(), n + 1, end - n + 1));
                }
                break;
            }
            if sig.ends_with(';') || (k == n && sig.ends_with('}')) {
                if sig.ends_with('}') {
                    out.push((name.to_owned(), n + 1, 1));
                }
                break;
            }
        }
    }
    out
}

#[test]
fn the_function_scan_measures_bodies() {
    let text = "fn one() {}\n\
                pub(crate) fn two(\n    a: u8,\n) -> u8\nwhere\n    u8: Copy,\n{\n    a\n}\n\
                trait T {\n    fn declared(&self);\n    fn given(&self) {\n        if x {\n        }\n    }\n}\n";
    assert_eq!(
        functions(text),
        [
            ("one".to_owned(), 1, 1),
            ("two".to_owned(), 2, 8),
            ("given".to_owned(), 12, 4)
        ]
    );
}

/// A function longer than this is split along its steps (named functions or small types with
/// doc lines), unless it is in `LONG`.
const MOST_LINES: usize = 120;

/// The functions over `MOST_LINES` that stand, and why. The seventeen named here on 2026-12-05
/// are split, and its two data tables are data (`traditional`'s `pairs!`,
/// `yaml::SCANNER_MESSAGES`): what is left is kept whole for a measured reason. An entry whose
/// function is no longer over the length (split, or renamed away) fails the test, so the list
/// only shrinks and says what is true; `cargo test --test layers function_lengths --
/// --nocapture` lists every function over 80 lines with its length.
const LONG: &[(&str, &str, &str)] = &[(
    "lang/record.rs",
    "write_parsed_json",
    "kept whole: the parse hot path's record writer; split into steps (three, then two \
         inlined) it cost 0.4-0.5 % more instructions on `jixiao parse` (callgrind, 20,020 \
         lines, 2026-12-05)",
)];

#[test]
fn function_lengths() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut all = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let path = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (name, line, lines) in functions(built_part(&text)) {
            all.push((lines, path.clone(), name, line));
        }
    }
    // the scan sees the crate's functions (a broken pattern would see none)
    assert!(all.len() > 1000, "the scan found {} functions", all.len());
    all.sort_by(|a, b| b.cmp(a));
    for (lines, path, name, line) in &all {
        if *lines > 80 {
            eprintln!("{lines:>4}  src/{path}:{line}  {name}");
        }
    }
    let too_long = too_long(&all, LONG);
    assert!(too_long.is_empty(), "{too_long:#?}");
    let stale = stale(&all, LONG);
    assert!(
        stale.is_empty(),
        "LONG names functions no longer over {MOST_LINES} lines: take their lines off: {stale:#?}"
    );
}

/// The entries of `long` that name no function over [`MOST_LINES`] in `all`.
fn stale<'l>(
    all: &[(usize, String, String, usize)],
    long: &'l [(&'l str, &'l str, &'l str)],
) -> Vec<(&'l str, &'l str)> {
    long.iter()
        .filter(|(p, n, _)| {
            !all.iter()
                .any(|(lines, path, name, _)| *lines > MOST_LINES && path == p && name == n)
        })
        .map(|(p, n, _)| (*p, *n))
        .collect()
}

/// The functions of `all` (`(lines, path, name, line)`) over [`MOST_LINES`] that `long` does
/// not name.
fn too_long(all: &[(usize, String, String, usize)], long: &[(&str, &str, &str)]) -> Vec<String> {
    all.iter()
        .filter(|(lines, path, name, _)| {
            *lines > MOST_LINES && !long.iter().any(|(p, n, _)| p == path && n == name)
        })
        .map(|(lines, path, name, line)| {
            format!(
                "src/{path}:{line} {name}: {lines} lines (at most {MOST_LINES}): split it along its steps"
            )
        })
        .collect()
}

#[test]
fn the_length_rule_names_a_new_long_function() {
    let f = |lines: usize, name: &str| (lines, "a.rs".to_owned(), name.to_owned(), 1);
    let all = [
        f(MOST_LINES, "short"),
        f(MOST_LINES + 1, "new"),
        f(400, "listed"),
        f(MOST_LINES + 1, "elsewhere"),
    ];
    let long = [("a.rs", "listed", "x"), ("b.rs", "elsewhere", "x")];
    let found = too_long(&all, &long);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains(" new: "), "{found:?}");
    assert!(found[1].contains(" elsewhere: "), "{found:?}");
    // an entry whose function is short now, or gone, is stale; one still long is not
    let long = [
        ("a.rs", "listed", "x"),
        ("a.rs", "short", "x"),
        ("a.rs", "gone", "x"),
    ];
    assert_eq!(stale(&all, &long), [("a.rs", "short"), ("a.rs", "gone")]);
}

/// The names a registry lists in `file`: the items between `open` (`checks! {`, `= &[`) and
/// the bracket that closes it.
fn registry_names(file: &str, open: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    // at a line's start: the invocation, not a doc comment that names it
    let at = text
        .find(&format!("\n{open}"))
        .unwrap_or_else(|| panic!("{file}: no line opening `{open}`"));
    let body = &text[at + 1 + open.len()..];
    let close = if open.ends_with('[') { ']' } else { '}' };
    let body = &body[..body.find(close).unwrap_or(body.len())];
    body.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The modules of a registry folder: its `.rs` files but `mod.rs`, by name, sorted, with
/// their text.
fn folder_modules(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("mod.rs"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// A registry folder against its one line a module: every file is listed once (a file left out
/// is never compiled, so never run, and nothing else would say so), every name listed is a file,
/// and the list is the one the crate holds (`compiled`, the length of its `ALL`).
fn registered_once(dir: &str, file: &str, open: &str, compiled: usize) -> Vec<(String, String)> {
    let listed = registry_names(file, open);
    assert_eq!(
        listed.len(),
        compiled,
        "{file}: the scan of `{open}` read {listed:?}"
    );
    let modules = folder_modules(dir);
    let mut sorted = listed.clone();
    sorted.sort();
    let before = sorted.len();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        before,
        "{file}: a name listed twice in {listed:?}"
    );
    let files: Vec<&str> = modules.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        sorted, files,
        "{dir}: the files and the names `{open}` lists differ: one line in {file} a file"
    );
    modules
}

/// A registered file that prints its own `//!` lines as its documentation names itself in its
/// `include_str!` (a file copied to start a new one and left naming the old would explain the
/// old one's code or key).
fn documents_itself(dir: &str, modules: &[(String, String)]) {
    for (module, text) in modules {
        let own = format!("include_str!(\"{module}.rs\")");
        assert!(
            text.contains(&own),
            "{dir}/{module}.rs: its documentation is `{own}`"
        );
        assert_eq!(
            text.matches("include_str!(").count(),
            1,
            "{dir}/{module}.rs: one include_str!, its own"
        );
    }
}

#[test]
fn every_review_check_and_rule_key_file_is_one_registry_line() {
    for (dir, open, compiled) in [
        (
            "src/review/checks",
            "checks! {",
            jixiao::review::checks::ALL.len(),
        ),
        ("src/rules/keys", "keys! {", jixiao::rules::keys::ALL.len()),
    ] {
        let modules = registered_once(dir, &format!("{dir}/mod.rs"), open, compiled);
        documents_itself(dir, &modules);
    }
}

/// The input formats: every file of `table/formats/` that defines a `FORMAT` is one line of
/// `formats! { … }` (which declares its module and lists it in `SUPPORTED`, the list the CLI's
/// help, the errors' help, the page and the readers take), and every line there is such a file.
#[test]
fn every_input_format_file_is_in_supported() {
    let listed = registry_names("src/table/formats/mod.rs", "formats! {");
    assert_eq!(
        listed.len(),
        jixiao::table::formats::SUPPORTED.len(),
        "the scan of formats! read {listed:?}"
    );
    // each line is the module's visibility and its name
    let mut listed: Vec<String> = listed
        .iter()
        .map(|e| e.rsplit(' ').next().unwrap_or(e).to_owned())
        .collect();
    let before = listed.len();
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), before, "formats!: a format listed twice");
    let with_format: Vec<String> = folder_modules("src/table/formats")
        .into_iter()
        .filter(|(_, text)| text.contains("const FORMAT: super::SupportedFormat"))
        .map(|(m, _)| m)
        .collect();
    assert_eq!(
        listed, with_format,
        "a format file's FORMAT and its line in formats! go together"
    );
}

#[test]
fn the_registry_scan_reads_a_macro_list() {
    let dir = std::env::temp_dir().join(format!("jixiao-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mod.rs");
    std::fs::write(
        &file,
        "//! `checks! { … }`\nchecks! {\n    a,\n    b_c, // note\n    d\n}\nconst S: &[F] = &[\n    x::FORMAT,\n];\nfn y() { [1] }\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let names = registry_names(file, "checks! {");
    let formats = registry_names(file, "const S: &[F] = &[");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(names, ["a", "b_c", "d"]);
    assert_eq!(formats, ["x::FORMAT"]);
}

/// The second place a review check is named: its switch in the bundled rules
/// (`rules/review.yaml`, what `jixiao rules list` shows and a rule file overrides by id). Held
/// here to the registry both ways, with the check's own severity (two severities for one check
/// would be decided by whichever the run reads).
#[test]
fn the_bundled_review_switches_are_the_checks() {
    let bundled = jixiao::rules::RuleSet::bundled();
    let mut missing = Vec::new();
    for c in jixiao::review::checks::ALL {
        match bundled.review_check(c.code.as_str()) {
            Some(switch) => assert_eq!(
                switch,
                (false, c.code.severity()),
                "{}: rules/review.yaml says otherwise than the check",
                c.code
            ),
            None => missing.push(c.code.as_str()),
        }
    }
    assert!(
        missing.is_empty(),
        "checks with no `review: true` rule in rules/review.yaml: {missing:?}"
    );
    for r in bundled.rules() {
        let id: &str = &r.rref.id;
        if bundled.review_check(id).is_some() {
            assert!(
                jixiao::review::explain(id).is_some(),
                "rules/review.yaml switches {id}, which is no check"
            );
        }
    }
}
