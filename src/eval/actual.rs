//! Year-end actuals (实际完成值) as real sheets write them, read with the target language:
//! `96.2%`, `523万人`, `3.1秒`, `是`/`否`, `达成`/`部分达成`/`未达成`, `7月`, `按期完成`.
//!
//! A plain figure (`95.4%`, `231`: ASCII digits, a decimal point, a `%`) is read here without
//! the target language, as it reads it (a test holds the two equal on thousands of figures):
//! most actuals are one, and on a sheet whose actuals rarely repeat the general parser was a
//! sixth of the run.
//!
//! Loose writing is read, never silently passed: a bare number takes the target's unit; an
//! actual that copies its target's comparator (`≥266米`) is read as its value and flagged;
//! `完成`/`已完成` against a numeric target is only a claim and goes to a person for review.
//!
//! A yes/no target answered in other words ([`answer`]): a grade word (`达成`, `实现`,
//! `未完成`) or a restatement of the `是否…` question (`有利于…` for `是否利于…`, `不符合标准`
//! for `是否符合标准`) is read as 是 or 否 and the note says so. A restatement must keep three
//! quarters of the question's characters in order, add at most half as many again (four at
//! least), and carry no hedge (`部分`, `基本`, `但`, [`HEDGES`](crate::lang::lexicon::HEDGES)):
//! longer or hedged prose goes to a person; its polarity is the parity of negations (`不`, `未`, `没有` …, not
//! `不断`, `不低于`) against the question's own. `有无…` questions are not answered this way:
//! whether 有 or 无 is wanted is not in the question.

use rust_decimal::Decimal;

use super::methodology::Grade;
use crate::lang::{self, CalendarDate, Context, Origin, Quantity, Target, Unit};

/// What an actual says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actual {
    /// Nothing written.
    Missing,
    /// A number, with the unit it was written with (or the target's, for a bare number).
    Quantity {
        quantity: Quantity,
        /// The unit came from the target (`100` against `100%`).
        unit_from_target: bool,
        /// The actual copied a comparator (`≥266米`).
        copied_comparator: bool,
        /// The actual is about the figure (`约100人`, `100人左右`: `eval::bound`).
        approximate: bool,
    },
    /// 是 / 达到 / 符合 … (`true`), 否 (`false`).
    YesNo(bool),
    /// A claim of completion (`完成`, `已完成`) without a figure or a date.
    Done,
    /// Done on time, in words (`按期完成`, `如期完成`), against a deadline.
    OnTime,
    /// A person's grade of a qualitative target.
    Grade(Grade),
    /// A person's share of the weight for a qualitative target (`85%`).
    Share(Decimal),
    /// A completion date (`7月`, `2023年11月20日`).
    Date(CalendarDate),
    /// Text that says none of these.
    Text(String),
    /// A yes/no target answered in other words: a grade word (`达成`, `未完成`) or a
    /// restatement of the question (`有利于推动企业走出去` for `是否利于企业走出去`);
    /// `met`: the target's requirement holds.
    Answer { met: bool, how: Answered },
}

/// How a yes/no target was answered in other words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// A grade word (`达成`, `实现`, `未完成`).
    Word,
    /// The question restated (`符合标准` for `是否符合标准`), or negated (`不符合标准`).
    Restated,
}

/// Words that say the work was done, beside those that also say it was on time
/// ([`super::lateness::ON_TIME_WORDS`]).
const DONE_WORDS: &[&str] = &["完成", "已完成", "全部完成", "已达成"];

pub(super) fn grade_word(text: &str) -> Option<Grade> {
    Some(match text {
        "达成" | "已达成" | "达成目标" | "全部达成" | "完全达成" => {
            Grade::Achieved
        }
        "达成年度指标" | "达成预期指标" | "达成预期目标" | "达到预期目标" | "达到预期指标" => {
            Grade::Achieved
        }
        "部分达成"
        | "基本达成"
        | "部分达成并具有一定效果"
        | "部分达成，并具有一定效果"
        | "部分达成年度指标并具有一定效果"
        | "部分达成年度指标，并具有一定效果" => Grade::Partly,
        "未达成"
        | "未达成且效果较差"
        | "未达成，且效果较差"
        | "未完成"
        | "未达成年度指标且效果较差"
        | "未达成年度指标，且效果较差" => Grade::NotAchieved,
        _ => return None,
    })
}

/// Read an actual against its target.
pub fn read(text: &str, target: &Target, indicator: Option<&str>, year: Option<i32>) -> Actual {
    read_with(text, target, indicator, year, &mut |t, ctx| {
        lang::parse(t, ctx)
    })
}

