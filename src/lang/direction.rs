//! Which way an indicator is better, for targets that write a bare value (`95%`, `4秒`, `0起`).
//!
//! The parser asks a [`Directions`] source and records the id of the rule that answered in
//! `op_from`. The answers live in the rules layer (`rules/direction.yaml`, through
//! [`crate::rules::RuleSet`]); this module only fixes the question and the shape of the answer,
//! and keeps answers already given ([`Memo`]).
//!
//! Decided here: a source says what its answers read ([`Directions::reads`]; everything unless
//! it says less), and a [`Memo`] keys an answer by exactly those parts of the question — the
//! indicator's name, category and subcategory, the bare value (its exact decimal, scale
//! included) and its unit — so two questions share an answer only where the source could not
//! tell them apart. A memo is one reader's (not shared between threads) and is emptied when
//! full.

use std::borrow::Cow;
use std::cell::RefCell;

use super::ast::{Direction, Op, Quantity};

/// What the parser knows about the indicator when it asks for a direction.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject<'a> {
    pub indicator: Option<&'a str>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
}

/// A decided direction, the operator a bare value takes, and the id of the rule that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub direction: Direction,
    pub op: Op,
    pub rule: Cow<'static, str>,
}

impl Decision {
    /// A decision whose bare operator is the direction's own (`>=` or `<=`).
    pub fn new(direction: Direction, rule: Cow<'static, str>) -> Self {
        Decision {
            direction,
            op: direction.bare_op(),
            rule,
        }
    }
}

/// The parts of a question a source's answers depend on: two questions equal in these get
/// the same answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    pub indicator: bool,
    pub category: bool,
    pub subcategory: bool,
    /// The bare value (as an exact decimal).
    pub value: bool,
    /// The bare value's unit.
    pub unit: bool,
}

impl Reads {
    /// Every part of the question.
    pub const ALL: Reads = Reads {
        indicator: true,
        category: true,
        subcategory: true,
        value: true,
        unit: true,
    };
    /// None: the same answer for every question.
    pub const NOTHING: Reads = Reads {
        indicator: false,
        category: false,
        subcategory: false,
        value: false,
        unit: false,
    };
}

/// A source of directions for bare values.
pub trait Directions {
    fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision;

    /// What [`decide`](Directions::decide)'s answers depend on, so that a caller may reuse an
    /// answer ([`Memo`]). Everything unless a source says less; a source that says less than
    /// it reads makes memos answer wrongly.
    fn reads(&self) -> Reads {
        Reads::ALL
    }
}

/// A source that answers one direction for everything (tests, literals inside rule files).
#[derive(Debug, Clone, Copy)]
pub struct Always(pub Direction, pub &'static str);

impl Directions for Always {
    fn decide(&self, _: Subject<'_>, _: &Quantity) -> Decision {
        Decision::new(self.0, Cow::Borrowed(self.1))
    }

    fn reads(&self) -> Reads {
        Reads::NOTHING
    }
}

/// A source's answers kept by what they read ([`Directions::reads`]): tables and lists of
/// targets ask the same question again and again (`群众满意度` `95%`), and the bundled rules
/// answer one with regular expressions over the name (some 2 k instructions). One reader's;
/// emptied when it holds [`Memo::CAPACITY`] answers.
///
/// A question is hashed as its parts are and compared with the key kept in place: a question
/// answered before writes no key (only a new answer keeps one).
pub struct Memo<'d> {
    inner: &'d dyn Directions,
    reads: Reads,
    /// Answers by the hash of their question, each with its question's key (`Question::key`)
    /// to compare: two questions of one hash (rare with 64 bits) cannot both stay, the later
    /// replaces the earlier (an answer forgotten, as a memo may).
    answers: RefCell<HashMap<u64, Kept>>,
}

/// An answer kept: its question's key and the decision.
type Kept = (Box<[u8]>, Decision);

/// A map by a hash already worked out: one multiply spreads the bits hashbrown reads.
type HashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Spread>>;

/// The hasher of [`HashMap`]: keys are hashes already.
#[derive(Default)]
struct Spread(u64);

impl std::hash::Hasher for Spread {
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

impl<'d> Memo<'d> {
    /// The most answers kept before the memo starts over.
    pub const CAPACITY: usize = 1 << 14;

