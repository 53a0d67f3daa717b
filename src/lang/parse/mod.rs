//! The grammar of free-text targets: nom parsers over the text as written (full-width digits and
//! symbols are read in place, traditional characters through a same-length simplified copy), so
//! every span points at the original characters.
//!
//! A target is tried, in order, as: the canonical quoted text; a yes/no word or question; a plan
//! reference; a deadline; a period (a deadline at its end); a spreadsheet date under a time name;
//! a relative target; a quantity (compare, range, approximate; chained comparisons and
//! tolerances are ranges), possibly behind a restated indicator name. What none of these reads
//! whole is tried once more past a leading qualifier (`力争`, `均`, `须`), and otherwise is
//! qualitative: nothing is guessed. The indicator name may carry a unit or an operator template
//! (`苗木成活率(≥**%)`); bare values take their operator from a [`Directions`] source. The shapes
//! added for issue 18 live in the child module `shapes`.
//!
//! Speed (issue 28): one pass over the text first finds which of the characters the readers
//! look for it holds (child module `marks`), and each reader past the quoted and yes/no ones is
//! tried only where one of its characters is there: a plain `≥95%` pays nothing for the plan,
//! deadline, period, relative, question and distributive readers, nor for a simplified copy.

// The hot section's start on a 4 KB boundary (x86-64 Linux): an empty piece of the section
// that asks for that alignment, which the section takes (its largest). Where an edit elsewhere
// moves the block, it then moves by whole 4 KB, so each of its lines keeps its set of the
// instruction cache (64 sets of 64-byte lines) and its lines their cut at 64 bytes: the block's
// misses depend only on the block's own code (benches/README.md, session 23, H165). Costs at
// most 4 KB of padding in the binary. It lives here, in the module of the parser's own hot
// functions, not in `lang/mod.rs`: a test build links the library's code units that the binary
// uses, and a unit holding only this piece (as `lang/mod.rs`'s was) was left out.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
core::arch::global_asm!(
    ".pushsection .text.hot.jixiao,\"ax\",@progbits",
    ".p2align 12",
    ".popsection",
);

use std::borrow::Cow;

use nom::IResult;

use super::ast::Direction;
use super::ast::{
    CalendarDate, ErrorKind, Op, Origin, Parsed, Provenance, Quantity, Span, Spans, Target, Unit,
};
use super::direction::{Always, Directions, Subject};
use super::lexicon::{self, OpWord, SuffixWord};
use super::number::{self, Overflow, Value};

mod marks;
mod shapes;

use marks::Marks;

/// The longest target text read; a longer one answers with [`ErrorKind::TooLong`].
pub const MAX_TARGET_BYTES: usize = 4096;

/// What the parser may know besides the text.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The indicator name (三级指标), for restated names, name templates and directions.
    pub indicator: Option<&'a str>,
    /// The category (一级指标), for directions.
    pub category: Option<&'a str>,
    /// The subcategory (二级指标), for directions.
    pub subcategory: Option<&'a str>,
    /// The year of the table, for deadlines that do not write one.
    pub year: Option<i32>,
    /// Where bare values take their operator from.
    pub directions: &'a dyn Directions,
}

// `Context::default()` takes directions from the bundled rule set: it is implemented in
// `rules` (`rules/set.rs`), which knows that set; this room never sees a rule.

impl<'a> Context<'a> {
    /// A context that reads every bare value as higher-is-better (`op_from` `rule:literal`),
    /// without consulting any rule set: for reading quantities inside rule files.
    pub fn unruled() -> Self {
        Context {
            indicator: None,
            category: None,
            subcategory: None,
            year: None,
            directions: &Always(Direction::Higher, "literal"),
        }
    }

    pub fn with_indicator(mut self, indicator: Option<&'a str>) -> Self {
        self.indicator = indicator;
        self
    }
}

/// Read one target.
pub fn parse(text: &str, ctx: &Context<'_>) -> Parsed {
    let mut parsed = Parsed::empty();
    parse_marked(text, ctx, Marks::of, &mut parsed);
    parsed
}

/// [`parse`] into `out` (its old reading dropped): a caller that reads line after line keeps
/// one `Parsed` and does not move the reading out (some 380 bytes copied a target).
pub fn parse_into(text: &str, ctx: &Context<'_>, out: &mut Parsed) {
    parse_marked(text, ctx, Marks::of, out);
}

