//! A rule set: the files loaded in order, rules merged by id, compiled once, and asked for
//! decisions about one indicator at a time.
//!
//! Priority: rules of a later file come before those of earlier files; inside a file, the first
//! matching rule wins. A later rule with an earlier id replaces the keys it writes and keeps its
//! place (so overriding a default edits it where it stands). Every decision returns the
//! [`RuleRef`] (id, file, line) of the rule that made it.
//!
//! What each key decides, and the accessor that asks for it, is in its file under
//! [`keys`]; this module holds what every key shares: loading, merging, the checks
//! of a rule's shape (one decision key, attached keys beside theirs, a `when:` reading only what
//! the key sees, a veto's or cap's grade naming a band) and the per-kind index of enabled rules.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use miette::NamedSource;
use rust_decimal::Decimal;

use super::conditions::{Compiler, Conversion, Facts, Matchers, Node, Scope, Truth};
use super::error::{FileErrors, RuleError, RuleErrorKind};
use super::expr;
use super::keys;
use super::loader::{self, LoadedRule};
use super::locate::ItemPos;
use super::model::{Formula, RuleSpec, Severity};
use super::prefilter::Prefilter;
use crate::lang::{self, Direction, Op, Quantity, Target, Unit};

/// Where a rule was written: its id and the file and line of its (last) definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    pub id: Cow<'static, str>,
    pub file: Arc<str>,
    pub line: usize,
}

impl fmt::Display for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}:{})", self.id, self.file, self.line)
    }
}

/// A decided value and the rule that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided<'r, T> {
    pub value: T,
    pub rule: &'r RuleRef,
}

/// A category given by a rule; `inferred` where the indicator had none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryChoice<'r> {
    pub name: &'r str,
    pub inferred: bool,
}

/// A scoring formula and its parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormulaChoice {
    pub formula: Formula,
    /// With [`Formula::Deadline`]: the share of the weight lost per month late (0.1 = 10%).
    pub late_penalty: Option<Decimal>,
}

/// A qualitative grade and the shares of the weight it earns (fractions: 0.7 = 70%).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualitativeGrade {
    pub name: String,
    pub words: Vec<String>,
    pub share: Decimal,
    pub min_share: Decimal,
    pub max_share: Decimal,
}

/// A `require:` check that does not hold for an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'r> {
    pub rule: &'r RuleRef,
    pub severity: Severity,
    pub message: Cow<'r, str>,
    /// Set where the check could not compare (units of different dimensions).
    pub incomparable: bool,
}

pub use super::keys::Choice;

/// One effective rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Where its effective definition was written (the last file that touched its id).
    pub rref: RuleRef,
    /// Every definition of this id, first to last (the last is `rref`).
    pub history: Vec<RuleRef>,
    pub description: Option<String>,
    pub disabled: bool,
    /// The condition as written.
    pub when: Option<String>,
    pub choice: Choice,
    when_node: Option<Node>,
    require_node: Option<Node>,
    /// Whether its `when:` or `require:` reads the actual (checks on actuals run in
    /// evaluation, where the actual is known).
    reads_actual: bool,
    /// What one try of it counts against [`crate::limits::RULE_TRIES`] and
    /// [`crate::limits::UNFILTERED_RULES`]: 1, and more for the large patterns of its
    /// `when:` and `require:` ([`crate::rules::conditions::TRY_BYTES`]); set by `indexed`.
    cost: u32,
}

impl Rule {
    /// Whether its `when:` or `require:` reads the actual.
    pub fn reads_actual(&self) -> bool {
        self.reads_actual
    }

    /// Its compiled `require:` condition.
    pub(crate) fn require_node(&self) -> Option<&Node> {
        self.require_node.as_ref()
    }

    /// Its compiled `when:` condition.
    pub(crate) fn when_node(&self) -> Option<&Node> {
        self.when_node.as_ref()
    }
}

/// One file to load: a name for diagnostics (`rules/direction.yaml`, a path) and its text.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

impl RuleSource {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        RuleSource {
            name: name.into(),
            text: text.into(),
        }
    }
    /// A rule file's bytes, already read (UTF-8, a BOM allowed; else GB18030).
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Self {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
        };
        RuleSource {
            name: name.to_owned(),
            text,
        }
    }
    /// Read a file from disk (UTF-8, a BOM allowed).
    pub fn read(path: &std::path::Path) -> Result<Self, FileErrors> {
        let name = path.display().to_string();
        match crate::bounded::read_path(path, &crate::limits::RULE_FILE) {
            Ok(bytes) => Ok(RuleSource::from_bytes(&name, &bytes)),
            Err(e) => {
                let src = NamedSource::new(name.clone(), Arc::<str>::from(""));
                let error = match &e {
                    crate::bounded::BoundedError::TooLarge { help, .. } => {
                        RuleError::new(RuleErrorKind::TooMany, &src, 0..0, e.to_string(), "")
                            .help(help.clone())
                    }
                    crate::bounded::BoundedError::Io { source, .. } => RuleError::new(
                        RuleErrorKind::Io,
                        &src,
                        0..0,
                        format!("无法读取规则文件：{}", crate::diagnostic::io_reason(source)),
                        "",
                    ),
                };
                Err(FileErrors::new(name, vec![error]))
            }
        }
    }
}

/// The bundled default methodology (`rules/*.yaml`), embedded in the binary.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "rules/direction.yaml",
        include_str!("../../rules/direction.yaml"),
    ),
    (
        "rules/category.yaml",
        include_str!("../../rules/category.yaml"),
    ),
    (
        "rules/methodology.yaml",
        include_str!("../../rules/methodology.yaml"),
    ),
    ("rules/review.yaml", include_str!("../../rules/review.yaml")),
];

/// The bundled sources, in load order.
pub fn bundled_sources() -> Vec<RuleSource> {
    BUNDLED
        .iter()
        .map(|(n, t)| RuleSource::new(*n, *t))
        .collect()
}

/// Loaded, merged and compiled rules.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// All rules (disabled ones too), in priority order.
    rules: Vec<Rule>,
    /// Per decision kind, the indices of enabled rules in priority order.
    by_kind: [Vec<usize>; keys::KINDS],
    pub(in crate::rules) matchers: Matchers,
    conversions: Vec<Conversion>,
    conversion_rules: Vec<usize>,
    /// Which rules to try for an indicator, for the kinds of many rules ([`super::prefilter`]).
    pub(in crate::rules) prefilter: Option<Prefilter>,
    /// The first indicator for which more rules than [`crate::limits::RULE_TRIES`] would have
    /// been tried (shared by the clones of this set).
    overrun: Arc<OnceLock<Overrun>>,
    /// The files loaded, in order.
    pub files: Vec<String>,
}

