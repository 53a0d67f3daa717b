//! Actuals left as text against a figure that a person would read one way only (issue 27,
//! session 26), scored with the reading at the head of the formula:
//! - a sentence with one figure, in the target's unit (`全年共完成培训12期` against `≥10期`),
//!   and no word that qualifies the figure (`未`, `约`, `余`, `计划`, `累计`, `较上年` …);
//! - a range every figure of which meets the target (`95%-98%` against `≥95%`; one that meets it
//!   in part stays a person's call);
//! - `零投诉`, `零事故` against a zero ceiling (`0起`, `≤0`) or against `无投诉`;
//! - a share in tenths, `八成五` (85 %), `九成五` (95 %), against a percentage;
//! - `全覆盖` (`全部覆盖`, `实现全覆盖`) against a percentage: 100 % (session 27);
//! - `半小时`, `一个半小时`, `两个半小时` against a time: 0.5, 1.5, 2.5 hours (session 27).
//!
//! Anything else is left to [`super::text_against`], as before.

use rust_decimal::Decimal;

use super::{Outcome, Verdict, n, of_quantity};
use crate::eval::actual::{Actual, is_percent, read, short_word};
use crate::eval::methodology::Methodology;
use crate::lang::{Context, Op, Quantity, Target, lexicon, parse, units};

/// Words beside a sentence's figure that qualify it, deny it, set it as a plan, count it over
/// more than the year, or measure it against another year: none such is read as the result.
const QUALIFYING: &[&str] = &[
    "未", "没", "不", "无", "非", "否", "差", "少", "低", "高", "超", "逾", "近", "约", "左右",
    "余", "多", "计划", "预计", "拟", "力争", "争取", "目标", "累计", "上年", "去年", "同比",
    "环比", "较", "增", "减", "降", "提高", "以上", "以下", "以内", "之内", "前", "后", "至", "或",
    "～", "~",
];

/// Magnitudes a sentence's figure may carry before the target's unit (`105.6万元` against
/// `≥100万元`: the target's unit is `元`).
const MAGNITUDES: &[&str] = &["万", "亿", "千"];

/// The outcome of a text actual that reads one way only (see the module doc); none for any
/// other text, which goes to a person as before.
pub(super) fn certain(
    target: &Target,
    text: &str,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    if let Some(o) = range(target, text, plan, weight, m) {
        return Some(o);
    }
    let (q, how) = zero_word(target, text)
        .or_else(|| tenths(target, text))
        .or_else(|| full_cover(target, text))
        .or_else(|| half_hours(target, text))
        .or_else(|| one_figure(target, text))?;
    let mut o = of_quantity(target, &q, plan, weight, m);
    if !matches!(o.verdict, Verdict::Pass | Verdict::Fail) {
        return None;
    }
    o.formula = format!("{how}：{}", o.formula);
    Some(o)
}

/// `零投诉` against a qualitative `无投诉`: the same words, none in both.
pub(super) fn zero_against_none(target: &str, text: &str, weight: Decimal) -> Option<Outcome> {
    let wanted = target.strip_prefix('无')?;
    let said = zero_noun(text)?;
    (said == wanted).then(|| {
        Outcome::new(
            Verdict::Pass,
            Some(weight),
            format!("实际值“{text}”即“{target}”：符合要求，得满分 {}", n(weight)),
        )
    })
}

/// The noun after `零` (`零投诉` → `投诉`): ideographs only, and none that qualify it.
fn zero_noun(text: &str) -> Option<&str> {
    let noun = text.strip_prefix('零')?;
    let chars = noun.chars().count();
    ((1..=8).contains(&chars)
        && noun
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && lexicon::cn_digit(c).is_none())
        && !QUALIFYING.iter().any(|w| noun.contains(w)))
    .then_some(noun)
}

/// `零投诉` against a zero ceiling (`0起`, `≤0`, `=0`): zero in the target's unit.
fn zero_word(target: &Target, text: &str) -> Option<(Quantity, String)> {
    let Target::Compare {
        op: Op::Le | Op::Eq,
        quantity,
    } = target
    else {
        return None;
    };
    if !quantity.value.is_zero() || is_percent(quantity.unit.as_ref()) {
        return None;
    }
    zero_noun(text)?;
    Some((
        Quantity::new(Decimal::ZERO, quantity.unit.clone()),
        format!("实际值“{text}”即 0"),
    ))
}

/// `八成五` (85 %), `九成` (90 %) against a percentage.
fn tenths(target: &Target, text: &str) -> Option<(Quantity, String)> {
    let unit = target.unit().filter(|u| is_percent(Some(u)))?;
    let mut chars = text.chars();
    let tens = chars.next().and_then(lexicon::cn_digit)?;
    if chars.next()? != '成' || tens == 0 {
        return None;
    }
    let ones = match chars.next() {
        None => 0,
        Some(c) => lexicon::cn_digit(c).filter(|d| *d > 0)?,
    };
    if chars.next().is_some() || tens > 9 || ones > 9 {
        return None;
    }
    let value = Decimal::from(tens * 10 + ones);
    Some((
        Quantity::new(value, Some(unit.clone())),
        format!("实际值“{text}”即 {value}%"),
    ))
}

