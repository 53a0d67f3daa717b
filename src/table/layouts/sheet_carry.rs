//! A flat sheet's project cut between two streamed blocks (a project past the streamed project
//! limit, `JIXIAO_MAX_STREAM_PROJECT_MB`, or going on after a long run of blank rows): its parts
//! are scored apart, so each is named beside its figures (`stream.project-cut`), and its
//! printed total row (`合计`, `总分`), in the last part only, is checked against the whole
//! project's sums, not that part's rows (which gave a false mismatch and 未核对 for a project
//! whose sums all agree; the whole-table path reads the project at once).
//!
//! The sums of the rows read so far ([`Carried`]) are carried from block to block where the
//! blocks are put back in order (`eval::stream`'s turnstile). The reader of a block that may
//! continue a cut project ([`crate::table::stream::Block::continues`]) leaves its first
//! project's total unchecked (`self_eval::read_from`), and [`carry_over`] checks it here: against
//! the whole project's sums where it goes on with the carried project, against its own rows
//! (as `sheet_total` would have) where it does not. Where the whole project's sums agree the
//! printed total is taken from the part (a part's total is not the project's, so it is neither
//! compared nor a reason for 未核对) and a note says so; where they do not the part is 未核对
//! with both figures, as the whole table's project is.
//!
//! Nothing is done for a block not cut inside a project and not continuing one.

use rust_decimal::Decimal;

use super::sheet_total::{half_unit_of, summed_with};
use crate::finding::{Finding, Severity, codes};
use crate::table::Ctx;
use crate::table::model::{Document, Project};
use crate::table::stream::CutInside;

/// The sums of a project's rows in the blocks read so far.
#[derive(Debug, Clone)]
pub struct Carried {
    unit: String,
    project: String,
    /// The rows' printed 得分, summed, and the half units of their last digits.
    scores: (Decimal, Decimal),
    /// The rows' 分值 likewise; `None` where a row has none (no sum of points to check).
    weights: Option<(Decimal, Decimal)>,
    /// The budget row's 得分 and 分值, where read.
    budget: (Option<Decimal>, Option<Decimal>),
    /// Blocks the project was read in so far.
    parts: usize,
}

/// How a block read in order stands to the projects cut around it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cuts {
    /// The block before was cut inside a project: this block's first project's total was left
    /// unchecked by its reader (`Block::continues`).
    pub continues: bool,
    /// Why this block was cut inside its last project, where it was (`Block::cut_inside`).
    pub inside: Option<CutInside>,
    /// Where among the block's findings its reader would have listed the first project's
    /// total check (`BlockDoc::first_total_at`): the check made here goes there, so a code's
    /// findings come in the order a whole reading lists them (past the bound of a code, the
    /// same ones listed).
    pub first_total_at: Option<usize>,
}

/// The project carried on at the turnstile: `doc` is a block read in order, `carried` what the
/// block before it left ([`Carried`], `None` where it was not cut inside a project), `cuts` how
/// the block stands to the cuts around it. The block's first project, where it goes on with the
/// carried one, is named as a part and has its printed total checked against the whole
/// project's sums; the sums of its last project are carried on where the block is cut inside
/// it, and that part is named where the cut is the project limit's. Returns what to carry to
/// the next block, and whether the first project went on with the carried one.
pub fn carry_over(
    doc: &mut Document,
    carried: Option<Carried>,
    cuts: Cuts,
) -> (Option<Carried>, bool) {
    // a block of blank rows only (a long run cut into blocks of its own): the project goes on
    // after it, if at all
    if doc.projects().next().is_none() {
        return (carried.filter(|_| cuts.inside.is_some()), false);
    }
    let continued = carried.filter(|c| {
        doc.units
            .first()
            .and_then(|u| u.projects.first().map(|p| (u, p)))
            .is_some_and(|(u, p)| u.name == c.unit && p.name == c.project)
    });
    if cuts.continues {
        match &continued {
            Some(c) => {
                name_part(doc, Part::First(c.parts + 1));
                let from = doc.findings.len();
                check_continued(doc, c);
                put_back(&mut doc.findings, from, cuts.first_total_at);
            }
            // a new project after all: its total checked against its own rows, as the reader
            // checks every other project's
            None => check_own(doc, cuts.first_total_at),
        }
    }
    let Some(why) = cuts.inside else {
        return (None, continued.is_some());
    };
    let last_unit = doc.units.len() - 1;
    let unit = &doc.units[last_unit];
    let Some(last) = unit.projects.last() else {
        return (None, continued.is_some());
    };
    // the last project is the first too (the block is all one project's): carried on further
    let before = continued
        .as_ref()
        .filter(|_| last_unit == 0 && unit.projects.len() == 1);
    let next = carry(&unit.name, last, before);
    if why == CutInside::Limit {
        name_part(doc, Part::Last(next.parts));
    }
    (Some(next), continued.is_some())
}