/// [`read`], reading the text's figure with `parse` (evaluation passes a memoising one: the
/// figure depends on the text, the indicator and the year only, never on the target).
pub fn read_with(
    text: &str,
    target: &Target,
    indicator: Option<&str>,
    year: Option<i32>,
    parse: &mut dyn FnMut(&str, &Context<'_>) -> lang::Parsed,
) -> Actual {
    let trimmed = trimmed(text);
    if trimmed.is_empty() {
        return Actual::Missing;
    }
    if let Some(g) = grade_word(trimmed) {
        return Actual::Grade(g);
    }
    // the target's own words restated (`有效` against `有效`): 达成 (contract §8.6)
    if let Target::Qualitative { text: t } = target
        && same_words(trimmed, t)
    {
        return Actual::Grade(Grade::Achieved);
    }
    if DONE_WORDS.contains(&trimmed) || super::lateness::ON_TIME_WORDS.contains(&trimmed) {
        // `已完成` answers a yes/no target; against anything else it is only a claim.
        return match target {
            Target::Boolean { .. } => Actual::YesNo(true),
            Target::Deadline { .. } if super::lateness::ON_TIME_WORDS.contains(&trimmed) => {
                Actual::OnTime
            }
            _ => Actual::Done,
        };
    }
    // most actuals are a plain figure (`95.4%`, `231`): read without the general parser (and
    // its memo), as it would read them
    if let Some(quantity) = plain_figure(trimmed).or_else(|| figure_in_unit(trimmed, target)) {
        return quantity_actual(quantity, false, false, target);
    }
    general(trimmed, target, indicator, year, parse)
}

/// An actual's text as [`read_with`] reads it: without the spaces around it and the full
/// stops and semicolons after it.
/// (Found on the end bytes where they show nothing to trim, [`ends_plainly`]: every actual of
/// a sheet is read so, and `str::trim`'s decoding of both ends cost ~50 instructions a row.)
#[inline]
pub(super) fn trimmed(text: &str) -> &str {
    if ends_plainly(text.as_bytes()) {
        return text;
    }
    text.trim().trim_end_matches(['。', '.', '；', ';'])
}

/// Whether `b` (a `str`'s bytes) starts and ends with a character that is neither white space
/// nor, at the end, a full stop or semicolon (`。`, `.`, `；`, `;`), read on its end bytes: an
/// ASCII letter, digit or sign, or a CJK ideograph (three bytes led by E4–E9, U+4000–U+9FFF,
/// where no white space is). `false` says nothing: the text is then trimmed as written.
#[inline]
fn ends_plainly(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let ideograph = |lead: u8| (0xE4..=0xE9).contains(&lead);
    let starts = (0x21..=0x7E).contains(&first) || ideograph(first);
    let ends = ((0x21..=0x7E).contains(&last) && last != b'.' && last != b';')
        || (b.len() >= 3 && ideograph(b[b.len() - 3]));
    starts && ends
}

/// `unit` as the `'static` text of [`PLAIN_UNITS`] (or `%`) it equals, where it is one (a
/// figure followed by such a unit is read as that figure in that unit without the language):
/// a unit that is cloned for every figure read without an allocation.
pub(super) fn static_plain_unit(unit: &str) -> Option<&'static str> {
    if unit == "%" {
        return Some("%");
    }
    PLAIN_UNITS.iter().find(|u| **u == unit).copied()
}

/// Units of counts and measures that the target language reads after a plain figure as that
/// figure in that unit, whatever the indicator or year (no magnitude, date or period in them:
/// `万人`, `月`, `年` are not here). A test holds each to the language's reading.
const PLAIN_UNITS: &[&str] = &[
    "人",
    "人次",
    "个",
    "次",
    "件",
    "户",
    "家",
    "台",
    "套",
    "项",
    "册",
    "场",
    "所",
    "篇",
    "份",
    "辆",
    "条",
    "株",
    "例",
    "起",
    "元",
    "秒",
    "分钟",
    "小时",
    "米",
    "公里",
    "平方米",
    "亩",
    "公顷",
    "吨",
    "千克",
    "GB",
    "TB",
    // more counts and measures, and rates of two of them (`元/平方米`, `人/次`): each read as
    // written (a varied sheet's actuals in these units went through the parser, ~8.7k
    // instructions each)
    "村",
    "架",
    "单",
    "张",
    "本",
    "只",
    "头",
    "棵",
    "处",
    "栋",
    "座",
    "间",
    "名",
    "位",
    "种",
    "批",
    "班",
    "立方米",
    "元/平方米",
    "元/米",
    "元/株",
    "元/人",
    "人/次",
    "人/年",
];

/// A plain figure followed by the target's own unit, where that unit is one of [`PLAIN_UNITS`]
/// (`12.5次` against `12次`): the figure in that unit, as the target language reads it (a
/// varied sheet's actuals, read without the parser and its memo). Anything else is left to the
/// language.
fn figure_in_unit(text: &str, target: &Target) -> Option<Quantity> {
    let unit = target.unit()?;
    let digits = text.strip_suffix(unit.as_str())?;
    if !PLAIN_UNITS.contains(&unit.as_str()) {
        return None;
    }
    crate::table::amount::plain_decimal(digits.as_bytes())
        .map(|d| Quantity::new(d, Some(unit.clone())))
}

