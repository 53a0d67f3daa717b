//! A table (and its actuals) into the report: targets read, actuals matched, weights assigned
//! per project (SPEC §8.1, §8.2, §8.8), each indicator scored, budget execution scored (§8.7),
//! projects totalled and graded (§8.10), units and the whole rolled up, and the unit's own 得分
//! re-checked where the sheet printed one.
//!
//! Weights: where the sheet gives 分值 for every applicable indicator of a project, those are
//! the weights (and the budget row's 分值 the budget weight). Otherwise budget execution keeps
//! its points and the method's category points are rescaled so that the categories present
//! share the rest of the 100 (a project without a 满意度指标 shares those points among the
//! rest, in proportion), and inside a category the
//! indicators without 分值 share what the given ones leave, evenly.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::actual::{self, Actual};
use super::actuals_file::{ActualsFile, IndicatorActual, ProjectActuals};
use super::methodology::{Grade, Methodology, Ruled};
use super::score::{Outcome, Verdict, score};
use crate::finding::{Finding, Severity};
use crate::lang::{self, Context, Origin};
use crate::report::model::{
    Difference, IndicatorReport, ProjectReport, Report, Shown, SourceRef, Summary, UnitReport,
    VerdictCounts,
};
use crate::rules::{Facts, RuleSet};
use crate::table::model::{Document, IndicatorRow, Project, UnitRow};

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

/// Matches the projects and indicators of a table with the entries of an actuals file, in
/// table order, marking each entry as it is taken; what is never taken is reported at the end.
pub struct Matcher<'a> {
    file: Option<&'a ActualsFile>,
    matched: Vec<bool>,
    used: Vec<Vec<bool>>,
    /// First entry of each (unit, project).
    by_key: HashMap<(&'a str, &'a str), usize>,
    /// Entries without a unit, by project, and how many of them are known taken (a cursor, so
    /// many projects of one name take their entries in linear time).
    unitless: HashMap<&'a str, (Vec<usize>, usize)>,
    /// The indicators of each entry taken so far, indexed (built when it is first taken).
    index: HashMap<usize, EntryIndex<'a>>,
}

/// Positions in a list in file order, and how far they are known to be taken.
#[derive(Debug, Default)]
struct Cursor {
    list: Vec<usize>,
    next: usize,
}

impl Cursor {
    /// The first position not yet used (amortised constant time: used ones are passed once).
    fn first_free(&mut self, used: &[bool]) -> Option<usize> {
        while self.next < self.list.len() && used[self.list[self.next]] {
            self.next += 1;
        }
        self.list.get(self.next).copied()
    }
}

/// One entry's indicators indexed by (seq, name), name and seq, so that every table row finds
/// its entry in constant time however long the lists (it was a scan of the list per row).
#[derive(Debug, Default)]
struct EntryIndex<'a> {
    by_seq_name: HashMap<u32, HashMap<&'a str, Cursor>>,
    /// By name, with how many of that name are still free.
    by_name: HashMap<&'a str, (Cursor, usize)>,
    by_seq: HashMap<u32, Cursor>,
}

impl<'a> EntryIndex<'a> {
    fn new(list: &'a [IndicatorActual]) -> Self {
        let mut index = EntryIndex::default();
        for (i, a) in list.iter().enumerate() {
            let name = a.indicator.as_str();
            let by_name = index.by_name.entry(name).or_default();
            by_name.0.list.push(i);
            by_name.1 += 1;
            if let Some(seq) = a.seq {
                index
                    .by_seq_name
                    .entry(seq)
                    .or_default()
                    .entry(name)
                    .or_default()
                    .list
                    .push(i);
                index.by_seq.entry(seq).or_default().list.push(i);
            }
        }
        index
    }

    /// The entry of an indicator: same sequence and name, else the only unused one of that
    /// name, else the first unused one with the same sequence number.
    fn take(
        &mut self,
        list: &'a [IndicatorActual],
        used: &mut [bool],
        row: &IndicatorRow,
    ) -> Option<&'a IndicatorActual> {
        let name: &str = &row.name;
        let pick = self
            .by_seq_name
            .get_mut(&row.seq)
            .and_then(|m| m.get_mut(name))
            .and_then(|c| c.first_free(used))
            .or_else(|| match self.by_name.get_mut(name) {
                Some((c, 1)) => c.first_free(used),
                _ => None,
            })
            .or_else(|| {
                self.by_seq
                    .get_mut(&row.seq)
                    .and_then(|c| c.first_free(used))
            })?;
        used[pick] = true;
        if let Some((_, free)) = self.by_name.get_mut(list[pick].indicator.as_str()) {
            *free -= 1;
        }
        Some(&list[pick])
    }
}

/// What one project takes from the actuals file: its entry, and each indicator's.
#[derive(Debug, Clone, Default)]
pub struct Taken<'a> {
    pub entry: Option<&'a ProjectActuals>,
    pub indicators: Vec<Option<&'a IndicatorActual>>,
}

impl Taken<'_> {
    /// A project that takes nothing from an actuals file (the sheet carries its actuals).
    pub fn none(project: &Project) -> Self {
        Taken {
            entry: None,
            indicators: vec![None; project.indicators.len()],
        }
    }
}

impl<'a> Matcher<'a> {
    pub fn new(file: Option<&'a ActualsFile>) -> Self {
        let entries: &[ProjectActuals] = file.map(|a| a.projects.as_slice()).unwrap_or(&[]);
        let mut by_key = HashMap::new();
        let mut unitless: HashMap<&str, (Vec<usize>, usize)> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_key
                .entry((e.unit.as_str(), e.project.as_str()))
                .or_insert(i);
            if e.unit.is_empty() {
                unitless.entry(e.project.as_str()).or_default().0.push(i);
            }
        }
        Matcher {
            file,
            matched: vec![false; entries.len()],
            used: entries
                .iter()
                .map(|p| vec![false; p.indicators.len()])
                .collect(),
            by_key,
            unitless,
            index: HashMap::new(),
        }
    }

    /// The entry of a project (same unit and project, else an unused entry that leaves the unit
    /// out) and of each of its indicators.
    pub fn take(&mut self, unit: &str, project: &Project) -> Taken<'a> {
        let Some(file) = self.file else {
            return Taken::none(project);
        };
        let found = self
            .by_key
            .get(&(unit, project.name.as_str()))
            .copied()
            .or_else(|| {
                let (list, next) = self.unitless.get_mut(project.name.as_str())?;
                while *next < list.len() && self.matched[list[*next]] {
                    *next += 1;
                }
                list.get(*next).copied()
            });
        let Some(i) = found else {
            return Taken::none(project);
        };
        self.matched[i] = true;
        let entry = &file.projects[i];
        let used = &mut self.used[i];
        let index = self
            .index
            .entry(i)
            .or_insert_with(|| EntryIndex::new(&entry.indicators));
        let indicators = project
            .indicators
            .iter()
            .map(|row| index.take(&entry.indicators, used, row))
            .collect();
        Taken {
            entry: Some(entry),
            indicators,
        }
    }

    /// Entries that matched nothing in the table (`actuals.unmatched`), in file order. Their
    /// positions are found by one forward pass over the file's text (linear in its size,
    /// however many entries go unmatched).
    pub fn unmatched(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let Some(a) = self.file else {
            return findings;
        };
        let mut locator = Locator::new(&a.text);
        for (i, p) in a.projects.iter().enumerate() {
            let at = locator.find(&p.project);
            if !self.matched[i] {
                findings.push(unmatched(a, &p.unit, &p.project, None, at));
                continue;
            }
            for (j, taken) in self.used[i].iter().enumerate() {
                if !taken {
                    let name = &p.indicators[j].indicator;
                    let at = at.and_then(|_| locator.find(name));
                    findings.push(unmatched(a, &p.unit, &p.project, Some(name), at));
                }
            }
        }
        findings
    }
}

