//! The roll-up of a pile: one row per form (a project of a table), totals per unit, per
//! 主管部门 and for the whole pile, the files not read, the copies, and the `复核意见` list.
//!
//! Decisions where the spec is silent:
//! - A form's **check** (`check`) is one of: `agrees` (a printed 总分 the recomputed total
//!   matches within its rounding, and no row differs), `differs` (the totals or some row's 得分
//!   differ, or the grade changed), `unchecked` (未核对: the form's own sums disagree; no total)
//!   and `not_printed` (no printed 总分 to compare, no row differing). They add up to the forms
//!   read.
//! - The **difference** is recomputed − printed, on the total as shown (rounded half-up to the
//!   method's decimals); none where either is missing.
//! - **Order**: by the size of the difference, largest first (forms without one after), then by
//!   how many rows differ, then by file and the order of the table.
//! - **Vetoes** are the project's findings of severity 错误 (a `veto:` whose `when:` holds).
//! - A form with no 主管部门 printed takes the table's department, else `（未写主管部门）`.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::finding::Severity;
use crate::report::model::{Difference, ProjectReport, Report, TotalStatus};

use super::{Evaluated, Unread};

/// The department shown where none is printed.
pub const NO_DEPARTMENT: &str = "（未写主管部门）";

/// How a form's printed figures compare with the recomputed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalCheck {
    Agrees,
    Differs,
    Unchecked,
    NotPrinted,
}

impl TotalCheck {
    /// The word shown.
    pub fn zh(self) -> &'static str {
        match self {
            TotalCheck::Agrees => "一致",
            TotalCheck::Differs => "不一致",
            TotalCheck::Unchecked => "未核对",
            TotalCheck::NotPrinted => "无原表总分",
        }
    }
}

/// One form of the roll-up.
#[derive(Debug, Clone, Serialize)]
pub struct FormRow {
    pub file: String,
    /// The sheet the form is on, where it was read from a workbook.
    pub sheet: Option<String>,
    pub department: String,
    pub unit: String,
    pub project: String,
    pub printed_total: Option<Decimal>,
    pub printed_grade: Option<String>,
    /// The recomputed total as shown; none where the status is not `scored`.
    pub total: Option<Decimal>,
    pub grade: Option<String>,
    /// `scored`, `pending` (待评定) or `unchecked` (未核对), as in the report model.
    pub status: TotalStatus,
    pub difference: Option<Decimal>,
    pub rows_differing: usize,
    /// Points waiting for a person.
    pub pending: Decimal,
    pub grade_changed: bool,
    pub check: TotalCheck,
    pub vetoes: Vec<String>,
    /// The actuals file applied to its table, where one was.
    pub actuals: Option<String>,
}

/// Counts of forms, for a unit, a department or the whole pile.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FormCounts {
    pub forms: usize,
    pub agreeing: usize,
    pub differing: usize,
    pub unchecked: usize,
    pub not_printed: usize,
    pub grade_changes: usize,
    pub rows_differing: usize,
}

impl FormCounts {
    fn add(&mut self, f: &FormRow) {
        self.forms += 1;
        match f.check {
            TotalCheck::Agrees => self.agreeing += 1,
            TotalCheck::Differs => self.differing += 1,
            TotalCheck::Unchecked => self.unchecked += 1,
            TotalCheck::NotPrinted => self.not_printed += 1,
        }
        self.grade_changes += usize::from(f.grade_changed);
        self.rows_differing += f.rows_differing;
    }
}

/// A unit's or department's totals.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    #[serde(flatten)]
    pub counts: FormCounts,
}

/// The whole pile's totals.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Tables read (each copy counted once).
    pub tables: usize,
    /// Files not read.
    pub unread: usize,
    /// Files that were copies of a table read.
    pub copies: usize,
    #[serde(flatten)]
    pub counts: FormCounts,
}

/// A file not read.
#[derive(Debug, Clone, Serialize)]
pub struct UnreadRow {
    pub file: String,
    pub code: String,
    pub reason: String,
    /// What to do (a limit's help names its variable), where the error says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A table read once for several files.
#[derive(Debug, Clone, Serialize)]
pub struct CopyRow {
    pub file: String,
    pub copies: Vec<String>,
}

/// One line of the `复核意见`: a figure of a form that differs, with both values and why.
#[derive(Debug, Clone, Serialize)]
pub struct Opinion {
    pub file: String,
    pub unit: String,
    pub project: String,
    /// `总分`, `等级`, `合计`, or the row (`3 资金到位及时率`, `预算执行率`).
    pub item: String,
    /// Where the row is (`file:line` and cell), where it is a row.
    pub at: Option<String>,
    pub printed: String,
    pub recomputed: String,
    pub reason: String,
}

/// The roll-up.
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub totals: Totals,
    pub forms: Vec<FormRow>,
    pub units: Vec<Group>,
    pub departments: Vec<Group>,
    pub unread: Vec<UnreadRow>,
    pub copies: Vec<CopyRow>,
    pub opinions: Vec<Opinion>,
    /// Each table's report, by file, for the text formats' detail (not serialised).
    #[serde(skip)]
    pub reports: Vec<(String, Report)>,
}

