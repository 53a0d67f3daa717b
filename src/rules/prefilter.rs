//! The rules worth trying for one indicator, found without trying them all (issue 27: every
//! rule's `when:` was tried on every row, so 20,000 rules against 2,000 indicators took 258 s).
//!
//! Each enabled rule's `when:` gives a *need*: keys one of which the indicator's facts must
//! have for the condition to hold at all —
//! - `field ~ "pattern"`: the literals every match of the pattern holds (its prefixes, else its
//!   suffixes, as the regex engine's own literal extractor finds them: `满意度` of `满意度|满意率`
//!   is not one, `满意` of both is), a text that holds none of them cannot match;
//! - `field contains "x"`: `x`; `field == "x"`: the field's trimmed text being `x`;
//! - `a and b`: the need of one of them, the one whose keys the fewest rules of the kind share
//!   (`category == "产出指标" and indicator contains "…"`: the literal), ties to an exact value,
//!   else the longest literals;
//!   `a or b`: the needs of both together; `not a`, comparisons of quantities, `field` alone:
//!   none (the rule is always tried); `false`: never.
//!
//! A row's texts are searched once for every literal of every rule (one Aho-Corasick automaton a
//! field) and looked up once for every exact value (a map a field); the rules whose keys are
//! found, with those that need none, are tried in priority order as before. The prefilter only
//! ever leaves out a rule whose `when:` cannot be true, so no decision changes (a test compares
//! it with trying every rule on random rules and rows).
//!
//! Decided here where the issue is silent:
//! - a kind (`direction`, `category`, …) of fewer than [`MIN_RULES`] enabled rules is tried
//!   rule by rule, as before: the bundled files have at most a dozen rules of a kind, and their
//!   rows pay nothing for the prefilter;
//! - a pattern of more than [`MAX_LITERALS`] literals has them cut to their first (or last)
//!   bytes until they are no more (`[a-z]{3}` needs one of 26 letters); a pattern still of more
//!   (`(?i)[a-z]`), or a rule of more than [`MAX_KEYS`] keys, is always tried (the automaton
//!   stays small; the limits below bound what they cost);
//! - the rules the prefilter can never leave out ([`always_tried`]: `not …`, comparisons of
//!   quantities, patterns of no literals, rules without `when:`) are tried on every row, so
//!   their number is the cost of a row: past [`crate::limits::UNFILTERED_RULES`] of them in a
//!   set (every kind, the bundled rules' too: counted at load, `rules.too-many-unfiltered`
//!   at the first such rule's line) the set is refused before any row is read;
//! - past [`crate::limits::RULE_TRIES`] rules tried for one indicator, the set stops trying and
//!   records the indicator ([`super::RuleSet::overrun`]); a run that asked it ends with the
//!   named limit error (`rules.too-many-tries`), never a silent skip.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use rustc_hash::FxHashMap;

use super::conditions::{Matchers, Node, Scope};
use super::expr::Field;

/// Enabled rules of one kind from which on they are prefiltered.
pub(crate) const MIN_RULES: usize = 32;

/// Literals of one pattern past which they are cut shorter ([`literals`]); a pattern whose
/// literals of one byte are still more is always tried.
pub(crate) const MAX_LITERALS: usize = 32;

/// Keys of one rule past which it is always tried.
pub(crate) const MAX_KEYS: usize = 64;

/// What a rule's facts must have for its `when:` to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// Nothing known: always tried.
    Any,
    /// The condition can never be true.
    Never,
    /// One of these keys.
    OneOf(Vec<Key>),
}

/// A key a row's facts have or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// The field's text holds these bytes.
    Contains(Field, Box<[u8]>),
    /// The field's trimmed text is this.
    Exact(Field, Box<str>),
}

impl Key {
    /// How selective the key is thought to be: an exact value first, then longer literals.
    fn strength(&self) -> usize {
        match self {
            Key::Exact(..) => usize::MAX,
            Key::Contains(_, b) => b.len(),
        }
    }
}

/// Characters of one class the literal extractor spells out (`[a-z]`: 26); past it a class
/// makes the pattern's literals unknown.
const CLASS_CHARS: usize = 128;