/// [`parse`] into `out` with the marks that gate the readers from `marks_of` (tests open every
/// gate with it, to show that the gates hide no reading).
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn parse_marked(text: &str, ctx: &Context<'_>, marks_of: impl Fn(&str) -> Marks, out: &mut Parsed) {
    if text.len() > MAX_TARGET_BYTES {
        *out = Parsed {
            target: Target::Error {
                message: ErrorKind::TooLong,
            },
            provenance: Provenance::default(),
            spans: Spans {
                text: 0..text.len(),
                ..Spans::default()
            },
        };
        return;
    }
    // one pass finds the characters the readers need (and whether any is traditional)
    let marks = marks_of(text);
    let simplified = if marks.any(Marks::TRADITIONAL) {
        Cow::Owned(text.chars().map(lexicon::simplify).collect())
    } else {
        Cow::Borrowed(text)
    };
    let s: &str = &simplified;
    let start = s.len() - ws(s).len();
    let mut end = start + trim(&s[start..]).len();
    let trimmed_ws_end = end;
    while let Some(c) = s[start..end].chars().next_back() {
        if lexicon::is_trailing_punct(c) {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    let body = &s[start..end];
    let base_spans = || Spans {
        text: start..end,
        trailing: (end < trimmed_ws_end).then_some(end..trimmed_ws_end),
        ..Spans::default()
    };
    // (read into one `Parsed` in place: no target, provenance and spans moved a reading)
    *out = Parsed {
        target: Target::Empty,
        provenance: Provenance::default(),
        spans: base_spans(),
    };
    read_body(&text[start..end], body, marks, start, ctx, out);
    // `力争95%`, `均≥90%`, `须达到100%`: a qualifier in front, read past where the whole text
    // does not read.
    if matches!(out.target, Target::Qualitative { .. })
        && let Some((word, rest)) = shapes::qualifier(body)
    {
        let at = start + offset(body, rest);
        let mut again = Parsed {
            target: Target::Empty,
            provenance: Provenance::default(),
            spans: base_spans(),
        };
        read_body(&text[at..end], rest, marks_of(rest), at, ctx, &mut again);
        if !matches!(again.target, Target::Qualitative { .. } | Target::Empty) {
            again.provenance.qualifier = Some(word);
            again.spans.qualifier = Some(start..start + word.len());
            *out = again;
        }
    }
    // `门诊和住院满意度分别≥90%`, `分别达到95%`, `各不少于3次`: a comparison after a
    // distributive word applies to each item (the name's, or those written before the word);
    // tried only where nothing above read, the word looked for only then
    if matches!(out.target, Target::Qualitative { .. })
        && marks.any(Marks::DISTRIBUTIVE)
        && let Some((word, items, rest)) = shapes::distributive(body)
    {
        let at = start + offset(body, rest);
        let mut again = Parsed {
            target: Target::Empty,
            provenance: Provenance::default(),
            spans: base_spans(),
        };
        read_body(&text[at..end], rest, marks_of(rest), at, ctx, &mut again);
        if matches!(
            again.target,
            Target::Compare { .. } | Target::Range { .. } | Target::Approximate { .. }
        ) {
            again.provenance.distributive = Some(word);
            again.spans.items = (!items.is_empty()).then(|| start..start + items.len());
            *out = again;
        }
    }
    // `≥10场且≤20场`, `大于5%小于10%`, `=90%-95%`: two comparisons, one each way, or `=` before
    // a range; tried only where nothing above read a text holding a figure (out of line)
    if matches!(out.target, Target::Qualitative { .. }) && marks.any(Marks::NUMBER) {
        two_bounds_again(body, start, ctx, out);
    }
    if marks.any(Marks::LOOSE) {
        loose_count(out);
    }
    if marks.any(Marks::MONTH) && matches!(out.target, Target::Compare { .. }) {
        month_in_words(s, ctx, out);
        deadline_word_unit(text, out);
    }
}

/// A comparison whose unit is [`lexicon::MONTH_DEADLINE_WORDS`]' (`13月底前`): left qualitative, as a text
/// that does not read (the evaluator names the date that does not exist: `lang::dates`).
#[inline(never)]
fn deadline_word_unit(text: &str, out: &mut Parsed) {
    let Target::Compare { quantity, .. } = &out.target else {
        return;
    };
    if !quantity
        .unit
        .as_ref()
        .is_some_and(|u| lexicon::MONTH_DEADLINE_WORDS.contains(&u.as_str()))
    {
        return;
    }
    let at = out.spans.text.clone();
    out.spans = Spans {
        text: at.clone(),
        trailing: out.spans.trailing.clone(),
        ..Spans::default()
    };
    out.provenance = Provenance::default();
    out.target = Target::Qualitative {
        text: text[at].into(),
    };
}

/// A qualitative reading read again as a range written as two comparisons or with `=` before
/// it ([`shapes::two_bounds`], [`shapes::equals_range`]), behind a restated name or not; `out`
/// left as it is where neither reads. Out of line: the readers' hot code does not hold it.
#[inline(never)]
fn two_bounds_again(body: &str, start: usize, ctx: &Context<'_>, out: &mut Parsed) {
    let read =
        |input: &str| shapes::two_bounds(body, input).or_else(|| shapes::equals_range(body, input));
    let mut q = read(body);
    // behind a restated name (`演出场次≥10场且≤20场`) only where an ASCII figure or symbol is
    // written: a qualitative sentence is not looked at again
    if q.is_none()
        && body
            .bytes()
            .any(|b| b.is_ascii_digit() || matches!(b, b'<' | b'>' | b'='))
        && let Some(split) = restated_name_end(body, ctx.indicator)
    {
        q = read(&body[split..]);
        if let Some(q) = &mut q {
            q.name_span.get_or_insert(0..split);
        }
    }
    let Some(mut q) = q else {
        return;
    };
    let mut again = Parsed {
        target: Target::Empty,
        provenance: Provenance::default(),
        spans: out.spans.clone(),
    };
    let shift = |r: Span| (r.start + start)..(r.end + start);
    spans_of(&q, shift, &mut again.spans, &mut again.provenance);
    if let Some(t @ Target::Range { .. }) =
        build_quantitative::<true>(&mut q, ctx, &mut again.provenance)
    {
        again.target = t;
        *out = again;
    }
}

/// `100余人`, `100多人` (more than 100 人: `> 100 人`, the comparison the text's own) and
/// `100来人` (about 100 人), which the readers above give as a figure in the unit `余人`,
/// `多人`, `来人`: read again as what they say. A unit that is the word alone (`100多`) or
/// goes on in letters (`100余m`) is left as read.
fn loose_count(out: &mut Parsed) {
    let (Target::Compare { quantity, .. } | Target::Approximate { quantity }) = &out.target else {
        return;
    };
    let Some(unit) = quantity.unit.as_ref().map(Unit::as_str) else {
        return;
    };
    let Some(word) = unit
        .chars()
        .next()
        .filter(|c| matches!(c, '余' | '多' | '来'))
    else {
        return;
    };
    let rest = &unit[word.len_utf8()..];
    if rest.is_empty() || !rest.chars().all(is_cjk) {
        return;
    }
    let quantity = Quantity::new(quantity.value, Some(normalise_unit(rest)));
    let word_at = out
        .spans
        .unit
        .as_ref()
        .map(|u| u.start..u.start + word.len_utf8());
    out.target = match out.target {
        // a comparison the text writes itself stays (`≥100余人`, `不超过100多人`): only the
        // unit is mended, as is an approximate value's (`约100多人`)
        Target::Compare { op, .. } if out.provenance.op == Some(Origin::Text) => {
            Target::Compare { op, quantity }
        }
        Target::Approximate { .. } => Target::Approximate { quantity },
        _ if word == '来' => {
            out.provenance.op = None;
            Target::Approximate { quantity }
        }
        _ => {
            out.provenance.op = Some(Origin::Text);
            out.spans.op = word_at.clone();
            Target::Compare {
                op: Op::Gt,
                quantity,
            }
        }
    };
    if let Some(u) = out.spans.unit.as_mut()
        && let Some(w) = word_at
    {
        u.start = w.end;
    }
}

/// Names that say an indicator is a time, where `≤11月` is a date: `完成时间`, `验收日期`.
const TIME_NAMES: &[&str] = &["时间", "日期", "時間"];

/// Names that say an indicator is a length of time, where `≤11月` would be a duration.
const DURATION_NAMES: &[&str] = &[
    "时长", "周期", "工期", "用时", "期限", "时限", "月数", "天数",
];

/// `小于等于11月`, `不超过11月` (a comparison in words before `N月`, which the symbols' deadline
/// reader does not take) read as a deadline, as `≤11月` is, where the indicator is a time: its
/// name says so (`完成时间`), or it is a 时效指标 whose name says no length of time (`周期`,
/// `时长`). Elsewhere it stays a number of months (`培训时长不超过11月`). `11个月` is always
/// a duration. Asked only of comparisons of a text holding `月`.
fn month_in_words(text: &str, ctx: &Context<'_>, out: &mut Parsed) {
    let Target::Compare {
        op: op @ (Op::Le | Op::Lt),
        quantity,
    } = &out.target
    else {
        return;
    };
    let written_month = out.spans.unit.as_ref().and_then(|u| text.get(u.clone())) == Some("月");
    if !written_month
        || out.provenance.op != Some(Origin::Text)
        || !quantity.value.fract().is_zero()
    {
        return;
    }
    let name = ctx.indicator.unwrap_or("");
    let timely = shapes::holds_any(name, TIME_NAMES)
        || (ctx.subcategory.is_some_and(|s| s.contains("时效"))
            && !shapes::holds_any(name, DURATION_NAMES));
    let Some(month) = u32::try_from(quantity.value.trunc().mantissa())
        .ok()
        .filter(|_| timely)
    else {
        return;
    };
    if let Some(date) = valid_date(ctx.year, month, None) {
        out.target = Target::Deadline { op: *op, date };
        out.provenance.unit = None;
        out.spans.value = None;
        out.spans.unit = None;
    }
}

/// Where the period a target names begins (`2023年3月-10月` → 2023-03, `第三季度` → 07,
/// `上半年` → 01), or `None` where the text names no period (`2023年6月底前`): the start of the
/// planned time of a deadline read from a period.
pub fn period_start(text: &str, year: Option<i32>) -> Option<CalendarDate> {
    let simplified = simplify(text);
    let body = simplified
        .trim()
        .trim_end_matches(lexicon::is_trailing_punct);
    shapes::period_span(body, year).map(|(start, _)| start)
}

/// Reads one trimmed body (`written` is the same text as written, `body` its simplified copy,
/// `marks` the characters it holds, `start` where both begin in the whole text): the target,
/// where its parts came from, where they sit. Each reader past the first ones is tried only where
/// the marks hold a character it needs. Written into `out`, whose provenance is the default
/// and whose spans hold the text's and the trailing punctuation's.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn read_body(
    written: &str,
    body: &str,
    marks: Marks,
    start: usize,
    ctx: &Context<'_>,
    out: &mut Parsed,
) {
    let spans = &mut out.spans;
    let provenance = &mut out.provenance;
    let shift = |r: Span| (r.start + start)..(r.end + start);
    out.target = if body.is_empty() {
        Target::Empty
    } else if let Some(t) = quoted(written) {
        t
    } else if let Some(expected) = yes_no(body, marks) {
        Target::Boolean { expected }
    } else if let Some((op, op_span)) = (marks.any(Marks::PLAN)
        && shapes::holds_any(body, &["计划", "进度"]))
    .then(|| plan(body))
    .flatten()
    {
        provenance.op = Some(Origin::Text);
        spans.op = op_span.map(shift);
        Target::Plan {
            op: op.unwrap_or(Op::Ge),
        }
    } else if let Some(d) = (marks.any(Marks::MONTH | Marks::YEAR | Marks::END | Marks::DASH)
        || shapes::dotted_month(body))
    .then(|| deadline(body, ctx.year))
    .flatten()
    {
        provenance.op = Some(Origin::Text);
        spans.op = d.op_span.map(shift);
        Target::Deadline {
            op: d.op,
            date: d.date,
        }
    } else if let Some(date) = (marks.any(Marks::MONTH | Marks::YEAR | Marks::QUARTER)
        || shapes::dotted_month(body))
    .then(|| shapes::period(body, ctx.year))
    .flatten()
    {
        provenance.op = Some(Origin::Period);
        Target::Deadline { op: Op::Le, date }
    } else if let Some(date) = shapes::spreadsheet_date(body, ctx.indicator) {
        // The name says it is a time: the number is a date serial, a deadline by that day.
        provenance.op = Some(Origin::Name);
        Target::Deadline { op: Op::Le, date }
    } else if let Some(rel) = ((marks.any(Marks::LAST)
        && marks.any(Marks::YEAR)
        && shapes::holds_any(body, &[lexicon::CANONICAL_BASE, "去年"]))
        || (marks.any(Marks::SAME) && shapes::holds_any(body, &["同比"])))
    .then(|| relative_reading(body, ctx.indicator))
    .flatten()
    {
        provenance.op = Some(Origin::Text);
        spans.op = rel.op_span.map(shift);
        spans.value = rel.value_span.map(shift);
        spans.unit = rel.unit.as_ref().map(|u| shift(u.1.clone()));
        match rel.change {
            Ok(change) => Target::Relative {
                op: rel.op,
                change,
                unit: rel.unit.map(|u| u.0),
            },
            Err(_) => Target::Error {
                message: ErrorKind::Overflow,
            },
        }
    } else if let Some(target) = if marks.any(Marks::NUMBER) {
        quantitative_target(body, ctx, shift, spans, provenance)
    } else {
        None
    } {
        target
    } else {
        // A quantity that did not hold together leaves no parts behind.
        *spans = Spans {
            text: spans.text.clone(),
            trailing: spans.trailing.clone(),
            ..Spans::default()
        };
        *provenance = Provenance::default();
        Target::Qualitative {
            text: written.into(),
        }
    };
}

/// `较上年增长10%`, or with the name restated in front (`完成率≥上年`): a change against a
/// baseline. Out of line (as the plan, deadline and period readings): a rare shape's code kept
/// out of [`read_body`], whose hot lines the parse hot section holds (`src/lang/mod.rs`).
#[inline(never)]
fn relative_reading(body: &str, indicator: Option<&str>) -> Option<shapes::RelativeReading> {
    shapes::relative(body).or_else(|| {
        // `完成率≥上年`: the name restated in front.
        let split = restated_name_end(body, indicator)?;
        let mut r = shapes::relative(&body[split..])?;
        let moved = |s: Span| (s.start + split)..(s.end + split);
        r.op_span = r.op_span.map(moved);
        r.value_span = r.value_span.map(moved);
        r.unit = r.unit.map(|(u, s)| (u, moved(s)));
        Some(r)
    })
}

/// The quantity `body` reads as, its parts' spans and provenance written as it is read.
fn quantitative_target(
    body: &str,
    ctx: &Context<'_>,
    shift: impl Fn(Span) -> Span,
    spans: &mut Spans,
    provenance: &mut Provenance,
) -> Option<Target> {
    let mut q = quantitative(body, ctx.indicator)?;
    spans_of(&q, shift, spans, provenance);
    build_quantitative::<false>(&mut q, ctx, provenance)
}

/// The spans of a quantity's parts (`shift`ed into the whole text) and whether it restates the
/// name.
#[inline(always)]
fn spans_of(
    q: &QuantReading,
    shift: impl Fn(Span) -> Span,
    spans: &mut Spans,
    provenance: &mut Provenance,
) {
    spans.op = q.op_span.clone().map(&shift);
    spans.value = Some(shift(q.low.value_span.clone()));
    spans.high = q.high.as_ref().map(|h| shift(h.value_span.clone()));
    spans.unit = q
        .high
        .as_ref()
        .and_then(|h| h.unit.as_ref())
        .or(q.low.unit.as_ref())
        .map(|u| shift(u.1.clone()));
    spans.name = q.name_span.clone().map(&shift);
    provenance.restated_name = q.name_span.is_some();
}

/// The text with traditional characters replaced one for one (same byte length), borrowed when
/// there are none.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn simplify(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(lexicon::is_traditional) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(lexicon::simplify).collect())
}

