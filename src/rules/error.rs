//! Errors in rule files, as miette diagnostics: each knows its file, the exact bytes to underline,
//! a label, a help line and a stable code. [`FileErrors`] carries every error of one file, so a
//! rule file is fixed in one pass.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, NamedSource, Severity, SourceCode,
    SourceSpan, SpanContents,
};

/// What went wrong; each kind has a stable code (`rules::unknown-key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleErrorKind {
    /// The file is not valid YAML.
    Syntax,
    /// The file is YAML but not of the rule file's shape.
    Shape,
    /// A key no rule has.
    UnknownKey,
    /// A value of the wrong type or outside its choices.
    BadValue,
    /// A rule without `id`.
    MissingId,
    /// Two rules of one file with the same id.
    DuplicateId,
    /// A `when:` or `require:` expression that does not read.
    Expression,
    /// A rule that decides nothing, or two things.
    Decision,
    /// `disable` or a partial override of an id no earlier file defines (a warning).
    UnknownId,
    /// The file could not be read.
    Io,
    /// More rules than [`crate::limits::RULES`].
    TooMany,
    /// More rules every indicator must try than [`crate::limits::UNFILTERED_RULES`].
    Unfiltered,
    /// Grade bands whose `min_score` contradicts the order their names say (`优 80`, `良 90`).
    BandOrder,
}

impl RuleErrorKind {
    /// The registered code of this kind of error.
    pub fn code(self) -> crate::codes::Code {
        match self {
            RuleErrorKind::Syntax => crate::codes::RULES_YAML_SYNTAX,
            RuleErrorKind::Shape => crate::codes::RULES_SHAPE,
            RuleErrorKind::UnknownKey => crate::codes::RULES_UNKNOWN_KEY,
            RuleErrorKind::BadValue => crate::codes::RULES_BAD_VALUE,
            RuleErrorKind::MissingId => crate::codes::RULES_MISSING_ID,
            RuleErrorKind::DuplicateId => crate::codes::RULES_DUPLICATE_ID,
            RuleErrorKind::Expression => crate::codes::RULES_EXPRESSION,
            RuleErrorKind::Decision => crate::codes::RULES_DECISION,
            RuleErrorKind::UnknownId => crate::codes::RULES_UNKNOWN_ID,
            RuleErrorKind::Io => crate::codes::RULES_IO,
            RuleErrorKind::TooMany => crate::codes::RULES_TOO_MANY,
            RuleErrorKind::Unfiltered => crate::codes::RULES_TOO_MANY_UNFILTERED,
            RuleErrorKind::BandOrder => crate::codes::RULES_BAND_ORDER,
        }
    }
}

/// One error (or warning) in a rule file.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub kind: RuleErrorKind,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub src: NamedSource<Arc<str>>,
    pub span: Range<usize>,
    pub warning: bool,
    /// The source as miette reads it, by line (see [`Lines`]).
    lines: Lines,
}

/// A rule file's text with its line starts, found once for all its errors: miette's own
/// `read_span` of a text counts lines from its start, so each error cost the bytes before it
/// (10 000 errors in a 460 KB file took 44 s, 20 000 five minutes). A span is read here from
/// the few lines around it, as miette reads them, and placed back in the whole file.
#[derive(Debug, Clone)]
struct Lines {
    name: String,
    text: Arc<str>,
    /// Byte offset of each line's start (the first is 0).
    starts: Arc<[usize]>,
}

impl Lines {
    fn of(src: &NamedSource<Arc<str>>) -> Lines {
        // the errors of one file are made one after another: its index is kept for the next
        type Index = (std::sync::Weak<str>, Arc<[usize]>);
        static LAST: std::sync::Mutex<Option<Index>> = std::sync::Mutex::new(None);
        let text = src.inner().clone();
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        let starts = match last.as_ref() {
            Some((t, starts)) if t.ptr_eq(&Arc::downgrade(&text)) => starts.clone(),
            _ => {
                let starts: Arc<[usize]> = std::iter::once(0)
                    .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                    .collect();
                *last = Some((Arc::downgrade(&text), starts.clone()));
                starts
            }
        };
        Lines {
            name: src.name().to_owned(),
            text,
            starts,
        }
    }