/// Finds names in a text in the order they were written, never looking back: each search starts
/// where the last one ended, so finding every entry of a file reads its text about once. A
/// name not found (written with escapes, say) costs one scan to the end; after a few of those
/// positions are no longer looked for, so the time stays linear.
struct Locator<'t> {
    text: &'t str,
    from: usize,
    misses: u32,
    /// Line and column (in characters) at `line_at`, counted forward only.
    line: usize,
    column: usize,
    line_at: usize,
}

impl<'t> Locator<'t> {
    const MAX_MISSES: u32 = 8;

    fn new(text: &'t str) -> Self {
        Locator {
            text,
            from: 0,
            misses: 0,
            line: 1,
            column: 1,
            line_at: 0,
        }
    }

    /// The 1-based line and column of the next `name` after the last one found.
    fn find(&mut self, name: &str) -> Option<(u32, u32)> {
        if self.misses >= Self::MAX_MISSES || name.is_empty() {
            return None;
        }
        let Some(k) = memchr::memmem::find(&self.text.as_bytes()[self.from..], name.as_bytes())
        else {
            self.misses += 1;
            return None;
        };
        let at = self.from + k;
        let between = &self.text[self.line_at..at];
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(nl) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.column = between[nl + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.line_at = at;
        self.from = at + name.len();
        let column = self.column;
        Some((
            u32::try_from(self.line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        ))
    }
}

/// What one evaluation has already worked out, kept per worker. Bounded: each memo is emptied
/// when full.
///
/// - Indicator readings (a `Reading`): tables repeat the same indicator with the same phrasing
///   again and again (`群众满意度` `≥95%`), and reading it again would give the same answer. A
///   reading is keyed by the row's indicator, category, subcategory and target, plus the facts
///   the rule set's conditions read ([`RuleSet::fields_read`]): the bundled rules never read
///   the project or unit, so equal indicators are read and decided once.
/// - Texts read as figures (actual and plan values), by their text and everything their reading
///   depends on (the indicator, its category and subcategory, the rules deciding a bare value).
///
/// The year, the rules and the method are the evaluation's own: a cache that meets another set
/// of them starts over.
#[derive(Default)]
pub struct ParseCache {
    map: rustc_hash::FxHashMap<Box<[u8]>, lang::Parsed>,
    key: Vec<u8>,
    readings: rustc_hash::FxHashMap<Box<[u8]>, Rc<Reading>>,
    /// Readings made so far (each gets the next number as its id).
    made: u64,
    /// Outcomes by reading id, actual and plan text and weight ([`ParseCache::outcome_key`]).
    outcomes: rustc_hash::FxHashMap<Box<[u8]>, Rc<Scoring>>,
    outcome_key: Vec<u8>,
    /// Whether the outcome asked for last may be kept with its reading, and its weight.
    last_fits: bool,
    outcome_weight: [u8; 16],
    /// A project's weights where none is given, by what they depend on ([`ParseCache::shares`]).
    shares: rustc_hash::FxHashMap<Box<[u8]>, Rc<Shares>>,
    shares_key: Vec<u8>,
    /// The evaluation the memos belong to: rules, method (by identity) and year.
    owner: Option<(usize, usize, Option<i32>)>,
    /// What the rules read, once they are known.
    reads: Option<crate::rules::eval::FieldsRead>,
    /// The name of the file read, shared by every indicator's source.
    file: Option<Arc<str>>,
    /// Work everything out afresh each time (see [`ParseCache::without_memo`]).
    off: bool,
    /// Subcategories given by rules, by indicator and category.
    subcategories: rustc_hash::FxHashMap<Box<[u8]>, Option<RuledText>>,
    /// Whether some rule compares the actual as a quantity, once asked.
    figures: Option<bool>,
    /// The formula of budget execution, once asked.
    budget_formula: Option<Option<(crate::rules::Formula, Cow<'static, str>)>>,
}

/// A text a rule gave, and the rule's id.
type RuledText = (Arc<str>, Cow<'static, str>);

/// What the rules decide for one indicator, as evaluation uses it.
#[derive(Debug, Clone)]
struct Decisions {
    na_rule: Option<Cow<'static, str>>,
    rule_weight: Option<(Decimal, Cow<'static, str>)>,
    late_penalty: Option<(Decimal, Cow<'static, str>)>,
    formula_rule: Option<Cow<'static, str>>,
    /// The formula that rule names.
    formula: Option<crate::rules::Formula>,
    /// Tiers, deductions and floors that hold for it (none for most indicators).
    method: Option<Rc<super::method::MethodRules>>,
}

/// What the text of one indicator row gives, whatever project it is in: the target read and
/// its canonical form, the category it scores under (written, or inferred by a rule) and what
/// the rules decide for it.
struct Reading {
    /// Tells readings apart in outcome keys (never reused, even after the memo is emptied).
    id: u64,
    /// The target read (boxed: only a new outcome reads it, so the fields every indicator
    /// reads stay together in a few cache lines).
    parsed: Box<lang::Parsed>,
    /// The rule that gave a bare target its operator, where one did.
    op_rule: Option<Cow<'static, str>>,
    /// The outcome it was last scored to and the weight (exact bytes) it was scored with,
    /// where its key holds the actual and no plan was given ([`ParseCache::outcome`]).
    last_outcome: std::cell::RefCell<Option<([u8; 16], Rc<Scoring>)>>,
    canonical: Option<Arc<str>>,
    /// The category: as written, else inferred.
    category: Option<Arc<str>>,
    /// The rule that inferred the category.
    inferred: Option<Cow<'static, str>>,
    /// The subcategory a rule gives a row that has none, and the rule.
    subcategory: Option<RuledText>,
    /// The points it shares with its category, where a rule gives them: the rule's id (the
    /// pool: categories whose points come from one rule share them, 成本 inside 产出) and its
    /// points. Decided with the indicator's project facts (a `when:` on the unit, project or
    /// department holds), for any first-level category a sheet writes (投入, 过程 too).
    pool: Option<(Cow<'static, str>, Decimal)>,
    decisions: Decisions,
}

/// An indicator's outcome and the note its report shows (the formula, then each remark), put
/// together once for all the indicators scored alike.
struct Scoring {
    outcome: Outcome,
    note: Arc<str>,
    /// Checks on the actual that fail (findings beside the project's total).
    flags: Vec<super::checks::Flag>,
    /// Vetoes that hold.
    vetoes: Vec<super::checks::VetoHit>,
}

impl Scoring {
    fn new(outcome: Outcome) -> Self {
        let mut note = outcome.formula.clone();
        for r in &outcome.remarks {
            note.push('；');
            note.push_str(r);
        }
        Scoring {
            note: Arc::from(note),
            outcome,
            flags: Vec::new(),
            vetoes: Vec::new(),
        }
    }
}

/// How a project's points are shared where the sheet and the rules give no weight: the budget
/// execution's weight, and each category's share per indicator (in the order of the groups
/// asked for).
struct Shares {
    budget: Decimal,
    per_indicator: Vec<Decimal>,
    /// The rule that gives each category its points.
    rules: Vec<Cow<'static, str>>,
}

/// One pool of points of a project, for [`ParseCache::shares`]: the rule that gives the points
/// (categories whose points come from one rule share them), its points, the weights given to
/// some of its indicators (added up) and how many indicators share the rest.
struct Group {
    pool: Cow<'static, str>,
    points: Decimal,
    given: Decimal,
    open: usize,
}

/// The facts of an indicator's project that rules may read.
struct Around<'a> {
    project: &'a str,
    unit: &'a str,
    department: Option<&'a str>,
}

impl ParseCache {
    /// Entries kept at most in each memo: a reading or a figure read is some 500 bytes with
    /// its key, so each worker's memos stay within about 25 MB (at 65 536 entries, a sheet
    /// whose actuals never repeat took a 5 M-indicator run to 271 MB; at 16 384, see
    /// benches/README.md). Tables repeat far fewer phrasings than this.
    const MAX: usize = 1 << 14;

    /// A cache that keeps nothing: every target is read, every rule applied and every
    /// indicator scored afresh. Slower; for checking that the memos change no answer.
    pub fn without_memo() -> Self {
        ParseCache {
            off: true,
            ..ParseCache::default()
        }
    }

    /// The file name `name`, shared.
    fn file(&mut self, name: &str) -> Arc<str> {
        match &self.file {
            Some(f) if **f == *name => f.clone(),
            _ => self.file.insert(Arc::from(name)).clone(),
        }
    }

    /// Empties the memos if they were filled for another evaluation.
    fn claim(&mut self, opts: &Options<'_>, year: Option<i32>) {
        let rules = opts.rules as *const RuleSet as usize;
        let method = opts.methodology as *const Methodology as usize;
        let owner = Some((rules, method, year));
        if self.owner != owner {
            *self = ParseCache {
                owner,
                off: self.off,
                ..ParseCache::default()
            };
        }
    }

    /// The reading of `row` (its `actual_text` is the actual it will be scored with).
    fn reading(
        &mut self,
        opts: &Options<'_>,
        row: &IndicatorRow,
        around: &Around<'_>,
        actual_text: Option<&str>,
        year: Option<i32>,
    ) -> Rc<Reading> {
        use crate::rules::eval::FieldsRead;
        use crate::rules::expr::Field;
        let rules = opts.rules;
        let reads = *self.reads.get_or_insert_with(|| rules.fields_read());
        fn read(reads: FieldsRead, field: Field, value: Option<&str>) -> Option<&str> {
            value.filter(|_| reads.contains(field))
        }
        let weight = row
            .weight
            .filter(|_| reads.contains(Field::Weight))
            .map(|w| w.to_string());
        key_of(
            &mut self.key,
            &[
                Some(&row.name),
                row.category.as_deref(),
                row.subcategory.as_deref(),
                Some(&row.target),
                read(reads, Field::Project, Some(around.project)),
                read(reads, Field::UnitName, Some(around.unit)),
                read(reads, Field::Department, around.department),
                read(reads, Field::Actual, actual_text),
                weight.as_deref(),
            ],
        );
        if let Some(r) = self.readings.get(self.key.as_slice()).filter(|_| !self.off) {
            return r.clone();
        }
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
        let parsed = lang::parse(&row.target, &ctx);
        let canonical = parsed.target.canonical().map(Arc::from);
        // the actual's figure, where conditions read the actual (`actual > 0` in a `when:` of a
        // weight, formula or deduction): read as scoring reads it, so the figure memo serves both
        let figures = *self.figures.get_or_insert_with(|| rules.compares_actual());
        let actual_figure = match actual_text.filter(|_| figures) {
            Some(text) => {
                let key = std::mem::take(&mut self.key);
                let ctx = Context {
                    indicator: Some(&row.name),
                    year,
                    ..Context::default()
                };
                let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';']);
                let figure = match self.parse(trimmed, &ctx).target {
                    lang::Target::Compare { quantity, .. }
                    | lang::Target::Approximate { quantity } => Some(quantity),
                    _ => None,
                };
                self.key = key;
                figure
            }
            None => None,
        };
        let facts = Facts {
            indicator: Some(&row.name),
            category: category.as_deref(),
            subcategory: row.subcategory.as_deref(),
            project: Some(around.project),
            unit_name: Some(around.unit),
            department: around.department,
            target_text: Some(&row.target),
            target: Some(&parsed.target),
            actual_text,
            actual: actual_figure.as_ref(),
            weight: row.weight,
        };
        let applied = rules.apply(facts);
        let pool = super::weights::category_points(rules, &applied, facts);
        // a subcategory rule reads only the indicator and its categories (`rules check` holds
        // it to them): decided once per indicator and category, whatever the actual
        let subcategory = match &row.subcategory {
            Some(_) => None,
            None => {
                let mut k = Vec::with_capacity(row.name.len() + 16);
                key_of(&mut k, &[Some(&row.name), category.as_deref()]);
                match self.subcategories.get(k.as_slice()).filter(|_| !self.off) {
                    Some(s) => s.clone(),
                    None => {
                        let s = applied
                            .subcategory()
                            .map(|d| (Arc::from(d.value), d.rule.id.clone()));
                        remember(&mut self.subcategories, &k, s.clone());
                        s
                    }
                }
            }
        };
        let formula = applied.formula();
        let decisions = Decisions {
            na_rule: applied.not_applicable().map(|r| r.id.clone()),
            rule_weight: applied
                .indicator_weight()
                .map(|d| (d.value, d.rule.id.clone())),
            late_penalty: formula
                .as_ref()
                .and_then(|f| f.value.late_penalty.map(|p| (p, f.rule.id.clone()))),
            formula: formula.as_ref().map(|f| f.value.formula),
            method: {
                let mr = super::method::MethodRules {
                    tiers: applied
                        .tiers()
                        .map(|d| (d.value.clone(), d.rule.id.clone())),
                    deduct: applied
                        .deduct()
                        .map(|d| (d.value.clone(), d.rule.id.clone())),
                    floor: applied
                        .floor()
                        .map(|d| (d.value.clone(), d.rule.id.clone())),
                };
                (!mr.is_empty()).then(|| Rc::new(mr))
            },
            formula_rule: formula.map(|f| f.rule.id.clone()),
        };
        self.made += 1;
        let op_rule = match &parsed.provenance.op {
            Some(Origin::Rule(id)) => Some(id.clone()),
            _ => None,
        };
        let reading = Rc::new(Reading {
            id: self.made,
            parsed: Box::new(parsed),
            op_rule,
            last_outcome: std::cell::RefCell::new(None),
            canonical,
            category,
            inferred,
            subcategory,
            pool,
            decisions,
        });
        remember(&mut self.readings, &self.key, reading.clone());
        reading
    }

    /// The outcome kept for scoring `reading` with this actual, plan and weight, if any; leaves
    /// its key for [`ParseCache::keep_outcome`]. Scoring depends on nothing else: the method and
    /// year are the evaluation's, the target, indicator and formula rules are the reading's.
    fn outcome(
        &mut self,
        reading: &Reading,
        actual: Option<&str>,
        plan: Option<&str>,
        weight: Decimal,
    ) -> Option<Rc<Scoring>> {
        // where the rules read the actual, the reading's own key holds it already
        let in_reading = self
            .reads
            .is_some_and(|r| r.contains(crate::rules::expr::Field::Actual));
        // the outcome this reading had last, if the rest of the key is the same (no plan, the
        // same weight): most indicators, and no lookup in the map
        let weight_bytes = weight.serialize();
        self.outcome_weight = weight_bytes;
        self.last_fits = in_reading && plan.is_none() && !self.off;
        if self.last_fits
            && let Some((w, o)) = &*reading.last_outcome.borrow()
            && *w == weight_bytes
        {
            return Some(o.clone());
        }
        key_of(
            &mut self.outcome_key,
            &[actual.filter(|_| !in_reading), plan],
        );
        // then the fixed-size parts: reading id and the weight's exact representation
        self.outcome_key
            .extend_from_slice(&reading.id.to_le_bytes());
        self.outcome_key.extend_from_slice(&weight_bytes);
        let found = self
            .outcomes
            .get(self.outcome_key.as_slice())
            .filter(|_| !self.off)
            .cloned();
        if let Some(o) = &found
            && self.last_fits
        {
            *reading.last_outcome.borrow_mut() = Some((weight_bytes, o.clone()));
        }
        found
    }

    /// Keeps `outcome` of `reading` under the key [`ParseCache::outcome`] left.
    fn keep_outcome(&mut self, reading: &Reading, outcome: Rc<Scoring>) {
        if self.last_fits {
            *reading.last_outcome.borrow_mut() = Some((self.outcome_weight, outcome.clone()));
        }
        remember(&mut self.outcomes, &self.outcome_key, outcome);
    }

    /// The weights of a project's categories, `groups` (and of its budget execution where
    /// `budget` is scored), under the method `m`: budget execution keeps its points, category
    /// points are rescaled so that the categories present share the rest of the 100, and each
    /// category's points less the weights given are shared evenly by its other indicators.
    /// Kept by what they depend on: most projects divide alike.
    fn shares(&mut self, budget: Option<Decimal>, groups: &[Group]) -> Rc<Shares> {
        let key = &mut self.shares_key;
        key.clear();
        key.extend_from_slice(&budget.map_or([0xff; 16], |b| b.serialize()));
        for g in groups {
            key.extend_from_slice(&(g.pool.len() as u64).to_le_bytes());
            key.extend_from_slice(g.pool.as_bytes());
            key.extend_from_slice(&g.points.serialize());
            key.extend_from_slice(&(g.open as u64).to_le_bytes());
            key.extend_from_slice(&g.given.serialize());
        }
        if let Some(s) = self.shares.get(key.as_slice()).filter(|_| !self.off) {
            return s.clone();
        }
        // §8.1: budget execution keeps its points whatever categories a project has; the rest
        // of the 100 is shared among the categories present, in proportion to their points
        let budget_points = budget.map_or(Decimal::ZERO, |b| b.min(Decimal::ONE_HUNDRED));
        let present: Decimal = groups.iter().map(|g| g.points).sum();
        let factor = if present > Decimal::ZERO {
            (Decimal::ONE_HUNDRED - budget_points) / present
        } else {
            Decimal::ONE
        };
        let per_indicator = groups
            .iter()
            .map(|g| {
                let points = g.points * factor;
                if g.open == 0 {
                    Decimal::ZERO
                } else {
                    ((points - g.given).max(Decimal::ZERO)) / Decimal::from(g.open)
                }
            })
            .collect();
        let shares = Rc::new(Shares {
            budget: budget_points,
            per_indicator,
            rules: groups.iter().map(|g| g.pool.clone()).collect(),
        });
        remember(&mut self.shares, &self.shares_key, shares.clone());
        shares
    }

    /// The formula a rule names for budget execution (the rule that holds without an
    /// indicator), worked out once per evaluation.
    fn budget_formula(
        &mut self,
        rules: &RuleSet,
    ) -> Option<(crate::rules::Formula, Cow<'static, str>)> {
        self.budget_formula
            .get_or_insert_with(|| {
                rules
                    .apply(Facts::default())
                    .formula()
                    .map(|f| (f.value.formula, f.rule.id.clone()))
            })
            .clone()
    }

    /// Whether some rule reads the project, unit or department (decisions then differ from
    /// project to project).
    fn reads_project(&mut self, rules: &RuleSet) -> bool {
        use crate::rules::expr::Field;
        let r = *self.reads.get_or_insert_with(|| rules.fields_read());
        {
            r.contains(Field::Project)
                || r.contains(Field::UnitName)
                || r.contains(Field::Department)
        }
    }

    /// A text read with `ctx` (actual and plan figures, with the bundled rules).
    fn parse(&mut self, text: &str, ctx: &Context<'_>) -> lang::Parsed {
        // the rules that decide a bare value, by identity (they outlive the evaluation)
        let rules = ctx.directions as *const dyn crate::lang::Directions as *const () as usize;
        key_of(
            &mut self.key,
            &[
                Some(itoa::Buffer::new().format(rules)),
                Some(text),
                ctx.indicator,
                ctx.category,
                ctx.subcategory,
            ],
        );
        if let Some(p) = self.map.get(self.key.as_slice()).filter(|_| !self.off) {
            return p.clone();
        }
        let parsed = lang::parse(text, ctx);
        remember(&mut self.map, &self.key, parsed.clone());
        parsed
    }
}

/// Writes `parts` into `key`, each with its length in front, so that two different lists of
/// parts never give the same key (whatever characters the cells hold).
fn key_of(key: &mut Vec<u8>, parts: &[Option<&str>]) {
    key.clear();
    for part in parts {
        match part {
            Some(p) => {
                key.extend_from_slice(&(p.len() as u64).to_le_bytes());
                key.extend_from_slice(p.as_bytes());
            }
            None => key.extend_from_slice(&u64::MAX.to_le_bytes()),
        }
    }
}

/// Keeps `value` under `key`, emptying the memo first when it is full (bounded memory).
fn remember<V>(map: &mut rustc_hash::FxHashMap<Box<[u8]>, V>, key: &[u8], value: V) {
    if map.len() >= ParseCache::MAX {
        map.clear();
    }
    map.insert(key.into(), value);
}

struct Scored<'a> {
    row: &'a IndicatorRow,
    /// Its entry in the actuals file, where one matched.
    entry: Option<&'a IndicatorActual>,
    reading: Rc<Reading>,
    actual_text: Option<&'a str>,
    weight: Decimal,
    weight_rule: Option<Cow<'static, str>>,
    not_applicable: bool,
}

impl<'a> Scored<'a> {
    /// The plan value (or the baseline of a relative target) from the actuals file, else the
    /// 计划数 a form gives.
    fn plan_text(&self) -> Option<&'a str> {
        self.entry
            .and_then(|a| a.figure_for(&self.reading.parsed.target))
            .or(self.row.plan.as_deref().filter(|p| !p.trim().is_empty()))
    }

    /// The actual it was scored with (the row's own text shared, where it came from the row).
    fn actual(&self) -> Option<Arc<str>> {
        let text = self.actual_text?;
        match &self.row.actual {
            Some(a) if std::ptr::eq(a.as_ptr(), text.as_ptr()) => Some(a.clone()),
            _ => Some(Arc::from(text)),
        }
    }

    /// A weight given for this indicator: the sheet's 分值, else a rule's `indicator_weight`.
    fn given(&self) -> Option<(Decimal, Cow<'static, str>)> {
        match self.row.weight {
            Some(w) => Some((w, Cow::Borrowed("sheet.weight"))),
            None => self.reading.decisions.rule_weight.clone(),
        }
    }
}

fn source_ref(file: &Arc<str>, loc: &crate::table::source::Location) -> SourceRef {
    SourceRef {
        file: file.clone(),
        line: loc.line,
        column: Some(loc.column),
        cell: loc.cell.map(|c| c.a1()),
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
    let mut report = evaluate_cached(
        doc,
        taken,
        year,
        published_dp,
        opts,
        &mut ParseCache::default(),
    );
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
        |p| projects.push(p),
    );
    rollup(
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
    cache.claim(opts, year);
    let tolerance = published_dp.map(|p| Decimal::new(5, p + 1));
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
        each(evaluate_project(
            doc,
            unit,
            project,
            taken,
            year,
            opts,
            tolerance,
            differences,
            cache,
        ));
    }
}

fn unmatched(
    file: &ActualsFile,
    unit: &str,
    project: &str,
    indicator: Option<&str>,
    at: Option<(u32, u32)>,
) -> Finding {
    let (message, help) = match indicator {
        Some(i) => (
            format!("实际值文件中的指标“{i}”在目标表的项目“{project}”中找不到"),
            "核对指标名称和序号（seq）是否与目标表一致",
        ),
        None => (
            format!("实际值文件中的项目“{project}”在目标表中找不到"),
            "核对单位（unit）和项目（project）名称是否与目标表一致",
        ),
    };
    let mut f = Finding::new("actuals.unmatched", Severity::Warning, &file.name, message)
        .help(help)
        .project(project);
    if let Some((line, column)) = at {
        f.line = Some(line);
        f.column = Some(column);
    }
    if !unit.is_empty() {
        f = f.unit(unit);
    }
    if let Some(i) = indicator {
        f = f.indicator(i);
    }
    f
}

#[allow(clippy::too_many_arguments)]
fn evaluate_project(
    doc: &Document,
    unit: &UnitRow,
    project: &Project,
    taken: Taken<'_>,
    year: Option<i32>,
    opts: &Options<'_>,
    tolerance: Option<Decimal>,
    differences: &mut Vec<Difference>,
    cache: &mut ParseCache,
) -> ProjectReport {
    let m = opts.methodology;
    let dp = m.precision.value;
    // 1. Read every target and find its actual.
    let mut rows: Vec<Scored<'_>> = Vec::with_capacity(project.indicators.len());
    let file = cache.file(&doc.source.name);
    let around = Around {
        project: &project.name,
        unit: &unit.name,
        department: doc.department.as_deref(),
    };
    for (row, entry) in project.indicators.iter().zip(taken.indicators) {
        let actual_text = entry
            .and_then(|e| filled(&e.actual))
            .or_else(|| entry.and_then(|e| filled(&e.grade)))
            .or_else(|| filled(&row.actual));
        let reading = cache.reading(opts, row, &around, actual_text, year);
        // 不适用 written as the actual (a form has no other place for it) drops the row as the
        // actuals file's `not_applicable: true` does
        let written_na = entry.is_none()
            && row
                .actual
                .as_deref()
                .is_some_and(|a| matches!(a.trim(), "不适用" | "本年不适用" | "不涉及"));
        let not_applicable = entry.is_some_and(|e| e.not_applicable)
            || written_na
            || reading.decisions.na_rule.is_some();
        rows.push(Scored {
            row,
            entry,
            reading,
            actual_text,
            weight: Decimal::ZERO,
            weight_rule: None,
            not_applicable,
        });
    }
    // 2. Budget execution.
    let entry = taken.entry;
    let budget = entry
        .and_then(|e| e.budget.map(|a| a.0))
        .or(project.budget.as_ref().and_then(|b| b.budget))
        .or(project.amounts.total.as_ref().map(|a| a.value));
    let spent = entry
        .and_then(|e| e.spent.map(|a| a.0))
        .or(project.budget.as_ref().and_then(|b| b.spent));
    // a budget of zero or less cannot be divided by: budget execution keeps its weight and
    // waits for review (a finding says why), never dropped to raise the other indicators
    let budget_impossible = budget.is_some_and(|b| b <= Decimal::ZERO);
    let budget_applicable = budget.is_some();
    // 3. Weights.
    let applicable: Vec<usize> = (0..rows.len())
        .filter(|&i| !rows[i].not_applicable)
        .collect();
    let sheet_weights =
        !applicable.is_empty() && applicable.iter().all(|&i| rows[i].given().is_some());
    let mut budget_weight = Decimal::ZERO;
    // the budget's points: the rule that holds for this project (a `when:` on its unit,
    // project or department), read per project only where some rule reads those fields
    let (method_budget, mut budget_weight_rule) = match cache.reads_project(opts.rules) {
        true => {
            super::weights::budget_points(opts.rules, &project.name, &unit.name, around.department)
                .unwrap_or((m.budget_weight.value, m.budget_weight.rule.clone()))
        }
        false => (m.budget_weight.value, m.budget_weight.rule.clone()),
    };
    if sheet_weights {
        // §8.8: the points of rows that do not apply are shared among the rest, in proportion
        // to their 分值 (the budget row keeps its own)
        let dropped: Decimal = (0..rows.len())
            .filter(|&i| rows[i].not_applicable)
            .filter_map(|i| rows[i].given().map(|(w, _)| w))
            .sum();
        let kept: Decimal = applicable
            .iter()
            .filter_map(|&i| rows[i].given().map(|(w, _)| w))
            .sum();
        let share =
            (dropped > Decimal::ZERO && kept > Decimal::ZERO).then(|| (kept + dropped) / kept);
        for &i in &applicable {
            if let Some((w, rule)) = rows[i].given() {
                match share {
                    Some(f) => {
                        rows[i].weight = w * f;
                        rows[i].weight_rule =
                            Some(Cow::Borrowed("sheet.weight.not-applicable-shared"));
                    }
                    None => {
                        rows[i].weight = w;
                        rows[i].weight_rule = Some(rule);
                    }
                }
            }
        }
        if budget_applicable {
            match project.budget.as_ref().and_then(|b| b.weight) {
                Some(w) => {
                    budget_weight = w;
                    budget_weight_rule = "sheet.weight".into();
                }
                None => budget_weight = method_budget,
            }
        }
    } else {
        // the pools of points present, in order of appearance, and the group of each
        // applicable indicator (one pass; pools compared by address first)
        let mut groups: Vec<Group> = Vec::with_capacity(4);
        let mut group_of: Vec<Option<usize>> = Vec::with_capacity(applicable.len());
        for &i in &applicable {
            let r = &rows[i];
            let k = r.reading.pool.as_ref().map(|(pool, points)| {
                let same = |g: &Group| {
                    (std::ptr::eq(g.pool.as_ptr(), pool.as_ptr()) || g.pool == *pool)
                        && g.points == *points
                };
                groups.iter().position(same).unwrap_or_else(|| {
                    groups.push(Group {
                        pool: pool.clone(),
                        points: *points,
                        given: Decimal::ZERO,
                        open: 0,
                    });
                    groups.len() - 1
                })
            });
            if let Some(k) = k {
                match r.given() {
                    Some((w, _)) => groups[k].given += w,
                    None => groups[k].open += 1,
                }
            }
            group_of.push(k);
        }
        let shares = cache.shares(budget_applicable.then_some(method_budget), &groups);
        budget_weight = shares.budget;
        for (&i, k) in applicable.iter().zip(group_of) {
            let Some(k) = k else { continue };
            match rows[i].given() {
                Some((wt, rule)) => {
                    rows[i].weight = wt;
                    rows[i].weight_rule = Some(rule);
                }
                None => {
                    rows[i].weight = shares.per_indicator[k];
                    rows[i].weight_rule = Some(shares.rules[k].clone());
                }
            }
        }
    }
    // 4. Score.
    let mut counts = VerdictCounts::default();
    let mut total = Decimal::ZERO;
    let mut pending = Decimal::ZERO;
    let mut weights = Decimal::ZERO;
    let mut indicators = Vec::with_capacity(rows.len());
    let mut findings: Vec<Finding> = Vec::new();
    let mut vetoes: Vec<super::checks::VetoHit> = Vec::new();
    for s in &rows {
        let scoring = if s.not_applicable {
            Rc::new(Scoring::new(Outcome {
                verdict: Verdict::NotApplicable,
                score: None,
                formula: "本年不适用，不计分；项目总分按其余指标折算".into(),
                rules: s.reading.decisions.na_rule.iter().cloned().collect(),
                remarks: vec![],
            }))
        } else {
            let plan_text = s.plan_text();
            match cache.outcome(&s.reading, s.actual_text, plan_text, s.weight) {
                Some(o) => o,
                None => {
                    let (outcome, actual, flags) = score_reading(s, plan_text, year, opts, cache);
                    let mut scoring = Scoring::new(outcome);
                    if opts.rules.asks_of_actuals() {
                        let quantity = match &actual {
                            Actual::Quantity { quantity, .. } => Some(quantity),
                            _ => None,
                        };
                        let facts = Facts {
                            indicator: Some(&s.row.name),
                            category: s.reading.category.as_deref(),
                            subcategory: s.row.subcategory.as_deref(),
                            project: Some(around.project),
                            unit_name: Some(around.unit),
                            department: around.department,
                            target_text: Some(&s.row.target),
                            target: Some(&s.reading.parsed.target),
                            actual_text: s.actual_text,
                            actual: quantity,
                            weight: s.row.weight,
                        };
                        (scoring.flags, scoring.vetoes) =
                            super::checks::on_actual(opts.rules, facts);
                    }
                    scoring.flags.splice(0..0, flags);
                    let o = Rc::new(scoring);
                    cache.keep_outcome(&s.reading, o.clone());
                    o
                }
            }
        };
        // a row a person must grade, on a sheet that printed its own 得分: the office's grade
        let qualitative = matches!(
            s.reading.parsed.target,
            crate::lang::Target::Qualitative { .. }
        );
        let waits = qualitative && outcome_waits(&scoring.outcome);
        let scoring = match (waits, s.row.published_score, s.row.weight) {
            (true, Some(p), Some(w)) if !s.not_applicable => {
                match super::score::sheet_grade(p, w, s.weight, m) {
                    Some(mut o) => {
                        o.formula = format!("{}；{}", scoring.outcome.formula, o.formula);
                        let mut graded = Scoring::new(o);
                        graded.flags = scoring.flags.clone();
                        graded.vetoes = scoring.vetoes.clone();
                        Rc::new(graded)
                    }
                    None => scoring,
                }
            }
            _ => scoring,
        };
        let outcome = &scoring.outcome;
        for flag in &scoring.flags {
            findings.push(super::checks::finding(
                flag,
                &file,
                &unit.name,
                &project.name,
                &s.row.name,
            ));
        }
        vetoes.extend(scoring.vetoes.iter().cloned());
        counts.add(outcome.verdict);
        if outcome.verdict != Verdict::NotApplicable {
            weights += s.weight;
        }
        match outcome.verdict {
            Verdict::Review | Verdict::Invalid => pending += s.weight,
            _ => {}
        }
        if let Some(sc) = outcome.score
            && outcome.verdict != Verdict::NotApplicable
        {
            total += sc;
        }
        let mut rules: Vec<Cow<'static, str>> = Vec::with_capacity(3 + outcome.rules.len());
        if let Some(id) = &s.reading.op_rule {
            rules.push(id.clone());
        }
        if let Some(r) = &s.reading.inferred {
            rules.push(r.clone());
        }
        if let Some((_, r)) = &s.reading.subcategory {
            rules.push(r.clone());
        }
        if let Some(r) = &s.weight_rule {
            rules.push(r.clone());
        }
        rules.extend(outcome.rules.iter().cloned());
        let shown_score = outcome
            .score
            .filter(|_| outcome.verdict != Verdict::NotApplicable)
            .map(|v| Shown::new(v, dp));
        let differs = match (s.row.published_score, outcome.score, tolerance) {
            (Some(p), Some(sc), Some(tol)) => (sc - p).abs() > tol,
            // a printed 得分 that cannot be re-checked is listed, with the reason
            (Some(_), None, _) => outcome.verdict != Verdict::NotApplicable,
            _ => false,
        };
        let source = source_ref(&file, &s.row.at.target);
        if differs {
            differences.push(Difference {
                unit: unit.name.clone(),
                project: project.name.clone(),
                seq: s.row.seq,
                indicator: s.row.name.to_string(),
                target: s.row.target.to_string(),
                actual: s.actual_text.map(str::to_owned),
                weight: Shown::new(s.weight, dp),
                published_score: s.row.published_score,
                score: shown_score,
                formula: outcome.formula.clone(),
                source: source.clone(),
            });
        }
        // the grade word of a qualitative row a grade decided (its rule is the grade's)
        let graded = if qualitative {
            [Grade::Achieved, Grade::Partly, Grade::NotAchieved]
                .into_iter()
                .find(|g| outcome.rules.contains(&m.grade(*g).rule))
                .map(Grade::as_str)
        } else {
            None
        };
        indicators.push(IndicatorReport {
            seq: s.row.seq,
            category: s.reading.category.clone(),
            subcategory: s
                .row
                .subcategory
                .clone()
                .or_else(|| s.reading.subcategory.as_ref().map(|(c, _)| c.clone())),
            indicator: s.row.name.clone(),
            target: s.row.target.clone(),
            canonical: s.reading.canonical.clone(),
            actual: s.actual(),
            verdict: outcome.verdict,
            weight: Shown::new(s.weight, dp),
            score: shown_score,
            published_score: s.row.published_score,
            rules,
            note: scoring.note.clone(),
            source,
            category_inferred: s.reading.inferred.is_some(),
            deviation_note: s
                .entry
                .and_then(|a| a.note.clone())
                .or_else(|| s.row.deviation_note.clone()),
            differs_from_published: differs,
            subcategory_inferred: s.row.subcategory.is_none() && s.reading.subcategory.is_some(),
            grade: graded,
            plan: s.plan_text().map(Arc::from),
        });
    }
    // spent ÷ budget, divided once for the budget's score and its execution rate
    let spent_share = match (budget, spent) {
        (Some(b), Some(sp)) if b > Decimal::ZERO => Some(sp / b),
        _ => None,
    };
    // §8.7, or the formula a rule names for budget execution (`when: not indicator`)
    let budget_formula = cache.budget_formula(opts.rules);
    let all_or_nothing = matches!(
        budget_formula.as_ref().map(|f| f.0),
        Some(crate::rules::Formula::AllOrNothing | crate::rules::Formula::YesNo)
    );
    let budget_score = (budget_applicable && !budget_impossible).then(|| match spent_share {
        Some(r) if all_or_nothing => {
            if r >= Decimal::ONE {
                budget_weight
            } else {
                Decimal::ZERO
            }
        }
        Some(r) => budget_weight * r.min(Decimal::ONE).max(Decimal::ZERO),
        None => Decimal::ZERO,
    });
    if budget_impossible {
        pending += budget_weight;
    }
    if let Some(b) = budget_score {
        total += b;
    }
    // the budget row's printed 得分 is re-checked like every other
    if let Some(line) = project.budget.as_ref()
        && let Some(p) = line.published_score
    {
        let tol = tolerance.unwrap_or_else(|| Decimal::new(5, p.normalize().scale() + 1));
        if budget_score.is_none_or(|b| (b - p).abs() > tol) {
            differences.push(Difference {
                unit: unit.name.clone(),
                project: project.name.clone(),
                seq: 0,
                indicator: "预算执行率".to_owned(),
                target: budget
                    .map(|b| format!("预算 {}", b.normalize()))
                    .unwrap_or_default(),
                actual: spent.map(|s| format!("执行 {}", s.normalize())),
                weight: Shown::new(budget_weight, dp),
                published_score: Some(p),
                score: budget_score.map(|b| Shown::new(b, dp)),
                formula: match budget_score {
                    Some(_) => format!("{} × 执行率（至多 100%）", budget_weight.normalize()),
                    None => "预算或执行数缺失，无法复核".to_owned(),
                },
                source: source_ref(&file, &line.at),
            });
        }
    }
    let execution_rate = spent_share.map(|r| Shown::new(r * Decimal::ONE_HUNDRED, dp));
    if budget_applicable {
        weights += budget_weight;
    }
    // §8.1, §8.10: graded out of the points it was scored on; a veto sets grade (and total)
    if let Some(t) = vetoes.iter().find_map(|v| v.total) {
        total = t;
    }
    let mut graded = super::total::grade(m, total, weights, &file, &unit.name, &project.name);
    if let Some(v) = vetoes.first() {
        graded.grade = v.grade.clone();
    }
    findings.splice(0..0, graded.finding.take());
    for v in &vetoes {
        findings.push(super::checks::veto_finding(
            v,
            &file,
            &unit.name,
            &project.name,
        ));
    }
    let form = project.form.as_deref();
    let printed = form.and_then(|f| f.total.as_ref());
    let published_score = printed.and_then(|t| t.score);
    let total_differs = published_score.is_some_and(|p| {
        let tol = Decimal::new(5, p.normalize().scale() + 1);
        (total - p).abs() > tol
    });
    let money_unit: Cow<'static, str> = match form
        .and_then(|f| f.money_unit.as_deref())
        .or(doc.money_unit.as_deref())
    {
        None | Some("万元") => Cow::Borrowed("万元"),
        Some(u) => Cow::Owned(u.to_owned()),
    };
    ProjectReport {
        unit: unit.name.clone(),
        project: project.name.clone(),
        budget,
        spent,
        execution_rate,
        score: Shown::new(total, dp),
        grade: graded.grade,
        indicators,
        budget_weight: Shown::new(budget_weight, dp),
        budget_score: budget_score.map(|b| Shown::new(b, dp)),
        budget_published_score: project.budget.as_ref().and_then(|b| b.published_score),
        budget_rules: std::iter::once(budget_weight_rule)
            .chain(budget_formula.map(|f| f.1))
            .collect(),
        pending: Shown::new(pending, dp),
        counts,
        money_unit,
        weights: Shown::new(weights, dp),
        published_score,
        published_grade: printed.and_then(|t| t.grade.clone()),
        total_differs,
        goal: project.goal.as_ref().map(|g| g.text.clone()),
        goal_actual: form
            .and_then(|f| f.goal_actual.as_ref())
            .map(|g| g.text.clone()),
        findings,
    }
}

/// Scores one indicator: its actual (and plan) read against its target, with its weight; the
/// actual as read beside it.
fn score_reading(
    s: &Scored<'_>,
    plan_text: Option<&str>,
    year: Option<i32>,
    opts: &Options<'_>,
    cache: &mut ParseCache,
) -> (Outcome, Actual, Vec<super::checks::Flag>) {
    let m = opts.methodology;
    let target = &s.reading.parsed.target;
    let mut read = |text: &str| {
        actual::read_with(text, target, Some(&s.row.name), year, &mut |t, ctx| {
            cache.parse(t, ctx)
        })
    };
    let mut actual = match &s.actual_text {
        Some(t) => read(t),
        None => Actual::Missing,
    };
    let mut flags = Vec::new();
    // a unit only a `convert:` rule brings to the target's
    let converted = super::method::convert_actual(opts.rules, target, &actual);
    if let Some((a, _)) = &converted {
        actual = a.clone();
    }
    // a grade as the rules word it (`words:`, `部分达成(75%)`, `7.5分`)
    if let (crate::lang::Target::Qualitative { .. }, Some(text)) = (target, s.actual_text) {
        let applied = opts.rules.apply(Facts {
            indicator: Some(&s.row.name),
            category: s.reading.category.as_deref(),
            subcategory: s.row.subcategory.as_deref(),
            ..Facts::default()
        });
        if let Some((a, flag)) = super::grades::read(&applied, text, &actual, s.weight) {
            actual = a;
            flags.extend(flag);
        }
    }
    let plan = plan_text.map(read);
    let mut o = match &s.reading.decisions.late_penalty {
        Some((p, rule)) => {
            let mut with_penalty = m.clone();
            with_penalty.deadline_penalty_per_month = Some(Ruled::new(*p, rule.clone()));
            score(target, &actual, plan.as_ref(), s.weight, &with_penalty)
        }
        None => score(target, &actual, plan.as_ref(), s.weight, m),
    };
    if let Some(f) = s.reading.decisions.formula {
        o = super::formula::apply(f, target, &actual, s.weight, m, o);
    }
    if let Some(method) = &s.reading.decisions.method {
        let written = super::method::Written {
            indicator: &s.row.name,
            target: &s.row.target,
            actual: s.actual_text,
            year,
        };
        let (out, flag) = super::method::apply(method, target, &actual, written, s.weight, o);
        o = out;
        flags.extend(flag);
    }
    if let Some(rule) = &s.reading.decisions.formula_rule {
        o.rules.insert(0, rule.clone());
    }
    if let Some((_, rule)) = converted {
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
    (o, actual, flags)
}

/// Whether an outcome waits for a person's grade.
fn outcome_waits(o: &Outcome) -> bool {
    o.verdict == Verdict::Review && o.score.is_none()
}

/// A text cell that holds something besides spaces.
fn filled<S: AsRef<str>>(text: &Option<S>) -> Option<&str> {
    text.as_ref()
        .map(AsRef::as_ref)
        .filter(|t| t.chars().any(|c| !c.is_whitespace()))
}

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
    let b = p.budget.filter(|b| *b <= Decimal::ZERO)?;
    let mut f = Finding::new(
        "eval.budget-not-positive",
        Severity::Warning,
        &doc.source.name,
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

fn rollup(
    doc: &Document,
    projects: Vec<ProjectReport>,
    differences: Vec<Difference>,
    mut findings: Vec<Finding>,
    m: &Methodology,
    year: Option<i32>,
) -> Report {
    let dp = m.precision.value;
    let mut units: Vec<UnitReport> = Vec::new();
    let mut by_unit: HashMap<&str, Vec<&ProjectReport>> = HashMap::new();
    for p in &projects {
        by_unit.entry(p.unit.as_str()).or_default().push(p);
    }
    for u in &doc.units {
        let mine: &[&ProjectReport] = by_unit.get(u.name.as_str()).map_or(&[], Vec::as_slice);
        let mut counts = VerdictCounts::default();
        for p in mine {
            counts.merge(&p.counts);
        }
        // means of totals on 100 (a project scored on other points converted, §8.1)
        let score = mean(mine.iter().map(|p| super::total::on_100(p)));
        units.push(UnitReport {
            unit: u.name.clone(),
            projects: mine.len(),
            score: Shown::new(score, dp),
            grade: if mine.is_empty() {
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
    let score = mean(projects.iter().map(super::total::on_100));
    findings.extend(projects.iter().filter_map(|p| budget_finding(doc, p)));
    // Rows the reader skipped are part of the picture: they did not disappear.
    findings.splice(
        0..0,
        doc.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .cloned(),
    );
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
            grade: if projects.is_empty() {
                String::new()
            } else {
                m.grade_of(score).to_owned()
            },
            pending: Shown::new(projects.iter().map(|p| p.pending.exact).sum(), dp),
            differences: differences.len(),
        },
        projects,
        department: doc.department.clone(),
        units,
        differences,
        findings,
        year,
    }
}

#[cfg(test)]
mod memo_tests {
    use super::key_of;

    #[test]
    fn memo_keys_tell_parts_apart_whatever_the_cells_hold() {
        let key = |parts: &[Option<&str>]| {
            let mut k = Vec::new();
            key_of(&mut k, parts);
            k
        };
        // a separator-like character inside a cell cannot shift text from one part to the next
        assert_ne!(
            key(&[Some("≥95%\u{1}1:x"), Some("满意度")]),
            key(&[Some("≥95%"), Some("x\u{1}满意度")])
        );
        assert_ne!(key(&[Some("a"), None]), key(&[None, Some("a")]));
        assert_ne!(key(&[Some(""), None]), key(&[None, Some("")]));
        assert_eq!(key(&[Some("≥95%"), None]), key(&[Some("≥95%"), None]));
    }
}