#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn ws(input: &str) -> &str {
    // most text read on from does not begin with a blank: one byte tells
    match input.as_bytes().first() {
        Some(&b) if may_begin_blank(b) => input.trim_start_matches(|c: char| c.is_whitespace()),
        _ => input,
    }
}

/// Whether a character beginning with byte `b` may be whitespace (`char::is_whitespace`): the
/// ASCII blanks, and the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000. One
/// load from a table made when compiled (asked some fourteen times a target, at each blank
/// that may follow a token).
#[inline]
fn may_begin_blank(b: u8) -> bool {
    static BLANK_LEADS: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = matches!(i as u8, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
            i += 1;
        }
        t
    };
    BLANK_LEADS[usize::from(b)]
}

/// `text` without blanks at either end, as `str::trim` (most texts have none: the first byte
/// of their first and of their last character tell).
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    // the last character's first byte: the last byte that is no continuation byte
    let last = b.iter().rev().take(4).find(|&&x| x & 0xC0 != 0x80);
    match (b.first(), last) {
        (Some(&first), Some(&last)) if !may_begin_blank(first) && !may_begin_blank(last) => text,
        _ => text.trim(),
    }
}

fn offset(whole: &str, rest: &str) -> usize {
    whole.len() - rest.len()
}

fn nom_fail(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag))
}

// ---------------------------------------------------------------------------------------------
// Quoted text, yes/no, plan

/// `"正常开展"`: the canonical form of a qualitative target (the first and last byte tell
/// inline; the text is read out of line, rare in forms).
#[inline]
fn quoted(body: &str) -> Option<Target> {
    let inner = body.strip_prefix('"')?.strip_suffix('"')?;
    quoted_text(inner)
}

#[cold]
#[inline(never)]
fn quoted_text(inner: &str) -> Option<Target> {
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.push(chars.next()?),
            '"' => return None,
            c => text.push(c),
        }
    }
    Some(Target::Qualitative { text: text.into() })
}

fn yes_no(body: &str, marks: Marks) -> Option<bool> {
    // the whole body as one of the words: one hash look instead of a comparison a word, and
    // none where the body is longer than every word or begins with a byte none begins with
    // (`95%`, a sentence)
    struct Words {
        map: rustc_hash::FxHashMap<&'static str, bool>,
        longest: usize,
        first: [bool; 256],
    }
    static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
        let mut words = Words {
            map: rustc_hash::FxHashMap::default(),
            longest: 0,
            first: [false; 256],
        };
        // a word on both lists is a yes (the yes list was looked at first)
        for (list, yes) in [(lexicon::NO_WORDS, false), (lexicon::YES_WORDS, true)] {
            for w in list {
                words.map.insert(*w, yes);
                words.longest = words.longest.max(w.len());
                if let Some(&b) = w.as_bytes().first() {
                    words.first[usize::from(b)] = true;
                }
            }
        }
        words
    });
    let words = &*WORDS;
    if body.len() <= words.longest
        && body
            .as_bytes()
            .first()
            .is_some_and(|&b| words.first[usize::from(b)])
        && let Some(&yes) = words.map.get(body)
    {
        return Some(yes);
    }
    (marks.any(Marks::QUESTION) && shapes::holds_any(body, lexicon::YES_NO_QUESTION))
        .then_some(true)
}

/// A symbolic operator (`>=`, `≥`, `＜`...), the kind canonical text and deadlines write.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn symbol_op(input: &str) -> IResult<&str, Op> {
    let symbol = lexicon::PREFIX_INDEX
        .prefixes(input)
        .find(|(word, w)| matches!(w, OpWord::Op(_)) && !word.starts_with(is_cjk));
    match symbol {
        Some((word, OpWord::Op(op))) => Ok((&input[word.len()..], op)),
        _ => Err(nom_fail(input)),
    }
}

/// `年度计划数`, `按计划完成`, `>= 计划`: the operator (if written) and its span.
#[inline(never)]
fn plan(body: &str) -> Option<(Option<Op>, Option<Span>)> {
    let (rest, op) = match symbol_op(body) {
        Ok((rest, op)) => (ws(rest), Some((op, 0..offset(body, rest)))),
        Err(_) => (body, None),
    };
    let is_plan = lexicon::PLAN_PHRASES.contains(&rest)
        || lexicon::PLAN_SCHEDULE_PHRASES.contains(&rest)
        || (rest.contains("计划")
            && rest
                .chars()
                .all(|c| "按达到完成年度计划数值要求任务执行的全部实际".contains(c)));
    is_plan.then_some(match op {
        Some((op, span)) => (Some(op), Some(span)),
        None => (None, None),
    })
}

// ---------------------------------------------------------------------------------------------
// Deadlines

struct DeadlineReading {
    op: Op,
    op_span: Option<Span>,
    date: CalendarDate,
}

#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn small_number(input: &str) -> IResult<&str, u32> {
    let (rest, (value, _)) = number::any(input)?;
    let v = value
        .ok()
        .filter(|v| v.fract().is_zero() && !v.is_sign_negative());
    match v.and_then(|v| u32::try_from(v.mantissa()).ok()) {
        Some(n) => Ok((rest, n)),
        None => Err(nom_fail(input)),
    }
}

/// The days of `month` (1–12) of `year`: February has 29 where the year is unknown or a leap
/// year (also what `review.impossible-date` holds a target's date to).
pub(crate) fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

fn valid_date(year: Option<i32>, month: u32, day: Option<u32>) -> Option<CalendarDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(d) = day
        && (d == 0 || d > days_in_month(year, month))
    {
        return None;
    }
    if year.is_some_and(|y| !(1900..=2999).contains(&y)) {
        return None;
    }
    Some(CalendarDate {
        year,
        month: month as u8,
        day: day.map(|d| d as u8),
    })
}