impl Rollup {
    /// Where each file's report is in [`Rollup::reports`], by file (for the links from a form's
    /// row to its 自评表).
    pub fn report_index(&self) -> std::collections::HashMap<&str, usize> {
        self.reports
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect()
    }
}

fn vetoes(p: &ProjectReport) -> Vec<String> {
    p.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.to_string())
        .collect()
}

fn form_row(
    file: &str,
    department: String,
    actuals: Option<String>,
    differences: &[&Difference],
    p: &ProjectReport,
) -> FormRow {
    let scored = p.status == TotalStatus::Scored;
    let total = scored.then(|| p.score.rounded());
    let grade = scored.then(|| p.grade.clone());
    let difference = match (total, p.published_score) {
        (Some(t), Some(printed)) => Some(t - printed),
        _ => None,
    };
    let rows_differing = differences.len();
    let grade_changed = matches!((&p.published_grade, &grade), (Some(a), Some(b)) if a != b);
    let check = if p.status == TotalStatus::Unchecked {
        TotalCheck::Unchecked
    } else if p.total_differs || rows_differing > 0 || grade_changed {
        TotalCheck::Differs
    } else if p.published_score.is_some() && scored {
        TotalCheck::Agrees
    } else {
        TotalCheck::NotPrinted
    };
    FormRow {
        file: file.to_owned(),
        sheet: None,
        department,
        unit: p.unit.clone(),
        project: p.project.clone(),
        printed_total: p.published_score,
        printed_grade: p.published_grade.clone(),
        total,
        grade,
        status: p.status,
        difference,
        rows_differing,
        pending: p.pending.rounded(),
        grade_changed,
        check,
        vetoes: vetoes(p),
        actuals,
    }
}

fn opinions(
    file: &str,
    differences: &[&Difference],
    p: &ProjectReport,
    row: &FormRow,
    out: &mut Vec<Opinion>,
) {
    let base = |item: String, at, printed: String, recomputed: String, reason: String| Opinion {
        file: file.to_owned(),
        unit: p.unit.clone(),
        project: p.project.clone(),
        item,
        at,
        printed,
        recomputed,
        reason,
    };
    let show = |d: Option<Decimal>| d.map_or_else(|| "—".to_owned(), |d| d.to_string());
    if row.check == TotalCheck::Unchecked {
        out.push(base(
            "合计".to_owned(),
            None,
            show(p.published_score),
            p.status.zh().unwrap_or_default().to_owned(),
            p.mismatches.join("；"),
        ));
    }
    if p.total_differs {
        out.push(base(
            "总分".to_owned(),
            None,
            show(p.published_score),
            p.total_text(),
            format!(
                "按评分办法重算各项得分之和为 {}，原表总分为 {}",
                p.total_text(),
                show(p.published_score)
            ),
        ));
    }
    if row.grade_changed {
        out.push(base(
            "等级".to_owned(),
            None,
            p.published_grade.clone().unwrap_or_default(),
            p.grade_text().to_owned(),
            format!("重算总分 {} 对应的等级为{}", p.total_text(), p.grade_text()),
        ));
    }
    for d in differences {
        let item = if d.seq == 0 {
            d.indicator.clone()
        } else {
            format!("{} {}", d.seq, d.indicator)
        };
        let at = match &d.source.cell {
            Some(c) => format!("{}:{} {c}", d.source.file, d.source.line),
            None => format!("{}:{}", d.source.file, d.source.line),
        };
        out.push(base(
            item,
            Some(at),
            show(d.published_score),
            d.score
                .as_ref()
                .map_or_else(|| "待评定".to_owned(), |s| s.to_string()),
            d.formula.clone(),
        ));
    }
}

/// One form's row with its own `复核意见`, and where it stands among the rows of its file.
#[derive(Debug, Clone)]
pub struct Built {
    pub row: FormRow,
    pub opinions: Vec<Opinion>,
    order: usize,
}

/// The roll-up built one table at a time, keeping only each form's row and opinions (and
/// each table's report where the format shows it), so a pile's memory does not grow with its
/// tables' size ([`crate::pile::stream`]).
#[derive(Debug, Default)]
pub struct Builder {
    built: Vec<Built>,
    reports: Option<Vec<(String, Report)>>,
    tables: usize,
    unread: Vec<Unread>,
}

impl Builder {
    /// A builder; `keep_reports` where the format shows each table's 自评表.
    pub fn new(keep_reports: bool) -> Builder {
        Builder {
            reports: keep_reports.then(Vec::new),
            ..Builder::default()
        }
    }

