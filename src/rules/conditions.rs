//! Conditions compiled and evaluated: [`Expr`] checked for types once (a regex on a number, a
//! quantity against text are load-time errors), its regular expressions compiled once (deduplicated per field), and evaluated against an indicator's [`Facts`] in three-valued logic.
//!
//! A comparison whose field is missing or not a quantity is *unknown*; one across dimensions
//! (`4 秒` against `90 %`) is *incomparable*, which a `when:` never takes as true and a
//! `require:` reports as a finding: it never silently passes.

use std::cmp::Ordering;

use regex::Regex;
use rust_decimal::Decimal;

use super::expr::{CmpOp, Expr, ExprError, Field, Operand};
use super::set::RuleSet;
use crate::lang::{Quantity, Target, Unit, units};

/// What conditions may know of one indicator. Missing text fields read as empty strings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts<'a> {
    pub indicator: Option<&'a str>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
    pub project: Option<&'a str>,
    /// The 单位 (budget unit) that owns the project.
    pub unit_name: Option<&'a str>,
    pub department: Option<&'a str>,
    /// The target as written.
    pub target_text: Option<&'a str>,
    /// The target as read.
    pub target: Option<&'a Target>,
    /// The actual as written.
    pub actual_text: Option<&'a str>,
    /// The actual's quantity, where it is one.
    pub actual: Option<&'a Quantity>,
    /// Points available (分值).
    pub weight: Option<Decimal>,
}

/// The value of a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// A field was missing or not a quantity.
    Unknown,
    /// Quantities of different dimensions were compared.
    Incomparable,
}

/// An extra unit conversion given by a rule: one `from` is `factor` `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    pub from: Unit,
    pub to: Unit,
    pub factor: Decimal,
}

/// Up to two quantities (a range's bounds) with their units.
type Qs<'a> = (usize, [(Decimal, Option<&'a Unit>); 2]);

#[derive(Debug, Clone)]
pub(crate) enum QSide {
    Field(Field),
    Lit(Quantity),
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Const(bool),
    Or(Vec<Node>),
    And(Vec<Node>),
    Not(Box<Node>),
    Present(Field),
    TextEq { field: Field, value: String },
    TextFields(Field, Field),
    Contains { field: Field, value: String },
    Regex { field: Field, index: usize },
    Qty { lhs: QSide, op: CmpOp, rhs: QSide },
}

impl Node {
    /// Whether this condition compares the actual as a quantity (`actual > 0`), not only its
    /// text.
    pub(crate) fn compares_actual(&self) -> bool {
        match self {
            Node::Or(v) | Node::And(v) => v.iter().any(Node::compares_actual),
            Node::Not(n) => n.compares_actual(),
            Node::Qty { lhs, rhs, .. } => [lhs, rhs]
                .into_iter()
                .any(|s| matches!(s, QSide::Field(Field::Actual))),
            _ => false,
        }
    }

    /// What trying this condition counts more than 1 against the budgets of tries: the
    /// weights of the patterns it holds ([`TRY_BYTES`]).
    pub(crate) fn weight(&self, matchers: &Matchers) -> u32 {
        match self {
            Node::Or(v) | Node::And(v) => v
                .iter()
                .fold(0u32, |w, n| w.saturating_add(n.weight(matchers))),
            Node::Not(n) => n.weight(matchers),
            Node::Regex { field, index } => matchers.regexes[field.index()][*index].weight,
            _ => 0,
        }
    }

    /// Adds the fields this condition reads to `out`.
    pub(crate) fn fields(&self, out: &mut FieldsRead) {
        match self {
            Node::Const(_) => {}
            Node::Or(v) | Node::And(v) => v.iter().for_each(|n| n.fields(out)),
            Node::Not(n) => n.fields(out),
            Node::Present(f)
            | Node::TextEq { field: f, .. }
            | Node::Contains { field: f, .. }
            | Node::Regex { field: f, .. } => out.add(*f),
            Node::TextFields(a, b) => {
                out.add(*a);
                out.add(*b);
            }
            Node::Qty { lhs, rhs, .. } => {
                for side in [lhs, rhs] {
                    if let QSide::Field(f) = side {
                        out.add(*f);
                    }
                }
            }
        }
    }
}