/// `2023-09`, `2023-12-31`, `--09`: the canonical date.
fn iso_date(input: &str) -> Option<CalendarDate> {
    let two = |s: &str| -> Option<u32> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (year, rest) = if let Some(rest) = input.strip_prefix("--") {
        (None, rest)
    } else {
        let (y, rest) = input.split_at_checked(4)?;
        if !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (Some(y.parse().ok()?), rest.strip_prefix('-')?)
    };
    let mut parts = rest.split('-');
    let month = two(parts.next()?)?;
    let day = match parts.next() {
        Some(d) => Some(two(d)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    valid_date(year, month, day)
}

/// Words that may follow a deadline: `11月前完成`.
const DEADLINE_TAILS: &[&str] = &[
    "全部完成",
    "实施完毕",
    "完成",
    "完工",
    "竣工",
    "结束",
    "办结",
    "完毕",
    "到位",
    "发放",
    "拨付",
    "支付",
    "上线",
    "交付",
    "验收",
    "报送",
    "上报",
    "报出",
    "提交",
    "印发",
    "下达",
];

fn strip_any<'a>(input: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| input.strip_prefix(w))
}

/// `2023年12月底前`, `≤2023-06-30`: a deadline (out of line: the text's marks call it only
/// where a date may be written, and most targets are figures).
#[inline(never)]
fn deadline(body: &str, default_year: Option<i32>) -> Option<DeadlineReading> {
    let (rest, written_op) = match symbol_op(body) {
        Ok((rest, op)) => (ws(rest), Some((op, 0..offset(body, rest)))),
        Err(_) => (body, None),
    };
    let (op, date) = if let Some(date) = iso_date(rest).or_else(|| shapes::numeric_day(rest)) {
        (Op::Le, date)
    } else {
        chinese_deadline(rest, default_year)?
    };
    Some(match written_op {
        Some((op, span)) => DeadlineReading {
            op,
            op_span: Some(span),
            date,
        },
        None => DeadlineReading {
            op,
            op_span: None,
            date,
        },
    })
}

/// A year written in front (`2023年…`): the year and what follows it, else `None` and `input`.
pub(super) fn written_year(input: &str) -> (Option<i32>, &str) {
    if let Ok((r, y)) = small_number(input)
        && let Some(r) = r.strip_prefix('年')
        && (1900..=2999).contains(&y)
    {
        return (Some(y as i32), r);
    }
    (None, input)
}

/// `9月前`, `6月底前`, `年底前`, `2023年12月31日前`, `2021年7月`, `11月前完成`.
fn chinese_deadline(input: &str, default_year: Option<i32>) -> Option<(Op, CalendarDate)> {
    let (year, mut rest) = written_year(input);
    for w in ["当年", "本年", "今年", "本年度", "当年度"] {
        if let Some(r) = rest.strip_prefix(w) {
            rest = r;
            break;
        }
    }
    let year = year.or(default_year);
    let (op, month, day);
    if let Some(r) = strip_any(rest, &["年底", "年末", "年终", "年内", "底", "末"]) {
        if year.is_none() && !input.contains("年") {
            return None;
        }
        rest = r;
        rest = strip_any(rest, &["以前", "之前", "前"]).unwrap_or(rest);
        op = Op::Le;
        month = 12;
        day = None;
    } else {
        let (r, m) = small_number(rest).ok()?;
        rest = r.strip_prefix('月')?;
        let mut d = None;
        if let Ok((r, n)) = small_number(rest)
            && let Some(r) = r.strip_prefix('日').or_else(|| r.strip_prefix('号'))
        {
            d = Some(n);
            rest = r;
        }
        month = m;
        day = d;
        if let Some(r) = strip_any(rest, &["底以前", "底之前", "底前", "末前", "底", "末"])
        {
            if d.is_some() {
                return None;
            }
            rest = r;
            op = Op::Le;
        } else if let Some(r) = strip_any(rest, &["份以前", "份之前", "份前", "以前", "之前", "前"])
        {
            rest = r;
            // A month names its first day: before it begins. A day names itself: by that day.
            op = if d.is_some() { Op::Le } else { Op::Lt };
        } else {
            rest = strip_any(
                rest,
                &["份以内", "份之内", "份内", "以内", "之内", "内", "份"],
            )
            .unwrap_or(rest);
            op = Op::Le;
        }
    }
    let rest = strip_any(rest, DEADLINE_TAILS).unwrap_or(rest);
    if !rest.is_empty() {
        return None;
    }
    Some((op, valid_date(year, month, day)?))
}

// ---------------------------------------------------------------------------------------------
// Quantities

/// One number with its magnitude and unit, as written.
#[derive(Debug, Clone)]
struct Side {
    value: Value,
    value_span: Span,
    /// The magnitude factor written after the number (`万`).
    magnitude: Option<u64>,
    unit: Option<(Unit, Span)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    Compare(Option<Op>),
    Approximate,
    Range,
}

#[derive(Debug)]
struct QuantReading {
    form: Form,
    /// Whether each end of a range includes its bound (words always do; brackets say).
    inclusive: (bool, bool),
    op_span: Option<Span>,
    low: Side,
    high: Option<Side>,
    name_span: Option<Span>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn prefix_word(input: &str) -> Option<(&str, OpWord)> {
    lexicon::PREFIX_INDEX
        .longest(input)
        .map(|(word, w)| (&input[word.len()..], w))
}

#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn suffix_word(input: &str) -> Option<(&str, SuffixWord)> {
    lexicon::SUFFIX_INDEX.prefixes(input).find_map(|(word, w)| {
        let rest = &input[word.len()..];
        // A lone `内` only closes the target (`5个工作日内`).
        (word != "内" || ws(rest).is_empty()).then_some((rest, w))
    })
}

#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn range_separator(input: &str) -> Option<&str> {
    input.strip_prefix(lexicon::RANGE_SEPARATORS)
}

/// Whether `text` holds a comparator word of more than one character (`不低于`, `以上`), found
/// through the first-character index at each position (a scan of [`lexicon::PREFIX_OPS`] with
/// a substring search a word cost a hundred times more on every unit read).
fn holds_long_prefix_word(text: &str) -> bool {
    text.char_indices()
        .any(|(i, c)| long_prefix_word_at(&text[i..], c))
}

/// Whether a comparator word of more than one character begins `rest` (whose first character
/// is `first`).
fn long_prefix_word_at(rest: &str, first: char) -> bool {
    lexicon::PREFIX_INDEX
        .prefixes(rest)
        .any(|(w, _)| w.len() > first.len_utf8())
}

/// Where a unit may stop: the end, a blank, a suffix word, a range separator.
fn at_unit_boundary(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(char::is_whitespace)
        || suffix_word(rest).is_some()
        || range_separator(rest).is_some()
}

fn is_unit_char(c: char) -> bool {
    is_cjk(c) || c.is_ascii_alphabetic() || matches!(c, '/' | '²' | '³' | '㎡' | '·' | '／' | '℃')
}

/// The longest unit spelling at the start of `input` (only where a boundary follows it).
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn known_unit(input: &str) -> Option<(&'static str, usize)> {
    lexicon::UNIT_INDEX
        .prefixes(input)
        .find(|(spelling, _)| {
            let rest = &input[spelling.len()..];
            at_unit_boundary(rest) || rest.starts_with(['/', '／'])
        })
        .map(|(spelling, norm)| (norm, spelling.len()))
}

/// The normalised spelling of one unit as written (`平米` → `平方米`, `元/平米` → `元/平方米`).
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
pub fn normalise_unit(written: &str) -> Unit {
    if let Some(norm) = lexicon::unit_by_spelling(written) {
        return Unit(Cow::Borrowed(norm));
    }
    if written.contains(['/', '／']) {
        // `元/人/月`, `元/人*年`, `元/人·月`: one spelling, `元/人·月`.
        let mut parts = written.split(['/', '／']);
        let numerator = normalise_unit(parts.next().unwrap_or_default())
            .0
            .into_owned();
        let mut denominators: Vec<String> = parts
            .flat_map(|p| p.split(lexicon::is_unit_joiner))
            // `元/人.每天`: 每 says "per" again.
            .map(|p| {
                normalise_unit(p.strip_prefix(lexicon::PER_WORD).unwrap_or(p))
                    .0
                    .into_owned()
            })
            .collect();
        // Spans of time last: `元/月·人` is `元/人·月`.
        denominators.sort_by_key(|d| lexicon::TIME_DENOMINATORS.contains(&d.as_str()));
        return Unit(Cow::Owned(format!(
            "{numerator}/{}",
            denominators.join("·")
        )));
    }
    // (a spelling with no traditional character is its own simplified copy, looked up above)
    if !written.chars().any(lexicon::is_traditional) {
        return Unit(Cow::Owned(written.to_owned()));
    }
    let simplified: String = written.chars().map(lexicon::simplify).collect();
    if let Some(norm) = lexicon::unit_by_spelling(&simplified) {
        return Unit(Cow::Borrowed(norm));
    }
    Unit(Cow::Owned(simplified))
}

