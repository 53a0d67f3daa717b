//! One project scored, step by step as contract §8 reads: its rows read and their actuals found,
//! weights (§8.1, §8.2, §8.8), each indicator's score (§8.2–8.5) and grade where offices put it
//! (§8.6), the printed 得分 re-checked, budget execution (§8.7), the total out of the points it
//! was scored on and its grade (§8.1, §8.10), vetoes, findings. Each step is a function of the
//! module that owns it; this one only puts them in order.

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::actuals_file::IndicatorActual;
use super::assemble::{self, BudgetScored};
use super::budget::Budget;
use super::checks::VetoHit;
use super::evaluate::Options;
use super::indicator::{self, Scored, Scoring};
use super::matcher::Taken;
use super::memo::ParseCache;
use super::methodology::Methodology;
use super::reading::Around;
use super::score::Verdict;
use super::{exact, grades, published, weights};
use crate::finding::{Finding, Severity};
use crate::report_model::{
    Difference, IndicatorLine, IndicatorReport, ProjectReport, Shown, VerdictCounts,
};
use crate::table::listing::Findings;
use crate::table::model::{Document, IndicatorRow, Project, UnitRow};

/// What every step of one project's scoring reads.
struct Step<'a, 'o> {
    unit: &'a UnitRow,
    project: &'a Project,
    around: Around<'a>,
    file: Arc<str>,
    /// The text the table was read from (for the sheet of a cell).
    source: &'a crate::table::source::SourceText,
    year: Option<i32>,
    opts: &'a Options<'o>,
    /// Half the last decimal the sheet printed its scores with.
    tolerance: Option<Decimal>,
    /// The document's targets and actuals read held where shown rounded (`table::held`).
    held: &'a [crate::table::held::HeldFigure],
}