/// The literals each match of `pattern` holds (its prefixes, else its suffixes): `None` where
/// there is no such finite set, or a match may be empty. A set of more than [`MAX_LITERALS`]
/// (`[a-z]{3}`: 17,576) is cut to each literal's first (last) few bytes, down to one, while
/// it is larger: every match still holds one of the shorter ones (`[a-z]{3}`: one of the 26
/// letters, which a text in Chinese lacks).
fn literals(pattern: &str) -> Option<Vec<Box<[u8]>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let suffix = matches!(kind, ExtractKind::Suffix);
        let Some(lits) = side_literals(&hir, kind) else {
            continue;
        };
        let longest = lits.iter().map(|l| l.as_bytes().len()).max().unwrap_or(0);
        for keep in (1..=longest).rev() {
            let cut: std::collections::BTreeSet<&[u8]> = lits
                .iter()
                .map(|l| {
                    let b = l.as_bytes();
                    match (b.len() > keep, suffix) {
                        (false, _) => b,
                        (true, false) => &b[..keep],
                        (true, true) => &b[b.len() - keep..],
                    }
                })
                .collect();
            if cut.len() <= MAX_LITERALS {
                return Some(cut.into_iter().map(Box::from).collect());
            }
        }
    }
    None
}

/// The literals every match of `hir` begins (`Prefix`) or ends (`Suffix`) with, as the regex
/// engine's literal extractor spells them (a class of up to `CLASS_CHARS` characters spelled
/// out): `None` where they are no finite set, where there are none (a pattern that matches
/// nothing: left to the regex, a rare case, and trying it is always right) or where one is
/// empty (a match may be empty). Shared with `super::gate`.
pub(super) fn side_literals(
    hir: &regex_syntax::hir::Hir,
    kind: ExtractKind,
) -> Option<Vec<regex_syntax::hir::literal::Literal>> {
    let seq = Extractor::new()
        .kind(kind)
        .limit_class(CLASS_CHARS)
        .extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.to_vec())
}

/// The need of a compiled condition.
fn need(node: &Node, matchers: &Matchers) -> Need {
    match node {
        Node::Const(true) => Need::Any,
        Node::Const(false) => Need::Never,
        Node::Not(_) | Node::Present(_) | Node::TextFields(..) | Node::Qty { .. } => Need::Any,
        Node::TextEq { field, value } => {
            Need::OneOf(vec![Key::Exact(*field, value.as_str().into())])
        }
        Node::Contains { value, .. } if value.is_empty() => Need::Any,
        Node::Contains { field, value } => {
            Need::OneOf(vec![Key::Contains(*field, value.as_bytes().into())])
        }
        Node::Regex { field, index } => match literals(matchers.pattern(*field, *index)) {
            Some(lits) => Need::OneOf(lits.into_iter().map(|l| Key::Contains(*field, l)).collect()),
            None => Need::Any,
        },
        Node::And(v) => {
            let mut best: Option<Vec<Key>> = None;
            for n in v {
                match need(n, matchers) {
                    Need::Never => return Need::Never,
                    Need::Any => {}
                    Need::OneOf(keys) => {
                        let weakest = |k: &[Key]| k.iter().map(Key::strength).min().unwrap_or(0);
                        if best.as_ref().is_none_or(|b| weakest(&keys) > weakest(b)) {
                            best = Some(keys);
                        }
                    }
                }
            }
            best.map_or(Need::Any, Need::OneOf)
        }
        Node::Or(v) => {
            let mut all = Vec::new();
            for n in v {
                match need(n, matchers) {
                    Need::Never => {}
                    Need::Any => return Need::Any,
                    Need::OneOf(keys) => all.extend(keys),
                }
            }
            if all.is_empty() {
                Need::Never
            } else {
                Need::OneOf(all)
            }
        }
    }
}

/// The needs a `when:` offers, any one of which must hold for it to: the conjuncts of an `and`
/// (nested ones flattened), each read by [`need`]; the whole where it is no `and`.
fn alternatives(node: &Node, matchers: &Matchers, out: &mut Vec<Need>) {
    match node {
        Node::And(v) => v.iter().for_each(|n| alternatives(n, matchers, out)),
        n => out.push(need(n, matchers)),
    }
}

