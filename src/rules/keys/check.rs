//! `require: <condition>` — 检查：条件不成立的地方给出一条发现（代码是规则的 id）。
//!
//! 附带键：`severity`（error | warning | info，默认 warning）、`message`（发现的说明）。读
//! `actual` 的检查在 `jixiao evaluate` 里运行，其余在 `jixiao review` 里。无法比较（单位量纲不同）
//! 也报出，从不悄悄通过。

use std::borrow::Cow;
use std::fmt;

use super::{ValueHelp, Choice, KeyInfo};
use crate::rules::conditions::Truth;
use crate::rules::error::RuleError;
use crate::rules::model::Severity;
use crate::rules::set::{Applied, Hit, Partial, Rule};

fields! {
    /// A check: a finding (code = id) wherever this does not hold: `target >= 90%`.
    require: String,
    /// With `require` or `review`: error | warning | info (default warning).
    severity: crate::rules::model::Severity,
    /// With `require`: the finding's message.
    message: String,
    ; compiled:
    /// `require`, compiled.
    node: crate::rules::conditions::Node,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "require",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: Some(compile),
    decide,
    value_help: &[
        ("require", ValueHelp::Text("`require` 的值是一段文字")),
        ("severity", ValueHelp::Choices(&["error", "warning", "info"])),
        ("message", ValueHelp::Text("`message` 的值是一段文字")),
    ],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("check.rs"),
};

pub(crate) const KIND: usize = super::kind(KEY.name);

/// A `require:` check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub require: String,
    pub severity: Severity,
    pub message: Option<String>,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "要求 require: {}（{}）",
            self.require,
            self.severity.zh()
        )
    }
}

/// As the rule's file is read: its condition compiled (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get_mut::<Fields>() {
        f.node = cx.condition(f.require.as_deref(), KEY.name);
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = p.fields::<Fields>();
    Ok(Choice::new(
        KIND,
        Check {
            require: s.require.clone().unwrap_or_default(),
            severity: s.severity.unwrap_or(Severity::Warning),
            message: s.message.clone(),
        },
    ))
}

/// A rule's `require:` condition, compiled (checks and what a rule reads use it).
pub(crate) fn condition(spec: &crate::rules::model::RuleSpec) -> Option<&crate::rules::conditions::Node> {
    spec.get::<Fields>()?.node.as_ref()
}

/// What a check that does not hold says. One that could not compare (units of different
/// dimensions: `≥90分` against `target >= 90%`) says that, not the rule's message: the message
/// states a failure (`满意度目标低于 90%`) that was never found.
fn hit_message(check: &Check, incomparable: bool) -> Cow<'_, str> {
    match (&check.message, incomparable) {
        (Some(m), false) => Cow::Borrowed(m.as_str()),
        (None, false) => Cow::Owned(format!("不满足 {}", check.require)),
        (Some(m), true) => Cow::Owned(format!(
            "无法核对 {}（单位量纲不同，不能比较），未判定是否“{m}”，需人工核对",
            check.require
        )),
        (None, true) => Cow::Owned(format!(
            "无法核对 {}（单位量纲不同，不能比较），需人工核对",
            check.require
        )),
    }
}

impl<'r> Applied<'r, '_> {
    /// The `require:` checks that do not hold (or cannot be compared).
    pub fn checks(&self) -> Vec<Hit<'r>> {
        self.checks_where(|_| true)
    }

    /// The `require:` checks that read the actual and do not hold (evaluation runs them).
    pub fn checks_on_actual(&self) -> Vec<Hit<'r>> {
        self.checks_where(|r| r.reads_actual())
    }

    fn checks_where(&self, keep: impl Fn(&Rule) -> bool) -> Vec<Hit<'r>> {
        let mut hits = Vec::new();
        for r in self.all(KIND).filter(|r| keep(r)) {
            let (Some(check), Some(node)) = (r.choice.get::<Check>(), r.require_node()) else {
                continue;
            };
            let t = self.truth(node);
            if matches!(t, Truth::False | Truth::Incomparable) {
                let incomparable = t == Truth::Incomparable;
                hits.push(Hit {
                    rule: &r.rref,
                    severity: check.severity,
                    message: hit_message(check, incomparable),
                    incomparable,
                });
            }
        }
        hits
    }
}
