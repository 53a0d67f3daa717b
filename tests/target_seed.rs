//! The seed table's 77 indicators (samples/guangzhou-hpf-2023/indicators.tsv), parsed as
//! `jixiao parse --format jsonl --year 2023` prints them. The snapshot was read line by line
//! before it was accepted: see the comments in the test for the readings that need a reason.

use jixiao::lang::{Context, Target, parse, record::Record};

fn seed_lines() -> Vec<(String, String)> {
    include_str!("../samples/guangzhou-hpf-2023/indicators.tsv")
        .lines()
        .map(|l| {
            let (i, t) = l.split_once('\t').expect("indicator<TAB>target");
            (i.to_owned(), t.to_owned())
        })
        .collect()
}

#[test]
fn seed_parses_as_a_careful_reader_would() {
    let lines = seed_lines();
    assert_eq!(lines.len(), 77);
    let mut out = String::new();
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for (n, (indicator, text)) in lines.iter().enumerate() {
        let ctx = Context {
            indicator: Some(indicator),
            year: Some(2023),
            ..Context::default()
        };
        let parsed = parse(text, &ctx);
        *kinds.entry(parsed.target.kind()).or_default() += 1;
        let record = Record::new(n + 1, Some(indicator), text, &parsed);
        out.push_str(&serde_json::to_string(&record).unwrap());
        out.push('\n');
        // The qualitative ones stay qualitative: no number is invented from prose.
        if let Target::Qualitative { .. } = parsed.target {
            assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
        }
    }
    // 64 quantities (compare), 1 plan, 4 yes/no questions, 8 qualitative goals.
    assert_eq!(
        format!("{kinds:?}"),
        r#"{"boolean": 4, "compare": 64, "plan": 1, "qualitative": 8}"#
    );
    insta::assert_snapshot!("target__seed_77_jsonl", out);
}
