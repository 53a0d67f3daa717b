//! The report model: what evaluation produces and every renderer reads (contract §5).
//!
//! Values are exact [`Decimal`]s; serialisation shows them rounded half-up to the method's
//! precision as strings (`"9.44"`), and totals are the exact sums rounded once. Field names and
//! order follow contract §5; fields beyond it are added after those the contract names.
//!
//! It sits below both evaluation (which builds it) and the renderers (which read it), with the
//! verdict of an indicator and the fill-in form's rows, so neither imports the other for it
//! (`crate::report::model` names the same module for the renderers).

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// An exact value shown with a fixed number of decimals (half-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub exact: Decimal,
    pub dp: u32,
}

impl Shown {
    pub fn new(exact: Decimal, dp: u32) -> Self {
        Shown { exact, dp }
    }
    /// The value rounded half-up to `dp` decimals.
    pub fn rounded(&self) -> Decimal {
        let mut r = self.exact.round_dp_with_strategy(
            self.dp,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        r.rescale(self.dp);
        r
    }
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.rounded())
    }
}

impl Serialize for Shown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Projects as JSON, each as [`ProjectJson`] writes it.
fn projects_with_totals<S: Serializer>(ps: &[ProjectReport], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(ps.len()))?;
    for p in ps {
        seq.serialize_element(&ProjectJson(p))?;
    }
    seq.end()
}

/// A project as JSON: one with no total (`status` `pending`: 待评定, or `unchecked`: 未核对)
/// writes `score` and `grade` as null (a null is never a zero); one whose form printed a total
/// adds `total_difference` (recomputed − printed, shown like `score`); the others as they are.
/// The whole report writes its projects so, and the JSON written a project at a time
/// (`report::sections`) too.
pub struct ProjectJson<'a>(pub &'a ProjectReport);

impl Serialize for ProjectJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let p = self.0;
        if let Some(d) = p.total_difference() {
            // the printed total beside the recomputed one, with the difference (recomputed −
            // printed) after `total_differs`
            #[derive(Serialize)]
            struct WithDifference<'a> {
                #[serde(flatten)]
                project: &'a ProjectReport,
                total_difference: Shown,
            }
            WithDifference {
                project: p,
                total_difference: d,
            }
            .serialize(s)
        } else if p.has_total() {
            p.serialize(s)
        } else {
            let mut v = serde_json::to_value(p).map_err(S::Error::custom)?;
            v["score"] = serde_json::Value::Null;
            v["grade"] = serde_json::Value::Null;
            v.serialize(s)
        }
    }
}

/// An exact decimal serialised as its plain string (amounts as given).
pub fn decimal_str<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&d.normalize()),
        None => s.serialize_none(),
    }
}

/// What the table itself decided, named where a report lists the rules behind a figure
/// (`IndicatorReport::rules`, `ProjectReport::budget_rules`) beside the rules' own ids:
/// evaluation writes these, the renderers and `--explain` read them.
pub mod table_rules {
    /// The weight is the sheet's own 分值.
    pub const SHEET_WEIGHT: &str = "sheet.weight";
    /// The row was scored by the sheet's own 得分 (no target to score against).
    pub const SHEET_GRADE: &str = "sheet.grade";
    /// The form's own sums leave budget execution out of its 总分: it is shown with 0 points.
    pub const FORM_BUDGET_OUTSIDE: &str = "form.budget-outside";
}

/// Counts of verdicts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct VerdictCounts {
    pub indicators: usize,
    pub pass: usize,
    pub fail: usize,
    pub review: usize,
    pub missing: usize,
    pub invalid: usize,
    pub not_applicable: usize,
}

impl VerdictCounts {
    pub fn add(&mut self, v: Verdict) {
        self.indicators += 1;
        match v {
            Verdict::Pass => self.pass += 1,
            Verdict::Fail => self.fail += 1,
            Verdict::Review => self.review += 1,
            Verdict::Missing => self.missing += 1,
            Verdict::Invalid => self.invalid += 1,
            Verdict::NotApplicable => self.not_applicable += 1,
        }
    }
    pub fn merge(&mut self, o: &VerdictCounts) {
        self.indicators += o.indicators;
        self.pass += o.pass;
        self.fail += o.fail;
        self.review += o.review;
        self.missing += o.missing;
        self.invalid += o.invalid;
        self.not_applicable += o.not_applicable;
    }
}