    /// The 0-based line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }
}

impl SourceCode for Lines {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.text.len();
        let end = span.offset().saturating_add(span.len());
        if span.offset() > len || end > len {
            return Err(MietteError::OutOfBounds);
        }
        // a line more on each side than asked, so that miette sees what it would have seen
        let first = self.line_of(span.offset()).saturating_sub(before + 1);
        let last = self.line_of(end) + after + 2;
        let from = self.starts[first];
        let to = self.starts.get(last).copied().unwrap_or(len);
        let window = &self.text[from..to];
        let local = SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        let at = SourceSpan::new((inner.span().offset() + from).into(), inner.span().len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            at,
            inner.line() + first,
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl RuleError {
    pub fn new(
        kind: RuleErrorKind,
        src: &NamedSource<Arc<str>>,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        RuleError {
            kind,
            message: message.into(),
            label: label.into(),
            help: None,
            src: src.clone(),
            span,
            warning: false,
            lines: Lines::of(src),
        }
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }
    /// 1-based line and column (in characters) of the first underlined character.
    pub fn line_col(&self) -> (usize, usize) {
        let text: &str = self.src.inner();
        let mut at = self.span.start.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // the line from the index (counting from the start was the bytes before it each time)
        let line = self.lines.line_of(at);
        let col = text[self.lines.starts[line]..at].chars().count() + 1;
        (line + 1, col)
    }
    pub fn file(&self) -> &str {
        self.src.name()
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }
    fn severity(&self) -> Option<Severity> {
        Some(if self.warning {
            Severity::Warning
        } else {
            Severity::Error
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.lines)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.src.inner().len();
        let start = self.span.start.min(len);
        let end = self.span.end.clamp(start, len);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            start..end,
        ))))
    }
}

/// The errors and warnings of one rule file: the first [`crate::limits::ERRORS_SHOWN`] by
/// place held, the rest counted ([`FileErrors::hold`]).
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("规则文件 {file} 有 {} 处错误", .errors.iter().filter(|e| !e.warning).count() + .not_held.errors)]
#[diagnostic(code(rules::file))]
pub struct FileErrors {
    pub file: String,
    #[related]
    pub errors: Vec<RuleError>,
    /// Those past the first `ERRORS_SHOWN` by place, counted only.
    pub not_held: NotHeld,
}

/// Errors and warnings of a file counted, not held: a file of 150,000 rules that decide
/// nothing held 150,000 errors (about 1 KB each: message, help, the file's name twice) for the
/// 100 shown (225 MB, issue 27, H180), as findings are bounded per file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NotHeld {
    pub errors: usize,
    pub warnings: usize,
}

impl FileErrors {
    /// The errors of `file`, every one held.
    pub fn new(file: String, errors: Vec<RuleError>) -> FileErrors {
        FileErrors {
            file,
            errors,
            not_held: NotHeld::default(),
        }
    }

    /// Whether any of them is an error (not only warnings).
    pub fn has_errors(&self) -> bool {
        self.not_held.errors > 0 || self.errors.iter().any(|e| !e.warning)
    }

    /// `errors` cut to the first [`crate::limits::ERRORS_SHOWN`] by place once they are twice
    /// that (at least 256), the rest counted in `not_held`. The errors kept are the first by
    /// place of all pushed, whenever it is asked: those cut had that many before them.
    pub fn hold(errors: &mut Vec<RuleError>, not_held: &mut NotHeld) {
        FileErrors::hold_from(errors, 0, not_held);
    }