/// Which part of a cut project a block's project is.
enum Part {
    /// The block's first project, the `n`th part (it goes on with the block before's last).
    First(usize),
    /// The block's last project, the `n`th part, cut at the project limit (it goes on in the
    /// next block).
    Last(usize),
}

/// A `stream.project-cut` warning on the project's row, so it stands beside the part's figures
/// in every report (`table::placed`).
fn name_part(doc: &mut Document, part: Part) {
    let project = match part {
        Part::First(_) => doc.units.first().and_then(|u| u.projects.first()),
        Part::Last(_) => doc.units.last().and_then(|u| u.projects.last()),
    };
    let Some(project) = project else {
        return;
    };
    let limit = &crate::limits::STREAM_PROJECT;
    let message = match part {
        Part::First(n) => format!(
            "项目“{}”分段读取，这是第 {n} 段（接前一段；流式评价在项目中间分块）：本段单独评分，其得分、总分不是整个项目的",
            project.name
        ),
        Part::Last(n) => format!(
            "项目“{}”的行超过流式评价整体读入一个项目的上限（{}，{}），第 {n} 段到此为止，后面的行另作一段评分：本段的得分、总分不是整个项目的",
            project.name,
            limit.shown(),
            limit.env
        ),
    };
    let f = Finding::at_location(
        codes::STREAM_PROJECT_CUT,
        Severity::Warning,
        &doc.source,
        project.at,
        message,
    )
    .label("分段评分的项目")
    .help(format!(
        "用 --no-streaming 整表读入后评价，或调高 {}，或删去项目中间的大段空行",
        limit.env
    ))
    .project(&project.name);
    doc.findings.push(f);
}

/// The sums of `project`'s rows, added to `before`'s (the same project in the blocks before).
fn carry(unit: &str, project: &Project, before: Option<&Carried>) -> Carried {
    let rows = &project.indicators;
    let mut scores = before.map_or((Decimal::ZERO, Decimal::ZERO), |b| b.scores);
    for s in rows.iter().filter_map(|i| i.published_score) {
        scores = (scores.0 + s, scores.1 + half_unit_of(&s));
    }
    let mut weights = before.map_or(Some((Decimal::ZERO, Decimal::ZERO)), |b| b.weights);
    for i in rows {
        weights = match (weights, i.weight) {
            (Some(w), Some(x)) => Some((w.0 + x, w.1 + half_unit_of(&x))),
            _ => None,
        };
    }
    let budget = project.budget.as_ref();
    let own = (
        budget.and_then(|b| b.published_score),
        budget.and_then(|b| b.weight),
    );
    let before_budget = before.map_or((None, None), |b| b.budget);
    Carried {
        unit: unit.to_owned(),
        project: project.name.clone(),
        scores,
        weights,
        budget: (own.0.or(before_budget.0), own.1.or(before_budget.1)),
        parts: before.map_or(1, |b| b.parts + 1),
    }
}

