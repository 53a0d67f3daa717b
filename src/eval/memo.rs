//! The memos that make evaluation fast, beside the method they serve (STYLE 11: the hot path
//! apart from the meaning). A [`ParseCache`] keeps, per worker, what one evaluation has already
//! worked out: rows read (a [`Reading`]), texts read as figures, outcomes scored, a project's
//! shares of points, the subcategories rules give. Each answer is worked out by the module
//! that owns its meaning ([`reading`](super::reading), [`indicator`](super::indicator),
//! [`weights`](super::weights), [`budget`](super::budget)); this module only keys and keeps it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::evaluate::Options;
use super::indicator::Scoring;
use super::methodology::Methodology;
use super::reading::{Around, Reading, RuledText};
use super::weights::{Group, Shares};
use crate::lang::{self, Context};
use crate::rules::RuleSet;
use crate::rules::conditions::FieldsRead;
use crate::rules::expr::Field;
use crate::table::model::IndicatorRow;

/// What one evaluation has already worked out, kept per worker. Bounded: each memo is emptied
/// when full.
///
/// - Indicator readings (a `Reading`): tables repeat the same indicator with the same phrasing
///   again and again (`群众满意度` `≥95%`), and reading it again would give the same answer. A
///   reading is keyed by the row's indicator, category, subcategory and target, plus the facts
///   the rule set's conditions read ([`RuleSet::fields_read`]): the bundled rules never read
///   the project or unit, so equal indicators are read and decided once.
/// - Where the rules read the actual (the bundled ones do: `actual ~ "不适用"`), the reading
///   depends on it too: the entry of a row's facts holds its readings by the last few
///   actuals' texts met, and, since a sheet whose actuals never repeat would read every row
///   afresh so, by which of the rules' conditions on the actual hold
///   ([`ActualConditions`](crate::rules::conditions::ActualConditions): the leaves of their
///   `when:` that read it, each leaf's truth in four values, and those that also read the
///   category under a written category's standard name, which
///   [`category_points`](super::weights::category_points) asks again). A decision depends on
///   the actual only through those leaves, so the reading is the same; a reading thus serves
///   rows with other actuals, and the outcome memo keys by the actual always. One lookup
///   by the facts finds both (`Readings`).
/// - Outcomes of actuals that meet their target plainly (`98.137%` against `≥95%`: the outcome
///   `达标，得满分 W` whatever the figure, [`meets_plainly`](super::score::meets_plainly)), kept
///   with the reading per weight (its last 8) and asked only after the outcome memo missed:
///   a varied sheet's figures, each of its own, miss the map, and a row that finds its outcome
///   there pays nothing for this (`eval::indicator` decides which readings
///   leave the outcome to the target's own formula).
/// - Texts read as figures (actual and plan values), by their text and everything their reading
///   depends on (the indicator, its category and subcategory, the rules deciding a bare value);
///   targets in a memo of their own, so that a sheet whose actuals never repeat (each read
///   once, kept, and pushed out unused) does not push out the targets, which repeat. Plain
///   figures (`95.4%`) do not come here at all ([`actual`](super::actual)).
///
/// The year, the rules and the method are the evaluation's own: a cache that meets another set
/// of them starts over.
#[derive(Default)]
pub struct ParseCache {
    /// Actuals and plan figures read (a sheet whose actuals rarely repeat fills it).
    map: Memo<lang::Parsed>,
    /// Targets read: apart from the figures, so that actuals that never repeat do not push
    /// out the targets that do.
    targets: Memo<lang::Parsed>,
    key: Vec<u8>,
    /// The readings of rows by their facts, each entry holding them by actual ([`Readings`]).
    readings: Memo<Rc<Readings>>,
    truths_key: Vec<u8>,
    /// The rules' conditions on the actual, once asked.
    actual_conditions: Option<Rc<crate::rules::conditions::ActualConditions>>,
    /// Readings made so far (each gets the next number as its id).
    made: u64,
    /// Outcomes by reading id, actual and plan text and weight ([`ParseCache::outcome_key`]).
    outcomes: Memo<Rc<Scoring>>,
    outcome_key: Vec<u8>,
    /// Whether the outcome asked for last may be kept with its reading, and its weight.
    last_fits: bool,
    /// Whether the map was asked for the outcome asked for last (and is to keep it).
    ask_map: bool,
    outcome_weight: [u8; 16],
    /// A project's weights where none is given, by what they depend on ([`ParseCache::shares`]).
    shares: Memo<Rc<Shares>>,
    shares_key: Vec<u8>,
    /// The shares of recent projects by their groups' identity, asked before the memo
    /// (`eval::recent_shares`: no key written).
    recent_shares: super::recent_shares::RecentShares,
    /// The groups of points and each row's group while a project is weighed (`weights`),
    /// reused from project to project.
    weighing: (Vec<Group>, Vec<u32>),
    /// The evaluation the memos belong to: rules, method (by identity) and year.
    owner: Option<(usize, usize, Option<i32>)>,
    /// What the rules read, once they are known.
    reads: Option<crate::rules::conditions::FieldsRead>,
    /// The name of the file read, shared by every indicator's source.
    file: Option<Arc<str>>,
    /// Work everything out afresh each time (see [`ParseCache::without_memo`]).
    off: bool,
    /// Rows from which a project is weighed as a long one, where not the usual
    /// ([`ParseCache::with_long_projects_from`]).
    long_from: Option<usize>,
    /// Subcategories given by rules, by indicator and category.
    subcategories: Memo<Option<RuledText>>,
    /// Whether some rule compares the actual as a quantity, once asked.
    figures: Option<bool>,
    /// The formula of budget execution, once asked.
    budget_formula: Option<Option<(crate::rules::Formula, Cow<'static, str>)>>,
    /// Whether any rule gives tiers, deductions or a floor, once asked.
    has_methods: Option<bool>,
    /// The rule lists of report lines, by their hash ([`ParseCache::rule_list`]).
    rule_lists: rustc_hash::FxHashMap<u64, Vec<Arc<[Cow<'static, str>]>>>,
}

/// What a reading carries for the outcome memo: its id in outcome keys and the outcome it was
/// last scored to.
#[derive(Default)]
pub(super) struct ReadingMemo {
    /// Tells readings apart in outcome keys (never reused, even after the memo is emptied).
    pub id: u64,
    /// The outcome it was last scored to, where no plan was given ([`ParseCache::outcome`]).
    pub last_outcome: RefCell<Option<LastOutcome>>,
    /// The rule list of the report line it was last listed on (`assemble`), with the weight's
    /// rule it lists: the reading's own rules come first in it, then the weight's, then the
    /// scoring's, so rows read alike find it by comparing the last two.
    pub last_rules: RefCell<Option<RulesLine>>,
    /// The outcomes of an actual that meets its target plainly, each with the weight (exact
    /// bytes) it was scored with: the last [`PLAIN_WEIGHTS`] weights ([`ParseCache::plain_pass`];
    /// a reading is met in many projects, and a project's shares give its rows their weights).
    pub plain_pass: RefCell<Vec<([u8; 16], Rc<Scoring>)>>,
    /// The target as integers where the reading leaves a plain figure's outcome to it, worked
    /// out at the first row that asks (`eval::indicator`, [`PlainTarget`](super::plain::PlainTarget)).
    pub plain_target: std::cell::OnceCell<Option<super::plain::PlainTarget>>,
    /// What the streamed run's writer rendered of the texts of lines read so, for the next
    /// such line ([`IndicatorLine::texts_kept`](crate::report_model::IndicatorLine)).
    pub rendered: crate::report_model::Kept,
}

/// How many weights a reading keeps its plain pass at ([`ReadingMemo::plain_pass`]): the
/// shares of a category's points that projects give a row are few (`30`, `15`, `10`, `7.5`).
const PLAIN_WEIGHTS: usize = 8;

/// A report line's rule list and the weight's rule it lists.
pub(super) type RulesLine = (Option<Cow<'static, str>>, Arc<[Cow<'static, str>]>);

/// The outcome a reading was last scored to, with the weight (exact bytes) and actual it was
/// scored with.
pub(super) struct LastOutcome {
    weight: [u8; 16],
    /// The actual's text (its buffer reused from outcome to outcome), where there was one.
    actual: String,
    has_actual: bool,
    outcome: Rc<Scoring>,
}

impl LastOutcome {
    fn fits(&self, weight: [u8; 16], actual: Option<&str>) -> bool {
        self.weight == weight
            && match actual {
                Some(a) => self.has_actual && self.actual == a,
                None => !self.has_actual,
            }
    }

