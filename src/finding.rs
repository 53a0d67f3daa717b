//! Findings: what `inspect`, `review` and `rules check` report about an input.
//!
//! A [`Finding`] has a stable code, a severity, a Chinese message, where it is (file with line and
//! column, or sheet and cell) and what it concerns (unit, project, indicator). It serialises to
//! the findings JSON of contract §3 and renders as a miette diagnostic with a label under the exact
//! characters ([`Finding::diagnostic`]). The codes published so far are listed in [`codes`].

use std::borrow::Cow;
use std::fmt;

use miette::{Diagnostic, LabeledSpan, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

use crate::source::{Location, SourceText, ceil_char_boundary, floor_char_boundary};

/// Every finding code published by this crate, with its meaning. A code never changes meaning.
pub mod codes {
    /// A row has fewer cells than the header.
    pub const ROW_TOO_SHORT: &str = "table.row-too-short";
    /// A row has non-empty cells beyond the last header column (they are not read).
    pub const EXTRA_CELLS: &str = "table.extra-cells";
    /// An amount (or budget figure) is not a number.
    pub const BAD_AMOUNT: &str = "table.bad-amount";
    /// A weight (分值) or score (得分) is not a number.
    pub const BAD_NUMBER: &str = "table.bad-number";
    /// A cell is longer than the reader accepts.
    pub const CELL_TOO_LONG: &str = "table.cell-too-long";
    /// The 绩效指标 cell does not split into numbered indicators.
    pub const INDICATOR_SPLIT: &str = "table.indicator-split";
    /// The indicators of a cell are not numbered 1, 2, 3, …
    pub const INDICATOR_NUMBERING: &str = "table.indicator-numbering";
    /// A row has content but no name (project, unit or indicator).
    pub const MISSING_NAME: &str = "table.missing-name";
    /// Project rows come before any unit row: they form an implicit unit (a unit's own table).
    pub const IMPLICIT_UNIT: &str = "table.implicit-unit";
    /// A row was recognised as a note and not read as data.
    pub const ROW_IGNORED: &str = "table.row-ignored";
    /// A header column is not one the reader knows; its cells are not read.
    pub const COLUMN_IGNORED: &str = "table.column-ignored";
    /// A second 合计 row.
    pub const DUPLICATE_TOTAL: &str = "table.duplicate-total";
    /// A unit's amount differs from the sum of its projects' amounts.
    pub const UNIT_SUM_MISMATCH: &str = "table.unit-sum-mismatch";
    /// The 合计 row differs from the sum of the units.
    pub const TOTAL_SUM_MISMATCH: &str = "table.total-sum-mismatch";
    /// A row's 总计 differs from 财政拨款 + 财政专户拨款 + 其他资金.
    pub const SOURCE_SUM_MISMATCH: &str = "table.source-sum-mismatch";
    /// A sum could not be checked because rows it depends on were skipped.
    pub const SUM_UNCHECKED: &str = "table.sum-unchecked";
    /// A sheet (or Word table) holds no table or form and was not read.
    pub const SHEET_SKIPPED: &str = "table.sheet-skipped";
    /// A sheet holds a table of another layout than the first one read, and was not read.
    pub const SHEET_OTHER_LAYOUT: &str = "table.sheet-other-layout";
    /// A workbook's percentage cell shows a rounded value: the value the cell holds is read.
    pub const DISPLAY_ROUNDED: &str = "table.display-rounded";
    /// A form row is a placeholder of the template (`指标2:`, `……`, an empty name): not an indicator.
    pub const FORM_PLACEHOLDER: &str = "table.form-placeholder-row";
    /// A form row names a category but no indicator.
    pub const FORM_CATEGORY_ROW: &str = "table.form-category-row";
    /// A form's 一级指标 was not printed (only its points, or nothing) and was told from its 二级指标.
    pub const FORM_CATEGORY_INFERRED: &str = "table.form-category-inferred";
    /// A form's amount cell holds words beside the number; the leading number was read.
    pub const FORM_AMOUNT_PROSE: &str = "table.form-amount-prose";
    /// A form's cell still holds the template's instructions (`（100字以内）`): read as empty.
    pub const FORM_TEMPLATE_TEXT: &str = "table.form-template-text";
    /// A form names no project (no 项目名称 value): named after its title or unit.
    pub const FORM_NO_PROJECT: &str = "table.form-no-project";
    /// A form's 总分 differs from the sum of the 得分 it prints (budget row included).
    pub const FORM_TOTAL_MISMATCH: &str = "table.form-total-mismatch";
    /// A form's 年度资金总额 differs from the sum of its 其中 rows (or is empty while they are not).
    pub const FORM_FUNDS_MISMATCH: &str = "table.form-funds-mismatch";
    /// A form's 分值 column is empty: each indicator's points come from its category's `(50分)`.
    pub const FORM_POINTS_SHARED: &str = "table.form-points-shared";
    /// A `其中…` row with no points under an indicator: kept and shown, not scored.
    pub const FORM_BREAKDOWN: &str = "table.form-breakdown";
    /// A self-evaluation sheet has no actuals column (and no 得分): named with its header.
    pub const NO_ACTUALS_COLUMN: &str = "table.no-actuals-column";
    /// A form's `其中…` rows do not add up to the indicator they break down.
    pub const FORM_BREAKDOWN_MISMATCH: &str = "table.form-breakdown-mismatch";
    /// A shortened category label (`产`, `产出值`) read as its full name.
    pub const FORM_LABEL_EXPANDED: &str = "table.form-label-expanded";
    /// A 指标分值 column holds words (definitions), not points.
    pub const FORM_WEIGHT_WORDS: &str = "table.form-weight-words";
    /// Where the layout left a choice, the reading the form's own sums agree with was taken.
    pub const FORM_READING: &str = "table.form-reading";
    /// No reading of the form makes its own sums agree: the project is 未核对.
    pub const FORM_UNCHECKED: &str = "table.form-unchecked";

    /// A form's approval row (`财政部门…审核意见 (盖章)`, `主管部门审核意见`): a place for a
    /// department's opinion and seal, not a category and not an indicator.
    pub const FORM_APPROVAL_ROW: &str = "table.form-approval-row";
    /// A quote opening a cell was read as text: it never closes in its cell, or it would
    /// close past lines that read as rows.
    pub const STRAY_QUOTE: &str = "table.stray-quote";

    /// All codes above, for documentation and `--explain`.
    pub const ALL: &[&str] = &[
        ROW_TOO_SHORT,
        EXTRA_CELLS,
        BAD_AMOUNT,
        BAD_NUMBER,
        CELL_TOO_LONG,
        INDICATOR_SPLIT,
        INDICATOR_NUMBERING,
        MISSING_NAME,
        IMPLICIT_UNIT,
        ROW_IGNORED,
        COLUMN_IGNORED,
        DUPLICATE_TOTAL,
        UNIT_SUM_MISMATCH,
        TOTAL_SUM_MISMATCH,
        SOURCE_SUM_MISMATCH,
        SUM_UNCHECKED,
        SHEET_SKIPPED,
        SHEET_OTHER_LAYOUT,
        DISPLAY_ROUNDED,
        FORM_PLACEHOLDER,
        FORM_CATEGORY_ROW,
        FORM_CATEGORY_INFERRED,
        FORM_AMOUNT_PROSE,
        FORM_TEMPLATE_TEXT,
        FORM_NO_PROJECT,
        FORM_TOTAL_MISMATCH,
        FORM_POINTS_SHARED,
        FORM_FUNDS_MISMATCH,
        NO_ACTUALS_COLUMN,
        FORM_BREAKDOWN,
        FORM_BREAKDOWN_MISMATCH,
        FORM_LABEL_EXPANDED,
        FORM_WEIGHT_WORDS,
        FORM_READING,
        FORM_UNCHECKED,
        FORM_APPROVAL_ROW,
        STRAY_QUOTE,
    ];
}

/// How serious a finding is (also what a rule file's `severity:` says).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong data: a row skipped, a sum that does not add up.
    Error,
    /// Suspicious but read.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese word for the severity (错误 / 警告 / 提示).
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One finding. Serialises exactly to an element of `findings` in contract §3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `table.unit-sum-mismatch`.
    pub code: Cow<'static, str>,
    /// Severity.
    pub severity: Severity,
    /// What is wrong, in Chinese.
    pub message: String,
    /// The input file name.
    pub file: String,
    /// 1-based line (text inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column in characters (text inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The sheet (workbook inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell, e.g. `B7` (workbook inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The unit concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The project concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The indicator concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// How to fix it, in Chinese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The characters the finding is about (not serialised; used by [`Finding::diagnostic`]).
    #[serde(skip)]
    pub at: Option<Location>,
    /// The text of the label under those characters.
    #[serde(skip)]
    pub label: Option<String>,
}

