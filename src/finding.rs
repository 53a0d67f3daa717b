//! Findings: what `inspect`, `review` and `rules check` report about an input.
//!
//! A [`Finding`] has a stable code, a severity, a Chinese message, where it is (file with line and
//! column, or sheet and cell) and what it concerns (unit, project, indicator). It serialises to
//! the findings JSON of contract §3 and renders as a miette diagnostic with a label under the exact
//! characters ([`Finding::diagnostic`]). A finding is made from a registered [`Code`] (the registry is
//! [`crate::codes`], re-exported here as `finding::codes`); only a rule file's own `require:`
//! checks carry a code of their own choosing, their rule's id ([`Finding::of_rule`]).

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;
use std::thread::LocalKey;

use miette::{Diagnostic, LabeledSpan, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

use crate::source::{Location, SourceText, ceil_char_boundary, floor_char_boundary};

pub use crate::codes::{self, Code, Severity};

/// One finding. Serialises exactly to an element of `findings` in contract §3.
///
/// Compact (issue 27): a form of 96,000 `其中` rows holds some 200,000 findings while its table
/// is read, evaluated and reported. A finding is 176 bytes (it was 304, with every text a
/// `String` of its own): the file name is one shared string (`Arc`) for all the findings of a
/// file, the label and help are the reader's own static texts (no copy), the message holds no
/// spare capacity, and what few findings have (the workbook sheet and cell; the unit, project and
/// indicator concerned) is held apart, boxed, only where given ([`Finding::sheet`],
/// [`Finding::cell`], [`Finding::unit_name`], [`Finding::project_name`],
/// [`Finding::indicator_name`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code, e.g. `table.unit-sum-mismatch`.
    pub code: Cow<'static, str>,
    /// What is wrong, in Chinese.
    pub message: Box<str>,
    /// The input file name (shared by the findings of one file).
    pub file: Arc<str>,
    /// How to fix it, in Chinese.
    pub help: Option<Cow<'static, str>>,
    /// The text of the label under the characters the finding is about (not serialised).
    pub label: Option<Cow<'static, str>>,
    /// The characters the finding is about (not serialised; used by [`Finding::diagnostic`]).
    pub at: Option<Location>,
    /// 1-based line (text inputs).
    pub line: Option<u32>,
    /// 1-based column in characters (text inputs).
    pub column: Option<u32>,
    /// The sheet and cell, the unit, project and indicator: absent from most findings.
    names: Option<Box<Names>>,
    /// Severity.
    pub severity: Severity,
}

/// A finding's rarer fields, boxed apart ([`Finding`]'s own memory).
#[derive(Debug, Clone, PartialEq, Default)]
struct Names {
    sheet: Option<Arc<str>>,
    cell: Option<Box<str>>,
    /// The unit and the project, shared by the findings that name them again
    /// ([`shared_name`]): a 1 KB project name over 200,000 indicators was a copy in each of
    /// their findings (issue 27, H141).
    unit: Option<Arc<str>>,
    project: Option<Arc<str>>,
    indicator: Option<Box<str>>,
    /// A closing `table.findings-not-listed`'s code and how many of it were not listed
    /// (`table::listing`; not serialised: the message says it).
    counted: Option<(Cow<'static, str>, usize)>,
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let names = self.names.as_deref();
        let mut m = s.serialize_struct("Finding", 12)?;
        m.serialize_field("code", &self.code)?;
        m.serialize_field("severity", &self.severity)?;
        m.serialize_field("message", &self.message)?;
        m.serialize_field("file", &self.file)?;
        if let Some(line) = self.line {
            m.serialize_field("line", &line)?;
        } else {
            m.skip_field("line")?;
        }
        if let Some(column) = self.column {
            m.serialize_field("column", &column)?;
        } else {
            m.skip_field("column")?;
        }
        for (key, value) in [
            ("sheet", names.and_then(|n| n.sheet.as_deref())),
            ("cell", names.and_then(|n| n.cell.as_deref())),
            ("unit", names.and_then(|n| n.unit.as_deref())),
            ("project", names.and_then(|n| n.project.as_deref())),
            ("indicator", names.and_then(|n| n.indicator.as_deref())),
            ("help", self.help.as_deref()),
        ] {
            match value {
                Some(v) => m.serialize_field(key, v)?,
                None => m.skip_field(key)?,
            }
        }
        m.end()
    }
}

