//! The rule keys, one file each, registered once in [`ALL`] (as review checks are in
//! `review/checks/`). A key's file holds its name, the keys attached to it, the fields its
//! `when:` may read, how it turns a rule into a decision (`KeyInfo::decide`), the value it
//! decides (a [`KeyValue`]: how `jixiao rules list` shows it), the [`Applied`](super::Applied)
//! accessor evaluation asks, and its documentation (`jixiao rules explain KEY` prints the
//! file's `//!` lines).
//!
//! A key's kind — the index of its list of rules in a [`RuleSet`](super::RuleSet) — is its
//! position in [`ALL`], found by name at compile time ([`kind`]); no number is written by hand.
//! Adding a key: its file here, its line in `keys! { … }` (which declares the module and lists
//! it in [`ALL`]), and its field in [`RuleSpec`] (the file format; `rules/schema.json` is
//! regenerated from it, and the keys a rule may write are serde's list of its fields).
//!
//! Decided here where nothing else says: when two decision keys are written in one rule, the
//! first written is named in the error; an attached key is reported against the first key of
//! [`ALL`] it belongs to.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use super::error::RuleError;
use super::expr::Field;
use super::model::RuleSpec;
use super::set::Partial;

/// Declares each key's module and lists it in [`ALL`]: a key's one registry line.
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        $(pub mod $key;)*
        /// Every decision key, in the order a rule's keys are listed (and an attached key's
        /// error names its main key). A key's kind is its position here.
        pub const ALL: &[KeyInfo] = &[$($key::KEY),*];
    };
}

keys! {
    direction,
    category,
    subcategory,
    tolerance,
    convert,
    category_weight,
    indicator_weight,
    budget_weight,
    formula,
    grade,
    band,
    precision,
    grade_on,
    tiers,
    deduct,
    floor,
    bonus,
    other_row,
    veto,
    cap,
    not_applicable,
    check,
    review_switch,
}

/// How many kinds of decision there are.
pub const KINDS: usize = ALL.len();

/// The kind (position in [`ALL`]) of the key named `name`; a name not registered fails the
/// build where it is asked for.
pub const fn kind(name: &str) -> usize {
    let mut i = 0;
    while i < ALL.len() {
        if str_eq(ALL[i].name, name) {
            return i;
        }
        i += 1;
    }
    panic!("a rule key asked for by name is registered in rules::keys::ALL")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The registered key named `name`.
pub fn info(name: &str) -> Option<&'static KeyInfo> {
    ALL.iter().find(|k| k.name == name)
}

/// A key attached to a decision key (`bare_op` to `direction`): its name and whether a rule
/// writes it.
pub type Attached = (&'static str, fn(&RuleSpec) -> bool);

/// One decision key.
pub struct KeyInfo {
    /// Its name in a rule file (`direction`).
    pub name: &'static str,
    /// Whether a rule writes it.
    pub present: fn(&RuleSpec) -> bool,
    /// The keys that may only stand beside it.
    pub attached: &'static [Attached],
    /// The fields its `when:` can read, where fewer than all, and why (a condition on any other
    /// field would never hold: `rules check` rejects it).
    pub when_fields: Option<(&'static [Field], &'static str)>,
    /// The rule's decision (errors point at the key).
    pub(in crate::rules) decide: fn(&Partial) -> Result<Choice, Box<RuleError>>,
    /// The project grade its decision names (`veto`, `cap`): `rules check` rejects one that no
    /// `band` names (it could never be compared with the project's grade).
    pub names_grade: Option<fn(&Choice) -> Option<&str>>,
    /// The key file's documentation (its `//!` lines are what `rules explain` prints).
    pub doc: &'static str,
}

impl KeyInfo {
    /// The documentation `jixiao rules explain` prints: the file's `//!` lines.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines().take_while(|l| l.starts_with("//!")) {
            out.push_str(line.trim_start_matches("//!").trim_start());
            out.push('\n');
        }
        out
    }
}

/// The value a key decides: shown by `jixiao rules list` (Chinese first, the key beside it).
pub trait KeyValue: Any + fmt::Debug + fmt::Display + Send + Sync {}

impl<T: Any + fmt::Debug + fmt::Display + Send + Sync> KeyValue for T {}

/// What a rule decides: the key's kind and its value.
#[derive(Debug, Clone)]
pub struct Choice {
    kind: Option<usize>,
    value: Arc<dyn KeyValue>,
}

impl Choice {
    /// The decision of the key of kind `kind`.
    pub fn new(kind: usize, value: impl KeyValue) -> Self {
        Choice {
            kind: Some(kind),
            value: Arc::new(value),
        }
    }

    /// A disabled rule that decides nothing (or a key whose value was reported as an error).
    pub fn nothing() -> Self {
        Choice {
            kind: None,
            value: Arc::new(Nothing),
        }
    }

    /// The kind of its key (none for [`Choice::nothing`]).
    pub fn kind(&self) -> Option<usize> {
        self.kind
    }

    /// The name of its key.
    pub fn key(&self) -> Option<&'static str> {
        self.kind.map(|k| ALL[k].name)
    }

    /// Its value, where it is a `T`.
    pub fn get<T: KeyValue>(&self) -> Option<&T> {
        let any: &dyn Any = &*self.value;
        any.downcast_ref()
    }
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// What a disabled rule without a decision decides.
#[derive(Debug, Clone, Copy)]
pub struct Nothing;

impl fmt::Display for Nothing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("-")
    }
}

/// `10%` of a fraction (0.1).
pub(crate) fn pct(d: rust_decimal::Decimal) -> String {
    format!("{}%", (d * rust_decimal::Decimal::ONE_HUNDRED).normalize())
}

/// The `when_fields` of a key that holds for the whole evaluation (no `when:`).
pub const WHOLE_EVALUATION: Option<(&[Field], &str)> =
    Some((&[], "它对整个评价适用，不因指标或项目而变"));

/// The `when_fields` of a key that classifies an indicator (`category`, `subcategory`): a
/// category is inferred knowing only the indicator's name and the categories it already has.
pub const CLASSIFYING: Option<(&[Field], &str)> = Some((
    &[Field::Indicator, Field::Category, Field::Subcategory],
    "推断类别时只知道指标名称和已有的类别",
));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::model::RULE_KEYS;

    /// The keys a rule file may write are the registered keys, their attached keys, and the
    /// keys every rule has: nothing registered is unreadable, nothing readable unregistered.
    #[test]
    fn registry_and_file_format_agree() {
        let general = ["id", "description", "when", "disable"];
        let mut from_registry: Vec<&str> = general.to_vec();
        for k in ALL {
            from_registry.push(k.name);
            from_registry.extend(k.attached.iter().map(|(a, _)| *a));
        }
        from_registry.sort();
        from_registry.dedup();
        let mut known = RULE_KEYS.to_vec();
        known.sort();
        assert_eq!(from_registry, known);
    }

    #[test]
    fn every_key_has_its_kind_and_its_doc() {
        for (i, k) in ALL.iter().enumerate() {
            assert_eq!(kind(k.name), i, "{}", k.name);
            assert!(
                k.explain().starts_with(&format!("`{}", k.name)),
                "the doc of `{}` opens with the key",
                k.name
            );
        }
    }
}
