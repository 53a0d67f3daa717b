//! A form's one column holding both the target and the actual (`年度指标值/实际完成值` over
//! `≥200户/180户`, `年度目标值（实际值）` over `≥200户（180户）`, `指标值及完成情况` over
//! `目标：≥95%；完成：96%`), where the grid has no 实际完成值 column of its own.
//!
//! Each cell is read as two values only where it says which is which: labels in the cell
//! (`目标：…；完成：…`, `计划…，实际…`: either order), or the header's own shape — one slash
//! between two values alike (both with a figure, or both words) under a header written with a
//! slash, or a bracketed last part under a header that brackets its actual — in the header's
//! order. A cell that does not split so (`≥200户` alone, `≤50元/人`, two slashes) is no
//! indicator: named on its row (`table.target-and-actual-unsplit`) and the form 未核对, the other
//! rows read. Before, such a grid was refused whole (找不到表头行), and the bracket header was read
//! as a target column whose cells held both (`≥200户（180户）` 达成 by its printed score).
//! A flat sheet's such column (`columns::Header::pair`) is read by the same split and named by
//! the same findings ([`unsplit`], [`noted`]).

use crate::finding::{Finding, Severity, codes};
use crate::table::Ctx;
use crate::table::columns::{Role, is_sheet_header_name};
use crate::table::grid::{Cell, Row};
use crate::table::source::Location;

use super::FormReader;
use super::grid::GridHeader;
use super::words::{Col, compact, tidy};

/// The column holding both, the order its header names them in, and how it writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub col: usize,
    /// The header names the actual first (`实际完成值/年度指标值`).
    pub actual_first: bool,
    /// How the header joins the two: `/`, a bracket around the second, or words (`及`).
    pub shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Slash,
    Bracket,
    Words,
    /// A flat sheet's target column where the header has no 实际完成值 column and no column of
    /// both: a cell is split only where it labels both ([`labelled_both`]), and is the target
    /// alone otherwise (never refused).
    Labels,
}

/// The words that name a target in a header or label one in a cell, longest first.
const TARGET_WORDS: &[&str] = &[
    "年度指标值",
    "年度目标值",
    "年度目标",
    "指标值",
    "目标值",
    "计划值",
    "目标",
    "计划",
];

/// The words that name an actual, longest first.
const ACTUAL_WORDS: &[&str] = &[
    "实际完成值",
    "实际完成情况",
    "实际完成",
    "完成情况",
    "实际值",
    "完成值",
    "实际",
    // last: a cell's label only, never a header's (`pair_column`)
    "完成",
];

/// The first place (in bytes) one of `words` occurs in `text` where `ok` allows it, and the
/// length of the word (the longest found there).
fn first_word(text: &str, words: &[&str], ok: impl Fn(usize) -> bool) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for w in words {
        for (i, _) in text.match_indices(w) {
            if !ok(i) {
                continue;
            }
            if best.is_none_or(|(b, len)| i < b || (i == b && w.len() > len)) {
                best = Some((i, w.len()));
            }
            break;
        }
    }
    best
}

/// The header cell of `row` naming both a target and an actual (`年度指标值/实际完成值`,
/// `年度目标值（实际值）`, `指标值及完成情况`), where `cols` has no 实际完成值 column and no
/// other role at that column but the target's.
pub(super) fn pair_column(row: &Row, cols: &[(Col, usize)]) -> Option<Pair> {
    if cols.iter().any(|(c, _)| *c == Col::Actual) {
        return None;
    }
    // every header word of an actual has 实 or 完: most headers end here, with no copy (a
    // grid's header is asked for each row of a form)
    let candidate = |i: usize, text: &str| {
        text.len() <= 96
            && text.contains(['实', '完'])
            && !cols.iter().any(|&(c, at)| at == i && c != Col::Target)
    };
    if !row.filled().any(|(i, c)| candidate(i, &c.text)) {
        return None;
    }
    // a flat sheet's header (a 项目 column): left to the flat reader, which names the column
    // it lacks, never read as one form of every project
    if row
        .filled()
        .any(|(_, c)| is_sheet_header_name(Role::Project, &c.text))
    {
        return None;
    }
    row.filled().find_map(|(i, cell)| {
        if !candidate(i, &cell.text) {
            return None;
        }
        let (actual_first, shape) = header_pair(&cell.text)?;
        Some(Pair {
            col: i,
            actual_first,
            shape,
        })
    })
}