    pub fn new(inner: &'d dyn Directions) -> Self {
        Memo {
            inner,
            reads: inner.reads(),
            answers: RefCell::default(),
        }
    }
}

/// The parts of a question a memo reads: the texts (a part not read is left out, a missing
/// text told apart from an empty one) and the value's exact bytes where it is read.
struct Question<'q> {
    texts: [Option<Option<&'q str>>; 4],
    value: Option<[u8; 16]>,
}

impl<'q> Question<'q> {
    fn new(r: Reads, subject: &Subject<'q>, quantity: &'q Quantity) -> Self {
        Question {
            texts: [
                r.indicator.then_some(subject.indicator),
                r.category.then_some(subject.category),
                r.subcategory.then_some(subject.subcategory),
                r.unit.then(|| quantity.unit.as_ref().map(|u| u.as_str())),
            ],
            value: r.value.then(|| quantity.value.serialize()),
        }
    }

    /// The hash of the key [`Question::key`] writes, worked out from the parts.
    fn hash(&self) -> u64 {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        for t in self.texts.iter().flatten() {
            match t {
                None => h.write_u8(0),
                Some(t) => {
                    h.write_u64(t.len() as u64);
                    h.write(t.as_bytes());
                }
            }
        }
        if let Some(v) = &self.value {
            h.write(v);
        }
        h.finish()
    }

    /// The key kept with an answer: each text read as a mark (0: none, 1: one), its length
    /// and its bytes (so that no two lists of parts give the same key), then the value's bytes.
    fn key(&self) -> Box<[u8]> {
        let mut key = Vec::with_capacity(64);
        for t in self.texts.iter().flatten() {
            match t {
                None => key.push(0),
                Some(t) => {
                    key.push(1);
                    key.extend_from_slice(&(t.len() as u64).to_le_bytes());
                    key.extend_from_slice(t.as_bytes());
                }
            }
        }
        if let Some(v) = &self.value {
            key.extend_from_slice(v);
        }
        key.into_boxed_slice()
    }

    /// Whether `key` is this question's key ([`Question::key`]), compared part by part.
    fn is_key(&self, mut key: &[u8]) -> bool {
        for t in self.texts.iter().flatten() {
            let Some((&mark, rest)) = key.split_first() else {
                return false;
            };
            key = match t {
                None if mark == 0 => rest,
                Some(t) if mark == 1 => {
                    let Some((len, rest)) = rest.split_first_chunk::<8>() else {
                        return false;
                    };
                    if u64::from_le_bytes(*len) != t.len() as u64 {
                        return false;
                    }
                    match rest.split_at_checked(t.len()) {
                        Some((bytes, rest)) if same_bytes(bytes, t.as_bytes()) => rest,
                        _ => return false,
                    }
                }
                _ => return false,
            };
        }
        match &self.value {
            Some(v) => key == v,
            None => key.is_empty(),
        }
    }
}

/// Whether `a` and `b` hold the same bytes, where the two are of the same length (the memos'
/// keys compare a length first): up to 32 bytes by overlapping loads that cover every byte
/// (no call; an indicator's name, a category, a target are mostly that short), longer ones by
/// the library's compare.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let half = |s: &[u8], i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[i..i + 4]);
        u32::from_le_bytes(w)
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

impl Directions for Memo<'_> {
    fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision {
        let question = Question::new(self.reads, &subject, quantity);
        let hash = question.hash();
        let mut answers = self.answers.borrow_mut();
        if let Some((key, d)) = answers.get(&hash)
            && question.is_key(key)
        {
            return d.clone();
        }
        let d = self.inner.decide(subject, quantity);
        if answers.len() >= Self::CAPACITY {
            answers.clear();
        }
        answers.insert(hash, (question.key(), d.clone()));
        d
    }

