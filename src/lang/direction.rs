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

use rustc_hash::FxHashMap;

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
pub struct Memo<'d> {
    inner: &'d dyn Directions,
    reads: Reads,
    answers: RefCell<FxHashMap<Box<[u8]>, Decision>>,
    /// The key being built (reused: no allocation for a question answered before).
    key: RefCell<Vec<u8>>,
}

impl<'d> Memo<'d> {
    /// The most answers kept before the memo starts over.
    pub const CAPACITY: usize = 1 << 14;

    pub fn new(inner: &'d dyn Directions) -> Self {
        Memo {
            inner,
            reads: inner.reads(),
            answers: RefCell::default(),
            key: RefCell::new(Vec::with_capacity(64)),
        }
    }
}

/// `text` into `key`, told apart from a missing one and from its neighbours (a length first).
fn put_text(key: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => key.push(0),
        Some(t) => {
            key.push(1);
            key.extend_from_slice(&(t.len() as u64).to_le_bytes());
            key.extend_from_slice(t.as_bytes());
        }
    }
}

impl Directions for Memo<'_> {
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision {
        let r = self.reads;
        let mut key = self.key.borrow_mut();
        key.clear();
        if r.indicator {
            put_text(&mut key, subject.indicator);
        }
        if r.category {
            put_text(&mut key, subject.category);
        }
        if r.subcategory {
            put_text(&mut key, subject.subcategory);
        }
        if r.value {
            key.extend_from_slice(&quantity.value.serialize());
        }
        if r.unit {
            put_text(&mut key, quantity.unit.as_ref().map(|u| u.as_str()));
        }
        let mut answers = self.answers.borrow_mut();
        if let Some(d) = answers.get(key.as_slice()) {
            return d.clone();
        }
        let d = self.inner.decide(subject, quantity);
        if answers.len() >= Self::CAPACITY {
            answers.clear();
        }
        answers.insert(key.as_slice().into(), d.clone());
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
