//! The shapes of target added for the last phrasings real tables use (issue 18): chained
//! comparisons (`10米≤宽度≤12米`), tolerances (`±5%以内`, `100±5`), periods (`2023年3月-10月`,
//! `上半年`, `第三季度前`), relative targets (`较上年增长10%`, `不低于上年`), per-unit words
//! (`每生每年3300元`) and leading qualifiers (`力争`, `均`, `须`).
//!
//! Each reader takes the whole (trimmed, simplified) body or fails; the words are the lexicon's
//! tables. Nothing here guesses: a shape that does not hold together leaves the text to the
//! other readers, and in the end to `qualitative`.

use rust_decimal::Decimal;

use super::{
    DEADLINE_TAILS, Form, QuantReading, Side, is_cjk, offset, prefix_word, side, small_number,
    strip_any, suffix_word, symbol_op, valid_date, ws,
};
use crate::lang::ast::{CalendarDate, Op, Span, Unit};
use crate::lang::lexicon::{self, OpWord, SuffixWord};
use crate::lang::number::Value;

// ---------------------------------------------------------------------------------------------
// Qualifiers and per-units

/// A distributive word in `body` (`分别`, `各`, `均`, `都`, [`lexicon::DISTRIBUTIVE`]) with
/// what stands before it (the items, maybe empty) and the rest after it; the first such word
/// that leaves something after it. One scan per word: the words are rare.
///
/// `均` that ends a word of its own (`人均`, `户均`, `平均`, `年均`) is no distributive word, and
/// items that hold a comparator (`不超过人均…`) are no items: the comparator would be lost.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub(super) fn distributive(body: &str) -> Option<(&'static str, &str, &str)> {
    lexicon::DISTRIBUTIVE
        .iter()
        .filter_map(|w| {
            body.match_indices(w)
                .map(|(at, _)| at)
                .find(|&at| !ends_a_word(&body[..at + w.len()]))
                .map(|at| (at, *w))
        })
        .min_by_key(|(at, _)| *at)
        .and_then(|(at, w)| {
            let rest = ws(&body[at + w.len()..]);
            let items = body[..at].trim_end();
            let holds_comparator = items
                .char_indices()
                .any(|(i, _)| super::prefix_word(&items[i..]).is_some());
            (!rest.is_empty() && !holds_comparator).then_some((w, items, rest))
        })
}

/// Whether `text` ends with a word whose last character is a distributive word's (`人均`,
/// `平均`: the per-head words and the averaging qualifiers).
fn ends_a_word(text: &str) -> bool {
    lexicon::PER_HEAD.iter().any(|(w, _)| text.ends_with(w))
        || lexicon::AVERAGING.iter().any(|w| text.ends_with(w))
}

/// A qualifying word at the start of `body` (`力争`, `均`), with the rest after it. Asked of
/// every target that reads as text: its first character tells most of them (a sentence) apart
/// from every word at once, without a comparison of the body against each word.
pub(super) fn qualifier(body: &str) -> Option<(&'static str, &str)> {
    let first = body.chars().next()?;
    if !QUALIFIER_FIRSTS.contains(&first) {
        return None;
    }
    lexicon::QUALIFIERS.iter().find_map(|q| {
        let rest = ws(body.strip_prefix(q)?);
        (!rest.is_empty()).then_some((*q, rest))
    })
}

/// The first character of each of [`lexicon::QUALIFIERS`], in its order (made when compiled).
const QUALIFIER_FIRSTS: [char; lexicon::QUALIFIERS.len()] = first_chars(lexicon::QUALIFIERS);

/// The first character of each word (each word non-empty: an empty one fails the build).
const fn first_chars<const N: usize>(words: &[&str]) -> [char; N] {
    let mut out = ['\0'; N];
    let mut i = 0;
    while i < N {
        let b = words[i].as_bytes();
        // UTF-8: the lead byte says the length; the continuation bytes carry 6 bits each
        let (len, lead) = match b[0] {
            x if x < 0x80 => (1, x as u32),
            x if x < 0xE0 => (2, (x & 0x1F) as u32),
            x if x < 0xF0 => (3, (x & 0x0F) as u32),
            x => (4, (x & 0x07) as u32),
        };
        let mut c = lead;
        let mut k = 1;
        while k < len {
            c = (c << 6) | (b[k] & 0x3F) as u32;
            k += 1;
        }
        out[i] = match char::from_u32(c) {
            Some(c) => c,
            None => panic!("not a character"),
        };
        i += 1;
    }
    out
}

/// `每人每月`, `每生每年` at the start of `input`: the denominators and the rest. Most
/// quantities start with no per-unit word: they are told by their first character, inline.
#[inline(always)]
pub(super) fn per_units(input: &str) -> (Vec<&str>, &str) {
    match input.chars().next() {
        Some('每' | '人' | '户' | '生' | '亩') => per_units_read(input),
        _ => (Vec::new(), input),
    }
}

