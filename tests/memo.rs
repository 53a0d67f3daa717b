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

/// The JSON lines of `doc` evaluated with `cache` and `rules`.
fn lines_with(doc: &Document, cache: &mut ParseCache, rules: &RuleSet) -> String {
    let m = Methodology::from_rules(rules);
    let opts = Options::new(&m, rules);
    let taken = doc.projects().map(|(_, p)| Taken::none(p)).collect();
    let report = evaluate_cached(doc, taken, None, published_precision(doc), &opts, cache);
    let mut out = Vec::new();
    json::write_lines(&report, &mut out).expect("writes");
    String::from_utf8(out).expect("utf-8")
}

fn assert_memo_changes_nothing(doc: &Document) {
    assert_memo_changes_nothing_with(doc, RuleSet::bundled());
}

fn assert_memo_changes_nothing_with(doc: &Document, rules: &RuleSet) {
    let memo = lines_with(doc, &mut ParseCache::default(), rules);
    let afresh = lines_with(doc, &mut ParseCache::without_memo(), rules);
    assert_eq!(memo.lines().count(), afresh.lines().count());
    for (k, (a, b)) in memo.lines().zip(afresh.lines()).enumerate() {
        assert_eq!(a, b, "line {}", k + 1);
    }
}

fn generated(projects: usize, seed: u64, varied_actuals: bool) -> Document {
    let text = generated_text(projects, seed, varied_actuals);
    read_str("generated.tsv", &text, &ReadOptions::default()).expect("reads")
}

fn generated_text(projects: usize, seed: u64, varied_actuals: bool) -> String {
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: 9,
        seed,
        varied_actuals,
    };
    let mut out = Vec::new();
    write_sheet(&Vocabulary::bundled(&mut Rng::new(seed)), spec, &mut out).expect("writes");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn generated_sheets_score_the_same_with_and_without_memos() {
    for (seed, varied) in [(1, false), (2, true), (3, true)] {
        let doc = generated(1500, seed, varied);
        assert!(doc.counts().indicators > 5000);
        assert_memo_changes_nothing(&doc);
    }
}

/// Rules whose conditions read the actual in every way a leaf can: its text matched, compared,
/// tested for presence, its figure compared, and compared with the target and the category
/// (a written variant of a category is asked again under its standard name for its points).
const RULES_ON_THE_ACTUAL: &str = r#"rules:
  - id: t.na-dash
    when: actual == "—" or actual ~ "^待定"
    not_applicable: true
  - id: t.weight-high
    when: actual >= 97% and indicator contains "率"
    indicator_weight: 7
  - id: t.weight-present
    when: not actual and category == "效益指标"
    indicator_weight: 3
  - id: t.formula-bare
    when: actual ~ "^[0-9]+$" and kind == "compare"
    formula: yes_no
  - id: t.copied
    when: actual == target
    deduct: {per: 1, points: 2}
  - id: t.points-low
    when: actual contains "5" and actual < 90%
    floor: {ratio_below: 95%, share: 0}
  - id: t.output-by-actual
    when: actual == category
    category_weight: 44
  - id: t.output-bare
    when: category == "产出指标" and actual != category
    category_weight: 52
"#;