/// Where an indicator was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub file: Arc<str>,
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The sheet (or Word table) holding `cell`, for workbook inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Arc<str>>,
}

impl SourceRef {
    /// The file and the place: `t.xlsx!Sheet1!D11` (a workbook), else `t.tsv:11` (a line).
    pub fn position(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{}!{s}!{c}", self.file),
            (None, Some(c)) => format!("{}!{c}", self.file),
            _ => format!("{}:{}", self.file, self.line),
        }
    }

    /// Where the row was read, as a spreadsheet names it: `Sheet1!D11` (a workbook), else
    /// `行 11` (a text file); the file is not repeated.
    pub fn place(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{s}!{c}"),
            (None, Some(c)) => c.clone(),
            _ => format!("行 {}", self.line),
        }
    }
}

/// One indicator of the 自评表.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorReport {
    pub seq: u32,
    pub category: Option<Arc<str>>,
    pub subcategory: Option<Arc<str>>,
    pub indicator: Arc<str>,
    pub target: Arc<str>,
    pub canonical: Option<Arc<str>>,
    pub actual: Option<Arc<str>>,
    pub verdict: Verdict,
    pub weight: Shown,
    /// Points earned; null while a person must decide (review, invalid).
    pub score: Option<Shown>,
    /// The sheet's own 得分, where it gave one.
    #[serde(serialize_with = "decimal_str")]
    pub published_score: Option<Decimal>,
    /// Rule ids that decided the reading, the weight and the score (shared by the lines of
    /// rows scored alike).
    pub rules: Arc<[Cow<'static, str>]>,
    /// How the score was reached, and remarks on the reading.
    pub note: Arc<str>,
    pub source: SourceRef,
    /// The category was inferred by a rule (the table gave none).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub category_inferred: bool,
    /// The sheet's 偏差原因, where given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deviation_note: Option<String>,
    /// The recomputed score differs from the published one by more than the sheet's rounding.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub differs_from_published: bool,
    /// The grade a person gave a qualitative indicator (达成 / 部分达成 / 未达成), where one
    /// decided it: the text reports show it instead of 达标 / 未达标 (not serialised: `rules`
    /// names the grade rule).
    #[serde(skip)]
    pub grade: Option<&'static str>,
    /// The subcategory was given by a rule (the table gave none).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub subcategory_inferred: bool,
    /// The plan figure (or a relative target's baseline) it was scored against, where one was
    /// given: the xlsx form prints it in its 计划数 column (not serialised).
    #[serde(skip)]
    pub plan: Option<Arc<str>>,
}

/// An indicator's line as the streamed formats write it (a JSON line, a csv row), borrowed:
/// the same fields as [`IndicatorReport`] but its grade word and plan (which no line shows),
/// each borrowed from where evaluation holds it. The whole-table path writes a report's
/// indicators through [`IndicatorReport::line`]; the streamed run (`eval::stream`) hands one
/// to the writer straight from the row and its scoring, with no `IndicatorReport` made
/// (no `Arc` cloned, the actual not copied), and evaluation builds the report's indicator from
/// the same line ([`IndicatorReport::from_line`]): both paths write the same bytes.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorLine<'a> {
    pub seq: u32,
    pub category: Option<&'a Arc<str>>,
    pub subcategory: Option<&'a Arc<str>>,
    pub indicator: &'a Arc<str>,
    pub target: &'a Arc<str>,
    pub canonical: Option<&'a Arc<str>>,
    pub actual: Option<&'a str>,
    pub verdict: Verdict,
    pub weight: Shown,
    pub score: Option<Shown>,
    pub published_score: Option<Decimal>,
    pub rules: &'a Arc<[Cow<'static, str>]>,
    pub note: &'a Arc<str>,
    pub file: &'a Arc<str>,
    pub line: u32,
    pub column: Option<u32>,
    pub cell: Option<&'a str>,
    pub sheet: Option<&'a str>,
    pub category_inferred: bool,
    pub deviation_note: Option<&'a str>,
    pub differs_from_published: bool,
    pub subcategory_inferred: bool,
    /// Where the writer may keep what it rendered of the line's texts (category to canonical
    /// form) with the reading they are all taken from (the streamed run's lines: rows read
    /// alike share it), to find it there for the next such line; `None` for a report's line.
    pub texts_kept: Option<&'a Kept>,
    /// The same for what the line's scoring writes (verdict to source file) with the scoring
    /// (rows scored alike share it); the writer keeps beside the bytes what else they were
    /// written from (the weight, the rule list, the file) and compares it.
    pub middle_kept: Option<&'a Kept>,
}

