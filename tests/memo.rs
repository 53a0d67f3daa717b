//! Evaluation's memos (targets read, rules decided, indicators scored, kept per worker) change
//! no answer: the same tables evaluated with a fresh reading of everything give the same bytes.

use std::path::{Path, PathBuf};

use jixiao::eval::evaluate::{ParseCache, Taken, evaluate_cached, published_precision};
use jixiao::eval::{Methodology, Options};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};
use jixiao::table::model::Document;
use jixiao::table::{ReadOptions, read_path, read_str};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The JSON lines of `doc` evaluated with `cache`.
fn lines(doc: &Document, cache: &mut ParseCache) -> String {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = Options::new(&m, rules);
    let taken = doc.projects().map(|(_, p)| Taken::none(p)).collect();
    let report = evaluate_cached(doc, taken, None, published_precision(doc), &opts, cache);
    let mut out = Vec::new();
    json::write_lines(&report, &mut out).expect("writes");
    String::from_utf8(out).expect("utf-8")
}

fn assert_memo_changes_nothing(doc: &Document) {
    let memo = lines(doc, &mut ParseCache::default());
    let afresh = lines(doc, &mut ParseCache::without_memo());
    assert_eq!(memo.lines().count(), afresh.lines().count());
    for (k, (a, b)) in memo.lines().zip(afresh.lines()).enumerate() {
        assert_eq!(a, b, "line {}", k + 1);
    }
}

fn generated(projects: usize, seed: u64, varied_actuals: bool) -> Document {
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: 9,
        seed,
        varied_actuals,
    };
    let mut out = Vec::new();
    write_sheet(&Vocabulary::bundled(&mut Rng::new(seed)), spec, &mut out).expect("writes");
    let text = String::from_utf8(out).expect("utf-8");
    read_str("generated.tsv", &text, &ReadOptions::default()).expect("reads")
}

#[test]
fn generated_sheets_score_the_same_with_and_without_memos() {
    for (seed, varied) in [(1, false), (2, true), (3, true)] {
        let doc = generated(1500, seed, varied);
        assert!(doc.counts().indicators > 5000);
        assert_memo_changes_nothing(&doc);
    }
}

#[test]
fn bundled_tables_score_the_same_with_and_without_memos() {
    let mut seen = 0;
    for dir in [
        "samples",
        "tests/fixtures/seed",
        "tests/fixtures/lang",
        "tests/fixtures/forms",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths.iter().flat_map(|p| files(p)) {
            if let Ok(doc) = read_path(&path, &ReadOptions::default()) {
                assert_memo_changes_nothing(&doc);
                seen += 1;
            }
        }
    }
    assert!(seen >= 2, "read {seen} bundled tables");
}

/// `path` if it is a table file, else the table files directly inside it.
fn files(path: &Path) -> Vec<PathBuf> {
    let table = |p: &Path| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("tsv" | "csv" | "txt" | "xlsx")
        )
    };
    if path.is_dir() {
        let mut inner: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| table(p))
            .collect();
        inner.sort();
        inner
    } else if table(path) {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}