    fn keep(reading: &Reading, weight: [u8; 16], actual: Option<&str>, outcome: &Rc<Scoring>) {
        let mut last = reading.memo.last_outcome.borrow_mut();
        match &mut *last {
            Some(l) => {
                l.weight = weight;
                l.actual.clear();
                l.actual.push_str(actual.unwrap_or(""));
                l.has_actual = actual.is_some();
                l.outcome = outcome.clone();
            }
            None => {
                *last = Some(LastOutcome {
                    weight,
                    actual: actual.unwrap_or("").to_owned(),
                    has_actual: actual.is_some(),
                    outcome: outcome.clone(),
                })
            }
        }
    }
}

impl ParseCache {
    /// Entries of one generation of a memo ([`Memo`]; a memo keeps two): a reading with its
    /// figures and outcome is some 2 KB, so each worker's memos stay within about 16 MB. At
    /// 16 384 entries emptied all at once when full, memory rose by 30 MB from 100k to 1M
    /// indicators of a sheet whose actuals rarely repeat, as the memos filled; with two
    /// generations of 4 096, it is full at 100k already and holds the entries in use (see
    /// benches/README.md). Tables repeat far fewer phrasings than this.
    const MAX: usize = 1 << 12;

    /// A cache that keeps nothing: every target is read, every rule applied and every
    /// indicator scored afresh. Slower; for checking that the memos change no answer.
    pub fn without_memo() -> Self {
        ParseCache {
            off: true,
            ..ParseCache::default()
        }
    }