/// The unit after a number: `%`, a known spelling, or a short run of unit characters.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn unit(input: &str) -> Option<(&str, Unit, usize)> {
    // (each symbol's normalised spelling written here, not looked up: a test holds them to
    // `normalise_unit`)
    for (sym, norm) in PERCENT_SYMBOLS {
        if let Some(rest) = input.strip_prefix(sym)
            && !rest.starts_with(['/', '／'])
        {
            return Some((rest, Unit(Cow::Borrowed(norm)), sym.len()));
        }
    }
    let mut end = 0;
    let mut count = 0;
    for (i, c) in input.char_indices() {
        if suffix_word(&input[i..]).is_some() || range_separator(&input[i..]).is_some() {
            break;
        }
        // `元/人·月`, `元/人*年`: a joiner between the denominators of a compound unit.
        let joiner = lexicon::is_unit_joiner(c)
            && input[..i].contains(['/', '／'])
            && input[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| is_unit_char(n) && !lexicon::is_unit_joiner(n));
        if !(is_unit_char(c)
            || joiner
            || (c.is_ascii_digit() && i > 0 && input[..i].ends_with('m')))
        {
            break;
        }
        end = i + c.len_utf8();
        count += 1;
        // ten characters are no unit whatever follows: even less a closing `内`, nine are more
        // than the eight below, and no known spelling is that long
        if count == 10 {
            return None;
        }
    }
    // A unit does not end in `内`: printed, `前内` would read back as `前` closed by `内`.
    if count > 1 && input[..end].ends_with('内') {
        end -= '内'.len_utf8();
        count -= 1;
    }
    if count == 0 {
        return None;
    }
    // A known spelling holds no comparator word (`tests::no_unit_spelling_holds_a_comparator_word`):
    // taken before the word checks below, which only a spelling not in the lexicon needs.
    if let Some((norm, len)) = known_unit(input)
        && len == end
    {
        return Some((&input[len..], Unit(Cow::Borrowed(norm)), len));
    }
    // No unit begins with a comparator word (`0内内` is not "0 of the unit 内"), nor holds
    // one of the words written before a value (`0不低于…` is no unit `不低于…`), nor begins
    // with a qualifier (`0均/至` is no unit `均/至`: printed `<= 0 均/至`, the `均` would read
    // back as a qualifier).
    let written = &input[..end];
    if count > 8
        || lexicon::SUFFIX_INDEX.prefixes(written).next().is_some()
        || (count > 1 && holds_long_prefix_word(written))
        || lexicon::QUALIFIERS
            .iter()
            .chain(lexicon::DISTRIBUTIVE)
            .any(|w| written.starts_with(w))
    {
        return None;
    }
    Some((&input[end..], normalise_unit(written), end))
}

/// `（套）` after the measure word `台` (`20台（套）`, `≥5个(项)`): the unit `台（套）`, either
/// word, and the text after the bracket. Only measure words of counts on both sides
/// (`lexicon::is_alternative_unit`); the brackets are written full-width in the unit.
#[inline]
fn alternative_unit<'a>(first: &Unit, after: &'a str) -> Option<(Unit, &'a str)> {
    // most units end a target or come before a word: one byte tells (`(`, or `（`'s first)
    if !matches!(after.as_bytes().first(), Some(b'(' | 0xEF)) {
        return None;
    }
    alternative_in_brackets(first, after)
}

/// [`alternative_unit`] past its first byte's test.
#[cold]
#[inline(never)]
fn alternative_in_brackets<'a>(first: &Unit, after: &'a str) -> Option<(Unit, &'a str)> {
    let inner = after.strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let second = &inner[..close];
    if !(lexicon::is_alternative_unit(second)
        && lexicon::is_alternative_unit(first.as_str())
        && first.as_str() != second)
    {
        return None;
    }
    let bracket = inner[close..].chars().next()?;
    let rest = &inner[close + bracket.len_utf8()..];
    Some((
        Unit(Cow::Owned(format!("{}（{second}）", first.as_str()))),
        rest,
    ))
}

/// The percent and per-mille symbols a unit may be, each with its normalised spelling.
const PERCENT_SYMBOLS: [(&str, &str); 3] = [("%", "%"), ("％", "%"), ("‰", "‰")];

fn is_counting_unit(unit_text: &str) -> bool {
    lexicon::COUNTING_UNITS.contains(&unit_text)
}

/// A number with its magnitude and unit. `base` is the whole body, for spans.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn side<'a>(base: &str, input: &'a str) -> Option<(&'a str, Side)> {
    let start = offset(base, input);
    if let Some(r) = input.strip_prefix(lexicon::PERCENT_WORD_PREFIX) {
        let (rest, (value, _)) = number::any(r).ok()?;
        let end = offset(base, rest);
        return Some((
            rest,
            Side {
                value,
                value_span: start..end,
                magnitude: None,
                unit: Some((
                    Unit::PERCENT,
                    start..start + lexicon::PERCENT_WORD_PREFIX.len(),
                )),
            },
        ));
    }
    let (mut rest, (mut value, chinese)) = number::any(input).ok()?;
    let mut magnitude = None;
    // (a magnitude is looked for before a unit spelling: both are pure and the magnitude's
    // first characters are few, so most values never look a unit up here)
    if !chinese
        && let Ok((r, factor)) = number::magnitude(rest)
        && known_unit(rest).is_none()
    {
        magnitude = Some(factor);
        value = number::scale_by(value, factor);
        rest = r;
    }
    // `70 万元` (split cells joined), `5千 万元`: a magnitude before a unit, after a blank or a
    // first magnitude, scales the value too; a lone `百` stays a unit.
    while !chinese
        && let after = ws(rest)
        && let Ok((r, factor)) = number::magnitude(after)
        && known_unit(after).is_none()
        && r.chars().next().is_some_and(is_unit_char)
    {
        magnitude = Some(magnitude.unwrap_or(1).saturating_mul(factor));
        value = number::scale_by(value, factor);
        rest = r;
    }
    let value_end = offset(base, rest);
    let after = ws(rest);
    if chinese && let Some(side) = tenths(base, start..value_end, value, after) {
        return Some(side);
    }
    let mut unit_read = None;
    if let Some((r, u, len)) = unit(after) {
        let unit_start = offset(base, after);
        // a Chinese numeral takes a counting unit (`三个`) or a percent sign (`九十五%`: read as
        // words before, and a 90 % actual then 达成 by its share)
        if chinese && !is_counting_unit(&after[..len]) && !matches!(u.as_str(), "%" | "‰") {
            return None;
        }
        let (u, r, len) = match alternative_unit(&u, r) {
            Some((alt, r2)) => (alt, r2, offset(after, r2)),
            None => (u, r, len),
        };
        unit_read = Some((u, unit_start..unit_start + len));
        rest = r;
    }
    Some((
        rest,
        Side {
            value,
            value_span: start..value_end,
            magnitude,
            unit: unit_read,
        },
    ))
}

/// `九成` (tenths: 90 %) after a Chinese numeral `value` (`span` in `base`) at `after`: the
/// percent side, where `成` ends the word (`九成以上`, `九成，`; not `三成本`). Read as words
/// before, a 80 % actual against `九成以上` was 达成 by its share.
#[cold]
#[inline(never)]
fn tenths<'a>(
    base: &str,
    span: std::ops::Range<usize>,
    value: crate::lang::number::Value,
    after: &'a str,
) -> Option<(&'a str, Side)> {
    let rest = after.strip_prefix('成')?;
    let ends = match rest.chars().next() {
        None => true,
        Some(c) => matches!(c, '以' | '及' | '左' | '或' | '上' | '下') || !c.is_alphanumeric(),
    };
    let small = value
        .as_ref()
        .is_ok_and(|v| *v <= rust_decimal::Decimal::TEN);
    if !ends || !small {
        return None;
    }
    let at = offset(base, after);
    Some((
        rest,
        Side {
            value: number::scale_by(value, 10),
            value_span: span,
            magnitude: None,
            unit: Some((Unit::PERCENT, at..at + '成'.len_utf8())),
        },
    ))
}

/// `[90, 95] %`, `(3, 5]`: the canonical range.
fn bracket_range(body: &str) -> Option<QuantReading> {
    let low_inclusive = match body.chars().next()? {
        '[' => true,
        '(' => false,
        _ => return None,
    };
    let rest = ws(&body[1..]);
    let low_start = offset(body, rest);
    let (rest, low) = number::arabic(rest).ok()?;
    let low_span = low_start..offset(body, rest);
    let rest = ws(rest).strip_prefix(',')?;
    let rest = ws(rest);
    let high_start = offset(body, rest);
    let (rest, high) = number::arabic(rest).ok()?;
    let high_end = offset(body, rest);
    let rest = ws(rest);
    let high_inclusive = match rest.chars().next()? {
        ']' => true,
        ')' => false,
        _ => return None,
    };
    let rest = ws(&rest[1..]);
    let unit = if rest.is_empty() {
        None
    } else {
        let (r, u, len) = unit(rest)?;
        let (u, r, len) = match alternative_unit(&u, r) {
            Some((alt, r2)) => (alt, r2, offset(rest, r2)),
            None => (u, r, len),
        };
        if !r.is_empty() {
            return None;
        }
        let s = offset(body, rest);
        Some((u, s..s + len))
    };
    Some(QuantReading {
        form: Form::Range,
        inclusive: (low_inclusive, high_inclusive),
        op_span: None,
        low: Side {
            value: low,
            value_span: low_span,
            magnitude: None,
            unit: None,
        },
        high: Some(Side {
            value: high,
            value_span: high_start..high_end,
            magnitude: None,
            unit,
        }),
        name_span: None,
    })
}