/// [`per_units`] where the first character may begin one.
fn per_units_read(input: &str) -> (Vec<&str>, &str) {
    let mut per = Vec::new();
    let mut rest = input;
    if let Some((word, den)) = lexicon::PER_HEAD
        .iter()
        .find(|(w, _)| input.starts_with(w))
        .copied()
    {
        per.push(den);
        rest = ws(&input[word.len()..]);
    }
    while let Some(r) = rest.strip_prefix(lexicon::PER_WORD) {
        let word = lexicon::PER_UNITS
            .iter()
            .find(|w| r.starts_with(**w))
            .map(|w| &r[..w.len()])
            .or_else(|| {
                // `每不低于…` is no denominator `不`: a comparator word follows 每
                if lexicon::PREFIX_OPS.iter().any(|(w, _)| r.starts_with(w)) {
                    return None;
                }
                let c = r.chars().next().filter(|c| is_cjk(*c))?;
                Some(&r[..c.len_utf8()])
            });
        let Some(word) = word else { break };
        per.push(word);
        rest = ws(&r[word.len()..]);
    }
    (per, rest)
}

/// Periods a bracket may name after `按` (`（按季度）`: per quarter, as `（每季度）` says).
const BY_PERIODS: &[&str] = &["季度", "半年", "月", "年", "周", "天", "日"];

/// A per-unit remark in brackets, before or after a value (`≥3次（每季度）`, `（每月）不少于1次`,
/// `(按季度)`, `（每人每月）`, `（每个村）`): the per-unit words it holds and the text after the
/// bracket; none for any other bracket. Read past as a remark, `（每季度）` made a count set per
/// quarter the year's count (10 passed `≥3次（每季度）` where 12 are asked: issue 27).
pub(super) fn per_in_brackets(s: &str) -> Option<(Vec<&str>, &str)> {
    let (inner, close) = match s.strip_prefix('（') {
        Some(r) => (r, '）'),
        None => (s.strip_prefix('(')?, ')'),
    };
    let end = inner.find(close)?;
    let (body, after) = (&inner[..end], &inner[end + close.len_utf8()..]);
    let per = if let Some(p) = body.strip_prefix('按') {
        vec![*BY_PERIODS.iter().find(|w| **w == p)?]
    } else if let Some(p) = body.strip_prefix("每个").filter(|p| !p.starts_with('月')) {
        // `每个村`: the denominator after the measure word (`每个月` is read below)
        let c = p.chars().next().filter(|c| is_cjk(*c))?;
        (p.len() == c.len_utf8()).then_some(vec![p])?
    } else {
        if !body.starts_with('每') && !lexicon::PER_HEAD.iter().any(|(w, _)| body.starts_with(w)) {
            return None;
        }
        let (per, rest) = per_units_read(body);
        if per.is_empty() || !rest.is_empty() {
            return None;
        }
        per
    };
    Some((per, after))
}

/// The unit of a value written after per-unit words: `元` with `每人每月` is `元/人·月`.
pub(super) fn with_per(unit: &Unit, per: &[&str]) -> Unit {
    // Through the one spelling of compound units: `每生` with `元/学期` is `元/生·学期`.
    super::normalise_unit(&format!("{}/{}", unit.as_str(), per.join("/")))
}

/// Whether an indicator is about money (`补助标准`, `人均培训成本`), so that a bare magnitude
/// before a per-unit (`5万/月`) is 元.
pub(super) fn money_indicator(indicator: Option<&str>) -> bool {
    indicator.is_some_and(|n| {
        let n = super::simplify(n);
        lexicon::MONEY_INDICATOR_WORDS.iter().any(|w| n.contains(w))
    })
}

/// A score's scale in brackets (`5分制`, `满分5分`, `满分为10分`, `100分为满分`): the figure
/// says what the points are out of, not what the value asks. (`≥4.5分（5分制）` was a
/// qualitative target, and `4.6分` against it 46 % of the points: 未达标.)
fn is_scale(inner: &str) -> bool {
    let figure = inner
        .strip_suffix("分制")
        .or_else(|| {
            inner
                .strip_prefix("满分为")
                .or_else(|| inner.strip_prefix("满分"))
                .and_then(|r| r.strip_suffix('分'))
        })
        .or_else(|| inner.strip_suffix("分为满分"));
    figure.is_some_and(|f| {
        !f.is_empty()
            && f.chars().all(|c| {
                c == '.' || lexicon::digit_value(c).is_some() || lexicon::cn_digit(c).is_some()
            })
    })
}

/// A remark in brackets after a whole value (`≥3次（每季度）`, `100%（抽检）`): no figure in it,
/// so it cannot change what the value asks; or a score's scale ([`is_scale`]).
pub(super) fn is_remark(rest: &str) -> bool {
    let inner = rest
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')));
    inner.is_some_and(|i| {
        // A unit in brackets (`3(个)`) is not a remark: the value would lose it.
        let unit = lexicon::unit_by_spelling(i).is_some()
            || lexicon::COUNTING_UNITS.contains(&i)
            || lexicon::NAME_UNITS.contains(&i)
            || i.contains('/');
        // `（累计）`, `（新增）`, `（年均）` change what the figure counts: no remark
        // (`eval::score::qualifiers` scores such a target)
        let counts = lexicon::counting_note(i).is_some();
        !i.is_empty()
            && !unit
            && !counts
            && (!i.chars().any(|c| {
                lexicon::digit_value(c).is_some()
                    || lexicon::cn_digit(c).is_some()
                    || matches!(c, '(' | ')' | '（' | '）' | '*' | '＊' | '%' | '％')
            }) || is_scale(i))
    })
}

