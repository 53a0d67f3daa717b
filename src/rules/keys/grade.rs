//! `grade: 部分达成` — 定性等级：评价人写的等级词及其得分比例。
//!
//! 附带键：`share: 70%`（默认得分比例，必写）、`min_share`、`max_share`（评价人可给的范围）、
//! `words: [基本达成]`（实际值中读作这一等级的词）。对整个评价适用，不能带 `when:`。

use std::fmt;

use super::{Choice, KeyInfo, WHOLE_EVALUATION, pct};
use crate::rules::error::RuleError;
use crate::rules::set::{Applied, Decided, Partial, QualitativeGrade};

pub const KEY: KeyInfo = KeyInfo {
    name: "grade",
    present: |s| s.grade.is_some(),
    attached: &[
        ("words", |s| s.words.is_some()),
        ("share", |s| s.share.is_some()),
        ("min_share", |s| s.min_share.is_some()),
        ("max_share", |s| s.max_share.is_some()),
    ],
    when_fields: WHOLE_EVALUATION,
    decide,
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

fn decide(p: &Partial) -> Result<Choice, Box<RuleError>> {
    let s = &p.spec;
    let Some(share) = p.share else {
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
            min_share: p.min_share.unwrap_or(share),
            max_share: p.max_share.unwrap_or(share),
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
