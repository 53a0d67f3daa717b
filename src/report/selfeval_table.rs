//! The 自评表 as text: an aligned table per project in the layout finance offices file
//! (一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施), as a
//! terminal table or as Markdown. The 偏差原因分析及改进措施 column holds the unit's own words
//! only (from its sheet or actuals file); jixiao's verdict and calculation stand in a last
//! column of their own, 说明, so a filed form never passes machine text off as the unit's.
//!
//! Decisions shared by every renderer (they call the functions here): a project's headline puts
//! the recomputed total beside the printed one with the difference (recomputed − printed), and
//! says `与复核总分一致` where the printed figure's rounding covers the difference; the summary
//! and the unit roll-ups count the projects' own grades instead of grading the mean (a capped
//! project keeps its grade; no grade appears that no project has); each row whose score differs
//! from the printed one is listed with its place, both figures, the difference and the reason; a
//! budget row the form's own total leaves out is shown with its printed 得分 and why it does not
//! count.
//!
//! Written as it is rendered (issue 27): [`write_text_within`], [`write_markdown`] and
//! [`write_text_coloured`] hand the output a chunk of whole projects at a time
//! (`report::Chunked`), so a report of any size costs one project's text beyond the report;
//! the `render_*` functions are the same bytes gathered into a `String`. Each is written in
//! its parts (`report::sections`: the head, a project, the tail), which the command line also
//! writes while the report is evaluated. The list of rows that
//! differ from the printed 得分 is one aligned table: its rows are made twice, once to measure
//! the columns and once to write them, and never held all at once.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Chunked;
use super::model::{IndicatorReport, ProjectReport, Report, Shown};
use super::text_table::{TextTable, Widths};

/// The 自评表 columns, shared by every renderer that lays out the sheet.
pub(crate) const COLUMNS: [&str; 10] = [
    "序号",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
    "说明",
];

pub(crate) fn score_cell(i: &IndicatorReport) -> String {
    match &i.score {
        Some(s) => s.to_string(),
        None => "—".to_owned(),
    }
}

/// The 偏差原因分析及改进措施 cell: the unit's own words, empty where it gave none.
pub(crate) fn reason(i: &IndicatorReport) -> &str {
    i.deviation_note.as_deref().unwrap_or_default()
}

/// The 说明 column: verdict, the sheet's own score where it differs, how the score was reached.
pub(crate) fn remark(i: &IndicatorReport) -> String {
    // a graded row says its grade (部分达成), not 未达标
    let mut parts = vec![format!("【{}】", i.grade.unwrap_or(i.verdict.zh()))];
    if i.differs_from_published
        && let Some(p) = i.published_score
    {
        parts.push(format!("原表得分 {}", p.normalize()));
    }
    parts.push(i.note.to_string());
    let (verdict, rest) = parts.split_at(1);
    format!("{} {}", verdict[0], rest.join("；"))
}

/// The 预算执行率 row: budget, spent and rate as text, in [`COLUMNS`] order.
pub(crate) fn budget_row(p: &ProjectReport) -> Vec<String> {
    vec![
        String::new(),
        "预算执行率".to_owned(),
        String::new(),
        String::new(),
        budget_target(p),
        budget_actual(p),
        p.budget_weight.to_string(),
        p.budget_score
            .map(|s| s.to_string())
            .unwrap_or_else(|| "—".into()),
        String::new(),
        budget_remark(p),
    ]
}

/// Whether the form's own sums leave budget execution out of its 总分 (it is then shown with
/// 0 points, as the form counts it, and its printed 得分 beside).
pub(crate) fn budget_outside(p: &ProjectReport) -> bool {
    p.budget_rules
        .iter()
        .any(|r| r == crate::report_model::table_rules::FORM_BUDGET_OUTSIDE)
}

/// The 说明 of the budget row: how a method scored it, the form's own 得分 where it differs
/// from the recomputed one (or where the form's total leaves the budget row out).
pub(crate) fn budget_remark(p: &ProjectReport) -> String {
    let mut parts: Vec<String> = p.budget_note.iter().cloned().collect();
    if p.budget.is_none() && p.execution_rate.is_none() && p.budget_note.is_none() {
        parts.push("未给出全年预算数，预算执行率不计分".to_owned());
    }
    if p.budget.is_none() && p.execution_rate.is_some() {
        parts.push("没有预算数和执行数，按原表执行率计分".to_owned());
    }
    if let Some(d) = p.budget_published_score {
        if budget_outside(p) {
            parts.push(format!(
                "原表得分 {}；原表总分不含预算执行，复核同样不计入总分",
                d.normalize()
            ));
        } else if p.budget_score.is_none_or(|s| {
            // beyond the printed figure's own rounding (`9` stands for 8.5 up to 9.5)
            (s.exact - d).abs() > crate::table::half_unit_at(d.normalize().scale())
        }) {
            parts.push(format!("原表得分 {}，与复核得分不一致", d.normalize()));
        }
    }
    parts.join("；")
}