// ---------------------------------------------------------------------------------------------
// Chained comparisons

fn upper(op: Op) -> Option<bool> {
    match op {
        Op::Le | Op::Lt => Some(true),
        Op::Ge | Op::Gt => Some(false),
        Op::Eq => None,
    }
}

/// `10米≤宽度≤12米`, `80%≤合格率≤100%`, `60≤x<80`, `12米≥宽度≥10米`: a range, each end
/// inclusive as its symbol says.
#[inline(never)]
pub(super) fn chained(base: &str, input: &str) -> Option<QuantReading> {
    let (r, a) = side(base, input)?;
    let r = ws(r);
    let (r, op1) = symbol_op(r).ok()?;
    let r = ws(r);
    let name_end = r
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| symbol_op(&r[i..]).is_ok())?;
    let name = r[..name_end].trim();
    if name.is_empty()
        || name
            .chars()
            .any(|c| c.is_ascii_digit() || lexicon::digit_value(c).is_some())
    {
        return None;
    }
    let name_start = offset(base, r);
    let (r, op2) = symbol_op(&r[name_end..]).ok()?;
    let (r, b) = side(base, ws(r))?;
    if !ws(r).is_empty() || upper(op1)? != upper(op2)? {
        return None;
    }
    let (low, high, inclusive) = if upper(op1)? {
        (a, b, (op1 == Op::Le, op2 == Op::Le))
    } else {
        (b, a, (op2 == Op::Ge, op1 == Op::Ge))
    };
    Some(QuantReading {
        form: Form::Range,
        inclusive,
        op_span: None,
        low,
        high: Some(high),
        name_span: Some(name_start..name_start + name_end),
    })
}

// ---------------------------------------------------------------------------------------------
// Two bounds

/// What may join two bounds (`≥10场且≤20场`, `不少于10场，不超过20场`, `10场以上、20场以下`);
/// none is needed (`大于5%小于10%`). Longest first.
const BOUND_JOINS: &[&str] = &[
    "并且", "而且", "同时", "且", "并", "，", ",", "、", "；", ";", " ", "　",
];

/// The longest text two bounds are looked for in (a target of two comparisons is short; the
/// search tries a split at each comparator, so a long qualitative text is not searched).
const TWO_BOUNDS_MAX_BYTES: usize = 96;

/// `≥10场且≤20场`, `不少于10场且不超过20场`, `大于5%小于10%`, `10场以上20场以下`: a lower and
/// an upper bound written as two comparisons, read as the range between them, each end
/// inclusive as its comparator says. Both comparisons written (never a rule's direction), one
/// each way, the lower not above the upper, one unit (or one side's for both): anything else
/// is no reading.
#[inline(never)]
pub(super) fn two_bounds(base: &str, input: &str) -> Option<QuantReading> {
    // the first comparison begins the text, with its comparator or its figure: a text that
    // begins otherwise (most qualitative ones) is not searched
    let begins = input.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || lexicon::digit_value(c).is_some()
    }) || prefix_word(input).is_some();
    if input.len() > TWO_BOUNDS_MAX_BYTES || !begins {
        return None;
    }
    let mut prev: Option<char> = None;
    for (i, c) in input.char_indices() {
        let after_word = prev.is_some_and(|p| !p.is_ascii_digit() && p != '.');
        prev = Some(c);
        if i == 0 {
            continue;
        }
        let right = &input[i..];
        // the second comparison starts with its comparator, or (`10场以上20场以下`) with its
        // figure after the first one's word
        if !(prefix_word(right).is_some() || (c.is_ascii_digit() && after_word)) {
            continue;
        }
        let mut left = input[..i].trim_end();
        while let Some(l) = BOUND_JOINS.iter().find_map(|j| left.strip_suffix(j)) {
            left = l.trim_end();
        }
        if let Some(q) = bounds_of(base, left, right) {
            return Some(q);
        }
    }
    None
}