    /// [`FileErrors::hold`] of the errors from index `from` on (those before kept as they are).
    pub fn hold_from(errors: &mut Vec<RuleError>, from: usize, not_held: &mut NotHeld) {
        let keep = crate::limits::ERRORS_SHOWN.get_usize();
        let tail = errors.len().saturating_sub(from);
        if tail < keep.saturating_mul(2).max(256) {
            return;
        }
        errors[from..].sort_by_key(|e| e.span.start);
        for e in errors.drain(from + keep..) {
            match e.warning {
                true => not_held.warnings += 1,
                false => not_held.errors += 1,
            }
        }
    }
}

/// A rule set stopped trying rules for an indicator, past [`crate::limits::RULE_TRIES`]
/// ([`super::RuleSet::check_tries`]): the run's decisions are incomplete, so it ends here.
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("对{indicator}要尝试的规则条件（{key}）超过 {limit} 条，本次运行停止")]
#[diagnostic(code("rules.too-many-tries"), help("{help}"))]
pub struct TooManyTries {
    /// The indicator (or project) the limit was passed on.
    pub indicator: String,
    /// The decision key asked.
    pub key: &'static str,
    /// The limit in effect, as written in its variable.
    pub limit: String,
    help: String,
}

impl TooManyTries {
    /// The error of `overrun`, for the rule files `files`.
    pub fn new(overrun: &super::set::Overrun, files: &[String]) -> Self {
        let indicator = match (overrun.indicator.is_empty(), overrun.project.is_empty()) {
            (false, false) => format!("指标「{}」（项目：{}）", overrun.indicator, overrun.project),
            (false, true) => format!("指标「{}」", overrun.indicator),
            (true, false) => format!("项目「{}」", overrun.project),
            (true, true) => match &overrun.actual {
                Some(a) => format!("实际完成值为「{a}」的指标"),
                None => "某个指标".to_owned(),
            },
        };
        let files: Vec<&str> = files
            .iter()
            .map(String::as_str)
            .filter(|f| !super::set::BUNDLED.iter().any(|(n, _)| n == f))
            .collect();
        let help = format!(
            "{} 的规则很多，且条件无法按文字预先筛选（不含固定文字的正则表达式、数量比较、not）{}；编译后较大的正则表达式每 {} KB 多算一条；让条件含固定文字（indicator ~ \"满意度\"），或合并相近的规则、改用较小的正则表达式。{}",
            overrun.key,
            if files.is_empty() {
                String::new()
            } else {
                format!("（规则文件：{}）", files.join("、"))
            },
            crate::rules::conditions::TRY_BYTES / 1024,
            crate::limits::RULE_TRIES.help()
        );
        TooManyTries {
            indicator,
            key: overrun.key,
            limit: crate::limits::RULE_TRIES.shown(),
            help,
        }
    }
}

/// The errors and warnings of rule files past the first [`crate::limits::ERRORS_SHOWN`]:
/// counted, not shown (`rules.errors-not-shown`), as a compiler stops listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Diagnostic)]
#[error("另有 {errors} 处错误和 {warnings} 处警告未逐条显示（共 {total} 处，以上是前 {shown} 处）")]
#[diagnostic(
    code("rules.errors-not-shown"),
    severity(Advice),
    help(
        "先改正以上的错误（后面的常是同一个原因），再运行 jixiao rules check；要全部显示，设环境变量 JIXIAO_MAX_ERRORS_SHOWN（如 JIXIAO_MAX_ERRORS_SHOWN={total}）"
    )
)]
pub struct NotShown {
    pub errors: usize,
    pub warnings: usize,
    /// Those shown.
    pub shown: usize,
    /// All of them.
    pub total: usize,
}