/// Whether a header cell's text names both a target and an actual: whether the actual comes
/// first, and how the two are joined.
pub(crate) fn header_pair(text: &str) -> Option<(bool, Shape)> {
    let t = compact(text);
    // a target form's `计划完成时间`, `预计完成值` name no actual
    if ["预计", "预期", "计划完成"].iter().any(|w| t.contains(w)) {
        return None;
    }
    let (ti, _) = first_word(&t, TARGET_WORDS, |_| true)?;
    // (a header names an actual in full: `完成` alone is a cell's label only)
    let (ai, _) = first_word(&t, &ACTUAL_WORDS[..ACTUAL_WORDS.len() - 1], |_| true)?;
    if ai == ti {
        return None;
    }
    let (first, second) = (ti.min(ai), ti.max(ai));
    let between = &t[first..second];
    let shape = if between.contains(['/', '／']) {
        Shape::Slash
    } else if between.contains(['（', '(']) && t.ends_with(['）', ')']) {
        Shape::Bracket
    } else {
        Shape::Words
    };
    Some((ai < ti, shape))
}

/// A cell of the column split into its target and actual, or `None` where it does not say
/// which is which.
pub(crate) fn split(text: &str, pair: &Pair) -> Option<(String, String)> {
    if pair.shape == Shape::Labels {
        return labelled_both(text);
    }
    // labels read before lines are joined (a line break is a separator between them)
    if let Some((t, a)) = labelled(text.trim()) {
        return Some((tidy(&t), tidy(&a)));
    }
    let text = tidy(text);
    let (first, second) = match pair.shape {
        Shape::Slash => slashed(&text)?,
        Shape::Bracket => bracketed(&text)?,
        Shape::Words | Shape::Labels => return None,
    };
    Some(if pair.actual_first {
        (second, first)
    } else {
        (first, second)
    })
}

/// The labels of an actual a target cell must write in full to be split where its grid has no
/// 实际完成值 column and no column of both ([`labelled_both`]): `完成` alone only before a colon.
const FULL_ACTUAL_LABELS: &[&str] = &["实际", "完成值", "完成情况", "完成：", "完成:"];

/// A target cell that labels its actual too (`目标：≥95% 实际：96%`, `计划200户，实际完成180户`)
/// in a grid whose header has no 实际完成值 column and no column of both: its target and actual.
/// The cell says which is which, so it is split as a labelled cell of a column of both is;
/// a cell without an actual's label in full (`目标：完成验收`, `计划完成率100%`) stays the
/// target alone. Before, the whole cell was read as a target that no text can meet and the
/// row was scored by its printed 得分 (`目标：≥1000人次 实际：900人次` 达成).
pub(crate) fn labelled_both(text: &str) -> Option<(String, String)> {
    if !FULL_ACTUAL_LABELS.iter().any(|w| text.contains(w)) {
        return None;
    }
    labelled(text.trim()).map(|(t, a)| (tidy(&t), tidy(&a)))
}

/// `table.form-target-and-actual` at the first target cell `text` (at `at`, of the indicator
/// `name`) split by its labels ([`labelled_both`]) in a grid with no 实际完成值 column: said
/// once a form or sheet. A form's and a flat sheet's alike.
pub(crate) fn labelled_noted(ctx: &Ctx<'_>, at: Location, name: &str, text: &str) -> Finding {
    ctx.finding(
        codes::FORM_TARGET_AND_ACTUAL,
        Severity::Warning,
        at,
        format!(
            "「{name}」的指标值一格写明了目标和实际（「{}」），表中没有单独的实际完成值列：这一格和同样写法的各格按所标拆成指标值和实际完成值读取",
            tidy(text)
        ),
    )
    .label("指标值与实际完成值同格")
    .help("核对拆分是否正确；最好把实际完成值写在单独的一列")
}

/// Where a label may start: the cell's start, or after a separator (a space among them).
fn after_separator(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "；;，,。/／|｜、".contains(c))
}

