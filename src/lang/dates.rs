//! Dates a target writes that do not exist (`2023年13月底前`, `2月30日前`, `2023年2月29日`) and
//! month counts past a year (`第13个月`): found in the text as written, for the review check
//! `review.impossible-date` and for the evaluator, which sends such a target to a person with
//! the reason rather than compare an actual with a date that is not one. Not the parser: these
//! are read off the whole text where the parser has already left it qualitative.

use super::parse::days_in_month;

/// The first date of `text` that does not exist: its byte span (from its year where written,
/// else its month) and why.
pub fn impossible(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(k) = text[at..].find('月').map(|k| k + at) {
        at = k + '月'.len_utf8();
        let Some((m_start, month)) = digits_before(b, k) else {
            continue;
        };
        // `36月龄` (an age), `月份` is fine, a month read only where the digits are the month's
        if text[at..].starts_with('龄') {
            continue;
        }
        let (start, year) = match text[..m_start].strip_suffix('年') {
            Some(head) => match digits_before(head.as_bytes(), head.len()) {
                Some((y_start, y)) if head.len() - y_start == 4 => (y_start, Some(y)),
                _ => (m_start, None),
            },
            None => (m_start, None),
        };
        if month == 0 || month > 12 {
            return Some((start..at, format!("没有 {month} 月")));
        }
        // the day after the month (`30日`, `31号`)
        let rest = &b[at..];
        let d_len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if d_len == 0 || d_len > 2 {
            continue;
        }
        let after = &text[at + d_len..];
        if !(after.starts_with('日') || after.starts_with('号')) {
            continue;
        }
        let day: u32 = text[at..at + d_len].parse().ok()?;
        let last = days_in_month(year.and_then(|y| i32::try_from(y).ok()), month);
        if day == 0 || day > last {
            let end = at + d_len + '日'.len_utf8();
            let why = match (month, year) {
                (2, Some(y)) if day == 29 => format!("{y} 年不是闰年，2 月只有 28 天"),
                _ => format!("{month} 月只有 {last} 天"),
            };
            return Some((start..end, why));
        }
    }
    None
}

/// The ASCII digits (one to four) that end `b[..end]`: where they start and their value.
fn digits_before(b: &[u8], end: usize) -> Option<(usize, u32)> {
    let start = b[..end]
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |p| p + 1);
    if start == end || end - start > 4 {
        return None;
    }
    let v = std::str::from_utf8(&b[start..end]).ok()?.parse().ok()?;
    Some((start, v))
}

/// `第13个月`, `第18个月底前`: a count of months past a year, which names no date of the
/// budget year (a month of the project, counted from a start the table does not give): its
/// byte span and why. `第3个月`, `12个月` are not named.
pub fn month_count_past_year(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(k) = text[at..].find("个月").map(|k| k + at) {
        at = k + "个月".len();
        let Some((start, n)) = digits_before(b, k) else {
            continue;
        };
        let Some(head) = text[..start].strip_suffix('第') else {
            continue;
        };
        if n > 12 {
            return Some((
                head.len()..at,
                format!("第 {n} 个月是从项目开始计的月数，不是本年的月份，日期不定"),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::month_count_past_year;

    #[test]
    fn a_month_count_past_a_year_is_named() {
        let why = |t: &str| month_count_past_year(t).map(|(s, _)| t[s].to_owned());
        assert_eq!(why("第13个月"), Some("第13个月".to_owned()));
        assert_eq!(why("项目第18个月底前完成"), Some("第18个月".to_owned()));
        for fine in ["第3个月", "12个月", "13个月内", "第12个月"] {
            assert_eq!(why(fine), None, "{fine}");
        }
    }
}
