//! `other_row: {when, share, message}` — 另一行的条件：规则的 `when:` 对某一行成立，且同一项目的
//! 另一行满足这里的 `when`（可以读那一行的任何字段，包括 `actual`）时，这一行至多得其分值的
//! `share`（`0`：不得分）。行的说明和总分旁都写明是哪一行、哪条规则（代码是规则的 id）。
//!
//! 例：“未按国库管理制度拨付核算……资金使用不得分”：`when: indicator ~ "资金使用"`，
//! `other_row: {when: 'indicator ~ "国库" and actual == "否"', share: 0, message: 未按国库管理制度
//! 拨付核算，资金使用不得分}`。

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Choice, KeyInfo, ValueHelp, pct};
use crate::rules::conditions::Node;
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// A condition on another row of the same project that limits matching rows' points.
    other_row: crate::rules::model::OtherRowSpec,
    ; compiled:
    /// `other_row.when`, compiled.
    node: crate::rules::conditions::Node,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "other_row",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: None,
    compile: Some(compile),
    decide,
    value_help: &[(
        "other_row",
        ValueHelp::Text(
            "`other_row` 的值是映射，如 `{when: 'indicator ~ \"国库\" and actual == \"否\"', share: 0, message: 说明}`",
        ),
    )],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("other_row.rs"),
};

pub(crate) const KIND: usize = super::kind(KEY.name);

/// `other_row:` compiled.
#[derive(Debug, Clone)]
pub struct OtherRow {
    /// The condition as written.
    pub when: String,
    pub(crate) node: Node,
    /// The share of its points the row earns at most (0 = 不得分).
    pub share: Decimal,
    pub message: String,
}

impl fmt::Display for OtherRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "另一行 other_row: 同项目有一行 {} 时至多得 {}",
            self.when,
            pct(self.share)
        )
    }
}

/// As the rule's file is read: its condition compiled (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get_mut::<Fields>() {
        f.node = cx.condition(f.other_row.as_ref().map(|o| o.when.as_str()), KEY.name);
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let f = p.fields::<Fields>();
    let Some(o) = &f.other_row else {
        return Ok(Choice::nothing());
    };
    let Some(node) = f.node.clone() else {
        // the condition's own error is reported where it was compiled
        return Ok(Choice::nothing());
    };
    let Some(share) = crate::rules::method::share(&o.share) else {
        return Err(p.bad_value(KEY.name, "`share` 应是 0%–100% 的比例（`0`：不得分）"));
    };
    Ok(Choice::new(
        KIND,
        Arc::new(OtherRow {
            when: o.when.clone(),
            node,
            share,
            message: o
                .message
                .clone()
                .unwrap_or_else(|| format!("另一行的条件成立（{}）", p.rref.id)),
        }),
    ))
}

impl<'r> Applied<'r, '_> {
    /// Every `other_row:` rule whose own `when:` holds for this row.
    pub fn other_rows(&self) -> Vec<Decided<'r, &'r OtherRow>> {
        self.all_values::<Arc<OtherRow>, _>(KIND, |v| &**v)
            .collect()
    }
}
