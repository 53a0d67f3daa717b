//! One indicator scored (contract §8.2–8.5, §8.8): its actual (and plan) read against its target
//! with its weight, by the national formulas ([`score`](mod@super::score)), then a formula a rule
//! names ([`formula`](super::formula)), then tiers, deductions and floors
//! ([`method`](super::method)); a row that does not apply is not scored. The checks and vetoes
//! that read the actual ride along ([`checks`](super::checks)). Outcomes of rows scored alike
//! are kept by [`memo`](super::memo).

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::actual::{self, Actual};
use super::actuals_file::IndicatorActual;
use super::evaluate::Options;
use super::memo::ParseCache;
use super::methodology::Ruled;
use super::reading::{Around, Reading};
use super::score::{Outcome, Verdict, distributive, score, score_read};
use crate::report_model::table_rules;
use crate::rules::Facts;
use crate::table::model::IndicatorRow;

/// An indicator row of a project with its reading, the actual it is scored with and its
/// weight.
pub(super) struct Scored<'a> {
    pub row: &'a IndicatorRow,
    /// Its entry in the actuals file, where one matched.
    pub entry: Option<&'a IndicatorActual>,
    pub reading: Rc<Reading>,
    pub actual_text: Option<&'a str>,
    pub weight: Decimal,
    pub weight_rule: Option<Cow<'static, str>>,
    pub not_applicable: bool,
    /// The row's points on the method's own scale, where the weight it is scored on was
    /// rescaled from them (categories missing, rows not applicable): a rule's absolute points
    /// are rescaled with it.
    pub method_weight: Option<Decimal>,
}

impl Scored<'_> {
    /// What a rule's `when:` reads of this row, with `actual` as read: the weight is the one it
    /// is scored on (a rule's, or its share of the category), as the report shows it.
    pub(super) fn facts<'f>(
        &'f self,
        around: &Around<'f>,
        actual: Option<&'f crate::lang::Quantity>,
    ) -> Facts<'f> {
        Facts {
            indicator: Some(&self.row.name),
            category: self.reading.category.as_deref(),
            subcategory: self.row.subcategory.as_deref(),
            project: Some(around.project),
            unit_name: Some(around.unit),
            department: around.department,
            target_text: Some(&self.row.target),
            target: Some(&self.reading.parsed.target),
            actual_text: self.actual_text,
            actual,
            weight: Some(self.weight),
        }
    }
}

impl<'a> Scored<'a> {
    /// The plan value (or the baseline of a relative target) from the actuals file, else the
    /// 计划数 a form gives.
    pub fn plan_text(&self) -> Option<&'a str> {
        self.entry
            .and_then(|a| a.figure_for(&self.reading.parsed.target))
            .or(self.row.plan.as_deref().filter(|p| !p.trim().is_empty()))
    }

    /// The actual it was scored with (the row's own text shared, where it came from the row).
    pub fn actual(&self) -> Option<Arc<str>> {
        let text = self.actual_text?;
        match &self.row.actual {
            Some(a) if std::ptr::eq(a.as_ptr(), text.as_ptr()) => Some(a.to_arc()),
            _ => Some(Arc::from(text)),
        }
    }

    /// The weight [`Scored::given`] gives, without its rule.
    #[inline]
    pub fn given_weight(&self) -> Option<Decimal> {
        match self.row.weight {
            Some(w) => Some(w),
            None => self.reading.decisions.rule_weight.as_ref().map(|(w, _)| *w),
        }
    }

    /// A weight given for this indicator: the sheet's 分值, else a rule's `indicator_weight`.
    pub fn given(&self) -> Option<(Decimal, Cow<'static, str>)> {
        match self.row.weight {
            Some(w) => Some((w, Cow::Borrowed(table_rules::SHEET_WEIGHT))),
            None => self.reading.decisions.rule_weight.clone(),
        }
    }
}

/// An indicator's outcome and the note its report shows (the formula, then each remark), put
/// together once for all the indicators scored alike.
pub(super) struct Scoring {
    pub outcome: Outcome,
    pub note: Arc<str>,
    /// Checks on the actual that fail (findings beside the project's total).
    pub flags: Vec<super::checks::Flag>,
    /// Vetoes that hold.
    pub vetoes: Vec<super::checks::VetoHit>,
    /// Points a bonus rule added (the project holds them to the rule's maximum).
    pub bonus: Option<super::method::BonusGiven>,
    /// What the streamed run's writer rendered of the lines scored so (their middle), for the
    /// next such line ([`IndicatorLine::middle_kept`](crate::report_model::IndicatorLine)).
    pub rendered: crate::report_model::Kept,
}