thread_local! {
    /// The file name given last, shared by the findings that name it again
    /// ([`shared_name`]).
    static LAST_FILE: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
    /// The sheet name given last, the same way.
    static LAST_SHEET: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
    /// The unit name given last, the same way.
    static LAST_UNIT: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
    /// The project name given last, the same way.
    static LAST_PROJECT: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
    /// The empty name (a finding placed in its file later, [`Finding::located`]).
    static EMPTY: Arc<str> = Arc::from("");
}

/// `name` as a shared string: the one `last` holds when it is the same name (the findings of
/// one file, one sheet, one unit or one project share one copy), else a new one, kept in
/// `last`.
fn shared_name(last: &'static LocalKey<RefCell<Option<Arc<str>>>>, name: &str) -> Arc<str> {
    if name.is_empty() {
        return EMPTY.with(Arc::clone);
    }
    last.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some(held) if **held == *name => held.clone(),
            _ => {
                let new: Arc<str> = Arc::from(name);
                *last = Some(new.clone());
                new
            }
        }
    })
}

/// `unit` as one shared string: the one the findings (and the differences) that name the same
/// unit last share, else a new one.
pub fn shared_unit(unit: &str) -> Arc<str> {
    shared_name(&LAST_UNIT, unit)
}

/// `project` as one shared string, as [`shared_unit`].
pub fn shared_project(project: &str) -> Arc<str> {
    shared_name(&LAST_PROJECT, project)
}

impl Finding {
    /// A finding about `file`, with no position yet.
    pub fn new(
        code: Code,
        severity: Severity,
        file: impl AsRef<str>,
        message: impl Into<String>,
    ) -> Finding {
        Finding::of_rule(code.as_str(), severity, file, message)
    }

    /// A finding of a rule file's own check, whose code is the rule's id (`audit.…`, chosen by
    /// whoever wrote the rule, documented by the rule and not in [`crate::codes`]).
    pub fn of_rule(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        file: impl AsRef<str>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            code: code.into(),
            severity,
            message: message.into().into_boxed_str(),
            file: shared_name(&LAST_FILE, file.as_ref()),
            line: None,
            column: None,
            names: None,
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
        Finding::new(code, severity, &source.name, message).located(source, at)
    }

    /// Places the finding at `at` in `source` (its file, and its line and column or its sheet
    /// and cell).
    pub fn located(mut self, source: &SourceText, at: Location) -> Finding {
        if *self.file != *source.name {
            self.file = shared_name(&LAST_FILE, &source.name);
        }
        match at.cell {
            Some(cell) => {
                let sheet = source
                    .sheet_at(at.offset)
                    .map(|s| shared_name(&LAST_SHEET, s));
                let names = self.names_mut();
                names.sheet = sheet;
                names.cell = Some(cell.a1().into_boxed_str());
            }
            None => {
                self.line = Some(at.line);
                self.column = Some(at.column);
            }
        }
        self.at = Some(at);
        self
    }

    /// The rarer fields, made where none was given yet.
    fn names_mut(&mut self) -> &mut Names {
        self.names.get_or_insert_with(Box::default)
    }