/// [`read_with`] past the words and plain figures: the text read by the target language.
fn general(
    trimmed: &str,
    target: &Target,
    indicator: Option<&str>,
    year: Option<i32>,
    parse: &mut dyn FnMut(&str, &Context<'_>) -> lang::Parsed,
) -> Actual {
    let ctx = Context {
        indicator,
        year,
        ..Context::default()
    };
    // `逾100人` is `超过100人` (`super::bound`)
    let over = super::bound::over_word(trimmed);
    let parsed = parse(over.as_deref().unwrap_or(trimmed), &ctx);
    // a figure beside words that say it fell short (`95%（未完成）`), or for a ceiling that it
    // went past (`5%（超标）` against `≤5%`), is no figure to score by
    let short = || short_word(trimmed, target).is_some();
    match parsed.target {
        Target::Compare { op, quantity } => {
            let copied = parsed.provenance.op == Some(Origin::Text);
            // a comparator copied from the target (`≥95%`) is read by its figure; one that
            // points the other way (`不足95%`, `<95%` against `≥95%`) says the figure was not
            // reached, and is left to a person rather than read as reaching it; a bound that
            // does not meet the target by itself (`超过100人`, `100余人` against `≥120人`) says
            // nothing certain of it, and is left to a person too
            if copied
                && (opposite(op, target) || super::bound::short_of_target(op, &quantity, target))
                || short()
            {
                return Actual::Text(trimmed.to_owned());
            }
            quantity_actual(quantity, copied, false, target)
        }
        Target::Approximate { quantity } => {
            if short() {
                return Actual::Text(trimmed.to_owned());
            }
            let copied = parsed.provenance.op == Some(Origin::Text);
            quantity_actual(quantity, copied, true, target)
        }
        // `均达到`, `已完成全年目标` against a figure is a claim of completion, not a yes/no.
        Target::Boolean { expected: true }
            if !matches!(target, Target::Boolean { .. } | Target::Deadline { .. }) =>
        {
            Actual::Done
        }
        Target::Boolean { expected } => Actual::YesNo(expected),
        Target::Deadline { date, .. } => Actual::Date(date),
        _ => Actual::Text(trimmed.to_owned()),
    }
}

/// Words in an actual beside its figure that say the figure was not reached (`未达`, `没完成`,
/// `不达标`, …), or that it is only aimed at (`力争95%`, `争取95%`: a plan, not a result), or
/// that it is not this year's result at all (`100人（预计）`, `（计划）`, `（目标）`,
/// `（进行中）`, `（未统计）`, `（上年）`, `（上半年）`: the tenth probe). Words that a done
/// result may hold too (`按计划完成`, `达到预期`, `达到目标`, `模拟`, `接待`, `响应到位`,
/// `上半年支出进度`) are only matched bracketed or in a longer phrase.
pub(crate) const NOT_DONE_WORDS: &[&str] = &[
    "未完成",
    "未达",
    "未实现",
    "未能",
    "尚未",
    "仍未",
    "没有完成",
    "没有达到",
    "没有达成",
    "没有实现",
    "没完成",
    "没达到",
    "没达成",
    "没实现",
    "不达标",
    "力争",
    "争取",
    // a lone `未` or the grade `差` as the figure's remark
    "（未）",
    "(未)",
    "（差）",
    "(差)",
    // a forecast, a plan or the target itself given where the result belongs
    "预计",
    "预估",
    "估计",
    "估算",
    "有望",
    "可望",
    "力求",
    "（计划）",
    "(计划)",
    "计划数",
    "计划值",
    "（预期）",
    "(预期)",
    "（拟）",
    "(拟)",
    "（目标）",
    "(目标)",
    "目标值",
    "申报数",
    "（应到）",
    "(应到)",
    "应到数",
    "应完成",
    // not done yet, in part, or not yet counted
    "待完成",
    "待验收",
    "未验收",
    "待统计",
    "未统计",
    "正在统计",
    "待定",
    "待核",
    "进行中",
    "实施中",
    "推进中",
    "部分完成",
    "暂无数据",
    "尚无数据",
    "数据未出",
    "还差",
    // another period's figure
    "（上年）",
    "(上年)",
    "上年数",
    "（上半年）",
    "(上半年)",
];

/// Words in an actual beside its figure that say a ceiling (`≤5%`) was gone past (`5%（超标）`).
/// Against a floor they say the opposite (`超标完成`: done beyond the target), so only a
/// ceiling's actual is read by them.
const OVER_WORDS: &[&str] = &["超标", "未控制", "没控制", "没有控制", "失控"];

/// A bare figure (`text`, read in the target's base unit as `read`) against a target whose
/// figure is written with a magnitude (`≥100万元`, `≤90万元`, `≥1.2万人次`): whether the
/// figure must go to a person, as it may be in the unit as written (100万元) as readily as in
/// the base unit the target is held in (100元). It need not where both readings meet a
/// compared target (`90` against `≤90万元`: full points either way), nor where the magnitude
/// does not follow the target's last figure (`≥100元`, `≥一百万元`: as before), nor where the
/// actual writes a magnitude of its own (`2.95万` against `≤3万元` is 29500元).
pub(crate) fn bare_figure_is_ambiguous(
    text: &str,
    read: &Quantity,
    target: &Target,
    target_text: &str,
) -> bool {
    let Some(last_digit) = target_text.rfind(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    // `2.95万` against `≤3万元`: the actual writes its own magnitude (read as 29500, in the
    // target's base unit 元), so it is no bare figure: one reading only
    if magnitude_after_figure(text).is_some() {
        return false;
    }
    let written_unit = &target_text[last_digit + 1..];
    if !written_unit.starts_with(['万', '亿', '千'])
        || written_unit.starts_with("千克")
        || written_unit.starts_with("千米")
        || written_unit.starts_with("千瓦")
    {
        return false;
    }
    // the figure and unit only: no directions wanted (the bundled rules' would be compiled
    // for it, ~3 M instructions a process)
    let as_written = lang::parse(&format!("{text}{written_unit}"), &Context::unruled());
    let written = match as_written.target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => quantity,
        _ => return true,
    };
    if written.unit != read.unit || written.value == read.value {
        return written.unit != read.unit;
    }
    let meets = |q: &Quantity| match target {
        Target::Compare { op, quantity } => {
            quantity.unit == q.unit && op.holds(q.value, quantity.value)
        }
        _ => false,
    };
    !(meets(read) && meets(&written))
}

/// Units of things counted whole: a figure of them is never a fraction.
const COUNTED: &[&str] = &[
    "人", "人次", "个", "次", "户", "户次", "家", "所", "件", "台", "辆", "座", "处", "项", "场",
    "场次", "名", "份", "套", "只", "头", "株", "棵", "篇", "本", "册", "张", "间", "栋", "口",
    "批", "条", "宗", "起", "位", "部", "期", "班", "门",
];

/// `1.200人`: a count of whole things (`COUNTED`) written with a period before groups of
/// three digits (`1.200`, `12.500.000`, a first group of one to three digits not starting
/// with 0): a thousands mark where a comma is the decimal mark (1200人) as readily as a
/// decimal point (1.2人, no whole count). Read as a decimal it scored 0.12 of 100 against
/// `≥1000人` without a word: where this holds, the actual goes to a person
/// ([`crate::codes::EVAL_PERIOD_THOUSANDS`]). The figure and the unit, as written.
pub(crate) fn period_thousands(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let b = text.as_bytes();
    // the first period, after one to three digits not starting with 0 (most figures fail
    // here, with no allocation: this is asked of every actual the general path reads)
    let first = memchr::memchr(b'.', b)?;
    if !(1..=3).contains(&first) || b[0] == b'0' || !b[..first].iter().all(u8::is_ascii_digit) {
        return None;
    }
    // then groups of a period and three digits, and no digit after the last
    let mut at = first;
    while b.get(at) == Some(&b'.') {
        if !b.get(at + 1..at + 4)?.iter().all(u8::is_ascii_digit) {
            return None;
        }
        at += 4;
    }
    if b.get(at).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (figure, unit) = text.split_at(at);
    let unit = unit.trim();
    is_counted(unit).then_some((figure, unit))
}

/// Whether `unit` counts whole things ([`COUNTED`]: one or two Chinese characters, so any other
/// length, `%` or `万元`'s six bytes aside, is told by its length alone).
pub(crate) fn is_counted(unit: &str) -> bool {
    matches!(unit.len(), 3 | 6) && COUNTED.contains(&unit)
}

/// [`period_thousands`] of a target after its comparison (`≥1.000人`, `不少于1.200人`).
pub(crate) fn target_period_thousands(target: &str) -> Option<(&str, &str)> {
    // most targets hold no period: one scan for it first
    memchr::memchr(b'.', target.as_bytes())?;
    let t = target.trim();
    let t = [
        "不少于",
        "不低于",
        "不超过",
        "不高于",
        "大于",
        "小于",
        "达到",
        "约",
    ]
    .iter()
    .find_map(|w| t.strip_prefix(w))
    .unwrap_or(t)
    .trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', '≧', '≦', '＝']);
    period_thousands(t)
}

/// The magnitude an actual writes right after a figure (`80万元`: `万`; `1.2千万`: `千万`),
/// and where it starts and ends in `text`; none for `5千米`, `3千克`, `2千瓦` (units, not
/// magnitudes) or a text with no figure followed by one. The first such figure only.
pub(crate) fn magnitude_after_figure(text: &str) -> Option<(usize, usize)> {
    // most actuals hold none of the three: one scan for them before any other work
    let mut at = next_magnitude(text, 0)?;
    loop {
        let before = text[..at].chars().next_back();
        let run = text[at..].len()
            - text[at..]
                .trim_start_matches(['万', '亿', '千', '百'])
                .len();
        let after = &text[at + run..];
        let unit = text[at..].starts_with('千')
            && ["克", "米", "瓦", "卡", "焦", "帕", "伏", "赫", "字", "兆"]
                .iter()
                .any(|u| after.starts_with(u));
        if before.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && !unit {
            return Some((at, at + run));
        }
        at = next_magnitude(text, at + run.max(1))?;
    }
}

/// Where the next `万`, `亿` or `千` starts in `text` at or after `from` (a character's start):
/// their last UTF-8 bytes (0x87, 0xBF, 0x83) found with `memchr3`, each checked with the two
/// before it — a few instructions an actual, where a search by characters decoded every one
/// (the repeating bench sheet: +0.2 % of instructions).
fn next_magnitude(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = from;
    while let Some(k) = memchr::memchr3(0x87, 0xBF, 0x83, b.get(at..)?) {
        let last = at + k;
        if last >= from + 2
            && matches!(
                &b[last - 2..=last],
                [0xE4, 0xB8, 0x87] | [0xE4, 0xBA, 0xBF] | [0xE5, 0x8D, 0x83]
            )
        {
            return Some(last - 2);
        }
        at = last + 1;
    }
    None
}

/// A figure written with a magnitude (`80万元`, `0.8万人`, `3千`: `text`, read in the base
/// unit as `read`, 800000元) against a target written bare (`≥100`: no unit and no magnitude,
/// as a template's amount column or a header's `（万元）` leaves it): whether it must go to a
/// person. The base unit's 800000 meets `≥100` as plainly as the figure as written, 80 (the
/// office writing the column in 万元), fails it — ten thousand times apart, the mirror of
/// [`bare_figure_is_ambiguous`]. Not where both readings meet a compared target (`120万`
/// against `≥100`), nor where the target writes a unit (`≥100元`: 80万元 is 800000元) or a
/// magnitude of its own (`>13万` against `14万`).
pub(crate) fn magnitude_against_bare_target(
    text: &str,
    read: &Quantity,
    target: &Target,
    target_text: &str,
) -> bool {
    let bare = match target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            quantity.unit.is_none()
        }
        Target::Range { unit, .. } => unit.is_none(),
        _ => false,
    };
    if !bare {
        return false;
    }
    // the actual first: most hold no 万, 亿 or 千 and end here
    let Some((from, to)) = magnitude_after_figure(text) else {
        return false;
    };
    if magnitude_after_figure(target_text).is_some() {
        return false;
    }
    // the figure and its unit without the magnitude: no directions wanted (as above)
    let without = format!("{}{}", &text[..from], &text[to..]);
    let written = match lang::parse(&without, &Context::unruled()).target {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => quantity,
        _ => return false,
    };
    if written.unit != read.unit || written.value == read.value {
        return false;
    }
    let meets = |q: &Quantity| match target {
        Target::Compare { op, quantity } => op.holds(q.value, quantity.value),
        _ => false,
    };
    !(meets(read) && meets(&written))
}

