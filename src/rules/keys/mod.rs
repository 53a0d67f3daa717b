//! The rule keys, one file each, registered once in [`ALL`] (as review checks are in
//! `review/checks/`). A key's file holds its name, its YAML fields and the keys attached to it
//! (`fields!`), the fields its `when:` may read, how it turns a rule into a decision
//! (`KeyInfo::decide`), the value it decides (a [`KeyValue`]: how `jixiao rules list` shows
//! it), the [`Applied`](super::Applied) accessor evaluation asks, and its documentation
//! (`jixiao rules explain KEY` prints the file's `//!` lines).
//!
//! A key's kind — the index of its list of rules in a [`RuleSet`](super::RuleSet) — is its
//! position in [`ALL`], found by name at compile time ([`kind`]); no number is written by hand.
//!
//! A key's file also declares the YAML fields a rule writes for it, with `fields! { … }`: its
//! own field (named as the key) first, then the keys attached to it, each with its type and
//! the doc line `rules/schema.json` shows; after `; compiled:`, values its
//! `KeyInfo::compile` reads from them as each file loads (a percentage, a condition). A
//! [`RuleSpec`] holds the fields every rule has (`id`, `description`, `when`, `disable`) and
//! the `Fields` of each key it writes; from the registry come the keys a rule may write (and
//! the nearest one suggested for a typo), the schema (the common fields' properties and each
//! key's), the merge of a later rule of the same id (field by field) and the check that an
//! attached key stands beside its own. A field two keys declare (`severity`, beside `require`
//! or `review`) is read into both and must be declared alike (a test holds it).
//!
//! # Adding a key
//! 1. Its file here, `keys/NAME.rs`: the `//!` doc (`rules explain NAME` prints it; it opens
//!    with `` `NAME` ``), `fields! { … }`, the `KEY: KeyInfo` (name, `FieldSet::of::<Fields>()`,
//!    `decide`, and where needed `compile`, `when_fields`, `names_grade`, `on_actuals`,
//!    `value_help`), its
//!    value's `Display` (what `rules list` shows) and the [`Applied`](super::Applied)
//!    accessor evaluation asks. Types of its own YAML shape and its compiled value live there.
//! 2. Its line in `keys! { … }` below.
//! 3. `JIXIAO_WRITE_SCHEMA=1 cargo test --test rules` writes `rules/schema.json` (generated, not
//!    written by hand); `rules::keys::tests` fail where a field is declared twice or not at all.
//!
//! `cap` is such a key, whole in `keys/cap.rs` (its `CapSpec`, `Cap`, reading, decision,
//! accessor): taking out its file and its line leaves the crate building but for the one
//! place evaluation asks `caps()` (what a cap does to a project's grade is evaluation's).
//!
//! Decided here where nothing else says: when two decision keys are written in one rule, the
//! first written is named in the error; an attached key is reported against the first key of
//! [`ALL`] it belongs to.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use super::error::RuleError;
use super::expr::Field;
use super::model::RuleSpec;
use super::set::{Compile, Partial};