/// The generated sheet of `seed` with its actuals and categories stirred (deterministically):
/// some actuals made bare numbers, words, the target copied, the category's name, empty, or
/// 不适用; some categories written as variants (`產出目標`, `效益目标（30分）`).
fn stirred(projects: usize, seed: u64) -> Document {
    let text = generated_text(projects, seed, true);
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if cells.len() == 9 && !cells[4].is_empty() {
            match next() % 5 {
                0 if cells[2] == "产出指标" => cells[2] = "產出目標".into(),
                1 if cells[2] == "效益指标" => cells[2] = "效益目标（30分）".into(),
                _ => {}
            }
            cells[6] = match next() % 16 {
                0 => format!("{}", next() % 120),
                1 => cells[5].clone(),
                2 => "产出指标".into(),
                3 => String::new(),
                4 => "不适用".into(),
                5 => "—".into(),
                6 => "待定（下年度）".into(),
                7 => "达成".into(),
                8 => format!("{}.5%", 80 + next() % 20),
                _ => cells[6].clone(),
            };
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    read_str("stirred.tsv", &out, &ReadOptions::default()).expect("reads")
}

#[test]
fn readings_keyed_by_the_truths_of_conditions_on_the_actual_change_nothing() {
    // the second level of the readings' memo keys a row by which conditions on its actual
    // hold, not by the actual's text: thousands of rows whose actuals rarely repeat, under
    // rules reading the actual every way, score as read afresh
    let files = [jixiao::rules::RuleSource::new(
        "office.yaml",
        RULES_ON_THE_ACTUAL,
    )];
    let (rules, _) = RuleSet::with_files(&files, true).unwrap_or_else(|e| panic!("{e:?}"));
    for seed in [4, 5] {
        let doc = stirred(1200, seed);
        assert!(doc.counts().indicators > 4000);
        assert_memo_changes_nothing_with(&doc, &rules);
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

/// Rules on the actual whose patterns are anchored (so `rules::gate` answers most actuals by
/// their first or last byte, without the regex): rows alike in everything the reading keys by
/// (indicator, category, subcategory, target) but their actuals score as read afresh, and
/// differently where the patterns tell their actuals apart. A memo that kept one reading for
/// rows of one target whatever their actuals (or a gate that refused a matching actual) would
/// give every row the first row's rules.
#[test]
fn rows_alike_but_for_actuals_an_anchored_pattern_tells_apart_are_read_apart() {
    let text = r#"rules:
  - id: t.na-start
    when: actual ~ "^(暂缓|免填)"
    not_applicable: true
  - id: t.weight-end
    when: actual ~ "(已完成|达标)$"
    indicator_weight: 9
"#;
    let files = [jixiao::rules::RuleSource::new("anchored.yaml", text)];
    let (rules, _) = RuleSet::with_files(&files, true).unwrap_or_else(|e| panic!("{e:?}"));
    let actuals = [
        "96.5%",
        "暂缓",
        "已完成",
        "95%",
        "免填（无此业务）",
        "基本达标",
        "达标",
        "不适用",
        "",
        "未完成",
        "100%",
        "暂缓实施",
        "达标了",
        "/",
    ];
    let mut sheet = String::from(
        "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数\n",
    );
    // one actual in three a figure of its own (read afresh, its truths asked): the patterns
    // are asked more than `GATE_AFTER` times, so their gates answer the later rows
    for p in 0..400 {
        sheet.push_str(&format!("单位甲\t项目{p}\t\t\t\t\t\t100\t90\n"));
        for k in 0..3 {
            let figure = format!("{}.{p}%", 90 + p % 10);
            let actual = match (p + k) % 3 {
                0 => figure.as_str(),
                _ => actuals[(p * 3 + k) % actuals.len()],
            };
            sheet.push_str(&format!(
                "\t\t产出指标\t数量指标\t完成率{k}\t≥95%\t{actual}\t\t\n"
            ));
        }
    }
    let doc = read_str("anchored.tsv", &sheet, &ReadOptions::default()).expect("reads");
    assert_memo_changes_nothing_with(&doc, &rules);
    let lines = lines_with(&doc, &mut ParseCache::default(), &rules);
    // each actual's rules, as the lines say
    let mut told = std::collections::BTreeMap::<&str, (bool, bool)>::new();
    for line in lines.lines().filter(|l| l.contains("\"完成率")) {
        let Some(actual) = actuals
            .iter()
            .find(|a| line.contains(&format!("\"actual\":\"{a}\"")))
            .copied()
        else {
            continue;
        };
        let rules_of = (line.contains("t.na-start"), line.contains("t.weight-end"));
        if let Some(before) = told.insert(actual, rules_of) {
            assert_eq!(before, rules_of, "{actual}: {line}");
        }
    }
    assert_eq!(told.get("暂缓"), Some(&(true, false)), "{told:?}");
    assert_eq!(
        told.get("免填（无此业务）"),
        Some(&(true, false)),
        "{told:?}"
    );
    assert_eq!(told.get("暂缓实施"), Some(&(true, false)), "{told:?}");
    assert_eq!(told.get("已完成"), Some(&(false, true)), "{told:?}");
    assert_eq!(told.get("基本达标"), Some(&(false, true)), "{told:?}");
    assert_eq!(told.get("96.5%"), Some(&(false, false)), "{told:?}");
    assert_eq!(told.get("达标了"), Some(&(false, false)), "{told:?}");
    assert_eq!(told.get("未完成"), Some(&(false, false)), "{told:?}");
}

/// The generated sheet of `seed` with a 分值 column: each project given a 分值 on every row,
/// on some rows, or on none (drawn in turn), and one project in three without its budget
/// figures (so budget execution is scored in some projects and not in others).
fn weighed(projects: usize, seed: u64) -> Document {
    let text = generated_text(projects, seed, true);
    let mut n = seed as usize;
    let mut next = move || {
        n = n.wrapping_mul(2862933555777941757).wrapping_add(3037000493);
        n >> 33
    };
    let mut out = String::with_capacity(text.len() * 2);
    let mut mode = 0;
    for line in text.lines() {
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if cells.len() != 9 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if cells[0] == "单位" {
            cells.push("分值".into());
        } else if !cells[1].is_empty() {
            // a project's row: how its rows are weighed, and its budget kept or not
            mode = next() % 3;
            if next() % 3 == 0 {
                cells[7].clear();
                cells[8].clear();
            }
            cells.push(String::new());
        } else {
            let given = match mode {
                0 => true,
                1 => next() % 2 == 0,
                _ => false,
            };
            cells.push(if given {
                format!("{}", 5 + next() % 20)
            } else {
                String::new()
            });
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    read_str("weighed.tsv", &out, &ReadOptions::default()).expect("reads")
}

#[test]
fn projects_weighed_every_way_score_the_same_with_and_without_memos() {
    // the shares of a project's points are found by their groups' identity before the memo
    // (`eval::recent_shares`): projects whose weights are all given, some, or none, with and
    // without a budget, divided alike but for one part (rows open, points given, the budget)
    // score as worked out afresh
    for seed in [6, 7] {
        let doc = weighed(1500, seed);
        assert!(doc.counts().indicators > 5000);
        assert_memo_changes_nothing(&doc);
    }
}

/// The JSON lines of `doc` with every project weighed as a long one (`eval::long_project`:
/// its rows hold only the readings that weigh them, and are read again when scored) and with
/// none, the same line for line.
fn assert_long_projects_score_alike(doc: &Document, rules: &RuleSet) {
    let usual = lines_with(doc, &mut ParseCache::default(), rules);
    let long = lines_with(
        doc,
        &mut ParseCache::default().with_long_projects_from(0),
        rules,
    );
    assert_eq!(usual.lines().count(), long.lines().count());
    for (k, (a, b)) in usual.lines().zip(long.lines()).enumerate() {
        assert_eq!(a, b, "line {}", k + 1);
    }
}

#[test]
fn projects_weighed_as_long_ones_score_as_the_others() {
    // every project of generated sheets taken as long: weights given, missing and mixed,
    // budgets present and absent, and rules that weigh rows by their actual (a rule's
    // `indicator_weight`, `category_weight` on some rows only) or drop them (not applicable)
    let files = [jixiao::rules::RuleSource::new(
        "office.yaml",
        RULES_ON_THE_ACTUAL,
    )];
    let (office, _) = RuleSet::with_files(&files, true).unwrap_or_else(|e| panic!("{e:?}"));
    for seed in [8, 9] {
        let doc = weighed(600, seed);
        assert_long_projects_score_alike(&doc, RuleSet::bundled());
        let doc = stirred(600, seed);
        assert_long_projects_score_alike(&doc, RuleSet::bundled());
        assert_long_projects_score_alike(&doc, &office);
    }
}