/// An indicator for which a rule set would have tried more rules than
/// [`crate::limits::RULE_TRIES`]: the set stopped trying ([`RuleSet::overrun`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    /// The indicator's name (empty for a project's or the whole evaluation's decisions).
    pub indicator: String,
    /// Its project's name, where known.
    pub project: String,
    /// The actual as written, where the indicator's name was not at hand.
    pub actual: Option<String>,
    /// What was asked (`direction`, or the conditions on the actual).
    pub key: &'static str,
}

/// A rule read from one file, its keys compiled, before merging: what a key's
/// [`decide`](keys::KeyInfo::decide) reads.
pub(in crate::rules) struct Partial {
    /// Its keys, each key's values compiled ([`keys::KeyInfo::compile`]).
    pub spec: RuleSpec,
    /// Its `when:`, compiled.
    pub when: Option<Node>,
    pub src: NamedSource<Arc<str>>,
    pub pos: ItemPos,
    pub rref: RuleRef,
    layer: usize,
    position: usize,
    history: Vec<RuleRef>,
    broken: bool,
}

impl Partial {
    /// A later file's rule of the same id: the keys it writes (and the values compiled from
    /// them) replace these, every key but `id` ([`RuleSpec::merge`]: generic over the keys'
    /// fields, so a new key needs no line here).
    fn merge(&mut self, n: Partial) {
        let Partial {
            spec,
            when,
            src,
            pos,
            rref,
            broken,
            ..
        } = n;
        self.spec.merge(spec);
        if when.is_some() {
            self.when = when;
        }
        self.history.push(rref.clone());
        self.broken = broken;
        self.rref = rref;
        self.src = src;
        self.pos = pos;
    }

    /// Its file's place in the load order.
    pub(in crate::rules) fn layer(&self) -> usize {
        self.layer
    }

    /// Its place in its file.
    pub(in crate::rules) fn position(&self) -> usize {
        self.position
    }

    fn key_span(&self, key: &str) -> std::ops::Range<usize> {
        self.pos
            .key(key)
            .map_or(self.pos.dash.clone(), |p| p.key.clone())
    }

    /// The fields of the key whose `Fields` is `T` (none written where the rule writes none).
    pub fn fields<T: keys::KeyFields>(&self) -> Cow<'_, T> {
        match self.spec.get::<T>() {
            Some(f) => Cow::Borrowed(f),
            None => Cow::Owned(T::default()),
        }
    }

    /// A decision error at `key`.
    pub fn derr(&self, key: &str, msg: String, label: &str, help: &str) -> Box<RuleError> {
        Box::new(
            RuleError::new(
                RuleErrorKind::Decision,
                &self.src,
                self.key_span(key),
                msg,
                label,
            )
            .help(help),
        )
    }

    /// A scoring key's value that cannot be used (`why`), at the value of `key`.
    pub fn bad_value(&self, key: &str, why: &str) -> Box<RuleError> {
        Box::new(
            bad_value_at(
                &self.src,
                &self.pos,
                key,
                format!("`{key}` 有误：{why}"),
                "这里的值用不了",
            )
            .help("见 docs/rules.md 中该键的写法和例子；数值的绝对值须小于 10^15，非零时不小于 10^-10"),
        )
    }
}

/// A value of `key` that cannot be used: an error at the value (at the rule's dash where the key
/// is not found), with its message and label.
fn bad_value_at(
    src: &NamedSource<Arc<str>>,
    item: &ItemPos,
    key: &str,
    message: String,
    label: &str,
) -> RuleError {
    let span = item.key(key).map_or(item.dash.clone(), |p| p.value.clone());
    RuleError::new(RuleErrorKind::BadValue, src, span, message, label)
}

/// What a key's [`compile`](keys::KeyInfo::compile) reads its values with, as its file is
/// read: the rule's positions in that file, the compiler of conditions and the file's errors
/// (each bad value one error at the value).
pub(in crate::rules) struct Compile<'a> {
    pos: &'a ItemPos,
    src: &'a NamedSource<Arc<str>>,
    compiler: &'a mut Compiler,
    errors: &'a mut Vec<RuleError>,
}

impl Compile<'_> {
    /// A percentage key (`10%`) as a fraction.
    pub fn percent(&mut self, text: Option<&str>, key: &str) -> Option<Decimal> {
        match expr::quantity(text?.trim()) {
            Some(Quantity {
                value,
                unit: Some(u),
            }) if u == Unit::PERCENT => Some(value / Decimal::ONE_HUNDRED),
            _ => {
                self.errors.push(
                    bad_value_at(
                        self.src,
                        self.pos,
                        key,
                        format!("`{key}` 应是一个百分数"),
                        "这里应是百分数",
                    )
                    .help(format!("写作 `{key}: 10%`")),
                );
                None
            }
        }
    }

    /// A condition of the key `key` (`when`, `require`), compiled.
    pub fn condition(&mut self, text: Option<&str>, key: &str) -> Option<Node> {
        let result = expr::parse(text?).and_then(|e| self.compiler.compile(&e));
        match result {
            Ok(n) => Some(n),
            Err(e) => {
                let span = match self.pos.key(key) {
                    Some(p) => p.map(self.src.inner(), &e.span),
                    None => self.pos.dash.clone(),
                };
                let mut err = RuleError::new(
                    RuleErrorKind::Expression,
                    self.src,
                    span,
                    format!("`{key}` 条件有误：{}", e.label),
                    e.label.to_string(),
                );
                if !e.help.is_empty() {
                    err = err.help(e.help.to_string());
                }
                self.errors.push(err);
                None
            }
        }
    }

    /// A unit conversion `1 月 = 30 天` (the key `convert`).
    pub fn conversion(&mut self, text: Option<&str>) -> Option<Conversion> {
        let parts: Vec<&str> = text?.split(['=', '＝']).collect();
        if let [l, r] = parts[..]
            && let (Some(a), Some(b)) = (expr::quantity(l.trim()), expr::quantity(r.trim()))
            && let (Some(from), Some(to)) = (a.unit, b.unit)
            && !a.value.is_zero()
            && let Some(factor) = b.value.checked_div(a.value)
        {
            return Some(Conversion { from, to, factor });
        }
        self.errors.push(
            bad_value_at(
                self.src,
                self.pos,
                "convert",
                "`convert` 应写作 `1 月 = 30 天`".to_owned(),
                "读不出换算",
            )
            .help("两边各是一个带单位的数量，如 `convert: 1 月 = 30 天`"),
        );
        None
    }

    /// A value of `key` that loads but most likely says what its writer did not mean: a
    /// warning at the value (file, line and column), the rule kept as written.
    pub fn doubtful(&mut self, key: &str, message: String, label: &str, help: String) {
        self.errors.push(
            bad_value_at(self.src, self.pos, key, message, label)
                .help(help)
                .warning(),
        );
    }

    /// A number of points that must not be negative (an error where it is).
    pub fn number(&mut self, n: Option<&super::model::Number>, key: &str) {
        if let Some(n) = n
            && n.decimal().is_none_or(|d| d.is_sign_negative())
        {
            self.errors.push(
                bad_value_at(
                    self.src,
                    self.pos,
                    key,
                    format!("`{key}` 应是一个非负的数，小于 10^15，非零时不小于 10^-10"),
                    "这里应是数",
                )
                .help(format!("写作 `{key}: 10` 或 `{key}: 10分`")),
            );
        }
    }
}