/// A quantity read from `input` to its end, or nothing.
fn quantity_at(base: &str, input: &str) -> Option<QuantReading> {
    // `每生每年3300元`: per-unit words, folded into the unit below.
    let (mut per, mut rest) = shapes::per_units(input);
    // `（每月）不少于1次`: the period in brackets before the value
    if opens_bracket(rest)
        && per.is_empty()
        && let Some((p, r)) = shapes::per_in_brackets(rest)
    {
        (per, rest) = (p, ws(r));
    }
    let mut prefix: Option<OpWord> = None;
    let mut op_span = None;
    if let Some((r, w)) = prefix_word(rest) {
        prefix = Some(w);
        op_span = Some(offset(base, rest)..offset(base, r));
        rest = ws(r);
        // `达到≥95%`, `控制在≤5%`: a symbol after a word says the operator.
        if matches!(w, OpWord::Within | OpWord::Reach | OpWord::Between)
            && let Ok((r, op)) = symbol_op(rest)
        {
            prefix = Some(OpWord::Op(op));
            op_span = Some(offset(base, rest)..offset(base, r));
            rest = ws(r);
        }
        // `不超过人均200元`, `不低于每人每月300元`: the per-unit words after the comparator
        // (read as the distributive `均` with the comparator taken for items, this was
        // `>= 200 元` by the name's direction)
        if per.is_empty() {
            (per, rest) = shapes::per_units(rest);
        }
    }
    let (r, mut low) = side(base, rest)?;
    rest = ws(r);
    // `（含）` read past, remembered: beside a strict comparator it contradicts it (below)
    let mut inclusive_note = false;
    if let Some(r) = strip_any(rest, lexicon::INCLUSIVE_NOTES).or_else(|| {
        opens_bracket(rest)
            .then(|| restated_inclusive(base, rest, &low))
            .flatten()
    }) {
        inclusive_note = true;
        rest = ws(r);
    }
    let mut high = None;
    if let Some(r) = range_separator(rest) {
        let r = ws(r);
        let (r, h) = side(base, r)?;
        high = Some(h);
        rest = ws(r);
    }
    // `每季度2-3次`: the per-unit words folded into each bound's unit (a range's unit may be
    // written on its high bound alone); none written is no reading
    if !per.is_empty() && !fold_per(&per, &mut low, high.as_mut()) {
        return None;
    }
    let mut suffix = None;
    // where the word after the value is (`以内`: looked at only for a negative bound, below)
    let suffix_at = rest;
    if let Some((r, w)) = suffix_word(rest) {
        suffix = Some(w);
        if op_span.is_none() {
            op_span = Some(offset(base, rest)..offset(base, r));
        }
        rest = ws(r);
        if let Some(r) = strip_any(rest, lexicon::INCLUSIVE_NOTES).or_else(|| {
            opens_bracket(rest)
                .then(|| restated_inclusive(base, rest, high.as_ref().unwrap_or(&low)))
                .flatten()
        }) {
            inclusive_note = true;
            rest = ws(r);
        }
    }
    // `95%以上（不含）`: the bound excluded, which a remark read past would make inclusive
    let exclusive = strip_any(rest, lexicon::EXCLUSIVE_NOTES).is_some_and(|r| ws(r).is_empty());
    if !rest.is_empty() && !after_value(rest, per.is_empty(), &mut low, high.as_mut()) {
        return None;
    }
    let form = form_of(&Words {
        prefix,
        suffix,
        range: high.is_some(),
        exclusive,
        inclusive_note,
    })?;
    // `-5%以内`, `控制在-5%`: a negative bound said to be `within` reads both as `≤ -5%` (a fall
    // of at least 5%) and as a fall of at most 5% (`≥ -5%`, what `降幅5%以内` says); the two give
    // opposite verdicts for 0 or -3%, so neither is certain: no quantity, left to a person
    if form == Form::Compare(Some(Op::Le))
        && low
            .value
            .as_ref()
            .is_ok_and(|v| v.is_sign_negative() && !v.is_zero())
        && match suffix {
            Some(_) => strip_any(suffix_at, lexicon::WITHIN_TAILS).is_some(),
            None => prefix == Some(OpWord::Within),
        }
    {
        return None;
    }
    Some(QuantReading {
        form,
        inclusive: (true, true),
        op_span,
        low,
        high,
        name_span: None,
    })
}

/// The text after a value and its words: a period in brackets (`≥3次（每季度）`) folded into
/// the units as `每季度≥3次` is, never read past as a remark (one period only: `每月≥1次（每季度）`
/// is no reading), or a remark ([`shapes::is_remark`]); `false` for anything else (no reading).
/// `alone`: no per-unit words before the value.
#[inline(never)]
fn after_value(rest: &str, alone: bool, low: &mut Side, high: Option<&mut Side>) -> bool {
    match opens_bracket(rest)
        .then(|| shapes::per_in_brackets(rest))
        .flatten()
    {
        Some((per, r)) => alone && ws(r).is_empty() && fold_per(&per, low, high),
        None => shapes::is_remark(rest),
    }
}

/// `每季度` folded into the units of `low` and `high` (`次` → `次/季度`); `false` where neither
/// writes a unit or a compound is one the unit reader would not take back (`每前0每季度个百分点`
/// → `每季度个百分点/前`, past its length): no reading.
fn fold_per(per: &[&str], low: &mut Side, high: Option<&mut Side>) -> bool {
    let mut folded = false;
    for s in std::iter::once(low).chain(high) {
        let Some((unit, span)) = s.unit.take() else {
            continue;
        };
        let combined = shapes::with_per(&unit, per);
        if !self::unit(combined.as_str()).is_some_and(|(r, u, _)| r.is_empty() && u == combined) {
            return false;
        }
        s.unit = Some((combined, span));
        folded = true;
    }
    folded
}

/// `（含20个）`, `(含20)`: a bracket that says the bound is included by restating it, read past
/// as `（含）` is where its figure is the bound's and its unit, if written, the bound's too
/// (`不少于20个（含20个）`); any other figure in it (`（含19个）`) is no note to read past.
/// Asked only where [`opens_bracket`] holds (a byte test: most quantities end here with no
/// bracket after them, and the call itself cost ~26 instructions a target on the parse cut).
#[cold]
#[inline(never)]
fn restated_inclusive<'a>(base: &str, rest: &'a str, bound: &Side) -> Option<&'a str> {
    let inner = rest
        .strip_prefix("（含")
        .or_else(|| rest.strip_prefix("(含"))?;
    let (r, said) = side(base, ws(inner))?;
    let r = ws(r);
    let r = r.strip_prefix('）').or_else(|| r.strip_prefix(')'))?;
    let same_value = matches!((&said.value, &bound.value), (Ok(a), Ok(b)) if a == b);
    let same_unit = match (&said.unit, &bound.unit) {
        (None, _) => true,
        (Some((a, _)), Some((b, _))) => a == b,
        (Some(_), None) => false,
    };
    (same_value && same_unit).then_some(r)
}

/// Whether `rest` opens a bracket (`（` or `(`), told by its first bytes.
#[inline(always)]
fn opens_bracket(rest: &str) -> bool {
    matches!(rest.as_bytes(), [b'(', ..] | [0xEF, 0xBC, 0x88, ..])
}

/// The words around a quantity: before it, after it, and the notes after those.
struct Words {
    prefix: Option<OpWord>,
    suffix: Option<SuffixWord>,
    /// A second bound follows (`90%-95%`).
    range: bool,
    /// `（不含）` closes the text.
    exclusive: bool,
    /// `（含）` was read past.
    inclusive_note: bool,
}

/// The form the words around a quantity give it (a comparison, a range, an approximate value);
/// none where they cannot be read as written.
#[inline]
fn form_of(w: &Words) -> Option<Form> {
    let (prefix, suffix) = (w.prefix, w.suffix);
    let form = match (prefix, suffix, w.range) {
        (_, _, true) => match (prefix, suffix) {
            (None | Some(OpWord::Between), None | Some(SuffixWord::Between)) => Form::Range,
            _ => return None,
        },
        (Some(OpWord::About), None | Some(SuffixWord::About), false)
        | (None, Some(SuffixWord::About), false) => Form::Approximate,
        // `≥95%以下`, `≤95%以上`, `低于5%以上`: a comparator and a word after the value that
        // point opposite ways cannot be read as written (the word was read past: the tenth
        // probe); no quantity, left to a person
        (Some(OpWord::Op(op)), Some(SuffixWord::Op(word)), false) if opposite_ways(op, word) => {
            return None;
        }
        (Some(OpWord::Op(op)), _, false) => Form::Compare(Some(op)),
        (Some(OpWord::Within), Some(SuffixWord::Op(op)), false) => Form::Compare(Some(op)),
        (Some(OpWord::Within), None, false) => Form::Compare(Some(Op::Le)),
        (Some(OpWord::Reach | OpWord::Between), Some(SuffixWord::Op(op)), false) => {
            Form::Compare(Some(op))
        }
        (Some(OpWord::Reach), None, false) => Form::Compare(Some(Op::Ge)),
        (None, Some(SuffixWord::Op(op)), false) => Form::Compare(Some(op)),
        (None, None, false) => Form::Compare(None),
        _ => return None,
    };
    // strict where a word after the value says ≥ or ≤ (`以上（不含）`, `以下（不含）`); anywhere
    // else (`≥95%（不含）`, a range) it cannot be read as written: no quantity, left to a person
    let form = match (w.exclusive, prefix, suffix, form) {
        (false, _, _, form) => form,
        (
            true,
            None | Some(OpWord::Within | OpWord::Reach),
            Some(SuffixWord::Op(op @ (Op::Ge | Op::Le))),
            Form::Compare(Some(_)),
        ) => Form::Compare(Some(if op == Op::Ge { Op::Gt } else { Op::Lt })),
        _ => return None,
    };
    // `高于95%（含）`, `大于95%（含本数）`: a strict comparator said to include its bound cannot be
    // read as written (neither `>` nor `≥` is certain): no quantity, left to a person, as
    // `≥95%（不含）` is
    if w.inclusive_note && matches!(form, Form::Compare(Some(Op::Gt | Op::Lt))) {
        return None;
    }
    Some(form)
}

