//! Findings: what `inspect`, `review` and `rules check` report about an input.
//!
//! A [`Finding`] has a stable code, a severity, a Chinese message, where it is (file with line and
//! column, or sheet and cell) and what it concerns (unit, project, indicator). It serialises to
//! the findings JSON of contract §3 and renders as a miette diagnostic with a label under the exact
//! characters ([`Finding::diagnostic`]). A finding is made from a registered [`Code`] (the registry is
//! [`crate::codes`], re-exported here as `finding::codes`); only a rule file's own `require:`
//! checks carry a code of their own choosing, their rule's id ([`Finding::of_rule`]).

use std::borrow::Cow;
use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

use crate::source::{Location, SourceText, ceil_char_boundary, floor_char_boundary};

pub use crate::codes::{self, Code, Severity};

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
        code: Code,
        severity: Severity,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding::of_rule(code.as_str(), severity, file, message)
    }

    /// A finding of a rule file's own check, whose code is the rule's id (`audit.…`, chosen by
    /// whoever wrote the rule, documented by the rule and not in [`crate::codes`]).
    pub fn of_rule(
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

    /// Whether this is a form reader's note, counted rather than shown where a table is read
    /// for another verb (`inspect` lists them): an information of the `table.form-…` family
    /// (its template's placeholder rows, categories told from their 二级指标, …) or a skipped
    /// sheet.
    pub fn is_form_note(&self) -> bool {
        self.severity == Severity::Info
            && (self.code.starts_with("table.form-") || self.code == crate::codes::SHEET_SKIPPED)
    }

    /// A finding at `at` in `source`, labelled `label`.
    pub fn at_location(
        code: Code,
        severity: Severity,
        source: &SourceText,
        at: Location,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(code, severity, source.name.clone(), message).located(source, at)
    }

    /// Places the finding at `at` in `source` (its file, and its line and column or its sheet
    /// and cell).
    pub fn located(mut self, source: &SourceText, at: Location) -> Finding {
        self.file = source.name.clone();
        match at.cell {
            Some(cell) => {
                self.sheet = source.sheet_at(at.offset).map(str::to_owned);
                self.cell = Some(cell.a1());
            }
            None => {
                self.line = Some(at.line);
                self.column = Some(at.column);
            }
        }
        self.at = Some(at);
        self
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
        let context = (context_lines_before, context_lines_after);
        crate::diagnostic::read_window(&self.text, Some(&self.name), span, context, |inner| {
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
            (inner.line() + self.first_line, column)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::InputFormat;

    #[test]
    fn serialises_in_spec_order_without_absent_fields() {
        let src = SourceText::new(
            "t.tsv",
            "合计\t1\n单位\tx\n",
            InputFormat::Tsv,
            "UTF-8",
            None,
        );
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