/// Bytes a writer rendered from a value an indicator line is written from (a reading, a
/// scoring: [`IndicatorLine::texts_kept`], [`IndicatorLine::middle_kept`]), kept beside that
/// value for the next line written from it: found with no lookup by hash. What is kept is the
/// writer's own type (`Any`): a writer finds only what it kept itself, and compares what else
/// the bytes were written from.
#[derive(Default)]
pub struct Kept {
    /// Whether a line was written from the value before (bytes are kept from the second line
    /// on: a value met once, a varied sheet's fresh scoring, costs nothing kept).
    met: std::cell::Cell<bool>,
    kept: std::cell::RefCell<Option<Box<dyn std::any::Any>>>,
}

impl Kept {
    /// What a writer of type `T` kept here, if any, for `f` to read.
    pub fn with<T: 'static, R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        let kept = self.kept.borrow();
        f(kept.as_ref().and_then(|k| k.downcast_ref::<T>()))
    }

    /// Keeps a `T` from the second time it is asked on (the first only marks the value met):
    /// `keep` is handed the one kept where it is a `T`, to change in place (its buffers
    /// reused; it returns `None`), else `None`, and returns the `T` to keep.
    pub fn keep<T: 'static>(&self, keep: impl FnOnce(Option<&mut T>) -> Option<T>) {
        if !self.met.replace(true) {
            return;
        }
        let mut kept = self.kept.borrow_mut();
        if let Some(new) = keep(kept.as_mut().and_then(|k| k.downcast_mut::<T>())) {
            *kept = Some(Box::new(new));
        }
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

impl IndicatorReport {
    /// The indicator's line (see [`IndicatorLine`]).
    pub fn line(&self) -> IndicatorLine<'_> {
        IndicatorLine {
            seq: self.seq,
            category: self.category.as_ref(),
            subcategory: self.subcategory.as_ref(),
            indicator: &self.indicator,
            target: &self.target,
            canonical: self.canonical.as_ref(),
            actual: self.actual.as_deref(),
            verdict: self.verdict,
            weight: self.weight,
            score: self.score,
            published_score: self.published_score,
            rules: &self.rules,
            note: &self.note,
            file: &self.source.file,
            line: self.source.line,
            column: self.source.column,
            cell: self.source.cell.as_deref(),
            sheet: self.source.sheet.as_deref(),
            category_inferred: self.category_inferred,
            deviation_note: self.deviation_note.as_deref(),
            differs_from_published: self.differs_from_published,
            subcategory_inferred: self.subcategory_inferred,
            texts_kept: None,
            middle_kept: None,
        }
    }

    /// The report's indicator of `line`, with its grade word and plan (see [`IndicatorLine`]);
    /// `actual` is the line's actual where the caller holds it shared already.
    pub fn from_line(
        l: &IndicatorLine<'_>,
        actual: Option<Arc<str>>,
        grade: Option<&'static str>,
        plan: Option<Arc<str>>,
    ) -> IndicatorReport {
        IndicatorReport {
            seq: l.seq,
            category: l.category.cloned(),
            subcategory: l.subcategory.cloned(),
            indicator: l.indicator.clone(),
            target: l.target.clone(),
            canonical: l.canonical.cloned(),
            actual: actual.or_else(|| l.actual.map(Arc::from)),
            verdict: l.verdict,
            weight: l.weight,
            score: l.score,
            published_score: l.published_score,
            rules: l.rules.clone(),
            note: l.note.clone(),
            source: SourceRef {
                file: l.file.clone(),
                line: l.line,
                column: l.column,
                cell: l.cell.map(str::to_owned),
                sheet: l.sheet.map(Arc::from),
            },
            category_inferred: l.category_inferred,
            deviation_note: l.deviation_note.map(str::to_owned),
            differs_from_published: l.differs_from_published,
            grade,
            subcategory_inferred: l.subcategory_inferred,
            plan,
        }
    }
}