/// The 年度指标值 cell of the budget row.
pub(crate) fn budget_target(p: &ProjectReport) -> String {
    p.budget
        .map(|b| format!("预算 {} {}", b.normalize(), p.money_unit))
        .unwrap_or_default()
}

/// The 实际完成值 cell of the budget row.
pub(crate) fn budget_actual(p: &ProjectReport) -> String {
    match (&p.spent, &p.execution_rate) {
        (Some(s), Some(r)) => format!("执行 {} {}（{r}%）", s.normalize(), p.money_unit),
        (Some(s), None) => format!("执行 {} {}", s.normalize(), p.money_unit),
        (None, Some(r)) => format!("执行率 {r}%"),
        _ => "—".to_owned(),
    }
}

/// The points of the project's sheet: budget execution and every indicator that applies.
pub(crate) fn total_weight(p: &ProjectReport) -> Shown {
    p.weights
}

/// Whether the project was scored on other than 100 points (its total is then shown against
/// them, contract §8.1).
pub(crate) fn points_not_100(p: &ProjectReport) -> bool {
    p.weights.rounded() != rust_decimal::Decimal::ONE_HUNDRED
}

/// The total as the report shows it: `86.50`, or `44.38 / 49` where the project was scored on
/// other than 100 points.
pub(crate) fn total_text(p: &ProjectReport) -> String {
    if !p.has_total() {
        // 待评定 / 未核对: never a number where there is no total
        p.total_text()
    } else if points_not_100(p) {
        format!("{} / {}", p.score, p.weights.rounded().normalize())
    } else {
        p.score.to_string()
    }
}

/// The findings beside a project's total (`；注意：…（eval.points-not-100）`), empty where none.
pub(crate) fn project_notes(p: &ProjectReport) -> String {
    p.findings
        .iter()
        .map(|f| format!("；注意：{}（{}）", f.message, f.code))
        .collect()
}

/// The total its form printed, where it printed one, and how far the recomputed total is from
/// it: `；原表总分 96（优）；差额 +3.80（复核 − 原表）`, or `；原表总分 100；与复核总分一致`. Where
/// the project has no recomputed total (待评定, 未核对) the printed one stands alone.
pub(crate) fn published_total(p: &ProjectReport) -> String {
    let Some(t) = p.published_score else {
        return String::new();
    };
    let grade = p
        .published_grade
        .as_deref()
        .map(|g| format!("（{g}）"))
        .unwrap_or_default();
    let against = match p.total_difference() {
        Some(d) if p.total_differs => format!("；差额 {}（复核 − 原表）", signed(&d)),
        Some(_) => "；与复核总分一致".to_owned(),
        None => String::new(),
    };
    format!("；原表总分 {}{grade}{against}", t.normalize())
}

/// A difference with its sign: `+3.80`, `-10.00`, `0.00`.
pub(crate) fn signed(d: &Shown) -> String {
    let r = d.rounded();
    if r.is_sign_positive() && !r.is_zero() {
        format!("+{r}")
    } else {
        r.to_string()
    }
}

/// The word before the recomputed total: `复核总分` where the form printed one of its own (the
/// two stand side by side), else `总分`.
pub(crate) fn total_label(p: &ProjectReport) -> &'static str {
    if p.published_score.is_some() {
        "复核总分"
    } else {
        "总分"
    }
}

/// The projects' own grades, counted, best total first: `优 2，良 1` (`—` where no project has
/// a grade). The summary and the unit roll-ups show these, not a grade of the mean score: a
/// capped or vetoed project keeps the grade it was given, and no grade appears that no
/// project has.
pub(crate) fn grade_counts<'a>(projects: impl IntoIterator<Item = &'a ProjectReport>) -> String {
    let mut grades: Vec<(&str, usize, rust_decimal::Decimal)> = Vec::new();
    for p in projects
        .into_iter()
        .filter(|p| p.has_total() && !p.grade.is_empty())
    {
        match grades.iter_mut().find(|g| g.0 == p.grade) {
            Some(g) => {
                g.1 += 1;
                g.2 = g.2.max(p.score.exact);
            }
            None => grades.push((&p.grade, 1, p.score.exact)),
        }
    }
    if grades.is_empty() {
        return "—".to_owned();
    }
    grades.sort_by_key(|g| std::cmp::Reverse(g.2));
    grades
        .iter()
        .map(|(g, n, _)| format!("{g} {n}"))
        .collect::<Vec<_>>()
        .join("，")
}

