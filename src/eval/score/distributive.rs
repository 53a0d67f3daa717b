//! Distributive targets (issue 25 item 12): `门诊和住院患者满意度` with `分别≥90%` (or `各`,
//! `均`, `都`) applies the comparison to each item the name joins. The actual may give a value
//! for each (`98%、96%`, `98%和96%`, `门诊98%，住院96%`, `分别为98%、96%`): each is scored on
//! the whole weight as the row's own method scores it, and the row earns their mean (each item
//! an equal share); it passes only where every item passes. One value is taken for every item,
//! and the note says so. A count of values that differs from the items the name lists goes to
//! a person.
//!
//! Decisions where the spec is silent: items share the weight equally (no published method
//! seen weights them); a value that waits or cannot be compared makes the row wait (a mean of
//! known and unknown parts is no score).

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Outcome, Verdict, n};
use crate::lang::lexicon::ITEM_JOINERS;

/// Whether the reading is distributive: a distributive word, or the qualifier `均…` in front.
pub fn is_distributive(p: &crate::lang::Parsed) -> bool {
    p.provenance.distributive.is_some()
        || p.provenance.qualifier.is_some_and(|q| q.starts_with('均'))
}

/// The items a name joins (`门诊和住院患者满意度` → `门诊`, `住院患者满意度`): one item where it
/// joins none.
pub fn items(name: &str) -> Vec<&str> {
    split(name, false)
}

/// The values an actual gives for each item, each with the label written before it
/// (`门诊98%，住院96%`), where it gives two or more; `None` for one value.
pub fn parts(text: &str) -> Option<Vec<(&str, &str)>> {
    let mut text = text.trim();
    for lead in ["分别为", "分别是", "分别达到", "分别", "均为", "各为"] {
        if let Some(rest) = text.strip_prefix(lead) {
            text = rest.trim_start();
            break;
        }
    }
    let pieces = split(text, true);
    if pieces.len() < 2 {
        return None;
    }
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    pieces
        .into_iter()
        .map(|p| {
            let at = p.find(is_digit)?;
            let label = p[..at]
                .trim_end_matches(['为', '是', '：', ':', ' '])
                .trim();
            Some((label, p[at..].trim()))
        })
        .collect()
}

/// `s` split at item joiners (and, for actuals, at `；`), pieces trimmed, empty ones dropped. A
/// comma between two digits is a thousands separator, not a joiner.
fn split(s: &str, actual: bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < s.len() {
        let rest = &s[i..];
        let joiner = ITEM_JOINERS
            .iter()
            .chain(if actual {
                [";", "；"].iter()
            } else {
                [].iter()
            })
            .find(|j| rest.starts_with(**j))
            .filter(|j| {
                // `12,748.27`
                !(**j == ","
                    && i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            });
        match joiner {
            Some(j) => {
                pieces.push(s[from..i].trim());
                i += j.len();
                from = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    pieces.push(s[from..].trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// The row's outcome from each item's (`label`, the value as written, its outcome on the whole
/// weight).
pub fn combine(scored: Vec<(String, &str, Outcome)>) -> Outcome {
    let k = scored.len();
    let waits = scored
        .iter()
        .any(|(_, _, o)| o.score.is_none() || matches!(o.verdict, Verdict::Invalid));
    let all_pass = scored.iter().all(|(_, _, o)| o.verdict == Verdict::Pass);
    let each: Vec<String> = scored
        .iter()
        .map(|(label, value, o)| format!("{label} {value}【{}】{}", o.verdict.zh(), o.formula))
        .collect();
    let mut rules: Vec<Cow<'static, str>> = Vec::new();
    let mut remarks: Vec<&'static str> = Vec::new();
    for (_, _, o) in &scored {
        for r in &o.rules {
            if !rules.contains(r) {
                rules.push(r.clone());
            }
        }
        for r in &o.remarks {
            if !remarks.contains(r) {
                remarks.push(r);
            }
        }
    }
    let head = format!("分别计分（{k} 项，各占分值的 1/{k}）：{}", each.join("；"));
    let (verdict, score, formula) = if waits {
        (
            Verdict::Review,
            None,
            format!("{head}；有一项无法计分，整行需人工核对"),
        )
    } else {
        let scores: Vec<Decimal> = scored.iter().filter_map(|(_, _, o)| o.score).collect();
        let sum: Decimal = scores.iter().sum();
        let mean = sum / Decimal::from(k);
        let terms: Vec<String> = scores.iter().map(|s| n(*s).to_string()).collect();
        (
            if all_pass {
                Verdict::Pass
            } else {
                Verdict::Fail
            },
            Some(mean),
            format!("{head}；得 ({}) ÷ {k} = {}", terms.join(" + "), n(mean)),
        )
    };
    Outcome {
        verdict,
        score,
        formula,
        rules,
        remarks,
    }
}

/// The remark where one value answers every item.
pub const ONE_FOR_ALL: &str = "目标对各项分别适用，实际值只给了一个数值，按各项均为该值计分";

/// The outcome where the actual gives `k` values and the name lists `n` items.
pub fn count_differs(k: usize, items: usize) -> Outcome {
    Outcome::new(
        Verdict::Review,
        None,
        format!(
            "目标对各项分别适用，实际值给出 {k} 个数值，而指标列出 {items} 项，无法对应，需人工核对"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_parts() {
        assert_eq!(items("门诊和住院患者满意度"), ["门诊", "住院患者满意度"]);
        assert_eq!(items("乡镇、村覆盖率"), ["乡镇", "村覆盖率"]);
        assert_eq!(items("群众满意度"), ["群众满意度"]);
        assert_eq!(parts("98%、96%"), Some(vec![("", "98%"), ("", "96%")]));
        assert_eq!(
            parts("分别为98%和96%"),
            Some(vec![("", "98%"), ("", "96%")])
        );
        assert_eq!(
            parts("门诊98%，住院为96%"),
            Some(vec![("门诊", "98%"), ("住院", "96%")])
        );
        assert_eq!(parts("98%"), None);
        assert_eq!(parts("12,748.27元"), None);
        // a piece without a figure: not values
        assert_eq!(parts("98%，情况良好"), None);
    }
}