/// Words in a row's 偏差原因 that say its figure is no year-end result: a forecast, the work not
/// done, not accepted or not counted. Narrower than [`NOT_DONE_WORDS`]: the column holds
/// improvement measures too (`力争`, `争取`, `预计明年…` are what a plan for next year says).
const NOTE_NOT_FINAL_WORDS: &[&str] = &[
    "预计数",
    "为预计",
    "预估数",
    "估算数",
    "未完成",
    "尚未",
    "未完工",
    "未验收",
    "未统计",
    "数据未出",
    "暂无数据",
];

/// The word of `NOTE_NOT_FINAL_WORDS` a 偏差原因 note holds, where it is not denied right
/// before (`无未完成事项`, `没有尚未…`).
pub(crate) fn note_not_final(note: &str) -> Option<&'static str> {
    NOTE_NOT_FINAL_WORDS.iter().copied().find(|w| {
        note.match_indices(w).any(|(at, _)| {
            let before = &note[..at];
            !(before.ends_with('无') || before.ends_with("没有") || before.ends_with('不'))
        })
    })
}

/// The word of [`NOT_DONE_WORDS`] (or, against a ceiling, of `OVER_WORDS`) an actual's text
/// holds, for the message of the row it leaves to a person (`eval::score`).
/// One pass over the text for all the words at once (an actual may hold a remark of a
/// megabyte: a search a word made the tenth probe's longer list cost 70 passes).
pub(crate) fn short_word(text: &str, target: &Target) -> Option<&'static str> {
    if text.len() < LONG_ACTUAL {
        return short_word_by_search(text, target);
    }
    static NOT_DONE: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let automaton = NOT_DONE.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(NOT_DONE_WORDS)
            .ok()
    });
    let not_done = match automaton {
        Some(a) => a.find(text).map(|m| NOT_DONE_WORDS[m.pattern().as_usize()]),
        None => NOT_DONE_WORDS.iter().find(|w| text.contains(*w)).copied(),
    };
    not_done.or_else(|| over_word(text, target))
}