/// The 一级指标 cell: the category, marked where a rule inferred it.
pub(crate) fn category_cell(i: &IndicatorReport) -> String {
    match (&i.category, i.category_inferred) {
        (Some(c), true) => format!("{c}（推断）"),
        (Some(c), false) => c.to_string(),
        (None, _) => String::new(),
    }
}

/// The 二级指标 cell: the subcategory, marked where a rule gave it.
pub(crate) fn subcategory_cell(i: &IndicatorReport) -> String {
    match (&i.subcategory, i.subcategory_inferred) {
        (Some(c), true) => format!("{c}（推断）"),
        (Some(c), false) => c.to_string(),
        (None, _) => String::new(),
    }
}

/// One indicator's row as text, in [`COLUMNS`] order.
pub(crate) fn indicator_row(i: &IndicatorReport) -> Vec<String> {
    vec![
        i.seq.to_string(),
        category_cell(i),
        subcategory_cell(i),
        i.indicator.to_string(),
        i.target.to_string(),
        i.actual.as_deref().unwrap_or_default().to_owned(),
        i.weight.to_string(),
        score_cell(i),
        reason(i).to_owned(),
        remark(i),
    ]
}

fn rows(p: &ProjectReport) -> Vec<Vec<String>> {
    std::iter::once(budget_row(p))
        .chain(p.indicators.iter().map(indicator_row))
        .collect()
}

/// A project's heading: unit, project, total, grade and the points waiting for review.
pub(crate) fn heading(p: &ProjectReport) -> String {
    let pending = if p.pending.exact.is_zero() {
        String::new()
    } else {
        format!("，另有 {} 分待评定", p.pending)
    };
    let name = if p.unit.is_empty() {
        p.project.clone()
    } else {
        format!("{} / {}", p.unit, p.project)
    };
    format!(
        "{name}：{} {}{}{pending}{}{}",
        total_label(p),
        total_text(p),
        if p.has_total() {
            format!("（{}）", p.grade)
        } else {
            String::new()
        },
        published_total(p),
        project_notes(p)
    )
}

/// The closing line: counts, mean score, pending points, differences.
pub(crate) fn summary_line(r: &Report) -> String {
    let s = &r.summary;
    format!(
        "合计：{} 个项目{}，{} 个指标：达标 {}，未达标 {}，待评定 {}，缺实际值 {}，无法比较 {}，不适用 {}；项目平均分 {}；项目等级 {}；待评定分值 {}；与原表得分不一致 {} 处",
        s.projects,
        waiting_text(s.waiting),
        s.indicators,
        s.pass,
        s.fail,
        s.review,
        s.missing,
        s.invalid,
        s.not_applicable,
        s.mean_text(),
        grade_counts(&r.projects),
        s.pending,
        s.differences
    )
}

/// A form's goal block in one line (年度总体目标 and 实际完成情况), where the form reports how
/// it was met.
pub(crate) fn goal_line(p: &ProjectReport) -> Option<String> {
    let actual = p.goal_actual.as_deref()?;
    Some(format!(
        "年度总体目标：{}；实际完成情况：{actual}",
        p.goal.as_deref().unwrap_or("（未填）")
    ))
}

/// The terminal form.
pub fn render_text(r: &Report) -> String {
    render_text_within(r, usize::MAX)
}

/// [`render_text`] with each table at most `max` display columns wide (long cells cut with `…`).
pub fn render_text_within(r: &Report, max: usize) -> String {
    super::to_string(|out| write_text_within(r, max, out))
}

/// [`render_text_within`] written to `out` as it is rendered, a project or so at a time.
pub fn write_text_within(r: &Report, max: usize, out: &mut dyn Write) -> io::Result<()> {
    super::sections::write_whole(&mut TextSections::new(max, |s| s), r, out)
}

/// The terminal form's parts (`report::sections`): the warnings and the department first,
/// each project's heading and table, then the rows that differ and the summary line; each
/// table at most `max` display columns wide, each part passed through `shape` (the coloured
/// table's colours) as it is written.
pub(crate) struct TextSections {
    max: usize,
    shape: fn(String) -> String,
    text: String,
}

impl TextSections {
    pub(crate) fn new(max: usize, shape: fn(String) -> String) -> TextSections {
        TextSections {
            max,
            shape,
            text: String::new(),
        }
    }
}