impl Node {
    /// Adds the leaves of this condition that read the actual to `out` (`actual ~ "…"`,
    /// `actual > 0`, `actual == target`): the condition's truth is a function of its leaves'.
    pub(in crate::rules) fn actual_leaves(&self, out: &mut Vec<Node>) {
        match self {
            Node::Or(v) | Node::And(v) => v.iter().for_each(|n| n.actual_leaves(out)),
            Node::Not(n) => n.actual_leaves(out),
            leaf => {
                let mut read = FieldsRead::default();
                leaf.fields(&mut read);
                if read.contains(Field::Actual) {
                    out.push(leaf.clone());
                }
            }
        }
    }
}

/// The leaves of the enabled rules' `when:` conditions that read the actual
/// ([`RuleSet::actual_conditions`]). A decision depends on the actual only through which of
/// them hold: rows alike but for their actuals, whose actuals make these leaves alike, are
/// decided alike (evaluation keeps one reading for them).
#[derive(Debug, Clone, Default)]
pub struct ActualConditions {
    leaves: Vec<Node>,
    /// The fields other than the actual these leaves read (`actual == target` reads the target).
    others: FieldsRead,
    /// Where there are many leaves, which can hold for a row's facts (the rules' prefilter,
    /// the leaves taken as rules of one kind): one that cannot is false without being tried.
    pub(in crate::rules) filter: Option<super::prefilter::Prefilter>,
}

impl ActualConditions {
    /// How many leaves there are.
    #[cfg(test)]
    pub(crate) fn leaves_count(&self) -> usize {
        self.leaves.len()
    }

    /// Whether no condition reads the actual.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// Whether some leaf reads `field` besides the actual.
    pub fn reads_also(&self, field: Field) -> bool {
        self.others.contains(field)
    }

    /// Whether some leaf reads a field besides the actual: their truths then need the
    /// indicator's other facts too.
    pub fn reads_others(&self) -> bool {
        self.others != FieldsRead::default()
    }

    /// Appends to `out` one byte per leaf (of those that read `only`, where given): its truth
    /// with `facts`.
    pub fn truths(
        &self,
        rules: &RuleSet,
        facts: Facts<'_>,
        only: Option<Field>,
        out: &mut Vec<u8>,
    ) {
        let applied = rules.apply(facts);
        // many leaves: those whose keys the facts lack are false, the others tried, within the
        // budget of tries (past it the set records the indicator, and the run ends with it)
        let tried: Option<Vec<usize>> = self.filter.as_ref().map(|f| {
            let hits = f.hits(&applied.scope);
            f.candidates(0, &hits).collect()
        });
        if let Some(tried) = &tried
            && !rules.within_tries(tried.len(), &applied.scope.facts, "读实际完成值的 when")
        {
            return;
        }
        let mut next = tried.as_deref().map(|t| t.iter().peekable());
        for (i, leaf) in self.leaves.iter().enumerate() {
            let can_hold = match &mut next {
                Some(next) => next.next_if_eq(&&i).is_some(),
                None => true,
            };
            if let Some(f) = only {
                let mut read = FieldsRead::default();
                leaf.fields(&mut read);
                if !read.contains(f) {
                    continue;
                }
            }
            if !can_hold {
                out.push(2);
                continue;
            }
            out.push(match applied.truth(leaf) {
                Truth::True => 1,
                Truth::False => 2,
                Truth::Unknown => 3,
                Truth::Incomparable => 4,
            });
        }
    }
}

impl RuleSet {
    /// The leaves of the enabled rules' `when:` conditions that read the actual.
    pub fn actual_conditions(&self) -> ActualConditions {
        let mut leaves = Vec::new();
        for r in self.rules().iter().filter(|r| !r.disabled) {
            if let Some(n) = r.when_node() {
                n.actual_leaves(&mut leaves);
            }
        }
        let mut others = FieldsRead::default();
        for leaf in &leaves {
            leaf.fields(&mut others);
        }
        others.0 &= !(1 << (Field::Actual as u16));
        let one_kind = [(0..leaves.len()).collect::<Vec<usize>>()];
        let filter = super::prefilter::Prefilter::build(
            &one_kind,
            leaves.len(),
            |i| leaves.get(i),
            &self.matchers,
            super::prefilter::MIN_RULES,
        );
        ActualConditions {
            leaves,
            others,
            filter,
        }
    }
}

/// The fields some set of conditions reads (a bit per [`Field`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldsRead(u16);

impl FieldsRead {
    fn add(&mut self, f: Field) {
        self.0 |= 1 << (f as u16);
    }
    /// Whether `f` is read.
    pub fn contains(&self, f: Field) -> bool {
        self.0 & (1 << (f as u16)) != 0
    }
}

