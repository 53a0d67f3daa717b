//! What the text of one indicator row gives, whatever project it is in (contract §6, §8.1–8.5):
//! its target read and its canonical form, the category it scores under (as written, or
//! inferred by a rule), the subcategory a rule gives it, the pool of points its category draws
//! on, and what the rules decide for it (not applicable, a weight, a formula, tiers,
//! deductions, a floor). Read afresh here; [`memo`](super::memo) keeps readings of equal rows,
//! and of rows equal but for actuals that [`actual_truths`] finds alike (the rules' conditions
//! on the actual hold alike for them, with the same facts `read` gives the rules).
//!
//! **A range of a count is a floor where more is better** ([`open_top`], issue 27): `5000-6000株`
//! of an indicator the direction rules read higher-is-better (asked of the range's top, as a
//! bare figure of its unit would be) sets how many at least; 6,500 planted is no miss. Such a
//! range scores as `≥` its low end once the actual is past its top (達标, the note naming the
//! direction rule), and as a range otherwise. Counts only (people, measure words: `人`, `株`,
//! `个`, `次`; not rates, money, time, lengths or areas, whose range may be a band to stay in),
//! and only under the bundled range formula: a rule file that names a formula for the
//! indicator (`formula: range_distance` under its own id) keeps the top as a ceiling, and so
//! does a top written as one (`≥10场且≤20场`, `不少于10场且不超过20场`, `=5-8次`: a comparator
//! the writer put to it, [`written_ceiling`]).

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::evaluate::Categories;
use super::memo::{ParseCache, ReadingMemo};
use crate::lang::{self, Context, Origin};
use crate::rules::conditions::ActualConditions;
use crate::rules::expr::Field;
use crate::rules::set::Applied;
use crate::rules::{Facts, RuleSet};
use crate::table::model::{IndicatorRow, RowText};