/// One project: budget execution, indicators, total and grade.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectReport {
    pub unit: String,
    pub project: String,
    /// 全年预算数, as given (in `money_unit`).
    #[serde(serialize_with = "decimal_str")]
    pub budget: Option<Decimal>,
    /// 全年执行数, as given (in `money_unit`).
    #[serde(serialize_with = "decimal_str")]
    pub spent: Option<Decimal>,
    /// spent ÷ budget in percent, shown.
    pub execution_rate: Option<Shown>,
    pub score: Shown,
    pub grade: String,
    pub indicators: Vec<IndicatorReport>,
    /// Points for budget execution (weight and score).
    pub budget_weight: Shown,
    pub budget_score: Option<Shown>,
    /// The sheet's own 得分 for budget execution, where given.
    #[serde(serialize_with = "decimal_str")]
    pub budget_published_score: Option<Decimal>,
    /// Rules that set the budget-execution weight, its formula and the method that scored it.
    pub budget_rules: Vec<Cow<'static, str>>,
    /// How a method rule (tiers, deductions, a floor) scored budget execution, where one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_note: Option<String>,
    /// Points still waiting for a person's grade (review and invalid indicators).
    pub pending: Shown,
    pub counts: VerdictCounts,
    /// The money unit of `budget` and `spent`: 万元 unless the table or form says otherwise.
    pub money_unit: Cow<'static, str>,
    /// The points the project was scored on: budget execution and every indicator that applies.
    pub weights: Shown,
    /// The project's total as its form printed it (总分 / 合计), where it did.
    #[serde(serialize_with = "decimal_str")]
    pub published_score: Option<Decimal>,
    /// The grade the form printed beside its total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_grade: Option<String>,
    /// The recomputed total differs from the printed one by more than the printed rounding.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub total_differs: bool,
    /// 绩效目标 (年度总体目标 of a form), where given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// 实际完成情况 of a form's goal block, where given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_actual: Option<String>,
    /// What a reader must know beside the total: points that are not 100
    /// (`eval.points-not-100`), a veto, checks on the actuals. Every format shows them there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<crate::finding::Finding>,
    /// Whether the project has a total and a grade: `scored`, or `pending` (待评定: no row was
    /// scored; its points wait for a person) or `unchecked` (未核对: the form's own sums do not
    /// agree under any reading). Where not `scored`, JSON writes `score` and `grade` as null
    /// and every format shows the state in their place.
    pub status: TotalStatus,
    /// The sums of the form that do not agree, exactly (where `unchecked`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mismatches: Vec<String>,
}

/// Whether a project has a total (see [`ProjectReport::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalStatus {
    #[default]
    Scored,
    /// 待评定: nothing was scored; the points wait for a person.
    Pending,
    /// 未核对: the form's own sums disagree; no total, no grade.
    Unchecked,
}

impl TotalStatus {
    /// The word shown in place of a total (`待评定`, `未核对`), none where scored.
    pub fn zh(self) -> Option<&'static str> {
        match self {
            TotalStatus::Scored => None,
            TotalStatus::Pending => Some("待评定"),
            TotalStatus::Unchecked => Some("未核对"),
        }
    }
}

impl ProjectReport {
    /// Whether the project has a total and a grade.
    pub fn has_total(&self) -> bool {
        self.status == TotalStatus::Scored
    }

    /// Whether the project counts in a roll-up's mean and grade: a total on points it could
    /// earn. A project whose rows carry no points (`0.00 / 0`, no 一级指标 and no 分值) is
    /// scored but not graded (`eval.points-not-100`): counted as a 0 it made a one-project
    /// sheet's summary 差.
    pub fn graded(&self) -> bool {
        self.has_total() && self.weights.exact > rust_decimal::Decimal::ZERO
    }

    /// The total as shown: the score, or the state in its place (`待评定`, `未核对`).
    pub fn total_text(&self) -> String {
        match self.status.zh() {
            None => self.score.to_string(),
            Some(w) => w.to_owned(),
        }
    }

    /// The recomputed total minus the total the form printed, where both exist.
    pub fn total_difference(&self) -> Option<Shown> {
        let printed = self.published_score?;
        self.has_total()
            .then(|| Shown::new(self.score.exact - printed, self.score.dp))
    }

    /// The grade as shown: the grade, or the state in its place.
    pub fn grade_text(&self) -> &str {
        self.status.zh().unwrap_or(&self.grade)
    }