    /// Add one table's result; its forms' rows are returned (a table not evaluated is listed
    /// as not read and gives none).
    pub fn add(
        &mut self,
        name: &str,
        actuals: Option<String>,
        facts: &[super::ProjectFacts],
        result: Result<Report, super::Refusal>,
    ) -> &[Built] {
        let from = self.built.len();
        let report = match result {
            Err(refusal) => {
                self.unread.push(Unread {
                    name: name.to_owned(),
                    refusal,
                });
                return &[];
            }
            Ok(r) => r,
        };
        self.tables += 1;
        // each project's facts (the first of its names) and rows that differ, found by its
        // names once (a search of all of them for each project was quadratic: a pile of one
        // table of 30,000 projects took 2.6 s of CPU, of 10,000 0.4 s)
        let mut facts_of: HashMap<(&str, &str), &super::ProjectFacts> = HashMap::new();
        for f in facts {
            facts_of.entry((&f.unit, &f.project)).or_insert(f);
        }
        let mut differences: HashMap<(&str, &str), Vec<&Difference>> = HashMap::new();
        for d in &report.differences {
            differences
                .entry((&*d.unit, &*d.project))
                .or_default()
                .push(d);
        }
        for (order, p) in report.projects.iter().enumerate() {
            let key = (p.unit.as_str(), p.project.as_str());
            let facts = facts_of.get(&key).copied();
            let differing = differences.get(&key).map_or(&[][..], Vec::as_slice);
            let department = facts
                .and_then(|f| f.department.clone())
                .or_else(|| report.department.clone())
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| NO_DEPARTMENT.to_owned());
            let mut row = form_row(name, department, actuals.clone(), differing, p);
            row.sheet = facts.and_then(|f| f.sheet.clone());
            let mut ops = Vec::new();
            opinions(name, differing, p, &row, &mut ops);
            self.built.push(Built {
                row,
                opinions: ops,
                order,
            });
        }
        if let Some(reports) = &mut self.reports {
            reports.push((name.to_owned(), report));
        }
        &self.built[from..]
    }

    /// The roll-up, with the copies and the files not read.
    pub fn finish(self, mut copies: Vec<CopyRow>, mut unread: Vec<Unread>) -> Rollup {
        let mut built = self.built;
        // by file and the order of the table, then (stably) by the size of the difference and
        // the rows differing
        built.sort_by(|a, b| (&a.row.file, a.order).cmp(&(&b.row.file, b.order)));
        let key = |f: &FormRow| f.difference.map(|d| d.abs());
        built.sort_by(|a, b| {
            key(&b.row)
                .cmp(&key(&a.row))
                .then(b.row.rows_differing.cmp(&a.row.rows_differing))
        });
        let mut rows = Vec::with_capacity(built.len());
        let mut ops = Vec::new();
        for b in built {
            rows.push(b.row);
            ops.extend(b.opinions);
        }
        let group = |key: &dyn Fn(&FormRow) -> &str| {
            let mut m: BTreeMap<String, FormCounts> = BTreeMap::new();
            for f in &rows {
                m.entry(key(f).to_owned()).or_default().add(f);
            }
            m.into_iter()
                .map(|(name, counts)| Group { name, counts })
                .collect::<Vec<_>>()
        };
        let units = group(&|f| &f.unit);
        let departments = group(&|f| &f.department);
        unread.extend(self.unread);
        unread.sort_by(|a, b| a.name.cmp(&b.name));
        copies.sort_by(|a, b| a.file.cmp(&b.file));
        let mut reports = self.reports.unwrap_or_default();
        reports.sort_by(|a, b| a.0.cmp(&b.0));
        let mut counts = FormCounts::default();
        for f in &rows {
            counts.add(f);
        }
        Rollup {
            totals: Totals {
                tables: self.tables,
                unread: unread.len(),
                copies: copies.iter().map(|c| c.copies.len()).sum(),
                counts,
            },
            forms: rows,
            units,
            departments,
            unread: unread
                .into_iter()
                .map(|u| UnreadRow {
                    code: u.refusal.code(),
                    reason: u.refusal.to_string(),
                    help: miette::Diagnostic::help(&u.refusal).map(|h| h.to_string()),
                    file: u.name,
                })
                .collect(),
            copies,
            opinions: ops,
            reports,
        }
    }
}

/// The roll-up of evaluated tables and the files not read.
pub fn build(evaluated: Vec<Evaluated>, unread: Vec<Unread>) -> Rollup {
    let mut b = Builder::new(true);
    let mut copies = Vec::new();
    for e in evaluated {
        if !e.copies.is_empty() {
            copies.push(CopyRow {
                file: e.name.clone(),
                copies: e.copies.clone(),
            });
        }
        b.add(&e.name, e.actuals, &e.facts, e.result);
    }
    b.finish(copies, unread)
}