    /// This cache, weighing every project of `rows` rows or more as a long one (its rows
    /// read again when scored, `eval::long_project`; usually from 4,096 rows). For checking
    /// that the two ways give the same answers (`0`: every project).
    pub fn with_long_projects_from(self, rows: usize) -> Self {
        ParseCache {
            long_from: Some(rows),
            ..self
        }
    }

    /// Rows from which a project is weighed as a long one.
    pub(super) fn long_project_rows(&self) -> usize {
        self.long_from.unwrap_or(super::long_project::ROWS)
    }

    /// The file name `name`, shared.
    pub(super) fn file(&mut self, name: &str) -> Arc<str> {
        match &self.file {
            Some(f) if **f == *name => f.clone(),
            _ => self.file.insert(Arc::from(name)).clone(),
        }
    }

    /// Empties the memos if they were filled for another evaluation.
    pub(super) fn claim(&mut self, opts: &Options<'_>, year: Option<i32>) {
        let rules = opts.rules as *const RuleSet as usize;
        let method = opts.methodology as *const Methodology as usize;
        let owner = Some((rules, method, year));
        if self.owner != owner {
            *self = ParseCache {
                owner,
                off: self.off,
                long_from: self.long_from,
                ..ParseCache::default()
            };
        }
    }

    /// The fields the rules' conditions read, worked out once.
    fn fields_read(&mut self, rules: &RuleSet) -> FieldsRead {
        *self.reads.get_or_insert_with(|| rules.fields_read())
    }

    /// The reading of `row` (its `actual_text` is the actual it will be scored with), made by
    /// [`reading::read`](super::reading::read) where no equal row was read before. Keyed by
    /// the row's indicator, category, subcategory and target, plus the facts the rule set's
    /// conditions read.
    pub(super) fn reading(
        &mut self,
        opts: &Options<'_>,
        row: &IndicatorRow,
        around: &Around<'_>,
        actual_text: Option<&str>,
        year: Option<i32>,
    ) -> Rc<Reading> {
        let reads = self.fields_read(opts.rules);
        fn read(reads: FieldsRead, field: Field, value: Option<&str>) -> Option<&str> {
            value.filter(|_| reads.contains(field))
        }
        let weight = row
            .weight
            .filter(|_| reads.contains(Field::Weight))
            .map(|w| w.to_string());
        // the row's facts the rules may read: the key of an entry of readings ([`Readings`]),
        // hashed as its parts are ([`hash_facts`]), compared with them in place and written
        // out only to be kept
        let parts = [
            Some(&*row.name),
            row.category.as_deref(),
            row.subcategory.as_deref(),
            Some(&*row.target),
            read(reads, Field::Project, Some(around.project)),
            read(reads, Field::UnitName, Some(around.unit)),
            read(reads, Field::Department, around.department),
            weight.as_deref(),
        ];
        let facts = hash_facts(&parts);
        let actual = read(reads, Field::Actual, actual_text);
        if self.off {
            let mut reading =
                super::reading::read(self, opts.rules, row, around, actual_text, year);
            self.made += 1;
            reading.memo.id = self.made;
            return Rc::new(reading);
        }
        // one lookup by the facts (the key compared with the parts in place), then the entry's
        // few actuals
        let entry = self
            .readings
            .get_by(facts, |k| rest_of(k, &parts).is_some_and(<[u8]>::is_empty));
        let text_hash = hash_text(actual);
        if let Some(r) = entry.as_ref().and_then(|e| e.by_text(text_hash, actual)) {
            return r;
        }
        // where the rules read the actual, by which of their conditions on it hold rather
        // than by its text (a sheet whose actuals never repeat reads each row once otherwise)
        let by_truths = reads.contains(Field::Actual);
        if by_truths {
            let conditions = self
                .actual_conditions
                .get_or_insert_with(|| Rc::new(opts.rules.actual_conditions()))
                .clone();
            let mut truths = std::mem::take(&mut self.truths_key);
            truths.clear();
            super::reading::actual_truths(
                self,
                opts.rules,
                &conditions,
                (row, around),
                actual_text,
                year,
                &mut truths,
            );
            self.truths_key = truths;
            if let Some(e) = &entry
                && let Some(r) = e.by_truths(&self.truths_key)
            {
                e.keep_text(text_hash, actual, &r);
                return r;
            }
        }
        let mut reading = super::reading::read(self, opts.rules, row, around, actual_text, year);
        self.made += 1;
        reading.memo.id = self.made;
        let reading = Rc::new(reading);
        let entry = match entry {
            Some(e) => e,
            None => {
                // (reading the row read figures through this cache, which reuses the key buffer)
                key_of(&mut self.key, &parts);
                let e = Rc::new(Readings::default());
                self.readings.insert_hashed(facts, &self.key, e.clone());
                e
            }
        };
        entry.keep_text(text_hash, actual, &reading);
        if by_truths {
            entry.keep_truths(&self.truths_key, &reading);
        }
        reading
    }

