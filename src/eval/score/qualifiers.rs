//! A target whose figure carries a bracketed word on what it counts (issue 27, session 27):
//! `≥20个（累计）`, `≥3000元（年均）`, `≥10个（新增）`. The word changes what the figure
//! counts, so the parser leaves such a target qualitative (never reads the word past as a
//! remark, `lang::parse::shapes::is_remark`), and it is scored here against a figure:
//!
//! - **累计** (cumulative, possibly over years before this one): a year's actual that meets a
//!   floor meets it cumulatively too (达标); one that misses may be the year's share only: a
//!   person decides, with the reading as written in the note.
//! - **新增** (newly added): a year's actual that misses a floor misses it whatever it counts
//!   (if it holds what was there before, fewer were new): 未达标 by the figure; one that meets
//!   it may hold the old ones: a person decides.
//! - **年均** (a yearly average): one year's figure says nothing certain of the average: a
//!   person decides.
//!
//! Any other bound (a ceiling, a range, an exact figure) or a rate (`≥90%（累计）`: no sum, it
//! may rise or fall as years are added) goes to a person with the reason.

use rust_decimal::Decimal;

use super::{Outcome, Verdict, of_quantity};
use crate::eval::actual::Actual;
use crate::eval::methodology::Methodology;
use crate::lang::{Context, Op, Quantity, Target, parse, units};

/// The words, each with why a figure cannot be read against it as written.
const WORDS: &[(&str, &str)] = &[
    (
        "累计",
        "累计数可能包括以前年度完成的数量，实际值是本年数还是累计数不明",
    ),
    ("新增", "实际值可能包含原有的数量，不一定都是新增的"),
    (
        "年均",
        "目标是各年的平均数，一年的实际值不能说明平均数是否达到",
    ),
];

/// The figure before a bracketed counting word and the word (`≥20个（累计）` → `≥20个`,
/// `累计`); none for any other text (a byte test on the last byte first).
fn split(text: &str) -> Option<(&str, &'static str, &'static str)> {
    let b = text.as_bytes();
    if !(b.ends_with("）".as_bytes()) || b.ends_with(b")")) {
        return None;
    }
    let (open, close) = if b.ends_with(b")") {
        ('(', ")")
    } else {
        ('（', "）")
    };
    let at = text.rfind(open)?;
    let inner = &text[at + open.len_utf8()..text.len() - close.len()];
    let word = crate::lang::lexicon::counting_note(inner)?;
    let &(word, why) = WORDS.iter().find(|(w, _)| *w == word)?;
    Some((text[..at].trim_end(), word, why))
}

/// The outcome of an actual against a target of a bracketed counting word: a figure (a
/// percentage too, which a qualitative target would take as a grade's share) by [`counted`];
/// words, grades and claims (no figure, as against any compared target) to a person with the
/// word's reason; none where the text holds no counting word.
pub(super) fn against(
    text: &str,
    actual: &Actual,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    match actual {
        Actual::Quantity { quantity, .. } => counted(text, quantity, plan, weight, m),
        Actual::Share(s) => {
            let percent = Quantity::new(s * Decimal::ONE_HUNDRED, Some(crate::lang::Unit::PERCENT));
            counted(text, &percent, plan, weight, m)
        }
        Actual::Text(said) => {
            let (_, word, why) = split(text)?;
            Some(Outcome::review(&format!(
                "年度指标值“{text}”注明“{word}”：{why}。实际值“{said}”需人工核对后评定"
            )))
        }
        // a grade or a claim (`达成`, `已完成`) against a figure: no figure, as for any
        // compared target
        _ => {
            let (_, word, why) = split(text)?;
            Some(Outcome::review(&format!(
                "年度指标值“{text}”注明“{word}”：{why}。实际值未给出数值，需人工核对后评定"
            )))
        }
    }
}

/// The outcome of a figure against a target of a bracketed counting word (see the module
/// doc); none where the text holds no such word or its figure reads as no comparison.
fn counted(
    text: &str,
    a: &Quantity,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    let (figure, word, why) = split(text)?;
    let target = parse(figure, &Context::default()).target;
    let Target::Compare { op, quantity } = &target else {
        return None;
    };
    let o = of_quantity(&target, a, plan, weight, m);
    // a count or an amount only: a rate (`≥90%（累计）`) is no sum, and grows or falls either way
    let rate = quantity
        .unit
        .as_ref()
        .and_then(units::dimension)
        .is_some_and(|(d, _)| d == units::Dimension::Ratio);
    let floor = matches!(op, Op::Ge | Op::Gt) && !rate;
    let certain = match (word, o.verdict) {
        ("累计", Verdict::Pass) => floor,
        ("新增", Verdict::Fail) => floor,
        _ => false,
    };
    if certain {
        let mut o = o;
        let why = if word == "累计" {
            "本年的实际值已达到目标，累计数只会更多"
        } else {
            "实际值即使全是新增的也未达到目标"
        };
        o.formula = format!("目标注明“{word}”，{why}：{}", o.formula);
        return Some(o);
    }
    let as_read = match (o.verdict, o.score) {
        (Verdict::Pass, _) => "达标".to_owned(),
        (Verdict::Fail, Some(s)) => format!(
            "未达标（{}，得 {:.*} 分）",
            o.formula,
            m.precision.value as usize,
            m.show(s)
        ),
        _ => o.formula.clone(),
    };
    Some(Outcome::review(&format!(
        "年度指标值“{text}”注明“{word}”：{why}。按实际值直接比较为{as_read}，需人工核对后评定"
    )))
}
