//! A flat sheet's project cut between two streamed blocks (a project past the cutter's forced
//! size, or with a long run of blank rows inside it): its printed total row (`合计`, `总分`)
//! is in the last part only, and checked against that part's rows alone it gave a false
//! mismatch and 未核对 for a project whose sums all agree (the whole-table path reads the
//! project at once). The sums of the rows read so far ([`Carried`]) are carried from block to
//! block where the blocks are put back in order (`eval::stream`'s turnstile), and the part
//! that holds the total row is checked against the whole project's sums ([`carry_over`]):
//! where they agree the printed total is taken from the part (a part's total is not the
//! project's, so it is neither compared nor a reason for 未核对) and a note says so; where they
//! do not the part is 未核对 with both figures, as the whole table's project is.
//!
//! Nothing is done for a block not cut inside a project and not continuing one.

use rust_decimal::Decimal;

use super::sheet_total::{half_unit_of, summed_with};
use crate::finding::{Finding, Severity, codes};
use crate::table::model::{Document, Project};

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

/// The project carried on at the turnstile: `doc` is a block read in order, `carried` what the
/// block before it left ([`Carried`], `None` where it was not cut inside a project),
/// `cut_inside` whether this block is. The block's first project, where it goes on with the
/// carried one, has its printed total checked against the whole project's sums; the sums of
/// its last project are carried on where the block is cut inside it.
pub fn carry_over(
    doc: &mut Document,
    carried: Option<Carried>,
    cut_inside: bool,
) -> Option<Carried> {
    let continued = carried.filter(|c| {
        doc.units
            .first()
            .and_then(|u| u.projects.first().map(|p| (u, p)))
            .is_some_and(|(u, p)| u.name == c.unit && p.name == c.project)
    });
    if let Some(c) = &continued {
        check_continued(doc, c);
    }
    if !cut_inside {
        return None;
    }
    let last_unit = doc.units.len().checked_sub(1)?;
    let unit = &doc.units[last_unit];
    let last = unit.projects.last()?;
    // the last project is the first too (the block is all one project's): carried on further
    let before = continued.filter(|_| last_unit == 0 && unit.projects.len() == 1);
    Some(carry(&unit.name, last, before.as_ref()))
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

/// Checks the printed total of `doc`'s first project (the carried project's last part, where
/// it holds the total row) against the whole project's sums: the part's own check (against its
/// rows alone) is taken back, and the whole project's put in its place.
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
    let part_of_total = |m: &str| m.starts_with("原表总分") || m.starts_with("原表分值合计");
    let at = total.at.offset;
    // the part's own check of the total row, taken back
    doc.findings.retain(|f| {
        !(f.at.is_some_and(|a| a.offset == at)
            && (f.code == codes::FORM_TOTAL_MISMATCH || f.code == codes::FORM_READING))
    });
    let form = project.form.as_mut().expect("a total is a form fact");
    form.unchecked.retain(|m| !part_of_total(m));
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