impl RuleSet {
    /// The fields the conditions of the enabled rules read (`when:` and `require:`): what a
    /// decision can depend on, so a caller may reuse decisions for facts equal in those fields.
    pub fn fields_read(&self) -> crate::rules::conditions::FieldsRead {
        let mut out = crate::rules::conditions::FieldsRead::default();
        for r in self.rules.iter().filter(|r| !r.disabled) {
            for node in [&r.when_node, &r.require_node].into_iter().flatten() {
                node.fields(&mut out);
            }
        }
        out
    }

    /// The bundled default set, built once.
    pub fn bundled() -> &'static RuleSet {
        static SET: OnceLock<RuleSet> = OnceLock::new();
        SET.get_or_init(|| {
            let mut set = match RuleSet::load_unbounded(&bundled_sources()) {
                Ok((set, _)) => set,
                Err(e) => panic!("the bundled rules are checked by tests: {e:?}"),
            };
            // Ids of the one process-wide set are borrowed for as long as the process lives, so
            // decisions hand them out without allocating.
            for r in &mut set.rules {
                if let Cow::Owned(id) = &r.rref.id {
                    r.rref.id = Cow::Borrowed(Box::leak(id.clone().into_boxed_str()));
                }
            }
            set
        })
    }

    /// The bundled rules (unless `defaults` is false), then each of `files`.
    pub fn with_files(
        files: &[RuleSource],
        defaults: bool,
    ) -> Result<(RuleSet, Vec<FileErrors>), Vec<FileErrors>> {
        let mut all = if defaults {
            bundled_sources()
        } else {
            Vec::new()
        };
        all.extend(files.iter().cloned());
        RuleSet::load(&all)
    }

    /// Load files in order. `Ok` carries the warnings (files with only warnings); `Err` every
    /// file's errors, all of them. The steps: each file read and each of its rules compiled
    /// (`compiled`) and merged by id over the earlier files' (`Merged::add`); each merged rule
    /// decided against the grade bands loaded (`grade_bands`, `decide_all`), the bands' scores
    /// in the order their names rank them (`keys::band::out_of_order`); any error stops
    /// there; the rules put in priority order and indexed by kind (`RuleSet::indexed`); then
    /// the rules every row must try counted against their limit (`unfiltered_within_limit`).
    pub fn load(sources: &[RuleSource]) -> Result<(RuleSet, Vec<FileErrors>), Vec<FileErrors>> {
        let (set, warnings) = RuleSet::load_unbounded(sources)?;
        set.unfiltered_within_limit(sources).map_err(|e| vec![*e])?;
        Ok((set, warnings))
    }

    /// [`RuleSet::load`] without the count of the rules every row must try: the bundled set
    /// alone ([`RuleSet::bundled`]), which a test holds far within it, so that no value of
    /// `JIXIAO_MAX_UNFILTERED_RULES` makes the process-wide set fail (a panic).
    fn load_unbounded(
        sources: &[RuleSource],
    ) -> Result<(RuleSet, Vec<FileErrors>), Vec<FileErrors>> {
        let mut compiler = Compiler::default();
        let mut merged = Merged::default();
        let mut per_file: Vec<FileErrors> = Vec::new();
        for (layer, source) in sources.iter().enumerate() {
            let src = NamedSource::new(source.name.clone(), Arc::<str>::from(source.text.as_str()))
                .with_language("yaml");
            let file: Arc<str> = Arc::from(source.name.as_str());
            let (rules, mut errors, mut not_held) = loader::load(&src);
            // a bundled file's text (its patterns compiled when first matched; tests hold them)
            compiler.next_file(BUNDLED.iter().any(|(_, text)| *text == source.text));
            for (position, loaded) in rules.into_iter().enumerate() {
                let at = (&src, &file, layer, position);
                let p = compiled(loaded, at, &mut compiler, &mut errors);
                merged.add(p, &mut errors);
                FileErrors::hold(&mut errors, &mut not_held);
            }
            per_file.push(FileErrors {
                file: source.name.clone(),
                errors,
                not_held,
            });
        }
        for (layer, e) in keys::band::out_of_order(&merged.rules) {
            per_file[layer].errors.push(e);
        }
        let bands = grade_bands(&merged.rules);
        let (rules, order) = decide_all(merged.rules, &bands, &mut per_file);
        for f in &mut per_file {
            FileErrors::hold(&mut f.errors, &mut f.not_held);
            f.errors.sort_by_key(|e| e.span.start);
        }
        if per_file.iter().any(FileErrors::has_errors) {
            return Err(per_file
                .into_iter()
                .filter(|f| !f.errors.is_empty())
                .collect());
        }
        let warnings = per_file
            .into_iter()
            .filter(|f| !f.errors.is_empty())
            .collect();
        let files = sources.iter().map(|s| s.name.clone()).collect();
        Ok((
            RuleSet::indexed(rules, &order, compiler.finish(), files),
            warnings,
        ))
    }

    /// The enabled rules every indicator must try (`prefilter::always_tried`), in
    /// priority order.
    pub fn unfiltered(&self) -> Vec<&Rule> {
        let mut list: Vec<usize> = self
            .by_kind
            .iter()
            .flatten()
            .copied()
            .filter(|&i| {
                super::prefilter::always_tried(self.rules[i].when_node.as_ref(), &self.matchers)
            })
            .collect();
        list.sort_unstable();
        list.into_iter().map(|i| &self.rules[i]).collect()
    }

    /// `Err` (`rules.too-many-unfiltered`, at the first such rule in priority order: a user's
    /// file's before the bundled ones) where more rules than [`crate::limits::UNFILTERED_RULES`]
    /// must be tried on every indicator: each costs every row, whatever its texts.
    fn unfiltered_within_limit(&self, sources: &[RuleSource]) -> Result<(), Box<FileErrors>> {
        let limit = &crate::limits::UNFILTERED_RULES;
        let unfiltered = self.unfiltered();
        // a rule of large patterns counts as many rules as its patterns cost (`Rule::cost`)
        let counted: u64 = unfiltered.iter().map(|r| u64::from(r.cost)).sum();
        let (Some(first), true) = (unfiltered.first(), counted > limit.get()) else {
            return Ok(());
        };
        let text = sources
            .iter()
            .rev()
            .find(|s| *s.name == *first.rref.file)
            .map_or("", |s| s.text.as_str());
        let src = NamedSource::new(&first.rref.file, Arc::<str>::from(text)).with_language("yaml");
        let start: usize = text
            .split_inclusive('\n')
            .take(first.rref.line.saturating_sub(1))
            .map(str::len)
            .sum();
        let end = start
            + text[start..]
                .find(['\r', '\n'])
                .unwrap_or(text.len() - start);
        let error = RuleError::new(
            RuleErrorKind::Unfiltered,
            &src,
            start..end,
            format!(
                "内置规则与规则文件中共有 {} 条规则的 when 无法按文字预先筛选，每个指标都要逐条尝试{}，超过 {} 条的上限；第一条是第 {} 行的 `{}`",
                unfiltered.len(),
                if counted > unfiltered.len() as u64 {
                    format!(
                        "（编译后较大的正则表达式每 {} KB 多算一条，合计折算为 {counted} 条）",
                        crate::rules::conditions::TRY_BYTES / 1024
                    )
                } else {
                    String::new()
                },
                limit.shown(),
                first.rref.line,
                first.rref.id
            ),
            "从这条规则起，每个指标都要尝试",
        )
        .help(format!(
            "让条件含固定文字（indicator ~ \"满意度\"、category == \"产出指标\"），或合并相近的规则；{}",
            limit.help()
        ));
        Err(Box::new(FileErrors::new(
            first.rref.file.to_string(),
            vec![error],
        )))
    }

    /// The decided rules in priority order — later files first; inside a file, written order
    /// (`order` holds each rule's file and position) — with the index of enabled rules by kind
    /// and the unit conversions they add.
    fn indexed(
        rules: Vec<Rule>,
        order: &[(usize, usize)],
        matchers: Matchers,
        files: Vec<String>,
    ) -> RuleSet {
        let mut idx: Vec<usize> = (0..rules.len()).collect();
        idx.sort_by_key(|&i| (std::cmp::Reverse(order[i].0), order[i].1));
        let mut rules: Vec<Rule> = idx.into_iter().map(|i| rules[i].clone()).collect();
        for r in &mut rules {
            r.cost = [&r.when_node, &r.require_node]
                .into_iter()
                .flatten()
                .fold(1u32, |c, n| c.saturating_add(n.weight(&matchers)));
        }
        let mut by_kind: [Vec<usize>; keys::KINDS] = std::array::from_fn(|_| Vec::new());
        let mut conversions = Vec::new();
        let mut conversion_rules = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.disabled {
                continue;
            }
            if let Some(kind) = r.choice.kind() {
                by_kind[kind].push(i);
            }
            if let Some(c) = r.choice.get::<Conversion>() {
                conversions.push(c.clone());
                conversion_rules.push(i);
            }
        }
        let prefilter = Prefilter::build(
            &by_kind,
            rules.len(),
            |i| rules[i].when_node.as_ref(),
            &matchers,
            super::prefilter::MIN_RULES,
        );
        RuleSet {
            rules,
            by_kind,
            matchers,
            conversions,
            conversion_rules,
            prefilter,
            overrun: Arc::default(),
            files,
        }
    }

    /// This set with its prefilter built for kinds of at least `min` rules (`usize::MAX`: none,
    /// every rule tried): tests compare the two.
    #[cfg(test)]
    pub(crate) fn prefiltered_from(mut self, min: usize) -> RuleSet {
        let rules = &self.rules;
        self.prefilter = Prefilter::build(
            &self.by_kind,
            rules.len(),
            |i| rules[i].when_node.as_ref(),
            &self.matchers,
            min,
        );
        self
    }

    /// The first indicator for which this set stopped trying rules, past
    /// [`crate::limits::RULE_TRIES`]: a run that asked it must end with
    /// [`RuleSet::check_tries`]'s error, not with the decisions it got.
    pub fn overrun(&self) -> Option<&Overrun> {
        self.overrun.get()
    }

    /// Whether this set may ever stop trying rules ([`RuleSet::overrun`]): only the tries of
    /// a prefiltered kind are counted, so a set with none never does (the bundled rules).
    pub fn counts_tries(&self) -> bool {
        self.prefilter
            .as_ref()
            .is_some_and(|p| (0..self.by_kind.len()).any(|k| p.on(k)))
    }

    /// Whether `tries` more conditions may be tried for `facts` (asking `key`): past
    /// [`crate::limits::RULE_TRIES`], or once the set has stopped, no (the indicator recorded).
    pub(in crate::rules) fn within_tries(
        &self,
        tries: usize,
        facts: &Facts<'_>,
        key: &'static str,
    ) -> bool {
        if self.overrun.get().is_some() {
            return false;
        }
        if tries as u64 <= crate::limits::RULE_TRIES.get() {
            return true;
        }
        let _ = self.overrun.set(Overrun {
            indicator: facts.indicator.unwrap_or_default().to_owned(),
            project: facts.project.unwrap_or_default().to_owned(),
            actual: facts.actual_text.map(str::to_owned),
            key,
        });
        false
    }

    /// `Err` (the named limit, `rules.too-many-tries`) where this set stopped trying rules for
    /// some indicator: its decisions from then on are incomplete.
    pub fn check_tries(&self) -> Result<(), super::error::TooManyTries> {
        match self.overrun() {
            Some(o) => Err(super::error::TooManyTries::new(o, &self.files)),
            None => Ok(()),
        }
    }

    /// Whether some enabled rule's condition compares the actual as a quantity (`actual > 0`):
    /// decisions then need the actual's figure, not only its text.
    pub fn compares_actual(&self) -> bool {
        self.rules
            .iter()
            .filter(|r| !r.disabled)
            .flat_map(|r| [&r.when_node, &r.require_node])
            .flatten()
            .any(Node::compares_actual)
    }

    /// Whether evaluation has anything to ask once an actual is read: a veto, a cap, or a `require:`
    /// check that reads the actual.
    pub fn asks_of_actuals(&self) -> bool {
        keys::ALL
            .iter()
            .zip(&self.by_kind)
            .any(|(k, rules)| k.on_actuals && !rules.is_empty())
            || self.by_kind[keys::check::KIND]
                .iter()
                .any(|&i| self.rules[i].reads_actual)
    }

    /// Every rule, disabled ones too, in priority order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A built-in review check's setting: whether a rule file switched it off, and its severity.
    /// `None` where no rule names the check (it then runs with its own default).
    pub fn review_check(&self, code: &str) -> Option<(bool, Severity)> {
        let rule = self.rule(code)?;
        match rule.choice.get::<keys::review_switch::Review>() {
            Some(r) => Some((rule.disabled, r.severity)),
            _ => Some((rule.disabled, Severity::Warning)).filter(|(d, _)| *d),
        }
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.rref.id == id)
    }

    /// Ask for decisions about one indicator (regexes are matched once per field and reused).
    pub fn apply<'r, 'f>(&'r self, facts: Facts<'f>) -> Applied<'r, 'f> {
        Applied {
            set: self,
            scope: Scope::new(facts, &self.matchers, &self.conversions),
            hits: std::cell::OnceCell::new(),
            tries: std::cell::Cell::new(0),
        }
    }

    /// Whether some enabled rule names a condition on another row (`other_row:`): evaluation
    /// asks of a project's rows only then.
    pub fn has_other_row_rules(&self) -> bool {
        !self.by_kind[keys::other_row::KIND].is_empty()
    }

    /// Whether another row with `facts` meets the condition of an `other_row:` rule.
    pub fn other_row_holds(&self, rule: &keys::other_row::OtherRow, facts: Facts<'_>) -> bool {
        self.apply(facts).truth(&rule.node) == Truth::True
    }

    /// Convert a value between units: [`lang::units`] first, then the rules' conversions.
    pub fn convert(
        &self,
        value: Decimal,
        from: &Unit,
        to: &Unit,
    ) -> Option<(Decimal, Option<&RuleRef>)> {
        if let Some(v) = lang::units::convert(value, from, to) {
            return Some((v, None));
        }
        let direct = |v: Decimal, u: &Unit, t: &Unit| {
            if u == t {
                Some(v)
            } else {
                lang::units::convert(v, u, t)
            }
        };
        for (c, &i) in self.conversions.iter().zip(&self.conversion_rules) {
            if let Some(v) = direct(value, from, &c.from)
                .and_then(|v| v.checked_mul(c.factor))
                .and_then(|v| direct(v, &c.to, to))
            {
                return Some((v, Some(&self.rules[i].rref)));
            }
            if let Some(v) = direct(value, from, &c.to)
                .and_then(|v| v.checked_div(c.factor))
                .and_then(|v| direct(v, &c.from, to))
            {
                return Some((v, Some(&self.rules[i].rref)));
            }
        }
        None
    }

    /// Parse a target with this set's directions.
    pub fn parse_target(
        &self,
        text: &str,
        indicator: Option<&str>,
        category: Option<&str>,
        subcategory: Option<&str>,
        year: Option<i32>,
    ) -> lang::Parsed {
        let ctx = lang::Context {
            indicator,
            category,
            subcategory,
            year,
            directions: self,
        };
        lang::parse(text, &ctx)
    }
}