/// Gathers the regular expressions of all conditions, per field. A pattern of a user's file is
/// compiled once when its file is loaded (its errors are the file's, with line and column),
/// then dropped and compiled again when first matched (a compiled pattern holds about 7 KB,
/// and of a file of many rules most are never asked: `rules::prefilter`); one of a bundled
/// file (`trusted`, checked by tests) is compiled only when first matched, so a
/// run that never asks a rule pays nothing for its pattern.
#[derive(Debug, Default)]
pub(crate) struct Compiler {
    patterns: [Vec<LazyRegex>; Field::COUNT],
    /// Whether the current file's patterns are known good (a bundled file's text).
    trusted: bool,
    /// Where each pattern is in `patterns` (a linear search made 100 000 rules quadratic).
    index: std::collections::HashMap<(usize, String), usize>,
    /// Bytes the current rule file's new patterns compile to, against
    /// [`crate::limits::REGEX_TOTAL`].
    file_bytes: usize,
    /// Whether the current file passed its budget (said once: the file is refused by it).
    over_budget: bool,
    /// Patterns of the current file refused for their compiled size: each costs the regex
    /// engine tens of milliseconds to find out, so past [`TOO_BIG_PER_FILE`] the file's further
    /// patterns are refused without being compiled (the file is refused already).
    too_big: usize,
}

/// Patterns refused for their compiled size after which a file's other patterns are not
/// compiled (500 such patterns took 16 s).
const TOO_BIG_PER_FILE: usize = 3;

const KINDS: &[&str] = &[
    "compare",
    "range",
    "approximate",
    "boolean",
    "plan",
    "deadline",
    "relative",
    "qualitative",
    "empty",
    "error",
];

fn err(span: std::ops::Range<usize>, label: &'static str, help: String) -> ExprError {
    ExprError {
        span,
        label: label.into(),
        help: help.into(),
    }
}

impl Compiler {
    /// Starts the next rule file: its patterns are measured against a budget of their own.
    /// `trusted`: the file is a bundled one (its text byte for byte), whose patterns tests
    /// compile: they are neither checked nor measured, only compiled when first matched.
    pub fn next_file(&mut self, trusted: bool) {
        self.file_bytes = 0;
        self.over_budget = false;
        self.too_big = 0;
        self.trusted = trusted;
    }