/// [`short_word`] for an actual of ordinary length: a search a word (building the automaton
/// costs ~3 M instructions, once a process: more than a form's whole scan).
fn short_word_by_search(text: &str, target: &Target) -> Option<&'static str> {
    NOT_DONE_WORDS
        .iter()
        .find(|w| text.contains(*w))
        .copied()
        .or_else(|| over_word(text, target))
}

/// The word of `OVER_WORDS` an actual against a ceiling holds.
fn over_word(text: &str, target: &Target) -> Option<&'static str> {
    is_ceiling(target)
        .then(|| OVER_WORDS.iter().find(|w| text.contains(*w)).copied())
        .flatten()
}

/// An actual at least this long is searched by the automaton.
const LONG_ACTUAL: usize = 512;

/// Whether a target is a ceiling (`≤`, `<`).
fn is_ceiling(target: &Target) -> bool {
    matches!(
        target,
        Target::Compare {
            op: lang::Op::Le | lang::Op::Lt,
            ..
        }
    )
}

/// Whether an actual's comparator points away from the target's (`<`, `≤` against `≥`, `>`;
/// and the reverse).
pub(crate) fn opposite(actual: lang::Op, target: &Target) -> bool {
    use lang::Op::{Ge, Gt, Le, Lt};
    match target {
        Target::Compare { op, .. } => {
            matches!((op, actual), (Ge | Gt, Le | Lt) | (Le | Lt, Ge | Gt))
        }
        _ => false,
    }
}