/// The grade bands evaluation uses where no `band` rule is loaded (contract §8.10).
const DEFAULT_BANDS: &[&str] = &["优", "良", "中", "差"];

/// Where a loaded rule stands: its file's text and name, the file's place in the load order
/// and the rule's place in its file.
type At<'a> = (&'a NamedSource<Arc<str>>, &'a Arc<str>, usize, usize);

/// A loaded rule with its keys compiled: its `when:`, then each key's values
/// ([`keys::KeyInfo::compile`]: conditions, percentages, a conversion read, numbers checked;
/// each bad one an error at its value).
fn compiled(
    LoadedRule {
        mut spec,
        pos,
        broken,
    }: LoadedRule,
    (src, file, layer, position): At<'_>,
    compiler: &mut Compiler,
    errors: &mut Vec<RuleError>,
) -> Partial {
    let mut cx = Compile {
        pos: &pos,
        src,
        compiler,
        errors,
    };
    let when = cx.condition(spec.when.as_deref(), "when");
    for key in keys::ALL {
        if let Some(compile) = key.compile {
            compile(&mut spec, &mut cx);
        }
    }
    Partial {
        when,
        rref: RuleRef {
            id: Cow::Owned(spec.id.clone().unwrap_or_default()),
            file: file.clone(),
            line: pos.key("id").map_or(pos.line, |k| k.line),
        },
        spec,
        src: src.clone(),
        pos,
        layer,
        position,
        history: Vec::new(),
        broken,
    }
}