    /// Measures a new pattern's compiled size (its Thompson NFA, what the regex engine's size
    /// limit bounds) against what is left of the file's budget.
    fn measure(&mut self, pattern: &str, span: std::ops::Range<usize>) -> Result<usize, ExprError> {
        use regex_automata::nfa::thompson;
        if self.over_budget {
            return Ok(0);
        }
        let total = crate::limits::REGEX_TOTAL.get_usize();
        let left = total.saturating_sub(self.file_bytes);
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(left.min(REGEX_SIZE_LIMIT))))
            .build(pattern);
        let used = match nfa {
            Ok(nfa) => nfa.memory_usage(),
            // past what is left: the pattern alone fits (checked before), the file does not
            Err(_) => total.saturating_add(1),
        };
        self.file_bytes = self.file_bytes.saturating_add(used);
        if self.file_bytes > total {
            self.over_budget = true;
            return Err(err(
                span,
                "正则表达式总量超过上限",
                format!(
                    "本规则文件的正则表达式编译后合计超过 {} 的上限（{}）；合并相近的规则或改用 contains",
                    crate::limits::REGEX_TOTAL.shown(),
                    crate::limits::REGEX_TOTAL.help()
                ),
            ));
        }
        Ok(used)
    }

    pub fn compile(&mut self, e: &Expr) -> Result<Node, ExprError> {
        Ok(match e {
            Expr::Or(v) => Node::Or(
                v.iter()
                    .map(|e| self.compile(e))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::And(v) => Node::And(
                v.iter()
                    .map(|e| self.compile(e))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Not(e) => Node::Not(Box::new(self.compile(e)?)),
            Expr::Truthy(Operand::Bool(b, _)) => Node::Const(*b),
            Expr::Truthy(Operand::Field(f, _)) => Node::Present(*f),
            Expr::Truthy(o) => {
                return Err(err(
                    o.span(),
                    "这里缺少比较",
                    "写成比较，如 indicator ~ \"满意度\" 或 target >= 90%".into(),
                ));
            }
            Expr::Cmp {
                lhs,
                op,
                op_span,
                rhs,
            } => self.cmp(lhs, *op, op_span.clone(), rhs)?,
        })
    }

    /// A comparison: a pattern or a text test (`~ !~ contains`), or a comparison of values.
    fn cmp(
        &mut self,
        lhs: &Operand,
        op: CmpOp,
        op_span: std::ops::Range<usize>,
        rhs: &Operand,
    ) -> Result<Node, ExprError> {
        match op {
            CmpOp::Match | CmpOp::NotMatch | CmpOp::Contains => self.text_test(lhs, op, rhs),
            CmpOp::Eq | CmpOp::Ne | CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                value_cmp(lhs, op, op_span, rhs)
            }
        }
    }

    /// `field ~ "pattern"`, `!~`, `contains`: a text field on the left, quoted text on the right;
    /// a pattern registered once per field ([`Compiler::pattern`]).
    fn text_test(&mut self, lhs: &Operand, op: CmpOp, rhs: &Operand) -> Result<Node, ExprError> {
        use Operand as O;
        let O::Field(field, fspan) = lhs else {
            return Err(err(
                lhs.span(),
                "这里应是字段",
                format!(
                    "`{}` 的左边写字段，如 indicator {} \"满意度\"",
                    op.as_str(),
                    op.as_str()
                ),
            ));
        };
        if *field == Field::Weight {
            return Err(err(
                fspan.clone(),
                "分值是数，不是文字",
                "对分值用 == < <= > >= 比较".into(),
            ));
        }
        let O::Str(pattern, pspan) = rhs else {
            return Err(err(
                rhs.span(),
                "这里应是带引号的文字",
                format!("`{}` 的右边写在引号里，如 \"满意度\"", op.as_str()),
            ));
        };
        if op == CmpOp::Contains {
            return Ok(Node::Contains {
                field: *field,
                value: pattern.clone(),
            });
        }
        let index = self.pattern(*field, pattern, pspan)?;
        Ok(not(
            Node::Regex {
                field: *field,
                index,
            },
            op == CmpOp::NotMatch,
        ))
    }

    /// The index of `pattern` among `field`'s patterns: one seen before (checked then, or
    /// bundled) is reused; a new one of a user's file is compiled and measured now (an error at
    /// it where it does not compile or is too big), a bundled one when first matched.
    fn pattern(
        &mut self,
        field: Field,
        pattern: &str,
        pspan: &std::ops::Range<usize>,
    ) -> Result<usize, ExprError> {
        let key = (field.index(), pattern.to_owned());
        if let Some(&index) = self.index.get(&key) {
            return Ok(index);
        }
        if !self.trusted && self.too_big >= TOO_BIG_PER_FILE {
            return Err(err(
                pspan.clone(),
                "未编译",
                format!(
                    "本规则文件已有 {TOO_BIG_PER_FILE} 个正则表达式编译后超过上限，其余不再编译；先改正前面的，或改用 contains"
                ),
            ));
        }
        let mut bytes = 0;
        if !self.trusted {
            match compile(pattern) {
                // checked, then dropped: compiled again when first matched (about 7 KB a
                // pattern held, and with many rules most are never asked: `rules::prefilter`)
                Ok(_) => {}
                Err(e) => {
                    if matches!(e, regex::Error::CompiledTooBig(_)) {
                        self.too_big += 1;
                    }
                    let msg = match e {
                        regex::Error::CompiledTooBig(limit) => format!(
                            "正则表达式编译后超过 {} KB 的上限（如 \\w{{200}} 这样的大重复）",
                            limit / 1024
                        ),
                        e => e.to_string(),
                    };
                    let last = msg.lines().last().unwrap_or("").trim().to_owned();
                    return Err(err(
                        pspan.clone(),
                        "正则表达式无效",
                        format!("{last}；只想找一段文字时用 contains"),
                    ));
                }
            }
            bytes = self.measure(pattern, pspan.clone())?;
        }
        let list = &mut self.patterns[field.index()];
        list.push(LazyRegex::new(pattern, bytes));
        self.index.insert(key, list.len() - 1);
        Ok(list.len() - 1)
    }

    /// The gathered patterns, each on its own: rules are tried in priority order and stop at
    /// the first match, so most patterns never run for a given indicator (measured faster than
    /// one `RegexSet` per field, which must run them all; benches/README.md).
    pub fn finish(self) -> Matchers {
        Matchers {
            regexes: self.patterns,
        }
    }
}

