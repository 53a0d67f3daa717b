//! The repository stands alone: a clone from a code host has no steering folder beside it, so
//! the README, the docs, the samples and the sources (help text included) point only inside the
//! repository — the contract is `docs/contract.md`.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| {
            matches!(
                e.to_str(),
                Some("rs" | "md" | "yaml" | "json" | "js" | "html" | "css" | "sh" | "py")
            )
        }) {
            out.push(path);
        }
    }
}

#[test]
fn nothing_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for d in [
        "README.md",
        "docs",
        "samples",
        "src",
        "rules",
        "benches",
        "examples",
    ] {
        files(&root.join(d), &mut all);
    }
    assert!(all.len() > 50, "{} files", all.len());
    // the steering folder's name, spelled so that this file itself does not name it
    let steering = format!("{}/{}", "..", "shared");
    // and its folders named without the `../` (`shared/forms/…`)
    let folders: Vec<String> = ["forms", "corpus", "seed", "prompts"]
        .iter()
        .map(|f| format!("{}/{f}/", "shared"))
        .collect();
    let mut forbidden = vec![steering.as_str(), "SPEC §", "SPEC.md", "the SPEC"];
    forbidden.extend(folders.iter().map(String::as_str));
    let mut found = Vec::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if forbidden.iter().any(|w| line.contains(w)) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_contract_is_there_with_every_section_the_code_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let contract = std::fs::read_to_string(root.join("docs/contract.md")).unwrap();
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    files(&root.join("README.md"), &mut all);
    let mut missing = Vec::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (at, _) in text.match_indices("contract §") {
            let rest = &text[at + "contract §".len()..];
            let num: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let num = num.trim_end_matches('.');
            let (section, item) = match num.split_once('.') {
                Some((s, i)) => (s, Some(i)),
                None => (num, None),
            };
            let found = match (section, item) {
                ("8", Some(i)) => contract.contains(&format!("\n{i}. **")),
                (s, Some(i)) => contract.contains(&format!("### {s}.{i} ")),
                (s, None) => contract.contains(&format!("## {s}. ")),
            };
            if !found {
                missing.push(format!("{}: contract §{num}", f.display()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
