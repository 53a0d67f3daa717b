//! The name a mistyped actual most likely meant: for an actuals entry that matches nothing in
//! the table (`actuals.unmatched`), the nearest project (or indicator of its project) by shared
//! pairs of characters, named in the finding's help (`是否是“…”？`).
//!
//! Bounded: suggestions for the first [`MAX_SUGGESTED`] findings, among at most
//! [`MAX_CANDIDATES`] names, so a file of many unmatched entries stays linear.

use crate::finding::Finding;
use crate::table::model::Document;

/// Findings that get a suggestion, at most.
const MAX_SUGGESTED: usize = 200;
/// Names compared with, at most.
const MAX_CANDIDATES: usize = 20_000;
/// The least similarity (Dice coefficient over character pairs) a suggestion needs.
const LEAST: f64 = 0.5;

/// Adds `是否是“…”？` to the help of unmatched findings that have a near name in `doc`.
pub(crate) fn suggest(doc: &Document, findings: &mut [Finding]) {
    let projects: Vec<&str> = doc
        .projects()
        .take(MAX_CANDIDATES)
        .map(|(_, p)| p.name.as_str())
        .collect();
    for f in findings
        .iter_mut()
        .filter(|f| f.code == crate::codes::ACTUALS_UNMATCHED)
        .take(MAX_SUGGESTED)
    {
        let near = match (f.indicator_name(), f.project_name()) {
            (Some(i), Some(p)) => doc
                .projects()
                .find(|(_, q)| q.name == p)
                .or_else(|| {
                    // an entry that matched its project only after folding (`（）`, a code)
                    let folded = super::fold::fold(p);
                    doc.projects()
                        .find(|(_, q)| super::fold::fold(&q.name) == folded)
                })
                .and_then(|(_, q)| nearest(i, q.indicators.iter().map(|r| &*r.name))),
            (None, Some(p)) => nearest(p, projects.iter().copied()),
            _ => None,
        };
        if let Some(n) = near {
            let help = f.help.take().unwrap_or_default();
            f.help = Some(format!("是否是“{n}”？{help}").into());
        }
    }
}

/// The candidate most like `name`, where one is like it enough.
pub(super) fn nearest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut p: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        p.sort_unstable();
        p
    };
    let want = pairs(name);
    if want.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates.take(MAX_CANDIDATES) {
        if c == name {
            continue;
        }
        let have = pairs(c);
        // shared pairs, counted as a multiset
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < want.len() && j < have.len() {
            match want[i].cmp(&have[j]) {
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        let score = 2.0 * shared as f64 / (want.len() + have.len()) as f64;
        if score >= LEAST && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_is_suggested_only_when_near() {
        let names = ["业务用房物业管理费", "短信发送费用", "信息系统运维费"];
        assert_eq!(
            nearest("业务用房物业管理经费", names.into_iter()),
            Some("业务用房物业管理费")
        );
        assert_eq!(nearest("短信费", names.into_iter()), None);
        assert_eq!(nearest("完全无关的名字", names.into_iter()), None);
    }
}