/// Where a project's indicator lines go as its rows are scored: kept in its report
/// ([`Kept`], the whole-table path), or handed one at a time to a writer (streaming: the
/// line written straight from the row, no report line made; the report then holds none).
pub(super) trait Lines {
    /// Whether the report keeps its indicators (and nothing is handed here).
    const KEEPS: bool = false;
    /// A project starts: its lines follow.
    fn start(&mut self, unit: &str, project: &str);
    /// One indicator's line, as its row is scored.
    fn line(&mut self, line: &IndicatorLine<'_>);
}

/// The report keeps its indicators' lines ([`Lines`]).
pub(super) struct Kept;

impl Lines for Kept {
    const KEEPS: bool = true;
    fn start(&mut self, _: &str, _: &str) {}
    fn line(&mut self, _: &IndicatorLine<'_>) {}
}

/// Scores `project` of `unit` with what it `taken` from the actuals file; the differences from
/// the sheet's printed scores go to `differences` (`tolerance`: the sheet's rounding); each
/// indicator's line to `lines` (or its report, [`Kept`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn evaluate_project<'a, L: Lines>(
    doc: &Document,
    unit: &UnitRow,
    project: &'a Project,
    taken: Taken<'a>,
    (year, tolerance): (Option<i32>, Option<Decimal>),
    opts: &Options<'_>,
    differences: &mut Vec<Difference>,
    (cache, rows): (&mut ParseCache, &mut Vec<Scored<'a>>),
    lines: &mut L,
) -> ProjectReport {
    let step = Step {
        unit,
        project,
        around: Around {
            project: &project.name,
            unit: &unit.name,
            department: doc.department.as_deref(),
        },
        file: cache.file(&doc.source.name),
        source: &doc.source,
        year,
        opts,
        tolerance,
        held: &doc.held,
    };
    // 1. Every row read, with its actual (into the caller's list, reused project after project)
    rows.clear();
    rows.reserve(project.indicators.len());
    // a long project's rows hold only the readings that weigh them, and are read again when
    // scored (`long_project`: one project of 30 MB held 2 KB a row)
    let long = super::long_project::is_long(project.indicators.len(), cache, opts.rules);
    if long {
        read_long(project, &taken, (&step.around, year), opts, (cache, rows));
    } else {
        for (i, row) in project.indicators.iter().enumerate() {
            let entry = taken.indicator(i);
            rows.push(read_row(row, entry, &step.around, year, opts, cache));
        }
    }
    let budget = Budget::of(taken.entry, project);
    // 2. Weights (§8.1, §8.2, §8.8).
    let (budget_weight, budget_weight_rule, overdrawn) = weights::assign(
        rows,
        project,
        &step.around,
        budget.applicable(),
        opts,
        cache,
        &step.file,
    );
    // `weight` in a `when:` is the weight the row is scored on: where a rule (not the sheet)
    // gave it, the row's scoring is decided again with it (only where some rule reads `weight`)
    if cache.reads_weight(opts.rules) {
        for s in rows
            .iter_mut()
            .filter(|s| !s.not_applicable && s.row.weight != Some(s.weight))
        {
            let mut row = s.row.clone();
            row.weight = Some(s.weight);
            s.reading = cache.reading(opts, &row, &step.around, s.actual_text, year);
        }
    }
    // 3. Each indicator scored (§8.2–8.5), graded where offices put it (§8.6), re-checked.
    let mut tally = Tally {
        indicators: Vec::with_capacity(if L::KEEPS { rows.len() } else { 0 }),
        findings: Findings::of(overdrawn),
        ..Tally::default()
    };
    // conditions on another row of the project (`other_row:`), known before any row is scored
    let limits = super::cross_row::limits(opts.rules, rows, &step.around, year);
    lines.start(&unit.name, &project.name);
    if long {
        score_long(&step, rows, (&mut tally, differences), cache, lines);
    } else {
        for (i, s) in rows.iter().enumerate() {
            let limit = limits.get(i).and_then(Option::as_ref);
            score_row(&step, s, limit, (&mut tally, differences), cache, lines);
        }
    }
    // 4. Budget execution (§8.7), re-checked.
    let budget = score_budget(
        &step,
        budget,
        (budget_weight, budget_weight_rule),
        &mut tally,
        differences,
        cache,
    );
    if budget.budget.spent.is_none() {
        say_if_unfilled(&step, rows, &mut tally);
    }
    // Points the sheet cannot mean (a negative 分值, a printed 得分 below 0 or above its 分值):
    // a finding on the row, beside the total, which is still computed as written
    tally
        .findings
        .extend(super::signs::findings(step.source, &unit.name, project));
    // 5. Total, grade (§8.1, §8.10) and vetoes; the form's printed grade against its total.
    let m = opts.methodology;
    tally.findings.extend(super::published::grade_finding(
        m,
        step.source,
        &unit.name,
        project,
        tally.weights,
    ));
    let grade = grade(m, &mut tally, &step.file, unit, project);
    // the rows' readings let go now, the list kept for the next project
    rows.clear();
    assemble::project(doc, unit, project, tally, budget, grade, m.precision.value)
}

/// A project where nothing was filled in (no actual, no printed 得分 on the rows that apply,
/// and, the caller's check, no 全年执行数): its 0.00 is no result, and says so.
fn say_if_unfilled(step: &Step<'_, '_>, rows: &[Scored<'_>], tally: &mut Tally) {
    let applicable = rows.iter().filter(|s| !s.not_applicable).count();
    if applicable > 0
        && rows.iter().all(|s| {
            s.not_applicable || (s.actual_text.is_none() && s.row.published_score.is_none())
        })
    {
        tally.findings.push(super::unfilled::project_finding(
            &step.file,
            &step.unit.name,
            &step.project.name,
            applicable,
        ));
    }
}

/// Scores the row `s` (§8.2–8.5), grades it where offices put it (§8.6), re-checks its
/// printed 得分, adds it to the tally, and hands its line to `lines` (or keeps its report).
/// (Inlined into both its callers: called from a long project's scoring too, it was left a
/// call of its own, 2.8 M instructions more on the 1/20 slice.)
#[inline(always)]
fn score_row<L: Lines>(
    step: &Step<'_, '_>,
    s: &Scored<'_>,
    limit: Option<&super::cross_row::Limit>,
    (tally, differences): (&mut Tally, &mut Vec<Difference>),
    cache: &mut ParseCache,
    lines: &mut L,
) {
    let m = step.opts.methodology;
    let dp = m.precision.value;
    let scoring = indicator::scoring(s, &step.around, step.year, step.opts, cache);
    if !step.held.is_empty() {
        held_figures(step, s, &scoring.outcome, tally, cache);
    }
    let mut scoring = grades::from_sheet(scoring, s, m);
    if let Some(b) = &scoring.bonus {
        scoring = hold_bonus(scoring.clone(), b, tally);
    }
    if let Some(l) = limit {
        scoring = super::cross_row::limited(scoring, s.weight, l);
        tally.findings.push(super::cross_row::finding(
            l,
            &s.row.name,
            &step.file,
            &step.unit.name,
            &step.project.name,
        ));
    }
    tally.add(s, &scoring, &step.file, step.unit, step.project);
    let outcome = &scoring.outcome;
    let shown_score = assemble::shown_score(outcome, dp);
    let differs = published::indicator_differs(s, outcome, step.tolerance);
    let at = s.row.at.target();
    if differs {
        differences.push(published::indicator_difference(
            step.unit,
            step.project,
            s,
            outcome,
            shown_score,
            dp,
            assemble::source_ref(&step.file, step.source, &at),
        ));
    }
    let rules = assemble::rules(s, &scoring, cache);
    // a workbook's cell named (a text input has none)
    let cell = at.cell.map(|c| c.a1());
    let place = assemble::Place::of(&step.file, step.source, &at, cell.as_deref());
    let line = assemble::line(s, &scoring, (shown_score, differs), &place, &rules, dp);
    if L::KEEPS {
        let report = assemble::indicator(s, &line, outcome, m);
        tally.indicators.push(report);
    } else {
        lines.line(&line);
    }
}

/// The finding on `s` where its target or actual was read held (`eval::held`).
#[cold]
#[inline(never)]
fn held_figures(
    step: &Step<'_, '_>,
    s: &Scored<'_>,
    outcome: &super::score::Outcome,
    tally: &mut Tally,
    cache: &mut ParseCache,
) {
    let place = super::held::Place {
        file: &step.file,
        source: step.source,
        unit: &step.unit.name,
        project: &step.project.name,
    };
    let around = (&step.around, step.year);
    tally.findings.extend(super::held::finding(
        step.held, s, outcome, &place, around, step.opts, cache,
    ));
}

/// A bonus rule's `max` holds for the project: a row it adds to once the others have used
/// its maximum keeps what is left (the total never exceeds its points by more than `max`,
/// whatever the order of the rows).
fn hold_bonus(
    scoring: std::rc::Rc<indicator::Scoring>,
    b: &super::method::BonusGiven,
    tally: &mut Tally,
) -> std::rc::Rc<indicator::Scoring> {
    let used = match tally.bonus_by_rule.iter_mut().find(|(r, _)| *r == b.rule) {
        Some((_, u)) => u,
        None => {
            tally.bonus_by_rule.push((b.rule.clone(), Decimal::ZERO));
            &mut tally.bonus_by_rule.last_mut().expect("just pushed").1
        }
    };
    let allowed = (b.max - *used).max(Decimal::ZERO).min(b.points);
    let before = *used;
    *used += allowed;
    if allowed == b.points {
        return scoring;
    }
    let mut o = scoring.outcome.clone();
    o.score = o.score.map(|sc| sc - (b.points - allowed));
    o.formula = format!(
        "{}；本项目按 {} 已加 {} 分，最高 {} 分：本行只加 {}",
        o.formula,
        b.rule,
        before.normalize(),
        b.max.normalize(),
        allowed.normalize()
    );
    let mut out = indicator::Scoring::new(o);
    out.flags = scoring.flags.clone();
    out.vetoes = scoring.vetoes.clone();
    out.bonus = Some(super::method::BonusGiven {
        points: allowed,
        ..b.clone()
    });
    std::rc::Rc::new(out)
}

/// Scores budget execution with its `weight` (and the rule that gave it) (§8.7), adds it to
/// the tally and re-checks the budget row's printed 得分 like every other.
fn score_budget(
    step: &Step<'_, '_>,
    budget: Budget,
    (weight, weight_rule): (Decimal, Cow<'static, str>),
    tally: &mut Tally,
    differences: &mut Vec<Difference>,
    cache: &mut ParseCache,
) -> BudgetScored {
    let dp = step.opts.methodology.precision.value;
    let spent_share = budget.spent_share();
    let formula = cache.budget_formula(step.opts.rules);
    let mut score = budget.score(spent_share, weight, formula.as_ref().map(|f| f.0));
    let mut rules: Vec<Cow<'static, str>> = std::iter::once(weight_rule)
        .chain(formula.map(|f| f.1))
        .collect();
    let mut note = None;
    // a rate no budget reaches (its amounts in two money units): the points wait, both
    // readings in the note
    if budget.applicable()
        && !budget.impossible()
        && let Some(share) = spent_share
        && let Some(why) = implausible_execution(step, &budget, share, weight, tally)
    {
        score = None;
        tally.pending += weight;
        note = Some(why);
    }
    if let (Some(s), Some(share)) = (score, spent_share)
        && cache.has_methods(step.opts.rules)
        && let Some(m) = super::budget::by_methods(step.opts.rules, &step.around, share, weight, s)
    {
        score = Some(m.score);
        rules.extend(m.rules);
        note = (!m.how.is_empty()).then_some(m.how);
    }
    // spent ÷ budget past the decimal range: no rate, and the budget's points wait (a finding
    // says why) rather than count 0
    if spent_share.is_none()
        && budget.applicable()
        && !budget.impossible()
        && matches!((budget.budget, budget.spent), (Some(b), Some(_)) if super::budget::positive(b))
    {
        score = None;
        tally.pending += weight;
        tally.findings.push(
            Finding::new(
                crate::codes::EVAL_OUT_OF_RANGE,
                Severity::Error,
                &*step.file,
                format!(
                    "项目“{}”的全年执行数 ÷ 全年预算数超出可计算的范围：预算执行率不给出，{weight} 分待评定",
                    step.project.name
                ),
            )
            .help("核对预算数和执行数的数值与单位")
            .in_project(&step.unit.name, &step.project.name),
        );
    }
    if budget.impossible() {
        tally.pending += weight;
    }
    if budget.rate_doubt {
        note =
            Some("原表执行率没有百分号，读法不定（table.form-rate-doubt），分值待评定".to_owned());
    }
    if let Some(b) = score {
        exact::add_to(&mut tally.total, b);
    }
    differences.extend(published::budget_difference(
        step.unit,
        step.project,
        &budget,
        weight,
        (score, note.as_deref()),
        step.tolerance,
        dp,
        (&step.file, step.source),
    ));
    if budget.applicable() {
        exact::add_to(&mut tally.weights, weight);
    }
    BudgetScored {
        budget,
        weight,
        rules,
        note,
        score,
        execution_rate: spent_share
            .and_then(exact::times_100)
            .map(|r| Shown::new(r, dp)),
    }
}

/// An execution rate no budget reaches — spending over ten times the budget (over 1,000 %),
/// or under a thousandth of it (but above nothing) — is what a budget and a spending in
/// different money units give (2,938,773 元 spent of a 300 万元 budget read as one unit:
/// 979,591 %). It is not scored: the budget line's points wait for a person (the total says
/// 待评定 for them), the note giving both readings — as written, and with the 10,000 between
/// 元 and 万元 — and a warning names it. The note's text, or none where the rate is
/// plausible. A spending below zero is scored 0 with its own warning ([`negative_execution`]).
fn implausible_execution(
    step: &Step<'_, '_>,
    budget: &Budget,
    share: Decimal,
    weight: Decimal,
    tally: &mut Tally,
) -> Option<String> {
    if share.is_sign_negative() && !share.is_zero() {
        negative_execution(step, share, tally);
        return None;
    }
    // (compared on the mantissas: `exact`; the share has 28 decimals where it does not divide)
    let high = exact::cmp(share, Decimal::TEN).is_gt();
    let low = super::budget::positive(share) && exact::cmp(share, Decimal::new(1, 3)).is_lt();
    if !high && !low {
        return None;
    }
    let rate = rate_shown(share);
    let ten_thousand = Decimal::from(10_000);
    // the other reading's rate, and the points it gives by the method's default (the rate,
    // at most 100 %, of the weight): what a person checks the printed 得分 against
    let points = |r: Decimal| {
        weight
            .checked_mul(r.min(Decimal::ONE))
            .map_or_else(String::new, |p| {
                format!("，按此得 {} 分", p.round_dp(2).normalize())
            })
    };
    let (why, other) = if high {
        (
            "超过全年预算数的 10 倍",
            share.checked_div(ten_thousand).map(|r| {
                format!(
                    "若执行数以元计、预算数以万元计，执行率为 {}%{}",
                    rate_shown(r),
                    points(r)
                )
            }),
        )
    } else {
        (
            "不到全年预算数的千分之一",
            share.checked_mul(ten_thousand).map(|r| {
                format!(
                    "若执行数以万元计、预算数以元计，执行率为 {}%{}",
                    rate_shown(r),
                    points(r)
                )
            }),
        )
    };
    let amounts = budget.budget.is_some() && budget.spent.is_some();
    let read = if amounts {
        format!("全年执行数 ÷ 全年预算数为 {rate}%，{why}")
    } else {
        format!("原表预算执行率为 {rate}%，{why}")
    };
    let other = other
        .filter(|_| amounts)
        .map_or_else(String::new, |o| format!("；{o}"));
    tally.findings.push(
        Finding::new(
            crate::codes::EVAL_EXECUTION_IMPLAUSIBLE,
            Severity::Warning,
            &*step.file,
            format!(
                "项目“{}”的预算执行率为 {rate}%：全年执行数{why}，多是二者的金额单位不同（元与万元相差一万倍）；预算执行的 {} 分不计分，待评定",
                step.project.name,
                weight.normalize()
            ),
        )
        .help("核对全年预算数和全年执行数的金额单位")
        .in_project(&step.unit.name, &step.project.name),
    );
    Some(format!(
        "{read}，不可能是实际执行率，多是金额单位不同{other}。请核对全年预算数和全年执行数各以元还是万元计；核对前，预算执行的 {} 分待评定（eval.execution-implausible）",
        weight.normalize()
    ))
}

/// An execution `share` (0.5) shown as a percentage in a finding (`50`), `—` past the decimal
/// range.
fn rate_shown(share: Decimal) -> String {
    share
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|r| r.round_dp(4).normalize().to_string())
        .unwrap_or_else(|| "—".to_owned())
}

/// A spending below zero (全年执行数 -5 of a budget of 100): no budget is executed below
/// nothing, so it is a sign or a column written wrong (a refund, a correction entered as the
/// year's figure). Scored as the method says (0, the rate capped at 0 %), with a warning beside
/// the score: it scored 0 without a word.
#[cold]
fn negative_execution(step: &Step<'_, '_>, share: Decimal, tally: &mut Tally) {
    let rate = rate_shown(share);
    tally.findings.push(
        Finding::new(
            crate::codes::EVAL_EXECUTION_IMPLAUSIBLE,
            Severity::Warning,
            &*step.file,
            format!(
                "项目“{}”的全年执行数为负数（预算执行率 {rate}%）：执行数不会小于 0，预算执行按 0 分计，多是符号或栏目填错",
                step.project.name
            ),
        )
        .help("核对全年执行数：退回、冲销的金额不作为本年执行数填写")
        .in_project(&step.unit.name, &step.project.name),
    );
}

/// A row of the project with its reading (§6) and the actual it is scored with: the actuals
/// file's value, else its grade, else the sheet's own 实际完成值. The actuals file's
/// `not_applicable: true` drops the row, and so does a not-applicable rule (§8.8): the bundled
/// one reads 不适用 written as the actual (a form has no other place for it).
fn read_row<'a>(
    row: &'a IndicatorRow,
    entry: Option<&'a IndicatorActual>,
    around: &Around<'_>,
    year: Option<i32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> Scored<'a> {
    let actual_text = entry
        .and_then(|e| filled(&e.actual))
        .or_else(|| entry.and_then(|e| filled(&e.grade)))
        .or_else(|| filled(&row.actual));
    let reading = cache.reading(opts, row, around, actual_text, year);
    // the not-applicable words (不适用 / 本年不适用 / 不涉及 …) are a rule's
    // (`default.not-applicable.marked`), which a rule file can change or switch off
    let not_applicable =
        entry.is_some_and(|e| e.not_applicable) || reading.decisions.na_rule.is_some();
    Scored {
        row,
        entry,
        reading,
        actual_text,
        weight: Decimal::ZERO,
        weight_rule: None,
        not_applicable,
        method_weight: None,
    }
}

/// The rows of a long project read into `rows`, each holding only a reading that weighs it
/// alike (`long_project`: not its own, 2 KB a row where its indicator is written once).
#[inline(never)]
fn read_long<'a>(
    project: &'a Project,
    taken: &Taken<'a>,
    (around, year): (&Around<'_>, Option<i32>),
    opts: &Options<'_>,
    (cache, rows): (&mut ParseCache, &mut Vec<Scored<'a>>),
) {
    let mut weighing = super::long_project::Weighing::default();
    for (i, row) in project.indicators.iter().enumerate() {
        let mut s = read_row(row, taken.indicator(i), around, year, opts, cache);
        s.reading = weighing.share(s.reading);
        rows.push(s);
    }
}

/// Scores the weighed rows of a long project ([`read_long`]), each read again with its own
/// reading, its weight as weighed (no rule reads another row: `long_project::is_long`).
#[inline(never)]
fn score_long<L: Lines>(
    step: &Step<'_, '_>,
    rows: &[Scored<'_>],
    (tally, differences): (&mut Tally, &mut Vec<Difference>),
    cache: &mut ParseCache,
    lines: &mut L,
) {
    for s in rows {
        let reading = cache.reading(step.opts, s.row, &step.around, s.actual_text, step.year);
        let s = Scored {
            reading,
            weight_rule: s.weight_rule.clone(),
            ..*s
        };
        score_row(step, &s, None, (tally, differences), cache, lines);
    }
}

/// A text cell that holds something besides spaces.
fn filled<S: AsRef<str>>(text: &Option<S>) -> Option<&str> {
    text.as_ref()
        .map(AsRef::as_ref)
        // (most cells begin with a letter or digit: no walk over their characters)
        .filter(|t| {
            t.as_bytes().first().is_some_and(u8::is_ascii_graphic)
                || t.chars().any(|c| !c.is_whitespace())
        })
}

/// What a project's indicators add up to as they are scored.
#[derive(Default)]
pub(super) struct Tally {
    pub counts: VerdictCounts,
    pub total: Decimal,
    /// Points waiting for review.
    pub pending: Decimal,
    /// Points scored on.
    pub weights: Decimal,
    /// Points earned above the rows' own (a `bonus:` rule's).
    pub bonus: Decimal,
    /// Points each bonus rule has added in the project so far (its `max` holds for all of them).
    pub bonus_by_rule: Vec<(Cow<'static, str>, Decimal)>,
    /// The indicators' report lines, where the report keeps them ([`Lines::KEEPS`]).
    pub indicators: Vec<IndicatorReport>,
    /// Whether a row passed or failed (the project has a total).
    pub decided: bool,
    /// Rows that apply.
    pub applicable: usize,
    /// The points of rows that apply and were neither passed nor failed.
    pub undecided: Decimal,
    /// The project's findings: each code's first ones listed, the rest counted and said in one
    /// closing finding a code (`table::listing`: a project of 200,000 rows that each draw one
    /// rule's finding held and wrote them all).
    pub findings: Findings,
    pub vetoes: Vec<VetoHit>,
}

impl Tally {
    /// Adds the scoring of `s`: its findings and vetoes, its verdict, its points scored on,
    /// waiting for review, or earned.
    fn add(
        &mut self,
        s: &Scored<'_>,
        scoring: &Scoring,
        file: &str,
        unit: &UnitRow,
        project: &Project,
    ) {
        let outcome = &scoring.outcome;
        for flag in &scoring.flags {
            self.findings.push(super::checks::finding(
                flag,
                file,
                &unit.name,
                &project.name,
                &s.row.name,
            ));
        }
        self.vetoes.extend(scoring.vetoes.iter().cloned());
        // a row met whose 偏差原因 says the figure is a forecast or the work not done (the
        // eleventh probe: `100人` beside "该数据为预计数，项目尚未完工" passed with full points,
        // not a word); beside the row, never from the memo (the note is not in its key)
        if outcome.verdict == Verdict::Pass
            && let Some(note) = s.row.deviation_note.as_deref()
            && let Some(word) = super::actual::note_not_final(note)
        {
            let flag = super::checks::Flag {
                code: Cow::Borrowed(crate::codes::EVAL_NOTE_NOT_FINAL.as_str()),
                severity: crate::finding::Severity::Warning,
                message: format!(
                    "指标“{}”评为达标，而偏差原因写明“{word}”：实际值可能不是年终的实际结果，请人工核对",
                    s.row.name
                ),
            };
            self.findings.push(super::checks::finding(
                &flag,
                file,
                &unit.name,
                &project.name,
                &s.row.name,
            ));
        }
        self.counts.add(outcome.verdict);
        // (sums and comparisons on the mantissas where they can: `exact`)
        if outcome.verdict != Verdict::NotApplicable {
            exact::add_to(&mut self.weights, s.weight);
            self.applicable += 1;
            match outcome.verdict {
                Verdict::Pass | Verdict::Fail => self.decided = true,
                _ => exact::add_to(&mut self.undecided, s.weight),
            }
        }
        match outcome.verdict {
            Verdict::Review | Verdict::Invalid => exact::add_to(&mut self.pending, s.weight),
            _ => {}
        }
        if let Some(sc) = outcome.score
            && outcome.verdict != Verdict::NotApplicable
        {
            exact::add_to(&mut self.total, sc);
            if exact::cmp(sc, s.weight) == std::cmp::Ordering::Greater {
                self.bonus += sc - s.weight;
            }
        }
    }
}

/// The project's grade (§8.1, §8.10): its total graded out of the points it was scored on
/// (a finding in front where those are not 100); the vetoes and caps that hold lower it to the
/// harshest of theirs, whatever the order of the rows (a veto sets the total where it says
/// so), each a finding of its own.
fn grade(
    m: &Methodology,
    tally: &mut Tally,
    file: &str,
    unit: &UnitRow,
    project: &Project,
) -> String {
    // (no veto, nearly every project: the grade is the total's, nothing to limit)
    let vetoed = !tally.vetoes.is_empty();
    let veto_total = match vetoed {
        true => super::checks::limit_grade(m, "", &tally.vetoes).1,
        false => None,
    };
    // a veto's total lowers the total, never raises it (`total: 59` for "得分不超过59分" left a
    // 40-point project at 59): as a veto never raises the grade
    let earned = tally.total;
    if let Some(t) = veto_total {
        tally.total = t.min(earned);
    }
    let mut graded = super::total::grade(
        m,
        tally.total,
        tally.weights,
        file,
        &unit.name,
        &project.name,
    );
    let limited = vetoed.then(|| super::checks::limit_grade(m, &graded.grade, &tally.vetoes).0);
    tally.findings.put_first(graded.finding.take());
    if tally.bonus > Decimal::ZERO && veto_total.is_none() {
        tally.findings.push(
            crate::finding::Finding::new(
                crate::codes::EVAL_BONUS,
                crate::finding::Severity::Info,
                file,
                format!(
                    "总分 {} 含加分 {} 分（分值合计 {}），可超过分值合计，至多超过各加分规则的上限",
                    crate::report_model::Shown::new(tally.total, m.precision.value),
                    crate::report_model::Shown::new(tally.bonus, m.precision.value),
                    crate::report_model::Shown::new(tally.weights, m.precision.value)
                ),
            )
            .in_project(&unit.name, &project.name),
        );
    }
    for v in &tally.vetoes {
        tally.findings.push(super::checks::veto_finding(
            v,
            earned,
            &graded.grade,
            limited.as_deref().unwrap_or(&graded.grade),
            file,
            &unit.name,
            &project.name,
        ));
    }
    limited.unwrap_or(graded.grade)
}