/// The range of the two comparisons `left` and `right`, where each reads as one, written,
/// pointing opposite ways.
fn bounds_of(base: &str, left: &str, right: &str) -> Option<QuantReading> {
    // (through `quantity_shape`, not `quantity_at`: the hot reader keeps its one caller, and
    // is inlined there as before)
    let a = super::quantity_shape(base, left)?;
    let b = super::quantity_shape(base, right)?;
    let (Form::Compare(Some(op_a)), Form::Compare(Some(op_b))) = (a.form, b.form) else {
        return None;
    };
    let (Some(a_upper), Some(b_upper)) = (upper(op_a), upper(op_b)) else {
        return None;
    };
    if a_upper == b_upper {
        return None;
    }
    // (the upper bound's comparator is the span of the operator: a ceiling written as one,
    // which `eval::reading`'s open top of a count's range leaves as written)
    let ((low, low_op), (high, high_op), op_span) = if a_upper {
        ((b.low, op_b), (a.low, op_a), a.op_span)
    } else {
        ((a.low, op_a), (b.low, op_b), b.op_span)
    };
    // the lower bound above the upper one (`≥20且≤10`), or written to another scale: no range
    let (Ok(l), Ok(h)) = (&low.value, &high.value) else {
        return None;
    };
    if low.magnitude != high.magnitude || l > h {
        return None;
    }
    Some(QuantReading {
        form: Form::Range,
        inclusive: (low_op == Op::Ge, high_op == Op::Le),
        op_span,
        low,
        high: Some(high),
        name_span: None,
    })
}

/// `=90%-95%`, `＝5-8次` (a 指标性质 of `=` joined before a range): the range is the target.
/// Any other comparator before a range stays unread.
#[inline(never)]
pub(super) fn equals_range(base: &str, input: &str) -> Option<QuantReading> {
    let rest = input
        .strip_prefix('=')
        .or_else(|| input.strip_prefix('＝'))?;
    let mut q = super::quantity_shape(base, ws(rest))?;
    if q.form != Form::Range {
        return None;
    }
    q.op_span = Some(offset(base, input)..offset(base, rest));
    Some(q)
}

// ---------------------------------------------------------------------------------------------
// Tolerances

fn strip_longest<'a>(input: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| input.strip_prefix(w))
}

fn synthetic(value: Value, span: Span, unit: Option<(Unit, Span)>) -> Side {
    Side {
        value,
        value_span: span,
        magnitude: None,
        unit,
    }
}

/// `±5%以内`, `误差±3%`, `偏差不超过±2个百分点`, `100±5`, `1000万元±5%`: a range around the value
/// written before `±`, or around 0 where none is (an error rate).
#[inline(never)]
pub(super) fn tolerance(base: &str, input: &str) -> Option<QuantReading> {
    let mut r = input;
    if let Some(rest) = strip_longest(r, lexicon::TOLERANCE_LEADS) {
        r = ws(rest);
    }
    let mut op_span = None;
    if let Some((rest, w)) = prefix_word(r) {
        if !matches!(
            w,
            OpWord::Op(Op::Le) | OpWord::Op(Op::Lt) | OpWord::Within | OpWord::Between
        ) {
            return None;
        }
        op_span = Some(offset(base, r)..offset(base, rest));
        r = ws(rest);
    }
    let center = if strip_longest(r, lexicon::PLUS_MINUS).is_some() {
        None
    } else {
        let (rest, c) = side(base, r)?;
        r = ws(rest);
        Some(c)
    };
    r = ws(strip_longest(r, lexicon::PLUS_MINUS)?);
    let (rest, tol) = side(base, r)?;
    r = ws(rest);
    if let Some(rest) = strip_longest(r, lexicon::TOLERANCE_TAILS) {
        r = ws(rest);
    } else if let Some((rest, SuffixWord::Op(Op::Le))) = suffix_word(r) {
        r = ws(rest);
    }
    if !r.is_empty() {
        return None;
    }
    let tol_unit = tol.unit.clone();
    let (low, high, unit) = match center {
        None => {
            let t = tol.value;
            (t.map(|t| -t), t, tol_unit)
        }
        Some(c) => {
            let c_unit = c.unit.clone();
            let same = match (&c_unit, &tol_unit) {
                (_, None) => true,
                (Some((a, _)), Some((b, _))) => a == b,
                // `100±5人`: the unit written once, after the tolerance.
                (None, Some((b, _))) => !b.is_percent(),
            };
            let spread: Value = if same {
                tol.value
            } else if tol_unit.as_ref().is_some_and(|(u, _)| u.is_percent())
                && c_unit.as_ref().is_some_and(|(u, _)| !u.is_percent())
            {
                // `1000万元±5%`: five per cent of the value.
                match (c.value, tol.value) {
                    (Ok(c), Ok(t)) => c
                        .checked_mul(t)
                        .map(|v| v / Decimal::ONE_HUNDRED)
                        .ok_or(crate::lang::number::Overflow),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                }
            } else {
                // `95±2%`: points or per cent of 95? Not read.
                return None;
            };
            let sub = match (c.value, spread) {
                (Ok(c), Ok(s)) => c.checked_sub(s).ok_or(crate::lang::number::Overflow),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let add = match (c.value, spread) {
                (Ok(c), Ok(s)) => c.checked_add(s).ok_or(crate::lang::number::Overflow),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            (sub, add, c_unit.or(if same { tol_unit } else { None }))
        }
    };
    let span = tol.value_span.clone();
    Some(QuantReading {
        form: Form::Range,
        inclusive: (true, true),
        op_span,
        low: synthetic(low, span.clone(), None),
        high: Some(synthetic(high, span, unit)),
        name_span: None,
    })
}

// ---------------------------------------------------------------------------------------------
// Periods

/// A month written in a period: `[YYYY年]M月[D日]`, `YYYY.MM`, or a bare month number before a
/// separator (`3-10月`).
fn period_point(input: &str) -> Option<(&str, Option<i32>, u32, Option<u32>)> {
    let mut rest = input;
    let mut year = None;
    // `2023.07`, `2023.1`: a year and a month.
    if let (Some(y), Some(r)) = (input.get(..4), input.get(4..))
        && y.bytes().all(|b| b.is_ascii_digit())
        && let Some(r) = r.strip_prefix(['.', '．', '/'])
    {
        let len = r.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&len) {
            return Some((
                &r[len..],
                Some(y.parse().ok()?),
                r[..len].parse().ok()?,
                None,
            ));
        }
    }
    if let Ok((r, y)) = small_number(rest)
        && (1900..=2999).contains(&y)
        && let Some(r) = r.strip_prefix('年')
    {
        year = Some(y as i32);
        rest = r;
    }
    let (r, m) = small_number(rest).ok()?;
    let r = r.strip_prefix('月').unwrap_or(r);
    let mut day = None;
    let mut rest = r;
    if let Ok((r2, d)) = small_number(r)
        && let Some(r3) = r2.strip_prefix('日').or_else(|| r2.strip_prefix('号'))
    {
        day = Some(d);
        rest = r3;
    }
    Some((rest, year, m, day))
}

/// Whether `body` starts like `2023.07`: a year and a month written with a dot.
pub(super) fn dotted_month(body: &str) -> bool {
    let b = body.as_bytes();
    b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'.' | b'/')
        && b[5].is_ascii_digit()
}