    /// The project as a report's roll-ups and the parts of a whole-document format around
    /// the projects read it, once its own part is written (`report::sections`): its names,
    /// budget, total, grade, points and counts; its indicators, findings, notes, rules, goal
    /// and the form's sums dropped (their room given back). `counts` still counts the
    /// indicators.
    /// A copy of the project with no indicators (JSON writes a project with no total, whose
    /// keys are printed in order, a row at a time: `report::json`). Every field is named, so
    /// a field added to the project is copied here too, or this does not compile.
    pub fn without_indicators(&self) -> ProjectReport {
        let ProjectReport {
            unit,
            project,
            budget,
            spent,
            execution_rate,
            score,
            grade,
            indicators: _,
            budget_weight,
            budget_score,
            budget_published_score,
            budget_rules,
            budget_note,
            pending,
            counts,
            money_unit,
            weights,
            published_score,
            published_grade,
            total_differs,
            goal,
            goal_actual,
            findings,
            status,
            mismatches,
        } = self;
        ProjectReport {
            unit: unit.clone(),
            project: project.clone(),
            budget: *budget,
            spent: *spent,
            execution_rate: *execution_rate,
            score: *score,
            grade: grade.clone(),
            indicators: Vec::new(),
            budget_weight: *budget_weight,
            budget_score: *budget_score,
            budget_published_score: *budget_published_score,
            budget_rules: budget_rules.clone(),
            budget_note: budget_note.clone(),
            pending: *pending,
            counts: *counts,
            money_unit: money_unit.clone(),
            weights: *weights,
            published_score: *published_score,
            published_grade: published_grade.clone(),
            total_differs: *total_differs,
            goal: goal.clone(),
            goal_actual: goal_actual.clone(),
            findings: findings.clone(),
            status: *status,
            mismatches: mismatches.clone(),
        }
    }

    pub fn headline(mut self) -> ProjectReport {
        self.indicators = Vec::new();
        self.findings = Vec::new();
        self.budget_rules = Vec::new();
        self.budget_note = None;
        self.goal = None;
        self.goal_actual = None;
        self.published_grade = None;
        self.mismatches = Vec::new();
        self
    }
}

/// A unit's roll-up.
#[derive(Debug, Clone)]
pub struct UnitReport {
    pub unit: String,
    pub projects: usize,
    /// The mean of its projects' scores on 100 (a project scored on other points, converted).
    pub score: Shown,
    pub grade: String,
    pub counts: VerdictCounts,
    pub pending: Shown,
    /// Projects with no total (待评定 or 未核对): left out of the mean.
    pub waiting: usize,
}

/// Whether none of a roll-up's projects has a total: its mean and grade are then none (`null`
/// in json), never `"0.00"` and `""` — a null total means jixiao gives no total, never 0.
fn no_mean(projects: usize, waiting: usize) -> bool {
    projects > 0 && waiting == projects
}

impl Serialize for UnitReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let none = no_mean(self.projects, self.waiting);
        let mut st = s.serialize_struct("UnitReport", 7)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("projects", &self.projects)?;
        st.serialize_field("score", &(!none).then_some(&self.score))?;
        st.serialize_field("grade", &(!none).then_some(&self.grade))?;
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("pending", &self.pending)?;
        if self.waiting != 0 {
            st.serialize_field("waiting", &self.waiting)?;
        }
        st.end()
    }
}

/// A roll-up's mean as shown: the mean, or `待评定` where none of its projects has a total.
fn mean_text(score: &Shown, projects: usize, waiting: usize) -> String {
    if no_mean(projects, waiting) {
        "待评定".to_owned()
    } else {
        score.to_string()
    }
}

/// `（其中 1 个项目没有总分）` after a roll-up's grade, empty where every project has one.
fn waiting_note(waiting: usize) -> String {
    if waiting == 0 {
        String::new()
    } else {
        format!("（其中 {waiting} 个项目没有总分）")
    }
}

/// The mean, grade and waiting count shown alike for a unit and for the whole report: both
/// hold `score`, `grade`, `projects` and `waiting`.
macro_rules! mean_shown {
    ($($ty:ty),+) => {$(
        impl $ty {
            /// Whether some project has a total (else the mean is no result).
            pub fn has_mean(&self) -> bool {
                self.waiting < self.projects
            }
            /// The mean as shown (`待评定` where no project has a total).
            pub fn mean_text(&self) -> String {
                mean_text(&self.score, self.projects, self.waiting)
            }
            /// The grade with how many projects have no total.
            pub fn grade_text(&self) -> String {
                format!("{}{}", self.grade, waiting_note(self.waiting))
            }
        }
    )+};
}

mean_shown!(UnitReport, Summary);