/// The rules merged by id, in the order their ids first appear.
#[derive(Default)]
struct Merged {
    rules: Vec<Partial>,
    /// id → index in `rules` (a linear search made a file of 100 000 rules quadratic)
    by_id: std::collections::HashMap<String, usize>,
}

impl Merged {
    /// One rule more: over an earlier file's rule of its id, it replaces the keys it writes
    /// (the place stays); a second rule of one id in one file is the loader's error; a
    /// `disable` of an id nobody loaded is a warning, and nothing more.
    fn add(&mut self, mut p: Partial, errors: &mut Vec<RuleError>) {
        p.history.push(p.rref.clone());
        let found = self.by_id.get(p.rref.id.as_ref()).copied();
        match found.map(|i| &mut self.rules[i]) {
            Some(old) if old.layer < p.layer => old.merge(p),
            Some(_) => {} // a duplicate inside one file: reported by the loader
            None => {
                let decides_nothing = !has_decision(&p.spec);
                if decides_nothing && p.spec.disable.is_some() {
                    errors.push(
                        RuleError::new(
                            RuleErrorKind::UnknownId,
                            &p.src,
                            p.pos
                                .key("id")
                                .map_or(p.pos.dash.clone(), |k| k.value.clone()),
                            format!("没有先前加载的规则 `{}` 可以停用", p.rref.id),
                            "找不到这个 id",
                        )
                        .help("用 `jixiao rules list` 查看已加载规则的 id")
                        .warning(),
                    );
                    return;
                }
                self.by_id.insert(p.rref.id.to_string(), self.rules.len());
                self.rules.push(p);
            }
        }
    }
}