/// Each of `rules`' needs (one kind's, `when` a rule's compiled `when:`): of the alternatives
/// its `and` offers, the one whose keys the fewest of these rules share, ties to the stronger
/// keys. `category == "产出指标" and indicator contains "…"` needs its literal, which one rule
/// has, not the category, which every such rule has and every 产出 row holds (each would be
/// tried on every such row, and 2,000 of them meet [`crate::limits::RULE_TRIES`]).
fn chosen_needs<'n>(
    rules: &[usize],
    when: &impl Fn(usize) -> Option<&'n Node>,
    matchers: &Matchers,
) -> Vec<Need> {
    let offered: Vec<Vec<Need>> = rules
        .iter()
        .map(|&i| {
            let mut alts = Vec::new();
            match when(i) {
                Some(n) => alternatives(n, matchers, &mut alts),
                None => alts.push(Need::Any),
            }
            alts
        })
        .collect();
    let mut shared: FxHashMap<&Key, usize> = FxHashMap::default();
    for alts in &offered {
        let mut seen = rustc_hash::FxHashSet::default();
        for keys in alts.iter().filter_map(Need::keys) {
            for k in keys.iter().filter(|k| seen.insert(*k)) {
                *shared.entry(k).or_default() += 1;
            }
        }
    }
    let weakest = |k: &[Key]| k.iter().map(Key::strength).min().unwrap_or(0);
    offered
        .iter()
        .map(|alts| {
            if alts.contains(&Need::Never) {
                return Need::Never;
            }
            alts.iter()
                .filter_map(Need::keys)
                .filter(|k| k.len() <= MAX_KEYS)
                .min_by_key(|k| {
                    let rules: usize = k
                        .iter()
                        .map(|key| shared.get(key).copied().unwrap_or(0))
                        .sum();
                    (rules, std::cmp::Reverse(weakest(k)))
                })
                .map_or(Need::Any, |k| Need::OneOf(k.to_vec()))
        })
        .collect()
}

impl Need {
    /// The keys of a need of some.
    fn keys(&self) -> Option<&[Key]> {
        match self {
            Need::OneOf(k) => Some(k),
            _ => None,
        }
    }
}

/// Whether the prefilter can never leave a rule of this `when:` out (none: every row tries
/// it): a `when:` of no key any row's texts must have (`not …`, a comparison of quantities, a
/// pattern of no known literals, no `when:` at all), or whose leaves on the actual hold such a
/// one (the conditions on the actual are tried on every row: [`super::ActualConditions`]).
pub(crate) fn always_tried(when: Option<&Node>, matchers: &Matchers) -> bool {
    let Some(node) = when else {
        return true;
    };
    match need(node, matchers) {
        Need::Never => return false,
        Need::Any => return true,
        Need::OneOf(keys) if keys.len() > MAX_KEYS => return true,
        Need::OneOf(_) => {}
    }
    let mut leaves = Vec::new();
    node.actual_leaves(&mut leaves);
    leaves
        .iter()
        .any(|leaf| matches!(need(leaf, matchers), Need::Any))
}

/// One field's literals and each one's key, as gathered.
type FieldLiterals = (Vec<Box<[u8]>>, Vec<u32>);

/// The index of the rules of the kinds that have many: which to try for a row's facts.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    /// Per kind: whether its rules are prefiltered.
    on: Vec<bool>,
    /// Per kind: its rules tried whatever the facts (indices into the set's rules, ascending).
    always: Vec<Vec<u32>>,
    /// Per rule (index into the set's rules): its kind, for the prefiltered ones.
    kind_of: Vec<u16>,
    /// Per field with literals: one automaton of them all, and each pattern's key.
    literals: Vec<(Field, AhoCorasick, Vec<u32>)>,
    /// Per field with exact values: each value's key.
    exact: Vec<(Field, FxHashMap<Box<str>, u32>)>,
    /// Per key: the rules that need it (ascending).
    rules_of: Vec<Vec<u32>>,
}