/// `2023/12/31`, `2023.12.31`, `2023-12-31前`, `2023-6-30之前完成`: a day written with figures, a
/// deadline by that day. Only whole dates: `2023.12` alone may be a number.
pub(super) fn numeric_day(body: &str) -> Option<CalendarDate> {
    let b = body.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let year: i32 = body[..4].parse().ok()?;
    let mut parts = body[5..].splitn(2, sep as char);
    let month: u32 = parts
        .next()
        .filter(|m| (1..=2).contains(&m.len()))?
        .parse()
        .ok()?;
    let rest = parts.next()?;
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let day: u32 = rest[..day_len].parse().ok()?;
    let rest = &rest[day_len..];
    let rest = strip_any(rest, lexicon::DAY_TAILS).unwrap_or(rest);
    let rest = strip_any(rest, DEADLINE_TAILS).unwrap_or(rest);
    if !rest.is_empty() {
        return None;
    }
    valid_date(Some(year), month, Some(day))
}

/// `2023年3月-10月`, `3月至10月`, `2023.07-2024.01`, `全年`, `上半年`, `第三季度前`: a deadline at
/// the end of the period (by its last month, included).
#[inline(never)]
pub(super) fn period(body: &str, default_year: Option<i32>) -> Option<CalendarDate> {
    period_span(body, default_year).map(|(_, end)| end)
}

/// [`period`] with the period's first month (or day) too: `2023年3月-10月` → 2023-03 to 2023-10,
/// `第三季度` → 07 to 09, `上半年`, `全年`, `2023年度` → from January.
pub(super) fn period_span(
    body: &str,
    default_year: Option<i32>,
) -> Option<(CalendarDate, CalendarDate)> {
    let (year, mut rest) = super::written_year(body);
    for w in lexicon::YEAR_WORDS {
        if let Some(r) = rest.strip_prefix(w) {
            rest = r;
            break;
        }
    }
    // `2023年度`, `2023年内`, `年度内完成`, `本年度内`: the whole year.
    let year_named = year.is_some() || rest.len() < body.len();
    if year_named {
        let r = rest.strip_prefix('度').unwrap_or(rest);
        let r = strip_any(r, lexicon::WITHIN_TAILS).unwrap_or(r);
        let r = strip_any(r, DEADLINE_TAILS).unwrap_or(r);
        if r.is_empty() && (year.is_some() || rest.len() < body.len()) {
            let y = year.or(default_year);
            return Some((valid_date(y, 1, None)?, valid_date(y, 12, None)?));
        }
    }
    if let Some((word, month)) = lexicon::PERIODS
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .copied()
    {
        rest = &rest[word.len()..];
        rest = strip_any(rest, lexicon::PERIOD_TAILS).unwrap_or(rest);
        rest = strip_any(rest, DEADLINE_TAILS).unwrap_or(rest);
        if !rest.is_empty() {
            return None;
        }
        // a quarter's three months; 下半年 from July; the others (上半年, 全年) from January
        let first = if word.contains('季') {
            month - 2
        } else if word == "下半年" {
            7
        } else {
            1
        };
        let y = year.or(default_year);
        return Some((valid_date(y, first, None)?, valid_date(y, month, None)?));
    }
    // A range of months: the first point, a separator, the last point.
    let (r, y1, m1, d1) = period_point(body)?;
    let r = ws(r);
    let r = lexicon::PERIOD_SEPARATORS
        .iter()
        .find_map(|s| r.strip_prefix(s))?;
    let (r, y2, m2, d2) = period_point(ws(r))?;
    // The last point must say it is a month (`10月`, `2024.01`), and the first one too unless
    // the last one does (`3-10月`).
    if !body.contains(['月', '.', '．']) {
        return None;
    }
    let r = strip_any(r, lexicon::MONTH_END_TAILS).unwrap_or(r);
    let r = strip_any(r, DEADLINE_TAILS).unwrap_or(r);
    if !ws(r).is_empty() {
        return None;
    }
    let y_start = y1.or(year).or(default_year);
    let y_end = y2.or(y_start);
    let start = valid_date(y_start, m1, d1)?;
    let end = valid_date(y_end, m2, d2)?;
    (start <= end || start.year.is_none()).then_some((start, end))
}