/// `目标：≥95%；完成：96%` (`计划…，实际…`, either order): each value after its label, the
/// first label at the cell's start, the second after a separator; both values non-empty.
fn labelled(text: &str) -> Option<(String, String)> {
    let starts = |i| after_separator(text, i);
    let (ti, tl) = first_word(text, TARGET_WORDS, starts)?;
    let (ai, al) = first_word(text, ACTUAL_WORDS, starts)?;
    if ti.min(ai) != 0 || ti == ai {
        return None;
    }
    let value = |from: usize, to: usize| {
        let v = text[from..to]
            .trim()
            .trim_start_matches([':', '：'])
            .trim_end_matches(|c: char| "；;，,。/／|｜、".contains(c) || c.is_whitespace())
            .trim();
        (!v.is_empty()).then(|| v.to_owned())
    };
    let (target, actual) = if ti < ai {
        (value(ti + tl, ai)?, value(ai + al, text.len())?)
    } else {
        (value(ti + tl, text.len())?, value(ai + al, ti)?)
    };
    Some((target, actual))
}

/// `≥200户/180户`: one slash between two values alike (each with a figure, or neither): a
/// unit written with a slash (`≤50元/人`) or a third part leaves it unsplit.
fn slashed(text: &str) -> Option<(String, String)> {
    let mut parts = text.split(['/', '／']);
    let (a, b) = (parts.next()?.trim(), parts.next()?.trim());
    if parts.next().is_some() || a.is_empty() || b.is_empty() {
        return None;
    }
    let figure = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    (figure(a) == figure(b)).then(|| (a.to_owned(), b.to_owned()))
}

/// `≥200户（180户）`: the bracketed last part is the second value.
fn bracketed(text: &str) -> Option<(String, String)> {
    let inner_end = text.strip_suffix(['）', ')'])?;
    let open = inner_end.rfind(['（', '('])?;
    let first = inner_end[..open].trim();
    let second = inner_end[open..].trim_start_matches(['（', '(']).trim();
    (!first.is_empty() && !second.is_empty() && !second.contains(['（', '(']))
        .then(|| (first.to_owned(), second.to_owned()))
}

/// What a row's cell of the column gives.
pub(crate) enum Paired {
    /// Target and actual.
    Split(String, String),
    /// The cell is empty: neither.
    Empty,
    /// The cell does not split: the row is no indicator (said).
    Refused,
}

impl FormReader<'_, '_, '_> {
    /// The cell of `row` in the column holding both, split ([`split`]); a cell that does not
    /// split is named (`table.target-and-actual-unsplit`), counted skipped, and returned as
    /// the form's unchecked sum it makes.
    pub(super) fn paired(
        &mut self,
        pair: &Pair,
        cell: Option<&Cell>,
        name: &str,
        mismatches: &mut Vec<String>,
    ) -> Paired {
        let Some(cell) = cell.filter(|c| !c.text.trim().is_empty()) else {
            return Paired::Empty;
        };
        if let Some((t, a)) = split(&cell.text, pair) {
            return Paired::Split(t, a);
        }
        let (f, unchecked) = unsplit(self.ctx, cell.location(self.ctx.source), name, &cell.text);
        self.ctx.findings.push(f);
        self.ctx.rows_skipped += 1;
        mismatches.push(unchecked);
        Paired::Refused
    }

    /// `table.form-target-and-actual` at the header cell of the column holding both, once.
    pub(super) fn pair_noted(&mut self, h: &GridHeader) {
        let Some(pair) = h.pair else {
            return;
        };
        let Some(cell) = h.cell(self.rows, pair.col) else {
            return;
        };
        let f = noted(
            self.ctx,
            cell.location(self.ctx.source),
            &cell.text,
            pair.shape,
        );
        self.ctx.findings.push(f);
    }
}

/// `table.target-and-actual-unsplit`: the cell `text` at `at` of the indicator `name` does not
/// split into a target and an actual; with the unchecked sum it makes (the project 未核对). A
/// form's and a flat sheet's alike.
pub(crate) fn unsplit(ctx: &Ctx<'_>, at: Location, name: &str, text: &str) -> (Finding, String) {
    let f = ctx
        .finding(
            codes::TARGET_AND_ACTUAL_UNSPLIT,
            Severity::Warning,
            at,
            format!(
                "「{name}」的「{}」分不出哪是指标值、哪是实际完成值（这一列每格同时写两者）：这一行未作指标读取，项目未核对",
                tidy(text)
            ),
        )
        .label("指标值与实际完成值拆不开")
        .help("把这一格写成“目标：…；完成：…”，或把这一列拆成「年度指标值」「实际完成值」两列");
    (f, format!("「{name}」的指标值与实际完成值未能读取"))
}