impl Prefilter {
    /// The prefilter of the kinds of at least `min` rules (`by_kind`: each kind's enabled rules
    /// in priority order, `when`: a rule's compiled `when:`); `None` where there is none.
    pub(crate) fn build<'n>(
        by_kind: &[Vec<usize>],
        rules: usize,
        when: impl Fn(usize) -> Option<&'n Node>,
        matchers: &Matchers,
        min: usize,
    ) -> Option<Prefilter> {
        let on: Vec<bool> = by_kind.iter().map(|k| k.len() >= min).collect();
        if !on.contains(&true) {
            return None;
        }
        let mut always = vec![Vec::new(); by_kind.len()];
        let mut kind_of = vec![u16::MAX; rules];
        let mut ids: FxHashMap<Key, u32> = FxHashMap::default();
        let mut rules_of: Vec<Vec<u32>> = Vec::new();
        for (kind, list) in by_kind.iter().enumerate().filter(|(k, _)| on[*k]) {
            for (&i, need) in list.iter().zip(chosen_needs(list, &when, matchers)) {
                kind_of[i] = kind as u16;
                match need {
                    Need::Never => {}
                    Need::OneOf(keys) if keys.len() <= MAX_KEYS => {
                        for key in keys {
                            let next = ids.len() as u32;
                            let id = *ids.entry(key).or_insert(next);
                            if id as usize == rules_of.len() {
                                rules_of.push(Vec::new());
                            }
                            let list = &mut rules_of[id as usize];
                            if list.last() != Some(&(i as u32)) {
                                list.push(i as u32);
                            }
                        }
                    }
                    Need::OneOf(_) | Need::Any => always[kind].push(i as u32),
                }
            }
        }
        for list in &mut rules_of {
            list.sort_unstable();
            list.dedup();
        }
        let mut by_field: FxHashMap<Field, FieldLiterals> = FxHashMap::default();
        let mut exact: FxHashMap<Field, FxHashMap<Box<str>, u32>> = FxHashMap::default();
        for (key, id) in ids {
            match key {
                Key::Contains(f, lit) => {
                    let (lits, keys) = by_field.entry(f).or_default();
                    lits.push(lit);
                    keys.push(id);
                }
                Key::Exact(f, value) => {
                    exact.entry(f).or_default().insert(value, id);
                }
            }
        }
        let mut literals = Vec::new();
        for (field, (lits, keys)) in by_field {
            // an automaton that cannot be built leaves its rules always tried
            match AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&lits)
            {
                Ok(ac) => literals.push((field, ac, keys)),
                Err(_) => {
                    for id in keys {
                        for &i in &rules_of[id as usize] {
                            always[kind_of[i as usize] as usize].push(i);
                        }
                        rules_of[id as usize].clear();
                    }
                }
            }
        }
        for list in &mut always {
            list.sort_unstable();
            list.dedup();
        }
        literals.sort_by_key(|(f, ..)| f.index());
        let mut exact: Vec<_> = exact.into_iter().collect();
        exact.sort_by_key(|(f, _)| f.index());
        Some(Prefilter {
            on,
            always,
            kind_of,
            literals,
            exact,
            rules_of,
        })
    }

    /// Whether the rules of `kind` are prefiltered.
    pub(crate) fn on(&self, kind: usize) -> bool {
        self.on[kind]
    }

    /// The rules (of every prefiltered kind) whose keys the facts of `scope` have, ascending.
    pub(crate) fn hits(&self, scope: &Scope<'_, '_>) -> Vec<u32> {
        let mut keys = Vec::new();
        for (field, ac, ids) in &self.literals {
            let text = scope.text(*field);
            if text.is_empty() {
                continue;
            }
            keys.extend(
                ac.find_overlapping_iter(text)
                    .map(|m| ids[m.pattern().as_usize()]),
            );
        }
        for (field, values) in &self.exact {
            if let Some(&id) = values.get(scope.text(*field).trim()) {
                keys.push(id);
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut rules: Vec<u32> = keys
            .iter()
            .flat_map(|&k| self.rules_of[k as usize].iter().copied())
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }

    /// The rules of `kind` to try for a row whose [`hits`](Prefilter::hits) are `hits`, in
    /// priority order.
    pub(crate) fn candidates<'a>(&'a self, kind: usize, hits: &'a [u32]) -> Candidates<'a> {
        Candidates {
            always: &self.always[kind],
            hits,
            kind_of: &self.kind_of,
            kind: kind as u16,
        }
    }
}

/// The rules of one kind to try for one row: those always tried and those the row's facts
/// have a key of, merged in priority order.
pub(crate) struct Candidates<'a> {
    always: &'a [u32],
    hits: &'a [u32],
    kind_of: &'a [u16],
    kind: u16,
}

