//! `band: 优` — 评级：总分的一个等级（优 / 良 / 中 / 差），附带键 `min_score: 90`（该等级的最低分）。
//!
//! 总分落在 `min_score` 不高于它的最高一档。对整个评价适用，不能带 `when:`。等级的高低也由
//! `min_score` 定：`veto` 和 `cap` 的等级按它比较（`min_score` 低的更严）。
//!
//! 名称本身有高低的等级（优 / 优秀 > 良 / 良好 > 中 / 一般 / 合格 > 差 / 较差 / 不合格），其
//! `min_score` 须随之由高到低：`优 90`、`良 95` 这样颠倒（或相等）的写法不读取，错误
//! `rules.band-order` 指出后写的那一处。

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

/// The rank of a band's name where the name itself says it (0 the highest): 优 > 良 > 中 > 差
/// and their longer spellings; `None` for a name of the file's own (its rank is its
/// `min_score` alone).
fn rank(name: &str) -> Option<u8> {
    const RANKS: &[(&str, u8)] = &[
        ("优", 0),
        ("优秀", 0),
        ("良", 1),
        ("良好", 1),
        ("中", 2),
        ("中等", 2),
        ("一般", 2),
        ("合格", 2),
        ("及格", 2),
        ("差", 3),
        ("较差", 3),
        ("不合格", 3),
        ("不及格", 3),
    ];
    let name = name.trim();
    RANKS.iter().find(|(n, _)| *n == name).map(|&(_, r)| r)
}

/// The enabled bands whose names rank them and whose `min_score` does not follow that rank
/// (`优 ≥ 80` beside `良 ≥ 90`, or two ranks at one score): an error at the `min_score` of the
/// one written later (the later file, else the later rule), with the file's place in the load
/// order. Evaluation would otherwise grade 85 as 优 and 92 as 良, silently.
pub(in crate::rules) fn out_of_order(
    merged: &[crate::rules::set::Partial],
) -> Vec<(usize, RuleError)> {
    let bands: Vec<(&crate::rules::set::Partial, &str, u8, Decimal)> = merged
        .iter()
        .filter(|p| p.spec.disable != Some(true))
        .filter_map(|p| {
            let f = p.spec.get::<Fields>()?;
            let name = f.band.as_deref()?;
            let min = f.min_score.as_ref()?.decimal()?;
            Some((p, name, rank(name)?, min))
        })
        .collect();
    let mut errors = Vec::new();
    for (i, &(a, an, ar, am)) in bands.iter().enumerate() {
        for &(b, bn, br, bm) in &bands[i + 1..] {
            // (higher, lower) by the names' rank
            let ((hi, hn, hm), (lo, ln, lm)) = match ar.cmp(&br) {
                std::cmp::Ordering::Less => ((a, an, am), (b, bn, bm)),
                std::cmp::Ordering::Greater => ((b, bn, bm), (a, an, am)),
                std::cmp::Ordering::Equal => continue,
            };
            if hm > lm {
                continue;
            }
            let later = if (hi.layer(), hi.position()) >= (lo.layer(), lo.position()) {
                hi
            } else {
                lo
            };
            let span = later
                .pos
                .key("min_score")
                .or_else(|| later.pos.key("band"))
                .map_or(later.pos.dash.clone(), |k| k.value.clone());
            let message = format!(
                "等级的最低分颠倒：`{hn}` 的 min_score {} 不高于 `{ln}` 的 {}（{} 与 {}）",
                hm.normalize(),
                lm.normalize(),
                hi.rref,
                lo.rref
            );
            let e = RuleError::new(
                super::super::error::RuleErrorKind::BandOrder,
                &later.src,
                span,
                message,
                "这个最低分与另一等级的次序不符",
            )
            .help(format!(
                "`{hn}` 高于 `{ln}`，其 min_score 应更高（如 `{hn}` 90、`{ln}` 80）；要改等级的次序，请同时改两条规则；覆盖默认的等级请沿用其 id（`jixiao rules list` 列出）"
            ));
            errors.push((later.layer(), e));
        }
    }
    errors
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
