//! The 度量单位 column that stands after a self-evaluation's 实际完成值 (`实际完成值 | 度量单位`,
//! or the 2024 template's second `度量单位` after `指标性质 | 指标值 | 度量单位 | 实际完成值`): the
//! unit of the actual written beside it (`5` `万人` against `≥40000人`). Read as the target's, it
//! was joined to a target that wrote its own (`≥40000人万人`) and the bare actual `5` scored
//! 未达标 against 40000; a second one was not read at all (`38000` `人` against `≥4万人` 待评定).
//! Where it is the sheet's only unit column it stands for both figures (`年度指标值 | 实际完成值
//! | 度量单位`, each bare): a bare target takes it too.
//!
//! An actual that writes a unit of its own other than the column's (`5万人` beside `人`, `96%`
//! beside `个`, `45元` beside `万元`) is read as the cell writes it — the figure and its unit
//! were written together, the column beside them — and never silently: [`conflict`] names the
//! two, for a warning on the row (`table.actual-unit-conflict`).

/// Where a sheet's actuals' unit column is: its column, and whether it is the only unit column
/// (`shared`: a bare target takes it too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ActualUnit {
    pub col: usize,
    pub shared: bool,
}

/// Which 度量单位 column is the actual's, given the target's and the actual's columns and the
/// unit columns in header order (`measures`): the first one after the actual, where the target
/// stands before the actual. `shared` where no unit column stands before the actual.
pub(crate) fn find(target: usize, actual: usize, measures: &[usize]) -> Option<ActualUnit> {
    if target > actual {
        return None;
    }
    let col = *measures.iter().find(|&&m| m > actual)?;
    Some(ActualUnit {
        col,
        shared: !measures.iter().any(|&m| m < actual),
    })
}

/// A 度量单位 without its gloss in brackets (`%(百分比)` is `%`), trimmed.
pub(crate) fn unit_of(measure: &str) -> &str {
    let m = measure.trim();
    match m.find(['(', '（']) {
        Some(k) if k > 0 => m[..k].trim_end(),
        _ => m,
    }
}

/// Whether a figure is written bare (ends in a digit: `5`, `≥40000`, `90-100`): it takes a
/// unit given beside it (a unit column, a header's `（元）`).
pub(crate) fn bare(text: &str) -> bool {
    text.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// The target and actual of a row with the unit `measure` of its actual's unit column: a bare
/// actual takes it (`5` `万人` is `5万人`), unless the target is written in that unit already
/// (a bare actual reads in the target's unit as ever, and a fraction `0.95` beside `≥90%`
/// still goes to a person); where the column is `shared`, a bare target takes it too. A figure
/// that writes its own unit keeps it. `None` for what is kept as written.
pub(crate) fn apply(
    measure: &str,
    shared: bool,
    target: &str,
    actual: Option<&str>,
) -> (Option<String>, Option<String>) {
    let unit = unit_of(measure);
    if unit.is_empty() || unit.len() > 24 {
        return (None, None);
    }
    let with = |t: &str| format!("{}{unit}", t.trim_end());
    let new_target = (shared && bare(target)).then(|| with(target));
    let now = new_target.as_deref().unwrap_or(target);
    let target_unit = now
        .rfind(|c: char| c.is_ascii_digit())
        .map(|k| now[k + 1..].trim());
    let new_actual = actual
        .filter(|a| bare(a) && target_unit != Some(unit))
        .map(with);
    (new_target, new_actual)
}

/// The unit an actual writes after its figure (`5万人`: `万人`; `96%（抽样）`: `%`), where it
/// writes one other than its unit column's `measure` (`人`): the two, as written, for the
/// warning that the cell's own is read. `None` for a bare figure, the column's own unit, text
/// with no figure, or words rather than a unit after the figure (more than eight characters).
pub(crate) fn conflict<'a>(measure: &'a str, actual: &'a str) -> Option<(&'a str, &'a str)> {
    let column = unit_of(measure);
    let last = actual.rfind(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    let after = &actual[last..];
    let after = &after[after.chars().next()?.len_utf8()..];
    let own = after
        .split(['(', '（', '，', ',', '；', ';', '。', ' ', '　'])
        .next()
        .unwrap_or("")
        .trim();
    // `120人以上`, `约100人左右`: the words around a figure are no part of its unit
    let own = ["及以上", "以上", "以下", "以内", "左右"]
        .iter()
        .find_map(|w| own.strip_suffix(w))
        .unwrap_or(own);
    if own.is_empty() || column.is_empty() || own.chars().count() > 8 {
        return None;
    }
    (own != column && !(is_percent(own) && is_percent(column))).then_some((own, column))
}

/// `%`, `％` or `百分比`.
fn is_percent(unit: &str) -> bool {
    matches!(unit, "%" | "％" | "百分比")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_column_after_the_actual_is_the_actuals() {
        // the target writes its own unit: the actual takes the column's
        assert_eq!(
            apply("万人", true, "≥40000人", Some("5")),
            (None, Some("5万人".to_owned()))
        );
        // the one unit column of bare figures: both take it, the actual read as ever (bare)
        assert_eq!(
            apply("人", true, "≥40000", Some("38000")),
            (Some("≥40000人".to_owned()), None)
        );
        // a second unit column: `人` is not `万人`
        assert_eq!(
            apply("人", false, "≥4万人", Some("38000")),
            (None, Some("38000人".to_owned()))
        );
        assert_eq!(apply("%(百分比)", false, "≥90%", Some("95")), (None, None));
        // an actual with its own unit keeps it
        assert_eq!(apply("万人", true, "≥40000人", Some("5万人")), (None, None));
        // an empty unit cell changes nothing (the layouts hand it over unfiltered)
        for empty in ["", "  ", "\u{3000}"] {
            assert_eq!(apply(empty, true, "≥40000", Some("5")), (None, None));
        }
        assert_eq!(
            find(4, 5, &[6]),
            Some(ActualUnit {
                col: 6,
                shared: true
            })
        );
        assert_eq!(
            find(4, 6, &[5, 7]),
            Some(ActualUnit {
                col: 7,
                shared: false
            })
        );
        assert_eq!(find(4, 6, &[5]), None);
        assert_eq!(find(6, 4, &[5, 7]), None);
    }

    #[test]
    fn an_actuals_own_unit_other_than_its_columns_is_named() {
        assert_eq!(conflict("人", "5万人"), Some(("万人", "人")));
        assert_eq!(conflict("个", "96%"), Some(("%", "个")));
        assert_eq!(conflict("万元", "45元（已支付）"), Some(("元", "万元")));
        assert_eq!(conflict("人", "120人"), None);
        assert_eq!(conflict("%(百分比)", "96％"), None);
        assert_eq!(conflict("人", "120"), None);
        assert_eq!(conflict("人", "已完成"), None);
        assert_eq!(
            conflict("人", "120人次以上，较上年增长明显"),
            Some(("人次", "人"))
        );
        assert_eq!(conflict("人", "120人以上"), None);
        assert_eq!(conflict("人", "120，较上年增长明显的培训人数"), None);
    }
}