impl super::sections::Sections for TextSections {
    fn head(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut c = Chunked::shaped(out, self.shape);
        let out = &mut c.buf;
        // what the scores below lack, first (actuals that matched nothing)
        let warnings = super::warnings::lines(r);
        for w in &warnings {
            let _ = writeln!(out, "{w}");
        }
        if !warnings.is_empty() {
            out.push('\n');
        }
        if let Some(d) = &r.department {
            let _ = writeln!(out, "绩效自评表 — {d}\n");
        }
        c.finish()
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut super::sections::Parts<'_>) {
        let out = &mut self.text;
        out.clear();
        let _ = writeln!(out, "{}", heading(p));
        if let Some(g) = goal_line(p) {
            let _ = writeln!(out, "{g}");
        }
        let mut t = TextTable::new(COLUMNS);
        for row in rows(p) {
            t.row(row);
        }
        t.render_within_into(self.max, out);
        out.push('\n');
        let shaped = (self.shape)(std::mem::take(out));
        buf.extend_from_slice(shaped.as_bytes());
        // the room of this project's text is kept for the next one
        self.text = shaped;
    }

    fn tail(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let max = self.max;
        let mut c = Chunked::shaped(out, self.shape);
        if !r.differences.is_empty() {
            let _ = writeln!(c.buf, "与原表得分不一致的行（{} 处）", r.differences.len());
            // one table of every differing row: measured once, then written row by row
            let header = DIFFERENCE_COLUMNS.map(str::to_owned);
            let widths = Widths::fit(&header, r.differences.iter().map(difference_row), max);
            widths.head(&header, &mut c.buf);
            for d in &r.differences {
                widths.line(&difference_row(d), &mut c.buf);
                c.spill()?;
            }
            c.buf.push('\n');
        }
        let _ = writeln!(c.buf, "{}", summary_line(r));
        c.finish()
    }
}

/// The columns of the list of rows whose recomputed score differs from the printed one.
pub(crate) const DIFFERENCE_COLUMNS: [&str; 10] = [
    "项目",
    "序号",
    "三级指标",
    "位置",
    "年度指标值",
    "实际完成值",
    "原表得分",
    "复核得分",
    "差额",
    "原因",
];

/// One differing row, in [`DIFFERENCE_COLUMNS`] order: where it is (`Sheet1!G15`, the budget
/// row too), both figures, the difference (recomputed − printed) and how the recomputed score
/// was reached.
pub(crate) fn difference_row(d: &super::model::Difference) -> Vec<String> {
    let diff = match (d.score, d.published_score) {
        (Some(s), Some(p)) => signed(&Shown::new(s.exact - p, s.dp)),
        _ => "—".to_owned(),
    };
    vec![
        d.project.to_string(),
        if d.seq == 0 {
            String::new()
        } else {
            d.seq.to_string()
        },
        d.indicator.clone(),
        d.source.place(),
        d.target.clone(),
        d.actual.clone().unwrap_or_default(),
        d.published_score
            .map(|p| p.normalize().to_string())
            .unwrap_or_default(),
        d.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into()),
        diff,
        d.formula.clone(),
    ]
}

fn md_cell(s: &str) -> String {
    super::md_text(s)
}

/// The terminal form with the verdicts in colour (ANSI), for a terminal. The tags sit in the
/// last, unpadded column, so colouring after alignment keeps the columns straight.
pub fn render_text_coloured(r: &Report, max: usize) -> String {
    super::to_string(|out| write_text_coloured(r, max, out))
}

/// [`render_text_coloured`] written to `out` as it is rendered, a project or so at a time (a
/// tag never spans two chunks: they end between projects).
pub fn write_text_coloured(r: &Report, max: usize, out: &mut dyn Write) -> io::Result<()> {
    super::sections::write_whole(&mut TextSections::new(max, coloured), r, out)
}

/// A chunk of the terminal form with its control characters shown visibly, then its verdict
/// tags coloured.
pub(crate) fn coloured(plain: String) -> String {
    // control characters from the table shown visibly before the colours are added
    // (C1 controls too, as `\u{9b}`: some terminals take U+009B for CSI, as the uncoloured
    // reports' writer knows)
    let mut text = match crate::diagnostic::visible(plain.as_bytes()) {
        std::borrow::Cow::Borrowed(_) => plain,
        std::borrow::Cow::Owned(v) => String::from_utf8_lossy(&v).into_owned(),
    };
    for (tag, colour) in [
        ("【达标】", "32"),
        ("【未达标】", "31"),
        ("【待评定】", "33"),
        ("【缺实际值】", "35"),
        ("【无法比较】", "35"),
        ("【不适用】", "90"),
        ("【达成】", "32"),
        ("【部分达成】", "33"),
        ("【未达成】", "31"),
    ] {
        if text.contains(tag) {
            text = text.replace(tag, &format!("\x1b[{colour}m{tag}\x1b[0m"));
        }
    }
    text
}