/// Whether two comparators point opposite ways (one `≥`/`>`, the other `≤`/`<`).
fn opposite_ways(a: Op, b: Op) -> bool {
    matches!(
        (a, b),
        (Op::Ge | Op::Gt, Op::Le | Op::Lt) | (Op::Le | Op::Lt, Op::Ge | Op::Gt)
    )
}

/// Endings of indicator names that may be restated in front of a value (`验收合格率100%`).
const NAME_ENDINGS: &[char] = &['率', '度', '数', '量', '额', '积', '值', '比', '例', '性'];

/// The brackets and the enumeration comma a restated name may hold besides ideographs.
fn is_name_mark(c: char) -> bool {
    matches!(c, '(' | ')' | '（' | '）' | '、')
}

/// Where the value starts after a restated indicator name, if the text has one.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn restated_name_end(body: &str, indicator: Option<&str>) -> Option<usize> {
    // The name is a run of CJK text; the value starts at the first other character (a digit or
    // a symbol), or earlier where the run ends in a comparator word (`满意度达到95%`).
    let first_other = body.find(|c: char| !is_cjk(c) && !is_name_mark(c))?;
    if first_other == 0 {
        return None;
    }
    let run = &body[..first_other];
    // the longest comparator word of more than one character the run ends in
    let split = run
        .char_indices()
        .find(|&(i, c)| {
            lexicon::PREFIX_INDEX
                .prefixes(&run[i..])
                .any(|(w, _)| w.len() == run.len() - i && w.len() > c.len_utf8())
        })
        .map(|(i, _)| i)
        .or_else(|| shapes::find_word(run, lexicon::PERCENT_WORD_PREFIX))
        .unwrap_or(first_other);
    if split == 0 {
        return None;
    }
    let name = body[..split].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '：' | '为' | '是' | '应' | '须')
    });
    // `每季度2-3次`: a period the count is set per, not a name (`季度` ends in `度`)
    if name.is_empty()
        || name.starts_with('每')
        || name.chars().any(|c| !is_cjk(c) && !is_name_mark(c))
    {
        return None;
    }
    let by_name = indicator.map(simplify).is_some_and(|n| {
        let n: &str = &n;
        shapes::holds_any(n, &[name]) || shapes::holds_any(name, &[n])
    });
    (by_name || name.ends_with(NAME_ENDINGS)).then_some(split)
}

/// A period like `2023.07-2024.01` is not a numeric range.
fn looks_like_period(q: &QuantReading) -> bool {
    let is_year_month = |s: &Side| {
        s.unit.is_none()
            && s.value.is_ok_and(|v| {
                v.scale() == 2 && (1900..3000).contains(&v.trunc().mantissa()) && {
                    let m = (v.fract() * rust_decimal::Decimal::ONE_HUNDRED).trunc();
                    (1..=12).contains(&m.mantissa())
                }
            })
    };
    q.form == Form::Range && is_year_month(&q.low) && q.high.as_ref().is_some_and(is_year_month)
}

fn quantitative(body: &str, indicator: Option<&str>) -> Option<QuantReading> {
    if let Some(q) = bracket_range(body) {
        return Some(q);
    }
    // (the reading stays where it is made: a `QuantReading` is some 250 bytes, and each
    // `or_else` and `then_some` moved it whole)
    let mut q = quantity_shape(body, body);
    if q.is_none()
        && let Some(split) = restated_name_end(body, indicator)
    {
        q = quantity_shape(body, &body[split..]);
        if let Some(q) = &mut q {
            q.name_span.get_or_insert(0..split);
        }
    }
    if q.as_ref().is_some_and(looks_like_period) {
        return None;
    }
    q
}

/// The quantity `input` (a tail of `body`) reads as: a comparison or range, a chained
/// comparison, a tolerance.
#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn quantity_shape(body: &str, input: &str) -> Option<QuantReading> {
    let q = quantity_at(body, input);
    if q.is_some() {
        return q;
    }
    let q = shapes::chained(body, input);
    if q.is_some() {
        return q;
    }
    shapes::tolerance(body, input)
}

// ---------------------------------------------------------------------------------------------
// Name templates and assembly

/// What an indicator name carries in its closing parentheses: `(≥**%)`, `(≤**元/株)`, `(亩)`,
/// `(万立方米)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTemplate {
    pub op: Option<Op>,
    pub factor: Option<u64>,
    pub unit: Option<Unit>,
}

/// Read the template in the name's last parentheses, if it is one. (Always inlined: the hot
/// reader had it in line, and the two copies of `build_quantitative` put it out of line.)
#[inline(always)]
pub fn name_template(indicator: &str) -> Option<NameTemplate> {
    let trimmed = indicator.trim_end();
    let (open, close) = if trimmed.ends_with(')') {
        ('(', ')')
    } else if trimmed.ends_with('）') {
        ('（', '）')
    } else {
        return None;
    };
    let inner_end = trimmed.len() - close.len_utf8();
    let inner_start = trimmed[..inner_end].rfind(open)? + open.len_utf8();
    let mut inner = trimmed[inner_start..inner_end].trim();
    let mut op = None;
    if let Ok((r, o)) = symbol_op(inner) {
        op = Some(o);
        inner = ws(r);
    } else if let Some((r, OpWord::Op(o))) = prefix_word(inner) {
        op = Some(o);
        inner = ws(r);
    }
    let placeholder = inner.starts_with(['*', '＊', 'X', 'x', '×']);
    inner = inner.trim_start_matches(['*', '＊', 'X', 'x', '×', ' ']);
    let mut factor = None;
    let mut spelled = known_unit(inner);
    if spelled.is_none()
        && let Ok((r, f)) = number::magnitude(inner)
    {
        factor = Some(f);
        inner = r;
        spelled = known_unit(inner);
    }
    if inner.is_empty() {
        return (op.is_some() && placeholder).then_some(NameTemplate {
            op,
            factor,
            unit: None,
        });
    }
    // a unit read whole (below) is known where the whole inner text is a known spelling, a
    // counting unit or a name's unit: without a placeholder nothing else is a template, so the
    // words most names' brackets hold (`（个人用户）`) are refused before the unit reader runs
    let known_whole = |len: usize| {
        spelled.is_some_and(|(_, l)| l == len)
            || is_counting_unit(&inner[..len])
            || lexicon::NAME_UNITS.contains(&&inner[..len])
    };
    if !placeholder && !known_whole(inner.len()) {
        return None;
    }
    let (rest, u, len) = unit(inner)?;
    if !rest.is_empty() {
        return None;
    }
    if !(placeholder || known_whole(len)) {
        return None;
    }
    Some(NameTemplate {
        op,
        factor,
        unit: Some(u),
    })
}

#[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
fn finish_side(
    side: &Side,
    template: Option<&NameTemplate>,
    unit_origin: &mut Option<Origin>,
) -> Result<(rust_decimal::Decimal, Option<Unit>), Overflow> {
    let value = side.value?;
    match (
        &side.unit,
        template.and_then(|t| t.unit.as_ref().map(|u| (t, u))),
    ) {
        // `≤28.40/株` under `(≤**元/株)`: the name completes the unit.
        (Some((written, _)), Some((_, tu)))
            if written.as_str().starts_with('/') && tu.as_str().ends_with(written.as_str()) =>
        {
            *unit_origin = Some(Origin::Name);
            Ok((value, Some(tu.clone())))
        }
        (Some((written, _)), _) => {
            *unit_origin = Some(Origin::Text);
            Ok((value, Some(written.clone())))
        }
        (None, Some((t, tu))) => {
            *unit_origin = Some(Origin::Name);
            let value = match (side.magnitude, t.factor) {
                (None, Some(f)) => number::scale_by(Ok(value), f)?,
                _ => value,
            };
            Ok((value, Some(tu.clone())))
        }
        (None, None) => Ok((value, None)),
    }
}