/// The most one rule condition's regular expression may compile to (its NFA, and its lazy
/// DFA's cache): `indicator ~ "\w{200}N"` would take about 14 MB and 0.1 s each, and a 3 KB
/// rule file of them 0.8 GB. Refused with the pattern's line and column.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A rule's pattern compiled within [`REGEX_SIZE_LIMIT`].
fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A rule's pattern and its regex, compiled when first matched (a user's file's was compiled
/// once at load to check it, and dropped), and its [`Gate`](super::gate::Gate) (the bytes a
/// text it matches begins or ends with, where it is anchored there), worked out once the
/// pattern has been asked [`GATE_AFTER`] times: parsing a pattern for its literals costs as
/// much as some hundred searches (a form's run of a few rows would pay it for nothing), and a
/// pattern asked of every row (the bundled `actual ~ "^…不适用…$"`) soon earns it back.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    pattern: String,
    compiled: std::sync::OnceLock<Regex>,
    gate: std::sync::OnceLock<super::gate::Gate>,
    /// What one try of it counts against the budgets of tries ([`TRY_BYTES`] of its compiled
    /// size a try more than 1; a bundled pattern, never measured, 0 more).
    weight: u32,
    /// How often it was asked before its gate was made (counted loosely: worker threads may
    /// lose a count to each other, which only delays the gate).
    asked: std::sync::atomic::AtomicU32,
}

/// Compiled bytes of a pattern that count as one more try of it, against
/// [`crate::limits::RULE_TRIES`] and [`crate::limits::UNFILTERED_RULES`]: a try of a pattern
/// near the compiled-size limit (`\w{20}`, ~0.8 MB) costs the regex engine 0.6–2.4 µs on a
/// short text, some 30 times a plain word's, and 130 such rules every indicator must try
/// took 62 s over 200,000 indicators (1.5 s without them). A plain word (~1 KB) counts 1.
pub(crate) const TRY_BYTES: usize = 8 * 1024;

/// Matches of one pattern after which its gate is worked out ([`LazyRegex`]).
const GATE_AFTER: u32 = 256;

impl Clone for LazyRegex {
    fn clone(&self) -> Self {
        LazyRegex {
            pattern: self.pattern.clone(),
            compiled: self.compiled.clone(),
            gate: self.gate.clone(),
            weight: self.weight,
            asked: std::sync::atomic::AtomicU32::new(
                self.asked.load(std::sync::atomic::Ordering::Relaxed),
            ),
        }
    }
}

impl LazyRegex {
    fn new(pattern: &str, compiled_bytes: usize) -> Self {
        LazyRegex {
            pattern: pattern.to_owned(),
            compiled: std::sync::OnceLock::new(),
            gate: std::sync::OnceLock::new(),
            weight: u32::try_from(compiled_bytes / TRY_BYTES).unwrap_or(u32::MAX),
            asked: std::sync::atomic::AtomicU32::new(0),
        }
    }

    fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            compile(&self.pattern)
                .expect("a pattern compiles: a user's was compiled at load, bundled ones by tests")
        })
    }

    /// Whether `text` matches: once the pattern has been asked often, a text its gate refuses
    /// is answered without running the regex (which takes a cache from its pool on a worker
    /// thread and sets up a search).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let gate = match self.gate.get() {
            Some(gate) => gate,
            None => {
                let asked = self.asked.load(Relaxed);
                if asked < GATE_AFTER {
                    self.asked.store(asked + 1, Relaxed);
                    return self.get().is_match(text);
                }
                self.gate
                    .get_or_init(|| super::gate::Gate::of(&self.pattern))
            }
        };
        gate.admits(text) && self.get().is_match(text)
    }
}

/// The regular expressions of a rule set, per field (deduplicated).
#[derive(Debug, Clone, Default)]
pub(crate) struct Matchers {
    regexes: [Vec<LazyRegex>; Field::COUNT],
}

impl Matchers {
    /// The pattern of `field`'s regex `index`, as written.
    pub(crate) fn pattern(&self, field: Field, index: usize) -> &str {
        &self.regexes[field.index()][index].pattern
    }

    /// Compiles every pattern not compiled yet (a test of the bundled files; a pattern that
    /// does not compile panics here as it would when first matched).
    #[cfg(test)]
    pub(crate) fn compile_all(&self) -> usize {
        let mut n = 0;
        for r in self.regexes.iter().flatten() {
            r.get();
            n += 1;
        }
        n
    }
}

