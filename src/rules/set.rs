//! A rule set: the files loaded in order, rules merged by id, compiled once, and asked for
//! decisions about one indicator at a time.
//!
//! Priority: rules of a later file come before those of earlier files; inside a file, the first
//! matching rule wins. A later rule with an earlier id replaces the keys it writes and keeps its
//! place (so overriding a default edits it where it stands). Every decision returns the
//! [`RuleRef`] (id, file, line) of the rule that made it.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use miette::NamedSource;
use rust_decimal::Decimal;

use super::error::{ErrorKind, FileErrors, RuleError};
use super::eval::{Compiler, Conversion, Facts, Matchers, Node, Scope, Truth};
use super::expr;
use super::loader::{self, LoadedRule};
use super::locate::ItemPos;
use super::model::{BareOp, DirectionSpec, Formula, GradeOn, RuleSpec, Severity};
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
pub struct Grade {
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

/// What a rule decides.
#[derive(Debug, Clone)]
pub enum Choice {
    Direction {
        direction: Direction,
        op: Op,
    },
    Category(String),
    Subcategory(String),
    Tolerance(Decimal),
    Convert(Conversion),
    CategoryWeight(Decimal),
    IndicatorWeight(Decimal),
    BudgetWeight(Decimal),
    Formula(FormulaChoice),
    Grade(Grade),
    Band {
        name: String,
        min_score: Decimal,
    },
    Precision(u32),
    /// Whether grade bands read the exact total (`true`) or the total as shown.
    GradeOn(bool),
    Tiers(Arc<super::method::Tiers>),
    Deduct(Arc<super::method::Deduct>),
    Floor(super::method::Floor),
    Veto(Arc<super::method::Veto>),
    NotApplicable,
    Check {
        require: String,
        severity: Severity,
        message: Option<String>,
    },
    /// A built-in check of `jixiao review`, named by the rule's id.
    Review {
        severity: Severity,
    },
    /// Only possible for a disabled rule.
    Nothing,
}

const KINDS: usize = 21;

impl Choice {
    fn kind(&self) -> usize {
        match self {
            Choice::Direction { .. } => 0,
            Choice::Category(_) => 1,
            Choice::Subcategory(_) => 2,
            Choice::Tolerance(_) => 3,
            Choice::Convert(_) => 4,
            Choice::CategoryWeight(_) => 5,
            Choice::IndicatorWeight(_) => 6,
            Choice::BudgetWeight(_) => 7,
            Choice::Formula(_) => 8,
            Choice::Grade(_) => 9,
            Choice::Band { .. } => 10,
            Choice::Precision(_) => 11,
            Choice::NotApplicable => 12,
            Choice::Check { .. } => 13,
            Choice::Review { .. } => 14,
            Choice::Nothing => 15,
            Choice::GradeOn(_) => 16,
            Choice::Tiers(_) => 17,
            Choice::Deduct(_) => 18,
            Choice::Floor(_) => 19,
            Choice::Veto(_) => 20,
        }
    }
}

fn qty(q: &Quantity) -> String {
    format!(
        "{}{}",
        q.value.normalize(),
        q.unit.as_ref().map_or("", |u| u.as_str())
    )
}

fn pct(d: Decimal) -> String {
    format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
}

/// Chinese first, the rule file's key beside it (`方向：越低越好 direction: lower（裸值 <=）`): what
/// `jixiao rules list` shows in its 决定 column.
impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Choice::Direction { direction, op } => {
                let zh = match direction {
                    Direction::Higher => "越高越好",
                    Direction::Lower => "越低越好",
                };
                write!(
                    f,
                    "方向：{zh} direction: {}（裸值 {op}）",
                    direction.as_str()
                )
            }
            Choice::Category(c) => write!(f, "一级指标 category: {c}"),
            Choice::Subcategory(c) => write!(f, "二级指标 subcategory: {c}"),
            Choice::Tolerance(t) => write!(f, "容差 tolerance: ±{}", pct(*t)),
            Choice::Convert(c) => write!(
                f,
                "单位换算 convert: 1 {} = {} {}",
                c.from,
                c.factor.normalize(),
                c.to
            ),
            Choice::CategoryWeight(w) => {
                write!(f, "一级指标分值 category_weight: {}", w.normalize())
            }
            Choice::IndicatorWeight(w) => {
                write!(f, "指标分值 indicator_weight: {}", w.normalize())
            }
            Choice::BudgetWeight(w) => write!(f, "预算执行分值 budget_weight: {}", w.normalize()),
            Choice::Formula(c) => {
                write!(f, "公式 formula: {}", super::model::formula_name(c.formula))?;
                if let Some(p) = c.late_penalty {
                    write!(f, "（每逾期一月扣 {}）", pct(p))?;
                }
                Ok(())
            }
            Choice::Grade(g) => write!(
                f,
                "等级 grade: {} {} [{}, {}]",
                g.name,
                pct(g.share),
                pct(g.min_share),
                pct(g.max_share)
            ),
            Choice::Band { name, min_score } => {
                write!(f, "评级 band: {name} >= {}", min_score.normalize())
            }
            Choice::Precision(p) => write!(f, "小数位数 precision: {p}"),
            Choice::Tiers(t) => write!(f, "分档 tiers: {} 档", t.bands.len()),
            Choice::Deduct(d) => write!(
                f,
                "扣分 deduct: 每 {} 扣 {} 分",
                qty(&d.per),
                d.points.normalize()
            ),
            Choice::Floor(fl) => write!(
                f,
                "下限 floor: 完成率低于 {} 得 {}",
                pct(fl.ratio_below),
                pct(fl.share)
            ),
            Choice::Veto(v) => write!(f, "一票否决 veto: {}（{}）", v.grade, v.message),
            Choice::GradeOn(exact) => write!(
                f,
                "评级依据 grade_on: {}",
                if *exact { "exact" } else { "shown" }
            ),
            Choice::NotApplicable => f.write_str("不适用 not_applicable"),
            Choice::Check {
                require, severity, ..
            } => write!(f, "要求 require: {require}（{}）", severity.zh()),
            Choice::Review { severity } => write!(f, "审核检查（{}）", severity.zh()),
            Choice::Nothing => f.write_str("-"),
        }
    }
}

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
    /// Read a file from disk (UTF-8, a BOM allowed).
    pub fn read(path: &std::path::Path) -> Result<Self, FileErrors> {
        let name = path.display().to_string();
        match crate::bounded::read_path(path, &crate::limits::RULE_FILE) {
            Ok(bytes) => {
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                let text = match std::str::from_utf8(bytes) {
                    Ok(s) => s.to_owned(),
                    Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
                };
                Ok(RuleSource { name, text })
            }
            Err(e) => {
                let src = NamedSource::new(name.clone(), Arc::<str>::from(""));
                let error = match &e {
                    crate::bounded::BoundedError::TooLarge { help, .. } => {
                        RuleError::new(ErrorKind::TooMany, &src, 0..0, e.to_string(), "")
                            .help(help.clone())
                    }
                    crate::bounded::BoundedError::Io { source, .. } => RuleError::new(
                        ErrorKind::Io,
                        &src,
                        0..0,
                        format!("无法读取规则文件：{}", crate::diagnostic::io_reason(source)),
                        "",
                    ),
                };
                Err(FileErrors {
                    file: name,
                    errors: vec![error],
                })
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
    by_kind: [Vec<usize>; KINDS],
    matchers: Matchers,
    conversions: Vec<Conversion>,
    conversion_rules: Vec<usize>,
    /// The files loaded, in order.
    pub files: Vec<String>,
}

/// A rule read from one file, its keys compiled, before merging.
struct Partial {
    spec: RuleSpec,
    when: Option<Node>,
    require: Option<Node>,
    tolerance: Option<Decimal>,
    late_penalty: Option<Decimal>,
    share: Option<Decimal>,
    min_share: Option<Decimal>,
    max_share: Option<Decimal>,
    convert: Option<Conversion>,
    src: NamedSource<Arc<str>>,
    pos: ItemPos,
    rref: RuleRef,
    layer: usize,
    position: usize,
    history: Vec<RuleRef>,
    broken: bool,
}

macro_rules! merge_fields {
    ($old:expr, $new:expr; $($f:ident),*) => { $( if $new.$f.is_some() { $old.$f = $new.$f.take(); } )* };
}

impl Partial {
    fn merge(&mut self, mut n: Partial) {
        let (o, s) = (&mut self.spec, &mut n.spec);
        merge_fields!(o, s; description, when, disable, direction, bare_op, category, subcategory,
            tolerance, convert, category_weight, indicator_weight, budget_weight, formula,
            late_penalty, grade, words, share, min_share, max_share, band, min_score, precision,
            grade_on, tiers, deduct, floor, veto, not_applicable, require, severity, message);
        merge_fields!(self, n; when, require, tolerance, late_penalty, share, min_share, max_share, convert);
        self.history.push(n.rref.clone());
        self.broken = n.broken;
        self.rref = n.rref;
        self.src = n.src;
        self.pos = n.pos;
    }

    fn key_span(&self, key: &str) -> std::ops::Range<usize> {
        self.pos
            .key(key)
            .map_or(self.pos.dash.clone(), |p| p.key.clone())
    }
}

/// A percentage key (`10%`) as a fraction.
fn percent(
    text: &str,
    key: &str,
    item: &ItemPos,
    src: &NamedSource<Arc<str>>,
    errors: &mut Vec<RuleError>,
) -> Option<Decimal> {
    match expr::quantity(text.trim()) {
        Some(Quantity {
            value,
            unit: Some(u),
        }) if u == Unit::PERCENT => Some(value / Decimal::ONE_HUNDRED),
        _ => {
            let span = item.key(key).map_or(item.dash.clone(), |p| p.value.clone());
            errors.push(
                RuleError::new(
                    ErrorKind::BadValue,
                    src,
                    span,
                    format!("`{key}` 应是一个百分数"),
                    "这里应是百分数",
                )
                .help(format!("写作 `{key}: 10%`")),
            );
            None
        }
    }
}

fn compile_expr(
    text: &str,
    key: &str,
    item: &ItemPos,
    src: &NamedSource<Arc<str>>,
    compiler: &mut Compiler,
    errors: &mut Vec<RuleError>,
) -> Option<Node> {
    let result = expr::parse(text).and_then(|e| compiler.compile(&e));
    match result {
        Ok(n) => Some(n),
        Err(e) => {
            let span = match item.key(key) {
                Some(p) => p.map(&e.span),
                None => item.dash.clone(),
            };
            let mut err = RuleError::new(
                ErrorKind::Expression,
                src,
                span,
                format!("`{key}` 条件有误：{}", e.label),
                e.label.to_string(),
            );
            if !e.help.is_empty() {
                err = err.help(e.help.to_string());
            }
            errors.push(err);
            None
        }
    }
}

fn conversion(
    text: &str,
    item: &ItemPos,
    src: &NamedSource<Arc<str>>,
    errors: &mut Vec<RuleError>,
) -> Option<Conversion> {
    let parts: Vec<&str> = text.split(['=', '＝']).collect();
    if let [l, r] = parts[..]
        && let (Some(a), Some(b)) = (expr::quantity(l.trim()), expr::quantity(r.trim()))
        && let (Some(from), Some(to)) = (a.unit, b.unit)
        && !a.value.is_zero()
        && let Some(factor) = b.value.checked_div(a.value)
    {
        return Some(Conversion { from, to, factor });
    }
    let span = item
        .key("convert")
        .map_or(item.dash.clone(), |p| p.value.clone());
    errors.push(
        RuleError::new(
            ErrorKind::BadValue,
            src,
            span,
            "`convert` 应写作 `1 月 = 30 天`",
            "读不出换算",
        )
        .help("两边各是一个带单位的数量，如 `convert: 1 月 = 30 天`"),
    );
    None
}

fn number(
    n: &Option<super::model::Number>,
    key: &str,
    item: &ItemPos,
    src: &NamedSource<Arc<str>>,
    errors: &mut Vec<RuleError>,
) {
    if let Some(n) = n
        && n.decimal().is_none_or(|d| d.is_sign_negative())
    {
        let span = item.key(key).map_or(item.dash.clone(), |p| p.value.clone());
        errors.push(
            RuleError::new(
                ErrorKind::BadValue,
                src,
                span,
                format!("`{key}` 应是一个非负的数"),
                "这里应是数",
            )
            .help(format!("写作 `{key}: 10`")),
        );
    }
}

impl RuleSet {
    /// The fields the conditions of the enabled rules read (`when:` and `require:`): what a
    /// decision can depend on, so a caller may reuse decisions for facts equal in those fields.
    pub fn fields_read(&self) -> crate::rules::eval::FieldsRead {
        let mut out = crate::rules::eval::FieldsRead::default();
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
            let mut set = match RuleSet::load(&bundled_sources()) {
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
    /// file's errors, all of them.
    pub fn load(sources: &[RuleSource]) -> Result<(RuleSet, Vec<FileErrors>), Vec<FileErrors>> {
        let mut compiler = Compiler::default();
        let mut merged: Vec<Partial> = Vec::new();
        // id → index in `merged` (a linear search made a file of 100 000 rules quadratic)
        let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut per_file: Vec<FileErrors> = Vec::new();
        for (layer, source) in sources.iter().enumerate() {
            let src = NamedSource::new(source.name.clone(), Arc::<str>::from(source.text.as_str()))
                .with_language("yaml");
            let file: Arc<str> = Arc::from(source.name.as_str());
            let (rules, mut errors) = loader::load(&src);
            for (position, LoadedRule { spec, pos, broken }) in rules.into_iter().enumerate() {
                let mut p = Partial {
                    when: spec.when.as_deref().and_then(|w| {
                        compile_expr(w, "when", &pos, &src, &mut compiler, &mut errors)
                    }),
                    require: spec.require.as_deref().and_then(|w| {
                        compile_expr(w, "require", &pos, &src, &mut compiler, &mut errors)
                    }),
                    tolerance: spec
                        .tolerance
                        .as_deref()
                        .and_then(|t| percent(t, "tolerance", &pos, &src, &mut errors)),
                    late_penalty: spec
                        .late_penalty
                        .as_deref()
                        .and_then(|t| percent(t, "late_penalty", &pos, &src, &mut errors)),
                    share: spec
                        .share
                        .as_deref()
                        .and_then(|t| percent(t, "share", &pos, &src, &mut errors)),
                    min_share: spec
                        .min_share
                        .as_deref()
                        .and_then(|t| percent(t, "min_share", &pos, &src, &mut errors)),
                    max_share: spec
                        .max_share
                        .as_deref()
                        .and_then(|t| percent(t, "max_share", &pos, &src, &mut errors)),
                    convert: spec
                        .convert
                        .as_deref()
                        .and_then(|t| conversion(t, &pos, &src, &mut errors)),
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
                };
                for (n, key) in [
                    (&p.spec.category_weight, "category_weight"),
                    (&p.spec.indicator_weight, "indicator_weight"),
                    (&p.spec.budget_weight, "budget_weight"),
                    (&p.spec.min_score, "min_score"),
                ] {
                    number(n, key, &p.pos, &src, &mut errors);
                }
                p.history.push(p.rref.clone());
                let found = by_id.get(p.rref.id.as_ref()).copied();
                match found.map(|i| &mut merged[i]) {
                    Some(old) if old.layer < layer => old.merge(p),
                    Some(_) => {} // a duplicate inside one file: reported by the loader
                    None => {
                        let decides_nothing = !has_decision(&p.spec);
                        if decides_nothing && p.spec.disable.is_some() {
                            errors.push(
                                RuleError::new(
                                    ErrorKind::UnknownId,
                                    &src,
                                    p.pos
                                        .key("id")
                                        .map_or(p.pos.dash.clone(), |k| k.value.clone()),
                                    format!("没有先前加载的规则 `{}` 可以停用", p.rref.id),
                                    "找不到这个 id",
                                )
                                .help("用 `jixiao rules list` 查看已加载规则的 id")
                                .warning(),
                            );
                            continue;
                        }
                        by_id.insert(p.rref.id.to_string(), merged.len());
                        merged.push(p);
                    }
                }
            }
            per_file.push(FileErrors {
                file: source.name.clone(),
                errors,
            });
        }
        let mut rules = Vec::new();
        let mut order: Vec<(usize, usize)> = Vec::new();
        for p in merged {
            let file_index = p.layer;
            match decide(&p) {
                Ok(choice) => {
                    let reads_actual = [&p.when, &p.require].into_iter().flatten().any(|n| {
                        let mut f = crate::rules::eval::FieldsRead::default();
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
                        require_node: p.require,
                    });
                }
                Err(_) if p.broken => {}
                Err(e) => {
                    let e = *e;
                    let name = e.file().to_owned();
                    match per_file.iter_mut().find(|f| f.file == name) {
                        Some(f) => f.errors.push(e),
                        None => per_file[file_index].errors.push(e),
                    }
                }
            }
        }
        for f in &mut per_file {
            f.errors.sort_by_key(|e| e.span.start);
        }
        if per_file.iter().any(FileErrors::has_errors) {
            return Err(per_file
                .into_iter()
                .filter(|f| !f.errors.is_empty())
                .collect());
        }
        // Later files first; inside a file, written order.
        let mut idx: Vec<usize> = (0..rules.len()).collect();
        idx.sort_by_key(|&i| (std::cmp::Reverse(order[i].0), order[i].1));
        let rules: Vec<Rule> = idx.into_iter().map(|i| rules[i].clone()).collect();
        let mut by_kind: [Vec<usize>; KINDS] = Default::default();
        let mut conversions = Vec::new();
        let mut conversion_rules = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.disabled {
                continue;
            }
            by_kind[r.choice.kind()].push(i);
            if let Choice::Convert(c) = &r.choice {
                conversions.push(c.clone());
                conversion_rules.push(i);
            }
        }
        let warnings = per_file
            .into_iter()
            .filter(|f| !f.errors.is_empty())
            .collect();
        Ok((
            RuleSet {
                rules,
                by_kind,
                matchers: compiler.finish(),
                conversions,
                conversion_rules,
                files: sources.iter().map(|s| s.name.clone()).collect(),
            },
            warnings,
        ))
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

    /// Whether evaluation has anything to ask once an actual is read: a veto, or a `require:`
    /// check that reads the actual.
    pub fn asks_of_actuals(&self) -> bool {
        !self.by_kind[20].is_empty() || self.by_kind[13].iter().any(|&i| self.rules[i].reads_actual)
    }

    /// Every rule, disabled ones too, in priority order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A built-in review check's setting: whether a rule file switched it off, and its severity.
    /// `None` where no rule names the check (it then runs with its own default).
    pub fn review_check(&self, code: &str) -> Option<(bool, Severity)> {
        let rule = self.rule(code)?;
        match rule.choice {
            Choice::Review { severity } => Some((rule.disabled, severity)),
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
        }
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

fn has_decision(s: &RuleSpec) -> bool {
    main_keys(s).next().is_some()
}

fn main_keys(s: &RuleSpec) -> impl Iterator<Item = &'static str> + '_ {
    [
        ("direction", s.direction.is_some()),
        ("category", s.category.is_some()),
        ("subcategory", s.subcategory.is_some()),
        ("tolerance", s.tolerance.is_some()),
        ("convert", s.convert.is_some()),
        ("category_weight", s.category_weight.is_some()),
        ("indicator_weight", s.indicator_weight.is_some()),
        ("budget_weight", s.budget_weight.is_some()),
        ("formula", s.formula.is_some()),
        ("grade", s.grade.is_some()),
        ("band", s.band.is_some()),
        ("precision", s.precision.is_some()),
        ("grade_on", s.grade_on.is_some()),
        ("tiers", s.tiers.is_some()),
        ("deduct", s.deduct.is_some()),
        ("floor", s.floor.is_some()),
        ("veto", s.veto.is_some()),
        ("not_applicable", s.not_applicable.is_some()),
        ("require", s.require.is_some()),
        ("review", s.review == Some(true)),
    ]
    .into_iter()
    .filter_map(|(k, on)| on.then_some(k))
}

/// The fields a decision's `when:` can read, where they are fewer than all (a condition on
/// any other field would never hold, a silent no-op), and why.
fn when_fields(main: &str) -> Option<(&'static [super::expr::Field], &'static str)> {
    use super::expr::Field::*;
    Some(match main {
        "band" | "precision" | "grade_on" | "tolerance" | "grade" | "review" => {
            (&[], "它对整个评价适用，不因指标或项目而变")
        }
        "budget_weight" => (
            &[Project, UnitName, Department],
            "预算执行率的分值按项目决定，只知道项目、单位和部门",
        ),
        "direction" => (
            &[Indicator, Category, Subcategory, Target, Kind, Unit],
            "读目标时只知道指标、类别和目标本身",
        ),
        "category" | "subcategory" => (
            &[Indicator, Category, Subcategory],
            "推断类别时只知道指标名称和已有的类别",
        ),
        _ => return None,
    })
}

/// Which main key an attached key belongs with.
const ATTACHED: &[(&str, &str)] = &[
    ("bare_op", "direction"),
    ("late_penalty", "formula"),
    ("words", "grade"),
    ("share", "grade"),
    ("min_share", "grade"),
    ("max_share", "grade"),
    ("min_score", "band"),
    ("severity", "require"),
    ("severity", "review"),
    ("message", "require"),
];

fn attached_present(s: &RuleSpec, key: &str) -> bool {
    match key {
        "bare_op" => s.bare_op.is_some(),
        "late_penalty" => s.late_penalty.is_some(),
        "words" => s.words.is_some(),
        "share" => s.share.is_some(),
        "min_share" => s.min_share.is_some(),
        "max_share" => s.max_share.is_some(),
        "min_score" => s.min_score.is_some(),
        "severity" => s.severity.is_some(),
        "message" => s.message.is_some(),
        _ => false,
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = &p.spec;
    let mut mains: Vec<&str> = main_keys(s).collect();
    mains.sort_by_key(|k| p.pos.key(k).map_or(0, |k| k.key.start));
    let disabled = s.disable == Some(true);
    let derr = |key: &str, msg: String, label: &str, help: &str| {
        Box::new(
            RuleError::new(ErrorKind::Decision, &p.src, p.key_span(key), msg, label).help(help),
        )
    };
    if mains.len() > 1 {
        return Err(derr(
            mains[1],
            format!(
                "规则 `{}` 同时决定了 `{}` 和 `{}`",
                p.rref.id, mains[0], mains[1]
            ),
            "一条规则只决定一件事",
            "把它拆成两条规则，各有自己的 id",
        ));
    }
    for (key, main) in ATTACHED {
        let belongs = ATTACHED
            .iter()
            .any(|(k, m)| k == key && mains.first() == Some(m));
        if attached_present(s, key) && !belongs {
            return Err(derr(
                key,
                format!("`{key}` 只能和 `{main}` 写在同一条规则里"),
                "这个键在这里不起作用",
                "删去它，或加上它所属的键",
            ));
        }
    }
    let Some(main) = mains.first() else {
        if disabled {
            return Ok(Choice::Nothing);
        }
        return Err(derr(
            "id",
            format!("规则 `{}` 没有决定任何事", p.rref.id),
            "这条规则什么也不决定",
            "加上 direction、category、require 等一个键；要覆盖默认规则，id 要和 `jixiao rules list` 里的一致",
        ));
    };
    if *main == "convert" && s.when.is_some() {
        return Err(derr(
            "when",
            "换算规则处处适用，不能带 `when`".into(),
            "删去 when",
            "单位换算对所有指标都一样",
        ));
    }
    if s.late_penalty.is_some() && s.formula.is_some_and(|f| f != Formula::Deadline) {
        return Err(derr(
            "late_penalty",
            "`late_penalty` 只对 `formula: deadline` 起作用".into(),
            "这个键在这里不起作用",
            "逾期扣分写在 `formula: deadline` 的规则里",
        ));
    }
    if let (Some(node), Some((allowed, why))) = (&p.when, when_fields(main)) {
        let mut read = super::eval::FieldsRead::default();
        node.fields(&mut read);
        if let Some((name, _)) = super::expr::FIELD_NAMES
            .iter()
            .find(|(_, f)| read.contains(*f) && !allowed.contains(f))
        {
            return Err(derr(
                "when",
                format!("`{main}` 规则的 `when` 读了 `{name}`，而{why}：这个条件永远不会成立"),
                "这个条件不起作用",
                if allowed.is_empty() {
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
                }
                .as_str(),
            ));
        }
    }
    Ok(match *main {
        "direction" => {
            let direction = match s.direction {
                Some(DirectionSpec::Lower) => Direction::Lower,
                _ => Direction::Higher,
            };
            let op = match s.bare_op {
                Some(BareOp::Ge) => Op::Ge,
                Some(BareOp::Gt) => Op::Gt,
                Some(BareOp::Le) => Op::Le,
                Some(BareOp::Lt) => Op::Lt,
                Some(BareOp::Eq) => Op::Eq,
                None => direction.bare_op(),
            };
            Choice::Direction { direction, op }
        }
        "category" => Choice::Category(s.category.clone().unwrap_or_default()),
        "subcategory" => Choice::Subcategory(s.subcategory.clone().unwrap_or_default()),
        "tolerance" => Choice::Tolerance(p.tolerance.unwrap_or_default()),
        "convert" => match &p.convert {
            Some(c) => Choice::Convert(c.clone()),
            None => Choice::Nothing,
        },
        "category_weight" => Choice::CategoryWeight(
            s.category_weight
                .as_ref()
                .and_then(|n| n.decimal())
                .unwrap_or_default(),
        ),
        "indicator_weight" => Choice::IndicatorWeight(
            s.indicator_weight
                .as_ref()
                .and_then(|n| n.decimal())
                .unwrap_or_default(),
        ),
        "budget_weight" => Choice::BudgetWeight(
            s.budget_weight
                .as_ref()
                .and_then(|n| n.decimal())
                .unwrap_or_default(),
        ),
        "formula" => Choice::Formula(FormulaChoice {
            formula: s.formula.unwrap_or(Formula::Proportional),
            late_penalty: p.late_penalty,
        }),
        "grade" => {
            let Some(share) = p.share else {
                return Err(derr(
                    "grade",
                    format!("等级 `{}` 缺少 `share`", s.grade.as_deref().unwrap_or("")),
                    "缺少 share",
                    "写上默认得分比例，如 `share: 70%`",
                ));
            };
            Choice::Grade(Grade {
                name: s.grade.clone().unwrap_or_default(),
                words: s.words.clone().unwrap_or_default(),
                share,
                min_share: p.min_share.unwrap_or(share),
                max_share: p.max_share.unwrap_or(share),
            })
        }
        "band" => {
            let Some(min_score) = s.min_score.as_ref().and_then(|n| n.decimal()) else {
                return Err(derr(
                    "band",
                    format!(
                        "等级 `{}` 缺少 `min_score`",
                        s.band.as_deref().unwrap_or("")
                    ),
                    "缺少 min_score",
                    "写上该等级的最低分，如 `min_score: 90`",
                ));
            };
            Choice::Band {
                name: s.band.clone().unwrap_or_default(),
                min_score,
            }
        }
        "precision" => Choice::Precision(s.precision.unwrap_or(2)),
        "grade_on" => Choice::GradeOn(s.grade_on == Some(GradeOn::Exact)),
        "tiers" | "deduct" | "floor" | "veto" => {
            let compiled = match *main {
                "tiers" => s
                    .tiers
                    .as_ref()
                    .map(|t| super::method::tiers(t).map(|t| Choice::Tiers(Arc::new(t)))),
                "deduct" => s
                    .deduct
                    .as_ref()
                    .map(|d| super::method::deduct(d).map(|d| Choice::Deduct(Arc::new(d)))),
                "floor" => s
                    .floor
                    .as_ref()
                    .map(|f| super::method::floor(f).map(Choice::Floor)),
                _ => s
                    .veto
                    .as_ref()
                    .map(|v| super::method::veto(v, &p.rref.id).map(|v| Choice::Veto(Arc::new(v)))),
            };
            match compiled {
                Some(Ok(c)) => c,
                Some(Err(why)) => {
                    return Err(Box::new(
                        RuleError::new(
                            ErrorKind::BadValue,
                            &p.src,
                            p.pos
                                .key(main)
                                .map_or(p.pos.dash.clone(), |k| k.value.clone()),
                            format!("`{main}` 有误：{why}"),
                            "这里的值用不了",
                        )
                        .help("见 docs/rules.md 中该键的写法和例子"),
                    ));
                }
                None => Choice::Nothing,
            }
        }
        "not_applicable" => {
            if s.not_applicable == Some(true) {
                Choice::NotApplicable
            } else {
                Choice::Nothing
            }
        }
        "review" => Choice::Review {
            severity: s.severity.unwrap_or(Severity::Warning),
        },
        _ => Choice::Check {
            require: s.require.clone().unwrap_or_default(),
            severity: s.severity.unwrap_or(Severity::Warning),
            message: s.message.clone(),
        },
    })
}

/// Decisions about one indicator; see [`RuleSet::apply`].
pub struct Applied<'r, 'f> {
    set: &'r RuleSet,
    scope: Scope<'r, 'f>,
}

impl<'r> Applied<'r, '_> {
    fn holds(&self, r: &Rule) -> bool {
        r.when_node
            .as_ref()
            .is_none_or(|n| self.scope.truth(n) == Truth::True)
    }

    fn first(&self, kind: usize) -> Option<&'r Rule> {
        let set: &'r RuleSet = self.set;
        set.by_kind[kind]
            .iter()
            .map(|&i| &set.rules[i])
            .find(|r| self.holds(r))
    }

    fn all(&self, kind: usize) -> impl Iterator<Item = &'r Rule> + '_ {
        let set: &'r RuleSet = self.set;
        set.by_kind[kind]
            .iter()
            .map(move |&i| &set.rules[i])
            .filter(|r| self.holds(r))
    }

    /// Direction and the operator of a bare value.
    pub fn direction(&self) -> Option<Decided<'r, (Direction, Op)>> {
        let r = self.first(0)?;
        match r.choice {
            Choice::Direction { direction, op } => Some(Decided {
                value: (direction, op),
                rule: &r.rref,
            }),
            _ => None,
        }
    }

    /// The category from the rules: for an indicator without one (`inferred`), or where a rule
    /// re-assigns it.
    pub fn category(&self) -> Option<Decided<'r, CategoryChoice<'r>>> {
        let r = self.first(1)?;
        let Choice::Category(name) = &r.choice else {
            return None;
        };
        let inferred = self
            .scope
            .facts
            .category
            .is_none_or(|c| c.trim().is_empty());
        Some(Decided {
            value: CategoryChoice { name, inferred },
            rule: &r.rref,
        })
    }

    pub fn subcategory(&self) -> Option<Decided<'r, &'r str>> {
        let r = self.first(2)?;
        let Choice::Subcategory(name) = &r.choice else {
            return None;
        };
        Some(Decided {
            value: name,
            rule: &r.rref,
        })
    }

    /// Tolerance of an approximate target, as a fraction of its value (0.1 = ±10%).
    pub fn tolerance(&self) -> Option<Decided<'r, Decimal>> {
        self.number(3)
    }

    /// Points of the indicator's category. Categories whose weight comes from one rule share it
    /// (rule id = the pool).
    pub fn category_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.number(5)
    }

    /// Points of the indicator itself, where a rule fixes them.
    pub fn indicator_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.number(6)
    }

    /// Points of budget execution.
    pub fn budget_weight(&self) -> Option<Decided<'r, Decimal>> {
        self.number(7)
    }

    fn number(&self, kind: usize) -> Option<Decided<'r, Decimal>> {
        let r = self.first(kind)?;
        let value = match &r.choice {
            Choice::Tolerance(d)
            | Choice::CategoryWeight(d)
            | Choice::IndicatorWeight(d)
            | Choice::BudgetWeight(d) => *d,
            _ => return None,
        };
        Some(Decided {
            value,
            rule: &r.rref,
        })
    }

    /// The scoring formula for the indicator (rules usually test `kind`).
    pub fn formula(&self) -> Option<Decided<'r, FormulaChoice>> {
        let r = self.first(8)?;
        let Choice::Formula(f) = r.choice else {
            return None;
        };
        Some(Decided {
            value: f,
            rule: &r.rref,
        })
    }

    /// The qualitative grade a word (`部分达成`) names.
    pub fn grade(&self, word: &str) -> Option<Decided<'r, &'r Grade>> {
        let word = word.trim();
        self.all(9).find_map(|r| match &r.choice {
            Choice::Grade(g) if g.name == word || g.words.iter().any(|w| w == word) => {
                Some(Decided {
                    value: g,
                    rule: &r.rref,
                })
            }
            _ => None,
        })
    }

    /// The grade scale (one entry per grade name, highest priority first).
    pub fn grades(&self) -> Vec<Decided<'r, &'r Grade>> {
        let mut out: Vec<Decided<'r, &'r Grade>> = Vec::new();
        for r in self.all(9) {
            if let Choice::Grade(g) = &r.choice
                && !out.iter().any(|d| d.value.name == g.name)
            {
                out.push(Decided {
                    value: g,
                    rule: &r.rref,
                });
            }
        }
        out
    }

    /// The grade band (优/良/中/差) of a total score: the band with the highest `min_score` not
    /// above it.
    pub fn band(&self, score: Decimal) -> Option<Decided<'r, &'r str>> {
        let mut best: Option<(&'r Rule, Decimal, &'r str)> = None;
        for r in self.all(10) {
            if let Choice::Band { name, min_score } = &r.choice
                && *min_score <= score
                && best.is_none_or(|(_, m, _)| *min_score > m)
            {
                best = Some((r, *min_score, name));
            }
        }
        best.map(|(r, _, name)| Decided {
            value: name,
            rule: &r.rref,
        })
    }

    /// Decimals shown for scores.
    pub fn precision(&self) -> Option<Decided<'r, u32>> {
        let r = self.first(11)?;
        let Choice::Precision(p) = r.choice else {
            return None;
        };
        Some(Decided {
            value: p,
            rule: &r.rref,
        })
    }

    /// Whether grade bands read the exact total (`true`) or the total as shown (`false`).
    pub fn grade_on(&self) -> Option<Decided<'r, bool>> {
        let r = self.first(16)?;
        let Choice::GradeOn(exact) = r.choice else {
            return None;
        };
        Some(Decided {
            value: exact,
            rule: &r.rref,
        })
    }

    /// 分档 scoring, where a rule gives it.
    pub fn tiers(&self) -> Option<Decided<'r, &'r super::method::Tiers>> {
        let r = self.first(17)?;
        let Choice::Tiers(t) = &r.choice else {
            return None;
        };
        Some(Decided {
            value: &**t,
            rule: &r.rref,
        })
    }

    /// 扣分 scoring, where a rule gives it.
    pub fn deduct(&self) -> Option<Decided<'r, &'r super::method::Deduct>> {
        let r = self.first(18)?;
        let Choice::Deduct(d) = &r.choice else {
            return None;
        };
        Some(Decided {
            value: &**d,
            rule: &r.rref,
        })
    }

    /// A completion floor, where a rule gives one.
    pub fn floor(&self) -> Option<Decided<'r, &'r super::method::Floor>> {
        let r = self.first(19)?;
        let Choice::Floor(f) = &r.choice else {
            return None;
        };
        Some(Decided {
            value: f,
            rule: &r.rref,
        })
    }

    /// Every veto whose `when:` holds.
    pub fn vetoes(&self) -> Vec<Decided<'r, &'r super::method::Veto>> {
        self.all(20)
            .filter_map(|r| match &r.choice {
                Choice::Veto(v) => Some(Decided {
                    value: &**v,
                    rule: &r.rref,
                }),
                _ => None,
            })
            .collect()
    }

    /// The rule that makes the indicator not applicable, if one does.
    pub fn not_applicable(&self) -> Option<&'r RuleRef> {
        self.first(12).map(|r| &r.rref)
    }

    /// The `require:` checks that do not hold (or cannot be compared).
    pub fn checks(&self) -> Vec<Hit<'r>> {
        self.checks_where(|_| true)
    }

    /// The `require:` checks that read the actual and do not hold (evaluation runs them).
    pub fn checks_on_actual(&self) -> Vec<Hit<'r>> {
        self.checks_where(|r| r.reads_actual)
    }

    fn checks_where(&self, keep: impl Fn(&Rule) -> bool) -> Vec<Hit<'r>> {
        let mut hits = Vec::new();
        for r in self.all(13).filter(|r| keep(r)) {
            let (
                Choice::Check {
                    require,
                    severity,
                    message,
                },
                Some(node),
            ) = (&r.choice, &r.require_node)
            else {
                continue;
            };
            let t = self.scope.truth(node);
            if matches!(t, Truth::False | Truth::Incomparable) {
                hits.push(Hit {
                    rule: &r.rref,
                    severity: *severity,
                    message: match message {
                        Some(m) => Cow::Borrowed(m.as_str()),
                        None => Cow::Owned(format!("不满足 {require}")),
                    },
                    incomparable: t == Truth::Incomparable,
                });
            }
        }
        hits
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
}