/// The target a quantity reads as; `None` where its parts disagree (a range of two units).
/// Two copies (`RARE`): the hot reader's, called from one place and kept in line as it was,
/// and the rare re-reading's of a range written as two comparisons. One function called from
/// both was put out of line (parse +0.8 % at 1/20), and inlined into both it pushed the name
/// readers out of line instead (+1.3 %).
fn build_quantitative<const RARE: bool>(
    q: &mut QuantReading,
    ctx: &Context<'_>,
    prov: &mut Provenance,
) -> Option<Target> {
    // `5万/月` under a money indicator (`补助标准`): the magnitude was of 元.
    let bare_per = |side: &Side| {
        side.magnitude.is_some()
            && side
                .unit
                .as_ref()
                .is_some_and(|(u, _)| u.as_str().starts_with('/'))
    };
    if (bare_per(&q.low) || q.high.as_ref().is_some_and(bare_per))
        && shapes::money_indicator(ctx.indicator)
    {
        for side in std::iter::once(&mut q.low).chain(q.high.as_mut()) {
            if bare_per(side)
                && let Some((u, _)) = &mut side.unit
            {
                *u = Unit(Cow::Owned(format!("元{}", u.as_str())));
            }
        }
    }
    let template = ctx.indicator.and_then(name_template);
    let overflow = Target::Error {
        message: ErrorKind::Overflow,
    };
    let mut unit_origin = None;
    let Ok((low, low_unit)) = finish_side(&q.low, template.as_ref(), &mut unit_origin) else {
        return Some(overflow);
    };
    let target = match q.form {
        Form::Range => {
            let high_side = q.high.as_ref().expect("a range has two sides");
            let Ok((high, high_unit)) = finish_side(high_side, template.as_ref(), &mut unit_origin)
            else {
                return Some(overflow);
            };
            // `3-5万人`: a magnitude written once applies to a bare first number too.
            let low = match (q.low.magnitude, &q.low.unit, high_side.magnitude) {
                (None, None, Some(f)) => match number::scale_by(Ok(low), f) {
                    Ok(v) => v,
                    Err(_) => return Some(overflow),
                },
                _ => low,
            };
            let unit = match (low_unit, high_unit) {
                (Some(a), Some(b)) if a != b => return None,
                (a, b) => b.or(a),
            };
            let (low_inclusive, high_inclusive) = q.inclusive;
            Target::range((low, low_inclusive), (high, high_inclusive), unit)
        }
        Form::Approximate => Target::Approximate {
            quantity: Quantity::new(low, low_unit),
        },
        Form::Compare(written) => {
            let quantity = Quantity::new(low, low_unit);
            let op = match (written, template.as_ref().and_then(|t| t.op)) {
                (Some(op), _) => {
                    prov.op = Some(Origin::Text);
                    op
                }
                (None, Some(op)) => {
                    prov.op = Some(Origin::Name);
                    op
                }
                (None, None) => {
                    // `2%` under `化学农药量较上年减少`: the name says the baseline and the way.
                    if quantity
                        .unit
                        .as_ref()
                        .is_some_and(|u| u.is_percent() || u.as_str() == "百分点")
                        && let Some(up) = shapes::name_relative(ctx.indicator)
                    {
                        prov.op = Some(Origin::Name);
                        prov.unit = Some(Origin::Text);
                        let (op, change) = shapes::relative_from_name(up, quantity.value);
                        return Some(Target::Relative {
                            op,
                            change,
                            unit: quantity.unit,
                        });
                    }
                    let decision = ctx.directions.decide(
                        Subject {
                            indicator: ctx.indicator,
                            category: ctx.category,
                            subcategory: ctx.subcategory,
                        },
                        &quantity,
                    );
                    prov.op = Some(Origin::Rule(decision.rule));
                    decision.op
                }
            };
            Target::Compare { op, quantity }
        }
    };
    // `不低于2022年水平`, `高于2022年`: the level of a year, not 2022 of a unit `年水平` (no
    // duration runs to 1900 years): left to a person, as `较2022年增长5%` is
    if names_a_year(&target) {
        return None;
    }
    prov.unit = unit_origin.filter(|_| target.unit().is_some());
    Some(target)
}

/// Whether `target` compares with a figure that is a year (`≥2022年水平`, `> 2022 年`, `≥2022年度`):
/// a whole number from 1900 to 2100 in a unit that begins with `年`. (Always inlined, as
/// [`name_template`].)
#[inline(always)]
fn names_a_year(target: &Target) -> bool {
    let (value, unit) = match target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            (quantity.value, quantity.unit.as_ref())
        }
        Target::Range { low, unit, .. } => (low.value, unit.as_ref()),
        _ => return false,
    };
    unit.is_some_and(|u| u.as_str().starts_with('年'))
        && value.fract().is_zero()
        && (rust_decimal::Decimal::from(1900)..=rust_decimal::Decimal::from(2100)).contains(&value)
}

#[cfg(test)]
mod tests {
    use super::lexicon;
    use super::{Marks, parse, parse_marked};

    /// Every target of the fixtures (the seed, the three corpora, the cases) reads the same with
    /// every reader's gate open as with the gates its characters open: a gate only skips
    /// readers that could not have read the text.
    #[test]
    fn gates_hide_no_reading() {
        let rules = super::Context::default().directions;
        let mut n = 0;
        for f in crate::lang::test_targets::all() {
            for year in [None, Some(2023)] {
                let ctx = super::Context {
                    indicator: f.indicator.as_deref(),
                    category: f.category.as_deref(),
                    subcategory: f.subcategory.as_deref(),
                    year,
                    directions: rules,
                };
                let gated = parse(&f.target, &ctx);
                let mut open = super::Parsed::empty();
                parse_marked(&f.target, &ctx, |_| Marks::ALL, &mut open);
                assert_eq!(gated, open, "{:?}\t{}", f.indicator, f.target);
                n += 1;
            }
        }
        assert!(n > 1200, "{n}");
    }

    /// The blank checks' fast paths answer as the standard library's trims, on every
    /// character that is whitespace and its neighbours.
    #[test]
    fn blanks_are_trimmed_as_the_standard_library_trims() {
        let blanks: Vec<char> = (0..0x11_0000)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for c in &blanks {
            let mut utf8 = [0; 4];
            assert!(
                super::may_begin_blank(c.encode_utf8(&mut utf8).as_bytes()[0]),
                "{c:?}"
            );
        }
        for a in blanks
            .iter()
            .copied()
            .chain(['a', '率', '9', '％', '\u{85}', '\u{3001}'])
        {
            for b in ['x', '满', '%', '\u{2060}', '\u{a1}', a] {
                for text in [
                    format!("{a}{b}"),
                    format!("{b}{a}"),
                    format!("{a}95{a}"),
                    format!("{b}95{b}"),
                    a.to_string(),
                ] {
                    assert_eq!(super::trim(&text), text.trim(), "{text:?}");
                    assert_eq!(super::ws(&text), text.trim_start(), "{text:?}");
                }
            }
        }
        assert_eq!(super::trim(""), "");
        assert_eq!(super::ws(""), "");
    }

    /// `100余人`, `100多人` read as more than 100 人 (the word the comparison, at its bytes) and
    /// `100来人` as about 100 人; a comparison or an `约` the text writes keeps its own, the word
    /// only leaving the unit; the word alone (`100多`) or before letters (`100余m`) is left as
    /// read ([`super::loose_count`]).
    #[test]
    fn loose_counts_read_as_they_say() {
        use crate::lang::Origin;
        for (text, canonical, text_op, op_span, unit_span) in [
            ("100余人", "> 100 人", true, Some(3..6), 6..9),
            ("100多人", "> 100 人", true, Some(3..6), 6..9),
            ("100来人", "≈ 100 人", false, None, 6..9),
            ("≥100余人", ">= 100 人", true, Some(0..3), 9..12),
            ("不超过100多人", "<= 100 人", true, Some(0..9), 15..18),
            ("<100来人", "< 100 人", true, Some(0..1), 7..10),
            ("约100多人", "≈ 100 人", false, Some(0..3), 9..12),
            ("100多", ">= 100 多", false, None, 3..6),
            ("100余m", ">= 100 余m", false, None, 3..7),
        ] {
            let p = parse(text, &super::Context::default());
            assert_eq!(p.target.canonical().as_deref(), Some(canonical), "{text}");
            assert_eq!(p.provenance.op == Some(Origin::Text), text_op, "{text}");
            assert_eq!(p.spans.op, op_span, "{text}");
            assert_eq!(p.spans.unit, Some(unit_span), "{text}");
        }
    }

    /// Each percent symbol's spelling written in `unit` is the one the lexicon normalises it to.
    #[test]
    fn percent_symbols_normalise_as_the_lexicon_says() {
        for (sym, norm) in super::PERCENT_SYMBOLS {
            assert_eq!(super::normalise_unit(sym).as_str(), norm, "{sym}");
        }
    }

    /// `unit` takes a known spelling before looking for comparator words in it: that is the
    /// same answer only while no spelling is one the word checks would refuse.
    #[test]
    fn no_unit_spelling_holds_a_comparator_word() {
        for (spelling, _) in lexicon::UNIT_SPELLINGS {
            let n = spelling.chars().count();
            assert!((1..=8).contains(&n), "{spelling}: {n} characters");
            for (w, _) in lexicon::SUFFIX_OPS {
                assert!(!spelling.starts_with(w), "{spelling} begins with {w}");
            }
            for (w, _) in lexicon::PREFIX_OPS {
                assert!(
                    w.chars().count() < 2 || !spelling.contains(w),
                    "{spelling} holds {w}"
                );
            }
        }
    }
}