impl Scoring {
    pub fn new(outcome: Outcome) -> Self {
        // the formula alone (most notes) is copied once, not built and copied again
        let note = match outcome.remarks.as_slice() {
            [] => Arc::from(outcome.formula.as_str()),
            remarks => {
                let mut note = outcome.formula.clone();
                for r in remarks {
                    note.push('；');
                    note.push_str(r);
                }
                Arc::from(note)
            }
        };
        Scoring {
            note,
            outcome,
            flags: Vec::new(),
            vetoes: Vec::new(),
            bonus: None,
            rendered: Default::default(),
        }
    }
}

/// The scoring of `s`: not applicable (§8.8), else its outcome as scored before for the same
/// reading, actual, plan and weight, else scored now.
pub(super) fn scoring(
    s: &Scored<'_>,
    around: &Around<'_>,
    year: Option<i32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> Rc<Scoring> {
    if s.not_applicable {
        return Rc::new(Scoring::new(Outcome {
            verdict: Verdict::NotApplicable,
            score: None,
            formula: "本年不适用，不计分；项目总分按其余指标折算".into(),
            rules: s.reading.decisions.na_rule.iter().cloned().collect(),
            remarks: vec![],
        }));
    }
    let plan_text = s.plan_text();
    // an outcome on a rescaled weight depends on the method's points too, where the row has
    // absolute points (a rule's, or a grade written in 分): not memoised then
    let own_scale = s.method_weight.is_none_or(|mw| mw == s.weight)
        || !(s
            .reading
            .decisions
            .method
            .as_ref()
            .is_some_and(|m| m.has_points())
            || matches!(
                s.reading.decisions.formula,
                Some(crate::rules::Formula::Graded)
            )
            || matches!(
                s.reading.parsed.target,
                crate::lang::Target::Qualitative { .. }
            ));
    // a plain figure against a plain comparison (`96.578%` against `≥95%`, `4.3秒` against
    // `≤4秒`), read once with integers (`plain`)
    let figure = match s.actual_text {
        Some(text) if own_scale && plan_text.is_none() => plain_target(s, opts)
            .and_then(|target| target.figure(text).map(|f| (target, f, target.holds(f)))),
        _ => None,
    };
    // one that meets it: the plain pass kept for the reading at this weight, before any memo
    // is asked (the general path below gives the same outcome: `plain::tests`)
    if let Some((_, _, true)) = figure
        && let Some(o) = cache.plain_pass(&s.reading, s.weight)
    {
        return o;
    }
    if own_scale && let Some(o) = cache.outcome(&s.reading, s.actual_text, plan_text, s.weight) {
        return o;
    }
    let read = match figure {
        // one that misses it (a varied sheet's partial credit, `30 × 4 ÷ 4.3`): the figure as
        // `read_actual` reads it, without reading the text again (`plain::tests` holds the two
        // to the byte), scored by the general path below
        Some((target, f, false)) => plain_read(target, f),
        _ => read_actual(s, year, opts, cache),
    };
    // an actual that meets its target plainly (`98.137%` against `≥95%`): one outcome for every
    // such figure of the reading at this weight, scored once (asked only after the maps above
    // missed: a varied sheet's figures each of their own miss them)
    let plain = own_scale
        && plan_text.is_none()
        && !matches!(figure, Some((_, _, false)))
        && plain_pass(s, opts, &read);
    if plain && let Some(o) = cache.plain_pass(&s.reading, s.weight) {
        cache.keep_outcome(&s.reading, s.actual_text, o.clone());
        return o;
    }
    let (outcome, actual, flags, bonus) = score_reading(s, plan_text, year, opts, cache, read);
    let mut scoring = Scoring::new(outcome);
    scoring.bonus = bonus;
    if opts.rules.asks_of_actuals() {
        (scoring.flags, scoring.vetoes) = on_actual(s, &actual, around, opts);
    }
    scoring.flags.splice(0..0, flags);
    let o = Rc::new(scoring);
    if plain {
        cache.keep_plain_pass(&s.reading, s.weight, &o);
    }
    if own_scale {
        cache.keep_outcome(&s.reading, s.actual_text, o.clone());
    }
    o
}

/// A plain figure's value `f` in the unit of its [`PlainTarget`](super::plain::PlainTarget),
/// as [`read_actual`] reads it where the reading leaves it to the target's own formula
/// ([`plain_target`]): a quantity in the target's unit, nothing borrowed or copied, not
/// converted, no finding.
fn plain_read(target: &super::plain::PlainTarget, f: Decimal) -> Read {
    let quantity = crate::lang::Quantity::new(f, target.unit().cloned());
    let actual = Actual::Quantity {
        quantity,
        unit_from_target: false,
        copied_comparator: false,
        approximate: false,
    };
    (actual, None, Vec::new())
}

/// Whether the row's actual, as [`read_actual`] read it, meets its target plainly
/// ([`meets_plainly`](super::score::meets_plainly): no `convert:` rule brought it, no grade
/// was read from it) where the reading leaves the outcome to the target's own formula: no
/// tiers, deductions or floor (they read the figure), no graded formula (it reads the
/// actual's words), not distributive (each item's figure), no late penalty, no check or veto
/// on the actual (they read it too). Every other formula a rule names keeps a met outcome as
/// it is, but for a remark that depends on the target alone
/// ([`formula::apply`](super::formula::apply)). Such rows have one outcome whatever their
/// figure.
fn plain_pass(s: &Scored<'_>, opts: &Options<'_>, (actual, converted, flags): &Read) -> bool {
    let d = &s.reading.decisions;
    converted.is_none()
        && flags.is_empty()
        && d.method.is_none()
        && d.late_penalty.is_none()
        && !matches!(d.formula, Some(crate::rules::Formula::Graded))
        && super::score::meets_plainly(&s.reading.parsed.target, actual)
        && !distributive::is_distributive(&s.reading.parsed)
        && !opts.rules.asks_of_actuals()
}

/// The reading's target as integers ([`PlainTarget`](super::plain::PlainTarget)) where the
/// reading leaves a plain figure's outcome to the target's own formula, as [`plain_pass`]
/// asks of it (no method, late penalty or graded formula, not distributive, no rule on the
/// actual); worked out once a reading.
fn plain_target<'r>(
    s: &'r Scored<'_>,
    opts: &Options<'_>,
) -> Option<&'r super::plain::PlainTarget> {
    s.reading
        .memo
        .plain_target
        .get_or_init(|| {
            let d = &s.reading.decisions;
            let plain = d.method.is_none()
                && d.late_penalty.is_none()
                && !matches!(d.formula, Some(crate::rules::Formula::Graded))
                && !distributive::is_distributive(&s.reading.parsed)
                && !opts.rules.asks_of_actuals()
                && actual::target_period_thousands(&s.row.target).is_none()
                && !is_grade_target(&s.reading.parsed.target)
                && !names_a_fall(&s.row.name, &s.row.target);
            plain
                .then(|| super::plain::PlainTarget::of(&s.reading.parsed.target))
                .flatten()
        })
        .as_ref()
}

