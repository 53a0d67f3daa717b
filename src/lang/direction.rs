//! Which way an indicator is better, for targets that write a bare value (`95%`, `4秒`, `0起`).
//!
//! The parser asks a [`Directions`] source and records the id of the rule that answered in
//! `op_from`. The answers live in the rules layer (`rules/direction.yaml`, through
//! [`crate::rules::RuleSet`]); this module only fixes the question and the shape of the answer.

use std::borrow::Cow;

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

/// A source of directions for bare values.
pub trait Directions {
    fn decide(&self, subject: Subject<'_>, quantity: &Quantity) -> Decision;
}

/// A source that answers one direction for everything (tests, literals inside rule files).
#[derive(Debug, Clone, Copy)]
pub struct Always(pub Direction, pub &'static str);

impl Directions for Always {
    fn decide(&self, _: Subject<'_>, _: &Quantity) -> Decision {
        Decision::new(self.0, Cow::Borrowed(self.1))
    }
}
