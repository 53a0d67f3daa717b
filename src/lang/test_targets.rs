//! The targets of the fixtures, for tests that hold a fast path to the general one: the seed
//! (`indicator<TAB>target`), the three corpora (with their category and subcategory) and the
//! cases (`indicator<TAB>target<TAB>…`, comments left out).

/// One target with what the parser may know besides it.
pub(crate) struct Fixture {
    pub indicator: Option<String>,
    pub target: String,
    pub category: Option<String>,
    pub subcategory: Option<String>,
}

/// Every target of the fixtures, read as each file lays them out.
pub(crate) fn all() -> Vec<Fixture> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| std::fs::read_to_string(root.join(f)).expect("fixture");
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let mut out = Vec::new();
    for f in [
        "samples/guangzhou-hpf-2023/indicators.tsv",
        "tests/fixtures/lang/cases.tsv",
    ] {
        for line in read(f).lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let first = cols.next().unwrap_or_default();
            let (indicator, target) = match cols.next() {
                Some(t) => (some(first), t),
                None => (None, first),
            };
            out.push(Fixture {
                indicator,
                target: target.to_owned(),
                category: None,
                subcategory: None,
            });
        }
    }
    for f in [
        "tests/fixtures/lang/corpus_targets.tsv",
        "tests/fixtures/lang/corpus2_targets.tsv",
        "tests/fixtures/lang/corpus3_targets.tsv",
    ] {
        // source_url, level1, level2, indicator, target, …
        for line in read(f).lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 5 {
                continue;
            }
            out.push(Fixture {
                indicator: some(cols[3]),
                target: cols[4].to_owned(),
                category: some(cols[1]),
                subcategory: some(cols[2]),
            });
        }
    }
    assert!(out.len() > 600, "{} fixture targets", out.len());
    out
}
