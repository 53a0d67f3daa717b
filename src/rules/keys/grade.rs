//! `grade: 部分达成` — 定性等级：评价人写的等级词及其得分比例。
//!
//! 附带键：`share: 70%`（默认得分比例，必写）、`min_share`、`max_share`（评价人可给的范围）、
//! `words: [基本达成]`（实际值中读作这一等级的词）。对整个评价适用，不能带 `when:`。

use std::fmt;

use super::{ValueHelp, Choice, KeyInfo, WHOLE_EVALUATION, pct};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial, QualitativeGrade};

fields! {
    /// A qualitative grade (达成 / 部分达成 / 未达成).
    grade: String,
    /// With `grade`: other words that mean this grade (`基本达成`).
    words: Vec<String>,
    /// With `grade`: the share of the weight it earns by default (`70%`).
    share: String,
    /// With `grade`: the lowest share a reviewer may give (`60%`).
    min_share: String,
    /// With `grade`: the highest share a reviewer may give (`80%`).
    max_share: String,
    ; compiled:
    /// `share` as a fraction.
    share_value: rust_decimal::Decimal,
    /// `min_share` as a fraction.
    min_share_value: rust_decimal::Decimal,
    /// `max_share` as a fraction.
    max_share_value: rust_decimal::Decimal,
}

pub const KEY: KeyInfo = KeyInfo {
    name: "grade",
    fields: super::FieldSet::of::<Fields>(),
    present: None,
    when_fields: WHOLE_EVALUATION,
    compile: Some(compile),
    decide,
    value_help: &[
        ("grade", ValueHelp::Text("`grade` 的值是一段文字")),
        ("words", ValueHelp::Text("`words` 是文字的列表，如 [基本达成, 大部分达成]")),
    ],
    on_actuals: false,
    names_grade: None,
    doc: include_str!("grade.rs"),
};

const KIND: usize = super::kind(KEY.name);

impl fmt::Display for QualitativeGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "等级 grade: {} {} [{}, {}]",
            self.name,
            pct(self.share),
            pct(self.min_share),
            pct(self.max_share)
        )
    }
}

/// As the rule's file is read: its shares read (an error at a bad value).
fn compile(s: &mut crate::rules::model::RuleSpec, cx: &mut crate::rules::set::Compile<'_>) {
    if let Some(f) = s.get_mut::<Fields>() {
        f.share_value = cx.percent(f.share.as_deref(), "share");
        f.min_share_value = cx.percent(f.min_share.as_deref(), "min_share");
        f.max_share_value = cx.percent(f.max_share.as_deref(), "max_share");
    }
}

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = p.fields::<Fields>();
    let Some(share) = s.share_value else {
        return Err(p.derr(
            "grade",
            format!("等级 `{}` 缺少 `share`", s.grade.as_deref().unwrap_or("")),
            "缺少 share",
            "写上默认得分比例，如 `share: 70%`",
        ));
    };
    Ok(Choice::new(
        KIND,
        QualitativeGrade {
            name: s.grade.clone().unwrap_or_default(),
            words: s.words.clone().unwrap_or_default(),
            share,
            min_share: s.min_share_value.unwrap_or(share),
            max_share: s.max_share_value.unwrap_or(share),
        },
    ))
}

impl<'r> Applied<'r, '_> {
    /// The qualitative grade a word (`部分达成`) names.
    pub fn grade(&self, word: &str) -> Option<Decided<'r, &'r QualitativeGrade>> {
        let word = word.trim();
        self.all(KIND)
            .find_map(|r| match r.choice.get::<QualitativeGrade>() {
                Some(g) if g.name == word || g.words.iter().any(|w| w == word) => Some(Decided {
                    value: g,
                    rule: &r.rref,
                }),
                _ => None,
            })
    }

    /// The grade scale (one entry per grade name, highest priority first).
    pub fn grades(&self) -> Vec<Decided<'r, &'r QualitativeGrade>> {
        let mut out: Vec<Decided<'r, &'r QualitativeGrade>> = Vec::new();
        for r in self.all(KIND) {
            if let Some(g) = r.choice.get::<QualitativeGrade>()
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
}