/// The checks on the actual that fail and the vetoes that hold for `s` scored with `actual`.
fn on_actual(
    s: &Scored<'_>,
    actual: &Actual,
    around: &Around<'_>,
    opts: &Options<'_>,
) -> (Vec<super::checks::Flag>, Vec<super::checks::VetoHit>) {
    let quantity = match actual {
        Actual::Quantity { quantity, .. } => Some(quantity),
        _ => None,
    };
    let facts = s.facts(around, quantity);
    super::checks::on_actual(opts.rules, facts)
}

/// What scoring a row adds beside its outcome: the checks' findings and a bonus rule's points.
type Beside = (Vec<super::checks::Flag>, Option<super::method::BonusGiven>);

/// Scores one indicator: its actual (and plan) read against its target, with its weight; the
/// actual as read beside it. Step by step: the actual read ([`read_actual`]), the plan read,
/// the national formula, a rule's formula and the method's tiers, deductions and floor
/// ([`formula_and_method`]), for each item of a distributive target ([`distributed`]); then
/// the rules named and the remarks on the outcome ([`noted`]).
fn score_reading(
    s: &Scored<'_>,
    plan_text: Option<&str>,
    year: Option<i32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
    (actual, converted, flags): Read,
) -> (
    Outcome,
    Actual,
    Vec<super::checks::Flag>,
    Option<super::method::BonusGiven>,
) {
    let plan = plan_text.map(|t| read_text(s, t, year, cache));
    let (actual, flags) = rate_change(s, actual, plan.as_ref(), flags);
    let mut beside = (flags, None);
    let o = if distributive::is_distributive(&s.reading.parsed) {
        distributed(s, &actual, plan.as_ref(), year, opts, cache, &mut beside)
    } else {
        formula_and_method(s, &actual, plan.as_ref(), year, opts, &mut beside)
    };
    let o = noted(s, o, converted.map(|(_, rule)| rule), opts);
    (o, actual, beside.0, beside.1)
}