    /// Sets the label under the offending characters.
    pub fn label(mut self, label: impl Into<Cow<'static, str>>) -> Finding {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Sets the unit concerned.
    pub fn unit(mut self, unit: impl AsRef<str>) -> Finding {
        self.names_mut().unit = Some(shared_name(&LAST_UNIT, unit.as_ref()));
        self
    }

    /// Sets the project concerned and its unit, where the unit has a name (a table of one
    /// unit's projects may leave it empty).
    pub fn in_project(mut self, unit: &str, project: impl AsRef<str>) -> Finding {
        if !unit.is_empty() {
            self.names_mut().unit = Some(shared_name(&LAST_UNIT, unit));
        }
        self.project(project)
    }

    /// Sets the project concerned.
    pub fn project(mut self, project: impl AsRef<str>) -> Finding {
        self.names_mut().project = Some(shared_name(&LAST_PROJECT, project.as_ref()));
        self
    }

    /// Sets the indicator concerned.
    pub fn indicator(mut self, indicator: impl Into<String>) -> Finding {
        self.names_mut().indicator = Some(indicator.into().into_boxed_str());
        self
    }

    /// Names the indicator concerned again (a report that cut the indicator's name).
    pub fn set_indicator(&mut self, indicator: impl Into<String>) {
        self.names_mut().indicator = Some(indicator.into().into_boxed_str());
    }

    /// Sets the workbook sheet and cell (`B7`) the finding is at.
    pub fn in_cell(mut self, sheet: Option<&str>, cell: impl Into<String>) -> Finding {
        let names = self.names_mut();
        names.sheet = sheet.map(|s| shared_name(&LAST_SHEET, s));
        names.cell = Some(cell.into().into_boxed_str());
        self
    }

    /// Marks a closing finding as counting `more` findings of `code` not listed
    /// (`table::listing`), so that a count of one code's findings can add them
    /// ([`Finding::counted`]).
    pub fn counting(mut self, code: Cow<'static, str>, more: usize) -> Finding {
        self.names_mut().counted = Some((code, more));
        self
    }

    /// The code a closing finding counts and how many of it were not listed
    /// ([`Finding::counting`]).
    pub fn counted(&self) -> Option<(&str, usize)> {
        let (code, more) = self.names.as_ref()?.counted.as_ref()?;
        Some((code, *more))
    }

    /// How many findings of `code` `f` stands for: one where it is one, the count where it
    /// closes a listing of that code, else none.
    pub fn stands_for(&self, code: &str) -> usize {
        if self.code == code {
            return 1;
        }
        match self.counted() {
            Some((c, more)) if c == code => more,
            _ => 0,
        }
    }

    /// The sheet (workbook inputs).
    pub fn sheet(&self) -> Option<&str> {
        self.names.as_ref()?.sheet.as_deref()
    }

    /// The cell, e.g. `B7` (workbook inputs).
    pub fn cell(&self) -> Option<&str> {
        self.names.as_ref()?.cell.as_deref()
    }

    /// The unit concerned.
    pub fn unit_name(&self) -> Option<&str> {
        self.names.as_ref()?.unit.as_deref()
    }

    /// The project concerned.
    pub fn project_name(&self) -> Option<&str> {
        self.names.as_ref()?.project.as_deref()
    }

    /// The indicator concerned.
    pub fn indicator_name(&self) -> Option<&str> {
        self.names.as_ref()?.indicator.as_deref()
    }

    /// What the finding concerns, `unit / project / indicator` (the parts it names), for
    /// listings.
    pub fn concerns(&self) -> String {
        [self.unit_name(), self.project_name(), self.indicator_name()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// `file:line:column` or `file!sheet!cell`, for one-line listings.
    pub fn position(&self) -> String {
        match (self.cell(), self.line) {
            (Some(cell), _) => format!("{}!{}!{}", self.file, self.sheet().unwrap_or(""), cell),
            (None, Some(line)) => format!("{}:{}:{}", self.file, line, self.column.unwrap_or(1)),
            (None, None) => self.file.to_string(),
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

/// `f`, where there is one, put first in `list`, with one place reserved where the list has
/// none to spare: a project's list is mostly empty or of one finding, and a first push (or a
/// `splice`) reserves four, held with the project's report (issue 27: 0.5 KB a project).
pub fn put_first(list: &mut Vec<Finding>, f: Option<Finding>) {
    if let Some(f) = f {
        list.reserve_exact(1);
        list.insert(0, f);
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
            LabeledSpan::new_primary_with_span(
                self.finding.label.as_deref().map(str::to_owned),
                e.span,
            ),
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

    #[test]
    fn every_field_serialises_in_spec_order() {
        let f = Finding::of_rule("audit.x", Severity::Warning, "t.xlsx", "说明")
            .in_cell(Some("表1"), "B7")
            .in_project("单位", "项目")
            .indicator("指标")
            .help(String::from("帮助"));
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"code":"audit.x","severity":"warning","message":"说明","file":"t.xlsx","sheet":"表1","cell":"B7","unit":"单位","project":"项目","indicator":"指标","help":"帮助"}"#
        );
        assert_eq!(f.concerns(), "单位 / 项目 / 指标");
        assert_eq!(f.position(), "t.xlsx!表1!B7");
    }

    #[test]
    fn a_finding_is_compact_and_shares_its_file_name() {
        // issue 27: a form of 96,000 `其中` rows holds some 200,000 findings; a finding was 304
        // bytes, each with its own copy of the file name, label and help
        let size = std::mem::size_of::<Finding>();
        assert!(size <= 176, "{size} bytes");
        let src = SourceText::new("t.tsv", "a\tb\n", InputFormat::Tsv, "UTF-8", None);
        let one = Finding::at_location(
            codes::BAD_AMOUNT,
            Severity::Error,
            &src,
            src.locate(0..1),
            "x",
        );
        let two = Finding::new(codes::BAD_AMOUNT, Severity::Error, "", "y")
            .located(&src, src.locate(2..3));
        assert!(Arc::ptr_eq(&one.file, &two.file));
        assert!(matches!(
            one.clone().label("这里").label,
            Some(Cow::Borrowed(_))
        ));
    }
}