/// A recomputed score that differs from the sheet's own 得分.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The unit's and the project's names, shared by the differences of a project
    /// ([`crate::finding::shared_unit`]): a 1 KB name over a project of 200,000 rows was a copy
    /// a row (issue 27, H141).
    pub unit: Arc<str>,
    pub project: Arc<str>,
    pub seq: u32,
    pub indicator: String,
    pub target: String,
    pub actual: Option<String>,
    pub weight: Shown,
    #[serde(serialize_with = "decimal_str")]
    pub published_score: Option<Decimal>,
    pub score: Option<Shown>,
    pub formula: String,
    pub source: SourceRef,
}

/// The summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    pub indicators: usize,
    pub pass: usize,
    pub fail: usize,
    pub review: usize,
    pub missing: usize,
    pub invalid: usize,
    /// The mean of the project scores on 100 (a project scored on other points, converted).
    pub score: Shown,
    pub not_applicable: usize,
    pub projects: usize,
    pub units: usize,
    pub grade: String,
    pub pending: Shown,
    /// Rows whose recomputed score differs from the published one.
    pub differences: usize,
    /// Projects with no total (待评定 or 未核对): left out of the mean.
    pub waiting: usize,
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let none = no_mean(self.projects, self.waiting);
        let mut st = s.serialize_struct("Summary", 14)?;
        st.serialize_field("indicators", &self.indicators)?;
        st.serialize_field("pass", &self.pass)?;
        st.serialize_field("fail", &self.fail)?;
        st.serialize_field("review", &self.review)?;
        st.serialize_field("missing", &self.missing)?;
        st.serialize_field("invalid", &self.invalid)?;
        st.serialize_field("score", &(!none).then_some(&self.score))?;
        st.serialize_field("not_applicable", &self.not_applicable)?;
        st.serialize_field("projects", &self.projects)?;
        st.serialize_field("units", &self.units)?;
        st.serialize_field("grade", &(!none).then_some(&self.grade))?;
        st.serialize_field("pending", &self.pending)?;
        st.serialize_field("differences", &self.differences)?;
        if self.waiting != 0 {
            st.serialize_field("waiting", &self.waiting)?;
        }
        st.end()
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub summary: Summary,
    #[serde(serialize_with = "projects_with_totals")]
    pub projects: Vec<ProjectReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub units: Vec<UnitReport>,
    pub differences: Vec<Difference>,
    /// Input findings that concern evaluation (unmatched actuals, rows skipped by the reader).
    pub findings: Vec<crate::finding::Finding>,
    /// The year evaluated, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// The report's own findings (`Report::findings`: the reader's errors and its warnings on no
/// project's rows, unmatched actuals, …) that `jsonl` and `csv` write, at most: the rest are
/// counted (`"more"` on jsonl's line, a closing row in csv) and all are on stderr. A streamed run
/// holds no more than these until its end, whatever the sheet.
pub const OWN_FINDINGS_WRITTEN: usize = 10_000;

/// The verdict of one indicator (contract §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    Review,
    Missing,
    Invalid,
    NotApplicable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Review => "review",
            Verdict::Missing => "missing",
            Verdict::Invalid => "invalid",
            Verdict::NotApplicable => "not_applicable",
        }
    }
    /// The Chinese word shown in reports.
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Pass => "达标",
            Verdict::Fail => "未达标",
            Verdict::Review => "待评定",
            Verdict::Missing => "缺实际值",
            Verdict::Invalid => "无法比较",
            Verdict::NotApplicable => "不适用",
        }
    }
}

/// One indicator of a form to fill.
#[derive(Debug, Clone)]
pub struct FillRow {
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub name: String,
    pub target: String,
    /// A person grades it (达成 / 部分达成 / 未达成).
    pub qualitative: bool,
    /// It compares with a figure the unit gives: a plan value, or the baseline (上年实际) of a
    /// relative target (`baseline`).
    pub plan: bool,
    pub baseline: bool,
    /// What the unit has filled in (empty in a new template): 实际完成值, 计划数, 偏差原因.
    pub actual: Option<String>,
    pub plan_value: Option<String>,
    pub note: Option<String>,
}

/// One project's form to fill.
#[derive(Debug, Clone)]
pub struct FillForm {
    pub unit: String,
    pub project: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    /// The money unit of the funds block (万元 unless the table says otherwise).
    pub money_unit: String,
    pub budget: Option<Decimal>,
    /// 全年执行数, where filled.
    pub spent: Option<Decimal>,
    pub goal: Option<String>,
    /// 实际完成情况 of the goal, where filled.
    pub goal_actual: Option<String>,
    pub rows: Vec<FillRow>,
}