/// The grade bands that a veto's or a cap's grade must name: the enabled `band:` rules', or,
/// without any, contract §8.10's own bands (evaluation grades with those).
fn grade_bands(merged: &[Partial]) -> Vec<String> {
    let bands: Vec<&str> = merged
        .iter()
        .filter(|p| p.spec.disable != Some(true))
        .filter_map(|p| p.spec.get::<keys::band::Fields>()?.band.as_deref())
        .map(str::trim)
        .collect();
    if bands.is_empty() {
        DEFAULT_BANDS.iter().map(|b| (*b).to_owned()).collect()
    } else {
        bands.into_iter().map(str::to_owned).collect()
    }
}

/// Each merged rule decided (its one decision, a veto's or a cap's grade naming a band), with
/// its file and position for the priority order. A rule that cannot decide is an error of the
/// file it was last written in, unless its keys were already reported (`broken`).
fn decide_all(
    merged: Vec<Partial>,
    bands: &[String],
    per_file: &mut [FileErrors],
) -> (Vec<Rule>, Vec<(usize, usize)>) {
    let mut rules = Vec::new();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for p in merged {
        let file_index = p.layer;
        match decide(&p).and_then(|c| names_a_band(&p, c, bands)) {
            Ok(choice) => {
                let require = keys::check::condition(&p.spec).cloned();
                let reads_actual = [&p.when, &require].into_iter().flatten().any(|n| {
                    let mut f = crate::rules::conditions::FieldsRead::default();
                    n.fields(&mut f);
                    f.contains(crate::rules::expr::Field::Actual)
                });
                order.push((p.layer, p.position));
                rules.push(Rule {
                    rref: p.rref,
                    history: p.history,
                    description: p.spec.description,
                    disabled: p.spec.disable == Some(true),
                    when: p.spec.when,
                    choice,
                    reads_actual,
                    when_node: p.when,
                    require_node: require,
                    cost: 1,
                });
            }
            Err(_) if p.broken => {}
            Err(e) => {
                let e = *e;
                let name = e.file();
                let at = match per_file.iter().position(|f| f.file == name) {
                    Some(i) => i,
                    None => file_index,
                };
                let f = &mut per_file[at];
                f.errors.push(e);
                FileErrors::hold(&mut f.errors, &mut f.not_held);
            }
        }
    }
    (rules, order)
}

/// `choice` where the grade it names (a veto's, a cap's) is one of `bands`; else an error at
/// its key (a grade no band names could never be compared with the project's).
fn names_a_band(p: &Partial, choice: Choice, bands: &[String]) -> Result<Choice, Box<RuleError>> {
    let Some(key) = choice.kind().map(|k| &keys::ALL[k]) else {
        return Ok(choice);
    };
    let named = key.names_grade.and_then(|f| f(&choice));
    match named {
        Some(g) if !bands.iter().any(|b| b == g) => Err(p.bad_value(
            key.name,
            &format!(
                "等级 `{g}` 不是任何 `band` 的名字（现有：{}），无法和项目的等级比较",
                bands.join("、")
            ),
        )),
        _ => Ok(choice),
    }
}

fn has_decision(s: &RuleSpec) -> bool {
    s.kinds().any(|(kind, _)| keys::ALL[kind].present(s))
}

/// The rule's one decision, by its key's file in [`keys`]; first the checks every key shares,
/// each a step: one decision key (`the_decision_key`), attached keys beside their own
/// (`attached_beside_their_own`), a `when:` reading only what the key sees (`when_reads_what_it_sees`).
fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let main = the_decision_key(p)?;
    attached_beside_their_own(p, main)?;
    let Some(main) = main else {
        if p.spec.disable == Some(true) {
            return Ok(Choice::nothing());
        }
        return Err(p.derr(
            "id",
            format!("规则 `{}` 没有决定任何事", p.rref.id),
            "这条规则什么也不决定",
            "加上 direction、category、require 等一个键；要覆盖默认规则，id 要和 `jixiao rules list` 里的一致",
        ));
    };
    when_reads_what_it_sees(p, main)?;
    (main.decide)(p)
}

/// Step 1: the key the rule decides, if any; two written is an error at the second (in the
/// order written).
fn the_decision_key(p: &Partial) -> Result<Option<&'static keys::KeyInfo>, Box<RuleError>> {
    let mut mains: Vec<&'static keys::KeyInfo> = p
        .spec
        .kinds()
        .map(|(kind, _)| &keys::ALL[kind])
        .filter(|k| k.present(&p.spec))
        .collect();
    mains.sort_by_key(|k| p.pos.key(k.name).map_or(0, |k| k.key.start));
    if mains.len() > 1 {
        return Err(p.derr(
            mains[1].name,
            format!(
                "规则 `{}` 同时决定了 `{}` 和 `{}`",
                p.rref.id, mains[0].name, mains[1].name
            ),
            "一条规则只决定一件事",
            "把它拆成两条规则，各有自己的 id",
        ));
    }
    Ok(mains.first().copied())
}