/// An actual a `convert:` rule brought to the target's unit, and the rule.
type Converted = (Actual, Cow<'static, str>);

/// The row's actual as [`read_actual`] reads it: as scored, converted, and the findings.
type Read = (Actual, Option<Converted>, Vec<super::checks::Flag>);

/// The actuals that read two ways with opposite verdicts (`1.200人`, a grade's order, a fall
/// written signed, a deadline without its year): each made a text a person grades, with the
/// finding that names both readings.
fn two_readings(
    s: &Scored<'_>,
    target: &crate::lang::Target,
    actual: &mut Actual,
    flags: &mut Vec<super::checks::Flag>,
) {
    let Some(t) = s.actual_text else { return };
    let (name, written) = (&s.row.name, &s.row.target);
    // each doubt reads an actual that is still a figure (or a date): the first found makes it
    // a text, told both readings
    let flag = match &*actual {
        Actual::Quantity { quantity, .. } => {
            // `1.200人` (the actual, or `≥1.000人` the target): 1200 people or 1.2
            actual::period_thousands(t)
                .map(|d| ("实际值", t.trim(), d))
                .or_else(|| {
                    actual::target_period_thousands(written).map(|d| ("目标值", written.trim(), d))
                })
                .map(|(what, w, (figure, unit))| period_flag(name, what, w, figure, unit))
                // a grade (`二级以上` against `一级`): read by the figures and read first-best,
                // the verdicts differ where the two are not the same grade
                .or_else(|| grade_order_flag(name, target, quantity, written, t))
                // a fall written signed (`-8%`) against a bound on its size (`降幅5%以内`,
                // `下降率≤5%`): read as the fall's size (8%) and as written (-8%)
                .or_else(|| {
                    quantity
                        .value
                        .is_sign_negative()
                        .then(|| fall_sign_flag(name, target, quantity, written, t))
                        .flatten()
                })
                // a range written high end first (`5-3万元`, `100%-90%`): as written no figure
                // lies in it (every actual fails against the nearer end), read the other way
                // round it may pass
                .or_else(|| range_reversed_flag(name, target, written, t))
        }
        // a deadline without a year (`12月底前`) where no year is known, against a dated
        // actual (`2024年1月15日`): read in the actual's year it was on time, in the year
        // before late
        Actual::Date(done) => deadline_year_flag(name, target, *done, written, t).or_else(|| {
            // `2023年第三季度前` against a date in that quarter: late or on time by the reading
            let m = super::period_before::doubt(name, target, *done, written, t)?;
            Some(doubt(crate::codes::EVAL_PERIOD_BEFORE, m))
        }),
        _ => None,
    };
    if let Some(flag) = flag {
        flags.push(flag);
        *actual = Actual::Text(t.trim().to_owned());
    }
}

/// `text` read as an actual (or plan) against the row's target.
fn read_text(s: &Scored<'_>, text: &str, year: Option<i32>, cache: &mut ParseCache) -> Actual {
    let target = &s.reading.parsed.target;
    actual::read_with(text, target, Some(&s.row.name), year, &mut |t, ctx| {
        cache.parse(t, ctx)
    })
}

/// The row's actual as it is scored: read, brought to the target's unit by a `convert:` rule
/// (the converted actual and the rule beside it), read as a grade where one is wanted, or as
/// an answer to a yes/no target; the findings of reading a grade.
fn read_actual(
    s: &Scored<'_>,
    year: Option<i32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> Read {
    let target = &s.reading.parsed.target;
    let mut actual = match &s.actual_text {
        Some(t) => read_text(s, t, year, cache),
        None => Actual::Missing,
    };
    // the actual's figure and the target's written in magnitudes that differ, read two ways ten
    // thousand times apart: a person decides where the two readings disagree.
    // - A bare figure against a target with a magnitude (`100` against `≥100万元`, held in 元):
    //   `100` is 100万元 as readily as 100元 (the tenth probe scored it 0 "按目标值单位读取");
    //   where both readings meet the target (`90` against `≤90万元`) it is scored as before.
    // - Its mirror, a figure with a magnitude against a bare target (`80万元` against `≥100`,
    //   the column's unit in its header or nowhere): held as 800000元 it met the 100 with full
    //   points where the office reached 80 of 100万元 (the eleventh probe).
    if let Actual::Quantity {
        unit_from_target,
        quantity,
        ..
    } = &actual
        && let Some(t) = s.actual_text
    {
        let t = t.trim();
        let doubtful = if *unit_from_target {
            actual::bare_figure_is_ambiguous(t, quantity, target, &s.row.target)
        } else {
            actual::magnitude_against_bare_target(t, quantity, target, &s.row.target)
        };
        if doubtful {
            actual = Actual::Text(t.to_owned());
        }
    }
    let mut flags = Vec::new();
    two_readings(s, target, &mut actual, &mut flags);
    // a unit only a `convert:` rule brings to the target's
    let converted = super::method::convert_actual(opts.rules, target, &actual);
    if let Some((a, _)) = &converted {
        actual = a.clone();
    }
    // a grade as the rules word it (`words:`, `部分达成(75%)`, `7.5分`): on a qualitative
    // target, and on any target a `formula: graded` rule leaves to a person's grade
    let graded = matches!(
        s.reading.decisions.formula,
        Some(crate::rules::Formula::Graded)
    );
    if let (true, Some(text)) = (
        graded || matches!(target, crate::lang::Target::Qualitative { .. }),
        s.actual_text,
    ) {
        let applied = opts.rules.apply(Facts {
            indicator: Some(&s.row.name),
            category: s.reading.category.as_deref(),
            subcategory: s.row.subcategory.as_deref(),
            ..Facts::default()
        });
        // points written (`8分`) are on the method's scale: a share of its points
        let own = s.method_weight.unwrap_or(s.weight);
        if let Some((a, flag)) = super::grades::read(&applied, text, &actual, own) {
            // `4.6分` against `测评得分4.5分以上`: the survey's figure, or the points earned?
            if matches!(a, Actual::Share(_))
                && text.trim().ends_with('分')
                && matches!(target, crate::lang::Target::Qualitative { .. })
                && super::grades::target_writes_points(&s.row.target)
            {
                flags.push(points_or_figure_flag(&s.row.name, &s.row.target, text));
                return (Actual::Text(text.trim().to_owned()), converted, flags);
            }
            if s.method_weight.is_some_and(|mw| mw != s.weight)
                && matches!(a, Actual::Share(_))
                && text.trim().ends_with('分')
            {
                flags.push(rescaled_flag(&s.row.name, own, s.weight));
            }
            actual = a;
            flags.extend(flag);
        }
    }
    // a yes/no target answered in other words (`达成`, `有利于…` for `是否利于…`)
    if let (false, crate::lang::Target::Boolean { .. }, Some(text)) =
        (graded, target, s.actual_text)
        && let Some(a) = actual::answer(&actual, text, target, &s.row.target)
    {
        actual = a;
    }
    (actual, converted, flags)
}

/// One value scored: the national formula, a rule's formula, then the method's tiers,
/// deductions and floor (their findings and a bonus's points into `beside`).
fn formula_and_method(
    s: &Scored<'_>,
    actual: &Actual,
    plan: Option<&Actual>,
    year: Option<i32>,
    opts: &Options<'_>,
    (flags, bonus): &mut Beside,
) -> Outcome {
    let m = opts.methodology;
    let (target, per_period) = (&s.reading.parsed.target, s.reading.per_period);
    let mut o = match &s.reading.decisions.late_penalty {
        Some((p, rule)) => {
            let mut with_penalty = m.clone();
            with_penalty.deadline_penalty_per_month = Some(Ruled::new(*p, rule.clone()));
            score_read(target, per_period, actual, plan, s.weight, &with_penalty)
        }
        None => score_read(target, per_period, actual, plan, s.weight, m),
    };
    // a bare zero whose name reads the other way (`收入增长率 0%`): a person, where it matters
    if let Some(alt) = &s.reading.zero_otherwise
        && let Some(r) = super::score::zero_either_way(
            &o,
            (&alt.0, &alt.1),
            actual,
            plan,
            s.weight,
            m,
            &s.row.name,
        )
    {
        return r;
    }
    // a count's range past its top, where more is better: met (`reading::open_top`)
    if let Some(alt) = &s.reading.open_top
        && o.verdict == Verdict::Fail
        && let crate::lang::Target::Range { high, .. } = target
    {
        let floor = score(&alt.0, actual, plan, s.weight, m);
        if floor.verdict == Verdict::Pass {
            o = floor;
            o.formula = format!(
                "高于区间上限 {}：数量越多越好（规则 {}），区间上限不作为上限，{}",
                high.value.normalize(),
                alt.1,
                o.formula
            );
            o.rules.push(alt.1.clone());
        }
    }
    if let Some(f) = s.reading.decisions.formula {
        o = super::formula::apply(f, target, actual, s.weight, m, o);
    }
    let Some(method) = &s.reading.decisions.method else {
        return o;
    };
    let written = super::method::Written {
        indicator: &s.row.name,
        target: &s.row.target,
        actual: s.actual_text,
        year,
    };
    // a weight rescaled from the method's points rescales the rules' absolute points too
    let (rescaled, scaled) = super::method::rescale(method, s.weight, s.method_weight);
    let Some(scaled) = scaled else {
        return super::method::out_of_range(method, o, written, flags);
    };
    let rules = scaled.as_ref().unwrap_or(method);
    let (out, flag, given) =
        super::method::apply_with_bonus(rules, target, actual, written, s.weight, o);
    o = out;
    flags.extend(flag);
    *bonus = given;
    if let Some(mw) = rescaled {
        o.formula = format!("{}；{}", o.formula, method.scale_note(mw, s.weight));
        flags.push(rescaled_flag(&s.row.name, mw, s.weight));
    }
    o
}

/// A distributive target (`分别≥90%` under `门诊和住院…`): each item's value scored, or one
/// value for all.
fn distributed(
    s: &Scored<'_>,
    actual: &Actual,
    plan: Option<&Actual>,
    year: Option<i32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
    beside: &mut Beside,
) -> Outcome {
    let target = &s.reading.parsed.target;
    let written = &s.row.target;
    let items_text = s
        .reading
        .parsed
        .spans
        .items
        .clone()
        .and_then(|r| written.get(r))
        .unwrap_or(&s.row.name);
    let items = distributive::items(items_text);
    match s.actual_text.and_then(distributive::parts) {
        Some(parts) if items.len() >= 2 && items.len() != parts.len() => {
            distributive::count_differs(parts.len(), items.len())
        }
        Some(parts) => {
            let mut scored = Vec::with_capacity(parts.len());
            for (k, (label, value)) in parts.into_iter().enumerate() {
                let mut a = read_text(s, value, year, cache);
                if let Some((c, _)) = super::method::convert_actual(opts.rules, target, &a) {
                    a = c;
                }
                let label = match (label, items.get(k)) {
                    ("", Some(item)) if items.len() >= 2 => (*item).to_owned(),
                    ("", _) => format!("第 {} 项", k + 1),
                    (l, _) => l.to_owned(),
                };
                scored.push((
                    label,
                    value,
                    formula_and_method(s, &a, plan, year, opts, beside),
                ));
            }
            distributive::combine(scored)
        }
        None => {
            let mut o = formula_and_method(s, actual, plan, year, opts, beside);
            if items.len() >= 2 && !matches!(actual, Actual::Missing) {
                o.remarks.push(distributive::ONE_FOR_ALL);
            }
            o
        }
    }
}

/// The outcome with the rules that decided it named (the formula rule first, a `convert:`
/// rule last) and its remarks: a user's formula rule waiting on the row's score, points not
/// given where no rule gives the category's.
fn noted(
    s: &Scored<'_>,
    mut o: Outcome,
    converted: Option<Cow<'static, str>>,
    opts: &Options<'_>,
) -> Outcome {
    if let Some(rule) = &s.reading.decisions.formula_rule {
        o.rules.insert(0, rule.clone());
        // a formula rule of a user's file whose `when:` holds leaves a note where the row
        // waits, too (the bundled ones give every kind its formula: a note on each would say
        // nothing)
        if let Some(f) = s.reading.decisions.formula
            && matches!(
                o.verdict,
                Verdict::Review | Verdict::Invalid | Verdict::Missing
            )
            && opts.rules.rule(rule).is_some_and(|r| {
                !crate::rules::BUNDLED
                    .iter()
                    .any(|(name, _)| *name == &*r.rref.file)
            })
        {
            let name = crate::rules::model::formula_name(f);
            if !o.formula.contains(&format!("formula: {name}")) {
                o.formula = format!(
                    "{}；公式规则 {rule}（formula: {name}）的条件成立，本行得分确定后按它计分",
                    o.formula
                );
            }
        }
    }
    if let Some(rule) = converted {
        o.rules.push(rule);
    }
    if s.reading.pool.is_none()
        && s.weight.is_zero()
        && !matches!(o.verdict, Verdict::Review | Verdict::Invalid)
    {
        o.remarks.push(if s.reading.category.is_none() {
            "无一级指标，未分配分值"
        } else {
            "一级指标没有分值规则（category_weight），未分配分值"
        });
    }
    o
}

/// The finding that a row's absolute points (a rule's, or written) were rescaled with its
/// weight: `eval.points-rescaled`.
/// `eval.period-thousands`: `written` (the actual or the target, `what`) counts whole `unit`s
/// with a period before three digits (`figure`): both readings named.
fn period_flag(
    indicator: &str,
    what: &str,
    written: &str,
    figure: &str,
    unit: &str,
) -> super::checks::Flag {
    let decimal = figure
        .parse::<Decimal>()
        .map_or_else(|_| figure.to_owned(), |d| d.normalize().to_string());
    doubt(
        crate::codes::EVAL_PERIOD_THOUSANDS,
        format!(
            "指标“{indicator}”：{what}「{written}」是{unit}数，应为整数；其中的小数点可能是千位分隔符（{}{unit}），也可能是小数（{decimal}{unit}），待人工核对",
            figure.replace('.', "")
        ),
    )
}

/// The unit of a grade (`二级`, `一级以上`).
const GRADE: &str = "级";

/// Whether `target` compares grades (`≥ 2 级`): its order is the field's ([`grade_order_flag`]),
/// so a figure against it is never scored on the plain path.
fn is_grade_target(target: &crate::lang::Target) -> bool {
    matches!(target, crate::lang::Target::Compare { quantity, .. }
        if quantity.unit.as_ref().is_some_and(|u| u.as_str() == GRADE))
}

/// `eval.grade-order`: a comparison of grades (`级`: `二级以上`, bare `一级`) whose verdict
/// read by the figures (`≥ 2 级`) and read with the first grade the highest (`≤ 2 级`) differ
/// for this actual. A grade equal to the target's, or one both readings agree on, is scored.
fn grade_order_flag(
    indicator: &str,
    target: &crate::lang::Target,
    actual: &crate::lang::Quantity,
    target_text: &str,
    actual_text: &str,
) -> Option<super::checks::Flag> {
    use crate::lang::Target;
    let Target::Compare { op, quantity } = target else {
        return None;
    };
    if !is_grade_target(target) || actual.unit.as_ref().is_some_and(|u| u.as_str() != GRADE) {
        return None;
    }
    let by_figures = op.holds(actual.value, quantity.value);
    let first_best = op.reversed().holds(actual.value, quantity.value);
    (by_figures != first_best).then(|| {
        doubt(
            crate::codes::EVAL_GRADE_ORDER,
            format!(
                "指标“{indicator}”：目标「{}」、实际「{}」是等级，高低方向未知：按数字越大等级越高读为{}，按一级最高读为{}，待人工评定",
                target_text.trim(),
                actual_text.trim(),
                verdict_word(by_figures),
                verdict_word(first_best),
            ),
        )
    })
}

/// `eval.range-reversed`: a range whose low end is above its high end (`5-3万元`, held as
/// `[50000, 30000]`): no figure lies in it as written, and which range was meant (`3-5万元`,
/// or a miswritten end such as `3万-5千元`) is not for jixiao to guess.
fn range_reversed_flag(
    indicator: &str,
    target: &crate::lang::Target,
    target_text: &str,
    actual_text: &str,
) -> Option<super::checks::Flag> {
    let crate::lang::Target::Range { low, high, .. } = target else {
        return None;
    };
    (low.value > high.value).then(|| {
        doubt(
            crate::codes::EVAL_RANGE_REVERSED,
            format!(
                "指标“{indicator}”：目标「{}」是区间，下限 {} 大于上限 {}，两端可能写反了：按所写读，任何实际值都不在区间内；实际「{}」是否达标无法确定，待人工评定",
                target_text.trim(),
                low.value.normalize(),
                high.value.normalize(),
                actual_text.trim(),
            ),
        )
    })
}

/// `eval.rate-change`: a rate's change in `%` against a baseline in `%` (`较上年提高5%`, 上年
/// 80%) reads as a share of the rate (84%) or as points (85%): where the actual meets one and
/// misses the other, a person decides, told both (the actual made a text, as
/// `two_readings` makes its doubts).
fn rate_change(
    s: &Scored<'_>,
    actual: Actual,
    plan: Option<&Actual>,
    mut flags: Vec<super::checks::Flag>,
) -> (Actual, Vec<super::checks::Flag>) {
    let (
        crate::lang::Target::Relative { op, change, unit },
        Actual::Quantity { quantity, .. },
        Some(Actual::Quantity { quantity: base, .. }),
        Some(t),
    ) = (&s.reading.parsed.target, &actual, plan, s.actual_text)
    else {
        return (actual, flags);
    };
    match super::score::share_or_points(*op, *change, unit.as_ref(), quantity, base) {
        Some(both) => {
            flags.push(doubt(
                crate::codes::EVAL_RATE_CHANGE,
                format!(
                    "指标“{}”：目标「{}」、实际「{}」：{both}，待人工评定",
                    s.row.name,
                    s.row.target.trim(),
                    t.trim()
                ),
            ));
            (Actual::Text(t.trim().to_owned()), flags)
        }
        None => (actual, flags),
    }
}

/// A reading's verdict in words (`达标`, `未达标`).
fn verdict_word(met: bool) -> &'static str {
    if met { "达标" } else { "未达标" }
}

/// A warning that the row waits for a person (`eval.period-thousands`, `eval.grade-order`,
/// `eval.fall-sign`: the figure reads two ways).
fn doubt(code: crate::codes::Code, message: String) -> super::checks::Flag {
    super::checks::Flag {
        code: code.into(),
        severity: crate::finding::Severity::Warning,
        message,
    }
}

/// Words that name a fall's size (`降幅`, `下降率`, `成本降低5%以内`).
const FALL_WORDS: &[&str] = &["降幅", "下降", "降低", "减少", "减幅", "压减", "缩减"];

/// Whether the indicator's name or its target names a fall's size ([`FALL_WORDS`]).
fn names_a_fall(name: &str, target: &str) -> bool {
    FALL_WORDS
        .iter()
        .any(|w| name.contains(w) || target.contains(w))
}

/// `eval.fall-sign`: a negative actual (`-8%`) against a positive bound on a fall's size
/// (`降幅5%以内`): `-8%` says a fall of 8% (beyond the 5%) or a fall of -8% (a rise, within
/// it). Where the size and the signed figure give the same verdict (`-3%`), it is scored.
fn fall_sign_flag(
    indicator: &str,
    target: &crate::lang::Target,
    actual: &crate::lang::Quantity,
    target_text: &str,
    actual_text: &str,
) -> Option<super::checks::Flag> {
    let crate::lang::Target::Compare { op, quantity } = target else {
        return None;
    };
    if !quantity.value.is_sign_positive()
        || quantity.value.is_zero()
        || !names_a_fall(indicator, target_text)
    {
        return None;
    }
    let signed = op.holds(actual.value, quantity.value);
    let size = op.holds(actual.value.abs(), quantity.value);
    (signed != size).then(|| {
        doubt(
            crate::codes::EVAL_FALL_SIGN,
            format!(
                "指标“{indicator}”：目标「{}」限定下降的幅度，实际「{}」带负号：按下降了 {} 读为{}，按所写的负数读为{}，待人工评定",
                target_text.trim(),
                actual_text.trim(),
                actual_text.trim().trim_start_matches(['-', '－', '−']),
                verdict_word(size),
                verdict_word(signed),
            ),
        )
    })
}

/// `eval.deadline-year-unknown`: a deadline written without its year (`12月底前`, no year
/// from `--year`, the actuals file or the form's title) against a date with one
/// (`2024年1月15日`). The target's year is the budget year, which the actual's year does not
/// tell: in that year the date may be on time, in the year before it is late. Where the two
/// readings agree (a date in a later month than the deadline's), it is scored.
fn deadline_year_flag(
    indicator: &str,
    target: &crate::lang::Target,
    done: crate::lang::CalendarDate,
    target_text: &str,
    actual_text: &str,
) -> Option<super::checks::Flag> {
    use std::cmp::Ordering;
    let crate::lang::Target::Deadline { op, date } = target else {
        return None;
    };
    let (None, Some(year)) = (date.year, done.year) else {
        return None;
    };
    // the order of the date against the deadline read in the date's own year; a month with
    // no day to tell is the scoring's own question, not this one
    let same_year = match done.month.cmp(&date.month) {
        Ordering::Equal => done.day.zip(date.day).map(|(a, b)| a.cmp(&b))?,
        o => o,
    };
    let in_time = |order| super::score::in_time(*op, order);
    let (this, before) = (in_time(same_year), in_time(Ordering::Greater));
    (this != before).then(|| {
        let word = |on: bool| if on { "按期完成" } else { "逾期" };
        doubt(
            crate::codes::EVAL_DEADLINE_YEAR_UNKNOWN,
            format!(
                "指标“{indicator}”：目标「{}」未写年份，表中也没有年度，实际「{}」：预算年度为 {year} 年读为{}，为 {} 年读为{}，待人工评定（可用 --year 指定预算年度）",
                target_text.trim(),
                actual_text.trim(),
                word(this),
                year - 1,
                word(before),
            ),
        )
    })
}

/// `eval.points-or-figure`: an actual in 分 against a qualitative target that writes its own
/// figure in 分: both readings named.
fn points_or_figure_flag(indicator: &str, target: &str, actual: &str) -> super::checks::Flag {
    doubt(
        crate::codes::EVAL_POINTS_OR_FIGURE,
        format!(
            "指标“{indicator}”：目标「{}」本身写有分数，实际「{}」可能是测得的分数，也可能是该指标的得分，待人工评定",
            target.trim(),
            actual.trim()
        ),
    )
}

fn rescaled_flag(indicator: &str, method: Decimal, scored: Decimal) -> super::checks::Flag {
    super::checks::Flag {
        code: crate::codes::EVAL_POINTS_RESCALED.into(),
        severity: crate::finding::Severity::Info,
        message: format!(
            "指标“{indicator}”：方法给它 {} 分，本项目按 {} 分计（分值折算为 100 分制）；规则和所写的绝对分按同一比例换算",
            method.normalize(),
            scored.round_dp(2).normalize()
        ),
    }
}

/// Whether an outcome waits for a person's grade.
pub(super) fn outcome_waits(o: &Outcome) -> bool {
    o.verdict == Verdict::Review && o.score.is_none()
}
