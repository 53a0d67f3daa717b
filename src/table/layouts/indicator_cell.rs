//! Splitting a 绩效指标 cell into numbered indicators.
//!
//! The cell reads `1、产出指标：物业管理覆盖面积，年度指标值：年度计划数。2、…`. Items start at
//! `N、` (or `N．`) at the start of the cell or after `。` `；` `;` `.` or a space; each item is
//! `[category]：name，年度指标值：target` ended by `。` (doubled, or missing at the end of the
//! cell). Full- and half-width `：`/`:` and `，`/`,` are the same. The category is `None` when the
//! item gives none (`1、：缴存单位…`). Targets may themselves contain `，` and `。`. Returns byte
//! ranges inside the cell; it knows nothing of rows or files.

use std::ops::Range;

/// One item of a 绩效指标 cell, with byte ranges inside the cell text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub seq: u32,
    /// The whole item, from its number to its terminator.
    pub item: Range<usize>,
    pub category: Option<Range<usize>>,
    pub subcategory: Option<Range<usize>>,
    pub name: Range<usize>,
    pub target: Range<usize>,
    /// The `。`/`.`/`；` run that ended the item (may be empty).
    pub terminator: Range<usize>,
}

/// Why a cell did not split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// No `1、` at all.
    NoNumbering,
    /// Text before the first number.
    TextBeforeFirst(Range<usize>),
    /// An item without `年度指标值：`.
    NoTargetMarker { seq: u32, range: Range<usize> },
    /// An item without a name.
    NoName { seq: u32, range: Range<usize> },
}

const MARKERS: &[&str] = &["年度指标值", "年度目标值", "指标值", "目标值"];

fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | ';' | '.' | '．' | '\n' | '\r' | ' ' | '\t' | '\u{3000}'
    )
}

fn is_colon(c: char) -> bool {
    c == ':' || c == '：'
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '.' | '．' | '；' | ';') || c.is_whitespace() || c == '\u{3000}'
}

/// Finds the starts of numbered items: (seq, start of the number, end of `、`).
fn item_starts(text: &str) -> Vec<(u32, usize, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at_boundary = prev.is_none_or(is_boundary);
        if at_boundary && c.is_ascii_digit() {
            let digits_end = text[i..]
                .find(|ch: char| !ch.is_ascii_digit())
                .map(|k| i + k)
                .unwrap_or(text.len());
            let rest = &text[digits_end..];
            let sep = rest.chars().next();
            let sep_ok = match sep {
                Some('、') | Some('．') => true,
                Some('.') => !rest[1..].starts_with(|ch: char| ch.is_ascii_digit()),
                _ => false,
            };
            if sep_ok
                && digits_end - i <= 4
                && let Ok(n) = text[i..digits_end].parse::<u32>()
            {
                let end = digits_end + sep.map(char::len_utf8).unwrap_or(0);
                out.push((n, i, end));
                // skip past the separator
                while let Some(&(j, _)) = iter.peek() {
                    if j >= end {
                        break;
                    }
                    iter.next();
                }
                prev = sep;
                continue;
            }
        }
        prev = Some(c);
    }
    out
}

/// Splits a 绩效指标 cell (already trimmed).
pub(crate) fn split(text: &str) -> Result<Vec<Item>, SplitError> {
    let starts = item_starts(text);
    let Some(&(_, first, _)) = starts.first() else {
        return Err(SplitError::NoNumbering);
    };
    if first > 0 {
        return Err(SplitError::TextBeforeFirst(0..first));
    }
    let mut items = Vec::with_capacity(starts.len());
    for (k, &(seq, start, body_start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.1).unwrap_or(text.len());
        let body = &text[body_start..end];
        // terminator run at the end of the body
        let trimmed = body.trim_end_matches(is_terminator);
        let body_end = body_start + trimmed.len();
        let term_end = body_end + text[body_end..end].trim_end().len();
        let item_range = start..term_end;
        let Some((name_end, target_start)) = find_marker(text, body_start, body_end) else {
            return Err(SplitError::NoTargetMarker {
                seq,
                range: item_range,
            });
        };
        // category: before the first colon of the name part
        let name_part = &text[body_start..name_end];
        let (category, subcategory, name) = match name_part.find(is_colon) {
            Some(c) if is_category(name_part[..c].trim()) => {
                let colon_len = name_part[c..]
                    .chars()
                    .next()
                    .map(char::len_utf8)
                    .unwrap_or(1);
                let cat = trim_range(text, body_start..body_start + c);
                let name = trim_range(text, body_start + c + colon_len..name_end);
                let (cat, sub) = split_category(text, cat);
                (cat, sub, name)
            }
            _ => (None, None, trim_range(text, body_start..name_end)),
        };
        if name.is_empty() {
            return Err(SplitError::NoName {
                seq,
                range: item_range,
            });
        }
        items.push(Item {
            seq,
            item: item_range,
            category,
            subcategory,
            name,
            target: trim_range(text, target_start..body_end),
            terminator: body_end..term_end,
        });
    }
    Ok(items)
}