/// Declares a key's YAML fields — its own (named as the key) first, then the keys attached to it,
/// each with the doc line `rules/schema.json` shows — as the key file's `Fields` (every field
/// optional), and after `; compiled:` the values its [`KeyInfo::compile`] reads from them when
/// the file loads (never read from YAML, never in the schema). The field names, the merge of a
/// later rule of the same id and "is this field written" come from the one list.
macro_rules! fields {
    (
        $( $(#[$m:meta])* $f:ident : $t:ty ),+ $(,)?
        $( ; compiled: $( $(#[$cm:meta])* $c:ident : $ct:ty ),+ $(,)? )?
    ) => {
        /// The YAML fields of this key (see `rules::keys::fields!`).
        #[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Fields {
            $( $(#[$m])* pub $f: Option<$t>, )+
            $($( $(#[$cm])* #[serde(skip)] pub(crate) $c: Option<$ct>, )+)?
        }

        impl $crate::rules::keys::KeyFields for Fields {
            const NAMES: &'static [&'static str] = &[$(stringify!($f)),+];
            fn merge(&mut self, new: Self) {
                $( if new.$f.is_some() { self.$f = new.$f; } )+
                $($( if new.$c.is_some() { self.$c = new.$c; } )+)?
            }
            fn has(&self, name: &str) -> bool {
                match name {
                    $( stringify!($f) => self.$f.is_some(), )+
                    _ => false,
                }
            }
        }
    };
}

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

/// A key file's `Fields` (declared with `fields!`): its YAML fields, typed.
pub trait KeyFields: Any + Clone + fmt::Debug + Default + DeserializeOwned + JsonSchema {
    /// Its field names as a rule writes them, the key's own first.
    const NAMES: &'static [&'static str];
    /// The fields `new` writes (and the values compiled from them) replace these.
    fn merge(&mut self, new: Self);
    /// Whether the field `name` is written (a value, not `null`).
    fn has(&self, name: &str) -> bool;
}

/// A key's [`KeyFields`] where its type is not known: what a [`RuleSpec`] holds for each key
/// a rule writes.
pub trait AnyFields: Any + fmt::Debug {
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    /// `new` (of the same key) merged over these ([`KeyFields::merge`]).
    fn merge_boxed(&mut self, new: Box<dyn AnyFields>);
    fn clone_boxed(&self) -> Box<dyn AnyFields>;
    fn has(&self, name: &str) -> bool;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T: KeyFields> AnyFields for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn merge_boxed(&mut self, new: Box<dyn AnyFields>) {
        if let Ok(new) = new.into_any().downcast::<T>() {
            self.merge(*new);
        }
    }
    fn clone_boxed(&self) -> Box<dyn AnyFields> {
        Box::new(self.clone())
    }
    fn has(&self, name: &str) -> bool {
        KeyFields::has(self, name)
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

/// A key's fields, their type erased: their names, how the loader reads them and their schema.
pub struct FieldSet {
    /// The field names, the key's own first ([`KeyFields::NAMES`]).
    pub names: &'static [&'static str],
    /// Read from a YAML mapping of some of them (the loader's [`read_fields`](super::loader::read_fields)).
    pub(in crate::rules) read: super::loader::ReadFields,
    /// Their JSON schema (an object whose properties are the fields).
    pub schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

impl FieldSet {
    /// The fields of `T`.
    pub const fn of<T: KeyFields>() -> FieldSet {
        FieldSet {
            names: T::NAMES,
            read: super::loader::read_fields::<T>,
            schema: T::json_schema,
        }
    }
}

/// What `rules check` says of a bad value of a key's field.
#[derive(Debug, Clone, Copy)]
pub enum ValueHelp {
    /// Its choices (the one nearest the value written suggested).
    Choices(&'static [&'static str]),
    /// A line on the shape of its value.
    Text(&'static str),
}

/// One decision key.
pub struct KeyInfo {
    /// Its name in a rule file (`direction`).
    pub name: &'static str,
    /// Its YAML fields: its own (named `name`) and the keys attached to it (that may only stand
    /// beside it), declared in its file with `fields!`.
    pub fields: FieldSet,
    /// Whether a rule decides it, where that is not "its field is written" (`review: false`
    /// decides nothing).
    pub present: Option<fn(&RuleSpec) -> bool>,
    /// The fields its `when:` can read, where fewer than all, and why (a condition on any other
    /// field would never hold: `rules check` rejects it).
    pub when_fields: Option<(&'static [Field], &'static str)>,
    /// Its values compiled as each file is read, before rules of one id merge (percentages,
    /// conditions, numbers checked): each bad one an error at its value in its own file.
    pub(in crate::rules) compile: Option<fn(&mut RuleSpec, &mut Compile<'_>)>,
    /// The rule's decision (errors point at the key).
    pub(in crate::rules) decide: fn(&Partial) -> Result<Choice, Box<RuleError>>,
    /// The project grade its decision names (`veto`, `cap`): `rules check` rejects one that no
    /// `band` names (it could never be compared with the project's grade).
    pub names_grade: Option<fn(&Choice) -> Option<&str>>,
    /// Evaluation asks it once an actual is read (`veto`, `cap`), whatever its `when:` reads.
    pub on_actuals: bool,
    /// What `rules check` says of a bad value of each of its fields, where not that it is a
    /// number (`` `band` 的值是一段文字 ``, or the choices of an enumerated field).
    pub value_help: &'static [(&'static str, ValueHelp)],
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

    /// The keys attached to it: its fields but its own.
    pub fn attached(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields
            .names
            .iter()
            .copied()
            .filter(|n| *n != self.name)
    }

    /// Whether `spec` decides it.
    pub fn present(&self, spec: &RuleSpec) -> bool {
        match self.present {
            Some(f) => f(spec),
            None => spec.has(self.name),
        }
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

    /// Each field a rule may write is declared in one place: a key's own field first in its
    /// file's `fields!` and in no other key's, no key redeclaring a common field, and an
    /// attached field that several keys declare (`severity`) of one schema in each (the
    /// published schema shows one).
    #[test]
    fn each_field_is_declared_once() {
        use crate::rules::model::Common;
        let mut generator = schemars::SchemaGenerator::default();
        let schemas: Vec<serde_json::Value> = ALL
            .iter()
            .map(|k| (k.fields.schema)(&mut generator).as_value()["properties"].clone())
            .collect();
        for (i, k) in ALL.iter().enumerate() {
            assert_eq!(
                k.fields.names.first(),
                Some(&k.name),
                "`{}` declares its own field first",
                k.name
            );
            for name in k.fields.names {
                assert!(
                    !Common::NAMES.contains(name),
                    "`{}` redeclares the common `{name}`",
                    k.name
                );
                assert!(
                    schemas[i].get(*name).is_some(),
                    "`{name}` of `{}` is in its fields' schema",
                    k.name
                );
                for (j, other) in ALL.iter().enumerate().filter(|(j, _)| *j != i) {
                    assert_ne!(
                        *name, other.name,
                        "`{}` declares `{name}`, the field of key `{}`",
                        k.name, other.name
                    );
                    if other.fields.names.contains(name) {
                        assert_eq!(
                            schemas[i][*name], schemas[j][*name],
                            "`{name}` is declared by `{}` and `{}` alike",
                            k.name, other.name
                        );
                    }
                }
            }
        }
    }

    /// The rule format's schema is assembled from the keys: its properties are the common
    /// fields and every key's declared fields, nothing else, and the keys a rule may write
    /// (unknown-key suggestions) are the same list, each once.
    #[test]
    fn schema_and_known_keys_are_the_declared_fields() {
        use crate::rules::model::{Common, RULE_KEYS, RuleSpec};
        let mut declared: Vec<&str> = Common::NAMES.to_vec();
        for k in ALL {
            declared.extend(k.fields.names);
        }
        declared.sort();
        declared.dedup();
        let mut generator = schemars::SchemaGenerator::default();
        let schema = <RuleSpec as schemars::JsonSchema>::json_schema(&mut generator);
        let mut properties: Vec<&str> = schema.as_value()["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        properties.sort();
        assert_eq!(properties, declared);
        let mut known = RULE_KEYS.to_vec();
        assert_eq!(known.len(), declared.len(), "each key once: {known:?}");
        known.sort();
        assert_eq!(known, declared);
    }

    /// A field two keys declare (`severity`, beside `require` or `review`) is read into both,
    /// and decides only with the key the rule writes; read by serde, an unknown key is refused.
    #[test]
    fn a_shared_field_is_read_by_each_key_that_declares_it() {
        use crate::rules::loader::read_yaml;
        use crate::rules::model::{RuleSpec, Severity};
        let spec: RuleSpec = read_yaml("id: x\nreview: true\nseverity: error\n").expect("reads");
        let review = spec
            .get::<review_switch::Fields>()
            .expect("review's fields");
        assert_eq!(review.severity, Some(Severity::Error));
        let check = spec.get::<check::Fields>().expect("require's fields");
        assert_eq!(check.severity, Some(Severity::Error));
        assert!(review_switch::KEY.present(&spec));
        assert!(!check::KEY.present(&spec));
        let off: RuleSpec = read_yaml("id: x\nreview: false\n").expect("reads");
        assert!(
            !review_switch::KEY.present(&off),
            "`review: false` decides nothing"
        );
        let (message, _) = read_yaml::<RuleSpec>("id: x\nreveiw: true\n").expect_err("unknown");
        assert!(message.contains("不认识的字段 `reveiw`"), "{message}");
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