/// Step 2: every attached key the rule writes belongs to its decision key (else an error at
/// it, naming the first key of [`keys::ALL`] it belongs to: a field written is in the fields
/// of every key that declares it, and they come in the order of kinds).
fn attached_beside_their_own(
    p: &Partial,
    main: Option<&'static keys::KeyInfo>,
) -> Result<(), Box<RuleError>> {
    for (kind, fields) in p.spec.kinds() {
        let owner = &keys::ALL[kind];
        for key in owner.attached() {
            let belongs = main.is_some_and(|m| m.attached().any(|k| k == key));
            if fields.has(key) && !belongs {
                return Err(p.derr(
                    key,
                    format!("`{key}` 只能和 `{}` 写在同一条规则里", owner.name),
                    "这个键在这里不起作用",
                    "删去它，或加上它所属的键",
                ));
            }
        }
    }
    Ok(())
}

/// Step 3: the rule's `when:` reads only the fields its key sees (else it could never hold).
fn when_reads_what_it_sees(p: &Partial, main: &keys::KeyInfo) -> Result<(), Box<RuleError>> {
    let (Some(node), Some((allowed, why))) = (&p.when, main.when_fields) else {
        return Ok(());
    };
    let mut read = super::conditions::FieldsRead::default();
    node.fields(&mut read);
    let Some((name, _)) = super::expr::FIELD_NAMES
        .iter()
        .find(|(_, f)| read.contains(*f) && !allowed.contains(f))
    else {
        return Ok(());
    };
    let main = main.name;
    let help = if allowed.is_empty() {
        "删去 when".to_owned()
    } else {
        format!(
            "`{main}` 的条件只能读 {}",
            allowed
                .iter()
                .filter_map(|f| super::expr::FIELD_NAMES
                    .iter()
                    .find(|(_, g)| g == f)
                    .map(|(n, _)| format!("`{n}`")))
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    Err(p.derr(
        "when",
        format!("`{main}` 规则的 `when` 读了 `{name}`，而{why}：这个条件永远不会成立"),
        "这个条件不起作用",
        &help,
    ))
}

/// Decisions about one indicator; see [`RuleSet::apply`]. Each key's accessor
/// (`direction()`, `tiers()`, …) is in its file in [`keys`].
pub struct Applied<'r, 'f> {
    set: &'r RuleSet,
    pub(in crate::rules) scope: Scope<'r, 'f>,
    /// The rules of the prefiltered kinds whose keys these facts have (found when first asked).
    hits: std::cell::OnceCell<Vec<u32>>,
    /// Rules of the prefiltered kinds tried so far for these facts.
    tries: std::cell::Cell<usize>,
}

impl<'r> Applied<'r, '_> {
    fn holds(&self, r: &Rule) -> bool {
        r.when_node
            .as_ref()
            .is_none_or(|n| self.scope.truth(n) == Truth::True)
    }

    /// The enabled rules of `kind` worth trying for these facts, in priority order: every one
    /// for a kind of few rules; for a prefiltered kind, those whose `when:` can hold, within
    /// the budget of [`crate::limits::RULE_TRIES`] (past it, none, and the set records the
    /// indicator: [`RuleSet::overrun`]).
    fn tried(&self, kind: usize) -> Tried<'_, 'r, '_> {
        let set: &'r RuleSet = self.set;
        match &set.prefilter {
            Some(p) if p.on(kind) => {
                let hits = self.hits.get_or_init(|| p.hits(&self.scope));
                Tried::Filtered {
                    applied: self,
                    kind,
                    candidates: p.candidates(kind, hits),
                }
            }
            _ => Tried::Every {
                set,
                list: set.by_kind[kind].iter(),
            },
        }
    }

    /// The first enabled rule of `kind` whose `when:` holds.
    pub(in crate::rules) fn first(&self, kind: usize) -> Option<&'r Rule> {
        self.tried(kind).find(|r| self.holds(r))
    }

    /// Every enabled rule of `kind` whose `when:` holds, in priority order.
    /// The value of the first rule of `kind` that holds (`T` the value its key decides, read
    /// through `f`), with that rule: what most keys' accessors answer.
    pub(in crate::rules) fn first_value<T: keys::KeyValue, U>(
        &self,
        kind: usize,
        f: impl FnOnce(&'r T) -> U,
    ) -> Option<Decided<'r, U>> {
        let r = self.first(kind)?;
        Some(Decided {
            value: f(r.choice.get::<T>()?),
            rule: &r.rref,
        })
    }

    /// The values of every rule of `kind` that holds, each with its rule, in priority order.
    pub(in crate::rules) fn all_values<T: keys::KeyValue, U>(
        &self,
        kind: usize,
        f: impl Fn(&'r T) -> U,
    ) -> impl Iterator<Item = Decided<'r, U>> {
        self.all(kind).filter_map(move |r| {
            Some(Decided {
                value: f(r.choice.get::<T>()?),
                rule: &r.rref,
            })
        })
    }

    pub(in crate::rules) fn all(&self, kind: usize) -> impl Iterator<Item = &'r Rule> + '_ {
        self.tried(kind).filter(|r| self.holds(r))
    }

    /// The facts the decisions are about.
    pub(in crate::rules) fn facts(&self) -> &Facts<'_> {
        &self.scope.facts
    }

    /// The value of a compiled condition for these facts.
    pub(in crate::rules) fn truth(&self, node: &Node) -> Truth {
        self.scope.truth(node)
    }
}

/// The rules [`Applied::tried`] tries.
enum Tried<'a, 'r, 'f> {
    /// Every rule of a kind of few.
    Every {
        set: &'r RuleSet,
        list: std::slice::Iter<'r, usize>,
    },
    /// The candidates of a prefiltered kind, counted against the budget.
    Filtered {
        applied: &'a Applied<'r, 'f>,
        kind: usize,
        candidates: super::prefilter::Candidates<'a>,
    },
}

impl<'r> Iterator for Tried<'_, 'r, '_> {
    type Item = &'r Rule;

    fn next(&mut self) -> Option<&'r Rule> {
        match self {
            Tried::Every { set, list } => list.next().map(|&i| &set.rules[i]),
            Tried::Filtered {
                applied,
                kind,
                candidates,
            } => {
                let set: &'r RuleSet = applied.set;
                if set.overrun.get().is_some() {
                    return None;
                }
                let i = candidates.next()?;
                // a rule of large patterns counts as many tries as its patterns cost
                let tries = applied.tries.get() + set.rules[i].cost as usize;
                applied.tries.set(tries);
                if !set.within_tries(tries, &applied.scope.facts, keys::ALL[*kind].name) {
                    return None;
                }
                Some(&set.rules[i])
            }
        }
    }
}