impl Finding {
    /// A finding about `file`, with no position yet.
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            code: code.into(),
            severity,
            message: message.into(),
            file: file.into(),
            line: None,
            column: None,
            sheet: None,
            cell: None,
            unit: None,
            project: None,
            indicator: None,
            help: None,
            at: None,
            label: None,
        }
    }

    /// A finding at `at` in `source`, labelled `label`.
    pub fn at_location(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        source: &SourceText,
        at: Location,
        message: impl Into<String>,
    ) -> Finding {
        let mut f = Finding::new(code, severity, source.name.clone(), message);
        match at.cell {
            Some(cell) => {
                f.sheet = source.sheet_at(at.offset).map(str::to_owned);
                f.cell = Some(cell.a1());
            }
            None => {
                f.line = Some(at.line);
                f.column = Some(at.column);
            }
        }
        f.at = Some(at);
        f
    }

    /// Sets the label under the offending characters.
    pub fn label(mut self, label: impl Into<String>) -> Finding {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Sets the unit concerned.
    pub fn unit(mut self, unit: impl Into<String>) -> Finding {
        self.unit = Some(unit.into());
        self
    }

    /// Sets the project concerned and its unit, where the unit has a name (a table of one
    /// unit's projects may leave it empty).
    pub fn in_project(mut self, unit: &str, project: impl Into<String>) -> Finding {
        if !unit.is_empty() {
            self.unit = Some(unit.to_owned());
        }
        self.project(project)
    }

    /// Sets the project concerned.
    pub fn project(mut self, project: impl Into<String>) -> Finding {
        self.project = Some(project.into());
        self
    }

    /// Sets the indicator concerned.
    pub fn indicator(mut self, indicator: impl Into<String>) -> Finding {
        self.indicator = Some(indicator.into());
        self
    }

    /// What the finding concerns, `unit / project / indicator` (the parts it names), for
    /// listings.
    pub fn concerns(&self) -> String {
        [
            self.unit.as_deref(),
            self.project.as_deref(),
            self.indicator.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ")
    }

    /// `file:line:column` or `file!sheet!cell`, for one-line listings.
    pub fn position(&self) -> String {
        match (&self.cell, self.line) {
            (Some(cell), _) => format!(
                "{}!{}!{}",
                self.file,
                self.sheet.as_deref().unwrap_or(""),
                cell
            ),
            (None, Some(line)) => format!("{}:{}:{}", self.file, line, self.column.unwrap_or(1)),
            (None, None) => self.file.clone(),
        }
    }

    /// The diagnostic rendered as text without colour, `width` columns wide (for logs and tests).
    pub fn render(&self, source: &SourceText, width: usize) -> String {
        let handler = crate::diagnostic::handler(false).with_width(width);
        let mut out = String::new();
        crate::diagnostic::render_into(&mut out, &handler, &self.diagnostic(source));
        out
    }

    /// This finding as a miette diagnostic over `source` (the text the finding's location points
    /// into). Long lines are cut to a window around the label so the report stays readable.
    pub fn diagnostic(&self, source: &SourceText) -> FindingDiagnostic {
        let excerpt = self.at.map(|at| Excerpt::around(source, &at));
        FindingDiagnostic {
            finding: self.clone(),
            excerpt,
        }
    }
}

/// A [`Finding`] with the excerpt of source it points into; implements [`miette::Diagnostic`].
#[derive(Debug)]
pub struct FindingDiagnostic {
    finding: Finding,
    excerpt: Option<Excerpt>,
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.finding.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let e = self.excerpt.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.finding.label.clone(), e.span),
        )))
    }
}