/// The Markdown form.
pub fn render_markdown(r: &Report) -> String {
    super::to_string(|out| write_markdown(r, out))
}

/// [`render_markdown`] written to `out` as it is rendered, a project or so at a time.
pub fn write_markdown(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    super::sections::write_whole(&mut MarkdownSections::default(), r, out)
}

/// The Markdown form's parts (`report::sections`): the title and the warnings first, each
/// project's heading and table, then the rows that differ, the input notes and the summary
/// line.
#[derive(Default)]
pub(crate) struct MarkdownSections {
    text: String,
}

impl super::sections::Sections for MarkdownSections {
    fn head(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut c = Chunked::new(out);
        let out = &mut c.buf;
        let _ = writeln!(
            out,
            "# 绩效自评表{}\n",
            r.department
                .as_deref()
                .map(|d| format!(" — {}", md_cell(d)))
                .unwrap_or_default()
        );
        // what the scores below lack, first (actuals that matched nothing)
        let warnings = super::warnings::lines(r);
        if let Some((head, rest)) = warnings.split_first() {
            let _ = writeln!(out, "> **{}**", md_cell(head));
            for w in rest {
                let _ = writeln!(out, "> - {}", md_cell(w));
            }
            out.push('\n');
        }
        c.finish()
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut super::sections::Parts<'_>) {
        let out = &mut self.text;
        out.clear();
        let _ = writeln!(out, "## {}\n", md_cell(&heading(p)));
        if let Some(g) = goal_line(p) {
            let _ = writeln!(out, "{}\n", md_cell(&g));
        }
        let _ = writeln!(out, "| {} |", COLUMNS.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(COLUMNS.len()));
        buf.extend_from_slice(out.as_bytes());
        // a row at a time, handed on between rows in a long project
        for row in rows(p) {
            out.clear();
            let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
            buf.extend_from_slice(out.as_bytes());
            buf.may_cut();
        }
        buf.push(b'\n');
    }

    fn tail(&mut self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut c = Chunked::new(out);
        markdown_differences(&mut c, r)?;
        markdown_findings(&mut c, r)?;
        let _ = writeln!(c.buf, "{}", summary_line(r));
        c.finish()
    }
}

/// The Markdown table of the rows whose recomputed score differs from the printed one.
fn markdown_differences(c: &mut Chunked<'_>, r: &Report) -> io::Result<()> {
    if r.differences.is_empty() {
        return Ok(());
    }
    let out = &mut c.buf;
    let _ = writeln!(
        out,
        "## 与原表得分不一致的行（{} 处）\n",
        r.differences.len()
    );
    let _ = writeln!(out, "| {} |", DIFFERENCE_COLUMNS.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(DIFFERENCE_COLUMNS.len()));
    for d in &r.differences {
        let cells: Vec<String> = difference_row(d).iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(c.buf, "| {} |", cells.join(" | "));
        c.spill()?;
    }
    c.buf.push('\n');
    Ok(())
}

/// The Markdown table of what the input said that the scores do not show (unmatched actuals
/// first of all).
fn markdown_findings(c: &mut Chunked<'_>, r: &Report) -> io::Result<()> {
    if r.findings.is_empty() {
        return Ok(());
    }
    let out = &mut c.buf;
    let _ = writeln!(out, "## 输入提示\n");
    let _ = writeln!(
        out,
        "| 位置 | 级别 | 代码 | 单位 / 项目 / 指标 | 问题 | 建议 |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for f in &r.findings {
        let what = [f.unit_name(), f.project_name(), f.indicator_name()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ");
        let _ = writeln!(
            c.buf,
            "| {} | {} | {} | {} | {} | {} |",
            md_cell(&f.position()),
            f.severity.zh(),
            md_cell(&f.code),
            md_cell(&what),
            md_cell(&f.message),
            md_cell(f.help.as_deref().unwrap_or(""))
        );
        c.spill()?;
    }
    c.buf.push('\n');
    Ok(())
}

/// `（其中 2 个没有总分或没有分值：…，不计入平均分）` after a count of projects, empty where none.
pub(crate) fn waiting_text(waiting: usize) -> String {
    if waiting == 0 {
        String::new()
    } else {
        format!("（其中 {waiting} 个没有总分或没有分值：待评定、未核对或不评定等级，不计入平均分）")
    }
}