/// A text a rule gave, and the rule's id.
pub(super) type RuledText = (Arc<str>, Cow<'static, str>);

/// What the rules decide for one indicator, as evaluation uses it.
#[derive(Debug, Clone)]
pub(super) struct Decisions {
    pub na_rule: Option<Cow<'static, str>>,
    pub rule_weight: Option<(Decimal, Cow<'static, str>)>,
    pub late_penalty: Option<(Decimal, Cow<'static, str>)>,
    pub formula_rule: Option<Cow<'static, str>>,
    /// The formula that rule names.
    pub formula: Option<crate::rules::Formula>,
    /// Tiers, deductions and floors that hold for it (none for most indicators).
    pub method: Option<Rc<super::method::MethodRules>>,
}

/// What the text of one indicator row gives, whatever project it is in: the target read and
/// its canonical form, the category it scores under (written, or inferred by a rule) and what
/// the rules decide for it.
pub(super) struct Reading {
    /// Its id and last outcome, for the outcome memo.
    pub memo: ReadingMemo,
    /// The row's indicator, target and written subcategory, as the first row read alike had
    /// them (rows read alike have the same texts: the memo's key holds them): every report
    /// line of such rows shares these `Arc`s, and the JSON lines find their text by identity.
    pub name: Arc<str>,
    pub target: Arc<str>,
    pub written_subcategory: Option<Arc<str>>,
    /// The target read (boxed: only a new outcome reads it, so the fields every indicator
    /// reads stay together in a few cache lines).
    pub parsed: Box<lang::Parsed>,
    /// Whether the target's unit may be read per period (`次/季度`, 工作日, a span of time:
    /// [`super::score::may_be_per_period`]), worked out once here: scoring asks the
    /// per-period step of these rows only.
    pub per_period: bool,
    /// The rule that gave a bare target its operator, where one did.
    pub op_rule: Option<Cow<'static, str>>,
    /// A bare zero read `≤ 0` by its value (`0`, `0%`) where the indicator's name alone reads
    /// the other way (`收入增长率`, `覆盖率`: a rule with a `when:` says higher is better): the
    /// target as the name reads it (`≥ 0`) and that rule's id. Scoring sends the row to a
    /// person where the two readings differ ([`super::score::zero_either_way`]).
    pub zero_otherwise: Option<Box<(lang::Target, Cow<'static, str>)>>,
    /// A range of a count whose indicator is higher-is-better ([`open_top`]): the target it
    /// reads as past its top (`≥` its low end) and the direction rule's id.
    pub open_top: Option<Box<(lang::Target, Cow<'static, str>)>>,
    pub canonical: Option<Arc<str>>,
    /// The category: as written, else inferred.
    pub category: Option<Arc<str>>,
    /// The rule that inferred the category.
    pub inferred: Option<Cow<'static, str>>,
    /// The subcategory a rule gives a row that has none, and the rule.
    pub subcategory: Option<RuledText>,
    /// The points it shares with its category, where a rule gives them: the rule's id (the
    /// pool: categories whose points come from one rule share them, 成本 inside 产出) and its
    /// points. Decided with the indicator's project facts (a `when:` on the unit, project or
    /// department holds), for any first-level category a sheet writes (投入, 过程 too).
    pub pool: Option<(Cow<'static, str>, Decimal)>,
    pub decisions: Decisions,
}

/// The facts of an indicator's project that rules may read.
pub(super) struct Around<'a> {
    pub project: &'a str,
    pub unit: &'a str,
    pub department: Option<&'a str>,
}

/// What facts about `row` the rules see besides its project's, worked out once for a reading:
/// its category (written, else inferred), its target read, and the actual's figure where
/// conditions compare the actual as a quantity.
struct Seen {
    category: Option<Arc<str>>,
    inferred: Option<Cow<'static, str>>,
    parsed: lang::Parsed,
    actual_figure: Option<lang::Quantity>,
}

impl Seen {
    fn of(
        cache: &mut ParseCache,
        rules: &RuleSet,
        row: &IndicatorRow,
        actual_text: Option<&str>,
        year: Option<i32>,
    ) -> Seen {
        let (category, inferred) = match &row.category {
            Some(c) => (Some(c.clone()), None),
            None => match rules.infer(&row.name) {
                Some((c, rule)) => (Some(Arc::from(c.as_ref())), Some(rule)),
                None => (None, None),
            },
        };
        let ctx = Context {
            indicator: Some(&row.name),
            category: row.category.as_deref(),
            subcategory: row.subcategory.as_deref(),
            year,
            directions: rules,
        };
        // through the figure memo: a row read again for another actual (rules that read the
        // actual key readings by it) does not read its target again
        let parsed = cache.parse_target(&row.target, &ctx);
        Seen {
            category,
            inferred,
            parsed,
            actual_figure: actual_figure(cache, rules, row, actual_text, year),
        }
    }

    /// The facts the rules decide `row` on.
    fn facts<'a>(
        &'a self,
        row: &'a IndicatorRow,
        around: &Around<'a>,
        actual_text: Option<&'a str>,
    ) -> Facts<'a> {
        Facts {
            indicator: Some(&row.name),
            category: self.category.as_deref(),
            subcategory: row.subcategory.as_deref(),
            project: Some(around.project),
            unit_name: Some(around.unit),
            department: around.department,
            target_text: Some(&row.target),
            target: Some(&self.parsed.target),
            actual_text,
            actual: self.actual_figure.as_ref(),
            weight: row.weight,
        }
    }
}

/// The actual's figure, where conditions read the actual as a quantity (`actual > 0` in a
/// `when:` of a weight, formula or deduction): read as scoring reads it, so the figure memo
/// serves both.
fn actual_figure(
    cache: &mut ParseCache,
    rules: &RuleSet,
    row: &IndicatorRow,
    actual_text: Option<&str>,
    year: Option<i32>,
) -> Option<lang::Quantity> {
    match actual_text.filter(|_| cache.compares_actual(rules)) {
        Some(text) => figure(cache, &row.name, text, year),
        None => None,
    }
}

/// Appends to `out` what a reading of `row` takes from `actual_text`: which of the rules'
/// conditions on the actual ([`ActualConditions`]) hold, as [`read`] would find them (the same
/// facts), and under the standard name of a written category too where a leaf reads the
/// category ([`category_points`](super::weights::category_points) applies the rules again
/// with it). Rows equal but for their actuals, with equal truths here, read alike: everything
/// else `read` depends on is the row's text and its project's facts.
pub(super) fn actual_truths(
    cache: &mut ParseCache,
    rules: &RuleSet,
    conditions: &ActualConditions,
    (row, around): (&IndicatorRow, &Around<'_>),
    actual_text: Option<&str>,
    year: Option<i32>,
    out: &mut Vec<u8>,
) {
    if !conditions.reads_others() {
        // leaves that read the actual alone (the bundled `actual ~ "不适用"`): no other fact
        let figure = actual_figure(cache, rules, row, actual_text, year);
        let facts = Facts {
            actual_text,
            actual: figure.as_ref(),
            ..Facts::default()
        };
        conditions.truths(rules, facts, None, out);
        return;
    }
    let seen = Seen::of(cache, rules, row, actual_text, year);
    let facts = seen.facts(row, around, actual_text);
    conditions.truths(rules, facts, None, out);
    if conditions.reads_also(Field::Category)
        && let Some(standard) = super::weights::standard_category(&facts)
    {
        out.push(0);
        let again = Facts {
            category: Some(standard),
            ..facts
        };
        conditions.truths(rules, again, Some(Field::Category), out);
    }
}

/// Reads `row` (with `actual_text`, the actual it will be scored with) afresh; figures and
/// subcategories go through `cache`.
pub(super) fn read(
    cache: &mut ParseCache,
    rules: &RuleSet,
    row: &IndicatorRow,
    around: &Around<'_>,
    actual_text: Option<&str>,
    year: Option<i32>,
) -> Reading {
    let seen = Seen::of(cache, rules, row, actual_text, year);
    let canonical = seen.parsed.target.canonical().map(Arc::from);
    let per_period = super::score::may_be_per_period(&seen.parsed.target);
    let facts = seen.facts(row, around, actual_text);
    let applied = rules.apply(facts);
    let pool = super::weights::category_points(rules, &applied, facts);
    let subcategory = match &row.subcategory {
        Some(_) => None,
        None => cache.subcategory(&row.name, seen.category.as_deref(), || {
            applied
                .subcategory()
                .map(|d| (Arc::from(d.value), d.rule.id.clone()))
        }),
    };
    let decisions = decide(&applied);
    let op_rule = match &seen.parsed.provenance.op {
        Some(Origin::Rule(id)) => Some(id.clone()),
        _ => None,
    };
    let zero_otherwise = zero_otherwise(rules, row, &seen.parsed);
    let open_top = open_top(rules, row, &seen.parsed, &decisions);
    let Seen {
        category,
        inferred,
        parsed,
        ..
    } = seen;
    Reading {
        memo: ReadingMemo::default(),
        name: row.name.to_arc(),
        target: row.target.to_arc(),
        written_subcategory: row.subcategory.as_ref().map(RowText::to_arc),
        parsed: Box::new(parsed),
        per_period,
        op_rule,
        zero_otherwise,
        open_top,
        canonical,
        category,
        inferred,
        subcategory,
        pool,
        decisions,
    }
}

/// A bare zero target (`0`, `0%`: no unit, or a rate's) a rule read `≤ 0` by its value, where the direction the
/// indicator's name alone gives (asked of a bare 1 of the same unit) is higher by a rule that
/// reads the name (not the catch-all without `when:`: `新增失信人数 0` stays `≤ 0`, none of
/// them): the target the name reads (`≥ 0`) and that rule. Asked only of bare zeros.
fn zero_otherwise(
    rules: &RuleSet,
    row: &IndicatorRow,
    parsed: &lang::Parsed,
) -> Option<Box<(lang::Target, Cow<'static, str>)>> {
    let lang::Target::Compare {
        op: lang::Op::Le,
        quantity,
    } = &parsed.target
    else {
        return None;
    };
    if !quantity.value.is_zero() || !matches!(parsed.provenance.op, Some(Origin::Rule(_))) {
        return None;
    }
    // a zero of a count (`0起`, `0次`, `0人`) is none of them, whatever the name: only a bare
    // zero or a rate's (`0`, `0%`) may be a floor (`办公安全性 0起` is no incident)
    if !matches!(
        quantity.unit.as_ref().map(|u| u.as_str()),
        None | Some("%" | "‰")
    ) {
        return None;
    }
    let one = lang::Quantity::new(Decimal::ONE, quantity.unit.clone());
    let subject = lang::Subject {
        indicator: Some(&row.name),
        category: row.category.as_deref(),
        subcategory: row.subcategory.as_deref(),
    };
    let by_name = lang::Directions::decide(rules, subject, &one);
    let named = rules.rule(&by_name.rule).is_some_and(|r| r.when.is_some());
    (by_name.direction == lang::Direction::Higher && named).then(|| {
        let t = lang::Target::Compare {
            op: by_name.op,
            quantity: quantity.clone(),
        };
        Box::new((t, by_name.rule))
    })
}

/// The bundled rule that scores every range by its distance (contract §8.4).
const BUNDLED_RANGE_RULE: &str = "default.score.range";

/// A range of a count (`5000-6000株`) whose indicator the direction rules read higher-is-better
/// (asked of its top as a bare figure of its unit), scored under the bundled range formula:
/// `≥` its low end, for an actual past its top, and the direction rule's id (the module doc).
fn open_top(
    rules: &RuleSet,
    row: &IndicatorRow,
    parsed: &lang::Parsed,
    decisions: &Decisions,
) -> Option<Box<(lang::Target, Cow<'static, str>)>> {
    let lang::Target::Range { low, high, unit } = &parsed.target else {
        return None;
    };
    let counts = unit
        .as_ref()
        .is_some_and(|u| match lang::units::dimension(u) {
            Some((d, _)) => d == lang::units::Dimension::People,
            None => !u.as_str().contains(['/', '／', '元', '%', '‰']) && !u.as_str().is_empty(),
        });
    let bundled = decisions
        .formula_rule
        .as_deref()
        .is_none_or(|r| r == BUNDLED_RANGE_RULE);
    if !counts || !bundled || low.value > high.value || written_ceiling(row, parsed) {
        return None;
    }
    let subject = lang::Subject {
        indicator: Some(&row.name),
        category: row.category.as_deref(),
        subcategory: row.subcategory.as_deref(),
    };
    let top = lang::Quantity::new(high.value, unit.clone());
    let by_name = lang::Directions::decide(rules, subject, &top);
    (by_name.direction == lang::Direction::Higher).then(|| {
        let floor = lang::Target::Compare {
            op: match low.inclusive {
                true => lang::Op::Ge,
                false => lang::Op::Gt,
            },
            quantity: lang::Quantity::new(low.value, unit.clone()),
        };
        Box::new((floor, by_name.rule))
    })
}

/// Whether a range's top is written as a ceiling (`≥10场且≤20场`, `不少于10场且不超过20场`,
/// `=5-8次`): a comparator other than `在 … 之间` was written with it, so the top is the
/// writer's, not a dash's reach.
fn written_ceiling(row: &IndicatorRow, parsed: &lang::Parsed) -> bool {
    parsed
        .spans
        .op
        .as_ref()
        .and_then(|s| row.target.get(s.clone()))
        .is_some_and(|w| !matches!(w, "在" | "之间"))
}

/// The figure an actual states (`96%`, `1起`), read as scoring reads it.
fn figure(
    cache: &mut ParseCache,
    indicator: &str,
    text: &str,
    year: Option<i32>,
) -> Option<lang::Quantity> {
    let ctx = Context {
        indicator: Some(indicator),
        year,
        ..Context::default()
    };
    let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';']);
    match cache.parse(trimmed, &ctx).target {
        lang::Target::Compare { quantity, .. } | lang::Target::Approximate { quantity } => {
            Some(quantity)
        }
        _ => None,
    }
}

/// What the rules applied to an indicator decide for its scoring: not applicable, a weight, a
/// formula (with a late penalty), tiers, deductions and a floor (§8.2–8.5).
fn decide(applied: &Applied<'_, '_>) -> Decisions {
    let formula = applied.formula();
    let method = super::method::MethodRules::from_applied(applied);
    Decisions {
        na_rule: applied.not_applicable().map(|r| r.id.clone()),
        rule_weight: applied
            .indicator_weight()
            .map(|d| (d.value, d.rule.id.clone())),
        late_penalty: formula
            .as_ref()
            .and_then(|f| f.value.late_penalty.map(|p| (p, f.rule.id.clone()))),
        formula: formula.as_ref().map(|f| f.value.formula),
        method: (!method.is_empty()).then(|| Rc::new(method)),
        formula_rule: formula.map(|f| f.rule.id.clone()),
    }
}