/// A figure read as an actual against `target`: a share of a qualitative target's weight
/// (`85%`), else the quantity, with the target's unit where it was written bare; `approximate`
/// where it is written as about the figure (`约100人`).
fn quantity_actual(quantity: Quantity, copied: bool, approximate: bool, target: &Target) -> Actual {
    if matches!(target, Target::Qualitative { .. })
        && quantity.unit.as_ref().is_some_and(|u| u.as_str() == "%")
    {
        return Actual::Share(quantity.value / Decimal::ONE_HUNDRED);
    }
    let (quantity, unit_from_target) = match (&quantity.unit, target.unit()) {
        (None, Some(u)) => (Quantity::new(quantity.value, Some(u.clone())), true),
        _ => (quantity, false),
    };
    Actual::Quantity {
        quantity,
        unit_from_target,
        copied_comparator: copied,
        approximate,
    }
}

/// A plain figure: ASCII digits (at most 18), an optional decimal point with digits after it,
/// an optional `%` at the end, nothing else (no sign, separator, unit or space). The target
/// language reads these as a compared quantity with the digits' exact value and scale
/// (`95.40%` is 95.40 with the unit `%`), whatever the indicator or year; anything else
/// (`-3`, `1,000`, `９５`, `95 %`, `约95%`) is left to it. A test holds the two equal.
fn plain_figure(text: &str) -> Option<Quantity> {
    let (digits, unit) = match text.strip_suffix('%') {
        Some(d) => (d, Some(lang::Unit::PERCENT)),
        None => (text, None),
    };
    crate::table::amount::plain_decimal(digits.as_bytes()).map(|d| Quantity::new(d, unit))
}

/// A yes/no target answered in other words (the actual `read` as [`read`] gave it, `written`
/// as the sheet has it, `question` the target's text): a grade word (`达成`, `实现`, `未完成`,
/// [`lexicon::ANSWER_MET`](crate::lang::lexicon::ANSWER_MET)), or a restatement of the question
/// (`有利于推动企业走出去` for `是否利于企业走出去`, `不符合标准` for `是否符合标准`). `None`
/// where the target is not yes/no, or the actual says 是/否 already, or says something else.
pub fn answer(read: &Actual, written: &str, target: &Target, question: &str) -> Option<Actual> {
    use crate::lang::lexicon::{ANSWER_MET, ANSWER_NOT_MET};
    let Target::Boolean { expected } = target else {
        return None;
    };
    let text = written
        .trim()
        .trim_end_matches(['。', '.', '；', ';', '！', '!']);
    let said = match read {
        Actual::Grade(Grade::Achieved) => Some(true),
        Actual::Grade(Grade::NotAchieved) => Some(false),
        Actual::Grade(Grade::Partly) | Actual::Share(_) => return None,
        Actual::Text(_) | Actual::Done | Actual::YesNo(_) => None,
        _ => return None,
    };
    if let Some(met) = said
        .or_else(|| ANSWER_MET.contains(&text).then_some(true))
        .or_else(|| ANSWER_NOT_MET.contains(&text).then_some(false))
    {
        return Some(Actual::Answer {
            met,
            how: Answered::Word,
        });
    }
    // a restatement answers the question itself: 是 is what `是否…` wants (`符合标准` reads
    // as 是 on its own too; the note says it restated the question); 是, 否, 无 stay as written
    let yes = restated(text, question)?;
    Some(Actual::Answer {
        met: yes == *expected,
        how: Answered::Restated,
    })
}

/// Whether `text` restates the yes/no `question` (`是否利于企业走出去`): `Some(true)` for
/// the question said affirmatively (`有利于推动企业走出去`), `Some(false)` negated
/// (`不利于企业走出去`), `None` where it is not a restatement. A restatement keeps most of the
/// question's words in order (three quarters of its characters, at least two) and is not much
/// longer (prose goes to a person); its polarity is the parity of negations against the
/// question's own.
pub fn restated(text: &str, question: &str) -> Option<bool> {
    use crate::lang::lexicon::RESTATED_QUESTION;
    let question = question
        .trim()
        .trim_end_matches(['？', '?', '。', '.', '；', ';']);
    let (at, marker) = RESTATED_QUESTION
        .iter()
        .filter_map(|m| question.find(m).map(|at| (at, *m)))
        .min_by_key(|(at, _)| *at)?;
    let core = &question[at + marker.len()..];
    if crate::lang::lexicon::HEDGES
        .iter()
        .any(|h| text.contains(h) && !core.contains(h))
    {
        return None;
    }
    let (core_words, core_negated) = without_negations(core);
    let (text_words, text_negated) = without_negations(text);
    let (nc, nt) = (core_words.len(), text_words.len());
    // a few words more than the question (`有利于推动…` for `利于…`), not a sentence more
    if nc < 2 || nt < 2 || nt > nc + (nc / 2).max(4) {
        return None;
    }
    let need = (3 * nc).div_ceil(4).max(2);
    if common_subsequence(&core_words, &text_words) < need {
        return None;
    }
    Some(core_negated == text_negated)
}

