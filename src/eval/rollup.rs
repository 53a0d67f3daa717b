//! Units and the whole rolled up from their projects' reports (contract §5, §8.1): verdicts
//! counted, means of totals on 100 (a project scored on other points converted) and their
//! grades, points waiting for review, and the findings that belong beside the summary (rows
//! the reader skipped, budgets that cannot be divided by).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::methodology::Methodology;
use crate::finding::{Finding, Severity};
use crate::report_model::{
    Difference, ProjectReport, Report, Shown, Summary, UnitReport, VerdictCounts,
};
use crate::table::model::Document;

fn mean(values: impl Iterator<Item = Decimal>) -> Decimal {
    let (sum, n) = values.fold((Decimal::ZERO, 0u64), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        Decimal::ZERO
    } else {
        sum / Decimal::from(n)
    }
}

/// `eval.budget-not-positive`: a project whose budget is zero or less (its budget execution
/// cannot be scored and waits for review).
pub fn budget_finding(doc: &Document, p: &ProjectReport) -> Option<Finding> {
    budget_finding_in(&doc.source.name, p)
}

/// [`budget_finding`] of a project of the table named `file`.
fn budget_finding_in(file: &str, p: &ProjectReport) -> Option<Finding> {
    let b = p.budget.filter(|b| *b <= Decimal::ZERO)?;
    let mut f = Finding::new(
        crate::codes::EVAL_BUDGET_NOT_POSITIVE,
        Severity::Warning,
        file,
        format!(
            "项目“{}”的全年预算数为 {}，不能计算预算执行率；预算执行率的分值待人工复核，其他指标的分值不因此改变",
            p.project,
            b.normalize()
        ),
    )
    .help("核对目标表或实际值文件（budget）中的全年预算数")
    .project(&p.project);
    if !p.unit.is_empty() {
        f = f.unit(&p.unit);
    }
    Some(f)
}

/// What the roll-up reads of a table besides its projects' reports.
pub(super) struct Table<'a> {
    /// The file's name, as findings give it.
    pub file: &'a str,
    /// The units' names, in table order.
    pub units: Vec<&'a str>,
    /// `部门名称：…` from the preamble.
    pub department: Option<String>,
    /// The reader's errors (rows it skipped), first among the report's findings.
    pub errors: Vec<Finding>,
}

impl<'a> Table<'a> {
    /// What the roll-up reads of `doc`.
    pub fn of(doc: &'a Document) -> Table<'a> {
        Table {
            file: &doc.source.name,
            units: doc.units.iter().map(|u| u.name.as_str()).collect(),
            department: doc.department.clone(),
            errors: doc
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .cloned()
                .collect(),
        }
    }
}

/// The report of `doc` from its projects' reports, the differences from its printed scores
/// and the findings so far.
pub(super) fn rollup(
    doc: &Document,
    projects: Vec<ProjectReport>,
    differences: Vec<Difference>,
    findings: Vec<Finding>,
    m: &Methodology,
    year: Option<i32>,
) -> Report {
    rollup_of(Table::of(doc), (projects, differences, findings), m, year)
}

/// [`rollup`] of what the roll-up reads of a table (a table read whole, or the blocks of one:
/// `eval::blocks`).
pub(super) fn rollup_of(
    table: Table<'_>,
    (projects, differences, mut findings): (Vec<ProjectReport>, Vec<Difference>, Vec<Finding>),
    m: &Methodology,
    year: Option<i32>,
) -> Report {
    let dp = m.precision.value;
    let mut units: Vec<UnitReport> = Vec::new();
    let mut by_unit: HashMap<&str, Vec<&ProjectReport>> = HashMap::new();
    for p in &projects {
        by_unit.entry(p.unit.as_str()).or_default().push(p);
    }
    for u in &table.units {
        let mine: &[&ProjectReport] = by_unit.get(u).map_or(&[], Vec::as_slice);
        let mut counts = VerdictCounts::default();
        for p in mine {
            counts.merge(&p.counts);
        }
        // means of totals on 100 (a project scored on other points converted, §8.1); a
        // project with no total (待评定, 未核对) is counted as waiting, not as 0
        let with_total: Vec<&&ProjectReport> = mine.iter().filter(|p| p.graded()).collect();
        let score = mean(with_total.iter().map(|p| super::total::on_100(p)));
        units.push(UnitReport {
            unit: (*u).to_owned(),
            projects: mine.len(),
            waiting: mine.len() - with_total.len(),
            score: Shown::new(score, dp),
            grade: if with_total.is_empty() {
                String::new()
            } else {
                m.grade_of(score).to_owned()
            },
            pending: Shown::new(mine.iter().map(|p| p.pending.exact).sum(), dp),
            counts,
        });
    }
    let mut counts = VerdictCounts::default();
    for p in &projects {
        counts.merge(&p.counts);
    }
    let with_total = projects.iter().filter(|p| p.graded()).count();
    let score = mean(
        projects
            .iter()
            .filter(|p| p.graded())
            .map(super::total::on_100),
    );
    findings.extend(
        projects
            .iter()
            .filter_map(|p| budget_finding_in(table.file, p)),
    );
    // Rows the reader skipped are part of the picture: they did not disappear.
    findings.splice(0..0, table.errors);
    Report {
        summary: Summary {
            indicators: counts.indicators,
            pass: counts.pass,
            fail: counts.fail,
            review: counts.review,
            missing: counts.missing,
            invalid: counts.invalid,
            score: Shown::new(score, dp),
            not_applicable: counts.not_applicable,
            projects: projects.len(),
            units: units.len(),
            waiting: projects.len() - with_total,
            grade: if with_total == 0 {
                String::new()
            } else {
                m.grade_of(score).to_owned()
            },
            pending: Shown::new(projects.iter().map(|p| p.pending.exact).sum(), dp),
            differences: differences.len(),
        },
        projects,
        department: table.department,
        units,
        differences,
        findings,
        year,
    }
}