    /// Whether some rule compares the actual as a quantity (rows then read their actual's
    /// figure for the rules), worked out once.
    pub(super) fn compares_actual(&mut self, rules: &RuleSet) -> bool {
        *self.figures.get_or_insert_with(|| rules.compares_actual())
    }

    /// The subcategory rules give an indicator of `category` without one, `decide`d once per
    /// indicator and category (a subcategory rule reads only those: `rules check` holds it to
    /// them), whatever the actual.
    pub(super) fn subcategory(
        &mut self,
        indicator: &str,
        category: Option<&str>,
        decide: impl FnOnce() -> Option<RuledText>,
    ) -> Option<RuledText> {
        let mut k = Vec::with_capacity(indicator.len() + 16);
        key_of(&mut k, &[Some(indicator), category]);
        match self.subcategories.get(k.as_slice()).filter(|_| !self.off) {
            Some(s) => s,
            None => {
                let s = decide();
                self.subcategories.insert(&k, s.clone());
                s
            }
        }
    }

    /// The outcome kept for scoring `reading` with this actual, plan and weight, if any; leaves
    /// its key for [`ParseCache::keep_outcome`]. Scoring depends on nothing else: the method and
    /// year are the evaluation's, the target, indicator and formula rules are the reading's.
    /// (A reading serves rows with other actuals: the second level of [`ParseCache::reading`],
    /// and every row where the rules do not read the actual; so the actual is in the key.)
    pub(super) fn outcome(
        &mut self,
        reading: &Reading,
        actual: Option<&str>,
        plan: Option<&str>,
        weight: Decimal,
    ) -> Option<Rc<Scoring>> {
        // the outcome this reading had last, if the rest of the key is the same (no plan, the
        // same actual and weight): most indicators, and no lookup in the map
        let weight_bytes = weight.serialize();
        self.outcome_weight = weight_bytes;
        self.last_fits = plan.is_none() && !self.off;
        if self.last_fits
            && let Some(last) = &*reading.memo.last_outcome.borrow()
            && last.fits(weight_bytes, actual)
        {
            return Some(last.outcome.clone());
        }
        // (the map is asked for every reading: left out for readings it rarely found, their
        // rows were scored afresh where it would have found them, +21 M on the repeating
        // slice; see benches/README.md)
        self.ask_map = !self.off;
        key_of(&mut self.outcome_key, &[actual, plan]);
        // then the fixed-size parts: reading id and the weight's exact representation
        self.outcome_key
            .extend_from_slice(&reading.memo.id.to_le_bytes());
        self.outcome_key.extend_from_slice(&weight_bytes);
        let found = self.outcomes.get(self.outcome_key.as_slice());
        if let Some(o) = &found
            && self.last_fits
        {
            LastOutcome::keep(reading, weight_bytes, actual, o);
        }
        found
    }

    /// The outcome kept for `reading` at `weight` where its actual meets its target plainly
    /// ([`meets_plainly`](super::score::meets_plainly): the same outcome for every such
    /// figure). Asked after [`ParseCache::outcome`] missed.
    pub(super) fn plain_pass(&self, reading: &Reading, weight: Decimal) -> Option<Rc<Scoring>> {
        if self.off {
            return None;
        }
        let weight = weight.serialize();
        let kept = reading.memo.plain_pass.borrow();
        kept.iter()
            .find(|(w, _)| *w == weight)
            .map(|(_, o)| o.clone())
    }