/// Words that say all was covered: 100 %.
const FULL_COVER: &[&str] = &[
    "全覆盖",
    "全部覆盖",
    "实现全覆盖",
    "已全覆盖",
    "已实现全覆盖",
];

/// `全覆盖` against a percentage (`100%`, `≥95%`): 100 %.
fn full_cover(target: &Target, text: &str) -> Option<(Quantity, String)> {
    let unit = target.unit().filter(|u| u.as_str() == "%")?;
    FULL_COVER.contains(&text).then(|| {
        (
            Quantity::new(Decimal::ONE_HUNDRED, Some(unit.clone())),
            format!("实际值“{text}”即 100%"),
        )
    })
}

/// `半小时`, `半个小时`, `一个半小时`, `1个半小时`, `两个半小时` against a time (`≤30分钟`,
/// `≤2小时`): the hours and a half, in 小时. A whole count of one to nine hours before `个半`.
fn half_hours(target: &Target, text: &str) -> Option<(Quantity, String)> {
    let hour = crate::lang::Unit(std::borrow::Cow::Borrowed("小时"));
    if !target
        .unit()
        .is_some_and(|u| units::same_dimension(u, &hour))
    {
        return None;
    }
    let rest = text
        .strip_suffix("小时")
        .map(|r| r.strip_suffix('个').unwrap_or(r))?
        .strip_suffix('半')?;
    let whole = match rest {
        "" => 0,
        r => {
            let c = r.strip_suffix('个')?;
            let mut chars = c.chars();
            let d = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            lexicon::cn_digit(d)
                .or_else(|| lexicon::digit_value(d))
                .filter(|v| (1..=9).contains(v))?
        }
    };
    let value = Decimal::new(i64::from(whole) * 10 + 5, 1);
    Some((
        Quantity::new(value, Some(hour)),
        format!("实际值“{text}”即 {value}小时"),
    ))
}

/// A sentence whose one figure is in the target's unit (`全年共完成培训12期`): that figure.
fn one_figure(target: &Target, text: &str) -> Option<(Quantity, String)> {
    let unit = target.unit()?;
    let b = text.as_bytes();
    let start = b.iter().position(u8::is_ascii_digit)?;
    let end = start
        + b[start..]
            .iter()
            .position(|c| !c.is_ascii_digit() && *c != b'.')
            .unwrap_or(b.len() - start);
    if b[end..].iter().any(u8::is_ascii_digit)
        || text.chars().any(|c| lexicon::cn_digit(c).is_some())
        || QUALIFYING.iter().any(|w| text.contains(w))
        || short_word(text, target).is_some()
    {
        return None;
    }
    // the figure after a word (`-6%`, `+12期`, `.5万元` are no figure read whole) and its unit
    // not the head of a longer one (`320人次` against `≥300人`)
    let before = text[..start].chars().next_back()?;
    if !('\u{4e00}'..='\u{9fff}').contains(&before) {
        return None;
    }
    let after = &text[end..];
    let magnitude = MAGNITUDES
        .iter()
        .find(|w| after.starts_with(**w))
        .map_or(0, |w| w.len());
    if !after[magnitude..].starts_with(unit.as_str()) {
        return None;
    }
    let close = end + magnitude + unit.as_str().len();
    if !text[close..].is_empty() && !text[close..].starts_with(['，', ',', '。', '；', ';', '、'])
    {
        return None;
    }
    let figure = &text[start..close];
    // the figure alone, read as an actual is (its magnitude brought to the target's unit)
    let Actual::Quantity {
        quantity,
        unit_from_target: false,
        copied_comparator: false,
        approximate: false,
    } = read(figure, target, None, None)
    else {
        return None;
    };
    let how = format!("实际值“{text}”中只有一个以“{unit}”计的数 {figure}，按其计分");
    Some((quantity, how))
}

/// A range actual (`95%-98%`, `1000-1200人`) every figure of which meets the target: the
/// outcome of its end nearer the target's bound; none where either end misses it.
fn range(
    target: &Target,
    text: &str,
    plan: Option<&Actual>,
    weight: Decimal,
    m: &Methodology,
) -> Option<Outcome> {
    if !matches!(target, Target::Compare { .. } | Target::Range { .. }) {
        return None;
    }
    let Target::Range { low, high, unit } = parse(text, &Context::default()).target else {
        return None;
    };
    if unit.is_none() || !low.inclusive || !high.inclusive || low.value > high.value {
        return None;
    }
    let lo = of_quantity(
        target,
        &Quantity::new(low.value, unit.clone()),
        plan,
        weight,
        m,
    );
    let hi = of_quantity(
        target,
        &Quantity::new(high.value, unit.clone()),
        plan,
        weight,
        m,
    );
    if lo.verdict != Verdict::Pass || hi.verdict != Verdict::Pass {
        return None;
    }
    let mut o = lo;
    o.formula = format!(
        "实际值为区间 {}–{}{}，区间内每个数都达到目标：{}",
        n(low.value),
        n(high.value),
        unit.as_ref().map_or("", |u| u.as_str()),
        o.formula
    );
    Some(o)
}