/// The default context of the target parser takes its directions from the bundled rule set
/// (`rules/*.yaml`). Implemented here, not in `lang`: the parser never sees a rule; what it
/// knows of them is the [`lang::Directions`] it is given.
impl Default for lang::Context<'_> {
    fn default() -> Self {
        lang::Context {
            directions: RuleSet::bundled(),
            ..lang::Context::unruled()
        }
    }
}

impl lang::Directions for RuleSet {
    fn decide(&self, subject: lang::Subject<'_>, quantity: &Quantity) -> lang::Decision {
        let t = Target::Compare {
            op: Op::Eq,
            quantity: quantity.clone(),
        };
        let facts = Facts {
            indicator: subject.indicator,
            category: subject.category,
            subcategory: subject.subcategory,
            target: Some(&t),
            ..Facts::default()
        };
        match self.apply(facts).direction() {
            Some(d) => lang::Decision {
                direction: d.value.0,
                op: d.value.1,
                rule: d.rule.id.clone(),
            },
            None => lang::Decision::new(Direction::Higher, Cow::Borrowed("unruled")),
        }
    }

    /// What the enabled direction rules' conditions read (the facts above are all a decision
    /// sees): a memo of decisions keys by these ([`lang::direction::Memo`]). `kind` is always
    /// `compare` here; a field no direction rule may read (refused at load) counts as all.
    fn reads(&self) -> lang::direction::Reads {
        use super::expr::Field;
        let mut read = super::conditions::FieldsRead::default();
        for &i in &self.by_kind[keys::kind(keys::direction::KEY.name)] {
            if let Some(node) = &self.rules[i].when_node {
                node.fields(&mut read);
            }
        }
        let known = [
            Field::Indicator,
            Field::Category,
            Field::Subcategory,
            Field::Target,
            Field::Unit,
            Field::Kind,
        ];
        if super::expr::FIELD_NAMES
            .iter()
            .any(|(_, f)| read.contains(*f) && !known.contains(f))
        {
            return lang::direction::Reads::ALL;
        }
        lang::direction::Reads {
            indicator: read.contains(Field::Indicator),
            category: read.contains(Field::Category),
            subcategory: read.contains(Field::Subcategory),
            value: read.contains(Field::Target),
            unit: read.contains(Field::Target) || read.contains(Field::Unit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attached key stands beside its own key only; one that two keys declare (`severity`:
    /// `require`, `review`) stands beside either, and where it stands alone the error names
    /// the first of them in the registry.
    #[test]
    fn attached_keys_stand_beside_their_own() {
        let load = |body: &str| {
            let text = format!("rules:\n  - id: user.x\n{body}");
            RuleSet::with_files(&[RuleSource::new("user.yaml", text)], false)
        };
        let message_of = |body: &str| match load(body) {
            Ok(_) => panic!("{body} loads"),
            Err(files) => files[0].errors[0].to_string(),
        };
        assert!(load("    require: target >= 90%\n    severity: error\n").is_ok());
        assert!(load("    review: true\n    severity: error\n").is_ok());
        assert_eq!(
            message_of("    direction: higher\n    severity: error\n"),
            "`severity` 只能和 `require` 写在同一条规则里"
        );
        assert_eq!(
            message_of("    review: true\n    message: 说明\n"),
            "`message` 只能和 `require` 写在同一条规则里"
        );
        assert_eq!(
            message_of("    grade: 好\n    share: 10%\n    min_score: 90\n"),
            "`min_score` 只能和 `band` 写在同一条规则里"
        );
    }

    /// A later file that writes one attached key of a rule (its `min_share`) replaces that key
    /// and the value compiled from it; the keys it does not write stay as the earlier file
    /// wrote them, and the decision names the later file.
    #[test]
    fn an_override_replaces_only_the_keys_it_writes() {
        let user = RuleSource::new(
            "user.yaml",
            "rules:\n  - id: default.grade.partial\n    min_share: 50%\n",
        );
        let (set, _) = RuleSet::with_files(&[user], true).expect("the override loads");
        let g = set
            .apply(Facts::default())
            .grade("基本达成")
            .expect("the grade");
        assert_eq!(g.value.name, "部分达成");
        assert_eq!(g.value.min_share, Decimal::new(5, 1));
        assert_eq!(g.value.share, Decimal::new(7, 1));
        assert_eq!(g.value.max_share, Decimal::new(8, 1));
        assert_eq!(&*g.rule.file, "user.yaml");
        let bundled = RuleSet::bundled().apply(Facts::default());
        let before = bundled.grade("基本达成").expect("the bundled grade");
        assert_eq!(before.value.min_share, Decimal::new(6, 1));
    }

    /// The bundled files' patterns are compiled only when first matched, unchecked at load:
    /// every one compiles, and the same files not byte for byte the bundled ones (a comment
    /// added) are checked and measured as a user's file and load without an error or warning.
    #[test]
    fn bundled_patterns_compile_and_pass_the_checks() {
        let bundled = RuleSet::bundled();
        assert!(bundled.matchers.compile_all() >= 10);
        let copies: Vec<RuleSource> = BUNDLED
            .iter()
            .map(|(n, t)| RuleSource::new(format!("copy-of-{n}"), format!("{t}\n# 副本\n")))
            .collect();
        let (set, warnings) = RuleSet::load(&copies).expect("the copies load");
        assert!(warnings.iter().all(|w| w.errors.is_empty()), "{warnings:?}");
        assert_eq!(set.rules.len(), bundled.rules.len());
        assert_eq!(set.matchers.compile_all(), bundled.matchers.compile_all());
    }

    /// A user's file whose pattern does not compile is refused when it is loaded (not when
    /// the pattern is first matched), also where the bundled files come first.
    #[test]
    fn a_bad_pattern_is_refused_at_load() {
        let bad = RuleSource::new(
            "user.yaml",
            "rules:\n  - id: user.bad\n    when: indicator ~ \"(满意\"\n    direction: lower\n",
        );
        for defaults in [false, true] {
            let errors = RuleSet::with_files(std::slice::from_ref(&bad), defaults)
                .expect_err("an unclosed group");
            let user = errors
                .iter()
                .find(|f| f.file == "user.yaml")
                .expect("the file");
            assert_eq!(user.errors.len(), 1, "{defaults}");
        }
    }
}
