//! A table (and its actuals) into the report, the door of evaluation: the year settled,
//! actuals matched to rows (`matcher`), each project scored in table order (`project`: the
//! method of contract §8 step by step), units and the whole rolled up (`rollup`). Streaming
//! evaluation calls [`evaluate_each`] block by block with one [`ParseCache`] per worker
//! (`memo`). The method itself is not here: see the list in [`eval`](super).

use std::borrow::Cow;

use super::actuals_file::ActualsFile;
use super::methodology::Methodology;
use crate::lang;
use crate::report_model::{Difference, ProjectReport, Report};
use crate::rules::{Facts, RuleSet};
use crate::table::model::Document;

pub use super::matcher::{Matcher, Taken};
pub use super::memo::ParseCache;
pub use super::rollup::budget_finding;

/// Infers the category of an indicator the table gives none for.
pub trait Categories {
    /// The category and the id of the rule that inferred it.
    fn infer(&self, indicator: &str) -> Option<(Cow<'static, str>, Cow<'static, str>)>;
}

impl Categories for RuleSet {
    fn infer(&self, indicator: &str) -> Option<(Cow<'static, str>, Cow<'static, str>)> {
        let facts = Facts {
            indicator: Some(indicator),
            ..Facts::default()
        };
        let decided = self.apply(facts).category()?;
        decided.value.inferred.then(|| {
            (
                Cow::Owned(decided.value.name.to_owned()),
                decided.rule.id.clone(),
            )
        })
    }
}

/// What evaluation needs besides the inputs.
pub struct Options<'a> {
    /// The numbers of the method (from the rules: [`Methodology::from_rules`]).
    pub methodology: &'a Methodology,
    /// Directions, inferred categories, indicator weights, not-applicable conditions.
    pub rules: &'a RuleSet,
    /// The year, for deadlines without one.
    pub year: Option<i32>,
    /// Called after each project with (projects done, projects in all), for a progress bar.
    pub progress: Option<&'a dyn Fn(usize, usize)>,
    /// Once set, no further project is scored (the web server's request is gone); the report
    /// is then partial and is to be dropped by whoever set it.
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

impl<'a> Options<'a> {
    /// Options for `methodology` and `rules`, with no year and no progress bar.
    pub fn new(methodology: &'a Methodology, rules: &'a RuleSet) -> Self {
        Options {
            methodology,
            rules,
            year: None,
            progress: None,
            cancel: None,
        }
    }
}

/// The category a written 一级指标 scores as (`產出目標` → 产出指标), or `None`.
pub fn scoring_category(written: &str) -> Option<&'static str> {
    use lang::lexicon::simplify;
    // most tables write simplified characters: read the text as it is then
    let s: Cow<'_, str> = if written.chars().all(|c| simplify(c) == c) {
        Cow::Borrowed(written)
    } else {
        Cow::Owned(written.chars().map(simplify).collect())
    };
    if s.contains("成本") {
        Some("成本指标")
    } else if s.contains("产出") {
        Some("产出指标")
    } else if s.contains("效益") {
        Some("效益指标")
    } else if s.contains("满意") {
        Some("满意度指标")
    } else {
        None
    }
}

/// The decimals the sheet printed its own scores with (its rounding), if it printed any.
pub fn published_precision(doc: &Document) -> Option<u32> {
    doc.indicators()
        .filter_map(|(_, _, i)| i.published_score)
        .map(|d| d.normalize().scale())
        .max()
}

/// Evaluate with the method a rule set states, as the command line and the web API do; the
/// methodology is returned beside the report for renderers that need its bands.
pub fn evaluate_with_rules(
    doc: &Document,
    actuals: Option<&ActualsFile>,
    rules: &RuleSet,
    year: Option<i32>,
    cancel: Option<&std::sync::atomic::AtomicBool>,
) -> (Report, Methodology) {
    let methodology = Methodology::from_rules(rules);
    let report = evaluate(
        doc,
        actuals,
        &Options {
            methodology: &methodology,
            rules,
            year,
            progress: None,
            cancel,
        },
    );
    (report, methodology)
}

/// Evaluate a table with optional actuals.
pub fn evaluate(doc: &Document, actuals: Option<&ActualsFile>, opts: &Options<'_>) -> Report {
    evaluate_projects(doc, actuals, opts, |p| p)
}

/// [`evaluate`], handing each project's report to `each` as soon as it is scored (in
/// [`Document::projects`] order); the report holds each project as `each` gives it back. A
/// writer that has written a project's rows gives it back without them
/// (`ProjectReport::headline`): the roll-up reads only the project's own figures
/// (issue 27: a whole-document format need not hold every row of the report).
pub fn evaluate_projects(
    doc: &Document,
    actuals: Option<&ActualsFile>,
    opts: &Options<'_>,
    each: impl FnMut(ProjectReport) -> ProjectReport,
) -> Report {
    // the reader's warnings beside the projects whose rows they are on, copied (`doc` is
    // borrowed); nothing done for a table without findings
    let placed = crate::table::placed::of_own(doc);
    evaluate_placed(doc, placed, actuals, opts, each)
}