// ---------------------------------------------------------------------------------------------
// Relative targets

/// A relative target as read: operator, signed change, its unit and where they sit.
pub(super) struct RelativeReading {
    pub op: Op,
    pub change: Value,
    pub unit: Option<(Unit, Span)>,
    pub op_span: Option<Span>,
    pub value_span: Option<Span>,
}

fn base_word(input: &str) -> Option<&str> {
    strip_longest(input, lexicon::RELATIVE_BASES)
}

/// The operator a change takes: at least 10% up is `>=` of the raised baseline; at least 5% down
/// is `<=` of the lowered one.
fn change_op(up: bool, written: Op) -> Op {
    if up { written } else { written.reversed() }
}

/// `较上年增长10%`, `比上年提高2个百分点`, `同比下降5%以上`, `不低于上年`, `>= 上年 + 10 %`.
pub(super) fn relative(base: &str) -> Option<RelativeReading> {
    let mut r = base;
    // `不低于上年`, `>= 上年 + 10 %`: an operator, then the baseline.
    let written = match symbol_op(r) {
        Ok((rest, op)) => Some((op, 0..offset(base, rest), rest)),
        Err(_) => match prefix_word(r) {
            Some((rest, OpWord::Op(op))) => Some((op, 0..offset(base, rest), rest)),
            _ => None,
        },
    };
    if let Some((op, span, rest)) = written {
        let after = ws(rest);
        let after_base = ws(base_word(after)?);
        let after_base = strip_any(after_base, lexicon::RELATIVE_BASE_TAILS).unwrap_or(after_base);
        let after_base = ws(after_base);
        if after_base.is_empty() {
            return Some(RelativeReading {
                op,
                change: Ok(Decimal::ZERO),
                unit: None,
                op_span: Some(span),
                value_span: None,
            });
        }
        // The canonical `上年 + 10 %`.
        let (negative, r) = match after_base.chars().next()? {
            '+' => (false, ws(&after_base[1..])),
            '-' => (true, ws(&after_base[1..])),
            _ => return None,
        };
        let (rest, s) = side(base, r)?;
        if !ws(rest).is_empty() || s.magnitude.is_some() {
            return None;
        }
        return Some(RelativeReading {
            op,
            change: if negative {
                s.value.map(|v| -v)
            } else {
                s.value
            },
            unit: s.unit,
            op_span: Some(span),
            value_span: Some(s.value_span),
        });
    }
    // `较上年增长10%`: the baseline, which way, then how much.
    r = ws(base_word(r)?);
    r = ws(r.strip_prefix('的').unwrap_or(r));
    let (word, up) = lexicon::RELATIVE_CHANGES
        .iter()
        .find(|(w, _)| r.starts_with(w))
        .copied()?;
    r = ws(&r[word.len()..]);
    r = ws(strip_any(r, lexicon::RELATIVE_FILLERS).unwrap_or(r));
    let mut written = None;
    let mut op_span = None;
    if let Some((rest, w)) = prefix_word(r) {
        match w {
            OpWord::Op(op) => written = Some(op),
            OpWord::Reach => written = Some(Op::Ge),
            OpWord::Within => written = Some(Op::Le),
            _ => return None,
        }
        op_span = Some(offset(base, r)..offset(base, rest));
        r = ws(rest);
    }
    let (rest, s) = side(base, r)?;
    r = ws(rest);
    if let Some((rest, w)) = suffix_word(r) {
        match (w, written) {
            (SuffixWord::Op(op), None) => written = Some(op),
            (SuffixWord::Op(_), Some(_)) => {}
            _ => return None,
        }
        if op_span.is_none() {
            op_span = Some(offset(base, r)..offset(base, rest));
        }
        r = ws(rest);
    }
    if !r.is_empty() {
        return None;
    }
    Some(RelativeReading {
        op: change_op(up, written.unwrap_or(Op::Ge)),
        change: if up { s.value } else { s.value.map(|v| -v) },
        unit: s.unit,
        op_span,
        value_span: Some(s.value_span),
    })
}