    /// Keeps `outcome` as `reading`'s plain pass at `weight` ([`ParseCache::plain_pass`]).
    pub(super) fn keep_plain_pass(
        &self,
        reading: &Reading,
        weight: Decimal,
        outcome: &Rc<Scoring>,
    ) {
        if !self.off {
            let mut kept = reading.memo.plain_pass.borrow_mut();
            if kept.len() >= PLAIN_WEIGHTS {
                kept.remove(0);
            }
            kept.push((weight.serialize(), outcome.clone()));
        }
    }

    /// Keeps `outcome` of `reading` scored with `actual` under the key [`ParseCache::outcome`]
    /// left.
    pub(super) fn keep_outcome(
        &mut self,
        reading: &Reading,
        actual: Option<&str>,
        outcome: Rc<Scoring>,
    ) {
        if self.last_fits {
            LastOutcome::keep(reading, self.outcome_weight, actual, &outcome);
        }
        if self.ask_map {
            self.outcomes.insert(&self.outcome_key, outcome);
        }
    }

    /// The shares of a project's points among its categories, `groups` (and its budget
    /// execution's points where `budget` is scored), as [`weights::shares`](super::weights::shares)
    /// works them out, kept by what they depend on: most projects divide alike.
    pub(super) fn shares(&mut self, budget: Option<Decimal>, groups: &[Group]) -> Rc<Shares> {
        if !self.off
            && let Some(s) = self.recent_shares.get(budget, groups)
        {
            return s;
        }
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
        if !self.off
            && let Some(s) = self.shares.get(key.as_slice())
        {
            self.recent_shares.keep(budget, groups, &s);
            return s;
        }
        let shares = Rc::new(super::weights::shares(budget, groups));
        self.shares.insert(&self.shares_key, shares.clone());
        if !self.off {
            self.recent_shares.keep(budget, groups, &shares);
        }
        shares
    }

    /// The buffers of a project's groups of points and each row's group while it is weighed
    /// (`weights`), emptied; given back with [`ParseCache::give_back_weighing`] (no
    /// allocation a project).
    pub(super) fn take_weighing(&mut self) -> (Vec<Group>, Vec<u32>) {
        let (mut groups, mut of_row) = std::mem::take(&mut self.weighing);
        groups.clear();
        of_row.clear();
        (groups, of_row)
    }

    /// Gives back the buffers [`ParseCache::take_weighing`] took.
    pub(super) fn give_back_weighing(&mut self, bufs: (Vec<Group>, Vec<u32>)) {
        self.weighing = bufs;
    }

    /// The formula a rule names for budget execution ([`budget::formula`](super::budget::formula)),
    /// worked out once per evaluation.
    pub(super) fn budget_formula(
        &mut self,
        rules: &RuleSet,
    ) -> Option<(crate::rules::Formula, Cow<'static, str>)> {
        self.budget_formula
            .get_or_insert_with(|| super::budget::formula(rules))
            .clone()
    }

    /// Whether any rule gives `tiers`, `deduct` or `floor` (budget execution asks the rules
    /// for them only then), worked out once per evaluation.
    pub(super) fn has_methods(&mut self, rules: &RuleSet) -> bool {
        *self.has_methods.get_or_insert_with(|| {
            rules.rules().iter().any(|r| {
                !r.disabled && matches!(r.choice.key(), Some("tiers" | "deduct" | "floor"))
            })
        })
    }

    /// Whether some rule's condition reads `weight` (decisions then wait for the weight the
    /// row is scored on).
    pub(super) fn reads_weight(&mut self, rules: &RuleSet) -> bool {
        self.fields_read(rules).contains(Field::Weight)
    }

    /// Whether some rule reads the project, unit or department (decisions then differ from
    /// project to project).
    pub(super) fn reads_project(&mut self, rules: &RuleSet) -> bool {
        let r = self.fields_read(rules);
        r.contains(Field::Project) || r.contains(Field::UnitName) || r.contains(Field::Department)
    }

    /// The rule list of a report line listing `listed`, shared with every line that lists the
    /// same rules (a few dozen lists serve a whole sheet).
    pub(super) fn rule_list<'a>(
        &mut self,
        listed: impl Iterator<Item = &'a Cow<'static, str>> + Clone,
    ) -> Arc<[Cow<'static, str>]> {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        for id in listed.clone() {
            h.write(id.as_bytes());
            h.write_usize(id.len());
        }
        let hash = h.finish();
        let same = |list: &Arc<[Cow<'static, str>]>| {
            list.iter().map(|c| &**c).eq(listed.clone().map(|c| &**c))
        };
        if let Some(list) = self
            .rule_lists
            .get(&hash)
            .and_then(|lists| lists.iter().find(|l| same(l)))
        {
            return list.clone();
        }
        if self.rule_lists.len() >= Self::MAX {
            self.rule_lists.clear();
        }
        let list: Arc<[Cow<'static, str>]> = listed.cloned().collect();
        self.rule_lists.entry(hash).or_default().push(list.clone());
        list
    }