impl Iterator for Candidates<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while let Some((&h, rest)) = self.hits.split_first() {
            if self.kind_of[h as usize] == self.kind {
                break;
            }
            self.hits = rest;
        }
        let take_always = match (self.always.first(), self.hits.first()) {
            (None, None) => return None,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(h)) => a < h,
        };
        let list = if take_always {
            &mut self.always
        } else {
            &mut self.hits
        };
        let (&first, rest) = list.split_first()?;
        *list = rest;
        Some(first as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Facts, RuleSet, RuleSource};

    /// A small deterministic generator (xorshift), so a failure names its seed.
    struct Gen(u64);

    impl Gen {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// Patterns of every shape the prefilter reads: literals, alternations, anchors, classes,
    /// optional and empty matches, case folding, repetitions past the extractor's limits.
    const PATTERNS: &[&str] = &[
        "满意",
        "满意度|满意率",
        "^完成",
        "率$",
        "(?i)ab",
        "[0-9]+",
        "x.*y",
        "a?",
        "时(延|长)",
        "\\d{2}天",
        "^$",
        "[a-c]{4}",
        "覆盖.?率",
        "(?:成本|费用)控制",
        "\\bok\\b",
        "[^x]",
        "[a-z]{3}",
        "[0-9]{3}天",
        "(?i)[a-z]{2}",
    ];
    const WORDS: &[&str] = &[
        "满意", "度", "率", "完成", "时延", "时长", "ab", "AB", "x", "y", "12", "天", "覆盖",
        "成本", "费用", "控制", "ok", " ", "aaca",
    ];
    const CATEGORIES: &[&str] = &["产出指标", "效益指标", "满意度指标", " 产出指标 ", ""];
    const TARGETS: &[&str] = &[
        "95%",
        "4秒",
        "12天",
        "正常开展",
        "≥90%",
        "[80, 90]%",
        "",
        "3",
    ];

    /// A random condition of depth at most `depth` over the fields `fields` may read.
    fn condition(g: &mut Gen, depth: usize, classifying: bool) -> String {
        let leaf = |g: &mut Gen| -> String {
            let field = if classifying {
                g.pick(&["indicator", "category", "subcategory"])
            } else {
                g.pick(&["indicator", "category", "target", "kind"])
            };
            match (field, g.below(5)) {
                ("kind", _) => format!(
                    "kind == \"{}\"",
                    g.pick(&["compare", "qualitative", "range"])
                ),
                ("target", 0) if !classifying => "target >= 90%".to_owned(),
                (f, 0) => format!("{f} contains \"{}\"", g.pick(WORDS)),
                (f, 1) => format!(
                    "{f} == \"{}\"",
                    g.pick(&["产出指标", "满意度", "完成率", ""])
                ),
                (f, 2) => f.to_owned(),
                (f, _) => format!("{f} ~ \"{}\"", g.pick(PATTERNS).replace('\\', "\\\\")),
            }
        };
        if depth == 0 {
            return leaf(g);
        }
        match g.below(7) {
            0 => format!(
                "({} and {})",
                condition(g, depth - 1, classifying),
                condition(g, depth - 1, classifying)
            ),
            1 => format!(
                "({} or {})",
                condition(g, depth - 1, classifying),
                condition(g, depth - 1, classifying)
            ),
            2 => format!("not {}", condition(g, depth - 1, classifying)),
            3 => g.pick(&["true", "false"]).to_owned(),
            _ => leaf(g),
        }
    }

    /// A rule file of `n` rules of four kinds, each with a random `when:` (some without).
    fn rules(g: &mut Gen, n: usize) -> String {
        let mut text = String::from("rules:\n");
        for i in 0..n {
            let (body, classifying) = match g.below(4) {
                0 => (
                    format!("direction: {}", g.pick(&["higher", "lower"])),
                    false,
                ),
                1 => (format!("category: c{i}"), true),
                2 => (
                    format!("require: target >= {}%\n    message: m{i}", g.below(100)),
                    false,
                ),
                _ => (
                    format!("not_applicable: {}", g.pick(&["true", "false"])),
                    false,
                ),
            };
            text.push_str(&format!("  - id: r{i}\n    {body}\n"));
            if g.below(8) != 0 {
                let when = condition(g, 3, classifying).replace('"', "\\\"");
                text.push_str(&format!("    when: \"{when}\"\n"));
            }
        }
        text
    }

    /// Every decision these accessors give for `facts`, as text.
    fn decisions(set: &RuleSet, facts: Facts<'_>) -> String {
        let on = set.apply(facts);
        format!(
            "{:?} | {:?} | {:?} | {:?}",
            on.direction().map(|d| (d.value, d.rule.id.clone())),
            on.category()
                .map(|d| (d.value.name.to_owned(), d.rule.id.clone())),
            on.not_applicable().map(|r| r.id.clone()),
            on.checks()
                .iter()
                .map(|h| (h.rule.id.clone(), h.incomparable))
                .collect::<Vec<_>>()
        )
    }

    /// The prefilter never changes a decision: random rule files (every kind prefiltered)
    /// against random rows decide as trying every rule does.
    #[test]
    fn the_prefilter_never_changes_a_decision() {
        let mut compared = 0;
        let mut left_out = 0;
        for seed in 1..=120u64 {
            let mut g = Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let n = 24 + g.below(40);
            let text = rules(&mut g, n);
            let set = match RuleSet::with_files(&[RuleSource::new("r.yaml", text.clone())], false) {
                Ok((set, _)) => set,
                Err(e) => panic!("seed {seed}: {e:?}\n{text}"),
            };
            let every = set.clone().prefiltered_from(usize::MAX);
            let filtered = set.prefiltered_from(1);
            let p = filtered.prefilter.as_ref().expect("every kind prefiltered");
            for _ in 0..60 {
                let words = 1 + g.below(4);
                let indicator: String = (0..words).map(|_| g.pick(WORDS)).collect();
                let category = g.pick(CATEGORIES);
                let target_text = g.pick(TARGETS);
                let target = filtered
                    .parse_target(target_text, Some(&indicator), Some(category), None, None)
                    .target;
                let facts = Facts {
                    indicator: Some(&indicator),
                    category: Some(category).filter(|c| !c.is_empty()),
                    subcategory: Some(g.pick(WORDS)),
                    target_text: Some(target_text),
                    target: Some(&target),
                    ..Facts::default()
                };
                assert_eq!(
                    decisions(&filtered, facts),
                    decisions(&every, facts),
                    "seed {seed}, {facts:?}\n{text}"
                );
                let hits = p.hits(&filtered.apply(facts).scope);
                let tried: usize = (0..crate::rules::keys::KINDS)
                    .map(|k| p.candidates(k, &hits).count())
                    .sum();
                left_out += filtered.rules().len() - tried;
                compared += 1;
            }
        }
        assert_eq!(compared, 120 * 60);
        // the comparison means something only where rules were left out
        assert!(
            left_out > compared,
            "{left_out} rules left out in {compared} rows"
        );
    }

    /// The truths of the conditions on the actual (the memo's key of a reading) are the same
    /// filtered as tried one by one: a leaf left out is one that is false.
    #[test]
    fn the_truths_of_the_conditions_on_the_actual_are_the_same_filtered() {
        const ACTUALS: &[&str] = &[
            "95%",
            "不适用",
            "满意度 98%",
            "12天",
            "x ok",
            "",
            "aaca",
            "AB",
        ];
        let mut filtered_any = 0;
        for seed in 1..=60u64 {
            let mut g = Gen(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
            let mut text = String::from("rules:\n");
            for i in 0..(MIN_RULES + g.below(30)) {
                let leaf = match g.below(5) {
                    0 => format!("actual contains \\\"{}\\\"", g.pick(WORDS)),
                    1 => format!("actual == \\\"{}\\\"", g.pick(ACTUALS)),
                    2 => "actual > 90%".to_owned(),
                    _ => format!(
                        "actual ~ \\\"{}\\\"",
                        g.pick(PATTERNS).replace('\\', "\\\\")
                    ),
                };
                let when = match g.below(3) {
                    0 => leaf,
                    1 => format!(
                        "{leaf} and indicator ~ \\\"{}\\\"",
                        g.pick(PATTERNS).replace('\\', "\\\\")
                    ),
                    _ => format!("not {leaf}"),
                };
                text.push_str(&format!(
                    "  - id: a{i}\n    when: \"{when}\"\n    not_applicable: {}\n",
                    g.pick(&["true", "false"])
                ));
            }
            let set = match RuleSet::with_files(&[RuleSource::new("a.yaml", text.clone())], false) {
                Ok((set, _)) => set,
                Err(e) => panic!("seed {seed}: {e:?}\n{text}"),
            };
            let filtered = set.actual_conditions();
            assert!(
                filtered.filter.is_some(),
                "seed {seed}: many leaves are filtered"
            );
            let mut every = filtered.clone();
            every.filter = None;
            for _ in 0..40 {
                let actual_text = g.pick(ACTUALS);
                let actual =
                    crate::lang::parse(actual_text, &crate::lang::Context::unruled()).target;
                let quantity = match &actual {
                    crate::lang::Target::Compare { quantity, .. } => Some(quantity.clone()),
                    _ => None,
                };
                let indicator: String = (0..2).map(|_| g.pick(WORDS)).collect();
                let facts = Facts {
                    indicator: Some(&indicator),
                    actual_text: Some(actual_text),
                    actual: quantity.as_ref(),
                    ..Facts::default()
                };
                for only in [None, Some(Field::Indicator)] {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    filtered.truths(&set, facts, only, &mut a);
                    every.truths(&set, facts, only, &mut b);
                    assert_eq!(a, b, "seed {seed}, {facts:?}\n{text}");
                }
                let f = filtered.filter.as_ref().expect("filter");
                let hits = f.hits(&set.apply(facts).scope);
                filtered_any += filtered.leaves_count() - f.candidates(0, &hits).count();
            }
        }
        assert!(filtered_any > 1000, "{filtered_any} leaves left out");
    }

    /// The needs the prefilter reads from patterns: literal prefixes or suffixes, none where a
    /// match may be empty or its literals are not a small set.
    #[test]
    fn a_patterns_literals_are_what_every_match_holds() {
        let lits = |p: &str| {
            literals(p).map(|v| {
                let mut v: Vec<String> = v
                    .iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect();
                v.sort();
                v
            })
        };
        assert_eq!(
            lits("满意度|满意率"),
            Some(vec!["满意度".into(), "满意率".into()])
        );
        assert_eq!(lits("^完成"), Some(vec!["完成".into()]));
        assert_eq!(lits(".*率$"), Some(vec!["率".into()]));
        assert_eq!(lits("x\\d+y"), Some(vec!["x".into()]));
        // more than MAX_LITERALS: cut to their first bytes (the 26 letters), or their last
        let letters: Vec<String> = ('a'..='z').map(String::from).collect();
        assert_eq!(lits("[a-z]{3}"), Some(letters.clone()));
        assert_eq!(lits("[a-z]{3}x{2,}"), Some(letters));
        assert_eq!(
            lits("[0-9]{4}年"),
            Some((0..10).map(|d| d.to_string()).collect())
        );
        assert_eq!(lits("\\d{2}天"), Some(vec!["天".into()]));
        // 52 letters of one byte are still too many
        assert_eq!(lits("(?i)[a-z]{2}"), None);
        assert_eq!(lits("a?"), None);
        assert_eq!(lits("\\w+"), None);
        assert_eq!(lits("("), None);
    }

    /// A file of `n` rules (`when:` from `when(i)`), each deciding `not_applicable`.
    fn file_of(n: usize, when: impl Fn(usize) -> String) -> String {
        let mut text = String::from("rules:\n");
        for i in 0..n {
            text.push_str(&format!(
                "  - id: r{i}\n    when: '{}'\n    not_applicable: true\n",
                when(i)
            ));
        }
        text
    }

    /// What the prefilter can never leave out: no key, or a leaf on the actual without one.
    #[test]
    fn the_rules_every_row_must_try_are_those_of_no_key() {
        let count = |when: &str| {
            let text = file_of(1, |_| when.to_owned());
            let (set, _) = RuleSet::with_files(&[RuleSource::new("r.yaml", text)], false)
                .unwrap_or_else(|e| panic!("{when}: {e:?}"));
            set.unfiltered().len()
        };
        for when in [
            "not indicator ~ \"x\"",
            "target > 1000%",
            "weight > 1000",
            "indicator ~ \"\\\\w+\"",
            "indicator ~ \"(?i)[a-z]{2}\"",
            "indicator ~ \"率\" or target > 5",
            "indicator contains \"率\" and actual > 5",
            "true",
        ] {
            assert_eq!(count(when), 1, "{when}");
        }
        for when in [
            "indicator ~ \"x\\\\d+y\"",
            "indicator ~ \"[a-z]{3}\"",
            "indicator contains \"率\" and target > 5",
            "category == \"产出指标\"",
            "actual ~ \"未完成\"",
            "false",
        ] {
            assert_eq!(count(when), 0, "{when}");
        }
    }

    /// Past the limit of rules every row must try, the set is refused at load, at the first
    /// such rule; rules a row's texts select never count, however many.
    #[test]
    fn a_set_of_more_rules_every_row_must_try_than_the_limit_is_refused_at_the_first() {
        let limit = crate::limits::UNFILTERED_RULES.get_usize();
        let load = |text: String| RuleSet::with_files(&[RuleSource::new("r.yaml", text)], false);
        // 5 rules of literals first, then limit + 1 that every row must try
        let text = file_of(limit + 6, |i| match i {
            0..5 => format!("indicator ~ \"x{i}y\""),
            _ => format!("not indicator ~ \"x{i}y\""),
        });
        let errors = load(text).expect_err("past the limit");
        assert_eq!(errors.len(), 1);
        let e = &errors[0].errors[..];
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].kind, crate::rules::RuleErrorKind::Unfiltered);
        assert_eq!(e[0].kind.code().as_str(), "rules.too-many-unfiltered");
        // the first such rule (r5) is on line 2 + 5 × 3 = 17: the span is its line
        let text = e[0].src.inner();
        let line = text[..e[0].span.start].matches('\n').count() + 1;
        assert_eq!(line, 17, "{}", &text[e[0].span.clone()]);
        assert_eq!(&text[e[0].span.clone()], "  - id: r5");
        assert!(
            e[0].message.contains(&format!("共有 {} 条规则", limit + 1)),
            "{}",
            e[0].message
        );
        assert!(e[0].message.contains("`r5`"), "{}", e[0].message);
        assert!(
            e[0].help
                .as_deref()
                .is_some_and(|h| h.contains("JIXIAO_MAX_UNFILTERED_RULES")),
            "{:?}",
            e[0].help
        );
        // at the limit: read
        assert!(load(file_of(limit, |i| format!("target > {i}%"))).is_ok());
        // rules of literals, many more, and as many of a class of letters: read
        assert!(load(file_of(limit * 3, |i| format!("indicator ~ \"x{i}y\""))).is_ok());
        assert!(
            load(file_of(limit * 3, |i| format!(
                "indicator ~ \"[a-z]{{3}}{i}\""
            )))
            .is_ok()
        );
    }

    /// The bundled rules stay far within the limit (a user's file has the rest of it).
    #[test]
    fn the_bundled_rules_every_row_must_try_are_few() {
        let n = RuleSet::bundled().unfiltered().len();
        assert!(n > 0, "some bundled rules have no when");
        assert!(
            n * 10 <= crate::limits::UNFILTERED_RULES.get_usize(),
            "{n} bundled rules every row must try"
        );
    }

    /// Of an `and`'s conjuncts, the key the fewest rules share is the one a rule needs: 2,100
    /// checks of one category and each its own literal are tried one at a time, not all on
    /// every row of the category (past the tries budget, the run would end).
    #[test]
    fn an_and_needs_the_key_the_fewest_rules_share() {
        let mut text = String::from("rules:\n");
        for i in 0..2_100 {
            text.push_str(&format!(
                "  - id: r{i}\n    when: 'category == \"产出指标\" and indicator contains \"指标{i}号\"'\n    require: target >= 100%\n"
            ));
        }
        let (set, _) = RuleSet::with_files(&[RuleSource::new("r.yaml", text)], false)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(set.unfiltered().is_empty());
        let target = set
            .parse_target("95%", Some("指标7号完成率"), Some("产出指标"), None, None)
            .target;
        let facts = Facts {
            indicator: Some("指标7号完成率"),
            category: Some("产出指标"),
            target_text: Some("95%"),
            target: Some(&target),
            ..Facts::default()
        };
        let fired: Vec<String> = set
            .apply(facts)
            .checks()
            .iter()
            .map(|h| h.rule.id.to_string())
            .collect();
        assert_eq!(fired, ["r7"]);
        assert!(set.overrun().is_none(), "{:?}", set.overrun());
        // the category alone keys a rule where it is all its `and` has
        let p = set.prefilter.as_ref().expect("prefiltered");
        let hits = p.hits(&set.apply(facts).scope);
        assert_eq!(hits.len(), 1);
    }
}