/// One indicator's facts, with what its conditions need.
pub(crate) struct Scope<'r, 'f> {
    pub facts: Facts<'f>,
    matchers: &'r Matchers,
    conversions: &'r [Conversion],
}

impl<'r, 'f> Scope<'r, 'f> {
    pub fn new(facts: Facts<'f>, matchers: &'r Matchers, conversions: &'r [Conversion]) -> Self {
        Scope {
            facts,
            matchers,
            conversions,
        }
    }

    pub(crate) fn text(&self, f: Field) -> &'f str {
        let x = &self.facts;
        match f {
            Field::Indicator => x.indicator,
            Field::Category => x.category,
            Field::Subcategory => x.subcategory,
            Field::Project => x.project,
            Field::UnitName => x.unit_name,
            Field::Department => x.department,
            Field::Kind => x.target.map(Target::kind),
            Field::Unit => x.target.and_then(Target::unit).map(Unit::as_str),
            Field::Target => x.target_text,
            Field::Actual => x.actual_text,
            Field::Weight => None,
        }
        .unwrap_or("")
    }

    fn quantities<'a>(&'a self, side: &'a QSide) -> Option<Qs<'a>> {
        let one = |v: Decimal, u: Option<&'a Unit>| Some((1, [(v, u), (v, u)]));
        match side {
            QSide::Lit(q) => one(q.value, q.unit.as_ref()),
            QSide::Field(Field::Weight) => one(self.facts.weight?, None),
            QSide::Field(Field::Actual) => {
                let q = self.facts.actual?;
                one(q.value, q.unit.as_ref())
            }
            QSide::Field(Field::Target) => match self.facts.target? {
                Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
                    one(quantity.value, quantity.unit.as_ref())
                }
                Target::Range { low, high, unit } => {
                    Some((2, [(low.value, unit.as_ref()), (high.value, unit.as_ref())]))
                }
                _ => None,
            },
            QSide::Field(_) => None,
        }
    }

    pub fn truth(&self, node: &Node) -> Truth {
        match node {
            Node::Const(b) => bool_truth(*b),
            Node::Or(v) => {
                let mut out = Truth::False;
                for n in v {
                    match self.truth(n) {
                        Truth::True => return Truth::True,
                        Truth::Incomparable => out = Truth::Incomparable,
                        Truth::Unknown if out == Truth::False => out = Truth::Unknown,
                        _ => {}
                    }
                }
                out
            }
            Node::And(v) => {
                let mut out = Truth::True;
                for n in v {
                    match self.truth(n) {
                        Truth::False => return Truth::False,
                        Truth::Incomparable => out = Truth::Incomparable,
                        Truth::Unknown if out == Truth::True => out = Truth::Unknown,
                        _ => {}
                    }
                }
                out
            }
            Node::Not(n) => match self.truth(n) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                t => t,
            },
            Node::Present(f) => bool_truth(match f {
                Field::Weight => self.facts.weight.is_some(),
                Field::Target => {
                    self.facts.target.is_some_and(|t| *t != Target::Empty)
                        || !self.text(*f).trim().is_empty()
                }
                f => !self.text(*f).trim().is_empty(),
            }),
            Node::TextEq { field, value } => bool_truth(self.text(*field).trim() == value),
            Node::TextFields(a, b) => bool_truth(self.text(*a).trim() == self.text(*b).trim()),
            Node::Contains { field, value } => {
                bool_truth(self.text(*field).contains(value.as_str()))
            }
            Node::Regex { field, index } => {
                bool_truth(self.matchers.regexes[field.index()][*index].is_match(self.text(*field)))
            }
            Node::Qty { lhs, op, rhs } => {
                let (Some(a), Some(b)) = (self.quantities(lhs), self.quantities(rhs)) else {
                    return Truth::Unknown;
                };
                let mut out = Truth::True;
                for &(av, au) in &a.1[..a.0] {
                    for &(bv, bu) in &b.1[..b.0] {
                        match compare(av, au, bv, bu, self.conversions) {
                            None => return Truth::Incomparable,
                            Some(o) => {
                                let holds = match op {
                                    CmpOp::Eq => o == Ordering::Equal,
                                    CmpOp::Lt => o == Ordering::Less,
                                    CmpOp::Le => o != Ordering::Greater,
                                    CmpOp::Gt => o == Ordering::Greater,
                                    CmpOp::Ge => o != Ordering::Less,
                                    _ => false,
                                };
                                if !holds {
                                    out = Truth::False;
                                }
                            }
                        }
                    }
                }
                out
            }
        }
    }
}