    /// A target read with `ctx`, kept apart from the figures ([`ParseCache::parse`]).
    pub(super) fn parse_target(&mut self, text: &str, ctx: &Context<'_>) -> lang::Parsed {
        std::mem::swap(&mut self.map, &mut self.targets);
        let parsed = self.parse(text, ctx);
        std::mem::swap(&mut self.map, &mut self.targets);
        parsed
    }

    /// A text read with `ctx` (actual and plan figures, with the bundled rules).
    pub(super) fn parse(&mut self, text: &str, ctx: &Context<'_>) -> lang::Parsed {
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
        if !self.off
            && let Some(p) = self.map.get(self.key.as_slice())
        {
            return p;
        }
        let parsed = lang::parse(text, ctx);
        self.map.insert(&self.key, parsed.clone());
        parsed
    }
}

/// Writes `parts` into `key`, each with its length in front, so that two different lists of
/// parts never give the same key (whatever characters the cells hold).
pub(super) fn key_of(key: &mut Vec<u8>, parts: &[Option<&str>]) {
    key.clear();
    // one reservation for the whole key
    key.reserve(parts.iter().map(|p| 8 + p.map_or(0, str::len)).sum());
    for part in parts {
        key_part(key, *part);
    }
}

/// Appends one part to a key as [`key_of`] writes it: its length, then its bytes (or a mark
/// for none).
#[inline]
fn key_part(key: &mut Vec<u8>, part: Option<&str>) {
    match part {
        Some(p) => {
            key.extend_from_slice(&(p.len() as u64).to_le_bytes());
            key.extend_from_slice(p.as_bytes());
        }
        None => key.extend_from_slice(&u64::MAX.to_le_bytes()),
    }
}

/// The hash of a key of a row's facts as [`key_of`] writes it, the parts hashed as they are
/// (each with its length, or a mark for none), without writing the key out.
fn hash_facts(parts: &[Option<&str>]) -> u64 {
    use std::hash::Hasher;
    let mut state = rustc_hash::FxHasher::default();
    for part in parts {
        hash_part(&mut state, *part);
    }
    state.finish()
}

/// The hash an actual's text is told apart by within one entry of [`Readings`].
fn hash_text(text: Option<&str>) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    hash_part(&mut h, text);
    h.finish()
}

/// An actual's text kept in [`Readings`]: its hash, the text, its reading.
type TextKept = (u64, Option<String>, Rc<Reading>);
/// Truths kept in [`Readings`], with their reading.
type TruthsKept = (Box<[u8]>, Rc<Reading>);

/// The readings of rows with the same facts (indicator, category, subcategory, target and
/// what else the rules read), by the actual: the last [`Readings::TEXTS`] actuals' texts met
/// (a reading is the same for equal facts and equal actuals), and, where the rules read the
/// actual, by which of their conditions on it hold (the truths,
/// [`ActualConditions`](crate::rules::conditions::ActualConditions): a reading depends on the
/// actual only through them, so it serves rows with other actuals). One lookup by the facts
/// finds them all: a row whose actual was met lately pays one hash of its facts and a few
/// compares; a row whose actual is its own (a varied sheet) adds its truths and a compare.
#[derive(Default)]
struct Readings {
    /// (hash of the text, the text, its reading), the oldest replaced.
    texts: RefCell<Vec<TextKept>>,
    next_text: std::cell::Cell<usize>,
    /// (the truths, their reading), the oldest replaced.
    truths: RefCell<Vec<TruthsKept>>,
    next_truths: std::cell::Cell<usize>,
}

impl Readings {
    /// Actuals' texts kept (a repeating sheet writes a few for each indicator: 9 at most in
    /// the generated one; of the varied one's 50k-row slice, the last 16 of each indicator
    /// find 25k rows, the last 8 19k), each of at most [`Readings::TEXT_LEN`] bytes (longer
    /// ones are found by their truths): an entry holds at most about 1 KB of texts.
    const TEXTS: usize = 16;
    const TEXT_LEN: usize = 32;
    /// Truths kept (the bundled rules have one condition on the actual: two truths). An entry
    /// holds at most `TEXTS + TRUTHS` readings, most one or two.
    const TRUTHS: usize = 4;

    fn by_text(&self, hash: u64, text: Option<&str>) -> Option<Rc<Reading>> {
        self.texts
            .borrow()
            .iter()
            .find(|(h, t, _)| *h == hash && t.as_deref() == text)
            .map(|(_, _, r)| r.clone())
    }

    fn by_truths(&self, truths: &[u8]) -> Option<Rc<Reading>> {
        self.truths
            .borrow()
            .iter()
            .find(|(t, _)| **t == *truths)
            .map(|(_, r)| r.clone())
    }