/// `table.form-target-and-actual` at the header cell `text` (at `at`) of a column holding both,
/// joined as `shape` says. A form's and a flat sheet's alike.
pub(crate) fn noted(ctx: &Ctx<'_>, at: Location, text: &str, shape: Shape) -> Finding {
    let how = match shape {
        Shape::Slash => "斜杠两边",
        Shape::Bracket => "括号外与括号内",
        Shape::Words | Shape::Labels => "格中所标",
    };
    ctx.finding(
        codes::FORM_TARGET_AND_ACTUAL,
        Severity::Warning,
        at,
        format!(
            "「{}」一列同时写指标值和实际完成值：每格按{how}拆成两项读取（格中写明“目标”“完成”的按所写），拆不开的行逐行列出",
            tidy(text)
        ),
    )
    .label("指标值与实际完成值同列")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(shape: Shape, actual_first: bool) -> Pair {
        Pair {
            col: 0,
            actual_first,
            shape,
        }
    }

    fn both(t: &str, a: &str) -> Option<(String, String)> {
        Some((t.to_owned(), a.to_owned()))
    }

    #[test]
    fn a_header_names_both_only_in_full() {
        let header = header_pair;
        assert_eq!(header("年度指标值/实际完成值"), Some((false, Shape::Slash)));
        assert_eq!(header("实际完成值／年度指标值"), Some((true, Shape::Slash)));
        assert_eq!(
            header("年度目标值（实际值）"),
            Some((false, Shape::Bracket))
        );
        assert_eq!(header("指标值及完成情况"), Some((false, Shape::Words)));
        assert_eq!(header("计划完成时间"), None);
        assert_eq!(header("预计完成值"), None);
        assert_eq!(header("目标/完成"), None);
        assert_eq!(header("年度指标值"), None);
    }

    #[test]
    fn a_cell_splits_only_where_it_says_which_is_which() {
        let words = pair(Shape::Words, false);
        assert_eq!(split("目标：≥95%；完成：96%", &words), both("≥95%", "96%"));
        assert_eq!(split("完成：96%；目标：≥95%", &words), both("≥95%", "96%"));
        assert_eq!(
            split("计划200户，实际完成180户", &words),
            both("200户", "180户")
        );
        assert_eq!(
            split("目标：按时完成；完成：已完成", &words),
            both("按时完成", "已完成")
        );
        assert_eq!(split("≥95%", &words), None);
        assert_eq!(split("≥95%；96%", &words), None);
        assert_eq!(
            split("目标值≥200户　实际值180户", &words),
            both("≥200户", "180户")
        );
        assert_eq!(
            split("目标 ≥200户\n完成 180户", &words),
            both("≥200户", "180户")
        );
        let slash = pair(Shape::Slash, false);
        assert_eq!(split("≥200户/180户", &slash), both("≥200户", "180户"));
        assert_eq!(split("≥200户／180户", &slash), both("≥200户", "180户"));
        assert_eq!(split("≥200户", &slash), None);
        assert_eq!(split("≤50元/人", &slash), None);
        assert_eq!(split("≤50元/人/45元/人", &slash), None);
        assert_eq!(split("≥200户/", &slash), None);
        assert_eq!(
            split("180户/≥200户", &pair(Shape::Slash, true)),
            both("≥200户", "180户")
        );
        let bracket = pair(Shape::Bracket, false);
        assert_eq!(split("≥200户（180户）", &bracket), both("≥200户", "180户"));
        assert_eq!(split("≥200户(180户)", &bracket), both("≥200户", "180户"));
        assert_eq!(split("≥200户", &bracket), None);
        assert_eq!(split("（180户）", &bracket), None);
    }

    #[test]
    fn a_lone_target_cell_splits_only_where_it_labels_an_actual_in_full() {
        let lone = labelled_both;
        assert_eq!(lone("目标：≥95% 实际：96%"), both("≥95%", "96%"));
        assert_eq!(lone("目标值≥200户，实际值180户"), both("≥200户", "180户"));
        assert_eq!(lone("计划200户，实际完成180户"), both("200户", "180户"));
        assert_eq!(lone("目标：≥95%；完成：96%"), both("≥95%", "96%"));
        assert_eq!(lone("目标：完成验收"), None);
        assert_eq!(lone("计划完成率100%"), None);
        assert_eq!(lone("目标 ≥95%，完成时限2023年底"), None);
        assert_eq!(lone("≥95%"), None);
        assert_eq!(lone("实际参与人数≥100人"), None);
    }
}