/// An indicator whose name carries the baseline and the direction (`化学农药量较上年减少`,
/// `接待人次同比增长率`): `Some(true)` up, `Some(false)` down.
pub(super) fn name_relative(indicator: Option<&str>) -> Option<bool> {
    let name = indicator?;
    // Every baseline word holds one of these (traditional spellings too); one pass over the
    // characters first, the words only where one of their first characters is there.
    if !holds_baseline_word(name) {
        return None;
    }
    let name: String = name.chars().map(lexicon::simplify).collect();
    lexicon::RELATIVE_BASES.iter().find_map(|b| {
        let after = &name[name.find(b)? + b.len()..];
        let after = after.strip_prefix('的').unwrap_or(after);
        lexicon::RELATIVE_CHANGES
            .iter()
            .find(|(w, _)| after.starts_with(w))
            .map(|(_, up)| *up)
    })
}

/// Whether `name` holds `上年`, `去年` or `同比`.
fn holds_baseline_word(name: &str) -> bool {
    holds_any(name, &["上年", "去年", "同比"])
}

/// Whether `text` holds one of `words`: the words' last bytes (at most three distinct)
/// searched for with one memchr pass and, at each, the bytes before compared with the words
/// that end in it, where `str::contains` sets a searcher up a word (a hundred instructions and
/// more before the first byte is looked at, on names of a few characters asked of every bare
/// value) and a pass a word cost three passes over the name.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub(super) fn holds_any(text: &str, words: &[&str]) -> bool {
    let b = text.as_bytes();
    let mut lasts = [0u8; 3];
    let mut n = 0;
    for w in words {
        let Some(&last) = w.as_bytes().last() else {
            return true;
        };
        if !lasts[..n].contains(&last) {
            if n == lasts.len() {
                return words.iter().any(|w| holds_word(b, w.as_bytes()));
            }
            lasts[n] = last;
            n += 1;
        }
    }
    let ends_a_word = |i: usize| {
        words.iter().any(|w| {
            let w = w.as_bytes();
            w.last() == Some(&b[i]) && i + 1 >= w.len() && &b[i + 1 - w.len()..=i] == w
        })
    };
    match n {
        0 => false,
        1 => memchr::memchr_iter(lasts[0], b).any(ends_a_word),
        2 => memchr::memchr2_iter(lasts[0], lasts[1], b).any(ends_a_word),
        _ => memchr::memchr3_iter(lasts[0], lasts[1], lasts[2], b).any(ends_a_word),
    }
}

/// Whether `b` holds the bytes of `w` (not empty), found by its last byte.
fn holds_word(b: &[u8], w: &[u8]) -> bool {
    let Some(&last) = w.last() else {
        return true;
    };
    memchr::memchr_iter(last, b).any(|i| i + 1 >= w.len() && &b[i + 1 - w.len()..=i] == w)
}

/// Where `word` first begins in `text` (as `str::find` says), found by its last byte: no
/// searcher set up for a short name.
pub(super) fn find_word(text: &str, word: &str) -> Option<usize> {
    let (b, w) = (text.as_bytes(), word.as_bytes());
    let Some(&last) = w.last() else {
        return Some(0);
    };
    memchr::memchr_iter(last, b)
        .find(|&i| i + 1 >= w.len() && &b[i + 1 - w.len()..=i] == w)
        .map(|i| i + 1 - w.len())
}

/// The relative target of a bare value under such a name: `2%` under `…较上年减少` is
/// `<= 上年 - 2 %`.
pub(super) fn relative_from_name(up: bool, value: Decimal) -> (Op, Decimal) {
    (change_op(up, Op::Ge), if up { value } else { -value })
}

// ---------------------------------------------------------------------------------------------
// Dates exported as numbers

/// The civil date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `=44,561` under `项目财政资金到位时间`: a spreadsheet's date serial (days from 1899-12-30)
/// exported as a number, read as the date it is, where the name says it is a time and the number
/// is a day of 2000–2099. Anything else stays a number.
pub(super) fn spreadsheet_date(body: &str, indicator: Option<&str>) -> Option<CalendarDate> {
    if body.len() > 8
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'=')
    {
        return None;
    }
    serial_date(body, indicator?)
}