    fn keep_text(&self, hash: u64, text: Option<&str>, reading: &Rc<Reading>) {
        if text.is_some_and(|t| t.len() > Self::TEXT_LEN) {
            return;
        }
        let mut texts = self.texts.borrow_mut();
        if texts.len() < Self::TEXTS {
            texts.push((hash, text.map(str::to_owned), reading.clone()));
            return;
        }
        let at = self.next_text.get();
        self.next_text.set((at + 1) % Self::TEXTS);
        let slot = &mut texts[at];
        slot.0 = hash;
        match (&mut slot.1, text) {
            (Some(kept), Some(t)) => {
                kept.clear();
                kept.push_str(t);
            }
            (kept, t) => *kept = t.map(str::to_owned),
        }
        slot.2 = reading.clone();
    }

    fn keep_truths(&self, truths: &[u8], reading: &Rc<Reading>) {
        let mut kept = self.truths.borrow_mut();
        if kept.len() < Self::TRUTHS {
            kept.push((truths.into(), reading.clone()));
            return;
        }
        let at = self.next_truths.get();
        self.next_truths.set((at + 1) % Self::TRUTHS);
        kept[at] = (truths.into(), reading.clone());
    }
}

/// Hashes one part of a key ([`hash_facts`]): its length and bytes, or the mark for none.
#[inline]
fn hash_part(h: &mut rustc_hash::FxHasher, part: Option<&str>) {
    use std::hash::Hasher;
    match part {
        Some(p) => {
            h.write_u64(p.len() as u64);
            h.write(p.as_bytes());
        }
        None => h.write_u64(u64::MAX),
    }
}

/// What follows `parts` in `key`, where `key` begins with them as [`key_of`] writes them.
#[inline]
fn rest_of<'k>(key: &'k [u8], parts: &[Option<&str>]) -> Option<&'k [u8]> {
    let mut rest = key;
    for part in parts {
        rest = after_part(rest, *part)?;
    }
    Some(rest)
}

/// Whether `key` is `part` as [`key_part`] writes it, and nothing more.
#[cfg(test)]
#[inline]
fn is_part(key: &[u8], part: Option<&str>) -> bool {
    after_part(key, part).is_some_and(<[u8]>::is_empty)
}

/// What follows `part` in `key`, where `key` begins with it as [`key_part`] writes it.
#[inline]
fn after_part<'k>(key: &'k [u8], part: Option<&str>) -> Option<&'k [u8]> {
    let (len, rest) = key.split_first_chunk::<8>()?;
    match part {
        Some(p) => {
            if u64::from_le_bytes(*len) != p.len() as u64 {
                return None;
            }
            let (bytes, rest) = rest.split_at_checked(p.len())?;
            (bytes == p.as_bytes()).then_some(rest)
        }
        None => (u64::from_le_bytes(*len) == u64::MAX).then_some(rest),
    }
}

/// One memo: answers by key in two generations of at most [`ParseCache::MAX`] entries each
/// (bounded memory). New answers go to the young one; when it is full, it becomes the old one
/// and the old one is emptied; an answer found in the old one moves back to the young one. So
/// what is in use stays, and what was not asked for in a whole generation goes.
///
/// The key's bytes are hashed once a lookup (both generations and the insertion that follows
/// a miss are found by that hash, [`Memo::hash`]), and an entry holds its key to compare. Two
/// keys of one hash (rare with 64 bits) cannot both stay: the later replaces the earlier, which
/// is only an answer forgotten, as a memo may.
struct Memo<V> {
    young: HashMap<u64, (Box<[u8]>, V)>,
    old: HashMap<u64, (Box<[u8]>, V)>,
    /// The hash of the key asked for last, with the key's length and first bytes (so that
    /// an insertion after a miss finds it without hashing again).
    last: Option<(u64, usize)>,
}

/// A map by a hash already worked out (the hash of a `u64` key is the key itself, mixed once).
type HashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Mixed>>;

/// A hasher for keys that are hashes already: one multiply spreads the bits hashbrown reads.
#[derive(Default)]
struct Mixed(u64);