/// [`evaluate_projects`] of a table whose reader's warnings are placed already (`placed`:
/// moved out of the document, `table::placed::take_own`, so the report holds each once).
pub fn evaluate_placed(
    doc: &Document,
    mut placed: Option<crate::table::placed::Placed>,
    actuals: Option<&ActualsFile>,
    opts: &Options<'_>,
    each: impl FnMut(ProjectReport) -> ProjectReport,
) -> Report {
    // the actuals file's year, else `--year`, else the year the forms print
    let year = actuals
        .and_then(|a| a.year)
        .or(opts.year)
        .or_else(|| doc.form_year());
    let mut matcher = Matcher::new(actuals);
    let taken: Vec<Taken<'_>> = doc
        .projects()
        .map(|(unit, project)| matcher.take(&unit.name, project))
        .collect();
    let published_dp = published_precision(doc);
    // the reader's warnings beside the projects whose rows they are on, the rest after its
    // errors (`table::placed`)
    let mut each = each;
    let mut report = rolled_up(
        doc,
        taken,
        (year, published_dp),
        opts,
        &mut ParseCache::default(),
        |mut p| {
            crate::table::placed::give(placed.as_mut(), (&p.unit, &p.project), &mut p.findings);
            each(p)
        },
    );
    if let Some(loose) = placed.map(|p| p.loose).filter(|l| !l.is_empty()) {
        let errors = report
            .findings
            .iter()
            .take_while(|f| f.severity == crate::finding::Severity::Error)
            .count();
        report.findings.splice(errors..errors, loose);
    }
    // Actuals that match nothing in the table are reported, not dropped, with the nearest name
    let mut unmatched = matcher.unmatched();
    super::nearest::suggest(doc, &mut unmatched);
    report.findings.extend(unmatched);
    report
}

/// Evaluate a table whose projects have taken their actuals (one [`Taken`] per project, in
/// [`Document::projects`] order); `published_dp` is the number of decimals the sheet printed
/// its own scores with (its rounding), where it printed any. Targets read and rules decided
/// are kept in `cache`: streaming evaluation keeps one cache per worker for every block of a
/// sheet (a cache handed another set of rules, method or year empties itself first).
pub fn evaluate_cached(
    doc: &Document,
    taken: Vec<Taken<'_>>,
    year: Option<i32>,
    published_dp: Option<u32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> Report {
    rolled_up(doc, taken, (year, published_dp), opts, cache, |p| p)
}

/// [`evaluate_cached`] with each project's report handed to `each` (see
/// [`evaluate_projects`]).
fn rolled_up(
    doc: &Document,
    taken: Vec<Taken<'_>>,
    (year, published_dp): (Option<i32>, Option<u32>),
    opts: &Options<'_>,
    cache: &mut ParseCache,
    mut each: impl FnMut(ProjectReport) -> ProjectReport,
) -> Report {
    let mut projects = Vec::with_capacity(taken.len());
    let mut differences = Vec::new();
    evaluate_each(
        doc,
        taken,
        year,
        published_dp,
        opts,
        cache,
        &mut differences,
        |p| projects.push(each(p)),
    );
    super::rollup::rollup(
        doc,
        projects,
        differences,
        Vec::new(),
        opts.methodology,
        year,
    )
}

/// [`evaluate_cached`] without the roll-up: each project's report goes to `each` as soon as
/// it is scored, in [`Document::projects`] order, and the differences from the sheet's own
/// scores are added to `differences` (streaming writes each project and keeps running totals,
/// so a block's reports are never all held at once). `year` and `published_dp` as there.
#[allow(clippy::too_many_arguments)]
pub fn evaluate_each(
    doc: &Document,
    taken: Vec<Taken<'_>>,
    year: Option<i32>,
    published_dp: Option<u32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
    differences: &mut Vec<Difference>,
    mut each: impl FnMut(ProjectReport),
) {
    let kept = &mut super::project::Kept;
    let each = |p, _: &mut super::project::Kept| each(p);
    evaluate_each_into(
        doc,
        taken,
        (year, published_dp),
        opts,
        cache,
        differences,
        kept,
        each,
    );
}

/// [`evaluate_each`] with each indicator's line handed to `lines` as its row is scored
/// (streaming writes it so, with no report line made), and each project's report, without
/// its indicators unless `lines` keeps them, to `each` with `lines` once the project is
/// scored.
#[allow(clippy::too_many_arguments)]
pub(super) fn evaluate_each_into<L: super::project::Lines>(
    doc: &Document,
    taken: Vec<Taken<'_>>,
    (year, published_dp): (Option<i32>, Option<u32>),
    opts: &Options<'_>,
    cache: &mut ParseCache,
    differences: &mut Vec<Difference>,
    lines: &mut L,
    mut each: impl FnMut(ProjectReport, &mut L),
) {
    cache.claim(opts, year);
    let tolerance = published_dp.map(crate::table::half_unit_at);
    // each project's rows, in one list for the whole block, made at the longest project's
    // size: grown project by project it was reallocated, and a reallocation copies the whole
    // old capacity (issue 28: a block's `memcpy`)
    let longest = doc.projects().map(|(_, p)| p.indicators.len()).max();
    let mut rows = Vec::with_capacity(longest.unwrap_or(0));
    let total = doc.counts().projects;
    for (done, ((unit, project), taken)) in doc.projects().zip(taken).enumerate() {
        if let Some(progress) = opts.progress {
            progress(done, total);
        }
        if opts
            .cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
        {
            break;
        }
        let p = super::project::evaluate_project(
            doc,
            unit,
            project,
            taken,
            (year, tolerance),
            opts,
            differences,
            (cache, &mut rows),
            lines,
        );
        each(p, lines);
    }
}