/// The characters of `s` (spaces and punctuation aside) with its negations taken out, and
/// whether it is negated (an odd number of negations).
fn without_negations(s: &str) -> (Vec<char>, bool) {
    use crate::lang::lexicon::{NEGATIONS, NOT_NEGATING};
    let mut chars = Vec::with_capacity(s.len() / 3 + 1);
    let mut negated = false;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(w) = NOT_NEGATING.iter().find(|w| rest.starts_with(**w)) {
            chars.extend(w.chars());
            rest = &rest[w.len()..];
            continue;
        }
        if let Some(w) = NEGATIONS.iter().find(|w| rest.starts_with(**w)) {
            negated = !negated;
            rest = &rest[w.len()..];
            continue;
        }
        if !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。；：、？！（）“”".contains(c)
        {
            chars.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    (chars, negated)
}

/// The length of the longest common subsequence of `a` and `b` (both short: a question and
/// its answer).
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Whether two texts say the same words (spaces and closing punctuation aside).
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '；' | ';' | '\u{3000}'))
            .collect::<String>()
    };
    let a = words(a);
    !a.is_empty() && a == words(b)
}

/// The percent unit.
pub fn is_percent(unit: Option<&Unit>) -> bool {
    unit.is_some_and(|u| u.as_str() == "%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn an_actual_trimmed_on_its_end_bytes_is_trimmed_as_written() {
        // every character at either end, and beside a full stop or a semicolon: the end bytes'
        // answer is `str::trim` and the stops' trim, to the byte
        fn written(t: &str) -> &str {
            t.trim().trim_end_matches(['。', '.', '；', ';'])
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for t in [
                format!("{c}1{c}"),
                format!("1{c}"),
                format!("{c}是"),
                format!("9{c}。"),
                format!("{c}"),
            ] {
                assert_eq!(trimmed(&t), written(&t), "{t:?}");
            }
        }
        for t in [
            "",
            " ",
            "96%",
            " 96% ",
            "12次",
            "12次。",
            "是；",
            "1.",
            "1;",
            "\u{3000}是",
        ] {
            assert_eq!(trimmed(t), written(t), "{t:?}");
        }
    }

    #[test]
    fn a_magnitude_is_found_right_after_a_figure_only() {
        fn at(t: &str) -> Option<&str> {
            magnitude_after_figure(t).map(|(a, b)| &t[a..b])
        }
        assert_eq!(at("80万元"), Some("万"));
        assert_eq!(at("1.2千万人"), Some("千万"));
        assert_eq!(at("３亿"), Some("亿"));
        assert_eq!(at("约万人，80万元"), Some("万"));
        assert_eq!(magnitude_after_figure("约万人，80万元"), Some((14, 17)));
        for none in ["3千米", "5千克", "万人", "80元", "96.5%", "", "千", "一万"] {
            assert_eq!(at(none), None, "{none}");
        }
        // the last bytes of 万 / 亿 / 千 ending other characters (乇 U+4E47, 乿 U+4E7F) are not them
        assert_eq!(at("8乇8乿"), None);
    }

    fn t(s: &str) -> Target {
        lang::parse(s, &Context::default()).target
    }

    #[test]
    fn figures_in_the_targets_unit_read_as_the_target_language_reads_them() {
        let mut figures: Vec<String> = [
            "",
            "0",
            "12",
            "12.5",
            "007",
            "0.25",
            "3.",
            ".5",
            "-3",
            "1,000",
            "95 ",
            "约5",
            "1e5",
            "９５",
            "1.2.3",
            "999999999999999999",
            "9999999999999999999",
            "2023",
            "12",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let whole = x % 10u64.pow((x >> 40) as u32 % 9);
            let decimals = (x >> 20) as usize % 4;
            let fraction = format!("{:06}", x % 1_000_000)[..decimals].to_owned();
            figures.push(if decimals > 0 {
                format!("{whole}.{fraction}")
            } else {
                whole.to_string()
            });
        }
        for unit in PLAIN_UNITS {
            let targets = [
                t(&format!("≥200{unit}")),
                t(&format!("≤5{unit}")),
                t(&format!("12{unit}")),
                t(&format!("10-20{unit}")),
                t(&format!("约100{unit}")),
            ];
            let indicators = [
                None,
                Some("办公设备维修维护工作完成率".to_owned()),
                Some(format!("服务数量(≥**{unit})")),
                Some(format!("服务数量(≥**万{unit})")),
                Some(format!("响应时间（{unit}）")),
            ];
            let mut fast = 0;
            for figure in &figures {
                for text in [format!("{figure}{unit}"), format!("{figure} {unit}")] {
                    for target in &targets {
                        fast += usize::from(figure_in_unit(&text, target).is_some());
                        for indicator in &indicators {
                            let indicator = indicator.as_deref();
                            let ours = read(&text, target, indicator, Some(2023));
                            let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';']);
                            let theirs =
                                general(trimmed, target, indicator, Some(2023), &mut |t, ctx| {
                                    lang::parse(t, ctx)
                                });
                            // Debug shows a decimal's scale (12.50, not 12.5): the same digits, too
                            assert_eq!(
                                format!("{ours:?}"),
                                format!("{theirs:?}"),
                                "{text:?} against {target:?} under {indicator:?}"
                            );
                        }
                    }
                }
            }
            // each unit takes the fast path (the targets are in its unit), not only the parser
            assert!(fast > 900, "{unit}: {fast}");
        }
    }

    #[test]
    fn plain_figures_read_as_the_target_language_reads_them() {
        let mut texts: Vec<String> = [
            "95.4%",
            "95.40%",
            "231",
            "0",
            "0.5",
            "007",
            "00.10",
            "100%",
            "2023",
            "2023.12",
            "12",
            "1",
            "10.0",
            "0.001%",
            "999999999999999999",
            // 19 digits: past an i64 mantissa (was read, overflowing), left to the language
            "9999999999999999999",
            "9999999999999999999%",
            "999999999999999.9999",
            "1234567890.12345678",
            "3.",
            ".5",
            "5%%",
            "%",
            "",
            "1.2.3",
            "-3",
            "1,000",
            "９５",
            "95 %",
            "1e5",
            "+5",
            "5.%",
            "约95%",
            "95%以上",
            "0%",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let whole = x % 10u64.pow((x >> 40) as u32 % 12);
            let decimals = (x >> 20) as usize % 5;
            let fraction: String = format!("{:06}", x % 1_000_000)[..decimals].to_owned();
            let mut s = whole.to_string();
            if decimals > 0 {
                s = format!("{s}.{fraction}");
            }
            if x & 1 == 1 {
                s.push('%');
            }
            texts.push(s);
        }
        let targets = [
            t("≥95%"),
            t("≥200人"),
            t("有效"),
            t("是"),
            t("2023年12月前"),
        ];
        let mut fast = 0;
        for text in &texts {
            fast += usize::from(plain_figure(text).is_some());
            for target in &targets {
                for indicator in [None, Some("办公设备维修维护工作完成率")] {
                    let general = |text: &str| {
                        let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';']);
                        if trimmed.is_empty() {
                            return Actual::Missing;
                        }
                        general(trimmed, target, indicator, Some(2023), &mut |t, ctx| {
                            lang::parse(t, ctx)
                        })
                    };
                    let ours = read(text, target, indicator, Some(2023));
                    // Debug shows a decimal's scale (95.40, not 95.4): the same digits, too
                    assert_eq!(
                        format!("{ours:?}"),
                        format!("{:?}", general(text)),
                        "{text:?} against {target:?}"
                    );
                }
            }
        }
        // the fast path is taken (most of the generated figures), not only the general one
        assert!(fast > 2000, "{fast}");
    }

    #[test]
    fn loose_actuals() {
        let pct = t("≥95%");
        match read("100", &pct, None, None) {
            Actual::Quantity {
                quantity,
                unit_from_target: true,
                ..
            } => {
                assert_eq!(quantity.value, Decimal::from(100));
                assert_eq!(quantity.unit.unwrap().as_str(), "%");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("≥266米", &t("≥266米"), None, None),
            Actual::Quantity {
                copied_comparator: true,
                ..
            }
        ));
        assert_eq!(read("已完成", &pct, None, None), Actual::Done);
        assert_eq!(
            read("已完成", &t("是否完成"), None, None),
            Actual::YesNo(true)
        );
        assert_eq!(read("否", &t("是否完成"), None, None), Actual::YesNo(false));
        assert_eq!(
            read("部分达成", &t("正常开展"), None, None),
            Actual::Grade(Grade::Partly)
        );
        assert_eq!(
            read("85%", &t("正常开展"), None, None),
            Actual::Share(Decimal::from_str("0.85").unwrap())
        );
        assert_eq!(read("  ", &pct, None, None), Actual::Missing);
        assert_eq!(
            read("有效。", &t("有效"), None, None),
            Actual::Grade(Grade::Achieved)
        );
        assert_eq!(
            read("达成年度指标", &t("正常开展"), None, None),
            Actual::Grade(Grade::Achieved)
        );
        match read("523万人", &t("518万人以上"), None, None) {
            Actual::Quantity { quantity, .. } => {
                assert_eq!(quantity.value, Decimal::from(5_230_000))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("2023年11月20日", &t("2023年12月前"), None, None),
            Actual::Date(_)
        ));
    }

    #[test]
    fn restatements_answer_the_question() {
        let q = "是否利于企业走出去";
        assert_eq!(restated("有利于推动企业走出去", q), Some(true));
        assert_eq!(restated("不利于企业走出去", q), Some(false));
        assert_eq!(restated("符合标准", "是否符合标准"), Some(true));
        assert_eq!(restated("不符合标准", "是否符合标准"), Some(false));
        assert_eq!(restated("尚未符合标准。", "是否符合标准"), Some(false));
        // `不断` does not negate
        assert_eq!(restated("不断提升服务质量", "是否提升服务质量"), Some(true));
        // the question's own negation: restated as is, it is a yes
        assert_eq!(restated("未发生安全事故", "是否未发生安全事故"), Some(true));
        assert_eq!(restated("发生安全事故", "是否未发生安全事故"), Some(false));
        // other words, or prose much longer than the question: not a restatement
        assert_eq!(restated("工作开展顺利", q), None);
        assert_eq!(
            restated(
                "有利于企业走出去，但项目执行中存在资金拨付滞后、台账不全等问题，需整改",
                q
            ),
            None
        );
        // `有无` does not say which is wanted
        assert_eq!(restated("无安全事故", "有无安全事故"), None);
        // partial or hedged: neither 是 nor 否
        assert_eq!(restated("按时完成了部分工作", "是否按时完成"), None);
        assert_eq!(restated("基本符合标准", "是否符合标准"), None);
        assert_eq!(restated("符合标准，但资料不全", "是否符合标准"), None);
    }
}