fn bool_truth(b: bool) -> Truth {
    if b { Truth::True } else { Truth::False }
}

fn in_unit(v: Decimal, u: &Unit, target: &Unit) -> Option<Decimal> {
    if u == target {
        Some(v)
    } else {
        units::convert(v, u, target)
    }
}

/// Compare two quantities: a missing unit takes the other's; units of one dimension convert
/// through [`units`]; otherwise through a rule's [`Conversion`]; `None` across dimensions.
pub fn compare(
    a: Decimal,
    au: Option<&Unit>,
    b: Decimal,
    bu: Option<&Unit>,
    conversions: &[Conversion],
) -> Option<Ordering> {
    let (au, bu) = match (au, bu) {
        (Some(x), Some(y)) if x != y => (x, y),
        _ => return Some(a.cmp(&b)),
    };
    if let (Some((da, a0)), Some((db, b0))) = (units::to_base(a, au), units::to_base(b, bu))
        && da == db
    {
        return Some(a0.cmp(&b0));
    }
    for c in conversions {
        if let (Some(af), Some(bt)) = (in_unit(a, au, &c.from), in_unit(b, bu, &c.to)) {
            return Some(af.checked_mul(c.factor)?.cmp(&bt));
        }
        if let (Some(at), Some(bf)) = (in_unit(a, au, &c.to), in_unit(b, bu, &c.from)) {
            return Some(at.cmp(&bf.checked_mul(c.factor)?));
        }
    }
    None
}

/// `n`, or its negation.
fn not(n: Node, neg: bool) -> Node {
    if neg { Node::Not(Box::new(n)) } else { n }
}

/// `== != < <= > >=`: text against text (only `==` and `!=`), or quantities.
fn value_cmp(
    lhs: &Operand,
    op: CmpOp,
    op_span: std::ops::Range<usize>,
    rhs: &Operand,
) -> Result<Node, ExprError> {
    use Operand as O;
    let neg = op == CmpOp::Ne;
    match (lhs, rhs) {
        (O::Field(f, fs), O::Str(s, ss)) | (O::Str(s, ss), O::Field(f, fs)) => {
            text_eq(op, op_span, (*f, fs), (s, ss))
        }
        (O::Field(a, _), O::Field(b, _)) if !(a.is_quantity() && b.is_quantity()) => {
            if op.is_order() {
                return Err(err(
                    op_span,
                    "文字不能比大小",
                    "对文字用 == != ~ contains".into(),
                ));
            }
            Ok(not(Node::TextFields(*a, *b), neg))
        }
        _ => quantity_cmp(lhs, op, rhs),
    }
}

/// A text field `==` or `!=` quoted text (a `kind` one of the kinds there are).
fn text_eq(
    op: CmpOp,
    op_span: std::ops::Range<usize>,
    (f, fs): (Field, &std::ops::Range<usize>),
    (s, ss): (&String, &std::ops::Range<usize>),
) -> Result<Node, ExprError> {
    if op.is_order() {
        return Err(err(
            op_span,
            "文字不能比大小",
            "对文字用 == != ~ contains".into(),
        ));
    }
    if f == Field::Weight {
        return Err(err(
            fs.clone(),
            "分值是数，不是文字",
            format!("写作 weight {} 5", op.as_str()),
        ));
    }
    if f == Field::Kind && !KINDS.contains(&s.as_str()) {
        let near = super::error::nearest(s, KINDS)
            .map(|k| format!("是不是 \"{k}\"？"))
            .unwrap_or_default();
        return Err(err(
            ss.clone(),
            "没有这种指标值类型",
            format!("{near}类型有：{}", KINDS.join("、")),
        ));
    }
    Ok(not(
        Node::TextEq {
            field: f,
            value: s.clone(),
        },
        op == CmpOp::Ne,
    ))
}