/// The marker `，年度指标值：` inside `text[from..to]`: (end of the name, start of the target).
/// The first spelling of [`MARKERS`] found wins; inside it, the first occurrence followed by a
/// colon.
fn find_marker(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let body = &text[from..to];
    for m in MARKERS {
        let mut search = 0;
        while let Some(p) = body[search..].find(m) {
            let at = search + p;
            let after = &body[at + m.len()..];
            let after_trim = after.trim_start();
            if let Some(colon) = after_trim.chars().next().filter(|&c| is_colon(c)) {
                let target_start =
                    at + m.len() + (after.len() - after_trim.len()) + colon.len_utf8();
                // the name ends before the separator that precedes the marker
                let name_end = body[..at]
                    .trim_end_matches(|c: char| {
                        matches!(c, '，' | ',' | '；' | ';' | '、') || c.is_whitespace()
                    })
                    .len();
                return Some((from + name_end, from + target_start));
            }
            search = at + m.len();
        }
    }
    None
}

/// Whether the text before the first colon is a category (一级指标) rather than part of a name.
fn is_category(s: &str) -> bool {
    s.is_empty()
        || (s.chars().count() <= 16
            && (s.ends_with("指标")
                || s.ends_with("指標")
                || matches!(s, "产出" | "效益" | "满意度" | "成本" | "效果")))
}

/// `产出指标-数量指标` → category and subcategory.
fn split_category(text: &str, cat: Range<usize>) -> (Option<Range<usize>>, Option<Range<usize>>) {
    if cat.is_empty() {
        return (None, None);
    }
    let s = &text[cat.clone()];
    if let Some(p) = s.find(['-', '－', '—', '/', '／', '·']) {
        let sep_len = s[p..].chars().next().map(char::len_utf8).unwrap_or(1);
        let (a, b) = (&s[..p], &s[p + sep_len..]);
        if a.ends_with("指标") && b.ends_with("指标") {
            return (
                Some(cat.start..cat.start + p),
                Some(cat.start + p + sep_len..cat.end),
            );
        }
    }
    (Some(cat), None)
}

/// `range` without surrounding whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    range.start + lead..range.start + lead + t.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(u32, Option<&str>, &str, &str, &str)> {
        split(text)
            .unwrap()
            .into_iter()
            .map(|i| {
                (
                    i.seq,
                    i.category.map(|r| &text[r]),
                    &text[i.name],
                    &text[i.target],
                    &text[i.terminator],
                )
            })
            .collect()
    }

    #[test]
    fn splits_the_seed_forms() {
        let t = "1、产出指标：物业管理覆盖面积，年度指标值：年度计划数。2、效益指标：业务限时办结率，年度指标值：95%。";
        assert_eq!(
            parts(t),
            vec![
                (1, Some("产出指标"), "物业管理覆盖面积", "年度计划数", "。"),
                (2, Some("效益指标"), "业务限时办结率", "95%", "。"),
            ]
        );
    }

    #[test]
    fn missing_category_stays_none() {
        let t = "1、：缴存单位及职工满意度，年度指标值：90%。2、效益指标：行政复议、诉讼错案率，年度指标值：≤1%。";
        let p = parts(t);
        assert_eq!(p[0], (1, None, "缴存单位及职工满意度", "90%", "。"));
        assert_eq!(p[1].2, "行政复议、诉讼错案率");
    }

    #[test]
    fn half_width_punctuation_and_doubled_stops() {
        let t = "1、产出指标:缴存完成率,年度指标值:通过宣传指引，让单位按时足额缴存。。2、:评价满意度,年度指标值:>90%。";
        let p = parts(t);
        assert_eq!(
            p[0],
            (
                1,
                Some("产出指标"),
                "缴存完成率",
                "通过宣传指引，让单位按时足额缴存",
                "。。"
            )
        );
        assert_eq!(p[1], (2, None, "评价满意度", ">90%", "。"));
    }

    #[test]
    fn no_final_stop_and_decimal_targets() {
        let t = "1、产出指标：租赁场地面积，年度指标值：1831.3平方米。2、效益指标：故障率，年度指标值：0.5%";
        let p = parts(t);
        assert_eq!(p[0].3, "1831.3平方米");
        assert_eq!(p[1], (2, Some("效益指标"), "故障率", "0.5%", ""));
    }

    #[test]
    fn errors() {
        assert_eq!(split("物业管理"), Err(SplitError::NoNumbering));
        assert!(matches!(
            split("说明。1、产出指标：a，年度指标值：b"),
            Err(SplitError::TextBeforeFirst(_))
        ));
        assert!(matches!(
            split("1、产出指标：a，b"),
            Err(SplitError::NoTargetMarker { seq: 1, .. })
        ));
        assert!(matches!(
            split("1、产出指标：，年度指标值：b"),
            Err(SplitError::NoName { seq: 1, .. })
        ));
    }
}