/// The first project's total checked against its own rows, for a block read on its own
/// (`table::stream::read_block_alone`): no parts are carried to it.
/// `at`: where among the findings its reader would have listed the check.
pub fn check_alone(doc: &mut Document, at: Option<usize>) {
    check_own(doc, at);
}

/// The reader's own check of the first project's total (`sheet_total::check`), which it left
/// to the turnstile: the block continued no cut project after all. Its findings go `at`, where
/// the reader would have listed them.
fn check_own(doc: &mut Document, at: Option<usize>) {
    let Document {
        source,
        units,
        findings,
        ..
    } = doc;
    let Some(project) = units.first_mut().and_then(|u| u.projects.first_mut()) else {
        return;
    };
    let mut ctx = Ctx::new(source);
    super::sheet_total::check(&mut ctx, project);
    let from = findings.len();
    findings.extend(ctx.findings.close());
    put_back(findings, from, at);
}

/// Moves the findings from `from` on (a first project's total check, made at the turnstile)
/// to `at`, where the block's reader would have listed them (its first project's check comes
/// before the other projects' checks): left at the end where `at` is not known.
fn put_back(findings: &mut [Finding], from: usize, at: Option<usize>) {
    if let Some(at) = at.filter(|at| *at < from) {
        let made = findings.len() - from;
        findings[at..].rotate_right(made);
    }
}

/// Checks the printed total of `doc`'s first project (the carried project's next part, where
/// it holds the total row; its reader left it unchecked) against the whole project's sums.
fn check_continued(doc: &mut Document, before: &Carried) {
    let Some(unit) = doc.units.first_mut() else {
        return;
    };
    let Some(project) = unit.projects.first_mut() else {
        return;
    };
    let Some(total) = project.form.as_ref().and_then(|f| f.total.clone()) else {
        return;
    };
    let whole = carry(&unit.name, project, Some(before));
    let Some(form) = project.form.as_mut() else {
        return;
    };
    let mut unchecked = Vec::new();
    for (what, name, printed, sum, budget) in [
        (
            "得分",
            "原表总分",
            total.score,
            Some(whole.scores),
            whole.budget.0,
        ),
        (
            "分值",
            "原表分值合计",
            total.weight,
            whole.weights,
            whole.budget.1,
        ),
    ] {
        let (Some(printed), Some((sum, tol))) = (printed, sum) else {
            continue;
        };
        let (own, near) = summed_with(&printed, sum, tol, budget);
        let with = own + budget.unwrap_or_default();
        if near(with) || (budget.is_some_and(|b| !b.is_zero()) && near(own)) {
            continue;
        }
        let message = format!(
            "{name} {} 与整个项目（分 {} 段读取）各项{what}之和 {} 不一致",
            printed.normalize(),
            whole.parts,
            with.normalize()
        );
        let f = Finding::at_location(
            codes::FORM_TOTAL_MISMATCH,
            Severity::Warning,
            &doc.source,
            total.at,
            message,
        )
        .label(name)
        .help(format!("核对各项{what}与总分行的加总"))
        .project(&project.name);
        doc.findings.push(f);
        unchecked.push(format!(
            "{name} {} ≠ 各项{what}之和 {}",
            printed.normalize(),
            with.normalize()
        ));
    }
    if unchecked.is_empty() {
        // the sums agree: the total is the whole project's, not this part's
        form.total = None;
        let f = Finding::at_location(
            codes::FORM_READING,
            Severity::Info,
            &doc.source,
            total.at,
            format!(
                "项目“{}”分 {} 段读取（流式评价在项目中间分块）：总分行与整个项目各项之和一致；各段分别计分，总分行不与这一段的得分比较",
                project.name, whole.parts
            ),
        )
        .label("整个项目的总分");
        doc.findings.push(f);
    } else {
        form.unchecked.extend(unchecked);
    }
}