/// Quantities compared: each side a quantity field (`target`, `actual`, `weight`) or a
/// quantity, not both constants; `!=` is the negation of `==`.
fn quantity_cmp(lhs: &Operand, op: CmpOp, rhs: &Operand) -> Result<Node, ExprError> {
    use Operand as O;
    let side = |o: &Operand| -> Result<QSide, ExprError> {
        match o {
            O::Field(f, _) if f.is_quantity() => Ok(QSide::Field(*f)),
            O::Field(f, s) => Err(err(
                s.clone(),
                "这个字段是文字，不能和数量比较",
                format!(
                    "和文字比较：{} == \"…\"；数量只能和 target、actual、weight 比较",
                    f.name()
                ),
            )),
            O::Qty(q, _) => Ok(QSide::Lit(q.clone())),
            O::Str(_, s) | O::Bool(_, s) => Err(err(
                s.clone(),
                "这里应是数量",
                "比大小的两边是数量：target、actual、weight 或 90%、4秒 这样的数".into(),
            )),
        }
    };
    let (l, r) = (side(lhs)?, side(rhs)?);
    if let (QSide::Lit(_), QSide::Lit(_)) = (&l, &r) {
        return Err(err(
            lhs.span().start..rhs.span().end,
            "两边都是常数",
            "比较的一边应是字段，如 target >= 90%".into(),
        ));
    }
    let (op, neg) = if op == CmpOp::Ne {
        (CmpOp::Eq, true)
    } else {
        (op, false)
    };
    Ok(not(Node::Qty { lhs: l, op, rhs: r }, neg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Context, parse};

    fn truth(expr: &str, indicator: &str, target: &str, conversions: &[Conversion]) -> Truth {
        let mut c = Compiler::default();
        let node = c
            .compile(&super::super::expr::parse(expr).unwrap())
            .unwrap();
        let m = c.finish();
        let t = parse(target, &Context::unruled()).target;
        let scope = Scope::new(
            Facts {
                indicator: Some(indicator),
                target_text: Some(target),
                target: Some(&t),
                ..Facts::default()
            },
            &m,
            conversions,
        );
        scope.truth(&node)
    }

    #[test]
    fn three_valued_comparisons() {
        use Truth::*;
        assert_eq!(truth("target >= 90%", "满意度", "95%", &[]), True);
        assert_eq!(truth("target >= 90%", "满意度", "80%", &[]), False);
        assert_eq!(truth("target >= 90%", "满意度", "正常开展", &[]), Unknown);
        assert_eq!(truth("target >= 90%", "满意度", "4秒", &[]), Incomparable);
        assert_eq!(
            truth("target >= 90%", "满意度", "95", &[]),
            True,
            "a bare number takes the unit"
        );
        assert_eq!(
            truth("target <= 2分钟", "x", "90秒", &[]),
            True,
            "units convert"
        );
        assert_eq!(
            truth("target >= 90%", "x", "[85, 95] %", &[]),
            False,
            "both bounds"
        );
        assert_eq!(truth("not target >= 90%", "x", "正常开展", &[]), Unknown);
        assert_eq!(
            truth("target >= 90% or indicator ~ \"x\"", "x", "4秒", &[]),
            True
        );
        assert_eq!(
            truth("target >= 90% and indicator ~ \"y\"", "x", "4秒", &[]),
            False
        );
        assert_eq!(
            truth("target >= 90% and indicator ~ \"x\"", "x", "4秒", &[]),
            Incomparable
        );
        assert_eq!(truth("target == \"正常开展\"", "x", "正常开展", &[]), True);
        assert_eq!(
            truth(
                "kind == \"qualitative\" and not category",
                "x",
                "正常开展",
                &[]
            ),
            True
        );
        assert_eq!(truth("unit == \"%\"", "x", "95%", &[]), True);
        let month = Conversion {
            from: Unit(std::borrow::Cow::Borrowed("月")),
            to: Unit(std::borrow::Cow::Borrowed("天")),
            factor: Decimal::from(30),
        };
        assert_eq!(truth("target <= 2个月", "x", "45天", &[]), Incomparable);
        assert_eq!(
            truth("target <= 2个月", "x", "45天", std::slice::from_ref(&month)),
            True
        );
        assert_eq!(truth("target <= 1个月", "x", "45天", &[month]), False);
    }

    #[test]
    fn type_errors_are_found_at_load() {
        let mut c = Compiler::default();
        for (bad, at) in [
            ("indicator >= 90%", 0..9),
            ("weight ~ \"1\"", 0..6),
            ("indicator ~ indicator", 12..21),
            ("kind == \"comapre\"", 8..17),
            ("indicator < \"a\"", 10..11),
            ("\"a\"", 0..3),
        ] {
            let e = c
                .compile(&super::super::expr::parse(bad).unwrap())
                .unwrap_err();
            assert_eq!(e.span, at, "{bad}");
        }
    }
}
