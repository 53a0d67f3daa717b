//! A project as the checks see it: every indicator with its target read, its effective
//! category (as written, or inferred by a rule), and helpers that turn spans inside a target into
//! findings that underline the exact characters.

use std::borrow::Cow;

use crate::eval::evaluate::{Categories, scoring_category};
use crate::finding::{Code, Finding, Severity};
use crate::lang::{self, Context, Directions, Parsed, Span};
use crate::table::model::{Document, IndicatorRow, Project, UnitRow};
use crate::table::source::Location;

use super::Options;

/// One indicator, read.
pub struct IndicatorView<'a> {
    pub row: &'a IndicatorRow,
    pub parsed: Parsed,
    /// The category written, or the one a rule inferred.
    pub category: Option<Cow<'a, str>>,
    /// The rule that inferred the category, where the table gave none.
    pub inferred_by: Option<Cow<'static, str>>,
    /// The framework category it scores as (产出/效益/满意度/成本指标), if any.
    pub scoring: Option<&'static str>,
}

/// One project, read.
pub struct ProjectView<'a> {
    pub doc: &'a Document,
    pub unit: &'a UnitRow,
    pub project: &'a Project,
    pub indicators: Vec<IndicatorView<'a>>,
    pub opts: &'a Options<'a>,
    /// Where bare values and the checks take directions from: the rules, through one memo for
    /// a whole review ([`super::review`]).
    pub directions: &'a dyn Directions,
}

impl<'a> ProjectView<'a> {
    pub fn new(
        doc: &'a Document,
        unit: &'a UnitRow,
        project: &'a Project,
        opts: &'a Options<'a>,
        directions: &'a dyn Directions,
    ) -> Self {
        let indicators = project
            .indicators
            .iter()
            .map(|row| {
                let ctx = Context {
                    indicator: Some(&row.name),
                    category: row.category.as_deref(),
                    subcategory: row.subcategory.as_deref(),
                    year: opts.year,
                    directions,
                };
                let parsed = lang::parse(&row.target, &ctx);
                let (category, inferred_by) = match &row.category {
                    Some(c) => (Some(Cow::Borrowed(&**c)), None),
                    None => match opts.rules.infer(&row.name) {
                        Some((c, rule)) => (Some(Cow::Owned(c.into_owned())), Some(rule)),
                        None => (None, None),
                    },
                };
                let scoring = category.as_deref().and_then(scoring_category);
                IndicatorView {
                    row,
                    parsed,
                    category,
                    inferred_by,
                    scoring,
                }
            })
            .collect();
        ProjectView {
            doc,
            unit,
            project,
            indicators,
            opts,
            directions,
        }
    }

    /// A finding of a built-in check at `at`, naming this project (and the indicator, where
    /// given).
    pub fn finding(
        &self,
        code: Code,
        at: Location,
        indicator: Option<&IndicatorView<'_>>,
        message: String,
        label: impl Into<Cow<'static, str>>,
        help: impl Into<Cow<'static, str>>,
    ) -> Finding {
        self.placed(
            Finding::new(code, Severity::Warning, "", message),
            at,
            indicator,
            label,
            help,
        )
    }

    /// A finding of a rule file's `require:` check (its code is the rule's id) at `at`.
    pub fn rule_finding(
        &self,
        id: &str,
        at: Location,
        indicator: Option<&IndicatorView<'_>>,
        message: String,
        label: impl Into<Cow<'static, str>>,
        help: impl Into<Cow<'static, str>>,
    ) -> Finding {
        self.placed(
            Finding::of_rule(id.to_owned(), Severity::Warning, "", message),
            at,
            indicator,
            label,
            help,
        )
    }

    fn placed(
        &self,
        f: Finding,
        at: Location,
        indicator: Option<&IndicatorView<'_>>,
        label: impl Into<Cow<'static, str>>,
        help: impl Into<Cow<'static, str>>,
    ) -> Finding {
        let mut f = f
            .located(&self.doc.source, at)
            .label(label)
            .help(help)
            .project(&self.project.name);
        if !self.unit.name.is_empty() {
            f = f.unit(&self.unit.name);
        }
        if let Some(i) = indicator {
            f = f.indicator(&*i.row.name);
        }
        f
    }

    /// The location of a span inside an indicator's target (the whole target where the span is
    /// out of its range).
    pub fn in_target(&self, i: &IndicatorView<'_>, span: &Span) -> Location {
        let at = i.row.at.target();
        // Spans index the target text; they index the source only where the two are the same
        // characters (not for targets joined from split columns).
        if span.end > at.len
            || span.start > span.end
            || self.doc.source.slice(&at) != &*i.row.target
        {
            return at;
        }
        let start = at.offset + span.start;
        self.doc.source.locate(start..at.offset + span.end)
    }
}