/// [`spreadsheet_date`] past its look at the bytes (out of line: few targets are a bare
/// number of at most 8 bytes under a name of a time).
#[inline(never)]
fn serial_date(body: &str, name: &str) -> Option<CalendarDate> {
    if !holds_any(name, &["时间", "日期", "時間"]) {
        return None;
    }
    let digits = body.strip_prefix(['=', '＝']).map(ws).unwrap_or(body);
    let (rest, value) = crate::lang::number::arabic(digits).ok()?;
    let value = value.ok()?;
    if !rest.is_empty() || !value.fract().is_zero() {
        return None;
    }
    let serial = i64::try_from(value.trunc().mantissa()).ok()?;
    // 2000-01-01 is serial 36526; 2099-12-31 is 73050.
    if !(36_526..=73_050).contains(&serial) {
        return None;
    }
    let (y, m, d) = civil_from_days(serial - 25_569);
    valid_date(Some(y as i32), m, Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`qualifier`]'s first-character test: the table is each word's first character, and
    /// the answer is the one of the comparison against every word.
    #[test]
    fn the_qualifier_table_is_the_words_first_characters() {
        for (w, c) in lexicon::QUALIFIERS.iter().zip(QUALIFIER_FIRSTS) {
            assert_eq!(w.chars().next(), Some(c), "{w}");
        }
        fn every_word(body: &str) -> Option<(&'static str, &str)> {
            lexicon::QUALIFIERS.iter().find_map(|q| {
                let rest = ws(body.strip_prefix(q)?);
                (!rest.is_empty()).then_some((*q, rest))
            })
        }
        for body in [
            "力争95%",
            "均≥90%",
            "均为100%",
            "须达到100%",
            "确保完成",
            "均",
            "应 ",
            "全部完成",
            "年均增长5%",
            "正常开展",
            "95%",
            "",
            "a",
            "需",
            "需要完成",
        ] {
            assert_eq!(qualifier(body), every_word(body), "{body}");
        }
    }

    /// [`per_units`]' first-character test lets through every per-unit and per-head word.
    #[test]
    fn every_per_word_passes_the_first_character_test() {
        let words = lexicon::PER_HEAD
            .iter()
            .map(|(w, _)| *w)
            .chain([lexicon::PER_WORD]);
        for w in words {
            let text = format!("{w}人300元");
            assert!(!per_units(&text).0.is_empty(), "{w}");
        }
    }

    /// The byte search finds the baseline words (and others) exactly where a substring search
    /// does, among characters sharing their last bytes (ideographs ending 0xB4 or 0x94), at
    /// every position.
    #[test]
    fn baseline_words_are_found_as_a_substring_search_finds_them() {
        let pieces = [
            "上",
            "去",
            "同",
            "年",
            "比",
            "较",
            "率",
            "丁",
            "甴",
            "达",
            "a",
            "1",
            "上年",
            "去年",
            "同比",
            "上一年",
            "年比",
        ];
        let ending: Vec<char> = ('\u{4e00}'..='\u{9fff}')
            .filter(|c| {
                let mut b = [0; 4];
                matches!(c.encode_utf8(&mut b).as_bytes()[2], 0xB4 | 0x94)
            })
            .take(40)
            .collect();
        let mut seconds: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        seconds.extend(ending.iter().map(char::to_string));
        let mut n = 0;
        for a in pieces {
            for b in &seconds {
                for c in ["", "率", "上", "比"] {
                    let name = format!("{c}{a}{b}{c}");
                    let want =
                        name.contains("上年") || name.contains("去年") || name.contains("同比");
                    assert_eq!(holds_baseline_word(&name), want, "{name}");
                    for words in [
                        &["时间", "日期"][..],
                        &["年"],
                        &["a1"],
                        &[""],
                        &["上年", "去年", "同比"],
                        &["时间", "日期", "時間"],
                        &["年", "比", "时间", "a1"],
                        &["年", "比", "a1", "日期"],
                        &[],
                    ] {
                        let want = words.iter().any(|w| name.contains(w));
                        assert_eq!(holds_any(&name, words), want, "{name} {words:?}");
                    }
                    n += usize::from(want);
                }
            }
        }
        assert!(n > 50, "{n}");
    }

    #[test]
    fn spreadsheet_serials_are_dates_only_under_a_time_name() {
        let date = |y, m, d| CalendarDate {
            year: Some(y),
            month: m,
            day: Some(d),
        };
        let when = Some("项目财政资金到位时间");
        assert_eq!(spreadsheet_date("=44,561", when), Some(date(2021, 12, 31)));
        assert_eq!(spreadsheet_date("44561", when), Some(date(2021, 12, 31)));
        assert_eq!(spreadsheet_date("36526", when), Some(date(2000, 1, 1)));
        assert_eq!(spreadsheet_date("45352", when), Some(date(2024, 3, 1)));
        assert_eq!(spreadsheet_date("44561", Some("出差人数")), None);
        assert_eq!(spreadsheet_date("12", when), None);
        assert_eq!(spreadsheet_date("44561.5", when), None);
        assert_eq!(spreadsheet_date("=44561天", when), None);
    }

    #[test]
    fn days_written_with_figures() {
        let day = |m, d| CalendarDate {
            year: Some(2023),
            month: m,
            day: Some(d),
        };
        assert_eq!(numeric_day("2023/12/31"), Some(day(12, 31)));
        assert_eq!(numeric_day("2023.6.30前"), Some(day(6, 30)));
        assert_eq!(numeric_day("2023-12-31前完成"), Some(day(12, 31)));
        assert_eq!(numeric_day("2023.12"), None);
        assert_eq!(numeric_day("2023.12.32"), None);
        assert_eq!(numeric_day("2023/12/31以后"), None);
    }
}