/// The lines around a location, cut to a window of characters; remembers where it starts so
/// miette prints the true line and column.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// 0-based line of the excerpt's first character in the whole source.
    first_line: usize,
    /// 0-based character column of the excerpt's first character.
    first_column: usize,
    /// The label span, relative to `text`.
    span: SourceSpan,
    /// For workbook cells: the 0-based sheet column shown instead of a character column.
    sheet_column: Option<usize>,
}

/// Characters kept on each side of a label in a diagnostic.
const WINDOW_CHARS: usize = 24;
/// Longest label span shown, in bytes.
const MAX_LABEL_BYTES: usize = 240;

impl Excerpt {
    fn around(source: &SourceText, at: &Location) -> Excerpt {
        let text = source.text.as_str();
        let start = floor_char_boundary(text, at.offset);
        let len = at.len.min(MAX_LABEL_BYTES);
        let end = floor_char_boundary(text, start + len).max(start);
        let end = if end == start && at.len > 0 {
            ceil_char_boundary(text, start + 1)
        } else {
            end
        };
        let first = source.line_index(start);
        let last = source.line_index(end.saturating_sub(1).max(start));
        let line_start = source.line_start(first);
        let line_end = source.line_end(last).max(end);
        // window: up to WINDOW_CHARS characters before and after, within the lines
        let mut ws = start;
        for _ in 0..WINDOW_CHARS {
            if ws <= line_start {
                break;
            }
            ws = floor_char_boundary(text, ws - 1);
        }
        let mut we = end;
        for _ in 0..WINDOW_CHARS {
            if we >= line_end {
                break;
            }
            we = ceil_char_boundary(text, we + 1);
        }
        let we = we.min(line_end);
        let first_column = text[line_start..ws].chars().count();
        let snippet: String = text[ws..we]
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        // a cell is named as a spreadsheet names it (`t02.xlsx!Sheet1!D11`), not by row and
        // character
        let name = match (&at.cell, source.sheet_at(at.offset)) {
            (Some(c), Some(sheet)) => format!(
                "{}!{}!{}{}",
                source.name,
                sheet,
                c.a1(),
                crate::diagnostic::CELL_NAMED
            ),
            (Some(c), None) => format!(
                "{}!{}{}",
                source.name,
                c.a1(),
                crate::diagnostic::CELL_NAMED
            ),
            _ => source.name.clone(),
        };
        Excerpt {
            first_line: first + source.lines_before - source.segment_first_line(at.offset),
            name,
            sheet_column: at.cell.map(|c| c.col.saturating_sub(1) as usize),
            text: snippet,
            first_column,
            span: SourceSpan::new((start - ws).into(), end - start),
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; report characters, like the findings JSON
        let at = floor_char_boundary(&self.text, span.offset());
        let line_start = self.text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let mut column = self.text[line_start..at].chars().count();
        if line_start == 0 {
            column += self.first_column;
        }
        let column = match (context_lines_before, self.sheet_column) {
            (0, Some(col)) => col,
            (0, None) => column,
            _ => 0,
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    #[test]
    fn serialises_in_spec_order_without_absent_fields() {
        let src = SourceText::new("t.tsv", "合计\t1\n单位\tx\n", Format::Tsv, "UTF-8", None);
        let at = src.locate(16..17);
        let f = Finding::at_location(codes::BAD_AMOUNT, Severity::Error, &src, at, "不是金额")
            .unit("单位")
            .help("改成数字");
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"code":"table.bad-amount","severity":"error","message":"不是金额","file":"t.tsv","line":2,"column":4,"unit":"单位","help":"改成数字"}"#
        );
        let rendered = f.label("这里").render(&src, 80);
        assert!(rendered.contains("[t.tsv:2:4]"), "{rendered}");
    }
}
