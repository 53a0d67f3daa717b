//! The target language, table-driven: `tests/fixtures/lang/cases.tsv` lists
//! `indicator<TAB>target<TAB>canonical<TAB>op_from`; each row is parsed with the indicator as
//! context and must print that canonical form (and op origin, where given), and the canonical
//! form must read back to the same value, in both the free-text and the strict grammar.

use jixiao::lang::{Context, Target, parse, parse_canonical};

#[test]
fn every_case_reads_as_listed() {
    let cases = include_str!("fixtures/lang/cases.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in cases.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        count += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let [indicator, text, want, op_from] = cols[..] else {
            panic!("cases.tsv:{}: want 4 columns, got {}", n + 1, cols.len());
        };
        let indicator = (!indicator.is_empty()).then_some(indicator);
        let ctx = Context::default().with_indicator(indicator);
        let parsed = parse(text, &ctx);
        let got = parsed.target.to_string();
        let got_from = parsed.provenance.op.as_ref().map(|o| o.to_string());
        if got != want {
            failures.push(format!(
                "line {}: {text:?}: got {got:?}, want {want:?}",
                n + 1
            ));
        }
        if !op_from.is_empty() && got_from.as_deref() != Some(op_from) {
            failures.push(format!(
                "line {}: {text:?}: op_from {got_from:?}, want {op_from:?}",
                n + 1
            ));
        }
        // Printing then parsing gives the same value.
        let again = parse(&got, &Context::default()).target;
        if again != parsed.target {
            failures.push(format!("line {}: {got:?} reads back as {again:?}", n + 1));
        }
        if !matches!(parsed.target, Target::Empty | Target::Error { .. }) {
            match parse_canonical(&got) {
                Ok(t) if t == parsed.target => {}
                other => failures.push(format!("line {}: strict {got:?} gives {other:?}", n + 1)),
            }
        }
    }
    assert!(count > 100, "only {count} cases read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