/// The first [`crate::limits::ERRORS_SHOWN`] errors and warnings of `files`, in order, and what
/// is left of them (`None` where every one is shown).
pub fn shown(files: &[FileErrors]) -> (Vec<&RuleError>, Option<NotShown>) {
    let limit = crate::limits::ERRORS_SHOWN.get_usize();
    let all = files.iter().flat_map(|f| &f.errors);
    let shown: Vec<&RuleError> = all.clone().take(limit).collect();
    let errors = files.iter().map(|f| f.not_held.errors).sum();
    let warnings = files.iter().map(|f| f.not_held.warnings).sum();
    let (mut errors, mut warnings): (usize, usize) = (errors, warnings);
    for e in all.skip(limit) {
        if e.warning {
            warnings += 1;
        } else {
            errors += 1;
        }
    }
    let rest = (errors + warnings > 0).then_some(NotShown {
        errors,
        warnings,
        shown: shown.len(),
        total: shown.len() + errors + warnings,
    });
    (shown, rest)
}

/// The findings JSON of `jixiao rules check --format json` (and of the web API's 400 answers
/// for rule files): `{"counts":{"files":N,"findings":N},"findings":[…]}`, one finding an error
/// or warning with its code, file, line and column. `counts.findings` is every one; the list
/// holds the first [`crate::limits::ERRORS_SHOWN`], and where that is not all of them
/// `counts.not_shown` says how many are left out (with `not_shown_errors`).
pub fn findings_json(problems: &[FileErrors], files: usize) -> serde_json::Value {
    let (shown, rest) = shown(problems);
    let findings: Vec<serde_json::Value> = shown
        .into_iter()
        .map(|e| {
            let (line, column) = e.line_col();
            serde_json::json!({
                "code": e.kind.code().as_str(),
                "severity": if e.warning { "warning" } else { "error" },
                "message": e.message,
                "file": e.file(),
                "line": line,
                "column": column,
                "help": e.help,
            })
        })
        .collect();
    let mut counts = serde_json::json!({"files": files, "findings": findings.len()});
    if let Some(rest) = rest {
        counts["findings"] = rest.total.into();
        counts["not_shown"] = (rest.errors + rest.warnings).into();
        counts["not_shown_errors"] = rest.errors.into();
    }
    serde_json::json!({
        "counts": counts,
        "findings": findings,
    })
}

/// The nearest of `known` to `word` (edit distance at most a third of its length, at least 2).
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| (distance(word, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleSet, RuleSource};

    /// `n` rules that decide nothing (an error each), and one `disable` of an unknown id (a
    /// warning), in one file.
    fn errors_of(n: usize) -> Vec<FileErrors> {
        let mut text = String::from("rules:\n  - id: nobody\n    disable: true\n");
        for i in 0..n {
            text.push_str(&format!("  - id: x{i}\n    when: indicator ~ \"x\"\n"));
        }
        RuleSet::with_files(&[RuleSource::new("e.yaml", text)], false).expect_err("errors")
    }

    /// The first `JIXIAO_MAX_ERRORS_SHOWN` (100) errors are shown, in order; the rest counted,
    /// errors and warnings apart; the JSON's counts are every one.
    #[test]
    fn past_the_errors_shown_the_rest_are_counted() {
        let files = errors_of(250);
        let (first, rest) = shown(&files);
        assert_eq!(first.len(), 100);
        assert!(first[0].warning, "the warning comes first in the file");
        assert_eq!(first[1].line_col().0, 4, "rule x0's line");
        assert_eq!(
            rest,
            Some(NotShown {
                errors: 151,
                warnings: 0,
                shown: 100,
                total: 251
            })
        );
        let json = findings_json(&files, 1);
        assert_eq!(json["counts"]["findings"], 251);
        assert_eq!(json["counts"]["not_shown"], 151);
        assert_eq!(json["counts"]["not_shown_errors"], 151);
        assert_eq!(json["findings"].as_array().map(Vec::len), Some(100));
        // all shown: as before, no count of the rest
        let few = errors_of(3);
        assert_eq!(shown(&few).1, None);
        let json = findings_json(&few, 1);
        assert_eq!(
            json["counts"],
            serde_json::json!({"files": 1, "findings": 4})
        );
    }
}
