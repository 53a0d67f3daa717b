//! Names folded for matching an actuals file to a table (issue 25 item 11): unit, project and
//! indicator names that differ only in how they are typed match.
//!
//! Folded away: full-width forms (`ＡＢ１` → `AB1`, `（）` → `()`, `【】〔〕［］` → `[]`), every
//! space (half- and full-width), ASCII case, and a leading budget code — a code in brackets
//! (`[610001]`, `【610001】`) or a run of ASCII letters and digits with at least three digits
//! followed by a separator (`219001-`, `51000021R000000019951-`, `610001 `, `610001、`). A
//! year (`2023年…`) is no code: the run must end in a separator. Nothing else changes: `经费`
//! and `费` stay different names (the nearest-name suggestion is for those).
//!
//! Cheap where nothing changes: [`fold`] borrows a name that has nothing to fold, and callers
//! fold a name once (the matcher folds the file's names only after an exact lookup misses).

use std::borrow::Cow;

/// Separators after a bare code.
const CODE_SEPARATORS: &[char] = &['-', '－', '_', '—', '、', '.', '．', ':', '：', '|'];

/// The folded form of `name`.
pub fn fold(name: &str) -> Cow<'_, str> {
    let body = strip_code(name);
    if body.len() == name.len() && !body.chars().any(changes) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(body.chars().filter_map(fold_char).collect())
}

/// Whether folding changes `c`.
fn changes(c: char) -> bool {
    fold_char(c) != Some(c)
}

fn fold_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '（' => Some('('),
        '）' => Some(')'),
        '【' | '〔' | '［' => Some('['),
        '】' | '〕' | '］' => Some(']'),
        // full-width ASCII forms
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map(|c| c.to_ascii_lowercase())
        }
        c if c.is_ascii_uppercase() => Some(c.to_ascii_lowercase()),
        c => Some(c),
    }
}

/// `name` without a leading budget code (and the spaces and separator after it); `name` itself
/// where it has none, or where nothing would be left.
fn strip_code(name: &str) -> &str {
    let s = name.trim_start();
    let alnum = |c: char| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut chars = s.char_indices();
    let rest = match chars.next() {
        Some((_, open @ ('[' | '【' | '〔' | '［' | '(' | '（'))) => {
            let close = match open {
                '[' | '［' => [']', '］'],
                '【' => ['】', '】'],
                '〔' => ['〕', '〕'],
                _ => [')', '）'],
            };
            let inner_start = open.len_utf8();
            let Some(end) = s[inner_start..].find(|c: char| !alnum(c)) else {
                return name;
            };
            let inner = &s[inner_start..inner_start + end];
            let after = &s[inner_start + end..];
            let Some(close_char) = after.chars().next().filter(|c| close.contains(c)) else {
                return name;
            };
            if inner.chars().filter(|c| digit(*c)).count() < 3 {
                return name;
            }
            &after[close_char.len_utf8()..]
        }
        Some(_) => {
            let end = s.find(|c: char| !alnum(c)).unwrap_or(s.len());
            let code = &s[..end];
            let after = &s[end..];
            let Some(sep) = after.chars().next() else {
                return name;
            };
            if code.chars().count() < 4
                || code.chars().filter(|c| digit(*c)).count() < 3
                || !(sep.is_whitespace() || CODE_SEPARATORS.contains(&sep))
            {
                return name;
            }
            &after[sep.len_utf8()..]
        }
        None => return name,
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || CODE_SEPARATORS.contains(&c));
    if rest.is_empty() { name } else { rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_spaces_brackets_and_codes_fold() {
        assert!(matches!(fold("信息系统运维费"), Cow::Borrowed(_)));
        assert_eq!(fold("办公楼维修（一期）"), fold("办公楼维修(一期)"));
        assert_eq!(fold("办公楼 维修　项目"), "办公楼维修项目");
        assert_eq!(fold("ＧＤＰ统计"), "gdp统计");
        for coded in [
            "[610001]西安市财政局",
            "【610001】西安市财政局",
            "610001 西安市财政局",
            "219001-西安市财政局",
            "51000021R000000019951-西安市财政局",
        ] {
            assert_eq!(fold(coded), "西安市财政局", "{coded}");
        }
        // not codes: a year, a short run, a run without a separator, a code and nothing else
        assert_eq!(fold("2023年农村公路养护"), "2023年农村公路养护");
        assert_eq!(fold("5G基站建设"), "5g基站建设");
        assert_eq!(fold("A1-试点"), "a1-试点");
        assert_eq!(fold("[610001]"), "[610001]");
        // different words stay different
        assert_ne!(fold("业务用房物业管理经费"), fold("业务用房物业管理费"));
    }
}