impl std::hash::Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            young: Default::default(),
            old: Default::default(),
            last: None,
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The hash of `key` (remembered for an insertion of the same key that follows).
    fn hash(&mut self, key: &[u8]) -> u64 {
        if let Some((h, len)) = self.last
            && len == key.len()
        {
            // only an insertion right after its lookup comes here with `last` set
            self.last = None;
            return h;
        }
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(key);
        h.finish()
    }

    fn get(&mut self, key: &[u8]) -> Option<V> {
        self.last = None;
        let h = self.hash(key);
        let found = self.get_hashed(h, key);
        if found.is_none() {
            self.last = Some((h, key.len()));
        }
        found
    }

    /// The answer kept under `key`, whose hash `h` the caller worked out.
    fn get_hashed(&mut self, h: u64, key: &[u8]) -> Option<V> {
        self.get_by(h, |k| k == key)
    }

    /// The answer kept under the key of hash `h` that `is_key` takes for the one asked for
    /// (it compares a key kept with the one asked for, which need not be written out). The
    /// hash is the caller's, worked out the same way for every lookup and insertion of this
    /// memo ([`hash_facts`]).
    fn get_by(&mut self, h: u64, is_key: impl Fn(&[u8]) -> bool) -> Option<V> {
        self.last = None;
        if let Some((k, v)) = self.young.get(&h)
            && is_key(k)
        {
            return Some(v.clone());
        }
        if let Some((k, _)) = self.old.get(&h)
            && is_key(k)
        {
            let (k, v) = self.old.remove(&h)?;
            self.keep(h, k, v.clone());
            return Some(v);
        }
        None
    }

    fn insert(&mut self, key: &[u8], value: V) {
        let h = self.hash(key);
        self.keep(h, key.into(), value);
    }

    /// Keeps `value` under `key` of hash `h` ([`Memo::get_hashed`]).
    fn insert_hashed(&mut self, h: u64, key: &[u8], value: V) {
        self.last = None;
        self.keep(h, key.into(), value);
    }

    fn keep(&mut self, h: u64, key: Box<[u8]>, value: V) {
        if self.young.len() >= ParseCache::MAX {
            std::mem::swap(&mut self.young, &mut self.old);
            self.young.clear();
        }
        self.young.insert(h, (key, value));
    }
}

#[cfg(test)]
mod memo_tests {
    use super::{Memo, ParseCache, is_part, key_of, key_part, rest_of};

    #[test]
    fn a_memo_answers_each_key_with_its_own_value_or_not_at_all() {
        let mut memo: Memo<u32> = Memo::default();
        let key = |k: u32| format!("key {k:x} {}", "x".repeat((k % 7) as usize)).into_bytes();
        let n = (ParseCache::MAX * 3) as u32;
        for k in 0..n {
            // asked first (a miss leaves its hash for the insertion), then kept
            assert_eq!(memo.get(&key(k)), None);
            memo.insert(&key(k), k);
            // an insertion without its lookup first, of a key of the same length
            memo.insert(&key(k + n), k + n);
        }
        let mut found = 0;
        for k in 0..2 * n {
            if let Some(v) = memo.get(&key(k)) {
                assert_eq!(v, k);
                found += 1;
            }
        }
        // the last two generations stay
        assert!(found >= ParseCache::MAX, "{found}");
        assert!(found <= 2 * ParseCache::MAX, "{found}");
    }

    #[test]
    fn keys_kept_are_compared_with_the_parts_asked_for_as_key_of_writes_them() {
        // the readings' memos compare a key kept with the parts of the one asked for, never
        // written out: equal exactly where the written keys would be
        let lists: &[&[Option<&str>]] = &[
            &[],
            &[None],
            &[Some("")],
            &[Some("a"), None],
            &[None, Some("a")],
            &[Some(""), None],
            &[None, Some("")],
            &[Some("a")],
            &[Some("ab")],
            &[Some("a"), Some("b")],
            &[Some("≥95%\u{1}1:x"), Some("满意度")],
            &[Some("≥95%"), Some("x\u{1}满意度")],
            &[Some("群众满意度"), Some("满意度指标"), None, Some("≥95%")],
            &[
                Some("群众满意度"),
                Some("满意度指标"),
                Some(""),
                Some("≥95%"),
            ],
            &[Some("群众满意度"), Some("满意度指标"), None, Some("≥90%")],
        ];
        let tails: [Option<&str>; 4] = [None, Some(""), Some("96.5%"), Some("96.6%")];
        for a in lists {
            for b in lists {
                for x in tails {
                    for y in tails {
                        let mut key = Vec::new();
                        key_of(&mut key, a);
                        key_part(&mut key, x);
                        let found = rest_of(&key, b).is_some_and(|t| is_part(t, y));
                        assert_eq!(found, a == b && x == y, "{a:?} {x:?} against {b:?} {y:?}");
                        // and as the second level asks, with bytes after the parts
                        key.truncate(key.len() - 8 - x.map_or(0, str::len));
                        key.extend_from_slice(b"\x01\x02");
                        let found = rest_of(&key, b) == Some(&b"\x01\x02"[..]);
                        assert_eq!(found, a == b, "{a:?} against {b:?}");
                    }
                }
            }
        }
    }

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