    fn reads(&self) -> Reads {
        self.reads
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Unit;
    use crate::rules::{RuleSet, RuleSource};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn q(value: &str, unit: Option<&'static str>) -> Quantity {
        Quantity::new(
            Decimal::from_str(value).expect("a decimal"),
            unit.map(|u| Unit(Cow::Borrowed(u))),
        )
    }

    /// Questions that differ in one part each: names, categories, values (scale too), units.
    fn questions() -> Vec<(Subject<'static>, Quantity)> {
        let names = [
            None,
            Some("群众满意度"),
            Some("投诉率"),
            Some("响应及时率"),
            Some("安全事故"),
            Some("单价"),
        ];
        let cats = [None, Some("成本指标"), Some("效益指标")];
        let values = [
            ("0", Some("%")),
            ("95", Some("%")),
            ("95.0", Some("%")),
            ("30", Some("%")),
            ("4", Some("秒")),
            ("3", Some("起")),
            ("0", None),
            ("100", None),
        ];
        let mut out = Vec::new();
        for n in names {
            for c in cats {
                for s in cats {
                    for (v, u) in values {
                        let subject = Subject {
                            indicator: n,
                            category: c,
                            subcategory: s,
                        };
                        out.push((subject, q(v, u)));
                    }
                }
            }
        }
        out
    }

    /// Every question asked twice, through the memo and straight, in an order that repeats.
    fn memo_agrees(set: &RuleSet) -> usize {
        let memo = Memo::new(set);
        let qs = questions();
        let mut differ = std::collections::BTreeSet::new();
        for round in 0..3 {
            for i in 0..qs.len() {
                let (s, quantity) = if round == 1 {
                    &qs[qs.len() - 1 - i]
                } else {
                    &qs[i]
                };
                let want = set.decide(*s, quantity);
                assert_eq!(memo.decide(*s, quantity), want, "{s:?} {quantity:?}");
                differ.insert((want.rule.into_owned(), want.op.as_str()));
            }
        }
        differ.len()
    }

    /// The bundled rules through the memo answer as without it, for names, categories,
    /// values and units that each move a bundled rule.
    /// The memos' short compare answers as `==` on every pair of byte strings of up to 40
    /// bytes that differ in one byte (each position, each length) or not at all.
    #[test]
    fn same_bytes_is_equality() {
        let base: Vec<u8> = (0..40u8).map(|i| i.wrapping_mul(37) ^ 0x5a).collect();
        for n in 0..=40 {
            let a = &base[..n];
            assert!(same_bytes(a, a), "{n}");
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x80;
                assert!(!same_bytes(a, &b), "{n} {at}");
            }
            if n > 0 {
                assert!(!same_bytes(a, &base[..n - 1]), "{n}");
            }
        }
    }

    #[test]
    fn memo_answers_as_the_bundled_rules() {
        assert!(memo_agrees(RuleSet::bundled()) >= 5);
    }

    /// A user's direction rules reading each part of the question (the value, the unit, the
    /// category, the subcategory): the memo keys by what they read, so it never hands one
    /// question's answer to another the rules tell apart.
    #[test]
    fn memo_keys_by_what_custom_rules_read() {
        let cases = [
            (
                "target >= 50%",
                Reads {
                    value: true,
                    unit: true,
                    ..Reads::NOTHING
                },
                2,
            ),
            (
                "unit == \"秒\"",
                Reads {
                    unit: true,
                    ..Reads::NOTHING
                },
                2,
            ),
            (
                "category == \"效益指标\"",
                Reads {
                    category: true,
                    ..Reads::NOTHING
                },
                2,
            ),
            (
                "subcategory == \"效益指标\"",
                Reads {
                    subcategory: true,
                    ..Reads::NOTHING
                },
                2,
            ),
            (
                "indicator ~ \"率$\"",
                Reads {
                    indicator: true,
                    ..Reads::NOTHING
                },
                2,
            ),
            ("kind == \"compare\"", Reads::NOTHING, 1),
        ];
        for (when, reads, answers) in cases {
            let text = format!(
                "rules:\n  - id: user.direction\n    when: {when}\n    direction: lower\n  - id: user.rest\n    direction: higher\n"
            );
            let (set, _) = RuleSet::with_files(&[RuleSource::new("user.yaml", text)], false)
                .expect("the rule file loads");
            assert_eq!(set.reads(), reads, "{when}");
            assert_eq!(memo_agrees(&set), answers, "{when}");
        }
        // with the bundled rules under them, the memo still answers as the set does
        let (set, _) = RuleSet::with_files(
            &[RuleSource::new(
                "user.yaml",
                "rules:\n  - id: user.direction\n    when: target < 50% and subcategory == \"成本指标\"\n    direction: lower\n",
            )],
            true,
        )
        .expect("the rule file loads");
        assert!(memo_agrees(&set) >= 5);
    }

    /// A source that says it reads nothing is asked once; one that reads everything once per
    /// distinct question.
    #[test]
    fn memo_asks_once_per_distinct_question() {
        struct Count(std::cell::Cell<usize>, Reads);
        impl Directions for Count {
            fn decide(&self, _: Subject<'_>, _: &Quantity) -> Decision {
                self.0.set(self.0.get() + 1);
                Decision::new(Direction::Higher, Cow::Borrowed("count"))
            }
            fn reads(&self) -> Reads {
                self.1
            }
        }
        let qs = questions();
        for (reads, want) in [(Reads::NOTHING, 1), (Reads::ALL, qs.len())] {
            let source = Count(std::cell::Cell::new(0), reads);
            let memo = Memo::new(&source);
            for _ in 0..2 {
                for (s, quantity) in &qs {
                    memo.decide(*s, quantity);
                }
            }
            assert_eq!(source.0.get(), want);
        }
    }
}
