//! `band: 优` — 评级：总分的一个等级（优 / 良 / 中 / 差），附带键 `min_score: 90`（该等级的最低分）。
//!
//! 总分落在 `min_score` 不高于它的最高一档。对整个评价适用，不能带 `when:`。等级的高低也由
//! `min_score` 定：`veto` 和 `cap` 的等级按它比较（`min_score` 低的更严）。

use std::fmt;

use rust_decimal::Decimal;

use super::{ValueHelp, Choice, KeyInfo, WHOLE_EVALUATION};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial};

fields! {
    /// A grade band of the total score (优 / 良 / 中 / 差).
    band: String,
    /// With `band`: the lowest score of the band (`90`).
    min_score: crate::rules::model::Number,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "band",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: WHOLE_EVALUATION,
    compile: Some(compile),
    decide,
    value_help: &[("band", ValueHelp::Text("`band` 的值是一段文字"))],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("band.rs"),
};

pub(crate) const KIND: usize = super::kind(KEY.name);

/// A grade band of the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub name: String,
    pub min_score: Decimal,
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "评级 band: {} >= {}",
            self.name,
            self.min_score.normalize()
        )
    }
}

/// As the rule's file is read: its `min_score` checked (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get::<Fields>() {
        cx.number(f.min_score.as_ref(), "min_score");
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = p.fields::<Fields>();
    let Some(min_score) = s.min_score.as_ref().and_then(|n| n.decimal()) else {
        return Err(p.derr(
            "band",
            format!(
                "等级 `{}` 缺少 `min_score`",
                s.band.as_deref().unwrap_or("")
            ),
            "缺少 min_score",
            "写上该等级的最低分，如 `min_score: 90`",
        ));
    };
    Ok(Choice::new(
        KIND,
        Band {
            name: s.band.clone().unwrap_or_default(),
            min_score,
        },
    ))
}

impl<'r> Applied<'r, '_> {
    /// The grade band (优/良/中/差) of a total score: the band with the highest `min_score` not
    /// above it.
    pub fn band(&self, score: Decimal) -> Option<Decided<'r, &'r str>> {
        let mut best: Option<(&'r crate::rules::Rule, Decimal, &'r str)> = None;
        for r in self.all(KIND) {
            if let Some(b) = r.choice.get::<Band>()
                && b.min_score <= score
                && best.is_none_or(|(_, m, _)| b.min_score > m)
            {
                best = Some((r, b.min_score, &b.name));
            }
        }
        best.map(|(r, _, name)| Decided {
            value: name,
            rule: &r.rref,
        })
    }
}
